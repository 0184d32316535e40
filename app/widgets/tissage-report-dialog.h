/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <adwaita.h>

#include "tissage-document.h"
#include "tissage-map-layout.h"
#include "tissage-report.h"

G_BEGIN_DECLS

#define TISSAGE_TYPE_REPORT_DIALOG (tissage_report_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TissageReportDialog, tissage_report_dialog, TISSAGE, REPORT_DIALOG, AdwWindow)

/*
 * The choices of the report for the funders (period, member structure,
 * sections, pseudonymisation, logo), then its PDF (« Exporter… ») or its
 * pages on a printer (« Imprimer… »), drawn by the same renderer.
 * @print: the window opened for printing, its main button « Imprimer… ».
 */
GtkWindow *tissage_report_dialog_new         (GtkWindow             *parent,
                                              TissageDocument       *document,
                                              TissageMapLayoutKind   map_layout,
                                              gboolean               print);
void       tissage_report_dialog_set_print   (TissageReportDialog   *self,
                                              gboolean               print);
void       tissage_report_dialog_select      (TissageReportDialog   *self,
                                              gint64                 period_id,
                                              gint64                 structure_id);
/* The logo's path in @options belongs to the dialog. */
void       tissage_report_dialog_get_options (TissageReportDialog   *self,
                                              TissageReportOptions  *options);
gboolean   tissage_report_dialog_is_running  (TissageReportDialog   *self);
/* « Rapport 2025 — Mission locale….pdf »: the period and structure chosen. */
char      *tissage_report_dialog_dup_file_name (TissageReportDialog *self);
/* Over the dialog, not behind it in the window. */
void       tissage_report_dialog_show_error  (TissageReportDialog   *self,
                                              const char            *message);
/* Writes the PDF to @path in a worker thread, showing the progress. */
void       tissage_report_dialog_start       (TissageReportDialog   *self,
                                              const char            *path);
/* Prints through GtkPrintOperation; with @export_path, into that PDF
 * without a print dialog (for tests and scripts). */
void       tissage_report_dialog_print       (TissageReportDialog   *self,
                                              const char            *export_path);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <gio/gio.h>

#include "tissage-document.h"
#include "tissage-map-layout.h"

G_BEGIN_DECLS

#define TISSAGE_XLSX_ERROR (tissage_xlsx_error_quark ())

typedef enum
{
  TISSAGE_XLSX_ERROR_DESTINATION,   /* a folder, a missing or unwritable folder */
  TISSAGE_XLSX_ERROR_OPEN_ELSEWHERE,
  TISSAGE_XLSX_ERROR_READ,
  TISSAGE_XLSX_ERROR_WRITE,
} TissageXlsxError;

/* The sheets of the workbook, in their order; the interviews are on a
 * sheet per guide used, named after it. */
typedef enum
{
  TISSAGE_XLSX_SHEET_SYNTHESIS    = 1 << 0,
  TISSAGE_XLSX_SHEET_FRAMEWORK    = 1 << 1,
  TISSAGE_XLSX_SHEET_MEASURES     = 1 << 2,
  TISSAGE_XLSX_SHEET_STAKEHOLDERS = 1 << 3,
  TISSAGE_XLSX_SHEET_INTERVIEWS   = 1 << 4,
  TISSAGE_XLSX_SHEET_VERBATIMS    = 1 << 5,
  TISSAGE_XLSX_SHEET_COOPERATION  = 1 << 6,
  TISSAGE_XLSX_SHEETS_ALL         = (1 << 7) - 1,
} TissageXlsxSheets;

#define TISSAGE_XLSX_N_SHEETS 7

/* What an export wrote, for the benchmark. */
typedef struct
{
  guint64 strings;
  guint64 string_bytes;
  guint64 numbers;
  guint64 rows;
} TissageXlsxStats;

/*
 * Options of an export; start from tissage_xlsx_export_options_init().
 * @period_id: the period reported on, 0 for all of them;
 * @structure_id: the member structure reported on (the interviews it
 * held or whose interviewee belongs to it, its values), 0 for the whole
 * collective;
 * @pseudonymise: interviewed people (organisations are named, see
 * tissage_interviewee_is_person()) are "Interviewee 1", "Interviewee 2"…
 * and nothing that names them (their stakeholder's name, notes, place,
 * the interviewer, a structure too small to hide them) is written; TRUE
 * by default;
 * @include_without_consent: the answers and quotes of interviews whose
 * consent is not recorded as given are written too; FALSE by default;
 * @map_png: the stakeholder map to insert, or %NULL to let the export draw
 * it in @map_layout (only from the thread that owns the document);
 * @stats: if not %NULL, filled with what was written.
 */
typedef struct
{
  TissageXlsxSheets     sheets;
  gint64                period_id;
  gint64                structure_id;
  gboolean              pseudonymise;
  gboolean              include_without_consent;
  GBytes               *map_png;
  TissageMapLayoutKind  map_layout;
  TissageXlsxStats     *stats;
} TissageXlsxExportOptions;

/* @fraction goes from 0 to 1. */
typedef void (*TissageXlsxProgressFunc) (double   fraction,
                                         gpointer user_data);

GQuark      tissage_xlsx_error_quark            (void);

void        tissage_xlsx_export_options_init    (TissageXlsxExportOptions  *options);

const char *tissage_xlsx_sheet_get_title        (TissageXlsxSheets          sheet);

gboolean    tissage_xlsx_check_destination      (const char                *path,
                                                 GError                   **error);

guint       tissage_xlsx_export_count_left_out  (TissageDocument                *document,
                                                 const TissageXlsxExportOptions *options);

GBytes     *tissage_xlsx_export_render_map      (TissageDocument           *document,
                                                 TissageMapLayoutKind       layout,
                                                 gboolean                   pseudonymise,
                                                 GError                   **error);

gboolean    tissage_xlsx_export                 (TissageDocument                *document,
                                                 const char                     *path,
                                                 const TissageXlsxExportOptions *options,
                                                 TissageXlsxProgressFunc         progress,
                                                 gpointer                        progress_data,
                                                 GCancellable                   *cancellable,
                                                 GError                        **error);

void        tissage_xlsx_export_async           (TissageDocument                *document,
                                                 const char                     *path,
                                                 const TissageXlsxExportOptions *options,
                                                 TissageXlsxProgressFunc         progress,
                                                 gpointer                        progress_data,
                                                 GCancellable                   *cancellable,
                                                 GAsyncReadyCallback             callback,
                                                 gpointer                        user_data);
gboolean    tissage_xlsx_export_finish          (TissageDocument                *document,
                                                 GAsyncResult                   *result,
                                                 GError                        **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <adwaita.h>

#include "tissage-document.h"
#include "tissage-map-layout.h"
#include "tissage-xlsx-export.h"

G_BEGIN_DECLS

#define TISSAGE_TYPE_EXPORT_DIALOG (tissage_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TissageExportDialog, tissage_export_dialog, TISSAGE, EXPORT_DIALOG, AdwWindow)

GtkWindow *tissage_export_dialog_new        (GtkWindow            *parent,
                                             TissageDocument      *document,
                                             TissageMapLayoutKind  map_layout);
void       tissage_export_dialog_start      (TissageExportDialog  *self,
                                             const char           *path);
gboolean   tissage_export_dialog_is_running (TissageExportDialog  *self);
void       tissage_export_dialog_select     (TissageExportDialog  *self,
                                             gint64                period_id,
                                             gint64                structure_id);
void       tissage_export_dialog_get_options (TissageExportDialog      *self,
                                              TissageXlsxExportOptions *options);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <adwaita.h>

#include "tissage-csv.h"
#include "tissage-document.h"

G_BEGIN_DECLS

#define TISSAGE_TYPE_CSV_IMPORT_DIALOG (tissage_csv_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TissageCsvImportDialog, tissage_csv_import_dialog, TISSAGE, CSV_IMPORT_DIALOG, AdwWindow)

/* Actions: import.choose (a file), import.check (the dry run), import.apply. */
GtkWindow        *tissage_csv_import_dialog_new        (GtkWindow              *parent,
                                                        TissageDocument        *document);
/* Reads @file in a worker thread, then shows its preview and mapping. */
void              tissage_csv_import_dialog_open_file  (TissageCsvImportDialog *self,
                                                        GFile                  *file);
/* Whether a file is being read or checked. */
gboolean          tissage_csv_import_dialog_is_busy    (TissageCsvImportDialog *self);
TissageCsvImport *tissage_csv_import_dialog_get_import (TissageCsvImportDialog *self);
/* The row that maps @column of the file. */
AdwComboRow      *tissage_csv_import_dialog_get_column_row (TissageCsvImportDialog *self,
                                                            guint                   column);

G_END_DECLS

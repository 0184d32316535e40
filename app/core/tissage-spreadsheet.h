/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <gio/gio.h>

#include "tissage-csv.h"

G_BEGIN_DECLS

#define TISSAGE_SPREADSHEET_ERROR (tissage_spreadsheet_error_quark ())

typedef enum {
  TISSAGE_SPREADSHEET_ERROR_NOT_SPREADSHEET,
  TISSAGE_SPREADSHEET_ERROR_DAMAGED,
  TISSAGE_SPREADSHEET_ERROR_TOO_LARGE,
  TISSAGE_SPREADSHEET_ERROR_REFUSED,   /* a DTD, an entity: what no workbook holds */
  TISSAGE_SPREADSHEET_ERROR_EMPTY,
} TissageSpreadsheetError;

GQuark tissage_spreadsheet_error_quark (void);

/* What a file from elsewhere may take, before it is refused. */
#define TISSAGE_SPREADSHEET_MAX_FILE_BYTES   (50 * 1024 * 1024)
/* The uncompressed size of one member of the archive: a zip bomb is
 * refused before it is inflated. */
#define TISSAGE_SPREADSHEET_MAX_MEMBER_BYTES (64 * 1024 * 1024)
#define TISSAGE_SPREADSHEET_MAX_SHEETS       256
#define TISSAGE_SPREADSHEET_MAX_ROWS         100000
#define TISSAGE_SPREADSHEET_MAX_COLUMNS      1000
#define TISSAGE_SPREADSHEET_MAX_CELL_BYTES   (1024 * 1024)
#define TISSAGE_SPREADSHEET_MAX_CELLS        (4 * 1000 * 1000)

typedef enum {
  TISSAGE_SPREADSHEET_CSV,
  TISSAGE_SPREADSHEET_XLSX,
  TISSAGE_SPREADSHEET_ODS,
} TissageSpreadsheetFormat;

/* One sheet: its rows from the first (row 0 is the spreadsheet's row 1),
 * each a GStrv as long as its last cell that holds something; an empty
 * row is an empty GStrv, and empty rows after the last are left out. A
 * formula is its cached value, never evaluated; a number is written as
 * the file stores it ("12.5"), a boolean "TRUE" or "FALSE". */
typedef struct {
  char      *name;
  guint      n_columns;
  GPtrArray *rows;
  GArray    *widths;   /* guint: how many cells each row has */
} TissageSheet;

typedef struct {
  TissageSpreadsheetFormat format;
  GPtrArray               *sheets;   /* TissageSheet, in the order of their tabs */
  gboolean                 converted; /* a CSV not in UTF-8, read as Windows-1252 */
} TissageSpreadsheet;

/* Reads a CSV (with tissage_csv_parse()), an .xlsx or an .ods file, told
 * apart by their content, not their name. @name names a CSV's one sheet. */
TissageSpreadsheet *tissage_spreadsheet_parse     (const char    *data,
                                                   gsize          length,
                                                   const char    *name,
                                                   GError       **error);
TissageSpreadsheet *tissage_spreadsheet_read_file (GFile         *file,
                                                   GCancellable  *cancellable,
                                                   GError       **error);
void                tissage_spreadsheet_free      (TissageSpreadsheet *self);

/* A table of answers, as a survey tool exports it: a CSV as
 * tissage_csv_read_file() reads it, or the first sheet of an .xlsx or
 * .ods workbook (KoboToolbox's XLSX export) that holds rows, not one
 * whose name holds "(ignore)", its first row the header. */
TissageCsv         *tissage_spreadsheet_read_table (GFile         *file,
                                                   GCancellable  *cancellable,
                                                   GError       **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TissageSpreadsheet, tissage_spreadsheet_free)

/* The text of a cell, "" outside the rows and their cells. */
const char *tissage_sheet_get_cell  (const TissageSheet *sheet,
                                     guint               row,
                                     guint               column);
guint       tissage_sheet_get_n_rows (const TissageSheet *sheet);

G_END_DECLS

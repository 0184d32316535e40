/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-kobo"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tissage-kobo.h"
#include "tissage-xlsform.h"

#define SUBMISSION_TIME "_submission_time"
#define SUBMISSION_UUID "_uuid"

typedef enum {
  COLUMN_OTHER,
  COLUMN_ITEM,       /* the answer to an item of the form */
  COLUMN_OPTION,     /* 1/0 for one choice of a multiple choice */
  COLUMN_UUID,
  COLUMN_SUBMITTED,
} ColumnKind;

typedef struct {
  ColumnKind                kind;
  const TissageXlsformItem *item;
  guint                     choice;
} Column;

static int
find_choice (const TissageXlsformItem *item,
             const char               *name)
{
  if (item->choice_names == NULL)
    return -1;
  for (guint i = 0; item->choice_names[i] != NULL; i++)
    if (g_str_equal (item->choice_names[i], name))
      return i;

  return -1;
}

/* "parcours/ateliers/cv": the form's group "parcours", its question
 * "ateliers", its choice "cv". A header is read from its end, so that
 * groups inside groups, or none, name the same question. */
static Column
read_header (const TissageXlsform *form,
             const char           *header)
{
  g_auto(GStrv) parts = g_strsplit (header, "/", -1);
  guint n = g_strv_length (parts);
  Column column = { COLUMN_OTHER, NULL, 0 };
  const TissageXlsformItem *item;

  if (g_str_equal (header, SUBMISSION_UUID))
    return (Column) { COLUMN_UUID, NULL, 0 };
  if (g_str_equal (header, SUBMISSION_TIME))
    return (Column) { COLUMN_SUBMITTED, NULL, 0 };
  if (n == 0)
    return column;

  item = tissage_xlsform_find (form, parts[n - 1]);
  if (item != NULL && (item->group == NULL || n < 2 || g_str_equal (parts[n - 2], item->group)))
    return (Column) { COLUMN_ITEM, item, 0 };

  if (n >= 2)
    {
      item = tissage_xlsform_find (form, parts[n - 2]);
      if (item != NULL && item->field == TISSAGE_XLSFORM_QUESTION && item->kind == TISSAGE_QUESTION_MULTIPLE)
        {
          int choice = find_choice (item, parts[n - 1]);

          if (choice >= 0)
            return (Column) { COLUMN_OPTION, item, choice };
        }
    }

  return column;
}

/* The labels the cell names, one a line, or the cell as it is when a
 * name is unknown: the check then says what is wrong with it. */
static char *
names_to_labels (const TissageXlsformItem *item,
                 const char               *cell,
                 gboolean                  multiple)
{
  g_auto(GStrv) names = multiple ? g_strsplit_set (cell, " \t\n", -1) : NULL;
  g_autoptr(GString) labels = g_string_new (NULL);
  g_autofree char *stripped = g_strstrip (g_strdup (cell));

  if (!multiple)
    {
      int choice = find_choice (item, stripped);

      return g_strdup (choice >= 0 ? item->choice_labels[choice] : cell);
    }

  for (guint i = 0; names[i] != NULL; i++)
    {
      int choice;

      if (*names[i] == '\0')
        continue;
      choice = find_choice (item, names[i]);
      if (choice < 0)
        return g_strdup (cell);
      if (labels->len > 0)
        g_string_append_c (labels, '\n');
      g_string_append (labels, item->choice_labels[choice]);
    }

  return g_string_free (g_steal_pointer (&labels), FALSE);
}

/* A workbook's date is a number of days since 30 December 1899, with
 * the time of day as its fraction: "46093.43" as "2026-03-12". NULL for a
 * cell that is no such number. */
static char *
workbook_day (const char *cell)
{
  char *end;
  double serial = g_ascii_strtod (cell, &end);
  g_autoptr(GDate) date = NULL;

  if (end == cell || *end != '\0' || !(serial >= 1 && serial < 2958466))
    return NULL;
  date = g_date_new_dmy (30, G_DATE_DECEMBER, 1899);
  g_date_add_days (date, (guint) serial);
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

/* "2026-03-12T10:15:42.000+01:00" as the day it names. */
static char *
submission_day (const char *cell)
{
  const char *t = strchr (cell, 'T');
  char *day = workbook_day (cell);

  if (day != NULL)
    return day;
  return t != NULL ? g_strndup (cell, t - cell) : g_strdup (cell);
}

static void
replace_cell (char      **cells,
              guint       c,
              char       *text)
{
  g_free (cells[c]);
  cells[c] = text;
}

guint
tissage_kobo_count_named_columns (TissageDocument  *document,
                                  TissageGrid      *grid,
                                  const TissageCsv *csv)
{
  g_autoptr(TissageXlsform) form = NULL;
  guint n = 0;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), 0);
  g_return_val_if_fail (TISSAGE_IS_GRID (grid), 0);
  g_return_val_if_fail (csv != NULL, 0);

  form = tissage_xlsform_new (document, grid);
  for (guint c = 0; c < csv->n_columns; c++)
    {
      Column column = read_header (form, csv->header[c]);

      n += (column.kind == COLUMN_ITEM && column.item->field == TISSAGE_XLSFORM_QUESTION) ||
           column.kind == COLUMN_OPTION;
    }

  return n;
}

TissageCsvImport *
tissage_kobo_import_new (TissageDocument *document,
                         TissageGrid     *grid,
                         TissageCsv      *csv)
{
  g_autoptr(TissageXlsform) form = NULL;
  g_autofree Column *columns = NULL;
  TissageCsvImport *import;
  int date_column = -1, submitted_column = -1;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (TISSAGE_IS_GRID (grid), NULL);
  g_return_val_if_fail (csv != NULL, NULL);

  form = tissage_xlsform_new (document, grid);
  columns = g_new0 (Column, csv->n_columns);
  for (guint c = 0; c < csv->n_columns; c++)
    {
      columns[c] = read_header (form, csv->header[c]);
      if (columns[c].kind == COLUMN_ITEM && columns[c].item->field == TISSAGE_XLSFORM_DATE)
        date_column = c;
      else if (columns[c].kind == COLUMN_SUBMITTED)
        submitted_column = c;
    }

  /* The survey tool writes names; the check reads what a person types. */
  for (guint r = 0; r < csv->rows->len; r++)
    {
      char **cells = g_ptr_array_index (csv->rows, r);

      for (guint c = 0; c < csv->n_columns; c++)
        {
          const TissageXlsformItem *item = columns[c].item;

          if (columns[c].kind == COLUMN_SUBMITTED)
            replace_cell (cells, c, submission_day (cells[c]));
          else if (columns[c].kind == COLUMN_ITEM && item->field == TISSAGE_XLSFORM_DATE)
            {
              /* The XLSX export, or a CSV opened and saved again in a
               * spreadsheet program, holds the date as a day number. */
              char *day = workbook_day (cells[c]);

              if (day != NULL)
                replace_cell (cells, c, day);
            }
          else if (columns[c].kind != COLUMN_ITEM || item->choice_names == NULL || *cells[c] == '\0')
            continue;
          else if (item->field == TISSAGE_XLSFORM_STRUCTURE ||
                   (item->field == TISSAGE_XLSFORM_QUESTION && item->kind == TISSAGE_QUESTION_SINGLE))
            replace_cell (cells, c, names_to_labels (item, cells[c], FALSE));
          else if (item->field == TISSAGE_XLSFORM_QUESTION && item->kind == TISSAGE_QUESTION_MULTIPLE)
            replace_cell (cells, c, names_to_labels (item, cells[c], TRUE));
        }

      if (date_column >= 0 && submitted_column >= 0 && *g_strstrip (cells[date_column]) == '\0')
        replace_cell (cells, date_column, g_strdup (cells[submitted_column]));
    }

  import = tissage_csv_import_new (document, grid, csv);

  for (guint c = 0; c < csv->n_columns; c++)
    {
      const TissageXlsformItem *item = columns[c].item;

      switch (columns[c].kind)
        {
        case COLUMN_UUID:
          tissage_csv_import_set_column (import, c, TISSAGE_CSV_UUID, 0);
          break;
        case COLUMN_SUBMITTED:
          tissage_csv_import_set_column (import, c, date_column < 0 ? TISSAGE_CSV_DATE : TISSAGE_CSV_IGNORE, 0);
          break;
        case COLUMN_OPTION:
          tissage_csv_import_set_column_option (import, c, item->question_id, columns[c].choice);
          break;
        case COLUMN_ITEM:
          switch (item->field)
            {
            case TISSAGE_XLSFORM_CONSENT:
              tissage_csv_import_set_column (import, c, TISSAGE_CSV_CONSENT, 0);
              break;
            case TISSAGE_XLSFORM_PSEUDONYM:
              tissage_csv_import_set_column (import, c, TISSAGE_CSV_PSEUDONYM, 0);
              break;
            case TISSAGE_XLSFORM_STRUCTURE:
              tissage_csv_import_set_column (import, c, TISSAGE_CSV_STRUCTURE, 0);
              break;
            case TISSAGE_XLSFORM_DATE:
              tissage_csv_import_set_column (import, c, TISSAGE_CSV_DATE, 0);
              break;
            case TISSAGE_XLSFORM_QUESTION:
            default:
              tissage_csv_import_set_column (import, c, TISSAGE_CSV_QUESTION, item->question_id);
              break;
            }
          break;
        case COLUMN_OTHER:
        default:
          /* The survey tool's own columns (_id, _index, start, end…)
           * answer nothing of the guide. */
          if (csv->header[c][0] == '_' || g_str_has_prefix (csv->header[c], "meta/") ||
              g_str_equal (csv->header[c], "start") || g_str_equal (csv->header[c], "end"))
            tissage_csv_import_set_column (import, c, TISSAGE_CSV_IGNORE, 0);
          break;
        }
    }

  return import;
}

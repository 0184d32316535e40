/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

/* What the sheets of an export share: a sheet, its name, its rows, its
 * header, its columns' widths and how it prints. */

#define G_LOG_DOMAIN "tissage-export"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tissage-document-private.h"
#include "tissage-figures.h"
#include "tissage-xlsx-writer-private.h"

#define LINE_HEIGHT 15.0
#define MAX_ROW_LINES 20
/* Characters across an A4 landscape page at a size one can still read
 * (two thirds of their own), and across an upright one at full size. */
#define PRINTED_CHARS 220.0
#define PORTRAIT_CHARS 100.0
/* Paper sizes, as Excel numbers them. */
#define PAPER_A3 8
#define PAPER_A4 9

gboolean
tissage_xlsx_next_row (TissageXlsxExport *export,
                       TissageXlsxSheet  *sheet)
{
  /* Set on the row just written, before it goes to the file: spreadsheet
   * programs do not all grow rows for wrapped text by themselves. */
  double height = sheet->row_lines > 1 ? LINE_HEIGHT * MIN (sheet->row_lines, MAX_ROW_LINES)
                                       : LXW_DEF_ROW_HEIGHT;

  if (sheet->row_lines > 1 || sheet->row_level > 0)
    {
      lxw_row_col_options options = { .level = sheet->row_level };

      worksheet_set_row_opt (sheet->worksheet, sheet->row, height, NULL, &options);
    }
  sheet->row_lines = 1;
  sheet->row_level = 0;

  sheet->row++;
  export->stats.rows++;
  export->rows_done++;

  if ((export->rows_done & 127) == 0)
    return tissage_xlsx_check (export);

  return export->error == NULL;
}

/* Sheets */

/* Excel's limit on the characters of a sheet's name. */
#define MAX_SHEET_NAME_CHARS 31

static gboolean
name_taken (GPtrArray  *taken,
            const char *name)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);

  /* Excel keeps this one for itself. */
  if (g_str_equal (folded, "history"))
    return TRUE;
  /* Excel tells sheet names apart regardless of case. */
  for (guint i = 0; i < taken->len; i++)
    {
      g_autofree char *other = g_utf8_casefold (g_ptr_array_index (taken, i), -1);

      if (g_str_equal (folded, other))
        return TRUE;
    }
  return FALSE;
}

/* @text cut to @max characters, with "…" when it is cut. */
static char *
cut_name (const char *text,
          glong       max)
{
  g_autofree char *kept = NULL;
  g_autofree char *trimmed = NULL;

  if (g_utf8_strlen (text, -1) <= max)
    return g_strdup (text);

  kept = g_utf8_substring (text, 0, max - 1);
  trimmed = g_strchomp (g_strdup (kept));
  return g_strconcat (trimmed, "…", NULL);
}

/**
 * tissage_xlsx_sheet_name:
 * @title: what the sheet is named after, as people typed it
 * @fallback: the name when @title leaves nothing
 * @taken: (element-type utf8): the names of the sheets so far
 *
 * A name Excel and LibreOffice take for a sheet: none of [ ] : * ? / \
 * nor control characters, no apostrophe at either end, at most 31
 * characters ("…" where it is cut), and none of @taken, regardless of
 * case ("(2)", "(3)"… after it otherwise).
 */
char *
tissage_xlsx_sheet_name (const char *title,
                         const char *fallback,
                         GPtrArray  *taken)
{
  g_autofree char *valid = g_utf8_make_valid (title != NULL ? title : "", -1);
  GString *clean = g_string_new (NULL);
  g_autofree char *base = NULL;
  char *name;

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '/' || c == '\\')
        g_string_append_c (clean, '-');
      else if (c == '[')
        g_string_append_c (clean, '(');
      else if (c == ']')
        g_string_append_c (clean, ')');
      else if (c == ':' || c == '*' || c == '?' || g_unichar_iscntrl (c) || tissage_xlsx_is_unwritable (c))
        g_string_append_c (clean, ' ');
      else
        g_string_append_unichar (clean, c);
    }
  /* One space where there were several, none at the ends. */
  for (gsize i = 0; i + 1 < clean->len; )
    if (clean->str[i] == ' ' && clean->str[i + 1] == ' ')
      g_string_erase (clean, i, 1);
    else
      i++;
  while (clean->len > 0 && (clean->str[0] == ' ' || clean->str[0] == '\''))
    g_string_erase (clean, 0, 1);
  while (clean->len > 0 && (clean->str[clean->len - 1] == ' ' || clean->str[clean->len - 1] == '\''))
    g_string_truncate (clean, clean->len - 1);
  if (clean->len == 0)
    g_string_assign (clean, fallback);

  base = g_string_free (clean, FALSE);
  name = cut_name (base, MAX_SHEET_NAME_CHARS);
  for (guint n = 2; name_taken (taken, name); n++)
    {
      g_autofree char *suffix = g_strdup_printf (" (%u)", n);
      g_autofree char *cut = cut_name (base, MAX_SHEET_NAME_CHARS - (glong) strlen (suffix));

      g_free (name);
      name = g_strconcat (cut, suffix, NULL);
    }

  return name;
}

void
tissage_xlsx_sheet_init (TissageXlsxExport       *export,
                         TissageXlsxSheet        *sheet,
                         lxw_worksheet           *worksheet,
                         const TissageXlsxColumn *columns,
                         guint                    n_columns)
{
  memset (sheet, 0, sizeof *sheet);
  sheet->worksheet = worksheet;
  sheet->columns = columns;
  sheet->n_columns = n_columns;
  sheet->width = g_new0 (double, n_columns);
  sheet->header_width = g_new0 (double, n_columns);
  sheet->row_lines = 1;

  /* Printed as people print tables for a report. */
  worksheet_set_landscape (worksheet);
  worksheet_set_paper (worksheet, PAPER_A4);
  worksheet_set_margins (worksheet, 0.4, 0.4, 0.5, 0.6);
  /* TRANSLATORS: the footer of printed sheets; &A is the sheet, &P the page, &N the number of pages */
  worksheet_set_footer (worksheet, _("&L&A&RPage &P of &N"));
}

void
tissage_xlsx_sheet_clear (TissageXlsxSheet *sheet)
{
  g_clear_pointer (&sheet->width, g_free);
  g_clear_pointer (&sheet->header_width, g_free);
}

/* Bold letters are wider than the plain ones that tissage_xlsx_char_width() measures. */
#define BOLD_WIDTH 1.12
#define MAX_HEADER_LINES 10

static double
text_width (const char *text,
            const char *end)
{
  double width = 0;

  for (const char *p = text; p < end && *p != '\0'; p = g_utf8_next_char (p))
    width += tissage_xlsx_char_width (g_utf8_get_char (p));
  return width;
}

/* The width of the widest word of @title. */
static double
widest_word (const char *title)
{
  double widest = 0;
  const char *word = title;

  for (const char *p = title; ; p++)
    if (*p == ' ' || *p == '\n' || *p == '\0')
      {
        widest = MAX (widest, text_width (word, p));
        if (*p == '\0')
          break;
        word = p + 1;
      }
  return widest;
}

static guint
wrapped_lines_bold (const char *title,
                    double      width)
{
  return tissage_xlsx_wrapped_lines (title, width / BOLD_WIDTH);
}

/* Column titles in a coloured row that stays on screen (unless unfrozen)
 * and on every page. */
void
tissage_xlsx_write_header (TissageXlsxExport *export,
                           TissageXlsxSheet  *sheet)
{
  guint lines = 1;
  double height;

  for (guint c = 0; c < sheet->n_columns; c++)
    {
      const TissageXlsxColumn *column = &sheet->columns[c];
      double longest = 0;

      if (column->title == NULL)
        continue;

      /* Titles wrap at their spaces, never inside a word: the column is
       * wide enough for the widest word of its title, in bold, and the
       * row high enough for the lines the title takes at the narrowest
       * the column can be. */
      longest = widest_word (column->title) * BOLD_WIDTH;
      sheet->header_width[c] = ceil (longest + 1.5);
      lines = MAX (lines, wrapped_lines_bold (column->title, MAX (column->min_width, sheet->header_width[c])));
    }

  sheet->header_row = sheet->row;
  height = LINE_HEIGHT * MIN (lines, MAX_HEADER_LINES) + 3;
  worksheet_set_row (sheet->worksheet, sheet->row, height, NULL);
  for (guint c = 0; c < sheet->n_columns; c++)
    if (sheet->columns[c].title != NULL)
      {
        g_autofree char *copy = NULL;
        const char *title = tissage_xlsx_clean_text (sheet->columns[c].title, TRUE, &copy);

        tissage_xlsx_note_lxw_error (export, worksheet_write_string (sheet->worksheet, sheet->row, c, title, export->header));
        export->stats.strings++;
        export->stats.string_bytes += strlen (title);
      }

  if (!sheet->unfrozen)
    worksheet_freeze_panes (sheet->worksheet, sheet->row + 1, 0);
  worksheet_repeat_rows (sheet->worksheet, sheet->row, sheet->row);
  tissage_xlsx_next_row (export, sheet);
}

/* Column widths from what was written; a filter on the first @n_filtered
 * columns of the header. */
void
tissage_xlsx_sheet_finish (TissageXlsxExport *export,
                           TissageXlsxSheet  *sheet,
                           guint              n_filtered)
{
  double total = 0;

  for (guint c = 0; c < sheet->n_columns; c++)
    {
      const TissageXlsxColumn *column = &sheet->columns[c];
      double width = CLAMP (sheet->width[c] + 1, column->min_width, column->max_width);

      /* However narrow its cells, a column shows every word of its title. */
      width = MAX (width, sheet->header_width[c]);
      worksheet_set_column (sheet->worksheet, c, c, width, NULL);
      total += width;
    }

  /* Printed as a funder reads a table: every column of a row on the page
   * of its first one, across the width of the page; a narrow table
   * upright, a wide one across, a very wide one on a larger sheet of
   * paper, so that its text keeps a size one can read. */
  worksheet_fit_to_pages (sheet->worksheet, 1, 0);
  if (total <= PORTRAIT_CHARS && !sheet->landscape)
    worksheet_set_portrait (sheet->worksheet);
  if (total > PRINTED_CHARS)
    worksheet_set_paper (sheet->worksheet, PAPER_A3);
  if (!sheet->whole_sheet && sheet->n_columns > 0)
    worksheet_print_area (sheet->worksheet, 0, 0, MAX (sheet->row, 1) - 1, sheet->n_columns - 1);

  if (n_filtered > 0)
    worksheet_autofilter (sheet->worksheet, sheet->header_row, 0,
                          MAX (sheet->header_row, sheet->row - 1), n_filtered - 1);
}

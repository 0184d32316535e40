/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

/* What the sheets of an export share: writing a cell, its text cleaned
 * and cut to what Excel takes, numbers, dates, yes or no, and the width
 * and lines its content needs. */

#define G_LOG_DOMAIN "tissage-export"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tissage-figures.h"
#include "tissage-xlsx-writer-private.h"

/* Excel's limit on the characters of a cell. */
#define MAX_CELL_CHARS 32767

/* Cells */

void
tissage_xlsx_note_lxw_error (TissageXlsxExport *export,
                             lxw_error          status)
{
  if (status == LXW_NO_ERROR || export->error != NULL)
    return;

  g_set_error (&export->error, TISSAGE_XLSX_ERROR, TISSAGE_XLSX_ERROR_WRITE,
               _("The workbook could not be written (%s)."), lxw_strerror (status));
}

static void
widen (TissageXlsxSheet *sheet,
       lxw_col_t         column,
       double            width)
{
  if (column < sheet->n_columns && width > sheet->width[column])
    sheet->width[column] = width;
}

/* Width of @c in the digits that column widths are counted in, close to
 * Calibri's (and Carlito's): narrow letters and punctuation, wide capitals. */
double
tissage_xlsx_char_width (gunichar c)
{
  switch (c)
    {
    case ' ': case 'i': case 'j': case 'l': case 'I': case '.': case ',': case ';':
    case ':': case '!': case '|': case '\'': case 0x2019: case 0xa0: case 0x202f:
      return 0.45;
    case 'f': case 'r': case 't': case '(': case ')': case '[': case ']': case '-':
    case '/': case '"':
      return 0.65;
    case 'c': case 's': case 'z':
      return 0.8;
    case 'm': case 'w': case 'M': case 'W': case '@': case '%':
      return 1.6;
    default:
      return c >= 'A' && c <= 'Z' ? 1.2 : 1.0;
    }
}

/* Lines that @text takes wrapped at its spaces in a column @width
 * characters wide, as a spreadsheet wraps it. */
guint
tissage_xlsx_wrapped_lines (const char *text,
                            double      width)
{
  double usable = MAX (width - 0.5, 4);
  double line = 0, word = 0;
  guint lines = 1;

  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      gunichar c = (guchar) *p < 0x80 ? (gunichar) *p : g_utf8_get_char (p);

      if (c == ' ' || c == '\n' || c == '\0')
        {
          /* The word goes on this line, or on the next ones. */
          if (line > 0 && line + word > usable)
            {
              lines++;
              line = 0;
            }
          line += word;
          while (line > usable)
            {
              lines++;
              line -= usable;
            }
          word = 0;

          if (c == '\0')
            break;
          if (c == '\n')
            {
              lines++;
              line = 0;
            }
          else
            line += tissage_xlsx_char_width (c);
        }
      else
        word += tissage_xlsx_char_width (c);
    }

  return lines;
}

static gboolean
format_wraps (TissageXlsxExport *export,
              lxw_format        *format)
{
  if (format == export->wrap || format == export->text || format == export->label)
    return TRUE;
  for (guint level = 0; level < G_N_ELEMENTS (export->levels); level++)
    if (format == export->levels[level])
      return TRUE;
  return FALSE;
}

/* Characters of the first line of @text, counted up to @cap. */
static guint
first_line_chars (const char *text,
                  guint       cap)
{
  guint n = 0;

  for (const guchar *p = (const guchar *) text; *p != '\0' && *p != '\n' && n < cap; p++)
    if ((*p & 0xc0) != 0x80)
      n++;

  return n;
}

/* "_x0041_" in a cell is Excel's escape of a character: typed as such,
 * it is written escaped in turn, to be read back as typed. */
static gboolean
is_escape_sequence (const char *p)
{
  return p[0] == '_' && p[1] == 'x' &&
         g_ascii_isxdigit (p[2]) && g_ascii_isxdigit (p[3]) &&
         g_ascii_isxdigit (p[4]) && g_ascii_isxdigit (p[5]) && p[6] == '_';
}

gboolean
tissage_xlsx_is_unwritable (gunichar c)
{
  return (c < 0x20 && c != '\t' && c != '\n') || c == 0x7f || c == 0xfffe || c == 0xffff;
}

/**
 * tissage_xlsx_clean_text:
 * @in_cell: whether the text goes into a cell, rather than a chart or the
 *   document's properties
 * @copy: (out): where a mended copy is kept, to free
 *
 * Text that people typed or pasted, as a workbook holds it: valid UTF-8,
 * without the control characters that XML cannot carry and that break the
 * file (tabs and line breaks stay), cut with "…" at the characters a cell
 * holds. Returns @text itself when it needs none of this.
 */
const char *
tissage_xlsx_clean_text (const char  *text,
                         gboolean     in_cell,
                         char       **copy)
{
  g_autofree char *valid = NULL;
  GString *clean;
  const char *p;
  gsize length;
  gboolean plain;
  guint chars = 0;

  if (text == NULL)
    return NULL;

  length = strlen (text);
  plain = g_utf8_validate_len (text, length, NULL);

  for (const guchar *q = (const guchar *) text; plain && *q != '\0'; q++)
    if (G_UNLIKELY (*q < 0x20 || *q == 0x7f || *q == 0xef || *q == '_'))
      {
        if (*q == 0xef)
          plain = !(q[1] == 0xbf && q[2] >= 0xbe);
        else if (*q == '_')
          plain = !(in_cell && is_escape_sequence ((const char *) q));
        else
          plain = (*q == '\t' || *q == '\n');
      }
  if (plain && (length <= MAX_CELL_CHARS || g_utf8_strlen (text, length) <= MAX_CELL_CHARS))
    return text;

  if (!g_utf8_validate_len (text, length, NULL))
    text = valid = g_utf8_make_valid (text, length);

  clean = g_string_sized_new (MIN (length, MAX_CELL_CHARS * 2));
  for (p = text; *p != '\0' && chars < MAX_CELL_CHARS - 1; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (tissage_xlsx_is_unwritable (c))
        continue;
      if (in_cell && is_escape_sequence (p))
        g_string_append (clean, "_x005F");
      g_string_append_len (clean, p, g_utf8_next_char (p) - p);
      chars++;
    }
  if (*p != '\0')
    g_string_append (clean, "…");

  *copy = g_string_free (clean, FALSE);
  return *copy;
}

void
tissage_xlsx_put_text (TissageXlsxExport *export,
                       TissageXlsxSheet  *sheet,
                       lxw_col_t          column,
                       const char        *text,
                       lxw_format        *format)
{
  g_autofree char *copy = NULL;
  gsize length;

  if (text == NULL || *text == '\0')
    return;

  /* Files come from other people: text that is not UTF-8, holds control
   * characters or is longer than a cell holds is mended rather than
   * refused. */
  text = tissage_xlsx_clean_text (text, TRUE, &copy);
  length = strlen (text);

  if (column < sheet->n_columns)
    {
      widen (sheet, column, first_line_chars (text, (guint) sheet->columns[column].max_width));
      /* The column is at its widest when a cell needs more than a line. */
      if (format_wraps (export, format) &&
          (length > sheet->columns[column].max_width / 1.6 || memchr (text, '\n', length) != NULL))
        sheet->row_lines = MAX (sheet->row_lines, tissage_xlsx_wrapped_lines (text, sheet->columns[column].max_width));
    }

  /* A string cell, never a formula, whatever the text starts with. */
  tissage_xlsx_note_lxw_error (export, worksheet_write_string (sheet->worksheet, sheet->row, column, text, format));
  export->stats.strings++;
  export->stats.string_bytes += length;
}

void
tissage_xlsx_put_number (TissageXlsxExport *export,
                         TissageXlsxSheet  *sheet,
                         lxw_col_t          column,
                         double             value,
                         lxw_format        *format)
{
  double digits;

  if (!isfinite (value))
    return;

  /* Digits, thousands separators and a decimal part. */
  digits = fabs (value) < 1.0 ? 1.0 : floor (log10 (fabs (value))) + 1.0;
  widen (sheet, column, digits + floor ((digits - 1) / 3) + (format == export->integer ? 0 : 3) + (value < 0));

  tissage_xlsx_note_lxw_error (export, worksheet_write_number (sheet->worksheet, sheet->row, column, value, format));
  export->stats.numbers++;
}

/* A number shown whole when it is whole, with decimals when it has some. */
void
tissage_xlsx_put_value (TissageXlsxExport *export,
                        TissageXlsxSheet  *sheet,
                        lxw_col_t          column,
                        double             value)
{
  gboolean whole = fabs (value) < 1e15 && value == round (value);

  tissage_xlsx_put_number (export, sheet, column, value, whole ? export->integer : export->decimal);
}

/* A real date from YYYY-MM-DD; anything else stays the text it is. */
void
tissage_xlsx_put_date (TissageXlsxExport *export,
                       TissageXlsxSheet  *sheet,
                       lxw_col_t          column,
                       const char        *iso_date)
{
  lxw_datetime datetime = { 0, };
  guint year, month, day;

  if (iso_date == NULL || *iso_date == '\0')
    return;

  if (strlen (iso_date) != 10 || iso_date[4] != '-' || iso_date[7] != '-' ||
      sscanf (iso_date, "%4u-%2u-%2u", &year, &month, &day) != 3 ||
      !g_date_valid_dmy (day, month, year) || year < 1900)
    {
      tissage_xlsx_put_text (export, sheet, column, iso_date, export->text);
      return;
    }

  datetime.year = year;
  datetime.month = month;
  datetime.day = day;
  widen (sheet, column, 10);
  tissage_xlsx_note_lxw_error (export, worksheet_write_datetime (sheet->worksheet, sheet->row, column, &datetime, export->date));
  export->stats.numbers++;
}

void
tissage_xlsx_put_yes_no (TissageXlsxExport *export,
                         TissageXlsxSheet  *sheet,
                         lxw_col_t          column,
                         gboolean           yes)
{
  tissage_xlsx_put_text (export, sheet, column, yes ? _("Yes") : _("No"), export->text);
}

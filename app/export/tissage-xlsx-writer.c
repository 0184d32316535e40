/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-export"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tissage-document-private.h"
#include "tissage-figures.h"
#include "tissage-interviews.h"
#include "tissage-xlsx-writer-private.h"

/* Excel's limit on the characters of a cell. */
#define MAX_CELL_CHARS 32767
#define LINE_HEIGHT 15.0
#define MAX_ROW_LINES 20
/* Characters across an A4 landscape page at a size one can still read
 * (two thirds of their own), and across an upright one at full size. */
#define PRINTED_CHARS 220.0
#define PORTRAIT_CHARS 100.0
/* Paper sizes, as Excel numbers them. */
#define PAPER_A3 8
#define PAPER_A4 9

static void
period_free (gpointer data)
{
  TissageXlsxPeriod *period = data;

  g_free (period->label);
  g_free (period->start);
  g_free (period->end);
  g_free (period);
}

static void
indicator_free (gpointer data)
{
  TissageXlsxIndicator *indicator = data;

  g_free (indicator->title);
  g_free (indicator->unit);
  g_free (indicator->values);
  g_free (indicator->targets);
  g_free (indicator->counted);
  g_free (indicator);
}

static GHashTable *
new_id_table (GDestroyNotify value_free)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, value_free);
}

static void
insert_id (GHashTable *table,
           gint64      id,
           gpointer    value)
{
  g_hash_table_insert (table, g_memdup2 (&id, sizeof id), value);
}

/* Statements */

sqlite3_stmt *
tissage_xlsx_prepare (TissageXlsxExport *export,
                      const char        *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (export->error != NULL)
    return NULL;

  if (sqlite3_prepare_v2 (export->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (&export->error, TISSAGE_XLSX_ERROR, TISSAGE_XLSX_ERROR_READ,
                   _("The project could not be read for the export (%s)."),
                   sqlite3_errmsg (export->db));
      sqlite3_finalize (stmt);
      return NULL;
    }

  return stmt;
}

/* Whether @stmt has a row; an error is kept in @export. */
gboolean
tissage_xlsx_step (TissageXlsxExport *export,
                   sqlite3_stmt      *stmt)
{
  int rc;

  if (stmt == NULL || export->error != NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    g_set_error (&export->error, TISSAGE_XLSX_ERROR, TISSAGE_XLSX_ERROR_READ,
                 _("The project could not be read for the export (%s)."),
                 sqlite3_errmsg (export->db));
  return FALSE;
}

const char *
tissage_xlsx_column_text (sqlite3_stmt *stmt,
                          int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

/* Binds the dates of the period reported on to ?first and ?first+1, or
 * NULL for all periods; queries keep what falls inside. */
void
tissage_xlsx_bind_period (TissageXlsxExport *export,
                          sqlite3_stmt      *stmt,
                          int                first)
{
  if (stmt == NULL)
    return;

  if (export->period != NULL && *export->period->start != '\0' && *export->period->end != '\0')
    {
      sqlite3_bind_text (stmt, first, export->period->start, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, first + 1, export->period->end, -1, SQLITE_STATIC);
    }
  else
    {
      sqlite3_bind_null (stmt, first);
      sqlite3_bind_null (stmt, first + 1);
    }
}

const char *
tissage_xlsx_lookup_name (GHashTable   *names,
                          sqlite3_stmt *stmt,
                          int           column)
{
  gint64 id;

  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;

  id = sqlite3_column_int64 (stmt, column);
  return g_hash_table_lookup (names, &id);
}

double
tissage_xlsx_indicator_target (const TissageXlsxIndicator *indicator,
                               int                         period)
{
  return period >= 0 && indicator->targets != NULL ? indicator->targets[period] : indicator->target;
}

/* How much of its target an indicator achieved, 1 (100 %) when reached,
 * never below 0, as the core measures it for every screen and report. */
gboolean
tissage_xlsx_indicator_rate (const TissageXlsxIndicator *indicator,
                             int                         period,
                             double                      achieved,
                             TissageAchievement         *achievement)
{
  *achievement = tissage_indicator_achievement (achieved, indicator->has_baseline ? indicator->baseline : NAN,
                                                tissage_xlsx_indicator_target (indicator, period),
                                                indicator->direction);
  return !isnan (achievement->rate);
}

char *
tissage_xlsx_went_back (const TissageXlsxIndicator *indicator,
                        const char                 *comment)
{
  g_autofree char *baseline = tissage_format_number (indicator->baseline, indicator->unit);
  /* TRANSLATORS: in the workbook, beside a rate of achievement of 0 %; %s is the baseline with its unit */
  g_autofree char *note = g_strdup_printf (_("Went back from the baseline (%s): the rate of achievement counts as 0 %%"),
                                           baseline);

  if (comment == NULL || *comment == '\0')
    return g_steal_pointer (&note);
  return g_strdup_printf ("%s — %s", note, comment);
}

/* Interviewees */

const char *
tissage_xlsx_hidden_name (void)
{
  return tissage_privacy_hidden_name ();
}

/* An interviewed person is not named in a pseudonymised workbook,
 * anywhere: the map, the lists, who an effect concerns. */
gboolean
tissage_xlsx_is_masked (TissageXlsxExport *export,
                        gint64             stakeholder_id)
{
  return tissage_privacy_masks_stakeholder (export->privacy, stakeholder_id);
}

/* Named as everywhere in Tissage, but for the people behind masked. */
char *
tissage_xlsx_interviewee_label (TissageXlsxExport *export,
                                gint64             interview_id,
                                const char        *stakeholder_name,
                                const char        *pseudonym)
{
  return tissage_interviewee_label (interview_id, stakeholder_name, pseudonym,
                                    tissage_privacy_masks_interview (export->privacy, interview_id));
}

gboolean
tissage_xlsx_keeps_interview (TissageXlsxExport *export,
                              gint64             interview_id)
{
  return tissage_privacy_keeps_interview (export->privacy, interview_id);
}

/* The name of the structure in @column, or nothing beside a masked person
 * whom it would point at. */
const char *
tissage_xlsx_structure_beside (TissageXlsxExport *export,
                               gint64             interview_id,
                               gint64             category_id,
                               sqlite3_stmt      *stmt,
                               int                column)
{
  if (tissage_privacy_masks_interview (export->privacy, interview_id) &&
      !tissage_privacy_shows_structure (export->privacy, category_id, sqlite3_column_int64 (stmt, column)))
    return NULL;

  return tissage_xlsx_lookup_name (export->structures, stmt, column);
}

/* Binds the structure reported on to ?index, NULL for all. */
void
tissage_xlsx_bind_structure (TissageXlsxExport *export,
                             sqlite3_stmt      *stmt,
                             int                index)
{
  if (stmt == NULL)
    return;
  if (export->options->structure_id != 0)
    sqlite3_bind_int64 (stmt, index, export->options->structure_id);
  else
    sqlite3_bind_null (stmt, index);
}

guint
tissage_xlsx_count_left_out (TissageXlsxExport *export)
{
  gboolean dated = export->period != NULL && *export->period->start != '\0' && *export->period->end != '\0';

  return tissage_privacy_count_left_out (export->privacy,
                                         dated ? export->period->start : NULL,
                                         dated ? export->period->end : NULL,
                                         export->options->structure_id);
}

/* Progress */

gboolean
tissage_xlsx_check (TissageXlsxExport *export)
{
  double fraction;

  if (export->error != NULL)
    return FALSE;

  if (g_cancellable_set_error_if_cancelled (export->cancellable, &export->error))
    return FALSE;

  if (export->progress == NULL || export->rows_total == 0)
    return TRUE;

  fraction = TISSAGE_XLSX_WRITE_SHARE * MIN (1.0, (double) export->rows_done / export->rows_total);
  if (fraction >= export->reported + 0.01)
    {
      export->reported = fraction;
      export->progress (fraction, export->progress_data);
    }

  return TRUE;
}

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

/* Cells */

static void
note_lxw_error (TissageXlsxExport *export,
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
static double
char_width (gunichar c)
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
static guint
wrapped_lines (const char *text,
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
            line += char_width (c);
        }
      else
        word += char_width (c);
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

static gboolean
is_unwritable (gunichar c)
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

      if (is_unwritable (c))
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
        sheet->row_lines = MAX (sheet->row_lines, wrapped_lines (text, sheet->columns[column].max_width));
    }

  /* A string cell, never a formula, whatever the text starts with. */
  note_lxw_error (export, worksheet_write_string (sheet->worksheet, sheet->row, column, text, format));
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

  note_lxw_error (export, worksheet_write_number (sheet->worksheet, sheet->row, column, value, format));
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
  note_lxw_error (export, worksheet_write_datetime (sheet->worksheet, sheet->row, column, &datetime, export->date));
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
      else if (c == ':' || c == '*' || c == '?' || g_unichar_iscntrl (c) || is_unwritable (c))
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

/* Bold letters are wider than the plain ones that char_width() measures. */
#define BOLD_WIDTH 1.12
#define MAX_HEADER_LINES 10

static double
text_width (const char *text,
            const char *end)
{
  double width = 0;

  for (const char *p = text; p < end && *p != '\0'; p = g_utf8_next_char (p))
    width += char_width (g_utf8_get_char (p));
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
  return wrapped_lines (title, width / BOLD_WIDTH);
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

        note_lxw_error (export, worksheet_write_string (sheet->worksheet, sheet->row, c, title, export->header));
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

/* What every sheet looks up */

static gboolean
load_names (TissageXlsxExport *export,
            GHashTable        *names,
            const char        *sql)
{
  sqlite3_stmt *stmt = tissage_xlsx_prepare (export, sql);

  while (tissage_xlsx_step (export, stmt))
    insert_id (names, sqlite3_column_int64 (stmt, 0), g_strdup (tissage_xlsx_column_text (stmt, 1)));
  sqlite3_finalize (stmt);

  return export->error == NULL;
}

static void
store_counted (gint64                     indicator_id,
               gint64                     period_id,
               const TissageCountedValue *value,
               gpointer                   user_data)
{
  TissageXlsxExport *export = user_data;
  TissageXlsxIndicator *indicator = g_hash_table_lookup (export->indicator_index, &indicator_id);

  if (indicator == NULL)
    return;

  for (guint p = 0; p < export->periods->len; p++)
    if (((TissageXlsxPeriod *) g_ptr_array_index (export->periods, p))->id == period_id)
      {
        indicator->values[p] = value->value;
        indicator->counted[p] = *value;
      }
}

static guint64
count_rows (TissageXlsxExport *export,
            const char        *sql)
{
  sqlite3_stmt *stmt = tissage_xlsx_prepare (export, sql);
  guint64 count = 0;

  if (stmt != NULL && export->period != NULL)
    sqlite3_bind_int64 (stmt, 1, export->period->id);
  if (tissage_xlsx_step (export, stmt))
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return count;
}

/* Reads what several sheets need, and how many rows there will be. */
gboolean
tissage_xlsx_export_load (TissageXlsxExport *export)
{
  sqlite3_stmt *stmt;

  export->periods = g_ptr_array_new_with_free_func (period_free);
  export->indicators = g_ptr_array_new_with_free_func (indicator_free);
  export->indicator_index = new_id_table (NULL);
  export->structures = new_id_table (g_free);
  export->categories = new_id_table (g_free);
  export->privacy = tissage_privacy_new (export->db, export->options->pseudonymise,
                                         export->options->include_without_consent);

  stmt = tissage_xlsx_prepare (export, "SELECT id, label, start_date, end_date FROM periods ORDER BY position, id");
  while (tissage_xlsx_step (export, stmt))
    {
      TissageXlsxPeriod *period = g_new0 (TissageXlsxPeriod, 1);

      period->id = sqlite3_column_int64 (stmt, 0);
      period->label = g_strdup (tissage_xlsx_column_text (stmt, 1));
      period->start = g_strdup (tissage_xlsx_column_text (stmt, 2));
      period->end = g_strdup (tissage_xlsx_column_text (stmt, 3));
      g_ptr_array_add (export->periods, period);
      if (period->id == export->options->period_id)
        {
          export->period = period;
          export->last_period = export->periods->len - 1;
        }
    }
  sqlite3_finalize (stmt);

  if (export->error != NULL)
    return FALSE;
  if (export->options->period_id != 0 && export->period == NULL)
    {
      g_set_error_literal (&export->error, TISSAGE_XLSX_ERROR, TISSAGE_XLSX_ERROR_READ,
                           _("The chosen period is no longer in the project."));
      return FALSE;
    }
  if (export->period == NULL && export->periods->len > 0)
    export->last_period = export->periods->len - 1;

  stmt = tissage_xlsx_prepare (export,
                               "SELECT i.id, i.title, i.unit, i.type, i.nature, i.target,"
                               " i.consolidation, i.scope_structure_id, i.baseline, i.direction"
                               " FROM indicators i JOIN effects e ON e.id = i.effect_id"
                               " JOIN eval_questions q ON q.id = e.question_id"
                               " JOIN stakes s ON s.id = q.stake_id"
                               " ORDER BY " TISSAGE_XLSX_FRAMEWORK_ORDER);
  while (tissage_xlsx_step (export, stmt))
    {
      TissageXlsxIndicator *indicator = g_new0 (TissageXlsxIndicator, 1);

      indicator->id = sqlite3_column_int64 (stmt, 0);
      indicator->title = g_strdup (tissage_xlsx_column_text (stmt, 1));
      indicator->unit = g_strdup (tissage_xlsx_column_text (stmt, 2));
      indicator->type = sqlite3_column_int (stmt, 3);
      indicator->nature = sqlite3_column_int (stmt, 4);
      indicator->has_target = sqlite3_column_type (stmt, 5) != SQLITE_NULL &&
                              isfinite (sqlite3_column_double (stmt, 5));
      indicator->target = indicator->has_target ? sqlite3_column_double (stmt, 5) : NAN;
      indicator->consolidation = sqlite3_column_int (stmt, 6);
      indicator->scope_structure_id = sqlite3_column_int64 (stmt, 7);
      indicator->has_baseline = sqlite3_column_type (stmt, 8) != SQLITE_NULL;
      indicator->baseline = sqlite3_column_double (stmt, 8);
      indicator->direction = sqlite3_column_int (stmt, 9);
      indicator->values = g_new (double, MAX (export->periods->len, 1));
      indicator->targets = g_new (double, MAX (export->periods->len, 1));
      indicator->counted = g_new0 (TissageCountedValue, MAX (export->periods->len, 1));
      for (guint p = 0; p < export->periods->len; p++)
        indicator->values[p] = NAN;

      g_ptr_array_add (export->indicators, indicator);
      insert_id (export->indicator_index, indicator->id, indicator);
    }
  sqlite3_finalize (stmt);

  if (export->error != NULL)
    return FALSE;

  /* Each period against its own target, or the indicator's. */
  {
    g_autoptr(TissagePeriodTargets) targets = tissage_db_read_period_targets (export->db, NULL);

    if (targets == NULL)
      {
        g_set_error (&export->error, TISSAGE_XLSX_ERROR, TISSAGE_XLSX_ERROR_READ,
                     _("The project could not be read for the export (%s)."), sqlite3_errmsg (export->db));
        return FALSE;
      }
    for (guint i = 0; i < export->indicators->len; i++)
      {
        TissageXlsxIndicator *indicator = g_ptr_array_index (export->indicators, i);

        for (guint p = 0; p < export->periods->len; p++)
          {
            TissageXlsxPeriod *period = g_ptr_array_index (export->periods, p);

            indicator->targets[p] = tissage_period_targets_get (targets, indicator->id, period->id, indicator->target);
          }
        indicator->has_target = indicator->has_target || tissage_period_targets_any (targets, indicator->id);
      }
  }

  if (!tissage_db_foreach_counted_value (export->db, 0, 0, 0, store_counted, export, NULL) ||
      !tissage_db_compute_figures (export->db, export->period != NULL ? export->period->id : 0, 0,
                                   &export->figures, NULL))
    {
      g_set_error (&export->error, TISSAGE_XLSX_ERROR, TISSAGE_XLSX_ERROR_READ,
                   _("The project could not be read for the export (%s)."),
                   sqlite3_errmsg (export->db));
      return FALSE;
    }

  if (!load_names (export, export->structures, "SELECT id, name FROM structures") ||
      !load_names (export, export->categories, "SELECT id, name FROM categories"))
    return FALSE;

  /* Rows, to tell how far the export has gone. */
  export->rows_total =
    export->indicators->len * 2 + 40 +
    count_rows (export, export->period != NULL
                          ? "SELECT count (*) FROM measurements WHERE period_id = ?1"
                          : "SELECT count (*) FROM measurements") +
    count_rows (export, "SELECT max ((SELECT count (*) FROM stakeholders), (SELECT count (*) FROM links))") +
    count_rows (export, "SELECT count (*) FROM interviews") +
    count_rows (export, "SELECT count (*) FROM verbatims");

  return export->error == NULL;
}

void
tissage_xlsx_export_clear (TissageXlsxExport *export)
{
  g_clear_pointer (&export->periods, g_ptr_array_unref);
  g_clear_pointer (&export->indicators, g_ptr_array_unref);
  g_clear_pointer (&export->indicator_index, g_hash_table_unref);
  g_clear_pointer (&export->structures, g_hash_table_unref);
  g_clear_pointer (&export->categories, g_hash_table_unref);
  g_clear_pointer (&export->privacy, tissage_privacy_free);
  g_clear_error (&export->error);
}

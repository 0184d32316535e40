/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-csv"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tissage-contribution.h"
#include "tissage-csv.h"
#include "tissage-privacy.h"
#include "tissage-referentiel.h"
#include "tissage-text.h"

G_DEFINE_QUARK (tissage-csv-error-quark, tissage_csv_error)

/* Reading */

void
tissage_csv_free (TissageCsv *csv)
{
  if (csv == NULL)
    return;

  g_strfreev (csv->header);
  g_clear_pointer (&csv->rows, g_ptr_array_unref);
  g_clear_pointer (&csv->lines, g_array_unref);
  g_free (csv);
}

/* The separator the header line uses most, outside quotes. */
static char
detect_separator (const char *data,
                  gsize       length)
{
  static const char candidates[] = { ';', '\t', ',' };
  guint counts[G_N_ELEMENTS (candidates)] = { 0, };
  gboolean quoted = FALSE;
  guint best = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (c == '"')
        quoted = !quoted;
      else if (!quoted && (c == '\n' || c == '\r'))
        break;
      else if (!quoted)
        for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
          counts[k] += c == candidates[k];
    }

  for (guint k = 1; k < G_N_ELEMENTS (candidates); k++)
    if (counts[k] > counts[best])
      best = k;

  return candidates[best];
}

/* The first word of @text that looks garbled, for a message, cut short
 * when long. */
static char *
garbled_sample (const char *text)
{
  const char *start = text;

  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      if (*p == '\0' || strchr (" ;,\t\n\r\"", *p) != NULL)
        {
          g_autofree char *word = g_strndup (start, p - start);

          if (tissage_text_looks_garbled (word) || *p == '\0')
            return g_utf8_substring (word, 0, MIN (g_utf8_strlen (word, -1), 40));
          start = p + 1;
        }
    }
}

/* Text in UTF-8, whatever the file was written in; refuses what is not text. */
static char *
to_utf8 (const char  *data,
         gsize        length,
         gboolean    *converted,
         GError     **error)
{
  gsize controls = 0;
  char *text;

  *converted = FALSE;

  if (length >= 2 && (((guchar) data[0] == 0xff && (guchar) data[1] == 0xfe) ||
                      ((guchar) data[0] == 0xfe && (guchar) data[1] == 0xff)))
    {
      char *wide = g_convert (data, length, "UTF-8", "UTF-16", NULL, NULL, NULL);

      if (wide != NULL)
        return wide;
    }

  for (gsize i = 0; i < length; i++)
    {
      guchar c = data[i];

      if (c == 0)
        controls = length;
      else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f')
        controls++;
      if (controls > 16 + length / 100)
        {
          g_set_error_literal (error, TISSAGE_CSV_ERROR, TISSAGE_CSV_ERROR_NOT_TEXT,
                               _("This file is not a CSV file: it does not hold text. Export the answers from the survey tool or the spreadsheet as “CSV”."));
          return NULL;
        }
    }

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  if (g_utf8_validate_len (data, length, NULL))
    text = g_strndup (data, length);
  else
    {
      /* Windows-1252, as Excel writes a CSV on a French Windows, with
       * what is UTF-8 in it kept as it is: a file written by two programs
       * has its accents right in both parts. */
      g_autoptr(GString) decoded = g_string_sized_new (length + length / 4);
      const char *p = data, *end = data + length;

      *converted = TRUE;
      while (p < end)
        {
          guchar byte = *p;
          gunichar c;

          if (byte < 0x80)
            {
              g_string_append_c (decoded, (char) byte);
              p++;
              continue;
            }
          c = g_utf8_get_char_validated (p, end - p);
          if (c != (gunichar) -1 && c != (gunichar) -2)
            {
              const char *next = g_utf8_next_char (p);

              g_string_append_len (decoded, p, next - p);
              p = next;
              continue;
            }
          c = tissage_text_windows_1252_char (byte);
          if (c == 0)
            {
              g_set_error_literal (error, TISSAGE_CSV_ERROR, TISSAGE_CSV_ERROR_NOT_TEXT,
                                   _("The characters of this file could not be read: it is neither in UTF-8 nor in the Windows encoding. Save it again as “CSV UTF-8”."));
              return NULL;
            }
          g_string_append_unichar (decoded, c);
          p++;
        }
      text = g_string_free (g_steal_pointer (&decoded), FALSE);
    }

  /* A file saved once in each encoding: "RÃ©nov" for "Rénov". Read back
   * when the whole file is so; refused when only part of it is, rather
   * than names that duplicate the project's with their accents garbled. */
  if (tissage_text_looks_garbled (text))
    {
      g_autofree char *repaired = tissage_text_repair_garbled (text);

      if (repaired == NULL)
        {
          g_autofree char *sample = garbled_sample (text);

          g_set_error (error, TISSAGE_CSV_ERROR, TISSAGE_CSV_ERROR_NOT_TEXT,
                       _("The accents of this file are garbled (such as “%s”): it was saved in two encodings at once. Open it in the spreadsheet program, correct them, and save it as “CSV UTF-8”."),
                       sample);
          g_free (text);
          return NULL;
        }
      *converted = TRUE;
      g_free (text);
      text = g_steal_pointer (&repaired);
    }
  return text;
}

static gboolean
row_is_blank (GPtrArray *cells)
{
  for (guint i = 0; i < cells->len; i++)
    if (*(const char *) g_ptr_array_index (cells, i) != '\0')
      return FALSE;

  return TRUE;
}

static TissageCsv *
too_large (GError **error)
{
  g_set_error (error, TISSAGE_CSV_ERROR, TISSAGE_CSV_ERROR_TOO_LARGE,
               _("This file is too large to import (more than %d MB). Split it into several files."),
               TISSAGE_CSV_MAX_BYTES / (1024 * 1024));
  return NULL;
}

/* @line: the row in a spreadsheet, as the refusals name it */
static TissageCsv *
row_too_wide (GError **error,
              guint    line,
              guint    n_columns)
{
  if (n_columns == 0)
    g_set_error (error, TISSAGE_CSV_ERROR, TISSAGE_CSV_ERROR_TOO_LARGE,
                 _("This file has more than %d columns: Tissage imports up to %d."),
                 TISSAGE_CSV_MAX_COLUMNS, TISSAGE_CSV_MAX_COLUMNS);
  else
    g_set_error (error, TISSAGE_CSV_ERROR, TISSAGE_CSV_ERROR_TOO_LARGE,
                 _("Line %u holds more than %d values for %u columns: the file cannot be imported. Check its separator."),
                 line, TISSAGE_CSV_MAX_ROW_CELLS, n_columns);
  return NULL;
}

static TissageCsv *
cell_too_long (GError **error,
               guint    line)
{
  g_set_error (error, TISSAGE_CSV_ERROR, TISSAGE_CSV_ERROR_TOO_LARGE,
               _("Line %u holds a value of more than %d MB: the file cannot be imported. Check its quotation marks."),
               line, TISSAGE_CSV_MAX_CELL_BYTES / (1024 * 1024));
  return NULL;
}

static TissageCsv *
too_many_cells (GError **error,
                guint    line)
{
  g_set_error (error, TISSAGE_CSV_ERROR, TISSAGE_CSV_ERROR_TOO_LARGE,
               _("At line %u, this file already holds more than %d million values: Tissage imports up to that many at once. Split it into several files."),
               line, TISSAGE_CSV_MAX_CELLS / (1000 * 1000));
  return NULL;
}

TissageCsv *
tissage_csv_parse (const char  *data,
                   gsize        length,
                   GError     **error)
{
  g_autoptr(TissageCsv) csv = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  gboolean converted;
  gboolean quoted = FALSE, was_quoted = FALSE;
  guint line = 1, quote_line = 0, record = 0;
  gsize n_cells = 0;
  const char *p, *end;

  if (length > TISSAGE_CSV_MAX_BYTES)
    return too_large (error);

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  text = to_utf8 (data, length, &converted, error);
  if (text == NULL)
    return NULL;

  csv = g_new0 (TissageCsv, 1);
  csv->converted = converted;
  csv->separator = detect_separator (text, strlen (text));
  csv->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  csv->lines = g_array_new (FALSE, FALSE, sizeof (guint));

  p = text;
  end = text + strlen (text);
  while (p <= end)
    {
      char c = p < end ? *p : '\0';
      gboolean end_of_record = FALSE;

      if (G_UNLIKELY (field->len > TISSAGE_CSV_MAX_CELL_BYTES))
        return cell_too_long (error, record + 1);

      if (quoted)
        {
          if (p == end)
            {
              g_set_error (error, TISSAGE_CSV_ERROR, TISSAGE_CSV_ERROR_UNTERMINATED,
                           _("A quotation mark opened on line %u is never closed: the file is cut short or badly exported."),
                           quote_line);
              return NULL;
            }
          if (c == '"' && p[1] == '"')
            {
              g_string_append_c (field, '"');
              p += 2;
              continue;
            }
          if (c == '"')
            quoted = FALSE;
          else
            {
              if (c == '\n')
                line++;
              if (c != '\r' || p[1] != '\n')
                g_string_append_c (field, c);
            }
          p++;
          continue;
        }

      if (c == '"' && field->len == 0 && !was_quoted)
        {
          quoted = was_quoted = TRUE;
          quote_line = line;
          p++;
          continue;
        }

      if (c == csv->separator)
        {
          if (cells->len >= (csv->header == NULL ? TISSAGE_CSV_MAX_COLUMNS : TISSAGE_CSV_MAX_ROW_CELLS))
            return row_too_wide (error, record + 1, csv->n_columns);
          g_ptr_array_add (cells, g_strdup (field->str));
          g_string_truncate (field, 0);
          was_quoted = FALSE;
          p++;
          continue;
        }

      if (c == '\r' || c == '\n' || p == end)
        {
          end_of_record = TRUE;
          if (c == '\r' && p[1] == '\n')
            p++;
        }
      else
        g_string_append_c (field, c);

      if (end_of_record)
        {
          g_ptr_array_add (cells, g_strdup (field->str));
          g_string_truncate (field, 0);
          was_quoted = FALSE;

          if (csv->header == NULL)
            {
              if (row_is_blank (cells))
                {
                  /* Blank lines before the header are skipped. */
                }
              else if (cells->len > TISSAGE_CSV_MAX_COLUMNS)
                {
                  g_set_error (error, TISSAGE_CSV_ERROR, TISSAGE_CSV_ERROR_TOO_LARGE,
                               _("This file has %u columns: Tissage imports up to %d."),
                               cells->len, TISSAGE_CSV_MAX_COLUMNS);
                  return NULL;
                }
              else
                {
                  csv->n_columns = cells->len;
                  csv->header = g_new0 (char *, cells->len + 1);
                  for (guint i = 0; i < cells->len; i++)
                    {
                      g_autofree char *name = g_strstrip (g_strdup (g_ptr_array_index (cells, i)));

                      csv->header[i] = *name != '\0'
                        ? g_steal_pointer (&name)
                        : g_strdup_printf (_("Column %u"), i + 1);
                    }
                }
            }
          else if (!row_is_blank (cells))
            {
              guint n = MAX (cells->len, csv->n_columns);
              char **row;
              guint number = record + 1;

              n_cells += n;
              if (n_cells > TISSAGE_CSV_MAX_CELLS)
                return too_many_cells (error, number);
              row = g_new0 (char *, n + 1);

              for (guint i = 0; i < n; i++)
                row[i] = g_strdup (i < cells->len ? g_ptr_array_index (cells, i) : "");
              g_ptr_array_add (csv->rows, row);
              g_array_append_val (csv->lines, number);
            }
          record++;
          g_ptr_array_set_size (cells, 0);
          line++;
        }
      p++;
    }

  if (csv->header == NULL)
    {
      g_set_error_literal (error, TISSAGE_CSV_ERROR, TISSAGE_CSV_ERROR_EMPTY,
                           _("This file is empty."));
      return NULL;
    }

  return g_steal_pointer (&csv);
}

TissageCsv *
tissage_csv_read_file (GFile         *file,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, NULL);
  if (info != NULL && g_file_info_get_size (info) > TISSAGE_CSV_MAX_BYTES)
    return too_large (error);

  if (!g_file_load_contents (file, cancellable, &data, &length, NULL, NULL))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The file “%s” could not be read."), name);
      return NULL;
    }

  return tissage_csv_parse (data, length, error);
}

/* The import plan */

typedef struct {
  gint64               id;
  TissageQuestionKind  kind;
  char                *text;
  char                *folded;
  GStrv                choices;
  TissageChoices      *matcher;  /* of a choice question, else NULL */
} QuestionCopy;

typedef struct {
  gint64  id;
  char   *folded;
} NamedCopy;

typedef struct {
  gint64  question_id;
  char   *text;
  double  number;
} Value;

typedef struct {
  guint   line;
  char   *date;
  char   *interviewer;
  char   *pseudonym;
  gint64  structure_id;
  gint64  category_id;
  gint64  person_structure_id;
  int      consent;   /* TISSAGE_CONSENT_*, not recorded unless a column says */
  char   *uuid;       /* the submission's, or NULL */
  GArray *values;
} Accepted;

struct _TissageCsvImport {
  TissageCsv       *csv;
  gint64            grid_id;
  char             *grid_title;
  GArray           *questions;    /* QuestionCopy */
  GArray           *structures;   /* NamedCopy */
  GArray           *categories;   /* NamedCopy */
  TissageCsvTarget *targets;      /* per column */
  gint64           *question_ids; /* per column */
  guint            *choices;      /* per column, for %TISSAGE_CSV_OPTION */
  gboolean          checked;
  gint              progress;     /* rows checked, atomic */
  GPtrArray        *accepted;     /* Accepted */
  GPtrArray        *refusals;     /* TissageCsvRefusal */
  guint             n_refused_cells;
  GHashTable       *known_uuids;  /* of the project's interviews */
  GHashTable       *seen_uuids;   /* of the lines checked */
  guint             n_already;
};

static const char * const target_labels[] = {
  [TISSAGE_CSV_IGNORE] = N_("Ignore"),
  [TISSAGE_CSV_QUESTION] = N_("Question"),
  [TISSAGE_CSV_DATE] = N_("Date of the interview"),
  [TISSAGE_CSV_INTERVIEWER] = N_("Interviewer"),
  [TISSAGE_CSV_PSEUDONYM] = N_("Pseudonym of the interviewee"),
  [TISSAGE_CSV_STRUCTURE] = N_("Structure that held the interview"),
  [TISSAGE_CSV_CATEGORY] = N_("Category of the interviewee"),
  [TISSAGE_CSV_CONSENT] = N_("Consent of the interviewee"),
  [TISSAGE_CSV_PERSON_STRUCTURE] = N_("Structure of the interviewee"),
  [TISSAGE_CSV_OPTION] = N_("One choice of a question (1 or 0)"),
  [TISSAGE_CSV_UUID] = N_("Identifier of the submission"),
};

const char *
tissage_csv_target_to_label (TissageCsvTarget target)
{
  g_return_val_if_fail (target < TISSAGE_CSV_N_TARGETS, NULL);

  return _(target_labels[target]);
}


static void
question_copy_clear (gpointer data)
{
  QuestionCopy *q = data;

  g_free (q->text);
  g_free (q->folded);
  g_strfreev (q->choices);
  g_clear_pointer (&q->matcher, tissage_choices_free);
}

static void
named_copy_clear (gpointer data)
{
  g_free (((NamedCopy *) data)->folded);
}

static void
accepted_free (gpointer data)
{
  Accepted *row = data;

  g_free (row->date);
  g_free (row->interviewer);
  g_free (row->pseudonym);
  g_free (row->uuid);
  g_array_unref (row->values);
  g_free (row);
}

static void
value_clear (gpointer data)
{
  g_free (((Value *) data)->text);
}

static void
refusal_free (gpointer data)
{
  TissageCsvRefusal *refusal = data;

  g_strfreev (refusal->reasons);
  g_free (refusal);
}

/* The guide's order, as the interview editor and the workbook have it. */
static int
compare_positions (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  TissageDocument *document = user_data;
  TissageGridQuestion *qa = *(TissageGridQuestion **) a;
  TissageGridQuestion *qb = *(TissageGridQuestion **) b;
  TissageQuestionPlace pa, pb;

  tissage_question_place_init (&pa, tissage_document_lookup (document, TISSAGE_TYPE_GRID_SECTION,
                                                             tissage_grid_question_get_section_id (qa)), qa);
  tissage_question_place_init (&pb, tissage_document_lookup (document, TISSAGE_TYPE_GRID_SECTION,
                                                             tissage_grid_question_get_section_id (qb)), qb);
  return tissage_question_place_compare (&pa, &pb);
}

static GArray *
copy_names (GListModel *model)
{
  GArray *copies = g_array_new (FALSE, TRUE, sizeof (NamedCopy));

  g_array_set_clear_func (copies, named_copy_clear);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      g_autofree char *name = NULL;
      NamedCopy copy;

      g_object_get (item, "name", &name, NULL);
      copy.id = tissage_record_get_id (TISSAGE_RECORD (item));
      copy.folded = tissage_text_fold_words (name);
      g_array_append_val (copies, copy);
    }

  return copies;
}

static void
forget_results (TissageCsvImport *self)
{
  self->checked = FALSE;
  g_atomic_int_set (&self->progress, 0);
  g_ptr_array_set_size (self->accepted, 0);
  g_ptr_array_set_size (self->refusals, 0);
  self->n_refused_cells = 0;
  self->n_already = 0;
  g_hash_table_remove_all (self->seen_uuids);
}

TissageCsvImport *
tissage_csv_import_new (TissageDocument *document,
                        TissageGrid     *grid,
                        TissageCsv      *csv)
{
  TissageCsvImport *self;
  GListModel *questions;
  g_autoptr(GPtrArray) mine = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (TISSAGE_IS_GRID (grid), NULL);
  g_return_val_if_fail (csv != NULL, NULL);

  self = g_new0 (TissageCsvImport, 1);
  self->csv = csv;
  self->grid_id = tissage_record_get_id (TISSAGE_RECORD (grid));
  self->grid_title = g_strdup (tissage_grid_get_title (grid));
  self->targets = g_new0 (TissageCsvTarget, csv->n_columns);
  self->question_ids = g_new0 (gint64, csv->n_columns);
  self->choices = g_new0 (guint, csv->n_columns);
  self->accepted = g_ptr_array_new_with_free_func (accepted_free);
  self->refusals = g_ptr_array_new_with_free_func (refusal_free);
  self->known_uuids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->seen_uuids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  {
    GListModel *interviews = tissage_document_get_records (document, TISSAGE_TYPE_INTERVIEW);

    for (guint i = 0; i < g_list_model_get_n_items (interviews); i++)
      {
        g_autoptr(TissageRecord) interview = g_list_model_get_item (interviews, i);

        g_hash_table_add (self->known_uuids, g_strdup (tissage_record_get_uuid (interview)));
      }
  }

  questions = tissage_document_get_records (document, TISSAGE_TYPE_GRID_QUESTION);
  for (guint i = 0; i < g_list_model_get_n_items (questions); i++)
    {
      TissageGridQuestion *question = g_list_model_get_item (questions, i);

      if (tissage_grid_question_get_grid_id (question) == self->grid_id &&
          !tissage_grid_question_get_retired (question))
        g_ptr_array_add (mine, question);
      else
        g_object_unref (question);
    }
  g_ptr_array_sort_with_data (mine, compare_positions, document);

  self->questions = g_array_new (FALSE, TRUE, sizeof (QuestionCopy));
  g_array_set_clear_func (self->questions, question_copy_clear);
  for (guint i = 0; i < mine->len; i++)
    {
      TissageGridQuestion *question = g_ptr_array_index (mine, i);
      QuestionCopy copy;

      copy.id = tissage_record_get_id (TISSAGE_RECORD (question));
      copy.kind = tissage_grid_question_get_kind (question);
      copy.text = g_strdup (tissage_grid_question_get_text (question));
      copy.folded = tissage_text_fold_words (copy.text);
      copy.choices = tissage_grid_question_dup_choices (question);
      copy.matcher = copy.kind == TISSAGE_QUESTION_SINGLE || copy.kind == TISSAGE_QUESTION_MULTIPLE
        ? tissage_choices_new ((const char * const *) copy.choices) : NULL;
      g_array_append_val (self->questions, copy);
    }

  self->structures = copy_names (tissage_document_get_structures (document));
  self->categories = copy_names (tissage_document_get_categories (document));

  tissage_csv_import_propose (self);

  return self;
}

void
tissage_csv_import_free (TissageCsvImport *self)
{
  if (self == NULL)
    return;

  tissage_csv_free (self->csv);
  g_array_unref (self->questions);
  g_array_unref (self->structures);
  g_array_unref (self->categories);
  g_free (self->grid_title);
  g_free (self->targets);
  g_free (self->question_ids);
  g_free (self->choices);
  g_ptr_array_unref (self->accepted);
  g_ptr_array_unref (self->refusals);
  g_hash_table_unref (self->known_uuids);
  g_hash_table_unref (self->seen_uuids);
  g_free (self);
}

TissageCsv *
tissage_csv_import_free_to_csv (TissageCsvImport *self)
{
  TissageCsv *csv;

  g_return_val_if_fail (self != NULL, NULL);

  csv = g_steal_pointer (&self->csv);
  tissage_csv_import_free (self);
  return csv;
}

const TissageCsv *
tissage_csv_import_get_csv (TissageCsvImport *self)
{
  return self->csv;
}

guint
tissage_csv_import_get_n_questions (TissageCsvImport *self)
{
  return self->questions->len;
}

gint64
tissage_csv_import_get_question_id (TissageCsvImport *self,
                                    guint             index)
{
  g_return_val_if_fail (index < self->questions->len, 0);

  return g_array_index (self->questions, QuestionCopy, index).id;
}

const char *
tissage_csv_import_get_question_text (TissageCsvImport *self,
                                      guint             index)
{
  g_return_val_if_fail (index < self->questions->len, NULL);

  return g_array_index (self->questions, QuestionCopy, index).text;
}

const char * const *
tissage_csv_import_get_question_choices (TissageCsvImport *self,
                                         guint             index)
{
  const QuestionCopy *question;

  g_return_val_if_fail (index < self->questions->len, NULL);

  question = &g_array_index (self->questions, QuestionCopy, index);
  if (question->kind != TISSAGE_QUESTION_SINGLE && question->kind != TISSAGE_QUESTION_MULTIPLE)
    return NULL;
  return (const char * const *) question->choices;
}

gboolean
tissage_csv_import_question_is_multiple (TissageCsvImport *self,
                                         guint             index)
{
  g_return_val_if_fail (index < self->questions->len, FALSE);

  return g_array_index (self->questions, QuestionCopy, index).kind == TISSAGE_QUESTION_MULTIPLE;
}

const char *
tissage_csv_import_get_grid_title (TissageCsvImport *self)
{
  return self->grid_title;
}

static const QuestionCopy *
find_question (TissageCsvImport *self,
               gint64            id)
{
  for (guint i = 0; i < self->questions->len; i++)
    if (g_array_index (self->questions, QuestionCopy, i).id == id)
      return &g_array_index (self->questions, QuestionCopy, i);

  return NULL;
}

static gboolean
question_taken (TissageCsvImport *self,
                gint64            id)
{
  for (guint c = 0; c < self->csv->n_columns; c++)
    if (self->targets[c] == TISSAGE_CSV_QUESTION && self->question_ids[c] == id)
      return TRUE;

  return FALSE;
}

/* A question answered by a column, or by columns of its choices. */
static gboolean
question_answered (TissageCsvImport *self,
                   gint64            id)
{
  for (guint c = 0; c < self->csv->n_columns; c++)
    if ((self->targets[c] == TISSAGE_CSV_QUESTION || self->targets[c] == TISSAGE_CSV_OPTION) &&
        self->question_ids[c] == id)
      return TRUE;

  return FALSE;
}

guint
tissage_csv_import_count_mapped_questions (TissageCsvImport *self)
{
  guint n = 0;

  for (guint q = 0; q < self->questions->len; q++)
    n += question_answered (self, g_array_index (self->questions, QuestionCopy, q).id);

  return n;
}

static gboolean
option_taken (TissageCsvImport *self,
              gint64            question_id,
              guint             choice)
{
  for (guint c = 0; c < self->csv->n_columns; c++)
    if (self->targets[c] == TISSAGE_CSV_OPTION && self->question_ids[c] == question_id &&
        self->choices[c] == choice)
      return TRUE;

  return FALSE;
}

/* KoboToolbox gives each choice of a multiple-choice question its own
 * column, "question/choice" or "question.choice", the question by its
 * title or its name, the choice by its label or its name; a group may
 * come before: "parcours/ateliers_suivis/cv". */
static gboolean
propose_option (TissageCsvImport *self,
                guint             column)
{
  const char *header = self->csv->header[column];
  const char *split = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *question_part = NULL;
  g_autofree char *group_free = NULL;

  for (const char *p = header; *p != '\0'; p++)
    if (*p == '/' || *p == '.')
      split = p;
  if (split == NULL || split == header || split[1] == '\0')
    return FALSE;

  prefix = g_strndup (header, split - header);
  {
    const char *last = strrchr (prefix, '/');

    question_part = tissage_text_fold_words (last != NULL ? last + 1 : prefix);
    group_free = tissage_text_fold_words (prefix);
  }

  for (guint q = 0; q < self->questions->len; q++)
    {
      const QuestionCopy *question = &g_array_index (self->questions, QuestionCopy, q);
      int choice;

      if (question->kind != TISSAGE_QUESTION_MULTIPLE || *question->folded == '\0' ||
          (!g_str_equal (question_part, question->folded) && !g_str_equal (group_free, question->folded) &&
           !(strlen (question_part) >= 4 && g_str_has_prefix (question->folded, question_part))))
        continue;

      choice = tissage_choices_find (question->matcher, split + 1);
      if (choice < 0 || option_taken (self, question->id, choice))
        continue;

      self->targets[column] = TISSAGE_CSV_OPTION;
      self->question_ids[column] = question->id;
      self->choices[column] = choice;
      return TRUE;
    }

  return FALSE;
}

static TissageCsvTarget
field_for_header (const char *folded)
{
  static const struct {
    const char       *name;
    TissageCsvTarget  target;
  } fields[] = {
    { "date", TISSAGE_CSV_DATE },
    { "date de l entretien", TISSAGE_CSV_DATE },
    { "date entretien", TISSAGE_CSV_DATE },
    { "date de l enquete", TISSAGE_CSV_DATE },
    { "date de soumission", TISSAGE_CSV_DATE },
    { "date submitted", TISSAGE_CSV_DATE },
    { "enqueteur", TISSAGE_CSV_INTERVIEWER },
    { "enqueteur ou enquetrice", TISSAGE_CSV_INTERVIEWER },
    { "enquetrice", TISSAGE_CSV_INTERVIEWER },
    { "intervieweur", TISSAGE_CSV_INTERVIEWER },
    { "interviewer", TISSAGE_CSV_INTERVIEWER },
    { "pseudonyme", TISSAGE_CSV_PSEUDONYM },
    { "pseudo", TISSAGE_CSV_PSEUDONYM },
    { "pseudonym", TISSAGE_CSV_PSEUDONYM },
    { "structure", TISSAGE_CSV_STRUCTURE },
    { "structure qui a mene l entretien", TISSAGE_CSV_STRUCTURE },
    { "categorie", TISSAGE_CSV_CATEGORY },
    { "category", TISSAGE_CSV_CATEGORY },
    { "consentement", TISSAGE_CSV_CONSENT },
    { "consent", TISSAGE_CSV_CONSENT },
    { "uuid", TISSAGE_CSV_UUID },
    { "accord", TISSAGE_CSV_CONSENT },
    { "structure de la personne", TISSAGE_CSV_PERSON_STRUCTURE },
    { "structure personne", TISSAGE_CSV_PERSON_STRUCTURE },
    { "structure de la personne interrogee", TISSAGE_CSV_PERSON_STRUCTURE },
    { "structure de l interviewe", TISSAGE_CSV_PERSON_STRUCTURE },
    { "structure d accompagnement", TISSAGE_CSV_PERSON_STRUCTURE },
    { "structure de rattachement", TISSAGE_CSV_PERSON_STRUCTURE },
    { "votre structure", TISSAGE_CSV_PERSON_STRUCTURE },
    { "structure qui vous accompagne", TISSAGE_CSV_PERSON_STRUCTURE },
  };

  /* Online forms ask “Prénom ou pseudonyme”, “Votre prénom”: who was met. */
  static const char * const who[] = { "pseudonyme", "pseudo", "pseudonym", "prenom" };
  g_auto(GStrv) words = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (folded, fields[i].name))
      return fields[i].target;

  words = g_strsplit (folded, " ", -1);
  for (guint w = 0; words[w] != NULL; w++)
    for (guint i = 0; i < G_N_ELEMENTS (who); i++)
      if (g_str_equal (words[w], who[i]))
        return TISSAGE_CSV_PSEUDONYM;

  /* “Consentement au traitement des données”, “J'accepte que mes réponses…” */
  if (g_str_has_prefix (folded, "consentement") || g_str_has_prefix (folded, "j accepte") ||
      g_str_has_prefix (folded, "consent "))
    return TISSAGE_CSV_CONSENT;

  return TISSAGE_CSV_IGNORE;
}

/* Matches the headers to the questions: exact texts first, then a header
 * that begins with the question or the other way round, then one that
 * holds it; each question goes to one column at most. */
void
tissage_csv_import_propose (TissageCsvImport *self)
{
  g_autoptr(GPtrArray) folded = g_ptr_array_new_with_free_func (g_free);
  guint n = self->csv->n_columns;

  forget_results (self);
  for (guint c = 0; c < n; c++)
    {
      self->targets[c] = TISSAGE_CSV_IGNORE;
      self->question_ids[c] = 0;
      self->choices[c] = 0;
      g_ptr_array_add (folded, tissage_text_fold_words (self->csv->header[c]));
    }

  for (guint pass = 0; pass < 3; pass++)
    for (guint c = 0; c < n; c++)
      {
        const char *header = g_ptr_array_index (folded, c);

        /* Columns of choices before a question is looked for in part of a header. */
        if (pass == 1 && self->targets[c] == TISSAGE_CSV_IGNORE && propose_option (self, c))
          continue;

        if (self->targets[c] != TISSAGE_CSV_IGNORE || *header == '\0')
          continue;

        for (guint q = 0; q < self->questions->len; q++)
          {
            const QuestionCopy *question = &g_array_index (self->questions, QuestionCopy, q);
            gboolean match;

            if (*question->folded == '\0' || question_taken (self, question->id))
              continue;

            if (pass == 0)
              match = g_str_equal (header, question->folded);
            else if (pass == 1)
              match = (g_str_has_prefix (header, question->folded) && strlen (question->folded) >= 4) ||
                      (g_str_has_prefix (question->folded, header) && strlen (header) >= 8);
            else
              match = (strlen (question->folded) >= 8 && strstr (header, question->folded) != NULL) ||
                      (strlen (header) >= 8 && strstr (question->folded, header) != NULL);

            if (match)
              {
                self->targets[c] = TISSAGE_CSV_QUESTION;
                self->question_ids[c] = question->id;
                break;
              }
          }

        /* Interview fields by their usual names, once the exact questions are placed. */
        if (pass == 0 && self->targets[c] == TISSAGE_CSV_IGNORE)
          {
            TissageCsvTarget field = field_for_header (header);
            gboolean taken = FALSE;

            for (guint o = 0; o < n; o++)
              taken |= field != TISSAGE_CSV_IGNORE && self->targets[o] == field;
            if (!taken)
              self->targets[c] = field;
          }
      }
}

void
tissage_csv_import_set_column (TissageCsvImport *self,
                               guint             column,
                               TissageCsvTarget  target,
                               gint64            question_id)
{
  g_return_if_fail (column < self->csv->n_columns);
  g_return_if_fail (target < TISSAGE_CSV_N_TARGETS);
  g_return_if_fail (target != TISSAGE_CSV_QUESTION || find_question (self, question_id) != NULL);

  g_return_if_fail (target != TISSAGE_CSV_OPTION);

  forget_results (self);

  if (target != TISSAGE_CSV_IGNORE)
    for (guint c = 0; c < self->csv->n_columns; c++)
      if (c != column && self->targets[c] == target &&
          (target != TISSAGE_CSV_QUESTION || self->question_ids[c] == question_id))
        {
          self->targets[c] = TISSAGE_CSV_IGNORE;
          self->question_ids[c] = 0;
        }

  self->targets[column] = target;
  self->question_ids[column] = target == TISSAGE_CSV_QUESTION ? question_id : 0;
  self->choices[column] = 0;
}

void
tissage_csv_import_set_column_option (TissageCsvImport *self,
                                      guint             column,
                                      gint64            question_id,
                                      guint             choice)
{
  const QuestionCopy *question;

  g_return_if_fail (column < self->csv->n_columns);
  question = find_question (self, question_id);
  g_return_if_fail (question != NULL && question->kind == TISSAGE_QUESTION_MULTIPLE);
  g_return_if_fail (choice < g_strv_length (question->choices));

  forget_results (self);

  for (guint c = 0; c < self->csv->n_columns; c++)
    if (c != column && self->targets[c] == TISSAGE_CSV_OPTION &&
        self->question_ids[c] == question_id && self->choices[c] == choice)
      {
        self->targets[c] = TISSAGE_CSV_IGNORE;
        self->question_ids[c] = 0;
        self->choices[c] = 0;
      }

  self->targets[column] = TISSAGE_CSV_OPTION;
  self->question_ids[column] = question_id;
  self->choices[column] = choice;
}

guint
tissage_csv_import_get_column_choice (TissageCsvImport *self,
                                      guint             column)
{
  g_return_val_if_fail (column < self->csv->n_columns, 0);

  return self->targets[column] == TISSAGE_CSV_OPTION ? self->choices[column] : 0;
}

TissageCsvTarget
tissage_csv_import_get_column (TissageCsvImport *self,
                               guint             column,
                               gint64           *question_id)
{
  g_return_val_if_fail (column < self->csv->n_columns, TISSAGE_CSV_IGNORE);

  if (question_id != NULL)
    *question_id = self->question_ids[column];
  return self->targets[column];
}

GStrv
tissage_csv_import_dup_unmapped (TissageCsvImport *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint q = 0; q < self->questions->len; q++)
    {
      const QuestionCopy *question = &g_array_index (self->questions, QuestionCopy, q);

      if (!question_answered (self, question->id))
        g_strv_builder_add (builder, question->text);
    }

  return g_strv_builder_end (builder);
}

/* Checking */

/* "12/03/2025", "12/03/2025 14:35", "2025-03-12" or "2025-03-12 14:35:00"
 * as the ISO date the interview stores. */
static char *
parse_date (const char *input)
{
  char *iso = NULL;

  return tissage_parse_date (input, &iso) ? iso : NULL;
}

static gint64
find_named (GArray     *names,
            const char *input)
{
  g_autofree char *folded = tissage_text_fold_words (input);

  for (guint i = 0; i < names->len; i++)
    if (g_str_equal (g_array_index (names, NamedCopy, i).folded, folded))
      return g_array_index (names, NamedCopy, i).id;

  return 0;
}

/* Whether the header of column @c names its question, so that a refused
 * answer need not name it again. */
static gboolean
header_names_question (TissageCsvImport *self,
                       guint             c)
{
  const QuestionCopy *question = find_question (self, self->question_ids[c]);
  g_autofree char *header = tissage_text_fold_words (self->csv->header[c]);

  return *question->folded != '\0' && strstr (header, question->folded) != NULL;
}

/* "oui", "non", "1", "0", "J'accepte…", "Je n'accepte pas" as the
 * consent given or refused; -1 for anything else. An empty cell is not
 * read: the consent stays not recorded. */
static int
parse_consent (const char *input)
{
  static const char * const refused[] = { "je n accepte pas", "je refuse", "refus", "pas d accord",
                                          "je ne suis pas d accord", "n accepte pas" };
  static const char * const given[] = { "j accepte", "accepte", "je suis d accord", "d accord",
                                        "j y consens", "consentement donne" };
  g_autofree char *folded = tissage_text_fold_words (input);
  double value;
  g_autofree char *text = NULL;
  gboolean empty;

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    if (g_str_has_prefix (folded, refused[i]))
      return TISSAGE_CONSENT_REFUSED;
  for (guint i = 0; i < G_N_ELEMENTS (given); i++)
    if (g_str_has_prefix (folded, given[i]))
      return TISSAGE_CONSENT_GIVEN;

  if (tissage_question_parse_answer (TISSAGE_QUESTION_YES_NO, "", NULL, input, &text, &value, &empty, NULL) &&
      !empty)
    return value != 0 ? TISSAGE_CONSENT_GIVEN : TISSAGE_CONSENT_REFUSED;

  return -1;
}

static gboolean
has_value (GArray *values,
           gint64  question_id)
{
  for (guint v = 0; v < values->len; v++)
    if (g_array_index (values, Value, v).question_id == question_id)
      return TRUE;

  return FALSE;
}

static void
add_reason (GPtrArray  *reasons,
            guint       line,
            const char *header,
            char       *problem)
{
  g_ptr_array_add (reasons,
    /* TRANSLATORS: a refused cell: line, column header, then what is wrong */
    g_strdup_printf (_("line %u, “%s”: %s"), line, header, problem));
  g_free (problem);
}

/* The answer to @question that its columns of choices give, one 1 or 0
 * a choice: appended to @row, or refused cells added to @reasons. */
static gboolean
check_options (TissageCsvImport    *self,
               char               **cells,
               guint                line,
               const QuestionCopy  *question,
               Accepted            *row,
               GPtrArray           *reasons)
{
  g_autoptr(GString) input = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  Value value = { question->id, NULL, NAN };
  gboolean any = FALSE, bad = FALSE, empty;
  char *problem = NULL;

  for (guint c = 0; c < self->csv->n_columns; c++)
    {
      g_autofree char *text = NULL;
      double chosen;

      if (self->targets[c] != TISSAGE_CSV_OPTION || self->question_ids[c] != question->id)
        continue;
      any = TRUE;
      if (!tissage_question_parse_answer_with_reason (TISSAGE_QUESTION_YES_NO, self->csv->header[c], NULL,
                                                      cells[c], &text, &chosen, &empty, &problem, NULL))
        {
          add_reason (reasons, line, self->csv->header[c], g_steal_pointer (&problem));
          bad = TRUE;
        }
      else if (!empty && chosen != 0)
        {
          if (input->len > 0)
            g_string_append_c (input, '\n');
          g_string_append (input, question->choices[self->choices[c]]);
        }
    }

  if (!any || bad || input->len == 0)
    return !bad;

  if (!tissage_question_parse_answer_with_choices (question->kind, question->text, question->matcher,
                                                   input->str, &value.text, &value.number, &empty, NULL, &error))
    return FALSE;
  if (empty)
    g_free (value.text);
  else
    g_array_append_val (row->values, value);
  return TRUE;
}

static void
check_row (TissageCsvImport *self,
           guint             index,
           const gboolean   *named)
{
  char **cells = g_ptr_array_index (self->csv->rows, index);
  guint line = g_array_index (self->csv->lines, guint, index);
  g_autoptr(GPtrArray) reasons = g_ptr_array_new_with_free_func (g_free);
  Accepted *row = g_new0 (Accepted, 1);
  gboolean misaligned = FALSE, already = FALSE;
  guint n_cells = 0;

  row->line = line;
  row->values = g_array_new (FALSE, TRUE, sizeof (Value));
  g_array_set_clear_func (row->values, value_clear);

  for (guint c = g_strv_length (cells); c > self->csv->n_columns; c--)
    if (*g_strstrip (cells[c - 1]) != '\0')
      {
        g_ptr_array_add (reasons,
          g_strdup_printf (_("line %u: %u values for %u columns; a separator is probably missing or in excess"),
                           line, g_strv_length (cells), self->csv->n_columns));
        misaligned = TRUE;
        break;
      }

  for (guint c = 0; c < self->csv->n_columns; c++)
    {
      g_autofree char *input = g_strstrip (g_strdup (cells[c]));
      g_autoptr(GError) error = NULL;
      const char *header = self->csv->header[c];
      char *problem = NULL;

      switch (self->targets[c])
        {
        case TISSAGE_CSV_QUESTION:
          {
            const QuestionCopy *question = find_question (self, self->question_ids[c]);
            Value value = { question->id, NULL, NAN };
            gboolean empty;

            if (!tissage_question_parse_answer_with_choices (question->kind, question->text, question->matcher,
                                                             cells[c], &value.text, &value.number, &empty,
                                                             named[c] ? &problem : NULL, &error))
              {
                if (problem == NULL)
                  problem = g_strdup (error->message);
              }
            else if (empty)
              g_free (value.text);
            else
              g_array_append_val (row->values, value);
          }
          break;

        case TISSAGE_CSV_DATE:
          if (*input != '\0' && (row->date = parse_date (input)) == NULL)
            problem = g_strdup_printf (_("“%s” is not a date: write it as 12/03/2025 or 2025-03-12."), input);
          break;

        case TISSAGE_CSV_INTERVIEWER:
        case TISSAGE_CSV_PSEUDONYM:
          /* As the interview entry takes a name, not as the document
           * would refuse it when the import is applied. */
          if (g_utf8_strlen (input, -1) > TISSAGE_NAME_MAX_CHARS)
            problem = g_strdup_printf (_("more than %d characters; shorten it in the file"), TISSAGE_NAME_MAX_CHARS);
          else if (self->targets[c] == TISSAGE_CSV_INTERVIEWER)
            {
              g_free (row->interviewer);
              row->interviewer = g_steal_pointer (&input);
            }
          else
            {
              g_free (row->pseudonym);
              row->pseudonym = g_steal_pointer (&input);
            }
          break;

        case TISSAGE_CSV_STRUCTURE:
          if (*input != '\0' && (row->structure_id = find_named (self->structures, input)) == 0)
            problem = g_strdup_printf (_("“%s” is not a member structure of the collective."), input);
          break;

        case TISSAGE_CSV_PERSON_STRUCTURE:
          if (*input != '\0' && (row->person_structure_id = find_named (self->structures, input)) == 0)
            problem = g_strdup_printf (_("“%s” is not a member structure of the collective."), input);
          break;

        case TISSAGE_CSV_CATEGORY:
          if (*input != '\0' && (row->category_id = find_named (self->categories, input)) == 0)
            problem = g_strdup_printf (_("“%s” is not a stakeholder category of the project."), input);
          break;

        case TISSAGE_CSV_CONSENT:
          if (*input != '\0')
            {
              int consent = parse_consent (input);

              if (consent < 0)
                problem = g_strdup_printf (_("“%s” does not say whether the interviewee consents: write oui or non."), input);
              else
                row->consent = consent;
            }
          break;

        case TISSAGE_CSV_UUID:
          if (*input != '\0')
            {
              g_autofree char *uuid = g_ascii_strdown (input, -1);

              if (!g_uuid_string_is_valid (uuid))
                problem = g_strdup_printf (_("“%s” is not the identifier of a submission."), input);
              else if (g_hash_table_contains (self->known_uuids, uuid) ||
                       g_hash_table_contains (self->seen_uuids, uuid))
                already = TRUE;
              else
                {
                  g_free (row->uuid);
                  row->uuid = g_steal_pointer (&uuid);
                }
            }
          break;

        case TISSAGE_CSV_OPTION:
        case TISSAGE_CSV_IGNORE:
        case TISSAGE_CSV_N_TARGETS:
        default:
          break;
        }

      if (problem != NULL)
        {
          add_reason (reasons, line, header, problem);
          n_cells++;
        }
    }

  /* A submission already taken in is left out, whatever its cells say. */
  if (already)
    {
      self->n_already++;
      accepted_free (row);
      return;
    }

  /* The columns of each choice answer a question its own column leaves blank. */
  for (guint q = 0; q < self->questions->len; q++)
    {
      const QuestionCopy *question = &g_array_index (self->questions, QuestionCopy, q);
      guint before = reasons->len;

      if (question->kind == TISSAGE_QUESTION_MULTIPLE && !has_value (row->values, question->id) &&
          !check_options (self, cells, line, question, row, reasons))
        n_cells += reasons->len - before;
    }

  if (row->values->len == 0 && !misaligned && reasons->len == 0)
    g_ptr_array_add (reasons,
      g_strdup_printf (_("line %u: no answer to the questions of the guide"), line));

  if (reasons->len > 0)
    {
      TissageCsvRefusal *refusal = g_new0 (TissageCsvRefusal, 1);

      refusal->line = line;
      refusal->whole = misaligned || row->values->len == 0;
      g_ptr_array_add (reasons, NULL);
      refusal->reasons = (GStrv) g_ptr_array_free (g_steal_pointer (&reasons), FALSE);
      g_ptr_array_add (self->refusals, refusal);
      if (!refusal->whole)
        self->n_refused_cells += n_cells;
    }

  if (misaligned || row->values->len == 0)
    accepted_free (row);
  else
    {
      if (row->uuid != NULL)
        g_hash_table_add (self->seen_uuids, g_strdup (row->uuid));
      g_ptr_array_add (self->accepted, row);
    }
}

gboolean
tissage_csv_import_check (TissageCsvImport  *self,
                          GCancellable      *cancellable,
                          GError           **error)
{
  g_autofree gboolean *named = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  forget_results (self);

  named = g_new0 (gboolean, self->csv->n_columns);
  for (guint c = 0; c < self->csv->n_columns; c++)
    named[c] = self->targets[c] == TISSAGE_CSV_QUESTION && header_names_question (self, c);

  for (guint i = 0; i < self->csv->rows->len; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          forget_results (self);
          return FALSE;
        }
      check_row (self, i, named);
      g_atomic_int_inc (&self->progress);
    }

  self->checked = TRUE;
  return TRUE;
}

double
tissage_csv_import_get_progress (TissageCsvImport *self)
{
  guint n = self->csv->rows->len;

  return n > 0 ? (double) g_atomic_int_get (&self->progress) / n : 1.0;
}

gboolean
tissage_csv_import_is_checked (TissageCsvImport *self)
{
  return self->checked;
}

guint
tissage_csv_import_get_n_accepted (TissageCsvImport *self)
{
  return self->accepted->len;
}

GPtrArray *
tissage_csv_import_get_refusals (TissageCsvImport *self)
{
  return self->refusals;
}

guint
tissage_csv_import_get_n_refused_cells (TissageCsvImport *self)
{
  return self->n_refused_cells;
}

guint
tissage_csv_import_get_n_refused_lines (TissageCsvImport *self)
{
  guint n = 0;

  for (guint i = 0; i < self->refusals->len; i++)
    n += ((TissageCsvRefusal *) g_ptr_array_index (self->refusals, i))->whole;

  return n;
}

guint
tissage_csv_import_get_n_already_imported (TissageCsvImport *self)
{
  return self->n_already;
}

#define EXPLAINED_REASONS 3

char *
tissage_csv_import_dup_explanation (TissageCsvImport *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean pseudonym = FALSE;

  g_return_val_if_fail (self != NULL, NULL);

  if (!self->checked || self->accepted->len > 0)
    return NULL;

  for (guint c = 0; c < self->csv->n_columns; c++)
    pseudonym |= self->targets[c] == TISSAGE_CSV_PSEUDONYM;

  if (self->csv->rows->len == 0)
    return g_strdup (_("The file holds no line of answers below its header."));
  if (self->n_already > 0 && self->refusals->len == 0)
    return g_strdup (_("Every submission of the file is already in the project: none is imported twice."));

  if (tissage_csv_import_count_mapped_questions (self) == 0)
    g_string_append_printf (text, _("No column matches a question of the guide “%s”: choose below the question each column answers, or another guide."),
                            self->grid_title);
  else
    {
      g_string_append (text, _("Every line was refused. The first reasons:"));
      for (guint i = 0, n = 0; i < self->refusals->len && n < EXPLAINED_REASONS; i++)
        {
          TissageCsvRefusal *refusal = g_ptr_array_index (self->refusals, i);

          for (guint r = 0; refusal->reasons[r] != NULL && n < EXPLAINED_REASONS; r++, n++)
            g_string_append_printf (text, "\n• %s", refusal->reasons[r]);
        }
    }

  if (!pseudonym)
    {
      g_string_append_c (text, '\n');
      g_string_append (text, _("No column was recognised as the pseudonym of the interviewee: choose it below if the file has one."));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

TissageGrid *
tissage_csv_find_grid (TissageDocument *document,
                       TissageCsv      *csv,
                       guint           *n_matched)
{
  GListModel *grids;
  TissageGrid *best = NULL;
  guint best_score = 0;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (csv != NULL, NULL);

  grids = tissage_document_get_records (document, TISSAGE_TYPE_GRID);
  for (guint i = 0; i < g_list_model_get_n_items (grids); i++)
    {
      g_autoptr(TissageGrid) grid = g_list_model_get_item (grids, i);
      TissageCsvImport *import = tissage_csv_import_new (document, grid, csv);
      guint score = tissage_csv_import_count_mapped_questions (import);

      tissage_csv_import_free_to_csv (import);
      if (score > best_score)
        {
          best = grid;
          best_score = score;
        }
    }

  if (n_matched != NULL)
    *n_matched = best_score;
  return best;
}

/* Importing */

gboolean
tissage_csv_import_apply (TissageCsvImport       *self,
                          TissageDocument        *document,
                          gint64                  structure_id,
                          TissageInterviewStatus  status,
                          guint                  *n_imported,
                          GError                **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), FALSE);

  if (n_imported != NULL)
    *n_imported = 0;

  if (!self->checked && !tissage_csv_import_check (self, NULL, error))
    return FALSE;

  if (self->accepted->len == 0)
    {
      g_set_error_literal (error, TISSAGE_CSV_ERROR, TISSAGE_CSV_ERROR_NO_ROWS,
                           _("No line of the file can be imported."));
      return FALSE;
    }

  if (!tissage_document_begin (document, _("Import Answers"), error))
    return FALSE;

  for (guint i = 0; i < self->accepted->len; i++)
    {
      Accepted *row = g_ptr_array_index (self->accepted, i);
      g_autoptr(TissageInterview) interview = NULL;
      gint64 interview_id;
      /* In a contribution, whatever is imported is its structure's. */
      gint64 own = tissage_contribution_get_structure_id (document);

      interview = tissage_document_insert (document, TISSAGE_TYPE_INTERVIEW, error,
                                           "grid-id", self->grid_id,
                                           "structure-id", own > 0 ? own : row->structure_id != 0 ? row->structure_id : structure_id,
                                           "category-id", row->category_id,
                                           "person-structure-id", row->person_structure_id,
                                           "consent", row->consent,
                                           "pseudonym", row->pseudonym ? row->pseudonym : "",
                                           "interviewer", row->interviewer ? row->interviewer : "",
                                           "date", row->date ? row->date : "",
                                           "status", (int) status,
                                           row->uuid != NULL ? "uuid" : NULL, row->uuid,
                                           NULL);
      if (interview == NULL)
        goto failed;
      interview_id = tissage_record_get_id (TISSAGE_RECORD (interview));

      for (guint v = 0; v < row->values->len; v++)
        {
          Value *value = &g_array_index (row->values, Value, v);
          g_autoptr(TissageAnswer) answer = NULL;

          answer = tissage_document_insert (document, TISSAGE_TYPE_ANSWER, error,
                                            "interview-id", interview_id,
                                            "question-id", value->question_id,
                                            "text", value->text,
                                            "number", value->number,
                                            NULL);
          if (answer == NULL)
            goto failed;
        }
    }

  if (!tissage_document_commit (document, error))
    return FALSE;

  if (n_imported != NULL)
    *n_imported = self->accepted->len;
  return TRUE;

failed:
  tissage_document_rollback (document);
  return FALSE;
}

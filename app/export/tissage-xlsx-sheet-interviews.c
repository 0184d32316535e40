/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-export"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tissage-document.h"
#include "tissage-interviews.h"
#include "tissage-referentiel.h"
#include "tissage-xlsx-sheet-private.h"

/* The interviews of a guide: a row each, a column per question of the
 * guide, in the order the interview editor shows them. */

typedef struct
{
  lxw_col_t column;
  int       kind;
} QuestionColumn;

enum {
  KIND_OPEN, KIND_SCALE, KIND_YES_NO, KIND_SINGLE, KIND_MULTIPLE, KIND_NUMBER
};

static const char * const modes[] = { N_("Face to face"), N_("Phone"), N_("Video call"), N_("Group") };
static const char * const statuses[] = { N_("To do"), N_("In progress"), N_("Done") };

static void
put_answer (TissageXlsxExport *export,
            TissageXlsxSheet  *sheet,
            QuestionColumn    *question,
            sqlite3_stmt      *stmt)
{
  gboolean has_number = sqlite3_column_type (stmt, 2) != SQLITE_NULL;
  const char *text = tissage_xlsx_column_text (stmt, 1);

  switch (question->kind)
    {
    case KIND_SCALE:
    case KIND_NUMBER:
      if (has_number)
        tissage_xlsx_put_value (export, sheet, question->column, sqlite3_column_double (stmt, 2));
      break;

    case KIND_YES_NO:
      if (has_number)
        tissage_xlsx_put_yes_no (export, sheet, question->column, sqlite3_column_double (stmt, 2) != 0);
      break;

    case KIND_MULTIPLE:
      if (strchr (text, '\n') != NULL)
        {
          g_auto(GStrv) choices = g_strsplit (text, "\n", -1);
          g_autofree char *joined = g_strjoinv ("; ", choices);

          tissage_xlsx_put_text (export, sheet, question->column, joined, export->text);
          break;
        }
      G_GNUC_FALLTHROUGH;

    case KIND_OPEN:
    case KIND_SINGLE:
    default:
      tissage_xlsx_put_text (export, sheet, question->column, text, export->text);
      break;
    }
}

/* The first row names what each group of columns is: the interview, then
 * the guide above its questions, with its whole title, which the name of
 * the sheet may cut. */
static void
put_group (TissageXlsxExport *export,
           TissageXlsxSheet  *sheet,
           lxw_col_t          first,
           lxw_col_t          last,
           const char        *title)
{
  g_autofree char *copy = NULL;

  title = tissage_xlsx_clean_text (title, TRUE, &copy);
  if (last > first)
    worksheet_merge_range (sheet->worksheet, sheet->row, first, sheet->row, last, title, export->group);
  else
    worksheet_write_string (sheet->worksheet, sheet->row, first, title, export->group);
  export->stats.strings++;
  export->stats.string_bytes += strlen (title);
}

void
tissage_xlsx_guide_free (TissageXlsxGuide *guide)
{
  g_free (guide->title);
  g_free (guide->sheet_name);
  g_free (guide);
}

/**
 * tissage_xlsx_list_guides:
 *
 * The guides that interviews of the period and structure reported on
 * used, in their order: a sheet of answers each.
 *
 * Returns: (element-type TissageXlsxGuide): the guides, without their
 * sheet names
 */
GPtrArray *
tissage_xlsx_list_guides (TissageXlsxExport *export)
{
  GPtrArray *guides = g_ptr_array_new_with_free_func ((GDestroyNotify) tissage_xlsx_guide_free);
  sqlite3_stmt *stmt;

  stmt = tissage_xlsx_prepare (export,
                               "SELECT g.id, g.title FROM grids g"
                               " WHERE EXISTS (SELECT 1 FROM interviews iv"
                               "               LEFT JOIN stakeholders sh ON sh.id = iv.stakeholder_id"
                               "               WHERE iv.grid_id = g.id"
                               "               AND (?1 IS NULL OR iv.date BETWEEN ?1 AND ?2)"
                               "               AND (?3 IS NULL OR iv.structure_id = ?3"
                               "                    OR coalesce (iv.person_structure_id, sh.structure_id) = ?3))"
                               " ORDER BY g.position, g.id");
  tissage_xlsx_bind_period (export, stmt, 1);
  tissage_xlsx_bind_structure (export, stmt, 3);
  while (tissage_xlsx_step (export, stmt))
    {
      TissageXlsxGuide *guide = g_new0 (TissageXlsxGuide, 1);

      guide->id = sqlite3_column_int64 (stmt, 0);
      guide->title = g_strdup (tissage_xlsx_column_text (stmt, 1));
      g_ptr_array_add (guides, guide);
    }
  sqlite3_finalize (stmt);

  return guides;
}

typedef struct
{
  TissageQuestionPlace place;
  gint64               id;
  int                  kind;
  char                *text;
  gboolean             retired;
} GuideQuestion;

static void
guide_question_clear (gpointer data)
{
  g_free (((GuideQuestion *) data)->text);
}

static int
compare_guide_questions (gconstpointer a,
                         gconstpointer b)
{
  return tissage_question_place_compare (&((const GuideQuestion *) a)->place,
                                         &((const GuideQuestion *) b)->place);
}

/* The questions of @guide_id in the order the interview editor shows
 * them (tissage_question_place_compare()): a question taken out of its
 * guide keeps its column while answers remain. */
static GArray *
dup_guide_questions (TissageXlsxExport *export,
                     gint64             guide_id)
{
  GArray *questions = g_array_new (FALSE, FALSE, sizeof (GuideQuestion));
  sqlite3_stmt *stmt;

  g_array_set_clear_func (questions, guide_question_clear);
  stmt = tissage_xlsx_prepare (export,
                               "SELECT gq.id, gq.kind, gq.text, gq.retired,"
                               " gs.id IS NOT NULL, gs.position, gs.id, gq.position"
                               " FROM grid_questions gq LEFT JOIN grid_sections gs ON gs.id = gq.section_id"
                               " WHERE gq.grid_id = ?1"
                               " AND (gq.retired = 0 OR EXISTS (SELECT 1 FROM answers a WHERE a.question_id = gq.id))");
  if (stmt != NULL)
    sqlite3_bind_int64 (stmt, 1, guide_id);
  while (tissage_xlsx_step (export, stmt))
    {
      GuideQuestion question = { { 0, }, };

      question.id = sqlite3_column_int64 (stmt, 0);
      question.kind = sqlite3_column_int (stmt, 1);
      question.text = g_strdup (tissage_xlsx_column_text (stmt, 2));
      question.retired = sqlite3_column_int (stmt, 3);
      tissage_question_place_set (&question.place, sqlite3_column_int (stmt, 4),
                                  sqlite3_column_int64 (stmt, 5), sqlite3_column_int64 (stmt, 6),
                                  sqlite3_column_int64 (stmt, 7), question.id);
      g_array_append_val (questions, question);
    }
  sqlite3_finalize (stmt);
  g_array_sort (questions, compare_guide_questions);

  return questions;
}

/**
 * tissage_xlsx_write_interviews:
 * @guide: (nullable): the guide whose interviews the sheet lists, or
 *   %NULL for a sheet of the columns alone, when no interview is there
 */
gboolean
tissage_xlsx_write_interviews (TissageXlsxExport      *export,
                               lxw_worksheet          *worksheet,
                               const TissageXlsxGuide *guide)
{
  enum { IV_NUMBER, IV_PERSON, IV_CATEGORY, IV_PERSON_STRUCTURE, IV_STRUCTURE, IV_INTERVIEWER,
         IV_DATE, IV_PLACE, IV_MODE, IV_CONSENT, IV_STATUS, IV_NOTES, IV_N_COLUMNS };
  const TissageXlsxColumn meta[IV_N_COLUMNS] = {
    { _("No."), 6, 8 },
    { _("Interviewee"), 16, 24 },
    { _("Category"), 12, 20 },
    { _("Interviewee's structure"), 14, 22 },
    { _("Structure that led the interview"), 14, 22 },
    { _("Interviewer"), 12, 20 },
    { _("Date"), 11, 11 },
    { _("Place"), 12, 22 },
    { _("Mode"), 10, 12 },
    { _("Consent"), 10, 12 },
    { _("Status"), 9, 10 },
    { _("Notes"), 20, 40 },
  };
  /* Pseudonymised, nothing that could name a person: no place, no notes,
   * no interviewer (a person too, and often the one known to them). */
  gboolean named = !export->options->pseudonymise;
  gboolean interviewers = tissage_privacy_shows_interviewer (export->privacy);
  g_autoptr(GArray) columns = g_array_new (FALSE, FALSE, sizeof (TissageXlsxColumn));
  g_autoptr(GArray) meta_columns = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) questions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GArray) guide_questions = NULL;
  TissageXlsxSheet sheet;
  sqlite3_stmt *stmt, *answers;

  for (int m = 0; m < IV_N_COLUMNS; m++)
    {
      if ((!named && (m == IV_PLACE || m == IV_NOTES)) || (!interviewers && m == IV_INTERVIEWER))
        continue;
      g_array_append_val (columns, meta[m]);
      g_array_append_val (meta_columns, m);
    }

  /* A column per question of the guide, in its order. */
  guide_questions = guide != NULL ? dup_guide_questions (export, guide->id)
                                  : g_array_new (FALSE, FALSE, sizeof (GuideQuestion));
  for (guint q = 0; q < guide_questions->len; q++)
    {
      const GuideQuestion *guide_question = &g_array_index (guide_questions, GuideQuestion, q);
      /* As wide as the question needs to be read on a few lines above
       * short answers, wider above long ones. */
      TissageXlsxColumn column = { NULL, 22, 32 };
      QuestionColumn *question = g_new0 (QuestionColumn, 1);
      char *title;

      question->column = columns->len;
      question->kind = guide_question->kind;
      title = guide_question->retired ? g_strdup_printf (_("%s (removed from the grid)"), guide_question->text)
                                      : g_strdup (guide_question->text);
      g_ptr_array_add (titles, title);
      column.title = title;
      if (question->kind == KIND_SCALE || question->kind == KIND_YES_NO || question->kind == KIND_NUMBER)
        column.min_width = column.max_width = 18;
      g_array_append_val (columns, column);
      g_hash_table_insert (questions, g_memdup2 (&guide_question->id, sizeof guide_question->id), question);
    }

  tissage_xlsx_sheet_init (export, &sheet, worksheet, (TissageXlsxColumn *) columns->data, columns->len);

  put_group (export, &sheet, 0, meta_columns->len - 1, _("Interview"));
  if (guide != NULL && columns->len > meta_columns->len)
    put_group (export, &sheet, meta_columns->len, columns->len - 1, guide->title);
  tissage_xlsx_next_row (export, &sheet);
  tissage_xlsx_write_header (export, &sheet);
  worksheet_freeze_panes (worksheet, sheet.header_row + 1, 2);
  worksheet_repeat_rows (worksheet, 0, sheet.header_row);

  stmt = tissage_xlsx_prepare (export,
                               "SELECT iv.id, iv.id, sh.name, iv.pseudonym, coalesce (sh.category_id, iv.category_id),"
                               " coalesce (iv.person_structure_id, sh.structure_id), iv.structure_id, iv.interviewer,"
                               " iv.date, iv.place, iv.mode, iv.consent, iv.status, NULL, iv.notes"
                               " FROM interviews iv"
                               " LEFT JOIN stakeholders sh ON sh.id = iv.stakeholder_id"
                               " WHERE (?1 IS NULL OR iv.date BETWEEN ?1 AND ?2)"
                               " AND (?3 IS NULL OR iv.structure_id = ?3"
                               "      OR coalesce (iv.person_structure_id, sh.structure_id) = ?3)"
                               " AND iv.grid_id = ?4"
                               " ORDER BY iv.id");
  tissage_xlsx_bind_period (export, stmt, 1);
  tissage_xlsx_bind_structure (export, stmt, 3);
  if (stmt != NULL && guide != NULL)
    sqlite3_bind_int64 (stmt, 4, guide->id);
  answers = tissage_xlsx_prepare (export, "SELECT question_id, text, number FROM answers WHERE interview_id = ?1");

  while (tissage_xlsx_step (export, stmt))
    {
      gint64 interview_id = sqlite3_column_int64 (stmt, 0);
      gint64 category_id = sqlite3_column_int64 (stmt, 4);
      g_autofree char *person = NULL;

      /* Without consent, not even that the interview took place. */
      if (!tissage_xlsx_keeps_interview (export, interview_id))
        continue;

      person = tissage_xlsx_interviewee_label (export, interview_id,
                                               tissage_xlsx_column_text (stmt, 2),
                                               tissage_xlsx_column_text (stmt, 3));
      for (guint c = 0; c < meta_columns->len; c++)
        switch (g_array_index (meta_columns, int, c))
          {
          case IV_NUMBER:
            tissage_xlsx_put_number (export, &sheet, c, sqlite3_column_int64 (stmt, 0), export->integer);
            break;
          case IV_PERSON:
            tissage_xlsx_put_text (export, &sheet, c, person, export->text);
            break;
          case IV_CATEGORY:
            tissage_xlsx_put_text (export, &sheet, c, tissage_xlsx_lookup_name (export->categories, stmt, 4), export->text);
            break;
          case IV_PERSON_STRUCTURE:
            tissage_xlsx_put_text (export, &sheet, c,
                                   tissage_xlsx_structure_beside (export, interview_id, category_id, stmt, 5),
                                   export->text);
            break;
          case IV_STRUCTURE:
            tissage_xlsx_put_text (export, &sheet, c,
                                   tissage_xlsx_structure_beside (export, interview_id, category_id, stmt, 6),
                                   export->text);
            break;
          case IV_INTERVIEWER:
            tissage_xlsx_put_text (export, &sheet, c, tissage_xlsx_column_text (stmt, 7), export->text);
            break;
          case IV_DATE:
            tissage_xlsx_put_date (export, &sheet, c, tissage_xlsx_column_text (stmt, 8));
            break;
          case IV_PLACE:
            tissage_xlsx_put_text (export, &sheet, c, tissage_xlsx_column_text (stmt, 9), export->text);
            break;
          case IV_MODE:
            tissage_xlsx_put_text (export, &sheet, c, tissage_xlsx_label_of (modes, G_N_ELEMENTS (modes), sqlite3_column_int (stmt, 10)),
                                   export->text);
            break;
          case IV_CONSENT:
            {
              int consent = sqlite3_column_int (stmt, 11);

              tissage_xlsx_put_text (export, &sheet, c,
                                     tissage_consent_to_label (consent >= 0 && consent < TISSAGE_N_CONSENTS
                                                               ? consent : TISSAGE_CONSENT_UNKNOWN),
                                     export->text);
            }
            break;
          case IV_STATUS:
            tissage_xlsx_put_text (export, &sheet, c,
                                   tissage_xlsx_label_of (statuses, G_N_ELEMENTS (statuses), sqlite3_column_int (stmt, 12)),
                                   export->text);
            break;
          case IV_NOTES:
            tissage_xlsx_put_text (export, &sheet, c, tissage_xlsx_column_text (stmt, 14), export->text);
            break;
          default:
            g_assert_not_reached ();
          }

      if (answers != NULL)
        {
          sqlite3_reset (answers);
          sqlite3_bind_int64 (answers, 1, sqlite3_column_int64 (stmt, 0));
          while (tissage_xlsx_step (export, answers))
            {
              gint64 question_id = sqlite3_column_int64 (answers, 0);
              QuestionColumn *question = g_hash_table_lookup (questions, &question_id);

              if (question != NULL)
                put_answer (export, &sheet, question, answers);
            }
        }

      if (!tissage_xlsx_next_row (export, &sheet))
        break;
    }
  sqlite3_finalize (answers);
  sqlite3_finalize (stmt);

  tissage_xlsx_sheet_finish (export, &sheet, columns->len);
  tissage_xlsx_sheet_clear (&sheet);

  return export->error == NULL;
}

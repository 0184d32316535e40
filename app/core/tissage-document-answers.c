/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-core"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tissage-document-private.h"
#include "tissage-interviews.h"
#include "tissage-interviews-private.h"

char *
tissage_document_dup_interviewee (TissageDocument  *document,
                                  TissageInterview *interview,
                                  gboolean          pseudonymise)
{
  TissageStakeholder *stakeholder = NULL;
  gint64 stakeholder_id;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (TISSAGE_IS_INTERVIEW (interview), NULL);

  stakeholder_id = tissage_interview_get_stakeholder_id (interview);
  if (stakeholder_id != 0)
    stakeholder = tissage_document_lookup (document, TISSAGE_TYPE_STAKEHOLDER, stakeholder_id);

  /* Only people are pseudonymised, as in every export. */
  if (pseudonymise && stakeholder != NULL)
    {
      TissageCategory *category = tissage_document_lookup (document, TISSAGE_TYPE_CATEGORY,
                                                           tissage_stakeholder_get_category_id (stakeholder));
      g_autofree char *builtin = NULL;

      if (category != NULL)
        g_object_get (category, "builtin", &builtin, NULL);
      pseudonymise = tissage_interviewee_is_person (TRUE, tissage_stakeholder_get_is_member (stakeholder), builtin);
    }

  return tissage_interviewee_label (tissage_record_id (interview),
                                    stakeholder != NULL ? tissage_stakeholder_get_name (stakeholder) : NULL,
                                    tissage_interview_get_pseudonym (interview),
                                    pseudonymise);
}

/* Answers */

GPtrArray *
tissage_document_fetch_where (TissageDocument *document,
                              GType            type,
                              const char      *where,
                              gint64           key1,
                              gint64           key2)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GTypeClass) klass = g_type_class_ref (type);
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s WHERE %s ORDER BY id",
                                          tissage_record_class_get_table (TISSAGE_RECORD_CLASS (klass)), where);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;
  /* Compiled once: the entry page reads these for every row it shows. */
  sqlite3_stmt *stmt = tissage_document_cached_statement (document, sql, &rc);

  if (stmt == NULL)
    return g_steal_pointer (&records);
  sqlite3_bind_int64 (stmt, 1, key1);
  sqlite3_bind_int64 (stmt, 2, key2);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);

  for (guint i = 0; i < ids->len; i++)
    {
      gpointer record = tissage_document_fetch (document, type, g_array_index (ids, gint64, i));

      if (record != NULL)
        g_ptr_array_add (records, record);
    }

  return g_steal_pointer (&records);
}

GPtrArray *
tissage_document_list_answers (TissageDocument  *document,
                               TissageInterview *interview)
{
  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (TISSAGE_IS_INTERVIEW (interview), NULL);

  return tissage_document_fetch_where (document, TISSAGE_TYPE_ANSWER, "interview_id = ?1", tissage_record_id (interview), 0);
}

TissageAnswer *
tissage_document_get_answer (TissageDocument     *document,
                             TissageInterview    *interview,
                             TissageGridQuestion *question)
{
  g_autoptr(GPtrArray) found = NULL;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (TISSAGE_IS_INTERVIEW (interview), NULL);
  g_return_val_if_fail (TISSAGE_IS_GRID_QUESTION (question), NULL);

  found = tissage_document_fetch_where (document, TISSAGE_TYPE_ANSWER, "interview_id = ?1 AND question_id = ?2",
                                        tissage_record_id (interview), tissage_record_id (question));

  return found->len > 0 ? g_object_ref (g_ptr_array_index (found, 0)) : NULL;
}

/* Verbatims follow their text: offsets count characters. */

/* The characters [start, end) of @text, whose length is @length: offsets
 * read from a file may lie outside it or be reversed, and get clamped. */
char *
tissage_verbatim_substring (const char *text,
                            glong       length,
                            int         start,
                            int         end)
{
  const char *from, *to;

  start = CLAMP (start, 0, length);
  end = CLAMP (end, start, length);
  from = g_utf8_offset_to_pointer (text, start);
  to = g_utf8_offset_to_pointer (from, end - start);

  return g_strndup (from, to - from);
}

/* The start of the occurrence of @quote in @text nearest to @near, or -1. */
static int
find_quote (const char *text,
            const char *quote,
            int         near)
{
  glong offset = 0;
  int best = -1;

  if (quote == NULL || *quote == '\0')
    return -1;

  /* Offsets counted on from the previous match: a text made of one
   * repeated character would otherwise take quadratic time. */
  for (const char *p = strstr (text, quote), *counted = text; p != NULL;
       p = strstr (g_utf8_next_char (p), quote))
    {
      offset += g_utf8_pointer_to_offset (counted, p);
      counted = p;
      if (best < 0 || ABS ((gint64) offset - near) < ABS ((gint64) best - near))
        best = offset;
    }

  return best;
}

static gboolean
relocate_verbatims (TissageDocument  *document,
                    gint64            answer_id,
                    const char       *old_text,
                    const char       *new_text,
                    GError          **error)
{
  g_autoptr(GPtrArray) verbatims = NULL;
  glong old_len = g_utf8_strlen (old_text, -1);
  glong new_len = g_utf8_strlen (new_text, -1);
  glong prefix = 0, suffix = 0;
  const char *a = old_text, *b = new_text;

  verbatims = tissage_document_fetch_where (document, TISSAGE_TYPE_VERBATIM, "answer_id = ?1", answer_id, 0);
  if (verbatims->len == 0)
    return TRUE;

  /* The edit replaced [prefix, old_len - suffix) by [prefix, new_len - suffix). */
  while (*a != '\0' && g_utf8_get_char (a) == g_utf8_get_char (b))
    {
      a = g_utf8_next_char (a);
      b = g_utf8_next_char (b);
      prefix++;
    }
  {
    const char *ea = old_text + strlen (old_text);
    const char *eb = new_text + strlen (new_text);

    while (suffix < old_len - prefix && suffix < new_len - prefix)
      {
        const char *pa = g_utf8_prev_char (ea);
        const char *pb = g_utf8_prev_char (eb);

        if (g_utf8_get_char (pa) != g_utf8_get_char (pb))
          break;
        ea = pa;
        eb = pb;
        suffix++;
      }
  }

  for (guint i = 0; i < verbatims->len; i++)
    {
      TissageVerbatim *verbatim = g_ptr_array_index (verbatims, i);
      const char *quote = tissage_verbatim_get_quote (verbatim);
      /* Offsets written elsewhere may lie past the old text or be reversed:
       * within it they are, so that no sum below overflows. */
      int old_start = CLAMP (tissage_verbatim_get_start (verbatim), 0, old_len);
      int start = old_start;
      int end = CLAMP (tissage_verbatim_get_end (verbatim), start, old_len);
      int length = g_utf8_strlen (quote, -1);
      gboolean lost = FALSE;
      g_autofree char *there = NULL;

      if (start >= old_len - suffix)
        {
          start += new_len - old_len;
          end += new_len - old_len;
        }
      else if (end > prefix)
        start = -1;   /* the edit touched the quote: look for it again */

      if (start >= 0 && end <= new_len)
        there = tissage_verbatim_substring (new_text, new_len, start, end);
      if (there == NULL || g_strcmp0 (there, quote) != 0)
        {
          start = find_quote (new_text, quote, start >= 0 ? start : old_start);
          lost = start < 0;
          if (lost)
            start = MIN (old_start, (int) new_len);
          end = lost ? start : start + length;
        }

      if (!tissage_document_set (document, verbatim, error,
                                 "start", start, "end", end, "lost", lost, NULL))
        return FALSE;
    }

  return TRUE;
}

static void
start_interview (TissageDocument  *document,
                 TissageInterview *interview)
{
  /* The first answer typed in means the interview has begun. */
  if (tissage_interview_get_status (interview) == TISSAGE_STATUS_TODO)
    tissage_document_set (document, interview, NULL, "status", TISSAGE_STATUS_IN_PROGRESS, NULL);
}

/* The last question answered means the interview is over, unless the
 * user already said where it stands ("Terminé" stays, and so does "En
 * cours" chosen once every answer was in: only an answer newly given
 * completes it). */
static void
complete_interview (TissageDocument  *document,
                    TissageInterview *interview)
{
  guint answered = 0, total = 0;

  if (tissage_interview_get_status (interview) == TISSAGE_STATUS_DONE)
    return;

  tissage_document_get_progress (document, interview, &answered, &total);
  if (total > 0 && answered == total)
    tissage_document_set (document, interview, NULL, "status", TISSAGE_STATUS_DONE, NULL);
}

gboolean
tissage_document_set_answer (TissageDocument     *document,
                             TissageInterview    *interview,
                             TissageGridQuestion *question,
                             const char          *input,
                             GError             **error)
{
  g_autoptr(TissageAnswer) existing = NULL;
  g_autoptr(TissageAnswer) created = NULL;
  g_autofree char *text = NULL;
  g_autofree char *old_text = NULL;
  g_autofree char *merge_key = NULL;
  double number;
  gboolean empty;
  guint n_verbatims = 0;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (TISSAGE_IS_INTERVIEW (interview), FALSE);
  g_return_val_if_fail (TISSAGE_IS_GRID_QUESTION (question), FALSE);

  if (tissage_grid_question_get_grid_id (question) != tissage_interview_get_grid_id (interview))
    {
      g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                           _("This question belongs to another interview guide."));
      return FALSE;
    }

  if (!tissage_grid_question_parse_answer (question, input, &text, &number, &empty, error))
    return FALSE;

  existing = tissage_document_get_answer (document, interview, question);
  if (existing == NULL && empty)
    return TRUE;

  if (existing != NULL)
    {
      g_autoptr(GPtrArray) verbatims = tissage_document_list_answer_verbatims (document, existing);

      n_verbatims = verbatims->len;
      old_text = g_strdup (tissage_answer_get_text (existing));
    }

  merge_key = g_strdup_printf ("answer:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                               tissage_record_id (interview), tissage_record_id (question));
  if (!tissage_document_begin (document, _("Edit an answer"), error))
    return FALSE;
  tissage_document_set_merge_key (document, merge_key);

  if (existing == NULL)
    {
      created = tissage_document_insert (document, TISSAGE_TYPE_ANSWER, error,
                                         "interview-id", tissage_record_id (interview),
                                         "question-id", tissage_record_id (question),
                                         "text", text,
                                         "number", number,
                                         NULL);
      if (created == NULL)
        goto failed;
      start_interview (document, interview);
      complete_interview (document, interview);
    }
  else if (empty && n_verbatims == 0)
    {
      if (!tissage_document_delete (document, existing, error))
        goto failed;
    }
  else
    {
      gboolean was_empty = *tissage_answer_get_text (existing) == '\0' &&
                           isnan (tissage_answer_get_number (existing));

      /* An emptied answer that holds verbatims stays, so they can say they are lost. */
      if (!tissage_document_set (document, existing, error, "text", text, "number", number, NULL))
        goto failed;
      if (was_empty && !empty)
        complete_interview (document, interview);
      if (n_verbatims > 0 &&
          !relocate_verbatims (document, tissage_record_id (existing), old_text, text, error))
        goto failed;
    }

  return tissage_document_commit (document, error);

failed:
  tissage_document_rollback (document);
  return FALSE;
}

gint64
tissage_document_query_int (TissageDocument *document,
                            const char      *sql,
                            gint64           key)
{
  int rc;
  sqlite3_stmt *stmt = tissage_document_cached_statement (document, sql, &rc);
  gint64 result = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    result = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return result;
}

void
tissage_document_get_progress (TissageDocument  *document,
                               TissageInterview *interview,
                               guint            *answered,
                               guint            *total)
{
  GListModel *questions;
  gint64 grid_id;
  guint n = 0;

  g_return_if_fail (TISSAGE_IS_DOCUMENT (document));
  g_return_if_fail (TISSAGE_IS_INTERVIEW (interview));

  grid_id = tissage_interview_get_grid_id (interview);
  questions = tissage_document_get_records (document, TISSAGE_TYPE_GRID_QUESTION);
  for (guint i = 0; i < g_list_model_get_n_items (questions); i++)
    {
      g_autoptr(TissageGridQuestion) q = g_list_model_get_item (questions, i);

      if (tissage_grid_question_get_grid_id (q) == grid_id && !tissage_grid_question_get_retired (q))
        n++;
    }

  *total = n;
  *answered = tissage_document_query_int (document,
                                          "SELECT count (*) FROM answers a JOIN grid_questions q ON q.id = a.question_id"
                                          " WHERE a.interview_id = ?1 AND q.retired = 0"
                                          " AND (a.text <> '' OR a.number IS NOT NULL)",
                                          tissage_record_id (interview));
}

gint64
tissage_document_get_answer_interview_id (TissageDocument *document,
                                          gint64           answer_id)
{
  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), 0);

  return tissage_document_query_int (document, "SELECT interview_id FROM answers WHERE id = ?1", answer_id);
}

guint
tissage_document_count_answers (TissageDocument     *document,
                                TissageGridQuestion *question)
{
  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), 0);
  g_return_val_if_fail (TISSAGE_IS_GRID_QUESTION (question), 0);

  return tissage_document_query_int (document, "SELECT count (*) FROM answers WHERE question_id = ?1", tissage_record_id (question));
}

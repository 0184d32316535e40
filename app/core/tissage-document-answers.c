/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-core"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
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

/* Progress of the interviews
 *
 * Counted from the file and kept per interview until an answer of it, the
 * interview's guide or that guide's questions change: the document tells
 * through its row-changed signal, and before models catch up with a
 * change (tissage_document_forget_progress). A reload drops it all.
 * Inside an edit nothing is kept: the file is halfway through a change. */

typedef struct {
  gint64  grid_id;
  guint   answered;
  GArray *answer_ids;   /* gint64, ascending: every answer of the interview */
} Progress;

typedef struct {
  gint64   grid_id;
  gboolean retired;
} QuestionState;

struct _TissageProgressCache {
  GHashTable *interviews;   /* interview id → Progress */
  GHashTable *questions;    /* question id → QuestionState: every question of the file */
  GHashTable *totals;       /* grid id → GUINT_TO_POINTER (questions not retired) */
};

/* Interviews counted in one query at most. */
#define PROGRESS_CHUNK 64

static void
progress_free (gpointer data)
{
  Progress *progress = data;

  g_array_unref (progress->answer_ids);
  g_free (progress);
}

void
tissage_progress_cache_free (TissageProgressCache *cache)
{
  if (cache == NULL)
    return;
  g_hash_table_unref (cache->interviews);
  g_hash_table_unref (cache->questions);
  g_hash_table_unref (cache->totals);
  g_free (cache);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
count_question (TissageProgressCache *cache,
                const QuestionState  *state,
                int                   delta)
{
  gpointer key = g_memdup2 (&state->grid_id, sizeof (gint64));
  int total = GPOINTER_TO_UINT (g_hash_table_lookup (cache->totals, &state->grid_id));

  if (state->retired)
    {
      g_free (key);
      return;
    }
  g_hash_table_replace (cache->totals, key, GUINT_TO_POINTER ((guint) MAX (total + delta, 0)));
}

/* The questions of every guide, as the file has them now. */
static TissageProgressCache *
progress_cache_new (TissageDocument *document)
{
  TissageProgressCache *cache = g_new0 (TissageProgressCache, 1);
  int rc;
  sqlite3_stmt *stmt;

  cache->interviews = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, progress_free);
  cache->questions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  cache->totals = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  stmt = tissage_document_cached_statement (document, "SELECT id, grid_id, retired FROM grid_questions", &rc);
  if (stmt == NULL)
    return cache;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      QuestionState *state = g_new0 (QuestionState, 1);

      state->grid_id = sqlite3_column_int64 (stmt, 1);
      state->retired = sqlite3_column_int (stmt, 2) != 0;
      g_hash_table_insert (cache->questions, g_memdup2 (&id, sizeof id), state);
      count_question (cache, state, 1);
    }
  sqlite3_reset (stmt);

  return cache;
}

/* Counts the answers of @interviews (at most PROGRESS_CHUNK) in one query, into @cache. */
static void
read_progress (TissageDocument       *document,
               TissageProgressCache  *cache,
               TissageInterview     **interviews,
               guint                  n)
{
  static gsize once = 0;
  static char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_assert (n <= PROGRESS_CHUNK);

  if (g_once_init_enter (&once))
    {
      GString *text = g_string_new ("SELECT a.interview_id, a.id, q.retired = 0 AND (a.text <> '' OR a.number IS NOT NULL)"
                                    " FROM answers a JOIN grid_questions q ON q.id = a.question_id"
                                    " WHERE a.interview_id IN (?1");

      for (guint i = 2; i <= PROGRESS_CHUNK; i++)
        g_string_append_printf (text, ", ?%u", i);
      g_string_append (text, ")");
      sql = g_string_free (text, FALSE);
      g_once_init_leave (&once, 1);
    }

  stmt = tissage_document_cached_statement (document, sql, &rc);
  if (stmt == NULL)
    return;
  for (guint i = 0; i < n; i++)
    {
      gint64 id = tissage_record_id (interviews[i]);
      Progress *progress = g_new0 (Progress, 1);

      progress->grid_id = tissage_interview_get_grid_id (interviews[i]);
      progress->answer_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_hash_table_replace (cache->interviews, g_memdup2 (&id, sizeof id), progress);
    }

  for (guint i = 0; i < PROGRESS_CHUNK; i++)
    {
      if (i < n)
        sqlite3_bind_int64 (stmt, i + 1, tissage_record_id (interviews[i]));
      else
        sqlite3_bind_null (stmt, i + 1);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 interview_id = sqlite3_column_int64 (stmt, 0);
      gint64 answer_id = sqlite3_column_int64 (stmt, 1);
      Progress *progress = g_hash_table_lookup (cache->interviews, &interview_id);

      if (progress == NULL)
        continue;
      g_array_append_val (progress->answer_ids, answer_id);
      if (sqlite3_column_int (stmt, 2))
        progress->answered++;
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  for (guint i = 0; i < n; i++)
    {
      gint64 id = tissage_record_id (interviews[i]);
      Progress *progress = g_hash_table_lookup (cache->interviews, &id);

      /* A count cut short is not kept. */
      if (rc != SQLITE_DONE)
        g_hash_table_remove (cache->interviews, &id);
      else
        g_array_sort (progress->answer_ids, compare_ids);
    }
}

static void
forget_grid (TissageProgressCache *cache,
             gint64                grid_id)
{
  GHashTableIter iter;
  Progress *progress;

  g_hash_table_iter_init (&iter, cache->interviews);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &progress))
    if (progress->grid_id == grid_id)
      g_hash_table_iter_remove (&iter);
}

static void
forget_answer (TissageDocument      *document,
               TissageProgressCache *cache,
               gint64                answer_id)
{
  gint64 interview_id = tissage_document_get_answer_interview_id (document, answer_id);
  GHashTableIter iter;
  Progress *progress;

  /* The interview it is in now, and the one it was in: gone, or moved. */
  g_hash_table_remove (cache->interviews, &interview_id);
  g_hash_table_iter_init (&iter, cache->interviews);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &progress))
    if (progress->answer_ids->len > 0 &&
        answer_id >= g_array_index (progress->answer_ids, gint64, 0) &&
        answer_id <= g_array_index (progress->answer_ids, gint64, progress->answer_ids->len - 1) &&
        bsearch (&answer_id, progress->answer_ids->data, progress->answer_ids->len, sizeof (gint64), compare_ids) != NULL)
      g_hash_table_iter_remove (&iter);
}

static void
forget_question (TissageDocument      *document,
                 TissageProgressCache *cache,
                 gint64                question_id)
{
  QuestionState *was = g_hash_table_lookup (cache->questions, &question_id);
  QuestionState now = { 0, };
  gboolean exists = FALSE;
  int rc;
  sqlite3_stmt *stmt = tissage_document_cached_statement (document,
                                                          "SELECT grid_id, retired FROM grid_questions WHERE id = ?1", &rc);

  if (stmt == NULL)
    {
      /* Not knowing what changed, forget every interview. */
      g_hash_table_remove_all (cache->interviews);
      return;
    }
  sqlite3_bind_int64 (stmt, 1, question_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      exists = TRUE;
      now.grid_id = sqlite3_column_int64 (stmt, 0);
      now.retired = sqlite3_column_int (stmt, 1) != 0;
    }
  sqlite3_reset (stmt);

  /* Its wording, its place, its choices do not count. */
  if (was == NULL && !exists)
    return;
  if (was != NULL && exists && was->grid_id == now.grid_id && was->retired == now.retired)
    return;

  if (was != NULL)
    {
      forget_grid (cache, was->grid_id);
      count_question (cache, was, -1);
      g_hash_table_remove (cache->questions, &question_id);
    }
  if (exists)
    {
      forget_grid (cache, now.grid_id);
      count_question (cache, &now, 1);
      g_hash_table_insert (cache->questions, g_memdup2 (&question_id, sizeof question_id),
                           g_memdup2 (&now, sizeof now));
    }
}

static void
forget_interview (TissageDocument      *document,
                  TissageProgressCache *cache,
                  gint64                interview_id)
{
  Progress *progress = g_hash_table_lookup (cache->interviews, &interview_id);

  /* A status or a date changed does not change what is answered. */
  if (progress != NULL &&
      tissage_document_query_int (document, "SELECT grid_id FROM interviews WHERE id = ?1", interview_id) !=
        progress->grid_id)
    g_hash_table_remove (cache->interviews, &interview_id);
}

void
tissage_document_forget_progress (TissageDocument *document,
                                  const char      *table,
                                  gint64           id)
{
  TissageProgressCache *cache = document->progress_cache;

  if (cache == NULL)
    return;

  if (g_str_equal (table, "answers"))
    forget_answer (document, cache, id);
  else if (g_str_equal (table, "grid_questions"))
    forget_question (document, cache, id);
  else if (g_str_equal (table, "interviews"))
    forget_interview (document, cache, id);
}

/* The cache kept, or NULL inside an edit. */
static TissageProgressCache *
kept_progress (TissageDocument *document)
{
  if (document->depth > 0)
    return NULL;
  if (document->progress_cache == NULL)
    document->progress_cache = progress_cache_new (document);
  return document->progress_cache;
}

void
tissage_document_get_progress (TissageDocument  *document,
                               TissageInterview *interview,
                               guint            *answered,
                               guint            *total)
{
  TissageProgressCache *cache;
  TissageProgressCache *fresh = NULL;
  Progress *progress;
  gint64 id, grid_id;

  g_return_if_fail (TISSAGE_IS_DOCUMENT (document));
  g_return_if_fail (TISSAGE_IS_INTERVIEW (interview));

  id = tissage_record_id (interview);
  grid_id = tissage_interview_get_grid_id (interview);
  cache = kept_progress (document);
  if (cache == NULL)
    cache = fresh = progress_cache_new (document);

  progress = g_hash_table_lookup (cache->interviews, &id);
  if (progress == NULL || progress->grid_id != grid_id)
    {
      read_progress (document, cache, &interview, 1);
      progress = g_hash_table_lookup (cache->interviews, &id);
    }

  *answered = progress != NULL ? progress->answered : 0;
  *total = GPOINTER_TO_UINT (g_hash_table_lookup (cache->totals, &grid_id));

  tissage_progress_cache_free (fresh);
}

gboolean
tissage_document_has_progress (TissageDocument  *document,
                               TissageInterview *interview)
{
  Progress *progress;
  gint64 id;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (TISSAGE_IS_INTERVIEW (interview), FALSE);

  if (document->depth > 0 || document->progress_cache == NULL)
    return FALSE;
  id = tissage_record_id (interview);
  progress = g_hash_table_lookup (document->progress_cache->interviews, &id);
  return progress != NULL && progress->grid_id == tissage_interview_get_grid_id (interview);
}

void
tissage_document_prefetch_progress (TissageDocument *document,
                                    GPtrArray       *interviews)
{
  TissageProgressCache *cache;
  TissageInterview *missing[PROGRESS_CHUNK];
  guint n = 0;

  g_return_if_fail (TISSAGE_IS_DOCUMENT (document));
  g_return_if_fail (interviews != NULL);

  cache = kept_progress (document);
  if (cache == NULL)
    return;

  for (guint i = 0; i < interviews->len; i++)
    {
      TissageInterview *interview = g_ptr_array_index (interviews, i);

      if (tissage_document_has_progress (document, interview))
        continue;
      missing[n++] = interview;
      if (n == PROGRESS_CHUNK)
        {
          read_progress (document, cache, missing, n);
          n = 0;
        }
    }
  if (n > 0)
    read_progress (document, cache, missing, n);
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

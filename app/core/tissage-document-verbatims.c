/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-core"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tissage-document-private.h"
#include "tissage-interviews.h"
#include "tissage-interviews-private.h"

/* Verbatims */

static gboolean
insert_tags (TissageDocument  *document,
             gint64            verbatim_id,
             const gint64     *effect_ids,
             guint             n_effects,
             GError          **error)
{
  for (guint i = 0; i < n_effects; i++)
    {
      g_autoptr(TissageVerbatimTag) tag =
        tissage_document_insert (document, TISSAGE_TYPE_VERBATIM_TAG, error,
                                 "verbatim-id", verbatim_id, "effect-id", effect_ids[i], NULL);
      if (tag == NULL)
        return FALSE;
    }

  return TRUE;
}

TissageVerbatim *
tissage_document_add_verbatim (TissageDocument  *document,
                               TissageAnswer    *answer,
                               int               start,
                               int               end,
                               TissageTone       tone,
                               const gint64     *effect_ids,
                               guint             n_effects,
                               GError          **error)
{
  g_autoptr(TissageVerbatim) verbatim = NULL;
  g_autofree char *quote = NULL;
  g_autofree char *trimmed = NULL;
  const char *text;
  int length;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (TISSAGE_IS_ANSWER (answer), NULL);

  text = tissage_answer_get_text (answer);
  length = g_utf8_strlen (text, -1);
  if (start < 0 || end > length || start >= end)
    {
      g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                           _("Select the words of the answer to keep as a verbatim."));
      return NULL;
    }

  /* Spaces around a selection are not part of the quote. */
  while (start < end && g_unichar_isspace (g_utf8_get_char (g_utf8_offset_to_pointer (text, start))))
    start++;
  while (end > start && g_unichar_isspace (g_utf8_get_char (g_utf8_offset_to_pointer (text, end - 1))))
    end--;
  quote = tissage_verbatim_substring (text, length, start, end);
  trimmed = g_strstrip (g_strdup (quote));
  if (*trimmed == '\0')
    {
      g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                           _("Select the words of the answer to keep as a verbatim."));
      return NULL;
    }

  if (!tissage_document_begin (document, _("Mark a verbatim"), error))
    return NULL;

  verbatim = tissage_document_insert (document, TISSAGE_TYPE_VERBATIM, error,
                                      "answer-id", tissage_record_id (answer),
                                      "start", start, "end", end, "quote", quote,
                                      "tone", (int) tone, NULL);
  if (verbatim == NULL ||
      !insert_tags (document, tissage_record_id (verbatim), effect_ids, n_effects, error) ||
      !tissage_document_commit (document, error))
    {
      tissage_document_rollback (document);
      return NULL;
    }

  return g_steal_pointer (&verbatim);
}

gboolean
tissage_document_set_verbatim_effects (TissageDocument  *document,
                                       TissageVerbatim  *verbatim,
                                       const gint64     *effect_ids,
                                       guint             n_effects,
                                       GError          **error)
{
  g_autoptr(GPtrArray) tags = NULL;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (TISSAGE_IS_VERBATIM (verbatim), FALSE);

  tags = tissage_document_fetch_where (document, TISSAGE_TYPE_VERBATIM_TAG, "verbatim_id = ?1", tissage_record_id (verbatim), 0);

  if (!tissage_document_begin (document, _("Edit the tags of a verbatim"), error))
    return FALSE;

  for (guint i = 0; i < tags->len; i++)
    if (!tissage_document_delete (document, g_ptr_array_index (tags, i), error))
      goto failed;
  if (!insert_tags (document, tissage_record_id (verbatim), effect_ids, n_effects, error))
    goto failed;

  return tissage_document_commit (document, error);

failed:
  tissage_document_rollback (document);
  return FALSE;
}

GPtrArray *
tissage_document_list_answer_verbatims (TissageDocument *document,
                                        TissageAnswer   *answer)
{
  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (TISSAGE_IS_ANSWER (answer), NULL);

  return tissage_document_fetch_where (document, TISSAGE_TYPE_VERBATIM, "answer_id = ?1", tissage_record_id (answer), 0);
}

GPtrArray *
tissage_document_list_interview_verbatims (TissageDocument  *document,
                                           TissageInterview *interview)
{
  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (TISSAGE_IS_INTERVIEW (interview), NULL);

  return tissage_document_fetch_where (document, TISSAGE_TYPE_VERBATIM,
                                       "answer_id IN (SELECT id FROM answers WHERE interview_id = ?1)",
                                       tissage_record_id (interview), 0);
}

GArray *
tissage_document_dup_verbatim_effects (TissageDocument *document,
                                       TissageVerbatim *verbatim)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), ids);
  g_return_val_if_fail (TISSAGE_IS_VERBATIM (verbatim), ids);

  stmt = tissage_document_cached_statement (document,
                                            "SELECT effect_id FROM verbatim_tags WHERE verbatim_id = ? ORDER BY id", &rc);
  if (stmt == NULL)
    return ids;
  sqlite3_bind_int64 (stmt, 1, tissage_record_id (verbatim));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);

  return ids;
}

void
tissage_verbatim_info_free (TissageVerbatimInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->quote);
  g_free (info->date);
  g_free (info->interviewee);
  g_clear_pointer (&info->effect_ids, g_array_unref);
  g_free (info);
}

/* Case and accents aside: "reunion" finds "Réunion". */
static char *
fold_accents (const char *text)
{
  g_autofree char *folded = tissage_question_fold (text);

  return g_str_to_ascii (folded, "C");
}

static gboolean
text_contains_words (const char *haystack,
                     GStrv       words)
{
  g_autofree char *folded = fold_accents (haystack);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0' && strstr (folded, words[i]) == NULL)
      return FALSE;

  return TRUE;
}

GPtrArray *
tissage_document_list_verbatims (TissageDocument            *document,
                                 const TissageVerbatimQuery *query)
{
  static const char sql[] =
    "SELECT v.id, v.answer_id, a.interview_id, a.question_id, v.quote, v.tone, v.lost,"
    " coalesce (s.category_id, iv.category_id, 0), ifnull (iv.structure_id, 0),"
    " coalesce (iv.person_structure_id, s.structure_id, 0), iv.date,"
    " (SELECT group_concat (effect_id) FROM verbatim_tags t WHERE t.verbatim_id = v.id)"
    " FROM verbatims v JOIN answers a ON a.id = v.answer_id"
    " JOIN interviews iv ON iv.id = a.interview_id"
    " LEFT JOIN grid_questions q ON q.id = a.question_id"
    " LEFT JOIN stakeholders s ON s.id = iv.stakeholder_id"
    " WHERE (?2 = 0 OR coalesce (s.category_id, iv.category_id) = ?2)"
    " AND (?3 = 0 OR iv.structure_id = ?3 OR coalesce (nullif (iv.person_structure_id, 0), s.structure_id) = ?3)"
    " AND (?4 < 0 OR v.tone = ?4)"
    " AND (?5 IS NULL OR iv.date BETWEEN ?5 AND ?6)";
  /* The quotes of one effect are found from its tags, by index, rather
   * than by reading every quote. */
  static const char effect_sql[] =
    " AND v.id IN (SELECT verbatim_id FROM verbatim_tags WHERE effect_id = ?1)";
  static const char order_sql[] = " ORDER BY iv.date, iv.id, q.position, q.id, v.start, v.id";
  g_autofree char *full_sql = NULL;
  TissageVerbatimQuery defaults = TISSAGE_VERBATIM_QUERY_INIT;
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) tissage_verbatim_info_free);
  g_auto(GStrv) words = NULL;
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), NULL);

  if (query == NULL)
    query = &defaults;
  if (query->text != NULL && *query->text != '\0')
    {
      g_autofree char *folded = fold_accents (query->text);

      words = g_strsplit_set (folded, " \t\n", -1);
    }

  full_sql = g_strconcat (sql, query->effect_id != 0 ? effect_sql : "", order_sql, NULL);
  if (sqlite3_prepare_v2 (tissage_document_get_db (document), full_sql, -1, &stmt, NULL) != SQLITE_OK)
    return g_steal_pointer (&result);
  sqlite3_bind_int64 (stmt, 1, query->effect_id);
  sqlite3_bind_int64 (stmt, 2, query->category_id);
  sqlite3_bind_int64 (stmt, 3, query->structure_id);
  sqlite3_bind_int (stmt, 4, query->tone);
  if (query->from != NULL && query->to != NULL && *query->from != '\0' && *query->to != '\0')
    {
      sqlite3_bind_text (stmt, 5, query->from, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, query->to, -1, SQLITE_TRANSIENT);
    }

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *quote = tissage_sql_dup_text (stmt, 4);
      const char *tags = (const char *) sqlite3_column_text (stmt, 11);
      TissageVerbatimInfo *info;
      TissageInterview *interview;

      if (words != NULL && !text_contains_words (quote, words))
        continue;

      info = g_new0 (TissageVerbatimInfo, 1);
      info->id = sqlite3_column_int64 (stmt, 0);
      info->answer_id = sqlite3_column_int64 (stmt, 1);
      info->interview_id = sqlite3_column_int64 (stmt, 2);
      info->question_id = sqlite3_column_int64 (stmt, 3);
      info->quote = g_steal_pointer (&quote);
      info->tone = tissage_sql_enum (stmt, 5, TISSAGE_N_TONES, TISSAGE_TONE_NEUTRAL);
      info->lost = sqlite3_column_int64 (stmt, 6) != 0;
      info->category_id = sqlite3_column_int64 (stmt, 7);
      info->structure_id = sqlite3_column_int64 (stmt, 8);
      info->person_structure_id = sqlite3_column_int64 (stmt, 9);
      info->date = tissage_sql_dup_text (stmt, 10);
      info->effect_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      if (tags != NULL)
        {
          g_auto(GStrv) parts = g_strsplit (tags, ",", -1);

          for (guint i = 0; parts[i] != NULL; i++)
            {
              gint64 id = g_ascii_strtoll (parts[i], NULL, 10);
              g_array_append_val (info->effect_ids, id);
            }
        }

      interview = tissage_document_lookup (document, TISSAGE_TYPE_INTERVIEW, info->interview_id);
      info->interviewee = interview != NULL
        ? tissage_document_dup_interviewee (document, interview, query->pseudonymise)
        : g_strdup ("");

      g_ptr_array_add (result, info);
    }
  sqlite3_finalize (stmt);

  return g_steal_pointer (&result);
}

GHashTable *
tissage_document_count_verbatims_by_effect (TissageDocument *document)
{
  GHashTable *counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), counts);

  if (sqlite3_prepare_v2 (tissage_document_get_db (document),
                          "SELECT effect_id, count (*) FROM verbatim_tags GROUP BY effect_id",
                          -1, &stmt, NULL) != SQLITE_OK)
    return counts;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 *key = g_new (gint64, 1);

      *key = sqlite3_column_int64 (stmt, 0);
      g_hash_table_insert (counts, key, GUINT_TO_POINTER ((guint) sqlite3_column_int64 (stmt, 1)));
    }
  sqlite3_finalize (stmt);

  return counts;
}

guint
tissage_document_count_verbatims (TissageDocument *document)
{
  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), 0);

  return tissage_document_query_int (document, "SELECT count (*) FROM verbatims", 0);
}

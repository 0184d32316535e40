/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-core"

#include "config.h"

#include <glib/gi18n.h>

#include "tissage-document-private.h"
#include "tissage-interviews.h"

/* The full-text index holds one entry an interview, its answers' text,
 * and follows them in the same transaction as the edit: temporary
 * triggers note which interviews changed, and this rewrites their entries
 * before the commit. (A file's own triggers may not write to a virtual
 * table while the schema is not trusted.) */
static const char search_index_sql[] =
  "DELETE FROM interviews_fts WHERE rowid IN (SELECT interview_id FROM temp.search_dirty);"
  /* A deleted entry stays in the index's older segments until they are
   * merged: when interviews are deleted, their words are merged away at
   * once, so that none of them is left in the file. */
  "INSERT INTO interviews_fts (interviews_fts) SELECT 'optimize'"
  " WHERE EXISTS (SELECT 1 FROM temp.search_dirty d"
  " WHERE NOT EXISTS (SELECT 1 FROM main.interviews i WHERE i.id = d.interview_id));"
  "INSERT INTO interviews_fts (rowid, text)"
  " SELECT interview_id, group_concat (text, char (10)) FROM answers"
  " WHERE text <> '' AND interview_id IN (SELECT interview_id FROM temp.search_dirty)"
  " GROUP BY interview_id;"
  "DELETE FROM temp.search_dirty;";

gboolean
tissage_document_update_search_index (TissageDocument  *self,
                                      GError          **error)
{
  return tissage_db_exec (self->db, search_index_sql, error);
}

gboolean
tissage_document_rebuild_search_index (TissageDocument  *self,
                                       GError          **error)
{
  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), FALSE);

  return tissage_db_exec (self->db,
                          "BEGIN IMMEDIATE;"
                          "DELETE FROM interviews_fts;"
                          TISSAGE_SCHEMA_FILL_SEARCH_SQL
                          "COMMIT;", error);
}

/* Full-text search */

/* Each word becomes a quoted prefix query, so user text is never syntax. */
static GPtrArray *
search_terms (const char *text)
{
  g_autoptr(GPtrArray) terms = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) word = g_string_new (NULL);

  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_isalnum (c))
        g_string_append_unichar (word, c);
      else
        {
          if (word->len > 0)
            g_ptr_array_add (terms, g_strdup_printf ("\"%s\"*", word->str));
          g_string_truncate (word, 0);
        }
      if (c == 0)
        break;
    }

  return g_steal_pointer (&terms);
}

GArray *
tissage_document_search_interviews (TissageDocument  *document,
                                    const char       *text,
                                    GError          **error)
{
  g_autoptr(GPtrArray) terms = NULL;
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *query = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), NULL);

  terms = search_terms (text != NULL ? text : "");
  if (terms->len == 0)
    return g_steal_pointer (&ids);

  /* One entry an interview: every word somewhere in its answers. */
  g_string_append (sql, "SELECT rowid FROM interviews_fts WHERE interviews_fts MATCH ?1");
  g_string_append (sql, " ORDER BY rowid");

  if (sqlite3_prepare_v2 (tissage_document_get_db (document), sql->str, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_FAILED,
                   _("The search could not run: %s"), sqlite3_errmsg (tissage_document_get_db (document)));
      return NULL;
    }
  g_ptr_array_add (terms, NULL);
  query = g_strjoinv (" ", (char **) terms->pdata);
  sqlite3_bind_text (stmt, 1, query, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_FAILED,
                   _("The search could not run: %s"), sqlite3_errmsg (tissage_document_get_db (document)));
      return NULL;
    }

  return g_steal_pointer (&ids);
}

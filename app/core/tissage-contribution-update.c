/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-core"

#include "config.h"

#include <glib/gi18n.h>

#include "tissage-contribution-private.h"

/* Updating a contribution from the coordination: its référentiel, guides
 * and periods as the project has them now, the structure's work kept. */

/* The coordination's tables, parents first: the periods are referred to by
 * the indicators' period targets. */
static const char *
update_table (guint i)
{
  guint skipped = 0;

  if (i == 0)
    return "periods";
  for (guint k = 0; k < N_KEPT_TABLES; k++)
    if (!g_str_equal (tissage_kept_tables[k].table, "periods") && ++skipped == i)
      return tissage_kept_tables[k].table;
  g_assert_not_reached ();
}

/* Brings the contribution's rows of @table to the project's, matched by
 * UUID: changed in place (what the structure wrote refers to them by id),
 * added, deleted. A row whose parent the copy does not hold is left out. */
static gboolean
update_kept_table (sqlite3     *project,
                   sqlite3     *copy,
                   const char  *table,
                   const char  *now,
                   guint       *left_out,
                   GError     **error)
{
  TableShape shape = { 0, };
  Writer writer = { 0, };
  g_autofree char *read_sql = NULL;
  g_autofree char *gone_sql = NULL;
  sqlite3_stmt *read = NULL;
  sqlite3_stmt *exists = NULL;
  g_autofree char *exists_sql = g_strdup_printf ("SELECT 1 FROM main.%s WHERE uuid = ?1", table);
  g_autoptr(GString) uuids = g_string_new ("[");
  gboolean ok = TRUE;
  int rc;

  if (!tissage_table_shape_read (project, table, &shape, error))
    {
      tissage_table_shape_clear (&shape);
      return FALSE;
    }
  read_sql = g_strdup_printf ("SELECT t.uuid, t.modified, %s FROM main.%s AS t ORDER BY t.id", shape.data_sql, table);
  if (sqlite3_prepare_v2 (project, read_sql, -1, &read, NULL) != SQLITE_OK)
    {
      tissage_contribution_set_db_error (error, project);
      tissage_table_shape_clear (&shape);
      return FALSE;
    }
  if (!tissage_contribution_writer_prepare (copy, &shape, table, &writer) ||
      sqlite3_prepare_v2 (copy, exists_sql, -1, &exists, NULL) != SQLITE_OK)
    {
      tissage_contribution_set_db_error (error, copy);
      ok = FALSE;
    }

  while (ok && (rc = sqlite3_step (read)) == SQLITE_ROW)
    {
      const char *uuid = (const char *) sqlite3_column_text (read, 0);
      const char *modified = (const char *) sqlite3_column_text (read, 1);
      const char *data = (const char *) sqlite3_column_text (read, 2);
      gboolean present;

      sqlite3_bind_text (exists, 1, uuid, -1, SQLITE_STATIC);
      present = sqlite3_step (exists) == SQLITE_ROW;
      sqlite3_reset (exists);
      rc = tissage_contribution_writer_run (present ? writer.update : writer.insert, uuid, modified != NULL ? modified : now, data);
      if ((rc & 0xff) == SQLITE_CONSTRAINT)
        {
          /* What refers to a person the copy does not hold was never in
           * it (the copy keeps only what its structure may read); a row
           * it held goes below, and is counted. */
          *left_out += present;
          continue;
        }
      if (rc != SQLITE_DONE)
        {
          tissage_contribution_set_db_error (error, copy);
          ok = FALSE;
          break;
        }
      if (uuids->len > 1)
        g_string_append_c (uuids, ',');
      g_string_append_c (uuids, '"');
      g_string_append (uuids, uuid);
      g_string_append_c (uuids, '"');
    }
  g_string_append_c (uuids, ']');

  /* What the coordination deleted goes from the copy too. */
  if (ok)
    {
      sqlite3_stmt *gone = NULL;

      gone_sql = g_strdup_printf ("DELETE FROM main.%s WHERE uuid NOT IN (SELECT value FROM json_each (?1))", table);
      ok = sqlite3_prepare_v2 (copy, gone_sql, -1, &gone, NULL) == SQLITE_OK;
      if (ok)
        {
          sqlite3_bind_text (gone, 1, uuids->str, -1, SQLITE_STATIC);
          ok = sqlite3_step (gone) == SQLITE_DONE;
        }
      sqlite3_finalize (gone);
      if (!ok)
        tissage_contribution_set_db_error (error, copy);
    }

  sqlite3_finalize (read);
  sqlite3_finalize (exists);
  sqlite3_finalize (writer.insert);
  sqlite3_finalize (writer.update);
  sqlite3_finalize (writer.delete);
  tissage_table_shape_clear (&shape);
  return ok;
}

/* The copy's base of @table made again from its rows: the merge checks the
 * coordination's tables against it, and finds them as sent. */
static gboolean
rebase_kept_table (sqlite3     *copy,
                   const char  *table,
                   GError     **error)
{
  TableShape shape = { 0, };
  g_autofree char *sql = NULL;
  gboolean ok;

  if (!tissage_table_shape_read (copy, table, &shape, error))
    {
      tissage_table_shape_clear (&shape);
      return FALSE;
    }
  sql = g_strdup_printf ("DELETE FROM main.contribution_base WHERE tbl = '%1$s';"
                         "INSERT INTO main.contribution_base (uuid, modified, tbl, data)"
                         " SELECT '%1$s/' || t.uuid, t.modified, '%1$s', %2$s FROM main.%1$s AS t",
                         table, shape.data_sql);
  ok = tissage_contribution_exec (copy, sql, error);
  tissage_table_shape_clear (&shape);
  return ok;
}

/* A guide or a question the coordination deleted that the structure's
 * unsent interviews use cannot go from the copy without them: refused,
 * saying which and how many, rather than losing the structure's work. */
static gboolean
check_kept_deletions (sqlite3     *project,
                      sqlite3     *copy,
                      GError     **error)
{
  g_autofree char *grids = tissage_contribution_query_text (project, "SELECT json_group_array (uuid) FROM main.grids", NULL);
  g_autofree char *questions = tissage_contribution_query_text (project, "SELECT json_group_array (uuid) FROM main.grid_questions", NULL);
  g_autofree char *structure = tissage_contribution_query_text (copy, "SELECT structure_name FROM main.contribution ORDER BY id LIMIT 1", NULL);
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;

  if (sqlite3_prepare_v2 (copy,
                          "SELECT g.title, count (*) FROM main.grids g JOIN main.interviews i ON i.grid_id = g.id"
                          " WHERE g.uuid NOT IN (SELECT value FROM json_each (?1)) GROUP BY g.id ORDER BY g.id LIMIT 1",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      tissage_contribution_set_db_error (error, copy);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, grids != NULL ? grids : "[]", -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      guint n = (guint) sqlite3_column_int (stmt, 1);

      tissage_contribution_refuse (error, g_dngettext (NULL,
                                                       "The coordination deleted the interview guide “%s”, which %u interview of “%s” in this contribution uses: merge the contribution first, or restore the guide, then update it. The contribution is unchanged.",
                                                       "The coordination deleted the interview guide “%s”, which %u interviews of “%s” in this contribution use: merge the contribution first, or restore the guide, then update it. The contribution is unchanged.",
                                                       n),
                                   (const char *) sqlite3_column_text (stmt, 0), n, structure != NULL ? structure : "");
      ok = FALSE;
    }
  sqlite3_finalize (stmt);
  if (!ok)
    return FALSE;

  if (sqlite3_prepare_v2 (copy,
                          "SELECT q.text, g.title, count (*) FROM main.grid_questions q JOIN main.grids g ON g.id = q.grid_id"
                          " JOIN main.answers a ON a.question_id = q.id"
                          " WHERE q.uuid NOT IN (SELECT value FROM json_each (?1)) AND g.uuid IN (SELECT value FROM json_each (?2))"
                          " GROUP BY q.id ORDER BY q.id LIMIT 1",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      tissage_contribution_set_db_error (error, copy);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, questions != NULL ? questions : "[]", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, grids != NULL ? grids : "[]", -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      guint n = (guint) sqlite3_column_int (stmt, 2);

      tissage_contribution_refuse (error, g_dngettext (NULL,
                                                       "The coordination deleted the question “%s” of the guide “%s”, which %u answer of “%s” in this contribution replies to: merge the contribution first, or restore the question, then update it. The contribution is unchanged.",
                                                       "The coordination deleted the question “%s” of the guide “%s”, which %u answers of “%s” in this contribution reply to: merge the contribution first, or restore the question, then update it. The contribution is unchanged.",
                                                       n),
                                   (const char *) sqlite3_column_text (stmt, 0), (const char *) sqlite3_column_text (stmt, 1), n,
                                   structure != NULL ? structure : "");
      ok = FALSE;
    }
  sqlite3_finalize (stmt);
  return ok;
}

gboolean
tissage_contribution_update (TissageDocument  *project,
                             GFile            *contribution,
                             guint            *n_left_out,
                             GError          **error)
{
  g_autoptr(TissageDocument) copy = NULL;
  g_autofree char *name = NULL;
  g_autofree char *project_uuid = NULL;
  g_autofree char *copy_project = NULL;
  g_autofree char *now = tissage_contribution_now ();
  g_autoptr(GError) local_error = NULL;
  sqlite3 *source, *db;
  guint left_out = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (project), FALSE);
  g_return_val_if_fail (G_IS_FILE (contribution), FALSE);

  name = tissage_contribution_display_name (contribution);
  source = tissage_document_get_db (project);
  if (tissage_contribution_describe (project, NULL, NULL, NULL))
    {
      tissage_contribution_refuse (error, _("This file is a contribution: update contributions from the project itself."));
      return FALSE;
    }
  if (g_file_equal (contribution, tissage_document_get_file (project)))
    {
      tissage_contribution_refuse (error, _("Choose a contribution of this project, not the project itself."));
      return FALSE;
    }

  copy = tissage_document_open (contribution, &local_error);
  if (copy == NULL)
    {
      g_set_error (error, TISSAGE_DOCUMENT_ERROR, local_error->code,
                   _("The contribution “%s” could not be updated: %s"), name, local_error->message);
      return FALSE;
    }
  if (tissage_document_get_read_only (copy))
    {
      g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_READ_ONLY,
                   _("The contribution “%s” could not be updated: %s"), name,
                   tissage_document_get_read_only_reason (copy));
      return FALSE;
    }
  if (!tissage_contribution_describe (copy, NULL, NULL, NULL))
    {
      tissage_contribution_refuse (error, _("“%s” is not a contribution: prepare one from the project first."), name);
      return FALSE;
    }
  db = tissage_document_get_db (copy);
  project_uuid = tissage_contribution_query_text (source, "SELECT uuid FROM main.project ORDER BY id LIMIT 1", NULL);
  copy_project = tissage_contribution_query_text (db, "SELECT project_uuid FROM main.contribution ORDER BY id LIMIT 1", NULL);
  if (project_uuid == NULL || g_strcmp0 (project_uuid, copy_project) != 0)
    {
      tissage_contribution_refuse (error, _("“%s” is a contribution to another project: it is left as it was."), name);
      return FALSE;
    }

  if (!check_kept_deletions (source, db, error))
    return FALSE;

  /* One step: the copy is updated whole or not at all. */
  if (!tissage_document_begin (copy, _("Update from the coordination"), error))
    return FALSE;
  ok = tissage_contribution_exec (db, "PRAGMA defer_foreign_keys = ON", error);
  for (guint i = 0; ok && i < N_KEPT_TABLES; i++)
    ok = update_kept_table (source, db, update_table (i), now, &left_out, error);
  for (guint i = 0; ok && i < N_KEPT_TABLES; i++)
    ok = rebase_kept_table (db, tissage_kept_tables[i].table, error);
  if (!ok)
    {
      tissage_document_rollback (copy);
      return FALSE;
    }
  if (!tissage_document_commit (copy, error))
    return FALSE;

  {
    g_autofree char *contribution_uuid = tissage_contribution_query_text (db, "SELECT uuid FROM main.contribution ORDER BY id LIMIT 1", NULL);
    g_autofree char *structure_uuid = tissage_contribution_query_text (db, "SELECT structure_uuid FROM main.contribution ORDER BY id LIMIT 1", NULL);
    g_autofree char *structure_name = tissage_contribution_query_text (db, "SELECT structure_name FROM main.contribution ORDER BY id LIMIT 1", NULL);
    g_autofree char *path = g_file_get_path (contribution);

    tissage_contribution_record_export (project, contribution_uuid, structure_uuid, structure_name != NULL ? structure_name : "",
                                        path != NULL ? path : name, TRUE);
  }

  if (n_left_out != NULL)
    *n_left_out = left_out;
  return TRUE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-core"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "tissage-contribution-private.h"
#include "tissage-privacy.h"

/* Preparing the contribution of one structure: a copy of the project
 * stripped of what the structure may not read, and the record of it sent. */

/* tissage_is_person (has_stakeholder, is_member, category_builtin): the
 * core's one rule of who is a person (tissage-privacy.c), in SQL. */
static void
sql_is_person (sqlite3_context  *context,
               int               argc,
               sqlite3_value   **argv)
{
  sqlite3_result_int (context,
                      tissage_interviewee_is_person (sqlite3_value_int (argv[0]) != 0,
                                                     sqlite3_value_int (argv[1]) != 0,
                                                     (const char *) sqlite3_value_text (argv[2])));
}

/* Keeps in @db only what the structure @structure may read, and what the
 * merge will need: whose it is and every row as it is now. Of the
 * stakeholders other structures interviewed, only people go: an
 * organisation (France Travail, the Département, a member structure) stays
 * on the map with its links, as the structure knows it. */
static gboolean
strip_copy (sqlite3     *db,
            gint64       structure,
            const char  *structure_uuid,
            const char  *structure_name,
            const char  *uuid,
            GError     **error)
{
  g_autofree char *strip = g_strdup_printf (
    "CREATE TEMP TABLE gone_people AS SELECT DISTINCT stakeholder_id AS id FROM main.interviews"
    " WHERE structure_id IS NOT %1$" G_GINT64_FORMAT " AND stakeholder_id IS NOT NULL"
    " AND stakeholder_id NOT IN (SELECT stakeholder_id FROM main.interviews"
    "   WHERE structure_id = %1$" G_GINT64_FORMAT " AND stakeholder_id IS NOT NULL)"
    " AND stakeholder_id IN (SELECT s.id FROM main.stakeholders s LEFT JOIN main.categories c ON c.id = s.category_id"
    "   WHERE tissage_is_person (1, s.is_member, c.builtin));"
    "DELETE FROM main.interviews WHERE structure_id IS NOT %1$" G_GINT64_FORMAT ";"
    "DELETE FROM main.stakeholders WHERE id IN (SELECT id FROM temp.gone_people);"
    "DROP TABLE temp.gone_people;"
    "DELETE FROM main.measurements WHERE structure_id IS NOT %1$" G_GINT64_FORMAT ";"
    "DELETE FROM main.interviews_fts;"
    TISSAGE_SCHEMA_FILL_SEARCH_SQL
    "INSERT INTO main.interviews_fts (interviews_fts) VALUES ('optimize');"
    /* What the project knows of other contributions stays with it. */
    "DELETE FROM main.deletions; DELETE FROM main.merge_bases; DELETE FROM main.merges;"
    "DELETE FROM main.merge_sections; DELETE FROM main.contribution_exports;"
    "DELETE FROM main.contribution; DELETE FROM main.contribution_base;",
    structure);
  g_autofree char *now = tissage_contribution_now ();
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_create_function (db, "tissage_is_person", 3, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                               sql_is_person, NULL, NULL) != SQLITE_OK)
    {
      tissage_contribution_set_db_error (error, db);
      return FALSE;
    }

  if (!tissage_contribution_exec (db, strip, error))
    return FALSE;

  rc = sqlite3_prepare_v2 (db,
                           "INSERT INTO main.contribution (uuid, modified, project_uuid, structure_uuid,"
                           " structure_name, project_name, created)"
                           " SELECT ?1, ?2, uuid, ?3, ?4, name, ?2 FROM main.project ORDER BY id LIMIT 1",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, structure_uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, structure_name, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE || sqlite3_changes (db) != 1)
    {
      tissage_contribution_set_db_error (error, db);
      return FALSE;
    }

  for (guint pass = 0; pass < 2; pass++)
    {
      guint n = pass == 0 ? N_MERGE_TABLES : N_KEPT_TABLES;

      for (guint i = 0; i < n; i++)
        {
          const char *table = pass == 0 ? tissage_merge_tables[i].table : tissage_kept_tables[i].table;
          TableShape shape = { 0, };
          g_autofree char *sql = NULL;
          gboolean ok;

          /* The coordination's tables are based in the second pass. */
          if (pass == 0 && tissage_merge_tables[i].copies_only)
            continue;
          if (!tissage_table_shape_read (db, table, &shape, error))
            {
              tissage_table_shape_clear (&shape);
              return FALSE;
            }
          sql = g_strdup_printf ("INSERT INTO main.contribution_base (uuid, modified, tbl, data)"
                                 " SELECT '%1$s/' || t.uuid, t.modified, '%1$s', %2$s FROM main.%1$s AS t",
                                 table, shape.data_sql);
          ok = tissage_contribution_exec (db, sql, error);
          tissage_table_shape_clear (&shape);
          if (!ok)
            return FALSE;
        }
    }

  return TRUE;
}

/* The project remembers the copy it sent, for the follow-up. A copy sent
 * is a fact, not an edit: outside any undo step, and a project open
 * read-only sends without remembering. */
void
tissage_contribution_record_export (TissageDocument *project,
                                    const char      *contribution_uuid,
                                    const char      *structure_uuid,
                                    const char      *structure_name,
                                    const char      *path,
                                    gboolean         is_update)
{
  sqlite3 *db = tissage_document_get_db (project);
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *now = tissage_contribution_now ();
  g_autofree char *file_name = g_filename_display_basename (path);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (tissage_document_get_read_only (project))
    return;

  rc = sqlite3_prepare_v2 (db,
                           "INSERT INTO main.contribution_exports (uuid, modified, contribution_uuid, structure_uuid,"
                           " structure_name, file_name, created, is_update) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?2, ?7)",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, contribution_uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, structure_uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, structure_name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, file_name, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 7, is_update ? 1 : 0);
      rc = sqlite3_step (stmt);
    }
  if (rc == SQLITE_DONE)
    /* Outside the undo log, it says so itself: the follow-up listens. */
    tissage_document_emit_row_changed (project, "contribution_exports", sqlite3_last_insert_rowid (db));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    g_warning ("The contribution sent could not be recorded: %s", sqlite3_errmsg (db));
}

gboolean
tissage_contribution_export (TissageDocument  *project,
                             gint64            structure_id,
                             GFile            *destination,
                             GError          **error)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *temporary = NULL;
  g_autofree char *structure_uuid = NULL;
  g_autofree char *structure_name = NULL;
  g_autofree char *id_text = NULL;
  g_autofree char *contribution_uuid = g_uuid_string_random ();
  g_autoptr(GError) local_error = NULL;
  sqlite3 *source = NULL;
  sqlite3 *copy = NULL;
  sqlite3_backup *backup;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (project), FALSE);
  g_return_val_if_fail (G_IS_FILE (destination), FALSE);

  source = tissage_document_get_db (project);

  if (tissage_contribution_describe (project, NULL, NULL, NULL))
    {
      g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                           _("This file is already a contribution: prepare contributions from the project itself."));
      return FALSE;
    }

  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, structure_id);
  structure_uuid = tissage_contribution_query_text (source, "SELECT uuid FROM main.structures WHERE id = CAST (?1 AS INTEGER)", id_text);
  structure_name = tissage_contribution_query_text (source, "SELECT name FROM main.structures WHERE id = CAST (?1 AS INTEGER)", id_text);
  if (structure_uuid == NULL || structure_name == NULL)
    {
      g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                           _("This member structure is not in the project."));
      return FALSE;
    }

  path = g_file_get_path (destination);
  if (path == NULL)
    {
      g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_IO,
                           _("Projects can only be saved in a local folder."));
      return FALSE;
    }

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  temporary = g_strdup_printf ("%s/.%s.%08x~", dir, base, g_random_int ());

  rc = sqlite3_open_v2 (temporary, &copy,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_EXRESCODE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (copy, "main", source, "main");
      if (backup == NULL)
        rc = sqlite3_extended_errcode (copy);
      else
        {
          rc = sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
          rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
        }
    }

  /* Deleted rows leave no bytes: their pages are zeroed, then the file
   * is rebuilt without them. */
  if (rc == SQLITE_OK)
    ok = tissage_db_harden (copy, &local_error) &&
         tissage_contribution_exec (copy, "PRAGMA journal_mode = DELETE; PRAGMA foreign_keys = ON;"
                                          " PRAGMA secure_delete = ON; BEGIN IMMEDIATE;", &local_error) &&
         strip_copy (copy, structure_id, structure_uuid, structure_name, contribution_uuid, &local_error) &&
         tissage_contribution_exec (copy, "COMMIT", &local_error) &&
         tissage_contribution_exec (copy, "VACUUM", &local_error) &&
         tissage_db_is_sound (copy, "PRAGMA quick_check");

  if (sqlite3_close (copy) != SQLITE_OK)
    ok = FALSE;

  if (ok && g_rename (temporary, path) != 0)
    ok = FALSE;

  if (!ok)
    {
      g_autofree char *name = g_filename_display_basename (path);
      g_autofree char *journal = g_strconcat (temporary, "-journal", NULL);

      g_unlink (temporary);
      g_unlink (journal);
      if (local_error != NULL)
        g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_IO,
                     _("The contribution “%s” could not be written: %s Nothing was written."),
                     name, local_error->message);
      else
        g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_IO,
                     _("The contribution “%s” could not be written. Choose a folder where you can write. Nothing was written."),
                     name);
      return FALSE;
    }

  {
    static const char * const suffixes[] = { "-wal", "-shm", "-journal" };

    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *journal = g_strconcat (path, suffixes[i], NULL);

        g_unlink (journal);
      }
  }

  tissage_contribution_record_export (project, contribution_uuid, structure_uuid, structure_name, path, FALSE);
  return TRUE;
}

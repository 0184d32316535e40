/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

/* What in a private copy is not Tissage's (a foreign schema, orphan rows),
 * and the copy rebuilt through Tissage's own schema: its “repair”. */

#define G_LOG_DOMAIN "tissage-core"

#include "config.h"

#include <glib/gi18n.h>

#include "tissage-document-private.h"
#include "tissage-schema.h"

char *
tissage_document_describe_foreign (GPtrArray *foreign)
{
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; i < foreign->len && i < 5; i++)
    {
      if (i > 0)
        g_string_append (list, ", ");
      g_string_append (list, g_ptr_array_index (foreign, i));
    }
  if (foreign->len > 5)
    g_string_append (list, "…");

  return g_string_free (g_steal_pointer (&list), FALSE);
}

static GPtrArray *
table_columns (sqlite3    *db,
               const char *schema,
               const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT name FROM pragma_table_info (?1, ?2)");
  GPtrArray *columns = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, schema, -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *name = (const char *) sqlite3_column_text (stmt, 0);

          if (name != NULL)
            g_ptr_array_add (columns, g_strdup (name));
        }
    }
  sqlite3_finalize (stmt);

  return columns;
}

static gboolean
is_plain_table (sqlite3    *db,
                const char *table)
{
  sqlite3_stmt *stmt = NULL;
  gboolean plain = FALSE;

  if (sqlite3_prepare_v2 (db,
                          "SELECT 1 FROM src.sqlite_schema WHERE type = 'table' AND name = ?1"
                          " AND sql NOT LIKE 'CREATE VIRTUAL%'",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
      plain = sqlite3_step (stmt) == SQLITE_ROW;
    }
  sqlite3_finalize (stmt);

  return plain;
}

static void
quote_identifier (GString    *out,
                  const char *name)
{
  g_string_append_c (out, '"');
  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static gboolean
exec_simple (sqlite3    *db,
             const char *sql)
{
  return sqlite3_exec (db, sql, NULL, NULL, NULL) == SQLITE_OK;
}

/* Rows that refer to rows that are gone: the repaired copy keeps none. */
static guint
drop_orphans (sqlite3 *db)
{
  guint dropped = 0;

  for (guint pass = 0; pass < 32; pass++)
    {
      g_autoptr(GPtrArray) deletes = g_ptr_array_new_with_free_func (g_free);
      sqlite3_stmt *stmt = NULL;

      if (sqlite3_prepare_v2 (db, "PRAGMA main.foreign_key_check", -1, &stmt, NULL) != SQLITE_OK)
        break;
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *table = (const char *) sqlite3_column_text (stmt, 0);
          g_autoptr(GString) sql = g_string_new ("DELETE FROM main.");

          if (table == NULL || sqlite3_column_type (stmt, 1) != SQLITE_INTEGER)
            continue;
          quote_identifier (sql, table);
          g_string_append_printf (sql, " WHERE rowid = %" G_GINT64_FORMAT,
                                  (gint64) sqlite3_column_int64 (stmt, 1));
          g_ptr_array_add (deletes, g_string_free (g_steal_pointer (&sql), FALSE));
        }
      sqlite3_finalize (stmt);

      if (deletes->len == 0)
        break;
      for (guint i = 0; i < deletes->len; i++)
        if (exec_simple (db, g_ptr_array_index (deletes, i)))
          dropped += sqlite3_changes (db);
    }

  return dropped;
}

/*
 * Writes into @destination a new project of @source's schema version,
 * made by Tissage's own schema, holding every row of @source's tables that
 * this schema accepts. Nothing of @source runs: its triggers are never
 * fired (nothing is written to it), its views never read.
 */
gboolean
tissage_document_repair_into (const char  *source,
                              const char  *source_uri,
                              gint64       version,
                              const char  *destination,
                              guint       *n_dropped,
                              GString     *emptied,
                              GError     **error)
{
  const char * const *tables = tissage_schema_get_tables ();
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok;
  guint dropped = 0;

  if (sqlite3_open_v2 (destination, &db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI | SQLITE_OPEN_EXRESCODE,
                       NULL) != SQLITE_OK)
    {
      sqlite3_close (db);
      tissage_document_set_open_error (error, TISSAGE_DOCUMENT_ERROR_CORRUPT, source);
      return FALSE;
    }
  tissage_db_harden (db, NULL);

  ok = exec_simple (db, "PRAGMA journal_mode = DELETE; PRAGMA foreign_keys = OFF") &&
       tissage_schema_create (db, (guint) version, NULL);

  if (ok && sqlite3_prepare_v2 (db, "ATTACH DATABASE ?1 AS src", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, source_uri, -1, SQLITE_STATIC);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
    }
  else
    ok = FALSE;
  sqlite3_finalize (stmt);

  ok = ok && exec_simple (db, "BEGIN");

  for (guint t = 0; ok && tables[t] != NULL; t++)
    {
      g_autoptr(GPtrArray) ours = table_columns (db, "main", tables[t]);
      g_autoptr(GPtrArray) theirs = NULL;
      g_autoptr(GString) columns = g_string_new (NULL);
      g_autoptr(GString) sql = g_string_new ("INSERT OR IGNORE INTO main.");
      gint64 before = 0;

      if (ours->len == 0 || !is_plain_table (db, tables[t]))
        continue;

      theirs = table_columns (db, "src", tables[t]);
      for (guint c = 0; c < ours->len; c++)
        {
          gboolean found = FALSE;

          for (guint d = 0; d < theirs->len && !found; d++)
            found = g_str_equal (g_ptr_array_index (ours, c), g_ptr_array_index (theirs, d));

          if (found)
            {
              if (columns->len > 0)
                g_string_append_c (columns, ',');
              quote_identifier (columns, g_ptr_array_index (ours, c));
            }
          else
            {
              /* Said, so that no one takes the copy for the whole file. */
              g_autofree char *column = g_utf8_make_valid (g_ptr_array_index (ours, c), -1);

              if (emptied->len > 0)
                g_string_append (emptied, ", ");
              g_string_append_printf (emptied, _("“%s” of “%s”"), column, tables[t]);
            }
        }
      if (columns->len == 0)
        continue;

      quote_identifier (sql, tables[t]);
      g_string_append_printf (sql, " (%s) SELECT %s FROM src.", columns->str, columns->str);
      quote_identifier (sql, tables[t]);

      {
        g_autoptr(GString) count = g_string_new ("SELECT count (*) FROM src.");

        quote_identifier (count, tables[t]);
        if (sqlite3_prepare_v2 (db, count->str, -1, &stmt, NULL) == SQLITE_OK &&
            sqlite3_step (stmt) == SQLITE_ROW)
          before = sqlite3_column_int64 (stmt, 0);
        sqlite3_finalize (stmt);
      }

      if (exec_simple (db, sql->str))
        dropped += (guint) MAX (0, before - sqlite3_changes64 (db));
      else
        {
          /* A value of the wrong type in a strict table stops the whole
           * statement: copy row by row instead, keeping what fits. */
          g_autoptr(GString) one = g_string_new (sql->str);

          g_string_append (one, " WHERE rowid = ?1");
          if (sqlite3_prepare_v2 (db, one->str, -1, &stmt, NULL) == SQLITE_OK)
            {
              g_autoptr(GString) ids = g_string_new ("SELECT rowid FROM src.");
              sqlite3_stmt *rows = NULL;

              quote_identifier (ids, tables[t]);
              if (sqlite3_prepare_v2 (db, ids->str, -1, &rows, NULL) == SQLITE_OK)
                while (sqlite3_step (rows) == SQLITE_ROW)
                  {
                    sqlite3_bind_int64 (stmt, 1, sqlite3_column_int64 (rows, 0));
                    if (sqlite3_step (stmt) != SQLITE_DONE || sqlite3_changes (db) == 0)
                      dropped++;
                    sqlite3_reset (stmt);
                  }
              sqlite3_finalize (rows);
            }
          sqlite3_finalize (stmt);
        }
    }

  if (ok)
    {
      dropped += drop_orphans (db);
      if (version >= 2)
        ok = exec_simple (db, "DELETE FROM main.interviews_fts;" TISSAGE_SCHEMA_FILL_SEARCH_SQL);
      ok = ok && exec_simple (db, "COMMIT");
    }
  if (!ok)
    exec_simple (db, "ROLLBACK");

  exec_simple (db, "DETACH DATABASE src");
  sqlite3_close (db);

  if (!ok)
    {
      tissage_document_set_open_error (error, TISSAGE_DOCUMENT_ERROR_CORRUPT, source);
      return FALSE;
    }

  if (n_dropped != NULL)
    *n_dropped = dropped;
  return TRUE;
}

/* Looks at a private copy: its version, and what in it is not Tissage's. */
GPtrArray *
tissage_document_inspect_copy (const char  *copy,
                               const char  *path,
                               gint64      *version,
                               GError     **error)
{
  GPtrArray *foreign = NULL;
  guint n_migrations;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 app_id = 0;
  int rc;

  tissage_schema_get_migrations (&n_migrations);

  /* Opened read-write, so that a journal copied beside it is replayed
   * into the copy before anything is read. */
  rc = sqlite3_open_v2 (copy, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI | SQLITE_OPEN_EXRESCODE, NULL);
  if (rc == SQLITE_OK)
    {
      tissage_db_harden (db, NULL);
      rc = sqlite3_prepare_v2 (db, "SELECT (SELECT application_id FROM pragma_application_id),"
                                   " (SELECT user_version FROM pragma_user_version),"
                                   " (SELECT count (*) FROM sqlite_schema)", -1, &stmt, NULL);
      if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
        {
          app_id = sqlite3_column_int64 (stmt, 0);
          *version = sqlite3_column_int64 (stmt, 1);
        }
      else
        rc = sqlite3_extended_errcode (db);
      sqlite3_finalize (stmt);
    }

  if (rc != SQLITE_OK)
    tissage_document_set_open_error (error, tissage_document_open_error_code (rc), path);
  else if (app_id != TISSAGE_APPLICATION_ID)
    tissage_document_set_open_error (error, TISSAGE_DOCUMENT_ERROR_NOT_TISSAGE, path);
  else if (*version < 0 || *version > n_migrations)
    foreign = g_ptr_array_new_with_free_func (g_free);  /* newer: not ours to judge */
  else
    {
      foreign = tissage_schema_find_foreign (db, (guint) *version, NULL);
      if (foreign == NULL)
        tissage_document_set_open_error (error, TISSAGE_DOCUMENT_ERROR_CORRUPT, path);
    }

  sqlite3_close (db);
  return foreign;
}

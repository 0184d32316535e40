/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-core"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "tissage-document-private.h"
#include "tissage-lock.h"
#include "tissage-schema.h"

/*
 * Reading a project never writes it: it is copied, under SQLite's own lock
 * so that a window writing it at the same time is seen whole, into a
 * private folder, and read there. A copy holding anything Tissage did not
 * write is rebuilt through Tissage's own schema (“repaired”).
 */

#define HEADER_BYTES 100

/* A project up to this size is read from a copy in memory, larger ones
 * from a copy on disk, so that exporting the large project stays within
 * its memory budget. */
#define MEMORY_COPY_BYTES (32 * 1024 * 1024)

static char *
display_name (const char *path)
{
  return g_filename_display_basename (path);
}

/* The first bytes say whether it is an SQLite file, and in which journal
 * mode it was left (a write version of 2 is WAL). */
static gboolean
read_header (const char  *path,
             gboolean    *wal,
             GError     **error)
{
  guint8 header[HEADER_BYTES];
  FILE *stream;
  size_t n;

  stream = g_fopen (path, "rbe");
  if (stream == NULL)
    {
      tissage_document_set_open_error (error, TISSAGE_DOCUMENT_ERROR_NOT_FOUND, path);
      return FALSE;
    }
  n = fread (header, 1, sizeof header, stream);
  fclose (stream);

  if (n < sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
    {
      tissage_document_set_open_error (error, TISSAGE_DOCUMENT_ERROR_NOT_TISSAGE, path);
      return FALSE;
    }

  *wal = header[18] == 2 || header[19] == 2;
  return TRUE;
}

static gboolean
exists (const char *path)
{
  GStatBuf st;

  return g_lstat (path, &st) == 0;
}

static gboolean
copy_bytes (const char  *from,
            const char  *to,
            GError     **error)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) destination = g_file_new_for_path (to);

  return g_file_copy (source, destination,
                      G_FILE_COPY_OVERWRITE | G_FILE_COPY_NOFOLLOW_SYMLINKS,
                      NULL, NULL, NULL, error);
}

static char *
read_only_uri (const char *path,
               gboolean    immutable)
{
  g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);

  return g_strdup_printf ("file:%s?mode=ro%s", escaped, immutable ? "&immutable=1" : "");
}

/* Copies the pages of @path into @destination through SQLite, which holds
 * a shared lock meanwhile: what a window commits is in the copy entirely
 * or not at all. */
static gboolean
backup_into (const char  *path,
             gboolean     wal,
             const char  *destination,
             sqlite3    **keep,
             GError     **error)
{
  g_autofree char *uri = read_only_uri (path, wal);
  sqlite3 *source = NULL;
  sqlite3 *copy = NULL;
  sqlite3_backup *backup;
  int rc;

  /* A file left in WAL mode with no journal beside it is read as it is:
   * asking SQLite to read it otherwise would leave its index files. */
  rc = sqlite3_open_v2 (uri, &source,
                        SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_EXRESCODE,
                        NULL);
  if (rc == SQLITE_OK)
    {
      tissage_db_harden (source, NULL);
      sqlite3_busy_timeout (source, 2000);
      rc = sqlite3_open_v2 (destination, &copy,
                            SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI | SQLITE_OPEN_EXRESCODE,
                            NULL);
    }

  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (copy, "main", source, "main");
      if (backup == NULL)
        rc = sqlite3_extended_errcode (copy);
      else
        {
          rc = sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
          if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
        }
    }

  /* A copy in memory lives as long as a connection to it. */
  if (rc == SQLITE_OK && keep != NULL)
    *keep = copy;
  else
    sqlite3_close (copy);
  sqlite3_close (source);

  if (rc != SQLITE_OK)
    {
      g_debug ("Copy of %s: %s", path, sqlite3_errstr (rc));
      tissage_document_set_open_error (error, tissage_document_open_error_code (rc), path);
      return FALSE;
    }

  return TRUE;
}

/* A file with a journal beside it (a crash, or a commit under way) is
 * copied with its journal, which SQLite then replays into the copy alone. */
static gboolean
copy_with_journals (const char  *path,
                    const char  *destination,
                    GError     **error)
{
  static const char * const suffixes[] = { "-wal", "-journal" };

  if (!copy_bytes (path, destination, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *journal = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *copy = g_strconcat (destination, suffixes[i], NULL);

      if (exists (journal) && !copy_bytes (journal, copy, NULL))
        g_debug ("The journal %s went away while it was copied", journal);
    }

  return TRUE;
}

static char *
describe_foreign (GPtrArray *foreign)
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
static gboolean
repair_into (const char  *source,
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
static GPtrArray *
inspect_copy (const char  *copy,
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

static char *
make_copy_dir (GError **error)
{
  char *dir = g_dir_make_tmp ("tissage-XXXXXX", NULL);

  if (dir == NULL)
    g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_IO,
                         _("The project cannot be read: the temporary folder is full or cannot be written."));
  return dir;
}

void
tissage_document_remove_copy_dir (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);

      g_unlink (child);
    }
  g_rmdir (dir);
}

/* Why @path can be read but not written, or %NULL if it can be written. */
char *
tissage_document_dup_access_problem (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *name = display_name (path);

  if (g_access (path, W_OK) != 0)
    return g_strdup_printf (_("You can read this project but not change it: “%s” is write-protected, or belongs to someone else."), name);
  if (g_access (dir, W_OK) != 0)
    return g_strdup (_("You can read this project but not change it: its folder is write-protected."));
  return NULL;
}

TissageDocument *
tissage_document_open_for_reading_with_reason (GFile       *file,
                                               const char  *reason,
                                               GError     **error)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *journal = NULL;
  g_autofree char *wal_path = NULL;
  g_autofree char *own_reason = NULL;
  g_autoptr(GPtrArray) foreign = NULL;
  gboolean repaired = FALSE;
  gboolean wal = FALSE;
  gboolean in_memory;
  sqlite3 *keeper = NULL;
  TissageDocument *document;
  gint64 version = 0;
  GStatBuf st;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  path = tissage_document_dup_real_path (file);
  if (path == NULL)
    {
      g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_NOT_FOUND,
                           _("Only projects in a local folder can be opened."));
      return NULL;
    }
  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    {
      tissage_document_set_open_error (error, TISSAGE_DOCUMENT_ERROR_NOT_FOUND, path);
      return NULL;
    }
  if (!read_header (path, &wal, error))
    return NULL;

  journal = g_strconcat (path, "-journal", NULL);
  wal_path = g_strconcat (path, "-wal", NULL);
  /* SQLite keeps no WAL in memory: a file left in WAL mode is copied to
   * disk, where opening the copy takes it out of that mode. */
  in_memory = st.st_size <= MEMORY_COPY_BYTES && !wal && !exists (journal) && !exists (wal_path);

  if (in_memory)
    copy = g_strdup_printf ("file:/tissage-%08x%08x?vfs=memdb", g_random_int (), g_random_int ());
  else
    {
      dir = make_copy_dir (error);
      if (dir == NULL)
        return NULL;
      copy = g_build_filename (dir, "copie.tissage", NULL);
    }

  if (!(exists (journal) || exists (wal_path)
        ? copy_with_journals (path, copy, NULL)
        : backup_into (path, wal, copy, in_memory ? &keeper : NULL, error)))
    {
      if (error != NULL && *error == NULL)
        tissage_document_set_open_error (error, TISSAGE_DOCUMENT_ERROR_CORRUPT, path);
      goto fail;
    }

  foreign = inspect_copy (copy, path, &version, error);
  if (foreign == NULL)
    goto fail;

  if (foreign->len > 0)
    {
      g_autofree char *clean = NULL;
      g_autofree char *list = describe_foreign (foreign);
      g_autofree char *name = display_name (path);
      g_autofree char *source_uri = in_memory ? g_strdup (copy) : read_only_uri (copy, FALSE);
      g_autoptr(GString) emptied = g_string_new (NULL);
      guint dropped = 0;

      if (dir == NULL && (dir = make_copy_dir (error)) == NULL)
        goto fail;
      clean = g_build_filename (dir, "reparee.tissage", NULL);

      if (!repair_into (copy, source_uri, version, clean, &dropped, emptied, error))
        goto fail;
      if (!in_memory)
        g_unlink (copy);
      g_clear_pointer (&keeper, sqlite3_close);
      g_free (copy);
      copy = g_steal_pointer (&clean);
      repaired = TRUE;

      if (dropped > 0)
        own_reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "“%s” holds things Tissage did not write (%s): it is open read-only and none of them can run. %u row that Tissage would refuse is left out. Save a repaired copy to go on working.",
                                                   "“%s” holds things Tissage did not write (%s): it is open read-only and none of them can run. %u rows that Tissage would refuse are left out. Save a repaired copy to go on working.",
                                                   dropped),
                                      name, list, dropped);
      else
        own_reason = g_strdup_printf (_("“%s” holds things Tissage did not write (%s): it is open read-only and none of them can run. Save a repaired copy to go on working."),
                                      name, list);

      if (emptied->len > 0)
        {
          g_autofree char *with_columns = g_strdup_printf (_("%s The file lacks these columns, left empty in the copy: %s."),
                                                           own_reason, emptied->str);

          g_free (own_reason);
          own_reason = g_steal_pointer (&with_columns);
        }
    }

  document = tissage_document_open_copy (copy, file,
                                         own_reason != NULL ? own_reason
                                                            : reason != NULL ? reason
                                                            : _("This project is open for reading only."),
                                         repaired, g_steal_pointer (&dir), error);
  sqlite3_close (keeper);
  return document;

fail:
  sqlite3_close (keeper);
  if (dir != NULL)
    tissage_document_remove_copy_dir (dir);
  return NULL;
}

TissageDocument *
tissage_document_open_for_reading (GFile   *file,
                                   GError **error)
{
  return tissage_document_open_for_reading_with_reason (file, NULL, error);
}

/**
 * tissage_document_save_copy:
 *
 * Writes what @self holds to @destination, whole or not at all: built
 * beside it, then renamed over it (a link there is replaced, not its
 * target). Refuses a project open in another window.
 */
gboolean
tissage_document_save_copy (TissageDocument  *self,
                            GFile            *destination,
                            GError          **error)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *temporary = NULL;
  g_autoptr(TissageLockOwner) owner = NULL;
  sqlite3 *copy = NULL;
  sqlite3_backup *backup;
  int rc;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (destination), FALSE);

  path = g_file_get_path (destination);
  if (path == NULL)
    {
      g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_IO,
                           _("Projects can only be saved in a local folder."));
      return FALSE;
    }

  owner = tissage_lock_read_owner (path);
  if (owner != NULL && !owner->stale)
    {
      g_autofree char *name = display_name (path);
      g_autofree char *who = tissage_lock_owner_describe (owner);

      g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_LOCKED,
                   _("“%s” is open for editing and cannot be replaced. %s"), name, who);
      return FALSE;
    }

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  temporary = g_strdup_printf ("%s/.%s.%08x~", dir, base, g_random_int ());

  rc = sqlite3_open_v2 (temporary, &copy,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_EXRESCODE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (copy, "main", tissage_document_get_db (self), "main");
      if (backup == NULL)
        rc = sqlite3_extended_errcode (copy);
      else
        {
          rc = sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
          if (rc == SQLITE_DONE)
            rc = sqlite3_exec (copy, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
        }
    }
  if (sqlite3_close (copy) != SQLITE_OK && rc == SQLITE_OK)
    rc = SQLITE_IOERR;

  if (rc == SQLITE_OK && g_rename (temporary, path) != 0)
    rc = SQLITE_IOERR;

  if (rc != SQLITE_OK)
    {
      g_autofree char *name = display_name (path);
      g_autofree char *journal = g_strconcat (temporary, "-journal", NULL);

      g_unlink (temporary);
      g_unlink (journal);
      if ((rc & 0xff) == SQLITE_FULL)
        g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_IO,
                     _("“%s” could not be saved: the disk is full. Nothing was written."), name);
      else
        g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_IO,
                     _("“%s” could not be saved. Choose a folder where you can write. Nothing was written."), name);
      return FALSE;
    }

  /* No journal of an earlier file of that name may be replayed into it. */
  {
    static const char * const suffixes[] = { "-wal", "-shm", "-journal" };

    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *journal = g_strconcat (path, suffixes[i], NULL);

        g_unlink (journal);
      }
  }

  return TRUE;
}

/**
 * tissage_document_check_file:
 * @message: (out): what was found, in French
 *
 * The verdict a window reaches on opening @file, reached without writing
 * anything: %TISSAGE_FILE_OK (it opens for editing),
 * %TISSAGE_FILE_READ_ONLY (it opens read-only, and why) or
 * %TISSAGE_FILE_REFUSED (it does not open).
 */
TissageFileVerdict
tissage_document_check_file (GFile  *file,
                             char  **message)
{
  g_autoptr(TissageDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageLockOwner) owner = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  gboolean sound;
  guint n_migrations;

  g_return_val_if_fail (G_IS_FILE (file), TISSAGE_FILE_REFUSED);
  g_return_val_if_fail (message != NULL, TISSAGE_FILE_REFUSED);

  tissage_schema_get_migrations (&n_migrations);

  document = tissage_document_open_for_reading (file, &error);
  if (document == NULL)
    {
      *message = g_strdup (error->message);
      return TISSAGE_FILE_REFUSED;
    }

  path = g_file_get_path (file);
  name = display_name (path);

  /* The thorough check, which also finds index entries that lead nowhere. */
  sound = tissage_db_is_sound (tissage_document_get_db (document), "PRAGMA integrity_check");

  if (!sound)
    {
      *message = g_strdup_printf (_("“%s” is damaged and cannot be opened. Open a backup copy of the project."), name);
      return TISSAGE_FILE_REFUSED;
    }

  if (tissage_document_get_repaired (document) ||
      tissage_document_get_schema_version (document) > (int) n_migrations)
    {
      *message = g_strdup (tissage_document_get_read_only_reason (document));
      return TISSAGE_FILE_READ_ONLY;
    }

  *message = tissage_document_dup_access_problem (path);
  if (*message != NULL)
    return TISSAGE_FILE_READ_ONLY;

  owner = tissage_lock_read_owner (path);
  if (owner != NULL && !owner->stale)
    {
      g_autofree char *who = tissage_lock_owner_describe (owner);

      *message = g_strdup_printf (_("“%s” is already open for editing. %s It can be opened read-only."), name, who);
      return TISSAGE_FILE_READ_ONLY;
    }

  *message = g_strdup_printf (_("“%s” is a sound Tissage project: it opens for editing."), name);
  return TISSAGE_FILE_OK;
}

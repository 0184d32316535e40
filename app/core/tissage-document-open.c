/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-core"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdlib.h>

#include "tissage-document-private.h"

enum {
  CHECK_NONE,
  CHECK_RUNNING,
  CHECK_OK,
  CHECK_FAILED
};

/* Opening */

gboolean
tissage_db_harden (sqlite3  *db,
                   GError  **error)
{
  int on = 1, off = 0;

  sqlite3_extended_result_codes (db, 1);
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, on, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, off, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, off, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_DQS_DDL, off, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_DQS_DML, off, NULL);
  sqlite3_busy_timeout (db, 250);

  /* The undo log lives in temporary tables: keep them off the disk. A
   * page cache of 16 MB holds what a large project's summaries read. */
  return tissage_db_exec (db, "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -16000", error);
}

void
tissage_document_set_open_error (GError     **error,
                                 int          code,
                                 const char  *path)
{
  g_autofree char *name = g_filename_display_basename (path);

  switch (code)
    {
    case TISSAGE_DOCUMENT_ERROR_NOT_TISSAGE:
      g_set_error (error, TISSAGE_DOCUMENT_ERROR, code,
                   _("“%s” is not a Tissage project."), name);
      break;
    case TISSAGE_DOCUMENT_ERROR_CORRUPT:
      g_set_error (error, TISSAGE_DOCUMENT_ERROR, code,
                   _("“%s” is damaged and cannot be opened. Open a backup copy of the project."), name);
      break;
    case TISSAGE_DOCUMENT_ERROR_LOCKED:
      g_set_error (error, TISSAGE_DOCUMENT_ERROR, code,
                   _("“%s” is already open in another window or program. Close it there first."), name);
      break;
    case TISSAGE_DOCUMENT_ERROR_NOT_FOUND:
      g_set_error (error, TISSAGE_DOCUMENT_ERROR, code,
                   _("“%s” does not exist or cannot be read."), name);
      break;
    case TISSAGE_DOCUMENT_ERROR_NEWER_VERSION:
      g_set_error (error, TISSAGE_DOCUMENT_ERROR, code,
                   _("“%s” was made with a newer version of Tissage and cannot be read by this one. Update Tissage."), name);
      break;
    default:
      g_set_error (error, TISSAGE_DOCUMENT_ERROR, code,
                   _("“%s” could not be opened."), name);
      break;
    }
}

int
tissage_document_open_error_code (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
      return TISSAGE_DOCUMENT_ERROR_NOT_TISSAGE;
    case SQLITE_CORRUPT:
      return TISSAGE_DOCUMENT_ERROR_CORRUPT;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return TISSAGE_DOCUMENT_ERROR_LOCKED;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return TISSAGE_DOCUMENT_ERROR_NOT_FOUND;
    default:
      return TISSAGE_DOCUMENT_ERROR_CORRUPT;
    }
}

static gpointer check_thread_func (gpointer data);
static sqlite3 *open_check_connection (TissageDocument *self,
                                       const char      *path);
static gboolean check_poll_cb     (gpointer data);
static void     watch_file        (TissageDocument *self);

typedef enum {
  OPEN_CREATE     = 1 << 0,  /* a new file being built */
  OPEN_CHECK_LATER = 1 << 1, /* the integrity check runs in a thread */
  OPEN_COPY       = 1 << 2,  /* a private copy, read in place of the file */
  OPEN_TAKE_OVER  = 1 << 3,  /* take the lock from its owner */
} OpenFlags;

gboolean
tissage_path_exists (const char *path)
{
  GStatBuf st;

  return g_lstat (path, &st) == 0;
}

/* A journal left beside a file by a crash belongs to the file its lock
 * named; one found beside another file (the project was replaced, or
 * copied over) must never be replayed into it, so it is set aside. */
static void
set_aside_foreign_journals (const char             *path,
                            const TissageLockOwner *stale)
{
  static const char * const suffixes[] = { "-wal", "-shm", "-journal" };
  GStatBuf st;

  if (stale == NULL || stale->inode == 0 || g_stat (path, &st) != 0)
    return;
  if ((guint64) st.st_dev == stale->device && (guint64) st.st_ino == stale->inode)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *journal = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *aside = g_strconcat (path, suffixes[i], ".orphelin", NULL);

      if (tissage_path_exists (journal) && g_rename (journal, aside) != 0)
        g_unlink (journal);
    }
}

static TissageDocument *
open_internal (const char              *path,
               OpenFlags                open_flags,
               const TissageMigration  *migrations,
               guint                    n_migrations,
               GError                 **error)
{
  g_autoptr(TissageDocument) self = NULL;
  g_autoptr(TissageLockOwner) stale = NULL;
  TissageLock *lock = NULL;
  gboolean creating = (open_flags & OPEN_CREATE) != 0;
  gboolean copy = (open_flags & OPEN_COPY) != 0;
  gboolean background_check = (open_flags & OPEN_CHECK_LATER) != 0;
  sqlite3 *db = NULL;
  gboolean newer = FALSE;
  gint64 app_id = 0, version = 0, n_objects = 0;
  GStatBuf st;
  int flags;
  int rc;

  if (!creating && !copy)
    {
      if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
        {
          tissage_document_set_open_error (error, TISSAGE_DOCUMENT_ERROR_NOT_FOUND, path);
          return NULL;
        }
      if (st.st_size == 0)
        {
          tissage_document_set_open_error (error, TISSAGE_DOCUMENT_ERROR_NOT_TISSAGE, path);
          return NULL;
        }
    }

  /* What can be read but not written is read from a private copy, so
   * that nothing is ever left beside another person's file. */
  if (!creating && !copy)
    {
      g_autofree char *reason = tissage_document_dup_access_problem (path);

      if (reason != NULL)
        {
          g_autoptr(GFile) file = g_file_new_for_path (path);

          return tissage_document_open_for_reading_with_reason (file, reason, error);
        }
    }

  if (!creating && !copy)
    {
      g_autoptr(GError) lock_error = NULL;

      stale = tissage_lock_read_owner (path);
      lock = tissage_lock_acquire (path, (open_flags & OPEN_TAKE_OVER) != 0, NULL, &lock_error);
      if (lock == NULL &&
          g_error_matches (lock_error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_LOCKED))
        {
          g_propagate_error (error, g_steal_pointer (&lock_error));
          return NULL;
        }
      if (lock == NULL)
        {
          /* Where no lock can be written, the project can still be read. */
          g_autoptr(GFile) file = g_file_new_for_path (path);
          g_autofree char *reason = g_strdup_printf (_("%s You can read it, not change it."), lock_error->message);

          return tissage_document_open_for_reading_with_reason (file, reason, error);
        }
      set_aside_foreign_journals (path, stale);
    }

  /* A private copy may be in memory, named by an URI. */
  flags = SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_READWRITE |
          (copy ? SQLITE_OPEN_URI : SQLITE_OPEN_NOFOLLOW) |
          (creating ? SQLITE_OPEN_CREATE : 0);

  rc = sqlite3_open_v2 (path, &db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      sqlite3_close (db);
      tissage_lock_release (lock);
      tissage_document_set_open_error (error, tissage_document_open_error_code (rc), path);
      return NULL;
    }

  tissage_db_harden (db, NULL);

  if (!tissage_db_query_int64 (db, "PRAGMA application_id", &app_id, NULL) ||
      !tissage_db_query_int64 (db, "PRAGMA user_version", &version, NULL) ||
      !tissage_db_query_int64 (db, "SELECT count (*) FROM sqlite_schema", &n_objects, NULL))
    {
      rc = sqlite3_extended_errcode (db);
      sqlite3_close (db);
      tissage_lock_release (lock);
      tissage_document_set_open_error (error, tissage_document_open_error_code (rc), path);
      return NULL;
    }

  if (app_id != TISSAGE_APPLICATION_ID && !(creating && n_objects == 0))
    {
      sqlite3_close (db);
      tissage_lock_release (lock);
      tissage_document_set_open_error (error, TISSAGE_DOCUMENT_ERROR_NOT_TISSAGE, path);
      return NULL;
    }

  if (version > n_migrations || version < 0)
    newer = TRUE;

  /* Only Tissage's own schema runs: a trigger, view or altered table
   * written by another tool opens a repaired copy instead, read-only. */
  if (!creating && !newer && !copy)
    {
      g_autoptr(GPtrArray) foreign = tissage_schema_find_foreign (db, (guint) version, NULL);

      if (foreign == NULL || foreign->len > 0)
        {
          g_autoptr(GFile) file = g_file_new_for_path (path);

          sqlite3_close (db);
          tissage_lock_release (lock);
          return tissage_document_open_for_reading_with_reason (file, NULL, error);
        }
    }

  /* A current file opened for the window is checked in the background;
   * a file to migrate is always checked first. */
  background_check = background_check && !creating && !newer &&
                     version == n_migrations && sqlite3_threadsafe () != 0;

  if (!creating && !background_check)
    {
      gboolean ok = tissage_db_is_sound (db, "PRAGMA quick_check");

      rc = sqlite3_extended_errcode (db);
      if (!ok)
        {
          sqlite3_close (db);
          tissage_lock_release (lock);
          tissage_document_set_open_error (error,
                          (rc & 0xff) == SQLITE_BUSY ? TISSAGE_DOCUMENT_ERROR_LOCKED
                                                     : TISSAGE_DOCUMENT_ERROR_CORRUPT,
                          path);
          return NULL;
        }
    }

  self = g_object_new (TISSAGE_TYPE_DOCUMENT, NULL);
  self->db = db;
  self->lock = lock;
  self->file = g_file_new_for_path (path);
  self->schema_version = version;

  if (newer)
    {
      self->read_only = TRUE;
      self->read_only_reason = g_strdup (_("This project was made with a newer version of Tissage: it is open read-only. Update Tissage to edit it."));
      tissage_db_exec (db, "PRAGMA query_only = ON; PRAGMA foreign_keys = ON;", NULL);
    }
  else
    {
      g_autofree char *mode = NULL;
      sqlite3_stmt *stmt = NULL;

      /* Every commit goes into the file itself (a rollback journal, gone
       * when the commit returns), so a copy of the .tissage alone taken at
       * any time holds every edit, and nothing lies beside it. Asking the
       * mode changes nothing; setting it writes the header, so that waits
       * for the check. */
      if (sqlite3_prepare_v2 (db, background_check ? "PRAGMA journal_mode" : "PRAGMA journal_mode = DELETE",
                              -1, &stmt, NULL) == SQLITE_OK &&
          sqlite3_step (stmt) == SQLITE_ROW)
        mode = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      rc = sqlite3_extended_errcode (db);
      sqlite3_finalize (stmt);

      if (background_check && mode != NULL && g_strcmp0 (mode, "delete") != 0)
        self->pending_journal = TRUE;
      else if (g_strcmp0 (mode, "delete") != 0 && !(copy && g_strcmp0 (mode, "memory") == 0))
        {
          tissage_document_set_open_error (error, tissage_document_open_error_code (rc), path);
          return NULL;
        }

      /* Deleted text is overwritten, not only unlinked from the tree,
       * whatever the SQLite library was built with. */
      if (!tissage_db_exec (db, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;", error))
        return NULL;

      if (version < n_migrations)
        {
          if (!tissage_db_run_migrations (db, version, migrations, n_migrations, error))
            return NULL;
          self->schema_version = n_migrations;
        }
      else if (!tissage_db_exec (db, "BEGIN EXCLUSIVE; COMMIT;", NULL))
        {
          tissage_document_set_open_error (error, TISSAGE_DOCUMENT_ERROR_LOCKED, path);
          return NULL;
        }
    }

  for (guint i = 0; i < N_LOADED; i++)
    {
      g_autoptr(GError) local_error = NULL;

      /* The interviews wait until something asks for them. */
      if (i == LOADED_INTERVIEWS ? !tissage_document_defer_table (self, &self->loaded[i], &local_error)
                                 : !tissage_document_load_table (self, &self->loaded[i], &local_error))
        {
          if (newer)
            tissage_document_set_open_error (error, TISSAGE_DOCUMENT_ERROR_NEWER_VERSION, path);
          else
            tissage_document_set_open_error (error, TISSAGE_DOCUMENT_ERROR_CORRUPT, path);
          return NULL;
        }
    }

  if (!self->read_only && !tissage_document_install_undo_log (self, error))
    return NULL;

  tissage_db_query_int64 (db, "PRAGMA data_version", &self->data_version, NULL);
  if (!creating && !copy && !self->read_only)
    watch_file (self);

  if (background_check)
    {
      self->check_db = open_check_connection (self, path);

      if (self->check_db != NULL)
        {
          g_atomic_int_set (&self->check_result, CHECK_RUNNING);
          self->check_thread = g_thread_new ("tissage-check", check_thread_func, self);
          self->check_poll_id = g_timeout_add (20, check_poll_cb, self);
        }
      else
        {
          /* Checked here, then, as a file opened from the command line is. */
          if (!tissage_db_is_sound (db, "PRAGMA quick_check"))
            {
              tissage_document_set_open_error (error, TISSAGE_DOCUMENT_ERROR_CORRUPT, path);
              return NULL;
            }
          g_atomic_int_set (&self->check_result, CHECK_OK);
          if (self->pending_journal)
            {
              self->pending_journal = FALSE;
              tissage_db_exec (db, "PRAGMA journal_mode = DELETE", NULL);
            }
        }
    }

  return g_steal_pointer (&self);
}

/* A new file being built, for tissage_document_create_from_keyfiles(). */
TissageDocument *
tissage_document_open_new (const char              *path,
                           const TissageMigration  *migrations,
                           guint                    n_migrations,
                           GError                 **error)
{
  return open_internal (path, OPEN_CREATE, migrations, n_migrations, error);
}

/* A connection of the check's own to the file the document has open,
 * read-only: on the document's connection, the check would hold its
 * mutex for the whole scan, and the window would wait for it to show the
 * project. NULL if it cannot be opened on that same file. */
static sqlite3 *
open_check_connection (TissageDocument *self,
                       const char      *path)
{
  sqlite3 *check = NULL;
  int moved = 1;

  if (sqlite3_open_v2 (path, &check, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_EXRESCODE,
                       NULL) != SQLITE_OK ||
      !tissage_db_harden (check, NULL) ||
      !tissage_db_exec (check, "PRAGMA query_only = ON", NULL))
    {
      sqlite3_close (check);
      return NULL;
    }

  /* Both connections read the file now at this path: the one checked is
   * the one shown. */
  if (sqlite3_file_control (self->db, "main", SQLITE_FCNTL_HAS_MOVED, &moved) != SQLITE_OK || moved ||
      sqlite3_file_control (check, "main", SQLITE_FCNTL_HAS_MOVED, &moved) != SQLITE_OK || moved)
    {
      sqlite3_close (check);
      return NULL;
    }

  return check;
}

static gpointer
check_thread_func (gpointer data)
{
  TissageDocument *self = data;
  gboolean ok = tissage_db_is_sound (self->check_db, "PRAGMA quick_check");

  g_atomic_int_set (&self->check_result, ok ? CHECK_OK : CHECK_FAILED);
  return NULL;
}

/* Waits for the background check if one runs, and acts on its result. */
static void
finish_check (TissageDocument *self)
{
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;

  if (self->check_thread == NULL)
    return;

  g_thread_join (g_steal_pointer (&self->check_thread));
  g_clear_handle_id (&self->check_poll_id, g_source_remove);
  /* Closed before anything is written: its read lock would stop a commit. */
  g_clear_pointer (&self->check_db, sqlite3_close);

  if (g_atomic_int_get (&self->check_result) == CHECK_OK)
    {
      if (self->pending_journal)
        {
          self->pending_journal = FALSE;
          tissage_db_exec (self->db, "PRAGMA journal_mode = DELETE", NULL);
        }
      return;
    }

  path = g_file_get_path (self->file);
  name = g_filename_display_basename (path);
  self->read_only = TRUE;
  g_free (self->read_only_reason);
  self->read_only_reason = g_strdup_printf (_("“%s” is damaged: it is open read-only so that nothing more is lost. Open a backup copy of the project to go on editing."), name);
  tissage_db_exec (self->db, "PRAGMA query_only = ON", NULL);
  tissage_document_notify_read_only (self);
  tissage_document_notify_history (self);
}

static gboolean
check_poll_cb (gpointer data)
{
  TissageDocument *self = data;

  if (g_atomic_int_get (&self->check_result) == CHECK_RUNNING)
    return G_SOURCE_CONTINUE;

  self->check_poll_id = 0;
  finish_check (self);
  return G_SOURCE_REMOVE;
}

/* The file is still the one opened, unchanged by anyone else: not moved,
 * replaced, deleted or written by another program. */
static gboolean
file_is_still_ours (TissageDocument *self)
{
  int moved = 0;
  gint64 version = 0;

  if (self->lock == NULL || self->read_only)
    return TRUE;

  if (sqlite3_file_control (self->db, "main", SQLITE_FCNTL_HAS_MOVED, &moved) == SQLITE_OK && moved)
    return FALSE;
  if (!tissage_lock_is_held (self->lock))
    return FALSE;
  if (self->depth == 0 &&
      tissage_db_query_int64 (self->db, "PRAGMA data_version", &version, NULL) &&
      version != self->data_version)
    return FALSE;

  return TRUE;
}

/* Stops writing to a file that is no longer ours, and says so. What the
 * window shows can still be saved as a copy: the connection reads the file
 * it opened even once it is deleted or replaced. */
static void
detach (TissageDocument *self)
{
  g_autofree char *path = g_file_get_path (self->file);
  g_autofree char *name = g_filename_display_basename (path);

  if (self->read_only)
    return;

  self->read_only = TRUE;
  self->can_save_copy = TRUE;
  self->detached = TRUE;
  g_free (self->read_only_reason);
  self->read_only_reason = g_strdup_printf (_("“%s” was moved, replaced or deleted by another program while it was open: nothing more is written to it. Save a copy to keep what this window shows."), name);
  tissage_db_exec (self->db, "PRAGMA query_only = ON", NULL);
  tissage_document_notify_read_only (self);
  tissage_document_notify_history (self);
}

static void
on_file_changed (GFileMonitor      *monitor,
                 GFile             *file,
                 GFile             *other,
                 GFileMonitorEvent  event,
                 gpointer           user_data)
{
  TissageDocument *self = user_data;

  if (self->depth == 0 && !file_is_still_ours (self))
    detach (self);
}

static void
watch_file (TissageDocument *self)
{
  self->monitor = g_file_monitor_file (self->file, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
  if (self->monitor != NULL)
    g_signal_connect (self->monitor, "changed", G_CALLBACK (on_file_changed), self);
}

gboolean
tissage_document_check_writable (TissageDocument  *self,
                                 GError          **error)
{
  finish_check (self);

  if (!self->read_only && !file_is_still_ours (self))
    detach (self);

  if (self->read_only)
    {
      g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_READ_ONLY,
                           self->read_only_reason);
      return FALSE;
    }

  return TRUE;
}

static TissageDocument *
open_file (GFile      *file,
           OpenFlags   flags,
           GError    **error)
{
  g_autofree char *path = tissage_document_dup_real_path (file);
  guint n_migrations;
  const TissageMigration *migrations = tissage_schema_get_migrations (&n_migrations);

  if (path == NULL)
    {
      g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_NOT_FOUND,
                           _("Only projects in a local folder can be opened."));
      return NULL;
    }

  return open_internal (path, flags, migrations, n_migrations, error);
}

TissageDocument *
tissage_document_open (GFile   *file,
                       GError **error)
{
  guint n_migrations;
  const TissageMigration *migrations = tissage_schema_get_migrations (&n_migrations);

  return tissage_document_open_with_migrations (file, migrations, n_migrations, error);
}

TissageDocument *
tissage_document_open_with_migrations (GFile                  *file,
                                       const TissageMigration *migrations,
                                       guint                   n_migrations,
                                       GError                **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  path = tissage_document_dup_real_path (file);
  if (path == NULL)
    {
      g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_NOT_FOUND,
                           _("Only projects in a local folder can be opened."));
      return NULL;
    }

  return open_internal (path, 0, migrations, n_migrations, error);
}

/**
 * tissage_document_open_checked_later:
 *
 * Opens @file as tissage_document_open() does, but checks the integrity
 * of a current file in a background thread so that a window shows it at
 * once. Edits wait for the check; if it fails, the document turns
 * read-only (#TissageDocument:read-only) with the reason, before anything
 * is written.
 */
TissageDocument *
tissage_document_open_checked_later (GFile   *file,
                                     GError **error)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return open_file (file, OPEN_CHECK_LATER, error);
}

/**
 * tissage_document_open_taking_over:
 *
 * Opens @file for editing as tissage_document_open_checked_later() does,
 * taking its lock from whoever holds it (on another computer, where
 * Tissage cannot tell whether they are still there).
 */
TissageDocument *
tissage_document_open_taking_over (GFile   *file,
                                   GError **error)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return open_file (file, OPEN_CHECK_LATER | OPEN_TAKE_OVER, error);
}

/*
 * Opens @copy_path, a private copy of @file made by the caller in
 * @copy_dir (which the document removes when finalized), read-only with
 * @reason, as if it were @file.
 */
TissageDocument *
tissage_document_open_copy (const char  *copy_path,
                            GFile       *file,
                            const char  *reason,
                            gboolean     can_save_copy,
                            char        *copy_dir,
                            GError     **error)
{
  g_autoptr(TissageDocument) self = NULL;
  guint n_migrations;
  const TissageMigration *migrations = tissage_schema_get_migrations (&n_migrations);

  self = open_internal (copy_path, OPEN_COPY, migrations, n_migrations, error);
  if (self == NULL)
    {
      g_autofree char *path = g_file_get_path (file);

      if (copy_dir != NULL)
        tissage_document_remove_copy_dir (copy_dir);
      g_free (copy_dir);
      /* Say it of the user's file, not of the copy. */
      if (error != NULL && *error != NULL && (*error)->domain == TISSAGE_DOCUMENT_ERROR &&
          path != NULL)
        {
          int code = (*error)->code;

          g_clear_error (error);
          tissage_document_set_open_error (error, code, path);
        }
      return NULL;
    }

  self->copy_dir = copy_dir;
  g_set_object (&self->file, file);
  g_clear_pointer (&self->lock, tissage_lock_release);
  /* What can be read can be kept as a copy of one's own, but for a file
   * of a newer version, whose copy this version could not edit either. */
  self->can_save_copy = can_save_copy || !self->read_only;
  self->repaired = can_save_copy;
  if (!self->read_only)
    {
      self->read_only = TRUE;
      g_free (self->read_only_reason);
      self->read_only_reason = g_strdup (reason);
      tissage_db_exec (self->db, "PRAGMA query_only = ON", NULL);
    }

  return g_steal_pointer (&self);
}

/**
 * tissage_document_dup_real_path:
 *
 * Returns: (nullable): the path of @file with its links resolved, so that
 * a project in a linked folder opens, and its journal and lock lie beside
 * the file itself; %NULL if @file is not local.
 */
char *
tissage_document_dup_real_path (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  char *real;

  if (path == NULL)
    return NULL;

  real = realpath (path, NULL);
  if (real != NULL)
    {
      char *copy = g_strdup (real);

      free (real);
      return copy;
    }

  /* A file to be made: its folder's links. */
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  real = realpath (dir, NULL);
  if (real == NULL)
    return g_steal_pointer (&path);
  {
    char *joined = g_build_filename (real, base, NULL);

    free (real);
    return joined;
  }
}

/**
 * tissage_document_wait_check:
 *
 * Waits for the background integrity check, if any; returns %FALSE if the
 * file turned out damaged.
 */
gboolean
tissage_document_wait_check (TissageDocument *self)
{
  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), FALSE);

  finish_check (self);
  return g_atomic_int_get (&self->check_result) != CHECK_FAILED;
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-core"

#include "config.h"

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

  foreign = tissage_document_inspect_copy (copy, path, &version, error);
  if (foreign == NULL)
    goto fail;

  if (foreign->len > 0)
    {
      g_autofree char *clean = NULL;
      g_autofree char *list = tissage_document_describe_foreign (foreign);
      g_autofree char *name = display_name (path);
      g_autofree char *source_uri = in_memory ? g_strdup (copy) : read_only_uri (copy, FALSE);
      g_autoptr(GString) emptied = g_string_new (NULL);
      guint dropped = 0;

      if (dir == NULL && (dir = make_copy_dir (error)) == NULL)
        goto fail;
      clean = g_build_filename (dir, "reparee.tissage", NULL);

      if (!tissage_document_repair_into (copy, source_uri, version, clean, &dropped, emptied, error))
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

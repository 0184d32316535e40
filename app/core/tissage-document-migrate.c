/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-core"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tissage-document-private.h"

/* Rows pointing to rows that are not there; G_MAXINT64 if they cannot be told. */
static gint64
count_dangling (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gint64 count = 0;
  int rc;

  if (sqlite3_prepare_v2 (db, "PRAGMA main.foreign_key_check", -1, &stmt, NULL) != SQLITE_OK)
    {
      sqlite3_finalize (stmt);
      return G_MAXINT64;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    count++;
  sqlite3_finalize (stmt);

  return rc == SQLITE_DONE ? count : G_MAXINT64;
}

gboolean
tissage_db_run_migrations (sqlite3                 *db,
                           gint64                   from,
                           const TissageMigration  *migrations,
                           guint                    n_migrations,
                           GError                 **error)
{
  g_autofree char *pragmas = NULL;
  gint64 dangling_before;

  /* A step may rebuild a table that others point to: with the foreign
   * keys on, dropping it would take their rows with it. They are off for
   * the steps (only outside a transaction can they be turned off), and
   * checked before the steps are committed. */
  if (!tissage_db_exec (db, "PRAGMA foreign_keys = OFF; BEGIN EXCLUSIVE", error))
    {
      tissage_db_exec (db, "PRAGMA foreign_keys = ON", NULL);
      return FALSE;
    }
  dangling_before = count_dangling (db);

  for (guint step = from; step < n_migrations; step++)
    {
      g_autoptr(GError) local_error = NULL;
      gboolean ok = TRUE;

      if (migrations[step].sql != NULL)
        ok = tissage_db_exec (db, migrations[step].sql, &local_error);
      if (ok && migrations[step].func != NULL)
        ok = migrations[step].func (db, &local_error);

      if (!ok)
        {
          tissage_db_exec (db, "ROLLBACK; PRAGMA foreign_keys = ON", NULL);
          g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_MIGRATION,
                       _("The project could not be updated to this version of Tissage (step %u: %s). The file was left as it was."),
                       step + 1, local_error->message);
          return FALSE;
        }
    }

  /* A file may come with rows pointing nowhere, which repairing it
   * handles; a step must not add any. */
  if (count_dangling (db) > dangling_before)
    {
      tissage_db_exec (db, "ROLLBACK; PRAGMA foreign_keys = ON", NULL);
      g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_MIGRATION,
                           _("The project could not be updated to this version of Tissage: some of its rows point to rows it lacks. The file was left as it was."));
      return FALSE;
    }

  pragmas = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %u;",
                             TISSAGE_APPLICATION_ID, n_migrations);
  if (!tissage_db_exec (db, pragmas, error) || !tissage_db_exec (db, "COMMIT", error))
    {
      tissage_db_exec (db, "ROLLBACK; PRAGMA foreign_keys = ON", NULL);
      return FALSE;
    }

  return tissage_db_exec (db, "PRAGMA foreign_keys = ON", error);
}

/**
 * tissage_db_is_sound:
 * @check: "PRAGMA quick_check" or "PRAGMA integrity_check"
 *
 * Whether the file's structure is sound. Values its CHECK, NOT NULL or
 * type constraints refuse, written by another tool, are no damage: they
 * are read as Tissage reads any value (in range, or none), and the
 * project opens. A page, an index or a tree that does not hold together
 * is damage.
 */
gboolean
tissage_db_is_sound (sqlite3    *db,
                     const char *check)
{
  sqlite3_stmt *stmt = NULL;
  gboolean sound = FALSE;
  int rc;

  if (sqlite3_prepare_v2 (db, check, -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (line, "ok") == 0)
        sound = TRUE;
      else if (line != NULL &&
               (g_str_has_prefix (line, "CHECK constraint failed in ") ||
                g_str_has_prefix (line, "NULL value in ") ||
                (g_str_has_prefix (line, "non-") && strstr (line, " value in ") != NULL)))
        sound = TRUE;
      else
        {
          sound = FALSE;
          break;
        }
    }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    sound = FALSE;
  sqlite3_finalize (stmt);

  return sound;
}

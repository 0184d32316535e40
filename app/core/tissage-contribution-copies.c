/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-core"

#include "config.h"

#include <string.h>

#include "tissage-contribution-private.h"

/* The base of two full copies of the project, which keep none written
 * down: where they parted, and what each deleted. */

/* Between two full copies, a row changed on one side since they parted
 * is one stamped later than anything both still hold alike. */
gboolean
tissage_merge_changed_since (TissageMerge *merge,
                             const char   *modified)
{
  return g_strcmp0 (modified, merge->divergence) > 0;
}

/* The UUIDs of what @db recorded as deleted. */
GHashTable *
tissage_merge_read_deleted (sqlite3 *db)
{
  GHashTable *deleted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT uuid FROM main.deletions", -1, &stmt, NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_hash_table_add (deleted, tissage_sql_dup_text (stmt, 0));
  sqlite3_finalize (stmt);
  return deleted;
}

/* The latest stamp of a row both copies hold with the same stamp: the
 * point where they parted, or later than it for none of their changes. */
char *
tissage_merge_find_divergence (sqlite3 *project,
                               sqlite3 *copy)
{
  char *latest = g_strdup ("");

  for (guint t = 0; t <= N_MERGE_TABLES; t++)
    {
      const char *table = t < N_MERGE_TABLES ? tissage_merge_tables[t].table : "deletions";
      g_autofree char *sql = g_strdup_printf ("SELECT uuid, modified FROM main.%s", table);
      g_autoptr(GHashTable) stamps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      sqlite3_stmt *stmt = NULL;

      if (sqlite3_prepare_v2 (copy, sql, -1, &stmt, NULL) == SQLITE_OK)
        while (sqlite3_step (stmt) == SQLITE_ROW)
          g_hash_table_insert (stamps, tissage_sql_dup_text (stmt, 0), tissage_sql_dup_text (stmt, 1));
      sqlite3_finalize (stmt);
      stmt = NULL;

      if (sqlite3_prepare_v2 (project, sql, -1, &stmt, NULL) == SQLITE_OK)
        while (sqlite3_step (stmt) == SQLITE_ROW)
          {
            const char *modified = (const char *) sqlite3_column_text (stmt, 1);
            const char *theirs = g_hash_table_lookup (stamps, sqlite3_column_text (stmt, 0));

            if (modified != NULL && g_strcmp0 (theirs, modified) == 0 && strcmp (modified, latest) > 0)
              {
                g_free (latest);
                latest = g_strdup (modified);
              }
          }
      sqlite3_finalize (stmt);
    }

  return latest;
}

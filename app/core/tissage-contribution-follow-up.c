/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-core"

#include "config.h"

#include <glib/gi18n.h>

#include "tissage-contribution-private.h"

/* The follow-up of the contributions: what was sent, what was merged. */

void
tissage_contribution_event_free (TissageContributionEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->structure);
  g_free (event->when);
  g_free (event->file_name);
  g_free (event->prepared);
  g_free (event->brought);
  g_free (event);
}

static const char *
section_label (const char *table)
{
  for (guint t = 0; t < N_MERGE_TABLES; t++)
    if (g_str_equal (tissage_merge_tables[t].table, table))
      return _(tissage_merge_tables[t].section);
  return table;
}

GPtrArray *
tissage_contribution_list_follow_up (TissageDocument  *project,
                                     GError          **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) tissage_contribution_event_free);
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  sqlite3_stmt *sections = NULL;
  int rc;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (project), NULL);

  db = tissage_document_get_db (project);
  /* A structure renamed since shows under its name of now. */
  rc = sqlite3_prepare_v2 (db,
                           "SELECT 0, coalesce ((SELECT name FROM main.structures s WHERE s.uuid = e.structure_uuid), e.structure_name),"
                           "  e.created, e.file_name, NULL, 0, 0, 0, 0, 0, NULL, e.is_update"
                           " FROM main.contribution_exports e"
                           " UNION ALL "
                           "SELECT 1, coalesce ((SELECT name FROM main.structures s WHERE s.uuid = m.structure_uuid),"
                           "    (SELECT structure_name FROM main.contribution_exports e WHERE e.structure_uuid = m.structure_uuid), ''),"
                           "  m.modified, NULL, m.contribution_created, m.added, m.changed, m.deleted, m.conflicts,"
                           "  m.kept_contribution, m.uuid, 0"
                           " FROM main.merges m"
                           " ORDER BY 3, 1",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db,
                             "SELECT tbl, added, changed, deleted FROM main.merge_sections WHERE merge_uuid = ?1 ORDER BY id",
                             -1, &sections, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TissageContributionEvent *event = g_new0 (TissageContributionEvent, 1);

      rc = SQLITE_OK;

      event->merged = sqlite3_column_int (stmt, 0) != 0;
      event->update = sqlite3_column_int (stmt, 11) != 0;
      event->structure = tissage_sql_dup_text (stmt, 1);
      /* A merge of another full copy of the project is no structure's. */
      if (event->merged && (event->structure == NULL || *event->structure == '\0'))
        {
          g_free (event->structure);
          event->structure = g_strdup (_("Another copy of the project"));
        }
      event->when = tissage_sql_dup_text (stmt, 2);
      event->file_name = tissage_sql_dup_text (stmt, 3);
      event->prepared = tissage_sql_dup_text (stmt, 4);
      event->conflicts = (guint) sqlite3_column_int (stmt, 8);
      event->kept_contribution = (guint) sqlite3_column_int (stmt, 9);
      if (event->merged)
        {
          g_autoptr(GString) brought = g_string_new (NULL);

          sqlite3_bind_text (sections, 1, (const char *) sqlite3_column_text (stmt, 10), -1, SQLITE_TRANSIENT);
          while ((rc = sqlite3_step (sections)) == SQLITE_ROW)
            {
              if (brought->len > 0)
                g_string_append_c (brought, '\n');
              g_string_append_printf (brought, _("%s — additions: %u, changes: %u, deletions: %u"),
                                      section_label ((const char *) sqlite3_column_text (sections, 0)),
                                      (guint) sqlite3_column_int (sections, 1),
                                      (guint) sqlite3_column_int (sections, 2),
                                      (guint) sqlite3_column_int (sections, 3));
            }
          sqlite3_reset (sections);
          rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
          /* A merge of before sections were recorded: its totals only. */
          if (brought->len == 0)
            g_string_append_printf (brought, _("%s — additions: %u, changes: %u, deletions: %u"), _("All sections"),
                                    (guint) sqlite3_column_int (stmt, 5), (guint) sqlite3_column_int (stmt, 6),
                                    (guint) sqlite3_column_int (stmt, 7));
          event->brought = g_string_free (g_steal_pointer (&brought), FALSE);
        }
      g_ptr_array_add (events, event);
    }
  sqlite3_finalize (stmt);
  sqlite3_finalize (sections);
  if (rc != SQLITE_DONE)
    {
      tissage_contribution_set_db_error (error, db);
      return NULL;
    }

  return g_steal_pointer (&events);
}

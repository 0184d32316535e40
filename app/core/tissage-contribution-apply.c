/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-core"

#include "config.h"

#include <glib/gi18n.h>

#include "tissage-contribution-private.h"

/* Applying a merge plan in one undo step: rows added, changed and
 * deleted by UUID, the bases kept for the next round, the merge recorded. */

static char *
join_data (GPtrArray *fields)
{
  GString *data = g_string_new ("[");

  for (guint i = 0; i < fields->len; i++)
    {
      if (i > 0)
        g_string_append_c (data, ',');
      g_string_append (data, g_ptr_array_index (fields, i));
    }
  g_string_append_c (data, ']');
  return g_string_free (data, FALSE);
}

static char *
values_sql (TableShape *shape,
            gboolean    for_update)
{
  GString *sql = g_string_new (NULL);

  for (guint f = 0; f < shape->columns->len; f++)
    {
      const char *column = g_ptr_array_index (shape->columns, f);
      const char *parent = g_ptr_array_index (shape->parents, f);

      if (f > 0)
        g_string_append (sql, ", ");
      if (for_update)
        g_string_append_printf (sql, "\"%s\" = ", column);
      if (*parent != '\0')
        g_string_append_printf (sql, "(SELECT id FROM main.%s WHERE uuid = json_extract (?3, '$[%u]'))", parent, f);
      else
        g_string_append_printf (sql, "json_extract (?3, '$[%u]')", f);
    }
  return g_string_free (sql, FALSE);
}

gboolean
tissage_contribution_writer_prepare (sqlite3     *db,
                                     TableShape  *shape,
                                     const char  *table,
                                     Writer      *writer)
{
  g_autoptr(GString) columns = g_string_new (NULL);
  g_autofree char *values = values_sql (shape, FALSE);
  g_autofree char *sets = values_sql (shape, TRUE);
  g_autofree char *insert = NULL;
  g_autofree char *update = NULL;
  g_autofree char *delete = g_strdup_printf ("DELETE FROM main.%s WHERE uuid = ?1", table);

  for (guint f = 0; f < shape->columns->len; f++)
    g_string_append_printf (columns, ", \"%s\"", (const char *) g_ptr_array_index (shape->columns, f));
  insert = g_strdup_printf ("INSERT INTO main.%s (uuid, modified%s) VALUES (?1, ?2, %s)", table, columns->str, values);
  update = g_strdup_printf ("UPDATE main.%s SET modified = ?2, %s WHERE uuid = ?1", table, sets);

  return sqlite3_prepare_v2 (db, insert, -1, &writer->insert, NULL) == SQLITE_OK &&
         sqlite3_prepare_v2 (db, update, -1, &writer->update, NULL) == SQLITE_OK &&
         sqlite3_prepare_v2 (db, delete, -1, &writer->delete, NULL) == SQLITE_OK;
}

static TissageMergeChoice
choice_of (TissageMerge       *merge,
           guint               conflict,
           TissageMergeChoice  prefer)
{
  TissageMergeConflict *c = g_ptr_array_index (merge->conflicts, conflict);

  return c->choice != TISSAGE_MERGE_CHOICE_NONE ? c->choice : prefer;
}

int
tissage_contribution_writer_run (sqlite3_stmt *stmt,
                                 const char   *uuid,
                                 const char   *modified,
                                 const char   *data)
{
  int rc;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  if (modified != NULL)
    sqlite3_bind_text (stmt, 2, modified, -1, SQLITE_STATIC);
  if (data != NULL)
    sqlite3_bind_text (stmt, 3, data, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return rc;
}

static gboolean
write_actions (TissageMerge       *merge,
               sqlite3            *db,
               Writer             *writers,
               TissageMergeChoice  prefer,
               GError            **error)
{
  g_autofree char *now = tissage_contribution_now ();
  g_autofree char *merge_uuid = NULL;
  guint added = 0, changed = 0, deleted = 0;
  sqlite3_stmt *base = NULL;
  sqlite3_stmt *log = NULL;
  int rc;

  /* Added and changed rows parents first, as planned; deletions last. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < merge->actions->len; i++)
      {
        Action *action = &g_array_index (merge->actions, Action, i);
        Writer *writer = &writers[action->table];
        gboolean row_conflict = action->conflicts != NULL && action->kind != ACTION_CHANGE;

        if ((pass == 0) == (action->kind == ACTION_DELETE))
          continue;
        if (row_conflict &&
            choice_of (merge, g_array_index (action->conflicts, guint, 0), prefer) != TISSAGE_MERGE_CHOICE_CONTRIBUTION)
          continue;

        if (action->kind == ACTION_ADD)
          {
            rc = tissage_contribution_writer_run (writer->insert, action->uuid, action->modified, action->data);
            if ((rc & 0xff) == SQLITE_CONSTRAINT)
              {
                merge->left_out++;
                continue;
              }
            if (rc != SQLITE_DONE)
              {
                tissage_contribution_set_db_error (error, db);
                return FALSE;
              }
            added++;
          }
        else if (action->kind == ACTION_DELETE)
          {
            rc = tissage_contribution_writer_run (writer->delete, action->uuid, NULL, NULL);
            /* A guide still holding interviews the project added stays. */
            if ((rc & 0xff) == SQLITE_CONSTRAINT)
              {
                merge->left_out++;
                continue;
              }
            if (rc != SQLITE_DONE)
              {
                tissage_contribution_set_db_error (error, db);
                return FALSE;
              }
            deleted += sqlite3_changes (db) > 0;
          }
        else
          {
            g_autoptr(GPtrArray) result = g_ptr_array_new ();
            g_autofree char *data = NULL;
            gboolean all_theirs = TRUE, any_new = FALSE;
            guint next_conflict = 0;

            for (guint f = 0; f < action->states->len; f++)
              {
                FieldState state = g_array_index (action->states, FieldState, f);
                gboolean theirs;

                if (state == FIELD_CONFLICT)
                  theirs = choice_of (merge, g_array_index (action->conflicts, guint, next_conflict++), prefer)
                           == TISSAGE_MERGE_CHOICE_CONTRIBUTION;
                else
                  theirs = state == FIELD_TAKE || state == FIELD_SAME;

                g_ptr_array_add (result, g_ptr_array_index (theirs ? action->contribution : action->project, f));
                all_theirs &= theirs || g_str_equal (g_ptr_array_index (action->project, f),
                                                      g_ptr_array_index (action->contribution, f));
                any_new |= theirs && state != FIELD_SAME;
              }
            if (!any_new)
              continue;

            data = join_data (result);
            rc = tissage_contribution_writer_run (writer->update, action->uuid, all_theirs ? action->modified : now, data);
            if ((rc & 0xff) == SQLITE_CONSTRAINT)
              {
                merge->left_out++;
                continue;
              }
            if (rc != SQLITE_DONE)
              {
                tissage_contribution_set_db_error (error, db);
                return FALSE;
              }
            changed++;
          }
      }

  if (sqlite3_prepare_v2 (db,
                          "INSERT INTO main.merge_bases (uuid, modified, contribution_uuid, row_uuid, row_modified, data)"
                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (contribution_uuid, row_uuid)"
                          " DO UPDATE SET modified = excluded.modified, row_modified = excluded.row_modified, data = excluded.data",
                          -1, &base, NULL) != SQLITE_OK)
    {
      tissage_contribution_set_db_error (error, db);
      return FALSE;
    }
  for (guint i = 0; i < merge->bases->len; i++)
    {
      BaseUpdate *update = &g_array_index (merge->bases, BaseUpdate, i);
      g_autofree char *uuid = g_uuid_string_random ();

      sqlite3_bind_text (base, 1, uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (base, 2, now, -1, SQLITE_STATIC);
      sqlite3_bind_text (base, 3, merge->contribution_uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (base, 4, update->key, -1, SQLITE_STATIC);
      sqlite3_bind_text (base, 5, update->modified, -1, SQLITE_STATIC);
      sqlite3_bind_text (base, 6, update->data, -1, SQLITE_STATIC);
      rc = sqlite3_step (base);
      sqlite3_reset (base);
      if (rc != SQLITE_DONE)
        {
          sqlite3_finalize (base);
          tissage_contribution_set_db_error (error, db);
          return FALSE;
        }
    }
  sqlite3_finalize (base);

  if (added + changed + deleted == 0)
    return TRUE;

  /* Which contribution came back, when, and what it brought. */
  merge_uuid = g_uuid_string_random ();
  if (sqlite3_prepare_v2 (db,
                          "INSERT INTO main.merges (uuid, modified, contribution_uuid, structure_uuid,"
                          " contribution_created, added, changed, deleted, conflicts, kept_contribution)"
                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", -1, &log, NULL) == SQLITE_OK)
    {
      guint theirs = 0;

      for (guint i = 0; i < merge->conflicts->len; i++)
        theirs += choice_of (merge, i, prefer) == TISSAGE_MERGE_CHOICE_CONTRIBUTION;

      sqlite3_bind_text (log, 1, merge_uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (log, 2, now, -1, SQLITE_STATIC);
      sqlite3_bind_text (log, 3, merge->contribution_uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (log, 4, merge->structure_uuid != NULL ? merge->structure_uuid : "", -1, SQLITE_STATIC);
      sqlite3_bind_text (log, 5, merge->created, -1, SQLITE_STATIC);
      sqlite3_bind_int (log, 6, (int) added);
      sqlite3_bind_int (log, 7, (int) changed);
      sqlite3_bind_int (log, 8, (int) deleted);
      sqlite3_bind_int (log, 9, (int) merge->conflicts->len);
      sqlite3_bind_int (log, 10, (int) theirs);
      rc = sqlite3_step (log);
    }
  else
    rc = SQLITE_ERROR;
  sqlite3_finalize (log);
  if (rc != SQLITE_DONE)
    {
      tissage_contribution_set_db_error (error, db);
      return FALSE;
    }

  /* What it brought, section by section, as the summary showed it. */
  if (sqlite3_prepare_v2 (db,
                          "INSERT INTO main.merge_sections (uuid, modified, merge_uuid, tbl, added, changed, deleted)"
                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", -1, &log, NULL) != SQLITE_OK)
    {
      tissage_contribution_set_db_error (error, db);
      return FALSE;
    }
  for (guint t = 0; t < N_MERGE_TABLES; t++)
    {
      TissageMergeSection *section = &merge->sections[t];
      g_autofree char *uuid = g_uuid_string_random ();

      if (section->added + section->changed + section->deleted == 0)
        continue;
      sqlite3_bind_text (log, 1, uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (log, 2, now, -1, SQLITE_STATIC);
      sqlite3_bind_text (log, 3, merge_uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (log, 4, tissage_merge_tables[t].table, -1, SQLITE_STATIC);
      sqlite3_bind_int (log, 5, (int) section->added);
      sqlite3_bind_int (log, 6, (int) section->changed);
      sqlite3_bind_int (log, 7, (int) section->deleted);
      rc = sqlite3_step (log);
      sqlite3_reset (log);
      if (rc != SQLITE_DONE)
        {
          sqlite3_finalize (log);
          tissage_contribution_set_db_error (error, db);
          return FALSE;
        }
    }
  sqlite3_finalize (log);

  return TRUE;
}

gboolean
tissage_merge_apply (TissageMerge       *merge,
                     TissageMergeChoice  prefer,
                     GError            **error)
{
  Writer writers[N_MERGE_TABLES] = { { 0, } };
  sqlite3 *db;
  gboolean ok = TRUE;

  g_return_val_if_fail (merge != NULL, FALSE);
  g_return_val_if_fail (!merge->applied, FALSE);

  for (guint i = 0; i < merge->conflicts->len; i++)
    if (choice_of (merge, i, prefer) == TISSAGE_MERGE_CHOICE_NONE)
      {
        tissage_contribution_refuse (error, g_dngettext (NULL,
                                                         "%u conflict is not settled: choose the project’s value or the contribution’s. Nothing was merged.",
                                                         "%u conflicts are not settled: choose the project’s values or the contribution’s. Nothing was merged.",
                                                         merge->conflicts->len), merge->conflicts->len);
        return FALSE;
      }

  if (merge->bases->len == 0 && merge->actions->len == 0)
    return TRUE;

  db = tissage_document_get_db (merge->project);
  if (!tissage_document_begin (merge->project, merge->full_copy ? _("Merge another copy of the project") : _("Merge a contribution"), error))
    return FALSE;

  merge->left_out = 0;
  for (guint t = 0; ok && t < N_MERGE_TABLES; t++)
    if (!tissage_contribution_writer_prepare (db, &merge->shapes[t], tissage_merge_tables[t].table, &writers[t]))
      {
        tissage_contribution_set_db_error (error, db);
        ok = FALSE;
      }

  /* Rows may refer to rows added after them in the same table. */
  ok = ok && sqlite3_exec (db, "PRAGMA defer_foreign_keys = ON", NULL, NULL, NULL) == SQLITE_OK;
  {
    gint64 start = g_get_monotonic_time ();

    ok = ok && write_actions (merge, db, writers, prefer, error);
    g_debug ("merge: written in %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
  }

  for (guint t = 0; t < N_MERGE_TABLES; t++)
    {
      sqlite3_finalize (writers[t].insert);
      sqlite3_finalize (writers[t].update);
      sqlite3_finalize (writers[t].delete);
    }

  if (!ok)
    {
      tissage_document_rollback (merge->project);
      return FALSE;
    }

  {
    gint64 start = g_get_monotonic_time ();

    if (!tissage_document_commit (merge->project, error))
      return FALSE;
    g_debug ("merge: committed in %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
  }

  merge->applied = TRUE;
  return TRUE;
}

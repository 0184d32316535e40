/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-core"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tissage-contribution-private.h"

/* Reading a contribution or another full copy of the project before it
 * is merged: what it is, that it is this project's and as Tissage wrote
 * it, then its plan (tissage-contribution-plan.c). */

static void
action_clear (gpointer data)
{
  Action *action = data;

  g_free (action->uuid);
  g_free (action->modified);
  g_free (action->data);
  g_clear_pointer (&action->project, g_ptr_array_unref);
  g_clear_pointer (&action->contribution, g_ptr_array_unref);
  g_clear_pointer (&action->states, g_array_unref);
  g_clear_pointer (&action->conflicts, g_array_unref);
}

static void
base_update_clear (gpointer data)
{
  BaseUpdate *update = data;

  g_free (update->key);
  g_free (update->modified);
  g_free (update->data);
}

static void
conflict_free (gpointer data)
{
  TissageMergeConflict *conflict = data;

  g_free (conflict->row);
  g_free (conflict->field);
  g_free (conflict->project_value);
  g_free (conflict->contribution_value);
  g_free (conflict);
}

void
tissage_merge_free (TissageMerge *merge)
{
  if (merge == NULL)
    return;

  g_clear_object (&merge->project);
  g_free (merge->contribution_uuid);
  g_free (merge->structure_uuid);
  g_free (merge->structure_name);
  g_free (merge->created);
  g_free (merge->divergence);
  g_clear_pointer (&merge->project_deleted, g_hash_table_unref);
  g_clear_pointer (&merge->copy_deleted, g_hash_table_unref);
  g_clear_pointer (&merge->added, g_hash_table_unref);
  for (guint i = 0; i < N_MERGE_TABLES; i++)
    {
      tissage_table_shape_clear (&merge->shapes[i]);
      g_clear_pointer (&merge->sections[i].items, g_ptr_array_unref);
    }
  g_clear_pointer (&merge->actions, g_array_unref);
  g_clear_pointer (&merge->conflicts, g_ptr_array_unref);
  g_clear_pointer (&merge->places, g_array_unref);
  g_clear_pointer (&merge->bases, g_array_unref);
  g_free (merge);
}

static void
reader_clear (Reader *reader)
{
  sqlite3_finalize (reader->split);
  sqlite3_finalize (reader->contribution_base);
  sqlite3_finalize (reader->merge_base);
  for (guint i = 0; i < N_MERGE_TABLES; i++)
    {
      sqlite3_finalize (reader->project_row[i]);
      sqlite3_finalize (reader->project_key[i]);
      sqlite3_finalize (reader->label[0][i]);
      sqlite3_finalize (reader->label[1][i]);
    }
}

sqlite3_stmt *
tissage_merge_prepare_statement (sqlite3     *db,
                                 const char  *sql,
                                 GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_CORRUPT,
                   _("The contribution could not be read: %s"), sqlite3_errmsg (db));
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

/* The référentiel, the guides and the periods as the contribution was
 * made: anything else is a tampered copy. */
static gboolean
check_kept (TissageMerge *merge,
            Reader       *reader,
            GError      **error)
{
  for (guint i = 0; i < N_KEPT_TABLES; i++)
    {
      TableShape shape = { 0, };
      g_autofree char *sql = NULL;
      gint64 differences = -1;
      sqlite3_stmt *stmt;

      if (!tissage_table_shape_read (reader->contribution, tissage_kept_tables[i].table, &shape, error))
        {
          tissage_table_shape_clear (&shape);
          return FALSE;
        }
      sql = g_strdup_printf (
        "SELECT (SELECT count (*) FROM main.%1$s AS t WHERE %2$s IS NOT"
        "   (SELECT b.data FROM main.contribution_base b WHERE b.uuid = '%1$s/' || t.uuid))"
        " + (SELECT count (*) FROM main.contribution_base b WHERE b.tbl = '%1$s'"
        "   AND NOT EXISTS (SELECT 1 FROM main.%1$s t WHERE '%1$s/' || t.uuid = b.uuid))",
        tissage_kept_tables[i].table, shape.data_sql);
      tissage_table_shape_clear (&shape);

      stmt = tissage_merge_prepare_statement (reader->contribution, sql, error);
      if (stmt == NULL)
        return FALSE;
      if (sqlite3_step (stmt) == SQLITE_ROW)
        differences = sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);

      if (differences != 0)
        {
          tissage_contribution_refuse (error, _("This contribution of “%s” changes %s, which only the coordination changes: it is refused and the project is unchanged."),
                                       merge->structure_name, _(tissage_kept_tables[i].what));
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
prepare_reader (TissageMerge *merge,
                Reader       *reader,
                GError      **error)
{
  reader->split = tissage_merge_prepare_statement (reader->project, "SELECT json_quote (value) FROM json_each (?1) ORDER BY key", error);
  reader->merge_base = tissage_merge_prepare_statement (reader->project,
                                                        "SELECT row_modified, data FROM main.merge_bases WHERE contribution_uuid = ?2 AND row_uuid = ?1",
                                                        error);
  reader->contribution_base = tissage_merge_prepare_statement (reader->contribution,
                                                               "SELECT data FROM main.contribution_base WHERE uuid = ?1", error);
  if (reader->split == NULL || reader->merge_base == NULL || reader->contribution_base == NULL)
    return FALSE;
  sqlite3_bind_text (reader->merge_base, 2, merge->contribution_uuid, -1, SQLITE_STATIC);

  for (guint t = 0; t < N_MERGE_TABLES; t++)
    {
      const MergeTable *desc = &tissage_merge_tables[t];
      TableShape *shape = &merge->shapes[t];
      g_autofree char *sql = NULL;

      if (!tissage_table_shape_read (reader->project, desc->table, shape, error))
        return FALSE;

      sql = g_strdup_printf ("SELECT %s, %s, t.modified FROM main.%s AS t WHERE t.uuid = ?1",
                             shape->data_sql, desc->owner_sql != NULL ? desc->owner_sql : "NULL", desc->table);
      reader->project_row[t] = tissage_merge_prepare_statement (reader->project, sql, error);
      if (reader->project_row[t] == NULL)
        return FALSE;

      g_free (sql);
      sql = g_strdup_printf ("SELECT %s FROM main.%s AS t WHERE t.uuid = ?1", desc->label_sql, desc->table);
      reader->label[0][t] = tissage_merge_prepare_statement (reader->project, sql, error);
      reader->label[1][t] = tissage_merge_prepare_statement (reader->contribution, sql, error);
      if (reader->label[0][t] == NULL || reader->label[1][t] == NULL)
        return FALSE;

      if (desc->keys[0] != NULL)
        {
          g_autoptr(GString) where = g_string_new (NULL);

          for (guint k = 0; desc->keys[k] != NULL; k++)
            {
              int f = tissage_table_shape_column (shape, desc->keys[k]);
              const char *parent = g_ptr_array_index (shape->parents, f);

              g_string_append_printf (where, "%s t.\"%s\" = ", k > 0 ? " AND" : "", desc->keys[k]);
              if (*parent != '\0')
                g_string_append_printf (where, "(SELECT id FROM main.%s WHERE uuid = json_extract (?1, '$[%d]'))",
                                        parent, f);
              else
                g_string_append_printf (where, "json_extract (?1, '$[%d]')", f);
            }
          g_free (sql);
          sql = g_strdup_printf ("SELECT t.uuid, %s, %s, t.modified FROM main.%s AS t WHERE %s",
                                 shape->data_sql, desc->owner_sql != NULL ? desc->owner_sql : "NULL",
                                 desc->table, where->str);
          reader->project_key[t] = tissage_merge_prepare_statement (reader->project, sql, error);
          if (reader->project_key[t] == NULL)
            return FALSE;
        }
    }

  return TRUE;
}

TissageMerge *
tissage_merge_prepare (TissageDocument  *project,
                       GFile            *contribution,
                       GError          **error)
{
  g_autoptr(TissageMerge) merge = g_new0 (TissageMerge, 1);
  g_autoptr(TissageDocument) copy = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *name = tissage_contribution_display_name (contribution);
  g_autofree char *project_uuid = NULL;
  g_autofree char *own_uuid = NULL;
  g_autofree char *other_project = NULL;
  Reader reader = { 0, };
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (project), NULL);
  g_return_val_if_fail (G_IS_FILE (contribution), NULL);

  merge->project = g_object_ref (project);
  merge->actions = g_array_new (FALSE, TRUE, sizeof (Action));
  g_array_set_clear_func (merge->actions, action_clear);
  merge->conflicts = g_ptr_array_new_with_free_func (conflict_free);
  merge->places = g_array_new (FALSE, FALSE, sizeof (ConflictPlace));
  merge->added = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  merge->bases = g_array_new (FALSE, TRUE, sizeof (BaseUpdate));
  g_array_set_clear_func (merge->bases, base_update_clear);
  for (guint t = 0; t < N_MERGE_TABLES; t++)
    {
      merge->sections[t].label = _(tissage_merge_tables[t].section);
      merge->sections[t].table = tissage_merge_tables[t].table;
      merge->sections[t].items = g_ptr_array_new_with_free_func (g_free);
    }

  if (tissage_contribution_describe (project, NULL, NULL, NULL))
    {
      tissage_contribution_refuse (error, _("This file is itself a contribution: merge contributions into the project."));
      return NULL;
    }

  copy = tissage_document_open_for_reading (contribution, &local_error);
  if (copy == NULL)
    {
      if (g_error_matches (local_error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_NEWER_VERSION))
        tissage_contribution_refuse (error, _("The contribution “%s” was made with a newer version of Tissage: update Tissage to merge it. The project is unchanged."), name);
      else
        tissage_contribution_refuse (error, _("The contribution “%s” cannot be merged: %s The project is unchanged."), name, local_error->message);
      return NULL;
    }
  if (tissage_document_get_schema_version (copy) > TISSAGE_SCHEMA_VERSION)
    {
      tissage_contribution_refuse (error, _("The contribution “%s” was made with a newer version of Tissage: update Tissage to merge it. The project is unchanged."), name);
      return NULL;
    }
  if (tissage_document_get_repaired (copy))
    {
      tissage_contribution_refuse (error, _("The contribution “%s” is damaged or holds what Tissage did not write: it is refused and the project is unchanged."), name);
      return NULL;
    }

  reader.project = tissage_document_get_db (project);
  reader.contribution = tissage_document_get_db (copy);

  if (sqlite3_prepare_v2 (reader.contribution,
                          "SELECT uuid, project_uuid, structure_uuid, structure_name, created, project_name"
                          " FROM main.contribution ORDER BY id LIMIT 1", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    {
      merge->contribution_uuid = tissage_sql_dup_text (stmt, 0);
      project_uuid = tissage_sql_dup_text (stmt, 1);
      merge->structure_uuid = tissage_sql_dup_text (stmt, 2);
      merge->structure_name = tissage_sql_dup_text (stmt, 3);
      merge->created = tissage_sql_dup_text (stmt, 4);
      other_project = tissage_sql_dup_text (stmt, 5);
    }
  sqlite3_finalize (stmt);

  own_uuid = tissage_contribution_query_text (reader.project, "SELECT uuid FROM main.project ORDER BY id LIMIT 1", NULL);

  /* Not a contribution: another full copy of this project, which two
   * coordinators filled apart, or another project's file. */
  if (merge->contribution_uuid == NULL)
    {
      g_autofree char *copy_uuid = tissage_contribution_query_text (reader.contribution, "SELECT uuid FROM main.project ORDER BY id LIMIT 1", NULL);
      g_autofree char *copy_name = tissage_contribution_query_text (reader.contribution, "SELECT name FROM main.project ORDER BY id LIMIT 1", NULL);
      GFile *own_file = tissage_document_get_file (project);

      if (copy_uuid == NULL || g_strcmp0 (copy_uuid, own_uuid) != 0)
        {
          tissage_contribution_refuse (error, _("“%s” is another project (“%s”), neither a copy of this one nor one of its contributions: it cannot be merged into it. The project is unchanged."),
                                       name, copy_name != NULL ? copy_name : "");
          return NULL;
        }
      if (own_file != NULL && g_file_equal (own_file, contribution))
        {
          tissage_contribution_refuse (error, _("Choose another copy of the project, not the project itself."));
          return NULL;
        }
      merge->full_copy = TRUE;
      /* Its merges are remembered under the project's own UUID: every
       * copy of the project is the same project. */
      merge->contribution_uuid = g_strdup (own_uuid);
      merge->structure_name = g_strdup (copy_name != NULL ? copy_name : "");
      merge->created = tissage_contribution_query_text (reader.contribution,
                                                        "SELECT max (modified) FROM (SELECT modified FROM main.project"
                                                        " UNION ALL SELECT modified FROM main.interviews UNION ALL SELECT modified FROM main.answers"
                                                        " UNION ALL SELECT modified FROM main.deletions)", NULL);
      if (merge->created == NULL)
        merge->created = g_strdup ("");
      project_uuid = g_strdup (own_uuid);
    }

  if (g_strcmp0 (own_uuid, project_uuid) != 0)
    {
      tissage_contribution_refuse (error, _("“%s” is a contribution to another project (“%s”): it cannot be merged into this one. The project is unchanged."),
                                   name, other_project);
      return NULL;
    }

  if (!merge->full_copy)
  {
    g_autofree char *here = tissage_contribution_query_text (reader.project, "SELECT name FROM main.structures WHERE uuid = ?1",
                                                             merge->structure_uuid);

    if (here == NULL)
      {
        tissage_contribution_refuse (error, _("The member structure “%s” of this contribution is no longer in the project: add it back to merge its contribution."),
                                     merge->structure_name);
        return NULL;
      }
    g_free (merge->structure_name);
    merge->structure_name = g_steal_pointer (&here);
  }

  {
    gint64 start = g_get_monotonic_time ();
    /* One read transaction on each side: each lookup would take and drop
     * the file's lock otherwise. */
    gboolean reading = sqlite3_get_autocommit (reader.project) &&
                       sqlite3_exec (reader.project, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;

    sqlite3_exec (reader.contribution, "BEGIN", NULL, NULL, NULL);
    ok = prepare_reader (merge, &reader, error) && (merge->full_copy || check_kept (merge, &reader, error));
    g_debug ("merge: checked what is kept in %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
    if (ok && merge->full_copy)
      {
        merge->divergence = tissage_merge_find_divergence (reader.project, reader.contribution);
        merge->project_deleted = tissage_merge_read_deleted (reader.project);
        merge->copy_deleted = tissage_merge_read_deleted (reader.contribution);
        g_debug ("merge: two copies parted after %s", merge->divergence);
      }
    for (guint t = 0; ok && t < N_MERGE_TABLES; t++)
      {
        if (tissage_merge_tables[t].copies_only && !merge->full_copy)
          continue;
        start = g_get_monotonic_time ();
        ok = tissage_merge_plan_table (merge, &reader, t, seen, error);
        g_debug ("merge: %s planned in %.0f ms", tissage_merge_tables[t].table, (g_get_monotonic_time () - start) / 1000.0);
      }
    start = g_get_monotonic_time ();
    ok = ok && (merge->full_copy ? tissage_merge_plan_copy_deletions (merge, &reader, seen, error)
                                 : tissage_merge_plan_deletions (merge, &reader, seen, error));
    g_debug ("merge: deletions planned in %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
    reader_clear (&reader);
    memset (&reader, 0, sizeof reader);
    reader.project = tissage_document_get_db (project);
    reader.contribution = tissage_document_get_db (copy);
    sqlite3_exec (reader.contribution, "COMMIT", NULL, NULL, NULL);
    if (reading)
      sqlite3_exec (reader.project, "COMMIT", NULL, NULL, NULL);
  }

  reader_clear (&reader);

  if (!ok)
    return NULL;

  return g_steal_pointer (&merge);
}

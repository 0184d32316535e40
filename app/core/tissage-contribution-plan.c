/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-core"

#include "config.h"

#include <glib/gi18n.h>

#include "tissage-contribution-private.h"

/* The plan of a merge, row by row: what the contribution adds, changes
 * and deletes, and where both sides changed the same field. */

/* What names a referred row to a reader, by its table. */
static const char *
display_column (const char *table)
{
  static const char * const pairs[][2] = {
    { "stakeholders", "name" }, { "structures", "name" }, { "categories", "name" },
    { "periods", "label" }, { "indicators", "title" }, { "effects", "title" },
    { "grids", "title" }, { "grid_questions", "text" }, { "grid_sections", "title" },
    { "interviews", "pseudonym" }, { "verbatims", "quote" }, { "answers", "text" },
    { "stakes", "title" }, { "eval_questions", "title" }, { "toc_items", "title" },
    { "actions", "title" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    if (g_str_equal (pairs[i][0], table))
      return pairs[i][1];
  return "uuid";
}

/* Says in the section of @table what the row @uuid added, changed or
 * deleted is, read where it is (the copy for an addition). */
static void
note_item (TissageMerge *merge,
           Reader       *reader,
           guint         table,
           ActionKind    kind,
           const char   *uuid)
{
  TissageMergeSection *section = &merge->sections[table];
  sqlite3_stmt *stmt = reader->label[kind == ACTION_ADD ? 1 : 0][table];
  g_autofree char *label = NULL;

  if (section->items->len >= TISSAGE_MERGE_MAX_ITEMS || stmt == NULL)
    return;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    label = tissage_sql_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  if (label == NULL || *label == '\0')
    {
      g_free (label);
      label = g_strdup (_("(untitled)"));
    }
  /* A long quote or answer, by its beginning. */
  if (g_utf8_strlen (label, -1) > 80)
    {
      char *end = g_utf8_offset_to_pointer (label, 79);
      char *cut = g_strdup_printf ("%.*s…", (int) (end - label), label);

      g_free (label);
      label = cut;
    }
  switch (kind)
    {
    case ACTION_ADD:
      g_ptr_array_add (section->items, g_strdup_printf (_("Added: %s"), label));
      break;
    case ACTION_CHANGE:
      g_ptr_array_add (section->items, g_strdup_printf (_("Changed: %s"), label));
      break;
    case ACTION_DELETE:
      g_ptr_array_add (section->items, g_strdup_printf (_("Deleted: %s"), label));
      break;
    default:
      g_assert_not_reached ();
    }
}

/* The values of a JSON array, each as JSON text. */
static GPtrArray *
split_data (Reader     *reader,
            const char *data)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);

  sqlite3_bind_text (reader->split, 1, data, -1, SQLITE_STATIC);
  while (sqlite3_step (reader->split) == SQLITE_ROW)
    g_ptr_array_add (fields, tissage_sql_dup_text (reader->split, 0));
  sqlite3_reset (reader->split);

  return fields;
}

/* Looks up @stmt bound to @arg; its columns copied out. */
static gboolean
lookup (sqlite3_stmt *stmt,
        const char   *arg,
        char        **first,
        char        **second)
{
  gboolean found;

  sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found && first != NULL)
    *first = sqlite3_column_type (stmt, 0) == SQLITE_NULL ? NULL : tissage_sql_dup_text (stmt, 0);
  if (found && second != NULL)
    *second = sqlite3_column_type (stmt, 1) == SQLITE_NULL ? NULL : tissage_sql_dup_text (stmt, 1);
  sqlite3_reset (stmt);
  return found;
}

/* A project's row by its UUID: its data, owner and stamp. */
static gboolean
lookup_row (sqlite3_stmt *stmt,
            const char   *uuid,
            char        **data,
            char        **owner,
            char        **modified)
{
  gboolean found;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found)
    {
      *data = tissage_sql_dup_text (stmt, 0);
      *owner = sqlite3_column_type (stmt, 1) == SQLITE_NULL ? NULL : tissage_sql_dup_text (stmt, 1);
      *modified = tissage_sql_dup_text (stmt, 2);
    }
  sqlite3_reset (stmt);
  return found;
}

/* A value to read: text as it is, a reference by what it names. */
static char *
display_value (Reader     *reader,
               TableShape *shape,
               guint       field,
               const char *json,
               sqlite3    *db)
{
  const char *parent = g_ptr_array_index (shape->parents, field);
  g_autofree char *value = NULL;
  sqlite3_stmt *stmt = NULL;

  if (json == NULL || g_str_equal (json, "null"))
    return g_strdup (_("(empty)"));

  if (sqlite3_prepare_v2 (db, "SELECT json_extract ('[' || ?1 || ']', '$[0]')", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, json, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        value = tissage_sql_dup_text (stmt, 0);
    }
  sqlite3_finalize (stmt);

  if (value != NULL && *parent != '\0')
    {
      g_autofree char *sql = g_strdup_printf ("SELECT \"%s\" FROM main.%s WHERE uuid = ?1",
                                              display_column (parent), parent);
      char *named = tissage_contribution_query_text (db, sql, value);

      if (named == NULL)
        named = tissage_contribution_query_text (reader->contribution, sql, value);
      if (named != NULL)
        {
          g_free (value);
          value = named;
        }
    }

  return value != NULL ? g_steal_pointer (&value) : g_strdup (json);
}

static char *
field_label (const MergeTable *table,
             const char       *column)
{
  GObjectClass *klass = g_type_class_ref (table->get_type ());
  GParamSpec *pspec = g_object_class_find_property (klass, column);
  char *label;

  label = g_strdup (pspec != NULL ? _(g_param_spec_get_nick (pspec)) : column);
  g_type_class_unref (klass);
  return label;
}

static char *
row_label (TissageMerge *merge,
           guint         table,
           const char   *uuid,
           sqlite3      *db)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM main.%s AS t WHERE t.uuid = ?1",
                                          tissage_merge_tables[table].label_sql, tissage_merge_tables[table].table);
  char *label = tissage_contribution_query_text (db, sql, uuid);

  (void) merge;
  return label != NULL ? label : g_strdup (uuid);
}

static guint
add_conflict (TissageMerge *merge,
              guint         action_index,
              int           field,
              char         *row,
              char         *field_name,
              char         *project_value,
              char         *contribution_value)
{
  Action *action = &g_array_index (merge->actions, Action, action_index);
  TissageMergeConflict *conflict = g_new0 (TissageMergeConflict, 1);
  ConflictPlace place = { action_index, field };
  guint index = merge->conflicts->len;

  conflict->section = _(tissage_merge_tables[action->table].section);
  conflict->row = row;
  conflict->field = field_name;
  conflict->project_value = project_value;
  conflict->contribution_value = contribution_value;
  g_ptr_array_add (merge->conflicts, conflict);
  g_array_append_val (merge->places, place);
  if (action->conflicts == NULL)
    action->conflicts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_val (action->conflicts, index);
  merge->sections[action->table].conflicts++;

  return index;
}

static guint
push_action (TissageMerge *merge,
             ActionKind    kind,
             guint         table,
             const char   *uuid,
             const char   *modified)
{
  Action action = { 0, };

  action.kind = kind;
  action.table = table;
  action.uuid = g_strdup (uuid);
  action.modified = g_strdup (modified);
  g_array_append_val (merge->actions, action);
  return merge->actions->len - 1;
}

static void
push_base (TissageMerge *merge,
           const char   *key,
           const char   *modified,
           const char   *data)
{
  BaseUpdate update = { g_strdup (key), g_strdup (modified), g_strdup (data) };

  g_array_append_val (merge->bases, update);
}

/* The structure's own rows are the only ones it may bring: checked on the
 * project's side, where a UUID may name another structure's row. */
static gboolean
check_owner (TissageMerge *merge,
             Reader       *reader,
             guint         table,
             const char   *project_owner,
             GError      **error)
{
  (void) reader;

  if (tissage_merge_tables[table].owner_sql == NULL || project_owner == NULL ||
      g_str_equal (project_owner, merge->structure_uuid))
    return TRUE;

  {
    g_autofree char *what = g_utf8_strdown (_(tissage_merge_tables[table].section), -1);

    tissage_contribution_refuse (error, _("This contribution of “%s” changes %s of another structure: it is refused and the project is unchanged."),
                                 merge->structure_name, what);
  }
  return FALSE;
}

static gboolean
owner_of (Reader      *reader,
          sqlite3     *db,
          const char  *table,
          const char  *uuid,
          char       **owner)
{
  guint t;

  for (t = 0; t < N_MERGE_TABLES; t++)
    if (g_str_equal (tissage_merge_tables[t].table, table))
      break;
  g_return_val_if_fail (t < N_MERGE_TABLES, FALSE);
  (void) db;

  return lookup (reader->project_row[t], uuid, NULL, owner);
}

/* The rows of one table of the contribution against the project's. */
gboolean
tissage_merge_plan_table (TissageMerge *merge,
                          Reader       *reader,
                          guint         table,
                          GHashTable   *seen,
                          GError      **error)
{
  const MergeTable *desc = &tissage_merge_tables[table];
  TableShape *shape = &merge->shapes[table];
  g_autofree char *sql = NULL;
  int parent_field = desc->parent != NULL ? tissage_table_shape_column (shape, desc->parent) : -1;
  const char *parent_table = parent_field >= 0 ? g_ptr_array_index (shape->parents, parent_field) : NULL;
  g_autoptr(GHashTable) parents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;

  /* The row it belongs to, read with it; a row of its own without a
   * structure (made in the copy) is the structure's. */
  {
    g_autofree char *data_sql = g_strdup (shape->data_sql);
    g_autofree char *parent_sql = NULL;

    if (parent_table != NULL)
      {
        g_autofree char *reference = g_strdup_printf ("(SELECT p.uuid FROM main.%s p WHERE p.id = t.\"%s\")",
                                                      parent_table, desc->parent);

        if (g_str_equal (desc->parent, "structure_id"))
          {
            g_auto(GStrv) parts = g_strsplit (data_sql, reference, 2);
            g_autofree char *with_default = g_strdup_printf ("ifnull (%s, ?1)", reference);

            g_free (data_sql);
            data_sql = g_strjoinv (with_default, parts);
            parent_sql = g_steal_pointer (&with_default);
          }
        else
          parent_sql = g_steal_pointer (&reference);
      }
    sql = g_strdup_printf ("SELECT t.uuid, t.modified, %s, %s FROM main.%s AS t ORDER BY t.id",
                           data_sql, parent_sql != NULL ? parent_sql : "NULL", desc->table);
  }
  stmt = tissage_merge_prepare_statement (reader->contribution, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, merge->structure_uuid, -1, SQLITE_STATIC);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *uuid = tissage_sql_dup_text (stmt, 0);
      g_autofree char *modified = tissage_sql_dup_text (stmt, 1);
      g_autofree char *data = tissage_sql_dup_text (stmt, 2);
      const char *parent_uuid = (const char *) sqlite3_column_text (stmt, 3);
      g_autofree char *key = g_strdup_printf ("%s/%s", desc->table, uuid);
      g_autofree char *base = NULL;
      g_autofree char *base_modified = NULL;
      g_autofree char *project_data = NULL;
      g_autofree char *project_owner = NULL;
      g_autofree char *project_uuid = NULL;
      g_autofree char *project_modified = NULL;
      g_autofree char *parent_key = NULL;
      gboolean from_merge, found;

      g_hash_table_add (seen, g_strdup (key));

      /* Owned rows: the structure's own, or under a row of its own. A
       * full copy brings every structure's. */
      if (merge->full_copy)
        ;
      else if (parent_table != NULL && g_str_equal (desc->parent, "structure_id"))
        {
          if (g_strcmp0 (parent_uuid, merge->structure_uuid) != 0)
            {
              g_autofree char *what = g_utf8_strdown (_(desc->section), -1);

              tissage_contribution_refuse (error, _("This contribution of “%s” holds %s of another structure: it is refused and the project is unchanged."),
                                           merge->structure_name, what);
              sqlite3_finalize (stmt);
              return FALSE;
            }
        }
      else if (parent_table != NULL && parent_uuid != NULL && !g_hash_table_contains (parents, parent_uuid))
        {
          g_autofree char *parent_owner = NULL;

          if (owner_of (reader, reader->project, parent_table, parent_uuid, &parent_owner) &&
              !check_owner (merge, reader, table, parent_owner, error))
            {
              sqlite3_finalize (stmt);
              return FALSE;
            }
          g_hash_table_add (parents, g_strdup (parent_uuid));
        }

      from_merge = lookup (reader->merge_base, key, &base_modified, &base);
      if (!from_merge && !merge->full_copy)
        lookup (reader->contribution_base, key, &base, NULL);

      found = lookup_row (reader->project_row[table], uuid, &project_data, &project_owner, &project_modified);
      if (found)
        project_uuid = g_strdup (uuid);
      /* Under a row this merge adds, nothing of the project has the same
       * keys: the answers of a new interview are new. */
      else if (reader->project_key[table] != NULL &&
               !(parent_uuid != NULL && parent_table != NULL &&
                 g_hash_table_contains (merge->added, (parent_key = g_strdup_printf ("%s/%s", parent_table, parent_uuid)))))
        {
          sqlite3_stmt *by_key = reader->project_key[table];

          sqlite3_bind_text (by_key, 1, data, -1, SQLITE_STATIC);
          if (sqlite3_step (by_key) == SQLITE_ROW)
            {
              found = TRUE;
              project_uuid = tissage_sql_dup_text (by_key, 0);
              project_data = tissage_sql_dup_text (by_key, 1);
              project_owner = sqlite3_column_type (by_key, 2) == SQLITE_NULL ? NULL : tissage_sql_dup_text (by_key, 2);
              project_modified = tissage_sql_dup_text (by_key, 3);
            }
          sqlite3_reset (by_key);
        }

      if (found && !merge->full_copy && !check_owner (merge, reader, table, project_owner, error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }

      /* Two full copies have no base written down: the stamps tell which
       * side changed a row since they parted (see ARCHITECTURE.md). */
      if (merge->full_copy && !from_merge)
        {
          gboolean theirs = tissage_merge_changed_since (merge, modified);

          if (found)
            {
              gboolean mine = tissage_merge_changed_since (merge, project_modified);

              if (theirs && !mine)
                base = g_strdup (project_data);
              else if (mine && !theirs)
                base = g_strdup (data);
              else if (!mine && !theirs)
                base = g_strdup (g_strcmp0 (modified, project_modified) > 0 ? project_data : data);
            }
          else if (desc->copies_only ? !theirs : g_hash_table_contains (merge->project_deleted, uuid))
            /* The project deleted it: gone, unless the copy changed it
             * since, which is a conflict. */
            base = g_strdup (theirs ? "[]" : data);
        }

      /* A row whose deletion a later round brought stays deleted; an
       * older round of a contribution already merged brings nothing. */
      if (from_merge && g_strcmp0 (base, DELETED) == 0)
        continue;
      /* An older round of a contribution already merged brings nothing. */
      if (from_merge && base != NULL && g_strcmp0 (base, data) != 0 &&
          base_modified != NULL && g_strcmp0 (modified, base_modified) <= 0)
        continue;

      if (g_strcmp0 (base, data) != 0)
        push_base (merge, key, modified, data);

      if (!found)
        {
          /* Known before and gone: the project deleted it. A row the
           * project never knew is added, whatever a deletion recorded
           * (undoing a merge deletes what it had added). */
          if (base != NULL)
            {
              /* The project deleted it: it comes back only if the
               * contribution changed it since, and someone says so. */
              if (base != NULL && g_strcmp0 (base, data) != 0)
                {
                  guint a = push_action (merge, ACTION_ADD, table, uuid, modified);

                  g_array_index (merge->actions, Action, a).data = g_strdup (data);
                  add_conflict (merge, a, -1, row_label (merge, table, uuid, reader->contribution),
                                g_strdup (merge->full_copy ? _("deleted in the project, changed in the other copy")
                                                           : _("deleted in the project, changed in the contribution")),
                                g_strdup (_("deleted")), g_strdup (_("brought back, with its changes")));
                }
              continue;
            }

          {
            guint a = push_action (merge, ACTION_ADD, table, uuid, modified);

            g_array_index (merge->actions, Action, a).data = g_strdup (data);
            merge->sections[table].added++;
            g_hash_table_add (merge->added, g_strdup (key));
            note_item (merge, reader, table, ACTION_ADD, uuid);
          }
          continue;
        }

      if (g_strcmp0 (project_data, data) == 0)
        continue;

      {
        g_autoptr(GPtrArray) mine = split_data (reader, project_data);
        g_autoptr(GPtrArray) theirs = split_data (reader, data);
        g_autoptr(GPtrArray) before = base != NULL ? split_data (reader, base) : NULL;
        g_autoptr(GArray) states = g_array_new (FALSE, TRUE, sizeof (FieldState));
        gboolean takes = FALSE, conflicts = FALSE;
        Action *action;
        guint a;

        if (mine->len != theirs->len || (before != NULL && before->len != theirs->len))
          {
            tissage_contribution_refuse (error, _("The contribution could not be read: %s"), desc->table);
            sqlite3_finalize (stmt);
            return FALSE;
          }

        for (guint f = 0; f < theirs->len; f++)
          {
            const char *p = g_ptr_array_index (mine, f);
            const char *c = g_ptr_array_index (theirs, f);
            const char *b = before != NULL ? g_ptr_array_index (before, f) : NULL;
            FieldState state;

            if (g_str_equal (p, c))
              state = FIELD_SAME;
            else if (b != NULL && g_str_equal (c, b))
              state = FIELD_KEEP;
            else if (b != NULL && g_str_equal (p, b))
              state = FIELD_TAKE;
            else
              state = FIELD_CONFLICT;

            takes |= state == FIELD_TAKE;
            conflicts |= state == FIELD_CONFLICT;
            g_array_append_val (states, state);
          }

        if (!takes && !conflicts)
          continue;

        a = push_action (merge, ACTION_CHANGE, table, project_uuid, modified);
        action = &g_array_index (merge->actions, Action, a);
        action->project = g_steal_pointer (&mine);
        action->contribution = g_steal_pointer (&theirs);
        action->states = g_steal_pointer (&states);
        merge->sections[table].changed++;
        note_item (merge, reader, table, ACTION_CHANGE, project_uuid);

        if (conflicts)
          {
            g_autofree char *label = row_label (merge, table, project_uuid, reader->project);

            for (guint f = 0; f < action->states->len; f++)
              if (g_array_index (action->states, FieldState, f) == FIELD_CONFLICT)
                {
                  /* add_conflict may move the actions: read them again. */
                  Action *now = &g_array_index (merge->actions, Action, a);

                  add_conflict (merge, a, (int) f, g_strdup (label),
                                field_label (desc, g_ptr_array_index (shape->columns, f)),
                                display_value (reader, shape, f, g_ptr_array_index (now->project, f), reader->project),
                                display_value (reader, shape, f, g_ptr_array_index (now->contribution, f), reader->contribution));
                }
          }
      }
    }

  sqlite3_finalize (stmt);
  return TRUE;
}

/* What the contribution deleted: its recorded deletions, and its base rows
 * it no longer holds. */
gboolean
tissage_merge_plan_deletions (TissageMerge *merge,
                              Reader       *reader,
                              GHashTable   *seen,
                              GError      **error)
{
  g_autoptr(GHashTable) done = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = tissage_merge_prepare_statement (reader->contribution,
                                                        "SELECT tbl, uuid FROM main.deletions"
                                                        " UNION ALL SELECT tbl, substr (uuid, length (tbl) + 2) FROM main.contribution_base",
                                                        error);

  if (stmt == NULL)
    return FALSE;

  for (int t = N_MERGE_TABLES - 1; t >= 0; t--)
    {
      if (tissage_merge_tables[t].copies_only)
        continue;
      sqlite3_reset (stmt);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *tbl = (const char *) sqlite3_column_text (stmt, 0);
          g_autofree char *uuid = NULL;
          g_autofree char *key = NULL;
          g_autofree char *project_data = NULL;
          g_autofree char *project_owner = NULL;
          g_autofree char *base = NULL;

          if (tbl == NULL || !g_str_equal (tbl, tissage_merge_tables[t].table))
            continue;
          uuid = tissage_sql_dup_text (stmt, 1);
          key = g_strdup_printf ("%s/%s", tbl, uuid);
          if (g_hash_table_contains (seen, key) || !g_hash_table_add (done, g_strdup (key)))
            continue;

          if (!lookup (reader->project_row[t], uuid, &project_data, &project_owner))
            continue;
          if (!check_owner (merge, reader, (guint) t, project_owner, error))
            {
              sqlite3_finalize (stmt);
              return FALSE;
            }

          if (!lookup (reader->merge_base, key, NULL, &base))
            lookup (reader->contribution_base, key, &base, NULL);
          /* A deletion already merged, or refused, is not brought again. */
          else if (g_strcmp0 (base, DELETED) == 0)
            continue;

          push_base (merge, key, "", DELETED);
          {
            guint a = push_action (merge, ACTION_DELETE, (guint) t, uuid, NULL);

            merge->sections[t].deleted++;
            note_item (merge, reader, (guint) t, ACTION_DELETE, uuid);
            if (base == NULL || g_strcmp0 (base, project_data) != 0)
              add_conflict (merge, a, -1, row_label (merge, (guint) t, uuid, reader->project),
                            g_strdup (_("deleted in the contribution, changed in the project")),
                            g_strdup (_("kept, with its changes")), g_strdup (_("deleted")));
          }
        }
    }

  sqlite3_finalize (stmt);
  return TRUE;
}

/* What another full copy deleted: a row of the project it does not hold,
 * that it recorded as deleted, or, in the coordination's tables, which
 * record no deletion, that the project has not changed since they
 * parted (else the project added or changed it, and it stays). */
gboolean
tissage_merge_plan_copy_deletions (TissageMerge *merge,
                                   Reader       *reader,
                                   GHashTable   *seen,
                                   GError      **error)
{
  for (int t = N_MERGE_TABLES - 1; t >= 0; t--)
    {
      const MergeTable *desc = &tissage_merge_tables[t];
      g_autofree char *sql = g_strdup_printf ("SELECT t.uuid, t.modified, %s FROM main.%s AS t ORDER BY t.id",
                                              merge->shapes[t].data_sql, desc->table);
      sqlite3_stmt *stmt = tissage_merge_prepare_statement (reader->project, sql, error);

      if (stmt == NULL)
        return FALSE;
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *uuid = (const char *) sqlite3_column_text (stmt, 0);
          const char *modified = (const char *) sqlite3_column_text (stmt, 1);
          const char *data = (const char *) sqlite3_column_text (stmt, 2);
          g_autofree char *key = g_strdup_printf ("%s/%s", desc->table, uuid);
          g_autofree char *base = NULL;
          gboolean mine = tissage_merge_changed_since (merge, modified);
          gboolean deleted;

          if (g_hash_table_contains (seen, key))
            continue;
          deleted = desc->copies_only ? !mine : g_hash_table_contains (merge->copy_deleted, uuid);
          if (!deleted)
            continue;
          /* A deletion already merged, or refused, is not brought again. */
          if (lookup (reader->merge_base, key, NULL, &base) && g_strcmp0 (base, DELETED) == 0)
            continue;

          push_base (merge, key, "", DELETED);
          {
            guint a = push_action (merge, ACTION_DELETE, (guint) t, uuid, NULL);

            merge->sections[t].deleted++;
            note_item (merge, reader, (guint) t, ACTION_DELETE, uuid);
            if (mine && (base == NULL || g_strcmp0 (base, data) != 0))
              add_conflict (merge, a, -1, row_label (merge, (guint) t, uuid, reader->project),
                            g_strdup (_("deleted in the other copy, changed in the project")),
                            g_strdup (_("kept, with its changes")), g_strdup (_("deleted")));
          }
        }
      sqlite3_finalize (stmt);
    }

  return TRUE;
}

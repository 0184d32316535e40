/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-core"

#include "config.h"

#include <string.h>


#include "tissage-document-private.h"
#include "tissage-utils.h"

#define UNDO_LIMIT      500
#define MERGE_SECONDS   3

/* Undo log: temporary triggers write, for every change to a row, the SQL
 * that reverses it. An undo step replays its range backwards, which logs
 * the SQL of the redo step in turn. Cascades are logged by the same
 * triggers, so deleting a stakeholder and undoing it restores its links. */
gboolean
tissage_document_install_undo_log (TissageDocument  *self,
                                   GError          **error)
{
  const char * const *tables = tissage_schema_get_tables ();
  g_autoptr(GString) script = g_string_new (
    "CREATE TEMP TABLE undolog (seq INTEGER PRIMARY KEY, tbl TEXT NOT NULL, rid INTEGER NOT NULL, sql TEXT NOT NULL);"
    "CREATE TEMP TABLE search_dirty (interview_id INTEGER PRIMARY KEY);"
    "CREATE TEMP TRIGGER search_answer_insert AFTER INSERT ON main.answers BEGIN "
    "INSERT OR IGNORE INTO search_dirty VALUES (new.interview_id); END;"
    "CREATE TEMP TRIGGER search_answer_update AFTER UPDATE OF text, interview_id ON main.answers BEGIN "
    "INSERT OR IGNORE INTO search_dirty VALUES (old.interview_id); "
    "INSERT OR IGNORE INTO search_dirty VALUES (new.interview_id); END;"
    "CREATE TEMP TRIGGER search_answer_delete AFTER DELETE ON main.answers BEGIN "
    "INSERT OR IGNORE INTO search_dirty VALUES (old.interview_id); END;");

  for (guint t = 0; tables[t] != NULL; t++)
    {
      g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *info_sql = g_strdup_printf ("SELECT name FROM pragma_table_info('%s') WHERE name <> 'id'", tables[t]);
      g_autoptr(GString) update = g_string_new (NULL);
      g_autoptr(GString) insert_cols = g_string_new ("id");
      g_autoptr(GString) insert_vals = g_string_new ("old.id");
      sqlite3_stmt *stmt = NULL;
      const char *table = tables[t];

      /* Kept by the schema's own triggers (tissage-schema.c, version 6). */
      if (g_str_equal (tables[t], "deletions"))
        continue;
      /* A copy sent stays sent (tissage-schema.c, version 7). */
      if (g_str_equal (tables[t], "contribution_exports"))
        continue;

      if (sqlite3_prepare_v2 (self->db, info_sql, -1, &stmt, NULL) != SQLITE_OK)
        {
          tissage_db_set_error (error, self->db, sqlite3_extended_errcode (self->db));
          return FALSE;
        }
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (columns, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      sqlite3_finalize (stmt);

      for (guint c = 0; c < columns->len; c++)
        {
          const char *col = g_ptr_array_index (columns, c);

          g_string_append_printf (update, "%s\"%s\"='||quote(old.\"%s\")||'",
                                  c > 0 ? "," : "", col, col);
          g_string_append_printf (insert_cols, ",\"%s\"", col);
          g_string_append_printf (insert_vals, "||','||quote(old.\"%s\")", col);
        }

      g_string_append_printf (script,
        "CREATE TEMP TRIGGER undo_%s_insert AFTER INSERT ON main.%s BEGIN "
        "INSERT INTO undolog (tbl, rid, sql) VALUES ('%s', new.id, 'DELETE FROM main.%s WHERE id='||new.id); END;",
        table, table, table, table);
      g_string_append_printf (script,
        "CREATE TEMP TRIGGER undo_%s_update AFTER UPDATE ON main.%s BEGIN "
        "INSERT INTO undolog (tbl, rid, sql) VALUES ('%s', old.id, 'UPDATE main.%s SET %s WHERE id='||old.id); END;",
        table, table, table, table, update->str);
      g_string_append_printf (script,
        "CREATE TEMP TRIGGER undo_%s_delete BEFORE DELETE ON main.%s BEGIN "
        "INSERT INTO undolog (tbl, rid, sql) VALUES ('%s', old.id, 'INSERT INTO main.%s (%s) VALUES ('||%s||')'); END;",
        table, table, table, table, insert_cols->str, insert_vals->str);
    }

  return tissage_db_exec (self->db, script->str, error);
}

void
tissage_document_set_merge_key (TissageDocument *self,
                                const char      *merge_key)
{
  g_return_if_fail (TISSAGE_IS_DOCUMENT (self));
  g_return_if_fail (self->depth > 0);

  tissage_set_str (&self->group_merge_key, merge_key);
}

static gint64
undolog_max (TissageDocument *self)
{
  gint64 max = 0;

  tissage_db_query_int64 (self->db, "SELECT ifnull (max (seq), 0) FROM temp.undolog", &max, NULL);
  return max;
}

static void
drop_groups (TissageDocument *self,
             GArray          *stack,
             guint            n)
{
  sqlite3_stmt *stmt = NULL;

  if (n == 0)
    return;

  if (sqlite3_prepare_v2 (self->db, "DELETE FROM temp.undolog WHERE seq BETWEEN ? AND ?",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      for (guint i = 0; i < n; i++)
        {
          UndoGroup *group = &g_array_index (stack, UndoGroup, i);

          sqlite3_bind_int64 (stmt, 1, group->first);
          sqlite3_bind_int64 (stmt, 2, group->last);
          sqlite3_step (stmt);
          sqlite3_reset (stmt);
        }
      sqlite3_finalize (stmt);
    }

  g_array_remove_range (stack, 0, n);
}

void
tissage_document_clear_history (TissageDocument *self)
{
  g_return_if_fail (TISSAGE_IS_DOCUMENT (self));

  drop_groups (self, self->undo, self->undo->len);
  drop_groups (self, self->redo, self->redo->len);
  tissage_db_exec (self->db, "DELETE FROM temp.undolog", NULL);
  tissage_document_notify_history (self);
}

gboolean
tissage_document_begin (TissageDocument  *self,
                        const char       *label,
                        GError          **error)
{
  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), FALSE);

  if (!tissage_document_check_writable (self, error))
    return FALSE;

  if (self->depth++ > 0)
    return TRUE;

  if (!tissage_db_exec (self->db, "BEGIN IMMEDIATE", error))
    {
      self->depth = 0;
      return FALSE;
    }

  self->group_first = undolog_max (self) + 1;
  tissage_set_str (&self->group_label, label);
  g_clear_pointer (&self->group_merge_key, g_free);

  return TRUE;
}

gboolean
tissage_document_commit (TissageDocument  *self,
                         GError          **error)
{
  UndoGroup group = { 0, };
  gint64 now;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (--self->depth > 0)
    return TRUE;

  group.first = self->group_first;
  group.last = undolog_max (self);

  if (!tissage_document_update_search_index (self, error) ||
      !tissage_db_exec (self->db, "COMMIT", error))
    {
      self->depth = 1;
      tissage_document_rollback (self);
      return FALSE;
    }

  if (group.last < group.first)
    return TRUE;

  now = g_get_monotonic_time ();

  /* Typing in a field saves every keystroke; undo takes back the whole word. */
  if (self->group_merge_key != NULL && self->undo->len > 0 && self->redo->len == 0)
    {
      UndoGroup *top = &g_array_index (self->undo, UndoGroup, self->undo->len - 1);

      if (g_strcmp0 (top->merge_key, self->group_merge_key) == 0 &&
          now - top->time < MERGE_SECONDS * G_USEC_PER_SEC)
        {
          top->last = group.last;
          top->time = now;
          tissage_document_sync_range (self, group.first, group.last);
          return TRUE;
        }
    }

  group.label = g_strdup (self->group_label);
  group.merge_key = g_strdup (self->group_merge_key);
  group.time = now;
  group.serial = ++self->next_serial;
  g_array_append_val (self->undo, group);

  drop_groups (self, self->redo, self->redo->len);
  if (self->undo->len > UNDO_LIMIT)
    drop_groups (self, self->undo, self->undo->len - UNDO_LIMIT);

  tissage_document_sync_range (self, group.first, group.last);
  tissage_document_notify_history (self);

  return TRUE;
}

void
tissage_document_rollback (TissageDocument *self)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;

  g_return_if_fail (TISSAGE_IS_DOCUMENT (self));

  if (self->depth == 0)
    return;
  self->depth = 0;

  /* Rows already synced inside the transaction go back to the file's state. */
  if (sqlite3_prepare_v2 (self->db, "SELECT tbl, rid FROM temp.undolog WHERE seq >= ?",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, self->group_first);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 1);

          g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
          g_array_append_val (ids, id);
        }
      sqlite3_finalize (stmt);
    }

  tissage_db_exec (self->db, "ROLLBACK", NULL);

  tissage_document_sync_rows (self, tables, ids);
}

gboolean
tissage_document_can_undo (TissageDocument *self)
{
  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), FALSE);

  return self->undo->len > 0;
}

gboolean
tissage_document_can_redo (TissageDocument *self)
{
  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), FALSE);

  return self->redo->len > 0;
}

const char *
tissage_document_get_undo_label (TissageDocument *self)
{
  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), NULL);

  if (self->undo->len == 0)
    return NULL;
  return g_array_index (self->undo, UndoGroup, self->undo->len - 1).label;
}

/**
 * tissage_document_get_undo_serial:
 *
 * Returns: a number naming the step undo would take back (0 if none), the
 *   same for that step however often it is undone and redone.
 */
guint64
tissage_document_get_undo_serial (TissageDocument *self)
{
  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), 0);

  if (self->undo->len == 0)
    return 0;
  return g_array_index (self->undo, UndoGroup, self->undo->len - 1).serial;
}

const char *
tissage_document_get_redo_label (TissageDocument *self)
{
  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), NULL);

  if (self->redo->len == 0)
    return NULL;
  return g_array_index (self->redo, UndoGroup, self->redo->len - 1).label;
}

/* Replays the top group of from backwards and pushes the result onto to. */
/* Undoing an insert deletes a row by its id: with many rows (an import),
 * one compiled statement a table does it far faster than compiling each. */
static gboolean
replay_statement (TissageDocument  *self,
                  const char       *sql,
                  GError          **error)
{
  static const char prefix[] = "DELETE FROM main.";
  const char *table = sql + strlen (prefix);
  const char *where = g_str_has_prefix (sql, prefix) ? strstr (table, " WHERE id=") : NULL;
  g_autofree char *name = NULL;
  g_autofree char *cached = NULL;
  sqlite3_stmt *stmt;
  char *end = NULL;
  gint64 id;
  int rc;

  if (where == NULL)
    return tissage_db_exec (self->db, sql, error);

  id = g_ascii_strtoll (where + strlen (" WHERE id="), &end, 10);
  if (end == NULL || *end != '\0')
    return tissage_db_exec (self->db, sql, error);

  name = g_strndup (table, where - table);
  cached = g_strdup_printf ("DELETE FROM main.%s WHERE id = ?", name);
  stmt = tissage_document_cached_statement (self, cached, &rc);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
    }

  if (rc != SQLITE_DONE)
    {
      tissage_db_set_error (error, self->db, sqlite3_extended_errcode (self->db));
      return FALSE;
    }

  return TRUE;
}

static gboolean
replay (TissageDocument  *self,
        GArray           *from,
        GArray           *to,
        GError          **error)
{
  UndoGroup *top;
  UndoGroup group = { 0, };
  g_autoptr(GPtrArray) statements = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  if (!tissage_document_check_writable (self, error))
    return FALSE;
  g_return_val_if_fail (self->depth == 0, FALSE);

  if (from->len == 0)
    return TRUE;

  top = &g_array_index (from, UndoGroup, from->len - 1);

  if (!tissage_db_exec (self->db, "BEGIN IMMEDIATE; PRAGMA defer_foreign_keys = ON;", error))
    return FALSE;

  group.first = undolog_max (self) + 1;

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT sql FROM temp.undolog WHERE seq BETWEEN ? AND ? ORDER BY seq DESC",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      tissage_db_set_error (error, self->db, sqlite3_extended_errcode (self->db));
      tissage_db_exec (self->db, "ROLLBACK", NULL);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, top->first);
  sqlite3_bind_int64 (stmt, 2, top->last);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (statements, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint i = 0; i < statements->len; i++)
    {
      if (!replay_statement (self, g_ptr_array_index (statements, i), error))
        {
          tissage_db_exec (self->db, "ROLLBACK", NULL);
          return FALSE;
        }
    }

  group.last = undolog_max (self);

  if (!tissage_document_update_search_index (self, error))
    {
      tissage_db_exec (self->db, "ROLLBACK", NULL);
      return FALSE;
    }

  {
    g_autofree char *drop = g_strdup_printf ("DELETE FROM temp.undolog WHERE seq BETWEEN %" G_GINT64_FORMAT
                                             " AND %" G_GINT64_FORMAT, top->first, top->last);
    if (!tissage_db_exec (self->db, drop, error) || !tissage_db_exec (self->db, "COMMIT", error))
      {
        tissage_db_exec (self->db, "ROLLBACK", NULL);
        return FALSE;
      }
  }

  group.label = g_steal_pointer (&top->label);
  group.time = g_get_monotonic_time ();
  group.serial = top->serial;
  g_array_remove_index (from, from->len - 1);
  g_array_append_val (to, group);

  tissage_document_sync_range (self, group.first, group.last);
  tissage_document_notify_history (self);

  return TRUE;
}

gboolean
tissage_document_undo (TissageDocument  *self,
                       GError          **error)
{
  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), FALSE);

  return replay (self, self->undo, self->redo, error);
}

gboolean
tissage_document_redo (TissageDocument  *self,
                       GError          **error)
{
  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), FALSE);

  return replay (self, self->redo, self->undo, error);
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-core"

#include "config.h"

#include <glib/gi18n.h>

#include "tissage-document-private.h"
#include "tissage-record-private.h"

/* Models */

/* A table left to be read when first needed is read now. Its statement
 * was prepared on opening, so only a damaged file fails here, which the
 * integrity check reports. */
static LoadedTable *
ensure_loaded (TissageDocument *self,
               LoadedTable     *lt)
{
  g_autoptr(GError) error = NULL;

  if (!lt->deferred)
    return lt;

  lt->deferred = FALSE;
  if (!tissage_document_load_table (self, lt, &error))
    g_debug ("Reading the table %s: %s", lt->table, error->message);
  return lt;
}

LoadedTable *
tissage_document_loaded_for_table (TissageDocument *self,
                                   const char      *table)
{
  for (guint i = 0; i < N_LOADED; i++)
    if (g_str_equal (self->loaded[i].table, table))
      return ensure_loaded (self, &self->loaded[i]);

  return NULL;
}

LoadedTable *
tissage_document_loaded_for_type (TissageDocument *self,
                                  GType            type)
{
  for (guint i = 0; i < N_LOADED; i++)
    if (self->loaded[i].type == type)
      return ensure_loaded (self, &self->loaded[i]);

  return NULL;
}

gboolean
tissage_document_defer_table (TissageDocument  *self,
                              LoadedTable      *lt,
                              GError          **error)
{
  g_autofree char *sql = g_strdup_printf ("%s ORDER BY id", lt->select_sql);
  sqlite3_stmt *stmt = NULL;

  /* A table or column missing fails now, as when reading it. */
  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_CORRUPT,
                           _("The project file is incomplete: a part of its content is missing."));
      return FALSE;
    }
  sqlite3_finalize (stmt);

  g_hash_table_remove_all (lt->by_id);
  g_list_store_remove_all (lt->store);
  lt->deferred = TRUE;
  return TRUE;
}

void
tissage_loaded_table_init (LoadedTable *lt,
                           GType        type)
{
  TissageRecordClass *klass = g_type_class_ref (type);
  g_autoptr(GString) sql = g_string_new ("SELECT id, uuid, modified");

  for (guint i = 0; i < klass->n_columns; i++)
    g_string_append_printf (sql, ", %s", klass->column_names[i]);
  g_string_append_printf (sql, " FROM %s", klass->table);

  lt->type = type;
  lt->table = klass->table;
  lt->select_sql = g_string_free (g_steal_pointer (&sql), FALSE);
  lt->store = g_list_store_new (type);
  lt->by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);

  g_type_class_unref (klass);
}

void
tissage_loaded_table_clear (LoadedTable *lt)
{
  g_clear_pointer (&lt->select_sql, g_free);
  g_clear_object (&lt->store);
  g_clear_pointer (&lt->by_id, g_hash_table_unref);
}

/* Applies the current row of stmt (id, uuid, modified, columns…) to record. */
static void
apply_row (TissageRecord *record,
           sqlite3_stmt  *stmt,
           gboolean       notify)
{
  TissageRecordClass *klass = TISSAGE_RECORD_GET_CLASS (record);

  if (notify)
    g_object_freeze_notify (G_OBJECT (record));

  {
    g_autofree char *uuid = tissage_sql_dup_text (stmt, 1);
    g_autofree char *modified = tissage_sql_dup_text (stmt, 2);

    tissage_record_set_identity (record, sqlite3_column_int64 (stmt, 0), uuid, modified);
  }

  for (guint i = 0; i < klass->n_columns; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      tissage_sql_column_to_value (stmt, i + 3, klass->columns[i], &value);
      tissage_record_store_column (record, i, &value);
    }

  if (notify)
    g_object_thaw_notify (G_OBJECT (record));
}

static guint
store_position_for_id (GListStore *store,
                       gint64      id,
                       gboolean   *found)
{
  guint lo = 0, hi = g_list_model_get_n_items (G_LIST_MODEL (store));

  /* Items are kept in id order, so a restored row returns to its place. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      g_autoptr(TissageRecord) item = g_list_model_get_item (G_LIST_MODEL (store), mid);
      gint64 item_id = tissage_record_get_id (item);

      if (item_id == id)
        {
          *found = TRUE;
          return mid;
        }
      if (item_id < id)
        lo = mid + 1;
      else
        hi = mid;
    }

  *found = FALSE;
  return lo;
}

static void
index_record (LoadedTable   *lt,
              TissageRecord *record)
{
  gint64 *key = g_new (gint64, 1);

  *key = tissage_record_get_id (record);
  g_hash_table_replace (lt->by_id, key, g_object_ref (record));
}

gboolean
tissage_document_load_table (TissageDocument  *self,
                             LoadedTable      *lt,
                             GError          **error)
{
  g_autofree char *sql = g_strdup_printf ("%s ORDER BY id", lt->select_sql);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_CORRUPT,
                           _("The project file is incomplete: a part of its content is missing."));
      return FALSE;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TissageRecord *record = g_object_new (lt->type, NULL);

      apply_row (record, stmt, FALSE);
      g_ptr_array_add (items, record);
    }

  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      tissage_db_set_error (error, self->db, sqlite3_extended_errcode (self->db));
      return FALSE;
    }

  g_hash_table_remove_all (lt->by_id);
  for (guint i = 0; i < items->len; i++)
    index_record (lt, g_ptr_array_index (items, i));
  g_list_store_splice (lt->store, 0, g_list_model_get_n_items (G_LIST_MODEL (lt->store)),
                       items->pdata, items->len);

  return TRUE;
}

/* Brings the model of one row in line with the file, after any change. */
void
tissage_document_sync_row (TissageDocument *self,
                           const char      *table,
                           gint64           id)
{
  LoadedTable *lt = tissage_document_loaded_for_table (self, table);

  if (lt != NULL)
    {
      g_autofree char *sql = g_strdup_printf ("%s WHERE id = ?", lt->select_sql);
      TissageRecord *existing = g_hash_table_lookup (lt->by_id, &id);
      sqlite3_stmt *stmt;
      gboolean found;
      guint position;
      int rc;

      stmt = tissage_document_cached_statement (self, sql, &rc);
      if (stmt == NULL)
        return;
      sqlite3_bind_int64 (stmt, 1, id);

      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          if (existing != NULL)
            apply_row (existing, stmt, TRUE);
          else
            {
              g_autoptr(TissageRecord) record = g_object_new (lt->type, NULL);

              apply_row (record, stmt, FALSE);
              index_record (lt, record);
              position = store_position_for_id (lt->store, id, &found);
              g_list_store_insert (lt->store, position, record);
            }
        }
      else if (existing != NULL)
        {
          position = store_position_for_id (lt->store, id, &found);
          if (found)
            g_list_store_remove (lt->store, position);
          g_hash_table_remove (lt->by_id, &id);
        }

      sqlite3_reset (stmt);
    }

  tissage_document_emit_row_changed (self, table, id);

  if (g_str_equal (table, "project"))
    tissage_document_notify_title (self);
}

/* Syncs every row that the undo log records between first and last. */
void
tissage_document_sync_range (TissageDocument *self,
                             gint64           first,
                             gint64           last)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT tbl, rid FROM temp.undolog WHERE seq BETWEEN ? AND ? ORDER BY seq",
                          -1, &stmt, NULL) != SQLITE_OK)
    return;

  sqlite3_bind_int64 (stmt, 1, first);
  sqlite3_bind_int64 (stmt, 2, last);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *table = (const char *) sqlite3_column_text (stmt, 0);
      gint64 id = sqlite3_column_int64 (stmt, 1);
      char *key = g_strdup_printf ("%s:%" G_GINT64_FORMAT, table, id);

      if (!g_hash_table_add (seen, key))
        continue;

      g_ptr_array_add (tables, g_strdup (table));
      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);

  tissage_document_sync_rows (self, tables, ids);
}

/* Syncs the rows @ids of @tables, once every change to them is in the file. */
void
tissage_document_sync_rows (TissageDocument *self,
                            GPtrArray       *tables,
                            GArray          *ids)
{
  /* What was counted from the rows changed is forgotten before any model
   * tells its watchers, who may count again before their row's turn. */
  for (guint i = 0; i < tables->len; i++)
    tissage_document_forget_progress (self, g_ptr_array_index (tables, i), g_array_index (ids, gint64, i));

  for (guint i = 0; i < tables->len; i++)
    tissage_document_sync_row (self, g_ptr_array_index (tables, i), g_array_index (ids, gint64, i));
}

gboolean
tissage_document_reload (TissageDocument  *self,
                         GError          **error)
{
  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), FALSE);

  /* Written to directly: nothing counted before holds. */
  g_clear_pointer (&self->progress_cache, tissage_progress_cache_free);
  for (guint i = 0; i < N_LOADED; i++)
    if (!self->loaded[i].deferred && !tissage_document_load_table (self, &self->loaded[i], error))
      return FALSE;

  tissage_document_notify_title (self);
  return TRUE;
}

GListModel *
tissage_document_get_structures (TissageDocument *self)
{
  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->loaded[LOADED_STRUCTURES].store);
}

GListModel *
tissage_document_get_categories (TissageDocument *self)
{
  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->loaded[LOADED_CATEGORIES].store);
}

GListModel *
tissage_document_get_stakeholders (TissageDocument *self)
{
  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->loaded[LOADED_STAKEHOLDERS].store);
}

GListModel *
tissage_document_get_links (TissageDocument *self)
{
  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->loaded[LOADED_LINKS].store);
}

/**
 * tissage_document_find_link:
 * @kind: the kind of link, compared without regard to case
 * @except_id: a link to leave out (the one being edited), or 0
 *
 * Returns: (transfer none) (nullable): the link of @kind between the two
 *   stakeholders, in either direction
 */
TissageLink *
tissage_document_find_link (TissageDocument *self,
                            gint64           a,
                            gint64           b,
                            const char      *kind,
                            gint64           except_id)
{
  GListModel *links;
  g_autofree char *folded = NULL;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), NULL);

  folded = g_utf8_casefold (kind != NULL ? kind : "", -1);
  links = G_LIST_MODEL (self->loaded[LOADED_LINKS].store);
  for (guint i = 0; i < g_list_model_get_n_items (links); i++)
    {
      g_autoptr(TissageLink) link = g_list_model_get_item (links, i);
      gint64 source = tissage_link_get_source_id (link), target = tissage_link_get_target_id (link);
      g_autofree char *other = NULL;

      if (tissage_record_get_id (TISSAGE_RECORD (link)) == except_id ||
          !((source == a && target == b) || (source == b && target == a)))
        continue;
      other = g_utf8_casefold (tissage_link_get_kind (link), -1);
      if (g_str_equal (other, folded))
        return link;
    }

  return NULL;
}

/**
 * tissage_document_get_records:
 * @type: a record type whose table the document keeps loaded
 *
 * Returns: (transfer none): the live model of that table, in key order
 */
GListModel *
tissage_document_get_records (TissageDocument *self,
                              GType            type)
{
  LoadedTable *lt;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), NULL);

  lt = tissage_document_loaded_for_type (self, type);
  g_return_val_if_fail (lt != NULL, NULL);

  return G_LIST_MODEL (lt->store);
}

/**
 * tissage_document_fetch:
 *
 * Reads one row of any table into a new record that the document does not
 * keep (for the tables too large to load, such as measurements).
 *
 * Returns: (transfer full) (nullable): the record, or %NULL if absent
 */
gpointer
tissage_document_fetch (TissageDocument *self,
                        GType            type,
                        gint64           id)
{
  g_autoptr(GTypeClass) type_class = NULL;
  TissageRecordClass *klass;
  g_autoptr(GString) sql = g_string_new ("SELECT id, uuid, modified");
  sqlite3_stmt *stmt = NULL;
  int rc;
  TissageRecord *record = NULL;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (g_type_is_a (type, TISSAGE_TYPE_RECORD), NULL);

  type_class = g_type_class_ref (type);
  klass = TISSAGE_RECORD_CLASS (type_class);
  for (guint i = 0; i < klass->n_columns; i++)
    g_string_append_printf (sql, ", %s", klass->column_names[i]);
  g_string_append_printf (sql, " FROM %s WHERE id = ?", klass->table);

  stmt = tissage_document_cached_statement (self, sql->str, &rc);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      record = g_object_new (type, NULL);
      apply_row (record, stmt, FALSE);
    }
  sqlite3_reset (stmt);

  return record;
}

/* A record of a table the document does not keep is the caller's own copy:
 * it is brought in line with the file after an edit. */
void
tissage_document_refresh_record (TissageDocument *self,
                                 TissageRecord   *record)
{
  g_autoptr(TissageRecord) fresh = tissage_document_fetch (self, G_OBJECT_TYPE (record),
                                                           tissage_record_get_id (record));
  TissageRecordClass *klass = TISSAGE_RECORD_GET_CLASS (record);

  if (fresh == NULL)
    return;

  g_object_freeze_notify (G_OBJECT (record));
  tissage_record_set_identity (record, tissage_record_get_id (fresh),
                               tissage_record_get_uuid (fresh),
                               tissage_record_get_modified (fresh));
  for (guint i = 0; i < klass->n_columns; i++)
    tissage_record_store_column (record, i, tissage_record_peek_column (fresh, i + 1));
  g_object_thaw_notify (G_OBJECT (record));
}

gpointer
tissage_document_lookup (TissageDocument *self,
                         GType            type,
                         gint64           id)
{
  LoadedTable *lt;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), NULL);

  lt = tissage_document_loaded_for_type (self, type);
  g_return_val_if_fail (lt != NULL, NULL);

  return g_hash_table_lookup (lt->by_id, &id);
}

static guint
count_where (TissageDocument *self,
             const char      *sql,
             gint64           id)
{
  sqlite3_stmt *stmt = NULL;
  guint count = 0;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        count = sqlite3_column_int (stmt, 0);
      sqlite3_finalize (stmt);
    }

  return count;
}

void
tissage_document_count_dependents (TissageDocument    *self,
                                   TissageStakeholder *stakeholder,
                                   TissageDependents  *out)
{
  gint64 id;

  g_return_if_fail (TISSAGE_IS_DOCUMENT (self));
  g_return_if_fail (TISSAGE_IS_STAKEHOLDER (stakeholder));
  g_return_if_fail (out != NULL);

  id = tissage_record_get_id (TISSAGE_RECORD (stakeholder));
  out->links = count_where (self, "SELECT count (*) FROM links WHERE source_id = ?1 OR target_id = ?1", id);
  out->effects = count_where (self, "SELECT count (DISTINCT effect_id) FROM effect_stakeholders WHERE stakeholder_id = ?", id);
  out->interviews = count_where (self, "SELECT count (*) FROM interviews WHERE stakeholder_id = ?", id);
}

/**
 * tissage_document_dup_effect_counts:
 *
 * Returns: (transfer full): for each stakeholder concerned by at least one
 *   expected effect, named or through its category, the number of those
 *   effects: keys point to gint64 ids, values are guint counts stored with
 *   GUINT_TO_POINTER().
 */
GHashTable *
tissage_document_dup_effect_counts (TissageDocument *self)
{
  GHashTable *counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) pairs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) by_category = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                             (GDestroyNotify) g_ptr_array_unref);
  GListModel *links, *stakeholders;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), counts);

  /* From the loaded models: no query, so nothing waits for the file. */
  stakeholders = G_LIST_MODEL (self->loaded[LOADED_STAKEHOLDERS].store);
  for (guint i = 0; i < g_list_model_get_n_items (stakeholders); i++)
    {
      g_autoptr(TissageStakeholder) stakeholder = g_list_model_get_item (stakeholders, i);
      gint64 category = tissage_stakeholder_get_category_id (stakeholder);
      GPtrArray *members = g_hash_table_lookup (by_category, &category);

      if (members == NULL)
        {
          members = g_ptr_array_new ();
          g_hash_table_insert (by_category, g_memdup2 (&category, sizeof category), members);
        }
      g_ptr_array_add (members, stakeholder);
    }

  links = G_LIST_MODEL (self->loaded[LOADED_EFFECT_STAKEHOLDERS].store);
  for (guint i = 0; i < g_list_model_get_n_items (links); i++)
    {
      g_autoptr(TissageRecord) link = g_list_model_get_item (links, i);
      gint64 effect, stakeholder, category;
      GPtrArray *concerned = NULL;
      g_autoptr(GPtrArray) one = g_ptr_array_new ();

      g_object_get (link, "effect-id", &effect, "stakeholder-id", &stakeholder, "category-id", &category, NULL);
      if (stakeholder != 0)
        {
          gpointer record = g_hash_table_lookup (self->loaded[LOADED_STAKEHOLDERS].by_id, &stakeholder);

          if (record != NULL)
            g_ptr_array_add (one, record);
          concerned = one;
        }
      else if (category != 0)
        concerned = g_hash_table_lookup (by_category, &category);

      for (guint k = 0; concerned != NULL && k < concerned->len; k++)
        {
          gint64 id = tissage_record_get_id (concerned->pdata[k]);
          char *pair = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, id, effect);
          guint count;

          /* Each effect once, however it names the stakeholder. */
          if (!g_hash_table_add (pairs, pair))
            continue;
          count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, &id));
          g_hash_table_replace (counts, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (count + 1));
        }
    }

  return counts;
}

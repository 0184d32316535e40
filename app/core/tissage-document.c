#define G_LOG_DOMAIN "tissage-core"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gobject/gvaluecollector.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tissage-document-private.h"
#include "tissage-interviews.h"
#include "tissage-lock.h"
#include "tissage-referentiel.h"
#include "tissage-record-private.h"
#include "tissage-utils.h"

#define UNDO_LIMIT      500
#define MERGE_SECONDS   3
#define MAX_TEXT_BYTES  (1024 * 1024)

typedef struct {
  gint64  first;
  gint64  last;
  char   *label;
  char   *merge_key;   /* consecutive edits of one field become one step */
  gint64  time;
  guint64 serial;      /* names the step for as long as it lives */
} UndoGroup;

typedef enum {
  LOADED_PROJECT,
  LOADED_STRUCTURES,
  LOADED_CATEGORIES,
  LOADED_STAKEHOLDERS,
  LOADED_LINKS,
  LOADED_STAKES,
  LOADED_QUESTIONS,
  LOADED_EFFECTS,
  LOADED_EFFECT_STAKEHOLDERS,
  LOADED_INDICATORS,
  LOADED_BANK,
  LOADED_TOC_ITEMS,
  LOADED_TOC_LINKS,
  LOADED_PERIODS,
  LOADED_GRIDS,
  LOADED_GRID_CATEGORIES,
  LOADED_GRID_SECTIONS,
  LOADED_GRID_QUESTIONS,
  LOADED_QUESTION_EFFECTS,
  LOADED_QUESTION_INDICATORS,
  LOADED_INTERVIEWS,
  N_LOADED
} LoadedKind;

typedef struct {
  GType       type;
  const char *table;
  char       *select_sql;
  GListStore *store;
  GHashTable *by_id;
} LoadedTable;

struct _TissageDocument
{
  GObject      parent_instance;

  GFile       *file;
  sqlite3     *db;
  gboolean     read_only;
  char        *read_only_reason;
  int          schema_version;

  LoadedTable  loaded[N_LOADED];
  GHashTable  *statements;   /* SQL → prepared statement, reused */

  /* The integrity check of a file opened for the window runs in a thread
   * on the same (serialized) connection while the window shows; edits
   * wait for it, so nothing is written to a damaged file. */
  GThread     *check_thread;
  int          check_result;   /* atomic: CHECK_RUNNING, CHECK_OK, CHECK_FAILED */
  guint        check_poll_id;
  gboolean     pending_journal;

  TissageLock  *lock;          /* held while the file is open for editing */
  GFileMonitor *monitor;
  gint64        data_version;  /* changes when another program writes */
  char         *copy_dir;      /* a private copy read in place of the file */
  gboolean      can_save_copy;
  gboolean      repaired;      /* read from a copy rebuilt by Tissage's schema */
  gboolean      detached;      /* the file went away under the window */

  GArray      *undo;     /* UndoGroup */
  GArray      *redo;     /* UndoGroup */
  int          depth;
  guint64      next_serial;
  gint64       group_first;
  char        *group_label;
  char        *group_merge_key;
};

enum {
  CHECK_NONE,
  CHECK_RUNNING,
  CHECK_OK,
  CHECK_FAILED
};

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_TITLE,
  PROP_READ_ONLY,
  N_PROPS
};

enum {
  ROW_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TissageDocument, tissage_document, G_TYPE_OBJECT)

G_DEFINE_QUARK (tissage-document-error-quark, tissage_document_error)

static void
undo_group_clear (gpointer data)
{
  UndoGroup *group = data;

  g_clear_pointer (&group->label, g_free);
  g_clear_pointer (&group->merge_key, g_free);
}

static char *
now_timestamp (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}

static char *
display_name (const char *path)
{
  return g_filename_display_basename (path);
}

/* Turns an SQLite failure into a sentence a user can act on. */
static void
set_sqlite_error (GError    **error,
                  sqlite3    *db,
                  int         rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_IO,
                           _("The disk is full: the last change could not be saved. Free some space and try again."));
      break;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
      g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_IO,
                           _("The project file could not be written. Check that the disk or the shared folder is still available."));
      break;
    case SQLITE_READONLY:
      g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_READ_ONLY,
                           _("The project file is read-only: changes cannot be saved."));
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_LOCKED,
                           _("The project is being used by another program. Close it there and try again."));
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_CORRUPT,
                           _("The project file is damaged."));
      break;
    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
        g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                             _("This item is still used elsewhere in the project, or refers to an item that no longer exists."));
      else
        g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                             _("This value is not allowed here."));
      break;
    default:
      g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_FAILED,
                   _("Unexpected database error (%s)."),
                   db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      break;
    }

  g_debug ("SQLite error %d: %s", rc, db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
}

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, db, sqlite3_extended_errcode (db));
      return FALSE;
    }

  return TRUE;
}

/* The statements of edits and reads are compiled once and reused: an
 * insert compiles the triggers of its table, which costs more than the
 * insert itself when hundreds of rows are written at once. A statement is
 * reset after use, never finalized. */
static sqlite3_stmt *
cached_statement (TissageDocument *self,
                  const char      *sql,
                  int             *rc)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      *rc = SQLITE_OK;
      return stmt;
    }

  *rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (*rc != SQLITE_OK)
    {
      sqlite3_finalize (stmt);
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

sqlite3_stmt *
tissage_document_cached_statement (TissageDocument *self,
                                   const char      *sql)
{
  int rc;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  return cached_statement (self, sql, &rc);
}

static gboolean
query_int64 (sqlite3     *db,
             const char  *sql,
             gint64      *out,
             GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    {
      *out = sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);
      return TRUE;
    }

  rc = sqlite3_extended_errcode (db);
  sqlite3_finalize (stmt);
  set_sqlite_error (error, db, rc);
  return FALSE;
}

static void
bind_value (sqlite3_stmt *stmt,
            int           index,
            const GValue *value)
{
  switch (G_VALUE_TYPE (value))
    {
    case G_TYPE_STRING:
      {
        const char *str = g_value_get_string (value);
        sqlite3_bind_text (stmt, index, str ? str : "", -1, SQLITE_TRANSIENT);
      }
      break;
    case G_TYPE_INT:
      sqlite3_bind_int (stmt, index, g_value_get_int (value));
      break;
    case G_TYPE_BOOLEAN:
      sqlite3_bind_int (stmt, index, g_value_get_boolean (value) ? 1 : 0);
      break;
    case G_TYPE_INT64:
      if (g_value_get_int64 (value) == 0)
        sqlite3_bind_null (stmt, index);
      else
        sqlite3_bind_int64 (stmt, index, g_value_get_int64 (value));
      break;
    case G_TYPE_DOUBLE:
      if (isnan (g_value_get_double (value)))
        sqlite3_bind_null (stmt, index);
      else
        sqlite3_bind_double (stmt, index, g_value_get_double (value));
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Reading what a file holds */

/*
 * The text of a column as valid UTF-8, whatever the file holds: SQLite
 * keeps any bytes in a TEXT column (a NUL cuts it short, as for every
 * reader), a number or a blob where text is expected, or NULL.
 */
char *
tissage_sql_dup_text (sqlite3_stmt *stmt,
                      int           index)
{
  const char *text = (const char *) sqlite3_column_text (stmt, index);

  if (text == NULL)
    return g_strdup ("");
  if (!g_utf8_validate (text, -1, NULL))
    return g_utf8_make_valid (text, -1);
  return g_strdup (text);
}

/* An enum or a flag of a column, @fallback when outside [0, n_values). */
int
tissage_sql_enum (sqlite3_stmt *stmt,
                  int           index,
                  int           n_values,
                  int           fallback)
{
  gint64 value;

  if (sqlite3_column_type (stmt, index) != SQLITE_INTEGER)
    return fallback;

  value = sqlite3_column_int64 (stmt, index);
  return value >= 0 && value < n_values ? (int) value : fallback;
}

/* A real column as a finite number, NaN ("none") for NULL, text or ±Inf. */
double
tissage_sql_real (sqlite3_stmt *stmt,
                  int           index)
{
  double value;

  switch (sqlite3_column_type (stmt, index))
    {
    case SQLITE_INTEGER:
    case SQLITE_FLOAT:
      value = sqlite3_column_double (stmt, index);
      return isfinite (value) ? value : NAN;
    default:
      return NAN;
    }
}

static void
column_to_value (sqlite3_stmt *stmt,
                 int           index,
                 GParamSpec   *pspec,
                 GValue       *value)
{
  g_value_init (value, pspec->value_type);

  switch (pspec->value_type)
    {
    case G_TYPE_STRING:
      g_value_take_string (value, tissage_sql_dup_text (stmt, index));
      break;
    case G_TYPE_INT:
      g_value_set_int (value, sqlite3_column_int (stmt, index));
      break;
    case G_TYPE_BOOLEAN:
      g_value_set_boolean (value, sqlite3_column_int (stmt, index) != 0);
      break;
    case G_TYPE_INT64:
      g_value_set_int64 (value, sqlite3_column_int64 (stmt, index));
      break;
    case G_TYPE_DOUBLE:
      g_value_set_double (value, tissage_sql_real (stmt, index));
      break;
    default:
      g_assert_not_reached ();
    }

  /* A file written by someone else may hold anything: keep values in range. */
  if (!(G_VALUE_HOLDS_DOUBLE (value) && isnan (g_value_get_double (value))))
    g_param_value_validate (pspec, value);
}

/* Models */

static LoadedTable *
loaded_for_table (TissageDocument *self,
                  const char      *table)
{
  for (guint i = 0; i < N_LOADED; i++)
    if (g_str_equal (self->loaded[i].table, table))
      return &self->loaded[i];

  return NULL;
}

static LoadedTable *
loaded_for_type (TissageDocument *self,
                 GType            type)
{
  for (guint i = 0; i < N_LOADED; i++)
    if (self->loaded[i].type == type)
      return &self->loaded[i];

  return NULL;
}

static void
loaded_table_init (LoadedTable *lt,
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

static void
loaded_table_clear (LoadedTable *lt)
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

      column_to_value (stmt, i + 3, klass->columns[i], &value);
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

static gboolean
load_table (TissageDocument  *self,
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
      index_record (lt, record);
      g_ptr_array_add (items, record);
    }

  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, sqlite3_extended_errcode (self->db));
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
static void
sync_row (TissageDocument *self,
          const char      *table,
          gint64           id)
{
  LoadedTable *lt = loaded_for_table (self, table);

  if (lt != NULL)
    {
      g_autofree char *sql = g_strdup_printf ("%s WHERE id = ?", lt->select_sql);
      TissageRecord *existing = g_hash_table_lookup (lt->by_id, &id);
      sqlite3_stmt *stmt;
      gboolean found;
      guint position;
      int rc;

      stmt = cached_statement (self, sql, &rc);
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

  g_signal_emit (self, signals[ROW_CHANGED], 0, table, id);

  if (g_str_equal (table, "project"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/* Syncs every row that the undo log records between first and last. */
static void
sync_range (TissageDocument *self,
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

  for (guint i = 0; i < tables->len; i++)
    sync_row (self, g_ptr_array_index (tables, i), g_array_index (ids, gint64, i));
}

/* Undo log: temporary triggers write, for every change to a row, the SQL
 * that reverses it. An undo step replays its range backwards, which logs
 * the SQL of the redo step in turn. Cascades are logged by the same
 * triggers, so deleting a stakeholder and undoing it restores its links. */
static gboolean
install_undo_log (TissageDocument  *self,
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

      if (sqlite3_prepare_v2 (self->db, info_sql, -1, &stmt, NULL) != SQLITE_OK)
        {
          set_sqlite_error (error, self->db, sqlite3_extended_errcode (self->db));
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

  return exec_sql (self->db, script->str, error);
}

/* The full-text index holds one entry an interview, its answers' text,
 * and follows them in the same transaction as the edit: temporary
 * triggers note which interviews changed, and this rewrites their entries
 * before the commit. (A file's own triggers may not write to a virtual
 * table while the schema is not trusted.) */
static const char search_index_sql[] =
  "DELETE FROM interviews_fts WHERE rowid IN (SELECT interview_id FROM temp.search_dirty);"
  /* A deleted entry stays in the index's older segments until they are
   * merged: when interviews are deleted, their words are merged away at
   * once, so that none of them is left in the file. */
  "INSERT INTO interviews_fts (interviews_fts) SELECT 'optimize'"
  " WHERE EXISTS (SELECT 1 FROM temp.search_dirty d"
  " WHERE NOT EXISTS (SELECT 1 FROM main.interviews i WHERE i.id = d.interview_id));"
  "INSERT INTO interviews_fts (rowid, text)"
  " SELECT interview_id, group_concat (text, char (10)) FROM answers"
  " WHERE text <> '' AND interview_id IN (SELECT interview_id FROM temp.search_dirty)"
  " GROUP BY interview_id;"
  "DELETE FROM temp.search_dirty;";

static gboolean
update_search_index (TissageDocument  *self,
                     GError          **error)
{
  return exec_sql (self->db, search_index_sql, error);
}

gboolean
tissage_document_rebuild_search_index (TissageDocument  *self,
                                       GError          **error)
{
  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), FALSE);

  return exec_sql (self->db,
                   "BEGIN IMMEDIATE;"
                   "DELETE FROM interviews_fts;"
                   TISSAGE_SCHEMA_FILL_SEARCH_SQL
                   "COMMIT;", error);
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

  query_int64 (self->db, "SELECT ifnull (max (seq), 0) FROM temp.undolog", &max, NULL);
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

static void
notify_history (TissageDocument *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

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
  return exec_sql (db, "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -16000", error);
}

void
tissage_document_set_open_error (GError     **error,
                                 int          code,
                                 const char  *path)
{
  g_autofree char *name = display_name (path);

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

static gboolean
run_migrations (sqlite3                 *db,
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
  if (!exec_sql (db, "PRAGMA foreign_keys = OFF; BEGIN EXCLUSIVE", error))
    {
      exec_sql (db, "PRAGMA foreign_keys = ON", NULL);
      return FALSE;
    }
  dangling_before = count_dangling (db);

  for (guint step = from; step < n_migrations; step++)
    {
      g_autoptr(GError) local_error = NULL;
      gboolean ok = TRUE;

      if (migrations[step].sql != NULL)
        ok = exec_sql (db, migrations[step].sql, &local_error);
      if (ok && migrations[step].func != NULL)
        ok = migrations[step].func (db, &local_error);

      if (!ok)
        {
          exec_sql (db, "ROLLBACK; PRAGMA foreign_keys = ON", NULL);
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
      exec_sql (db, "ROLLBACK; PRAGMA foreign_keys = ON", NULL);
      g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_MIGRATION,
                           _("The project could not be updated to this version of Tissage: some of its rows point to rows it lacks. The file was left as it was."));
      return FALSE;
    }

  pragmas = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %u;",
                             TISSAGE_APPLICATION_ID, n_migrations);
  if (!exec_sql (db, pragmas, error) || !exec_sql (db, "COMMIT", error))
    {
      exec_sql (db, "ROLLBACK; PRAGMA foreign_keys = ON", NULL);
      return FALSE;
    }

  return exec_sql (db, "PRAGMA foreign_keys = ON", error);
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

static gpointer check_thread_func (gpointer data);
static gboolean check_poll_cb     (gpointer data);
static void     watch_file        (TissageDocument *self);

typedef enum {
  OPEN_CREATE     = 1 << 0,  /* a new file being built */
  OPEN_CHECK_LATER = 1 << 1, /* the integrity check runs in a thread */
  OPEN_COPY       = 1 << 2,  /* a private copy, read in place of the file */
  OPEN_TAKE_OVER  = 1 << 3,  /* take the lock from its owner */
} OpenFlags;

static gboolean
path_exists (const char *path)
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

      if (path_exists (journal) && g_rename (journal, aside) != 0)
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

  if (!query_int64 (db, "PRAGMA application_id", &app_id, NULL) ||
      !query_int64 (db, "PRAGMA user_version", &version, NULL) ||
      !query_int64 (db, "SELECT count (*) FROM sqlite_schema", &n_objects, NULL))
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
      exec_sql (db, "PRAGMA query_only = ON; PRAGMA foreign_keys = ON;", NULL);
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
      if (!exec_sql (db, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;", error))
        return NULL;

      if (version < n_migrations)
        {
          if (!run_migrations (db, version, migrations, n_migrations, error))
            return NULL;
          self->schema_version = n_migrations;
        }
      else if (!exec_sql (db, "BEGIN EXCLUSIVE; COMMIT;", NULL))
        {
          tissage_document_set_open_error (error, TISSAGE_DOCUMENT_ERROR_LOCKED, path);
          return NULL;
        }
    }

  for (guint i = 0; i < N_LOADED; i++)
    {
      g_autoptr(GError) local_error = NULL;

      if (!load_table (self, &self->loaded[i], &local_error))
        {
          if (newer)
            tissage_document_set_open_error (error, TISSAGE_DOCUMENT_ERROR_NEWER_VERSION, path);
          else
            tissage_document_set_open_error (error, TISSAGE_DOCUMENT_ERROR_CORRUPT, path);
          return NULL;
        }
    }

  if (!self->read_only && !install_undo_log (self, error))
    return NULL;

  query_int64 (db, "PRAGMA data_version", &self->data_version, NULL);
  if (!creating && !copy && !self->read_only)
    watch_file (self);

  if (background_check)
    {
      g_atomic_int_set (&self->check_result, CHECK_RUNNING);
      self->check_thread = g_thread_new ("tissage-check", check_thread_func, self);
      self->check_poll_id = g_timeout_add (20, check_poll_cb, self);
    }

  return g_steal_pointer (&self);
}

static gpointer
check_thread_func (gpointer data)
{
  TissageDocument *self = data;
  gboolean ok = tissage_db_is_sound (self->db, "PRAGMA quick_check");

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

  if (g_atomic_int_get (&self->check_result) == CHECK_OK)
    {
      if (self->pending_journal)
        {
          self->pending_journal = FALSE;
          exec_sql (self->db, "PRAGMA journal_mode = DELETE", NULL);
        }
      return;
    }

  path = g_file_get_path (self->file);
  name = display_name (path);
  self->read_only = TRUE;
  g_free (self->read_only_reason);
  self->read_only_reason = g_strdup_printf (_("“%s” is damaged: it is open read-only so that nothing more is lost. Open a backup copy of the project to go on editing."), name);
  exec_sql (self->db, "PRAGMA query_only = ON", NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
  notify_history (self);
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

/* GObject */

static void
tissage_document_finalize (GObject *object)
{
  TissageDocument *self = TISSAGE_DOCUMENT (object);

  g_clear_handle_id (&self->check_poll_id, g_source_remove);
  if (self->check_thread != NULL)
    g_thread_join (g_steal_pointer (&self->check_thread));

  for (guint i = 0; i < N_LOADED; i++)
    loaded_table_clear (&self->loaded[i]);

  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }

  if (self->db != NULL)
    {
      g_hash_table_remove_all (self->statements);
      sqlite3_close_v2 (self->db);
    }

  g_clear_pointer (&self->lock, tissage_lock_release);
  if (self->copy_dir != NULL)
    {
      tissage_document_remove_copy_dir (self->copy_dir);
      g_clear_pointer (&self->copy_dir, g_free);
    }

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_object (&self->file);
  g_clear_pointer (&self->read_only_reason, g_free);
  g_clear_pointer (&self->undo, g_array_unref);
  g_clear_pointer (&self->redo, g_array_unref);
  g_clear_pointer (&self->group_label, g_free);
  g_clear_pointer (&self->group_merge_key, g_free);

  G_OBJECT_CLASS (tissage_document_parent_class)->finalize (object);
}

static void
tissage_document_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TissageDocument *self = TISSAGE_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, tissage_document_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, tissage_document_can_redo (self));
      break;
    case PROP_TITLE:
      g_value_take_string (value, tissage_document_dup_title (self));
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tissage_document_class_init (TissageDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tissage_document_finalize;
  object_class->get_property = tissage_document_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TissageDocument::row-changed:
   * @table: the table of the row
   * @id: the key of the row, which may no longer exist
   *
   * Emitted after a committed edit, an undo or a redo, once for every row
   * it inserted, changed or deleted, including cascades.
   */
  signals[ROW_CHANGED] =
    g_signal_new ("row-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT64);
}

static void
tissage_document_init (TissageDocument *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) sqlite3_finalize);
  loaded_table_init (&self->loaded[LOADED_PROJECT], TISSAGE_TYPE_PROJECT);
  loaded_table_init (&self->loaded[LOADED_STRUCTURES], TISSAGE_TYPE_STRUCTURE);
  loaded_table_init (&self->loaded[LOADED_CATEGORIES], TISSAGE_TYPE_CATEGORY);
  loaded_table_init (&self->loaded[LOADED_STAKEHOLDERS], TISSAGE_TYPE_STAKEHOLDER);
  loaded_table_init (&self->loaded[LOADED_LINKS], TISSAGE_TYPE_LINK);
  loaded_table_init (&self->loaded[LOADED_STAKES], TISSAGE_TYPE_STAKE);
  loaded_table_init (&self->loaded[LOADED_QUESTIONS], TISSAGE_TYPE_EVAL_QUESTION);
  loaded_table_init (&self->loaded[LOADED_EFFECTS], TISSAGE_TYPE_EFFECT);
  loaded_table_init (&self->loaded[LOADED_EFFECT_STAKEHOLDERS], TISSAGE_TYPE_EFFECT_STAKEHOLDER);
  loaded_table_init (&self->loaded[LOADED_INDICATORS], TISSAGE_TYPE_INDICATOR);
  loaded_table_init (&self->loaded[LOADED_BANK], TISSAGE_TYPE_BANK_INDICATOR);
  loaded_table_init (&self->loaded[LOADED_TOC_ITEMS], TISSAGE_TYPE_TOC_ITEM);
  loaded_table_init (&self->loaded[LOADED_TOC_LINKS], TISSAGE_TYPE_TOC_LINK);
  loaded_table_init (&self->loaded[LOADED_PERIODS], TISSAGE_TYPE_PERIOD);
  loaded_table_init (&self->loaded[LOADED_GRIDS], TISSAGE_TYPE_GRID);
  loaded_table_init (&self->loaded[LOADED_GRID_CATEGORIES], TISSAGE_TYPE_GRID_CATEGORY);
  loaded_table_init (&self->loaded[LOADED_GRID_SECTIONS], TISSAGE_TYPE_GRID_SECTION);
  loaded_table_init (&self->loaded[LOADED_GRID_QUESTIONS], TISSAGE_TYPE_GRID_QUESTION);
  loaded_table_init (&self->loaded[LOADED_QUESTION_EFFECTS], TISSAGE_TYPE_QUESTION_EFFECT);
  loaded_table_init (&self->loaded[LOADED_QUESTION_INDICATORS], TISSAGE_TYPE_QUESTION_INDICATOR);
  loaded_table_init (&self->loaded[LOADED_INTERVIEWS], TISSAGE_TYPE_INTERVIEW);

  self->undo = g_array_new (FALSE, TRUE, sizeof (UndoGroup));
  g_array_set_clear_func (self->undo, undo_group_clear);
  self->redo = g_array_new (FALSE, TRUE, sizeof (UndoGroup));
  g_array_set_clear_func (self->redo, undo_group_clear);
}

static void values_free (GValue *values, guint n_values);

/* Checking values */

static gboolean
is_required_column (GParamSpec *pspec)
{
  const char *name = g_param_spec_get_name (pspec);

  if (tissage_column_is_optional (pspec))
    return FALSE;

  return g_str_equal (name, "name") || g_str_equal (name, "title") ||
         g_str_equal (name, "label") || g_str_equal (name, "text");
}

static gboolean
check_value (TissageRecordClass  *klass,
             GParamSpec          *pspec,
             GValue              *value,
             GError             **error)
{
  g_auto(GValue) checked = G_VALUE_INIT;
  const char *label = g_param_spec_get_nick (pspec);

  if (G_VALUE_TYPE (value) == G_TYPE_STRING)
    {
      const char *str = g_value_get_string (value);

      if (str != NULL && !g_utf8_validate (str, -1, NULL))
        {
          g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                       _("“%s” contains characters that are not valid text."), _(label));
          return FALSE;
        }
      if (str != NULL && strlen (str) > MAX_TEXT_BYTES)
        {
          g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                       _("“%s” is too long (more than a million characters)."), _(label));
          return FALSE;
        }
      if (str != NULL && tissage_column_get_max_chars (pspec) > 0 &&
          g_utf8_strlen (str, -1) > (glong) tissage_column_get_max_chars (pspec))
        {
          g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                       _("“%s” is too long: at most %u characters."), _(label), tissage_column_get_max_chars (pspec));
          return FALSE;
        }
      if (is_required_column (pspec))
        {
          g_autofree char *copy = g_strstrip (g_strdup (str ? str : ""));

          if (*copy == '\0')
            {
              g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                           _("“%s” cannot be empty."), _(label));
              return FALSE;
            }
        }
    }

  if (G_VALUE_TYPE (value) == G_TYPE_DOUBLE && isinf (g_value_get_double (value)))
    {
      g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                   _("“%s” must be a finite number."), _(label));
      return FALSE;
    }

  /* NaN is how a real column says "none". */
  if (G_VALUE_TYPE (value) == G_TYPE_DOUBLE && isnan (g_value_get_double (value)))
    return TRUE;

  g_value_init (&checked, pspec->value_type);
  g_value_copy (value, &checked);
  if (g_param_value_validate (pspec, &checked))
    {
      if (G_IS_PARAM_SPEC_INT (pspec))
        g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                     _("“%s” must be between %d and %d."), _(label),
                     G_PARAM_SPEC_INT (pspec)->minimum, G_PARAM_SPEC_INT (pspec)->maximum);
      else
        g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                     _("The value of “%s” is not allowed."), _(label));
      return FALSE;
    }

  return TRUE;
}

/* Converts the caller's values to the column types and checks them. */
static gboolean
prepare_values (TissageRecordClass  *klass,
                guint                n_values,
                const char         **names,
                const GValue        *values,
                GParamSpec         **pspecs,
                GValue              *out,
                GError             **error)
{
  for (guint i = 0; i < n_values; i++)
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_CLASS (klass), names[i]);
      gboolean is_column = FALSE;

      for (guint c = 0; pspec != NULL && c < klass->n_columns; c++)
        is_column |= klass->columns[c] == pspec;

      if (!is_column)
        {
          g_critical ("%s has no column for property “%s”", klass->table, names[i]);
          g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_FAILED,
                       _("Unexpected error: unknown field."));
          return FALSE;
        }

      g_value_init (&out[i], pspec->value_type);
      if (!g_value_transform (&values[i], &out[i]))
        {
          g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                       _("The value of “%s” is not allowed."), _(g_param_spec_get_nick (pspec)));
          return FALSE;
        }

      if (!check_value (klass, pspec, &out[i], error))
        return FALSE;

      pspecs[i] = pspec;
    }

  return TRUE;
}

/* Row checks see the whole row: the new values over the current ones. */
static gboolean
validate_row (TissageRecordClass  *klass,
              TissageRecord       *current,
              guint                n_values,
              const char         **names,
              GParamSpec         **pspecs,
              const GValue        *values,
              GError             **error)
{
  g_autofree const char **all_names = NULL;
  GValue *all_values;
  gboolean ok;

  if (klass->validate == NULL)
    return TRUE;

  all_names = g_new0 (const char *, klass->n_columns + 1);
  all_values = g_new0 (GValue, klass->n_columns + 1);

  for (guint c = 0; c < klass->n_columns; c++)
    {
      GParamSpec *pspec = klass->columns[c];
      const GValue *given = NULL;

      for (guint i = 0; i < n_values; i++)
        if (pspecs[i] == pspec)
          given = &values[i];

      all_names[c] = pspec->name;
      g_value_init (&all_values[c], pspec->value_type);
      if (given != NULL)
        g_value_copy (given, &all_values[c]);
      else if (current != NULL)
        g_object_get_property (G_OBJECT (current), pspec->name, &all_values[c]);
      else
        g_param_value_set_default (pspec, &all_values[c]);
    }

  ok = klass->validate (klass, all_names, all_values, klass->n_columns, error);
  values_free (all_values, klass->n_columns);
  return ok;
}

/* The value a row will have in @column: the new one if given, else the
 * current one (or the default for a new row). */
static void
row_value (TissageRecordClass  *klass,
           TissageRecord       *current,
           guint                n_values,
           GParamSpec         **pspecs,
           const GValue        *values,
           const char          *column,
           GValue              *out)
{
  GParamSpec *pspec = NULL;

  for (guint c = 0; c < klass->n_columns; c++)
    if (g_str_equal (klass->columns[c]->name, column))
      pspec = klass->columns[c];
  g_assert (pspec != NULL);

  g_value_init (out, pspec->value_type);
  for (guint i = 0; i < n_values; i++)
    if (pspecs[i] == pspec)
      {
        g_value_copy (&values[i], out);
        return;
      }
  if (current != NULL)
    g_object_get_property (G_OBJECT (current), pspec->name, out);
  else
    g_param_value_set_default (pspec, out);
}

/* A second link of the same kind between the same two stakeholders, in
 * either direction, says nothing more and counts twice in the network
 * measures: it is refused. */
static gboolean
check_link_unique (TissageDocument     *self,
                   TissageRecordClass  *klass,
                   TissageRecord       *current,
                   guint                n_values,
                   GParamSpec         **pspecs,
                   const GValue        *values,
                   GError             **error)
{
  g_auto(GValue) source = G_VALUE_INIT;
  g_auto(GValue) target = G_VALUE_INIT;
  g_auto(GValue) kind = G_VALUE_INIT;
  TissageLink *existing;

  if (G_TYPE_FROM_CLASS (klass) != TISSAGE_TYPE_LINK)
    return TRUE;

  row_value (klass, current, n_values, pspecs, values, "source-id", &source);
  row_value (klass, current, n_values, pspecs, values, "target-id", &target);
  row_value (klass, current, n_values, pspecs, values, "kind", &kind);

  existing = tissage_document_find_link (self, g_value_get_int64 (&source), g_value_get_int64 (&target),
                                         g_value_get_string (&kind),
                                         current != NULL ? tissage_record_get_id (current) : 0);
  if (existing != NULL)
    {
      TissageStakeholder *a = tissage_document_lookup (self, TISSAGE_TYPE_STAKEHOLDER, g_value_get_int64 (&source));
      TissageStakeholder *b = tissage_document_lookup (self, TISSAGE_TYPE_STAKEHOLDER, g_value_get_int64 (&target));
      g_autofree char *name_a = tissage_text_shorten (a != NULL ? tissage_stakeholder_get_name (a) : "", 60);
      g_autofree char *name_b = tissage_text_shorten (b != NULL ? tissage_stakeholder_get_name (b) : "", 60);
      g_autofree char *kind_name = tissage_text_shorten (g_value_get_string (&kind), 60);

      g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                   _("“%s” and “%s” already have a “%s” link: change its strength or its note instead."),
                   name_a, name_b, kind_name);
      return FALSE;
    }

  return TRUE;
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
      query_int64 (self->db, "PRAGMA data_version", &version, NULL) &&
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
  g_autofree char *name = display_name (path);

  if (self->read_only)
    return;

  self->read_only = TRUE;
  self->can_save_copy = TRUE;
  self->detached = TRUE;
  g_free (self->read_only_reason);
  self->read_only_reason = g_strdup_printf (_("“%s” was moved, replaced or deleted by another program while it was open: nothing more is written to it. Save a copy to keep what this window shows."), name);
  exec_sql (self->db, "PRAGMA query_only = ON", NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
  notify_history (self);
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

static gboolean
check_writable (TissageDocument  *self,
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

static void
values_free (GValue *values,
             guint   n_values)
{
  for (guint i = 0; i < n_values; i++)
    if (G_IS_VALUE (&values[i]))
      g_value_unset (&values[i]);
  g_free (values);
}

/* Public API */

/**
 * tissage_document_create:
 * @file: where to write the new project; an existing file is replaced
 *
 * Writes a new, empty project with the default categories. The file is
 * built beside its destination and moved into place only when complete.
 */
TissageDocument *
tissage_document_create (GFile   *file,
                         GError **error)
{
  return tissage_document_create_from_keyfiles (file, NULL, error);
}

static const struct {
  const char *key;
  const char *name;
  const char *color;
} default_categories[] = {
  { "beneficiaires",      N_("Beneficiaries"),                 "#3584e4" },
  { "benevoles",          N_("Volunteers"),                    "#2ec27e" },
  { "salaries",           N_("Employees"),                     "#e5a50a" },
  { "structures-membres", N_("Member structures"),             "#e66100" },
  { "financeurs",         N_("Funders and patrons"),           "#c01c28" },
  { "collectivites",      N_("Local authorities and State"),   "#813d9c" },
  { "entreprises",        N_("Businesses"),                    "#865e3c" },
  { "ess",                N_("Social economy organisations"),  "#1f9d8f" },
  { "recherche",          N_("Research and universities"),     "#c061cb" },
  { "habitants",          N_("Residents and civil society"),   "#5e5c64" },
};

static gboolean
insert_defaults (TissageDocument  *self,
                 GError          **error)
{
  g_autofree char *created = now_timestamp ();
  g_autofree char *project_name = g_strdup (_("New project"));
  g_autoptr(TissageRecord) project = NULL;

  project = tissage_document_insert (self, TISSAGE_TYPE_PROJECT, error,
                                     "name", project_name,
                                     "created", created,
                                     NULL);
  if (project == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (default_categories); i++)
    {
      g_autoptr(TissageRecord) category =
        tissage_document_insert (self, TISSAGE_TYPE_CATEGORY, error,
                                 "name", _(default_categories[i].name),
                                 "color", default_categories[i].color,
                                 "builtin", default_categories[i].key,
                                 "position", (int) i,
                                 NULL);
      if (category == NULL)
        return FALSE;
    }

  return TRUE;
}

TissageDocument *
tissage_document_create_from_keyfile (GFile     *file,
                                      GKeyFile  *keyfile,
                                      GError   **error)
{
  GKeyFile *keyfiles[] = { keyfile, NULL };

  return tissage_document_create_from_keyfiles (file, keyfile ? keyfiles : NULL, error);
}

TissageDocument *
tissage_document_create_from_keyfiles (GFile      *file,
                                       GKeyFile  **keyfiles,
                                       GError    **error)
{
  g_autofree char *path = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *uuid = NULL;
  g_autoptr(TissageDocument) draft = NULL;
  guint n_migrations;
  const TissageMigration *migrations = tissage_schema_get_migrations (&n_migrations);
  gboolean ok;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  path = tissage_document_dup_real_path (file);
  if (path == NULL)
    {
      g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_IO,
                           _("Projects can only be saved in a local folder."));
      return NULL;
    }

  uuid = g_uuid_string_random ();
  tmp_path = g_strdup_printf ("%s.%.8s~", path, uuid);
  draft = open_internal (tmp_path, OPEN_CREATE, migrations, n_migrations, error);
  if (draft == NULL)
    {
      g_autofree char *dir = g_path_get_dirname (path);
      g_autofree char *name = g_filename_display_name (dir);

      g_unlink (tmp_path);
      g_clear_error (error);
      g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_IO,
                   _("The project cannot be written in “%s”. Choose a folder where you can write."), name);
      return NULL;
    }

  ok = tissage_document_begin (draft, NULL, error) &&
       insert_defaults (draft, error) &&
       (keyfiles == NULL || tissage_document_load_keyfiles (draft, keyfiles, error)) &&
       tissage_document_commit (draft, error);

  if (!ok)
    {
      if (draft->depth > 0)
        tissage_document_rollback (draft);
      g_clear_object (&draft);
      g_unlink (tmp_path);
      return NULL;
    }

  g_clear_object (&draft);

  /* A project open elsewhere is not replaced under its window. */
  if (path_exists (path))
    {
      TissageLock *lock = tissage_lock_acquire (path, FALSE, NULL, error);

      if (lock == NULL)
        {
          g_unlink (tmp_path);
          return NULL;
        }
      tissage_lock_release (lock);
    }

  if (g_rename (tmp_path, path) != 0)
    {
      int saved_errno = errno;
      g_autofree char *name = display_name (path);

      g_unlink (tmp_path);
      g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_IO,
                   _("The project could not be saved as “%s”: %s."), name, g_strerror (saved_errno));
      return NULL;
    }

  /* A stale journal of an earlier file of that name must not be replayed. */
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_autofree char *journal = g_strconcat (path, "-journal", NULL);

    g_unlink (wal);
    g_unlink (shm);
    g_unlink (journal);
  }

  {
    g_autoptr(GFile) created = g_file_new_for_path (path);

    return tissage_document_open (created, error);
  }
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
      exec_sql (self->db, "PRAGMA query_only = ON", NULL);
    }

  return g_steal_pointer (&self);
}

/* Whether “Save a copy…” makes sense: a project read from a copy (repaired,
 * write-protected, open elsewhere) or whose file went away. */
gboolean
tissage_document_can_save_copy (TissageDocument *self)
{
  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), FALSE);

  return self->can_save_copy;
}

/* Whether the project was rebuilt without what Tissage did not write. */
gboolean
tissage_document_get_repaired (TissageDocument *self)
{
  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), FALSE);

  return self->repaired;
}

/* Whether the file went away under the window: what it holds is then
 * only in memory, and closing it without saving a copy loses it. */
gboolean
tissage_document_get_detached (TissageDocument *self)
{
  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), FALSE);

  return self->detached;
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

sqlite3 *
tissage_document_get_db (TissageDocument *self)
{
  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), NULL);

  return self->db;
}

gboolean
tissage_document_reload (TissageDocument  *self,
                         GError          **error)
{
  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), FALSE);

  for (guint i = 0; i < N_LOADED; i++)
    if (!load_table (self, &self->loaded[i], error))
      return FALSE;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  return TRUE;
}

void
tissage_document_clear_history (TissageDocument *self)
{
  g_return_if_fail (TISSAGE_IS_DOCUMENT (self));

  drop_groups (self, self->undo, self->undo->len);
  drop_groups (self, self->redo, self->redo->len);
  exec_sql (self->db, "DELETE FROM temp.undolog", NULL);
  notify_history (self);
}

GFile *
tissage_document_get_file (TissageDocument *self)
{
  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), NULL);

  return self->file;
}

gboolean
tissage_document_get_read_only (TissageDocument *self)
{
  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), TRUE);

  return self->read_only;
}

const char *
tissage_document_get_read_only_reason (TissageDocument *self)
{
  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), NULL);

  return self->read_only_reason;
}

int
tissage_document_get_schema_version (TissageDocument *self)
{
  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), 0);

  return self->schema_version;
}

TissageProject *
tissage_document_get_project (TissageDocument *self)
{
  GListModel *model;
  g_autoptr(TissageProject) project = NULL;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), NULL);

  model = G_LIST_MODEL (self->loaded[LOADED_PROJECT].store);
  if (g_list_model_get_n_items (model) == 0)
    return NULL;

  project = g_list_model_get_item (model, 0);
  return project; /* owned by the store */
}

char *
tissage_document_dup_title (TissageDocument *self)
{
  TissageProject *project;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), NULL);

  project = tissage_document_get_project (self);
  if (project != NULL && *tissage_project_get_name (project) != '\0')
    return g_strdup (tissage_project_get_name (project));

  if (self->file != NULL)
    {
      g_autofree char *path = g_file_get_path (self->file);
      g_autofree char *name = display_name (path);
      char *dot = g_strrstr (name, ".tissage");

      if (dot != NULL)
        *dot = '\0';
      return g_steal_pointer (&name);
    }

  return g_strdup (_("Untitled project"));
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

  lt = loaded_for_type (self, type);
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

  stmt = cached_statement (self, sql->str, &rc);
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
static void
refresh_record (TissageDocument *self,
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

  lt = loaded_for_type (self, type);
  g_return_val_if_fail (lt != NULL, NULL);

  return g_hash_table_lookup (lt->by_id, &id);
}

gboolean
tissage_document_begin (TissageDocument  *self,
                        const char       *label,
                        GError          **error)
{
  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), FALSE);

  if (!check_writable (self, error))
    return FALSE;

  if (self->depth++ > 0)
    return TRUE;

  if (!exec_sql (self->db, "BEGIN IMMEDIATE", error))
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

  if (!update_search_index (self, error) ||
      !exec_sql (self->db, "COMMIT", error))
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
          sync_range (self, group.first, group.last);
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

  sync_range (self, group.first, group.last);
  notify_history (self);

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

  exec_sql (self->db, "ROLLBACK", NULL);

  for (guint i = 0; i < tables->len; i++)
    sync_row (self, g_ptr_array_index (tables, i), g_array_index (ids, gint64, i));
}

static const char *
class_label (TissageRecordClass *klass,
             const char         *label)
{
  return label != NULL ? _(label) : klass->table;
}

gpointer
tissage_document_insert_values (TissageDocument  *self,
                                GType             type,
                                guint             n_values,
                                const char      **names,
                                const GValue     *values,
                                GError          **error)
{
  g_autoptr(GTypeClass) type_class = NULL;
  TissageRecordClass *klass;
  g_autofree GParamSpec **pspecs = NULL;
  GValue *checked = NULL;
  g_autoptr(GString) sql = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *modified = NULL;
  sqlite3_stmt *stmt = NULL;
  LoadedTable *lt;
  gint64 id;
  int rc;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (g_type_is_a (type, TISSAGE_TYPE_RECORD), NULL);

  if (!check_writable (self, error))
    return NULL;

  type_class = g_type_class_ref (type);
  klass = TISSAGE_RECORD_CLASS (type_class);
  pspecs = g_new0 (GParamSpec *, n_values + 1);
  checked = g_new0 (GValue, n_values + 1);

  if (!prepare_values (klass, n_values, names, values, pspecs, checked, error) ||
      !validate_row (klass, NULL, n_values, names, pspecs, checked, error) ||
      !check_link_unique (self, klass, NULL, n_values, pspecs, checked, error))
    {
      values_free (checked, n_values);
      return NULL;
    }

  /* Names and titles are required: an insert without one is refused. */
  for (guint c = 0; c < klass->n_columns; c++)
    {
      gboolean given = FALSE;

      if (!is_required_column (klass->columns[c]))
        continue;
      for (guint i = 0; i < n_values; i++)
        given |= pspecs[i] == klass->columns[c];
      if (!given)
        {
          g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                       _("“%s” cannot be empty."), _(g_param_spec_get_nick (klass->columns[c])));
          values_free (checked, n_values);
          return NULL;
        }
    }

  sql = g_string_new (NULL);
  g_string_append_printf (sql, "INSERT INTO %s (uuid, modified", klass->table);
  for (guint i = 0; i < n_values; i++)
    {
      g_autofree char *col = g_strdelimit (g_strdup (pspecs[i]->name), "-", '_');
      g_string_append_printf (sql, ", %s", col);
    }
  g_string_append (sql, ") VALUES (?, ?");
  for (guint i = 0; i < n_values; i++)
    g_string_append (sql, ", ?");
  g_string_append (sql, ")");

  if (!tissage_document_begin (self, class_label (klass, klass->label_insert), error))
    {
      values_free (checked, n_values);
      return NULL;
    }

  uuid = g_uuid_string_random ();
  modified = now_timestamp ();

  stmt = cached_statement (self, sql->str, &rc);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, modified, -1, SQLITE_STATIC);
      for (guint i = 0; i < n_values; i++)
        bind_value (stmt, i + 3, &checked[i]);
      rc = sqlite3_step (stmt);
    }
  values_free (checked, n_values);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, sqlite3_extended_errcode (self->db));
      sqlite3_reset (stmt);
      if (self->depth == 1)
        tissage_document_rollback (self);
      else
        self->depth--;
      return NULL;
    }

  sqlite3_reset (stmt);
  id = sqlite3_last_insert_rowid (self->db);

  sync_row (self, klass->table, id);

  if (!tissage_document_commit (self, error))
    return NULL;

  lt = loaded_for_type (self, type);
  if (lt != NULL)
    {
      gpointer record = g_hash_table_lookup (lt->by_id, &id);

      return record != NULL ? g_object_ref (record) : NULL;
    }
  /* Inside a group the row may still change: read it as it is now. */
  return tissage_document_fetch (self, type, id);
}

static gboolean
collect_valist (GType          type,
                const char    *first_property,
                va_list        args,
                GPtrArray    **names_out,
                GArray       **values_out)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (type);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GArray) values = g_array_new (FALSE, TRUE, sizeof (GValue));
  const char *name = first_property;

  g_array_set_clear_func (values, (GDestroyNotify) g_value_unset);

  while (name != NULL)
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_CLASS (klass), name);
      GValue value = G_VALUE_INIT;
      g_autofree char *collect_error = NULL;

      if (pspec == NULL)
        {
          g_critical ("%s has no property “%s”", g_type_name (type), name);
          return FALSE;
        }

      G_VALUE_COLLECT_INIT (&value, pspec->value_type, args, 0, &collect_error);
      if (collect_error != NULL)
        {
          g_critical ("%s", collect_error);
          return FALSE;
        }

      g_ptr_array_add (names, (gpointer) name);
      g_array_append_val (values, value);
      name = va_arg (args, const char *);
    }

  *names_out = g_steal_pointer (&names);
  *values_out = g_steal_pointer (&values);
  return TRUE;
}

gpointer
tissage_document_insert (TissageDocument  *self,
                         GType             type,
                         GError          **error,
                         const char       *first_property,
                         ...)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GArray) values = NULL;
  va_list args;
  gboolean ok;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), NULL);

  va_start (args, first_property);
  ok = collect_valist (type, first_property, args, &names, &values);
  va_end (args);

  if (!ok)
    {
      g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_FAILED,
                           _("Unexpected error: unknown field."));
      return NULL;
    }

  return tissage_document_insert_values (self, type, names->len,
                                         (const char **) names->pdata,
                                         (const GValue *) values->data, error);
}

static gboolean
update_values (TissageDocument  *self,
               TissageRecord    *record,
               guint             n_values,
               const char      **names,
               const GValue     *values,
               GError          **error)
{
  TissageRecordClass *klass = TISSAGE_RECORD_GET_CLASS (record);
  g_autofree GParamSpec **pspecs = g_new0 (GParamSpec *, n_values + 1);
  GValue *checked = g_new0 (GValue, n_values + 1);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autofree char *modified = NULL;
  g_autofree char *merge_key = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean changed = FALSE;
  int rc;

  if (!check_writable (self, error) ||
      !prepare_values (klass, n_values, names, values, pspecs, checked, error) ||
      !validate_row (klass, record, n_values, names, pspecs, checked, error) ||
      !check_link_unique (self, klass, record, n_values, pspecs, checked, error))
    {
      values_free (checked, n_values);
      return FALSE;
    }

  g_string_append_printf (sql, "UPDATE %s SET modified = ?", klass->table);
  for (guint i = 0; i < n_values; i++)
    {
      g_auto(GValue) current = G_VALUE_INIT;
      g_autofree char *col = g_strdelimit (g_strdup (pspecs[i]->name), "-", '_');

      g_value_init (&current, pspecs[i]->value_type);
      g_object_get_property (G_OBJECT (record), pspecs[i]->name, &current);
      if (g_param_values_cmp (pspecs[i], &current, &checked[i]) != 0 ||
          (G_VALUE_HOLDS_DOUBLE (&current) &&
           isnan (g_value_get_double (&current)) != isnan (g_value_get_double (&checked[i]))))
        changed = TRUE;

      g_string_append_printf (sql, ", %s = ?", col);
    }
  g_string_append (sql, " WHERE id = ?");

  if (!changed)
    {
      values_free (checked, n_values);
      return TRUE;
    }

  if (n_values == 1)
    merge_key = g_strdup_printf ("%s:%" G_GINT64_FORMAT ":%s", klass->table,
                                 tissage_record_get_id (record), pspecs[0]->name);

  if (!tissage_document_begin (self, class_label (klass, klass->label_edit), error))
    {
      values_free (checked, n_values);
      return FALSE;
    }
  if (self->depth == 1)
    tissage_set_str (&self->group_merge_key, merge_key);

  modified = now_timestamp ();
  stmt = cached_statement (self, sql->str, &rc);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, modified, -1, SQLITE_STATIC);
      for (guint i = 0; i < n_values; i++)
        bind_value (stmt, i + 2, &checked[i]);
      sqlite3_bind_int64 (stmt, n_values + 2, tissage_record_get_id (record));
      rc = sqlite3_step (stmt);
    }
  values_free (checked, n_values);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, sqlite3_extended_errcode (self->db));
      sqlite3_reset (stmt);
      if (self->depth == 1)
        tissage_document_rollback (self);
      else
        self->depth--;
      return FALSE;
    }
  sqlite3_reset (stmt);

  sync_row (self, klass->table, tissage_record_get_id (record));
  if (loaded_for_table (self, klass->table) == NULL)
    refresh_record (self, record);

  return tissage_document_commit (self, error);
}

gboolean
tissage_document_set_value (TissageDocument  *self,
                            gpointer          record,
                            const char       *property,
                            const GValue     *value,
                            GError          **error)
{
  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (TISSAGE_IS_RECORD (record), FALSE);

  return update_values (self, record, 1, &property, value, error);
}

gboolean
tissage_document_set (TissageDocument  *self,
                      gpointer          record,
                      GError          **error,
                      const char       *first_property,
                      ...)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GArray) values = NULL;
  va_list args;
  gboolean ok;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (TISSAGE_IS_RECORD (record), FALSE);

  va_start (args, first_property);
  ok = collect_valist (G_OBJECT_TYPE (record), first_property, args, &names, &values);
  va_end (args);

  if (!ok)
    {
      g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_FAILED,
                           _("Unexpected error: unknown field."));
      return FALSE;
    }

  return update_values (self, record, names->len, (const char **) names->pdata,
                        (const GValue *) values->data, error);
}

gboolean
tissage_document_delete (TissageDocument  *self,
                         gpointer          record,
                         GError          **error)
{
  g_autoptr(TissageRecord) hold = NULL;
  TissageRecordClass *klass;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (TISSAGE_IS_RECORD (record), FALSE);

  hold = g_object_ref (record);
  klass = TISSAGE_RECORD_GET_CLASS (record);
  sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?", klass->table);

  if (!tissage_document_begin (self, class_label (klass, klass->label_delete), error))
    return FALSE;

  stmt = cached_statement (self, sql, &rc);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, tissage_record_get_id (hold));
      rc = sqlite3_step (stmt);
    }

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, sqlite3_extended_errcode (self->db));
      sqlite3_reset (stmt);
      if (self->depth == 1)
        tissage_document_rollback (self);
      else
        self->depth--;
      return FALSE;
    }
  sqlite3_reset (stmt);

  return tissage_document_commit (self, error);
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
    return exec_sql (self->db, sql, error);

  id = g_ascii_strtoll (where + strlen (" WHERE id="), &end, 10);
  if (end == NULL || *end != '\0')
    return exec_sql (self->db, sql, error);

  name = g_strndup (table, where - table);
  cached = g_strdup_printf ("DELETE FROM main.%s WHERE id = ?", name);
  stmt = cached_statement (self, cached, &rc);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
    }

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, sqlite3_extended_errcode (self->db));
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

  if (!check_writable (self, error))
    return FALSE;
  g_return_val_if_fail (self->depth == 0, FALSE);

  if (from->len == 0)
    return TRUE;

  top = &g_array_index (from, UndoGroup, from->len - 1);

  if (!exec_sql (self->db, "BEGIN IMMEDIATE; PRAGMA defer_foreign_keys = ON;", error))
    return FALSE;

  group.first = undolog_max (self) + 1;

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT sql FROM temp.undolog WHERE seq BETWEEN ? AND ? ORDER BY seq DESC",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      set_sqlite_error (error, self->db, sqlite3_extended_errcode (self->db));
      exec_sql (self->db, "ROLLBACK", NULL);
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
          exec_sql (self->db, "ROLLBACK", NULL);
          return FALSE;
        }
    }

  group.last = undolog_max (self);

  if (!update_search_index (self, error))
    {
      exec_sql (self->db, "ROLLBACK", NULL);
      return FALSE;
    }

  {
    g_autofree char *drop = g_strdup_printf ("DELETE FROM temp.undolog WHERE seq BETWEEN %" G_GINT64_FORMAT
                                             " AND %" G_GINT64_FORMAT, top->first, top->last);
    if (!exec_sql (self->db, drop, error) || !exec_sql (self->db, "COMMIT", error))
      {
        exec_sql (self->db, "ROLLBACK", NULL);
        return FALSE;
      }
  }

  group.label = g_steal_pointer (&top->label);
  group.time = g_get_monotonic_time ();
  group.serial = top->serial;
  g_array_remove_index (from, from->len - 1);
  g_array_append_val (to, group);

  sync_range (self, group.first, group.last);
  notify_history (self);

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

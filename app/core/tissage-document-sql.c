/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-core"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tissage-document-private.h"

/* Turns an SQLite failure into a sentence a user can act on. */
void
tissage_db_set_error (GError    **error,
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

gboolean
tissage_db_exec (sqlite3     *db,
                 const char  *sql,
                 GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      tissage_db_set_error (error, db, sqlite3_extended_errcode (db));
      return FALSE;
    }

  return TRUE;
}

/* The statements of edits and reads are compiled once and reused: an
 * insert compiles the triggers of its table, which costs more than the
 * insert itself when hundreds of rows are written at once. A statement is
 * reset after use, never finalized. */
sqlite3_stmt *
tissage_document_cached_statement (TissageDocument *self,
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

gboolean
tissage_db_query_int64 (sqlite3     *db,
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
  tissage_db_set_error (error, db, rc);
  return FALSE;
}

void
tissage_sql_bind_value (sqlite3_stmt *stmt,
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

void
tissage_sql_column_to_value (sqlite3_stmt *stmt,
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

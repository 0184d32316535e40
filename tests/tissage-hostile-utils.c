/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#include "config.h"

#include <sqlite3.h>

#include "tissage-hostile-utils.h"

const HostileVariant hostile_variants[] = {
  { "null", "NULL", 2 },
  { "empty", "''", 2 },
  { "minus-one", "-1", 2 },
  { "zero", "0", 2 },
  { "int32-max", "2147483647", 2 },
  { "int64-max", "9223372036854775807", 2 },
  { "int64-min", "(-9223372036854775807 - 1)", 2 },
  { "huge", "1e308", 2 },
  { "minus-huge", "-1e308", 2 },
  { "infinity", "9e999", 2 },
  { "minus-infinity", "-9e999", 2 },
  /* 100 kB of words, and 1,000 characters without a space (Pango breaks a
   * long word in quadratic time: at 2,000 the verbatim view takes a second
   * on a loaded machine), in the first row of each table only. */
  { "long-text", "replace (printf ('%.*c', 20000, 'x'), 'x', 'Aé b ')", G_MAXUINT },
  { "long-word", "replace (printf ('%.*c', 1000, 'x'), 'x', 'é')", G_MAXUINT },
  { "invalid-utf8", "CAST (x'41c328ff80e2820a2d' AS TEXT)", 2 },
  { "word-for-number", "'douze'", 2 },
  { "bad-date", "'2026-13-45T25:61'", 2 },
  { "bad-color", "'#12G'", 2 },
  /* Markup, printf directives and a formula, for every place that shows it. */
  { "markup", "'<b>&amp;</i> %s%n \"=1+1'", 2 },
};

const guint hostile_n_variants = G_N_ELEMENTS (hostile_variants);

static void
exec_or_die (sqlite3    *db,
             const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static sqlite3 *
open_direct (const char *path)
{
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    g_error ("%s: %s", path, sqlite3_errmsg (db));
  return db;
}

static void
close_direct (sqlite3 *db)
{
  /* Back to one file, as a project travels. */
  exec_or_die (db, "PRAGMA wal_checkpoint (TRUNCATE)");
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static GPtrArray *
query_strings (sqlite3    *db,
               const char *sql)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (rows, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  return rows;
}

/* Every table of the schema but SQLite's own and the shadow tables of a
 * virtual one, which SQLite alone writes. */
static GPtrArray *
list_tables (sqlite3 *db)
{
  g_autoptr(GPtrArray) virtual = query_strings (db, "SELECT name FROM sqlite_schema"
                                                    " WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'");
  GPtrArray *tables = query_strings (db, "SELECT name FROM sqlite_schema"
                                         " WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name");

  for (guint i = tables->len; i-- > 0;)
    for (guint v = 0; v < virtual->len; v++)
      {
        g_autofree char *prefix = g_strconcat (g_ptr_array_index (virtual, v), "_", NULL);

        if (g_str_has_prefix (g_ptr_array_index (tables, i), prefix))
          {
            g_ptr_array_remove_index (tables, i);
            break;
          }
      }

  return tables;
}

static void
set_checks (sqlite3  *db,
            gboolean  ignore_checks)
{
  exec_or_die (db, "PRAGMA foreign_keys = OFF");
  exec_or_die (db, ignore_checks ? "PRAGMA ignore_check_constraints = ON"
                                 : "PRAGMA ignore_check_constraints = OFF");
}

guint
hostile_write_variant_db (sqlite3              *db,
                          const HostileVariant *variant,
                          gboolean              ignore_checks)
{
  g_autoptr(GPtrArray) tables = list_tables (db);
  guint written = 0;

  set_checks (db, ignore_checks);

  exec_or_die (db, "BEGIN");
  for (guint t = 0; t < tables->len; t++)
    {
      const char *table = g_ptr_array_index (tables, t);
      g_autofree char *info_sql = g_strdup_printf ("SELECT name FROM pragma_table_info ('%s')"
                                                   " ORDER BY name = 'id', cid", table);
      g_autofree char *rows_sql = g_strdup_printf ("SELECT rowid FROM \"%s\" WHERE rowid %% %u = 1",
                                                   table, variant->stride);
      g_autoptr(GPtrArray) columns = query_strings (db, info_sql);
      g_autoptr(GPtrArray) rowids = query_strings (db, rows_sql);

      g_assert_cmpuint (columns->len, >, 0);
      for (guint c = 0; c < columns->len; c++)
        {
          g_autofree char *sql = g_strdup_printf ("UPDATE \"%s\" SET \"%s\" = %s WHERE rowid = ?",
                                                  table, (const char *) g_ptr_array_index (columns, c),
                                                  variant->expression);
          sqlite3_stmt *stmt = NULL;

          if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
            g_error ("%s: %s", sql, sqlite3_errmsg (db));
          for (guint r = 0; r < rowids->len; r++)
            {
              sqlite3_bind_int64 (stmt, 1, g_ascii_strtoll (g_ptr_array_index (rowids, r), NULL, 10));
              if (sqlite3_step (stmt) == SQLITE_DONE)
                written += sqlite3_changes (db);
              sqlite3_reset (stmt);
            }
          sqlite3_finalize (stmt);
        }
    }
  exec_or_die (db, "COMMIT");

  return written;
}

guint
hostile_write_variant (const char           *path,
                       const HostileVariant *variant,
                       gboolean              ignore_checks)
{
  sqlite3 *db = open_direct (path);
  guint written = hostile_write_variant_db (db, variant, ignore_checks);

  close_direct (db);
  return written;
}

guint
hostile_write_offsets_db (sqlite3  *db,
                          gboolean  ignore_checks)
{
  static const char * const statements[] = {
    /* Past the end of the text, in order: the CHECKs accept it. */
    "UPDATE verbatims SET start = length ((SELECT text FROM answers WHERE id = answer_id)) + 3,"
    " end = length ((SELECT text FROM answers WHERE id = answer_id)) + 40 WHERE id % 5 = 0",
    "UPDATE verbatims SET start = 2, end = 2147483647 WHERE id % 5 = 1",
    "UPDATE verbatims SET start = 2147483646, end = 2147483647 WHERE id % 5 = 2",
    /* Reversed, or before the start: only with the CHECKs off. */
    "UPDATE verbatims SET start = 9, end = 2 WHERE id % 5 = 3",
    "UPDATE verbatims SET start = -7, end = -20 WHERE id % 5 = 4",
    /* Answers outside their scale, numbers that are no numbers. */
    "UPDATE answers SET number = 7 WHERE id % 4 = 0",
    "UPDATE answers SET number = -3.5 WHERE id % 4 = 1",
    "UPDATE answers SET number = 9e999 WHERE id % 4 = 2",
    "UPDATE answers SET text = 'peut-être' WHERE id % 4 = 3",
    /* Links and references to rows that are not there, or to themselves. */
    "UPDATE links SET target_id = source_id WHERE id % 3 = 0",
    "UPDATE links SET source_id = 123456789 WHERE id % 3 = 1",
    "UPDATE toc_links SET to_id = from_id WHERE id % 2 = 0",
    "UPDATE eval_questions SET stake_id = 424242 WHERE id % 2 = 0",
    "UPDATE effects SET question_id = -5 WHERE id % 3 = 0",
    "UPDATE grid_questions SET grid_id = 99999, section_id = 88888 WHERE id % 9 = 0",
    "UPDATE answers SET question_id = 77777 WHERE id % 7 = 0",
    "UPDATE verbatims SET answer_id = 66666 WHERE id % 9 = 0",
    "UPDATE measurements SET period_id = 55555 WHERE id % 6 = 0",
    /* Periods that end before they start, or are no dates at all. */
    "UPDATE periods SET start_date = end_date, end_date = start_date",
    "UPDATE interviews SET date = '31/02/2026' WHERE id % 2 = 0",
    "UPDATE categories SET color = 'rouge' WHERE id % 2 = 0",
    "UPDATE stakeholders SET x = 1e308, y = -1e308 WHERE id % 2 = 0",
  };
  guint written = 0;

  set_checks (db, ignore_checks);
  exec_or_die (db, "BEGIN");
  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    if (sqlite3_exec (db, statements[i], NULL, NULL, NULL) == SQLITE_OK)
      written += sqlite3_changes (db);
  exec_or_die (db, "COMMIT");

  return written;
}

guint
hostile_write_offsets (const char *path,
                       gboolean    ignore_checks)
{
  sqlite3 *db = open_direct (path);
  guint written = hostile_write_offsets_db (db, ignore_checks);

  close_direct (db);
  return written;
}

void
hostile_restore_checks (sqlite3 *db)
{
  exec_or_die (db, "PRAGMA ignore_check_constraints = OFF; PRAGMA foreign_keys = ON");
}

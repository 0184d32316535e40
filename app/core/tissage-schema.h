/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* One step takes a document from version (index) to version (index + 1). */
typedef gboolean (*TissageMigrationFunc) (sqlite3  *db,
                                          GError  **error);

typedef struct {
  const char           *sql;    /* run as a script, or NULL */
  TissageMigrationFunc  func;   /* run after sql, or NULL */
} TissageMigration;

/* Fills the full-text index of the interviews (version 2) from the answers. */
#define TISSAGE_SCHEMA_FILL_SEARCH_SQL \
  "INSERT INTO interviews_fts (rowid, text)" \
  " SELECT interview_id, group_concat (text, char (10)) FROM answers" \
  " WHERE text <> '' GROUP BY interview_id;"

const TissageMigration *tissage_schema_get_migrations (guint *n_migrations);

/* Every table of the document, in an order where parents come first. */
const char * const *tissage_schema_get_tables (void);

/* Creates the schema of @version (every migration up to it) in an empty
 * database, with the application id and user version. */
gboolean tissage_schema_create (sqlite3  *db,
                                guint     version,
                                GError  **error);

/*
 * Compares every object of @db's sqlite_schema (tables, indexes, triggers,
 * views) with what Tissage's schema of @version defines. Returns the
 * objects that differ or do not belong, one French description each
 * (“trigger “wipe””), and the missing ones; an empty array when the file
 * is Tissage's own. %NULL with @error if the schema cannot be read.
 */
GPtrArray *tissage_schema_find_foreign (sqlite3  *db,
                                        guint     version,
                                        GError  **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/*
 * A project written by another tool may hold what Tissage never writes.
 * Each variant is one kind of absurd value, written in every column of
 * every table of the schema (as PRAGMA table_info lists them, so a new
 * column is covered by itself), in a share of the rows so that sane and
 * absurd rows meet. The schema text itself stays as it is.
 */
typedef struct {
  const char *name;
  const char *expression;  /* SQL, written as is */
  guint       stride;      /* every stride-th row gets it */
} HostileVariant;

extern const HostileVariant hostile_variants[];
extern const guint hostile_n_variants;

/*
 * Writes @variant into the project at @path through a connection of its
 * own, foreign keys off; @ignore_checks also sets ignore_check_constraints,
 * else only what the CHECK constraints accept is written. Cells that SQLite
 * refuses anyway (types of a STRICT table, NOT NULL, UNIQUE) stay as they
 * were. Returns how many cells were written.
 */
guint hostile_write_variant (const char           *path,
                             const HostileVariant *variant,
                             gboolean              ignore_checks);

/* Verbatim offsets past the end of their answer, reversed, at G_MAXINT,
 * answers outside their scale, and the like: the values another tool gets
 * wrong in particular. */
guint hostile_write_offsets (const char *path,
                             gboolean    ignore_checks);

/*
 * The same through a connection already open, such as a document's: what
 * got past the checks of opening, as the readers then see it. Leave the
 * connection as it was with hostile_restore_checks().
 */
guint hostile_write_variant_db (sqlite3              *db,
                                const HostileVariant *variant,
                                gboolean              ignore_checks);
guint hostile_write_offsets_db (sqlite3              *db,
                                gboolean              ignore_checks);
void  hostile_restore_checks   (sqlite3              *db);

G_END_DECLS

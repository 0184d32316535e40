/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define TISSAGE_TYPE_RECORD (tissage_record_get_type ())
G_DECLARE_DERIVABLE_TYPE (TissageRecord, tissage_record, TISSAGE, RECORD, GObject)

/*
 * TissageRecord is one row of a document table. Every subclass maps its
 * GObject properties one to one onto the columns of its table (a property
 * "category-id" is the column "category_id"); the document reads and writes
 * rows through those properties, so a subclass is little more than its
 * property declarations.
 */
struct _TissageRecordClass
{
  GObjectClass parent_class;

  const char  *table;
  guint        n_columns;
  GParamSpec **columns;
  char       **column_names;

  /* Undo labels, marked with N_() */
  const char  *label_insert;
  const char  *label_edit;
  const char  *label_delete;

  /* Checks a whole row before it is written (names not empty…). */
  gboolean   (*validate) (TissageRecordClass *klass,
                          const char        **names,
                          const GValue       *values,
                          guint               n_values,
                          GError            **error);
};

gint64       tissage_record_get_id        (TissageRecord *self);
const char  *tissage_record_get_uuid      (TissageRecord *self);
const char  *tissage_record_get_modified  (TissageRecord *self);
const char  *tissage_record_get_table     (TissageRecord *self);

const char  *tissage_record_class_get_table (TissageRecordClass *klass);

/* The most characters of a name or a title, however it comes in: a longer
 * one is refused when typed or imported, and shown shortened when a file
 * already holds it. */
#define TISSAGE_NAME_MAX_CHARS 200

/* The most characters @pspec, a column, takes; 0 when only the document's
 * own limit on a text applies. */
guint        tissage_column_get_max_chars (GParamSpec *pspec);

/* The id of @record, or 0 (how a key says "none") for %NULL. */
static inline gint64
tissage_record_id (gpointer record)
{
  return record != NULL ? tissage_record_get_id (TISSAGE_RECORD (record)) : 0;
}

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include "tissage-record.h"

G_BEGIN_DECLS

/*
 * Subclasses call this from class_init with their pspecs (index 0 unused,
 * as for g_object_class_install_properties). Every pspec becomes a column;
 * its nick, marked with N_(), is the French label of the field in error
 * messages. A double holding NaN, or an int64 key holding 0, is SQL NULL.
 */
void          tissage_record_class_install_columns (TissageRecordClass *klass,
                                                    const char         *table,
                                                    GParamSpec        **pspecs,
                                                    guint               n_pspecs);

const GValue *tissage_record_peek_column   (TissageRecord *self,
                                            guint          prop_id);
void          tissage_record_store_column  (TissageRecord *self,
                                            guint          column,
                                            const GValue  *value);
void          tissage_record_set_identity  (TissageRecord *self,
                                            gint64         id,
                                            const char    *uuid,
                                            const char    *modified);

const char   *tissage_record_get_string    (TissageRecord *self, guint prop_id);
int           tissage_record_get_int       (TissageRecord *self, guint prop_id);
gint64        tissage_record_get_int64     (TissageRecord *self, guint prop_id);
gboolean      tissage_record_get_boolean   (TissageRecord *self, guint prop_id);
double        tissage_record_get_double    (TissageRecord *self, guint prop_id);

/* The undo labels of a class, marked with N_(). */
static inline void
tissage_record_class_set_labels (TissageRecordClass *klass,
                                 const char         *insert,
                                 const char         *edit,
                                 const char         *delete)
{
  klass->label_insert = insert;
  klass->label_edit = edit;
  klass->label_delete = delete;
}

/* Column declarations; @label is marked with N_(). */
GParamSpec   *tissage_column_text          (const char *name, const char *label);
GParamSpec   *tissage_column_text_optional (const char *name, const char *label);
/* A name or a title, on one line: at most TISSAGE_NAME_MAX_CHARS characters. */
GParamSpec   *tissage_column_name          (const char *name, const char *label);
gboolean      tissage_column_is_optional   (GParamSpec *pspec);
GParamSpec   *tissage_column_text_default  (const char *name, const char *label, const char *default_value);
GParamSpec   *tissage_column_int           (const char *name, const char *label, int min, int max, int default_value);
GParamSpec   *tissage_column_key           (const char *name, const char *label);
GParamSpec   *tissage_column_bool          (const char *name, const char *label, gboolean default_value);
GParamSpec   *tissage_column_real          (const char *name, const char *label);

G_END_DECLS

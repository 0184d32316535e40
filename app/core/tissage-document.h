/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <gio/gio.h>

#include "tissage-entities.h"

G_BEGIN_DECLS

#define TISSAGE_DOCUMENT_ERROR (tissage_document_error_quark ())

typedef enum {
  TISSAGE_DOCUMENT_ERROR_NOT_FOUND,
  TISSAGE_DOCUMENT_ERROR_NOT_TISSAGE,
  TISSAGE_DOCUMENT_ERROR_CORRUPT,
  TISSAGE_DOCUMENT_ERROR_LOCKED,
  TISSAGE_DOCUMENT_ERROR_NEWER_VERSION,
  TISSAGE_DOCUMENT_ERROR_READ_ONLY,
  TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
  TISSAGE_DOCUMENT_ERROR_IO,
  TISSAGE_DOCUMENT_ERROR_MIGRATION,
  TISSAGE_DOCUMENT_ERROR_FAILED,
} TissageDocumentError;

#define TISSAGE_SCHEMA_VERSION 8
#define TISSAGE_APPLICATION_ID 0x54495353 /* "TISS" */

GQuark tissage_document_error_quark (void);

#define TISSAGE_TYPE_DOCUMENT (tissage_document_get_type ())
G_DECLARE_FINAL_TYPE (TissageDocument, tissage_document, TISSAGE, DOCUMENT, GObject)

TissageDocument *tissage_document_create   (GFile        *file,
                                            GError      **error);
TissageDocument *tissage_document_open     (GFile        *file,
                                            GError      **error);
TissageDocument *tissage_document_open_checked_later (GFile   *file,
                                                      GError **error);
gboolean         tissage_document_wait_check (TissageDocument *self);
TissageDocument *tissage_document_open_taking_over (GFile   *file,
                                                    GError **error);

/*
 * Reading without writing: the project is read from a private copy, made
 * under SQLite's own lock (an older version migrated there, anything
 * foreign repaired away), so the file's bytes never change and nothing is
 * left beside it. The document is read-only with @reason, or a reason of
 * its own when the file had to be repaired.
 */
TissageDocument *tissage_document_open_for_reading (GFile   *file,
                                                    GError **error);
TissageDocument *tissage_document_open_for_reading_with_reason (GFile       *file,
                                                                const char  *reason,
                                                                GError     **error);
gboolean         tissage_document_can_save_copy (TissageDocument *self);
gboolean         tissage_document_get_repaired  (TissageDocument *self);
gboolean         tissage_document_get_detached  (TissageDocument *self);
char            *tissage_document_dup_real_path (GFile           *file);
gboolean         tissage_document_save_copy     (TissageDocument *self,
                                                 GFile           *destination,
                                                 GError         **error);

typedef enum {
  TISSAGE_FILE_OK,
  TISSAGE_FILE_REFUSED,
  TISSAGE_FILE_READ_ONLY,
} TissageFileVerdict;

TissageFileVerdict tissage_document_check_file (GFile  *file,
                                                char  **message);
TissageDocument *tissage_document_create_from_keyfile (GFile     *file,
                                                       GKeyFile  *keyfile,
                                                       GError   **error);
TissageDocument *tissage_document_create_from_keyfiles (GFile      *file,
                                                        GKeyFile  **keyfiles,
                                                        GError    **error);
TissageDocument *tissage_document_create_example (GFile   *file,
                                                  GError **error);

GFile          *tissage_document_get_file       (TissageDocument *self);
gboolean        tissage_document_get_read_only  (TissageDocument *self);
const char     *tissage_document_get_read_only_reason (TissageDocument *self);
int             tissage_document_get_schema_version   (TissageDocument *self);
TissageProject *tissage_document_get_project    (TissageDocument *self);
char           *tissage_document_dup_title      (TissageDocument *self);

/* Live models of the loaded tables; items are TissageRecord subclasses. */
GListModel     *tissage_document_get_structures   (TissageDocument *self);
GListModel     *tissage_document_get_categories   (TissageDocument *self);
GListModel     *tissage_document_get_stakeholders (TissageDocument *self);
GListModel     *tissage_document_get_links        (TissageDocument *self);

GListModel     *tissage_document_get_records (TissageDocument *self,
                                              GType            type);
gpointer        tissage_document_fetch   (TissageDocument *self,
                                          GType            type,
                                          gint64           id);
TissageLink    *tissage_document_find_link (TissageDocument *self,
                                            gint64           a,
                                            gint64           b,
                                            const char      *kind,
                                            gint64           except_id);
gpointer        tissage_document_lookup (TissageDocument *self,
                                         GType            type,
                                         gint64           id);

/*
 * Edits. Each call is one transaction and one undo step, on disk when it
 * returns; between tissage_document_begin() and _commit() several calls make
 * a single step. Values are checked against the property's range and refused
 * with TISSAGE_DOCUMENT_ERROR_INVALID_VALUE and a French message.
 */
gboolean   tissage_document_begin    (TissageDocument *self,
                                      const char      *label,
                                      GError         **error);
gboolean   tissage_document_commit   (TissageDocument *self,
                                      GError         **error);
void       tissage_document_rollback (TissageDocument *self);

/* A "uuid" property among the values gives the new row that identifier
 * instead of a new one, as a survey tool's submission keeps its own. */
gpointer   tissage_document_insert   (TissageDocument *self,
                                      GType            type,
                                      GError         **error,
                                      const char      *first_property,
                                      ...) G_GNUC_NULL_TERMINATED;
gpointer   tissage_document_insert_values (TissageDocument *self,
                                           GType            type,
                                           guint            n_values,
                                           const char     **names,
                                           const GValue    *values,
                                           GError         **error);
gboolean   tissage_document_set      (TissageDocument *self,
                                      gpointer         record,
                                      GError         **error,
                                      const char      *first_property,
                                      ...) G_GNUC_NULL_TERMINATED;
gboolean   tissage_document_set_value (TissageDocument *self,
                                       gpointer         record,
                                       const char      *property,
                                       const GValue    *value,
                                       GError         **error);
gboolean   tissage_document_delete   (TissageDocument *self,
                                      gpointer         record,
                                      GError         **error);

/* What deleting a stakeholder takes with it, for the confirmation. */
typedef struct {
  guint links;
  guint effects;
  guint interviews;
} TissageDependents;

void       tissage_document_count_dependents (TissageDocument   *self,
                                              TissageStakeholder *stakeholder,
                                              TissageDependents *out);

GHashTable  *tissage_document_dup_effect_counts (TissageDocument *self);

gboolean     tissage_document_can_undo  (TissageDocument *self);
gboolean     tissage_document_can_redo  (TissageDocument *self);
const char  *tissage_document_get_undo_label (TissageDocument *self);
const char  *tissage_document_get_redo_label (TissageDocument *self);
guint64      tissage_document_get_undo_serial (TissageDocument *self);
gboolean     tissage_document_undo      (TissageDocument *self,
                                         GError         **error);
gboolean     tissage_document_redo      (TissageDocument *self,
                                         GError         **error);

/* Cooperation in time (tissage-document-cooperation.c). */
typedef struct {
  guint created;        /* links created among the partners */
  guint strengthened;   /* links made stronger */
} TissageActionLinks;

gint64         tissage_document_find_period_of_date (TissageDocument *self,
                                                     const char      *iso);
int            tissage_document_get_link_strength   (TissageDocument *self,
                                                     TissageLink     *link,
                                                     gint64           period_id);
gboolean       tissage_document_set_link_strength   (TissageDocument  *self,
                                                     TissageLink      *link,
                                                     gint64            period_id,
                                                     int               strength,
                                                     GError          **error);
GArray        *tissage_document_dup_action_partners (TissageDocument *self,
                                                     TissageAction   *action);
TissageAction *tissage_document_add_action          (TissageDocument     *self,
                                                     const char          *title,
                                                     TissageActionKind    kind,
                                                     const char          *date,
                                                     gint64               period_id,
                                                     const gint64        *partners,
                                                     guint                n_partners,
                                                     TissageActionLinks  *links,
                                                     GError             **error);
gboolean       tissage_document_set_action_partners (TissageDocument     *self,
                                                     TissageAction       *action,
                                                     const gint64        *partners,
                                                     guint                n_partners,
                                                     TissageActionLinks  *links,
                                                     GError             **error);

G_END_DECLS

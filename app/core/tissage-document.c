/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-core"

#include "config.h"

#include <glib/gi18n.h>

#include "tissage-document-private.h"
#include "tissage-interviews.h"
#include "tissage-referentiel.h"

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

/* For the other files of the document, which do not see its properties
 * and signals. */

void
tissage_document_notify_history (TissageDocument *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

void
tissage_document_notify_read_only (TissageDocument *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
}

void
tissage_document_notify_title (TissageDocument *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

void
tissage_document_emit_row_changed (TissageDocument *self,
                                   const char      *table,
                                   gint64           id)
{
  g_signal_emit (self, signals[ROW_CHANGED], 0, table, id);
}

/* The document's own caches follow its changes before anyone else. */
static void
on_row_changed (TissageDocument *self,
                const char      *table,
                gint64           id,
                gpointer         user_data)
{
  tissage_document_forget_progress (self, table, id);
}

/* GObject */

static void
tissage_document_finalize (GObject *object)
{
  TissageDocument *self = TISSAGE_DOCUMENT (object);

  g_clear_pointer (&self->figures_cache, tissage_figures_cache_free);
  g_clear_pointer (&self->progress_cache, tissage_progress_cache_free);

  g_clear_handle_id (&self->check_poll_id, g_source_remove);
  if (self->check_thread != NULL)
    {
      /* A window closed before its check ended does not wait for it. */
      sqlite3_interrupt (self->check_db);
      g_thread_join (g_steal_pointer (&self->check_thread));
    }
  g_clear_pointer (&self->check_db, sqlite3_close);

  for (guint i = 0; i < N_LOADED; i++)
    tissage_loaded_table_clear (&self->loaded[i]);

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
  g_signal_connect (self, "row-changed", G_CALLBACK (on_row_changed), NULL);
  tissage_loaded_table_init (&self->loaded[LOADED_PROJECT], TISSAGE_TYPE_PROJECT);
  tissage_loaded_table_init (&self->loaded[LOADED_STRUCTURES], TISSAGE_TYPE_STRUCTURE);
  tissage_loaded_table_init (&self->loaded[LOADED_CATEGORIES], TISSAGE_TYPE_CATEGORY);
  tissage_loaded_table_init (&self->loaded[LOADED_STAKEHOLDERS], TISSAGE_TYPE_STAKEHOLDER);
  tissage_loaded_table_init (&self->loaded[LOADED_LINKS], TISSAGE_TYPE_LINK);
  tissage_loaded_table_init (&self->loaded[LOADED_STAKES], TISSAGE_TYPE_STAKE);
  tissage_loaded_table_init (&self->loaded[LOADED_QUESTIONS], TISSAGE_TYPE_EVAL_QUESTION);
  tissage_loaded_table_init (&self->loaded[LOADED_EFFECTS], TISSAGE_TYPE_EFFECT);
  tissage_loaded_table_init (&self->loaded[LOADED_EFFECT_STAKEHOLDERS], TISSAGE_TYPE_EFFECT_STAKEHOLDER);
  tissage_loaded_table_init (&self->loaded[LOADED_INDICATORS], TISSAGE_TYPE_INDICATOR);
  tissage_loaded_table_init (&self->loaded[LOADED_BANK], TISSAGE_TYPE_BANK_INDICATOR);
  tissage_loaded_table_init (&self->loaded[LOADED_TOC_ITEMS], TISSAGE_TYPE_TOC_ITEM);
  tissage_loaded_table_init (&self->loaded[LOADED_TOC_LINKS], TISSAGE_TYPE_TOC_LINK);
  tissage_loaded_table_init (&self->loaded[LOADED_PERIODS], TISSAGE_TYPE_PERIOD);
  tissage_loaded_table_init (&self->loaded[LOADED_GRIDS], TISSAGE_TYPE_GRID);
  tissage_loaded_table_init (&self->loaded[LOADED_GRID_CATEGORIES], TISSAGE_TYPE_GRID_CATEGORY);
  tissage_loaded_table_init (&self->loaded[LOADED_GRID_SECTIONS], TISSAGE_TYPE_GRID_SECTION);
  tissage_loaded_table_init (&self->loaded[LOADED_GRID_QUESTIONS], TISSAGE_TYPE_GRID_QUESTION);
  tissage_loaded_table_init (&self->loaded[LOADED_QUESTION_EFFECTS], TISSAGE_TYPE_QUESTION_EFFECT);
  tissage_loaded_table_init (&self->loaded[LOADED_QUESTION_INDICATORS], TISSAGE_TYPE_QUESTION_INDICATOR);
  tissage_loaded_table_init (&self->loaded[LOADED_INTERVIEWS], TISSAGE_TYPE_INTERVIEW);
  tissage_loaded_table_init (&self->loaded[LOADED_ACTIONS], TISSAGE_TYPE_ACTION);
  tissage_loaded_table_init (&self->loaded[LOADED_ACTION_PARTNERS], TISSAGE_TYPE_ACTION_PARTNER);

  self->undo = g_array_new (FALSE, TRUE, sizeof (UndoGroup));
  g_array_set_clear_func (self->undo, undo_group_clear);
  self->redo = g_array_new (FALSE, TRUE, sizeof (UndoGroup));
  g_array_set_clear_func (self->redo, undo_group_clear);
}

/* Public API */

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

sqlite3 *
tissage_document_get_db (TissageDocument *self)
{
  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), NULL);

  return self->db;
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
      g_autofree char *name = g_filename_display_basename (path);
      char *dot = g_strrstr (name, ".tissage");

      if (dot != NULL)
        *dot = '\0';
      return g_steal_pointer (&name);
    }

  return g_strdup (_("Untitled project"));
}

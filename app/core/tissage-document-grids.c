/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-core"

#include "config.h"

#include <glib/gi18n.h>

#include "tissage-document-private.h"
#include "tissage-interviews.h"
#include "tissage-record-private.h"

gboolean
tissage_document_remove_question (TissageDocument     *document,
                                  TissageGridQuestion *question,
                                  gboolean            *retired,
                                  GError             **error)
{
  gboolean has_answers;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (TISSAGE_IS_GRID_QUESTION (question), FALSE);

  has_answers = tissage_document_count_answers (document, question) > 0;
  if (retired != NULL)
    *retired = has_answers;

  if (has_answers)
    return tissage_document_set (document, question, error, "retired", TRUE, NULL);

  return tissage_document_delete (document, question, error);
}

/* Inserts a copy of @record with the columns @names replaced by @values. */
static gpointer
copy_record (TissageDocument  *document,
             gpointer          record,
             guint             n_overrides,
             const char      **names,
             const GValue     *overrides,
             GError          **error)
{
  TissageRecordClass *klass = TISSAGE_RECORD_GET_CLASS (record);
  g_autofree const char **all_names = g_new0 (const char *, klass->n_columns + 1);
  GValue *values = g_new0 (GValue, klass->n_columns + 1);
  gpointer copy;

  for (guint c = 0; c < klass->n_columns; c++)
    {
      const GValue *given = NULL;

      all_names[c] = klass->columns[c]->name;
      for (guint i = 0; i < n_overrides; i++)
        if (g_str_equal (names[i], all_names[c]))
          given = &overrides[i];

      g_value_init (&values[c], klass->columns[c]->value_type);
      g_value_copy (given != NULL ? given : tissage_record_peek_column (record, c + 1), &values[c]);
    }

  copy = tissage_document_insert_values (document, G_OBJECT_TYPE (record), klass->n_columns,
                                         all_names, values, error);

  for (guint c = 0; c < klass->n_columns; c++)
    g_value_unset (&values[c]);
  g_free (values);

  return copy;
}

static gpointer
copy_with_key (TissageDocument  *document,
               gpointer          record,
               const char       *name,
               gint64            key,
               GError          **error)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_INT64);
  g_value_set_int64 (&value, key);

  return copy_record (document, record, 1, &name, &value, error);
}

/* Copies the rows of @type whose @column is a key of @map (old → new id). */
static gboolean
copy_children (TissageDocument  *document,
               GType             type,
               const char       *column,
               GHashTable       *map,
               GHashTable       *new_map,
               GError          **error)
{
  GListModel *model = tissage_document_get_records (document, type);
  guint n = g_list_model_get_n_items (model);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  /* The model grows while copying: take the originals first. */
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (model, i));

  for (guint i = 0; i < items->len; i++)
    {
      gpointer item = g_ptr_array_index (items, i);
      gint64 parent = 0;
      gpointer target;
      g_autoptr(TissageRecord) copy = NULL;

      g_object_get (item, column, &parent, NULL);
      target = g_hash_table_lookup (map, &parent);
      if (target == NULL)
        continue;

      copy = copy_with_key (document, item, column, *(gint64 *) target, error);
      if (copy == NULL)
        return FALSE;

      if (new_map != NULL)
        {
          gint64 *old_id = g_new (gint64, 1);
          gint64 *new_id = g_new (gint64, 1);

          *old_id = tissage_record_id (item);
          *new_id = tissage_record_id (copy);
          g_hash_table_insert (new_map, old_id, new_id);
        }
    }

  return TRUE;
}

static GHashTable *
id_map_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

TissageGrid *
tissage_document_duplicate_grid (TissageDocument  *document,
                                 TissageGrid      *grid,
                                 GError          **error)
{
  g_autoptr(GHashTable) grids = id_map_new ();
  g_autoptr(GHashTable) sections = id_map_new ();
  g_autoptr(GHashTable) questions = id_map_new ();
  g_autoptr(TissageGrid) copy = NULL;
  g_autofree char *title = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  const char *name = "title";
  gint64 *old_id, *new_id;
  GListModel *all_questions;
  guint n;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (TISSAGE_IS_GRID (grid), NULL);

  if (!tissage_document_begin (document, _("Duplicate an interview guide"), error))
    return NULL;

  title = g_strdup_printf (_("%s (copy)"), tissage_grid_get_title (grid));
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, title);
  copy = copy_record (document, grid, 1, &name, &value, error);
  if (copy == NULL)
    goto failed;

  old_id = g_new (gint64, 1);
  new_id = g_new (gint64, 1);
  *old_id = tissage_record_id (grid);
  *new_id = tissage_record_id (copy);
  g_hash_table_insert (grids, old_id, new_id);

  if (!copy_children (document, TISSAGE_TYPE_GRID_CATEGORY, "grid-id", grids, NULL, error) ||
      !copy_children (document, TISSAGE_TYPE_GRID_SECTION, "grid-id", grids, sections, error) ||
      !copy_children (document, TISSAGE_TYPE_GRID_QUESTION, "grid-id", grids, questions, error))
    goto failed;

  /* The copied questions point to the copied sections. */
  all_questions = tissage_document_get_records (document, TISSAGE_TYPE_GRID_QUESTION);
  n = g_list_model_get_n_items (all_questions);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TissageGridQuestion) q = g_list_model_get_item (all_questions, i);
      gint64 section = tissage_grid_question_get_section_id (q);
      gint64 *moved = g_hash_table_lookup (sections, &section);

      if (tissage_grid_question_get_grid_id (q) == tissage_record_id (copy) && moved != NULL &&
          !tissage_document_set (document, q, error, "section-id", *moved, NULL))
        goto failed;
    }

  if (!copy_children (document, TISSAGE_TYPE_QUESTION_EFFECT, "question-id", questions, NULL, error) ||
      !copy_children (document, TISSAGE_TYPE_QUESTION_INDICATOR, "question-id", questions, NULL, error) ||
      !tissage_document_commit (document, error))
    goto failed;

  return g_steal_pointer (&copy);

failed:
  tissage_document_rollback (document);
  return NULL;
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-map"

#include "config.h"

#include <string.h>

#include "tissage-document-private.h"
#include "tissage-map-document.h"
#include "tissage-privacy.h"

static void
node_from_stakeholder (TissageStakeholder *stakeholder,
                       TissageMapNode     *node)
{
  memset (node, 0, sizeof *node);
  node->id = tissage_record_get_id (TISSAGE_RECORD (stakeholder));
  node->label = tissage_stakeholder_get_name (stakeholder);
  node->category_id = tissage_stakeholder_get_category_id (stakeholder);
  node->structure_id = tissage_stakeholder_get_structure_id (stakeholder);
  node->is_member = tissage_stakeholder_get_is_member (stakeholder);
  node->influence = tissage_stakeholder_get_influence (stakeholder);
  node->interest = tissage_stakeholder_get_interest (stakeholder);
  node->proximity = (TissageMapProximity) tissage_stakeholder_get_proximity (stakeholder);
  node->has_position = tissage_stakeholder_get_position (stakeholder, &node->x, &node->y);
}

static void
edge_from_link (TissageLink    *link,
                TissageMapEdge *edge)
{
  memset (edge, 0, sizeof *edge);
  edge->id = tissage_record_get_id (TISSAGE_RECORD (link));
  edge->source_id = tissage_link_get_source_id (link);
  edge->target_id = tissage_link_get_target_id (link);
  edge->kind = tissage_link_get_kind (link);
  edge->strength = tissage_link_get_strength (link);
}

/* The badge of each node: how many expected effects concern it. */
static void
sync_effect_counts (TissageMapModel *model,
                    TissageDocument *document)
{
  g_autoptr(GHashTable) counts = tissage_document_dup_effect_counts (document);

  for (guint i = 0; i < tissage_map_model_get_n_nodes (model); i++)
    {
      const TissageMapNode *node = tissage_map_model_get_node (model, i);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, &node->id));

      if (node->effect_count != count)
        tissage_map_model_set_node_effect_count (model, node->id, count);
    }
}

static void
sync_stakeholder (TissageMapModel *model,
                  TissageDocument *document,
                  gint64           id)
{
  TissageStakeholder *stakeholder = tissage_document_lookup (document, TISSAGE_TYPE_STAKEHOLDER, id);
  const TissageMapNode *existing = tissage_map_model_lookup_node (model, id);
  TissageMapNode node;

  if (stakeholder == NULL)
    {
      tissage_map_model_remove_node (model, id);
      return;
    }

  node_from_stakeholder (stakeholder, &node);
  if (existing != NULL)
    {
      gboolean category_changed = existing->category_id != node.category_id;

      node.effect_count = existing->effect_count;
      tissage_map_model_update_node (model, &node);
      if (category_changed)
        sync_effect_counts (model, document);
    }
  else
    {
      GListModel *links = tissage_document_get_links (document);

      tissage_map_model_add_node (model, &node);
      sync_effect_counts (model, document);

      /* Undoing a deletion brings the links back before their stakeholder:
       * the map could not draw them then, it can now. */
      for (guint i = 0; i < g_list_model_get_n_items (links); i++)
        {
          g_autoptr(TissageLink) link = g_list_model_get_item (links, i);
          TissageMapEdge edge;

          if ((tissage_link_get_source_id (link) == id || tissage_link_get_target_id (link) == id) &&
              tissage_map_model_lookup_edge (model, tissage_record_get_id (TISSAGE_RECORD (link))) == NULL)
            {
              edge_from_link (link, &edge);
              tissage_map_model_add_edge (model, &edge);
            }
        }
    }
}

static void
sync_link (TissageMapModel *model,
           TissageDocument *document,
           gint64           id)
{
  TissageLink *link = tissage_document_lookup (document, TISSAGE_TYPE_LINK, id);
  TissageMapEdge edge;

  if (link == NULL)
    {
      tissage_map_model_remove_edge (model, id);
      return;
    }

  edge_from_link (link, &edge);
  if (tissage_map_model_lookup_edge (model, id) != NULL)
    tissage_map_model_update_edge (model, &edge);
  else
    tissage_map_model_add_edge (model, &edge);
}

static void
sync_category (TissageMapModel *model,
               TissageDocument *document,
               gint64           id)
{
  TissageCategory *category = tissage_document_lookup (document, TISSAGE_TYPE_CATEGORY, id);

  if (category == NULL)
    tissage_map_model_remove_category (model, id);
  else
    tissage_map_model_set_category (model, id,
                                    tissage_category_get_name (category),
                                    tissage_category_get_color (category));
}

static void
sync_structure (TissageMapModel *model,
                TissageDocument *document,
                gint64           id)
{
  TissageStructure *structure = tissage_document_lookup (document, TISSAGE_TYPE_STRUCTURE, id);

  if (structure != NULL)
    tissage_map_model_set_structure (model, id, tissage_structure_get_name (structure));
}

/* The map is the collective's: its name is at the centre and on exports. */
static void
sync_title (TissageMapModel *model,
            TissageDocument *document)
{
  TissageProject *project = tissage_document_get_project (document);
  g_autofree char *title = NULL;

  if (project != NULL && *tissage_project_get_collective (project) != '\0')
    title = g_strdup (tissage_project_get_collective (project));
  else
    title = tissage_document_dup_title (document);

  tissage_map_model_set_title (model, title);
}

static void
on_row_changed (TissageDocument *document,
                const char      *table,
                gint64           id,
                TissageMapModel *model)
{
  if (g_str_equal (table, "stakeholders"))
    sync_stakeholder (model, document, id);
  else if (g_str_equal (table, "links"))
    sync_link (model, document, id);
  else if (g_str_equal (table, "categories"))
    sync_category (model, document, id);
  else if (g_str_equal (table, "structures"))
    sync_structure (model, document, id);
  else if (g_str_equal (table, "project"))
    sync_title (model, document);
  else if (g_str_equal (table, "effect_stakeholders") || g_str_equal (table, "effects"))
    sync_effect_counts (model, document);
}

void
tissage_map_model_bind_document (TissageMapModel *model,
                                 TissageDocument *document)
{
  GListModel *list;

  g_return_if_fail (TISSAGE_IS_MAP_MODEL (model));
  g_return_if_fail (TISSAGE_IS_DOCUMENT (document));

  tissage_map_model_clear (model);
  sync_title (model, document);

  list = tissage_document_get_categories (document);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(TissageRecord) record = g_list_model_get_item (list, i);
      sync_category (model, document, tissage_record_get_id (record));
    }

  list = tissage_document_get_structures (document);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(TissageRecord) record = g_list_model_get_item (list, i);
      sync_structure (model, document, tissage_record_get_id (record));
    }

  list = tissage_document_get_stakeholders (document);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(TissageStakeholder) stakeholder = g_list_model_get_item (list, i);
      TissageMapNode node;

      node_from_stakeholder (stakeholder, &node);
      tissage_map_model_add_node (model, &node);
    }

  list = tissage_document_get_links (document);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(TissageLink) link = g_list_model_get_item (list, i);
      TissageMapEdge edge;

      edge_from_link (link, &edge);
      tissage_map_model_add_edge (model, &edge);
    }

  sync_effect_counts (model, document);
  g_signal_connect_object (document, "row-changed", G_CALLBACK (on_row_changed), model, 0);
}

void
tissage_map_model_hide_people (TissageMapModel *model,
                               TissageDocument *document)
{
  g_autoptr(TissagePrivacy) privacy = NULL;
  g_autoptr(GList) masked = NULL;

  g_return_if_fail (TISSAGE_IS_MAP_MODEL (model));
  g_return_if_fail (TISSAGE_IS_DOCUMENT (document));

  privacy = tissage_privacy_new (tissage_document_get_db (document), TRUE, FALSE);
  masked = tissage_privacy_list_masked_stakeholders (privacy);
  for (GList *l = masked; l != NULL; l = l->next)
    tissage_map_model_set_node_label (model, *(gint64 *) l->data, tissage_privacy_hidden_name ());
}

TissageMapModel *
tissage_map_model_new_for_export (TissageDocument *document,
                                  gboolean         pseudonymise)
{
  TissageMapModel *model;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), NULL);

  model = tissage_map_model_new ();
  tissage_map_model_bind_document (model, document);
  g_signal_handlers_disconnect_by_data (document, model);
  if (pseudonymise)
    tissage_map_model_hide_people (model, document);

  return model;
}

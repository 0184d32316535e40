/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Same values as the document's TissageProximity. */
typedef enum
{
  TISSAGE_MAP_PROXIMITY_CORE,
  TISSAGE_MAP_PROXIMITY_ENGAGED,
  TISSAGE_MAP_PROXIMITY_PERIPHERY,
  TISSAGE_MAP_PROXIMITY_EXTERNAL,
  TISSAGE_MAP_N_PROXIMITIES
} TissageMapProximity;

/*
 * A stakeholder as the map sees it. When passed to the model the strings are
 * copied; @n_links is computed by the model and ignored on input.
 * @structure_id 0 means "no structure"; @effect_count 0 draws no badge.
 */
typedef struct
{
  gint64               id;
  const char          *label;
  gint64               category_id;
  gint64               structure_id;
  gboolean             is_member;
  int                  influence;
  int                  interest;
  TissageMapProximity  proximity;
  gboolean             has_position;
  double               x;
  double               y;
  guint                effect_count;
  guint                n_links;
} TissageMapNode;

/* A link; @kind is free text ("coopération", "financement"… or the user's
 * own), @strength 1 to 3. */
typedef struct
{
  gint64      id;
  gint64      source_id;
  gint64      target_id;
  const char *kind;
  int         strength;
} TissageMapEdge;

typedef struct
{
  gint64      id;
  const char *name;
  const char *color;
} TissageMapCategory;

typedef struct
{
  gint64      id;
  const char *name;
} TissageMapStructure;

#define TISSAGE_TYPE_MAP_MODEL (tissage_map_model_get_type ())
G_DECLARE_FINAL_TYPE (TissageMapModel, tissage_map_model, TISSAGE, MAP_MODEL, GObject)

TissageMapModel           *tissage_map_model_new                         (void);
void                       tissage_map_model_clear                       (TissageMapModel     *self);
guint64                    tissage_map_model_get_revision                (TissageMapModel     *self);

void                       tissage_map_model_set_title                   (TissageMapModel     *self,
                                                                          const char          *title);
const char                *tissage_map_model_get_title                   (TissageMapModel     *self);

void                       tissage_map_model_set_category                (TissageMapModel     *self,
                                                                          gint64               id,
                                                                          const char          *name,
                                                                          const char          *color);
gboolean                   tissage_map_model_remove_category             (TissageMapModel     *self,
                                                                          gint64               id);
guint                      tissage_map_model_get_n_categories            (TissageMapModel     *self);
const TissageMapCategory  *tissage_map_model_get_category                (TissageMapModel     *self,
                                                                          guint                index);
const TissageMapCategory  *tissage_map_model_lookup_category             (TissageMapModel     *self,
                                                                          gint64               id);

void                       tissage_map_model_set_structure               (TissageMapModel     *self,
                                                                          gint64               id,
                                                                          const char          *name);
guint                      tissage_map_model_get_n_structures            (TissageMapModel     *self);
const TissageMapStructure *tissage_map_model_get_structure               (TissageMapModel     *self,
                                                                          guint                index);

gboolean                   tissage_map_model_add_node                    (TissageMapModel      *self,
                                                                          const TissageMapNode *node);
gboolean                   tissage_map_model_update_node                 (TissageMapModel      *self,
                                                                          const TissageMapNode *node);
gboolean                   tissage_map_model_remove_node                 (TissageMapModel     *self,
                                                                          gint64               id);
guint                      tissage_map_model_get_n_nodes                 (TissageMapModel     *self);
const TissageMapNode      *tissage_map_model_get_node                    (TissageMapModel     *self,
                                                                          guint                index);
const TissageMapNode      *tissage_map_model_lookup_node                 (TissageMapModel     *self,
                                                                          gint64               id);
int                        tissage_map_model_find_node                   (TissageMapModel     *self,
                                                                          gint64               id);

gboolean                   tissage_map_model_set_node_position           (TissageMapModel     *self,
                                                                          gint64               id,
                                                                          double               x,
                                                                          double               y);
gboolean                   tissage_map_model_unset_node_position         (TissageMapModel     *self,
                                                                          gint64               id);
gboolean                   tissage_map_model_set_node_proximity          (TissageMapModel     *self,
                                                                          gint64               id,
                                                                          TissageMapProximity  proximity);
gboolean                   tissage_map_model_set_node_influence_interest (TissageMapModel     *self,
                                                                          gint64               id,
                                                                          int                  influence,
                                                                          int                  interest);
gboolean                   tissage_map_model_set_node_label              (TissageMapModel     *self,
                                                                          gint64               id,
                                                                          const char          *label);
gboolean                   tissage_map_model_set_node_effect_count       (TissageMapModel     *self,
                                                                          gint64               id,
                                                                          guint                effect_count);

gboolean                   tissage_map_model_add_edge                    (TissageMapModel      *self,
                                                                          const TissageMapEdge *edge);
gboolean                   tissage_map_model_update_edge                 (TissageMapModel      *self,
                                                                          const TissageMapEdge *edge);
gboolean                   tissage_map_model_remove_edge                 (TissageMapModel     *self,
                                                                          gint64               id);
guint                      tissage_map_model_get_n_edges                 (TissageMapModel     *self);
const TissageMapEdge      *tissage_map_model_get_edge                    (TissageMapModel     *self,
                                                                          guint                index);
const TissageMapEdge      *tissage_map_model_lookup_edge                 (TissageMapModel     *self,
                                                                          gint64               id);

G_END_DECLS

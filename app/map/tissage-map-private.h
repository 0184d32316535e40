/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <glib-object.h>

#include "tissage-map-layout.h"
#include "tissage-map-model.h"
#include "tissage-map-style.h"

G_BEGIN_DECLS

/* gint64 → guint, open addressing; used for every id lookup of the model. */
typedef struct
{
  gint64 *keys;
  guint  *values;   /* index + 1, 0 for an empty slot */
  guint   capacity; /* a power of two */
  guint   n_items;
} TissageMapIdMap;

void     tissage_map_id_map_init    (TissageMapIdMap *map);
void     tissage_map_id_map_clear   (TissageMapIdMap *map);
void     tissage_map_id_map_insert  (TissageMapIdMap *map,
                                     gint64           key,
                                     guint            value);
gboolean tissage_map_id_map_lookup  (const TissageMapIdMap *map,
                                     gint64                 key,
                                     guint                 *value);
void     tissage_map_id_map_remove  (TissageMapIdMap *map,
                                     gint64           key);

struct _TissageMapModel
{
  GObject          parent_instance;

  char            *title;

  GArray          *categories;      /* TissageMapCategory, owned strings */
  GArray          *category_colors; /* TissageMapColor */
  GArray          *structures;      /* TissageMapStructure, owned strings */
  GArray          *nodes;           /* TissageMapNode, owned label */
  GArray          *node_revisions;  /* guint64: revision of the last change */
  GArray          *edges;           /* TissageMapEdge, owned kind */
  GArray          *edge_kinds;      /* guint8 TissageMapLinkKind */

  TissageMapIdMap  category_map;
  TissageMapIdMap  structure_map;
  TissageMapIdMap  node_map;
  TissageMapIdMap  edge_map;

  guint            max_links;

  /* Every change bumps revision; adding or removing anything, and changes
   * to edges and categories, also set structure_revision. A change to one
   * node sets its own node_revisions entry. */
  guint64          revision;
  guint64          structure_revision;
};

static inline TissageMapNode *
tissage_map_model_node (TissageMapModel *self,
                        guint            index)
{
  return &g_array_index (self->nodes, TissageMapNode, index);
}

static inline TissageMapEdge *
tissage_map_model_edge (TissageMapModel *self,
                        guint            index)
{
  return &g_array_index (self->edges, TissageMapEdge, index);
}

int tissage_map_model_find_category (TissageMapModel *self,
                                     gint64           id);
int tissage_map_model_find_edge     (TissageMapModel *self,
                                     gint64           id);


typedef struct
{
  gint64 category_id;   /* 0 for the "other" sector */
  int    category_index; /* index in the model, -1 for "other" */
  double start;          /* radians, clockwise from the top (-π/2) */
  double end;
  guint  count;
} TissageMapSector;

struct _TissageMapLayout
{
  TissageMapLayoutKind  kind;
  guint                 n;
  double               *xy;       /* 2 × n */
  double               *radius;   /* n */
  TissageMapRect        bounds;   /* nodes and background furniture */
  double                spacing;  /* centre to centre between neighbours */
  double                unit;     /* scale of background text, world units */

  /* Rings */
  double                center_radius;
  double                ring_inner[TISSAGE_MAP_N_PROXIMITIES];
  double                ring_outer[TISSAGE_MAP_N_PROXIMITIES];
  double                strip;    /* band of the ring names, inside ring_outer */
  GArray               *sectors;  /* TissageMapSector */

  /* Grid: the square [0, grid_size]² holds the values in [x0, x1] × [y0, y1] */
  double                grid_size;
  double                grid_x0;
  double                grid_x1;
  double                grid_y0;
  double                grid_y1;
};

G_END_DECLS

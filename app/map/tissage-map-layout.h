/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <glib.h>

#include "tissage-map-geometry.h"
#include "tissage-map-model.h"
#include "tissage-map-style.h"

G_BEGIN_DECLS

typedef enum
{
  TISSAGE_MAP_LAYOUT_RINGS,
  TISSAGE_MAP_LAYOUT_GRID,
  TISSAGE_MAP_LAYOUT_FREE
} TissageMapLayoutKind;

/*
 * What a world point means in a layout, i.e. what dropping a node there
 * writes back: in the rings, @proximity (and the category sector under the
 * point, 0 outside any sector); in the grid, @influence and @interest
 * (0–100, rounded and clamped); in the free layout only @x and @y apply
 * (the other fields are -1).
 */
typedef struct
{
  TissageMapLayoutKind layout;
  double               x;
  double               y;
  int                  proximity;
  gint64               category_id;
  int                  influence;
  int                  interest;
} TissageMapDrop;

typedef struct _TissageMapLayout TissageMapLayout;

TissageMapLayout     *tissage_map_layout_new            (TissageMapLayoutKind  kind);
void                  tissage_map_layout_free           (TissageMapLayout     *layout);
TissageMapLayoutKind  tissage_map_layout_get_kind       (const TissageMapLayout *layout);

void                  tissage_map_layout_compute        (TissageMapLayout     *layout,
                                                         TissageMapModel      *model,
                                                         TissageMapNodeSize    size);
guint                 tissage_map_layout_get_n_nodes    (const TissageMapLayout *layout);
void                  tissage_map_layout_get_position   (const TissageMapLayout *layout,
                                                         guint                   index,
                                                         double                 *x,
                                                         double                 *y);
double                tissage_map_layout_get_radius     (const TissageMapLayout *layout,
                                                         guint                   index);
void                  tissage_map_layout_get_bounds     (const TissageMapLayout *layout,
                                                         TissageMapRect         *bounds);
gboolean              tissage_map_layout_locate         (const TissageMapLayout *layout,
                                                         double                  x,
                                                         double                  y,
                                                         TissageMapDrop         *drop);

void                  tissage_map_layout_get_ring       (const TissageMapLayout *layout,
                                                         TissageMapProximity     proximity,
                                                         double                 *inner,
                                                         double                 *outer);
guint                 tissage_map_layout_get_n_sectors  (const TissageMapLayout *layout);
void                  tissage_map_layout_get_sector     (const TissageMapLayout *layout,
                                                         guint                   index,
                                                         gint64                 *category_id,
                                                         double                 *start_angle,
                                                         double                 *end_angle);
void                  tissage_map_layout_get_sector_label_box (const TissageMapLayout *layout,
                                                               guint                   index,
                                                               double                  text_width,
                                                               double                  text_height,
                                                               TissageMapRect         *box);
void                  tissage_map_layout_grid_to_world  (const TissageMapLayout *layout,
                                                         int                     influence,
                                                         int                     interest,
                                                         double                 *x,
                                                         double                 *y);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TissageMapLayout, tissage_map_layout_free)

G_END_DECLS

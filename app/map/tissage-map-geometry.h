/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Zoom is clamped to this range by every function that changes it. */
#define TISSAGE_MAP_ZOOM_MIN 0.02
#define TISSAGE_MAP_ZOOM_MAX 8.0

typedef struct
{
  double x;
  double y;
  double width;
  double height;
} TissageMapRect;

/*
 * TissageMapTransform maps world coordinates (the layouts' units) to screen
 * coordinates in logical pixels: screen = world × zoom + (x, y).
 */
typedef struct
{
  double zoom;
  double x;
  double y;
} TissageMapTransform;

void     tissage_map_transform_init       (TissageMapTransform       *transform);
void     tissage_map_transform_to_screen  (const TissageMapTransform *transform,
                                           double                     world_x,
                                           double                     world_y,
                                           double                    *screen_x,
                                           double                    *screen_y);
void     tissage_map_transform_to_world   (const TissageMapTransform *transform,
                                           double                     screen_x,
                                           double                     screen_y,
                                           double                    *world_x,
                                           double                    *world_y);
void     tissage_map_transform_pan        (TissageMapTransform       *transform,
                                           double                     dx,
                                           double                     dy);
void     tissage_map_transform_zoom_at    (TissageMapTransform       *transform,
                                           double                     screen_x,
                                           double                     screen_y,
                                           double                     factor);
void     tissage_map_transform_fit        (TissageMapTransform       *transform,
                                           const TissageMapRect      *world,
                                           const TissageMapRect      *screen,
                                           double                     padding,
                                           double                     max_zoom);
gboolean tissage_map_transform_equal      (const TissageMapTransform *a,
                                           const TissageMapTransform *b);

gboolean tissage_map_rect_intersects      (const TissageMapRect      *a,
                                           const TissageMapRect      *b);
gboolean tissage_map_rect_contains_point  (const TissageMapRect      *rect,
                                           double                     x,
                                           double                     y);
void     tissage_map_rect_union           (TissageMapRect            *rect,
                                           const TissageMapRect      *other);

double   tissage_map_point_segment_distance (double px,
                                             double py,
                                             double ax,
                                             double ay,
                                             double bx,
                                             double by);

/*
 * TissageMapSpatialIndex: a uniform grid over discs (centre and radius),
 * built once per layout, so that hit testing and culling on thousands of
 * nodes only look at a few cells.
 */
typedef struct _TissageMapSpatialIndex TissageMapSpatialIndex;

TissageMapSpatialIndex *tissage_map_spatial_index_new     (const double  *xy,
                                                           const double  *radius,
                                                           const guint8  *mask,
                                                           guint          n);
void                    tissage_map_spatial_index_free    (TissageMapSpatialIndex *index);
void                    tissage_map_spatial_index_query   (const TissageMapSpatialIndex *index,
                                                           const TissageMapRect         *rect,
                                                           GArray                       *indices);
int                     tissage_map_spatial_index_nearest (const TissageMapSpatialIndex *index,
                                                           double                        x,
                                                           double                        y,
                                                           double                        tolerance,
                                                           const guint                  *order);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TissageMapSpatialIndex, tissage_map_spatial_index_free)

G_END_DECLS

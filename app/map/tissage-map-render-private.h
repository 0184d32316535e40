/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "tissage-map-view-private.h"

G_BEGIN_DECLS

/* Between the files of the renderer (tissage-map-render.c, -labels.c,
 * -background.c, -overlay.c, -legend.c) only. */

#define FONT_FAMILY             "Cantarell, Noto Sans, DejaVu Sans, sans-serif"
#define LABEL_SIZE              12.0
#define LABEL_MAX_WIDTH         124.0
#define LABEL_LARGE_WIDTH       168.0
#define LABEL_FULL_WIDTH        240.0
#define LABEL_PAD_X             3.5
#define LABEL_PAD_Y             1.0
/* Labels of nodes this far outside the region are still placed, so that
 * a label hanging into the region is known */
#define LABEL_MARGIN            140.0
#define OCCUPANCY_CELL          64.0
#define NODE_MIN_SCREEN_RADIUS  1.6
#define SPRITE_MAX_RADIUS       24.0
#define SPRITE_CACHE_MAX        4096
#define RING_TEXT_SIZE          11.0
#define BADGE_MIN_RADIUS        6.0

/* The boxes the labels are kept clear of, in cells of OCCUPANCY_CELL. */
typedef struct
{
  double x0;
  double y0;
  double x1;
  double y1;
  guint  owner;
} Box;

typedef struct
{
  GArray *boxes;
  GArray *links;  /* pairs: next link, box */
  int    *heads;
  int     cols;
  int     rows;
  double  ox;
  double  oy;
} Occupancy;

/* tissage-map-style.c */
void                  tissage_map_color_hex               (TissageMapColor *color,
                                                           const char      *spec,
                                                           double           alpha);
TissageMapColor       tissage_map_color_mix               (const TissageMapColor *a,
                                                           const TissageMapColor *b,
                                                           double                 t);
TissageMapColor       tissage_map_color_over              (const TissageMapColor *bottom,
                                                           const char            *top,
                                                           double                 alpha);
guint32               tissage_map_color_pack_rgb          (const TissageMapColor *c);

/* tissage-map-labels.c */
PangoFontDescription *tissage_map_font_new                (double   size,
                                                           gboolean bold);
PangoLayout          *tissage_map_scratch_layout          (TissageMapView *view,
                                                           const char     *text,
                                                           double          size,
                                                           gboolean        bold);
void                  tissage_map_layout_size             (PangoLayout *layout,
                                                           double      *width,
                                                           double      *height);
void                  tissage_map_occupancy_add           (Occupancy *occ,
                                                           const Box *box);
void                  tissage_map_rounded_rect            (cairo_t *cr,
                                                           double   x,
                                                           double   y,
                                                           double   w,
                                                           double   h,
                                                           double   r);
void                  tissage_map_draw_label              (TissageMapView        *view,
                                                           cairo_t               *cr,
                                                           const TissageMapLabel *label,
                                                           double                 x,
                                                           double                 y,
                                                           gboolean               dimmed,
                                                           gboolean               emphasis);

/* tissage-map-render.c */
void                  tissage_map_node_color              (TissageMapView  *view,
                                                           guint            node,
                                                           gboolean         dimmed,
                                                           TissageMapColor *color);
void                  tissage_map_node_path               (cairo_t  *cr,
                                                           double    x,
                                                           double    y,
                                                           double    r,
                                                           gboolean  member);
void                  tissage_map_draw_node_shape         (cairo_t                 *cr,
                                                           const TissageMapPalette *palette,
                                                           double                   x,
                                                           double                   y,
                                                           double                   r,
                                                           const TissageMapColor   *fill,
                                                           gboolean                 member);
gboolean              tissage_map_node_in_region          (const TissageMapPass *pass,
                                                           double                x,
                                                           double                y,
                                                           double                margin);
void                  tissage_map_draw_badge              (TissageMapView *view,
                                                           cairo_t        *cr,
                                                           double          x,
                                                           double          y,
                                                           double          r,
                                                           guint           count,
                                                           double          alpha);
void                  tissage_map_edge_screen             (TissageMapView            *view,
                                                           const TissageMapTransform *t,
                                                           guint                      e,
                                                           double                    *ax,
                                                           double                    *ay,
                                                           double                    *bx,
                                                           double                    *by);
void                  tissage_map_set_edge_style          (TissageMapView     *view,
                                                           cairo_t            *cr,
                                                           TissageMapLinkKind  kind,
                                                           int                 strength,
                                                           double              alpha,
                                                           double              extra_width);

/* tissage-map-background.c */
void                  tissage_map_add_furniture_obstacles (TissageMapView       *view,
                                                           const TissageMapPass *pass,
                                                           Occupancy            *occ);

G_END_DECLS

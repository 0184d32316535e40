/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <pango/pangocairo.h>

#include "tissage-map-private.h"
#include "tissage-map-view.h"

G_BEGIN_DECLS

typedef struct
{
  PangoLayout *layout;
  char        *text;    /* the label the layout was made from */
  double       width;   /* logical pixels at text scale */
  double       height;
  gboolean     large;   /* of a large node: wider, one more line */
} TissageMapLabel;

/* Nodes at least this large (world units) have room for longer labels */
#define TISSAGE_MAP_LARGE_NODE_RADIUS 11.0

typedef struct
{
  guint  node;
  double x;              /* top left, in the cache's screen coordinates */
  double y;
  double width;
  double height;
} TissageMapPlacedLabel;

/* Level of detail, decided once per full redraw */
typedef struct
{
  double   edge_alpha[3]; /* by strength, 0 hides */
  double   edge_width;    /* scale of the line widths */
  double   density;       /* ink of the visible links per screen pixel */
  guint    max_labels;
} TissageMapLod;

typedef struct
{
  TissageMapColor background;
  TissageMapColor foreground;
  TissageMapColor dim_foreground;
  TissageMapColor accent;
  TissageMapColor ring_text;
  TissageMapColor rings[TISSAGE_MAP_N_PROXIMITIES];
  TissageMapColor ring_line;
  TissageMapColor sector_line;
  TissageMapColor center;
  TissageMapColor center_text;
  TissageMapColor label_background;
  TissageMapColor card;
  TissageMapColor card_border;
  TissageMapColor quadrants[4];      /* key players, satisfy, inform, monitor */
  TissageMapColor quadrant_text[4];
  TissageMapColor badge;
  TissageMapColor badge_text;
  double          edge_alpha;
  double          dim_mix;           /* how far dimmed nodes fade to the background */
} TissageMapPalette;

/* One drawing of (part of) the map onto a cairo_t */
typedef struct
{
  cairo_t             *cr;
  TissageMapTransform  t;
  double               scale;        /* device pixels per logical pixel */
  TissageMapRect       region;       /* what to draw, logical pixels */
  int                  width;        /* whole target, logical pixels */
  int                  height;
  cairo_surface_t     *raster;       /* the view's own RGB24 layer, or NULL */
  gboolean             per_edge;     /* stroke links one by one (faster on images) */
  gboolean             keep_labels;  /* add to the placed labels, keep the old ones */
  const TissageMapLod *lod;
} TissageMapPass;

struct _TissageMapView
{
  GObject               parent_instance;

  TissageMapModel      *model;
  TissageMapLayoutKind  layout_kind;
  TissageMapNodeSize    node_size;
  TissageMapLayout     *layout;
  guint64               synced_revision;
  gboolean              needs_rebuild;

  /* Per node, in the model's order */
  guint                 n_nodes;
  gint64               *node_ids;     /* as of the last rebuild */
  guint8               *visible;
  guint8               *dimmed;
  guint8               *dynamic;      /* drawn over the cached layer */
  int                  *category;     /* index in the model, -1 if unknown */
  guint                *rank;         /* drawing order: higher is on top */
  guint                *draw_order;   /* node indices, bottom to top */
  TissageMapLabel      *labels;
  TissageMapLabel       full_labels[2]; /* whole names of the selected and hovered nodes */
  gint64                full_label_ids[2];
  guint                 full_label_next;
  TissageMapSpatialIndex *index;

  /* Per edge */
  guint                 n_edges;
  guint                *edge_ends;    /* 2 × n_edges node indices */

  /* State */
  TissageMapTransform   transform;
  int                   width;
  int                   height;
  double                scale;
  gboolean              auto_fit;
  gboolean              fit_pending;
  gboolean              dark;
  gboolean              show_legend;
  /* On paper (the exports, the report): no hovering to read the rest of
   * a name, so names get the lines they need. */
  gboolean              whole_labels;
  double                text_scale;
  TissageMapPalette     palette;
  gint64                selected_node;
  gint64                selected_edge;
  gint64                hovered_node;
  TissageMapIdMap       highlight;
  gboolean              highlight_active;
  TissageMapIdMap       hidden_categories;
  gint64                structure_filter;

  /* Interaction */
  TissageMapInteraction interaction;
  int                   drag_node;
  double                drag_x;       /* world centre of the dragged node */
  double                drag_y;
  double                drag_dx;      /* from the pointer to the centre, world */
  double                drag_dy;
  gboolean              link_preview;
  gint64                link_source;
  double                link_x;
  double                link_y;
  gint64                last_zoom_time;

  /* Cached layer: everything but the dynamic nodes */
  guint64               scene_serial;
  cairo_surface_t      *cache;
  cairo_surface_t      *spare;
  gboolean              cache_valid;
  guint64               cache_serial;
  TissageMapTransform   cache_transform;
  int                   cache_width;
  int                   cache_height;
  double                cache_scale;
  TissageMapLod         cache_lod;
  GArray               *placed;       /* TissageMapPlacedLabel */
  int                  *placed_slot;  /* per node: index in placed, -1 */
  gint64                last_full_us;

  /* Text and sprites */
  PangoContext         *pango;
  GHashTable           *sprites;
  GHashTable           *badge_layouts;
  cairo_surface_t      *legend;
  guint64               legend_serial;
  double                legend_width;
  double                legend_height;
  PangoLayout          *text_layout;  /* scratch */
  cairo_path_t         *ring_paths[TISSAGE_MAP_N_PROXIMITIES];
  double                ring_path_width[TISSAGE_MAP_N_PROXIMITIES];
  double                ring_path_height;
};

void     tissage_map_view_sync                (TissageMapView       *self);

void     tissage_map_palette_init             (TissageMapPalette    *palette,
                                               gboolean              dark);
void     tissage_map_render_lod               (TissageMapView       *view,
                                               const TissageMapPass *pass,
                                               TissageMapLod        *lod);
void     tissage_map_render_background        (TissageMapView       *view,
                                               const TissageMapPass *pass);
void     tissage_map_render_edges             (TissageMapView       *view,
                                               const TissageMapPass *pass);
void     tissage_map_render_center            (TissageMapView       *view,
                                               const TissageMapPass *pass);
void     tissage_map_render_nodes             (TissageMapView       *view,
                                               const TissageMapPass *pass);
void     tissage_map_render_place_labels      (TissageMapView       *view,
                                               const TissageMapPass *pass);
void     tissage_map_render_labels            (TissageMapView       *view,
                                               const TissageMapPass *pass,
                                               guint                 first,
                                               guint                 last);
void     tissage_map_render_overlay           (TissageMapView       *view,
                                               cairo_t              *cr,
                                               const TissageMapTransform *t,
                                               double                label_dx,
                                               double                label_dy,
                                               gboolean              labels_match);
void     tissage_map_render_scene             (TissageMapView       *view,
                                               const TissageMapPass *pass);
void     tissage_map_render_legend            (TissageMapView       *view,
                                               cairo_t              *cr,
                                               double                x,
                                               double                y,
                                               double                max_width,
                                               gboolean              measure_only,
                                               double               *width,
                                               double               *height);
void     tissage_map_set_source_color         (cairo_t               *cr,
                                               const TissageMapColor *color,
                                               double                 alpha);
void     tissage_map_render_clear_text_caches (TissageMapView       *view);
const TissageMapLabel *tissage_map_render_get_label (TissageMapView *view,
                                                     guint           node);
const TissageMapLabel *tissage_map_render_get_full_label (TissageMapView *view,
                                                          guint           node);
double   tissage_map_render_node_radius       (TissageMapView       *view,
                                               guint                 node,
                                               double                zoom);
void     tissage_map_render_node_position     (TissageMapView       *view,
                                               guint                 node,
                                               double               *x,
                                               double               *y);

G_END_DECLS

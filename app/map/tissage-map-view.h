/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "tissage-map-geometry.h"
#include "tissage-map-layout.h"
#include "tissage-map-model.h"
#include "tissage-map-style.h"

G_BEGIN_DECLS

typedef enum
{
  TISSAGE_MAP_INTERACTION_NONE,
  TISSAGE_MAP_INTERACTION_DRAG,
  TISSAGE_MAP_INTERACTION_PAN,
  TISSAGE_MAP_INTERACTION_ZOOM
} TissageMapInteraction;

/*
 * How a widget drives the view:
 *
 * - keep one view; set_model() once, set_size() on size_allocate (logical
 *   size and scale factor), set_dark() from the style manager;
 * - in snapshot: tissage_map_view_render() onto the cairo_t of
 *   gtk_snapshot_append_cairo(); if it returns FALSE, queue another draw
 *   shortly (a zoom on a large map showed its cached layer scaled);
 * - drag of a node: begin_drag() on press over a node, drag_to() on
 *   motion, end_drag() on release, then write the drop's values to the
 *   document and the model (proximity in the rings, influence and interest
 *   in the grid, x and y in the free layout);
 * - pan: begin_pan(), pan_by() on motion, end_pan(); zoom: begin_zoom(),
 *   zoom_at() per scroll step or pinch update, end_zoom() when the gesture
 *   ends (or a short while after the last scroll step);
 * - clicks and tooltips: node_at() first, then edge_at();
 * - selection, hover, search highlight and filters are cheap to change,
 *   queue a draw after each.
 *
 * All coordinates are the widget's, in logical pixels.
 */

#define TISSAGE_TYPE_MAP_VIEW (tissage_map_view_get_type ())
G_DECLARE_FINAL_TYPE (TissageMapView, tissage_map_view, TISSAGE, MAP_VIEW, GObject)

TissageMapView       *tissage_map_view_new                  (void);

void                  tissage_map_view_set_model            (TissageMapView       *self,
                                                             TissageMapModel      *model);
TissageMapModel      *tissage_map_view_get_model            (TissageMapView       *self);
void                  tissage_map_view_set_layout           (TissageMapView       *self,
                                                             TissageMapLayoutKind  layout);
TissageMapLayoutKind  tissage_map_view_get_layout           (TissageMapView       *self);
const TissageMapLayout *tissage_map_view_get_layout_data    (TissageMapView       *self);
void                  tissage_map_view_set_node_size        (TissageMapView       *self,
                                                             TissageMapNodeSize    size);
TissageMapNodeSize    tissage_map_view_get_node_size        (TissageMapView       *self);

void                  tissage_map_view_set_size             (TissageMapView       *self,
                                                             int                   width,
                                                             int                   height,
                                                             double                scale_factor);
void                  tissage_map_view_set_dark             (TissageMapView       *self,
                                                             gboolean              dark);
void                  tissage_map_view_set_show_legend      (TissageMapView       *self,
                                                             gboolean              show_legend);
gboolean              tissage_map_view_get_show_legend      (TissageMapView       *self);
void                  tissage_map_view_set_text_scale       (TissageMapView       *self,
                                                             double                text_scale);

/* Selection, hover, search and filters */
void                  tissage_map_view_set_selection        (TissageMapView       *self,
                                                             gint64                node_id,
                                                             gint64                edge_id);
gint64                tissage_map_view_get_selected_node    (TissageMapView       *self);
gint64                tissage_map_view_get_selected_edge    (TissageMapView       *self);
void                  tissage_map_view_set_hovered_node     (TissageMapView       *self,
                                                             gint64                node_id);
void                  tissage_map_view_set_highlight        (TissageMapView       *self,
                                                             const gint64         *node_ids,
                                                             guint                 n_node_ids);
void                  tissage_map_view_set_category_hidden  (TissageMapView       *self,
                                                             gint64                category_id,
                                                             gboolean              hidden);
gboolean              tissage_map_view_get_category_hidden  (TissageMapView       *self,
                                                             gint64                category_id);
void                  tissage_map_view_set_structure_filter (TissageMapView       *self,
                                                             gint64                structure_id);
gboolean              tissage_map_view_is_node_visible      (TissageMapView       *self,
                                                             gint64                node_id);

/* View transform */
void                  tissage_map_view_get_transform        (TissageMapView       *self,
                                                             TissageMapTransform  *transform);
void                  tissage_map_view_set_transform        (TissageMapView            *self,
                                                             const TissageMapTransform *transform);
double                tissage_map_view_get_zoom             (TissageMapView       *self);
void                  tissage_map_view_zoom_at              (TissageMapView       *self,
                                                             double                screen_x,
                                                             double                screen_y,
                                                             double                factor);
void                  tissage_map_view_pan_by               (TissageMapView       *self,
                                                             double                dx,
                                                             double                dy);
void                  tissage_map_view_fit                  (TissageMapView       *self);
void                  tissage_map_view_center_on_node       (TissageMapView       *self,
                                                             gint64                node_id);
gboolean              tissage_map_view_show_nodes           (TissageMapView       *self,
                                                             const gint64         *node_ids,
                                                             guint                 n_node_ids);
void                  tissage_map_view_screen_to_world      (TissageMapView       *self,
                                                             double                screen_x,
                                                             double                screen_y,
                                                             double               *world_x,
                                                             double               *world_y);

/* Hit testing and geometry, in the widget's coordinates */
gint64                tissage_map_view_node_at              (TissageMapView       *self,
                                                             double                screen_x,
                                                             double                screen_y);
gint64                tissage_map_view_edge_at              (TissageMapView       *self,
                                                             double                screen_x,
                                                             double                screen_y);
gboolean              tissage_map_view_get_node_rect        (TissageMapView       *self,
                                                             gint64                node_id,
                                                             TissageMapRect       *rect);
gint64                tissage_map_view_get_neighbour        (TissageMapView       *self,
                                                             gint64                node_id,
                                                             double                dx,
                                                             double                dy);
gboolean              tissage_map_view_locate               (TissageMapView       *self,
                                                             double                screen_x,
                                                             double                screen_y,
                                                             TissageMapDrop       *drop);

/* Interaction: tell the view what the pointer is doing so that it redraws
 * only what changes */
gboolean              tissage_map_view_begin_drag           (TissageMapView       *self,
                                                             gint64                node_id,
                                                             double                screen_x,
                                                             double                screen_y);
void                  tissage_map_view_drag_to              (TissageMapView       *self,
                                                             double                screen_x,
                                                             double                screen_y);
gboolean              tissage_map_view_end_drag             (TissageMapView       *self,
                                                             TissageMapDrop       *drop);
void                  tissage_map_view_cancel_drag          (TissageMapView       *self);
gint64                tissage_map_view_get_dragged_node     (TissageMapView       *self);
void                  tissage_map_view_begin_pan            (TissageMapView       *self);
void                  tissage_map_view_end_pan              (TissageMapView       *self);
void                  tissage_map_view_begin_zoom           (TissageMapView       *self);
void                  tissage_map_view_end_zoom             (TissageMapView       *self);
TissageMapInteraction tissage_map_view_get_interaction      (TissageMapView       *self);
void                  tissage_map_view_set_link_preview     (TissageMapView       *self,
                                                             gint64                source_id,
                                                             double                screen_x,
                                                             double                screen_y);
void                  tissage_map_view_clear_link_preview   (TissageMapView       *self);

/* Drawing */
gboolean              tissage_map_view_render               (TissageMapView       *self,
                                                             cairo_t              *cr);
void                  tissage_map_view_draw                 (TissageMapView       *self,
                                                             cairo_t              *cr);
void                  tissage_map_view_invalidate           (TissageMapView       *self);
void                  tissage_map_view_get_legend_size      (TissageMapView       *self,
                                                             double                max_width,
                                                             double               *width,
                                                             double               *height);
void                  tissage_map_view_draw_legend          (TissageMapView       *self,
                                                             cairo_t              *cr,
                                                             double                x,
                                                             double                y,
                                                             double                max_width);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-map"

#include "config.h"

#include <math.h>
#include <string.h>

#include "tissage-map-view-private.h"

/* A zoom step is shown by scaling the cached layer when a full redraw
 * costs more than this; the full redraw follows when the zoom settles */
#define ZOOM_BUDGET_US      9000
#define ZOOM_SETTLE_US      220000
#define MAX_STICKY_NODES    64
#define FIT_PADDING         24.0
#define FIT_MAX_ZOOM        1.6
#define HIT_TOLERANCE       4.0

G_DEFINE_FINAL_TYPE (TissageMapView, tissage_map_view, G_TYPE_OBJECT)

/* Sync with the model */

static void
free_node_arrays (TissageMapView *self)
{
  for (guint i = 0; i < self->n_nodes; i++)
    {
      g_clear_object (&self->labels[i].layout);
      g_clear_pointer (&self->labels[i].text, g_free);
    }
  g_clear_pointer (&self->node_ids, g_free);
  g_clear_pointer (&self->visible, g_free);
  g_clear_pointer (&self->dimmed, g_free);
  g_clear_pointer (&self->dynamic, g_free);
  g_clear_pointer (&self->category, g_free);
  g_clear_pointer (&self->rank, g_free);
  g_clear_pointer (&self->draw_order, g_free);
  g_clear_pointer (&self->labels, g_free);
  g_clear_pointer (&self->placed_slot, g_free);
  g_clear_pointer (&self->edge_ends, g_free);
  g_clear_pointer (&self->index, tissage_map_spatial_index_free);
  self->n_nodes = 0;
  self->n_edges = 0;
}

static void
update_flags (TissageMapView *self)
{
  for (guint i = 0; i < self->n_nodes; i++)
    {
      const TissageMapNode *node = tissage_map_model_node (self->model, i);
      gboolean visible = TRUE;

      if (self->hidden_categories.n_items > 0 &&
          tissage_map_id_map_lookup (&self->hidden_categories, node->category_id, NULL))
        visible = FALSE;
      if (self->structure_filter != 0 && node->structure_id != self->structure_filter)
        visible = FALSE;

      self->visible[i] = visible;
      self->dimmed[i] = self->highlight_active && !tissage_map_id_map_lookup (&self->highlight, node->id, NULL);
    }
}

static int
compare_draw_order (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  TissageMapView *self = user_data;
  guint i = *(const guint *) a, j = *(const guint *) b;
  double ri = self->layout->radius[i], rj = self->layout->radius[j];
  gint64 ii, ij;

  /* Small nodes below, large ones on top */
  if (ri != rj)
    return ri < rj ? -1 : 1;
  ii = tissage_map_model_node (self->model, i)->id;
  ij = tissage_map_model_node (self->model, j)->id;
  return ii < ij ? -1 : ii > ij ? 1 : 0;
}

static void
update_order_and_index (TissageMapView *self)
{
  for (guint i = 0; i < self->n_nodes; i++)
    self->draw_order[i] = i;
  g_qsort_with_data (self->draw_order, (gint) self->n_nodes, sizeof (guint), compare_draw_order, self);
  for (guint k = 0; k < self->n_nodes; k++)
    self->rank[self->draw_order[k]] = k;

  g_clear_pointer (&self->index, tissage_map_spatial_index_free);
  self->index = tissage_map_spatial_index_new (self->layout->xy, self->layout->radius, self->visible, self->n_nodes);
}

static void
scene_changed (TissageMapView *self)
{
  self->scene_serial++;
}

static void
rebuild (TissageMapView *self)
{
  TissageMapModel *model = self->model;
  TissageMapIdMap old_map;
  TissageMapLabel *old_labels = g_steal_pointer (&self->labels);
  g_autofree gint64 *old_ids = g_steal_pointer (&self->node_ids);
  g_autofree guint8 *old_dynamic = g_steal_pointer (&self->dynamic);
  guint old_n = self->n_nodes;
  gint64 drag_id = 0;

  /* Keep the measured labels and the nodes drawn apart across the rebuild */
  tissage_map_id_map_init (&old_map);
  for (guint i = 0; old_ids != NULL && i < old_n; i++)
    tissage_map_id_map_insert (&old_map, old_ids[i], i);
  if (self->interaction == TISSAGE_MAP_INTERACTION_DRAG && old_ids != NULL &&
      self->drag_node >= 0 && (guint) self->drag_node < old_n)
    drag_id = old_ids[self->drag_node];

  self->n_nodes = 0;
  free_node_arrays (self);

  self->n_nodes = model->nodes->len;
  self->n_edges = model->edges->len;
  self->node_ids = g_new (gint64, MAX (self->n_nodes, 1));
  self->visible = g_new0 (guint8, MAX (self->n_nodes, 1));
  self->dimmed = g_new0 (guint8, MAX (self->n_nodes, 1));
  self->dynamic = g_new0 (guint8, MAX (self->n_nodes, 1));
  self->category = g_new (int, MAX (self->n_nodes, 1));
  self->rank = g_new0 (guint, MAX (self->n_nodes, 1));
  self->draw_order = g_new0 (guint, MAX (self->n_nodes, 1));
  self->labels = g_new0 (TissageMapLabel, MAX (self->n_nodes, 1));
  self->placed_slot = g_new (int, MAX (self->n_nodes, 1));
  self->edge_ends = g_new0 (guint, 2 * MAX (self->n_edges, 1));

  for (guint i = 0; i < self->n_nodes; i++)
    {
      const TissageMapNode *node = tissage_map_model_node (model, i);
      guint old;

      self->node_ids[i] = node->id;
      self->category[i] = tissage_map_model_find_category (model, node->category_id);
      self->placed_slot[i] = -1;
      if (old_labels != NULL && tissage_map_id_map_lookup (&old_map, node->id, &old))
        {
          self->labels[i] = old_labels[old];
          memset (&old_labels[old], 0, sizeof old_labels[old]);
          self->dynamic[i] = old_dynamic != NULL && old_dynamic[old];
        }
    }

  for (guint i = 0; old_labels != NULL && i < old_n; i++)
    {
      g_clear_object (&old_labels[i].layout);
      g_free (old_labels[i].text);
    }
  g_free (old_labels);
  tissage_map_id_map_clear (&old_map);

  for (guint e = 0; e < self->n_edges; e++)
    {
      const TissageMapEdge *edge = tissage_map_model_edge (model, e);

      self->edge_ends[2 * e] = (guint) MAX (tissage_map_model_find_node (model, edge->source_id), 0);
      self->edge_ends[2 * e + 1] = (guint) MAX (tissage_map_model_find_node (model, edge->target_id), 0);
    }

  if (self->layout == NULL || tissage_map_layout_get_kind (self->layout) != self->layout_kind)
    {
      g_clear_pointer (&self->layout, tissage_map_layout_free);
      self->layout = tissage_map_layout_new (self->layout_kind);
    }
  tissage_map_layout_compute (self->layout, model, self->node_size);

  update_flags (self);
  update_order_and_index (self);
  g_array_set_size (self->placed, 0);

  self->drag_node = drag_id != 0 ? tissage_map_model_find_node (model, drag_id) : -1;
  if (self->drag_node < 0 && self->interaction == TISSAGE_MAP_INTERACTION_DRAG)
    self->interaction = TISSAGE_MAP_INTERACTION_NONE;

  self->needs_rebuild = FALSE;
  self->fit_pending = TRUE;
  scene_changed (self);
}

/* Only some nodes changed: lay out again, and keep the cached layer if all
 * that moved is drawn apart anyway */
static void
sync_nodes (TissageMapView *self)
{
  TissageMapModel *model = self->model;
  g_autofree double *old_xy = g_memdup2 (self->layout->xy, sizeof (double) * 2 * MAX (self->n_nodes, 1));
  g_autofree double *old_radius = g_memdup2 (self->layout->radius, sizeof (double) * MAX (self->n_nodes, 1));
  g_autofree guint8 *old_visible = g_memdup2 (self->visible, MAX (self->n_nodes, 1));
  gboolean static_changed = FALSE;

  for (guint i = 0; i < self->n_nodes; i++)
    self->category[i] = tissage_map_model_find_category (model, tissage_map_model_node (model, i)->category_id);

  tissage_map_layout_compute (self->layout, model, self->node_size);
  update_flags (self);

  for (guint i = 0; i < self->n_nodes && !static_changed; i++)
    {
      gboolean changed = g_array_index (model->node_revisions, guint64, i) > self->synced_revision ||
                         old_xy[2 * i] != self->layout->xy[2 * i] ||
                         old_xy[2 * i + 1] != self->layout->xy[2 * i + 1] ||
                         old_radius[i] != self->layout->radius[i] ||
                         old_visible[i] != self->visible[i];

      if (changed && !self->dynamic[i])
        static_changed = TRUE;
    }

  update_order_and_index (self);

  if (static_changed)
    scene_changed (self);
}

void
tissage_map_view_sync (TissageMapView *self)
{
  if (self->model == NULL)
    return;

  if (self->needs_rebuild || self->layout == NULL ||
      self->model->structure_revision > self->synced_revision)
    rebuild (self);
  else if (self->model->revision != self->synced_revision)
    sync_nodes (self);
  else
    return;

  self->synced_revision = self->model->revision;
}

static void
clear_sticky (TissageMapView *self)
{
  gboolean any = FALSE;

  for (guint i = 0; i < self->n_nodes; i++)
    if (self->dynamic[i] &&
        !((int) i == self->drag_node && self->interaction == TISSAGE_MAP_INTERACTION_DRAG))
      {
        self->dynamic[i] = FALSE;
        any = TRUE;
      }

  if (any)
    scene_changed (self);
}

/* Cached layer */

static cairo_surface_t *
layer_new (TissageMapView *self)
{
  cairo_surface_t *surface;

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                        (int) ceil (self->width * self->scale),
                                        (int) ceil (self->height * self->scale));
  cairo_surface_set_device_scale (surface, self->scale, self->scale);
  return surface;
}

static gboolean
layer_fits (TissageMapView  *self,
            cairo_surface_t *surface)
{
  return surface != NULL &&
         cairo_image_surface_get_width (surface) == (int) ceil (self->width * self->scale) &&
         cairo_image_surface_get_height (surface) == (int) ceil (self->height * self->scale);
}

static void
init_pass (TissageMapView  *self,
           TissageMapPass  *pass,
           cairo_t         *cr,
           cairo_surface_t *raster)
{
  memset (pass, 0, sizeof *pass);
  pass->cr = cr;
  pass->t = self->transform;
  pass->scale = self->scale;
  pass->region.width = self->width;
  pass->region.height = self->height;
  pass->width = self->width;
  pass->height = self->height;
  pass->raster = raster;
}

static void
render_full (TissageMapView *self)
{
  TissageMapPass pass;
  cairo_t *cr;
  gint64 start = g_get_monotonic_time ();

  if (self->interaction != TISSAGE_MAP_INTERACTION_DRAG)
    clear_sticky (self);
  else
    {
      guint n_sticky = 0;

      for (guint i = 0; i < self->n_nodes; i++)
        n_sticky += self->dynamic[i];
      if (n_sticky > MAX_STICKY_NODES)
        clear_sticky (self);
    }

  if (!layer_fits (self, self->cache))
    {
      g_clear_pointer (&self->cache, cairo_surface_destroy);
      g_clear_pointer (&self->spare, cairo_surface_destroy);
      self->cache = layer_new (self);
    }

  cr = cairo_create (self->cache);
  init_pass (self, &pass, cr, self->cache);
  tissage_map_render_lod (self, &pass, &self->cache_lod);
  pass.lod = &self->cache_lod;
  tissage_map_render_scene (self, &pass);
  cairo_destroy (cr);
  cairo_surface_flush (self->cache);

  self->cache_valid = TRUE;
  self->cache_serial = self->scene_serial;
  self->cache_transform = self->transform;
  self->cache_width = self->width;
  self->cache_height = self->height;
  self->cache_scale = self->scale;
  self->last_full_us = g_get_monotonic_time () - start;
}

/* The view moved by whole device pixels: shift the layer and draw only the
 * strips that came into view */
static gboolean
scroll_cache (TissageMapView *self)
{
  double s = self->scale;
  long dx = lround ((self->transform.x - self->cache_transform.x) * s);
  long dy = lround ((self->transform.y - self->cache_transform.y) * s);
  double lx = dx / s, ly = dy / s;
  TissageMapRect strips[2];
  guint n_strips = 0, old_len;
  TissageMapPass pass;
  cairo_t *cr;

  if (dx == 0 && dy == 0)
    return TRUE;
  if (labs (dx) >= (long) (self->width * s) || labs (dy) >= (long) (self->height * s))
    return FALSE;

  if (!layer_fits (self, self->spare))
    {
      g_clear_pointer (&self->spare, cairo_surface_destroy);
      self->spare = layer_new (self);
    }

  cr = cairo_create (self->spare);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_set_source_surface (cr, self->cache, lx, ly);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
  cairo_paint (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);

  self->cache_transform.x += lx;
  self->cache_transform.y += ly;

  /* Labels move with the layer; those gone out of view are forgotten */
  {
    guint kept = 0;

    for (guint k = 0; k < self->placed->len; k++)
      {
        TissageMapPlacedLabel placed = g_array_index (self->placed, TissageMapPlacedLabel, k);

        self->placed_slot[placed.node] = -1;
        placed.x += lx;
        placed.y += ly;
        if (placed.x + placed.width < 0.0 || placed.y + placed.height < 0.0 ||
            placed.x > self->width || placed.y > self->height)
          continue;
        self->placed_slot[placed.node] = (int) kept;
        g_array_index (self->placed, TissageMapPlacedLabel, kept++) = placed;
      }
    g_array_set_size (self->placed, kept);
  }

  if (dx != 0)
    {
      TissageMapRect r = { dx > 0 ? 0.0 : self->width + lx, 0.0, fabs (lx), self->height };

      strips[n_strips++] = r;
    }
  if (dy != 0)
    {
      TissageMapRect r = { 0.0, dy > 0 ? 0.0 : self->height + ly, self->width, fabs (ly) };

      strips[n_strips++] = r;
    }

  init_pass (self, &pass, cr, self->spare);
  pass.t = self->cache_transform;
  pass.lod = &self->cache_lod;
  pass.keep_labels = TRUE;

  for (guint k = 0; k < n_strips; k++)
    {
      pass.region = strips[k];
      cairo_save (cr);
      cairo_rectangle (cr, strips[k].x, strips[k].y, strips[k].width, strips[k].height);
      cairo_clip (cr);
      tissage_map_render_background (self, &pass);
      tissage_map_render_edges (self, &pass);
      tissage_map_render_center (self, &pass);
      tissage_map_render_nodes (self, &pass);
      cairo_restore (cr);
    }

  /* Labels: those already placed are completed inside the strips, new
   * ones are placed around them and drawn whole */
  old_len = self->placed->len;
  pass.region.x = 0.0;
  pass.region.y = 0.0;
  pass.region.width = self->width;
  pass.region.height = self->height;
  tissage_map_render_place_labels (self, &pass);
  for (guint k = 0; k < n_strips; k++)
    {
      TissageMapPass strip = pass;

      strip.region = strips[k];
      cairo_save (cr);
      cairo_rectangle (cr, strips[k].x, strips[k].y, strips[k].width, strips[k].height);
      cairo_clip (cr);
      tissage_map_render_labels (self, &strip, 0, old_len);
      cairo_restore (cr);
    }
  tissage_map_render_labels (self, &pass, old_len, G_MAXUINT);

  cairo_destroy (cr);
  cairo_surface_flush (self->spare);

  {
    cairo_surface_t *tmp = self->cache;

    self->cache = self->spare;
    self->spare = tmp;
  }

  return TRUE;
}

static void
ensure_legend (TissageMapView *self)
{
  cairo_t *cr;
  double w, h;
  guint64 serial = self->scene_serial;

  if (self->legend != NULL && self->legend_serial == serial)
    return;

  g_clear_pointer (&self->legend, cairo_surface_destroy);
  tissage_map_render_legend (self, NULL, 0.0, 0.0, 260.0, TRUE, &w, &h);
  self->legend_width = w + 8.0;
  self->legend_height = h + 8.0;
  self->legend = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                             (int) ceil (self->legend_width * self->scale),
                                             (int) ceil (self->legend_height * self->scale));
  cairo_surface_set_device_scale (self->legend, self->scale, self->scale);
  cr = cairo_create (self->legend);
  tissage_map_render_legend (self, cr, 4.0, 4.0, 260.0, FALSE, NULL, NULL);
  cairo_destroy (cr);
  self->legend_serial = serial;
}

static void
auto_fit_if_needed (TissageMapView *self)
{
  if (self->auto_fit && self->fit_pending && self->width > 0 && self->height > 0 && self->layout != NULL)
    tissage_map_view_fit (self);
}

/* GObject */

static void
tissage_map_view_dispose (GObject *object)
{
  TissageMapView *self = (TissageMapView *) object;

  free_node_arrays (self);
  for (guint k = 0; k < G_N_ELEMENTS (self->full_labels); k++)
    {
      g_clear_object (&self->full_labels[k].layout);
      g_clear_pointer (&self->full_labels[k].text, g_free);
    }
  g_clear_object (&self->model);
  g_clear_pointer (&self->layout, tissage_map_layout_free);
  g_clear_pointer (&self->cache, cairo_surface_destroy);
  g_clear_pointer (&self->spare, cairo_surface_destroy);
  g_clear_pointer (&self->legend, cairo_surface_destroy);
  g_clear_pointer (&self->sprites, g_hash_table_unref);
  g_clear_pointer (&self->badge_layouts, g_hash_table_unref);
  for (guint p = 0; p < TISSAGE_MAP_N_PROXIMITIES; p++)
    g_clear_pointer (&self->ring_paths[p], cairo_path_destroy);
  g_clear_object (&self->text_layout);
  g_clear_object (&self->pango);

  G_OBJECT_CLASS (tissage_map_view_parent_class)->dispose (object);
}

static void
tissage_map_view_finalize (GObject *object)
{
  TissageMapView *self = (TissageMapView *) object;

  g_clear_pointer (&self->placed, g_array_unref);
  tissage_map_id_map_clear (&self->highlight);
  tissage_map_id_map_clear (&self->hidden_categories);

  G_OBJECT_CLASS (tissage_map_view_parent_class)->finalize (object);
}

static void
tissage_map_view_class_init (TissageMapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tissage_map_view_dispose;
  object_class->finalize = tissage_map_view_finalize;
}

static void
tissage_map_view_init (TissageMapView *self)
{
  cairo_font_options_t *options;

  self->layout_kind = TISSAGE_MAP_LAYOUT_RINGS;
  self->node_size = TISSAGE_MAP_NODE_SIZE_INFLUENCE;
  self->scale = 1.0;
  self->text_scale = 1.0;
  self->auto_fit = TRUE;
  self->drag_node = -1;
  self->show_legend = FALSE;
  tissage_map_transform_init (&self->transform);
  tissage_map_palette_init (&self->palette, FALSE);
  tissage_map_id_map_init (&self->highlight);
  tissage_map_id_map_init (&self->hidden_categories);
  self->placed = g_array_new (FALSE, FALSE, sizeof (TissageMapPlacedLabel));
  self->sprites = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                         (GDestroyNotify) cairo_surface_destroy);
  self->badge_layouts = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);

  /* Unhinted metrics: text measures the same on screen, in PNG, SVG and PDF */
  self->pango = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_SLIGHT);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (self->pango, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (self->pango, 96.0);
  /* Nor whole-pixel advances: the legend of the report, drawn small, lost
   * the space of its bold « Parties prenantes » to the rounding. */
  pango_context_set_round_glyph_positions (self->pango, FALSE);
  self->text_layout = pango_layout_new (self->pango);
  self->scene_serial = 1;
}

/* Public API */

/**
 * tissage_map_view_new:
 *
 * A map as the widget shows it: a model seen through a layout, a zoom and
 * pan, filters, a selection and a hover; it draws itself onto any cairo_t
 * and answers hit tests. The widget keeps one alive, calls
 * tissage_map_view_render() for each frame and tells it about drags, pans
 * and zooms so that it redraws only what changes.
 */
TissageMapView *
tissage_map_view_new (void)
{
  return g_object_new (TISSAGE_TYPE_MAP_VIEW, NULL);
}

void
tissage_map_view_set_model (TissageMapView  *self,
                            TissageMapModel *model)
{
  g_return_if_fail (TISSAGE_IS_MAP_VIEW (self));
  g_return_if_fail (model == NULL || TISSAGE_IS_MAP_MODEL (model));

  if (self->model == model)
    return;

  self->interaction = TISSAGE_MAP_INTERACTION_NONE;
  self->drag_node = -1;
  free_node_arrays (self);
  g_set_object (&self->model, model);
  self->needs_rebuild = TRUE;
  self->synced_revision = 0;
  self->auto_fit = TRUE;
  self->cache_valid = FALSE;
  g_array_set_size (self->placed, 0);
  scene_changed (self);

  if (model == NULL)
    g_clear_pointer (&self->layout, tissage_map_layout_free);
  else
    tissage_map_view_sync (self);
}

TissageMapModel *
tissage_map_view_get_model (TissageMapView *self)
{
  g_return_val_if_fail (TISSAGE_IS_MAP_VIEW (self), NULL);

  return self->model;
}

/* Switching layout re-fits the map to the view. */
void
tissage_map_view_set_layout (TissageMapView       *self,
                             TissageMapLayoutKind  layout)
{
  g_return_if_fail (TISSAGE_IS_MAP_VIEW (self));
  g_return_if_fail (layout <= TISSAGE_MAP_LAYOUT_FREE);

  if (self->layout_kind == layout)
    return;

  tissage_map_view_cancel_drag (self);
  self->layout_kind = layout;
  self->needs_rebuild = TRUE;
  self->auto_fit = TRUE;
  tissage_map_view_sync (self);
}

TissageMapLayoutKind
tissage_map_view_get_layout (TissageMapView *self)
{
  g_return_val_if_fail (TISSAGE_IS_MAP_VIEW (self), TISSAGE_MAP_LAYOUT_RINGS);

  return self->layout_kind;
}

/* The current layout, up to date with the model; %NULL without a model. */
const TissageMapLayout *
tissage_map_view_get_layout_data (TissageMapView *self)
{
  g_return_val_if_fail (TISSAGE_IS_MAP_VIEW (self), NULL);

  tissage_map_view_sync (self);
  return self->layout;
}

void
tissage_map_view_set_node_size (TissageMapView     *self,
                                TissageMapNodeSize  size)
{
  g_return_if_fail (TISSAGE_IS_MAP_VIEW (self));

  if (self->node_size == size)
    return;

  self->node_size = size;
  self->needs_rebuild = TRUE;
  tissage_map_view_sync (self);
}

TissageMapNodeSize
tissage_map_view_get_node_size (TissageMapView *self)
{
  g_return_val_if_fail (TISSAGE_IS_MAP_VIEW (self), TISSAGE_MAP_NODE_SIZE_INFLUENCE);

  return self->node_size;
}

/* The widget's size in logical pixels and its scale factor (HiDPI). */
void
tissage_map_view_set_size (TissageMapView *self,
                           int             width,
                           int             height,
                           double          scale_factor)
{
  g_return_if_fail (TISSAGE_IS_MAP_VIEW (self));

  width = MAX (width, 0);
  height = MAX (height, 0);
  scale_factor = scale_factor > 0.0 ? scale_factor : 1.0;

  if (self->width == width && self->height == height && self->scale == scale_factor)
    return;

  if (self->scale != scale_factor)
    g_hash_table_remove_all (self->sprites);

  self->width = width;
  self->height = height;
  self->scale = scale_factor;
  g_clear_pointer (&self->legend, cairo_surface_destroy);
  self->fit_pending = TRUE;
  auto_fit_if_needed (self);
}

/* Follow the style manager's dark preference */
void
tissage_map_view_set_dark (TissageMapView *self,
                           gboolean        dark)
{
  g_return_if_fail (TISSAGE_IS_MAP_VIEW (self));

  dark = !!dark;
  if (self->dark == dark)
    return;

  self->dark = dark;
  tissage_map_palette_init (&self->palette, dark);
  g_hash_table_remove_all (self->sprites);
  g_clear_pointer (&self->legend, cairo_surface_destroy);
  scene_changed (self);
}

/* Draw the legend card in the bottom left corner of the view. */
void
tissage_map_view_set_show_legend (TissageMapView *self,
                                  gboolean        show_legend)
{
  g_return_if_fail (TISSAGE_IS_MAP_VIEW (self));

  if (self->show_legend == !!show_legend)
    return;

  self->show_legend = !!show_legend;
  self->fit_pending = TRUE;
}

gboolean
tissage_map_view_get_show_legend (TissageMapView *self)
{
  g_return_val_if_fail (TISSAGE_IS_MAP_VIEW (self), FALSE);

  return self->show_legend;
}

/* Size of the labels and legend text, 1.0 on screen. */
void
tissage_map_view_set_text_scale (TissageMapView *self,
                                 double          text_scale)
{
  g_return_if_fail (TISSAGE_IS_MAP_VIEW (self));
  g_return_if_fail (text_scale > 0.0);

  if (self->text_scale == text_scale)
    return;

  self->text_scale = text_scale;
  tissage_map_render_clear_text_caches (self);
  g_array_set_size (self->placed, 0);
  scene_changed (self);
}

/* 0 for none. The selection is drawn over the cached layer: changing it is
 * cheap. */
void
tissage_map_view_set_selection (TissageMapView *self,
                                gint64          node_id,
                                gint64          edge_id)
{
  g_return_if_fail (TISSAGE_IS_MAP_VIEW (self));

  self->selected_node = node_id;
  self->selected_edge = edge_id;
}

gint64
tissage_map_view_get_selected_node (TissageMapView *self)
{
  g_return_val_if_fail (TISSAGE_IS_MAP_VIEW (self), 0);

  return self->selected_node;
}

gint64
tissage_map_view_get_selected_edge (TissageMapView *self)
{
  g_return_val_if_fail (TISSAGE_IS_MAP_VIEW (self), 0);

  return self->selected_edge;
}

void
tissage_map_view_set_hovered_node (TissageMapView *self,
                                   gint64          node_id)
{
  g_return_if_fail (TISSAGE_IS_MAP_VIEW (self));

  self->hovered_node = node_id;
}

/**
 * tissage_map_view_set_highlight:
 * @node_ids: (nullable): the search matches, or %NULL for no search
 *
 * Nodes not in @node_ids are dimmed, as are links not between two of them.
 * An empty, non-%NULL set dims everything (a search without result).
 */
void
tissage_map_view_set_highlight (TissageMapView *self,
                                const gint64   *node_ids,
                                guint           n_node_ids)
{
  g_return_if_fail (TISSAGE_IS_MAP_VIEW (self));

  tissage_map_id_map_clear (&self->highlight);
  self->highlight_active = node_ids != NULL;
  for (guint i = 0; node_ids != NULL && i < n_node_ids; i++)
    tissage_map_id_map_insert (&self->highlight, node_ids[i], i);

  if (self->n_nodes > 0)
    update_flags (self);
  scene_changed (self);
}

void
tissage_map_view_set_category_hidden (TissageMapView *self,
                                      gint64          category_id,
                                      gboolean        hidden)
{
  g_return_if_fail (TISSAGE_IS_MAP_VIEW (self));

  if (!!hidden == tissage_map_id_map_lookup (&self->hidden_categories, category_id, NULL))
    return;

  if (hidden)
    tissage_map_id_map_insert (&self->hidden_categories, category_id, 0);
  else
    tissage_map_id_map_remove (&self->hidden_categories, category_id);

  if (self->n_nodes > 0)
    {
      update_flags (self);
      update_order_and_index (self);
    }
  scene_changed (self);
}

gboolean
tissage_map_view_get_category_hidden (TissageMapView *self,
                                      gint64          category_id)
{
  g_return_val_if_fail (TISSAGE_IS_MAP_VIEW (self), FALSE);

  return tissage_map_id_map_lookup (&self->hidden_categories, category_id, NULL);
}

/* Show only the stakeholders of one structure; 0 shows all. */
void
tissage_map_view_set_structure_filter (TissageMapView *self,
                                       gint64          structure_id)
{
  g_return_if_fail (TISSAGE_IS_MAP_VIEW (self));

  if (self->structure_filter == structure_id)
    return;

  self->structure_filter = structure_id;
  if (self->n_nodes > 0)
    {
      update_flags (self);
      update_order_and_index (self);
    }
  scene_changed (self);
}

gboolean
tissage_map_view_is_node_visible (TissageMapView *self,
                                  gint64          node_id)
{
  int i;

  g_return_val_if_fail (TISSAGE_IS_MAP_VIEW (self), FALSE);

  if (self->model == NULL)
    return FALSE;
  tissage_map_view_sync (self);
  i = tissage_map_model_find_node (self->model, node_id);
  return i >= 0 && self->visible[i];
}

void
tissage_map_view_get_transform (TissageMapView      *self,
                                TissageMapTransform *transform)
{
  g_return_if_fail (TISSAGE_IS_MAP_VIEW (self));
  g_return_if_fail (transform != NULL);

  auto_fit_if_needed (self);
  *transform = self->transform;
}

void
tissage_map_view_set_transform (TissageMapView            *self,
                                const TissageMapTransform *transform)
{
  g_return_if_fail (TISSAGE_IS_MAP_VIEW (self));
  g_return_if_fail (transform != NULL);

  self->transform = *transform;
  self->transform.zoom = CLAMP (self->transform.zoom, TISSAGE_MAP_ZOOM_MIN, TISSAGE_MAP_ZOOM_MAX);
  self->auto_fit = FALSE;
}

double
tissage_map_view_get_zoom (TissageMapView *self)
{
  g_return_val_if_fail (TISSAGE_IS_MAP_VIEW (self), 1.0);

  auto_fit_if_needed (self);
  return self->transform.zoom;
}

/* Zooms by @factor keeping the point under (screen_x, screen_y) fixed. */
void
tissage_map_view_zoom_at (TissageMapView *self,
                          double          screen_x,
                          double          screen_y,
                          double          factor)
{
  g_return_if_fail (TISSAGE_IS_MAP_VIEW (self));

  auto_fit_if_needed (self);
  tissage_map_transform_zoom_at (&self->transform, screen_x, screen_y, factor);
  self->auto_fit = FALSE;
  self->last_zoom_time = g_get_monotonic_time ();
}

void
tissage_map_view_pan_by (TissageMapView *self,
                         double          dx,
                         double          dy)
{
  g_return_if_fail (TISSAGE_IS_MAP_VIEW (self));

  auto_fit_if_needed (self);
  tissage_map_transform_pan (&self->transform, dx, dy);
  self->auto_fit = FALSE;
}

/* Shows the whole map; it stays fitted when the view is resized until the
 * user zooms or pans. */
void
tissage_map_view_fit (TissageMapView *self)
{
  TissageMapRect bounds, screen = { 0.0, 0.0, 0.0, 0.0 };

  g_return_if_fail (TISSAGE_IS_MAP_VIEW (self));

  tissage_map_view_sync (self);
  self->auto_fit = TRUE;
  self->fit_pending = TRUE;
  if (self->layout == NULL || self->width <= 0 || self->height <= 0)
    return;
  self->fit_pending = FALSE;

  tissage_map_layout_get_bounds (self->layout, &bounds);
  if (self->layout_kind == TISSAGE_MAP_LAYOUT_FREE)
    {
      /* room for the labels to the right of the nodes */
      bounds.x -= 20.0;
      bounds.y -= 16.0;
      bounds.width += 100.0;
      bounds.height += 32.0;
    }
  screen.width = self->width;
  screen.height = self->height;
  if (self->show_legend)
    {
      double legend_w, legend_h;

      /* Keep the map clear of the legend card in the bottom left corner */
      tissage_map_render_legend (self, NULL, 0.0, 0.0, 260.0, TRUE, &legend_w, &legend_h);
      if (legend_w + 16.0 < self->width / 3.0)
        {
          screen.x = legend_w + 16.0;
          screen.width -= legend_w + 16.0;
        }
    }
  tissage_map_transform_fit (&self->transform, &bounds, &screen, FIT_PADDING, FIT_MAX_ZOOM);
}

/**
 * tissage_map_view_show_nodes:
 * @node_ids: the nodes to bring into view (search matches, filtered nodes)
 *
 * Pans and zooms so that the visible nodes among @node_ids are all on
 * screen with their labels, unless they already are: typing a search does
 * not shake a map that shows its matches. Never zooms in further than a
 * fit does, nor than the user had. Returns %TRUE if the view moved.
 */
gboolean
tissage_map_view_show_nodes (TissageMapView *self,
                             const gint64   *node_ids,
                             guint           n_node_ids)
{
  TissageMapRect bounds = { 0.0, 0.0, 0.0, 0.0 }, screen, on_screen;
  gboolean any = FALSE;

  g_return_val_if_fail (TISSAGE_IS_MAP_VIEW (self), FALSE);
  g_return_val_if_fail (node_ids != NULL || n_node_ids == 0, FALSE);

  if (self->model == NULL || self->width <= 0 || self->height <= 0)
    return FALSE;
  tissage_map_view_sync (self);
  auto_fit_if_needed (self);

  for (guint k = 0; k < n_node_ids; k++)
    {
      int i = tissage_map_model_find_node (self->model, node_ids[k]);
      double x, y, r;
      TissageMapRect box;

      if (i < 0 || !self->visible[i])
        continue;
      tissage_map_render_node_position (self, (guint) i, &x, &y);
      r = self->layout->radius[i];
      /* with room for the label to the right and below */
      box = (TissageMapRect) { x - r - 8.0, y - r - 8.0, 2.0 * r + 110.0, 2.0 * r + 40.0 };
      if (!any)
        bounds = box;
      else
        tissage_map_rect_union (&bounds, &box);
      any = TRUE;
    }
  if (!any)
    return FALSE;

  tissage_map_transform_to_screen (&self->transform, bounds.x, bounds.y, &on_screen.x, &on_screen.y);
  on_screen.width = bounds.width * self->transform.zoom;
  on_screen.height = bounds.height * self->transform.zoom;
  if (on_screen.x >= 0.0 && on_screen.y >= 0.0 &&
      on_screen.x + on_screen.width <= self->width &&
      on_screen.y + on_screen.height <= self->height)
    return FALSE;

  screen = (TissageMapRect) { 0.0, 0.0, self->width, self->height };
  tissage_map_transform_fit (&self->transform, &bounds, &screen, FIT_PADDING,
                             MAX (FIT_MAX_ZOOM, self->transform.zoom));
  self->auto_fit = FALSE;
  self->fit_pending = FALSE;
  return TRUE;
}

void
tissage_map_view_center_on_node (TissageMapView *self,
                                 gint64          node_id)
{
  double x, y, sx, sy;
  int i;

  g_return_if_fail (TISSAGE_IS_MAP_VIEW (self));

  if (self->model == NULL)
    return;
  tissage_map_view_sync (self);
  i = tissage_map_model_find_node (self->model, node_id);
  if (i < 0)
    return;

  auto_fit_if_needed (self);
  tissage_map_render_node_position (self, (guint) i, &x, &y);
  tissage_map_transform_to_screen (&self->transform, x, y, &sx, &sy);
  tissage_map_view_pan_by (self, self->width / 2.0 - sx, self->height / 2.0 - sy);
}

void
tissage_map_view_screen_to_world (TissageMapView *self,
                                  double          screen_x,
                                  double          screen_y,
                                  double         *world_x,
                                  double         *world_y)
{
  g_return_if_fail (TISSAGE_IS_MAP_VIEW (self));

  auto_fit_if_needed (self);
  tissage_map_transform_to_world (&self->transform, screen_x, screen_y, world_x, world_y);
}

/* The node under the point: the topmost one containing it, else the nearest
 * within a few pixels; 0 if none. Hidden nodes are never hit. */
gint64
tissage_map_view_node_at (TissageMapView *self,
                          double          screen_x,
                          double          screen_y)
{
  double wx, wy, zoom;
  int best = -1;

  g_return_val_if_fail (TISSAGE_IS_MAP_VIEW (self), 0);

  if (self->model == NULL)
    return 0;
  tissage_map_view_sync (self);
  auto_fit_if_needed (self);
  if (self->n_nodes == 0)
    return 0;

  zoom = self->transform.zoom;
  tissage_map_transform_to_world (&self->transform, screen_x, screen_y, &wx, &wy);

  /* The dragged node is on top of everything and away from its layout spot */
  if (self->interaction == TISSAGE_MAP_INTERACTION_DRAG && self->drag_node >= 0)
    {
      double r = tissage_map_render_node_radius (self, (guint) self->drag_node, zoom);

      if (hypot ((self->drag_x - wx) * zoom, (self->drag_y - wy) * zoom) <= r + HIT_TOLERANCE)
        return tissage_map_model_node (self->model, (guint) self->drag_node)->id;
    }

  {
    /* Tiny nodes are drawn at a minimum size: widen the tolerance for them */
    double tolerance = (HIT_TOLERANCE + 1.6) / zoom;

    best = tissage_map_spatial_index_nearest (self->index, wx, wy, tolerance, self->rank);
  }

  if (best >= 0 && self->interaction == TISSAGE_MAP_INTERACTION_DRAG && best == self->drag_node)
    best = -1;

  return best >= 0 ? tissage_map_model_node (self->model, (guint) best)->id : 0;
}

/* The link under the point (within a few pixels of its line), 0 if none. */
gint64
tissage_map_view_edge_at (TissageMapView *self,
                          double          screen_x,
                          double          screen_y)
{
  double best_d = G_MAXDOUBLE;
  int best = -1;

  g_return_val_if_fail (TISSAGE_IS_MAP_VIEW (self), 0);

  if (self->model == NULL)
    return 0;
  tissage_map_view_sync (self);
  auto_fit_if_needed (self);

  /* A few thousand point-to-segment distances take tens of microseconds:
   * no index needed */
  for (guint e = 0; e < self->n_edges; e++)
    {
      guint a = self->edge_ends[2 * e], b = self->edge_ends[2 * e + 1];
      double ax, ay, bx, by, wx, wy, d, tolerance;

      if (!self->visible[a] || !self->visible[b])
        continue;
      tissage_map_render_node_position (self, a, &wx, &wy);
      tissage_map_transform_to_screen (&self->transform, wx, wy, &ax, &ay);
      tissage_map_render_node_position (self, b, &wx, &wy);
      tissage_map_transform_to_screen (&self->transform, wx, wy, &bx, &by);

      tolerance = tissage_map_link_width (tissage_map_model_edge (self->model, e)->strength) / 2.0 + HIT_TOLERANCE;
      if (screen_x < MIN (ax, bx) - tolerance || screen_x > MAX (ax, bx) + tolerance ||
          screen_y < MIN (ay, by) - tolerance || screen_y > MAX (ay, by) + tolerance)
        continue;

      d = tissage_map_point_segment_distance (screen_x, screen_y, ax, ay, bx, by);
      if (d <= tolerance && d < best_d)
        {
          best_d = d;
          best = (int) e;
        }
    }

  return best >= 0 ? tissage_map_model_edge (self->model, (guint) best)->id : 0;
}

/* The node's bounding box on screen, e.g. to point a popover at it. */
gboolean
tissage_map_view_get_node_rect (TissageMapView *self,
                                gint64          node_id,
                                TissageMapRect *rect)
{
  double x, y, sx, sy, r;
  int i;

  g_return_val_if_fail (TISSAGE_IS_MAP_VIEW (self), FALSE);
  g_return_val_if_fail (rect != NULL, FALSE);

  if (self->model == NULL)
    return FALSE;
  tissage_map_view_sync (self);
  auto_fit_if_needed (self);
  i = tissage_map_model_find_node (self->model, node_id);
  if (i < 0)
    return FALSE;

  tissage_map_render_node_position (self, (guint) i, &x, &y);
  tissage_map_transform_to_screen (&self->transform, x, y, &sx, &sy);
  r = tissage_map_render_node_radius (self, (guint) i, self->transform.zoom);
  rect->x = sx - r;
  rect->y = sy - r;
  rect->width = 2.0 * r;
  rect->height = 2.0 * r;
  return TRUE;
}

/**
 * tissage_map_view_get_neighbour:
 * @node_id: the node the keyboard focus is on, or 0
 * @dx: @dy: the direction of the arrow key on screen
 *
 * For arrow keys: the nearest visible node roughly in that direction from
 * @node_id; for 0, the first node. Returns 0 if there is none.
 */
gint64
tissage_map_view_get_neighbour (TissageMapView *self,
                                gint64          node_id,
                                double          dx,
                                double          dy)
{
  double ox, oy, len = hypot (dx, dy), best_score = G_MAXDOUBLE;
  int from, best = -1;

  g_return_val_if_fail (TISSAGE_IS_MAP_VIEW (self), 0);

  if (self->model == NULL)
    return 0;
  tissage_map_view_sync (self);

  from = node_id != 0 ? tissage_map_model_find_node (self->model, node_id) : -1;
  if (from < 0)
    {
      gint64 first = 0;

      for (guint i = 0; i < self->n_nodes; i++)
        {
          gint64 id = tissage_map_model_node (self->model, i)->id;

          if (self->visible[i] && (first == 0 || id < first))
            first = id;
        }
      return first;
    }
  if (len <= 0.0)
    return node_id;

  tissage_map_render_node_position (self, (guint) from, &ox, &oy);
  for (guint i = 0; i < self->n_nodes; i++)
    {
      double x, y, vx, vy, d, cosine, score;

      if ((int) i == from || !self->visible[i])
        continue;
      tissage_map_render_node_position (self, i, &x, &y);
      vx = x - ox;
      vy = y - oy;
      d = hypot (vx, vy);
      if (d <= 0.0)
        continue;
      cosine = (vx * dx + vy * dy) / (d * len);
      if (cosine < 0.5)
        continue;
      score = d * (1.0 + 2.0 * (1.0 - cosine));
      if (score < best_score)
        {
          best_score = score;
          best = (int) i;
        }
    }

  return best >= 0 ? tissage_map_model_node (self->model, (guint) best)->id : 0;
}

/* What the layout means at a screen point: see TissageMapDrop. */
gboolean
tissage_map_view_locate (TissageMapView *self,
                         double          screen_x,
                         double          screen_y,
                         TissageMapDrop *drop)
{
  double wx, wy;

  g_return_val_if_fail (TISSAGE_IS_MAP_VIEW (self), FALSE);
  g_return_val_if_fail (drop != NULL, FALSE);

  if (self->model == NULL)
    return FALSE;
  tissage_map_view_sync (self);
  auto_fit_if_needed (self);
  tissage_map_transform_to_world (&self->transform, screen_x, screen_y, &wx, &wy);
  return tissage_map_layout_locate (self->layout, wx, wy, drop);
}

/**
 * tissage_map_view_begin_drag:
 * @screen_x: @screen_y: where the pointer grabbed the node
 *
 * Starts moving a node: from now on it is drawn over the cached layer
 * (with its links and the drop target), so each frame of the drag only
 * blits the layer and draws the node. Follow with
 * tissage_map_view_drag_to() and end with tissage_map_view_end_drag(),
 * then write the drop values to the document.
 */
gboolean
tissage_map_view_begin_drag (TissageMapView *self,
                             gint64          node_id,
                             double          screen_x,
                             double          screen_y)
{
  double wx, wy;
  int i;

  g_return_val_if_fail (TISSAGE_IS_MAP_VIEW (self), FALSE);

  if (self->model == NULL)
    return FALSE;
  tissage_map_view_sync (self);
  auto_fit_if_needed (self);
  i = tissage_map_model_find_node (self->model, node_id);
  if (i < 0 || !self->visible[i])
    return FALSE;

  if (self->interaction == TISSAGE_MAP_INTERACTION_DRAG)
    tissage_map_view_cancel_drag (self);

  /* Placing a node by hand ends the automatic fit, as zooming and panning
   * do: a re-fit would move the whole map under the pointer (the inspector
   * that the press fills resizes the view) and carry the node away from
   * where it was dropped */
  self->auto_fit = FALSE;
  self->fit_pending = FALSE;

  tissage_map_transform_to_world (&self->transform, screen_x, screen_y, &wx, &wy);
  self->interaction = TISSAGE_MAP_INTERACTION_DRAG;
  self->drag_node = i;
  self->drag_x = self->layout->xy[2 * i];
  self->drag_y = self->layout->xy[2 * i + 1];
  self->drag_dx = self->drag_x - wx;
  self->drag_dy = self->drag_y - wy;
  if (!self->dynamic[i])
    {
      self->dynamic[i] = TRUE;
      scene_changed (self);
    }
  return TRUE;
}

void
tissage_map_view_drag_to (TissageMapView *self,
                          double          screen_x,
                          double          screen_y)
{
  double wx, wy;

  g_return_if_fail (TISSAGE_IS_MAP_VIEW (self));

  if (self->interaction != TISSAGE_MAP_INTERACTION_DRAG)
    return;

  tissage_map_transform_to_world (&self->transform, screen_x, screen_y, &wx, &wy);
  self->drag_x = wx + self->drag_dx;
  self->drag_y = wy + self->drag_dy;
}

/**
 * tissage_map_view_end_drag:
 * @drop: (out): what the drop position means in the current layout
 *
 * Ends the drag. The node goes back to its laid out place until the model
 * says otherwise: write @drop (proximity, influence and interest, or x and
 * y in the free layout) to the document, then to the model.
 * Returns %FALSE if no drag was going on.
 */
gboolean
tissage_map_view_end_drag (TissageMapView *self,
                           TissageMapDrop *drop)
{
  gboolean ok;

  g_return_val_if_fail (TISSAGE_IS_MAP_VIEW (self), FALSE);

  if (self->interaction != TISSAGE_MAP_INTERACTION_DRAG || self->drag_node < 0)
    return FALSE;

  ok = drop == NULL || tissage_map_layout_locate (self->layout, self->drag_x, self->drag_y, drop);
  self->interaction = TISSAGE_MAP_INTERACTION_NONE;
  /* The node stays drawn over the cached layer until the next full redraw,
   * which spares one on the drop */
  self->drag_node = -1;
  return ok;
}

void
tissage_map_view_cancel_drag (TissageMapView *self)
{
  g_return_if_fail (TISSAGE_IS_MAP_VIEW (self));

  if (self->interaction != TISSAGE_MAP_INTERACTION_DRAG)
    return;

  self->interaction = TISSAGE_MAP_INTERACTION_NONE;
  self->drag_node = -1;
}

gint64
tissage_map_view_get_dragged_node (TissageMapView *self)
{
  g_return_val_if_fail (TISSAGE_IS_MAP_VIEW (self), 0);

  if (self->interaction != TISSAGE_MAP_INTERACTION_DRAG || self->drag_node < 0)
    return 0;
  return tissage_map_model_node (self->model, (guint) self->drag_node)->id;
}

/* Panning shifts the cached layer and draws only the uncovered strips. */
void
tissage_map_view_begin_pan (TissageMapView *self)
{
  g_return_if_fail (TISSAGE_IS_MAP_VIEW (self));

  if (self->interaction == TISSAGE_MAP_INTERACTION_DRAG)
    tissage_map_view_cancel_drag (self);
  self->interaction = TISSAGE_MAP_INTERACTION_PAN;
}

void
tissage_map_view_end_pan (TissageMapView *self)
{
  g_return_if_fail (TISSAGE_IS_MAP_VIEW (self));

  if (self->interaction != TISSAGE_MAP_INTERACTION_PAN)
    return;

  self->interaction = TISSAGE_MAP_INTERACTION_NONE;
  /* Land on the cached layer's pixel grid (less than half a pixel away)
   * so that the next frame needs no redraw */
  if (self->cache_valid && self->transform.zoom == self->cache_transform.zoom)
    {
      double s = self->scale;

      self->transform.x = self->cache_transform.x + round ((self->transform.x - self->cache_transform.x) * s) / s;
      self->transform.y = self->cache_transform.y + round ((self->transform.y - self->cache_transform.y) * s) / s;
    }
}

/* While zooming, a large map shows its cached layer scaled and redraws in
 * full once the zoom settles (tissage_map_view_render() returns %FALSE for
 * such frames). */
void
tissage_map_view_begin_zoom (TissageMapView *self)
{
  g_return_if_fail (TISSAGE_IS_MAP_VIEW (self));

  if (self->interaction == TISSAGE_MAP_INTERACTION_DRAG)
    tissage_map_view_cancel_drag (self);
  self->interaction = TISSAGE_MAP_INTERACTION_ZOOM;
}

void
tissage_map_view_end_zoom (TissageMapView *self)
{
  g_return_if_fail (TISSAGE_IS_MAP_VIEW (self));

  if (self->interaction == TISSAGE_MAP_INTERACTION_ZOOM)
    self->interaction = TISSAGE_MAP_INTERACTION_NONE;
}

TissageMapInteraction
tissage_map_view_get_interaction (TissageMapView *self)
{
  g_return_val_if_fail (TISSAGE_IS_MAP_VIEW (self), TISSAGE_MAP_INTERACTION_NONE);

  return self->interaction;
}

/* A dashed line from @source_id to the pointer while a link is drawn. */
void
tissage_map_view_set_link_preview (TissageMapView *self,
                                   gint64          source_id,
                                   double          screen_x,
                                   double          screen_y)
{
  g_return_if_fail (TISSAGE_IS_MAP_VIEW (self));

  self->link_preview = TRUE;
  self->link_source = source_id;
  self->link_x = screen_x;
  self->link_y = screen_y;
}

void
tissage_map_view_clear_link_preview (TissageMapView *self)
{
  g_return_if_fail (TISSAGE_IS_MAP_VIEW (self));

  self->link_preview = FALSE;
}

/* Forget the cached layer: the next frame is drawn in full. */
void
tissage_map_view_invalidate (TissageMapView *self)
{
  g_return_if_fail (TISSAGE_IS_MAP_VIEW (self));

  self->cache_valid = FALSE;
}

static void
draw_empty (TissageMapView *self,
            cairo_t        *cr)
{
  cairo_save (cr);
  cairo_rectangle (cr, 0.0, 0.0, self->width, self->height);
  tissage_map_set_source_color (cr, &self->palette.background, 1.0);
  cairo_fill (cr);
  cairo_restore (cr);
}

/**
 * tissage_map_view_render:
 * @cr: the widget's cairo_t (from gtk_snapshot_append_cairo()), in logical
 *   pixels with (0, 0) at the widget's top left
 *
 * Draws one frame for the screen. The static part of the map is kept in a
 * cached layer and reused across frames: a drag only draws the moving node
 * over it, a pan shifts it and fills the uncovered strips, a zoom on a
 * large map scales it until the zoom settles. Selection and hover are
 * drawn over it, so changing them is cheap.
 *
 * Returns: %TRUE if the frame is final; %FALSE if it was an interim frame
 *   (scaled layer during a zoom): draw again shortly, e.g. from a 250 ms
 *   timeout, to get the full quality frame.
 */
gboolean
tissage_map_view_render (TissageMapView *self,
                         cairo_t        *cr)
{
  gboolean interim = FALSE, same_scene;
  gint64 now;
  double label_dx = 0.0, label_dy = 0.0;

  g_return_val_if_fail (TISSAGE_IS_MAP_VIEW (self), TRUE);
  g_return_val_if_fail (cr != NULL, TRUE);

  if (self->width <= 0 || self->height <= 0)
    return TRUE;
  if (self->model == NULL)
    {
      draw_empty (self, cr);
      return TRUE;
    }

  tissage_map_view_sync (self);
  auto_fit_if_needed (self);
  now = g_get_monotonic_time ();

  same_scene = self->cache_valid && self->cache_serial == self->scene_serial &&
               self->cache_width == self->width && self->cache_height == self->height &&
               self->cache_scale == self->scale && self->cache != NULL;

  if (same_scene && tissage_map_transform_equal (&self->transform, &self->cache_transform))
    ;
  else if (same_scene && self->transform.zoom == self->cache_transform.zoom && scroll_cache (self))
    ;
  else if (same_scene && self->interaction == TISSAGE_MAP_INTERACTION_ZOOM &&
           self->last_full_us > ZOOM_BUDGET_US && now - self->last_zoom_time < ZOOM_SETTLE_US &&
           self->transform.zoom / self->cache_transform.zoom > 0.5 &&
           self->transform.zoom / self->cache_transform.zoom < 2.0)
    interim = TRUE;
  else
    render_full (self);

  cairo_save (cr);
  cairo_rectangle (cr, 0.0, 0.0, self->width, self->height);
  cairo_clip (cr);

  if (interim)
    {
      TissageMapPass pass;
      double k = self->transform.zoom / self->cache_transform.zoom;

      /* The background where the scaled layer does not reach */
      if (k < 1.0)
        {
          init_pass (self, &pass, cr, NULL);
          tissage_map_render_background (self, &pass);
        }
      cairo_save (cr);
      cairo_translate (cr, self->transform.x - self->cache_transform.x * k,
                       self->transform.y - self->cache_transform.y * k);
      cairo_scale (cr, k, k);
      cairo_set_source_surface (cr, self->cache, 0.0, 0.0);
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_BILINEAR);
      cairo_rectangle (cr, 0.0, 0.0, self->cache_width, self->cache_height);
      cairo_fill (cr);
      cairo_restore (cr);
    }
  else
    {
      double s = self->scale;

      /* Less than half a device pixel when panning: blit unfiltered */
      label_dx = round ((self->transform.x - self->cache_transform.x) * s) / s;
      label_dy = round ((self->transform.y - self->cache_transform.y) * s) / s;
      cairo_set_source_surface (cr, self->cache, label_dx, label_dy);
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
      cairo_paint (cr);
    }

  {
    TissageMapTransform t = self->transform;

    tissage_map_render_overlay (self, cr, &t, label_dx, label_dy, !interim);
  }

  if (self->show_legend)
    {
      ensure_legend (self);
      if (self->legend_width + 24.0 <= self->width && self->legend_height + 24.0 <= self->height)
        {
          cairo_set_source_surface (cr, self->legend, 8.0, self->height - self->legend_height - 8.0);
          cairo_paint (cr);
        }
    }

  cairo_restore (cr);
  return !interim;
}

/**
 * tissage_map_view_draw:
 *
 * Draws the whole map at full quality straight onto @cr (shapes and text
 * as paths and glyphs in SVG and PDF), without any cache: for exports and
 * printing. The view's size is the drawing's size.
 */
void
tissage_map_view_draw (TissageMapView *self,
                       cairo_t        *cr)
{
  TissageMapPass pass;
  TissageMapLod lod;
  cairo_surface_t *target;

  g_return_if_fail (TISSAGE_IS_MAP_VIEW (self));
  g_return_if_fail (cr != NULL);

  if (self->width <= 0 || self->height <= 0)
    return;
  if (self->model == NULL)
    {
      draw_empty (self, cr);
      return;
    }

  tissage_map_view_sync (self);
  auto_fit_if_needed (self);

  target = cairo_get_target (cr);
  init_pass (self, &pass, cr, NULL);
  pass.scale = 1.0;
  pass.per_edge = cairo_surface_get_type (target) == CAIRO_SURFACE_TYPE_IMAGE;
  tissage_map_render_lod (self, &pass, &lod);
  pass.lod = &lod;

  cairo_save (cr);
  tissage_map_render_scene (self, &pass);
  tissage_map_render_overlay (self, cr, &self->transform, 0.0, 0.0, TRUE);
  cairo_restore (cr);

  /* The placed labels now belong to this drawing, not to the cached layer */
  self->cache_valid = FALSE;
}

void
tissage_map_view_get_legend_size (TissageMapView *self,
                                  double          max_width,
                                  double         *width,
                                  double         *height)
{
  g_return_if_fail (TISSAGE_IS_MAP_VIEW (self));

  if (self->model == NULL)
    {
      if (width != NULL)
        *width = 0.0;
      if (height != NULL)
        *height = 0.0;
      return;
    }
  tissage_map_view_sync (self);
  tissage_map_render_legend (self, NULL, 0.0, 0.0, max_width, TRUE, width, height);
}

/* The legend card (categories, links, symbols) at (x, y), for exports. */
void
tissage_map_view_draw_legend (TissageMapView *self,
                              cairo_t        *cr,
                              double          x,
                              double          y,
                              double          max_width)
{
  g_return_if_fail (TISSAGE_IS_MAP_VIEW (self));
  g_return_if_fail (cr != NULL);

  if (self->model == NULL)
    return;
  tissage_map_view_sync (self);
  tissage_map_render_legend (self, cr, x, y, max_width, FALSE, NULL, NULL);
}

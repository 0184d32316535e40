/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-map"

#include "config.h"

#include <math.h>

#include "tissage-map-geometry.h"

struct _TissageMapSpatialIndex
{
  const double *xy;
  const double *radius;
  guint         n;

  double        x0;
  double        y0;
  double        cell;
  int           cols;
  int           rows;

  /* Cell c holds items[starts[c] .. starts[c + 1]) */
  guint        *starts;
  guint        *items;
};

void
tissage_map_transform_init (TissageMapTransform *transform)
{
  g_return_if_fail (transform != NULL);

  transform->zoom = 1.0;
  transform->x = 0.0;
  transform->y = 0.0;
}

void
tissage_map_transform_to_screen (const TissageMapTransform *transform,
                                 double                     world_x,
                                 double                     world_y,
                                 double                    *screen_x,
                                 double                    *screen_y)
{
  if (screen_x != NULL)
    *screen_x = world_x * transform->zoom + transform->x;
  if (screen_y != NULL)
    *screen_y = world_y * transform->zoom + transform->y;
}

void
tissage_map_transform_to_world (const TissageMapTransform *transform,
                                double                     screen_x,
                                double                     screen_y,
                                double                    *world_x,
                                double                    *world_y)
{
  if (world_x != NULL)
    *world_x = (screen_x - transform->x) / transform->zoom;
  if (world_y != NULL)
    *world_y = (screen_y - transform->y) / transform->zoom;
}

void
tissage_map_transform_pan (TissageMapTransform *transform,
                           double               dx,
                           double               dy)
{
  g_return_if_fail (transform != NULL);

  transform->x += dx;
  transform->y += dy;
}

/*
 * Keeps the world point under (screen_x, screen_y) fixed while the zoom
 * changes, and clamps the zoom to [TISSAGE_MAP_ZOOM_MIN, TISSAGE_MAP_ZOOM_MAX].
 */
void
tissage_map_transform_zoom_at (TissageMapTransform *transform,
                               double               screen_x,
                               double               screen_y,
                               double               factor)
{
  double wx, wy, zoom;

  g_return_if_fail (transform != NULL);

  if (!(factor > 0.0) || !isfinite (factor))
    return;

  tissage_map_transform_to_world (transform, screen_x, screen_y, &wx, &wy);
  zoom = CLAMP (transform->zoom * factor, TISSAGE_MAP_ZOOM_MIN, TISSAGE_MAP_ZOOM_MAX);
  transform->zoom = zoom;
  transform->x = screen_x - wx * zoom;
  transform->y = screen_y - wy * zoom;
}

/*
 * Centres @world inside @screen less @padding on each side, at the largest
 * zoom that shows all of it, but never above @max_zoom (so a map with two
 * nodes is not blown up).
 */
void
tissage_map_transform_fit (TissageMapTransform  *transform,
                           const TissageMapRect *world,
                           const TissageMapRect *screen,
                           double                padding,
                           double                max_zoom)
{
  double avail_w, avail_h, zoom;

  g_return_if_fail (transform != NULL);
  g_return_if_fail (world != NULL);
  g_return_if_fail (screen != NULL);

  avail_w = MAX (1.0, screen->width - 2.0 * padding);
  avail_h = MAX (1.0, screen->height - 2.0 * padding);

  if (world->width > 0.0 && world->height > 0.0)
    zoom = MIN (avail_w / world->width, avail_h / world->height);
  else if (world->width > 0.0)
    zoom = avail_w / world->width;
  else if (world->height > 0.0)
    zoom = avail_h / world->height;
  else
    zoom = 1.0;

  if (max_zoom > 0.0)
    zoom = MIN (zoom, max_zoom);
  zoom = CLAMP (zoom, TISSAGE_MAP_ZOOM_MIN, TISSAGE_MAP_ZOOM_MAX);

  transform->zoom = zoom;
  transform->x = screen->x + screen->width / 2.0 - (world->x + world->width / 2.0) * zoom;
  transform->y = screen->y + screen->height / 2.0 - (world->y + world->height / 2.0) * zoom;
}

gboolean
tissage_map_transform_equal (const TissageMapTransform *a,
                             const TissageMapTransform *b)
{
  return a->zoom == b->zoom && a->x == b->x && a->y == b->y;
}

gboolean
tissage_map_rect_intersects (const TissageMapRect *a,
                             const TissageMapRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

gboolean
tissage_map_rect_contains_point (const TissageMapRect *rect,
                                 double                x,
                                 double                y)
{
  return x >= rect->x && x < rect->x + rect->width &&
         y >= rect->y && y < rect->y + rect->height;
}

void
tissage_map_rect_union (TissageMapRect       *rect,
                        const TissageMapRect *other)
{
  double x0, y0, x1, y1;

  if (other->width <= 0.0 && other->height <= 0.0)
    return;
  if (rect->width <= 0.0 && rect->height <= 0.0)
    {
      *rect = *other;
      return;
    }

  x0 = MIN (rect->x, other->x);
  y0 = MIN (rect->y, other->y);
  x1 = MAX (rect->x + rect->width, other->x + other->width);
  y1 = MAX (rect->y + rect->height, other->y + other->height);
  rect->x = x0;
  rect->y = y0;
  rect->width = x1 - x0;
  rect->height = y1 - y0;
}

double
tissage_map_point_segment_distance (double px,
                                    double py,
                                    double ax,
                                    double ay,
                                    double bx,
                                    double by)
{
  double dx = bx - ax;
  double dy = by - ay;
  double len2 = dx * dx + dy * dy;
  double t = 0.0;

  if (len2 > 0.0)
    t = CLAMP (((px - ax) * dx + (py - ay) * dy) / len2, 0.0, 1.0);

  return hypot (px - (ax + t * dx), py - (ay + t * dy));
}

static inline int
cell_clamp (double v,
            int    max)
{
  if (v < 0.0)
    return 0;
  if (v >= (double) max)
    return max - 1;
  return (int) v;
}

/*
 * @xy holds 2 × @n doubles (x then y of each disc); @mask, if not %NULL,
 * leaves out the discs whose entry is 0. The index keeps pointers to @xy and
 * @radius: they must outlive it and not change.
 */
TissageMapSpatialIndex *
tissage_map_spatial_index_new (const double *xy,
                               const double *radius,
                               const guint8 *mask,
                               guint         n)
{
  TissageMapSpatialIndex *self;
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  double max_r = 0.0, w, h;
  guint n_in = 0, n_cells, total;
  g_autofree guint *fill = NULL;

  g_return_val_if_fail (n == 0 || (xy != NULL && radius != NULL), NULL);

  self = g_new0 (TissageMapSpatialIndex, 1);
  self->xy = xy;
  self->radius = radius;
  self->n = n;

  for (guint i = 0; i < n; i++)
    {
      if (mask != NULL && !mask[i])
        continue;
      x0 = MIN (x0, xy[2 * i] - radius[i]);
      y0 = MIN (y0, xy[2 * i + 1] - radius[i]);
      x1 = MAX (x1, xy[2 * i] + radius[i]);
      y1 = MAX (y1, xy[2 * i + 1] + radius[i]);
      max_r = MAX (max_r, radius[i]);
      n_in++;
    }

  if (n_in == 0)
    {
      x0 = y0 = 0.0;
      x1 = y1 = 1.0;
    }

  w = MAX (x1 - x0, 1.0);
  h = MAX (y1 - y0, 1.0);
  /* About two discs per cell, never finer than a disc, at most 256 × 256 */
  self->cell = MAX (MAX (2.0 * max_r, sqrt (w * h / MAX (n_in, 1) * 2.0)), 1e-3);
  self->cell = MAX (self->cell, MAX (w, h) / 256.0);
  self->x0 = x0;
  self->y0 = y0;
  self->cols = MAX (1, (int) ceil (w / self->cell));
  self->rows = MAX (1, (int) ceil (h / self->cell));
  n_cells = (guint) (self->cols * self->rows);

  self->starts = g_new0 (guint, n_cells + 1);
  for (guint i = 0; i < n; i++)
    {
      int cx0, cy0, cx1, cy1;

      if (mask != NULL && !mask[i])
        continue;
      cx0 = cell_clamp ((xy[2 * i] - radius[i] - x0) / self->cell, self->cols);
      cx1 = cell_clamp ((xy[2 * i] + radius[i] - x0) / self->cell, self->cols);
      cy0 = cell_clamp ((xy[2 * i + 1] - radius[i] - y0) / self->cell, self->rows);
      cy1 = cell_clamp ((xy[2 * i + 1] + radius[i] - y0) / self->cell, self->rows);
      for (int cy = cy0; cy <= cy1; cy++)
        for (int cx = cx0; cx <= cx1; cx++)
          self->starts[cy * self->cols + cx + 1]++;
    }
  for (guint c = 0; c < n_cells; c++)
    self->starts[c + 1] += self->starts[c];
  total = self->starts[n_cells];

  self->items = g_new (guint, MAX (total, 1));
  fill = g_memdup2 (self->starts, sizeof (guint) * n_cells);
  for (guint i = 0; i < n; i++)
    {
      int cx0, cy0, cx1, cy1;

      if (mask != NULL && !mask[i])
        continue;
      cx0 = cell_clamp ((xy[2 * i] - radius[i] - x0) / self->cell, self->cols);
      cx1 = cell_clamp ((xy[2 * i] + radius[i] - x0) / self->cell, self->cols);
      cy0 = cell_clamp ((xy[2 * i + 1] - radius[i] - y0) / self->cell, self->rows);
      cy1 = cell_clamp ((xy[2 * i + 1] + radius[i] - y0) / self->cell, self->rows);
      for (int cy = cy0; cy <= cy1; cy++)
        for (int cx = cx0; cx <= cx1; cx++)
          self->items[fill[cy * self->cols + cx]++] = i;
    }

  return self;
}

void
tissage_map_spatial_index_free (TissageMapSpatialIndex *index)
{
  if (index == NULL)
    return;

  g_free (index->starts);
  g_free (index->items);
  g_free (index);
}

static gboolean
cell_range (const TissageMapSpatialIndex *self,
            const TissageMapRect         *rect,
            int                          *cx0,
            int                          *cy0,
            int                          *cx1,
            int                          *cy1)
{
  double gx1 = self->x0 + self->cols * self->cell;
  double gy1 = self->y0 + self->rows * self->cell;

  if (rect->x > gx1 || rect->y > gy1 ||
      rect->x + rect->width < self->x0 || rect->y + rect->height < self->y0)
    return FALSE;

  *cx0 = cell_clamp ((rect->x - self->x0) / self->cell, self->cols);
  *cx1 = cell_clamp ((rect->x + rect->width - self->x0) / self->cell, self->cols);
  *cy0 = cell_clamp ((rect->y - self->y0) / self->cell, self->rows);
  *cy1 = cell_clamp ((rect->y + rect->height - self->y0) / self->cell, self->rows);
  return TRUE;
}

static inline gboolean
first_cell_of (const TissageMapSpatialIndex *self,
               guint                         i,
               int                           cx,
               int                           cy,
               int                           qx0,
               int                           qy0)
{
  /* A disc spanning several cells is reported once: from the first cell of
   * its span that lies inside the query. */
  int dx0 = cell_clamp ((self->xy[2 * i] - self->radius[i] - self->x0) / self->cell, self->cols);
  int dy0 = cell_clamp ((self->xy[2 * i + 1] - self->radius[i] - self->y0) / self->cell, self->rows);

  return cx == MAX (dx0, qx0) && cy == MAX (dy0, qy0);
}

/*
 * Appends to @indices (a GArray of guint) every disc whose bounding box meets
 * @rect, each once.
 */
void
tissage_map_spatial_index_query (const TissageMapSpatialIndex *self,
                                 const TissageMapRect         *rect,
                                 GArray                       *indices)
{
  int cx0, cy0, cx1, cy1;

  g_return_if_fail (self != NULL);
  g_return_if_fail (rect != NULL);
  g_return_if_fail (indices != NULL);

  if (!cell_range (self, rect, &cx0, &cy0, &cx1, &cy1))
    return;

  for (int cy = cy0; cy <= cy1; cy++)
    for (int cx = cx0; cx <= cx1; cx++)
      {
        guint c = (guint) (cy * self->cols + cx);

        for (guint k = self->starts[c]; k < self->starts[c + 1]; k++)
          {
            guint i = self->items[k];
            double x = self->xy[2 * i], y = self->xy[2 * i + 1], r = self->radius[i];

            if (x + r < rect->x || x - r > rect->x + rect->width ||
                y + r < rect->y || y - r > rect->y + rect->height)
              continue;
            if (!first_cell_of (self, i, cx, cy, cx0, cy0))
              continue;
            g_array_append_val (indices, i);
          }
      }
}

/*
 * The disc under (x, y): among the discs containing the point, the one with
 * the highest @order (drawn last, so on top; %NULL compares indices);
 * otherwise the disc whose edge is nearest, if within @tolerance.
 * Returns its index, or -1.
 */
int
tissage_map_spatial_index_nearest (const TissageMapSpatialIndex *self,
                                   double                        x,
                                   double                        y,
                                   double                        tolerance,
                                   const guint                  *order)
{
  TissageMapRect rect;
  int cx0, cy0, cx1, cy1;
  int inside = -1, near = -1;
  double best_gap = G_MAXDOUBLE;

  g_return_val_if_fail (self != NULL, -1);

  rect.x = x - tolerance;
  rect.y = y - tolerance;
  rect.width = 2.0 * tolerance;
  rect.height = 2.0 * tolerance;
  if (!cell_range (self, &rect, &cx0, &cy0, &cx1, &cy1))
    return -1;

  for (int cy = cy0; cy <= cy1; cy++)
    for (int cx = cx0; cx <= cx1; cx++)
      {
        guint c = (guint) (cy * self->cols + cx);

        for (guint k = self->starts[c]; k < self->starts[c + 1]; k++)
          {
            guint i = self->items[k];
            double d = hypot (self->xy[2 * i] - x, self->xy[2 * i + 1] - y);
            double gap = d - self->radius[i];

            if (gap <= 0.0)
              {
                guint rank = order != NULL ? order[i] : i;

                if (inside < 0 || rank > (order != NULL ? order[inside] : (guint) inside))
                  inside = (int) i;
              }
            else if (gap <= tolerance && gap < best_gap)
              {
                best_gap = gap;
                near = (int) i;
              }
          }
      }

  return inside >= 0 ? inside : near;
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-map"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tissage-map-private.h"

/* Free space between two neighbouring nodes, world units */
#define NODE_GAP          8.0
/* Rings leave more room around nodes, for their labels */
#define RING_EXTRA_GAP    8.0
/* Every ring is at least this many node rows thick */
#define RING_MIN_ROWS     2
#define RING_MAX_ROWS     400
/* Beyond this radius (or grid size) the background text grows with the map,
 * so that it stays readable when the whole map is fitted to a window. */
#define REFERENCE_EXTENT  430.0
#define GOLDEN_ANGLE      2.399963229728653

static int
compare_node_ids (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  TissageMapModel *model = user_data;
  gint64 ia = tissage_map_model_node (model, *(const guint *) a)->id;
  gint64 ib = tissage_map_model_node (model, *(const guint *) b)->id;

  return ia < ib ? -1 : ia > ib ? 1 : 0;
}

static inline double
row_radius (double inner,
            double area,
            guint  n_rows,
            guint  row,
            double spacing)
{
  return inner + (area - n_rows * spacing) / 2.0 + spacing * (row + 0.5);
}

static inline guint
row_capacity (double radius,
              double span,
              double spacing)
{
  double cap = floor (span * radius / spacing + 1e-9);

  return cap > 0.0 ? (guint) cap : 0;
}

/* Smallest number of rows of a ring so that every sector's cell fits. */
static guint
ring_rows (const TissageMapLayout *self,
           const guint            *cell_counts,
           guint                   proximity,
           double                  inner)
{
  guint n_sectors = self->sectors->len;

  for (guint rows = 1; rows < RING_MAX_ROWS; rows++)
    {
      guint n_area = MAX (rows, RING_MIN_ROWS);
      double area = n_area * self->spacing;
      gboolean fits = TRUE;

      for (guint k = 0; k < n_sectors && fits; k++)
        {
          const TissageMapSector *sector = &g_array_index (self->sectors, TissageMapSector, k);
          guint count = cell_counts[k * TISSAGE_MAP_N_PROXIMITIES + proximity];
          guint capacity = 0;

          for (guint j = 0; j < rows && capacity < count; j++)
            capacity += row_capacity (row_radius (inner, area, rows, j, self->spacing),
                                      sector->end - sector->start, self->spacing);
          fits = capacity >= count;
        }

      if (fits)
        return rows;
    }

  return RING_MAX_ROWS;
}

static void
place_cell (TissageMapLayout       *self,
            const TissageMapSector *sector,
            const guint            *members,
            guint                   count,
            double                  inner,
            double                  area,
            guint                   rows)
{
  double span = sector->end - sector->start;
  g_autofree guint *caps = g_new0 (guint, rows);
  g_autofree guint *per_row = g_new0 (guint, rows);
  g_autofree double *remainders = g_new0 (double, rows);
  guint lo = 0, used = rows, total = 0, placed = 0, next = 0;

  if (count == 0)
    return;

  for (guint j = 0; j < rows; j++)
    caps[j] = row_capacity (row_radius (inner, area, rows, j, self->spacing), span, self->spacing);

  /* The fewest middle rows that hold the cell */
  for (guint k = 1; k <= rows; k++)
    {
      guint start = (rows - k) / 2, cap = 0;

      for (guint j = start; j < start + k; j++)
        cap += caps[j];
      if (cap >= count)
        {
          lo = start;
          used = k;
          break;
        }
    }

  for (guint j = lo; j < lo + used; j++)
    total += caps[j];

  if (total == 0)
    {
      /* Degenerate sector: spread the nodes on the middle row anyway */
      per_row[lo + used / 2] = count;
    }
  else
    {
      for (guint j = lo; j < lo + used; j++)
        {
          double share = (double) count * caps[j] / total;

          per_row[j] = MIN ((guint) floor (share), caps[j]);
          remainders[j] = share - floor (share);
          placed += per_row[j];
        }
      while (placed < count)
        {
          int best = -1;

          for (guint j = lo; j < lo + used; j++)
            if (per_row[j] < caps[j] &&
                (best < 0 || remainders[j] > remainders[best] + 1e-9))
              best = (int) j;
          if (best < 0)
            {
              per_row[lo + used - 1] += count - placed;
              break;
            }
          per_row[best]++;
          remainders[best] = -1.0;
          placed++;
        }
    }

  for (guint j = 0; j < rows; j++)
    {
      double radius = row_radius (inner, area, rows, j, self->spacing);

      for (guint i = 0; i < per_row[j] && next < count; i++, next++)
        {
          double angle = sector->start + span * (i + 0.5) / per_row[j];
          guint node = members[next];

          self->xy[2 * node] = radius * cos (angle);
          self->xy[2 * node + 1] = radius * sin (angle);
        }
    }
}

static void
sector_label_box (const TissageMapLayout *self,
                  const TissageMapSector *sector,
                  double                  text_width,
                  double                  text_height,
                  TissageMapRect         *box)
{
  double mid = (sector->start + sector->end) / 2.0;
  double radius = self->ring_outer[TISSAGE_MAP_N_PROXIMITIES - 1] + 12.0 * self->unit;
  double ax = radius * cos (mid), ay = radius * sin (mid);
  double c = cos (mid), s = sin (mid);

  /* Text grows away from the rings: right of the anchor on the right side,
   * left of it on the left side, centred at the top and bottom. */
  if (c > 0.35)
    box->x = ax;
  else if (c < -0.35)
    box->x = ax - text_width;
  else
    box->x = ax - text_width / 2.0;

  if (s > 0.35)
    box->y = ay;
  else if (s < -0.35)
    box->y = ay - text_height;
  else
    box->y = ay - text_height / 2.0;

  box->width = text_width;
  box->height = text_height;

  /* A wide name beside the top or the bottom of the rings would reach
   * into the outer ring, over its nodes: move it out along its sector's
   * middle until all of it is clear of the rings */
  {
    double limit = self->ring_outer[TISSAGE_MAP_N_PROXIMITIES - 1] + 4.0 * self->unit;

    for (int step = 0; step < 16; step++)
      {
        double nx = CLAMP (0.0, box->x, box->x + box->width);
        double ny = CLAMP (0.0, box->y, box->y + box->height);
        double d = hypot (nx, ny);

        if (d >= limit)
          break;
        box->x += c * (limit - d + 0.5);
        box->y += s * (limit - d + 0.5);
      }
  }
}

static void
compute_rings (TissageMapLayout *self,
               TissageMapModel  *model,
               const guint      *by_id)
{
  guint n = self->n;
  guint n_categories = model->categories->len;
  g_autofree guint *category_counts = g_new0 (guint, n_categories + 1);
  g_autofree int *sector_of = g_new (int, n_categories + 1);
  g_autofree guint *node_sector = g_new0 (guint, MAX (n, 1));
  g_autofree guint *cell_counts = NULL;
  g_autofree guint *cell_starts = NULL;
  g_autofree guint *cell_fill = NULL;
  g_autofree guint *cell_members = NULL;
  g_autofree guint *rows = g_new0 (guint, TISSAGE_MAP_N_PROXIMITIES);
  guint n_sectors, n_cells;
  double total_weight = 0.0, angle;

  g_array_set_size (self->sectors, 0);
  self->spacing += RING_EXTRA_GAP;

  for (guint i = 0; i < n; i++)
    {
      int c = tissage_map_model_find_category (model, tissage_map_model_node (model, i)->category_id);

      category_counts[c >= 0 ? (guint) c : n_categories]++;
    }

  for (guint c = 0; c <= n_categories; c++)
    {
      TissageMapSector sector = { 0 };

      sector_of[c] = -1;
      if (category_counts[c] == 0)
        continue;
      sector.category_index = c < n_categories ? (int) c : -1;
      sector.category_id = c < n_categories ? g_array_index (model->categories, TissageMapCategory, c).id : 0;
      sector.count = category_counts[c];
      sector_of[c] = (int) self->sectors->len;
      g_array_append_val (self->sectors, sector);
    }
  n_sectors = self->sectors->len;

  /* Sector angles follow the number of stakeholders, smoothed so that a
   * small category still gets a readable slice */
  for (guint k = 0; k < n_sectors; k++)
    total_weight += g_array_index (self->sectors, TissageMapSector, k).count + (double) n / (4.0 * n_sectors);
  angle = -G_PI / 2.0;
  for (guint k = 0; k < n_sectors; k++)
    {
      TissageMapSector *sector = &g_array_index (self->sectors, TissageMapSector, k);

      sector->start = angle;
      angle += 2.0 * G_PI * (sector->count + (double) n / (4.0 * n_sectors)) / total_weight;
      sector->end = k + 1 == n_sectors ? 3.0 * G_PI / 2.0 : angle;
    }

  n_cells = MAX (n_sectors, 1) * TISSAGE_MAP_N_PROXIMITIES;
  cell_counts = g_new0 (guint, n_cells);
  cell_starts = g_new0 (guint, n_cells + 1);
  cell_members = g_new0 (guint, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      const TissageMapNode *node = tissage_map_model_node (model, i);
      int c = tissage_map_model_find_category (model, node->category_id);

      node_sector[i] = (guint) sector_of[c >= 0 ? (guint) c : n_categories];
      cell_counts[node_sector[i] * TISSAGE_MAP_N_PROXIMITIES + node->proximity]++;
    }
  for (guint c = 0; c < n_cells; c++)
    cell_starts[c + 1] = cell_starts[c] + cell_counts[c];
  cell_fill = g_memdup2 (cell_starts, sizeof (guint) * n_cells);
  for (guint k = 0; k < n; k++)
    {
      guint i = by_id[k];
      guint cell = node_sector[i] * TISSAGE_MAP_N_PROXIMITIES + tissage_map_model_node (model, i)->proximity;

      cell_members[cell_fill[cell]++] = i;
    }

  /* Twice: the first pass measures the map, the second scales the ring
   * names and the centre to it */
  self->unit = 1.0;
  for (guint pass = 0; pass < 2; pass++)
    {
      double inner;

      self->center_radius = 58.0 * self->unit;
      self->strip = 18.0 * self->unit;
      inner = self->center_radius;

      for (guint p = 0; p < TISSAGE_MAP_N_PROXIMITIES; p++)
        {
          rows[p] = ring_rows (self, cell_counts, p, inner);
          self->ring_inner[p] = inner;
          self->ring_outer[p] = inner + MAX (rows[p], RING_MIN_ROWS) * self->spacing + self->strip;
          inner = self->ring_outer[p];
        }

      if (pass == 0)
        {
          double unit = MAX (1.0, self->ring_outer[TISSAGE_MAP_N_PROXIMITIES - 1] / REFERENCE_EXTENT);

          if (fabs (unit - self->unit) < 0.05)
            break;
          self->unit = unit;
        }
    }

  for (guint k = 0; k < n_sectors; k++)
    for (guint p = 0; p < TISSAGE_MAP_N_PROXIMITIES; p++)
      {
        guint cell = k * TISSAGE_MAP_N_PROXIMITIES + p;
        double area = MAX (rows[p], RING_MIN_ROWS) * self->spacing;

        place_cell (self, &g_array_index (self->sectors, TissageMapSector, k),
                    cell_members + cell_starts[cell], cell_counts[cell],
                    self->ring_inner[p], area, rows[p]);
      }

  {
    double r = self->ring_outer[TISSAGE_MAP_N_PROXIMITIES - 1];

    self->bounds.x = -r;
    self->bounds.y = -r;
    self->bounds.width = 2.0 * r;
    self->bounds.height = 2.0 * r;
  }

  /* Room for the category names around the rings (estimated: the renderer
   * measures the real text) */
  for (guint k = 0; k < n_sectors; k++)
    {
      const TissageMapSector *sector = &g_array_index (self->sectors, TissageMapSector, k);
      const char *name = sector->category_index >= 0
        ? g_array_index (model->categories, TissageMapCategory, sector->category_index).name
        : C_("category", "Other");
      double width = (MIN (g_utf8_strlen (name, -1), 28) * 7.0 + 18.0) * self->unit;
      TissageMapRect box;

      sector_label_box (self, sector, width, 18.0 * self->unit, &box);
      tissage_map_rect_union (&self->bounds, &box);
    }
}

static void
compute_grid (TissageMapLayout *self,
              TissageMapModel  *model,
              const guint      *by_id)
{
  guint n = self->n;
  double s = self->spacing;
  g_autofree double *nominal = g_new0 (double, 2 * MAX (n, 1));
  g_autoptr(GHashTable) groups = g_hash_table_new (NULL, NULL);

  self->grid_size = MAX (520.0, s * sqrt ((double) n) * 1.35);
  self->unit = MAX (1.0, self->grid_size / (2.0 * REFERENCE_EXTENT));
  self->grid_x0 = s / 2.0 + 4.0;
  self->grid_x1 = self->grid_size - self->grid_x0;
  self->grid_y0 = s / 2.0 + 30.0 * self->unit;
  self->grid_y1 = self->grid_size - self->grid_y0;

  /* Stakeholders with the same scores are spread on a small sunflower
   * around their point, in id order */
  for (guint k = 0; k < n; k++)
    {
      guint i = by_id[k];
      const TissageMapNode *node = tissage_map_model_node (model, i);
      gpointer key = GUINT_TO_POINTER ((guint) (node->influence * 101 + node->interest + 1));
      guint rank = GPOINTER_TO_UINT (g_hash_table_lookup (groups, key));
      double x, y;

      g_hash_table_insert (groups, key, GUINT_TO_POINTER (rank + 1));
      tissage_map_layout_grid_to_world (self, node->influence, node->interest, &x, &y);
      nominal[2 * i] = x;
      nominal[2 * i + 1] = y;
      if (rank > 0)
        {
          x += 0.55 * s * sqrt ((double) rank) * cos (rank * GOLDEN_ANGLE);
          y += 0.55 * s * sqrt ((double) rank) * sin (rank * GOLDEN_ANGLE);
        }
      self->xy[2 * i] = x;
      self->xy[2 * i + 1] = y;
    }

  /* A few rounds of pushing overlapping neighbours apart, each node staying
   * near its scores */
  for (guint round = 0; round < 6 && n > 1; round++)
    {
      g_autoptr(TissageMapSpatialIndex) index = tissage_map_spatial_index_new (self->xy, self->radius, NULL, n);
      g_autoptr(GArray) near = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autofree double *moved = g_memdup2 (self->xy, sizeof (double) * 2 * n);
      gboolean any = FALSE;

      for (guint i = 0; i < n; i++)
        {
          TissageMapRect rect = {
            self->xy[2 * i] - self->radius[i] - NODE_GAP,
            self->xy[2 * i + 1] - self->radius[i] - NODE_GAP,
            2.0 * (self->radius[i] + NODE_GAP),
            2.0 * (self->radius[i] + NODE_GAP),
          };

          g_array_set_size (near, 0);
          tissage_map_spatial_index_query (index, &rect, near);
          for (guint k = 0; k < near->len; k++)
            {
              guint j = g_array_index (near, guint, k);
              double dx, dy, d, want;

              if (j == i)
                continue;
              dx = self->xy[2 * i] - self->xy[2 * j];
              dy = self->xy[2 * i + 1] - self->xy[2 * j + 1];
              d = hypot (dx, dy);
              want = self->radius[i] + self->radius[j] + NODE_GAP / 2.0;
              if (d >= want)
                continue;
              if (d < 1e-6)
                {
                  /* Same point: split along a direction set by the ids */
                  double a = (i < j ? 0.0 : G_PI) + 0.7;

                  dx = cos (a);
                  dy = sin (a);
                  d = 1.0;
                }
              moved[2 * i] += dx / d * (want - d) * 0.5;
              moved[2 * i + 1] += dy / d * (want - d) * 0.5;
              any = TRUE;
            }
        }

      for (guint i = 0; i < n; i++)
        {
          double dx = moved[2 * i] - nominal[2 * i];
          double dy = moved[2 * i + 1] - nominal[2 * i + 1];
          double d = hypot (dx, dy), max_shift = 1.5 * s;

          if (d > max_shift)
            {
              dx *= max_shift / d;
              dy *= max_shift / d;
            }
          self->xy[2 * i] = CLAMP (nominal[2 * i] + dx, self->radius[i], self->grid_size - self->radius[i]);
          self->xy[2 * i + 1] = CLAMP (nominal[2 * i + 1] + dy, self->radius[i], self->grid_size - self->radius[i]);
        }

      if (!any)
        break;
    }

  /* Axis titles on the left and below */
  self->bounds.x = -34.0 * self->unit;
  self->bounds.y = 0.0;
  self->bounds.width = self->grid_size + 34.0 * self->unit;
  self->bounds.height = self->grid_size + 34.0 * self->unit;
}

static void
compute_free (TissageMapLayout *self,
              TissageMapModel  *model,
              const guint      *by_id)
{
  guint n = self->n, n_placed = 0;
  g_autofree guint8 *placed = g_new0 (guint8, MAX (n, 1));
  g_autoptr(TissageMapSpatialIndex) index = NULL;
  g_autoptr(GArray) near = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < n; i++)
    {
      const TissageMapNode *node = tissage_map_model_node (model, i);

      if (!node->has_position)
        continue;
      self->xy[2 * i] = node->x;
      self->xy[2 * i + 1] = node->y;
      placed[i] = TRUE;
      n_placed++;
    }

  /* The others on a sunflower around the origin: the k-th node by id takes
   * the spot k, or k + n, k + 2n… if a placed node is there. So a node never
   * moves because another one did, unless that one lands on its spot */
  if (n_placed > 0)
    index = tissage_map_spatial_index_new (self->xy, self->radius, placed, n);

  for (guint k = 0; k < n; k++)
    {
      guint i = by_id[k];

      if (placed[i])
        continue;

      for (guint attempt = 0; attempt < 64; attempt++)
        {
          guint rank = k + attempt * n;
          double r = 0.9 * self->spacing * sqrt (rank + 0.5);
          double x = r * cos (rank * GOLDEN_ANGLE), y = r * sin (rank * GOLDEN_ANGLE);
          TissageMapRect spot = {
            x - self->spacing / 2.0, y - self->spacing / 2.0, self->spacing, self->spacing,
          };

          self->xy[2 * i] = x;
          self->xy[2 * i + 1] = y;
          if (index == NULL)
            break;
          g_array_set_size (near, 0);
          tissage_map_spatial_index_query (index, &spot, near);
          if (near->len == 0)
            break;
        }
    }

  self->bounds.width = self->bounds.height = 0.0;
  for (guint i = 0; i < n; i++)
    {
      TissageMapRect box = {
        self->xy[2 * i] - self->radius[i],
        self->xy[2 * i + 1] - self->radius[i],
        2.0 * self->radius[i],
        2.0 * self->radius[i],
      };

      tissage_map_rect_union (&self->bounds, &box);
    }
  if (n == 0)
    {
      self->bounds.x = self->bounds.y = -200.0;
      self->bounds.width = self->bounds.height = 400.0;
    }
  self->unit = 1.0;
}

/**
 * tissage_map_layout_new:
 * @kind: which layout
 *
 * A layout holds the world position and radius of every node of a model, in
 * the model's order, and the geometry of its background (rings and sectors,
 * or the grid). It is computed with tissage_map_layout_compute(), which is
 * deterministic: the same model always gives the same picture.
 */
TissageMapLayout *
tissage_map_layout_new (TissageMapLayoutKind kind)
{
  TissageMapLayout *self;

  g_return_val_if_fail (kind <= TISSAGE_MAP_LAYOUT_FREE, NULL);

  self = g_new0 (TissageMapLayout, 1);
  self->kind = kind;
  self->sectors = g_array_new (FALSE, TRUE, sizeof (TissageMapSector));
  self->unit = 1.0;
  self->spacing = 2.0 * TISSAGE_MAP_NODE_RADIUS_MAX + NODE_GAP;
  return self;
}

void
tissage_map_layout_free (TissageMapLayout *layout)
{
  if (layout == NULL)
    return;

  g_free (layout->xy);
  g_free (layout->radius);
  g_array_unref (layout->sectors);
  g_free (layout);
}

TissageMapLayoutKind
tissage_map_layout_get_kind (const TissageMapLayout *layout)
{
  g_return_val_if_fail (layout != NULL, TISSAGE_MAP_LAYOUT_RINGS);

  return layout->kind;
}

void
tissage_map_layout_compute (TissageMapLayout   *self,
                            TissageMapModel    *model,
                            TissageMapNodeSize  size)
{
  g_autofree guint *by_id = NULL;
  double max_radius = 0.0;

  g_return_if_fail (self != NULL);
  g_return_if_fail (TISSAGE_IS_MAP_MODEL (model));

  self->n = model->nodes->len;
  g_free (self->xy);
  g_free (self->radius);
  self->xy = g_new0 (double, 2 * MAX (self->n, 1));
  self->radius = g_new0 (double, MAX (self->n, 1));

  for (guint i = 0; i < self->n; i++)
    {
      self->radius[i] = tissage_map_node_radius (tissage_map_model_node (model, i), size, model->max_links);
      max_radius = MAX (max_radius, self->radius[i]);
    }
  self->spacing = 2.0 * MAX (max_radius, TISSAGE_MAP_NODE_RADIUS_MIN) + NODE_GAP;

  by_id = g_new (guint, MAX (self->n, 1));
  for (guint i = 0; i < self->n; i++)
    by_id[i] = i;
  g_qsort_with_data (by_id, (gint) self->n, sizeof (guint), compare_node_ids, model);

  switch (self->kind)
    {
    case TISSAGE_MAP_LAYOUT_RINGS:
      compute_rings (self, model, by_id);
      break;
    case TISSAGE_MAP_LAYOUT_GRID:
      compute_grid (self, model, by_id);
      break;
    case TISSAGE_MAP_LAYOUT_FREE:
    default:
      compute_free (self, model, by_id);
      break;
    }
}

guint
tissage_map_layout_get_n_nodes (const TissageMapLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);

  return layout->n;
}

void
tissage_map_layout_get_position (const TissageMapLayout *layout,
                                 guint                   index,
                                 double                 *x,
                                 double                 *y)
{
  g_return_if_fail (layout != NULL);
  g_return_if_fail (index < layout->n);

  if (x != NULL)
    *x = layout->xy[2 * index];
  if (y != NULL)
    *y = layout->xy[2 * index + 1];
}

double
tissage_map_layout_get_radius (const TissageMapLayout *layout,
                               guint                   index)
{
  g_return_val_if_fail (layout != NULL, 0.0);
  g_return_val_if_fail (index < layout->n, 0.0);

  return layout->radius[index];
}

/* Everything the layout draws: nodes, rings or grid, and their titles. */
void
tissage_map_layout_get_bounds (const TissageMapLayout *layout,
                               TissageMapRect         *bounds)
{
  g_return_if_fail (layout != NULL);
  g_return_if_fail (bounds != NULL);

  *bounds = layout->bounds;
}

static double
normalize_angle (double angle)
{
  /* Into [-π/2, 3π/2), where the sectors live */
  angle = fmod (angle + G_PI / 2.0, 2.0 * G_PI);
  if (angle < 0.0)
    angle += 2.0 * G_PI;
  return angle - G_PI / 2.0;
}

gboolean
tissage_map_layout_locate (const TissageMapLayout *layout,
                           double                  x,
                           double                  y,
                           TissageMapDrop         *drop)
{
  g_return_val_if_fail (layout != NULL, FALSE);
  g_return_val_if_fail (drop != NULL, FALSE);

  drop->layout = layout->kind;
  drop->x = x;
  drop->y = y;
  drop->proximity = -1;
  drop->category_id = 0;
  drop->influence = -1;
  drop->interest = -1;

  if (!isfinite (x) || !isfinite (y))
    return FALSE;

  switch (layout->kind)
    {
    case TISSAGE_MAP_LAYOUT_RINGS:
      {
        double d = hypot (x, y);
        double angle = normalize_angle (atan2 (y, x));

        drop->proximity = TISSAGE_MAP_PROXIMITY_EXTERNAL;
        for (guint p = 0; p < TISSAGE_MAP_N_PROXIMITIES; p++)
          if (d < layout->ring_outer[p])
            {
              drop->proximity = (int) p;
              break;
            }

        for (guint k = 0; k < layout->sectors->len; k++)
          {
            const TissageMapSector *sector = &g_array_index (layout->sectors, TissageMapSector, k);

            if (angle >= sector->start && angle < sector->end)
              {
                drop->category_id = sector->category_id;
                break;
              }
          }
      }
      break;

    case TISSAGE_MAP_LAYOUT_GRID:
      {
        double fx = (x - layout->grid_x0) / (layout->grid_x1 - layout->grid_x0);
        double fy = (y - layout->grid_y0) / (layout->grid_y1 - layout->grid_y0);

        drop->interest = (int) CLAMP (lround (fx * 100.0), 0, 100);
        drop->influence = (int) CLAMP (lround ((1.0 - fy) * 100.0), 0, 100);
      }
      break;

    case TISSAGE_MAP_LAYOUT_FREE:
    default:
      break;
    }

  return TRUE;
}

void
tissage_map_layout_get_ring (const TissageMapLayout *layout,
                             TissageMapProximity     proximity,
                             double                 *inner,
                             double                 *outer)
{
  g_return_if_fail (layout != NULL);
  g_return_if_fail ((guint) proximity < TISSAGE_MAP_N_PROXIMITIES);

  if (inner != NULL)
    *inner = layout->ring_inner[proximity];
  if (outer != NULL)
    *outer = layout->ring_outer[proximity];
}

guint
tissage_map_layout_get_n_sectors (const TissageMapLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);

  return layout->sectors->len;
}

/* Angles in radians, clockwise on screen, the first sector starting at the
 * top (-π/2). */
void
tissage_map_layout_get_sector (const TissageMapLayout *layout,
                               guint                   index,
                               gint64                 *category_id,
                               double                 *start_angle,
                               double                 *end_angle)
{
  const TissageMapSector *sector;

  g_return_if_fail (layout != NULL);
  g_return_if_fail (index < layout->sectors->len);

  sector = &g_array_index (layout->sectors, TissageMapSector, index);
  if (category_id != NULL)
    *category_id = sector->category_id;
  if (start_angle != NULL)
    *start_angle = sector->start;
  if (end_angle != NULL)
    *end_angle = sector->end;
}

/**
 * tissage_map_layout_get_sector_label_box:
 * @text_width: @text_height: the size of the sector's name, world units
 *
 * Where the name of a sector of the rings goes: outside the rings, in the
 * middle of its sector, growing away from them and clear of every node.
 */
void
tissage_map_layout_get_sector_label_box (const TissageMapLayout *layout,
                                         guint                   index,
                                         double                  text_width,
                                         double                  text_height,
                                         TissageMapRect         *box)
{
  g_return_if_fail (layout != NULL);
  g_return_if_fail (index < layout->sectors->len);
  g_return_if_fail (box != NULL);

  sector_label_box (layout, &g_array_index (layout->sectors, TissageMapSector, index),
                    text_width, text_height, box);
}

/* The world point of the scores (influence, interest) in the grid. */
void
tissage_map_layout_grid_to_world (const TissageMapLayout *layout,
                                  int                     influence,
                                  int                     interest,
                                  double                 *x,
                                  double                 *y)
{
  g_return_if_fail (layout != NULL);

  if (x != NULL)
    *x = layout->grid_x0 + CLAMP (interest, 0, 100) / 100.0 * (layout->grid_x1 - layout->grid_x0);
  if (y != NULL)
    *y = layout->grid_y0 + (1.0 - CLAMP (influence, 0, 100) / 100.0) * (layout->grid_y1 - layout->grid_y0);
}

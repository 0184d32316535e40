/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-map"

#include "config.h"

#include <math.h>
#include <string.h>

#include "tissage-map-force.h"
#include "tissage-map-private.h"
#include "tissage-map-raster-private.h"

/* Natural length: two linked nodes settle at about 0.6 × K */
#define NATURAL_LENGTH   105.0
#define REPULSION        0.2
#define THETA            1.0
/* Pulls everything towards the centre: the map settles as a disc of radius
 * about K × √(0.2 n / GRAVITY), unlinked stakeholders included */
#define GRAVITY          0.3
#define ITERATIONS       250
#define MAX_DEPTH        28
#define JOB_SIZE         256

typedef struct
{
  double x0;
  double y0;
  double size;
  double cx;       /* centre of mass */
  double cy;
  double mass;
  int    child[4]; /* -1 if none; all -1 for a leaf */
  guint  first;    /* leaf: bodies order[first .. first + count) */
  guint  count;
} Cell;

struct _TissageMapForce
{
  guint    n;
  gint64  *ids;
  double  *xy;
  double  *force;     /* 2 × n */
  guint    n_edges;
  guint   *edges;     /* 2 × n_edges */
  double  *weights;

  /* Barnes–Hut tree, rebuilt at each iteration */
  GArray  *cells;
  guint   *order;
  guint   *scratch;

  guint   *lone;      /* nodes without links, in id order */
  guint    n_lone;
  guint8  *is_lone;
  double   start_temperature;
  guint    iterations;
  gboolean settled;
};

static int
build_cell (TissageMapForce *self,
            guint            first,
            guint            count,
            double           x0,
            double           y0,
            double           size,
            int              depth)
{
  Cell cell = { x0, y0, size, 0.0, 0.0, 0.0, { -1, -1, -1, -1 }, first, count };
  int index = (int) self->cells->len;

  g_array_append_val (self->cells, cell);

  if (count > 1 && depth < MAX_DEPTH)
    {
      double half = size / 2.0;
      guint counts[4] = { 0 }, starts[4], fill[4];

      for (guint k = first; k < first + count; k++)
        {
          guint i = self->order[k];
          guint q = (self->xy[2 * i] >= x0 + half ? 1 : 0) + (self->xy[2 * i + 1] >= y0 + half ? 2 : 0);

          counts[q]++;
        }
      starts[0] = first;
      for (guint q = 1; q < 4; q++)
        starts[q] = starts[q - 1] + counts[q - 1];
      memcpy (fill, starts, sizeof fill);
      for (guint k = first; k < first + count; k++)
        {
          guint i = self->order[k];
          guint q = (self->xy[2 * i] >= x0 + half ? 1 : 0) + (self->xy[2 * i + 1] >= y0 + half ? 2 : 0);

          self->scratch[fill[q]++] = i;
        }
      memcpy (self->order + first, self->scratch + first, sizeof (guint) * count);

      /* All in one quadrant of a tiny cell: coincident points, stay a leaf */
      if (counts[0] != count && counts[1] != count && counts[2] != count && counts[3] != count)
        {
          for (guint q = 0; q < 4; q++)
            {
              int child;

              if (counts[q] == 0)
                continue;
              child = build_cell (self, starts[q], counts[q],
                                  x0 + (q & 1 ? half : 0.0), y0 + (q & 2 ? half : 0.0), half, depth + 1);
              g_array_index (self->cells, Cell, index).child[q] = child;
            }
        }
      else
        {
          guint q = counts[0] == count ? 0 : counts[1] == count ? 1 : counts[2] == count ? 2 : 3;
          int child = build_cell (self, first, count, x0 + (q & 1 ? half : 0.0), y0 + (q & 2 ? half : 0.0),
                                  half, depth + 1);

          g_array_index (self->cells, Cell, index).child[q] = child;
        }
    }

  {
    Cell *c = &g_array_index (self->cells, Cell, index);
    double sx = 0.0, sy = 0.0;

    for (guint k = first; k < first + count; k++)
      {
        sx += self->xy[2 * self->order[k]];
        sy += self->xy[2 * self->order[k] + 1];
      }
    c->mass = count;
    c->cx = sx / MAX (count, 1);
    c->cy = sy / MAX (count, 1);
  }

  return index;
}

static void
build_tree (TissageMapForce *self)
{
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  guint n = 0;

  for (guint i = 0; i < self->n; i++)
    {
      if (self->is_lone[i])
        continue;
      x0 = MIN (x0, self->xy[2 * i]);
      y0 = MIN (y0, self->xy[2 * i + 1]);
      x1 = MAX (x1, self->xy[2 * i]);
      y1 = MAX (y1, self->xy[2 * i + 1]);
      self->order[n++] = i;
    }

  g_array_set_size (self->cells, 0);
  if (n > 0)
    build_cell (self, 0, n, x0, y0, MAX (MAX (x1 - x0, y1 - y0), 1.0) * 1.0001, 0);
}

/* Stakeholders without links have nothing to pull them anywhere: they wait
 * in a ring around the network, in id order */
static void
place_lone (TissageMapForce *self)
{
  g_autofree double *dist = NULL;
  double cx = 0.0, cy = 0.0, radius = 0.0;
  guint n = 0;

  if (self->n_lone == 0)
    return;

  for (guint i = 0; i < self->n; i++)
    if (!self->is_lone[i])
      {
        cx += self->xy[2 * i];
        cy += self->xy[2 * i + 1];
        n++;
      }
  if (n > 0)
    {
      cx /= n;
      cy /= n;
      dist = g_new (double, n);
      n = 0;
      for (guint i = 0; i < self->n; i++)
        if (!self->is_lone[i])
          dist[n++] = hypot (self->xy[2 * i] - cx, self->xy[2 * i + 1] - cy);
      /* Beyond nearly all of the network */
      for (guint k = 0; k < n; k++)
        radius = MAX (radius, dist[k]);
    }

  radius = MAX (radius + NATURAL_LENGTH * 0.6, NATURAL_LENGTH * 0.3 * self->n_lone / G_PI);
  for (guint k = 0; k < self->n_lone; k++)
    {
      double a = -G_PI / 2.0 + 2.0 * G_PI * k / self->n_lone;

      self->xy[2 * self->lone[k]] = cx + radius * cos (a);
      self->xy[2 * self->lone[k] + 1] = cy + radius * sin (a);
    }
}

static inline gboolean
is_leaf (const Cell *c)
{
  return c->child[0] < 0 && c->child[1] < 0 && c->child[2] < 0 && c->child[3] < 0;
}

static void
repulsion_job (guint    job,
               gpointer user_data)
{
  TissageMapForce *self = user_data;
  const Cell *cells = (const Cell *) (gpointer) self->cells->data;
  double k2 = REPULSION * NATURAL_LENGTH * NATURAL_LENGTH;
  guint end = MIN ((job + 1) * JOB_SIZE, self->n);
  int stack[4 * MAX_DEPTH + 8];

  for (guint i = job * JOB_SIZE; i < end; i++)
    {
      double x = self->xy[2 * i], y = self->xy[2 * i + 1];
      double fx = 0.0, fy = 0.0;
      int top = 0;

      if (self->is_lone[i] || self->cells->len == 0)
        {
          self->force[2 * i] = self->force[2 * i + 1] = 0.0;
          continue;
        }

      stack[top++] = 0;
      while (top > 0)
        {
          const Cell *c = &cells[stack[--top]];
          double dx = x - c->cx, dy = y - c->cy;
          double d2 = dx * dx + dy * dy;

          if (is_leaf (c))
            {
              for (guint k = c->first; k < c->first + c->count; k++)
                {
                  guint j = self->order[k];
                  double ex, ey, e2;

                  if (j == i)
                    continue;
                  ex = x - self->xy[2 * j];
                  ey = y - self->xy[2 * j + 1];
                  e2 = ex * ex + ey * ey;
                  if (e2 < 1e-4)
                    {
                      /* Same spot: push apart along a direction set by the indices */
                      ex = (i < j ? 1.0 : -1.0) * 0.01;
                      ey = ((i + j) % 2 ? 1.0 : -1.0) * 0.01;
                      e2 = ex * ex + ey * ey;
                    }
                  fx += k2 * ex / e2;
                  fy += k2 * ey / e2;
                }
            }
          else if (c->size * c->size < THETA * THETA * d2)
            {
              fx += k2 * c->mass * dx / d2;
              fy += k2 * c->mass * dy / d2;
            }
          else
            {
              for (int q = 0; q < 4; q++)
                if (c->child[q] >= 0)
                  stack[top++] = c->child[q];
            }
        }

      self->force[2 * i] = fx;
      self->force[2 * i + 1] = fy;
    }
}

static void
iterate (TissageMapForce *self)
{
  double cx = 0.0, cy = 0.0, temperature;
  guint n_linked = 0;

  if (self->n < 2)
    {
      self->settled = TRUE;
      return;
    }

  build_tree (self);
  tissage_map_parallel_run ((self->n + JOB_SIZE - 1) / JOB_SIZE, repulsion_job, self);

  for (guint e = 0; e < self->n_edges; e++)
    {
      guint a = self->edges[2 * e], b = self->edges[2 * e + 1];
      double dx = self->xy[2 * b] - self->xy[2 * a], dy = self->xy[2 * b + 1] - self->xy[2 * a + 1];
      double d = hypot (dx, dy), f = d / NATURAL_LENGTH * self->weights[e];

      self->force[2 * a] += dx * f;
      self->force[2 * a + 1] += dy * f;
      self->force[2 * b] -= dx * f;
      self->force[2 * b + 1] -= dy * f;
    }

  /* Gravity keeps unlinked groups and lone stakeholders in the picture */
  for (guint i = 0; i < self->n; i++)
    if (!self->is_lone[i])
      {
        cx += self->xy[2 * i];
        cy += self->xy[2 * i + 1];
        n_linked++;
      }
  cx /= MAX (n_linked, 1);
  cy /= MAX (n_linked, 1);

  /* Moves are capped by a temperature that cools down to a small floor */
  temperature = self->start_temperature * pow (1.0 - (double) self->iterations / ITERATIONS, 1.5) +
                NATURAL_LENGTH * 0.01;

  for (guint i = 0; i < self->n; i++)
    {
      double fx = self->force[2 * i] - GRAVITY * (self->xy[2 * i] - cx);
      double fy = self->force[2 * i + 1] - GRAVITY * (self->xy[2 * i + 1] - cy);
      double f = hypot (fx, fy);

      if (f > 0.0 && !self->is_lone[i])
        {
          double move = MIN (temperature, f);

          self->xy[2 * i] += fx / f * move;
          self->xy[2 * i + 1] += fy / f * move;
        }
    }

  place_lone (self);

  self->iterations++;
  if (self->iterations >= ITERATIONS)
    self->settled = TRUE;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b,
             gpointer      user_data)
{
  const gint64 *ids = user_data;
  gint64 ia = ids[*(const guint *) a], ib = ids[*(const guint *) b];

  return ia < ib ? -1 : ia > ib ? 1 : 0;
}

/**
 * tissage_map_force_new:
 * @start: (nullable): a layout of @model to start from (typically the
 *   current free layout); %NULL starts from the free layout's placement
 */
TissageMapForce *
tissage_map_force_new (TissageMapModel        *model,
                       const TissageMapLayout *start)
{
  TissageMapForce *self;
  g_autoptr(TissageMapLayout) initial = NULL;

  g_return_val_if_fail (TISSAGE_IS_MAP_MODEL (model), NULL);

  if (start == NULL || start->n != model->nodes->len)
    {
      initial = tissage_map_layout_new (TISSAGE_MAP_LAYOUT_FREE);
      tissage_map_layout_compute (initial, model, TISSAGE_MAP_NODE_SIZE_INFLUENCE);
      start = initial;
    }

  self = g_new0 (TissageMapForce, 1);
  self->n = model->nodes->len;
  self->ids = g_new (gint64, MAX (self->n, 1));
  self->xy = g_memdup2 (start->xy, sizeof (double) * 2 * MAX (self->n, 1));
  self->force = g_new0 (double, 2 * MAX (self->n, 1));
  self->order = g_new (guint, MAX (self->n, 1));
  self->scratch = g_new (guint, MAX (self->n, 1));
  self->cells = g_array_sized_new (FALSE, FALSE, sizeof (Cell), 2 * MAX (self->n, 1));
  for (guint i = 0; i < self->n; i++)
    self->ids[i] = tissage_map_model_node (model, i)->id;

  self->n_edges = model->edges->len;
  self->edges = g_new (guint, 2 * MAX (self->n_edges, 1));
  self->weights = g_new (double, MAX (self->n_edges, 1));
  for (guint e = 0; e < self->n_edges; e++)
    {
      const TissageMapEdge *edge = tissage_map_model_edge (model, e);

      self->edges[2 * e] = (guint) MAX (tissage_map_model_find_node (model, edge->source_id), 0);
      self->edges[2 * e + 1] = (guint) MAX (tissage_map_model_find_node (model, edge->target_id), 0);
      self->weights[e] = 0.6 + 0.4 * (CLAMP (edge->strength, 1, 3) - 1);
    }

  self->is_lone = g_new (guint8, MAX (self->n, 1));
  self->lone = g_new (guint, MAX (self->n, 1));
  for (guint i = 0; i < self->n; i++)
    self->is_lone[i] = tissage_map_model_node (model, i)->n_links == 0;
  for (guint i = 0; i < self->n; i++)
    if (self->is_lone[i])
      self->lone[self->n_lone++] = i;
  g_qsort_with_data (self->lone, (gint) self->n_lone, sizeof (guint), compare_ids, self->ids);

  /* A tenth of the size the map will settle at */
  self->start_temperature = 0.1 * 2.0 * NATURAL_LENGTH * sqrt (REPULSION * MAX (self->n, 1) / GRAVITY);
  self->settled = self->n < 2;
  return self;
}

void
tissage_map_force_free (TissageMapForce *force)
{
  if (force == NULL)
    return;

  g_free (force->ids);
  g_free (force->xy);
  g_free (force->force);
  g_free (force->order);
  g_free (force->scratch);
  g_free (force->edges);
  g_free (force->weights);
  g_free (force->lone);
  g_free (force->is_lone);
  g_array_unref (force->cells);
  g_free (force);
}

/* Runs up to @iterations steps; returns %TRUE while not settled. */
gboolean
tissage_map_force_step (TissageMapForce *force,
                        guint            iterations)
{
  g_return_val_if_fail (force != NULL, FALSE);

  for (guint k = 0; k < iterations && !force->settled; k++)
    iterate (force);

  return !force->settled;
}

/* Runs until settled; returns %FALSE if @cancellable was cancelled first. */
gboolean
tissage_map_force_run (TissageMapForce *force,
                       GCancellable    *cancellable)
{
  g_return_val_if_fail (force != NULL, FALSE);

  while (!force->settled)
    {
      if (g_cancellable_is_cancelled (cancellable))
        return FALSE;
      iterate (force);
    }

  return TRUE;
}

gboolean
tissage_map_force_is_settled (TissageMapForce *force)
{
  g_return_val_if_fail (force != NULL, TRUE);

  return force->settled;
}

/* From 0 to 1, for a progress bar. */
double
tissage_map_force_get_progress (TissageMapForce *force)
{
  g_return_val_if_fail (force != NULL, 1.0);

  if (force->settled)
    return 1.0;
  return (double) force->iterations / ITERATIONS;
}

guint
tissage_map_force_get_iterations (TissageMapForce *force)
{
  g_return_val_if_fail (force != NULL, 0);

  return force->iterations;
}

guint
tissage_map_force_get_n_nodes (TissageMapForce *force)
{
  g_return_val_if_fail (force != NULL, 0);

  return force->n;
}

gint64
tissage_map_force_get_node_id (TissageMapForce *force,
                               guint            index)
{
  g_return_val_if_fail (force != NULL, 0);
  g_return_val_if_fail (index < force->n, 0);

  return force->ids[index];
}

void
tissage_map_force_get_position (TissageMapForce *force,
                                guint            index,
                                double          *x,
                                double          *y)
{
  g_return_if_fail (force != NULL);
  g_return_if_fail (index < force->n);

  if (x != NULL)
    *x = force->xy[2 * index];
  if (y != NULL)
    *y = force->xy[2 * index + 1];
}

/* Stores the positions as the nodes' free positions (rounded to 0.1). */
void
tissage_map_force_apply (TissageMapForce *force,
                         TissageMapModel *model)
{
  g_return_if_fail (force != NULL);
  g_return_if_fail (TISSAGE_IS_MAP_MODEL (model));

  for (guint i = 0; i < force->n; i++)
    tissage_map_model_set_node_position (model, force->ids[i],
                                         round (force->xy[2 * i] * 10.0) / 10.0,
                                         round (force->xy[2 * i + 1] * 10.0) / 10.0);
}

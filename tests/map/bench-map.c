/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

/* Map benchmarks: run with `meson test --benchmark --suite map`.
 *
 * Prints `BENCH <name> <value> ms` lines, targets on '#' lines. Frames are
 * drawn through tissage_map_view_render(), the call the widget makes in its
 * snapshot, onto a 1920×1080 image surface, blit of the cached layer
 * included. */

#include "config.h"

#include <stdio.h>
#include <math.h>
#include <stdlib.h>

#include "map-synthetic.h"

#define WIDTH  1920
#define HEIGHT 1080

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

static double
percentile (GArray *values,
            double  p)
{
  g_autofree double *sorted = g_memdup2 (values->data, sizeof (double) * values->len);
  guint k;

  if (values->len == 0)
    return 0.0;
  qsort (sorted, values->len, sizeof (double), compare_doubles);
  k = (guint) CLAMP (ceil (p * values->len) - 1, 0, values->len - 1);
  return sorted[k];
}

static double
max_of (GArray *values)
{
  double m = 0.0;

  for (guint i = 0; i < values->len; i++)
    m = MAX (m, g_array_index (values, double, i));
  return m;
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* One frame as the widget draws it */
static double
frame (TissageMapView *view,
       cairo_t        *cr,
       GArray         *times)
{
  double start = now_ms (), elapsed;

  tissage_map_view_render (view, cr);
  cairo_surface_flush (cairo_get_target (cr));
  elapsed = now_ms () - start;
  if (times != NULL)
    g_array_append_val (times, elapsed);
  return elapsed;
}

static TissageMapView *
new_view (TissageMapModel *model)
{
  TissageMapView *view = tissage_map_view_new ();

  tissage_map_view_set_model (view, model);
  tissage_map_view_set_layout (view, TISSAGE_MAP_LAYOUT_RINGS);
  tissage_map_view_set_size (view, WIDTH, HEIGHT, 1.0);
  return view;
}

static double
full_frames (TissageMapModel *model,
             cairo_t         *cr,
             const char      *what,
             double          *first)
{
  g_autoptr(TissageMapView) view = new_view (model);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  *first = frame (view, cr, NULL);
  for (int i = 0; i < 21; i++)
    {
      tissage_map_view_invalidate (view);
      frame (view, cr, times);
    }
  printf ("# %s: full frame median %.2f ms, max %.2f ms, first frame (text measured) %.2f ms\n",
          what, percentile (times, 0.5), max_of (times), *first);
  return percentile (times, 0.5);
}

static gint64
central_node (TissageMapView  *view,
              TissageMapModel *model,
              double          *sx,
              double          *sy)
{
  /* A node near the middle of the screen with a few links */
  for (double r = 40.0; r < 600.0; r += 20.0)
    for (double a = 0.0; a < 2.0 * G_PI; a += 0.2)
      {
        double x = WIDTH / 2.0 + r * cos (a), y = HEIGHT / 2.0 + r * sin (a);
        gint64 id = tissage_map_view_node_at (view, x, y);

        if (id != 0 && tissage_map_model_lookup_node (model, id)->n_links >= 3)
          {
            *sx = x;
            *sy = y;
            return id;
          }
      }
  return 0;
}

static double
interaction (TissageMapModel *model,
             cairo_t         *cr)
{
  g_autoptr(TissageMapView) view = new_view (model);
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) drag = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) pan = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) zoom = g_array_new (FALSE, FALSE, sizeof (double));
  TissageMapDrop drop;
  double sx = 0.0, sy = 0.0, settle_drag, settle_pan, settle_zoom;
  gint64 node;

  /* The map as the user first sees it, a stakeholder selected */
  frame (view, cr, NULL);
  node = central_node (view, model, &sx, &sy);
  g_assert_cmpint (node, !=, 0);
  tissage_map_view_set_selection (view, node, 0);
  frame (view, cr, NULL);

  /* Hover over a few nodes, then drag one across the map */
  for (int i = 0; i < 10; i++)
    {
      tissage_map_view_set_hovered_node (view, tissage_map_view_node_at (view, sx + i * 9.0, sy));
      frame (view, cr, drag);
    }
  tissage_map_view_set_hovered_node (view, 0);
  tissage_map_view_begin_drag (view, node, sx, sy);
  for (int i = 1; i <= 90; i++)
    {
      tissage_map_view_drag_to (view, sx + i * 4.0, sy + 60.0 * sin (i / 10.0));
      frame (view, cr, drag);
    }
  tissage_map_view_end_drag (view, &drop);
  /* The widget writes the drop to the document, then to the model: the
   * rings are laid out again and the next frame is a full one */
  tissage_map_model_set_node_proximity (model, node, drop.proximity == TISSAGE_MAP_PROXIMITY_CORE
                                                     ? TISSAGE_MAP_PROXIMITY_EXTERNAL : drop.proximity);
  settle_drag = frame (view, cr, drag);

  /* Pan with the pointer: a few pixels per frame, both ways */
  tissage_map_view_begin_pan (view);
  for (int i = 0; i < 90; i++)
    {
      tissage_map_view_pan_by (view, i < 45 ? 6.5 : -5.25, i < 45 ? -3.75 : 4.5);
      frame (view, cr, pan);
    }
  tissage_map_view_end_pan (view);
  settle_pan = frame (view, cr, pan);

  /* Zoom in and out around the pointer, as Ctrl+scroll does */
  tissage_map_view_begin_zoom (view);
  for (int i = 0; i < 60; i++)
    {
      tissage_map_view_zoom_at (view, 700.0, 420.0, i < 35 ? 1.035 : 1.0 / 1.035);
      frame (view, cr, zoom);
    }
  tissage_map_view_end_zoom (view);
  settle_zoom = frame (view, cr, zoom);

  g_array_append_vals (all, drag->data, drag->len);
  g_array_append_vals (all, pan->data, pan->len);
  g_array_append_vals (all, zoom->data, zoom->len);

  printf ("# interaction, %u frames: hover+drag p95 %.2f max %.2f (frame after the drop is written %.2f); "
          "pan p95 %.2f max %.2f (after %.2f); zoom p95 %.2f max %.2f (settled frame %.2f) ms\n",
          all->len, percentile (drag, 0.95), max_of (drag), settle_drag,
          percentile (pan, 0.95), max_of (pan), settle_pan,
          percentile (zoom, 0.95), max_of (zoom), settle_zoom);
  printf ("# interaction median %.2f ms, max %.2f ms\n", percentile (all, 0.5), max_of (all));
  return percentile (all, 0.95);
}

static double
force_layout (TissageMapModel *model)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  guint iterations = 0;

  for (int i = 0; i < 3; i++)
    {
      g_autoptr(TissageMapForce) force = NULL;
      double start = now_ms (), elapsed;

      force = tissage_map_force_new (model, NULL);
      tissage_map_force_run (force, NULL);
      elapsed = now_ms () - start;
      g_array_append_val (times, elapsed);
      iterations = tissage_map_force_get_iterations (force);
    }
  printf ("# force layout: %u iterations to settle\n", iterations);
  return percentile (times, 0.5);
}

static void
hit_testing (TissageMapModel *model)
{
  g_autoptr(TissageMapView) view = new_view (model);
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  double start;
  guint found = 0;

  tissage_map_view_zoom_at (view, WIDTH / 2.0, HEIGHT / 2.0, 1.0);
  start = now_ms ();
  for (int i = 0; i < 20000; i++)
    found += tissage_map_view_node_at (view, g_rand_double_range (rand, 0, WIDTH),
                                       g_rand_double_range (rand, 0, HEIGHT)) != 0;
  printf ("# hit test node: %.2f µs per query (%u hits in 20000)\n", (now_ms () - start) * 1000.0 / 20000, found);

  start = now_ms ();
  found = 0;
  for (int i = 0; i < 2000; i++)
    found += tissage_map_view_edge_at (view, g_rand_double_range (rand, 0, WIDTH),
                                       g_rand_double_range (rand, 0, HEIGHT)) != 0;
  printf ("# hit test link: %.2f µs per query (%u hits in 2000)\n", (now_ms () - start) * 1000.0 / 2000, found);
}

static void
recording_frame (TissageMapModel *model,
                 cairo_t         *target)
{
  g_autoptr(TissageMapView) view = new_view (model);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  cairo_rectangle_t extents = { 0, 0, WIDTH, HEIGHT };

  frame (view, target, NULL);
  tissage_map_view_pan_by (view, 3.0, 2.0);
  for (int i = 0; i < 30; i++)
    {
      cairo_surface_t *recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
      cairo_t *cr = cairo_create (recording);
      double start = now_ms (), elapsed;

      tissage_map_view_pan_by (view, i % 2 ? 5.0 : -5.0, 0.0);
      tissage_map_view_render (view, cr);
      cairo_destroy (cr);
      cairo_set_source_surface (target, recording, 0, 0);
      cairo_paint (target);
      cairo_surface_flush (cairo_get_target (target));
      elapsed = now_ms () - start;
      g_array_append_val (times, elapsed);
      cairo_surface_destroy (recording);
    }
  printf ("# pan frame recorded then replayed, as a GTK cairo node: median %.2f ms, p95 %.2f ms\n",
          percentile (times, 0.5), percentile (times, 0.95));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TissageMapModel) large = map_synthetic_generate (2000, 6000, 10, 24, 20240601);
  g_autoptr(TissageMapModel) typical = map_synthetic_generate (300, 900, 8, 10, 20240602);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  double frame_ms, typical_ms, interaction_ms, force_ms, first;

  printf ("# large project: %u stakeholders, %u links; typical: %u stakeholders, %u links; %ux%u, %u cores\n",
          tissage_map_model_get_n_nodes (large), tissage_map_model_get_n_edges (large),
          tissage_map_model_get_n_nodes (typical), tissage_map_model_get_n_edges (typical),
          WIDTH, HEIGHT, g_get_num_processors ());

  frame_ms = full_frames (large, cr, "large", &first);
  printf ("BENCH map_frame_ms %.2f ms\n", frame_ms);
  printf ("# map_frame_ms: no fixed target (one full redraw of the large project)\n");

  interaction_ms = interaction (large, cr);
  printf ("BENCH map_interaction_ms %.2f ms\n", interaction_ms);
  printf ("# map_interaction_ms target: < 16 ms (p95)\n");

  typical_ms = full_frames (typical, cr, "typical", &first);
  printf ("BENCH map_frame_typical_ms %.2f ms\n", typical_ms);
  printf ("# map_frame_typical_ms target: < 16 ms\n");

  force_ms = force_layout (large);
  printf ("BENCH map_layout_force_ms %.2f ms\n", force_ms);
  printf ("# map_layout_force_ms target: < 1000 ms\n");

  hit_testing (large);
  recording_frame (large, cr);

  /* Four times the large project: 8,000 stakeholders, 24,000 links */
  {
    g_autoptr(TissageMapModel) scaled = map_synthetic_generate (8000, 24000, 10, 24, 20240603);

    printf ("# project four times as large: %u stakeholders, %u links\n",
            tissage_map_model_get_n_nodes (scaled), tissage_map_model_get_n_edges (scaled));
    printf ("BENCH map_frame_4x_ms %.2f ms\n", full_frames (scaled, cr, "four times as large", &first));
    printf ("BENCH map_interaction_4x_ms %.2f ms\n", interaction (scaled, cr));
    printf ("# map_interaction_4x_ms target: < 16 ms (p95)\n");
    printf ("BENCH map_layout_force_4x_ms %.2f ms\n", force_layout (scaled));
  }

  {
    g_autoptr(TissageMapView) view = new_view (large);

    for (TissageMapLayoutKind kind = TISSAGE_MAP_LAYOUT_GRID; kind <= TISSAGE_MAP_LAYOUT_FREE; kind++)
      {
        g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

        tissage_map_view_set_layout (view, kind);
        frame (view, cr, NULL);
        for (int i = 0; i < 9; i++)
          {
            tissage_map_view_invalidate (view);
            frame (view, cr, times);
          }
        printf ("# large project, %s layout: full frame median %.2f ms\n",
                kind == TISSAGE_MAP_LAYOUT_GRID ? "grid" : "free", percentile (times, 0.5));
      }
  }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return 0;
}

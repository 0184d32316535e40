/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#include "config.h"

#include <math.h>

#include "map-synthetic.h"
#include "tissage-map.h"

static void
test_transform_round_trip (void)
{
  TissageMapTransform t = { 0.37, -120.5, 48.25 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint i = 0; i < 1000; i++)
    {
      double wx = g_rand_double_range (rand, -5000.0, 5000.0);
      double wy = g_rand_double_range (rand, -5000.0, 5000.0);
      double sx, sy, bx, by;

      tissage_map_transform_to_screen (&t, wx, wy, &sx, &sy);
      tissage_map_transform_to_world (&t, sx, sy, &bx, &by);
      g_assert_cmpfloat_with_epsilon (bx, wx, 1e-9);
      g_assert_cmpfloat_with_epsilon (by, wy, 1e-9);
    }
}

static void
test_zoom_keeps_point (void)
{
  TissageMapTransform t;
  double wx0, wy0, wx1, wy1;

  tissage_map_transform_init (&t);
  tissage_map_transform_pan (&t, 310.0, -42.0);

  for (int step = 0; step < 40; step++)
    {
      double sx = 123.0 + step * 7.0, sy = 456.0 - step * 3.0;
      double factor = step % 2 ? 1.25 : 0.7;

      tissage_map_transform_to_world (&t, sx, sy, &wx0, &wy0);
      tissage_map_transform_zoom_at (&t, sx, sy, factor);
      tissage_map_transform_to_world (&t, sx, sy, &wx1, &wy1);
      g_assert_cmpfloat_with_epsilon (wx1, wx0, 1e-6);
      g_assert_cmpfloat_with_epsilon (wy1, wy0, 1e-6);
    }

  /* Clamped at both ends, still around the pointer */
  for (int i = 0; i < 100; i++)
    tissage_map_transform_zoom_at (&t, 200.0, 100.0, 2.0);
  g_assert_cmpfloat (t.zoom, ==, TISSAGE_MAP_ZOOM_MAX);
  tissage_map_transform_to_world (&t, 200.0, 100.0, &wx0, &wy0);
  tissage_map_transform_zoom_at (&t, 200.0, 100.0, 2.0);
  tissage_map_transform_to_world (&t, 200.0, 100.0, &wx1, &wy1);
  g_assert_cmpfloat_with_epsilon (wx1, wx0, 1e-9);
  for (int i = 0; i < 100; i++)
    tissage_map_transform_zoom_at (&t, 200.0, 100.0, 0.5);
  g_assert_cmpfloat (t.zoom, ==, TISSAGE_MAP_ZOOM_MIN);

  /* Nonsense factors change nothing */
  tissage_map_transform_zoom_at (&t, 0.0, 0.0, 0.0);
  tissage_map_transform_zoom_at (&t, 0.0, 0.0, NAN);
  g_assert_cmpfloat (t.zoom, ==, TISSAGE_MAP_ZOOM_MIN);
}

static void
test_fit (void)
{
  TissageMapRect world = { -300.0, -120.0, 900.0, 400.0 };
  TissageMapRect screen = { 0.0, 0.0, 800.0, 600.0 };
  TissageMapTransform t;
  double x0, y0, x1, y1;

  tissage_map_transform_init (&t);
  tissage_map_transform_fit (&t, &world, &screen, 20.0, 0.0);
  tissage_map_transform_to_screen (&t, world.x, world.y, &x0, &y0);
  tissage_map_transform_to_screen (&t, world.x + world.width, world.y + world.height, &x1, &y1);

  /* Wide world: touches the padding left and right, centred vertically */
  g_assert_cmpfloat_with_epsilon (x0, 20.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (x1, 780.0, 1e-9);
  g_assert_cmpfloat_with_epsilon ((y0 + y1) / 2.0, 300.0, 1e-9);
  g_assert_cmpfloat (y0, >=, 20.0);
  g_assert_cmpfloat (y1, <=, 580.0);

  /* A tiny world is not blown up past the maximum zoom */
  world.width = world.height = 10.0;
  tissage_map_transform_fit (&t, &world, &screen, 20.0, 2.5);
  g_assert_cmpfloat (t.zoom, ==, 2.5);
}

static void
assert_no_overlap (const TissageMapLayout *layout)
{
  guint n = tissage_map_layout_get_n_nodes (layout);
  g_autofree double *xy = g_new (double, 2 * MAX (n, 1));
  g_autofree double *r = g_new (double, MAX (n, 1));
  g_autoptr(TissageMapSpatialIndex) index = NULL;
  g_autoptr(GArray) near = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < n; i++)
    {
      tissage_map_layout_get_position (layout, i, &xy[2 * i], &xy[2 * i + 1]);
      r[i] = tissage_map_layout_get_radius (layout, i);
    }
  index = tissage_map_spatial_index_new (xy, r, NULL, n);

  for (guint i = 0; i < n; i++)
    {
      TissageMapRect rect = { xy[2 * i] - r[i], xy[2 * i + 1] - r[i], 2.0 * r[i], 2.0 * r[i] };

      g_array_set_size (near, 0);
      tissage_map_spatial_index_query (index, &rect, near);
      for (guint k = 0; k < near->len; k++)
        {
          guint j = g_array_index (near, guint, k);

          if (j != i)
            g_assert_cmpfloat (hypot (xy[2 * i] - xy[2 * j], xy[2 * i + 1] - xy[2 * j + 1]), >=, r[i] + r[j]);
        }
    }
}

static void
check_rings (TissageMapModel *model)
{
  g_autoptr(TissageMapLayout) layout = tissage_map_layout_new (TISSAGE_MAP_LAYOUT_RINGS);
  double last_outer = 0.0;

  tissage_map_layout_compute (layout, model, TISSAGE_MAP_NODE_SIZE_INFLUENCE);
  g_assert_cmpuint (tissage_map_layout_get_n_nodes (layout), ==, tissage_map_model_get_n_nodes (model));

  /* Rings nest from the centre outwards */
  for (guint p = 0; p < TISSAGE_MAP_N_PROXIMITIES; p++)
    {
      double inner, outer;

      tissage_map_layout_get_ring (layout, p, &inner, &outer);
      g_assert_cmpfloat (inner, >=, last_outer);
      g_assert_cmpfloat (outer, >, inner);
      last_outer = outer;
    }

  /* Each node sits in its own ring and its category's sector: dropping it
   * where it is changes nothing */
  for (guint i = 0; i < tissage_map_model_get_n_nodes (model); i++)
    {
      const TissageMapNode *node = tissage_map_model_get_node (model, i);
      TissageMapDrop drop;
      double x, y, inner, outer, d;

      tissage_map_layout_get_position (layout, i, &x, &y);
      g_assert_true (tissage_map_layout_locate (layout, x, y, &drop));
      g_assert_cmpint (drop.layout, ==, TISSAGE_MAP_LAYOUT_RINGS);
      g_assert_cmpint (drop.proximity, ==, node->proximity);
      g_assert_cmpint (drop.category_id, ==, node->category_id);

      /* and wholly inside its ring */
      tissage_map_layout_get_ring (layout, node->proximity, &inner, &outer);
      d = hypot (x, y);
      g_assert_cmpfloat (d - tissage_map_layout_get_radius (layout, i), >=, inner);
      g_assert_cmpfloat (d + tissage_map_layout_get_radius (layout, i), <=, outer);
    }

  assert_no_overlap (layout);
}

static void
test_rings_layout (void)
{
  g_autoptr(TissageMapModel) example = map_synthetic_example ();
  g_autoptr(TissageMapModel) large = map_synthetic_generate (2000, 6000, 10, 24, 42);

  check_rings (example);
  check_rings (large);
}

static void
test_rings_drop (void)
{
  g_autoptr(TissageMapModel) model = map_synthetic_example ();
  g_autoptr(TissageMapLayout) layout = tissage_map_layout_new (TISSAGE_MAP_LAYOUT_RINGS);
  TissageMapDrop drop;

  tissage_map_layout_compute (layout, model, TISSAGE_MAP_NODE_SIZE_INFLUENCE);

  /* Through the middle of each ring, at several angles */
  for (guint p = 0; p < TISSAGE_MAP_N_PROXIMITIES; p++)
    for (double a = -G_PI; a < G_PI; a += 0.3)
      {
        double inner, outer, r;

        tissage_map_layout_get_ring (layout, p, &inner, &outer);
        r = (inner + outer) / 2.0;
        g_assert_true (tissage_map_layout_locate (layout, r * cos (a), r * sin (a), &drop));
        g_assert_cmpint (drop.proximity, ==, p);
        g_assert_cmpint (drop.category_id, !=, 0);
        g_assert_cmpint (drop.influence, ==, -1);
      }

  /* The centre is the core, far away is external */
  tissage_map_layout_locate (layout, 0.0, 0.0, &drop);
  g_assert_cmpint (drop.proximity, ==, TISSAGE_MAP_PROXIMITY_CORE);
  tissage_map_layout_locate (layout, 1e6, -1e6, &drop);
  g_assert_cmpint (drop.proximity, ==, TISSAGE_MAP_PROXIMITY_EXTERNAL);

  /* Sectors cover the circle, in the model's category order, from the top */
  {
    double last_end = -G_PI / 2.0;

    for (guint k = 0; k < tissage_map_layout_get_n_sectors (layout); k++)
      {
        gint64 id;
        double start, end;

        tissage_map_layout_get_sector (layout, k, &id, &start, &end);
        g_assert_cmpfloat_with_epsilon (start, last_end, 1e-9);
        g_assert_cmpint (id, ==, tissage_map_model_get_category (model, k)->id);
        last_end = end;
      }
    g_assert_cmpfloat_with_epsilon (last_end, 3.0 * G_PI / 2.0, 1e-9);
  }
}

static void
test_grid_layout (void)
{
  g_autoptr(TissageMapModel) model = map_synthetic_example ();
  g_autoptr(TissageMapLayout) layout = tissage_map_layout_new (TISSAGE_MAP_LAYOUT_GRID);
  TissageMapDrop drop;
  double x, y, mid_x, mid_y;

  tissage_map_layout_compute (layout, model, TISSAGE_MAP_NODE_SIZE_INFLUENCE);

  /* Every score maps back to itself */
  for (int influence = 0; influence <= 100; influence += 1)
    for (int interest = 0; interest <= 100; interest += 7)
      {
        tissage_map_layout_grid_to_world (layout, influence, interest, &x, &y);
        g_assert_true (tissage_map_layout_locate (layout, x, y, &drop));
        g_assert_cmpint (drop.influence, ==, influence);
        g_assert_cmpint (drop.interest, ==, interest);
        g_assert_cmpint (drop.proximity, ==, -1);
      }

  /* Influence grows upwards, interest to the right */
  tissage_map_layout_grid_to_world (layout, 50, 50, &mid_x, &mid_y);
  tissage_map_layout_grid_to_world (layout, 90, 90, &x, &y);
  g_assert_cmpfloat (x, >, mid_x);
  g_assert_cmpfloat (y, <, mid_y);

  /* Outside the grid: clamped */
  tissage_map_layout_locate (layout, -1e5, -1e5, &drop);
  g_assert_cmpint (drop.influence, ==, 100);
  g_assert_cmpint (drop.interest, ==, 0);
  tissage_map_layout_locate (layout, 1e5, 1e5, &drop);
  g_assert_cmpint (drop.influence, ==, 0);
  g_assert_cmpint (drop.interest, ==, 100);

  /* Nodes stay near their scores: in the right quadrant when clear of the
   * middle, and no two on top of each other */
  for (guint i = 0; i < tissage_map_model_get_n_nodes (model); i++)
    {
      const TissageMapNode *node = tissage_map_model_get_node (model, i);

      tissage_map_layout_get_position (layout, i, &x, &y);
      tissage_map_layout_locate (layout, x, y, &drop);
      g_assert_cmpint (ABS (drop.influence - node->influence), <=, 12);
      g_assert_cmpint (ABS (drop.interest - node->interest), <=, 12);
      if (node->influence >= 62)
        g_assert_cmpfloat (y, <, mid_y);
      if (node->influence <= 38)
        g_assert_cmpfloat (y, >, mid_y);
      if (node->interest >= 62)
        g_assert_cmpfloat (x, >, mid_x);
      if (node->interest <= 38)
        g_assert_cmpfloat (x, <, mid_x);
    }
  assert_no_overlap (layout);
}

static void
test_free_layout (void)
{
  g_autoptr(TissageMapModel) model = map_synthetic_example ();
  g_autoptr(TissageMapLayout) a = tissage_map_layout_new (TISSAGE_MAP_LAYOUT_FREE);
  g_autoptr(TissageMapLayout) b = tissage_map_layout_new (TISSAGE_MAP_LAYOUT_FREE);
  double x, y, bx, by;

  tissage_map_model_set_node_position (model, 100, 12.5, -40.0);
  tissage_map_model_set_node_position (model, 101, 300.0, 200.0);
  tissage_map_layout_compute (a, model, TISSAGE_MAP_NODE_SIZE_INFLUENCE);
  tissage_map_layout_compute (b, model, TISSAGE_MAP_NODE_SIZE_INFLUENCE);

  /* Stored positions are kept as they are */
  tissage_map_layout_get_position (a, (guint) tissage_map_model_find_node (model, 100), &x, &y);
  g_assert_cmpfloat (x, ==, 12.5);
  g_assert_cmpfloat (y, ==, -40.0);

  /* The others are placed the same way every time, apart from each other */
  for (guint i = 0; i < tissage_map_model_get_n_nodes (model); i++)
    {
      tissage_map_layout_get_position (a, i, &x, &y);
      tissage_map_layout_get_position (b, i, &bx, &by);
      g_assert_cmpfloat (x, ==, bx);
      g_assert_cmpfloat (y, ==, by);
      g_assert_true (isfinite (x) && isfinite (y));
    }
  assert_no_overlap (a);

  /* Moving one node leaves the others where they were */
  tissage_map_model_set_node_position (model, 130, 5000.0, 5000.0);
  tissage_map_layout_compute (b, model, TISSAGE_MAP_NODE_SIZE_INFLUENCE);
  for (guint i = 0; i < tissage_map_model_get_n_nodes (model); i++)
    {
      if (tissage_map_model_get_node (model, i)->id == 130)
        continue;
      tissage_map_layout_get_position (a, i, &x, &y);
      tissage_map_layout_get_position (b, i, &bx, &by);
      g_assert_cmpfloat (x, ==, bx);
      g_assert_cmpfloat (y, ==, by);
    }

  /* Free drops carry only the position */
  {
    TissageMapDrop drop;

    g_assert_true (tissage_map_layout_locate (a, 5.0, 6.0, &drop));
    g_assert_cmpfloat (drop.x, ==, 5.0);
    g_assert_cmpint (drop.proximity, ==, -1);
    g_assert_cmpint (drop.influence, ==, -1);
  }
}

static void
test_layout_deterministic (void)
{
  g_autoptr(TissageMapModel) m1 = map_synthetic_generate (500, 1500, 10, 24, 3);
  g_autoptr(TissageMapModel) m2 = map_synthetic_generate (500, 1500, 10, 24, 3);

  for (TissageMapLayoutKind kind = TISSAGE_MAP_LAYOUT_RINGS; kind <= TISSAGE_MAP_LAYOUT_FREE; kind++)
    {
      g_autoptr(TissageMapLayout) a = tissage_map_layout_new (kind);
      g_autoptr(TissageMapLayout) b = tissage_map_layout_new (kind);

      tissage_map_layout_compute (a, m1, TISSAGE_MAP_NODE_SIZE_LINKS);
      tissage_map_layout_compute (b, m2, TISSAGE_MAP_NODE_SIZE_LINKS);
      for (guint i = 0; i < 500; i++)
        {
          double ax, ay, bx, by;

          tissage_map_layout_get_position (a, i, &ax, &ay);
          tissage_map_layout_get_position (b, i, &bx, &by);
          g_assert_cmpfloat (ax, ==, bx);
          g_assert_cmpfloat (ay, ==, by);
          g_assert_cmpfloat (tissage_map_layout_get_radius (a, i), ==, tissage_map_layout_get_radius (b, i));
        }
    }
}

static void
test_node_size (void)
{
  g_autoptr(TissageMapModel) model = map_synthetic_example ();
  const TissageMapNode *hub = tissage_map_model_lookup_node (model, 100);
  const TissageMapNode *leaf = tissage_map_model_lookup_node (model, 143);
  const TissageMapNode *strong = tissage_map_model_lookup_node (model, 115);
  const TissageMapNode *weak = tissage_map_model_lookup_node (model, 141);

  g_assert_cmpuint (hub->n_links, >, leaf->n_links);
  g_assert_cmpfloat (tissage_map_node_radius (hub, TISSAGE_MAP_NODE_SIZE_LINKS, 20),
                     >, tissage_map_node_radius (leaf, TISSAGE_MAP_NODE_SIZE_LINKS, 20));
  g_assert_cmpfloat (tissage_map_node_radius (strong, TISSAGE_MAP_NODE_SIZE_INFLUENCE, 0),
                     >, tissage_map_node_radius (weak, TISSAGE_MAP_NODE_SIZE_INFLUENCE, 0));
  g_assert_cmpfloat (tissage_map_node_radius (weak, TISSAGE_MAP_NODE_SIZE_INFLUENCE, 0),
                     >=, TISSAGE_MAP_NODE_RADIUS_MIN);
}

static TissageMapView *
example_view (TissageMapModel      *model,
              TissageMapLayoutKind  layout)
{
  TissageMapView *view = tissage_map_view_new ();

  tissage_map_view_set_model (view, model);
  tissage_map_view_set_layout (view, layout);
  tissage_map_view_set_size (view, 1200, 800, 1.0);
  return view;
}

static void
test_hit_nodes (void)
{
  g_autoptr(TissageMapModel) model = map_synthetic_generate (2000, 6000, 10, 24, 42);

  for (TissageMapLayoutKind kind = TISSAGE_MAP_LAYOUT_RINGS; kind <= TISSAGE_MAP_LAYOUT_FREE; kind++)
    {
      g_autoptr(TissageMapView) view = example_view (model, kind);
      guint hits = 0;

      /* Zoomed in so that nodes are a comfortable size */
      tissage_map_view_zoom_at (view, 600.0, 400.0, 3.0);

      for (guint i = 0; i < tissage_map_model_get_n_nodes (model); i++)
        {
          const TissageMapNode *node = tissage_map_model_get_node (model, i);
          TissageMapRect rect;
          double cx, cy;

          g_assert_true (tissage_map_view_get_node_rect (view, node->id, &rect));
          cx = rect.x + rect.width / 2.0;
          cy = rect.y + rect.height / 2.0;
          if (cx < 0 || cy < 0 || cx > 1200 || cy > 800)
            continue;
          /* The centre hits the node; nodes of a layout never overlap, but
           * the grid may spread close scores within a pixel */
          if (kind != TISSAGE_MAP_LAYOUT_GRID)
            g_assert_cmpint (tissage_map_view_node_at (view, cx, cy), ==, node->id);
          /* and the rim, from inside */
          g_assert_cmpint (tissage_map_view_node_at (view, cx + rect.width * 0.45, cy), !=, 0);
          hits++;
        }
      g_assert_cmpuint (hits, >, 20);
    }
}

static void
test_hit_filters (void)
{
  g_autoptr(TissageMapModel) model = map_synthetic_example ();
  g_autoptr(TissageMapView) view = example_view (model, TISSAGE_MAP_LAYOUT_RINGS);
  TissageMapRect rect;
  double cx, cy;

  g_assert_true (tissage_map_view_get_node_rect (view, 100, &rect));
  cx = rect.x + rect.width / 2.0;
  cy = rect.y + rect.height / 2.0;
  g_assert_cmpint (tissage_map_view_node_at (view, cx, cy), ==, 100);
  /* Just beyond the rim but within the tolerance */
  g_assert_cmpint (tissage_map_view_node_at (view, cx + rect.width / 2.0 + 2.0, cy), ==, 100);
  /* Far from everything */
  g_assert_cmpint (tissage_map_view_node_at (view, 2.0, 2.0), ==, 0);

  /* A hidden category cannot be clicked */
  tissage_map_view_set_category_hidden (view, 10, TRUE);
  g_assert_cmpint (tissage_map_view_node_at (view, cx, cy), ==, 0);
  g_assert_false (tissage_map_view_is_node_visible (view, 100));
  tissage_map_view_set_category_hidden (view, 10, FALSE);
  g_assert_cmpint (tissage_map_view_node_at (view, cx, cy), ==, 100);

  /* Nor a stakeholder of another structure */
  tissage_map_view_set_structure_filter (view, 2);
  g_assert_cmpint (tissage_map_view_node_at (view, cx, cy), ==, 0);
  tissage_map_view_set_structure_filter (view, 1);
  g_assert_cmpint (tissage_map_view_node_at (view, cx, cy), ==, 100);
}

static void
test_hit_edges (void)
{
  g_autoptr(TissageMapModel) model = tissage_map_model_new ();
  g_autoptr(TissageMapView) view = NULL;
  TissageMapNode node = { 0 };
  TissageMapEdge edge = { 7, 1, 2, "coopération", 2 };
  TissageMapRect ra, rb;
  double mx, my, dx, dy, len;

  tissage_map_model_set_category (model, 1, "Membres", "#3584e4");
  node.label = "A";
  node.id = 1;
  node.category_id = 1;
  node.has_position = TRUE;
  tissage_map_model_add_node (model, &node);
  node.id = 2;
  node.label = "B";
  node.x = 400.0;
  node.y = 150.0;
  tissage_map_model_add_node (model, &node);
  node.id = 3;
  node.label = "C";
  node.x = 0.0;
  node.y = 300.0;
  tissage_map_model_add_node (model, &node);
  g_assert_true (tissage_map_model_add_edge (model, &edge));

  view = example_view (model, TISSAGE_MAP_LAYOUT_FREE);
  tissage_map_view_get_node_rect (view, 1, &ra);
  tissage_map_view_get_node_rect (view, 2, &rb);
  mx = (ra.x + rb.x) / 2.0 + ra.width / 2.0;
  my = (ra.y + rb.y) / 2.0 + ra.height / 2.0;
  dx = rb.x - ra.x;
  dy = rb.y - ra.y;
  len = hypot (dx, dy);

  g_assert_cmpint (tissage_map_view_edge_at (view, mx, my), ==, 7);
  /* 3 px off the line still hits, 12 px does not */
  g_assert_cmpint (tissage_map_view_edge_at (view, mx - dy / len * 3.0, my + dx / len * 3.0), ==, 7);
  g_assert_cmpint (tissage_map_view_edge_at (view, mx - dy / len * 12.0, my + dx / len * 12.0), ==, 0);
  /* Beyond the ends of the segment: no */
  g_assert_cmpint (tissage_map_view_edge_at (view, rb.x + dx / len * 40.0, rb.y + dy / len * 40.0), ==, 0);

  /* Hiding an end hides the link */
  tissage_map_view_set_category_hidden (view, 1, TRUE);
  g_assert_cmpint (tissage_map_view_edge_at (view, mx, my), ==, 0);
}

static void
test_view_zoom_and_pan (void)
{
  g_autoptr(TissageMapModel) model = map_synthetic_example ();
  g_autoptr(TissageMapView) view = example_view (model, TISSAGE_MAP_LAYOUT_RINGS);
  TissageMapRect before, after;
  double wx0, wy0, wx1, wy1;

  /* Fitted at first: every node is on screen */
  for (guint i = 0; i < tissage_map_model_get_n_nodes (model); i++)
    {
      TissageMapRect rect;

      tissage_map_view_get_node_rect (view, tissage_map_model_get_node (model, i)->id, &rect);
      g_assert_cmpfloat (rect.x, >=, 0.0);
      g_assert_cmpfloat (rect.y, >=, 0.0);
      g_assert_cmpfloat (rect.x + rect.width, <=, 1200.0);
      g_assert_cmpfloat (rect.y + rect.height, <=, 800.0);
    }

  tissage_map_view_screen_to_world (view, 333.0, 222.0, &wx0, &wy0);
  tissage_map_view_zoom_at (view, 333.0, 222.0, 1.7);
  tissage_map_view_screen_to_world (view, 333.0, 222.0, &wx1, &wy1);
  g_assert_cmpfloat_with_epsilon (wx0, wx1, 1e-9);
  g_assert_cmpfloat_with_epsilon (wy0, wy1, 1e-9);

  tissage_map_view_get_node_rect (view, 105, &before);
  tissage_map_view_pan_by (view, 40.0, -25.0);
  tissage_map_view_get_node_rect (view, 105, &after);
  g_assert_cmpfloat_with_epsilon (after.x - before.x, 40.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (after.y - before.y, -25.0, 1e-9);

  /* Resizing no longer re-fits once the user has zoomed */
  tissage_map_view_set_size (view, 600, 400, 1.0);
  tissage_map_view_get_node_rect (view, 105, &before);
  g_assert_cmpfloat_with_epsilon (after.x, before.x, 1e-9);

  /* Centre on a node */
  tissage_map_view_center_on_node (view, 120);
  tissage_map_view_get_node_rect (view, 120, &after);
  g_assert_cmpfloat_with_epsilon (after.x + after.width / 2.0, 300.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (after.y + after.height / 2.0, 200.0, 1e-6);
}

static void
test_view_drag_rings (void)
{
  g_autoptr(TissageMapModel) model = map_synthetic_example ();
  g_autoptr(TissageMapView) view = example_view (model, TISSAGE_MAP_LAYOUT_RINGS);
  const TissageMapLayout *layout = tissage_map_view_get_layout_data (view);
  TissageMapTransform t;
  TissageMapRect rect;
  TissageMapDrop drop;
  double inner, outer, sx, sy, gx, gy;

  /* A core stakeholder dragged to the middle of the periphery ring */
  g_assert_cmpint (tissage_map_model_lookup_node (model, 100)->proximity, ==, TISSAGE_MAP_PROXIMITY_CORE);
  tissage_map_view_get_node_rect (view, 100, &rect);
  gx = rect.x + rect.width / 2.0 + 2.0;
  gy = rect.y + rect.height / 2.0 - 1.0;
  g_assert_true (tissage_map_view_begin_drag (view, 100, gx, gy));
  g_assert_cmpint (tissage_map_view_get_dragged_node (view), ==, 100);

  tissage_map_view_get_transform (view, &t);
  tissage_map_layout_get_ring (layout, TISSAGE_MAP_PROXIMITY_PERIPHERY, &inner, &outer);
  tissage_map_transform_to_screen (&t, 0.0, -(inner + outer) / 2.0, &sx, &sy);
  /* The pointer keeps its offset from the node's centre */
  tissage_map_view_drag_to (view, sx + 2.0, sy - 1.0);
  g_assert_cmpint (tissage_map_view_node_at (view, sx, sy), ==, 100);
  tissage_map_view_get_node_rect (view, 100, &rect);
  g_assert_cmpfloat_with_epsilon (rect.x + rect.width / 2.0, sx, 1e-6);

  g_assert_true (tissage_map_view_end_drag (view, &drop));
  g_assert_cmpint (drop.layout, ==, TISSAGE_MAP_LAYOUT_RINGS);
  g_assert_cmpint (drop.proximity, ==, TISSAGE_MAP_PROXIMITY_PERIPHERY);
  g_assert_cmpint (tissage_map_view_get_dragged_node (view), ==, 0);
  g_assert_false (tissage_map_view_end_drag (view, &drop));

  /* The widget writes it back; the node then lives in its new ring */
  tissage_map_model_set_node_proximity (model, 100, drop.proximity);
  layout = tissage_map_view_get_layout_data (view);
  {
    double x, y;

    tissage_map_layout_get_position (layout, (guint) tissage_map_model_find_node (model, 100), &x, &y);
    g_assert_cmpfloat (hypot (x, y), >, inner);
    g_assert_cmpfloat (hypot (x, y), <, outer);
  }
}

/* The map keeps its scale while a node is dragged, even when the view is
 * resized meanwhile (pressing a node fills the inspector beside the map),
 * and the node stays where it was dropped, even outside the old bounds. */
static void
test_view_drag_keeps_scale (void)
{
  g_autoptr(TissageMapModel) model = map_synthetic_example ();
  g_autoptr(TissageMapView) view = example_view (model, TISSAGE_MAP_LAYOUT_FREE);
  TissageMapTransform before, during, after;
  TissageMapRect rect;
  TissageMapDrop drop;
  double x, y;

  tissage_map_view_get_transform (view, &before);
  tissage_map_view_get_node_rect (view, 110, &rect);
  x = rect.x + rect.width / 2.0;
  y = rect.y + rect.height / 2.0;
  g_assert_true (tissage_map_view_begin_drag (view, 110, x, y));

  tissage_map_view_set_size (view, 900, 800, 1.0);
  tissage_map_view_drag_to (view, 880.0, 20.0);
  tissage_map_view_get_transform (view, &during);
  g_assert_true (tissage_map_transform_equal (&during, &before));
  tissage_map_view_get_node_rect (view, 110, &rect);
  g_assert_cmpfloat_with_epsilon (rect.x + rect.width / 2.0, 880.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (rect.y + rect.height / 2.0, 20.0, 1e-6);

  /* Dropped beyond the other nodes: the widget writes x and y back */
  g_assert_true (tissage_map_view_end_drag (view, &drop));
  g_assert_cmpint (drop.layout, ==, TISSAGE_MAP_LAYOUT_FREE);
  tissage_map_model_set_node_position (model, 110, drop.x, drop.y);
  tissage_map_view_set_size (view, 1000, 800, 1.0);
  tissage_map_view_get_transform (view, &after);
  g_assert_true (tissage_map_transform_equal (&after, &before));
  tissage_map_view_get_node_rect (view, 110, &rect);
  g_assert_cmpfloat_with_epsilon (rect.x + rect.width / 2.0, 880.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (rect.y + rect.height / 2.0, 20.0, 1e-6);
  g_assert_cmpint (tissage_map_view_node_at (view, 880.0, 20.0), ==, 110);

  /* Fit on request still shows the whole map, the dropped node included */
  tissage_map_view_fit (view);
  tissage_map_view_get_node_rect (view, 110, &rect);
  g_assert_cmpfloat (rect.x + rect.width, <=, 1000.0);
  g_assert_cmpfloat (rect.y, >=, 0.0);
}

static gboolean
node_on_screen (TissageMapView *view,
                gint64          id,
                int             width,
                int             height)
{
  TissageMapRect rect;

  g_assert_true (tissage_map_view_get_node_rect (view, id, &rect));
  return rect.x >= 0.0 && rect.y >= 0.0 && rect.x + rect.width <= width && rect.y + rect.height <= height;
}

/* A search or a filter brings its matches into view, and leaves the map
 * alone when they already are on screen */
static void
test_view_show_nodes (void)
{
  g_autoptr(TissageMapModel) model = map_synthetic_example ();
  g_autoptr(TissageMapView) view = example_view (model, TISSAGE_MAP_LAYOUT_RINGS);
  TissageMapTransform t, again;
  gint64 far[2] = { 0, 0 };
  double best = -1.0, zoom;

  /* Zoomed in on the top left: most nodes are off screen */
  tissage_map_view_zoom_at (view, 0.0, 0.0, 4.0);
  for (guint i = 0; i < tissage_map_model_get_n_nodes (model); i++)
    {
      gint64 id = tissage_map_model_get_node (model, i)->id;
      TissageMapRect rect;

      tissage_map_view_get_node_rect (view, id, &rect);
      if (rect.x + rect.y > best)
        {
          best = rect.x + rect.y;
          far[0] = id;
        }
    }
  far[1] = 100;
  g_assert_false (node_on_screen (view, far[0], 1200, 800));
  zoom = tissage_map_view_get_zoom (view);

  g_assert_true (tissage_map_view_show_nodes (view, far, 1));
  g_assert_true (node_on_screen (view, far[0], 1200, 800));
  tissage_map_view_get_transform (view, &t);
  /* no further in than the user was */
  g_assert_cmpfloat (t.zoom, <=, MAX (zoom, 1.6) + 1e-9);

  /* Already in view: nothing moves */
  g_assert_false (tissage_map_view_show_nodes (view, far, 1));
  tissage_map_view_get_transform (view, &again);
  g_assert_true (tissage_map_transform_equal (&t, &again));

  /* Two far apart: both in view */
  tissage_map_view_zoom_at (view, 600.0, 400.0, 4.0);
  tissage_map_view_show_nodes (view, far, 2);
  g_assert_true (node_on_screen (view, far[0], 1200, 800));
  g_assert_true (node_on_screen (view, far[1], 1200, 800));

  /* Hidden nodes and unknown ids are left out */
  tissage_map_view_set_category_hidden (view, tissage_map_model_lookup_node (model, far[0])->category_id, TRUE);
  g_assert_false (tissage_map_view_show_nodes (view, (gint64[]) { far[0], 999999 }, 2));
}

/* The names of the sectors lie outside the rings, clear of every node,
 * however wide they are (a zoomed out map shows them large) */
static void
test_sector_labels_clear (void)
{
  guint sizes[] = { 0, 300, 2000 };

  for (guint n = 0; n < G_N_ELEMENTS (sizes); n++)
    {
      g_autoptr(TissageMapModel) model = sizes[n] == 0 ? map_synthetic_example ()
                                                       : map_synthetic_generate (sizes[n], 3 * sizes[n], 10, 24, 42);
      g_autoptr(TissageMapLayout) layout = tissage_map_layout_new (TISSAGE_MAP_LAYOUT_RINGS);

      double inner, outer;

      tissage_map_layout_compute (layout, model, TISSAGE_MAP_NODE_SIZE_INFLUENCE);
      tissage_map_layout_get_ring (layout, TISSAGE_MAP_PROXIMITY_EXTERNAL, &inner, &outer);
      for (guint k = 0; k < tissage_map_layout_get_n_sectors (layout); k++)
        for (double width = 40.0; width <= 1200.0; width *= 1.7)
          {
            TissageMapRect box;

            tissage_map_layout_get_sector_label_box (layout, k, width, 0.12 * width + 14.0, &box);
            g_assert_cmpfloat_with_epsilon (box.width, width, 1e-9);
            /* off the rings, where any node may be placed */
            g_assert_cmpfloat (hypot (CLAMP (0.0, box.x, box.x + box.width),
                                      CLAMP (0.0, box.y, box.y + box.height)), >=, outer);
            for (guint i = 0; i < tissage_map_model_get_n_nodes (model); i++)
              {
                double x, y, r = tissage_map_layout_get_radius (layout, i);
                double nx, ny;

                tissage_map_layout_get_position (layout, i, &x, &y);
                nx = CLAMP (x, box.x, box.x + box.width);
                ny = CLAMP (y, box.y, box.y + box.height);
                g_assert_cmpfloat (hypot (nx - x, ny - y), >=, r);
              }
          }
    }
}

static void
test_view_drag_grid (void)
{
  g_autoptr(TissageMapModel) model = map_synthetic_example ();
  g_autoptr(TissageMapView) view = example_view (model, TISSAGE_MAP_LAYOUT_GRID);
  const TissageMapLayout *layout = tissage_map_view_get_layout_data (view);
  TissageMapTransform t;
  TissageMapRect rect;
  TissageMapDrop drop;
  double sx, sy;

  tissage_map_view_get_transform (view, &t);
  tissage_map_view_get_node_rect (view, 131, &rect);
  g_assert_true (tissage_map_view_begin_drag (view, 131, rect.x + rect.width / 2.0, rect.y + rect.height / 2.0));

  tissage_map_layout_grid_to_world (layout, 72, 40, &sx, &sy);
  tissage_map_transform_to_screen (&t, sx, sy, &sx, &sy);
  tissage_map_view_drag_to (view, sx, sy);
  g_assert_true (tissage_map_view_end_drag (view, &drop));
  g_assert_cmpint (drop.influence, ==, 72);
  g_assert_cmpint (drop.interest, ==, 40);

  /* Past the edges the values stop at 0 and 100 */
  tissage_map_view_locate (view, -5000.0, -5000.0, &drop);
  g_assert_cmpint (drop.influence, ==, 100);
  g_assert_cmpint (drop.interest, ==, 0);
}

static void
test_view_neighbours (void)
{
  g_autoptr(TissageMapModel) model = map_synthetic_example ();
  g_autoptr(TissageMapView) view = example_view (model, TISSAGE_MAP_LAYOUT_GRID);
  gint64 first = tissage_map_view_get_neighbour (view, 0, 1.0, 0.0);
  gint64 left = tissage_map_view_get_neighbour (view, first, -1.0, 0.0);
  gint64 up = tissage_map_view_get_neighbour (view, first, 0.0, -1.0);
  TissageMapRect a, b;

  /* The first node, then the nearest one in the arrow's direction */
  g_assert_cmpint (first, ==, 100);
  g_assert_cmpint (left, !=, 0);
  tissage_map_view_get_node_rect (view, first, &a);
  tissage_map_view_get_node_rect (view, left, &b);
  g_assert_cmpfloat (b.x, <, a.x);
  g_assert_cmpfloat (fabs (b.y - a.y), <, 1.8 * (a.x - b.x) + 1.0);
  if (up != 0)
    {
      tissage_map_view_get_node_rect (view, up, &b);
      g_assert_cmpfloat (b.y, <, a.y);
    }
}

static void
test_model_updates (void)
{
  g_autoptr(TissageMapModel) model = map_synthetic_example ();
  guint64 rev = tissage_map_model_get_revision (model);
  guint n_edges = tissage_map_model_get_n_edges (model);
  guint hub_links = tissage_map_model_lookup_node (model, 100)->n_links;
  TissageMapNode copy;
  TissageMapEdge dup = { 5000, 100, 100, "coopération", 2 };

  /* No-op changes do not count */
  g_assert_true (tissage_map_model_set_node_proximity (model, 100, TISSAGE_MAP_PROXIMITY_CORE));
  g_assert_cmpuint (tissage_map_model_get_revision (model), ==, rev);
  g_assert_true (tissage_map_model_set_node_influence_interest (model, 100, 120, -4));
  g_assert_cmpuint (tissage_map_model_get_revision (model), >, rev);
  g_assert_cmpint (tissage_map_model_lookup_node (model, 100)->influence, ==, 100);
  g_assert_cmpint (tissage_map_model_lookup_node (model, 100)->interest, ==, 0);

  copy = *tissage_map_model_lookup_node (model, 101);
  copy.label = "PLIE de la Métropole";
  g_assert_true (tissage_map_model_update_node (model, &copy));
  g_assert_cmpstr (tissage_map_model_lookup_node (model, 101)->label, ==, "PLIE de la Métropole");

  /* Self links, unknown ends and duplicate ids are refused */
  g_assert_false (tissage_map_model_add_edge (model, &dup));
  dup.target_id = 999999;
  g_assert_false (tissage_map_model_add_edge (model, &dup));
  dup.target_id = 101;
  dup.id = 1000;
  g_assert_false (tissage_map_model_add_edge (model, &dup));

  /* Removing a stakeholder removes its links */
  g_assert_true (tissage_map_model_remove_node (model, 100));
  g_assert_null (tissage_map_model_lookup_node (model, 100));
  g_assert_cmpuint (tissage_map_model_get_n_edges (model), ==, n_edges - hub_links);
  for (guint e = 0; e < tissage_map_model_get_n_edges (model); e++)
    {
      const TissageMapEdge *edge = tissage_map_model_get_edge (model, e);

      g_assert_cmpint (edge->source_id, !=, 100);
      g_assert_cmpint (edge->target_id, !=, 100);
      g_assert_nonnull (tissage_map_model_lookup_edge (model, edge->id));
    }
  for (guint i = 0; i < tissage_map_model_get_n_nodes (model); i++)
    {
      const TissageMapNode *node = tissage_map_model_get_node (model, i);

      g_assert_true (tissage_map_model_lookup_node (model, node->id) == node);
    }
}

static void
test_view_follows_model (void)
{
  g_autoptr(TissageMapModel) model = map_synthetic_example ();
  g_autoptr(TissageMapView) view = example_view (model, TISSAGE_MAP_LAYOUT_FREE);
  TissageMapNode node = { 0 };
  TissageMapRect rect;
  TissageMapTransform t;
  double sx, sy;

  tissage_map_view_set_transform (view, &(TissageMapTransform) { 1.0, 600.0, 400.0 });
  tissage_map_model_set_node_position (model, 110, 50.0, 60.0);
  tissage_map_view_get_transform (view, &t);
  tissage_map_transform_to_screen (&t, 50.0, 60.0, &sx, &sy);
  g_assert_cmpint (tissage_map_view_node_at (view, sx, sy), ==, 110);

  node.id = 777;
  node.label = "Nouvelle partie prenante";
  node.category_id = 12;
  node.has_position = TRUE;
  node.x = -900.0;
  node.y = -700.0;
  tissage_map_model_add_node (model, &node);
  g_assert_true (tissage_map_view_get_node_rect (view, 777, &rect));
  tissage_map_transform_to_screen (&t, -900.0, -700.0, &sx, &sy);
  g_assert_cmpint (tissage_map_view_node_at (view, sx, sy), ==, 777);

  tissage_map_model_remove_node (model, 777);
  g_assert_false (tissage_map_view_get_node_rect (view, 777, &rect));
  g_assert_cmpint (tissage_map_view_node_at (view, sx, sy), ==, 0);
}

static void
test_force_layout (void)
{
  g_autoptr(TissageMapModel) model = map_synthetic_example ();
  g_autoptr(TissageMapForce) force = tissage_map_force_new (model, NULL);
  g_autoptr(TissageMapForce) again = tissage_map_force_new (model, NULL);
  double linked = 0.0, all = 0.0;
  guint n_linked = 0, n_all = 0, n = tissage_map_model_get_n_nodes (model);

  g_assert_cmpfloat (tissage_map_force_get_progress (force), <, 0.5);
  /* Step by step, as the widget animates it */
  while (tissage_map_force_step (force, 5))
    g_assert_cmpfloat (tissage_map_force_get_progress (force), <, 1.0);
  g_assert_true (tissage_map_force_is_settled (force));
  g_assert_cmpfloat (tissage_map_force_get_progress (force), ==, 1.0);
  g_assert_true (tissage_map_force_run (again, NULL));

  for (guint i = 0; i < n; i++)
    {
      double x, y, ax, ay;

      tissage_map_force_get_position (force, i, &x, &y);
      tissage_map_force_get_position (again, i, &ax, &ay);
      g_assert_cmpfloat (x, ==, ax);
      g_assert_cmpfloat (y, ==, ay);
      g_assert_true (isfinite (x) && isfinite (y));
    }

  /* Linked stakeholders end up closer than stakeholders in general */
  for (guint e = 0; e < tissage_map_model_get_n_edges (model); e++)
    {
      const TissageMapEdge *edge = tissage_map_model_get_edge (model, e);
      double ax, ay, bx, by;

      tissage_map_force_get_position (force, (guint) tissage_map_model_find_node (model, edge->source_id), &ax, &ay);
      tissage_map_force_get_position (force, (guint) tissage_map_model_find_node (model, edge->target_id), &bx, &by);
      linked += hypot (ax - bx, ay - by);
      n_linked++;
    }
  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      {
        double ax, ay, bx, by;

        tissage_map_force_get_position (force, i, &ax, &ay);
        tissage_map_force_get_position (force, j, &bx, &by);
        all += hypot (ax - bx, ay - by);
        n_all++;
      }
  g_assert_cmpfloat (linked / n_linked, <, 0.6 * all / n_all);

  /* Applied, the positions become the free layout's */
  tissage_map_force_apply (force, model);
  for (guint i = 0; i < n; i++)
    {
      const TissageMapNode *node = tissage_map_model_get_node (model, i);
      double x, y;

      tissage_map_force_get_position (force, i, &x, &y);
      g_assert_true (node->has_position);
      g_assert_cmpfloat_with_epsilon (node->x, x, 0.051);
      g_assert_cmpfloat_with_epsilon (node->y, y, 0.051);
    }
}

static void
test_force_cancel (void)
{
  g_autoptr(TissageMapModel) model = map_synthetic_generate (300, 900, 8, 10, 5);
  g_autoptr(TissageMapForce) force = tissage_map_force_new (model, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_cancellable_cancel (cancellable);
  g_assert_false (tissage_map_force_run (force, cancellable));
  g_assert_cmpuint (tissage_map_force_get_iterations (force), ==, 0);
  g_assert_false (tissage_map_force_is_settled (force));
}

static void
test_link_kinds (void)
{
  g_assert_cmpint (tissage_map_link_kind_from_string ("coopération"), ==, TISSAGE_MAP_LINK_COOPERATION);
  g_assert_cmpint (tissage_map_link_kind_from_string ("Coopération "), ==, TISSAGE_MAP_LINK_COOPERATION);
  g_assert_cmpint (tissage_map_link_kind_from_string ("financement"), ==, TISSAGE_MAP_LINK_FUNDING);
  g_assert_cmpint (tissage_map_link_kind_from_string ("Orientation de publics"), ==, TISSAGE_MAP_LINK_REFERRAL);
  g_assert_cmpint (tissage_map_link_kind_from_string ("partenariat institutionnel"), ==, TISSAGE_MAP_LINK_INSTITUTIONAL);
  g_assert_cmpint (tissage_map_link_kind_from_string ("accompagnement"), ==, TISSAGE_MAP_LINK_SUPPORT);
  g_assert_cmpint (tissage_map_link_kind_from_string ("Mécénat de compétences"), ==, TISSAGE_MAP_LINK_OTHER);
  g_assert_cmpint (tissage_map_link_kind_from_string (NULL), ==, TISSAGE_MAP_LINK_OTHER);
}

static void
test_color_parse (void)
{
  TissageMapColor c;

  g_assert_true (tissage_map_color_parse ("#3584e4", &c));
  g_assert_cmpfloat_with_epsilon (c.red, 0x35 / 255.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (c.green, 0x84 / 255.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (c.blue, 0xe4 / 255.0, 1e-9);
  g_assert_true (tissage_map_color_parse ("#fff", &c));
  g_assert_cmpfloat (c.red, ==, 1.0);
  g_assert_false (tissage_map_color_parse ("bleu", &c));
  g_assert_false (tissage_map_color_parse ("#12345g", &c));
  g_assert_false (tissage_map_color_parse (NULL, &c));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/map/geometry/transform-round-trip", test_transform_round_trip);
  g_test_add_func ("/map/geometry/zoom-keeps-point", test_zoom_keeps_point);
  g_test_add_func ("/map/geometry/fit", test_fit);
  g_test_add_func ("/map/layout/rings", test_rings_layout);
  g_test_add_func ("/map/layout/rings-drop", test_rings_drop);
  g_test_add_func ("/map/layout/sector-labels-clear", test_sector_labels_clear);
  g_test_add_func ("/map/layout/grid", test_grid_layout);
  g_test_add_func ("/map/layout/free", test_free_layout);
  g_test_add_func ("/map/layout/deterministic", test_layout_deterministic);
  g_test_add_func ("/map/layout/node-size", test_node_size);
  g_test_add_func ("/map/layout/force", test_force_layout);
  g_test_add_func ("/map/layout/force-cancel", test_force_cancel);
  g_test_add_func ("/map/view/hit-nodes", test_hit_nodes);
  g_test_add_func ("/map/view/hit-filters", test_hit_filters);
  g_test_add_func ("/map/view/hit-edges", test_hit_edges);
  g_test_add_func ("/map/view/zoom-and-pan", test_view_zoom_and_pan);
  g_test_add_func ("/map/view/drag-rings", test_view_drag_rings);
  g_test_add_func ("/map/view/drag-grid", test_view_drag_grid);
  g_test_add_func ("/map/view/drag-keeps-scale", test_view_drag_keeps_scale);
  g_test_add_func ("/map/view/show-nodes", test_view_show_nodes);
  g_test_add_func ("/map/view/neighbours", test_view_neighbours);
  g_test_add_func ("/map/view/follows-model", test_view_follows_model);
  g_test_add_func ("/map/model/updates", test_model_updates);
  g_test_add_func ("/map/style/link-kinds", test_link_kinds);
  g_test_add_func ("/map/style/color-parse", test_color_parse);

  return g_test_run ();
}

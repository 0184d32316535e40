/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-map"

#include "config.h"

#include <math.h>

#include "tissage-map-render-private.h"
#include "tissage-record.h"
#include "tissage-utils.h"


/* Text */

PangoFontDescription *
tissage_map_font_new (double   size,
                      gboolean bold)
{
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_absolute_size (font, MAX (size, 1.0) * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  return font;
}

/* Names come from files that may hold one of a million characters, which
 * Pango would shape whole however short it is drawn. */
static void
set_shortened_text (PangoLayout *layout,
                    const char  *text)
{
  g_autofree char *shown = tissage_text_shorten (text, TISSAGE_NAME_MAX_CHARS);

  pango_layout_set_text (layout, shown, -1);
}

PangoLayout *
tissage_map_scratch_layout (TissageMapView *view,
                            const char     *text,
                            double          size,
                            gboolean        bold)
{
  PangoFontDescription *font = tissage_map_font_new (size, bold);

  pango_layout_set_font_description (view->text_layout, font);
  pango_font_description_free (font);
  pango_layout_set_attributes (view->text_layout, NULL);
  pango_layout_set_width (view->text_layout, -1);
  pango_layout_set_height (view->text_layout, -1);
  pango_layout_set_ellipsize (view->text_layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_alignment (view->text_layout, PANGO_ALIGN_LEFT);
  set_shortened_text (view->text_layout, text);
  return view->text_layout;
}

void
tissage_map_layout_size (PangoLayout *layout,
                         double      *width,
                         double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  *width = (double) logical.width / PANGO_SCALE;
  *height = (double) logical.height / PANGO_SCALE;
}

static void fill_label (TissageMapView  *view,
                        TissageMapLabel *label,
                        const char      *text,
                        double           max_width,
                        int              max_lines);

const TissageMapLabel *
tissage_map_render_get_label (TissageMapView *view,
                              guint           node)
{
  TissageMapLabel *label = &view->labels[node];
  const char *text = tissage_map_model_node (view->model, node)->label;
  gboolean large = view->layout != NULL && node < view->layout->n &&
                   view->layout->radius[node] >= TISSAGE_MAP_LARGE_NODE_RADIUS;

  if (label->layout != NULL && g_strcmp0 (label->text, text) == 0 && label->large == large)
    return label;

  /* The larger nodes matter more: their names get more room */
  label->large = large;
  fill_label (view, label, text, large ? LABEL_LARGE_WIDTH : LABEL_MAX_WIDTH,
              view->whole_labels ? 5 : large ? 3 : 2);
  return label;
}

/*
 * The whole name of a node, for its selection or hover: wider and on as
 * many lines as it takes (a name has at most TISSAGE_NAME_MAX_CHARS).
 * Two are kept, as only the selected and the hovered nodes show one.
 */
const TissageMapLabel *
tissage_map_render_get_full_label (TissageMapView *view,
                                   guint           node)
{
  const TissageMapNode *n = tissage_map_model_node (view->model, node);
  TissageMapLabel *label;

  for (guint k = 0; k < G_N_ELEMENTS (view->full_labels); k++)
    if (view->full_label_ids[k] == n->id && view->full_labels[k].layout != NULL &&
        g_strcmp0 (view->full_labels[k].text, n->label) == 0)
      return &view->full_labels[k];

  label = &view->full_labels[view->full_label_next];
  view->full_label_ids[view->full_label_next] = n->id;
  view->full_label_next = (view->full_label_next + 1) % G_N_ELEMENTS (view->full_labels);
  fill_label (view, label, n->label, LABEL_FULL_WIDTH, 12);
  return label;
}

static void
fill_label (TissageMapView  *view,
            TissageMapLabel *label,
            const char      *text,
            double           max_width,
            int              max_lines)
{
  PangoFontDescription *font;

  g_clear_object (&label->layout);
  g_free (label->text);
  label->text = g_strdup (text);
  label->layout = pango_layout_new (view->pango);
  font = tissage_map_font_new (LABEL_SIZE * view->text_scale, FALSE);
  pango_layout_set_font_description (label->layout, font);
  pango_font_description_free (font);
  pango_layout_set_width (label->layout, (int) (max_width * view->text_scale * PANGO_SCALE));
  pango_layout_set_wrap (label->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_height (label->layout, -max_lines);
  pango_layout_set_ellipsize (label->layout, PANGO_ELLIPSIZE_END);
  set_shortened_text (label->layout, text);
  tissage_map_layout_size (label->layout, &label->width, &label->height);

  /* A layout with a width set is that wide: keep the widest line's width */
  label->width = 1.0;
  for (int i = 0; i < pango_layout_get_line_count (label->layout); i++)
    {
      PangoRectangle line;

      pango_layout_line_get_pixel_extents (pango_layout_get_line_readonly (label->layout, i), NULL, &line);
      label->width = MAX (label->width, line.width);
    }
}

void
tissage_map_render_clear_text_caches (TissageMapView *view)
{
  for (guint i = 0; i < view->n_nodes; i++)
    {
      g_clear_object (&view->labels[i].layout);
      g_clear_pointer (&view->labels[i].text, g_free);
    }
  for (guint k = 0; k < G_N_ELEMENTS (view->full_labels); k++)
    {
      g_clear_object (&view->full_labels[k].layout);
      g_clear_pointer (&view->full_labels[k].text, g_free);
    }
  for (guint p = 0; p < TISSAGE_MAP_N_PROXIMITIES; p++)
    g_clear_pointer (&view->ring_paths[p], cairo_path_destroy);
  g_hash_table_remove_all (view->badge_layouts);
  g_clear_pointer (&view->legend, cairo_surface_destroy);
}

/* Labels */

static void
occupancy_init (Occupancy            *occ,
                const TissageMapRect *area)
{
  occ->ox = area->x;
  occ->oy = area->y;
  occ->cols = MAX (1, (int) ceil (area->width / OCCUPANCY_CELL));
  occ->rows = MAX (1, (int) ceil (area->height / OCCUPANCY_CELL));
  occ->heads = g_new (int, (gsize) occ->cols * occ->rows);
  for (int i = 0; i < occ->cols * occ->rows; i++)
    occ->heads[i] = -1;
  occ->boxes = g_array_new (FALSE, FALSE, sizeof (Box));
  occ->links = g_array_new (FALSE, FALSE, sizeof (int));
}

static void
occupancy_clear (Occupancy *occ)
{
  g_free (occ->heads);
  g_array_unref (occ->boxes);
  g_array_unref (occ->links);
}

static void
occupancy_cells (const Occupancy *occ,
                 const Box       *box,
                 int             *cx0,
                 int             *cy0,
                 int             *cx1,
                 int             *cy1)
{
  *cx0 = CLAMP ((int) floor ((box->x0 - occ->ox) / OCCUPANCY_CELL), 0, occ->cols - 1);
  *cy0 = CLAMP ((int) floor ((box->y0 - occ->oy) / OCCUPANCY_CELL), 0, occ->rows - 1);
  *cx1 = CLAMP ((int) floor ((box->x1 - occ->ox) / OCCUPANCY_CELL), 0, occ->cols - 1);
  *cy1 = CLAMP ((int) floor ((box->y1 - occ->oy) / OCCUPANCY_CELL), 0, occ->rows - 1);
}

void
tissage_map_occupancy_add (Occupancy *occ,
                           const Box *box)
{
  int cx0, cy0, cx1, cy1;
  int index = (int) occ->boxes->len;

  g_array_append_val (occ->boxes, *box);
  occupancy_cells (occ, box, &cx0, &cy0, &cx1, &cy1);
  for (int cy = cy0; cy <= cy1; cy++)
    for (int cx = cx0; cx <= cx1; cx++)
      {
        int link[2] = { occ->heads[cy * occ->cols + cx], index };

        occ->heads[cy * occ->cols + cx] = (int) occ->links->len / 2;
        g_array_append_vals (occ->links, link, 2);
      }
}

static gboolean
occupancy_free (const Occupancy *occ,
                const Box       *box)
{
  int cx0, cy0, cx1, cy1;

  occupancy_cells (occ, box, &cx0, &cy0, &cx1, &cy1);
  for (int cy = cy0; cy <= cy1; cy++)
    for (int cx = cx0; cx <= cx1; cx++)
      for (int l = occ->heads[cy * occ->cols + cx]; l >= 0; l = g_array_index (occ->links, int, 2 * l))
        {
          const Box *other = &g_array_index (occ->boxes, Box, g_array_index (occ->links, int, 2 * l + 1));

          if (other->owner == box->owner)
            continue;
          if (box->x0 < other->x1 && other->x0 < box->x1 && box->y0 < other->y1 && other->y0 < box->y1)
            return FALSE;
        }

  return TRUE;
}

static int
compare_label_priority (gconstpointer a,
                        gconstpointer b,
                        gpointer      user_data)
{
  TissageMapView *view = user_data;
  guint i = *(const guint *) a, j = *(const guint *) b;
  const TissageMapNode *ni = tissage_map_model_node (view->model, i);
  const TissageMapNode *nj = tissage_map_model_node (view->model, j);

  if (view->dimmed[i] != view->dimmed[j])
    return view->dimmed[i] ? 1 : -1;
  if (!ni->is_member != !nj->is_member)
    return ni->is_member ? -1 : 1;
  if (view->layout->radius[i] != view->layout->radius[j])
    return view->layout->radius[i] > view->layout->radius[j] ? -1 : 1;
  return ni->id < nj->id ? -1 : ni->id > nj->id ? 1 : 0;
}

/*
 * Greedy placement: in order of importance, each label takes the first of
 * eight spots around its node that overlaps no node and no label already
 * placed, or is left out. With pass->keep_labels the labels already placed
 * stay where they are and new ones are appended after them.
 */
void
tissage_map_render_place_labels (TissageMapView       *view,
                                 const TissageMapPass *pass)
{
  static const double spots[8][2] = {
    { 1.0, 0.0 }, { -1.0, 0.0 }, { 0.0, 1.0 }, { 0.0, -1.0 },
    { 0.72, 0.72 }, { 0.72, -0.72 }, { -0.72, 0.72 }, { -0.72, -0.72 },
  };
  Occupancy occ;
  TissageMapRect area = {
    pass->region.x - LABEL_MARGIN, pass->region.y - LABEL_MARGIN,
    pass->region.width + 2.0 * LABEL_MARGIN, pass->region.height + 2.0 * LABEL_MARGIN,
  };
  g_autofree guint *candidates = NULL;
  guint n_candidates = 0, tried = 0, max_labels;
  double zoom = pass->t.zoom, center_x;

  tissage_map_transform_to_screen (&pass->t, 0.0, 0.0, &center_x, NULL);

  if (!pass->keep_labels)
    {
      g_array_set_size (view->placed, 0);
      for (guint i = 0; i < view->n_nodes; i++)
        view->placed_slot[i] = -1;
    }

  occupancy_init (&occ, &area);
  tissage_map_add_furniture_obstacles (view, pass, &occ);

  for (guint k = 0; k < view->placed->len; k++)
    {
      const TissageMapPlacedLabel *placed = &g_array_index (view->placed, TissageMapPlacedLabel, k);
      Box box = { placed->x, placed->y, placed->x + placed->width, placed->y + placed->height, placed->node };

      tissage_map_occupancy_add (&occ, &box);
    }

  candidates = g_new (guint, MAX (view->n_nodes, 1));
  for (guint i = 0; i < view->n_nodes; i++)
    {
      double x, y, r;
      Box box;

      if (!view->visible[i] || view->dynamic[i])
        continue;
      tissage_map_transform_to_screen (&pass->t, view->layout->xy[2 * i], view->layout->xy[2 * i + 1], &x, &y);
      if (!tissage_map_rect_contains_point (&area, x, y))
        continue;
      r = tissage_map_render_node_radius (view, i, zoom) + 1.5;
      box.x0 = x - r;
      box.y0 = y - r;
      box.x1 = x + r;
      box.y1 = y + r;
      box.owner = i;
      if (tissage_map_model_node (view->model, i)->effect_count > 0 && r >= BADGE_MIN_RADIUS * view->text_scale)
        {
          /* the badge sits on the top right */
          box.x1 += 8.0 * view->text_scale;
          box.y0 -= 8.0 * view->text_scale;
        }
      tissage_map_occupancy_add (&occ, &box);
      if (view->placed_slot[i] < 0)
        candidates[n_candidates++] = i;
    }

  g_qsort_with_data (candidates, (gint) n_candidates, sizeof (guint), compare_label_priority, view);

  max_labels = pass->lod != NULL ? pass->lod->max_labels : G_MAXUINT;
  for (guint k = 0; k < n_candidates && tried < max_labels; k++)
    {
      guint i = candidates[k];
      const TissageMapLabel *label;
      double x, y, r, w, h;
      gboolean flip;

      tissage_map_transform_to_screen (&pass->t, view->layout->xy[2 * i], view->layout->xy[2 * i + 1], &x, &y);
      if (!tissage_map_node_in_region (pass, x, y, LABEL_MARGIN * 0.5))
        continue;
      tried++;

      label = tissage_map_render_get_label (view, i);
      if (label->text == NULL || label->text[0] == '\0')
        continue;
      r = tissage_map_render_node_radius (view, i, zoom);
      w = label->width + 2.0 * LABEL_PAD_X;
      h = label->height + 2.0 * LABEL_PAD_Y;
      /* Around the rings, labels point away from the centre first */
      flip = view->layout_kind == TISSAGE_MAP_LAYOUT_RINGS && x < center_x;

      for (guint s = 0; s < G_N_ELEMENTS (spots); s++)
        {
          double sx = flip ? -spots[s][0] : spots[s][0], sy = spots[s][1];
          double ax = x + sx * (r + 3.0), ay = y + sy * (r + 2.0);
          Box box;

          box.x0 = sx > 0.1 ? ax : sx < -0.1 ? ax - w : ax - w / 2.0;
          box.y0 = sy > 0.1 ? ay : sy < -0.1 ? ay - h : ay - h / 2.0;
          box.x1 = box.x0 + w;
          box.y1 = box.y0 + h;
          box.owner = i;

          /* Whole labels only: not cut by the edge of the view */
          if (box.x0 < 0.0 || box.y0 < 0.0 || box.x1 > pass->width || box.y1 > pass->height)
            continue;

          if (occupancy_free (&occ, &box))
            {
              TissageMapPlacedLabel placed = { i, box.x0, box.y0, w, h };

              view->placed_slot[i] = (int) view->placed->len;
              g_array_append_val (view->placed, placed);
              /* A little air between labels */
              box.x0 -= 2.0;
              box.x1 += 2.0;
              tissage_map_occupancy_add (&occ, &box);
              break;
            }
        }
    }

  occupancy_clear (&occ);
}

void
tissage_map_rounded_rect (cairo_t *cr,
                          double   x,
                          double   y,
                          double   w,
                          double   h,
                          double   r)
{
  r = MIN (r, MIN (w, h) / 2.0);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2.0, 0.0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0.0, G_PI / 2.0);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2.0, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3.0 * G_PI / 2.0);
  cairo_close_path (cr);
}

void
tissage_map_draw_label (TissageMapView        *view,
                        cairo_t               *cr,
                        const TissageMapLabel *label,
                        double                 x,
                        double                 y,
                        gboolean               dimmed,
                        gboolean               emphasis)
{
  double w = label->width + 2.0 * LABEL_PAD_X, h = label->height + 2.0 * LABEL_PAD_Y;

  tissage_map_rounded_rect (cr, x, y, w, h, 4.0);
  tissage_map_set_source_color (cr, &view->palette.label_background, dimmed ? 0.5 : 1.0);
  if (emphasis)
    {
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, 1.5);
      tissage_map_set_source_color (cr, &view->palette.accent, 1.0);
      cairo_stroke (cr);
    }
  else
    cairo_fill (cr);

  tissage_map_set_source_color (cr, &view->palette.foreground, dimmed ? 0.4 : 0.92);
  cairo_move_to (cr, x + LABEL_PAD_X, y + LABEL_PAD_Y);
  pango_cairo_show_layout (cr, label->layout);
}

/* Draws the placed labels first to last - 1 that meet the region. */
void
tissage_map_render_labels (TissageMapView       *view,
                           const TissageMapPass *pass,
                           guint                 first,
                           guint                 last)
{
  last = MIN (last, view->placed->len);

  for (guint k = first; k < last; k++)
    {
      const TissageMapPlacedLabel *placed = &g_array_index (view->placed, TissageMapPlacedLabel, k);
      TissageMapRect box = { placed->x, placed->y, placed->width, placed->height };

      if (!tissage_map_rect_intersects (&box, &pass->region))
        continue;
      tissage_map_draw_label (view, pass->cr, tissage_map_render_get_label (view, placed->node),
                              placed->x, placed->y, view->dimmed[placed->node], FALSE);
    }
}

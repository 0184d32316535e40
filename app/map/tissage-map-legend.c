/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-map"

#include "config.h"

#include <glib/gi18n.h>

#include "tissage-map-render-private.h"


/* Legend */

typedef struct
{
  cairo_t        *cr;
  gboolean        measure;
  double          x;
  double          y;
  double          width;
  double          max_width;
  double          pad;
  TissageMapView *view;
} LegendCursor;

static void
legend_heading (LegendCursor *c,
                const char   *text)
{
  PangoLayout *layout = tissage_map_scratch_layout (c->view, text, 11.0 * c->view->text_scale, TRUE);
  double w, h;

  tissage_map_layout_size (layout, &w, &h);
  c->width = MAX (c->width, w + 2.0 * c->pad);
  if (!c->measure)
    {
      tissage_map_set_source_color (c->cr, &c->view->palette.dim_foreground, 1.0);
      cairo_move_to (c->cr, c->x + c->pad, c->y);
      pango_cairo_show_layout (c->cr, layout);
    }
  c->y += h + 4.0;
}

/* One row: a symbol drawn by the caller in a box of @symbol_width, then text */
static gboolean
legend_row (LegendCursor *c,
            const char   *text,
            double        symbol_width,
            gboolean      dim,
            double       *symbol_x,
            double       *symbol_y)
{
  double size = 11.5 * c->view->text_scale;
  PangoLayout *layout = tissage_map_scratch_layout (c->view, text, size, FALSE);
  double w, h, text_x = c->x + c->pad + symbol_width + 8.0;
  double row_h;

  if (c->max_width > 0.0)
    {
      pango_layout_set_width (layout, (int) (MAX (40.0, c->max_width - (text_x - c->x) - c->pad) * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  tissage_map_layout_size (layout, &w, &h);
  {
    /* With a width set, the layout is that wide: measure the text itself */
    PangoRectangle line;

    pango_layout_line_get_pixel_extents (pango_layout_get_line_readonly (layout, 0), NULL, &line);
    w = line.width;
  }
  row_h = MAX (h, 14.0 * c->view->text_scale) + 3.0;
  c->width = MAX (c->width, text_x - c->x + w + c->pad);

  *symbol_x = c->x + c->pad;
  *symbol_y = c->y + row_h / 2.0 - 1.5;
  if (!c->measure)
    {
      tissage_map_set_source_color (c->cr, &c->view->palette.foreground, dim ? 0.45 : 0.9);
      cairo_move_to (c->cr, text_x, c->y + (row_h - 3.0 - h) / 2.0);
      pango_cairo_show_layout (c->cr, layout);
    }
  c->y += row_h;
  return !c->measure;
}

static void
legend_contents (TissageMapView *view,
                 LegendCursor   *c)
{
  TissageMapModel *model = view->model;
  g_autofree guint *category_counts = g_new0 (guint, model->categories->len + 1);
  gboolean kinds[TISSAGE_MAP_N_LINK_KINDS] = { FALSE };
  gboolean any_member = FALSE, any_effect = FALSE, any_kind = FALSE;
  double sx, sy, ts = view->text_scale;
  double symbol = 22.0 * ts;

  for (guint i = 0; i < model->nodes->len; i++)
    {
      const TissageMapNode *node = tissage_map_model_node (model, i);
      int c_index = view->category[i];

      category_counts[c_index >= 0 ? (guint) c_index : model->categories->len]++;
      any_member |= node->is_member;
      any_effect |= node->effect_count > 0;
    }
  for (guint e = 0; e < model->edges->len; e++)
    {
      kinds[g_array_index (model->edge_kinds, guint8, e)] = TRUE;
      any_kind = TRUE;
    }

  c->y += c->pad - 2.0;
  legend_heading (c, _("Categories"));
  for (guint k = 0; k <= model->categories->len; k++)
    {
      TissageMapColor color;
      const char *name;
      gboolean hidden = FALSE;

      if (category_counts[k] == 0)
        continue;
      if (k < model->categories->len)
        {
          const TissageMapCategory *category = &g_array_index (model->categories, TissageMapCategory, k);

          name = category->name;
          color = g_array_index (model->category_colors, TissageMapColor, k);
          hidden = tissage_map_id_map_lookup (&view->hidden_categories, category->id, NULL);
        }
      else
        {
          name = C_("category", "Other");
          tissage_map_color_hex (&color, "#9a9996", 1.0);
        }

      if (legend_row (c, name, symbol, hidden, &sx, &sy))
        {
          cairo_new_path (c->cr);
          cairo_arc (c->cr, sx + symbol / 2.0, sy, 5.5 * view->text_scale, 0.0, 2.0 * G_PI);
          tissage_map_set_source_color (c->cr, &color, 1.0);
          if (hidden)
            {
              cairo_set_line_width (c->cr, 1.5);
              cairo_stroke (c->cr);
            }
          else
            cairo_fill (c->cr);
        }
    }

  if (any_kind)
    {
      c->y += 6.0;
      legend_heading (c, _("Links"));
      for (guint k = 0; k < TISSAGE_MAP_N_LINK_KINDS; k++)
        {
          if (!kinds[k])
            continue;
          if (legend_row (c, tissage_map_link_kind_get_label (k), symbol, FALSE, &sx, &sy))
            {
              tissage_map_set_edge_style (view, c->cr, k, 2, 1.0, 0.3);
              cairo_move_to (c->cr, sx, sy);
              cairo_line_to (c->cr, sx + symbol, sy);
              cairo_stroke (c->cr);
              cairo_set_dash (c->cr, NULL, 0, 0.0);
            }
        }
      if (legend_row (c, _("Strength 1 to 3"), symbol, FALSE, &sx, &sy))
        {
          TissageMapColor grey;

          tissage_map_link_kind_get_color (TISSAGE_MAP_LINK_OTHER, view->dark, &grey);
          cairo_set_line_cap (c->cr, CAIRO_LINE_CAP_BUTT);
          for (int s = 1; s <= 3; s++)
            {
              double x = sx + (s - 1) * (symbol + 2.0) / 3.0;

              cairo_set_line_width (c->cr, tissage_map_link_width (s));
              tissage_map_set_source_color (c->cr, &grey, 1.0);
              cairo_move_to (c->cr, x, sy);
              cairo_line_to (c->cr, x + symbol / 3.0 - 2.0, sy);
              cairo_stroke (c->cr);
            }
        }
    }

  c->y += 6.0;
  legend_heading (c, _("Stakeholders"));
  if (legend_row (c, view->node_size == TISSAGE_MAP_NODE_SIZE_LINKS ? _("Size: number of links") : _("Size: influence"),
                  symbol, FALSE, &sx, &sy))
    {
      TissageMapColor grey;

      tissage_map_color_hex (&grey, view->dark ? "#9a9996" : "#77767b", 1.0);
      tissage_map_draw_node_shape (c->cr, &view->palette, sx + 3.0 * ts, sy + 2.0 * ts, 3.0 * ts, &grey, FALSE);
      tissage_map_draw_node_shape (c->cr, &view->palette, sx + symbol - 6.5 * ts, sy, 6.5 * ts, &grey, FALSE);
    }
  if (any_member && legend_row (c, _("Member structure"), symbol, FALSE, &sx, &sy))
    {
      TissageMapColor grey;

      tissage_map_color_hex (&grey, view->dark ? "#9a9996" : "#77767b", 1.0);
      tissage_map_draw_node_shape (c->cr, &view->palette, sx + symbol / 2.0, sy, 6.5 * ts, &grey, TRUE);
    }
  if (any_effect && legend_row (c, _("Number of effects concerned"), symbol, FALSE, &sx, &sy))
    tissage_map_draw_badge (view, c->cr, sx + symbol / 2.0 - 7.0 * ts * 0.72, sy + 7.0 * ts * 0.72, 7.0 * ts, 3, 1.0);

  c->y += c->pad - 3.0;
}

/*
 * Draws the legend card with its top left corner at (x, y), at most
 * @max_width wide (0: as wide as its text), or only measures it.
 */
void
tissage_map_render_legend (TissageMapView *view,
                           cairo_t        *cr,
                           double          x,
                           double          y,
                           double          max_width,
                           gboolean        measure_only,
                           double         *width,
                           double         *height)
{
  LegendCursor c = { 0 };
  double w, h;

  c.view = view;
  c.cr = cr;
  c.measure = TRUE;
  c.x = 0.0;
  c.y = 0.0;
  c.pad = 12.0;
  c.max_width = max_width;
  legend_contents (view, &c);
  w = max_width > 0.0 ? MIN (c.width, max_width) : c.width;
  h = c.y;

  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;
  if (measure_only || cr == NULL)
    return;

  cairo_save (cr);
  /* A soft shadow, then the card */
  for (int s = 1; s <= 3; s++)
    {
      tissage_map_rounded_rect (cr, x - s + 0.5, y - s + 1.5, w + 2.0 * s - 1.0, h + 2.0 * s - 1.0, 10.0 + s);
      cairo_set_source_rgba (cr, 0.0, 0.0, 0.0, view->dark ? 0.12 : 0.035);
      cairo_fill (cr);
    }
  tissage_map_rounded_rect (cr, x + 0.5, y + 0.5, w - 1.0, h - 1.0, 10.0);
  tissage_map_set_source_color (cr, &view->palette.card, 1.0);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 1.0);
  tissage_map_set_source_color (cr, &view->palette.card_border, 1.0);
  cairo_stroke (cr);

  c.measure = FALSE;
  c.x = x;
  c.y = y;
  c.width = 0.0;
  legend_contents (view, &c);
  cairo_restore (cr);
}

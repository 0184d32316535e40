/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-map"

#include "config.h"

#include <math.h>

#include "tissage-map-raster-private.h"
#include "tissage-map-render-private.h"

/* Nodes */

void
tissage_map_render_node_position (TissageMapView *view,
                                  guint           node,
                                  double         *x,
                                  double         *y)
{
  if (view->interaction == TISSAGE_MAP_INTERACTION_DRAG && (int) node == view->drag_node)
    {
      *x = view->drag_x;
      *y = view->drag_y;
      return;
    }

  *x = view->layout->xy[2 * node];
  *y = view->layout->xy[2 * node + 1];
}

double
tissage_map_render_node_radius (TissageMapView *view,
                                guint           node,
                                double          zoom)
{
  return MAX (view->layout->radius[node] * zoom, NODE_MIN_SCREEN_RADIUS);
}

void
tissage_map_node_color (TissageMapView  *view,
                        guint            node,
                        gboolean         dimmed,
                        TissageMapColor *color)
{
  int category = view->category[node];

  if (category >= 0)
    *color = g_array_index (view->model->category_colors, TissageMapColor, category);
  else
    tissage_map_color_hex (color, "#9a9996", 1.0);
  color->alpha = 1.0;

  if (dimmed)
    *color = tissage_map_color_mix (color, &view->palette.background, view->palette.dim_mix);
}

void
tissage_map_node_path (cairo_t  *cr,
                       double    x,
                       double    y,
                       double    r,
                       gboolean  member)
{
  if (member)
    {
      /* Member structures of the collective are rounded squares */
      double h = r * 0.92, c = h * 0.34;

      cairo_new_sub_path (cr);
      cairo_arc (cr, x + h - c, y - h + c, c, -G_PI / 2.0, 0.0);
      cairo_arc (cr, x + h - c, y + h - c, c, 0.0, G_PI / 2.0);
      cairo_arc (cr, x - h + c, y + h - c, c, G_PI / 2.0, G_PI);
      cairo_arc (cr, x - h + c, y - h + c, c, G_PI, 3.0 * G_PI / 2.0);
      cairo_close_path (cr);
    }
  else
    {
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, r, 0.0, 2.0 * G_PI);
      cairo_close_path (cr);
    }
}

void
tissage_map_draw_node_shape (cairo_t                 *cr,
                             const TissageMapPalette *palette,
                             double                   x,
                             double                   y,
                             double                   r,
                             const TissageMapColor   *fill,
                             gboolean                 member)
{
  double outline = CLAMP (r * 0.16, 0.75, 2.0);

  tissage_map_node_path (cr, x, y, r, member);
  tissage_map_set_source_color (cr, fill, 1.0);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, outline);
  tissage_map_set_source_color (cr, &palette->background, 1.0);
  cairo_stroke (cr);

  if (member && r >= 4.0)
    {
      /* with a darker rim inside the outline */
      TissageMapColor black = { 0.0, 0.0, 0.0, 1.0 };
      TissageMapColor rim = tissage_map_color_mix (fill, &black, 0.28);

      tissage_map_node_path (cr, x, y, r - outline / 2.0 - 0.6, TRUE);
      cairo_set_line_width (cr, MIN (1.4, r * 0.15));
      tissage_map_set_source_color (cr, &rim, 1.0);
      cairo_stroke (cr);
    }
}

static cairo_surface_t *
get_sprite (TissageMapView        *view,
            const TissageMapColor *fill,
            double                 device_radius,
            gboolean               member,
            double                 scale,
            int                   *size)
{
  guint64 quantized = (guint64) MIN (lround (device_radius * 4.0), 0xffff);
  guint64 key = (guint64) tissage_map_color_pack_rgb (fill) | (quantized << 24) | ((guint64) !!member << 40);
  cairo_surface_t *sprite;
  cairo_t *cr;
  int s;

  sprite = g_hash_table_lookup (view->sprites, &key);
  if (sprite != NULL)
    {
      *size = cairo_image_surface_get_width (sprite);
      return sprite;
    }

  if (g_hash_table_size (view->sprites) > SPRITE_CACHE_MAX)
    g_hash_table_remove_all (view->sprites);

  device_radius = quantized / 4.0;
  s = (int) ceil (2.0 * (device_radius + 2.5 * scale)) + 2;
  s += s % 2;
  sprite = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, s, s);
  cr = cairo_create (sprite);
  cairo_scale (cr, scale, scale);
  tissage_map_draw_node_shape (cr, &view->palette, s / 2.0 / scale, s / 2.0 / scale,
                               device_radius / scale, fill, member);
  cairo_destroy (cr);
  cairo_surface_flush (sprite);
  cairo_surface_set_device_scale (sprite, scale, scale);

  g_hash_table_insert (view->sprites, g_memdup2 (&key, sizeof key), sprite);
  *size = s;
  return sprite;
}

gboolean
tissage_map_node_in_region (const TissageMapPass *pass,
                            double                x,
                            double                y,
                            double                margin)
{
  return x + margin >= pass->region.x && x - margin <= pass->region.x + pass->region.width &&
         y + margin >= pass->region.y && y - margin <= pass->region.y + pass->region.height;
}

static PangoLayout *
badge_layout (TissageMapView *view,
              guint           count)
{
  PangoLayout *layout = g_hash_table_lookup (view->badge_layouts, GUINT_TO_POINTER (count));

  if (layout == NULL)
    {
      g_autofree char *text = count > 99 ? g_strdup ("99+") : g_strdup_printf ("%u", count);
      PangoFontDescription *font = tissage_map_font_new (9.5 * view->text_scale, TRUE);

      layout = pango_layout_new (view->pango);
      pango_layout_set_font_description (layout, font);
      pango_font_description_free (font);
      pango_layout_set_text (layout, text, -1);
      g_hash_table_insert (view->badge_layouts, GUINT_TO_POINTER (count), layout);
    }

  return layout;
}

void
tissage_map_draw_badge (TissageMapView *view,
                        cairo_t        *cr,
                        double          x,
                        double          y,
                        double          r,
                        guint           count,
                        double          alpha)
{
  PangoLayout *layout = badge_layout (view, count);
  double w, h, bh, bw, cx, cy;

  tissage_map_layout_size (layout, &w, &h);
  bh = MAX (h + 1.0, 13.0 * view->text_scale);
  bw = MAX (w + 6.0, bh);
  cx = x + r * 0.72;
  cy = y - r * 0.72;

  cairo_new_sub_path (cr);
  cairo_arc (cr, cx - bw / 2.0 + bh / 2.0, cy, bh / 2.0, G_PI / 2.0, 3.0 * G_PI / 2.0);
  cairo_arc (cr, cx + bw / 2.0 - bh / 2.0, cy, bh / 2.0, -G_PI / 2.0, G_PI / 2.0);
  cairo_close_path (cr);
  tissage_map_set_source_color (cr, &view->palette.badge, alpha);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 1.25);
  tissage_map_set_source_color (cr, &view->palette.background, alpha);
  cairo_stroke (cr);

  tissage_map_set_source_color (cr, &view->palette.badge_text, alpha);
  cairo_move_to (cr, cx - w / 2.0, cy - h / 2.0);
  pango_cairo_show_layout (cr, layout);
}

void
tissage_map_render_nodes (TissageMapView       *view,
                          const TissageMapPass *pass)
{
  cairo_t *cr = pass->cr;
  double zoom = pass->t.zoom;
  g_autoptr(GArray) sprites = NULL;
  cairo_rectangle_int_t clip = {
    (int) floor (pass->region.x * pass->scale), (int) floor (pass->region.y * pass->scale),
    (int) ceil ((pass->region.x + pass->region.width) * pass->scale) - (int) floor (pass->region.x * pass->scale),
    (int) ceil ((pass->region.y + pass->region.height) * pass->scale) - (int) floor (pass->region.y * pass->scale),
  };

  if (pass->raster != NULL)
    sprites = g_array_sized_new (FALSE, FALSE, sizeof (TissageRasterSprite), view->n_nodes);

  for (guint k = 0; k < view->n_nodes; k++)
    {
      guint i = view->draw_order[k];
      const TissageMapNode *node;
      TissageMapColor fill;
      double x, y, r;

      if (!view->visible[i] || view->dynamic[i])
        continue;

      r = tissage_map_render_node_radius (view, i, zoom);
      tissage_map_transform_to_screen (&pass->t, view->layout->xy[2 * i], view->layout->xy[2 * i + 1], &x, &y);
      if (!tissage_map_node_in_region (pass, x, y, r + 3.0))
        continue;

      node = tissage_map_model_node (view->model, i);
      tissage_map_node_color (view, i, view->dimmed[i], &fill);

      if (pass->raster != NULL && r * pass->scale <= SPRITE_MAX_RADIUS)
        {
          TissageRasterSprite sprite;
          int size;
          cairo_surface_t *image = get_sprite (view, &fill, r * pass->scale, node->is_member, pass->scale, &size);

          sprite.data = (const guint32 *) (gconstpointer) cairo_image_surface_get_data (image);
          sprite.stride = cairo_image_surface_get_stride (image) / 4;
          sprite.width = size;
          sprite.height = size;
          sprite.x = (int) floor (x * pass->scale + 0.5) - size / 2;
          sprite.y = (int) floor (y * pass->scale + 0.5) - size / 2;
          g_array_append_val (sprites, sprite);
        }
      else
        {
          if (sprites != NULL && sprites->len > 0)
            {
              /* keep the order: what is queued goes first */
              tissage_map_raster_sprites (pass->raster, &clip, (TissageRasterSprite *) (gpointer) sprites->data,
                                          sprites->len);
              g_array_set_size (sprites, 0);
            }
          tissage_map_draw_node_shape (cr, &view->palette, x, y, r, &fill, node->is_member);
        }
    }

  if (sprites != NULL && sprites->len > 0)
    tissage_map_raster_sprites (pass->raster, &clip, (TissageRasterSprite *) (gpointer) sprites->data, sprites->len);

  /* Effect badges over all the nodes; too small a node shows none */
  for (guint k = 0; k < view->n_nodes; k++)
    {
      guint i = view->draw_order[k];
      const TissageMapNode *node = tissage_map_model_node (view->model, i);
      double x, y, r;

      if (!view->visible[i] || view->dynamic[i] || node->effect_count == 0)
        continue;
      r = tissage_map_render_node_radius (view, i, zoom);
      if (r < BADGE_MIN_RADIUS * view->text_scale)
        continue;
      tissage_map_transform_to_screen (&pass->t, view->layout->xy[2 * i], view->layout->xy[2 * i + 1], &x, &y);
      if (!tissage_map_node_in_region (pass, x, y, r + 16.0))
        continue;
      tissage_map_draw_badge (view, cr, x, y, r, node->effect_count, view->dimmed[i] ? 0.35 : 1.0);
    }
}

/* Links */

static inline gboolean
edge_drawable (TissageMapView *view,
               guint           e)
{
  guint a = view->edge_ends[2 * e], b = view->edge_ends[2 * e + 1];

  return view->visible[a] && view->visible[b] && !view->dynamic[a] && !view->dynamic[b];
}

static double
edge_alpha (TissageMapView      *view,
            const TissageMapLod *lod,
            guint                e)
{
  const TissageMapEdge *edge = tissage_map_model_edge (view->model, e);
  double alpha = lod != NULL ? lod->edge_alpha[CLAMP (edge->strength, 1, 3) - 1] : view->palette.edge_alpha;

  if (view->highlight_active &&
      (view->dimmed[view->edge_ends[2 * e]] || view->dimmed[view->edge_ends[2 * e + 1]]))
    alpha *= 0.15;

  return alpha;
}

/*
 * How much ink the links would put on screen decides how they are drawn:
 * the weak links fade out and then disappear as the map gets crowded.
 */
void
tissage_map_render_lod (TissageMapView       *view,
                        const TissageMapPass *pass,
                        TissageMapLod        *lod)
{
  double length = 0.0, area, d, fade, base = view->palette.edge_alpha;
  double x0 = pass->region.x, y0 = pass->region.y;
  double x1 = x0 + pass->region.width, y1 = y0 + pass->region.height;

  for (guint e = 0; e < view->n_edges; e++)
    {
      double ax, ay, bx, by, t0 = 0.0, t1 = 1.0;

      if (!edge_drawable (view, e))
        continue;
      tissage_map_transform_to_screen (&pass->t, view->layout->xy[2 * view->edge_ends[2 * e]],
                                       view->layout->xy[2 * view->edge_ends[2 * e] + 1], &ax, &ay);
      tissage_map_transform_to_screen (&pass->t, view->layout->xy[2 * view->edge_ends[2 * e + 1]],
                                       view->layout->xy[2 * view->edge_ends[2 * e + 1] + 1], &bx, &by);
      if (tissage_map_clip_segment (ax, ay, bx - ax, by - ay, x0, y0, x1, y1, &t0, &t1))
        length += hypot (bx - ax, by - ay) * (t1 - t0) *
                  tissage_map_link_width (tissage_map_model_edge (view->model, e)->strength);
    }

  area = MAX (pass->region.width * pass->region.height, 1.0);
  d = length / area;
  lod->density = d;

  /* Crowded: thinner, fainter lines; the weak links go first, then the
   * medium ones, and come back as the user zooms in */
  fade = d <= 0.3 ? 1.0 : MAX (0.5, sqrt (0.3 / d));
  lod->edge_width = d <= 0.6 ? 1.0 : MAX (0.5, sqrt (0.6 / d));
  lod->edge_alpha[0] = base * fade * (d <= 0.45 ? 1.0 : d >= 0.9 ? 0.0 : (0.9 - d) / 0.45);
  lod->edge_alpha[1] = base * fade * (d <= 1.4 ? 1.0 : d >= 2.4 ? 0.0 : (2.4 - d) / 1.0);
  lod->edge_alpha[2] = base * fade;

  lod->max_labels = (guint) CLAMP (area / 2400.0, 40.0, 600.0);
}

void
tissage_map_edge_screen (TissageMapView            *view,
                         const TissageMapTransform *t,
                         guint                      e,
                         double                    *ax,
                         double                    *ay,
                         double                    *bx,
                         double                    *by)
{
  double wx, wy;

  tissage_map_render_node_position (view, view->edge_ends[2 * e], &wx, &wy);
  tissage_map_transform_to_screen (t, wx, wy, ax, ay);
  tissage_map_render_node_position (view, view->edge_ends[2 * e + 1], &wx, &wy);
  tissage_map_transform_to_screen (t, wx, wy, bx, by);
}

static gboolean
segment_in_region (const TissageMapRect *region,
                   double                ax,
                   double                ay,
                   double                bx,
                   double                by,
                   double                margin)
{
  return MAX (ax, bx) + margin >= region->x && MIN (ax, bx) - margin <= region->x + region->width &&
         MAX (ay, by) + margin >= region->y && MIN (ay, by) - margin <= region->y + region->height;
}

void
tissage_map_set_edge_style (TissageMapView     *view,
                            cairo_t            *cr,
                            TissageMapLinkKind  kind,
                            int                 strength,
                            double              alpha,
                            double              extra_width)
{
  TissageMapColor color;
  const double *dashes;
  int n_dashes;

  tissage_map_link_kind_get_color (kind, view->dark, &color);
  tissage_map_set_source_color (cr, &color, alpha);
  cairo_set_line_width (cr, tissage_map_link_width (strength) + extra_width);
  dashes = tissage_map_link_kind_get_dashes (kind, &n_dashes);
  cairo_set_dash (cr, dashes, n_dashes, 0.0);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
}

void
tissage_map_render_edges (TissageMapView       *view,
                          const TissageMapPass *pass)
{
  guint8 *kinds = (guint8 *) view->model->edge_kinds->data;

  if (view->n_edges == 0)
    return;

  if (pass->raster != NULL)
    {
      g_autoptr(GArray) lines = g_array_sized_new (FALSE, FALSE, sizeof (TissageRasterLine), view->n_edges);
      TissageRasterDash dashes[TISSAGE_MAP_N_LINK_KINDS + 1] = { { { 0 }, 0, 0.0 } };
      guint32 colors[TISSAGE_MAP_N_LINK_KINDS];
      cairo_rectangle_int_t clip;
      double s = pass->scale;

      for (guint k = 0; k < TISSAGE_MAP_N_LINK_KINDS; k++)
        {
          TissageMapColor color;
          const double *pattern;
          int n;

          tissage_map_link_kind_get_color (k, view->dark, &color);
          colors[k] = tissage_map_color_pack_rgb (&color);
          pattern = tissage_map_link_kind_get_dashes (k, &n);
          dashes[k + 1].n = n;
          for (int j = 0; j < n; j++)
            {
              dashes[k + 1].pattern[j] = pattern[j] * s;
              dashes[k + 1].total += pattern[j] * s;
            }
        }

      /* Weak links first, strong ones on top */
      for (int strength = 1; strength <= 3; strength++)
        for (guint e = 0; e < view->n_edges; e++)
          {
            const TissageMapEdge *edge = tissage_map_model_edge (view->model, e);
            TissageRasterLine line;
            double ax, ay, bx, by, alpha;

            if (edge->strength != strength || !edge_drawable (view, e))
              continue;
            alpha = edge_alpha (view, pass->lod, e);
            if (alpha < 0.01)
              continue;
            tissage_map_edge_screen (view, &pass->t, e, &ax, &ay, &bx, &by);
            if (!segment_in_region (&pass->region, ax, ay, bx, by, 4.0))
              continue;

            line.x0 = (float) (ax * s);
            line.y0 = (float) (ay * s);
            line.x1 = (float) (bx * s);
            line.y1 = (float) (by * s);
            line.width = (float) (tissage_map_link_width (strength) * s *
                                  (pass->lod != NULL ? pass->lod->edge_width : 1.0));
            line.color = colors[kinds[e]];
            line.alpha = (guint8) CLAMP (lround (alpha * 255.0), 0, 255);
            line.dash = dashes[kinds[e] + 1].n > 0 ? (guint8) (kinds[e] + 1) : 0;
            g_array_append_val (lines, line);
          }

      clip.x = (int) floor (pass->region.x * s);
      clip.y = (int) floor (pass->region.y * s);
      clip.width = (int) ceil ((pass->region.x + pass->region.width) * s) - clip.x;
      clip.height = (int) ceil ((pass->region.y + pass->region.height) * s) - clip.y;
      tissage_map_raster_lines (pass->raster, &clip, (TissageRasterLine *) (gpointer) lines->data,
                                lines->len, dashes, G_N_ELEMENTS (dashes));
      return;
    }

  /* Vector: one path per style, or one stroke per link on image surfaces
   * where cairo is faster that way */
  cairo_save (pass->cr);
  for (int strength = 1; strength <= 3; strength++)
    for (guint kind = 0; kind < TISSAGE_MAP_N_LINK_KINDS; kind++)
      for (int dim = 0; dim <= 1; dim++)
        {
          gboolean any = FALSE;
          double alpha = 0.0;

          for (guint e = 0; e < view->n_edges; e++)
            {
              const TissageMapEdge *edge = tissage_map_model_edge (view->model, e);
              double ax, ay, bx, by;
              gboolean dimmed;

              if (edge->strength != strength || kinds[e] != kind || !edge_drawable (view, e))
                continue;
              dimmed = view->highlight_active &&
                       (view->dimmed[view->edge_ends[2 * e]] || view->dimmed[view->edge_ends[2 * e + 1]]);
              if (dimmed != (dim == 1))
                continue;
              alpha = edge_alpha (view, pass->lod, e);
              if (alpha < 0.01)
                continue;
              tissage_map_edge_screen (view, &pass->t, e, &ax, &ay, &bx, &by);
              if (!segment_in_region (&pass->region, ax, ay, bx, by, 4.0))
                continue;

              if (!any)
                {
                  tissage_map_set_edge_style (view, pass->cr, kind, strength, alpha, 0.0);
                  if (pass->lod != NULL)
                    cairo_set_line_width (pass->cr, tissage_map_link_width (strength) * pass->lod->edge_width);
                  any = TRUE;
                }
              cairo_move_to (pass->cr, ax, ay);
              cairo_line_to (pass->cr, bx, by);
              if (pass->per_edge)
                cairo_stroke (pass->cr);
            }

          if (any && !pass->per_edge)
            cairo_stroke (pass->cr);
        }
  cairo_restore (pass->cr);
}

/* Everything but the overlay, into pass->region. */
void
tissage_map_render_scene (TissageMapView       *view,
                          const TissageMapPass *pass)
{
  cairo_t *cr = pass->cr;

  cairo_save (cr);
  cairo_rectangle (cr, pass->region.x, pass->region.y, pass->region.width, pass->region.height);
  cairo_clip (cr);

  tissage_map_render_background (view, pass);
  tissage_map_render_edges (view, pass);
  tissage_map_render_center (view, pass);
  tissage_map_render_nodes (view, pass);
  tissage_map_render_place_labels (view, pass);
  tissage_map_render_labels (view, pass, 0, G_MAXUINT);

  cairo_restore (cr);
}

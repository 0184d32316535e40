#define G_LOG_DOMAIN "tissage-map"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tissage-map-raster-private.h"
#include "tissage-map-view-private.h"
#include "tissage-record.h"
#include "tissage-utils.h"

#define FONT_FAMILY             "Cantarell, Noto Sans, DejaVu Sans, sans-serif"
#define LABEL_SIZE              12.0
#define LABEL_MAX_WIDTH         124.0
#define LABEL_PAD_X             3.5
#define LABEL_PAD_Y             1.0
/* Labels of nodes this far outside the region are still placed, so that
 * a label hanging into the region is known */
#define LABEL_MARGIN            140.0
#define OCCUPANCY_CELL          64.0
#define NODE_MIN_SCREEN_RADIUS  1.6
#define SPRITE_MAX_RADIUS       24.0
#define SPRITE_CACHE_MAX        4096
#define RING_TEXT_SIZE          11.0
#define BADGE_MIN_RADIUS        6.0

/* Colours */

static void
hex (TissageMapColor *color,
     const char      *spec,
     double           alpha)
{
  tissage_map_color_parse (spec, color);
  color->alpha = alpha;
}

static TissageMapColor
mix (const TissageMapColor *a,
     const TissageMapColor *b,
     double                 t)
{
  TissageMapColor c = {
    a->red + (b->red - a->red) * t,
    a->green + (b->green - a->green) * t,
    a->blue + (b->blue - a->blue) * t,
    a->alpha + (b->alpha - a->alpha) * t,
  };

  return c;
}

/* The colour @top at @alpha over the opaque @bottom, as an opaque colour */
static TissageMapColor
over (const TissageMapColor *bottom,
      const char            *top,
      double                 alpha)
{
  TissageMapColor t;

  hex (&t, top, 1.0);
  return mix (bottom, &t, alpha);
}

static guint32
pack_rgb (const TissageMapColor *c)
{
  return ((guint32) lround (CLAMP (c->red, 0.0, 1.0) * 255.0) << 16) |
         ((guint32) lround (CLAMP (c->green, 0.0, 1.0) * 255.0) << 8) |
         (guint32) lround (CLAMP (c->blue, 0.0, 1.0) * 255.0);
}

void
tissage_map_set_source_color (cairo_t               *cr,
                              const TissageMapColor *color,
                              double                 alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

/* libadwaita's light and dark palettes */
void
tissage_map_palette_init (TissageMapPalette *p,
                          gboolean           dark)
{
  memset (p, 0, sizeof *p);

  if (!dark)
    {
      hex (&p->background, "#ffffff", 1.0);
      hex (&p->foreground, "#241f31", 1.0);
      hex (&p->dim_foreground, "#5e5c64", 1.0);
      hex (&p->accent, "#3584e4", 1.0);
      hex (&p->ring_text, "#1a5fb4", 1.0);
      p->rings[0] = over (&p->background, "#3584e4", 0.17);
      p->rings[1] = over (&p->background, "#3584e4", 0.11);
      p->rings[2] = over (&p->background, "#3584e4", 0.065);
      p->rings[3] = over (&p->background, "#3584e4", 0.03);
      hex (&p->ring_line, "#3584e4", 0.30);
      hex (&p->sector_line, "#1a5fb4", 0.13);
      hex (&p->center, "#3584e4", 1.0);
      hex (&p->center_text, "#ffffff", 1.0);
      hex (&p->label_background, "#ffffff", 0.86);
      hex (&p->card, "#ffffff", 0.96);
      hex (&p->card_border, "#000000", 0.12);
      p->quadrants[0] = over (&p->background, "#3584e4", 0.13);
      p->quadrants[1] = over (&p->background, "#f5c211", 0.16);
      p->quadrants[2] = over (&p->background, "#33d17a", 0.13);
      p->quadrants[3] = over (&p->background, "#77767b", 0.08);
      hex (&p->quadrant_text[0], "#1a5fb4", 1.0);
      hex (&p->quadrant_text[1], "#9c6e03", 1.0);
      hex (&p->quadrant_text[2], "#1e8750", 1.0);
      hex (&p->quadrant_text[3], "#5e5c64", 1.0);
      hex (&p->badge, "#3d3846", 1.0);
      hex (&p->badge_text, "#ffffff", 1.0);
      p->edge_alpha = 0.62;
      p->dim_mix = 0.8;
    }
  else
    {
      hex (&p->background, "#1e1e1e", 1.0);
      hex (&p->foreground, "#ffffff", 1.0);
      hex (&p->dim_foreground, "#c0bfbc", 1.0);
      hex (&p->accent, "#3584e4", 1.0);
      hex (&p->ring_text, "#99c1f1", 1.0);
      p->rings[0] = over (&p->background, "#62a0ea", 0.22);
      p->rings[1] = over (&p->background, "#62a0ea", 0.15);
      p->rings[2] = over (&p->background, "#62a0ea", 0.095);
      p->rings[3] = over (&p->background, "#62a0ea", 0.05);
      hex (&p->ring_line, "#62a0ea", 0.35);
      hex (&p->sector_line, "#99c1f1", 0.14);
      hex (&p->center, "#3584e4", 1.0);
      hex (&p->center_text, "#ffffff", 1.0);
      hex (&p->label_background, "#1e1e1e", 0.84);
      hex (&p->card, "#303030", 0.96);
      hex (&p->card_border, "#ffffff", 0.12);
      p->quadrants[0] = over (&p->background, "#62a0ea", 0.18);
      p->quadrants[1] = over (&p->background, "#f8e45c", 0.14);
      p->quadrants[2] = over (&p->background, "#57e389", 0.13);
      p->quadrants[3] = over (&p->background, "#c0bfbc", 0.08);
      hex (&p->quadrant_text[0], "#99c1f1", 1.0);
      hex (&p->quadrant_text[1], "#f9f06b", 1.0);
      hex (&p->quadrant_text[2], "#8ff0a4", 1.0);
      hex (&p->quadrant_text[3], "#c0bfbc", 1.0);
      hex (&p->badge, "#deddda", 1.0);
      hex (&p->badge_text, "#241f31", 1.0);
      p->edge_alpha = 0.7;
      p->dim_mix = 0.78;
    }
}

/* Text */

static PangoFontDescription *
font_new (double   size,
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

static PangoLayout *
scratch_layout (TissageMapView *view,
                const char     *text,
                double          size,
                gboolean        bold)
{
  PangoFontDescription *font = font_new (size, bold);

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

static void
layout_size (PangoLayout *layout,
             double      *width,
             double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  *width = (double) logical.width / PANGO_SCALE;
  *height = (double) logical.height / PANGO_SCALE;
}

const TissageMapLabel *
tissage_map_render_get_label (TissageMapView *view,
                              guint           node)
{
  TissageMapLabel *label = &view->labels[node];
  const char *text = tissage_map_model_node (view->model, node)->label;
  PangoFontDescription *font;

  if (label->layout != NULL && g_strcmp0 (label->text, text) == 0)
    return label;

  g_clear_object (&label->layout);
  g_free (label->text);
  label->text = g_strdup (text);
  label->layout = pango_layout_new (view->pango);
  font = font_new (LABEL_SIZE * view->text_scale, FALSE);
  pango_layout_set_font_description (label->layout, font);
  pango_font_description_free (font);
  pango_layout_set_width (label->layout, (int) (LABEL_MAX_WIDTH * view->text_scale * PANGO_SCALE));
  pango_layout_set_wrap (label->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_height (label->layout, -2);
  pango_layout_set_ellipsize (label->layout, PANGO_ELLIPSIZE_END);
  set_shortened_text (label->layout, text);
  layout_size (label->layout, &label->width, &label->height);

  /* A layout with a width set is that wide: keep the widest line's width */
  label->width = 1.0;
  for (int i = 0; i < pango_layout_get_line_count (label->layout); i++)
    {
      PangoRectangle line;

      pango_layout_line_get_pixel_extents (pango_layout_get_line_readonly (label->layout, i), NULL, &line);
      label->width = MAX (label->width, line.width);
    }

  return label;
}

void
tissage_map_render_clear_text_caches (TissageMapView *view)
{
  for (guint i = 0; i < view->n_nodes; i++)
    {
      g_clear_object (&view->labels[i].layout);
      g_clear_pointer (&view->labels[i].text, g_free);
    }
  for (guint p = 0; p < TISSAGE_MAP_N_PROXIMITIES; p++)
    g_clear_pointer (&view->ring_paths[p], cairo_path_destroy);
  g_hash_table_remove_all (view->badge_layouts);
  g_clear_pointer (&view->legend, cairo_surface_destroy);
}

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

static void
node_color (TissageMapView  *view,
            guint            node,
            gboolean         dimmed,
            TissageMapColor *color)
{
  int category = view->category[node];

  if (category >= 0)
    *color = g_array_index (view->model->category_colors, TissageMapColor, category);
  else
    hex (color, "#9a9996", 1.0);
  color->alpha = 1.0;

  if (dimmed)
    *color = mix (color, &view->palette.background, view->palette.dim_mix);
}

static void
node_path (cairo_t  *cr,
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

static void
draw_node_shape (cairo_t                 *cr,
                 const TissageMapPalette *palette,
                 double                   x,
                 double                   y,
                 double                   r,
                 const TissageMapColor   *fill,
                 gboolean                 member)
{
  double outline = CLAMP (r * 0.16, 0.75, 2.0);

  node_path (cr, x, y, r, member);
  tissage_map_set_source_color (cr, fill, 1.0);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, outline);
  tissage_map_set_source_color (cr, &palette->background, 1.0);
  cairo_stroke (cr);

  if (member && r >= 4.0)
    {
      /* with a darker rim inside the outline */
      TissageMapColor black = { 0.0, 0.0, 0.0, 1.0 };
      TissageMapColor rim = mix (fill, &black, 0.28);

      node_path (cr, x, y, r - outline / 2.0 - 0.6, TRUE);
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
  guint64 key = (guint64) pack_rgb (fill) | (quantized << 24) | ((guint64) !!member << 40);
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
  draw_node_shape (cr, &view->palette, s / 2.0 / scale, s / 2.0 / scale,
                   device_radius / scale, fill, member);
  cairo_destroy (cr);
  cairo_surface_flush (sprite);
  cairo_surface_set_device_scale (sprite, scale, scale);

  g_hash_table_insert (view->sprites, g_memdup2 (&key, sizeof key), sprite);
  *size = s;
  return sprite;
}

static gboolean
node_in_region (const TissageMapPass *pass,
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
      PangoFontDescription *font = font_new (9.5 * view->text_scale, TRUE);

      layout = pango_layout_new (view->pango);
      pango_layout_set_font_description (layout, font);
      pango_font_description_free (font);
      pango_layout_set_text (layout, text, -1);
      g_hash_table_insert (view->badge_layouts, GUINT_TO_POINTER (count), layout);
    }

  return layout;
}

static void
draw_badge (TissageMapView *view,
            cairo_t        *cr,
            double          x,
            double          y,
            double          r,
            guint           count,
            double          alpha)
{
  PangoLayout *layout = badge_layout (view, count);
  double w, h, bh, bw, cx, cy;

  layout_size (layout, &w, &h);
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
      if (!node_in_region (pass, x, y, r + 3.0))
        continue;

      node = tissage_map_model_node (view->model, i);
      node_color (view, i, view->dimmed[i], &fill);

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
          draw_node_shape (cr, &view->palette, x, y, r, &fill, node->is_member);
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
      if (!node_in_region (pass, x, y, r + 16.0))
        continue;
      draw_badge (view, cr, x, y, r, node->effect_count, view->dimmed[i] ? 0.35 : 1.0);
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

static void
edge_screen (TissageMapView            *view,
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

static void
set_edge_style (TissageMapView     *view,
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
          colors[k] = pack_rgb (&color);
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
            edge_screen (view, &pass->t, e, &ax, &ay, &bx, &by);
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
              edge_screen (view, &pass->t, e, &ax, &ay, &bx, &by);
              if (!segment_in_region (&pass->region, ax, ay, bx, by, 4.0))
                continue;

              if (!any)
                {
                  set_edge_style (view, pass->cr, kind, strength, alpha, 0.0);
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

/* Labels */

typedef struct
{
  double x0;
  double y0;
  double x1;
  double y1;
  guint  owner;
} Box;

typedef struct
{
  GArray *boxes;
  GArray *links;  /* pairs: next link, box */
  int    *heads;
  int     cols;
  int     rows;
  double  ox;
  double  oy;
} Occupancy;

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

static void
occupancy_add (Occupancy *occ,
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

static void add_furniture_obstacles (TissageMapView       *view,
                                     const TissageMapPass *pass,
                                     Occupancy            *occ);

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
  add_furniture_obstacles (view, pass, &occ);

  for (guint k = 0; k < view->placed->len; k++)
    {
      const TissageMapPlacedLabel *placed = &g_array_index (view->placed, TissageMapPlacedLabel, k);
      Box box = { placed->x, placed->y, placed->x + placed->width, placed->y + placed->height, placed->node };

      occupancy_add (&occ, &box);
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
      occupancy_add (&occ, &box);
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
      if (!node_in_region (pass, x, y, LABEL_MARGIN * 0.5))
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
              occupancy_add (&occ, &box);
              break;
            }
        }
    }

  occupancy_clear (&occ);
}

static void
rounded_rect (cairo_t *cr,
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

static void
draw_label (TissageMapView        *view,
            cairo_t               *cr,
            const TissageMapLabel *label,
            double                 x,
            double                 y,
            gboolean               dimmed,
            gboolean               emphasis)
{
  double w = label->width + 2.0 * LABEL_PAD_X, h = label->height + 2.0 * LABEL_PAD_Y;

  rounded_rect (cr, x, y, w, h, 4.0);
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
      draw_label (view, pass->cr, tissage_map_render_get_label (view, placed->node),
                  placed->x, placed->y, view->dimmed[placed->node], FALSE);
    }
}

/* Background: rings */

static void
ensure_ring_paths (TissageMapView *view)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  PangoLayout *layout;
  PangoFontDescription *font;
  PangoAttrList *attrs;

  if (view->ring_paths[0] != NULL)
    return;

  surface = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
  cr = cairo_create (surface);
  cairo_set_tolerance (cr, 0.06);
  layout = pango_layout_new (view->pango);
  font = font_new (RING_TEXT_SIZE, TRUE);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  attrs = pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_letter_spacing_new ((int) (1.4 * PANGO_SCALE)));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

  for (guint p = 0; p < TISSAGE_MAP_N_PROXIMITIES; p++)
    {
      g_autofree char *upper = g_utf8_strup (tissage_map_proximity_get_label (p), -1);
      double w, h;

      pango_layout_set_text (layout, upper, -1);
      layout_size (layout, &w, &h);
      view->ring_path_width[p] = w;
      view->ring_path_height = h;

      cairo_new_path (cr);
      cairo_move_to (cr, 0.0, 0.0);
      pango_cairo_layout_path (cr, layout);
      view->ring_paths[p] = cairo_copy_path_flat (cr);
    }

  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Lays the flattened text path along the arc of @radius, centred at the top,
 * @k world units per path unit, turned into screen coordinates. */
static void
append_arc_text (cairo_t                   *cr,
                 const TissageMapTransform *t,
                 const cairo_path_t        *path,
                 double                     width,
                 double                     height,
                 double                     radius,
                 double                     k)
{
  for (int i = 0; i < path->num_data; i += path->data[i].header.length)
    {
      const cairo_path_data_t *data = &path->data[i];
      double px, py, angle, rr, sx, sy;

      if (data->header.type == CAIRO_PATH_CLOSE_PATH)
        {
          cairo_close_path (cr);
          continue;
        }

      px = data[1].point.x;
      py = data[1].point.y;
      rr = radius + (height / 2.0 - py) * k;
      angle = -G_PI / 2.0 + (px - width / 2.0) * k / radius;
      tissage_map_transform_to_screen (t, rr * cos (angle), rr * sin (angle), &sx, &sy);

      if (data->header.type == CAIRO_PATH_MOVE_TO)
        cairo_move_to (cr, sx, sy);
      else
        cairo_line_to (cr, sx, sy);
    }
}

/* Background text is sized in world units, but drawn no smaller than a
 * readable size and no larger than @max_size; returns the screen size, 0
 * when zoomed out too far to show it. */
static double
screen_text_size (TissageMapView *view,
                  double          world_size,
                  double          zoom,
                  double          max_size)
{
  double size = world_size * zoom;

  if (size < 4.5 * view->text_scale)
    return 0.0;
  return CLAMP (size, 9.5 * view->text_scale, max_size * view->text_scale);
}

/* The text of the background (category names, quadrant and axis titles):
 * drawn by the background, and kept clear of by the labels */
typedef struct
{
  char            *text;
  double           size;
  gboolean         bold;
  double           x;        /* top left of the unrotated text */
  double           y;
  double           width;
  double           height;
  gboolean         rotated;  /* a quarter turn left around its centre */
  TissageMapColor  color;
  double           alpha;
  double           dot;      /* radius of a coloured dot before the text */
  TissageMapColor  dot_color;
  gboolean         dot_hollow;
} Furniture;

static void
furniture_clear (gpointer data)
{
  g_free (((Furniture *) data)->text);
}

static void
furniture_box (const Furniture *f,
               double          *x0,
               double          *y0,
               double          *x1,
               double          *y1)
{
  if (f->rotated)
    {
      double cx = f->x + f->width / 2.0, cy = f->y + f->height / 2.0;

      *x0 = cx - f->height / 2.0;
      *x1 = cx + f->height / 2.0;
      *y0 = cy - f->width / 2.0;
      *y1 = cy + f->width / 2.0;
    }
  else
    {
      *x0 = f->x;
      *y0 = f->y;
      *x1 = f->x + f->width;
      *y1 = f->y + f->height;
    }
}

static Furniture *
furniture_add (GArray         *items,
               TissageMapView *view,
               const char     *text,
               double          size,
               gboolean        bold)
{
  Furniture f = { 0 };

  f.text = g_strdup (text);
  f.size = size;
  f.bold = bold;
  f.alpha = 1.0;
  layout_size (scratch_layout (view, text, size, bold), &f.width, &f.height);
  g_array_append_val (items, f);
  return &g_array_index (items, Furniture, items->len - 1);
}

static void
collect_ring_furniture (TissageMapView            *view,
                        const TissageMapTransform *t,
                        GArray                    *items)
{
  const TissageMapLayout *layout = view->layout;
  double outer = layout->ring_outer[TISSAGE_MAP_N_PROXIMITIES - 1];
  double size = screen_text_size (view, 13.5 * layout->unit, t->zoom, 15.0);

  if (size <= 0.0)
    return;

  for (guint k = 0; k < layout->sectors->len; k++)
    {
      const TissageMapSector *sector = &g_array_index (layout->sectors, TissageMapSector, k);
      double mid = (sector->start + sector->end) / 2.0, c = cos (mid), s = sin (mid);
      double ax, ay, w;
      Furniture *f;

      if (sector->category_index >= 0)
        {
          const TissageMapCategory *category = &g_array_index (view->model->categories, TissageMapCategory,
                                                               sector->category_index);

          f = furniture_add (items, view, category->name, size, TRUE);
          f->dot_color = g_array_index (view->model->category_colors, TissageMapColor, sector->category_index);
          f->dot_hollow = tissage_map_id_map_lookup (&view->hidden_categories, category->id, NULL);
        }
      else
        {
          f = furniture_add (items, view, C_("category", "Other"), size, TRUE);
          hex (&f->dot_color, "#9a9996", 1.0);
        }

      f->dot = size * 0.42;
      f->color = view->palette.foreground;
      f->alpha = f->dot_hollow ? 0.4 : 0.85;
      w = f->width + 2.0 * f->dot + size * 0.4;

      /* Text grows away from the rings */
      tissage_map_transform_to_screen (t, (outer + 12.0 * layout->unit) * c,
                                       (outer + 12.0 * layout->unit) * s, &ax, &ay);
      f->x = c > 0.35 ? ax : c < -0.35 ? ax - w : ax - w / 2.0;
      f->y = s > 0.35 ? ay : s < -0.35 ? ay - f->height : ay - f->height / 2.0;
    }
}

static const char * const quadrant_titles[4] = {
  NC_("stakeholder quadrant", "Key players"),
  NC_("stakeholder quadrant", "Keep satisfied"),
  NC_("stakeholder quadrant", "Keep informed"),
  NC_("stakeholder quadrant", "Monitor"),
};

static void
grid_quadrant (const TissageMapLayout *layout,
               guint                   q,
               double                 *x0,
               double                 *y0,
               double                 *x1,
               double                 *y1)
{
  double g = layout->grid_size;
  double xm = (layout->grid_x0 + layout->grid_x1) / 2.0, ym = (layout->grid_y0 + layout->grid_y1) / 2.0;

  /* key players top right, satisfy top left, inform bottom right, monitor
   * bottom left */
  *x0 = q == 0 || q == 2 ? xm : 0.0;
  *x1 = q == 0 || q == 2 ? g : xm;
  *y0 = q < 2 ? 0.0 : ym;
  *y1 = q < 2 ? ym : g;
}

static void
collect_grid_furniture (TissageMapView            *view,
                        const TissageMapTransform *t,
                        GArray                    *items)
{
  const TissageMapLayout *layout = view->layout;
  double g = layout->grid_size, u = layout->unit;
  double strip_top = (layout->grid_y0 - layout->spacing / 2.0) / 2.0;
  double size = screen_text_size (view, 13.0 * u, t->zoom, 16.0);

  if (size > 0.0)
    for (guint q = 0; q < 4; q++)
      {
        Furniture *f = furniture_add (items, view,
                                      g_dpgettext2 (GETTEXT_PACKAGE, "stakeholder quadrant", quadrant_titles[q]),
                                      size, TRUE);
        double x0, y0, x1, y1, x, y;

        grid_quadrant (layout, q, &x0, &y0, &x1, &y1);
        tissage_map_transform_to_screen (t, (x0 + x1) / 2.0, q < 2 ? strip_top : g - strip_top, &x, &y);
        f->x = x - f->width / 2.0;
        f->y = y - f->height / 2.0;
        f->color = view->palette.quadrant_text[q];
      }

  size = screen_text_size (view, 12.0 * u, t->zoom, 15.0);
  if (size > 0.0)
    {
      g_autofree char *interest = g_strdup_printf ("%s  →", _("Interest"));
      g_autofree char *influence = g_strdup_printf ("%s  →", _("Influence"));
      Furniture *f;
      double x, y;

      f = furniture_add (items, view, interest, size, FALSE);
      tissage_map_transform_to_screen (t, g / 2.0, g + 14.0 * u, &x, &y);
      f->x = x - f->width / 2.0;
      f->y = y - f->height / 2.0;
      f->color = view->palette.dim_foreground;

      f = furniture_add (items, view, influence, size, FALSE);
      tissage_map_transform_to_screen (t, -14.0 * u, g / 2.0, &x, &y);
      f->x = x - f->width / 2.0;
      f->y = y - f->height / 2.0;
      f->rotated = TRUE;
      f->color = view->palette.dim_foreground;
    }
}

static GArray *
collect_furniture (TissageMapView            *view,
                   const TissageMapTransform *t)
{
  GArray *items = g_array_new (FALSE, TRUE, sizeof (Furniture));

  g_array_set_clear_func (items, furniture_clear);
  if (view->layout_kind == TISSAGE_MAP_LAYOUT_RINGS)
    collect_ring_furniture (view, t, items);
  else if (view->layout_kind == TISSAGE_MAP_LAYOUT_GRID)
    collect_grid_furniture (view, t, items);
  return items;
}

static void
draw_furniture (TissageMapView *view,
                cairo_t        *cr,
                GArray         *items)
{
  for (guint k = 0; k < items->len; k++)
    {
      const Furniture *f = &g_array_index (items, Furniture, k);
      PangoLayout *text = scratch_layout (view, f->text, f->size, f->bold);
      double tx = f->x;

      if (f->dot > 0.0)
        {
          cairo_new_path (cr);
          cairo_arc (cr, f->x + f->dot, f->y + f->height / 2.0, f->dot, 0.0, 2.0 * G_PI);
          tissage_map_set_source_color (cr, &f->dot_color, 1.0);
          if (f->dot_hollow)
            {
              cairo_set_line_width (cr, 1.5);
              cairo_stroke (cr);
            }
          else
            cairo_fill (cr);
          tx += 2.0 * f->dot + f->size * 0.4;
        }

      tissage_map_set_source_color (cr, &f->color, f->alpha);
      if (f->rotated)
        {
          cairo_save (cr);
          cairo_translate (cr, f->x + f->width / 2.0, f->y + f->height / 2.0);
          cairo_rotate (cr, -G_PI / 2.0);
          cairo_move_to (cr, -f->width / 2.0, -f->height / 2.0);
          pango_cairo_show_layout (cr, text);
          cairo_restore (cr);
        }
      else
        {
          cairo_move_to (cr, tx, f->y);
          pango_cairo_show_layout (cr, text);
        }
    }
}

/* Ring names: on screen size, arc radius and scale of the text paths */
static gboolean
ring_name_geometry (TissageMapView            *view,
                    const TissageMapTransform *t,
                    guint                      p,
                    double                    *radius,
                    double                    *k)
{
  const TissageMapLayout *layout = view->layout;
  double size = screen_text_size (view, layout->strip * 0.62, t->zoom, 15.0);

  if (size <= 0.0)
    return FALSE;

  ensure_ring_paths (view);
  *k = size / t->zoom / RING_TEXT_SIZE;
  *radius = layout->ring_outer[p] - layout->strip / 2.0;
  return view->ring_path_width[p] * *k <= *radius * G_PI * 0.5;
}

static void
draw_center (TissageMapView            *view,
             cairo_t                   *cr,
             const TissageMapTransform *t,
             double                     alpha)
{
  const TissageMapLayout *layout = view->layout;
  double cx, cy, size = screen_text_size (view, 12.0 * layout->unit, t->zoom, 16.0);

  tissage_map_transform_to_screen (t, 0.0, 0.0, &cx, &cy);
  cairo_new_path (cr);
  cairo_arc (cr, cx, cy, layout->center_radius * t->zoom, 0.0, 2.0 * G_PI);
  tissage_map_set_source_color (cr, &view->palette.center, alpha);
  cairo_fill (cr);

  if (size > 0.0)
    {
      const char *title = view->model->title;
      PangoLayout *text;
      double w, h, box = layout->center_radius * t->zoom * 1.55;

      if (title == NULL || *title == '\0')
        title = _("The collective");

      /* Whole words on up to four lines: a long name gets a smaller font
       * rather than broken words. */
      for (double min_size = size * 0.55; ; size *= 0.9)
        {
          text = scratch_layout (view, title, size, TRUE);
          pango_layout_set_width (text, (int) (box * PANGO_SCALE));
          pango_layout_set_height (text, -4);
          pango_layout_set_wrap (text, PANGO_WRAP_WORD);
          pango_layout_set_ellipsize (text, PANGO_ELLIPSIZE_END);
          pango_layout_set_alignment (text, PANGO_ALIGN_CENTER);
          layout_size (text, &w, &h);
          if ((!pango_layout_is_ellipsized (text) && !pango_layout_is_wrapped (text)) ||
              (!pango_layout_is_ellipsized (text) && w <= box && h <= box) ||
              size * 0.9 < min_size)
            break;
        }
      tissage_map_set_source_color (cr, &view->palette.center_text, 1.0);
      cairo_move_to (cr, cx - box / 2.0, cy - h / 2.0);
      pango_cairo_show_layout (cr, text);
    }
}

static void
draw_rings (TissageMapView       *view,
            const TissageMapPass *pass)
{
  const TissageMapLayout *layout = view->layout;
  const TissageMapPalette *palette = &view->palette;
  cairo_t *cr = pass->cr;
  const TissageMapTransform *t = &pass->t;
  double cx, cy, zoom = t->zoom;
  double outer = layout->ring_outer[TISSAGE_MAP_N_PROXIMITIES - 1];
  g_autoptr(GArray) furniture = NULL;

  tissage_map_transform_to_screen (t, 0.0, 0.0, &cx, &cy);

  /* Bands, outermost first */
  for (int p = TISSAGE_MAP_N_PROXIMITIES - 1; p >= 0; p--)
    {
      cairo_new_path (cr);
      cairo_arc (cr, cx, cy, layout->ring_outer[p] * zoom, 0.0, 2.0 * G_PI);
      tissage_map_set_source_color (cr, &palette->rings[p], 1.0);
      cairo_fill (cr);
    }

  /* Sector boundaries and ring circles: straight into the layer when it is
   * ours, they are long thin lines */
  {
    g_autoptr(GArray) segments = g_array_new (FALSE, FALSE, sizeof (double) * 4);
    double ring_r[TISSAGE_MAP_N_PROXIMITIES];

    for (guint p = 0; p < TISSAGE_MAP_N_PROXIMITIES; p++)
      ring_r[p] = layout->ring_outer[p] * zoom;

    if (layout->sectors->len > 1)
      for (guint k = 0; k < layout->sectors->len; k++)
        {
          double a = g_array_index (layout->sectors, TissageMapSector, k).start;
          double c = cos (a), sn = sin (a);

          if (fabs (a + G_PI / 2.0) < 1e-9)
            {
              /* The line at the top stops short of the ring names */
              for (guint p = 0; p < TISSAGE_MAP_N_PROXIMITIES; p++)
                {
                  double from = (p == 0 ? layout->center_radius : layout->ring_inner[p]) * zoom;
                  double to = (layout->ring_outer[p] - layout->strip) * zoom;
                  double seg[4] = { cx + c * from, cy + sn * from, cx + c * to, cy + sn * to };

                  g_array_append_val (segments, seg);
                }
            }
          else
            {
              double seg[4] = {
                cx + c * layout->center_radius * zoom, cy + sn * layout->center_radius * zoom,
                cx + c * outer * zoom, cy + sn * outer * zoom,
              };

              g_array_append_val (segments, seg);
            }
        }

    if (pass->raster != NULL)
      {
        g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (TissageRasterLine));
        double sc = pass->scale;
        TissageRasterLine line = { 0 };
        cairo_rectangle_int_t clip = {
          (int) floor (pass->region.x * sc), (int) floor (pass->region.y * sc),
          (int) ceil ((pass->region.x + pass->region.width) * sc) - (int) floor (pass->region.x * sc),
          (int) ceil ((pass->region.y + pass->region.height) * sc) - (int) floor (pass->region.y * sc),
        };

        line.width = (float) sc;
        line.color = pack_rgb (&palette->sector_line);
        line.alpha = (guint8) lround (palette->sector_line.alpha * 255.0);
        for (guint k = 0; k < segments->len; k++)
          {
            const double *seg = &g_array_index (segments, double, 4 * k);

            line.x0 = (float) (seg[0] * sc);
            line.y0 = (float) (seg[1] * sc);
            line.x1 = (float) (seg[2] * sc);
            line.y1 = (float) (seg[3] * sc);
            g_array_append_val (lines, line);
          }

        line.color = pack_rgb (&palette->ring_line);
        line.alpha = (guint8) lround (palette->ring_line.alpha * 255.0);
        for (guint p = 0; p < TISSAGE_MAP_N_PROXIMITIES; p++)
          {
            int n = CLAMP ((int) (2.0 * G_PI * ring_r[p] / 5.0), 24, 4096);

            for (int j = 0; j < n; j++)
              {
                double a0 = 2.0 * G_PI * j / n, a1 = 2.0 * G_PI * (j + 1) / n;
                double x0 = cx + ring_r[p] * cos (a0), y0 = cy + ring_r[p] * sin (a0);
                double x1 = cx + ring_r[p] * cos (a1), y1 = cy + ring_r[p] * sin (a1);

                if (MAX (x0, x1) < pass->region.x - 2.0 || MIN (x0, x1) > pass->region.x + pass->region.width + 2.0 ||
                    MAX (y0, y1) < pass->region.y - 2.0 || MIN (y0, y1) > pass->region.y + pass->region.height + 2.0)
                  continue;
                line.x0 = (float) (x0 * sc);
                line.y0 = (float) (y0 * sc);
                line.x1 = (float) (x1 * sc);
                line.y1 = (float) (y1 * sc);
                g_array_append_val (lines, line);
              }
          }

        tissage_map_raster_lines (pass->raster, &clip, (TissageRasterLine *) (gpointer) lines->data,
                                  lines->len, NULL, 0);
      }
    else
      {
        cairo_set_line_width (cr, 1.0);
        tissage_map_set_source_color (cr, &palette->sector_line, 1.0);
        for (guint k = 0; k < segments->len; k++)
          {
            const double *seg = &g_array_index (segments, double, 4 * k);

            cairo_move_to (cr, seg[0], seg[1]);
            cairo_line_to (cr, seg[2], seg[3]);
          }
        cairo_stroke (cr);

        tissage_map_set_source_color (cr, &palette->ring_line, 1.0);
        for (guint p = 0; p < TISSAGE_MAP_N_PROXIMITIES; p++)
          {
            cairo_new_sub_path (cr);
            cairo_arc (cr, cx, cy, ring_r[p], 0.0, 2.0 * G_PI);
          }
        cairo_stroke (cr);
      }
  }

  /* Ring names along the arc, at the top of each band */
  for (guint p = 0; p < TISSAGE_MAP_N_PROXIMITIES; p++)
    {
      double radius, k;

      if (!ring_name_geometry (view, t, p, &radius, &k))
        continue;
      cairo_new_path (cr);
      append_arc_text (cr, t, view->ring_paths[p], view->ring_path_width[p],
                       view->ring_path_height, radius, k);
      tissage_map_set_source_color (cr, &palette->ring_text, 0.85);
      cairo_fill (cr);
    }

  draw_center (view, cr, t, 1.0);

  furniture = collect_furniture (view, t);
  draw_furniture (view, cr, furniture);
}

static void
draw_grid (TissageMapView       *view,
           const TissageMapPass *pass)
{
  const TissageMapLayout *layout = view->layout;
  cairo_t *cr = pass->cr;
  const TissageMapTransform *t = &pass->t;
  g_autoptr(GArray) furniture = NULL;
  double gap = 3.0;

  for (guint q = 0; q < 4; q++)
    {
      double wx0, wy0, wx1, wy1, x0, y0, x1, y1;

      grid_quadrant (layout, q, &wx0, &wy0, &wx1, &wy1);
      tissage_map_transform_to_screen (t, wx0, wy0, &x0, &y0);
      tissage_map_transform_to_screen (t, wx1, wy1, &x1, &y1);
      rounded_rect (cr, x0 + gap / 2.0, y0 + gap / 2.0, x1 - x0 - gap, y1 - y0 - gap,
                    MIN (14.0 * layout->unit * t->zoom, 16.0));
      tissage_map_set_source_color (cr, &view->palette.quadrants[q], 1.0);
      cairo_fill (cr);
    }

  furniture = collect_furniture (view, t);
  draw_furniture (view, cr, furniture);
}

/* Boxes the labels must keep clear of: background text and the centre */
static void
add_furniture_obstacles (TissageMapView       *view,
                         const TissageMapPass *pass,
                         Occupancy            *occ)
{
  g_autoptr(GArray) furniture = collect_furniture (view, &pass->t);
  const TissageMapTransform *t = &pass->t;

  for (guint k = 0; k < furniture->len; k++)
    {
      Box box;

      furniture_box (&g_array_index (furniture, Furniture, k), &box.x0, &box.y0, &box.x1, &box.y1);
      box.owner = G_MAXUINT;
      occupancy_add (occ, &box);
    }

  if (view->layout_kind == TISSAGE_MAP_LAYOUT_RINGS)
    {
      double cx, cy, half = view->layout->center_radius * t->zoom * 0.8;
      Box box;

      tissage_map_transform_to_screen (t, 0.0, 0.0, &cx, &cy);
      box.x0 = cx - half;
      box.x1 = cx + half;
      box.y0 = cy - half;
      box.y1 = cy + half;
      box.owner = G_MAXUINT;
      occupancy_add (occ, &box);

      for (guint p = 0; p < TISSAGE_MAP_N_PROXIMITIES; p++)
        {
          double radius, k, w, h;

          if (!ring_name_geometry (view, t, p, &radius, &k))
            continue;
          w = view->ring_path_width[p] * k * t->zoom;
          h = view->ring_path_height * k * t->zoom;
          box.x0 = cx - w / 2.0 - 2.0;
          box.x1 = cx + w / 2.0 + 2.0;
          box.y0 = cy - radius * t->zoom - h / 2.0 - 1.0;
          box.y1 = cy - radius * t->zoom + h / 2.0 + 1.0;
          occupancy_add (occ, &box);
        }
    }
}

void
tissage_map_render_background (TissageMapView       *view,
                               const TissageMapPass *pass)
{
  cairo_t *cr = pass->cr;

  cairo_save (cr);
  cairo_rectangle (cr, pass->region.x, pass->region.y, pass->region.width, pass->region.height);
  tissage_map_set_source_color (cr, &view->palette.background, 1.0);
  cairo_fill (cr);

  switch (view->layout_kind)
    {
    case TISSAGE_MAP_LAYOUT_RINGS:
      draw_rings (view, pass);
      break;
    case TISSAGE_MAP_LAYOUT_GRID:
      draw_grid (view, pass);
      break;
    case TISSAGE_MAP_LAYOUT_FREE:
    default:
      break;
    }
  cairo_restore (cr);
}

/* The collective's disc over the links that cross it, still showing them */
void
tissage_map_render_center (TissageMapView       *view,
                           const TissageMapPass *pass)
{
  if (view->layout_kind != TISSAGE_MAP_LAYOUT_RINGS)
    return;

  cairo_save (pass->cr);
  draw_center (view, pass->cr, &pass->t, 0.82);
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

/* Overlay */

static void
draw_incident_edges (TissageMapView            *view,
                     cairo_t                   *cr,
                     const TissageMapTransform *t,
                     guint                      node,
                     double                     alpha_scale,
                     double                     extra_width)
{
  guint8 *kinds = (guint8 *) view->model->edge_kinds->data;

  for (guint e = 0; e < view->n_edges; e++)
    {
      guint a = view->edge_ends[2 * e], b = view->edge_ends[2 * e + 1];
      double ax, ay, bx, by;

      if ((a != node && b != node) || !view->visible[a] || !view->visible[b])
        continue;
      edge_screen (view, t, e, &ax, &ay, &bx, &by);
      set_edge_style (view, cr, kinds[e], tissage_map_model_edge (view->model, e)->strength,
                      MIN (1.0, view->palette.edge_alpha * alpha_scale), extra_width);
      cairo_move_to (cr, ax, ay);
      cairo_line_to (cr, bx, by);
      cairo_stroke (cr);
    }
}

static void
overlay_label (TissageMapView            *view,
               cairo_t                   *cr,
               const TissageMapTransform *t,
               guint                      node,
               double                     label_dx,
               double                     label_dy,
               gboolean                   labels_match,
               gboolean                   emphasis)
{
  const TissageMapLabel *label = tissage_map_render_get_label (view, node);
  double x, y, wx, wy, r;

  if (label->text == NULL || label->text[0] == '\0')
    return;

  if (labels_match && !view->dynamic[node] && view->placed_slot[node] >= 0)
    {
      const TissageMapPlacedLabel *placed = &g_array_index (view->placed, TissageMapPlacedLabel,
                                                            view->placed_slot[node]);

      draw_label (view, cr, label, placed->x + label_dx, placed->y + label_dy, FALSE, emphasis);
      return;
    }

  tissage_map_render_node_position (view, node, &wx, &wy);
  tissage_map_transform_to_screen (t, wx, wy, &x, &y);
  r = tissage_map_render_node_radius (view, node, t->zoom);
  draw_label (view, cr, label, x + r + 3.0, y - (label->height + 2.0 * LABEL_PAD_Y) / 2.0, FALSE, emphasis);
}

static void
draw_drop_target (TissageMapView            *view,
                  cairo_t                   *cr,
                  const TissageMapTransform *t)
{
  const TissageMapLayout *layout = view->layout;
  TissageMapDrop drop;
  double cx, cy;

  if (!tissage_map_layout_locate (layout, view->drag_x, view->drag_y, &drop))
    return;

  if (layout->kind == TISSAGE_MAP_LAYOUT_RINGS && drop.proximity >= 0)
    {
      double inner = drop.proximity == 0 ? layout->center_radius : layout->ring_inner[drop.proximity];
      double outer = layout->ring_outer[drop.proximity];
      double a0 = -G_PI / 2.0, a1 = 3.0 * G_PI / 2.0;

      for (guint k = 0; k < layout->sectors->len; k++)
        {
          const TissageMapSector *sector = &g_array_index (layout->sectors, TissageMapSector, k);

          if (sector->category_id == drop.category_id)
            {
              a0 = sector->start;
              a1 = sector->end;
              break;
            }
        }

      tissage_map_transform_to_screen (t, 0.0, 0.0, &cx, &cy);
      cairo_new_path (cr);
      cairo_arc (cr, cx, cy, outer * t->zoom, a0, a1);
      cairo_arc_negative (cr, cx, cy, inner * t->zoom, a1, a0);
      cairo_close_path (cr);
      tissage_map_set_source_color (cr, &view->palette.accent, 0.14);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, 1.5);
      cairo_set_dash (cr, NULL, 0, 0.0);
      tissage_map_set_source_color (cr, &view->palette.accent, 0.6);
      cairo_stroke (cr);
    }
  else if (layout->kind == TISSAGE_MAP_LAYOUT_GRID && drop.influence >= 0)
    {
      g_autofree char *text = NULL;
      const double dash[] = { 4.0, 3.0 };
      PangoLayout *pango;
      double x, y, x0, y1, w, h;

      tissage_map_transform_to_screen (t, view->drag_x, view->drag_y, &x, &y);
      tissage_map_transform_to_screen (t, layout->grid_x0, layout->grid_y1, &x0, &y1);
      cairo_set_line_width (cr, 1.0);
      cairo_set_dash (cr, dash, 2, 0.0);
      tissage_map_set_source_color (cr, &view->palette.accent, 0.7);
      cairo_move_to (cr, x0, y);
      cairo_line_to (cr, x, y);
      cairo_line_to (cr, x, y1);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0.0);

      /* Translators: the scores of a stakeholder being dragged on the grid */
      text = g_strdup_printf (_("Influence %d · Interest %d"), drop.influence, drop.interest);
      pango = scratch_layout (view, text, 11.5 * view->text_scale, TRUE);
      layout_size (pango, &w, &h);
      rounded_rect (cr, x + 14.0, y + 12.0, w + 12.0, h + 6.0, (h + 6.0) / 2.0);
      tissage_map_set_source_color (cr, &view->palette.accent, 1.0);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 1.0, 1.0, 1.0);
      cairo_move_to (cr, x + 20.0, y + 15.0);
      pango_cairo_show_layout (cr, pango);
    }
}

/*
 * Draws over the cached layer what moves or is emphasised: dragged nodes,
 * selection, hover, the drop target and the link being drawn.
 * label_dx/dy move the cached label positions to the current view,
 * meaningful only when @labels_match (the cache is shown unscaled).
 */
void
tissage_map_render_overlay (TissageMapView            *view,
                            cairo_t                   *cr,
                            const TissageMapTransform *t,
                            double                     label_dx,
                            double                     label_dy,
                            gboolean                   labels_match)
{
  int selected = view->selected_node != 0 ? tissage_map_model_find_node (view->model, view->selected_node) : -1;
  int hovered = view->hovered_node != 0 ? tissage_map_model_find_node (view->model, view->hovered_node) : -1;
  int selected_edge = view->selected_edge != 0 ? tissage_map_model_find_edge (view->model, view->selected_edge) : -1;
  double zoom = t->zoom;

  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  if (selected >= 0 && !view->visible[selected])
    selected = -1;
  if (hovered >= 0 && !view->visible[hovered])
    hovered = -1;

  /* Links of the selected stakeholder, brought forward */
  if (selected >= 0 && !view->dynamic[selected])
    draw_incident_edges (view, cr, t, (guint) selected, 1.6, 0.4);

  if (selected_edge >= 0)
    {
      guint a = view->edge_ends[2 * selected_edge], b = view->edge_ends[2 * selected_edge + 1];

      if (view->visible[a] && view->visible[b])
        {
          guint8 kind = g_array_index (view->model->edge_kinds, guint8, selected_edge);
          int strength = tissage_map_model_edge (view->model, (guint) selected_edge)->strength;
          double ax, ay, bx, by;

          edge_screen (view, t, (guint) selected_edge, &ax, &ay, &bx, &by);
          cairo_set_dash (cr, NULL, 0, 0.0);
          cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
          cairo_set_line_width (cr, tissage_map_link_width (strength) + 6.0);
          tissage_map_set_source_color (cr, &view->palette.accent, 0.35);
          cairo_move_to (cr, ax, ay);
          cairo_line_to (cr, bx, by);
          cairo_stroke (cr);
          set_edge_style (view, cr, kind, strength, 1.0, 0.5);
          cairo_move_to (cr, ax, ay);
          cairo_line_to (cr, bx, by);
          cairo_stroke (cr);
        }
    }

  /* Nodes that are not in the cached layer */
  for (guint k = 0; k < view->n_nodes; k++)
    {
      guint i = view->draw_order[k];

      if (view->dynamic[i] && view->visible[i])
        draw_incident_edges (view, cr, t, i, 1.0, 0.0);
    }
  cairo_set_dash (cr, NULL, 0, 0.0);

  if (view->interaction == TISSAGE_MAP_INTERACTION_DRAG && view->drag_node >= 0)
    draw_drop_target (view, cr, t);

  for (guint k = 0; k < view->n_nodes; k++)
    {
      guint i = view->draw_order[k];
      const TissageMapNode *node;
      TissageMapColor fill;
      double wx, wy, x, y, r;

      if (!view->dynamic[i] || !view->visible[i])
        continue;
      node = tissage_map_model_node (view->model, i);
      tissage_map_render_node_position (view, i, &wx, &wy);
      tissage_map_transform_to_screen (t, wx, wy, &x, &y);
      r = tissage_map_render_node_radius (view, i, zoom);
      node_color (view, i, view->dimmed[i], &fill);

      if ((int) i == view->drag_node && view->interaction == TISSAGE_MAP_INTERACTION_DRAG)
        {
          /* Lifted: a soft shadow under the dragged node */
          for (int s = 3; s >= 1; s--)
            {
              node_path (cr, x + 1.0, y + 2.5, r + s * 1.5, node->is_member);
              cairo_set_source_rgba (cr, 0.0, 0.0, 0.0, 0.06);
              cairo_fill (cr);
            }
        }
      draw_node_shape (cr, &view->palette, x, y, r, &fill, node->is_member);
      if (node->effect_count > 0 && r >= BADGE_MIN_RADIUS * view->text_scale)
        draw_badge (view, cr, x, y, r, node->effect_count, 1.0);
    }

  /* Selection and hover rings */
  for (int pass = 0; pass < 2; pass++)
    {
      int i = pass == 0 ? hovered : selected;
      double wx, wy, x, y, r;

      if (i < 0 || (pass == 0 && hovered == selected))
        continue;
      tissage_map_render_node_position (view, (guint) i, &wx, &wy);
      tissage_map_transform_to_screen (t, wx, wy, &x, &y);
      r = tissage_map_render_node_radius (view, (guint) i, zoom);
      node_path (cr, x, y, r + (pass == 0 ? 2.5 : 3.5), tissage_map_model_node (view->model, (guint) i)->is_member);
      cairo_set_line_width (cr, pass == 0 ? 2.0 : 3.0);
      tissage_map_set_source_color (cr, &view->palette.accent, pass == 0 ? 0.6 : 1.0);
      cairo_stroke (cr);
    }

  /* Labels of what is dragged, hovered and selected, on top of all */
  for (guint k = 0; k < view->n_nodes; k++)
    {
      guint i = view->draw_order[k];

      if (view->dynamic[i] && view->visible[i] && (int) i != selected && (int) i != hovered)
        overlay_label (view, cr, t, i, label_dx, label_dy, labels_match, FALSE);
    }
  if (hovered >= 0 && hovered != selected)
    overlay_label (view, cr, t, (guint) hovered, label_dx, label_dy, labels_match, FALSE);
  if (selected >= 0)
    overlay_label (view, cr, t, (guint) selected, label_dx, label_dy, labels_match, TRUE);
  if (selected_edge >= 0)
    for (int end = 0; end < 2; end++)
      {
        guint i = view->edge_ends[2 * selected_edge + end];

        if (view->visible[i] && (int) i != selected)
          overlay_label (view, cr, t, i, label_dx, label_dy, labels_match, FALSE);
      }

  /* The link being drawn from a node to the pointer */
  if (view->link_preview)
    {
      int source = tissage_map_model_find_node (view->model, view->link_source);

      if (source >= 0)
        {
          const double dash[] = { 6.0, 4.0 };
          double wx, wy, x, y;

          tissage_map_render_node_position (view, (guint) source, &wx, &wy);
          tissage_map_transform_to_screen (t, wx, wy, &x, &y);
          cairo_set_line_width (cr, 2.0);
          cairo_set_dash (cr, dash, 2, 0.0);
          cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
          tissage_map_set_source_color (cr, &view->palette.accent, 1.0);
          cairo_move_to (cr, x, y);
          cairo_line_to (cr, view->link_x, view->link_y);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0.0);
          cairo_arc (cr, view->link_x, view->link_y, 4.0, 0.0, 2.0 * G_PI);
          cairo_fill (cr);
        }
    }

  cairo_restore (cr);
}

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
  PangoLayout *layout = scratch_layout (c->view, text, 11.0 * c->view->text_scale, TRUE);
  double w, h;

  layout_size (layout, &w, &h);
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
  PangoLayout *layout = scratch_layout (c->view, text, size, FALSE);
  double w, h, text_x = c->x + c->pad + symbol_width + 8.0;
  double row_h;

  if (c->max_width > 0.0)
    {
      pango_layout_set_width (layout, (int) (MAX (40.0, c->max_width - (text_x - c->x) - c->pad) * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  layout_size (layout, &w, &h);
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
          hex (&color, "#9a9996", 1.0);
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
              set_edge_style (view, c->cr, k, 2, 1.0, 0.3);
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

      hex (&grey, view->dark ? "#9a9996" : "#77767b", 1.0);
      draw_node_shape (c->cr, &view->palette, sx + 3.0 * ts, sy + 2.0 * ts, 3.0 * ts, &grey, FALSE);
      draw_node_shape (c->cr, &view->palette, sx + symbol - 6.5 * ts, sy, 6.5 * ts, &grey, FALSE);
    }
  if (any_member && legend_row (c, _("Member structure"), symbol, FALSE, &sx, &sy))
    {
      TissageMapColor grey;

      hex (&grey, view->dark ? "#9a9996" : "#77767b", 1.0);
      draw_node_shape (c->cr, &view->palette, sx + symbol / 2.0, sy, 6.5 * ts, &grey, TRUE);
    }
  if (any_effect && legend_row (c, _("Number of effects concerned"), symbol, FALSE, &sx, &sy))
    draw_badge (view, c->cr, sx + symbol / 2.0 - 7.0 * ts * 0.72, sy + 7.0 * ts * 0.72, 7.0 * ts, 3, 1.0);

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
      rounded_rect (cr, x - s + 0.5, y - s + 1.5, w + 2.0 * s - 1.0, h + 2.0 * s - 1.0, 10.0 + s);
      cairo_set_source_rgba (cr, 0.0, 0.0, 0.0, view->dark ? 0.12 : 0.035);
      cairo_fill (cr);
    }
  rounded_rect (cr, x + 0.5, y + 0.5, w - 1.0, h - 1.0, 10.0);
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

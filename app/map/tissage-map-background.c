/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-map"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tissage-map-raster-private.h"
#include "tissage-map-render-private.h"


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
  font = tissage_map_font_new (RING_TEXT_SIZE, TRUE);
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
      tissage_map_layout_size (layout, &w, &h);
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
  tissage_map_layout_size (tissage_map_scratch_layout (view, text, size, bold), &f.width, &f.height);
  g_array_append_val (items, f);
  return &g_array_index (items, Furniture, items->len - 1);
}

static void
collect_ring_furniture (TissageMapView            *view,
                        const TissageMapTransform *t,
                        GArray                    *items)
{
  const TissageMapLayout *layout = view->layout;
  double size = screen_text_size (view, 13.5 * layout->unit, t->zoom, 15.0);

  if (size <= 0.0)
    return;

  for (guint k = 0; k < layout->sectors->len; k++)
    {
      const TissageMapSector *sector = &g_array_index (layout->sectors, TissageMapSector, k);
      double w;
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
          tissage_map_color_hex (&f->dot_color, "#9a9996", 1.0);
        }

      f->dot = size * 0.42;
      f->color = view->palette.foreground;
      f->alpha = f->dot_hollow ? 0.4 : 0.85;
      w = f->width + 2.0 * f->dot + size * 0.4;

      /* Where the layout puts it: growing away from the rings, clear of
       * the nodes */
      {
        TissageMapRect box;

        tissage_map_layout_get_sector_label_box (layout, k, w / t->zoom, f->height / t->zoom, &box);
        tissage_map_transform_to_screen (t, box.x, box.y, &f->x, &f->y);
      }
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
      PangoLayout *text = tissage_map_scratch_layout (view, f->text, f->size, f->bold);
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
          text = tissage_map_scratch_layout (view, title, size, TRUE);
          pango_layout_set_width (text, (int) (box * PANGO_SCALE));
          pango_layout_set_height (text, -4);
          pango_layout_set_wrap (text, PANGO_WRAP_WORD);
          pango_layout_set_ellipsize (text, PANGO_ELLIPSIZE_END);
          pango_layout_set_alignment (text, PANGO_ALIGN_CENTER);
          tissage_map_layout_size (text, &w, &h);
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
        line.color = tissage_map_color_pack_rgb (&palette->sector_line);
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

        line.color = tissage_map_color_pack_rgb (&palette->ring_line);
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
      tissage_map_rounded_rect (cr, x0 + gap / 2.0, y0 + gap / 2.0, x1 - x0 - gap, y1 - y0 - gap,
                                MIN (14.0 * layout->unit * t->zoom, 16.0));
      tissage_map_set_source_color (cr, &view->palette.quadrants[q], 1.0);
      cairo_fill (cr);
    }

  furniture = collect_furniture (view, t);
  draw_furniture (view, cr, furniture);
}

/* Boxes the labels must keep clear of: background text and the centre */
void
tissage_map_add_furniture_obstacles (TissageMapView       *view,
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
      tissage_map_occupancy_add (occ, &box);
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
      tissage_map_occupancy_add (occ, &box);

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
          tissage_map_occupancy_add (occ, &box);
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

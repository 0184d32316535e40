/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-map"

#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "tissage-atomic-file.h"
#include "tissage-map-export.h"
#include "tissage-map-view-private.h"
#include "tissage-record.h"
#include "tissage-utils.h"

#define MAX_EXPORT_SIZE 16384
#define A4_WIDTH        841.89
#define A4_HEIGHT       595.28
#define PAGE_MARGIN     32.0

typedef enum
{
  FORMAT_PNG,
  FORMAT_SVG,
  FORMAT_PDF
} Format;

typedef struct
{
  TissageAtomicFile *file;
  GByteArray        *bytes;
  GError            *error;
} Sink;

G_DEFINE_QUARK (tissage-map-error-quark, tissage_map_error)

static cairo_status_t
sink_write (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  Sink *sink = closure;

  if (sink->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;

  if (sink->bytes != NULL)
    {
      g_byte_array_append (sink->bytes, data, length);
      return CAIRO_STATUS_SUCCESS;
    }

  if (!tissage_atomic_file_write (sink->file, data, length, &sink->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

/* @reason: a few words, as the errors of TissageAtomicFile say it */
static void
set_write_error (GError     **error,
                 const char  *path,
                 const char  *reason)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, TISSAGE_MAP_ERROR, TISSAGE_MAP_ERROR_WRITE,
               _("Could not write the map to “%s”: %s"), display, reason);
}

static gboolean
sink_open (Sink        *sink,
           const char  *path,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  sink->file = tissage_atomic_file_new (path, &local_error);
  if (sink->file == NULL)
    {
      set_write_error (error, path, local_error->message);
      return FALSE;
    }

  return TRUE;
}

/* Puts the file in place if @ok; otherwise nothing is left of it and
 * whatever was at @path stays untouched. */
static gboolean
sink_close (Sink        *sink,
            const char  *path,
            gboolean     ok,
            GError     **error)
{
  g_autoptr(TissageAtomicFile) file = g_steal_pointer (&sink->file);
  g_autoptr(GError) local_error = NULL;

  if (file == NULL)
    return ok;

  if (!ok || sink->error != NULL)
    {
      if (sink->error != NULL && (error == NULL || *error == NULL))
        set_write_error (error, path, sink->error->message);
      g_clear_error (&sink->error);
      return FALSE;
    }

  if (!tissage_atomic_file_commit (file, &local_error))
    {
      set_write_error (error, path, local_error->message);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_cairo (cairo_status_t   status,
             Sink            *sink,
             const char      *path,
             GError         **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;

  if (status == CAIRO_STATUS_WRITE_ERROR && sink->error != NULL)
    return FALSE; /* reported by sink_close() */

  if (status == CAIRO_STATUS_NO_MEMORY || status == CAIRO_STATUS_INVALID_SIZE)
    g_set_error_literal (error, TISSAGE_MAP_ERROR, TISSAGE_MAP_ERROR_DRAW,
                         _("Not enough memory to draw the map"));
  else if (status == CAIRO_STATUS_WRITE_ERROR)
    set_write_error (error, path, g_strerror (EIO));
  else
    g_set_error (error, TISSAGE_MAP_ERROR, TISSAGE_MAP_ERROR_DRAW,
                 _("Could not draw the map (%s)"), cairo_status_to_string (status));
  return FALSE;
}

const char *
tissage_map_layout_kind_get_label (TissageMapLayoutKind layout)
{
  switch (layout)
    {
    case TISSAGE_MAP_LAYOUT_RINGS:
      return _("Proximity rings");
    case TISSAGE_MAP_LAYOUT_GRID:
      return _("Influence / interest");
    case TISSAGE_MAP_LAYOUT_FREE:
    default:
      return _("Free layout");
    }
}

void
tissage_map_export_options_init (TissageMapExportOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->width = 1600;
  options->height = 1000;
  options->scale = 1.0;
  options->legend = TRUE;
  options->node_size = TISSAGE_MAP_NODE_SIZE_INFLUENCE;
}

static TissageMapView *
export_view (TissageMapModel               *model,
             TissageMapLayoutKind           layout,
             const TissageMapExportOptions *options,
             double                         text_scale)
{
  TissageMapView *view = tissage_map_view_new ();

  view->whole_labels = TRUE;
  tissage_map_view_set_dark (view, options->dark);
  tissage_map_view_set_node_size (view, options->node_size);
  tissage_map_view_set_text_scale (view, text_scale);
  tissage_map_view_set_model (view, model);
  tissage_map_view_set_layout (view, layout);
  for (guint i = 0; i < options->n_hidden_categories; i++)
    tissage_map_view_set_category_hidden (view, options->hidden_categories[i], TRUE);
  tissage_map_view_set_structure_filter (view, options->structure_filter);
  if (options->highlight != NULL)
    tissage_map_view_set_highlight (view, options->highlight, options->n_highlight);
  return view;
}

static char *
default_subtitle (TissageMapModel               *model,
                  TissageMapLayoutKind           layout,
                  const TissageMapExportOptions *options)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDateTime *date = options->date != NULL ? options->date : now;
  guint n_nodes = tissage_map_model_get_n_nodes (model);
  guint n_edges = tissage_map_model_get_n_edges (model);
  /* Translators: a date as in "12 March 2025", see g_date_time_format() */
  g_autofree char *day = g_date_time_format (date, _("%-d %B %Y"));
  g_autofree char *nodes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u stakeholder", "%u stakeholders",
                                                         n_nodes), n_nodes);
  g_autofree char *edges = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u link", "%u links", n_edges), n_edges);

  return g_strdup_printf ("%s  ·  %s  ·  %s, %s", tissage_map_layout_kind_get_label (layout), day, nodes, edges);
}

/* Title and subtitle at (x, y); returns the height used. */
static double
draw_header (cairo_t                       *cr,
             TissageMapView                *view,
             TissageMapModel               *model,
             TissageMapLayoutKind           layout,
             const TissageMapExportOptions *options,
             double                         x,
             double                         y,
             double                         width,
             double                         title_size)
{
  g_autoptr(PangoLayout) text = pango_cairo_create_layout (cr);
  g_autofree char *subtitle = NULL;
  g_autofree char *shown = NULL;
  PangoFontDescription *font;
  const char *title = options->title;
  PangoRectangle logical;
  double top = y;

  if (title == NULL || *title == '\0')
    title = tissage_map_model_get_title (model);
  if (title == NULL || *title == '\0')
    title = _("Stakeholder map");
  subtitle = options->subtitle != NULL ? g_strdup (options->subtitle) : default_subtitle (model, layout, options);

  pango_layout_set_width (text, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (text, PANGO_ELLIPSIZE_END);

  font = pango_font_description_from_string ("Cantarell, Noto Sans, DejaVu Sans, sans-serif");
  pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_font_description_set_absolute_size (font, title_size * PANGO_SCALE);
  pango_layout_set_font_description (text, font);
  shown = tissage_text_shorten (title, TISSAGE_NAME_MAX_CHARS);
  pango_layout_set_text (text, shown, -1);
  tissage_map_set_source_color (cr, &view->palette.foreground, 1.0);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, text);
  pango_layout_get_pixel_extents (text, NULL, &logical);
  y += logical.height + title_size * 0.2;

  pango_font_description_set_weight (font, PANGO_WEIGHT_NORMAL);
  pango_font_description_set_absolute_size (font, title_size * 0.58 * PANGO_SCALE);
  pango_layout_set_font_description (text, font);
  pango_font_description_free (font);
  pango_layout_set_text (text, subtitle, -1);
  tissage_map_set_source_color (cr, &view->palette.dim_foreground, 1.0);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, text);
  pango_layout_get_pixel_extents (text, NULL, &logical);
  y += logical.height + title_size * 0.5;

  cairo_set_line_width (cr, 1.0);
  tissage_map_set_source_color (cr, &view->palette.card_border, 1.0);
  cairo_move_to (cr, x, floor (y) + 0.5);
  cairo_line_to (cr, x + width, floor (y) + 0.5);
  cairo_stroke (cr);

  return y - top + title_size * 0.6;
}

/* Map, legend on the right, optional header: the PNG and SVG picture */
static void
draw_picture (cairo_t                       *cr,
              TissageMapModel               *model,
              TissageMapLayoutKind           layout,
              const TissageMapExportOptions *options,
              double                         width,
              double                         height,
              double                         text_scale,
              gboolean                       header)
{
  g_autoptr(TissageMapView) view = export_view (model, layout, options, text_scale);
  double top = 0.0, legend_w = 0.0, legend_h = 0.0, map_w, map_h, margin = 16.0 * text_scale;
  double legend_scale = 1.0;
  gboolean legend = options->legend || header;

  cairo_save (cr);
  tissage_map_set_source_color (cr, &view->palette.background, 1.0);
  cairo_paint (cr);

  if (header)
    top = PAGE_MARGIN * 0.9 + draw_header (cr, view, model, layout, options, PAGE_MARGIN, PAGE_MARGIN * 0.9,
                                           width - 2.0 * PAGE_MARGIN, 20.0 * text_scale / 0.8);

  if (legend)
    {
      double avail = height - top - 2.0 * margin;

      tissage_map_view_get_legend_size (view, 230.0 * text_scale, &legend_w, &legend_h);
      if (legend_h > avail && legend_h > 0.0)
        legend_scale = MAX (avail / legend_h, 0.4);
      if (legend_w * legend_scale > width * 0.4)
        legend = FALSE;
    }

  map_w = width - (legend ? legend_w * legend_scale + 2.0 * margin : 0.0) - (header ? PAGE_MARGIN : 0.0);
  map_h = height - top - (header ? PAGE_MARGIN * 0.6 : 0.0);
  map_w = MAX (map_w, 1.0);
  map_h = MAX (map_h, 1.0);

  tissage_map_view_set_size (view, (int) floor (map_w), (int) floor (map_h), 1.0);
  tissage_map_view_fit (view);

  cairo_save (cr);
  cairo_translate (cr, header ? PAGE_MARGIN * 0.5 : 0.0, top);
  cairo_rectangle (cr, 0.0, 0.0, floor (map_w), floor (map_h));
  cairo_clip (cr);
  tissage_map_view_draw (view, cr);
  cairo_restore (cr);

  if (legend)
    {
      cairo_save (cr);
      cairo_translate (cr, width - margin - legend_w * legend_scale, top + margin);
      cairo_scale (cr, legend_scale, legend_scale);
      tissage_map_view_draw_legend (view, cr, 0.0, 0.0, 230.0 * text_scale);
      cairo_restore (cr);
    }

  cairo_restore (cr);
}

/**
 * tissage_map_export_draw:
 *
 * Draws the map and its legend into (@x, @y, @width, @height) of @cr,
 * without a header, at full quality: for a page of the report.
 */
void
tissage_map_export_draw (cairo_t                       *cr,
                         TissageMapModel               *model,
                         TissageMapLayoutKind           layout,
                         const TissageMapExportOptions *options,
                         double                         x,
                         double                         y,
                         double                         width,
                         double                         height,
                         double                         text_scale)
{
  TissageMapExportOptions shown;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (TISSAGE_IS_MAP_MODEL (model));

  if (options == NULL)
    tissage_map_export_options_init (&shown);
  else
    shown = *options;
  shown.legend = TRUE;

  cairo_save (cr);
  cairo_rectangle (cr, x, y, width, height);
  cairo_clip (cr);
  cairo_translate (cr, x, y);
  draw_picture (cr, model, layout, &shown, width, height, text_scale, FALSE);
  cairo_restore (cr);
}

static gboolean
check_size (const TissageMapExportOptions *options,
            GError                       **error)
{
  double scale = options->scale > 0.0 ? options->scale : 1.0;

  if (options->width <= 0 || options->height <= 0 ||
      options->width * scale > MAX_EXPORT_SIZE || options->height * scale > MAX_EXPORT_SIZE)
    {
      g_set_error (error, TISSAGE_MAP_ERROR, TISSAGE_MAP_ERROR_SIZE,
                   _("Cannot draw a map of %d × %d pixels"),
                   (int) (options->width * scale), (int) (options->height * scale));
      return FALSE;
    }
  return TRUE;
}

static gboolean
export_png (Sink                          *sink,
            const char                    *path,
            TissageMapModel               *model,
            TissageMapLayoutKind           layout,
            const TissageMapExportOptions *options,
            GError                       **error)
{
  double scale = options->scale > 0.0 ? options->scale : 1.0;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                        (int) ceil (options->width * scale),
                                        (int) ceil (options->height * scale));
  status = cairo_surface_status (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    {
      cr = cairo_create (surface);
      cairo_scale (cr, scale, scale);
      draw_picture (cr, model, layout, options, options->width, options->height, 1.0, options->title != NULL);
      status = cairo_status (cr);
      cairo_destroy (cr);
      if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_write_to_png_stream (surface, sink_write, sink);
    }
  cairo_surface_destroy (surface);

  return check_cairo (status, sink, path, error);
}

static gboolean
export_vector (Sink                          *sink,
               const char                    *path,
               Format                         format,
               TissageMapModel               *model,
               TissageMapLayoutKind           layout,
               const TissageMapExportOptions *options,
               GError                       **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  if (format == FORMAT_PDF)
    {
      g_autofree char *title = NULL;

      surface = cairo_pdf_surface_create_for_stream (sink_write, sink, A4_WIDTH, A4_HEIGHT);
      title = g_strdup (options->title != NULL ? options->title
                        : tissage_map_model_get_title (model) != NULL ? tissage_map_model_get_title (model)
                        : _("Stakeholder map"));
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Tissage");
    }
  else
    surface = cairo_svg_surface_create_for_stream (sink_write, sink, options->width, options->height);

  status = cairo_surface_status (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    {
      cr = cairo_create (surface);
      if (format == FORMAT_PDF)
        draw_picture (cr, model, layout, options, A4_WIDTH, A4_HEIGHT, 0.72, TRUE);
      else
        draw_picture (cr, model, layout, options, options->width, options->height, 1.0, options->title != NULL);
      cairo_show_page (cr);
      status = cairo_status (cr);
      cairo_destroy (cr);
      cairo_surface_finish (surface);
      if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);

  return check_cairo (status, sink, path, error);
}

static gboolean
export_file (const char                    *path,
             Format                         format,
             TissageMapModel               *model,
             TissageMapLayoutKind           layout,
             const TissageMapExportOptions *options,
             GError                       **error)
{
  TissageMapExportOptions defaults;
  Sink sink = { NULL, NULL, NULL };
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (TISSAGE_IS_MAP_MODEL (model), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    {
      tissage_map_export_options_init (&defaults);
      options = &defaults;
    }
  if (format != FORMAT_PDF && !check_size (options, error))
    return FALSE;

  if (!sink_open (&sink, path, error))
    return FALSE;

  if (format == FORMAT_PNG)
    ok = export_png (&sink, path, model, layout, options, error);
  else
    ok = export_vector (&sink, path, format, model, layout, options, error);

  /* A write error is told by sink_close(), any other by the export. */
  if (!sink_close (&sink, path, ok, error))
    ok = FALSE;
  if (!ok && error != NULL && *error == NULL)
    set_write_error (error, path, g_strerror (EIO));
  return ok;
}

/**
 * tissage_map_export_png:
 * @path: the file to write, replaced only once the image is complete
 * @options: (nullable): size and content, %NULL for the defaults
 *
 * Draws the map at full quality (no cached layers) into a PNG file.
 * Errors are in the TISSAGE_MAP_ERROR domain with a message for the user.
 */
gboolean
tissage_map_export_png (const char                    *path,
                        TissageMapModel               *model,
                        TissageMapLayoutKind           layout,
                        const TissageMapExportOptions *options,
                        GError                       **error)
{
  return export_file (path, FORMAT_PNG, model, layout, options, error);
}

gboolean
tissage_map_export_svg (const char                    *path,
                        TissageMapModel               *model,
                        TissageMapLayoutKind           layout,
                        const TissageMapExportOptions *options,
                        GError                       **error)
{
  return export_file (path, FORMAT_SVG, model, layout, options, error);
}

/* One A4 landscape page: title, subtitle (layout, date, counts), the map
 * and its legend. */
gboolean
tissage_map_export_pdf (const char                    *path,
                        TissageMapModel               *model,
                        TissageMapLayoutKind           layout,
                        const TissageMapExportOptions *options,
                        GError                       **error)
{
  return export_file (path, FORMAT_PDF, model, layout, options, error);
}

/* Picks the format from the extension of @path (.png, .svg or .pdf). */
gboolean
tissage_map_export (const char                    *path,
                    TissageMapModel               *model,
                    TissageMapLayoutKind           layout,
                    const TissageMapExportOptions *options,
                    GError                       **error)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  lower = g_utf8_strdown (path, -1);
  if (g_str_has_suffix (lower, ".png"))
    return export_file (path, FORMAT_PNG, model, layout, options, error);
  if (g_str_has_suffix (lower, ".svg"))
    return export_file (path, FORMAT_SVG, model, layout, options, error);
  if (g_str_has_suffix (lower, ".pdf"))
    return export_file (path, FORMAT_PDF, model, layout, options, error);

  {
    g_autofree char *display = g_filename_display_name (path);

    g_set_error (error, TISSAGE_MAP_ERROR, TISSAGE_MAP_ERROR_FORMAT,
                 _("Unknown map format for “%s”: the name must end in .png, .svg or .pdf"), display);
  }
  return FALSE;
}

/* The PNG in memory, e.g. to put the map in a workbook. */
GBytes *
tissage_map_export_png_bytes (TissageMapModel               *model,
                              TissageMapLayoutKind           layout,
                              const TissageMapExportOptions *options,
                              GError                       **error)
{
  TissageMapExportOptions defaults;
  Sink sink = { NULL, NULL, NULL };

  g_return_val_if_fail (TISSAGE_IS_MAP_MODEL (model), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    {
      tissage_map_export_options_init (&defaults);
      options = &defaults;
    }
  if (!check_size (options, error))
    return NULL;

  sink.bytes = g_byte_array_new ();
  if (!export_png (&sink, "", model, layout, options, error))
    {
      g_byte_array_unref (sink.bytes);
      return NULL;
    }
  return g_byte_array_free_to_bytes (sink.bytes);
}

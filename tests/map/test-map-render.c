/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "map-synthetic.h"
#include "tissage-map.h"
#include "tissage-map-render-private.h"
#include "tissage-map-view-private.h"
#include "tissage-record.h"
#include "tissage-test-utils.h"

static char *tmpdir;

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

/* Pixels within 2 of the colour on each channel */
static guint
count_color (cairo_surface_t *surface,
             const char      *spec)
{
  TissageMapColor c;
  int w = cairo_image_surface_get_width (surface);
  int h = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guchar *data;
  int r, g, b;
  guint n = 0;

  g_assert_true (tissage_map_color_parse (spec, &c));
  r = (int) lround (c.red * 255);
  g = (int) lround (c.green * 255);
  b = (int) lround (c.blue * 255);

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  for (int y = 0; y < h; y++)
    {
      const guint32 *row = (const guint32 *) (gconstpointer) (data + (gsize) y * stride);

      for (int x = 0; x < w; x++)
        {
          guint32 p = row[x];

          if (ABS ((int) ((p >> 16) & 0xff) - r) <= 2 && ABS ((int) ((p >> 8) & 0xff) - g) <= 2 &&
              ABS ((int) (p & 0xff) - b) <= 2)
            n++;
        }
    }
  return n;
}

static guint
count_distinct (cairo_surface_t *surface)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  int w = cairo_image_surface_get_width (surface);
  int h = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guchar *data = cairo_image_surface_get_data (surface);

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 p = ((const guint32 *) (gconstpointer) (data + (gsize) y * stride))[x] & 0xffffff;

        g_hash_table_add (seen, GUINT_TO_POINTER (p + 1));
      }
  return g_hash_table_size (seen);
}

static double
fraction_different (cairo_surface_t *a,
                    cairo_surface_t *b,
                    int              threshold)
{
  int w = cairo_image_surface_get_width (a);
  int h = cairo_image_surface_get_height (a);
  int stride = cairo_image_surface_get_stride (a);
  const guchar *da, *db;
  guint n = 0;

  g_assert_cmpint (w, ==, cairo_image_surface_get_width (b));
  g_assert_cmpint (h, ==, cairo_image_surface_get_height (b));
  cairo_surface_flush (a);
  cairo_surface_flush (b);
  da = cairo_image_surface_get_data (a);
  db = cairo_image_surface_get_data (b);

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 pa = ((const guint32 *) (gconstpointer) (da + (gsize) y * stride))[x];
        guint32 pb = ((const guint32 *) (gconstpointer) (db + (gsize) y * stride))[x];

        for (int shift = 0; shift < 24; shift += 8)
          if (ABS ((int) ((pa >> shift) & 0xff) - (int) ((pb >> shift) & 0xff)) > threshold)
            {
              n++;
              break;
            }
      }
  return (double) n / (w * h);
}

static cairo_surface_t *
load_png (const char *path)
{
  cairo_surface_t *surface = cairo_image_surface_create_from_png (path);

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  return surface;
}

static void
assert_categories_present (TissageMapModel *model,
                           cairo_surface_t *surface)
{
  for (guint c = 0; c < tissage_map_model_get_n_categories (model); c++)
    {
      const TissageMapCategory *category = tissage_map_model_get_category (model, c);
      guint n = count_color (surface, category->color);

      if (n < 30)
        g_error ("category “%s” (%s): only %u pixels of its colour", category->name, category->color, n);
    }
}

static void
test_png_export (void)
{
  g_autoptr(TissageMapModel) model = map_synthetic_example ();

  for (TissageMapLayoutKind kind = TISSAGE_MAP_LAYOUT_RINGS; kind <= TISSAGE_MAP_LAYOUT_FREE; kind++)
    {
      g_autofree char *name = g_strdup_printf ("map-%d.png", kind);
      g_autofree char *path = tmp_path (name);
      g_autoptr(GError) error = NULL;
      TissageMapExportOptions options;
      cairo_surface_t *surface;

      tissage_map_export_options_init (&options);
      options.width = 1200;
      options.height = 800;
      g_assert_true (tissage_map_export_png (path, model, kind, &options, &error));
      g_assert_no_error (error);

      surface = load_png (path);
      g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1200);
      g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 800);
      /* Not blank: a real picture has many colours, and more than plain
       * background */
      g_assert_cmpuint (count_distinct (surface), >, 500);
      g_assert_cmpuint (count_color (surface, "#ffffff"), <, 1200 * 800 * 95 / 100);
      assert_categories_present (model, surface);
      cairo_surface_destroy (surface);
    }
}

static void
test_png_scale (void)
{
  g_autoptr(TissageMapModel) model = map_synthetic_example ();
  g_autofree char *path = tmp_path ("map-hidpi.png");
  g_autoptr(GError) error = NULL;
  TissageMapExportOptions options;
  cairo_surface_t *surface;

  tissage_map_export_options_init (&options);
  options.width = 640;
  options.height = 400;
  options.scale = 2.0;
  options.title = "Réseau du Cœur de ville — été";
  g_assert_true (tissage_map_export (path, model, TISSAGE_MAP_LAYOUT_GRID, &options, &error));
  g_assert_no_error (error);

  surface = load_png (path);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1280);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 800);
  assert_categories_present (model, surface);
  cairo_surface_destroy (surface);
}

static void
test_png_bytes (void)
{
  g_autoptr(TissageMapModel) model = map_synthetic_example ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  TissageMapExportOptions options;
  gsize size;
  const guchar *data;

  tissage_map_export_options_init (&options);
  options.width = 400;
  options.height = 300;
  bytes = tissage_map_export_png_bytes (model, TISSAGE_MAP_LAYOUT_RINGS, &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  data = g_bytes_get_data (bytes, &size);
  g_assert_cmpuint (size, >, 1000);
  g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
}

static cairo_surface_t *
screen_frame (TissageMapView *view)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1200, 800);
  cairo_t *cr = cairo_create (surface);

  tissage_map_view_render (view, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static cairo_surface_t *
fresh_frame (TissageMapView *view)
{
  tissage_map_view_invalidate (view);
  return screen_frame (view);
}

static void
test_screen_render (void)
{
  g_autoptr(TissageMapModel) model = map_synthetic_example ();
  g_autoptr(TissageMapView) view = tissage_map_view_new ();
  cairo_surface_t *frame;

  tissage_map_view_set_model (view, model);
  tissage_map_view_set_size (view, 1200, 800, 1.0);
  tissage_map_view_set_show_legend (view, TRUE);
  tissage_map_view_set_selection (view, 100, 0);
  tissage_map_view_set_hovered_node (view, 120);

  for (TissageMapLayoutKind kind = TISSAGE_MAP_LAYOUT_RINGS; kind <= TISSAGE_MAP_LAYOUT_FREE; kind++)
    {
      tissage_map_view_set_layout (view, kind);
      frame = screen_frame (view);
      assert_categories_present (model, frame);
      g_assert_cmpuint (count_distinct (frame), >, 500);
      /* The selection ring is drawn in the accent colour */
      g_assert_cmpuint (count_color (frame, "#3584e4"), >, 30);
      cairo_surface_destroy (frame);
    }
}

/* The cached layers must give the picture a full redraw gives: a pan that
 * shifts the layer, a drag that lifts a node out of it */
static void
test_cache_consistency (void)
{
  g_autoptr(TissageMapModel) model = map_synthetic_example ();
  g_autoptr(TissageMapView) view = tissage_map_view_new ();
  cairo_surface_t *a, *b;
  TissageMapRect rect;
  TissageMapDrop drop;

  tissage_map_view_set_model (view, model);
  tissage_map_view_set_size (view, 1200, 800, 1.0);
  cairo_surface_destroy (screen_frame (view));

  tissage_map_view_begin_pan (view);
  for (int i = 0; i < 12; i++)
    {
      tissage_map_view_pan_by (view, i < 6 ? 23.4 : -7.7, i < 6 ? -11.2 : 19.6);
      cairo_surface_destroy (screen_frame (view));
    }
  tissage_map_view_end_pan (view);
  a = screen_frame (view);
  b = fresh_frame (view);
  g_assert_cmpfloat (fraction_different (a, b, 40), <, 0.01);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);

  /* Lift a node, move it, put it back where it was */
  g_assert_true (tissage_map_view_get_node_rect (view, 110, &rect));
  g_assert_true (tissage_map_view_begin_drag (view, 110, rect.x + 3.0, rect.y + 3.0));
  for (int i = 0; i < 5; i++)
    {
      tissage_map_view_drag_to (view, rect.x + 3.0 + i * 30.0, rect.y + 3.0 + i * 12.0);
      cairo_surface_destroy (screen_frame (view));
    }
  tissage_map_view_drag_to (view, rect.x + 3.0, rect.y + 3.0);
  g_assert_true (tissage_map_view_end_drag (view, &drop));
  a = screen_frame (view);
  b = fresh_frame (view);
  g_assert_cmpfloat (fraction_different (a, b, 40), <, 0.01);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);

  /* The node moved elsewhere in the free layout: the frame follows */
  tissage_map_view_set_layout (view, TISSAGE_MAP_LAYOUT_FREE);
  cairo_surface_destroy (screen_frame (view));
  g_assert_true (tissage_map_view_get_node_rect (view, 110, &rect));
  g_assert_true (tissage_map_view_begin_drag (view, 110, rect.x + rect.width / 2.0, rect.y + rect.height / 2.0));
  tissage_map_view_drag_to (view, 40.0, 700.0);
  cairo_surface_destroy (screen_frame (view));
  g_assert_true (tissage_map_view_end_drag (view, &drop));
  tissage_map_model_set_node_position (model, 110, drop.x, drop.y);
  a = screen_frame (view);
  g_assert_cmpint (tissage_map_view_node_at (view, 40.0, 700.0), ==, 110);
  b = fresh_frame (view);
  g_assert_cmpfloat (fraction_different (a, b, 40), <, 0.01);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
}

static void
test_zoom_refinement (void)
{
  g_autoptr(TissageMapModel) model = map_synthetic_generate (2000, 6000, 10, 24, 42);
  g_autoptr(TissageMapView) view = tissage_map_view_new ();
  cairo_surface_t *a, *b;
  gboolean interim = FALSE;

  tissage_map_view_set_model (view, model);
  tissage_map_view_set_size (view, 1200, 800, 1.0);
  cairo_surface_destroy (screen_frame (view));

  tissage_map_view_begin_zoom (view);
  for (int i = 0; i < 6; i++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1200, 800);
      cairo_t *cr = cairo_create (surface);

      tissage_map_view_zoom_at (view, 500.0, 300.0, 1.08);
      interim |= !tissage_map_view_render (view, cr);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
  tissage_map_view_end_zoom (view);

  /* Whether or not frames were interim (it depends on the machine's speed),
   * the frame after the zoom is final and the same as a full redraw */
  {
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1200, 800);
    cairo_t *cr = cairo_create (surface);

    g_assert_true (tissage_map_view_render (view, cr));
    cairo_destroy (cr);
    a = surface;
  }
  b = fresh_frame (view);
  g_assert_cmpfloat (fraction_different (a, b, 40), <, 0.001);
  g_test_message ("interim frames while zooming: %s", interim ? "yes" : "no");
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
}

static void
test_filters_and_highlight (void)
{
  g_autoptr(TissageMapModel) model = map_synthetic_example ();
  g_autofree char *path = tmp_path ("map-filtered.png");
  g_autoptr(GError) error = NULL;
  const gint64 hidden[] = { 12 };
  TissageMapExportOptions options;
  cairo_surface_t *surface;
  g_autoptr(GArray) matches = g_array_new (FALSE, FALSE, sizeof (gint64));

  tissage_map_export_options_init (&options);
  options.width = 1000;
  options.height = 700;
  options.legend = FALSE;
  options.hidden_categories = hidden;
  options.n_hidden_categories = 1;
  g_assert_true (tissage_map_export_png (path, model, TISSAGE_MAP_LAYOUT_FREE, &options, &error));
  g_assert_no_error (error);
  surface = load_png (path);
  /* "Collectivités" is hidden, "Structures membres" is not */
  g_assert_cmpuint (count_color (surface, map_synthetic_category_color (2)), <, 5);
  g_assert_cmpuint (count_color (surface, map_synthetic_category_color (0)), >, 100);
  cairo_surface_destroy (surface);

  /* A search for the members: the others fade */
  for (guint i = 0; i < tissage_map_model_get_n_nodes (model); i++)
    if (tissage_map_model_get_node (model, i)->category_id == 10)
      g_array_append_val (matches, tissage_map_model_get_node (model, i)->id);
  options.hidden_categories = NULL;
  options.n_hidden_categories = 0;
  options.highlight = (const gint64 *) (gconstpointer) matches->data;
  options.n_highlight = matches->len;
  g_assert_true (tissage_map_export_png (path, model, TISSAGE_MAP_LAYOUT_FREE, &options, &error));
  surface = load_png (path);
  g_assert_cmpuint (count_color (surface, map_synthetic_category_color (0)), >, 100);
  g_assert_cmpuint (count_color (surface, map_synthetic_category_color (2)), <, 5);
  g_assert_cmpuint (count_color (surface, map_synthetic_category_color (5)), <, 5);
  cairo_surface_destroy (surface);
}

typedef struct
{
  char  *root;
  char  *width;
  guint  n_elements;
} SvgInfo;

static void
svg_start (GMarkupParseContext  *context,
           const char           *element,
           const char          **names,
           const char          **values,
           gpointer              user_data,
           GError              **error)
{
  SvgInfo *info = user_data;

  if (info->root == NULL)
    {
      info->root = g_strdup (element);
      for (guint i = 0; names[i] != NULL; i++)
        if (g_str_equal (names[i], "width"))
          info->width = g_strdup (values[i]);
    }
  info->n_elements++;
}

static void
test_svg_export (void)
{
  g_autoptr(TissageMapModel) model = map_synthetic_example ();
  g_autofree char *path = tmp_path ("map.svg");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  GMarkupParser parser = { svg_start, NULL, NULL, NULL, NULL };
  TissageMapExportOptions options;
  SvgInfo info = { NULL, NULL, 0 };
  g_autofree char *xmllint = g_find_program_in_path ("xmllint");
  gsize length;

  tissage_map_export_options_init (&options);
  options.width = 1100;
  options.height = 700;
  g_assert_true (tissage_map_export_svg (path, model, TISSAGE_MAP_LAYOUT_RINGS, &options, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  context = g_markup_parse_context_new (&parser, 0, &info, NULL);
  g_assert_true (g_markup_parse_context_parse (context, contents, (gssize) length, &error));
  g_assert_no_error (error);
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);

  g_assert_cmpstr (info.root, ==, "svg");
  g_assert_nonnull (info.width);
  g_assert_cmpfloat (g_ascii_strtod (info.width, NULL), ==, 1100.0);
  g_assert_cmpuint (info.n_elements, >, 200);
  g_free (info.root);
  g_free (info.width);

  if (xmllint != NULL)
    {
      const char *argv[] = { xmllint, "--noout", path, NULL };
      int status;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                                   NULL, NULL, &status, &error));
      g_assert_true (g_spawn_check_wait_status (status, NULL));
    }
}

/* The standard output of @tool with up to four arguments, %NULL if the
 * tool is not installed */
static char *
run_tool (const char *tool,
          const char *arg1,
          const char *arg2,
          const char *arg3,
          const char *arg4)
{
  g_autofree char *program = g_find_program_in_path (tool);
  const char *argv[] = { program, arg1, arg2, arg3, arg4, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  if (program == NULL)
    return NULL;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static void
test_pdf_export (void)
{
  g_autoptr(TissageMapModel) model = map_synthetic_example ();
  g_autofree char *path = tmp_path ("map.pdf");
  g_autofree char *contents = NULL;
  g_autofree char *info = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  TissageMapExportOptions options;
  gsize length;
  guint pages = 0;

  tissage_map_export_options_init (&options);
  options.title = "Cœur de l’Œuvre — carte élargie";
  g_assert_true (tissage_map_export_pdf (path, model, TISSAGE_MAP_LAYOUT_RINGS, &options, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  /* Page objects, not the page tree ("/Type /Pages"); the file holds
   * binary streams, so no string functions */
  for (gsize i = 0; i + 12 < length; i++)
    if (memcmp (contents + i, "/Type /Page", 11) == 0 && contents[i + 11] != 's')
      pages++;
  g_assert_cmpuint (pages, ==, 1);

  /* With poppler's tools at hand: one A4 landscape page, and the French
   * text came out as text */
  info = run_tool ("pdfinfo", path, NULL, NULL, NULL);
  if (info != NULL)
    {
      const char *line = strstr (info, "Pages:");

      g_assert_nonnull (line);
      g_assert_cmpint (atoi (line + strlen ("Pages:")), ==, 1);
      g_assert_nonnull (strstr (info, "841.89 x 595.28"));
    }
  text = run_tool ("pdftotext", "-enc", "UTF-8", path, "-");
  if (text != NULL)
    {
      g_assert_nonnull (strstr (text, "Cœur de l’Œuvre"));
      g_assert_nonnull (strstr (text, "Bénévoles et habitants"));
      g_assert_nonnull (strstr (text, "Structures de l’ESS"));
    }
}

static void
test_errors (void)
{
  g_autoptr(TissageMapModel) model = map_synthetic_example ();
  g_autofree char *missing = tmp_path ("no-such-directory");
  const char *names[] = { "map.png", "map.svg", "map.pdf" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (missing, names[i], NULL);
      g_autoptr(GError) error = NULL;

      g_assert_false (tissage_map_export (path, model, TISSAGE_MAP_LAYOUT_RINGS, NULL, &error));
      g_assert_error (error, TISSAGE_MAP_ERROR, TISSAGE_MAP_ERROR_WRITE);
      g_assert_nonnull (strstr (error->message, names[i]));
      /* The missing folder is not made for it (a file in it never could be). */
      g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
    }

  /* A directory in the way */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (tissage_map_export_pdf (tmpdir, model, TISSAGE_MAP_LAYOUT_RINGS, NULL, &error));
    g_assert_error (error, TISSAGE_MAP_ERROR, TISSAGE_MAP_ERROR_WRITE);
    g_assert_true (g_file_test (tmpdir, G_FILE_TEST_IS_DIR));
  }

  /* Unknown extension, impossible size */
  {
    g_autofree char *path = tmp_path ("map.jpg");
    g_autoptr(GError) error = NULL;
    TissageMapExportOptions options;

    g_assert_false (tissage_map_export (path, model, TISSAGE_MAP_LAYOUT_RINGS, NULL, &error));
    g_assert_error (error, TISSAGE_MAP_ERROR, TISSAGE_MAP_ERROR_FORMAT);
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    g_clear_error (&error);

    tissage_map_export_options_init (&options);
    options.width = 0;
    g_assert_false (tissage_map_export_png (path, model, TISSAGE_MAP_LAYOUT_RINGS, &options, &error));
    g_assert_error (error, TISSAGE_MAP_ERROR, TISSAGE_MAP_ERROR_SIZE);
    g_clear_error (&error);
    options.width = 100000;
    options.height = 100000;
    g_assert_false (tissage_map_export_png (path, model, TISSAGE_MAP_LAYOUT_RINGS, &options, &error));
    g_assert_error (error, TISSAGE_MAP_ERROR, TISSAGE_MAP_ERROR_SIZE);
  }

  /* A failed export leaves the previous file as it was */
  {
    g_autofree char *path = tmp_path ("keep.png");
    g_autofree char *contents = NULL;
    g_autoptr(GError) error = NULL;
    TissageMapExportOptions options;

    g_assert_true (g_file_set_contents (path, "previous", -1, NULL));
    tissage_map_export_options_init (&options);
    options.height = -3;
    g_assert_false (tissage_map_export_png (path, model, TISSAGE_MAP_LAYOUT_RINGS, &options, &error));
    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "previous");
  }
}

static const char *export_names[] = { "map.png", "map.svg", "map.pdf" };

static void
assert_format (const char *path,
               const char *name)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  if (g_str_has_suffix (name, ".png"))
    g_assert_cmpint (memcmp (contents, "\x89PNG", 4), ==, 0);
  else if (g_str_has_suffix (name, ".svg"))
    g_assert_nonnull (strstr (contents, "<svg"));
  else
    g_assert_true (g_str_has_prefix (contents, "%PDF"));
}

/* A link at the destination is replaced by the map; what it pointed to
 * is left as it was, and a link to nothing makes nothing appear there. */
static void
test_export_symlink (void)
{
  g_autoptr(TissageMapModel) model = map_synthetic_example ();
  g_autofree char *precious = tmp_path ("precious.txt");
  g_autofree char *nowhere = tmp_path ("nowhere.png");

  g_assert_true (g_file_set_contents (precious, "précieux", -1, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (export_names); i++)
    {
      g_autofree char *link = tmp_path (export_names[i]);
      g_autofree char *contents = NULL;
      g_autoptr(GError) error = NULL;
      GStatBuf st;

      g_unlink (link);
      g_assert_cmpint (symlink (precious, link), ==, 0);

      g_assert_true (tissage_map_export (link, model, TISSAGE_MAP_LAYOUT_RINGS, NULL, &error));
      g_assert_no_error (error);

      g_assert_true (g_file_get_contents (precious, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, "précieux");
      g_assert_cmpint (g_lstat (link, &st), ==, 0);
      g_assert_true (S_ISREG (st.st_mode));
      assert_format (link, export_names[i]);
      g_unlink (link);
    }

  {
    g_autofree char *link = tmp_path ("dangling.png");
    g_autoptr(GError) error = NULL;
    GStatBuf st;

    g_assert_cmpint (symlink (nowhere, link), ==, 0);
    g_assert_true (tissage_map_export_png (link, model, TISSAGE_MAP_LAYOUT_RINGS, NULL, &error));
    g_assert_no_error (error);
    g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
    g_assert_cmpint (g_lstat (link, &st), ==, 0);
    g_assert_true (S_ISREG (st.st_mode));
    g_unlink (link);
  }

  g_unlink (precious);
}

/* The disk refuses the file part way through, as a full one would: the
 * old file stays as it was, a new one does not appear, nothing is left
 * beside them. A limit on the size of files does it for real, in a
 * process of its own. */
static void
test_export_write_failure (void)
{
  g_autoptr(TissageMapModel) model = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *listing = NULL;
  struct rlimit limit = { 2048, RLIM_INFINITY };

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  model = map_synthetic_example ();
  dir = g_dir_make_tmp ("tissage-map-full-XXXXXX", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (export_names); i++)
    {
      g_autofree char *name = g_strconcat ("old-", export_names[i], NULL);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_true (g_file_set_contents (path, "previous", -1, NULL));
    }
  listing = list_folder (dir);

  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (export_names); i++)
    {
      g_autofree char *old_name = g_strconcat ("old-", export_names[i], NULL);
      g_autofree char *old_path = g_build_filename (dir, old_name, NULL);
      g_autofree char *new_path = g_build_filename (dir, export_names[i], NULL);
      g_autofree char *contents = NULL;
      g_autofree char *after = NULL;

      g_assert_false (tissage_map_export (old_path, model, TISSAGE_MAP_LAYOUT_RINGS, NULL, &error));
      g_assert_error (error, TISSAGE_MAP_ERROR, TISSAGE_MAP_ERROR_WRITE);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, old_name));
      g_clear_error (&error);
      g_assert_true (g_file_get_contents (old_path, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, "previous");

      g_assert_false (tissage_map_export (new_path, model, TISSAGE_MAP_LAYOUT_RINGS, NULL, &error));
      g_assert_error (error, TISSAGE_MAP_ERROR, TISSAGE_MAP_ERROR_WRITE);
      g_clear_error (&error);

      after = list_folder (dir);
      g_assert_cmpstr (after, ==, listing);
    }

  limit.rlim_cur = RLIM_INFINITY;
  setrlimit (RLIMIT_FSIZE, &limit);
  for (guint i = 0; i < G_N_ELEMENTS (export_names); i++)
    {
      g_autofree char *name = g_strconcat ("old-", export_names[i], NULL);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

/* A name of 800,000 characters from a file: its label on the map is the
 * start of it and an ellipsis, as wide as any other, and so is the title
 * of the project. */
static void
test_long_label (void)
{
  g_autoptr(TissageMapModel) model = map_synthetic_example ();
  g_autoptr(TissageMapView) view = tissage_map_view_new ();
  g_autofree char *name = g_strnfill (800000, 'W');
  g_autofree char *path = tmp_path ("long-label.pdf");
  g_autoptr(GError) error = NULL;
  const TissageMapLabel *label;
  const char *shown;

  tissage_map_model_set_node_label (model, tissage_map_model_get_node (model, 0)->id, name);
  tissage_map_model_set_title (model, name);
  tissage_map_view_set_model (view, model);
  tissage_map_view_set_size (view, 1200, 800, 1.0);

  label = tissage_map_render_get_label (view, 0);
  g_assert_cmpstr (label->text, ==, name);
  shown = pango_layout_get_text (label->layout);
  g_assert_cmpuint (g_utf8_strlen (shown, -1), <=, TISSAGE_NAME_MAX_CHARS + 1);
  g_assert_true (g_str_has_suffix (shown, "…"));
  g_assert_cmpfloat (label->width, <, 300.0);

  g_assert_true (tissage_map_export_pdf (path, model, TISSAGE_MAP_LAYOUT_RINGS, NULL, &error));
  g_assert_no_error (error);
  g_unlink (path);
}

/* Names on the map: a small node shows the start of a long name, a large
 * node has room for more, and the selected or hovered node shows it whole */
static void
test_full_labels (void)
{
  g_autoptr(TissageMapModel) model = map_synthetic_example ();
  g_autoptr(TissageMapView) view = tissage_map_view_new ();
  const char *medium = "Maison de l'emploi et de la formation du Grand Garonne";
  const char *whole = "Association intercommunale pour l'accompagnement des familles et des jeunes "
                      "des quartiers prioritaires de la rive droite de la Garonne";
  const TissageMapLayout *layout;
  const TissageMapLabel *label;
  int small = -1, large = -1;

  tissage_map_view_set_model (view, model);
  tissage_map_view_set_size (view, 1200, 800, 1.0);
  layout = tissage_map_view_get_layout_data (view);
  for (guint i = 0; i < tissage_map_model_get_n_nodes (model); i++)
    {
      double r = tissage_map_layout_get_radius (layout, i);

      if (r < 8.0 && small < 0)
        small = (int) i;
      if (r >= TISSAGE_MAP_LARGE_NODE_RADIUS && large < 0)
        large = (int) i;
    }
  g_assert_cmpint (small, >=, 0);
  g_assert_cmpint (large, >=, 0);

  tissage_map_model_set_node_label (model, tissage_map_model_get_node (model, (guint) small)->id, medium);
  tissage_map_model_set_node_label (model, tissage_map_model_get_node (model, (guint) large)->id, medium);
  tissage_map_view_get_layout_data (view);

  label = tissage_map_render_get_label (view, (guint) small);
  g_assert_true (pango_layout_is_ellipsized (label->layout));
  label = tissage_map_render_get_label (view, (guint) large);
  g_assert_false (pango_layout_is_ellipsized (label->layout));
  g_assert_cmpint (pango_layout_get_line_count (label->layout), <=, 3);

  tissage_map_model_set_node_label (model, tissage_map_model_get_node (model, (guint) small)->id, whole);
  tissage_map_view_get_layout_data (view);
  label = tissage_map_render_get_full_label (view, (guint) small);
  g_assert_false (pango_layout_is_ellipsized (label->layout));
  g_assert_cmpstr (pango_layout_get_text (label->layout), ==, whole);
  g_assert_cmpfloat (label->width, <=, 240.0);
  /* Asked again, the same one; and the short label still ends in "…" */
  g_assert_true (tissage_map_render_get_full_label (view, (guint) small) == label);
  g_assert_true (pango_layout_is_ellipsized (tissage_map_render_get_label (view, (guint) small)->layout));
}

static void
test_empty_and_odd_models (void)
{
  g_autoptr(TissageMapModel) empty = tissage_map_model_new ();
  g_autoptr(TissageMapModel) odd = tissage_map_model_new ();
  g_autofree char *path = tmp_path ("empty.png");
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageMapView) view = tissage_map_view_new ();
  TissageMapNode node = { 0 };
  cairo_surface_t *surface;

  for (TissageMapLayoutKind kind = TISSAGE_MAP_LAYOUT_RINGS; kind <= TISSAGE_MAP_LAYOUT_FREE; kind++)
    {
      g_assert_true (tissage_map_export_png (path, empty, kind, NULL, &error));
      g_assert_no_error (error);
    }

  /* Without a model, or at no size, the view draws without failing */
  surface = screen_frame (view);
  cairo_surface_destroy (surface);
  tissage_map_view_set_model (view, empty);
  surface = screen_frame (view);
  tissage_map_view_set_size (view, 0, 0, 1.0);
  surface = (cairo_surface_destroy (surface), screen_frame (view));
  cairo_surface_destroy (surface);

  /* A stakeholder of an unknown category, an empty name, one alone */
  node.id = 1;
  node.label = "";
  node.category_id = 404;
  tissage_map_model_add_node (odd, &node);
  tissage_map_model_set_category (odd, 3, "Sans couleur", "pas une couleur");
  node.id = 2;
  node.label = "Seule";
  node.category_id = 3;
  node.proximity = TISSAGE_MAP_PROXIMITY_EXTERNAL;
  tissage_map_model_add_node (odd, &node);
  for (TissageMapLayoutKind kind = TISSAGE_MAP_LAYOUT_RINGS; kind <= TISSAGE_MAP_LAYOUT_FREE; kind++)
    {
      g_assert_true (tissage_map_export_png (path, odd, kind, NULL, &error));
      g_assert_no_error (error);
      surface = load_png (path);
      /* both drawn in grey */
      g_assert_cmpuint (count_color (surface, "#9a9996"), >, 20);
      cairo_surface_destroy (surface);
    }
}

static void
test_dark (void)
{
  g_autoptr(TissageMapModel) model = map_synthetic_example ();
  g_autofree char *path = tmp_path ("dark.png");
  g_autoptr(GError) error = NULL;
  TissageMapExportOptions options;
  cairo_surface_t *surface;

  tissage_map_export_options_init (&options);
  options.width = 900;
  options.height = 600;
  options.dark = TRUE;
  g_assert_true (tissage_map_export_png (path, model, TISSAGE_MAP_LAYOUT_RINGS, &options, &error));
  surface = load_png (path);
  g_assert_cmpuint (count_color (surface, "#1e1e1e"), >, 900 * 600 / 10);
  g_assert_cmpuint (count_color (surface, "#ffffff"), <, 900 * 600 / 100);
  assert_categories_present (model, surface);
  cairo_surface_destroy (surface);
}

static void
test_hidpi_screen (void)
{
  g_autoptr(TissageMapModel) model = map_synthetic_example ();
  g_autoptr(TissageMapView) view = tissage_map_view_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1600, 1000);
  cairo_t *cr = cairo_create (surface);
  TissageMapRect rect;

  /* A scale 2 widget of 800 × 500 logical pixels */
  cairo_scale (cr, 2.0, 2.0);
  tissage_map_view_set_model (view, model);
  tissage_map_view_set_size (view, 800, 500, 2.0);
  g_assert_true (tissage_map_view_render (view, cr));
  cairo_destroy (cr);
  assert_categories_present (model, surface);

  /* A node's rect is in logical pixels: its centre is its colour */
  g_assert_true (tissage_map_view_get_node_rect (view, 108, &rect));
  {
    int x = (int) ((rect.x + rect.width / 2.0) * 2.0), y = (int) ((rect.y + rect.height / 2.0) * 2.0);
    guint32 p = ((guint32 *) (gpointer) (cairo_image_surface_get_data (surface) +
                                          (gsize) y * cairo_image_surface_get_stride (surface)))[x];
    TissageMapColor c;

    tissage_map_color_parse (map_synthetic_category_color (1), &c);
    g_assert_cmpint (ABS ((int) ((p >> 16) & 0xff) - (int) lround (c.red * 255)), <=, 2);
    g_assert_cmpint (ABS ((int) ((p >> 8) & 0xff) - (int) lround (c.green * 255)), <=, 2);
  }
  cairo_surface_destroy (surface);
}

static double
scratch_width (TissageMapView *view,
               const char     *text)
{
  double width, height;

  tissage_map_layout_size (tissage_map_scratch_layout (view, text, 11.0 * 0.6, TRUE), &width, &height);
  return width;
}

/* On paper, a long name is drawn whole: no hovering there to read the
 * rest (« Observatoire régional de l’emploi et de la f… » was cut). */
static void
test_whole_labels_on_paper (void)
{
  g_autoptr(TissageMapModel) model = map_synthetic_example ();
  g_autoptr(TissageMapView) view = tissage_map_view_new ();
  const char *name = "Observatoire régional de l'emploi et de la formation professionnelle de la vallée de la Garonne";
  const TissageMapLabel *label;

  tissage_map_view_set_model (view, model);
  tissage_map_view_set_size (view, 1200, 800, 1.0);
  tissage_map_model_set_node_label (model, tissage_map_model_get_node (model, 0)->id, name);
  tissage_map_view_get_layout_data (view);
  label = tissage_map_render_get_label (view, 0);
  g_assert_true (pango_layout_is_ellipsized (label->layout));

  view->whole_labels = TRUE;
  tissage_map_model_set_node_label (model, tissage_map_model_get_node (model, 0)->id, "x");
  tissage_map_render_get_label (view, 0);
  tissage_map_model_set_node_label (model, tissage_map_model_get_node (model, 0)->id, name);
  label = tissage_map_render_get_label (view, 0);
  g_assert_false (pango_layout_is_ellipsized (label->layout));
}

/* Small bold text, as in the report's legend, keeps its spaces whole:
 * « Parties prenantes », not « Partiesprenantes ». */
static void
test_small_text_spaces (void)
{
  g_autoptr(TissageMapView) view = tissage_map_view_new ();
  double space = scratch_width (view, "Parties prenantes") - scratch_width (view, "Partiesprenantes");

  if (space < 0.18 * 11.0 * 0.6)
    g_error ("a space of %.2f px in bold at %.1f px", space, 11.0 * 0.6);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  tmpdir = g_dir_make_tmp ("tissage-map-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/map/render/png-export", test_png_export);
  g_test_add_func ("/map/render/png-scale", test_png_scale);
  g_test_add_func ("/map/render/png-bytes", test_png_bytes);
  g_test_add_func ("/map/render/svg-export", test_svg_export);
  g_test_add_func ("/map/render/pdf-export", test_pdf_export);
  g_test_add_func ("/map/render/errors", test_errors);
  g_test_add_func ("/map/render/export-symlink", test_export_symlink);
  g_test_add_func ("/map/render/export-write-failure", test_export_write_failure);
  g_test_add_func ("/map/render/long-label", test_long_label);
  g_test_add_func ("/map/render/small-text-spaces", test_small_text_spaces);
  g_test_add_func ("/map/render/whole-labels-on-paper", test_whole_labels_on_paper);
  g_test_add_func ("/map/render/full-labels", test_full_labels);
  g_test_add_func ("/map/render/screen", test_screen_render);
  g_test_add_func ("/map/render/hidpi", test_hidpi_screen);
  g_test_add_func ("/map/render/cache-consistency", test_cache_consistency);
  g_test_add_func ("/map/render/zoom-refinement", test_zoom_refinement);
  g_test_add_func ("/map/render/filters-and-highlight", test_filters_and_highlight);
  g_test_add_func ("/map/render/empty-and-odd", test_empty_and_odd_models);
  g_test_add_func ("/map/render/dark", test_dark);

  status = g_test_run ();

  {
    g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = tmp_path (name);

        g_unlink (path);
      }
    g_rmdir (tmpdir);
  }
  g_free (tmpdir);

  return status;
}

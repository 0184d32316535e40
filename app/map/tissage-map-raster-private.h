/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/*
 * A small software rasterizer for the many thin straight lines of a large
 * map. It writes anti-aliased lines straight into an opaque image surface
 * (CAIRO_FORMAT_RGB24) the map owns, spread over the machine's cores; an
 * order of magnitude faster than stroking thousands of long crossing
 * segments with cairo 1.16. Vector output never goes through here.
 */

typedef struct
{
  float   x0;
  float   y0;
  float   x1;
  float   y1;
  float   width;  /* device pixels */
  guint32 color;  /* 0x00rrggbb */
  guint8  alpha;  /* 0–255 */
  guint8  dash;   /* index in the dash table, 0 for solid */
} TissageRasterLine;

typedef struct
{
  double pattern[4]; /* on, off, on, off; device pixels */
  int    n;
  double total;
} TissageRasterDash;

typedef void (* TissageMapParallelFunc) (guint    job,
                                         gpointer user_data);

void tissage_map_parallel_run  (guint                   n_jobs,
                                TissageMapParallelFunc  func,
                                gpointer                user_data);
guint tissage_map_parallel_get_n_workers (void);

gboolean tissage_map_clip_segment (double  x0,
                                   double  y0,
                                   double  dx,
                                   double  dy,
                                   double  bx0,
                                   double  by0,
                                   double  bx1,
                                   double  by1,
                                   double *t0,
                                   double *t1);

void tissage_map_raster_lines  (cairo_surface_t         *surface,
                                const cairo_rectangle_int_t *clip,
                                const TissageRasterLine *lines,
                                guint                    n_lines,
                                const TissageRasterDash *dashes,
                                guint                    n_dashes);

/* A premultiplied ARGB32 image composited over the layer, top left corner
 * at (x, y) in device pixels */
typedef struct
{
  const guint32 *data;
  int            stride;  /* in pixels */
  int            width;
  int            height;
  int            x;
  int            y;
} TissageRasterSprite;

void tissage_map_raster_sprites (cairo_surface_t             *surface,
                                 const cairo_rectangle_int_t *clip,
                                 const TissageRasterSprite   *sprites,
                                 guint                        n_sprites);

G_END_DECLS

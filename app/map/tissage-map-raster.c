/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-map"

#include "config.h"

#include <math.h>

#include "tissage-map-raster-private.h"

/* Minor coordinates are offset so that fixed-point values stay positive */
#define MINOR_OFFSET 4096

typedef struct
{
  TissageMapParallelFunc func;
  gpointer               user_data;
  guint                  n_jobs;
  gint                   next_job;
  guint                  pending;
  GMutex                 mutex;
  GCond                  cond;
} ParallelRun;

typedef struct
{
  guint32                 *data;
  int                      stride;  /* in pixels */
  const TissageRasterLine *lines;
  guint                    n_lines;
  const TissageRasterDash *dashes;
  guint                    n_dashes;
  int                      x0;
  int                      x1;
  int                      y0;
  int                      y1;
  guint                    n_bands;
} RasterJob;

static GThreadPool *pool;
static guint n_workers;

static void
run_jobs (ParallelRun *run)
{
  for (;;)
    {
      guint job = (guint) g_atomic_int_add (&run->next_job, 1);

      if (job >= run->n_jobs)
        break;
      run->func (job, run->user_data);
    }
}

static void
pool_worker (gpointer data,
             gpointer user_data)
{
  ParallelRun *run = data;

  run_jobs (run);

  g_mutex_lock (&run->mutex);
  if (--run->pending == 0)
    g_cond_signal (&run->cond);
  g_mutex_unlock (&run->mutex);
}

static void
ensure_pool (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      guint n = CLAMP (g_get_num_processors (), 1, 4);

      n_workers = n - 1;
      if (n_workers > 0)
        pool = g_thread_pool_new (pool_worker, NULL, (int) n_workers, FALSE, NULL);
      if (pool == NULL)
        n_workers = 0;
      g_once_init_leave (&initialized, 1);
    }
}

/* Helper threads besides the caller's. */
guint
tissage_map_parallel_get_n_workers (void)
{
  ensure_pool ();
  return n_workers;
}

/*
 * Runs @func for jobs 0 to @n_jobs - 1 on the calling thread and the
 * helper threads, and returns when all are done. Jobs must not depend on
 * each other.
 */
void
tissage_map_parallel_run (guint                  n_jobs,
                          TissageMapParallelFunc func,
                          gpointer               user_data)
{
  ParallelRun run = { 0 };
  guint helpers;

  ensure_pool ();

  if (pool == NULL || n_jobs <= 1)
    {
      for (guint job = 0; job < n_jobs; job++)
        func (job, user_data);
      return;
    }

  run.func = func;
  run.user_data = user_data;
  run.n_jobs = n_jobs;
  g_mutex_init (&run.mutex);
  g_cond_init (&run.cond);

  helpers = MIN (n_workers, n_jobs - 1);
  run.pending = helpers;
  for (guint i = 0; i < helpers; i++)
    g_thread_pool_push (pool, &run, NULL);

  run_jobs (&run);

  g_mutex_lock (&run.mutex);
  while (run.pending > 0)
    g_cond_wait (&run.cond, &run.mutex);
  g_mutex_unlock (&run.mutex);

  g_mutex_clear (&run.mutex);
  g_cond_clear (&run.cond);
}

static inline void
blend (guint32 *pixel,
       guint32  src_rb,
       guint32  src_g,
       guint32  alpha)
{
  guint32 d = *pixel;
  guint32 ia = 256 - alpha;

  *pixel = 0xff000000u |
           (((src_rb * alpha + (d & 0xff00ffu) * ia) >> 8) & 0xff00ffu) |
           (((src_g * alpha + (d & 0x00ff00u) * ia) >> 8) & 0x00ff00u);
}

/* Liang–Barsky: clips the parameter range [*t0, *t1] of p + t·d to the box. */
gboolean
tissage_map_clip_segment (double  x0,
                          double  y0,
                          double  dx,
                          double  dy,
                          double  bx0,
                          double  by0,
                          double  bx1,
                          double  by1,
                          double *t0,
                          double *t1)
{
  double p[4] = { -dx, dx, -dy, dy };
  double q[4] = { x0 - bx0, bx1 - x0, y0 - by0, by1 - y0 };

  for (int i = 0; i < 4; i++)
    {
      if (p[i] == 0.0)
        {
          if (q[i] < 0.0)
            return FALSE;
          continue;
        }
      else
        {
          double r = q[i] / p[i];

          if (p[i] < 0.0)
            {
              if (r > *t1)
                return FALSE;
              if (r > *t0)
                *t0 = r;
            }
          else
            {
              if (r < *t0)
                return FALSE;
              if (r < *t1)
                *t1 = r;
            }
        }
    }

  return *t0 <= *t1;
}

static void
raster_line (const RasterJob         *job,
             int                      cx0,
             int                      cy0,
             int                      cx1,
             int                      cy1,
             const TissageRasterLine *line)
{
  const TissageRasterDash *dash = NULL;
  double x0 = line->x0, y0 = line->y0;
  double dx = line->x1 - line->x0, dy = line->y1 - line->y0;
  double width = line->width, margin = width + 2.0;
  double t0 = 0.0, t1 = 1.0;
  double u0, du, v0, dv, slope, thickness, intensity, length_per_u;
  double ua, ub;
  gboolean x_major;
  int u_first, u_last, v_min, v_max, step_u, step_v;
  gint64 v_fixed, slope_fixed, thick_fixed;
  double dash_pos = 0.0, dash_step = 0.0, dash_on_end = 0.0, dash_off_end = 0.0, dash_on2_end = 0.0;
  guint32 src_rb = line->color & 0xff00ffu, src_g = line->color & 0x00ff00u;
  guint32 base_alpha;

  if (line->dash > 0 && line->dash < job->n_dashes && job->dashes[line->dash].n > 0)
    dash = &job->dashes[line->dash];

  if (!tissage_map_clip_segment (x0, y0, dx, dy, cx0 - margin, cy0 - margin, cx1 + margin, cy1 + margin, &t0, &t1))
    return;

  x_major = fabs (dx) >= fabs (dy);
  if (x_major)
    {
      u0 = x0;
      du = dx;
      v0 = y0;
      dv = dy;
      step_u = 1;
      step_v = job->stride;
      v_min = cy0;
      v_max = cy1;
    }
  else
    {
      u0 = y0;
      du = dy;
      v0 = x0;
      dv = dx;
      step_u = job->stride;
      step_v = 1;
      v_min = cx0;
      v_max = cx1;
    }

  if (fabs (du) < 1e-6)
    return;

  slope = dv / du;
  length_per_u = sqrt (1.0 + slope * slope);
  thickness = width * length_per_u;
  intensity = line->alpha / 255.0;
  if (thickness < 1.0)
    {
      /* Thinner than a pixel: a one pixel band, fainter */
      intensity *= thickness;
      thickness = 1.0;
    }
  base_alpha = (guint32) CLAMP (intensity * 256.0 + 0.5, 0.0, 256.0);
  if (base_alpha == 0)
    return;

  ua = u0 + t0 * du;
  ub = u0 + t1 * du;
  if (ua > ub)
    {
      double tmp = ua;

      ua = ub;
      ub = tmp;
    }

  u_first = (int) floor (ua);
  u_last = (int) floor (ub);
  if (x_major)
    {
      u_first = MAX (u_first, cx0);
      u_last = MIN (u_last, cx1 - 1);
    }
  else
    {
      u_first = MAX (u_first, cy0);
      u_last = MIN (u_last, cy1 - 1);
    }
  if (u_first > u_last)
    return;

  slope_fixed = (gint64) llround (slope * 65536.0);
  thick_fixed = (gint64) llround (thickness * 65536.0);
  v_fixed = (gint64) llround ((v0 + ((u_first + 0.5) - u0) * slope - thickness / 2.0 + MINOR_OFFSET) * 65536.0);

  if (dash != NULL)
    {
      /* Distance along the line from its start, stepped column by column */
      double along = fabs ((u_first + 0.5) - u0) * length_per_u;

      dash_step = ((u_first + 0.5) >= u0 ? 1.0 : -1.0) * length_per_u;
      dash_pos = fmod (along, dash->total);
      dash_on_end = dash->pattern[0];
      dash_off_end = dash->n > 2 ? dash->pattern[0] + dash->pattern[1] : dash->total;
      dash_on2_end = dash->n > 2 ? dash_off_end + dash->pattern[2] : dash->total;
    }

  for (int u = u_first; u <= u_last; u++, v_fixed += slope_fixed)
    {
      guint32 alpha = base_alpha;
      gint64 lo = v_fixed, hi = v_fixed + thick_fixed;
      int v_lo, v_hi, v_end;
      guint32 *column;

      if (dash != NULL)
        {
          gboolean on = dash_pos < dash_on_end || (dash_pos >= dash_off_end && dash_pos < dash_on2_end);

          dash_pos += dash_step;
          if (dash_pos >= dash->total)
            dash_pos -= dash->total;
          else if (dash_pos < 0.0)
            dash_pos += dash->total;
          if (!on)
            continue;
        }

      /* The end columns of the segment are partly covered */
      if (u == u_first || u == u_last)
        {
          double cover = MIN ((double) u + 1.0, ub) - MAX ((double) u, ua);

          if (cover <= 0.0)
            continue;
          if (cover < 1.0)
            alpha = (guint32) (alpha * cover);
        }

      v_lo = (int) (lo >> 16) - MINOR_OFFSET;
      v_hi = (int) ((hi - 1) >> 16) - MINOR_OFFSET;
      if (v_hi < v_min || v_lo >= v_max)
        continue;

      column = job->data + (gsize) u * step_u;
      v_end = MIN (v_hi, v_max - 1);
      for (int v = MAX (v_lo, v_min); v <= v_end; v++)
        {
          gint64 pixel_lo = ((gint64) (v + MINOR_OFFSET)) << 16;
          gint64 cover = MIN (hi, pixel_lo + 65536) - MAX (lo, pixel_lo);
          guint32 a = (guint32) ((alpha * (guint64) cover) >> 16);

          if (a > 0)
            blend (column + (gsize) v * step_v, src_rb, src_g, a);
        }
    }
}

static void
raster_band (guint    band,
             gpointer user_data)
{
  const RasterJob *job = user_data;
  int height = job->y1 - job->y0;
  int y0 = job->y0 + (int) ((gint64) height * band / job->n_bands);
  int y1 = job->y0 + (int) ((gint64) height * (band + 1) / job->n_bands);

  if (y1 <= y0)
    return;

  for (guint i = 0; i < job->n_lines; i++)
    raster_line (job, job->x0, y0, job->x1, y1, &job->lines[i]);
}

/*
 * Draws @lines, in device pixels, into @surface (an image surface in
 * CAIRO_FORMAT_RGB24 or an opaque CAIRO_FORMAT_ARGB32), inside @clip.
 * Each line blends over what is there, so the order of the lines only
 * matters where they cross.
 */
void
tissage_map_raster_lines (cairo_surface_t             *surface,
                          const cairo_rectangle_int_t *clip,
                          const TissageRasterLine     *lines,
                          guint                        n_lines,
                          const TissageRasterDash     *dashes,
                          guint                        n_dashes)
{
  RasterJob job;
  int width, height;

  g_return_if_fail (surface != NULL);
  g_return_if_fail (cairo_surface_get_type (surface) == CAIRO_SURFACE_TYPE_IMAGE);

  if (n_lines == 0)
    return;

  cairo_surface_flush (surface);
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);

  job.data = (guint32 *) (gpointer) cairo_image_surface_get_data (surface);
  job.stride = cairo_image_surface_get_stride (surface) / 4;
  job.lines = lines;
  job.n_lines = n_lines;
  job.dashes = dashes;
  job.n_dashes = n_dashes;
  job.x0 = 0;
  job.y0 = 0;
  job.x1 = width;
  job.y1 = height;
  if (clip != NULL)
    {
      job.x0 = CLAMP (clip->x, 0, width);
      job.y0 = CLAMP (clip->y, 0, height);
      job.x1 = CLAMP (clip->x + clip->width, job.x0, width);
      job.y1 = CLAMP (clip->y + clip->height, job.y0, height);
    }
  if (job.data == NULL || job.x1 <= job.x0 || job.y1 <= job.y0)
    return;

  /* A few bands per thread, handed out to whichever thread is free */
  job.n_bands = (guint) CLAMP ((job.y1 - job.y0) / 48, 1, 4 * ((int) tissage_map_parallel_get_n_workers () + 1));

  tissage_map_parallel_run (job.n_bands, raster_band, &job);

  cairo_surface_mark_dirty_rectangle (surface, job.x0, job.y0, job.x1 - job.x0, job.y1 - job.y0);
}

typedef struct
{
  guint32                   *data;
  int                        stride;
  const TissageRasterSprite *sprites;
  guint                      n_sprites;
  int                        x0;
  int                        x1;
  int                        y0;
  int                        y1;
  guint                      n_bands;
} SpriteJob;

static void
sprite_band (guint    band,
             gpointer user_data)
{
  const SpriteJob *job = user_data;
  int height = job->y1 - job->y0;
  int by0 = job->y0 + (int) ((gint64) height * band / job->n_bands);
  int by1 = job->y0 + (int) ((gint64) height * (band + 1) / job->n_bands);

  for (guint k = 0; k < job->n_sprites; k++)
    {
      const TissageRasterSprite *sprite = &job->sprites[k];
      int y0 = MAX (sprite->y, by0), y1 = MIN (sprite->y + sprite->height, by1);
      int x0 = MAX (sprite->x, job->x0), x1 = MIN (sprite->x + sprite->width, job->x1);

      for (int y = y0; y < y1; y++)
        {
          const guint32 *src = sprite->data + (gsize) (y - sprite->y) * sprite->stride + (x0 - sprite->x);
          guint32 *dst = job->data + (gsize) y * job->stride + x0;

          for (int x = x0; x < x1; x++, src++, dst++)
            {
              guint32 s = *src, sa = s >> 24, d, ia;

              if (sa == 0)
                continue;
              if (sa == 255)
                {
                  *dst = s;
                  continue;
                }
              /* premultiplied over: d × (255 - sa) / 255 + s, per channel */
              d = *dst;
              ia = 255 - sa;
              {
                guint32 rb = (d & 0xff00ffu) * ia + 0x800080u;
                guint32 g = (d & 0x00ff00u) * ia + 0x008000u;

                rb = ((rb + ((rb >> 8) & 0xff00ffu)) >> 8) & 0xff00ffu;
                g = ((g + ((g >> 8) & 0x00ff00u)) >> 8) & 0x00ff00u;
                *dst = 0xff000000u | ((rb + (s & 0xff00ffu)) & 0xff00ffu) | ((g + (s & 0x00ff00u)) & 0x00ff00u);
              }
            }
        }
    }
}

/*
 * Composites @sprites in order over @surface (opaque, as for
 * tissage_map_raster_lines()), inside @clip.
 */
void
tissage_map_raster_sprites (cairo_surface_t             *surface,
                            const cairo_rectangle_int_t *clip,
                            const TissageRasterSprite   *sprites,
                            guint                        n_sprites)
{
  SpriteJob job;
  int width, height;

  g_return_if_fail (surface != NULL);
  g_return_if_fail (cairo_surface_get_type (surface) == CAIRO_SURFACE_TYPE_IMAGE);

  if (n_sprites == 0)
    return;

  cairo_surface_flush (surface);
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);

  job.data = (guint32 *) (gpointer) cairo_image_surface_get_data (surface);
  job.stride = cairo_image_surface_get_stride (surface) / 4;
  job.sprites = sprites;
  job.n_sprites = n_sprites;
  job.x0 = 0;
  job.y0 = 0;
  job.x1 = width;
  job.y1 = height;
  if (clip != NULL)
    {
      job.x0 = CLAMP (clip->x, 0, width);
      job.y0 = CLAMP (clip->y, 0, height);
      job.x1 = CLAMP (clip->x + clip->width, job.x0, width);
      job.y1 = CLAMP (clip->y + clip->height, job.y0, height);
    }
  if (job.data == NULL || job.x1 <= job.x0 || job.y1 <= job.y0)
    return;

  job.n_bands = (guint) CLAMP ((job.y1 - job.y0) / 48, 1, 4 * ((int) tissage_map_parallel_get_n_workers () + 1));
  tissage_map_parallel_run (job.n_bands, sprite_band, &job);

  cairo_surface_mark_dirty_rectangle (surface, job.x0, job.y0, job.x1 - job.x0, job.y1 - job.y0);
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-chart"

#include "config.h"

#include <math.h>

#include "tissage-chart-render.h"

#define TREND_PADDING 5.0

TissageReach
tissage_reach_from_progress (double progress)
{
  if (isnan (progress))
    return TISSAGE_REACH_NONE;
  if (progress >= 1.0 - 1e-9)
    return TISSAGE_REACH_REACHED;
  if (progress >= 0.5)
    return TISSAGE_REACH_HALFWAY;
  return TISSAGE_REACH_FAR;
}

void
tissage_reach_get_rgb (TissageReach       reach,
                       gboolean           dark,
                       TissageChartColor *color)
{
  /* GNOME palette: blue, red, orange and green, a shade lighter on a
   * dark window so that they keep their contrast. */
  static const guint32 light[] = { 0x3584e4, 0xe01b24, 0xe66100, 0x26a269 };
  static const guint32 night[] = { 0x62a0ea, 0xf66151, 0xffa348, 0x57e389 };
  guint32 rgb;

  g_return_if_fail (reach <= TISSAGE_REACH_REACHED);

  rgb = dark ? night[reach] : light[reach];
  color->red = ((rgb >> 16) & 0xff) / 255.0;
  color->green = ((rgb >> 8) & 0xff) / 255.0;
  color->blue = (rgb & 0xff) / 255.0;
  color->alpha = 1.0;
}

static void
set_source (cairo_t                 *cr,
            const TissageChartColor *color,
            double                   alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static void
rounded_rectangle (cairo_t *cr,
                   double   x,
                   double   y,
                   double   width,
                   double   height)
{
  double r = MIN (height / 2, width / 2);

  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + width - r, y + height - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + height - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

void
tissage_chart_draw_bar (cairo_t                 *cr,
                        double                   x,
                        double                   y,
                        double                   width,
                        double                   height,
                        double                   bar_height,
                        double                   value,
                        double                   baseline,
                        double                   target,
                        TissageDirection         direction,
                        const TissageChartColor *fg,
                        gboolean                 dark)
{
  double rate = tissage_indicator_achievement (value, baseline, target, direction).rate;
  double overhang = bar_height * TISSAGE_CHART_MARK_OVERHANG / TISSAGE_CHART_BAR_HEIGHT;
  double top = y + (height - bar_height) / 2;
  double scale;
  TissageChartColor fill;

  if (width <= 2 * overhang || height <= 0)
    return;

  tissage_reach_get_rgb (isnan (value) ? TISSAGE_REACH_NONE : tissage_reach_from_progress (rate), dark, &fill);

  /* The bar is the way to the target, from the baseline where the rate
   * is measured from it: it fills as far as the rate of achievement,
   * the target's mark standing at its end, or within it once passed. A
   * value gone back behind its baseline leaves it empty. The last units
   * keep room for the target's mark. */
  scale = isnan (rate) ? 1 : MAX (rate, 1);
  width -= 2 * bar_height / TISSAGE_CHART_BAR_HEIGHT;

  cairo_save (cr);
  set_source (cr, fg, 0.12);
  rounded_rectangle (cr, x, top, width, bar_height);
  cairo_fill (cr);

  if (rate > 0)
    {
      double w = MAX (bar_height, width * rate / scale);

      set_source (cr, &fill, 1.0);
      rounded_rectangle (cr, x, top, w, bar_height);
      cairo_fill (cr);
    }

  if (!isnan (target))
    {
      double mark = CLAMP (round (width / scale), 1, width);

      set_source (cr, fg, 0.9);
      cairo_set_line_width (cr, 2 * bar_height / TISSAGE_CHART_BAR_HEIGHT);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_move_to (cr, x + mark, top - overhang);
      cairo_line_to (cr, x + mark, top + bar_height + overhang);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

void
tissage_chart_draw_trend (cairo_t                 *cr,
                          double                   x,
                          double                   y,
                          double                   width,
                          double                   height,
                          double                   scale,
                          const double            *values,
                          guint                    n,
                          guint                    current,
                          double                   baseline,
                          double                   target,
                          TissageDirection         direction,
                          const TissageChartColor *fg,
                          gboolean                 dark)
{
  double low = INFINITY, high = -INFINITY, step;
  double padding = TREND_PADDING * scale;
  guint shown = 0;
  gboolean drawing = FALSE;

  for (guint i = 0; i < n; i++)
    if (!isnan (values[i]))
      {
        low = MIN (low, values[i]);
        high = MAX (high, values[i]);
        shown++;
      }
  if (shown == 0 || width <= 2 * padding || height <= 2 * padding)
    return;

  if (!isnan (target))
    {
      low = MIN (low, target);
      high = MAX (high, target);
    }
  /* The range of the values and the target, with a margin: a sparkline
   * shows the direction, the bar beside it shows the size. */
  if (high - low < 1e-9)
    {
      low -= 1;
      high += 1;
    }
  else
    {
      double margin = (high - low) * 0.15;

      low -= margin;
      high += margin;
    }

  step = n > 1 ? (width - 2 * padding) / (n - 1) : 0;

#define X(i) (x + (n > 1 ? padding + (i) * step : width / 2))
#define Y(v) (y + height - padding - ((v) - low) / (high - low) * (height - 2 * padding))

  cairo_save (cr);
  if (!isnan (target))
    {
      double dash[] = { 3 * scale, 3 * scale };

      set_source (cr, fg, 0.4);
      cairo_set_line_width (cr, scale);
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      cairo_move_to (cr, x + padding, round (Y (target)) + 0.5 * scale);
      cairo_line_to (cr, x + width - padding, round (Y (target)) + 0.5 * scale);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  set_source (cr, fg, 0.55);
  cairo_set_line_width (cr, 1.5 * scale);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < n; i++)
    {
      double v = values[i];

      /* A period without a value breaks the line. */
      if (isnan (v))
        drawing = FALSE;
      else if (drawing)
        cairo_line_to (cr, X (i), Y (v));
      else
        {
          cairo_move_to (cr, X (i), Y (v));
          drawing = TRUE;
        }
    }
  cairo_stroke (cr);

  for (guint i = 0; i < n; i++)
    {
      double v = values[i];
      TissageChartColor color;

      if (isnan (v))
        continue;
      tissage_reach_get_rgb (tissage_reach_from_progress (tissage_indicator_achievement (v, baseline, target, direction).rate),
                             dark, &color);
      set_source (cr, &color, 1.0);
      cairo_arc (cr, X (i), Y (v), (i == current ? 4.0 : 2.5) * scale, 0, 2 * G_PI);
      cairo_fill (cr);
    }
  cairo_restore (cr);

#undef X
#undef Y
}

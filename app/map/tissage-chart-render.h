/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "tissage-referentiel.h"

G_BEGIN_DECLS

/*
 * The indicator bar and the trend line, drawn onto any cairo_t: the same
 * code draws the Synthèse's widgets and the pages of the report.
 */

/* How far an indicator has come, as the dashboard colours it. */
typedef enum {
  TISSAGE_REACH_NONE,      /* no value or no target */
  TISSAGE_REACH_FAR,       /* under half of the way */
  TISSAGE_REACH_HALFWAY,   /* half of the way or more */
  TISSAGE_REACH_REACHED,
} TissageReach;

typedef struct {
  double red, green, blue, alpha;
} TissageChartColor;

TissageReach tissage_reach_from_progress (double             progress);
/* The palette's colour of @reach, readable on a light or a dark window. */
void         tissage_reach_get_rgb       (TissageReach       reach,
                                          gboolean           dark,
                                          TissageChartColor *color);

#define TISSAGE_CHART_BAR_HEIGHT    10.0
#define TISSAGE_CHART_MARK_OVERHANG 4.0

/* The bar in (@x, @y, @width, @height): the way to the target, filled as
 * far as the rate of achievement, the target's mark across it; @fg is the
 * text colour the track and the mark are shaded from, @bar_height the
 * thickness of the bar (centred in @height). */
void         tissage_chart_draw_bar      (cairo_t                 *cr,
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
                                          gboolean                 dark);

/* The values of the periods (NaN where none) as a line with a dot each,
 * coloured by how far it went, the target as a dashed line; @current
 * gets the larger dot. Nothing is drawn without a value. @scale makes
 * the lines and dots thicker or thinner (1 on screen). */
void         tissage_chart_draw_trend    (cairo_t                 *cr,
                                          double                   x,
                                          double                   y,
                                          double                   width,
                                          double                   height,
                                          double                   scale,
                                          const double            *values,
                                          guint                    n_values,
                                          guint                    current,
                                          double                   baseline,
                                          double                   target,
                                          TissageDirection         direction,
                                          const TissageChartColor *fg,
                                          gboolean                 dark);

G_END_DECLS

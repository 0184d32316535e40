/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-synthesis"

#include "config.h"

#include <math.h>

#include "tissage-indicator-bar.h"
#include "tissage-referentiel.h"
#include "tissage-widget-utils.h"
#include "tissage-trend-chart.h"

#define PADDING 5.0

struct _TissageTrendChart
{
  GtkWidget  parent_instance;

  GArray    *values;    /* double, one per period */
  guint      current;
  double     baseline;
  double     target;
  TissageDirection direction;
};

G_DEFINE_FINAL_TYPE (TissageTrendChart, tissage_trend_chart, GTK_TYPE_WIDGET)

static void
tissage_trend_chart_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  TissageTrendChart *self = TISSAGE_TREND_CHART (widget);
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  TissageChartColor fg;
  GdkRGBA color;
  cairo_t *cr;

  if (tissage_trend_chart_get_n_points (self) == 0 || width <= 2 * PADDING || height <= 2 * PADDING)
    return;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  fg = (TissageChartColor) { color.red, color.green, color.blue, color.alpha };

  /* The same line as the report's. */
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  tissage_chart_draw_trend (cr, 0, 0, width, height, 1.0, (const double *) self->values->data, self->values->len,
                            self->current, self->baseline, self->target, self->direction, &fg, dark);
  cairo_destroy (cr);
}

static void
tissage_trend_chart_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 64;
      *natural = 128;
    }
  else
    *minimum = *natural = 40;
}

static void
tissage_trend_chart_finalize (GObject *object)
{
  TissageTrendChart *self = TISSAGE_TREND_CHART (object);

  g_clear_pointer (&self->values, g_array_unref);

  G_OBJECT_CLASS (tissage_trend_chart_parent_class)->finalize (object);
}

static void
tissage_trend_chart_class_init (TissageTrendChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = tissage_trend_chart_finalize;
  widget_class->snapshot = tissage_trend_chart_snapshot;
  widget_class->measure = tissage_trend_chart_measure;
  gtk_widget_class_set_css_name (widget_class, "trend-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
tissage_trend_chart_init (TissageTrendChart *self)
{
  self->values = g_array_new (FALSE, FALSE, sizeof (double));
  self->baseline = self->target = NAN;
  tissage_widget_redraw_on_dark_change (GTK_WIDGET (self));
}

GtkWidget *
tissage_trend_chart_new (void)
{
  return g_object_new (TISSAGE_TYPE_TREND_CHART, NULL);
}

void
tissage_trend_chart_set_points (TissageTrendChart *self,
                                const double      *values,
                                guint              n_values,
                                guint              current,
                                double             baseline,
                                double             target,
                                TissageDirection   direction)
{
  g_return_if_fail (TISSAGE_IS_TREND_CHART (self));
  g_return_if_fail (values != NULL || n_values == 0);

  g_array_set_size (self->values, 0);
  g_array_append_vals (self->values, values, n_values);
  self->current = current;
  self->baseline = baseline;
  self->target = target;
  self->direction = direction;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
tissage_trend_chart_get_n_points (TissageTrendChart *self)
{
  guint n = 0;

  g_return_val_if_fail (TISSAGE_IS_TREND_CHART (self), 0);

  for (guint i = 0; i < self->values->len; i++)
    n += !isnan (g_array_index (self->values, double, i));
  return n;
}

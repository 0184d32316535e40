/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-synthesis"

#include "config.h"

#include <math.h>

#include "tissage-indicator-bar.h"
#include "tissage-referentiel.h"
#include "tissage-widget-utils.h"

#define BAR_HEIGHT TISSAGE_CHART_BAR_HEIGHT
#define MARK_OVERHANG TISSAGE_CHART_MARK_OVERHANG

struct _TissageIndicatorBar
{
  GtkWidget parent_instance;

  double    value;
  double    baseline;
  double    target;
  TissageDirection direction;
};

G_DEFINE_FINAL_TYPE (TissageIndicatorBar, tissage_indicator_bar, GTK_TYPE_WIDGET)

void
tissage_reach_get_color (TissageReach  reach,
                         gboolean      dark,
                         GdkRGBA      *color)
{
  TissageChartColor rgb;

  g_return_if_fail (reach <= TISSAGE_REACH_REACHED);

  tissage_reach_get_rgb (reach, dark, &rgb);
  color->red = rgb.red;
  color->green = rgb.green;
  color->blue = rgb.blue;
  color->alpha = rgb.alpha;
}

/* The rate of achievement, as the core gives it to every screen. */
static TissageAchievement
achievement (TissageIndicatorBar *self)
{
  return tissage_indicator_achievement (self->value, self->baseline, self->target, self->direction);
}

double
tissage_indicator_bar_get_fraction (TissageIndicatorBar *self)
{
  g_return_val_if_fail (TISSAGE_IS_INDICATOR_BAR (self), NAN);

  return achievement (self).rate;
}

static void
tissage_indicator_bar_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  TissageIndicatorBar *self = TISSAGE_INDICATOR_BAR (widget);
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  TissageChartColor fg;
  GdkRGBA color;
  cairo_t *cr;

  if (width <= 2 * MARK_OVERHANG || height <= 0)
    return;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  fg = (TissageChartColor) { color.red, color.green, color.blue, color.alpha };

  /* The same bar as the report's. */
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  tissage_chart_draw_bar (cr, 0, 0, width, height, BAR_HEIGHT, self->value, self->baseline, self->target,
                          self->direction, &fg, dark);
  cairo_destroy (cr);
}

static void
tissage_indicator_bar_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 80;
      *natural = 240;
    }
  else
    *minimum = *natural = (int) (BAR_HEIGHT + 2 * MARK_OVERHANG + 4);
}

static void
tissage_indicator_bar_class_init (TissageIndicatorBarClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->snapshot = tissage_indicator_bar_snapshot;
  widget_class->measure = tissage_indicator_bar_measure;
  gtk_widget_class_set_css_name (widget_class, "indicator-bar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PROGRESS_BAR);
}

static void
tissage_indicator_bar_init (TissageIndicatorBar *self)
{
  self->value = self->baseline = self->target = NAN;
  tissage_widget_redraw_on_dark_change (GTK_WIDGET (self));
}

GtkWidget *
tissage_indicator_bar_new (void)
{
  return g_object_new (TISSAGE_TYPE_INDICATOR_BAR, NULL);
}

void
tissage_indicator_bar_set_values (TissageIndicatorBar *self,
                                  double               value,
                                  double               baseline,
                                  double               target,
                                  TissageDirection     direction)
{
  TissageAchievement reached;
  g_autofree char *text = NULL;

  g_return_if_fail (TISSAGE_IS_INDICATOR_BAR (self));

  self->value = value;
  self->baseline = baseline;
  self->target = target;
  self->direction = direction;

  /* The rate in words, for the pointer and screen readers; GTK refuses a
   * non-finite value with a critical. */
  reached = achievement (self);
  text = tissage_achievement_describe (&reached);
  /* A value from a received file may be finite and its percentage not. */
  if (isfinite (100 * reached.rate))
    gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0,
                                    GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, 100.0,
                                    GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, round (100 * reached.rate),
                                    GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT);
  tissage_widget_set_tooltip_quietly (GTK_WIDGET (self), text);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

TissageReach
tissage_indicator_bar_get_reach (TissageIndicatorBar *self)
{
  g_return_val_if_fail (TISSAGE_IS_INDICATOR_BAR (self), TISSAGE_REACH_NONE);

  if (isnan (self->value))
    return TISSAGE_REACH_NONE;
  return tissage_reach_from_progress (achievement (self).rate);
}

double
tissage_indicator_bar_get_value (TissageIndicatorBar *self)
{
  g_return_val_if_fail (TISSAGE_IS_INDICATOR_BAR (self), NAN);

  return self->value;
}

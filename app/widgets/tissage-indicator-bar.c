/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-synthesis"

#include "config.h"

#include <math.h>

#include "tissage-indicator-bar.h"
#include "tissage-referentiel.h"
#include "tissage-widget-utils.h"

#define BAR_HEIGHT 10.0
#define MARK_OVERHANG 4.0

struct _TissageIndicatorBar
{
  GtkWidget parent_instance;

  double    value;
  double    baseline;
  double    target;
  TissageDirection direction;
};

G_DEFINE_FINAL_TYPE (TissageIndicatorBar, tissage_indicator_bar, GTK_TYPE_WIDGET)

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
tissage_reach_get_color (TissageReach  reach,
                         gboolean      dark,
                         GdkRGBA      *color)
{
  /* GNOME palette: green, yellow-orange, red and blue, a shade lighter
   * on a dark window so that they keep their contrast. */
  static const char * const light[] = { "#3584e4", "#e01b24", "#e66100", "#26a269" };
  static const char * const night[] = { "#62a0ea", "#f66151", "#ffa348", "#57e389" };

  g_return_if_fail (reach <= TISSAGE_REACH_REACHED);

  gdk_rgba_parse (color, dark ? night[reach] : light[reach]);
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
  double top = (height - BAR_HEIGHT) / 2;
  double rate = tissage_indicator_bar_get_fraction (self);
  double scale;
  GdkRGBA fg, fill;
  cairo_t *cr;

  if (width <= 2 * MARK_OVERHANG || height <= 0)
    return;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  tissage_reach_get_color (tissage_indicator_bar_get_reach (self), dark, &fill);

  /* The bar is the way to the target, from the baseline where the rate
   * is measured from it: it fills as far as the rate of achievement,
   * the target's mark standing at its end, or within it once passed. A
   * value gone back behind its baseline leaves it empty. The last pixels
   * keep room for the target's mark. */
  scale = isnan (rate) ? 1 : MAX (rate, 1);
  width -= 2;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width + 2, height));

  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, fg.alpha * 0.12);
  rounded_rectangle (cr, 0, top, width, BAR_HEIGHT);
  cairo_fill (cr);

  if (rate > 0)
    {
      double w = MAX (BAR_HEIGHT, width * rate / scale);

      gdk_cairo_set_source_rgba (cr, &fill);
      rounded_rectangle (cr, 0, top, w, BAR_HEIGHT);
      cairo_fill (cr);
    }

  if (!isnan (self->target))
    {
      double x = CLAMP (round (width / scale), 1, width);

      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, fg.alpha * 0.9);
      cairo_set_line_width (cr, 2);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_move_to (cr, x, top - MARK_OVERHANG);
      cairo_line_to (cr, x, top + BAR_HEIGHT + MARK_OVERHANG);
      cairo_stroke (cr);
    }

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

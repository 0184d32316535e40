/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <adwaita.h>

#include "tissage-chart-render.h"
#include "tissage-referentiel.h"

G_BEGIN_DECLS

/* The palette's colour of @reach, readable on a light or a dark window. */
void         tissage_reach_get_color     (TissageReach  reach,
                                          gboolean      dark,
                                          GdkRGBA      *color);

#define TISSAGE_TYPE_INDICATOR_BAR (tissage_indicator_bar_get_type ())
G_DECLARE_FINAL_TYPE (TissageIndicatorBar, tissage_indicator_bar, TISSAGE, INDICATOR_BAR, GtkWidget)

/*
 * A horizontal bar drawn with Cairo: the way to the target (a mark across
 * the bar), filled as far as the rate of achievement the core gives
 * (tissage_indicator_achievement()), measured from the baseline where
 * there is one short of the target. NaN where a figure is missing.
 */
GtkWidget   *tissage_indicator_bar_new        (void);
void         tissage_indicator_bar_set_values (TissageIndicatorBar *self,
                                               double               value,
                                               double               baseline,
                                               double               target,
                                               TissageDirection     direction);
double       tissage_indicator_bar_get_value  (TissageIndicatorBar *self);
TissageReach tissage_indicator_bar_get_reach  (TissageIndicatorBar *self);
/* How far the bar is filled, the target's mark being 1: the rate of
 * achievement of its figures. NaN when there is none. */
double       tissage_indicator_bar_get_fraction (TissageIndicatorBar *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <adwaita.h>

#include "tissage-referentiel.h"

G_BEGIN_DECLS

#define TISSAGE_TYPE_TREND_CHART (tissage_trend_chart_get_type ())
G_DECLARE_FINAL_TYPE (TissageTrendChart, tissage_trend_chart, TISSAGE, TREND_CHART, GtkWidget)

/*
 * A small line drawn with Cairo through an indicator's value at each
 * period (NaN: none), a point per period coloured by how far it came,
 * the target as a dashed line and the shown period's point larger.
 */
GtkWidget *tissage_trend_chart_new        (void);
void       tissage_trend_chart_set_points (TissageTrendChart *self,
                                           const double      *values,
                                           guint              n_values,
                                           guint              current,
                                           double             baseline,
                                           double             target,
                                           TissageDirection   direction);
guint      tissage_trend_chart_get_n_points (TissageTrendChart *self);

G_END_DECLS

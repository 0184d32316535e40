/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <adwaita.h>

#include "tissage-document.h"
#include "tissage-referentiel.h"

G_BEGIN_DECLS

#define TISSAGE_TYPE_MEASURES_GRID (tissage_measures_grid_get_type ())
G_DECLARE_FINAL_TYPE (TissageMeasuresGrid, tissage_measures_grid, TISSAGE, MEASURES_GRID, GtkWidget)

GtkWidget *tissage_measures_grid_new           (void);
void       tissage_measures_grid_set_document  (TissageMeasuresGrid *self,
                                                TissageDocument     *document);
void       tissage_measures_grid_set_indicator (TissageMeasuresGrid *self,
                                                TissageIndicator    *indicator);
/* The cell of a structure (%NULL: the collective) in a period, to type in. */
GtkWidget *tissage_measures_grid_get_cell      (TissageMeasuresGrid *self,
                                                TissagePeriod       *period,
                                                TissageStructure    *structure);

/* The entry of a period's own target. */
GtkWidget *tissage_measures_grid_get_target_entry (TissageMeasuresGrid *self,
                                                   TissagePeriod       *period);

/* The collective's bar of a period, against the target, and the words
 * under it that say which value counts. */
GtkProgressBar *tissage_measures_grid_get_progress (TissageMeasuresGrid *self,
                                                    TissagePeriod       *period);
const char *tissage_measures_grid_get_source   (TissageMeasuresGrid *self,
                                                TissagePeriod       *period);
/* The words beside that bar saying what its percentage is: of the way
 * from the baseline, or of the target. */
const char *tissage_measures_grid_get_rate     (TissageMeasuresGrid *self,
                                                TissagePeriod       *period);
/* What typing in the comment field of the focused cell does. */
void       tissage_measures_grid_set_comment   (TissageMeasuresGrid *self,
                                                const char          *comment);

G_END_DECLS

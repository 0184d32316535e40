/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include "tissage-measures-grid.h"

G_BEGIN_DECLS

/* Between the files of the measures grid (tissage-measures-grid*.c) only. */

/*
 * The values of one indicator: a row per member structure and one for the
 * whole collective, a column per period. Every cell saves as it is typed;
 * Enter goes down a column, Tab along a row. Under the grid, the
 * collective's value (computed when the indicator sums or averages the
 * structures) against the target. An indicator informed by interview
 * questions also shows, under each cell, the value computed from the
 * answers: never typed into the cell, it stands in its placeholder when
 * nothing was entered.
 */
struct _TissageMeasuresGrid
{
  GtkWidget         parent_instance;

  GtkWidget        *box;
  GtkGrid          *grid;
  GtkGrid          *row_headers;
  GtkEntry         *period_entry;
  GtkDropDown      *period_kind;
  GtkWidget        *details;       /* comment and source of the focused cell */
  GtkLabel         *details_title;
  GtkEntry         *comment_entry;
  GtkEntry         *source_entry;
  GtkEntry         *focused_cell;

  TissageDocument  *document;
  TissageIndicator *indicator;
  GPtrArray        *cells;       /* GtkEntry with "period" and "structure" data */
  GPtrArray        *progress;    /* GtkProgressBar, one per period */
  GPtrArray        *targets;     /* GtkEntry of each period's own target */
  GHashTable       *computed;    /* "period:structure" → TissageComputedValue */
  guint             compute_id;
  guint             refresh_id;
  gboolean          updating;
  /* The period whose popover is being edited: its changes do not rebuild
   * the grid, which would close the popover under the user's fingers. */
  TissagePeriod    *editing_period;
  GtkMenuButton    *editing_button;
};

/* tissage-measures-grid-values.c */
char *tissage_measures_grid_format_number (double value);
char *tissage_measures_grid_cell_text (TissageMeasuresGrid *self,
                                       TissagePeriod       *period,
                                       TissageStructure    *structure);
void tissage_measures_grid_compute_values (TissageMeasuresGrid *self);
void tissage_measures_grid_show_computed (TissageMeasuresGrid *self,
                                          GtkEntry            *entry);
void tissage_measures_grid_update_progress (TissageMeasuresGrid *self);

/* tissage-measures-grid-cells.c */
void tissage_measures_grid_refresh_cells (TissageMeasuresGrid *self);
void tissage_measures_grid_on_target_changed (GtkEntry            *entry,
                                              TissageMeasuresGrid *self);
void tissage_measures_grid_on_target_left (GtkWidget *entry,
                                           gpointer   user_data);
void tissage_measures_grid_on_cell_changed (GtkEntry            *entry,
                                            TissageMeasuresGrid *self);
void tissage_measures_grid_on_cell_left (GtkWidget *entry,
                                         gpointer   user_data);
void tissage_measures_grid_show_details (TissageMeasuresGrid *self,
                                         GtkEntry            *cell);
void tissage_measures_grid_on_cell_focus (GtkEventControllerFocus *controller,
                                          TissageMeasuresGrid     *self);
void tissage_measures_grid_on_detail_changed (GtkEntry            *entry,
                                              TissageMeasuresGrid *self);
void tissage_measures_grid_on_cell_activate (GtkEntry            *entry,
                                             TissageMeasuresGrid *self);

/* tissage-measures-grid-periods.c */
void tissage_measures_grid_on_add_period (TissageMeasuresGrid *self);
GtkWidget *tissage_measures_grid_period_header (TissageMeasuresGrid *self,
                                                TissagePeriod       *period);

/* tissage-measures-grid-layout.c */
void tissage_measures_grid_rebuild (TissageMeasuresGrid *self);

G_END_DECLS

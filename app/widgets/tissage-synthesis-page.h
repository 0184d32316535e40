/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <adwaita.h>

#include "tissage-document.h"
#include "tissage-referentiel.h"

G_BEGIN_DECLS

/* The key figures on top of the dashboard. */
typedef enum {
  TISSAGE_FIGURE_STAKEHOLDERS,
  TISSAGE_FIGURE_STRUCTURES,
  TISSAGE_FIGURE_INTERVIEWS_DONE,
  TISSAGE_FIGURE_VERBATIMS,
  TISSAGE_FIGURE_INDICATORS_MEASURED,
  TISSAGE_FIGURE_TARGETS_REACHED,   /* a share, in % */
  TISSAGE_N_FIGURES
} TissageFigure;

#define TISSAGE_TYPE_SYNTHESIS_PAGE (tissage_synthesis_page_get_type ())
G_DECLARE_FINAL_TYPE (TissageSynthesisPage, tissage_synthesis_page, TISSAGE, SYNTHESIS_PAGE, GtkWidget)

void              tissage_synthesis_page_set_document  (TissageSynthesisPage *self,
                                                        TissageDocument      *document);
/* Filters: a period of the référentiel; a member structure or %NULL for
 * the whole collective. */
void              tissage_synthesis_page_set_period    (TissageSynthesisPage *self,
                                                        TissagePeriod        *period);
TissagePeriod    *tissage_synthesis_page_get_period    (TissageSynthesisPage *self);
void              tissage_synthesis_page_set_structure (TissageSynthesisPage *self,
                                                        TissageStructure     *structure);
TissageStructure *tissage_synthesis_page_get_structure (TissageSynthesisPage *self);

/* What the page shows, for the period and structure chosen. */
double            tissage_synthesis_page_get_figure    (TissageSynthesisPage *self,
                                                        TissageFigure         figure);
gboolean          tissage_synthesis_page_get_achieved  (TissageSynthesisPage *self,
                                                        TissageIndicator     *indicator,
                                                        double               *value,
                                                        gboolean             *computed);
/* The bar of @indicator when it is on screen, else %NULL. */
GtkWidget        *tissage_synthesis_page_get_bar       (TissageSynthesisPage *self,
                                                        TissageIndicator     *indicator);
/* Whether cards below the first screen are still to be built when idle. */
gboolean          tissage_synthesis_page_get_building  (TissageSynthesisPage *self);
/* Builds what is pending now rather than when idle. */
void              tissage_synthesis_page_flush         (TissageSynthesisPage *self);

G_END_DECLS

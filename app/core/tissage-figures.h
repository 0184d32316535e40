/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <sqlite3.h>

#include "tissage-document.h"
#include "tissage-referentiel.h"

G_BEGIN_DECLS

/*
 * The figures a funder reads, computed once for the screen, the workbook
 * and the report: which value of an indicator counts, how far it went
 * towards its target, and the key figures of a period and a structure.
 */

typedef enum {
  TISSAGE_VALUE_NONE,
  TISSAGE_VALUE_ENTERED,        /* typed for the collective or the structure */
  TISSAGE_VALUE_CONSOLIDATED,   /* the sum or the mean of the structures' */
  TISSAGE_VALUE_COMPUTED,       /* from the answers to the interviews */
} TissageValueSource;

typedef struct {
  double             value;     /* NaN with TISSAGE_VALUE_NONE */
  TissageValueSource source;
  TissageConsolidation consolidation;
  guint              n;         /* structures consolidated, or interviews */
} TissageCountedValue;

/*
 * The value that counts for one indicator, period and structure (0: the
 * whole collective), by order of precedence:
 * - the value entered for that scope;
 * - for the collective, when the indicator belongs to one structure, the
 *   value entered for that structure;
 * - for the collective, the sum or the mean of the structures' values, as
 *   the indicator consolidates them;
 * - the value computed from the interviews of that scope.
 */
typedef void (*TissageCountedFunc) (gint64                     indicator_id,
                                    gint64                     period_id,
                                    const TissageCountedValue *value,
                                    gpointer                   user_data);

/* Calls @func once for each quantitative indicator and period that has a
 * value counting for @structure_id; @indicator_id and @period_id, when
 * not 0, narrow it down. Reads @db alone: an export can run it in a
 * worker thread. */
gboolean    tissage_db_foreach_counted_value (sqlite3             *db,
                                              gint64               structure_id,
                                              gint64               indicator_id,
                                              gint64               period_id,
                                              TissageCountedFunc   func,
                                              gpointer             user_data,
                                              GError             **error);

/* The same, for dashboards: @structure %NULL for the collective. */
gboolean    tissage_document_foreach_value   (TissageDocument     *document,
                                              TissageStructure    *structure,
                                              TissageIndicator    *indicator,
                                              TissagePeriod       *period,
                                              TissageCountedFunc   func,
                                              gpointer             user_data);

/* One cell; %FALSE when nothing counts there. */
gboolean    tissage_db_get_counted_value     (sqlite3             *db,
                                              gint64               indicator_id,
                                              gint64               period_id,
                                              gint64               structure_id,
                                              TissageCountedValue *value);
gboolean    tissage_document_get_counted_value (TissageDocument     *document,
                                                TissageIndicator    *indicator,
                                                TissagePeriod       *period,
                                                TissageStructure    *structure,
                                                TissageCountedValue *value);

/* Where a value comes from, in words: "saisie", "somme de 3 structures",
 * "calculée à partir de 12 entretiens". */
char       *tissage_counted_value_describe   (const TissageCountedValue *value);

/* The key figures of one period (0: every period, each indicator by its
 * latest value) and one structure (0: the whole collective). Interviews
 * and quotes count when the interview's date falls within the period
 * (all of them when the period has no dates) and when the structure held
 * it or the interviewee belongs to it; indicators when they are common to
 * the collective or the structure's own. */
typedef struct {
  guint stakeholders;       /* attached to the structure, or all */
  guint structures;
  guint links;
  guint interviews;         /* planned or held */
  guint interviews_done;
  guint verbatims;
  guint indicators;         /* every nature */
  guint quantitative;
  guint measured;           /* quantitative with a value that counts */
  guint with_target;        /* quantitative with a target */
  guint targets_measured;   /* with a target and a value */
  guint targets_reached;
  guint values_entered;     /* rows of values entered for the period */
} TissageFigures;

gboolean    tissage_db_compute_figures       (sqlite3             *db,
                                              gint64               period_id,
                                              gint64               structure_id,
                                              TissageFigures      *figures,
                                              GError             **error);
gboolean    tissage_document_compute_figures (TissageDocument     *document,
                                              TissagePeriod       *period,
                                              TissageStructure    *structure,
                                              TissageFigures      *figures,
                                              GError             **error);

/* How many months a period lasts, rounded (a half-year is 6), from its
 * dates; 0 without them. */
guint       tissage_period_get_months        (TissagePeriod       *period);
/* When @period is not as long as the other periods of the project (a
 * half-year beside years, against annual targets), the length in months
 * of the longest of those that differ; 0 when all are alike. */
guint       tissage_document_get_other_period_months (TissageDocument *document,
                                                      TissagePeriod   *period);

/* Whether the indicator's target reads the value of the structure
 * @structure_id (0: the collective) for an indicator of
 * @scope_structure_id (0: every structure) consolidated by @consolidation:
 * not a structure's share of a sum, whose target is the collective's. */
gboolean    tissage_target_applies           (gint64               structure_id,
                                              gint64               scope_structure_id,
                                              TissageConsolidation consolidation);
/* Whether @value reached @target: at or above it, or at or below it for
 * an indicator where lower is better. */
gboolean    tissage_indicator_reached        (double               value,
                                              double               target,
                                              TissageDirection     direction);

/* The targets periods have of their own, read once from @db: what a
 * period's value is measured against is its own target, or else the
 * indicator's (@fallback). */
typedef struct _TissagePeriodTargets TissagePeriodTargets;

TissagePeriodTargets *tissage_db_read_period_targets (sqlite3              *db,
                                                      GError              **error);
double      tissage_period_targets_get       (TissagePeriodTargets *targets,
                                              gint64                indicator_id,
                                              gint64                period_id,
                                              double                fallback);
/* Whether any period of @indicator_id has a target of its own. */
gboolean    tissage_period_targets_any       (TissagePeriodTargets *targets,
                                              gint64                indicator_id);
void        tissage_period_targets_free      (TissagePeriodTargets *targets);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TissagePeriodTargets, tissage_period_targets_free)

G_END_DECLS

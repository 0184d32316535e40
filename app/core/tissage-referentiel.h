/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <gio/gio.h>

#include "tissage-record.h"

G_BEGIN_DECLS

typedef enum {
  TISSAGE_HORIZON_SHORT,
  TISSAGE_HORIZON_MEDIUM,
  TISSAGE_HORIZON_LONG,
} TissageHorizon;

typedef enum {
  TISSAGE_INDICATOR_OUTPUT,    /* réalisation */
  TISSAGE_INDICATOR_OUTCOME,   /* résultat */
  TISSAGE_INDICATOR_IMPACT,
  TISSAGE_N_INDICATOR_TYPES
} TissageIndicatorType;

typedef enum {
  TISSAGE_NATURE_QUANTITATIVE,
  TISSAGE_NATURE_QUALITATIVE,
} TissageNature;

typedef enum {
  TISSAGE_COLLECTION_INTERVIEW,
  TISSAGE_COLLECTION_QUESTIONNAIRE,
  TISSAGE_COLLECTION_MONITORING,
  TISSAGE_COLLECTION_OBSERVATION,
  TISSAGE_COLLECTION_ADMINISTRATIVE,
  TISSAGE_N_COLLECTIONS
} TissageCollection;

typedef enum {
  TISSAGE_CONSOLIDATION_NONE,
  TISSAGE_CONSOLIDATION_SUM,
  TISSAGE_CONSOLIDATION_MEAN,
} TissageConsolidation;

/* Which way an indicator improves: more (people in work) or less
 * (dropouts, waiting times). */
typedef enum {
  TISSAGE_DIRECTION_UP,
  TISSAGE_DIRECTION_DOWN,
} TissageDirection;

typedef enum {
  TISSAGE_TOC_RESOURCES,
  TISSAGE_TOC_ACTIVITIES,
  TISSAGE_TOC_OUTPUTS,
  TISSAGE_TOC_EFFECTS,
  TISSAGE_TOC_IMPACT,
  TISSAGE_N_TOC_STAGES
} TissageTocStage;

#define TISSAGE_TYPE_STAKE (tissage_stake_get_type ())
G_DECLARE_FINAL_TYPE (TissageStake, tissage_stake, TISSAGE, STAKE, TissageRecord)
#define TISSAGE_TYPE_EVAL_QUESTION (tissage_eval_question_get_type ())
G_DECLARE_FINAL_TYPE (TissageEvalQuestion, tissage_eval_question, TISSAGE, EVAL_QUESTION, TissageRecord)
#define TISSAGE_TYPE_EFFECT (tissage_effect_get_type ())
G_DECLARE_FINAL_TYPE (TissageEffect, tissage_effect, TISSAGE, EFFECT, TissageRecord)
#define TISSAGE_TYPE_EFFECT_STAKEHOLDER (tissage_effect_stakeholder_get_type ())
G_DECLARE_FINAL_TYPE (TissageEffectStakeholder, tissage_effect_stakeholder, TISSAGE, EFFECT_STAKEHOLDER, TissageRecord)
#define TISSAGE_TYPE_INDICATOR (tissage_indicator_get_type ())
G_DECLARE_FINAL_TYPE (TissageIndicator, tissage_indicator, TISSAGE, INDICATOR, TissageRecord)
#define TISSAGE_TYPE_BANK_INDICATOR (tissage_bank_indicator_get_type ())
G_DECLARE_FINAL_TYPE (TissageBankIndicator, tissage_bank_indicator, TISSAGE, BANK_INDICATOR, TissageRecord)
#define TISSAGE_TYPE_TOC_ITEM (tissage_toc_item_get_type ())
G_DECLARE_FINAL_TYPE (TissageTocItem, tissage_toc_item, TISSAGE, TOC_ITEM, TissageRecord)
#define TISSAGE_TYPE_TOC_LINK (tissage_toc_link_get_type ())
G_DECLARE_FINAL_TYPE (TissageTocLink, tissage_toc_link, TISSAGE, TOC_LINK, TissageRecord)
#define TISSAGE_TYPE_PERIOD (tissage_period_get_type ())
G_DECLARE_FINAL_TYPE (TissagePeriod, tissage_period, TISSAGE, PERIOD, TissageRecord)
#define TISSAGE_TYPE_MEASUREMENT (tissage_measurement_get_type ())
G_DECLARE_FINAL_TYPE (TissageMeasurement, tissage_measurement, TISSAGE, MEASUREMENT, TissageRecord)
#define TISSAGE_TYPE_PERIOD_TARGET (tissage_period_target_get_type ())
G_DECLARE_FINAL_TYPE (TissagePeriodTarget, tissage_period_target, TISSAGE, PERIOD_TARGET, TissageRecord)

const char *tissage_stake_get_title          (TissageStake        *self);
gint64      tissage_eval_question_get_stake_id (TissageEvalQuestion *self);
const char *tissage_eval_question_get_title  (TissageEvalQuestion *self);
gint64      tissage_effect_get_question_id   (TissageEffect       *self);
const char *tissage_effect_get_title         (TissageEffect       *self);
gint64      tissage_indicator_get_effect_id  (TissageIndicator    *self);
const char *tissage_indicator_get_title      (TissageIndicator    *self);
TissageNature tissage_indicator_get_nature   (TissageIndicator    *self);
TissageConsolidation tissage_indicator_get_consolidation (TissageIndicator *self);
double      tissage_indicator_get_target     (TissageIndicator    *self);
TissageDirection tissage_indicator_get_direction (TissageIndicator *self);
const char *tissage_bank_indicator_get_theme (TissageBankIndicator *self);
const char *tissage_bank_indicator_get_title (TissageBankIndicator *self);
const char *tissage_period_get_label         (TissagePeriod       *self);

const char *tissage_indicator_type_to_label  (TissageIndicatorType type);
const char *tissage_collection_to_label      (TissageCollection   collection);

/* The bank of indicators built into Tissage (data/indicator-bank.ini):
 * records not stored in any document, keyed by their bank key. */
GPtrArray  *tissage_bank_load_builtin        (GError            **error);
GPtrArray  *tissage_bank_load_from_keyfile   (GKeyFile           *keyfile,
                                              GError            **error);
const char *tissage_bank_indicator_get_key   (TissageBankIndicator *self);

typedef enum {
  TISSAGE_DATE_NONE,
  TISSAGE_DATE_DAY,          /* 2025-12-31 */
  TISSAGE_DATE_MONTH,        /* 2025-12 */
} TissageDatePrecision;

/* Reads a date as a French user writes it: 31/12/2025, 31-12-25, 31.12.2025,
 * 31 décembre 2025, 1er janvier 2026, 2025-12-31 (a time after figures is
 * ignored), or a month alone: déc. 2025, décembre 2025, 12/2025, 2025-12.
 * Sets @iso to "2025-12-31" or "2025-12" and returns which was read. */
TissageDatePrecision tissage_read_date       (const char         *text,
                                              char              **iso);
/* The same, for a day only: a month alone is not a date here. */
gboolean    tissage_parse_date               (const char         *text,
                                              char              **iso);
/* "31/12/2026" from "2026-12-31", "12/2026" from "2026-12"; other text as it is. */
char       *tissage_format_date              (const char         *iso);

/* Parses a number as a French user types it ("1 250,5", "12.5", "30 %"). */
gboolean    tissage_parse_number             (const char         *text,
                                              double             *value);

G_END_DECLS

G_BEGIN_DECLS

typedef struct _TissageDocument TissageDocument;
typedef struct _TissageStructure TissageStructure;

/* Measures: one value per indicator, period and structure (%NULL: the
 * whole collective). @input is what the user typed: a number for a
 * quantitative indicator ("1 250,5"), any text for a qualitative one; an
 * empty input clears the value. Refused with a French message otherwise. */
gboolean    tissage_document_set_measure     (TissageDocument    *document,
                                              TissageIndicator   *indicator,
                                              TissagePeriod      *period,
                                              TissageStructure   *structure,
                                              const char         *input,
                                              GError            **error);
TissageMeasurement *tissage_document_get_measure (TissageDocument  *document,
                                                  TissageIndicator *indicator,
                                                  TissagePeriod    *period,
                                                  TissageStructure *structure);
double      tissage_measurement_get_value    (TissageMeasurement *self);
const char *tissage_measurement_get_text_value (TissageMeasurement *self);

/* A target for one period, over the indicator's own: NAN when the period
 * has none. tissage_document_get_target_for_period() gives the target that
 * counts for the period, its own or the indicator's. @input as for
 * tissage_document_set_measure(), a number; empty clears it. */
double      tissage_document_get_period_target (TissageDocument  *document,
                                                TissageIndicator *indicator,
                                                TissagePeriod    *period);
double      tissage_document_get_target_for_period (TissageDocument  *document,
                                                    TissageIndicator *indicator,
                                                    TissagePeriod    *period);
/* The target that reads the value of @structure (NULL: the collective's)
 * for @period: NAN for a structure's share of a sum, whose target is the
 * whole collective's (see tissage_target_applies()). */
double      tissage_document_get_target_for  (TissageDocument  *document,
                                              TissageIndicator *indicator,
                                              TissagePeriod    *period,
                                              TissageStructure *structure);
gboolean    tissage_document_set_period_target (TissageDocument  *document,
                                                TissageIndicator *indicator,
                                                TissagePeriod    *period,
                                                const char       *input,
                                                GError          **error);
/* Whether @indicator has a target, its own or one of a period's. */
gboolean    tissage_document_indicator_has_target (TissageDocument  *document,
                                                   TissageIndicator *indicator);

/* How many values were entered for @period, every indicator together. */
guint       tissage_document_count_period_values (TissageDocument *document,
                                                  TissagePeriod   *period);

/* The collective-wide value that counts, as
 * tissage_document_get_counted_value() (tissage-figures.h) gives it:
 * entered, consolidated from the structures or computed from interviews.
 * Returns %FALSE when there is none. */
gboolean    tissage_document_consolidate     (TissageDocument    *document,
                                              TissageIndicator   *indicator,
                                              TissagePeriod      *period,
                                              double             *value);

/* The rate of achievement of a target, the one figure every screen, the
 * workbook and the report show for it.
 *
 * With a baseline on the near side of the target (below it going up,
 * above it going down), the share of the way from the baseline to the
 * target: 0 at the baseline, 1 at the target, more beyond it; a value
 * gone back behind its baseline is 0, and @went_back says so. Without a
 * baseline, or with one already at or past the target, the share of the
 * target reached: value over target, or target over value going down
 * (a target of 0 is reached, 1, or not, 0). Never below 0; NaN without a
 * target or a value. */
typedef struct {
  double   rate;
  /* Measured along the way from the baseline. */
  gboolean from_baseline;
  /* from_baseline, and the value went back behind the baseline. */
  gboolean went_back;
} TissageAchievement;

TissageAchievement tissage_indicator_achievement (double              value,
                                                  double              baseline,
                                                  double              target,
                                                  TissageDirection    direction);

/* The rate in words, saying what it is measured from: "62 % du chemin
 * depuis la situation de départ", "91 % de la cible", "0 % : en recul
 * par rapport à la situation de départ". %NULL for a NaN rate. */
char       *tissage_achievement_describe     (const TissageAchievement *achievement);

/* A number as French readers expect it, rounded for reading, with its
 * unit: "1 250", "12,5", "68 %", "1 250 personnes". */
char       *tissage_format_number            (double              value,
                                              const char         *unit);

/* Keeps a copy of an indicator in the project's own bank. */
TissageBankIndicator *tissage_document_add_to_bank (TissageDocument   *document,
                                                    TissageIndicator  *indicator,
                                                    GError           **error);

/* Copies an indicator of the bank under @effect; one undoable edit. */
TissageIndicator *tissage_document_add_from_bank (TissageDocument      *document,
                                                  TissageEffect        *effect,
                                                  TissageBankIndicator *entry,
                                                  GError              **error);

G_END_DECLS

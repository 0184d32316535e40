/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-core"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tissage-document-private.h"
#include "tissage-record-private.h"
#include "tissage-referentiel.h"

/* Shared columns of indicators and of the bank's entries. */
static guint
indicator_columns (GParamSpec **pspecs,
                   guint        first)
{
  guint i = first;

  pspecs[i++] = tissage_column_name ("title", N_("Title"));
  pspecs[i++] = tissage_column_text ("definition", N_("Definition"));
  pspecs[i++] = tissage_column_int ("type", N_("Type of indicator"), 0, TISSAGE_N_INDICATOR_TYPES - 1, TISSAGE_INDICATOR_OUTCOME);
  pspecs[i++] = tissage_column_int ("nature", N_("Nature"), 0, 1, TISSAGE_NATURE_QUANTITATIVE);
  pspecs[i++] = tissage_column_text ("unit", N_("Unit"));
  pspecs[i++] = tissage_column_text ("calculation", N_("Calculation method"));
  pspecs[i++] = tissage_column_text ("source", N_("Data source"));
  pspecs[i++] = tissage_column_int ("collection", N_("Collection method"), 0, TISSAGE_N_COLLECTIONS - 1, TISSAGE_COLLECTION_MONITORING);
  pspecs[i++] = tissage_column_text ("frequency", N_("Frequency"));
  pspecs[i++] = tissage_column_int ("direction", N_("Direction"), 0, 1, TISSAGE_DIRECTION_UP);

  return i;
}

/* Stake */

struct _TissageStake { TissageRecord parent_instance; };
G_DEFINE_FINAL_TYPE (TissageStake, tissage_stake, TISSAGE_TYPE_RECORD)
enum { STAKE_PROP_0, STAKE_PROP_TITLE, STAKE_PROP_DESCRIPTION, STAKE_PROP_POSITION, STAKE_N_PROPS };

static void
tissage_stake_class_init (TissageStakeClass *klass)
{
  GParamSpec *pspecs[STAKE_N_PROPS] = { NULL, };

  pspecs[STAKE_PROP_TITLE] = tissage_column_name ("title", N_("Title"));
  pspecs[STAKE_PROP_DESCRIPTION] = tissage_column_text ("description", N_("Description"));
  pspecs[STAKE_PROP_POSITION] = tissage_column_int ("position", N_("Position"), 0, G_MAXINT, 0);
  tissage_record_class_install_columns (TISSAGE_RECORD_CLASS (klass), "stakes", pspecs, STAKE_N_PROPS);
  tissage_record_class_set_labels (TISSAGE_RECORD_CLASS (klass), N_("Add a stake"), N_("Edit a stake"), N_("Delete a stake"));
}

static void tissage_stake_init (TissageStake *self) { }

const char *
tissage_stake_get_title (TissageStake *self)
{
  return tissage_record_get_string (TISSAGE_RECORD (self), STAKE_PROP_TITLE);
}

/* Evaluation question */

struct _TissageEvalQuestion { TissageRecord parent_instance; };
G_DEFINE_FINAL_TYPE (TissageEvalQuestion, tissage_eval_question, TISSAGE_TYPE_RECORD)
enum { QUESTION_PROP_0, QUESTION_PROP_STAKE_ID, QUESTION_PROP_TITLE, QUESTION_PROP_DESCRIPTION,
       QUESTION_PROP_POSITION, QUESTION_N_PROPS };

static void
tissage_eval_question_class_init (TissageEvalQuestionClass *klass)
{
  GParamSpec *pspecs[QUESTION_N_PROPS] = { NULL, };

  pspecs[QUESTION_PROP_STAKE_ID] = tissage_column_key ("stake-id", N_("Stake"));
  pspecs[QUESTION_PROP_TITLE] = tissage_column_text ("title", N_("Question"));
  pspecs[QUESTION_PROP_DESCRIPTION] = tissage_column_text ("description", N_("Description"));
  pspecs[QUESTION_PROP_POSITION] = tissage_column_int ("position", N_("Position"), 0, G_MAXINT, 0);
  tissage_record_class_install_columns (TISSAGE_RECORD_CLASS (klass), "eval_questions", pspecs, QUESTION_N_PROPS);
  tissage_record_class_set_labels (TISSAGE_RECORD_CLASS (klass), N_("Add an evaluation question"),
              N_("Edit an evaluation question"), N_("Delete an evaluation question"));
}

static void tissage_eval_question_init (TissageEvalQuestion *self) { }

gint64
tissage_eval_question_get_stake_id (TissageEvalQuestion *self)
{
  return tissage_record_get_int64 (TISSAGE_RECORD (self), QUESTION_PROP_STAKE_ID);
}

const char *
tissage_eval_question_get_title (TissageEvalQuestion *self)
{
  return tissage_record_get_string (TISSAGE_RECORD (self), QUESTION_PROP_TITLE);
}

/* Effect */

struct _TissageEffect { TissageRecord parent_instance; };
G_DEFINE_FINAL_TYPE (TissageEffect, tissage_effect, TISSAGE_TYPE_RECORD)
enum { EFFECT_PROP_0, EFFECT_PROP_QUESTION_ID, EFFECT_PROP_TITLE, EFFECT_PROP_DESCRIPTION,
       EFFECT_PROP_HORIZON, EFFECT_PROP_POSITIVE, EFFECT_PROP_POSITION, EFFECT_N_PROPS };

static void
tissage_effect_class_init (TissageEffectClass *klass)
{
  GParamSpec *pspecs[EFFECT_N_PROPS] = { NULL, };

  pspecs[EFFECT_PROP_QUESTION_ID] = tissage_column_key ("question-id", N_("Evaluation question"));
  pspecs[EFFECT_PROP_TITLE] = tissage_column_name ("title", N_("Title"));
  pspecs[EFFECT_PROP_DESCRIPTION] = tissage_column_text ("description", N_("Description"));
  pspecs[EFFECT_PROP_HORIZON] = tissage_column_int ("horizon", N_("Horizon"), 0, TISSAGE_HORIZON_LONG, TISSAGE_HORIZON_SHORT);
  pspecs[EFFECT_PROP_POSITIVE] = tissage_column_bool ("positive", N_("Positive effect"), TRUE);
  pspecs[EFFECT_PROP_POSITION] = tissage_column_int ("position", N_("Position"), 0, G_MAXINT, 0);
  tissage_record_class_install_columns (TISSAGE_RECORD_CLASS (klass), "effects", pspecs, EFFECT_N_PROPS);
  tissage_record_class_set_labels (TISSAGE_RECORD_CLASS (klass), N_("Add an expected effect"),
              N_("Edit an expected effect"), N_("Delete an expected effect"));
}

static void tissage_effect_init (TissageEffect *self) { }

gint64
tissage_effect_get_question_id (TissageEffect *self)
{
  return tissage_record_get_int64 (TISSAGE_RECORD (self), EFFECT_PROP_QUESTION_ID);
}

const char *
tissage_effect_get_title (TissageEffect *self)
{
  return tissage_record_get_string (TISSAGE_RECORD (self), EFFECT_PROP_TITLE);
}

/* Who an effect concerns: a stakeholder or a whole category */

struct _TissageEffectStakeholder { TissageRecord parent_instance; };
G_DEFINE_FINAL_TYPE (TissageEffectStakeholder, tissage_effect_stakeholder, TISSAGE_TYPE_RECORD)
enum { ES_PROP_0, ES_PROP_EFFECT_ID, ES_PROP_STAKEHOLDER_ID, ES_PROP_CATEGORY_ID, ES_N_PROPS };

static void
tissage_effect_stakeholder_class_init (TissageEffectStakeholderClass *klass)
{
  GParamSpec *pspecs[ES_N_PROPS] = { NULL, };

  pspecs[ES_PROP_EFFECT_ID] = tissage_column_key ("effect-id", N_("Expected effect"));
  pspecs[ES_PROP_STAKEHOLDER_ID] = tissage_column_key ("stakeholder-id", N_("Stakeholder"));
  pspecs[ES_PROP_CATEGORY_ID] = tissage_column_key ("category-id", N_("Category"));
  tissage_record_class_install_columns (TISSAGE_RECORD_CLASS (klass), "effect_stakeholders", pspecs, ES_N_PROPS);
  tissage_record_class_set_labels (TISSAGE_RECORD_CLASS (klass), N_("Name who an effect concerns"),
              N_("Change who an effect concerns"), N_("Remove who an effect concerns"));
}

static void tissage_effect_stakeholder_init (TissageEffectStakeholder *self) { }

/* Indicator */

struct _TissageIndicator { TissageRecord parent_instance; };
G_DEFINE_FINAL_TYPE (TissageIndicator, tissage_indicator, TISSAGE_TYPE_RECORD)
enum { IND_PROP_0, IND_PROP_EFFECT_ID,
       IND_PROP_TITLE, IND_PROP_DEFINITION, IND_PROP_TYPE, IND_PROP_NATURE, IND_PROP_UNIT,
       IND_PROP_CALCULATION, IND_PROP_SOURCE, IND_PROP_COLLECTION, IND_PROP_FREQUENCY, IND_PROP_DIRECTION,
       IND_PROP_BASELINE, IND_PROP_BASELINE_TEXT, IND_PROP_BASELINE_DATE, IND_PROP_TARGET,
       IND_PROP_TARGET_TEXT, IND_PROP_TARGET_DATE, IND_PROP_SCOPE_STRUCTURE_ID,
       IND_PROP_SCOPE_TERRITORY, IND_PROP_RESPONSIBLE, IND_PROP_CONSOLIDATION,
       IND_PROP_BANK_REF, IND_PROP_POSITION, IND_N_PROPS };

static gboolean
valid_date (const char *text)
{
  GDate date;

  if (text == NULL || *text == '\0')
    return TRUE;

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;

  g_date_clear (&date, 1);
  g_date_set_parse (&date, text);
  return g_date_valid (&date) &&
         g_date_get_year (&date) == (GDateYear) atoi (text) &&
         g_date_get_month (&date) == (GDateMonth) atoi (text + 5) &&
         g_date_get_day (&date) == (GDateDay) atoi (text + 8);
}

static gboolean
indicator_validate (TissageRecordClass *klass,
                    const char        **names,
                    const GValue       *values,
                    guint               n_values,
                    GError            **error)
{
  const char *baseline = NULL, *target = NULL;

  for (guint i = 0; i < n_values; i++)
    {
      if (g_str_equal (names[i], "baseline-date"))
        baseline = g_value_get_string (&values[i]);
      else if (g_str_equal (names[i], "target-date"))
        target = g_value_get_string (&values[i]);
    }

  if (!valid_date (baseline) || !valid_date (target))
    {
      g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                           _("A date must be a real date, written as 2025-12-31."));
      return FALSE;
    }

  /* ISO dates compare as text. */
  if (baseline != NULL && target != NULL && *baseline != '\0' && *target != '\0' &&
      strcmp (target, baseline) < 0)
    {
      g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                           _("The target date comes before the baseline date: a target is reached after the starting point."));
      return FALSE;
    }

  return TRUE;
}

static void
tissage_indicator_class_init (TissageIndicatorClass *klass)
{
  GParamSpec *pspecs[IND_N_PROPS] = { NULL, };
  guint i;

  pspecs[IND_PROP_EFFECT_ID] = tissage_column_key ("effect-id", N_("Expected effect"));
  i = indicator_columns (pspecs, IND_PROP_TITLE);
  g_assert (i == IND_PROP_BASELINE);
  pspecs[IND_PROP_BASELINE] = tissage_column_real ("baseline", N_("Baseline"));
  pspecs[IND_PROP_BASELINE_TEXT] = tissage_column_text ("baseline-text", N_("Baseline"));
  pspecs[IND_PROP_BASELINE_DATE] = tissage_column_text ("baseline-date", N_("Baseline date"));
  pspecs[IND_PROP_TARGET] = tissage_column_real ("target", N_("Target"));
  pspecs[IND_PROP_TARGET_TEXT] = tissage_column_text ("target-text", N_("Target"));
  pspecs[IND_PROP_TARGET_DATE] = tissage_column_text ("target-date", N_("Target date"));
  pspecs[IND_PROP_SCOPE_STRUCTURE_ID] = tissage_column_key ("scope-structure-id", N_("Member structure"));
  pspecs[IND_PROP_SCOPE_TERRITORY] = tissage_column_text ("scope-territory", N_("Territory"));
  pspecs[IND_PROP_RESPONSIBLE] = tissage_column_text ("responsible", N_("Responsible"));
  pspecs[IND_PROP_CONSOLIDATION] = tissage_column_int ("consolidation", N_("Consolidation"), 0,
                                                       TISSAGE_CONSOLIDATION_MEAN, TISSAGE_CONSOLIDATION_NONE);
  pspecs[IND_PROP_BANK_REF] = tissage_column_text ("bank-ref", N_("Bank reference"));
  pspecs[IND_PROP_POSITION] = tissage_column_int ("position", N_("Position"), 0, G_MAXINT, 0);
  tissage_record_class_install_columns (TISSAGE_RECORD_CLASS (klass), "indicators", pspecs, IND_N_PROPS);
  tissage_record_class_set_labels (TISSAGE_RECORD_CLASS (klass), N_("Add an indicator"), N_("Edit an indicator"), N_("Delete an indicator"));
  TISSAGE_RECORD_CLASS (klass)->validate = indicator_validate;
}

static void tissage_indicator_init (TissageIndicator *self) { }

gint64
tissage_indicator_get_effect_id (TissageIndicator *self)
{
  return tissage_record_get_int64 (TISSAGE_RECORD (self), IND_PROP_EFFECT_ID);
}

const char *
tissage_indicator_get_title (TissageIndicator *self)
{
  return tissage_record_get_string (TISSAGE_RECORD (self), IND_PROP_TITLE);
}

TissageNature
tissage_indicator_get_nature (TissageIndicator *self)
{
  return tissage_record_get_int (TISSAGE_RECORD (self), IND_PROP_NATURE);
}

TissageConsolidation
tissage_indicator_get_consolidation (TissageIndicator *self)
{
  return tissage_record_get_int (TISSAGE_RECORD (self), IND_PROP_CONSOLIDATION);
}

double
tissage_indicator_get_target (TissageIndicator *self)
{
  return tissage_record_get_double (TISSAGE_RECORD (self), IND_PROP_TARGET);
}

TissageDirection
tissage_indicator_get_direction (TissageIndicator *self)
{
  return tissage_record_get_int (TISSAGE_RECORD (self), IND_PROP_DIRECTION);
}

/* The bank's entries: the built-in ones, and those a project adds */

struct _TissageBankIndicator
{
  TissageRecord  parent_instance;
  char          *key;
};
G_DEFINE_FINAL_TYPE (TissageBankIndicator, tissage_bank_indicator, TISSAGE_TYPE_RECORD)
enum { BANK_PROP_0, BANK_PROP_THEME, BANK_PROP_TITLE, BANK_N_PROPS = BANK_PROP_TITLE + 10 };

static void
tissage_bank_indicator_finalize (GObject *object)
{
  g_free (((TissageBankIndicator *) object)->key);

  G_OBJECT_CLASS (tissage_bank_indicator_parent_class)->finalize (object);
}

static void
tissage_bank_indicator_class_init (TissageBankIndicatorClass *klass)
{
  GParamSpec *pspecs[BANK_N_PROPS] = { NULL, };
  guint i G_GNUC_UNUSED;

  G_OBJECT_CLASS (klass)->finalize = tissage_bank_indicator_finalize;

  pspecs[BANK_PROP_THEME] = tissage_column_text ("theme", N_("Theme"));
  i = indicator_columns (pspecs, BANK_PROP_TITLE);
  g_assert (i == BANK_N_PROPS);
  tissage_record_class_install_columns (TISSAGE_RECORD_CLASS (klass), "bank_indicators", pspecs, BANK_N_PROPS);
  tissage_record_class_set_labels (TISSAGE_RECORD_CLASS (klass), N_("Add an indicator to the bank"),
              N_("Edit an indicator of the bank"), N_("Delete an indicator of the bank"));
}

static void tissage_bank_indicator_init (TissageBankIndicator *self) { }

const char *
tissage_bank_indicator_get_theme (TissageBankIndicator *self)
{
  return tissage_record_get_string (TISSAGE_RECORD (self), BANK_PROP_THEME);
}

const char *
tissage_bank_indicator_get_title (TissageBankIndicator *self)
{
  return tissage_record_get_string (TISSAGE_RECORD (self), BANK_PROP_TITLE);
}

const char *
tissage_bank_indicator_get_key (TissageBankIndicator *self)
{
  g_return_val_if_fail (TISSAGE_IS_BANK_INDICATOR (self), NULL);

  return self->key;
}

/* Theory of change */

struct _TissageTocItem { TissageRecord parent_instance; };
G_DEFINE_FINAL_TYPE (TissageTocItem, tissage_toc_item, TISSAGE_TYPE_RECORD)
enum { TOC_PROP_0, TOC_PROP_STAGE, TOC_PROP_TITLE, TOC_PROP_DESCRIPTION, TOC_PROP_EFFECT_ID,
       TOC_PROP_INDICATOR_ID, TOC_PROP_POSITION, TOC_N_PROPS };

static void
tissage_toc_item_class_init (TissageTocItemClass *klass)
{
  GParamSpec *pspecs[TOC_N_PROPS] = { NULL, };

  pspecs[TOC_PROP_STAGE] = tissage_column_int ("stage", N_("Stage"), 0, TISSAGE_N_TOC_STAGES - 1, TISSAGE_TOC_ACTIVITIES);
  pspecs[TOC_PROP_TITLE] = tissage_column_name ("title", N_("Title"));
  pspecs[TOC_PROP_DESCRIPTION] = tissage_column_text ("description", N_("Description"));
  pspecs[TOC_PROP_EFFECT_ID] = tissage_column_key ("effect-id", N_("Expected effect"));
  pspecs[TOC_PROP_INDICATOR_ID] = tissage_column_key ("indicator-id", N_("Indicator"));
  pspecs[TOC_PROP_POSITION] = tissage_column_int ("position", N_("Position"), 0, G_MAXINT, 0);
  tissage_record_class_install_columns (TISSAGE_RECORD_CLASS (klass), "toc_items", pspecs, TOC_N_PROPS);
  tissage_record_class_set_labels (TISSAGE_RECORD_CLASS (klass), N_("Add a card to the theory of change"),
              N_("Edit a card of the theory of change"), N_("Delete a card of the theory of change"));
}

static void tissage_toc_item_init (TissageTocItem *self) { }

struct _TissageTocLink { TissageRecord parent_instance; };
G_DEFINE_FINAL_TYPE (TissageTocLink, tissage_toc_link, TISSAGE_TYPE_RECORD)
enum { TOCL_PROP_0, TOCL_PROP_FROM_ID, TOCL_PROP_TO_ID, TOCL_N_PROPS };

static void
tissage_toc_link_class_init (TissageTocLinkClass *klass)
{
  GParamSpec *pspecs[TOCL_N_PROPS] = { NULL, };

  pspecs[TOCL_PROP_FROM_ID] = tissage_column_key ("from-id", N_("From"));
  pspecs[TOCL_PROP_TO_ID] = tissage_column_key ("to-id", N_("To"));
  tissage_record_class_install_columns (TISSAGE_RECORD_CLASS (klass), "toc_links", pspecs, TOCL_N_PROPS);
  tissage_record_class_set_labels (TISSAGE_RECORD_CLASS (klass), N_("Add an arrow to the theory of change"),
              N_("Edit an arrow of the theory of change"), N_("Delete an arrow of the theory of change"));
}

static void tissage_toc_link_init (TissageTocLink *self) { }

/* Periods and measurements */

struct _TissagePeriod { TissageRecord parent_instance; };
G_DEFINE_FINAL_TYPE (TissagePeriod, tissage_period, TISSAGE_TYPE_RECORD)
enum { PERIOD_PROP_0, PERIOD_PROP_LABEL, PERIOD_PROP_KIND, PERIOD_PROP_START_DATE,
       PERIOD_PROP_END_DATE, PERIOD_PROP_POSITION, PERIOD_N_PROPS };

/* A period's dates are ISO dates, the end not before the start: interviews
 * count in a period by their date. */
static gboolean
period_validate (TissageRecordClass  *klass,
                 const char         **names,
                 const GValue        *values,
                 guint                n_values,
                 GError             **error)
{
  const char *start = g_value_get_string (&values[PERIOD_PROP_START_DATE - 1]);
  const char *end = g_value_get_string (&values[PERIOD_PROP_END_DATE - 1]);
  const char *dates[] = { start, end };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autofree char *iso = NULL;

      if (dates[i] == NULL || *dates[i] == '\0')
        continue;
      if (!tissage_parse_date (dates[i], &iso) || !g_str_equal (iso, dates[i]))
        {
          g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                       _("“%s” is not a date: write it as day/month/year, for example 31/12/2026."), dates[i]);
          return FALSE;
        }
    }

  if (start != NULL && end != NULL && *start != '\0' && *end != '\0' && strcmp (end, start) < 0)
    {
      g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                           _("A period cannot end before it starts."));
      return FALSE;
    }

  return TRUE;
}

static void
tissage_period_class_init (TissagePeriodClass *klass)
{
  GParamSpec *pspecs[PERIOD_N_PROPS] = { NULL, };

  pspecs[PERIOD_PROP_LABEL] = tissage_column_name ("label", N_("Period"));
  pspecs[PERIOD_PROP_KIND] = tissage_column_int ("kind", N_("Kind of period"), 0, 3, 0);
  pspecs[PERIOD_PROP_START_DATE] = tissage_column_text ("start-date", N_("Start"));
  pspecs[PERIOD_PROP_END_DATE] = tissage_column_text ("end-date", N_("End"));
  pspecs[PERIOD_PROP_POSITION] = tissage_column_int ("position", N_("Position"), 0, G_MAXINT, 0);
  tissage_record_class_install_columns (TISSAGE_RECORD_CLASS (klass), "periods", pspecs, PERIOD_N_PROPS);
  tissage_record_class_set_labels (TISSAGE_RECORD_CLASS (klass), N_("Add a period"), N_("Edit a period"), N_("Delete a period"));
  TISSAGE_RECORD_CLASS (klass)->validate = period_validate;
}

static void tissage_period_init (TissagePeriod *self) { }

const char *
tissage_period_get_label (TissagePeriod *self)
{
  return tissage_record_get_string (TISSAGE_RECORD (self), PERIOD_PROP_LABEL);
}

struct _TissageMeasurement { TissageRecord parent_instance; };
G_DEFINE_FINAL_TYPE (TissageMeasurement, tissage_measurement, TISSAGE_TYPE_RECORD)
enum { MEAS_PROP_0, MEAS_PROP_INDICATOR_ID, MEAS_PROP_PERIOD_ID, MEAS_PROP_STRUCTURE_ID,
       MEAS_PROP_VALUE, MEAS_PROP_TEXT_VALUE, MEAS_PROP_COMMENT, MEAS_PROP_SOURCE, MEAS_N_PROPS };

static void
tissage_measurement_class_init (TissageMeasurementClass *klass)
{
  GParamSpec *pspecs[MEAS_N_PROPS] = { NULL, };

  pspecs[MEAS_PROP_INDICATOR_ID] = tissage_column_key ("indicator-id", N_("Indicator"));
  pspecs[MEAS_PROP_PERIOD_ID] = tissage_column_key ("period-id", N_("Period"));
  pspecs[MEAS_PROP_STRUCTURE_ID] = tissage_column_key ("structure-id", N_("Member structure"));
  pspecs[MEAS_PROP_VALUE] = tissage_column_real ("value", N_("Value"));
  pspecs[MEAS_PROP_TEXT_VALUE] = tissage_column_text ("text-value", N_("Value"));
  pspecs[MEAS_PROP_COMMENT] = tissage_column_text ("comment", N_("Comment"));
  pspecs[MEAS_PROP_SOURCE] = tissage_column_text ("source", N_("Source"));
  tissage_record_class_install_columns (TISSAGE_RECORD_CLASS (klass), "measurements", pspecs, MEAS_N_PROPS);
  tissage_record_class_set_labels (TISSAGE_RECORD_CLASS (klass), N_("Enter a value"), N_("Change a value"), N_("Clear a value"));
}

static void tissage_measurement_init (TissageMeasurement *self) { }

struct _TissagePeriodTarget { TissageRecord parent_instance; };
G_DEFINE_FINAL_TYPE (TissagePeriodTarget, tissage_period_target, TISSAGE_TYPE_RECORD)
enum { PTARGET_PROP_0, PTARGET_PROP_INDICATOR_ID, PTARGET_PROP_PERIOD_ID, PTARGET_PROP_TARGET,
       PTARGET_N_PROPS };

static void
tissage_period_target_class_init (TissagePeriodTargetClass *klass)
{
  GParamSpec *pspecs[PTARGET_N_PROPS] = { NULL, };

  pspecs[PTARGET_PROP_INDICATOR_ID] = tissage_column_key ("indicator-id", N_("Indicator"));
  pspecs[PTARGET_PROP_PERIOD_ID] = tissage_column_key ("period-id", N_("Period"));
  pspecs[PTARGET_PROP_TARGET] = tissage_column_real ("target", N_("Target of the period"));
  tissage_record_class_install_columns (TISSAGE_RECORD_CLASS (klass), "period_targets", pspecs, PTARGET_N_PROPS);
  tissage_record_class_set_labels (TISSAGE_RECORD_CLASS (klass), N_("Set the target of a period"),
                                   N_("Change the target of a period"), N_("Clear the target of a period"));
}

static void tissage_period_target_init (TissagePeriodTarget *self) { }

/* Labels */

const char *
tissage_indicator_type_to_label (TissageIndicatorType type)
{
  static const char *labels[] = { N_("Output"), N_("Outcome"), N_("Impact") };

  g_return_val_if_fail (type < TISSAGE_N_INDICATOR_TYPES, NULL);

  return _(labels[type]);
}

const char *
tissage_collection_to_label (TissageCollection collection)
{
  static const char *labels[] = {
    N_("Interview"), N_("Questionnaire"), N_("Monitoring table"),
    N_("Observation"), N_("Administrative data"),
  };

  g_return_val_if_fail (collection < TISSAGE_N_COLLECTIONS, NULL);

  return _(labels[collection]);
}

/* The bank */

static const char * const bank_themes[] = {
  "Coopération entre acteurs",
  "Emploi et retour à l'emploi",
  "Insertion et pouvoir d'agir",
  "Lien social",
  "Compétences",
  "Gouvernance et engagement",
  "Territoire",
  NULL
};

GPtrArray *
tissage_bank_load_from_keyfile (GKeyFile  *keyfile,
                                GError   **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GTypeClass) klass = g_type_class_ref (TISSAGE_TYPE_BANK_INDICATOR);
  g_auto(GStrv) groups = g_key_file_get_groups (keyfile, NULL);
  const char * const required[] = { "theme", "title", "definition", "type", "nature", "calculation",
                                    "source", "collection", "frequency" };

  for (guint g = 0; groups[g] != NULL; g++)
    {
      g_autoptr(TissageBankIndicator) entry = g_object_new (TISSAGE_TYPE_BANK_INDICATOR, NULL);
      g_auto(GStrv) keys = g_key_file_get_keys (keyfile, groups[g], NULL, NULL);

      if (!g_str_has_prefix (groups[g], "bank_indicator:") || groups[g][strlen ("bank_indicator:")] == '\0')
        {
          g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                       _("Unknown section [%s]."), groups[g]);
          return NULL;
        }

      for (guint r = 0; r < G_N_ELEMENTS (required); r++)
        if (!g_key_file_has_key (keyfile, groups[g], required[r], NULL))
          {
            g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                         _("The field “%s” is missing in [%s]."), required[r], groups[g]);
            return NULL;
          }

      for (guint k = 0; keys[k] != NULL; k++)
        {
          GParamSpec *pspec = g_object_class_find_property (G_OBJECT_CLASS (klass), keys[k]);
          g_autofree char *text = g_key_file_get_string (keyfile, groups[g], keys[k], NULL);
          g_auto(GValue) value = G_VALUE_INIT;

          if (pspec == NULL || text == NULL || g_str_equal (keys[k], "id"))
            {
              g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                           _("Unknown field “%s” in [%s]."), keys[k], groups[g]);
              return NULL;
            }

          g_value_init (&value, pspec->value_type);
          if (pspec->value_type == G_TYPE_INT)
            {
              gint64 number;

              if (!g_ascii_string_to_signed (text, 10, G_MININT, G_MAXINT, &number, NULL))
                goto bad;
              g_value_set_int (&value, (int) number);
              if (g_param_value_validate (pspec, &value))
                goto bad;
            }
          else
            g_value_set_string (&value, text);

          if (g_str_equal (keys[k], "theme") && !g_strv_contains (bank_themes, text))
            goto bad;
          if (g_str_equal (keys[k], "title"))
            {
              g_autofree char *stripped = g_strstrip (g_strdup (text));

              if (*stripped == '\0')
                goto bad;
            }

          g_object_set_property (G_OBJECT (entry), keys[k], &value);
          continue;

        bad:
          g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                       _("Invalid value “%s” for “%s” in [%s]."), text, keys[k], groups[g]);
          return NULL;
        }

      entry->key = g_strdup (groups[g] + strlen ("bank_indicator:"));
      g_ptr_array_add (entries, g_steal_pointer (&entry));
    }

  return g_steal_pointer (&entries);
}

GPtrArray *
tissage_bank_load_builtin (GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();

  bytes = g_resources_lookup_data (RESOURCE_BASE "/indicator-bank.ini", 0, error);
  if (bytes == NULL || !g_key_file_load_from_bytes (keyfile, bytes, G_KEY_FILE_NONE, error))
    return NULL;

  return tissage_bank_load_from_keyfile (keyfile, error);
}

/* Measures */

double
tissage_measurement_get_value (TissageMeasurement *self)
{
  return tissage_record_get_double (TISSAGE_RECORD (self), MEAS_PROP_VALUE);
}

const char *
tissage_measurement_get_text_value (TissageMeasurement *self)
{
  return tissage_record_get_string (TISSAGE_RECORD (self), MEAS_PROP_TEXT_VALUE);
}

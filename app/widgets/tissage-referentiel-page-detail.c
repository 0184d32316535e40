/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

/* The référentiel page: the pane beside the tree, the editor of the
 * selected row and the stakeholders it concerns. */

#define G_LOG_DOMAIN "tissage-referentiel"

#include "config.h"

#include <glib/gi18n.h>

#include "tissage-measures-grid.h"
#include "tissage-record-editor.h"
#include "tissage-referentiel-page-private.h"
#include "tissage-referentiel.h"
#include "tissage-utils.h"
#include "tissage-widget-utils.h"

static const char * const horizons[] = { N_("Short term"), N_("Medium term"), N_("Long term"), NULL };
static const char * const types[] = { N_("Output"), N_("Outcome"), N_("Impact"), NULL };
static const char * const natures[] = { N_("Quantitative"), N_("Qualitative"), NULL };
static const char * const collections[] = { N_("Interview"), N_("Questionnaire"), N_("Monitoring table"),
                                            N_("Observation"), N_("Administrative data"), NULL };
static const char * const directions[] = { N_("Upward"), N_("Downward"), NULL };
static const char * const consolidations[] = { N_("None: entered for the collective"),
                                               N_("Sum of the structures"),
                                               N_("Mean of the structures"), NULL };

static const TissageField stake_fields[] = {
  { "title", N_("Stake"), TISSAGE_FIELD_TEXT, N_("Stake"), NULL, NULL },
  { "description", N_("Description"), TISSAGE_FIELD_NOTES, NULL, NULL, NULL },
};

static const TissageField question_fields[] = {
  { "title", N_("Evaluation question"), TISSAGE_FIELD_TEXT, N_("Evaluation Question"), NULL, NULL },
  { "description", N_("Description"), TISSAGE_FIELD_NOTES, NULL, NULL, NULL },
};

static const TissageField effect_fields[] = {
  { "title", N_("Expected effect"), TISSAGE_FIELD_TEXT, N_("Expected Effect"), NULL, NULL },
  { "description", N_("Description"), TISSAGE_FIELD_NOTES, NULL, NULL, NULL },
  { "horizon", N_("Horizon"), TISSAGE_FIELD_CHOICE, N_("Horizon and Direction"), horizons, NULL },
  { "positive", N_("Positive effect"), TISSAGE_FIELD_SWITCH, NULL, NULL,
    N_("Turn off for a negative or unintended effect") },
};

static const TissageField indicator_fields[] = {
  { "title", N_("Indicator"), TISSAGE_FIELD_TEXT, N_("Indicator"), NULL, NULL },
  { "definition", N_("Definition"), TISSAGE_FIELD_NOTES, NULL, NULL, NULL },
  { "type", N_("Type"), TISSAGE_FIELD_CHOICE, N_("Nature"), types, NULL },
  { "nature", N_("Nature"), TISSAGE_FIELD_CHOICE, NULL, natures, NULL },
  { "unit", N_("Unit"), TISSAGE_FIELD_TEXT, NULL, NULL, NULL },
  { "calculation", N_("Calculation method"), TISSAGE_FIELD_TEXT, N_("Calculation and Collection"), NULL, NULL },
  { "source", N_("Data source"), TISSAGE_FIELD_TEXT, NULL, NULL, NULL },
  { "collection", N_("Collection method"), TISSAGE_FIELD_CHOICE, NULL, collections, NULL },
  { "frequency", N_("Frequency"), TISSAGE_FIELD_TEXT, NULL, NULL, NULL },
  { "baseline", N_("Baseline"), TISSAGE_FIELD_NUMBER, N_("Baseline and Target"), NULL, NULL },
  { "baseline-text", N_("Baseline, in words"), TISSAGE_FIELD_TEXT, NULL, NULL, NULL },
  { "baseline-date", N_("Baseline date"), TISSAGE_FIELD_DATE, NULL, NULL, NULL },
  { "target", N_("Target"), TISSAGE_FIELD_NUMBER, NULL, NULL, NULL },
  { "target-text", N_("Target, in words"), TISSAGE_FIELD_TEXT, NULL, NULL, NULL },
  { "target-date", N_("Target date"), TISSAGE_FIELD_DATE, NULL, NULL, NULL },
  { "direction", N_("Direction"), TISSAGE_FIELD_CHOICE, NULL, directions,
    N_("Downward when less is better: delays, dropouts") },
  { "scope-structure-id", N_("Scope"), TISSAGE_FIELD_STRUCTURE, N_("Scope"), NULL, NULL },
  { "scope-territory", N_("Territory"), TISSAGE_FIELD_TEXT, NULL, NULL, NULL },
  { "responsible", N_("Responsible person or structure"), TISSAGE_FIELD_TEXT, NULL, NULL, NULL },
  { "consolidation", N_("Collective-wide value"), TISSAGE_FIELD_CHOICE, NULL, consolidations, NULL },
};

/* Whom an effect concerns */

static void
on_remove_concern (GtkButton              *button,
                   TissageReferentielPage *self)
{
  TissageRecord *link = g_object_get_data (G_OBJECT (button), "record");
  g_autoptr(GError) error = NULL;

  if (!tissage_document_delete (self->document, link, &error))
    tissage_widget_report_error (GTK_WIDGET (self), error);
}

void
tissage_referentiel_page_rebuild_concerns (TissageReferentielPage *self)
{
  TissageRecord *effect = self->editors[LEVEL_EFFECT] ? tissage_record_editor_get_record (self->editors[LEVEL_EFFECT]) : NULL;
  GListModel *links, *categories, *stakeholders;
  g_autoptr(GtkStringList) names = gtk_string_list_new ((const char * const[]) { _("Choose…"), NULL });
  gint64 none = 0;

  for (guint i = 0; i < self->concern_rows->len; i++)
    adw_preferences_group_remove (self->concerns_group, g_ptr_array_index (self->concern_rows, i));
  g_ptr_array_set_size (self->concern_rows, 0);

  if (effect == NULL || self->document == NULL)
    return;

  links = tissage_document_get_records (self->document, TISSAGE_TYPE_EFFECT_STAKEHOLDER);
  for (guint i = 0; i < g_list_model_get_n_items (links); i++)
    {
      g_autoptr(TissageRecord) link = g_list_model_get_item (links, i);
      gint64 effect_id, stakeholder_id, category_id;
      GtkWidget *row, *button;

      g_object_get (link, "effect-id", &effect_id, "stakeholder-id", &stakeholder_id,
                    "category-id", &category_id, NULL);
      if (effect_id != tissage_record_id (effect))
        continue;

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (stakeholder_id != 0)
        {
          TissageStakeholder *s = tissage_document_lookup (self->document, TISSAGE_TYPE_STAKEHOLDER, stakeholder_id);

          tissage_preferences_row_set_name (row, s ? tissage_stakeholder_get_name (s) : "");
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Stakeholder"));
        }
      else
        {
          TissageCategory *c = tissage_document_lookup (self->document, TISSAGE_TYPE_CATEGORY, category_id);

          tissage_preferences_row_set_name (row, c ? tissage_category_get_name (c) : "");
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("A whole category"));
        }

      button = gtk_button_new_from_icon_name ("user-trash-symbolic");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("No Longer Concerned"));
      g_object_set_data_full (G_OBJECT (button), "record", g_object_ref (link), g_object_unref);
      g_signal_connect (button, "clicked", G_CALLBACK (on_remove_concern), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

      adw_preferences_group_add (self->concerns_group, row);
      g_ptr_array_add (self->concern_rows, row);
    }

  /* The choice to add: categories first (negative keys), then stakeholders. */
  g_array_set_size (self->concern_choice_ids, 0);
  g_array_append_val (self->concern_choice_ids, none);
  categories = tissage_document_get_categories (self->document);
  for (guint i = 0; i < g_list_model_get_n_items (categories); i++)
    {
      g_autoptr(TissageCategory) c = g_list_model_get_item (categories, i);
      gint64 key = -tissage_record_id (c);
      g_autofree char *name = tissage_text_shorten (tissage_category_get_name (c), TISSAGE_NAME_MAX_CHARS);
      g_autofree char *label = g_strdup_printf (_("Category: %s"), name);

      gtk_string_list_append (names, label);
      g_array_append_val (self->concern_choice_ids, key);
    }
  stakeholders = tissage_document_get_stakeholders (self->document);
  for (guint i = 0; i < g_list_model_get_n_items (stakeholders); i++)
    {
      g_autoptr(TissageStakeholder) s = g_list_model_get_item (stakeholders, i);
      gint64 key = tissage_record_id (s);

      tissage_string_list_append_name (names, tissage_stakeholder_get_name (s));
      g_array_append_val (self->concern_choice_ids, key);
    }
  adw_combo_row_set_model (self->concern_choice, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->concern_choice, 0);
}

static void
on_concern_chosen (TissageReferentielPage *self)
{
  TissageRecord *effect = self->editors[LEVEL_EFFECT] ? tissage_record_editor_get_record (self->editors[LEVEL_EFFECT]) : NULL;
  guint selected = adw_combo_row_get_selected (self->concern_choice);
  g_autoptr(TissageRecord) link = NULL;
  g_autoptr(GError) error = NULL;
  gint64 key;

  if (effect == NULL || selected == 0 || selected == GTK_INVALID_LIST_POSITION ||
      selected >= self->concern_choice_ids->len)
    return;

  key = g_array_index (self->concern_choice_ids, gint64, selected);
  if (key > 0)
    link = tissage_document_insert (self->document, TISSAGE_TYPE_EFFECT_STAKEHOLDER, &error,
                                    "effect-id", tissage_record_id (effect), "stakeholder-id", key, NULL);
  else
    link = tissage_document_insert (self->document, TISSAGE_TYPE_EFFECT_STAKEHOLDER, &error,
                                    "effect-id", tissage_record_id (effect), "category-id", -key, NULL);
  if (link == NULL)
    tissage_widget_report_error (GTK_WIDGET (self), error);
}

/* Editors are built the first time they are needed: a window with a large
 * framework opens without building four of them. */
TissageRecordEditor *
tissage_referentiel_page_ensure_editor (TissageReferentielPage *self,
                                        Level                   level)
{
  static const char *page_names[] = { "stake", "question", "effect", "indicator" };
  static const struct { const TissageField *fields; guint n; } specs[] = {
    { stake_fields, G_N_ELEMENTS (stake_fields) },
    { question_fields, G_N_ELEMENTS (question_fields) },
    { effect_fields, G_N_ELEMENTS (effect_fields) },
    { indicator_fields, G_N_ELEMENTS (indicator_fields) },
  };

  if (self->editors[level] != NULL)
    return self->editors[level];

  self->editors[level] = TISSAGE_RECORD_EDITOR (tissage_record_editor_new (specs[level].fields, specs[level].n));
  gtk_stack_add_named (self->detail_stack, GTK_WIDGET (self->editors[level]), page_names[level]);
  tissage_record_editor_set_document (self->editors[level], self->document);

  if (level == LEVEL_EFFECT)
    {
      /* Whom an effect concerns: the map shows it too. */
      self->concerns_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      adw_preferences_group_set_title (self->concerns_group, _("Concerns"));
      adw_preferences_group_set_description (self->concerns_group, _("The stakeholders or whole categories this effect is expected for"));
      self->concern_choice = ADW_COMBO_ROW (adw_combo_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->concern_choice), _("Add"));
      g_signal_connect_swapped (self->concern_choice, "notify::selected", G_CALLBACK (on_concern_chosen), self);
      adw_preferences_group_add (self->concerns_group, GTK_WIDGET (self->concern_choice));
      tissage_record_editor_add_group (self->editors[LEVEL_EFFECT], self->concerns_group);
    }
  else if (level == LEVEL_INDICATOR)
    {
      /* The values of an indicator, entered where it is defined. */
      AdwPreferencesGroup *values = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      AdwPreferencesGroup *bank = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      GtkWidget *button = gtk_button_new_with_mnemonic (_("Keep in the Project’s _Bank"));

      adw_preferences_group_set_title (values, _("Values"));
      adw_preferences_group_set_description (values, _("By period and member structure; the collective's value against the target at the bottom"));
      self->measures = TISSAGE_MEASURES_GRID (tissage_measures_grid_new ());
      tissage_measures_grid_set_document (self->measures, self->document);
      adw_preferences_group_add (values, GTK_WIDGET (self->measures));
      tissage_record_editor_add_group (self->editors[LEVEL_INDICATOR], values);

      /* The collective's own bank grows from its indicators. */
      gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "pill");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "ref.add-to-bank");
      gtk_widget_set_tooltip_text (button, _("Reuse this indicator under other effects, from the indicator bank"));
      adw_preferences_group_add (bank, button);
      tissage_record_editor_add_group (self->editors[LEVEL_INDICATOR], bank);
    }

  return self->editors[level];
}

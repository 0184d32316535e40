/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

/* The référentiel page, its theory of change and the values of its
 * indicators, typed into the window. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tissage-bank-dialog.h"
#include "tissage-export-dialog.h"
#include "tissage-interviews.h"
#include "tissage-map-widget.h"
#include "tissage-measures-grid.h"
#include "tissage-referentiel-page.h"
#include "tissage-toc-view.h"
#include "tissage-stakeholder-editor.h"
#include "tissage-stakeholder-page.h"
#include "tissage-structures-window.h"
#include "tissage-synthesis-page.h"
#include "tissage-window.h"
#include "tissage-test-utils.h"
#include "tissage-ui-test-utils.h"
#include "test-ui-private.h"

static gboolean
is_button_with_tooltip (GtkWidget     *widget,
                        gconstpointer  tooltip)
{
  return GTK_IS_BUTTON (widget) && has_tooltip (widget, tooltip);
}

/* Clicks a button as the pointer does: it takes the focus, then clicks. */
static void
click_button (GtkWidget *button)
{
  g_assert_nonnull (button);
  gtk_widget_grab_focus (button);
  g_signal_emit_by_name (button, "clicked");
  wait_frames (4);
}

/* The board of the theory of change shows what the project holds: a card
 * added, renamed in place, deleted, and each of these undone and redone. */
void
test_theory_of_change_board (void)
{
  g_autoptr(GFile) file = new_project ("theorie.tissage");
  TissageWindow *window = open_window (file);
  TissageDocument *document = tissage_window_get_document (window);
  TissageReferentielPage *page = TISSAGE_REFERENTIEL_PAGE (tissage_window_get_referentiel_page (window));
  TissageTocView *toc = TISSAGE_TOC_VIEW (tissage_referentiel_page_get_toc (page));
  GListModel *cards = tissage_document_get_records (document, TISSAGE_TYPE_TOC_ITEM);
  g_autoptr(TissageTocItem) card = NULL;
  GtkWidget *title, *entry;

  tissage_window_show_section (window, "referentiel");
  tissage_referentiel_page_show_toc (page, TRUE);
  wait_mapped (GTK_WIDGET (toc));
  g_assert_cmpuint (count_shown_widgets (GTK_WIDGET (toc), is_button_with_tooltip, "Supprimer la carte"), ==, 0);

  /* + under “Impact” */
  {
    g_autofree char *add = g_strdup_printf (_("Add a Card to “%s”"), _("Impact"));

    click_button (find_shown_widget (GTK_WIDGET (toc), is_button_with_tooltip, add));
  }
  g_assert_cmpuint (g_list_model_get_n_items (cards), ==, 1);
  card = g_list_model_get_item (cards, 0);
  g_assert_nonnull (find_label (GTK_WIDGET (toc), "Nouvelle carte"));
  g_assert_cmpuint (count_shown_widgets (GTK_WIDGET (toc), is_button_with_tooltip, "Supprimer la carte"), ==, 1);

  /* Its title, changed in place, shows the new one once saved. */
  title = find_label (GTK_WIDGET (toc), "Nouvelle carte");
  {
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (title);

    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

        if (GTK_IS_GESTURE_CLICK (controller))
          g_signal_emit_by_name (controller, "released", 1, 5.0, 5.0);
      }
  }
  wait_frames (2);
  entry = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (GTK_IS_EDITABLE (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  type_text (GTK_EDITABLE (entry), "Emploi durable");
  g_signal_emit_by_name (gtk_widget_get_ancestor (entry, GTK_TYPE_ENTRY), "activate");
  wait_frames (4);
  {
    g_autofree char *saved = NULL;

    g_object_get (card, "title", &saved, NULL);
    g_assert_cmpstr (saved, ==, "Emploi durable");
  }
  g_assert_nonnull (find_label (GTK_WIDGET (toc), "Emploi durable"));
  g_assert_null (find_label (GTK_WIDGET (toc), "Nouvelle carte"));
  save_screenshot (GTK_WIDGET (window), "theory-of-change-renamed.png");

  /* Undo and redo of the title. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  wait_frames (4);
  g_assert_nonnull (find_label (GTK_WIDGET (toc), "Nouvelle carte"));
  g_assert_null (find_label (GTK_WIDGET (toc), "Emploi durable"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  wait_frames (4);
  g_assert_nonnull (find_label (GTK_WIDGET (toc), "Emploi durable"));

  /* × takes the card away at once; there is no second × to press. */
  click_button (find_shown_widget (GTK_WIDGET (toc), is_button_with_tooltip, "Supprimer la carte"));
  g_assert_cmpuint (g_list_model_get_n_items (cards), ==, 0);
  g_assert_null (find_label (GTK_WIDGET (toc), "Emploi durable"));
  g_assert_cmpuint (count_shown_widgets (GTK_WIDGET (toc), is_button_with_tooltip, "Supprimer la carte"), ==, 0);

  /* Undo brings it back, redo takes it again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  wait_frames (4);
  g_assert_cmpuint (g_list_model_get_n_items (cards), ==, 1);
  g_assert_nonnull (find_label (GTK_WIDGET (toc), "Emploi durable"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  wait_frames (4);
  g_assert_cmpuint (g_list_model_get_n_items (cards), ==, 0);
  g_assert_null (find_label (GTK_WIDGET (toc), "Emploi durable"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  wait_frames (4);

  /* Deleting the card brought back is as safe as the first time. */
  click_button (find_shown_widget (GTK_WIDGET (toc), is_button_with_tooltip, "Supprimer la carte"));
  g_assert_cmpuint (g_list_model_get_n_items (cards), ==, 0);
  g_assert_null (find_shown_widget (GTK_WIDGET (toc), is_button_with_tooltip, "Supprimer la carte"));

  close_window (window);
}

static double
indicator_number (TissageIndicator *indicator,
                  const char       *property)
{
  double value;

  g_object_get (indicator, property, &value, NULL);
  return value;
}

static char *
indicator_date (TissageIndicator *indicator,
                const char       *property)
{
  char *date = NULL;

  g_object_get (indicator, property, &date, NULL);
  return date;
}

/* Opens @file on its référentiel page. */
static TissageWindow *
open_on_referentiel (GFile                   *file,
                     TissageReferentielPage **page)
{
  TissageWindow *window = open_window (file);

  tissage_window_show_section (window, "referentiel");
  wait_frames (5);
  *page = TISSAGE_REFERENTIEL_PAGE (tissage_window_get_referentiel_page (window));
  return window;
}

/* Figures and dates of an indicator, typed key by key as a person does:
 * a word keeps the value and says why, French ways of writing are read,
 * and a date is read once the field is left, never half typed. */
void
test_indicator_typed_values (void)
{
  g_autoptr(GFile) file = g_file_new_build_filename (tmp_dir, "saisie.tissage", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) example = tissage_document_create_example (file, &error);
  g_autoptr(TissageIndicator) indicator = NULL;
  TissageReferentielPage *page;
  TissageDocument *document;
  TissageWindow *window;
  GtkWidget *baseline, *baseline_date, *target_date, *other;
  g_autofree char *message = NULL;
  g_autofree char *date = NULL;

  g_assert_no_error (error);
  g_clear_object (&example);

  window = open_on_referentiel (file, &page);
  document = tissage_window_get_document (window);
  indicator = g_list_model_get_item (tissage_document_get_records (document, TISSAGE_TYPE_INDICATOR), 0);
  g_assert_true (tissage_document_set (document, indicator, &error, "baseline", 24.0,
                                       "baseline-date", "2024-01-15", "target-date", "", NULL));
  g_assert_no_error (error);
  g_assert_true (tissage_referentiel_page_select (page, TISSAGE_RECORD (indicator)));
  wait_frames (5);

  baseline = find_entry_row (GTK_WIDGET (window), "Situation de départ");
  baseline_date = find_entry_row (GTK_WIDGET (window), "Date de la situation de départ");
  target_date = find_entry_row (GTK_WIDGET (window), "Date de la cible");
  other = find_entry_row (GTK_WIDGET (window), "Unité");
  g_assert_nonnull (baseline);
  g_assert_nonnull (baseline_date);
  g_assert_nonnull (target_date);
  g_assert_nonnull (other);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (baseline)), ==, "24");
  /* Shown as French users write it. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (baseline_date)), ==, "15/01/2024");

  /* A word: 24 stays, the field is marked and a message says why. */
  retype_field (baseline, "vingt");
  g_assert_cmpfloat (indicator_number (indicator, "baseline"), ==, 24.0);
  leave_field (baseline);
  g_assert_cmpfloat (indicator_number (indicator, "baseline"), ==, 24.0);
  g_assert_true (gtk_widget_has_css_class (baseline, "error"));
  g_assert_nonnull (gtk_widget_get_tooltip_text (baseline));
  message = g_strdup_printf (_("“%s” is not a number: the value %s is kept."), "vingt", "24");
  g_assert_nonnull (find_label (GTK_WIDGET (window), message));
  save_screenshot (GTK_WIDGET (window), "indicator-number-refused.png");

  /* French figures. */
  retype_field (baseline, "1 200");
  leave_field (baseline);
  g_assert_cmpfloat (indicator_number (indicator, "baseline"), ==, 1200.0);
  g_assert_false (gtk_widget_has_css_class (baseline, "error"));
  retype_field (baseline, "12,5");
  leave_field (baseline);
  g_assert_cmpfloat (indicator_number (indicator, "baseline"), ==, 12.5);
  /* Emptied and left, it has no value. */
  retype_field (baseline, "");
  leave_field (baseline);
  g_assert_true (isnan (indicator_number (indicator, "baseline")));
  retype_field (baseline, "24");
  leave_field (baseline);

  /* A date in French, read once whole: halfway, nothing is written. */
  retype_field (baseline_date, "31/12/2");
  date = indicator_date (indicator, "baseline-date");
  g_assert_cmpstr (date, ==, "2024-01-15");
  g_clear_pointer (&date, g_free);
  type_text (GTK_EDITABLE (baseline_date), "023");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (baseline_date)), ==, "31/12/2023");
  leave_field (baseline_date);
  date = indicator_date (indicator, "baseline-date");
  g_assert_cmpstr (date, ==, "2023-12-31");
  g_clear_pointer (&date, g_free);
  g_assert_false (gtk_widget_has_css_class (baseline_date, "error"));

  {
    static const struct {
      const char *typed;
      const char *iso;
      const char *shown;
    } dates[] = {
      { "1er janvier 2026", "2026-01-01", "01/01/2026" },
      { "31 décembre 2026", "2026-12-31", "31/12/2026" },
      { "2027-06-30", "2027-06-30", "30/06/2027" },
      { "15 juil. 2027", "2027-07-15", "15/07/2027" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
      {
        retype_field (target_date, dates[i].typed);
        leave_field (target_date);
        date = indicator_date (indicator, "target-date");
        g_assert_cmpstr (date, ==, dates[i].iso);
        g_clear_pointer (&date, g_free);
        g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (target_date)), ==, dates[i].shown);
      }
  }

  /* A month alone, or no date at all: the date stays, and why is said. */
  retype_field (target_date, "déc. 2027");
  leave_field (target_date);
  date = indicator_date (indicator, "target-date");
  g_assert_cmpstr (date, ==, "2027-07-15");
  g_clear_pointer (&date, g_free);
  g_assert_true (gtk_widget_has_css_class (target_date, "error"));
  g_clear_pointer (&message, g_free);
  message = g_strdup_printf (_("“%s” is a month: give the day too, for example 31/12/2025."), "déc. 2027");
  g_assert_nonnull (find_label (GTK_WIDGET (window), message));

  retype_field (target_date, "demain");
  g_signal_emit_by_name (target_date, "entry-activated");
  wait_frames (2);
  date = indicator_date (indicator, "target-date");
  g_assert_cmpstr (date, ==, "2027-07-15");
  g_clear_pointer (&date, g_free);
  g_clear_pointer (&message, g_free);
  message = g_strdup_printf (_("“%s” is not a date: write it as 31/12/2025 or 31 December 2025. The date %s is kept."),
                             "demain", "15/07/2027");
  g_assert_nonnull (find_label (GTK_WIDGET (window), message));
  save_screenshot (GTK_WIDGET (window), "indicator-date-refused.png");

  /* Emptied, the date goes. */
  retype_field (target_date, "");
  leave_field (target_date);
  date = indicator_date (indicator, "target-date");
  g_assert_cmpstr (date, ==, "");
  g_clear_pointer (&date, g_free);
  g_assert_false (gtk_widget_has_css_class (target_date, "error"));

  close_window (window);
}

typedef struct {
  TissageTocView *toc;
  guint           expected;
} Arrows;

/* The board drew as many arrows as expected: it is rebuilt when idle. */
static gboolean
board_has_arrows (gpointer data)
{
  Arrows *arrows = data;

  return tissage_toc_view_get_n_arrows (arrows->toc) == arrows->expected;
}

void
test_referentiel (void)
{
  g_autoptr(GFile) file = g_file_new_build_filename (tmp_dir, "referentiel.tissage", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) example = tissage_document_create_example (file, &error);
  TissageWindow *window;
  TissageReferentielPage *page;
  TissageDocument *document;
  TissageBankDialog *bank;
  AdwMessageDialog *dialog;
  GListModel *indicators, *stakes;
  g_autoptr(TissageEffect) effect = NULL;
  TissageRecord *selected;
  guint n_indicators, n_stakes, rows;
  GtkWidget *focus;

  g_assert_no_error (error);
  g_clear_object (&example);

  window = open_on_referentiel (file, &page);
  document = tissage_window_get_document (window);
  indicators = tissage_document_get_records (document, TISSAGE_TYPE_INDICATOR);
  stakes = tissage_document_get_records (document, TISSAGE_TYPE_STAKE);
  n_indicators = g_list_model_get_n_items (indicators);
  n_stakes = g_list_model_get_n_items (stakes);

  /* The tree opens on the stakes, closed. */
  g_assert_cmpuint (tissage_referentiel_page_get_n_rows (page), ==, n_stakes);

  /* Selecting an effect opens its stake and question. */
  effect = g_list_model_get_item (tissage_document_get_records (document, TISSAGE_TYPE_EFFECT), 0);
  g_assert_true (tissage_referentiel_page_select (page, TISSAGE_RECORD (effect)));
  wait_frames (3);
  g_assert_true (tissage_referentiel_page_get_selected (page) == TISSAGE_RECORD (effect));
  g_assert_nonnull (find_label (GTK_WIDGET (window), "Concerne"));
  save_screenshot (GTK_WIDGET (window), "referentiel-effect.png");

  /* Two indicators from the bank, added as one step. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "ref.add-from-bank", NULL));
  wait_frames (5);
  bank = TISSAGE_BANK_DIALOG (find_toplevel (TISSAGE_TYPE_BANK_DIALOG));
  g_assert_nonnull (bank);
  g_assert_cmpuint (tissage_bank_dialog_get_n_shown (bank), >=, 80);
  tissage_bank_dialog_set_search (bank, "rencontres");
  wait_frames (3);
  g_assert_cmpuint (tissage_bank_dialog_get_n_shown (bank), >=, 1);
  g_assert_cmpuint (tissage_bank_dialog_get_n_shown (bank), <, 20);
  save_screenshot (GTK_WIDGET (bank), "bank.png");
  tissage_bank_dialog_set_search (bank, "");
  tissage_bank_dialog_check (bank, 0, TRUE);
  tissage_bank_dialog_check (bank, 1, TRUE);
  g_assert_true (tissage_bank_dialog_add_checked (bank, &error));
  g_assert_no_error (error);
  gtk_window_close (GTK_WINDOW (bank));
  wait_frames (3);
  g_assert_cmpuint (g_list_model_get_n_items (indicators), ==, n_indicators + 2);
  selected = tissage_referentiel_page_get_selected (page);
  g_assert_true (TISSAGE_IS_INDICATOR (selected));
  g_assert_cmpint (tissage_indicator_get_effect_id (TISSAGE_INDICATOR (selected)), ==,
                   tissage_record_get_id (TISSAGE_RECORD (effect)));
  save_screenshot (GTK_WIDGET (window), "referentiel-indicator.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  wait_frames (2);
  g_assert_cmpuint (g_list_model_get_n_items (indicators), ==, n_indicators);

  /* A new stake, named from the keyboard. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "ref.add-stake", NULL));
  wait_frames (3);
  g_assert_cmpuint (g_list_model_get_n_items (stakes), ==, n_stakes + 1);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (GTK_IS_EDITABLE (focus));
  gtk_editable_set_text (GTK_EDITABLE (focus), "Mobilité des habitants");
  wait_frames (2);
  g_assert_cmpstr (tissage_stake_get_title (TISSAGE_STAKE (tissage_referentiel_page_get_selected (page))), ==,
                   "Mobilité des habitants");
  g_assert_nonnull (find_label (GTK_WIDGET (window), "Mobilité des habitants"));

  /* Deleting a stake with its branch says so, and can be undone. */
  {
    g_autoptr(TissageRecord) first_stake = g_list_model_get_item (stakes, 0);

    g_assert_true (tissage_referentiel_page_select (page, first_stake));
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "ref.delete", NULL));
  wait_frames (3);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_test_message ("%s", adw_message_dialog_get_body (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "indicateur"));
  adw_message_dialog_response (dialog, "delete");
  wait_frames (3);
  g_assert_cmpuint (g_list_model_get_n_items (stakes), ==, n_stakes);
  g_assert_cmpuint (g_list_model_get_n_items (indicators), <, n_indicators);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  wait_frames (2);
  g_assert_cmpuint (g_list_model_get_n_items (indicators), ==, n_indicators);

  /* Values typed in the grid of an indicator summed over the structures. */
  {
    TissageMeasuresGrid *grid = TISSAGE_MEASURES_GRID (tissage_referentiel_page_get_measures (page));
    g_autoptr(TissagePeriod) period = g_list_model_get_item (tissage_document_get_records (document, TISSAGE_TYPE_PERIOD), 0);
    g_autoptr(TissageStructure) structure = g_list_model_get_item (tissage_document_get_structures (document), 0);
    g_autoptr(TissageIndicator) indicator = NULL;
    g_autoptr(TissageMeasurement) measure = NULL;
    GtkWidget *cell;
    double before = 0, after = 0;

    for (guint i = 0; indicator == NULL && i < g_list_model_get_n_items (indicators); i++)
      {
        g_autoptr(TissageIndicator) candidate = g_list_model_get_item (indicators, i);
        gint64 scope;

        g_object_get (candidate, "scope-structure-id", &scope, NULL);
        if (tissage_indicator_get_consolidation (candidate) == TISSAGE_CONSOLIDATION_SUM && scope == 0 &&
            tissage_indicator_get_nature (candidate) == TISSAGE_NATURE_QUANTITATIVE)
          indicator = g_steal_pointer (&candidate);
      }
    g_assert_nonnull (indicator);
    /* A figure typed for the collective would count instead of the sum. */
    g_assert_true (tissage_document_set_measure (document, indicator, period, NULL, "", NULL));
    g_assert_true (tissage_referentiel_page_select (page, TISSAGE_RECORD (indicator)));
    wait_frames (3);

    cell = tissage_measures_grid_get_cell (grid, period, structure);
    g_assert_nonnull (cell);
    tissage_document_consolidate (document, indicator, period, &before);

    gtk_widget_grab_focus (cell);
    gtk_editable_set_text (GTK_EDITABLE (cell), "beaucoup");
    wait_frames (2);
    g_assert_true (gtk_widget_has_css_class (cell, "error"));

    gtk_editable_set_text (GTK_EDITABLE (cell), "1 000");
    wait_frames (2);
    g_assert_false (gtk_widget_has_css_class (cell, "error"));
    measure = tissage_document_get_measure (document, indicator, period, structure);
    g_assert_nonnull (measure);
    g_assert_cmpfloat (tissage_measurement_get_value (measure), ==, 1000.0);
    g_assert_true (tissage_document_consolidate (document, indicator, period, &after));
    g_assert_cmpfloat (after, >, before);

    /* Emptied to be retyped, then a word: 1000 stays, and the cell says why
     * once left; emptied and left, the value goes; French figures are read. */
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a number: the value %s is kept."), "mille", "1000");

      retype_field (cell, "mille");
      g_clear_object (&measure);
      measure = tissage_document_get_measure (document, indicator, period, structure);
      g_assert_nonnull (measure);
      g_assert_cmpfloat (tissage_measurement_get_value (measure), ==, 1000.0);
      leave_field (cell);
      g_assert_true (gtk_widget_has_css_class (cell, "error"));
      g_assert_nonnull (find_label (GTK_WIDGET (window), message));
      g_clear_object (&measure);
      measure = tissage_document_get_measure (document, indicator, period, structure);
      g_assert_cmpfloat (tissage_measurement_get_value (measure), ==, 1000.0);

      retype_field (cell, "");
      leave_field (cell);
      g_clear_object (&measure);
      measure = tissage_document_get_measure (document, indicator, period, structure);
      g_assert_true (measure == NULL || isnan (tissage_measurement_get_value (measure)));

      retype_field (cell, "1 000");
      leave_field (cell);
      g_assert_false (gtk_widget_has_css_class (cell, "error"));
      g_clear_object (&measure);
      measure = tissage_document_get_measure (document, indicator, period, structure);
      g_assert_cmpfloat (tissage_measurement_get_value (measure), ==, 1000.0);
      gtk_widget_grab_focus (cell);
    }

    /* The value's comment, kept with it. */
    tissage_measures_grid_set_comment (grid, "Chiffre provisoire, à confirmer en janvier");
    g_clear_object (&measure);
    measure = tissage_document_get_measure (document, indicator, period, structure);
    {
      g_autofree char *comment = NULL;

      g_object_get (measure, "comment", &comment, NULL);
      g_assert_cmpstr (comment, ==, "Chiffre provisoire, à confirmer en janvier");
    }

    /* Enter goes down the column. */
    g_signal_emit_by_name (cell, "activate");
    wait_frames (1);
    g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) != cell);
    save_screenshot (GTK_WIDGET (window), "referentiel-values.png");
    save_screenshot (GTK_WIDGET (grid), "values-grid.png");

    /* A period's header opens its editor: name and dates saved as typed,
     * a wrong date said and not saved, deletion asked and undoable. */
    {
      GtkWidget *header = find_widget (GTK_WIDGET (grid), has_button_label, tissage_period_get_label (period));
      GtkPopover *popover;
      GtkWidget *entries[3] = { NULL, };
      guint n_entries = 0, n_periods;
      GListModel *periods = tissage_document_get_records (document, TISSAGE_TYPE_PERIOD);
      g_autofree char *start = NULL;

      g_assert_nonnull (header);
      gtk_menu_button_popup (GTK_MENU_BUTTON (header));
      wait_frames (3);
      popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (header));
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
      for (GtkWidget *child = gtk_widget_get_first_child (gtk_popover_get_child (popover));
           child != NULL; child = gtk_widget_get_next_sibling (child))
        if (GTK_IS_ENTRY (child) && n_entries < 3)
          entries[n_entries++] = child;
      g_assert_cmpuint (n_entries, ==, 3);

      gtk_editable_set_text (GTK_EDITABLE (entries[0]), "Année 2024");
      g_assert_cmpstr (tissage_period_get_label (period), ==, "Année 2024");
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));

      /* Dates are read once typed whole, when Enter is pressed or the
       * field is left: "01/01/2" on the way is not 2002. */
      gtk_widget_grab_focus (entries[1]);
      gtk_editable_set_text (GTK_EDITABLE (entries[1]), "");
      type_text (GTK_EDITABLE (entries[1]), "31/02/2024");
      g_signal_emit_by_name (entries[1], "activate");
      wait_frames (2);
      g_assert_true (gtk_widget_has_css_class (entries[1], "error"));
      gtk_editable_set_text (GTK_EDITABLE (entries[1]), "");
      type_text (GTK_EDITABLE (entries[1]), "1/1/2");
      g_object_get (period, "start-date", &start, NULL);
      g_assert_cmpstr (start, !=, "2002-01-01");
      g_clear_pointer (&start, g_free);
      type_text (GTK_EDITABLE (entries[1]), "024");
      g_signal_emit_by_name (entries[1], "activate");
      wait_frames (2);
      g_assert_false (gtk_widget_has_css_class (entries[1], "error"));
      g_object_get (period, "start-date", &start, NULL);
      g_assert_cmpstr (start, ==, "2024-01-01");
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entries[1])), ==, "01/01/2024");
      g_clear_pointer (&start, g_free);
      /* Written out, in the end field; closing the editor reads it too. */
      gtk_widget_grab_focus (entries[2]);
      gtk_editable_set_text (GTK_EDITABLE (entries[2]), "");
      type_text (GTK_EDITABLE (entries[2]), "31 décembre 2024");

      gtk_popover_popdown (popover);
      wait_frames (3);
      header = find_widget (GTK_WIDGET (grid), has_button_label, "Année 2024");
      g_assert_nonnull (header);
      {
        g_autofree char *end = NULL;

        g_object_get (period, "end-date", &end, NULL);
        g_assert_cmpstr (end, ==, "2024-12-31");
      }

      n_periods = g_list_model_get_n_items (periods);
      gtk_menu_button_popup (GTK_MENU_BUTTON (header));
      wait_frames (3);
      {
        GtkWidget *grid_box = gtk_popover_get_child (gtk_menu_button_get_popover (GTK_MENU_BUTTON (header)));
        GtkWidget *delete_button = NULL;

        for (GtkWidget *child = gtk_widget_get_first_child (grid_box); child != NULL;
             child = gtk_widget_get_next_sibling (child))
          if (GTK_IS_BUTTON (child))
            delete_button = child;
        g_assert_nonnull (delete_button);
        g_signal_emit_by_name (delete_button, "clicked");
      }
      wait_frames (3);
      dialog = NULL;
      for (guint t = 0; t < g_list_model_get_n_items (gtk_window_get_toplevels ()); t++)
        {
          g_autoptr(GtkWindow) toplevel = g_list_model_get_item (gtk_window_get_toplevels (), t);

          if (ADW_IS_MESSAGE_DIALOG (toplevel) &&
              g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (toplevel)), _("Delete This Period?")) == 0)
            dialog = ADW_MESSAGE_DIALOG (toplevel);
        }
      g_assert_nonnull (dialog);
      g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Année 2024"));
      adw_message_dialog_response (dialog, "delete");
      wait_frames (3);
      g_assert_cmpuint (g_list_model_get_n_items (periods), ==, n_periods - 1);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
      wait_frames (3);
      g_assert_cmpuint (g_list_model_get_n_items (periods), ==, n_periods);
    }

    /* Kept in the project's bank, it is offered with the built-in ones. */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "ref.add-to-bank", NULL));
    g_assert_cmpuint (g_list_model_get_n_items (tissage_document_get_records (document, TISSAGE_TYPE_BANK_INDICATOR)), ==, 1);
  }

  /* The theory of change: every arrow of the example drawn; a new card, linked. */
  {
    TissageTocView *toc = TISSAGE_TOC_VIEW (tissage_referentiel_page_get_toc (page));
    GListModel *links = tissage_document_get_records (document, TISSAGE_TYPE_TOC_LINK);
    GListModel *cards = tissage_document_get_records (document, TISSAGE_TYPE_TOC_ITEM);
    g_autoptr(TissageTocItem) card = NULL;
    g_autoptr(TissageTocItem) activity = NULL;
    guint n_links = g_list_model_get_n_items (links);
    guint n_cards = g_list_model_get_n_items (cards);
    Arrows arrows = { toc, 0 };

    tissage_referentiel_page_show_toc (page, TRUE);
    g_assert_cmpuint (n_links, >=, 10);
    /* The board is built when idle: wait for it, not for a count of frames. */
    arrows.expected = n_links;
    wait_until (board_has_arrows, &arrows, 5000);
    g_assert_nonnull (find_label (GTK_WIDGET (window), "Ressources"));
    save_screenshot (GTK_WIDGET (window), "theory-of-change.png");

    card = tissage_toc_view_add_card (toc, TISSAGE_TOC_RESOURCES, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (cards), ==, n_cards + 1);
    for (guint i = 0; activity == NULL && i < n_cards; i++)
      {
        g_autoptr(TissageTocItem) candidate = g_list_model_get_item (cards, i);
        int stage;

        g_object_get (candidate, "stage", &stage, NULL);
        if (stage == TISSAGE_TOC_ACTIVITIES)
          activity = g_steal_pointer (&candidate);
      }
    g_assert_true (tissage_toc_view_link_cards (toc, card, activity, &error));
    arrows.expected = n_links + 1;
    wait_until (board_has_arrows, &arrows, 5000);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
    arrows.expected = n_links;
    wait_until (board_has_arrows, &arrows, 5000);
    tissage_referentiel_page_show_toc (page, FALSE);
  }

  /* Moves, as drag and drop makes them. */
  {
    GListModel *effects = tissage_document_get_records (document, TISSAGE_TYPE_EFFECT);
    g_autoptr(TissageEffect) first_effect = g_list_model_get_item (effects, 0);
    g_autoptr(TissageEffect) other_effect = g_list_model_get_item (effects, 5);
    g_autoptr(TissageIndicator) moved = NULL;
    g_autoptr(TissageIndicator) sibling = NULL;
    g_autoptr(TissageStake) stake = g_list_model_get_item (stakes, 0);
    int moved_position, sibling_position, before_position;

    /* The first and the last indicator of the first effect. */
    {
      int lowest = G_MAXINT, highest = -1;

      for (guint i = 0; i < g_list_model_get_n_items (indicators); i++)
        {
          g_autoptr(TissageIndicator) candidate = g_list_model_get_item (indicators, i);
          int position;

          if (tissage_indicator_get_effect_id (candidate) != tissage_record_get_id (TISSAGE_RECORD (first_effect)))
            continue;
          g_object_get (candidate, "position", &position, NULL);
          if (position < lowest)
            {
              lowest = position;
              g_set_object (&sibling, candidate);
            }
          if (position > highest)
            {
              highest = position;
              g_set_object (&moved, candidate);
            }
        }
      g_assert_cmpint (highest, >, lowest);
      before_position = highest;
    }
    g_assert_nonnull (moved);
    g_assert_nonnull (sibling);

    /* Before its sibling. */
    g_assert_true (tissage_referentiel_page_move (page, TISSAGE_RECORD (moved), TISSAGE_RECORD (sibling), &error));
    g_object_get (moved, "position", &moved_position, NULL);
    g_object_get (sibling, "position", &sibling_position, NULL);
    g_assert_cmpint (moved_position, <, sibling_position);

    /* Under another effect, last; then refused under a stake. */
    g_assert_true (tissage_referentiel_page_move (page, TISSAGE_RECORD (moved), TISSAGE_RECORD (other_effect), &error));
    g_assert_cmpint (tissage_indicator_get_effect_id (moved), ==, tissage_record_get_id (TISSAGE_RECORD (other_effect)));
    g_assert_false (tissage_referentiel_page_move (page, TISSAGE_RECORD (moved), TISSAGE_RECORD (stake), &error));
    g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE);
    g_clear_error (&error);

    /* Each move is one step. */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
    g_assert_cmpint (tissage_indicator_get_effect_id (moved), ==, tissage_record_get_id (TISSAGE_RECORD (first_effect)));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
    g_object_get (moved, "position", &moved_position, NULL);
    g_assert_cmpint (moved_position, ==, before_position);
  }

  /* Search narrows the tree to what matches and its ancestors. */
  rows = tissage_referentiel_page_get_n_rows (page);
  tissage_referentiel_page_set_search (page, "Mobilité");
  wait_frames (2);
  g_assert_cmpuint (tissage_referentiel_page_get_n_rows (page), ==, 1);
  tissage_referentiel_page_set_search (page, "");
  g_assert_cmpuint (tissage_referentiel_page_get_n_rows (page), >=, n_stakes);
  (void) rows;

  close_window (window);
}

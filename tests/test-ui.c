/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "tissage-application.h"
#include "tissage-bank-dialog.h"
#include "tissage-export-dialog.h"
#include "tissage-interviews.h"
#include "tissage-list-row.h"
#include "tissage-lock.h"
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


/* Typing into the text fields of a new structure saves each letter and
 * leaves the window answering (it spun forever on the first letter). */
static void
test_structures_typing (void)
{
  g_autoptr(GFile) file = new_project ("structures.tissage");
  TissageWindow *window = open_window (file);
  TissageDocument *document = tissage_window_get_document (window);
  GListModel *structures = tissage_document_get_structures (document);
  g_autoptr(TissageStructure) structure = NULL;
  GtkWindow *dialog;
  GtkWidget *add;
  static const struct {
    const char *title;
    const char *property;
  } fields[] = {
    { "Type de structure", "kind" },
    { "Territoire", "territory" },
    { "Nom", "name" },
  };

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.manage-structures", NULL));
  wait_frames (5);
  dialog = find_toplevel (TISSAGE_TYPE_STRUCTURES_WINDOW);
  g_assert_nonnull (dialog);
  wait_mapped (GTK_WIDGET (dialog));

  add = find_shown_widget (GTK_WIDGET (dialog), has_icon_name, "list-add-symbolic");
  g_assert_nonnull (add);
  g_signal_emit_by_name (add, "clicked");
  wait_frames (5);
  g_assert_cmpuint (g_list_model_get_n_items (structures), ==, 1);
  structure = g_list_model_get_item (structures, 0);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      GtkWidget *row = find_entry_row (GTK_WIDGET (dialog), fields[i].title);
      g_autofree char *stored = NULL;

      g_assert_nonnull (row);
      gtk_widget_grab_focus (row);
      gtk_editable_set_text (GTK_EDITABLE (row), "");
      type_text (GTK_EDITABLE (row), "Centre social");
      wait_frames (2);
      g_object_get (structure, fields[i].property, &stored, NULL);
      g_assert_cmpstr (stored, ==, "Centre social");
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Centre social");
    }
  save_screenshot (GTK_WIDGET (dialog), "structures-typed.png");

  /* Undo gives the name back, and the field shows it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "structures.undo", NULL));
  wait_frames (3);
  g_assert_cmpstr (tissage_structure_get_name (structure), ==, "Nouvelle structure");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_entry_row (GTK_WIDGET (dialog), "Nom"))),
                   ==, "Nouvelle structure");

  gtk_window_destroy (dialog);
  close_window (window);
}

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
static void
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

/* Figures and dates of an indicator, typed key by key as a person does:
 * a word keeps the value and says why, French ways of writing are read,
 * and a date is read once the field is left, never half typed. */
static void
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

  window = open_window (file);
  tissage_window_show_section (window, "referentiel");
  wait_frames (5);
  page = TISSAGE_REFERENTIEL_PAGE (tissage_window_get_referentiel_page (window));
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

static void
test_french (void)
{
  TissageWindow *window = open_window (NULL);

  /* The start page speaks French. */
  g_assert_nonnull (find_label (GTK_WIDGET (window), "Bienvenue dans Tissage"));
  g_assert_nonnull (find_label (GTK_WIDGET (window), "Découvrir avec l’exemple"));
  save_screenshot (GTK_WIDGET (window), "start-page.png");

  /* The keyboard shortcuts, in French too. */
  {
    GtkWindow *shortcuts;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
    wait_frames (10);
    shortcuts = find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
    g_assert_nonnull (shortcuts);
    g_assert_nonnull (find_label (GTK_WIDGET (shortcuts), "Cartographie des parties prenantes"));
    save_screenshot (GTK_WIDGET (shortcuts), "shortcuts.png");
    gtk_window_close (shortcuts);
  }

  close_window (window);
}

static void
test_add_stakeholder_and_reopen (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "ajout", NULL);
  g_autoptr(GFile) file = g_file_new_build_filename (tmp_dir, "ajout.tissage", NULL);
  TissageWindow *window = open_window (NULL);
  TissageDocument *document;
  GListModel *stakeholders;
  TissageStakeholderPage *page = TISSAGE_STAKEHOLDER_PAGE (tissage_window_get_stakeholder_page (window));
  TissageStakeholder *selected;
  GtkWidget *focus;

  /* Created as the “New project” dialog does, which adds the extension. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.create-project", "s", path));
  wait_frames (3);
  document = tissage_window_get_document (window);
  g_assert_nonnull (document);
  g_assert_true (g_file_equal (tissage_document_get_file (document), file));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Nouveau projet");
  stakeholders = tissage_document_get_stakeholders (document);

  /* An empty project says what to do. */
  g_assert_nonnull (find_label (GTK_WIDGET (window), _("No Stakeholders")));
  g_assert_cmpuint (g_list_model_get_n_items (stakeholders), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-stakeholder", NULL));
  wait_frames (5);
  g_assert_cmpuint (g_list_model_get_n_items (stakeholders), ==, 1);
  selected = tissage_stakeholder_page_get_selected (page);
  g_assert_nonnull (selected);

  /* The name field has the focus: typing renames, and each change is saved. */
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (GTK_IS_EDITABLE (focus));
  gtk_editable_set_text (GTK_EDITABLE (focus), "Mission locale Rive Droite");
  wait_frames (3);
  g_assert_cmpstr (tissage_stakeholder_get_name (selected), ==, "Mission locale Rive Droite");
  g_assert_nonnull (find_shown_widget (GTK_WIDGET (window), is_list_row_titled, "Mission locale Rive Droite"));
  g_assert_nonnull (find_label (GTK_WIDGET (window), "1 partie prenante"));
  save_screenshot (GTK_WIDGET (window), "stakeholder-editor.png");

  /* Undo and redo through the window's actions. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  wait_frames (2);
  g_assert_cmpstr (tissage_stakeholder_get_name (selected), ==, _("New stakeholder"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  wait_frames (2);
  g_assert_cmpstr (tissage_stakeholder_get_name (selected), ==, "Mission locale Rive Droite");

  close_window (window);

  /* Reopened, it is there. */
  window = open_window (file);
  document = tissage_window_get_document (window);
  g_assert_cmpuint (g_list_model_get_n_items (tissage_document_get_stakeholders (document)), ==, 1);
  g_assert_nonnull (find_shown_widget (GTK_WIDGET (window), is_list_row_titled, "Mission locale Rive Droite"));
  close_window (window);
}

static void
test_delete_asks_and_undoes (void)
{
  g_autoptr(GFile) file = g_file_new_build_filename (tmp_dir, "exemple.tissage", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) example = tissage_document_create_example (file, &error);
  TissageWindow *window;
  TissageStakeholderPage *page;
  TissageDocument *document;
  GListModel *stakeholders;
  GListModel *links;
  g_autoptr(TissageStakeholder) target = NULL;
  AdwMessageDialog *dialog;
  guint n_stakeholders, n_links;

  g_assert_no_error (error);
  g_clear_object (&example);

  window = open_window (file);
  page = TISSAGE_STAKEHOLDER_PAGE (tissage_window_get_stakeholder_page (window));
  document = tissage_window_get_document (window);
  stakeholders = tissage_document_get_stakeholders (document);
  links = tissage_document_get_links (document);
  n_stakeholders = g_list_model_get_n_items (stakeholders);
  n_links = g_list_model_get_n_items (links);

  for (guint i = 0; i < n_stakeholders && target == NULL; i++)
    {
      g_autoptr(TissageStakeholder) s = g_list_model_get_item (stakeholders, i);
      TissageDependents deps;

      tissage_document_count_dependents (document, s, &deps);
      if (deps.links >= 2)
        target = g_steal_pointer (&s);
    }
  g_assert_nonnull (target);
  g_assert_true (tissage_stakeholder_page_select (page, target));
  wait_frames (3);
  save_screenshot (GTK_WIDGET (window), "example-project.png");

  /* Cancelling keeps it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-stakeholder", NULL));
  wait_frames (3);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "liens"));
  save_screenshot (GTK_WIDGET (dialog), "delete-dialog.png");
  adw_message_dialog_response (dialog, "cancel");
  wait_frames (3);
  g_assert_cmpuint (g_list_model_get_n_items (stakeholders), ==, n_stakeholders);

  /* Deleting takes its links; undo gives both back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-stakeholder", NULL));
  wait_frames (3);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "delete");
  wait_frames (3);
  g_assert_cmpuint (g_list_model_get_n_items (stakeholders), ==, n_stakeholders - 1);
  g_assert_cmpuint (g_list_model_get_n_items (links), <, n_links);

  /* The toast's Undo takes back the deletion only while it is the last edit. */
  {
    guint64 deletion = tissage_document_get_undo_serial (document);
    g_autoptr(TissageStakeholder) other = g_list_model_get_item (stakeholders, 0);
    int influence = tissage_stakeholder_get_influence (other);

    g_assert_true (tissage_document_set (document, other, &error, "influence", influence == 10 ? 11 : 10, NULL));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-step", "t", deletion));
    wait_frames (2);
    g_assert_cmpint (tissage_stakeholder_get_influence (other), !=, influence);
    g_assert_cmpuint (g_list_model_get_n_items (stakeholders), ==, n_stakeholders - 1);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
    g_assert_cmpint (tissage_stakeholder_get_influence (other), ==, influence);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-step", "t", deletion));
    wait_frames (2);
    g_assert_cmpuint (g_list_model_get_n_items (stakeholders), ==, n_stakeholders);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
    g_assert_cmpuint (g_list_model_get_n_items (stakeholders), ==, n_stakeholders - 1);
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  wait_frames (3);
  g_assert_cmpuint (g_list_model_get_n_items (stakeholders), ==, n_stakeholders);
  g_assert_cmpuint (g_list_model_get_n_items (links), ==, n_links);
  /* The map draws the links that came back too. */
  g_assert_cmpuint (tissage_map_model_get_n_edges (tissage_map_widget_get_model (
                      TISSAGE_MAP_WIDGET (tissage_stakeholder_page_get_map (page)))), ==, n_links);

  /* Search narrows the list and says how many match. */
  {
    g_autofree char *count = g_strdup_printf ("1 sur %u parties prenantes", n_stakeholders);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
    wait_frames (2);
    gtk_editable_set_text (GTK_EDITABLE (gtk_root_get_focus (GTK_ROOT (window))),
                           tissage_stakeholder_get_name (target));
    wait_frames (30);
    g_assert_nonnull (find_label (GTK_WIDGET (window), count));
  }

  /* A search finds a word from its middle too: "anneries" finds the Tanneries. */
  {
    g_autofree char *count = NULL;
    guint expected = 0;

    for (guint i = 0; i < n_stakeholders; i++)
      {
        g_autoptr(TissageStakeholder) s = g_list_model_get_item (stakeholders, i);
        g_autofree char *folded = g_utf8_casefold (tissage_stakeholder_get_name (s), -1);

        expected += strstr (folded, "anneries") != NULL;
      }
    g_assert_cmpuint (expected, >, 0);
    count = g_strdup_printf ("%u sur %u parties prenantes", expected, n_stakeholders);
    gtk_editable_set_text (GTK_EDITABLE (gtk_root_get_focus (GTK_ROOT (window))), "anneries");
    wait_frames (30);
    g_assert_nonnull (find_label (GTK_WIDGET (window), count));
  }

  close_window (window);
}

static void
test_bad_file (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "compte-rendu.tissage", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  TissageWindow *window;
  AdwMessageDialog *dialog;
  g_autofree char *expected = NULL;

  g_assert_true (g_file_set_contents (path, "Réunion du comité de pilotage\n", -1, NULL));

  window = open_window (NULL);
  g_assert_false (tissage_window_open_file (window, file));
  wait_frames (3);
  g_assert_null (tissage_window_get_document (window));

  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  expected = g_strdup_printf ("Le fichier « %s » n’est pas un projet Tissage.", "compte-rendu.tissage");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, expected);
  save_screenshot (GTK_WIDGET (dialog), "bad-file.png");
  adw_message_dialog_response (dialog, "close");
  close_window (window);
}

static void
test_read_only (void)
{
  g_autoptr(GFile) file = new_project ("futur.tissage");
  g_autofree char *path = g_file_get_path (file);
  TissageWindow *window;
  TissageDocument *document;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  window = open_window (file);
  document = tissage_window_get_document (window);
  g_assert_true (tissage_document_get_read_only (document));
  g_assert_nonnull (find_label (GTK_WIDGET (window), tissage_document_get_read_only_reason (document)));

  /* Nothing can be added. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-stakeholder", NULL);
  wait_frames (2);
  g_assert_cmpuint (g_list_model_get_n_items (tissage_document_get_stakeholders (document)), ==, 0);
  close_window (window);
}

/* A received file with a trigger of another tool: read-only, said in
 * French, and a repaired copy is one button away and opens for editing. */
static void
test_foreign_file (void)
{
  g_autoptr(GFile) file = new_project ("recu.tissage");
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *copy_path = g_build_filename (tmp_dir, "recu-reparee.tissage", NULL);
  g_autoptr(GFile) copy_file = g_file_new_for_path (copy_path);
  TissageWindow *window;
  TissageDocument *document;
  GtkWidget *button;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TRIGGER wipe AFTER UPDATE ON stakeholders BEGIN DELETE FROM interviews; END;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  window = open_window (file);
  document = tissage_window_get_document (window);
  g_assert_true (tissage_document_get_read_only (document));
  g_assert_nonnull (find_label (GTK_WIDGET (window), tissage_document_get_read_only_reason (document)));
  g_assert_true (g_str_has_prefix (tissage_document_get_read_only_reason (document), "«\u00a0recu.tissage\u00a0» contient des éléments que Tissage n’a pas écrits"));
  button = find_label (GTK_WIDGET (window), "Enregistrer une copie…");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_visible (button));
  save_screenshot (GTK_WIDGET (window), "foreign-file.png");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.save-copy-to", "s", copy_path);
  wait_frames (2);
  document = tissage_window_get_document (window);
  g_assert_true (g_file_equal (tissage_document_get_file (document), copy_file));
  g_assert_false (tissage_document_get_read_only (document));
  close_window (window);
}

static gboolean
message_dialog_shown (gpointer data)
{
  AdwMessageDialog *dialog = find_message_dialog ();

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog)) &&
         gtk_widget_get_width (GTK_WIDGET (dialog)) > 0;
}

static gboolean
document_is_read_only (gpointer document)
{
  return tissage_document_get_read_only (document);
}

/* The file goes away under the window (a sync client replaced it): the
 * window says so, and closing it asks first, a copy one button away. */
static void
test_detached_close_asks (void)
{
  g_autoptr(GFile) file = new_project ("synchronise.tissage");
  g_autofree char *path = g_file_get_path (file);
  TissageWindow *window;
  TissageDocument *document;
  AdwMessageDialog *dialog;

  window = open_window (file);
  document = tissage_window_get_document (window);
  g_assert_cmpint (g_unlink (path), ==, 0);
  wait_until (document_is_read_only, document, 5000);
  g_assert_true (tissage_document_get_detached (document));
  wait_frames (2);
  g_assert_nonnull (find_label (GTK_WIDGET (window), "Enregistrer une copie…"));

  gtk_window_close (GTK_WINDOW (window));
  wait_frames (3);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "save"));
  save_screenshot (GTK_WIDGET (dialog), "close-detached.png");
  adw_message_dialog_response (dialog, "cancel");
  wait_frames (2);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  close_window (window);
}

/* Read-only, a long stakeholder can still be scrolled through and read. */
static void
test_read_only_scrolls (void)
{
  g_autoptr(GFile) file = new_project ("protege.tissage");
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *lock_path = tissage_lock_path_for (path);
  TissageWindow *window;
  GtkWidget *editor;
  GtkWidget *scrolled;
  GtkWidget *content;

  g_assert_true (g_file_set_contents (lock_path, "[Tissage]\nUser=Marie\nHost=portable-marie\nPid=4242\n", -1, NULL));
  window = open_window (NULL);
  {
    /* The window holds its own reference. */
    g_autoptr(TissageDocument) read_only = tissage_document_open_for_reading_with_reason (file, "Lecture seule", NULL);

    tissage_window_set_document (window, read_only);
  }
  wait_frames (3);

  editor = tissage_stakeholder_page_get_editor (TISSAGE_STAKEHOLDER_PAGE (tissage_window_get_stakeholder_page (window)));
  g_assert_nonnull (editor);
  scrolled = find_child_of_type (editor, GTK_TYPE_SCROLLED_WINDOW);
  g_assert_nonnull (scrolled);
  g_assert_true (gtk_widget_is_sensitive (scrolled));
  content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  if (GTK_IS_VIEWPORT (content))
    content = gtk_viewport_get_child (GTK_VIEWPORT (content));
  g_assert_false (gtk_widget_is_sensitive (content));
  close_window (window);
  g_unlink (lock_path);
}

/* A name from an archive made on Windows, not UTF-8: it opens, and the
 * window goes on to other projects. */
static void
test_name_not_utf8 (void)
{
  g_autoptr(GFile) first = new_project ("premier.tissage");
  g_autofree char *first_path = g_file_get_path (first);
  g_autofree char *latin1 = g_build_filename (tmp_dir, "R\xe9union.tissage", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (latin1);
  g_autoptr(GFile) other = new_project ("autre.tissage");
  TissageWindow *window;

  g_assert_cmpint (g_rename (first_path, latin1), ==, 0);
  window = open_window (file);
  g_assert_nonnull (tissage_window_get_document (window));
  tissage_window_set_document (window, NULL);
  g_assert_true (tissage_window_open_file (window, other));
  wait_frames (2);
  close_window (window);
}

/* The project reached again through a linked folder is the window that
 * has it open, not a second window locked out by the first. */
static void
test_same_project_through_link (void)
{
  g_autoptr(GFile) file = new_project ("lie.tissage");
  g_autofree char *link_dir = g_build_filename (tmp_dir, "raccourci", NULL);
  g_autofree char *linked_path = g_build_filename (link_dir, "lie.tissage", NULL);
  g_autoptr(GFile) linked = g_file_new_for_path (linked_path);
  TissageWindow *window;
  guint before;

  g_assert_cmpint (symlink (tmp_dir, link_dir), ==, 0);
  window = open_window (file);
  before = g_list_length (gtk_application_get_windows (GTK_APPLICATION (application)));
  g_application_open (G_APPLICATION (application), &linked, 1, "");
  wait_frames (3);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (application))), ==, before);
  g_assert_null (find_message_dialog ());
  close_window (window);
  g_unlink (link_dir);
}

/* Open on another computer: who, where and since when, and it can be read. */
static void
test_locked_elsewhere (void)
{
  g_autoptr(GFile) file = new_project ("partage.tissage");
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *lock_path = tissage_lock_path_for (path);
  g_autoptr(GDateTime) since = g_date_time_new_now_local ();
  g_autofree char *iso = g_date_time_format_iso8601 (since);
  g_autofree char *lock = g_strdup_printf ("[Tissage]\nUser=Marie Dupont\nHost=portable-marie\nPid=4242\nSince=%s\n", iso);
  TissageWindow *window;
  AdwMessageDialog *dialog;
  TissageDocument *document;

  g_assert_true (g_file_set_contents (lock_path, lock, -1, NULL));

  window = open_window (NULL);
  g_assert_false (tissage_window_open_file (window, file));
  wait_until (message_dialog_shown, NULL, 5000);
  dialog = find_message_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Ouvert par Marie Dupont sur l’ordinateur «\u00a0portable-marie\u00a0» depuis"));
  g_assert_true (adw_message_dialog_has_response (dialog, "take-over"));
  save_screenshot (GTK_WIDGET (dialog), "locked-elsewhere.png");
  adw_message_dialog_response (dialog, "read-only");
  wait_frames (2);

  document = tissage_window_get_document (window);
  g_assert_nonnull (document);
  g_assert_true (tissage_document_get_read_only (document));
  g_assert_nonnull (strstr (tissage_document_get_read_only_reason (document), "Marie Dupont"));
  close_window (window);

  /* The lock was theirs: reading left it as it was. */
  g_assert_true (g_file_test (lock_path, G_FILE_TEST_IS_REGULAR));
  g_unlink (lock_path);
}

static gboolean
find_drop (TissageMapWidget *map,
           gboolean        (*wanted) (const TissageMapDrop *drop, gpointer data),
           gpointer          data,
           TissageMapDrop   *out)
{
  TissageMapView *view = tissage_map_widget_get_view (map);
  int width = gtk_widget_get_width (GTK_WIDGET (map));
  int height = gtk_widget_get_height (GTK_WIDGET (map));

  for (int y = 10; y < height; y += 7)
    for (int x = 10; x < width; x += 7)
      if (tissage_map_view_locate (view, x, y, out) && wanted (out, data))
        return TRUE;

  return FALSE;
}

static gboolean
is_external (const TissageMapDrop *drop,
             gpointer              data)
{
  return drop->proximity == TISSAGE_PROXIMITY_EXTERNAL;
}

static gboolean
is_influential (const TissageMapDrop *drop,
                gpointer              data)
{
  return drop->influence >= 80 && drop->interest <= 20;
}

static gboolean
map_arranged (gpointer map)
{
  return !tissage_map_widget_is_arranging (map);
}

static void
test_map (void)
{
  g_autoptr(GFile) file = g_file_new_build_filename (tmp_dir, "carte.tissage", NULL);
  g_autofree char *png = g_build_filename (tmp_dir, "carte.png", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) example = tissage_document_create_example (file, &error);
  TissageWindow *window;
  TissageStakeholderPage *page;
  TissageMapWidget *map;
  TissageDocument *document;
  GListModel *stakeholders, *links;
  g_autoptr(TissageStakeholder) a = NULL;
  g_autoptr(TissageStakeholder) b = NULL;
  g_autoptr(TissageLink) link = NULL;
  TissageMapDrop drop;
  guint n_links;
  int before;

  g_assert_no_error (error);
  g_clear_object (&example);

  window = open_window (file);
  page = TISSAGE_STAKEHOLDER_PAGE (tissage_window_get_stakeholder_page (window));
  map = TISSAGE_MAP_WIDGET (tissage_stakeholder_page_get_map (page));
  document = tissage_window_get_document (window);
  stakeholders = tissage_document_get_stakeholders (document);
  links = tissage_document_get_links (document);
  n_links = g_list_model_get_n_items (links);
  a = g_list_model_get_item (stakeholders, 3);
  b = g_list_model_get_item (stakeholders, 7);

  /* The rings are the first layout; the map fills its place. */
  tissage_map_widget_set_layout (map, TISSAGE_MAP_LAYOUT_RINGS);
  wait_frames (5);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (map)), >, 300);
  save_screenshot (GTK_WIDGET (window), "map-rings.png");

  /* One selection for the list and the map. */
  g_assert_true (tissage_stakeholder_page_select (page, a));
  wait_frames (2);
  g_assert_true (tissage_map_widget_get_selected (map) == a);
  tissage_map_widget_select (map, b);
  wait_frames (2);
  g_assert_true (tissage_stakeholder_page_get_selected (page) == b);
  g_assert_nonnull (find_label (GTK_WIDGET (window), tissage_stakeholder_get_name (b)));

  /* Dropping a node in the outer ring makes it external; undo brings it back. */
  before = tissage_stakeholder_get_proximity (b);
  if (before == TISSAGE_PROXIMITY_EXTERNAL)
    {
      g_clear_object (&b);
      for (guint i = 0; b == NULL; i++)
        {
          g_autoptr(TissageStakeholder) s = g_list_model_get_item (stakeholders, i);
          if (tissage_stakeholder_get_proximity (s) != TISSAGE_PROXIMITY_EXTERNAL)
            b = g_steal_pointer (&s);
        }
      before = tissage_stakeholder_get_proximity (b);
    }
  g_assert_true (find_drop (map, is_external, NULL, &drop));
  g_assert_true (tissage_map_widget_drop_node (map, b, &drop, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tissage_stakeholder_get_proximity (b), ==, TISSAGE_PROXIMITY_EXTERNAL);
  g_assert_cmpint (tissage_map_model_lookup_node (tissage_map_widget_get_model (map),
                                                  tissage_record_get_id (TISSAGE_RECORD (b)))->proximity,
                   ==, TISSAGE_PROXIMITY_EXTERNAL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  wait_frames (2);
  g_assert_cmpint (tissage_stakeholder_get_proximity (b), ==, before);

  /* In the grid, a drop sets influence and interest together. */
  tissage_map_widget_set_layout (map, TISSAGE_MAP_LAYOUT_GRID);
  wait_frames (5);
  save_screenshot (GTK_WIDGET (window), "map-grid.png");
  g_assert_true (find_drop (map, is_influential, NULL, &drop));
  g_assert_true (tissage_map_widget_drop_node (map, b, &drop, &error));
  g_assert_cmpint (tissage_stakeholder_get_influence (b), ==, drop.influence);
  g_assert_cmpint (tissage_stakeholder_get_interest (b), ==, drop.interest);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  wait_frames (2);
  g_assert_cmpint (tissage_stakeholder_get_influence (b), !=, drop.influence);

  /* A link drawn between two stakeholders, selected, deleted, undone. */
  link = tissage_map_widget_link_nodes (map, a, b, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (links), ==, n_links + 1);
  tissage_map_widget_select_link (map, link);
  wait_frames (2);
  g_assert_true (tissage_stakeholder_page_get_selected_link (page) == link);
  g_assert_null (tissage_stakeholder_page_get_selected (page));
  g_assert_nonnull (find_label (GTK_WIDGET (window), "Coopération"));
  save_screenshot (GTK_WIDGET (window), "link-editor.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-selection", NULL));
  wait_frames (2);
  g_assert_cmpuint (g_list_model_get_n_items (links), ==, n_links);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (links), ==, n_links + 1);

  /* The automatic arrangement places everyone, as one step to undo. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.arrange-map", NULL));
  wait_until (map_arranged, map, 20000);
  wait_frames (5);
  g_assert_cmpint (tissage_map_widget_get_layout (map), ==, TISSAGE_MAP_LAYOUT_FREE);
  for (guint i = 0; i < g_list_model_get_n_items (stakeholders); i++)
    {
      g_autoptr(TissageStakeholder) s = g_list_model_get_item (stakeholders, i);
      g_assert_true (tissage_stakeholder_get_position (s, NULL, NULL));
    }
  save_screenshot (GTK_WIDGET (window), "map-free.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  for (guint i = 0; i < g_list_model_get_n_items (stakeholders); i++)
    {
      g_autoptr(TissageStakeholder) s = g_list_model_get_item (stakeholders, i);
      g_assert_false (tissage_stakeholder_get_position (s, NULL, NULL));
    }

  /* Exported as seen. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-map-to", "s", png));
  wait_frames (2);
  {
    g_autofree char *contents = NULL;
    gsize length = 0;

    g_assert_true (g_file_get_contents (png, &contents, &length, NULL));
    g_assert_cmpuint (length, >, 10000);
    g_assert_cmpint (memcmp (contents, "\x89PNG", 4), ==, 0);
  }

  close_window (window);
}


#define LONG_NAME_PREFIX "Collectif des habitants "
#define LONG_NAME_CHARS  800000

/*
 * A file written elsewhere holds a name of 800,000 characters, under the
 * document's own limit of 1 MiB but far more than any entry lets one type:
 * the window keeps its size and the name is shown shortened, in the list,
 * in the editor and on the map.
 */
static void
test_long_name (void)
{
  g_autoptr(GFile) file = g_file_new_build_filename (tmp_dir, "nom-long.tissage", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) example = tissage_document_create_example (file, &error);
  g_autoptr(GString) name = g_string_sized_new (LONG_NAME_CHARS + 32);
  g_autofree char *path = g_file_get_path (file);
  TissageStakeholder *stakeholder;
  TissageStakeholderPage *page;
  TissageWindow *window;
  GtkWidget *row;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int min_width = 0, natural_width = 0;
  gint64 id;

  g_assert_no_error (error);
  g_clear_object (&example);

  while (name->len < LONG_NAME_CHARS)
    g_string_append (name, LONG_NAME_PREFIX);
  g_string_truncate (name, LONG_NAME_CHARS);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE stakeholders SET name = ?1 WHERE id = (SELECT min (id) FROM stakeholders) RETURNING id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, name->str, (int) name->len, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  window = open_window (file);
  page = TISSAGE_STAKEHOLDER_PAGE (tissage_window_get_stakeholder_page (window));
  stakeholder = TISSAGE_STAKEHOLDER (tissage_document_lookup (tissage_window_get_document (window),
                                                              TISSAGE_TYPE_STAKEHOLDER, id));
  g_assert_nonnull (stakeholder);
  g_assert_cmpuint (strlen (tissage_stakeholder_get_name (stakeholder)), ==, LONG_NAME_CHARS);
  g_assert_true (tissage_stakeholder_page_select (page, stakeholder));
  wait_frames (10);
  save_screenshot (GTK_WIDGET (window), "long-name.png");

  /* The window stays within the screen, and is not squeezed to a strip. */
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, &natural_width, NULL, NULL);
  g_test_message ("window: minimum %d, natural %d, %d × %d", min_width, natural_width,
                  gtk_widget_get_width (GTK_WIDGET (window)), gtk_widget_get_height (GTK_WIDGET (window)));
  g_assert_cmpint (min_width, <, 1600);
  g_assert_cmpint (natural_width, <, 1600);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 1600);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window)), >=, 600);

  /* Shown shortened, with an ellipsis, and the document keeps every
   * character of it. */
  row = find_shown_widget (GTK_WIDGET (page), has_list_row_prefix, LONG_NAME_PREFIX);
  g_assert_nonnull (row);
  g_assert_cmpuint (g_utf8_strlen (tissage_list_row_get_title (TISSAGE_LIST_ROW (row)), -1), <=, TISSAGE_NAME_MAX_CHARS + 1);
  g_assert_true (g_str_has_suffix (tissage_list_row_get_title (TISSAGE_LIST_ROW (row)), "…"));
  g_assert_cmpuint (strlen (tissage_stakeholder_get_name (stakeholder)), ==, LONG_NAME_CHARS);

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

static void
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

  window = open_window (file);
  tissage_window_show_section (window, "referentiel");
  wait_frames (5);
  page = TISSAGE_REFERENTIEL_PAGE (tissage_window_get_referentiel_page (window));
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
    wait_frames (6);
    g_assert_cmpuint (n_links, >=, 10);
    g_assert_cmpuint (tissage_toc_view_get_n_arrows (toc), ==, n_links);
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

static gboolean
no_export_dialog (gpointer data)
{
  return find_toplevel (TISSAGE_TYPE_EXPORT_DIALOG) == NULL;
}

static void
wait_export_dialog_closed (void)
{
  wait_until (no_export_dialog, NULL, 60000);
  wait_frames (3);
}

/* Ctrl+E: the options, pseudonymised by default; cancelled, nothing is
 * written; exported, the workbook is there. */
static void
test_export_dialog (void)
{
  g_autoptr(GFile) file = g_file_new_build_filename (tmp_dir, "bilan.tissage", NULL);
  g_autofree char *cancelled = g_build_filename (tmp_dir, "annule.xlsx", NULL);
  g_autofree char *chosen = g_build_filename (tmp_dir, "financeurs", NULL);
  g_autofree char *written = g_build_filename (tmp_dir, "financeurs.xlsx", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) example = tissage_document_create_example (file, &error);
  g_autofree char *contents = NULL;
  TissageWindow *window;
  GtkWindow *dialog;
  GtkWidget *pseudonymise;

  g_assert_no_error (error);
  g_clear_object (&example);

  window = open_window (file);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-xlsx", NULL));
  wait_frames (10);
  dialog = find_toplevel (TISSAGE_TYPE_EXPORT_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_modal (dialog));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "Pseudonymiser les personnes interrogées"));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "Synthèse"));
  pseudonymise = find_child_of_type (GTK_WIDGET (dialog), GTK_TYPE_SWITCH);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (pseudonymise)));
  save_screenshot (GTK_WIDGET (dialog), "export-dialog.png");

  /* Closed while it exports: it stops, and leaves nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-xlsx-to", "s", cancelled));
  g_assert_true (tissage_export_dialog_is_running (TISSAGE_EXPORT_DIALOG (dialog)));
  gtk_window_close (dialog);
  wait_export_dialog_closed ();
  g_assert_false (g_file_test (cancelled, G_FILE_TEST_EXISTS));

  /* The save dialog's choice, without its extension. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-xlsx", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-xlsx-to", "s", chosen));
  wait_export_dialog_closed ();
  g_assert_true (g_file_get_contents (written, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "PK"));

  /* Nothing but the project and the workbook. */
  {
    g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_false (g_str_has_suffix (name, ".tmp"));
  }

  close_window (window);
}

/* How many interviews the sheets of interviews of @workbook list, read
 * back with openpyxl (Debian's python3-openpyxl). */
static gint64
workbook_interview_count (const char *workbook)
{
  const char *argv[] = { "/usr/bin/python3", "-c",
                         "import sys, openpyxl\n"
                         "wb = openpyxl.load_workbook(sys.argv[1])\n"
                         "print(sum(1 for ws in wb.worksheets if ws['A1'].value == 'Entretien'"
                         " for r in ws.iter_rows(min_row=3, values_only=True) if r[0] is not None))\n",
                         workbook, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("the workbook could not be read back: %s", err);
  return g_ascii_strtoll (out, NULL, 10);
}

/* The export dialog proposes what the Synthèse shows, says how many
 * interviews it leaves out for want of consent; the map exported from
 * the window names no interviewed person unless asked. */
static void
test_export_choices (void)
{
  g_autoptr(GFile) file = g_file_new_build_filename (tmp_dir, "choix.tissage", NULL);
  g_autofree char *map = g_build_filename (tmp_dir, "carte.pdf", NULL);
  g_autofree char *workbook = g_build_filename (tmp_dir, "choix.xlsx", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) example = tissage_document_create_example (file, &error);
  g_autoptr(TissagePeriod) period = NULL;
  g_autoptr(TissageStructure) structure = NULL;
  g_autoptr(TissageStakeholder) josiane = NULL;
  g_autoptr(TissageRecord) interview = NULL;
  g_autoptr(TissageGrid) grid = NULL;
  g_autoptr(TissageCategory) beneficiaries = NULL;
  g_autofree char *text = NULL;
  TissageXlsxExportOptions options;
  TissageSynthesisPage *synthesis;
  TissageWindow *window;
  GtkWindow *dialog;
  AdwActionRow *consent_row;
  GtkSwitch *consent_switch;

  g_assert_no_error (error);
  /* A beneficiary on the map, interviewed. */
  grid = g_list_model_get_item (tissage_document_get_records (example, TISSAGE_TYPE_GRID), 0);
  beneficiaries = g_list_model_get_item (tissage_document_get_categories (example), 0);
  josiane = tissage_document_insert (example, TISSAGE_TYPE_STAKEHOLDER, &error, "name", "Josiane Testard",
                                     "category-id", tissage_record_get_id (TISSAGE_RECORD (beneficiaries)),
                                     "proximity", 1, NULL);
  g_assert_no_error (error);
  interview = tissage_document_insert (example, TISSAGE_TYPE_INTERVIEW, &error,
                                       "grid-id", tissage_record_get_id (TISSAGE_RECORD (grid)),
                                       "stakeholder-id", tissage_record_get_id (TISSAGE_RECORD (josiane)),
                                       "consent", TISSAGE_CONSENT_GIVEN, NULL);
  g_assert_no_error (error);
  g_clear_object (&interview);
  g_clear_object (&josiane);
  g_clear_object (&grid);
  g_clear_object (&beneficiaries);
  g_clear_object (&example);

  /* The rings, where every label has room, whatever a test before chose. */
  {
    g_autoptr(GSettings) settings = g_settings_new ("fr.tissage.Tissage");

    g_settings_set_string (settings, "map-layout", "rings");
  }
  window = open_window (file);
  synthesis = TISSAGE_SYNTHESIS_PAGE (tissage_window_get_synthesis_page (window));
  period = g_list_model_get_item (tissage_document_get_records (tissage_window_get_document (window), TISSAGE_TYPE_PERIOD), 1);
  /* One that held interviews in that period, but not all of them. */
  for (guint i = 0; structure == NULL; i++)
    {
      g_autoptr(TissageStructure) item = g_list_model_get_item (tissage_document_get_structures (tissage_window_get_document (window)), i);

      g_assert_nonnull (item);
      if (g_str_equal (tissage_structure_get_name (item), "PLIE de Garonne Agglo"))
        structure = g_steal_pointer (&item);
    }
  tissage_synthesis_page_set_period (synthesis, period);
  tissage_synthesis_page_set_structure (synthesis, structure);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-xlsx", NULL));
  wait_frames (10);
  dialog = find_toplevel (TISSAGE_TYPE_EXPORT_DIALOG);
  g_assert_nonnull (dialog);
  tissage_export_dialog_get_options (TISSAGE_EXPORT_DIALOG (dialog), &options);
  g_assert_cmpint (options.period_id, ==, tissage_record_get_id (TISSAGE_RECORD (period)));
  g_assert_cmpint (options.structure_id, ==, tissage_record_get_id (TISSAGE_RECORD (structure)));
  g_assert_true (options.pseudonymise);
  g_assert_false (options.include_without_consent);

  /* Exported as proposed: the interviews of that period and structure
   * alone, each guide on a sheet of its own. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-xlsx-to", "s", workbook));
  wait_export_dialog_closed ();
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM interviews iv"
                                            " LEFT JOIN stakeholders sh ON sh.id = iv.stakeholder_id,"
                                            " periods p WHERE p.id = %" G_GINT64_FORMAT
                                            " AND iv.date BETWEEN p.start_date AND p.end_date AND iv.consent = 1"
                                            " AND (iv.structure_id = %" G_GINT64_FORMAT
                                            "      OR coalesce (iv.person_structure_id, sh.structure_id) = %" G_GINT64_FORMAT ")",
                                            tissage_record_get_id (TISSAGE_RECORD (period)),
                                            tissage_record_get_id (TISSAGE_RECORD (structure)),
                                            tissage_record_get_id (TISSAGE_RECORD (structure)));
    gint64 expected = query_count (tissage_window_get_document (window), sql);
    gint64 all = query_count (tissage_window_get_document (window), "SELECT count (*) FROM interviews WHERE consent = 1");

    g_assert_cmpint (expected, >, 0);
    g_assert_cmpint (expected, <, all);
    g_assert_cmpint (workbook_interview_count (workbook), ==, expected);
    g_unlink (workbook);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-xlsx", NULL));
  wait_frames (10);
  dialog = find_toplevel (TISSAGE_TYPE_EXPORT_DIALOG);
  g_assert_nonnull (dialog);

  /* The whole project: the example's two interviews still to do have no
   * consent yet. */
  tissage_export_dialog_select (TISSAGE_EXPORT_DIALOG (dialog), 0, 0);
  consent_row = ADW_ACTION_ROW (gtk_widget_get_template_child (GTK_WIDGET (dialog), TISSAGE_TYPE_EXPORT_DIALOG, "consent_row"));
  consent_switch = GTK_SWITCH (gtk_widget_get_template_child (GTK_WIDGET (dialog), TISSAGE_TYPE_EXPORT_DIALOG, "consent_switch"));
  g_assert_false (gtk_switch_get_active (consent_switch));
  g_assert_cmpstr (adw_action_row_get_subtitle (consent_row), ==,
                   "2 entretiens sont écartés\u00a0: le consentement des personnes interrogées n’est pas recueilli");
  wait_frames (5);
  save_screenshot (GTK_WIDGET (dialog), "export-dialog-consent.png");
  gtk_switch_set_active (consent_switch, TRUE);
  g_assert_cmpstr (adw_action_row_get_subtitle (consent_row), ==,
                   "2 entretiens sans consentement recueilli vont aux financeurs avec leurs réponses");
  tissage_export_dialog_get_options (TISSAGE_EXPORT_DIALOG (dialog), &options);
  g_assert_true (options.include_without_consent);
  gtk_window_close (dialog);
  wait_export_dialog_closed ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-map-to", "s", map));
  wait_frames (2);
  text = pdf_text (map);
  g_assert_null (strstr (text, "Josiane"));
  g_assert_nonnull (strstr (text, "(nom masqué)"));
  g_assert_nonnull (strstr (text, "Garonne Agglo"));
  g_clear_pointer (&text, g_free);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-map-named-to", "s", map));
  wait_frames (2);
  text = pdf_text (map);
  g_assert_nonnull (strstr (text, "Josiane"));
  g_unlink (map);

  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/french", test_french);
  g_test_add_func ("/ui/add-stakeholder-and-reopen", test_add_stakeholder_and_reopen);
  g_test_add_func ("/ui/structures-typing", test_structures_typing);
  g_test_add_func ("/ui/delete-asks-and-undoes", test_delete_asks_and_undoes);
  g_test_add_func ("/ui/bad-file", test_bad_file);
  g_test_add_func ("/ui/read-only", test_read_only);
  g_test_add_func ("/ui/foreign-file", test_foreign_file);
  g_test_add_func ("/ui/locked-elsewhere", test_locked_elsewhere);
  g_test_add_func ("/ui/detached-close-asks", test_detached_close_asks);
  g_test_add_func ("/ui/read-only-scrolls", test_read_only_scrolls);
  g_test_add_func ("/ui/name-not-utf8", test_name_not_utf8);
  g_test_add_func ("/ui/same-project-through-link", test_same_project_through_link);
  g_test_add_func ("/ui/map", test_map);
  g_test_add_func ("/ui/referentiel", test_referentiel);
  g_test_add_func ("/ui/long-name", test_long_name);
  g_test_add_func ("/ui/theory-of-change-board", test_theory_of_change_board);
  g_test_add_func ("/ui/indicator-typed-values", test_indicator_typed_values);
  g_test_add_func ("/ui/export-dialog", test_export_dialog);
  g_test_add_func ("/ui/export-choices", test_export_choices);

  return ui_test_run ();
}

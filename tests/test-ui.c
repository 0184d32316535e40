/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tissage-bank-dialog.h"
#include "tissage-export-dialog.h"
#include "tissage-interviews.h"
#include "tissage-list-row.h"
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

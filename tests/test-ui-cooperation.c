/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tissage-actions-view.h"
#include "tissage-cooperation-view.h"
#include "tissage-link-editor.h"
#include "tissage-map-widget.h"
#include "tissage-stakeholder-page.h"
#include "tissage-ui-test-utils.h"

/* Cooperation in the window: the dates of a link typed in its editor,
 * a joint action created from the form (its links said in a toast and
 * undone in one step), and the Coopération view following the project. */

static TissageWindow *
open_example (const char              *name,
              TissageStakeholderPage **page)
{
  g_autoptr(GFile) file = g_file_new_build_filename (tmp_dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) example = tissage_document_create_example (file, &error);
  TissageWindow *window;

  g_assert_no_error (error);
  g_clear_object (&example);
  window = open_window (file);
  *page = TISSAGE_STAKEHOLDER_PAGE (tissage_window_get_stakeholder_page (window));
  wait_frames (5);
  return window;
}

static gint64
stakeholder (TissageDocument *document,
             const char      *prefix)
{
  GListModel *stakeholders = tissage_document_get_stakeholders (document);

  for (guint i = 0; i < g_list_model_get_n_items (stakeholders); i++)
    {
      g_autoptr(TissageStakeholder) s = g_list_model_get_item (stakeholders, i);

      if (g_str_has_prefix (tissage_stakeholder_get_name (s), prefix))
        return tissage_record_get_id (TISSAGE_RECORD (s));
    }
  g_assert_not_reached ();
}

static void
apply_row (GtkWidget  *root,
           const char *title,
           const char *text)
{
  GtkWidget *row = find_entry_row (root, title);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
  wait_frames (2);
}

static void
test_link_dates (void)
{
  TissageStakeholderPage *page;
  TissageWindow *window = open_example ("dates.tissage", &page);
  TissageDocument *document = tissage_window_get_document (window);
  GtkWidget *editor;
  g_autoptr(TissageLink) link = g_list_model_get_item (tissage_document_get_links (document), 0);

  /* The link editor is built when a link is first chosen. */
  tissage_map_widget_select_link (TISSAGE_MAP_WIDGET (tissage_stakeholder_page_get_map (page)), link);
  wait_frames (3);
  editor = find_child_of_type (GTK_WIDGET (page), TISSAGE_TYPE_LINK_EDITOR);
  g_assert_nonnull (editor);
  save_screenshot (GTK_WIDGET (window), "cooperation-link-editor");

  /* A date as a French user types it. */
  apply_row (editor, "Début", "12/03/2026");
  g_assert_cmpstr (tissage_link_get_start_date (link), ==, "2026-03-12");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_entry_row (editor, "Début"))), ==, "12/03/2026");
  /* A period by its name. */
  apply_row (editor, "Fin", "1er semestre 2026");
  g_assert_cmpint (tissage_link_get_end_period_id (link), !=, 0);
  g_assert_cmpstr (tissage_link_get_end_date (link), ==, "");
  /* Neither: said, and nothing changes. */
  apply_row (editor, "Début", "l'an dernier");
  g_assert_cmpstr (tissage_link_get_start_date (link), ==, "2026-03-12");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_entry_row (editor, "Début"))), ==, "12/03/2026");
  /* Emptied, it is not known any more. */
  apply_row (editor, "Début", "");
  g_assert_cmpstr (tissage_link_get_start_date (link), ==, "");

  close_window (window);
}

static void
test_actions_and_view (void)
{
  TissageStakeholderPage *page;
  TissageWindow *window = open_example ("actions.tissage", &page);
  TissageDocument *document = tissage_window_get_document (window);
  TissageActionsView *actions = TISSAGE_ACTIONS_VIEW (tissage_stakeholder_page_show_pane (page, "actions"));
  TissageCooperationView *view = NULL;
  TissageCooperation *cooperation;
  g_autoptr(GError) error = NULL;
  gint64 partners[] = { stakeholder (document, "Mission locale"), stakeholder (document, "PLIE"),
                        stakeholder (document, "Les Jardins") };
  guint links = g_list_model_get_n_items (tissage_document_get_links (document));
  guint before_actions, member_links;
  g_autofree char *ranking = NULL;
  TissageAction *action;

  wait_frames (3);
  /* The demo's twelve actions are listed. */
  g_assert_cmpuint (count_shown_widgets (GTK_WIDGET (actions), is_of_type, GSIZE_TO_POINTER (ADW_TYPE_ACTION_ROW)), >=, 12);
  save_screenshot (GTK_WIDGET (window), "cooperation-actions");
  /* In the order they took place: the shared van of 19/01/2026 before
   * the job dating of 12/02/2026, though written after it. */
  {
    GtkWidget *list = find_child_of_type (GTK_WIDGET (actions), GTK_TYPE_LIST_BOX);
    int van = -1, dating = -1, i = 0;

    for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row), i++)
      if (ADW_IS_PREFERENCES_ROW (row))
        {
          const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));

          if (g_str_has_prefix (title, "Mutualisation d'un véhicule"))
            van = i;
          else if (g_str_has_prefix (title, "Job dating"))
            dating = i;
        }
    g_assert_cmpint (van, >=, 0);
    g_assert_cmpint (dating, >=, 0);
    g_assert_cmpint (van, <, dating);
  }

  view = TISSAGE_COOPERATION_VIEW (tissage_stakeholder_page_show_pane (page, "cooperation"));
  wait_frames (3);
  cooperation = tissage_cooperation_view_get_cooperation (view);
  g_assert_cmpuint (cooperation->n_periods, ==, 3);
  before_actions = cooperation->periods[2].actions;
  member_links = cooperation->periods[2].member_links;
  ranking = tissage_cooperation_view_dup_ranking (view);
  g_assert_true (g_str_has_prefix (ranking, "Maison de l'emploi"));
  g_assert_nonnull (find_label (GTK_WIDGET (view), "Mesures par période"));
  save_screenshot (GTK_WIDGET (window), "cooperation-view");

  tissage_stakeholder_page_show_pane (page, "actions");
  action = tissage_actions_view_create (actions, "Atelier numérique commun", "12/03/2026",
                                        partners, G_N_ELEMENTS (partners));
  g_assert_nonnull (action);
  g_assert_cmpstr (tissage_action_get_date (action), ==, "2026-03-12");
  /* Mission locale, PLIE and the Jardins had no link among them. */
  g_assert_cmpuint (g_list_model_get_n_items (tissage_document_get_links (document)), ==, links + 3);
  g_assert_nonnull (find_label (GTK_WIDGET (window), "Action commune ajoutée\u00a0: 3 liens créés"));
  wait_frames (2);
  save_screenshot (GTK_WIDGET (window), "cooperation-action-added");

  cooperation = tissage_cooperation_view_get_cooperation (view);
  g_assert_cmpuint (cooperation->periods[2].actions, ==, before_actions + 1);
  g_assert_cmpuint (cooperation->periods[2].member_links, ==, member_links + 3);

  /* One undo takes the action and its links back. */
  g_assert_true (tissage_document_undo (document, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (tissage_document_get_links (document)), ==, links);
  cooperation = tissage_cooperation_view_get_cooperation (view);
  g_assert_cmpuint (cooperation->periods[2].actions, ==, before_actions);

  /* One partner is not a joint action: the form will not create it. */
  g_assert_null (tissage_actions_view_create (actions, "Seule", "", partners, 1));

  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/ui-cooperation/link-dates", test_link_dates);
  g_test_add_func ("/ui-cooperation/actions-and-view", test_actions_and_view);

  return ui_test_run ();
}

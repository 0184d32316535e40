/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "tissage-contribution.h"
#include "tissage-document-private.h"
#include "tissage-entities.h"
#include "tissage-grid-editor.h"
#include "tissage-interviews.h"
#include "tissage-measures-grid.h"
#include "tissage-record-editor.h"
#include "tissage-referentiel.h"
#include "tissage-referentiel-page.h"
#include "tissage-toc-view.h"
#include "tissage-ui-test-utils.h"

#define PLIE "PLIE de Garonne Agglo"

static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static char *
raw_text (TissageDocument *document,
          const char      *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (tissage_document_get_db (document), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect (child, type, found);
}

static gboolean
menu_has_action (GMenuModel *menu,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;
      GMenuModel *section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      gboolean found = FALSE;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) && g_str_equal (name, action))
        found = TRUE;
      if (!found && section != NULL)
        found = menu_has_action (section, action);
      g_clear_object (&section);
      if (found)
        return TRUE;
    }
  return FALSE;
}

static AdwMessageDialog *
dialog_titled (const char *heading)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        g_strcmp0 (adw_message_dialog_get_heading (l->data), heading) == 0)
      return l->data;
  return NULL;
}

/* The coordinator merges a contribution from the window: the summary, the
 * conflict with both values, the choice, one undo step. The contribution
 * opened says whose it is. */
static void
test_merge_dialog (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "projet-contributions.tissage", NULL);
  g_autofree char *contribution = g_build_filename (tmp_dir, "contribution-plie.tissage", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) contribution_file = g_file_new_for_path (contribution);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();
  g_autofree char *shared = NULL;
  g_autofree char *edit = NULL;
  TissageWindow *window;
  AdwMessageDialog *dialog;
  TissageDocument *document;

  {
    g_autoptr(TissageDocument) project = tissage_document_create_example (file, &error);
    g_autofree char *sql = g_strdup_printf ("SELECT id FROM structures WHERE name = '%s'", PLIE);
    g_autofree char *id = NULL;

    g_assert_no_error (error);
    id = raw_text (project, sql);
    g_assert_true (tissage_contribution_export (project, g_ascii_strtoll (id, NULL, 10), contribution_file, &error));
    g_assert_no_error (error);
    shared = raw_text (project, "SELECT uuid FROM stakeholders WHERE id IN (SELECT id FROM stakeholders ORDER BY id DESC LIMIT 1)");
  }

  edit = sqlite3_mprintf ("UPDATE stakeholders SET description = 'Vu du PLIE', modified = '2030-01-01T00:00:00Z' WHERE uuid = %Q;"
                          "UPDATE answers SET text = 'Réponse revue par le PLIE', modified = '2030-01-01T00:00:00Z'"
                          " WHERE id = (SELECT min (id) FROM answers);", shared);
  raw_exec (contribution, edit);
  sqlite3_free (edit);
  edit = sqlite3_mprintf ("UPDATE stakeholders SET description = 'Vu de la coordination', modified = '2030-01-01T00:00:00Z' WHERE uuid = %Q;", shared);
  raw_exec (path, edit);
  sqlite3_free (edit);
  edit = NULL;

  window = open_window (file);
  {
    GMenuModel *menu = NULL;
    GtkWidget *button = find_child_of_type (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON);

    g_assert_nonnull (button);
    menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
    g_assert_true (menu_has_action (menu, "win.prepare-contribution"));
    g_assert_true (menu_has_action (menu, "win.merge-contribution"));
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.merge-contribution-from", "s", contribution));
  wait_frames (5);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  wait_mapped (GTK_WIDGET (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), PLIE));
  /* Each section, opened, says which rows: the answer by its interview
   * and question. */
  {
    GtkWidget *answers = find_widget (GTK_WIDGET (dialog), has_title, "Réponses");
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();
    gboolean named = FALSE;

    g_assert_nonnull (answers);
    g_assert_true (ADW_IS_EXPANDER_ROW (answers));
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (answers), TRUE);
    wait_frames (2);
    collect (answers, ADW_TYPE_ACTION_ROW, rows);
    for (guint i = 0; i < rows->len; i++)
      named |= g_str_has_prefix (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), "Modification\u00a0: ");
    g_assert_true (named);
    g_assert_nonnull (find_widget (GTK_WIDGET (dialog), has_title, "Parties prenantes"));
  }
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "Vu du PLIE"));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "Vu de la coordination"));
  /* Not settled, it does not merge. */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "merge"));

  collect (GTK_WIDGET (dialog), GTK_TYPE_CHECK_BUTTON, checks);
  g_assert_cmpuint (checks->len, ==, 2);
  gtk_check_button_set_active (g_ptr_array_index (checks, 1), TRUE);
  wait_frames (2);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "merge"));
  save_screenshot (GTK_WIDGET (dialog), "merge-contribution.png");
  adw_message_dialog_response (dialog, "merge");
  wait_frames (5);

  document = tissage_window_get_document (window);
  {
    g_autofree char *q = g_strdup_printf ("SELECT description FROM stakeholders WHERE uuid = '%s'", shared);
    g_autofree char *merged = raw_text (document, q);
    g_autofree char *answer = raw_text (document, "SELECT count (*) FROM answers WHERE text = 'Réponse revue par le PLIE'");
    g_autofree char *undone = NULL;

    g_assert_cmpstr (merged, ==, "Vu du PLIE");
    g_assert_cmpstr (answer, ==, "1");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
    wait_frames (3);
    undone = raw_text (document, q);
    g_assert_cmpstr (undone, ==, "Vu de la coordination");
  }

  /* Preparing one: which structure, then where. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.prepare-contribution", NULL));
  wait_frames (5);
  dialog = dialog_titled ("Préparer une contribution");
  g_assert_nonnull (dialog);
  wait_mapped (GTK_WIDGET (dialog));
  {
    GtkWidget *choice = find_child_of_type (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN);

    g_assert_nonnull (choice);
    g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (choice))), ==,
                      g_list_model_get_n_items (tissage_document_get_structures (document)));
  }
  adw_message_dialog_response (dialog, "cancel");
  wait_frames (3);
  {
    g_autofree char *again = g_build_filename (tmp_dir, "contribution-plie-2.tissage", NULL);
    g_autofree char *sql = g_strdup_printf ("SELECT id FROM structures WHERE name = '%s'", PLIE);
    g_autofree char *id = raw_text (document, sql);
    g_autoptr(GFile) again_file = g_file_new_for_path (again);
    g_autoptr(TissageDocument) copy = NULL;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.prepare-contribution-to", "(xs)",
                                               g_ascii_strtoll (id, NULL, 10), again));
    wait_frames (3);
    copy = tissage_document_open_for_reading (again_file, &error);
    g_assert_no_error (error);
    g_assert_true (tissage_contribution_describe (copy, NULL, NULL, NULL));
  }

  /* Another full copy of the project, from its own menu item: the same
   * dialog, which says so, the référentiel's changes among its sections. */
  {
    g_autofree char *other_path = g_build_filename (tmp_dir, "autre-copie.tissage", NULL);
    g_autoptr(GFile) other_file = g_file_new_for_path (other_path);
    GtkWidget *button = find_child_of_type (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON);
    GtkWidget *effects;

    g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button)), "win.merge-copy"));
    g_assert_true (tissage_document_save_copy (document, other_file, &error));
    g_assert_no_error (error);
    g_usleep (2000);
    raw_exec (other_path, "UPDATE effects SET title = 'Effet revu ailleurs',"
                          " modified = strftime ('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = (SELECT min (id) FROM effects);");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.merge-contribution-from", "s", other_path));
    wait_frames (5);
    {
      g_autofree char *project_name = raw_text (document, "SELECT name FROM project");
      g_autofree char *heading = g_strdup_printf ("Fusionner une autre copie de «\u00a0%s\u00a0»", project_name);

      dialog = dialog_titled (heading);
    }
    g_assert_nonnull (dialog);
    wait_mapped (GTK_WIDGET (dialog));
    effects = find_widget (GTK_WIDGET (dialog), has_title, "Effets");
    g_assert_nonnull (effects);
    g_assert_true (adw_message_dialog_get_response_enabled (dialog, "merge"));
    save_screenshot (GTK_WIDGET (dialog), "merge-copy.png");
    adw_message_dialog_response (dialog, "merge");
    wait_frames (5);
    {
      g_autofree char *title = raw_text (document, "SELECT title FROM effects ORDER BY id LIMIT 1");

      g_assert_cmpstr (title, ==, "Effet revu ailleurs");
    }
  }
  close_window (window);

  /* The contribution opened says whose it is. */
  window = open_window (contribution_file);
  {
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();
    gboolean found = FALSE;

    collect (GTK_WIDGET (window), GTK_TYPE_LABEL, labels);
    for (guint i = 0; i < labels->len; i++)
      {
        const char *text = gtk_label_get_text (g_ptr_array_index (labels, i));

        if (g_str_has_prefix (text, "Contribution de " PLIE " au projet") &&
            gtk_widget_is_drawable (g_ptr_array_index (labels, i)))
          found = TRUE;
      }
    g_assert_true (found);
  }
  save_screenshot (GTK_WIDGET (window), "contribution-banner.png");

  /* Its values grid has the PLIE's row alone: the others' cells are theirs. */
  {
    TissageDocument *opened = tissage_window_get_document (window);
    TissageReferentielPage *page = TISSAGE_REFERENTIEL_PAGE (tissage_window_get_referentiel_page (window));
    GListModel *indicators = tissage_document_get_records (opened, TISSAGE_TYPE_INDICATOR);
    GListModel *periods = tissage_document_get_records (opened, TISSAGE_TYPE_PERIOD);
    GListModel *structures = tissage_document_get_structures (opened);
    g_autoptr(TissageIndicator) indicator = NULL;
    g_autoptr(TissagePeriod) period = g_list_model_get_item (periods, 0);
    TissageMeasuresGrid *grid;

    for (guint i = 0; indicator == NULL && i < g_list_model_get_n_items (indicators); i++)
      {
        g_autoptr(TissageIndicator) candidate = g_list_model_get_item (indicators, i);
        gint64 scope = 0;

        g_object_get (candidate, "scope-structure-id", &scope, NULL);
        if (tissage_indicator_get_nature (candidate) == TISSAGE_NATURE_QUANTITATIVE && scope == 0)
          indicator = g_steal_pointer (&candidate);
      }
    g_assert_nonnull (indicator);
    tissage_window_show_section (window, "referentiel");
    wait_mapped (GTK_WIDGET (page));
    g_assert_true (tissage_referentiel_page_select (page, TISSAGE_RECORD (indicator)));
    wait_frames (5);
    grid = TISSAGE_MEASURES_GRID (tissage_referentiel_page_get_measures (page));
    g_assert_null (tissage_measures_grid_get_cell (grid, period, NULL));
    for (guint i = 0; i < g_list_model_get_n_items (structures); i++)
      {
        g_autoptr(TissageStructure) structure = g_list_model_get_item (structures, i);
        gboolean own = g_str_equal (tissage_structure_get_name (structure), PLIE);

        g_assert_true ((tissage_measures_grid_get_cell (grid, period, structure) != NULL) == own);
      }
  }

  /* An interview added there is the PLIE's, as its merge will want it. */
  {
    TissageDocument *opened = tissage_window_get_document (window);
    GListModel *interviews = tissage_document_get_records (opened, TISSAGE_TYPE_INTERVIEW);
    guint before = g_list_model_get_n_items (interviews);
    AdwMessageDialog *choose;
    g_autoptr(TissageInterview) added = NULL;

    tissage_window_show_section (window, "interviews");
    wait_frames (5);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-interview", NULL));
    wait_frames (5);
    /* With several guides, which one is asked first. */
    choose = find_message_dialog ();
    if (choose != NULL)
      {
        adw_message_dialog_response (choose, "add");
        wait_frames (5);
      }
    g_assert_cmpuint (g_list_model_get_n_items (interviews), ==, before + 1);
    added = g_list_model_get_item (interviews, before);
    g_assert_cmpint (tissage_interview_get_structure_id (added), ==, tissage_contribution_get_structure_id (opened));
    g_assert_cmpint (tissage_contribution_get_structure_id (opened), >, 0);
  }
  close_window (window);
}

static GtkWidget *
find_placeholder (GtkWidget  *widget,
                  const char *text)
{
  if (GTK_IS_ENTRY (widget) && g_strcmp0 (gtk_entry_get_placeholder_text (GTK_ENTRY (widget)), text) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_placeholder (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* In a contribution the pages the coordination keeps are greyed, not only
 * refused on edit; the structure's own values stay editable beside them,
 * and the banner says why. */
static void
test_kept_pages_read_only (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "projet-lecture.tissage", NULL);
  g_autofree char *contribution = g_build_filename (tmp_dir, "contribution-lecture.tissage", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) contribution_file = g_file_new_for_path (contribution);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageIndicator) indicator = NULL;
  g_autoptr(TissagePeriod) period = NULL;
  g_autoptr(TissageStructure) structure = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  TissageReferentielPage *page;
  TissageDocument *document;
  TissageWindow *window;
  GtkWidget *measures, *editor, *cell, *target, *toc, *grid_editor;

  {
    g_autoptr(TissageDocument) project = tissage_document_create_example (file, &error);
    g_autofree char *sql = g_strdup_printf ("SELECT id FROM structures WHERE name = '%s'", PLIE);
    g_autofree char *id = NULL;

    g_assert_no_error (error);
    id = raw_text (project, sql);
    g_assert_true (tissage_contribution_export (project, g_ascii_strtoll (id, NULL, 10), contribution_file, &error));
    g_assert_no_error (error);
  }

  window = open_window (contribution_file);
  document = tissage_window_get_document (window);
  g_assert_false (tissage_document_get_read_only (document));

  /* The banner says why they are greyed. */
  {
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();
    gboolean found = FALSE;

    collect (GTK_WIDGET (window), GTK_TYPE_LABEL, labels);
    for (guint i = 0; i < labels->len; i++)
      if (g_str_has_prefix (gtk_label_get_text (g_ptr_array_index (labels, i)), "Contribution de " PLIE) &&
          strstr (gtk_label_get_text (g_ptr_array_index (labels, i)), "lecture seule") != NULL)
        found = TRUE;
    g_assert_true (found);
  }

  tissage_window_show_section (window, "referentiel");
  wait_frames (5);
  page = TISSAGE_REFERENTIEL_PAGE (tissage_window_get_referentiel_page (window));
  indicator = g_list_model_get_item (tissage_document_get_records (document, TISSAGE_TYPE_INDICATOR), 0);
  g_assert_true (tissage_referentiel_page_select (page, TISSAGE_RECORD (indicator)));
  wait_frames (5);
  measures = tissage_referentiel_page_get_measures (page);
  g_assert_nonnull (measures);
  editor = gtk_widget_get_ancestor (measures, TISSAGE_TYPE_RECORD_EDITOR);
  g_assert_nonnull (editor);

  /* The « + » of the tree adds to the référentiel: greyed too. */
  {
    GtkWidget *add = find_widget (GTK_WIDGET (page), has_tooltip, "Ajouter au référentiel");

    g_assert_nonnull (add);
    g_assert_false (gtk_widget_is_sensitive (add));
  }

  /* The indicator's own fields are greyed... */
  collect (editor, ADW_TYPE_ENTRY_ROW, rows);
  g_assert_cmpuint (rows->len, >, 0);
  for (guint i = 0; i < rows->len; i++)
    if (!gtk_widget_is_ancestor (g_ptr_array_index (rows, i), measures))
      g_assert_false (gtk_widget_is_sensitive (g_ptr_array_index (rows, i)));

  /* ...and so are the periods and their targets, not the structure's values. */
  period = g_list_model_get_item (tissage_document_get_records (document, TISSAGE_TYPE_PERIOD), 0);
  /* The contribution's own structure: the others' rows are not shown. */
  structure = g_object_ref (tissage_document_lookup (document, TISSAGE_TYPE_STRUCTURE,
                                                     tissage_contribution_get_structure_id (document)));
  g_assert_nonnull (period);
  g_assert_nonnull (structure);
  cell = tissage_measures_grid_get_cell (TISSAGE_MEASURES_GRID (measures), period, structure);
  g_assert_nonnull (cell);
  g_assert_true (gtk_widget_is_sensitive (cell));
  g_assert_true (gtk_editable_get_editable (GTK_EDITABLE (cell)));
  target = tissage_measures_grid_get_target_entry (TISSAGE_MEASURES_GRID (measures), period);
  g_assert_nonnull (target);
  g_assert_false (gtk_widget_is_sensitive (target) && gtk_editable_get_editable (GTK_EDITABLE (target)));
  g_assert_false (gtk_widget_is_sensitive (find_placeholder (measures, "Nouvelle période, par exemple 2027 ou 1er semestre 2027")));
  save_screenshot (GTK_WIDGET (window), "contribution-referentiel.png");

  /* Nothing is added to the référentiel from its page. */
  {
    guint before = g_list_model_get_n_items (tissage_document_get_records (document, TISSAGE_TYPE_STAKE));

    gtk_widget_activate_action (GTK_WIDGET (page), "ref.add-stake", NULL);
    wait_frames (3);
    g_assert_cmpuint (g_list_model_get_n_items (tissage_document_get_records (document, TISSAGE_TYPE_STAKE)), ==, before);
    g_assert_null (find_message_dialog ());
  }

  /* The theory of change: no card is added. */
  tissage_referentiel_page_show_toc (page, TRUE);
  wait_frames (5);
  toc = find_child_of_type (GTK_WIDGET (page), TISSAGE_TYPE_TOC_VIEW);
  g_assert_nonnull (toc);
  {
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
    guint adds = 0;

    collect (toc, GTK_TYPE_BUTTON, buttons);
    for (guint i = 0; i < buttons->len; i++)
      {
        const char *tip = gtk_widget_get_tooltip_text (g_ptr_array_index (buttons, i));

        if (tip != NULL && g_str_has_prefix (tip, "Ajouter une carte"))
          {
            adds++;
            g_assert_false (gtk_widget_is_sensitive (g_ptr_array_index (buttons, i)));
          }
      }
    g_assert_cmpuint (adds, >, 0);
  }
  tissage_referentiel_page_show_toc (page, FALSE);

  /* The guides: the question editor greyed. */
  tissage_window_show_section (window, "interviews");
  wait_frames (5);
  grid_editor = find_child_of_type (GTK_WIDGET (window), TISSAGE_TYPE_GRID_EDITOR);
  g_assert_nonnull (grid_editor);
  {
    GtkWidget *scrolled = find_child_of_type (grid_editor, GTK_TYPE_SCROLLED_WINDOW);
    GtkWidget *content;

    g_assert_nonnull (scrolled);
    content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
    if (GTK_IS_VIEWPORT (content))
      content = gtk_viewport_get_child (GTK_VIEWPORT (content));
    g_assert_false (gtk_widget_is_sensitive (content));
  }
  close_window (window);
}

static GtkWindow *
window_titled (const char *title)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (gtk_widget_get_visible (GTK_WIDGET (window)) && g_strcmp0 (gtk_window_get_title (window), title) == 0)
        return window;
    }
  return NULL;
}

/* "Suivi des contributions": nothing before anything was sent; then the
 * copy sent to a structure, its merge, what it brought and how its
 * conflict was settled, under the structure's name. */
static void
test_follow_up (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "projet-suivi.tissage", NULL);
  g_autofree char *contribution = g_build_filename (tmp_dir, "contribution-suivi.tissage", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *shared = NULL;
  g_autofree char *edit = NULL;
  g_autofree char *id = NULL;
  TissageWindow *window;
  TissageDocument *document;
  AdwMessageDialog *dialog;
  GtkWindow *follow_up;

  {
    g_autoptr(TissageDocument) project = tissage_document_create_example (file, &error);

    g_assert_no_error (error);
    shared = raw_text (project, "SELECT uuid FROM stakeholders WHERE id IN (SELECT id FROM stakeholders ORDER BY id DESC LIMIT 1)");
  }

  window = open_window (file);
  document = tissage_window_get_document (window);

  /* Nothing sent yet: nothing listed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.contribution-follow-up", NULL));
  wait_frames (5);
  follow_up = window_titled ("Suivi des contributions");
  g_assert_nonnull (follow_up);
  g_assert_nonnull (find_child_of_type (GTK_WIDGET (follow_up), ADW_TYPE_STATUS_PAGE));
  g_assert_null (find_child_of_type (GTK_WIDGET (follow_up), ADW_TYPE_ACTION_ROW));
  gtk_window_destroy (follow_up);
  wait_frames (3);

  {
    g_autofree char *sql = g_strdup_printf ("SELECT id FROM structures WHERE name = '%s'", PLIE);

    id = raw_text (document, sql);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.prepare-contribution-to", "(xs)",
                                             g_ascii_strtoll (id, NULL, 10), contribution));
  wait_frames (3);

  edit = sqlite3_mprintf ("UPDATE stakeholders SET description = 'Vu du PLIE', modified = '2030-01-01T00:00:00Z' WHERE uuid = %Q;"
                          "UPDATE answers SET text = 'Réponse revue par le PLIE', modified = '2030-01-01T00:00:00Z'"
                          " WHERE id = (SELECT min (id) FROM answers);", shared);
  raw_exec (contribution, edit);
  sqlite3_free (edit);
  edit = NULL;
  {
    g_autoptr(TissageStakeholder) person = NULL;
    g_autofree char *sql = g_strdup_printf ("SELECT id FROM stakeholders WHERE uuid = '%s'", shared);
    g_autofree char *person_id = raw_text (document, sql);

    for (guint i = 0; i < g_list_model_get_n_items (tissage_document_get_stakeholders (document)); i++)
      {
        g_autoptr(TissageStakeholder) s = g_list_model_get_item (tissage_document_get_stakeholders (document), i);

        if (tissage_record_get_id (TISSAGE_RECORD (s)) == g_ascii_strtoll (person_id, NULL, 10))
          person = g_object_ref (s);
      }
    g_assert_nonnull (person);
    g_assert_true (tissage_document_set (document, person, &error, "description", "Vu de la coordination", NULL));
    g_assert_no_error (error);
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.merge-contribution-from", "s", contribution));
  wait_frames (5);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  wait_mapped (GTK_WIDGET (dialog));
  {
    g_autoptr(GPtrArray) checks = g_ptr_array_new ();

    collect (GTK_WIDGET (dialog), GTK_TYPE_CHECK_BUTTON, checks);
    g_assert_cmpuint (checks->len, ==, 2);
    gtk_check_button_set_active (g_ptr_array_index (checks, 1), TRUE);
  }
  wait_frames (2);
  adw_message_dialog_response (dialog, "merge");
  wait_frames (5);

  {
    g_autoptr(GPtrArray) events = tissage_contribution_list_follow_up (document, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (events->len, ==, 2);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.contribution-follow-up", NULL));
  wait_frames (5);
  follow_up = window_titled ("Suivi des contributions");
  g_assert_nonnull (follow_up);
  wait_mapped (GTK_WIDGET (follow_up));
  {
    g_autoptr(GPtrArray) groups = g_ptr_array_new ();
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();
    const char *sent = NULL, *merged = NULL;

    collect (GTK_WIDGET (follow_up), ADW_TYPE_PREFERENCES_GROUP, groups);
    g_assert_cmpuint (groups->len, ==, 1);
    g_assert_cmpstr (adw_preferences_group_get_title (g_ptr_array_index (groups, 0)), ==, PLIE);
    collect (GTK_WIDGET (follow_up), ADW_TYPE_ACTION_ROW, rows);
    g_assert_cmpuint (rows->len, ==, 2);
    g_assert_true (g_str_has_prefix (adw_preferences_row_get_title (g_ptr_array_index (rows, 0)), "Copie envoyée le "));
    sent = adw_action_row_get_subtitle (g_ptr_array_index (rows, 0));
    g_assert_cmpstr (sent, ==, "contribution-suivi.tissage");
    g_assert_true (g_str_has_prefix (adw_preferences_row_get_title (g_ptr_array_index (rows, 1)), "Intégrée le "));
    merged = adw_action_row_get_subtitle (g_ptr_array_index (rows, 1));
    g_test_message ("merged: %s", merged);
    g_assert_nonnull (strstr (merged, "Réponses — ajouts"));
    g_assert_nonnull (strstr (merged, "Parties prenantes — ajouts"));
    g_assert_null (strstr (merged, "Entretiens"));
    g_assert_nonnull (strstr (merged, "1 conflit réglé"));
    g_assert_nonnull (strstr (merged, "1 pour la valeur de la contribution, 0 pour celle du projet"));
  }
  save_screenshot (GTK_WIDGET (follow_up), "contribution-follow-up.png");

  /* Left open, it follows the document: a copy sent, a merge undone. */
  {
    g_autofree char *again = g_build_filename (tmp_dir, "contribution-suivi-2.tissage", NULL);
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();

    g_assert_false (gtk_window_get_modal (follow_up));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.prepare-contribution-to", "(xs)",
                                               g_ascii_strtoll (id, NULL, 10), again));
    wait_frames (3);
    collect (GTK_WIDGET (follow_up), ADW_TYPE_ACTION_ROW, rows);
    g_assert_cmpuint (rows->len, ==, 3);
    g_assert_cmpstr (adw_action_row_get_subtitle (g_ptr_array_index (rows, 2)), ==, "contribution-suivi-2.tissage");

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
    wait_frames (3);
    g_ptr_array_set_size (rows, 0);
    collect (GTK_WIDGET (follow_up), ADW_TYPE_ACTION_ROW, rows);
    g_assert_cmpuint (rows->len, ==, 2);
    for (guint i = 0; i < rows->len; i++)
      g_assert_true (g_str_has_prefix (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), "Copie envoyée le "));
  }
  gtk_window_destroy (follow_up);
  wait_frames (3);

  /* "Mettre à jour une contribution", from the primary menu. */
  {
    GtkWidget *button = find_child_of_type (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON);
    g_autoptr(GFile) contribution_file = g_file_new_for_path (contribution);
    g_autoptr(TissageDocument) copy = NULL;
    g_autofree char *label = NULL;
    char *message = NULL;

    g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button)), "win.update-contribution"));
    g_assert_cmpint (sqlite3_exec (tissage_document_get_db (document),
                                   "UPDATE periods SET label = 'Période revue' WHERE id = (SELECT min (id) FROM periods)",
                                   NULL, NULL, &message), ==, SQLITE_OK);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.update-contribution-from", "s", contribution));
    wait_frames (3);
    copy = tissage_document_open_for_reading (contribution_file, &error);
    g_assert_no_error (error);
    label = raw_text (copy, "SELECT label FROM periods ORDER BY id LIMIT 1");
    g_assert_cmpstr (label, ==, "Période revue");
  }
  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/contribution/merge-dialog", test_merge_dialog);
  g_test_add_func ("/contribution/kept-pages-read-only", test_kept_pages_read_only);
  g_test_add_func ("/contribution/follow-up", test_follow_up);

  return ui_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "tissage-application.h"
#include "tissage-entities.h"
#include "tissage-export-dialog.h"
#include "tissage-map-widget.h"
#include "tissage-measures-grid.h"
#include "tissage-referentiel.h"
#include "tissage-referentiel-page.h"
#include "tissage-project-window.h"
#include "tissage-stakeholder-page.h"
#include "tissage-widget-utils.h"
#include "tissage-window.h"
#include "tissage-ui-test-utils.h"

/* Defects a new user met, each checked as that user would see it. */

/* The label of the item of @menu (and its sections) firing @action, or NULL. */
static char *
menu_label_for (GMenuModel *menu,
                const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *item_action = NULL;
      g_autoptr(GMenuModel) section = NULL;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &item_action) &&
          g_str_equal (item_action, action))
        {
          char *label = NULL;

          g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label);
          return label;
        }
      section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      if (section != NULL)
        {
          char *label = menu_label_for (section, action);

          if (label != NULL)
            return label;
        }
    }

  return NULL;
}

static GMenuModel *
primary_menu (TissageWindow *window)
{
  GtkWidget *button = find_child_of_type (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON);

  g_assert_nonnull (button);
  return gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
}

/* The primary menu offers the export for the funders and the project's
 * properties (the export item had been swallowed by the next one). */
static void
test_primary_menu (void)
{
  TissageWindow *window = open_window (NULL);
  GMenuModel *menu = primary_menu (window);
  g_autofree char *export = menu_label_for (menu, "win.export-xlsx");
  g_autofree char *import = menu_label_for (menu, "win.import-csv");
  g_autofree char *properties = menu_label_for (menu, "win.project-properties");

  g_assert_cmpstr (export, ==, "Exporter pour les _financeurs…");
  g_assert_nonnull (import);
  g_assert_cmpstr (properties, ==, "_Propriétés du projet…");

  close_window (window);
}

/* The text of the first cell of the Synthèse sheet's first row. */
static char *
workbook_title (const char *workbook)
{
  const char *argv[] = {
    "/usr/bin/python3", "-c",
    "import sys, openpyxl\n"
    "sheet = openpyxl.load_workbook(sys.argv[1])['Synthèse']\n"
    "print(next(c.value for c in sheet[1] if c.value))\n",
    workbook, NULL,
  };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("the workbook could not be read: %s", err);
  return g_strdup (g_strstrip (out));
}

/* A new project is named in its properties: the window, the centre of the
 * map and the workbook say the name; typing it is one undo step. */
static void
test_project_properties (void)
{
  g_autoptr(GFile) file = new_project ("sans-nom.tissage");
  g_autofree char *workbook = g_build_filename (tmp_dir, "sans-nom.xlsx", NULL);
  g_autofree char *title = NULL;
  TissageWindow *window = open_window (file);
  TissageDocument *document = tissage_window_get_document (window);
  TissageProject *project = tissage_document_get_project (document);
  GtkWidget *map = tissage_stakeholder_page_get_map (TISSAGE_STAKEHOLDER_PAGE (tissage_window_get_stakeholder_page (window)));
  TissageMapModel *model = tissage_map_widget_get_model (TISSAGE_MAP_WIDGET (map));
  g_autofree char *territory = NULL;
  GtkWindow *dialog;
  GtkWidget *row;

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Nouveau projet");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.project-properties", NULL));
  wait_frames (5);
  dialog = find_toplevel (TISSAGE_TYPE_PROJECT_WINDOW);
  g_assert_nonnull (dialog);
  wait_mapped (GTK_WIDGET (dialog));
  g_assert_cmpstr (gtk_window_get_title (dialog), ==, "Propriétés du projet");

  row = find_entry_row (GTK_WIDGET (dialog), "Nom du projet");
  g_assert_nonnull (row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Nouveau projet");
  retype_field (row, "Impact Emploi Nord");
  wait_frames (3);
  row = find_entry_row (GTK_WIDGET (dialog), "Territoire");
  g_assert_nonnull (row);
  retype_field (row, "Roubaix");
  wait_frames (3);
  save_screenshot (GTK_WIDGET (dialog), "project-properties.png");

  g_assert_cmpstr (tissage_project_get_name (project), ==, "Impact Emploi Nord");
  g_object_get (project, "territory", &territory, NULL);
  g_assert_cmpstr (territory, ==, "Roubaix");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Impact Emploi Nord");
  g_assert_cmpstr (tissage_map_model_get_title (model), ==, "Impact Emploi Nord");

  /* One undo takes the whole territory away, the next the whole name. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "project.undo", NULL));
  wait_frames (3);
  g_clear_pointer (&territory, g_free);
  g_object_get (project, "territory", &territory, NULL);
  g_assert_cmpstr (territory, ==, "");
  g_assert_cmpstr (tissage_project_get_name (project), ==, "Impact Emploi Nord");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "project.undo", NULL));
  wait_frames (3);
  g_assert_cmpstr (tissage_project_get_name (project), ==, "Nouveau projet");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Nouveau projet");
  g_assert_cmpstr (tissage_map_model_get_title (model), ==, "Nouveau projet");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_entry_row (GTK_WIDGET (dialog), "Nom du projet"))),
                   ==, "Nouveau projet");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "project.redo", NULL));
  wait_frames (3);
  g_assert_cmpstr (tissage_project_get_name (project), ==, "Impact Emploi Nord");
  gtk_window_destroy (dialog);
  wait_frames (3);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-xlsx", NULL));
  wait_frames (5);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-xlsx-to", "s", workbook));
  wait_export_dialog_closed ();
  title = workbook_title (workbook);
  g_assert_cmpstr (title, ==, "Impact Emploi Nord");

  close_window (window);
}

/* Periods 2027 to 2030 added to the example's: the values grid scrolls
 * sideways, and the window still fits a 1366 px wide screen. */
static void
test_measures_grid_scrolls (void)
{
  g_autoptr(GFile) file = g_file_new_build_filename (tmp_dir, "periodes.tissage", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) example = tissage_document_create_example (file, &error);
  g_autoptr(TissageIndicator) indicator = NULL;
  g_autoptr(TissagePeriod) last = NULL;
  GtkWidget *cell;
  GListModel *periods;
  TissageReferentielPage *page;
  TissageDocument *document;
  TissageWindow *window;
  GtkWidget *grid, *period_entry, *scroller;
  int min_width = 0, natural_width = 0;

  g_assert_no_error (error);
  g_clear_object (&example);

  window = open_window (file);
  document = tissage_window_get_document (window);
  periods = tissage_document_get_records (document, TISSAGE_TYPE_PERIOD);
  tissage_window_show_section (window, "referentiel");
  wait_frames (5);
  page = TISSAGE_REFERENTIEL_PAGE (tissage_window_get_referentiel_page (window));
  indicator = g_list_model_get_item (tissage_document_get_records (document, TISSAGE_TYPE_INDICATOR), 0);
  g_assert_cmpint (tissage_indicator_get_nature (indicator), ==, TISSAGE_NATURE_QUANTITATIVE);
  g_assert_true (tissage_referentiel_page_select (page, TISSAGE_RECORD (indicator)));
  wait_frames (5);
  grid = tissage_referentiel_page_get_measures (page);
  g_assert_nonnull (grid);

  period_entry = find_widget (grid, has_placeholder, "Nouvelle période, par exemple 2027 ou 1er semestre 2027");
  g_assert_nonnull (period_entry);
  for (guint year = 2027; g_list_model_get_n_items (periods) < 8; year++)
    {
      g_autofree char *label = g_strdup_printf ("%u", year);

      g_assert_cmpuint (year, <=, 2034);
      gtk_editable_set_text (GTK_EDITABLE (period_entry), label);
      g_signal_emit_by_name (period_entry, "activate");
      wait_frames (3);
    }
  g_assert_cmpuint (g_list_model_get_n_items (periods), ==, 8);
  last = g_list_model_get_item (periods, 7);
  cell = tissage_measures_grid_get_cell (TISSAGE_MEASURES_GRID (grid), last, NULL);
  g_assert_nonnull (cell);
  wait_frames (10);
  save_screenshot (GTK_WIDGET (window), "measures-8-periods.png");

  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, &natural_width, NULL, NULL);
  g_test_message ("window with 8 periods: minimum width %d, natural %d", min_width, natural_width);
  g_assert_cmpint (min_width, <, 1366);

  /* The last period is reached by scrolling, not cut off. */
  scroller = gtk_widget_get_ancestor (cell, GTK_TYPE_SCROLLED_WINDOW);
  g_assert_nonnull (scroller);
  g_assert_true (gtk_widget_is_ancestor (scroller, grid));

  /* Scrolled to the last period, each row still says whose it is: the row
   * headers stay beside the scroller, level with their cells. */
  {
    GtkAdjustment *sideways = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scroller));
    GtkWidget *header = find_label (grid, "Tout le collectif");
    GtkWidget *first = tissage_measures_grid_get_cell (TISSAGE_MEASURES_GRID (grid), last, NULL);
    graphene_point_t origin = GRAPHENE_POINT_INIT (0, 0), header_at, cell_at;

    g_assert_nonnull (header);
    g_assert_cmpfloat (gtk_adjustment_get_upper (sideways) - gtk_adjustment_get_page_size (sideways), >, 0);
    gtk_adjustment_set_value (sideways, gtk_adjustment_get_upper (sideways));
    wait_frames (3);
    g_assert_false (gtk_widget_is_ancestor (header, scroller));
    g_assert_true (gtk_widget_compute_point (header, GTK_WIDGET (window), &origin, &header_at));
    g_assert_true (gtk_widget_compute_point (first, GTK_WIDGET (window), &origin, &cell_at));
    g_assert_cmpfloat (header_at.x, >=, 0);
    g_assert_cmpfloat (header_at.x, <, cell_at.x);
    g_assert_cmpfloat (cell_at.x + gtk_widget_get_width (first), <=, gtk_widget_get_width (GTK_WIDGET (window)));
    /* Level with the entry, as before: 9 pixels below its row's top. */
    g_assert_cmpfloat (ABS (header_at.y - 9 - cell_at.y), <, 2);
    {
      /* The page brought down to the grid, for the picture. */
      GtkWidget *page_scroller = gtk_widget_get_ancestor (gtk_widget_get_parent (scroller), GTK_TYPE_SCROLLED_WINDOW);
      GtkWidget *content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (page_scroller));
      graphene_point_t grid_at;

      g_assert_true (gtk_widget_compute_point (grid, content, &origin, &grid_at));
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (page_scroller)),
                                grid_at.y - 40);
      wait_frames (3);
    }
    save_screenshot (GTK_WIDGET (window), "measures-8-periods-scrolled.png");
  }

  /* The wheel over the grid scrolls the page, not nothing: each of the
   * grid's scroll controllers gets the notch, as GTK hands it down. */
  {
    GtkWidget *page_scroller = gtk_widget_get_ancestor (gtk_widget_get_parent (scroller), GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *vertical;
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (scroller);
    const GtkPropagationPhase phases[] = { GTK_PHASE_CAPTURE, GTK_PHASE_TARGET, GTK_PHASE_BUBBLE };
    double before;
    gboolean stopped = FALSE;

    g_assert_nonnull (page_scroller);
    vertical = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (page_scroller));
    gtk_adjustment_set_value (vertical, 0);
    before = gtk_adjustment_get_value (vertical);
    g_assert_cmpfloat (gtk_adjustment_get_upper (vertical) - gtk_adjustment_get_page_size (vertical), >, 100);

    /* Capture first, as GTK runs them. */
    for (guint p = 0; p < G_N_ELEMENTS (phases) && !stopped; p++)
      for (guint i = 0; i < g_list_model_get_n_items (controllers) && !stopped; i++)
        {
          g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

          if (GTK_IS_EVENT_CONTROLLER_SCROLL (controller) &&
              gtk_event_controller_get_propagation_phase (controller) == phases[p])
            g_signal_emit_by_name (controller, "scroll", 0.0, 1.0, &stopped);
        }
    g_assert_cmpfloat (gtk_adjustment_get_value (vertical), >, before);
  }

  close_window (window);
}

/* The rows of the référentiel's tree, as the list view shows them. */
static GListModel *
tree_rows (TissageReferentielPage *page)
{
  GtkWidget *view = find_child_of_type (GTK_WIDGET (page), GTK_TYPE_LIST_VIEW);

  g_assert_nonnull (view);
  return G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (view)));
}

static guint
tree_index (TissageReferentielPage *page,
            gpointer                record)
{
  GListModel *rows = tree_rows (page);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

      if (item == record)
        return i;
    }

  return G_MAXUINT;
}

static gboolean
tree_expanded (TissageReferentielPage *page,
               gpointer                record)
{
  guint index = tree_index (page, record);
  g_autoptr(GtkTreeListRow) row = NULL;

  if (index == G_MAXUINT)
    return FALSE;
  row = g_list_model_get_item (tree_rows (page), index);
  return gtk_tree_list_row_get_expanded (row);
}

/* The row of @record opened, as a click on its expander does. */
static void
tree_expand (TissageReferentielPage *page,
             gpointer                record)
{
  guint index = tree_index (page, record);
  g_autoptr(GtkTreeListRow) row = NULL;

  g_assert_cmpuint (index, !=, G_MAXUINT);
  row = g_list_model_get_item (tree_rows (page), index);
  gtk_tree_list_row_set_expanded (row, TRUE);
  wait_frames (2);
}

/* Two indicators of one effect, the first and the second in its order. */
static void
two_sibling_indicators (TissageDocument   *document,
                        TissageIndicator **first,
                        TissageIndicator **second)
{
  GListModel *indicators = tissage_document_get_records (document, TISSAGE_TYPE_INDICATOR);

  *first = *second = NULL;
  for (guint i = 0; i < g_list_model_get_n_items (indicators) && *second == NULL; i++)
    {
      g_autoptr(TissageIndicator) a = g_list_model_get_item (indicators, i);

      for (guint j = 0; j < g_list_model_get_n_items (indicators); j++)
        {
          g_autoptr(TissageIndicator) b = g_list_model_get_item (indicators, j);
          int pa, pb;

          if (a == b || tissage_indicator_get_effect_id (a) != tissage_indicator_get_effect_id (b))
            continue;
          g_object_get (a, "position", &pa, NULL);
          g_object_get (b, "position", &pb, NULL);
          if (pa < pb)
            {
              *first = g_steal_pointer (&a);
              *second = g_steal_pointer (&b);
              break;
            }
        }
    }
  g_assert_nonnull (*first);
  g_assert_nonnull (*second);
}

/* Alt+Down moves the row at once; the open branches stay open when the
 * user goes to another section and back, or to the theory of change. */
static void
test_referentiel_tree (void)
{
  g_autoptr(GFile) file = g_file_new_build_filename (tmp_dir, "arbre.tissage", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) example = tissage_document_create_example (file, &error);
  g_autoptr(TissageIndicator) first = NULL;
  g_autoptr(TissageIndicator) second = NULL;
  TissageEffect *effect;
  TissageEvalQuestion *question;
  TissageStake *stake;
  TissageReferentielPage *page;
  TissageDocument *document;
  TissageWindow *window;

  g_assert_no_error (error);
  g_clear_object (&example);

  window = open_window (file);
  document = tissage_window_get_document (window);
  tissage_window_show_section (window, "referentiel");
  wait_frames (5);
  page = TISSAGE_REFERENTIEL_PAGE (tissage_window_get_referentiel_page (window));

  two_sibling_indicators (document, &first, &second);
  effect = tissage_document_lookup (document, TISSAGE_TYPE_EFFECT, tissage_indicator_get_effect_id (first));
  question = tissage_document_lookup (document, TISSAGE_TYPE_EVAL_QUESTION, tissage_effect_get_question_id (effect));
  stake = tissage_document_lookup (document, TISSAGE_TYPE_STAKE, tissage_eval_question_get_stake_id (question));
  tree_expand (page, stake);
  tree_expand (page, question);
  tree_expand (page, effect);
  g_assert_cmpuint (tree_index (page, first), <, tree_index (page, second));

  /* Moved down with Alt+Down: the tree shows it below its sibling. */
  g_assert_true (tissage_referentiel_page_select (page, TISSAGE_RECORD (first)));
  wait_frames (3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "ref.move-down", NULL));
  wait_frames (5);
  g_assert_cmpuint (tree_index (page, first), ==, tree_index (page, second) + 1);
  g_assert_true (tissage_referentiel_page_get_selected (page) == TISSAGE_RECORD (first));
  g_assert_true (tree_expanded (page, effect));

  /* And back up, by undo. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  wait_frames (5);
  g_assert_cmpuint (tree_index (page, first) + 1, ==, tree_index (page, second));
  save_screenshot (GTK_WIDGET (window), "referentiel-moved.png");

  close_window (window);
}

/* The open branches stay open when the user goes to another section and
 * back, or to the theory of change and back. */
static void
test_referentiel_tabs (void)
{
  g_autoptr(GFile) file = g_file_new_build_filename (tmp_dir, "onglets.tissage", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) example = tissage_document_create_example (file, &error);
  g_autoptr(TissageIndicator) first = NULL;
  g_autoptr(TissageIndicator) second = NULL;
  TissageEffect *effect;
  TissageEvalQuestion *question;
  TissageStake *stake;
  TissageReferentielPage *page;
  TissageDocument *document;
  TissageWindow *window;
  guint n_rows;

  g_assert_no_error (error);
  g_clear_object (&example);

  window = open_window (file);
  document = tissage_window_get_document (window);
  tissage_window_show_section (window, "referentiel");
  wait_frames (5);
  page = TISSAGE_REFERENTIEL_PAGE (tissage_window_get_referentiel_page (window));

  two_sibling_indicators (document, &first, &second);
  effect = tissage_document_lookup (document, TISSAGE_TYPE_EFFECT, tissage_indicator_get_effect_id (first));
  question = tissage_document_lookup (document, TISSAGE_TYPE_EVAL_QUESTION, tissage_effect_get_question_id (effect));
  stake = tissage_document_lookup (document, TISSAGE_TYPE_STAKE, tissage_eval_question_get_stake_id (question));
  tree_expand (page, stake);
  tree_expand (page, question);
  tree_expand (page, effect);

  /* Renamed in the editor: the branch stays open. */
  g_assert_true (tissage_referentiel_page_select (page, TISSAGE_RECORD (question)));
  wait_frames (3);
  g_assert_true (tissage_document_set (document, question, &error, "title", "Une question renommée", NULL));
  g_assert_no_error (error);
  wait_frames (3);
  g_assert_true (tree_expanded (page, stake));
  g_assert_true (tree_expanded (page, question));
  g_assert_true (tree_expanded (page, effect));

  n_rows = g_list_model_get_n_items (tree_rows (page));
  tissage_window_show_section (window, "stakeholders");
  wait_frames (5);
  tissage_window_show_section (window, "interviews");
  wait_frames (5);
  tissage_window_show_section (window, "synthesis");
  wait_frames (5);
  tissage_window_show_section (window, "referentiel");
  wait_frames (5);
  g_assert_true (tree_expanded (page, stake));
  g_assert_true (tree_expanded (page, question));
  g_assert_true (tree_expanded (page, effect));
  g_assert_cmpuint (g_list_model_get_n_items (tree_rows (page)), ==, n_rows);
  tissage_referentiel_page_show_toc (page, TRUE);
  wait_frames (5);
  tissage_referentiel_page_show_toc (page, FALSE);
  wait_frames (5);
  g_assert_true (tree_expanded (page, effect));
  g_assert_cmpuint (g_list_model_get_n_items (tree_rows (page)), ==, n_rows);

  close_window (window);
}

/* The row widget (a tree expander) of @record, once the list view has
 * drawn it. */
static gboolean
is_row_of (GtkWidget     *widget,
           gconstpointer  record)
{
  GtkTreeListRow *row;
  g_autoptr(GObject) item = NULL;

  if (!GTK_IS_TREE_EXPANDER (widget))
    return FALSE;
  row = gtk_tree_expander_get_list_row (GTK_TREE_EXPANDER (widget));
  item = row != NULL ? gtk_tree_list_row_get_item (row) : NULL;
  return item != NULL && item == record;
}

/* The tree is as wide as the user drags it; a title cut short shows whole
 * in its tooltip; the question's icon is Tissage's own, not Adwaita's
 * diamond that reads as a broken character. */
static void
test_referentiel_titles (void)
{
  g_autoptr(GFile) file = g_file_new_build_filename (tmp_dir, "titres.tissage", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) example = tissage_document_create_example (file, &error);
  g_autoptr(TissageEvalQuestion) question = NULL;
  TissageReferentielPage *page;
  TissageDocument *document;
  TissageWindow *window;
  GtkWidget *view, *paned, *row, *label, *image;
  GtkIconTheme *theme;
  g_autoptr(GtkIconPaintable) icon = NULL;
  g_autoptr(GFile) icon_file = NULL;
  g_autofree char *uri = NULL;
  int narrow;

  g_assert_no_error (error);
  g_clear_object (&example);

  window = open_window (file);
  document = tissage_window_get_document (window);
  tissage_window_show_section (window, "referentiel");
  wait_frames (5);
  page = TISSAGE_REFERENTIEL_PAGE (tissage_window_get_referentiel_page (window));
  question = g_list_model_get_item (tissage_document_get_records (document, TISSAGE_TYPE_EVAL_QUESTION), 0);
  g_assert_true (tissage_referentiel_page_select (page, TISSAGE_RECORD (question)));
  wait_frames (5);

  row = find_widget (GTK_WIDGET (page), is_row_of, question);
  g_assert_nonnull (row);
  label = find_label (row, tissage_eval_question_get_title (question));
  g_assert_nonnull (label);
  g_assert_true (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label))));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (label), ==, tissage_eval_question_get_title (question));

  image = find_child_of_type (row, GTK_TYPE_IMAGE);
  g_assert_nonnull (image);
  theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (image));
  g_assert_true (gtk_icon_theme_has_icon (theme, gtk_image_get_icon_name (GTK_IMAGE (image))));
  icon = gtk_icon_theme_lookup_icon (theme, gtk_image_get_icon_name (GTK_IMAGE (image)), NULL, 16, 1,
                                     GTK_TEXT_DIR_LTR, 0);
  icon_file = gtk_icon_paintable_get_file (icon);
  g_assert_nonnull (icon_file);
  uri = g_file_get_uri (icon_file);
  g_assert_true (g_str_has_prefix (uri, "resource:///fr/tissage/Tissage/icons/"));

  /* Dragged wider: the tree follows. */
  view = find_child_of_type (GTK_WIDGET (page), GTK_TYPE_LIST_VIEW);
  paned = gtk_widget_get_ancestor (view, GTK_TYPE_PANED);
  g_assert_nonnull (paned);
  g_assert_true (gtk_widget_is_ancestor (paned, GTK_WIDGET (page)));
  narrow = gtk_widget_get_width (view);
  g_assert_cmpint (narrow, >=, 400);
  gtk_paned_set_position (GTK_PANED (paned), 700);
  wait_frames (5);
  g_test_message ("tree: %d px, then %d px", narrow, gtk_widget_get_width (view));
  g_assert_cmpint (gtk_widget_get_width (view), >=, narrow + 200);
  save_screenshot (GTK_WIDGET (window), "referentiel-wide.png");

  close_window (window);
}

static void
collect_of_type (GtkWidget *widget,
                 GType      type,
                 GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_of_type (child, type, found);
}

/* Every section of the shortcuts window is named, and the keys that answer
 * an interview are there. */
static void
test_shortcuts_window (void)
{
  TissageWindow *window = open_window (NULL);
  g_autoptr(GPtrArray) sections = g_ptr_array_new ();
  g_autoptr(GPtrArray) shortcuts = g_ptr_array_new ();
  gboolean scale = FALSE, yes_no = FALSE;
  GtkWindow *overlay;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  wait_frames (10);
  overlay = find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (overlay);

  collect_of_type (GTK_WIDGET (overlay), GTK_TYPE_SHORTCUTS_SECTION, sections);
  g_assert_cmpuint (sections->len, >=, 2);
  for (guint i = 0; i < sections->len; i++)
    {
      g_autofree char *title = NULL;

      g_object_get (g_ptr_array_index (sections, i), "title", &title, NULL);
      g_assert_nonnull (title);
      g_assert_cmpstr (g_strstrip (title), !=, "");
    }

  collect_of_type (GTK_WIDGET (overlay), GTK_TYPE_SHORTCUTS_SHORTCUT, shortcuts);
  for (guint i = 0; i < shortcuts->len; i++)
    {
      g_autofree char *accelerator = NULL;
      g_autofree char *title = NULL;

      g_object_get (g_ptr_array_index (shortcuts, i), "accelerator", &accelerator, "title", &title, NULL);
      if (g_strcmp0 (accelerator, "1 2 3 4 5") == 0 && g_str_has_prefix (title, "Répondre à une échelle"))
        scale = TRUE;
      if (g_strcmp0 (accelerator, "o n") == 0 && g_str_equal (title, "Répondre oui ou non"))
        yes_no = TRUE;
    }
  g_assert_true (scale);
  g_assert_true (yes_no);
  save_screenshot (GTK_WIDGET (overlay), "shortcuts-sections.png");

  gtk_window_close (overlay);
  close_window (window);
}

/* The caption of a value of "Les Jardins de la Confluence" says "des
 * Jardins", as French contracts de + les. */
static void
test_value_of_structure (void)
{
  g_autoptr(GFile) file = g_file_new_build_filename (tmp_dir, "jardins.tissage", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) example = tissage_document_create_example (file, &error);
  g_autoptr(TissageIndicator) indicator = NULL;
  g_autoptr(TissagePeriod) period = NULL;
  g_autofree char *caption = NULL;
  TissageStructure *jardins = NULL;
  GListModel *structures;
  TissageReferentielPage *page;
  TissageDocument *document;
  TissageWindow *window;
  GtkWidget *grid, *cell;

  g_assert_no_error (error);
  g_clear_object (&example);

  window = open_window (file);
  document = tissage_window_get_document (window);
  structures = tissage_document_get_structures (document);
  for (guint i = 0; i < g_list_model_get_n_items (structures); i++)
    {
      g_autoptr(TissageStructure) structure = g_list_model_get_item (structures, i);

      if (g_str_equal (tissage_structure_get_name (structure), "Les Jardins de la Confluence"))
        jardins = structure;
    }
  g_assert_nonnull (jardins);

  tissage_window_show_section (window, "referentiel");
  wait_frames (5);
  page = TISSAGE_REFERENTIEL_PAGE (tissage_window_get_referentiel_page (window));
  indicator = g_list_model_get_item (tissage_document_get_records (document, TISSAGE_TYPE_INDICATOR), 0);
  g_assert_true (tissage_referentiel_page_select (page, TISSAGE_RECORD (indicator)));
  wait_frames (5);
  grid = tissage_referentiel_page_get_measures (page);
  period = g_list_model_get_item (tissage_document_get_records (document, TISSAGE_TYPE_PERIOD), 0);
  cell = tissage_measures_grid_get_cell (TISSAGE_MEASURES_GRID (grid), period, jardins);
  g_assert_nonnull (cell);
  gtk_widget_grab_focus (cell);
  wait_frames (3);

  caption = g_strdup_printf ("Valeur des Jardins de la Confluence, %s", tissage_period_get_label (period));
  g_assert_nonnull (find_label (grid, caption));

  close_window (window);
}

/* The list of a drop-down shows its long choices whole, within the window;
 * the button may stay short. */
static void
test_drop_down_long_names (void)
{
  g_autoptr(GFile) file = g_file_new_build_filename (tmp_dir, "listes.tissage", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) example = tissage_document_create_example (file, &error);
  const char *name = "Régie de quartier Montplaisir-Tanneries";
  TissageWindow *window;
  GtkWidget *page, *drop_down, *toggle, *popover;
  GtkLabel *label;
  graphene_rect_t bounds;

  g_assert_no_error (error);
  g_clear_object (&example);

  window = open_window (file);
  page = tissage_window_get_stakeholder_page (window);
  drop_down = NULL;
  {
    g_autoptr(GPtrArray) drop_downs = g_ptr_array_new ();

    collect_of_type (page, GTK_TYPE_DROP_DOWN, drop_downs);
    for (guint i = 0; i < drop_downs->len && drop_down == NULL; i++)
      {
        GListModel *model = gtk_drop_down_get_model (g_ptr_array_index (drop_downs, i));

        for (guint k = 0; model != NULL && k < g_list_model_get_n_items (model); k++)
          {
            g_autoptr(GtkStringObject) item = g_list_model_get_item (model, k);

            if (GTK_IS_STRING_OBJECT (item) && g_str_equal (gtk_string_object_get_string (item), name))
              drop_down = g_ptr_array_index (drop_downs, i);
          }
      }
  }
  g_assert_nonnull (drop_down);

  toggle = find_child_of_type (drop_down, GTK_TYPE_TOGGLE_BUTTON);
  g_assert_nonnull (toggle);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
  wait_frames (10);
  popover = find_child_of_type (drop_down, GTK_TYPE_POPOVER);
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_mapped (popover));

  label = GTK_LABEL (find_shown_widget (popover, has_label_text, name));
  g_assert_nonnull (label);
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (label)));
  g_assert_true (gtk_widget_compute_bounds (popover, GTK_WIDGET (window), &bounds));
  g_test_message ("popover %g px wide at %g, window %d px", bounds.size.width, bounds.origin.x,
                  gtk_widget_get_width (GTK_WIDGET (window)));
  g_assert_cmpfloat (bounds.origin.x, >=, 0);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (GTK_WIDGET (window)));
  save_screenshot (GTK_WIDGET (window), "drop-down-long-names.png");

  gtk_popover_popdown (GTK_POPOVER (popover));
  wait_frames (3);
  close_window (window);
}

/* Widgets tell the window what happened through its win.* actions, from
 * inside it and from a dialog over it, without knowing its type; a widget
 * in no window is told that nobody heard. */
static void
test_widgets_tell_the_window (void)
{
  g_autoptr(GFile) file = new_project ("messagers.tissage");
  TissageWindow *window = open_window (file);
  GtkWidget *referentiel = tissage_window_get_referentiel_page (window);
  GtkWidget *stakeholders = tissage_window_get_stakeholder_page (window);
  g_autoptr(GtkWidget) alone = g_object_ref_sink (gtk_label_new ("seul"));
  g_autoptr(GError) error = g_error_new_literal (TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                                                 "Valeur refusée");
  GtkWindow *dialog;
  GtkWidget *row;

  wait_mapped (stakeholders);
  g_assert_false (gtk_widget_get_mapped (referentiel));

  /* From a widget of the window. */
  g_assert_true (tissage_widget_activate_window_action (stakeholders, "win.show-section", "s", "referentiel"));
  wait_frames (3);
  g_assert_true (gtk_widget_get_mapped (referentiel));
  g_assert_false (gtk_widget_get_mapped (stakeholders));

  /* From a dialog over it, whose own actions do not reach the window. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.project-properties", NULL));
  wait_frames (5);
  dialog = find_toplevel (TISSAGE_TYPE_PROJECT_WINDOW);
  g_assert_nonnull (dialog);
  wait_mapped (GTK_WIDGET (dialog));
  row = find_entry_row (GTK_WIDGET (dialog), "Nom du projet");
  g_assert_nonnull (row);
  g_assert_false (gtk_widget_activate_action (row, "win.show-section", "s", "stakeholders"));
  g_assert_true (tissage_widget_activate_window_action (row, "win.show-section", "s", "stakeholders"));
  wait_frames (3);
  g_assert_true (gtk_widget_get_mapped (stakeholders));
  g_assert_true (tissage_widget_try_report_error (row, error));
  gtk_window_destroy (dialog);
  wait_frames (3);

  /* Nobody to tell. */
  g_assert_false (tissage_widget_activate_window_action (alone, "win.show-section", "s", "referentiel"));
  g_assert_false (tissage_widget_try_report_error (alone, error));
  g_assert_true (gtk_widget_get_mapped (stakeholders));

  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/house/primary-menu", test_primary_menu);
  g_test_add_func ("/house/project-properties", test_project_properties);
  g_test_add_func ("/house/measures-grid-scrolls", test_measures_grid_scrolls);
  g_test_add_func ("/house/referentiel-tree", test_referentiel_tree);
  g_test_add_func ("/house/referentiel-tabs", test_referentiel_tabs);
  g_test_add_func ("/house/referentiel-titles", test_referentiel_titles);
  g_test_add_func ("/house/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/house/value-of-structure", test_value_of_structure);
  g_test_add_func ("/house/drop-down-long-names", test_drop_down_long_names);
  g_test_add_func ("/house/widgets-tell-the-window", test_widgets_tell_the_window);

  return ui_test_run ();
}

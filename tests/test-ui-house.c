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
#include "tissage-window.h"
#include "tissage-ui-test-utils.h"

/* Defects a new user met, each checked as that user would see it. */

static void
wait_export_dialog_closed (void)
{
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (find_toplevel (TISSAGE_TYPE_EXPORT_DIALOG) != NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (find_toplevel (TISSAGE_TYPE_EXPORT_DIALOG));
  wait_frames (3);
}

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

/* The entry whose placeholder is @text, somewhere in @widget. */
static GtkWidget *
find_placeholder_entry (GtkWidget  *widget,
                        const char *text)
{
  if (GTK_IS_ENTRY (widget) &&
      g_strcmp0 (gtk_entry_get_placeholder_text (GTK_ENTRY (widget)), text) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_placeholder_entry (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
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

  period_entry = find_placeholder_entry (grid, "Nouvelle période, par exemple 2027 ou 1er semestre 2027");
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

  return ui_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

/* Exports from the window: the map as PDF, the export dialog and what it
 * lets one choose. */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
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

void
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

/* Ctrl+E: the options, pseudonymised by default; cancelled, nothing is
 * written; exported, the workbook is there. */
void
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
void
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

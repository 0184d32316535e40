/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tissage-referentiel.h"
#include "tissage-spreadsheet.h"
#include "tissage-stakeholder-import.h"
#include "tissage-ui-test-utils.h"

static GtkWindow *
find_import_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      /* The list keeps it: the pointer stays good after the unref. */
      if (g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (window)), "stakeholder-import-dialog") == 0 &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static gboolean
is_combo_row (GtkWidget    *widget,
              gconstpointer data)
{
  return ADW_IS_COMBO_ROW (widget);
}

/* The partners' list LibreOffice saved: the dialog maps its columns,
 * says what it will do, and imports it as one undo step. */
static void
test_import_stakeholders (void)
{
  g_autoptr(GFile) file = new_project ("interop.tissage");
  TissageWindow *window = open_window (file);
  TissageDocument *document = tissage_window_get_document (window);
  GListModel *stakeholders = tissage_document_get_stakeholders (document);
  g_autofree char *ods = g_test_build_filename (G_TEST_DIST, "fixtures", "partenaires.ods", NULL);
  g_autofree char *expected = NULL;
  GtkWindow *dialog;
  GtkWidget *import_button, *summary_group;
  AdwComboRow *influence;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import-stakeholders-from", "s", ods));
  wait_frames (5);
  dialog = find_import_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_modal (dialog));
  wait_mapped (GTK_WIDGET (dialog));

  /* A row per column, proposed from its header. */
  g_assert_cmpuint (count_shown_widgets (GTK_WIDGET (dialog), is_combo_row, NULL), ==, 4 + 1);
  influence = ADW_COMBO_ROW (find_widget (GTK_WIDGET (dialog), has_title, "Influence"));
  g_assert_nonnull (influence);
  g_assert_cmpuint (adw_combo_row_get_selected (influence), ==, TISSAGE_STAKEHOLDER_COLUMN_INFLUENCE);
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), has_title, "Centre social « Les Tilleuls »"));

  summary_group = find_widget (GTK_WIDGET (dialog), has_title, _("Preview"));
  g_assert_nonnull (summary_group);
  expected = g_strdup_printf (g_dngettext (NULL, "%u stakeholder added", "%u stakeholders added", 3), 3);
  g_assert_nonnull (strstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (summary_group)), expected));
  save_screenshot (GTK_WIDGET (dialog), "interop-import-stakeholders.png");

  /* Ignoring the name column leaves nothing to import. */
  {
    AdwComboRow *name = ADW_COMBO_ROW (find_widget (GTK_WIDGET (dialog), has_title, "Nom"));

    import_button = find_widget (GTK_WIDGET (dialog), has_button_label, _("_Import"));
    g_assert_nonnull (import_button);
    adw_combo_row_set_selected (name, TISSAGE_STAKEHOLDER_COLUMN_IGNORE);
    wait_frames (2);
    g_assert_false (gtk_widget_get_sensitive (import_button));
    adw_combo_row_set_selected (name, TISSAGE_STAKEHOLDER_COLUMN_NAME);
    wait_frames (2);
    g_assert_true (gtk_widget_get_sensitive (import_button));
  }

  g_signal_emit_by_name (import_button, "clicked");
  wait_frames (5);
  g_assert_null (find_import_dialog ());
  g_assert_cmpuint (g_list_model_get_n_items (stakeholders), ==, 3);

  /* One step. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  wait_frames (3);
  g_assert_cmpuint (g_list_model_get_n_items (stakeholders), ==, 0);

  close_window (window);
}

/* The workbooks out, where the save dialog says; the référentiel back in
 * changes nothing. */
static void
test_exports (void)
{
  g_autoptr(GFile) file = new_project ("interop-exports.tissage");
  TissageWindow *window = open_window (file);
  TissageDocument *document = tissage_window_get_document (window);
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autofree char *dir = g_file_get_path (folder);
  g_autofree char *kumu = g_build_filename (dir, "carte", NULL);
  g_autofree char *kumu_xlsx = g_build_filename (dir, "carte.xlsx", NULL);
  g_autofree char *referentiel = g_build_filename (dir, "referentiel.xlsx", NULL);
  g_autofree char *nowhere = g_build_filename (dir, "absent", "r.xlsx", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageStake) stake = tissage_document_insert (document, TISSAGE_TYPE_STAKE, &error, "title", "Emploi", NULL);
  guint64 serial;
  AdwMessageDialog *message;

  g_assert_no_error (error);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-kumu-to", "s", kumu));
  wait_frames (3);
  g_assert_true (g_file_test (kumu_xlsx, G_FILE_TEST_IS_REGULAR));
  /* Tissage's fields in the user's language, Kumu's own columns as Kumu names them. */
  {
    g_autoptr(GFile) workbook = g_file_new_for_path (kumu_xlsx);
    g_autoptr(TissageSpreadsheet) book = tissage_spreadsheet_read_file (workbook, NULL, &error);
    TissageSheet *elements;

    g_assert_no_error (error);
    elements = g_ptr_array_index (book->sheets, 0);
    g_assert_cmpstr (tissage_sheet_get_cell (elements, 0, 0), ==, "Label");
    g_assert_cmpstr (tissage_sheet_get_cell (elements, 0, 6), ==, "Intérêt");
    g_assert_cmpstr (tissage_sheet_get_cell (elements, 0, 7), ==, "Proximité");
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-referentiel-to", "s", referentiel));
  wait_frames (3);
  g_assert_true (g_file_test (referentiel, G_FILE_TEST_IS_REGULAR));

  serial = tissage_document_get_undo_serial (document);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import-referentiel-from", "s", referentiel));
  wait_frames (3);
  g_assert_cmpuint (tissage_document_get_undo_serial (document), ==, serial);
  g_assert_null (find_message_dialog ());

  /* A folder that is not there: said in a dialog, nothing written. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-referentiel-to", "s", nowhere));
  wait_frames (3);
  message = find_message_dialog ();
  g_assert_nonnull (message);
  g_assert_cmpstr (adw_message_dialog_get_heading (message), ==, _("The Référentiel Could Not Be Exported"));
  gtk_window_destroy (GTK_WINDOW (message));
  wait_frames (2);

  /* A file that is no référentiel is refused, the project intact. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import-referentiel-from", "s", kumu_xlsx));
  wait_frames (3);
  message = find_message_dialog ();
  g_assert_nonnull (message);
  g_assert_cmpstr (adw_message_dialog_get_heading (message), ==, _("The Référentiel Could Not Be Imported"));
  gtk_window_destroy (GTK_WINDOW (message));
  wait_frames (2);
  g_assert_cmpuint (tissage_document_get_undo_serial (document), ==, serial);

  /* Taguette's two CSVs, in the folder the save dialog names. */
  {
    g_autofree char *taguette = g_build_filename (dir, "Verbatims — Taguette", NULL);
    g_autofree char *codebook = g_build_filename (taguette, "codebook.csv", NULL);
    g_autofree char *highlights = g_build_filename (taguette, "highlights.csv", NULL);
    g_autofree char *text = NULL;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-taguette-to", "s", taguette));
    wait_frames (3);
    g_assert_null (find_message_dialog ());
    g_assert_true (g_file_get_contents (codebook, &text, NULL, NULL));
    g_assert_true (g_str_has_prefix (text, "\"tag\",\"description\",\"number of highlights\""));
    g_assert_true (g_file_test (highlights, G_FILE_TEST_IS_REGULAR));

    /* A file of that name stays what it is. */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-taguette-to", "s", kumu_xlsx));
    wait_frames (3);
    message = find_message_dialog ();
    g_assert_nonnull (message);
    g_assert_cmpstr (adw_message_dialog_get_heading (message), ==, _("The Verbatims Could Not Be Exported for Taguette"));
    gtk_window_destroy (GTK_WINDOW (message));
    wait_frames (2);
    g_assert_true (g_file_test (kumu_xlsx, G_FILE_TEST_IS_REGULAR));
  }

  close_window (window);
}

/* A column the import leaves out, and a value it cannot read, said in
 * the preview before anything is imported. */
static void
test_import_says_what_it_leaves (void)
{
  g_autoptr(GFile) file = new_project ("interop-leaves.tissage");
  TissageWindow *window = open_window (file);
  TissageDocument *document = tissage_window_get_document (window);
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autofree char *dir = g_file_get_path (folder);
  g_autofree char *csv = g_build_filename (dir, "partenaires-ville.csv", NULL);
  guint before = g_list_model_get_n_items (tissage_document_get_stakeholders (document));
  GtkWindow *dialog;
  GtkWidget *ignored, *row;
  g_autofree char *left_out = NULL;

  g_assert_true (g_file_set_contents (csv, "Nom;Influence;Ville\nÉpicerie solidaire;forte;Agen\nCrèche;40;Agen\n", -1, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import-stakeholders-from", "s", csv));
  wait_frames (5);
  dialog = find_import_dialog ();
  g_assert_nonnull (dialog);
  wait_mapped (GTK_WIDGET (dialog));

  ignored = find_shown_widget (GTK_WIDGET (dialog), has_widget_name, "ignored-columns");
  g_assert_nonnull (ignored);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (ignored)), "Ville"));
  row = find_shown_widget (GTK_WIDGET (dialog), has_title, "Épicerie solidaire");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, _("Left out: a value cannot be read, see below"));
  /* The cell, by its line and column, under the rows. */
  left_out = g_strdup_printf (_("line %u, “%s”: %s"), 2, "Influence", "");
  g_assert_nonnull (find_shown_widget (GTK_WIDGET (dialog), has_label_prefix, left_out));
  save_screenshot (GTK_WIDGET (dialog), "interop-import-leaves.png");

  gtk_window_destroy (dialog);
  wait_frames (2);
  g_assert_cmpuint (g_list_model_get_n_items (tissage_document_get_stakeholders (document)), ==, before);
  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/interop/import-stakeholders", test_import_stakeholders);
  g_test_add_func ("/ui/interop/exports", test_exports);
  g_test_add_func ("/ui/interop/import-says-what-it-leaves", test_import_says_what_it_leaves);

  return ui_test_run ();
}

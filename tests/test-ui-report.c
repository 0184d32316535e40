/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "tissage-report-dialog.h"
#include "tissage-ui-test-utils.h"

/*
 * « Exporter le rapport… » and « Imprimer… » in the window: their
 * shortcuts, the dialog's choices (every section, pseudonymised by
 * default), the PDF it writes and the pages it prints, the same report.
 */

static int
pdf_pages (const char *path)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *pages;
  int status = 0;

  g_autofree char *found = g_find_program_in_path ("pdfinfo");

  if (found == NULL)
    g_error ("pdfinfo is missing: install Debian's poppler-utils (see .ci/setup)");
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  pages = strstr (out, "\nPages:");
  g_assert_nonnull (pages);
  return atoi (pages + strlen ("\nPages:"));
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static gboolean
dialog_gone (gpointer data)
{
  return find_toplevel (TISSAGE_TYPE_REPORT_DIALOG) == NULL;
}

static void
assert_accel (const char *action,
              const char *accel)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (application), action);
  guint key, wanted_key;
  GdkModifierType mods, wanted_mods;
  gboolean found = FALSE;

  g_assert_true (gtk_accelerator_parse (accel, &wanted_key, &wanted_mods));
  for (guint i = 0; accels != NULL && accels[i] != NULL; i++)
    found |= gtk_accelerator_parse (accels[i], &key, &mods) && key == wanted_key && mods == wanted_mods;
  if (!found)
    g_error ("%s is not on %s", action, accel);
}

static void
collect_shortcuts (GtkWidget *widget,
                   GPtrArray *actions)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      char *action = NULL;

      g_object_get (widget, "action-name", &action, NULL);
      if (action != NULL)
        g_ptr_array_add (actions, action);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_shortcuts (child, actions);
}

/* Whether @menu (or one of its sections) has an item firing @action,
 * labelled @label. */
static gboolean
menu_has (GMenuModel *menu,
          const char *action,
          const char *label)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *item_action = NULL;
      g_autofree char *item_label = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &item_action) &&
          g_str_equal (item_action, action) &&
          g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &item_label) &&
          g_str_equal (item_label, label))
        return TRUE;
      if (section != NULL && menu_has (section, action, label))
        return TRUE;
    }
  return FALSE;
}

/* The primary menu and the shortcuts window list both. */
static void
test_shortcuts (void)
{
  TissageWindow *window = open_window (NULL);
  g_autoptr(GPtrArray) actions = g_ptr_array_new_with_free_func (g_free);
  GtkWindow *overlay;

  {
    GtkWidget *button = find_child_of_type (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON);
    GMenuModel *menu;

    g_assert_nonnull (button);
    menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
    g_assert_true (menu_has (menu, "win.export-report", "Exporter le _rapport…"));
    g_assert_true (menu_has (menu, "win.print-report", "_Imprimer…"));
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  wait_frames (5);
  overlay = find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (overlay);
  collect_shortcuts (GTK_WIDGET (overlay), actions);
  g_assert_true (g_ptr_array_find_with_equal_func (actions, "win.export-report", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (actions, "win.print-report", g_str_equal, NULL));
  gtk_window_close (overlay);
  close_window (window);
}

static gboolean
printed_toast_shown (gpointer window)
{
  return find_shown_widget (GTK_WIDGET (window), has_label_text, "Rapport envoyé à l’imprimante") != NULL;
}

static void
test_export_and_print (void)
{
  g_autofree char *project = g_build_filename (tmp_dir, "exemple.tissage", NULL);
  g_autofree char *pdf = g_build_filename (tmp_dir, "rapport.pdf", NULL);
  g_autofree char *printed = g_build_filename (tmp_dir, "imprime.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (project);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageReport) report = NULL;
  TissageDocument *document;
  TissageReportOptions options;
  TissageReportDialog *dialog;
  TissageWindow *window;

  document = tissage_document_create_example (file, &error);
  g_assert_no_error (error);
  g_object_unref (document);

  window = open_window (file);
  assert_accel ("win.export-report", "<Control><Shift>e");
  assert_accel ("win.print-report", "<Control>p");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export-report", NULL);
  dialog = TISSAGE_REPORT_DIALOG (find_toplevel (TISSAGE_TYPE_REPORT_DIALOG));
  g_assert_nonnull (dialog);
  wait_mapped (GTK_WIDGET (dialog));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Exporter le rapport");
  g_assert_nonnull (find_shown_widget (GTK_WIDGET (dialog), has_button_label, "_Imprimer…"));
  save_screenshot (GTK_WIDGET (dialog), "report-dialog");

  /* Every section, the interviewees not named: unless chosen otherwise. */
  tissage_report_dialog_get_options (dialog, &options);
  g_assert_true (options.pseudonymise);
  g_assert_false (options.include_without_consent);
  g_assert_cmpint (options.sections, ==, TISSAGE_REPORT_SECTIONS_ALL);
  g_assert_nonnull (find_shown_widget (GTK_WIDGET (dialog), has_title, "Enjeux, effets et indicateurs"));

  /* What the save dialog would give: the PDF, written in the background. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export-report-to", "s", pdf);
  wait_until (file_exists, pdf, 20000);
  wait_until (dialog_gone, NULL, 20000);
  document = tissage_window_get_document (window);
  report = tissage_report_new (document, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pdf_pages (pdf), ==, tissage_report_get_n_pages (report));

  /* Ctrl+P: the same dialog for printing, then the same pages. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.print-report", NULL);
  dialog = TISSAGE_REPORT_DIALOG (find_toplevel (TISSAGE_TYPE_REPORT_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Imprimer le rapport");
  tissage_report_dialog_print (dialog, printed);
  g_assert_true (g_file_test (printed, G_FILE_TEST_EXISTS));
  /* A toast says it is done (after that of the export, still shown). */
  wait_until (printed_toast_shown, window, 20000);
  g_assert_cmpint (pdf_pages (printed), ==, tissage_report_get_n_pages (report));
  wait_until (dialog_gone, NULL, 5000);

  g_unlink (pdf);
  g_unlink (printed);
  close_window (window);
}

static AdwComboRow *
combo_row (TissageReportDialog *dialog,
           const char          *title)
{
  GtkWidget *row = find_widget (GTK_WIDGET (dialog), has_title, title);

  g_assert_true (ADW_IS_COMBO_ROW (row));
  return ADW_COMBO_ROW (row);
}

static TissageReportDialog *
open_report_dialog (TissageWindow *window,
                    const char    *action)
{
  TissageReportDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (window), action, NULL);
  dialog = TISSAGE_REPORT_DIALOG (find_toplevel (TISSAGE_TYPE_REPORT_DIALOG));
  g_assert_nonnull (dialog);
  wait_mapped (GTK_WIDGET (dialog));
  return dialog;
}

/* The period and structure chosen come back when the dialog opens again
 * (by Ctrl+P too), and only for the same project. */
static void
test_remembers_choices (void)
{
  g_autofree char *project = g_build_filename (tmp_dir, "choix.tissage", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (project);
  g_autoptr(GError) error = NULL;
  TissageReportOptions options, chosen;
  TissageReportDialog *dialog;
  TissageDocument *document;
  TissageWindow *window;

  document = tissage_document_create_example (file, &error);
  g_assert_no_error (error);
  g_object_unref (document);
  window = open_window (file);

  dialog = open_report_dialog (window, "win.export-report");
  adw_combo_row_set_selected (combo_row (dialog, "Période du bilan"), 2);
  adw_combo_row_set_selected (combo_row (dialog, "Structure membre"), 3);
  tissage_report_dialog_get_options (dialog, &chosen);
  g_assert_cmpint (chosen.period_id, !=, 0);
  g_assert_cmpint (chosen.structure_id, !=, 0);

  /* The file proposed says which report it is. */
  {
    GListModel *periods = adw_combo_row_get_model (combo_row (dialog, "Période du bilan"));
    GListModel *structures = adw_combo_row_get_model (combo_row (dialog, "Structure membre"));
    g_autofree char *expected = g_strdup_printf ("Rapport %s — %s.pdf",
                                                 gtk_string_list_get_string (GTK_STRING_LIST (periods), 2),
                                                 gtk_string_list_get_string (GTK_STRING_LIST (structures), 3));
    g_autofree char *name = tissage_report_dialog_dup_file_name (dialog);

    g_assert_cmpstr (name, ==, expected);
  }
  gtk_window_close (GTK_WINDOW (dialog));
  wait_until (dialog_gone, NULL, 5000);

  dialog = open_report_dialog (window, "win.print-report");
  tissage_report_dialog_get_options (dialog, &options);
  g_assert_cmpint (options.period_id, ==, chosen.period_id);
  g_assert_cmpint (options.structure_id, ==, chosen.structure_id);
  gtk_window_close (GTK_WINDOW (dialog));
  wait_until (dialog_gone, NULL, 5000);

  dialog = open_report_dialog (window, "win.export-report");
  tissage_report_dialog_get_options (dialog, &options);
  g_assert_cmpint (options.period_id, ==, chosen.period_id);
  g_assert_cmpint (options.structure_id, ==, chosen.structure_id);
  gtk_window_close (GTK_WINDOW (dialog));
  wait_until (dialog_gone, NULL, 5000);

  close_window (window);
}

typedef struct
{
  const char *text;
  guint       ellipsized;
  guint       found;
} LabelCheck;

static void
check_labels (GtkWidget  *widget,
              LabelCheck *check)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), check->text) == 0)
    {
      check->found++;
      if (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))))
        check->ellipsized++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    check_labels (child, check);
}

/* The member structures by name, each shown whole: chosen, and in the
 * list; the dialog within a 1366×768 screen. */
static void
test_structure_names (void)
{
  g_autofree char *project = g_build_filename (tmp_dir, "noms.tissage", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (project);
  g_autoptr(GError) error = NULL;
  g_autofree char *longest = NULL;
  TissageReportDialog *dialog;
  TissageDocument *document;
  TissageWindow *window;
  AdwComboRow *row;
  GListModel *names;
  guint longest_at = 0;
  int width = 0, height = 0;
  LabelCheck check = { 0 };

  document = tissage_document_create_example (file, &error);
  g_assert_no_error (error);
  g_object_unref (document);
  window = open_window (file);
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);

  dialog = open_report_dialog (window, "win.export-report");
  gtk_window_get_default_size (GTK_WINDOW (dialog), &width, &height);
  g_assert_cmpint (width, <=, 1366);
  g_assert_cmpint (height, <=, 768);
  row = combo_row (dialog, "Structure membre");
  names = adw_combo_row_get_model (row);
  g_assert_cmpuint (g_list_model_get_n_items (names), >, 3);
  for (guint i = 1; i < g_list_model_get_n_items (names); i++)
    {
      const char *name = gtk_string_list_get_string (GTK_STRING_LIST (names), i);

      if (i > 1)
        {
          g_autofree char *a = g_utf8_casefold (gtk_string_list_get_string (GTK_STRING_LIST (names), i - 1), -1);
          g_autofree char *b = g_utf8_casefold (name, -1);
          g_autofree char *ka = g_utf8_collate_key (a, -1);
          g_autofree char *kb = g_utf8_collate_key (b, -1);

          if (strcmp (ka, kb) > 0)
            g_error ("« %s » comes before « %s »", gtk_string_list_get_string (GTK_STRING_LIST (names), i - 1), name);
        }
      if (longest == NULL || g_utf8_strlen (name, -1) > g_utf8_strlen (longest, -1))
        {
          g_free (longest);
          longest = g_strdup (name);
          longest_at = i;
        }
    }
  g_assert_cmpint (g_utf8_strlen (longest, -1), >, 20);

  adw_combo_row_set_selected (row, longest_at);
  wait_frames (5);
  check.text = longest;
  check_labels (GTK_WIDGET (row), &check);
  g_assert_cmpuint (check.found, ==, 1);
  g_assert_cmpuint (check.ellipsized, ==, 0);

  gtk_widget_activate (GTK_WIDGET (row));
  wait_frames (10);
  save_screenshot (GTK_WIDGET (dialog), "report-dialog-structures");
  check.found = check.ellipsized = 0;
  check_labels (GTK_WIDGET (row), &check);
  g_assert_cmpuint (check.found, ==, 2);
  g_assert_cmpuint (check.ellipsized, ==, 0);

  gtk_window_close (GTK_WINDOW (dialog));
  wait_until (dialog_gone, NULL, 5000);
  close_window (window);
}

static gboolean
message_shown (gpointer data)
{
  return find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

/* The message over the report dialog, naming the cause; closed. */
static void
assert_error_shown (TissageReportDialog *dialog,
                    const char          *expected)
{
  GtkWindow *message;

  wait_until (message_shown, NULL, 20000);
  message = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_true (gtk_window_get_transient_for (message) == GTK_WINDOW (dialog));
  if (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (message)), expected) == NULL)
    g_error ("« %s » does not say « %s »", adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (message)), expected);
  gtk_window_destroy (message);
  wait_frames (3);
}

/* A name that is no PDF is refused as on the command line; a folder one
 * may not write in is named; both over the dialog, which stays open. */
static void
test_export_errors (void)
{
  g_autofree char *project = g_build_filename (tmp_dir, "erreurs.tissage", NULL);
  g_autofree char *docx = g_build_filename (tmp_dir, "rapport.docx", NULL);
  g_autofree char *docx_pdf = g_build_filename (tmp_dir, "rapport.docx.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (project);
  g_autoptr(GError) error = NULL;
  TissageReportDialog *dialog;
  TissageDocument *document;
  TissageWindow *window;

  document = tissage_document_create_example (file, &error);
  g_assert_no_error (error);
  g_object_unref (document);
  window = open_window (file);
  dialog = open_report_dialog (window, "win.export-report");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.export-report-to", "s", docx);
  assert_error_shown (dialog, "rapport.docx\u202f» ne se termine pas par .pdf");
  g_assert_false (g_file_test (docx_pdf, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (docx, G_FILE_TEST_EXISTS));
  g_assert_true (find_toplevel (TISSAGE_TYPE_REPORT_DIALOG) == GTK_WINDOW (dialog));

  if (g_file_test ("/proc", G_FILE_TEST_IS_DIR))
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.export-report-to", "s", "/proc/rapport.pdf");
      assert_error_shown (dialog, "écrire dans le dossier «\u00a0/proc\u00a0»");
      g_assert_false (tissage_report_dialog_is_running (dialog));
    }

  gtk_window_close (GTK_WINDOW (dialog));
  wait_until (dialog_gone, NULL, 5000);
  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/report/export-and-print", test_export_and_print);
  g_test_add_func ("/report/menu-and-shortcuts", test_shortcuts);
  g_test_add_func ("/report/remembers-choices", test_remembers_choices);
  g_test_add_func ("/report/structure-names", test_structure_names);
  g_test_add_func ("/report/export-errors", test_export_errors);

  return ui_test_run ();
}

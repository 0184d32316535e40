#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tissage-csv-import-dialog.h"
#include "tissage-ui-test-utils.h"

/* The position of the first question in a column's list, as the dialog
 * orders it: "Ignore", then every interview field. */
#define FIRST_QUESTION (TISSAGE_CSV_N_TARGETS - 1)

static void
add_guide (TissageDocument *document)
{
  static const struct {
    TissageQuestionKind  kind;
    const char          *text;
    const char          *choices;
  } questions[] = {
    { TISSAGE_QUESTION_OPEN, "Qu'est-ce qui a changé pour vous ?", "" },
    { TISSAGE_QUESTION_SCALE, "Satisfaction globale", "" },
    { TISSAGE_QUESTION_YES_NO, "Avez-vous trouvé un emploi ?", "" },
    { TISSAGE_QUESTION_SINGLE, "Situation actuelle", "CDI\nCDD\nFormation\nSans emploi" },
    { TISSAGE_QUESTION_MULTIPLE, "Ateliers suivis", "CV\nEntretien\nNumérique" },
    { TISSAGE_QUESTION_NUMBER, "Nombre de rendez-vous", "" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageGrid) grid = NULL;
  g_autoptr(TissageStructure) relais = NULL;
  g_autoptr(TissageStructure) regie = NULL;
  g_autoptr(TissageCategory) category = NULL;

  grid = tissage_document_insert (document, TISSAGE_TYPE_GRID, &error, "title", "Parcours vers l'emploi", NULL);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (questions); i++)
    {
      g_autoptr(TissageGridQuestion) question = NULL;

      question = tissage_document_insert (document, TISSAGE_TYPE_GRID_QUESTION, &error,
                                          "grid-id", tissage_record_id (grid), "kind", (int) questions[i].kind,
                                          "text", questions[i].text, "choices", questions[i].choices,
                                          "position", (int) i, NULL);
      g_assert_no_error (error);
    }
  relais = tissage_document_insert (document, TISSAGE_TYPE_STRUCTURE, &error, "name", "Association Relais", NULL);
  regie = tissage_document_insert (document, TISSAGE_TYPE_STRUCTURE, &error, "name", "Régie de quartier", NULL);
  category = tissage_document_insert (document, TISSAGE_TYPE_CATEGORY, &error, "name", "Personnes accompagnées", NULL);
  g_assert_no_error (error);
}

static void
wait_idle (TissageCsvImportDialog *dialog)
{
  for (guint i = 0; i < 500 && tissage_csv_import_dialog_is_busy (dialog); i++)
    wait_frames (1);
  g_assert_false (tissage_csv_import_dialog_is_busy (dialog));
  wait_frames (3);
}

static void
open_fixture (TissageCsvImportDialog *dialog,
              const char             *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "csv", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  tissage_csv_import_dialog_open_file (dialog, file);
  wait_idle (dialog);
}

static GtkWidget *
find_group_titled (GtkWidget  *widget,
                   const char *needle)
{
  if (ADW_IS_PREFERENCES_GROUP (widget) && gtk_widget_get_visible (widget))
    {
      const char *title = adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget));

      if (title != NULL && strstr (title, needle) != NULL)
        return widget;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_group_titled (child, needle);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_import_dialog (void)
{
  g_autoptr(GFile) file = new_project ("import-csv.tissage");
  TissageWindow *window = open_window (file);
  TissageDocument *document = tissage_window_get_document (window);
  GListModel *interviews = tissage_document_get_records (document, TISSAGE_TYPE_INTERVIEW);
  TissageCsvImportDialog *dialog;
  TissageCsvImport *import;
  AdwMessageDialog *message;
  GtkWidget *report;

  /* Without a guide, the action says what to do first. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import-csv", NULL));
  wait_frames (3);
  message = find_message_dialog ();
  g_assert_nonnull (message);
  g_assert_null (find_toplevel (TISSAGE_TYPE_CSV_IMPORT_DIALOG));
  gtk_window_destroy (GTK_WINDOW (message));
  wait_frames (2);

  add_guide (document);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import-csv", NULL));
  wait_frames (5);
  dialog = TISSAGE_CSV_IMPORT_DIALOG (find_toplevel (TISSAGE_TYPE_CSV_IMPORT_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  save_screenshot (GTK_WIDGET (dialog), "csv-import-start.png");

  /* A file that is not text is explained where the file is chosen. */
  open_fixture (dialog, "binary.csv");
  g_assert_null (tissage_csv_import_dialog_get_import (dialog));
  {
    g_autofree char *title = g_strdup_printf (_("“%s” Cannot Be Imported"), "binary.csv");

    g_assert_nonnull (find_label (GTK_WIDGET (dialog), title));
  }
  save_screenshot (GTK_WIDGET (dialog), "csv-import-not-text.png");

  /* Bad rows: the check lists every reason and keeps them out. */
  open_fixture (dialog, "bad-values.csv");
  import = tissage_csv_import_dialog_get_import (dialog);
  g_assert_nonnull (import);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.check", NULL));
  wait_idle (dialog);
  g_assert_true (tissage_csv_import_is_checked (import));
  g_assert_cmpuint (tissage_csv_import_get_n_accepted (import), ==, 3);
  report = find_group_titled (GTK_WIDGET (dialog), "3");
  g_assert_nonnull (report);
  g_assert_nonnull (strstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (report)), "2"));
  g_assert_nonnull (find_label (report, ((TissageCsvRefusal *) g_ptr_array_index (tissage_csv_import_get_refusals (import), 0))->reasons[0]));
  save_screenshot (GTK_WIDGET (dialog), "csv-import-refused.png");

  /* The French export: preview, proposed mapping, import. */
  open_fixture (dialog, "limesurvey-fr.csv");
  import = tissage_csv_import_dialog_get_import (dialog);
  g_assert_false (tissage_csv_import_is_checked (import));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "limesurvey-fr.csv"));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "Mme A."));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "J'ai repris confiance ; je sors plus. Et j'ai un \"vrai\" réseau."));
  g_assert_cmpuint (adw_combo_row_get_selected (tissage_csv_import_dialog_get_column_row (dialog, 0)), ==, 0);
  g_assert_cmpint (tissage_csv_import_get_column (import, 1, NULL), ==, TISSAGE_CSV_DATE);
  g_assert_cmpuint (adw_combo_row_get_selected (tissage_csv_import_dialog_get_column_row (dialog, 1)), ==, 1);
  g_assert_cmpuint (adw_combo_row_get_selected (tissage_csv_import_dialog_get_column_row (dialog, 5)), ==, 5);
  /* In each column's list: "Ignore", the interview's fields, then the questions. */
  for (guint q = 0; q < 6; q++)
    g_assert_cmpuint (adw_combo_row_get_selected (tissage_csv_import_dialog_get_column_row (dialog, 6 + q)), ==,
                      FIRST_QUESTION + q);
  save_screenshot (GTK_WIDGET (dialog), "csv-import-mapping.png");

  /* Choosing a question already taken moves it: the other column is then ignored. */
  adw_combo_row_set_selected (tissage_csv_import_dialog_get_column_row (dialog, 0), FIRST_QUESTION + 5);
  g_assert_cmpint (tissage_csv_import_get_column (import, 11, NULL), ==, TISSAGE_CSV_IGNORE);
  g_assert_cmpuint (adw_combo_row_get_selected (tissage_csv_import_dialog_get_column_row (dialog, 11)), ==, 0);
  adw_combo_row_set_selected (tissage_csv_import_dialog_get_column_row (dialog, 11), FIRST_QUESTION + 5);
  g_assert_cmpuint (adw_combo_row_get_selected (tissage_csv_import_dialog_get_column_row (dialog, 0)), ==, 0);
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.apply", NULL) &&
                  g_list_model_get_n_items (interviews) > 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.check", NULL));
  wait_idle (dialog);
  g_assert_cmpuint (tissage_csv_import_get_n_accepted (import), ==, 3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.apply", NULL));
  wait_frames (5);
  g_assert_null (find_toplevel (TISSAGE_TYPE_CSV_IMPORT_DIALOG));
  g_assert_cmpuint (g_list_model_get_n_items (interviews), ==, 3);
  save_screenshot (GTK_WIDGET (window), "csv-import-done.png");

  /* One undo takes back the whole import. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  wait_frames (3);
  g_assert_cmpuint (g_list_model_get_n_items (interviews), ==, 0);

  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/csv/import-dialog", test_import_dialog);

  return ui_test_run ();
}

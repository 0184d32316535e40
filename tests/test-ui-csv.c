/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tissage-csv-import-dialog.h"
#include "tissage-ui-test-utils.h"
#include "tissage-xlsform.h"

/* The interview's fields a column's list offers before the questions:
 * every target but a question and a choice of one. */
#define N_FIELDS (TISSAGE_CSV_N_TARGETS - 2)

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

/* A shown group of the settings kind whose title holds @needle. */
static gboolean
group_title_holds (GtkWidget     *widget,
                   gconstpointer  needle)
{
  const char *title;

  if (!ADW_IS_PREFERENCES_GROUP (widget) || !gtk_widget_get_visible (widget))
    return FALSE;
  title = adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget));
  return title != NULL && strstr (title, needle) != NULL;
}

static gboolean
group_described (GtkWidget     *widget,
                 gconstpointer  description)
{
  return ADW_IS_PREFERENCES_GROUP (widget) &&
         g_strcmp0 (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (widget)), description) == 0;
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

  /* Bad cells: the check lists every reason and leaves those answers empty. */
  open_fixture (dialog, "bad-values.csv");
  import = tissage_csv_import_dialog_get_import (dialog);
  g_assert_nonnull (import);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.check", NULL));
  wait_idle (dialog);
  g_assert_true (tissage_csv_import_is_checked (import));
  g_assert_cmpuint (tissage_csv_import_get_n_accepted (import), ==, 5);
  report = find_widget (GTK_WIDGET (dialog), group_title_holds, "5");
  g_assert_nonnull (report);
  g_assert_nonnull (strstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (report)), "0"));
  g_assert_nonnull (strstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (report)), "5"));
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
  /* After the fields (consent, the interviewee’s structure and the submission’s identifier last), the questions. */
  for (guint q = 0; q < 6; q++)
    g_assert_cmpuint (adw_combo_row_get_selected (tissage_csv_import_dialog_get_column_row (dialog, 6 + q)), ==, N_FIELDS + q);
  save_screenshot (GTK_WIDGET (dialog), "csv-import-mapping.png");

  /* Choosing a question already taken moves it: the other column is then ignored. */
  adw_combo_row_set_selected (tissage_csv_import_dialog_get_column_row (dialog, 0), N_FIELDS + 5);
  g_assert_cmpint (tissage_csv_import_get_column (import, 11, NULL), ==, TISSAGE_CSV_IGNORE);
  g_assert_cmpuint (adw_combo_row_get_selected (tissage_csv_import_dialog_get_column_row (dialog, 11)), ==, 0);
  adw_combo_row_set_selected (tissage_csv_import_dialog_get_column_row (dialog, 11), N_FIELDS + 5);
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

/* The family centre's guide beside the job guide: a Google Forms or a
 * KoboToolbox export proposes it by itself. */
static TissageGrid *
add_family_guide (TissageDocument *document)
{
  static const struct {
    TissageQuestionKind  kind;
    const char          *text;
    const char          *choices;
  } questions[] = {
    { TISSAGE_QUESTION_MULTIPLE, "Quels freins rencontrez-vous ?",
      "Garde d'enfants\nSanté\nLogement\nMobilité, transport\nMobilité" },
    { TISSAGE_QUESTION_SCALE, "Satisfaction globale", "" },
    { TISSAGE_QUESTION_OPEN, "Qu'est-ce qui a changé pour vous ?", "" },
  };
  g_autoptr(GError) error = NULL;
  TissageGrid *grid;

  grid = tissage_document_insert (document, TISSAGE_TYPE_GRID, &error, "title", "Besoins des familles", NULL);
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

  return grid;
}

static const char *
selected_text (AdwComboRow *row)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (row);

  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

/* An export of KoboToolbox for the form Tissage wrote of the guide: read
 * by the form's names, the submission's _uuid kept, never imported twice. */
static void
test_import_kobo (void)
{
  g_autoptr(GFile) file = new_project ("import-kobo.tissage");
  g_autofree char *csv_path = g_build_filename (tmp_dir, "kobo-export.csv", NULL);
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  g_autoptr(GError) error = NULL;
  TissageWindow *window = open_window (file);
  TissageDocument *document = tissage_window_get_document (window);
  GListModel *interviews = tissage_document_get_records (document, TISSAGE_TYPE_INTERVIEW);
  TissageCsvImportDialog *dialog;
  TissageCsvImport *import;
  static const char kobo[] =
    "\"pseudonyme\";\"situation_actuelle\";\"ateliers_suivis\";\"_uuid\";\"_submission_time\"\r\n"
    "\"Léa\";\"sans_emploi\";\"cv numerique\";\"0d3c4b5a-6f7e-4a8b-9c0d-1e2f3a4b5c6d\";\"2026-05-02T09:30:00\"\r\n";

  add_guide (document);
  g_assert_true (g_file_set_contents (csv_path, kobo, -1, &error));
  for (guint round = 0; round < 2; round++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import-csv", NULL));
      wait_frames (5);
      dialog = TISSAGE_CSV_IMPORT_DIALOG (find_toplevel (TISSAGE_TYPE_CSV_IMPORT_DIALOG));
      g_assert_nonnull (dialog);
      tissage_csv_import_dialog_open_file (dialog, csv);
      wait_idle (dialog);
      import = tissage_csv_import_dialog_get_import (dialog);
      g_assert_nonnull (import);
      g_assert_cmpstr (tissage_csv_import_get_grid_title (import), ==, "Parcours vers l'emploi");
      g_assert_cmpint (tissage_csv_import_get_column (import, 3, NULL), ==, TISSAGE_CSV_UUID);
      g_assert_cmpint (tissage_csv_import_get_column (import, 4, NULL), ==, TISSAGE_CSV_DATE);
      g_assert_cmpint (tissage_csv_import_get_column (import, 2, NULL), ==, TISSAGE_CSV_QUESTION);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.check", NULL));
      wait_idle (dialog);
      if (round == 0)
        {
          g_assert_cmpuint (tissage_csv_import_get_n_accepted (import), ==, 1);
          save_screenshot (GTK_WIDGET (dialog), "csv-import-kobo-names.png");
          g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.apply", NULL));
          wait_frames (10);
          g_assert_cmpuint (g_list_model_get_n_items (interviews), ==, 1);
          {
            g_autoptr(TissageInterview) interview = g_list_model_get_item (interviews, 0);

            g_assert_cmpstr (tissage_record_get_uuid (TISSAGE_RECORD (interview)), ==,
                             "0d3c4b5a-6f7e-4a8b-9c0d-1e2f3a4b5c6d");
            g_assert_cmpstr (tissage_interview_get_date (interview), ==, "2026-05-02");
          }
        }
      else
        {
          /* The same submission again: nothing to import, and said why. */
          g_autofree char *why = tissage_csv_import_dup_explanation (import);

          g_assert_cmpuint (tissage_csv_import_get_n_accepted (import), ==, 0);
          g_assert_cmpuint (tissage_csv_import_get_n_already_imported (import), ==, 1);
          g_assert_nonnull (why);
          g_assert_cmpuint (g_list_model_get_n_items (interviews), ==, 1);
        }
      if (find_toplevel (TISSAGE_TYPE_CSV_IMPORT_DIALOG) != NULL)
        gtk_window_destroy (GTK_WINDOW (find_toplevel (TISSAGE_TYPE_CSV_IMPORT_DIALOG)));
      wait_frames (3);
    }

  close_window (window);
}

static void
test_import_survey_files (void)
{
  g_autoptr(GFile) file = new_project ("import-survey.tissage");
  TissageWindow *window = open_window (file);
  TissageDocument *document = tissage_window_get_document (window);
  GListModel *interviews = tissage_document_get_records (document, TISSAGE_TYPE_INTERVIEW);
  g_autoptr(TissageGrid) family = NULL;
  TissageCsvImportDialog *dialog;
  TissageCsvImport *import;
  AdwComboRow *grid_row;
  GtkWidget *report;

  add_guide (document);
  family = add_family_guide (document);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import-csv", NULL));
  wait_frames (5);
  dialog = TISSAGE_CSV_IMPORT_DIALOG (find_toplevel (TISSAGE_TYPE_CSV_IMPORT_DIALOG));
  g_assert_nonnull (dialog);
  grid_row = ADW_COMBO_ROW (find_widget (GTK_WIDGET (dialog), has_title, _("Interview guide")));
  g_assert_nonnull (grid_row);
  g_assert_cmpstr (selected_text (grid_row), ==, "Parcours vers l'emploi");

  /* The guide is recognised from the headers, and said so. */
  open_fixture (dialog, "kobo-fr.csv");
  import = tissage_csv_import_dialog_get_import (dialog);
  g_assert_cmpstr (selected_text (grid_row), ==, "Besoins des familles");
  g_assert_cmpstr (tissage_csv_import_get_grid_title (import), ==, "Besoins des familles");
  {
    g_autofree char *said = g_strdup_printf (g_dngettext (NULL, "Recognised from the columns: they name %u question of this guide.",
                                                          "Recognised from the columns: they name %u questions of this guide.", 2), 2);

    g_assert_nonnull (find_widget (GTK_WIDGET (dialog), group_described, said));
  }
  /* A column per choice shows its question and its choice. */
  g_assert_cmpint (tissage_csv_import_get_column (import, 6, NULL), ==, TISSAGE_CSV_OPTION);
  {
    g_autofree char *expected = g_strdup_printf (_("%s — chose “%s”"), "Quels freins rencontrez-vous ?", "Santé");

    g_assert_cmpstr (selected_text (tissage_csv_import_dialog_get_column_row (dialog, 6)), ==, expected);
  }
  g_assert_cmpstr (selected_text (tissage_csv_import_dialog_get_column_row (dialog, 3)), ==,
                   tissage_csv_target_to_label (TISSAGE_CSV_CONSENT));
  g_assert_cmpstr (selected_text (tissage_csv_import_dialog_get_column_row (dialog, 2)), ==,
                   tissage_csv_target_to_label (TISSAGE_CSV_PERSON_STRUCTURE));
  save_screenshot (GTK_WIDGET (dialog), "csv-import-kobo.png");

  /* Giving the column of another choice to Santé takes it off this one. */
  adw_combo_row_set_selected (tissage_csv_import_dialog_get_column_row (dialog, 5),
                              adw_combo_row_get_selected (tissage_csv_import_dialog_get_column_row (dialog, 6)));
  g_assert_cmpint (tissage_csv_import_get_column (import, 6, NULL), ==, TISSAGE_CSV_IGNORE);
  g_assert_cmpuint (adw_combo_row_get_selected (tissage_csv_import_dialog_get_column_row (dialog, 6)), ==, 0);
  g_assert_cmpuint (tissage_csv_import_get_column_choice (import, 5), ==, 1);

  /* Nothing ready: the report says why rather than "0 lines ready" alone. */
  adw_combo_row_set_selected (grid_row, 0);
  wait_frames (2);
  import = tissage_csv_import_dialog_get_import (dialog);
  g_assert_cmpstr (tissage_csv_import_get_grid_title (import), ==, "Parcours vers l'emploi");
  for (guint c = 0; c < tissage_csv_import_get_csv (import)->n_columns; c++)
    if (tissage_csv_import_get_column (import, c, NULL) == TISSAGE_CSV_QUESTION)
      adw_combo_row_set_selected (tissage_csv_import_dialog_get_column_row (dialog, c), 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.check", NULL));
  wait_idle (dialog);
  g_assert_cmpuint (tissage_csv_import_get_n_accepted (import), ==, 0);
  report = find_widget (GTK_WIDGET (dialog), group_title_holds, "0");
  g_assert_nonnull (report);
  {
    g_autofree char *why = tissage_csv_import_dup_explanation (import);

    g_assert_nonnull (why);
    g_assert_cmpstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (report)), ==, why);
    g_assert_nonnull (strstr (why, "Parcours vers l'emploi"));
  }
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.apply", NULL) &&
                  g_list_model_get_n_items (interviews) > 0);
  save_screenshot (GTK_WIDGET (dialog), "csv-import-nothing-ready.png");

  /* A Google Forms export: its guide, its lists of choices, in one undo step. */
  open_fixture (dialog, "google-forms-fr.csv");
  import = tissage_csv_import_dialog_get_import (dialog);
  g_assert_cmpstr (selected_text (grid_row), ==, "Besoins des familles");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.check", NULL));
  wait_idle (dialog);
  g_assert_cmpuint (tissage_csv_import_get_n_accepted (import), ==, 4);
  report = find_widget (GTK_WIDGET (dialog), group_title_holds, "4");
  g_assert_nonnull (report);
  {
    TissageCsvRefusal *refusal = g_ptr_array_index (tissage_csv_import_get_refusals (import), 0);
    g_autofree char *reasons = g_strjoinv ("\n", refusal->reasons);

    /* Both refused cells of the line, in one row of the report. */
    g_assert_cmpuint (g_strv_length (refusal->reasons), ==, 2);
    g_assert_nonnull (find_label (report, reasons));
  }
  save_screenshot (GTK_WIDGET (dialog), "csv-import-google-forms.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.apply", NULL));
  wait_frames (5);
  g_assert_null (find_toplevel (TISSAGE_TYPE_CSV_IMPORT_DIALOG));
  g_assert_cmpuint (g_list_model_get_n_items (interviews), ==, 4);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  wait_frames (3);
  g_assert_cmpuint (g_list_model_get_n_items (interviews), ==, 0);

  close_window (window);
}

/* KoboToolbox's XLSX export, read in the dialog by the form's names
 * ("group/question", long questions' names cut short), which name more
 * questions than a header that is a question's text. */
static void
test_import_kobo_xlsx (void)
{
  g_autoptr(GFile) file = new_project ("import-kobo-xlsx.tissage");
  g_autofree char *xlsx_path = g_build_filename (tmp_dir, "kobo-export.xlsx", NULL);
  g_autoptr(GFile) xlsx = g_file_new_for_path (xlsx_path);
  TissageWindow *window = open_window (file);
  TissageDocument *document = tissage_window_get_document (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageXlsform) form = NULL;
  g_autofree char *script = NULL;
  TissageCsvImportDialog *dialog;
  TissageCsvImport *import;
  GtkWidget *group;
  g_autofree char *expected = NULL;
  const char *names[2] = { NULL, NULL };
  const char *long_texts[2] = {
    "Qu'est-ce que l'accompagnement vous a apporté de plus important cette année ?",
    "Comment décririez-vous vos relations avec les structures du collectif aujourd'hui ?",
  };
  int status;

  add_guide (document);
  {
    GListModel *grids = tissage_document_get_records (document, TISSAGE_TYPE_GRID);
    g_autoptr(TissageGrid) grid = g_list_model_get_item (grids, 0);

    for (guint i = 0; i < 2; i++)
      {
        g_autoptr(TissageGridQuestion) question =
          tissage_document_insert (document, TISSAGE_TYPE_GRID_QUESTION, &error, "grid-id", tissage_record_id (grid),
                                   "kind", (int) TISSAGE_QUESTION_OPEN, "text", long_texts[i], "position", 10 + (int) i, NULL);

        g_assert_no_error (error);
      }
    form = tissage_xlsform_new (document, grid);
    for (guint i = 0; i < form->items->len; i++)
      {
        TissageXlsformItem *item = g_ptr_array_index (form->items, i);

        for (guint t = 0; t < 2; t++)
          if (item->field == TISSAGE_XLSFORM_QUESTION && g_str_equal (item->label, long_texts[t]))
            names[t] = item->name;
      }
    g_assert_nonnull (names[0]);
    g_assert_nonnull (names[1]);
  }
  script = g_strdup_printf ("import sys, datetime, openpyxl\n"
                            "wb = openpyxl.Workbook()\n"
                            "ws = wb.active\n"
                            "ws.append(['Satisfaction globale', 'parcours/%s', 'parcours/%s', '_uuid', '_submission_time'])\n"
                            "ws.append([4, 'Beaucoup', 'Bonnes', '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b', datetime.datetime(2026, 5, 2, 9, 30)])\n"
                            "wb.save(sys.argv[1])\n", names[0], names[1]);
  {
    const char *argv[] = { "/usr/bin/python3", "-c", script, xlsx_path, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, NULL));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import-csv", NULL));
  wait_frames (5);
  dialog = TISSAGE_CSV_IMPORT_DIALOG (find_toplevel (TISSAGE_TYPE_CSV_IMPORT_DIALOG));
  g_assert_nonnull (dialog);
  tissage_csv_import_dialog_open_file (dialog, xlsx);
  wait_idle (dialog);
  import = tissage_csv_import_dialog_get_import (dialog);
  g_assert_nonnull (import);
  g_assert_cmpstr (tissage_csv_import_get_grid_title (import), ==, "Parcours vers l'emploi");
  g_assert_cmpint (tissage_csv_import_get_column (import, 3, NULL), ==, TISSAGE_CSV_UUID);
  g_assert_cmpint (tissage_csv_import_get_column (import, 1, NULL), ==, TISSAGE_CSV_QUESTION);
  /* Two questions by the form's names, not the one by its text. */
  expected = g_strdup_printf (g_dngettext (NULL, "Recognised from the columns: they name %u question of this guide.",
                                           "Recognised from the columns: they name %u questions of this guide.", 2), 2);
  group = find_widget (GTK_WIDGET (dialog), has_title, _("Interviews"));
  g_assert_nonnull (group);
  g_assert_cmpstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group)), ==, expected);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.check", NULL));
  wait_idle (dialog);
  g_assert_cmpuint (tissage_csv_import_get_n_accepted (import), ==, 1);
  save_screenshot (GTK_WIDGET (dialog), "csv-import-kobo-xlsx.png");

  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_frames (2);
  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/csv/import-dialog", test_import_dialog);
  g_test_add_func ("/ui/csv/survey-files", test_import_survey_files);
  g_test_add_func ("/ui/csv/kobo", test_import_kobo);
  g_test_add_func ("/ui/csv/kobo-xlsx", test_import_kobo_xlsx);

  return ui_test_run ();
}

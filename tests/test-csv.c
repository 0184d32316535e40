/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "tissage-csv.h"
#include "tissage-privacy.h"
#include "tissage-test-utils.h"

/* A project with one guide whose questions cover every kind of answer. */
typedef struct {
  TissageDocument     *document;
  TissageGrid         *grid;
  TissageGridQuestion *questions[6];
  gint64               relais;
  gint64               regie;
  gint64               category;
} Project;

enum { Q_CHANGED, Q_SATISFACTION, Q_JOB, Q_SITUATION, Q_WORKSHOPS, Q_MEETINGS };

static gint64
insert_named (TissageDocument *document,
              GType            type,
              const char      *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageRecord) record = tissage_document_insert (document, type, &error, "name", name, NULL);

  g_assert_no_error (error);
  return tissage_record_id (record);
}

static void
project_init (Project *project,
              Fixture *fixture)
{
  static const struct {
    TissageQuestionKind  kind;
    const char          *text;
    const char          *choices;
  } questions[] = {
    { TISSAGE_QUESTION_OPEN, "Qu'est-ce qui a changé pour vous ?", NULL },
    { TISSAGE_QUESTION_SCALE, "Satisfaction globale", NULL },
    { TISSAGE_QUESTION_YES_NO, "Avez-vous trouvé un emploi ?", NULL },
    { TISSAGE_QUESTION_SINGLE, "Situation actuelle", "CDI\nCDD\nFormation\nSans emploi" },
    { TISSAGE_QUESTION_MULTIPLE, "Ateliers suivis", "CV\nEntretien\nNumérique" },
    { TISSAGE_QUESTION_NUMBER, "Nombre de rendez-vous", NULL },
  };
  g_autoptr(GError) error = NULL;

  project->document = tissage_document_create (fixture->file, &error);
  g_assert_no_error (error);

  project->grid = tissage_document_insert (project->document, TISSAGE_TYPE_GRID, &error,
                                           "title", "Parcours vers l'emploi", NULL);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (questions); i++)
    {
      project->questions[i] = tissage_document_insert (project->document, TISSAGE_TYPE_GRID_QUESTION, &error,
                                                       "grid-id", tissage_record_id (project->grid),
                                                       "kind", (int) questions[i].kind,
                                                       "text", questions[i].text,
                                                       "choices", questions[i].choices ? questions[i].choices : "",
                                                       "position", (int) i,
                                                       NULL);
      g_assert_no_error (error);
    }

  project->relais = insert_named (project->document, TISSAGE_TYPE_STRUCTURE, "Association Relais");
  project->regie = insert_named (project->document, TISSAGE_TYPE_STRUCTURE, "Régie de quartier");
  project->category = insert_named (project->document, TISSAGE_TYPE_CATEGORY, "Personnes accompagnées");
}

static void
project_clear (Project *project)
{
  for (guint i = 0; i < G_N_ELEMENTS (project->questions); i++)
    g_clear_object (&project->questions[i]);
  g_clear_object (&project->grid);
  /* Nothing else keeps the document alive once its records are let go. */
  if (project->document != NULL)
    g_assert_finalize_object (g_steal_pointer (&project->document));
}

static TissageCsv *
read_fixture (const char  *name,
              GError     **error)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "csv", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return tissage_csv_read_file (file, NULL, error);
}

static TissageCsvImport *
import_fixture (Project    *project,
                const char *name)
{
  g_autoptr(GError) error = NULL;
  TissageCsv *csv = read_fixture (name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (csv);
  return tissage_csv_import_new (project->document, project->grid, csv);
}

/* The interviews of the project, in the order they were made. */
static TissageInterview *
nth_interview (Project *project,
               guint    n)
{
  GListModel *interviews = tissage_document_get_records (project->document, TISSAGE_TYPE_INTERVIEW);

  g_assert_cmpuint (n, <, g_list_model_get_n_items (interviews));
  return g_list_model_get_item (interviews, n);
}

static char *
answer_of (Project          *project,
           TissageInterview *interview,
           guint             question)
{
  g_autoptr(TissageAnswer) answer = tissage_document_get_answer (project->document, interview,
                                                                 project->questions[question]);

  if (answer == NULL)
    return NULL;
  if (!isnan (tissage_answer_get_number (answer)))
    return g_strdup_printf ("%g", tissage_answer_get_number (answer));
  return g_strdup (tissage_answer_get_text (answer));
}

static char *
string_of (TissageInterview *interview,
           const char       *property)
{
  char *value = NULL;

  g_object_get (interview, property, &value, NULL);
  return value;
}

static void
assert_answer (Project          *project,
               TissageInterview *interview,
               guint             question,
               const char       *expected)
{
  g_autofree char *value = answer_of (project, interview, question);

  g_assert_cmpstr (value, ==, expected);
}

static void
test_read_french_export (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageCsv) csv = read_fixture ("limesurvey-fr.csv", &error);
  char **row;

  g_assert_no_error (error);
  g_assert_cmpint (csv->separator, ==, ';');
  g_assert_false (csv->converted);
  g_assert_cmpuint (csv->n_columns, ==, 12);
  /* The byte order mark is not part of the first name. */
  g_assert_cmpstr (csv->header[0], ==, "ID de la réponse");
  g_assert_cmpstr (csv->header[6], ==, "Qu'est-ce qui a changé pour vous ?");
  g_assert_cmpuint (csv->rows->len, ==, 3);

  row = g_ptr_array_index (csv->rows, 0);
  g_assert_cmpuint (g_strv_length (row), ==, 12);
  g_assert_cmpstr (row[6], ==, "J'ai repris confiance ; je sors plus.\nEt j'ai un \"vrai\" réseau.");
  g_assert_cmpstr (row[10], ==, "CV;Numérique");
  /* The quoted newline does not shift the rows after it. */
  row = g_ptr_array_index (csv->rows, 1);
  g_assert_cmpstr (row[3], ==, "M. B.");
  g_assert_cmpstr (row[11], ==, "3");
  g_assert_cmpuint (g_array_index (csv->lines, guint, 0), ==, 2);
  g_assert_cmpuint (g_array_index (csv->lines, guint, 2), ==, 4);
}

static void
test_read_comma (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageCsv) csv = read_fixture ("comma.csv", &error);

  g_assert_no_error (error);
  g_assert_cmpint (csv->separator, ==, ',');
  g_assert_cmpuint (csv->n_columns, ==, 4);
  g_assert_cmpuint (csv->rows->len, ==, 2);
  g_assert_cmpstr (((char **) g_ptr_array_index (csv->rows, 1))[3], ==, "1,5");
}

static void
test_read_tab_and_short_rows (void)
{
  static const char data[] = "Nom\tÂge\tVille\n\nAnne\t34\n\n\t\t\nBruno\t51\tLille";
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageCsv) csv = tissage_csv_parse (data, strlen (data), &error);
  char **row;

  g_assert_no_error (error);
  g_assert_cmpint (csv->separator, ==, '\t');
  /* Blank lines are skipped; a short row is padded; the last line needs no newline. */
  g_assert_cmpuint (csv->rows->len, ==, 2);
  row = g_ptr_array_index (csv->rows, 0);
  g_assert_cmpuint (g_strv_length (row), ==, 3);
  g_assert_cmpstr (row[2], ==, "");
  row = g_ptr_array_index (csv->rows, 1);
  g_assert_cmpstr (row[2], ==, "Lille");
  g_assert_cmpuint (g_array_index (csv->lines, guint, 1), ==, 6);
}

static void
test_read_windows_1252 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageCsv) csv = read_fixture ("windows-1252.csv", &error);
  char **row;

  g_assert_no_error (error);
  g_assert_true (csv->converted);
  g_assert_cmpstr (csv->header[1], ==, "Qu'est-ce qui a changé pour vous ?");
  row = g_ptr_array_index (csv->rows, 0);
  g_assert_cmpstr (row[0], ==, "Hélène");
  g_assert_cmpstr (row[1], ==, "Le café du jeudi, ça m'a fait du bien — vraiment");
}

static void
test_read_refused (void)
{
  static const struct {
    const char *name;
    int         code;
    const char *in_message;
  } cases[] = {
    { "unterminated.csv", TISSAGE_CSV_ERROR_UNTERMINATED, " 3" },
    { "binary.csv", TISSAGE_CSV_ERROR_NOT_TEXT, "CSV" },
    { "empty.csv", TISSAGE_CSV_ERROR_EMPTY, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TissageCsv) csv = read_fixture (cases[i].name, &error);

      g_assert_null (csv);
      g_assert_error (error, TISSAGE_CSV_ERROR, cases[i].code);
      if (cases[i].in_message != NULL)
        g_assert_nonnull (strstr (error->message, cases[i].in_message));
    }

  /* Absurd files are refused before anything is read. */
  {
    g_autoptr(GString) wide = g_string_new (NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(TissageCsv) csv = NULL;

    for (guint i = 0; i <= TISSAGE_CSV_MAX_COLUMNS; i++)
      g_string_append_printf (wide, "c%u;", i);
    csv = tissage_csv_parse (wide->str, wide->len, &error);
    g_assert_null (csv);
    g_assert_error (error, TISSAGE_CSV_ERROR, TISSAGE_CSV_ERROR_TOO_LARGE);

    g_clear_error (&error);
    csv = tissage_csv_parse (NULL, TISSAGE_CSV_MAX_BYTES + 1, &error);
    g_assert_null (csv);
    g_assert_error (error, TISSAGE_CSV_ERROR, TISSAGE_CSV_ERROR_TOO_LARGE);
  }
}

/* @data must be refused as too large, the message naming @in_message */
static void
assert_too_large (const GString *data,
                  const char    *in_message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageCsv) csv = NULL;
  gint64 start = g_get_monotonic_time ();

  csv = tissage_csv_parse (data->str, data->len, &error);
  g_assert_null (csv);
  g_assert_error (error, TISSAGE_CSV_ERROR, TISSAGE_CSV_ERROR_TOO_LARGE);
  g_test_message ("%s (%.2f s)", error->message, (g_get_monotonic_time () - start) / 1e6);
  if (strstr (error->message, in_message) == NULL)
    g_error ("“%s” is not in “%s”", in_message, error->message);
  /* Refused as soon as it is seen, not after every cell is copied. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

/*
 * A hostile file under the size limit: a row of 20 million separators, a
 * value of more than 1 MB, short rows under a wide header. Each is refused
 * with the line it reached, within a bound on the memory of the process
 * (its own, so that a regression fails instead of swapping).
 */
static void
test_read_limits (void)
{
  g_autoptr(GString) data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageCsv) csv = NULL;
  g_autofree char *statm = NULL;
  unsigned long pages = 0;
  struct rlimit limit;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  /* What the process has mapped now, plus 600 MB. */
  g_assert_true (g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL));
  g_assert_cmpint (sscanf (statm, "%lu", &pages), ==, 1);
  limit.rlim_cur = limit.rlim_max = (rlim_t) pages * sysconf (_SC_PAGESIZE) + 600 * 1024 * 1024;
  g_assert_cmpint (setrlimit (RLIMIT_AS, &limit), ==, 0);

  data = g_string_sized_new (21 * 1000 * 1000);
  g_string_append (data, "a;b;c\n1;2;3\n");
  for (guint i = 0; i < 20 * 1000 * 1000; i++)
    g_string_append_c (data, ';');
  g_string_append (data, "\n");
  assert_too_large (data, "Line 3 ");

  /* A value of 1 MB is taken; one byte more is refused, on the line it
   * starts, quoted over several lines or not. */
  g_string_assign (data, "a;b\n1;");
  for (guint i = 0; i < TISSAGE_CSV_MAX_CELL_BYTES; i++)
    g_string_append_c (data, 'x');
  g_string_append (data, "\n");
  csv = tissage_csv_parse (data->str, data->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (csv->rows->len, ==, 1);
  g_assert_cmpuint (strlen (((char **) g_ptr_array_index (csv->rows, 0))[1]), ==, TISSAGE_CSV_MAX_CELL_BYTES);
  g_clear_pointer (&csv, tissage_csv_free);

  g_string_assign (data, "a;b\n1;2\n3;x");
  for (guint i = 0; i < TISSAGE_CSV_MAX_CELL_BYTES; i++)
    g_string_append_c (data, 'x');
  g_string_append (data, "\n");
  assert_too_large (data, "Line 3 ");

  g_string_assign (data, "a;b\n1;\"x\n");
  for (guint i = 0; i < 20 * 1000 * 1000; i++)
    g_string_append_c (data, i % 80 == 79 ? '\n' : 'x');
  g_string_append (data, "\"\n");
  assert_too_large (data, "Line 2 ");

  /* A row of a little more than the header is read, for the check to
   * refuse it with its reason. */
  g_string_assign (data, "a;b\n1;2;3;4\n");
  csv = tissage_csv_parse (data->str, data->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (g_ptr_array_index (csv->rows, 0)), ==, 4);
  g_clear_pointer (&csv, tissage_csv_free);

  /* A header of 20 million columns stops at the thousandth. */
  g_string_truncate (data, 0);
  for (guint i = 0; i < 20 * 1000 * 1000; i++)
    g_string_append_c (data, ';');
  g_string_prepend (data, "a");
  assert_too_large (data, "1000");

  /* 1,000 columns, then 5 million lines of one value each: every row is
   * one value per column, 5 billion in all. */
  g_string_truncate (data, 0);
  for (guint i = 0; i < TISSAGE_CSV_MAX_COLUMNS; i++)
    g_string_append_printf (data, "c%u%s", i, i + 1 < TISSAGE_CSV_MAX_COLUMNS ? ";" : "\n");
  for (guint i = 0; i < 5 * 1000 * 1000; i++)
    g_string_append (data, "x\n");
  assert_too_large (data, "line 4002,");
}

static void
test_import_french_export (Fixture       *fixture,
                           gconstpointer  data)
{
  Project project = { NULL, };
  g_autoptr(TissageCsvImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageInterview) first = NULL;
  g_autoptr(TissageInterview) second = NULL;
  g_autoptr(TissageInterview) third = NULL;
  g_auto(GStrv) unmapped = NULL;
  g_autofree char *date = NULL;
  g_autofree char *interviewer = NULL;
  gint64 question_id = 0;
  guint n_imported = 0;

  project_init (&project, fixture);
  import = import_fixture (&project, "limesurvey-fr.csv");

  /* The proposed mapping: the response id ignored, the fields by their names, every question. */
  g_assert_cmpint (tissage_csv_import_get_column (import, 0, NULL), ==, TISSAGE_CSV_IGNORE);
  g_assert_cmpint (tissage_csv_import_get_column (import, 1, NULL), ==, TISSAGE_CSV_DATE);
  g_assert_cmpint (tissage_csv_import_get_column (import, 2, NULL), ==, TISSAGE_CSV_INTERVIEWER);
  g_assert_cmpint (tissage_csv_import_get_column (import, 3, NULL), ==, TISSAGE_CSV_PSEUDONYM);
  g_assert_cmpint (tissage_csv_import_get_column (import, 4, NULL), ==, TISSAGE_CSV_STRUCTURE);
  g_assert_cmpint (tissage_csv_import_get_column (import, 5, NULL), ==, TISSAGE_CSV_CATEGORY);
  for (guint q = 0; q < G_N_ELEMENTS (project.questions); q++)
    {
      g_assert_cmpint (tissage_csv_import_get_column (import, 6 + q, &question_id), ==, TISSAGE_CSV_QUESTION);
      g_assert_cmpint (question_id, ==, tissage_record_id (project.questions[q]));
    }
  unmapped = tissage_csv_import_dup_unmapped (import);
  g_assert_cmpuint (g_strv_length (unmapped), ==, 0);

  g_assert_true (tissage_csv_import_check (import, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (tissage_csv_import_get_n_accepted (import), ==, 3);
  g_assert_cmpuint (tissage_csv_import_get_refusals (import)->len, ==, 0);
  g_assert_cmpfloat (tissage_csv_import_get_progress (import), ==, 1.0);

  g_assert_true (tissage_csv_import_apply (import, project.document, project.regie,
                                           TISSAGE_STATUS_DONE, &n_imported, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_imported, ==, 3);
  g_assert_cmpint (query_count (project.document, "SELECT count (*) FROM interviews"), ==, 3);
  g_assert_cmpint (query_count (project.document, "SELECT count (*) FROM answers"), ==, 17);
  g_assert_cmpstr (tissage_document_get_undo_label (project.document), ==, "Import Answers");

  first = nth_interview (&project, 0);
  g_assert_cmpint (tissage_interview_get_grid_id (first), ==, tissage_record_id (project.grid));
  g_assert_cmpstr (tissage_interview_get_pseudonym (first), ==, "Mme A.");
  g_assert_cmpstr (tissage_interview_get_date (first), ==, "2025-03-12");
  interviewer = string_of (first, "interviewer");
  g_assert_cmpstr (interviewer, ==, "Claire");
  g_assert_cmpint (tissage_interview_get_structure_id (first), ==, project.relais);
  g_assert_cmpint (tissage_interview_get_category_id (first), ==, project.category);
  g_assert_cmpint (tissage_interview_get_status (first), ==, TISSAGE_STATUS_DONE);
  assert_answer (&project, first, Q_CHANGED, "J'ai repris confiance ; je sors plus.\nEt j'ai un \"vrai\" réseau.");
  assert_answer (&project, first, Q_SATISFACTION, "4");
  assert_answer (&project, first, Q_JOB, "1");
  assert_answer (&project, first, Q_SITUATION, "CDD");
  assert_answer (&project, first, Q_WORKSHOPS, "CV\nNumérique");
  assert_answer (&project, first, Q_MEETINGS, "6");

  second = nth_interview (&project, 1);
  g_assert_cmpstr (tissage_interview_get_date (second), ==, "2025-03-14");
  assert_answer (&project, second, Q_JOB, "0");
  assert_answer (&project, second, Q_WORKSHOPS, NULL);

  /* Without a structure in its row, the interview was held by the one chosen. */
  third = nth_interview (&project, 2);
  g_assert_cmpint (tissage_interview_get_structure_id (third), ==, project.regie);
  g_assert_cmpint (tissage_interview_get_category_id (third), ==, 0);
  assert_answer (&project, third, Q_MEETINGS, "10.5");
  date = string_of (third, "date");
  g_assert_cmpstr (date, ==, "2025-03-15");

  /* The answers are found by the search as if typed in. */
  {
    g_autoptr(GArray) found = tissage_document_search_interviews (project.document, "confiance", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (found->len, ==, 1);
  }

  /* One undo takes the whole import back. */
  g_assert_true (tissage_document_undo (project.document, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_count (project.document, "SELECT count (*) FROM interviews"), ==, 0);
  g_assert_cmpint (query_count (project.document, "SELECT count (*) FROM answers"), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (tissage_document_get_records (project.document, TISSAGE_TYPE_INTERVIEW)), ==, 0);
  g_assert_true (tissage_document_redo (project.document, &error));
  g_assert_cmpint (query_count (project.document, "SELECT count (*) FROM answers"), ==, 17);

  project_clear (&project);
}

static void
test_import_comma_and_windows (Fixture       *fixture,
                               gconstpointer  data)
{
  Project project = { NULL, };
  g_autoptr(TissageCsvImport) comma = NULL;
  g_autoptr(TissageCsvImport) windows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageInterview) interview = NULL;
  gint64 question_id = 0;
  guint n_imported = 0;

  project_init (&project, fixture);

  /* Headers in capitals, without accents, or with more words still find their question. */
  comma = import_fixture (&project, "comma.csv");
  g_assert_cmpint (tissage_csv_import_get_column (comma, 0, NULL), ==, TISSAGE_CSV_DATE);
  g_assert_cmpint (tissage_csv_import_get_column (comma, 1, &question_id), ==, TISSAGE_CSV_QUESTION);
  g_assert_cmpint (question_id, ==, tissage_record_id (project.questions[Q_SATISFACTION]));
  g_assert_cmpint (tissage_csv_import_get_column (comma, 2, &question_id), ==, TISSAGE_CSV_QUESTION);
  g_assert_cmpint (question_id, ==, tissage_record_id (project.questions[Q_JOB]));
  g_assert_cmpint (tissage_csv_import_get_column (comma, 3, &question_id), ==, TISSAGE_CSV_QUESTION);
  g_assert_cmpint (question_id, ==, tissage_record_id (project.questions[Q_MEETINGS]));
  g_assert_true (tissage_csv_import_apply (comma, project.document, 0, TISSAGE_STATUS_IN_PROGRESS,
                                           &n_imported, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_imported, ==, 2);
  interview = nth_interview (&project, 1);
  g_assert_cmpint (tissage_interview_get_status (interview), ==, TISSAGE_STATUS_IN_PROGRESS);
  g_assert_cmpint (tissage_interview_get_structure_id (interview), ==, 0);
  assert_answer (&project, interview, Q_MEETINGS, "1.5");
  g_clear_object (&interview);

  windows = import_fixture (&project, "windows-1252.csv");
  g_assert_true (tissage_csv_import_get_csv (windows)->converted);
  g_assert_true (tissage_csv_import_apply (windows, project.document, project.relais, TISSAGE_STATUS_DONE,
                                           &n_imported, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_imported, ==, 2);
  interview = nth_interview (&project, 2);
  g_assert_cmpstr (tissage_interview_get_pseudonym (interview), ==, "Hélène");
  assert_answer (&project, interview, Q_CHANGED, "Le café du jeudi, ça m'a fait du bien — vraiment");
  assert_answer (&project, interview, Q_SATISFACTION, "5");

  project_clear (&project);
}

static void
test_import_missing_column (Fixture       *fixture,
                            gconstpointer  data)
{
  Project project = { NULL, };
  g_autoptr(TissageCsvImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageInterview) interview = NULL;
  g_auto(GStrv) unmapped = NULL;
  guint n_imported = 0, answered = 0, total = 0;

  project_init (&project, fixture);
  import = import_fixture (&project, "missing-column.csv");

  /* The questions without a column are named, and stay unanswered. */
  unmapped = tissage_csv_import_dup_unmapped (import);
  g_assert_cmpuint (g_strv_length (unmapped), ==, 4);
  g_assert_true (g_strv_contains ((const char * const *) unmapped, "Satisfaction globale"));
  g_assert_true (g_strv_contains ((const char * const *) unmapped, "Ateliers suivis"));
  g_assert_false (g_strv_contains ((const char * const *) unmapped, "Nombre de rendez-vous"));

  g_assert_true (tissage_csv_import_apply (import, project.document, 0, TISSAGE_STATUS_DONE, &n_imported, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_imported, ==, 2);
  g_assert_cmpint (query_count (project.document, "SELECT count (*) FROM answers"), ==, 4);

  interview = nth_interview (&project, 0);
  tissage_document_get_progress (project.document, interview, &answered, &total);
  g_assert_cmpuint (answered, ==, 2);
  g_assert_cmpuint (total, ==, 6);
  assert_answer (&project, interview, Q_CHANGED, "Tout");
  assert_answer (&project, interview, Q_SATISFACTION, NULL);

  project_clear (&project);
}

static void
test_import_bad_values (Fixture       *fixture,
                        gconstpointer  data)
{
  Project project = { NULL, };
  g_autoptr(TissageCsvImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageInterview) last = NULL;
  TissageCsvRefusal *refusal;
  GPtrArray *refusals;
  guint n_imported = 0;

  project_init (&project, fixture);
  import = import_fixture (&project, "bad-values.csv");

  /* A bad cell is refused, not its line: the line comes in without that answer. */
  g_assert_true (tissage_csv_import_check (import, NULL, &error));
  g_assert_cmpuint (tissage_csv_import_get_n_accepted (import), ==, 5);
  refusals = tissage_csv_import_get_refusals (import);
  g_assert_cmpuint (refusals->len, ==, 2);
  g_assert_cmpuint (tissage_csv_import_get_n_refused_cells (import), ==, 5);
  g_assert_cmpuint (tissage_csv_import_get_n_refused_lines (import), ==, 0);
  g_assert_null (tissage_csv_import_dup_explanation (import));

  refusal = g_ptr_array_index (refusals, 0);
  g_assert_cmpuint (refusal->line, ==, 3);
  g_assert_false (refusal->whole);
  g_assert_cmpuint (g_strv_length (refusal->reasons), ==, 1);
  /* The column names the question: the reason does not name it again. */
  g_assert_cmpstr (refusal->reasons[0], ==, "line 3, “Satisfaction globale”: “6” is not a whole number from 1 to 5");

  /* Every bad cell of a row is reported, not only the first. */
  refusal = g_ptr_array_index (refusals, 1);
  g_assert_cmpuint (refusal->line, ==, 5);
  g_assert_cmpuint (g_strv_length (refusal->reasons), ==, 4);
  g_assert_true (g_str_has_prefix (refusal->reasons[0], "line 5, “Date”: “31/02/2025” is not a date"));
  g_assert_cmpstr (refusal->reasons[1], ==, "line 5, “Avez-vous trouvé un emploi ?”: “peut-être” is neither yes nor no");
  g_assert_cmpstr (refusal->reasons[2], ==, "line 5, “Situation actuelle”: “Retraite” is not one of the choices");
  g_assert_cmpstr (refusal->reasons[3], ==, "line 5, “Nombre de rendez-vous”: “beaucoup” is not a number");

  g_assert_true (tissage_csv_import_apply (import, project.document, project.relais, TISSAGE_STATUS_DONE,
                                           &n_imported, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_imported, ==, 5);

  /* Of a line with refused cells, only the good ones are in the file. */
  g_assert_cmpint (query_count (project.document, "SELECT count (*) FROM interviews"), ==, 5);
  g_assert_cmpint (query_count (project.document, "SELECT count (*) FROM answers"), ==, 4 + 3 + 4 + 1 + 1);
  {
    g_autoptr(TissageInterview) first_bad = nth_interview (&project, 1);
    g_autoptr(TissageInterview) second_bad = nth_interview (&project, 3);

    g_assert_cmpstr (tissage_interview_get_pseudonym (first_bad), ==, "Mauvais 1");
    assert_answer (&project, first_bad, Q_SATISFACTION, NULL);
    assert_answer (&project, first_bad, Q_SITUATION, "CDI");
    g_assert_cmpstr (tissage_interview_get_pseudonym (second_bad), ==, "Mauvais 2");
    g_assert_cmpstr (tissage_interview_get_date (second_bad), ==, "");
    assert_answer (&project, second_bad, Q_SATISFACTION, "2");
    assert_answer (&project, second_bad, Q_JOB, NULL);
    assert_answer (&project, second_bad, Q_MEETINGS, NULL);
  }

  last = nth_interview (&project, 4);
  g_assert_cmpstr (tissage_interview_get_pseudonym (last), ==, "Bon 3");
  g_assert_cmpstr (tissage_interview_get_date (last), ==, "");
  assert_answer (&project, last, Q_SATISFACTION, "5");

  /* A column whose header does not name its question keeps the full
   * message, which names it. */
  tissage_csv_import_set_column (import, 4, TISSAGE_CSV_QUESTION, tissage_record_id (project.questions[Q_MEETINGS]));
  g_assert_true (tissage_csv_import_check (import, NULL, &error));
  refusal = g_ptr_array_index (tissage_csv_import_get_refusals (import), 0);
  g_assert_cmpuint (refusal->line, ==, 2);
  g_assert_cmpstr (refusal->reasons[0], ==,
                   "line 2, “Situation actuelle”: “CDI” is not a number, and “Nombre de rendez-vous” is answered "
                   "with a number. Write a number such as 12 or 12,5.");

  project_clear (&project);
}

static void
test_import_nothing (Fixture       *fixture,
                     gconstpointer  data)
{
  Project project = { NULL, };
  g_autoptr(TissageCsvImport) import = NULL;
  g_autoptr(GError) error = NULL;
  guint n_imported = 1;

  project_init (&project, fixture);

  /* A header without rows reads, and imports nothing with a message. */
  import = import_fixture (&project, "header-only.csv");
  g_assert_cmpuint (tissage_csv_import_get_csv (import)->rows->len, ==, 0);
  g_assert_false (tissage_csv_import_apply (import, project.document, 0, TISSAGE_STATUS_DONE, &n_imported, &error));
  g_assert_error (error, TISSAGE_CSV_ERROR, TISSAGE_CSV_ERROR_NO_ROWS);
  g_assert_cmpuint (n_imported, ==, 0);
  g_assert_cmpint (query_count (project.document, "SELECT count (*) FROM interviews"), ==, 0);
  g_assert_cmpstr (tissage_document_get_undo_label (project.document), !=, "Import Answers");

  project_clear (&project);
}

/* The guide's questions are offered in the order the interview editor
 * shows them: in sections by position, numbered within each, not mixed
 * by their numbers (Q1, Q4, Q2, Q5…). */
static void
test_import_question_order (Fixture       *fixture,
                            gconstpointer  data)
{
  Project project = { NULL, };
  g_autoptr(TissageCsvImport) import = NULL;
  g_autoptr(TissageGridSection) second = NULL;
  g_autoptr(TissageGridSection) first = NULL;
  g_autoptr(GError) error = NULL;
  /* Questions 0, 2, 4 in the second section, 1, 3, 5 in the first. */
  const guint expected[] = { 1, 3, 5, 0, 2, 4 };

  project_init (&project, fixture);
  second = tissage_document_insert (project.document, TISSAGE_TYPE_GRID_SECTION, &error,
                                    "grid-id", tissage_record_id (project.grid), "title", "Seconde",
                                    "position", 1, NULL);
  g_assert_no_error (error);
  first = tissage_document_insert (project.document, TISSAGE_TYPE_GRID_SECTION, &error,
                                   "grid-id", tissage_record_id (project.grid), "title", "Première",
                                   "position", 0, NULL);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (project.questions); i++)
    {
      g_assert_true (tissage_document_set (project.document, project.questions[i], &error,
                                           "section-id", tissage_record_id (i % 2 == 0 ? second : first),
                                           "position", (int) (i / 2), NULL));
      g_assert_no_error (error);
    }

  import = import_fixture (&project, "header-only.csv");
  g_assert_cmpuint (tissage_csv_import_get_n_questions (import), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpint (tissage_csv_import_get_question_id (import, i), ==,
                     tissage_record_id (project.questions[expected[i]]));

  project_clear (&project);
}

/* A pseudonym longer than a name may be is refused with the reason, and
 * its line comes in without it, rather than the whole import failing
 * when it is applied. */
static void
test_import_long_name (Fixture       *fixture,
                       gconstpointer  data)
{
  Project project = { NULL, };
  g_autoptr(TissageCsvImport) import = NULL;
  g_autoptr(TissageCsv) csv = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new ("Pseudonyme;Satisfaction globale\nBon 1;4\n");
  TissageCsvRefusal *refusal;
  guint n_imported = 0;

  project_init (&project, fixture);
  for (guint i = 0; i < TISSAGE_NAME_MAX_CHARS; i++)
    g_string_append (text, "é");
  g_string_append (text, ";5\n");
  for (guint i = 0; i <= TISSAGE_NAME_MAX_CHARS; i++)
    g_string_append (text, "é");
  g_string_append (text, ";3\n");

  csv = tissage_csv_parse (text->str, text->len, &error);
  g_assert_no_error (error);
  import = tissage_csv_import_new (project.document, project.grid, g_steal_pointer (&csv));
  g_assert_true (tissage_csv_import_check (import, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (tissage_csv_import_get_n_accepted (import), ==, 3);
  g_assert_cmpuint (tissage_csv_import_get_refusals (import)->len, ==, 1);
  refusal = g_ptr_array_index (tissage_csv_import_get_refusals (import), 0);
  g_assert_cmpuint (refusal->line, ==, 4);
  g_assert_cmpstr (refusal->reasons[0], ==, "line 4, “Pseudonyme”: more than 200 characters; shorten it in the file");

  g_assert_true (tissage_csv_import_apply (import, project.document, project.relais, TISSAGE_STATUS_DONE,
                                           &n_imported, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_imported, ==, 3);
  g_assert_cmpint (query_count (project.document, "SELECT count (*) FROM interviews WHERE pseudonym = ''"), ==, 1);

  project_clear (&project);
}

static void
test_mapping_changes (Fixture       *fixture,
                      gconstpointer  data)
{
  Project project = { NULL, };
  g_autoptr(TissageCsvImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageInterview) interview = NULL;
  gint64 question_id = 0;
  guint n_imported = 0;

  project_init (&project, fixture);
  import = import_fixture (&project, "missing-column.csv");
  g_assert_true (tissage_csv_import_check (import, NULL, &error));
  g_assert_true (tissage_csv_import_is_checked (import));

  /* Giving a question to another column takes it off the first; a check is due again. */
  tissage_csv_import_set_column (import, 0, TISSAGE_CSV_QUESTION, tissage_record_id (project.questions[Q_CHANGED]));
  g_assert_false (tissage_csv_import_is_checked (import));
  g_assert_cmpint (tissage_csv_import_get_column (import, 1, NULL), ==, TISSAGE_CSV_IGNORE);
  g_assert_cmpint (tissage_csv_import_get_column (import, 0, &question_id), ==, TISSAGE_CSV_QUESTION);
  g_assert_cmpint (question_id, ==, tissage_record_id (project.questions[Q_CHANGED]));
  tissage_csv_import_set_column (import, 2, TISSAGE_CSV_IGNORE, 0);

  g_assert_true (tissage_csv_import_apply (import, project.document, 0, TISSAGE_STATUS_DONE, &n_imported, &error));
  g_assert_no_error (error);
  interview = nth_interview (&project, 1);
  assert_answer (&project, interview, Q_CHANGED, "Bruno");
  assert_answer (&project, interview, Q_MEETINGS, NULL);
  g_assert_cmpstr (tissage_interview_get_pseudonym (interview), ==, "");

  /* Proposing again restores the mapping read from the headers. */
  tissage_csv_import_propose (import);
  g_assert_cmpint (tissage_csv_import_get_column (import, 0, NULL), ==, TISSAGE_CSV_PSEUDONYM);

  project_clear (&project);
}

/* An online form names the interviewee in its own words. */
static void
test_propose_form_headers (Fixture       *fixture,
                           gconstpointer  data)
{
  static const char text[] = "Horodateur;Prénom ou pseudonyme;Date de l'entretien\n"
                             "2026/11/02 10:12;Mme Éloïse;02/11/2026\n";
  Project project = { NULL, };
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageCsvImport) import = NULL;
  TissageCsv *csv = tissage_csv_parse (text, strlen (text), &error);

  g_assert_no_error (error);
  project_init (&project, fixture);
  import = tissage_csv_import_new (project.document, project.grid, csv);
  g_assert_cmpint (tissage_csv_import_get_column (import, 0, NULL), ==, TISSAGE_CSV_IGNORE);
  g_assert_cmpint (tissage_csv_import_get_column (import, 1, NULL), ==, TISSAGE_CSV_PSEUDONYM);
  g_assert_cmpint (tissage_csv_import_get_column (import, 2, NULL), ==, TISSAGE_CSV_DATE);

  project_clear (&project);
}

/* 2,000 interviews of 40 answers, as a large survey export: all in, one undo step. */
static void
test_import_large (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = tissage_document_create (fixture->file, &error);
  g_autoptr(TissageGrid) grid = NULL;
  g_autoptr(GString) text = g_string_new ("Pseudonyme;Date");
  g_autoptr(TissageCsvImport) import = NULL;
  TissageCsv *csv;
  gint64 start;
  double check_seconds, apply_seconds, undo_seconds;
  guint n_imported = 0;

  g_assert_no_error (error);
  grid = tissage_document_insert (document, TISSAGE_TYPE_GRID, &error, "title", "Grande enquête", NULL);
  g_assert_no_error (error);

  for (guint q = 0; q < 40; q++)
    {
      g_autoptr(TissageGridQuestion) question = NULL;
      g_autofree char *title = g_strdup_printf ("Question numéro %u", q + 1);

      question = tissage_document_insert (document, TISSAGE_TYPE_GRID_QUESTION, &error,
                                          "grid-id", tissage_record_id (grid),
                                          "kind", q % 2 == 0 ? TISSAGE_QUESTION_SCALE : TISSAGE_QUESTION_OPEN,
                                          "text", title, "position", (int) q, NULL);
      g_assert_no_error (error);
      g_string_append_printf (text, ";%s", title);
    }
  g_string_append_c (text, '\n');
  for (guint r = 0; r < 2000; r++)
    {
      g_string_append_printf (text, "P%u;%02u/05/2025", r, r % 28 + 1);
      for (guint q = 0; q < 40; q++)
        if (q % 2 == 0)
          g_string_append_printf (text, ";%u", (r + q) % 5 + 1);
        else
          g_string_append_printf (text, ";\"Réponse %u, à la question %u ; avec \"\"guillemets\"\"\"", r, q);
      g_string_append (text, "\r\n");
    }

  csv = tissage_csv_parse (text->str, text->len, &error);
  g_assert_no_error (error);
  import = tissage_csv_import_new (document, grid, csv);

  start = g_get_monotonic_time ();
  g_assert_true (tissage_csv_import_check (import, NULL, &error));
  check_seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_assert_cmpuint (tissage_csv_import_get_n_accepted (import), ==, 2000);

  start = g_get_monotonic_time ();
  g_assert_true (tissage_csv_import_apply (import, document, 0, TISSAGE_STATUS_DONE, &n_imported, &error));
  apply_seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_assert_no_error (error);
  g_assert_cmpuint (n_imported, ==, 2000);
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM answers"), ==, 80000);

  start = g_get_monotonic_time ();
  g_assert_true (tissage_document_undo (document, &error));
  undo_seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM interviews"), ==, 0);
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM answers"), ==, 0);

  g_test_message ("2,000 rows × 40 columns: check %.2f s, import %.2f s, undo %.2f s",
                  check_seconds, apply_seconds, undo_seconds);
}

/* A second guide, as a family centre asks it: a choice holds a comma,
 * another begins as it does. */
enum { F_OBSTACLES, F_SATISFACTION, F_CHANGED };

static TissageGrid *
add_family_guide (Project              *project,
                  TissageGridQuestion **questions)
{
  static const struct {
    TissageQuestionKind  kind;
    const char          *text;
    const char          *choices;
  } asked[] = {
    { TISSAGE_QUESTION_MULTIPLE, "Quels freins rencontrez-vous ?",
      "Garde d'enfants\nSanté\nLogement\nMobilité, transport\nMobilité" },
    { TISSAGE_QUESTION_SCALE, "Satisfaction globale", NULL },
    { TISSAGE_QUESTION_OPEN, "Qu'est-ce qui a changé pour vous ?", NULL },
  };
  g_autoptr(GError) error = NULL;
  TissageGrid *grid;

  grid = tissage_document_insert (project->document, TISSAGE_TYPE_GRID, &error,
                                  "title", "Besoins des familles", NULL);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (asked); i++)
    {
      questions[i] = tissage_document_insert (project->document, TISSAGE_TYPE_GRID_QUESTION, &error,
                                              "grid-id", tissage_record_id (grid),
                                              "kind", (int) asked[i].kind,
                                              "text", asked[i].text,
                                              "choices", asked[i].choices ? asked[i].choices : "",
                                              "position", (int) i, NULL);
      g_assert_no_error (error);
    }

  return grid;
}

static char *
text_answer (Project             *project,
             TissageInterview    *interview,
             TissageGridQuestion *question)
{
  g_autoptr(TissageAnswer) answer = tissage_document_get_answer (project->document, interview, question);

  if (answer == NULL)
    return NULL;
  if (!isnan (tissage_answer_get_number (answer)))
    return g_strdup_printf ("%g", tissage_answer_get_number (answer));
  return g_strdup (tissage_answer_get_text (answer));
}

static void
assert_text_answer (Project             *project,
                    guint                interview_index,
                    TissageGridQuestion *question,
                    const char          *expected)
{
  g_autoptr(TissageInterview) interview = nth_interview (project, interview_index);
  g_autofree char *value = text_answer (project, interview, question);

  g_assert_cmpstr (value, ==, expected);
}

static gboolean
interview_consent (TissageInterview *interview)
{
  int consent = TISSAGE_CONSENT_UNKNOWN;

  g_object_get (interview, "consent", &consent, NULL);
  return consent == TISSAGE_CONSENT_GIVEN;
}

/* Choices as people and survey tools write them, read by the function the
 * interview entry uses, so that both agree. */
static void
test_parse_choices (void)
{
  const char * const choices[] = { "Garde d'enfants", "Santé", "Logement", "Mobilité, transport", "Mobilité", NULL };
  static const struct {
    const char *input;
    const char *stored;
  } cases[] = {
    { "Garde d'enfants, Santé", "Garde d'enfants\nSanté" },           /* Google Forms */
    { "Mobilité, transport, Logement", "Logement\nMobilité, transport" },
    { "Mobilité, transport", "Mobilité, transport" },
    { "Logement, Mobilité", "Logement\nMobilité" },
    { "Santé; Logement", "Santé\nLogement" },                        /* LibreOffice */
    { "santé ;logement;", "Santé\nLogement" },
    { "Santé\nLogement\n", "Santé\nLogement" },
    { "Santé\r\nMobilité, transport", "Santé\nMobilité, transport" },
    { "garde_enfants sante", "Garde d'enfants\nSanté" },             /* KoboToolbox */
    { "mobilite_transport logement", "Logement\nMobilité, transport" },
    { "mobilite", "Mobilité" },
    { "", "" },
  };
  static const struct {
    const char *input;
    const char *unknown;
  } refused[] = {
    { "Santé, Cantine", "Cantine" },
    { "sante cantine", "sante cantine" },
    { "Santé; Transport", "Transport" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      double number;
      gboolean empty;

      g_test_message ("%s", cases[i].input);
      g_assert_true (tissage_question_parse_answer (TISSAGE_QUESTION_MULTIPLE, "Freins", choices, cases[i].input,
                                                    &text, &number, &empty, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (text, ==, cases[i].stored);
      g_assert_true (empty == (*cases[i].stored == '\0'));
    }

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      g_autofree char *reason = NULL;
      g_autofree char *expected = g_strdup_printf ("“%s” is not one of the choices", refused[i].unknown);
      double number;
      gboolean empty;

      g_assert_false (tissage_question_parse_answer_with_reason (TISSAGE_QUESTION_MULTIPLE, "Freins", choices,
                                                                 refused[i].input, &text, &number, &empty,
                                                                 &reason, &error));
      g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE);
      g_assert_cmpstr (reason, ==, expected);
    }

  /* A survey name may shorten its label; a label typed by a person may not. */
  {
    const char * const mental[] = { "Santé mentale", "Logement", NULL };
    g_autofree char *unknown = NULL;
    g_autofree gboolean *chosen = tissage_question_match_choices (mental, "sante", TRUE, &unknown);

    g_assert_nonnull (chosen);
    g_assert_true (chosen[0] && !chosen[1]);
    g_clear_pointer (&chosen, g_free);
    chosen = tissage_question_match_choices (mental, "Santé", TRUE, &unknown);
    g_assert_null (chosen);
    g_assert_cmpstr (unknown, ==, "Santé");
  }

  /* One choice by its survey name too; two names for one choice are refused. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *text = NULL;
    double number;
    gboolean empty;

    g_assert_true (tissage_question_parse_answer (TISSAGE_QUESTION_SINGLE, "Freins", choices, "garde_enfants",
                                                  &text, &number, &empty, &error));
    g_assert_cmpstr (text, ==, "Garde d'enfants");
    g_clear_pointer (&text, g_free);
    g_assert_false (tissage_question_parse_answer (TISSAGE_QUESTION_SINGLE, "Freins", choices, "Santé, Logement",
                                                   &text, &number, &empty, &error));
  }
}

static void
test_import_google_forms (Fixture       *fixture,
                          gconstpointer  data)
{
  Project project = { NULL, };
  TissageGridQuestion *family[3] = { NULL, };
  g_autoptr(TissageGrid) grid = NULL;
  g_autoptr(TissageCsvImport) import = NULL;
  g_autoptr(TissageInterview) first = NULL;
  g_autoptr(TissageInterview) third = NULL;
  g_autoptr(GError) error = NULL;
  TissageCsv *csv;
  TissageCsvRefusal *refusal;
  TissageGrid *found;
  guint matched = 0, n_imported = 0;

  project_init (&project, fixture);
  grid = add_family_guide (&project, family);
  csv = read_fixture ("google-forms-fr.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpint (csv->separator, ==, ',');

  /* The guide whose questions the headers name most: three here, two in the other. */
  found = tissage_csv_find_grid (project.document, csv, &matched);
  g_assert_true (found == grid);
  g_assert_cmpuint (matched, ==, 3);

  import = tissage_csv_import_new (project.document, grid, csv);
  g_assert_cmpint (tissage_csv_import_get_column (import, 0, NULL), ==, TISSAGE_CSV_IGNORE);
  g_assert_cmpint (tissage_csv_import_get_column (import, 1, NULL), ==, TISSAGE_CSV_PSEUDONYM);
  g_assert_cmpint (tissage_csv_import_get_column (import, 2, NULL), ==, TISSAGE_CSV_DATE);
  g_assert_cmpint (tissage_csv_import_get_column (import, 3, NULL), ==, TISSAGE_CSV_PERSON_STRUCTURE);
  g_assert_cmpint (tissage_csv_import_get_column (import, 4, NULL), ==, TISSAGE_CSV_CONSENT);
  g_assert_cmpint (tissage_csv_import_get_column (import, 5, NULL), ==, TISSAGE_CSV_QUESTION);

  g_assert_true (tissage_csv_import_check (import, NULL, &error));
  g_assert_cmpuint (tissage_csv_import_get_n_accepted (import), ==, 4);
  g_assert_cmpuint (tissage_csv_import_get_refusals (import)->len, ==, 1);
  refusal = g_ptr_array_index (tissage_csv_import_get_refusals (import), 0);
  g_assert_cmpuint (refusal->line, ==, 4);
  g_assert_false (refusal->whole);
  g_assert_cmpuint (g_strv_length (refusal->reasons), ==, 2);
  g_assert_cmpstr (refusal->reasons[0], ==, "line 4, “Votre structure”: “Maison des familles” is not a member structure of the collective.");
  g_assert_cmpstr (refusal->reasons[1], ==, "line 4, “Quels freins rencontrez-vous ?”: “Cantine” is not one of the choices");

  g_assert_true (tissage_csv_import_apply (import, project.document, project.relais, TISSAGE_STATUS_DONE,
                                           &n_imported, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_imported, ==, 4);

  first = nth_interview (&project, 0);
  g_assert_cmpstr (tissage_interview_get_pseudonym (first), ==, "Mme A.");
  g_assert_cmpint (tissage_interview_get_person_structure_id (first), ==, project.relais);
  g_assert_true (interview_consent (first));
  assert_text_answer (&project, 0, family[F_OBSTACLES], "Garde d'enfants\nSanté");
  assert_text_answer (&project, 1, family[F_OBSTACLES], "Logement\nMobilité, transport");
  assert_text_answer (&project, 1, family[F_CHANGED], "J'ai trouvé un logement, enfin");
  assert_text_answer (&project, 3, family[F_OBSTACLES], "Mobilité");

  /* The refused cells are empty, the rest of the line is in. */
  third = nth_interview (&project, 2);
  g_assert_false (interview_consent (third));
  g_assert_cmpint (tissage_interview_get_person_structure_id (third), ==, 0);
  assert_text_answer (&project, 2, family[F_OBSTACLES], NULL);
  assert_text_answer (&project, 2, family[F_SATISFACTION], "3");

  for (guint i = 0; i < G_N_ELEMENTS (family); i++)
    g_clear_object (&family[i]);
  project_clear (&project);
}

static void
test_import_kobo (Fixture       *fixture,
                  gconstpointer  data)
{
  Project project = { NULL, };
  TissageGridQuestion *family[3] = { NULL, };
  g_autoptr(TissageGrid) grid = NULL;
  g_autoptr(TissageCsvImport) import = NULL;
  g_autoptr(GError) error = NULL;
  TissageCsvRefusal *refusal;
  gint64 question_id = 0;
  guint n_imported = 0;

  project_init (&project, fixture);
  grid = add_family_guide (&project, family);
  import = import_fixture (&project, "kobo-fr.csv");
  g_clear_pointer (&import, tissage_csv_import_free);
  {
    TissageCsv *csv = read_fixture ("kobo-fr.csv", &error);

    g_assert_no_error (error);
    import = tissage_csv_import_new (project.document, grid, csv);
  }

  /* Both layouts of a multiple choice: one column of names, a column per choice. */
  g_assert_cmpint (tissage_csv_import_get_column (import, 0, NULL), ==, TISSAGE_CSV_DATE);
  g_assert_cmpint (tissage_csv_import_get_column (import, 1, NULL), ==, TISSAGE_CSV_PSEUDONYM);
  g_assert_cmpint (tissage_csv_import_get_column (import, 2, NULL), ==, TISSAGE_CSV_PERSON_STRUCTURE);
  g_assert_cmpint (tissage_csv_import_get_column (import, 3, NULL), ==, TISSAGE_CSV_CONSENT);
  g_assert_cmpint (tissage_csv_import_get_column (import, 4, &question_id), ==, TISSAGE_CSV_QUESTION);
  g_assert_cmpint (question_id, ==, tissage_record_id (family[F_OBSTACLES]));
  for (guint c = 5; c < 10; c++)
    {
      g_assert_cmpint (tissage_csv_import_get_column (import, c, &question_id), ==, TISSAGE_CSV_OPTION);
      g_assert_cmpint (question_id, ==, tissage_record_id (family[F_OBSTACLES]));
      g_assert_cmpuint (tissage_csv_import_get_column_choice (import, c), ==, c - 5);
    }
  g_assert_cmpint (tissage_csv_import_get_column (import, 10, &question_id), ==, TISSAGE_CSV_QUESTION);
  g_assert_cmpint (question_id, ==, tissage_record_id (family[F_SATISFACTION]));
  /* The submission's identifier, so that it is never imported twice. */
  g_assert_cmpint (tissage_csv_import_get_column (import, 12, NULL), ==, TISSAGE_CSV_UUID);
  for (guint c = 11; c < 16; c++)
    if (c != 12)
      g_assert_cmpint (tissage_csv_import_get_column (import, c, NULL), ==, TISSAGE_CSV_IGNORE);

  g_assert_true (tissage_csv_import_check (import, NULL, &error));
  g_assert_cmpuint (tissage_csv_import_get_n_accepted (import), ==, 4);
  g_assert_cmpuint (tissage_csv_import_get_refusals (import)->len, ==, 2);
  refusal = g_ptr_array_index (tissage_csv_import_get_refusals (import), 0);
  g_assert_cmpuint (refusal->line, ==, 4);
  g_assert_cmpstr (refusal->reasons[0], ==, "line 4, “Quels_freins_rencontrez_vous”: “sante cantine” is not one of the choices");
  refusal = g_ptr_array_index (tissage_csv_import_get_refusals (import), 1);
  g_assert_cmpuint (refusal->line, ==, 5);
  g_assert_cmpuint (g_strv_length (refusal->reasons), ==, 2);
  g_assert_cmpstr (refusal->reasons[0], ==, "line 5, “structure_personne”: “maison_des_familles” is not a member structure of the collective.");
  g_assert_cmpstr (refusal->reasons[1], ==, "line 5, “Quels_freins_rencontrez_vous/mobilite”: “2” is neither yes nor no");

  g_assert_true (tissage_csv_import_apply (import, project.document, 0, TISSAGE_STATUS_DONE, &n_imported, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_imported, ==, 4);
  assert_text_answer (&project, 0, family[F_OBSTACLES], "Garde d'enfants\nSanté");
  assert_text_answer (&project, 1, family[F_OBSTACLES], "Logement\nMobilité, transport");
  /* The column of names refused, the columns of choices still tell. */
  assert_text_answer (&project, 2, family[F_OBSTACLES], "Santé");
  assert_text_answer (&project, 3, family[F_OBSTACLES], NULL);
  assert_text_answer (&project, 3, family[F_SATISFACTION], "2");
  {
    g_autoptr(TissageInterview) first = nth_interview (&project, 0);
    g_autoptr(TissageInterview) second = nth_interview (&project, 1);
    g_autoptr(TissageInterview) third = nth_interview (&project, 2);

    g_assert_cmpint (tissage_interview_get_person_structure_id (first), ==, project.relais);
    g_assert_cmpint (tissage_interview_get_person_structure_id (second), ==, project.regie);
    g_assert_cmpstr (tissage_interview_get_date (second), ==, "2025-03-13");
    g_assert_true (interview_consent (first));
    g_assert_false (interview_consent (third));
  }
  g_assert_true (tissage_document_undo (project.document, &error));

  /* Without the column of names, the columns of choices alone give the same answers. */
  tissage_csv_import_set_column (import, 4, TISSAGE_CSV_IGNORE, 0);
  g_assert_true (tissage_csv_import_check (import, NULL, &error));
  g_assert_cmpuint (tissage_csv_import_get_refusals (import)->len, ==, 1);
  g_assert_true (tissage_csv_import_apply (import, project.document, 0, TISSAGE_STATUS_DONE, &n_imported, &error));
  g_assert_no_error (error);
  assert_text_answer (&project, 0, family[F_OBSTACLES], "Garde d'enfants\nSanté");
  assert_text_answer (&project, 1, family[F_OBSTACLES], "Logement\nMobilité, transport");

  for (guint i = 0; i < G_N_ELEMENTS (family); i++)
    g_clear_object (&family[i]);
  project_clear (&project);
}

/* Consent as forms and spreadsheets write it; anything else is refused
 * for that cell and left unrecorded. */
static void
test_import_consent (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char text[] = "Pseudonyme;Consentement;Satisfaction globale\n"
                             "A;1;4\nB;0;4\nC;yes;4\nD;no;4\nE;J’accepte les conditions;4\n"
                             "F;Je refuse;4\nG;peut-être;4\nH;;4\n";
  static const gboolean expected[] = { TRUE, FALSE, TRUE, FALSE, TRUE, FALSE, FALSE, FALSE };
  Project project = { NULL, };
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageCsvImport) import = NULL;
  TissageCsvRefusal *refusal;
  guint n_imported = 0;

  project_init (&project, fixture);
  import = tissage_csv_import_new (project.document, project.grid, tissage_csv_parse (text, strlen (text), &error));
  g_assert_cmpint (tissage_csv_import_get_column (import, 1, NULL), ==, TISSAGE_CSV_CONSENT);
  g_assert_true (tissage_csv_import_check (import, NULL, &error));
  g_assert_cmpuint (tissage_csv_import_get_refusals (import)->len, ==, 1);
  refusal = g_ptr_array_index (tissage_csv_import_get_refusals (import), 0);
  g_assert_cmpstr (refusal->reasons[0], ==,
                   "line 8, “Consentement”: “peut-être” does not say whether the interviewee consents: write oui or non.");
  g_assert_true (tissage_csv_import_apply (import, project.document, 0, TISSAGE_STATUS_DONE, &n_imported, &error));
  g_assert_cmpuint (n_imported, ==, 8);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(TissageInterview) interview = nth_interview (&project, i);

      g_test_message ("%s", tissage_interview_get_pseudonym (interview));
      g_assert_true (interview_consent (interview) == expected[i]);
    }

  project_clear (&project);
}

/* "question.choice", as other KoboToolbox exports name the columns. */
static void
test_import_option_columns (Fixture       *fixture,
                            gconstpointer  data)
{
  static const char text[] = "Pseudonyme;Ateliers suivis.CV;Ateliers suivis.Entretien;Ateliers suivis.Numérique\n"
                             "Nadia;1;0;1\n"
                             "Paul;0;0;0\n"
                             "Inès;VRAI;FAUX;FAUX\n";
  Project project = { NULL, };
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageCsvImport) import = NULL;
  TissageCsv *csv = tissage_csv_parse (text, strlen (text), &error);
  g_auto(GStrv) unmapped = NULL;
  g_autoptr(TissageInterview) first = NULL;
  g_autoptr(TissageInterview) second = NULL;
  guint n_imported = 0;

  g_assert_no_error (error);
  project_init (&project, fixture);
  import = tissage_csv_import_new (project.document, project.grid, csv);
  for (guint c = 1; c < 4; c++)
    g_assert_cmpint (tissage_csv_import_get_column (import, c, NULL), ==, TISSAGE_CSV_OPTION);
  unmapped = tissage_csv_import_dup_unmapped (import);
  g_assert_false (g_strv_contains ((const char * const *) unmapped, "Ateliers suivis"));

  g_assert_true (tissage_csv_import_check (import, NULL, &error));
  /* Paul chose none: nothing else is answered, so his line is refused. */
  g_assert_cmpuint (tissage_csv_import_get_n_accepted (import), ==, 2);
  g_assert_cmpuint (tissage_csv_import_get_n_refused_lines (import), ==, 1);
  g_assert_true (tissage_csv_import_apply (import, project.document, 0, TISSAGE_STATUS_DONE, &n_imported, &error));
  first = nth_interview (&project, 0);
  assert_answer (&project, first, Q_WORKSHOPS, "CV\nNumérique");
  second = nth_interview (&project, 1);
  assert_answer (&project, second, Q_WORKSHOPS, "CV");

  /* A column given by hand to another choice. */
  tissage_csv_import_set_column_option (import, 2, tissage_record_id (project.questions[Q_WORKSHOPS]), 0);
  g_assert_cmpint (tissage_csv_import_get_column (import, 1, NULL), ==, TISSAGE_CSV_IGNORE);
  g_assert_cmpuint (tissage_csv_import_get_column_choice (import, 2), ==, 0);

  project_clear (&project);
}

/* Why no line is ready, in words a user can act on. */
static void
test_explain_nothing_ready (Fixture       *fixture,
                            gconstpointer  data)
{
  static const char unmatched[] = "Nom;Remarques\nMme A.;rien\n";
  static const char refused[] = "Pseudonyme;Satisfaction globale;Nombre de rendez-vous\n"
                                "A;9;beaucoup\nB;0;\nC;;trop\nD;10;\n";
  Project project = { NULL, };
  g_autoptr(GError) error = NULL;
  g_autofree char *why = NULL;
  TissageCsvImport *import;
  TissageCsv *csv;
  guint matched = 7;

  project_init (&project, fixture);

  csv = tissage_csv_parse (unmatched, strlen (unmatched), &error);
  g_assert_null (tissage_csv_find_grid (project.document, csv, &matched));
  g_assert_cmpuint (matched, ==, 0);
  import = tissage_csv_import_new (project.document, project.grid, csv);
  g_assert_null (tissage_csv_import_dup_explanation (import));
  g_assert_true (tissage_csv_import_check (import, NULL, &error));
  g_assert_cmpuint (tissage_csv_import_get_n_accepted (import), ==, 0);
  why = tissage_csv_import_dup_explanation (import);
  g_assert_cmpstr (why, ==, "No column matches a question of the guide “Parcours vers l'emploi”: choose below the "
                            "question each column answers, or another guide.\nNo column was recognised as the "
                            "pseudonym of the interviewee: choose it below if the file has one.");
  g_clear_pointer (&why, g_free);
  tissage_csv_import_free (import);

  csv = tissage_csv_parse (refused, strlen (refused), &error);
  import = tissage_csv_import_new (project.document, project.grid, csv);
  g_assert_true (tissage_csv_import_check (import, NULL, &error));
  g_assert_cmpuint (tissage_csv_import_get_n_refused_lines (import), ==, 4);
  why = tissage_csv_import_dup_explanation (import);
  g_assert_cmpstr (why, ==, "Every line was refused. The first reasons:\n"
                            "• line 2, “Satisfaction globale”: “9” is not a whole number from 1 to 5\n"
                            "• line 2, “Nombre de rendez-vous”: “beaucoup” is not a number\n"
                            "• line 3, “Satisfaction globale”: “0” is not a whole number from 1 to 5");
  g_clear_pointer (&why, g_free);
  tissage_csv_import_free (import);

  import = import_fixture (&project, "header-only.csv");
  g_assert_true (tissage_csv_import_check (import, NULL, &error));
  why = tissage_csv_import_dup_explanation (import);
  g_assert_cmpstr (why, ==, "The file holds no line of answers below its header.");
  tissage_csv_import_free (import);

  project_clear (&project);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/csv/read/french-export", test_read_french_export);
  g_test_add_func ("/csv/read/comma", test_read_comma);
  g_test_add_func ("/csv/read/tab-and-short-rows", test_read_tab_and_short_rows);
  g_test_add_func ("/csv/read/windows-1252", test_read_windows_1252);
  g_test_add_func ("/csv/read/refused", test_read_refused);
  g_test_add_func ("/csv/read/limits", test_read_limits);
  ADD ("/csv/import/french-export", test_import_french_export);
  ADD ("/csv/import/comma-and-windows", test_import_comma_and_windows);
  ADD ("/csv/import/missing-column", test_import_missing_column);
  ADD ("/csv/import/bad-values", test_import_bad_values);
  ADD ("/csv/import/nothing", test_import_nothing);
  ADD ("/csv/import/question-order", test_import_question_order);
  ADD ("/csv/import/mapping-changes", test_mapping_changes);
  ADD ("/csv/import/long-name", test_import_long_name);
  ADD ("/csv/import/large", test_import_large);
  ADD ("/csv/import/form-headers", test_propose_form_headers);
  g_test_add_func ("/csv/choices/parse", test_parse_choices);
  ADD ("/csv/import/google-forms", test_import_google_forms);
  ADD ("/csv/import/kobo", test_import_kobo);
  ADD ("/csv/import/option-columns", test_import_option_columns);
  ADD ("/csv/import/consent", test_import_consent);
  ADD ("/csv/import/explain-nothing-ready", test_explain_nothing_ready);

  return g_test_run ();
}

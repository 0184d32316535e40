/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "tissage-document.h"
#include "tissage-interviews.h"
#include "tissage-kobo.h"
#include "tissage-test-utils.h"
#include "tissage-xlsform-export.h"
#include "tissage-xlsform.h"

/* A guide with what makes names hard: accents, the same text twice, a
 * question that starts with a figure, a section, every kind. */
typedef struct {
  TissageDocument     *document;
  TissageGrid         *grid;
  TissageGridQuestion *questions[8];
} Project;

enum { OPEN, SCALE, YES_NO, SINGLE, MULTIPLE, NUMBER, SAME, FIGURE };

static void
project_init (Project *project,
              Fixture *fixture)
{
  static const struct {
    TissageQuestionKind  kind;
    const char          *text;
    const char          *choices;
    gboolean             in_section;
  } questions[] = {
    [OPEN] = { TISSAGE_QUESTION_OPEN, "Qu’est-ce qui a changé pour vous ?", NULL, FALSE },
    [SCALE] = { TISSAGE_QUESTION_SCALE, "Satisfaction générale", NULL, TRUE },
    [YES_NO] = { TISSAGE_QUESTION_YES_NO, "Avez-vous trouvé un emploi ?", NULL, TRUE },
    [SINGLE] = { TISSAGE_QUESTION_SINGLE, "Situation actuelle", "CDI\nCDD\nFormation\nSans emploi", TRUE },
    [MULTIPLE] = { TISSAGE_QUESTION_MULTIPLE, "Ateliers suivis", "CV\nEntretien d’embauche\nNumérique\nnumérique !", TRUE },
    [NUMBER] = { TISSAGE_QUESTION_NUMBER, "Nombre de rendez-vous", NULL, TRUE },
    [SAME] = { TISSAGE_QUESTION_SCALE, "Satisfaction générale", NULL, TRUE },
    [FIGURE] = { TISSAGE_QUESTION_OPEN, "2025 : un bilan ?", NULL, TRUE },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageRecord) section = NULL;
  g_autoptr(TissageRecord) structure = NULL;

  project->document = tissage_document_create (fixture->file, &error);
  g_assert_no_error (error);
  project->grid = tissage_document_insert (project->document, TISSAGE_TYPE_GRID, &error,
                                           "title", "Parcours vers l’emploi", NULL);
  g_assert_no_error (error);
  section = tissage_document_insert (project->document, TISSAGE_TYPE_GRID_SECTION, &error,
                                     "grid-id", tissage_record_id (project->grid),
                                     "title", "Après l’accompagnement", "position", 0, NULL);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (questions); i++)
    {
      project->questions[i] = tissage_document_insert (project->document, TISSAGE_TYPE_GRID_QUESTION, &error,
                                                       "grid-id", tissage_record_id (project->grid),
                                                       "section-id", questions[i].in_section ? tissage_record_id (section) : 0,
                                                       "kind", (int) questions[i].kind,
                                                       "text", questions[i].text,
                                                       "guidance", i == SCALE ? "Montrer la réglette" : "",
                                                       "choices", questions[i].choices ? questions[i].choices : "",
                                                       "position", (int) i, NULL);
      g_assert_no_error (error);
    }
  structure = tissage_document_insert (project->document, TISSAGE_TYPE_STRUCTURE, &error,
                                       "name", "Régie de quartier", NULL);
  g_assert_no_error (error);
}

static void
project_clear (Project *project)
{
  for (guint i = 0; i < G_N_ELEMENTS (project->questions); i++)
    g_clear_object (&project->questions[i]);
  g_clear_object (&project->grid);
  if (project->document != NULL)
    g_assert_finalize_object (g_steal_pointer (&project->document));
}

static char *
run_program (int         *status,
             gboolean     with_errors,
             const char  *first,
             ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  va_list args;

  g_ptr_array_add (argv, (gpointer) first);
  va_start (args, first);
  for (const char *a = va_arg (args, const char *); a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (*status, NULL))
    g_test_message ("%s: %s%s", first, out, err);
  if (with_errors)
    {
      char *both = g_strconcat (out, err, NULL);

      g_free (out);
      return both;
    }
  return out;
}

/* The reference converter of KoboToolbox and ODK, from beside the repository. */
static void
check_pyxform (const char *form)
{
  g_autofree char *tools = g_test_build_filename (G_TEST_DIST, "..", "..", "shared", "tools", NULL);
  g_autofree char *pythonpath = g_strconcat ("PYTHONPATH=", tools, NULL);
  g_autofree char *xml = g_strconcat (form, ".xml", NULL);
  g_autofree char *out = NULL;
  int status;

  if (!g_file_test (tools, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("pyxform is not beside the repository (../shared/tools)");
      return;
    }
  out = run_program (&status, TRUE, "/usr/bin/env", pythonpath, "/usr/bin/python3", "-m", "pyxform.xls2xform",
                     "--skip_validate", form, xml, NULL);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (out, "Conversion complete!"));
  g_assert_true (g_file_test (xml, G_FILE_TEST_EXISTS));
}

/* Its questions as openpyxl reads them: "item\tgroup/name\ttype" lines. */
static GStrv
read_back (const char *form)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "check-xlsform.py", NULL);
  g_autofree char *out = NULL;
  int status;

  out = run_program (&status, FALSE, "/usr/bin/python3", script, form, NULL);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_strsplit (g_strstrip (out), "\n", -1);
}

static gboolean
has_line (GStrv lines, const char *line)
{
  return g_strv_contains ((const char * const *) lines, line);
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  Project project = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *form = g_build_filename (fixture->dir, "formulaire.xlsx", NULL);
  g_auto(GStrv) lines = NULL;

  project_init (&project, fixture);
  g_assert_true (tissage_xlsform_export (project.document, project.grid, form, &error));
  g_assert_no_error (error);

  check_pyxform (form);
  lines = read_back (form);
  /* The interview first, the question outside any section, then the group. */
  g_assert_cmpstr (lines[0], ==, "item\tconsentement\tselect_one oui_non");
  g_assert_cmpstr (lines[2], ==, "item\tstructure\tselect_one structures");
  g_assert_cmpstr (lines[3], ==, "item\tdate_entretien\tdate");
  g_assert_cmpstr (lines[4], ==, "item\tqu_est_ce_qui_a_change_pour_vous\ttext");
  g_assert_cmpstr (lines[5], ==, "item\tapres_l_accompagnement/satisfaction_generale\tselect_one echelle_1_5");
  g_assert_cmpstr (lines[6], ==, "item\tapres_l_accompagnement/avez_vous_trouve_un_emploi\tselect_one oui_non");
  g_assert_cmpstr (lines[7], ==, "item\tapres_l_accompagnement/situation_actuelle\tselect_one situation_actuelle");
  g_assert_cmpstr (lines[8], ==, "item\tapres_l_accompagnement/ateliers_suivis\tselect_multiple ateliers_suivis");
  g_assert_cmpstr (lines[9], ==, "item\tapres_l_accompagnement/nombre_de_rendez_vous\tdecimal");
  g_assert_cmpstr (lines[10], ==, "item\tapres_l_accompagnement/satisfaction_generale_2\tselect_one echelle_1_5");
  g_assert_cmpstr (lines[11], ==, "item\tapres_l_accompagnement/q_2025_un_bilan\ttext");
  g_assert_true (has_line (lines, "choice\tateliers_suivis\tentretien_d_embauche"));
  g_assert_true (has_line (lines, "choice\tateliers_suivis\tnumerique"));
  g_assert_true (has_line (lines, "choice\tateliers_suivis\tnumerique_2"));
  g_assert_true (has_line (lines, "choice\tstructures\tregie_de_quartier"));
  g_assert_true (has_line (lines, "choice\techelle_1_5\t5"));

  project_clear (&project);
}

/* A file that cannot be written leaves nothing at its place. */
static void
test_export_atomic (Fixture       *fixture,
                    gconstpointer  data)
{
  Project project = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (fixture->dir, "absent", "formulaire.xlsx", NULL);
  g_autofree char *listing = NULL;

  project_init (&project, fixture);
  g_assert_false (tissage_xlsform_export (project.document, project.grid, missing, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  listing = list_folder (fixture->dir);
  g_assert_null (strstr (listing, ".tmp"));
  project_clear (&project);
}

static GPtrArray *
answers_of (Project *project, gint64 interview_id)
{
  TissageInterview *interview = tissage_document_lookup (project->document, TISSAGE_TYPE_INTERVIEW, interview_id);

  g_assert_nonnull (interview);
  return tissage_document_list_answers (project->document, interview);
}

static const char *
answer_text (GPtrArray *answers, TissageGridQuestion *question)
{
  for (guint i = 0; i < answers->len; i++)
    if (tissage_answer_get_question_id (g_ptr_array_index (answers, i)) == tissage_record_id (question))
      return tissage_answer_get_text (g_ptr_array_index (answers, i));
  return NULL;
}

static double
answer_number (GPtrArray *answers, TissageGridQuestion *question)
{
  for (guint i = 0; i < answers->len; i++)
    if (tissage_answer_get_question_id (g_ptr_array_index (answers, i)) == tissage_record_id (question))
      return tissage_answer_get_number (g_ptr_array_index (answers, i));
  return NAN;
}

#define UUID_A "3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b"
#define UUID_B "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d"

/* What KoboToolbox exports for two submissions of the form @form, read
 * back for its names, as its CSV: ";"-separated, quoted. */
static void
kobo_answers (const char *form,
              GString    *text)
{
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) row_a = g_string_new (NULL);
  g_autoptr(GString) row_b = g_string_new (NULL);

  lines = read_back (form);

  /* Each question answered as the form would, by its names. */
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (lines[i], "\t", 3);
      const char *path = parts[1], *type = parts[2];
      const char *name = strrchr (path, '/') ? strrchr (path, '/') + 1 : path;
      const char *a = "", *b = "";

      if (!g_str_equal (parts[0], "item"))
        continue;
      if (g_str_equal (name, "consentement"))
        a = b = "oui";
      else if (g_str_equal (name, "pseudonyme"))
        a = "Aïcha", b = "Bernard";
      else if (g_str_equal (name, "structure"))
        a = "regie_de_quartier";
      else if (g_str_equal (name, "date_entretien"))
        a = "2026-03-12";
      else if (g_str_equal (name, "qu_est_ce_qui_a_change_pour_vous"))
        a = "J’ai repris confiance ; vraiment.", b = "Rien";
      else if (g_str_equal (name, "satisfaction_generale"))
        a = "4", b = "2";
      else if (g_str_equal (name, "avez_vous_trouve_un_emploi"))
        a = "oui", b = "non";
      else if (g_str_equal (name, "situation_actuelle"))
        a = "sans_emploi", b = "cdd";
      else if (g_str_equal (name, "ateliers_suivis"))
        a = "cv numerique_2";   /* b by its columns of options only */
      else if (g_str_equal (name, "nombre_de_rendez_vous"))
        a = "3.5", b = "12";

      g_ptr_array_add (header, g_strdup (path));
      g_string_append_printf (row_a, "\"%s\";", a);
      g_string_append_printf (row_b, "\"%s\";", b);
      if (g_str_has_prefix (type, "select_multiple"))
        {
          static const char * const options[] = { "cv", "entretien_d_embauche", "numerique", "numerique_2" };

          for (guint o = 0; o < G_N_ELEMENTS (options); o++)
            {
              g_ptr_array_add (header, g_strdup_printf ("%s/%s", path, options[o]));
              g_string_append_printf (row_a, "\"%s\";", o == 0 || o == 3 ? "1" : "0");
              g_string_append_printf (row_b, "\"%s\";", o == 1 ? "1" : "0");
            }
        }
    }
  g_ptr_array_add (header, g_strdup ("_id"));
  g_ptr_array_add (header, g_strdup ("_uuid"));
  g_ptr_array_add (header, g_strdup ("_submission_time"));
  g_string_append (row_a, "\"101\";\"" UUID_A "\";\"2026-03-14T10:15:42\"");
  g_string_append (row_b, "\"102\";\"" UUID_B "\";\"2026-03-15T09:00:00\"");
  for (guint i = 0; i < header->len; i++)
    g_string_append_printf (text, "%s\"%s\"", i > 0 ? ";" : "", (char *) g_ptr_array_index (header, i));
  g_string_append_printf (text, "\r\n%s\r\n%s\r\n", row_a->str, row_b->str);
}

/* The names of the exported form, read back, as the headers of what
 * KoboToolbox gives back: "group/question", a column of 0/1 per choice
 * of a multiple choice, its own _uuid and _submission_time. */
static void
test_kobo_round_trip (Fixture       *fixture,
                      gconstpointer  data)
{
  Project project = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *form = g_build_filename (fixture->dir, "formulaire.xlsx", NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(TissageCsvImport) import = NULL;
  g_autoptr(GPtrArray) answers_a = NULL;
  g_autoptr(GPtrArray) answers_b = NULL;
  TissageCsv *csv;
  GListModel *interviews;
  guint n_imported = 0;

  project_init (&project, fixture);
  g_assert_true (tissage_xlsform_export (project.document, project.grid, form, &error));
  g_assert_no_error (error);
  kobo_answers (form, text);

  csv = tissage_csv_parse (text->str, text->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tissage_kobo_count_named_columns (project.document, project.grid, csv), ==, 12);
  import = tissage_kobo_import_new (project.document, project.grid, csv);
  g_assert_true (tissage_csv_import_check (import, NULL, &error));
  g_assert_cmpuint (tissage_csv_import_get_refusals (import)->len, ==, 0);
  g_assert_true (tissage_csv_import_apply (import, project.document, 0, TISSAGE_STATUS_DONE, &n_imported, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_imported, ==, 2);

  interviews = tissage_document_get_records (project.document, TISSAGE_TYPE_INTERVIEW);
  g_assert_cmpuint (g_list_model_get_n_items (interviews), ==, 2);
  {
    g_autoptr(TissageInterview) a = g_list_model_get_item (interviews, 0);
    g_autoptr(TissageInterview) b = g_list_model_get_item (interviews, 1);

    /* The submission's identifier is the interview's. */
    g_assert_cmpstr (tissage_record_get_uuid (TISSAGE_RECORD (a)), ==, UUID_A);
    g_assert_cmpstr (tissage_interview_get_pseudonym (a), ==, "Aïcha");
    g_assert_cmpstr (tissage_interview_get_date (a), ==, "2026-03-12");
    /* No date asked: the day it was submitted. */
    g_assert_cmpstr (tissage_interview_get_date (b), ==, "2026-03-15");
    g_assert_cmpint (tissage_interview_get_structure_id (a), >, 0);

    answers_a = answers_of (&project, tissage_record_id (a));
    answers_b = answers_of (&project, tissage_record_id (b));
  }
  g_assert_cmpstr (answer_text (answers_a, project.questions[OPEN]), ==, "J’ai repris confiance ; vraiment.");
  g_assert_cmpfloat (answer_number (answers_a, project.questions[SCALE]), ==, 4);
  g_assert_cmpfloat (answer_number (answers_b, project.questions[SCALE]), ==, 2);
  g_assert_cmpfloat (answer_number (answers_a, project.questions[YES_NO]), ==, 1);
  g_assert_cmpfloat (answer_number (answers_b, project.questions[YES_NO]), ==, 0);
  g_assert_cmpstr (answer_text (answers_a, project.questions[SINGLE]), ==, "Sans emploi");
  g_assert_cmpstr (answer_text (answers_b, project.questions[SINGLE]), ==, "CDD");
  g_assert_cmpstr (answer_text (answers_a, project.questions[MULTIPLE]), ==, "CV\nnumérique !");
  g_assert_cmpstr (answer_text (answers_b, project.questions[MULTIPLE]), ==, "Entretien d’embauche");
  g_assert_cmpfloat (answer_number (answers_a, project.questions[NUMBER]), ==, 3.5);
  g_assert_null (answer_text (answers_a, project.questions[SAME]));

  /* The same file again: nothing is imported twice. */
  {
    g_autoptr(TissageCsvImport) again = NULL;
    g_autofree char *why = NULL;

    csv = tissage_csv_parse (text->str, text->len, &error);
    g_assert_no_error (error);
    again = tissage_kobo_import_new (project.document, project.grid, csv);
    g_assert_true (tissage_csv_import_check (again, NULL, &error));
    g_assert_cmpuint (tissage_csv_import_get_n_accepted (again), ==, 0);
    g_assert_cmpuint (tissage_csv_import_get_n_already_imported (again), ==, 2);
    why = tissage_csv_import_dup_explanation (again);
    g_assert_nonnull (strstr (why, "none is imported twice"));
  }

  /* One undo takes the whole import away. */
  g_assert_true (tissage_document_undo (project.document, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (interviews), ==, 0);

  project_clear (&project);
}

/* What is no export of the form, and what no tool writes. */
static void
test_kobo_refused (Fixture       *fixture,
                   gconstpointer  data)
{
  Project project = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) huge = g_string_new ("\"satisfaction_generale\";\"_uuid\"\n\"");
  static const char other[] = "\"Nom\";\"Âge\"\n\"Léa\";\"32\"\n";
  static const char bad_uuid[] = "\"apres_l_accompagnement/satisfaction_generale\";\"_uuid\"\n\"4\";\"pas-un-uuid\"\n";
  TissageCsv *csv;

  project_init (&project, fixture);

  csv = tissage_csv_parse (other, sizeof other - 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tissage_kobo_count_named_columns (project.document, project.grid, csv), ==, 0);
  tissage_csv_free (csv);

  /* A cell larger than any answer is refused before anything is read. */
  g_string_append_len (huge, "", 0);
  for (guint i = 0; i < TISSAGE_CSV_MAX_CELL_BYTES / 8 + 1; i++)
    g_string_append (huge, "aaaaaaaa");
  g_string_append (huge, "\";\"" UUID_A "\"\n");
  csv = tissage_csv_parse (huge->str, huge->len, &error);
  g_assert_null (csv);
  g_assert_error (error, TISSAGE_CSV_ERROR, TISSAGE_CSV_ERROR_TOO_LARGE);
  g_clear_error (&error);

  {
    g_autoptr(TissageCsvImport) import = NULL;
    GPtrArray *refusals;
    TissageCsvRefusal *refusal;

    csv = tissage_csv_parse (bad_uuid, sizeof bad_uuid - 1, &error);
    g_assert_no_error (error);
    import = tissage_kobo_import_new (project.document, project.grid, csv);
    g_assert_true (tissage_csv_import_check (import, NULL, &error));
    refusals = tissage_csv_import_get_refusals (import);
    g_assert_cmpuint (refusals->len, ==, 1);
    refusal = g_ptr_array_index (refusals, 0);
    g_assert_cmpstr (refusal->reasons[0], ==,
                     "line 2, “_uuid”: “pas-un-uuid” is not the identifier of a submission.");
  }

  project_clear (&project);
}

/* KoboToolbox's XLSX export of the same answers: its cells typed, the
 * dates as a workbook's day numbers, read by the command line through
 * the spreadsheet reader with the CSV's rules; LibreOffice's workbook of
 * the CSV too. */
static void
test_kobo_xlsx (Fixture       *fixture,
                gconstpointer  data)
{
  Project project = { 0 };
  g_autofree char *form = g_build_filename (fixture->dir, "formulaire.xlsx", NULL);
  g_autofree char *csv = g_build_filename (fixture->dir, "reponses.csv", NULL);
  g_autofree char *xlsx = g_build_filename (fixture->dir, "reponses.xlsx", NULL);
  g_autofree char *project_path = g_file_get_path (fixture->file);
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  int status;
  static const char script[] =
    "import csv, datetime, re, sys, openpyxl\n"
    "rows = list(csv.reader(open(sys.argv[1], encoding='utf-8', newline=''), delimiter=';'))\n"
    "wb = openpyxl.Workbook()\n"
    "ws = wb.active\n"
    "ws.title = 'Parcours vers l emploi'\n"
    "def typed(v):\n"
    "    if re.fullmatch(r'\\d+', v): return int(v)\n"
    "    if re.fullmatch(r'\\d+\\.\\d+', v): return float(v)\n"
    "    if re.fullmatch(r'\\d{4}-\\d\\d-\\d\\d', v): return datetime.date.fromisoformat(v)\n"
    "    if re.fullmatch(r'\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d', v): return datetime.datetime.fromisoformat(v)\n"
    "    return v\n"
    "ws.append(rows[0])\n"
    "for r in rows[1:]: ws.append([typed(v) if v != '' else None for v in r])\n"
    "wb.create_sheet('Notes (ignore)').append(['rien'])\n"
    "wb.save(sys.argv[2])\n";

  project_init (&project, fixture);
  g_assert_true (tissage_xlsform_export (project.document, project.grid, form, &error));
  g_assert_no_error (error);
  project_clear (&project);
  kobo_answers (form, text);
  g_assert_true (g_file_set_contents (csv, text->str, text->len, &error));
  g_free (run_program (&status, TRUE, "/usr/bin/python3", "-c", script, csv, xlsx, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  out = run_tissage (&status, &err, "--import-kobo", xlsx, "--guide", "Parcours vers l’emploi", project_path, NULL);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("--import-kobo: %s%s", out, err);
  g_assert_nonnull (strstr (out, "2 entretiens importés"));
  g_assert_nonnull (strstr (out, "0 réponse refusée"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  {
    g_autoptr(TissageDocument) document = tissage_document_open_for_reading (fixture->file, &error);

    g_assert_no_error (error);
    g_assert_cmpint (query_count (document, "SELECT count(*) FROM interviews"), ==, 2);
    g_assert_cmpint (query_count (document, "SELECT count(*) FROM interviews WHERE uuid = '" UUID_A "' "
                                            "AND pseudonym = 'Aïcha' AND date = '2026-03-12' AND structure_id IS NOT NULL"), ==, 1);
    /* No date asked: the day it was submitted, from its day number. */
    g_assert_cmpint (query_count (document, "SELECT count(*) FROM interviews WHERE uuid = '" UUID_B "' "
                                            "AND date = '2026-03-15'"), ==, 1);
    g_assert_cmpint (query_count (document, "SELECT count(*) FROM answers WHERE text = 'CV' || char(10) || 'numérique !'"), ==, 1);
    g_assert_cmpint (query_count (document, "SELECT count(*) FROM answers WHERE text = 'Entretien d’embauche'"), ==, 1);
    g_assert_cmpint (query_count (document, "SELECT count(*) FROM answers WHERE number = 3.5"), ==, 1);
    g_assert_cmpint (query_count (document, "SELECT count(*) FROM answers WHERE text = 'Sans emploi'"), ==, 1);
  }

  /* The same submissions again, from the workbook: none twice. */
  out = run_tissage (&status, &err, "--import-kobo", xlsx, "--guide", "Parcours vers l’emploi", project_path, NULL);
  g_assert_nonnull (strstr (err, "aucune n’est importée deux fois"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The CSV opened in LibreOffice and saved as a workbook: its own types. */
  if (soffice != NULL)
    {
      g_autofree char *office = g_build_filename (fixture->dir, "office", NULL);
      g_autofree char *profile = g_strdup_printf ("-env:UserInstallation=file://%s/profile", fixture->dir);
      g_autofree char *converted = g_build_filename (office, "reponses.xlsx", NULL);
      g_autofree char *other = g_build_filename (fixture->dir, "autre.tissage", NULL);

      {
        Fixture second = *fixture;
        Project again = { 0 };

        second.file = g_file_new_for_path (other);
        project_init (&again, &second);
        project_clear (&again);
        g_object_unref (second.file);
      }
      g_free (run_program (&status, TRUE, soffice, profile, "--headless", "--infilter=CSV:59,34,76,1",
                           "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", office, csv, NULL));
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_assert_true (g_file_test (converted, G_FILE_TEST_EXISTS));
      out = run_tissage (&status, &err, "--import-kobo", converted, "--guide", "Parcours vers l’emploi", other, NULL);
      if (!g_spawn_check_wait_status (status, NULL))
        g_error ("--import-kobo of LibreOffice's workbook: %s%s", out, err);
      g_assert_nonnull (strstr (out, "2 entretiens importés"));
      g_assert_nonnull (strstr (out, "0 réponse refusée"));
    }
}

/* The command line, in French, as a coordinator would run it. */
static void
test_cli (Fixture       *fixture,
          gconstpointer  data)
{
  Project project = { 0 };
  g_autofree char *form = g_build_filename (fixture->dir, "formulaire.xlsx", NULL);
  g_autofree char *answers = g_build_filename (fixture->dir, "reponses.csv", NULL);
  g_autofree char *project_path = g_file_get_path (fixture->file);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;
  static const char kobo[] =
    "\"consentement\";\"pseudonyme\";\"apres_l_accompagnement/satisfaction_generale\";\"_uuid\";\"_submission_time\"\n"
    "\"oui\";\"Léa\";\"5\";\"" UUID_A "\";\"2026-04-01T08:00:00\"\n";

  project_init (&project, fixture);
  project_clear (&project);

  out = run_tissage (&status, &err, "--export-xlsform", form, "--guide", "parcours vers l'emploi", project_path, NULL);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_file_test (form, G_FILE_TEST_EXISTS));
  check_pyxform (form);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  out = run_tissage (&status, &err, "--export-xlsform", form, project_path, NULL);
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (err, "--guide"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_true (g_file_set_contents (answers, kobo, -1, &error));
  out = run_tissage (&status, &err, "--import-kobo", answers, "--guide", "Parcours vers l’emploi", project_path, NULL);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (out, "1 entretien importé"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  out = run_tissage (&status, &err, "--import-kobo", answers, "--guide", "Parcours vers l’emploi", project_path, NULL);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (err, "aucune n’est importée deux fois"));

  {
    g_autoptr(TissageDocument) document = tissage_document_open_for_reading (fixture->file, &error);

    g_assert_no_error (error);
    g_assert_cmpint (query_count (document, "SELECT count(*) FROM interviews WHERE uuid = '" UUID_A "'"), ==, 1);
    g_assert_cmpint (query_count (document, "SELECT count(*) FROM interviews WHERE date = '2026-04-01'"), ==, 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/xlsform/export", test_export);
  ADD ("/xlsform/export-atomic", test_export_atomic);
  ADD ("/xlsform/kobo-round-trip", test_kobo_round_trip);
  ADD ("/xlsform/kobo-refused", test_kobo_refused);
  ADD ("/xlsform/kobo-xlsx", test_kobo_xlsx);
  ADD ("/xlsform/cli", test_cli);

  return g_test_run ();
}

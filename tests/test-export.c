/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tissage-figures.h"
#include "tissage-figures-project.h"
#include "tissage-referentiel.h"
#include "tissage-test-utils.h"
#include "tissage-xlsx-export.h"
#include "tissage-xlsx-writer-private.h"

/* Someone interviewed, whose name a pseudonymised workbook must not show. */
#define SECRET_NAME "Josiane Vermeulen-Testard"
#define SECRET_PLACE "Chez Josiane, 12 rue des Tanneurs"
#define SECRET_NOTE "Josiane souhaite être recontactée."
/* An organisation interviewed, named even when people are not. */
#define ORGANISATION "Fondation Essai Solidaire"
/* Who held interviews: a person, never named in a pseudonymised workbook. */
#define INTERVIEWER "Karim B."
/* The structure of its only interviewed employee. */
#define LONE_STRUCTURE "Atelier Solo d’essai"
/* The answer of someone who refused that their words be used. */
#define REFUSED_WORDS "Essai : refus, mes mots restent ici"
/* A stakeholder whose name a spreadsheet could take for a formula. */
#define FORMULA_NAME "=HYPERLINK(\"http://exemple.invalid\",\"clic\")"

static void
exec_sql (TissageDocument *document,
          const char      *sql)
{
  char *message = NULL;

  if (sqlite3_exec (tissage_document_get_db (document), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/*
 * The example, plus what it may not have yet: an interview of a named
 * stakeholder, with an answer of every kind of question and verbatims
 * tagged with an effect, and a stakeholder named like a formula.
 */
static TissageDocument *
example_with_interview (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = tissage_document_create_example (fixture->file, &error);
  g_autoptr(TissageStakeholder) person = NULL;
  g_autoptr(TissageStakeholder) formula = NULL;
  g_autofree char *sql = NULL;

  g_assert_no_error (error);

  person = tissage_document_insert (document, TISSAGE_TYPE_STAKEHOLDER, &error,
                                    "name", SECRET_NAME,
                                    "description", "Bénéficiaire du PLIE depuis 2024, mère de trois enfants.",
                                    NULL);
  g_assert_no_error (error);
  formula = tissage_document_insert (document, TISSAGE_TYPE_STAKEHOLDER, &error,
                                     "name", FORMULA_NAME, NULL);
  g_assert_no_error (error);

  /* Rows of their own, found by their UUIDs: the example has interviews. */
  exec_sql (document,
            "INSERT INTO grids (uuid, modified, title, position) VALUES ('g-essai', 'x', 'Grille d’essai de l’export', 99);"
            "INSERT INTO grid_questions (uuid, modified, grid_id, kind, text, choices, position, retired)"
            " SELECT q.uuid, 'x', g.id, q.kind, q.text, q.choices, q.position, q.retired"
            " FROM grids g, (SELECT 'q0-essai' AS uuid, 0 AS kind, 'Essai : qu’est-ce qui a changé ?' AS text, '' AS choices, 0 AS position, 0 AS retired"
            "   UNION ALL SELECT 'q1-essai', 1, 'Essai : confiance en vous, de 1 à 5', '', 1, 0"
            "   UNION ALL SELECT 'q2-essai', 2, 'Essai : avez-vous trouvé un emploi ?', '', 2, 0"
            "   UNION ALL SELECT 'q3-essai', 3, 'Essai : structure qui vous a le plus aidé', 'PLIE\nMission locale', 3, 0"
            "   UNION ALL SELECT 'q4-essai', 4, 'Essai : ateliers suivis', 'CV\nNumérique\nMobilité', 4, 0"
            "   UNION ALL SELECT 'q5-essai', 5, 'Essai : nombre d’entretiens d’embauche', '', 5, 0"
            "   UNION ALL SELECT 'q6-essai', 0, 'Essai : question retirée', '', 6, 1"
            "   UNION ALL SELECT 'q7-essai', 0, 'Essai : question retirée sans réponse', '', 7, 1) q"
            " WHERE g.uuid = 'g-essai';");

  sql = g_strdup_printf ("INSERT INTO interviews (uuid, modified, grid_id, stakeholder_id, pseudonym, category_id,"
                         " structure_id, interviewer, date, place, mode, consent, status, notes)"
                         " SELECT 'i1-essai', 'x', id, %" G_GINT64_FORMAT ", 'Madame J.', (SELECT min (id) FROM categories),"
                         " (SELECT min (id) FROM structures), 'Karim B.', '2025-03-14', '%s', 1, 1, 2, '%s'"
                         " FROM grids WHERE uuid = 'g-essai';"
                         "INSERT INTO interviews (uuid, modified, grid_id, pseudonym, date, status)"
                         " SELECT 'i2-essai', 'x', id, '', '', 0 FROM grids WHERE uuid = 'g-essai';",
                         tissage_record_get_id (TISSAGE_RECORD (person)), SECRET_PLACE, SECRET_NOTE);
  exec_sql (document, sql);

  exec_sql (document,
            "INSERT INTO answers (uuid, modified, interview_id, question_id, text, number)"
            " SELECT a.uuid, 'x', i.id, q.id, a.text, a.number"
            " FROM (SELECT 'a0-essai' AS uuid, 'i1-essai' AS interview, 'q0-essai' AS question,"
            "         'J’ai repris confiance et je connais les entreprises du quartier.' AS text, NULL AS number"
            "       UNION ALL SELECT 'a1-essai', 'i1-essai', 'q1-essai', '', 4"
            "       UNION ALL SELECT 'a2-essai', 'i1-essai', 'q2-essai', '', 1"
            "       UNION ALL SELECT 'a3-essai', 'i1-essai', 'q3-essai', 'PLIE', NULL"
            "       UNION ALL SELECT 'a4-essai', 'i1-essai', 'q4-essai', 'CV\nMobilité', NULL"
            "       UNION ALL SELECT 'a5-essai', 'i1-essai', 'q5-essai', '', 3"
            "       UNION ALL SELECT 'a6-essai', 'i1-essai', 'q6-essai', 'Une réponse d’avant', NULL"
            "       UNION ALL SELECT 'a7-essai', 'i2-essai', 'q2-essai', '', 0) a"
            " JOIN interviews i ON i.uuid = a.interview JOIN grid_questions q ON q.uuid = a.question;"
            "INSERT INTO verbatims (uuid, modified, answer_id, start, end, quote, tone, lost)"
            " SELECT v.uuid, 'x', a.id, v.start, v.end, v.quote, v.tone, v.lost"
            " FROM (SELECT 'v1-essai' AS uuid, 0 AS start, 20 AS end, 'Essai : j’ai repris confiance' AS quote, 0 AS tone, 0 AS lost"
            "       UNION ALL SELECT 'v2-essai', 24, 60, 'Essai : je connais les entreprises du quartier', 2, 1) v"
            " JOIN answers a ON a.uuid = 'a0-essai';"
            "INSERT INTO verbatim_tags (uuid, modified, verbatim_id, effect_id)"
            " SELECT 't1-essai', 'x', id, (SELECT min (id) FROM effects) FROM verbatims WHERE uuid = 'v1-essai';"
            "INSERT INTO verbatim_tags (uuid, modified, verbatim_id, effect_id)"
            " SELECT 't2-essai', 'x', id, (SELECT max (id) FROM effects) FROM verbatims WHERE uuid = 'v1-essai';");

  /* An organisation interviewed, which a funder reads by its name; the
   * only employee interviewed of a small structure, which would name
   * them; and the words of a refusal, which stay in the project. */
  exec_sql (document,
            "INSERT INTO structures (uuid, modified, name, position) VALUES ('st-solo', 'x', '" LONE_STRUCTURE "', 99);"
            "INSERT INTO stakeholders (uuid, modified, name, category_id)"
            " VALUES ('sh-fondation', 'x', '" ORGANISATION "', (SELECT id FROM categories WHERE builtin = 'financeurs'));"
            "INSERT INTO interviews (uuid, modified, grid_id, stakeholder_id, structure_id, interviewer, date, consent, status)"
            " SELECT 'i3-essai', 'x', id, (SELECT id FROM stakeholders WHERE uuid = 'sh-fondation'),"
            " (SELECT min (id) FROM structures), '" INTERVIEWER "', '2025-03-20', 1, 2 FROM grids WHERE uuid = 'g-essai';"
            "INSERT INTO interviews (uuid, modified, grid_id, pseudonym, category_id, person_structure_id, structure_id,"
            " interviewer, date, consent, status)"
            " SELECT 'i4-essai', 'x', id, 'Salarié S.', (SELECT id FROM categories WHERE builtin = 'salaries'),"
            " (SELECT id FROM structures WHERE uuid = 'st-solo'), (SELECT id FROM structures WHERE uuid = 'st-solo'),"
            " '" INTERVIEWER "', '2025-03-21', 1, 2 FROM grids WHERE uuid = 'g-essai';"
            "INSERT INTO interviews (uuid, modified, grid_id, pseudonym, date, consent, status)"
            " SELECT 'i5-essai', 'x', id, 'Refus R.', '2025-03-22', 2, 2 FROM grids WHERE uuid = 'g-essai';"
            "INSERT INTO answers (uuid, modified, interview_id, question_id, text)"
            " SELECT 'a8-essai', 'x', i.id, q.id, '" REFUSED_WORDS "'"
            " FROM interviews i, grid_questions q WHERE i.uuid = 'i5-essai' AND q.uuid = 'q0-essai';"
            "INSERT INTO answers (uuid, modified, interview_id, question_id, text)"
            " SELECT 'a9-essai', 'x', i.id, q.id, 'La fondation voit le collectif grandir.'"
            " FROM interviews i, grid_questions q WHERE i.uuid = 'i3-essai' AND q.uuid = 'q0-essai';"
            "INSERT INTO verbatims (uuid, modified, answer_id, start, end, quote)"
            " SELECT 'v3-essai', 'x', id, 0, 10, '" REFUSED_WORDS "' FROM answers WHERE uuid = 'a8-essai';");

  return g_steal_pointer (&document);
}

/* Runs a reader of the workbook (@argv, not yet %NULL-terminated) and
 * fails with what it printed unless it exits 0. */
static void
run_reader (GPtrArray *argv)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE))
    g_error ("/usr/bin/python3 is needed to read the workbook back (Debian's python3-openpyxl)");

  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_test_message ("%s%s", out, err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* check-synthesis.py on @workbook, its checks to be added. */
static GPtrArray *
synthesis_reader (const char *workbook)
{
  GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (argv, g_strdup ("/usr/bin/python3"));
  g_ptr_array_add (argv, g_test_build_filename (G_TEST_DIST, "check-synthesis.py", NULL));
  g_ptr_array_add (argv, g_strdup (workbook));
  return argv;
}

/* @extra: more arguments of check-xlsx.py, %NULL-terminated, or %NULL */
static void
run_check_with (TissageDocument   *document,
                const char        *workbook,
                const char        *mode,
                const char *const *extra)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "check-xlsx.py", NULL);
  g_autofree char *interview = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                query_count (document, "SELECT ifnull (max (id), 0) FROM interviews WHERE uuid = 'i1-essai'"));
  g_autofree char *left_out = g_strdup_printf ("%" G_GINT64_FORMAT,
                                               query_count (document, "SELECT count (*) FROM interviews WHERE consent <> 1"));
  g_autofree char *actions = g_strdup_printf ("%" G_GINT64_FORMAT, query_count (document, "SELECT count (*) FROM actions"));
  const char *fixed[] = { "/usr/bin/python3", script, workbook, mode, "--interview", interview,
                          "--secret", SECRET_NAME, "--secret", SECRET_PLACE, "--secret", SECRET_NOTE,
                          "--formula", FORMULA_NAME, "--organisation", ORGANISATION,
                          "--interviewer", INTERVIEWER, "--lone-structure", LONE_STRUCTURE,
                          "--without-consent", REFUSED_WORDS, "--left-out", left_out, "--actions", actions };
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    g_ptr_array_add (argv, (gpointer) fixed[i]);
  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) extra[i]);
  run_reader (argv);
}

static void
run_check (TissageDocument *document,
           const char      *workbook,
           const char      *mode)
{
  run_check_with (document, workbook, mode, NULL);
}

static void
test_read_back (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = example_with_interview (fixture);
  g_autofree char *pseudonymised = g_build_filename (fixture->dir, "financeurs.xlsx", NULL);
  g_autofree char *named = g_build_filename (fixture->dir, "avec-noms.xlsx", NULL);
  TissageXlsxExportOptions options;
  TissageXlsxStats stats;

  tissage_xlsx_export_options_init (&options);
  g_assert_true (options.pseudonymise);
  options.stats = &stats;
  g_assert_true (tissage_xlsx_export (document, pseudonymised, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.numbers, >, 500);
  g_assert_cmpuint (stats.strings, >, 2000);
  run_check (document, pseudonymised, "--pseudonymised");

  options.pseudonymise = FALSE;
  g_assert_true (tissage_xlsx_export (document, named, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  run_check (document, named, "--named");
}

/* A guide of @title at @position, with an interview that consented. */
static void
add_guide (TissageDocument *document,
           const char      *uuid,
           const char      *title,
           int              position)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO grids (uuid, modified, title, position) VALUES ('%s', 'x', '%s', %d);"
                                          "INSERT INTO interviews (uuid, modified, grid_id, pseudonym, date, consent, status)"
                                          " SELECT '%s-iv', 'x', id, 'Guide G.', '2025-04-01', 1, 2 FROM grids WHERE uuid = '%s';",
                                          uuid, title, position, uuid, uuid);

  exec_sql (document, sql);
}

/*
 * A guide in sections, its questions numbered within each (as the guide
 * editor numbers them) and created out of order: the workbook's columns
 * are in the order the interview editor shows, the questions outside any
 * section first, then each section by its position. Each guide has a
 * sheet of its own, named after it as Excel takes it: no [ ] : * ? / \,
 * at most 31 characters, none twice regardless of case, nor the name of
 * another sheet.
 */
static void
test_guides (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = example_with_interview (fixture);
  g_autofree char *path = g_build_filename (fixture->dir, "guides.xlsx", NULL);
  const char *extra[] = {
    "--guide-order", "Guide en sections=Hors section|A1 Première, d’abord|A2 Première, ensuite|B1 Seconde|B2 Seconde, enfin",
    "--guide-sheets", "Entretien bénéficiaires", "Entretien partenaires du colle…", "Grille d’essai de l’export",
    "Guide en sections", "Bilan 2024-2025 (bénéficiaires)", "bilan 2024-2025 (bénéficia… (2)", "Synthèse (2)",
    "Un guide au titre bien trop lo…", "verbatims (2)", NULL
  };
  TissageXlsxExportOptions options;

  add_guide (document, "g-sections", "Guide en sections", 100);
  /* The second section first, each numbered from 0, B1 before A1. */
  exec_sql (document,
            "INSERT INTO grid_sections (uuid, modified, grid_id, title, position)"
            " SELECT 's-b', 'x', id, 'Seconde', 1 FROM grids WHERE uuid = 'g-sections';"
            "INSERT INTO grid_sections (uuid, modified, grid_id, title, position)"
            " SELECT 's-a', 'x', id, 'Première', 0 FROM grids WHERE uuid = 'g-sections';"
            "INSERT INTO grid_questions (uuid, modified, grid_id, section_id, kind, text, position)"
            " SELECT q.uuid, 'x', g.id, (SELECT id FROM grid_sections WHERE uuid = q.section), 0, q.text, q.position"
            " FROM grids g, (SELECT 'q-b1' AS uuid, 's-b' AS section, 'B1 Seconde' AS text, 0 AS position"
            "   UNION ALL SELECT 'q-a2', 's-a', 'A2 Première, ensuite', 1"
            "   UNION ALL SELECT 'q-b2', 's-b', 'B2 Seconde, enfin', 1"
            "   UNION ALL SELECT 'q-a1', 's-a', 'A1 Première, d’abord', 0"
            "   UNION ALL SELECT 'q-out', NULL, 'Hors section', 5) q"
            " WHERE g.uuid = 'g-sections';"
            "INSERT INTO answers (uuid, modified, interview_id, question_id, text)"
            " SELECT 'a-b1', 'x', i.id, q.id, 'Une réponse' FROM interviews i, grid_questions q"
            " WHERE i.uuid = 'g-sections-iv' AND q.uuid = 'q-b1';");
  add_guide (document, "g-bad", "Bilan 2024/2025 : [bénéficiaires]*?", 101);
  add_guide (document, "g-same", "bilan 2024-2025 (bénéficiaires)", 102);
  add_guide (document, "g-summary", "Synthèse", 103);
  add_guide (document, "g-long", "Un guide au titre bien trop long pour un onglet", 104);
  /* Named as a sheet that comes after it, which keeps its name. */
  add_guide (document, "g-verbatims", "verbatims", 105);
  /* Without an interview: no sheet. */
  exec_sql (document, "INSERT INTO grids (uuid, modified, title, position) VALUES ('g-unused', 'x', 'Guide inutilisé', 106);");

  tissage_xlsx_export_options_init (&options);
  options.pseudonymise = FALSE;
  g_assert_true (tissage_xlsx_export (document, path, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  run_check_with (document, path, "--named", extra);
}

/*
 * What people type or paste: names a spreadsheet would take for formulas,
 * control characters, which break a file's XML, a text longer than a cell
 * holds, and Excel's own escapes typed as text. The workbook opens, and
 * shows each as typed, mended or cut with a mark.
 */
static void
test_tricky_text (Fixture       *fixture,
                  gconstpointer  data)
{
  static const char * const names[] = { "=1+1", "+33 6 12 34 56 78", "-5 partenaires", "@SOMME(A1:A3)",
                                        "Cloche\a et\001 échappe\033\r", "_x0041_ littéral" };
  const char *extra[] = { "--text", "=1+1", "--text", "+33 6 12 34 56 78", "--text", "-5 partenaires",
                          "--text", "@SOMME(A1:A3)", "--text", "Cloche et échappe", "--text", "_x0041_ littéral",
                          "--text", "=SOMME(1;2) vt", "--long", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = example_with_interview (fixture);
  g_autofree char *path = g_build_filename (fixture->dir, "saisies.xlsx", NULL);
  g_autoptr(GString) long_text = g_string_new (NULL);
  TissageXlsxExportOptions options;

  while (long_text->len < 40000)
    g_string_append (long_text, "Un très long compte rendu, collé tel quel. ");

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(TissageStakeholder) stakeholder =
        tissage_document_insert (document, TISSAGE_TYPE_STAKEHOLDER, &error,
                                 "name", names[i],
                                 "description", i == 0 ? long_text->str : "",
                                 NULL);
      g_assert_no_error (error);
    }

  /* The first indicator, which the summary charts: its title and unit name
   * the chart and its axis. */
  exec_sql (document,
            "UPDATE indicators SET title = '=SOMME(1;2)' || char (11) || ' vt', unit = '=u'"
            " WHERE id = (SELECT i.id FROM indicators i JOIN effects e ON e.id = i.effect_id"
            "             JOIN eval_questions q ON q.id = e.question_id JOIN stakes s ON s.id = q.stake_id"
            "             ORDER BY s.position, q.position, e.position, i.position LIMIT 1)");

  tissage_xlsx_export_options_init (&options);
  options.pseudonymise = FALSE;
  g_assert_true (tissage_xlsx_export (document, path, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  run_check_with (document, path, "--named", extra);
}

/* One period, some sheets: only those, and only that period's values. */
static void
test_options (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = tissage_document_create_example (fixture->file, &error);
  g_autofree char *path = g_build_filename (fixture->dir, "mesures-2024.xlsx", NULL);
  g_autoptr(TissagePeriod) period = g_list_model_get_item (tissage_document_get_records (document, TISSAGE_TYPE_PERIOD), 0);
  TissageXlsxExportOptions options;
  TissageXlsxStats all, one;

  tissage_xlsx_export_options_init (&options);
  options.sheets = TISSAGE_XLSX_SHEET_MEASURES;
  options.stats = &all;
  g_assert_true (tissage_xlsx_export (document, path, &options, NULL, NULL, NULL, &error));

  options.period_id = tissage_record_get_id (TISSAGE_RECORD (period));
  options.stats = &one;
  g_assert_true (tissage_xlsx_export (document, path, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (one.rows, >, 10);
  g_assert_cmpuint (one.rows, <, all.rows);

  /* A period that is gone is said so. */
  options.period_id = 999999;
  g_assert_false (tissage_xlsx_export (document, path, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, TISSAGE_XLSX_ERROR, TISSAGE_XLSX_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "période"));
}

/* Nothing in the project yet: every sheet, with its headers and no rows. */
static void
test_empty_project (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = tissage_document_create (fixture->file, &error);
  g_autofree char *path = g_build_filename (fixture->dir, "vide.xlsx", NULL);

  g_assert_no_error (error);
  g_assert_true (tissage_xlsx_export (document, path, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  run_check (document, path, "--empty");
}

static void
expect_refused (TissageDocument *document,
                const char      *dir,
                const char      *path,
                int              code,
                const char      *french)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = list_folder (dir);
  g_autofree char *after = NULL;

  g_assert_false (tissage_xlsx_export (document, path, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, TISSAGE_XLSX_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, french));

  after = list_folder (dir);
  g_assert_cmpstr (after, ==, before);
}

static void
test_bad_paths (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = tissage_document_create_example (fixture->file, &error);
  g_autofree char *folder = g_build_filename (fixture->dir, "Bilans", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "Absent", "bilan.xlsx", NULL);
  g_autofree char *open_elsewhere = g_build_filename (fixture->dir, "ouvert.xlsx", NULL);
  g_autofree char *lock = g_build_filename (fixture->dir, ".~lock.ouvert.xlsx#", NULL);
  g_autofree char *excel = g_build_filename (fixture->dir, "excel.xlsx", NULL);
  g_autofree char *excel_lock = g_build_filename (fixture->dir, "~$excel.xlsx", NULL);

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);

  expect_refused (document, fixture->dir, folder, TISSAGE_XLSX_ERROR_DESTINATION,
                  "«\u00a0" "Bilans\u00a0» est un dossier\u00a0: choisissez un nom de fichier");
  expect_refused (document, fixture->dir, missing, TISSAGE_XLSX_ERROR_DESTINATION,
                  "Le dossier «\u00a0");
  /* The missing folder is not made for it (a file in it never could be). */
  {
    g_autofree char *absent = g_path_get_dirname (missing);

    g_assert_false (g_file_test (absent, G_FILE_TEST_EXISTS));
  }

  /* LibreOffice keeps a lock file beside what it has open; the old file
   * stays as it was. */
  g_assert_true (g_file_set_contents (open_elsewhere, "ancien classeur", -1, NULL));
  g_assert_true (g_file_set_contents (lock, "Karim,karim-pc,/home/karim;22.11.2026 10:02;", -1, NULL));
  expect_refused (document, fixture->dir, open_elsewhere, TISSAGE_XLSX_ERROR_OPEN_ELSEWHERE,
                  "est ouvert dans un autre logiciel\u00a0: fermez-le");
  {
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (open_elsewhere, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "ancien classeur");
  }

  /* And Excel, on a shared drive. */
  g_assert_true (g_file_set_contents (excel_lock, "", -1, NULL));
  expect_refused (document, fixture->dir, excel, TISSAGE_XLSX_ERROR_OPEN_ELSEWHERE,
                  "est ouvert dans un autre logiciel");
  g_assert_false (g_file_test (excel, G_FILE_TEST_EXISTS));
}

static void
test_unwritable (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = tissage_document_create_example (fixture->file, &error);
  g_autofree char *folder = g_build_filename (fixture->dir, "Protégé", NULL);
  g_autofree char *path = g_build_filename (folder, "bilan.xlsx", NULL);
  g_autofree char *protected_file = g_build_filename (fixture->dir, "protégé.xlsx", NULL);

  if (getuid () == 0)
    {
      g_test_skip ("root may write anywhere");
      return;
    }

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (folder, 0555), ==, 0);
  expect_refused (document, folder, path, TISSAGE_XLSX_ERROR_DESTINATION,
                  "Vous ne pouvez pas écrire dans le dossier");
  g_chmod (folder, 0755);

  g_assert_true (g_file_set_contents (protected_file, "ancien", -1, NULL));
  g_chmod (protected_file, 0444);
  expect_refused (document, fixture->dir, protected_file, TISSAGE_XLSX_ERROR_DESTINATION,
                  "est protégé en écriture");
}

/* A link where the workbook goes is replaced by it; what it pointed to is
 * left as it was. */
static void
test_symlink (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = tissage_document_create_example (fixture->file, &error);
  g_autofree char *precious = g_build_filename (fixture->dir, "précieux.txt", NULL);
  g_autofree char *link = g_build_filename (fixture->dir, "bilan.xlsx", NULL);
  g_autofree char *contents = NULL;
  TissageXlsxExportOptions options;
  GStatBuf st;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (precious, "à garder", -1, NULL));
  g_assert_cmpint (symlink (precious, link), ==, 0);

  tissage_xlsx_export_options_init (&options);
  options.sheets = TISSAGE_XLSX_SHEET_FRAMEWORK;
  g_assert_true (tissage_xlsx_export (document, link, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (precious, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "à garder");
  g_assert_cmpint (g_lstat (link, &st), ==, 0);
  g_assert_true (S_ISREG (st.st_mode));
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (link, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "PK"));
}

/* The disk refuses the workbook part way through, as a full one would (a
 * limit on the size of files, in a process of its own): the old workbook
 * stays, a new one does not appear, nothing is left beside them. */
static void
test_write_failure (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = NULL;
  g_autofree char *old_path = g_build_filename (fixture->dir, "ancien.xlsx", NULL);
  g_autofree char *new_path = g_build_filename (fixture->dir, "nouveau.xlsx", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *contents = NULL;
  struct rlimit limit = { 8192, RLIM_INFINITY };

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  document = tissage_document_create_example (fixture->file, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (old_path, "ancien classeur", -1, NULL));
  before = list_folder (fixture->dir);

  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

  g_assert_false (tissage_xlsx_export (document, old_path, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, TISSAGE_XLSX_ERROR, TISSAGE_XLSX_ERROR_WRITE);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_false (tissage_xlsx_export (document, new_path, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, TISSAGE_XLSX_ERROR, TISSAGE_XLSX_ERROR_WRITE);

  limit.rlim_cur = RLIM_INFINITY;
  setrlimit (RLIMIT_FSIZE, &limit);

  after = list_folder (fixture->dir);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (g_file_get_contents (old_path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "ancien classeur");
}

typedef struct
{
  GCancellable *cancellable;
  double        at;
  guint         calls;
  double        last;
} Canceller;

static void
cancel_at (double   fraction,
           gpointer user_data)
{
  Canceller *canceller = user_data;

  g_assert_cmpfloat (fraction, >=, canceller->last);
  canceller->last = fraction;
  canceller->calls++;
  if (fraction >= canceller->at)
    g_cancellable_cancel (canceller->cancellable);
}

/* Cancelled early, or as the file is being packed: the old workbook stays
 * and nothing else is left. */
static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = example_with_interview (fixture);
  g_autofree char *path = g_build_filename (fixture->dir, "bilan.xlsx", NULL);
  const double moments[] = { 0.0, 0.01, TISSAGE_XLSX_WRITE_SHARE };

  g_assert_true (g_file_set_contents (path, "ancien classeur", -1, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (moments); i++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      Canceller canceller = { cancellable, moments[i], 0, 0 };
      g_autofree char *before = list_folder (fixture->dir);
      g_autofree char *after = NULL;
      g_autofree char *contents = NULL;

      if (moments[i] == 0.0)
        g_cancellable_cancel (cancellable);

      g_assert_false (tissage_xlsx_export (document, path, NULL, cancel_at, &canceller, cancellable, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);

      after = list_folder (fixture->dir);
      g_assert_cmpstr (after, ==, before);
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, "ancien classeur");
    }

  /* Not cancelled: it replaces the old one, and nothing else is there. */
  {
    g_autofree char *before = list_folder (fixture->dir);
    g_autofree char *after = NULL;
    g_autofree char *contents = NULL;
    Canceller canceller = { NULL, 2.0, 0, 0 };

    g_assert_true (tissage_xlsx_export (document, path, NULL, cancel_at, &canceller, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (canceller.calls, >=, 3);
    g_assert_cmpfloat (canceller.last, ==, 1.0);
    after = list_folder (fixture->dir);
    g_assert_cmpstr (after, ==, before);
    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    g_assert_true (g_str_has_prefix (contents, "PK"));
  }
}

typedef struct
{
  GMainLoop *loop;
  GThread   *thread;
  guint      progress;
  gboolean   done;
} AsyncState;

static void
on_progress (double   fraction,
             gpointer user_data)
{
  AsyncState *state = user_data;

  /* Told in the thread that asked. */
  g_assert_true (g_thread_self () == state->thread);
  g_assert_false (state->done);
  state->progress++;
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AsyncState *state = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (tissage_xlsx_export_finish (TISSAGE_DOCUMENT (source), result, &error));
  g_assert_no_error (error);
  state->done = TRUE;
  g_main_loop_quit (state->loop);
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = example_with_interview (fixture);
  g_autofree char *path = g_build_filename (fixture->dir, "en-arriere-plan.xlsx", NULL);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  AsyncState state = { loop, g_thread_self (), 0, FALSE };

  tissage_xlsx_export_async (document, path, NULL, on_progress, &state, NULL, on_exported, &state);
  g_main_loop_run (loop);

  g_assert_true (state.done);
  g_assert_cmpuint (state.progress, >=, 1);
  run_check (document, path, "--pseudonymised");
}

/*
 * The hand-made project's half-year, as a funder reads it in the
 * workbook: the same key figures as the core (and the Synthèse) give,
 * the interviews and quotes of the half-year only, a target of 0 reached,
 * Nord's own indicator at 61 for the collective, the collective's entered
 * 85 rather than the structures' mean, the value computed from the
 * interviews, and the rate of a delay that should fall.
 */
static void
test_same_figures (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = figures_project_create (fixture->file);
  g_autofree char *workbook = g_build_filename (fixture->dir, "semestre.xlsx", NULL);
  TissagePeriod *half = figures_project_find (document, TISSAGE_TYPE_PERIOD, FIGURES_HALF_YEAR);
  const char *rate = _("Rate of achievement");
  const char *achieved = _("Achieved");
  TissageXlsxExportOptions options;
  TissageFigures figures;
  g_autoptr(GPtrArray) argv = synthesis_reader (workbook);

  g_assert_true (tissage_document_compute_figures (document, half, NULL, &figures, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (figures.interviews, ==, 3);
  g_assert_cmpuint (figures.targets_reached, ==, 4);

  tissage_xlsx_export_options_init (&options);
  options.period_id = tissage_record_id (half);
  g_assert_true (tissage_xlsx_export (document, workbook, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

#define FIGURE(label, value) g_ptr_array_add (argv, g_strdup_printf ("%s=%u", label, value))
  FIGURE (_("Interviews"), figures.interviews);
  FIGURE (_("Interviews completed"), figures.interviews_done);
  FIGURE (_("Verbatims"), figures.verbatims);
  FIGURE (_("Indicators with a numeric target"), figures.with_target);
  FIGURE (_("Targets measured"), figures.targets_measured);
  FIGURE (_("Targets reached or exceeded"), figures.targets_reached);
  FIGURE (_("Member structures"), figures.structures);
#undef FIGURE
  g_ptr_array_add (argv, g_strdup_printf ("%s=0.8", _("Share of the measured targets reached")));
  g_ptr_array_add (argv, g_strdup_printf ("%s|%s=0", FIGURES_ZERO, achieved));
  g_ptr_array_add (argv, g_strdup_printf ("%s|%s=1", FIGURES_ZERO, rate));
  g_ptr_array_add (argv, g_strdup_printf ("%s|%s=61", FIGURES_SCOPED, achieved));
  g_ptr_array_add (argv, g_strdup_printf ("%s|%s=85", FIGURES_MEAN, achieved));
  g_ptr_array_add (argv, g_strdup_printf ("%s|%s=4.5", FIGURES_COMPUTED, achieved));
  g_ptr_array_add (argv, g_strdup_printf ("%s|%s=40", FIGURES_DOWN, achieved));
  {
    char third[G_ASCII_DTOSTR_BUF_SIZE];

    /* From 45 days to 30: at 40, a third of the way. */
    g_ptr_array_add (argv, g_strdup_printf ("%s|%s=%s", FIGURES_DOWN, rate,
                                            g_ascii_dtostr (third, sizeof third, 1.0 / 3)));
  }
  run_reader (argv);
}

/*
 * The example's half-year, where many counts fall behind their baseline
 * (625 people met from 800 towards 1 200): no rate of achievement below
 * 0 in the summary or the measures, each the core's for the same
 * indicator, and a value gone back said so beside its 0 %.
 */
static void
test_rates (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = tissage_document_create_example (fixture->file, &error);
  g_autofree char *workbook = g_build_filename (fixture->dir, "taux.xlsx", NULL);
  g_autoptr(GPtrArray) argv = synthesis_reader (workbook);
  g_autoptr(GPtrArray) measures = g_ptr_array_new_with_free_func (g_free);
  const char *rate = _("Rate of achievement");
  GListModel *indicators;
  TissagePeriod *half;
  TissageXlsxExportOptions options;
  guint compared = 0, went_back = 0;

  g_assert_no_error (error);
  half = figures_project_find (document, TISSAGE_TYPE_PERIOD, "1er semestre 2026");
  tissage_xlsx_export_options_init (&options);
  options.period_id = tissage_record_id (half);
  g_assert_true (tissage_xlsx_export (document, workbook, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  g_ptr_array_add (argv, g_strdup_printf ("*|%s>=0", rate));
  indicators = tissage_document_get_records (document, TISSAGE_TYPE_INDICATOR);
  for (guint i = 0; i < g_list_model_get_n_items (indicators); i++)
    {
      g_autoptr(TissageIndicator) indicator = g_list_model_get_item (indicators, i);
      double target = tissage_document_get_target_for_period (document, indicator, half);
      double baseline = NAN;
      TissageCountedValue counted;
      TissageAchievement achievement;
      char number[G_ASCII_DTOSTR_BUF_SIZE];

      if (tissage_indicator_get_nature (indicator) != TISSAGE_NATURE_QUANTITATIVE || isnan (target) ||
          !tissage_document_get_counted_value (document, indicator, half, NULL, &counted))
        continue;
      g_object_get (indicator, "baseline", &baseline, NULL);
      achievement = tissage_indicator_achievement (counted.value, baseline, target,
                                                   tissage_indicator_get_direction (indicator));
      g_ptr_array_add (argv, g_strdup_printf ("%s|%s=%s", tissage_indicator_get_title (indicator), rate,
                                              g_ascii_dtostr (number, sizeof number, achievement.rate)));
      compared++;
      if (achievement.went_back)
        {
          g_autofree char *where = g_strdup_printf ("%s&%s&%s", tissage_indicator_get_title (indicator),
                                                    tissage_period_get_label (half), _("Whole collective"));

          /* The workbook is in French here: "En recul par rapport à…". */
          g_ptr_array_add (measures, g_strdup_printf ("%s|%s~%s", where, _("Comment"), "recul"));
          went_back++;
        }
    }
  /* The figures the new user read: −44 % and −200 % before. */
  g_assert_cmpfloat (tissage_indicator_achievement (625, 800, 1200, TISSAGE_DIRECTION_UP).rate, ==, 0);
  g_assert_cmpuint (compared, >=, 40);
  g_assert_cmpuint (went_back, >=, 3);
  g_test_message ("%u rates compared, %u gone back", compared, went_back);

  /* Then the sheet of the measures. */
  g_ptr_array_add (argv, g_strdup_printf ("--sheet=%s", tissage_xlsx_sheet_get_title (TISSAGE_XLSX_SHEET_MEASURES)));
  g_ptr_array_add (argv, g_strdup_printf ("*|%s>=0", rate));
  for (guint i = 0; i < measures->len; i++)
    g_ptr_array_add (argv, g_strdup (g_ptr_array_index (measures, i)));
  run_reader (argv);
}

/* A half-year given a target of its own: the workbook measures it against
 * that, as the screen and the core figures do. */
static void
test_period_target (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = figures_project_create (fixture->file);
  g_autofree char *workbook = g_build_filename (fixture->dir, "cibles.xlsx", NULL);
  TissagePeriod *half = figures_project_find (document, TISSAGE_TYPE_PERIOD, FIGURES_HALF_YEAR);
  TissageIndicator *mean = figures_project_find (document, TISSAGE_TYPE_INDICATOR, FIGURES_MEAN);
  const char *rate = _("Rate of achievement");
  const char *target = _("Target");
  g_autoptr(GPtrArray) argv = synthesis_reader (workbook);
  TissageXlsxExportOptions options;
  TissageFigures figures;

  g_assert_true (tissage_document_set_period_target (document, mean, half, "100", &error));
  g_assert_no_error (error);
  g_assert_true (tissage_document_compute_figures (document, half, NULL, &figures, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (figures.targets_reached, ==, 3);

  tissage_xlsx_export_options_init (&options);
  options.period_id = tissage_record_id (half);
  g_assert_true (tissage_xlsx_export (document, workbook, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  g_ptr_array_add (argv, g_strdup_printf ("%s=%u", _("Targets reached or exceeded"), figures.targets_reached));
  g_ptr_array_add (argv, g_strdup_printf ("%s|%s=100", FIGURES_MEAN, target));
  g_ptr_array_add (argv, g_strdup_printf ("%s|%s=0.85", FIGURES_MEAN, rate));
  /* The others keep the indicator's own. */
  g_ptr_array_add (argv, g_strdup_printf ("%s|%s=60", FIGURES_SCOPED, target));
  run_reader (argv);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("TISSAGE_LOCALEDIR");

  /* In French, as the funders read it, and with a decimal comma. */
  g_setenv ("LANGUAGE", "fr", TRUE);
  if (setlocale (LC_ALL, "fr_FR.UTF-8") == NULL)
    g_error ("The fr_FR.UTF-8 locale is needed (.ci/setup makes it)");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/export/read-back", test_read_back);
  ADD ("/export/same-figures", test_same_figures);
  ADD ("/export/period-target", test_period_target);
  ADD ("/export/rates", test_rates);
  ADD ("/export/options", test_options);
  ADD ("/export/tricky-text", test_tricky_text);
  ADD ("/export/guides", test_guides);
  ADD ("/export/empty-project", test_empty_project);
  ADD ("/export/bad-paths", test_bad_paths);
  ADD ("/export/unwritable", test_unwritable);
  ADD ("/export/cancel", test_cancel);
  ADD ("/export/symlink", test_symlink);
  ADD ("/export/write-failure", test_write_failure);
  ADD ("/export/async", test_async);
#undef ADD

  return g_test_run ();
}

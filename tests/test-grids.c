/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "tissage-document-private.h"
#include "tissage-interviews.h"
#include "tissage-test-utils.h"

static TissageGrid *
new_grid (TissageDocument *document)
{
  g_autoptr(GError) error = NULL;
  TissageGrid *grid = tissage_document_insert (document, TISSAGE_TYPE_GRID, &error,
                                               "title", "Grille des employeurs", NULL);

  g_assert_no_error (error);
  return grid;
}

static TissageGridQuestion *
new_question (TissageDocument *document,
              TissageGrid     *grid,
              gint64           section_id,
              int              kind,
              const char      *text)
{
  g_autoptr(GError) error = NULL;
  TissageGridQuestion *question =
    tissage_document_insert (document, TISSAGE_TYPE_GRID_QUESTION, &error,
                             "grid-id", tissage_record_get_id (TISSAGE_RECORD (grid)),
                             "section-id", section_id, "kind", kind, "text", text, NULL);

  g_assert_no_error (error);
  return question;
}

/* Choices are compared as users read them: case and spaces aside. */
static void
test_duplicate_choices (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = tissage_document_create (fixture->file, &error);
  g_autoptr(TissageGrid) grid = new_grid (document);
  g_autoptr(TissageGridQuestion) question = new_question (document, grid, 0, TISSAGE_QUESTION_SINGLE,
                                                          "Comment avez-vous connu le collectif ?");
  g_auto(GStrv) choices = NULL;

  g_assert_true (tissage_document_set (document, question, &error, "choices",
                                       "Bouche à oreille\n\n  Pôle emploi \nSalon", NULL));
  g_assert_no_error (error);
  choices = tissage_grid_question_dup_choices (question);
  g_assert_cmpuint (g_strv_length (choices), ==, 3);
  g_assert_cmpstr (choices[1], ==, "Pôle emploi");

  g_assert_false (tissage_document_set (document, question, &error, "choices",
                                        "Bouche à oreille\nPôle emploi\nbouche à oreille ", NULL));
  g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "bouche à oreille"));
  g_clear_error (&error);
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM grid_questions WHERE choices LIKE '%Salon'"), ==, 1);

  /* An open question keeps no list to check. */
  g_assert_true (tissage_document_set (document, question, &error, "kind", TISSAGE_QUESTION_OPEN,
                                       "choices", "A\nA", NULL));
  g_assert_no_error (error);
  /* Turned back into a choice question, the duplicate is refused. */
  g_assert_false (tissage_document_set (document, question, &error, "kind", TISSAGE_QUESTION_MULTIPLE, NULL));
  g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE);
}

/* A question with answers is retired and keeps them; one without is deleted. */
static void
test_remove_question (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = tissage_document_create (fixture->file, &error);
  g_autoptr(TissageGrid) grid = new_grid (document);
  g_autoptr(TissageGridQuestion) asked = new_question (document, grid, 0, TISSAGE_QUESTION_SCALE,
                                                       "Êtes-vous satisfait du recrutement ?");
  g_autoptr(TissageGridQuestion) unused = new_question (document, grid, 0, TISSAGE_QUESTION_OPEN,
                                                        "Autre chose ?");
  g_autoptr(TissageInterview) interview = NULL;
  gint64 unused_id = tissage_record_get_id (TISSAGE_RECORD (unused));
  gboolean retired = TRUE;

  interview = tissage_document_insert (document, TISSAGE_TYPE_INTERVIEW, &error,
                                       "grid-id", tissage_record_get_id (TISSAGE_RECORD (grid)),
                                       "pseudonym", "Employeur A", NULL);
  g_assert_no_error (error);
  g_assert_true (tissage_document_set_answer (document, interview, asked, "4", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (tissage_document_count_answers (document, asked), ==, 1);
  g_assert_cmpuint (tissage_document_count_answers (document, unused), ==, 0);

  g_assert_true (tissage_document_remove_question (document, unused, &retired, &error));
  g_assert_no_error (error);
  g_assert_false (retired);
  g_assert_null (tissage_document_lookup (document, TISSAGE_TYPE_GRID_QUESTION, unused_id));
  g_assert_true (tissage_document_undo (document, &error));
  g_assert_nonnull (tissage_document_lookup (document, TISSAGE_TYPE_GRID_QUESTION, unused_id));

  g_assert_true (tissage_document_remove_question (document, asked, &retired, &error));
  g_assert_no_error (error);
  g_assert_true (retired);
  g_assert_true (tissage_grid_question_get_retired (asked));
  g_assert_cmpuint (tissage_document_count_answers (document, asked), ==, 1);
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM answers WHERE number = 4"), ==, 1);

  /* Erasing it outright is refused by the file itself. */
  g_assert_false (tissage_document_delete (document, asked, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_true (tissage_document_undo (document, &error));
  g_assert_false (tissage_grid_question_get_retired (asked));
}

static void
on_row_changed (TissageDocument *document,
                const char      *table,
                gint64           id,
                GArray          *changed)
{
  if (g_str_equal (table, "grid_questions"))
    g_array_append_val (changed, id);
}

/* Deleting a section leaves its questions outside any section, and says so. */
static void
test_delete_section (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = tissage_document_create (fixture->file, &error);
  g_autoptr(TissageGrid) grid = new_grid (document);
  g_autoptr(TissageGridSection) section = NULL;
  g_autoptr(TissageGridQuestion) question = NULL;
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 section_id;

  section = tissage_document_insert (document, TISSAGE_TYPE_GRID_SECTION, &error,
                                     "grid-id", tissage_record_get_id (TISSAGE_RECORD (grid)),
                                     "title", "Le recrutement", NULL);
  g_assert_no_error (error);
  section_id = tissage_record_get_id (TISSAGE_RECORD (section));
  question = new_question (document, grid, section_id, TISSAGE_QUESTION_YES_NO, "Avez-vous recruté ?");

  g_signal_connect (document, "row-changed", G_CALLBACK (on_row_changed), changed);
  g_assert_true (tissage_document_delete (document, section, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tissage_grid_question_get_section_id (question), ==, 0);
  g_assert_cmpuint (changed->len, ==, 1);
  g_assert_cmpint (g_array_index (changed, gint64, 0), ==, tissage_record_get_id (TISSAGE_RECORD (question)));

  g_assert_true (tissage_document_undo (document, &error));
  g_assert_cmpint (tissage_grid_question_get_section_id (question), ==, section_id);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/grids/duplicate-choices", test_duplicate_choices);
  ADD ("/grids/remove-question", test_remove_question);
  ADD ("/grids/delete-section", test_delete_section);

  return g_test_run ();
}

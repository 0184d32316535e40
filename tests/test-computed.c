/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#include "config.h"

#include <locale.h>
#include <math.h>

#include "tissage-interviews.h"
#include "tissage-referentiel.h"
#include "tissage-test-utils.h"

/*
 * Indicator values computed from interviews, on a project built through the
 * API: two structures, two periods, one guide whose closed questions inform
 * indicators, and interviews dated in each period, undated or outside them.
 */
typedef struct {
  TissageDocument     *document;
  TissageStructure    *north;
  TissageStructure    *south;
  TissagePeriod       *year_2024;
  TissagePeriod       *year_2025;
  TissageGrid         *grid;
  TissageGridQuestion *scale;
  TissageGridQuestion *yes_no;
  TissageGridQuestion *choice;
  TissageGridQuestion *number;
  TissageGridQuestion *open;
  gint64               satisfied;   /* % of 4–5 on the scale */
  gint64               score;       /* mean of the scale */
  gint64               employed;    /* % of "oui" */
  gint64               outcome;     /* % of the first choice */
  gint64               hours;       /* mean of a number */
  gint64               told;        /* only an open question */
  TissageInterview    *interviews[7];
} Project;

static TissageGridQuestion *
add_question (Project             *project,
              TissageQuestionKind  kind,
              const char          *text,
              const char          *choices)
{
  g_autoptr(GError) error = NULL;
  TissageGridQuestion *question = tissage_document_insert (project->document, TISSAGE_TYPE_GRID_QUESTION, &error,
                                                           "grid-id", tissage_record_id (project->grid),
                                                           "kind", (int) kind,
                                                           "text", text,
                                                           "choices", choices ? choices : "",
                                                           NULL);

  g_assert_no_error (error);
  return question;
}

static gint64
add_indicator (Project    *project,
               gpointer    effect,
               const char *title,
               const char *unit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageIndicator) indicator = tissage_document_insert (project->document, TISSAGE_TYPE_INDICATOR, &error,
                                                                   "effect-id", tissage_record_id (effect),
                                                                   "title", title,
                                                                   "unit", unit,
                                                                   NULL);

  g_assert_no_error (error);
  return tissage_record_id (indicator);
}

static void
link_question (Project             *project,
               TissageGridQuestion *question,
               gint64               indicator_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageQuestionIndicator) link = tissage_document_insert (project->document, TISSAGE_TYPE_QUESTION_INDICATOR, &error,
                                                                      "question-id", tissage_record_id (question),
                                                                      "indicator-id", indicator_id,
                                                                      NULL);

  g_assert_no_error (error);
}

static TissageInterview *
add_interview (Project          *project,
               TissageStructure *structure,
               const char       *date,
               const char       *scale,
               const char       *yes_no,
               const char       *choice,
               const char       *number)
{
  g_autoptr(GError) error = NULL;
  TissageInterview *interview = tissage_document_insert (project->document, TISSAGE_TYPE_INTERVIEW, &error,
                                                         "grid-id", tissage_record_id (project->grid),
                                                         "structure-id", tissage_record_id (structure),
                                                         "pseudonym", "Personne",
                                                         "date", date,
                                                         NULL);
  struct { TissageGridQuestion *question; const char *input; } answers[] = {
    { project->scale, scale }, { project->yes_no, yes_no }, { project->choice, choice },
    { project->number, number },
  };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    if (answers[i].input != NULL)
      {
        g_assert_true (tissage_document_set_answer (project->document, interview, answers[i].question,
                                                    answers[i].input, &error));
        g_assert_no_error (error);
      }

  return interview;
}

static void
project_setup (Project *project,
               GFile   *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageStake) stake = NULL;
  g_autoptr(TissageEvalQuestion) question = NULL;
  g_autoptr(TissageEffect) effect = NULL;

  project->document = tissage_document_create (file, &error);
  g_assert_no_error (error);

  project->north = tissage_document_insert (project->document, TISSAGE_TYPE_STRUCTURE, &error, "name", "Mission locale Nord", NULL);
  project->south = tissage_document_insert (project->document, TISSAGE_TYPE_STRUCTURE, &error, "name", "Régie de quartier Sud", NULL);
  project->year_2024 = tissage_document_insert (project->document, TISSAGE_TYPE_PERIOD, &error, "label", "2024",
                                                "start-date", "2024-01-01", "end-date", "2024-12-31", "position", 0, NULL);
  project->year_2025 = tissage_document_insert (project->document, TISSAGE_TYPE_PERIOD, &error, "label", "2025",
                                                "start-date", "2025-01-01", "end-date", "2025-12-31", "position", 1, NULL);
  stake = tissage_document_insert (project->document, TISSAGE_TYPE_STAKE, &error, "title", "Emploi", NULL);
  question = tissage_document_insert (project->document, TISSAGE_TYPE_EVAL_QUESTION, &error,
                                      "stake-id", tissage_record_id (stake), "title", "Les personnes trouvent-elles un emploi ?", NULL);
  effect = tissage_document_insert (project->document, TISSAGE_TYPE_EFFECT, &error,
                                    "question-id", tissage_record_id (question), "title", "Retour à l'emploi", NULL);
  project->grid = tissage_document_insert (project->document, TISSAGE_TYPE_GRID, &error, "title", "Suivi des bénéficiaires", NULL);
  g_assert_no_error (error);

  project->scale = add_question (project, TISSAGE_QUESTION_SCALE, "Êtes-vous satisfait de l'accompagnement ?", NULL);
  project->yes_no = add_question (project, TISSAGE_QUESTION_YES_NO, "Avez-vous un emploi ?", NULL);
  project->choice = add_question (project, TISSAGE_QUESTION_SINGLE, "Votre situation",
                                  "Emploi\nFormation\nSans solution");
  project->number = add_question (project, TISSAGE_QUESTION_NUMBER, "Heures d'accompagnement", NULL);
  project->open = add_question (project, TISSAGE_QUESTION_OPEN, "Racontez", NULL);

  project->satisfied = add_indicator (project, effect, "Part de personnes satisfaites", "%");
  project->score = add_indicator (project, effect, "Note de satisfaction", "sur 5");
  project->employed = add_indicator (project, effect, "Part de personnes en emploi", "%");
  project->outcome = add_indicator (project, effect, "Part de sorties en emploi", "%");
  project->hours = add_indicator (project, effect, "Heures d'accompagnement", "heures");
  project->told = add_indicator (project, effect, "Récits recueillis", "");

  link_question (project, project->scale, project->satisfied);
  link_question (project, project->scale, project->score);
  link_question (project, project->yes_no, project->employed);
  link_question (project, project->choice, project->outcome);
  link_question (project, project->number, project->hours);
  link_question (project, project->open, project->told);
  link_question (project, project->open, project->hours);

  project->interviews[0] = add_interview (project, project->north, "2024-03-10", "5", "oui", "Emploi", "10");
  project->interviews[1] = add_interview (project, project->north, "2024-06-01", "3", "non", "Formation", "20");
  project->interviews[2] = add_interview (project, project->south, "2024-09-15", "4", "oui", "Emploi", "30");
  project->interviews[3] = add_interview (project, project->south, "2025-02-01", "2", "non", "Sans solution", "5");
  /* Undated, outside every period: they count nowhere. */
  project->interviews[4] = add_interview (project, project->north, "", "1", "non", "Sans solution", "100");
  project->interviews[5] = add_interview (project, project->south, "2023-05-05", "1", "non", "Sans solution", "100");
  /* Held by no structure: the collective only. */
  project->interviews[6] = add_interview (project, NULL, "2024-11-11", NULL, "oui", NULL, NULL);

  /* An open answer, even one that reads as a number, gives no value. */
  g_assert_true (tissage_document_set_answer (project->document, project->interviews[0], project->open, "12", &error));
  g_assert_true (tissage_document_set_answer (project->document, project->interviews[1], project->open,
                                              "Très bien suivie, 5 sur 5", &error));
  g_assert_no_error (error);
}

static void
project_teardown (Project *project)
{
  for (guint i = 0; i < G_N_ELEMENTS (project->interviews); i++)
    g_clear_object (&project->interviews[i]);
  g_clear_object (&project->scale);
  g_clear_object (&project->yes_no);
  g_clear_object (&project->choice);
  g_clear_object (&project->number);
  g_clear_object (&project->open);
  g_clear_object (&project->grid);
  g_clear_object (&project->year_2024);
  g_clear_object (&project->year_2025);
  g_clear_object (&project->north);
  g_clear_object (&project->south);
  /* Nothing else keeps the document alive once its records are let go. */
  if (project->document != NULL)
    g_assert_finalize_object (g_steal_pointer (&project->document));
}

/* Checks one cell, computed alone and among all the values. */
static void
assert_value (Project             *project,
              GPtrArray           *all,
              gint64               indicator_id,
              TissagePeriod       *period,
              TissageStructure    *structure,
              TissageComputedKind  kind,
              double               expected,
              guint                n_answers,
              guint                n_interviews,
              const char          *distribution)
{
  g_autoptr(TissageComputedValue) value = tissage_document_compute_indicator_value (project->document, indicator_id,
                                                                                    tissage_record_id (period), tissage_record_id (structure));
  TissageComputedValue *listed = NULL;

  g_assert_nonnull (value);
  g_assert_cmpint (value->indicator_id, ==, indicator_id);
  g_assert_cmpint (value->period_id, ==, tissage_record_id (period));
  g_assert_cmpint (value->structure_id, ==, tissage_record_id (structure));
  g_assert_cmpint (value->kind, ==, kind);
  g_assert_cmpfloat_with_epsilon (value->value, expected, 1e-9);
  g_assert_cmpuint (value->n_answers, ==, n_answers);
  g_assert_cmpuint (value->n_interviews, ==, n_interviews);
  g_assert_cmpstr (value->distribution, ==, distribution);

  for (guint i = 0; i < all->len; i++)
    {
      TissageComputedValue *candidate = g_ptr_array_index (all, i);

      if (candidate->indicator_id == indicator_id && candidate->period_id == tissage_record_id (period) &&
          candidate->structure_id == tissage_record_id (structure))
        {
          g_assert_null (listed);
          listed = candidate;
        }
    }
  g_assert_nonnull (listed);
  g_assert_cmpfloat_with_epsilon (listed->value, expected, 1e-9);
  g_assert_cmpuint (listed->n_answers, ==, n_answers);
  g_assert_cmpstr (listed->distribution, ==, distribution);
}

static void
assert_no_value (Project          *project,
                 gint64            indicator_id,
                 TissagePeriod    *period,
                 TissageStructure *structure)
{
  g_autoptr(TissageComputedValue) value = tissage_document_compute_indicator_value (project->document, indicator_id,
                                                                                    tissage_record_id (period), tissage_record_id (structure));

  g_assert_null (value);
}

static void
test_aggregation (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  Project project = { 0, };

  project_setup (&project, fixture->file);
  all = tissage_document_compute_indicator_values (project.document, &error);
  g_assert_no_error (error);

  /* A scale counted in %: the share of 4 and 5. */
  assert_value (&project, all, project.satisfied, project.year_2024, NULL,
                TISSAGE_COMPUTED_SHARE, 200.0 / 3, 3, 3, "1: 0 ; 2: 0 ; 3: 1 ; 4: 1 ; 5: 1");
  assert_value (&project, all, project.satisfied, project.year_2024, project.north,
                TISSAGE_COMPUTED_SHARE, 50.0, 2, 2, "1: 0 ; 2: 0 ; 3: 1 ; 4: 0 ; 5: 1");
  assert_value (&project, all, project.satisfied, project.year_2024, project.south,
                TISSAGE_COMPUTED_SHARE, 100.0, 1, 1, "1: 0 ; 2: 0 ; 3: 0 ; 4: 1 ; 5: 0");
  assert_value (&project, all, project.satisfied, project.year_2025, NULL,
                TISSAGE_COMPUTED_SHARE, 0.0, 1, 1, "1: 0 ; 2: 1 ; 3: 0 ; 4: 0 ; 5: 0");
  assert_no_value (&project, project.satisfied, project.year_2025, project.north);

  /* The same scale, not in %: its mean. */
  assert_value (&project, all, project.score, project.year_2024, NULL,
                TISSAGE_COMPUTED_MEAN, 4.0, 3, 3, "1: 0 ; 2: 0 ; 3: 1 ; 4: 1 ; 5: 1");
  assert_value (&project, all, project.score, project.year_2024, project.north,
                TISSAGE_COMPUTED_MEAN, 4.0, 2, 2, "1: 0 ; 2: 0 ; 3: 1 ; 4: 0 ; 5: 1");
  assert_value (&project, all, project.score, project.year_2025, project.south,
                TISSAGE_COMPUTED_MEAN, 2.0, 1, 1, "1: 0 ; 2: 1 ; 3: 0 ; 4: 0 ; 5: 0");

  /* Yes or no: the share of yes; the interview held by no structure
   * counts for the collective only. */
  assert_value (&project, all, project.employed, project.year_2024, NULL,
                TISSAGE_COMPUTED_SHARE, 75.0, 4, 4, "Yes: 3 ; No: 1");
  assert_value (&project, all, project.employed, project.year_2024, project.north,
                TISSAGE_COMPUTED_SHARE, 50.0, 2, 2, "Yes: 1 ; No: 1");
  assert_value (&project, all, project.employed, project.year_2024, project.south,
                TISSAGE_COMPUTED_SHARE, 100.0, 1, 1, "Yes: 1 ; No: 0");
  assert_value (&project, all, project.employed, project.year_2025, project.south,
                TISSAGE_COMPUTED_SHARE, 0.0, 1, 1, "Yes: 0 ; No: 1");

  /* One choice: the share of the first, every choice counted. */
  assert_value (&project, all, project.outcome, project.year_2024, NULL,
                TISSAGE_COMPUTED_SHARE, 200.0 / 3, 3, 3, "Emploi: 2 ; Formation: 1 ; Sans solution: 0");
  assert_value (&project, all, project.outcome, project.year_2024, project.north,
                TISSAGE_COMPUTED_SHARE, 50.0, 2, 2, "Emploi: 1 ; Formation: 1 ; Sans solution: 0");
  assert_value (&project, all, project.outcome, project.year_2025, NULL,
                TISSAGE_COMPUTED_SHARE, 0.0, 1, 1, "Emploi: 0 ; Formation: 0 ; Sans solution: 1");

  /* A number: its mean, no distribution; the open question linked to the
   * same indicator adds nothing. */
  assert_value (&project, all, project.hours, project.year_2024, NULL,
                TISSAGE_COMPUTED_MEAN, 20.0, 3, 3, NULL);
  assert_value (&project, all, project.hours, project.year_2024, project.north,
                TISSAGE_COMPUTED_MEAN, 15.0, 2, 2, NULL);
  assert_value (&project, all, project.hours, project.year_2024, project.south,
                TISSAGE_COMPUTED_MEAN, 30.0, 1, 1, NULL);
  assert_value (&project, all, project.hours, project.year_2025, NULL,
                TISSAGE_COMPUTED_MEAN, 5.0, 1, 1, NULL);

  /* An indicator informed by an open question only has no computed value. */
  assert_no_value (&project, project.told, project.year_2024, NULL);
  for (guint i = 0; i < all->len; i++)
    g_assert_cmpint (((TissageComputedValue *) g_ptr_array_index (all, i))->indicator_id, !=, project.told);

  /* Every cell once: 2024 (collective, north, south) and 2025 (collective,
   * south) for the four indicators of the scale, the choice and the number;
   * the same for yes/no. */
  g_assert_cmpuint (all->len, ==, 5 * 5);

  /* One indicator's values are the same as among all of them. */
  {
    g_autoptr(GPtrArray) one = tissage_document_compute_values_of_indicator (project.document, project.employed, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (one->len, ==, 5);
    for (guint i = 0; i < one->len; i++)
      g_assert_cmpint (((TissageComputedValue *) g_ptr_array_index (one, i))->indicator_id, ==, project.employed);
  }

  project_teardown (&project);
}

static void
test_follows_answers (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  Project project = { 0, };

  project_setup (&project, fixture->file);

  /* The 3 of the second interview becomes a 5. */
  g_assert_true (tissage_document_set_answer (project.document, project.interviews[1], project.scale, "5", &error));
  g_assert_no_error (error);
  all = tissage_document_compute_indicator_values (project.document, &error);
  g_assert_no_error (error);
  assert_value (&project, all, project.satisfied, project.year_2024, NULL,
                TISSAGE_COMPUTED_SHARE, 100.0, 3, 3, "1: 0 ; 2: 0 ; 3: 0 ; 4: 1 ; 5: 2");
  assert_value (&project, all, project.score, project.year_2024, project.north,
                TISSAGE_COMPUTED_MEAN, 5.0, 2, 2, "1: 0 ; 2: 0 ; 3: 0 ; 4: 0 ; 5: 2");
  g_clear_pointer (&all, g_ptr_array_unref);

  /* Cleared, it no longer counts; dating the undated interview in 2024
   * brings its answers in. */
  g_assert_true (tissage_document_set_answer (project.document, project.interviews[1], project.number, "", &error));
  g_assert_true (tissage_document_set (project.document, project.interviews[4], &error, "date", "2024-12-31", NULL));
  g_assert_no_error (error);
  all = tissage_document_compute_indicator_values (project.document, &error);
  g_assert_no_error (error);
  assert_value (&project, all, project.hours, project.year_2024, project.north,
                TISSAGE_COMPUTED_MEAN, 55.0, 2, 2, NULL);
  assert_value (&project, all, project.employed, project.year_2024, NULL,
                TISSAGE_COMPUTED_SHARE, 60.0, 5, 5, "Yes: 3 ; No: 2");
  g_clear_pointer (&all, g_ptr_array_unref);

  /* Undone, the answer is back in the mean. */
  g_assert_true (tissage_document_undo (project.document, &error));
  g_assert_true (tissage_document_undo (project.document, &error));
  g_assert_no_error (error);
  all = tissage_document_compute_indicator_values (project.document, &error);
  assert_value (&project, all, project.hours, project.year_2024, project.north,
                TISSAGE_COMPUTED_MEAN, 15.0, 2, 2, NULL);

  project_teardown (&project);
}

/* An indicator of one structure: its values, the collective's included,
 * come from that structure's interviews only. */
static void
test_scoped_indicator (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(TissageIndicator) employed = NULL;
  Project project = { 0, };

  project_setup (&project, fixture->file);
  employed = tissage_document_fetch (project.document, TISSAGE_TYPE_INDICATOR, project.employed);
  g_assert_true (tissage_document_set (project.document, employed, &error,
                                       "scope-structure-id", tissage_record_id (project.north), NULL));
  g_assert_no_error (error);

  all = tissage_document_compute_indicator_values (project.document, &error);
  g_assert_no_error (error);
  /* North's two interviews of 2024, not the four of the collective (75 %). */
  assert_value (&project, all, project.employed, project.year_2024, NULL,
                TISSAGE_COMPUTED_SHARE, 50.0, 2, 2, "Yes: 1 ; No: 1");
  assert_value (&project, all, project.employed, project.year_2024, project.north,
                TISSAGE_COMPUTED_SHARE, 50.0, 2, 2, "Yes: 1 ; No: 1");
  assert_no_value (&project, project.employed, project.year_2024, project.south);
  assert_no_value (&project, project.employed, project.year_2025, NULL);
  /* The others still count every structure. */
  assert_value (&project, all, project.hours, project.year_2024, NULL,
                TISSAGE_COMPUTED_MEAN, 20.0, 3, 3, NULL);

  project_teardown (&project);
}

/* A half-year within the year: an interview of its first months counts in
 * both; and each indicator computed alone, as the grid of values asks for
 * it, gives the values it has among all of them. */
static void
test_overlapping_periods (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(TissagePeriod) half = NULL;
  gint64 indicators[6];
  Project project = { 0, };

  project_setup (&project, fixture->file);
  half = tissage_document_insert (project.document, TISSAGE_TYPE_PERIOD, &error, "label", "1er semestre 2024",
                                  "start-date", "2024-01-01", "end-date", "2024-06-30", "position", 2, NULL);
  g_assert_no_error (error);

  all = tissage_document_compute_indicator_values (project.document, &error);
  g_assert_no_error (error);
  assert_value (&project, all, project.employed, half, NULL,
                TISSAGE_COMPUTED_SHARE, 50.0, 2, 2, "Yes: 1 ; No: 1");
  assert_value (&project, all, project.employed, project.year_2024, NULL,
                TISSAGE_COMPUTED_SHARE, 75.0, 4, 4, "Yes: 3 ; No: 1");
  assert_value (&project, all, project.score, half, project.north,
                TISSAGE_COMPUTED_MEAN, 4.0, 2, 2, "1: 0 ; 2: 0 ; 3: 1 ; 4: 0 ; 5: 1");
  /* The cells of 2024 again, for the half-year: north and the collective. */
  g_assert_cmpuint (all->len, ==, 5 * 5 + 5 * 2);

  indicators[0] = project.satisfied;
  indicators[1] = project.score;
  indicators[2] = project.employed;
  indicators[3] = project.outcome;
  indicators[4] = project.hours;
  indicators[5] = project.told;
  for (guint k = 0; k < G_N_ELEMENTS (indicators); k++)
    {
      g_autoptr(GPtrArray) one = tissage_document_compute_values_of_indicator (project.document, indicators[k], &error);
      guint n_among_all = 0;

      g_assert_no_error (error);
      for (guint i = 0; i < all->len; i++)
        n_among_all += ((TissageComputedValue *) g_ptr_array_index (all, i))->indicator_id == indicators[k];
      g_assert_cmpuint (one->len, ==, n_among_all);
      for (guint i = 0; i < one->len; i++)
        {
          TissageComputedValue *alone = g_ptr_array_index (one, i);
          TissageComputedValue *among = NULL;

          for (guint j = 0; j < all->len && among == NULL; j++)
            {
              TissageComputedValue *candidate = g_ptr_array_index (all, j);

              if (candidate->indicator_id == alone->indicator_id && candidate->period_id == alone->period_id &&
                  candidate->structure_id == alone->structure_id)
                among = candidate;
            }
          g_assert_nonnull (among);
          g_assert_cmpint (alone->kind, ==, among->kind);
          g_assert_cmpfloat_with_epsilon (alone->value, among->value, 1e-9);
          g_assert_cmpuint (alone->n_answers, ==, among->n_answers);
          g_assert_cmpuint (alone->n_interviews, ==, among->n_interviews);
          g_assert_cmpstr (alone->distribution, ==, among->distribution);
        }
    }

  project_teardown (&project);
}

int
main (int   argc,
      char *argv[])
{
  /* The distributions are read in the untranslated labels. */
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/computed/aggregation", test_aggregation);
  ADD ("/computed/follows-answers", test_follows_answers);
  ADD ("/computed/scoped-indicator", test_scoped_indicator);
  ADD ("/computed/overlapping-periods", test_overlapping_periods);

  return g_test_run ();
}

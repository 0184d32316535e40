/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#include "config.h"

#include <locale.h>
#include <math.h>

#include "tissage-document-private.h"
#include "tissage-interviews.h"
#include "tissage-referentiel.h"
#include "tissage-test-utils.h"

/* A guide with one question of each kind, and one interview of it. */
typedef struct {
  TissageDocument     *document;
  TissageGrid         *grid;
  TissageGridQuestion *questions[TISSAGE_N_QUESTION_KINDS];
  TissageInterview    *interview;
} Guide;

static void
guide_init (Guide   *guide,
            Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  static const char * const texts[] = {
    "Qu'est-ce qui a changé pour vous depuis votre arrivée ?",
    "Avez-vous repris confiance en vous ?",
    "Avez-vous trouvé un emploi ?",
    "Quelle structure vous a accueilli en premier ?",
    "Quels ateliers avez-vous suivis ?",
    "Combien d'heures de formation avez-vous suivies ?",
  };

  guide->document = tissage_document_create (fixture->file, &error);
  g_assert_no_error (error);

  guide->grid = tissage_document_insert (guide->document, TISSAGE_TYPE_GRID, &error,
                                         "title", "Entretien bénéficiaires", NULL);
  g_assert_no_error (error);

  for (guint kind = 0; kind < TISSAGE_N_QUESTION_KINDS; kind++)
    {
      guide->questions[kind] =
        tissage_document_insert (guide->document, TISSAGE_TYPE_GRID_QUESTION, &error,
                                 "grid-id", tissage_record_get_id (TISSAGE_RECORD (guide->grid)),
                                 "kind", (int) kind,
                                 "text", texts[kind],
                                 "choices", kind == TISSAGE_QUESTION_SINGLE
                                              ? "Mission locale\nCentre social\nPLIE"
                                              : "CV\nSimulation d'entretien\nInformatique",
                                 "position", (int) kind,
                                 NULL);
      g_assert_no_error (error);
    }

  guide->interview = tissage_document_insert (guide->document, TISSAGE_TYPE_INTERVIEW, &error,
                                              "grid-id", tissage_record_get_id (TISSAGE_RECORD (guide->grid)),
                                              "pseudonym", "Mme K.",
                                              "date", "2025-03-12",
                                              NULL);
  g_assert_no_error (error);
}

static void
guide_clear (Guide *guide)
{
  g_clear_object (&guide->interview);
  for (guint kind = 0; kind < TISSAGE_N_QUESTION_KINDS; kind++)
    g_clear_object (&guide->questions[kind]);
  g_clear_object (&guide->grid);
  g_clear_object (&guide->document);
}

static TissageAnswer *
answer_of (Guide              *guide,
           TissageQuestionKind kind)
{
  return tissage_document_get_answer (guide->document, guide->interview, guide->questions[kind]);
}

static void
set_ok (Guide              *guide,
        TissageQuestionKind kind,
        const char         *input)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tissage_document_set_answer (guide->document, guide->interview,
                                              guide->questions[kind], input, &error));
  g_assert_no_error (error);
}

static void
set_refused (Guide              *guide,
             TissageQuestionKind kind,
             const char         *input,
             const char         *expected_part)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (tissage_document_set_answer (guide->document, guide->interview,
                                               guide->questions[kind], input, &error));
  g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, expected_part));
}

static void
test_question_kinds (Fixture       *fixture,
                     gconstpointer  data)
{
  Guide guide = { 0, };
  g_autoptr(TissageAnswer) answer = NULL;
  g_autofree char *display = NULL;
  guint answered, total;

  guide_init (&guide, fixture);

  tissage_document_get_progress (guide.document, guide.interview, &answered, &total);
  g_assert_cmpuint (answered, ==, 0);
  g_assert_cmpuint (total, ==, TISSAGE_N_QUESTION_KINDS);

  /* Open: the text as typed, spaces included. */
  set_ok (&guide, TISSAGE_QUESTION_OPEN, "J'ai retrouvé un rythme. ");
  answer = answer_of (&guide, TISSAGE_QUESTION_OPEN);
  g_assert_cmpstr (tissage_answer_get_text (answer), ==, "J'ai retrouvé un rythme. ");
  g_assert_true (isnan (tissage_answer_get_number (answer)));
  g_clear_object (&answer);

  /* The first answer starts the interview. */
  g_assert_cmpint (tissage_interview_get_status (guide.interview), ==, TISSAGE_STATUS_IN_PROGRESS);

  /* Scale: whole numbers from 1 to 5. */
  set_refused (&guide, TISSAGE_QUESTION_SCALE, "6", "1 to 5");
  set_refused (&guide, TISSAGE_QUESTION_SCALE, "3,5", "1 to 5");
  set_refused (&guide, TISSAGE_QUESTION_SCALE, "beaucoup", "1 to 5");
  g_assert_null (answer_of (&guide, TISSAGE_QUESTION_SCALE));
  set_ok (&guide, TISSAGE_QUESTION_SCALE, " 4 ");
  answer = answer_of (&guide, TISSAGE_QUESTION_SCALE);
  g_assert_cmpfloat (tissage_answer_get_number (answer), ==, 4);
  g_clear_object (&answer);

  /* Yes or no, in French or as 1/0. */
  set_refused (&guide, TISSAGE_QUESTION_YES_NO, "peut-être", "yes or no");
  set_ok (&guide, TISSAGE_QUESTION_YES_NO, "Oui");
  answer = answer_of (&guide, TISSAGE_QUESTION_YES_NO);
  g_assert_cmpfloat (tissage_answer_get_number (answer), ==, 1);
  display = tissage_answer_dup_display (answer, guide.questions[TISSAGE_QUESTION_YES_NO]);
  g_assert_cmpstr (display, ==, "Yes");
  g_clear_pointer (&display, g_free);
  g_clear_object (&answer);
  set_ok (&guide, TISSAGE_QUESTION_YES_NO, "non");
  answer = answer_of (&guide, TISSAGE_QUESTION_YES_NO);
  g_assert_cmpfloat (tissage_answer_get_number (answer), ==, 0);
  g_clear_object (&answer);

  /* Single choice: one of the choices, whatever the case; stored as written. */
  set_refused (&guide, TISSAGE_QUESTION_SINGLE, "Pôle emploi", "not one of the choices");
  set_ok (&guide, TISSAGE_QUESTION_SINGLE, "centre SOCIAL");
  answer = answer_of (&guide, TISSAGE_QUESTION_SINGLE);
  g_assert_cmpstr (tissage_answer_get_text (answer), ==, "Centre social");
  g_clear_object (&answer);

  /* Multiple choice: in the order of the choices, one a line. */
  set_ok (&guide, TISSAGE_QUESTION_MULTIPLE, "Informatique ; cv");
  answer = answer_of (&guide, TISSAGE_QUESTION_MULTIPLE);
  g_assert_cmpstr (tissage_answer_get_text (answer), ==, "CV\nInformatique");
  display = tissage_answer_dup_display (answer, guide.questions[TISSAGE_QUESTION_MULTIPLE]);
  g_assert_cmpstr (display, ==, "CV ; Informatique");
  g_clear_pointer (&display, g_free);
  g_clear_object (&answer);
  set_refused (&guide, TISSAGE_QUESTION_MULTIPLE, "CV\nCuisine", "Cuisine");

  /* Number: French numbers. */
  set_refused (&guide, TISSAGE_QUESTION_NUMBER, "douze", "not a number");
  set_ok (&guide, TISSAGE_QUESTION_NUMBER, "1 250,5");
  answer = answer_of (&guide, TISSAGE_QUESTION_NUMBER);
  g_assert_cmpfloat (tissage_answer_get_number (answer), ==, 1250.5);
  display = tissage_answer_dup_display (answer, guide.questions[TISSAGE_QUESTION_NUMBER]);
  g_assert_cmpstr (display, ==, "1250,50");
  g_clear_pointer (&display, g_free);
  g_clear_object (&answer);

  tissage_document_get_progress (guide.document, guide.interview, &answered, &total);
  g_assert_cmpuint (answered, ==, TISSAGE_N_QUESTION_KINDS);

  /* Clearing an answer removes it. */
  set_ok (&guide, TISSAGE_QUESTION_NUMBER, "  ");
  g_assert_null (answer_of (&guide, TISSAGE_QUESTION_NUMBER));
  tissage_document_get_progress (guide.document, guide.interview, &answered, &total);
  g_assert_cmpuint (answered, ==, TISSAGE_N_QUESTION_KINDS - 1);

  guide_clear (&guide);
}

static void
test_typing_is_one_step (Fixture       *fixture,
                         gconstpointer  data)
{
  Guide guide = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageAnswer) answer = NULL;
  const char *sentence = "Le chantier m'a redonné un rythme.";
  g_autoptr(GString) typed = g_string_new (NULL);

  guide_init (&guide, fixture);
  tissage_document_clear_history (guide.document);

  /* Every keystroke is saved at once… */
  for (const char *p = sentence; *p != '\0'; p = g_utf8_next_char (p))
    {
      g_string_append_unichar (typed, g_utf8_get_char (p));
      set_ok (&guide, TISSAGE_QUESTION_OPEN, typed->str);
      g_assert_cmpint (query_count (guide.document, "SELECT count (*) FROM answers"), ==, 1);
    }

  /* …and one undo takes back the whole answer. */
  g_assert_true (tissage_document_undo (guide.document, &error));
  g_assert_no_error (error);
  g_assert_null (answer_of (&guide, TISSAGE_QUESTION_OPEN));
  g_assert_false (tissage_document_can_undo (guide.document));

  g_assert_true (tissage_document_redo (guide.document, &error));
  answer = answer_of (&guide, TISSAGE_QUESTION_OPEN);
  g_assert_cmpstr (tissage_answer_get_text (answer), ==, sentence);

  guide_clear (&guide);
}

static TissageVerbatim *
fetch_verbatim (TissageDocument *document,
                TissageVerbatim *verbatim)
{
  return tissage_document_fetch (document, TISSAGE_TYPE_VERBATIM,
                                 tissage_record_get_id (TISSAGE_RECORD (verbatim)));
}

static void
assert_verbatim (TissageDocument *document,
                 TissageVerbatim *verbatim,
                 const char      *text,
                 gboolean         lost)
{
  g_autoptr(TissageVerbatim) fresh = fetch_verbatim (document, verbatim);
  const char *quote = tissage_verbatim_get_quote (fresh);

  g_assert_cmpint (tissage_verbatim_get_lost (fresh), ==, lost);
  if (!lost)
    {
      const char *from = g_utf8_offset_to_pointer (text, tissage_verbatim_get_start (fresh));
      const char *to = g_utf8_offset_to_pointer (text, tissage_verbatim_get_end (fresh));
      g_autofree char *there = g_strndup (from, to - from);

      g_assert_cmpstr (there, ==, quote);
    }
}

static void
test_verbatim_offsets (Fixture       *fixture,
                       gconstpointer  data)
{
  Guide guide = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageAnswer) answer = NULL;
  g_autoptr(TissageVerbatim) verbatim = NULL;
  g_autoptr(TissageVerbatim) fresh = NULL;
  g_autoptr(GArray) effects = NULL;
  g_autoptr(TissageStake) stake = NULL;
  g_autoptr(TissageEvalQuestion) question = NULL;
  g_autoptr(TissageEffect) effect = NULL;
  const char *text = "Au début j'hésitais. Ici, on m'a écoutée sans me juger. Après, tout a suivi.";
  const char *quote = "on m'a écoutée sans me juger";
  int start;
  gint64 effect_id;

  guide_init (&guide, fixture);
  stake = tissage_document_insert (guide.document, TISSAGE_TYPE_STAKE, &error, "title", "Pouvoir d'agir", NULL);
  question = tissage_document_insert (guide.document, TISSAGE_TYPE_EVAL_QUESTION, &error,
                                      "stake-id", tissage_record_get_id (TISSAGE_RECORD (stake)),
                                      "title", "Les personnes reprennent-elles confiance ?", NULL);
  effect = tissage_document_insert (guide.document, TISSAGE_TYPE_EFFECT, &error,
                                    "question-id", tissage_record_get_id (TISSAGE_RECORD (question)),
                                    "title", "Confiance en soi", NULL);
  g_assert_no_error (error);
  effect_id = tissage_record_get_id (TISSAGE_RECORD (effect));

  set_ok (&guide, TISSAGE_QUESTION_OPEN, text);
  answer = answer_of (&guide, TISSAGE_QUESTION_OPEN);
  start = g_utf8_pointer_to_offset (text, strstr (text, quote));

  /* Spaces at the edges of the selection are left out. */
  verbatim = tissage_document_add_verbatim (guide.document, answer, start - 1,
                                            start + g_utf8_strlen (quote, -1) + 0,
                                            TISSAGE_TONE_POSITIVE, &effect_id, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tissage_verbatim_get_quote (verbatim), ==, quote);
  g_assert_cmpint (tissage_verbatim_get_start (verbatim), ==, start);
  effects = tissage_document_dup_verbatim_effects (guide.document, verbatim);
  g_assert_cmpuint (effects->len, ==, 1);
  g_assert_cmpint (g_array_index (effects, gint64, 0), ==, effect_id);

  /* An empty selection is refused. */
  g_assert_null (tissage_document_add_verbatim (guide.document, answer, 3, 3, TISSAGE_TONE_NEUTRAL,
                                                NULL, 0, &error));
  g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  /* Typing before the quote moves it. */
  text = "Au tout début, j'hésitais. Ici, on m'a écoutée sans me juger. Après, tout a suivi.";
  set_ok (&guide, TISSAGE_QUESTION_OPEN, text);
  assert_verbatim (guide.document, verbatim, text, FALSE);

  /* Typing after it leaves it. */
  text = "Au tout début, j'hésitais. Ici, on m'a écoutée sans me juger. Après, tout a suivi, même l'emploi.";
  set_ok (&guide, TISSAGE_QUESTION_OPEN, text);
  assert_verbatim (guide.document, verbatim, text, FALSE);

  /* Moving the sentence elsewhere: the quote is found again. */
  text = "Ici, on m'a écoutée sans me juger. Au tout début, j'hésitais.";
  set_ok (&guide, TISSAGE_QUESTION_OPEN, text);
  assert_verbatim (guide.document, verbatim, text, FALSE);

  /* Editing inside the quote loses it, and says so. */
  text = "Ici, on m'a écoutée sans jamais me juger. Au tout début, j'hésitais.";
  set_ok (&guide, TISSAGE_QUESTION_OPEN, text);
  assert_verbatim (guide.document, verbatim, text, TRUE);

  /* Typed back, it is found again. */
  text = "Ici, on m'a écoutée sans me juger. Au tout début, j'hésitais.";
  set_ok (&guide, TISSAGE_QUESTION_OPEN, text);
  assert_verbatim (guide.document, verbatim, text, FALSE);

  /* Emptying the answer keeps the verbatim, lost, rather than deleting it. */
  set_ok (&guide, TISSAGE_QUESTION_OPEN, "");
  fresh = fetch_verbatim (guide.document, verbatim);
  g_assert_nonnull (fresh);
  g_assert_true (tissage_verbatim_get_lost (fresh));
  g_clear_object (&fresh);

  /* Undo brings back the text and the verbatim's place together (the
   * edits of one answer in a row are one step, back to the marking). */
  g_assert_true (tissage_document_undo (guide.document, &error));
  g_assert_no_error (error);
  g_clear_object (&answer);
  answer = answer_of (&guide, TISSAGE_QUESTION_OPEN);
  g_assert_cmpstr (tissage_answer_get_text (answer), ==,
                   "Au début j'hésitais. Ici, on m'a écoutée sans me juger. Après, tout a suivi.");
  assert_verbatim (guide.document, verbatim, tissage_answer_get_text (answer), FALSE);

  g_assert_cmpuint (tissage_document_count_verbatims (guide.document), ==, 1);

  /* The entry page reads the verbatims of a whole interview at once: this
   * one's, and none of another interview of the same guide. */
  {
    g_autoptr(TissageInterview) other = NULL;
    g_autoptr(TissageAnswer) other_answer = NULL;
    g_autoptr(TissageVerbatim) other_verbatim = NULL;
    g_autoptr(GPtrArray) listed = NULL;

    other = tissage_document_insert (guide.document, TISSAGE_TYPE_INTERVIEW, &error,
                                     "grid-id", tissage_record_get_id (TISSAGE_RECORD (guide.grid)), NULL);
    g_assert_no_error (error);
    g_assert_true (tissage_document_set_answer (guide.document, other, guide.questions[TISSAGE_QUESTION_OPEN],
                                                "Rien n'a changé, sauf les horaires.", &error));
    g_assert_no_error (error);
    other_answer = tissage_document_get_answer (guide.document, other, guide.questions[TISSAGE_QUESTION_OPEN]);
    other_verbatim = tissage_document_add_verbatim (guide.document, other_answer, 0, 4, TISSAGE_TONE_NEGATIVE,
                                                    NULL, 0, &error);
    g_assert_no_error (error);

    listed = tissage_document_list_interview_verbatims (guide.document, guide.interview);
    g_assert_cmpuint (listed->len, ==, 1);
    g_assert_cmpint (tissage_record_get_id (TISSAGE_RECORD (g_ptr_array_index (listed, 0))), ==,
                     tissage_record_get_id (TISSAGE_RECORD (verbatim)));
    g_clear_pointer (&listed, g_ptr_array_unref);
    listed = tissage_document_list_interview_verbatims (guide.document, other);
    g_assert_cmpuint (listed->len, ==, 1);
    g_assert_cmpstr (tissage_verbatim_get_quote (g_ptr_array_index (listed, 0)), ==, "Rien");
  }

  guide_clear (&guide);
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  Guide guide = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(TissageInterview) other = NULL;
  gint64 first_id;

  guide_init (&guide, fixture);
  first_id = tissage_record_get_id (TISSAGE_RECORD (guide.interview));

  set_ok (&guide, TISSAGE_QUESTION_OPEN, "La médiatrice m'a aidée à préparer l'entretien d'embauche.");
  set_ok (&guide, TISSAGE_QUESTION_SINGLE, "PLIE");

  other = tissage_document_insert (guide.document, TISSAGE_TYPE_INTERVIEW, &error,
                                   "grid-id", tissage_record_get_id (TISSAGE_RECORD (guide.grid)), NULL);
  g_assert_no_error (error);
  g_assert_true (tissage_document_set_answer (guide.document, other, guide.questions[TISSAGE_QUESTION_OPEN],
                                              "Le chantier d'insertion m'a redonné confiance.", &error));
  g_assert_no_error (error);

  /* Accents ignored, words from their start. */
  ids = tissage_document_search_interviews (guide.document, "mediatrice", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, first_id);
  g_clear_pointer (&ids, g_array_unref);

  ids = tissage_document_search_interviews (guide.document, "embau", &error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_clear_pointer (&ids, g_array_unref);

  /* Every word, across the answers of one interview. */
  ids = tissage_document_search_interviews (guide.document, "médiatrice PLIE", &error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_clear_pointer (&ids, g_array_unref);
  ids = tissage_document_search_interviews (guide.document, "médiatrice chantier", &error);
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&ids, g_array_unref);
  ids = tissage_document_search_interviews (guide.document, "m'a", &error);
  g_assert_cmpuint (ids->len, ==, 2);
  g_clear_pointer (&ids, g_array_unref);

  /* Search syntax typed by the user is only text. */
  ids = tissage_document_search_interviews (guide.document, "\"NEAR( OR * -", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&ids, g_array_unref);

  /* The index follows edits and undo. */
  set_ok (&guide, TISSAGE_QUESTION_OPEN, "Rien à signaler.");
  ids = tissage_document_search_interviews (guide.document, "médiatrice", &error);
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&ids, g_array_unref);
  g_assert_true (tissage_document_undo (guide.document, &error));
  ids = tissage_document_search_interviews (guide.document, "médiatrice", &error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_clear_pointer (&ids, g_array_unref);

  /* Deleting the interview takes its answers out of the index. */
  g_assert_true (tissage_document_delete (guide.document, guide.interview, &error));
  g_assert_no_error (error);
  ids = tissage_document_search_interviews (guide.document, "médiatrice", &error);
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&ids, g_array_unref);
  g_assert_cmpint (query_count (guide.document, "SELECT count (*) FROM interviews_fts"), ==,
                   query_count (guide.document, "SELECT count (DISTINCT interview_id) FROM answers WHERE text <> ''"));

  guide_clear (&guide);
}

static void
test_retire_and_duplicate (Fixture       *fixture,
                           gconstpointer  data)
{
  Guide guide = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageGridSection) section = NULL;
  g_autoptr(TissageGrid) copy = NULL;
  gboolean retired = FALSE;
  guint answered, total;

  guide_init (&guide, fixture);
  section = tissage_document_insert (guide.document, TISSAGE_TYPE_GRID_SECTION, &error,
                                     "grid-id", tissage_record_get_id (TISSAGE_RECORD (guide.grid)),
                                     "title", "Parcours", NULL);
  g_assert_true (tissage_document_set (guide.document, guide.questions[0], &error,
                                       "section-id", tissage_record_get_id (TISSAGE_RECORD (section)), NULL));
  g_assert_no_error (error);
  set_ok (&guide, TISSAGE_QUESTION_SCALE, "5");

  /* A question with answers is retired: its answers stay. */
  g_assert_true (tissage_document_remove_question (guide.document, guide.questions[TISSAGE_QUESTION_SCALE],
                                                   &retired, &error));
  g_assert_no_error (error);
  g_assert_true (retired);
  g_assert_true (tissage_grid_question_get_retired (guide.questions[TISSAGE_QUESTION_SCALE]));
  g_assert_cmpuint (tissage_document_count_answers (guide.document, guide.questions[TISSAGE_QUESTION_SCALE]), ==, 1);
  tissage_document_get_progress (guide.document, guide.interview, &answered, &total);
  g_assert_cmpuint (total, ==, TISSAGE_N_QUESTION_KINDS - 1);
  g_assert_cmpuint (answered, ==, 0);

  /* Deleting it for good is refused by the file while answers exist. */
  g_assert_false (tissage_document_delete (guide.document, guide.questions[TISSAGE_QUESTION_SCALE], &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* One without answers is deleted. */
  g_assert_true (tissage_document_remove_question (guide.document, guide.questions[TISSAGE_QUESTION_NUMBER],
                                                   &retired, &error));
  g_assert_false (retired);
  g_assert_cmpint (query_count (guide.document, "SELECT count (*) FROM grid_questions"), ==,
                   TISSAGE_N_QUESTION_KINDS - 1);

  /* A duplicate has its own sections and questions, in one undo step. */
  copy = tissage_document_duplicate_grid (guide.document, guide.grid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tissage_grid_get_title (copy), ==, "Entretien bénéficiaires (copy)");
  g_assert_cmpint (query_count (guide.document, "SELECT count (*) FROM grid_questions"), ==,
                   2 * (TISSAGE_N_QUESTION_KINDS - 1));
  g_assert_cmpint (query_count (guide.document,
                                "SELECT count (*) FROM grid_questions q JOIN grid_sections s ON s.id = q.section_id"
                                " WHERE q.grid_id <> s.grid_id"), ==, 0);
  g_assert_cmpint (query_count (guide.document,
                                "SELECT count (*) FROM grid_questions q JOIN grid_sections s ON s.id = q.section_id"), ==, 2);
  g_assert_true (tissage_document_undo (guide.document, &error));
  g_assert_cmpint (query_count (guide.document, "SELECT count (*) FROM grids"), ==, 1);
  g_assert_cmpint (query_count (guide.document, "SELECT count (*) FROM grid_sections"), ==, 1);

  /* Choices listed twice are refused. */
  g_assert_false (tissage_document_set (guide.document, guide.questions[TISSAGE_QUESTION_SINGLE], &error,
                                        "choices", "Oui\nNon\noui", NULL));
  g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE);

  guide_clear (&guide);
}

static void
test_interviewee (Fixture       *fixture,
                  gconstpointer  data)
{
  Guide guide = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageStakeholder) stakeholder = NULL;
  g_autofree char *label = NULL;
  g_autofree char *expected = NULL;

  guide_init (&guide, fixture);

  label = tissage_document_dup_interviewee (guide.document, guide.interview, FALSE);
  g_assert_cmpstr (label, ==, "Mme K.");
  g_clear_pointer (&label, g_free);

  stakeholder = tissage_document_insert (guide.document, TISSAGE_TYPE_STAKEHOLDER, &error,
                                         "name", "Fatima Benali", NULL);
  g_assert_true (tissage_document_set (guide.document, guide.interview, &error,
                                       "stakeholder-id", tissage_record_get_id (TISSAGE_RECORD (stakeholder)),
                                       NULL));
  label = tissage_document_dup_interviewee (guide.document, guide.interview, FALSE);
  g_assert_cmpstr (label, ==, "Fatima Benali");
  g_clear_pointer (&label, g_free);

  label = tissage_document_dup_interviewee (guide.document, guide.interview, TRUE);
  expected = g_strdup_printf ("Interviewee %" G_GINT64_FORMAT, tissage_record_get_id (TISSAGE_RECORD (guide.interview)));
  g_assert_cmpstr (label, ==, expected);
  g_assert_null (strstr (label, "Benali"));

  /* An impossible date is refused. */
  g_assert_false (tissage_document_set (guide.document, guide.interview, &error, "date", "2025-02-30", NULL));
  g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE);

  guide_clear (&guide);
}

static void
test_example_interviews (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = tissage_document_create_example (fixture->file, &error);
  g_autoptr(GPtrArray) verbatims = NULL;
  g_autoptr(GPtrArray) values = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM grids"), >=, 2);
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM interviews"), >=, 20);
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM verbatims"), >=, 40);
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM verbatims WHERE lost"), ==, 0);
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM interviews_fts"), ==,
                   query_count (document, "SELECT count (DISTINCT interview_id) FROM answers WHERE text <> ''"));

  /* Every quote is where its offsets say. */
  verbatims = tissage_document_list_verbatims (document, NULL);
  g_assert_cmpuint (verbatims->len, >=, 40);
  for (guint i = 0; i < verbatims->len; i++)
    {
      TissageVerbatimInfo *info = g_ptr_array_index (verbatims, i);
      g_autoptr(TissageVerbatim) verbatim = tissage_document_fetch (document, TISSAGE_TYPE_VERBATIM, info->id);
      g_autoptr(TissageAnswer) answer = tissage_document_fetch (document, TISSAGE_TYPE_ANSWER, info->answer_id);

      assert_verbatim (document, verbatim, tissage_answer_get_text (answer), FALSE);
      g_assert_cmpuint (info->effect_ids->len, >=, 1);
      /* Pseudonymised, people are numbered; the example's organisations,
       * interviewed as stakeholders of the map, keep their names. */
      {
        TissageInterview *interview = tissage_document_lookup (document, TISSAGE_TYPE_INTERVIEW, info->interview_id);
        TissageStakeholder *stakeholder = tissage_document_lookup (document, TISSAGE_TYPE_STAKEHOLDER,
                                                                   tissage_interview_get_stakeholder_id (interview));

        if (stakeholder != NULL)
          g_assert_cmpstr (info->interviewee, ==, tissage_stakeholder_get_name (stakeholder));
        else
          g_assert_true (g_str_has_prefix (info->interviewee, "Interviewee "));
      }
    }

  /* The example's closed questions give its indicators values. */
  values = tissage_document_compute_indicator_values (document, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (values->len, >, 0);
}

/* Every question answered: the interview is done, in the same undo step
 * as its last answer; a status the user chose afterwards stays. */
static void
test_done_when_complete (Fixture       *fixture,
                         gconstpointer  data)
{
  static const char * const inputs[TISSAGE_N_QUESTION_KINDS] = {
    [TISSAGE_QUESTION_OPEN] = "J'ai retrouvé un rythme.",
    [TISSAGE_QUESTION_SCALE] = "4",
    [TISSAGE_QUESTION_YES_NO] = "oui",
    [TISSAGE_QUESTION_SINGLE] = "Centre social",
    [TISSAGE_QUESTION_MULTIPLE] = "CV",
    [TISSAGE_QUESTION_NUMBER] = "12",
  };
  g_autoptr(GError) error = NULL;
  Guide guide = { 0, };
  guint answered, total;

  guide_init (&guide, fixture);

  for (guint kind = 0; kind + 1 < TISSAGE_N_QUESTION_KINDS; kind++)
    set_ok (&guide, kind, inputs[kind]);
  g_assert_cmpint (tissage_interview_get_status (guide.interview), ==, TISSAGE_STATUS_IN_PROGRESS);

  set_ok (&guide, TISSAGE_N_QUESTION_KINDS - 1, inputs[TISSAGE_N_QUESTION_KINDS - 1]);
  tissage_document_get_progress (guide.document, guide.interview, &answered, &total);
  g_assert_cmpuint (answered, ==, total);
  g_assert_cmpint (tissage_interview_get_status (guide.interview), ==, TISSAGE_STATUS_DONE);

  /* One step: undone, the last answer and the status go together. */
  g_assert_true (tissage_document_undo (guide.document, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tissage_interview_get_status (guide.interview), ==, TISSAGE_STATUS_IN_PROGRESS);
  g_assert_null (answer_of (&guide, TISSAGE_N_QUESTION_KINDS - 1));
  g_assert_true (tissage_document_redo (guide.document, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tissage_interview_get_status (guide.interview), ==, TISSAGE_STATUS_DONE);

  /* The user says it is still going on: editing an answer leaves that. */
  g_assert_true (tissage_document_set (guide.document, guide.interview, &error,
                                       "status", TISSAGE_STATUS_IN_PROGRESS, NULL));
  g_assert_no_error (error);
  set_ok (&guide, TISSAGE_QUESTION_OPEN, "J'ai retrouvé un rythme, et des amis.");
  g_assert_cmpint (tissage_interview_get_status (guide.interview), ==, TISSAGE_STATUS_IN_PROGRESS);

  guide_clear (&guide);
}

/* The one order of a guide's questions, that the interview editor and the
 * workbook share: outside any section first, then the sections by
 * position, then the questions by theirs, ids settling ties; positions
 * from a file, at the ends of int, compare without overflowing. */
static void
test_question_order (void)
{
  TissageQuestionPlace places[6];
  const guint expected[] = { 5, 4, 1, 0, 3, 2 };

  /* Given out of order: a section at position 1, one at 0, one at the
   * largest a file can hold, questions numbered within each. */
  tissage_question_place_set (&places[0], TRUE, 1, 10, 0, 100);
  tissage_question_place_set (&places[1], TRUE, 0, 11, 1, 101);
  tissage_question_place_set (&places[2], TRUE, G_MAXINT64, 12, G_MININT64, 102);
  tissage_question_place_set (&places[3], TRUE, 1, 10, 1, 99);
  tissage_question_place_set (&places[4], TRUE, 0, 11, 0, 103);
  tissage_question_place_set (&places[5], FALSE, 7, 13, G_MAXINT, 104);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    for (guint j = 0; j < G_N_ELEMENTS (expected); j++)
      {
        int cmp = tissage_question_place_compare (&places[expected[i]], &places[expected[j]]);

        g_assert_cmpint (cmp, ==, (i > j) - (i < j));
      }

  /* Outside any section, the section's position and id do not count. */
  g_assert_cmpint (places[5].section_rank, ==, 0);
  g_assert_cmpint (places[5].section_id, ==, 0);
}

static void
assert_progress (TissageDocument  *document,
                 TissageInterview *interview,
                 guint             expected_answered,
                 guint             expected_total)
{
  guint answered = G_MAXUINT, total = G_MAXUINT;

  tissage_document_get_progress (document, interview, &answered, &total);
  g_assert_cmpuint (answered, ==, expected_answered);
  g_assert_cmpuint (total, ==, expected_total);
}

/* The progress kept between two looks follows every change that moves it,
 * and only those. */
static void
test_progress_kept (Fixture       *fixture,
                    gconstpointer  data)
{
  Guide guide = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageInterview) other = NULL;
  g_autoptr(TissageGrid) second_grid = NULL;
  g_autoptr(TissageGridQuestion) second_question = NULL;
  g_autoptr(TissageInterview) second = NULL;
  g_autoptr(TissageGridQuestion) added = NULL;
  g_autoptr(TissageInterview) empty = NULL;
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  gint64 grid_id;
  gboolean retired = TRUE;
  const guint n = TISSAGE_N_QUESTION_KINDS;

  guide_init (&guide, fixture);
  grid_id = tissage_record_get_id (TISSAGE_RECORD (guide.grid));
  other = tissage_document_insert (guide.document, TISSAGE_TYPE_INTERVIEW, &error,
                                   "grid-id", grid_id, "pseudonym", "M. L.", NULL);
  g_assert_no_error (error);
  second_grid = tissage_document_insert (guide.document, TISSAGE_TYPE_GRID, &error, "title", "Partenaires", NULL);
  g_assert_no_error (error);
  second_question = tissage_document_insert (guide.document, TISSAGE_TYPE_GRID_QUESTION, &error,
                                             "grid-id", tissage_record_get_id (TISSAGE_RECORD (second_grid)),
                                             "text", "Qu’avez-vous fait ensemble ?", NULL);
  g_assert_no_error (error);
  second = tissage_document_insert (guide.document, TISSAGE_TYPE_INTERVIEW, &error,
                                    "grid-id", tissage_record_get_id (TISSAGE_RECORD (second_grid)), NULL);
  g_assert_no_error (error);

  /* Counted at once, then kept. */
  g_ptr_array_add (shown, guide.interview);
  g_ptr_array_add (shown, other);
  g_ptr_array_add (shown, second);
  g_assert_false (tissage_document_has_progress (guide.document, guide.interview));
  tissage_document_prefetch_progress (guide.document, shown);
  for (guint i = 0; i < shown->len; i++)
    g_assert_true (tissage_document_has_progress (guide.document, g_ptr_array_index (shown, i)));
  assert_progress (guide.document, guide.interview, 0, n);
  assert_progress (guide.document, other, 0, n);
  assert_progress (guide.document, second, 0, 1);

  /* An answer typed counts in its interview, and only there. */
  set_ok (&guide, TISSAGE_QUESTION_OPEN, "J’ai retrouvé du travail.");
  g_assert_true (tissage_document_has_progress (guide.document, other));
  g_assert_true (tissage_document_has_progress (guide.document, second));
  assert_progress (guide.document, guide.interview, 1, n);
  set_ok (&guide, TISSAGE_QUESTION_YES_NO, "oui");
  assert_progress (guide.document, guide.interview, 2, n);
  /* An answer cleared, and so deleted, counts no more. */
  set_ok (&guide, TISSAGE_QUESTION_YES_NO, "");
  g_assert_null (answer_of (&guide, TISSAGE_QUESTION_YES_NO));
  assert_progress (guide.document, guide.interview, 1, n);

  /* Its status changed leaves the count as it was. */
  g_assert_true (tissage_document_set (guide.document, guide.interview, &error,
                                       "status", TISSAGE_STATUS_DONE, NULL));
  g_assert_no_error (error);
  g_assert_true (tissage_document_has_progress (guide.document, guide.interview));

  /* A question added to the guide counts in each of its interviews. */
  added = tissage_document_insert (guide.document, TISSAGE_TYPE_GRID_QUESTION, &error,
                                   "grid-id", grid_id, "text", "Et demain ?", "position", (int) n, NULL);
  g_assert_no_error (error);
  g_assert_true (tissage_document_has_progress (guide.document, second));
  assert_progress (guide.document, guide.interview, 1, n + 1);
  assert_progress (guide.document, other, 0, n + 1);
  assert_progress (guide.document, second, 0, 1);

  /* Its wording changed does not move anything. */
  g_assert_true (tissage_document_set (guide.document, added, &error, "text", "Et après ?", NULL));
  g_assert_true (tissage_document_has_progress (guide.document, other));

  /* Removed, it counts no more; retired with its answer, neither does that. */
  g_assert_true (tissage_document_remove_question (guide.document, added, &retired, &error));
  g_assert_no_error (error);
  g_assert_false (retired);
  assert_progress (guide.document, guide.interview, 1, n);
  assert_progress (guide.document, other, 0, n);
  g_assert_true (tissage_document_remove_question (guide.document, guide.questions[TISSAGE_QUESTION_OPEN],
                                                   &retired, &error));
  g_assert_true (retired);
  assert_progress (guide.document, guide.interview, 0, n - 1);

  /* Undone, the question and its answer count again; the one deleted
   * comes back too. */
  g_assert_true (tissage_document_undo (guide.document, &error));
  g_assert_no_error (error);
  assert_progress (guide.document, guide.interview, 1, n);
  g_assert_true (tissage_document_undo (guide.document, &error));
  g_assert_no_error (error);
  assert_progress (guide.document, guide.interview, 1, n + 1);
  assert_progress (guide.document, other, 0, n + 1);
  g_assert_true (tissage_document_redo (guide.document, &error));
  assert_progress (guide.document, other, 0, n);

  /* An answer typed, undone. */
  set_ok (&guide, TISSAGE_QUESTION_SCALE, "4");
  assert_progress (guide.document, guide.interview, 2, n);
  g_assert_true (tissage_document_undo (guide.document, &error));
  assert_progress (guide.document, guide.interview, 1, n);

  /* Written to behind the models, then reloaded: nothing kept holds. */
  assert_progress (guide.document, other, 0, n);
  g_assert_true (tissage_db_exec (tissage_document_get_db (guide.document),
                                  "INSERT INTO answers (uuid, modified, interview_id, question_id, text)"
                                  " SELECT lower (hex (randomblob (16))), '2025-03-12', i.id, q.id, 'Oui'"
                                  " FROM interviews i JOIN grid_questions q ON q.grid_id = i.grid_id"
                                  " WHERE q.retired = 0 AND NOT EXISTS (SELECT 1 FROM answers a"
                                  " WHERE a.interview_id = i.id AND a.question_id = q.id)", &error));
  g_assert_no_error (error);
  g_assert_true (tissage_document_reload (guide.document, &error));
  g_assert_no_error (error);
  assert_progress (guide.document, guide.interview, n, n);
  assert_progress (guide.document, other, n, n);
  assert_progress (guide.document, second, 1, 1);

  /* Deleting an interview forgets it, answers or none. */
  g_assert_true (tissage_document_delete (guide.document, other, &error));
  g_assert_no_error (error);
  g_assert_false (tissage_document_has_progress (guide.document, other));
  empty = tissage_document_insert (guide.document, TISSAGE_TYPE_INTERVIEW, &error, "grid-id", grid_id, NULL);
  g_assert_no_error (error);
  assert_progress (guide.document, empty, 0, n);
  g_assert_true (tissage_document_delete (guide.document, empty, &error));
  g_assert_no_error (error);
  g_assert_false (tissage_document_has_progress (guide.document, empty));

  guide_clear (&guide);
}

static void
on_status_read_progress (TissageInterview *interview,
                         GParamSpec       *pspec,
                         gpointer          user_data)
{
  TissageDocument *document = user_data;
  guint *seen = g_object_get_data (G_OBJECT (interview), "seen");
  guint total;

  tissage_document_get_progress (document, interview, seen, &total);
}

/* Whoever reads the progress while the models catch up with an undo,
 * before the answer's own turn, reads it as the file has it. */
static void
test_progress_during_undo (Fixture       *fixture,
                           gconstpointer  data)
{
  Guide guide = { 0, };
  g_autoptr(GError) error = NULL;
  guint seen = G_MAXUINT;

  guide_init (&guide, fixture);
  set_ok (&guide, TISSAGE_QUESTION_OPEN, "Oui, un peu.");
  g_assert_cmpint (tissage_interview_get_status (guide.interview), ==, TISSAGE_STATUS_IN_PROGRESS);
  assert_progress (guide.document, guide.interview, 1, TISSAGE_N_QUESTION_KINDS);

  g_object_set_data (G_OBJECT (guide.interview), "seen", &seen);
  g_signal_connect (guide.interview, "notify::status", G_CALLBACK (on_status_read_progress), guide.document);
  g_assert_true (tissage_document_undo (guide.document, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tissage_interview_get_status (guide.interview), ==, TISSAGE_STATUS_TODO);
  g_assert_cmpuint (seen, ==, 0);
  assert_progress (guide.document, guide.interview, 0, TISSAGE_N_QUESTION_KINDS);
  g_signal_handlers_disconnect_by_func (guide.interview, on_status_read_progress, guide.document);

  guide_clear (&guide);
}

/* The interviews are read when first asked for, not on opening; what is
 * written before that is there once they are read. */
static void
test_read_when_asked (Fixture       *fixture,
                      gconstpointer  data)
{
  Guide guide = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = NULL;
  g_autoptr(TissageInterview) added = NULL;
  gint64 grid_id, first_id;
  GListModel *interviews;

  guide_init (&guide, fixture);
  grid_id = tissage_record_get_id (TISSAGE_RECORD (guide.grid));
  first_id = tissage_record_get_id (TISSAGE_RECORD (guide.interview));
  guide_clear (&guide);

  document = tissage_document_open (fixture->file, &error);
  g_assert_no_error (error);
  g_assert_true (document->loaded[LOADED_INTERVIEWS].deferred);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (document->loaded[LOADED_INTERVIEWS].store)), ==, 0);
  /* Reloading leaves them for later too. */
  g_assert_true (tissage_document_reload (document, &error));
  g_assert_no_error (error);
  g_assert_true (document->loaded[LOADED_INTERVIEWS].deferred);

  /* Added while not yet read: read with it. */
  added = tissage_document_insert (document, TISSAGE_TYPE_INTERVIEW, &error,
                                   "grid-id", grid_id, "pseudonym", "M. L.", "date", "2025-04-02", NULL);
  g_assert_no_error (error);
  g_assert_nonnull (added);
  interviews = tissage_document_get_records (document, TISSAGE_TYPE_INTERVIEW);
  g_assert_false (document->loaded[LOADED_INTERVIEWS].deferred);
  g_assert_cmpuint (g_list_model_get_n_items (interviews), ==, 2);
  g_assert_nonnull (tissage_document_lookup (document, TISSAGE_TYPE_INTERVIEW, first_id));
  g_assert_true (tissage_document_lookup (document, TISSAGE_TYPE_INTERVIEW,
                                          tissage_record_get_id (TISSAGE_RECORD (added))) == added);

  /* Undone, it leaves the model. */
  g_assert_true (tissage_document_undo (document, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (interviews), ==, 1);

  /* Opened again and asked for at once by id. */
  g_clear_object (&added);
  g_clear_object (&document);
  document = tissage_document_open (fixture->file, &error);
  g_assert_no_error (error);
  g_assert_true (document->loaded[LOADED_INTERVIEWS].deferred);
  g_assert_cmpstr (tissage_interview_get_pseudonym (tissage_document_lookup (document, TISSAGE_TYPE_INTERVIEW, first_id)),
                   ==, "Mme K.");
  g_assert_cmpuint (g_list_model_get_n_items (tissage_document_get_records (document, TISSAGE_TYPE_INTERVIEW)), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  /* Messages are checked in the source language. */
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/interviews/question-order", test_question_order);
  g_test_add ("/interviews/question-kinds", Fixture, NULL, fixture_setup, test_question_kinds, fixture_teardown);
  g_test_add ("/interviews/done-when-complete", Fixture, NULL, fixture_setup, test_done_when_complete, fixture_teardown);
  g_test_add ("/interviews/progress-kept", Fixture, NULL, fixture_setup, test_progress_kept, fixture_teardown);
  g_test_add ("/interviews/progress-during-undo", Fixture, NULL, fixture_setup, test_progress_during_undo, fixture_teardown);
  g_test_add ("/interviews/typing-is-one-step", Fixture, NULL, fixture_setup, test_typing_is_one_step, fixture_teardown);
  g_test_add ("/interviews/verbatim-offsets", Fixture, NULL, fixture_setup, test_verbatim_offsets, fixture_teardown);
  g_test_add ("/interviews/search", Fixture, NULL, fixture_setup, test_search, fixture_teardown);
  g_test_add ("/interviews/retire-and-duplicate", Fixture, NULL, fixture_setup, test_retire_and_duplicate, fixture_teardown);
  g_test_add ("/interviews/interviewee", Fixture, NULL, fixture_setup, test_interviewee, fixture_teardown);
  g_test_add ("/interviews/example", Fixture, NULL, fixture_setup, test_example_interviews, fixture_teardown);
  g_test_add ("/interviews/read-when-asked", Fixture, NULL, fixture_setup, test_read_when_asked, fixture_teardown);

  return g_test_run ();
}

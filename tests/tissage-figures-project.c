/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#include "config.h"

#include <string.h>

#include "tissage-entities.h"
#include "tissage-figures-project.h"
#include "tissage-interviews.h"
#include "tissage-referentiel.h"

static void
measure (TissageDocument  *document,
         TissageIndicator *indicator,
         TissagePeriod    *period,
         TissageStructure *structure,
         const char       *input)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tissage_document_set_measure (document, indicator, period, structure, input, &error));
  g_assert_no_error (error);
}

static void
interview (TissageDocument     *document,
           TissageGrid         *grid,
           TissageGridQuestion *scale,
           TissageGridQuestion *open,
           gint64               effect_id,
           TissageStructure    *structure,
           const char          *date,
           TissageInterviewStatus status,
           const char          *score,
           guint                n_quotes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageInterview) held = NULL;
  g_autoptr(TissageAnswer) answer = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  held = tissage_document_insert (document, TISSAGE_TYPE_INTERVIEW, &error,
                                  "grid-id", tissage_record_id (grid),
                                  "structure-id", tissage_record_id (structure),
                                  "pseudonym", "Personne", "date", date, "status", status, NULL);
  g_assert_no_error (error);
  if (score != NULL)
    {
      g_assert_true (tissage_document_set_answer (document, held, scale, score, &error));
      g_assert_no_error (error);
    }

  for (guint q = 0; q < n_quotes; q++)
    g_string_append (text, "On avance ensemble. ");
  g_assert_true (tissage_document_set_answer (document, held, open, text->str, &error));
  g_assert_no_error (error);
  answer = tissage_document_get_answer (document, held, open);
  for (guint q = 0; q < n_quotes; q++)
    {
      g_autoptr(TissageVerbatim) verbatim = NULL;

      verbatim = tissage_document_add_verbatim (document, answer, q * 20, q * 20 + 19,
                                                TISSAGE_TONE_POSITIVE, &effect_id, 1, &error);
      g_assert_no_error (error);
    }
}

static TissageIndicator *
indicator (TissageDocument *document,
           TissageEffect   *effect,
           const char      *title,
           double           target)
{
  g_autoptr(GError) error = NULL;
  TissageIndicator *created = tissage_document_insert (document, TISSAGE_TYPE_INDICATOR, &error,
                                                       "effect-id", tissage_record_id (effect),
                                                       "title", title, "target", target, NULL);

  g_assert_no_error (error);
  return created;
}

TissageDocument *
figures_project_create (GFile *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = tissage_document_create (file, &error);
  g_autoptr(TissageStructure) north = NULL;
  g_autoptr(TissageStructure) south = NULL;
  g_autoptr(TissagePeriod) year = NULL;
  g_autoptr(TissagePeriod) half = NULL;
  g_autoptr(TissageStake) stake = NULL;
  g_autoptr(TissageEvalQuestion) question = NULL;
  g_autoptr(TissageEffect) effect = NULL;
  g_autoptr(TissageGrid) grid = NULL;
  g_autoptr(TissageGridQuestion) scale = NULL;
  g_autoptr(TissageGridQuestion) open = NULL;
  g_autoptr(TissageIndicator) zero = NULL;
  g_autoptr(TissageIndicator) scoped = NULL;
  g_autoptr(TissageIndicator) mean = NULL;
  g_autoptr(TissageIndicator) down = NULL;
  g_autoptr(TissageIndicator) computed = NULL;
  g_autoptr(TissageQuestionIndicator) link = NULL;

  g_assert_no_error (error);
  north = tissage_document_insert (document, TISSAGE_TYPE_STRUCTURE, &error, "name", "Mission locale Nord", NULL);
  south = tissage_document_insert (document, TISSAGE_TYPE_STRUCTURE, &error, "name", "Régie de quartier Sud", NULL);
  year = tissage_document_insert (document, TISSAGE_TYPE_PERIOD, &error, "label", "2025",
                                  "start-date", "2025-01-01", "end-date", "2025-12-31", "position", 0, NULL);
  half = tissage_document_insert (document, TISSAGE_TYPE_PERIOD, &error, "label", FIGURES_HALF_YEAR,
                                  "start-date", "2026-01-01", "end-date", "2026-06-30", "position", 1, NULL);
  stake = tissage_document_insert (document, TISSAGE_TYPE_STAKE, &error, "title", "Emploi", NULL);
  question = tissage_document_insert (document, TISSAGE_TYPE_EVAL_QUESTION, &error,
                                      "stake-id", tissage_record_id (stake),
                                      "title", "Les personnes trouvent-elles leur place ?", NULL);
  effect = tissage_document_insert (document, TISSAGE_TYPE_EFFECT, &error,
                                    "question-id", tissage_record_id (question), "title", "Parcours sans rupture", NULL);
  grid = tissage_document_insert (document, TISSAGE_TYPE_GRID, &error, "title", "Suivi", NULL);
  scale = tissage_document_insert (document, TISSAGE_TYPE_GRID_QUESTION, &error, "grid-id", tissage_record_id (grid),
                                   "kind", TISSAGE_QUESTION_SCALE, "text", "Avez-vous confiance en vous ?", NULL);
  open = tissage_document_insert (document, TISSAGE_TYPE_GRID_QUESTION, &error, "grid-id", tissage_record_id (grid),
                                  "kind", TISSAGE_QUESTION_OPEN, "text", "Racontez", "position", 1, NULL);
  g_assert_no_error (error);

  zero = indicator (document, effect, FIGURES_ZERO, 0);
  scoped = indicator (document, effect, FIGURES_SCOPED, 60);
  g_assert_true (tissage_document_set (document, scoped, &error, "scope-structure-id", tissage_record_id (north), NULL));
  mean = indicator (document, effect, FIGURES_MEAN, 80);
  g_assert_true (tissage_document_set (document, mean, &error, "consolidation", TISSAGE_CONSOLIDATION_MEAN, "unit", "%", NULL));
  down = indicator (document, effect, FIGURES_DOWN, 30);
  g_assert_true (tissage_document_set (document, down, &error, "baseline", 45.0,
                                       "direction", TISSAGE_DIRECTION_DOWN, NULL));
  computed = indicator (document, effect, FIGURES_COMPUTED, 4);
  g_assert_no_error (error);
  link = tissage_document_insert (document, TISSAGE_TYPE_QUESTION_INDICATOR, &error,
                                  "question-id", tissage_record_id (scale),
                                  "indicator-id", tissage_record_id (computed), NULL);
  g_assert_no_error (error);

  measure (document, zero, half, NULL, "0");
  measure (document, scoped, half, north, "61");
  measure (document, mean, half, NULL, "85");
  measure (document, mean, half, north, "70");
  measure (document, mean, half, south, "60");
  measure (document, down, half, NULL, "40");
  /* 2025, so that a period that ignored its dates would count these too. */
  measure (document, zero, year, NULL, "3");

  interview (document, grid, scale, open, tissage_record_id (effect), north, "2026-02-10", TISSAGE_STATUS_DONE, "4", 1);
  interview (document, grid, scale, open, tissage_record_id (effect), south, "2026-03-05", TISSAGE_STATUS_DONE, "5", 1);
  interview (document, grid, scale, open, tissage_record_id (effect), south, "2026-05-20", TISSAGE_STATUS_TODO, NULL, 0);
  interview (document, grid, scale, open, tissage_record_id (effect), north, "2025-10-01", TISSAGE_STATUS_DONE, "1", 2);
  interview (document, grid, scale, open, tissage_record_id (effect), north, "2025-11-15", TISSAGE_STATUS_DONE, "2", 1);

  return g_steal_pointer (&document);
}

gpointer
figures_project_find (TissageDocument *document,
                      GType            type,
                      const char      *name)
{
  GListModel *records = tissage_document_get_records (document, type);

  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(GObject) record = g_list_model_get_item (records, i);
      g_autofree char *text = NULL;

      g_object_get (record, type == TISSAGE_TYPE_PERIOD ? "label" : type == TISSAGE_TYPE_STRUCTURE ? "name" : "title",
                    &text, NULL);
      if (g_strcmp0 (text, name) == 0)
        return tissage_document_lookup (document, type, tissage_record_id (record));
    }

  g_assert_not_reached ();
}

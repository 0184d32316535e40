/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "tissage-document-private.h"
#include "tissage-figures.h"
#include "tissage-interviews.h"
#include "tissage-referentiel.h"
#include "tissage-test-utils.h"
#include "test-referentiel-private.h"

static guint
n_records (TissageDocument *document,
           GType            type)
{
  return g_list_model_get_n_items (tissage_document_get_records (document, type));
}

static void
test_example (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = tissage_document_create_example (fixture->file, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (n_records (document, TISSAGE_TYPE_STAKE), >=, 4);
  g_assert_cmpuint (n_records (document, TISSAGE_TYPE_EFFECT), >=, 12);
  g_assert_cmpuint (n_records (document, TISSAGE_TYPE_INDICATOR), >=, 30);
  g_assert_cmpuint (n_records (document, TISSAGE_TYPE_PERIOD), >=, 2);
  g_assert_cmpuint (n_records (document, TISSAGE_TYPE_TOC_ITEM), >=, 10);

  /* Common and structure-specific indicators; values over periods and structures. */
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM indicators WHERE scope_structure_id IS NULL"), >, 0);
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM indicators WHERE scope_structure_id IS NOT NULL"), >, 0);
  g_assert_cmpint (query_count (document, "SELECT count (DISTINCT period_id) FROM measurements"), >=, 2);
  g_assert_cmpint (query_count (document, "SELECT count (DISTINCT structure_id) FROM measurements"), >=, 3);
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM pragma_foreign_key_check"), ==, 0);
  g_assert_false (tissage_document_can_undo (document));
}

static void
test_tree_persists (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = tissage_document_create (fixture->file, &error);
  g_autoptr(TissageStake) stake = NULL;
  g_autoptr(TissageEvalQuestion) question = NULL;
  g_autoptr(TissageEffect) effect = NULL;
  g_autoptr(TissageIndicator) first = NULL;
  g_autoptr(TissageIndicator) second = NULL;
  TissageIndicator *reopened;

  stake = tissage_document_insert (document, TISSAGE_TYPE_STAKE, &error, "title", "Retour à l'emploi", NULL);
  question = tissage_document_insert (document, TISSAGE_TYPE_EVAL_QUESTION, &error,
                                      "stake-id", tissage_record_get_id (TISSAGE_RECORD (stake)),
                                      "title", "Les personnes accompagnées trouvent-elles un emploi durable ?", NULL);
  effect = tissage_document_insert (document, TISSAGE_TYPE_EFFECT, &error,
                                    "question-id", tissage_record_get_id (TISSAGE_RECORD (question)),
                                    "title", "Accès à un emploi durable", "horizon", TISSAGE_HORIZON_MEDIUM, NULL);
  first = tissage_document_insert (document, TISSAGE_TYPE_INDICATOR, &error,
                                   "effect-id", tissage_record_get_id (TISSAGE_RECORD (effect)),
                                   "title", "Sorties en emploi durable", "position", 0, NULL);
  second = tissage_document_insert (document, TISSAGE_TYPE_INDICATOR, &error,
                                    "effect-id", tissage_record_get_id (TISSAGE_RECORD (effect)),
                                    "title", "Durée moyenne des parcours", "position", 1, NULL);
  g_assert_no_error (error);

  /* Reordering is two positions in one step. */
  g_assert_true (tissage_document_begin (document, "Réordonner", &error));
  g_assert_true (tissage_document_set (document, first, &error, "position", 1, NULL));
  g_assert_true (tissage_document_set (document, second, &error, "position", 0, NULL));
  g_assert_true (tissage_document_commit (document, &error));
  g_clear_object (&document);

  document = tissage_document_open (fixture->file, &error);
  g_assert_no_error (error);
  reopened = tissage_document_lookup (document, TISSAGE_TYPE_INDICATOR, tissage_record_get_id (TISSAGE_RECORD (second)));
  g_assert_nonnull (reopened);
  g_assert_cmpint (query_count (document, "SELECT position FROM indicators WHERE title = 'Durée moyenne des parcours'"), ==, 0);
  g_assert_cmpint (query_count (document, "SELECT position FROM indicators WHERE title = 'Sorties en emploi durable'"), ==, 1);

  /* Deleting a stake takes its branch; undo gives it all back. */
  g_clear_object (&stake);
  stake = g_list_model_get_item (tissage_document_get_records (document, TISSAGE_TYPE_STAKE), 0);
  g_assert_true (tissage_document_delete (document, stake, &error));
  g_assert_cmpuint (n_records (document, TISSAGE_TYPE_INDICATOR), ==, 0);
  g_assert_cmpuint (n_records (document, TISSAGE_TYPE_EFFECT), ==, 0);
  g_assert_true (tissage_document_undo (document, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_records (document, TISSAGE_TYPE_INDICATOR), ==, 2);
  g_assert_cmpuint (n_records (document, TISSAGE_TYPE_EVAL_QUESTION), ==, 1);
}

static const char * const themes[] = {
  "Coopération entre acteurs", "Emploi et retour à l'emploi", "Insertion et pouvoir d'agir",
  "Lien social", "Compétences", "Gouvernance et engagement", "Territoire",
};

static void
test_bank_builtin (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) bank = tissage_bank_load_builtin (&error);
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  guint per_theme[G_N_ELEMENTS (themes)] = { 0, };
  guint qualitative = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (bank->len, >=, 80);

  for (guint i = 0; i < bank->len; i++)
    {
      TissageBankIndicator *entry = g_ptr_array_index (bank, i);
      g_autofree char *definition = NULL;
      g_autofree char *source = NULL;
      int nature;

      g_assert_true (g_hash_table_add (keys, (gpointer) tissage_bank_indicator_get_key (entry)));
      g_object_get (entry, "definition", &definition, "source", &source, "nature", &nature, NULL);
      g_assert_cmpuint (strlen (tissage_bank_indicator_get_title (entry)), >, 5);
      g_assert_cmpuint (strlen (definition), >, 10);
      g_assert_cmpuint (strlen (source), >, 3);
      qualitative += nature == TISSAGE_NATURE_QUALITATIVE;

      for (guint t = 0; t < G_N_ELEMENTS (themes); t++)
        per_theme[t] += g_str_equal (themes[t], tissage_bank_indicator_get_theme (entry));
    }

  for (guint t = 0; t < G_N_ELEMENTS (themes); t++)
    {
      g_test_message ("%s: %u", themes[t], per_theme[t]);
      g_assert_cmpuint (per_theme[t], >=, 10);
    }
  g_assert_cmpuint (qualitative, >=, 10);

  /* Delays and dropouts: lower is better; the rest goes up. */
  {
    const char * const down[] = { "coop-delai-orientation", "emploi-delai-premier-emploi", "insertion-abandons" };
    guint n_down = 0;

    for (guint i = 0; i < bank->len; i++)
      {
        TissageBankIndicator *entry = g_ptr_array_index (bank, i);
        int direction = -1;

        g_object_get (entry, "direction", &direction, NULL);
        n_down += direction == TISSAGE_DIRECTION_DOWN;
        for (guint d = 0; d < G_N_ELEMENTS (down); d++)
          if (g_str_equal (tissage_bank_indicator_get_key (entry), down[d]))
            g_assert_cmpint (direction, ==, TISSAGE_DIRECTION_DOWN);
      }
    g_assert_cmpuint (n_down, ==, G_N_ELEMENTS (down));
  }
}

static void
assert_bank_refused (const char *text,
                     const char *fragment)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) bank = NULL;

  g_assert_true (g_key_file_load_from_data (keyfile, text, -1, G_KEY_FILE_NONE, NULL));
  bank = tissage_bank_load_from_keyfile (keyfile, &error);
  g_assert_null (bank);
  g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, fragment));
}

#define BANK_ENTRY(theme, type) \
  "[bank_indicator:essai]\ntheme=" theme "\ntitle=Rencontres organisées\ndefinition=Nombre de rencontres.\n" \
  "type=" type "\nnature=0\nunit=rencontres\ncalculation=Somme\nsource=Émargements\ncollection=2\nfrequency=Annuelle\n"

static void
test_bank_invalid (void)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GPtrArray) bank = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_key_file_load_from_data (keyfile, BANK_ENTRY ("Territoire", "0"), -1, G_KEY_FILE_NONE, NULL));
  bank = tissage_bank_load_from_keyfile (keyfile, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bank->len, ==, 1);

  assert_bank_refused (BANK_ENTRY ("Sport", "0"), "Sport");
  assert_bank_refused (BANK_ENTRY ("Territoire", "7"), "bank_indicator:essai");
  assert_bank_refused ("[bank_indicator:vide]\ntheme=Territoire\ntitle=Sans définition\n", "definition");
  assert_bank_refused ("[indicateur]\ntitle=x\n", "indicateur");
}

static TissageEffect *
first_effect (TissageDocument *document)
{
  return g_list_model_get_item (tissage_document_get_records (document, TISSAGE_TYPE_EFFECT), 0);
}

static void
test_add_from_bank (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = tissage_document_create_example (fixture->file, &error);
  g_autoptr(GPtrArray) bank = tissage_bank_load_builtin (&error);
  g_autoptr(TissageEffect) effect = first_effect (document);
  g_autoptr(TissageIndicator) indicator = NULL;
  TissageBankIndicator *entry = g_ptr_array_index (bank, 5);
  g_autofree char *calculation = NULL;
  g_autofree char *bank_calculation = NULL;
  g_autofree char *bank_ref = NULL;
  guint before = n_records (document, TISSAGE_TYPE_INDICATOR);

  g_assert_no_error (error);
  indicator = tissage_document_add_from_bank (document, effect, entry, &error);
  g_assert_no_error (error);
  g_assert_nonnull (indicator);

  g_assert_cmpstr (tissage_indicator_get_title (indicator), ==, tissage_bank_indicator_get_title (entry));
  g_assert_cmpint (tissage_indicator_get_effect_id (indicator), ==, tissage_record_get_id (TISSAGE_RECORD (effect)));
  g_object_get (indicator, "calculation", &calculation, "bank-ref", &bank_ref, NULL);
  g_object_get (entry, "calculation", &bank_calculation, NULL);
  g_assert_cmpstr (calculation, ==, bank_calculation);
  g_assert_cmpstr (bank_ref, ==, tissage_bank_indicator_get_key (entry));
  g_assert_cmpuint (n_records (document, TISSAGE_TYPE_INDICATOR), ==, before + 1);
  g_assert_cmpint (tissage_indicator_get_direction (indicator), ==, TISSAGE_DIRECTION_UP);

  /* Where lower is better, the copy says so. */
  for (guint i = 0; i < bank->len; i++)
    {
      TissageBankIndicator *delay = g_ptr_array_index (bank, i);
      g_autoptr(TissageIndicator) copy = NULL;

      if (!g_str_equal (tissage_bank_indicator_get_key (delay), "insertion-abandons"))
        continue;
      copy = tissage_document_add_from_bank (document, effect, delay, &error);
      g_assert_no_error (error);
      g_assert_cmpint (tissage_indicator_get_direction (copy), ==, TISSAGE_DIRECTION_DOWN);
      g_assert_true (tissage_document_undo (document, &error));
    }

  /* An indicator of the project kept in its own bank, then reused. */
  {
    g_autoptr(TissageBankIndicator) own = tissage_document_add_to_bank (document, indicator, &error);
    g_autoptr(TissageIndicator) reused = NULL;
    g_autofree char *reused_ref = NULL;

    g_assert_no_error (error);
    g_assert_cmpstr (tissage_bank_indicator_get_title (own), ==, tissage_indicator_get_title (indicator));
    g_assert_cmpuint (n_records (document, TISSAGE_TYPE_BANK_INDICATOR), ==, 1);
    reused = tissage_document_add_from_bank (document, effect, own, &error);
    g_assert_no_error (error);
    g_object_get (reused, "bank-ref", &reused_ref, NULL);
    g_assert_cmpstr (reused_ref, ==, tissage_record_get_uuid (TISSAGE_RECORD (own)));
    g_assert_true (tissage_document_undo (document, &error));
    g_assert_true (tissage_document_undo (document, &error));
    g_assert_cmpuint (n_records (document, TISSAGE_TYPE_BANK_INDICATOR), ==, 0);
  }

  /* The bank itself is not changed by what a project does with it. */
  g_assert_true (tissage_document_undo (document, &error));
  g_assert_cmpuint (n_records (document, TISSAGE_TYPE_INDICATOR), ==, before);
  g_assert_cmpstr (tissage_bank_indicator_get_title (entry), !=, "");
}

static void
collect_consolidated (gint64                     indicator_id,
                      gint64                     period_id,
                      const TissageCountedValue *value,
                      gpointer                   user_data)
{
  g_hash_table_insert (user_data,
                       g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, indicator_id, period_id),
                       g_memdup2 (&value->value, sizeof value->value));
}

/* The sum or the mean of what the structures entered, as a person adds them up. */
static gboolean
structures_total (TissageDocument  *document,
                  TissageIndicator *indicator,
                  TissagePeriod    *period,
                  double           *value)
{
  GListModel *structures = tissage_document_get_structures (document);
  double sum = 0;
  guint n = 0;

  for (guint s = 0; s < g_list_model_get_n_items (structures); s++)
    {
      g_autoptr(TissageStructure) structure = g_list_model_get_item (structures, s);
      g_autoptr(TissageMeasurement) measure = tissage_document_get_measure (document, indicator, period, structure);

      if (measure != NULL && !isnan (tissage_measurement_get_value (measure)))
        sum += tissage_measurement_get_value (measure), n++;
    }
  if (n == 0)
    return FALSE;
  *value = tissage_indicator_get_consolidation (indicator) == TISSAGE_CONSOLIDATION_MEAN ? sum / n : sum;
  return TRUE;
}

static void
test_consolidation (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = tissage_document_create_example (fixture->file, &error);
  GListModel *indicators = tissage_document_get_records (document, TISSAGE_TYPE_INDICATOR);
  GListModel *periods = tissage_document_get_records (document, TISSAGE_TYPE_PERIOD);
  GListModel *structures = tissage_document_get_structures (document);
  guint checked = 0;

  g_assert_no_error (error);

  /* In the example, the collective's figure is the sum (or the mean) of
   * the structures' figures wherever both were entered. */
  for (guint i = 0; i < g_list_model_get_n_items (indicators); i++)
    for (guint p = 0; p < g_list_model_get_n_items (periods); p++)
      {
        g_autoptr(TissageIndicator) indicator = g_list_model_get_item (indicators, i);
        g_autoptr(TissagePeriod) period = g_list_model_get_item (periods, p);
        g_autoptr(TissageMeasurement) collective = tissage_document_get_measure (document, indicator, period, NULL);
        TissageConsolidation rule = tissage_indicator_get_consolidation (indicator);
        double value;

        if (collective == NULL || rule == TISSAGE_CONSOLIDATION_NONE ||
            tissage_indicator_get_nature (indicator) == TISSAGE_NATURE_QUALITATIVE ||
            !structures_total (document, indicator, period, &value))
          continue;

        if (rule == TISSAGE_CONSOLIDATION_MEAN)
          value = round (value * 10) / 10;
        if (fabs (value - tissage_measurement_get_value (collective)) < 0.51)
          checked++;
        else
          g_test_message ("%s, %s: structures give %g, collective %g",
                          tissage_indicator_get_title (indicator), tissage_period_get_label (period),
                          value, tissage_measurement_get_value (collective));
      }
  g_test_message ("%u cells of the example agree with their consolidation", checked);
  g_assert_cmpuint (checked, >=, 10);

  /* The pass over every cell at once, for exports, finds the same values. */
  {
    g_autoptr(GHashTable) all = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
    guint found = 0;

    g_assert_true (tissage_db_foreach_counted_value (tissage_document_get_db (document), 0, 0, 0,
                                                     collect_consolidated, all, NULL));
    for (guint i = 0; i < g_list_model_get_n_items (indicators); i++)
      for (guint p = 0; p < g_list_model_get_n_items (periods); p++)
        {
          g_autoptr(TissageIndicator) indicator = g_list_model_get_item (indicators, i);
          g_autoptr(TissagePeriod) period = g_list_model_get_item (periods, p);
          g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                                                  tissage_record_get_id (TISSAGE_RECORD (indicator)),
                                                  tissage_record_get_id (TISSAGE_RECORD (period)));
          double *other = g_hash_table_lookup (all, key);
          double value;

          if (tissage_document_consolidate (document, indicator, period, &value))
            {
              g_assert_nonnull (other);
              g_assert_cmpfloat_with_epsilon (*other, value, 1e-9);
              found++;
            }
          else
            g_assert_null (other);
        }
    g_assert_cmpuint (found, ==, g_hash_table_size (all));
    g_assert_cmpuint (found, >, checked);
  }

  /* A known case: 10, 20 and 30 from three structures. */
  {
    g_autoptr(TissageEffect) effect = first_effect (document);
    g_autoptr(TissagePeriod) period = g_list_model_get_item (periods, 0);
    g_autoptr(TissageIndicator) indicator = NULL;
    const char *inputs[] = { "10", "20", "30" };
    double value = 0;

    indicator = tissage_document_insert (document, TISSAGE_TYPE_INDICATOR, &error,
                                         "effect-id", tissage_record_get_id (TISSAGE_RECORD (effect)),
                                         "title", "Essai de consolidation",
                                         "consolidation", TISSAGE_CONSOLIDATION_SUM, NULL);
    g_assert_no_error (error);
    g_assert_false (tissage_document_consolidate (document, indicator, period, &value));

    for (guint s = 0; s < G_N_ELEMENTS (inputs); s++)
      {
        g_autoptr(TissageStructure) structure = g_list_model_get_item (structures, s);

        g_assert_true (tissage_document_set_measure (document, indicator, period, structure, inputs[s], &error));
        g_assert_no_error (error);
      }
    g_assert_true (tissage_document_consolidate (document, indicator, period, &value));
    g_assert_cmpfloat (value, ==, 60.0);
    g_assert_true (tissage_document_set (document, indicator, &error, "consolidation", TISSAGE_CONSOLIDATION_MEAN, NULL));
    g_assert_true (tissage_document_consolidate (document, indicator, period, &value));
    g_assert_cmpfloat (value, ==, 20.0);
    g_assert_true (tissage_document_set (document, indicator, &error, "consolidation", TISSAGE_CONSOLIDATION_NONE, NULL));
    g_assert_false (tissage_document_consolidate (document, indicator, period, &value));

    /* A value entered for the collective is the collective's figure,
     * whatever the structures add up to. */
    g_assert_true (tissage_document_set_measure (document, indicator, period, NULL, "55", &error));
    for (int rule = TISSAGE_CONSOLIDATION_NONE; rule <= TISSAGE_CONSOLIDATION_MEAN; rule++)
      {
        g_assert_true (tissage_document_set (document, indicator, &error, "consolidation", rule, NULL));
        g_assert_true (tissage_document_consolidate (document, indicator, period, &value));
        g_assert_cmpfloat (value, ==, 55.0);
      }
  }
}

static void
test_bad_values (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = tissage_document_create_example (fixture->file, &error);
  g_autoptr(TissageEffect) effect = first_effect (document);
  g_autoptr(TissagePeriod) period = g_list_model_get_item (tissage_document_get_records (document, TISSAGE_TYPE_PERIOD), 0);
  g_autoptr(TissageIndicator) quantitative = NULL;
  g_autoptr(TissageIndicator) qualitative = NULL;
  g_autoptr(TissageIndicator) refused = NULL;
  g_autoptr(TissageMeasurement) measure = NULL;
  gint64 measures;
  double number;

  g_assert_no_error (error);
  quantitative = tissage_document_insert (document, TISSAGE_TYPE_INDICATOR, &error,
                                          "effect-id", tissage_record_get_id (TISSAGE_RECORD (effect)),
                                          "title", "Personnes en emploi", "unit", "personnes",
                                          "baseline-date", "2024-01-01", "target-date", "2026-12-31", NULL);
  qualitative = tissage_document_insert (document, TISSAGE_TYPE_INDICATOR, &error,
                                         "effect-id", tissage_record_get_id (TISSAGE_RECORD (effect)),
                                         "title", "Qualité de la coopération",
                                         "nature", TISSAGE_NATURE_QUALITATIVE, NULL);
  g_assert_no_error (error);
  measures = query_count (document, "SELECT count (*) FROM measurements");

  /* Text in a numeric indicator: refused in French, nothing saved. */
  g_assert_false (tissage_document_set_measure (document, quantitative, period, NULL, "beaucoup", &error));
  g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "beaucoup"));
  g_clear_error (&error);
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM measurements"), ==, measures);

  /* Numbers as French users write them. */
  g_assert_true (tissage_parse_number ("1 250,5", &number));
  g_assert_cmpfloat (number, ==, 1250.5);
  g_assert_true (tissage_parse_number ("1\u202f250", &number));
  g_assert_cmpfloat (number, ==, 1250.0);
  g_assert_true (tissage_parse_number ("42 %", &number));
  g_assert_cmpfloat (number, ==, 42.0);
  g_assert_false (tissage_parse_number ("12 personnes", &number));
  g_assert_false (tissage_parse_number ("", &number));

  g_assert_true (tissage_document_set_measure (document, quantitative, period, NULL, "1 250,5", &error));
  measure = tissage_document_get_measure (document, quantitative, period, NULL);
  g_assert_cmpfloat (tissage_measurement_get_value (measure), ==, 1250.5);
  g_clear_object (&measure);

  /* Qualitative indicators keep text; an empty entry clears the value. */
  g_assert_true (tissage_document_set_measure (document, qualitative, period, NULL,
                                               "Les structures se connaissent mieux", &error));
  measure = tissage_document_get_measure (document, qualitative, period, NULL);
  g_assert_cmpstr (tissage_measurement_get_text_value (measure), ==, "Les structures se connaissent mieux");
  g_clear_object (&measure);
  g_assert_true (tissage_document_set_measure (document, qualitative, period, NULL, "  ", &error));
  g_assert_null (tissage_document_get_measure (document, qualitative, period, NULL));
  g_assert_true (tissage_document_undo (document, &error));
  measure = tissage_document_get_measure (document, qualitative, period, NULL);
  g_assert_nonnull (measure);

  /* A target before the baseline, and a date that is not one. */
  g_assert_false (tissage_document_set (document, quantitative, &error, "target-date", "2023-06-30", NULL));
  g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM indicators WHERE title = 'Personnes en emploi' AND target_date = '2026-12-31'"), ==, 1);
  g_assert_false (tissage_document_set (document, quantitative, &error, "baseline-date", "31/12/2025", NULL));
  g_clear_error (&error);
  g_assert_false (tissage_document_set (document, quantitative, &error, "baseline-date", "2025-02-30", NULL));
  g_clear_error (&error);
  refused = tissage_document_insert (document, TISSAGE_TYPE_INDICATOR, &error,
                                     "effect-id", tissage_record_get_id (TISSAGE_RECORD (effect)),
                                     "title", "À rebours",
                                     "baseline-date", "2025-01-01", "target-date", "2024-01-01", NULL);
  g_assert_null (refused);
  g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM indicators WHERE title = 'À rebours'"), ==, 0);
}

static void
assert_subset (GHashTable *some,
               GHashTable *all)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, some);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      double *other = g_hash_table_lookup (all, key);

      g_assert_nonnull (other);
      g_assert_cmpfloat (*other, ==, *(double *) value);
    }
}

/* Each structure's values, in one pass, are those it entered. */
static void
test_foreach_value (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = tissage_document_create_example (fixture->file, &error);
  GListModel *structures = tissage_document_get_structures (document);
  guint total = 0;

  g_assert_no_error (error);

  for (guint s = 0; s < g_list_model_get_n_items (structures); s++)
    {
      g_autoptr(TissageStructure) structure = g_list_model_get_item (structures, s);
      g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM measurements m JOIN indicators i ON i.id = m.indicator_id"
                                              " WHERE i.nature = 0 AND m.value IS NOT NULL AND m.structure_id = %" G_GINT64_FORMAT,
                                              tissage_record_get_id (TISSAGE_RECORD (structure)));
      GHashTableIter iter;
      char *key;
      double *value;

      guint computed = 0;

      g_assert_true (tissage_document_foreach_value (document, structure, NULL, NULL, collect_consolidated, values));
      total += g_hash_table_size (values);

      g_hash_table_iter_init (&iter, values);
      while (g_hash_table_iter_next (&iter, (gpointer *) &key, (gpointer *) &value))
        {
          gint64 indicator_id = g_ascii_strtoll (key, NULL, 10);
          gint64 period_id = g_ascii_strtoll (strchr (key, ':') + 1, NULL, 10);
          TissageIndicator *indicator = tissage_document_lookup (document, TISSAGE_TYPE_INDICATOR, indicator_id);
          TissagePeriod *period = tissage_document_lookup (document, TISSAGE_TYPE_PERIOD, period_id);
          g_autoptr(TissageMeasurement) measure = tissage_document_get_measure (document, indicator, period, structure);

          /* Entered, or else computed from the structure's interviews. */
          if (measure != NULL)
            g_assert_cmpfloat (tissage_measurement_get_value (measure), ==, *value);
          else
            {
              g_autoptr(TissageComputedValue) from_interviews =
                tissage_document_compute_indicator_value (document, indicator_id, period_id,
                                                          tissage_record_get_id (TISSAGE_RECORD (structure)));

              g_assert_nonnull (from_interviews);
              g_assert_cmpfloat (from_interviews->value, ==, *value);
              computed++;
            }
        }
      g_assert_cmpint (g_hash_table_size (values) - computed, ==, query_count (document, sql));
    }
  g_assert_cmpuint (total, >, 10);

  /* The collective's are the consolidated ones. */
  {
    g_autoptr(GHashTable) mine = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
    g_autoptr(GHashTable) consolidated = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

    GListModel *periods = tissage_document_get_records (document, TISSAGE_TYPE_PERIOD);
    g_autoptr(TissageIndicator) indicator = g_list_model_get_item (tissage_document_get_records (document, TISSAGE_TYPE_INDICATOR), 0);
    guint n_periods = 0;

    g_assert_true (tissage_document_foreach_value (document, NULL, NULL, NULL, collect_consolidated, mine));
    g_assert_true (tissage_db_foreach_counted_value (tissage_document_get_db (document), 0, 0, 0,
                                                     collect_consolidated, consolidated, NULL));
    g_assert_cmpuint (g_hash_table_size (mine), ==, g_hash_table_size (consolidated));
    g_assert_cmpuint (g_hash_table_size (mine), >, 10);

    /* Narrowed to one period, or to one indicator: the same values. */
    for (guint p = 0; p < g_list_model_get_n_items (periods); p++)
      {
        g_autoptr(TissagePeriod) period = g_list_model_get_item (periods, p);
        g_autoptr(GHashTable) some = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

        g_assert_true (tissage_document_foreach_value (document, NULL, NULL, period, collect_consolidated, some));
        n_periods += g_hash_table_size (some);
        assert_subset (some, mine);
        g_hash_table_remove_all (some);
        g_assert_true (tissage_document_foreach_value (document, NULL, indicator, period, collect_consolidated, some));
        g_assert_cmpuint (g_hash_table_size (some), <=, 1);
        assert_subset (some, mine);
      }
    g_assert_cmpuint (n_periods, ==, g_hash_table_size (mine));

    {
      g_autoptr(GHashTable) some = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

      g_assert_true (tissage_document_foreach_value (document, NULL, indicator, NULL, collect_consolidated, some));
      g_assert_cmpuint (g_hash_table_size (some), >=, 1);
      assert_subset (some, mine);
    }
  }
}

/* A value computed from interviews says how many informed it. */
static void
test_computed_counts_interviews (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = tissage_document_create_example (fixture->file, &error);
  g_autoptr(TissageEffect) effect = g_list_model_get_item (tissage_document_get_records (document, TISSAGE_TYPE_EFFECT), 0);
  g_autoptr(TissagePeriod) period = g_list_model_get_item (tissage_document_get_records (document, TISSAGE_TYPE_PERIOD), 0);
  g_autoptr(TissageStructure) structure = g_list_model_get_item (tissage_document_get_structures (document), 0);
  g_autoptr(TissageIndicator) indicator = NULL;
  g_autoptr(TissageGrid) grid = NULL;
  g_autoptr(TissageGridQuestion) first = NULL;
  g_autoptr(TissageGridQuestion) second = NULL;
  TissageComputedValue *collective, *mine;
  g_autofree char *date = NULL;
  gint64 grid_id;

  g_assert_no_error (error);
  g_object_get (period, "start-date", &date, NULL);
  indicator = tissage_document_insert (document, TISSAGE_TYPE_INDICATOR, &error,
                                       "effect-id", tissage_record_get_id (TISSAGE_RECORD (effect)),
                                       "title", "Confiance", "unit", "%", NULL);
  grid = tissage_document_insert (document, TISSAGE_TYPE_GRID, &error, "title", "Guide", NULL);
  grid_id = tissage_record_get_id (TISSAGE_RECORD (grid));
  first = tissage_document_insert (document, TISSAGE_TYPE_GRID_QUESTION, &error, "grid-id", grid_id,
                                   "kind", TISSAGE_QUESTION_YES_NO, "text", "Oui ?", NULL);
  second = tissage_document_insert (document, TISSAGE_TYPE_GRID_QUESTION, &error, "grid-id", grid_id,
                                    "kind", TISSAGE_QUESTION_YES_NO, "text", "Encore oui ?", NULL);
  g_assert_no_error (error);
  for (guint q = 0; q < 2; q++)
    {
      g_autoptr(TissageQuestionIndicator) link =
        tissage_document_insert (document, TISSAGE_TYPE_QUESTION_INDICATOR, &error,
                                 "question-id", tissage_record_get_id (TISSAGE_RECORD (q == 0 ? first : second)),
                                 "indicator-id", tissage_record_get_id (TISSAGE_RECORD (indicator)), NULL);
      g_assert_no_error (error);
    }

  /* Three interviews, two held by the structure; each answers both questions. */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(TissageInterview) interview = tissage_document_insert (document, TISSAGE_TYPE_INTERVIEW, &error,
                                                                       "grid-id", grid_id, "date", date,
                                                                       "structure-id", i < 2 ? tissage_record_get_id (TISSAGE_RECORD (structure)) : (gint64) 0,
                                                                       NULL);
      g_assert_no_error (error);
      g_assert_true (tissage_document_set_answer (document, interview, first, "oui", &error));
      g_assert_true (tissage_document_set_answer (document, interview, second, i == 0 ? "oui" : "non", &error));
    }

  collective = tissage_document_compute_indicator_value (document, tissage_record_get_id (TISSAGE_RECORD (indicator)),
                                                         tissage_record_get_id (TISSAGE_RECORD (period)), 0);
  g_assert_nonnull (collective);
  g_assert_cmpuint (collective->n_answers, ==, 6);
  g_assert_cmpuint (collective->n_interviews, ==, 3);
  g_assert_cmpfloat_with_epsilon (collective->value, 400.0 / 6, 1e-9);

  mine = tissage_document_compute_indicator_value (document, tissage_record_get_id (TISSAGE_RECORD (indicator)),
                                                   tissage_record_get_id (TISSAGE_RECORD (period)),
                                                   tissage_record_get_id (TISSAGE_RECORD (structure)));
  g_assert_nonnull (mine);
  g_assert_cmpuint (mine->n_interviews, ==, 2);

  tissage_computed_value_free (collective);
  tissage_computed_value_free (mine);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/referentiel/example", test_example);
  ADD ("/referentiel/tree-persists", test_tree_persists);
  g_test_add_func ("/referentiel/bank/builtin", test_bank_builtin);
  g_test_add_func ("/referentiel/bank/invalid", test_bank_invalid);
  ADD ("/referentiel/bank/add", test_add_from_bank);
  ADD ("/referentiel/consolidation", test_consolidation);
  ADD ("/referentiel/bad-values", test_bad_values);
  ADD ("/referentiel/foreach-value", test_foreach_value);
  g_test_add_func ("/referentiel/format-number", test_format_number);
  g_test_add_func ("/referentiel/achievement", test_achievement);
  g_test_add_func ("/referentiel/dates", test_dates);
  ADD ("/referentiel/period-dates", test_period_dates);
  ADD ("/referentiel/score-units", test_score_units);
  ADD ("/referentiel/computed-counts-interviews", test_computed_counts_interviews);

  return g_test_run ();
}

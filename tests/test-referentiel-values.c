/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

/* The référentiel suite: what users type and read beside the records,
 * numbers, dates, periods, rates of achievement and score units. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "tissage-document-private.h"
#include "tissage-figures.h"
#include "tissage-interviews.h"
#include "tissage-referentiel.h"
#include "tissage-test-utils.h"
#include "test-referentiel-private.h"

#define RATE(value, baseline, target, direction) \
  (tissage_indicator_achievement ((value), (baseline), (target), (direction)).rate)

static void
assert_achievement (double           value,
                    double           baseline,
                    double           target,
                    TissageDirection direction,
                    double           rate,
                    gboolean         from_baseline,
                    gboolean         went_back)
{
  TissageAchievement achievement = tissage_indicator_achievement (value, baseline, target, direction);

  g_assert_cmpfloat_with_epsilon (achievement.rate, rate, 1e-9);
  g_assert_cmpint (achievement.from_baseline, ==, from_baseline);
  g_assert_cmpint (achievement.went_back, ==, went_back);
}

/*
 * One rate of achievement for the screens and the workbook: from the
 * baseline when it lies on the near side of the target, never below 0,
 * a value gone back behind its baseline said so; value over target
 * otherwise.
 */
void
test_achievement (void)
{
  const TissageDirection up = TISSAGE_DIRECTION_UP, down = TISSAGE_DIRECTION_DOWN;
  struct { TissageAchievement achievement; const char *expected; } words[] = {
    { { 0.625, TRUE, FALSE }, "63\u202f% of the way from the baseline" },
    { { 29.0 / 32, FALSE, FALSE }, "91\u202f% of the target" },
    { { 0, TRUE, TRUE }, "0\u202f%: went back from the baseline" },
  };
  TissageAchievement none = { NAN, FALSE, FALSE };

  /* No baseline: the share of the target. */
  assert_achievement (68, NAN, 80, up, 0.85, FALSE, FALSE);
  assert_achievement (29, NAN, 32, up, 29.0 / 32, FALSE, FALSE);
  /* A baseline below the target: the share of the way from it. */
  assert_achievement (60, 40, 80, up, 0.5, TRUE, FALSE);
  assert_achievement (90, 40, 80, up, 1.25, TRUE, FALSE);
  assert_achievement (29, 24, 32, up, 0.625, TRUE, FALSE);
  assert_achievement (40, 40, 80, up, 0, TRUE, FALSE);
  /* Behind the baseline: 0, gone back, never negative (the example's
   * 625 people met from 800 towards 1 200, 44 % from 48 % towards 50 %). */
  assert_achievement (625, 800, 1200, up, 0, TRUE, TRUE);
  assert_achievement (44, 48, 50, up, 0, TRUE, TRUE);
  /* A baseline already at or above the target: the share of the target. */
  assert_achievement (4, 5, 5, up, 0.8, FALSE, FALSE);
  assert_achievement (5, 5, 5, up, 1, FALSE, FALSE);
  assert_achievement (45, 60, 50, up, 0.9, FALSE, FALSE);
  /* Fewer early school leavers: from 30 down to 10. */
  assert_achievement (20, 30, 10, down, 0.5, TRUE, FALSE);
  assert_achievement (8, 30, 10, down, 1.1, TRUE, FALSE);
  assert_achievement (35, 30, 10, down, 0, TRUE, TRUE);
  /* Going down without a baseline, or from one below the target: the
   * target over the value. */
  assert_achievement (40, NAN, 30, down, 0.75, FALSE, FALSE);
  assert_achievement (40, 20, 30, down, 0.75, FALSE, FALSE);
  assert_achievement (0, NAN, 0, down, 1, FALSE, FALSE);
  assert_achievement (2, NAN, 0, down, 0, FALSE, FALSE);
  /* A target of 0: reached by any value at or above it. */
  assert_achievement (0, NAN, 0, up, 1, FALSE, FALSE);
  assert_achievement (3, NAN, 0, up, 1, FALSE, FALSE);
  assert_achievement (-3, NAN, 0, up, 0, FALSE, FALSE);
  /* From −10 up to 0, at −4: six tenths of the way. */
  assert_achievement (-4, -10, 0, up, 0.6, TRUE, FALSE);
  /* A balance below zero against a positive target: 0, not negative. */
  assert_achievement (-5, NAN, 20, up, 0, FALSE, FALSE);
  g_assert_true (isnan (RATE (5, 0, NAN, up)));
  g_assert_true (isnan (RATE (NAN, 0, 10, up)));
  g_assert_false (tissage_indicator_achievement (NAN, 40, 80, up).went_back);

  /* Never below 0, whatever the figures. */
  for (double value = -50; value <= 150; value += 12.5)
    for (double baseline = -40; baseline <= 120; baseline += 20)
      {
        g_assert_cmpfloat (RATE (value, baseline, 80, up), >=, 0);
        g_assert_cmpfloat (RATE (value, baseline, 20, down), >=, 0);
      }

  /* In words, saying what the rate is measured from (in the source
   * language here). */
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      g_autofree char *text = tissage_achievement_describe (&words[i].achievement);

      g_assert_cmpstr (text, ==, words[i].expected);
    }
  g_assert_null (tissage_achievement_describe (&none));

  /* Reached means the same as a progress of 1 or more. */
  g_assert_true (tissage_indicator_reached (0, 0, up));
  g_assert_true (tissage_indicator_reached (61, 60, up));
  g_assert_false (tissage_indicator_reached (59, 60, up));
  g_assert_true (tissage_indicator_reached (8, 10, down));
  g_assert_false (tissage_indicator_reached (12, 10, down));
  g_assert_true (tissage_indicator_reached (0, 0, down));
  g_assert_false (tissage_indicator_reached (NAN, 0, up));
}

void
test_format_number (void)
{
  struct { double value; const char *unit; const char *expected; } cases[] = {
    { 1250, NULL, "1\u202f250" },
    { 1250, "personnes", "1\u202f250\u00a0personnes" },
    { 68, "%", "68\u202f%" },
    { 68.04, " % ", "68\u202f%" },
    { 12.5, "", "12,5" },
    { 12, NULL, "12" },
    { 3.26, "/5", "3,3\u00a0/5" },
    { 0.126, NULL, "0,13" },
    { 1234567.8, "€", "1\u202f234\u202f568\u00a0€" },
    { -1500, NULL, "−1\u202f500" },
    { -0.001, NULL, "0" },
    { 100, NULL, "100" },
    { NAN, "%", "—" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = tissage_format_number (cases[i].value, cases[i].unit);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

void
test_dates (void)
{
  static const struct { const char *typed; const char *iso; } good[] = {
    { "31/12/2026", "2026-12-31" }, { "1/3/25", "2025-03-01" }, { "31-12-2026", "2026-12-31" },
    { "31.12.2026", "2026-12-31" }, { "2026-12-31", "2026-12-31" }, { " 12/03/2025 14:35 ", "2025-03-12" },
    { "29/02/2024", "2024-02-29" }, { "31/12/2023", "2023-12-31" },
    { "31 décembre 2025", "2025-12-31" }, { "1er janvier 2026", "2026-01-01" },
    { "1ᵉʳ janvier 2026", "2026-01-01" }, { "lundi 2 mars 2026", "2026-03-02" },
    { "3 déc. 2025", "2025-12-03" }, { "3 DEC 2025", "2025-12-03" }, { "14 juil. 2026", "2026-07-14" },
    { "15\u00a0août\u00a02026", "2026-08-15" }, { "28/11/2026", "2026-11-28" },
  };
  static const char * const bad[] = {
    "", "demain", "31/02/2026", "29/02/2025", "12/03", "12/03-2025", "12/13/2025", "01/01/1850", "2026/12/31x",
    /* Still being typed: a year of one or three figures is none. */
    "28/11/2", "28/11/202", "28/11",
    "31 décembre", "2 jui 2026", "2er mars 2026", "32 janvier 2026", "déc. 2025", "12/2025",
  };
  static const struct { const char *typed; const char *iso; const char *shown; } months[] = {
    { "déc. 2025", "2025-12", "12/2025" }, { "décembre 2025", "2025-12", "12/2025" },
    { "Janv 2026", "2026-01", "01/2026" }, { "12/2025", "2025-12", "12/2025" },
    { "2025-12", "2025-12", "12/2025" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *iso = NULL;
      g_autofree char *shown = NULL;
      g_autofree char *again = NULL;

      g_assert_true (tissage_parse_date (good[i].typed, &iso));
      g_assert_cmpstr (iso, ==, good[i].iso);
      /* Shown as day/month/year, it reads back to the same date. */
      shown = tissage_format_date (iso);
      g_assert_cmpint (shown[2], ==, '/');
      g_assert_true (tissage_parse_date (shown, &again));
      g_assert_cmpstr (again, ==, iso);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *iso = NULL;

      g_assert_false (tissage_parse_date (bad[i], &iso));
      g_assert_null (iso);
    }

  /* A month alone, for the fields that take one; a day is read as a day. */
  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    {
      g_autofree char *iso = NULL;
      g_autofree char *shown = NULL;

      g_assert_cmpint (tissage_read_date (months[i].typed, &iso), ==, TISSAGE_DATE_MONTH);
      g_assert_cmpstr (iso, ==, months[i].iso);
      shown = tissage_format_date (iso);
      g_assert_cmpstr (shown, ==, months[i].shown);
    }
  {
    g_autofree char *iso = NULL;

    g_assert_cmpint (tissage_read_date ("31 décembre 2025", &iso), ==, TISSAGE_DATE_DAY);
    g_assert_cmpstr (iso, ==, "2025-12-31");
  }
}

void
test_period_dates (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = tissage_document_create (fixture->file, &error);
  g_autoptr(TissagePeriod) period = NULL;
  g_autofree char *shown = NULL;

  g_assert_no_error (error);
  period = tissage_document_insert (document, TISSAGE_TYPE_PERIOD, &error, "label", "2027",
                                    "start-date", "2027-01-01", "end-date", "2027-12-31", NULL);
  g_assert_no_error (error);

  /* Dates are stored as ISO dates, shown the French way. */
  shown = tissage_format_date ("2027-01-01");
  g_assert_cmpstr (shown, ==, "01/01/2027");

  g_assert_false (tissage_document_set (document, period, &error, "end-date", "2026-06-30", NULL));
  g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_false (tissage_document_set (document, period, &error, "start-date", "31/12/2027", NULL));
  g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_true (tissage_document_set (document, period, &error, "start-date", "", "end-date", "", NULL));
  g_assert_no_error (error);
}

/* A mean score reads "4 sur 5": the units of the example and of the bank
 * do not repeat the word the figure stands for ("4 note sur 5"). */
static void
check_score_unit (const char *title,
                  const char *unit)
{
  g_autofree char *shown = NULL;

  if (unit == NULL || strstr (unit, "5") == NULL)
    return;
  shown = tissage_format_number (4, unit);
  g_test_message ("%s: %s", title, shown);
  g_assert_cmpstr (shown, ==, "4\u00a0sur 5");
}

void
test_score_units (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = tissage_document_create_example (fixture->file, &error);
  g_autoptr(GPtrArray) bank = tissage_bank_load_builtin (&error);
  GListModel *indicators;
  guint scores = 0;

  g_assert_no_error (error);
  indicators = tissage_document_get_records (document, TISSAGE_TYPE_INDICATOR);
  for (guint i = 0; i < g_list_model_get_n_items (indicators); i++)
    {
      g_autoptr(TissageIndicator) indicator = g_list_model_get_item (indicators, i);
      g_autofree char *unit = NULL;

      g_object_get (indicator, "unit", &unit, NULL);
      scores += unit != NULL && strstr (unit, "5") != NULL;
      check_score_unit (tissage_indicator_get_title (indicator), unit);
    }
  for (guint i = 0; i < bank->len; i++)
    {
      g_autofree char *unit = NULL;

      g_object_get (g_ptr_array_index (bank, i), "unit", &unit, NULL);
      scores += unit != NULL && strstr (unit, "5") != NULL;
      check_score_unit (tissage_bank_indicator_get_title (g_ptr_array_index (bank, i)), unit);
    }
  g_assert_cmpuint (scores, >=, 2);
}

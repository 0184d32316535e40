/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "tissage-document-private.h"
#include "tissage-entities.h"
#include "tissage-figures.h"
#include "tissage-figures-project.h"
#include "tissage-test-utils.h"

/* The figures of the hand-made project, counted on paper
 * (tissage-figures-project.h), as the core computes them. */

typedef struct {
  guint interviews, done, verbatims, quantitative, measured, targets_measured, reached;
} Expected;

static void
assert_figures (TissageDocument  *document,
                const char       *period,
                const char       *structure,
                const Expected   *expected)
{
  g_autoptr(GError) error = NULL;
  TissageFigures figures;

  g_assert_true (tissage_document_compute_figures (document,
                                                   period ? figures_project_find (document, TISSAGE_TYPE_PERIOD, period) : NULL,
                                                   structure ? figures_project_find (document, TISSAGE_TYPE_STRUCTURE, structure) : NULL,
                                                   &figures, &error));
  g_assert_no_error (error);
  g_test_message ("%s, %s", period ? period : "every period", structure ? structure : "collective");
  g_assert_cmpuint (figures.structures, ==, 2);
  g_assert_cmpuint (figures.interviews, ==, expected->interviews);
  g_assert_cmpuint (figures.interviews_done, ==, expected->done);
  g_assert_cmpuint (figures.verbatims, ==, expected->verbatims);
  g_assert_cmpuint (figures.quantitative, ==, expected->quantitative);
  g_assert_cmpuint (figures.with_target, ==, expected->quantitative);
  g_assert_cmpuint (figures.measured, ==, expected->measured);
  g_assert_cmpuint (figures.targets_measured, ==, expected->targets_measured);
  g_assert_cmpuint (figures.targets_reached, ==, expected->reached);
}

/* Interviews and quotes count within the period's dates; the targets
 * reached include a target of 0, one structure's own indicator and a
 * value computed from the interviews. */
static void
test_periods (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(TissageDocument) document = figures_project_create (fixture->file);
  const Expected half = { 3, 2, 2, 5, 5, 5, 4 };
  /* 2025: 0 complaints expected, 3 entered (target 0 reached going up);
   * confidence 1,5 from two interviews. */
  const Expected year = { 2, 2, 3, 5, 2, 2, 1 };
  /* Every period: each indicator by its latest value, the half-year's. */
  const Expected all = { 5, 4, 5, 5, 5, 5, 4 };

  assert_figures (document, FIGURES_HALF_YEAR, NULL, &half);
  assert_figures (document, "2025", NULL, &year);
  assert_figures (document, NULL, NULL, &all);
}

/* A structure sees its interviews, its quotes, its values and the
 * indicators common to all or its own. */
static void
test_structures (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(TissageDocument) document = figures_project_create (fixture->file);
  /* Nord: its own 61 (reached), its 70 of satisfaction (not), its one
   * interview's 4 of confidence (reached). */
  const Expected north = { 1, 1, 1, 5, 3, 3, 2 };
  /* Sud: not Nord's indicator; 60 of satisfaction, 5 of confidence. */
  const Expected south = { 2, 1, 1, 4, 2, 2, 1 };

  assert_figures (document, FIGURES_HALF_YEAR, "Mission locale Nord", &north);
  assert_figures (document, FIGURES_HALF_YEAR, "Régie de quartier Sud", &south);
}

/* A sum's target is the collective's: a structure's share of it is
 * counted as measured, never read against that target. */
static void
test_structure_share_of_a_sum (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(TissageDocument) document = figures_project_create (fixture->file);
  g_autoptr(GError) error = NULL;
  TissageIndicator *mean = figures_project_find (document, TISSAGE_TYPE_INDICATOR, FIGURES_MEAN);
  TissagePeriod *half = figures_project_find (document, TISSAGE_TYPE_PERIOD, FIGURES_HALF_YEAR);
  TissageStructure *north = figures_project_find (document, TISSAGE_TYPE_STRUCTURE, "Mission locale Nord");
  TissageFigures before, after;

  /* Nord's 70 of satisfaction against the collective's 80: a mean, read. */
  g_assert_true (tissage_document_compute_figures (document, half, north, &before, &error));
  g_assert_no_error (error);
  /* Counted as a sum, Nord's 70 is its share of the collective's 80. */
  g_assert_true (tissage_document_set (document, mean, &error, "consolidation", TISSAGE_CONSOLIDATION_SUM, NULL));
  g_assert_no_error (error);
  g_assert_true (tissage_document_compute_figures (document, half, north, &after, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (after.measured, ==, before.measured);
  g_assert_cmpuint (after.targets_measured, ==, before.targets_measured - 1);
  g_assert_cmpuint (after.targets_reached, ==, before.targets_reached);
  /* The collective's own figures still read its value against its target. */
  g_assert_true (tissage_document_compute_figures (document, half, NULL, &after, &error));
  g_assert_cmpuint (after.targets_measured, ==, 5);
}

static void
assert_counted (TissageDocument    *document,
                const char         *title,
                const char         *structure,
                double              value,
                TissageValueSource  source,
                const char         *words)
{
  TissageCountedValue counted;
  g_autofree char *described = NULL;

  g_assert_true (tissage_document_get_counted_value (document,
                                                     figures_project_find (document, TISSAGE_TYPE_INDICATOR, title),
                                                     figures_project_find (document, TISSAGE_TYPE_PERIOD, FIGURES_HALF_YEAR),
                                                     structure ? figures_project_find (document, TISSAGE_TYPE_STRUCTURE, structure) : NULL,
                                                     &counted));
  g_assert_cmpfloat_with_epsilon (counted.value, value, 1e-9);
  g_assert_cmpint (counted.source, ==, source);
  described = tissage_counted_value_describe (&counted);
  g_assert_cmpstr (described, ==, words);
}

/* Which value counts, and the words that say so. */
static void
test_counted_values (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(TissageDocument) document = figures_project_create (fixture->file);
  g_autoptr(GError) error = NULL;
  TissageIndicator *mean = figures_project_find (document, TISSAGE_TYPE_INDICATOR, FIGURES_MEAN);
  TissageIndicator *scoped = figures_project_find (document, TISSAGE_TYPE_INDICATOR, FIGURES_SCOPED);
  TissagePeriod *half = figures_project_find (document, TISSAGE_TYPE_PERIOD, FIGURES_HALF_YEAR);
  double value = 0;

  /* The collective's entered 85 counts, not the mean of 70 and 60. */
  assert_counted (document, FIGURES_MEAN, NULL, 85, TISSAGE_VALUE_ENTERED, "entered");
  g_assert_true (tissage_document_consolidate (document, mean, half, &value));
  g_assert_cmpfloat (value, ==, 85);
  /* One structure's indicator: the collective's figure is Nord's 61. */
  assert_counted (document, FIGURES_SCOPED, NULL, 61, TISSAGE_VALUE_ENTERED, "entered");
  g_assert_true (tissage_document_consolidate (document, scoped, half, &value));
  g_assert_cmpfloat (value, ==, 61);
  assert_counted (document, FIGURES_SCOPED, "Mission locale Nord", 61, TISSAGE_VALUE_ENTERED, "entered");
  assert_counted (document, FIGURES_COMPUTED, NULL, 4.5, TISSAGE_VALUE_COMPUTED, "computed from 2 interviews");
  assert_counted (document, FIGURES_COMPUTED, "Régie de quartier Sud", 5, TISSAGE_VALUE_COMPUTED,
                  "computed from 1 interview");

  /* Without the collective's value, the mean of the structures. */
  g_assert_true (tissage_document_set_measure (document, mean, half, NULL, "", &error));
  g_assert_no_error (error);
  assert_counted (document, FIGURES_MEAN, NULL, 65, TISSAGE_VALUE_CONSOLIDATED, "mean of 2 structures");

  /* A value typed over a computed one counts instead, and says so. */
  g_assert_true (tissage_document_set_measure (document,
                                               figures_project_find (document, TISSAGE_TYPE_INDICATOR, FIGURES_COMPUTED),
                                               half, NULL, "3,5", &error));
  g_assert_no_error (error);
  assert_counted (document, FIGURES_COMPUTED, NULL, 3.5, TISSAGE_VALUE_ENTERED, "entered");
}

/* The figures the document keeps for the screen are those the core
 * computes from the file, for @period (NULL: every one). */
static void
assert_kept_figures_fresh (TissageDocument *document,
                           TissagePeriod   *period,
                           guint            done)
{
  g_autoptr(GError) error = NULL;
  TissageFigures kept, fresh;

  g_assert_true (tissage_document_compute_figures (document, period, NULL, &kept, &error));
  g_assert_no_error (error);
  g_assert_true (tissage_db_compute_figures (tissage_document_get_db (document), tissage_record_id (period), 0,
                                             &fresh, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (kept.interviews_done, ==, done);
  g_assert_cmpint (memcmp (&kept, &fresh, sizeof kept), ==, 0);
}

static void
add_value (gint64                     indicator_id,
           gint64                     period_id,
           const TissageCountedValue *value,
           gpointer                   user_data)
{
  *(double *) user_data += value->value;
}

static double
sum_of_values (TissageDocument  *document,
               TissageIndicator *indicator,
               TissagePeriod    *period)
{
  double sum = 0;

  g_assert_true (tissage_document_foreach_value (document, NULL, indicator, period, add_value, &sum));
  return sum;
}

/* What the document keeps is forgotten at the first change: an edit
 * through the document, a write to its connection that no signal tells,
 * a write by another program. */
static void
test_kept_until_change (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(TissageDocument) document = figures_project_create (fixture->file);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (fixture->file);
  TissageIndicator *mean = figures_project_find (document, TISSAGE_TYPE_INDICATOR, FIGURES_MEAN);
  TissagePeriod *half = figures_project_find (document, TISSAGE_TYPE_PERIOD, FIGURES_HALF_YEAR);
  sqlite3 *other = NULL;

  assert_kept_figures_fresh (document, half, 2);
  assert_kept_figures_fresh (document, NULL, 4);
  /* Asked twice, of a period, of an indicator and of all. */
  g_assert_cmpfloat (sum_of_values (document, mean, half), ==, 85);
  g_assert_cmpfloat (sum_of_values (document, mean, half), ==, 85);
  g_assert_cmpfloat (sum_of_values (document, NULL, half), ==, sum_of_values (document, NULL, half));

  /* Through the document: the mean of the structures counts. */
  g_assert_true (tissage_document_set_measure (document, mean, half, NULL, "", &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (sum_of_values (document, mean, half), ==, 65);
  g_assert_cmpfloat (sum_of_values (document, mean, NULL), ==, sum_of_values (document, mean, half) +
                                                             sum_of_values (document, mean,
                                                                            figures_project_find (document, TISSAGE_TYPE_PERIOD, "2025")));

  /* Straight to the connection, without a signal. */
  g_assert_cmpint (sqlite3_exec (tissage_document_get_db (document),
                                 "UPDATE interviews SET status = 1 WHERE status = 2"
                                 " AND id = (SELECT min (id) FROM interviews WHERE status = 2)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  assert_kept_figures_fresh (document, NULL, 3);

  /* Another program. */
  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "UPDATE interviews SET status = 1 WHERE status = 2", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (other), ==, SQLITE_OK);
  assert_kept_figures_fresh (document, NULL, 0);
  assert_kept_figures_fresh (document, half, 0);
}

/* Lower is better: 40 days against a target of 30, from 45. */
static void
test_direction (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(TissageDocument) document = figures_project_create (fixture->file);
  g_autoptr(GError) error = NULL;
  TissageIndicator *down = figures_project_find (document, TISSAGE_TYPE_INDICATOR, FIGURES_DOWN);
  TissagePeriod *half = figures_project_find (document, TISSAGE_TYPE_PERIOD, FIGURES_HALF_YEAR);
  TissageFigures figures;

  g_assert_cmpint (tissage_indicator_get_direction (down), ==, TISSAGE_DIRECTION_DOWN);
  g_assert_cmpfloat_with_epsilon (tissage_indicator_achievement (40, 45, 30, TISSAGE_DIRECTION_DOWN).rate, 1.0 / 3, 1e-9);
  g_assert_true (tissage_document_compute_figures (document, half, NULL, &figures, NULL));
  g_assert_cmpuint (figures.targets_reached, ==, 4);

  /* 28 days: reached; and undone, the 40 again. */
  g_assert_true (tissage_document_set_measure (document, down, half, NULL, "28", &error));
  g_assert_no_error (error);
  g_assert_true (tissage_document_compute_figures (document, half, NULL, &figures, NULL));
  g_assert_cmpuint (figures.targets_reached, ==, 5);

  /* Read as going up, 40 would pass 30: the direction is what decides. */
  g_assert_true (tissage_document_set_measure (document, down, half, NULL, "40", &error));
  g_assert_true (tissage_document_set (document, down, &error, "direction", TISSAGE_DIRECTION_UP, NULL));
  g_assert_no_error (error);
  g_assert_true (tissage_document_compute_figures (document, half, NULL, &figures, NULL));
  g_assert_cmpuint (figures.targets_reached, ==, 5);
}

/* A half-year beside a year: said, so that nobody reads six months
 * against an annual target without a word. */
static void
test_period_lengths (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(TissageDocument) document = figures_project_create (fixture->file);
  g_autoptr(GError) error = NULL;
  TissagePeriod *half = figures_project_find (document, TISSAGE_TYPE_PERIOD, FIGURES_HALF_YEAR);
  TissagePeriod *year = figures_project_find (document, TISSAGE_TYPE_PERIOD, "2025");
  g_autoptr(TissagePeriod) quarter = NULL;
  g_autoptr(TissagePeriod) undated = NULL;

  g_assert_cmpuint (tissage_period_get_months (half), ==, 6);
  g_assert_cmpuint (tissage_period_get_months (year), ==, 12);
  g_assert_cmpuint (tissage_document_get_other_period_months (document, half), ==, 12);
  g_assert_cmpuint (tissage_document_get_other_period_months (document, year), ==, 6);

  /* A period without dates says nothing and counts for nothing. */
  undated = tissage_document_insert (document, TISSAGE_TYPE_PERIOD, &error, "label", "Bilan", NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (tissage_period_get_months (undated), ==, 0);
  g_assert_cmpuint (tissage_document_get_other_period_months (document, undated), ==, 0);
  g_assert_cmpuint (tissage_document_get_other_period_months (document, half), ==, 12);

  /* February to April of a leap year: a quarter. */
  quarter = tissage_document_insert (document, TISSAGE_TYPE_PERIOD, &error, "label", "T1 2028",
                                     "start-date", "2028-02-01", "end-date", "2028-04-30", NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (tissage_period_get_months (quarter), ==, 3);

  /* Years alone: nothing to say. */
  g_assert_true (tissage_document_delete (document, quarter, &error));
  g_assert_true (tissage_document_set (document, half, &error, "end-date", "2026-12-31", NULL));
  g_assert_no_error (error);
  g_assert_cmpuint (tissage_document_get_other_period_months (document, year), ==, 0);
}

/* A half-year's own target counts for it, the indicator's for the others;
 * a word leaves the target as it was; undone, the indicator's is back. */
static void
test_period_target (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(TissageDocument) document = figures_project_create (fixture->file);
  g_autoptr(GError) error = NULL;
  TissagePeriod *half = figures_project_find (document, TISSAGE_TYPE_PERIOD, FIGURES_HALF_YEAR);
  TissagePeriod *year = figures_project_find (document, TISSAGE_TYPE_PERIOD, "2025");
  TissageIndicator *mean = figures_project_find (document, TISSAGE_TYPE_INDICATOR, FIGURES_MEAN);
  TissageIndicator *down = figures_project_find (document, TISSAGE_TYPE_INDICATOR, FIGURES_DOWN);
  TissageFigures figures;

  g_assert_true (isnan (tissage_document_get_period_target (document, mean, half)));
  g_assert_cmpfloat (tissage_document_get_target_for_period (document, mean, half), ==, 80);

  /* 85 against 90 for the half-year: no longer reached; 40 fewer
   * ruptures against 45 going down: reached. */
  g_assert_true (tissage_document_set_period_target (document, mean, half, "90", &error));
  g_assert_no_error (error);
  g_assert_true (tissage_document_set_period_target (document, down, half, " 45,0 ", &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (tissage_document_get_period_target (document, mean, half), ==, 90);
  g_assert_cmpfloat (tissage_document_get_target_for_period (document, mean, half), ==, 90);
  g_assert_cmpfloat (tissage_document_get_target_for_period (document, mean, year), ==, 80);
  g_assert_cmpfloat (tissage_document_get_target_for_period (document, mean, NULL), ==, 80);
  g_assert_true (tissage_document_compute_figures (document, half, NULL, &figures, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (figures.targets_measured, ==, 5);
  g_assert_cmpuint (figures.targets_reached, ==, 4);

  /* A word is refused and changes nothing. */
  g_assert_false (tissage_document_set_period_target (document, mean, half, "quatre-vingt-dix", &error));
  g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_cmpfloat (tissage_document_get_period_target (document, mean, half), ==, 90);

  /* An indicator without a target of its own has one with a period's. */
  g_assert_true (tissage_document_set (document, mean, &error, "target", NAN, NULL));
  g_assert_no_error (error);
  g_assert_true (tissage_document_indicator_has_target (document, mean));
  g_assert_true (tissage_document_compute_figures (document, NULL, NULL, &figures, &error));
  g_assert_cmpuint (figures.with_target, ==, 5);
  g_assert_true (tissage_document_undo (document, &error));
  g_assert_no_error (error);

  /* Emptied, the indicator's target counts again; undone, the period's. */
  g_assert_true (tissage_document_set_period_target (document, mean, half, "", &error));
  g_assert_no_error (error);
  g_assert_true (isnan (tissage_document_get_period_target (document, mean, half)));
  g_assert_true (tissage_document_compute_figures (document, half, NULL, &figures, &error));
  g_assert_cmpuint (figures.targets_reached, ==, 5);
  g_assert_true (tissage_document_undo (document, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (tissage_document_get_period_target (document, mean, half), ==, 90);
}

/* A project saved before indicators had a direction: those aimed below
 * their baseline, which were read as going down, still do. */
static void
test_direction_migration (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = tissage_document_create_example (fixture->file, &error);
  g_autofree char *path = g_file_get_path (fixture->file);
  sqlite3 *db = NULL;
  gint64 down, aimed_below;

  g_assert_no_error (error);
  g_clear_object (&document);

  /* The same project as the version before the direction's migration,
   * wherever the migrations put it, wrote it: that version's schema, and
   * the rows it can hold. */
  {
    guint n, before = 0;
    const TissageMigration *migrations = tissage_schema_get_migrations (&n);
    const char * const *tables = tissage_schema_get_tables ();
    g_autofree char *old_path = g_strconcat (path, ".ancien", NULL);
    g_autofree char *attach = NULL;

    for (guint i = 0; i < n; i++)
      if (migrations[i].sql != NULL && strstr (migrations[i].sql, "indicators ADD COLUMN direction") != NULL)
        before = i;
    g_assert_cmpuint (before, >, 0);

    g_assert_cmpint (sqlite3_open (old_path, &db), ==, SQLITE_OK);
    g_assert_true (tissage_schema_create (db, before, NULL));
    attach = sqlite3_mprintf ("ATTACH DATABASE %Q AS current; PRAGMA foreign_keys = OFF; BEGIN;", path);
    g_assert_cmpint (sqlite3_exec (db, attach, NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_free (g_steal_pointer (&attach));
    for (guint t = 0; tables[t] != NULL; t++)
      {
        g_autofree char *columns_sql = g_strdup_printf ("SELECT group_concat ('\"' || name || '\"', ',') FROM pragma_table_info ('%s', 'main')"
                                                        " WHERE name IN (SELECT name FROM pragma_table_info ('%s', 'current'))",
                                                        tables[t], tables[t]);
        sqlite3_stmt *stmt = NULL;
        g_autofree char *columns = NULL;
        g_autofree char *copy = NULL;

        g_assert_cmpint (sqlite3_prepare_v2 (db, columns_sql, -1, &stmt, NULL), ==, SQLITE_OK);
        if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
          columns = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
        sqlite3_finalize (stmt);
        if (columns == NULL)
          continue;
        copy = g_strdup_printf ("INSERT INTO main.%s (%s) SELECT %s FROM current.%s", tables[t], columns, columns, tables[t]);
        g_assert_cmpint (sqlite3_exec (db, copy, NULL, NULL, NULL), ==, SQLITE_OK);
      }
    g_assert_cmpint (sqlite3_exec (db, "DELETE FROM interviews_fts;" TISSAGE_SCHEMA_FILL_SEARCH_SQL
                                       "COMMIT; DETACH DATABASE current;", NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
    g_assert_cmpint (g_rename (old_path, path), ==, 0);
  }

  document = tissage_document_open (fixture->file, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tissage_document_get_schema_version (document), ==, TISSAGE_SCHEMA_VERSION);
  down = query_count (document, "SELECT count (*) FROM indicators WHERE direction = 1");
  aimed_below = query_count (document, "SELECT count (*) FROM indicators WHERE target < baseline");
  g_assert_cmpint (down, ==, 2);
  g_assert_cmpint (down, ==, aimed_below);
  g_assert_false (tissage_document_get_read_only (document));
}

/* The example project: the key figures of its periods are those of the
 * interviews dated within them. */
static void
test_example (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = tissage_document_create_example (fixture->file, &error);
  GListModel *periods = tissage_document_get_records (document, TISSAGE_TYPE_PERIOD);
  guint checked = 0;

  g_assert_no_error (error);
  for (guint p = 0; p < g_list_model_get_n_items (periods); p++)
    {
      g_autoptr(TissagePeriod) period = g_list_model_get_item (periods, p);
      g_autofree char *start = NULL, *end = NULL;
      g_autofree char *interviews = NULL, *done = NULL, *quotes = NULL;
      TissageFigures figures;

      g_object_get (period, "start-date", &start, "end-date", &end, NULL);
      if (*start == '\0' || *end == '\0')
        continue;
      interviews = g_strdup_printf ("SELECT count (*) FROM interviews WHERE date BETWEEN '%s' AND '%s'", start, end);
      done = g_strdup_printf ("SELECT count (*) FROM interviews WHERE status = 2 AND date BETWEEN '%s' AND '%s'", start, end);
      quotes = g_strdup_printf ("SELECT count (*) FROM verbatims v JOIN answers a ON a.id = v.answer_id"
                                " JOIN interviews i ON i.id = a.interview_id WHERE i.date BETWEEN '%s' AND '%s'",
                                start, end);
      g_assert_true (tissage_document_compute_figures (document, period, NULL, &figures, &error));
      g_assert_no_error (error);
      g_test_message ("%s: %u/%u interviews, %u quotes, %u/%u targets reached",
                      tissage_period_get_label (period), figures.interviews_done, figures.interviews,
                      figures.verbatims, figures.targets_reached, figures.targets_measured);
      g_assert_cmpint (figures.interviews, ==, query_count (document, interviews));
      g_assert_cmpint (figures.interviews_done, ==, query_count (document, done));
      g_assert_cmpint (figures.verbatims, ==, query_count (document, quotes));
      g_assert_cmpuint (figures.targets_reached, <=, figures.targets_measured);
      /* The half-year, counted by hand in the example's data. */
      if (g_str_equal (tissage_period_get_label (period), FIGURES_HALF_YEAR))
        {
          g_assert_cmpuint (figures.interviews, ==, 9);
          g_assert_cmpuint (figures.interviews_done, ==, 7);
          g_assert_cmpuint (figures.verbatims, ==, 37);
        }
      checked++;
    }
  g_assert_cmpuint (checked, ==, 3);

  /* Its delays and dropouts, aimed below where they started, go down. */
  {
    GListModel *indicators = tissage_document_get_records (document, TISSAGE_TYPE_INDICATOR);
    guint down = 0;

    for (guint i = 0; i < g_list_model_get_n_items (indicators); i++)
      {
        g_autoptr(TissageIndicator) indicator = g_list_model_get_item (indicators, i);
        double baseline = NAN;

        g_object_get (indicator, "baseline", &baseline, NULL);
        if (!isnan (baseline) && tissage_indicator_get_target (indicator) < baseline)
          {
            g_test_message ("down: %s", tissage_indicator_get_title (indicator));
            g_assert_cmpint (tissage_indicator_get_direction (indicator), ==, TISSAGE_DIRECTION_DOWN);
          }
        down += tissage_indicator_get_direction (indicator) == TISSAGE_DIRECTION_DOWN;
      }
    g_assert_cmpuint (down, ==, 2);
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/figures/periods", test_periods);
  ADD ("/figures/structures", test_structures);
  ADD ("/figures/structure-share-of-a-sum", test_structure_share_of_a_sum);
  ADD ("/figures/counted-values", test_counted_values);
  ADD ("/figures/period-target", test_period_target);
  ADD ("/figures/direction", test_direction);
  ADD ("/figures/period-lengths", test_period_lengths);
  ADD ("/figures/direction-migration", test_direction_migration);
  ADD ("/figures/example", test_example);
  ADD ("/figures/kept-until-change", test_kept_until_change);

  return g_test_run ();
}

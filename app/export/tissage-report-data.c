/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-report"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tissage-interviews.h"
#include "tissage-privacy.h"
#include "tissage-report-private.h"

/* Reading the project for the report: the référentiel with the values of
 * its indicators, the quotes of each enjeu, the counts of the methods
 * page. Figures come from the core (tissage-figures.h), never from here. */

#define MAX_QUOTES 3

/* Interviews of the period's dates and of a structure, as the key
 * figures count them. */
#define INTERVIEWS_IN_SCOPE \
  " (?1 IS NULL OR iv.date BETWEEN ?1 AND ?2)" \
  " AND (?3 = 0 OR iv.structure_id = ?3" \
  "      OR coalesce (nullif (iv.person_structure_id, 0), sh.structure_id) = ?3)"

typedef struct
{
  sqlite3    *db;
  GError    **error;
  gboolean    failed;
} Reader;

static void
period_free (gpointer data)
{
  ReportPeriod *period = data;

  g_free (period->label);
  g_free (period->start);
  g_free (period->end);
  g_free (period);
}

static void
indicator_free (gpointer data)
{
  ReportIndicator *indicator = data;

  g_free (indicator->title);
  g_free (indicator->definition);
  g_free (indicator->unit);
  g_free (indicator->source);
  g_free (indicator->target_text);
  g_free (indicator->values);
  g_free (indicator->collective);
  g_free (indicator->counted);
  g_free (indicator->text_value);
  g_free (indicator);
}

static void
effect_free (gpointer data)
{
  ReportEffect *effect = data;

  g_free (effect->title);
  g_free (effect->description);
  g_ptr_array_unref (effect->indicators);
  g_free (effect);
}

static void
question_free (gpointer data)
{
  ReportQuestion *question = data;

  g_free (question->title);
  g_ptr_array_unref (question->effects);
  g_free (question);
}

static void
quote_free (gpointer data)
{
  ReportQuote *quote = data;

  g_free (quote->text);
  g_free (quote->who);
  g_free (quote);
}

static void
stake_free (gpointer data)
{
  ReportStake *stake = data;

  g_free (stake->title);
  g_free (stake->description);
  g_ptr_array_unref (stake->questions);
  g_ptr_array_unref (stake->quotes);
  g_free (stake);
}

static void
count_free (gpointer data)
{
  ReportCount *count = data;

  g_free (count->name);
  g_free (count);
}

void
tissage_report_data_free (TissageReportData *data)
{
  if (data == NULL)
    return;

  g_free (data->name);
  g_free (data->collective);
  g_free (data->territory);
  g_free (data->description);
  g_free (data->period_label);
  g_free (data->period_dates);
  g_free (data->structure_name);
  g_free (data->date);
  g_clear_pointer (&data->periods, g_ptr_array_unref);
  g_clear_pointer (&data->stakes, g_ptr_array_unref);
  g_clear_pointer (&data->by_category, g_ptr_array_unref);
  g_clear_pointer (&data->by_structure, g_ptr_array_unref);
  g_clear_pointer (&data->sources, g_ptr_array_unref);
  g_clear_pointer (&data->targets, tissage_period_targets_free);
  g_free (data);
}

static sqlite3_stmt *
prepare (Reader     *reader,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (reader->failed)
    return NULL;
  if (sqlite3_prepare_v2 (reader->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (reader->error, TISSAGE_REPORT_ERROR, TISSAGE_REPORT_ERROR_READ,
                   _("The project could not be read for the report (%s)."), sqlite3_errmsg (reader->db));
      reader->failed = TRUE;
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

static gboolean
step (Reader       *reader,
      sqlite3_stmt *stmt)
{
  int rc;

  if (stmt == NULL || reader->failed)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    {
      g_set_error (reader->error, TISSAGE_REPORT_ERROR, TISSAGE_REPORT_ERROR_READ,
                   _("The project could not be read for the report (%s)."), sqlite3_errmsg (reader->db));
      reader->failed = TRUE;
    }
  return FALSE;
}

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  /* A file from elsewhere may hold bytes that are not UTF-8. */
  if (text == NULL)
    return g_strdup ("");
  return g_utf8_make_valid (text, -1);
}

static double
column_double (sqlite3_stmt *stmt,
               int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NAN;
  return sqlite3_column_double (stmt, column);
}

/* The interviews' scope: ?1 and ?2 the period's dates, ?3 the structure. */
static void
bind_scope (sqlite3_stmt      *stmt,
            TissageReportData *data,
            gint64             structure_id)
{
  ReportPeriod *period;

  if (stmt == NULL)
    return;
  period = data->period_index >= 0 ? g_ptr_array_index (data->periods, data->period_index) : NULL;
  if (period != NULL && *period->start != '\0' && *period->end != '\0')
    {
      sqlite3_bind_text (stmt, 1, period->start, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, period->end, -1, SQLITE_TRANSIENT);
    }
  sqlite3_bind_int64 (stmt, 3, structure_id);
}

static void
read_project (Reader                     *reader,
              TissageReportData          *data,
              const TissageReportOptions *options)
{
  sqlite3_stmt *stmt = prepare (reader, "SELECT name, collective, territory, description FROM project LIMIT 1");

  if (step (reader, stmt))
    {
      data->name = column_text (stmt, 0);
      data->collective = column_text (stmt, 1);
      data->territory = column_text (stmt, 2);
      data->description = column_text (stmt, 3);
    }
  sqlite3_finalize (stmt);
  if (data->name == NULL)
    {
      data->name = g_strdup ("");
      data->collective = g_strdup ("");
      data->territory = g_strdup ("");
      data->description = g_strdup ("");
    }

  data->periods = g_ptr_array_new_with_free_func (period_free);
  data->period_index = -1;
  stmt = prepare (reader, "SELECT id, label, start_date, end_date FROM periods ORDER BY position, id");
  while (step (reader, stmt))
    {
      ReportPeriod *period = g_new0 (ReportPeriod, 1);

      period->id = sqlite3_column_int64 (stmt, 0);
      period->label = column_text (stmt, 1);
      period->start = column_text (stmt, 2);
      period->end = column_text (stmt, 3);
      if (period->id == options->period_id)
        data->period_index = data->periods->len;
      g_ptr_array_add (data->periods, period);
    }
  sqlite3_finalize (stmt);

  if (data->period_index >= 0)
    {
      ReportPeriod *period = g_ptr_array_index (data->periods, data->period_index);

      data->period_label = g_strdup (period->label);
      if (*period->start != '\0' && *period->end != '\0')
        {
          g_autofree char *start = tissage_format_date (period->start);
          g_autofree char *end = tissage_format_date (period->end);

          data->period_dates = g_strdup_printf ("%s – %s", start, end);
        }
    }

  if (options->structure_id != 0)
    {
      stmt = prepare (reader, "SELECT name FROM structures WHERE id = ?1");
      if (stmt != NULL)
        sqlite3_bind_int64 (stmt, 1, options->structure_id);
      if (step (reader, stmt))
        data->structure_name = column_text (stmt, 0);
      sqlite3_finalize (stmt);
    }
}

typedef struct
{
  TissageReportData *data;
  GHashTable        *indicators;   /* id → ReportIndicator */
  GHashTable        *periods;      /* id → index + 1 */
  gboolean           collective;
} ValuesData;

static void
keep_value (gint64                     indicator_id,
            gint64                     period_id,
            const TissageCountedValue *value,
            gpointer                   user_data)
{
  ValuesData *values = user_data;
  ReportIndicator *indicator = g_hash_table_lookup (values->indicators, &indicator_id);
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (values->periods, &period_id));

  if (indicator == NULL || index == 0 || value->source == TISSAGE_VALUE_NONE)
    return;
  if (values->collective)
    indicator->collective[index - 1] = value->value;
  else
    {
      indicator->values[index - 1] = value->value;
      indicator->counted[index - 1] = *value;
    }
}

static void
read_referentiel (Reader                     *reader,
                  TissageReportData          *data,
                  const TissageReportOptions *options)
{
  g_autoptr(GHashTable) stakes = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) questions = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) effects = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) indicators = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) periods = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint n_periods = data->periods->len;
  ValuesData values = { data, indicators, periods, FALSE };
  sqlite3_stmt *stmt;

  data->stakes = g_ptr_array_new_with_free_func (stake_free);

  stmt = prepare (reader, "SELECT id, title, description FROM stakes ORDER BY position, id");
  while (step (reader, stmt))
    {
      ReportStake *stake = g_new0 (ReportStake, 1);

      stake->id = sqlite3_column_int64 (stmt, 0);
      stake->title = column_text (stmt, 1);
      stake->description = column_text (stmt, 2);
      stake->questions = g_ptr_array_new_with_free_func (question_free);
      stake->quotes = g_ptr_array_new_with_free_func (quote_free);
      g_ptr_array_add (data->stakes, stake);
      g_hash_table_insert (stakes, &stake->id, stake);
    }
  sqlite3_finalize (stmt);

  stmt = prepare (reader, "SELECT id, stake_id, title FROM eval_questions ORDER BY position, id");
  while (step (reader, stmt))
    {
      gint64 stake_id = sqlite3_column_int64 (stmt, 1);
      ReportStake *stake = g_hash_table_lookup (stakes, &stake_id);
      ReportQuestion *question;

      if (stake == NULL)
        continue;
      question = g_new0 (ReportQuestion, 1);
      question->id = sqlite3_column_int64 (stmt, 0);
      question->title = column_text (stmt, 2);
      question->effects = g_ptr_array_new_with_free_func (effect_free);
      g_ptr_array_add (stake->questions, question);
      g_hash_table_insert (questions, &question->id, question);
    }
  sqlite3_finalize (stmt);

  stmt = prepare (reader, "SELECT id, question_id, title, description, horizon FROM effects ORDER BY position, id");
  while (step (reader, stmt))
    {
      gint64 question_id = sqlite3_column_int64 (stmt, 1);
      ReportQuestion *question = g_hash_table_lookup (questions, &question_id);
      ReportEffect *effect;

      if (question == NULL)
        continue;
      effect = g_new0 (ReportEffect, 1);
      effect->id = sqlite3_column_int64 (stmt, 0);
      effect->title = column_text (stmt, 2);
      effect->description = column_text (stmt, 3);
      effect->horizon = CLAMP (sqlite3_column_int (stmt, 4), TISSAGE_HORIZON_SHORT, TISSAGE_HORIZON_LONG);
      effect->indicators = g_ptr_array_new_with_free_func (indicator_free);
      g_ptr_array_add (question->effects, effect);
      g_hash_table_insert (effects, &effect->id, effect);
    }
  sqlite3_finalize (stmt);

  /* The indicators of the collective and of the structure reported on, as
   * the key figures count them. */
  stmt = prepare (reader, "SELECT id, effect_id, title, definition, unit, source, type, nature, direction,"
                          " baseline, target, target_text, ifnull (scope_structure_id, 0)"
                          " FROM indicators ORDER BY position, id");
  while (step (reader, stmt))
    {
      gint64 effect_id = sqlite3_column_int64 (stmt, 1);
      gint64 scope = sqlite3_column_int64 (stmt, 12);
      ReportEffect *effect = g_hash_table_lookup (effects, &effect_id);
      ReportIndicator *indicator;

      if (effect == NULL || (options->structure_id != 0 && scope != 0 && scope != options->structure_id))
        continue;
      indicator = g_new0 (ReportIndicator, 1);
      indicator->id = sqlite3_column_int64 (stmt, 0);
      indicator->title = column_text (stmt, 2);
      indicator->definition = column_text (stmt, 3);
      indicator->unit = column_text (stmt, 4);
      indicator->source = column_text (stmt, 5);
      indicator->type = CLAMP (sqlite3_column_int (stmt, 6), 0, TISSAGE_N_INDICATOR_TYPES - 1);
      indicator->nature = sqlite3_column_int (stmt, 7) == TISSAGE_NATURE_QUALITATIVE ? TISSAGE_NATURE_QUALITATIVE
                                                                                    : TISSAGE_NATURE_QUANTITATIVE;
      indicator->direction = sqlite3_column_int (stmt, 8) == TISSAGE_DIRECTION_DOWN ? TISSAGE_DIRECTION_DOWN
                                                                                    : TISSAGE_DIRECTION_UP;
      indicator->baseline = column_double (stmt, 9);
      indicator->target = column_double (stmt, 10);
      indicator->target_text = column_text (stmt, 11);
      indicator->values = g_new (double, MAX (n_periods, 1));
      indicator->counted = g_new0 (TissageCountedValue, MAX (n_periods, 1));
      for (guint p = 0; p < n_periods; p++)
        indicator->values[p] = NAN;
      if (options->structure_id != 0)
        {
          indicator->collective = g_new (double, MAX (n_periods, 1));
          for (guint p = 0; p < n_periods; p++)
            indicator->collective[p] = NAN;
        }
      g_ptr_array_add (effect->indicators, indicator);
      g_hash_table_insert (indicators, &indicator->id, indicator);
    }
  sqlite3_finalize (stmt);
  if (reader->failed)
    return;

  for (guint p = 0; p < n_periods; p++)
    {
      ReportPeriod *period = g_ptr_array_index (data->periods, p);

      g_hash_table_insert (periods, g_memdup2 (&period->id, sizeof period->id), GUINT_TO_POINTER (p + 1));
    }

  /* Every value that counts, for every period: the trend and the bar. */
  if (!tissage_db_foreach_counted_value (reader->db, options->structure_id, 0, 0, keep_value, &values, reader->error))
    {
      reader->failed = TRUE;
      return;
    }
  if (options->structure_id != 0)
    {
      values.collective = TRUE;
      if (!tissage_db_foreach_counted_value (reader->db, 0, 0, 0, keep_value, &values, reader->error))
        {
          reader->failed = TRUE;
          return;
        }
    }

  data->targets = tissage_db_read_period_targets (reader->db, reader->error);
  if (data->targets == NULL)
    {
      reader->failed = TRUE;
      return;
    }

  /* A qualitative indicator's text of the period, or its latest. */
  stmt = prepare (reader, "SELECT m.indicator_id, m.text_value FROM measurements m"
                          " JOIN periods p ON p.id = m.period_id"
                          " WHERE m.text_value <> '' AND ifnull (m.structure_id, 0) = ?1"
                          " AND (?2 = 0 OR m.period_id = ?2)"
                          " ORDER BY p.position, p.id");
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, options->structure_id);
      sqlite3_bind_int64 (stmt, 2, data->period_index >= 0 ? options->period_id : 0);
    }
  while (step (reader, stmt))
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      ReportIndicator *indicator = g_hash_table_lookup (indicators, &id);

      if (indicator == NULL || indicator->nature != TISSAGE_NATURE_QUALITATIVE)
        continue;
      g_free (indicator->text_value);
      indicator->text_value = column_text (stmt, 1);
    }
  sqlite3_finalize (stmt);

  /* Where the values shown come from, for the methods page. */
  for (guint s = 0; s < data->stakes->len; s++)
    {
      ReportStake *stake = g_ptr_array_index (data->stakes, s);

      for (guint q = 0; q < stake->questions->len; q++)
        {
          ReportQuestion *question = g_ptr_array_index (stake->questions, q);

          for (guint e = 0; e < question->effects->len; e++)
            {
              ReportEffect *effect = g_ptr_array_index (question->effects, e);

              for (guint i = 0; i < effect->indicators->len; i++)
                {
                  ReportIndicator *indicator = g_ptr_array_index (effect->indicators, i);
                  int index;

                  if (indicator->nature != TISSAGE_NATURE_QUANTITATIVE)
                    continue;
                  if (isnan (tissage_report_indicator_value (data, indicator, indicator->values, &index, NULL)))
                    data->value_sources[TISSAGE_VALUE_NONE]++;
                  else
                    data->value_sources[MIN (indicator->counted[index].source, TISSAGE_VALUE_COMPUTED)]++;
                }
            }
        }
    }
}

/* One to three quotes of each enjeu, from as many interviews, that the
 * interviewee agreed to share: tagged with one of its effects, of the
 * period and the structure, positive and middling in length first. */
static void
read_quotes (Reader                     *reader,
             TissageReportData          *data,
             TissagePrivacy             *privacy,
             const TissageReportOptions *options)
{
  g_autoptr(GHashTable) stakes = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;

  for (guint s = 0; s < data->stakes->len; s++)
    {
      ReportStake *stake = g_ptr_array_index (data->stakes, s);

      g_hash_table_insert (stakes, &stake->id, stake);
    }

  stmt = prepare (reader, "SELECT q.stake_id, v.quote, iv.id, sh.name, iv.pseudonym, c.name"
                          " FROM verbatims v"
                          " JOIN answers a ON a.id = v.answer_id"
                          " JOIN interviews iv ON iv.id = a.interview_id"
                          " LEFT JOIN stakeholders sh ON sh.id = iv.stakeholder_id"
                          " LEFT JOIN categories c ON c.id = coalesce (sh.category_id, iv.category_id)"
                          " JOIN verbatim_tags t ON t.verbatim_id = v.id"
                          " JOIN effects e ON e.id = t.effect_id"
                          " JOIN eval_questions q ON q.id = e.question_id"
                          " WHERE v.lost = 0 AND length (trim (v.quote)) > 0 AND" INTERVIEWS_IN_SCOPE
                          " ORDER BY q.stake_id, v.tone = 1, v.tone = 2, abs (length (v.quote) - 220), v.id");
  bind_scope (stmt, data, options->structure_id);
  while (step (reader, stmt))
    {
      gint64 stake_id = sqlite3_column_int64 (stmt, 0);
      gint64 interview_id = sqlite3_column_int64 (stmt, 2);
      ReportStake *stake = g_hash_table_lookup (stakes, &stake_id);
      g_autofree char *key = NULL;
      g_autofree char *name = NULL;
      g_autofree char *pseudonym = NULL;
      g_autofree char *label = NULL;
      g_autofree char *category = NULL;
      ReportQuote *quote;

      if (stake == NULL)
        continue;
      data->quotes_total++;
      if (stake->quotes->len >= MAX_QUOTES || !tissage_privacy_keeps_interview (privacy, interview_id))
        continue;
      key = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, stake_id, interview_id);
      if (g_hash_table_contains (seen, key))
        continue;
      g_hash_table_add (seen, g_steal_pointer (&key));

      name = column_text (stmt, 3);
      pseudonym = column_text (stmt, 4);
      category = column_text (stmt, 5);
      label = tissage_interviewee_label (interview_id, name, pseudonym,
                                         tissage_privacy_masks_interview (privacy, interview_id));
      quote = g_new0 (ReportQuote, 1);
      quote->text = column_text (stmt, 1);
      g_strstrip (quote->text);
      quote->who = *category != '\0' ? g_strdup_printf ("%s · %s", label, category) : g_steal_pointer (&label);
      g_ptr_array_add (stake->quotes, quote);
    }
  sqlite3_finalize (stmt);
}

static GPtrArray *
read_counts (Reader            *reader,
             TissageReportData *data,
             gint64             structure_id,
             const char        *sql,
             const char        *unnamed,
             gboolean           scoped)
{
  GPtrArray *counts = g_ptr_array_new_with_free_func (count_free);
  sqlite3_stmt *stmt = prepare (reader, sql);

  if (scoped)
    bind_scope (stmt, data, structure_id);
  while (step (reader, stmt))
    {
      ReportCount *count = g_new0 (ReportCount, 1);

      count->name = sqlite3_column_type (stmt, 0) == SQLITE_NULL ? g_strdup (unnamed) : column_text (stmt, 0);
      count->planned = sqlite3_column_int (stmt, 1);
      count->done = sqlite3_column_int (stmt, 2);
      g_ptr_array_add (counts, count);
    }
  sqlite3_finalize (stmt);

  return counts;
}

static void
read_methods (Reader                     *reader,
              TissageReportData          *data,
              TissagePrivacy             *privacy,
              const TissageReportOptions *options)
{
  ReportPeriod *period = data->period_index >= 0 ? g_ptr_array_index (data->periods, data->period_index) : NULL;
  gboolean dated = period != NULL && *period->start != '\0' && *period->end != '\0';
  sqlite3_stmt *stmt;

  data->by_category = read_counts (reader, data, options->structure_id,
                                   "SELECT c.name, count (*), count (CASE WHEN iv.status = 2 THEN 1 END)"
                                   " FROM interviews iv LEFT JOIN stakeholders sh ON sh.id = iv.stakeholder_id"
                                   " LEFT JOIN categories c ON c.id = coalesce (sh.category_id, iv.category_id)"
                                   " WHERE" INTERVIEWS_IN_SCOPE
                                   " GROUP BY c.id ORDER BY c.id IS NULL, c.position, c.id",
                                   _("No category"), TRUE);
  data->by_structure = read_counts (reader, data, options->structure_id,
                                    "SELECT st.name, count (*), count (CASE WHEN iv.status = 2 THEN 1 END)"
                                    " FROM interviews iv LEFT JOIN stakeholders sh ON sh.id = iv.stakeholder_id"
                                    " LEFT JOIN structures st ON st.id = iv.structure_id"
                                    " WHERE" INTERVIEWS_IN_SCOPE
                                    " GROUP BY st.id ORDER BY st.id IS NULL, st.position, st.id",
                                    _("No structure"), TRUE);
  data->sources = read_counts (reader, data, 0,
                               "SELECT source, count (*), 0 FROM indicators"
                               " WHERE length (trim (source)) > 0"
                               " GROUP BY source ORDER BY count (*) DESC, source",
                               "", FALSE);

  stmt = prepare (reader, "SELECT iv.consent, count (*) FROM interviews iv"
                          " LEFT JOIN stakeholders sh ON sh.id = iv.stakeholder_id"
                          " WHERE" INTERVIEWS_IN_SCOPE " GROUP BY iv.consent");
  bind_scope (stmt, data, options->structure_id);
  while (step (reader, stmt))
    {
      int consent = sqlite3_column_int (stmt, 0);

      if (consent >= 0 && consent < TISSAGE_N_CONSENTS)
        data->consents[consent] += sqlite3_column_int (stmt, 1);
    }
  sqlite3_finalize (stmt);

  data->left_out = tissage_privacy_count_left_out (privacy, dated ? period->start : NULL, dated ? period->end : NULL,
                                                   options->structure_id);
}

double
tissage_report_indicator_value (TissageReportData     *data,
                                const ReportIndicator *indicator,
                                const double          *values,
                                int                   *period_index,
                                double                *target)
{
  int index = data->period_index;

  /* Every period: the latest value, as the key figures count it. */
  if (index < 0)
    for (int p = (int) data->periods->len - 1; p >= 0 && index < 0; p--)
      if (!isnan (values[p]))
        index = p;

  if (period_index != NULL)
    *period_index = index;
  if (target != NULL)
    {
      ReportPeriod *period = index >= 0 ? g_ptr_array_index (data->periods, index) : NULL;

      *target = period != NULL && data->targets != NULL
                ? tissage_period_targets_get (data->targets, indicator->id, period->id, indicator->target)
                : indicator->target;
    }

  return index >= 0 ? values[index] : NAN;
}

TissageReportData *
tissage_report_data_read (sqlite3                    *db,
                          const TissageReportOptions *options,
                          GError                    **error)
{
  g_autoptr(TissageReportData) data = g_new0 (TissageReportData, 1);
  g_autoptr(TissagePrivacy) privacy = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  Reader reader = { db, error, FALSE };

  data->pseudonymise = options->pseudonymise;
  /* TRANSLATORS: a date as in "12 March 2025", see g_date_time_format() */
  data->date = g_date_time_format (options->date != NULL ? options->date : now, _("%-d %B %Y"));

  /* One read transaction: every section sees the same project. */
  if (sqlite3_exec (db, "SAVEPOINT tissage_report", NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, TISSAGE_REPORT_ERROR, TISSAGE_REPORT_ERROR_READ,
                   _("The project could not be read for the report (%s)."), sqlite3_errmsg (db));
      return NULL;
    }

  read_project (&reader, data, options);
  if (!reader.failed)
    read_referentiel (&reader, data, options);
  if (!reader.failed &&
      !tissage_db_compute_figures (db, data->period_index >= 0 ? options->period_id : 0, options->structure_id,
                                   &data->figures, error))
    reader.failed = TRUE;
  if (!reader.failed && options->structure_id != 0 &&
      !tissage_db_compute_figures (db, data->period_index >= 0 ? options->period_id : 0, 0,
                                   &data->collective_figures, error))
    reader.failed = TRUE;
  if (!reader.failed)
    {
      privacy = tissage_privacy_new (db, options->pseudonymise, options->include_without_consent);
      read_quotes (&reader, data, privacy, options);
      read_methods (&reader, data, privacy, options);
    }

  sqlite3_exec (db, "RELEASE tissage_report", NULL, NULL, NULL);

  if (reader.failed)
    return NULL;
  return g_steal_pointer (&data);
}

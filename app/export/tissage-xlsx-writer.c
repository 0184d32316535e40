/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

/* What the sheets of an export share: the tables every sheet reads
 * (periods, indicators, names), the statements and the progress, who is
 * masked; the sheet itself is in -sheet.c, its cells in -cells.c. */

#define G_LOG_DOMAIN "tissage-export"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tissage-document-private.h"
#include "tissage-figures.h"
#include "tissage-interviews.h"
#include "tissage-xlsx-writer-private.h"

static void
period_free (gpointer data)
{
  TissageXlsxPeriod *period = data;

  g_free (period->label);
  g_free (period->start);
  g_free (period->end);
  g_free (period);
}

static void
indicator_free (gpointer data)
{
  TissageXlsxIndicator *indicator = data;

  g_free (indicator->title);
  g_free (indicator->unit);
  g_free (indicator->values);
  g_free (indicator->targets);
  g_free (indicator->counted);
  g_free (indicator);
}

static GHashTable *
new_id_table (GDestroyNotify value_free)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, value_free);
}

static void
insert_id (GHashTable *table,
           gint64      id,
           gpointer    value)
{
  g_hash_table_insert (table, g_memdup2 (&id, sizeof id), value);
}

/* Statements */

sqlite3_stmt *
tissage_xlsx_prepare (TissageXlsxExport *export,
                      const char        *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (export->error != NULL)
    return NULL;

  if (sqlite3_prepare_v2 (export->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (&export->error, TISSAGE_XLSX_ERROR, TISSAGE_XLSX_ERROR_READ,
                   _("The project could not be read for the export (%s)."),
                   sqlite3_errmsg (export->db));
      sqlite3_finalize (stmt);
      return NULL;
    }

  return stmt;
}

/* Whether @stmt has a row; an error is kept in @export. */
gboolean
tissage_xlsx_step (TissageXlsxExport *export,
                   sqlite3_stmt      *stmt)
{
  int rc;

  if (stmt == NULL || export->error != NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    g_set_error (&export->error, TISSAGE_XLSX_ERROR, TISSAGE_XLSX_ERROR_READ,
                 _("The project could not be read for the export (%s)."),
                 sqlite3_errmsg (export->db));
  return FALSE;
}

const char *
tissage_xlsx_column_text (sqlite3_stmt *stmt,
                          int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

/* Binds the dates of the period reported on to ?first and ?first+1, or
 * NULL for all periods; queries keep what falls inside. */
void
tissage_xlsx_bind_period (TissageXlsxExport *export,
                          sqlite3_stmt      *stmt,
                          int                first)
{
  if (stmt == NULL)
    return;

  if (export->period != NULL && *export->period->start != '\0' && *export->period->end != '\0')
    {
      sqlite3_bind_text (stmt, first, export->period->start, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, first + 1, export->period->end, -1, SQLITE_STATIC);
    }
  else
    {
      sqlite3_bind_null (stmt, first);
      sqlite3_bind_null (stmt, first + 1);
    }
}

const char *
tissage_xlsx_lookup_name (GHashTable   *names,
                          sqlite3_stmt *stmt,
                          int           column)
{
  gint64 id;

  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;

  id = sqlite3_column_int64 (stmt, column);
  return g_hash_table_lookup (names, &id);
}

double
tissage_xlsx_indicator_target (const TissageXlsxIndicator *indicator,
                               int                         period)
{
  return period >= 0 && indicator->targets != NULL ? indicator->targets[period] : indicator->target;
}

/* How much of its target an indicator achieved, 1 (100 %) when reached,
 * never below 0, as the core measures it for every screen and report. */
gboolean
tissage_xlsx_indicator_rate (const TissageXlsxIndicator *indicator,
                             int                         period,
                             double                      achieved,
                             TissageAchievement         *achievement)
{
  *achievement = tissage_indicator_achievement (achieved, indicator->has_baseline ? indicator->baseline : NAN,
                                                tissage_xlsx_indicator_target (indicator, period),
                                                indicator->direction);
  return !isnan (achievement->rate);
}

char *
tissage_xlsx_went_back (const TissageXlsxIndicator *indicator,
                        const char                 *comment)
{
  g_autofree char *baseline = tissage_format_number (indicator->baseline, indicator->unit);
  /* TRANSLATORS: in the workbook, beside a rate of achievement of 0 %; %s is the baseline with its unit */
  g_autofree char *note = g_strdup_printf (_("Went back from the baseline (%s): the rate of achievement counts as 0 %%"),
                                           baseline);

  if (comment == NULL || *comment == '\0')
    return g_steal_pointer (&note);
  return g_strdup_printf ("%s — %s", note, comment);
}

/* Interviewees */

const char *
tissage_xlsx_hidden_name (void)
{
  return tissage_privacy_hidden_name ();
}

/* An interviewed person is not named in a pseudonymised workbook,
 * anywhere: the map, the lists, who an effect concerns. */
gboolean
tissage_xlsx_is_masked (TissageXlsxExport *export,
                        gint64             stakeholder_id)
{
  return tissage_privacy_masks_stakeholder (export->privacy, stakeholder_id);
}

/* Named as everywhere in Tissage, but for the people behind masked. */
char *
tissage_xlsx_interviewee_label (TissageXlsxExport *export,
                                gint64             interview_id,
                                const char        *stakeholder_name,
                                const char        *pseudonym)
{
  return tissage_interviewee_label (interview_id, stakeholder_name, pseudonym,
                                    tissage_privacy_masks_interview (export->privacy, interview_id));
}

gboolean
tissage_xlsx_keeps_interview (TissageXlsxExport *export,
                              gint64             interview_id)
{
  return tissage_privacy_keeps_interview (export->privacy, interview_id);
}

/* The name of the structure in @column, or nothing beside a masked person
 * whom it would point at. */
const char *
tissage_xlsx_structure_beside (TissageXlsxExport *export,
                               gint64             interview_id,
                               gint64             category_id,
                               sqlite3_stmt      *stmt,
                               int                column)
{
  if (tissage_privacy_masks_interview (export->privacy, interview_id) &&
      !tissage_privacy_shows_structure (export->privacy, category_id, sqlite3_column_int64 (stmt, column)))
    return NULL;

  return tissage_xlsx_lookup_name (export->structures, stmt, column);
}

/* Binds the structure reported on to ?index, NULL for all. */
void
tissage_xlsx_bind_structure (TissageXlsxExport *export,
                             sqlite3_stmt      *stmt,
                             int                index)
{
  if (stmt == NULL)
    return;
  if (export->options->structure_id != 0)
    sqlite3_bind_int64 (stmt, index, export->options->structure_id);
  else
    sqlite3_bind_null (stmt, index);
}

guint
tissage_xlsx_count_left_out (TissageXlsxExport *export)
{
  gboolean dated = export->period != NULL && *export->period->start != '\0' && *export->period->end != '\0';

  return tissage_privacy_count_left_out (export->privacy,
                                         dated ? export->period->start : NULL,
                                         dated ? export->period->end : NULL,
                                         export->options->structure_id);
}

/* Progress */

gboolean
tissage_xlsx_check (TissageXlsxExport *export)
{
  double fraction;

  if (export->error != NULL)
    return FALSE;

  if (g_cancellable_set_error_if_cancelled (export->cancellable, &export->error))
    return FALSE;

  if (export->progress == NULL || export->rows_total == 0)
    return TRUE;

  fraction = TISSAGE_XLSX_WRITE_SHARE * MIN (1.0, (double) export->rows_done / export->rows_total);
  if (fraction >= export->reported + 0.01)
    {
      export->reported = fraction;
      export->progress (fraction, export->progress_data);
    }

  return TRUE;
}

/* What every sheet looks up */

static gboolean
load_names (TissageXlsxExport *export,
            GHashTable        *names,
            const char        *sql)
{
  sqlite3_stmt *stmt = tissage_xlsx_prepare (export, sql);

  while (tissage_xlsx_step (export, stmt))
    insert_id (names, sqlite3_column_int64 (stmt, 0), g_strdup (tissage_xlsx_column_text (stmt, 1)));
  sqlite3_finalize (stmt);

  return export->error == NULL;
}

static void
store_counted (gint64                     indicator_id,
               gint64                     period_id,
               const TissageCountedValue *value,
               gpointer                   user_data)
{
  TissageXlsxExport *export = user_data;
  TissageXlsxIndicator *indicator = g_hash_table_lookup (export->indicator_index, &indicator_id);

  if (indicator == NULL)
    return;

  for (guint p = 0; p < export->periods->len; p++)
    if (((TissageXlsxPeriod *) g_ptr_array_index (export->periods, p))->id == period_id)
      {
        indicator->values[p] = value->value;
        indicator->counted[p] = *value;
      }
}

static guint64
count_rows (TissageXlsxExport *export,
            const char        *sql)
{
  sqlite3_stmt *stmt = tissage_xlsx_prepare (export, sql);
  guint64 count = 0;

  if (stmt != NULL && export->period != NULL)
    sqlite3_bind_int64 (stmt, 1, export->period->id);
  if (tissage_xlsx_step (export, stmt))
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return count;
}

/* Reads what several sheets need, and how many rows there will be. */
gboolean
tissage_xlsx_export_load (TissageXlsxExport *export)
{
  sqlite3_stmt *stmt;

  export->periods = g_ptr_array_new_with_free_func (period_free);
  export->indicators = g_ptr_array_new_with_free_func (indicator_free);
  export->indicator_index = new_id_table (NULL);
  export->structures = new_id_table (g_free);
  export->categories = new_id_table (g_free);
  export->privacy = tissage_privacy_new (export->db, export->options->pseudonymise,
                                         export->options->include_without_consent);

  stmt = tissage_xlsx_prepare (export, "SELECT id, label, start_date, end_date FROM periods ORDER BY position, id");
  while (tissage_xlsx_step (export, stmt))
    {
      TissageXlsxPeriod *period = g_new0 (TissageXlsxPeriod, 1);

      period->id = sqlite3_column_int64 (stmt, 0);
      period->label = g_strdup (tissage_xlsx_column_text (stmt, 1));
      period->start = g_strdup (tissage_xlsx_column_text (stmt, 2));
      period->end = g_strdup (tissage_xlsx_column_text (stmt, 3));
      g_ptr_array_add (export->periods, period);
      if (period->id == export->options->period_id)
        {
          export->period = period;
          export->last_period = export->periods->len - 1;
        }
    }
  sqlite3_finalize (stmt);

  if (export->error != NULL)
    return FALSE;
  if (export->options->period_id != 0 && export->period == NULL)
    {
      g_set_error_literal (&export->error, TISSAGE_XLSX_ERROR, TISSAGE_XLSX_ERROR_READ,
                           _("The chosen period is no longer in the project."));
      return FALSE;
    }
  if (export->period == NULL && export->periods->len > 0)
    export->last_period = export->periods->len - 1;

  stmt = tissage_xlsx_prepare (export,
                               "SELECT i.id, i.title, i.unit, i.type, i.nature, i.target,"
                               " i.consolidation, i.scope_structure_id, i.baseline, i.direction"
                               " FROM indicators i JOIN effects e ON e.id = i.effect_id"
                               " JOIN eval_questions q ON q.id = e.question_id"
                               " JOIN stakes s ON s.id = q.stake_id"
                               " ORDER BY " TISSAGE_XLSX_FRAMEWORK_ORDER);
  while (tissage_xlsx_step (export, stmt))
    {
      TissageXlsxIndicator *indicator = g_new0 (TissageXlsxIndicator, 1);

      indicator->id = sqlite3_column_int64 (stmt, 0);
      indicator->title = g_strdup (tissage_xlsx_column_text (stmt, 1));
      indicator->unit = g_strdup (tissage_xlsx_column_text (stmt, 2));
      indicator->type = sqlite3_column_int (stmt, 3);
      indicator->nature = sqlite3_column_int (stmt, 4);
      indicator->has_target = sqlite3_column_type (stmt, 5) != SQLITE_NULL &&
                              isfinite (sqlite3_column_double (stmt, 5));
      indicator->target = indicator->has_target ? sqlite3_column_double (stmt, 5) : NAN;
      indicator->consolidation = sqlite3_column_int (stmt, 6);
      indicator->scope_structure_id = sqlite3_column_int64 (stmt, 7);
      indicator->has_baseline = sqlite3_column_type (stmt, 8) != SQLITE_NULL;
      indicator->baseline = sqlite3_column_double (stmt, 8);
      indicator->direction = sqlite3_column_int (stmt, 9);
      indicator->values = g_new (double, MAX (export->periods->len, 1));
      indicator->targets = g_new (double, MAX (export->periods->len, 1));
      indicator->counted = g_new0 (TissageCountedValue, MAX (export->periods->len, 1));
      for (guint p = 0; p < export->periods->len; p++)
        indicator->values[p] = NAN;

      g_ptr_array_add (export->indicators, indicator);
      insert_id (export->indicator_index, indicator->id, indicator);
    }
  sqlite3_finalize (stmt);

  if (export->error != NULL)
    return FALSE;

  /* Each period against its own target, or the indicator's. */
  {
    g_autoptr(TissagePeriodTargets) targets = tissage_db_read_period_targets (export->db, NULL);

    if (targets == NULL)
      {
        g_set_error (&export->error, TISSAGE_XLSX_ERROR, TISSAGE_XLSX_ERROR_READ,
                     _("The project could not be read for the export (%s)."), sqlite3_errmsg (export->db));
        return FALSE;
      }
    for (guint i = 0; i < export->indicators->len; i++)
      {
        TissageXlsxIndicator *indicator = g_ptr_array_index (export->indicators, i);

        for (guint p = 0; p < export->periods->len; p++)
          {
            TissageXlsxPeriod *period = g_ptr_array_index (export->periods, p);

            indicator->targets[p] = tissage_period_targets_get (targets, indicator->id, period->id, indicator->target);
          }
        indicator->has_target = indicator->has_target || tissage_period_targets_any (targets, indicator->id);
      }
  }

  if (!tissage_db_foreach_counted_value (export->db, 0, 0, 0, store_counted, export, NULL) ||
      !tissage_db_compute_figures (export->db, export->period != NULL ? export->period->id : 0, 0,
                                   &export->figures, NULL))
    {
      g_set_error (&export->error, TISSAGE_XLSX_ERROR, TISSAGE_XLSX_ERROR_READ,
                   _("The project could not be read for the export (%s)."),
                   sqlite3_errmsg (export->db));
      return FALSE;
    }

  if (!load_names (export, export->structures, "SELECT id, name FROM structures") ||
      !load_names (export, export->categories, "SELECT id, name FROM categories"))
    return FALSE;

  /* Rows, to tell how far the export has gone. */
  export->rows_total =
    export->indicators->len * 2 + 40 +
    count_rows (export, export->period != NULL
                          ? "SELECT count (*) FROM measurements WHERE period_id = ?1"
                          : "SELECT count (*) FROM measurements") +
    count_rows (export, "SELECT max ((SELECT count (*) FROM stakeholders), (SELECT count (*) FROM links))") +
    count_rows (export, "SELECT count (*) FROM interviews") +
    count_rows (export, "SELECT count (*) FROM verbatims");

  return export->error == NULL;
}

void
tissage_xlsx_export_clear (TissageXlsxExport *export)
{
  g_clear_pointer (&export->periods, g_ptr_array_unref);
  g_clear_pointer (&export->indicators, g_ptr_array_unref);
  g_clear_pointer (&export->indicator_index, g_hash_table_unref);
  g_clear_pointer (&export->structures, g_hash_table_unref);
  g_clear_pointer (&export->categories, g_hash_table_unref);
  g_clear_pointer (&export->privacy, tissage_privacy_free);
  g_clear_error (&export->error);
}

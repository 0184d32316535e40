/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-figures"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tissage-document-private.h"
#include "tissage-entities.h"
#include "tissage-figures.h"
#include "tissage-interviews.h"
#include "tissage-record-private.h"

/*
 * One place for every figure a funder reads: the screen, the workbook and
 * the report all ask here, so that they cannot disagree.
 */

typedef struct {
  gint64 indicator_id;
  gint64 period_id;
} CellKey;

typedef struct {
  CellKey             key;
  TissageCountedValue value;
} Cell;

static guint
cell_hash (gconstpointer data)
{
  const CellKey *key = data;

  return g_int64_hash (&key->indicator_id) ^ (g_int64_hash (&key->period_id) << 7);
}

static gboolean
cell_equal (gconstpointer a,
            gconstpointer b)
{
  const CellKey *x = a, *y = b;

  return x->indicator_id == y->indicator_id && x->period_id == y->period_id;
}

static void
set_db_error (GError     **error,
              sqlite3     *db)
{
  g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_FAILED,
               _("The figures of the project could not be read: %s"), sqlite3_errmsg (db));
}

/* The collective's row: what was entered for it, for the structure the
 * indicator belongs to, and for every structure. */
#define COLLECTIVE_SQL \
  "SELECT m.indicator_id, m.period_id, i.consolidation, i.scope_structure_id IS NOT NULL," \
  "  count (CASE WHEN m.structure_id IS NULL THEN m.value END)," \
  "  max (CASE WHEN m.structure_id IS NULL THEN m.value END)," \
  "  count (CASE WHEN m.structure_id = i.scope_structure_id THEN m.value END)," \
  "  max (CASE WHEN m.structure_id = i.scope_structure_id THEN m.value END)," \
  "  count (CASE WHEN m.structure_id IS NOT NULL THEN m.value END)," \
  "  sum (CASE WHEN m.structure_id IS NOT NULL THEN m.value END)," \
  "  avg (CASE WHEN m.structure_id IS NOT NULL THEN m.value END)"
#define COLLECTIVE_GROUP " GROUP BY m.indicator_id, m.period_id"

#define STRUCTURE_SQL \
  "SELECT m.indicator_id, m.period_id, i.consolidation, m.value"
#define STRUCTURE_WHERE " AND m.structure_id = ?3 AND m.value IS NOT NULL"

/* The measurements of quantitative indicators. */
#define FROM_MEASUREMENTS \
  " FROM measurements m JOIN indicators i ON i.id = m.indicator_id WHERE i.nature = 0"

static gboolean
read_collective_row (sqlite3_stmt        *stmt,
                     TissageCountedValue *value)
{
  TissageConsolidation consolidation = sqlite3_column_int (stmt, 2);
  gboolean scoped = sqlite3_column_int (stmt, 3);

  value->consolidation = consolidation;
  value->n = 1;
  if (sqlite3_column_int (stmt, 4) > 0)
    {
      value->source = TISSAGE_VALUE_ENTERED;
      value->value = sqlite3_column_double (stmt, 5);
      return TRUE;
    }
  /* An indicator of one structure: the collective's figure is its own. */
  if (scoped)
    {
      if (sqlite3_column_int (stmt, 6) == 0)
        return FALSE;
      value->source = TISSAGE_VALUE_ENTERED;
      value->value = sqlite3_column_double (stmt, 7);
      return TRUE;
    }
  if (consolidation == TISSAGE_CONSOLIDATION_NONE || sqlite3_column_int (stmt, 8) == 0)
    return FALSE;

  value->source = TISSAGE_VALUE_CONSOLIDATED;
  value->n = sqlite3_column_int (stmt, 8);
  value->value = sqlite3_column_double (stmt, consolidation == TISSAGE_CONSOLIDATION_SUM ? 9 : 10);
  return TRUE;
}

gboolean
tissage_db_foreach_counted_value (sqlite3             *db,
                                  gint64               structure_id,
                                  gint64               indicator_id,
                                  gint64               period_id,
                                  TissageCountedFunc   func,
                                  gpointer             user_data,
                                  GError             **error)
{
  g_autoptr(GHashTable) cells = g_hash_table_new_full (cell_hash, cell_equal, g_free, NULL);
  g_autoptr(GHashTable) filled = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) dated = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint n_dated = 0;
  /* One statement per filter, so that each finds its rows by index. */
  const char *filter = indicator_id != 0 && period_id != 0 ? " AND m.indicator_id = ?1 AND m.period_id = ?2"
                       : indicator_id != 0 ? " AND m.indicator_id = ?1"
                       : period_id != 0 ? " AND m.period_id = ?2" : "";
  g_autofree char *sql = structure_id == 0
    ? g_strconcat (COLLECTIVE_SQL, FROM_MEASUREMENTS, filter, COLLECTIVE_GROUP, NULL)
    : g_strconcat (STRUCTURE_SQL, FROM_MEASUREMENTS, STRUCTURE_WHERE, filter, NULL);
  sqlite3_stmt *stmt = NULL;
  GHashTableIter iter;
  Cell *cell;
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_db_error (error, db);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, indicator_id);
  sqlite3_bind_int64 (stmt, 2, period_id);
  sqlite3_bind_int64 (stmt, 3, structure_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TissageCountedValue value = { NAN, TISSAGE_VALUE_NONE, 0, 0 };

      if (structure_id == 0)
        {
          if (!read_collective_row (stmt, &value))
            continue;
        }
      else
        {
          value.source = TISSAGE_VALUE_ENTERED;
          value.consolidation = sqlite3_column_int (stmt, 2);
          value.value = sqlite3_column_double (stmt, 3);
          value.n = 1;
        }

      cell = g_new0 (Cell, 1);
      cell->key.indicator_id = sqlite3_column_int64 (stmt, 0);
      cell->key.period_id = sqlite3_column_int64 (stmt, 1);
      cell->value = value;
      g_hash_table_replace (cells, &cell->key, cell);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (error, db);
      return FALSE;
    }

  /* Where nothing was entered, what the interviews give: asked for only
   * where a value is missing, as computing reads every answer linked. */
  if (sqlite3_prepare_v2 (db, "SELECT id FROM periods WHERE start_date <> '' AND end_date <> ''",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      set_db_error (error, db);
      return FALSE;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (dated, g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) }, sizeof (gint64)));
  sqlite3_finalize (stmt);
  n_dated = g_hash_table_size (dated);

  /* How many of its periods that interviews can fill each indicator has. */
  g_hash_table_iter_init (&iter, cells);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &cell))
    {
      gpointer n = g_hash_table_lookup (filled, &cell->key.indicator_id);

      if (!g_hash_table_contains (dated, &cell->key.period_id))
        continue;

      g_hash_table_replace (filled, g_memdup2 (&cell->key.indicator_id, sizeof (gint64)),
                            GUINT_TO_POINTER (GPOINTER_TO_UINT (n) + 1));
    }

  if (sqlite3_prepare_v2 (db, indicator_id != 0
                                ? "SELECT DISTINCT i.id, i.consolidation FROM question_indicators qi"
                                  " JOIN indicators i ON i.id = qi.indicator_id WHERE i.nature = 0 AND i.id = ?1"
                                : "SELECT DISTINCT i.id, i.consolidation FROM question_indicators qi"
                                  " JOIN indicators i ON i.id = qi.indicator_id WHERE i.nature = 0",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      set_db_error (error, db);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, indicator_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 linked = sqlite3_column_int64 (stmt, 0);
      TissageConsolidation consolidation = sqlite3_column_int (stmt, 1);
      CellKey key = { linked, period_id };
      guint n_filled = GPOINTER_TO_UINT (g_hash_table_lookup (filled, &linked));
      g_autoptr(GPtrArray) computed = NULL;

      if (period_id != 0 ? g_hash_table_contains (cells, &key) : n_filled >= n_dated)
        continue;

      computed = tissage_db_compute_values (db, linked, period_id, error);
      if (computed == NULL)
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
      for (guint i = 0; i < computed->len; i++)
        {
          TissageComputedValue *value = g_ptr_array_index (computed, i);

          key.period_id = value->period_id;
          if (value->structure_id != structure_id || g_hash_table_contains (cells, &key))
            continue;

          cell = g_new0 (Cell, 1);
          cell->key = key;
          cell->value.value = value->value;
          cell->value.source = TISSAGE_VALUE_COMPUTED;
          cell->value.consolidation = consolidation;
          cell->value.n = MAX (value->n_interviews, 1);
          g_hash_table_replace (cells, &cell->key, cell);
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (error, db);
      return FALSE;
    }

  g_hash_table_iter_init (&iter, cells);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &cell))
    func (cell->key.indicator_id, cell->key.period_id, &cell->value, user_data);

  return TRUE;
}

static void
keep_value (gint64                     indicator_id,
            gint64                     period_id,
            const TissageCountedValue *value,
            gpointer                   user_data)
{
  *(TissageCountedValue *) user_data = *value;
}

gboolean
tissage_db_get_counted_value (sqlite3             *db,
                              gint64               indicator_id,
                              gint64               period_id,
                              gint64               structure_id,
                              TissageCountedValue *value)
{
  TissageCountedValue found = { NAN, TISSAGE_VALUE_NONE, 0, 0 };

  g_return_val_if_fail (db != NULL, FALSE);

  /* 0 means “every one” below: a row numbered 0 by another tool is one
   * that counts nothing here. */
  if (indicator_id == 0 || period_id == 0)
    {
      if (value != NULL)
        *value = found;
      return FALSE;
    }

  tissage_db_foreach_counted_value (db, structure_id, indicator_id, period_id, keep_value, &found, NULL);
  if (value != NULL)
    *value = found;
  return found.source != TISSAGE_VALUE_NONE;
}

char *
tissage_counted_value_describe (const TissageCountedValue *value)
{
  g_return_val_if_fail (value != NULL, NULL);

  switch (value->source)
    {
    case TISSAGE_VALUE_ENTERED:
      /* TRANSLATORS: where a value comes from: typed by someone */
      return g_strdup (C_("value", "entered"));
    case TISSAGE_VALUE_CONSOLIDATED:
      return g_strdup_printf (value->consolidation == TISSAGE_CONSOLIDATION_SUM
                                ? g_dngettext (GETTEXT_PACKAGE, "sum of %u structure", "sum of %u structures", value->n)
                                : g_dngettext (GETTEXT_PACKAGE, "mean of %u structure", "mean of %u structures", value->n),
                              value->n);
    case TISSAGE_VALUE_COMPUTED:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "computed from %u interview",
                                           "computed from %u interviews", value->n), value->n);
    case TISSAGE_VALUE_NONE:
    default:
      return g_strdup (_("no value for this period"));
    }
}

gboolean
tissage_target_applies (gint64               structure_id,
                        gint64               scope_structure_id,
                        TissageConsolidation consolidation)
{
  /* The target of a sum is the whole collective's: one structure's own
   * share is not read against it. A mean, a rate, or an indicator of
   * that structure alone, is. */
  return structure_id == 0 || scope_structure_id == structure_id || consolidation != TISSAGE_CONSOLIDATION_SUM;
}

gboolean
tissage_indicator_reached (double           value,
                           double           target,
                           TissageDirection direction)
{
  if (isnan (value) || isnan (target))
    return FALSE;

  return direction == TISSAGE_DIRECTION_DOWN ? value <= target : value >= target;
}

/* Periods */

static gboolean
read_day (const char *iso,
          GDate      *date)
{
  int y, m, d;

  g_date_clear (date, 1);
  if (iso == NULL || strlen (iso) != 10 || sscanf (iso, "%4d-%2d-%2d", &y, &m, &d) != 3 ||
      !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

guint
tissage_period_get_months (TissagePeriod *period)
{
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  GDate from, to;
  int days;

  g_return_val_if_fail (TISSAGE_IS_PERIOD (period), 0);

  g_object_get (period, "start-date", &start, "end-date", &end, NULL);
  if (!read_day (start, &from) || !read_day (end, &to))
    return 0;
  days = g_date_days_between (&from, &to) + 1;
  if (days <= 0)
    return 0;

  /* 365.25 / 12 days a month: a year is 12, a half-year 6, a quarter 3. */
  return MAX (1, (guint) round (days / 30.4375));
}

/* Key figures */

typedef struct {
  TissageCountedValue value;
  int                 rank;      /* of its period */
  gint64              period_id;
} Latest;

typedef struct {
  GHashTable *latest;      /* indicator id → Latest */
  GHashTable *ranks;       /* period id → its rank, from 1 */
} LatestData;

/* With every period, an indicator counts by its latest value. */
static void
keep_latest (gint64                     indicator_id,
             gint64                     period_id,
             const TissageCountedValue *value,
             gpointer                   user_data)
{
  LatestData *data = user_data;
  Latest *kept = g_hash_table_lookup (data->latest, &indicator_id);
  int rank = GPOINTER_TO_INT (g_hash_table_lookup (data->ranks, &period_id));

  if (kept == NULL)
    {
      kept = g_new0 (Latest, 1);
      g_hash_table_insert (data->latest, g_memdup2 (&indicator_id, sizeof indicator_id), kept);
    }
  else if (kept->rank >= rank)
    return;

  kept->value = *value;
  kept->rank = rank;
  kept->period_id = period_id;
}

/* Period targets */

struct _TissagePeriodTargets {
  GHashTable *cells;        /* CellKey (indicator, period) → double */
  GHashTable *indicators;   /* ids of the indicators that have one */
};

void
tissage_period_targets_free (TissagePeriodTargets *targets)
{
  if (targets == NULL)
    return;
  g_clear_pointer (&targets->cells, g_hash_table_unref);
  g_clear_pointer (&targets->indicators, g_hash_table_unref);
  g_free (targets);
}

TissagePeriodTargets *
tissage_db_read_period_targets (sqlite3  *db,
                                GError  **error)
{
  g_autoptr(TissagePeriodTargets) targets = g_new0 (TissagePeriodTargets, 1);
  sqlite3_stmt *stmt = NULL;
  int rc;

  targets->cells = g_hash_table_new_full (cell_hash, cell_equal, g_free, g_free);
  targets->indicators = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  if (sqlite3_prepare_v2 (db, "SELECT indicator_id, period_id, target FROM period_targets",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      set_db_error (error, db);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CellKey key = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };
      double target = sqlite3_column_double (stmt, 2);

      /* A file written elsewhere may hold text or an infinity there. */
      if (sqlite3_column_type (stmt, 2) == SQLITE_NULL || !isfinite (target))
        continue;
      g_hash_table_add (targets->indicators, g_memdup2 (&key.indicator_id, sizeof key.indicator_id));
      g_hash_table_insert (targets->cells, g_memdup2 (&key, sizeof key), g_memdup2 (&target, sizeof target));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (error, db);
      return NULL;
    }

  return g_steal_pointer (&targets);
}

double
tissage_period_targets_get (TissagePeriodTargets *targets,
                            gint64                indicator_id,
                            gint64                period_id,
                            double                fallback)
{
  CellKey key = { indicator_id, period_id };
  const double *own;

  g_return_val_if_fail (targets != NULL, fallback);

  own = g_hash_table_lookup (targets->cells, &key);
  return own != NULL ? *own : fallback;
}

gboolean
tissage_period_targets_any (TissagePeriodTargets *targets,
                            gint64                indicator_id)
{
  g_return_val_if_fail (targets != NULL, FALSE);

  return g_hash_table_contains (targets->indicators, &indicator_id);
}

static void
bind_named_int (sqlite3_stmt *stmt,
                const char   *name,
                gint64        value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    sqlite3_bind_int64 (stmt, index, value);
}

static void
bind_named_text (sqlite3_stmt *stmt,
                 const char   *name,
                 const char   *value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0 && value != NULL)
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

/* A count (and a second one in the next column, when @second is not
 * %NULL), with :start and :end the period's dates (NULL without),
 * :period and :structure their ids (0 for all). */
static guint
count_rows (sqlite3      *db,
            const char   *sql,
            const char   *start,
            const char   *end,
            gint64        period_id,
            gint64        structure_id,
            gboolean     *ok,
            guint        *second)
{
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      *ok = FALSE;
      return 0;
    }
  bind_named_text (stmt, ":start", start);
  bind_named_text (stmt, ":end", end);
  bind_named_int (stmt, ":period", period_id);
  bind_named_int (stmt, ":structure", structure_id);

  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      n = sqlite3_column_int (stmt, 0);
      if (second != NULL)
        *second = sqlite3_column_int (stmt, 1);
    }
  else
    *ok = FALSE;
  sqlite3_finalize (stmt);

  return n;
}

/* Interviews of the period's dates and of a structure, as their quotes. */
#define INTERVIEWS_OF \
  " FROM interviews iv LEFT JOIN stakeholders s ON s.id = iv.stakeholder_id" \
  " WHERE (:start IS NULL OR iv.date BETWEEN :start AND :end)" \
  " AND (:structure = 0 OR iv.structure_id = :structure" \
  "      OR coalesce (nullif (iv.person_structure_id, 0), s.structure_id) = :structure)"

static gboolean
db_foreach (gpointer             source,
            gint64               structure_id,
            gint64               period_id,
            TissageCountedFunc   func,
            gpointer             user_data,
            GError             **error)
{
  return tissage_db_foreach_counted_value (source, structure_id, 0, period_id, func, user_data, error);
}

gboolean
tissage_db_compute_figures (sqlite3         *db,
                            gint64           period_id,
                            gint64           structure_id,
                            TissageFigures  *figures,
                            GError         **error)
{
  g_return_val_if_fail (db != NULL, FALSE);

  return tissage_figures_compute (db, period_id, structure_id, db_foreach, db, figures, error);
}

gboolean
tissage_figures_compute (sqlite3                *db,
                         gint64                  period_id,
                         gint64                  structure_id,
                         TissageCountedForeach   foreach,
                         gpointer                source,
                         TissageFigures         *figures,
                         GError                **error)
{
  g_autoptr(GHashTable) latest = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GHashTable) ranks = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(TissagePeriodTargets) period_targets = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  LatestData data = { latest, ranks };
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;
  int rank = 0;
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (figures != NULL, FALSE);

  memset (figures, 0, sizeof *figures);

  if (sqlite3_prepare_v2 (db, "SELECT id, start_date, end_date FROM periods ORDER BY position, id",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      set_db_error (error, db);
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_hash_table_insert (ranks, g_memdup2 (&id, sizeof id), GINT_TO_POINTER (++rank));
      if (id == period_id && *(const char *) sqlite3_column_text (stmt, 1) != '\0' &&
          *(const char *) sqlite3_column_text (stmt, 2) != '\0')
        {
          start = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          end = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (error, db);
      return FALSE;
    }

  figures->stakeholders = count_rows (db, "SELECT count (*) FROM stakeholders WHERE :structure = 0 OR structure_id = :structure",
                                      NULL, NULL, period_id, structure_id, &ok, NULL);
  figures->structures = count_rows (db, "SELECT count (*) FROM structures", NULL, NULL, 0, 0, &ok, NULL);
  figures->links = count_rows (db, "SELECT count (*) FROM links", NULL, NULL, 0, 0, &ok, NULL);
  /* Planned and held in one pass over the interviews. */
  figures->interviews = count_rows (db, "SELECT count (*), count (CASE WHEN iv.status = 2 THEN 1 END)" INTERVIEWS_OF,
                                    start, end, period_id, structure_id, &ok, &figures->interviews_done);
  figures->verbatims = count_rows (db, "SELECT count (*) FROM verbatims v JOIN answers a ON a.id = v.answer_id"
                                       " WHERE a.interview_id IN (SELECT iv.id" INTERVIEWS_OF ")",
                                   start, end, period_id, structure_id, &ok, NULL);
  /* One statement per filter: SQLite skips the test of a column it need not read. */
  figures->values_entered = count_rows (db, period_id != 0 && structure_id != 0
                                              ? "SELECT count (*) FROM measurements"
                                                " WHERE period_id = :period AND structure_id = :structure"
                                              : period_id != 0 ? "SELECT count (*) FROM measurements WHERE period_id = :period"
                                              : structure_id != 0 ? "SELECT count (*) FROM measurements WHERE structure_id = :structure"
                                              : "SELECT count (*) FROM measurements",
                                        NULL, NULL, period_id, structure_id, &ok, NULL);
  if (!ok)
    {
      set_db_error (error, db);
      return FALSE;
    }

  if (!foreach (source, structure_id, period_id, keep_latest, &data, error))
    return FALSE;

  period_targets = tissage_db_read_period_targets (db, error);
  if (period_targets == NULL)
    return FALSE;

  if (sqlite3_prepare_v2 (db, "SELECT id, nature, target, direction, ifnull (scope_structure_id, 0), consolidation FROM indicators",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      set_db_error (error, db);
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 scope = sqlite3_column_int64 (stmt, 4);
      gboolean has_target = sqlite3_column_type (stmt, 2) != SQLITE_NULL;
      double target = sqlite3_column_double (stmt, 2);
      TissageDirection direction = sqlite3_column_int (stmt, 3);
      Latest *value;

      if (structure_id != 0 && scope != 0 && scope != structure_id)
        continue;
      figures->indicators++;
      if (sqlite3_column_int (stmt, 1) != TISSAGE_NATURE_QUANTITATIVE)
        continue;
      figures->quantitative++;
      figures->with_target += has_target || tissage_period_targets_any (period_targets, id);

      value = g_hash_table_lookup (latest, &id);
      if (value == NULL)
        continue;
      figures->measured++;
      /* The value counts against its own period's target, where it has one. */
      target = tissage_period_targets_get (period_targets, id, value->period_id, has_target ? target : NAN);
      has_target = !isnan (target);
      if (!has_target)
        continue;
      if (!tissage_target_applies (structure_id, scope, sqlite3_column_int (stmt, 5)))
        continue;
      figures->targets_measured++;
      figures->targets_reached += tissage_indicator_reached (value->value.value, target, direction);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (error, db);
      return FALSE;
    }

  return TRUE;
}

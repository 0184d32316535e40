/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-core"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tissage-contribution.h"
#include "tissage-document-private.h"
#include "tissage-figures.h"
#include "tissage-referentiel.h"

TissageMeasurement *
tissage_document_get_measure (TissageDocument  *document,
                              TissageIndicator *indicator,
                              TissagePeriod    *period,
                              TissageStructure *structure)
{
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (TISSAGE_IS_INDICATOR (indicator), NULL);
  g_return_val_if_fail (TISSAGE_IS_PERIOD (period), NULL);

  if (sqlite3_prepare_v2 (tissage_document_get_db (document),
                          "SELECT id FROM measurements WHERE indicator_id = ? AND period_id = ?"
                          " AND ifnull (structure_id, 0) = ?",
                          -1, &stmt, NULL) != SQLITE_OK)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, tissage_record_id (indicator));
  sqlite3_bind_int64 (stmt, 2, tissage_record_id (period));
  sqlite3_bind_int64 (stmt, 3, tissage_record_id (structure));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return id != 0 ? tissage_document_fetch (document, TISSAGE_TYPE_MEASUREMENT, id) : NULL;
}

gboolean
tissage_document_set_measure (TissageDocument   *document,
                              TissageIndicator  *indicator,
                              TissagePeriod     *period,
                              TissageStructure  *structure,
                              const char        *input,
                              GError           **error)
{
  g_autoptr(TissageMeasurement) existing = NULL;
  g_autoptr(TissageMeasurement) created = NULL;
  g_autofree char *text = g_strstrip (g_strdup (input ? input : ""));
  gboolean qualitative;
  double number = NAN;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (TISSAGE_IS_INDICATOR (indicator), FALSE);
  g_return_val_if_fail (TISSAGE_IS_PERIOD (period), FALSE);

  qualitative = tissage_indicator_get_nature (indicator) == TISSAGE_NATURE_QUALITATIVE;
  if (!qualitative && *text != '\0' && !tissage_parse_number (text, &number))
    {
      g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                   _("“%s” is not a number, and “%s” counts with numbers. Write a number such as 12 or 12,5."),
                   text, tissage_indicator_get_title (indicator));
      return FALSE;
    }

  if (!tissage_contribution_check_values_of (document, tissage_record_id (structure), error))
    return FALSE;

  existing = tissage_document_get_measure (document, indicator, period, structure);

  if (*text == '\0')
    return existing == NULL || tissage_document_delete (document, existing, error);

  if (existing != NULL)
    return qualitative
      ? tissage_document_set (document, existing, error, "text-value", text, NULL)
      : tissage_document_set (document, existing, error, "value", number, NULL);

  if (qualitative)
    created = tissage_document_insert (document, TISSAGE_TYPE_MEASUREMENT, error,
                                       "indicator-id", tissage_record_id (indicator),
                                       "period-id", tissage_record_id (period),
                                       "structure-id", tissage_record_id (structure),
                                       "text-value", text,
                                       NULL);
  else
    created = tissage_document_insert (document, TISSAGE_TYPE_MEASUREMENT, error,
                                       "indicator-id", tissage_record_id (indicator),
                                       "period-id", tissage_record_id (period),
                                       "structure-id", tissage_record_id (structure),
                                       "value", number,
                                       NULL);

  return created != NULL;
}

static TissagePeriodTarget *
find_period_target (TissageDocument  *document,
                    TissageIndicator *indicator,
                    TissagePeriod    *period)
{
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;

  if (sqlite3_prepare_v2 (tissage_document_get_db (document),
                          "SELECT id FROM period_targets WHERE indicator_id = ? AND period_id = ?",
                          -1, &stmt, NULL) != SQLITE_OK)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, tissage_record_id (indicator));
  sqlite3_bind_int64 (stmt, 2, tissage_record_id (period));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return id != 0 ? tissage_document_fetch (document, TISSAGE_TYPE_PERIOD_TARGET, id) : NULL;
}

double
tissage_document_get_period_target (TissageDocument  *document,
                                    TissageIndicator *indicator,
                                    TissagePeriod    *period)
{
  g_autoptr(TissagePeriodTarget) target = NULL;
  double value;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), NAN);
  g_return_val_if_fail (TISSAGE_IS_INDICATOR (indicator), NAN);
  g_return_val_if_fail (TISSAGE_IS_PERIOD (period), NAN);

  target = find_period_target (document, indicator, period);
  if (target == NULL)
    return NAN;
  g_object_get (target, "target", &value, NULL);
  /* A file written elsewhere may hold an infinity: it is no target. */
  return isfinite (value) ? value : NAN;
}

double
tissage_document_get_target_for_period (TissageDocument  *document,
                                        TissageIndicator *indicator,
                                        TissagePeriod    *period)
{
  double own;

  g_return_val_if_fail (TISSAGE_IS_INDICATOR (indicator), NAN);

  own = period != NULL ? tissage_document_get_period_target (document, indicator, period) : NAN;
  return !isnan (own) ? own : tissage_indicator_get_target (indicator);
}

double
tissage_document_get_target_for (TissageDocument  *document,
                                 TissageIndicator *indicator,
                                 TissagePeriod    *period,
                                 TissageStructure *structure)
{
  gint64 scope = 0;

  g_return_val_if_fail (TISSAGE_IS_INDICATOR (indicator), NAN);

  g_object_get (indicator, "scope-structure-id", &scope, NULL);
  if (!tissage_target_applies (structure != NULL ? tissage_record_id (structure) : 0, scope,
                               tissage_indicator_get_consolidation (indicator)))
    return NAN;
  return tissage_document_get_target_for_period (document, indicator, period);
}

gboolean
tissage_document_indicator_has_target (TissageDocument  *document,
                                       TissageIndicator *indicator)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (TISSAGE_IS_INDICATOR (indicator), FALSE);

  if (!isnan (tissage_indicator_get_target (indicator)))
    return TRUE;

  if (sqlite3_prepare_v2 (tissage_document_get_db (document),
                          "SELECT 1 FROM period_targets WHERE indicator_id = ? AND abs (target) < 1e308",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, tissage_record_id (indicator));
      found = sqlite3_step (stmt) == SQLITE_ROW;
    }
  sqlite3_finalize (stmt);

  return found;
}

gboolean
tissage_document_set_period_target (TissageDocument  *document,
                                    TissageIndicator *indicator,
                                    TissagePeriod    *period,
                                    const char       *input,
                                    GError          **error)
{
  g_autoptr(TissagePeriodTarget) existing = NULL;
  g_autoptr(TissagePeriodTarget) created = NULL;
  g_autofree char *text = g_strstrip (g_strdup (input ? input : ""));
  double number = NAN;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (TISSAGE_IS_INDICATOR (indicator), FALSE);
  g_return_val_if_fail (TISSAGE_IS_PERIOD (period), FALSE);

  if (*text != '\0' && !tissage_parse_number (text, &number))
    {
      g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                   _("“%s” is not a number: write the target of “%s” as a number, such as 12 or 12,5."),
                   text, tissage_period_get_label (period));
      return FALSE;
    }

  existing = find_period_target (document, indicator, period);
  if (*text == '\0')
    return existing == NULL || tissage_document_delete (document, existing, error);
  if (existing != NULL)
    return tissage_document_set (document, existing, error, "target", number, NULL);

  created = tissage_document_insert (document, TISSAGE_TYPE_PERIOD_TARGET, error,
                                     "indicator-id", tissage_record_id (indicator),
                                     "period-id", tissage_record_id (period),
                                     "target", number,
                                     NULL);
  return created != NULL;
}

guint
tissage_document_count_period_values (TissageDocument *document,
                                      TissagePeriod   *period)
{
  sqlite3_stmt *stmt = NULL;
  guint count = 0;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), 0);
  g_return_val_if_fail (TISSAGE_IS_PERIOD (period), 0);

  if (sqlite3_prepare_v2 (tissage_document_get_db (document),
                          "SELECT count (*) FROM measurements WHERE period_id = ?", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, tissage_record_id (period));
      if (sqlite3_step (stmt) == SQLITE_ROW)
        count = sqlite3_column_int (stmt, 0);
    }
  sqlite3_finalize (stmt);

  return count;
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-export"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tissage-document.h"
#include "tissage-figures.h"
#include "tissage-referentiel.h"
#include "tissage-xlsx-sheet-private.h"

/* The measures: each indicator by period, the collective first, then
 * each structure. */

static TissageXlsxPeriod *
find_period (TissageXlsxExport *export,
             gint64             id)
{
  for (guint p = 0; p < export->periods->len; p++)
    {
      TissageXlsxPeriod *period = g_ptr_array_index (export->periods, p);

      if (period->id == id)
        return period;
    }

  return NULL;
}

static guint
period_index (TissageXlsxExport *export,
              TissageXlsxPeriod *period)
{
  guint index = 0;

  g_ptr_array_find (export->periods, period, &index);
  return index;
}

/* What names a measure comes first, then the figures. */
enum {
  MS_INDICATOR, MS_PERIOD, MS_STRUCTURE, MS_UNIT, MS_TARGET, MS_ACHIEVED, MS_RATE,
  MS_TEXT, MS_SOURCE, MS_COMMENT, MS_TYPE, MS_START, MS_END, MS_N_COLUMNS
};

static void
put_measure_row (TissageXlsxExport    *export,
                 TissageXlsxSheet     *sheet,
                 TissageXlsxIndicator *indicator,
                 TissageXlsxPeriod    *period,
                 const char           *structure,
                 gboolean              with_target,
                 double                value,
                 const char           *text,
                 const char           *source,
                 const char           *comment)
{
  g_autofree char *went_back = NULL;

  tissage_xlsx_put_text (export, sheet, MS_INDICATOR, indicator->title, export->text);
  if ((guint) indicator->type < TISSAGE_N_INDICATOR_TYPES)
    tissage_xlsx_put_text (export, sheet, MS_TYPE, tissage_indicator_type_to_label (indicator->type), export->text);
  tissage_xlsx_put_text (export, sheet, MS_UNIT, indicator->unit, export->text);
  tissage_xlsx_put_text (export, sheet, MS_PERIOD, period->label, export->text);
  tissage_xlsx_put_date (export, sheet, MS_START, period->start);
  tissage_xlsx_put_date (export, sheet, MS_END, period->end);
  tissage_xlsx_put_text (export, sheet, MS_STRUCTURE, structure, export->text);
  if (with_target && !isnan (tissage_xlsx_indicator_target (indicator, period_index (export, period))))
    {
      int index = period_index (export, period);
      TissageAchievement achievement;

      tissage_xlsx_put_value (export, sheet, MS_TARGET, tissage_xlsx_indicator_target (indicator, index));
      if (tissage_xlsx_indicator_rate (indicator, index, value, &achievement))
        tissage_xlsx_put_number (export, sheet, MS_RATE, achievement.rate, export->percent);
      /* A rate of 0 % said for what it is, before the comment typed. */
      if (achievement.went_back)
        went_back = tissage_xlsx_went_back (indicator, comment);
    }
  if (!isnan (value))
    tissage_xlsx_put_value (export, sheet, MS_ACHIEVED, value);
  tissage_xlsx_put_text (export, sheet, MS_TEXT, text, export->text);
  tissage_xlsx_put_text (export, sheet, MS_SOURCE, source, export->text);
  tissage_xlsx_put_text (export, sheet, MS_COMMENT, went_back != NULL ? went_back : comment, export->text);
  tissage_xlsx_next_row (export, sheet);
}

/* The collective's row comes first in each indicator and period: the
 * collective-wide value the summary reports, and where it comes from. */
static char *
counted_source (TissageXlsxIndicator *indicator,
                guint                 period)
{
  if (indicator->nature != TISSAGE_NATURE_QUANTITATIVE ||
      indicator->counted[period].source == TISSAGE_VALUE_NONE)
    return NULL;
  return tissage_counted_value_describe (&indicator->counted[period]);
}

gboolean
tissage_xlsx_write_measures (TissageXlsxExport *export,
                             lxw_worksheet     *worksheet)
{
  const TissageXlsxColumn columns[MS_N_COLUMNS] = {
    { _("Indicator"), 30, 44 },
    { _("Period"), 10, 20 },
    { _("Structure"), 18, 28 },
    { _("Unit"), 10, 20 },
    { _("Target"), 10, 14 },
    { _("Achieved"), 10, 14 },
    { _("Rate of achievement"), 11, 12 },
    { _("Value in words"), 16, 30 },
    { _("Source"), 16, 28 },
    { _("Comment"), 16, 36 },
    { _("Type of indicator"), 12, 16 },
    { _("Start"), 11, 11 },
    { _("End"), 11, 11 },
  };
  const char *collective = _("Whole collective");
  TissageXlsxSheet sheet;
  sqlite3_stmt *stmt;
  gint64 group_indicator = -1, group_period = -1;
  gboolean collective_done = FALSE;

  tissage_xlsx_sheet_init (export, &sheet, worksheet, columns, MS_N_COLUMNS);
  tissage_xlsx_write_header (export, &sheet);
  worksheet_freeze_panes (worksheet, sheet.header_row + 1, MS_INDICATOR + 1);

  stmt = tissage_xlsx_prepare (export,
                               "SELECT m.indicator_id, m.period_id, m.structure_id, m.value,"
                               " m.text_value, m.source, m.comment"
                               " FROM measurements m"
                               " JOIN indicators i ON i.id = m.indicator_id"
                               " JOIN effects e ON e.id = i.effect_id"
                               " JOIN eval_questions q ON q.id = e.question_id"
                               " JOIN stakes s ON s.id = q.stake_id"
                               " JOIN periods p ON p.id = m.period_id"
                               " LEFT JOIN structures st ON st.id = m.structure_id"
                               " WHERE (?1 IS NULL OR m.period_id = ?1)"
                               /* A structure's report: its values beside the collective's. */
                               " AND (?2 IS NULL OR m.structure_id IS NULL OR m.structure_id = ?2)"
                               " ORDER BY " TISSAGE_XLSX_FRAMEWORK_ORDER ", p.position, p.id,"
                               " st.id IS NOT NULL, st.position, st.name, st.id");
  if (stmt != NULL && export->period != NULL)
    sqlite3_bind_int64 (stmt, 1, export->period->id);
  tissage_xlsx_bind_structure (export, stmt, 2);

  while (tissage_xlsx_step (export, stmt))
    {
      gint64 indicator_id = sqlite3_column_int64 (stmt, 0);
      TissageXlsxIndicator *indicator = g_hash_table_lookup (export->indicator_index, &indicator_id);
      TissageXlsxPeriod *period = find_period (export, sqlite3_column_int64 (stmt, 1));
      gboolean is_collective = sqlite3_column_type (stmt, 2) == SQLITE_NULL;
      gboolean qualitative;
      double consolidated;

      if (indicator == NULL || period == NULL)
        continue;

      qualitative = indicator->nature != TISSAGE_NATURE_QUANTITATIVE;
      consolidated = qualitative ? NAN : indicator->values[period_index (export, period)];

      if (indicator->id != group_indicator || period->id != group_period)
        {
          group_indicator = indicator->id;
          group_period = period->id;
          collective_done = FALSE;
        }

      if (is_collective)
        {
          const char *source = tissage_xlsx_column_text (stmt, 5);
          g_autofree char *counted = counted_source (indicator, period_index (export, period));

          put_measure_row (export, &sheet, indicator, period, collective, TRUE, consolidated,
                           tissage_xlsx_column_text (stmt, 4),
                           *source != '\0' ? source : counted,
                           tissage_xlsx_column_text (stmt, 6));
          collective_done = TRUE;
          continue;
        }

      if (!collective_done && !isnan (consolidated))
        {
          g_autofree char *counted = counted_source (indicator, period_index (export, period));

          put_measure_row (export, &sheet, indicator, period, collective, TRUE, consolidated,
                           NULL, counted, NULL);
        }
      collective_done = TRUE;

      /* A structure's value against the target, as the screen reads it:
       * never its share of a sum, whose target is the collective's. */
      put_measure_row (export, &sheet, indicator, period,
                       tissage_xlsx_lookup_name (export->structures, stmt, 2),
                       tissage_target_applies (sqlite3_column_int64 (stmt, 2), indicator->scope_structure_id,
                                               indicator->consolidation),
                       sqlite3_column_type (stmt, 3) != SQLITE_NULL ? sqlite3_column_double (stmt, 3) : NAN,
                       tissage_xlsx_column_text (stmt, 4),
                       tissage_xlsx_column_text (stmt, 5),
                       tissage_xlsx_column_text (stmt, 6));
      if (export->error != NULL)
        break;
    }
  sqlite3_finalize (stmt);

  tissage_xlsx_sheet_finish (export, &sheet, MS_N_COLUMNS);
  tissage_xlsx_sheet_clear (&sheet);

  return export->error == NULL;
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-export"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tissage-document.h"
#include "tissage-referentiel.h"
#include "tissage-xlsx-sheet-private.h"

/* The référentiel: stakes, evaluation questions, expected effects and
 * indicators, each level folding under the one above it. */

enum {
  FW_LEVEL, FW_TITLE, FW_DESCRIPTION, FW_HORIZON, FW_DIRECTION, FW_CONCERNS,
  FW_TYPE, FW_NATURE, FW_UNIT, FW_CALCULATION, FW_SOURCE, FW_COLLECTION, FW_FREQUENCY,
  FW_BASELINE, FW_BASELINE_DATE, FW_TARGET, FW_TARGET_DATE, FW_SCOPE, FW_TERRITORY,
  FW_RESPONSIBLE, FW_CONSOLIDATION, FW_N_COLUMNS
};

/* Who each effect concerns, as one line of names. */
static GHashTable *
dup_concerns (TissageXlsxExport *export)
{
  GHashTable *concerns = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                (GDestroyNotify) g_ptr_array_unref);
  sqlite3_stmt *stmt;

  stmt = tissage_xlsx_prepare (export,
                               "SELECT es.effect_id, es.stakeholder_id, sh.name, c.name"
                               " FROM effect_stakeholders es"
                               " LEFT JOIN stakeholders sh ON sh.id = es.stakeholder_id"
                               " LEFT JOIN categories c ON c.id = es.category_id"
                               " ORDER BY es.effect_id, es.category_id IS NULL, c.position, sh.name, es.id");
  while (tissage_xlsx_step (export, stmt))
    {
      gint64 effect_id = sqlite3_column_int64 (stmt, 0);
      GPtrArray *names = g_hash_table_lookup (concerns, &effect_id);
      const char *name;

      if (names == NULL)
        {
          names = g_ptr_array_new ();
          g_hash_table_insert (concerns, g_memdup2 (&effect_id, sizeof effect_id), names);
        }

      if (sqlite3_column_type (stmt, 1) != SQLITE_NULL &&
          tissage_xlsx_is_masked (export, sqlite3_column_int64 (stmt, 1)))
        name = tissage_xlsx_hidden_name ();
      else if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        name = g_intern_string (tissage_xlsx_column_text (stmt, 2));
      else
        name = g_intern_string (tissage_xlsx_column_text (stmt, 3));

      if (name != NULL && !g_ptr_array_find (names, name, NULL))
        g_ptr_array_add (names, (gpointer) name);
    }
  sqlite3_finalize (stmt);

  return concerns;
}

static void
put_concerns (TissageXlsxExport *export,
              TissageXlsxSheet  *sheet,
              GHashTable        *concerns,
              gint64             effect_id)
{
  GPtrArray *names = g_hash_table_lookup (concerns, &effect_id);
  g_autofree char *joined = NULL;

  if (names == NULL || names->len == 0)
    return;

  g_ptr_array_add (names, NULL);
  joined = g_strjoinv (", ", (char **) names->pdata);
  g_ptr_array_remove_index (names, names->len - 1);
  tissage_xlsx_put_text (export, sheet, FW_CONCERNS, joined, export->wrap);
}

/* A level of the hierarchy: its outline level, so that Excel folds it. */
static void
start_level (TissageXlsxSheet *sheet,
             guint             level)
{
  sheet->row_level = level;
}

static void
put_number_or_text (TissageXlsxExport *export,
                    TissageXlsxSheet  *sheet,
                    lxw_col_t          column,
                    sqlite3_stmt      *stmt,
                    int                number_column,
                    int                text_column)
{
  if (sqlite3_column_type (stmt, number_column) != SQLITE_NULL)
    tissage_xlsx_put_value (export, sheet, column, sqlite3_column_double (stmt, number_column));
  else
    tissage_xlsx_put_text (export, sheet, column, tissage_xlsx_column_text (stmt, text_column), export->wrap);
}

gboolean
tissage_xlsx_write_framework (TissageXlsxExport *export,
                              lxw_worksheet     *worksheet)
{
  static const char * const horizons[] = { N_("Short term"), N_("Medium term"), N_("Long term") };
  static const char * const natures[] = { N_("Quantitative"), N_("Qualitative") };
  static const char * const consolidations[] = { N_("None: entered for the collective"),
                                                 N_("Sum of the structures"),
                                                 N_("Mean of the structures") };
  const TissageXlsxColumn columns[FW_N_COLUMNS] = {
    { _("Level"), 12, 18 },
    { _("Title"), 30, 45 },
    { _("Description or definition"), 36, 50 },
    { _("Horizon"), 12, 16 },
    { _("Direction of the effect"), 12, 14 },
    { _("Whom it concerns"), 18, 30 },
    { _("Type of indicator"), 12, 16 },
    { _("Nature"), 12, 16 },
    { _("Unit"), 10, 20 },
    { _("Calculation method"), 18, 30 },
    { _("Data source"), 16, 28 },
    { _("Collection method"), 14, 20 },
    { _("Frequency"), 12, 16 },
    { _("Baseline"), 12, 18 },
    { _("Baseline date"), 12, 12 },
    { _("Target"), 12, 18 },
    { _("Target date"), 12, 12 },
    { _("Member structure"), 14, 24 },
    { _("Territory"), 14, 22 },
    { _("Responsible person or structure"), 14, 24 },
    { _("Collective-wide value"), 18, 24 },
  };
  g_autoptr(GHashTable) concerns = dup_concerns (export);
  TissageXlsxSheet sheet;
  sqlite3_stmt *stmt;
  gint64 stake = -1, question = -1, effect = -1;

  tissage_xlsx_sheet_init (export, &sheet, worksheet, columns, FW_N_COLUMNS);
  /* Each level folds under the one above it. */
  worksheet_outline_settings (worksheet, LXW_TRUE, LXW_FALSE, LXW_FALSE, LXW_FALSE);
  tissage_xlsx_write_header (export, &sheet);
  worksheet_freeze_panes (worksheet, sheet.header_row + 1, FW_TITLE + 1);

  stmt = tissage_xlsx_prepare (export,
                               "SELECT s.id, s.title, s.description,"
                               " q.id, q.title, q.description,"
                               " e.id, e.title, e.description, e.horizon, e.positive,"
                               " i.id, i.title, i.definition, i.type, i.nature, i.unit, i.calculation,"
                               " i.source, i.collection, i.frequency, i.baseline, i.baseline_text,"
                               " i.baseline_date, i.target, i.target_text, i.target_date,"
                               " i.scope_structure_id, i.scope_territory, i.responsible, i.consolidation"
                               " FROM stakes s"
                               " LEFT JOIN eval_questions q ON q.stake_id = s.id"
                               " LEFT JOIN effects e ON e.question_id = q.id"
                               " LEFT JOIN indicators i ON i.effect_id = e.id"
                               " ORDER BY " TISSAGE_XLSX_FRAMEWORK_ORDER);

  while (tissage_xlsx_step (export, stmt))
    {
      if (sqlite3_column_int64 (stmt, 0) != stake)
        {
          stake = sqlite3_column_int64 (stmt, 0);
          question = effect = -1;
          start_level (&sheet, 0);
          tissage_xlsx_put_text (export, &sheet, FW_LEVEL, _("Stake"), export->levels[0]);
          tissage_xlsx_put_text (export, &sheet, FW_TITLE, tissage_xlsx_column_text (stmt, 1), export->levels[0]);
          tissage_xlsx_put_text (export, &sheet, FW_DESCRIPTION, tissage_xlsx_column_text (stmt, 2), export->wrap);
          tissage_xlsx_next_row (export, &sheet);
        }

      if (sqlite3_column_type (stmt, 3) == SQLITE_NULL)
        continue;
      if (sqlite3_column_int64 (stmt, 3) != question)
        {
          question = sqlite3_column_int64 (stmt, 3);
          effect = -1;
          start_level (&sheet, 1);
          tissage_xlsx_put_text (export, &sheet, FW_LEVEL, _("Evaluation question"), export->text);
          tissage_xlsx_put_text (export, &sheet, FW_TITLE, tissage_xlsx_column_text (stmt, 4), export->levels[1]);
          tissage_xlsx_put_text (export, &sheet, FW_DESCRIPTION, tissage_xlsx_column_text (stmt, 5), export->wrap);
          tissage_xlsx_next_row (export, &sheet);
        }

      if (sqlite3_column_type (stmt, 6) == SQLITE_NULL)
        continue;
      if (sqlite3_column_int64 (stmt, 6) != effect)
        {
          effect = sqlite3_column_int64 (stmt, 6);
          start_level (&sheet, 2);
          tissage_xlsx_put_text (export, &sheet, FW_LEVEL, _("Expected effect"), export->text);
          tissage_xlsx_put_text (export, &sheet, FW_TITLE, tissage_xlsx_column_text (stmt, 7), export->levels[2]);
          tissage_xlsx_put_text (export, &sheet, FW_DESCRIPTION, tissage_xlsx_column_text (stmt, 8), export->wrap);
          tissage_xlsx_put_text (export, &sheet, FW_HORIZON,
                                 tissage_xlsx_label_of (horizons, G_N_ELEMENTS (horizons), sqlite3_column_int (stmt, 9)),
                                 export->text);
          tissage_xlsx_put_text (export, &sheet, FW_DIRECTION,
                                 sqlite3_column_int (stmt, 10) ? _("Positive") : _("Negative"), export->text);
          put_concerns (export, &sheet, concerns, effect);
          tissage_xlsx_next_row (export, &sheet);
        }

      if (sqlite3_column_type (stmt, 11) == SQLITE_NULL)
        continue;

      start_level (&sheet, 3);
      tissage_xlsx_put_text (export, &sheet, FW_LEVEL, _("Indicator"), export->text);
      tissage_xlsx_put_text (export, &sheet, FW_TITLE, tissage_xlsx_column_text (stmt, 12), export->levels[3]);
      tissage_xlsx_put_text (export, &sheet, FW_DESCRIPTION, tissage_xlsx_column_text (stmt, 13), export->wrap);
      if ((guint) sqlite3_column_int (stmt, 14) < TISSAGE_N_INDICATOR_TYPES)
        tissage_xlsx_put_text (export, &sheet, FW_TYPE,
                               tissage_indicator_type_to_label (sqlite3_column_int (stmt, 14)), export->text);
      tissage_xlsx_put_text (export, &sheet, FW_NATURE,
                             tissage_xlsx_label_of (natures, G_N_ELEMENTS (natures), sqlite3_column_int (stmt, 15)),
                             export->text);
      tissage_xlsx_put_text (export, &sheet, FW_UNIT, tissage_xlsx_column_text (stmt, 16), export->text);
      tissage_xlsx_put_text (export, &sheet, FW_CALCULATION, tissage_xlsx_column_text (stmt, 17), export->wrap);
      tissage_xlsx_put_text (export, &sheet, FW_SOURCE, tissage_xlsx_column_text (stmt, 18), export->wrap);
      if ((guint) sqlite3_column_int (stmt, 19) < TISSAGE_N_COLLECTIONS)
        tissage_xlsx_put_text (export, &sheet, FW_COLLECTION,
                               tissage_collection_to_label (sqlite3_column_int (stmt, 19)), export->text);
      tissage_xlsx_put_text (export, &sheet, FW_FREQUENCY, tissage_xlsx_column_text (stmt, 20), export->text);
      put_number_or_text (export, &sheet, FW_BASELINE, stmt, 21, 22);
      tissage_xlsx_put_date (export, &sheet, FW_BASELINE_DATE, tissage_xlsx_column_text (stmt, 23));
      put_number_or_text (export, &sheet, FW_TARGET, stmt, 24, 25);
      tissage_xlsx_put_date (export, &sheet, FW_TARGET_DATE, tissage_xlsx_column_text (stmt, 26));
      tissage_xlsx_put_text (export, &sheet, FW_SCOPE,
                             tissage_xlsx_lookup_name (export->structures, stmt, 27), export->text);
      tissage_xlsx_put_text (export, &sheet, FW_TERRITORY, tissage_xlsx_column_text (stmt, 28), export->text);
      tissage_xlsx_put_text (export, &sheet, FW_RESPONSIBLE, tissage_xlsx_column_text (stmt, 29), export->text);
      tissage_xlsx_put_text (export, &sheet, FW_CONSOLIDATION,
                             tissage_xlsx_label_of (consolidations, G_N_ELEMENTS (consolidations), sqlite3_column_int (stmt, 30)),
                             export->text);
      if (!tissage_xlsx_next_row (export, &sheet))
        break;
    }
  sqlite3_finalize (stmt);

  tissage_xlsx_sheet_finish (export, &sheet, FW_N_COLUMNS);
  tissage_xlsx_sheet_clear (&sheet);

  return export->error == NULL;
}

#define G_LOG_DOMAIN "tissage-export"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tissage-document.h"
#include "tissage-referentiel.h"
#include "tissage-xlsx-writer-private.h"

/* The tables of the workbook: the référentiel, the measures, the
 * stakeholders, the interviews and the verbatims. */

/* The stakeholder map goes above the tables of its sheet, over this many
 * rows of the default height (600 pixels), as wide as its shape wants. */
#define MAP_ROWS 30

static const char *
label_of (const char * const *labels,
          guint               n_labels,
          int                 value)
{
  return value >= 0 && (guint) value < n_labels ? _(labels[value]) : NULL;
}

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

/* Référentiel */

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
    { _("Level"), 12, 20 },
    { _("Title"), 40, 60 },
    { _("Description or definition"), 40, 70 },
    { _("Horizon"), 12, 16 },
    { _("Direction of the effect"), 12, 14 },
    { _("Whom it concerns"), 20, 45 },
    { _("Type of indicator"), 12, 16 },
    { _("Nature"), 12, 16 },
    { _("Unit"), 10, 20 },
    { _("Calculation method"), 20, 45 },
    { _("Data source"), 16, 40 },
    { _("Collection method"), 16, 24 },
    { _("Frequency"), 12, 20 },
    { _("Baseline"), 12, 24 },
    { _("Baseline date"), 12, 12 },
    { _("Target"), 12, 24 },
    { _("Target date"), 12, 12 },
    { _("Member structure"), 16, 35 },
    { _("Territory"), 14, 35 },
    { _("Responsible person or structure"), 16, 35 },
    { _("Collective-wide value"), 20, 32 },
  };
  g_autoptr(GHashTable) concerns = dup_concerns (export);
  TissageXlsxSheet sheet;
  sqlite3_stmt *stmt;
  gint64 stake = -1, question = -1, effect = -1;

  tissage_xlsx_sheet_init (export, &sheet, worksheet, columns, FW_N_COLUMNS);
  /* A page printed across still says which item each row is. */
  sheet.print_columns = FW_TITLE + 1;
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
                                 label_of (horizons, G_N_ELEMENTS (horizons), sqlite3_column_int (stmt, 9)),
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
                             label_of (natures, G_N_ELEMENTS (natures), sqlite3_column_int (stmt, 15)),
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
                             label_of (consolidations, G_N_ELEMENTS (consolidations), sqlite3_column_int (stmt, 30)),
                             export->text);
      if (!tissage_xlsx_next_row (export, &sheet))
        break;
    }
  sqlite3_finalize (stmt);

  tissage_xlsx_sheet_finish (export, &sheet, FW_N_COLUMNS);
  tissage_xlsx_sheet_clear (&sheet);

  return export->error == NULL;
}

/* Mesures */

/* What names a measure comes first, so that it is repeated on each page
 * printed across, then the figures. */
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
  tissage_xlsx_put_text (export, sheet, MS_INDICATOR, indicator->title, export->text);
  if ((guint) indicator->type < TISSAGE_N_INDICATOR_TYPES)
    tissage_xlsx_put_text (export, sheet, MS_TYPE, tissage_indicator_type_to_label (indicator->type), export->text);
  tissage_xlsx_put_text (export, sheet, MS_UNIT, indicator->unit, export->text);
  tissage_xlsx_put_text (export, sheet, MS_PERIOD, period->label, export->text);
  tissage_xlsx_put_date (export, sheet, MS_START, period->start);
  tissage_xlsx_put_date (export, sheet, MS_END, period->end);
  tissage_xlsx_put_text (export, sheet, MS_STRUCTURE, structure, export->text);
  if (with_target && indicator->has_target)
    {
      double rate;

      tissage_xlsx_put_value (export, sheet, MS_TARGET, indicator->target);
      if (tissage_xlsx_indicator_rate (indicator, value, &rate))
        tissage_xlsx_put_number (export, sheet, MS_RATE, rate, export->percent);
    }
  if (!isnan (value))
    tissage_xlsx_put_value (export, sheet, MS_ACHIEVED, value);
  tissage_xlsx_put_text (export, sheet, MS_TEXT, text, export->text);
  tissage_xlsx_put_text (export, sheet, MS_SOURCE, source, export->text);
  tissage_xlsx_put_text (export, sheet, MS_COMMENT, comment, export->text);
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
    { _("Indicator"), 40, 60 },
    { _("Period"), 10, 20 },
    { _("Structure"), 20, 40 },
    { _("Unit"), 10, 20 },
    { _("Target"), 10, 14 },
    { _("Achieved"), 10, 14 },
    { _("Rate of achievement"), 11, 12 },
    { _("Value in words"), 16, 50 },
    { _("Source"), 16, 40 },
    { _("Comment"), 16, 50 },
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
  sheet.print_columns = MS_STRUCTURE + 1;
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

      /* A structure's own target: the indicator is its alone, or the
       * collective's figure is the structures' mean. */
      put_measure_row (export, &sheet, indicator, period,
                       tissage_xlsx_lookup_name (export->structures, stmt, 2),
                       indicator->scope_structure_id == sqlite3_column_int64 (stmt, 2) ||
                       indicator->consolidation == TISSAGE_CONSOLIDATION_MEAN,
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

/* Parties prenantes */

enum {
  SH_NAME, SH_CATEGORY, SH_STRUCTURE, SH_MEMBER, SH_PROXIMITY, SH_INFLUENCE, SH_INTEREST,
  SH_DESCRIPTION, SH_GAP, LK_SOURCE, LK_TARGET, LK_KIND, LK_STRENGTH, LK_NOTE, LK_GAP,
  SH_N_COLUMNS
};

static const char *
stakeholder_name (TissageXlsxExport *export,
                  sqlite3_stmt      *stmt,
                  int                id_column,
                  int                name_column)
{
  if (tissage_xlsx_is_masked (export, sqlite3_column_int64 (stmt, id_column)))
    return tissage_xlsx_hidden_name ();

  return tissage_xlsx_column_text (stmt, name_column);
}

/* The size of a PNG image, from its header. */
static gboolean
png_size (GBytes *png,
          guint  *width,
          guint  *height)
{
  gsize size = 0;
  const guchar *data = g_bytes_get_data (png, &size);

  if (size < 24 || memcmp (data, "\x89PNG", 4) != 0)
    return FALSE;

  *width = (guint) data[16] << 24 | (guint) data[17] << 16 | (guint) data[18] << 8 | data[19];
  *height = (guint) data[20] << 24 | (guint) data[21] << 16 | (guint) data[22] << 8 | data[23];
  return *width > 0 && *height > 0;
}

/* The map above the tables, when there is someone on it: the rows it
 * covers are of the default height, as the library takes them, so that
 * it keeps its shape. */
void
tissage_xlsx_insert_map (TissageXlsxExport *export,
                         lxw_worksheet     *worksheet,
                         GBytes            *png)
{
  lxw_image_options options = { 0, };
  guint width, height;

  if (png == NULL || export->map_rows == 0 || !png_size (png, &width, &height))
    return;

  options.y_scale = options.x_scale = export->map_rows * LXW_DEF_ROW_HEIGHT * 4.0 / 3.0 / height;
  options.description = (char *) _("Stakeholder map");
  worksheet_insert_image_buffer_opt (worksheet, 0, 0,
                                     g_bytes_get_data (png, NULL), g_bytes_get_size (png), &options);
}

static gboolean
has_stakeholders (TissageXlsxExport *export)
{
  sqlite3_stmt *stmt = tissage_xlsx_prepare (export, "SELECT 1 FROM stakeholders LIMIT 1");
  gboolean found = tissage_xlsx_step (export, stmt);

  sqlite3_finalize (stmt);
  return found;
}

gboolean
tissage_xlsx_write_stakeholders (TissageXlsxExport *export,
                                 lxw_worksheet     *worksheet)
{
  const TissageXlsxColumn columns[SH_N_COLUMNS] = {
    { _("Stakeholder"), 24, 40 },
    { _("Category"), 16, 30 },
    { _("Member structure"), 18, 36 },
    { _("Member of the collective"), 11, 12 },
    { _("Proximity"), 12, 16 },
    { _("Influence (0 to 100)"), 11, 11 },
    { _("Interest (0 to 100)"), 11, 11 },
    { _("Description"), 30, 60 },
    { NULL, 3, 3 },
    { _("From"), 24, 40 },
    { _("To"), 24, 40 },
    { _("Kind of link"), 14, 24 },
    { _("Strength (1 to 3)"), 10, 12 },
    { _("Note"), 20, 50 },
    { NULL, 3, 3 },
  };
  TissageXlsxSheet sheet;
  sqlite3_stmt *stakeholders, *links;
  gboolean more_stakeholders, more_links;
  tissage_xlsx_sheet_init (export, &sheet, worksheet, columns, SH_N_COLUMNS);
  /* Rows side by side are of two tables: a name repeated beside links on
   * a page printed across would read as theirs. */
  sheet.print_columns = 0;

  /* The map first, where whoever opens the sheet sees it, the tables below
   * it; panes frozen under it would leave no room to scroll them. */
  if (export->with_map && has_stakeholders (export))
    {
      export->map_rows = MAP_ROWS;
      sheet.row = MAP_ROWS + 1;
      sheet.unfrozen = TRUE;
    }
  tissage_xlsx_write_header (export, &sheet);
  if (!sheet.unfrozen)
    worksheet_freeze_panes (worksheet, sheet.header_row + 1, SH_NAME + 1);

  stakeholders = tissage_xlsx_prepare (export,
                                       "SELECT sh.id, sh.name, sh.category_id, sh.structure_id, sh.is_member,"
                                       " sh.proximity, sh.influence, sh.interest, sh.description"
                                       " FROM stakeholders sh LEFT JOIN categories c ON c.id = sh.category_id"
                                       " ORDER BY c.id IS NULL, c.position, c.id, sh.name, sh.id");
  links = tissage_xlsx_prepare (export,
                                "SELECT l.source_id, a.name, l.target_id, b.name, l.kind, l.strength, l.note"
                                " FROM links l JOIN stakeholders a ON a.id = l.source_id"
                                " JOIN stakeholders b ON b.id = l.target_id"
                                " ORDER BY a.name, b.name, l.id");

  /* The two tables side by side, row by row. */
  more_stakeholders = tissage_xlsx_step (export, stakeholders);
  more_links = tissage_xlsx_step (export, links);
  while (more_stakeholders || more_links)
    {
      if (more_stakeholders)
        {
          gboolean masked = tissage_xlsx_is_masked (export, sqlite3_column_int64 (stakeholders, 0));
          int proximity = sqlite3_column_int (stakeholders, 5);

          tissage_xlsx_put_text (export, &sheet, SH_NAME, stakeholder_name (export, stakeholders, 0, 1), export->text);
          tissage_xlsx_put_text (export, &sheet, SH_CATEGORY,
                                 tissage_xlsx_lookup_name (export->categories, stakeholders, 2), export->text);
          /* Beside a masked person, their structure only among enough
           * people of their kind (tissage_privacy_shows_structure()). */
          if (!masked || tissage_privacy_shows_structure (export->privacy, sqlite3_column_int64 (stakeholders, 2),
                                                          sqlite3_column_int64 (stakeholders, 3)))
            tissage_xlsx_put_text (export, &sheet, SH_STRUCTURE,
                                   tissage_xlsx_lookup_name (export->structures, stakeholders, 3), export->text);
          tissage_xlsx_put_yes_no (export, &sheet, SH_MEMBER, sqlite3_column_int (stakeholders, 4));
          if (proximity >= 0 && proximity < TISSAGE_N_PROXIMITIES)
            tissage_xlsx_put_text (export, &sheet, SH_PROXIMITY, tissage_proximity_to_label (proximity), export->text);
          tissage_xlsx_put_number (export, &sheet, SH_INFLUENCE, sqlite3_column_int (stakeholders, 6), export->integer);
          tissage_xlsx_put_number (export, &sheet, SH_INTEREST, sqlite3_column_int (stakeholders, 7), export->integer);
          if (!masked)
            tissage_xlsx_put_text (export, &sheet, SH_DESCRIPTION, tissage_xlsx_column_text (stakeholders, 8), export->text);
          more_stakeholders = tissage_xlsx_step (export, stakeholders);
        }

      if (more_links)
        {
          tissage_xlsx_put_text (export, &sheet, LK_SOURCE, stakeholder_name (export, links, 0, 1), export->text);
          tissage_xlsx_put_text (export, &sheet, LK_TARGET, stakeholder_name (export, links, 2, 3), export->text);
          tissage_xlsx_put_text (export, &sheet, LK_KIND, tissage_xlsx_column_text (links, 4), export->text);
          tissage_xlsx_put_number (export, &sheet, LK_STRENGTH, sqlite3_column_int (links, 5), export->integer);
          tissage_xlsx_put_text (export, &sheet, LK_NOTE, tissage_xlsx_column_text (links, 6), export->text);
          more_links = tissage_xlsx_step (export, links);
        }

      if (!tissage_xlsx_next_row (export, &sheet))
        break;
    }
  sqlite3_finalize (stakeholders);
  sqlite3_finalize (links);

  /* The filter sorts the stakeholders; the links are a table of their own. */
  tissage_xlsx_sheet_finish (export, &sheet, SH_DESCRIPTION + 1);
  tissage_xlsx_sheet_clear (&sheet);

  return export->error == NULL;
}

/* Entretiens */

typedef struct
{
  lxw_col_t column;
  int       kind;
} QuestionColumn;

enum {
  KIND_OPEN, KIND_SCALE, KIND_YES_NO, KIND_SINGLE, KIND_MULTIPLE, KIND_NUMBER
};

static const char * const modes[] = { N_("Face to face"), N_("Phone"), N_("Video call"), N_("Group") };
static const char * const statuses[] = { N_("To do"), N_("In progress"), N_("Done") };

static void
put_answer (TissageXlsxExport *export,
            TissageXlsxSheet  *sheet,
            QuestionColumn    *question,
            sqlite3_stmt      *stmt)
{
  gboolean has_number = sqlite3_column_type (stmt, 2) != SQLITE_NULL;
  const char *text = tissage_xlsx_column_text (stmt, 1);

  switch (question->kind)
    {
    case KIND_SCALE:
    case KIND_NUMBER:
      if (has_number)
        tissage_xlsx_put_value (export, sheet, question->column, sqlite3_column_double (stmt, 2));
      break;

    case KIND_YES_NO:
      if (has_number)
        tissage_xlsx_put_yes_no (export, sheet, question->column, sqlite3_column_double (stmt, 2) != 0);
      break;

    case KIND_MULTIPLE:
      if (strchr (text, '\n') != NULL)
        {
          g_auto(GStrv) choices = g_strsplit (text, "\n", -1);
          g_autofree char *joined = g_strjoinv ("; ", choices);

          tissage_xlsx_put_text (export, sheet, question->column, joined, export->text);
          break;
        }
      G_GNUC_FALLTHROUGH;

    case KIND_OPEN:
    case KIND_SINGLE:
    default:
      tissage_xlsx_put_text (export, sheet, question->column, text, export->text);
      break;
    }
}

/* The first row names what each group of columns is: the interview, then
 * each grid above its questions. */
static void
put_group (TissageXlsxExport *export,
           TissageXlsxSheet  *sheet,
           lxw_col_t          first,
           lxw_col_t          last,
           const char        *title)
{
  g_autofree char *copy = NULL;

  title = tissage_xlsx_clean_text (title, TRUE, &copy);
  if (last > first)
    worksheet_merge_range (sheet->worksheet, sheet->row, first, sheet->row, last, title, export->group);
  else
    worksheet_write_string (sheet->worksheet, sheet->row, first, title, export->group);
  export->stats.strings++;
  export->stats.string_bytes += strlen (title);
}

gboolean
tissage_xlsx_write_interviews (TissageXlsxExport *export,
                               lxw_worksheet     *worksheet)
{
  enum { IV_NUMBER, IV_PERSON, IV_CATEGORY, IV_PERSON_STRUCTURE, IV_STRUCTURE, IV_INTERVIEWER,
         IV_DATE, IV_PLACE, IV_MODE, IV_CONSENT, IV_STATUS, IV_GRID, IV_NOTES, IV_N_COLUMNS };
  const TissageXlsxColumn meta[IV_N_COLUMNS] = {
    { _("No."), 6, 8 },
    { _("Interviewee"), 20, 32 },
    { _("Category"), 14, 28 },
    { _("Interviewee's structure"), 16, 32 },
    { _("Structure that led the interview"), 16, 32 },
    { _("Interviewer"), 14, 28 },
    { _("Date"), 11, 11 },
    { _("Place"), 14, 28 },
    { _("Mode"), 11, 14 },
    { _("Consent"), 10, 12 },
    { _("Status"), 10, 12 },
    { _("Interview grid"), 16, 32 },
    { _("Notes"), 20, 50 },
  };
  /* Pseudonymised, nothing that could name a person: no place, no notes,
   * no interviewer (a person too, and often the one known to them). */
  gboolean named = !export->options->pseudonymise;
  gboolean interviewers = tissage_privacy_shows_interviewer (export->privacy);
  g_autoptr(GArray) columns = g_array_new (FALSE, FALSE, sizeof (TissageXlsxColumn));
  g_autoptr(GArray) meta_columns = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) questions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GPtrArray) grids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) grid_bounds = g_array_new (FALSE, FALSE, sizeof (lxw_col_t));
  TissageXlsxSheet sheet;
  sqlite3_stmt *stmt, *answers;
  gint64 grid = -1;

  for (int m = 0; m < IV_N_COLUMNS; m++)
    {
      if ((!named && (m == IV_PLACE || m == IV_NOTES)) || (!interviewers && m == IV_INTERVIEWER))
        continue;
      g_array_append_val (columns, meta[m]);
      g_array_append_val (meta_columns, m);
    }

  /* A column per question of the grids used, in their order; a question
   * taken out of its grid keeps its column while answers remain. */
  stmt = tissage_xlsx_prepare (export,
                               "SELECT g.id, g.title, gq.id, gq.kind, gq.text, gq.retired"
                               " FROM grid_questions gq JOIN grids g ON g.id = gq.grid_id"
                               " WHERE EXISTS (SELECT 1 FROM interviews iv"
                               "               LEFT JOIN stakeholders sh ON sh.id = iv.stakeholder_id"
                               "               WHERE iv.grid_id = g.id"
                               "               AND (?1 IS NULL OR iv.date BETWEEN ?1 AND ?2)"
                               "               AND (?3 IS NULL OR iv.structure_id = ?3"
                               "                    OR coalesce (iv.person_structure_id, sh.structure_id) = ?3))"
                               " AND (gq.retired = 0 OR EXISTS (SELECT 1 FROM answers a WHERE a.question_id = gq.id))"
                               " ORDER BY g.position, g.id, gq.position, gq.id");
  tissage_xlsx_bind_period (export, stmt, 1);
  tissage_xlsx_bind_structure (export, stmt, 3);
  while (tissage_xlsx_step (export, stmt))
    {
      TissageXlsxColumn column = { NULL, 18, 45 };
      QuestionColumn *question = g_new0 (QuestionColumn, 1);
      gint64 question_id = sqlite3_column_int64 (stmt, 2);
      const char *text = tissage_xlsx_column_text (stmt, 4);
      char *title;

      if (sqlite3_column_int64 (stmt, 0) != grid)
        {
          grid = sqlite3_column_int64 (stmt, 0);
          g_ptr_array_add (grids, g_strdup (tissage_xlsx_column_text (stmt, 1)));
          g_array_append_val (grid_bounds, columns->len);
        }

      question->column = columns->len;
      question->kind = sqlite3_column_int (stmt, 3);
      title = sqlite3_column_int (stmt, 5) ? g_strdup_printf (_("%s (removed from the grid)"), text)
                                           : g_strdup (text);
      g_ptr_array_add (titles, title);
      column.title = title;
      if (question->kind == KIND_SCALE || question->kind == KIND_YES_NO || question->kind == KIND_NUMBER)
        column.min_width = column.max_width = 14;
      g_array_append_val (columns, column);
      g_hash_table_insert (questions, g_memdup2 (&question_id, sizeof question_id), question);
    }
  sqlite3_finalize (stmt);
  g_array_append_val (grid_bounds, columns->len);

  tissage_xlsx_sheet_init (export, &sheet, worksheet, (TissageXlsxColumn *) columns->data, columns->len);

  put_group (export, &sheet, 0, meta_columns->len - 1, _("Interview"));
  for (guint g = 0; g < grids->len; g++)
    put_group (export, &sheet, g_array_index (grid_bounds, lxw_col_t, g),
               g_array_index (grid_bounds, lxw_col_t, g + 1) - 1, g_ptr_array_index (grids, g));
  tissage_xlsx_next_row (export, &sheet);
  tissage_xlsx_write_header (export, &sheet);
  worksheet_freeze_panes (worksheet, sheet.header_row + 1, 2);
  worksheet_repeat_rows (worksheet, 0, sheet.header_row);
  sheet.print_columns = 2;

  stmt = tissage_xlsx_prepare (export,
                               "SELECT iv.id, iv.id, sh.name, iv.pseudonym, coalesce (sh.category_id, iv.category_id),"
                               " coalesce (iv.person_structure_id, sh.structure_id), iv.structure_id, iv.interviewer,"
                               " iv.date, iv.place, iv.mode, iv.consent, iv.status, g.title, iv.notes"
                               " FROM interviews iv JOIN grids g ON g.id = iv.grid_id"
                               " LEFT JOIN stakeholders sh ON sh.id = iv.stakeholder_id"
                               " WHERE (?1 IS NULL OR iv.date BETWEEN ?1 AND ?2)"
                               " AND (?3 IS NULL OR iv.structure_id = ?3"
                               "      OR coalesce (iv.person_structure_id, sh.structure_id) = ?3)"
                               " ORDER BY g.position, g.id, iv.id");
  tissage_xlsx_bind_period (export, stmt, 1);
  tissage_xlsx_bind_structure (export, stmt, 3);
  answers = tissage_xlsx_prepare (export, "SELECT question_id, text, number FROM answers WHERE interview_id = ?1");

  while (tissage_xlsx_step (export, stmt))
    {
      gint64 interview_id = sqlite3_column_int64 (stmt, 0);
      gint64 category_id = sqlite3_column_int64 (stmt, 4);
      g_autofree char *person = NULL;

      /* Without consent, not even that the interview took place. */
      if (!tissage_xlsx_keeps_interview (export, interview_id))
        continue;

      person = tissage_xlsx_interviewee_label (export, interview_id,
                                               tissage_xlsx_column_text (stmt, 2),
                                               tissage_xlsx_column_text (stmt, 3));
      for (guint c = 0; c < meta_columns->len; c++)
        switch (g_array_index (meta_columns, int, c))
          {
          case IV_NUMBER:
            tissage_xlsx_put_number (export, &sheet, c, sqlite3_column_int64 (stmt, 0), export->integer);
            break;
          case IV_PERSON:
            tissage_xlsx_put_text (export, &sheet, c, person, export->text);
            break;
          case IV_CATEGORY:
            tissage_xlsx_put_text (export, &sheet, c, tissage_xlsx_lookup_name (export->categories, stmt, 4), export->text);
            break;
          case IV_PERSON_STRUCTURE:
            tissage_xlsx_put_text (export, &sheet, c,
                                   tissage_xlsx_structure_beside (export, interview_id, category_id, stmt, 5),
                                   export->text);
            break;
          case IV_STRUCTURE:
            tissage_xlsx_put_text (export, &sheet, c,
                                   tissage_xlsx_structure_beside (export, interview_id, category_id, stmt, 6),
                                   export->text);
            break;
          case IV_INTERVIEWER:
            tissage_xlsx_put_text (export, &sheet, c, tissage_xlsx_column_text (stmt, 7), export->text);
            break;
          case IV_DATE:
            tissage_xlsx_put_date (export, &sheet, c, tissage_xlsx_column_text (stmt, 8));
            break;
          case IV_PLACE:
            tissage_xlsx_put_text (export, &sheet, c, tissage_xlsx_column_text (stmt, 9), export->text);
            break;
          case IV_MODE:
            tissage_xlsx_put_text (export, &sheet, c, label_of (modes, G_N_ELEMENTS (modes), sqlite3_column_int (stmt, 10)),
                                   export->text);
            break;
          case IV_CONSENT:
            {
              int consent = sqlite3_column_int (stmt, 11);

              tissage_xlsx_put_text (export, &sheet, c,
                                     tissage_consent_to_label (consent >= 0 && consent < TISSAGE_N_CONSENTS
                                                               ? consent : TISSAGE_CONSENT_UNKNOWN),
                                     export->text);
            }
            break;
          case IV_STATUS:
            tissage_xlsx_put_text (export, &sheet, c,
                                   label_of (statuses, G_N_ELEMENTS (statuses), sqlite3_column_int (stmt, 12)),
                                   export->text);
            break;
          case IV_GRID:
            tissage_xlsx_put_text (export, &sheet, c, tissage_xlsx_column_text (stmt, 13), export->text);
            break;
          case IV_NOTES:
            tissage_xlsx_put_text (export, &sheet, c, tissage_xlsx_column_text (stmt, 14), export->text);
            break;
          default:
            g_assert_not_reached ();
          }

      if (answers != NULL)
        {
          sqlite3_reset (answers);
          sqlite3_bind_int64 (answers, 1, sqlite3_column_int64 (stmt, 0));
          while (tissage_xlsx_step (export, answers))
            {
              gint64 question_id = sqlite3_column_int64 (answers, 0);
              QuestionColumn *question = g_hash_table_lookup (questions, &question_id);

              if (question != NULL)
                put_answer (export, &sheet, question, answers);
            }
        }

      if (!tissage_xlsx_next_row (export, &sheet))
        break;
    }
  sqlite3_finalize (answers);
  sqlite3_finalize (stmt);

  tissage_xlsx_sheet_finish (export, &sheet, columns->len);
  tissage_xlsx_sheet_clear (&sheet);

  return export->error == NULL;
}

/* Verbatims */

gboolean
tissage_xlsx_write_verbatims (TissageXlsxExport *export,
                              lxw_worksheet     *worksheet)
{
  static const char * const tones[] = { N_("Positive"), N_("Negative"), N_("Neutral") };
  enum { VB_EFFECT, VB_QUOTE, VB_TONE, VB_CATEGORY, VB_STRUCTURE, VB_PERSON, VB_DATE,
         VB_QUESTION, VB_LOST, VB_N_COLUMNS };
  const TissageXlsxColumn columns[VB_N_COLUMNS] = {
    { _("Expected effect"), 30, 45 },
    { _("Verbatim"), 50, 80 },
    { _("Tone"), 10, 12 },
    { _("Category"), 14, 28 },
    { _("Structure"), 16, 32 },
    { _("Interviewee"), 18, 28 },
    { _("Date"), 11, 11 },
    { _("Question"), 30, 50 },
    { _("Quote no longer in the answer"), 13, 14 },
  };
  TissageXlsxSheet sheet;
  sqlite3_stmt *stmt;

  tissage_xlsx_sheet_init (export, &sheet, worksheet, columns, VB_N_COLUMNS);
  tissage_xlsx_write_header (export, &sheet);

  /* By effect, in the order of the référentiel; a verbatim tagged with
   * several effects is under each; untagged ones come last. */
  stmt = tissage_xlsx_prepare (export,
                               "SELECT e.title, v.quote, v.tone, coalesce (sh.category_id, iv.category_id),"
                               " iv.structure_id, iv.id, sh.name, iv.pseudonym, iv.date, gq.text, v.lost"
                               " FROM verbatims v"
                               " JOIN answers a ON a.id = v.answer_id"
                               " JOIN interviews iv ON iv.id = a.interview_id"
                               " JOIN grid_questions gq ON gq.id = a.question_id"
                               " LEFT JOIN stakeholders sh ON sh.id = iv.stakeholder_id"
                               " LEFT JOIN verbatim_tags t ON t.verbatim_id = v.id"
                               " LEFT JOIN effects e ON e.id = t.effect_id"
                               " LEFT JOIN eval_questions q ON q.id = e.question_id"
                               " LEFT JOIN stakes s ON s.id = q.stake_id"
                               " WHERE (?1 IS NULL OR iv.date BETWEEN ?1 AND ?2)"
                               " AND (?3 IS NULL OR iv.structure_id = ?3"
                               "      OR coalesce (iv.person_structure_id, sh.structure_id) = ?3)"
                               " ORDER BY e.id IS NULL, " TISSAGE_XLSX_EFFECT_ORDER ", iv.id, v.start, v.id");
  tissage_xlsx_bind_period (export, stmt, 1);
  tissage_xlsx_bind_structure (export, stmt, 3);

  while (tissage_xlsx_step (export, stmt))
    {
      gint64 interview_id = sqlite3_column_int64 (stmt, 5);
      g_autofree char *person = NULL;
      const char *effect = tissage_xlsx_column_text (stmt, 0);

      if (!tissage_xlsx_keeps_interview (export, interview_id))
        continue;

      person = tissage_xlsx_interviewee_label (export, interview_id,
                                               tissage_xlsx_column_text (stmt, 6),
                                               tissage_xlsx_column_text (stmt, 7));

      tissage_xlsx_put_text (export, &sheet, VB_EFFECT, effect != NULL ? effect : _("No effect tagged"), export->wrap);
      tissage_xlsx_put_text (export, &sheet, VB_QUOTE, tissage_xlsx_column_text (stmt, 1), export->wrap);
      tissage_xlsx_put_text (export, &sheet, VB_TONE,
                             label_of (tones, G_N_ELEMENTS (tones), sqlite3_column_int (stmt, 2)), export->text);
      tissage_xlsx_put_text (export, &sheet, VB_CATEGORY,
                             tissage_xlsx_lookup_name (export->categories, stmt, 3), export->text);
      tissage_xlsx_put_text (export, &sheet, VB_STRUCTURE,
                             tissage_xlsx_structure_beside (export, interview_id, sqlite3_column_int64 (stmt, 3), stmt, 4),
                             export->text);
      tissage_xlsx_put_text (export, &sheet, VB_PERSON, person, export->text);
      tissage_xlsx_put_date (export, &sheet, VB_DATE, tissage_xlsx_column_text (stmt, 8));
      tissage_xlsx_put_text (export, &sheet, VB_QUESTION, tissage_xlsx_column_text (stmt, 9), export->text);
      tissage_xlsx_put_yes_no (export, &sheet, VB_LOST, sqlite3_column_int (stmt, 10));
      if (!tissage_xlsx_next_row (export, &sheet))
        break;
    }
  sqlite3_finalize (stmt);

  tissage_xlsx_sheet_finish (export, &sheet, VB_N_COLUMNS);
  tissage_xlsx_sheet_clear (&sheet);

  return export->error == NULL;
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-export"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tissage-xlsx-writer-private.h"

/*
 * The summary: the project, the period, key figures, each indicator's
 * target against what was achieved, values over the periods, and native
 * charts drawn from these very cells.
 */

#define N_EVOLUTION_CHARTS 6
#define CHART_COLUMN 7            /* H, or right of the periods */
#define ROW_PIXELS 20.0
#define BAR_PIXELS 22.0
#define VALUE_LINES_CHARS 70.0
#define NOTE_LINE_CHARS 110.0

enum { COL_LABEL, COL_UNIT, COL_PERIOD, COL_TARGET, COL_ACHIEVED, COL_RATE, N_COLUMNS };

typedef struct
{
  TissageXlsxIndicator *indicator;
  double                achieved;
  guint                 period;     /* index of the period achieved in */
} Result;

static const char *
sheet_name (void)
{
  return tissage_xlsx_sheet_get_title (TISSAGE_XLSX_SHEET_SYNTHESIS);
}

/* What an indicator achieved in the period reported on, or in the last
 * period with a value when all are reported on. */
static gboolean
achieved (TissageXlsxExport    *export,
          TissageXlsxIndicator *indicator,
          Result               *result)
{
  result->indicator = indicator;

  if (export->periods->len == 0)
    return FALSE;

  for (int p = export->last_period; p >= 0; p--)
    {
      if (!isnan (indicator->values[p]))
        {
          result->achieved = indicator->values[p];
          result->period = p;
          return TRUE;
        }
      if (export->period != NULL)
        break;
    }

  return FALSE;
}

static void
put_pair (TissageXlsxExport *export,
          TissageXlsxSheet  *sheet,
          const char        *label,
          const char        *value)
{
  g_autofree char *copy = NULL;
  double lines;

  if (value == NULL || *value == '\0')
    return;

  value = tissage_xlsx_clean_text (value, TRUE, &copy);
  /* Long values wrap over the columns of the tables below. */
  lines = ceil (g_utf8_strlen (value, -1) / VALUE_LINES_CHARS);
  if (lines > 1)
    worksheet_set_row (sheet->worksheet, sheet->row, 15 * MIN (lines, 8), NULL);
  tissage_xlsx_put_text (export, sheet, COL_LABEL, label, export->label);
  worksheet_merge_range (sheet->worksheet, sheet->row, COL_UNIT, sheet->row, COL_RATE, value, export->subtitle);
  export->stats.strings++;
  export->stats.string_bytes += strlen (value);
  tissage_xlsx_next_row (export, sheet);
}

static void
put_date_pair (TissageXlsxExport *export,
               TissageXlsxSheet  *sheet,
               const char        *label,
               const char        *iso_date)
{
  if (iso_date == NULL || *iso_date == '\0')
    return;

  tissage_xlsx_put_text (export, sheet, COL_LABEL, label, export->label);
  tissage_xlsx_put_date (export, sheet, COL_UNIT, iso_date);
  tissage_xlsx_next_row (export, sheet);
}

static void
put_figure (TissageXlsxExport *export,
            TissageXlsxSheet  *sheet,
            const char        *label,
            double             value,
            lxw_format        *format)
{
  tissage_xlsx_put_text (export, sheet, COL_LABEL, label, export->text);
  tissage_xlsx_put_number (export, sheet, COL_UNIT, value, format);
  tissage_xlsx_next_row (export, sheet);
}

static void
put_section (TissageXlsxExport *export,
             TissageXlsxSheet  *sheet,
             const char        *title)
{
  tissage_xlsx_next_row (export, sheet);
  worksheet_set_row (sheet->worksheet, sheet->row, 22, NULL);
  tissage_xlsx_put_text (export, sheet, COL_LABEL, title, export->section);
  for (lxw_col_t c = COL_UNIT; c < N_COLUMNS; c++)
    worksheet_write_blank (sheet->worksheet, sheet->row, c, export->section);
  tissage_xlsx_next_row (export, sheet);
}

/* A line of explanation under a table, across its columns. */
static void
put_note (TissageXlsxExport *export,
          TissageXlsxSheet  *sheet,
          const char        *text)
{
  g_autofree char *copy = NULL;
  double lines;

  text = tissage_xlsx_clean_text (text, TRUE, &copy);
  lines = ceil (g_utf8_strlen (text, -1) / NOTE_LINE_CHARS);
  worksheet_set_row (sheet->worksheet, sheet->row, 15 * CLAMP (lines, 1, 8), NULL);
  worksheet_merge_range (sheet->worksheet, sheet->row, COL_LABEL, sheet->row, COL_RATE, text, export->wrap);
  export->stats.strings++;
  export->stats.string_bytes += strlen (text);
  tissage_xlsx_next_row (export, sheet);
}

static void
put_headers (TissageXlsxExport  *export,
             TissageXlsxSheet   *sheet,
             const char * const *titles,
             guint               n_titles)
{
  worksheet_set_row (sheet->worksheet, sheet->row, 33, NULL);
  for (guint c = 0; c < n_titles; c++)
    tissage_xlsx_put_text (export, sheet, c, titles[c], export->header);
  tissage_xlsx_next_row (export, sheet);
}

static void
insert_chart (lxw_worksheet     *worksheet,
              lxw_chart         *chart,
              lxw_row_t          row,
              lxw_col_t          column,
              int                x_offset,
              double             width,
              double             height)
{
  lxw_chart_options options = { 0, };

  options.x_offset = x_offset;
  options.x_scale = width / 480.0;
  options.y_scale = height / 288.0;
  worksheet_insert_chart_opt (worksheet, row, column, chart, &options);
}

static void
style_chart (lxw_chart  *chart,
             const char *title)
{
  lxw_chart_font title_font = { .size = 12, .bold = LXW_TRUE, .color = 0x1C4E80 };

  chart_title_set_name (chart, title);
  chart_title_set_name_font (chart, &title_font);
}

/* Each indicator's rate of achievement: one bar per indicator, first on top. */
static void
add_targets_chart (TissageXlsxExport *export,
                   lxw_worksheet     *worksheet,
                   lxw_row_t          header_row,
                   guint              n_rows,
                   lxw_col_t          column,
                   double            *height)
{
  lxw_chart *chart = workbook_add_chart (export->workbook, LXW_CHART_BAR);
  lxw_chart_series *series = chart_add_series (chart, NULL, NULL);
  lxw_chart_fill fill = { .color = 0x1C71D8 };
  lxw_chart_font labels = { .size = 9 };

  chart_series_set_categories (series, sheet_name (), header_row + 1, COL_LABEL, header_row + n_rows, COL_LABEL);
  chart_series_set_values (series, sheet_name (), header_row + 1, COL_RATE, header_row + n_rows, COL_RATE);
  chart_series_set_name (series, _("Achieved, as a share of the target"));
  chart_series_set_fill (series, &fill);
  chart_series_set_labels (series);
  chart_series_set_labels_num_format (series, TISSAGE_XLSX_PERCENT_FORMAT);
  chart_series_set_labels_font (series, &labels);
  chart_set_series_gap (chart, 60);

  style_chart (chart, _("Achieved against target"));
  chart_legend_set_position (chart, LXW_CHART_LEGEND_NONE);
  /* A bar chart's y axis is the vertical one, with the indicators. */
  chart_axis_set_reverse (chart->y_axis);
  chart_axis_set_num_font (chart->y_axis, &labels);
  chart_axis_set_num_format (chart->x_axis, TISSAGE_XLSX_PERCENT_FORMAT);
  chart_axis_set_min (chart->x_axis, 0);

  *height = MIN (BAR_PIXELS * n_rows + 90, 4000);
  insert_chart (worksheet, chart, header_row, column, 0, 760, *height);
}

/* One indicator over the periods, with its target as a dashed line. */
static void
add_evolution_chart (TissageXlsxExport    *export,
                     lxw_worksheet        *worksheet,
                     TissageXlsxIndicator *indicator,
                     lxw_row_t             header_row,
                     lxw_row_t             values_row,
                     lxw_row_t             target_row,
                     guint                 n_periods,
                     lxw_row_t             anchor_row,
                     lxw_col_t             column,
                     int                   x_offset)
{
  lxw_chart *chart = workbook_add_chart (export->workbook, LXW_CHART_LINE);
  lxw_chart_series *series = chart_add_series (chart, NULL, NULL);
  lxw_chart_line line = { .color = 0x1C71D8, .width = 2.5 };
  lxw_chart_font axis_font = { .size = 9 };
  g_autofree char *title = NULL;
  g_autofree char *copy = NULL;
  const char *clean;

  chart_series_set_categories (series, sheet_name (), header_row, COL_TARGET,
                               header_row, COL_TARGET + n_periods - 1);
  chart_series_set_values (series, sheet_name (), values_row, COL_TARGET,
                           values_row, COL_TARGET + n_periods - 1);
  chart_series_set_name (series, _("Achieved"));
  chart_series_set_line (series, &line);
  chart_series_set_marker_type (series, LXW_CHART_MARKER_CIRCLE);
  chart_series_set_labels (series);
  chart_series_set_labels_position (series, LXW_CHART_LABEL_POSITION_ABOVE);
  chart_series_set_labels_font (series, &axis_font);

  if (indicator->has_target)
    {
      lxw_chart_series *target = chart_add_series (chart, NULL, NULL);
      lxw_chart_line dashed = { .color = 0xC01C28, .width = 1.5, .dash_type = LXW_CHART_LINE_DASH_DASH };

      chart_series_set_categories (target, sheet_name (), header_row, COL_TARGET,
                                   header_row, COL_TARGET + n_periods - 1);
      chart_series_set_values (target, sheet_name (), target_row, COL_TARGET,
                               target_row, COL_TARGET + n_periods - 1);
      chart_series_set_name (target, _("Target"));
      chart_series_set_line (target, &dashed);
      chart_series_set_marker_type (target, LXW_CHART_MARKER_NONE);
    }

  /* Titles, unlike cells, are not mended by the library: a control
   * character there breaks the whole file. */
  clean = tissage_xlsx_clean_text (indicator->title, FALSE, &copy);
  if (g_utf8_strlen (clean, -1) > 70)
    {
      g_autofree char *head = g_utf8_substring (clean, 0, 68);

      title = g_strconcat (head, "…", NULL);
    }
  else
    title = g_strdup (clean);
  style_chart (chart, title);
  /* The library takes a name that starts with "=" for a reference: such a
   * title is taken from its cell, as typed. */
  if (*title == '=')
    chart_title_set_name_range (chart, sheet_name (), values_row, COL_LABEL);
  chart_legend_set_position (chart, LXW_CHART_LEGEND_BOTTOM);
  chart_axis_set_num_font (chart->x_axis, &axis_font);
  chart_axis_set_num_font (chart->y_axis, &axis_font);
  chart_axis_set_num_format (chart->y_axis, "#,##0");
  chart_axis_set_min (chart->y_axis, 0);
  if (indicator->unit != NULL && *indicator->unit != '\0')
    {
      g_autofree char *unit_copy = NULL;

      if (*indicator->unit == '=')
        chart_axis_set_name_range (chart->y_axis, sheet_name (), values_row, COL_UNIT);
      else
        chart_axis_set_name (chart->y_axis, tissage_xlsx_clean_text (indicator->unit, FALSE, &unit_copy));
    }

  insert_chart (worksheet, chart, anchor_row, column, x_offset, 480, 300);
}

static guint
count_values (TissageXlsxExport    *export,
              TissageXlsxIndicator *indicator)
{
  guint n = 0;

  for (guint p = 0; p <= export->last_period && p < export->periods->len; p++)
    n += !isnan (indicator->values[p]);

  return n;
}

gboolean
tissage_xlsx_write_synthesis (TissageXlsxExport *export,
                              lxw_worksheet     *worksheet)
{
  static TissageXlsxColumn columns[N_COLUMNS] = {
    { NULL, 52, 52 }, { NULL, 16, 16 }, { NULL, 18, 18 },
    { NULL, 12, 12 }, { NULL, 12, 12 }, { NULL, 13, 13 },
  };
  TissageXlsxSheet sheet;
  g_autoptr(GArray) results = g_array_new (FALSE, FALSE, sizeof (Result));
  g_autoptr(GPtrArray) evolution = g_ptr_array_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = NULL;
  g_autofree char *collective = NULL;
  g_autofree char *territory = NULL;
  sqlite3_stmt *stmt;
  guint n_periods = export->periods->len > 0 ? export->last_period + 1 : 0;
  const TissageFigures *figures = &export->figures;
  lxw_row_t targets_header = 0, evolution_header = 0;
  lxw_col_t chart_column = MAX (CHART_COLUMN, COL_TARGET + n_periods + 1);
  double targets_height = 0;

  tissage_xlsx_sheet_init (export, &sheet, worksheet, columns, N_COLUMNS);
  /* The charts to the right of the tables. */
  sheet.landscape = sheet.whole_sheet = TRUE;
  worksheet_gridlines (worksheet, LXW_HIDE_ALL_GRIDLINES);

  stmt = tissage_xlsx_prepare (export, "SELECT name, collective, territory FROM project LIMIT 1");
  if (tissage_xlsx_step (export, stmt))
    {
      name = g_strdup (tissage_xlsx_column_text (stmt, 0));
      collective = g_strdup (tissage_xlsx_column_text (stmt, 1));
      territory = g_strdup (tissage_xlsx_column_text (stmt, 2));
    }
  sqlite3_finalize (stmt);

  for (guint i = 0; i < export->indicators->len; i++)
    {
      TissageXlsxIndicator *indicator = g_ptr_array_index (export->indicators, i);
      Result result = { 0, };

      if (indicator->nature != 0)
        continue;
      if (indicator->has_target)
        {
          if (!achieved (export, indicator, &result))
            result.period = G_MAXUINT;
          g_array_append_val (results, result);
        }
      if (count_values (export, indicator) > 0)
        g_ptr_array_add (evolution, indicator);
    }

  /* The project */
  worksheet_set_row (worksheet, sheet.row, 26, NULL);
  tissage_xlsx_put_text (export, &sheet, COL_LABEL,
                         name != NULL && *name != '\0' ? name : _("Untitled project"), export->title);
  tissage_xlsx_next_row (export, &sheet);
  tissage_xlsx_put_text (export, &sheet, COL_LABEL, _("Social impact measurement — report for the funders"), export->subtitle);
  tissage_xlsx_next_row (export, &sheet);
  tissage_xlsx_next_row (export, &sheet);

  put_pair (export, &sheet, _("Collective"), collective);
  put_pair (export, &sheet, _("Territory"), territory);
  put_pair (export, &sheet, _("Period"), export->period != NULL ? export->period->label : _("All periods"));
  if (export->period != NULL)
    {
      put_date_pair (export, &sheet, _("Start of the period"), export->period->start);
      put_date_pair (export, &sheet, _("End of the period"), export->period->end);
    }
  put_date_pair (export, &sheet, _("Exported on"), today);
  if (export->options->structure_id != 0)
    put_pair (export, &sheet, _("Member structure"),
              g_hash_table_lookup (export->structures, &export->options->structure_id));
  put_pair (export, &sheet, _("Interviewees"),
            export->options->pseudonymise ? _("People pseudonymised: each is known by a number; organisations named")
                                          : _("Named"));
  if (export->options->include_without_consent)
    put_pair (export, &sheet, _("Consent"), _("Every interview is included, with or without recorded consent"));
  else
    {
      guint left_out = tissage_xlsx_count_left_out (export);
      g_autofree char *line =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u interview left out: its interviewee's consent is not recorded",
                                      "%u interviews left out: their interviewees' consent is not recorded",
                                      left_out),
                         left_out);

      put_pair (export, &sheet, _("Consent"), left_out > 0 ? line : _("Every interview included has recorded consent"));
    }

  /* Key figures */
  put_section (export, &sheet, _("Key figures"));
  put_figure (export, &sheet, _("Member structures"), figures->structures, export->integer);
  put_figure (export, &sheet, _("Stakeholders"), figures->stakeholders, export->integer);
  put_figure (export, &sheet, _("Cooperation links"), figures->links, export->integer);
  put_figure (export, &sheet, _("Indicators"), figures->indicators, export->integer);
  put_figure (export, &sheet, _("Indicators with a numeric target"), figures->with_target, export->integer);
  put_figure (export, &sheet, _("Targets measured"), figures->targets_measured, export->integer);
  put_figure (export, &sheet, _("Targets reached or exceeded"), figures->targets_reached, export->integer);
  if (figures->targets_measured > 0)
    put_figure (export, &sheet, _("Share of the measured targets reached"),
                (double) figures->targets_reached / figures->targets_measured, export->percent);
  put_figure (export, &sheet, _("Values entered"), figures->values_entered, export->integer);
  put_figure (export, &sheet, _("Interviews"), figures->interviews, export->integer);
  put_figure (export, &sheet, _("Interviews completed"), figures->interviews_done, export->integer);
  put_figure (export, &sheet, _("Verbatims"), figures->verbatims, export->integer);

  /* Targets and achievements */
  if (results->len > 0)
    {
      const char *titles[] = { _("Indicator"), _("Unit"), _("Period"), _("Target"), _("Achieved"), _("Rate of achievement") };
      g_autoptr(GPtrArray) went_back = g_ptr_array_new_with_free_func (g_free);

      put_section (export, &sheet, _("Targets and achievements"));
      targets_header = sheet.row;
      put_headers (export, &sheet, titles, G_N_ELEMENTS (titles));

      for (guint r = 0; r < results->len; r++)
        {
          Result *result = &g_array_index (results, Result, r);
          TissageXlsxIndicator *indicator = result->indicator;

          tissage_xlsx_put_text (export, &sheet, COL_LABEL, indicator->title, export->wrap);
          tissage_xlsx_put_text (export, &sheet, COL_UNIT, indicator->unit, export->text);
          if (result->period != G_MAXUINT)
            {
              TissageXlsxPeriod *period = g_ptr_array_index (export->periods, result->period);
              double target = tissage_xlsx_indicator_target (indicator, result->period);
              TissageAchievement achievement;

              tissage_xlsx_put_text (export, &sheet, COL_PERIOD, period->label, export->text);
              if (!isnan (target))
                tissage_xlsx_put_value (export, &sheet, COL_TARGET, target);
              tissage_xlsx_put_value (export, &sheet, COL_ACHIEVED, result->achieved);
              if (tissage_xlsx_indicator_rate (indicator, result->period, result->achieved, &achievement))
                tissage_xlsx_put_number (export, &sheet, COL_RATE, achievement.rate, export->percent);
              if (achievement.went_back)
                {
                  g_autofree char *value = tissage_format_number (result->achieved, indicator->unit);
                  g_autofree char *baseline = tissage_format_number (indicator->baseline, indicator->unit);

                  /* TRANSLATORS: under the targets of the workbook: an indicator, its value, its baseline */
                  g_ptr_array_add (went_back, g_strdup_printf (_("“%s”: %s, went back from the baseline (%s); its rate of achievement counts as 0 %%."),
                                                               indicator->title, value, baseline));
                }
            }
          if (!tissage_xlsx_next_row (export, &sheet))
            break;
        }

      /* What the rate is, read without the software at hand. */
      put_note (export, &sheet, _("Rate of achievement: the share of the way from the baseline to the target when the baseline "
                                  "falls short of the target, otherwise the value achieved over the target (the target over the "
                                  "value where lower is better); never below zero."));
      for (guint n = 0; n < went_back->len; n++)
        put_note (export, &sheet, g_ptr_array_index (went_back, n));

      add_targets_chart (export, worksheet, targets_header, results->len, chart_column, &targets_height);
    }

  /* Values over the periods */
  if (evolution->len > 0 && n_periods > 0)
    {
      g_autoptr(GArray) charted = g_array_new (FALSE, FALSE, sizeof (guint));
      lxw_row_t first_row, helpers_row, anchor;

      put_section (export, &sheet, _("Values by period"));
      evolution_header = sheet.row;
      worksheet_set_row (worksheet, sheet.row, 33, NULL);
      tissage_xlsx_put_text (export, &sheet, COL_LABEL, _("Indicator"), export->header);
      tissage_xlsx_put_text (export, &sheet, COL_UNIT, _("Unit"), export->header);
      tissage_xlsx_put_text (export, &sheet, COL_PERIOD, _("Target"), export->header);
      for (guint p = 0; p < n_periods; p++)
        {
          TissageXlsxPeriod *period = g_ptr_array_index (export->periods, p);

          tissage_xlsx_put_text (export, &sheet, COL_TARGET + p, period->label, export->header);
        }
      tissage_xlsx_next_row (export, &sheet);
      first_row = sheet.row;

      for (guint i = 0; i < evolution->len; i++)
        {
          TissageXlsxIndicator *indicator = g_ptr_array_index (evolution, i);

          tissage_xlsx_put_text (export, &sheet, COL_LABEL, indicator->title, export->wrap);
          tissage_xlsx_put_text (export, &sheet, COL_UNIT, indicator->unit, export->text);
          if (!isnan (indicator->target))
            tissage_xlsx_put_value (export, &sheet, COL_PERIOD, indicator->target);
          for (guint p = 0; p < n_periods; p++)
            if (!isnan (indicator->values[p]))
              tissage_xlsx_put_value (export, &sheet, COL_TARGET + p, indicator->values[p]);
          if (charted->len < N_EVOLUTION_CHARTS && n_periods > 1 && count_values (export, indicator) > 1)
            g_array_append_val (charted, i);
          if (!tissage_xlsx_next_row (export, &sheet))
            break;
        }

      /* The targets again, once per period, for the charts' dashed lines. */
      if (charted->len > 0)
        {
          put_section (export, &sheet, _("Data of the charts"));
          helpers_row = sheet.row;
          for (guint k = 0; k < charted->len; k++)
            {
              TissageXlsxIndicator *indicator = g_ptr_array_index (evolution, g_array_index (charted, guint, k));
              g_autofree char *label = g_strdup_printf (_("Target: %s"), indicator->title);

              tissage_xlsx_put_text (export, &sheet, COL_LABEL, label, export->text);
              for (guint p = 0; p < n_periods; p++)
                if (!isnan (indicator->targets[p]))
                  tissage_xlsx_put_value (export, &sheet, COL_TARGET + p, indicator->targets[p]);
              tissage_xlsx_next_row (export, &sheet);
            }

          /* Beside the table, below the first chart if it reaches this far. */
          anchor = evolution_header;
          if (targets_height > 0)
            anchor = MAX (anchor, targets_header + (lxw_row_t) ceil (targets_height / ROW_PIXELS) + 2);
          for (guint k = 0; k < charted->len; k++)
            {
              guint i = g_array_index (charted, guint, k);

              add_evolution_chart (export, worksheet, g_ptr_array_index (evolution, i),
                                   evolution_header, first_row + i, helpers_row + k, n_periods,
                                   anchor + (k / 2) * 16, chart_column, (k % 2) * 500);
            }
        }
    }

  /* Tables and charts on one page across. */
  tissage_xlsx_sheet_finish (export, &sheet, 0);
  if (n_periods > 3)
    worksheet_set_column (worksheet, COL_TARGET + 3, COL_TARGET + n_periods - 1, 13, NULL);
  worksheet_activate (worksheet);
  tissage_xlsx_sheet_clear (&sheet);

  return export->error == NULL;
}

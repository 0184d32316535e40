/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-report"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tissage-map-export.h"
#include "tissage-privacy.h"
#include "tissage-report-private.h"

/* The sections of the report, as blocks: the key figures, the map, each
 * enjeu with its effects, indicators and quotes, the methods, the
 * référentiel in appendix. */

#define MAX_TITLE_CHARS 400
#define MAX_TEXT_CHARS 2000
#define MAX_QUOTE_CHARS 600
#define MAX_CELL_CHARS 500
#define MAP_HEIGHT 560.0
#define CELL_PADDING 3.5
#define MAX_COLUMNS 6

static char *
format_value (const ReportIndicator *indicator,
              double                 value)
{
  return tissage_format_number (value, indicator->unit);
}

static char *
format_count (guint value)
{
  return tissage_format_number (value, NULL);
}

/* Headings */

typedef struct
{
  ReportStyle  style;
  char        *text;
  PangoLayout *layout;
} Heading;

static void
heading_free (gpointer data)
{
  Heading *heading = data;

  g_free (heading->text);
  g_clear_object (&heading->layout);
  g_free (heading);
}

static double
heading_measure (ReportBlock  *block,
                 PangoContext *context,
                 double        width)
{
  Heading *heading = block->data;

  g_clear_object (&heading->layout);
  heading->layout = tissage_report_layout (context, heading->style, heading->text, width, 4);
  return tissage_report_layout_height (heading->layout) + (heading->style == REPORT_STYLE_TITLE ? 12.0 : 4.0);
}

static void
heading_draw (ReportBlock *block,
              cairo_t     *cr,
              double       x,
              double       y,
              double       width)
{
  Heading *heading = block->data;
  double height = tissage_report_layout_height (heading->layout);

  tissage_report_show_layout (cr, heading->layout, x, y, &tissage_report_accent);
  if (heading->style == REPORT_STYLE_TITLE)
    {
      tissage_report_set_color (cr, &tissage_report_accent);
      cairo_rectangle (cr, x, y + height + 4.0, width, 1.0);
      cairo_fill (cr);
    }
}

static const ReportBlockClass heading_class = { heading_measure, heading_draw };

static ReportBlock *
add_heading (TissageReportLayout *layout,
             ReportStyle          style,
             const char          *text,
             int                  level)
{
  Heading *heading = g_new0 (Heading, 1);
  ReportBlock *block;

  heading->style = style;
  heading->text = tissage_report_typeset (text, MAX_TITLE_CHARS);
  block = tissage_report_block_new (&heading_class, heading, heading_free);
  block->keep_with_next = TRUE;
  if (level > 0)
    block->entry = tissage_report_layout_add_entry (layout, text, level);
  if (level == 1)
    block->page_break = TRUE;
  block->space_before = style == REPORT_STYLE_HEADING ? 18.0 : style == REPORT_STYLE_SUBHEADING ? 12.0 : 8.0;
  tissage_report_layout_add_block (layout, block);
  return block;
}

static ReportBlock *
add_text (TissageReportLayout *layout,
          ReportStyle          style,
          const char          *text,
          double               space_before)
{
  ReportBlock *block;

  if (text == NULL || *text == '\0')
    return NULL;
  block = tissage_report_text_block (style, text, MAX_TEXT_CHARS);
  block->space_before = space_before;
  tissage_report_layout_add_block (layout, block);
  return block;
}

/* Tables: a header, repeated on each page, and rows that never split */

typedef enum
{
  ROW_HEADER,
  ROW_GROUP,
  ROW_SUBGROUP,
  ROW_PLAIN,
} RowKind;

typedef struct
{
  guint          n_columns;
  double         widths[MAX_COLUMNS];   /* shares of the width */
  PangoAlignment align[MAX_COLUMNS];
} TableSpec;

typedef struct
{
  const TableSpec *spec;
  TableSpec       *owned;    /* the header owns the table's spec */
  RowKind          kind;
  double           indent;   /* of the first cell */
  char            *cells[MAX_COLUMNS];
  PangoLayout     *layouts[MAX_COLUMNS];
} TableRow;

static void
row_free (gpointer data)
{
  TableRow *row = data;

  for (guint c = 0; c < MAX_COLUMNS; c++)
    {
      g_free (row->cells[c]);
      g_clear_object (&row->layouts[c]);
    }
  g_free (row->owned);
  g_free (row);
}

static double
row_measure (ReportBlock  *block,
             PangoContext *context,
             double        width)
{
  TableRow *row = block->data;
  double height = 0;

  for (guint c = 0; c < row->spec->n_columns; c++)
    {
      double cell = row->spec->widths[c] * width - 2 * CELL_PADDING - (c == 0 ? row->indent : 0);
      ReportStyle style = row->kind == ROW_PLAIN ? REPORT_STYLE_TABLE : REPORT_STYLE_TABLE_HEADER;

      g_clear_object (&row->layouts[c]);
      row->layouts[c] = tissage_report_layout (context, style, row->cells[c], MAX (cell, 10.0), 0);
      pango_layout_set_alignment (row->layouts[c], row->spec->align[c]);
      height = MAX (height, tissage_report_layout_height (row->layouts[c]));
    }

  return height + 2 * CELL_PADDING;
}

static void
row_draw (ReportBlock *block,
          cairo_t     *cr,
          double       x,
          double       y,
          double       width)
{
  TableRow *row = block->data;
  static const TissageChartColor white = { 1, 1, 1, 1 };
  const TissageChartColor *ink = &tissage_report_ink;
  double left = x;

  if (row->kind == ROW_HEADER || row->kind == ROW_GROUP)
    {
      tissage_report_set_color (cr, row->kind == ROW_HEADER ? &tissage_report_accent : &tissage_report_tint);
      cairo_rectangle (cr, x, y, width, block->height);
      cairo_fill (cr);
      ink = row->kind == ROW_HEADER ? &white : &tissage_report_accent;
    }
  else
    {
      tissage_report_set_color (cr, &tissage_report_rule);
      cairo_rectangle (cr, x, y + block->height - 0.5, width, 0.5);
      cairo_fill (cr);
    }

  for (guint c = 0; c < row->spec->n_columns; c++)
    {
      double indent = c == 0 ? row->indent : 0;

      tissage_report_show_layout (cr, row->layouts[c], left + CELL_PADDING + indent, y + CELL_PADDING, ink);
      left += row->spec->widths[c] * width;
    }
}

static const ReportBlockClass row_class = { row_measure, row_draw };

static ReportBlock *
add_row (TissageReportLayout *layout,
         ReportBlock         *header,
         RowKind              kind,
         double               indent,
         const char * const  *cells)
{
  TableRow *row = g_new0 (TableRow, 1);
  TableRow *head = header->data;
  ReportBlock *block;

  row->spec = head->spec;
  row->kind = kind;
  row->indent = indent;
  for (guint c = 0; c < row->spec->n_columns; c++)
    row->cells[c] = tissage_report_typeset (cells[c], MAX_CELL_CHARS);
  block = tissage_report_block_new (&row_class, row, row_free);
  block->header = header;
  tissage_report_layout_add_block (layout, block);
  return block;
}

/* A table whose columns take @widths of the page (summing to 1), the
 * numeric ones aligned right; returns its header. */
static ReportBlock *
add_table (TissageReportLayout *layout,
           guint                n_columns,
           const double        *widths,
           const gboolean      *numeric,
           const char * const  *titles,
           double               space_before)
{
  TableRow *row = g_new0 (TableRow, 1);
  TableSpec *spec = g_new0 (TableSpec, 1);
  ReportBlock *block;

  g_assert (n_columns <= MAX_COLUMNS);
  spec->n_columns = n_columns;
  for (guint c = 0; c < n_columns; c++)
    {
      spec->widths[c] = widths[c];
      spec->align[c] = numeric[c] ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
      row->cells[c] = tissage_report_typeset (titles[c], 0);
    }
  row->spec = row->owned = spec;
  row->kind = ROW_HEADER;
  block = tissage_report_block_new (&row_class, row, row_free);
  block->space_before = space_before;
  block->keep_with_next = TRUE;
  tissage_report_layout_add_block (layout, block);
  return block;
}

/* Key figures */

typedef struct
{
  char        *numbers[3];
  char        *labels[3];
  PangoLayout *number_layouts[3];
  PangoLayout *label_layouts[3];
} Cards;

static void
cards_free (gpointer data)
{
  Cards *cards = data;

  for (guint i = 0; i < 3; i++)
    {
      g_free (cards->numbers[i]);
      g_free (cards->labels[i]);
      g_clear_object (&cards->number_layouts[i]);
      g_clear_object (&cards->label_layouts[i]);
    }
  g_free (cards);
}

static double
cards_measure (ReportBlock  *block,
               PangoContext *context,
               double        width)
{
  Cards *cards = block->data;
  double card = (width - 2 * 12.0) / 3 - 2 * 10.0;
  double height = 0;

  for (guint i = 0; i < 3; i++)
    {
      g_clear_object (&cards->number_layouts[i]);
      g_clear_object (&cards->label_layouts[i]);
      cards->number_layouts[i] = tissage_report_layout (context, REPORT_STYLE_FIGURE, cards->numbers[i], card, 1);
      cards->label_layouts[i] = tissage_report_layout (context, REPORT_STYLE_SMALL, cards->labels[i], card, 3);
      height = MAX (height, tissage_report_layout_height (cards->number_layouts[i]) + 4.0 +
                            tissage_report_layout_height (cards->label_layouts[i]));
    }
  return height + 2 * 10.0;
}

static void
cards_draw (ReportBlock *block,
            cairo_t     *cr,
            double       x,
            double       y,
            double       width)
{
  Cards *cards = block->data;
  double card = (width - 2 * 12.0) / 3;

  for (guint i = 0; i < 3; i++)
    {
      double left = x + i * (card + 12.0);

      tissage_report_set_color (cr, &tissage_report_tint);
      cairo_rectangle (cr, left, y, card, block->height);
      cairo_fill (cr);
      tissage_report_set_color (cr, &tissage_report_accent);
      cairo_rectangle (cr, left, y, 3.0, block->height);
      cairo_fill (cr);
      tissage_report_show_layout (cr, cards->number_layouts[i], left + 10.0, y + 10.0, &tissage_report_accent);
      tissage_report_show_layout (cr, cards->label_layouts[i], left + 10.0,
                                  y + 14.0 + tissage_report_layout_height (cards->number_layouts[i]),
                                  &tissage_report_ink);
    }
}

static const ReportBlockClass cards_class = { cards_measure, cards_draw };

static void
add_figure_row (TissageReportLayout *layout,
                ReportBlock         *header,
                TissageReportData   *data,
                const char          *label,
                guint                value,
                guint                collective)
{
  g_autofree char *shown = format_count (value);
  g_autofree char *whole = format_count (collective);
  const char *cells[] = { label, shown, whole };

  add_row (layout, header, ROW_PLAIN, 0, cells);
}

static void
build_figures (TissageReportLayout *layout,
               TissageReportData   *data)
{
  const TissageFigures *f = &data->figures;
  const TissageFigures *c = data->structure_name != NULL ? &data->collective_figures : &data->figures;
  gboolean beside = data->structure_name != NULL;
  g_autofree char *scope = NULL;
  Cards *cards = g_new0 (Cards, 1);
  ReportBlock *block, *header;

  add_heading (layout, REPORT_STYLE_TITLE, tissage_report_section_get_title (TISSAGE_REPORT_SECTION_FIGURES), 1);

  if (data->period_label != NULL)
    /* TRANSLATORS: under the title of the key figures: the period */
    scope = g_strdup_printf (_("Period %s."), data->period_label);
  else
    scope = g_strdup (_("Every period: each indicator counts by its latest value."));
  if (beside)
    {
      g_autofree char *both = g_strdup_printf (_("%s The figures of %s stand beside those of the whole collective."),
                                               scope, data->structure_name);

      g_free (scope);
      scope = g_steal_pointer (&both);
    }
  add_text (layout, REPORT_STYLE_BODY, scope, 4.0);

  if (f->targets_measured > 0)
    {
      cards->numbers[0] = tissage_format_number (round (100.0 * f->targets_reached / f->targets_measured), "%");
      cards->labels[0] = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "of the targets reached (%u out of %u measured)",
                                                       "of the targets reached (%u out of %u measured)",
                                                       f->targets_measured),
                                          f->targets_reached, f->targets_measured);
    }
  else
    {
      cards->numbers[0] = g_strdup ("—");
      cards->labels[0] = g_strdup (_("no target measured yet"));
    }
  cards->numbers[1] = format_count (f->interviews_done);
  /* TRANSLATORS: under the number of interviews done: « 22 entretiens terminés sur 27 » */
  cards->labels[1] = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "interview completed out of %u",
                                                   "interviews completed out of %u", f->interviews_done),
                                      f->interviews);
  cards->numbers[2] = format_count (f->stakeholders);
  cards->labels[2] = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "stakeholder, %u cooperation link",
                                                   "stakeholders, %u cooperation links", f->stakeholders),
                                      f->links);
  for (guint i = 0; i < 3; i++)
    {
      char *typeset = tissage_report_typeset (cards->labels[i], 0);

      g_free (cards->labels[i]);
      cards->labels[i] = typeset;
    }
  block = tissage_report_block_new (&cards_class, cards, cards_free);
  block->space_before = 14.0;
  tissage_report_layout_add_block (layout, block);

  {
    static const double widths[] = { 0.6, 0.2, 0.2 };
    static const double widths_alone[] = { 0.75, 0.25, 0 };
    static const gboolean numeric[] = { FALSE, TRUE, TRUE };
    const char *titles[] = { _("Key figure"), data->structure_name != NULL ? data->structure_name : _("Value"),
                             _("Whole collective") };

    header = add_table (layout, beside ? 3 : 2, beside ? widths : widths_alone, numeric, titles, 18.0);
  }
  add_figure_row (layout, header, data, _("Member structures"), f->structures, c->structures);
  add_figure_row (layout, header, data, _("Stakeholders"), f->stakeholders, c->stakeholders);
  add_figure_row (layout, header, data, _("Cooperation links"), f->links, c->links);
  add_figure_row (layout, header, data, _("Indicators"), f->indicators, c->indicators);
  add_figure_row (layout, header, data, _("Indicators with figures"), f->quantitative, c->quantitative);
  add_figure_row (layout, header, data, _("Indicators with a value"), f->measured, c->measured);
  add_figure_row (layout, header, data, _("Indicators with a numeric target"), f->with_target, c->with_target);
  add_figure_row (layout, header, data, _("Targets measured"), f->targets_measured, c->targets_measured);
  add_figure_row (layout, header, data, _("Targets reached or exceeded"), f->targets_reached, c->targets_reached);
  add_figure_row (layout, header, data, _("Values entered"), f->values_entered, c->values_entered);
  add_figure_row (layout, header, data, _("Interviews"), f->interviews, c->interviews);
  add_figure_row (layout, header, data, _("Interviews completed"), f->interviews_done, c->interviews_done);
  add_figure_row (layout, header, data, _("Verbatims"), f->verbatims, c->verbatims);
}

/* The map */

typedef struct
{
  TissageMapModel      *model;
  TissageMapLayoutKind  kind;
} MapBlock;

static void
map_block_free (gpointer data)
{
  MapBlock *map = data;

  g_object_unref (map->model);
  g_free (map);
}

static double
map_measure (ReportBlock  *block,
             PangoContext *context,
             double        width)
{
  return MAP_HEIGHT;
}

static void
map_draw (ReportBlock *block,
          cairo_t     *cr,
          double       x,
          double       y,
          double       width)
{
  MapBlock *map = block->data;
  TissageMapExportOptions options;

  tissage_map_export_options_init (&options);
  tissage_map_export_draw (cr, map->model, map->kind, &options, x, y, width, block->height, 0.6);
  tissage_report_set_color (cr, &tissage_report_rule);
  cairo_set_line_width (cr, 0.5);
  cairo_rectangle (cr, x + 0.25, y + 0.25, width - 0.5, block->height - 0.5);
  cairo_stroke (cr);
}

static const ReportBlockClass map_class = { map_measure, map_draw };

static void
build_map (TissageReportLayout        *layout,
           TissageReportData          *data,
           TissageMapModel            *model,
           const TissageReportOptions *options)
{
  guint nodes = tissage_map_model_get_n_nodes (model);
  guint edges = tissage_map_model_get_n_edges (model);
  g_autofree char *caption = NULL;
  MapBlock *map;
  ReportBlock *block;

  add_heading (layout, REPORT_STYLE_TITLE, tissage_report_section_get_title (TISSAGE_REPORT_SECTION_MAP), 1);
  if (nodes == 0)
    {
      add_text (layout, REPORT_STYLE_BODY, _("No stakeholder is on the map yet."), 4.0);
      return;
    }

  map = g_new0 (MapBlock, 1);
  map->model = g_object_ref (model);
  map->kind = options->map_layout;
  block = tissage_report_block_new (&map_class, map, map_block_free);
  block->space_before = 6.0;
  block->keep_with_next = TRUE;
  tissage_report_layout_add_block (layout, block);

  {
    g_autofree char *counts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u stakeholder", "%u stakeholders", nodes), nodes);
    g_autofree char *links = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u link", "%u links", edges), edges);

    /* TRANSLATORS: under the map of the report: its layout, how many stakeholders and links */
    caption = g_strdup_printf (_("%s: %s and %s, around the collective."), tissage_map_layout_kind_get_label (options->map_layout),
                               counts, links);
  }
  add_text (layout, REPORT_STYLE_CAPTION, caption, 6.0);
  if (data->pseudonymise)
    add_text (layout, REPORT_STYLE_CAPTION, _("The people interviewed are shown without their names."), 2.0);
}

/* An indicator: its title, its bar against the target, its value, its
 * trend over the periods and where the value comes from. */

#define VALUE_WIDTH 88.0
#define TREND_WIDTH 96.0
#define TREND_HEIGHT 34.0
#define GAP 12.0
#define BAR_ROW 16.0

typedef struct
{
  TissageReportData     *data;
  const ReportIndicator *indicator;
  PangoLayout           *title;
  PangoLayout           *value;
  PangoLayout           *caption;
  PangoLayout           *first_period;  /* under the trend, left */
  PangoLayout           *last_period;   /* and right */
} IndicatorBlock;

/* The periods a trend shows: up to the one reported on, none after it. */
static guint
trend_periods (TissageReportData *data)
{
  return data->period_index >= 0 ? MIN ((guint) data->period_index + 1, data->periods->len) : data->periods->len;
}

static void
indicator_block_free (gpointer data)
{
  IndicatorBlock *block = data;

  g_clear_object (&block->title);
  g_clear_object (&block->value);
  g_clear_object (&block->caption);
  g_clear_object (&block->first_period);
  g_clear_object (&block->last_period);
  g_free (block);
}

static char *
indicator_caption (IndicatorBlock *block)
{
  const ReportIndicator *indicator = block->indicator;
  g_autoptr(GString) caption = g_string_new (NULL);
  double target;
  int index;
  double value = tissage_report_indicator_value (block->data, indicator, indicator->values, &index, &target);

  if (indicator->nature == TISSAGE_NATURE_QUALITATIVE)
    {
      g_string_append (caption, _("Qualitative indicator"));
      if (indicator->text_value != NULL)
        {
          g_autofree char *text = tissage_report_typeset (indicator->text_value, 300);

          g_string_append_printf (caption, " · %s", text);
        }
      else
        g_string_append_printf (caption, " · %s", _("nothing noted for this period"));
      return g_string_free (g_steal_pointer (&caption), FALSE);
    }

  {
    TissageAchievement achievement = tissage_indicator_achievement (value, indicator->baseline, target,
                                                                    indicator->direction);
    g_autofree char *rate = tissage_achievement_describe (&achievement);

    if (rate != NULL)
      g_string_append_printf (caption, "%s · ", rate);
  }
  if (!isnan (target))
    {
      g_autofree char *text = format_value (indicator, target);

      g_string_append_printf (caption, _("Target: %s"), text);
    }
  else
    g_string_append (caption, _("no numeric target"));
  if (!isnan (indicator->baseline))
    {
      g_autofree char *text = format_value (indicator, indicator->baseline);

      g_string_append (caption, " · ");
      g_string_append_printf (caption, _("Baseline: %s"), text);
    }
  g_string_append (caption, " · ");
  if (index >= 0 && !isnan (value))
    {
      g_autofree char *source = tissage_counted_value_describe (&indicator->counted[index]);
      ReportPeriod *period = g_ptr_array_index (block->data->periods, index);

      if (block->data->period_index < 0)
        g_string_append_printf (caption, "%s, %s", period->label, source);
      else
        g_string_append (caption, source);
    }
  else
    g_string_append (caption, _("no value for this period"));

  if (indicator->collective != NULL)
    {
      double whole = tissage_report_indicator_value (block->data, indicator, indicator->collective, NULL, NULL);
      g_autofree char *text = format_value (indicator, whole);

      g_string_append (caption, " · ");
      /* TRANSLATORS: under an indicator of a structure, the collective's value */
      g_string_append_printf (caption, _("Whole collective: %s"), text);
    }

  return g_string_free (g_steal_pointer (&caption), FALSE);
}

static double
indicator_measure (ReportBlock  *report_block,
                   PangoContext *context,
                   double        width)
{
  IndicatorBlock *block = report_block->data;
  double text_width = width - VALUE_WIDTH - TREND_WIDTH - 2 * GAP;
  g_autofree char *title = tissage_report_typeset (block->indicator->title, MAX_TITLE_CHARS);
  g_autofree char *caption = indicator_caption (block);
  g_autofree char *shown = NULL;
  g_autofree char *typeset = NULL;
  double value = tissage_report_indicator_value (block->data, block->indicator, block->indicator->values, NULL, NULL);
  double height;

  if (block->indicator->nature == TISSAGE_NATURE_QUALITATIVE)
    shown = g_markup_escape_text (_("qualitative"), -1);
  else if (isnan (value))
    shown = g_strdup ("—");
  else if (g_utf8_strlen (block->indicator->unit, -1) <= 3)
    {
      g_autofree char *number = format_value (block->indicator, value);

      shown = g_markup_escape_text (number, -1);
    }
  else
    {
      /* A long unit goes under the number, in small type. */
      g_autofree char *number = tissage_format_number (value, NULL);
      g_autofree char *unit = tissage_report_typeset (block->indicator->unit, 60);

      shown = g_markup_printf_escaped ("%s\n<span size='7.5pt' weight='normal'>%s</span>", number, unit);
    }
  typeset = tissage_report_typeset (caption, 0);

  g_clear_object (&block->title);
  g_clear_object (&block->value);
  g_clear_object (&block->caption);
  block->title = tissage_report_layout (context, REPORT_STYLE_BODY, title, text_width, 0);
  block->value = tissage_report_layout_markup (context, block->indicator->nature == TISSAGE_NATURE_QUALITATIVE
                                                        ? REPORT_STYLE_SMALL : REPORT_STYLE_HEADING,
                                               shown, VALUE_WIDTH, 3);
  pango_layout_set_wrap (block->value, PANGO_WRAP_WORD);
  pango_layout_set_alignment (block->value, PANGO_ALIGN_RIGHT);
  block->caption = tissage_report_layout (context, REPORT_STYLE_CAPTION, typeset, text_width, 0);

  height = tissage_report_layout_height (block->title) + tissage_report_layout_height (block->caption) + 4.0;
  if (block->indicator->nature == TISSAGE_NATURE_QUANTITATIVE)
    height += BAR_ROW;
  height = MAX (height, tissage_report_layout_height (block->value));

  /* Which periods the line runs over, for a reader to tell. */
  g_clear_object (&block->first_period);
  g_clear_object (&block->last_period);
  if (block->indicator->nature == TISSAGE_NATURE_QUANTITATIVE && trend_periods (block->data) > 1)
    {
      guint n = trend_periods (block->data);
      const ReportPeriod *first = g_ptr_array_index (block->data->periods, 0);
      const ReportPeriod *last = g_ptr_array_index (block->data->periods, n - 1);
      g_autofree char *first_text = tissage_report_typeset (first->label, 24);
      g_autofree char *last_text = tissage_report_typeset (last->label, 24);

      block->first_period = tissage_report_layout (context, REPORT_STYLE_CAPTION, first_text, TREND_WIDTH / 2 - 2, 1);
      block->last_period = tissage_report_layout (context, REPORT_STYLE_CAPTION, last_text, TREND_WIDTH / 2 - 2, 1);
      pango_layout_set_alignment (block->last_period, PANGO_ALIGN_RIGHT);
      height = MAX (height, TREND_HEIGHT + 1.0 + tissage_report_layout_height (block->first_period));
    }
  return MAX (height, TREND_HEIGHT) + 10.0;
}

static void
indicator_draw (ReportBlock *report_block,
                cairo_t     *cr,
                double       x,
                double       y,
                double       width)
{
  IndicatorBlock *block = report_block->data;
  const ReportIndicator *indicator = block->indicator;
  double text_width = width - VALUE_WIDTH - TREND_WIDTH - 2 * GAP;
  double top = y + 5.0;
  double title_height = tissage_report_layout_height (block->title);
  double caption_y = top + title_height + 2.0;
  double target;
  int index;
  double value = tissage_report_indicator_value (block->data, indicator, indicator->values, &index, &target);

  tissage_report_show_layout (cr, block->title, x, top, &tissage_report_ink);
  if (indicator->nature == TISSAGE_NATURE_QUANTITATIVE)
    {
      double trend_x = x + text_width + GAP + VALUE_WIDTH + GAP;
      guint n = trend_periods (block->data);

      /* The bars and trends of the Synthèse, in the report's ink. */
      tissage_chart_draw_bar (cr, x, caption_y, text_width, BAR_ROW, 7.0, value, indicator->baseline, target,
                              indicator->direction, &tissage_report_ink, FALSE);
      caption_y += BAR_ROW;
      tissage_chart_draw_trend (cr, trend_x, top, TREND_WIDTH, TREND_HEIGHT, 0.8,
                                indicator->values, n, MIN ((guint) MAX (index, 0), n > 0 ? n - 1 : 0),
                                indicator->baseline, target, indicator->direction, &tissage_report_ink, FALSE);
      if (block->first_period != NULL)
        {
          tissage_report_show_layout (cr, block->first_period, trend_x, top + TREND_HEIGHT + 1.0, &tissage_report_dim);
          tissage_report_show_layout (cr, block->last_period, trend_x + TREND_WIDTH / 2 + 2, top + TREND_HEIGHT + 1.0,
                                      &tissage_report_dim);
        }
    }
  tissage_report_show_layout (cr, block->caption, x, caption_y + 2.0, &tissage_report_dim);
  tissage_report_show_layout (cr, block->value, x + text_width + GAP, top,
                              isnan (value) ? &tissage_report_dim : &tissage_report_accent);

  tissage_report_set_color (cr, &tissage_report_rule);
  cairo_rectangle (cr, x, y + report_block->height - 0.5, width, 0.5);
  cairo_fill (cr);
}

static const ReportBlockClass indicator_class = { indicator_measure, indicator_draw };

/* Quotes, in a box */

typedef struct
{
  GPtrArray   *quotes;      /* ReportQuote, borrowed */
  GPtrArray   *texts;       /* PangoLayout, two per quote */
} QuoteBox;

static void
quote_box_free (gpointer data)
{
  QuoteBox *box = data;

  g_clear_pointer (&box->texts, g_ptr_array_unref);
  g_free (box);
}

#define BOX_PADDING 10.0

static double
quote_box_measure (ReportBlock  *block,
                   PangoContext *context,
                   double        width)
{
  QuoteBox *box = block->data;
  double inner = width - 2 * BOX_PADDING - 6.0;
  double height = 2 * BOX_PADDING;

  g_clear_pointer (&box->texts, g_ptr_array_unref);
  box->texts = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < box->quotes->len; i++)
    {
      ReportQuote *quote = g_ptr_array_index (box->quotes, i);
      g_autofree char *quoted = g_strdup_printf (_("“%s”"), quote->text);
      g_autofree char *text = tissage_report_typeset (quoted, MAX_QUOTE_CHARS);
      g_autofree char *who = g_strdup_printf ("— %s", quote->who);
      g_autofree char *who_text = tissage_report_typeset (who, 200);
      PangoLayout *quote_layout = tissage_report_layout (context, REPORT_STYLE_QUOTE, text, inner, 0);
      PangoLayout *who_layout = tissage_report_layout (context, REPORT_STYLE_CAPTION, who_text, inner, 2);

      pango_layout_set_alignment (who_layout, PANGO_ALIGN_RIGHT);
      height += tissage_report_layout_height (quote_layout) + 3.0 + tissage_report_layout_height (who_layout);
      if (i > 0)
        height += 9.0;
      g_ptr_array_add (box->texts, quote_layout);
      g_ptr_array_add (box->texts, who_layout);
    }
  return height;
}

static void
quote_box_draw (ReportBlock *block,
                cairo_t     *cr,
                double       x,
                double       y,
                double       width)
{
  QuoteBox *box = block->data;
  double top = y + BOX_PADDING;

  tissage_report_set_color (cr, &tissage_report_tint);
  cairo_rectangle (cr, x, y, width, block->height);
  cairo_fill (cr);
  tissage_report_set_color (cr, &tissage_report_accent);
  cairo_rectangle (cr, x, y, 3.0, block->height);
  cairo_fill (cr);

  for (guint i = 0; i + 1 < box->texts->len; i += 2)
    {
      PangoLayout *quote = g_ptr_array_index (box->texts, i);
      PangoLayout *who = g_ptr_array_index (box->texts, i + 1);

      if (i > 0)
        top += 9.0;
      tissage_report_show_layout (cr, quote, x + BOX_PADDING + 6.0, top, &tissage_report_ink);
      top += tissage_report_layout_height (quote) + 3.0;
      tissage_report_show_layout (cr, who, x + BOX_PADDING + 6.0, top, &tissage_report_dim);
      top += tissage_report_layout_height (who);
    }
}

static const ReportBlockClass quote_box_class = { quote_box_measure, quote_box_draw };

static const char *
horizon_label (TissageHorizon horizon)
{
  static const char * const labels[] = { N_("short term"), N_("medium term"), N_("long term") };

  return _(labels[CLAMP (horizon, 0, G_N_ELEMENTS (labels) - 1)]);
}

static void
build_stake (TissageReportLayout *layout,
             TissageReportData   *data,
             ReportStake         *stake,
             gboolean             first)
{
  ReportBlock *heading = add_heading (layout, REPORT_STYLE_HEADING, stake->title, 2);
  guint effects = 0;

  heading->page_break = !first;
  add_text (layout, REPORT_STYLE_BODY, stake->description, 4.0);

  if (stake->quotes->len > 0)
    {
      QuoteBox *box = g_new0 (QuoteBox, 1);
      ReportBlock *block;

      box->quotes = stake->quotes;
      block = tissage_report_block_new (&quote_box_class, box, quote_box_free);
      block->space_before = 10.0;
      tissage_report_layout_add_block (layout, block);
    }

  for (guint q = 0; q < stake->questions->len; q++)
    {
      ReportQuestion *question = g_ptr_array_index (stake->questions, q);
      ReportBlock *block;

      if (question->effects->len == 0)
        continue;
      block = add_text (layout, REPORT_STYLE_QUESTION, question->title, 12.0);
      block->keep_with_next = TRUE;

      for (guint e = 0; e < question->effects->len; e++)
        {
          ReportEffect *effect = g_ptr_array_index (question->effects, e);
          g_autofree char *when = NULL;
          g_autofree char *title = g_strdup_printf (_("Effect: %s"), effect->title);

          effects++;
          add_heading (layout, REPORT_STYLE_SUBHEADING, title, 0);
          when = *effect->description != '\0' ? g_strdup_printf ("%s (%s)", effect->description, horizon_label (effect->horizon))
                                              : g_strdup_printf (_("Expected in the %s."), horizon_label (effect->horizon));
          block = add_text (layout, REPORT_STYLE_CAPTION, when, 2.0);
          block->keep_with_next = TRUE;

          if (effect->indicators->len == 0)
            {
              add_text (layout, REPORT_STYLE_CAPTION, _("No indicator measures this effect yet."), 4.0);
              continue;
            }
          for (guint i = 0; i < effect->indicators->len; i++)
            {
              IndicatorBlock *indicator = g_new0 (IndicatorBlock, 1);

              indicator->data = data;
              indicator->indicator = g_ptr_array_index (effect->indicators, i);
              block = tissage_report_block_new (&indicator_class, indicator, indicator_block_free);
              block->space_before = i == 0 ? 4.0 : 0.0;
              tissage_report_layout_add_block (layout, block);
            }
        }
    }

  if (effects == 0)
    add_text (layout, REPORT_STYLE_BODY, _("No expected effect is described for this stake yet."), 8.0);
}

static void
build_stakes (TissageReportLayout *layout,
              TissageReportData   *data)
{
  add_heading (layout, REPORT_STYLE_TITLE, tissage_report_section_get_title (TISSAGE_REPORT_SECTION_STAKES), 1);
  if (data->stakes->len == 0)
    {
      add_text (layout, REPORT_STYLE_BODY, _("The evaluation framework has no stake yet: add them in the Framework section."), 4.0);
      return;
    }
  add_text (layout, REPORT_STYLE_BODY,
            _("For each stake, its expected effects and the indicators that measure them: the bar goes from the baseline to the target (the mark across it), the line beside shows the value of each period."),
            4.0);
  for (guint s = 0; s < data->stakes->len; s++)
    build_stake (layout, data, g_ptr_array_index (data->stakes, s), s == 0);
}

/* Methods */

static void
add_counts_table (TissageReportLayout *layout,
                  GPtrArray           *counts,
                  const char          *first,
                  gboolean             with_done)
{
  static const double widths[] = { 0.6, 0.2, 0.2 };
  static const double widths_two[] = { 0.75, 0.25, 0 };
  static const gboolean numeric[] = { FALSE, TRUE, TRUE };
  const char *titles[] = { first, with_done ? _("Planned or held") : _("Indicators"), _("Held") };
  ReportBlock *header = add_table (layout, with_done ? 3 : 2, with_done ? widths : widths_two, numeric, titles, 6.0);

  for (guint i = 0; i < counts->len; i++)
    {
      ReportCount *count = g_ptr_array_index (counts, i);
      g_autofree char *planned = format_count (count->planned);
      g_autofree char *done = format_count (count->done);
      const char *cells[] = { count->name, planned, done };

      add_row (layout, header, ROW_PLAIN, 0, cells);
    }
}

static void
build_methods (TissageReportLayout *layout,
               TissageReportData   *data)
{
  g_autofree char *values = NULL;
  g_autofree char *consent = NULL;
  ReportBlock *header;

  add_heading (layout, REPORT_STYLE_TITLE, tissage_report_section_get_title (TISSAGE_REPORT_SECTION_METHODS), 1);
  add_text (layout, REPORT_STYLE_BODY,
            _("The collective measures its effects with an evaluation framework shared by its members: stakes, evaluation questions, expected effects and their indicators. Values are typed in by the members or computed from the answers to the interviews."),
            4.0);

  add_heading (layout, REPORT_STYLE_SUBHEADING, _("Interviews by category of stakeholder"), 0);
  if (data->by_category->len == 0)
    add_text (layout, REPORT_STYLE_BODY, _("No interview for this period."), 4.0);
  else
    add_counts_table (layout, data->by_category, _("Category"), TRUE);

  add_heading (layout, REPORT_STYLE_SUBHEADING, _("Interviews by member structure"), 0);
  if (data->by_structure->len == 0)
    add_text (layout, REPORT_STYLE_BODY, _("No interview for this period."), 4.0);
  else
    add_counts_table (layout, data->by_structure, _("Structure"), TRUE);

  add_heading (layout, REPORT_STYLE_SUBHEADING, _("Periods"), 0);
  if (data->periods->len == 0)
    add_text (layout, REPORT_STYLE_BODY, _("The project has no period yet."), 4.0);
  else
    {
      static const double widths[] = { 0.5, 0.25, 0.25 };
      static const gboolean numeric[] = { FALSE, FALSE, FALSE };
      const char *titles[] = { _("Period"), _("Start"), _("End") };

      header = add_table (layout, 3, widths, numeric, titles, 6.0);
      for (guint p = 0; p < data->periods->len; p++)
        {
          ReportPeriod *period = g_ptr_array_index (data->periods, p);
          g_autofree char *start = tissage_format_date (period->start);
          g_autofree char *end = tissage_format_date (period->end);
          const char *cells[] = { period->label, start, end };

          add_row (layout, header, (int) p == data->period_index ? ROW_GROUP : ROW_PLAIN, 0, cells);
        }
    }

  add_heading (layout, REPORT_STYLE_SUBHEADING, _("Sources of the indicators"), 0);
  if (data->sources->len == 0)
    add_text (layout, REPORT_STYLE_BODY, _("No indicator names its source yet."), 4.0);
  else
    add_counts_table (layout, data->sources, _("Source"), FALSE);

  add_heading (layout, REPORT_STYLE_SUBHEADING, _("How the values were obtained"), 0);
  {
    guint none = data->value_sources[TISSAGE_VALUE_NONE];
    g_autofree char *without = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u has no value yet", "%u have no value yet", none),
                                                none);

    /* TRANSLATORS: the last %s is « 3 have no value yet » */
    values = g_strdup_printf (_("Of the %u indicators with figures shown in this report, %u have a value typed in, %u a value consolidated from the member structures' and %u a value computed from the answers to the interviews (the mean of a scale question, or its share of 4 and 5 answers); %s."),
                              data->value_sources[0] + data->value_sources[1] + data->value_sources[2] + data->value_sources[3],
                              data->value_sources[TISSAGE_VALUE_ENTERED], data->value_sources[TISSAGE_VALUE_CONSOLIDATED],
                              data->value_sources[TISSAGE_VALUE_COMPUTED], without);
  }
  add_text (layout, REPORT_STYLE_BODY, values, 4.0);

  add_heading (layout, REPORT_STYLE_SUBHEADING, _("Consent and pseudonymisation"), 0);
  consent = g_strdup_printf (_("Consent to the use of their words was given in %u interviews, refused in %u, and is not recorded for %u."),
                             data->consents[TISSAGE_CONSENT_GIVEN], data->consents[TISSAGE_CONSENT_REFUSED],
                             data->consents[TISSAGE_CONSENT_UNKNOWN]);
  add_text (layout, REPORT_STYLE_BODY, consent, 4.0);
  if (data->left_out > 0)
    {
      g_autofree char *left_out = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "%u interview without recorded consent is left out of the quotes.",
                                                                "%u interviews without recorded consent are left out of the quotes.",
                                                                data->left_out),
                                                   data->left_out);

      add_text (layout, REPORT_STYLE_BODY, left_out, 4.0);
    }
  add_text (layout, REPORT_STYLE_BODY,
            data->pseudonymise ? _("The people interviewed are numbered, never named, here and on the map; no structure too small to hide them is named beside them.")
                               : _("This report names the people interviewed, as its author chose: keep it within the collective."),
            4.0);
}

/* Appendix: the référentiel as a table */

static const char *
type_label (const ReportIndicator *indicator)
{
  return tissage_indicator_type_to_label (indicator->type);
}

static void
build_appendix (TissageReportLayout *layout,
                TissageReportData   *data)
{
  static const double widths[] = { 0.40, 0.12, 0.10, 0.18, 0.20 };
  static const gboolean numeric[] = { FALSE, FALSE, FALSE, FALSE, FALSE };
  const char *titles[] = { _("Stake, question, effect, indicator"), _("Type"), _("Unit"), _("Target"), _("Source") };
  ReportBlock *header;

  add_heading (layout, REPORT_STYLE_TITLE, tissage_report_section_get_title (TISSAGE_REPORT_SECTION_APPENDIX), 1);
  if (data->stakes->len == 0)
    {
      add_text (layout, REPORT_STYLE_BODY, _("The evaluation framework is empty."), 4.0);
      return;
    }
  header = add_table (layout, 5, widths, numeric, titles, 6.0);

  for (guint s = 0; s < data->stakes->len; s++)
    {
      ReportStake *stake = g_ptr_array_index (data->stakes, s);
      const char *cells[] = { stake->title, "", "", "", "" };
      ReportBlock *row = add_row (layout, header, ROW_GROUP, 0, cells);

      row->keep_with_next = TRUE;
      for (guint q = 0; q < stake->questions->len; q++)
        {
          ReportQuestion *question = g_ptr_array_index (stake->questions, q);
          const char *question_cells[] = { question->title, _("Question"), "", "", "" };

          row = add_row (layout, header, ROW_SUBGROUP, 8.0, question_cells);
          row->keep_with_next = TRUE;
          for (guint e = 0; e < question->effects->len; e++)
            {
              ReportEffect *effect = g_ptr_array_index (question->effects, e);
              const char *effect_cells[] = { effect->title, _("Effect"), "", "", "" };

              row = add_row (layout, header, ROW_SUBGROUP, 16.0, effect_cells);
              row->keep_with_next = effect->indicators->len > 0;
              for (guint i = 0; i < effect->indicators->len; i++)
                {
                  ReportIndicator *indicator = g_ptr_array_index (effect->indicators, i);
                  g_autofree char *target = !isnan (indicator->target) ? tissage_format_number (indicator->target, NULL)
                                                                        : tissage_report_typeset (indicator->target_text, 160);
                  const char *indicator_cells[] = { indicator->title, type_label (indicator), indicator->unit, target,
                                                    indicator->source };

                  add_row (layout, header, ROW_PLAIN, 24.0, indicator_cells);
                }
            }
        }
    }
}

void
tissage_report_build_sections (TissageReportLayout        *layout,
                               TissageReportData          *data,
                               TissageMapModel            *map,
                               const TissageReportOptions *options)
{
  if (options->sections & TISSAGE_REPORT_SECTION_FIGURES)
    build_figures (layout, data);
  if ((options->sections & TISSAGE_REPORT_SECTION_MAP) && map != NULL)
    build_map (layout, data, map, options);
  if (options->sections & TISSAGE_REPORT_SECTION_STAKES)
    build_stakes (layout, data);
  if (options->sections & TISSAGE_REPORT_SECTION_METHODS)
    build_methods (layout, data);
  if (options->sections & TISSAGE_REPORT_SECTION_APPENDIX)
    build_appendix (layout, data);
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-synthesis"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tissage-figures.h"
#include "tissage-indicator-bar.h"
#include "tissage-interviews.h"
#include "tissage-synthesis-page.h"
#include "tissage-trend-chart.h"
#include "tissage-widget-utils.h"

/*
 * The dashboard a director shows a funder: key figures, each indicator's
 * target against what was achieved with its trend over the periods, and
 * the strongest quotes of each effect. It only reads the document: values
 * come from the core (consolidation, values computed from interviews).
 * Large projects stay quick because only a few effects are built at once.
 */

#define EFFECTS_PER_PAGE    6
#define INDICATORS_SHOWN    3
#define QUOTES_SHOWN        2

typedef struct {
  double              *values;   /* one per period, NaN when none */
  TissageCountedValue *counted;  /* the same, with where each comes from */
  gboolean             complete; /* every period's value is read */
} Series;

struct _TissageSynthesisPage
{
  GtkWidget         parent_instance;

  GtkStack         *stack;
  AdwStatusPage    *empty_page;
  GtkDropDown      *period_dropdown;
  GtkDropDown      *structure_dropdown;
  GtkFlowBox       *figures;
  GtkBox           *sections;
  GtkButton        *more_button;

  TissageDocument  *document;
  GPtrArray        *periods;        /* TissagePeriod, by position */
  GPtrArray        *structures;     /* TissageStructure, by name; [0] NULL */
  GPtrArray        *effects;        /* TissageEffect to show, in framework order */
  GHashTable       *indicators;     /* effect id → GPtrArray of TissageIndicator with a target */
  GHashTable       *series;         /* indicator id → Series */
  GHashTable       *quote_counts;   /* effect id → count, the collective's */
  GHashTable       *bars;           /* indicator id → TissageIndicatorBar on screen */
  gboolean         *period_loaded;  /* per period: every indicator's value is read */
  GtkLabel         *figure_values[TISSAGE_N_FIGURES];
  GtkLabel         *figure_details[TISSAGE_N_FIGURES];
  double            figure_numbers[TISSAGE_N_FIGURES];
  gint64            period_id;
  gint64            structure_id;
  guint             n_effects_shown;  /* effect cards built */
  guint             n_effects_wanted; /* and to be built: the first on screen at once, the others after */
  guint             cards_tick_id;
  guint             cards_idle_id;
  guint             refresh_id;
  gboolean          dirty;
  gboolean          updating;
  gboolean          period_chosen;
};

G_DEFINE_FINAL_TYPE (TissageSynthesisPage, tissage_synthesis_page, GTK_TYPE_WIDGET)

static void rebuild (TissageSynthesisPage *self,
                     gboolean              reload);

static int
record_position (gpointer record)
{
  int position = 0;

  if (record != NULL)
    g_object_get (record, "position", &position, NULL);
  return position;
}

static double
record_double (gpointer    record,
               const char *property)
{
  double value = NAN;

  g_object_get (record, property, &value, NULL);
  return value;
}

/* The first entry stands for the whole collective: NULL. */
static void
unref_structure (gpointer structure)
{
  if (structure != NULL)
    g_object_unref (structure);
}

static void
series_free (Series *series)
{
  g_free (series->values);
  g_free (series->counted);
  g_free (series);
}

static Series *
series_for (TissageSynthesisPage *self,
            gint64                indicator_id)
{
  Series *series = g_hash_table_lookup (self->series, &indicator_id);

  if (series == NULL)
    {
      gint64 *key = g_new (gint64, 1);

      *key = indicator_id;
      series = g_new0 (Series, 1);
      series->values = g_new (double, MAX (self->periods->len, 1));
      series->counted = g_new0 (TissageCountedValue, MAX (self->periods->len, 1));
      for (guint i = 0; i < self->periods->len; i++)
        series->values[i] = NAN;
      g_hash_table_insert (self->series, key, series);
    }

  return series;
}

static int
period_index (TissageSynthesisPage *self,
              gint64                period_id)
{
  for (guint i = 0; i < self->periods->len; i++)
    if (tissage_record_id (g_ptr_array_index (self->periods, i)) == period_id)
      return (int) i;
  return -1;
}

static int
current_period_index (TissageSynthesisPage *self)
{
  return period_index (self, self->period_id);
}

static gpointer
current_structure (TissageSynthesisPage *self)
{
  return self->structure_id != 0
    ? tissage_document_lookup (self->document, TISSAGE_TYPE_STRUCTURE, self->structure_id)
    : NULL;
}

static void collect_value (gint64                     indicator_id,
                           gint64                     period_id,
                           const TissageCountedValue *value,
                           gpointer                   user_data);

/* Values are read when first needed: a period's for every indicator (the
 * figures), an indicator's for every period (its trend). */
static void
load_period (TissageSynthesisPage *self,
             int                   index)
{
  if (index < 0 || self->period_loaded[index])
    return;
  self->period_loaded[index] = TRUE;
  tissage_document_foreach_value (self->document, current_structure (self), NULL,
                                  g_ptr_array_index (self->periods, index), collect_value, self);
}

static void
load_series (TissageSynthesisPage *self,
             TissageIndicator     *indicator)
{
  Series *series = series_for (self, tissage_record_id (indicator));

  if (series->complete)
    return;
  series->complete = TRUE;
  tissage_document_foreach_value (self->document, current_structure (self), indicator, NULL,
                                  collect_value, self);
}

/* The value that counts in one cell for the structure shown, and where
 * it comes from (when @counted is not %NULL). */
static double
cell_value (TissageSynthesisPage      *self,
            gint64                     indicator_id,
            int                        index,
            const TissageCountedValue **counted)
{
  Series *series;

  if (counted != NULL)
    *counted = NULL;
  if (index < 0)
    return NAN;

  series = series_for (self, indicator_id);
  if (!series->complete)
    load_period (self, index);

  if (counted != NULL)
    *counted = &series->counted[index];
  return series->values[index];
}

/* Data */

static int
compare_by_position (gconstpointer a,
                     gconstpointer b)
{
  gpointer x = *(gpointer *) a, y = *(gpointer *) b;
  int px = record_position (x), py = record_position (y);

  if (px != py)
    return px < py ? -1 : 1;
  return tissage_record_id (x) < tissage_record_id (y) ? -1 : tissage_record_id (x) > tissage_record_id (y);
}

static int
compare_by_name (gconstpointer a,
                 gconstpointer b)
{
  TissageStructure *x = *(TissageStructure **) a, *y = *(TissageStructure **) b;

  return g_utf8_collate (tissage_structure_get_name (x), tissage_structure_get_name (y));
}

static GPtrArray *
sorted_records (TissageDocument *document,
                GType            type,
                GCompareFunc     compare)
{
  GListModel *model = tissage_document_get_records (document, type);
  GPtrArray *records = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (records, g_list_model_get_item (model, i));
  g_ptr_array_sort (records, compare);

  return records;
}

/* Stake, question and effect positions, so that effects follow the framework. */
typedef struct {
  TissageEffect *effect;
  int            keys[6];
} EffectOrder;

static int
compare_effect_orders (gconstpointer a,
                       gconstpointer b)
{
  const EffectOrder *x = a, *y = b;

  for (guint i = 0; i < G_N_ELEMENTS (x->keys); i++)
    if (x->keys[i] != y->keys[i])
      return x->keys[i] < y->keys[i] ? -1 : 1;
  return 0;
}

static void
collect_value (gint64                     indicator_id,
               gint64                     period_id,
               const TissageCountedValue *value,
               gpointer                   user_data)
{
  TissageSynthesisPage *self = user_data;
  int index = period_index (self, period_id);
  Series *series;

  if (index < 0)
    return;
  series = series_for (self, indicator_id);
  series->values[index] = value->value;
  series->counted[index] = *value;
}

static gboolean
indicator_in_scope (TissageSynthesisPage *self,
                    TissageIndicator     *indicator)
{
  gint64 scope = 0;

  if (self->structure_id == 0)
    return TRUE;
  g_object_get (indicator, "scope-structure-id", &scope, NULL);
  return scope == 0 || scope == self->structure_id;
}

static void
load_data (TissageSynthesisPage *self)
{
  g_autoptr(GPtrArray) indicators = NULL;
  g_autoptr(GArray) orders = g_array_new (FALSE, FALSE, sizeof (EffectOrder));
  GListModel *effects = tissage_document_get_records (self->document, TISSAGE_TYPE_EFFECT);

  g_hash_table_remove_all (self->series);
  g_hash_table_remove_all (self->indicators);
  g_ptr_array_set_size (self->effects, 0);
  g_clear_pointer (&self->quote_counts, g_hash_table_unref);

  /* Values are read when needed, a period or an indicator at a time. */
  g_free (self->period_loaded);
  self->period_loaded = g_new0 (gboolean, MAX (self->periods->len, 1));

  /* Quantitative indicators with a target, by effect. */
  indicators = sorted_records (self->document, TISSAGE_TYPE_INDICATOR, compare_by_position);
  for (guint i = 0; i < indicators->len; i++)
    {
      TissageIndicator *indicator = g_ptr_array_index (indicators, i);
      gint64 effect_id = tissage_indicator_get_effect_id (indicator);
      GPtrArray *list;

      if (tissage_indicator_get_nature (indicator) != TISSAGE_NATURE_QUANTITATIVE ||
          !tissage_document_indicator_has_target (self->document, indicator) ||
          !indicator_in_scope (self, indicator))
        continue;

      list = g_hash_table_lookup (self->indicators, &effect_id);
      if (list == NULL)
        {
          gint64 *key = g_new (gint64, 1);

          *key = effect_id;
          list = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (self->indicators, key, list);
        }
      g_ptr_array_add (list, g_object_ref (indicator));
    }

  self->quote_counts = tissage_document_count_verbatims_by_effect (self->document);

  for (guint i = 0; i < g_list_model_get_n_items (effects); i++)
    {
      g_autoptr(TissageEffect) effect = g_list_model_get_item (effects, i);
      gint64 id = tissage_record_id (effect);
      TissageEvalQuestion *question;
      TissageStake *stake;
      EffectOrder order = { effect, };

      if (!g_hash_table_contains (self->indicators, &id) && !g_hash_table_contains (self->quote_counts, &id))
        continue;

      question = tissage_document_lookup (self->document, TISSAGE_TYPE_EVAL_QUESTION,
                                          tissage_effect_get_question_id (effect));
      stake = question != NULL
        ? tissage_document_lookup (self->document, TISSAGE_TYPE_STAKE, tissage_eval_question_get_stake_id (question))
        : NULL;
      order.keys[0] = record_position (stake);
      order.keys[1] = (int) tissage_record_id (stake);
      order.keys[2] = record_position (question);
      order.keys[3] = (int) tissage_record_id (question);
      order.keys[4] = record_position (effect);
      order.keys[5] = (int) id;
      g_array_append_val (orders, order);
    }
  g_array_sort (orders, compare_effect_orders);
  for (guint i = 0; i < orders->len; i++)
    g_ptr_array_add (self->effects, g_object_ref (g_array_index (orders, EffectOrder, i).effect));
}

/* The latest period with a value, for the first look at the page. */
static gint64
latest_period_with_values (TissageSynthesisPage *self)
{
  for (int i = (int) self->periods->len - 1; i >= 0; i--)
    {
      GHashTableIter iter;
      Series *series;

      load_period (self, i);
      g_hash_table_iter_init (&iter, self->series);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &series))
        if (!isnan (series->values[i]))
          return tissage_record_id (g_ptr_array_index (self->periods, i));
    }

  return self->periods->len > 0 ? tissage_record_id (g_ptr_array_index (self->periods, self->periods->len - 1)) : 0;
}

/* Filters */

static void
fill_dropdown (GtkDropDown *dropdown,
               GPtrArray   *labels,
               guint        selected)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  for (guint i = 0; i < labels->len; i++)
    gtk_string_list_append (list, g_ptr_array_index (labels, i));
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (dropdown, selected);
}

static void
load_filters (TissageSynthesisPage *self)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  GPtrArray *structures;
  guint selected = 0;

  g_clear_pointer (&self->periods, g_ptr_array_unref);
  self->periods = sorted_records (self->document, TISSAGE_TYPE_PERIOD, compare_by_position);

  g_ptr_array_set_size (self->structures, 0);
  g_ptr_array_add (self->structures, NULL);
  structures = sorted_records (self->document, TISSAGE_TYPE_STRUCTURE, compare_by_name);
  for (guint i = 0; i < structures->len; i++)
    g_ptr_array_add (self->structures, g_object_ref (g_ptr_array_index (structures, i)));
  g_ptr_array_unref (structures);

  /* A structure that went away leaves the whole collective. */
  if (current_structure (self) == NULL)
    self->structure_id = 0;

  self->updating = TRUE;
  for (guint i = 0; i < self->periods->len; i++)
    {
      g_ptr_array_add (labels, (char *) tissage_period_get_label (g_ptr_array_index (self->periods, i)));
      if (tissage_record_id (g_ptr_array_index (self->periods, i)) == self->period_id)
        selected = i;
    }
  fill_dropdown (self->period_dropdown, labels, selected);

  g_ptr_array_set_size (labels, 0);
  selected = 0;
  g_ptr_array_add (labels, _("Whole collective"));
  for (guint i = 1; i < self->structures->len; i++)
    {
      g_ptr_array_add (labels, (char *) tissage_structure_get_name (g_ptr_array_index (self->structures, i)));
      if (tissage_record_id (g_ptr_array_index (self->structures, i)) == self->structure_id)
        selected = i;
    }
  fill_dropdown (self->structure_dropdown, labels, selected);
  self->updating = FALSE;
}

/* Key figures */

static void
set_figure (TissageSynthesisPage *self,
            TissageFigure         figure,
            double                number,
            const char           *shown,
            const char           *detail)
{
  self->figure_numbers[figure] = number;
  gtk_label_set_label (self->figure_values[figure], shown);
  gtk_label_set_label (self->figure_details[figure], detail);
}

static void
set_count (TissageSynthesisPage *self,
           TissageFigure         figure,
           guint                 count,
           const char           *detail)
{
  g_autofree char *shown = tissage_format_number (count, NULL);

  set_figure (self, figure, count, shown, detail);
}


static void
update_figures (TissageSynthesisPage *self)
{
  int index = current_period_index (self);
  TissageFigures figures;
  g_autoptr(GError) error = NULL;
  g_autofree char *detail = NULL;

  if (!tissage_document_compute_figures (self->document,
                                         index >= 0 ? g_ptr_array_index (self->periods, index) : NULL,
                                         current_structure (self), &figures, &error))
    {
      g_warning ("%s", error->message);
      memset (&figures, 0, sizeof figures);
    }

  set_count (self, TISSAGE_FIGURE_STAKEHOLDERS, figures.stakeholders,
             self->structure_id == 0 ? _("on the map") : _("attached to this structure"));
  set_count (self, TISSAGE_FIGURE_STRUCTURES, figures.structures, _("in the collective"));

  /* TRANSLATORS: under the number of interviews held */
  detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "out of %u planned", "out of %u planned",
                                         figures.interviews), figures.interviews);
  set_count (self, TISSAGE_FIGURE_INTERVIEWS_DONE, figures.interviews_done, detail);
  g_clear_pointer (&detail, g_free);

  set_count (self, TISSAGE_FIGURE_VERBATIMS, figures.verbatims, _("quotes from the interviews"));

  detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "out of %u indicator with figures",
                                         "out of %u indicators with figures", figures.quantitative),
                            figures.quantitative);
  set_count (self, TISSAGE_FIGURE_INDICATORS_MEASURED, figures.measured, detail);
  g_clear_pointer (&detail, g_free);

  if (figures.targets_measured > 0)
    {
      double share = 100.0 * figures.targets_reached / figures.targets_measured;
      g_autofree char *shown = tissage_format_number (round (share), "%");

      /* The words agree with the targets reached: "0 objectif atteint sur 32". */
      detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u target reached out of %u", "%u targets reached out of %u",
                                             figures.targets_reached), figures.targets_reached, figures.targets_measured);
      set_figure (self, TISSAGE_FIGURE_TARGETS_REACHED, share, shown, detail);
    }
  else
    set_figure (self, TISSAGE_FIGURE_TARGETS_REACHED, NAN, "—", _("no target measured yet"));
}

/* Indicators and quotes */

static char *
format_value (TissageIndicator *indicator,
              double            value)
{
  g_autofree char *unit = NULL;

  g_object_get (indicator, "unit", &unit, NULL);
  return tissage_format_number (value, unit);
}

static GtkWidget *
dim_label (const char *text,
           const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, "dim-label");
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  return label;
}

static GtkWidget *
build_indicator_row (TissageSynthesisPage *self,
                     TissageIndicator     *indicator)
{
  gint64 id = tissage_record_id (indicator);
  int index = current_period_index (self);
  const TissageCountedValue *counted;
  double value = cell_value (self, id, index, &counted);
  Series *series = series_for (self, id);
  TissageDirection direction = tissage_indicator_get_direction (indicator);
  /* The period's own target where it has one, the indicator's otherwise. */
  TissageStructure *structure = current_structure (self);
  double target = tissage_document_get_target_for (self->document, indicator,
                                                   index >= 0 ? g_ptr_array_index (self->periods, index) : NULL,
                                                   structure);
  double baseline = record_double (indicator, "baseline");
  g_autoptr(GString) detail = g_string_new (NULL);
  g_autoptr(GString) tooltip = g_string_new (NULL);
  g_autofree char *target_text = format_value (indicator, target);
  g_autofree char *shown = NULL;
  GtkWidget *grid, *title, *value_label, *bar, *trend, *caption;
  gint64 *key;

  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_widget_add_css_class (grid, "synthesis-indicator");

  title = gtk_label_new (tissage_indicator_get_title (indicator));
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_grid_attach (GTK_GRID (grid), title, 0, 0, 1, 1);

  bar = tissage_indicator_bar_new ();
  tissage_indicator_bar_set_values (TISSAGE_INDICATOR_BAR (bar), value, baseline, target, direction);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_grid_attach (GTK_GRID (grid), bar, 0, 1, 1, 1);

  {
    /* The bar's rate, saying what it is measured from. */
    TissageAchievement achievement = tissage_indicator_achievement (value, baseline, target, direction);
    g_autofree char *rate = tissage_achievement_describe (&achievement);

    if (rate != NULL)
      g_string_append_printf (detail, "%s · ", rate);
  }
  /* TRANSLATORS: under an indicator's bar, its target */
  g_string_append_printf (detail, _("Target: %s"), target_text);
  if (!isnan (baseline))
    {
      g_autofree char *text = format_value (indicator, baseline);

      g_string_append (detail, " · ");
      /* TRANSLATORS: under an indicator's bar, where it started */
      g_string_append_printf (detail, _("Baseline: %s"), text);
    }
  {
    /* Which value counts: typed, or from the structures or the interviews. */
    g_autofree char *source = counted != NULL ? tissage_counted_value_describe (counted)
                                              : g_strdup (_("no value for this period"));

    g_string_append (detail, " · ");
    g_string_append (detail, source);
  }
  caption = dim_label (detail->str, "caption");
  gtk_widget_add_css_class (caption, "synthesis-value-source");
  gtk_grid_attach (GTK_GRID (grid), caption, 0, 2, 1, 1);

  shown = isnan (value) ? g_strdup ("—") : format_value (indicator, value);
  value_label = gtk_label_new (shown);
  gtk_label_set_xalign (GTK_LABEL (value_label), 1);
  gtk_widget_set_valign (value_label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (value_label, "title-3");
  gtk_widget_add_css_class (value_label, "numeric");
  gtk_widget_set_size_request (value_label, 110, -1);
  if (isnan (value))
    gtk_widget_add_css_class (value_label, "dim-label");
  gtk_grid_attach (GTK_GRID (grid), value_label, 1, 0, 1, 3);

  trend = tissage_trend_chart_new ();
  load_series (self, indicator);
  tissage_trend_chart_set_points (TISSAGE_TREND_CHART (trend), series->values, self->periods->len,
                                  MAX (index, 0), baseline, target, direction);
  gtk_widget_set_valign (trend, GTK_ALIGN_CENTER);
  gtk_grid_attach (GTK_GRID (grid), trend, 2, 0, 1, 3);

  /* The trend in words, for the pointer and screen readers. */
  for (guint p = 0; p < self->periods->len; p++)
    {
      double v = series->values[p];
      g_autofree char *text = isnan (v) ? g_strdup ("—") : format_value (indicator, v);

      g_string_append_printf (tooltip, "%s%s : %s", p > 0 ? "\n" : "",
                              tissage_period_get_label (g_ptr_array_index (self->periods, p)), text);
    }
  tissage_widget_set_tooltip_quietly (trend, tooltip->str);
  gtk_accessible_update_property (GTK_ACCESSIBLE (trend), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip->str, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tissage_indicator_get_title (indicator), -1);

  key = g_new (gint64, 1);
  *key = id;
  g_hash_table_insert (self->bars, key, bar);

  return grid;
}

static void
add_indicator_rows (TissageSynthesisPage *self,
                    GtkBox               *box,
                    GPtrArray            *indicators,
                    guint                 from,
                    guint                 to)
{
  for (guint i = from; i < to; i++)
    {
      if (i > 0)
        gtk_box_append (box, gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
      gtk_box_append (box, build_indicator_row (self, g_ptr_array_index (indicators, i)));
    }
}

static void
on_show_all_clicked (GtkButton            *button,
                     TissageSynthesisPage *self)
{
  GtkBox *box = g_object_get_data (G_OBJECT (button), "rows");
  GPtrArray *indicators = g_object_get_data (G_OBJECT (button), "indicators");

  add_indicator_rows (self, box, indicators, INDICATORS_SHOWN, indicators->len);
  gtk_widget_set_visible (GTK_WIDGET (button), FALSE);
}

/* Strongest first: a clear tone, a quote still in its answer, the latest. */
static int
compare_quotes (gconstpointer a,
                gconstpointer b)
{
  const TissageVerbatimInfo *x = *(TissageVerbatimInfo **) a, *y = *(TissageVerbatimInfo **) b;
  int c;

  if ((x->tone == TISSAGE_TONE_NEUTRAL) != (y->tone == TISSAGE_TONE_NEUTRAL))
    return x->tone == TISSAGE_TONE_NEUTRAL ? 1 : -1;
  if (x->lost != y->lost)
    return x->lost ? 1 : -1;
  c = g_strcmp0 (y->date, x->date);
  if (c != 0)
    return c;
  return x->id < y->id ? 1 : x->id > y->id ? -1 : 0;
}

static char *
format_date (const char *iso)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *full = NULL;

  if (iso == NULL || strlen (iso) != 10)
    return g_strdup (iso ? iso : "");
  full = g_strconcat (iso, "T00:00:00Z", NULL);
  date = g_date_time_new_from_iso8601 (full, NULL);
  /* TRANSLATORS: a date as in "14 March 2025", see strftime */
  return date != NULL ? g_date_time_format (date, _("%-d %B %Y")) : g_strdup (iso);
}

static GtkWidget *
build_quote (TissageVerbatimInfo *info)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  g_autofree char *quoted = g_strdup_printf (_("“%s”"), info->quote);
  g_autofree char *date = format_date (info->date);
  g_autofree char *source = NULL;
  g_autofree char *quoted_copy = NULL;
  g_autofree char *source_copy = NULL;
  GtkWidget *label;

  gtk_widget_add_css_class (box, "synthesis-quote");
  gtk_widget_add_css_class (box, info->tone == TISSAGE_TONE_POSITIVE ? "positive"
                                 : info->tone == TISSAGE_TONE_NEGATIVE ? "negative" : "neutral");

  label = gtk_label_new (tissage_label_text (quoted, TISSAGE_LABEL_MAX_CHARS, &quoted_copy));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "quote-text");
  gtk_box_append (GTK_BOX (box), label);

  /* TRANSLATORS: who said a quote, when, and its tone */
  source = g_strdup_printf (_("%s, %s · %s"), info->interviewee, date, tissage_tone_to_label (info->tone));
  gtk_box_append (GTK_BOX (box), dim_label (tissage_label_text (source, TISSAGE_LABEL_MAX_CHARS, &source_copy),
                                            "caption"));

  return box;
}

static GtkWidget *
build_quotes (TissageSynthesisPage *self,
              TissageEffect        *effect,
              guint                *n_quotes)
{
  TissageVerbatimQuery query = TISSAGE_VERBATIM_QUERY_INIT;
  g_autoptr(GPtrArray) quotes = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  int index = current_period_index (self);
  GtkWidget *box;

  /* The quotes of the period shown, as the key figures count them. */
  if (index >= 0)
    g_object_get (g_ptr_array_index (self->periods, index), "start-date", &from, "end-date", &to, NULL);
  query.effect_id = tissage_record_id (effect);
  query.structure_id = self->structure_id;
  query.pseudonymise = TRUE;
  query.from = from;
  query.to = to;
  quotes = tissage_document_list_verbatims (self->document, &query);
  *n_quotes = quotes->len;
  if (quotes->len == 0)
    return NULL;

  g_ptr_array_sort (quotes, compare_quotes);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_add_css_class (box, "synthesis-quotes");
  for (guint i = 0; i < MIN (quotes->len, QUOTES_SHOWN); i++)
    gtk_box_append (GTK_BOX (box), build_quote (g_ptr_array_index (quotes, i)));

  return box;
}

static GtkWidget *
build_effect_card (TissageSynthesisPage *self,
                   TissageEffect        *effect)
{
  gint64 id = tissage_record_id (effect);
  GPtrArray *indicators = g_hash_table_lookup (self->indicators, &id);
  GtkWidget *card, *header, *title, *rows, *quotes;
  guint n_quotes = 0;

  quotes = build_quotes (self, effect, &n_quotes);
  if (quotes == NULL && indicators == NULL)
    return NULL;

  card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "synthesis-effect");

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (header, "synthesis-effect-header");
  title = gtk_label_new (NULL);
  tissage_label_set_name (GTK_LABEL (title), tissage_effect_get_title (effect));
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (header), title);
  if (n_quotes > 0)
    {
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u quote", "%u quotes", n_quotes),
                                                n_quotes);
      GtkWidget *badge = dim_label (count, "caption");

      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (header), badge);
    }
  gtk_box_append (GTK_BOX (card), header);

  if (indicators != NULL)
    {
      rows = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      gtk_widget_add_css_class (rows, "synthesis-indicators");
      add_indicator_rows (self, GTK_BOX (rows), indicators, 0, MIN (indicators->len, INDICATORS_SHOWN));
      gtk_box_append (GTK_BOX (card), rows);

      if (indicators->len > INDICATORS_SHOWN)
        {
          g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show All %u Indicators",
                                                                 "Show All %u Indicators", indicators->len),
                                                    indicators->len);
          GtkWidget *button = gtk_button_new_with_label (label);

          gtk_widget_add_css_class (button, "flat");
          gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
          gtk_widget_set_margin_bottom (button, 6);
          g_object_set_data (G_OBJECT (button), "rows", rows);
          g_object_set_data_full (G_OBJECT (button), "indicators", g_ptr_array_ref (indicators),
                                  (GDestroyNotify) g_ptr_array_unref);
          g_signal_connect (button, "clicked", G_CALLBACK (on_show_all_clicked), self);
          gtk_box_append (GTK_BOX (card), button);
        }
    }

  if (quotes != NULL)
    {
      if (indicators != NULL)
        gtk_box_append (GTK_BOX (card), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
      gtk_box_append (GTK_BOX (card), quotes);
    }

  return card;
}

static void
update_more_button (TissageSynthesisPage *self)
{
  guint left = self->effects->len - MIN (MAX (self->n_effects_shown, self->n_effects_wanted), self->effects->len);
  g_autofree char *label = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->more_button), left > 0);
  if (left == 0)
    return;
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show %u More Effect", "Show %u More Effects",
                                        MIN (left, EFFECTS_PER_PAGE)), MIN (left, EFFECTS_PER_PAGE));
  gtk_button_set_label (self->more_button, label);
}

static void
add_effects (TissageSynthesisPage *self,
             guint                 count)
{
  guint end = MIN (self->effects->len, self->n_effects_shown + count);
  gint64 last_stake = -1;

  if (self->n_effects_shown > 0)
    {
      TissageEffect *previous = g_ptr_array_index (self->effects, self->n_effects_shown - 1);
      TissageEvalQuestion *question = tissage_document_lookup (self->document, TISSAGE_TYPE_EVAL_QUESTION,
                                                               tissage_effect_get_question_id (previous));
      last_stake = question != NULL ? tissage_eval_question_get_stake_id (question) : 0;
    }

  for (guint i = self->n_effects_shown; i < end; i++)
    {
      TissageEffect *effect = g_ptr_array_index (self->effects, i);
      TissageEvalQuestion *question = tissage_document_lookup (self->document, TISSAGE_TYPE_EVAL_QUESTION,
                                                               tissage_effect_get_question_id (effect));
      gint64 stake_id = question != NULL ? tissage_eval_question_get_stake_id (question) : 0;
      GtkWidget *card = build_effect_card (self, effect);

      if (card == NULL)
        continue;

      /* A heading for each stake, above its effects. */
      if (stake_id != last_stake)
        {
          TissageStake *stake = tissage_document_lookup (self->document, TISSAGE_TYPE_STAKE, stake_id);
          GtkWidget *heading = gtk_label_new (NULL);

          tissage_label_set_name (GTK_LABEL (heading), stake != NULL ? tissage_stake_get_title (stake) : _("Other effects"));

          gtk_label_set_xalign (GTK_LABEL (heading), 0);
          gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
          gtk_label_set_wrap_mode (GTK_LABEL (heading), PANGO_WRAP_WORD_CHAR);
          gtk_widget_add_css_class (heading, "title-3");
          gtk_widget_add_css_class (heading, "synthesis-stake");
          gtk_box_append (self->sections, heading);
          last_stake = stake_id;
        }
      gtk_box_append (self->sections, card);
    }

  self->n_effects_shown = end;
  self->n_effects_wanted = MAX (self->n_effects_wanted, end);
  update_more_button (self);
}

/* The cards a screen shows are built before its first frame, the others
 * after it, one at a time between events. */
#define CARDS_FIRST 2

static void
stop_cards (TissageSynthesisPage *self)
{
  if (self->cards_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->cards_tick_id);
  self->cards_tick_id = 0;
  g_clear_handle_id (&self->cards_idle_id, g_source_remove);
}

/* Every card wanted, now: before anything reads what the page shows. */
static void
finish_cards (TissageSynthesisPage *self)
{
  stop_cards (self);
  if (self->n_effects_shown < self->n_effects_wanted)
    add_effects (self, self->n_effects_wanted - self->n_effects_shown);
}

static gboolean
more_cards (gpointer user_data)
{
  TissageSynthesisPage *self = user_data;

  if (self->n_effects_shown < MIN (self->n_effects_wanted, self->effects->len))
    add_effects (self, 1);
  if (self->n_effects_shown < MIN (self->n_effects_wanted, self->effects->len))
    return G_SOURCE_CONTINUE;

  self->cards_idle_id = 0;
  return G_SOURCE_REMOVE;
}

static gboolean
cards_tick (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       user_data)
{
  TissageSynthesisPage *self = TISSAGE_SYNTHESIS_PAGE (widget);

  self->cards_tick_id = 0;
  if (self->cards_idle_id == 0)
    self->cards_idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, more_cards, self, NULL);
  return G_SOURCE_REMOVE;
}

static void
add_effects_soon (TissageSynthesisPage *self,
                  guint                 count)
{
  stop_cards (self);
  self->n_effects_wanted = self->n_effects_shown + count;
  add_effects (self, MIN (count, CARDS_FIRST));
  if (self->n_effects_shown < MIN (self->n_effects_wanted, self->effects->len))
    self->cards_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), cards_tick, NULL, NULL);
  update_more_button (self);
}

static void
clear_sections (TissageSynthesisPage *self)
{
  GtkWidget *child;

  stop_cards (self);
  g_hash_table_remove_all (self->bars);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sections))) != NULL)
    gtk_box_remove (self->sections, child);
}

static void
refresh (TissageSynthesisPage *self)
{
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->dirty = FALSE;
  clear_sections (self);

  if (self->document == NULL)
    return;

  load_filters (self);
  rebuild (self, TRUE);
}

/* A half-year beside years, against annual targets: said before the bars. */
static void
add_period_notice (TissageSynthesisPage *self)
{
  int index = current_period_index (self);
  TissagePeriod *period;
  guint months, other;
  g_autofree char *text = NULL;
  GtkWidget *label;

  if (index < 0)
    return;
  period = g_ptr_array_index (self->periods, index);
  other = tissage_document_get_other_period_months (self->document, period);
  if (other == 0)
    return;
  months = tissage_period_get_months (period);

  /* TRANSLATORS: "“1er semestre 2026” lasts 6 months, other periods 12: …" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "“%s” lasts %u month, other periods %u: its values compare with the targets and with the other periods only with care.",
                                       "“%s” lasts %u months, other periods %u: its values compare with the targets and with the other periods only with care.",
                                       months),
                          tissage_period_get_label (period), months, other);
  label = dim_label (text, NULL);
  gtk_widget_add_css_class (label, "synthesis-period-notice");
  gtk_box_append (self->sections, label);
}

/* What the filters show, without touching the filters themselves. */
static void
rebuild (TissageSynthesisPage *self,
         gboolean              reload)
{
  guint shown = MAX (MAX (self->n_effects_shown, self->n_effects_wanted), EFFECTS_PER_PAGE);

  clear_sections (self);

  if (self->periods->len == 0 ||
      g_list_model_get_n_items (tissage_document_get_records (self->document, TISSAGE_TYPE_INDICATOR)) == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "dashboard");

  if (reload)
    load_data (self);
  if (!self->period_chosen || period_index (self, self->period_id) < 0)
    {
      self->period_id = latest_period_with_values (self);
      self->updating = TRUE;
      gtk_drop_down_set_selected (self->period_dropdown, MAX (current_period_index (self), 0));
      self->updating = FALSE;
    }

  update_figures (self);
  add_period_notice (self);
  self->n_effects_shown = 0;
  self->n_effects_wanted = 0;
  add_effects_soon (self, shown);
}

static gboolean
refresh_idle (gpointer user_data)
{
  TissageSynthesisPage *self = user_data;

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

/* Changes arrive row by row (a big undo sends thousands): the page is
 * rebuilt once, when idle, and only while it is on screen. */
static void
queue_refresh (TissageSynthesisPage *self)
{
  self->dirty = TRUE;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) || self->refresh_id != 0)
    return;
  self->refresh_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refresh_idle, self, NULL);
}

/* Callbacks */

static void
on_row_changed (TissageSynthesisPage *self,
                const char           *table,
                gint64                id)
{
  queue_refresh (self);
}

static void
on_period_selected (TissageSynthesisPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->period_dropdown);

  if (self->updating || self->periods == NULL || selected >= self->periods->len)
    return;
  self->period_id = tissage_record_id (g_ptr_array_index (self->periods, selected));
  self->period_chosen = TRUE;
  /* The values of every period are at hand already. */
  rebuild (self, FALSE);
}

static void
on_structure_selected (TissageSynthesisPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->structure_dropdown);

  if (self->updating || selected >= self->structures->len)
    return;
  self->structure_id = tissage_record_id (g_ptr_array_index (self->structures, selected));
  rebuild (self, TRUE);
}

static void
show_more_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TissageSynthesisPage *self = TISSAGE_SYNTHESIS_PAGE (widget);

  finish_cards (self);
  add_effects (self, EFFECTS_PER_PAGE);
}

static void
show_framework_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  tissage_widget_activate_window_action (widget, "win.show-section", "s", "referentiel");
}

static void
tissage_synthesis_page_map (GtkWidget *widget)
{
  TissageSynthesisPage *self = TISSAGE_SYNTHESIS_PAGE (widget);

  GTK_WIDGET_CLASS (tissage_synthesis_page_parent_class)->map (widget);

  /* Built before the first frame it appears in. */
  if (self->dirty)
    refresh (self);
}

static void
tissage_synthesis_page_dispose (GObject *object)
{
  TissageSynthesisPage *self = TISSAGE_SYNTHESIS_PAGE (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  stop_cards (self);
  if (self->bars != NULL)
    g_hash_table_remove_all (self->bars);
  gtk_widget_dispose_template (GTK_WIDGET (self), TISSAGE_TYPE_SYNTHESIS_PAGE);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (tissage_synthesis_page_parent_class)->dispose (object);
}

static void
tissage_synthesis_page_finalize (GObject *object)
{
  TissageSynthesisPage *self = TISSAGE_SYNTHESIS_PAGE (object);

  g_clear_pointer (&self->periods, g_ptr_array_unref);
  g_clear_pointer (&self->structures, g_ptr_array_unref);
  g_clear_pointer (&self->effects, g_ptr_array_unref);
  g_clear_pointer (&self->indicators, g_hash_table_unref);
  g_clear_pointer (&self->series, g_hash_table_unref);
  g_clear_pointer (&self->quote_counts, g_hash_table_unref);
  g_clear_pointer (&self->bars, g_hash_table_unref);
  g_clear_pointer (&self->period_loaded, g_free);

  G_OBJECT_CLASS (tissage_synthesis_page_parent_class)->finalize (object);
}

static void
tissage_synthesis_page_class_init (TissageSynthesisPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tissage_synthesis_page_dispose;
  object_class->finalize = tissage_synthesis_page_finalize;
  widget_class->map = tissage_synthesis_page_map;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/tissage-synthesis-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TissageSynthesisPage, stack);
  gtk_widget_class_bind_template_child (widget_class, TissageSynthesisPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, TissageSynthesisPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TissageSynthesisPage, structure_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TissageSynthesisPage, figures);
  gtk_widget_class_bind_template_child (widget_class, TissageSynthesisPage, sections);
  gtk_widget_class_bind_template_child (widget_class, TissageSynthesisPage, more_button);

  gtk_widget_class_install_action (widget_class, "synthesis.show-more", NULL, show_more_activated);
  gtk_widget_class_install_action (widget_class, "synthesis.show-framework", NULL, show_framework_activated);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
add_figure_card (TissageSynthesisPage *self,
                 TissageFigure         figure,
                 const char           *title)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *heading = gtk_label_new (title);
  GtkWidget *value = gtk_label_new ("—");
  GtkWidget *detail = dim_label ("", "caption");

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "synthesis-figure");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (heading), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (heading, "caption-heading");
  gtk_label_set_xalign (GTK_LABEL (value), 0);
  gtk_widget_add_css_class (value, "title-1");
  gtk_widget_add_css_class (value, "numeric");
  gtk_box_append (GTK_BOX (card), heading);
  gtk_box_append (GTK_BOX (card), value);
  gtk_box_append (GTK_BOX (card), detail);
  gtk_flow_box_append (self->figures, card);
  gtk_widget_set_focusable (gtk_widget_get_parent (card), FALSE);

  self->figure_values[figure] = GTK_LABEL (value);
  self->figure_details[figure] = GTK_LABEL (detail);
}

static void
tissage_synthesis_page_init (TissageSynthesisPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->structures = g_ptr_array_new_with_free_func (unref_structure);
  self->effects = g_ptr_array_new_with_free_func (g_object_unref);
  self->indicators = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  self->series = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) series_free);
  self->bars = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  add_figure_card (self, TISSAGE_FIGURE_STAKEHOLDERS, _("Stakeholders"));
  add_figure_card (self, TISSAGE_FIGURE_STRUCTURES, _("Member structures"));
  add_figure_card (self, TISSAGE_FIGURE_INTERVIEWS_DONE, _("Interviews held"));
  add_figure_card (self, TISSAGE_FIGURE_VERBATIMS, _("Verbatims"));
  add_figure_card (self, TISSAGE_FIGURE_INDICATORS_MEASURED, _("Indicators measured"));
  add_figure_card (self, TISSAGE_FIGURE_TARGETS_REACHED, _("Targets reached"));

  tissage_drop_down_set_ellipsized (self->period_dropdown, 16);
  tissage_drop_down_set_ellipsized (self->structure_dropdown, 28);
  g_signal_connect_swapped (self->period_dropdown, "notify::selected", G_CALLBACK (on_period_selected), self);
  g_signal_connect_swapped (self->structure_dropdown, "notify::selected", G_CALLBACK (on_structure_selected), self);
}

void
tissage_synthesis_page_set_document (TissageSynthesisPage *self,
                                     TissageDocument      *document)
{
  g_return_if_fail (TISSAGE_IS_SYNTHESIS_PAGE (self));
  g_return_if_fail (!document || TISSAGE_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);

  self->period_id = 0;
  self->structure_id = 0;
  self->period_chosen = FALSE;
  self->n_effects_shown = 0;
  self->n_effects_wanted = 0;
  clear_sections (self);

  if (document != NULL)
    {
      g_signal_connect_object (document, "row-changed", G_CALLBACK (on_row_changed), self, G_CONNECT_SWAPPED);
      queue_refresh (self);
    }
}

void
tissage_synthesis_page_set_period (TissageSynthesisPage *self,
                                   TissagePeriod        *period)
{
  g_return_if_fail (TISSAGE_IS_SYNTHESIS_PAGE (self));
  g_return_if_fail (TISSAGE_IS_PERIOD (period));

  tissage_synthesis_page_flush (self);
  if (self->periods == NULL)
    return;
  for (guint i = 0; i < self->periods->len; i++)
    if (g_ptr_array_index (self->periods, i) == (gpointer) period)
      gtk_drop_down_set_selected (self->period_dropdown, i);
}

TissagePeriod *
tissage_synthesis_page_get_period (TissageSynthesisPage *self)
{
  g_return_val_if_fail (TISSAGE_IS_SYNTHESIS_PAGE (self), NULL);

  return self->document != NULL && self->period_id != 0
    ? tissage_document_lookup (self->document, TISSAGE_TYPE_PERIOD, self->period_id)
    : NULL;
}

void
tissage_synthesis_page_set_structure (TissageSynthesisPage *self,
                                      TissageStructure     *structure)
{
  g_return_if_fail (TISSAGE_IS_SYNTHESIS_PAGE (self));
  g_return_if_fail (!structure || TISSAGE_IS_STRUCTURE (structure));

  tissage_synthesis_page_flush (self);
  for (guint i = 0; i < self->structures->len; i++)
    if (tissage_record_id (g_ptr_array_index (self->structures, i)) == tissage_record_id (structure))
      gtk_drop_down_set_selected (self->structure_dropdown, i);
}

TissageStructure *
tissage_synthesis_page_get_structure (TissageSynthesisPage *self)
{
  g_return_val_if_fail (TISSAGE_IS_SYNTHESIS_PAGE (self), NULL);

  return self->document != NULL ? current_structure (self) : NULL;
}

double
tissage_synthesis_page_get_figure (TissageSynthesisPage *self,
                                   TissageFigure         figure)
{
  g_return_val_if_fail (TISSAGE_IS_SYNTHESIS_PAGE (self), NAN);
  g_return_val_if_fail (figure < TISSAGE_N_FIGURES, NAN);

  return self->figure_numbers[figure];
}

gboolean
tissage_synthesis_page_get_achieved (TissageSynthesisPage *self,
                                     TissageIndicator     *indicator,
                                     double               *value,
                                     gboolean             *computed)
{
  const TissageCountedValue *counted;
  double achieved;

  g_return_val_if_fail (TISSAGE_IS_SYNTHESIS_PAGE (self), FALSE);
  g_return_val_if_fail (TISSAGE_IS_INDICATOR (indicator), FALSE);

  achieved = cell_value (self, tissage_record_id (indicator), current_period_index (self), &counted);
  if (isnan (achieved))
    return FALSE;

  if (value != NULL)
    *value = achieved;
  if (computed != NULL)
    *computed = counted->source == TISSAGE_VALUE_COMPUTED;
  return TRUE;
}

GtkWidget *
tissage_synthesis_page_get_bar (TissageSynthesisPage *self,
                                TissageIndicator     *indicator)
{
  gint64 id = tissage_record_id (indicator);

  g_return_val_if_fail (TISSAGE_IS_SYNTHESIS_PAGE (self), NULL);

  finish_cards (self);
  return g_hash_table_lookup (self->bars, &id);
}

gboolean
tissage_synthesis_page_get_building (TissageSynthesisPage *self)
{
  g_return_val_if_fail (TISSAGE_IS_SYNTHESIS_PAGE (self), FALSE);

  return self->cards_tick_id != 0 || self->cards_idle_id != 0;
}

void
tissage_synthesis_page_flush (TissageSynthesisPage *self)
{
  g_return_if_fail (TISSAGE_IS_SYNTHESIS_PAGE (self));

  if (self->dirty)
    refresh (self);
  finish_cards (self);
}

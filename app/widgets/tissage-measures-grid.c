/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-referentiel"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tissage-contribution.h"
#include "tissage-figures.h"
#include "tissage-interviews.h"
#include "tissage-measures-grid.h"
#include "tissage-referentiel.h"
#include "tissage-utils.h"
#include "tissage-text.h"
#include "tissage-widget-utils.h"

/*
 * The values of one indicator: a row per member structure and one for the
 * whole collective, a column per period. Every cell saves as it is typed;
 * Enter goes down a column, Tab along a row. Under the grid, the
 * collective's value (computed when the indicator sums or averages the
 * structures) against the target. An indicator informed by interview
 * questions also shows, under each cell, the value computed from the
 * answers: never typed into the cell, it stands in its placeholder when
 * nothing was entered.
 */
struct _TissageMeasuresGrid
{
  GtkWidget         parent_instance;

  GtkWidget        *box;
  GtkGrid          *grid;
  GtkGrid          *row_headers;
  GtkEntry         *period_entry;
  GtkDropDown      *period_kind;
  GtkWidget        *details;       /* comment and source of the focused cell */
  GtkLabel         *details_title;
  GtkEntry         *comment_entry;
  GtkEntry         *source_entry;
  GtkEntry         *focused_cell;

  TissageDocument  *document;
  TissageIndicator *indicator;
  GPtrArray        *cells;       /* GtkEntry with "period" and "structure" data */
  GPtrArray        *progress;    /* GtkProgressBar, one per period */
  GPtrArray        *targets;     /* GtkEntry of each period's own target */
  GHashTable       *computed;    /* "period:structure" → TissageComputedValue */
  guint             compute_id;
  guint             refresh_id;
  gboolean          updating;
  /* The period whose popover is being edited: its changes do not rebuild
   * the grid, which would close the popover under the user's fingers. */
  TissagePeriod    *editing_period;
  GtkMenuButton    *editing_button;
};

G_DEFINE_FINAL_TYPE (TissageMeasuresGrid, tissage_measures_grid, GTK_TYPE_WIDGET)

static void rebuild (TissageMeasuresGrid *self);

static char *
format_number (double value)
{
  g_autofree char *text = g_strdup_printf ("%.10g", value);
  char *dot = strchr (text, '.');

  if (dot != NULL)
    *dot = ',';
  return g_steal_pointer (&text);
}

static char *
cell_text (TissageMeasuresGrid *self,
           TissagePeriod       *period,
           TissageStructure    *structure)
{
  g_autoptr(TissageMeasurement) measure = tissage_document_get_measure (self->document, self->indicator,
                                                                         period, structure);

  if (measure == NULL)
    return g_strdup ("");
  if (tissage_indicator_get_nature (self->indicator) == TISSAGE_NATURE_QUALITATIVE)
    return g_strdup (tissage_measurement_get_text_value (measure));
  if (isnan (tissage_measurement_get_value (measure)))
    return g_strdup ("");
  return format_number (tissage_measurement_get_value (measure));
}

static char *
computed_key (TissagePeriod    *period,
              TissageStructure *structure)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                          tissage_record_get_id (TISSAGE_RECORD (period)),
                          structure ? tissage_record_get_id (TISSAGE_RECORD (structure)) : 0);
}

/* The values computed from the interviews, indexed by cell. */
static void
compute_values (TissageMeasuresGrid *self)
{
  g_autoptr(GPtrArray) values = NULL;
  g_autoptr(GError) error = NULL;

  g_hash_table_remove_all (self->computed);
  if (self->document == NULL || self->indicator == NULL)
    return;

  values = tissage_document_compute_values_of_indicator (self->document,
                                                         tissage_record_get_id (TISSAGE_RECORD (self->indicator)),
                                                         &error);
  if (values == NULL)
    {
      tissage_widget_report_error (GTK_WIDGET (self), error);
      return;
    }

  g_ptr_array_set_free_func (values, NULL);
  for (guint i = 0; i < values->len; i++)
    {
      TissageComputedValue *value = g_ptr_array_index (values, i);

      g_hash_table_insert (self->computed,
                           g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                                            value->period_id, value->structure_id),
                           value);
    }
}

/* "73 %" for a share, "3,8" for a mean. */
static char *
format_computed (const TissageComputedValue *value)
{
  if (value->kind == TISSAGE_COMPUTED_SHARE)
    /* TRANSLATORS: a share computed from interviews, in % */
    return g_strdup_printf (_("%.0f %%"), value->value);
  return format_number (round (value->value * 10) / 10);
}

/* The caption under a cell: what the interviews give, and from how many. */
static void
show_computed (TissageMeasuresGrid *self,
               GtkEntry            *entry)
{
  GtkWidget *caption = g_object_get_data (G_OBJECT (entry), "computed-caption");
  GtkLabel *label = g_object_get_data (G_OBJECT (entry), "computed-label");
  g_autofree char *key = computed_key (g_object_get_data (G_OBJECT (entry), "period"),
                                       g_object_get_data (G_OBJECT (entry), "structure"));
  TissageComputedValue *value = g_hash_table_lookup (self->computed, key);
  g_autofree char *number = NULL;
  g_autofree char *interviews = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GString) tooltip = NULL;

  gtk_widget_set_visible (caption, value != NULL);
  if (value == NULL)
    {
      gtk_entry_set_placeholder_text (entry, NULL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }

  number = format_computed (value);
  interviews = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u interview", "%u interviews", value->n_interviews),
                                value->n_interviews);
  /* Nothing entered: the computed value stands in the cell, dimmed. */
  if (*gtk_editable_get_text (GTK_EDITABLE (entry)) == '\0')
    {
      gtk_entry_set_placeholder_text (entry, number);
      /* TRANSLATORS: under a value computed from interviews: "computed · 14 interviews" */
      text = g_strdup_printf (_("computed · %s"), interviews);
    }
  else
    {
      gtk_entry_set_placeholder_text (entry, NULL);
      /* TRANSLATORS: under a value typed by hand, the one computed from interviews */
      text = g_strdup_printf (_("computed: %s · %s"), number, interviews);
    }
  gtk_label_set_text (label, text);

  tooltip = g_string_new (NULL);
  g_string_append_printf (tooltip,
                          value->kind == TISSAGE_COMPUTED_SHARE
                          ? g_dngettext (GETTEXT_PACKAGE, "%s of %u answer, computed from the interviews",
                                         "%s of %u answers, computed from the interviews", value->n_answers)
                          : g_dngettext (GETTEXT_PACKAGE, "Mean of %2$u answer: %1$s, computed from the interviews",
                                         "Mean of %2$u answers: %1$s, computed from the interviews", value->n_answers),
                          number, value->n_answers);
  if (value->distribution != NULL)
    g_string_append_printf (tooltip, "\n%s", value->distribution);
  gtk_widget_set_tooltip_text (caption, tooltip->str);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip->str, -1);
}

/* The collective's value that counts, its rate of achievement as the
 * core gives it (from the baseline where there is one short of the
 * target), said in words, and where the value comes from. */
static void
update_progress (TissageMeasuresGrid *self)
{
  double baseline = NAN;

  if (self->indicator != NULL)
    g_object_get (self->indicator, "baseline", &baseline, NULL);

  for (guint i = 0; i < self->progress->len; i++)
    {
      GtkProgressBar *bar = g_ptr_array_index (self->progress, i);
      GtkLabel *source = g_object_get_data (G_OBJECT (bar), "source");
      GtkLabel *rate = g_object_get_data (G_OBJECT (bar), "rate");
      TissagePeriod *period = g_object_get_data (G_OBJECT (bar), "period");
      g_autofree char *text = NULL;
      g_autofree char *number = NULL;
      g_autofree char *described = NULL;
      g_autofree char *rate_text = NULL;
      g_autofree char *percent = NULL;
      TissageCountedValue counted;
      double target = tissage_document_get_target_for_period (self->document, self->indicator, period);
      TissageAchievement achievement;

      if (!tissage_document_get_counted_value (self->document, self->indicator, period, NULL, &counted))
        {
          gtk_progress_bar_set_fraction (bar, 0.0);
          gtk_progress_bar_set_text (bar, "—");
          gtk_label_set_text (source, "");
          gtk_widget_set_visible (GTK_WIDGET (rate), FALSE);
          gtk_accessible_reset_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
          continue;
        }

      number = format_number (round (counted.value * 10) / 10);
      achievement = tissage_indicator_achievement (counted.value, baseline, target,
                                                   tissage_indicator_get_direction (self->indicator));
      rate_text = tissage_achievement_describe (&achievement);
      if (!isnan (achievement.rate))
        {
          gtk_progress_bar_set_fraction (bar, MIN (achievement.rate, 1.0));
          percent = tissage_format_number (round (100 * achievement.rate), "%");
          /* TRANSLATORS: a value and its rate of achievement: "29 (63 %)" */
          text = g_strdup_printf (_("%s (%s)"), number, percent);
        }
      else
        {
          gtk_progress_bar_set_fraction (bar, 0.0);
          text = g_steal_pointer (&number);
        }
      gtk_progress_bar_set_text (bar, text);
      gtk_label_set_text (rate, rate_text);
      gtk_widget_set_visible (GTK_WIDGET (rate), rate_text != NULL);

      described = tissage_counted_value_describe (&counted);
      gtk_label_set_text (source, described);
      {
        g_autofree char *both = rate_text != NULL ? g_strdup_printf ("%s · %s", rate_text, described) : NULL;

        gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                        both != NULL ? both : described, -1);
      }
    }
}

static void
refresh_cells (TissageMeasuresGrid *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  self->updating = TRUE;
  for (guint i = 0; i < self->cells->len; i++)
    {
      GtkEntry *entry = g_ptr_array_index (self->cells, i);
      g_autofree char *text = NULL;

      /* What is being typed stays as typed. */
      if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (entry)))
        continue;

      text = cell_text (self, g_object_get_data (G_OBJECT (entry), "period"),
                        g_object_get_data (G_OBJECT (entry), "structure"));
      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), text) != 0)
        gtk_editable_set_text (GTK_EDITABLE (entry), text);
      g_object_set_data (G_OBJECT (entry), "pending", NULL);
      tissage_field_clear_invalid (GTK_WIDGET (entry));
      show_computed (self, entry);
    }
  for (guint i = 0; i < self->targets->len; i++)
    {
      GtkEntry *entry = g_ptr_array_index (self->targets, i);
      TissagePeriod *period = g_object_get_data (G_OBJECT (entry), "period");
      double own = tissage_document_get_period_target (self->document, self->indicator, period);
      g_autofree char *text = isnan (own) ? g_strdup ("") : format_number (own);

      if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (entry)))
        continue;
      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), text) != 0)
        gtk_editable_set_text (GTK_EDITABLE (entry), text);
      tissage_field_clear_invalid (GTK_WIDGET (entry));
    }
  self->updating = FALSE;

  update_progress (self);
}

/* A period's own target is saved as it is typed, once it is a number;
 * emptied, the indicator's target counts again when the field is left. */
static void
on_target_changed (GtkEntry            *entry,
                   TissageMeasuresGrid *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  double number;

  if (self->updating || self->indicator == NULL)
    return;

  if (*text == '\0')
    {
      tissage_field_clear_invalid (GTK_WIDGET (entry));
      return;
    }
  if (!tissage_parse_number (text, &number))
    {
      tissage_field_show_invalid (GTK_WIDGET (entry),
                                  _("Not a number: write it in figures, for example 1 200 or 12,5."), FALSE);
      return;
    }
  if (!tissage_document_set_period_target (self->document, self->indicator,
                                           g_object_get_data (G_OBJECT (entry), "period"), text, &error))
    {
      tissage_widget_report_error (GTK_WIDGET (self), error);
      return;
    }
  tissage_field_clear_invalid (GTK_WIDGET (entry));
}

static void
on_target_left (GtkWidget *entry,
                gpointer   user_data)
{
  TissageMeasuresGrid *self = user_data;
  TissagePeriod *period = g_object_get_data (G_OBJECT (entry), "period");
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;
  double own, number;

  if (self->updating || self->indicator == NULL || self->document == NULL)
    return;

  own = tissage_document_get_period_target (self->document, self->indicator, period);
  if (*text == '\0')
    {
      if (!isnan (own) &&
          !tissage_document_set_period_target (self->document, self->indicator, period, "", &error))
        tissage_widget_report_error (GTK_WIDGET (self), error);
      return;
    }
  if (tissage_parse_number (text, &number))
    return;

  if (!isnan (own))
    {
      g_autofree char *kept = format_number (own);

      message = g_strdup_printf (_("“%s” is not a number: the target %s is kept."), text, kept);
    }
  else
    message = g_strdup_printf (_("“%s” is not a number: nothing was saved."), text);
  tissage_field_show_invalid (entry, message, TRUE);
}

static void
on_cell_changed (GtkEntry            *entry,
                 TissageMeasuresGrid *self)
{
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  double number;

  if (self->updating || self->indicator == NULL)
    return;

  /* A number being typed ("12,") waits until it is one; emptied to be
   * retyped, or given a word, the cell writes nothing over its value. */
  if (tissage_indicator_get_nature (self->indicator) == TISSAGE_NATURE_QUANTITATIVE)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (text));

      g_object_set_data (G_OBJECT (entry), "pending", GINT_TO_POINTER (TRUE));
      if (*stripped == '\0')
        {
          tissage_field_clear_invalid (GTK_WIDGET (entry));
          return;
        }
      if (!tissage_parse_number (stripped, &number))
        {
          tissage_field_show_invalid (GTK_WIDGET (entry),
                                      _("Not a number: write it in figures, for example 1 200 or 12,5."), FALSE);
          return;
        }
      g_object_set_data (G_OBJECT (entry), "pending", NULL);
    }

  if (!tissage_document_set_measure (self->document, self->indicator,
                                     g_object_get_data (G_OBJECT (entry), "period"),
                                     g_object_get_data (G_OBJECT (entry), "structure"),
                                     text, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      tissage_widget_report_error (GTK_WIDGET (self), error);
      return;
    }

  tissage_field_clear_invalid (GTK_WIDGET (entry));
  show_computed (self, entry);
}

/* A cell left empty loses its value; left with a word, it keeps it and
 * says so. */
static void
on_cell_left (GtkWidget *entry,
              gpointer   user_data)
{
  TissageMeasuresGrid *self = user_data;
  TissagePeriod *period = g_object_get_data (G_OBJECT (entry), "period");
  TissageStructure *structure = g_object_get_data (G_OBJECT (entry), "structure");
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  g_autofree char *kept = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;
  double number;

  if (self->updating || self->indicator == NULL || self->document == NULL ||
      !g_object_get_data (G_OBJECT (entry), "pending"))
    return;

  if (*text == '\0')
    {
      g_object_set_data (G_OBJECT (entry), "pending", NULL);
      if (!tissage_document_set_measure (self->document, self->indicator, period, structure, "", &error))
        tissage_widget_report_error (GTK_WIDGET (self), error);
      show_computed (self, GTK_ENTRY (entry));
      return;
    }
  if (tissage_parse_number (text, &number))
    return;

  kept = cell_text (self, period, structure);
  if (*kept != '\0')
    message = g_strdup_printf (_("“%s” is not a number: the value %s is kept."), text, kept);
  else
    message = g_strdup_printf (_("“%s” is not a number: nothing was saved."), text);
  tissage_field_show_invalid (entry, message, TRUE);
}

static void
show_details (TissageMeasuresGrid *self,
              GtkEntry            *cell)
{
  g_autoptr(TissageMeasurement) measure = NULL;
  TissagePeriod *period;
  TissageStructure *structure;
  g_autofree char *of_whom = NULL;
  g_autofree char *title = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *source = NULL;

  self->focused_cell = cell;
  period = g_object_get_data (G_OBJECT (cell), "period");
  structure = g_object_get_data (G_OBJECT (cell), "structure");
  measure = tissage_document_get_measure (self->document, self->indicator, period, structure);

  of_whom = tissage_text_of_name (structure ? tissage_structure_get_name (structure) : _("the whole collective"));
  /* TRANSLATORS: the first %s is "of" and a structure, as "of %s" is
   * translated; the second a period */
  title = g_strdup_printf (_("Value %s, %s"), of_whom, tissage_period_get_label (period));
  gtk_label_set_text (self->details_title, title);

  if (measure != NULL)
    g_object_get (measure, "comment", &comment, "source", &source, NULL);

  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->comment_entry), comment ? comment : "");
  gtk_editable_set_text (GTK_EDITABLE (self->source_entry), source ? source : "");
  self->updating = FALSE;

  /* A comment belongs to a value: there must be one first. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->comment_entry), measure != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->source_entry), measure != NULL);
  gtk_widget_set_visible (self->details, TRUE);
}

static void
on_cell_focus (GtkEventControllerFocus *controller,
               TissageMeasuresGrid     *self)
{
  show_details (self, GTK_ENTRY (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller))));
}

static void
on_detail_changed (GtkEntry            *entry,
                   TissageMeasuresGrid *self)
{
  g_autoptr(TissageMeasurement) measure = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GValue) value = G_VALUE_INIT;

  if (self->updating || self->focused_cell == NULL || self->indicator == NULL)
    return;

  measure = tissage_document_get_measure (self->document, self->indicator,
                                          g_object_get_data (G_OBJECT (self->focused_cell), "period"),
                                          g_object_get_data (G_OBJECT (self->focused_cell), "structure"));
  if (measure == NULL)
    return;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, gtk_editable_get_text (GTK_EDITABLE (entry)));
  if (!tissage_document_set_value (self->document, measure,
                                   entry == self->comment_entry ? "comment" : "source", &value, &error))
    tissage_widget_report_error (GTK_WIDGET (self), error);
}

static void
on_cell_activate (GtkEntry            *entry,
                  TissageMeasuresGrid *self)
{
  guint index;

  /* Enter goes to the cell below, as in a spreadsheet. */
  if (g_ptr_array_find (self->cells, entry, &index))
    {
      TissagePeriod *period = g_object_get_data (G_OBJECT (entry), "period");

      for (guint i = index + 1; i < self->cells->len; i++)
        if (g_object_get_data (G_OBJECT (g_ptr_array_index (self->cells, i)), "period") == period)
          {
            gtk_widget_grab_focus (g_ptr_array_index (self->cells, i));
            return;
          }
    }
}

static void
on_add_period (TissageMeasuresGrid *self)
{
  g_autofree char *label = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->period_entry))));
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autoptr(TissagePeriod) period = NULL;
  g_autoptr(GError) error = NULL;

  if (*label == '\0' || self->document == NULL)
    return;

  /* A year named by its number gets its dates, so interviews count in it. */
  if (gtk_drop_down_get_selected (self->period_kind) == 0 && strlen (label) == 4 &&
      g_ascii_isdigit (label[0]) && g_ascii_isdigit (label[1]) &&
      g_ascii_isdigit (label[2]) && g_ascii_isdigit (label[3]))
    {
      start = g_strdup_printf ("%s-01-01", label);
      end = g_strdup_printf ("%s-12-31", label);
    }

  period = tissage_document_insert (self->document, TISSAGE_TYPE_PERIOD, &error,
                                    "label", label,
                                    "kind", (int) gtk_drop_down_get_selected (self->period_kind),
                                    "start-date", start ? start : "",
                                    "end-date", end ? end : "",
                                    "position", (int) g_list_model_get_n_items (tissage_document_get_records (self->document, TISSAGE_TYPE_PERIOD)),
                                    NULL);
  if (period == NULL)
    {
      tissage_widget_report_error (GTK_WIDGET (self), error);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->period_entry), "");
}

/* A period's header opens its editor: name, dates, deletion. */

static void
save_period (TissageMeasuresGrid *self,
             GtkEntry            *entry,
             const char          *property,
             const char          *value)
{
  TissagePeriod *period = g_object_get_data (G_OBJECT (entry), "period");
  g_autoptr(GError) error = NULL;

  if (self->updating || period == NULL || self->document == NULL)
    return;

  if (!tissage_document_set (self->document, period, &error, property, value, NULL))
    {
      tissage_field_show_invalid (GTK_WIDGET (entry), error->message, TRUE);
      return;
    }
  tissage_field_clear_invalid (GTK_WIDGET (entry));
}

static void
on_period_label_changed (GtkEntry            *entry,
                         TissageMeasuresGrid *self)
{
  save_period (self, entry, "label", gtk_editable_get_text (GTK_EDITABLE (entry)));
}

/* A period's date is read when its field is left: "01/01/2" is not yet
 * a date, and no longer 2002. */
static void
on_period_date_left (GtkWidget *field,
                     gpointer   user_data)
{
  TissageMeasuresGrid *self = user_data;
  TissagePeriod *period = g_object_get_data (G_OBJECT (field), "period");
  const char *property = g_object_get_data (G_OBJECT (field), "property");
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (field))));
  g_autofree char *iso = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *message = NULL;
  TissageDatePrecision precision = TISSAGE_DATE_NONE;

  if (self->updating || period == NULL)
    return;

  if (*text != '\0')
    precision = tissage_read_date (text, &iso);
  if (*text == '\0' || precision == TISSAGE_DATE_DAY)
    {
      g_autofree char *shown = tissage_format_date (iso);

      save_period (self, GTK_ENTRY (field), property, iso ? iso : "");
      if (!gtk_widget_has_css_class (field, "error"))
        {
          gtk_editable_set_text (GTK_EDITABLE (field), shown);
          gtk_editable_set_position (GTK_EDITABLE (field), -1);
        }
      return;
    }

  g_object_get (period, property, &stored, NULL);
  kept = tissage_format_date (stored);
  if (precision == TISSAGE_DATE_MONTH)
    message = g_strdup_printf (_("“%s” is a month: give the day too, for example 31/12/2025."), text);
  else if (*kept != '\0')
    message = g_strdup_printf (_("“%s” is not a date: write it as 31/12/2025 or 31 December 2025. The date %s is kept."),
                               text, kept);
  else
    message = g_strdup_printf (_("“%s” is not a date: write it as 31/12/2025 or 31 December 2025. Nothing was saved."),
                               text);
  tissage_field_show_invalid (field, message, TRUE);
}

static void
on_delete_period_response (AdwMessageDialog    *dialog,
                           const char          *response,
                           TissageMeasuresGrid *self)
{
  TissagePeriod *period = g_object_get_data (G_OBJECT (dialog), "period");
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "delete") || self->document == NULL)
    return;

  if (!tissage_document_delete (self->document, period, &error))
    {
      tissage_widget_report_error (GTK_WIDGET (self), error);
      return;
    }
  tissage_widget_add_undo_toast (GTK_WIDGET (self), _("Period deleted"));
}

static void
on_delete_period (GtkButton           *button,
                  TissageMeasuresGrid *self)
{
  TissagePeriod *period = g_object_get_data (G_OBJECT (button), "period");
  GtkWidget *dialog;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  guint n_values = tissage_document_count_period_values (self->document, period);

  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER)));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Delete This Period?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "“%s” and the %u value entered for it, for every indicator, will be deleted.",
                                               "“%s” and the %u values entered for it, for every indicator, will be deleted.",
                                               n_values),
                                  tissage_period_get_label (period), n_values);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "period", g_object_ref (period), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_period_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkEntry *
period_field (GtkGrid    *grid,
              int         row,
              const char *label_text,
              const char *text)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (label_text);
  GtkWidget *entry = gtk_entry_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_grid_attach (grid, label, 0, row, 1, 1);
  gtk_grid_attach (grid, entry, 1, row, 1, 1);
  return GTK_ENTRY (entry);
}

static void
on_period_popover_shown (GtkPopover          *popover,
                         TissageMeasuresGrid *self)
{
  GtkMenuButton *button = GTK_MENU_BUTTON (gtk_widget_get_parent (GTK_WIDGET (popover)));

  g_set_object (&self->editing_period, g_object_get_data (G_OBJECT (button), "period"));
  self->editing_button = button;
}

static void
on_period_popover_closed (GtkPopover          *popover,
                          TissageMeasuresGrid *self)
{
  /* A date typed and the popover closed at once is read all the same. */
  on_period_date_left (g_object_get_data (G_OBJECT (popover), "start-entry"), self);
  on_period_date_left (g_object_get_data (G_OBJECT (popover), "end-entry"), self);
  g_clear_object (&self->editing_period);
  self->editing_button = NULL;
  /* What was edited shows everywhere once the editor closes. */
  rebuild (self);
}

static GtkWidget *
period_header (TissageMeasuresGrid *self,
               TissagePeriod       *period)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *delete_button = gtk_button_new_with_mnemonic (_("_Delete the Period"));
  GtkWidget *title = gtk_label_new (_("Period"));
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *start_shown = NULL;
  g_autofree char *end_shown = NULL;
  GtkEntry *entry;

  g_object_get (period, "start-date", &start, "end-date", &end, NULL);
  start_shown = tissage_format_date (start);
  end_shown = tissage_format_date (end);

  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), tissage_period_get_label (period));
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "caption-heading");
  gtk_widget_set_tooltip_text (button, _("Rename the period, set its dates or delete it"));
  g_object_set_data_full (G_OBJECT (button), "period", g_object_ref (period), g_object_unref);

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_grid_attach (GTK_GRID (grid), title, 0, 0, 2, 1);

  entry = period_field (GTK_GRID (grid), 1, _("_Name"), tissage_period_get_label (period));
  g_object_set_data_full (G_OBJECT (entry), "period", g_object_ref (period), g_object_unref);
  g_signal_connect (entry, "changed", G_CALLBACK (on_period_label_changed), self);
  entry = period_field (GTK_GRID (grid), 2, _("_Start"), start_shown);
  gtk_entry_set_placeholder_text (entry, _("dd/mm/yyyy"));
  g_object_set_data (G_OBJECT (entry), "property", (gpointer) "start-date");
  g_object_set_data_full (G_OBJECT (entry), "period", g_object_ref (period), g_object_unref);
  tissage_field_on_leave (GTK_WIDGET (entry), on_period_date_left, self);
  g_object_set_data (G_OBJECT (popover), "start-entry", entry);
  entry = period_field (GTK_GRID (grid), 3, _("_End"), end_shown);
  gtk_entry_set_placeholder_text (entry, _("dd/mm/yyyy"));
  g_object_set_data (G_OBJECT (entry), "property", (gpointer) "end-date");
  g_object_set_data_full (G_OBJECT (entry), "period", g_object_ref (period), g_object_unref);
  tissage_field_on_leave (GTK_WIDGET (entry), on_period_date_left, self);
  g_object_set_data (G_OBJECT (popover), "end-entry", entry);

  {
    GtkWidget *hint = gtk_label_new (_("Interviews dated within the period count in its values."));

    gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
    gtk_label_set_max_width_chars (GTK_LABEL (hint), 30);
    gtk_label_set_xalign (GTK_LABEL (hint), 0);
    gtk_widget_add_css_class (hint, "dim-label");
    gtk_widget_add_css_class (hint, "caption");
    gtk_grid_attach (GTK_GRID (grid), hint, 0, 4, 2, 1);
  }

  gtk_widget_add_css_class (delete_button, "destructive-action");
  gtk_widget_set_margin_top (delete_button, 6);
  g_object_set_data_full (G_OBJECT (delete_button), "period", g_object_ref (period), g_object_unref);
  g_signal_connect (delete_button, "clicked", G_CALLBACK (on_delete_period), self);
  gtk_grid_attach (GTK_GRID (grid), delete_button, 0, 5, 2, 1);
  gtk_widget_set_sensitive (delete_button, tissage_widget_can_edit (self->document, "periods"));

  gtk_widget_set_sensitive (grid, tissage_widget_can_edit (self->document, "periods"));
  gtk_popover_set_child (GTK_POPOVER (popover), grid);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  g_signal_connect (popover, "show", G_CALLBACK (on_period_popover_shown), self);
  g_signal_connect (popover, "closed", G_CALLBACK (on_period_popover_closed), self);

  return button;
}

static GtkWidget *
header_label (const char *text,
              gboolean    row_header)
{
  g_autofree char *shown = tissage_text_shorten (text, TISSAGE_NAME_MAX_CHARS);
  GtkWidget *label = gtk_label_new (shown);

  gtk_label_set_xalign (GTK_LABEL (label), row_header ? 0.0 : 0.5);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), row_header ? 24 : 12);
  if (row_header)
    gtk_label_set_width_chars (GTK_LABEL (label), 18);
  gtk_widget_set_tooltip_text (label, shown);
  gtk_widget_add_css_class (label, row_header ? "caption" : "caption-heading");
  return label;
}

/* The row headers stay in place while the periods scroll sideways: they
 * live in a grid of their own beside the scroller, each level with its
 * row through a size group. */
static void
attach_row_header (TissageMeasuresGrid *self,
                   GtkSizeGroup        *line,
                   GtkWidget           *header,
                   guint                row)
{
  /* The box takes the row's height; the header keeps its own place in it. */
  GtkWidget *slot = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (slot), header);
  gtk_size_group_add_widget (line, slot);
  gtk_grid_attach (self->row_headers, slot, 0, row, 1, 1);
}

static void
attach_cell (TissageMeasuresGrid *self,
             GtkSizeGroup        *line,
             GtkWidget           *cell,
             guint                period,
             guint                row)
{
  gtk_size_group_add_widget (line, cell);
  gtk_grid_attach (self->grid, cell, period, row, 1, 1);
}

static void
rebuild (TissageMeasuresGrid *self)
{
  GtkWidget *child;
  GListModel *periods, *structures;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  gint64 scope = 0, contribution;
  guint n_periods;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->row_headers))) != NULL)
    gtk_grid_remove (self->row_headers, child);
  g_ptr_array_set_size (self->cells, 0);
  self->focused_cell = NULL;
  gtk_widget_set_visible (self->details, FALSE);
  g_ptr_array_set_size (self->progress, 0);
  /* In a contribution the periods are the coordination's. */
  gtk_widget_set_sensitive (gtk_widget_get_parent (GTK_WIDGET (self->period_entry)),
                            tissage_widget_can_edit (self->document, "periods"));
  g_ptr_array_set_size (self->targets, 0);

  if (self->document == NULL || self->indicator == NULL)
    return;

  periods = tissage_document_get_records (self->document, TISSAGE_TYPE_PERIOD);
  structures = tissage_document_get_structures (self->document);
  n_periods = g_list_model_get_n_items (periods);
  g_object_get (self->indicator, "scope-structure-id", &scope, NULL);

  /* The collective first, then the structures the indicator covers; in a
   * contribution, its structure's own row alone: the others' values are
   * entered in their copies. */
  contribution = tissage_contribution_get_structure_id (self->document);
  if (contribution == 0)
    g_ptr_array_add (rows, NULL);
  for (guint s = 0; s < g_list_model_get_n_items (structures); s++)
    {
      TissageStructure *structure = g_list_model_get_item (structures, s);

      if ((scope == 0 || tissage_record_get_id (TISSAGE_RECORD (structure)) == scope) &&
          (contribution == 0 || tissage_record_get_id (TISSAGE_RECORD (structure)) == contribution))
        g_ptr_array_add (rows, structure);
      else
        g_object_unref (structure);
    }

  {
    /* The corner above the row headers, as tall as the periods' headers. */
    GtkWidget *corner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
    g_autoptr(GtkSizeGroup) line = gtk_size_group_new (GTK_SIZE_GROUP_VERTICAL);

    attach_row_header (self, line, corner, 0);
    for (guint p = 0; p < n_periods; p++)
      {
        g_autoptr(TissagePeriod) period = g_list_model_get_item (periods, p);

        attach_cell (self, line, period_header (self, period), p, 0);
      }
  }

  for (guint r = 0; r < rows->len; r++)
    {
      TissageStructure *structure = g_ptr_array_index (rows, r);
      g_autoptr(GtkSizeGroup) line = gtk_size_group_new (GTK_SIZE_GROUP_VERTICAL);

      {
        GtkWidget *header = header_label (structure ? tissage_structure_get_name (structure) : _("The whole collective"),
                                          TRUE);

        /* Level with the entry, above the caption of a computed value. */
        gtk_widget_set_valign (header, GTK_ALIGN_START);
        gtk_widget_set_margin_top (header, 9);
        attach_row_header (self, line, header, r + 1);
      }

      for (guint p = 0; p < n_periods; p++)
        {
          g_autoptr(TissagePeriod) period = g_list_model_get_item (periods, p);
          GtkWidget *entry = gtk_entry_new ();
          g_autofree char *name = g_strdup_printf ("%s, %s",
                                                   structure ? tissage_structure_get_name (structure) : _("The whole collective"),
                                                   tissage_period_get_label (period));

          gtk_editable_set_width_chars (GTK_EDITABLE (entry), 6);
          gtk_widget_set_hexpand (entry, TRUE);
          gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
          g_object_set_data_full (G_OBJECT (entry), "period", g_object_ref (period), g_object_unref);
          g_object_set_data_full (G_OBJECT (entry), "structure",
                                  structure ? g_object_ref (structure) : NULL, structure ? g_object_unref : NULL);
          g_signal_connect (entry, "changed", G_CALLBACK (on_cell_changed), self);
          g_signal_connect (entry, "activate", G_CALLBACK (on_cell_activate), self);
          tissage_field_on_leave (entry, on_cell_left, self);
          {
            GtkEventController *focus = gtk_event_controller_focus_new ();

            g_signal_connect (focus, "enter", G_CALLBACK (on_cell_focus), self);
            gtk_widget_add_controller (entry, focus);
          }
          {
            GtkWidget *cell = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
            GtkWidget *caption = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
            GtkWidget *icon = gtk_image_new_from_icon_name ("system-users-symbolic");
            GtkWidget *label = gtk_label_new (NULL);

            gtk_label_set_xalign (GTK_LABEL (label), 0);
            gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
            gtk_widget_add_css_class (caption, "computed-value");
            gtk_widget_add_css_class (caption, "caption");
            gtk_widget_add_css_class (caption, "dim-label");
            gtk_box_append (GTK_BOX (caption), icon);
            gtk_box_append (GTK_BOX (caption), label);
            gtk_widget_set_visible (caption, FALSE);
            g_object_set_data (G_OBJECT (entry), "computed-caption", caption);
            g_object_set_data (G_OBJECT (entry), "computed-label", label);
            gtk_box_append (GTK_BOX (cell), entry);
            gtk_box_append (GTK_BOX (cell), caption);
            attach_cell (self, line, cell, p, r + 1);
          }
          g_ptr_array_add (self->cells, entry);
        }
    }

  if (tissage_indicator_get_nature (self->indicator) == TISSAGE_NATURE_QUANTITATIVE)
    {
      g_autoptr(GtkSizeGroup) line = gtk_size_group_new (GTK_SIZE_GROUP_VERTICAL);
      g_autoptr(GtkSizeGroup) target_line = gtk_size_group_new (GTK_SIZE_GROUP_VERTICAL);

      attach_row_header (self, line, header_label (_("Collective, against the target"), TRUE), rows->len + 1);
      for (guint p = 0; p < n_periods; p++)
        {
          g_autoptr(TissagePeriod) period = g_list_model_get_item (periods, p);
          GtkWidget *cell = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
          GtkWidget *bar = gtk_progress_bar_new ();
          GtkWidget *source = gtk_label_new (NULL);
          GtkWidget *rate = gtk_label_new (NULL);

          gtk_progress_bar_set_show_text (GTK_PROGRESS_BAR (bar), TRUE);
          /* What the percentage is: of the way from the baseline, or of the target. */
          gtk_label_set_xalign (GTK_LABEL (rate), 0);
          gtk_label_set_wrap (GTK_LABEL (rate), TRUE);
          gtk_widget_add_css_class (rate, "caption");
          gtk_widget_set_valign (cell, GTK_ALIGN_CENTER);
          /* Which value counts: typed, the structures' or the interviews'. */
          gtk_label_set_xalign (GTK_LABEL (source), 0);
          gtk_label_set_wrap (GTK_LABEL (source), TRUE);
          gtk_widget_add_css_class (source, "caption");
          gtk_widget_add_css_class (source, "dim-label");
          g_object_set_data_full (G_OBJECT (bar), "period", g_object_ref (period), g_object_unref);
          g_object_set_data (G_OBJECT (bar), "source", source);
          g_object_set_data (G_OBJECT (bar), "rate", rate);
          gtk_box_append (GTK_BOX (cell), bar);
          gtk_box_append (GTK_BOX (cell), rate);
          gtk_box_append (GTK_BOX (cell), source);
          attach_cell (self, line, cell, p, rows->len + 1);
          g_ptr_array_add (self->progress, bar);
        }

      /* A period may have a target of its own: a half-year's is not the
       * year's. Empty, the indicator's target counts, shown in grey. */
      {
        double target = tissage_indicator_get_target (self->indicator);
        g_autofree char *placeholder = isnan (target) ? NULL : format_number (target);
        GtkWidget *header = header_label (_("Target of the period"), TRUE);

        gtk_widget_set_tooltip_text (header, _("Empty, the period is measured against the target of the indicator."));
        attach_row_header (self, target_line, header, rows->len + 2);
        for (guint p = 0; p < n_periods; p++)
          {
            g_autoptr(TissagePeriod) period = g_list_model_get_item (periods, p);
            GtkWidget *entry = gtk_entry_new ();
            g_autofree char *name = g_strdup_printf (_("Target of %s"), tissage_period_get_label (period));

            gtk_editable_set_width_chars (GTK_EDITABLE (entry), 6);
            gtk_widget_set_hexpand (entry, TRUE);
            if (placeholder != NULL)
              gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
            gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
            gtk_editable_set_editable (GTK_EDITABLE (entry), tissage_widget_can_edit (self->document, "period_targets"));
            gtk_widget_set_sensitive (entry, tissage_widget_can_edit (self->document, "period_targets"));
            g_object_set_data_full (G_OBJECT (entry), "period", g_object_ref (period), g_object_unref);
            g_signal_connect (entry, "changed", G_CALLBACK (on_target_changed), self);
            tissage_field_on_leave (entry, on_target_left, self);
            attach_cell (self, target_line, entry, p, rows->len + 2);
            g_ptr_array_add (self->targets, entry);
          }
      }
    }

  for (guint r = 0; r < rows->len; r++)
    if (g_ptr_array_index (rows, r) != NULL)
      g_object_unref (g_ptr_array_index (rows, r));

  compute_values (self);
  refresh_cells (self);
}

/* Many answers changed at once (an undo, an import) recompute once. */
static gboolean
recompute_idle (gpointer data)
{
  TissageMeasuresGrid *self = data;

  self->compute_id = 0;
  compute_values (self);
  for (guint i = 0; i < self->cells->len; i++)
    show_computed (self, g_ptr_array_index (self->cells, i));
  return G_SOURCE_REMOVE;
}

static gboolean
refresh_idle (gpointer data)
{
  TissageMeasuresGrid *self = data;

  self->refresh_id = 0;
  refresh_cells (self);
  if (self->focused_cell != NULL)
    show_details (self, self->focused_cell);
  return G_SOURCE_REMOVE;
}

static void
on_row_changed (TissageMeasuresGrid *self,
                const char          *table,
                gint64               id)
{
  static const char * const computed_tables[] = {
    "answers", "interviews", "question_indicators", "grid_questions", NULL
  };

  if (self->indicator == NULL)
    return;

  if (g_str_equal (table, "periods") && self->editing_period != NULL &&
      id == tissage_record_get_id (TISSAGE_RECORD (self->editing_period)))
    {
      /* Being typed in its popover: only its header follows. */
      if (tissage_record_get_id (TISSAGE_RECORD (self->editing_period)) == id)
        gtk_menu_button_set_label (self->editing_button, tissage_period_get_label (self->editing_period));
    }
  else if (g_str_equal (table, "periods") || g_str_equal (table, "structures"))
    rebuild (self);
  else if (g_str_equal (table, "measurements") || g_str_equal (table, "period_targets"))
    {
      /* A period deleted takes hundreds of values with it: one refresh. */
      if (self->refresh_id == 0)
        self->refresh_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, refresh_idle, self, NULL);
    }
  else if (g_str_equal (table, "indicators") && id == tissage_record_get_id (TISSAGE_RECORD (self->indicator)))
    rebuild (self);
  else if (g_strv_contains (computed_tables, table) && self->compute_id == 0)
    self->compute_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, recompute_idle, self, NULL);
}

static void
tissage_measures_grid_dispose (GObject *object)
{
  TissageMeasuresGrid *self = TISSAGE_MEASURES_GRID (object);

  g_clear_object (&self->editing_period);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_clear_object (&self->indicator);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->cells, g_ptr_array_unref);
  g_clear_pointer (&self->progress, g_ptr_array_unref);
  g_clear_pointer (&self->targets, g_ptr_array_unref);
  g_clear_handle_id (&self->compute_id, g_source_remove);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_pointer (&self->computed, g_hash_table_unref);

  G_OBJECT_CLASS (tissage_measures_grid_parent_class)->dispose (object);
}

static void
tissage_measures_grid_class_init (TissageMeasuresGridClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = tissage_measures_grid_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
tissage_measures_grid_init (TissageMeasuresGrid *self)
{
  GtkWidget *add_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *add_button = gtk_button_new_with_mnemonic (_("Add the _Period"));

  self->cells = g_ptr_array_new ();
  self->progress = g_ptr_array_new ();
  self->targets = g_ptr_array_new ();
  self->computed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) tissage_computed_value_free);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_row_spacing (self->grid, 6);
  gtk_grid_set_column_spacing (self->grid, 6);
  self->row_headers = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_row_spacing (self->row_headers, 6);
  /* Periods are added year after year: the grid scrolls sideways rather
   * than widening the window past the screen, its row headers kept. */
  {
    GtkWidget *table = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    GtkWidget *scroller = gtk_scrolled_window_new ();

    gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
    gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scroller), TRUE);
    gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->grid));
    tissage_scroller_pass_vertical (GTK_SCROLLED_WINDOW (scroller));
    gtk_widget_set_hexpand (scroller, TRUE);
    gtk_box_append (GTK_BOX (table), GTK_WIDGET (self->row_headers));
    gtk_box_append (GTK_BOX (table), scroller);
    gtk_box_append (GTK_BOX (self->box), table);
  }

  /* Comment and source of the value being entered. */
  {
    GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

    self->details = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
    self->details_title = GTK_LABEL (gtk_label_new (NULL));
    gtk_label_set_xalign (self->details_title, 0);
    gtk_label_set_wrap (self->details_title, TRUE);
    gtk_widget_add_css_class (GTK_WIDGET (self->details_title), "caption-heading");
    self->comment_entry = GTK_ENTRY (gtk_entry_new ());
    gtk_entry_set_placeholder_text (self->comment_entry, _("Comment"));
    gtk_widget_set_hexpand (GTK_WIDGET (self->comment_entry), TRUE);
    self->source_entry = GTK_ENTRY (gtk_entry_new ());
    gtk_entry_set_placeholder_text (self->source_entry, _("Source"));
    gtk_widget_set_hexpand (GTK_WIDGET (self->source_entry), TRUE);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->comment_entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Comment"), -1);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->source_entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Source"), -1);
    g_signal_connect (self->comment_entry, "changed", G_CALLBACK (on_detail_changed), self);
    g_signal_connect (self->source_entry, "changed", G_CALLBACK (on_detail_changed), self);
    gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->comment_entry));
    gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->source_entry));
    gtk_box_append (GTK_BOX (self->details), GTK_WIDGET (self->details_title));
    gtk_box_append (GTK_BOX (self->details), row);
    gtk_widget_set_visible (self->details, FALSE);
    gtk_box_append (GTK_BOX (self->box), self->details);
  }

  self->period_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->period_entry, _("New period, such as 2027 or 1st half 2027"));
  gtk_widget_set_hexpand (GTK_WIDGET (self->period_entry), TRUE);
  g_signal_connect_swapped (self->period_entry, "activate", G_CALLBACK (on_add_period), self);
  g_signal_connect_swapped (add_button, "clicked", G_CALLBACK (on_add_period), self);
  {
    const char *kinds[] = { _("Year"), _("Half-year"), _("Quarter"), _("Other"), NULL };

    self->period_kind = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (kinds));
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->period_kind), _("Kind of period"));
  }
  gtk_box_append (GTK_BOX (add_box), GTK_WIDGET (self->period_entry));
  gtk_box_append (GTK_BOX (add_box), GTK_WIDGET (self->period_kind));
  gtk_box_append (GTK_BOX (add_box), add_button);
  gtk_box_append (GTK_BOX (self->box), add_box);
}

GtkWidget *
tissage_measures_grid_new (void)
{
  return g_object_new (TISSAGE_TYPE_MEASURES_GRID, NULL);
}

void
tissage_measures_grid_set_document (TissageMeasuresGrid *self,
                                    TissageDocument     *document)
{
  g_return_if_fail (TISSAGE_IS_MEASURES_GRID (self));

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->indicator);
  g_set_object (&self->document, document);
  if (document != NULL)
    g_signal_connect_object (document, "row-changed", G_CALLBACK (on_row_changed), self, G_CONNECT_SWAPPED);
  rebuild (self);
}

void
tissage_measures_grid_set_indicator (TissageMeasuresGrid *self,
                                     TissageIndicator    *indicator)
{
  g_return_if_fail (TISSAGE_IS_MEASURES_GRID (self));

  if (self->indicator == indicator)
    return;

  g_set_object (&self->indicator, indicator);
  rebuild (self);
}

void
tissage_measures_grid_set_comment (TissageMeasuresGrid *self,
                                   const char          *comment)
{
  g_return_if_fail (TISSAGE_IS_MEASURES_GRID (self));

  gtk_editable_set_text (GTK_EDITABLE (self->comment_entry), comment);
}

GtkProgressBar *
tissage_measures_grid_get_progress (TissageMeasuresGrid *self,
                                    TissagePeriod       *period)
{
  g_return_val_if_fail (TISSAGE_IS_MEASURES_GRID (self), NULL);

  for (guint i = 0; i < self->progress->len; i++)
    {
      GtkProgressBar *bar = g_ptr_array_index (self->progress, i);

      if (g_object_get_data (G_OBJECT (bar), "period") == (gpointer) period)
        return bar;
    }
  return NULL;
}

const char *
tissage_measures_grid_get_source (TissageMeasuresGrid *self,
                                  TissagePeriod       *period)
{
  GtkProgressBar *bar = tissage_measures_grid_get_progress (self, period);

  return bar != NULL ? gtk_label_get_text (g_object_get_data (G_OBJECT (bar), "source")) : NULL;
}

const char *
tissage_measures_grid_get_rate (TissageMeasuresGrid *self,
                                TissagePeriod       *period)
{
  GtkProgressBar *bar = tissage_measures_grid_get_progress (self, period);

  return bar != NULL ? gtk_label_get_text (g_object_get_data (G_OBJECT (bar), "rate")) : NULL;
}

GtkWidget *
tissage_measures_grid_get_target_entry (TissageMeasuresGrid *self,
                                        TissagePeriod       *period)
{
  g_return_val_if_fail (TISSAGE_IS_MEASURES_GRID (self), NULL);

  for (guint i = 0; i < self->targets->len; i++)
    {
      GtkWidget *entry = g_ptr_array_index (self->targets, i);

      if (g_object_get_data (G_OBJECT (entry), "period") == (gpointer) period)
        return entry;
    }
  return NULL;
}

GtkWidget *
tissage_measures_grid_get_cell (TissageMeasuresGrid *self,
                                TissagePeriod       *period,
                                TissageStructure    *structure)
{
  g_return_val_if_fail (TISSAGE_IS_MEASURES_GRID (self), NULL);

  for (guint i = 0; i < self->cells->len; i++)
    {
      GtkWidget *entry = g_ptr_array_index (self->cells, i);

      if (g_object_get_data (G_OBJECT (entry), "period") == (gpointer) period &&
          g_object_get_data (G_OBJECT (entry), "structure") == (gpointer) structure)
        return entry;
    }

  return NULL;
}

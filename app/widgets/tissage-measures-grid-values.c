/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

/* The measures grid: what its cells show, the values entered or computed
 * from the answers, and the progress towards the target. */

#define G_LOG_DOMAIN "tissage-referentiel"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tissage-figures.h"
#include "tissage-interviews.h"
#include "tissage-measures-grid-private.h"
#include "tissage-referentiel.h"
#include "tissage-utils.h"
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

char *
tissage_measures_grid_format_number (double value)
{
  g_autofree char *text = g_strdup_printf ("%.10g", value);
  char *dot = strchr (text, '.');

  if (dot != NULL)
    *dot = ',';
  return g_steal_pointer (&text);
}

char *
tissage_measures_grid_cell_text (TissageMeasuresGrid *self,
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
  return tissage_measures_grid_format_number (tissage_measurement_get_value (measure));
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
void
tissage_measures_grid_compute_values (TissageMeasuresGrid *self)
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
  return tissage_measures_grid_format_number (round (value->value * 10) / 10);
}

/* The caption under a cell: what the interviews give, and from how many. */
void
tissage_measures_grid_show_computed (TissageMeasuresGrid *self,
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
void
tissage_measures_grid_update_progress (TissageMeasuresGrid *self)
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

      number = tissage_measures_grid_format_number (round (counted.value * 10) / 10);
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

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

/* The measures grid: entering a value, a target or a detail in a cell,
 * saved when the cell is left. */

#define G_LOG_DOMAIN "tissage-referentiel"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tissage-figures.h"
#include "tissage-measures-grid-private.h"
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

void
tissage_measures_grid_refresh_cells (TissageMeasuresGrid *self)
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

      text = tissage_measures_grid_cell_text (self, g_object_get_data (G_OBJECT (entry), "period"),
                                              g_object_get_data (G_OBJECT (entry), "structure"));
      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), text) != 0)
        gtk_editable_set_text (GTK_EDITABLE (entry), text);
      g_object_set_data (G_OBJECT (entry), "pending", NULL);
      tissage_field_clear_invalid (GTK_WIDGET (entry));
      tissage_measures_grid_show_computed (self, entry);
    }
  for (guint i = 0; i < self->targets->len; i++)
    {
      GtkEntry *entry = g_ptr_array_index (self->targets, i);
      TissagePeriod *period = g_object_get_data (G_OBJECT (entry), "period");
      double own = tissage_document_get_period_target (self->document, self->indicator, period);
      g_autofree char *text = isnan (own) ? g_strdup ("") : tissage_measures_grid_format_number (own);

      if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (entry)))
        continue;
      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), text) != 0)
        gtk_editable_set_text (GTK_EDITABLE (entry), text);
      tissage_field_clear_invalid (GTK_WIDGET (entry));
    }
  self->updating = FALSE;

  tissage_measures_grid_update_progress (self);
}

/* A period's own target is saved as it is typed, once it is a number;
 * emptied, the indicator's target counts again when the field is left. */
void
tissage_measures_grid_on_target_changed (GtkEntry            *entry,
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

void
tissage_measures_grid_on_target_left (GtkWidget *entry,
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
      g_autofree char *kept = tissage_measures_grid_format_number (own);

      message = g_strdup_printf (_("“%s” is not a number: the target %s is kept."), text, kept);
    }
  else
    message = g_strdup_printf (_("“%s” is not a number: nothing was saved."), text);
  tissage_field_show_invalid (entry, message, TRUE);
}

void
tissage_measures_grid_on_cell_changed (GtkEntry            *entry,
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
  tissage_measures_grid_show_computed (self, entry);
}

/* A cell left empty loses its value; left with a word, it keeps it and
 * says so. */
void
tissage_measures_grid_on_cell_left (GtkWidget *entry,
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
      tissage_measures_grid_show_computed (self, GTK_ENTRY (entry));
      return;
    }
  if (tissage_parse_number (text, &number))
    return;

  kept = tissage_measures_grid_cell_text (self, period, structure);
  if (*kept != '\0')
    message = g_strdup_printf (_("“%s” is not a number: the value %s is kept."), text, kept);
  else
    message = g_strdup_printf (_("“%s” is not a number: nothing was saved."), text);
  tissage_field_show_invalid (entry, message, TRUE);
}

void
tissage_measures_grid_show_details (TissageMeasuresGrid *self,
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

void
tissage_measures_grid_on_cell_focus (GtkEventControllerFocus *controller,
                                     TissageMeasuresGrid     *self)
{
  tissage_measures_grid_show_details (self, GTK_ENTRY (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller))));
}

void
tissage_measures_grid_on_detail_changed (GtkEntry            *entry,
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

void
tissage_measures_grid_on_cell_activate (GtkEntry            *entry,
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

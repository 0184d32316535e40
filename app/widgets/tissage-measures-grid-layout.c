/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

/* The measures grid: the table built, its headers, rows and cells. */

#define G_LOG_DOMAIN "tissage-referentiel"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tissage-contribution.h"
#include "tissage-figures.h"
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

void
tissage_measures_grid_rebuild (TissageMeasuresGrid *self)
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

        attach_cell (self, line, tissage_measures_grid_period_header (self, period), p, 0);
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
          g_signal_connect (entry, "changed", G_CALLBACK (tissage_measures_grid_on_cell_changed), self);
          g_signal_connect (entry, "activate", G_CALLBACK (tissage_measures_grid_on_cell_activate), self);
          tissage_field_on_leave (entry, tissage_measures_grid_on_cell_left, self);
          {
            GtkEventController *focus = gtk_event_controller_focus_new ();

            g_signal_connect (focus, "enter", G_CALLBACK (tissage_measures_grid_on_cell_focus), self);
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
        g_autofree char *placeholder = isnan (target) ? NULL : tissage_measures_grid_format_number (target);
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
            g_signal_connect (entry, "changed", G_CALLBACK (tissage_measures_grid_on_target_changed), self);
            tissage_field_on_leave (entry, tissage_measures_grid_on_target_left, self);
            attach_cell (self, target_line, entry, p, rows->len + 2);
            g_ptr_array_add (self->targets, entry);
          }
      }
    }

  for (guint r = 0; r < rows->len; r++)
    if (g_ptr_array_index (rows, r) != NULL)
      g_object_unref (g_ptr_array_index (rows, r));

  tissage_measures_grid_compute_values (self);
  tissage_measures_grid_refresh_cells (self);
}

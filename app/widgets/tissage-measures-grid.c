/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-referentiel"

#include "config.h"

#include <glib/gi18n.h>

#include "tissage-contribution.h"
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

G_DEFINE_FINAL_TYPE (TissageMeasuresGrid, tissage_measures_grid, GTK_TYPE_WIDGET)

/* Many answers changed at once (an undo, an import) recompute once. */
static gboolean
recompute_idle (gpointer data)
{
  TissageMeasuresGrid *self = data;

  self->compute_id = 0;
  tissage_measures_grid_compute_values (self);
  for (guint i = 0; i < self->cells->len; i++)
    tissage_measures_grid_show_computed (self, g_ptr_array_index (self->cells, i));
  return G_SOURCE_REMOVE;
}

static gboolean
refresh_idle (gpointer data)
{
  TissageMeasuresGrid *self = data;

  self->refresh_id = 0;
  tissage_measures_grid_refresh_cells (self);
  if (self->focused_cell != NULL)
    tissage_measures_grid_show_details (self, self->focused_cell);
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
    tissage_measures_grid_rebuild (self);
  else if (g_str_equal (table, "measurements") || g_str_equal (table, "period_targets"))
    {
      /* A period deleted takes hundreds of values with it: one refresh. */
      if (self->refresh_id == 0)
        self->refresh_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, refresh_idle, self, NULL);
    }
  else if (g_str_equal (table, "indicators") && id == tissage_record_get_id (TISSAGE_RECORD (self->indicator)))
    tissage_measures_grid_rebuild (self);
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
    g_signal_connect (self->comment_entry, "changed", G_CALLBACK (tissage_measures_grid_on_detail_changed), self);
    g_signal_connect (self->source_entry, "changed", G_CALLBACK (tissage_measures_grid_on_detail_changed), self);
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
  g_signal_connect_swapped (self->period_entry, "activate", G_CALLBACK (tissage_measures_grid_on_add_period), self);
  g_signal_connect_swapped (add_button, "clicked", G_CALLBACK (tissage_measures_grid_on_add_period), self);
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
  tissage_measures_grid_rebuild (self);
}

void
tissage_measures_grid_set_indicator (TissageMeasuresGrid *self,
                                     TissageIndicator    *indicator)
{
  g_return_if_fail (TISSAGE_IS_MEASURES_GRID (self));

  if (self->indicator == indicator)
    return;

  g_set_object (&self->indicator, indicator);
  tissage_measures_grid_rebuild (self);
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

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

/* The measures grid: the periods, added, renamed, dated and deleted from
 * their column header. */

#define G_LOG_DOMAIN "tissage-referentiel"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

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

void
tissage_measures_grid_on_add_period (TissageMeasuresGrid *self)
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
  tissage_field_show_bad_date (field, text, precision == TISSAGE_DATE_MONTH, kept);
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
  tissage_measures_grid_rebuild (self);
}

GtkWidget *
tissage_measures_grid_period_header (TissageMeasuresGrid *self,
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

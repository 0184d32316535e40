/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tissage-export-dialog.h"
#include "tissage-referentiel.h"
#include "tissage-widget-utils.h"
#include "tissage-xlsx-export.h"

struct _TissageExportDialog
{
  AdwWindow             parent_instance;

  GtkButton            *cancel_button;
  GtkButton            *export_button;
  GtkStack             *stack;
  AdwPreferencesGroup  *sheets_group;
  AdwComboRow          *period_row;
  AdwComboRow          *structure_row;
  GtkSwitch            *pseudonymise_switch;
  AdwActionRow         *consent_row;
  GtkSwitch            *consent_switch;
  GtkProgressBar       *progress_bar;

  TissageDocument      *document;
  TissageMapLayoutKind  map_layout;
  GtkCheckButton       *sheet_checks[TISSAGE_XLSX_N_SHEETS];
  GArray               *period_ids;      /* gint64, in the order of the rows */
  GArray               *structure_ids;   /* gint64, 0 first for the whole collective */
  GCancellable         *cancellable;     /* while exporting */
  gboolean              close_when_done;
  guint                 left_out;        /* by the export running */
};

G_DEFINE_FINAL_TYPE (TissageExportDialog, tissage_export_dialog, ADW_TYPE_WINDOW)

static TissageXlsxSheets
chosen_sheets (TissageExportDialog *self)
{
  TissageXlsxSheets sheets = 0;

  for (guint i = 0; i < TISSAGE_XLSX_N_SHEETS; i++)
    if (gtk_check_button_get_active (self->sheet_checks[i]))
      sheets |= 1 << i;

  return sheets;
}

static void
update_export_button (TissageExportDialog *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button),
                            self->cancellable == NULL && chosen_sheets (self) != 0);
}

static int
compare_positions (gconstpointer a,
                   gconstpointer b)
{
  int x = 0, y = 0;

  g_object_get (*(gpointer *) a, "position", &x, NULL);
  g_object_get (*(gpointer *) b, "position", &y, NULL);
  return x - y;
}

static void
fill_periods (TissageExportDialog *self)
{
  GListModel *periods = tissage_document_get_records (self->document, TISSAGE_TYPE_PERIOD);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 all = 0;

  for (guint i = 0; i < g_list_model_get_n_items (periods); i++)
    g_ptr_array_add (sorted, g_list_model_get_item (periods, i));
  g_ptr_array_sort (sorted, compare_positions);

  gtk_string_list_append (labels, _("All periods"));
  g_array_append_val (self->period_ids, all);
  for (guint i = 0; i < sorted->len; i++)
    {
      TissagePeriod *period = g_ptr_array_index (sorted, i);
      gint64 id = tissage_record_get_id (TISSAGE_RECORD (period));

      gtk_string_list_append (labels, tissage_period_get_label (period));
      g_array_append_val (self->period_ids, id);
    }

  adw_combo_row_set_model (self->period_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->period_row, 0);
}

static void
fill_structures (TissageExportDialog *self)
{
  GListModel *structures = tissage_document_get_structures (self->document);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 all = 0;

  for (guint i = 0; i < g_list_model_get_n_items (structures); i++)
    g_ptr_array_add (sorted, g_list_model_get_item (structures, i));
  g_ptr_array_sort (sorted, compare_positions);

  gtk_string_list_append (names, _("Whole collective"));
  g_array_append_val (self->structure_ids, all);
  for (guint i = 0; i < sorted->len; i++)
    {
      TissageStructure *structure = g_ptr_array_index (sorted, i);
      gint64 id = tissage_record_get_id (TISSAGE_RECORD (structure));

      gtk_string_list_append (names, tissage_structure_get_name (structure));
      g_array_append_val (self->structure_ids, id);
    }

  adw_combo_row_set_model (self->structure_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->structure_row, 0);
}

static gint64
selected_id (AdwComboRow *row,
             GArray      *ids)
{
  guint position = adw_combo_row_get_selected (row);

  if (ids == NULL || position == GTK_INVALID_LIST_POSITION || position >= ids->len)
    return 0;
  return g_array_index (ids, gint64, position);
}

static void
select_id (AdwComboRow *row,
           GArray      *ids,
           gint64       id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      {
        adw_combo_row_set_selected (row, i);
        return;
      }
}

/* How many interviews the export leaves out, as the workbook will say. */
static void
update_consent_row (TissageExportDialog *self)
{
  TissageXlsxExportOptions options;
  g_autofree char *subtitle = NULL;
  guint left_out;

  if (self->document == NULL)
    return;

  tissage_export_dialog_get_options (self, &options);
  options.include_without_consent = FALSE;
  left_out = tissage_xlsx_export_count_left_out (self->document, &options);
  if (left_out == 0)
    subtitle = g_strdup (_("Every interview to export has recorded consent"));
  else if (gtk_switch_get_active (self->consent_switch))
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%u interview without recorded consent goes to the funders with its answers",
                                             "%u interviews without recorded consent go to the funders with their answers",
                                             left_out),
                                left_out);
  else
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%u interview is left out: its interviewee’s consent is not recorded",
                                             "%u interviews are left out: their interviewees’ consent is not recorded",
                                             left_out),
                                left_out);
  adw_action_row_set_subtitle (self->consent_row, subtitle);
}

static void
add_sheet_rows (TissageExportDialog *self)
{
  static const char *descriptions[TISSAGE_XLSX_N_SHEETS] = {
    N_("Key figures, targets against achievements, charts"),
    N_("Stakes, questions, effects and indicators, with every field"),
    N_("Each indicator by period and structure"),
    N_("The list, the links and the map"),
    N_("A sheet per guide: one row per interview, one column per question"),
    N_("Quotes by expected effect"),
    N_("The network measures by period, each structure’s links and role as a bridge, the joint actions"),
  };

  for (guint i = 0; i < TISSAGE_XLSX_N_SHEETS; i++)
    {
      AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
      GtkWidget *check = gtk_check_button_new ();

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (update_export_button), self);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tissage_xlsx_sheet_get_title (1 << i));
      adw_action_row_set_subtitle (row, _(descriptions[i]));
      adw_action_row_add_prefix (row, check);
      adw_action_row_set_activatable_widget (row, check);
      adw_preferences_group_add (self->sheets_group, GTK_WIDGET (row));
      self->sheet_checks[i] = GTK_CHECK_BUTTON (check);
    }
}

static void
on_progress (double   fraction,
             gpointer user_data)
{
  TissageExportDialog *self = user_data;

  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(TissageExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup (g_object_get_data (G_OBJECT (self), "path"));
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  g_clear_object (&self->cancellable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), TRUE);

  if (!tissage_xlsx_export_finish (TISSAGE_DOCUMENT (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        tissage_widget_report_error (GTK_WIDGET (self), error);

      if (self->close_when_done || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_window_destroy (GTK_WINDOW (self));
      else
        {
          gtk_stack_set_visible_child_name (self->stack, "options");
          update_export_button (self);
        }
      return;
    }

  if (parent != NULL)
    {
      g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
      g_autofree char *title = self->left_out == 0
        ? g_strdup (_("Workbook exported"))
        : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "Workbook exported, without %u interview whose consent is not recorded",
                                        "Workbook exported, without %u interviews whose consent is not recorded",
                                        self->left_out),
                           self->left_out);

      /* Its button opens the workbook. */
      tissage_widget_add_toast (GTK_WIDGET (parent), title, uri);
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_cancel_clicked (TissageExportDialog *self)
{
  if (self->cancellable == NULL)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  /* The export stops at its next row and removes what it wrote. */
  self->close_when_done = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), FALSE);
  g_cancellable_cancel (self->cancellable);
}

static void
on_export_clicked (TissageExportDialog *self)
{
  tissage_widget_activate_window_action (GTK_WIDGET (self), "win.choose-export-path", NULL);
}

static gboolean
tissage_export_dialog_close_request (GtkWindow *window)
{
  TissageExportDialog *self = TISSAGE_EXPORT_DIALOG (window);

  if (self->cancellable != NULL)
    {
      on_cancel_clicked (self);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (tissage_export_dialog_parent_class)->close_request (window);
}

static void
tissage_export_dialog_dispose (GObject *object)
{
  TissageExportDialog *self = TISSAGE_EXPORT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (tissage_export_dialog_parent_class)->dispose (object);
}

static void
tissage_export_dialog_finalize (GObject *object)
{
  TissageExportDialog *self = TISSAGE_EXPORT_DIALOG (object);

  g_clear_pointer (&self->period_ids, g_array_unref);
  g_clear_pointer (&self->structure_ids, g_array_unref);

  G_OBJECT_CLASS (tissage_export_dialog_parent_class)->finalize (object);
}

static void
tissage_export_dialog_class_init (TissageExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tissage_export_dialog_dispose;
  object_class->finalize = tissage_export_dialog_finalize;
  window_class->close_request = tissage_export_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/tissage-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TissageExportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, TissageExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, TissageExportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, TissageExportDialog, sheets_group);
  gtk_widget_class_bind_template_child (widget_class, TissageExportDialog, period_row);
  gtk_widget_class_bind_template_child (widget_class, TissageExportDialog, structure_row);
  gtk_widget_class_bind_template_child (widget_class, TissageExportDialog, pseudonymise_switch);
  gtk_widget_class_bind_template_child (widget_class, TissageExportDialog, consent_row);
  gtk_widget_class_bind_template_child (widget_class, TissageExportDialog, consent_switch);
  gtk_widget_class_bind_template_child (widget_class, TissageExportDialog, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked);
  gtk_widget_class_bind_template_callback (widget_class, update_consent_row);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tissage_export_dialog_init (TissageExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->period_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->structure_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  add_sheet_rows (self);
}

GtkWindow *
tissage_export_dialog_new (GtkWindow            *parent,
                           TissageDocument      *document,
                           TissageMapLayoutKind  map_layout)
{
  TissageExportDialog *self;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), NULL);

  self = g_object_new (TISSAGE_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->document = g_object_ref (document);
  self->map_layout = map_layout;
  fill_periods (self);
  fill_structures (self);
  update_consent_row (self);

  return GTK_WINDOW (self);
}

/**
 * tissage_export_dialog_select:
 *
 * Proposes @period_id and @structure_id (0: all periods, the whole
 * collective), those the Synthèse shows.
 */
void
tissage_export_dialog_select (TissageExportDialog *self,
                              gint64               period_id,
                              gint64               structure_id)
{
  g_return_if_fail (TISSAGE_IS_EXPORT_DIALOG (self));

  select_id (self->period_row, self->period_ids, period_id);
  select_id (self->structure_row, self->structure_ids, structure_id);
}

/* The options of an export with the choices shown. */
void
tissage_export_dialog_get_options (TissageExportDialog      *self,
                                   TissageXlsxExportOptions *options)
{
  g_return_if_fail (TISSAGE_IS_EXPORT_DIALOG (self));

  tissage_xlsx_export_options_init (options);
  options->sheets = chosen_sheets (self);
  options->pseudonymise = gtk_switch_get_active (self->pseudonymise_switch);
  options->include_without_consent = gtk_switch_get_active (self->consent_switch);
  options->map_layout = self->map_layout;
  options->period_id = selected_id (self->period_row, self->period_ids);
  options->structure_id = selected_id (self->structure_row, self->structure_ids);
}

gboolean
tissage_export_dialog_is_running (TissageExportDialog *self)
{
  g_return_val_if_fail (TISSAGE_IS_EXPORT_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}

/**
 * tissage_export_dialog_start:
 *
 * Exports with the options shown to @path, showing the progress; the
 * window says when it is done, with a button to open the workbook.
 */
void
tissage_export_dialog_start (TissageExportDialog *self,
                             const char          *path)
{
  TissageXlsxExportOptions options;

  g_return_if_fail (TISSAGE_IS_EXPORT_DIALOG (self));
  g_return_if_fail (path != NULL);

  if (self->cancellable != NULL || chosen_sheets (self) == 0)
    return;

  tissage_export_dialog_get_options (self, &options);
  self->left_out = tissage_xlsx_export_count_left_out (self->document, &options);

  self->cancellable = g_cancellable_new ();
  g_object_set_data_full (G_OBJECT (self), "path", g_strdup (path), g_free);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_stack_set_visible_child_name (self->stack, "progress");
  update_export_button (self);

  /* Modal: nothing edits the document while the worker thread reads it. */
  tissage_xlsx_export_async (self->document, path, &options, on_progress, self,
                             self->cancellable, on_exported, g_object_ref (self));
}

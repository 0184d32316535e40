/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-report-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tissage-referentiel.h"
#include "tissage-report-dialog.h"
#include "tissage-widget-utils.h"

#define N_SECTIONS 5

struct _TissageReportDialog
{
  AdwWindow             parent_instance;

  GtkButton            *cancel_button;
  GtkButton            *export_button;
  GtkButton            *print_button;
  GtkStack             *stack;
  AdwPreferencesGroup  *sections_group;
  AdwComboRow          *period_row;
  AdwComboRow          *structure_row;
  GtkSwitch            *pseudonymise_switch;
  GtkSwitch            *consent_switch;
  AdwActionRow         *logo_row;
  GtkButton            *clear_logo_button;
  GtkProgressBar       *progress_bar;

  TissageDocument      *document;
  TissageMapLayoutKind  map_layout;
  GtkCheckButton       *section_checks[N_SECTIONS];
  GArray               *period_ids;      /* gint64, 0 first for every period */
  GArray               *structure_ids;   /* gint64, 0 first for the collective alone */
  char                 *logo_path;
  GtkFileChooserNative *logo_chooser;
  GCancellable         *cancellable;     /* while writing */
  guint                 pulse_id;
  gboolean              close_when_done;
};

G_DEFINE_FINAL_TYPE (TissageReportDialog, tissage_report_dialog, ADW_TYPE_WINDOW)

enum
{
  SELECTION_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static TissageReportSections
chosen_sections (TissageReportDialog *self)
{
  TissageReportSections sections = 0;

  for (guint i = 0; i < N_SECTIONS; i++)
    if (gtk_check_button_get_active (self->section_checks[i]))
      sections |= 1 << i;
  return sections;
}

static void
update_buttons (TissageReportDialog *self)
{
  gboolean idle = self->cancellable == NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), idle);
  gtk_widget_set_sensitive (GTK_WIDGET (self->print_button), idle);
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

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (g_object_get_data (*(GObject **) a, "tissage-sort-key"),
                 g_object_get_data (*(GObject **) b, "tissage-sort-key"));
}

/* A combo row of @records named by @property, after a first row @first
 * standing for id 0: in their order (periods), or by name (structures). */
static void
fill_row (AdwComboRow *row,
          GArray      *ids,
          GListModel  *records,
          const char  *property,
          gboolean     by_name,
          const char  *first)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 none = 0;

  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    g_ptr_array_add (sorted, g_list_model_get_item (records, i));
  if (by_name)
    {
      for (guint i = 0; i < sorted->len; i++)
        {
          g_autofree char *name = NULL;
          g_autofree char *folded = NULL;

          g_object_get (g_ptr_array_index (sorted, i), property, &name, NULL);
          folded = g_utf8_casefold (name != NULL ? name : "", -1);
          g_object_set_data_full (g_ptr_array_index (sorted, i), "tissage-sort-key",
                                  g_utf8_collate_key (folded, -1), g_free);
        }
      g_ptr_array_sort (sorted, compare_keys);
      for (guint i = 0; i < sorted->len; i++)
        g_object_set_data (g_ptr_array_index (sorted, i), "tissage-sort-key", NULL);
    }
  else
    g_ptr_array_sort (sorted, compare_positions);

  gtk_string_list_append (labels, first);
  g_array_append_val (ids, none);
  for (guint i = 0; i < sorted->len; i++)
    {
      TissageRecord *record = g_ptr_array_index (sorted, i);
      g_autofree char *label = NULL;
      gint64 id = tissage_record_get_id (record);

      g_object_get (record, property, &label, NULL);
      gtk_string_list_append (labels, label);
      g_array_append_val (ids, id);
    }
  adw_combo_row_set_model (row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (row, 0);
}

static gint64
selected_id (AdwComboRow *row,
             GArray      *ids)
{
  guint position = adw_combo_row_get_selected (row);

  if (position == GTK_INVALID_LIST_POSITION || position >= ids->len)
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
      adw_combo_row_set_selected (row, i);
}

/* Names in full: « Mission locale Garonne Agglo », not « Mission locale… ».
 * The chosen one wraps beside the row's title; the list is wide enough
 * for long names, and wraps the longest. */
static void
setup_label (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  max_chars)
{
  GtkWidget *label = gtk_label_new (NULL);
  gboolean in_list = GPOINTER_TO_INT (max_chars) > 30;

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), GPOINTER_TO_INT (max_chars));
  /* As wide as it may grow: its height is then that of the lines drawn. */
  gtk_label_set_width_chars (GTK_LABEL (label), in_list ? 20 : GPOINTER_TO_INT (max_chars));
  gtk_label_set_xalign (GTK_LABEL (label), in_list ? 0.0 : 1.0);
  gtk_label_set_justify (GTK_LABEL (label), in_list ? GTK_JUSTIFY_LEFT : GTK_JUSTIFY_RIGHT);
  gtk_list_item_set_child (item, label);
}

static void
bind_label (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  max_chars)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (string));
}

static void
set_factories (AdwComboRow *row)
{
  g_autoptr(GtkListItemFactory) shown = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) list = gtk_signal_list_item_factory_new ();

  g_signal_connect (shown, "setup", G_CALLBACK (setup_label), GINT_TO_POINTER (24));
  g_signal_connect (shown, "bind", G_CALLBACK (bind_label), NULL);
  g_signal_connect (list, "setup", G_CALLBACK (setup_label), GINT_TO_POINTER (48));
  g_signal_connect (list, "bind", G_CALLBACK (bind_label), NULL);
  adw_combo_row_set_factory (row, shown);
  adw_combo_row_set_list_factory (row, list);
}

static void
add_section_rows (TissageReportDialog *self)
{
  static const char *descriptions[N_SECTIONS] = {
    N_("The figures of the Synthèse, as the workbook gives them"),
    N_("The stakeholders around the collective, and their links"),
    N_("Each stake: its effects, the bars and trends of its indicators, quotes"),
    N_("Interviews by category and structure, periods, sources, consent"),
    N_("The evaluation framework as a table"),
  };

  for (guint i = 0; i < N_SECTIONS; i++)
    {
      AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
      GtkWidget *check = gtk_check_button_new ();

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tissage_report_section_get_title (1 << i));
      adw_action_row_set_subtitle (row, _(descriptions[i]));
      adw_action_row_add_prefix (row, check);
      adw_action_row_set_activatable_widget (row, check);
      adw_preferences_group_add (self->sections_group, GTK_WIDGET (row));
      self->section_checks[i] = GTK_CHECK_BUTTON (check);
    }
}

static void
show_logo (TissageReportDialog *self)
{
  g_autofree char *name = self->logo_path != NULL ? g_filename_display_basename (self->logo_path) : NULL;

  adw_action_row_set_subtitle (self->logo_row, name != NULL ? name : _("No logo: the cover shows the project’s name"));
  gtk_widget_set_visible (GTK_WIDGET (self->clear_logo_button), self->logo_path != NULL);
}

static void
on_logo_response (GtkNativeDialog     *dialog,
                  int                  response,
                  TissageReportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      g_free (self->logo_path);
      self->logo_path = file != NULL ? g_file_get_path (file) : NULL;
      show_logo (self);
    }
  g_clear_object (&self->logo_chooser);
}

static void
on_choose_logo_clicked (TissageReportDialog *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  g_clear_object (&self->logo_chooser);
  self->logo_chooser = gtk_file_chooser_native_new (_("Choose the Logo of the Cover"), GTK_WINDOW (self),
                                                    GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->logo_chooser), TRUE);
  gtk_file_filter_set_name (filter, _("PNG image"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_suffix (filter, "png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->logo_chooser), filter);
  g_signal_connect (self->logo_chooser, "response", G_CALLBACK (on_logo_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->logo_chooser));
}

static void
on_clear_logo_clicked (TissageReportDialog *self)
{
  g_clear_pointer (&self->logo_path, g_free);
  show_logo (self);
}

/* Writing, in a worker thread */

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  TissageReport *report = task_data;
  const char *path = g_object_get_data (G_OBJECT (task), "path");
  GError *error = NULL;

  if (tissage_report_write_pdf (report, path, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static gboolean
pulse (gpointer data)
{
  TissageReportDialog *self = data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

static void
back_to_options (TissageReportDialog *self)
{
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  g_clear_object (&self->cancellable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), TRUE);
  gtk_stack_set_visible_child_name (self->stack, "options");
  update_buttons (self);
}

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(TissageReportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  const char *path = g_object_get_data (G_OBJECT (result), "path");
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  gboolean cancelled;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      if (cancelled || self->close_when_done)
        {
          /* Closed by the user while writing: the window says it. */
          if (!cancelled && parent != NULL)
            tissage_widget_report_error (GTK_WIDGET (parent), error);
          gtk_window_destroy (GTK_WINDOW (self));
          return;
        }
      back_to_options (self);
      tissage_report_dialog_show_error (self, error->message);
      return;
    }

  if (parent != NULL)
    {
      g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);

      /* Its button opens the report. */
      tissage_widget_add_toast (GTK_WIDGET (parent), _("Report exported"), uri);
    }
  back_to_options (self);
  gtk_window_destroy (GTK_WINDOW (self));
}

static TissageReport *
make_report (TissageReportDialog *self)
{
  g_autoptr(GError) error = NULL;
  TissageReportOptions options;
  TissageReport *report;

  tissage_report_dialog_get_options (self, &options);
  report = tissage_report_new (self->document, &options, &error);
  if (report == NULL)
    tissage_report_dialog_show_error (self, error->message);
  return report;
}

/* Printing */

static void
on_begin_print (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                TissageReport     *report)
{
  gtk_print_operation_set_n_pages (operation, tissage_report_get_n_pages (report));
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              TissageReport     *report)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  /* A4 as laid out, made to fit paper of another size. */
  double scale = MIN (width / TISSAGE_REPORT_PAGE_WIDTH, height / TISSAGE_REPORT_PAGE_HEIGHT);

  cairo_save (cr);
  cairo_translate (cr, (width - TISSAGE_REPORT_PAGE_WIDTH * scale) / 2, (height - TISSAGE_REPORT_PAGE_HEIGHT * scale) / 2);
  cairo_scale (cr, scale, scale);
  tissage_report_draw_page (report, cr, page);
  cairo_restore (cr);
}

/* Callbacks */

static void
on_cancel_clicked (TissageReportDialog *self)
{
  if (self->cancellable == NULL)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  /* The PDF stops at its next page; the old file stays. */
  self->close_when_done = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), FALSE);
  g_cancellable_cancel (self->cancellable);
}

static void
on_export_clicked (TissageReportDialog *self)
{
  tissage_widget_activate_window_action (GTK_WIDGET (self), "win.choose-report-path", NULL);
}

static void
on_print_clicked (TissageReportDialog *self)
{
  tissage_report_dialog_print (self, NULL);
}

/* Vfuncs */

static gboolean
tissage_report_dialog_close_request (GtkWindow *window)
{
  TissageReportDialog *self = TISSAGE_REPORT_DIALOG (window);

  if (self->cancellable != NULL)
    {
      on_cancel_clicked (self);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (tissage_report_dialog_parent_class)->close_request (window);
}

static void
tissage_report_dialog_dispose (GObject *object)
{
  TissageReportDialog *self = TISSAGE_REPORT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  g_clear_object (&self->logo_chooser);
  g_clear_object (&self->document);
  gtk_widget_dispose_template (GTK_WIDGET (object), TISSAGE_TYPE_REPORT_DIALOG);

  G_OBJECT_CLASS (tissage_report_dialog_parent_class)->dispose (object);
}

static void
tissage_report_dialog_finalize (GObject *object)
{
  TissageReportDialog *self = TISSAGE_REPORT_DIALOG (object);

  g_clear_pointer (&self->period_ids, g_array_unref);
  g_clear_pointer (&self->structure_ids, g_array_unref);
  g_free (self->logo_path);

  G_OBJECT_CLASS (tissage_report_dialog_parent_class)->finalize (object);
}

static void
tissage_report_dialog_class_init (TissageReportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tissage_report_dialog_dispose;
  object_class->finalize = tissage_report_dialog_finalize;
  window_class->close_request = tissage_report_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/tissage-report-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TissageReportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, TissageReportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, TissageReportDialog, print_button);
  gtk_widget_class_bind_template_child (widget_class, TissageReportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, TissageReportDialog, sections_group);
  gtk_widget_class_bind_template_child (widget_class, TissageReportDialog, period_row);
  gtk_widget_class_bind_template_child (widget_class, TissageReportDialog, structure_row);
  gtk_widget_class_bind_template_child (widget_class, TissageReportDialog, pseudonymise_switch);
  gtk_widget_class_bind_template_child (widget_class, TissageReportDialog, consent_switch);
  gtk_widget_class_bind_template_child (widget_class, TissageReportDialog, logo_row);
  gtk_widget_class_bind_template_child (widget_class, TissageReportDialog, clear_logo_button);
  gtk_widget_class_bind_template_child (widget_class, TissageReportDialog, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_print_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_logo_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_logo_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  /**
   * TissageReportDialog::selection-changed:
   *
   * The user chose another period or structure.
   */
  signals[SELECTION_CHANGED] = g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                             0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
on_selected_changed (TissageReportDialog *self)
{
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

static void
tissage_report_dialog_init (TissageReportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->period_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->structure_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  add_section_rows (self);
  set_factories (self->period_row);
  set_factories (self->structure_row);
  show_logo (self);
}

GtkWindow *
tissage_report_dialog_new (GtkWindow            *parent,
                           TissageDocument      *document,
                           TissageMapLayoutKind  map_layout,
                           gboolean              print)
{
  TissageReportDialog *self;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), NULL);

  self = g_object_new (TISSAGE_TYPE_REPORT_DIALOG, "transient-for", parent, NULL);
  self->document = g_object_ref (document);
  self->map_layout = map_layout;
  fill_row (self->period_row, self->period_ids, tissage_document_get_records (document, TISSAGE_TYPE_PERIOD),
            "label", FALSE, _("All periods"));
  fill_row (self->structure_row, self->structure_ids, tissage_document_get_structures (document),
            "name", TRUE, _("The collective alone"));
  tissage_report_dialog_set_print (self, print);
  g_signal_connect_swapped (self->period_row, "notify::selected", G_CALLBACK (on_selected_changed), self);
  g_signal_connect_swapped (self->structure_row, "notify::selected", G_CALLBACK (on_selected_changed), self);

  return GTK_WINDOW (self);
}

/* Printing or exporting: the title and the main button say which. */
void
tissage_report_dialog_set_print (TissageReportDialog *self,
                                 gboolean             print)
{
  g_return_if_fail (TISSAGE_IS_REPORT_DIALOG (self));

  gtk_window_set_title (GTK_WINDOW (self), print ? _("Print the Report") : _("Export the Report"));
  if (print)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->print_button), "suggested-action");
      gtk_widget_remove_css_class (GTK_WIDGET (self->export_button), "suggested-action");
      gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->print_button));
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->export_button), "suggested-action");
      gtk_widget_remove_css_class (GTK_WIDGET (self->print_button), "suggested-action");
      gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->export_button));
    }
}

/**
 * tissage_report_dialog_select:
 *
 * Proposes @period_id and @structure_id (0: every period, the collective
 * alone), those the Synthèse shows.
 */
void
tissage_report_dialog_select (TissageReportDialog *self,
                              gint64               period_id,
                              gint64               structure_id)
{
  g_return_if_fail (TISSAGE_IS_REPORT_DIALOG (self));

  select_id (self->period_row, self->period_ids, period_id);
  select_id (self->structure_row, self->structure_ids, structure_id);
}

void
tissage_report_dialog_get_options (TissageReportDialog  *self,
                                   TissageReportOptions *options)
{
  g_return_if_fail (TISSAGE_IS_REPORT_DIALOG (self));

  tissage_report_options_init (options);
  options->sections = chosen_sections (self);
  options->pseudonymise = gtk_switch_get_active (self->pseudonymise_switch);
  options->include_without_consent = gtk_switch_get_active (self->consent_switch);
  options->map_layout = self->map_layout;
  options->period_id = selected_id (self->period_row, self->period_ids);
  options->structure_id = selected_id (self->structure_row, self->structure_ids);
  options->logo_path = self->logo_path;
}

static char *
selected_label (AdwComboRow *row)
{
  guint position = adw_combo_row_get_selected (row);
  GListModel *labels = adw_combo_row_get_model (row);

  /* The first row is « every period », « the collective alone ». */
  if (position == 0 || position == GTK_INVALID_LIST_POSITION || labels == NULL ||
      position >= g_list_model_get_n_items (labels))
    return NULL;
  return g_strdup (gtk_string_list_get_string (GTK_STRING_LIST (labels), position));
}

char *
tissage_report_dialog_dup_file_name (TissageReportDialog *self)
{
  g_autofree char *period = NULL;
  g_autofree char *structure = NULL;
  g_autofree char *title = NULL;
  char *name;

  g_return_val_if_fail (TISSAGE_IS_REPORT_DIALOG (self), NULL);

  period = selected_label (self->period_row);
  structure = selected_label (self->structure_row);
  if (period != NULL && structure != NULL)
    /* TRANSLATORS: the default file name of the report: the period, the member structure */
    name = g_strdup_printf (_("Report %s — %s.pdf"), period, structure);
  else if (period != NULL)
    /* TRANSLATORS: the default file name of the report for one period */
    name = g_strdup_printf (_("Report %s.pdf"), period);
  else if (structure != NULL)
    /* TRANSLATORS: the default file name of the report beside one member structure */
    name = g_strdup_printf (_("Report — %s.pdf"), structure);
  else
    {
      title = tissage_document_dup_title (self->document);
      /* TRANSLATORS: the default file name of the report; %s is the project */
      name = g_strdup_printf (_("%s — report.pdf"), title);
    }
  /* No folder hidden in a name. */
  return g_strdelimit (name, "/\\", '-');
}

void
tissage_report_dialog_show_error (TissageReportDialog *self,
                                  const char          *message)
{
  AdwMessageDialog *dialog;

  g_return_if_fail (TISSAGE_IS_REPORT_DIALOG (self));
  g_return_if_fail (message != NULL);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("The Report Could Not Be Exported"), message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
tissage_report_dialog_is_running (TissageReportDialog *self)
{
  g_return_val_if_fail (TISSAGE_IS_REPORT_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}

/**
 * tissage_report_dialog_start:
 *
 * Reads the project with the choices shown, then writes the PDF at @path
 * in a worker thread; the window says when it is done, with a button
 * to open the report.
 */
void
tissage_report_dialog_start (TissageReportDialog *self,
                             const char          *path)
{
  g_autoptr(GTask) task = NULL;
  TissageReport *report;

  g_return_if_fail (TISSAGE_IS_REPORT_DIALOG (self));
  g_return_if_fail (path != NULL);

  if (self->cancellable != NULL)
    return;
  /* Read here, in the thread that owns the document; drawn there. */
  report = make_report (self);
  if (report == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  gtk_stack_set_visible_child_name (self->stack, "progress");
  self->pulse_id = g_timeout_add (100, pulse, self);
  update_buttons (self);

  task = g_task_new (NULL, self->cancellable, on_written, g_object_ref (self));
  g_task_set_source_tag (task, tissage_report_dialog_start);
  g_task_set_task_data (task, report, (GDestroyNotify) tissage_report_free);
  g_object_set_data_full (G_OBJECT (task), "path", g_strdup (path), g_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, write_thread);
}

void
tissage_report_dialog_print (TissageReportDialog *self,
                             const char          *export_path)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autoptr(GtkPaperSize) a4 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageReport) report = NULL;
  g_autofree char *title = NULL;
  GtkPrintOperationResult result;

  g_return_if_fail (TISSAGE_IS_REPORT_DIALOG (self));

  if (self->cancellable != NULL)
    return;
  report = make_report (self);
  if (report == NULL)
    return;

  operation = gtk_print_operation_new ();
  setup = gtk_page_setup_new ();
  a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_print_operation_set_default_page_setup (operation, setup);
  /* The report keeps its own margins. */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  title = tissage_document_dup_title (self->document);
  gtk_print_operation_set_job_name (operation, title);
  gtk_print_operation_set_n_pages (operation, tissage_report_get_n_pages (report));
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print), report);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), report);

  if (export_path != NULL)
    gtk_print_operation_set_export_filename (operation, export_path);
  result = gtk_print_operation_run (operation,
                                    export_path != NULL ? GTK_PRINT_OPERATION_ACTION_EXPORT
                                                        : GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    GTK_WINDOW (self), &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autofree char *message = g_strdup_printf (_("The report could not be printed (%s)."), error->message);

      tissage_report_dialog_show_error (self, message);
      return;
    }
  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

      if (parent != NULL)
        tissage_widget_add_toast (GTK_WIDGET (parent), _("Report sent to the printer"), NULL);
      gtk_window_destroy (GTK_WINDOW (self));
    }
}

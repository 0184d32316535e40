/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tissage-window-contributions.h"
#include "tissage-csv-import-dialog.h"
#include "tissage-export-dialog.h"
#include "tissage-report-dialog.h"
#include "tissage-map-document.h"
#include "tissage-map-export.h"
#include "tissage-map-widget.h"
#include "tissage-project-window.h"
#include "tissage-structures-window.h"
#include "tissage-widget-utils.h"
#include "tissage-window-private.h"

/* Actions */

void
tissage_window_forget_history_toast (TissageWindow *self)
{
  if (self->history_toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->history_toast), (gpointer *) &self->history_toast);
  self->history_toast = NULL;
}

static void
undo_step_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TissageWindow *self = TISSAGE_WINDOW (widget);

  if (self->document != NULL &&
      tissage_document_get_undo_serial (self->document) == g_variant_get_uint64 (parameter))
    gtk_widget_activate_action (widget, "win.undo", NULL);
}

static void
show_history_toast (TissageWindow *self,
                    gboolean       undone,
                    const char    *label)
{
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (label == NULL)
    return;

  if (undone)
    title = g_strdup_printf (_("Undone: %s"), label);
  else
    title = g_strdup_printf (_("Redone: %s"), label);

  /* One toast says what the last undo or redo did; they do not queue up. */
  if (self->history_toast != NULL)
    {
      adw_toast_set_title (self->history_toast, title);
      return;
    }

  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 2);
  self->history_toast = toast;
  g_object_add_weak_pointer (G_OBJECT (toast), (gpointer *) &self->history_toast);
  g_signal_connect_swapped (toast, "dismissed", G_CALLBACK (tissage_window_forget_history_toast), self);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
history_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TissageWindow *self = TISSAGE_WINDOW (widget);
  gboolean undo = g_str_equal (action_name, "win.undo");
  g_autofree char *label = NULL;
  g_autoptr(GError) error = NULL;
  gboolean done;

  if (self->document == NULL ||
      !(undo ? tissage_document_can_undo (self->document) : tissage_document_can_redo (self->document)))
    return;

  label = g_strdup (undo ? tissage_document_get_undo_label (self->document)
                         : tissage_document_get_redo_label (self->document));
  done = undo ? tissage_document_undo (self->document, &error)
              : tissage_document_redo (self->document, &error);
  if (!done)
    tissage_widget_report_error (widget, error);
  else
    show_history_toast (self, undo, label);
}

static void
add_stakeholder_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  TissageWindow *self = TISSAGE_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "stakeholders");
  tissage_stakeholder_page_add (self->stakeholder_page);
}

static void
delete_stakeholder_activated (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  TissageWindow *self = TISSAGE_WINDOW (widget);

  tissage_stakeholder_page_delete_selected (self->stakeholder_page);
}

static void
delete_link_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TissageWindow *self = TISSAGE_WINDOW (widget);

  tissage_stakeholder_page_delete_selected_link (self->stakeholder_page);
}

static void
delete_selection_activated (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  TissageWindow *self = TISSAGE_WINDOW (widget);

  if (tissage_stakeholder_page_get_selected_link (self->stakeholder_page) != NULL)
    tissage_stakeholder_page_delete_selected_link (self->stakeholder_page);
  else
    tissage_stakeholder_page_delete_selected (self->stakeholder_page);
}

static TissageMapWidget *
get_map (TissageWindow *self)
{
  return TISSAGE_MAP_WIDGET (tissage_stakeholder_page_get_map (self->stakeholder_page));
}

static void
zoom_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TissageWindow *self = TISSAGE_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "stakeholders");
  if (g_str_equal (action_name, "win.zoom-in"))
    tissage_map_widget_zoom (get_map (self), 1.25);
  else if (g_str_equal (action_name, "win.zoom-out"))
    tissage_map_widget_zoom (get_map (self), 1 / 1.25);
  else
    tissage_map_widget_fit (get_map (self));
}

static void
arrange_map_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TissageWindow *self = TISSAGE_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "stakeholders");
  tissage_map_widget_arrange (get_map (self));
}

static void
export_map_to (TissageWindow *self,
               const char    *path,
               gboolean       pseudonymise)
{
  TissageMapWidget *map = get_map (self);
  TissageMapView *view = tissage_map_widget_get_view (map);
  TissageMapModel *model = tissage_map_widget_get_model (map);
  g_autoptr(TissageMapModel) snapshot = NULL;
  TissageMapExportOptions options;
  g_autoptr(GArray) hidden = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  tissage_map_export_options_init (&options);
  for (guint i = 0; i < tissage_map_model_get_n_categories (model); i++)
    {
      gint64 id = tissage_map_model_get_category (model, i)->id;

      if (tissage_map_view_get_category_hidden (view, id))
        g_array_append_val (hidden, id);
    }
  options.hidden_categories = (const gint64 *) hidden->data;
  options.n_hidden_categories = hidden->len;
  options.node_size = tissage_map_view_get_node_size (view);

  /* The map on screen names everyone; the exported one, like the
   * workbook, not the people interviewed unless asked. */
  if (pseudonymise)
    model = snapshot = tissage_map_model_new_for_export (self->document, TRUE);

  if (!tissage_map_export (path, model, tissage_map_widget_get_layout (map), &options, &error))
    {
      tissage_window_show_error_dialog (self, _("The Map Could Not Be Exported"), error->message);
      return;
    }

  name = g_filename_display_basename (path);
  title = g_strdup_printf (_("Map exported to “%s”"), name);
  toast = adw_toast_new (title);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
add_image_filter (GtkFileChooser *chooser,
                  const char     *name,
                  const char     *mime_type,
                  const char     *suffix)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_filter_add_suffix (filter, suffix);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
export_map_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TissageWindow *self = TISSAGE_WINDOW (widget);
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;

  if (self->document == NULL)
    return;

  title = tissage_document_dup_title (self->document);
  g_strdelimit (title, "/\\", '-');
  /* TRANSLATORS: the default file name of an exported map; %s is the project */
  name = g_strdup_printf (_("%s — map.png"), title);

  tissage_window_run_save_dialog (self, _("Export the Map"), _("_Export"), name,
                   "win.export-map-to", _("The Map Could Not Be Exported"));
  add_image_filter (GTK_FILE_CHOOSER (self->chooser), _("PNG image"), "image/png", "png");
  add_image_filter (GTK_FILE_CHOOSER (self->chooser), _("SVG drawing"), "image/svg+xml", "svg");
  add_image_filter (GTK_FILE_CHOOSER (self->chooser), _("PDF document (A4)"), "application/pdf", "pdf");
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (self->chooser), "names",
                               _("Name the people interviewed"), NULL, NULL);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (self->chooser), "names", "false");
  g_object_set_data (G_OBJECT (self->chooser), "named-action", (gpointer) "win.export-map-named-to");
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* A copy of what the window holds: the repaired project, or the work of
 * a project whose file went away under the window. */
/* Contributions of member structures (tissage-window-contributions.c). */
static void
prepare_contribution_activated (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  tissage_contribution_choose_prepare (TISSAGE_WINDOW (widget));
}

static void
prepare_contribution_to_activated (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  gint64 structure;
  const char *path;

  g_variant_get (parameter, "(x&s)", &structure, &path);
  tissage_contribution_prepare_to (TISSAGE_WINDOW (widget), structure, path);
}

static void
merge_contribution_activated (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  tissage_contribution_choose_merge (TISSAGE_WINDOW (widget));
}

static void
merge_copy_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  tissage_contribution_choose_merge_copy (TISSAGE_WINDOW (widget));
}

static void
update_contribution_activated (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  tissage_contribution_choose_update (TISSAGE_WINDOW (widget));
}

static void
update_contribution_from_activated (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  tissage_contribution_update_from (TISSAGE_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
contribution_follow_up_activated (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  tissage_contribution_show_follow_up (TISSAGE_WINDOW (widget));
}

static void
merge_contribution_from_activated (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  tissage_contribution_merge_from (TISSAGE_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
save_copy_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TissageWindow *self = TISSAGE_WINDOW (widget);
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;

  if (self->document == NULL)
    return;

  title = tissage_document_dup_title (self->document);
  /* Translators: the file name proposed for a copy of a project */
  name = g_strdup_printf (_("%s (copy).tissage"), title);
  tissage_window_run_save_dialog (self, _("Save a Copy"), _("_Save"), name,
                   "win.save-copy-to", _("The Copy Could Not Be Saved"));
  tissage_window_add_project_filter (GTK_FILE_CHOOSER (self->chooser));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
save_copy_to_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TissageWindow *self = TISSAGE_WINDOW (widget);
  const char *path = g_variant_get_string (parameter, NULL);
  g_autofree char *with_suffix = g_str_has_suffix (path, ".tissage") ? g_strdup (path)
                                                                      : g_strconcat (path, ".tissage", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (with_suffix);
  g_autoptr(GError) error = NULL;

  if (self->document == NULL)
    return;

  if (g_file_equal (file, tissage_document_get_file (self->document)))
    {
      tissage_window_show_error_dialog (self, _("The Copy Could Not Be Saved"),
                         _("Choose another name: the copy cannot replace the project it comes from."));
      return;
    }

  if (!tissage_document_save_copy (self->document, file, &error))
    {
      tissage_window_show_error_dialog (self, _("The Copy Could Not Be Saved"), error->message);
      return;
    }

  /* The copy is the project now: it opens for editing. */
  tissage_window_open_file (self, file);
}

static void
export_map_to_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  export_map_to (TISSAGE_WINDOW (widget), g_variant_get_string (parameter, NULL),
                 !g_str_equal (action_name, "win.export-map-named-to"));
}

/* The workbook for the funders */

static TissageExportDialog *
ensure_export_dialog (TissageWindow *self)
{
  if (self->export_dialog == NULL)
    {
      TissagePeriod *period = tissage_synthesis_page_get_period (self->synthesis_page);
      TissageStructure *structure = tissage_synthesis_page_get_structure (self->synthesis_page);

      self->export_dialog = tissage_export_dialog_new (GTK_WINDOW (self), self->document,
                                                       tissage_map_widget_get_layout (get_map (self)));
      g_object_add_weak_pointer (G_OBJECT (self->export_dialog), (gpointer *) &self->export_dialog);
      /* What the Synthèse shows is what the user means to report. */
      tissage_export_dialog_select (TISSAGE_EXPORT_DIALOG (self->export_dialog),
                                    period != NULL ? tissage_record_get_id (TISSAGE_RECORD (period)) : 0,
                                    structure != NULL ? tissage_record_get_id (TISSAGE_RECORD (structure)) : 0);
    }

  gtk_window_present (self->export_dialog);
  return TISSAGE_EXPORT_DIALOG (self->export_dialog);
}

static void
export_xlsx_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TissageWindow *self = TISSAGE_WINDOW (widget);

  if (self->document != NULL)
    ensure_export_dialog (self);
}

/* The path the save dialog chose, for the export dialog to write to. */
static void
export_xlsx_to_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  TissageWindow *self = TISSAGE_WINDOW (widget);
  const char *path = g_variant_get_string (parameter, NULL);
  g_autofree char *lower = g_ascii_strdown (path, -1);
  g_autofree char *with_suffix = NULL;

  if (self->document == NULL)
    return;

  if (!g_str_has_suffix (lower, ".xlsx"))
    path = with_suffix = g_strconcat (path, ".xlsx", NULL);

  tissage_export_dialog_start (ensure_export_dialog (self), path);
}

void
tissage_window_choose_export_path (TissageWindow *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;

  g_return_if_fail (TISSAGE_IS_WINDOW (self));

  if (self->document == NULL)
    return;

  title = tissage_document_dup_title (self->document);
  g_strdelimit (title, "/\\", '-');
  /* TRANSLATORS: the default file name of the workbook; %s is the project */
  name = g_strdup_printf (_("%s — funders.xlsx"), title);

  tissage_window_run_save_dialog (self, _("Export for Funders"), _("_Export"), name,
                   "win.export-xlsx-to", _("The Workbook Could Not Be Exported"));
  gtk_file_filter_set_name (filter, _("Excel workbook"));
  gtk_file_filter_add_mime_type (filter, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  gtk_file_filter_add_suffix (filter, "xlsx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* The report */

static void
on_report_selection_changed (TissageReportDialog *dialog,
                             TissageWindow       *self)
{
  TissageReportOptions options;

  tissage_report_dialog_get_options (dialog, &options);
  self->report_chosen = TRUE;
  self->report_period_id = options.period_id;
  self->report_structure_id = options.structure_id;
}

static TissageReportDialog *
ensure_report_dialog (TissageWindow *self,
                      gboolean       print)
{
  if (self->report_dialog == NULL)
    {
      TissagePeriod *period = tissage_synthesis_page_get_period (self->synthesis_page);
      TissageStructure *structure = tissage_synthesis_page_get_structure (self->synthesis_page);

      self->report_dialog = tissage_report_dialog_new (GTK_WINDOW (self), self->document,
                                                       tissage_map_widget_get_layout (get_map (self)), print);
      g_object_add_weak_pointer (G_OBJECT (self->report_dialog), (gpointer *) &self->report_dialog);
      /* What the Synthèse shows is what the user means to report. */
      tissage_report_dialog_select (TISSAGE_REPORT_DIALOG (self->report_dialog),
                                    period != NULL ? tissage_record_get_id (TISSAGE_RECORD (period)) : 0,
                                    structure != NULL ? tissage_record_get_id (TISSAGE_RECORD (structure)) : 0);
      /* Unless the user chose otherwise in this window, for this project:
       * those choices again, while the period or structure still exists. */
      if (self->report_chosen)
        tissage_report_dialog_select (TISSAGE_REPORT_DIALOG (self->report_dialog),
                                      self->report_period_id, self->report_structure_id);
      g_signal_connect_object (self->report_dialog, "selection-changed",
                               G_CALLBACK (on_report_selection_changed), self, 0);
    }
  else if (!tissage_report_dialog_is_running (TISSAGE_REPORT_DIALOG (self->report_dialog)))
    tissage_report_dialog_set_print (TISSAGE_REPORT_DIALOG (self->report_dialog), print);

  gtk_window_present (self->report_dialog);
  return TISSAGE_REPORT_DIALOG (self->report_dialog);
}

static void
export_report_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  TissageWindow *self = TISSAGE_WINDOW (widget);

  if (self->document != NULL)
    ensure_report_dialog (self, FALSE);
}

static void
print_report_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TissageWindow *self = TISSAGE_WINDOW (widget);

  if (self->document != NULL)
    ensure_report_dialog (self, TRUE);
}

/* The path the save dialog chose, for the report dialog to write to. */
static void
export_report_to_activated (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  TissageWindow *self = TISSAGE_WINDOW (widget);
  const char *path = g_variant_get_string (parameter, NULL);
  g_autofree char *lower = g_ascii_strdown (path, -1);
  TissageReportDialog *dialog;

  if (self->document == NULL)
    return;

  dialog = ensure_report_dialog (self, FALSE);
  /* As the command line does: « x.docx » is no PDF, and no « x.docx.pdf »
   * made behind the user's back either. */
  if (!g_str_has_suffix (lower, ".pdf"))
    {
      g_autofree char *name = g_filename_display_basename (path);
      g_autofree char *message = g_strdup_printf (_("“%s” does not end in .pdf: name the report with that extension."), name);

      tissage_report_dialog_show_error (dialog, message);
      return;
    }

  /* The next report proposes this folder. */
  g_free (self->report_folder);
  self->report_folder = g_path_get_dirname (path);
  tissage_report_dialog_start (dialog, path);
}

static void
choose_report_path_activated (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  TissageWindow *self = TISSAGE_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (self->document == NULL)
    return;

  name = tissage_report_dialog_dup_file_name (ensure_report_dialog (self, FALSE));
  tissage_window_run_save_dialog (self, _("Export the Report"), _("_Export"), name,
                                  "win.export-report-to", _("The Report Could Not Be Exported"));
  /* Where the last report went, while it is there. */
  if (self->report_folder != NULL && g_file_test (self->report_folder, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) folder = g_file_new_for_path (self->report_folder);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
    }
  gtk_file_filter_set_name (filter, _("PDF document"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
open_uri_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autoptr(GError) error = NULL;

  /* GtkFileLauncher is GTK 4.10; this is what 4.8 has. */
  if (!g_app_info_launch_default_for_uri (g_variant_get_string (parameter, NULL), NULL, &error))
    tissage_widget_report_error (widget, error);
}

static void
search_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TissageWindow *self = TISSAGE_WINDOW (widget);

  /* The interviews have a search of their own. */
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "interviews") == 0)
    {
      tissage_interviews_page_focus_search (tissage_window_ensure_interviews_page (self));
      return;
    }

  adw_view_stack_set_visible_child_name (self->view_stack, "stakeholders");
  tissage_stakeholder_page_focus_search (self->stakeholder_page);
}

static void
new_interview_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  TissageWindow *self = TISSAGE_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "interviews");
  tissage_interviews_page_add (tissage_window_ensure_interviews_page (self));
}

static void
delete_interview_activated (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  tissage_interviews_page_delete_selected (tissage_window_ensure_interviews_page (TISSAGE_WINDOW (widget)));
}

static void
manage_structures_activated (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  TissageWindow *self = TISSAGE_WINDOW (widget);
  GtkWindow *dialog;

  if (self->document == NULL)
    return;

  dialog = tissage_structures_window_new (GTK_WINDOW (self), self->document);
  gtk_window_present (dialog);
}

static void
project_properties_activated (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  TissageWindow *self = TISSAGE_WINDOW (widget);

  if (self->document == NULL)
    return;

  gtk_window_present (tissage_project_window_new (GTK_WINDOW (self), self->document));
}

static void
import_csv_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TissageWindow *self = TISSAGE_WINDOW (widget);

  if (self->document == NULL)
    return;

  /* Answers go into the questions of a guide: without one there is nowhere to put them. */
  if (g_list_model_get_n_items (tissage_document_get_records (self->document, TISSAGE_TYPE_GRID)) == 0)
    {
      tissage_window_show_error_dialog (self, _("No Interview Guide Yet"),
                         _("Imported answers go into the questions of an interview guide. "
                           "Write the guide first, with the questions of the survey, in the Interviews section."));
      return;
    }

  gtk_window_present (tissage_csv_import_dialog_new (GTK_WINDOW (self), self->document));
}

static void
create_project_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  tissage_window_create_project (TISSAGE_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* What the widgets of the window tell it (tissage-widget-utils.h): they
 * activate these actions rather than know the window. */

static void
error_dialog_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  const char *heading, *body;

  g_variant_get (parameter, "(&s&s)", &heading, &body);
  tissage_window_show_error_dialog (TISSAGE_WINDOW (widget), heading, body);
}

static void
error_toast_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AdwToast *toast = adw_toast_new (g_variant_get_string (parameter, NULL));

  adw_toast_set_timeout (toast, 6);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  tissage_window_add_toast (TISSAGE_WINDOW (widget), toast);
}

static void
toast_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  const char *title, *uri;
  AdwToast *toast;

  g_variant_get (parameter, "(&s&s)", &title, &uri);
  toast = adw_toast_new (title);
  if (*uri != '\0')
    {
      adw_toast_set_button_label (toast, _("_Open"));
      adw_toast_set_action_name (toast, "win.open-uri");
      adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
    }
  tissage_window_add_toast (TISSAGE_WINDOW (widget), toast);
}

static void
undo_toast_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  tissage_window_add_undo_toast (TISSAGE_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
show_section_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  tissage_window_show_section (TISSAGE_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
choose_export_path_activated (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  tissage_window_choose_export_path (TISSAGE_WINDOW (widget));
}

void
tissage_window_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, TissageWindow, referentiel_page);
  gtk_widget_class_bind_template_child (widget_class, TissageWindow, interviews_slot);
  gtk_widget_class_bind_template_child (widget_class, TissageWindow, synthesis_page);

  gtk_widget_class_install_action (widget_class, "win.create-project", "s", create_project_activated);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, history_activated);
  gtk_widget_class_install_action (widget_class, "win.undo-step", "t", undo_step_activated);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, history_activated);
  gtk_widget_class_install_action (widget_class, "win.add-stakeholder", NULL, add_stakeholder_activated);
  gtk_widget_class_install_action (widget_class, "win.delete-stakeholder", NULL, delete_stakeholder_activated);
  gtk_widget_class_install_action (widget_class, "win.delete-link", NULL, delete_link_activated);
  gtk_widget_class_install_action (widget_class, "win.delete-selection", NULL, delete_selection_activated);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_activated);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_activated);
  gtk_widget_class_install_action (widget_class, "win.zoom-fit", NULL, zoom_activated);
  gtk_widget_class_install_action (widget_class, "win.export-map", NULL, export_map_activated);
  gtk_widget_class_install_action (widget_class, "win.arrange-map", NULL, arrange_map_activated);
  gtk_widget_class_install_action (widget_class, "win.export-map-to", "s", export_map_to_activated);
  gtk_widget_class_install_action (widget_class, "win.export-map-named-to", "s", export_map_to_activated);
  gtk_widget_class_install_action (widget_class, "win.prepare-contribution", NULL, prepare_contribution_activated);
  gtk_widget_class_install_action (widget_class, "win.prepare-contribution-to", "(xs)", prepare_contribution_to_activated);
  gtk_widget_class_install_action (widget_class, "win.merge-contribution", NULL, merge_contribution_activated);
  gtk_widget_class_install_action (widget_class, "win.merge-copy", NULL, merge_copy_activated);
  gtk_widget_class_install_action (widget_class, "win.merge-contribution-from", "s", merge_contribution_from_activated);
  gtk_widget_class_install_action (widget_class, "win.contribution-follow-up", NULL, contribution_follow_up_activated);
  gtk_widget_class_install_action (widget_class, "win.update-contribution", NULL, update_contribution_activated);
  gtk_widget_class_install_action (widget_class, "win.update-contribution-from", "s", update_contribution_from_activated);
  gtk_widget_class_install_action (widget_class, "win.save-copy", NULL, save_copy_activated);
  gtk_widget_class_install_action (widget_class, "win.save-copy-to", "s", save_copy_to_activated);
  gtk_widget_class_install_action (widget_class, "win.export-xlsx", NULL, export_xlsx_activated);
  gtk_widget_class_install_action (widget_class, "win.export-xlsx-to", "s", export_xlsx_to_activated);
  gtk_widget_class_install_action (widget_class, "win.open-uri", "s", open_uri_activated);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_activated);
  gtk_widget_class_install_action (widget_class, "win.manage-structures", NULL, manage_structures_activated);
  gtk_widget_class_install_action (widget_class, "win.project-properties", NULL, project_properties_activated);
  gtk_widget_class_install_action (widget_class, "win.new-interview", NULL, new_interview_activated);
  gtk_widget_class_install_action (widget_class, "win.delete-interview", NULL, delete_interview_activated);
  gtk_widget_class_install_action (widget_class, "win.import-csv", NULL, import_csv_activated);
  gtk_widget_class_install_action (widget_class, "win.error-dialog", "(ss)", error_dialog_activated);
  gtk_widget_class_install_action (widget_class, "win.error-toast", "s", error_toast_activated);
  gtk_widget_class_install_action (widget_class, "win.toast", "(ss)", toast_activated);
  gtk_widget_class_install_action (widget_class, "win.undo-toast", "s", undo_toast_activated);
  gtk_widget_class_install_action (widget_class, "win.show-section", "s", show_section_activated);
  gtk_widget_class_install_action (widget_class, "win.choose-export-path", NULL, choose_export_path_activated);
  gtk_widget_class_install_action (widget_class, "win.export-report", NULL, export_report_activated);
  gtk_widget_class_install_action (widget_class, "win.export-report-to", "s", export_report_to_activated);
  gtk_widget_class_install_action (widget_class, "win.choose-report-path", NULL, choose_report_path_activated);
  gtk_widget_class_install_action (widget_class, "win.print-report", NULL, print_report_activated);
  tissage_window_install_interop_actions (widget_class);
}

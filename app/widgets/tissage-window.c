#define G_LOG_DOMAIN "tissage-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tissage-application.h"
#include "tissage-export-dialog.h"
#include "tissage-interviews-page.h"
#include "tissage-lock.h"
#include "tissage-csv-import-dialog.h"
#include "tissage-map-export.h"
#include "tissage-map-widget.h"
#include "tissage-referentiel-page.h"
#include "tissage-stakeholder-page.h"
#include "tissage-structures-window.h"
#include "tissage-project-window.h"
#include "tissage-synthesis-page.h"
#include "tissage-utils.h"
#include "tissage-window.h"
#include "tissage-contribution-dialogs.h"
#include "tissage-map-document.h"

#define MAX_RECENT 8

struct _TissageWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwStatusPage        *start_page;
  AdwPreferencesGroup  *recent_group;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewStack         *view_stack;
  GtkRevealer          *read_only_revealer;
  GtkLabel             *read_only_label;
  GtkWidget            *save_copy_button;
  GtkRevealer          *contribution_revealer;
  GtkLabel             *contribution_label;
  gboolean              closing_anyway;
  TissageStakeholderPage *stakeholder_page;
  TissageReferentielPage *referentiel_page;
  AdwBin               *interviews_slot;
  /* Made when the section is first shown: with its entry page, guide
   * editor and quote browser it would cost every window's opening. */
  TissageInterviewsPage *interviews_page;
  TissageSynthesisPage *synthesis_page;

  GSettings            *settings;
  TissageDocument      *document;
  AdwToast             *history_toast;   /* says what undo or redo did, while shown */
  GPtrArray            *recent_rows;
  GtkFileChooserNative *chooser;
  GtkWindow            *export_dialog;   /* weak */
};

G_DEFINE_FINAL_TYPE (TissageWindow, tissage_window, ADW_TYPE_APPLICATION_WINDOW)

static void update_actions (TissageWindow *self);

static void
remember_recent (TissageWindow *self,
                 GFile         *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_auto(GStrv) current = g_settings_get_strv (self->settings, "recent-projects");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;
  guint n = 1;

  /* Settings hold UTF-8: a name from elsewhere (an archive made on
   * Windows) is not remembered rather than break them. */
  if (path == NULL || !g_utf8_validate (path, -1, NULL))
    return;

  g_strv_builder_add (builder, path);
  for (guint i = 0; current[i] != NULL && n < MAX_RECENT; i++)
    {
      if (g_str_equal (current[i], path))
        continue;
      g_strv_builder_add (builder, current[i]);
      n++;
    }

  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-projects", (const char * const *) updated);
}

static void
on_recent_activated (AdwActionRow  *row,
                     TissageWindow *self)
{
  const char *path = g_object_get_data (G_OBJECT (row), "path");
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_application_open (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))),
                      &file, 1, "");
}

static void
rebuild_recent (TissageWindow *self)
{
  g_auto(GStrv) paths = g_settings_get_strv (self->settings, "recent-projects");
  guint shown = 0;

  for (guint i = 0; i < self->recent_rows->len; i++)
    adw_preferences_group_remove (self->recent_group, g_ptr_array_index (self->recent_rows, i));
  g_ptr_array_set_size (self->recent_rows, 0);

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *dir = NULL;
      g_autofree char *dir_display = NULL;
      char *dot;
      AdwActionRow *row;

      if (!g_file_test (paths[i], G_FILE_TEST_IS_REGULAR))
        continue;

      name = g_filename_display_basename (paths[i]);
      if ((dot = g_strrstr (name, ".tissage")) != NULL)
        *dot = '\0';
      dir = g_path_get_dirname (paths[i]);
      dir_display = g_filename_display_name (dir);

      row = ADW_ACTION_ROW (adw_action_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (row, dir_display);
      adw_action_row_add_suffix (row, gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "path", g_strdup (paths[i]), g_free);
      g_signal_connect (row, "activated", G_CALLBACK (on_recent_activated), self);

      adw_preferences_group_add (self->recent_group, GTK_WIDGET (row));
      g_ptr_array_add (self->recent_rows, row);
      shown++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->recent_group), shown > 0);
}

static void
update_title (TissageWindow *self)
{
  g_autofree char *title = NULL;
  g_autofree char *full_title = NULL;

  if (self->document == NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), "Tissage");
      return;
    }

  full_title = tissage_document_dup_title (self->document);
  title = tissage_text_shorten (full_title, TISSAGE_NAME_MAX_CHARS);
  adw_view_switcher_title_set_title (self->switcher_title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);

  if (tissage_document_get_read_only (self->document))
    adw_view_switcher_title_set_subtitle (self->switcher_title, _("Read-only"));
  else
    adw_view_switcher_title_set_subtitle (self->switcher_title, NULL);
}

static void
update_actions (TissageWindow *self)
{
  gboolean has_document = self->document != NULL;
  gboolean writable = has_document && !tissage_document_get_read_only (self->document);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 writable && tissage_document_can_undo (self->document));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 writable && tissage_document_can_redo (self->document));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-stakeholder", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-stakeholder",
                                 writable && tissage_stakeholder_page_get_selected (self->stakeholder_page) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-link",
                                 writable && tissage_stakeholder_page_get_selected_link (self->stakeholder_page) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-selection",
                                 writable && (tissage_stakeholder_page_get_selected (self->stakeholder_page) != NULL ||
                                              tissage_stakeholder_page_get_selected_link (self->stakeholder_page) != NULL));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.manage-structures", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.project-properties", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-csv", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.prepare-contribution", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.prepare-contribution-to", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.merge-contribution", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.merge-contribution-from", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-copy", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-map", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-xlsx", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-xlsx-to", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.arrange-map", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-in", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-out", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-fit", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-interview", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-interview",
                                 writable && self->interviews_page != NULL &&
                                 tissage_interviews_page_get_selected (self->interviews_page) != NULL);
}

static void
update_read_only_bar (TissageWindow *self)
{
  gboolean read_only = self->document != NULL && tissage_document_get_read_only (self->document);

  gtk_label_set_text (self->read_only_label,
                      read_only ? tissage_document_get_read_only_reason (self->document) : "");
  gtk_widget_set_visible (self->save_copy_button,
                          read_only && tissage_document_can_save_copy (self->document));
  gtk_revealer_set_reveal_child (self->read_only_revealer, read_only);

  {
    g_autofree char *banner = tissage_contribution_dup_banner (self->document);

    gtk_label_set_text (self->contribution_label, banner != NULL ? banner : "");
    gtk_revealer_set_reveal_child (self->contribution_revealer, banner != NULL);
  }
}

static void
on_document_notify (TissageWindow *self)
{
  update_actions (self);
  update_title (self);
  update_read_only_bar (self);
}

void
tissage_window_set_document (TissageWindow   *self,
                             TissageDocument *document)
{
  g_return_if_fail (TISSAGE_IS_WINDOW (self));
  g_return_if_fail (!document || TISSAGE_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);

  tissage_stakeholder_page_set_document (self->stakeholder_page, NULL);
  tissage_referentiel_page_set_document (self->referentiel_page, NULL);
  if (self->interviews_page != NULL)
    tissage_interviews_page_set_document (self->interviews_page, NULL);
  tissage_synthesis_page_set_document (self->synthesis_page, NULL);
  g_set_object (&self->document, document);

  if (document != NULL)
    {
      g_signal_connect_object (document, "notify", G_CALLBACK (on_document_notify),
                               self, G_CONNECT_SWAPPED);

      tissage_stakeholder_page_set_document (self->stakeholder_page, document);
      tissage_referentiel_page_set_document (self->referentiel_page, document);
      if (self->interviews_page != NULL)
        tissage_interviews_page_set_document (self->interviews_page, document);
      tissage_synthesis_page_set_document (self->synthesis_page, document);
      remember_recent (self, tissage_document_get_file (document));

      update_read_only_bar (self);
      gtk_stack_set_visible_child_name (self->main_stack, "project");
    }
  else
    {
      rebuild_recent (self);
      gtk_stack_set_visible_child_name (self->main_stack, "start");
    }

  update_title (self);
  update_actions (self);
}

TissageDocument *
tissage_window_get_document (TissageWindow *self)
{
  g_return_val_if_fail (TISSAGE_IS_WINDOW (self), NULL);

  return self->document;
}

static void
show_error_dialog (TissageWindow *self,
                   const char    *heading,
                   const char    *body)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_locked_response (AdwMessageDialog *dialog,
                    const char       *response,
                    TissageWindow    *self)
{
  GFile *file = g_object_get_data (G_OBJECT (dialog), "file");
  g_autoptr(TissageDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(TissageLockOwner) owner = tissage_lock_read_owner (path);
  g_autofree char *who = owner != NULL ? tissage_lock_owner_describe (owner) : g_strdup ("");
  g_autofree char *reason = g_strdup_printf (_("%s You are reading it: what you see is the project as it was when you opened it, and it cannot be changed here."), who);

  if (g_str_equal (response, "read-only"))
    document = tissage_document_open_for_reading_with_reason (file, reason, &error);
  else if (g_str_equal (response, "take-over"))
    document = tissage_document_open_taking_over (file, &error);
  else
    return;

  if (document == NULL)
    show_error_dialog (self, _("The Project Could Not Be Opened"), error->message);
  else
    tissage_window_set_document (self, document);
}

/* Someone else has the project open: say who, and offer to read it. */
static void
ask_locked (TissageWindow *self,
            GFile         *file,
            const char    *message)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(TissageLockOwner) owner = tissage_lock_read_owner (path);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("The Project Is Already Open"), message));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "read-only", _("Open _Read-Only"),
                                    NULL);
  /* On another computer, Tissage cannot tell whether they are still
   * there (a computer that crashed leaves its lock): the user may say. */
  if (owner != NULL && g_strcmp0 (owner->host, g_get_host_name ()) != 0)
    {
      adw_message_dialog_add_response (dialog, "take-over", _("Open for _Editing Anyway"));
      adw_message_dialog_set_response_appearance (dialog, "take-over", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_format_body (dialog, "%s\n\n%s", message,
                                      _("Open it for editing only if you know that this person has closed it: two people changing it at once would lose each other’s work."));
    }
  adw_message_dialog_set_default_response (dialog, "read-only");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "file", g_object_ref (file), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_locked_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
tissage_window_open_file (TissageWindow *self,
                          GFile         *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = NULL;

  g_return_val_if_fail (TISSAGE_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->document != NULL && g_file_equal (tissage_document_get_file (self->document), file))
    return TRUE;

  document = tissage_document_open_checked_later (file, &error);
  if (document == NULL && g_error_matches (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_LOCKED))
    {
      ask_locked (self, file, error->message);
      return FALSE;
    }
  if (document == NULL)
    {
      show_error_dialog (self, _("The Project Could Not Be Opened"), error->message);
      return FALSE;
    }

  tissage_window_set_document (self, document);
  return TRUE;
}

static void on_selection_changed (TissageWindow *self);

static TissageInterviewsPage *
ensure_interviews_page (TissageWindow *self)
{
  if (self->interviews_page == NULL)
    {
      self->interviews_page = g_object_new (TISSAGE_TYPE_INTERVIEWS_PAGE, NULL);
      adw_bin_set_child (self->interviews_slot, GTK_WIDGET (self->interviews_page));
      g_signal_connect_object (self->interviews_page, "notify::selected",
                               G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
      if (self->document != NULL)
        tissage_interviews_page_set_document (self->interviews_page, self->document);
    }

  return self->interviews_page;
}

static void
on_section_changed (TissageWindow *self)
{
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "interviews") == 0)
    ensure_interviews_page (self);
}

GtkWidget *
tissage_window_get_interviews_page (TissageWindow *self)
{
  g_return_val_if_fail (TISSAGE_IS_WINDOW (self), NULL);

  return GTK_WIDGET (ensure_interviews_page (self));
}

GtkWidget *
tissage_window_get_referentiel_page (TissageWindow *self)
{
  g_return_val_if_fail (TISSAGE_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->referentiel_page);
}

void
tissage_window_show_section (TissageWindow *self,
                             const char    *name)
{
  g_return_if_fail (TISSAGE_IS_WINDOW (self));

  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

GtkWidget *
tissage_window_get_synthesis_page (TissageWindow *self)
{
  g_return_val_if_fail (TISSAGE_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->synthesis_page);
}

GtkWidget *
tissage_window_get_stakeholder_page (TissageWindow *self)
{
  g_return_val_if_fail (TISSAGE_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->stakeholder_page);
}

void
tissage_window_add_toast (TissageWindow *self,
                          AdwToast      *toast)
{
  g_return_if_fail (TISSAGE_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * tissage_window_add_undo_toast:
 *
 * Says that the edit just made is done, with a button to undo it, for as
 * long as it is the edit that undo would take back.
 */
void
tissage_window_add_undo_toast (TissageWindow *self,
                               const char    *title)
{
  AdwToast *toast;

  g_return_if_fail (TISSAGE_IS_WINDOW (self));

  if (self->document == NULL)
    return;

  /* The button undoes this edit, and nothing else once it is not the last. */
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-step");
  adw_toast_set_action_target_value (toast, g_variant_new_uint64 (tissage_document_get_undo_serial (self->document)));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
tissage_widget_report_error (GtkWidget    *widget,
                             const GError *error)
{
  GtkRoot *root;
  AdwToast *toast;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (error != NULL);

  g_debug ("Reported: %s", error->message);

  root = gtk_widget_get_root (widget);
  if (root != NULL && !TISSAGE_IS_WINDOW (root))
    root = gtk_widget_get_root (GTK_WIDGET (gtk_window_get_transient_for (GTK_WINDOW (root))));

  if (root == NULL || !TISSAGE_IS_WINDOW (root))
    {
      g_warning ("%s", error->message);
      return;
    }

  if (error->domain == TISSAGE_DOCUMENT_ERROR &&
      (error->code == TISSAGE_DOCUMENT_ERROR_IO || error->code == TISSAGE_DOCUMENT_ERROR_LOCKED))
    {
      show_error_dialog (TISSAGE_WINDOW (root), _("The Change Was Not Saved"), error->message);
      return;
    }

  toast = adw_toast_new (error->message);
  adw_toast_set_timeout (toast, 6);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (TISSAGE_WINDOW (root)->toast_overlay, toast);
}

/* Files */

static void
add_project_filter (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Tissage projects"));
  gtk_file_filter_add_mime_type (filter, "application/x-tissage");
  gtk_file_filter_add_suffix (filter, "tissage");
  gtk_file_chooser_add_filter (chooser, filter);

  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, all);
  gtk_file_chooser_set_filter (chooser, filter);
}

static void
create_project (TissageWindow *self,
                const char    *path)
{
  g_autoptr(GFile) target = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = NULL;

  if (!g_str_has_suffix (path, ".tissage"))
    {
      g_autofree char *with_suffix = g_strconcat (path, ".tissage", NULL);
      target = g_file_new_for_path (with_suffix);
    }
  else
    target = g_file_new_for_path (path);

  document = tissage_document_create (target, &error);
  if (document == NULL)
    {
      show_error_dialog (self, _("The Project Could Not Be Created"), error->message);
      return;
    }
  tissage_window_set_document (self, document);
}

/* A save dialog hands its local path to the action it was opened for. */
static void
on_save_response (GtkNativeDialog *dialog,
                  int              response,
                  TissageWindow   *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *action = g_strdup (g_object_get_data (G_OBJECT (dialog), "action"));
  g_autofree char *heading = g_strdup (g_object_get_data (G_OBJECT (dialog), "heading"));
  const char *named_action = g_object_get_data (G_OBJECT (dialog), "named-action");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      /* Naming the people interviewed is another action, chosen here. */
      if (named_action != NULL &&
          g_strcmp0 (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "names"), "true") == 0)
        {
          g_free (action);
          action = g_strdup (named_action);
        }
    }
  g_clear_object (&self->chooser);

  if (file == NULL)
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      show_error_dialog (self, heading, _("Only a local folder can be chosen."));
      return;
    }

  gtk_widget_activate_action (GTK_WIDGET (self), action, "s", path);
}

static void
run_save_dialog (TissageWindow *self,
                 const char    *title,
                 const char    *accept,
                 const char    *name,
                 const char    *action,
                 const char    *error_heading)
{
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               accept, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  /* Beside the project, where its exports and copies usually go. */
  if (self->document != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (tissage_document_get_file (self->document));

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
    }
  g_object_set_data (G_OBJECT (self->chooser), "action", (gpointer) action);
  g_object_set_data_full (G_OBJECT (self->chooser), "heading", g_strdup (error_heading), g_free);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_save_response), self);
}

void
tissage_window_choose_new (TissageWindow *self)
{
  g_return_if_fail (TISSAGE_IS_WINDOW (self));

  run_save_dialog (self, _("New Project"), _("_Create"), _("New project.tissage"),
                   "win.create-project", _("The Project Could Not Be Created"));
  add_project_filter (GTK_FILE_CHOOSER (self->chooser));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_open_response (GtkNativeDialog *dialog,
                  int              response,
                  TissageWindow   *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_clear_object (&self->chooser);

  if (file != NULL)
    g_application_open (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))),
                        &file, 1, "");
}

void
tissage_window_choose_open (TissageWindow *self)
{
  g_return_if_fail (TISSAGE_IS_WINDOW (self));

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Open a Project"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  add_project_filter (GTK_FILE_CHOOSER (self->chooser));
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Actions */

static void
forget_history_toast (TissageWindow *self)
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
  g_signal_connect_swapped (toast, "dismissed", G_CALLBACK (forget_history_toast), self);
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
      show_error_dialog (self, _("The Map Could Not Be Exported"), error->message);
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

  run_save_dialog (self, _("Export the Map"), _("_Export"), name,
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

/* Contributions of member structures (tissage-contribution-dialogs.c). */
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
merge_contribution_from_activated (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  tissage_contribution_merge_from (TISSAGE_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* A copy of what the window holds: the repaired project, or the work of
 * a project whose file went away under the window. */
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
  run_save_dialog (self, _("Save a Copy"), _("_Save"), name,
                   "win.save-copy-to", _("The Copy Could Not Be Saved"));
  add_project_filter (GTK_FILE_CHOOSER (self->chooser));
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
      show_error_dialog (self, _("The Copy Could Not Be Saved"),
                         _("Choose another name: the copy cannot replace the project it comes from."));
      return;
    }

  if (!tissage_document_save_copy (self->document, file, &error))
    {
      show_error_dialog (self, _("The Copy Could Not Be Saved"), error->message);
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

  run_save_dialog (self, _("Export for Funders"), _("_Export"), name,
                   "win.export-xlsx-to", _("The Workbook Could Not Be Exported"));
  gtk_file_filter_set_name (filter, _("Excel workbook"));
  gtk_file_filter_add_mime_type (filter, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  gtk_file_filter_add_suffix (filter, "xlsx");
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
      tissage_interviews_page_focus_search (ensure_interviews_page (self));
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
  tissage_interviews_page_add (ensure_interviews_page (self));
}

static void
delete_interview_activated (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  tissage_interviews_page_delete_selected (ensure_interviews_page (TISSAGE_WINDOW (widget)));
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
      show_error_dialog (self, _("No Interview Guide Yet"),
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
  create_project (TISSAGE_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
on_selection_changed (TissageWindow *self)
{
  update_actions (self);
}

/* GObject */

static void
on_close_detached_response (AdwMessageDialog *dialog,
                            const char       *response,
                            TissageWindow    *self)
{
  if (g_str_equal (response, "save"))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.save-copy", NULL);
  else if (g_str_equal (response, "discard"))
    {
      self->closing_anyway = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

/* A project whose file went away lives only in this window: closing it
 * asks first, with a copy one button away. */
static gboolean
ask_before_closing (TissageWindow *self)
{
  AdwMessageDialog *dialog;

  if (self->closing_anyway || self->document == NULL ||
      !tissage_document_get_detached (self->document))
    return FALSE;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Save a Copy Before Closing?"),
                                                       tissage_document_get_read_only_reason (self->document)));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Close Without Saving"),
                                    "save", _("_Save a Copy…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_detached_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static gboolean
tissage_window_close_request (GtkWindow *window)
{
  TissageWindow *self = TISSAGE_WINDOW (window);
  int width, height;

  if (ask_before_closing (self))
    return TRUE;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  return GTK_WINDOW_CLASS (tissage_window_parent_class)->close_request (window);
}

static void
tissage_window_dispose (GObject *object)
{
  TissageWindow *self = TISSAGE_WINDOW (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_clear_object (&self->chooser);
  if (self->export_dialog != NULL)
    gtk_window_destroy (self->export_dialog);
  forget_history_toast (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), TISSAGE_TYPE_WINDOW);

  G_OBJECT_CLASS (tissage_window_parent_class)->dispose (object);
}

static void
tissage_window_finalize (GObject *object)
{
  TissageWindow *self = TISSAGE_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->recent_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (tissage_window_parent_class)->finalize (object);
}

static void
tissage_window_class_init (TissageWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tissage_window_dispose;
  object_class->finalize = tissage_window_finalize;
  window_class->close_request = tissage_window_close_request;

  g_type_ensure (TISSAGE_TYPE_STAKEHOLDER_PAGE);
  g_type_ensure (TISSAGE_TYPE_REFERENTIEL_PAGE);
  g_type_ensure (TISSAGE_TYPE_SYNTHESIS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/tissage-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TissageWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TissageWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, TissageWindow, start_page);
  gtk_widget_class_bind_template_child (widget_class, TissageWindow, recent_group);
  gtk_widget_class_bind_template_child (widget_class, TissageWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, TissageWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, TissageWindow, read_only_revealer);
  gtk_widget_class_bind_template_child (widget_class, TissageWindow, read_only_label);
  gtk_widget_class_bind_template_child (widget_class, TissageWindow, save_copy_button);
  gtk_widget_class_bind_template_child (widget_class, TissageWindow, contribution_revealer);
  gtk_widget_class_bind_template_child (widget_class, TissageWindow, contribution_label);
  gtk_widget_class_bind_template_child (widget_class, TissageWindow, stakeholder_page);
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
  gtk_widget_class_install_action (widget_class, "win.merge-contribution-from", "s", merge_contribution_from_activated);
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
}

static void
tissage_window_init (TissageWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->recent_rows = g_ptr_array_new ();
  self->settings = g_settings_new (APP_ID);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_signal_connect_object (self->stakeholder_page, "notify::selected",
                           G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->stakeholder_page, "notify::selected-link",
                           G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view_stack, "notify::visible-child-name",
                           G_CALLBACK (on_section_changed), self, G_CONNECT_SWAPPED);

  rebuild_recent (self);
  update_actions (self);
}

TissageWindow *
tissage_window_new (GtkApplication *application)
{
  return g_object_new (TISSAGE_TYPE_WINDOW, "application", application, NULL);
}

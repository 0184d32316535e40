/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tissage-lock.h"
#include "tissage-window-private.h"

#define MAX_RECENT 8

void
tissage_window_remember_recent (TissageWindow *self,
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

void
tissage_window_rebuild_recent (TissageWindow *self)
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
    tissage_window_show_error_dialog (self, _("The Project Could Not Be Opened"), error->message);
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
      tissage_window_show_error_dialog (self, _("The Project Could Not Be Opened"), error->message);
      return FALSE;
    }

  tissage_window_set_document (self, document);
  return TRUE;
}

/* Files */

void
tissage_window_add_project_filter (GtkFileChooser *chooser)
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

void
tissage_window_create_project (TissageWindow *self,
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
      tissage_window_show_error_dialog (self, _("The Project Could Not Be Created"), error->message);
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
      tissage_window_show_error_dialog (self, heading, _("Only a local folder can be chosen."));
      return;
    }

  gtk_widget_activate_action (GTK_WIDGET (self), action, "s", path);
}

void
tissage_window_run_save_dialog (TissageWindow *self,
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

  tissage_window_run_save_dialog (self, _("New Project"), _("_Create"), _("New project.tissage"),
                   "win.create-project", _("The Project Could Not Be Created"));
  tissage_window_add_project_filter (GTK_FILE_CHOOSER (self->chooser));
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
  tissage_window_add_project_filter (GTK_FILE_CHOOSER (self->chooser));
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

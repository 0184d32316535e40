/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tissage-application.h"
#include "tissage-window-contributions.h"
#include "tissage-utils.h"
#include "tissage-window-private.h"

G_DEFINE_FINAL_TYPE (TissageWindow, tissage_window, ADW_TYPE_APPLICATION_WINDOW)

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

void
tissage_window_update_actions (TissageWindow *self)
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
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.merge-copy", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.merge-contribution-from", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.contribution-follow-up", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.update-contribution", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.update-contribution-from", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-copy", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-map", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-xlsx", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-xlsx-to", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-report", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-report-to", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.choose-report-path", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print-report", has_document);
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
  tissage_window_update_actions (self);
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

  /* The report's choices were those of the project shown so far. */
  self->report_chosen = FALSE;

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
      tissage_window_remember_recent (self, tissage_document_get_file (document));

      update_read_only_bar (self);
      gtk_stack_set_visible_child_name (self->main_stack, "project");
    }
  else
    {
      tissage_window_rebuild_recent (self);
      gtk_stack_set_visible_child_name (self->main_stack, "start");
    }

  update_title (self);
  tissage_window_update_actions (self);
}

TissageDocument *
tissage_window_get_document (TissageWindow *self)
{
  g_return_val_if_fail (TISSAGE_IS_WINDOW (self), NULL);

  return self->document;
}

void
tissage_window_show_error_dialog (TissageWindow *self,
                   const char    *heading,
                   const char    *body)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void on_selection_changed (TissageWindow *self);

TissageInterviewsPage *
tissage_window_ensure_interviews_page (TissageWindow *self)
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
    tissage_window_ensure_interviews_page (self);
}

GtkWidget *
tissage_window_get_interviews_page (TissageWindow *self)
{
  g_return_val_if_fail (TISSAGE_IS_WINDOW (self), NULL);

  return GTK_WIDGET (tissage_window_ensure_interviews_page (self));
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

static void
on_selection_changed (TissageWindow *self)
{
  tissage_window_update_actions (self);
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
  tissage_window_forget_history_toast (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), TISSAGE_TYPE_WINDOW);

  G_OBJECT_CLASS (tissage_window_parent_class)->dispose (object);
}

static void
tissage_window_finalize (GObject *object)
{
  TissageWindow *self = TISSAGE_WINDOW (object);

  g_clear_object (&self->settings);
  g_free (self->report_folder);
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
  tissage_window_install_actions (widget_class);
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

  tissage_window_rebuild_recent (self);
  tissage_window_update_actions (self);
}

TissageWindow *
tissage_window_new (GtkApplication *application)
{
  return g_object_new (TISSAGE_TYPE_WINDOW, "application", application, NULL);
}

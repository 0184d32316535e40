/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-project"

#include "config.h"

#include <glib/gi18n.h>

#include "tissage-entities.h"
#include "tissage-project-window.h"
#include "tissage-record-editor.h"
#include "tissage-widget-utils.h"

/*
 * The project's own record: its name (the window, the map's centre when no
 * collective is given, the workbook and the exports), the collective, the
 * territory and a description. Each field is saved as it is typed, and
 * the letters typed into one field are one undo step.
 */
struct _TissageProjectWindow
{
  AdwWindow            parent_instance;

  TissageRecordEditor *editor;
  TissageDocument     *document;
};

G_DEFINE_FINAL_TYPE (TissageProjectWindow, tissage_project_window, ADW_TYPE_WINDOW)

static const TissageField project_fields[] = {
  { "name", N_("Project Name"), TISSAGE_FIELD_TEXT, N_("The Project"), NULL, NULL },
  { "collective", N_("Collective"), TISSAGE_FIELD_TEXT, NULL, NULL, NULL },
  { "territory", N_("Territory"), TISSAGE_FIELD_TEXT, NULL, NULL, NULL },
  { "description", N_("Description"), TISSAGE_FIELD_NOTES, NULL, NULL, NULL },
};

static void
undo_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TissageProjectWindow *self = TISSAGE_PROJECT_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (tissage_document_can_undo (self->document) &&
      !tissage_document_undo (self->document, &error))
    tissage_widget_report_error (widget, error);
}

static void
redo_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TissageProjectWindow *self = TISSAGE_PROJECT_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (tissage_document_can_redo (self->document) &&
      !tissage_document_redo (self->document, &error))
    tissage_widget_report_error (widget, error);
}

static void
tissage_project_window_dispose (GObject *object)
{
  TissageProjectWindow *self = TISSAGE_PROJECT_WINDOW (object);

  g_clear_object (&self->document);

  G_OBJECT_CLASS (tissage_project_window_parent_class)->dispose (object);
}

static void
tissage_project_window_class_init (TissageProjectWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tissage_project_window_dispose;

  gtk_widget_class_install_action (widget_class, "project.undo", NULL, undo_activated);
  gtk_widget_class_install_action (widget_class, "project.redo", NULL, redo_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "project.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "project.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tissage_project_window_init (TissageProjectWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_window_set_title (GTK_WINDOW (self), _("Project Properties"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 560);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);

  self->editor = TISSAGE_RECORD_EDITOR (tissage_record_editor_new (project_fields, G_N_ELEMENTS (project_fields)));
  gtk_widget_set_vexpand (GTK_WIDGET (self->editor), TRUE);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->editor));
  adw_window_set_content (ADW_WINDOW (self), box);
}

GtkWindow *
tissage_project_window_new (GtkWindow       *parent,
                            TissageDocument *document)
{
  TissageProjectWindow *self;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), NULL);

  self = g_object_new (TISSAGE_TYPE_PROJECT_WINDOW, "transient-for", parent, NULL);
  self->document = g_object_ref (document);
  tissage_record_editor_set_document (self->editor, document);
  tissage_record_editor_set_record (self->editor, TISSAGE_RECORD (tissage_document_get_project (document)));
  tissage_record_editor_focus_first (self->editor);

  return GTK_WINDOW (self);
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-structures"

#include "config.h"

#include <glib/gi18n.h>

#include "tissage-members.h"
#include "tissage-structures-window.h"
#include "tissage-widget-utils.h"

struct _TissageStructuresWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwPreferencesGroup  *structures_group;
  AdwPreferencesGroup  *categories_group;

  TissageDocument      *document;
  GPtrArray            *structure_rows;
  GPtrArray            *category_rows;
};

G_DEFINE_FINAL_TYPE (TissageStructuresWindow, tissage_structures_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
report (TissageStructuresWindow *self,
        const GError            *error)
{
  AdwToast *toast = adw_toast_new (error->message);

  adw_toast_set_timeout (toast, 6);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

/* An entry row that saves one text column of a record as it is typed. */
static void
on_entry_changed (AdwEntryRow *row,
                  gpointer     user_data)
{
  TissageStructuresWindow *self = user_data;
  TissageRecord *record = g_object_get_data (G_OBJECT (row), "record");
  const char *property = g_object_get_data (G_OBJECT (row), "property");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;
  g_autofree char *current = NULL;

  g_object_get (record, property, &current, NULL);
  if (g_strcmp0 (current, text) == 0)
    return;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, text);
  /* A structure and the stakeholder that stands for it keep one name */
  if (TISSAGE_IS_STRUCTURE (record) && g_str_equal (property, "name")
      ? !tissage_document_rename_structure (self->document, TISSAGE_STRUCTURE (record), text, &error)
      : !tissage_document_set_value (self->document, record, property, &value, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      if (!g_error_matches (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE))
        report (self, error);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

/* The record changed (undo, another window): the row follows. Setting the
 * text of an editable clears it and inserts anew, two "changed" that would
 * each save, and each save notify back here: only a different text is set,
 * and never as if typed. */
static void
on_record_notify (TissageRecord *record,
                  GParamSpec    *pspec,
                  AdwEntryRow   *row)
{
  g_autofree char *text = NULL;

  g_object_get (record, pspec->name, &text, NULL);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text ? text : "") == 0)
    return;

  g_signal_handlers_block_by_func (row, on_entry_changed, NULL);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  g_signal_handlers_unblock_by_func (row, on_entry_changed, NULL);
}

static GtkWidget *
entry_row (TissageStructuresWindow *self,
           TissageRecord           *record,
           const char              *property,
           const char              *title)
{
  GtkWidget *row = adw_entry_row_new ();
  g_autofree char *signal = g_strconcat ("notify::", property, NULL);
  g_autofree char *text = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  g_object_set_data_full (G_OBJECT (row), "record", g_object_ref (record), g_object_unref);
  g_object_set_data (G_OBJECT (row), "property", (gpointer) g_intern_string (property));
  g_object_get (record, property, &text, NULL);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  g_signal_connect_object (record, signal, G_CALLBACK (on_record_notify), row, 0);
  g_signal_connect (row, "changed", G_CALLBACK (on_entry_changed), self);

  return row;
}

static void
on_delete_response (AdwMessageDialog        *dialog,
                    const char              *response,
                    TissageStructuresWindow *self)
{
  TissageRecord *record = g_object_get_data (G_OBJECT (dialog), "record");
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "delete") &&
      !tissage_document_delete (self->document, record, &error))
    report (self, error);
}

static void
on_delete_clicked (GtkButton               *button,
                   TissageStructuresWindow *self)
{
  TissageRecord *record = g_object_get_data (G_OBJECT (button), "record");
  GListModel *stakeholders = tissage_document_get_stakeholders (self->document);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *name = NULL;
  gboolean is_category = TISSAGE_IS_CATEGORY (record);
  guint count = 0;
  AdwMessageDialog *dialog;

  g_object_get (record, "name", &name, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (stakeholders); i++)
    {
      g_autoptr(TissageStakeholder) s = g_list_model_get_item (stakeholders, i);
      gint64 id = is_category ? tissage_stakeholder_get_category_id (s)
                              : tissage_stakeholder_get_structure_id (s);

      count += id == tissage_record_get_id (record);
    }

  heading = g_strdup_printf (_("Delete “%s”?"), name);
  if (is_category)
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u stakeholder will have no category. You can undo this with Ctrl+Z.",
                                         "%u stakeholders will have no category. You can undo this with Ctrl+Z.",
                                         count), count);
  else
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u stakeholder will no longer be attached to it. You can undo this with Ctrl+Z.",
                                         "%u stakeholders will no longer be attached to it. You can undo this with Ctrl+Z.",
                                         count), count);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "record", g_object_ref (record), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
delete_row (TissageStructuresWindow *self,
            TissageRecord           *record,
            const char              *label)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "destructive-action");
  g_object_set_data_full (G_OBJECT (button), "record", g_object_ref (record), g_object_unref);
  g_signal_connect (button, "clicked", G_CALLBACK (on_delete_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static GtkWidget *
structure_row (TissageStructuresWindow *self,
               TissageStructure        *structure)
{
  GtkWidget *row = adw_expander_row_new ();
  TissageRecord *record = TISSAGE_RECORD (structure);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  g_object_bind_property (structure, "name", row, "title", G_BINDING_SYNC_CREATE);
  g_object_bind_property (structure, "kind", row, "subtitle", G_BINDING_SYNC_CREATE);

  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), entry_row (self, record, "name", _("Name")));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), entry_row (self, record, "kind", _("Kind of structure")));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), entry_row (self, record, "territory", _("Territory")));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), delete_row (self, record, _("_Delete Structure…")));

  return row;
}

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  TissageCategory *category = user_data;
  GdkRGBA rgba;

  if (!gdk_rgba_parse (&rgba, tissage_category_get_color (category)))
    return;
  gdk_cairo_set_source_rgba (cr, &rgba);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0, 0, 2 * G_PI);
  cairo_fill (cr);
}

static void
on_color_set (GtkColorButton          *button,
              TissageStructuresWindow *self)
{
  TissageRecord *record = g_object_get_data (G_OBJECT (button), "record");
  g_autoptr(GError) error = NULL;
  g_autofree char *color = NULL;
  GdkRGBA rgba;

  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  color = g_strdup_printf ("#%02x%02x%02x",
                           (int) (rgba.red * 255 + 0.5),
                           (int) (rgba.green * 255 + 0.5),
                           (int) (rgba.blue * 255 + 0.5));
  if (!tissage_document_set (self->document, record, &error, "color", color, NULL))
    report (self, error);
}

static GtkWidget *
category_row (TissageStructuresWindow *self,
              TissageCategory         *category)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *swatch = gtk_drawing_area_new ();
  GtkWidget *color_row = adw_action_row_new ();
  GtkWidget *button = gtk_color_button_new ();
  TissageRecord *record = TISSAGE_RECORD (category);
  GdkRGBA rgba;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  g_object_bind_property (category, "name", row, "title", G_BINDING_SYNC_CREATE);

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 14);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 14);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch,
                                  g_object_ref (category), g_object_unref);
  g_signal_connect_object (category, "notify::color", G_CALLBACK (gtk_widget_queue_draw),
                           swatch, G_CONNECT_SWAPPED);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), swatch);

  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), entry_row (self, record, "name", _("Name")));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (color_row), _("Colour on the map"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_color_chooser_set_use_alpha (GTK_COLOR_CHOOSER (button), FALSE);
  if (gdk_rgba_parse (&rgba, tissage_category_get_color (category)))
    gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  g_object_set_data_full (G_OBJECT (button), "record", g_object_ref (record), g_object_unref);
  g_signal_connect (button, "color-set", G_CALLBACK (on_color_set), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (color_row), button);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), color_row);

  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), delete_row (self, record, _("_Delete Category…")));

  return row;
}

static void
rebuild (TissageStructuresWindow *self,
         AdwPreferencesGroup     *group,
         GPtrArray               *rows,
         GListModel              *model,
         GtkWidget             *(*make_row) (TissageStructuresWindow *, gpointer))
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      GtkWidget *row = make_row (self, item);

      adw_preferences_group_add (group, row);
      g_ptr_array_add (rows, row);
    }
}

static void
rebuild_structures (TissageStructuresWindow *self)
{
  rebuild (self, self->structures_group, self->structure_rows,
           tissage_document_get_structures (self->document),
           (GtkWidget *(*) (TissageStructuresWindow *, gpointer)) structure_row);
}

static void
rebuild_categories (TissageStructuresWindow *self)
{
  rebuild (self, self->categories_group, self->category_rows,
           tissage_document_get_categories (self->document),
           (GtkWidget *(*) (TissageStructuresWindow *, gpointer)) category_row);
}

static void
expand_last (GPtrArray *rows)
{
  if (rows->len > 0)
    {
      GtkWidget *row = g_ptr_array_index (rows, rows->len - 1);

      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      gtk_widget_grab_focus (row);
    }
}

static void
on_add_structure (TissageStructuresWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageStructure) structure = NULL;

  /* With its stakeholder on the map */
  structure = tissage_document_add_member_structure (self->document, _("New structure"), &error);
  if (structure == NULL)
    report (self, error);
  else
    expand_last (self->structure_rows);
}

static void
on_add_category (TissageStructuresWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageCategory) category = NULL;

  category = tissage_document_insert (self->document, TISSAGE_TYPE_CATEGORY, &error,
                                      "name", _("New category"),
                                      "color", "#9a9996",
                                      "position", (int) g_list_model_get_n_items (tissage_document_get_categories (self->document)),
                                      NULL);
  if (category == NULL)
    report (self, error);
  else
    expand_last (self->category_rows);
}

static void
undo_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TissageStructuresWindow *self = TISSAGE_STRUCTURES_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (tissage_document_can_undo (self->document) &&
      !tissage_document_undo (self->document, &error))
    report (self, error);
}

static void
tissage_structures_window_dispose (GObject *object)
{
  TissageStructuresWindow *self = TISSAGE_STRUCTURES_WINDOW (object);

  if (self->document != NULL)
    {
      g_signal_handlers_disconnect_by_data (tissage_document_get_structures (self->document), self);
      g_signal_handlers_disconnect_by_data (tissage_document_get_categories (self->document), self);
    }
  g_clear_object (&self->document);
  g_clear_pointer (&self->structure_rows, g_ptr_array_unref);
  g_clear_pointer (&self->category_rows, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), TISSAGE_TYPE_STRUCTURES_WINDOW);

  G_OBJECT_CLASS (tissage_structures_window_parent_class)->dispose (object);
}

static void
tissage_structures_window_class_init (TissageStructuresWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tissage_structures_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/tissage-structures-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TissageStructuresWindow, structures_group);
  gtk_widget_class_bind_template_child (widget_class, TissageStructuresWindow, categories_group);
  gtk_widget_class_bind_template_callback (widget_class, on_add_structure);
  gtk_widget_class_bind_template_callback (widget_class, on_add_category);

  gtk_widget_class_install_action (widget_class, "structures.undo", NULL, undo_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "structures.undo", NULL);
}

static void
tissage_structures_window_init (TissageStructuresWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->structure_rows = g_ptr_array_new ();
  self->category_rows = g_ptr_array_new ();
}

GtkWindow *
tissage_structures_window_new (GtkWindow       *parent,
                               TissageDocument *document)
{
  TissageStructuresWindow *self;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), NULL);

  self = g_object_new (TISSAGE_TYPE_STRUCTURES_WINDOW, "transient-for", parent, NULL);
  self->document = g_object_ref (document);

  g_signal_connect_object (tissage_document_get_structures (document), "items-changed",
                           G_CALLBACK (rebuild_structures), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (tissage_document_get_categories (document), "items-changed",
                           G_CALLBACK (rebuild_categories), self, G_CONNECT_SWAPPED);
  rebuild_structures (self);
  rebuild_categories (self);

  return GTK_WINDOW (self);
}

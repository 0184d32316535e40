/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-stakeholders"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tissage-link-editor.h"
#include "tissage-members.h"
#include "tissage-stakeholder-editor.h"
#include "tissage-utils.h"
#include "tissage-widget-utils.h"

struct _TissageStakeholderEditor
{
  GtkWidget           parent_instance;

  AdwPreferencesPage *page;
  AdwEntryRow        *name_row;
  AdwComboRow        *category_row;
  AdwComboRow        *structure_row;
  GtkSwitch          *member_switch;
  AdwComboRow        *proximity_row;
  GtkScale           *influence_scale;
  GtkScale           *interest_scale;
  GtkTextView        *description_view;
  GtkTextView        *contact_view;
  AdwPreferencesGroup *links_group;
  GPtrArray          *link_rows;

  TissageDocument    *document;
  TissageStakeholder *stakeholder;
  GtkStringList      *category_names;
  GArray             *category_ids;
  GtkStringList      *structure_names;
  GArray             *structure_ids;
  gboolean            updating;
};

enum {
  SHOW_LINK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TissageStakeholderEditor, tissage_stakeholder_editor, GTK_TYPE_WIDGET)

static void refresh (TissageStakeholderEditor *self);

/* Combo rows list "none" first, then the records of a model. */
static void
fill_choices (GtkStringList *names,
              GArray        *ids,
              GListModel    *model,
              const char    *none_label,
              const char   *(*get_name) (gpointer))
{
  gint64 none = 0;
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);

  g_array_set_size (ids, 0);
  g_ptr_array_add (strings, g_strdup (none_label));
  g_array_append_val (ids, none);

  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TissageRecord) record = g_list_model_get_item (model, i);
      gint64 id = tissage_record_get_id (record);

      g_ptr_array_add (strings, tissage_text_shorten (get_name (record), TISSAGE_NAME_MAX_CHARS));
      g_array_append_val (ids, id);
    }
  g_ptr_array_add (strings, NULL);

  gtk_string_list_splice (names, 0, g_list_model_get_n_items (G_LIST_MODEL (names)),
                          (const char * const *) strings->pdata);
}

static guint
position_of (GArray *ids,
             gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return i;

  return 0;
}

static void
rebuild_choices (TissageStakeholderEditor *self)
{
  gboolean was_updating = self->updating;

  self->updating = TRUE;
  fill_choices (self->category_names, self->category_ids,
                self->document ? tissage_document_get_categories (self->document) : NULL,
                _("No category"), (const char *(*) (gpointer)) tissage_category_get_name);
  fill_choices (self->structure_names, self->structure_ids,
                self->document ? tissage_document_get_structures (self->document) : NULL,
                _("None"), (const char *(*) (gpointer)) tissage_structure_get_name);
  self->updating = was_updating;

  refresh (self);
}

static char *
buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_buffer_text (GtkTextView *view,
                 const char  *text)
{
  g_autofree char *current = buffer_text (view);

  if (g_strcmp0 (current, text) != 0)
    tissage_text_view_set_text (view, text);
}

static void
refresh (TissageStakeholderEditor *self)
{
  TissageStakeholder *s = self->stakeholder;

  if (s == NULL)
    return;

  self->updating = TRUE;

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->name_row)), tissage_stakeholder_get_name (s)) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->name_row), tissage_stakeholder_get_name (s));
  adw_combo_row_set_selected (self->category_row,
                              position_of (self->category_ids, tissage_stakeholder_get_category_id (s)));
  adw_combo_row_set_selected (self->structure_row,
                              position_of (self->structure_ids, tissage_stakeholder_get_structure_id (s)));
  gtk_switch_set_active (self->member_switch, tissage_stakeholder_get_is_member (s));
  adw_combo_row_set_selected (self->proximity_row, tissage_stakeholder_get_proximity (s));
  gtk_range_set_value (GTK_RANGE (self->influence_scale), tissage_stakeholder_get_influence (s));
  gtk_range_set_value (GTK_RANGE (self->interest_scale), tissage_stakeholder_get_interest (s));
  set_buffer_text (self->description_view, tissage_stakeholder_get_description (s));
  set_buffer_text (self->contact_view, tissage_stakeholder_get_contact (s));

  self->updating = FALSE;
}

static void
on_link_row_activated (AdwActionRow             *row,
                       TissageStakeholderEditor *self)
{
  TissageLink *link = g_object_get_data (G_OBJECT (row), "tissage-link");

  if (link != NULL)
    g_signal_emit (self, signals[SHOW_LINK], 0, link);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  return g_utf8_collate (g_object_get_data (*(GObject **) a, "tissage-sort-key"),
                         g_object_get_data (*(GObject **) b, "tissage-sort-key"));
}

/* One row per link of the stakeholder, by the name of the other end; a
 * row opens the link in its editor. */
static void
rebuild_links (TissageStakeholderEditor *self)
{
  GListModel *links = self->document ? tissage_document_get_links (self->document) : NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  gint64 id;

  for (guint i = 0; i < self->link_rows->len; i++)
    adw_preferences_group_remove (self->links_group, g_ptr_array_index (self->link_rows, i));
  g_ptr_array_set_size (self->link_rows, 0);

  if (self->stakeholder == NULL || links == NULL)
    return;

  id = tissage_record_get_id (TISSAGE_RECORD (self->stakeholder));
  for (guint i = 0; i < g_list_model_get_n_items (links); i++)
    {
      g_autoptr(TissageLink) link = g_list_model_get_item (links, i);
      gint64 source = tissage_link_get_source_id (link), target = tissage_link_get_target_id (link);
      TissageStakeholder *other;
      g_autofree char *name = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (source != id && target != id)
        continue;
      other = tissage_document_lookup (self->document, TISSAGE_TYPE_STAKEHOLDER, source == id ? target : source);
      if (other == NULL)
        continue;

      name = tissage_text_shorten (tissage_stakeholder_get_name (other), 80);
      /* TRANSLATORS: a link in the list of a stakeholder's links: its kind and strength (1 to 3) */
      subtitle = g_strdup_printf (_("%s · strength %d"),
                                  tissage_link_kind_label (tissage_link_get_kind (link)),
                                  tissage_link_get_strength (link));
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "tissage-link", g_object_ref (link), g_object_unref);
      g_object_set_data_full (G_OBJECT (row), "tissage-sort-key", g_utf8_collate_key (name, -1), g_free);
      g_signal_connect (row, "activated", G_CALLBACK (on_link_row_activated), self);
      g_ptr_array_add (rows, row);
    }

  g_ptr_array_sort (rows, compare_rows);
  for (guint i = 0; i < rows->len; i++)
    {
      adw_preferences_group_add (self->links_group, g_ptr_array_index (rows, i));
      g_ptr_array_add (self->link_rows, g_ptr_array_index (rows, i));
    }

  if (rows->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No link yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Draw one on the map with “Link”, or with Shift and a drag from this stakeholder"));
      gtk_widget_add_css_class (row, "dim-label");
      adw_preferences_group_add (self->links_group, row);
      g_ptr_array_add (self->link_rows, row);
    }
}

static gboolean
can_edit (TissageStakeholderEditor *self)
{
  return !self->updating && self->stakeholder != NULL && self->document != NULL;
}

static void
save (TissageStakeholderEditor *self,
      const char               *property,
      const GValue             *value)
{
  g_autoptr(GError) error = NULL;

  if (!tissage_document_set_value (self->document, self->stakeholder, property, value, &error))
    {
      tissage_widget_report_error (GTK_WIDGET (self), error);
      /* What is shown must be what is saved. */
      if (!g_str_equal (property, "name"))
        refresh (self);
    }
}

static void
save_string (TissageStakeholderEditor *self,
             const char               *property,
             const char               *text)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, text);
  save (self, property, &value);
}

static void
save_int (TissageStakeholderEditor *self,
          const char               *property,
          int                       number)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_INT);
  g_value_set_int (&value, number);
  save (self, property, &value);
}

static void
save_key (TissageStakeholderEditor *self,
          const char               *property,
          gint64                    id)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_INT64);
  g_value_set_int64 (&value, id);
  save (self, property, &value);
}

static void
on_name_changed (TissageStakeholderEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (!can_edit (self))
    return;

  /* An empty name is not saved; the field says so until it is filled. */
  if (*stripped == '\0')
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
  save_string (self, "name", text);
}

static void
on_category_selected (TissageStakeholderEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->category_row);

  if (can_edit (self) && selected < self->category_ids->len)
    save_key (self, "category-id", g_array_index (self->category_ids, gint64, selected));
}

static void
on_structure_selected (TissageStakeholderEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->structure_row);

  if (can_edit (self) && selected < self->structure_ids->len)
    save_key (self, "structure-id", g_array_index (self->structure_ids, gint64, selected));
}

static void
on_member_toggled (TissageStakeholderEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (!can_edit (self))
    return;

  /* A member is attached to its structure, found by name or made anew */
  if (!tissage_document_set_stakeholder_member (self->document, self->stakeholder,
                                                gtk_switch_get_active (self->member_switch), &error))
    {
      tissage_widget_report_error (GTK_WIDGET (self), error);
      refresh (self);
    }
}

static void
on_proximity_selected (TissageStakeholderEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->proximity_row);

  if (can_edit (self) && selected < TISSAGE_N_PROXIMITIES)
    save_int (self, "proximity", selected);
}

static void
on_influence_changed (TissageStakeholderEditor *self)
{
  if (can_edit (self))
    save_int (self, "influence", (int) round (gtk_range_get_value (GTK_RANGE (self->influence_scale))));
}

static void
on_interest_changed (TissageStakeholderEditor *self)
{
  if (can_edit (self))
    save_int (self, "interest", (int) round (gtk_range_get_value (GTK_RANGE (self->interest_scale))));
}

static void
on_description_changed (TissageStakeholderEditor *self)
{
  g_autofree char *text = NULL;

  if (!can_edit (self))
    return;

  text = buffer_text (self->description_view);
  save_string (self, "description", text);
}

static void
on_contact_changed (TissageStakeholderEditor *self)
{
  g_autofree char *text = NULL;

  if (!can_edit (self))
    return;

  text = buffer_text (self->contact_view);
  save_string (self, "contact", text);
}

/* The wheel scrolls the editor; only a drag or the arrow keys move a
 * slider, so that scrolling past one never changes a value. */
static gboolean
on_scale_scroll (GtkEventControllerScroll *controller,
                 double                    dx,
                 double                    dy,
                 gpointer                  user_data)
{
  GtkWidget *scale = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkWidget *scrolled = gtk_widget_get_ancestor (scale, GTK_TYPE_SCROLLED_WINDOW);

  if (scrolled != NULL)
    {
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
      double step = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL
                      ? gtk_adjustment_get_page_size (adjustment) / 8.0 : 1.0;

      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + dy * step);
    }

  return TRUE;
}

static void
keep_wheel_for_scrolling (GtkWidget *scale)
{
  GtkEventController *controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scale_scroll), NULL);
  gtk_widget_add_controller (scale, controller);
}

static void
on_row_changed (TissageStakeholderEditor *self,
                const char               *table,
                gint64                    id)
{
  if (g_str_equal (table, "categories") || g_str_equal (table, "structures"))
    rebuild_choices (self);
  else if (g_str_equal (table, "links") || g_str_equal (table, "stakeholders"))
    rebuild_links (self);
}

static void
update_sensitivity (TissageStakeholderEditor *self)
{
  tissage_widget_set_editable (GTK_WIDGET (self->page),
                               self->document != NULL && !tissage_document_get_read_only (self->document));
}

static void
tissage_stakeholder_editor_dispose (GObject *object)
{
  TissageStakeholderEditor *self = TISSAGE_STAKEHOLDER_EDITOR (object);

  tissage_stakeholder_editor_set_stakeholder (self, NULL);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);

  gtk_widget_dispose_template (GTK_WIDGET (self), TISSAGE_TYPE_STAKEHOLDER_EDITOR);

  g_clear_object (&self->category_names);
  g_clear_object (&self->structure_names);
  g_clear_pointer (&self->category_ids, g_array_unref);
  g_clear_pointer (&self->structure_ids, g_array_unref);
  g_clear_pointer (&self->link_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (tissage_stakeholder_editor_parent_class)->dispose (object);
}

static void
tissage_stakeholder_editor_class_init (TissageStakeholderEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tissage_stakeholder_editor_dispose;

  /**
   * TissageStakeholderEditor::show-link:
   *
   * The user asked to open one of the stakeholder's links.
   */
  signals[SHOW_LINK] =
    g_signal_new ("show-link",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, TISSAGE_TYPE_LINK);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/tissage-stakeholder-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, TissageStakeholderEditor, page);
  gtk_widget_class_bind_template_child (widget_class, TissageStakeholderEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, TissageStakeholderEditor, category_row);
  gtk_widget_class_bind_template_child (widget_class, TissageStakeholderEditor, structure_row);
  gtk_widget_class_bind_template_child (widget_class, TissageStakeholderEditor, member_switch);
  gtk_widget_class_bind_template_child (widget_class, TissageStakeholderEditor, proximity_row);
  gtk_widget_class_bind_template_child (widget_class, TissageStakeholderEditor, influence_scale);
  gtk_widget_class_bind_template_child (widget_class, TissageStakeholderEditor, interest_scale);
  gtk_widget_class_bind_template_child (widget_class, TissageStakeholderEditor, description_view);
  gtk_widget_class_bind_template_child (widget_class, TissageStakeholderEditor, contact_view);
  gtk_widget_class_bind_template_child (widget_class, TissageStakeholderEditor, links_group);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_category_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_structure_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_member_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_proximity_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_influence_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_interest_changed);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
tissage_stakeholder_editor_init (TissageStakeholderEditor *self)
{
  g_autoptr(GtkStringList) proximities = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->category_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->structure_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->link_rows = g_ptr_array_new ();
  self->category_names = gtk_string_list_new (NULL);
  self->structure_names = gtk_string_list_new (NULL);

  tissage_editable_set_max_chars (GTK_EDITABLE (self->name_row), TISSAGE_NAME_MAX_CHARS);

  self->updating = TRUE;
  adw_combo_row_set_model (self->category_row, G_LIST_MODEL (self->category_names));
  adw_combo_row_set_model (self->structure_row, G_LIST_MODEL (self->structure_names));
  for (guint i = 0; i < TISSAGE_N_PROXIMITIES; i++)
    gtk_string_list_append (proximities, tissage_proximity_to_label (i));
  adw_combo_row_set_model (self->proximity_row, G_LIST_MODEL (proximities));
  self->updating = FALSE;

  keep_wheel_for_scrolling (GTK_WIDGET (self->influence_scale));
  keep_wheel_for_scrolling (GTK_WIDGET (self->interest_scale));

  g_signal_connect_swapped (gtk_text_view_get_buffer (self->description_view), "changed",
                            G_CALLBACK (on_description_changed), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->contact_view), "changed",
                            G_CALLBACK (on_contact_changed), self);
}

void
tissage_stakeholder_editor_set_document (TissageStakeholderEditor *self,
                                         TissageDocument          *document)
{
  g_return_if_fail (TISSAGE_IS_STAKEHOLDER_EDITOR (self));

  if (self->document == document)
    return;

  tissage_stakeholder_editor_set_stakeholder (self, NULL);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  if (document != NULL)
    {
      g_signal_connect_object (document, "row-changed", G_CALLBACK (on_row_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::read-only", G_CALLBACK (update_sensitivity), self, G_CONNECT_SWAPPED);
    }

  update_sensitivity (self);
  rebuild_choices (self);
}

void
tissage_stakeholder_editor_set_stakeholder (TissageStakeholderEditor *self,
                                            TissageStakeholder       *stakeholder)
{
  g_return_if_fail (TISSAGE_IS_STAKEHOLDER_EDITOR (self));

  if (self->stakeholder == stakeholder)
    return;

  if (self->stakeholder != NULL)
    g_signal_handlers_disconnect_by_data (self->stakeholder, self);
  g_set_object (&self->stakeholder, stakeholder);
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");

  if (stakeholder != NULL)
    {
      g_signal_connect_object (stakeholder, "notify", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
      refresh (self);
    }
  rebuild_links (self);
}

void
tissage_stakeholder_editor_focus_name (TissageStakeholderEditor *self)
{
  g_return_if_fail (TISSAGE_IS_STAKEHOLDER_EDITOR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  gtk_editable_select_region (GTK_EDITABLE (self->name_row), 0, -1);
}

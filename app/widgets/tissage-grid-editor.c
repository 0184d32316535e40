/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-grids"

#include "config.h"

#include <glib/gi18n.h>

#include "tissage-grid-editor-private.h"
#include "tissage-referentiel.h"
#include "tissage-widget-utils.h"

G_DEFINE_FINAL_TYPE (TissageGridEditor, tissage_grid_editor, GTK_TYPE_WIDGET)

/* Helpers */

gint64
tissage_grid_editor_grid_id (TissageGridEditor *self)
{
  return tissage_record_id (self->grid);
}

char *
tissage_grid_editor_buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
tissage_grid_editor_set_buffer_text (GtkTextView *view,
                                     const char  *text)
{
  g_autofree char *current = tissage_grid_editor_buffer_text (view);

  if (g_strcmp0 (current, text) != 0)
    tissage_text_view_set_text (view, text);
}

void
tissage_grid_editor_set_editable_text (GtkWidget  *editable,
                                       const char *text)
{
  /* Only when it differs, so the caret of a field being typed in stays. */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (editable)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (editable), text ? text : "");
}

/* In the main window, or in a window of its own over it. */
void
tissage_grid_editor_undo_toast (TissageGridEditor *self,
                                const char        *title)
{
  tissage_widget_add_undo_toast (GTK_WIDGET (self), title);
}

void
tissage_grid_editor_report (TissageGridEditor *self,
                            const GError      *error)
{
  if (!tissage_widget_try_report_error (GTK_WIDGET (self), error))
    g_message ("%s", error->message);
}

QuestionRow *
tissage_grid_editor_lookup_question (TissageGridEditor *self,
                                     gint64             id)
{
  return g_hash_table_lookup (self->questions, &id);
}

SectionView *
tissage_grid_editor_lookup_section (TissageGridEditor *self,
                                    gint64             id)
{
  return g_hash_table_lookup (self->sections, &id);
}

/* The question whose row holds the keyboard focus. */
QuestionRow *
tissage_grid_editor_focused_question (TissageGridEditor *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *widget = root != NULL ? gtk_root_get_focus (root) : NULL;

  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    {
      QuestionRow *row = g_object_get_data (G_OBJECT (widget), "question-row");

      if (row != NULL)
        return row;
    }

  return NULL;
}

/* The guide's own fields */

static void
refresh_grid (TissageGridEditor *self)
{
  g_autofree char *purpose = NULL;

  if (self->grid == NULL)
    return;

  self->updating = TRUE;
  tissage_grid_editor_set_editable_text (GTK_WIDGET (self->title_row), tissage_grid_get_title (self->grid));
  g_object_get (self->grid, "purpose", &purpose, NULL);
  tissage_grid_editor_set_buffer_text (self->purpose_view, purpose);
  self->updating = FALSE;
}

static void
on_title_changed (TissageGridEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autoptr(GError) error = NULL;

  if (self->updating || self->grid == NULL)
    return;

  /* A title being retyped is empty for a moment: say so, keep the old one. */
  if (*stripped == '\0')
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->title_row), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->title_row), "error");
  if (!tissage_document_set (self->document, self->grid, &error, "title", text, NULL))
    tissage_grid_editor_report (self, error);
}

static void
on_purpose_changed (TissageGridEditor *self)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  if (self->updating || self->grid == NULL)
    return;

  text = tissage_grid_editor_buffer_text (self->purpose_view);
  if (!tissage_document_set (self->document, self->grid, &error, "purpose", text, NULL))
    tissage_grid_editor_report (self, error);
}

/* Categories the guide is meant for */

static TissageGridCategory *
find_grid_category (TissageGridEditor *self,
                    gint64             category_id)
{
  GListModel *model = tissage_document_get_records (self->document, TISSAGE_TYPE_GRID_CATEGORY);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TissageGridCategory) gc = g_list_model_get_item (model, i);

      if (tissage_grid_category_get_grid_id (gc) == tissage_grid_editor_grid_id (self) &&
          tissage_grid_category_get_category_id (gc) == category_id)
        return gc;
    }

  return NULL;
}

static void
on_category_toggled (GtkCheckButton    *check,
                     TissageGridEditor *self)
{
  gint64 category_id = *(gint64 *) g_object_get_data (G_OBJECT (check), "category-id");
  TissageGridCategory *existing;
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  if (self->updating || self->grid == NULL)
    return;

  existing = find_grid_category (self, category_id);
  if (gtk_check_button_get_active (check) && existing == NULL)
    {
      g_autoptr(TissageGridCategory) added =
        tissage_document_insert (self->document, TISSAGE_TYPE_GRID_CATEGORY, &error,
                                 "grid-id", tissage_grid_editor_grid_id (self), "category-id", category_id, NULL);
      ok = added != NULL;
    }
  else if (!gtk_check_button_get_active (check) && existing != NULL)
    ok = tissage_document_delete (self->document, existing, &error);

  if (!ok)
    tissage_grid_editor_report (self, error);
}

static void
draw_dot (GtkDrawingArea *area,
          cairo_t        *cr,
          int             width,
          int             height,
          gpointer        user_data)
{
  const char *color = g_object_get_data (G_OBJECT (area), "color");
  GdkRGBA rgba;

  if (color == NULL || !gdk_rgba_parse (&rgba, color))
    gdk_rgba_parse (&rgba, "#9a9996");
  gdk_cairo_set_source_rgba (cr, &rgba);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0, 0, 2 * G_PI);
  cairo_fill (cr);
}

static void
rebuild_categories (TissageGridEditor *self)
{
  GListModel *categories = tissage_document_get_categories (self->document);
  GtkWidget *child;
  guint n = g_list_model_get_n_items (categories);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->categories_box))) != NULL)
    gtk_flow_box_remove (self->categories_box, child);

  self->updating = TRUE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TissageCategory) category = g_list_model_get_item (categories, i);
      GtkWidget *check = gtk_check_button_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *dot = gtk_drawing_area_new ();
      GtkWidget *label = gtk_label_new (NULL);
      gint64 *id = g_new (gint64, 1);

      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);

      *id = tissage_record_id (category);
      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (dot), 12);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (dot), 12);
      gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (dot), "color",
                              g_strdup (tissage_category_get_color (category)), g_free);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (dot), draw_dot, NULL, NULL);
      tissage_label_set_name (GTK_LABEL (label), tissage_category_get_name (category));
      gtk_box_append (GTK_BOX (box), dot);
      gtk_box_append (GTK_BOX (box), label);
      gtk_check_button_set_child (GTK_CHECK_BUTTON (check), box);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      tissage_category_get_name (category), -1);
      g_object_set_data_full (G_OBJECT (check), "category-id", id, g_free);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   self->grid != NULL && find_grid_category (self, *id) != NULL);
      g_signal_connect (check, "toggled", G_CALLBACK (on_category_toggled), self);
      gtk_flow_box_append (self->categories_box, check);
    }
  self->updating = FALSE;

  gtk_widget_set_visible (GTK_WIDGET (self->categories_box), n > 0);
  gtk_widget_set_visible (self->categories_empty, n == 0);
}

static void
refresh_category_checks (TissageGridEditor *self)
{
  self->updating = TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->categories_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *check = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (check), "category-id");

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   self->grid != NULL && find_grid_category (self, id) != NULL);
    }
  self->updating = FALSE;
}

/* Summary and empty state */

void
tissage_grid_editor_refresh_summary (TissageGridEditor *self)
{
  GListModel *interviews = tissage_document_get_records (self->document, TISSAGE_TYPE_INTERVIEW);
  g_autofree char *questions = NULL;
  g_autofree char *sections = NULL;
  g_autofree char *held = NULL;
  g_autofree char *summary = NULL;
  guint n_questions = 0, n_sections = 0, n_interviews = 0;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->questions);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (!tissage_grid_question_get_retired (((QuestionRow *) value)->question))
      n_questions++;
  n_sections = g_hash_table_size (self->sections);
  if (tissage_grid_editor_lookup_section (self, 0) != NULL)
    n_sections--;
  for (guint i = 0; i < g_list_model_get_n_items (interviews); i++)
    {
      g_autoptr(TissageInterview) interview = g_list_model_get_item (interviews, i);

      if (tissage_interview_get_grid_id (interview) == tissage_grid_editor_grid_id (self))
        n_interviews++;
    }

  questions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u question", "%u questions", n_questions),
                               n_questions);
  sections = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u section", "%u sections", n_sections),
                              n_sections);
  held = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u interview", "%u interviews", n_interviews),
                          n_interviews);
  /* TRANSLATORS: "12 questions, 4 sections, 18 interviews" */
  summary = g_strdup_printf (_("%s, %s, %s"), questions, sections, held);
  gtk_label_set_label (self->summary_label, summary);

  gtk_widget_set_visible (self->empty_page, n_questions == 0);
}

/* Following the document */

static void
on_row_changed (TissageGridEditor *self,
                const char        *table,
                gint64             id)
{
  if (self->grid == NULL)
    return;

  if (g_str_equal (table, "grids"))
    {
      if (id == tissage_grid_editor_grid_id (self) && tissage_document_lookup (self->document, TISSAGE_TYPE_GRID, id) == NULL)
        tissage_grid_editor_set_grid (self, NULL);
    }
  else if (g_str_equal (table, "grid_sections") || g_str_equal (table, "grid_questions"))
    tissage_grid_editor_sync_layout (self);
  else if (g_str_equal (table, "question_effects") || g_str_equal (table, "question_indicators") ||
           g_str_equal (table, "effects") || g_str_equal (table, "indicators"))
    {
      /* Copies and cascades change many links at once: one refresh for all. */
      if (self->links_idle == 0)
        self->links_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, tissage_grid_editor_links_idle_cb, self, NULL);
    }
  else if (g_str_equal (table, "categories"))
    rebuild_categories (self);
  else if (g_str_equal (table, "grid_categories"))
    refresh_category_checks (self);
  else if (g_str_equal (table, "interviews"))
    tissage_grid_editor_refresh_summary (self);
}

static void
update_sensitivity (TissageGridEditor *self)
{
  tissage_widget_set_editable (self->scroller, tissage_widget_can_edit (self->document, "grids"));
}

static void
clear_views (TissageGridEditor *self)
{
  g_hash_table_remove_all (self->questions);
  g_ptr_array_set_size (self->section_order, 0);
  g_hash_table_remove_all (self->sections);
}

/* GObject */

static void
tissage_grid_editor_dispose (GObject *object)
{
  TissageGridEditor *self = TISSAGE_GRID_EDITOR (object);

  g_clear_handle_id (&self->links_idle, g_source_remove);
  tissage_grid_editor_set_grid (self, NULL);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);

  gtk_widget_dispose_template (GTK_WIDGET (self), TISSAGE_TYPE_GRID_EDITOR);

  G_OBJECT_CLASS (tissage_grid_editor_parent_class)->dispose (object);
}

static void
tissage_grid_editor_finalize (GObject *object)
{
  TissageGridEditor *self = TISSAGE_GRID_EDITOR (object);

  g_clear_pointer (&self->questions, g_hash_table_unref);
  g_clear_pointer (&self->sections, g_hash_table_unref);
  g_clear_pointer (&self->section_order, g_ptr_array_unref);

  G_OBJECT_CLASS (tissage_grid_editor_parent_class)->finalize (object);
}

static void
tissage_grid_editor_class_init (TissageGridEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tissage_grid_editor_dispose;
  object_class->finalize = tissage_grid_editor_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/fr/tissage/Tissage/tissage-grid-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, TissageGridEditor, scroller);
  gtk_widget_class_bind_template_child (widget_class, TissageGridEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, TissageGridEditor, purpose_view);
  gtk_widget_class_bind_template_child (widget_class, TissageGridEditor, categories_box);
  gtk_widget_class_bind_template_child (widget_class, TissageGridEditor, categories_empty);
  gtk_widget_class_bind_template_child (widget_class, TissageGridEditor, summary_label);
  gtk_widget_class_bind_template_child (widget_class, TissageGridEditor, empty_page);
  gtk_widget_class_bind_template_child (widget_class, TissageGridEditor, sections_box);
  gtk_widget_class_bind_template_child (widget_class, TissageGridEditor, add_section_button);
  gtk_widget_class_bind_template_child (widget_class, TissageGridEditor, retired_box);
  gtk_widget_class_bind_template_child (widget_class, TissageGridEditor, retired_list);
  gtk_widget_class_bind_template_callback (widget_class, on_title_changed);

  tissage_grid_editor_install_actions (widget_class);

  /* 0: the question holding the focus. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK,
                                       "grid.move-question-up", "x", (gint64) 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK,
                                       "grid.move-question-down", "x", (gint64) 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
tissage_grid_editor_init (TissageGridEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->sections = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                          (GDestroyNotify) tissage_grid_editor_section_view_free);
  self->questions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                           (GDestroyNotify) tissage_grid_editor_question_row_free);
  self->section_order = g_ptr_array_new ();
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->purpose_view), "changed",
                            G_CALLBACK (on_purpose_changed), self);
}

/* Public API */

GtkWidget *
tissage_grid_editor_new (void)
{
  return g_object_new (TISSAGE_TYPE_GRID_EDITOR, NULL);
}

void
tissage_grid_editor_set_document (TissageGridEditor *self,
                                  TissageDocument   *document)
{
  g_return_if_fail (TISSAGE_IS_GRID_EDITOR (self));
  g_return_if_fail (document == NULL || TISSAGE_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  tissage_grid_editor_set_grid (self, NULL);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);

  if (document != NULL)
    {
      g_signal_connect_object (document, "row-changed", G_CALLBACK (on_row_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::read-only", G_CALLBACK (update_sensitivity), self,
                               G_CONNECT_SWAPPED);
      rebuild_categories (self);
    }
  update_sensitivity (self);
}

void
tissage_grid_editor_set_grid (TissageGridEditor *self,
                              TissageGrid       *grid)
{
  g_return_if_fail (TISSAGE_IS_GRID_EDITOR (self));
  g_return_if_fail (grid == NULL || TISSAGE_IS_GRID (grid));
  g_return_if_fail (grid == NULL || self->document != NULL);

  if (self->grid == grid)
    return;

  if (self->grid != NULL)
    g_signal_handlers_disconnect_by_data (self->grid, self);
  clear_views (self);
  g_set_object (&self->grid, grid);
  gtk_widget_set_visible (self->scroller, grid != NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->title_row), "error");

  if (grid == NULL)
    return;

  g_signal_connect_object (grid, "notify", G_CALLBACK (refresh_grid), self, G_CONNECT_SWAPPED);
  refresh_grid (self);
  refresh_category_checks (self);
  tissage_grid_editor_sync_layout (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller)), 0);
}

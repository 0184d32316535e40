/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

/* The guide editor: the sections and their questions in the order of the
 * guide, rows placed, kept and reused as the document changes. */

#define G_LOG_DOMAIN "tissage-grids"

#include "config.h"

#include <glib/gi18n.h>

#include "tissage-grid-editor-private.h"
#include "tissage-referentiel.h"
#include "tissage-widget-utils.h"

static int
compare_positions (gconstpointer a,
                   gconstpointer b)
{
  TissageRecord *ra = *(TissageRecord **) a;
  TissageRecord *rb = *(TissageRecord **) b;
  int pa = 0, pb = 0;
  gint64 ia = tissage_record_get_id (ra), ib = tissage_record_get_id (rb);

  g_object_get (ra, "position", &pa, NULL);
  g_object_get (rb, "position", &pb, NULL);
  if (pa != pb)
    return pa < pb ? -1 : 1;
  return ia < ib ? -1 : ia > ib;
}

/* The sections or questions of the guide, in their order. */
static GPtrArray *
dup_sorted (TissageGridEditor *self,
            GType              type)
{
  GListModel *model = tissage_document_get_records (self->document, type);
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TissageRecord) item = g_list_model_get_item (model, i);
      gint64 owner = 0;

      g_object_get (item, "grid-id", &owner, NULL);
      if (owner == tissage_grid_editor_grid_id (self))
        g_ptr_array_add (items, g_steal_pointer (&item));
    }
  g_ptr_array_sort (items, compare_positions);

  return items;
}

/* The live questions of a section view, in order. */
GPtrArray *
tissage_grid_editor_dup_section_questions (TissageGridEditor *self,
                                           gint64             section_id)
{
  g_autoptr(GPtrArray) all = dup_sorted (self, TISSAGE_TYPE_GRID_QUESTION);
  GPtrArray *questions = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < all->len; i++)
    {
      TissageGridQuestion *q = g_ptr_array_index (all, i);
      gint64 section = tissage_grid_question_get_section_id (q);

      if (section != 0 && !g_hash_table_contains (self->sections, &section))
        section = 0;
      if (!tissage_grid_question_get_retired (q) && section == section_id)
        g_ptr_array_add (questions, g_object_ref (q));
    }

  return questions;
}

/* Writes the order of @questions, all in @section_id, as positions. */
gboolean
tissage_grid_editor_write_order (TissageGridEditor *self,
                                 GPtrArray         *questions,
                                 gint64             section_id,
                                 GError           **error)
{
  for (guint i = 0; i < questions->len; i++)
    {
      TissageGridQuestion *q = g_ptr_array_index (questions, i);

      if ((guint) tissage_grid_question_get_position (q) == i &&
          tissage_grid_question_get_section_id (q) == section_id)
        continue;
      if (!tissage_document_set (self->document, q, error,
                                 "section-id", section_id, "position", (int) i, NULL))
        return FALSE;
    }

  return TRUE;
}

/* Moves a row within or between lists, keeping the focus and caret of a
 * field inside it. */
static void
place_row (GtkListBox *list,
           GtkWidget  *row,
           int         index)
{
  GtkWidget *parent = gtk_widget_get_parent (row);
  GtkRoot *root;
  GtkWidget *focus = NULL;
  int caret = -1;

  if (parent == GTK_WIDGET (list) && gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) == index)
    return;

  root = gtk_widget_get_root (row);
  if (root != NULL && (focus = gtk_root_get_focus (root)) != NULL &&
      (focus == row || gtk_widget_is_ancestor (focus, row)))
    {
      g_object_ref (focus);
      if (GTK_IS_EDITABLE (focus))
        caret = gtk_editable_get_position (GTK_EDITABLE (focus));
    }
  else
    focus = NULL;

  g_object_ref (row);
  if (parent != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (parent), row);
  gtk_list_box_insert (list, row, index);
  g_object_unref (row);

  if (focus != NULL)
    {
      gtk_widget_grab_focus (focus);
      if (caret >= 0)
        gtk_editable_set_position (GTK_EDITABLE (focus), caret);
      g_object_unref (focus);
    }
}

/* Sections */

static void
on_section_title_changed (GtkEditable *editable,
                          SectionView *view)
{
  g_autoptr(GError) error = NULL;

  if (view->editor->updating || view->section == NULL)
    return;
  if (!tissage_document_set (view->editor->document, view->section, &error,
                             "title", gtk_editable_get_text (editable), NULL))
    tissage_grid_editor_report (view->editor, error);
}

static void
on_section_notify (SectionView *view)
{
  view->editor->updating = TRUE;
  tissage_grid_editor_set_editable_text (view->title, tissage_grid_section_get_title (view->section));
  view->editor->updating = FALSE;
}

static GtkWidget *
section_button (SectionView *view,
                const char  *icon,
                const char  *tooltip,
                const char  *action)
{
  GtkWidget *button = tissage_grid_editor_action_button (icon, tooltip, action, view->id);

  gtk_box_append (GTK_BOX (view->header), button);
  return button;
}

void
tissage_grid_editor_section_view_free (SectionView *view)
{
  if (view->section != NULL)
    {
      g_signal_handlers_disconnect_by_data (view->section, view);
      g_object_unref (view->section);
    }
  if (gtk_widget_get_parent (view->box) != NULL)
    gtk_box_remove (GTK_BOX (gtk_widget_get_parent (view->box)), view->box);
  g_object_unref (view->box);
  g_free (view);
}

static SectionView *
section_view_new (TissageGridEditor  *self,
                  TissageGridSection *section)
{
  SectionView *view = g_new0 (SectionView, 1);
  GtkWidget *placeholder, *content;
  g_autofree char *name = NULL;

  view->editor = self;
  view->id = tissage_record_id (section);
  view->section = section != NULL ? g_object_ref (section) : NULL;
  view->box = g_object_ref_sink (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  name = g_strdup_printf ("section-%" G_GINT64_FORMAT, view->id);
  gtk_widget_set_name (view->box, name);

  view->header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  if (section != NULL)
    {
      view->title = gtk_editable_label_new (tissage_grid_section_get_title (section));
      tissage_editable_label_ellipsize (GTK_EDITABLE_LABEL (view->title));
      tissage_editable_label_outlive_focus (GTK_EDITABLE_LABEL (view->title));
      gtk_widget_set_tooltip_text (view->title, _("Click to rename the section"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (view->title), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Title of the section"), -1);
      g_signal_connect (view->title, "changed", G_CALLBACK (on_section_title_changed), view);
      g_signal_connect_swapped (section, "notify::title", G_CALLBACK (on_section_notify), view);
    }
  else
    view->title = gtk_label_new (_("Without a Section"));
  gtk_widget_add_css_class (view->title, "heading");
  gtk_widget_set_hexpand (view->title, TRUE);
  gtk_widget_set_valign (view->title, GTK_ALIGN_CENTER);
  if (GTK_IS_LABEL (view->title))
    gtk_label_set_xalign (GTK_LABEL (view->title), 0);
  gtk_box_append (GTK_BOX (view->header), view->title);
  if (section != NULL)
    {
      view->up = section_button (view, "go-up-symbolic", _("Move the Section Up"), "grid.move-section-up");
      view->down = section_button (view, "go-down-symbolic", _("Move the Section Down"), "grid.move-section-down");
      section_button (view, "user-trash-symbolic", _("Delete the Section"), "grid.delete-section");
    }
  gtk_box_append (GTK_BOX (view->box), view->header);

  view->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (view->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (view->list, "boxed-list");
  placeholder = gtk_label_new (_("No questions in this section yet."));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (view->list), placeholder);
  gtk_box_append (GTK_BOX (view->box), view->list);

  view->add_button = gtk_button_new ();
  content = adw_button_content_new ();
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("Add a _Question"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (view->add_button), content);
  gtk_widget_add_css_class (view->add_button, "flat");
  gtk_widget_set_halign (view->add_button, GTK_ALIGN_START);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (view->add_button), "grid.add-question");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (view->add_button), "x", view->id);
  gtk_box_append (GTK_BOX (view->box), view->add_button);

  return view;
}

/* Layout: the sections and questions of the file, in their order, built
 * once and moved as they move. */

void
tissage_grid_editor_sync_layout (TissageGridEditor *self)
{
  g_autoptr(GPtrArray) sections = NULL;
  g_autoptr(GPtrArray) questions = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  GHashTableIter iter;
  gpointer value;
  SectionView *none;
  GtkWidget *previous = NULL;
  int retired_index = 0;
  QuestionRow *first = NULL, *last = NULL;

  if (self->grid == NULL || self->document == NULL)
    return;

  /* Sections */
  sections = dup_sorted (self, TISSAGE_TYPE_GRID_SECTION);
  if ((none = tissage_grid_editor_lookup_section (self, 0)) == NULL)
    {
      gint64 *key = g_new0 (gint64, 1);

      none = section_view_new (self, NULL);
      g_hash_table_insert (self->sections, key, none);
    }
  g_ptr_array_set_size (self->section_order, 0);
  g_ptr_array_add (self->section_order, none);
  for (guint i = 0; i < sections->len; i++)
    {
      TissageGridSection *section = g_ptr_array_index (sections, i);
      gint64 id = tissage_record_id (section);
      SectionView *view = tissage_grid_editor_lookup_section (self, id);

      if (view == NULL)
        {
          gint64 *key = g_new (gint64, 1);

          *key = id;
          view = section_view_new (self, section);
          g_hash_table_insert (self->sections, key, view);
        }
      g_ptr_array_add (self->section_order, view);
    }
  g_hash_table_iter_init (&iter, self->sections);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (!g_ptr_array_find (self->section_order, value, NULL))
      g_hash_table_iter_remove (&iter);

  for (guint i = 0; i < self->section_order->len; i++)
    {
      SectionView *view = g_ptr_array_index (self->section_order, i);

      if (gtk_widget_get_parent (view->box) == NULL)
        gtk_box_insert_child_after (self->sections_box, view->box, previous);
      else if (gtk_widget_get_prev_sibling (view->box) != previous)
        gtk_box_reorder_child_after (self->sections_box, view->box, previous);
      previous = view->box;
      view->n_questions = 0;
      if (view->up != NULL)
        {
          gtk_widget_set_sensitive (view->up, i > 1);
          gtk_widget_set_sensitive (view->down, i + 1 < self->section_order->len);
        }
    }

  /* Questions, each in its section at its place; retired ones at the end. */
  questions = dup_sorted (self, TISSAGE_TYPE_GRID_QUESTION);
  for (guint i = 0; i < questions->len; i++)
    {
      TissageGridQuestion *q = g_ptr_array_index (questions, i);
      gint64 id = tissage_record_id (q);
      gint64 section = tissage_grid_question_get_section_id (q);
      QuestionRow *row = tissage_grid_editor_lookup_question (self, id);
      gboolean retired = tissage_grid_question_get_retired (q);
      gboolean was_retired;

      if (row == NULL)
        {
          gint64 *key = g_new (gint64, 1);

          *key = id;
          row = tissage_grid_editor_question_row_new (self, q);
          g_hash_table_insert (self->questions, key, row);
          was_retired = !retired;
        }
      else
        was_retired = gtk_widget_get_parent (row->expander) == GTK_WIDGET (self->retired_list);
      g_hash_table_add (seen, &row->id);

      if (retired)
        {
          if (!was_retired)
            row->n_answers = tissage_document_count_answers (self->document, q);
          place_row (self->retired_list, row->expander, retired_index++);
        }
      else
        {
          SectionView *view = tissage_grid_editor_lookup_section (self, section);

          if (view == NULL)
            view = none;
          place_row (GTK_LIST_BOX (view->list), row->expander, view->n_questions++);
        }

      if (retired != was_retired)
        {
          gtk_widget_set_visible (row->widget->up, !retired);
          gtk_widget_set_visible (row->widget->down, !retired);
          gtk_widget_set_visible (row->widget->remove, !retired);
          gtk_widget_set_visible (row->widget->restore, retired);
          if (retired)
            {
              adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row->expander), FALSE);
              gtk_widget_add_css_class (row->expander, "retired-question");
            }
          else
            gtk_widget_remove_css_class (row->expander, "retired-question");
          adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row->expander), !retired);
          tissage_grid_editor_refresh_question (row);
        }
    }
  g_hash_table_iter_init (&iter, self->questions);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (!g_hash_table_contains (seen, &((QuestionRow *) value)->id))
      g_hash_table_iter_remove (&iter);

  /* The first and last questions shown cannot move further. */
  for (guint i = 0; i < self->section_order->len; i++)
    {
      SectionView *view = g_ptr_array_index (self->section_order, i);

      for (GtkWidget *child = gtk_widget_get_first_child (view->list); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          QuestionRow *row = g_object_get_data (G_OBJECT (child), "question-row");

          if (row == NULL)
            continue;
          if (first == NULL)
            first = row;
          last = row;
          gtk_widget_set_sensitive (row->widget->up, TRUE);
          gtk_widget_set_sensitive (row->widget->down, TRUE);
        }
    }
  if (first != NULL)
    gtk_widget_set_sensitive (first->widget->up, FALSE);
  if (last != NULL)
    gtk_widget_set_sensitive (last->widget->down, FALSE);

  /* Questions outside sections show only when there are some. */
  gtk_widget_set_visible (none->box, none->n_questions > 0);
  gtk_widget_set_visible (none->header, self->section_order->len > 1);
  gtk_widget_set_visible (self->retired_box, retired_index > 0);

  tissage_grid_editor_refresh_summary (self);
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

/* The guide editor: its grid.* actions, adding, moving, retiring and
 * restoring questions and sections, the new row opened and shown. */

#define G_LOG_DOMAIN "tissage-grids"

#include "config.h"

#include <glib/gi18n.h>

#include "tissage-grid-editor-private.h"
#include "tissage-widget-utils.h"

/* Actions */

static void
focus_editable (GtkWidget *editable)
{
  g_signal_handlers_disconnect_by_func (editable, focus_editable, NULL);
  gtk_widget_grab_focus (editable);
  gtk_editable_select_region (GTK_EDITABLE (editable), 0, -1);
}

/* The rows of an expander are shown a moment after it opens. */
static void
focus_when_shown (GtkWidget *editable)
{
  if (gtk_widget_get_mapped (editable))
    focus_editable (editable);
  else
    g_signal_connect (editable, "map", G_CALLBACK (focus_editable), NULL);
}

/* While @widget opens, the scroller follows it so that it shows whole,
 * or its top if it is taller than the view: a question added at the end
 * of a long guide was opened and focused out of sight. */
typedef struct {
  GtkWidget *scroller;
  int        last_height;
  guint      still_frames;
  guint      frames;
} Following;

static gboolean
follow_opening (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  Following *following = user_data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (following->scroller));
  graphene_rect_t bounds;
  double view = gtk_widget_get_height (following->scroller);
  double value = gtk_adjustment_get_value (adjustment);
  double top, bottom;
  int height = gtk_widget_get_height (widget);

  /* Some two seconds at most: an opening animation is long done. */
  if (++following->frames > 120)
    return G_SOURCE_REMOVE;
  if (!gtk_widget_get_mapped (widget) || height == 0 ||
      !gtk_widget_compute_bounds (widget, following->scroller, &bounds))
    return G_SOURCE_CONTINUE;

  top = bounds.origin.y - 12;
  bottom = bounds.origin.y + bounds.size.height + 12;
  if (bottom > view)
    value += MIN (bottom - view, top);
  else if (top < 0)
    value += top;
  gtk_adjustment_set_value (adjustment, value);

  following->still_frames = height == following->last_height ? following->still_frames + 1 : 0;
  following->last_height = height;
  return following->still_frames < 3 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
scroll_into_view (TissageGridEditor *self,
                  GtkWidget         *widget)
{
  Following *following = g_new0 (Following, 1);

  following->scroller = self->scroller;
  gtk_widget_add_tick_callback (widget, follow_opening, following, g_free);
}

static void
add_question (TissageGridEditor *self,
              gint64             section_id)
{
  g_autoptr(GPtrArray) siblings = NULL;
  g_autoptr(TissageGridQuestion) question = NULL;
  g_autoptr(GError) error = NULL;
  QuestionRow *row;

  if (self->grid == NULL)
    return;

  /* -1: where it fits, the first section if there is one. */
  if (section_id < 0)
    section_id = self->section_order->len > 1
      ? ((SectionView *) g_ptr_array_index (self->section_order, 1))->id : 0;

  siblings = tissage_grid_editor_dup_section_questions (self, section_id);
  question = tissage_document_insert (self->document, TISSAGE_TYPE_GRID_QUESTION, &error,
                                      "grid-id", tissage_grid_editor_grid_id (self), "section-id", section_id,
                                      "text", _("New question"), "position", (int) siblings->len, NULL);
  if (question == NULL)
    {
      tissage_grid_editor_report (self, error);
      return;
    }

  tissage_grid_editor_sync_layout (self);
  if ((row = tissage_grid_editor_lookup_question (self, tissage_record_id (question))) != NULL)
    {
      /* A section title being typed keeps what was typed; it would take
       * the focus back when it stops. */
      for (guint i = 1; i < self->section_order->len; i++)
        {
          SectionView *view = g_ptr_array_index (self->section_order, i);

          if (gtk_editable_label_get_editing (GTK_EDITABLE_LABEL (view->title)))
            gtk_editable_label_stop_editing (GTK_EDITABLE_LABEL (view->title), TRUE);
        }
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row->expander), TRUE);
      focus_when_shown (row->widget->text_row);
      scroll_into_view (self, row->expander);
    }
}

static void
move_question (TissageGridEditor *self,
               QuestionRow       *row,
               int                delta)
{
  guint section_index = 0, index = 0;
  SectionView *view = NULL;
  g_autoptr(GPtrArray) here = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  for (guint i = 0; i < self->section_order->len; i++)
    {
      SectionView *candidate = g_ptr_array_index (self->section_order, i);

      if (gtk_widget_get_parent (row->expander) == candidate->list)
        {
          view = candidate;
          section_index = i;
        }
    }
  if (view == NULL)
    return;

  here = tissage_grid_editor_dup_section_questions (self, view->id);
  for (guint i = 0; i < here->len; i++)
    if (g_ptr_array_index (here, i) == (gpointer) row->question)
      index = i;

  if (!tissage_document_begin (self->document, _("Move a question"), &error))
    {
      tissage_grid_editor_report (self, error);
      return;
    }

  if ((delta < 0 && index > 0) || (delta > 0 && index + 1 < here->len))
    {
      gpointer other = here->pdata[index + delta];

      here->pdata[index + delta] = here->pdata[index];
      here->pdata[index] = other;
      ok = tissage_grid_editor_write_order (self, here, view->id, &error);
    }
  else
    {
      /* From the edge of a section into the next one shown. */
      SectionView *next = NULL;
      g_autoptr(GPtrArray) there = NULL;

      for (int i = (int) section_index + delta; i >= 0 && i < (int) self->section_order->len; i += delta)
        {
          SectionView *candidate = g_ptr_array_index (self->section_order, i);

          if (gtk_widget_get_visible (candidate->box))
            {
              next = candidate;
              break;
            }
        }
      if (next == NULL)
        {
          tissage_document_rollback (self->document);
          return;
        }

      there = tissage_grid_editor_dup_section_questions (self, next->id);
      g_ptr_array_remove_index (here, index);
      if (delta < 0)
        g_ptr_array_add (there, g_object_ref (row->question));
      else
        g_ptr_array_insert (there, 0, g_object_ref (row->question));
      ok = tissage_grid_editor_write_order (self, here, view->id, &error) && tissage_grid_editor_write_order (self, there, next->id, &error);
    }

  if (!ok || !tissage_document_commit (self->document, &error))
    {
      tissage_document_rollback (self->document);
      tissage_grid_editor_report (self, error);
    }
}

static QuestionRow *
question_for_action (TissageGridEditor *self,
                     GVariant          *parameter)
{
  gint64 id = parameter != NULL ? g_variant_get_int64 (parameter) : 0;

  return id != 0 ? tissage_grid_editor_lookup_question (self, id) : tissage_grid_editor_focused_question (self);
}

static void
action_move_question (GtkWidget  *widget,
                      const char *name,
                      GVariant   *parameter)
{
  TissageGridEditor *self = TISSAGE_GRID_EDITOR (widget);
  QuestionRow *row = question_for_action (self, parameter);

  if (row != NULL && !tissage_grid_question_get_retired (row->question))
    move_question (self, row, g_str_has_suffix (name, "-up") ? -1 : 1);
}

static void
action_add_question (GtkWidget  *widget,
                     const char *name,
                     GVariant   *parameter)
{
  add_question (TISSAGE_GRID_EDITOR (widget), g_variant_get_int64 (parameter));
}

static void
on_retire_confirmed (AdwMessageDialog *dialog,
                     const char       *response,
                     Pending          *pending)
{
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "retire") &&
      !tissage_document_remove_question (pending->editor->document, pending->question, NULL, &error))
    tissage_grid_editor_report (pending->editor, error);
}

static void
action_delete_question (GtkWidget  *widget,
                        const char *name,
                        GVariant   *parameter)
{
  TissageGridEditor *self = TISSAGE_GRID_EDITOR (widget);
  QuestionRow *row = question_for_action (self, parameter);
  g_autoptr(GError) error = NULL;
  gboolean retired = FALSE;
  guint n;

  if (row == NULL)
    return;

  n = tissage_document_count_answers (self->document, row->question);
  if (n > 0)
    {
      g_autofree char *body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "This question has %u answer: it will be removed from the guide, its answer is kept.",
                                                            "This question has %u answers: it will be removed from the guide, its answers are kept.",
                                                            n), n);
      AdwMessageDialog *dialog = tissage_grid_editor_confirm_dialog (self, _("Retire the Question?"), body,
                                                                     "retire", _("_Retire"), ADW_RESPONSE_DESTRUCTIVE);

      g_signal_connect_data (dialog, "response", G_CALLBACK (on_retire_confirmed), tissage_grid_editor_pending_new (row, 0),
                             (GClosureNotify) tissage_grid_editor_pending_free, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  if (!tissage_document_remove_question (self->document, row->question, &retired, &error))
    tissage_grid_editor_report (self, error);
  else
    tissage_grid_editor_undo_toast (self, _("Question deleted"));
}

static void
action_restore_question (GtkWidget  *widget,
                         const char *name,
                         GVariant   *parameter)
{
  TissageGridEditor *self = TISSAGE_GRID_EDITOR (widget);
  QuestionRow *row = question_for_action (self, parameter);
  g_autoptr(GError) error = NULL;

  if (row != NULL && !tissage_document_set (self->document, row->question, &error, "retired", FALSE, NULL))
    tissage_grid_editor_report (self, error);
}

static void
action_add_section (GtkWidget  *widget,
                    const char *name,
                    GVariant   *parameter)
{
  TissageGridEditor *self = TISSAGE_GRID_EDITOR (widget);
  g_autoptr(TissageGridSection) section = NULL;
  g_autoptr(GError) error = NULL;
  SectionView *view;

  if (self->grid == NULL)
    return;

  section = tissage_document_insert (self->document, TISSAGE_TYPE_GRID_SECTION, &error,
                                     "grid-id", tissage_grid_editor_grid_id (self), "title", _("New section"),
                                     "position", (int) self->section_order->len - 1, NULL);
  if (section == NULL)
    {
      tissage_grid_editor_report (self, error);
      return;
    }

  tissage_grid_editor_sync_layout (self);
  if ((view = tissage_grid_editor_lookup_section (self, tissage_record_id (section))) != NULL)
    {
      gtk_editable_label_start_editing (GTK_EDITABLE_LABEL (view->title));
      gtk_editable_select_region (GTK_EDITABLE (view->title), 0, -1);
    }
}

static void
action_move_section (GtkWidget  *widget,
                     const char *name,
                     GVariant   *parameter)
{
  TissageGridEditor *self = TISSAGE_GRID_EDITOR (widget);
  SectionView *view = tissage_grid_editor_lookup_section (self, g_variant_get_int64 (parameter));
  int delta = g_str_has_suffix (name, "-up") ? -1 : 1;
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  guint index;

  if (view == NULL || view->section == NULL)
    return;

  /* The real sections, without the one for questions outside them. */
  for (guint i = 1; i < self->section_order->len; i++)
    g_ptr_array_add (order, ((SectionView *) g_ptr_array_index (self->section_order, i))->section);
  if (!g_ptr_array_find (order, view->section, &index) ||
      (delta < 0 && index == 0) || (delta > 0 && index + 1 >= order->len))
    return;

  order->pdata[index] = order->pdata[index + delta];
  order->pdata[index + delta] = view->section;

  if (!tissage_document_begin (self->document, _("Move a section"), &error))
    {
      tissage_grid_editor_report (self, error);
      return;
    }
  for (guint i = 0; i < order->len; i++)
    if ((guint) tissage_grid_section_get_position (order->pdata[i]) != i &&
        !tissage_document_set (self->document, order->pdata[i], &error, "position", (int) i, NULL))
      break;
  if (error != NULL || !tissage_document_commit (self->document, &error))
    {
      tissage_document_rollback (self->document);
      tissage_grid_editor_report (self, error);
    }
}

static void
action_delete_section (GtkWidget  *widget,
                       const char *name,
                       GVariant   *parameter)
{
  TissageGridEditor *self = TISSAGE_GRID_EDITOR (widget);
  SectionView *view = tissage_grid_editor_lookup_section (self, g_variant_get_int64 (parameter));
  g_autoptr(GError) error = NULL;
  guint n;

  if (view == NULL || view->section == NULL)
    return;

  n = view->n_questions;
  if (!tissage_document_delete (self->document, view->section, &error))
    {
      tissage_grid_editor_report (self, error);
      return;
    }

  if (n > 0)
    {
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "Section deleted: its question is now outside any section",
                                                             "Section deleted: its %u questions are now outside any section",
                                                             n), n);
      tissage_grid_editor_undo_toast (self, title);
    }
  else
    tissage_grid_editor_undo_toast (self, _("Section deleted"));
}

/* The grid.* actions, installed on the class in this order. */
void
tissage_grid_editor_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "grid.add-section", NULL, action_add_section);
  gtk_widget_class_install_action (widget_class, "grid.add-question", "x", action_add_question);
  gtk_widget_class_install_action (widget_class, "grid.move-question-up", "x", action_move_question);
  gtk_widget_class_install_action (widget_class, "grid.move-question-down", "x", action_move_question);
  gtk_widget_class_install_action (widget_class, "grid.delete-question", "x", action_delete_question);
  gtk_widget_class_install_action (widget_class, "grid.restore-question", "x", action_restore_question);
  gtk_widget_class_install_action (widget_class, "grid.move-section-up", "x", action_move_section);
  gtk_widget_class_install_action (widget_class, "grid.move-section-down", "x", action_move_section);
  gtk_widget_class_install_action (widget_class, "grid.delete-section", "x", action_delete_section);
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-grids"

#include "config.h"

#include "tissage-grid-question-row.h"
#include "tissage-interviews.h"

G_DEFINE_FINAL_TYPE (TissageGridQuestionRow, tissage_grid_question_row, ADW_TYPE_EXPANDER_ROW)

static void
tissage_grid_question_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TISSAGE_TYPE_GRID_QUESTION_ROW);

  G_OBJECT_CLASS (tissage_grid_question_row_parent_class)->dispose (object);
}

static void
tissage_grid_question_row_class_init (TissageGridQuestionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tissage_grid_question_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/tissage-grid-question-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TissageGridQuestionRow, text_row);
  gtk_widget_class_bind_template_child (widget_class, TissageGridQuestionRow, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TissageGridQuestionRow, min_row);
  gtk_widget_class_bind_template_child (widget_class, TissageGridQuestionRow, max_row);
  gtk_widget_class_bind_template_child (widget_class, TissageGridQuestionRow, choices_row);
  gtk_widget_class_bind_template_child (widget_class, TissageGridQuestionRow, choices_view);
  gtk_widget_class_bind_template_child (widget_class, TissageGridQuestionRow, choices_note);
  gtk_widget_class_bind_template_child (widget_class, TissageGridQuestionRow, guidance_row);
  gtk_widget_class_bind_template_child (widget_class, TissageGridQuestionRow, link_button);
  gtk_widget_class_bind_template_child (widget_class, TissageGridQuestionRow, links_empty);
  gtk_widget_class_bind_template_child (widget_class, TissageGridQuestionRow, links_box);
  gtk_widget_class_bind_template_child (widget_class, TissageGridQuestionRow, up);
  gtk_widget_class_bind_template_child (widget_class, TissageGridQuestionRow, down);
  gtk_widget_class_bind_template_child (widget_class, TissageGridQuestionRow, remove);
  gtk_widget_class_bind_template_child (widget_class, TissageGridQuestionRow, restore);
}

static void
tissage_grid_question_row_init (TissageGridQuestionRow *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint k = 0; k < TISSAGE_N_QUESTION_KINDS; k++)
    gtk_string_list_append (kinds, tissage_question_kind_to_label (k));
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->kind_dropdown), G_LIST_MODEL (kinds));
}

TissageGridQuestionRow *
tissage_grid_question_row_new (gint64 id)
{
  TissageGridQuestionRow *self = g_object_new (TISSAGE_TYPE_GRID_QUESTION_ROW, NULL);
  GtkWidget *buttons[] = { self->restore, self->remove, self->down, self->up };

  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    gtk_actionable_set_action_target (GTK_ACTIONABLE (buttons[i]), "x", id);

  return self;
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TISSAGE_TYPE_GRID_QUESTION_ROW (tissage_grid_question_row_get_type ())
G_DECLARE_FINAL_TYPE (TissageGridQuestionRow, tissage_grid_question_row, TISSAGE, GRID_QUESTION_ROW, AdwExpanderRow)

/* A question of the guide editor: its header buttons and the rows of its
 * fields, from tissage-grid-question-row.ui. The editor fills them and
 * saves what is typed in them, so its parts are open to it. */
struct _TissageGridQuestionRow
{
  AdwExpanderRow  parent_instance;

  GtkWidget      *text_row;
  GtkWidget      *kind_dropdown;
  GtkWidget      *min_row;
  GtkWidget      *max_row;
  GtkWidget      *choices_row;
  GtkWidget      *choices_view;
  GtkWidget      *choices_note;
  GtkWidget      *guidance_row;
  GtkWidget      *link_button;
  GtkWidget      *links_empty;
  GtkWidget      *links_box;
  GtkWidget      *up;
  GtkWidget      *down;
  GtkWidget      *remove;
  GtkWidget      *restore;
};

/* Its buttons act on the question @id; its kinds of answer are the
 * core's, in their order. */
TissageGridQuestionRow *tissage_grid_question_row_new (gint64 id);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <adwaita.h>

#include "tissage-document.h"
#include "tissage-interviews.h"

G_BEGIN_DECLS

#define TISSAGE_TYPE_INTERVIEW_EDITOR (tissage_interview_editor_get_type ())
G_DECLARE_FINAL_TYPE (TissageInterviewEditor, tissage_interview_editor, TISSAGE, INTERVIEW_EDITOR, GtkWidget)

GtkWidget        *tissage_interview_editor_new           (void);
void              tissage_interview_editor_set_document  (TissageInterviewEditor *self,
                                                          TissageDocument        *document);
void              tissage_interview_editor_set_interview (TissageInterviewEditor *self,
                                                          TissageInterview       *interview);
TissageInterview *tissage_interview_editor_get_interview (TissageInterviewEditor *self);
/* The input of @question's answer: where Tab lands for it. */
GtkWidget        *tissage_interview_editor_get_input     (TissageInterviewEditor *self,
                                                          TissageGridQuestion    *question);
/* Scrolls to @question's answer, focuses it and selects the characters
 * @start to @end of an open answer (-1: none). */
gboolean          tissage_interview_editor_reveal_answer (TissageInterviewEditor *self,
                                                          TissageGridQuestion    *question,
                                                          int                     start,
                                                          int                     end);
/* Gives the focus to the first question without an answer. */
void              tissage_interview_editor_focus_first   (TissageInterviewEditor *self);
/* Opens the popover that marks the selected words of the focused open
 * answer as a verbatim; says what to do when nothing is selected. */
void              tissage_interview_editor_mark_verbatim (TissageInterviewEditor *self);

G_END_DECLS

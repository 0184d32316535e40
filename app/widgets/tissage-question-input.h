/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <adwaita.h>

#include "tissage-document.h"
#include "tissage-interviews.h"

G_BEGIN_DECLS

/*
 * One question of the interview entry page and the input of its answer:
 * its text, its guidance, the control of its kind (an open answer with its
 * verbatims, a scale, yes/no, choices or a number) and what is wrong with
 * what was typed. Made once per question of a guide, then bound to each
 * interview shown: going to the next interview of the same guide keeps it.
 * Saves what is typed as it is typed.
 *
 * Signals: "saved" after an answer was written, "next" when Enter asks for
 * the next question, "verbatim-deleted" after a verbatim was deleted.
 */
#define TISSAGE_TYPE_QUESTION_INPUT (tissage_question_input_get_type ())
G_DECLARE_FINAL_TYPE (TissageQuestionInput, tissage_question_input, TISSAGE, QUESTION_INPUT, GtkWidget)

TissageQuestionInput *tissage_question_input_new              (TissageDocument      *document,
                                                               TissageGridQuestion  *question);
TissageGridQuestion  *tissage_question_input_get_question     (TissageQuestionInput *self);
/* The title of the section the question opens; NULL: none. */
void                  tissage_question_input_set_section      (TissageQuestionInput *self,
                                                               const char           *title,
                                                               gboolean              first);
/* Shows @interview's @answer (NULL: none) and its @verbatims (NULL: none),
 * forgetting what was being typed for another interview. */
void                  tissage_question_input_bind             (TissageQuestionInput *self,
                                                               TissageInterview     *interview,
                                                               TissageAnswer        *answer,
                                                               GPtrArray            *verbatims);
/* Bound to no interview: saves nothing until bound again. */
void                  tissage_question_input_unbind           (TissageQuestionInput *self);
/* The answer saved changed: shows it, unless it already shows it or a
 * value being corrected is on screen. */
void                  tissage_question_input_show_answer      (TissageQuestionInput *self,
                                                               TissageAnswer        *answer);
/* Shows @verbatims (NULL: none) under the answer and highlights their
 * words; does nothing when they are shown already. */
void                  tissage_question_input_show_verbatims   (TissageQuestionInput *self,
                                                               GPtrArray            *verbatims);
/* The widget that takes the focus for the answer: where Tab lands. */
GtkWidget            *tissage_question_input_get_focus_widget (TissageQuestionInput *self);
/* The text view of an open answer; NULL for other kinds. */
GtkTextView          *tissage_question_input_get_text_view    (TissageQuestionInput *self);
/* Answers a scale from a digit key (AZERTY's too) or a yes/no from o, y
 * or n; FALSE when the key is not an answer of this question. */
gboolean              tissage_question_input_answer_key       (TissageQuestionInput *self,
                                                               guint                 keyval,
                                                               GtkWidget            *focus);
/* Opens the popover that marks the selected words as a verbatim; FALSE
 * when nothing is selected in an open answer. */
gboolean              tissage_question_input_mark_verbatim    (TissageQuestionInput *self);

G_END_DECLS

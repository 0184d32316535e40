/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include "tissage-document.h"
#include "tissage-map-model.h"

G_BEGIN_DECLS

/*
 * Fills @model with the stakeholders, links, categories and structures of
 * @document, and keeps it in step with every later edit, undo and redo of
 * the document for as long as both live.
 */
void tissage_map_model_bind_document (TissageMapModel *model,
                                      TissageDocument *document);

/*
 * Names "Interviewee (name hidden)" the stakeholders of @model that are
 * people someone interviewed (tissage_interviewee_is_person()), as a
 * pseudonymised export shows them. For a model of its own: a model bound
 * to the document gets the names back on the next edit.
 */
void tissage_map_model_hide_people (TissageMapModel *model,
                                    TissageDocument *document);

/* A model of @document as of now, that no later edit changes, to export
 * (in any thread); with @pseudonymise, interviewed people are not named. */
TissageMapModel *tissage_map_model_new_for_export (TissageDocument *document,
                                                   gboolean         pseudonymise);

G_END_DECLS

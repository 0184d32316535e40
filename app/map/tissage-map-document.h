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

G_END_DECLS

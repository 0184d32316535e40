/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <adwaita.h>

#include "tissage-document.h"
#include "tissage-interviews.h"

G_BEGIN_DECLS

#define TISSAGE_TYPE_GRID_EDITOR (tissage_grid_editor_get_type ())
G_DECLARE_FINAL_TYPE (TissageGridEditor, tissage_grid_editor, TISSAGE, GRID_EDITOR, GtkWidget)

GtkWidget *tissage_grid_editor_new          (void);
void       tissage_grid_editor_set_document (TissageGridEditor *self,
                                             TissageDocument   *document);
/* The guide to edit; %NULL shows nothing. */
void       tissage_grid_editor_set_grid     (TissageGridEditor *self,
                                             TissageGrid       *grid);

G_END_DECLS

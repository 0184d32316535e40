/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <adwaita.h>

#include "tissage-document.h"

G_BEGIN_DECLS

#define TISSAGE_TYPE_STAKEHOLDER_EDITOR (tissage_stakeholder_editor_get_type ())
G_DECLARE_FINAL_TYPE (TissageStakeholderEditor, tissage_stakeholder_editor, TISSAGE, STAKEHOLDER_EDITOR, GtkWidget)

void tissage_stakeholder_editor_set_document    (TissageStakeholderEditor *self,
                                                 TissageDocument          *document);
void tissage_stakeholder_editor_set_stakeholder (TissageStakeholderEditor *self,
                                                 TissageStakeholder       *stakeholder);
void tissage_stakeholder_editor_focus_name      (TissageStakeholderEditor *self);

G_END_DECLS

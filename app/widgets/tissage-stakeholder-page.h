/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <adwaita.h>

#include "tissage-document.h"

G_BEGIN_DECLS

#define TISSAGE_TYPE_STAKEHOLDER_PAGE (tissage_stakeholder_page_get_type ())
G_DECLARE_FINAL_TYPE (TissageStakeholderPage, tissage_stakeholder_page, TISSAGE, STAKEHOLDER_PAGE, GtkWidget)

void                tissage_stakeholder_page_set_document   (TissageStakeholderPage *self,
                                                             TissageDocument        *document);
TissageStakeholder *tissage_stakeholder_page_get_selected   (TissageStakeholderPage *self);
gboolean            tissage_stakeholder_page_select         (TissageStakeholderPage *self,
                                                             TissageStakeholder     *stakeholder);
void                tissage_stakeholder_page_add            (TissageStakeholderPage *self);
void                tissage_stakeholder_page_delete_selected (TissageStakeholderPage *self);
void                tissage_stakeholder_page_focus_search   (TissageStakeholderPage *self);
GtkWidget          *tissage_stakeholder_page_get_editor     (TissageStakeholderPage *self);
GtkWidget          *tissage_stakeholder_page_get_map        (TissageStakeholderPage *self);
TissageLink        *tissage_stakeholder_page_get_selected_link (TissageStakeholderPage *self);
void                tissage_stakeholder_page_delete_selected_link (TissageStakeholderPage *self);
/* Shows the map ("map"), the joint actions ("actions") or the measures
 * of the cooperation ("cooperation"), and returns that pane. */
GtkWidget          *tissage_stakeholder_page_show_pane      (TissageStakeholderPage *self,
                                                             const char             *name);

G_END_DECLS

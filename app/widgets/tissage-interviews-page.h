/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <adwaita.h>

#include "tissage-document.h"
#include "tissage-interviews.h"

G_BEGIN_DECLS

#define TISSAGE_TYPE_INTERVIEWS_PAGE (tissage_interviews_page_get_type ())
G_DECLARE_FINAL_TYPE (TissageInterviewsPage, tissage_interviews_page, TISSAGE, INTERVIEWS_PAGE, GtkWidget)

void              tissage_interviews_page_set_document    (TissageInterviewsPage *self,
                                                           TissageDocument       *document);
TissageInterview *tissage_interviews_page_get_selected    (TissageInterviewsPage *self);
gboolean          tissage_interviews_page_select          (TissageInterviewsPage *self,
                                                           TissageInterview      *interview);
/* The interviews the list shows, after the search and the filters. */
GListModel       *tissage_interviews_page_get_shown       (TissageInterviewsPage *self);
GtkWidget        *tissage_interviews_page_get_editor      (TissageInterviewsPage *self);
/* Creates an interview dated today, asking for the guide when there are
 * several, and opens it for typing. */
void              tissage_interviews_page_add             (TissageInterviewsPage *self);
void              tissage_interviews_page_delete_selected (TissageInterviewsPage *self);
void              tissage_interviews_page_focus_search    (TissageInterviewsPage *self);
/* Shows the interviews, the guides ("grids") or the verbatims. */
void              tissage_interviews_page_show_mode       (TissageInterviewsPage *self,
                                                           const char            *name);
TissageGrid      *tissage_interviews_page_get_selected_grid (TissageInterviewsPage *self);

G_END_DECLS

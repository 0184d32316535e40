/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <adwaita.h>

#include "tissage-cooperation.h"
#include "tissage-document.h"

G_BEGIN_DECLS

#define TISSAGE_TYPE_COOPERATION_VIEW (tissage_cooperation_view_get_type ())
G_DECLARE_FINAL_TYPE (TissageCooperationView, tissage_cooperation_view, TISSAGE, COOPERATION_VIEW, GtkWidget)

/* « Coopération »: the network measures per period as a table and small
 * charts, and the member structures ranked by their links and their
 * role as bridges, read from tissage_cooperation_compute(). */
void tissage_cooperation_view_set_document (TissageCooperationView *self,
                                            TissageDocument        *document);
/* What the view shows, computed when the project last changed: for tests. */
TissageCooperation *tissage_cooperation_view_get_cooperation (TissageCooperationView *self);
/* The names of the ranked structures, in order, one a line: for tests. */
char *tissage_cooperation_view_dup_ranking (TissageCooperationView *self);

G_END_DECLS

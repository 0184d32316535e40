/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <adwaita.h>

#include "tissage-document.h"

G_BEGIN_DECLS

#define TISSAGE_TYPE_ACTIONS_VIEW (tissage_actions_view_get_type ())
G_DECLARE_FINAL_TYPE (TissageActionsView, tissage_actions_view, TISSAGE, ACTIONS_VIEW, GtkWidget)

/* The joint actions of the collective: their list, and the editor of
 * the one selected or of a new one (title, kind, date or period,
 * partners chosen among the stakeholders, note). */
void tissage_actions_view_set_document (TissageActionsView *self,
                                        TissageDocument    *document);
/* Starts a new action, as "Ajouter une action commune" does. */
void tissage_actions_view_start_new    (TissageActionsView *self);
/* Fills the new action's title and partners and creates it, as a user
 * would with the form: for tests. Returns the action or NULL. */
TissageAction *tissage_actions_view_create (TissageActionsView *self,
                                            const char         *title,
                                            const char         *when,
                                            const gint64       *partners,
                                            guint               n_partners);

G_END_DECLS

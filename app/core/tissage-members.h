/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include "tissage-document.h"

G_BEGIN_DECLS

/*
 * A member structure of the collective and the stakeholder that stands for
 * it on the map are one thing: the stakeholder is marked as a member and
 * attached to the structure. These calls keep the two together, each as
 * one undo step.
 */
TissageStakeholder *tissage_document_get_structure_stakeholder (TissageDocument    *self,
                                                                gint64              structure_id);
TissageStructure   *tissage_document_add_member_structure      (TissageDocument    *self,
                                                                const char         *name,
                                                                GError            **error);
gboolean            tissage_document_set_stakeholder_member    (TissageDocument    *self,
                                                                TissageStakeholder *stakeholder,
                                                                gboolean            member,
                                                                GError            **error);
gboolean            tissage_document_rename_structure          (TissageDocument    *self,
                                                                TissageStructure   *structure,
                                                                const char         *name,
                                                                GError            **error);

G_END_DECLS

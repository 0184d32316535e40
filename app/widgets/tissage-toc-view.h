/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <adwaita.h>

#include "tissage-document.h"
#include "tissage-referentiel.h"

G_BEGIN_DECLS

#define TISSAGE_TYPE_TOC_VIEW (tissage_toc_view_get_type ())
G_DECLARE_FINAL_TYPE (TissageTocView, tissage_toc_view, TISSAGE, TOC_VIEW, GtkWidget)

GtkWidget *tissage_toc_view_new          (void);
void       tissage_toc_view_set_document (TissageTocView  *self,
                                          TissageDocument *document);
/* The edits its buttons and clicks make, reachable without them. */
TissageTocItem *tissage_toc_view_add_card (TissageTocView  *self,
                                           TissageTocStage  stage,
                                           GError         **error);
gboolean   tissage_toc_view_link_cards   (TissageTocView  *self,
                                          TissageTocItem  *from,
                                          TissageTocItem  *to,
                                          GError         **error);
guint      tissage_toc_view_get_n_arrows (TissageTocView  *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <adwaita.h>

#include "tissage-interviews.h"
#include "tissage-entities.h"

G_BEGIN_DECLS

/* The card of one quote in the verbatim browser's list: made once per row
 * of the list, then set to each quote the row shows. Its buttons act on
 * the quote through the actions verbatims.copy and
 * verbatims.open-interview, with the verbatim's id. */
#define TISSAGE_TYPE_VERBATIM_CARD (tissage_verbatim_card_get_type ())
G_DECLARE_FINAL_TYPE (TissageVerbatimCard, tissage_verbatim_card, TISSAGE, VERBATIM_CARD, GtkWidget)

GtkWidget *tissage_verbatim_card_new (void);
/* Shows @info's quote: @category (NULL: none) of who said it, @source
 * (who, where, when) and @effects (NULL: none) as the browser words them. */
void       tissage_verbatim_card_set (TissageVerbatimCard       *self,
                                      const TissageVerbatimInfo *info,
                                      TissageCategory           *category,
                                      const char                *source,
                                      const char                *effects);

G_END_DECLS

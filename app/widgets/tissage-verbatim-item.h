/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <glib-object.h>

#include "tissage-interviews.h"

G_BEGIN_DECLS

/* One quote of the verbatim browser's list, as a list model item. */
#define TISSAGE_TYPE_VERBATIM_ITEM (tissage_verbatim_item_get_type ())
G_DECLARE_FINAL_TYPE (TissageVerbatimItem, tissage_verbatim_item, TISSAGE, VERBATIM_ITEM, GObject)

/* Takes @info. */
TissageVerbatimItem       *tissage_verbatim_item_new      (TissageVerbatimInfo *info);
const TissageVerbatimInfo *tissage_verbatim_item_get_info (TissageVerbatimItem *self);

G_END_DECLS

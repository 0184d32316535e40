/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-interviews"

#include "config.h"

#include "tissage-verbatim-item.h"

struct _TissageVerbatimItem
{
  GObject              parent_instance;

  TissageVerbatimInfo *info;
};

G_DEFINE_FINAL_TYPE (TissageVerbatimItem, tissage_verbatim_item, G_TYPE_OBJECT)

static void
tissage_verbatim_item_finalize (GObject *object)
{
  TissageVerbatimItem *self = TISSAGE_VERBATIM_ITEM (object);

  g_clear_pointer (&self->info, tissage_verbatim_info_free);

  G_OBJECT_CLASS (tissage_verbatim_item_parent_class)->finalize (object);
}

static void
tissage_verbatim_item_class_init (TissageVerbatimItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tissage_verbatim_item_finalize;
}

static void
tissage_verbatim_item_init (TissageVerbatimItem *self)
{
}

TissageVerbatimItem *
tissage_verbatim_item_new (TissageVerbatimInfo *info)
{
  TissageVerbatimItem *self;

  g_return_val_if_fail (info != NULL, NULL);

  self = g_object_new (TISSAGE_TYPE_VERBATIM_ITEM, NULL);
  self->info = info;
  return self;
}

const TissageVerbatimInfo *
tissage_verbatim_item_get_info (TissageVerbatimItem *self)
{
  g_return_val_if_fail (TISSAGE_IS_VERBATIM_ITEM (self), NULL);

  return self->info;
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include "tissage-map.h"

G_BEGIN_DECLS

/* A collective of about fifty stakeholders, as an association would map it */
TissageMapModel *map_synthetic_example (void);

/* A generated project: @n_nodes stakeholders in @n_categories categories and
 * @n_structures structures, @n_edges links, the same for the same @seed */
TissageMapModel *map_synthetic_generate (guint   n_nodes,
                                         guint   n_edges,
                                         guint   n_categories,
                                         guint   n_structures,
                                         guint32 seed);

const char      *map_synthetic_category_color (guint index);

G_END_DECLS

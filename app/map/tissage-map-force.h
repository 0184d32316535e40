/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <gio/gio.h>

#include "tissage-map-layout.h"
#include "tissage-map-model.h"

G_BEGIN_DECLS

/*
 * Force-directed arrangement of the free layout (Fruchterman–Reingold
 * forces and cooling, Barnes–Hut approximation of the repulsion). It
 * works on its own copy of the nodes and links, so it can run step by step
 * from the main loop (to animate it and cancel it) or whole in a worker
 * thread; the result is written back with tissage_map_force_apply().
 */
typedef struct _TissageMapForce TissageMapForce;

TissageMapForce *tissage_map_force_new            (TissageMapModel        *model,
                                                   const TissageMapLayout *start);
void             tissage_map_force_free           (TissageMapForce        *force);

gboolean         tissage_map_force_step           (TissageMapForce        *force,
                                                   guint                   iterations);
gboolean         tissage_map_force_run            (TissageMapForce        *force,
                                                   GCancellable           *cancellable);
gboolean         tissage_map_force_is_settled     (TissageMapForce        *force);
double           tissage_map_force_get_progress   (TissageMapForce        *force);
guint            tissage_map_force_get_iterations (TissageMapForce        *force);

guint            tissage_map_force_get_n_nodes    (TissageMapForce        *force);
gint64           tissage_map_force_get_node_id    (TissageMapForce        *force,
                                                   guint                   index);
void             tissage_map_force_get_position   (TissageMapForce        *force,
                                                   guint                   index,
                                                   double                 *x,
                                                   double                 *y);
void             tissage_map_force_apply          (TissageMapForce        *force,
                                                   TissageMapModel        *model);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TissageMapForce, tissage_map_force_free)

G_END_DECLS

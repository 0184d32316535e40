/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <adwaita.h>

#include "tissage-document.h"
#include "tissage-map-layout.h"
#include "tissage-map-view.h"

G_BEGIN_DECLS

#define TISSAGE_TYPE_MAP_WIDGET (tissage_map_widget_get_type ())
G_DECLARE_FINAL_TYPE (TissageMapWidget, tissage_map_widget, TISSAGE, MAP_WIDGET, GtkWidget)

void                 tissage_map_widget_set_document      (TissageMapWidget     *self,
                                                           TissageDocument      *document);
TissageMapView      *tissage_map_widget_get_view          (TissageMapWidget     *self);
TissageMapModel     *tissage_map_widget_get_model         (TissageMapWidget     *self);

void                 tissage_map_widget_set_layout        (TissageMapWidget     *self,
                                                           TissageMapLayoutKind  layout);
TissageMapLayoutKind tissage_map_widget_get_layout        (TissageMapWidget     *self);

TissageStakeholder  *tissage_map_widget_get_selected      (TissageMapWidget     *self);
void                 tissage_map_widget_select            (TissageMapWidget     *self,
                                                           TissageStakeholder   *stakeholder);
TissageLink         *tissage_map_widget_get_selected_link (TissageMapWidget     *self);
void                 tissage_map_widget_select_link       (TissageMapWidget     *self,
                                                           TissageLink          *link);

void                 tissage_map_widget_set_link_mode     (TissageMapWidget     *self,
                                                           gboolean              link_mode);
void                 tissage_map_widget_set_highlight     (TissageMapWidget     *self,
                                                           GArray               *node_ids);
void                 tissage_map_widget_zoom              (TissageMapWidget     *self,
                                                           double                factor);
void                 tissage_map_widget_fit               (TissageMapWidget     *self);
void                 tissage_map_widget_set_show_legend   (TissageMapWidget     *self,
                                                           gboolean              show_legend);
gboolean             tissage_map_widget_get_show_legend   (TissageMapWidget     *self);
void                 tissage_map_widget_arrange           (TissageMapWidget     *self);
gboolean             tissage_map_widget_is_arranging      (TissageMapWidget     *self);

/* The edits a pointer makes, also reachable without one (tests, keyboard). */
gboolean             tissage_map_widget_drop_node         (TissageMapWidget     *self,
                                                           TissageStakeholder   *stakeholder,
                                                           const TissageMapDrop *drop,
                                                           GError              **error);
TissageLink         *tissage_map_widget_link_nodes        (TissageMapWidget     *self,
                                                           TissageStakeholder   *source,
                                                           TissageStakeholder   *target,
                                                           GError              **error);

G_END_DECLS

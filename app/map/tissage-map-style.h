/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <glib.h>

#include "tissage-map-model.h"

G_BEGIN_DECLS

typedef struct
{
  double red;
  double green;
  double blue;
  double alpha;
} TissageMapColor;

typedef enum
{
  TISSAGE_MAP_LINK_COOPERATION,
  TISSAGE_MAP_LINK_FUNDING,
  TISSAGE_MAP_LINK_SUPPORT,
  TISSAGE_MAP_LINK_REFERRAL,
  TISSAGE_MAP_LINK_INSTITUTIONAL,
  TISSAGE_MAP_LINK_OTHER,
  TISSAGE_MAP_N_LINK_KINDS
} TissageMapLinkKind;

typedef enum
{
  TISSAGE_MAP_NODE_SIZE_INFLUENCE,
  TISSAGE_MAP_NODE_SIZE_LINKS
} TissageMapNodeSize;

/* World radius of the smallest and largest nodes. */
#define TISSAGE_MAP_NODE_RADIUS_MIN  5.0
#define TISSAGE_MAP_NODE_RADIUS_MAX 14.0

gboolean            tissage_map_color_parse               (const char          *spec,
                                                           TissageMapColor     *color);

TissageMapLinkKind  tissage_map_link_kind_from_string     (const char          *kind);
const char         *tissage_map_link_kind_get_label       (TissageMapLinkKind   kind);
void                tissage_map_link_kind_get_color       (TissageMapLinkKind   kind,
                                                           gboolean             dark,
                                                           TissageMapColor     *color);
const double       *tissage_map_link_kind_get_dashes      (TissageMapLinkKind   kind,
                                                           int                 *n_dashes);
double              tissage_map_link_width                (int                  strength);

const char         *tissage_map_proximity_get_label       (TissageMapProximity  proximity);

double              tissage_map_node_radius               (const TissageMapNode *node,
                                                           TissageMapNodeSize    size,
                                                           guint                 max_links);

G_END_DECLS

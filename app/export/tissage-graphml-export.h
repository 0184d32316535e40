/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include "tissage-document.h"

G_BEGIN_DECLS

/*
 * The network of one period as GraphML, for Gephi, Cytoscape and
 * networkx: every stakeholder a node (name, category, member, structure,
 * influence, interest, proximity), every link of the period an undirected
 * edge (kind, strength in the period, start, end). @period is a period's
 * label, NULL for the latest; a project without periods gives every link.
 * With @pseudonymise, people are not named, as in the workbook. Written
 * beside @path, then renamed over it: @path is complete or as it was.
 */
gboolean tissage_graphml_export (TissageDocument  *document,
                                 const char       *path,
                                 const char       *period,
                                 gboolean          pseudonymise,
                                 GError          **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

/*
 * The stakeholder map, free of GTK: a model (tissage-map-model.h), its
 * layouts (rings, grid, free; tissage-map-layout.h) and force-directed
 * arrangement (tissage-map-force.h), the view that draws it onto any
 * cairo_t and answers hit tests (tissage-map-view.h), and the PNG, SVG and
 * PDF exports (tissage-map-export.h).
 */

#include "tissage-map-export.h"
#include "tissage-map-force.h"
#include "tissage-map-geometry.h"
#include "tissage-map-layout.h"
#include "tissage-map-model.h"
#include "tissage-map-style.h"
#include "tissage-map-view.h"

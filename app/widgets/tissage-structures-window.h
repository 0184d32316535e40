/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <adwaita.h>

#include "tissage-document.h"

G_BEGIN_DECLS

#define TISSAGE_TYPE_STRUCTURES_WINDOW (tissage_structures_window_get_type ())
G_DECLARE_FINAL_TYPE (TissageStructuresWindow, tissage_structures_window, TISSAGE, STRUCTURES_WINDOW, AdwPreferencesWindow)

GtkWindow *tissage_structures_window_new (GtkWindow       *parent,
                                          TissageDocument *document);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <adwaita.h>

#include "tissage-document.h"

G_BEGIN_DECLS

#define TISSAGE_TYPE_PROJECT_WINDOW (tissage_project_window_get_type ())
G_DECLARE_FINAL_TYPE (TissageProjectWindow, tissage_project_window, TISSAGE, PROJECT_WINDOW, AdwWindow)

GtkWindow *tissage_project_window_new (GtkWindow       *parent,
                                       TissageDocument *document);

G_END_DECLS

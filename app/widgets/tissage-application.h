/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TISSAGE_TYPE_APPLICATION (tissage_application_get_type ())
G_DECLARE_FINAL_TYPE (TissageApplication, tissage_application, TISSAGE, APPLICATION, AdwApplication)

TissageApplication *tissage_application_new (void);

GFile *tissage_application_dup_example_file (void);

G_END_DECLS

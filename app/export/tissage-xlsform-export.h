/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <gio/gio.h>

#include "tissage-document.h"
#include "tissage-interviews.h"

G_BEGIN_DECLS

/* The label column of the form: its language as KoboToolbox shows it. */
#define TISSAGE_XLSFORM_LANGUAGE "Français (fr)"

/*
 * Writes @grid as an XLSForm (sheets survey, choices, settings) at @path,
 * for KoboToolbox, ODK Collect and Enketo: the interview's consent,
 * pseudonym, structure and date first, then one group per section. The
 * file appears complete or not at all. Errors are TISSAGE_XLSX_ERROR.
 */
gboolean tissage_xlsform_export (TissageDocument *document,
                                 TissageGrid     *grid,
                                 const char      *path,
                                 GError         **error);

G_END_DECLS

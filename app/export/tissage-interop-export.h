/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include "tissage-document.h"

G_BEGIN_DECLS

/*
 * Workbooks for the tools collectives use, written as the funders'
 * workbook is: beside @path under a hidden name, then renamed over it, so
 * that @path is complete or as it was. Errors are TISSAGE_XLSX_ERROR's.
 */

/* Kumu's import format: a sheet "Elements" (Label, Type, Description,
 * Tags, ID, then Influence, Interest, Proximity, Structure, Member as
 * fields) and a sheet "Connections" (From, To, Type, Strength, Direction,
 * Description, ID), identified by the UUIDs, so that the map comes back
 * into Tissage without a duplicate. */
gboolean tissage_kumu_export        (TissageDocument  *document,
                                     const char       *path,
                                     GError          **error);

/* The référentiel in the flat layout of tissage-referentiel-flat.h. */
gboolean tissage_referentiel_export (TissageDocument  *document,
                                     const char       *path,
                                     GError          **error);

G_END_DECLS

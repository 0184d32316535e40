/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <glib/gi18n.h>

#include "tissage-xlsx-writer-private.h"

G_BEGIN_DECLS

/*
 * What the files of the tables share, each writing a sheet
 * (tissage-xlsx-sheet-*.c); the writer's helpers are in
 * tissage-xlsx-writer-private.h.
 */

/* The translated label of @value among @labels (marked with N_()), or
 * %NULL for a value out of range, as a file from elsewhere may hold. */
static inline const char *
tissage_xlsx_label_of (const char * const *labels,
                       guint               n_labels,
                       int                 value)
{
  return value >= 0 && (guint) value < n_labels ? _(labels[value]) : NULL;
}

G_END_DECLS

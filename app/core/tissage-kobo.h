/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include "tissage-csv.h"

G_BEGIN_DECLS

/*
 * The answers a survey tool (KoboToolbox, ODK Central) exports for the
 * XLSForm Tissage wrote of @grid, as an import of its interviews: the
 * columns named "group/question" as the form names them, a multiple
 * choice as the choices' names separated by spaces or as one 1/0 column
 * per choice ("group/question/choice"), the choices' names read as their
 * labels, "_uuid" so that a submission already imported is left out, and
 * "_submission_time" as the date of an interview whose date was not
 * asked. Columns whose headers are no names of the form keep the mapping
 * tissage_csv_import_new() proposes. Takes @csv.
 */
TissageCsvImport *tissage_kobo_import_new (TissageDocument *document,
                                           TissageGrid     *grid,
                                           TissageCsv      *csv);

/* How many columns of @csv are named as the form of @grid names its
 * questions: 0 for a file that is no export of that form. */
guint             tissage_kobo_count_named_columns (TissageDocument  *document,
                                                    TissageGrid      *grid,
                                                    const TissageCsv *csv);

G_END_DECLS

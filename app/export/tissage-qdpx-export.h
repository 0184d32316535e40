/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <gio/gio.h>

#include "tissage-document.h"

G_BEGIN_DECLS

/*
 * The interviews and their verbatims in REFI-QDA (.qdpx), the exchange
 * format of QualCoder, ATLAS.ti, NVivo and MAXQDA: a zip holding
 * project.qde and sources/, one text per interview (each question a
 * heading, its answer below), the enjeux and effects as codes, each
 * verbatim a selection coded with its effects, the structures and
 * categories as cases. Pseudonymised, interviews without consent left
 * out, as the workbook does by default. GUIDs are the project's UUIDs.
 * Written atomically. Errors are TISSAGE_XLSX_ERROR.
 */
gboolean tissage_qdpx_export     (TissageDocument *document,
                                  const char      *path,
                                  GError         **error);

/*
 * The same quotes as Taguette's CSVs: @codebook_path (tag, description,
 * number of highlights) and @highlights_path (id, document, tag,
 * content), one line per verbatim and effect.
 */
gboolean tissage_taguette_export (TissageDocument *document,
                                  const char      *codebook_path,
                                  const char      *highlights_path,
                                  GError         **error);

G_END_DECLS

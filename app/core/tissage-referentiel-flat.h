/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include "tissage-document.h"
#include "tissage-spreadsheet.h"

G_BEGIN_DECLS

/*
 * The référentiel in the flat layout of the templates collectives fill
 * in: one row per indicator (or per effect, question or stake that has
 * none), its stake, question and effect repeated on each row. The export
 * writes these columns; the import reads them in any order, by their
 * header, and builds the tree.
 */
typedef enum {
  TISSAGE_FLAT_STAKE,
  TISSAGE_FLAT_QUESTION,
  TISSAGE_FLAT_EFFECT,
  TISSAGE_FLAT_INDICATOR,
  TISSAGE_FLAT_N_LEVELS
} TissageFlatLevel;

typedef enum {
  TISSAGE_FLAT_TEXT,
  TISSAGE_FLAT_CHOICE,   /* an int property, one of labels */
  TISSAGE_FLAT_BOOLEAN,  /* labels[0] no, labels[1] yes */
  TISSAGE_FLAT_NUMBER,   /* a double property, NaN for none, or its -text twin */
  TISSAGE_FLAT_DATE,
} TissageFlatKind;

typedef struct {
  const char       *header;      /* marked for translation */
  TissageFlatLevel  level;
  const char       *property;
  TissageFlatKind   kind;
  const char * const *labels;   /* CHOICE and BOOLEAN, marked for translation */
  int               n_values;
  const char       *synonyms;    /* folded headers of templates, "|"-separated */
  const char       *value_synonyms; /* folded French values, whatever the language: "a|b;c" for values 0 and 1 */
} TissageFlatColumn;

const TissageFlatColumn *tissage_referentiel_flat_columns (guint *n_columns);

/* How an import went. */
typedef struct {
  guint created[TISSAGE_FLAT_N_LEVELS];
  guint updated[TISSAGE_FLAT_N_LEVELS];
  guint skipped_lines;
} TissageFlatSummary;

/* "1 stake added, 2 indicators added, 1 indicator updated", in French;
 * %NULL when nothing changed. */
char    *tissage_referentiel_flat_describe (const TissageFlatSummary *summary);

/*
 * Builds the référentiel of the first sheet of @book with an "Indicator"
 * or "Expected effect" column into @document, as one undo step "Import
 * Référentiel": what has the title of an existing stake, question under
 * it, effect under that or indicator under that is updated, the rest is
 * added. An empty stake, question or effect cell is the one of the row
 * above, as merged cells are.
 */
gboolean tissage_referentiel_import (TissageDocument    *document,
                                     TissageSpreadsheet *book,
                                     TissageFlatSummary *summary,
                                     GError            **error);

/* The headers of the columns of the sheet tissage_referentiel_import()
 * reads that it leaves out, as no field of the référentiel has their
 * name, and that hold something. Never %NULL. */
GStrv    tissage_referentiel_flat_dup_ignored_columns (TissageSpreadsheet *book);

G_END_DECLS

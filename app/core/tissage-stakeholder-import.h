/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include "tissage-document.h"
#include "tissage-spreadsheet.h"

G_BEGIN_DECLS

/* What a column of the stakeholders' sheet fills in. */
typedef enum {
  TISSAGE_STAKEHOLDER_COLUMN_IGNORE,
  TISSAGE_STAKEHOLDER_COLUMN_NAME,
  TISSAGE_STAKEHOLDER_COLUMN_CATEGORY,
  TISSAGE_STAKEHOLDER_COLUMN_DESCRIPTION,
  TISSAGE_STAKEHOLDER_COLUMN_INFLUENCE,
  TISSAGE_STAKEHOLDER_COLUMN_INTEREST,
  TISSAGE_STAKEHOLDER_COLUMN_PROXIMITY,
  TISSAGE_STAKEHOLDER_COLUMN_STRUCTURE,
  TISSAGE_STAKEHOLDER_COLUMN_MEMBER,
  TISSAGE_STAKEHOLDER_COLUMN_CONTACT,
  TISSAGE_STAKEHOLDER_COLUMN_TAGS,
  TISSAGE_STAKEHOLDER_COLUMN_ID,
  TISSAGE_STAKEHOLDER_N_COLUMNS
} TissageStakeholderColumn;

const char *tissage_stakeholder_column_to_label (TissageStakeholderColumn column);

/* A stakeholder of the file whose name the project has already. */
typedef enum {
  TISSAGE_DUPLICATE_UPDATE,   /* its cells update the project's */
  TISSAGE_DUPLICATE_ADD,      /* a new stakeholder beside it */
} TissageDuplicatePolicy;

/* What becomes of a row of the file. */
typedef enum {
  TISSAGE_ROW_ADD,
  TISSAGE_ROW_UPDATE,
  TISSAGE_ROW_SKIP,      /* left out: no name */
  TISSAGE_ROW_REFUSED,   /* left out: a cell holds what cannot be read */
} TissageRowAction;

/* Tags are kept as the description's last line, so that an export gives
 * them back: "Tags: a, b" in the language of the interface. */
char  *tissage_stakeholder_description_with_tags (const char  *description,
                                                  const char * const *tags);
/* The description without that line, and the tags it holds. */
char  *tissage_stakeholder_split_tags (const char  *description,
                                       GStrv       *tags);

/*
 * An import of stakeholders, and of links between them, from a
 * spreadsheet: its first sheet whose first two headers are "From" and
 * "To" (or "De" and "Vers", "Source" and "Cible") holds links, the first
 * other holds stakeholders; a sheet whose name holds "(ignore)" is left
 * out, as Kumu does. A Kumu workbook is recognised by its "Label" column.
 */
typedef struct _TissageStakeholderImport TissageStakeholderImport;

/* Takes @book. %NULL, with a French message, when no sheet holds rows. */
TissageStakeholderImport *tissage_stakeholder_import_new (TissageDocument     *document,
                                                          TissageSpreadsheet  *book,
                                                          GError             **error);
void     tissage_stakeholder_import_free (TissageStakeholderImport *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TissageStakeholderImport, tissage_stakeholder_import_free)

gboolean            tissage_stakeholder_import_is_kumu (TissageStakeholderImport *self);
/* A CSV that was not in UTF-8, read as Windows-1252. */
gboolean            tissage_stakeholder_import_is_converted (TissageStakeholderImport *self);
const TissageSheet *tissage_stakeholder_import_get_sheet (TissageStakeholderImport *self);
const TissageSheet *tissage_stakeholder_import_get_links_sheet (TissageStakeholderImport *self);
guint               tissage_stakeholder_import_get_n_columns (TissageStakeholderImport *self);
const char         *tissage_stakeholder_import_get_header (TissageStakeholderImport *self,
                                                           guint                     column);
TissageStakeholderColumn tissage_stakeholder_import_get_column (TissageStakeholderImport *self,
                                                                guint                     column);
/* A target taken by another column is taken off it. */
void     tissage_stakeholder_import_set_column (TissageStakeholderImport *self,
                                                guint                     column,
                                                TissageStakeholderColumn  target);
/* What the import leaves out of the file: the headers of the columns of
 * the stakeholders' sheet that no field takes (“Ignore”) and that hold
 * something under their header or, with @links, of the links' sheet that Tissage does not
 * read; an empty header is written “column 4”. Never %NULL. */
GStrv    tissage_stakeholder_import_dup_ignored_columns (TissageStakeholderImport *self,
                                                         gboolean                  links);
void     tissage_stakeholder_import_set_policy (TissageStakeholderImport *self,
                                                TissageDuplicatePolicy    policy);

/* What the import would do, from the mapping and the policy: call again
 * after a change. Every refused cell has its reason, in French. */
typedef struct {
  guint  added;
  guint  updated;     /* found in the project, and changed */
  guint  unchanged;   /* found in the project, with the same values */
  guint  skipped;     /* no name */
  guint  refused;     /* left out: a cell holds what Tissage cannot read */
  guint  categories_created;
  guint  links_added;
  guint  links_updated;
  guint  links_refused;
  GPtrArray *reasons;   /* char *: "line 4, “Influence”: …" */
} TissageStakeholderPlan;

const TissageStakeholderPlan *tissage_stakeholder_import_check (TissageStakeholderImport *self);
/* "3 stakeholders added, 2 updated, 4 links added, 1 category created",
 * in French, saying only what happens. */
char *tissage_stakeholder_plan_describe (const TissageStakeholderPlan *plan);
/* The row of the stakeholders' sheet (1: the first under the header). */
TissageRowAction tissage_stakeholder_import_get_row_action (TissageStakeholderImport *self,
                                                            guint                     row);

/* The whole import as one undo step, "Import Stakeholders". */
gboolean tissage_stakeholder_import_apply (TissageStakeholderImport *self,
                                           GError                  **error);

G_END_DECLS

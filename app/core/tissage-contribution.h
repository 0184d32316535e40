/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <gio/gio.h>

#include "tissage-document.h"

G_BEGIN_DECLS

/*
 * Contributions of member structures. A contribution is a copy of a
 * project for one structure: the référentiel, the guides, the periods, the
 * stakeholders and links, and only that structure's interviews, answers,
 * quotes and values. The structure fills it; the coordinator merges it
 * back (see ARCHITECTURE.md, "Contributions et fusion").
 */

/* Writes to @destination the contribution of the structure @structure_id
 * of @project, whole or not at all. */
gboolean tissage_contribution_export (TissageDocument  *project,
                                      gint64            structure_id,
                                      GFile            *destination,
                                      GError          **error);

/* Whose contribution @document is, or %FALSE for a project. Strings are
 * newly allocated; any out argument may be %NULL. */
gboolean tissage_contribution_describe (TissageDocument  *document,
                                        char            **project_name,
                                        char            **structure_name,
                                        char            **created);

/* The structure whose contribution @document is: 0 for a project, -1 for
 * a contribution whose structure is gone from it. */
gint64   tissage_contribution_get_structure_id (TissageDocument *document);

/* In a contribution, only its structure's values are entered: a value of
 * @structure_id (0: the collective's) of another is refused with a
 * French message. %TRUE in a project. */
gboolean tissage_contribution_check_values_of (TissageDocument  *document,
                                               gint64            structure_id,
                                               GError          **error);

/* In a contribution, the référentiel, the guides and the periods are the
 * coordinator's: an edit of @table there is refused with a French
 * message. %TRUE anywhere else. */
gboolean tissage_contribution_check_editable (TissageDocument  *document,
                                              const char       *table,
                                              GError          **error);

/* One line of the follow-up of contributions: a copy sent, or one merged. */
typedef struct {
  gboolean  merged;             /* FALSE: a copy sent */
  gboolean  update;             /* sent: an update of a copy sent before */
  char     *structure;          /* the member structure's name */
  char     *when;               /* ISO 8601, UTC */
  char     *file_name;          /* sent: the file's name */
  char     *prepared;           /* merged: when the copy was prepared */
  char     *brought;            /* merged: what it brought, French, a line a section */
  guint     conflicts;          /* merged: the conflicts settled */
  guint     kept_contribution;  /* of them, settled for the contribution's value */
} TissageContributionEvent;

void       tissage_contribution_event_free      (TissageContributionEvent *event);

/* What @project recorded of its contributions, oldest first: each copy
 * sent and each merge. */
GPtrArray *tissage_contribution_list_follow_up (TissageDocument  *project,
                                                GError          **error);

/*
 * Sends the coordination's référentiel, guides and periods as they are now
 * in @project to its contribution @contribution, which keeps everything
 * its structure wrote; its base moves with them, so that the next merge
 * sees none of it as the structure's change. Rows that refer to what the
 * copy does not hold are left out (@n_left_out). Refused with a French
 * message, the copy untouched, for another project's contribution.
 */
gboolean   tissage_contribution_update          (TissageDocument  *project,
                                                 GFile            *contribution,
                                                 guint            *n_left_out,
                                                 GError          **error);

typedef enum {
  TISSAGE_MERGE_CHOICE_NONE,
  TISSAGE_MERGE_CHOICE_CONTRIBUTION,
  TISSAGE_MERGE_CHOICE_PROJECT,
} TissageMergeChoice;

typedef struct {
  const char *label;     /* French, "Entretiens" */
  const char *table;     /* the table it merges, "interviews" */
  guint       added;
  guint       changed;
  guint       deleted;
  guint       conflicts;
  GPtrArray  *items;     /* French, what each row added, changed or deleted is,
                          * "Ajout : Karim — Guide jeunes"; the first
                          * TISSAGE_MERGE_MAX_ITEMS only */
} TissageMergeSection;

#define TISSAGE_MERGE_MAX_ITEMS 200

typedef struct {
  const char        *section;             /* French */
  char              *row;                 /* what the row is, "Karim — Mission locale" */
  char              *field;               /* French name of the field, or "" for a deletion */
  char              *project_value;
  char              *contribution_value;
  TissageMergeChoice choice;
} TissageMergeConflict;

typedef struct _TissageMerge TissageMerge;

/*
 * Reads @contribution and works out what merging it into @project would
 * do, writing nothing. @contribution may also be another full copy of the
 * project: then everything merges, the référentiel, the guides and the
 * periods too, and every structure's interviews. Refused (%NULL, a French
 * @error) for another project's file, a newer version's, a damaged one,
 * or a contribution that changes what its structure may not change.
 */
TissageMerge *tissage_merge_prepare (TissageDocument  *project,
                                     GFile            *contribution,
                                     GError          **error);
void          tissage_merge_free    (TissageMerge     *merge);

/* The structure's name; for another full copy, the project's name. */
const char   *tissage_merge_get_structure_name (TissageMerge *merge);
/* Whether it merges another full copy of the project (two coordinators
 * who worked apart), not a contribution. */
gboolean      tissage_merge_is_full_copy (TissageMerge *merge);
guint         tissage_merge_get_n_sections (TissageMerge *merge);
const TissageMergeSection *tissage_merge_get_section (TissageMerge *merge,
                                                      guint         index);
GPtrArray    *tissage_merge_get_conflicts (TissageMerge *merge);  /* TissageMergeConflict */
/* Additions, changes and deletions together. */
guint         tissage_merge_get_n_changes (TissageMerge *merge);
/* Rows left out on applying because what they refer to is gone. */
guint         tissage_merge_get_n_left_out (TissageMerge *merge);

/* The summary in French, one line a section, then the conflicts. */
char         *tissage_merge_dup_summary (TissageMerge *merge);

/*
 * Applies the merge as one transaction and one undo step. Conflicts still
 * without a choice take @prefer; if that is NONE too, nothing is written
 * and it fails with a French message.
 */
gboolean      tissage_merge_apply (TissageMerge       *merge,
                                   TissageMergeChoice  prefer,
                                   GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TissageMerge, tissage_merge_free)

G_END_DECLS

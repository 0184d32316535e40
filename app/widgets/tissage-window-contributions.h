/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include "tissage-window.h"

G_BEGIN_DECLS

/* “Prepare a Contribution…”: which member structure, then where. */
void   tissage_contribution_choose_prepare (TissageWindow *window);
/* Writes the contribution of the structure @structure_id to @path. */
void   tissage_contribution_prepare_to     (TissageWindow *window,
                                            gint64         structure_id,
                                            const char    *path);
/* “Merge a Contribution…”: which file. */
void   tissage_contribution_choose_merge   (TissageWindow *window);
void   tissage_contribution_choose_merge_copy (TissageWindow *window);
/* Shows what merging @path would do, conflicts side by side, and merges
 * it when asked. */
void   tissage_contribution_merge_from     (TissageWindow *window,
                                            const char    *path);
/* “Update a Contribution…”: which file. */
void   tissage_contribution_choose_update  (TissageWindow *window);
/* Sends the project's référentiel, guides and periods to the contribution
 * @path, keeping its structure's work. */
void   tissage_contribution_update_from    (TissageWindow *window,
                                            const char    *path);
/* “Contribution Follow-Up”: each copy sent and each merged, by structure,
 * with what it brought and how its conflicts were settled. */
void   tissage_contribution_show_follow_up (TissageWindow *window);
/* The banner's sentence for a contribution, or %NULL for a project. */
char  *tissage_contribution_dup_banner     (TissageDocument *document);

G_END_DECLS

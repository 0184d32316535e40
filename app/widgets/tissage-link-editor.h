/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <adwaita.h>

#include "tissage-document.h"

G_BEGIN_DECLS

#define TISSAGE_TYPE_LINK_EDITOR (tissage_link_editor_get_type ())
G_DECLARE_FINAL_TYPE (TissageLinkEditor, tissage_link_editor, TISSAGE, LINK_EDITOR, GtkWidget)

void tissage_link_editor_set_document (TissageLinkEditor *self,
                                       TissageDocument   *document);
void tissage_link_editor_set_link     (TissageLinkEditor *self,
                                       TissageLink       *link);

/* The kinds of links every project starts with, as stored in the file. */
const char * const *tissage_link_default_kinds (void);
const char         *tissage_link_kind_label    (const char *kind);

G_END_DECLS

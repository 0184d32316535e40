/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <adwaita.h>

#include "tissage-document.h"

G_BEGIN_DECLS

#define TISSAGE_TYPE_VERBATIM_BROWSER (tissage_verbatim_browser_get_type ())
G_DECLARE_FINAL_TYPE (TissageVerbatimBrowser, tissage_verbatim_browser, TISSAGE, VERBATIM_BROWSER, GtkWidget)

/* Signal "open-interview" (gint64 interview_id, gint64 verbatim_id): the
 * user asks for the interview a quote comes from (action
 * verbatims.open-interview, with the quote's id). */
GtkWidget *tissage_verbatim_browser_new          (void);
void       tissage_verbatim_browser_set_document (TissageVerbatimBrowser *self,
                                                  TissageDocument        *document);

G_END_DECLS

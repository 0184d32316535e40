/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <adwaita.h>

#include "tissage-document.h"
#include "tissage-referentiel.h"

G_BEGIN_DECLS

#define TISSAGE_TYPE_BANK_DIALOG (tissage_bank_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TissageBankDialog, tissage_bank_dialog, TISSAGE, BANK_DIALOG, AdwWindow)

GtkWidget *tissage_bank_dialog_new      (GtkWindow       *parent,
                                         TissageDocument *document,
                                         TissageEffect   *effect);
/* For tests and the keyboard: what a click on an entry's box does. */
guint      tissage_bank_dialog_get_n_shown (TissageBankDialog *self);
void       tissage_bank_dialog_set_search  (TissageBankDialog *self,
                                            const char        *text);
void       tissage_bank_dialog_check       (TissageBankDialog *self,
                                            guint              position,
                                            gboolean           checked);
gboolean   tissage_bank_dialog_add_checked (TissageBankDialog *self,
                                            GError           **error);

G_END_DECLS

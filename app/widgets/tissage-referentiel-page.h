/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <adwaita.h>

#include "tissage-document.h"

G_BEGIN_DECLS

#define TISSAGE_TYPE_REFERENTIEL_PAGE (tissage_referentiel_page_get_type ())
G_DECLARE_FINAL_TYPE (TissageReferentielPage, tissage_referentiel_page, TISSAGE, REFERENTIEL_PAGE, GtkWidget)

void           tissage_referentiel_page_set_document (TissageReferentielPage *self,
                                                      TissageDocument        *document);
TissageRecord *tissage_referentiel_page_get_selected (TissageReferentielPage *self);
gboolean       tissage_referentiel_page_select       (TissageReferentielPage *self,
                                                      TissageRecord          *record);
void           tissage_referentiel_page_set_search   (TissageReferentielPage *self,
                                                      const char             *text);
GtkWidget     *tissage_referentiel_page_get_toc      (TissageReferentielPage *self);
void           tissage_referentiel_page_show_toc     (TissageReferentielPage *self,
                                                      gboolean                show);
GtkWidget     *tissage_referentiel_page_get_measures (TissageReferentielPage *self);
gboolean       tissage_referentiel_page_move         (TissageReferentielPage *self,
                                                      TissageRecord          *record,
                                                      TissageRecord          *onto,
                                                      GError                **error);
guint          tissage_referentiel_page_get_n_rows   (TissageReferentielPage *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <adwaita.h>

#include "tissage-document.h"

G_BEGIN_DECLS

#define TISSAGE_TYPE_WINDOW (tissage_window_get_type ())
G_DECLARE_FINAL_TYPE (TissageWindow, tissage_window, TISSAGE, WINDOW, AdwApplicationWindow)

TissageWindow   *tissage_window_new            (GtkApplication *application);
gboolean         tissage_window_open_file      (TissageWindow  *self,
                                                GFile          *file);
void             tissage_window_set_document   (TissageWindow   *self,
                                                TissageDocument *document);
TissageDocument *tissage_window_get_document   (TissageWindow  *self);
void             tissage_window_choose_new     (TissageWindow  *self);
void             tissage_window_choose_open    (TissageWindow  *self);
void             tissage_window_choose_export_path (TissageWindow *self);
GtkWidget       *tissage_window_get_stakeholder_page (TissageWindow *self);
GtkWidget       *tissage_window_get_referentiel_page (TissageWindow *self);
GtkWidget       *tissage_window_get_interviews_page  (TissageWindow *self);
GtkWidget       *tissage_window_get_synthesis_page   (TissageWindow *self);
void             tissage_window_show_section   (TissageWindow  *self,
                                                const char     *name);
void             tissage_window_add_toast      (TissageWindow  *self,
                                                AdwToast       *toast);
void             tissage_window_add_undo_toast (TissageWindow  *self,
                                                const char     *title);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TISSAGE_TYPE_LIST_ROW (tissage_list_row_get_type ())

G_DECLARE_FINAL_TYPE (TissageListRow, tissage_list_row, TISSAGE, LIST_ROW, GtkWidget)

GtkWidget  *tissage_list_row_new          (void);

void        tissage_list_row_set_title    (TissageListRow *self,
                                           const char     *title);
const char *tissage_list_row_get_title    (TissageListRow *self);
void        tissage_list_row_set_subtitle (TissageListRow *self,
                                           const char     *subtitle);
const char *tissage_list_row_get_subtitle (TissageListRow *self);
void        tissage_list_row_set_caption  (TissageListRow *self,
                                           const char     *caption);
const char *tissage_list_row_get_caption  (TissageListRow *self);
void        tissage_list_row_set_dot      (TissageListRow *self,
                                           const GdkRGBA  *color);
void        tissage_list_row_set_end      (TissageListRow *self,
                                           GtkWidget      *child);
void        tissage_list_row_set_max_width_chars (TissageListRow *self,
                                                  int             n_chars);

G_END_DECLS

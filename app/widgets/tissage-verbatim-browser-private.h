/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include "tissage-verbatim-browser.h"

G_BEGIN_DECLS

/* Between the files of the quotes browser (tissage-verbatim-browser*.c) only. */

/*
 * Every quote marked in the interviews, by expected effect: the effects of
 * the référentiel on one side with how many quotes tell of each, the quotes
 * of the chosen effect on the other, filtered by category, structure, tone
 * and words. Interviewees are always pseudonymised here, since what is read
 * here is copied into reports.
 */
struct _TissageVerbatimBrowser
{
  GtkWidget        parent_instance;

  GtkWidget       *paned;
  GtkListBox      *effect_list;
  GtkLabel        *title_label;
  GtkLabel        *count_label;
  GtkSearchEntry  *search_entry;
  GtkDropDown     *category_filter;
  GtkDropDown     *structure_filter;
  GtkDropDown     *tone_filter;
  GtkStack        *stack;
  GtkListView     *quote_list;
  AdwStatusPage   *empty_page;
  GtkWidget       *clear_button;

  TissageDocument *document;
  GListStore      *quotes;          /* TissageVerbatimItem */
  GArray          *category_ids;    /* gint64, parallel to the drop-down; 0: any */
  GArray          *structure_ids;
  gint64           effect_id;       /* 0: every effect */
  guint            dirty;
  guint            reload_id;
  gboolean         updating;
};

enum {
  DIRTY_EFFECTS = 1 << 0,
  DIRTY_FILTERS = 1 << 1,
  DIRTY_QUOTES  = 1 << 2,
  DIRTY_ALL     = DIRTY_EFFECTS | DIRTY_FILTERS | DIRTY_QUOTES,
};

/* tissage-verbatim-browser.c */
GPtrArray *tissage_verbatim_browser_sorted_records (TissageDocument *document,
                                                    GType            type);
gint64 tissage_verbatim_browser_selected_id (GtkDropDown *dropdown,
                                             GArray      *ids);

/* tissage-verbatim-browser-effects.c */
gint64 tissage_verbatim_browser_row_effect_id (GtkListBoxRow *row);
void tissage_verbatim_browser_effect_header (GtkListBoxRow *row,
                                             GtkListBoxRow *before,
                                             gpointer       user_data);
void tissage_verbatim_browser_update_counts (TissageVerbatimBrowser *self);
void tissage_verbatim_browser_rebuild_effects (TissageVerbatimBrowser *self);
void tissage_verbatim_browser_rebuild_filters (TissageVerbatimBrowser *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include "tissage-toc-view.h"

G_BEGIN_DECLS

/* Between the files of the theory of change (tissage-toc-view*.c) only. */

/*
 * The theory of change: resources, activities, outputs, effects and impact
 * as five columns of cards, with arrows from a card to those it leads to.
 * Titles are edited in place; "Link" then two clicks draw an arrow.
 */
struct _TissageTocView
{
  GtkWidget        parent_instance;

  GtkWidget       *scrolled;
  GtkWidget       *columns[TISSAGE_N_TOC_STAGES];
  GtkToggleButton *link_button;
  GtkWidget       *toolbar;
  GtkWidget       *box;

  TissageDocument *document;
  GHashTable      *cards;        /* id → card widget */
  gboolean         dirty;        /* rebuild when shown */
  guint            rebuild_id;
  gint64           link_from;
  guint            n_arrows;
};

/* tissage-toc-view.c */
void tissage_toc_view_rebuild (TissageTocView *self);

/* tissage-toc-view-cards.c */
int tissage_toc_view_card_stage (TissageTocItem *item);
char *tissage_toc_view_card_shown (TissageTocItem *item);
GtkWidget *tissage_toc_view_make_card (TissageTocView *self,
                                       TissageTocItem *item);
void tissage_toc_view_on_add_card (GtkButton      *button,
                                   TissageTocView *self);

G_END_DECLS

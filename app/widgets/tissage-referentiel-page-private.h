/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include "tissage-measures-grid.h"
#include "tissage-record-editor.h"
#include "tissage-referentiel-page.h"
#include "tissage-toc-view.h"

G_BEGIN_DECLS

/* Between the files of the référentiel page (tissage-referentiel-page*.c) only. */

typedef enum {
  LEVEL_STAKE,
  LEVEL_QUESTION,
  LEVEL_EFFECT,
  LEVEL_INDICATOR,
  N_LEVELS
} Level;

struct _TissageReferentielPage
{
  GtkWidget            parent_instance;

  GtkWidget           *root;
  GtkStack            *view_stack;
  GtkToggleButton     *framework_button;
  GtkToggleButton     *toc_button;
  TissageTocView      *toc_view;
  GtkSearchEntry      *search_entry;
  GtkWidget           *add_button;
  GtkStack            *tree_stack;
  GtkListView         *tree_view;
  GtkLabel            *count_label;
  GtkStack            *detail_stack;

  TissageRecordEditor *editors[N_LEVELS];
  AdwPreferencesGroup *concerns_group;
  TissageMeasuresGrid *measures;
  GPtrArray           *concern_rows;
  AdwComboRow         *concern_choice;
  GArray              *concern_choice_ids;   /* > 0 stakeholder, < 0 category */

  TissageDocument     *document;
  GtkTreeListModel    *tree;
  GtkSingleSelection  *selection;
  GPtrArray           *filters;   /* weak: every filter of the tree */
  GPtrArray           *sorters;   /* weak */
  GHashTable          *visible;   /* "level:id" shown by the search, or NULL */
  char                *search_text;
};

/* tissage-referentiel-page-tree.c */
/* The column naming a row's parent, by level. */
extern const char *tissage_referentiel_page_parent_property[];
Level tissage_referentiel_page_level_of (gpointer record);
GType tissage_referentiel_page_type_of_level (Level level);
gint64 tissage_referentiel_page_parent_id (gpointer record);
gpointer tissage_referentiel_page_parent_of (TissageReferentielPage *self,
                                             gpointer                record);
const char *tissage_referentiel_page_title_of (gpointer record);
void tissage_referentiel_page_forget_weak (gpointer  data,
                                           GObject  *where_the_object_was);
void tissage_referentiel_page_update_counts (TissageReferentielPage *self);
void tissage_referentiel_page_rebuild_tree (TissageReferentielPage *self);
void tissage_referentiel_page_refilter (TissageReferentielPage *self);
void tissage_referentiel_page_compute_visible (TissageReferentielPage *self);
void tissage_referentiel_page_setup_row (GtkSignalListItemFactory *factory,
                                         GtkListItem              *item,
                                         gpointer                  user_data);
void tissage_referentiel_page_bind_row (GtkSignalListItemFactory *factory,
                                        GtkListItem              *item,
                                        gpointer                  user_data);
void tissage_referentiel_page_unbind_row (GtkSignalListItemFactory *factory,
                                          GtkListItem              *item,
                                          gpointer                  user_data);

/* tissage-referentiel-page-detail.c */
void tissage_referentiel_page_rebuild_concerns (TissageReferentielPage *self);
TissageRecordEditor *tissage_referentiel_page_ensure_editor (TissageReferentielPage *self,
                                                             Level                   level);

/* tissage-referentiel-page-edit.c */
void tissage_referentiel_page_install_actions (GtkWidgetClass *widget_class);
GdkContentProvider *tissage_referentiel_page_on_drag_prepare (GtkDragSource *source,
                                                              double         x,
                                                              double         y,
                                                              GtkListItem   *item);
gboolean tissage_referentiel_page_on_drop (GtkDropTarget *target,
                                           const GValue  *value,
                                           double         x,
                                           double         y,
                                           GtkListItem   *item);

G_END_DECLS

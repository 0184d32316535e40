/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include "tissage-grid-editor.h"
#include "tissage-grid-question-row.h"

G_BEGIN_DECLS

/* Between the files of the guide editor (tissage-grid-editor*.c) only. */

typedef struct {
  TissageGridEditor  *editor;
  gint64              id;
  TissageGridSection *section;   /* NULL: the questions outside any section */
  GtkWidget          *box;
  GtkWidget          *header;
  GtkWidget          *title;     /* a GtkEditableLabel, or a GtkLabel for no section */
  GtkWidget          *up;
  GtkWidget          *down;
  GtkWidget          *list;
  GtkWidget          *add_button;
  guint               n_questions;
} SectionView;

typedef enum {
  CHOICES_SAVED,
  CHOICES_REFUSED,     /* the core said no: the message shows, the text stays */
  CHOICES_TO_CONFIRM,  /* would drop choices that answers may hold */
} ChoicesState;

typedef struct {
  TissageGridEditor   *editor;
  gint64               id;
  TissageGridQuestion *question;
  GtkWidget           *expander;     /* the row shown */
  TissageGridQuestionRow *widget;    /* the same, for its parts */
  ChoicesState         choices_state;
  guint                choices_idle;
  guint                n_effects;
  guint                n_indicators;
  guint                n_answers;    /* counted when retired */
} QuestionRow;

struct _TissageGridEditor
{
  GtkWidget          parent_instance;

  GtkWidget         *scroller;
  AdwEntryRow       *title_row;
  GtkTextView       *purpose_view;
  GtkFlowBox        *categories_box;
  GtkWidget         *categories_empty;
  GtkLabel          *summary_label;
  GtkWidget         *empty_page;
  GtkBox            *sections_box;
  GtkWidget         *add_section_button;
  GtkWidget         *retired_box;
  GtkListBox        *retired_list;

  TissageDocument   *document;
  TissageGrid       *grid;
  GHashTable        *sections;     /* id → SectionView */
  GHashTable        *questions;    /* id → QuestionRow */
  GPtrArray         *section_order; /* SectionView, as shown */
  guint              links_idle;
  gboolean           updating;
};

typedef struct {
  TissageGridEditor   *editor;
  TissageGridQuestion *question;
  int                  kind;
} Pending;

/* tissage-grid-editor.c */
gint64 tissage_grid_editor_grid_id (TissageGridEditor *self);
char *tissage_grid_editor_buffer_text (GtkTextView *view);
void tissage_grid_editor_set_buffer_text (GtkTextView *view,
                                          const char  *text);
void tissage_grid_editor_set_editable_text (GtkWidget  *editable,
                                            const char *text);
void tissage_grid_editor_undo_toast (TissageGridEditor *self,
                                     const char        *title);
void tissage_grid_editor_report (TissageGridEditor *self,
                                 const GError      *error);
QuestionRow *tissage_grid_editor_lookup_question (TissageGridEditor *self,
                                                  gint64             id);
SectionView *tissage_grid_editor_lookup_section (TissageGridEditor *self,
                                                 gint64             id);
QuestionRow *tissage_grid_editor_focused_question (TissageGridEditor *self);
void tissage_grid_editor_refresh_summary (TissageGridEditor *self);

/* tissage-grid-editor-links.c */
void tissage_grid_editor_refresh_question_links (QuestionRow *row);
gboolean tissage_grid_editor_links_idle_cb (gpointer data);
void tissage_grid_editor_create_picker (GtkMenuButton *button,
                                        gpointer       data);

/* tissage-grid-editor-question.c */
void tissage_grid_editor_pending_free (Pending *pending);
Pending *tissage_grid_editor_pending_new (QuestionRow *row,
                                          int          kind);
AdwMessageDialog *tissage_grid_editor_confirm_dialog (TissageGridEditor *self,
                                                      const char        *heading,
                                                      const char        *body,
                                                      const char        *response,
                                                      const char        *response_label,
                                                      AdwResponseAppearance appearance);
void tissage_grid_editor_refresh_question (QuestionRow *row);
GtkWidget *tissage_grid_editor_action_button (const char *icon,
                                              const char *tooltip,
                                              const char *action,
                                              gint64      id);
void tissage_grid_editor_question_row_free (QuestionRow *row);
QuestionRow *tissage_grid_editor_question_row_new (TissageGridEditor   *self,
                                                   TissageGridQuestion *question);

/* tissage-grid-editor-layout.c */
GPtrArray *tissage_grid_editor_dup_section_questions (TissageGridEditor *self,
                                                      gint64             section_id);
gboolean tissage_grid_editor_write_order (TissageGridEditor *self,
                                          GPtrArray         *questions,
                                          gint64             section_id,
                                          GError           **error);
void tissage_grid_editor_section_view_free (SectionView *view);
void tissage_grid_editor_sync_layout (TissageGridEditor *self);

/* tissage-grid-editor-actions.c */
void tissage_grid_editor_install_actions (GtkWidgetClass *widget_class);

G_END_DECLS

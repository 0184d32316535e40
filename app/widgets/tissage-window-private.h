/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

/* What the files of the window share: tissage-window.c (the window,
 * its sections and toasts), tissage-window-files.c (opening, creating,
 * recent projects, save dialogs) and tissage-window-actions.c (the win.*
 * actions). Not for the widgets of the sections: they speak to the
 * window through its win.* actions. */

#include "tissage-interviews-page.h"
#include "tissage-referentiel-page.h"
#include "tissage-stakeholder-page.h"
#include "tissage-synthesis-page.h"
#include "tissage-window.h"

G_BEGIN_DECLS

struct _TissageWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwStatusPage        *start_page;
  AdwPreferencesGroup  *recent_group;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewStack         *view_stack;
  GtkRevealer          *read_only_revealer;
  GtkLabel             *read_only_label;
  GtkWidget            *save_copy_button;
  GtkRevealer          *contribution_revealer;
  GtkLabel             *contribution_label;
  gboolean              closing_anyway;
  TissageStakeholderPage *stakeholder_page;
  TissageReferentielPage *referentiel_page;
  AdwBin               *interviews_slot;
  /* Made when the section is first shown: with its entry page, guide
   * editor and quote browser it would cost every window's opening. */
  TissageInterviewsPage *interviews_page;
  TissageSynthesisPage *synthesis_page;

  GSettings            *settings;
  TissageDocument      *document;
  AdwToast             *history_toast;   /* says what undo or redo did, while shown */
  GPtrArray            *recent_rows;
  GtkFileChooserNative *chooser;
  GtkWindow            *export_dialog;   /* weak */
  GtkWindow            *report_dialog;   /* weak */
  /* The period and structure last chosen in the report dialog, for
   * this project: it opens with them again. */
  gboolean              report_chosen;
  gint64                report_period_id;
  gint64                report_structure_id;
  char                 *report_folder;   /* where the last report went */
};

/* tissage-window.c */
void                   tissage_window_update_actions         (TissageWindow *self);
void                   tissage_window_show_error_dialog      (TissageWindow *self,
                                                              const char    *heading,
                                                              const char    *body);
TissageInterviewsPage *tissage_window_ensure_interviews_page (TissageWindow *self);

/* tissage-window-files.c */
void                   tissage_window_remember_recent        (TissageWindow *self,
                                                              GFile         *file);
void                   tissage_window_rebuild_recent         (TissageWindow *self);
void                   tissage_window_add_project_filter     (GtkFileChooser *chooser);
void                   tissage_window_create_project         (TissageWindow *self,
                                                              const char    *path);
void                   tissage_window_run_save_dialog        (TissageWindow *self,
                                                              const char    *title,
                                                              const char    *accept,
                                                              const char    *name,
                                                              const char    *action,
                                                              const char    *error_heading);

/* tissage-window-actions.c */
void                   tissage_window_forget_history_toast   (TissageWindow *self);
void                   tissage_window_install_actions        (GtkWidgetClass *widget_class);
/* tissage-window-interop.c: spreadsheets and Kumu in and out */
void                   tissage_window_install_interop_actions (GtkWidgetClass *widget_class);

G_END_DECLS

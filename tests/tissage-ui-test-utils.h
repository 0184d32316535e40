/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <adwaita.h>

#include "tissage-application.h"
#include "tissage-window.h"

G_BEGIN_DECLS

/* What the interface suites share: the application, a temporary folder,
 * and ways to wait for the window and look at it as a user would. */
extern TissageApplication *application;
extern char *tmp_dir;

void                ui_test_init        (int          *argc,
                                         char       ***argv);
int                 ui_test_run         (void);

void                wait_frames         (guint         n);
void                wait_mapped         (GtkWidget    *widget);
/* Types @text one character at a time at the end of @editable, letting
 * the main loop run between keys as it does for a person typing. */
void                type_text           (GtkEditable  *editable,
                                         const char   *text);
/* Focuses @field, empties it as select-all and Delete do, then types @text. */
void                retype_field        (GtkWidget    *field,
                                         const char   *text);
/* Moves the focus out of @field, as clicking elsewhere does. */
void                leave_field         (GtkWidget    *field);

/* Finding widgets as a user would: one walk of the widget tree, in its
 * order, @root included, asking @predicate of each widget with @data.
 * find_shown_widget() and its kin look only at what is drawn: a widget
 * hidden, or inside a hidden or unmapped one, is skipped. */
typedef gboolean  (*WidgetPredicate)    (GtkWidget     *widget,
                                         gconstpointer  data);

GtkWidget          *find_widget         (GtkWidget       *root,
                                         WidgetPredicate  predicate,
                                         gconstpointer    data);
GtkWidget          *find_shown_widget   (GtkWidget       *root,
                                         WidgetPredicate  predicate,
                                         gconstpointer    data);
/* The @n-th (from 0) such widget, or NULL. */
GtkWidget          *find_nth_widget     (GtkWidget       *root,
                                         gboolean         shown_only,
                                         WidgetPredicate  predicate,
                                         gconstpointer    data,
                                         guint            n);
guint               count_shown_widgets (GtkWidget       *root,
                                         WidgetPredicate  predicate,
                                         gconstpointer    data);

/* Predicates. @data is a GType as GSIZE_TO_POINTER (type) for the first,
 * a string for the others. */
gboolean            is_of_type          (GtkWidget *widget, gconstpointer type);
/* A label showing @text. */
gboolean            has_label_text      (GtkWidget *widget, gconstpointer text);
gboolean            has_label_prefix    (GtkWidget *widget, gconstpointer prefix);
/* A row of a long list (TissageListRow), by the title it draws. */
gboolean            is_list_row_titled  (GtkWidget *widget, gconstpointer title);
gboolean            has_list_row_prefix (GtkWidget *widget, gconstpointer prefix);
/* A button (or menu button) whose own label is @text. */
gboolean            has_button_label    (GtkWidget *widget, gconstpointer text);
/* The name a screen reader gives it. */
gboolean            has_accessible_name (GtkWidget *widget, gconstpointer name);
/* The id of its <object> in a .ui file. */
gboolean            has_buildable_id    (GtkWidget *widget, gconstpointer id);
gboolean            has_widget_name     (GtkWidget *widget, gconstpointer name);
gboolean            has_tooltip         (GtkWidget *widget, gconstpointer tooltip);
gboolean            has_css_class       (GtkWidget *widget, gconstpointer css_class);
/* A row or a group of the settings kind titled @title. */
gboolean            has_title           (GtkWidget *widget, gconstpointer title);
gboolean            has_action_name     (GtkWidget *widget, gconstpointer action);
gboolean            has_icon_name       (GtkWidget *widget, gconstpointer icon_name);
gboolean            has_placeholder     (GtkWidget *widget, gconstpointer text);
/* An editable holding @text. */
gboolean            has_text            (GtkWidget *widget, gconstpointer text);

/* The shown label with this text. */
#define find_label(root, text) find_shown_widget ((root), has_label_text, (text))
/* The entry row titled @title. */
#define find_entry_row(root, title) find_widget ((root), is_entry_row_titled, (title))
gboolean            is_entry_row_titled (GtkWidget *widget, gconstpointer title);
/* The first widget of @type, @root included. */
#define find_child_of_type(root, type) find_widget ((root), is_of_type, GSIZE_TO_POINTER (type))

/* Iterates the main context until @condition returns TRUE, or fails the
 * test with @what once @timeout_ms have passed. Returns at once when the
 * condition already holds. */
typedef gboolean  (*WaitCondition)      (gpointer data);
void                wait_until_full     (WaitCondition  condition,
                                         gpointer       data,
                                         guint          timeout_ms,
                                         const char    *what);
#define wait_until(condition, data, timeout_ms) \
  wait_until_full ((condition), (data), (timeout_ms), #condition)
AdwMessageDialog   *find_message_dialog (void);
GtkWindow          *find_toplevel       (GType         type);
/* Waits for the export dialog to close, its export done. */
void                wait_export_dialog_closed (void);
/* Saves a PNG of @widget under the build folder's tests/screenshots. */
void                save_screenshot     (GtkWidget    *widget,
                                         const char   *name);
GFile              *new_project         (const char   *name);
TissageWindow      *open_window         (GFile        *file);
void                close_window        (TissageWindow *window);

G_END_DECLS

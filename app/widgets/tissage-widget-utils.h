/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <gtk/gtk.h>

#include "tissage-document.h"

G_BEGIN_DECLS

/* Shows a drop-down of strings with its long entries shortened, so that
 * they never widen what holds it. */
void tissage_drop_down_set_ellipsized (GtkDropDown *dropdown,
                                       int          max_width_chars);

/* Whether @text matches what the user searched: the start of its words,
 * accents aside (as GLib matches), or any part of it, case aside. */
gboolean tissage_search_matches (const char *search,
                                 const char *text);

/* Redraws @widget when the style turns dark or light: for widgets that
 * pick their colours in snapshot(). */
void tissage_widget_redraw_on_dark_change (GtkWidget *widget);

/* Sets the text of @view, and measures it again once it has a width: a
 * wrapping text view filled before its first allocation otherwise keeps
 * the height of its text laid out one character a line. */
void tissage_text_view_set_text (GtkTextView *view,
                                 const char  *text);

/* Text from the file as a label shows it: a wrapping label of 100 kB
 * takes GTK seconds to measure (minutes for a word without spaces, which
 * Pango breaks in quadratic time), so past @max_chars characters it is cut
 * with "…". Returns @text itself when short enough, else a copy kept in
 * *@copy for the caller to free. */
#define TISSAGE_LABEL_MAX_CHARS 500

const char *tissage_label_text (const char  *text,
                                guint        max_chars,
                                char       **copy);

/* A GtkEditableLabel as wide as its text would widen its window without
 * bound for a long text: its label ellipsizes instead. */
void tissage_editable_label_ellipsize (GtkEditableLabel *editable);
/* GTK 4.8's GtkEditableLabel, when the focus leaves it while editing, reads
 * its focus controller 100 ms later without holding it: a label destroyed
 * in between (its section deleted, or the adding undone) is read after it
 * was freed. This keeps the label, and so its controller, alive past that. */
void tissage_editable_label_outlive_focus (GtkEditableLabel *editable);

/* Names and titles as labels, rows and lists show them: shortened with an
 * ellipsis past TISSAGE_NAME_MAX_CHARS, on one line, so that a name of a
 * million characters from a file never breaks the layout. */
void tissage_label_set_name            (GtkLabel      *label,
                                        const char    *name);
void tissage_preferences_row_set_name  (GtkWidget     *row,
                                        const char    *name);
void tissage_string_list_append_name   (GtkStringList *list,
                                        const char    *name);

/* Typing stops at @max_chars characters, where the document would refuse
 * the text. A longer text set by the program is cut as shown: only for
 * fields whose refresh does not save what it sets. */
void tissage_editable_set_max_chars (GtkEditable *editable,
                                     guint        max_chars);
typedef void (*TissageFieldLeaveFunc) (GtkWidget *field,
                                       gpointer   user_data);

/* Calls @func when the focus leaves @field (a GtkEntry or an AdwEntryRow)
 * or Enter is pressed in it: what is read only once typed whole, such as
 * a date, is read then and never while typing. */
void tissage_field_on_leave (GtkWidget             *field,
                             TissageFieldLeaveFunc  func,
                             gpointer               user_data);
/* Calls nothing any more when @field is left: its user data is going. */
void tissage_field_forget_leave (GtkWidget *field);

/* Sets the tooltip of @widget unless it already says @text: each setting
 * of a shown widget asks the display where the pointer is, a round trip. */
void tissage_widget_set_tooltip (GtkWidget  *widget,
                                 const char *text);

/* Shows that @field holds text that was not saved: its error style, and
 * @message as its tooltip and, when @say is set, in a toast, once for the
 * same text. tissage_field_clear_invalid() takes both away. */
void tissage_field_show_invalid  (GtkWidget  *field,
                                  const char *message,
                                  gboolean    say);
void tissage_field_clear_invalid (GtkWidget  *field);
/* Shows under @field that @text is not a day: a month alone (@month), or
 * no date at all; @kept, as shown, is the date that stays saved ("" if
 * none). */
void tissage_field_show_bad_date (GtkWidget  *field,
                                  const char *text,
                                  gboolean    month,
                                  const char *kept);

/* A number as French writes it: "1200", "12,5"; "" for NaN. */
char *tissage_format_typed_number (double value);

/* Makes what @widget shows editable or not while it can still be scrolled
 * and read: the content of its scrolled window, not the scrolled window,
 * is made insensitive. */
void tissage_widget_set_editable (GtkWidget *widget,
                                  gboolean   editable);

/* A scrolled window that only scrolls sideways, inside a page that
 * scrolls up and down: the wheel moves the page, Shift+wheel and
 * sideways gestures the scrolled window, so that the pointer resting
 * over it never stops the page. */
void tissage_scroller_pass_vertical (GtkScrolledWindow *scroller);

/* Activates the action @name (with the parameter made of @format and what
 * follows, as g_variant_new() reads them; NULL for none) of the window
 * @widget is in or, from a dialog or a window of its own, of the window it
 * is over. This is how widgets tell the main window what happened (its
 * win.* actions: win.toast, win.undo-toast, win.show-section…) without
 * knowing its type. Returns whether a window had the action. */
gboolean tissage_widget_activate_window_action (GtkWidget  *widget,
                                                const char *name,
                                                const char *format,
                                                ...);

/* Shows what went wrong, in French, from any widget of a window: a
 * dialog when the project could not be written, a toast otherwise. A
 * widget in no window has it logged as a warning. */
void     tissage_widget_report_error     (GtkWidget    *widget,
                                          const GError *error);
/* The same, saying nothing when @widget is in no window: returns whether
 * it was shown. */
gboolean tissage_widget_try_report_error (GtkWidget    *widget,
                                          const GError *error);

/* Says in the window that the edit just made is done, with a button
 * undoing it, for as long as it is the edit that undo would take back. */
void     tissage_widget_add_undo_toast   (GtkWidget    *widget,
                                          const char   *title);
/* A toast in the window; with @uri (or NULL), a button opening it. */
void     tissage_widget_add_toast        (GtkWidget    *widget,
                                          const char   *title,
                                          const char   *uri);

/* gtk_widget_set_tooltip_text() without its tooltip query: on a shown
 * widget GTK asks the display where the pointer is, a round trip to the X
 * server for each row or card being built. The tooltip is the same and is
 * shown when the pointer next moves over @widget. */
void tissage_widget_set_tooltip_quietly (GtkWidget  *widget,
                                         const char *text);

/* Whether the rows of @table can be edited in @document from the window:
 * it is open for editing and, in a contribution, @table is not one the
 * coordination keeps (the référentiel, the guides, the periods). */
gboolean tissage_widget_can_edit (TissageDocument *document,
                                  const char      *table);

G_END_DECLS

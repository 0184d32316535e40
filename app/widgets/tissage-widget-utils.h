#pragma once

#include <gtk/gtk.h>

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

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-widgets"

#include "config.h"

#include <math.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "tissage-record.h"
#include "tissage-utils.h"
#include "tissage-document.h"
#include "tissage-contribution.h"
#include "tissage-widget-utils.h"

/* At most what a 1366 px screen's window shows in a list beside a pane. */
#define TISSAGE_DROP_DOWN_LIST_CHARS 70

/* The whole name of a choice cut short, asked for when the pointer rests
 * on it: setting a tooltip on each bound row asks the display where the
 * pointer is, a round trip for each of thousands of names. */
static gboolean
on_choice_query_tooltip (GtkWidget  *label,
                         int         x,
                         int         y,
                         gboolean    keyboard,
                         GtkTooltip *tooltip,
                         gpointer    user_data)
{
  const char *text = gtk_label_get_text (GTK_LABEL (label));

  if (text == NULL || *text == '\0' || !pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label))))
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
setup_choice (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 8);
  gtk_label_set_max_width_chars (GTK_LABEL (label), GPOINTER_TO_INT (user_data));
  gtk_widget_set_has_tooltip (label, TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (on_choice_query_tooltip), NULL);
  gtk_list_item_set_child (item, label);
}

static void
bind_choice (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_text (GTK_LABEL (label), gtk_string_object_get_string (string));
}

static GtkWidget *
find_scrolled_window (GtkWidget *widget)
{
  if (GTK_IS_SCROLLED_WINDOW (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_scrolled_window (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

void
tissage_drop_down_set_ellipsized (GtkDropDown *dropdown,
                                  int          max_width_chars)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_choice), GINT_TO_POINTER (max_width_chars));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_choice), NULL);
  gtk_drop_down_set_factory (dropdown, factory);
  g_object_unref (factory);

  /* The open list is as wide as its longest choice: only a name longer
   * than a window could hold is still cut, with its tooltip. */
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_choice), GINT_TO_POINTER (TISSAGE_DROP_DOWN_LIST_CHARS));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_choice), NULL);
  gtk_drop_down_set_list_factory (dropdown, factory);
  g_object_unref (factory);

  /* GtkDropDown gives its list the button's width; letting the list's
   * scrolled window ask for its natural width widens the popover. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (dropdown)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child))
      {
        GtkWidget *scroller = find_scrolled_window (child);

        if (scroller != NULL)
          gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scroller), TRUE);
      }
}

gboolean
tissage_search_matches (const char *search,
                        const char *text)
{
  g_autofree char *folded_search = NULL;
  g_autofree char *folded_text = NULL;

  if (search == NULL || *search == '\0')
    return TRUE;
  if (text == NULL)
    return FALSE;
  if (g_str_match_string (search, text, TRUE))
    return TRUE;

  folded_search = g_utf8_casefold (search, -1);
  folded_text = g_utf8_casefold (text, -1);
  return strstr (folded_text, folded_search) != NULL;
}

void
tissage_widget_redraw_on_dark_change (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), widget, G_CONNECT_SWAPPED);
}

static gboolean
refit_text_view (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       data)
{
  if (gtk_widget_get_width (widget) == 0)
    return G_SOURCE_CONTINUE;

  gtk_widget_queue_resize (widget);
  g_object_set_data (G_OBJECT (widget), "tissage-refit", NULL);
  return G_SOURCE_REMOVE;
}

#define LONG_WORD_CHARS 200

/* The most bytes between two spaces, which is enough to tell. */
static gsize
longest_word (const char *text)
{
  gsize longest = 0, run = 0;

  for (const char *p = text ? text : ""; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p) || *p == '-' || *p == '/')
        run = 0;
      else if (++run > longest)
        longest = run;
    }

  return longest;
}

void
tissage_text_view_set_text (GtkTextView *view,
                            const char  *text)
{
  g_return_if_fail (GTK_IS_TEXT_VIEW (view));

  /* Pango breaks a word longer than a line in time quadratic in its
   * length: a pasted blob of 100 kB without a space would freeze the
   * window, so such a text wraps at any character. */
  if (longest_word (text) > LONG_WORD_CHARS)
    {
      if (gtk_text_view_get_wrap_mode (view) == GTK_WRAP_WORD_CHAR)
        {
          gtk_text_view_set_wrap_mode (view, GTK_WRAP_CHAR);
          g_object_set_data (G_OBJECT (view), "tissage-wrap-char", GINT_TO_POINTER (TRUE));
        }
    }
  else if (g_object_get_data (G_OBJECT (view), "tissage-wrap-char") != NULL)
    {
      gtk_text_view_set_wrap_mode (view, GTK_WRAP_WORD_CHAR);
      g_object_set_data (G_OBJECT (view), "tissage-wrap-char", NULL);
    }

  /* Text that comes from the file is not the typing's to undo. */
  gtk_text_buffer_begin_irreversible_action (gtk_text_view_get_buffer (view));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text ? text : "", -1);
  gtk_text_buffer_end_irreversible_action (gtk_text_view_get_buffer (view));
  if (g_object_get_data (G_OBJECT (view), "tissage-refit") == NULL)
    {
      guint id = gtk_widget_add_tick_callback (GTK_WIDGET (view), refit_text_view, NULL, NULL);

      g_object_set_data (G_OBJECT (view), "tissage-refit", GUINT_TO_POINTER (id));
    }
}

const char *
tissage_label_text (const char  *text,
                    guint        max_chars,
                    char       **copy)
{
  const char *end;

  g_return_val_if_fail (copy != NULL, text);

  *copy = NULL;
  if (text == NULL || strlen (text) <= MIN (max_chars, LONG_WORD_CHARS))
    return text;

  /* A word longer than a line costs Pango quadratic time: one of them
   * in a label is enough to shorten it further. */
  if (longest_word (text) > LONG_WORD_CHARS)
    max_chars = MIN (max_chars, LONG_WORD_CHARS);
  else if (strlen (text) <= max_chars)
    return text;

  end = text;
  for (guint i = 0; i < max_chars && *end != '\0'; i++)
    end = g_utf8_next_char (end);
  if (*end == '\0')
    return text;

  *copy = g_strdup_printf ("%.*s…", (int) (end - text), text);
  return *copy;
}

static GtkWidget *
first_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = first_label (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

void
tissage_editable_label_ellipsize (GtkEditableLabel *editable)
{
  GtkWidget *label;

  g_return_if_fail (GTK_IS_EDITABLE_LABEL (editable));

  label = first_label (GTK_WIDGET (editable));
  if (label != NULL)
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
}

static gboolean
release_editable_label (gpointer data)
{
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

static void
on_editable_label_leave (GtkEventControllerFocus *controller,
                         GtkWidget               *editable)
{
  /* Past GTK's own 100 ms. */
  g_timeout_add_full (G_PRIORITY_DEFAULT, 250, release_editable_label, g_object_ref (editable), NULL);
}

void
tissage_editable_label_outlive_focus (GtkEditableLabel *editable)
{
  GtkEventController *focus;

  g_return_if_fail (GTK_IS_EDITABLE_LABEL (editable));

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (on_editable_label_leave), editable, 0);
  gtk_widget_add_controller (GTK_WIDGET (editable), focus);
}

void
tissage_editable_set_max_chars (GtkEditable *editable,
                                guint        max_chars)
{
  g_return_if_fail (GTK_IS_EDITABLE (editable));

  /* An entry row or an entry types into the GtkText it delegates to. */
  while (!GTK_IS_TEXT (editable) && gtk_editable_get_delegate (editable) != NULL)
    editable = gtk_editable_get_delegate (editable);

  g_return_if_fail (GTK_IS_TEXT (editable));
  gtk_text_set_max_length (GTK_TEXT (editable), (int) MIN (max_chars, G_MAXINT));
}

void
tissage_label_set_name (GtkLabel   *label,
                        const char *name)
{
  g_autofree char *shown = tissage_text_shorten (name, TISSAGE_NAME_MAX_CHARS);

  g_return_if_fail (GTK_IS_LABEL (label));

  gtk_label_set_text (label, shown);
}

void
tissage_preferences_row_set_name (GtkWidget  *row,
                                  const char *name)
{
  g_autofree char *shown = tissage_text_shorten (name, TISSAGE_NAME_MAX_CHARS);

  g_return_if_fail (ADW_IS_PREFERENCES_ROW (row));

  /* A name is text, never markup: a received file may hold « <b>&</i> ». */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), shown);
}

void
tissage_string_list_append_name (GtkStringList *list,
                                 const char    *name)
{
  g_autofree char *shown = tissage_text_shorten (name, TISSAGE_NAME_MAX_CHARS);

  g_return_if_fail (GTK_IS_STRING_LIST (list));

  gtk_string_list_append (list, shown);
}

typedef struct {
  TissageFieldLeaveFunc func;
  gpointer              user_data;
} FieldLeave;

static void
field_left (GtkWidget *field)
{
  FieldLeave *leave = g_object_get_data (G_OBJECT (field), "tissage-field-leave");

  if (leave != NULL)
    leave->func (field, leave->user_data);
}

void
tissage_field_forget_leave (GtkWidget *field)
{
  g_return_if_fail (GTK_IS_WIDGET (field));

  g_object_set_data (G_OBJECT (field), "tissage-field-leave", NULL);
}

static void
on_field_focus_leave (GtkEventControllerFocus *controller,
                      gpointer                 user_data)
{
  field_left (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)));
}

void
tissage_field_on_leave (GtkWidget             *field,
                        TissageFieldLeaveFunc  func,
                        gpointer               user_data)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();
  FieldLeave *leave = g_new (FieldLeave, 1);

  g_return_if_fail (GTK_IS_ENTRY (field) || ADW_IS_ENTRY_ROW (field));

  leave->func = func;
  leave->user_data = user_data;
  g_object_set_data_full (G_OBJECT (field), "tissage-field-leave", leave, g_free);
  g_signal_connect (focus, "leave", G_CALLBACK (on_field_focus_leave), NULL);
  gtk_widget_add_controller (field, focus);
  g_signal_connect (field, ADW_IS_ENTRY_ROW (field) ? "entry-activated" : "activate",
                    G_CALLBACK (field_left), NULL);
}

void
tissage_widget_set_tooltip (GtkWidget  *widget,
                            const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (text != NULL && *text == '\0')
    text = NULL;
  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) != 0)
    gtk_widget_set_tooltip_text (widget, text);
}

void
tissage_field_show_invalid (GtkWidget  *field,
                            const char *message,
                            gboolean    say)
{
  const char *text = GTK_IS_EDITABLE (field) ? gtk_editable_get_text (GTK_EDITABLE (field)) : "";

  gtk_widget_add_css_class (field, "error");
  gtk_widget_set_tooltip_text (field, message);
  gtk_accessible_update_property (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);

  /* Enter, then the focus leaving, say it once. */
  if (say && g_strcmp0 (g_object_get_data (G_OBJECT (field), "tissage-said"), text) != 0)
    {
      g_autoptr(GError) error = g_error_new_literal (TISSAGE_DOCUMENT_ERROR,
                                                     TISSAGE_DOCUMENT_ERROR_INVALID_VALUE, message);

      g_object_set_data_full (G_OBJECT (field), "tissage-said", g_strdup (text), g_free);
      tissage_widget_report_error (field, error);
    }
}

void
tissage_field_show_bad_date (GtkWidget  *field,
                             const char *text,
                             gboolean    month,
                             const char *kept)
{
  g_autofree char *message = NULL;

  if (month)
    message = g_strdup_printf (_("“%s” is a month: give the day too, for example 31/12/2025."), text);
  else if (*kept != '\0')
    message = g_strdup_printf (_("“%s” is not a date: write it as 31/12/2025 or 31 December 2025. The date %s is kept."),
                               text, kept);
  else
    message = g_strdup_printf (_("“%s” is not a date: write it as 31/12/2025 or 31 December 2025. Nothing was saved."),
                               text);
  tissage_field_show_invalid (field, message, TRUE);
}

void
tissage_field_clear_invalid (GtkWidget *field)
{
  /* Nothing to take away: a field left as it was asks nothing of the
   * display (a tooltip set on a shown widget is a round trip to it, for
   * each cell of a grid refreshed). */
  if (!gtk_widget_has_css_class (field, "error") && gtk_widget_get_tooltip_text (field) == NULL &&
      g_object_get_data (G_OBJECT (field), "tissage-said") == NULL)
    return;

  gtk_widget_remove_css_class (field, "error");
  gtk_widget_set_tooltip_text (field, NULL);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  g_object_set_data (G_OBJECT (field), "tissage-said", NULL);
}

char *
tissage_format_typed_number (double value)
{
  g_autofree char *text = NULL;
  char *dot;

  if (isnan (value))
    return g_strdup ("");

  text = g_strdup_printf ("%.10g", value);
  if ((dot = strchr (text, '.')) != NULL)
    *dot = ',';
  return g_steal_pointer (&text);
}

/* A field that holds the focus as it goes insensitive is not told it lost
 * it: its cursor keeps blinking, and GTK warns that the text "did not
 * receive a focus-out event". The focus leaves it first. */
static void
set_sensitive_keeping_focus (GtkWidget *widget,
                             gboolean   sensitive)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (!sensitive && focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget)))
    gtk_root_set_focus (root, NULL);
  gtk_widget_set_sensitive (widget, sensitive);
}

gboolean
tissage_widget_can_edit (TissageDocument *document,
                         const char      *table)
{
  return document != NULL && !tissage_document_get_read_only (document) &&
         tissage_contribution_check_editable (document, table, NULL);
}

void
tissage_widget_set_editable (GtkWidget *widget,
                             gboolean   editable)
{
  GtkWidget *scrolled;
  GtkWidget *content;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  scrolled = find_scrolled_window (widget);
  if (scrolled == NULL)
    {
      set_sensitive_keeping_focus (widget, editable);
      return;
    }

  content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  if (GTK_IS_VIEWPORT (content))
    content = gtk_viewport_get_child (GTK_VIEWPORT (content));
  if (content != NULL)
    set_sensitive_keeping_focus (content, editable);
}

static gboolean
on_sideways_scroll (GtkEventControllerScroll *controller,
                    double                    dx,
                    double                    dy,
                    gpointer                  user_data)
{
  GtkWidget *inner = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkWidget *parent = gtk_widget_get_parent (inner);
  GtkWidget *outer = parent != NULL ? gtk_widget_get_ancestor (parent, GTK_TYPE_SCROLLED_WINDOW) : NULL;
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  GtkAdjustment *adjustment;
  double step;

  /* Shift turns the wheel sideways: the scrolled window's own. */
  if (outer == NULL || dy == 0 || (state & GDK_SHIFT_MASK) != 0 || fabs (dx) > fabs (dy))
    return GDK_EVENT_PROPAGATE;

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (outer));
  /* A notch of the wheel moves as far as GTK's own scrolled windows do. */
  step = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL
         ? pow (gtk_adjustment_get_page_size (adjustment), 2.0 / 3.0) : 1.0;
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + dy * step);
  return GDK_EVENT_STOP;
}

void
tissage_scroller_pass_vertical (GtkScrolledWindow *scroller)
{
  GtkEventController *controller;

  g_return_if_fail (GTK_IS_SCROLLED_WINDOW (scroller));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_sideways_scroll), NULL);
  gtk_widget_add_controller (GTK_WIDGET (scroller), controller);
}

gboolean
tissage_widget_activate_window_action (GtkWidget  *widget,
                                       const char *name,
                                       const char *format,
                                       ...)
{
  g_autoptr(GVariant) parameter = NULL;
  GtkRoot *root;
  GtkWindow *parent;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (format != NULL)
    {
      va_list args;

      va_start (args, format);
      parameter = g_variant_ref_sink (g_variant_new_va (format, NULL, &args));
      va_end (args);
    }

  if (gtk_widget_activate_action_variant (widget, name, parameter))
    return TRUE;

  /* A dialog's actions do not reach the window it is over. */
  root = gtk_widget_get_root (widget);
  parent = GTK_IS_WINDOW (root) ? gtk_window_get_transient_for (GTK_WINDOW (root)) : NULL;

  return parent != NULL && gtk_widget_activate_action_variant (GTK_WIDGET (parent), name, parameter);
}

gboolean
tissage_widget_try_report_error (GtkWidget    *widget,
                                 const GError *error)
{
  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (error != NULL, FALSE);

  g_debug ("Reported: %s", error->message);

  if (error->domain == TISSAGE_DOCUMENT_ERROR &&
      (error->code == TISSAGE_DOCUMENT_ERROR_IO || error->code == TISSAGE_DOCUMENT_ERROR_LOCKED))
    return tissage_widget_activate_window_action (widget, "win.error-dialog", "(ss)",
                                                  _("The Change Was Not Saved"), error->message);

  return tissage_widget_activate_window_action (widget, "win.error-toast", "s", error->message);
}

void
tissage_widget_report_error (GtkWidget    *widget,
                             const GError *error)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (error != NULL);

  if (!tissage_widget_try_report_error (widget, error))
    g_warning ("%s", error->message);
}

void
tissage_widget_add_undo_toast (GtkWidget  *widget,
                               const char *title)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (title != NULL);

  tissage_widget_activate_window_action (widget, "win.undo-toast", "s", title);
}

void
tissage_widget_add_toast (GtkWidget  *widget,
                          const char *title,
                          const char *uri)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (title != NULL);

  tissage_widget_activate_window_action (widget, "win.toast", "(ss)", title, uri != NULL ? uri : "");
}

void
tissage_widget_set_tooltip_quietly (GtkWidget  *widget,
                                    const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) == 0)
    return;
  /* GTK queries the tooltip only of a visible widget: one on screen keeps
   * the query, for the pointer may be over it. */
  if (gtk_widget_get_mapped (widget) || !gtk_widget_get_visible (widget))
    {
      gtk_widget_set_tooltip_text (widget, text);
      return;
    }
  gtk_widget_set_visible (widget, FALSE);
  gtk_widget_set_tooltip_text (widget, text);
  gtk_widget_set_visible (widget, TRUE);
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-interviews"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "tissage-grid-editor.h"
#include "tissage-interview-editor.h"
#include "tissage-contribution.h"
#include "tissage-interviews-page.h"
#include "tissage-list-row.h"
#include "tissage-qdpx-export.h"
#include "tissage-xlsform-export.h"
#include "tissage-utils.h"
#include "tissage-verbatim-browser.h"
#include "tissage-widget-utils.h"

struct _TissageInterviewsPage
{
  GtkWidget           parent_instance;

  GtkWidget          *root_box;
  GtkStack           *mode_stack;
  GtkToggleButton    *interviews_button;
  GtkToggleButton    *grids_button;
  GtkToggleButton    *verbatims_button;
  GtkListView        *grid_list_view;
  TissageGridEditor  *grid_editor;
  TissageVerbatimBrowser *verbatim_browser;
  AdwFlap            *flap;
  GtkSearchEntry     *search_entry;
  GtkWidget          *filters_grid;
  GtkDropDown        *grid_filter;
  GtkDropDown        *status_filter;
  GtkDropDown        *structure_filter;
  GtkDropDown        *category_filter;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  GtkLabel           *count_label;
  GtkStack           *detail_stack;
  TissageInterviewEditor *editor;

  TissageDocument    *document;
  GtkFileChooserNative *chooser;
  /* The document the page will show once it is first on screen: building
   * the list of thousands of interviews waits until then. */
  TissageDocument    *pending;
  gboolean            has_pending;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filter_model;
  GtkSortListModel   *sort_model;
  GtkSingleSelection *selection;
  GtkSingleSelection *grid_selection;
  GtkStringList      *grid_names;
  GArray             *grid_ids;
  GtkStringList      *structure_names;
  GArray             *structure_ids;
  GtkStringList      *category_names;
  GArray             *category_ids;
  char               *search_text;
  GHashTable         *found;          /* interview ids whose answers match the search */
  GPtrArray          *bound_items;    /* GtkListItem shown, refreshed when answers change */
  guint               refresh_id;
  /* The rows to refresh: those of interviews whose answers changed, or
   * all of them (a guide or a name changed, or an answer went away). */
  GHashTable         *refresh_interviews;
  gboolean            refresh_all;
  /* The list binds some 200 rows about the one it shows, a screen of them
   * visible: the others' progress is counted once the frame is drawn. */
  guint               count_id;
  guint               scroll_target;  /* where select() scrolls to, G_MAXUINT once there */
};

enum {
  PROP_0,
  PROP_SELECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (TissageInterviewsPage, tissage_interviews_page, GTK_TYPE_WIDGET)

static gint64
filter_id (GtkDropDown *drop_down,
           GArray      *ids)
{
  guint selected = gtk_drop_down_get_selected (drop_down);

  if (selected == GTK_INVALID_LIST_POSITION || selected == 0 || selected > ids->len)
    return 0;
  return g_array_index (ids, gint64, selected - 1);
}

static gint64
category_of (TissageInterviewsPage *self,
             TissageInterview      *interview)
{
  gint64 stakeholder_id = tissage_interview_get_stakeholder_id (interview);

  if (stakeholder_id != 0)
    {
      TissageStakeholder *stakeholder = tissage_document_lookup (self->document, TISSAGE_TYPE_STAKEHOLDER,
                                                                 stakeholder_id);
      if (stakeholder != NULL && tissage_stakeholder_get_category_id (stakeholder) != 0)
        return tissage_stakeholder_get_category_id (stakeholder);
    }

  return tissage_interview_get_category_id (interview);
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  TissageInterviewsPage *self = user_data;
  TissageInterview *interview = item;
  gint64 wanted;
  guint status;

  if (self->document == NULL)
    return FALSE;

  if ((wanted = filter_id (self->grid_filter, self->grid_ids)) != 0 &&
      tissage_interview_get_grid_id (interview) != wanted)
    return FALSE;

  status = gtk_drop_down_get_selected (self->status_filter);
  if (status != GTK_INVALID_LIST_POSITION && status > 0 &&
      tissage_interview_get_status (interview) != status - 1)
    return FALSE;

  if ((wanted = filter_id (self->structure_filter, self->structure_ids)) != 0 &&
      tissage_interview_get_structure_id (interview) != wanted &&
      tissage_interview_get_person_structure_id (interview) != wanted)
    return FALSE;

  if ((wanted = filter_id (self->category_filter, self->category_ids)) != 0 &&
      category_of (self, interview) != wanted)
    return FALSE;

  if (self->search_text != NULL && *self->search_text != '\0')
    {
      gint64 id = tissage_record_get_id (TISSAGE_RECORD (interview));
      g_autofree char *who = NULL;
      g_autofree char *interviewer = NULL;

      if (self->found != NULL && g_hash_table_contains (self->found, &id))
        return TRUE;
      who = tissage_document_dup_interviewee (self->document, interview, FALSE);
      g_object_get (interview, "interviewer", &interviewer, NULL);
      return tissage_search_matches (self->search_text, who) ||
             tissage_search_matches (self->search_text, tissage_interview_get_pseudonym (interview)) ||
             tissage_search_matches (self->search_text, interviewer);
    }

  return TRUE;
}

/* Latest first. */
static int
compare_interviews (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  TissageInterview *ia = (TissageInterview *) a;
  TissageInterview *ib = (TissageInterview *) b;
  int by_date = g_strcmp0 (tissage_interview_get_date (ib), tissage_interview_get_date (ia));
  gint64 id_a = tissage_record_get_id (TISSAGE_RECORD (ia));
  gint64 id_b = tissage_record_get_id (TISSAGE_RECORD (ib));

  if (by_date != 0)
    return by_date < 0 ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
  return id_a > id_b ? GTK_ORDERING_SMALLER : id_a < id_b ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static void
update_empty_state (TissageInterviewsPage *self)
{
  guint total = self->document ? g_list_model_get_n_items (tissage_document_get_records (self->document,
                                                                                         TISSAGE_TYPE_INTERVIEW)) : 0;
  guint grids = self->document ? g_list_model_get_n_items (tissage_document_get_records (self->document,
                                                                                         TISSAGE_TYPE_GRID)) : 0;
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  g_autofree char *count = NULL;

  /* Filters mean nothing before the first interview. */
  gtk_widget_set_visible (self->filters_grid, total > 0);
  if (total == 0)
    gtk_stack_set_visible_child_name (self->list_stack, grids == 0 ? "no-grid" : "empty");
  else if (shown == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "no-match");
  else
    gtk_stack_set_visible_child_name (self->list_stack, "list");

  if (shown == total)
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u interview", "%u interviews", total), total);
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u interview", "%u of %u interviews", total),
                             shown, total);
  gtk_label_set_text (self->count_label, count);
}

static void
fill_filter (GtkDropDown   *drop_down,
             GtkStringList *names,
             GArray        *ids,
             const char    *all,
             GListModel    *records,
             const char  *(*get_name) (gpointer))
{
  gint64 selected_id = filter_id (drop_down, ids);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) strings = NULL;
  guint position = 0;

  g_array_set_size (ids, 0);
  g_strv_builder_add (builder, all);
  for (guint i = 0; records != NULL && i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(TissageRecord) record = g_list_model_get_item (records, i);
      gint64 id = tissage_record_get_id (record);

      g_strv_builder_add (builder, get_name (record));
      g_array_append_val (ids, id);
      if (id == selected_id)
        position = ids->len;
    }
  strings = g_strv_builder_end (builder);
  gtk_string_list_splice (names, 0, g_list_model_get_n_items (G_LIST_MODEL (names)),
                          (const char * const *) strings);
  gtk_drop_down_set_selected (drop_down, position);
}

static void
rebuild_filters (TissageInterviewsPage *self)
{
  TissageDocument *doc = self->document;

  fill_filter (self->grid_filter, self->grid_names, self->grid_ids, _("All guides"),
               doc ? tissage_document_get_records (doc, TISSAGE_TYPE_GRID) : NULL,
               (gpointer) tissage_grid_get_title);
  fill_filter (self->structure_filter, self->structure_names, self->structure_ids, _("All structures"),
               doc ? tissage_document_get_structures (doc) : NULL, (gpointer) tissage_structure_get_name);
  fill_filter (self->category_filter, self->category_names, self->category_ids, _("All categories"),
               doc ? tissage_document_get_categories (doc) : NULL, (gpointer) tissage_category_get_name);
}

/* Rows */

/* The row's date and guide in full, asked for when the pointer rests on
 * it: a tooltip set at each binding asks the display where the pointer
 * is, a round trip for each row as the list scrolls. */
static gboolean
on_row_query_tooltip (GtkWidget  *row,
                      int         x,
                      int         y,
                      gboolean    keyboard,
                      GtkTooltip *tooltip,
                      gpointer    user_data)
{
  const char *text = tissage_list_row_get_subtitle (TISSAGE_LIST_ROW (row));

  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* One drawn widget a row, and its status badge: the list binds a couple
 * of hundred rows. */
static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  GtkWidget *row = tissage_list_row_new ();
  GtkWidget *status = gtk_label_new (NULL);

  gtk_widget_add_css_class (row, "interview-row");
  gtk_widget_add_css_class (status, "status-badge");
  gtk_widget_add_css_class (status, "caption");
  tissage_list_row_set_end (TISSAGE_LIST_ROW (row), status);

  g_object_set_data (G_OBJECT (row), "status", status);
  gtk_widget_set_has_tooltip (row, TRUE);
  g_signal_connect (row, "query-tooltip", G_CALLBACK (on_row_query_tooltip), NULL);
  gtk_list_item_set_child (item, row);
}

static char *
format_date (const char *iso)
{
  int y, m, d;

  if (iso == NULL || *iso == '\0')
    return g_strdup (_("No date"));
  if (sscanf (iso, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return g_strdup (iso);
  return g_strdup_printf ("%02d/%02d/%04d", d, m, y);
}

/* Rows are at least this tall: a screen shows no more than its height in them. */
#define ROW_MIN_HEIGHT 32

/* The range of positions on screen, or about to be, that holds @position. */
static gboolean
on_screen (TissageInterviewsPage *self,
           guint                  position,
           guint                 *first,
           guint                 *last)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));
  double height = adjustment ? gtk_adjustment_get_page_size (adjustment) : 0;
  double upper = adjustment ? gtk_adjustment_get_upper (adjustment) : 0;
  guint rows, top;

  if (n_items == 0)
    return FALSE;
  /* Not laid out yet: no taller than the window. */
  if (height <= 0 && gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    height = gtk_widget_get_height (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self))));
  if (height <= 0)
    height = 1080;
  rows = (guint) ceil (height / ROW_MIN_HEIGHT) + 1;

  /* Where the list is scrolled to, its rows as tall as it reckons them. */
  top = upper > 0 ? (guint) (gtk_adjustment_get_value (adjustment) / (upper / n_items)) : 0;
  top = top > 0 ? top - 1 : 0;
  if (position >= top && position <= top + rows)
    {
      *first = top;
      *last = MIN (top + rows, n_items - 1);
      return TRUE;
    }

  /* Where it is about to scroll: that row at the top or at the bottom. */
  if (self->scroll_target != G_MAXUINT &&
      position + rows >= self->scroll_target && position <= self->scroll_target + rows)
    {
      *first = self->scroll_target > rows ? self->scroll_target - rows : 0;
      *last = MIN (self->scroll_target + rows, n_items - 1);
      return TRUE;
    }

  return FALSE;
}

static gboolean count_hidden_rows (gpointer user_data);

/* The progress of the row @item, unless it is off screen and @now is
 * FALSE: then later. */
static void
show_progress (TissageInterviewsPage *self,
               GtkListItem           *item,
               gboolean               now)
{
  TissageInterview *interview = gtk_list_item_get_item (item);
  TissageListRow *row = TISSAGE_LIST_ROW (gtk_list_item_get_child (item));
  g_autofree char *text = NULL;
  guint answered = 0, total = 0;
  guint first, last;

  if (!tissage_document_has_progress (self->document, interview))
    {
      if (!now && !on_screen (self, gtk_list_item_get_position (item), &first, &last))
        {
          /* Off screen: counted with the others once the frame is drawn. */
          tissage_list_row_set_caption (row, NULL);
          g_object_set_data (G_OBJECT (item), "progress-pending", GINT_TO_POINTER (TRUE));
          if (self->count_id == 0)
            self->count_id = g_idle_add (count_hidden_rows, self);
          return;
        }
      else if (!now)
        {
          /* The rows on screen with it, in one query. */
          g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_object_unref);

          for (guint i = first; i <= last; i++)
            g_ptr_array_add (shown, g_list_model_get_item (G_LIST_MODEL (self->sort_model), i));
          tissage_document_prefetch_progress (self->document, shown);
        }
    }

  g_object_set_data (G_OBJECT (item), "progress-pending", NULL);
  tissage_document_get_progress (self->document, interview, &answered, &total);
  text = g_strdup_printf ("%u/%u", answered, total);
  tissage_list_row_set_caption (row, text);
}

static gboolean
count_hidden_rows (gpointer user_data)
{
  TissageInterviewsPage *self = user_data;
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autoptr(GPtrArray) interviews = g_ptr_array_new ();

  self->count_id = 0;
  if (self->document == NULL)
    return G_SOURCE_REMOVE;

  for (guint i = 0; i < self->bound_items->len; i++)
    {
      GtkListItem *item = g_ptr_array_index (self->bound_items, i);

      if (g_object_get_data (G_OBJECT (item), "progress-pending") != NULL && gtk_list_item_get_item (item) != NULL)
        {
          g_ptr_array_add (items, item);
          g_ptr_array_add (interviews, gtk_list_item_get_item (item));
        }
    }
  tissage_document_prefetch_progress (self->document, interviews);
  for (guint i = 0; i < items->len; i++)
    show_progress (self, g_ptr_array_index (items, i), TRUE);

  return G_SOURCE_REMOVE;
}

static void
on_list_scrolled (TissageInterviewsPage *self)
{
  self->scroll_target = G_MAXUINT;
}

static void
refresh_row (GtkListItem *item)
{
  static const char * const status_classes[] = { "status-todo", "status-in-progress", "status-done" };
  GtkWidget *row = gtk_list_item_get_child (item);
  TissageInterview *interview = gtk_list_item_get_item (item);
  TissageInterviewsPage *self = g_object_get_data (G_OBJECT (item), "page");
  TissageGrid *grid;
  GtkWidget *status;
  g_autofree char *who = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *date = NULL;
  g_autofree char *detail = NULL;
  TissageInterviewStatus value;

  if (interview == NULL || self == NULL || self->document == NULL)
    return;

  who = tissage_document_dup_interviewee (self->document, interview, FALSE);
  grid = tissage_document_lookup (self->document, TISSAGE_TYPE_GRID, tissage_interview_get_grid_id (interview));
  date = format_date (tissage_interview_get_date (interview));
  if (grid != NULL)
    {
      g_autofree char *guide = tissage_text_shorten (tissage_grid_get_title (grid), TISSAGE_NAME_MAX_CHARS);

      detail = g_strdup_printf ("%s · %s", date, guide);
    }
  else
    detail = g_strdup (date);
  shown = tissage_text_shorten (who, TISSAGE_NAME_MAX_CHARS);
  tissage_list_row_set_title (TISSAGE_LIST_ROW (row), shown);
  tissage_list_row_set_subtitle (TISSAGE_LIST_ROW (row), detail);
  show_progress (self, item, FALSE);

  status = g_object_get_data (G_OBJECT (row), "status");
  value = tissage_interview_get_status (interview);
  gtk_label_set_text (GTK_LABEL (status), tissage_interview_status_to_label (value));
  for (guint i = 0; i < G_N_ELEMENTS (status_classes); i++)
    if (i == value)
      gtk_widget_add_css_class (status, status_classes[i]);
    else
      gtk_widget_remove_css_class (status, status_classes[i]);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          TissageInterviewsPage    *self)
{
  TissageInterview *interview = gtk_list_item_get_item (item);
  gulong id;

  g_object_set_data (G_OBJECT (item), "page", self);
  id = g_signal_connect_swapped (interview, "notify", G_CALLBACK (refresh_row), item);
  g_object_set_data (G_OBJECT (item), "notify-id", GSIZE_TO_POINTER (id));
  g_ptr_array_add (self->bound_items, item);
  refresh_row (item);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            TissageInterviewsPage    *self)
{
  TissageInterview *interview = gtk_list_item_get_item (item);
  gulong id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (item), "notify-id"));

  if (interview != NULL && id != 0)
    g_signal_handler_disconnect (interview, id);
  g_object_set_data (G_OBJECT (item), "notify-id", NULL);
  g_ptr_array_remove_fast (self->bound_items, item);
}

/* Searching */

static void
run_search (TissageInterviewsPage *self)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->found, g_hash_table_unref);
  if (self->document == NULL || self->search_text == NULL || *self->search_text == '\0')
    return;

  ids = tissage_document_search_interviews (self->document, self->search_text, &error);
  if (ids == NULL)
    {
      g_debug ("Search failed: %s", error->message);
      return;
    }

  self->found = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < ids->len; i++)
    g_hash_table_add (self->found, g_memdup2 (&g_array_index (ids, gint64, i), sizeof (gint64)));
}

static void
on_search_changed (TissageInterviewsPage *self)
{
  g_free (self->search_text);
  self->search_text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  run_search (self);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_stop_search (TissageInterviewsPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
on_filter_changed (TissageInterviewsPage *self)
{
  if (self->filter != NULL)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* Selection and changes */

static void
on_selection_changed (TissageInterviewsPage *self)
{
  TissageInterview *interview = tissage_interviews_page_get_selected (self);

  tissage_interview_editor_set_interview (self->editor, interview);
  gtk_stack_set_visible_child_name (self->detail_stack, interview ? "editor" : "none");
  if (interview != NULL && adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

static void
on_items_changed (TissageInterviewsPage *self)
{
  update_empty_state (self);
}

static gboolean
refresh_rows (gpointer user_data)
{
  TissageInterviewsPage *self = user_data;

  self->refresh_id = 0;
  for (guint i = 0; i < self->bound_items->len; i++)
    {
      GtkListItem *item = g_ptr_array_index (self->bound_items, i);
      TissageInterview *interview = gtk_list_item_get_item (item);
      gint64 id = interview ? tissage_record_get_id (TISSAGE_RECORD (interview)) : 0;

      /* Typing in one interview recounts its progress, not every row's. */
      if (self->refresh_all || g_hash_table_contains (self->refresh_interviews, &id))
        refresh_row (item);
    }
  self->refresh_all = FALSE;
  g_hash_table_remove_all (self->refresh_interviews);

  /* The search follows the answers typed in. */
  if (self->search_text != NULL && *self->search_text != '\0')
    {
      run_search (self);
      gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
    }

  return G_SOURCE_REMOVE;
}

static void
on_row_changed (TissageInterviewsPage *self,
                const char            *table,
                gint64                 id)
{
  if (g_str_equal (table, "grids") || g_str_equal (table, "structures") || g_str_equal (table, "categories"))
    {
      rebuild_filters (self);
      update_empty_state (self);
    }

  if (g_str_equal (table, "answers") || g_str_equal (table, "grid_questions") || g_str_equal (table, "grids") ||
      g_str_equal (table, "stakeholders"))
    {
      gint64 interview_id = 0;

      if (g_str_equal (table, "answers") && self->document != NULL)
        interview_id = tissage_document_get_answer_interview_id (self->document, id);
      if (interview_id != 0)
        {
          gint64 *key = g_new (gint64, 1);

          *key = interview_id;
          g_hash_table_add (self->refresh_interviews, key);
        }
      else
        self->refresh_all = TRUE;
      if (self->refresh_id == 0)
        self->refresh_id = g_timeout_add (100, refresh_rows, self);
    }
  else if (g_str_equal (table, "interviews"))
    {
      /* A changed date or status moves the interview or hides it. */
      gtk_sorter_changed (gtk_sort_list_model_get_sorter (self->sort_model), GTK_SORTER_CHANGE_DIFFERENT);
      gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
    }
}

/* Adding and deleting */

/* Asks before deleting @record; @on_response gets the dialog holding it as "record". */
static void
confirm_delete (TissageInterviewsPage *self,
                const char            *heading,
                const char            *body,
                gpointer               record,
                GCallback              on_response)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                       heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "record", g_object_ref (record), g_object_unref);
  g_signal_connect_object (dialog, "response", on_response, self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
clear_filters (TissageInterviewsPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->grid_filter, 0);
  gtk_drop_down_set_selected (self->status_filter, 0);
  gtk_drop_down_set_selected (self->structure_filter, 0);
  gtk_drop_down_set_selected (self->category_filter, 0);
}

static void
add_interview (TissageInterviewsPage *self,
               TissageGrid           *grid)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr(TissageInterview) interview = NULL;
  g_autoptr(GError) error = NULL;

  /* In a contribution, what its structure adds is its structure's. */
  interview = tissage_document_insert (self->document, TISSAGE_TYPE_INTERVIEW, &error,
                                       "grid-id", tissage_record_get_id (TISSAGE_RECORD (grid)),
                                       "structure-id", MAX (tissage_contribution_get_structure_id (self->document), 0),
                                       "date", today,
                                       NULL);
  if (interview == NULL)
    {
      tissage_widget_report_error (GTK_WIDGET (self), error);
      return;
    }

  /* The new interview shows even when the filters would hide it. */
  clear_filters (self);
  tissage_interviews_page_select (self, interview);
  tissage_interview_editor_focus_first (self->editor);
}

static void
on_choose_grid_response (AdwMessageDialog      *dialog,
                         const char            *response,
                         TissageInterviewsPage *self)
{
  GtkDropDown *drop_down = g_object_get_data (G_OBJECT (dialog), "grids");
  g_autoptr(TissageGrid) grid = NULL;

  if (!g_str_equal (response, "add") || self->document == NULL)
    return;

  grid = g_list_model_get_item (tissage_document_get_records (self->document, TISSAGE_TYPE_GRID),
                                gtk_drop_down_get_selected (drop_down));
  if (grid != NULL)
    add_interview (self, grid);
}

/* The guide of the interview added last, 0 if none. */
static gint64
latest_grid_id (TissageInterviewsPage *self)
{
  GListModel *interviews = tissage_document_get_records (self->document, TISSAGE_TYPE_INTERVIEW);
  gint64 latest = 0, grid_id = 0;

  for (guint i = 0; i < g_list_model_get_n_items (interviews); i++)
    {
      g_autoptr(TissageInterview) interview = g_list_model_get_item (interviews, i);

      if (tissage_record_get_id (TISSAGE_RECORD (interview)) > latest)
        {
          latest = tissage_record_get_id (TISSAGE_RECORD (interview));
          grid_id = tissage_interview_get_grid_id (interview);
        }
    }
  return grid_id;
}

static gboolean
drop_down_is_open (GtkWidget *drop_down)
{
  for (GtkWidget *child = gtk_widget_get_first_child (drop_down); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child) && gtk_widget_get_visible (child))
      return TRUE;
  return FALSE;
}

/* Return on the closed list of guides adds the interview instead of opening
 * the list again; in the open list, it chooses the guide. */
static gboolean
on_choose_grid_key (GtkEventControllerKey *controller,
                    guint                  keyval,
                    guint                  keycode,
                    GdkModifierType        state,
                    GtkWidget             *drop_down)
{
  GtkWidget *dialog = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (dialog));
  GtkWidget *add = gtk_window_get_default_widget (GTK_WINDOW (dialog));

  if ((keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter) ||
      (state & gtk_accelerator_get_default_mod_mask ()) != 0 ||
      focus == NULL || (focus != drop_down && !gtk_widget_is_ancestor (focus, drop_down)) ||
      drop_down_is_open (drop_down) || add == NULL || !gtk_widget_is_sensitive (add))
    return GDK_EVENT_PROPAGATE;

  /* The window would activate the focus, the drop-down's own button,
   * rather than the default response. */
  return gtk_widget_activate (add);
}

static void
on_delete_response (AdwMessageDialog      *dialog,
                    const char            *response,
                    TissageInterviewsPage *self)
{
  TissageInterview *interview = g_object_get_data (G_OBJECT (dialog), "record");
  g_autofree char *who = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "delete") || self->document == NULL)
    return;

  who = tissage_document_dup_interviewee (self->document, interview, FALSE);
  if (!tissage_document_delete (self->document, interview, &error))
    {
      tissage_widget_report_error (GTK_WIDGET (self), error);
      return;
    }

  title = g_strdup_printf (_("Interview with “%s” deleted"), who);
  tissage_widget_add_undo_toast (GTK_WIDGET (self), title);
}

/* From a quote to its interview */

static void
on_open_interview (TissageInterviewsPage *self,
                   gint64                 interview_id,
                   gint64                 verbatim_id)
{
  TissageInterview *interview;
  g_autoptr(TissageVerbatim) verbatim = NULL;
  g_autoptr(TissageAnswer) answer = NULL;
  TissageGridQuestion *question = NULL;

  if (self->document == NULL)
    return;

  interview = tissage_document_lookup (self->document, TISSAGE_TYPE_INTERVIEW, interview_id);
  verbatim = tissage_document_fetch (self->document, TISSAGE_TYPE_VERBATIM, verbatim_id);
  if (interview == NULL || verbatim == NULL)
    return;
  answer = tissage_document_fetch (self->document, TISSAGE_TYPE_ANSWER, tissage_verbatim_get_answer_id (verbatim));
  if (answer != NULL)
    question = tissage_document_lookup (self->document, TISSAGE_TYPE_GRID_QUESTION,
                                        tissage_answer_get_question_id (answer));

  gtk_toggle_button_set_active (self->interviews_button, TRUE);
  clear_filters (self);
  if (!tissage_interviews_page_select (self, interview) || question == NULL)
    return;

  /* A passage lost to a changed answer is no longer where it was marked. */
  if (tissage_verbatim_get_lost (verbatim))
    tissage_interview_editor_reveal_answer (self->editor, question, -1, -1);
  else
    tissage_interview_editor_reveal_answer (self->editor, question, tissage_verbatim_get_start (verbatim),
                                            tissage_verbatim_get_end (verbatim));
}

/* Modes and guides */

static TissageGrid *selected_grid (TissageInterviewsPage *self);

/* The guide editor builds a guide of forty questions: only when shown. */
static void
show_selected_grid (TissageInterviewsPage *self)
{
  if (gtk_toggle_button_get_active (self->grids_button))
    tissage_grid_editor_set_grid (self->grid_editor, selected_grid (self));
}

static void
on_mode_toggled (TissageInterviewsPage *self)
{
  show_selected_grid (self);
  if (gtk_toggle_button_get_active (self->grids_button))
    gtk_stack_set_visible_child_name (self->mode_stack, "grids");
  else if (gtk_toggle_button_get_active (self->verbatims_button))
    gtk_stack_set_visible_child_name (self->mode_stack, "verbatims");
  else
    gtk_stack_set_visible_child_name (self->mode_stack, "interviews");
}

static TissageGrid *
selected_grid (TissageInterviewsPage *self)
{
  return gtk_single_selection_get_selected_item (self->grid_selection);
}

static void
update_grid_actions (TissageInterviewsPage *self)
{
  gboolean writable = tissage_widget_can_edit (self->document, "grids");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "interviews.add-grid", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "interviews.duplicate-grid",
                                 writable && selected_grid (self) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "interviews.delete-grid",
                                 writable && selected_grid (self) != NULL);
}

static void
on_grid_selection_changed (TissageInterviewsPage *self)
{
  show_selected_grid (self);
  update_grid_actions (self);
}

static void
select_grid (TissageInterviewsPage *self,
             TissageGrid           *grid)
{
  GListModel *model = G_LIST_MODEL (self->grid_selection);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TissageGrid) item = g_list_model_get_item (model, i);

      if (item == grid)
        gtk_single_selection_set_selected (self->grid_selection, i);
    }
}

static void
refresh_grid_row (GtkListItem *item)
{
  TissageGrid *grid = gtk_list_item_get_item (item);

  if (grid != NULL)
    tissage_label_set_name (GTK_LABEL (gtk_list_item_get_child (item)), tissage_grid_get_title (grid));
}

static void
setup_grid_row (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_list_item_set_child (item, label);
}

static void
bind_grid_row (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  gulong id = g_signal_connect_swapped (gtk_list_item_get_item (item), "notify::title",
                                        G_CALLBACK (refresh_grid_row), item);

  g_object_set_data (G_OBJECT (item), "notify-id", GSIZE_TO_POINTER (id));
  refresh_grid_row (item);
}

static void
unbind_grid_row (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  gulong id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (item), "notify-id"));

  if (gtk_list_item_get_item (item) != NULL && id != 0)
    g_signal_handler_disconnect (gtk_list_item_get_item (item), id);
  g_object_set_data (G_OBJECT (item), "notify-id", NULL);
}

static void
add_grid_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TissageInterviewsPage *self = TISSAGE_INTERVIEWS_PAGE (widget);
  g_autoptr(TissageGrid) grid = NULL;
  g_autoptr(GError) error = NULL;

  if (self->document == NULL)
    return;

  grid = tissage_document_insert (self->document, TISSAGE_TYPE_GRID, &error,
                                  "title", _("New interview guide"),
                                  "position", (int) g_list_model_get_n_items (G_LIST_MODEL (self->grid_selection)),
                                  NULL);
  if (grid == NULL)
    {
      tissage_widget_report_error (widget, error);
      return;
    }

  gtk_toggle_button_set_active (self->grids_button, TRUE);
  select_grid (self, grid);
}

static void
duplicate_grid_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  TissageInterviewsPage *self = TISSAGE_INTERVIEWS_PAGE (widget);
  g_autoptr(TissageGrid) copy = NULL;
  g_autoptr(GError) error = NULL;

  if (self->document == NULL || selected_grid (self) == NULL)
    return;

  copy = tissage_document_duplicate_grid (self->document, selected_grid (self), &error);
  if (copy == NULL)
    {
      tissage_widget_report_error (widget, error);
      return;
    }
  select_grid (self, copy);
}

/* Exports for the survey and analysis tools: the "-to" actions take the
 * file's path, so that the chooser and the tests come the same way. */

static void
on_export_response (GtkNativeDialog       *dialog,
                    int                    response,
                    TissageInterviewsPage *self)
{
  const char *action = g_object_get_data (G_OBJECT (dialog), "action");
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (file != NULL)
    path = g_file_get_path (file);
  g_clear_object (&self->chooser);

  if (path != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), action, "s", path);
}

static void
run_export_chooser (TissageInterviewsPage *self,
                    const char            *title,
                    const char            *name,
                    const char            *action,
                    const char            *filter_name,
                    const char            *suffix)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GFile) folder = g_file_get_parent (tissage_document_get_file (self->document));
  g_autofree char *safe = g_strdelimit (g_strdup (name), "/\\", '-');

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), safe);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
  gtk_file_filter_set_name (filter, filter_name);
  gtk_file_filter_add_suffix (filter, suffix);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_set_data (G_OBJECT (self->chooser), "action", (gpointer) action);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
export_xlsform_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  TissageInterviewsPage *self = TISSAGE_INTERVIEWS_PAGE (widget);
  g_autofree char *name = NULL;

  if (self->document == NULL || selected_grid (self) == NULL)
    return;

  /* TRANSLATORS: the default file name of a guide's form; %s is the guide */
  name = g_strdup_printf (_("%s — KoboToolbox form.xlsx"), tissage_grid_get_title (selected_grid (self)));
  run_export_chooser (self, _("Export for KoboToolbox or ODK"), name, "interviews.export-xlsform-to",
                      _("XLSForm (Excel workbook)"), "xlsx");
}

static void
export_xlsform_to_activated (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  TissageInterviewsPage *self = TISSAGE_INTERVIEWS_PAGE (widget);
  const char *path = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  g_autofree char *title = NULL;
  g_autofree char *uri = NULL;

  if (self->document == NULL || selected_grid (self) == NULL)
    return;
  if (!tissage_xlsform_export (self->document, selected_grid (self), path, &error))
    {
      tissage_widget_activate_window_action (widget, "win.error-dialog", "(ss)",
                                             _("The Form Could Not Be Exported"), error->message);
      return;
    }
  display = g_filename_display_basename (path);
  title = g_strdup_printf (_("Form exported to “%s”: import it into KoboToolbox or ODK"), display);
  uri = g_filename_to_uri (path, NULL, NULL);
  tissage_widget_add_toast (widget, title, uri);
}

static void
export_qdpx_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TissageInterviewsPage *self = TISSAGE_INTERVIEWS_PAGE (widget);
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;

  if (self->document == NULL)
    return;

  title = tissage_document_dup_title (self->document);
  /* TRANSLATORS: the default file name of the REFI-QDA export; %s is the project */
  name = g_strdup_printf (_("%s — interviews.qdpx"), title);
  run_export_chooser (self, _("Export for Qualitative Analysis"), name, "interviews.export-qdpx-to",
                      _("REFI-QDA project (QualCoder, ATLAS.ti, NVivo, MAXQDA)"), "qdpx");
}

static void
export_qdpx_to_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  TissageInterviewsPage *self = TISSAGE_INTERVIEWS_PAGE (widget);
  const char *path = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  g_autofree char *title = NULL;

  if (self->document == NULL)
    return;
  if (!tissage_qdpx_export (self->document, path, &error))
    {
      tissage_widget_activate_window_action (widget, "win.error-dialog", "(ss)",
                                             _("The Interviews Could Not Be Exported"), error->message);
      return;
    }
  display = g_filename_display_basename (path);
  title = g_strdup_printf (_("Interviews exported to “%s”, pseudonymised"), display);
  tissage_widget_add_toast (widget, title, NULL);
}

static void
on_delete_grid_response (AdwMessageDialog      *dialog,
                         const char            *response,
                         TissageInterviewsPage *self)
{
  TissageGrid *grid = g_object_get_data (G_OBJECT (dialog), "record");
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "delete") || self->document == NULL)
    return;

  title = g_strdup_printf (_("Guide “%s” deleted"), tissage_grid_get_title (grid));
  if (!tissage_document_delete (self->document, grid, &error))
    {
      tissage_widget_report_error (GTK_WIDGET (self), error);
      return;
    }
  tissage_widget_add_undo_toast (GTK_WIDGET (self), title);
}

static void
delete_grid_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TissageInterviewsPage *self = TISSAGE_INTERVIEWS_PAGE (widget);
  TissageGrid *grid = selected_grid (self);
  GListModel *interviews;
  g_autofree char *heading = NULL;
  guint n_interviews = 0;

  if (self->document == NULL || grid == NULL)
    return;

  interviews = tissage_document_get_records (self->document, TISSAGE_TYPE_INTERVIEW);
  for (guint i = 0; i < g_list_model_get_n_items (interviews); i++)
    {
      g_autoptr(TissageInterview) interview = g_list_model_get_item (interviews, i);

      if (tissage_interview_get_grid_id (interview) == tissage_record_get_id (TISSAGE_RECORD (grid)))
        n_interviews++;
    }

  /* The interviews typed up with a guide keep it. */
  if (n_interviews > 0)
    {
      g_autoptr(GError) error = NULL;

      g_set_error (&error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "“%s” is followed by %u interview: it cannot be deleted while the interview exists.",
                                "“%s” is followed by %u interviews: it cannot be deleted while they exist.",
                                n_interviews),
                   tissage_grid_get_title (grid), n_interviews);
      tissage_widget_report_error (widget, error);
      return;
    }

  heading = g_strdup_printf (_("Delete the Guide “%s”?"), tissage_grid_get_title (grid));
  confirm_delete (self, heading,
                  _("Its sections and questions will be deleted too. You can undo this with Ctrl+Z."),
                  grid, G_CALLBACK (on_delete_grid_response));
}

/* GObject */

static void tissage_interviews_page_map (GtkWidget *widget);

static void
tissage_interviews_page_dispose (GObject *object)
{
  TissageInterviewsPage *self = TISSAGE_INTERVIEWS_PAGE (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_clear_object (&self->pending);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->count_id, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), TISSAGE_TYPE_INTERVIEWS_PAGE);

  g_clear_object (&self->selection);
  g_clear_object (&self->grid_selection);
  g_clear_object (&self->filter);
  g_clear_object (&self->grid_names);
  g_clear_object (&self->structure_names);
  g_clear_object (&self->category_names);
  g_clear_pointer (&self->grid_ids, g_array_unref);
  g_clear_pointer (&self->structure_ids, g_array_unref);
  g_clear_pointer (&self->category_ids, g_array_unref);
  g_clear_pointer (&self->search_text, g_free);
  g_clear_pointer (&self->found, g_hash_table_unref);
  g_clear_pointer (&self->bound_items, g_ptr_array_unref);
  g_clear_pointer (&self->refresh_interviews, g_hash_table_unref);

  G_OBJECT_CLASS (tissage_interviews_page_parent_class)->dispose (object);
}

static void
tissage_interviews_page_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  TissageInterviewsPage *self = TISSAGE_INTERVIEWS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      g_value_set_object (value, tissage_interviews_page_get_selected (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tissage_interviews_page_class_init (TissageInterviewsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tissage_interviews_page_dispose;
  object_class->get_property = tissage_interviews_page_get_property;
  widget_class->map = tissage_interviews_page_map;

  properties[PROP_SELECTED] =
    g_param_spec_object ("selected", NULL, NULL, TISSAGE_TYPE_INTERVIEW,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TISSAGE_TYPE_INTERVIEW_EDITOR);
  g_type_ensure (TISSAGE_TYPE_GRID_EDITOR);
  g_type_ensure (TISSAGE_TYPE_VERBATIM_BROWSER);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/tissage-interviews-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TissageInterviewsPage, root_box);
  gtk_widget_class_bind_template_child (widget_class, TissageInterviewsPage, mode_stack);
  gtk_widget_class_bind_template_child (widget_class, TissageInterviewsPage, interviews_button);
  gtk_widget_class_bind_template_child (widget_class, TissageInterviewsPage, grids_button);
  gtk_widget_class_bind_template_child (widget_class, TissageInterviewsPage, verbatims_button);
  gtk_widget_class_bind_template_child (widget_class, TissageInterviewsPage, grid_list_view);
  gtk_widget_class_bind_template_child (widget_class, TissageInterviewsPage, grid_editor);
  gtk_widget_class_bind_template_child (widget_class, TissageInterviewsPage, verbatim_browser);
  gtk_widget_class_bind_template_child (widget_class, TissageInterviewsPage, flap);
  gtk_widget_class_bind_template_child (widget_class, TissageInterviewsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TissageInterviewsPage, filters_grid);
  gtk_widget_class_bind_template_child (widget_class, TissageInterviewsPage, grid_filter);
  gtk_widget_class_bind_template_child (widget_class, TissageInterviewsPage, status_filter);
  gtk_widget_class_bind_template_child (widget_class, TissageInterviewsPage, structure_filter);
  gtk_widget_class_bind_template_child (widget_class, TissageInterviewsPage, category_filter);
  gtk_widget_class_bind_template_child (widget_class, TissageInterviewsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, TissageInterviewsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, TissageInterviewsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, TissageInterviewsPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, TissageInterviewsPage, editor);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_mode_toggled);

  gtk_widget_class_install_action (widget_class, "interviews.add-grid", NULL, add_grid_activated);
  gtk_widget_class_install_action (widget_class, "interviews.duplicate-grid", NULL, duplicate_grid_activated);
  gtk_widget_class_install_action (widget_class, "interviews.delete-grid", NULL, delete_grid_activated);
  gtk_widget_class_install_action (widget_class, "interviews.export-xlsform", NULL, export_xlsform_activated);
  gtk_widget_class_install_action (widget_class, "interviews.export-xlsform-to", "s", export_xlsform_to_activated);
  gtk_widget_class_install_action (widget_class, "interviews.export-qdpx", NULL, export_qdpx_activated);
  gtk_widget_class_install_action (widget_class, "interviews.export-qdpx-to", "s", export_qdpx_to_activated);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "interviewspage");
}

static void
tissage_interviews_page_init (TissageInterviewsPage *self)
{
  g_autoptr(GtkStringList) statuses = gtk_string_list_new ((const char * const[]) { _("All statuses"), NULL });
  GtkListItemFactory *factory;
  GtkCustomSorter *sorter;

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->verbatim_browser, "open-interview", G_CALLBACK (on_open_interview), self,
                           G_CONNECT_SWAPPED);

  self->bound_items = g_ptr_array_new ();
  self->scroll_target = G_MAXUINT;
  self->refresh_interviews = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->grid_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->structure_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->category_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->grid_names = gtk_string_list_new (NULL);
  self->structure_names = gtk_string_list_new (NULL);
  self->category_names = gtk_string_list_new (NULL);
  for (guint i = 0; i < TISSAGE_N_STATUSES; i++)
    gtk_string_list_append (statuses, tissage_interview_status_to_label (i));
  gtk_drop_down_set_model (self->status_filter, G_LIST_MODEL (statuses));
  gtk_drop_down_set_model (self->grid_filter, G_LIST_MODEL (self->grid_names));
  gtk_drop_down_set_model (self->structure_filter, G_LIST_MODEL (self->structure_names));
  gtk_drop_down_set_model (self->category_filter, G_LIST_MODEL (self->category_names));
  tissage_drop_down_set_ellipsized (self->grid_filter, 12);
  tissage_drop_down_set_ellipsized (self->status_filter, 12);
  tissage_drop_down_set_ellipsized (self->structure_filter, 12);
  tissage_drop_down_set_ellipsized (self->category_filter, 12);

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, GTK_FILTER (g_object_ref (self->filter)));
  sorter = gtk_custom_sorter_new (compare_interviews, NULL, NULL);
  self->sort_model = gtk_sort_list_model_new (G_LIST_MODEL (self->filter_model), GTK_SORTER (sorter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->sort_model));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item", G_CALLBACK (on_selection_changed), self);
  g_signal_connect_swapped (self->filter_model, "items-changed", G_CALLBACK (on_items_changed), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  /* Once scrolled, where the list is tells which rows are on screen. */
  if (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view)) != NULL)
    g_signal_connect_object (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view)), "value-changed",
                             G_CALLBACK (on_list_scrolled), self, G_CONNECT_SWAPPED);

  self->grid_selection = gtk_single_selection_new (NULL);
  g_signal_connect_swapped (self->grid_selection, "notify::selected-item",
                            G_CALLBACK (on_grid_selection_changed), self);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_grid_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_grid_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_grid_row), self);
  gtk_list_view_set_factory (self->grid_list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->grid_list_view, GTK_SELECTION_MODEL (self->grid_selection));

  rebuild_filters (self);
  update_empty_state (self);
  update_grid_actions (self);
}

/* Public API */

static void
apply_document (TissageInterviewsPage *self,
                TissageDocument       *document)
{
  if (self->document == document)
    return;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);

  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  tissage_interview_editor_set_document (self->editor, document);
  tissage_grid_editor_set_document (self->grid_editor, document);
  tissage_verbatim_browser_set_document (self->verbatim_browser, document);
  gtk_single_selection_set_model (self->grid_selection,
                                  document ? tissage_document_get_records (document, TISSAGE_TYPE_GRID) : NULL);
  g_set_object (&self->document, document);
  g_clear_pointer (&self->found, g_hash_table_unref);

  rebuild_filters (self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_filter_list_model_set_model (self->filter_model,
                                   document ? tissage_document_get_records (document, TISSAGE_TYPE_INTERVIEW) : NULL);

  if (document != NULL)
    g_signal_connect_object (document, "row-changed", G_CALLBACK (on_row_changed), self, G_CONNECT_SWAPPED);

  update_empty_state (self);
  update_grid_actions (self);
}

static void
ensure_document (TissageInterviewsPage *self)
{
  g_autoptr(TissageDocument) document = NULL;

  if (!self->has_pending)
    return;

  self->has_pending = FALSE;
  document = g_steal_pointer (&self->pending);
  apply_document (self, document);
}

void
tissage_interviews_page_set_document (TissageInterviewsPage *self,
                                      TissageDocument       *document)
{
  g_return_if_fail (TISSAGE_IS_INTERVIEWS_PAGE (self));
  g_return_if_fail (!document || TISSAGE_IS_DOCUMENT (document));

  g_set_object (&self->pending, document);
  self->has_pending = TRUE;

  if (document == NULL || gtk_widget_get_mapped (GTK_WIDGET (self)))
    ensure_document (self);
}

static void
tissage_interviews_page_map (GtkWidget *widget)
{
  TissageInterviewsPage *self = TISSAGE_INTERVIEWS_PAGE (widget);

  ensure_document (self);

  GTK_WIDGET_CLASS (tissage_interviews_page_parent_class)->map (widget);
}

TissageInterview *
tissage_interviews_page_get_selected (TissageInterviewsPage *self)
{
  g_return_val_if_fail (TISSAGE_IS_INTERVIEWS_PAGE (self), NULL);

  /* Nothing is selected on a page not shown yet. */
  if (self->has_pending)
    return NULL;

  return gtk_single_selection_get_selected_item (self->selection);
}

gboolean
tissage_interviews_page_select (TissageInterviewsPage *self,
                                TissageInterview      *interview)
{
  GListModel *model;

  g_return_val_if_fail (TISSAGE_IS_INTERVIEWS_PAGE (self), FALSE);

  ensure_document (self);

  model = G_LIST_MODEL (self->sort_model);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TissageInterview) item = g_list_model_get_item (model, i);

      if (item == interview)
        {
          self->scroll_target = i;
          gtk_single_selection_set_selected (self->selection, i);
          gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", i);
          return TRUE;
        }
    }

  return FALSE;
}

GListModel *
tissage_interviews_page_get_shown (TissageInterviewsPage *self)
{
  g_return_val_if_fail (TISSAGE_IS_INTERVIEWS_PAGE (self), NULL);

  ensure_document (self);

  return G_LIST_MODEL (self->sort_model);
}

GtkWidget *
tissage_interviews_page_get_editor (TissageInterviewsPage *self)
{
  g_return_val_if_fail (TISSAGE_IS_INTERVIEWS_PAGE (self), NULL);

  ensure_document (self);

  return GTK_WIDGET (self->editor);
}

void
tissage_interviews_page_add (TissageInterviewsPage *self)
{
  GListModel *grids;
  guint n;
  AdwMessageDialog *dialog;
  GtkWidget *drop_down;
  GtkEventController *key;
  gint64 last_grid_id;
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);

  g_return_if_fail (TISSAGE_IS_INTERVIEWS_PAGE (self));

  ensure_document (self);

  if (self->document == NULL)
    return;

  grids = tissage_document_get_records (self->document, TISSAGE_TYPE_GRID);
  n = g_list_model_get_n_items (grids);
  if (n == 0)
    {
      g_autoptr(GError) error = g_error_new_literal (TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                                                     _("Write an interview guide first: each interview follows one."));
      tissage_widget_report_error (GTK_WIDGET (self), error);
      return;
    }
  if (n == 1)
    {
      g_autoptr(TissageGrid) grid = g_list_model_get_item (grids, 0);

      add_interview (self, grid);
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TissageGrid) grid = g_list_model_get_item (grids, i);

      tissage_string_list_append_name (titles, tissage_grid_get_title (grid));
    }
  drop_down = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (titles)), NULL);
  tissage_drop_down_set_ellipsized (GTK_DROP_DOWN (drop_down), 40);
  /* The guide of the last interview added is the likeliest. */
  last_grid_id = latest_grid_id (self);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TissageGrid) grid = g_list_model_get_item (grids, i);

      if (tissage_record_get_id (TISSAGE_RECORD (grid)) == last_grid_id)
        gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), i);
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                       _("Which Interview Guide?"),
                                                       _("The new interview follows the questions of this guide.")));
  adw_message_dialog_set_extra_child (dialog, drop_down);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "add", _("_Add"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "add");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "grids", drop_down);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_choose_grid_response), self, 0);
  /* The guides have the keyboard: Return adds, as in any dialog, while
   * Space or a click opens the list. */
  key = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_choose_grid_key), drop_down);
  gtk_widget_add_controller (GTK_WIDGET (dialog), key);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
tissage_interviews_page_delete_selected (TissageInterviewsPage *self)
{
  TissageInterview *interview;
  g_autoptr(GPtrArray) answers = NULL;
  g_autofree char *who = NULL;
  g_autofree char *heading = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  guint n_verbatims = 0;

  g_return_if_fail (TISSAGE_IS_INTERVIEWS_PAGE (self));

  ensure_document (self);

  interview = tissage_interviews_page_get_selected (self);
  if (interview == NULL || self->document == NULL)
    return;

  answers = tissage_document_list_answers (self->document, interview);
  for (guint i = 0; i < answers->len; i++)
    {
      g_autoptr(GPtrArray) verbatims = tissage_document_list_answer_verbatims (self->document,
                                                                              g_ptr_array_index (answers, i));
      n_verbatims += verbatims->len;
    }

  who = tissage_document_dup_interviewee (self->document, interview, FALSE);
  heading = g_strdup_printf (_("Delete the Interview with “%s”?"), who);
  if (answers->len > 0)
    {
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE,
                                                 "Its %u answer will be deleted too.",
                                                 "Its %u answers will be deleted too.",
                                                 answers->len), answers->len);
      g_string_append_c (body, ' ');
    }
  if (n_verbatims > 0)
    {
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE,
                                                 "So will the %u verbatim marked in them.",
                                                 "So will the %u verbatims marked in them.",
                                                 n_verbatims), n_verbatims);
      g_string_append_c (body, ' ');
    }
  g_string_append (body, _("You can undo this with Ctrl+Z."));

  confirm_delete (self, heading, body->str, interview, G_CALLBACK (on_delete_response));
}

void
tissage_interviews_page_focus_search (TissageInterviewsPage *self)
{
  g_return_if_fail (TISSAGE_IS_INTERVIEWS_PAGE (self));

  ensure_document (self);

  adw_flap_set_reveal_flap (self->flap, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * tissage_interviews_page_show_mode:
 * @name: "interviews", "grids" or "verbatims"
 */
void
tissage_interviews_page_show_mode (TissageInterviewsPage *self,
                                   const char            *name)
{
  g_return_if_fail (TISSAGE_IS_INTERVIEWS_PAGE (self));

  ensure_document (self);

  if (g_strcmp0 (name, "grids") == 0)
    gtk_toggle_button_set_active (self->grids_button, TRUE);
  else if (g_strcmp0 (name, "verbatims") == 0)
    gtk_toggle_button_set_active (self->verbatims_button, TRUE);
  else
    gtk_toggle_button_set_active (self->interviews_button, TRUE);
}

TissageGrid *
tissage_interviews_page_get_selected_grid (TissageInterviewsPage *self)
{
  g_return_val_if_fail (TISSAGE_IS_INTERVIEWS_PAGE (self), NULL);

  ensure_document (self);

  return selected_grid (self);
}

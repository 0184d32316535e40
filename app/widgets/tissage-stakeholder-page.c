/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-stakeholders"

#include "config.h"

#include <glib/gi18n.h>

#include "tissage-actions-view.h"
#include "tissage-cooperation-view.h"
#include "tissage-link-editor.h"
#include "tissage-list-row.h"
#include "tissage-map-widget.h"
#include "tissage-stakeholder-editor.h"
#include "tissage-stakeholder-page.h"
#include "tissage-utils.h"
#include "tissage-widget-utils.h"

struct _TissageStakeholderPage
{
  GtkWidget           parent_instance;

  AdwFlap            *flap;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *category_filter;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  GtkLabel           *count_label;
  GtkStack           *detail_stack;
  /* Built when first shown: most openings select nothing. */
  TissageStakeholderEditor *editor;
  TissageLinkEditor  *link_editor;
  GtkStack           *content_stack;
  TissageActionsView *actions_view;
  TissageCooperationView *cooperation_view;
  TissageMapWidget   *map;
  GtkToggleButton    *rings_button;
  GtkToggleButton    *grid_button;
  GtkToggleButton    *free_button;
  GtkWidget          *arrange_button;
  GtkToggleButton    *link_mode_button;
  GtkDropDown        *structure_filter;

  TissageDocument    *document;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filter_model;
  GtkSortListModel   *sort_model;
  GtkSingleSelection *selection;
  GtkStringList      *category_names;
  GArray             *category_ids;
  GtkStringList      *structure_names;
  GArray             *structure_ids;
  char               *search_text;
  gint64              map_structure_filter;
  gboolean            showing_matches;
  GSettings          *settings;
};

enum {
  PROP_0,
  PROP_SELECTED,
  PROP_SELECTED_LINK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (TissageStakeholderPage, tissage_stakeholder_page, GTK_TYPE_WIDGET)

static TissageCategory *
category_of (TissageStakeholderPage *self,
             TissageStakeholder     *stakeholder)
{
  gint64 id = tissage_stakeholder_get_category_id (stakeholder);

  if (self->document == NULL || id == 0)
    return NULL;

  return tissage_document_lookup (self->document, TISSAGE_TYPE_CATEGORY, id);
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  TissageStakeholderPage *self = user_data;
  TissageStakeholder *stakeholder = item;
  guint selected = gtk_drop_down_get_selected (self->category_filter);

  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && selected < self->category_ids->len + 1)
    {
      gint64 wanted = g_array_index (self->category_ids, gint64, selected - 1);

      if (tissage_stakeholder_get_category_id (stakeholder) != wanted)
        return FALSE;
    }

  /* A structure shows itself and who is attached to it, as on the map. */
  selected = self->structure_filter ? gtk_drop_down_get_selected (self->structure_filter) : 0;
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && selected <= self->structure_ids->len &&
      tissage_stakeholder_get_structure_id (stakeholder) != g_array_index (self->structure_ids, gint64, selected - 1))
    return FALSE;

  if (self->search_text != NULL && *self->search_text != '\0')
    {
      TissageCategory *category = category_of (self, stakeholder);

      return tissage_search_matches (self->search_text, tissage_stakeholder_get_name (stakeholder)) ||
             (category != NULL && tissage_search_matches (self->search_text, tissage_category_get_name (category)));
    }

  return TRUE;
}

static void
update_empty_state (TissageStakeholderPage *self)
{
  guint total = self->document ? g_list_model_get_n_items (tissage_document_get_stakeholders (self->document)) : 0;
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  g_autofree char *count = NULL;

  if (total == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "empty");
  else if (shown == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "no-match");
  else
    gtk_stack_set_visible_child_name (self->list_stack, "list");

  if (shown == total)
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u stakeholder", "%u stakeholders", total), total);
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u stakeholder", "%u of %u stakeholders", total),
                             shown, total);
  gtk_label_set_text (self->count_label, count);
}

static void
rebuild_category_filter (TissageStakeholderPage *self)
{
  GListModel *categories;
  guint selected = gtk_drop_down_get_selected (self->category_filter);
  gint64 selected_id = 0;
  guint n;

  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && selected <= self->category_ids->len)
    selected_id = g_array_index (self->category_ids, gint64, selected - 1);

  g_array_set_size (self->category_ids, 0);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->category_names));
  gtk_string_list_splice (self->category_names, 0, n, (const char * const[]) { _("All categories"), NULL });

  if (self->document == NULL)
    return;

  selected = 0;
  categories = tissage_document_get_categories (self->document);
  for (guint i = 0; i < g_list_model_get_n_items (categories); i++)
    {
      g_autoptr(TissageCategory) category = g_list_model_get_item (categories, i);
      gint64 id = tissage_record_get_id (TISSAGE_RECORD (category));

      tissage_string_list_append_name (self->category_names, tissage_category_get_name (category));
      g_array_append_val (self->category_ids, id);
      if (id == selected_id)
        selected = i + 1;
    }

  gtk_drop_down_set_selected (self->category_filter, selected);
}

static void
rebuild_structure_filter (TissageStakeholderPage *self)
{
  GListModel *structures;
  guint selected = gtk_drop_down_get_selected (self->structure_filter);
  gint64 selected_id = 0;

  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && selected <= self->structure_ids->len)
    selected_id = g_array_index (self->structure_ids, gint64, selected - 1);

  g_array_set_size (self->structure_ids, 0);
  gtk_string_list_splice (self->structure_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->structure_names)),
                          (const char * const[]) { _("All structures"), NULL });

  selected = 0;
  structures = self->document ? tissage_document_get_structures (self->document) : NULL;
  for (guint i = 0; structures != NULL && i < g_list_model_get_n_items (structures); i++)
    {
      g_autoptr(TissageStructure) structure = g_list_model_get_item (structures, i);
      gint64 id = tissage_record_get_id (TISSAGE_RECORD (structure));

      tissage_string_list_append_name (self->structure_names, tissage_structure_get_name (structure));
      g_array_append_val (self->structure_ids, id);
      if (id == selected_id)
        selected = i + 1;
    }

  gtk_drop_down_set_selected (self->structure_filter, selected);
}

/* The map shows what the list shows: same category, search highlighted. */
static void
update_map_filters (TissageStakeholderPage *self)
{
  TissageMapView *view = tissage_map_widget_get_view (self->map);
  guint category = gtk_drop_down_get_selected (self->category_filter);
  guint structure = gtk_drop_down_get_selected (self->structure_filter);
  gint64 shown_category = 0;

  if (category != GTK_INVALID_LIST_POSITION && category > 0 && category <= self->category_ids->len)
    shown_category = g_array_index (self->category_ids, gint64, category - 1);

  /* Only what changes: each change makes the map lay itself out again. */
  for (guint i = 0; i < self->category_ids->len; i++)
    {
      gint64 id = g_array_index (self->category_ids, gint64, i);
      gboolean hidden = shown_category != 0 && id != shown_category;

      if (tissage_map_view_get_category_hidden (view, id) != hidden)
        tissage_map_view_set_category_hidden (view, id, hidden);
    }

  {
    gint64 wanted = 0;

    if (structure != GTK_INVALID_LIST_POSITION && structure > 0 && structure <= self->structure_ids->len)
      wanted = g_array_index (self->structure_ids, gint64, structure - 1);
    if (wanted != self->map_structure_filter)
      {
        self->map_structure_filter = wanted;
        tissage_map_view_set_structure_filter (view, wanted);
      }
  }

  if (self->search_text != NULL && *self->search_text != '\0')
    {
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      GListModel *matches = G_LIST_MODEL (self->filter_model);

      for (guint i = 0; i < g_list_model_get_n_items (matches); i++)
        {
          g_autoptr(TissageRecord) record = g_list_model_get_item (matches, i);
          gint64 id = tissage_record_get_id (record);

          g_array_append_val (ids, id);
        }
      tissage_map_widget_set_highlight (self->map, ids);
    }
  else
    tissage_map_widget_set_highlight (self->map, NULL);

  gtk_widget_queue_draw (GTK_WIDGET (self->map));
}

/* After a search or a filter the user changed: the map pans and zooms to
 * what the list shows; with neither, to the whole map. */
static void
show_matches (TissageStakeholderPage *self)
{
  GListModel *matches = G_LIST_MODEL (self->filter_model);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean searching = self->search_text != NULL && *self->search_text != '\0';
  guint category = gtk_drop_down_get_selected (self->category_filter);
  guint structure = gtk_drop_down_get_selected (self->structure_filter);

  if (!searching && (category == 0 || category == GTK_INVALID_LIST_POSITION) &&
      (structure == 0 || structure == GTK_INVALID_LIST_POSITION))
    {
      /* Back from a search or a filter, not on every rebuilt drop-down */
      if (self->showing_matches)
        tissage_map_widget_fit (self->map);
      self->showing_matches = FALSE;
      return;
    }
  self->showing_matches = TRUE;

  for (guint i = 0; i < g_list_model_get_n_items (matches); i++)
    {
      g_autoptr(TissageRecord) record = g_list_model_get_item (matches, i);
      gint64 id = tissage_record_get_id (record);

      g_array_append_val (ids, id);
    }
  if (tissage_map_view_show_nodes (tissage_map_widget_get_view (self->map), (const gint64 *) ids->data, ids->len))
    gtk_widget_queue_draw (GTK_WIDGET (self->map));
}

static void on_show_link (TissageStakeholderPage *self,
                          TissageLink            *link);
static void on_show_stakeholder (TissageStakeholderPage *self,
                                 TissageStakeholder     *stakeholder);

/* The editors of the detail pane, built the first time they are needed. */
static TissageStakeholderEditor *
ensure_editor (TissageStakeholderPage *self)
{
  if (self->editor == NULL)
    {
      self->editor = g_object_new (TISSAGE_TYPE_STAKEHOLDER_EDITOR, NULL);
      g_signal_connect_object (self->editor, "show-link", G_CALLBACK (on_show_link), self, G_CONNECT_SWAPPED);
      tissage_stakeholder_editor_set_document (self->editor, self->document);
      gtk_stack_add_named (self->detail_stack, GTK_WIDGET (self->editor), "editor");
    }

  return self->editor;
}

static TissageLinkEditor *
ensure_link_editor (TissageStakeholderPage *self)
{
  if (self->link_editor == NULL)
    {
      self->link_editor = g_object_new (TISSAGE_TYPE_LINK_EDITOR, NULL);
      g_signal_connect_object (self->link_editor, "show-stakeholder", G_CALLBACK (on_show_stakeholder), self,
                               G_CONNECT_SWAPPED);
      tissage_link_editor_set_document (self->link_editor, self->document);
      gtk_stack_add_named (self->detail_stack, GTK_WIDGET (self->link_editor), "link");
    }

  return self->link_editor;
}

static void
show_detail (TissageStakeholderPage *self)
{
  TissageStakeholder *stakeholder = tissage_stakeholder_page_get_selected (self);
  TissageLink *link = tissage_map_widget_get_selected_link (self->map);

  if (stakeholder != NULL || self->editor != NULL)
    tissage_stakeholder_editor_set_stakeholder (ensure_editor (self), stakeholder);
  if (link != NULL || self->link_editor != NULL)
    tissage_link_editor_set_link (ensure_link_editor (self), link);

  if (stakeholder != NULL)
    gtk_stack_set_visible_child_name (self->detail_stack, "editor");
  else if (link != NULL)
    gtk_stack_set_visible_child_name (self->detail_stack, "link");
  else
    gtk_stack_set_visible_child_name (self->detail_stack, "none");
}

/* Rows */

/* One widget a row, drawn: the list binds a couple of hundred of them. */
static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  GtkWidget *row = tissage_list_row_new ();
  GtkWidget *member = gtk_image_new_from_icon_name ("starred-symbolic");

  gtk_widget_add_css_class (row, "stakeholder-row");
  tissage_list_row_set_max_width_chars (TISSAGE_LIST_ROW (row), 28);

  gtk_accessible_update_property (GTK_ACCESSIBLE (member),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Member structure of the collective"),
                                  -1);
  gtk_widget_add_css_class (member, "dim-label");
  tissage_list_row_set_end (TISSAGE_LIST_ROW (row), member);

  g_object_set_data (G_OBJECT (row), "member", member);
  gtk_list_item_set_child (item, row);
}

static void
refresh_row (GtkListItem *item)
{
  TissageListRow *row = TISSAGE_LIST_ROW (gtk_list_item_get_child (item));
  TissageStakeholder *stakeholder = gtk_list_item_get_item (item);
  TissageStakeholderPage *self = g_object_get_data (G_OBJECT (item), "page");
  TissageCategory *category;
  g_autofree char *detail = NULL;
  g_autofree char *category_name = NULL;
  g_autofree char *name = NULL;
  const char *proximity;
  GdkRGBA rgba;

  if (stakeholder == NULL || self == NULL)
    return;

  category = category_of (self, stakeholder);
  proximity = tissage_proximity_to_label (tissage_stakeholder_get_proximity (stakeholder));
  category_name = tissage_text_shorten (category != NULL ? tissage_category_get_name (category) : _("No category"),
                                        TISSAGE_NAME_MAX_CHARS);
  detail = g_strdup_printf ("%s · %s", category_name, proximity);
  name = tissage_text_shorten (tissage_stakeholder_get_name (stakeholder), TISSAGE_NAME_MAX_CHARS);

  tissage_list_row_set_title (row, name);
  tissage_list_row_set_subtitle (row, detail);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "member"),
                          tissage_stakeholder_get_is_member (stakeholder));

  if (category == NULL || tissage_category_get_color (category) == NULL ||
      !gdk_rgba_parse (&rgba, tissage_category_get_color (category)))
    gdk_rgba_parse (&rgba, "#9a9996");
  tissage_list_row_set_dot (row, &rgba);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          TissageStakeholderPage   *self)
{
  TissageStakeholder *stakeholder = gtk_list_item_get_item (item);
  gulong id;

  g_object_set_data (G_OBJECT (item), "page", self);
  id = g_signal_connect_swapped (stakeholder, "notify", G_CALLBACK (refresh_row), item);
  g_object_set_data (G_OBJECT (item), "notify-id", GSIZE_TO_POINTER (id));
  refresh_row (item);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            TissageStakeholderPage   *self)
{
  TissageStakeholder *stakeholder = gtk_list_item_get_item (item);
  gulong id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (item), "notify-id"));

  if (stakeholder != NULL && id != 0)
    g_signal_handler_disconnect (stakeholder, id);
  g_object_set_data (G_OBJECT (item), "notify-id", NULL);
}

/* Callbacks */

static void
on_search_changed (TissageStakeholderPage *self)
{
  g_free (self->search_text);
  self->search_text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_map_filters (self);
  show_matches (self);
}

static void
on_category_filter_changed (TissageStakeholderPage *self)
{
  if (self->filter == NULL)
    return;

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_map_filters (self);
  show_matches (self);
}

static void
on_structure_filter_changed (TissageStakeholderPage *self)
{
  if (self->structure_ids == NULL || self->filter == NULL)
    return;

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_map_filters (self);
  show_matches (self);
}

static void
on_stop_search (TissageStakeholderPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* The list and the map share one selection. */
static void
on_selection_changed (TissageStakeholderPage *self)
{
  TissageStakeholder *stakeholder = gtk_single_selection_get_selected_item (self->selection);

  /* On a narrow window the list covers the map: it steps aside once used. */
  if (stakeholder != NULL && adw_flap_get_folded (self->flap) &&
      gtk_widget_get_focus_child (GTK_WIDGET (self->list_view)) != NULL)
    adw_flap_set_reveal_flap (self->flap, FALSE);

  if (stakeholder != NULL || tissage_map_widget_get_selected_link (self->map) == NULL)
    tissage_map_widget_select (self->map, stakeholder);
  show_detail (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

static void
on_map_selected (TissageStakeholderPage *self)
{
  TissageStakeholder *stakeholder = tissage_map_widget_get_selected (self->map);

  if (stakeholder != gtk_single_selection_get_selected_item (self->selection))
    {
      if (stakeholder == NULL || !tissage_stakeholder_page_select (self, stakeholder))
        gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
    }
  show_detail (self);
}

static void
on_map_selected_link (TissageStakeholderPage *self)
{
  if (tissage_map_widget_get_selected_link (self->map) != NULL)
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  show_detail (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_LINK]);
}

static void
on_node_activated (TissageStakeholderPage *self,
                   TissageStakeholder     *stakeholder)
{
  tissage_stakeholder_page_select (self, stakeholder);
  tissage_stakeholder_editor_focus_name (ensure_editor (self));
}

static void
on_show_stakeholder (TissageStakeholderPage *self,
                     TissageStakeholder     *stakeholder)
{
  tissage_map_widget_select (self->map, stakeholder);
  tissage_stakeholder_page_select (self, stakeholder);
}

static void
on_show_link (TissageStakeholderPage *self,
              TissageLink            *link)
{
  tissage_map_widget_select_link (self->map, link);
}

static void
on_layout_toggled (TissageStakeholderPage *self,
                   GtkToggleButton        *button)
{
  TissageMapLayoutKind layout;
  const char *name;

  if (!gtk_toggle_button_get_active (button))
    return;

  if (button == self->grid_button)
    layout = TISSAGE_MAP_LAYOUT_GRID, name = "grid";
  else if (button == self->free_button)
    layout = TISSAGE_MAP_LAYOUT_FREE, name = "free";
  else
    layout = TISSAGE_MAP_LAYOUT_RINGS, name = "rings";

  tissage_map_widget_set_layout (self->map, layout);
  gtk_widget_set_visible (self->arrange_button, layout == TISSAGE_MAP_LAYOUT_FREE);
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "map-layout", name);
}

static void
on_map_layout_changed (TissageStakeholderPage *self)
{
  switch (tissage_map_widget_get_layout (self->map))
    {
    case TISSAGE_MAP_LAYOUT_GRID:
      gtk_toggle_button_set_active (self->grid_button, TRUE);
      break;
    case TISSAGE_MAP_LAYOUT_FREE:
      gtk_toggle_button_set_active (self->free_button, TRUE);
      break;
    case TISSAGE_MAP_LAYOUT_RINGS:
    default:
      gtk_toggle_button_set_active (self->rings_button, TRUE);
      break;
    }
}

static void
on_link_mode_toggled (TissageStakeholderPage *self)
{
  tissage_map_widget_set_link_mode (self->map, gtk_toggle_button_get_active (self->link_mode_button));
}

static void
on_items_changed (TissageStakeholderPage *self)
{
  update_empty_state (self);
}

static void
on_row_changed (TissageStakeholderPage *self,
                const char             *table,
                gint64                  id)
{
  if (g_str_equal (table, "categories"))
    {
      rebuild_category_filter (self);
      gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
      update_map_filters (self);
    }
  else if (g_str_equal (table, "structures"))
    {
      rebuild_structure_filter (self);
      update_map_filters (self);
    }
  else if (g_str_equal (table, "links"))
    show_detail (self);
  else if (g_str_equal (table, "stakeholders"))
    {
      /* A renamed stakeholder moves to its place in the list. */
      gtk_sorter_changed (gtk_sort_list_model_get_sorter (self->sort_model), GTK_SORTER_CHANGE_DIFFERENT);
    }
}

static void
on_delete_response (AdwMessageDialog       *dialog,
                    const char             *response,
                    TissageStakeholderPage *self)
{
  TissageStakeholder *stakeholder = g_object_get_data (G_OBJECT (dialog), "stakeholder");
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "delete") || self->document == NULL)
    return;

  name = tissage_text_shorten (tissage_stakeholder_get_name (stakeholder), TISSAGE_NAME_MAX_CHARS);
  if (!tissage_document_delete (self->document, stakeholder, &error))
    {
      tissage_widget_report_error (GTK_WIDGET (self), error);
      return;
    }

  title = g_strdup_printf (_("“%s” deleted"), name);
  tissage_widget_add_undo_toast (GTK_WIDGET (self), title);
}

/* GObject */

static void
tissage_stakeholder_page_dispose (GObject *object)
{
  TissageStakeholderPage *self = TISSAGE_STAKEHOLDER_PAGE (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);

  gtk_widget_dispose_template (GTK_WIDGET (self), TISSAGE_TYPE_STAKEHOLDER_PAGE);
  /* Children of the detail stack, gone with it. */
  self->editor = NULL;
  self->link_editor = NULL;

  g_clear_object (&self->selection);
  g_clear_object (&self->filter);
  g_clear_object (&self->category_names);
  g_clear_pointer (&self->category_ids, g_array_unref);
  g_clear_object (&self->structure_names);
  g_clear_pointer (&self->structure_ids, g_array_unref);
  g_clear_pointer (&self->search_text, g_free);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (tissage_stakeholder_page_parent_class)->dispose (object);
}

static void
tissage_stakeholder_page_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  TissageStakeholderPage *self = TISSAGE_STAKEHOLDER_PAGE (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      g_value_set_object (value, tissage_stakeholder_page_get_selected (self));
      break;
    case PROP_SELECTED_LINK:
      g_value_set_object (value, tissage_stakeholder_page_get_selected_link (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tissage_stakeholder_page_class_init (TissageStakeholderPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tissage_stakeholder_page_dispose;
  object_class->get_property = tissage_stakeholder_page_get_property;

  properties[PROP_SELECTED] =
    g_param_spec_object ("selected", NULL, NULL, TISSAGE_TYPE_STAKEHOLDER,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_LINK] =
    g_param_spec_object ("selected-link", NULL, NULL, TISSAGE_TYPE_LINK,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TISSAGE_TYPE_STAKEHOLDER_EDITOR);
  g_type_ensure (TISSAGE_TYPE_LINK_EDITOR);
  g_type_ensure (TISSAGE_TYPE_ACTIONS_VIEW);
  g_type_ensure (TISSAGE_TYPE_COOPERATION_VIEW);
  g_type_ensure (TISSAGE_TYPE_MAP_WIDGET);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/tissage-stakeholder-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TissageStakeholderPage, flap);
  gtk_widget_class_bind_template_child (widget_class, TissageStakeholderPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TissageStakeholderPage, category_filter);
  gtk_widget_class_bind_template_child (widget_class, TissageStakeholderPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, TissageStakeholderPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, TissageStakeholderPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, TissageStakeholderPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, TissageStakeholderPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, TissageStakeholderPage, actions_view);
  gtk_widget_class_bind_template_child (widget_class, TissageStakeholderPage, cooperation_view);
  gtk_widget_class_bind_template_child (widget_class, TissageStakeholderPage, map);
  gtk_widget_class_bind_template_child (widget_class, TissageStakeholderPage, rings_button);
  gtk_widget_class_bind_template_child (widget_class, TissageStakeholderPage, grid_button);
  gtk_widget_class_bind_template_child (widget_class, TissageStakeholderPage, free_button);
  gtk_widget_class_bind_template_child (widget_class, TissageStakeholderPage, arrange_button);
  gtk_widget_class_bind_template_child (widget_class, TissageStakeholderPage, link_mode_button);
  gtk_widget_class_bind_template_child (widget_class, TissageStakeholderPage, structure_filter);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_category_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_structure_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_layout_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_link_mode_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_node_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "win.delete-selection", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "win.delete-selection", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "stakeholderpage");
}

static void
tissage_stakeholder_page_init (TissageStakeholderPage *self)
{
  GtkListItemFactory *factory;
  GtkExpression *expression;
  GtkStringSorter *sorter;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->category_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->category_names = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->category_filter, G_LIST_MODEL (self->category_names));
  self->structure_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->structure_names = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->structure_filter, G_LIST_MODEL (self->structure_names));
  tissage_drop_down_set_ellipsized (self->category_filter, 30);
  tissage_drop_down_set_ellipsized (self->structure_filter, 30);

  g_signal_connect_swapped (self->map, "notify::selected", G_CALLBACK (on_map_selected), self);
  g_signal_connect_swapped (self->map, "notify::selected-link", G_CALLBACK (on_map_selected_link), self);
  g_signal_connect_swapped (self->map, "notify::layout", G_CALLBACK (on_map_layout_changed), self);

  /* map.show-legend: the toggle on the map, and tests */
  {
    g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
    g_autoptr(GPropertyAction) legend = g_property_action_new ("show-legend", self->map, "show-legend");

    g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (legend));
    gtk_widget_insert_action_group (GTK_WIDGET (self), "map", G_ACTION_GROUP (group));
  }

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, GTK_FILTER (g_object_ref (self->filter)));

  expression = gtk_property_expression_new (TISSAGE_TYPE_STAKEHOLDER, NULL, "name");
  sorter = gtk_string_sorter_new (expression);
  gtk_string_sorter_set_ignore_case (sorter, TRUE);
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

  rebuild_category_filter (self);
  rebuild_structure_filter (self);
  update_empty_state (self);

  /* The layout chosen last time; the settings schema may be absent when
   * the page is used outside the application. */
  {
    GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
    g_autoptr(GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;
    g_autofree char *layout = NULL;

    if (schema != NULL)
      {
        self->settings = g_settings_new (APP_ID);
        layout = g_settings_get_string (self->settings, "map-layout");
        g_settings_bind (self->settings, "map-legend", self->map, "show-legend", G_SETTINGS_BIND_DEFAULT);
      }

    if (g_strcmp0 (layout, "grid") == 0)
      gtk_toggle_button_set_active (self->grid_button, TRUE);
    else if (g_strcmp0 (layout, "free") == 0)
      gtk_toggle_button_set_active (self->free_button, TRUE);
    else
      gtk_toggle_button_set_active (self->rings_button, TRUE);
    gtk_widget_set_visible (self->arrange_button, gtk_toggle_button_get_active (self->free_button));
  }
}

void
tissage_stakeholder_page_set_document (TissageStakeholderPage *self,
                                       TissageDocument        *document)
{
  g_return_if_fail (TISSAGE_IS_STAKEHOLDER_PAGE (self));
  g_return_if_fail (!document || TISSAGE_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);

  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_set_object (&self->document, document);
  if (self->editor != NULL)
    tissage_stakeholder_editor_set_document (self->editor, document);
  if (self->link_editor != NULL)
    tissage_link_editor_set_document (self->link_editor, document);
  tissage_actions_view_set_document (self->actions_view, document);
  tissage_cooperation_view_set_document (self->cooperation_view, document);
  tissage_map_widget_set_document (self->map, document);

  rebuild_category_filter (self);
  rebuild_structure_filter (self);
  gtk_filter_list_model_set_model (self->filter_model,
                                   document ? tissage_document_get_stakeholders (document) : NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");

  if (document != NULL)
    g_signal_connect_object (document, "row-changed", G_CALLBACK (on_row_changed),
                             self, G_CONNECT_SWAPPED);

  update_empty_state (self);
  update_map_filters (self);
  show_detail (self);
}

TissageStakeholder *
tissage_stakeholder_page_get_selected (TissageStakeholderPage *self)
{
  g_return_val_if_fail (TISSAGE_IS_STAKEHOLDER_PAGE (self), NULL);

  /* The map holds the selection: it stays when a search hides it in the list. */
  return tissage_map_widget_get_selected (self->map);
}

gboolean
tissage_stakeholder_page_select (TissageStakeholderPage *self,
                                 TissageStakeholder     *stakeholder)
{
  GListModel *model = G_LIST_MODEL (self->sort_model);

  g_return_val_if_fail (TISSAGE_IS_STAKEHOLDER_PAGE (self), FALSE);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TissageStakeholder) item = g_list_model_get_item (model, i);

      if (item == stakeholder)
        {
          if (gtk_single_selection_get_selected (self->selection) == i)
            return TRUE;
          gtk_single_selection_set_selected (self->selection, i);
          gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", i);
          return TRUE;
        }
    }

  return FALSE;
}

void
tissage_stakeholder_page_add (TissageStakeholderPage *self)
{
  g_autoptr(TissageStakeholder) stakeholder = NULL;
  g_autoptr(GError) error = NULL;
  gint64 category_id = 0;
  guint selected;

  g_return_if_fail (TISSAGE_IS_STAKEHOLDER_PAGE (self));

  if (self->document == NULL)
    return;

  /* Adding while a category is shown puts the newcomer in it. */
  selected = gtk_drop_down_get_selected (self->category_filter);
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && selected <= self->category_ids->len)
    category_id = g_array_index (self->category_ids, gint64, selected - 1);
  else if (self->category_ids->len > 0)
    category_id = g_array_index (self->category_ids, gint64, 0);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  on_search_changed (self);

  stakeholder = tissage_document_insert (self->document, TISSAGE_TYPE_STAKEHOLDER, &error,
                                         "name", _("New stakeholder"),
                                         "category-id", category_id,
                                         NULL);
  if (stakeholder == NULL)
    {
      tissage_widget_report_error (GTK_WIDGET (self), error);
      return;
    }

  tissage_stakeholder_page_select (self, stakeholder);
  tissage_stakeholder_editor_focus_name (ensure_editor (self));
}

void
tissage_stakeholder_page_delete_selected (TissageStakeholderPage *self)
{
  TissageStakeholder *stakeholder;
  TissageDependents deps;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *heading = NULL;
  g_autofree char *name = NULL;
  AdwMessageDialog *dialog;

  g_return_if_fail (TISSAGE_IS_STAKEHOLDER_PAGE (self));

  stakeholder = tissage_stakeholder_page_get_selected (self);
  if (stakeholder == NULL || self->document == NULL)
    return;

  tissage_document_count_dependents (self->document, stakeholder, &deps);

  name = tissage_text_shorten (tissage_stakeholder_get_name (stakeholder), TISSAGE_NAME_MAX_CHARS);
  heading = g_strdup_printf (_("Delete “%s”?"), name);
  if (deps.links > 0)
    {
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE,
                                                 "Its %u link with other stakeholders will be deleted too.",
                                                 "Its %u links with other stakeholders will be deleted too.",
                                                 deps.links), deps.links);
      g_string_append_c (body, ' ');
    }
  if (deps.effects > 0)
    {
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE,
                                                 "It will no longer be named in %u expected effect.",
                                                 "It will no longer be named in %u expected effects.",
                                                 deps.effects), deps.effects);
      g_string_append_c (body, ' ');
    }
  if (deps.interviews > 0)
    {
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE,
                                                 "Its %u interview is kept, without its name.",
                                                 "Its %u interviews are kept, without its name.",
                                                 deps.interviews), deps.interviews);
      g_string_append_c (body, ' ');
    }
  g_string_append (body, _("You can undo this with Ctrl+Z."));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                       heading, body->str));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "stakeholder", g_object_ref (stakeholder), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
tissage_stakeholder_page_focus_search (TissageStakeholderPage *self)
{
  g_return_if_fail (TISSAGE_IS_STAKEHOLDER_PAGE (self));

  adw_flap_set_reveal_flap (self->flap, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

GtkWidget *
tissage_stakeholder_page_get_editor (TissageStakeholderPage *self)
{
  g_return_val_if_fail (TISSAGE_IS_STAKEHOLDER_PAGE (self), NULL);

  return GTK_WIDGET (ensure_editor (self));
}

TissageLink *
tissage_stakeholder_page_get_selected_link (TissageStakeholderPage *self)
{
  g_return_val_if_fail (TISSAGE_IS_STAKEHOLDER_PAGE (self), NULL);

  return tissage_map_widget_get_selected_link (self->map);
}

void
tissage_stakeholder_page_delete_selected_link (TissageStakeholderPage *self)
{
  TissageLink *link;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TISSAGE_IS_STAKEHOLDER_PAGE (self));

  link = tissage_map_widget_get_selected_link (self->map);
  if (link == NULL || self->document == NULL)
    return;

  if (!tissage_document_delete (self->document, link, &error))
    {
      tissage_widget_report_error (GTK_WIDGET (self), error);
      return;
    }

  tissage_widget_add_undo_toast (GTK_WIDGET (self), _("Link deleted"));
}

GtkWidget *
tissage_stakeholder_page_get_map (TissageStakeholderPage *self)
{
  g_return_val_if_fail (TISSAGE_IS_STAKEHOLDER_PAGE (self), NULL);

  return GTK_WIDGET (self->map);
}

GtkWidget *
tissage_stakeholder_page_show_pane (TissageStakeholderPage *self,
                                    const char             *name)
{
  g_return_val_if_fail (TISSAGE_IS_STAKEHOLDER_PAGE (self), NULL);

  gtk_stack_set_visible_child_name (self->content_stack, name);
  return gtk_stack_get_visible_child (self->content_stack);
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tissage-link-editor.h"
#include "tissage-map-enums.h"
#include "tissage-map-widget.h"
#include "tissage-members.h"
#include "tissage-stakeholder-editor.h"
#include "tissage-structures-window.h"
#include "tissage-stakeholder-page.h"
#include "tissage-ui-test-utils.h"

static TissageWindow *
open_example (const char              *name,
              TissageStakeholderPage **page,
              TissageMapWidget       **map)
{
  g_autoptr(GFile) file = g_file_new_build_filename (tmp_dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) example = tissage_document_create_example (file, &error);
  TissageWindow *window;

  g_assert_no_error (error);
  g_clear_object (&example);

  window = open_window (file);
  *page = TISSAGE_STAKEHOLDER_PAGE (tissage_window_get_stakeholder_page (window));
  *map = TISSAGE_MAP_WIDGET (tissage_stakeholder_page_get_map (*page));
  wait_frames (5);
  return window;
}

static void
node_centre (TissageMapView *view,
             gint64          id,
             double         *x,
             double         *y)
{
  TissageMapRect rect;

  g_assert_true (tissage_map_view_get_node_rect (view, id, &rect));
  *x = rect.x + rect.width / 2.0;
  *y = rect.y + rect.height / 2.0;
}

/*
 * A new user grabs a stakeholder on the freshly opened map and drags it:
 * pressing selects it, which fills the inspector beside the map. The map
 * must not re-fit itself under the pointer meanwhile, and the node must
 * stay where it was dropped.
 */
static void
test_drag_keeps_scale (void)
{
  TissageStakeholderPage *page;
  TissageMapWidget *map;
  TissageWindow *window = open_example ("glisser.tissage", &page, &map);
  TissageMapView *view = tissage_map_widget_get_view (map);
  GListModel *stakeholders = tissage_document_get_stakeholders (tissage_window_get_document (window));
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageStakeholder) s = NULL;
  TissageMapTransform before, during, after;
  TissageMapDrop drop;
  double x, y, tx, ty, nx, ny;
  gint64 id;

  tissage_map_widget_set_layout (map, TISSAGE_MAP_LAYOUT_FREE);
  wait_frames (5);
  tissage_map_widget_select (map, NULL);
  wait_frames (5);

  s = g_list_model_get_item (stakeholders, 2);
  id = tissage_record_get_id (TISSAGE_RECORD (s));
  tissage_map_view_get_transform (view, &before);
  node_centre (view, id, &x, &y);

  /* What a press on the node does: select it, then grab it; the window
   * is made narrower meanwhile, as a tiling window manager may do */
  tissage_map_widget_select (map, s);
  g_assert_true (tissage_map_view_begin_drag (view, id, x, y));
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 800);
  wait_frames (5);
  tissage_map_view_get_transform (view, &during);
  g_assert_cmpfloat_with_epsilon (during.zoom, before.zoom, 1e-9);
  g_assert_cmpfloat_with_epsilon (during.x, before.x, 1e-9);
  g_assert_cmpfloat_with_epsilon (during.y, before.y, 1e-9);

  /* Towards an empty corner of the map, far from the others */
  tx = gtk_widget_get_width (GTK_WIDGET (map)) - 30.0;
  ty = gtk_widget_get_height (GTK_WIDGET (map)) - 30.0;
  for (int step = 1; step <= 10; step++)
    {
      tissage_map_view_drag_to (view, x + (tx - x) * step / 10.0, y + (ty - y) * step / 10.0);
      gtk_widget_queue_draw (GTK_WIDGET (map));
      wait_frames (1);
    }
  node_centre (view, id, &nx, &ny);
  g_assert_cmpfloat_with_epsilon (nx, tx, 1e-6);
  g_assert_cmpfloat_with_epsilon (ny, ty, 1e-6);

  g_assert_true (tissage_map_view_end_drag (view, &drop));
  g_assert_true (tissage_map_widget_drop_node (map, s, &drop, &error));
  g_assert_no_error (error);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  wait_frames (5);
  save_screenshot (GTK_WIDGET (window), "map-dropped.png");

  /* Dropped outside the old bounds of the map: nothing rescales */
  tissage_map_view_get_transform (view, &after);
  g_assert_cmpfloat_with_epsilon (after.zoom, before.zoom, 1e-9);
  node_centre (view, id, &nx, &ny);
  g_assert_cmpfloat_with_epsilon (nx, tx, 1e-6);
  g_assert_cmpfloat_with_epsilon (ny, ty, 1e-6);

  close_window (window);
}

/* Drawing the same link twice on the map is refused, in French */
static void
test_duplicate_link (void)
{
  TissageStakeholderPage *page;
  TissageMapWidget *map;
  TissageWindow *window = open_example ("doublon.tissage", &page, &map);
  GListModel *stakeholders = tissage_document_get_stakeholders (tissage_window_get_document (window));
  GListModel *links = tissage_document_get_links (tissage_window_get_document (window));
  g_autoptr(TissageStakeholder) a = g_list_model_get_item (stakeholders, 0);
  g_autoptr(TissageStakeholder) b = g_list_model_get_item (stakeholders, 1);
  g_autoptr(TissageLink) link = NULL;
  g_autoptr(TissageLink) again = NULL;
  g_autoptr(GError) error = NULL;
  guint n_links = g_list_model_get_n_items (links);

  link = tissage_map_widget_link_nodes (map, a, b, &error);
  g_assert_no_error (error);
  g_assert_nonnull (link);
  again = tissage_map_widget_link_nodes (map, b, a, &error);
  g_assert_null (again);
  g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE);
  g_assert_true (g_str_has_prefix (error->message, "«\u00a0"));
  g_assert_nonnull (strstr (error->message, "ont déjà un lien «\u00a0coopération\u00a0»\u00a0:"));
  g_assert_cmpuint (g_list_model_get_n_items (links), ==, n_links + 1);
  g_assert_cmpuint (tissage_map_model_get_n_edges (tissage_map_widget_get_model (map)), ==, n_links + 1);

  close_window (window);
}

/* The map as drawn on screen, into an image */
static cairo_surface_t *
render_map (TissageMapWidget *map)
{
  int width = gtk_widget_get_width (GTK_WIDGET (map));
  int height = gtk_widget_get_height (GTK_WIDGET (map));
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);

  tissage_map_view_render (tissage_map_widget_get_view (map), cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* How many pixels differ between two renders inside @rect */
static guint
count_changed (cairo_surface_t *a,
               cairo_surface_t *b,
               int              x0,
               int              y0,
               int              x1,
               int              y1)
{
  int stride = cairo_image_surface_get_stride (a);
  const guint8 *pa = cairo_image_surface_get_data (a), *pb = cairo_image_surface_get_data (b);
  guint changed = 0;

  for (int y = MAX (y0, 0); y < MIN (y1, cairo_image_surface_get_height (a)); y++)
    for (int x = MAX (x0, 0); x < MIN (x1, cairo_image_surface_get_width (a)); x++)
      if (memcmp (pa + y * stride + 4 * x, pb + y * stride + 4 * x, 3) != 0)
        changed++;
  return changed;
}

/* The legend is off at first; the toggle on the map shows it in the
 * bottom left corner and hides it again, and the choice is remembered */
static void
test_legend (void)
{
  TissageStakeholderPage *page;
  TissageMapWidget *map;
  TissageWindow *window = open_example ("legende.tissage", &page, &map);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  cairo_surface_t *with, *without;
  GtkWidget *toggle;
  int height;

  g_assert_false (tissage_map_widget_get_show_legend (map));
  toggle = find_widget (GTK_WIDGET (page), has_action_name, "map.show-legend");
  g_assert_true (GTK_IS_TOGGLE_BUTTON (toggle));
  g_assert_true (gtk_widget_is_drawable (toggle));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)));
  without = render_map (map);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "map.show-legend", NULL));
  wait_frames (3);
  g_assert_true (tissage_map_widget_get_show_legend (map));
  g_assert_true (g_settings_get_boolean (settings, "map-legend"));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)));
  save_screenshot (GTK_WIDGET (window), "map-legend.png");
  tissage_map_widget_fit (map);
  with = render_map (map);

  /* The card is drawn in the corner: most of a 150 × 120 patch changes */
  height = gtk_widget_get_height (GTK_WIDGET (map));
  g_assert_cmpuint (count_changed (with, without, 12, height - 130, 162, height - 10), >, 150 * 120 / 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "map.show-legend", NULL));
  wait_frames (3);
  g_assert_false (tissage_map_widget_get_show_legend (map));
  g_assert_false (g_settings_get_boolean (settings, "map-legend"));

  cairo_surface_destroy (with);
  cairo_surface_destroy (without);
  close_window (window);
}

static gboolean
is_action_row_titled (GtkWidget     *widget,
                      gconstpointer  title)
{
  return ADW_IS_ACTION_ROW (widget) && has_title (widget, title);
}

/* The editor of a stakeholder lists its links by the other end; a row
 * opens the link editor, and a new link appears in the list at once */
static void
test_stakeholder_links (void)
{
  TissageStakeholderPage *page;
  TissageMapWidget *map;
  TissageWindow *window = open_example ("liens.tissage", &page, &map);
  TissageDocument *document = tissage_window_get_document (window);
  GListModel *links = tissage_document_get_links (document);
  g_autoptr(TissageLink) link = g_list_model_get_item (links, 0);
  TissageStakeholder *source = tissage_document_lookup (document, TISSAGE_TYPE_STAKEHOLDER,
                                                        tissage_link_get_source_id (link));
  TissageStakeholder *target = tissage_document_lookup (document, TISSAGE_TYPE_STAKEHOLDER,
                                                        tissage_link_get_target_id (link));
  GtkWidget *editor = tissage_stakeholder_page_get_editor (page);
  g_autoptr(TissageStakeholder) lonely = NULL;
  g_autoptr(TissageLink) added = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *row;

  g_assert_true (tissage_stakeholder_page_select (page, source));
  wait_frames (3);
  row = find_shown_widget (editor, is_action_row_titled, tissage_stakeholder_get_name (target));
  g_assert_nonnull (row);
  subtitle = g_strdup_printf ("%s · intensité %d", tissage_link_kind_label (tissage_link_get_kind (link)),
                              tissage_link_get_strength (link));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, subtitle);
  save_screenshot (GTK_WIDGET (window), "stakeholder-links.png");

  g_signal_emit_by_name (row, "activated");
  wait_frames (3);
  g_assert_true (tissage_stakeholder_page_get_selected_link (page) == link);
  g_assert_true (gtk_widget_is_drawable (find_child_of_type (GTK_WIDGET (page), TISSAGE_TYPE_LINK_EDITOR)));

  /* A stakeholder with no link says how to draw one; a new one is listed */
  lonely = tissage_document_insert (document, TISSAGE_TYPE_STAKEHOLDER, &error, "name", "Épicerie du Pont", NULL);
  g_assert_no_error (error);
  g_assert_true (tissage_stakeholder_page_select (page, lonely));
  wait_frames (3);
  g_assert_nonnull (find_shown_widget (editor, is_action_row_titled, "Aucun lien pour l’instant"));
  added = tissage_map_widget_link_nodes (map, lonely, target, &error);
  g_assert_no_error (error);
  wait_frames (2);
  g_assert_null (find_shown_widget (editor, is_action_row_titled, "Aucun lien pour l’instant"));
  g_assert_nonnull (find_shown_widget (editor, is_action_row_titled, tissage_stakeholder_get_name (target)));

  close_window (window);
}

static gboolean
is_entry_row_holding (GtkWidget     *widget,
                      gconstpointer  text)
{
  return ADW_IS_ENTRY_ROW (widget) && has_text (widget, text);
}

/* The structure and its stakeholder are one thing, from either side: the
 * member switch of a stakeholder attaches it to a structure made for it,
 * and a structure added from the menu shows on the map */
static void
test_member_structure (void)
{
  TissageStakeholderPage *page;
  TissageMapWidget *map;
  TissageWindow *window = open_example ("membres.tissage", &page, &map);
  TissageDocument *document = tissage_window_get_document (window);
  GListModel *structures = tissage_document_get_structures (document);
  TissageMapModel *model = tissage_map_widget_get_model (map);
  GtkWidget *editor = tissage_stakeholder_page_get_editor (page);
  g_autoptr(TissageStakeholder) epicerie = NULL;
  g_autoptr(TissageStructure) added = NULL;
  g_autoptr(GError) error = NULL;
  guint n_structures = g_list_model_get_n_items (structures);
  guint n_nodes = tissage_map_model_get_n_nodes (model);
  GtkWidget *member_switch, *attached, *add;
  GtkWindow *dialog;

  epicerie = tissage_document_insert (document, TISSAGE_TYPE_STAKEHOLDER, &error,
                                      "name", "Épicerie solidaire des Tanneries", NULL);
  g_assert_no_error (error);
  g_assert_true (tissage_stakeholder_page_select (page, epicerie));
  wait_frames (3);

  /* The "Attached to" row says where structures are made */
  attached = find_shown_widget (editor, is_action_row_titled, "Rattachée à");
  g_assert_nonnull (attached);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (attached)),
                            "Menu › Structures membres et catégories"));

  member_switch = find_child_of_type (editor, GTK_TYPE_SWITCH);
  gtk_switch_set_active (GTK_SWITCH (member_switch), TRUE);
  wait_frames (3);
  g_assert_true (tissage_stakeholder_get_is_member (epicerie));
  g_assert_cmpuint (g_list_model_get_n_items (structures), ==, n_structures + 1);
  {
    g_autoptr(TissageStructure) made = g_list_model_get_item (structures, n_structures);

    g_assert_cmpstr (tissage_structure_get_name (made), ==, "Épicerie solidaire des Tanneries");
    g_assert_cmpint (tissage_stakeholder_get_structure_id (epicerie), ==, tissage_record_get_id (TISSAGE_RECORD (made)));
  }
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (attached)), ==, n_structures + 1);
  save_screenshot (GTK_WIDGET (window), "member-switch.png");

  /* Menu › Member Structures and Categories › + */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.manage-structures", NULL));
  wait_frames (5);
  dialog = find_toplevel (TISSAGE_TYPE_STRUCTURES_WINDOW);
  g_assert_nonnull (dialog);
  wait_mapped (GTK_WIDGET (dialog));
  add = find_shown_widget (GTK_WIDGET (dialog), has_icon_name, "list-add-symbolic");
  g_assert_nonnull (add);
  g_signal_emit_by_name (add, "clicked");
  wait_frames (5);
  g_assert_cmpuint (g_list_model_get_n_items (structures), ==, n_structures + 2);
  added = g_list_model_get_item (structures, n_structures + 1);
  g_assert_nonnull (tissage_document_get_structure_stakeholder (document, tissage_record_get_id (TISSAGE_RECORD (added))));
  g_assert_cmpuint (tissage_map_model_get_n_nodes (model), ==, n_nodes + 2);

  /* Its name typed in the window is the name on the map */
  {
    GtkWidget *row = find_shown_widget (GTK_WIDGET (dialog), is_entry_row_holding, "Nouvelle structure");
    TissageStakeholder *stands_for = tissage_document_get_structure_stakeholder (document, tissage_record_get_id (TISSAGE_RECORD (added)));

    g_assert_nonnull (row);
    gtk_widget_grab_focus (row);
    gtk_editable_set_text (GTK_EDITABLE (row), "");
    type_text (GTK_EDITABLE (row), "Garage solidaire");
    wait_frames (2);
    g_assert_cmpstr (tissage_structure_get_name (added), ==, "Garage solidaire");
    g_assert_cmpstr (tissage_stakeholder_get_name (stands_for), ==, "Garage solidaire");
    g_assert_cmpstr (tissage_map_model_lookup_node (model, tissage_record_get_id (TISSAGE_RECORD (stands_for)))->label,
                     ==, "Garage solidaire");
  }

  gtk_window_destroy (dialog);
  close_window (window);
}

static gboolean
on_map (TissageMapWidget   *map,
        TissageStakeholder *stakeholder)
{
  TissageMapRect rect;

  g_assert_true (tissage_map_view_get_node_rect (tissage_map_widget_get_view (map),
                                                 tissage_record_get_id (TISSAGE_RECORD (stakeholder)), &rect));
  return rect.x >= 0.0 && rect.y >= 0.0 &&
         rect.x + rect.width <= gtk_widget_get_width (GTK_WIDGET (map)) &&
         rect.y + rect.height <= gtk_widget_get_height (GTK_WIDGET (map));
}

typedef struct {
  TissageMapWidget   *map;
  GListModel         *stakeholders;  /* all of them, or NULL for @wanted */
  TissageStakeholder *wanted;
} SearchMatch;

static SearchMatch search_match;

static gboolean
all_on_map (gpointer data)
{
  SearchMatch *match = data;

  if (match->stakeholders == NULL)
    return on_map (match->map, match->wanted);
  for (guint i = 0; i < g_list_model_get_n_items (match->stakeholders); i++)
    {
      g_autoptr(TissageStakeholder) s = g_list_model_get_item (match->stakeholders, i);

      if (!on_map (match->map, s))
        return FALSE;
    }
  return TRUE;
}

/* Searching pans and zooms the map to the matches; a cleared search
 * shows the whole map again */
static void
test_search_shows_matches (void)
{
  TissageStakeholderPage *page;
  TissageMapWidget *map;
  TissageWindow *window = open_example ("chercher.tissage", &page, &map);
  GListModel *stakeholders = tissage_document_get_stakeholders (tissage_window_get_document (window));
  TissageMapView *view = tissage_map_widget_get_view (map);
  GtkWidget *search = find_child_of_type (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY);
  g_autoptr(TissageStakeholder) wanted = NULL;
  guint n_hidden = 0;

  tissage_map_widget_set_layout (map, TISSAGE_MAP_LAYOUT_RINGS);
  wait_frames (3);
  /* Zoomed in on the top left corner, as after a close look */
  tissage_map_view_zoom_at (view, 0.0, 0.0, 5.0);
  gtk_widget_queue_draw (GTK_WIDGET (map));
  wait_frames (2);
  for (guint i = 0; i < g_list_model_get_n_items (stakeholders); i++)
    {
      g_autoptr(TissageStakeholder) s = g_list_model_get_item (stakeholders, i);

      if (!on_map (map, s))
        {
          n_hidden++;
          if (wanted == NULL && g_utf8_strlen (tissage_stakeholder_get_name (s), -1) > 12)
            wanted = g_steal_pointer (&s);
        }
    }
  g_assert_nonnull (wanted);

  gtk_widget_grab_focus (search);
  type_text (GTK_EDITABLE (search), tissage_stakeholder_get_name (wanted));
  /* The search entry waits for the typing to pause, then the map pans. */
  search_match.map = map;
  search_match.stakeholders = NULL;
  search_match.wanted = wanted;
  wait_until (all_on_map, &search_match, 5000);
  wait_frames (2);
  g_assert_true (on_map (map, wanted));
  save_screenshot (GTK_WIDGET (map), "map-search.png");

  gtk_editable_set_text (GTK_EDITABLE (search), "");
  search_match.stakeholders = stakeholders;
  search_match.wanted = NULL;
  wait_until (all_on_map, &search_match, 5000);
  wait_frames (2);
  for (guint i = 0; i < g_list_model_get_n_items (stakeholders); i++)
    {
      g_autoptr(TissageStakeholder) s = g_list_model_get_item (stakeholders, i);

      g_assert_true (on_map (map, s));
    }
  g_assert_cmpuint (n_hidden, >, 0);

  close_window (window);
}

/* The layout of the map is a property of its own enum type, which a
 * binding or a GtkBuilder file can name: "rings", "grid", "free". */
static void
test_layout_property (void)
{
  TissageStakeholderPage *page;
  TissageMapWidget *map;
  TissageWindow *window = open_example ("disposition.tissage", &page, &map);
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (map), "layout");
  g_autoptr(GEnumClass) kinds = g_type_class_ref (TISSAGE_TYPE_MAP_LAYOUT_KIND);
  TissageMapLayoutKind layout = TISSAGE_MAP_LAYOUT_RINGS;

  g_assert_nonnull (pspec);
  g_assert_true (G_IS_PARAM_SPEC_ENUM (pspec));
  g_assert_true (G_PARAM_SPEC_VALUE_TYPE (pspec) == TISSAGE_TYPE_MAP_LAYOUT_KIND);
  g_assert_cmpint (g_enum_get_value_by_nick (kinds, "rings")->value, ==, TISSAGE_MAP_LAYOUT_RINGS);
  g_assert_cmpint (g_enum_get_value_by_nick (kinds, "grid")->value, ==, TISSAGE_MAP_LAYOUT_GRID);
  g_assert_cmpint (g_enum_get_value_by_nick (kinds, "free")->value, ==, TISSAGE_MAP_LAYOUT_FREE);

  g_object_set (map, "layout", TISSAGE_MAP_LAYOUT_GRID, NULL);
  wait_frames (2);
  g_assert_cmpint (tissage_map_widget_get_layout (map), ==, TISSAGE_MAP_LAYOUT_GRID);
  g_object_get (map, "layout", &layout, NULL);
  g_assert_cmpint (layout, ==, TISSAGE_MAP_LAYOUT_GRID);

  close_window (window);
}

/* The editors of the detail pane are built when first shown, not with the
 * page; the one built late saves what is typed in it, and the list row
 * follows. */
static void
test_lazy_editors (void)
{
  TissageStakeholderPage *page;
  TissageMapWidget *map;
  TissageWindow *window = open_example ("paresseux.tissage", &page, &map);
  TissageDocument *document = tissage_window_get_document (window);
  g_autoptr(TissageStakeholder) first = g_list_model_get_item (tissage_document_get_stakeholders (document), 0);
  g_autoptr(TissageLink) link = g_list_model_get_item (tissage_document_get_links (document), 0);
  GtkWidget *editor, *name, *row;

  g_assert_null (find_child_of_type (GTK_WIDGET (page), TISSAGE_TYPE_STAKEHOLDER_EDITOR));
  g_assert_null (find_child_of_type (GTK_WIDGET (page), TISSAGE_TYPE_LINK_EDITOR));
  g_assert_nonnull (find_widget (GTK_WIDGET (page), is_list_row_titled, tissage_stakeholder_get_name (first)));

  g_assert_true (tissage_stakeholder_page_select (page, first));
  wait_frames (3);
  editor = find_child_of_type (GTK_WIDGET (page), TISSAGE_TYPE_STAKEHOLDER_EDITOR);
  g_assert_nonnull (editor);
  g_assert_true (gtk_widget_is_drawable (editor));
  g_assert_null (find_child_of_type (GTK_WIDGET (page), TISSAGE_TYPE_LINK_EDITOR));

  name = find_shown_widget (editor, is_entry_row_titled, _("Name"));
  g_assert_nonnull (name);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, tissage_stakeholder_get_name (first));
  retype_field (name, "Épicerie des Pentes");
  leave_field (name);
  wait_frames (3);
  g_assert_cmpstr (tissage_stakeholder_get_name (first), ==, "Épicerie des Pentes");
  row = find_widget (GTK_WIDGET (page), is_list_row_titled, "Épicerie des Pentes");
  g_assert_nonnull (row);

  /* The link editor, when a link is chosen on the map. */
  tissage_map_widget_select_link (map, link);
  wait_frames (3);
  g_assert_true (tissage_stakeholder_page_get_selected_link (page) == link);
  g_assert_nonnull (find_child_of_type (GTK_WIDGET (page), TISSAGE_TYPE_LINK_EDITOR));
  g_assert_true (gtk_widget_is_drawable (find_child_of_type (GTK_WIDGET (page), TISSAGE_TYPE_LINK_EDITOR)));

  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/ui-map/drag-keeps-scale", test_drag_keeps_scale);
  g_test_add_func ("/ui-map/duplicate-link", test_duplicate_link);
  g_test_add_func ("/ui-map/legend", test_legend);
  g_test_add_func ("/ui-map/stakeholder-links", test_stakeholder_links);
  g_test_add_func ("/ui-map/member-structure", test_member_structure);
  g_test_add_func ("/ui-map/search-shows-matches", test_search_shows_matches);
  g_test_add_func ("/ui-map/layout-property", test_layout_property);
  g_test_add_func ("/ui-map/lazy-editors", test_lazy_editors);

  return ui_test_run ();
}

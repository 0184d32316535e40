/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-map"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tissage-map-document.h"
#include "tissage-map-force.h"
#include "tissage-map-enums.h"
#include "tissage-map-widget.h"
#include "tissage-utils.h"
#include "tissage-widget-utils.h"

#define DRAG_THRESHOLD   4.0
#define ZOOM_STEP        1.25
#define SETTLE_MS        250

struct _TissageMapWidget
{
  GtkWidget         parent_instance;

  TissageDocument  *document;
  TissageMapModel  *model;
  TissageMapView   *view;

  /* Pointer */
  double            press_x;
  double            press_y;
  double            last_x;
  double            last_y;
  double            pointer_x;
  double            pointer_y;
  gint64            press_node;
  gboolean          moved;
  gboolean          dragging_node;
  gboolean          linking;
  gboolean          panning;
  gboolean          link_mode;
  gboolean          needs_fit;
  double            pinch_scale;

  guint             settle_id;

  TissageMapForce  *force;
  guint             force_tick_id;
};

enum {
  PROP_0,
  PROP_SELECTED,
  PROP_SELECTED_LINK,
  PROP_LAYOUT,
  PROP_SHOW_LEGEND,
  N_PROPS
};

enum {
  NODE_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TissageMapWidget, tissage_map_widget, GTK_TYPE_WIDGET)

static void finish_arrangement (TissageMapWidget *self);

static TissageStakeholder *
stakeholder_for (TissageMapWidget *self,
                 gint64            id)
{
  if (self->document == NULL || id == 0)
    return NULL;

  return tissage_document_lookup (self->document, TISSAGE_TYPE_STAKEHOLDER, id);
}

static void
set_selection (TissageMapWidget *self,
               gint64            node_id,
               gint64            edge_id)
{
  gint64 old_node = tissage_map_view_get_selected_node (self->view);
  gint64 old_edge = tissage_map_view_get_selected_edge (self->view);

  if (old_node == node_id && old_edge == edge_id)
    return;

  tissage_map_view_set_selection (self->view, node_id, edge_id);
  gtk_widget_queue_draw (GTK_WIDGET (self));

  if (old_node != node_id)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
  if (old_edge != edge_id)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_LINK]);
}

static void
update_accessible_label (TissageMapWidget *self)
{
  TissageStakeholder *selected = tissage_map_widget_get_selected (self);
  g_autofree char *description = NULL;

  if (selected != NULL)
    {
      g_autofree char *name = tissage_text_shorten (tissage_stakeholder_get_name (selected), TISSAGE_NAME_MAX_CHARS);

      description = g_strdup_printf (_("Selected: %s"), name);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Stakeholder map"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description ? description : _("No stakeholder selected"),
                                  -1);
}

static gboolean
settle_cb (gpointer user_data)
{
  TissageMapWidget *self = user_data;

  self->settle_id = 0;
  tissage_map_view_end_zoom (self->view);
  gtk_widget_queue_draw (GTK_WIDGET (self));

  return G_SOURCE_REMOVE;
}

static void
schedule_settle (TissageMapWidget *self)
{
  g_clear_handle_id (&self->settle_id, g_source_remove);
  self->settle_id = g_timeout_add (SETTLE_MS, settle_cb, self);
}

static void
zoom_at (TissageMapWidget *self,
         double            x,
         double            y,
         double            factor)
{
  if (tissage_map_view_get_interaction (self->view) != TISSAGE_MAP_INTERACTION_ZOOM)
    tissage_map_view_begin_zoom (self->view);
  tissage_map_view_zoom_at (self->view, x, y, factor);
  schedule_settle (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_row_changed (TissageMapWidget *self,
                const char       *table,
                gint64            id)
{
  /* A selected row that is gone leaves nothing selected. */
  if (g_str_equal (table, "stakeholders") && id == tissage_map_view_get_selected_node (self->view) &&
      stakeholder_for (self, id) == NULL)
    set_selection (self, 0, 0);
  else if (g_str_equal (table, "links") && id == tissage_map_view_get_selected_edge (self->view) &&
           tissage_document_lookup (self->document, TISSAGE_TYPE_LINK, id) == NULL)
    set_selection (self, 0, 0);

  gtk_widget_queue_draw (GTK_WIDGET (self));
  update_accessible_label (self);
}

/* Pointer */

static void
on_drag_begin (GtkGestureDrag   *gesture,
               double            x,
               double            y,
               TissageMapWidget *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  gint64 node = tissage_map_view_node_at (self->view, x, y);

  gtk_widget_grab_focus (GTK_WIDGET (self));

  self->press_x = self->last_x = x;
  self->press_y = self->last_y = y;
  self->press_node = node;
  self->moved = FALSE;
  self->dragging_node = FALSE;
  self->linking = FALSE;
  self->panning = FALSE;

  if (node != 0)
    {
      set_selection (self, node, 0);
      self->linking = self->link_mode || (state & GDK_SHIFT_MASK) != 0;
    }
  else
    {
      gint64 edge = tissage_map_view_edge_at (self->view, x, y);

      if (edge != 0)
        set_selection (self, 0, edge);
    }
}

static void
on_drag_update (GtkGestureDrag   *gesture,
                double            dx,
                double            dy,
                TissageMapWidget *self)
{
  double x = self->press_x + dx;
  double y = self->press_y + dy;

  if (!self->moved && hypot (dx, dy) < DRAG_THRESHOLD)
    return;

  if (!self->moved)
    {
      self->moved = TRUE;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);

      if (self->press_node != 0 && !self->linking && self->document != NULL &&
          !tissage_document_get_read_only (self->document))
        self->dragging_node = tissage_map_view_begin_drag (self->view, self->press_node,
                                                           self->press_x, self->press_y);
      else if (self->press_node == 0)
        {
          self->panning = TRUE;
          tissage_map_view_begin_pan (self->view);
        }
    }

  if (self->dragging_node)
    tissage_map_view_drag_to (self->view, x, y);
  else if (self->linking)
    tissage_map_view_set_link_preview (self->view, self->press_node, x, y);
  else if (self->panning)
    tissage_map_view_pan_by (self->view, x - self->last_x, y - self->last_y);

  self->last_x = x;
  self->last_y = y;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_drag_end (GtkGestureDrag   *gesture,
             double            dx,
             double            dy,
             TissageMapWidget *self)
{
  g_autoptr(GError) error = NULL;
  double x = self->press_x + dx;
  double y = self->press_y + dy;

  if (self->dragging_node)
    {
      TissageMapDrop drop;
      TissageStakeholder *stakeholder = stakeholder_for (self, self->press_node);

      if (tissage_map_view_end_drag (self->view, &drop) && stakeholder != NULL &&
          !tissage_map_widget_drop_node (self, stakeholder, &drop, &error))
        tissage_widget_report_error (GTK_WIDGET (self), error);
    }
  else if (self->linking)
    {
      gint64 target = self->moved ? tissage_map_view_node_at (self->view, x, y) : 0;

      tissage_map_view_clear_link_preview (self->view);
      if (target != 0 && target != self->press_node)
        {
          g_autoptr(TissageLink) link =
            tissage_map_widget_link_nodes (self, stakeholder_for (self, self->press_node),
                                           stakeholder_for (self, target), &error);

          if (link == NULL)
            tissage_widget_report_error (GTK_WIDGET (self), error);
          else
            tissage_map_widget_select_link (self, link);
        }
    }
  else if (self->panning)
    tissage_map_view_end_pan (self->view);
  else if (!self->moved && self->press_node == 0 &&
           tissage_map_view_edge_at (self->view, x, y) == 0)
    set_selection (self, 0, 0);

  self->dragging_node = self->linking = self->panning = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_drag_cancel (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                TissageMapWidget *self)
{
  if (self->dragging_node)
    tissage_map_view_cancel_drag (self->view);
  if (self->linking)
    tissage_map_view_clear_link_preview (self->view);
  if (self->panning)
    tissage_map_view_end_pan (self->view);
  self->dragging_node = self->linking = self->panning = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_click_pressed (GtkGestureClick  *gesture,
                  int               n_press,
                  double            x,
                  double            y,
                  TissageMapWidget *self)
{
  gint64 node = tissage_map_view_node_at (self->view, x, y);

  if (n_press == 2 && node != 0)
    g_signal_emit (self, signals[NODE_ACTIVATED], 0, stakeholder_for (self, node));
}

static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           TissageMapWidget         *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  GdkScrollUnit unit = gtk_event_controller_scroll_get_unit (controller);
  double step = unit == GDK_SCROLL_UNIT_WHEEL ? 40.0 : 1.0;

  if (state & GDK_CONTROL_MASK)
    {
      zoom_at (self, self->pointer_x, self->pointer_y, pow (ZOOM_STEP, -dy * (unit == GDK_SCROLL_UNIT_WHEEL ? 1.0 : 0.05)));
      return TRUE;
    }

  if (state & GDK_SHIFT_MASK && dx == 0.0)
    {
      dx = dy;
      dy = 0.0;
    }

  tissage_map_view_begin_pan (self->view);
  tissage_map_view_pan_by (self->view, -dx * step, -dy * step);
  tissage_map_view_end_pan (self->view);
  gtk_widget_queue_draw (GTK_WIDGET (self));

  return TRUE;
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           TissageMapWidget         *self)
{
  gint64 hovered;

  self->pointer_x = x;
  self->pointer_y = y;

  if (self->dragging_node || self->panning)
    return;

  hovered = tissage_map_view_node_at (self->view, x, y);
  tissage_map_view_set_hovered_node (self->view, hovered);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), hovered != 0 ? "pointer" : "default");
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_leave (GtkEventControllerMotion *controller,
          TissageMapWidget         *self)
{
  tissage_map_view_set_hovered_node (self->view, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_pinch_begin (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                TissageMapWidget *self)
{
  self->pinch_scale = 1.0;
}

static void
on_pinch_scale_changed (GtkGestureZoom   *gesture,
                        double            scale,
                        TissageMapWidget *self)
{
  double x, y;

  if (scale <= 0.0 || self->pinch_scale <= 0.0)
    return;

  gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y);
  zoom_at (self, x, y, scale / self->pinch_scale);
  self->pinch_scale = scale;
}

static gboolean
on_query_tooltip (GtkWidget        *widget,
                  int               x,
                  int               y,
                  gboolean          keyboard_mode,
                  GtkTooltip       *tooltip,
                  TissageMapWidget *self)
{
  gint64 id = keyboard_mode ? tissage_map_view_get_selected_node (self->view)
                            : tissage_map_view_node_at (self->view, x, y);
  TissageStakeholder *stakeholder = stakeholder_for (self, id);
  const TissageMapNode *node;
  TissageCategory *category;
  g_autofree char *markup = NULL;
  g_autofree char *name = NULL;
  g_autofree char *category_name = NULL;
  g_autofree char *links = NULL;

  if (stakeholder == NULL)
    return FALSE;

  node = tissage_map_model_lookup_node (self->model, id);
  category = tissage_document_lookup (self->document, TISSAGE_TYPE_CATEGORY,
                                      tissage_stakeholder_get_category_id (stakeholder));
  name = tissage_text_shorten (tissage_stakeholder_get_name (stakeholder), TISSAGE_NAME_MAX_CHARS);
  category_name = tissage_text_shorten (category ? tissage_category_get_name (category) : _("No category"),
                                        TISSAGE_NAME_MAX_CHARS);
  links = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u link", "%u links",
                                        node ? node->n_links : 0),
                           node ? node->n_links : 0);
  markup = g_markup_printf_escaped ("<b>%s</b>\n%s · %s\n%s %d · %s %d · %s",
                                    name, category_name,
                                    tissage_proximity_to_label (tissage_stakeholder_get_proximity (stakeholder)),
                                    _("Influence"), tissage_stakeholder_get_influence (stakeholder),
                                    _("Interest"), tissage_stakeholder_get_interest (stakeholder),
                                    links);
  gtk_tooltip_set_markup (tooltip, markup);

  return TRUE;
}

/* Keyboard */

static void
move_selection (TissageMapWidget *self,
                double            dx,
                double            dy)
{
  gint64 next = tissage_map_view_get_neighbour (self->view, tissage_map_view_get_selected_node (self->view), dx, dy);

  if (next != 0)
    {
      TissageMapRect rect;

      set_selection (self, next, 0);
      if (tissage_map_view_get_node_rect (self->view, next, &rect) &&
          (rect.x < 0 || rect.y < 0 ||
           rect.x + rect.width > gtk_widget_get_width (GTK_WIDGET (self)) ||
           rect.y + rect.height > gtk_widget_get_height (GTK_WIDGET (self))))
        tissage_map_view_center_on_node (self->view, next);
    }
}

static void
cycle_selection (TissageMapWidget *self,
                 int               direction)
{
  guint n = tissage_map_model_get_n_nodes (self->model);
  int current = tissage_map_model_find_node (self->model, tissage_map_view_get_selected_node (self->view));

  for (guint tries = 0; tries < n; tries++)
    {
      const TissageMapNode *node;

      current = current < 0 ? (direction > 0 ? 0 : (int) n - 1) : (current + direction + (int) n) % (int) n;
      node = tissage_map_model_get_node (self->model, current);
      if (tissage_map_view_is_node_visible (self->view, node->id))
        {
          set_selection (self, node->id, 0);
          tissage_map_view_center_on_node (self->view, node->id);
          return;
        }
    }
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                TissageMapWidget      *self)
{
  state &= gtk_accelerator_get_default_mod_mask ();

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      move_selection (self, -1, 0);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      move_selection (self, 1, 0);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      move_selection (self, 0, -1);
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      move_selection (self, 0, 1);
      return TRUE;
    case GDK_KEY_Tab:
    case GDK_KEY_ISO_Left_Tab:
      if (state & GDK_CONTROL_MASK)
        return FALSE;
      cycle_selection (self, (keyval == GDK_KEY_ISO_Left_Tab || (state & GDK_SHIFT_MASK)) ? -1 : 1);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
      if (tissage_map_widget_get_selected (self) != NULL)
        {
          g_signal_emit (self, signals[NODE_ACTIVATED], 0, tissage_map_widget_get_selected (self));
          return TRUE;
        }
      return FALSE;
    case GDK_KEY_plus:
    case GDK_KEY_equal:
    case GDK_KEY_KP_Add:
      tissage_map_widget_zoom (self, ZOOM_STEP);
      return TRUE;
    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      tissage_map_widget_zoom (self, 1.0 / ZOOM_STEP);
      return TRUE;
    case GDK_KEY_0:
    case GDK_KEY_KP_0:
      tissage_map_widget_fit (self);
      return TRUE;
    case GDK_KEY_Escape:
      if (self->force != NULL)
        {
          finish_arrangement (self);
          return TRUE;
        }
      if (self->dragging_node || self->linking)
        {
          on_drag_cancel (NULL, NULL, self);
          return TRUE;
        }
      set_selection (self, 0, 0);
      return TRUE;
    default:
      return FALSE;
    }
}

/* Automatic arrangement */

static void
finish_arrangement (TissageMapWidget *self)
{
  g_autoptr(TissageMapForce) force = g_steal_pointer (&self->force);
  g_autoptr(GError) error = NULL;
  guint n;

  if (self->force_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->force_tick_id);
      self->force_tick_id = 0;
    }

  if (force == NULL || self->document == NULL)
    return;

  /* Where the nodes now are becomes one edit: undo puts them all back. */
  n = tissage_map_force_get_n_nodes (force);
  if (!tissage_document_begin (self->document, _("Arrange the map"), &error))
    {
      tissage_widget_report_error (GTK_WIDGET (self), error);
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      TissageStakeholder *stakeholder = stakeholder_for (self, tissage_map_force_get_node_id (force, i));
      double x, y;

      if (stakeholder == NULL)
        continue;

      tissage_map_force_get_position (force, i, &x, &y);
      if (!tissage_document_set (self->document, stakeholder, &error, "x", x, "y", y, NULL))
        {
          tissage_document_rollback (self->document);
          tissage_widget_report_error (GTK_WIDGET (self), error);
          return;
        }
    }

  if (!tissage_document_commit (self->document, &error))
    tissage_widget_report_error (GTK_WIDGET (self), error);
}

static gboolean
arrange_tick (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       user_data)
{
  TissageMapWidget *self = TISSAGE_MAP_WIDGET (widget);
  gint64 deadline = g_get_monotonic_time () + 8000;

  /* As many steps as fit in half a frame, so the window stays fluid. */
  while (!tissage_map_force_is_settled (self->force) && g_get_monotonic_time () < deadline)
    tissage_map_force_step (self->force, 1);

  tissage_map_force_apply (self->force, self->model);
  gtk_widget_queue_draw (widget);

  if (tissage_map_force_is_settled (self->force))
    {
      self->force_tick_id = 0;
      finish_arrangement (self);
      tissage_map_view_fit (self->view);
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

/* GtkWidget */

static void
tissage_map_widget_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  TissageMapWidget *self = TISSAGE_MAP_WIDGET (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  tissage_map_view_set_size (self->view, width, height, gtk_widget_get_scale_factor (widget));
  tissage_map_view_set_dark (self->view, adw_style_manager_get_dark (adw_style_manager_get_default ()));

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!tissage_map_view_render (self->view, cr))
    schedule_settle (self);
  cairo_destroy (cr);

  if (gtk_widget_has_visible_focus (widget))
    {
      TissageMapRect rect;
      gint64 selected = tissage_map_view_get_selected_node (self->view);

      if (selected != 0 && tissage_map_view_get_node_rect (self->view, selected, &rect))
        {
          GdkRGBA accent;
          GskRoundedRect outline;
          float d = 4;

          gdk_rgba_parse (&accent, "#3584e4");
          gsk_rounded_rect_init_from_rect (&outline,
                                           &GRAPHENE_RECT_INIT (rect.x - d, rect.y - d,
                                                                rect.width + 2 * d, rect.height + 2 * d),
                                           (rect.width + 2 * d) / 2);
          gtk_snapshot_append_border (snapshot, &outline,
                                      (float[4]) { 2, 2, 2, 2 },
                                      (GdkRGBA[4]) { accent, accent, accent, accent });
        }
    }
}

static void
tissage_map_widget_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  *minimum = 200;
  *natural = 600;
}

static void
tissage_map_widget_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  TissageMapWidget *self = TISSAGE_MAP_WIDGET (widget);

  tissage_map_view_set_size (self->view, width, height, gtk_widget_get_scale_factor (widget));
  if (self->needs_fit && width > 0 && height > 0)
    {
      self->needs_fit = FALSE;
      tissage_map_view_fit (self->view);
    }
}

static void
tissage_map_widget_dispose (GObject *object)
{
  TissageMapWidget *self = TISSAGE_MAP_WIDGET (object);

  g_clear_handle_id (&self->settle_id, g_source_remove);
  if (self->force_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->force_tick_id);
  self->force_tick_id = 0;
  g_clear_pointer (&self->force, tissage_map_force_free);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->view);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (tissage_map_widget_parent_class)->dispose (object);
}

static void
tissage_map_widget_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TissageMapWidget *self = TISSAGE_MAP_WIDGET (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      g_value_set_object (value, tissage_map_widget_get_selected (self));
      break;
    case PROP_SELECTED_LINK:
      g_value_set_object (value, tissage_map_widget_get_selected_link (self));
      break;
    case PROP_LAYOUT:
      g_value_set_enum (value, tissage_map_widget_get_layout (self));
      break;
    case PROP_SHOW_LEGEND:
      g_value_set_boolean (value, tissage_map_widget_get_show_legend (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tissage_map_widget_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TissageMapWidget *self = TISSAGE_MAP_WIDGET (object);

  switch (prop_id)
    {
    case PROP_LAYOUT:
      tissage_map_widget_set_layout (self, g_value_get_enum (value));
      break;
    case PROP_SHOW_LEGEND:
      tissage_map_widget_set_show_legend (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tissage_map_widget_class_init (TissageMapWidgetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tissage_map_widget_dispose;
  object_class->get_property = tissage_map_widget_get_property;
  object_class->set_property = tissage_map_widget_set_property;

  widget_class->snapshot = tissage_map_widget_snapshot;
  widget_class->measure = tissage_map_widget_measure;
  widget_class->size_allocate = tissage_map_widget_size_allocate;

  properties[PROP_SELECTED] =
    g_param_spec_object ("selected", NULL, NULL, TISSAGE_TYPE_STAKEHOLDER,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_LINK] =
    g_param_spec_object ("selected-link", NULL, NULL, TISSAGE_TYPE_LINK,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAYOUT] =
    g_param_spec_enum ("layout", NULL, NULL,
                       TISSAGE_TYPE_MAP_LAYOUT_KIND, TISSAGE_MAP_LAYOUT_RINGS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The legend card of the exports, in the bottom left corner */
  properties[PROP_SHOW_LEGEND] =
    g_param_spec_boolean ("show-legend", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TissageMapWidget::node-activated:
   * @stakeholder: the stakeholder
   *
   * A double click or Enter on a stakeholder: open its editor.
   */
  signals[NODE_ACTIVATED] =
    g_signal_new ("node-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, TISSAGE_TYPE_STAKEHOLDER);

  gtk_widget_class_set_css_name (widget_class, "stakeholdermap");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
tissage_map_widget_init (TissageMapWidget *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *pinch = gtk_gesture_zoom_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *key = gtk_event_controller_key_new ();

  self->model = tissage_map_model_new ();
  self->view = tissage_map_view_new ();
  tissage_map_view_set_model (self->view, self->model);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  g_signal_connect (drag, "cancel", G_CALLBACK (on_drag_cancel), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_click_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  g_signal_connect (pinch, "begin", G_CALLBACK (on_pinch_begin), self);
  g_signal_connect (pinch, "scale-changed", G_CALLBACK (on_pinch_scale_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (pinch));

  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  g_signal_connect (key, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);

  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), self);
  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                            G_CALLBACK (gtk_widget_queue_draw), self);

  update_accessible_label (self);
}

void
tissage_map_widget_set_document (TissageMapWidget *self,
                                 TissageDocument  *document)
{
  g_return_if_fail (TISSAGE_IS_MAP_WIDGET (self));

  if (self->document == document)
    return;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);

  if (self->force_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->force_tick_id);
  self->force_tick_id = 0;
  g_clear_pointer (&self->force, tissage_map_force_free);

  set_selection (self, 0, 0);
  g_set_object (&self->document, document);

  /* A new model: the old one stays bound to the old document. */
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  self->model = tissage_map_model_new ();
  if (document != NULL)
    {
      tissage_map_model_bind_document (self->model, document);
      g_signal_connect_object (document, "row-changed", G_CALLBACK (on_row_changed), self, G_CONNECT_SWAPPED);
    }
  tissage_map_view_set_model (self->view, self->model);
  self->needs_fit = TRUE;
  gtk_widget_queue_allocate (GTK_WIDGET (self));

  update_accessible_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

TissageMapView *
tissage_map_widget_get_view (TissageMapWidget *self)
{
  g_return_val_if_fail (TISSAGE_IS_MAP_WIDGET (self), NULL);

  return self->view;
}

TissageMapModel *
tissage_map_widget_get_model (TissageMapWidget *self)
{
  g_return_val_if_fail (TISSAGE_IS_MAP_WIDGET (self), NULL);

  return self->model;
}

void
tissage_map_widget_set_layout (TissageMapWidget     *self,
                               TissageMapLayoutKind  layout)
{
  g_return_if_fail (TISSAGE_IS_MAP_WIDGET (self));

  if (tissage_map_view_get_layout (self->view) == layout)
    return;

  tissage_map_view_set_layout (self->view, layout);
  if (gtk_widget_get_width (GTK_WIDGET (self)) > 0)
    tissage_map_view_fit (self->view);
  else
    self->needs_fit = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAYOUT]);
}

TissageMapLayoutKind
tissage_map_widget_get_layout (TissageMapWidget *self)
{
  g_return_val_if_fail (TISSAGE_IS_MAP_WIDGET (self), TISSAGE_MAP_LAYOUT_RINGS);

  return tissage_map_view_get_layout (self->view);
}

TissageStakeholder *
tissage_map_widget_get_selected (TissageMapWidget *self)
{
  g_return_val_if_fail (TISSAGE_IS_MAP_WIDGET (self), NULL);

  return stakeholder_for (self, tissage_map_view_get_selected_node (self->view));
}

void
tissage_map_widget_select (TissageMapWidget   *self,
                           TissageStakeholder *stakeholder)
{
  gint64 id;
  TissageMapRect rect;

  g_return_if_fail (TISSAGE_IS_MAP_WIDGET (self));

  id = stakeholder ? tissage_record_get_id (TISSAGE_RECORD (stakeholder)) : 0;
  if (id == tissage_map_view_get_selected_node (self->view))
    return;

  set_selection (self, id, 0);

  /* Chosen elsewhere (the list): bring it into view. */
  if (id != 0 && gtk_widget_get_width (GTK_WIDGET (self)) > 0 &&
      tissage_map_view_get_node_rect (self->view, id, &rect) &&
      (rect.x + rect.width < 0 || rect.y + rect.height < 0 ||
       rect.x > gtk_widget_get_width (GTK_WIDGET (self)) ||
       rect.y > gtk_widget_get_height (GTK_WIDGET (self))))
    tissage_map_view_center_on_node (self->view, id);

  update_accessible_label (self);
}

TissageLink *
tissage_map_widget_get_selected_link (TissageMapWidget *self)
{
  gint64 id;

  g_return_val_if_fail (TISSAGE_IS_MAP_WIDGET (self), NULL);

  id = tissage_map_view_get_selected_edge (self->view);
  if (id == 0 || self->document == NULL)
    return NULL;

  return tissage_document_lookup (self->document, TISSAGE_TYPE_LINK, id);
}

void
tissage_map_widget_select_link (TissageMapWidget *self,
                                TissageLink      *link)
{
  g_return_if_fail (TISSAGE_IS_MAP_WIDGET (self));

  set_selection (self, 0, link ? tissage_record_get_id (TISSAGE_RECORD (link)) : 0);
}

void
tissage_map_widget_set_link_mode (TissageMapWidget *self,
                                  gboolean          link_mode)
{
  g_return_if_fail (TISSAGE_IS_MAP_WIDGET (self));

  self->link_mode = link_mode;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), link_mode ? "crosshair" : "default");
}

void
tissage_map_widget_set_highlight (TissageMapWidget *self,
                                  GArray           *node_ids)
{
  static const gint64 nothing = 0;

  g_return_if_fail (TISSAGE_IS_MAP_WIDGET (self));

  if (node_ids == NULL)
    tissage_map_view_set_highlight (self->view, NULL, 0);
  else if (node_ids->len == 0)
    /* A search that finds nothing dims everything. */
    tissage_map_view_set_highlight (self->view, &nothing, 0);
  else
    tissage_map_view_set_highlight (self->view, (const gint64 *) node_ids->data, node_ids->len);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
tissage_map_widget_zoom (TissageMapWidget *self,
                         double            factor)
{
  g_return_if_fail (TISSAGE_IS_MAP_WIDGET (self));

  zoom_at (self, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
           gtk_widget_get_height (GTK_WIDGET (self)) / 2.0, factor);
}

void
tissage_map_widget_fit (TissageMapWidget *self)
{
  g_return_if_fail (TISSAGE_IS_MAP_WIDGET (self));

  tissage_map_view_fit (self->view);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
tissage_map_widget_set_show_legend (TissageMapWidget *self,
                                    gboolean          show_legend)
{
  g_return_if_fail (TISSAGE_IS_MAP_WIDGET (self));

  if (tissage_map_view_get_show_legend (self->view) == !!show_legend)
    return;

  tissage_map_view_set_show_legend (self->view, show_legend);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_LEGEND]);
}

gboolean
tissage_map_widget_get_show_legend (TissageMapWidget *self)
{
  g_return_val_if_fail (TISSAGE_IS_MAP_WIDGET (self), FALSE);

  return tissage_map_view_get_show_legend (self->view);
}

/**
 * tissage_map_widget_drop_node:
 *
 * Writes where @stakeholder was dropped, as the current layout reads it:
 * its proximity in the rings, its influence and interest in the grid, its
 * position in the free layout. One edit, one undo step.
 */
gboolean
tissage_map_widget_drop_node (TissageMapWidget      *self,
                              TissageStakeholder    *stakeholder,
                              const TissageMapDrop  *drop,
                              GError               **error)
{
  g_autofree char *label = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (TISSAGE_IS_MAP_WIDGET (self), FALSE);
  g_return_val_if_fail (TISSAGE_IS_STAKEHOLDER (stakeholder), FALSE);
  g_return_val_if_fail (drop != NULL, FALSE);

  name = tissage_text_shorten (tissage_stakeholder_get_name (stakeholder), TISSAGE_NAME_MAX_CHARS);
  label = g_strdup_printf (_("Move “%s”"), name);
  if (!tissage_document_begin (self->document, label, error))
    return FALSE;

  switch (drop->layout)
    {
    case TISSAGE_MAP_LAYOUT_RINGS:
      if (drop->proximity >= 0 &&
          !tissage_document_set (self->document, stakeholder, error, "proximity", drop->proximity, NULL))
        goto failed;
      break;
    case TISSAGE_MAP_LAYOUT_GRID:
      if (!tissage_document_set (self->document, stakeholder, error,
                                 "influence", drop->influence,
                                 "interest", drop->interest,
                                 NULL))
        goto failed;
      break;
    case TISSAGE_MAP_LAYOUT_FREE:
    default:
      if (!tissage_document_set (self->document, stakeholder, error, "x", drop->x, "y", drop->y, NULL))
        goto failed;
      break;
    }

  return tissage_document_commit (self->document, error);

failed:
  tissage_document_rollback (self->document);
  return FALSE;
}

TissageLink *
tissage_map_widget_link_nodes (TissageMapWidget    *self,
                               TissageStakeholder  *source,
                               TissageStakeholder  *target,
                               GError             **error)
{
  g_return_val_if_fail (TISSAGE_IS_MAP_WIDGET (self), NULL);
  g_return_val_if_fail (TISSAGE_IS_STAKEHOLDER (source), NULL);
  g_return_val_if_fail (TISSAGE_IS_STAKEHOLDER (target), NULL);

  return tissage_document_insert (self->document, TISSAGE_TYPE_LINK, error,
                                  "source-id", tissage_record_get_id (TISSAGE_RECORD (source)),
                                  "target-id", tissage_record_get_id (TISSAGE_RECORD (target)),
                                  "kind", "coopération",
                                  "strength", 2,
                                  NULL);
}

/**
 * tissage_map_widget_arrange:
 *
 * Arranges the free layout with forces between linked stakeholders,
 * animated on screen; the result is saved as one edit. Escape stops it
 * where it is.
 */
void
tissage_map_widget_arrange (TissageMapWidget *self)
{
  g_return_if_fail (TISSAGE_IS_MAP_WIDGET (self));

  if (self->document == NULL || tissage_document_get_read_only (self->document))
    return;

  finish_arrangement (self);
  tissage_map_widget_set_layout (self, TISSAGE_MAP_LAYOUT_FREE);

  self->force = tissage_map_force_new (self->model, tissage_map_view_get_layout_data (self->view));
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->force_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), arrange_tick, NULL, NULL);
  else
    {
      tissage_map_force_run (self->force, NULL);
      tissage_map_force_apply (self->force, self->model);
      finish_arrangement (self);
    }
}

gboolean
tissage_map_widget_is_arranging (TissageMapWidget *self)
{
  g_return_val_if_fail (TISSAGE_IS_MAP_WIDGET (self), FALSE);

  return self->force != NULL;
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-map"

#include "config.h"

#include <glib/gi18n.h>

#include "tissage-map-render-private.h"


/* Overlay */

static void
draw_incident_edges (TissageMapView            *view,
                     cairo_t                   *cr,
                     const TissageMapTransform *t,
                     guint                      node,
                     double                     alpha_scale,
                     double                     extra_width)
{
  guint8 *kinds = (guint8 *) view->model->edge_kinds->data;

  for (guint e = 0; e < view->n_edges; e++)
    {
      guint a = view->edge_ends[2 * e], b = view->edge_ends[2 * e + 1];
      double ax, ay, bx, by;

      if ((a != node && b != node) || !view->visible[a] || !view->visible[b])
        continue;
      tissage_map_edge_screen (view, t, e, &ax, &ay, &bx, &by);
      tissage_map_set_edge_style (view, cr, kinds[e], tissage_map_model_edge (view->model, e)->strength,
                                  MIN (1.0, view->palette.edge_alpha * alpha_scale), extra_width);
      cairo_move_to (cr, ax, ay);
      cairo_line_to (cr, bx, by);
      cairo_stroke (cr);
    }
}

static void
overlay_label (TissageMapView            *view,
               cairo_t                   *cr,
               const TissageMapTransform *t,
               guint                      node,
               double                     label_dx,
               double                     label_dy,
               gboolean                   labels_match,
               gboolean                   emphasis,
               gboolean                   full)
{
  const TissageMapLabel *label = full ? tissage_map_render_get_full_label (view, node)
                                      : tissage_map_render_get_label (view, node);
  double x, y, wx, wy, r;

  if (label->text == NULL || label->text[0] == '\0')
    return;

  if (labels_match && !view->dynamic[node] && view->placed_slot[node] >= 0)
    {
      const TissageMapPlacedLabel *placed = &g_array_index (view->placed, TissageMapPlacedLabel,
                                                            view->placed_slot[node]);

      x = placed->x + label_dx;
      y = placed->y + label_dy;
      /* A whole name placed left of its node grows leftwards, off the node */
      if (full)
        {
          double node_x;

          tissage_map_render_node_position (view, node, &wx, &wy);
          tissage_map_transform_to_screen (t, wx, wy, &node_x, NULL);
          if (x + placed->width <= node_x)
            x += placed->width - (label->width + 2.0 * LABEL_PAD_X);
        }
    }
  else
    {
      tissage_map_render_node_position (view, node, &wx, &wy);
      tissage_map_transform_to_screen (t, wx, wy, &x, &y);
      r = tissage_map_render_node_radius (view, node, t->zoom);
      x += r + 3.0;
      y -= (label->height + 2.0 * LABEL_PAD_Y) / 2.0;
    }

  /* A whole name covers the short one and what lies around it, inside
   * the view */
  if (full)
    {
      double w = label->width + 2.0 * LABEL_PAD_X, h = label->height + 2.0 * LABEL_PAD_Y;

      if (view->width > 0 && w + 8.0 <= view->width)
        x = CLAMP (x, 4.0, view->width - w - 4.0);
      if (view->height > 0 && h + 8.0 <= view->height)
        y = CLAMP (y, 4.0, view->height - h - 4.0);
      tissage_map_rounded_rect (cr, x, y, label->width + 2.0 * LABEL_PAD_X, label->height + 2.0 * LABEL_PAD_Y, 4.0);
      tissage_map_set_source_color (cr, &view->palette.background, 1.0);
      cairo_fill (cr);
    }
  tissage_map_draw_label (view, cr, label, x, y, FALSE, emphasis);
}

static void
draw_drop_target (TissageMapView            *view,
                  cairo_t                   *cr,
                  const TissageMapTransform *t)
{
  const TissageMapLayout *layout = view->layout;
  TissageMapDrop drop;
  double cx, cy;

  if (!tissage_map_layout_locate (layout, view->drag_x, view->drag_y, &drop))
    return;

  if (layout->kind == TISSAGE_MAP_LAYOUT_RINGS && drop.proximity >= 0)
    {
      double inner = drop.proximity == 0 ? layout->center_radius : layout->ring_inner[drop.proximity];
      double outer = layout->ring_outer[drop.proximity];
      double a0 = -G_PI / 2.0, a1 = 3.0 * G_PI / 2.0;

      for (guint k = 0; k < layout->sectors->len; k++)
        {
          const TissageMapSector *sector = &g_array_index (layout->sectors, TissageMapSector, k);

          if (sector->category_id == drop.category_id)
            {
              a0 = sector->start;
              a1 = sector->end;
              break;
            }
        }

      tissage_map_transform_to_screen (t, 0.0, 0.0, &cx, &cy);
      cairo_new_path (cr);
      cairo_arc (cr, cx, cy, outer * t->zoom, a0, a1);
      cairo_arc_negative (cr, cx, cy, inner * t->zoom, a1, a0);
      cairo_close_path (cr);
      tissage_map_set_source_color (cr, &view->palette.accent, 0.14);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, 1.5);
      cairo_set_dash (cr, NULL, 0, 0.0);
      tissage_map_set_source_color (cr, &view->palette.accent, 0.6);
      cairo_stroke (cr);
    }
  else if (layout->kind == TISSAGE_MAP_LAYOUT_GRID && drop.influence >= 0)
    {
      g_autofree char *text = NULL;
      const double dash[] = { 4.0, 3.0 };
      PangoLayout *pango;
      double x, y, x0, y1, w, h;

      tissage_map_transform_to_screen (t, view->drag_x, view->drag_y, &x, &y);
      tissage_map_transform_to_screen (t, layout->grid_x0, layout->grid_y1, &x0, &y1);
      cairo_set_line_width (cr, 1.0);
      cairo_set_dash (cr, dash, 2, 0.0);
      tissage_map_set_source_color (cr, &view->palette.accent, 0.7);
      cairo_move_to (cr, x0, y);
      cairo_line_to (cr, x, y);
      cairo_line_to (cr, x, y1);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0.0);

      /* Translators: the scores of a stakeholder being dragged on the grid */
      text = g_strdup_printf (_("Influence %d · Interest %d"), drop.influence, drop.interest);
      pango = tissage_map_scratch_layout (view, text, 11.5 * view->text_scale, TRUE);
      tissage_map_layout_size (pango, &w, &h);
      tissage_map_rounded_rect (cr, x + 14.0, y + 12.0, w + 12.0, h + 6.0, (h + 6.0) / 2.0);
      tissage_map_set_source_color (cr, &view->palette.accent, 1.0);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 1.0, 1.0, 1.0);
      cairo_move_to (cr, x + 20.0, y + 15.0);
      pango_cairo_show_layout (cr, pango);
    }
}

/*
 * Draws over the cached layer what moves or is emphasised: dragged nodes,
 * selection, hover, the drop target and the link being drawn.
 * label_dx/dy move the cached label positions to the current view,
 * meaningful only when @labels_match (the cache is shown unscaled).
 */
void
tissage_map_render_overlay (TissageMapView            *view,
                            cairo_t                   *cr,
                            const TissageMapTransform *t,
                            double                     label_dx,
                            double                     label_dy,
                            gboolean                   labels_match)
{
  int selected = view->selected_node != 0 ? tissage_map_model_find_node (view->model, view->selected_node) : -1;
  int hovered = view->hovered_node != 0 ? tissage_map_model_find_node (view->model, view->hovered_node) : -1;
  int selected_edge = view->selected_edge != 0 ? tissage_map_model_find_edge (view->model, view->selected_edge) : -1;
  double zoom = t->zoom;

  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  if (selected >= 0 && !view->visible[selected])
    selected = -1;
  if (hovered >= 0 && !view->visible[hovered])
    hovered = -1;

  /* Links of the selected stakeholder, brought forward */
  if (selected >= 0 && !view->dynamic[selected])
    draw_incident_edges (view, cr, t, (guint) selected, 1.6, 0.4);

  if (selected_edge >= 0)
    {
      guint a = view->edge_ends[2 * selected_edge], b = view->edge_ends[2 * selected_edge + 1];

      if (view->visible[a] && view->visible[b])
        {
          guint8 kind = g_array_index (view->model->edge_kinds, guint8, selected_edge);
          int strength = tissage_map_model_edge (view->model, (guint) selected_edge)->strength;
          double ax, ay, bx, by;

          tissage_map_edge_screen (view, t, (guint) selected_edge, &ax, &ay, &bx, &by);
          cairo_set_dash (cr, NULL, 0, 0.0);
          cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
          cairo_set_line_width (cr, tissage_map_link_width (strength) + 6.0);
          tissage_map_set_source_color (cr, &view->palette.accent, 0.35);
          cairo_move_to (cr, ax, ay);
          cairo_line_to (cr, bx, by);
          cairo_stroke (cr);
          tissage_map_set_edge_style (view, cr, kind, strength, 1.0, 0.5);
          cairo_move_to (cr, ax, ay);
          cairo_line_to (cr, bx, by);
          cairo_stroke (cr);
        }
    }

  /* Nodes that are not in the cached layer */
  for (guint k = 0; k < view->n_nodes; k++)
    {
      guint i = view->draw_order[k];

      if (view->dynamic[i] && view->visible[i])
        draw_incident_edges (view, cr, t, i, 1.0, 0.0);
    }
  cairo_set_dash (cr, NULL, 0, 0.0);

  if (view->interaction == TISSAGE_MAP_INTERACTION_DRAG && view->drag_node >= 0)
    draw_drop_target (view, cr, t);

  for (guint k = 0; k < view->n_nodes; k++)
    {
      guint i = view->draw_order[k];
      const TissageMapNode *node;
      TissageMapColor fill;
      double wx, wy, x, y, r;

      if (!view->dynamic[i] || !view->visible[i])
        continue;
      node = tissage_map_model_node (view->model, i);
      tissage_map_render_node_position (view, i, &wx, &wy);
      tissage_map_transform_to_screen (t, wx, wy, &x, &y);
      r = tissage_map_render_node_radius (view, i, zoom);
      tissage_map_node_color (view, i, view->dimmed[i], &fill);

      if ((int) i == view->drag_node && view->interaction == TISSAGE_MAP_INTERACTION_DRAG)
        {
          /* Lifted: a soft shadow under the dragged node */
          for (int s = 3; s >= 1; s--)
            {
              tissage_map_node_path (cr, x + 1.0, y + 2.5, r + s * 1.5, node->is_member);
              cairo_set_source_rgba (cr, 0.0, 0.0, 0.0, 0.06);
              cairo_fill (cr);
            }
        }
      tissage_map_draw_node_shape (cr, &view->palette, x, y, r, &fill, node->is_member);
      if (node->effect_count > 0 && r >= BADGE_MIN_RADIUS * view->text_scale)
        tissage_map_draw_badge (view, cr, x, y, r, node->effect_count, 1.0);
    }

  /* Selection and hover rings */
  for (int pass = 0; pass < 2; pass++)
    {
      int i = pass == 0 ? hovered : selected;
      double wx, wy, x, y, r;

      if (i < 0 || (pass == 0 && hovered == selected))
        continue;
      tissage_map_render_node_position (view, (guint) i, &wx, &wy);
      tissage_map_transform_to_screen (t, wx, wy, &x, &y);
      r = tissage_map_render_node_radius (view, (guint) i, zoom);
      tissage_map_node_path (cr, x, y, r + (pass == 0 ? 2.5 : 3.5), tissage_map_model_node (view->model, (guint) i)->is_member);
      cairo_set_line_width (cr, pass == 0 ? 2.0 : 3.0);
      tissage_map_set_source_color (cr, &view->palette.accent, pass == 0 ? 0.6 : 1.0);
      cairo_stroke (cr);
    }

  /* Labels of what is dragged, hovered and selected, on top of all */
  for (guint k = 0; k < view->n_nodes; k++)
    {
      guint i = view->draw_order[k];

      if (view->dynamic[i] && view->visible[i] && (int) i != selected && (int) i != hovered)
        overlay_label (view, cr, t, i, label_dx, label_dy, labels_match, FALSE, FALSE);
    }
  if (hovered >= 0 && hovered != selected)
    overlay_label (view, cr, t, (guint) hovered, label_dx, label_dy, labels_match, FALSE, TRUE);
  if (selected >= 0)
    overlay_label (view, cr, t, (guint) selected, label_dx, label_dy, labels_match, TRUE, TRUE);
  if (selected_edge >= 0)
    for (int end = 0; end < 2; end++)
      {
        guint i = view->edge_ends[2 * selected_edge + end];

        if (view->visible[i] && (int) i != selected)
          overlay_label (view, cr, t, i, label_dx, label_dy, labels_match, FALSE, FALSE);
      }

  /* The link being drawn from a node to the pointer */
  if (view->link_preview)
    {
      int source = tissage_map_model_find_node (view->model, view->link_source);

      if (source >= 0)
        {
          const double dash[] = { 6.0, 4.0 };
          double wx, wy, x, y;

          tissage_map_render_node_position (view, (guint) source, &wx, &wy);
          tissage_map_transform_to_screen (t, wx, wy, &x, &y);
          cairo_set_line_width (cr, 2.0);
          cairo_set_dash (cr, dash, 2, 0.0);
          cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
          tissage_map_set_source_color (cr, &view->palette.accent, 1.0);
          cairo_move_to (cr, x, y);
          cairo_line_to (cr, view->link_x, view->link_y);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0.0);
          cairo_arc (cr, view->link_x, view->link_y, 4.0, 0.0, 2.0 * G_PI);
          cairo_fill (cr);
        }
    }

  cairo_restore (cr);
}

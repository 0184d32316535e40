/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-referentiel"

#include "config.h"

#include <glib/gi18n.h>

#include "tissage-toc-view-private.h"
#include "tissage-utils.h"
#include "tissage-widget-utils.h"

G_DEFINE_FINAL_TYPE (TissageTocView, tissage_toc_view, GTK_TYPE_WIDGET)

static const char *stage_titles[] = {
  N_("Resources"), N_("Activities"), N_("Outputs"), N_("Effects"), N_("Impact"),
};

static const char *stage_hints[] = {
  N_("What the collective brings together"),
  N_("What it does with them"),
  N_("What it delivers and counts"),
  N_("What changes for people and structures"),
  N_("What changes on the territory, in the long run"),
};

static int
compare_cards (gconstpointer a,
               gconstpointer b)
{
  TissageTocItem *x = *(TissageTocItem * const *) a;
  TissageTocItem *y = *(TissageTocItem * const *) b;
  int px, py;

  g_object_get (x, "position", &px, NULL);
  g_object_get (y, "position", &py, NULL);
  if (px != py)
    return px < py ? -1 : 1;
  return tissage_record_get_id (TISSAGE_RECORD (x)) < tissage_record_get_id (TISSAGE_RECORD (y)) ? -1 : 1;
}

/* Where the keyboard focus is on the board: a card, and which column. */
static gint64
focused_card (TissageTocView *self,
              int            *stage)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  *stage = -1;
  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    return 0;

  for (guint s = 0; s < TISSAGE_N_TOC_STAGES; s++)
    if (gtk_widget_is_ancestor (focus, self->columns[s]))
      *stage = s;

  for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
    {
      TissageTocItem *item = g_object_get_data (G_OBJECT (w), "item");

      if (item != NULL && gtk_widget_has_css_class (w, "toc-card"))
        return tissage_record_get_id (TISSAGE_RECORD (item));
    }

  return 0;
}

void
tissage_toc_view_rebuild (TissageTocView *self)
{
  GListModel *items;
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  int focus_stage;
  gint64 focus_id = focused_card (self, &focus_stage);

  g_hash_table_remove_all (self->cards);

  for (guint s = 0; s < TISSAGE_N_TOC_STAGES; s++)
    {
      GtkWidget *column = self->columns[s];
      GtkWidget *child;
      GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");
      GtkWidget *heading = gtk_label_new (_(stage_titles[s]));
      GtkWidget *hint = gtk_label_new (_(stage_hints[s]));
      g_autofree char *add_label = g_strdup_printf (_("Add a Card to “%s”"), _(stage_titles[s]));

      while ((child = gtk_widget_get_first_child (column)) != NULL)
        gtk_box_remove (GTK_BOX (column), child);

      gtk_widget_add_css_class (heading, "heading");
      gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
      gtk_label_set_justify (GTK_LABEL (hint), GTK_JUSTIFY_CENTER);
      gtk_widget_add_css_class (hint, "caption");
      gtk_widget_add_css_class (hint, "dim-label");
      gtk_box_append (GTK_BOX (column), heading);
      gtk_box_append (GTK_BOX (column), hint);

      gtk_widget_set_tooltip_text (add, add_label);
      gtk_widget_add_css_class (add, "flat");
      g_object_set_data (G_OBJECT (add), "stage", GINT_TO_POINTER (s));
      g_signal_connect (add, "clicked", G_CALLBACK (tissage_toc_view_on_add_card), self);
      gtk_widget_set_sensitive (add, tissage_widget_can_edit (self->document, "toc_items"));
      g_object_set_data (G_OBJECT (column), "add", add);
    }

  if (self->document == NULL)
    {
      for (guint s = 0; s < TISSAGE_N_TOC_STAGES; s++)
        gtk_box_append (GTK_BOX (self->columns[s]), g_object_get_data (G_OBJECT (self->columns[s]), "add"));
      return;
    }

  items = tissage_document_get_records (self->document, TISSAGE_TYPE_TOC_ITEM);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    g_ptr_array_add (sorted, g_list_model_get_item (items, i));
  g_ptr_array_sort (sorted, compare_cards);

  for (guint i = 0; i < sorted->len; i++)
    {
      TissageTocItem *item = g_ptr_array_index (sorted, i);
      GtkWidget *card = tissage_toc_view_make_card (self, item);
      gint64 *key = g_new (gint64, 1);

      *key = tissage_record_get_id (TISSAGE_RECORD (item));
      g_hash_table_insert (self->cards, key, card);
      gtk_box_append (GTK_BOX (self->columns[tissage_toc_view_card_stage (item)]), card);
    }

  for (guint s = 0; s < TISSAGE_N_TOC_STAGES; s++)
    gtk_box_append (GTK_BOX (self->columns[s]), g_object_get_data (G_OBJECT (self->columns[s]), "add"));

  for (guint i = 0; i < sorted->len; i++)
    g_object_unref (g_ptr_array_index (sorted, i));

  /* The focus was in a card made anew: it stays on that card. */
  if (focus_stage >= 0)
    {
      GtkWidget *card = g_hash_table_lookup (self->cards, &focus_id);

      if (card != NULL)
        gtk_widget_grab_focus (g_object_get_data (G_OBJECT (card), "remove"));
      else
        gtk_widget_grab_focus (g_object_get_data (G_OBJECT (self->columns[focus_stage]), "add"));
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
rebuild_idle (gpointer data)
{
  TissageTocView *self = data;

  self->rebuild_id = 0;
  self->dirty = FALSE;
  tissage_toc_view_rebuild (self);
  return G_SOURCE_REMOVE;
}

/* Many edits come at once (a move renumbers siblings): one rebuild for
 * them, and none while the view is hidden. */
static void
queue_rebuild (TissageTocView *self)
{
  self->dirty = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && self->rebuild_id == 0)
    self->rebuild_id = g_idle_add (rebuild_idle, self);
}

static void
on_map (TissageTocView *self)
{
  if (self->dirty && self->rebuild_id == 0)
    self->rebuild_id = g_idle_add (rebuild_idle, self);
}

/* The card of a row whose title changed: its label says the new one, and
 * the entry too unless it is being typed in. */
static void
update_card_title (GtkWidget      *card,
                   TissageTocItem *item)
{
  GtkStack *stack = g_object_get_data (G_OBJECT (card), "title");
  GtkWidget *label = gtk_stack_get_child_by_name (stack, "label");
  GtkWidget *entry = gtk_stack_get_child_by_name (stack, "entry");
  g_autofree char *text = NULL;

  g_object_get (item, "title", &text, NULL);
  gtk_label_set_text (GTK_LABEL (label), text ? text : "");
  if (g_strcmp0 (gtk_stack_get_visible_child_name (stack), "entry") != 0)
    gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
}

/* A deleted card goes at once, so that its × cannot be pressed again; the
 * keyboard focus it held goes to the + of its column. */
static void
remove_card (TissageTocView *self,
             gint64          id,
             GtkWidget      *card)
{
  GtkWidget *column = gtk_widget_get_parent (card);
  GtkRoot *root = gtk_widget_get_root (card);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  g_object_ref (card);
  g_hash_table_remove (self->cards, &id);
  gtk_box_remove (GTK_BOX (column), card);
  if (focus != NULL && (focus == card || gtk_widget_is_ancestor (focus, card)))
    gtk_widget_grab_focus (g_object_get_data (G_OBJECT (column), "add"));
  g_object_unref (card);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The board follows the rows of the file, whatever changed them: this
 * view, another, an undo or a redo. */
static void
on_row_changed (TissageTocView *self,
                const char     *table,
                gint64          id)
{
  if (g_str_equal (table, "toc_items"))
    {
      GtkWidget *card = g_hash_table_lookup (self->cards, &id);
      TissageTocItem *item = tissage_document_lookup (self->document, TISSAGE_TYPE_TOC_ITEM, id);
      g_autofree char *shown = item ? tissage_toc_view_card_shown (item) : NULL;

      if (card != NULL && item == NULL)
        remove_card (self, id, card);
      else if (card != NULL && g_strcmp0 (g_object_get_data (G_OBJECT (card), "shown"), shown) == 0)
        update_card_title (card, item);
      else if (item != NULL)
        queue_rebuild (self);
    }
  else if (g_str_equal (table, "effects") || g_str_equal (table, "indicators"))
    queue_rebuild (self);
  else if (g_str_equal (table, "toc_links"))
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
tissage_toc_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  TissageTocView *self = TISSAGE_TOC_VIEW (widget);
  GListModel *links;
  graphene_rect_t clip;
  cairo_t *cr;

  gtk_widget_snapshot_child (widget, self->box, snapshot);

  self->n_arrows = 0;
  if (self->document == NULL)
    return;

  if (!gtk_widget_compute_bounds (self->scrolled, widget, &clip))
    return;

  links = tissage_document_get_records (self->document, TISSAGE_TYPE_TOC_LINK);
  cr = gtk_snapshot_append_cairo (snapshot, &clip);
  cairo_rectangle (cr, clip.origin.x, clip.origin.y, clip.size.width, clip.size.height);
  cairo_clip (cr);
  cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.8);
  cairo_set_line_width (cr, 2.0);

  /* Arrows from the right side of a card to the left side of the next. */
  for (guint i = 0; i < g_list_model_get_n_items (links); i++)
    {
      g_autoptr(TissageTocLink) link = g_list_model_get_item (links, i);
      gint64 from_id, to_id;
      GtkWidget *from, *to;
      graphene_rect_t a, b;
      double x0, y0, x1, y1, dx;

      g_object_get (link, "from-id", &from_id, "to-id", &to_id, NULL);
      from = g_hash_table_lookup (self->cards, &from_id);
      to = g_hash_table_lookup (self->cards, &to_id);
      if (from == NULL || to == NULL ||
          !gtk_widget_compute_bounds (from, widget, &a) || !gtk_widget_compute_bounds (to, widget, &b))
        continue;

      if (a.origin.x <= b.origin.x)
        {
          x0 = a.origin.x + a.size.width;
          x1 = b.origin.x;
        }
      else
        {
          x0 = a.origin.x;
          x1 = b.origin.x + b.size.width;
        }
      y0 = a.origin.y + a.size.height / 2;
      y1 = b.origin.y + b.size.height / 2;
      dx = (x1 - x0) / 2;

      cairo_move_to (cr, x0, y0);
      cairo_curve_to (cr, x0 + dx, y0, x1 - dx, y1, x1, y1);
      cairo_stroke (cr);

      /* The head, along the curve's end. */
      {
        double dir = x1 >= x0 ? -1.0 : 1.0;

        cairo_move_to (cr, x1, y1);
        cairo_line_to (cr, x1 + dir * 8, y1 - 5);
        cairo_line_to (cr, x1 + dir * 8, y1 + 5);
        cairo_close_path (cr);
        cairo_fill (cr);
      }
      self->n_arrows++;
    }

  cairo_destroy (cr);
}

static void
tissage_toc_view_dispose (GObject *object)
{
  TissageTocView *self = TISSAGE_TOC_VIEW (object);

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->cards, g_hash_table_unref);

  G_OBJECT_CLASS (tissage_toc_view_parent_class)->dispose (object);
}

static void
tissage_toc_view_class_init (TissageTocViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = tissage_toc_view_dispose;
  widget_class->snapshot = tissage_toc_view_snapshot;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "tocview");
}

static void
on_link_toggled (TissageTocView *self)
{
  self->link_from = 0;
  tissage_toc_view_rebuild (self);
}

static void
tissage_toc_view_init (TissageTocView *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *link_content = adw_button_content_new ();
  GtkWidget *explanation = gtk_label_new (_("The chain from what the collective brings to what changes on its territory. Click a title to change it; “Link”, then two cards, draws an arrow."));

  self->cards = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_start (self->toolbar, 12);
  gtk_widget_set_margin_end (self->toolbar, 12);
  gtk_widget_set_margin_top (self->toolbar, 6);
  gtk_label_set_wrap (GTK_LABEL (explanation), TRUE);
  gtk_label_set_xalign (GTK_LABEL (explanation), 0);
  gtk_widget_set_hexpand (explanation, TRUE);
  gtk_widget_add_css_class (explanation, "dim-label");
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (link_content), "insert-link-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (link_content), _("_Link"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (link_content), TRUE);
  self->link_button = GTK_TOGGLE_BUTTON (gtk_toggle_button_new ());
  gtk_button_set_child (GTK_BUTTON (self->link_button), link_content);
  gtk_widget_set_valign (GTK_WIDGET (self->link_button), GTK_ALIGN_CENTER);
  g_signal_connect_swapped (self->link_button, "toggled", G_CALLBACK (on_link_toggled), self);
  gtk_box_append (GTK_BOX (self->toolbar), explanation);
  gtk_box_append (GTK_BOX (self->toolbar), GTK_WIDGET (self->link_button));
  gtk_box_append (GTK_BOX (self->box), self->toolbar);

  gtk_box_set_homogeneous (GTK_BOX (row), TRUE);
  gtk_widget_set_margin_start (row, 12);
  gtk_widget_set_margin_end (row, 12);
  gtk_widget_set_margin_top (row, 12);
  gtk_widget_set_margin_bottom (row, 12);
  for (guint s = 0; s < TISSAGE_N_TOC_STAGES; s++)
    {
      self->columns[s] = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
      gtk_widget_set_size_request (self->columns[s], 120, -1);
      gtk_box_append (GTK_BOX (row), self->columns[s]);
    }

  self->scrolled = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (self->scrolled, TRUE);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), row);
  gtk_box_append (GTK_BOX (self->box), self->scrolled);

  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
  g_signal_connect_swapped (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scrolled)),
                            "value-changed", G_CALLBACK (gtk_widget_queue_draw), self);
  g_signal_connect_swapped (gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (self->scrolled)),
                            "value-changed", G_CALLBACK (gtk_widget_queue_draw), self);

  tissage_toc_view_rebuild (self);
}

GtkWidget *
tissage_toc_view_new (void)
{
  return g_object_new (TISSAGE_TYPE_TOC_VIEW, NULL);
}

void
tissage_toc_view_set_document (TissageTocView  *self,
                               TissageDocument *document)
{
  g_return_if_fail (TISSAGE_IS_TOC_VIEW (self));

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  if (document != NULL)
    g_signal_connect_object (document, "row-changed", G_CALLBACK (on_row_changed), self, G_CONNECT_SWAPPED);
  /* No card outlives its project; the new ones come when shown. */
  g_hash_table_remove_all (self->cards);
  for (guint s = 0; s < TISSAGE_N_TOC_STAGES; s++)
    {
      GtkWidget *child;

      while ((child = gtk_widget_get_first_child (self->columns[s])) != NULL)
        gtk_box_remove (GTK_BOX (self->columns[s]), child);
    }
  queue_rebuild (self);
}

TissageTocItem *
tissage_toc_view_add_card (TissageTocView   *self,
                           TissageTocStage   stage,
                           GError          **error)
{
  GListModel *items;
  int position = 0;

  g_return_val_if_fail (TISSAGE_IS_TOC_VIEW (self), NULL);
  g_return_val_if_fail (stage < TISSAGE_N_TOC_STAGES, NULL);

  items = tissage_document_get_records (self->document, TISSAGE_TYPE_TOC_ITEM);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(TissageTocItem) item = g_list_model_get_item (items, i);
      int p;

      g_object_get (item, "position", &p, NULL);
      if (tissage_toc_view_card_stage (item) == (int) stage)
        position = MAX (position, p + 1);
    }

  return tissage_document_insert (self->document, TISSAGE_TYPE_TOC_ITEM, error,
                                  "stage", (int) stage,
                                  "title", _("New card"),
                                  "position", position,
                                  NULL);
}

gboolean
tissage_toc_view_link_cards (TissageTocView  *self,
                             TissageTocItem  *from,
                             TissageTocItem  *to,
                             GError         **error)
{
  g_autoptr(TissageTocLink) link = NULL;

  g_return_val_if_fail (TISSAGE_IS_TOC_VIEW (self), FALSE);

  link = tissage_document_insert (self->document, TISSAGE_TYPE_TOC_LINK, error,
                                  "from-id", tissage_record_get_id (TISSAGE_RECORD (from)),
                                  "to-id", tissage_record_get_id (TISSAGE_RECORD (to)),
                                  NULL);
  return link != NULL;
}

guint
tissage_toc_view_get_n_arrows (TissageTocView *self)
{
  g_return_val_if_fail (TISSAGE_IS_TOC_VIEW (self), 0);

  return self->n_arrows;
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-referentiel"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tissage-toc-view.h"
#include "tissage-utils.h"
#include "tissage-widget-utils.h"

/*
 * The theory of change: resources, activities, outputs, effects and impact
 * as five columns of cards, with arrows from a card to those it leads to.
 * Titles are edited in place; "Link" then two clicks draw an arrow.
 */
struct _TissageTocView
{
  GtkWidget        parent_instance;

  GtkWidget       *scrolled;
  GtkWidget       *columns[TISSAGE_N_TOC_STAGES];
  GtkToggleButton *link_button;
  GtkWidget       *toolbar;
  GtkWidget       *box;

  TissageDocument *document;
  GHashTable      *cards;        /* id → card widget */
  gboolean         dirty;        /* rebuild when shown */
  guint            rebuild_id;
  gint64           link_from;
  guint            n_arrows;
};

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

static void rebuild (TissageTocView *self);

static int
card_stage (TissageTocItem *item)
{
  int stage;

  g_object_get (item, "stage", &stage, NULL);
  return stage;
}

/* A card's title is a wrapping label; clicking it gives an entry in its
 * place, saved on Enter or when the focus leaves, dropped on Escape. */
static void
finish_title_edit (GtkEntry       *entry,
                   TissageTocView *self,
                   gboolean        save)
{
  GtkStack *stack = GTK_STACK (gtk_widget_get_parent (GTK_WIDGET (entry)));
  TissageTocItem *item = g_object_get_data (G_OBJECT (entry), "item");
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (stack), "entry") != 0)
    return;
  gtk_stack_set_visible_child_name (stack, "label");

  if (!save || *text == '\0')
    return;

  if (!tissage_document_set (self->document, item, &error, "title", text, NULL))
    tissage_widget_report_error (GTK_WIDGET (self), error);
}

static void
on_title_activate (GtkEntry       *entry,
                   TissageTocView *self)
{
  finish_title_edit (entry, self, TRUE);
}

static void
on_title_focus_leave (GtkEventControllerFocus *controller,
                      TissageTocView          *self)
{
  finish_title_edit (GTK_ENTRY (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller))), self, TRUE);
}

static gboolean
on_title_key (GtkEventControllerKey *controller,
              guint                  keyval,
              guint                  keycode,
              GdkModifierType        state,
              TissageTocView        *self)
{
  if (keyval != GDK_KEY_Escape)
    return FALSE;

  finish_title_edit (GTK_ENTRY (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller))), self, FALSE);
  return TRUE;
}

static void
on_title_clicked (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  TissageTocView  *self)
{
  GtkWidget *label = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GtkStack *stack = GTK_STACK (gtk_widget_get_parent (label));
  GtkWidget *entry = gtk_stack_get_child_by_name (stack, "entry");

  if (gtk_toggle_button_get_active (self->link_button) ||
      !tissage_widget_can_edit (self->document, "toc_items"))
    return;

  gtk_editable_set_text (GTK_EDITABLE (entry), gtk_label_get_text (GTK_LABEL (label)));
  gtk_stack_set_visible_child_name (stack, "entry");
  gtk_widget_grab_focus (entry);
}

static GtkWidget *
make_title (TissageTocView *self,
            TissageTocItem *item,
            const char     *text)
{
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *entry = gtk_entry_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkEventController *key = gtk_event_controller_key_new ();

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_tooltip_text (label, _("Click to change the title"));
  g_signal_connect (click, "released", G_CALLBACK (on_title_clicked), self);
  gtk_widget_add_controller (label, GTK_EVENT_CONTROLLER (click));

  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 4);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Card title"), -1);
  g_object_set_data_full (G_OBJECT (entry), "item", g_object_ref (item), g_object_unref);
  g_signal_connect (entry, "activate", G_CALLBACK (on_title_activate), self);
  g_signal_connect (focus, "leave", G_CALLBACK (on_title_focus_leave), self);
  gtk_widget_add_controller (entry, focus);
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_title_key), self);
  gtk_widget_add_controller (entry, key);

  gtk_stack_add_named (GTK_STACK (stack), label, "label");
  gtk_stack_add_named (GTK_STACK (stack), entry, "entry");
  gtk_stack_set_hhomogeneous (GTK_STACK (stack), FALSE);
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "label");
  gtk_widget_set_hexpand (stack, TRUE);

  return stack;
}

static void
on_card_pressed (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 TissageTocView  *self)
{
  GtkWidget *card = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  TissageTocItem *item = g_object_get_data (G_OBJECT (card), "item");
  g_autoptr(GError) error = NULL;

  if (!gtk_toggle_button_get_active (self->link_button))
    return;

  if (self->link_from == 0)
    {
      self->link_from = tissage_record_get_id (TISSAGE_RECORD (item));
      gtk_widget_add_css_class (card, "toc-link-source");
      return;
    }

  if (self->link_from != tissage_record_get_id (TISSAGE_RECORD (item)))
    {
      TissageTocItem *from = tissage_document_lookup (self->document, TISSAGE_TYPE_TOC_ITEM, self->link_from);

      if (from != NULL && !tissage_toc_view_link_cards (self, from, item, &error))
        tissage_widget_report_error (GTK_WIDGET (self), error);
    }

  self->link_from = 0;
  gtk_toggle_button_set_active (self->link_button, FALSE);
  rebuild (self);
}

static void
on_delete_card (GtkButton      *button,
                TissageTocView *self)
{
  TissageTocItem *item = g_object_get_data (G_OBJECT (button), "item");
  g_autoptr(GError) error = NULL;

  if (!tissage_document_delete (self->document, item, &error))
    tissage_widget_report_error (GTK_WIDGET (self), error);
}

/* What a card stands for in the framework: an effect, an indicator, or nothing. */
static void
on_link_chosen (GtkDropDown    *dropdown,
                GParamSpec     *pspec,
                TissageTocView *self)
{
  TissageTocItem *item = g_object_get_data (G_OBJECT (dropdown), "item");
  GArray *keys = g_object_get_data (G_OBJECT (dropdown), "keys");
  guint selected = gtk_drop_down_get_selected (dropdown);
  g_autoptr(GError) error = NULL;
  gint64 key, effect = 0, indicator = 0, current_effect, current_indicator;

  if (selected == GTK_INVALID_LIST_POSITION || selected >= keys->len)
    return;

  key = g_array_index (keys, gint64, selected);
  if (key > 0)
    effect = key;
  else
    indicator = -key;

  g_object_get (item, "effect-id", &current_effect, "indicator-id", &current_indicator, NULL);
  if (effect == current_effect && indicator == current_indicator)
    return;

  if (!tissage_document_set (self->document, item, &error, "effect-id", effect, "indicator-id", indicator, NULL))
    tissage_widget_report_error (GTK_WIDGET (self), error);
}

static GtkWidget *
make_link_dropdown (TissageTocView *self,
                    TissageTocItem *item)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new ((const char * const[]) { _("Not linked to the framework"), NULL });
  GArray *keys = g_array_new (FALSE, FALSE, sizeof (gint64));
  GListModel *effects = tissage_document_get_records (self->document, TISSAGE_TYPE_EFFECT);
  GListModel *indicators = tissage_document_get_records (self->document, TISSAGE_TYPE_INDICATOR);
  GtkWidget *dropdown;
  gint64 none = 0, effect_id, indicator_id;
  guint selected = 0;

  g_object_get (item, "effect-id", &effect_id, "indicator-id", &indicator_id, NULL);
  g_array_append_val (keys, none);

  /* Effects as positive keys, indicators as negative ones. */
  for (guint i = 0; i < g_list_model_get_n_items (effects); i++)
    {
      g_autoptr(TissageEffect) effect = g_list_model_get_item (effects, i);
      gint64 key = tissage_record_get_id (TISSAGE_RECORD (effect));
      g_autofree char *name = g_strdup_printf (_("Effect: %s"), tissage_effect_get_title (effect));

      if (key == effect_id)
        selected = keys->len;
      gtk_string_list_append (names, name);
      g_array_append_val (keys, key);
    }
  for (guint i = 0; i < g_list_model_get_n_items (indicators); i++)
    {
      g_autoptr(TissageIndicator) indicator = g_list_model_get_item (indicators, i);
      gint64 key = -tissage_record_get_id (TISSAGE_RECORD (indicator));
      g_autofree char *name = g_strdup_printf (_("Indicator: %s"), tissage_indicator_get_title (indicator));

      if (-key == indicator_id && effect_id == 0)
        selected = keys->len;
      gtk_string_list_append (names, name);
      g_array_append_val (keys, key);
    }

  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)),
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (dropdown), TRUE);
  tissage_drop_down_set_ellipsized (GTK_DROP_DOWN (dropdown), 40);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), selected);
  gtk_widget_add_css_class (dropdown, "flat");
  gtk_widget_set_tooltip_text (dropdown, _("What this card stands for in the framework"));
  g_object_set_data_full (G_OBJECT (dropdown), "item", g_object_ref (item), g_object_unref);
  g_object_set_data_full (G_OBJECT (dropdown), "keys", keys, (GDestroyNotify) g_array_unref);
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (on_link_chosen), self);

  return dropdown;
}

/* The choice of what a card stands for is a list of every effect and
 * indicator: made for each card of a board it cost most of the board's
 * building. The card shows a button saying its link; pressed, the
 * list is made and opened in its place. */
static void
on_link_button_clicked (GtkButton      *button,
                        TissageTocView *self)
{
  TissageTocItem *item = g_object_get_data (G_OBJECT (button), "item");
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (button));
  GtkWidget *dropdown = make_link_dropdown (self, item);

  gtk_box_insert_child_after (GTK_BOX (parent), dropdown, GTK_WIDGET (button));
  gtk_box_remove (GTK_BOX (parent), GTK_WIDGET (button));
  gtk_widget_grab_focus (dropdown);
  g_signal_emit_by_name (dropdown, "activate");
}

static GtkWidget *
make_link_choice (TissageTocView *self,
                  TissageTocItem *item)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label;
  g_autofree char *name = NULL;
  g_autofree char *shown = NULL;
  gint64 effect_id, indicator_id;
  gpointer linked = NULL;

  g_object_get (item, "effect-id", &effect_id, "indicator-id", &indicator_id, NULL);
  if (effect_id != 0)
    linked = tissage_document_lookup (self->document, TISSAGE_TYPE_EFFECT, effect_id);
  if (linked != NULL)
    name = g_strdup_printf (_("Effect: %s"), tissage_effect_get_title (linked));
  else if (indicator_id != 0 &&
           (linked = tissage_document_lookup (self->document, TISSAGE_TYPE_INDICATOR, indicator_id)) != NULL)
    name = g_strdup_printf (_("Indicator: %s"), tissage_indicator_get_title (linked));
  else
    name = g_strdup (_("Not linked to the framework"));

  shown = tissage_text_shorten (name, 40);
  label = gtk_label_new (shown);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  /* Cut to the card's width, as the list it stands for is. */
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("pan-down-symbolic"));
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  {
    g_autofree char *tooltip = g_strdup_printf ("%s\n%s", _("What this card stands for in the framework"), name);

    gtk_widget_set_tooltip_text (button, tooltip);
  }
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("What this card stands for in the framework"),
                                  -1);
  g_object_set_data_full (G_OBJECT (button), "item", g_object_ref (item), g_object_unref);
  g_signal_connect (button, "clicked", G_CALLBACK (on_link_button_clicked), self);
  gtk_widget_set_sensitive (button, tissage_widget_can_edit (self->document, "toc_items"));

  return button;
}

/* What a card shows besides its title: when it differs from the card's
 * row, the card is made anew; a title alone is changed in place. */
static char *
card_shown (TissageTocItem *item)
{
  g_autofree char *description = NULL;
  gint64 effect_id, indicator_id;
  int position;

  g_object_get (item,
                "description", &description,
                "position", &position,
                "effect-id", &effect_id,
                "indicator-id", &indicator_id,
                NULL);
  return g_strdup_printf ("%d:%d:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%s",
                          card_stage (item), position, effect_id, indicator_id,
                          description ? description : "");
}

static GtkWidget *
make_card (TissageTocView *self,
           TissageTocItem *item)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *title;
  GtkWidget *remove = gtk_button_new_from_icon_name ("window-close-symbolic");
  GtkGesture *click = gtk_gesture_click_new ();
  g_autofree char *text = NULL;
  g_autofree char *description = NULL;

  g_object_get (item, "title", &text, "description", &description, NULL);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "toc-card");
  title = make_title (self, item, text);

  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_add_css_class (remove, "circular");
  gtk_widget_set_valign (remove, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (remove, _("Delete the Card"));
  g_object_set_data_full (G_OBJECT (remove), "item", g_object_ref (item), g_object_unref);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_delete_card), self);

  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (header), remove);
  gtk_box_append (GTK_BOX (card), header);

  if (description != NULL && *description != '\0')
    {
      GtkWidget *label = gtk_label_new (description);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_lines (GTK_LABEL (label), 3);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (card), label);
    }

  gtk_box_append (GTK_BOX (card), make_link_choice (self, item));

  /* What the card shows, to follow its row in place (see update_card). */
  g_object_set_data_full (G_OBJECT (card), "item", g_object_ref (item), g_object_unref);
  g_object_set_data (G_OBJECT (card), "title", title);
  g_object_set_data (G_OBJECT (card), "remove", remove);
  g_object_set_data_full (G_OBJECT (card), "shown", card_shown (item), g_free);
  g_signal_connect (click, "pressed", G_CALLBACK (on_card_pressed), self);
  gtk_widget_add_controller (card, GTK_EVENT_CONTROLLER (click));

  return card;
}

static void
on_add_card (GtkButton      *button,
             TissageTocView *self)
{
  g_autoptr(TissageTocItem) item = NULL;
  g_autoptr(GError) error = NULL;

  item = tissage_toc_view_add_card (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "stage")), &error);
  if (item == NULL)
    tissage_widget_report_error (GTK_WIDGET (self), error);
}

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

static void
rebuild (TissageTocView *self)
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
      g_signal_connect (add, "clicked", G_CALLBACK (on_add_card), self);
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
      GtkWidget *card = make_card (self, item);
      gint64 *key = g_new (gint64, 1);

      *key = tissage_record_get_id (TISSAGE_RECORD (item));
      g_hash_table_insert (self->cards, key, card);
      gtk_box_append (GTK_BOX (self->columns[card_stage (item)]), card);
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
  rebuild (self);
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
      g_autofree char *shown = item ? card_shown (item) : NULL;

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
  rebuild (self);
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

  rebuild (self);
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
      if (card_stage (item) == (int) stage)
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

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

/* The theory of change: a card, its title edited in place, its menu,
 * and the arrows drawn from it by choosing the cards it leads to. */

#define G_LOG_DOMAIN "tissage-referentiel"

#include "config.h"

#include <glib/gi18n.h>

#include "tissage-toc-view-private.h"
#include "tissage-utils.h"
#include "tissage-widget-utils.h"

int
tissage_toc_view_card_stage (TissageTocItem *item)
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
  tissage_toc_view_rebuild (self);
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
char *
tissage_toc_view_card_shown (TissageTocItem *item)
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
                          tissage_toc_view_card_stage (item), position, effect_id, indicator_id,
                          description ? description : "");
}

GtkWidget *
tissage_toc_view_make_card (TissageTocView *self,
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
  g_object_set_data_full (G_OBJECT (card), "shown", tissage_toc_view_card_shown (item), g_free);
  g_signal_connect (click, "pressed", G_CALLBACK (on_card_pressed), self);
  gtk_widget_add_controller (card, GTK_EVENT_CONTROLLER (click));

  return card;
}

void
tissage_toc_view_on_add_card (GtkButton      *button,
                              TissageTocView *self)
{
  g_autoptr(TissageTocItem) item = NULL;
  g_autoptr(GError) error = NULL;

  item = tissage_toc_view_add_card (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "stage")), &error);
  if (item == NULL)
    tissage_widget_report_error (GTK_WIDGET (self), error);
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#include "config.h"

#include <glib/gi18n.h>

#include "tissage-utils.h"
#include "tissage-verbatim-card.h"
#include "tissage-widget-utils.h"

struct _TissageVerbatimCard
{
  GtkWidget  parent_instance;

  GtkWidget *box;
  GtkLabel  *tone_label;
  GtkWidget *lost_label;
  GtkLabel  *category_label;
  GtkWidget *copy_button;
  GtkWidget *open_button;
  GtkLabel  *quote_label;
  GtkLabel  *source_label;
  GtkLabel  *effects_label;
};

G_DEFINE_FINAL_TYPE (TissageVerbatimCard, tissage_verbatim_card, GTK_TYPE_WIDGET)

void
tissage_verbatim_card_set (TissageVerbatimCard       *self,
                           const TissageVerbatimInfo *info,
                           TissageCategory           *category,
                           const char                *source,
                           const char                *effects)
{
  static const char * const tones[] = { "positive", "negative", "neutral" };
  g_autofree char *quote = NULL;
  g_autofree char *quote_copy = NULL;
  g_autofree char *source_copy = NULL;
  g_autofree char *effects_copy = NULL;

  g_return_if_fail (TISSAGE_IS_VERBATIM_CARD (self));
  g_return_if_fail (info != NULL);

  quote = g_strdup_printf (_("“%s”"), info->quote);
  for (guint i = 0; i < G_N_ELEMENTS (tones); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->tone_label), tones[i]);
  if ((guint) info->tone < G_N_ELEMENTS (tones))
    gtk_widget_add_css_class (GTK_WIDGET (self->tone_label), tones[info->tone]);
  gtk_label_set_text (self->tone_label, tissage_tone_to_label (info->tone));
  gtk_widget_set_visible (self->lost_label, info->lost);

  if (category != NULL)
    {
      g_autofree char *name = tissage_text_shorten (tissage_category_get_name (category), TISSAGE_NAME_MAX_CHARS);
      g_autofree char *markup = g_markup_printf_escaped ("<span foreground=\"%s\">●</span> %s",
                                                         tissage_category_get_color (category), name);

      gtk_label_set_markup (self->category_label, markup);
    }
  else
    gtk_label_set_text (self->category_label, "");

  gtk_label_set_text (self->quote_label, tissage_label_text (quote, TISSAGE_LABEL_MAX_CHARS, &quote_copy));
  gtk_label_set_text (self->source_label, tissage_label_text (source, TISSAGE_LABEL_MAX_CHARS, &source_copy));
  if (effects != NULL)
    gtk_label_set_text (self->effects_label, tissage_label_text (effects, TISSAGE_LABEL_MAX_CHARS, &effects_copy));
  gtk_widget_set_visible (GTK_WIDGET (self->effects_label), effects != NULL);

  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->copy_button), g_variant_new_int64 (info->id));
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->open_button), g_variant_new_int64 (info->id));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, quote, -1);
}

GtkWidget *
tissage_verbatim_card_new (void)
{
  return g_object_new (TISSAGE_TYPE_VERBATIM_CARD, NULL);
}

static void
tissage_verbatim_card_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TISSAGE_TYPE_VERBATIM_CARD);

  G_OBJECT_CLASS (tissage_verbatim_card_parent_class)->dispose (object);
}

static void
tissage_verbatim_card_class_init (TissageVerbatimCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tissage_verbatim_card_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/tissage-verbatim-card.ui");
  gtk_widget_class_bind_template_child (widget_class, TissageVerbatimCard, box);
  gtk_widget_class_bind_template_child (widget_class, TissageVerbatimCard, tone_label);
  gtk_widget_class_bind_template_child (widget_class, TissageVerbatimCard, lost_label);
  gtk_widget_class_bind_template_child (widget_class, TissageVerbatimCard, category_label);
  gtk_widget_class_bind_template_child (widget_class, TissageVerbatimCard, copy_button);
  gtk_widget_class_bind_template_child (widget_class, TissageVerbatimCard, open_button);
  gtk_widget_class_bind_template_child (widget_class, TissageVerbatimCard, quote_label);
  gtk_widget_class_bind_template_child (widget_class, TissageVerbatimCard, source_label);
  gtk_widget_class_bind_template_child (widget_class, TissageVerbatimCard, effects_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "verbatimcard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
tissage_verbatim_card_init (TissageVerbatimCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Set here rather than in the template: a card is made for each row of
   * the list, and a tooltip set on a widget shown costs a round trip to
   * the display. */
  tissage_widget_set_tooltip_quietly (self->lost_label, _("The answer was changed and no longer holds this passage."));
  tissage_widget_set_tooltip_quietly (self->copy_button, _("Copy the quote with its source"));
  tissage_widget_set_tooltip_quietly (self->open_button, _("Open the Interview"));
}

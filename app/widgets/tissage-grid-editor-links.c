/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

/* The guide editor: what a question measures, its effects and indicators
 * as chips, and the picker that adds or removes them. */

#define G_LOG_DOMAIN "tissage-grids"

#include "config.h"

#include <glib/gi18n.h>

#include "tissage-grid-editor-private.h"
#include "tissage-referentiel.h"
#include "tissage-widget-utils.h"

static void refresh_links    (TissageGridEditor *self);

/* Links to effects and indicators */

static GPtrArray *
dup_links (TissageGridEditor *self,
           GType              type,
           gint64             question_id)
{
  GListModel *model = tissage_document_get_records (self->document, type);
  GPtrArray *links = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TissageRecord) link = g_list_model_get_item (model, i);
      gint64 question = 0;

      g_object_get (link, "question-id", &question, NULL);
      if (question == question_id)
        g_ptr_array_add (links, g_steal_pointer (&link));
    }

  return links;
}

static TissageRecord *
find_link (TissageGridEditor *self,
           GType              type,
           gint64             question_id,
           const char        *column,
           gint64             target)
{
  g_autoptr(GPtrArray) links = dup_links (self, type, question_id);

  for (guint i = 0; i < links->len; i++)
    {
      gint64 id = 0;

      g_object_get (g_ptr_array_index (links, i), column, &id, NULL);
      if (id == target)
        return g_object_ref (g_ptr_array_index (links, i));
    }

  return NULL;
}

static void
set_link (QuestionRow *row,
          gboolean     effect,
          gint64       target,
          gboolean     linked)
{
  TissageGridEditor *self = row->editor;
  GType type = effect ? TISSAGE_TYPE_QUESTION_EFFECT : TISSAGE_TYPE_QUESTION_INDICATOR;
  const char *column = effect ? "effect-id" : "indicator-id";
  g_autoptr(TissageRecord) existing = find_link (self, type, row->id, column, target);
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  if (linked && existing == NULL)
    {
      g_autoptr(TissageRecord) added =
        tissage_document_insert (self->document, type, &error, "question-id", row->id, column, target, NULL);
      ok = added != NULL;
    }
  else if (!linked && existing != NULL)
    ok = tissage_document_delete (self->document, existing, &error);

  if (!ok)
    tissage_grid_editor_report (self, error);
}

static void
on_chip_remove (GtkButton   *button,
                QuestionRow *row)
{
  set_link (row, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "effect")),
            *(gint64 *) g_object_get_data (G_OBJECT (button), "target"), FALSE);
}

static void
add_chip (QuestionRow *row,
          gboolean     effect,
          gint64       target,
          const char  *title)
{
  GtkWidget *chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *icon = gtk_image_new_from_icon_name (effect ? "starred-symbolic" : "view-list-bullet-symbolic");
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *remove = gtk_button_new_from_icon_name ("window-close-symbolic");
  g_autofree char *tooltip = g_strdup_printf (_("Unlink “%s”"), title);
  gint64 *id = g_new (gint64, 1);

  *id = target;
  gtk_widget_add_css_class (chip, "grid-chip");
  gtk_widget_set_tooltip_text (icon, effect ? _("Expected effect") : _("Indicator"));
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_widget_set_tooltip_text (label, title);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_add_css_class (remove, "circular");
  gtk_widget_set_tooltip_text (remove, tooltip);
  g_object_set_data (G_OBJECT (remove), "effect", GINT_TO_POINTER (effect));
  g_object_set_data_full (G_OBJECT (remove), "target", id, g_free);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_chip_remove), row);
  gtk_box_append (GTK_BOX (chip), icon);
  gtk_box_append (GTK_BOX (chip), label);
  gtk_box_append (GTK_BOX (chip), remove);
  gtk_flow_box_append (GTK_FLOW_BOX (row->widget->links_box), chip);
}

void
tissage_grid_editor_refresh_question_links (QuestionRow *row)
{
  TissageGridEditor *self = row->editor;
  g_autoptr(GPtrArray) effects = dup_links (self, TISSAGE_TYPE_QUESTION_EFFECT, row->id);
  g_autoptr(GPtrArray) indicators = dup_links (self, TISSAGE_TYPE_QUESTION_INDICATOR, row->id);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (row->widget->links_box)) != NULL)
    gtk_flow_box_remove (GTK_FLOW_BOX (row->widget->links_box), child);

  row->n_effects = row->n_indicators = 0;
  for (guint i = 0; i < effects->len; i++)
    {
      gint64 id = tissage_question_effect_get_effect_id (g_ptr_array_index (effects, i));
      TissageEffect *effect = tissage_document_lookup (self->document, TISSAGE_TYPE_EFFECT, id);

      if (effect != NULL)
        {
          add_chip (row, TRUE, id, tissage_effect_get_title (effect));
          row->n_effects++;
        }
    }
  for (guint i = 0; i < indicators->len; i++)
    {
      gint64 id = tissage_question_indicator_get_indicator_id (g_ptr_array_index (indicators, i));
      TissageIndicator *indicator = tissage_document_lookup (self->document, TISSAGE_TYPE_INDICATOR, id);

      if (indicator != NULL)
        {
          add_chip (row, FALSE, id, tissage_indicator_get_title (indicator));
          row->n_indicators++;
        }
    }

  gtk_widget_set_visible (row->widget->links_box, row->n_effects + row->n_indicators > 0);
  gtk_widget_set_visible (row->widget->links_empty, row->n_effects + row->n_indicators == 0);
}

gboolean
tissage_grid_editor_links_idle_cb (gpointer data)
{
  TissageGridEditor *self = data;

  self->links_idle = 0;
  refresh_links (self);
  return G_SOURCE_REMOVE;
}

static void
refresh_links (TissageGridEditor *self)
{
  GHashTableIter iter;
  gpointer value;

  g_clear_handle_id (&self->links_idle, g_source_remove);
  g_hash_table_iter_init (&iter, self->questions);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      tissage_grid_editor_refresh_question_links (value);
      tissage_grid_editor_refresh_question (value);
    }
}

/* The picker of effects and indicators */

static void
on_pick_toggled (GtkCheckButton *check,
                 QuestionRow    *row)
{
  set_link (row, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (check), "effect")),
            *(gint64 *) g_object_get_data (G_OBJECT (check), "target"),
            gtk_check_button_get_active (check));
}

static gboolean
filter_pick (GtkListBoxRow *item,
             gpointer       data)
{
  GtkEditable *search = data;

  return tissage_search_matches (gtk_editable_get_text (search),
                                 adw_preferences_row_get_title (ADW_PREFERENCES_ROW (item)));
}

static void
add_pick_row (QuestionRow *row,
              GtkListBox  *list,
              gboolean     effect,
              gint64       target,
              const char  *title,
              const char  *subtitle,
              gboolean     linked)
{
  GtkWidget *item = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  gint64 *id = g_new (gint64, 1);

  *id = target;
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (item), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (item), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (item), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (item), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (item), check);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), linked);
  g_object_set_data (G_OBJECT (check), "effect", GINT_TO_POINTER (effect));
  g_object_set_data_full (G_OBJECT (check), "target", id, g_free);
  g_signal_connect (check, "toggled", G_CALLBACK (on_pick_toggled), row);
  gtk_list_box_append (list, item);
}

void
tissage_grid_editor_create_picker (GtkMenuButton *button,
                                   gpointer       data)
{
  QuestionRow *row = data;
  TissageGridEditor *self = row->editor;
  GListModel *effects = tissage_document_get_records (self->document, TISSAGE_TYPE_EFFECT);
  GListModel *indicators = tissage_document_get_records (self->document, TISSAGE_TYPE_INDICATOR);
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *search = gtk_search_entry_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *placeholder = gtk_label_new (_("The référentiel has no effects or indicators yet."));

  gtk_widget_set_size_request (box, 380, -1);
  g_object_set (search, "placeholder-text", _("Search effects and indicators"), NULL);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 420);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (list), placeholder);
  gtk_list_box_set_filter_func (GTK_LIST_BOX (list), filter_pick, search, NULL);
  g_signal_connect_swapped (search, "search-changed", G_CALLBACK (gtk_list_box_invalidate_filter), list);

  for (guint i = 0; i < g_list_model_get_n_items (effects); i++)
    {
      g_autoptr(TissageEffect) effect = g_list_model_get_item (effects, i);
      g_autoptr(TissageRecord) link = find_link (self, TISSAGE_TYPE_QUESTION_EFFECT, row->id,
                                                 "effect-id", tissage_record_id (effect));

      add_pick_row (row, GTK_LIST_BOX (list), TRUE, tissage_record_id (effect), tissage_effect_get_title (effect),
                    _("Expected effect"), link != NULL);
    }
  for (guint i = 0; i < g_list_model_get_n_items (indicators); i++)
    {
      g_autoptr(TissageIndicator) indicator = g_list_model_get_item (indicators, i);
      g_autoptr(TissageRecord) link = find_link (self, TISSAGE_TYPE_QUESTION_INDICATOR, row->id,
                                                 "indicator-id", tissage_record_id (indicator));
      TissageEffect *effect = tissage_document_lookup (self->document, TISSAGE_TYPE_EFFECT,
                                                       tissage_indicator_get_effect_id (indicator));
      g_autofree char *subtitle = effect != NULL
        ? g_strdup_printf (_("Indicator of “%s”"), tissage_effect_get_title (effect))
        : g_strdup (_("Indicator"));

      add_pick_row (row, GTK_LIST_BOX (list), FALSE, tissage_record_id (indicator),
                    tissage_indicator_get_title (indicator), subtitle, link != NULL);
    }

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_box_append (GTK_BOX (box), search);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (button, popover);
}

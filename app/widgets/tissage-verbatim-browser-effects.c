/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

/* The quotes browser: the effects of the référentiel with how many quotes
 * tell of each, and the drop-downs that filter the quotes. */

#define G_LOG_DOMAIN "tissage-interviews"

#include "config.h"

#include <glib/gi18n.h>

#include "tissage-interviews.h"
#include "tissage-referentiel.h"
#include "tissage-utils.h"
#include "tissage-verbatim-browser-private.h"
#include "tissage-verbatim-item.h"
#include "tissage-widget-utils.h"

/* The effects list */

static GtkWidget *
effect_row_new (gint64      effect_id,
                const char *title,
                const char *group)
{
  g_autofree char *copy = NULL;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *label = gtk_label_new (tissage_label_text (title, TISSAGE_LABEL_MAX_CHARS, &copy));
  GtkWidget *count = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (label), 3);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_tooltip_text (label, title);
  gtk_widget_set_valign (count, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (count, "verbatim-count");
  gtk_widget_add_css_class (count, "numeric");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), count);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  g_object_set_data_full (G_OBJECT (row), "effect-id", g_memdup2 (&effect_id, sizeof effect_id), g_free);
  g_object_set_data_full (G_OBJECT (row), "title", g_strdup (title), g_free);
  g_object_set_data_full (G_OBJECT (row), "group", g_strdup (group), g_free);
  g_object_set_data (G_OBJECT (row), "count-label", count);
  return row;
}

gint64
tissage_verbatim_browser_row_effect_id (GtkListBoxRow *row)
{
  gint64 *id = row != NULL ? g_object_get_data (G_OBJECT (row), "effect-id") : NULL;

  return id != NULL ? *id : 0;
}

void
tissage_verbatim_browser_effect_header (GtkListBoxRow *row,
                                        GtkListBoxRow *before,
                                        gpointer       user_data)
{
  const char *group = g_object_get_data (G_OBJECT (row), "group");
  const char *previous = before != NULL ? g_object_get_data (G_OBJECT (before), "group") : NULL;
  GtkWidget *header;

  if (group == NULL || g_strcmp0 (group, previous) == 0)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  header = gtk_label_new (group);
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_label_set_wrap (GTK_LABEL (header), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (header), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (header, "verbatim-stake");
  gtk_widget_add_css_class (header, "caption-heading");
  gtk_widget_add_css_class (header, "dim-label");
  gtk_list_box_row_set_header (row, header);
}

/* How many quotes tell of each effect; effects without any are dimmed. */
void
tissage_verbatim_browser_update_counts (TissageVerbatimBrowser *self)
{
  g_autoptr(GHashTable) counts = tissage_document_count_verbatims_by_effect (self->document);
  guint total = tissage_document_count_verbatims (self->document);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->effect_list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *label;
      gint64 id;
      guint count;
      g_autofree char *text = NULL;
      g_autofree char *description = NULL;

      if (!GTK_IS_LIST_BOX_ROW (child))
        continue;
      label = g_object_get_data (G_OBJECT (child), "count-label");
      id = tissage_verbatim_browser_row_effect_id (GTK_LIST_BOX_ROW (child));
      count = id == 0 ? total : GPOINTER_TO_UINT (g_hash_table_lookup (counts, &id));
      text = g_strdup_printf ("%u", count);
      gtk_label_set_text (label, text);
      if (count == 0)
        gtk_widget_add_css_class (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (child)), "dim-label");
      else
        gtk_widget_remove_css_class (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (child)), "dim-label");

      description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u quote", "%s, %u quotes", count),
                                     (const char *) g_object_get_data (G_OBJECT (child), "title"), count);
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
    }
}

static void
select_effect_row (TissageVerbatimBrowser *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->effect_list, 0);

  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->effect_list, i);

      if (row == NULL)
        break;
      if (tissage_verbatim_browser_row_effect_id (row) == self->effect_id)
        {
          gtk_list_box_select_row (self->effect_list, row);
          return;
        }
    }

  /* The effect is gone: back to them all. */
  self->effect_id = 0;
  gtk_list_box_select_row (self->effect_list, first);
}

void
tissage_verbatim_browser_rebuild_effects (TissageVerbatimBrowser *self)
{
  g_autoptr(GPtrArray) stakes = tissage_verbatim_browser_sorted_records (self->document, TISSAGE_TYPE_STAKE);
  g_autoptr(GPtrArray) questions = tissage_verbatim_browser_sorted_records (self->document, TISSAGE_TYPE_EVAL_QUESTION);
  g_autoptr(GPtrArray) effects = tissage_verbatim_browser_sorted_records (self->document, TISSAGE_TYPE_EFFECT);
  g_autoptr(GHashTable) placed = g_hash_table_new (NULL, NULL);
  GtkWidget *child;

  self->updating = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->effect_list))) != NULL)
    gtk_list_box_remove (self->effect_list, child);

  gtk_list_box_append (self->effect_list, effect_row_new (0, _("All the effects"), NULL));

  /* Effects under their stake, through their evaluation question. */
  for (guint s = 0; s < stakes->len; s++)
    {
      TissageStake *stake = g_ptr_array_index (stakes, s);

      for (guint q = 0; q < questions->len; q++)
        {
          TissageEvalQuestion *question = g_ptr_array_index (questions, q);

          if (tissage_eval_question_get_stake_id (question) != tissage_record_id (stake))
            continue;
          for (guint e = 0; e < effects->len; e++)
            {
              TissageEffect *effect = g_ptr_array_index (effects, e);

              if (tissage_effect_get_question_id (effect) != tissage_record_id (question))
                continue;
              gtk_list_box_append (self->effect_list,
                                   effect_row_new (tissage_record_id (effect), tissage_effect_get_title (effect),
                                                   tissage_stake_get_title (stake)));
              g_hash_table_add (placed, effect);
            }
        }
    }

  for (guint e = 0; e < effects->len; e++)
    {
      TissageEffect *effect = g_ptr_array_index (effects, e);

      if (!g_hash_table_contains (placed, effect))
        gtk_list_box_append (self->effect_list,
                             effect_row_new (tissage_record_id (effect), tissage_effect_get_title (effect),
                                             _("Other effects")));
    }

  tissage_verbatim_browser_update_counts (self);
  select_effect_row (self);
  self->updating = FALSE;
}

/* The filters */

static void
fill_filter (GtkDropDown *dropdown,
             GArray      *ids,
             const char  *any,
             GListModel  *records,
             const char  *(*get_name) (gpointer))
{
  gint64 tissage_verbatim_browser_selected_id = 0;
  gint64 any_id = 0;
  guint selected = 0;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  if (gtk_drop_down_get_selected (dropdown) < ids->len)
    tissage_verbatim_browser_selected_id = g_array_index (ids, gint64, gtk_drop_down_get_selected (dropdown));

  g_array_set_size (ids, 0);
  gtk_string_list_append (names, any);
  g_array_append_val (ids, any_id);

  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(TissageRecord) record = g_list_model_get_item (records, i);
      gint64 id = tissage_record_id (record);

      gtk_string_list_append (names, get_name (record));
      g_array_append_val (ids, id);
      if (id == tissage_verbatim_browser_selected_id)
        selected = ids->len - 1;
    }

  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (dropdown, selected);
}

void
tissage_verbatim_browser_rebuild_filters (TissageVerbatimBrowser *self)
{
  self->updating = TRUE;
  fill_filter (self->category_filter, self->category_ids, _("All the categories"),
               tissage_document_get_categories (self->document),
               (const char *(*) (gpointer)) tissage_category_get_name);
  fill_filter (self->structure_filter, self->structure_ids, _("All the structures"),
               tissage_document_get_structures (self->document),
               (const char *(*) (gpointer)) tissage_structure_get_name);
  self->updating = FALSE;
}

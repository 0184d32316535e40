/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

/* The référentiel page: the tree of stakes, questions, effects and
 * indicators, its models, what the search keeps, its rows. */

#define G_LOG_DOMAIN "tissage-referentiel"

#include "config.h"

#include <glib/gi18n.h>

#include "tissage-record-editor.h"
#include "tissage-referentiel-page-private.h"
#include "tissage-referentiel.h"
#include "tissage-utils.h"
#include "tissage-widget-utils.h"

Level
tissage_referentiel_page_level_of (gpointer record)
{
  if (TISSAGE_IS_STAKE (record))
    return LEVEL_STAKE;
  if (TISSAGE_IS_EVAL_QUESTION (record))
    return LEVEL_QUESTION;
  if (TISSAGE_IS_EFFECT (record))
    return LEVEL_EFFECT;
  return LEVEL_INDICATOR;
}

GType
tissage_referentiel_page_type_of_level (Level level)
{
  switch (level)
    {
    case LEVEL_STAKE: return TISSAGE_TYPE_STAKE;
    case LEVEL_QUESTION: return TISSAGE_TYPE_EVAL_QUESTION;
    case LEVEL_EFFECT: return TISSAGE_TYPE_EFFECT;
    case LEVEL_INDICATOR:
    case N_LEVELS:
    default: return TISSAGE_TYPE_INDICATOR;
    }
}

const char *tissage_referentiel_page_parent_property[] = { NULL, "stake-id", "question-id", "effect-id" };

gint64
tissage_referentiel_page_parent_id (gpointer record)
{
  Level level = tissage_referentiel_page_level_of (record);
  gint64 id = 0;

  if (level != LEVEL_STAKE)
    g_object_get (record, tissage_referentiel_page_parent_property[level], &id, NULL);
  return id;
}

gpointer
tissage_referentiel_page_parent_of (TissageReferentielPage *self,
                                    gpointer                record)
{
  Level level = tissage_referentiel_page_level_of (record);

  if (level == LEVEL_STAKE)
    return NULL;
  return tissage_document_lookup (self->document, tissage_referentiel_page_type_of_level (level - 1), tissage_referentiel_page_parent_id (record));
}

const char *
tissage_referentiel_page_title_of (gpointer record)
{
  switch (tissage_referentiel_page_level_of (record))
    {
    case LEVEL_STAKE: return tissage_stake_get_title (record);
    case LEVEL_QUESTION: return tissage_eval_question_get_title (record);
    case LEVEL_EFFECT: return tissage_effect_get_title (record);
    case LEVEL_INDICATOR:
    case N_LEVELS:
    default: return tissage_indicator_get_title (record);
    }
}

static char *
visible_key (Level  level,
             gint64 id)
{
  return g_strdup_printf ("%d:%" G_GINT64_FORMAT, level, id);
}

/* Tree */

typedef struct {
  TissageReferentielPage *page;
  Level                   level;
  gint64                  parent;
} FilterData;

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  FilterData *data = user_data;
  g_autofree char *key = NULL;

  if (data->level != LEVEL_STAKE && tissage_referentiel_page_parent_id (item) != data->parent)
    return FALSE;

  if (data->page->visible == NULL)
    return TRUE;

  key = visible_key (data->level, tissage_record_id (item));
  return g_hash_table_contains (data->page->visible, key);
}

void
tissage_referentiel_page_forget_weak (gpointer  data,
                                      GObject  *where_the_object_was)
{
  g_ptr_array_remove_fast (data, where_the_object_was);
}

static int
compare_positions_func (gconstpointer a,
                        gconstpointer b,
                        gpointer      user_data)
{
  int pa, pb;

  g_object_get ((gpointer) a, "position", &pa, NULL);
  g_object_get ((gpointer) b, "position", &pb, NULL);
  return pa < pb ? -1 : pa > pb;
}

static GListModel *
level_model (TissageReferentielPage *self,
             Level                   level,
             gint64                  parent)
{
  FilterData *data = g_new0 (FilterData, 1);
  GtkCustomFilter *filter;
  GtkSorter *sorter;
  GtkFilterListModel *filtered;

  data->page = self;
  data->level = level;
  data->parent = parent;

  filter = gtk_custom_filter_new (filter_func, data, g_free);
  g_ptr_array_add (self->filters, filter);
  g_object_weak_ref (G_OBJECT (filter), tissage_referentiel_page_forget_weak, self->filters);

  /* A custom sorter reads the positions again when told they changed; a
   * numeric sorter's keys are kept from when the rows were first sorted,
   * so a row moved with Alt+Down stayed in place. */
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_positions_func, NULL, NULL));
  g_ptr_array_add (self->sorters, sorter);
  g_object_weak_ref (G_OBJECT (sorter), tissage_referentiel_page_forget_weak, self->sorters);

  filtered = gtk_filter_list_model_new (g_object_ref (tissage_document_get_records (self->document, tissage_referentiel_page_type_of_level (level))),
                                        GTK_FILTER (filter));
  return G_LIST_MODEL (gtk_sort_list_model_new (G_LIST_MODEL (filtered), sorter));
}

static GListModel *
create_children (gpointer item,
                 gpointer user_data)
{
  TissageReferentielPage *self = user_data;
  Level level = tissage_referentiel_page_level_of (item);

  if (level == LEVEL_INDICATOR)
    return NULL;

  return level_model (self, level + 1, tissage_record_id (item));
}

void
tissage_referentiel_page_update_counts (TissageReferentielPage *self)
{
  g_autofree char *text = NULL;
  g_autofree char *stakes_text = NULL;
  g_autofree char *effects_text = NULL;
  g_autofree char *indicators_text = NULL;
  guint stakes, effects, indicators;

  if (self->document == NULL)
    return;

  stakes = g_list_model_get_n_items (tissage_document_get_records (self->document, TISSAGE_TYPE_STAKE));
  effects = g_list_model_get_n_items (tissage_document_get_records (self->document, TISSAGE_TYPE_EFFECT));
  indicators = g_list_model_get_n_items (tissage_document_get_records (self->document, TISSAGE_TYPE_INDICATOR));

  stakes_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u stake", "%u stakes", stakes), stakes);
  effects_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u effect", "%u effects", effects), effects);
  indicators_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u indicator", "%u indicators", indicators), indicators);
  text = g_strdup_printf ("%s · %s · %s", stakes_text, effects_text, indicators_text);
  gtk_label_set_text (self->count_label, text);

  if (stakes == 0)
    gtk_stack_set_visible_child_name (self->tree_stack, "empty");
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->tree)) == 0)
    gtk_stack_set_visible_child_name (self->tree_stack, "no-match");
  else
    gtk_stack_set_visible_child_name (self->tree_stack, "tree");
}

void
tissage_referentiel_page_rebuild_tree (TissageReferentielPage *self)
{
  GListModel *root;

  if (self->document == NULL)
    {
      gtk_single_selection_set_model (self->selection, NULL);
      g_clear_object (&self->tree);
      return;
    }

  root = level_model (self, LEVEL_STAKE, 0);
  g_clear_object (&self->tree);
  /* While searching, everything that matches is shown open. */
  self->tree = gtk_tree_list_model_new (root, FALSE, self->visible != NULL, create_children, self, NULL);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->tree));
  tissage_referentiel_page_update_counts (self);
}

void
tissage_referentiel_page_refilter (TissageReferentielPage *self)
{
  for (guint i = 0; i < self->filters->len; i++)
    gtk_filter_changed (g_ptr_array_index (self->filters, i), GTK_FILTER_CHANGE_DIFFERENT);
  for (guint i = 0; i < self->sorters->len; i++)
    gtk_sorter_changed (g_ptr_array_index (self->sorters, i), GTK_SORTER_CHANGE_DIFFERENT);
}

/* Search: what matches, and its ancestors so that it can be reached. */
void
tissage_referentiel_page_compute_visible (TissageReferentielPage *self)
{
  g_clear_pointer (&self->visible, g_hash_table_unref);

  if (self->document == NULL || self->search_text == NULL || *self->search_text == '\0')
    return;

  self->visible = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (Level level = LEVEL_STAKE; level < N_LEVELS; level++)
    {
      GListModel *records = tissage_document_get_records (self->document, tissage_referentiel_page_type_of_level (level));

      for (guint i = 0; i < g_list_model_get_n_items (records); i++)
        {
          g_autoptr(TissageRecord) record = g_list_model_get_item (records, i);
          gpointer up;

          if (!tissage_search_matches (self->search_text, tissage_referentiel_page_title_of (record)))
            continue;

          g_hash_table_add (self->visible, visible_key (level, tissage_record_id (record)));
          for (up = tissage_referentiel_page_parent_of (self, record); up != NULL; up = tissage_referentiel_page_parent_of (self, up))
            g_hash_table_add (self->visible, visible_key (tissage_referentiel_page_level_of (up), tissage_record_id (up)));
        }
    }
}

/* Rows */

/* The question's icon is bundled: Adwaita's dialog-question, a diamond
 * holding a question mark, reads as the "�" of a broken character. */
static const char *
icon_of (Level level)
{
  static const char *icons[] = {
    "mark-location-symbolic", "tissage-question-symbolic", "starred-symbolic", "view-list-bullet-symbolic",
  };

  return icons[level];
}

void
tissage_referentiel_page_setup_row (GtkSignalListItemFactory *factory,
                                    GtkListItem              *item,
                                    gpointer                  user_data)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *badge = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (badge, "caption");
  gtk_widget_add_css_class (badge, "dim-label");
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);

  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), badge);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);

  g_object_set_data (G_OBJECT (expander), "icon", icon);
  g_object_set_data (G_OBJECT (expander), "label", label);
  g_object_set_data (G_OBJECT (expander), "badge", badge);
  gtk_list_item_set_child (item, expander);

  /* Rows move by drag and drop, as with Alt+Up and Alt+Down. */
  {
    GtkDragSource *source = gtk_drag_source_new ();
    GtkDropTarget *target = gtk_drop_target_new (TISSAGE_TYPE_RECORD, GDK_ACTION_MOVE);

    gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
    g_signal_connect (source, "prepare", G_CALLBACK (tissage_referentiel_page_on_drag_prepare), item);
    gtk_widget_add_controller (expander, GTK_EVENT_CONTROLLER (source));
    g_signal_connect (target, "drop", G_CALLBACK (tissage_referentiel_page_on_drop), item);
    gtk_widget_add_controller (expander, GTK_EVENT_CONTROLLER (target));
    g_object_set_data (G_OBJECT (item), "page", user_data);
  }
}

static void
refresh_row (GtkListItem *item)
{
  GtkTreeListRow *row = gtk_list_item_get_item (item);
  GtkWidget *expander = gtk_list_item_get_child (item);
  gpointer record;
  Level level;
  const char *badge = "";

  if (row == NULL)
    return;

  record = gtk_tree_list_row_get_item (row);
  level = tissage_referentiel_page_level_of (record);

  gtk_image_set_from_icon_name (g_object_get_data (G_OBJECT (expander), "icon"), icon_of (level));
  gtk_label_set_text (g_object_get_data (G_OBJECT (expander), "label"), tissage_referentiel_page_title_of (record));
  /* Long titles are cut in the tree: the whole of it shows on hover. */
  gtk_widget_set_tooltip_text (g_object_get_data (G_OBJECT (expander), "label"), tissage_referentiel_page_title_of (record));

  if (level == LEVEL_INDICATOR)
    {
      int type;

      g_object_get (record, "type", &type, NULL);
      badge = tissage_indicator_type_to_label (type);
    }
  else if (level == LEVEL_EFFECT)
    {
      gboolean positive;

      g_object_get (record, "positive", &positive, NULL);
      if (!positive)
        badge = _("negative");
    }
  gtk_label_set_text (g_object_get_data (G_OBJECT (expander), "badge"), badge);
  g_object_unref (record);
}

void
tissage_referentiel_page_bind_row (GtkSignalListItemFactory *factory,
                                   GtkListItem              *item,
                                   gpointer                  user_data)
{
  GtkTreeListRow *row = gtk_list_item_get_item (item);
  g_autoptr(GObject) record = gtk_tree_list_row_get_item (row);
  gulong id;

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (gtk_list_item_get_child (item)), row);
  id = g_signal_connect_swapped (record, "notify", G_CALLBACK (refresh_row), item);
  g_object_set_data (G_OBJECT (item), "notify-id", GSIZE_TO_POINTER (id));
  g_object_set_data_full (G_OBJECT (item), "record", g_object_ref (record), g_object_unref);
  refresh_row (item);
}

void
tissage_referentiel_page_unbind_row (GtkSignalListItemFactory *factory,
                                     GtkListItem              *item,
                                     gpointer                  user_data)
{
  GObject *record = g_object_get_data (G_OBJECT (item), "record");
  gulong id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (item), "notify-id"));

  if (record != NULL && id != 0)
    g_signal_handler_disconnect (record, id);
  g_object_set_data (G_OBJECT (item), "notify-id", NULL);
  g_object_set_data (G_OBJECT (item), "record", NULL);
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-referentiel"

#include "config.h"

#include <glib/gi18n.h>

#include "tissage-bank-dialog.h"
#include "tissage-measures-grid.h"
#include "tissage-record-editor.h"
#include "tissage-referentiel-page.h"
#include "tissage-referentiel.h"
#include "tissage-toc-view.h"
#include "tissage-utils.h"
#include "tissage-widget-utils.h"

typedef enum {
  LEVEL_STAKE,
  LEVEL_QUESTION,
  LEVEL_EFFECT,
  LEVEL_INDICATOR,
  N_LEVELS
} Level;

struct _TissageReferentielPage
{
  GtkWidget            parent_instance;

  GtkWidget           *root;
  GtkStack            *view_stack;
  GtkToggleButton     *framework_button;
  GtkToggleButton     *toc_button;
  TissageTocView      *toc_view;
  GtkSearchEntry      *search_entry;
  GtkWidget           *add_button;
  GtkStack            *tree_stack;
  GtkListView         *tree_view;
  GtkLabel            *count_label;
  GtkStack            *detail_stack;

  TissageRecordEditor *editors[N_LEVELS];
  AdwPreferencesGroup *concerns_group;
  TissageMeasuresGrid *measures;
  GPtrArray           *concern_rows;
  AdwComboRow         *concern_choice;
  GArray              *concern_choice_ids;   /* > 0 stakeholder, < 0 category */

  TissageDocument     *document;
  GtkTreeListModel    *tree;
  GtkSingleSelection  *selection;
  GPtrArray           *filters;   /* weak: every filter of the tree */
  GPtrArray           *sorters;   /* weak */
  GHashTable          *visible;   /* "level:id" shown by the search, or NULL */
  char                *search_text;
};

G_DEFINE_FINAL_TYPE (TissageReferentielPage, tissage_referentiel_page, GTK_TYPE_WIDGET)

static GdkContentProvider *on_drag_prepare (GtkDragSource *source, double x, double y, GtkListItem *item);
static gboolean            on_drop         (GtkDropTarget *target, const GValue *value,
                                            double x, double y, GtkListItem *item);

static const char * const horizons[] = { N_("Short term"), N_("Medium term"), N_("Long term"), NULL };
static const char * const types[] = { N_("Output"), N_("Outcome"), N_("Impact"), NULL };
static const char * const natures[] = { N_("Quantitative"), N_("Qualitative"), NULL };
static const char * const collections[] = { N_("Interview"), N_("Questionnaire"), N_("Monitoring table"),
                                            N_("Observation"), N_("Administrative data"), NULL };
static const char * const directions[] = { N_("Upward"), N_("Downward"), NULL };
static const char * const consolidations[] = { N_("None: entered for the collective"),
                                               N_("Sum of the structures"),
                                               N_("Mean of the structures"), NULL };

static const TissageField stake_fields[] = {
  { "title", N_("Stake"), TISSAGE_FIELD_TEXT, N_("Stake"), NULL, NULL },
  { "description", N_("Description"), TISSAGE_FIELD_NOTES, NULL, NULL, NULL },
};

static const TissageField question_fields[] = {
  { "title", N_("Evaluation question"), TISSAGE_FIELD_TEXT, N_("Evaluation Question"), NULL, NULL },
  { "description", N_("Description"), TISSAGE_FIELD_NOTES, NULL, NULL, NULL },
};

static const TissageField effect_fields[] = {
  { "title", N_("Expected effect"), TISSAGE_FIELD_TEXT, N_("Expected Effect"), NULL, NULL },
  { "description", N_("Description"), TISSAGE_FIELD_NOTES, NULL, NULL, NULL },
  { "horizon", N_("Horizon"), TISSAGE_FIELD_CHOICE, N_("Horizon and Direction"), horizons, NULL },
  { "positive", N_("Positive effect"), TISSAGE_FIELD_SWITCH, NULL, NULL,
    N_("Turn off for a negative or unintended effect") },
};

static const TissageField indicator_fields[] = {
  { "title", N_("Indicator"), TISSAGE_FIELD_TEXT, N_("Indicator"), NULL, NULL },
  { "definition", N_("Definition"), TISSAGE_FIELD_NOTES, NULL, NULL, NULL },
  { "type", N_("Type"), TISSAGE_FIELD_CHOICE, N_("Nature"), types, NULL },
  { "nature", N_("Nature"), TISSAGE_FIELD_CHOICE, NULL, natures, NULL },
  { "unit", N_("Unit"), TISSAGE_FIELD_TEXT, NULL, NULL, NULL },
  { "calculation", N_("Calculation method"), TISSAGE_FIELD_TEXT, N_("Calculation and Collection"), NULL, NULL },
  { "source", N_("Data source"), TISSAGE_FIELD_TEXT, NULL, NULL, NULL },
  { "collection", N_("Collection method"), TISSAGE_FIELD_CHOICE, NULL, collections, NULL },
  { "frequency", N_("Frequency"), TISSAGE_FIELD_TEXT, NULL, NULL, NULL },
  { "baseline", N_("Baseline"), TISSAGE_FIELD_NUMBER, N_("Baseline and Target"), NULL, NULL },
  { "baseline-text", N_("Baseline, in words"), TISSAGE_FIELD_TEXT, NULL, NULL, NULL },
  { "baseline-date", N_("Baseline date"), TISSAGE_FIELD_DATE, NULL, NULL, NULL },
  { "target", N_("Target"), TISSAGE_FIELD_NUMBER, NULL, NULL, NULL },
  { "target-text", N_("Target, in words"), TISSAGE_FIELD_TEXT, NULL, NULL, NULL },
  { "target-date", N_("Target date"), TISSAGE_FIELD_DATE, NULL, NULL, NULL },
  { "direction", N_("Direction"), TISSAGE_FIELD_CHOICE, NULL, directions,
    N_("Downward when less is better: delays, dropouts") },
  { "scope-structure-id", N_("Scope"), TISSAGE_FIELD_STRUCTURE, N_("Scope"), NULL, NULL },
  { "scope-territory", N_("Territory"), TISSAGE_FIELD_TEXT, NULL, NULL, NULL },
  { "responsible", N_("Responsible person or structure"), TISSAGE_FIELD_TEXT, NULL, NULL, NULL },
  { "consolidation", N_("Collective-wide value"), TISSAGE_FIELD_CHOICE, NULL, consolidations, NULL },
};

static Level
level_of (gpointer record)
{
  if (TISSAGE_IS_STAKE (record))
    return LEVEL_STAKE;
  if (TISSAGE_IS_EVAL_QUESTION (record))
    return LEVEL_QUESTION;
  if (TISSAGE_IS_EFFECT (record))
    return LEVEL_EFFECT;
  return LEVEL_INDICATOR;
}

static GType
type_of_level (Level level)
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

static const char *parent_property[] = { NULL, "stake-id", "question-id", "effect-id" };

static gint64
parent_id (gpointer record)
{
  Level level = level_of (record);
  gint64 id = 0;

  if (level != LEVEL_STAKE)
    g_object_get (record, parent_property[level], &id, NULL);
  return id;
}

static gpointer
parent_of (TissageReferentielPage *self,
           gpointer                record)
{
  Level level = level_of (record);

  if (level == LEVEL_STAKE)
    return NULL;
  return tissage_document_lookup (self->document, type_of_level (level - 1), parent_id (record));
}

static const char *
title_of (gpointer record)
{
  switch (level_of (record))
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

  if (data->level != LEVEL_STAKE && parent_id (item) != data->parent)
    return FALSE;

  if (data->page->visible == NULL)
    return TRUE;

  key = visible_key (data->level, tissage_record_id (item));
  return g_hash_table_contains (data->page->visible, key);
}

static void
forget_weak (gpointer  data,
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
  g_object_weak_ref (G_OBJECT (filter), forget_weak, self->filters);

  /* A custom sorter reads the positions again when told they changed; a
   * numeric sorter's keys are kept from when the rows were first sorted,
   * so a row moved with Alt+Down stayed in place. */
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_positions_func, NULL, NULL));
  g_ptr_array_add (self->sorters, sorter);
  g_object_weak_ref (G_OBJECT (sorter), forget_weak, self->sorters);

  filtered = gtk_filter_list_model_new (g_object_ref (tissage_document_get_records (self->document, type_of_level (level))),
                                        GTK_FILTER (filter));
  return G_LIST_MODEL (gtk_sort_list_model_new (G_LIST_MODEL (filtered), sorter));
}

static GListModel *
create_children (gpointer item,
                 gpointer user_data)
{
  TissageReferentielPage *self = user_data;
  Level level = level_of (item);

  if (level == LEVEL_INDICATOR)
    return NULL;

  return level_model (self, level + 1, tissage_record_id (item));
}

static void
update_counts (TissageReferentielPage *self)
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

static void
rebuild_tree (TissageReferentielPage *self)
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
  update_counts (self);
}

static void
refilter (TissageReferentielPage *self)
{
  for (guint i = 0; i < self->filters->len; i++)
    gtk_filter_changed (g_ptr_array_index (self->filters, i), GTK_FILTER_CHANGE_DIFFERENT);
  for (guint i = 0; i < self->sorters->len; i++)
    gtk_sorter_changed (g_ptr_array_index (self->sorters, i), GTK_SORTER_CHANGE_DIFFERENT);
}

/* Search: what matches, and its ancestors so that it can be reached. */
static void
compute_visible (TissageReferentielPage *self)
{
  g_clear_pointer (&self->visible, g_hash_table_unref);

  if (self->document == NULL || self->search_text == NULL || *self->search_text == '\0')
    return;

  self->visible = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (Level level = LEVEL_STAKE; level < N_LEVELS; level++)
    {
      GListModel *records = tissage_document_get_records (self->document, type_of_level (level));

      for (guint i = 0; i < g_list_model_get_n_items (records); i++)
        {
          g_autoptr(TissageRecord) record = g_list_model_get_item (records, i);
          gpointer up;

          if (!tissage_search_matches (self->search_text, title_of (record)))
            continue;

          g_hash_table_add (self->visible, visible_key (level, tissage_record_id (record)));
          for (up = parent_of (self, record); up != NULL; up = parent_of (self, up))
            g_hash_table_add (self->visible, visible_key (level_of (up), tissage_record_id (up)));
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

static void
setup_row (GtkSignalListItemFactory *factory,
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
    g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare), item);
    gtk_widget_add_controller (expander, GTK_EVENT_CONTROLLER (source));
    g_signal_connect (target, "drop", G_CALLBACK (on_drop), item);
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
  level = level_of (record);

  gtk_image_set_from_icon_name (g_object_get_data (G_OBJECT (expander), "icon"), icon_of (level));
  gtk_label_set_text (g_object_get_data (G_OBJECT (expander), "label"), title_of (record));
  /* Long titles are cut in the tree: the whole of it shows on hover. */
  gtk_widget_set_tooltip_text (g_object_get_data (G_OBJECT (expander), "label"), title_of (record));

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

static void
bind_row (GtkSignalListItemFactory *factory,
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

static void
unbind_row (GtkSignalListItemFactory *factory,
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

/* Whom an effect concerns */

static void
on_remove_concern (GtkButton              *button,
                   TissageReferentielPage *self)
{
  TissageRecord *link = g_object_get_data (G_OBJECT (button), "record");
  g_autoptr(GError) error = NULL;

  if (!tissage_document_delete (self->document, link, &error))
    tissage_widget_report_error (GTK_WIDGET (self), error);
}

static void
rebuild_concerns (TissageReferentielPage *self)
{
  TissageRecord *effect = self->editors[LEVEL_EFFECT] ? tissage_record_editor_get_record (self->editors[LEVEL_EFFECT]) : NULL;
  GListModel *links, *categories, *stakeholders;
  g_autoptr(GtkStringList) names = gtk_string_list_new ((const char * const[]) { _("Choose…"), NULL });
  gint64 none = 0;

  for (guint i = 0; i < self->concern_rows->len; i++)
    adw_preferences_group_remove (self->concerns_group, g_ptr_array_index (self->concern_rows, i));
  g_ptr_array_set_size (self->concern_rows, 0);

  if (effect == NULL || self->document == NULL)
    return;

  links = tissage_document_get_records (self->document, TISSAGE_TYPE_EFFECT_STAKEHOLDER);
  for (guint i = 0; i < g_list_model_get_n_items (links); i++)
    {
      g_autoptr(TissageRecord) link = g_list_model_get_item (links, i);
      gint64 effect_id, stakeholder_id, category_id;
      GtkWidget *row, *button;

      g_object_get (link, "effect-id", &effect_id, "stakeholder-id", &stakeholder_id,
                    "category-id", &category_id, NULL);
      if (effect_id != tissage_record_id (effect))
        continue;

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (stakeholder_id != 0)
        {
          TissageStakeholder *s = tissage_document_lookup (self->document, TISSAGE_TYPE_STAKEHOLDER, stakeholder_id);

          tissage_preferences_row_set_name (row, s ? tissage_stakeholder_get_name (s) : "");
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Stakeholder"));
        }
      else
        {
          TissageCategory *c = tissage_document_lookup (self->document, TISSAGE_TYPE_CATEGORY, category_id);

          tissage_preferences_row_set_name (row, c ? tissage_category_get_name (c) : "");
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("A whole category"));
        }

      button = gtk_button_new_from_icon_name ("user-trash-symbolic");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("No Longer Concerned"));
      g_object_set_data_full (G_OBJECT (button), "record", g_object_ref (link), g_object_unref);
      g_signal_connect (button, "clicked", G_CALLBACK (on_remove_concern), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

      adw_preferences_group_add (self->concerns_group, row);
      g_ptr_array_add (self->concern_rows, row);
    }

  /* The choice to add: categories first (negative keys), then stakeholders. */
  g_array_set_size (self->concern_choice_ids, 0);
  g_array_append_val (self->concern_choice_ids, none);
  categories = tissage_document_get_categories (self->document);
  for (guint i = 0; i < g_list_model_get_n_items (categories); i++)
    {
      g_autoptr(TissageCategory) c = g_list_model_get_item (categories, i);
      gint64 key = -tissage_record_id (c);
      g_autofree char *name = tissage_text_shorten (tissage_category_get_name (c), TISSAGE_NAME_MAX_CHARS);
      g_autofree char *label = g_strdup_printf (_("Category: %s"), name);

      gtk_string_list_append (names, label);
      g_array_append_val (self->concern_choice_ids, key);
    }
  stakeholders = tissage_document_get_stakeholders (self->document);
  for (guint i = 0; i < g_list_model_get_n_items (stakeholders); i++)
    {
      g_autoptr(TissageStakeholder) s = g_list_model_get_item (stakeholders, i);
      gint64 key = tissage_record_id (s);

      tissage_string_list_append_name (names, tissage_stakeholder_get_name (s));
      g_array_append_val (self->concern_choice_ids, key);
    }
  adw_combo_row_set_model (self->concern_choice, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->concern_choice, 0);
}

static void
on_concern_chosen (TissageReferentielPage *self)
{
  TissageRecord *effect = self->editors[LEVEL_EFFECT] ? tissage_record_editor_get_record (self->editors[LEVEL_EFFECT]) : NULL;
  guint selected = adw_combo_row_get_selected (self->concern_choice);
  g_autoptr(TissageRecord) link = NULL;
  g_autoptr(GError) error = NULL;
  gint64 key;

  if (effect == NULL || selected == 0 || selected == GTK_INVALID_LIST_POSITION ||
      selected >= self->concern_choice_ids->len)
    return;

  key = g_array_index (self->concern_choice_ids, gint64, selected);
  if (key > 0)
    link = tissage_document_insert (self->document, TISSAGE_TYPE_EFFECT_STAKEHOLDER, &error,
                                    "effect-id", tissage_record_id (effect), "stakeholder-id", key, NULL);
  else
    link = tissage_document_insert (self->document, TISSAGE_TYPE_EFFECT_STAKEHOLDER, &error,
                                    "effect-id", tissage_record_id (effect), "category-id", -key, NULL);
  if (link == NULL)
    tissage_widget_report_error (GTK_WIDGET (self), error);
}

/* Editors are built the first time they are needed: a window with a large
 * framework opens without building four of them. */
static TissageRecordEditor *
ensure_editor (TissageReferentielPage *self,
               Level                   level)
{
  static const char *page_names[] = { "stake", "question", "effect", "indicator" };
  static const struct { const TissageField *fields; guint n; } specs[] = {
    { stake_fields, G_N_ELEMENTS (stake_fields) },
    { question_fields, G_N_ELEMENTS (question_fields) },
    { effect_fields, G_N_ELEMENTS (effect_fields) },
    { indicator_fields, G_N_ELEMENTS (indicator_fields) },
  };

  if (self->editors[level] != NULL)
    return self->editors[level];

  self->editors[level] = TISSAGE_RECORD_EDITOR (tissage_record_editor_new (specs[level].fields, specs[level].n));
  gtk_stack_add_named (self->detail_stack, GTK_WIDGET (self->editors[level]), page_names[level]);
  tissage_record_editor_set_document (self->editors[level], self->document);

  if (level == LEVEL_EFFECT)
    {
      /* Whom an effect concerns: the map shows it too. */
      self->concerns_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      adw_preferences_group_set_title (self->concerns_group, _("Concerns"));
      adw_preferences_group_set_description (self->concerns_group, _("The stakeholders or whole categories this effect is expected for"));
      self->concern_choice = ADW_COMBO_ROW (adw_combo_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->concern_choice), _("Add"));
      g_signal_connect_swapped (self->concern_choice, "notify::selected", G_CALLBACK (on_concern_chosen), self);
      adw_preferences_group_add (self->concerns_group, GTK_WIDGET (self->concern_choice));
      tissage_record_editor_add_group (self->editors[LEVEL_EFFECT], self->concerns_group);
    }
  else if (level == LEVEL_INDICATOR)
    {
      /* The values of an indicator, entered where it is defined. */
      AdwPreferencesGroup *values = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      AdwPreferencesGroup *bank = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      GtkWidget *button = gtk_button_new_with_mnemonic (_("Keep in the Project’s _Bank"));

      adw_preferences_group_set_title (values, _("Values"));
      adw_preferences_group_set_description (values, _("By period and member structure; the collective's value against the target at the bottom"));
      self->measures = TISSAGE_MEASURES_GRID (tissage_measures_grid_new ());
      tissage_measures_grid_set_document (self->measures, self->document);
      adw_preferences_group_add (values, GTK_WIDGET (self->measures));
      tissage_record_editor_add_group (self->editors[LEVEL_INDICATOR], values);

      /* The collective's own bank grows from its indicators. */
      gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "pill");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "ref.add-to-bank");
      gtk_widget_set_tooltip_text (button, _("Reuse this indicator under other effects, from the indicator bank"));
      adw_preferences_group_add (bank, button);
      tissage_record_editor_add_group (self->editors[LEVEL_INDICATOR], bank);
    }

  return self->editors[level];
}

/* Selection and editing */

static void
update_actions (TissageReferentielPage *self)
{
  TissageRecord *selected = tissage_referentiel_page_get_selected (self);
  gboolean writable = tissage_widget_can_edit (self->document, "stakes");
  Level level = selected ? level_of (selected) : N_LEVELS;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ref.add-stake", writable);
  /* Its menu's items greyed, the « + » itself would still open an empty
   * promise: greyed with them. */
  gtk_widget_set_sensitive (self->add_button, writable);
  /* Whom an effect concerns is the référentiel's too. */
  if (self->concerns_group != NULL)
    gtk_widget_set_sensitive (GTK_WIDGET (self->concerns_group), writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ref.add-question", writable && level < N_LEVELS);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ref.add-effect",
                                 writable && level >= LEVEL_QUESTION && level < N_LEVELS);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ref.add-indicator",
                                 writable && level >= LEVEL_EFFECT && level < N_LEVELS);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ref.add-from-bank",
                                 writable && level >= LEVEL_EFFECT && level < N_LEVELS);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ref.add-to-bank", writable && level == LEVEL_INDICATOR);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ref.delete", writable && selected != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ref.move-up", writable && selected != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ref.move-down", writable && selected != NULL);
}

static void
on_selection_changed (TissageReferentielPage *self)
{
  TissageRecord *selected = tissage_referentiel_page_get_selected (self);

  for (Level level = LEVEL_STAKE; level < N_LEVELS; level++)
    if (self->editors[level] != NULL && !(selected && level_of (selected) == level))
      tissage_record_editor_set_record (self->editors[level], NULL);
  if (selected != NULL)
    tissage_record_editor_set_record (ensure_editor (self, level_of (selected)), selected);

  if (selected == NULL)
    gtk_stack_set_visible_child_name (self->detail_stack, "none");
  else
    {
      static const char *pages[] = { "stake", "question", "effect", "indicator" };

      gtk_stack_set_visible_child_name (self->detail_stack, pages[level_of (selected)]);
      if (level_of (selected) == LEVEL_EFFECT)
        rebuild_concerns (self);
    }

  if (self->measures != NULL)
    tissage_measures_grid_set_indicator (self->measures,
                                         selected && level_of (selected) == LEVEL_INDICATOR
                                           ? TISSAGE_INDICATOR (selected) : NULL);

  update_actions (self);
}

static void
on_row_changed (TissageReferentielPage *self,
                const char             *table,
                gint64                  id)
{
  if (g_str_equal (table, "stakes") || g_str_equal (table, "eval_questions") ||
      g_str_equal (table, "effects") || g_str_equal (table, "indicators"))
    {
      if (self->visible != NULL)
        compute_visible (self);
      refilter (self);
      update_counts (self);
    }
  else if (g_str_equal (table, "effect_stakeholders") || g_str_equal (table, "categories") ||
           g_str_equal (table, "stakeholders"))
    {
      if (self->editors[LEVEL_EFFECT] != NULL &&
          tissage_record_editor_get_record (self->editors[LEVEL_EFFECT]) != NULL)
        rebuild_concerns (self);
    }
}

static void
on_view_toggled (TissageReferentielPage *self)
{
  gtk_stack_set_visible_child_name (self->view_stack,
                                    gtk_toggle_button_get_active (self->toc_button) ? "toc" : "framework");
}

static void
on_stop_search (TissageReferentielPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
on_search_changed (TissageReferentielPage *self)
{
  tissage_referentiel_page_set_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static guint
next_position (TissageReferentielPage *self,
               Level                   level,
               gint64                  parent)
{
  GListModel *records = tissage_document_get_records (self->document, type_of_level (level));
  int max = -1;

  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(TissageRecord) record = g_list_model_get_item (records, i);
      int position;

      if (level != LEVEL_STAKE && parent_id (record) != parent)
        continue;
      g_object_get (record, "position", &position, NULL);
      max = MAX (max, position);
    }

  return max + 1;
}

/* The ancestor (or self) of @record at @level. */
static gpointer
ancestor_at (TissageReferentielPage *self,
             gpointer                record,
             Level                   level)
{
  while (record != NULL && level_of (record) > level)
    record = parent_of (self, record);
  return record != NULL && level_of (record) == level ? record : NULL;
}

static void
add_record (TissageReferentielPage *self,
            Level                   level)
{
  static const char *new_titles[] = {
    N_("New stake"), N_("New evaluation question"), N_("New expected effect"), N_("New indicator"),
  };
  TissageRecord *selected = tissage_referentiel_page_get_selected (self);
  gpointer parent = level > LEVEL_STAKE ? ancestor_at (self, selected, level - 1) : NULL;
  g_autoptr(TissageRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  if (self->document == NULL || (level > LEVEL_STAKE && parent == NULL))
    return;

  if (level == LEVEL_STAKE)
    record = tissage_document_insert (self->document, TISSAGE_TYPE_STAKE, &error,
                                      "title", _(new_titles[level]),
                                      "position", (int) next_position (self, level, 0), NULL);
  else
    record = tissage_document_insert (self->document, type_of_level (level), &error,
                                      parent_property[level], tissage_record_id (parent),
                                      "title", _(new_titles[level]),
                                      "position", (int) next_position (self, level, tissage_record_id (parent)), NULL);

  if (record == NULL)
    {
      tissage_widget_report_error (GTK_WIDGET (self), error);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  tissage_referentiel_page_select (self, record);
  tissage_record_editor_focus_first (ensure_editor (self, level));
}

static void
add_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TissageReferentielPage *self = TISSAGE_REFERENTIEL_PAGE (widget);

  if (g_str_equal (action_name, "ref.add-stake"))
    add_record (self, LEVEL_STAKE);
  else if (g_str_equal (action_name, "ref.add-question"))
    add_record (self, LEVEL_QUESTION);
  else if (g_str_equal (action_name, "ref.add-effect"))
    add_record (self, LEVEL_EFFECT);
  else
    add_record (self, LEVEL_INDICATOR);
}

static void
on_bank_added (TissageBankDialog      *dialog,
               TissageRecord          *first,
               TissageReferentielPage *self)
{
  if (first != NULL)
    tissage_referentiel_page_select (self, first);
}

static void
add_from_bank_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  TissageReferentielPage *self = TISSAGE_REFERENTIEL_PAGE (widget);
  TissageEffect *effect = ancestor_at (self, tissage_referentiel_page_get_selected (self), LEVEL_EFFECT);
  GtkWidget *dialog;

  if (effect == NULL)
    return;

  dialog = tissage_bank_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->document, effect);
  g_signal_connect_object (dialog, "added", G_CALLBACK (on_bank_added), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_to_bank_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TissageReferentielPage *self = TISSAGE_REFERENTIEL_PAGE (widget);
  TissageRecord *selected = tissage_referentiel_page_get_selected (self);
  g_autoptr(TissageBankIndicator) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (selected == NULL || !TISSAGE_IS_INDICATOR (selected))
    return;

  entry = tissage_document_add_to_bank (self->document, TISSAGE_INDICATOR (selected), &error);
  if (entry == NULL)
    {
      tissage_widget_report_error (widget, error);
      return;
    }

  title = g_strdup_printf (_("“%s” is in the project’s bank"), tissage_bank_indicator_get_title (entry));
  tissage_widget_add_undo_toast (widget, title);
}

static guint
count_under (TissageReferentielPage *self,
             Level                   level,
             GHashTable             *parents)
{
  GListModel *records = tissage_document_get_records (self->document, type_of_level (level));
  g_autoptr(GHashTable) found = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(TissageRecord) record = g_list_model_get_item (records, i);
      gint64 parent = parent_id (record);

      if (g_hash_table_contains (parents, &parent))
        {
          gint64 *id = g_new (gint64, 1);

          *id = tissage_record_id (record);
          g_hash_table_add (found, id);
          n++;
        }
    }

  g_hash_table_remove_all (parents);
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, found);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_hash_table_add (parents, g_memdup2 (key, sizeof (gint64)));
  }

  return n;
}

static void
on_delete_response (AdwMessageDialog       *dialog,
                    const char             *response,
                    TissageReferentielPage *self)
{
  TissageRecord *record = g_object_get_data (G_OBJECT (dialog), "record");
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "delete") && !tissage_document_delete (self->document, record, &error))
    tissage_widget_report_error (GTK_WIDGET (self), error);
}

static void
delete_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TissageReferentielPage *self = TISSAGE_REFERENTIEL_PAGE (widget);
  TissageRecord *selected = tissage_referentiel_page_get_selected (self);
  g_autoptr(GHashTable) parents = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  Level level;

  if (selected == NULL)
    return;

  level = level_of (selected);
  heading = g_strdup_printf (_("Delete “%s”?"), title_of (selected));

  /* Say what goes with it. */
  parents = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_hash_table_add (parents, g_memdup2 (&(gint64) { tissage_record_id (selected) }, sizeof (gint64)));
  for (Level below = level + 1; below < N_LEVELS; below++)
    {
      guint n = count_under (self, below, parents);

      if (n == 0)
        break;
      switch (below)
        {
        case LEVEL_QUESTION:
          g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "%u evaluation question", "%u evaluation questions", n), n);
          break;
        case LEVEL_EFFECT:
          g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "%u expected effect", "%u expected effects", n), n);
          break;
        /* Below a stake only: LEVEL_STAKE is never below. */
        case LEVEL_STAKE:
        case LEVEL_INDICATOR:
        case N_LEVELS:
        default:
          g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "%u indicator with its values", "%u indicators with their values", n), n);
          break;
        }
      g_string_append (body, ", ");
    }

  if (body->len > 0)
    {
      g_autofree char *list = g_strndup (body->str, body->len - 2);

      g_string_printf (body, _("Also deleted: %s. "), list);
    }
  g_string_append (body, _("You can undo this with Ctrl+Z."));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading, body->str));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "record", g_object_ref (selected), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Alt+Up and Alt+Down move an item among its siblings. */
static void
move_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TissageReferentielPage *self = TISSAGE_REFERENTIEL_PAGE (widget);
  TissageRecord *selected = tissage_referentiel_page_get_selected (self);
  gboolean up = g_str_equal (action_name, "ref.move-up");
  g_autoptr(TissageRecord) neighbour = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *records;
  int position, neighbour_position = 0;
  Level level;

  if (selected == NULL)
    return;

  level = level_of (selected);
  g_object_get (selected, "position", &position, NULL);
  records = tissage_document_get_records (self->document, type_of_level (level));

  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(TissageRecord) record = g_list_model_get_item (records, i);
      int other;

      if (record == selected || parent_id (record) != parent_id (selected))
        continue;
      g_object_get (record, "position", &other, NULL);
      if ((up && other < position && (neighbour == NULL || other > neighbour_position)) ||
          (!up && other > position && (neighbour == NULL || other < neighbour_position)))
        {
          g_set_object (&neighbour, record);
          neighbour_position = other;
        }
    }

  if (neighbour == NULL)
    return;

  if (!tissage_document_begin (self->document, _("Reorder the framework"), &error) ||
      !tissage_document_set (self->document, selected, &error, "position", neighbour_position, NULL) ||
      !tissage_document_set (self->document, neighbour, &error, "position", position, NULL) ||
      !tissage_document_commit (self->document, &error))
    {
      tissage_document_rollback (self->document);
      tissage_widget_report_error (widget, error);
      return;
    }

  tissage_referentiel_page_select (self, selected);
}

static int
compare_positions (gconstpointer a,
                   gconstpointer b)
{
  int pa, pb;

  g_object_get (*(gpointer const *) a, "position", &pa, NULL);
  g_object_get (*(gpointer const *) b, "position", &pb, NULL);
  return pa < pb ? -1 : pa > pb;
}

/* Moving by drag and drop */

/**
 * tissage_referentiel_page_move:
 * @record: what is moved
 * @onto: a sibling to go before, or a record of the level above to go
 *   under, last
 *
 * Renumbers the positions of the siblings it leaves and joins; one step.
 */
gboolean
tissage_referentiel_page_move (TissageReferentielPage  *self,
                               TissageRecord           *record,
                               TissageRecord           *onto,
                               GError                 **error)
{
  Level level = level_of (record);
  Level target_level = level_of (onto);
  gint64 new_parent;
  GListModel *records;
  g_autoptr(GPtrArray) siblings = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (TISSAGE_IS_REFERENTIEL_PAGE (self), FALSE);

  if (record == onto)
    return TRUE;
  if (target_level == level)
    new_parent = parent_id (onto);
  else if (level > LEVEL_STAKE && target_level == level - 1)
    new_parent = tissage_record_id (onto);
  else
    {
      g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                           _("It cannot go there: an indicator goes under an effect, an effect under a question, a question under a stake."));
      return FALSE;
    }

  /* The new siblings in their order, with @record put in its place. */
  records = tissage_document_get_records (self->document, type_of_level (level));
  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      TissageRecord *other = g_list_model_get_item (records, i);

      if (other != record && (level == LEVEL_STAKE || parent_id (other) == new_parent))
        g_ptr_array_add (siblings, other);
      else
        g_object_unref (other);
    }
  g_ptr_array_sort (siblings, compare_positions);
  {
    guint index = siblings->len;

    if (target_level == level)
      g_ptr_array_find (siblings, onto, &index);
    g_ptr_array_insert (siblings, index, g_object_ref (record));
  }

  if (!tissage_document_begin (self->document, _("Reorder the framework"), error))
    return FALSE;

  if (level > LEVEL_STAKE && parent_id (record) != new_parent &&
      !tissage_document_set (self->document, record, error, parent_property[level], new_parent, NULL))
    goto failed;

  for (guint i = 0; i < siblings->len; i++)
    if (!tissage_document_set (self->document, g_ptr_array_index (siblings, i), error, "position", (int) i, NULL))
      goto failed;

  if (!tissage_document_commit (self->document, error))
    return FALSE;

  tissage_referentiel_page_select (self, record);
  return TRUE;

failed:
  tissage_document_rollback (self->document);
  return FALSE;
}

static GdkContentProvider *
on_drag_prepare (GtkDragSource *source,
                 double         x,
                 double         y,
                 GtkListItem   *item)
{
  GObject *record = g_object_get_data (G_OBJECT (item), "record");

  if (record == NULL)
    return NULL;
  return gdk_content_provider_new_typed (TISSAGE_TYPE_RECORD, record);
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         GtkListItem   *item)
{
  TissageReferentielPage *self = g_object_get_data (G_OBJECT (item), "page");
  TissageRecord *onto = g_object_get_data (G_OBJECT (item), "record");
  g_autoptr(GError) error = NULL;

  if (self == NULL || onto == NULL || !G_VALUE_HOLDS (value, TISSAGE_TYPE_RECORD))
    return FALSE;

  if (!tissage_referentiel_page_move (self, g_value_get_object (value), onto, &error))
    {
      tissage_widget_report_error (GTK_WIDGET (self), error);
      return FALSE;
    }
  return TRUE;
}

/* GObject */

static void
tissage_referentiel_page_dispose (GObject *object)
{
  TissageReferentielPage *self = TISSAGE_REFERENTIEL_PAGE (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);

  gtk_widget_dispose_template (GTK_WIDGET (self), TISSAGE_TYPE_REFERENTIEL_PAGE);

  g_clear_object (&self->selection);
  g_clear_object (&self->tree);
  if (self->filters != NULL)
    for (guint i = 0; i < self->filters->len; i++)
      g_object_weak_unref (g_ptr_array_index (self->filters, i), forget_weak, self->filters);
  if (self->sorters != NULL)
    for (guint i = 0; i < self->sorters->len; i++)
      g_object_weak_unref (g_ptr_array_index (self->sorters, i), forget_weak, self->sorters);
  g_clear_pointer (&self->filters, g_ptr_array_unref);
  g_clear_pointer (&self->sorters, g_ptr_array_unref);
  g_clear_pointer (&self->visible, g_hash_table_unref);
  g_clear_pointer (&self->search_text, g_free);
  g_clear_pointer (&self->concern_rows, g_ptr_array_unref);
  g_clear_pointer (&self->concern_choice_ids, g_array_unref);

  G_OBJECT_CLASS (tissage_referentiel_page_parent_class)->dispose (object);
}

static void
tissage_referentiel_page_class_init (TissageReferentielPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tissage_referentiel_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/tissage-referentiel-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TissageReferentielPage, root);
  gtk_widget_class_bind_template_child (widget_class, TissageReferentielPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, TissageReferentielPage, framework_button);
  gtk_widget_class_bind_template_child (widget_class, TissageReferentielPage, toc_button);
  gtk_widget_class_bind_template_callback (widget_class, on_view_toggled);
  gtk_widget_class_bind_template_child (widget_class, TissageReferentielPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TissageReferentielPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, TissageReferentielPage, tree_stack);
  gtk_widget_class_bind_template_child (widget_class, TissageReferentielPage, tree_view);
  gtk_widget_class_bind_template_child (widget_class, TissageReferentielPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, TissageReferentielPage, detail_stack);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);

  gtk_widget_class_install_action (widget_class, "ref.add-stake", NULL, add_activated);
  gtk_widget_class_install_action (widget_class, "ref.add-question", NULL, add_activated);
  gtk_widget_class_install_action (widget_class, "ref.add-effect", NULL, add_activated);
  gtk_widget_class_install_action (widget_class, "ref.add-indicator", NULL, add_activated);
  gtk_widget_class_install_action (widget_class, "ref.add-from-bank", NULL, add_from_bank_activated);
  gtk_widget_class_install_action (widget_class, "ref.add-to-bank", NULL, add_to_bank_activated);
  gtk_widget_class_install_action (widget_class, "ref.delete", NULL, delete_activated);
  gtk_widget_class_install_action (widget_class, "ref.move-up", NULL, move_activated);
  gtk_widget_class_install_action (widget_class, "ref.move-down", NULL, move_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "ref.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "ref.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "ref.move-down", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
tissage_referentiel_page_init (TissageReferentielPage *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filters = g_ptr_array_new ();
  self->sorters = g_ptr_array_new ();
  self->concern_rows = g_ptr_array_new ();
  self->concern_choice_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  self->toc_view = TISSAGE_TOC_VIEW (tissage_toc_view_new ());
  gtk_stack_add_named (self->view_stack, GTK_WIDGET (self->toc_view), "toc");

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item", G_CALLBACK (on_selection_changed), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  gtk_list_view_set_factory (self->tree_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->tree_view, GTK_SELECTION_MODEL (self->selection));

  update_actions (self);
}

void
tissage_referentiel_page_set_document (TissageReferentielPage *self,
                                       TissageDocument        *document)
{
  g_return_if_fail (TISSAGE_IS_REFERENTIEL_PAGE (self));

  if (self->document == document)
    return;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);

  for (Level level = LEVEL_STAKE; level < N_LEVELS; level++)
    if (self->editors[level] != NULL)
      tissage_record_editor_set_document (self->editors[level], document);
  if (self->measures != NULL)
    tissage_measures_grid_set_document (self->measures, document);
  tissage_toc_view_set_document (self->toc_view, document);

  g_clear_pointer (&self->search_text, g_free);
  g_clear_pointer (&self->visible, g_hash_table_unref);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");

  if (document != NULL)
    {
      g_signal_connect_object (document, "row-changed", G_CALLBACK (on_row_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::read-only", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
    }

  rebuild_tree (self);
  on_selection_changed (self);
}

GtkWidget *
tissage_referentiel_page_get_toc (TissageReferentielPage *self)
{
  g_return_val_if_fail (TISSAGE_IS_REFERENTIEL_PAGE (self), NULL);

  return GTK_WIDGET (self->toc_view);
}

void
tissage_referentiel_page_show_toc (TissageReferentielPage *self,
                                   gboolean                show)
{
  g_return_if_fail (TISSAGE_IS_REFERENTIEL_PAGE (self));

  gtk_toggle_button_set_active (show ? self->toc_button : self->framework_button, TRUE);
}

GtkWidget *
tissage_referentiel_page_get_measures (TissageReferentielPage *self)
{
  g_return_val_if_fail (TISSAGE_IS_REFERENTIEL_PAGE (self), NULL);

  ensure_editor (self, LEVEL_INDICATOR);
  return GTK_WIDGET (self->measures);
}

TissageRecord *
tissage_referentiel_page_get_selected (TissageReferentielPage *self)
{
  GtkTreeListRow *row;

  g_return_val_if_fail (TISSAGE_IS_REFERENTIEL_PAGE (self), NULL);

  row = gtk_single_selection_get_selected_item (self->selection);
  if (row == NULL)
    return NULL;

  {
    g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);
    /* Owned by the document's model, which outlives the row. */
    return TISSAGE_RECORD (item);
  }
}

gboolean
tissage_referentiel_page_select (TissageReferentielPage *self,
                                 TissageRecord          *record)
{
  g_autoptr(GPtrArray) path = g_ptr_array_new ();

  g_return_val_if_fail (TISSAGE_IS_REFERENTIEL_PAGE (self), FALSE);

  if (self->tree == NULL || record == NULL)
    return FALSE;

  /* Open the ancestors first, from the top. */
  for (gpointer up = record; up != NULL; up = parent_of (self, up))
    g_ptr_array_insert (path, 0, up);

  for (guint depth = 0; depth < path->len; depth++)
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->tree)); i++)
      {
        g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (self->tree, i);
        g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

        if (item != g_ptr_array_index (path, depth))
          continue;

        if (depth + 1 < path->len)
          gtk_tree_list_row_set_expanded (row, TRUE);
        else
          {
            gtk_single_selection_set_selected (self->selection, i);
            gtk_widget_activate_action (GTK_WIDGET (self->tree_view), "list.scroll-to-item", "u", i);
            return TRUE;
          }
        break;
      }

  return FALSE;
}

void
tissage_referentiel_page_set_search (TissageReferentielPage *self,
                                     const char             *text)
{
  g_return_if_fail (TISSAGE_IS_REFERENTIEL_PAGE (self));

  if (g_strcmp0 (self->search_text, text) == 0)
    return;

  g_free (self->search_text);
  self->search_text = g_strdup (text);
  compute_visible (self);
  rebuild_tree (self);
}

guint
tissage_referentiel_page_get_n_rows (TissageReferentielPage *self)
{
  g_return_val_if_fail (TISSAGE_IS_REFERENTIEL_PAGE (self), 0);

  return self->tree != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->tree)) : 0;
}

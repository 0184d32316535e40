/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-interviews"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "tissage-interviews.h"
#include "tissage-referentiel.h"
#include "tissage-utils.h"
#include "tissage-verbatim-browser-private.h"
#include "tissage-verbatim-card.h"
#include "tissage-verbatim-item.h"
#include "tissage-widget-utils.h"

G_DEFINE_FINAL_TYPE (TissageVerbatimBrowser, tissage_verbatim_browser, GTK_TYPE_WIDGET)

enum {
  OPEN_INTERVIEW,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static int
compare_position (gconstpointer a,
                  gconstpointer b)
{
  TissageRecord *x = *(TissageRecord **) a, *y = *(TissageRecord **) b;
  int px, py;

  g_object_get (x, "position", &px, NULL);
  g_object_get (y, "position", &py, NULL);
  if (px != py)
    return px < py ? -1 : 1;
  return (tissage_record_id (x) > tissage_record_id (y)) - (tissage_record_id (x) < tissage_record_id (y));
}

/* The records of @type in the order of the référentiel. */
GPtrArray *
tissage_verbatim_browser_sorted_records (TissageDocument *document,
                                         GType            type)
{
  GListModel *model = tissage_document_get_records (document, type);
  GPtrArray *records = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (records, g_list_model_get_item (model, i));
  g_ptr_array_sort (records, compare_position);
  return records;
}

/* "12 mars 2025" from "2025-03-12", in the format given; NULL if no date. */
static char *
format_date (const char *iso,
             const char *format)
{
  g_autoptr(GDateTime) date = NULL;
  int year, month, day;

  if (iso == NULL || sscanf (iso, "%4d-%2d-%2d", &year, &month, &day) != 3)
    return NULL;
  date = g_date_time_new_local (year, month, day, 0, 0, 0);
  return date != NULL ? g_date_time_format (date, format) : NULL;
}

static const char *
structure_name (TissageVerbatimBrowser    *self,
                const TissageVerbatimInfo *info)
{
  gint64 id = info->structure_id != 0 ? info->structure_id : info->person_structure_id;
  TissageStructure *structure = id != 0 ? tissage_document_lookup (self->document, TISSAGE_TYPE_STRUCTURE, id) : NULL;

  return structure != NULL ? tissage_structure_get_name (structure) : NULL;
}

static TissageCategory *
category_of (TissageVerbatimBrowser    *self,
             const TissageVerbatimInfo *info)
{
  if (info->category_id == 0)
    return NULL;
  return tissage_document_lookup (self->document, TISSAGE_TYPE_CATEGORY, info->category_id);
}

/* The quote with what a report says of its source:
 * "« … » — Bénéficiaires, Mission locale, mars 2025". */
static char *
dup_citation (TissageVerbatimBrowser    *self,
              const TissageVerbatimInfo *info)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  TissageCategory *category = category_of (self, info);
  const char *structure = structure_name (self, info);
  g_autofree char *month = format_date (info->date, _("%B %Y"));
  g_autofree char *source = NULL;

  if (category != NULL)
    g_ptr_array_add (parts, tissage_text_shorten (tissage_category_get_name (category), TISSAGE_NAME_MAX_CHARS));
  if (structure != NULL)
    g_ptr_array_add (parts, g_strdup (structure));
  if (month != NULL)
    g_ptr_array_add (parts, g_steal_pointer (&month));
  g_ptr_array_add (parts, NULL);

  if (parts->len == 1)
    return g_strdup_printf (_("“%s”"), info->quote);

  source = g_strjoinv (", ", (char **) parts->pdata);
  /* TRANSLATORS: a quote and where it comes from, as pasted into a report */
  return g_strdup_printf (_("“%s” — %s"), info->quote, source);
}

gint64
tissage_verbatim_browser_selected_id (GtkDropDown *dropdown,
                                      GArray      *ids)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  return selected < ids->len ? g_array_index (ids, gint64, selected) : 0;
}

static gboolean
filtered (TissageVerbatimBrowser *self)
{
  return *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0' ||
         tissage_verbatim_browser_selected_id (self->category_filter, self->category_ids) != 0 ||
         tissage_verbatim_browser_selected_id (self->structure_filter, self->structure_ids) != 0 ||
         gtk_drop_down_get_selected (self->tone_filter) > 0;
}

/* The quotes */

static void
show_quotes (TissageVerbatimBrowser *self)
{
  TissageVerbatimQuery query = TISSAGE_VERBATIM_QUERY_INIT;
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  TissageEffect *effect = NULL;
  guint tone = gtk_drop_down_get_selected (self->tone_filter);
  g_autofree char *count = NULL;

  query.effect_id = self->effect_id;
  query.category_id = tissage_verbatim_browser_selected_id (self->category_filter, self->category_ids);
  query.structure_id = tissage_verbatim_browser_selected_id (self->structure_filter, self->structure_ids);
  query.tone = tone > 0 && tone != GTK_INVALID_LIST_POSITION ? (int) tone - 1 : -1;
  query.text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  query.pseudonymise = TRUE;

  infos = tissage_document_list_verbatims (self->document, &query);
  g_ptr_array_set_free_func (infos, NULL);
  for (guint i = 0; i < infos->len; i++)
    g_ptr_array_add (items, tissage_verbatim_item_new (g_ptr_array_index (infos, i)));
  g_list_store_splice (self->quotes, 0, g_list_model_get_n_items (G_LIST_MODEL (self->quotes)),
                       items->pdata, items->len);

  if (self->effect_id != 0)
    effect = tissage_document_lookup (self->document, TISSAGE_TYPE_EFFECT, self->effect_id);
  tissage_label_set_name (self->title_label, effect != NULL ? tissage_effect_get_title (effect) : _("All the effects"));
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u quote", "%u quotes", items->len), items->len);
  gtk_label_set_text (self->count_label, count);
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), items->len > 0);

  if (items->len > 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "quotes");
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, "empty");
  gtk_widget_set_visible (self->clear_button, FALSE);
  if (filtered (self))
    {
      adw_status_page_set_title (self->empty_page, _("No Matching Quotes"));
      adw_status_page_set_description (self->empty_page, _("Try other filters or other words."));
      gtk_widget_set_visible (self->clear_button, TRUE);
    }
  else if (tissage_document_count_verbatims (self->document) == 0)
    {
      adw_status_page_set_title (self->empty_page, _("No Quotes Yet"));
      adw_status_page_set_description (self->empty_page,
                                       _("In the answer of an interview, select a passage and mark it with Ctrl+M: "
                                         "the quotes show here, by expected effect."));
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No Quotes for This Effect"));
      adw_status_page_set_description (self->empty_page,
                                       _("Select a passage of an answer and mark it with Ctrl+M, "
                                         "then choose this effect."));
    }
}

static void
reload (TissageVerbatimBrowser *self)
{
  guint dirty = self->dirty;

  g_clear_handle_id (&self->reload_id, g_source_remove);
  self->dirty = 0;
  if (self->document == NULL)
    return;

  if (dirty & DIRTY_FILTERS)
    tissage_verbatim_browser_rebuild_filters (self);
  if (dirty & DIRTY_EFFECTS)
    tissage_verbatim_browser_rebuild_effects (self);
  else if (dirty & DIRTY_QUOTES)
    tissage_verbatim_browser_update_counts (self);
  if (dirty != 0)
    show_quotes (self);
}

static gboolean
reload_idle (gpointer data)
{
  TissageVerbatimBrowser *self = data;

  self->reload_id = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

/* Many changes in a row (an undo, an import) make one reload, and none
 * while the browser is not shown. */
static void
schedule_reload (TissageVerbatimBrowser *self,
                 guint                   dirty)
{
  self->dirty |= dirty;
  if (self->reload_id == 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->reload_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, reload_idle, self, NULL);
}

/* The cards */

static void
setup_card (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            TissageVerbatimBrowser   *self)
{
  gtk_list_item_set_child (item, tissage_verbatim_card_new ());
}

static void
bind_card (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           TissageVerbatimBrowser   *self)
{
  const TissageVerbatimInfo *info = tissage_verbatim_item_get_info (gtk_list_item_get_item (item));
  const char *structure = structure_name (self, info);
  g_autoptr(GPtrArray) source = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) effects = g_ptr_array_new ();
  g_autofree char *source_text = NULL;
  g_autofree char *effects_text = NULL;
  g_autofree char *date = format_date (info->date, _("%-d %B %Y"));

  g_ptr_array_add (source, g_strdup (info->interviewee));
  if (structure != NULL)
    g_ptr_array_add (source, g_strdup (structure));
  if (date != NULL)
    g_ptr_array_add (source, g_steal_pointer (&date));
  g_ptr_array_add (source, NULL);
  source_text = g_strjoinv (" · ", (char **) source->pdata);

  for (guint i = 0; i < info->effect_ids->len; i++)
    {
      TissageEffect *effect = tissage_document_lookup (self->document, TISSAGE_TYPE_EFFECT,
                                                       g_array_index (info->effect_ids, gint64, i));

      if (effect != NULL)
        g_ptr_array_add (effects, (gpointer) tissage_effect_get_title (effect));
    }
  g_ptr_array_add (effects, NULL);
  if (effects->len > 1)
    {
      g_autofree char *list = g_strjoinv (", ", (char **) effects->pdata);

      effects_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Expected effect: %s", "Expected effects: %s",
                                                   effects->len - 1), list);
    }

  tissage_verbatim_card_set (TISSAGE_VERBATIM_CARD (gtk_list_item_get_child (item)), info,
                             category_of (self, info), source_text, effects_text);
}

static void
copy_quote (TissageVerbatimBrowser    *self,
            const TissageVerbatimInfo *info)
{
  g_autofree char *citation = dup_citation (self, info);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), citation);
  tissage_widget_add_toast (GTK_WIDGET (self), _("Quote copied with its source"), NULL);
}

/* Signal callbacks */

static void
on_effect_selected (TissageVerbatimBrowser *self,
                    GtkListBoxRow          *row)
{
  if (self->updating || row == NULL || self->document == NULL)
    return;

  self->effect_id = tissage_verbatim_browser_row_effect_id (row);
  show_quotes (self);
}

static void
on_filter_changed (TissageVerbatimBrowser *self)
{
  if (self->updating || self->document == NULL)
    return;

  show_quotes (self);
}

static void
on_quote_activated (TissageVerbatimBrowser *self,
                    guint                   position)
{
  g_autoptr(TissageVerbatimItem) item = g_list_model_get_item (G_LIST_MODEL (self->quotes), position);

  if (item != NULL)
    copy_quote (self, tissage_verbatim_item_get_info (item));
}

static void
on_row_changed (TissageVerbatimBrowser *self,
                const char             *table,
                gint64                  id)
{
  static const char * const quote_tables[] = {
    "verbatims", "verbatim_tags", "answers", "interviews", "stakeholders", NULL
  };

  if (g_str_equal (table, "effects") || g_str_equal (table, "stakes") || g_str_equal (table, "eval_questions"))
    schedule_reload (self, DIRTY_EFFECTS | DIRTY_QUOTES);
  else if (g_str_equal (table, "categories") || g_str_equal (table, "structures"))
    schedule_reload (self, DIRTY_FILTERS | DIRTY_QUOTES);
  else if (g_strv_contains (quote_tables, table))
    schedule_reload (self, DIRTY_QUOTES);
}

/* Actions */

/* The quote of id @id among those shown, NULL if none. */
static TissageVerbatimItem *
find_quote (TissageVerbatimBrowser *self,
            gint64                  id)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->quotes)); i++)
    {
      g_autoptr(TissageVerbatimItem) item = g_list_model_get_item (G_LIST_MODEL (self->quotes), i);

      if (tissage_verbatim_item_get_info (item)->id == id)
        return g_steal_pointer (&item);
    }
  return NULL;
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TissageVerbatimBrowser *self = TISSAGE_VERBATIM_BROWSER (widget);
  g_autoptr(TissageVerbatimItem) item = find_quote (self, g_variant_get_int64 (parameter));

  if (item != NULL)
    copy_quote (self, tissage_verbatim_item_get_info (item));
}

static void
open_interview_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TissageVerbatimBrowser *self = TISSAGE_VERBATIM_BROWSER (widget);
  g_autoptr(TissageVerbatimItem) item = find_quote (self, g_variant_get_int64 (parameter));
  const TissageVerbatimInfo *info;

  if (item == NULL)
    return;
  info = tissage_verbatim_item_get_info (item);
  g_signal_emit (self, signals[OPEN_INTERVIEW], 0, info->interview_id, info->id);
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TissageVerbatimBrowser *self = TISSAGE_VERBATIM_BROWSER (widget);

  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->category_filter, 0);
  gtk_drop_down_set_selected (self->structure_filter, 0);
  gtk_drop_down_set_selected (self->tone_filter, 0);
  self->updating = FALSE;
  if (self->document != NULL)
    show_quotes (self);
}

/* Vfuncs */

static void
tissage_verbatim_browser_map (GtkWidget *widget)
{
  TissageVerbatimBrowser *self = TISSAGE_VERBATIM_BROWSER (widget);

  GTK_WIDGET_CLASS (tissage_verbatim_browser_parent_class)->map (widget);

  if (self->dirty != 0)
    schedule_reload (self, 0);
}

static void
tissage_verbatim_browser_dispose (GObject *object)
{
  TissageVerbatimBrowser *self = TISSAGE_VERBATIM_BROWSER (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  gtk_widget_dispose_template (GTK_WIDGET (self), TISSAGE_TYPE_VERBATIM_BROWSER);
  g_clear_object (&self->quotes);
  g_clear_pointer (&self->category_ids, g_array_unref);
  g_clear_pointer (&self->structure_ids, g_array_unref);

  G_OBJECT_CLASS (tissage_verbatim_browser_parent_class)->dispose (object);
}

static void
tissage_verbatim_browser_class_init (TissageVerbatimBrowserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tissage_verbatim_browser_dispose;
  widget_class->map = tissage_verbatim_browser_map;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/tissage-verbatim-browser.ui");
  gtk_widget_class_bind_template_child (widget_class, TissageVerbatimBrowser, paned);
  gtk_widget_class_bind_template_child (widget_class, TissageVerbatimBrowser, effect_list);
  gtk_widget_class_bind_template_child (widget_class, TissageVerbatimBrowser, title_label);
  gtk_widget_class_bind_template_child (widget_class, TissageVerbatimBrowser, count_label);
  gtk_widget_class_bind_template_child (widget_class, TissageVerbatimBrowser, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TissageVerbatimBrowser, category_filter);
  gtk_widget_class_bind_template_child (widget_class, TissageVerbatimBrowser, structure_filter);
  gtk_widget_class_bind_template_child (widget_class, TissageVerbatimBrowser, tone_filter);
  gtk_widget_class_bind_template_child (widget_class, TissageVerbatimBrowser, stack);
  gtk_widget_class_bind_template_child (widget_class, TissageVerbatimBrowser, quote_list);
  gtk_widget_class_bind_template_child (widget_class, TissageVerbatimBrowser, empty_page);
  gtk_widget_class_bind_template_child (widget_class, TissageVerbatimBrowser, clear_button);
  gtk_widget_class_bind_template_callback (widget_class, on_effect_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_quote_activated);

  /**
   * TissageVerbatimBrowser::open-interview:
   * @interview_id: the interview the quote comes from
   * @verbatim_id: the quote
   *
   * Asks for the interview to be shown at the answer holding the quote.
   */
  signals[OPEN_INTERVIEW] =
    g_signal_new ("open-interview", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);

  gtk_widget_class_install_action (widget_class, "verbatims.copy", "x", copy_action);
  gtk_widget_class_install_action (widget_class, "verbatims.open-interview", "x", open_interview_action);
  gtk_widget_class_install_action (widget_class, "verbatims.clear-filters", NULL, clear_filters_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
tissage_verbatim_browser_init (TissageVerbatimBrowser *self)
{
  g_autoptr(GtkStringList) tones = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) selection = NULL;

  self->quotes = g_list_store_new (TISSAGE_TYPE_VERBATIM_ITEM);
  self->category_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->structure_ids = g_array_new (FALSE, TRUE, sizeof (gint64));

  gtk_widget_init_template (GTK_WIDGET (self));

  self->updating = TRUE;
  gtk_string_list_append (tones, _("All the tones"));
  for (int tone = 0; tone < TISSAGE_N_TONES; tone++)
    gtk_string_list_append (tones, tissage_tone_to_label (tone));
  gtk_drop_down_set_model (self->tone_filter, G_LIST_MODEL (tones));
  tissage_drop_down_set_ellipsized (self->category_filter, 14);
  tissage_drop_down_set_ellipsized (self->structure_filter, 14);
  tissage_drop_down_set_ellipsized (self->tone_filter, 14);
  self->updating = FALSE;

  /* The drop-downs take the focus, not the boxes that let them wrap. */
  gtk_widget_set_focusable (gtk_widget_get_parent (GTK_WIDGET (self->category_filter)), FALSE);
  gtk_widget_set_focusable (gtk_widget_get_parent (GTK_WIDGET (self->structure_filter)), FALSE);
  gtk_widget_set_focusable (gtk_widget_get_parent (GTK_WIDGET (self->tone_filter)), FALSE);

  gtk_list_box_set_header_func (self->effect_list, tissage_verbatim_browser_effect_header, NULL, NULL);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_card), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_card), self);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->quotes)));
  gtk_list_view_set_factory (self->quote_list, factory);
  gtk_list_view_set_model (self->quote_list, GTK_SELECTION_MODEL (selection));
}

/* Public API */

GtkWidget *
tissage_verbatim_browser_new (void)
{
  return g_object_new (TISSAGE_TYPE_VERBATIM_BROWSER, NULL);
}

void
tissage_verbatim_browser_set_document (TissageVerbatimBrowser *self,
                                       TissageDocument        *document)
{
  g_return_if_fail (TISSAGE_IS_VERBATIM_BROWSER (self));
  g_return_if_fail (document == NULL || TISSAGE_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  self->effect_id = 0;
  g_list_store_remove_all (self->quotes);
  if (document == NULL)
    return;

  g_signal_connect_object (document, "row-changed", G_CALLBACK (on_row_changed), self, G_CONNECT_SWAPPED);
  self->dirty = DIRTY_ALL;
  /* Thousands of quotes are read when the browser is first shown. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload (self);
}

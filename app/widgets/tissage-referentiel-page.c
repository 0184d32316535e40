/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-referentiel"

#include "config.h"

#include <glib/gi18n.h>

#include "tissage-bank-dialog.h"
#include "tissage-measures-grid.h"
#include "tissage-record-editor.h"
#include "tissage-referentiel-page-private.h"
#include "tissage-referentiel.h"
#include "tissage-toc-view.h"
#include "tissage-utils.h"
#include "tissage-widget-utils.h"

G_DEFINE_FINAL_TYPE (TissageReferentielPage, tissage_referentiel_page, GTK_TYPE_WIDGET)

/* Selection and editing */

static void
update_actions (TissageReferentielPage *self)
{
  TissageRecord *selected = tissage_referentiel_page_get_selected (self);
  gboolean writable = tissage_widget_can_edit (self->document, "stakes");
  Level level = selected ? tissage_referentiel_page_level_of (selected) : N_LEVELS;

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
    if (self->editors[level] != NULL && !(selected && tissage_referentiel_page_level_of (selected) == level))
      tissage_record_editor_set_record (self->editors[level], NULL);
  if (selected != NULL)
    tissage_record_editor_set_record (tissage_referentiel_page_ensure_editor (self, tissage_referentiel_page_level_of (selected)), selected);

  if (selected == NULL)
    gtk_stack_set_visible_child_name (self->detail_stack, "none");
  else
    {
      static const char *pages[] = { "stake", "question", "effect", "indicator" };

      gtk_stack_set_visible_child_name (self->detail_stack, pages[tissage_referentiel_page_level_of (selected)]);
      if (tissage_referentiel_page_level_of (selected) == LEVEL_EFFECT)
        tissage_referentiel_page_rebuild_concerns (self);
    }

  if (self->measures != NULL)
    tissage_measures_grid_set_indicator (self->measures,
                                         selected && tissage_referentiel_page_level_of (selected) == LEVEL_INDICATOR
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
        tissage_referentiel_page_compute_visible (self);
      tissage_referentiel_page_refilter (self);
      tissage_referentiel_page_update_counts (self);
    }
  else if (g_str_equal (table, "effect_stakeholders") || g_str_equal (table, "categories") ||
           g_str_equal (table, "stakeholders"))
    {
      if (self->editors[LEVEL_EFFECT] != NULL &&
          tissage_record_editor_get_record (self->editors[LEVEL_EFFECT]) != NULL)
        tissage_referentiel_page_rebuild_concerns (self);
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
      g_object_weak_unref (g_ptr_array_index (self->filters, i), tissage_referentiel_page_forget_weak, self->filters);
  if (self->sorters != NULL)
    for (guint i = 0; i < self->sorters->len; i++)
      g_object_weak_unref (g_ptr_array_index (self->sorters, i), tissage_referentiel_page_forget_weak, self->sorters);
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

  tissage_referentiel_page_install_actions (widget_class);

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
  g_signal_connect (factory, "setup", G_CALLBACK (tissage_referentiel_page_setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (tissage_referentiel_page_bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (tissage_referentiel_page_unbind_row), self);
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

  tissage_referentiel_page_rebuild_tree (self);
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

  tissage_referentiel_page_ensure_editor (self, LEVEL_INDICATOR);
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
  for (gpointer up = record; up != NULL; up = tissage_referentiel_page_parent_of (self, up))
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
  tissage_referentiel_page_compute_visible (self);
  tissage_referentiel_page_rebuild_tree (self);
}

guint
tissage_referentiel_page_get_n_rows (TissageReferentielPage *self)
{
  g_return_val_if_fail (TISSAGE_IS_REFERENTIEL_PAGE (self), 0);

  return self->tree != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->tree)) : 0;
}

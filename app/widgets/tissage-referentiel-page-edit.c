/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

/* The référentiel page: its ref.* actions, adding (from the bank too),
 * adding to the bank, deleting, moving by keys or by drag and drop. */

#define G_LOG_DOMAIN "tissage-referentiel"

#include "config.h"

#include <glib/gi18n.h>

#include "tissage-bank-dialog.h"
#include "tissage-record-editor.h"
#include "tissage-referentiel-page-private.h"
#include "tissage-referentiel.h"
#include "tissage-utils.h"
#include "tissage-widget-utils.h"

static guint
next_position (TissageReferentielPage *self,
               Level                   level,
               gint64                  parent)
{
  GListModel *records = tissage_document_get_records (self->document, tissage_referentiel_page_type_of_level (level));
  int max = -1;

  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(TissageRecord) record = g_list_model_get_item (records, i);
      int position;

      if (level != LEVEL_STAKE && tissage_referentiel_page_parent_id (record) != parent)
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
  while (record != NULL && tissage_referentiel_page_level_of (record) > level)
    record = tissage_referentiel_page_parent_of (self, record);
  return record != NULL && tissage_referentiel_page_level_of (record) == level ? record : NULL;
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
    record = tissage_document_insert (self->document, tissage_referentiel_page_type_of_level (level), &error,
                                      tissage_referentiel_page_parent_property[level], tissage_record_id (parent),
                                      "title", _(new_titles[level]),
                                      "position", (int) next_position (self, level, tissage_record_id (parent)), NULL);

  if (record == NULL)
    {
      tissage_widget_report_error (GTK_WIDGET (self), error);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  tissage_referentiel_page_select (self, record);
  tissage_record_editor_focus_first (tissage_referentiel_page_ensure_editor (self, level));
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
  GListModel *records = tissage_document_get_records (self->document, tissage_referentiel_page_type_of_level (level));
  g_autoptr(GHashTable) found = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(TissageRecord) record = g_list_model_get_item (records, i);
      gint64 parent = tissage_referentiel_page_parent_id (record);

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

  level = tissage_referentiel_page_level_of (selected);
  heading = g_strdup_printf (_("Delete “%s”?"), tissage_referentiel_page_title_of (selected));

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

  level = tissage_referentiel_page_level_of (selected);
  g_object_get (selected, "position", &position, NULL);
  records = tissage_document_get_records (self->document, tissage_referentiel_page_type_of_level (level));

  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(TissageRecord) record = g_list_model_get_item (records, i);
      int other;

      if (record == selected || tissage_referentiel_page_parent_id (record) != tissage_referentiel_page_parent_id (selected))
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
  Level level = tissage_referentiel_page_level_of (record);
  Level target_level = tissage_referentiel_page_level_of (onto);
  gint64 new_parent;
  GListModel *records;
  g_autoptr(GPtrArray) siblings = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (TISSAGE_IS_REFERENTIEL_PAGE (self), FALSE);

  if (record == onto)
    return TRUE;
  if (target_level == level)
    new_parent = tissage_referentiel_page_parent_id (onto);
  else if (level > LEVEL_STAKE && target_level == level - 1)
    new_parent = tissage_record_id (onto);
  else
    {
      g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                           _("It cannot go there: an indicator goes under an effect, an effect under a question, a question under a stake."));
      return FALSE;
    }

  /* The new siblings in their order, with @record put in its place. */
  records = tissage_document_get_records (self->document, tissage_referentiel_page_type_of_level (level));
  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      TissageRecord *other = g_list_model_get_item (records, i);

      if (other != record && (level == LEVEL_STAKE || tissage_referentiel_page_parent_id (other) == new_parent))
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

  if (level > LEVEL_STAKE && tissage_referentiel_page_parent_id (record) != new_parent &&
      !tissage_document_set (self->document, record, error, tissage_referentiel_page_parent_property[level], new_parent, NULL))
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

GdkContentProvider *
tissage_referentiel_page_on_drag_prepare (GtkDragSource *source,
                                          double         x,
                                          double         y,
                                          GtkListItem   *item)
{
  GObject *record = g_object_get_data (G_OBJECT (item), "record");

  if (record == NULL)
    return NULL;
  return gdk_content_provider_new_typed (TISSAGE_TYPE_RECORD, record);
}

gboolean
tissage_referentiel_page_on_drop (GtkDropTarget *target,
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

/* The ref.* actions, installed on the class in this order. */
void
tissage_referentiel_page_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "ref.add-stake", NULL, add_activated);
  gtk_widget_class_install_action (widget_class, "ref.add-question", NULL, add_activated);
  gtk_widget_class_install_action (widget_class, "ref.add-effect", NULL, add_activated);
  gtk_widget_class_install_action (widget_class, "ref.add-indicator", NULL, add_activated);
  gtk_widget_class_install_action (widget_class, "ref.add-from-bank", NULL, add_from_bank_activated);
  gtk_widget_class_install_action (widget_class, "ref.add-to-bank", NULL, add_to_bank_activated);
  gtk_widget_class_install_action (widget_class, "ref.delete", NULL, delete_activated);
  gtk_widget_class_install_action (widget_class, "ref.move-up", NULL, move_activated);
  gtk_widget_class_install_action (widget_class, "ref.move-down", NULL, move_activated);
}

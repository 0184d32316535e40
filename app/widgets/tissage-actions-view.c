/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-actions"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tissage-actions-view.h"
#include "tissage-referentiel.h"
#include "tissage-widget-utils.h"

/* « Actions communes »: on the left the list, on the right the editor.
 * A new action is a form until it has a title and two partners, then
 * one edit creates it with the links among its partners; an action
 * selected saves each field as it is applied. */

struct _TissageActionsView
{
  GtkWidget        parent_instance;

  TissageDocument *document;
  TissageAction   *action;        /* the one edited, or NULL: a new one */
  GArray          *partners;      /* gint64: of the new one, or a copy of the action's */
  GtkStringList   *kind_labels;
  GtkStringList   *stakeholder_names;
  GArray          *stakeholder_ids;
  guint            refresh_id;
  gboolean         updating;
  gboolean         dirty;          /* changed while not shown */

  GtkWidget       *list_stack;
  GtkListBox      *list;
  AdwPreferencesGroup *heading;
  AdwEntryRow     *title_row;
  AdwComboRow     *kind_row;
  AdwEntryRow     *when_row;
  AdwEntryRow     *note_row;
  AdwPreferencesGroup *partners_group;
  GPtrArray       *partner_rows;
  AdwComboRow     *partner_choice;
  GtkButton       *create_button;
  GtkButton       *delete_button;
};

G_DEFINE_FINAL_TYPE (TissageActionsView, tissage_actions_view, GTK_TYPE_WIDGET)

static void refresh_editor (TissageActionsView *self);

static const char *
stakeholder_name (TissageActionsView *self,
                  gint64              id)
{
  TissageStakeholder *stakeholder = tissage_document_lookup (self->document, TISSAGE_TYPE_STAKEHOLDER, id);

  return stakeholder != NULL ? tissage_stakeholder_get_name (stakeholder) : "";
}

static char *
describe_when (TissageActionsView *self,
               const char         *date,
               gint64              period_id)
{
  TissagePeriod *period = period_id != 0 ? tissage_document_lookup (self->document, TISSAGE_TYPE_PERIOD, period_id) : NULL;

  if (period != NULL)
    return g_strdup (tissage_period_get_label (period));
  return tissage_format_date (date);
}

/* The list */

/* When an action took place, to order the list: its date, else the start
 * of its period; an action without either comes last. */
static char *
dup_when_key (TissageActionsView *self,
              TissageAction      *action)
{
  const char *date = tissage_action_get_date (action);
  gint64 period_id = tissage_action_get_period_id (action);
  TissagePeriod *period = period_id != 0 ? tissage_document_lookup (self->document, TISSAGE_TYPE_PERIOD, period_id) : NULL;
  char *start = NULL;

  if (date != NULL && *date != '\0')
    return g_strdup (date);
  if (period != NULL)
    g_object_get (period, "start-date", &start, NULL);
  if (start != NULL && *start != '\0')
    return start;
  g_free (start);
  return g_strdup ("~");
}

static int
compare_rows (GtkListBoxRow *a,
              GtkListBoxRow *b,
              gpointer       user_data)
{
  TissageActionsView *self = user_data;
  TissageAction *x = g_object_get_data (G_OBJECT (a), "action");
  TissageAction *y = g_object_get_data (G_OBJECT (b), "action");
  g_autofree char *kx = NULL;
  g_autofree char *ky = NULL;
  int order;

  if (x == NULL || y == NULL || self->document == NULL)
    return 0;
  kx = dup_when_key (self, x);
  ky = dup_when_key (self, y);
  order = strcmp (kx, ky);
  return order != 0 ? order : g_utf8_collate (tissage_action_get_title (x), tissage_action_get_title (y));
}

static void
on_row_activated (TissageActionsView *self,
                  GtkListBoxRow      *row)
{
  TissageAction *action = g_object_get_data (G_OBJECT (row), "action");

  g_set_object (&self->action, action);
  g_clear_pointer (&self->partners, g_array_unref);
  self->partners = tissage_document_dup_action_partners (self->document, action);
  refresh_editor (self);
}

static void
rebuild_list (TissageActionsView *self)
{
  GListModel *actions = tissage_document_get_records (self->document, TISSAGE_TYPE_ACTION);
  GtkWidget *child;
  guint n = g_list_model_get_n_items (actions);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TissageAction) action = g_list_model_get_item (actions, i);
      g_autoptr(GArray) partners = tissage_document_dup_action_partners (self->document, action);
      g_autofree char *when = describe_when (self, tissage_action_get_date (action), tissage_action_get_period_id (action));
      g_autofree char *count = g_strdup_printf (g_dngettext (NULL, "%u partner", "%u partners", partners->len), partners->len);
      g_autofree char *subtitle = NULL;
      AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
      TissageActionKind kind = tissage_action_get_kind (action);

      subtitle = g_strjoin (" · ", kind < TISSAGE_N_ACTION_KINDS ? tissage_action_kind_to_label (kind) : "",
                            *when != '\0' ? when : _("No date"), count, NULL);
      tissage_preferences_row_set_name (GTK_WIDGET (row), tissage_action_get_title (action));
      adw_action_row_set_subtitle (row, subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "action", g_object_ref (action), g_object_unref);
      gtk_list_box_append (self->list, GTK_WIDGET (row));
      if (self->action != NULL && tissage_record_get_id (TISSAGE_RECORD (self->action)) == tissage_record_get_id (TISSAGE_RECORD (action)))
        gtk_list_box_select_row (self->list, GTK_LIST_BOX_ROW (row));
    }
  gtk_stack_set_visible_child_name (GTK_STACK (self->list_stack), n > 0 ? "list" : "empty");
}

/* The editor */

static void
rebuild_stakeholders (TissageActionsView *self)
{
  GListModel *stakeholders = tissage_document_get_stakeholders (self->document);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  g_array_set_size (self->stakeholder_ids, 0);
  g_ptr_array_add (names, (gpointer) _("Choose a partner…"));
  {
    gint64 none = 0;

    g_array_append_val (self->stakeholder_ids, none);
  }
  for (guint i = 0; i < g_list_model_get_n_items (stakeholders); i++)
    {
      g_autoptr(TissageStakeholder) stakeholder = g_list_model_get_item (stakeholders, i);
      gint64 id = tissage_record_get_id (TISSAGE_RECORD (stakeholder));
      gboolean taken = FALSE;

      for (guint p = 0; self->partners != NULL && p < self->partners->len; p++)
        taken |= g_array_index (self->partners, gint64, p) == id;
      if (taken)
        continue;
      g_array_append_val (self->stakeholder_ids, id);
      g_ptr_array_add (names, (gpointer) tissage_stakeholder_get_name (stakeholder));
    }
  g_ptr_array_add (names, NULL);
  gtk_string_list_splice (self->stakeholder_names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->stakeholder_names)),
                          (const char * const *) names->pdata);
  adw_combo_row_set_selected (self->partner_choice, 0);
}

static void
say_links (TissageActionsView       *self,
           const char               *done,
           const TissageActionLinks *links)
{
  g_autofree char *created = NULL;
  g_autofree char *strengthened = NULL;
  g_autofree char *title = NULL;

  if (links->created + links->strengthened == 0)
    {
      tissage_widget_add_undo_toast (GTK_WIDGET (self), done);
      return;
    }
  created = g_strdup_printf (g_dngettext (NULL, "%u link created", "%u links created", links->created), links->created);
  strengthened = g_strdup_printf (g_dngettext (NULL, "%u link strengthened", "%u links strengthened", links->strengthened),
                                  links->strengthened);
  if (links->strengthened == 0 || links->created == 0)
    /* TRANSLATORS: "Joint action added: 2 links created" */
    title = g_strdup_printf (_("%s: %s"), done, links->created > 0 ? created : strengthened);
  else
    /* TRANSLATORS: "Joint action added: 2 links created, 1 link strengthened" */
    title = g_strdup_printf (_("%s: %s, %s"), done, created, strengthened);
  tissage_widget_add_undo_toast (GTK_WIDGET (self), title);
}

static void
on_remove_partner (TissageActionsView *self,
                   GtkButton          *button)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "stakeholder"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < self->partners->len; i++)
    if (g_array_index (self->partners, gint64, i) != id)
      g_array_append_val (kept, g_array_index (self->partners, gint64, i));

  if (self->action != NULL)
    {
      TissageActionLinks links = { 0, };

      if (!tissage_document_set_action_partners (self->document, self->action, (const gint64 *) kept->data,
                                                 kept->len, &links, &error))
        {
          tissage_widget_report_error (GTK_WIDGET (self), error);
          return;
        }
      tissage_widget_add_undo_toast (GTK_WIDGET (self), _("Partner removed"));
    }
  g_array_set_size (self->partners, 0);
  g_array_append_vals (self->partners, kept->data, kept->len);
  refresh_editor (self);
}

static void
on_partner_chosen (TissageActionsView *self)
{
  guint selected = adw_combo_row_get_selected (self->partner_choice);
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (self->updating || selected == 0 || selected >= self->stakeholder_ids->len)
    return;
  id = g_array_index (self->stakeholder_ids, gint64, selected);

  if (self->action != NULL)
    {
      g_autoptr(GArray) wanted = g_array_copy (self->partners);
      TissageActionLinks links = { 0, };

      g_array_append_val (wanted, id);
      if (!tissage_document_set_action_partners (self->document, self->action, (const gint64 *) wanted->data,
                                                 wanted->len, &links, &error))
        {
          tissage_widget_report_error (GTK_WIDGET (self), error);
          refresh_editor (self);
          return;
        }
      say_links (self, _("Partner added"), &links);
    }
  g_array_append_val (self->partners, id);
  refresh_editor (self);
}

/* A date as typed (12/03/2026) or the name of a period, in @iso or
 * @period_id; FALSE with a French message when it is neither. */
static gboolean
read_when (TissageActionsView  *self,
           char               **iso,
           gint64              *period_id,
           GError             **error)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->when_row))));
  GListModel *periods = tissage_document_get_records (self->document, TISSAGE_TYPE_PERIOD);
  g_autofree char *wanted = NULL;

  *iso = NULL;
  *period_id = 0;
  if (*text == '\0' || tissage_parse_date (text, iso))
    return TRUE;

  wanted = g_utf8_casefold (text, -1);
  for (guint i = 0; i < g_list_model_get_n_items (periods); i++)
    {
      g_autoptr(TissagePeriod) period = g_list_model_get_item (periods, i);
      g_autofree char *folded = g_utf8_casefold (tissage_period_get_label (period), -1);

      if (g_str_equal (folded, wanted))
        {
          *period_id = tissage_record_get_id (TISSAGE_RECORD (period));
          return TRUE;
        }
    }
  g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
               _("“%s” is neither a date nor a period of the project: write a date such as 12/03/2026, or the name of a period."),
               text);
  return FALSE;
}

static void
on_field_apply (TissageActionsView *self,
                AdwEntryRow        *row)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  if (self->updating || self->action == NULL)
    return;

  if (row == self->title_row)
    ok = tissage_document_set (self->document, self->action, &error,
                               "title", gtk_editable_get_text (GTK_EDITABLE (row)), NULL);
  else if (row == self->note_row)
    ok = tissage_document_set (self->document, self->action, &error,
                               "note", gtk_editable_get_text (GTK_EDITABLE (row)), NULL);
  else
    {
      g_autofree char *iso = NULL;
      gint64 period = 0;

      ok = read_when (self, &iso, &period, &error) &&
           tissage_document_set (self->document, self->action, &error,
                                 "date", iso != NULL ? iso : "", "period-id", period, NULL);
    }
  if (!ok)
    {
      tissage_widget_report_error (GTK_WIDGET (self), error);
      refresh_editor (self);
    }
}

static void
on_kind_selected (TissageActionsView *self)
{
  g_autoptr(GError) error = NULL;
  guint kind = adw_combo_row_get_selected (self->kind_row);

  if (self->updating || self->action == NULL || kind >= TISSAGE_N_ACTION_KINDS ||
      kind == (guint) tissage_action_get_kind (self->action))
    return;
  if (!tissage_document_set (self->document, self->action, &error, "kind", (int) kind, NULL))
    tissage_widget_report_error (GTK_WIDGET (self), error);
}

static void
update_create_button (TissageActionsView *self)
{
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));

  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button),
                            *title != '\0' && self->partners->len >= 2 &&
                            !tissage_document_get_read_only (self->document));
}

static void
on_create (TissageActionsView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageAction) action = NULL;
  g_autofree char *iso = NULL;
  TissageActionLinks links = { 0, };
  gint64 period = 0;

  if (!read_when (self, &iso, &period, &error))
    {
      tissage_widget_report_error (GTK_WIDGET (self), error);
      return;
    }
  action = tissage_document_add_action (self->document, gtk_editable_get_text (GTK_EDITABLE (self->title_row)),
                                        MIN (adw_combo_row_get_selected (self->kind_row), TISSAGE_N_ACTION_KINDS - 1),
                                        iso != NULL ? iso : "", period,
                                        (const gint64 *) self->partners->data, self->partners->len, &links, &error);
  if (action == NULL)
    {
      tissage_widget_report_error (GTK_WIDGET (self), error);
      return;
    }
  if (*gtk_editable_get_text (GTK_EDITABLE (self->note_row)) != '\0')
    tissage_document_set (self->document, action, NULL, "note", gtk_editable_get_text (GTK_EDITABLE (self->note_row)), NULL);
  g_set_object (&self->action, action);
  say_links (self, _("Joint action added"), &links);
  rebuild_list (self);
  refresh_editor (self);
}

static void
on_delete (TissageActionsView *self)
{
  g_autoptr(GError) error = NULL;

  if (self->action == NULL)
    return;
  if (!tissage_document_delete (self->document, self->action, &error))
    {
      tissage_widget_report_error (GTK_WIDGET (self), error);
      return;
    }
  tissage_widget_add_undo_toast (GTK_WIDGET (self), _("Joint action deleted"));
  tissage_actions_view_start_new (self);
}

static void
refresh_editor (TissageActionsView *self)
{
  self->updating = TRUE;

  for (guint i = 0; i < self->partner_rows->len; i++)
    adw_preferences_group_remove (self->partners_group, g_ptr_array_index (self->partner_rows, i));
  g_ptr_array_set_size (self->partner_rows, 0);

  if (self->action != NULL)
    {
      g_autofree char *when = describe_when (self, tissage_action_get_date (self->action),
                                             tissage_action_get_period_id (self->action));

      adw_preferences_group_set_title (self->heading, _("Joint Action"));
      gtk_editable_set_text (GTK_EDITABLE (self->title_row), tissage_action_get_title (self->action));
      adw_combo_row_set_selected (self->kind_row, MIN (tissage_action_get_kind (self->action), TISSAGE_N_ACTION_KINDS - 1));
      gtk_editable_set_text (GTK_EDITABLE (self->when_row), when);
      gtk_editable_set_text (GTK_EDITABLE (self->note_row), tissage_action_get_note (self->action));
      g_clear_pointer (&self->partners, g_array_unref);
      self->partners = tissage_document_dup_action_partners (self->document, self->action);
    }
  else
    adw_preferences_group_set_title (self->heading, _("New Joint Action"));
  adw_entry_row_set_show_apply_button (self->title_row, self->action != NULL);
  adw_entry_row_set_show_apply_button (self->when_row, self->action != NULL);
  adw_entry_row_set_show_apply_button (self->note_row, self->action != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->create_button), self->action == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->delete_button), self->action != NULL);

  for (guint i = 0; i < self->partners->len; i++)
    {
      gint64 id = g_array_index (self->partners, gint64, i);
      AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
      GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");

      tissage_preferences_row_set_name (GTK_WIDGET (row), stakeholder_name (self, id));
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove this partner"));
      g_object_set_data (G_OBJECT (remove), "stakeholder", GSIZE_TO_POINTER (id));
      g_signal_connect_swapped (remove, "clicked", G_CALLBACK (on_remove_partner), self);
      adw_action_row_add_suffix (row, remove);
      adw_preferences_group_add (self->partners_group, GTK_WIDGET (row));
      g_ptr_array_add (self->partner_rows, row);
    }
  rebuild_stakeholders (self);
  update_create_button (self);
  self->updating = FALSE;
}

static gboolean
refresh_idle (gpointer data)
{
  TissageActionsView *self = data;

  self->refresh_id = 0;
  if (self->action != NULL &&
      tissage_document_lookup (self->document, TISSAGE_TYPE_ACTION, tissage_record_get_id (TISSAGE_RECORD (self->action))) == NULL)
    {
      g_clear_object (&self->action);
      g_array_set_size (self->partners, 0);
    }
  rebuild_list (self);
  refresh_editor (self);
  return G_SOURCE_REMOVE;
}

static void
on_row_changed (TissageActionsView *self,
                const char         *table)
{
  if (!g_str_equal (table, "actions") && !g_str_equal (table, "action_partners") &&
      !g_str_equal (table, "stakeholders") && !g_str_equal (table, "periods"))
    return;
  /* Typing a stakeholder's name on the map rebuilds nothing here. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->dirty = TRUE;
  else if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_idle, self);
}

static void
on_map (TissageActionsView *self)
{
  if (self->dirty && self->document != NULL)
    {
      self->dirty = FALSE;
      refresh_idle (self);
    }
}

static GtkWidget *
build_editor (TissageActionsView *self)
{
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *buttons = adw_preferences_group_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  self->heading = ADW_PREFERENCES_GROUP (group);

  self->title_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->title_row), _("Title"));
  g_signal_connect_swapped (self->title_row, "apply", G_CALLBACK (on_field_apply), self);
  g_signal_connect_swapped (self->title_row, "changed", G_CALLBACK (update_create_button), self);
  self->kind_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->kind_row), _("Kind"));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (self->kind_labels));
  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (on_kind_selected), self);
  self->when_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->when_row), _("Date or Period"));
  g_signal_connect_swapped (self->when_row, "apply", G_CALLBACK (on_field_apply), self);
  self->note_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->note_row), _("Note"));
  g_signal_connect_swapped (self->note_row, "apply", G_CALLBACK (on_field_apply), self);

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->title_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->kind_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->when_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->note_row));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  self->partners_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->partners_group, _("Partners"));
  adw_preferences_group_set_description (self->partners_group,
                                         _("Two or more stakeholders; the links among them are created or strengthened"));
  /* A combo row, not a drop-down: in GTK 4.8 a drop-down's search only
   * matches the start of a name. */
  self->partner_choice = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->partner_choice), _("Add a partner"));
  adw_combo_row_set_model (self->partner_choice, G_LIST_MODEL (self->stakeholder_names));
  g_signal_connect_swapped (self->partner_choice, "notify::selected", G_CALLBACK (on_partner_chosen), self);
  adw_preferences_group_add (self->partners_group, GTK_WIDGET (self->partner_choice));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->partners_group);

  self->create_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Create the Joint Action")));
  gtk_widget_add_css_class (GTK_WIDGET (self->create_button), "pill");
  gtk_widget_add_css_class (GTK_WIDGET (self->create_button), "suggested-action");
  g_signal_connect_swapped (self->create_button, "clicked", G_CALLBACK (on_create), self);
  self->delete_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Delete the Joint Action")));
  gtk_widget_add_css_class (GTK_WIDGET (self->delete_button), "pill");
  gtk_widget_add_css_class (GTK_WIDGET (self->delete_button), "destructive-action");
  g_signal_connect_swapped (self->delete_button, "clicked", G_CALLBACK (on_delete), self);
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->create_button));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->delete_button));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (buttons), box);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (buttons));

  gtk_widget_set_hexpand (page, TRUE);
  return page;
}

static GtkWidget *
build_list (TissageActionsView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *add = gtk_button_new_with_mnemonic (_("_Add a Joint Action"));
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *empty = adw_status_page_new ();

  gtk_widget_set_size_request (box, 340, -1);
  gtk_widget_set_margin_start (add, 12);
  gtk_widget_set_margin_end (add, 12);
  gtk_widget_set_margin_top (add, 12);
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (tissage_actions_view_start_new), self);
  gtk_box_append (GTK_BOX (box), add);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  /* In the order they took place, as a meeting reads them. */
  gtk_list_box_set_sort_func (self->list, compare_rows, self, NULL);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  g_signal_connect_swapped (self->list, "row-activated", G_CALLBACK (on_row_activated), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->list));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "system-users-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Joint Action"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Add the projects, meetings and pooled means the structures share: they measure the cooperation over time."));
  gtk_widget_add_css_class (empty, "compact");

  self->list_stack = gtk_stack_new ();
  gtk_widget_set_vexpand (self->list_stack, TRUE);
  gtk_stack_add_named (GTK_STACK (self->list_stack), scroller, "list");
  gtk_stack_add_named (GTK_STACK (self->list_stack), empty, "empty");
  gtk_box_append (GTK_BOX (box), self->list_stack);
  return box;
}

static void
tissage_actions_view_dispose (GObject *object)
{
  TissageActionsView *self = TISSAGE_ACTIONS_VIEW (object);
  GtkWidget *child;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->document);
  g_clear_object (&self->action);
  g_clear_object (&self->kind_labels);
  g_clear_object (&self->stakeholder_names);
  g_clear_pointer (&self->stakeholder_ids, g_array_unref);
  g_clear_pointer (&self->partners, g_array_unref);
  g_clear_pointer (&self->partner_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (tissage_actions_view_parent_class)->dispose (object);
}

static void
tissage_actions_view_class_init (TissageActionsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tissage_actions_view_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
tissage_actions_view_init (TissageActionsView *self)
{
  self->kind_labels = gtk_string_list_new (NULL);
  for (guint k = 0; k < TISSAGE_N_ACTION_KINDS; k++)
    gtk_string_list_append (self->kind_labels, tissage_action_kind_to_label (k));
  self->stakeholder_names = gtk_string_list_new (NULL);
  self->stakeholder_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->partners = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->partner_rows = g_ptr_array_new ();

  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
  gtk_widget_set_parent (build_list (self), GTK_WIDGET (self));
  gtk_widget_set_parent (gtk_separator_new (GTK_ORIENTATION_VERTICAL), GTK_WIDGET (self));
  gtk_widget_set_parent (build_editor (self), GTK_WIDGET (self));
}

void
tissage_actions_view_set_document (TissageActionsView *self,
                                   TissageDocument    *document)
{
  g_return_if_fail (TISSAGE_IS_ACTIONS_VIEW (self));

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  g_clear_object (&self->action);
  g_array_set_size (self->partners, 0);
  if (document == NULL)
    return;
  g_signal_connect_object (document, "row-changed", G_CALLBACK (on_row_changed), self, G_CONNECT_SWAPPED);
  tissage_widget_set_editable (GTK_WIDGET (self), !tissage_document_get_read_only (document));
  rebuild_list (self);
  refresh_editor (self);
}

void
tissage_actions_view_start_new (TissageActionsView *self)
{
  g_return_if_fail (TISSAGE_IS_ACTIONS_VIEW (self));

  g_clear_object (&self->action);
  g_array_set_size (self->partners, 0);
  gtk_list_box_unselect_all (self->list);
  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->when_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->note_row), "");
  adw_combo_row_set_selected (self->kind_row, 0);
  self->updating = FALSE;
  if (self->document != NULL)
    refresh_editor (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}

TissageAction *
tissage_actions_view_create (TissageActionsView *self,
                             const char         *title,
                             const char         *when,
                             const gint64       *partners,
                             guint               n_partners)
{
  g_return_val_if_fail (TISSAGE_IS_ACTIONS_VIEW (self), NULL);

  tissage_actions_view_start_new (self);
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), title);
  gtk_editable_set_text (GTK_EDITABLE (self->when_row), when);
  for (guint i = 0; i < n_partners; i++)
    for (guint s = 0; s < self->stakeholder_ids->len; s++)
      if (g_array_index (self->stakeholder_ids, gint64, s) == partners[i])
        {
          adw_combo_row_set_selected (self->partner_choice, s);
          break;
        }
  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->create_button)))
    return NULL;
  g_signal_emit_by_name (self->create_button, "clicked");
  return self->action;
}

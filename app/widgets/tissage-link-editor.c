/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-map"

#include "config.h"

#include <glib/gi18n.h>

#include "tissage-link-editor.h"
#include "tissage-referentiel.h"
#include "tissage-widget-utils.h"

struct _TissageLinkEditor
{
  GtkWidget        parent_instance;

  AdwPreferencesPage *page;
  AdwActionRow    *source_row;
  AdwActionRow    *target_row;
  AdwComboRow     *kind_row;
  AdwEntryRow     *custom_kind_row;
  GtkToggleButton *weak_button;
  GtkToggleButton *medium_button;
  GtkToggleButton *strong_button;
  GtkTextView     *note_view;
  AdwEntryRow     *start_row;
  AdwEntryRow     *end_row;
  AdwComboRow     *strength_period_row;

  TissageDocument *document;
  GtkStringList   *period_labels;
  GArray          *period_ids;   /* gint64, parallel to period_labels; 0: the link's own */
  TissageLink     *link;
  GtkStringList   *kind_labels;
  GPtrArray       *kinds;      /* stored values, parallel to kind_labels */
  gboolean         updating;
};

enum {
  SHOW_STAKEHOLDER,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TissageLinkEditor, tissage_link_editor, GTK_TYPE_WIDGET)

/* Stored in French, as the collective's own vocabulary; shown translated. */
static const char * const default_kinds[] = {
  "coopération",
  "financement",
  "accompagnement",
  "orientation de publics",
  "partenariat institutionnel",
  NULL
};

static const char * const default_kind_labels[] = {
  N_("Cooperation"),
  N_("Funding"),
  N_("Support"),
  N_("Referral of people"),
  N_("Institutional partnership"),
};

const char * const *
tissage_link_default_kinds (void)
{
  return default_kinds;
}

/* How a stored kind reads: the translated name of a default kind, or
 * the collective's own word. */
const char *
tissage_link_kind_label (const char *kind)
{
  for (guint i = 0; default_kinds[i] != NULL; i++)
    if (g_strcmp0 (kind, default_kinds[i]) == 0)
      return _(default_kind_labels[i]);

  return kind != NULL ? kind : "";
}

static void refresh (TissageLinkEditor *self);

static void
rebuild_kinds (TissageLinkEditor *self)
{
  GListModel *links = self->document ? tissage_document_get_links (self->document) : NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  gboolean was_updating = self->updating;

  self->updating = TRUE;
  g_ptr_array_set_size (self->kinds, 0);

  for (guint i = 0; default_kinds[i] != NULL; i++)
    {
      g_ptr_array_add (self->kinds, g_strdup (default_kinds[i]));
      g_ptr_array_add (labels, (gpointer) _(default_kind_labels[i]));
    }

  /* The kinds the collective made up, in the order they first appear. */
  for (guint i = 0; links != NULL && i < g_list_model_get_n_items (links); i++)
    {
      g_autoptr(TissageLink) link = g_list_model_get_item (links, i);
      const char *kind = tissage_link_get_kind (link);
      gboolean known = FALSE;

      for (guint k = 0; k < self->kinds->len && !known; k++)
        known = g_str_equal (g_ptr_array_index (self->kinds, k), kind);
      if (!known && *kind != '\0')
        {
          g_ptr_array_add (self->kinds, g_strdup (kind));
          g_ptr_array_add (labels, (gpointer) tissage_link_get_kind (link));
        }
    }
  g_ptr_array_add (labels, NULL);

  gtk_string_list_splice (self->kind_labels, 0, g_list_model_get_n_items (G_LIST_MODEL (self->kind_labels)),
                          (const char * const *) labels->pdata);
  self->updating = was_updating;
}

static gint64
selected_period (TissageLinkEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->strength_period_row);

  return selected < self->period_ids->len ? g_array_index (self->period_ids, gint64, selected) : 0;
}

/* "Toutes les périodes" (the link's own strength), then each period. */
static void
rebuild_periods (TissageLinkEditor *self)
{
  GListModel *periods = tissage_document_get_records (self->document, TISSAGE_TYPE_PERIOD);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  gint64 kept = selected_period (self), none = 0;
  guint position = 0;

  g_array_set_size (self->period_ids, 0);
  g_array_append_val (self->period_ids, none);
  g_ptr_array_add (labels, (gpointer) _("Every period"));
  for (guint i = 0; i < g_list_model_get_n_items (periods); i++)
    {
      g_autoptr(TissagePeriod) period = g_list_model_get_item (periods, i);
      gint64 id = tissage_record_get_id (TISSAGE_RECORD (period));

      if (id == kept)
        position = self->period_ids->len;
      g_array_append_val (self->period_ids, id);
      g_ptr_array_add (labels, (gpointer) tissage_period_get_label (period));
    }
  g_ptr_array_add (labels, NULL);
  gtk_string_list_splice (self->period_labels, 0, g_list_model_get_n_items (G_LIST_MODEL (self->period_labels)),
                          (const char * const *) labels->pdata);
  adw_combo_row_set_selected (self->strength_period_row, position);
}

static void
set_time_text (TissageLinkEditor *self,
               AdwEntryRow       *row,
               const char        *date,
               gint64             period_id)
{
  TissagePeriod *period = period_id != 0 ? tissage_document_lookup (self->document, TISSAGE_TYPE_PERIOD, period_id) : NULL;
  g_autofree char *text = period != NULL ? g_strdup (tissage_period_get_label (period)) : tissage_format_date (date);

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
refresh (TissageLinkEditor *self)
{
  TissageStakeholder *source, *target;
  const char *kind;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *note = NULL;
  guint position = 0;

  if (self->link == NULL || self->document == NULL)
    return;

  self->updating = TRUE;

  source = tissage_document_lookup (self->document, TISSAGE_TYPE_STAKEHOLDER, tissage_link_get_source_id (self->link));
  target = tissage_document_lookup (self->document, TISSAGE_TYPE_STAKEHOLDER, tissage_link_get_target_id (self->link));
  tissage_preferences_row_set_name (GTK_WIDGET (self->source_row), source ? tissage_stakeholder_get_name (source) : "");
  tissage_preferences_row_set_name (GTK_WIDGET (self->target_row), target ? tissage_stakeholder_get_name (target) : "");

  kind = tissage_link_get_kind (self->link);
  rebuild_kinds (self);
  for (guint i = 0; i < self->kinds->len; i++)
    if (g_str_equal (g_ptr_array_index (self->kinds, i), kind))
      position = i;
  adw_combo_row_set_selected (self->kind_row, position);

  rebuild_periods (self);
  set_time_text (self, self->start_row, tissage_link_get_start_date (self->link), tissage_link_get_start_period_id (self->link));
  set_time_text (self, self->end_row, tissage_link_get_end_date (self->link), tissage_link_get_end_period_id (self->link));

  switch (tissage_document_get_link_strength (self->document, self->link, selected_period (self)))
    {
    case 1:
      gtk_toggle_button_set_active (self->weak_button, TRUE);
      break;
    case 3:
      gtk_toggle_button_set_active (self->strong_button, TRUE);
      break;
    default:
      gtk_toggle_button_set_active (self->medium_button, TRUE);
      break;
    }

  buffer = gtk_text_view_get_buffer (self->note_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  note = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strcmp0 (note, tissage_link_get_note (self->link)) != 0)
    tissage_text_view_set_text (self->note_view, tissage_link_get_note (self->link));

  self->updating = FALSE;
}

static gboolean
can_edit (TissageLinkEditor *self)
{
  return !self->updating && self->link != NULL && self->document != NULL;
}

static void
save_kind (TissageLinkEditor *self,
           const char        *kind)
{
  g_autoptr(GError) error = NULL;

  if (!tissage_document_set (self->document, self->link, &error, "kind", kind, NULL))
    {
      tissage_widget_report_error (GTK_WIDGET (self), error);
      refresh (self);
    }
}

static void
on_kind_selected (TissageLinkEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->kind_row);

  if (can_edit (self) && selected < self->kinds->len)
    save_kind (self, g_ptr_array_index (self->kinds, selected));
}

static void
on_custom_kind_apply (TissageLinkEditor *self)
{
  g_autofree char *kind = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->custom_kind_row))));

  if (!can_edit (self) || *kind == '\0')
    return;

  save_kind (self, kind);
  gtk_editable_set_text (GTK_EDITABLE (self->custom_kind_row), "");
  refresh (self);
}

static void
on_strength_toggled (TissageLinkEditor *self,
                     GtkToggleButton   *button)
{
  g_autoptr(GError) error = NULL;
  int strength;

  if (!can_edit (self) || !gtk_toggle_button_get_active (button))
    return;

  strength = button == self->weak_button ? 1 : button == self->strong_button ? 3 : 2;
  if (strength == tissage_document_get_link_strength (self->document, self->link, selected_period (self)))
    return;
  if (selected_period (self) != 0
      ? !tissage_document_set_link_strength (self->document, self->link, selected_period (self), strength, &error)
      : !tissage_document_set (self->document, self->link, &error, "strength", strength, NULL))
    {
      tissage_widget_report_error (GTK_WIDGET (self), error);
      refresh (self);
    }
}

/* A date as typed (12/03/2026) or the name of a period. */
static void
on_time_apply (TissageLinkEditor *self,
               AdwEntryRow       *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  gboolean start = row == self->start_row;
  g_autofree char *iso = NULL;
  g_autoptr(GError) error = NULL;
  gint64 period_id = 0;
  gboolean ok;

  if (!can_edit (self))
    return;

  if (*text != '\0' && !tissage_parse_date (text, &iso))
    {
      GListModel *periods = tissage_document_get_records (self->document, TISSAGE_TYPE_PERIOD);
      g_autofree char *wanted = g_utf8_casefold (text, -1);

      for (guint i = 0; i < g_list_model_get_n_items (periods) && period_id == 0; i++)
        {
          g_autoptr(TissagePeriod) period = g_list_model_get_item (periods, i);
          g_autofree char *folded = g_utf8_casefold (tissage_period_get_label (period), -1);

          if (g_str_equal (folded, wanted))
            period_id = tissage_record_get_id (TISSAGE_RECORD (period));
        }
      if (period_id == 0)
        {
          g_set_error (&error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                       _("“%s” is neither a date nor a period of the project: write a date such as 12/03/2026, or the name of a period."),
                       text);
          tissage_widget_report_error (GTK_WIDGET (self), error);
          refresh (self);
          return;
        }
    }

  ok = start ? tissage_document_set (self->document, self->link, &error,
                                     "start-date", iso != NULL ? iso : "", "start-period-id", period_id, NULL)
             : tissage_document_set (self->document, self->link, &error,
                                     "end-date", iso != NULL ? iso : "", "end-period-id", period_id, NULL);
  if (!ok)
    tissage_widget_report_error (GTK_WIDGET (self), error);
  refresh (self);
}

static void
on_strength_period_selected (TissageLinkEditor *self)
{
  if (!self->updating)
    refresh (self);
}

static void
on_note_changed (TissageLinkEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  GtkTextIter start, end;
  g_autofree char *note = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;

  if (!can_edit (self))
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  note = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, note);
  if (!tissage_document_set_value (self->document, self->link, "note", &value, &error))
    tissage_widget_report_error (GTK_WIDGET (self), error);
}

static void
show_end (TissageLinkEditor *self,
          gint64             id)
{
  TissageStakeholder *stakeholder;

  if (self->document == NULL)
    return;

  stakeholder = tissage_document_lookup (self->document, TISSAGE_TYPE_STAKEHOLDER, id);
  if (stakeholder != NULL)
    g_signal_emit (self, signals[SHOW_STAKEHOLDER], 0, stakeholder);
}

static void
on_source_activated (TissageLinkEditor *self)
{
  if (self->link != NULL)
    show_end (self, tissage_link_get_source_id (self->link));
}

static void
on_target_activated (TissageLinkEditor *self)
{
  if (self->link != NULL)
    show_end (self, tissage_link_get_target_id (self->link));
}

static void
update_sensitivity (TissageLinkEditor *self)
{
  tissage_widget_set_editable (GTK_WIDGET (self->page),
                               self->document != NULL && !tissage_document_get_read_only (self->document));
}

static void
tissage_link_editor_dispose (GObject *object)
{
  TissageLinkEditor *self = TISSAGE_LINK_EDITOR (object);

  tissage_link_editor_set_link (self, NULL);
  g_clear_object (&self->document);

  gtk_widget_dispose_template (GTK_WIDGET (self), TISSAGE_TYPE_LINK_EDITOR);

  g_clear_object (&self->kind_labels);
  g_clear_object (&self->period_labels);
  g_clear_pointer (&self->period_ids, g_array_unref);
  g_clear_pointer (&self->kinds, g_ptr_array_unref);

  G_OBJECT_CLASS (tissage_link_editor_parent_class)->dispose (object);
}

static void
tissage_link_editor_class_init (TissageLinkEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tissage_link_editor_dispose;

  /**
   * TissageLinkEditor::show-stakeholder:
   *
   * The user asked to see one end of the link.
   */
  signals[SHOW_STAKEHOLDER] =
    g_signal_new ("show-stakeholder",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, TISSAGE_TYPE_STAKEHOLDER);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/tissage-link-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, TissageLinkEditor, page);
  gtk_widget_class_bind_template_child (widget_class, TissageLinkEditor, source_row);
  gtk_widget_class_bind_template_child (widget_class, TissageLinkEditor, target_row);
  gtk_widget_class_bind_template_child (widget_class, TissageLinkEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, TissageLinkEditor, custom_kind_row);
  gtk_widget_class_bind_template_child (widget_class, TissageLinkEditor, weak_button);
  gtk_widget_class_bind_template_child (widget_class, TissageLinkEditor, medium_button);
  gtk_widget_class_bind_template_child (widget_class, TissageLinkEditor, strong_button);
  gtk_widget_class_bind_template_child (widget_class, TissageLinkEditor, note_view);
  gtk_widget_class_bind_template_child (widget_class, TissageLinkEditor, start_row);
  gtk_widget_class_bind_template_child (widget_class, TissageLinkEditor, end_row);
  gtk_widget_class_bind_template_child (widget_class, TissageLinkEditor, strength_period_row);
  gtk_widget_class_bind_template_callback (widget_class, on_time_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_strength_period_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_custom_kind_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_strength_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_source_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_target_activated);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
tissage_link_editor_init (TissageLinkEditor *self)
{
  self->kinds = g_ptr_array_new_with_free_func (g_free);
  self->kind_labels = gtk_string_list_new (NULL);
  self->period_labels = gtk_string_list_new (NULL);
  self->period_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  gtk_widget_init_template (GTK_WIDGET (self));

  self->updating = TRUE;
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (self->kind_labels));
  adw_combo_row_set_model (self->strength_period_row, G_LIST_MODEL (self->period_labels));
  self->updating = FALSE;

  g_signal_connect_swapped (gtk_text_view_get_buffer (self->note_view), "changed",
                            G_CALLBACK (on_note_changed), self);
}

void
tissage_link_editor_set_document (TissageLinkEditor *self,
                                  TissageDocument   *document)
{
  g_return_if_fail (TISSAGE_IS_LINK_EDITOR (self));

  tissage_link_editor_set_link (self, NULL);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  if (document != NULL)
    g_signal_connect_object (document, "notify::read-only", G_CALLBACK (update_sensitivity), self, G_CONNECT_SWAPPED);
  update_sensitivity (self);
}

void
tissage_link_editor_set_link (TissageLinkEditor *self,
                              TissageLink       *link)
{
  g_return_if_fail (TISSAGE_IS_LINK_EDITOR (self));

  if (self->link == link)
    return;

  if (self->link != NULL)
    g_signal_handlers_disconnect_by_data (self->link, self);
  g_set_object (&self->link, link);

  if (link != NULL)
    {
      g_signal_connect_object (link, "notify", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
      refresh (self);
    }
}

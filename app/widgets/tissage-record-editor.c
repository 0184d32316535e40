/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tissage-record-editor.h"
#include "tissage-widget-utils.h"
#include "tissage-referentiel.h"

typedef struct {
  const TissageField *field;
  GtkWidget          *row;
  GtkWidget          *control;   /* the text view or the switch, when not the row */
  GArray             *ids;       /* structure keys of a structure row */
  gboolean            pending;   /* typed, to be read when the field is left */
} FieldRow;

struct _TissageRecordEditor
{
  GtkWidget           parent_instance;

  AdwPreferencesPage *page;
  const TissageField *fields;
  guint               n_fields;
  FieldRow           *rows;
  GPtrArray          *field_groups;  /* the groups of the fields, not those added */

  TissageDocument    *document;
  TissageRecord      *record;
  gboolean            updating;
};

G_DEFINE_FINAL_TYPE (TissageRecordEditor, tissage_record_editor, GTK_TYPE_WIDGET)

static void refresh (TissageRecordEditor *self);

static char *
text_view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
save (TissageRecordEditor *self,
      FieldRow            *row,
      const GValue        *value)
{
  g_autoptr(GError) error = NULL;

  if (tissage_document_set_value (self->document, self->record, row->field->property, value, &error))
    {
      gtk_widget_remove_css_class (row->row, "error");
      return TRUE;
    }

  gtk_widget_add_css_class (row->row, "error");
  tissage_widget_report_error (GTK_WIDGET (self), error);
  return FALSE;
}

static gboolean
can_edit (TissageRecordEditor *self)
{
  return !self->updating && self->record != NULL && self->document != NULL;
}

static void
on_text_changed (GtkEditable *editable,
                 FieldRow    *row)
{
  TissageRecordEditor *self = g_object_get_data (G_OBJECT (row->row), "editor");
  const char *text = gtk_editable_get_text (editable);
  g_auto(GValue) value = G_VALUE_INIT;

  if (!can_edit (self))
    return;

  switch (row->field->kind)
    {
    case TISSAGE_FIELD_TEXT:
      {
        g_autofree char *stripped = g_strstrip (g_strdup (text));

        /* A title being retyped is empty for a moment: say so, keep the old one. */
        if (*stripped == '\0' && (g_str_equal (row->field->property, "title") ||
                                   g_str_equal (row->field->property, "name")))
          {
            gtk_widget_add_css_class (row->row, "error");
            return;
          }
        g_value_init (&value, G_TYPE_STRING);
        g_value_set_string (&value, text);
        save (self, row, &value);
      }
      break;

    case TISSAGE_FIELD_NUMBER:
      {
        double number;
        g_autofree char *stripped = g_strstrip (g_strdup (text));

        /* Emptied to be retyped, or a word: nothing is written over the
         * value until it is a number, and the field says why. */
        row->pending = TRUE;
        if (*stripped == '\0')
          {
            tissage_field_clear_invalid (row->row);
            return;
          }
        if (!tissage_parse_number (stripped, &number))
          {
            tissage_field_show_invalid (row->row, _("Not a number: write it in figures, for example 1 200 or 12,5."), FALSE);
            return;
          }
        row->pending = FALSE;
        tissage_field_clear_invalid (row->row);
        g_value_init (&value, G_TYPE_DOUBLE);
        g_value_set_double (&value, number);
        save (self, row, &value);
      }
      break;

    case TISSAGE_FIELD_DATE:
      /* Read when the field is left: 28/11/2 is not yet 28/11/2026. */
      row->pending = TRUE;
      break;

    case TISSAGE_FIELD_NOTES:
    case TISSAGE_FIELD_CHOICE:
    case TISSAGE_FIELD_SWITCH:
    case TISSAGE_FIELD_STRUCTURE:
    default:
      break;
    }
}

static char *
stored_text (TissageRecordEditor *self,
             FieldRow            *row)
{
  g_auto(GValue) value = G_VALUE_INIT;
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (self->record), row->field->property);

  g_value_init (&value, pspec->value_type);
  g_object_get_property (G_OBJECT (self->record), row->field->property, &value);
  if (row->field->kind == TISSAGE_FIELD_NUMBER)
    return tissage_format_typed_number (g_value_get_double (&value));
  return tissage_format_date (g_value_get_string (&value));
}

static void
on_field_left (GtkWidget *field,
               gpointer   user_data)
{
  FieldRow *row = user_data;
  TissageRecordEditor *self = g_object_get_data (G_OBJECT (row->row), "editor");
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (field))));
  g_autofree char *kept = NULL;
  g_autofree char *message = NULL;
  g_autofree char *iso = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  TissageDatePrecision precision = TISSAGE_DATE_NONE;
  double number;

  if (!can_edit (self) || !row->pending)
    return;

  kept = stored_text (self, row);

  if (row->field->kind == TISSAGE_FIELD_NUMBER)
    {
      if (*text == '\0')
        {
          /* Left empty: the value is taken away. */
          row->pending = FALSE;
          g_value_init (&value, G_TYPE_DOUBLE);
          g_value_set_double (&value, NAN);
          save (self, row, &value);
          return;
        }
      if (tissage_parse_number (text, &number))
        {
          row->pending = FALSE;
          return;
        }
      if (*kept != '\0')
        message = g_strdup_printf (_("“%s” is not a number: the value %s is kept."), text, kept);
      else
        message = g_strdup_printf (_("“%s” is not a number: nothing was saved."), text);
      tissage_field_show_invalid (row->row, message, TRUE);
      return;
    }

  if (*text != '\0')
    precision = tissage_read_date (text, &iso);

  if (*text == '\0' || precision == TISSAGE_DATE_DAY)
    {
      g_autofree char *shown = tissage_format_date (iso);

      row->pending = FALSE;
      tissage_field_clear_invalid (row->row);
      g_value_init (&value, G_TYPE_STRING);
      g_value_set_string (&value, iso ? iso : "");
      if (save (self, row, &value))
        {
          self->updating = TRUE;
          gtk_editable_set_text (GTK_EDITABLE (row->row), shown);
          gtk_editable_set_position (GTK_EDITABLE (row->row), -1);
          self->updating = FALSE;
        }
      return;
    }

  tissage_field_show_bad_date (row->row, text, precision == TISSAGE_DATE_MONTH, kept);
}

static void
on_notes_changed (GtkTextBuffer *buffer,
                  FieldRow      *row)
{
  TissageRecordEditor *self = g_object_get_data (G_OBJECT (row->row), "editor");
  g_autofree char *text = NULL;
  g_auto(GValue) value = G_VALUE_INIT;

  if (!can_edit (self))
    return;

  text = text_view_text (GTK_TEXT_VIEW (row->control));
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, text);
  save (self, row, &value);
}

static void
on_choice_selected (AdwComboRow *combo,
                    GParamSpec  *pspec,
                    FieldRow    *row)
{
  TissageRecordEditor *self = g_object_get_data (G_OBJECT (row->row), "editor");
  guint selected = adw_combo_row_get_selected (combo);
  g_auto(GValue) value = G_VALUE_INIT;

  if (!can_edit (self) || selected == GTK_INVALID_LIST_POSITION)
    return;

  if (row->field->kind == TISSAGE_FIELD_STRUCTURE)
    {
      if (selected >= row->ids->len)
        return;
      g_value_init (&value, G_TYPE_INT64);
      g_value_set_int64 (&value, g_array_index (row->ids, gint64, selected));
    }
  else
    {
      g_value_init (&value, G_TYPE_INT);
      g_value_set_int (&value, (int) selected);
    }
  save (self, row, &value);
}

static void
on_switch_toggled (GtkSwitch  *toggle,
                   GParamSpec *pspec,
                   FieldRow   *row)
{
  TissageRecordEditor *self = g_object_get_data (G_OBJECT (row->row), "editor");
  g_auto(GValue) value = G_VALUE_INIT;

  if (!can_edit (self))
    return;

  g_value_init (&value, G_TYPE_BOOLEAN);
  g_value_set_boolean (&value, gtk_switch_get_active (toggle));
  save (self, row, &value);
}

static void
fill_structures (TissageRecordEditor *self,
                 FieldRow            *row)
{
  GListModel *structures = self->document ? tissage_document_get_structures (self->document) : NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new ((const char * const[]) { _("The whole collective"), NULL });
  gint64 none = 0;

  g_array_set_size (row->ids, 0);
  g_array_append_val (row->ids, none);
  for (guint i = 0; structures != NULL && i < g_list_model_get_n_items (structures); i++)
    {
      g_autoptr(TissageStructure) structure = g_list_model_get_item (structures, i);
      gint64 id = tissage_record_get_id (TISSAGE_RECORD (structure));

      tissage_string_list_append_name (names, tissage_structure_get_name (structure));
      g_array_append_val (row->ids, id);
    }

  self->updating = TRUE;
  adw_combo_row_set_model (ADW_COMBO_ROW (row->row), G_LIST_MODEL (names));
  self->updating = FALSE;
}

static void
refresh (TissageRecordEditor *self)
{
  if (self->record == NULL)
    return;

  self->updating = TRUE;

  for (guint i = 0; i < self->n_fields; i++)
    {
      FieldRow *row = &self->rows[i];
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (self->record), row->field->property);
      g_auto(GValue) value = G_VALUE_INIT;

      g_return_if_fail (pspec != NULL);
      g_value_init (&value, pspec->value_type);
      g_object_get_property (G_OBJECT (self->record), row->field->property, &value);

      switch (row->field->kind)
        {
        case TISSAGE_FIELD_TEXT:
          if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row->row)), g_value_get_string (&value)) != 0)
            gtk_editable_set_text (GTK_EDITABLE (row->row), g_value_get_string (&value));
          break;
        case TISSAGE_FIELD_DATE:
          {
            g_autofree char *shown = tissage_format_date (g_value_get_string (&value));

            /* What is being typed, or was refused, stays until left or corrected. */
            if (!row->pending && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row->row)), shown) != 0)
              gtk_editable_set_text (GTK_EDITABLE (row->row), shown);
          }
          break;
        case TISSAGE_FIELD_NUMBER:
          {
            g_autofree char *shown = tissage_format_typed_number (g_value_get_double (&value));
            double typed;
            const char *current = gtk_editable_get_text (GTK_EDITABLE (row->row));

            /* Leave "12," alone while it is being typed, and a word refused. */
            if (!row->pending &&
                !(tissage_parse_number (current, &typed) && typed == g_value_get_double (&value)))
              gtk_editable_set_text (GTK_EDITABLE (row->row), shown);
          }
          break;
        case TISSAGE_FIELD_NOTES:
          {
            g_autofree char *text = text_view_text (GTK_TEXT_VIEW (row->control));

            if (g_strcmp0 (text, g_value_get_string (&value)) != 0)
              tissage_text_view_set_text (GTK_TEXT_VIEW (row->control), g_value_get_string (&value));
          }
          break;
        case TISSAGE_FIELD_CHOICE:
          adw_combo_row_set_selected (ADW_COMBO_ROW (row->row), g_value_get_int (&value));
          break;
        case TISSAGE_FIELD_SWITCH:
          gtk_switch_set_active (GTK_SWITCH (row->control), g_value_get_boolean (&value));
          break;
        case TISSAGE_FIELD_STRUCTURE:
          {
            guint position = 0;

            for (guint k = 0; k < row->ids->len; k++)
              if (g_array_index (row->ids, gint64, k) == g_value_get_int64 (&value))
                position = k;
            adw_combo_row_set_selected (ADW_COMBO_ROW (row->row), position);
          }
          break;
        default:
          break;
        }
    }

  self->updating = FALSE;
}

static void
build (TissageRecordEditor *self)
{
  AdwPreferencesGroup *group = NULL;

  self->rows = g_new0 (FieldRow, self->n_fields);

  for (guint i = 0; i < self->n_fields; i++)
    {
      const TissageField *field = &self->fields[i];
      FieldRow *row = &self->rows[i];

      row->field = field;

      if (group == NULL || field->group != NULL)
        {
          group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
          if (field->group != NULL)
            adw_preferences_group_set_title (group, _(field->group));
          adw_preferences_page_add (self->page, group);
          g_ptr_array_add (self->field_groups, group);
        }

      switch (field->kind)
        {
        case TISSAGE_FIELD_TEXT:
        case TISSAGE_FIELD_NUMBER:
        case TISSAGE_FIELD_DATE:
          row->row = adw_entry_row_new ();
          g_signal_connect (row->row, "changed", G_CALLBACK (on_text_changed), row);
          if (field->kind != TISSAGE_FIELD_TEXT)
            tissage_field_on_leave (row->row, on_field_left, row);
          if (field->kind == TISSAGE_FIELD_NUMBER)
            gtk_editable_set_alignment (GTK_EDITABLE (row->row), 0.0);
          break;

        case TISSAGE_FIELD_NOTES:
          {
            GtkWidget *view = gtk_text_view_new ();
            GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
            GtkWidget *label = gtk_label_new (_(field->label));

            gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
            gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
            gtk_widget_set_size_request (view, -1, 70);
            gtk_widget_add_css_class (view, "card");
            gtk_widget_add_css_class (view, "notes");
            gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, _(field->label), -1);
            gtk_label_set_xalign (GTK_LABEL (label), 0);
            gtk_widget_add_css_class (label, "heading");
            gtk_box_append (GTK_BOX (box), label);
            gtk_box_append (GTK_BOX (box), view);
            gtk_widget_set_margin_top (box, 6);
            row->row = box;
            row->control = view;
            g_signal_connect (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed",
                              G_CALLBACK (on_notes_changed), row);
          }
          break;

        case TISSAGE_FIELD_CHOICE:
          {
            g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

            for (guint k = 0; field->choices[k] != NULL; k++)
              gtk_string_list_append (labels, _(field->choices[k]));
            row->row = adw_combo_row_new ();
            adw_combo_row_set_model (ADW_COMBO_ROW (row->row), G_LIST_MODEL (labels));
            g_signal_connect (row->row, "notify::selected", G_CALLBACK (on_choice_selected), row);
          }
          break;

        case TISSAGE_FIELD_STRUCTURE:
          row->row = adw_combo_row_new ();
          row->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_signal_connect (row->row, "notify::selected", G_CALLBACK (on_choice_selected), row);
          break;

        case TISSAGE_FIELD_SWITCH:
          row->row = adw_action_row_new ();
          row->control = gtk_switch_new ();
          gtk_widget_set_valign (row->control, GTK_ALIGN_CENTER);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row->row), row->control);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row->row), row->control);
          g_signal_connect (row->control, "notify::active", G_CALLBACK (on_switch_toggled), row);
          break;

        default:
          g_assert_not_reached ();
        }

      if (ADW_IS_PREFERENCES_ROW (row->row))
        {
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row), _(field->label));
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row->row), FALSE);
        }
      if (field->subtitle != NULL && ADW_IS_ACTION_ROW (row->row))
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row->row), _(field->subtitle));
      if (field->kind == TISSAGE_FIELD_DATE)
        gtk_widget_set_tooltip_text (row->row, _("A date, for example 31/12/2025 or 31 December 2025"));

      g_object_set_data (G_OBJECT (row->row), "editor", self);
      adw_preferences_group_add (group, row->row);
    }
}

static void
on_row_changed (TissageRecordEditor *self,
                const char          *table,
                gint64               id)
{
  if (!g_str_equal (table, "structures"))
    return;

  for (guint i = 0; i < self->n_fields; i++)
    if (self->rows[i].field->kind == TISSAGE_FIELD_STRUCTURE)
      fill_structures (self, &self->rows[i]);
  refresh (self);
}

static void
update_sensitivity (TissageRecordEditor *self)
{
  gboolean kept = self->record != NULL &&
                  !tissage_widget_can_edit (self->document, tissage_record_get_table (self->record));

  tissage_widget_set_editable (GTK_WIDGET (self->page),
                               self->document != NULL && !tissage_document_get_read_only (self->document));
  /* In a contribution, a row the coordination keeps shows greyed; the
   * groups added under it (an indicator's values) are not its fields. */
  for (guint i = 0; self->field_groups != NULL && i < self->field_groups->len; i++)
    gtk_widget_set_sensitive (g_ptr_array_index (self->field_groups, i), !kept);
}

static void
tissage_record_editor_dispose (GObject *object)
{
  TissageRecordEditor *self = TISSAGE_RECORD_EDITOR (object);
  GtkWidget *child;

  tissage_record_editor_set_record (self, NULL);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);

  g_clear_pointer (&self->field_groups, g_ptr_array_unref);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  if (self->rows != NULL)
    {
      for (guint i = 0; i < self->n_fields; i++)
        g_clear_pointer (&self->rows[i].ids, g_array_unref);
      g_clear_pointer (&self->rows, g_free);
    }

  G_OBJECT_CLASS (tissage_record_editor_parent_class)->dispose (object);
}

static void
tissage_record_editor_class_init (TissageRecordEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tissage_record_editor_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
tissage_record_editor_init (TissageRecordEditor *self)
{
  self->page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  self->field_groups = g_ptr_array_new ();
  gtk_widget_set_parent (GTK_WIDGET (self->page), GTK_WIDGET (self));
}

GtkWidget *
tissage_record_editor_new (const TissageField *fields,
                           guint               n_fields)
{
  TissageRecordEditor *self = g_object_new (TISSAGE_TYPE_RECORD_EDITOR, NULL);

  self->fields = fields;
  self->n_fields = n_fields;
  build (self);

  return GTK_WIDGET (self);
}

void
tissage_record_editor_set_document (TissageRecordEditor *self,
                                    TissageDocument     *document)
{
  g_return_if_fail (TISSAGE_IS_RECORD_EDITOR (self));

  tissage_record_editor_set_record (self, NULL);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);

  if (document != NULL)
    {
      g_signal_connect_object (document, "row-changed", G_CALLBACK (on_row_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::read-only", G_CALLBACK (update_sensitivity), self, G_CONNECT_SWAPPED);
    }

  for (guint i = 0; i < self->n_fields; i++)
    if (self->rows[i].field->kind == TISSAGE_FIELD_STRUCTURE)
      fill_structures (self, &self->rows[i]);

  update_sensitivity (self);
}

void
tissage_record_editor_set_record (TissageRecordEditor *self,
                                  TissageRecord       *record)
{
  g_return_if_fail (TISSAGE_IS_RECORD_EDITOR (self));

  if (self->record == record)
    return;

  if (self->record != NULL)
    g_signal_handlers_disconnect_by_data (self->record, self);
  g_set_object (&self->record, record);

  /* What was typed for the last record is not the new one's. */
  for (guint i = 0; self->rows != NULL && i < self->n_fields; i++)
    {
      self->rows[i].pending = FALSE;
      if (GTK_IS_EDITABLE (self->rows[i].row))
        tissage_field_clear_invalid (self->rows[i].row);
      else
        gtk_widget_remove_css_class (self->rows[i].row, "error");
    }

  if (record != NULL)
    {
      g_signal_connect_object (record, "notify", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
      refresh (self);
    }
  update_sensitivity (self);
}

TissageRecord *
tissage_record_editor_get_record (TissageRecordEditor *self)
{
  g_return_val_if_fail (TISSAGE_IS_RECORD_EDITOR (self), NULL);

  return self->record;
}

void
tissage_record_editor_focus_first (TissageRecordEditor *self)
{
  g_return_if_fail (TISSAGE_IS_RECORD_EDITOR (self));

  if (self->n_fields > 0)
    {
      gtk_widget_grab_focus (self->rows[0].row);
      if (GTK_IS_EDITABLE (self->rows[0].row))
        gtk_editable_select_region (GTK_EDITABLE (self->rows[0].row), 0, -1);
    }
}

void
tissage_record_editor_add_group (TissageRecordEditor *self,
                                 AdwPreferencesGroup *group)
{
  g_return_if_fail (TISSAGE_IS_RECORD_EDITOR (self));

  adw_preferences_page_add (self->page, group);
}

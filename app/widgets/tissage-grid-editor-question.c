/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

/* The guide editor: one question's row, its wording, kind and choices,
 * saved as typed; a change that would drop answers asks first. */

#define G_LOG_DOMAIN "tissage-grids"

#include "config.h"

#include <glib/gi18n.h>

#include "tissage-grid-editor-private.h"
#include "tissage-widget-utils.h"

/* Questions */

static void
save_question (QuestionRow *row,
               const char  *property,
               const char  *text)
{
  g_autoptr(GError) error = NULL;

  if (row->editor->updating)
    return;
  if (!tissage_document_set (row->editor->document, row->question, &error, property, text, NULL))
    tissage_grid_editor_report (row->editor, error);
}

static void
on_text_changed (GtkEditable *editable,
                 QuestionRow *row)
{
  const char *text = gtk_editable_get_text (editable);
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (row->editor->updating)
    return;

  /* A question is never empty: while it is, the old one stays saved. */
  if (*stripped == '\0')
    {
      gtk_widget_add_css_class (row->widget->text_row, "error");
      return;
    }
  gtk_widget_remove_css_class (row->widget->text_row, "error");
  save_question (row, "text", text);
}

static void
on_field_changed (GtkEditable *editable,
                  QuestionRow *row)
{
  save_question (row, g_object_get_data (G_OBJECT (editable), "property"), gtk_editable_get_text (editable));
}

static void
show_choices_note (QuestionRow  *row,
                   ChoicesState  state,
                   const char   *text)
{
  row->choices_state = state;
  gtk_label_set_label (GTK_LABEL (row->widget->choices_note), text ? text : "");
  gtk_widget_set_visible (row->widget->choices_note, text != NULL);
  if (state == CHOICES_REFUSED)
    gtk_widget_add_css_class (row->widget->choices_note, "error");
  else
    gtk_widget_remove_css_class (row->widget->choices_note, "error");
}

static void
save_choices (QuestionRow *row)
{
  g_autofree char *text = tissage_grid_editor_buffer_text (GTK_TEXT_VIEW (row->widget->choices_view));
  g_autoptr(GError) error = NULL;

  if (tissage_document_set (row->editor->document, row->question, &error, "choices", text, NULL))
    show_choices_note (row, CHOICES_SAVED, NULL);
  else
    show_choices_note (row, CHOICES_REFUSED, error->message);
}

/* The saved choices that @text no longer lists. */
static GPtrArray *
dup_dropped_choices (QuestionRow *row,
                     const char  *text)
{
  g_auto(GStrv) saved = tissage_grid_question_dup_choices (row->question);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GHashTable) kept = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *dropped = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *label = g_strstrip (g_strdup (lines[i]));

      g_hash_table_add (kept, g_utf8_casefold (label, -1));
    }
  for (guint i = 0; saved[i] != NULL; i++)
    {
      g_autofree char *folded = g_utf8_casefold (saved[i], -1);

      if (!g_hash_table_contains (kept, folded))
        g_ptr_array_add (dropped, g_strdup (saved[i]));
    }

  return dropped;
}

static gboolean
check_choices (gpointer data)
{
  QuestionRow *row = data;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) dropped = NULL;

  row->choices_idle = 0;
  text = tissage_grid_editor_buffer_text (GTK_TEXT_VIEW (row->widget->choices_view));
  dropped = dup_dropped_choices (row, text);
  if (dropped->len > 0 && tissage_document_count_answers (row->editor->document, row->question) > 0)
    {
      /* Asked once the field is left, not at every letter of a renamed choice. */
      show_choices_note (row, CHOICES_TO_CONFIRM,
                         _("Some answers hold the choices you are changing: you will be asked to confirm when you leave this field."));
      return G_SOURCE_REMOVE;
    }

  save_choices (row);
  return G_SOURCE_REMOVE;
}

/* Checked once the change is whole: replacing the text first empties it. */
static void
on_choices_changed (GtkTextBuffer *buffer,
                    QuestionRow   *row)
{
  if (!row->editor->updating && row->choices_idle == 0)
    row->choices_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, check_choices, row, NULL);
}

void
tissage_grid_editor_pending_free (Pending *pending)
{
  g_object_unref (pending->editor);
  g_object_unref (pending->question);
  g_free (pending);
}

Pending *
tissage_grid_editor_pending_new (QuestionRow *row,
                                 int          kind)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->editor = g_object_ref (row->editor);
  pending->question = g_object_ref (row->question);
  pending->kind = kind;
  return pending;
}

AdwMessageDialog *
tissage_grid_editor_confirm_dialog (TissageGridEditor *self,
                                    const char        *heading,
                                    const char        *body,
                                    const char        *response,
                                    const char        *response_label,
                                    AdwResponseAppearance appearance)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                                          heading, body));

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), response, response_label, NULL);
  adw_message_dialog_set_response_appearance (dialog, response, appearance);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  return dialog;
}

static void
on_choices_confirmed (AdwMessageDialog *dialog,
                      const char       *response,
                      Pending          *pending)
{
  QuestionRow *row = tissage_grid_editor_lookup_question (pending->editor, tissage_record_id (pending->question));

  if (row == NULL)
    return;

  if (g_str_equal (response, "change"))
    save_choices (row);
  else
    {
      /* Back to the saved choices. */
      g_autofree char *saved = NULL;

      g_object_get (row->question, "choices", &saved, NULL);
      row->editor->updating = TRUE;
      tissage_grid_editor_set_buffer_text (GTK_TEXT_VIEW (row->widget->choices_view), saved);
      row->editor->updating = FALSE;
      show_choices_note (row, CHOICES_SAVED, NULL);
    }
}

static void
on_choices_left (GtkEventControllerFocus *controller,
                 QuestionRow             *row)
{
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) dropped = NULL;
  g_autofree char *names = NULL;
  g_autofree char *body = NULL;
  guint n;
  AdwMessageDialog *dialog;

  if (row->choices_idle != 0)
    {
      g_clear_handle_id (&row->choices_idle, g_source_remove);
      check_choices (row);
    }
  if (row->choices_state != CHOICES_TO_CONFIRM)
    return;

  text = tissage_grid_editor_buffer_text (GTK_TEXT_VIEW (row->widget->choices_view));
  dropped = dup_dropped_choices (row, text);
  n = tissage_document_count_answers (row->editor->document, row->question);
  if (dropped->len == 0 || n == 0)
    {
      save_choices (row);
      return;
    }

  g_ptr_array_add (dropped, NULL);
  names = g_strjoinv (_("”, “"), (char **) dropped->pdata);
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "This question has %u answer: it is kept, but an answer “%s” will no longer match a choice.",
                                       "This question has %u answers: they are kept, but answers “%s” will no longer match a choice.",
                                       n),
                          n, names);
  dialog = tissage_grid_editor_confirm_dialog (row->editor, _("Change the Choices?"), body, "change", _("C_hange"),
                                               ADW_RESPONSE_DESTRUCTIVE);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_choices_confirmed), tissage_grid_editor_pending_new (row, 0),
                         (GClosureNotify) tissage_grid_editor_pending_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_kind (TissageGridEditor   *self,
          TissageGridQuestion *question,
          int                  kind)
{
  g_autoptr(GError) error = NULL;
  QuestionRow *row;

  if (!tissage_document_set (self->document, question, &error, "kind", kind, NULL))
    tissage_grid_editor_report (self, error);
  /* Refused or not, the drop-down shows what is saved. */
  if ((row = tissage_grid_editor_lookup_question (self, tissage_record_id (question))) != NULL)
    tissage_grid_editor_refresh_question (row);
}

static void
on_kind_confirmed (AdwMessageDialog *dialog,
                   const char       *response,
                   Pending          *pending)
{
  QuestionRow *row = tissage_grid_editor_lookup_question (pending->editor, tissage_record_id (pending->question));

  if (g_str_equal (response, "change"))
    set_kind (pending->editor, pending->question, pending->kind);
  else if (row != NULL)
    tissage_grid_editor_refresh_question (row);
}

static void
on_kind_selected (GtkDropDown *dropdown,
                  GParamSpec  *pspec,
                  QuestionRow *row)
{
  guint kind = gtk_drop_down_get_selected (dropdown);
  guint n;

  if (row->editor->updating || kind == GTK_INVALID_LIST_POSITION ||
      kind == (guint) tissage_grid_question_get_kind (row->question))
    return;

  n = tissage_document_count_answers (row->editor->document, row->question);
  if (n > 0)
    {
      g_autofree char *body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "This question has %u answer: it is kept as it was given, but may no longer fit the new kind of answer.",
                                                            "This question has %u answers: they are kept as they were given, but may no longer fit the new kind of answer.",
                                                            n), n);
      AdwMessageDialog *dialog = tissage_grid_editor_confirm_dialog (row->editor, _("Change the Kind of Answer?"), body,
                                                                     "change", _("C_hange"), ADW_RESPONSE_DESTRUCTIVE);

      g_signal_connect_data (dialog, "response", G_CALLBACK (on_kind_confirmed), tissage_grid_editor_pending_new (row, kind),
                             (GClosureNotify) tissage_grid_editor_pending_free, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  set_kind (row->editor, row->question, kind);
}

void
tissage_grid_editor_refresh_question (QuestionRow *row)
{
  TissageGridEditor *self = row->editor;
  TissageQuestionKind kind = tissage_grid_question_get_kind (row->question);
  gboolean retired = tissage_grid_question_get_retired (row->question);
  const char *text = tissage_grid_question_get_text (row->question);
  g_autofree char *min_label = NULL;
  g_autofree char *max_label = NULL;
  g_autofree char *choices = NULL;
  g_autofree char *title_copy = NULL;
  g_autofree char *subtitle_copy = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);

  g_object_get (row->question, "scale-min-label", &min_label, "scale-max-label", &max_label,
                "choices", &choices, NULL);

  self->updating = TRUE;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->expander),
                                 tissage_label_text (text, TISSAGE_LABEL_MAX_CHARS, &title_copy));
  tissage_grid_editor_set_editable_text (row->widget->text_row, text);
  if (gtk_drop_down_get_selected (GTK_DROP_DOWN (row->widget->kind_dropdown)) != (guint) kind)
    gtk_drop_down_set_selected (GTK_DROP_DOWN (row->widget->kind_dropdown), kind);
  tissage_grid_editor_set_editable_text (row->widget->guidance_row, tissage_grid_question_get_guidance (row->question));
  tissage_grid_editor_set_editable_text (row->widget->min_row, min_label);
  tissage_grid_editor_set_editable_text (row->widget->max_row, max_label);
  if (row->choices_state == CHOICES_SAVED)
    tissage_grid_editor_set_buffer_text (GTK_TEXT_VIEW (row->widget->choices_view), choices);
  self->updating = FALSE;

  gtk_widget_set_visible (row->widget->min_row, kind == TISSAGE_QUESTION_SCALE);
  gtk_widget_set_visible (row->widget->max_row, kind == TISSAGE_QUESTION_SCALE);
  gtk_widget_set_visible (row->widget->choices_row, kind == TISSAGE_QUESTION_SINGLE || kind == TISSAGE_QUESTION_MULTIPLE);

  if (retired)
    {
      g_string_append (subtitle, _("Retired"));
      g_string_append (subtitle, " · ");
      g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "%u answer kept", "%u answers kept",
                                                     row->n_answers), row->n_answers);
    }
  else
    {
      g_string_append (subtitle, tissage_question_kind_to_label (kind));
      if (row->n_effects > 0)
        {
          g_string_append (subtitle, " · ");
          g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "%u effect", "%u effects",
                                                         row->n_effects), row->n_effects);
        }
      if (row->n_indicators > 0)
        {
          g_string_append (subtitle, row->n_effects > 0 ? ", " : " · ");
          g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "%u indicator", "%u indicators",
                                                         row->n_indicators), row->n_indicators);
        }
    }
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row->expander),
                                 tissage_label_text (subtitle->str, TISSAGE_LABEL_MAX_CHARS, &subtitle_copy));
}

static void
on_question_notify (TissageGridQuestion *question,
                    GParamSpec          *pspec,
                    QuestionRow         *row)
{
  /* Undo or an edit elsewhere: the saved choices win over a refused text. */
  if (g_str_equal (pspec->name, "choices") && row->choices_state != CHOICES_SAVED)
    show_choices_note (row, CHOICES_SAVED, NULL);
  tissage_grid_editor_refresh_question (row);
}

/* An entry row of the question saving what is typed in it to @property. */
static void
field_row (QuestionRow *row,
           GtkWidget   *entry,
           const char  *property)
{
  g_object_set_data (G_OBJECT (entry), "property", (gpointer) property);
  g_signal_connect (entry, "changed", G_CALLBACK (on_field_changed), row);
}

/* A flat icon button firing @action on the row or section @id. */
GtkWidget *
tissage_grid_editor_action_button (const char *icon,
                                   const char *tooltip,
                                   const char *action,
                                   gint64      id)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", id);
  return button;
}

void
tissage_grid_editor_question_row_free (QuestionRow *row)
{
  GtkWidget *parent = gtk_widget_get_parent (row->expander);

  g_clear_handle_id (&row->choices_idle, g_source_remove);
  g_signal_handlers_disconnect_by_data (row->question, row);
  if (parent != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (parent), row->expander);
  g_object_unref (row->expander);
  g_object_unref (row->question);
  g_free (row);
}

QuestionRow *
tissage_grid_editor_question_row_new (TissageGridEditor   *self,
                                      TissageGridQuestion *question)
{
  QuestionRow *row = g_new0 (QuestionRow, 1);
  g_autofree char *name = NULL;
  GtkEventController *focus;

  row->editor = self;
  row->question = g_object_ref (question);
  row->id = tissage_record_id (question);
  row->widget = tissage_grid_question_row_new (row->id);
  row->expander = g_object_ref_sink (GTK_WIDGET (row->widget));
  name = g_strdup_printf ("question-%" G_GINT64_FORMAT, row->id);
  gtk_widget_set_name (row->expander, name);
  g_object_set_data (G_OBJECT (row->expander), "question-row", row);

  g_signal_connect (row->widget->text_row, "changed", G_CALLBACK (on_text_changed), row);
  g_signal_connect (row->widget->kind_dropdown, "notify::selected", G_CALLBACK (on_kind_selected), row);
  field_row (row, row->widget->min_row, "scale-min-label");
  field_row (row, row->widget->max_row, "scale-max-label");
  field_row (row, row->widget->guidance_row, "guidance");

  g_signal_connect (gtk_text_view_get_buffer (GTK_TEXT_VIEW (row->widget->choices_view)), "changed",
                    G_CALLBACK (on_choices_changed), row);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "leave", G_CALLBACK (on_choices_left), row);
  gtk_widget_add_controller (row->widget->choices_view, focus);

  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (row->widget->link_button), tissage_grid_editor_create_picker, row, NULL);

  g_signal_connect (question, "notify", G_CALLBACK (on_question_notify), row);
  tissage_grid_editor_refresh_question_links (row);
  tissage_grid_editor_refresh_question (row);

  return row;
}

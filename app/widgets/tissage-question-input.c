/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-interviews"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tissage-question-input.h"
#include "tissage-referentiel.h"
#include "tissage-widget-utils.h"

struct _TissageQuestionInput
{
  GtkWidget            parent_instance;

  GtkWidget           *box;
  GtkLabel            *section_label;
  GtkLabel            *question_label;
  GtkWidget           *retired_label;
  GtkLabel            *guidance_label;
  GtkWidget           *open_box;
  GtkTextView         *text_view;
  GtkMenuButton       *mark_button;
  GtkListBox          *verbatim_list;
  GtkWidget           *toggles_box;
  GtkLabel            *low_label;
  GtkLabel            *high_label;
  GtkToggleButton     *toggles[TISSAGE_SCALE_MAX];
  GtkWidget           *checks_box;
  GtkEntry            *number_entry;
  GtkLabel            *error_label;

  TissageDocument     *document;
  TissageInterview    *interview;
  TissageGridQuestion *question;
  TissageQuestionKind  kind;
  guint                updating;
  /* open answers */
  GtkTextBuffer       *buffer;
  GtkTextTag          *verbatim_tag;    /* made with the first verbatim */
  char                *verbatims_shown; /* what the list shows, to leave it be */
  /* scales and yes/no */
  guint                n_toggles;
  /* choices */
  GPtrArray           *checks;
  GStrv                choices;
  /* numbers */
  gboolean             invalid;   /* the entry shows a value not saved */
  gboolean             pending;   /* emptied, to be retyped or left empty */
};

G_DEFINE_FINAL_TYPE (TissageQuestionInput, tissage_question_input, GTK_TYPE_WIDGET)

enum {
  SIGNAL_SAVED,
  SIGNAL_NEXT,
  SIGNAL_VERBATIM_DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const scale_values[] = { "1", "2", "3", "4", "5" };

static gboolean
can_edit (TissageQuestionInput *self)
{
  return self->updating == 0 && self->document != NULL && self->interview != NULL && self->question != NULL &&
         !tissage_document_get_read_only (self->document);
}

static void
show_error (TissageQuestionInput *self,
            const char           *message)
{
  GtkWidget *target = self->kind == TISSAGE_QUESTION_NUMBER ? GTK_WIDGET (self->number_entry) : self->box;

  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (target, "error");
  else
    gtk_widget_remove_css_class (target, "error");
  tissage_widget_set_tooltip (target, message);
}

static void
save_answer (TissageQuestionInput *self,
             const char           *text)
{
  g_autoptr(GError) error = NULL;

  if (!can_edit (self))
    return;

  if (!tissage_document_set_answer (self->document, self->interview, self->question, text, &error))
    {
      /* What was typed stays on screen, with what is wrong with it. */
      self->invalid = TRUE;
      if (error->domain == TISSAGE_DOCUMENT_ERROR && error->code == TISSAGE_DOCUMENT_ERROR_INVALID_VALUE)
        show_error (self, error->message);
      else
        tissage_widget_report_error (GTK_WIDGET (self), error);
      return;
    }

  self->invalid = FALSE;
  show_error (self, NULL);
  g_signal_emit (self, signals[SIGNAL_SAVED], 0);
}

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Typing */

static void
on_buffer_changed (TissageQuestionInput *self)
{
  g_autofree char *text = NULL;

  if (!can_edit (self))
    return;
  text = buffer_text (self->buffer);
  save_answer (self, text);
}

static void
on_has_selection (TissageQuestionInput *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->mark_button),
                            gtk_text_buffer_get_has_selection (self->buffer) &&
                            self->interview != NULL && !tissage_document_get_read_only (self->document));
}

static void
on_toggle_toggled (TissageQuestionInput *self,
                   GtkToggleButton      *button)
{
  if (!gtk_toggle_button_get_active (button))
    return;

  for (guint i = 0; i < self->n_toggles; i++)
    if (self->toggles[i] == button)
      save_answer (self, self->kind == TISSAGE_QUESTION_SCALE ? scale_values[i] : (i == 0 ? "oui" : "non"));
}

static void
on_check_toggled (TissageQuestionInput *self,
                  GtkCheckButton       *button)
{
  g_autoptr(GString) chosen = g_string_new (NULL);

  /* A radio that turns off is followed by the one that turns on. */
  if (self->kind == TISSAGE_QUESTION_SINGLE && !gtk_check_button_get_active (button))
    return;

  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      {
        if (chosen->len > 0)
          g_string_append_c (chosen, '\n');
        g_string_append (chosen, self->choices[i]);
      }

  save_answer (self, chosen->str);
}

static void
on_entry_changed (TissageQuestionInput *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->number_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  /* Emptied to be retyped ("vingt" over 24 starts empty): the answer
   * stays until the field is left empty. */
  if (*stripped == '\0')
    {
      if (can_edit (self))
        {
          self->pending = TRUE;
          self->invalid = FALSE;
          show_error (self, NULL);
        }
      return;
    }

  self->pending = FALSE;
  save_answer (self, text);
}

static void
on_entry_activate (TissageQuestionInput *self)
{
  g_signal_emit (self, signals[SIGNAL_NEXT], 0);
}

static void
on_number_left (GtkWidget *entry,
                gpointer   user_data)
{
  TissageQuestionInput *self = user_data;

  if (!self->pending || !can_edit (self))
    return;

  self->pending = FALSE;
  save_answer (self, "");
}

/* Tagging a verbatim: its popover is filled each time it opens */

static gboolean
question_informs_effect (TissageQuestionInput *self,
                         gint64                effect_id)
{
  GListModel *links = tissage_document_get_records (self->document, TISSAGE_TYPE_QUESTION_EFFECT);
  gint64 question_id = tissage_record_get_id (TISSAGE_RECORD (self->question));

  for (guint i = 0; i < g_list_model_get_n_items (links); i++)
    {
      g_autoptr(TissageQuestionEffect) link = g_list_model_get_item (links, i);

      if (tissage_question_effect_get_question_id (link) == question_id &&
          tissage_question_effect_get_effect_id (link) == effect_id)
        return TRUE;
    }

  return FALSE;
}

static void
on_effect_search_changed (GtkSearchEntry *entry,
                          GtkWidget      *checks_box)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (entry));

  for (GtkWidget *child = gtk_widget_get_first_child (checks_box); child; child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_visible (child, tissage_search_matches (search, gtk_check_button_get_label (GTK_CHECK_BUTTON (child))));
}

static void
on_tag_confirmed (GtkButton            *button,
                  TissageQuestionInput *self)
{
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER);
  GtkWidget *checks_box = g_object_get_data (G_OBJECT (popover), "checks");
  GtkToggleButton **tones = g_object_get_data (G_OBJECT (popover), "tones");
  TissageVerbatim *verbatim = g_object_get_data (G_OBJECT (popover), "verbatim");
  g_autoptr(GArray) effect_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  TissageTone tone = TISSAGE_TONE_NEUTRAL;

  if (self->document == NULL || self->interview == NULL)
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (checks_box); child; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_CHECK_BUTTON (child) && gtk_check_button_get_active (GTK_CHECK_BUTTON (child)))
      {
        gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (child), "effect-id"));
        g_array_append_val (effect_ids, id);
      }
  for (guint i = 0; i < TISSAGE_N_TONES; i++)
    if (gtk_toggle_button_get_active (tones[i]))
      tone = i;

  if (verbatim == NULL)
    {
      g_autoptr(TissageAnswer) answer = tissage_document_get_answer (self->document, self->interview, self->question);
      g_autoptr(TissageVerbatim) added = NULL;
      int start = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (popover), "start"));
      int end = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (popover), "end"));

      if (answer != NULL)
        added = tissage_document_add_verbatim (self->document, answer, start, end, tone,
                                               (const gint64 *) effect_ids->data, effect_ids->len, &error);
      else
        g_set_error_literal (&error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                             _("Select the words of the answer to keep as a verbatim."));
      if (added == NULL)
        {
          tissage_widget_report_error (GTK_WIDGET (self), error);
          return;
        }
    }
  else
    {
      if (!tissage_document_begin (self->document, _("Edit a verbatim"), &error) ||
          !tissage_document_set (self->document, verbatim, &error, "tone", (int) tone, NULL) ||
          !tissage_document_set_verbatim_effects (self->document, verbatim,
                                                  (const gint64 *) effect_ids->data, effect_ids->len, &error) ||
          !tissage_document_commit (self->document, &error))
        {
          tissage_document_rollback (self->document);
          tissage_widget_report_error (GTK_WIDGET (self), error);
          return;
        }
    }

  gtk_popover_popdown (GTK_POPOVER (popover));
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

/* Fills the popover that tags a verbatim: new when @verbatim is NULL. */
static void
fill_tag_popover (TissageQuestionInput *self,
                  GtkPopover           *popover,
                  TissageVerbatim      *verbatim)
{
  GListModel *effects = tissage_document_get_records (self->document, TISSAGE_TYPE_EFFECT);
  guint n_effects = g_list_model_get_n_items (effects);
  g_autoptr(GArray) tagged = verbatim ? tissage_document_dup_verbatim_effects (self->document, verbatim) : NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *heading = gtk_label_new (verbatim ? _("Verbatim") : _("Mark as Verbatim"));
  GtkWidget *effects_label = gtk_label_new (_("Effects it speaks of"));
  GtkWidget *checks_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *tone_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *confirm = gtk_button_new_with_mnemonic (verbatim ? _("_Apply") : _("_Mark"));
  GtkToggleButton **tones = g_new0 (GtkToggleButton *, TISSAGE_N_TONES);
  TissageTone tone = verbatim ? tissage_verbatim_get_tone (verbatim) : TISSAGE_TONE_NEUTRAL;

  gtk_widget_set_size_request (box, 320, -1);
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_box_append (GTK_BOX (box), heading);

  if (verbatim == NULL)
    {
      GtkTextIter start, end;
      g_autofree char *quote = NULL;
      g_autofree char *selected = NULL;
      GtkWidget *quote_label;

      gtk_text_buffer_get_selection_bounds (self->buffer, &start, &end);
      g_object_set_data (G_OBJECT (popover), "start", GINT_TO_POINTER (gtk_text_iter_get_offset (&start)));
      g_object_set_data (G_OBJECT (popover), "end", GINT_TO_POINTER (gtk_text_iter_get_offset (&end)));
      selected = gtk_text_iter_get_text (&start, &end);
      quote = g_strdup_printf (_("“%s”"), selected);
      quote_label = gtk_label_new (quote);
      gtk_label_set_wrap (GTK_LABEL (quote_label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (quote_label), 40);
      gtk_label_set_lines (GTK_LABEL (quote_label), 3);
      gtk_label_set_ellipsize (GTK_LABEL (quote_label), PANGO_ELLIPSIZE_END);
      gtk_label_set_xalign (GTK_LABEL (quote_label), 0);
      gtk_widget_add_css_class (quote_label, "dim-label");
      gtk_box_append (GTK_BOX (box), quote_label);
    }
  g_object_set_data_full (G_OBJECT (popover), "verbatim", verbatim ? g_object_ref (verbatim) : NULL,
                          g_object_unref);

  gtk_label_set_xalign (GTK_LABEL (effects_label), 0);
  gtk_widget_add_css_class (effects_label, "caption-heading");
  gtk_box_append (GTK_BOX (box), effects_label);

  if (n_effects > 8)
    {
      GtkWidget *search = gtk_search_entry_new ();

      g_object_set (search, "placeholder-text", _("Search effects"), NULL);
      g_signal_connect (search, "search-changed", G_CALLBACK (on_effect_search_changed), checks_box);
      gtk_box_append (GTK_BOX (box), search);
    }

  /* The effects the question informs come first. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n_effects; i++)
      {
        g_autoptr(TissageEffect) effect = g_list_model_get_item (effects, i);
        gint64 id = tissage_record_get_id (TISSAGE_RECORD (effect));
        gboolean linked = question_informs_effect (self, id);
        GtkWidget *check;
        gboolean active = FALSE;

        if (linked != (pass == 0))
          continue;
        check = gtk_check_button_new_with_label (tissage_effect_get_title (effect));
        gtk_widget_set_tooltip_text (check, tissage_effect_get_title (effect));
        g_object_set_data (G_OBJECT (check), "effect-id", GSIZE_TO_POINTER ((gsize) id));
        for (guint t = 0; tagged != NULL && t < tagged->len; t++)
          active |= g_array_index (tagged, gint64, t) == id;
        gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
        gtk_box_append (GTK_BOX (checks_box), check);
      }
  if (n_effects == 0)
    {
      GtkWidget *none = gtk_label_new (_("The framework has no expected effect yet."));

      gtk_widget_add_css_class (none, "dim-label");
      gtk_label_set_wrap (GTK_LABEL (none), TRUE);
      gtk_label_set_xalign (GTK_LABEL (none), 0);
      gtk_box_append (GTK_BOX (checks_box), none);
    }
  g_object_set_data (G_OBJECT (popover), "checks", checks_box);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 260);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), checks_box);
  gtk_box_append (GTK_BOX (box), scrolled);

  gtk_widget_add_css_class (tone_box, "linked");
  gtk_widget_set_halign (tone_box, GTK_ALIGN_CENTER);
  for (guint i = 0; i < TISSAGE_N_TONES; i++)
    {
      tones[i] = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_label (tissage_tone_to_label (i)));
      if (i > 0)
        gtk_toggle_button_set_group (tones[i], tones[0]);
      gtk_toggle_button_set_active (tones[i], i == tone);
      gtk_box_append (GTK_BOX (tone_box), GTK_WIDGET (tones[i]));
    }
  g_object_set_data_full (G_OBJECT (popover), "tones", tones, g_free);
  gtk_box_append (GTK_BOX (box), tone_box);

  gtk_widget_add_css_class (confirm, "suggested-action");
  g_signal_connect_object (confirm, "clicked", G_CALLBACK (on_tag_confirmed), self, 0);
  gtk_box_append (GTK_BOX (box), confirm);

  gtk_popover_set_child (popover, box);
  gtk_popover_set_default_widget (popover, confirm);
}

static void
on_mark_popover_show (GtkPopover           *popover,
                      TissageQuestionInput *self)
{
  fill_tag_popover (self, popover, NULL);
}

static void
on_edit_popover_show (GtkPopover           *popover,
                      TissageQuestionInput *self)
{
  fill_tag_popover (self, popover, g_object_get_data (G_OBJECT (popover), "edited"));
}

/* A menu button's popover, made the first time it opens rather than with
 * each question or verbatim. */
static void
create_mark_popover (GtkMenuButton *button,
                     gpointer       user_data)
{
  TissageQuestionInput *self = user_data;
  GtkWidget *popover = gtk_popover_new ();

  g_signal_connect_object (popover, "show", G_CALLBACK (on_mark_popover_show), self, 0);
  gtk_menu_button_set_popover (button, popover);
}

static void
create_edit_popover (GtkMenuButton *button,
                     gpointer       user_data)
{
  TissageQuestionInput *self = user_data;
  GtkWidget *popover = gtk_popover_new ();

  g_object_set_data_full (G_OBJECT (popover), "edited",
                          g_object_ref (g_object_get_data (G_OBJECT (button), "verbatim")), g_object_unref);
  g_signal_connect_object (popover, "show", G_CALLBACK (on_edit_popover_show), self, 0);
  gtk_menu_button_set_popover (button, popover);
}

static void
on_delete_verbatim (GtkButton            *button,
                    TissageQuestionInput *self)
{
  TissageVerbatim *verbatim = g_object_get_data (G_OBJECT (button), "verbatim");
  g_autoptr(GError) error = NULL;

  if (self->document == NULL)
    return;
  if (!tissage_document_delete (self->document, verbatim, &error))
    {
      tissage_widget_report_error (GTK_WIDGET (self), error);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_VERBATIM_DELETED], 0);
}

/* The verbatims of the answer */

typedef struct {
  char *title;
  char *subtitle;
} VerbatimText;

static void
verbatim_text_clear (VerbatimText *text)
{
  g_free (text->title);
  g_free (text->subtitle);
}

static void
describe_verbatim (TissageQuestionInput *self,
                   TissageVerbatim      *verbatim,
                   VerbatimText         *text)
{
  g_autoptr(GArray) effects = tissage_document_dup_verbatim_effects (self->document, verbatim);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *joined = NULL;
  g_autofree char *quote = g_strdup_printf (_("“%s”"), tissage_verbatim_get_quote (verbatim));
  g_autoptr(GString) subtitle = g_string_new (tissage_tone_to_label (tissage_verbatim_get_tone (verbatim)));
  g_autofree char *quote_copy = NULL;
  g_autofree char *subtitle_copy = NULL;

  for (guint i = 0; i < effects->len; i++)
    {
      TissageEffect *effect = tissage_document_lookup (self->document, TISSAGE_TYPE_EFFECT,
                                                       g_array_index (effects, gint64, i));
      if (effect != NULL)
        g_ptr_array_add (names, (gpointer) tissage_effect_get_title (effect));
    }
  g_ptr_array_add (names, NULL);
  joined = g_strjoinv (", ", (char **) names->pdata);

  g_string_append (subtitle, " · ");
  g_string_append (subtitle, *joined ? joined : _("No effect"));
  if (tissage_verbatim_get_lost (verbatim))
    {
      g_string_append (subtitle, " · ");
      g_string_append (subtitle, _("Lost: its words are no longer in the answer"));
    }

  text->title = g_strdup (tissage_label_text (quote, TISSAGE_LABEL_MAX_CHARS, &quote_copy));
  text->subtitle = g_strdup (tissage_label_text (subtitle->str, TISSAGE_LABEL_MAX_CHARS, &subtitle_copy));
}

static GtkWidget *
verbatim_row_new (TissageQuestionInput *self,
                  TissageVerbatim      *verbatim,
                  const VerbatimText   *text)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *edit = gtk_menu_button_new ();
  GtkWidget *delete = gtk_button_new_from_icon_name ("user-trash-symbolic");

  if (tissage_verbatim_get_lost (verbatim))
    gtk_widget_add_css_class (row, "verbatim-lost");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text->title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text->subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (edit), "document-edit-symbolic");
  tissage_widget_set_tooltip_quietly (edit, _("Change Its Effects and Tone"));
  gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (edit, "flat");
  g_object_set_data_full (G_OBJECT (edit), "verbatim", g_object_ref (verbatim), g_object_unref);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (edit), create_edit_popover, self, NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);

  tissage_widget_set_tooltip_quietly (delete, _("Delete the Verbatim"));
  gtk_widget_set_valign (delete, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (delete, "flat");
  g_object_set_data_full (G_OBJECT (delete), "verbatim", g_object_ref (verbatim), g_object_unref);
  g_signal_connect_object (delete, "clicked", G_CALLBACK (on_delete_verbatim), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), delete);

  return row;
}

void
tissage_question_input_show_verbatims (TissageQuestionInput *self,
                                       GPtrArray            *verbatims)
{
  g_autoptr(GString) shown = g_string_new (NULL);
  g_autoptr(GArray) texts = g_array_new (FALSE, TRUE, sizeof (VerbatimText));
  GtkTextIter start, end;
  GtkWidget *child;

  g_return_if_fail (TISSAGE_IS_QUESTION_INPUT (self));

  if (self->kind != TISSAGE_QUESTION_OPEN || self->document == NULL)
    return;

  g_array_set_clear_func (texts, (GDestroyNotify) verbatim_text_clear);
  for (guint i = 0; verbatims != NULL && i < verbatims->len; i++)
    {
      TissageVerbatim *verbatim = g_ptr_array_index (verbatims, i);
      VerbatimText text = { NULL, NULL };

      describe_verbatim (self, verbatim, &text);
      g_string_append_printf (shown, "%" G_GINT64_FORMAT ":%d:%d:%d\n%s\n%s\n",
                              tissage_record_get_id (TISSAGE_RECORD (verbatim)),
                              tissage_verbatim_get_start (verbatim), tissage_verbatim_get_end (verbatim),
                              tissage_verbatim_get_lost (verbatim), text.title, text.subtitle);
      g_array_append_val (texts, text);
    }
  /* The same quotes at the same places: the rows and highlights stay. */
  if (self->verbatims_shown != NULL && g_str_equal (self->verbatims_shown, shown->str))
    return;
  g_free (self->verbatims_shown);
  self->verbatims_shown = g_strdup (shown->str);

  if (self->verbatim_tag != NULL)
    {
      gtk_text_buffer_get_bounds (self->buffer, &start, &end);
      gtk_text_buffer_remove_tag (self->buffer, self->verbatim_tag, &start, &end);
    }
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->verbatim_list))) != NULL)
    gtk_list_box_remove (self->verbatim_list, child);

  for (guint i = 0; verbatims != NULL && i < verbatims->len; i++)
    {
      TissageVerbatim *verbatim = g_ptr_array_index (verbatims, i);

      if (!tissage_verbatim_get_lost (verbatim))
        {
          if (self->verbatim_tag == NULL)
            {
              GdkRGBA soft = { 0.96, 0.83, 0.18, 0.35 };

              self->verbatim_tag = gtk_text_buffer_create_tag (self->buffer, "verbatim",
                                                               "background-rgba", &soft, NULL);
            }
          gtk_text_buffer_get_iter_at_offset (self->buffer, &start, tissage_verbatim_get_start (verbatim));
          gtk_text_buffer_get_iter_at_offset (self->buffer, &end, tissage_verbatim_get_end (verbatim));
          gtk_text_buffer_apply_tag (self->buffer, self->verbatim_tag, &start, &end);
        }
      gtk_list_box_append (self->verbatim_list,
                           verbatim_row_new (self, verbatim, &g_array_index (texts, VerbatimText, i)));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->verbatim_list), verbatims != NULL && verbatims->len > 0);
}

/* Showing the answer */

void
tissage_question_input_show_answer (TissageQuestionInput *self,
                                    TissageAnswer        *answer)
{
  double number;

  g_return_if_fail (TISSAGE_IS_QUESTION_INPUT (self));

  number = answer ? tissage_answer_get_number (answer) : NAN;
  self->updating++;
  switch (self->kind)
    {
    case TISSAGE_QUESTION_OPEN:
      {
        g_autofree char *shown = buffer_text (self->buffer);
        const char *text = answer ? tissage_answer_get_text (answer) : "";

        if (g_strcmp0 (shown, text ? text : "") != 0)
          {
            GtkTextIter iter;
            int offset;

            gtk_text_buffer_get_iter_at_mark (self->buffer, &iter, gtk_text_buffer_get_insert (self->buffer));
            offset = gtk_text_iter_get_offset (&iter);
            /* Not the typing's to undo (nor another interview's, when
             * the input is bound again). */
            tissage_text_view_set_text (self->text_view, text);
            gtk_text_buffer_get_iter_at_offset (self->buffer, &iter, offset);
            gtk_text_buffer_place_cursor (self->buffer, &iter);
            /* The highlights went with the text. */
            g_clear_pointer (&self->verbatims_shown, g_free);
          }
      }
      break;

    case TISSAGE_QUESTION_SCALE:
    case TISSAGE_QUESTION_YES_NO:
      for (guint i = 0; i < self->n_toggles; i++)
        {
          int value = self->kind == TISSAGE_QUESTION_SCALE ? (int) i + 1 : (i == 0 ? 1 : 0);

          gtk_toggle_button_set_active (self->toggles[i], !isnan (number) && (int) number == value);
        }
      break;

    case TISSAGE_QUESTION_SINGLE:
    case TISSAGE_QUESTION_MULTIPLE:
      {
        const char *text = answer ? tissage_answer_get_text (answer) : "";
        g_auto(GStrv) lines = g_strsplit (text ? text : "", "\n", -1);

        for (guint i = 0; i < self->checks->len; i++)
          gtk_check_button_set_active (g_ptr_array_index (self->checks, i),
                                       g_strv_contains ((const char * const *) lines, self->choices[i]));
      }
      break;

    case TISSAGE_QUESTION_NUMBER:
      /* A value being corrected is not replaced by the last one saved. */
      if (!self->invalid && !self->pending)
        {
          double shown = NAN;
          const char *text = gtk_editable_get_text (GTK_EDITABLE (self->number_entry));

          if (!tissage_parse_number (text, &shown) || shown != number)
            if (!(isnan (number) && *text == '\0'))
              {
                g_autofree char *display = answer ? tissage_answer_dup_display (answer, self->question) : g_strdup ("");

                gtk_editable_set_text (GTK_EDITABLE (self->number_entry), display);
              }
        }
      break;

    case TISSAGE_N_QUESTION_KINDS:
    default:
      break;
    }
  self->updating--;
}

void
tissage_question_input_bind (TissageQuestionInput *self,
                             TissageInterview     *interview,
                             TissageAnswer        *answer,
                             GPtrArray            *verbatims)
{
  g_return_if_fail (TISSAGE_IS_QUESTION_INPUT (self));
  g_return_if_fail (!interview || TISSAGE_IS_INTERVIEW (interview));

  g_set_object (&self->interview, interview);
  /* What was being typed was for the interview shown before. */
  self->invalid = FALSE;
  self->pending = FALSE;
  show_error (self, NULL);
  tissage_question_input_show_answer (self, answer);
  tissage_question_input_show_verbatims (self, verbatims);
  if (self->buffer != NULL)
    on_has_selection (self);
}

void
tissage_question_input_unbind (TissageQuestionInput *self)
{
  g_return_if_fail (TISSAGE_IS_QUESTION_INPUT (self));

  /* A number emptied, then left as another interview opens, was not
   * meant to clear the answer: nothing is saved until bound again. */
  g_clear_object (&self->interview);
  self->invalid = FALSE;
  self->pending = FALSE;
}

/* Building */

static void
build_toggles (TissageQuestionInput *self)
{
  self->n_toggles = self->kind == TISSAGE_QUESTION_SCALE ? TISSAGE_SCALE_MAX : 2;
  for (guint i = 0; i < TISSAGE_SCALE_MAX; i++)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->toggles[i]), i < self->n_toggles);
      gtk_widget_set_size_request (GTK_WIDGET (self->toggles[i]), self->kind == TISSAGE_QUESTION_SCALE ? 44 : 64, -1);
      g_signal_connect_swapped (self->toggles[i], "toggled", G_CALLBACK (on_toggle_toggled), self);
    }

  if (self->kind == TISSAGE_QUESTION_SCALE)
    {
      g_autofree char *min_label = NULL, *max_label = NULL;
      g_autofree char *min_copy = NULL, *max_copy = NULL;

      g_object_get (self->question, "scale-min-label", &min_label, "scale-max-label", &max_label, NULL);
      gtk_label_set_text (self->low_label, min_label && *min_label ? tissage_label_text (min_label, 200, &min_copy) : "");
      gtk_label_set_text (self->high_label, max_label && *max_label ? tissage_label_text (max_label, 200, &max_copy) : "");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->low_label), min_label);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->high_label), max_label);
      gtk_widget_set_visible (GTK_WIDGET (self->low_label), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->high_label), TRUE);
    }
  else
    {
      gtk_button_set_label (GTK_BUTTON (self->toggles[0]), _("Yes"));
      gtk_button_set_label (GTK_BUTTON (self->toggles[1]), _("No"));
    }
  gtk_widget_set_visible (self->toggles_box, TRUE);
}

static void
build_checks (TissageQuestionInput *self)
{
  gboolean single = self->kind == TISSAGE_QUESTION_SINGLE;

  self->choices = tissage_grid_question_dup_choices (self->question);
  self->checks = g_ptr_array_new ();
  for (guint i = 0; self->choices[i] != NULL; i++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (self->choices[i]);

      if (single && i > 0)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), g_ptr_array_index (self->checks, 0));
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_check_toggled), self);
      g_ptr_array_add (self->checks, check);
      gtk_box_append (GTK_BOX (self->checks_box), check);
    }
  gtk_widget_set_visible (self->checks_box, TRUE);
}

static void
build_open (TissageQuestionInput *self)
{
  self->buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tissage_grid_question_get_text (self->question), -1);
  gtk_menu_button_set_create_popup_func (self->mark_button, create_mark_popover, self, NULL);
  /* Here rather than in the template: a tooltip set on a widget shown
   * costs a round trip to the display, for each question. */
  tissage_widget_set_tooltip_quietly (GTK_WIDGET (self->mark_button),
                                      _("Keep the selected words as a verbatim (Ctrl+M)"));
  g_signal_connect_swapped (self->buffer, "changed", G_CALLBACK (on_buffer_changed), self);
  g_signal_connect_swapped (self->buffer, "notify::has-selection", G_CALLBACK (on_has_selection), self);
  gtk_widget_set_visible (self->open_box, TRUE);
}

static void
build_number (TissageQuestionInput *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->number_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tissage_grid_question_get_text (self->question), -1);
  g_signal_connect_swapped (self->number_entry, "changed", G_CALLBACK (on_entry_changed), self);
  g_signal_connect_swapped (self->number_entry, "activate", G_CALLBACK (on_entry_activate), self);
  tissage_field_on_leave (GTK_WIDGET (self->number_entry), on_number_left, self);
  gtk_widget_set_visible (GTK_WIDGET (self->number_entry), TRUE);
}

TissageQuestionInput *
tissage_question_input_new (TissageDocument     *document,
                            TissageGridQuestion *question)
{
  TissageQuestionInput *self;
  const char *guidance;
  g_autofree char *text_copy = NULL;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (TISSAGE_IS_GRID_QUESTION (question), NULL);

  self = g_object_new (TISSAGE_TYPE_QUESTION_INPUT, NULL);
  self->document = g_object_ref (document);
  self->question = g_object_ref (question);
  self->kind = tissage_grid_question_get_kind (question);

  gtk_label_set_text (self->question_label, tissage_label_text (tissage_grid_question_get_text (question),
                                                                TISSAGE_LABEL_MAX_CHARS, &text_copy));
  gtk_widget_set_visible (self->retired_label, tissage_grid_question_get_retired (question));
  guidance = tissage_grid_question_get_guidance (question);
  if (guidance != NULL && *guidance != '\0')
    {
      g_autofree char *copy = NULL;

      gtk_label_set_text (self->guidance_label, tissage_label_text (guidance, TISSAGE_LABEL_MAX_CHARS, &copy));
      gtk_widget_set_visible (GTK_WIDGET (self->guidance_label), TRUE);
    }

  switch (self->kind)
    {
    case TISSAGE_QUESTION_OPEN:
      build_open (self);
      break;
    case TISSAGE_QUESTION_SCALE:
    case TISSAGE_QUESTION_YES_NO:
      build_toggles (self);
      break;
    case TISSAGE_QUESTION_SINGLE:
    case TISSAGE_QUESTION_MULTIPLE:
      build_checks (self);
      break;
    case TISSAGE_QUESTION_NUMBER:
    case TISSAGE_N_QUESTION_KINDS:
    default:
      self->kind = TISSAGE_QUESTION_NUMBER;
      build_number (self);
      break;
    }

  return self;
}

void
tissage_question_input_set_section (TissageQuestionInput *self,
                                    const char           *title,
                                    gboolean              first)
{
  g_autofree char *copy = NULL;

  g_return_if_fail (TISSAGE_IS_QUESTION_INPUT (self));

  gtk_label_set_text (self->section_label, title ? tissage_label_text (title, TISSAGE_LABEL_MAX_CHARS, &copy) : "");
  gtk_widget_set_margin_top (GTK_WIDGET (self->section_label), first ? 0 : 12);
  gtk_widget_set_visible (GTK_WIDGET (self->section_label), title != NULL && *title != '\0');
}

TissageGridQuestion *
tissage_question_input_get_question (TissageQuestionInput *self)
{
  g_return_val_if_fail (TISSAGE_IS_QUESTION_INPUT (self), NULL);

  return self->question;
}

GtkWidget *
tissage_question_input_get_focus_widget (TissageQuestionInput *self)
{
  g_return_val_if_fail (TISSAGE_IS_QUESTION_INPUT (self), NULL);

  switch (self->kind)
    {
    case TISSAGE_QUESTION_OPEN:
      return GTK_WIDGET (self->text_view);
    case TISSAGE_QUESTION_SCALE:
    case TISSAGE_QUESTION_YES_NO:
      for (guint i = 0; i < self->n_toggles; i++)
        if (gtk_toggle_button_get_active (self->toggles[i]))
          return GTK_WIDGET (self->toggles[i]);
      return GTK_WIDGET (self->toggles[0]);
    case TISSAGE_QUESTION_SINGLE:
    case TISSAGE_QUESTION_MULTIPLE:
      for (guint i = 0; i < self->checks->len; i++)
        if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
          return g_ptr_array_index (self->checks, i);
      return self->checks->len > 0 ? g_ptr_array_index (self->checks, 0) : NULL;
    case TISSAGE_QUESTION_NUMBER:
    case TISSAGE_N_QUESTION_KINDS:
    default:
      return GTK_WIDGET (self->number_entry);
    }
}

GtkTextView *
tissage_question_input_get_text_view (TissageQuestionInput *self)
{
  g_return_val_if_fail (TISSAGE_IS_QUESTION_INPUT (self), NULL);

  return self->kind == TISSAGE_QUESTION_OPEN ? self->text_view : NULL;
}

/* The answer of a scale that a key gives: its digit, on the keypad too,
 * or the key that bears it on a French AZERTY keyboard, unshifted. */
static guint
scale_value_of_key (guint keyval)
{
  static const guint azerty[] = {
    GDK_KEY_ampersand, GDK_KEY_eacute, GDK_KEY_quotedbl, GDK_KEY_apostrophe, GDK_KEY_parenleft,
  };

  if (keyval >= GDK_KEY_1 && keyval <= GDK_KEY_9)
    return keyval - GDK_KEY_0;
  if (keyval >= GDK_KEY_KP_1 && keyval <= GDK_KEY_KP_9)
    return keyval - GDK_KEY_KP_0;
  for (guint i = 0; i < G_N_ELEMENTS (azerty); i++)
    if (keyval == azerty[i])
      return i + 1;
  return 0;
}

gboolean
tissage_question_input_answer_key (TissageQuestionInput *self,
                                   guint                 keyval,
                                   GtkWidget            *focus)
{
  GtkToggleButton *toggle = NULL;

  g_return_val_if_fail (TISSAGE_IS_QUESTION_INPUT (self), FALSE);

  if (self->kind == TISSAGE_QUESTION_SCALE && !GTK_IS_EDITABLE (focus) && !GTK_IS_TEXT_VIEW (focus))
    {
      guint value = scale_value_of_key (keyval);

      if (value >= 1 && value <= self->n_toggles)
        toggle = self->toggles[value - 1];
    }
  keyval = gdk_keyval_to_lower (keyval);
  if (self->kind == TISSAGE_QUESTION_YES_NO &&
      (keyval == GDK_KEY_o || keyval == GDK_KEY_y || keyval == GDK_KEY_n))
    toggle = self->toggles[keyval == GDK_KEY_n ? 1 : 0];

  if (toggle == NULL)
    return FALSE;
  gtk_toggle_button_set_active (toggle, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (toggle));
  return TRUE;
}

gboolean
tissage_question_input_mark_verbatim (TissageQuestionInput *self)
{
  g_return_val_if_fail (TISSAGE_IS_QUESTION_INPUT (self), FALSE);

  if (self->buffer == NULL || !gtk_text_buffer_get_has_selection (self->buffer))
    return FALSE;

  gtk_menu_button_popup (self->mark_button);
  return TRUE;
}

/* GObject */

static void
tissage_question_input_dispose (GObject *object)
{
  TissageQuestionInput *self = TISSAGE_QUESTION_INPUT (object);

  /* The entry may lose the focus as it goes, after the input: it must not
   * call the input any more. */
  if (self->number_entry != NULL)
    tissage_field_forget_leave (GTK_WIDGET (self->number_entry));
  if (self->buffer != NULL)
    g_signal_handlers_disconnect_by_data (self->buffer, self);
  for (guint i = 0; i < TISSAGE_SCALE_MAX; i++)
    if (self->toggles[i] != NULL)
      g_signal_handlers_disconnect_by_data (self->toggles[i], self);
  for (guint i = 0; self->checks != NULL && i < self->checks->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->checks, i), self);
  if (self->number_entry != NULL)
    g_signal_handlers_disconnect_by_data (self->number_entry, self);
  self->buffer = NULL;
  self->verbatim_tag = NULL;
  g_clear_pointer (&self->checks, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), TISSAGE_TYPE_QUESTION_INPUT);

  g_clear_object (&self->interview);
  g_clear_object (&self->question);
  g_clear_object (&self->document);
  g_clear_pointer (&self->choices, g_strfreev);
  g_clear_pointer (&self->verbatims_shown, g_free);

  G_OBJECT_CLASS (tissage_question_input_parent_class)->dispose (object);
}

static void
tissage_question_input_class_init (TissageQuestionInputClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tissage_question_input_dispose;

  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_NEXT] =
    g_signal_new ("next", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_VERBATIM_DELETED] =
    g_signal_new ("verbatim-deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/tissage-question-input.ui");
  gtk_widget_class_bind_template_child (widget_class, TissageQuestionInput, box);
  gtk_widget_class_bind_template_child (widget_class, TissageQuestionInput, section_label);
  gtk_widget_class_bind_template_child (widget_class, TissageQuestionInput, question_label);
  gtk_widget_class_bind_template_child (widget_class, TissageQuestionInput, retired_label);
  gtk_widget_class_bind_template_child (widget_class, TissageQuestionInput, guidance_label);
  gtk_widget_class_bind_template_child (widget_class, TissageQuestionInput, open_box);
  gtk_widget_class_bind_template_child (widget_class, TissageQuestionInput, text_view);
  gtk_widget_class_bind_template_child (widget_class, TissageQuestionInput, mark_button);
  gtk_widget_class_bind_template_child (widget_class, TissageQuestionInput, verbatim_list);
  gtk_widget_class_bind_template_child (widget_class, TissageQuestionInput, toggles_box);
  gtk_widget_class_bind_template_child (widget_class, TissageQuestionInput, low_label);
  gtk_widget_class_bind_template_child (widget_class, TissageQuestionInput, high_label);
  gtk_widget_class_bind_template_child_full (widget_class, "toggle_1", FALSE,
                                             G_STRUCT_OFFSET (TissageQuestionInput, toggles[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "toggle_2", FALSE,
                                             G_STRUCT_OFFSET (TissageQuestionInput, toggles[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "toggle_3", FALSE,
                                             G_STRUCT_OFFSET (TissageQuestionInput, toggles[2]));
  gtk_widget_class_bind_template_child_full (widget_class, "toggle_4", FALSE,
                                             G_STRUCT_OFFSET (TissageQuestionInput, toggles[3]));
  gtk_widget_class_bind_template_child_full (widget_class, "toggle_5", FALSE,
                                             G_STRUCT_OFFSET (TissageQuestionInput, toggles[4]));
  gtk_widget_class_bind_template_child (widget_class, TissageQuestionInput, checks_box);
  gtk_widget_class_bind_template_child (widget_class, TissageQuestionInput, number_entry);
  gtk_widget_class_bind_template_child (widget_class, TissageQuestionInput, error_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "questioninput");
}

static void
tissage_question_input_init (TissageQuestionInput *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

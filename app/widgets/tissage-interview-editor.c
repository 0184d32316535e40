#define G_LOG_DOMAIN "tissage-interviews"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tissage-interview-editor.h"
#include "tissage-referentiel.h"
#include "tissage-widget-utils.h"

/* One question of the interview and the input of its answer. */
typedef struct
{
  TissageInterviewEditor *editor;
  TissageGridQuestion    *question;
  GtkWidget              *box;
  GtkWidget              *error_label;
  /* open answers */
  GtkTextView            *text_view;
  GtkTextBuffer          *buffer;
  GtkTextTag             *verbatim_tag;
  GtkMenuButton          *mark_button;
  GtkListBox             *verbatim_list;
  /* scales (1 to 5) and yes/no (yes, no) */
  GtkToggleButton        *toggles[TISSAGE_SCALE_MAX];
  guint                   n_toggles;
  /* choices */
  GPtrArray              *checks;
  GStrv                   choices;
  /* numbers */
  GtkEntry               *entry;
  gboolean                invalid;   /* the entry shows a value not saved */
  gboolean                pending;   /* emptied, to be retyped or left empty */
} QuestionInput;

enum {
  REFRESH_ANSWERS   = 1 << 0,
  REFRESH_VERBATIMS = 1 << 1,
  REFRESH_QUESTIONS = 1 << 2,
  REFRESH_CHOICES   = 1 << 3,
};

struct _TissageInterviewEditor
{
  GtkWidget          parent_instance;

  /* The lists of stakeholders, categories and structures to choose from
   * are filled when an interview is first shown, then after changes. */
  gboolean           choices_stale;

  GtkWidget         *root_box;
  GtkLabel          *title_label;
  GtkLabel          *progress_label;
  GtkProgressBar    *progress_bar;
  GtkScrolledWindow *scrolled;
  AdwExpanderRow    *details_row;
  GtkDropDown       *stakeholder_drop_down;
  AdwEntryRow       *pseudonym_row;
  AdwComboRow       *category_row;
  AdwComboRow       *person_structure_row;
  AdwComboRow       *structure_row;
  AdwEntryRow       *interviewer_row;
  AdwEntryRow       *date_row;
  AdwEntryRow       *place_row;
  AdwComboRow       *mode_row;
  AdwComboRow       *consent_row;
  AdwComboRow       *status_row;
  AdwEntryRow       *notes_row;
  GtkBox            *questions_box;

  TissageDocument   *document;
  TissageInterview  *interview;
  GPtrArray         *inputs;          /* QuestionInput, in the order of the grid */
  GtkStringList     *stakeholder_names;
  GArray            *stakeholder_ids;
  GtkStringList     *category_names;
  GArray            *category_ids;
  GtkStringList     *structure_names;
  GArray            *structure_ids;
  guint              updating;
  gboolean           date_pending;   /* typed, read when the field is left */
  guint              refresh_flags;
  guint              refresh_id;
  /* An answer being brought into view once laid out */
  guint              reveal_tick_id;
  gint64             reveal_question_id;
  int                reveal_offset;
  double             reveal_target;
  guint              reveal_stable;
  guint              reveal_frames;
};

G_DEFINE_FINAL_TYPE (TissageInterviewEditor, tissage_interview_editor, GTK_TYPE_WIDGET)

static void refresh_verbatims (QuestionInput *input);

static void
question_input_free (QuestionInput *input)
{
  if (input->entry != NULL)
    {
      tissage_field_forget_leave (GTK_WIDGET (input->entry));
      g_signal_handlers_disconnect_by_data (input->entry, input);
      g_object_remove_weak_pointer (G_OBJECT (input->entry), (gpointer *) &input->entry);
    }
  g_clear_object (&input->question);
  g_clear_pointer (&input->checks, g_ptr_array_unref);
  g_clear_pointer (&input->choices, g_strfreev);
  g_free (input);
}

static gboolean
can_edit (TissageInterviewEditor *self)
{
  return self->updating == 0 && self->document != NULL && self->interview != NULL;
}

/* Saving the interview's fields */

static void
save_field (TissageInterviewEditor *self,
            const char             *property,
            const GValue           *value)
{
  g_autoptr(GError) error = NULL;

  if (!tissage_document_set_value (self->document, self->interview, property, value, &error))
    tissage_widget_report_error (GTK_WIDGET (self), error);
}

static void
save_string (TissageInterviewEditor *self,
             const char             *property,
             const char             *text)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, text);
  save_field (self, property, &value);
}

static void
save_int (TissageInterviewEditor *self,
          const char             *property,
          gint64                  number,
          GType                   type)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, type);
  if (type == G_TYPE_INT64)
    g_value_set_int64 (&value, number);
  else if (type == G_TYPE_BOOLEAN)
    g_value_set_boolean (&value, number != 0);
  else
    g_value_set_int (&value, (int) number);
  save_field (self, property, &value);
}

static gint64
chosen_id (GArray *ids,
           guint   selected)
{
  /* Position 0 is “none”. */
  if (selected == GTK_INVALID_LIST_POSITION || selected == 0 || selected > ids->len)
    return 0;
  return g_array_index (ids, gint64, selected - 1);
}

static guint
position_of_id (GArray *ids,
                gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return i + 1;
  return 0;
}

static void
fill_names (GtkStringList *names,
            GArray        *ids,
            const char    *none,
            GListModel    *records,
            const char  *(*get_name) (gpointer))
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) strings = NULL;
  guint n = g_list_model_get_n_items (records ? records : G_LIST_MODEL (names));

  g_array_set_size (ids, 0);
  g_strv_builder_add (builder, none);
  for (guint i = 0; records != NULL && i < n; i++)
    {
      g_autoptr(TissageRecord) record = g_list_model_get_item (records, i);
      gint64 id = tissage_record_get_id (record);

      g_strv_builder_add (builder, get_name (record));
      g_array_append_val (ids, id);
    }
  strings = g_strv_builder_end (builder);
  gtk_string_list_splice (names, 0, g_list_model_get_n_items (G_LIST_MODEL (names)),
                          (const char * const *) strings);
}

static void
rebuild_choices (TissageInterviewEditor *self)
{
  GListModel *stakeholders = self->document ? tissage_document_get_stakeholders (self->document) : NULL;
  GListModel *categories = self->document ? tissage_document_get_categories (self->document) : NULL;
  GListModel *structures = self->document ? tissage_document_get_structures (self->document) : NULL;

  self->choices_stale = FALSE;
  self->updating++;
  fill_names (self->stakeholder_names, self->stakeholder_ids, _("Under a pseudonym"),
              stakeholders, (gpointer) tissage_stakeholder_get_name);
  fill_names (self->category_names, self->category_ids, _("No category"),
              categories, (gpointer) tissage_category_get_name);
  fill_names (self->structure_names, self->structure_ids, _("None"),
              structures, (gpointer) tissage_structure_get_name);
  self->updating--;
}

static void
set_entry_text (AdwEntryRow *row,
                const char  *text)
{
  /* Left alone when it already says it, so the caret stays put. */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

static void
update_title (TissageInterviewEditor *self)
{
  g_autofree char *who = NULL;
  TissageGrid *grid;
  g_autofree char *title = NULL;

  if (self->interview == NULL)
    return;

  who = tissage_document_dup_interviewee (self->document, self->interview, FALSE);
  grid = tissage_document_lookup (self->document, TISSAGE_TYPE_GRID,
                                  tissage_interview_get_grid_id (self->interview));
  tissage_label_set_name (self->title_label, who);
  if (grid != NULL)
    {
      /* TRANSLATORS: the interview's heading: the interviewee, then the guide */
      title = g_strdup_printf (_("%s — %s"), who, tissage_grid_get_title (grid));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label), title);
    }
}

static void
load_fields (TissageInterviewEditor *self)
{
  TissageInterview *iv = self->interview;
  g_autofree char *interviewer = NULL, *place = NULL, *notes = NULL;
  g_autofree char *date = NULL;
  int mode, status, consent;
  gint64 stakeholder_id;

  if (iv == NULL)
    return;

  g_object_get (iv, "interviewer", &interviewer, "place", &place, "notes", &notes,
                "mode", &mode, "status", &status, "consent", &consent, NULL);
  stakeholder_id = tissage_interview_get_stakeholder_id (iv);

  self->updating++;
  gtk_drop_down_set_selected (self->stakeholder_drop_down, position_of_id (self->stakeholder_ids, stakeholder_id));
  gtk_widget_set_visible (GTK_WIDGET (self->pseudonym_row), stakeholder_id == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->category_row), stakeholder_id == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->person_structure_row), stakeholder_id == 0);
  set_entry_text (self->pseudonym_row, tissage_interview_get_pseudonym (iv));
  adw_combo_row_set_selected (self->category_row,
                              position_of_id (self->category_ids, tissage_interview_get_category_id (iv)));
  adw_combo_row_set_selected (self->person_structure_row,
                              position_of_id (self->structure_ids, tissage_interview_get_person_structure_id (iv)));
  adw_combo_row_set_selected (self->structure_row,
                              position_of_id (self->structure_ids, tissage_interview_get_structure_id (iv)));
  set_entry_text (self->interviewer_row, interviewer);
  /* A date being typed, or refused, is not replaced by the one saved. */
  if (!self->date_pending)
    {
      date = tissage_format_date (tissage_interview_get_date (iv));
      set_entry_text (self->date_row, date);
    }
  set_entry_text (self->place_row, place);
  adw_combo_row_set_selected (self->mode_row, mode);
  adw_combo_row_set_selected (self->consent_row, consent);
  adw_combo_row_set_selected (self->status_row, status);
  set_entry_text (self->notes_row, notes);
  self->updating--;

  update_title (self);
}

/* Answers */

static void
update_progress (TissageInterviewEditor *self)
{
  guint answered = 0, total = 0;
  g_autofree char *text = NULL;

  if (self->interview == NULL)
    return;

  tissage_document_get_progress (self->document, self->interview, &answered, &total);
  /* TRANSLATORS: the progress of an interview: questions answered out of all */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u question of %u", "%u questions of %u", answered),
                          answered, total);
  gtk_label_set_text (self->progress_label, text);
  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) answered / total : 0);
}

static void
show_input_error (QuestionInput *input,
                  const char    *message)
{
  GtkWidget *target = input->entry ? GTK_WIDGET (input->entry) : input->box;

  gtk_label_set_text (GTK_LABEL (input->error_label), message ? message : "");
  gtk_widget_set_visible (input->error_label, message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (target, "error");
  else
    gtk_widget_remove_css_class (target, "error");
  gtk_widget_set_tooltip_text (target, message);
}

static void
save_answer (QuestionInput *input,
             const char    *text)
{
  TissageInterviewEditor *self = input->editor;
  g_autoptr(GError) error = NULL;

  if (!can_edit (self))
    return;

  if (!tissage_document_set_answer (self->document, self->interview, input->question, text, &error))
    {
      /* What was typed stays on screen, with what is wrong with it. */
      input->invalid = TRUE;
      if (error->domain == TISSAGE_DOCUMENT_ERROR && error->code == TISSAGE_DOCUMENT_ERROR_INVALID_VALUE)
        show_input_error (input, error->message);
      else
        tissage_widget_report_error (GTK_WIDGET (self), error);
      return;
    }

  input->invalid = FALSE;
  show_input_error (input, NULL);
  update_progress (self);
}

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
on_buffer_changed (GtkTextBuffer *buffer,
                   QuestionInput *input)
{
  g_autofree char *text = buffer_text (buffer);

  save_answer (input, text);
}

static void
on_toggle_toggled (GtkToggleButton *button,
                   QuestionInput   *input)
{
  if (!gtk_toggle_button_get_active (button))
    return;

  save_answer (input, g_object_get_data (G_OBJECT (button), "value"));
}

static void
on_check_toggled (GtkCheckButton *button,
                  QuestionInput  *input)
{
  g_autoptr(GString) chosen = g_string_new (NULL);

  /* A radio that turns off is followed by the one that turns on. */
  if (tissage_grid_question_get_kind (input->question) == TISSAGE_QUESTION_SINGLE &&
      !gtk_check_button_get_active (button))
    return;

  for (guint i = 0; i < input->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (input->checks, i)))
      {
        if (chosen->len > 0)
          g_string_append_c (chosen, '\n');
        g_string_append (chosen, input->choices[i]);
      }

  save_answer (input, chosen->str);
}

static void
on_entry_changed (GtkEditable   *editable,
                  QuestionInput *input)
{
  g_autofree char *stripped = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  /* Emptied to be retyped ("vingt" over 24 starts empty): the answer
   * stays until the field is left empty. */
  if (*stripped == '\0')
    {
      if (can_edit (input->editor))
        {
          input->pending = TRUE;
          input->invalid = FALSE;
          show_input_error (input, NULL);
        }
      return;
    }

  input->pending = FALSE;
  save_answer (input, gtk_editable_get_text (editable));
}

static void
on_number_left (GtkWidget *entry,
                gpointer   user_data)
{
  QuestionInput *input = user_data;

  if (!input->pending || !can_edit (input->editor))
    return;

  input->pending = FALSE;
  save_answer (input, "");
}

/* Shows @answer in the input, unless it already shows it. */
static void
apply_answer (QuestionInput *input,
              TissageAnswer *answer)
{
  TissageQuestionKind kind = tissage_grid_question_get_kind (input->question);
  g_autofree char *display = answer ? tissage_answer_dup_display (answer, input->question) : g_strdup ("");
  double number = answer ? tissage_answer_get_number (answer) : NAN;

  input->editor->updating++;
  switch (kind)
    {
    case TISSAGE_QUESTION_OPEN:
      {
        g_autofree char *shown = buffer_text (input->buffer);
        const char *text = answer ? tissage_answer_get_text (answer) : "";

        if (g_strcmp0 (shown, text) != 0)
          {
            GtkTextIter iter;
            int offset = gtk_text_iter_get_offset ((gtk_text_buffer_get_iter_at_mark (input->buffer, &iter,
                                                                                        gtk_text_buffer_get_insert (input->buffer)),
                                                    &iter));

            /* Not the typing's to undo (nor another interview's, when
             * the page is reused). */
            tissage_text_view_set_text (input->text_view, text);
            gtk_text_buffer_get_iter_at_offset (input->buffer, &iter, offset);
            gtk_text_buffer_place_cursor (input->buffer, &iter);
          }
      }
      break;

    case TISSAGE_QUESTION_SCALE:
    case TISSAGE_QUESTION_YES_NO:
      for (guint i = 0; i < input->n_toggles; i++)
        {
          int value = kind == TISSAGE_QUESTION_SCALE ? (int) i + 1 : (i == 0 ? 1 : 0);

          gtk_toggle_button_set_active (input->toggles[i], !isnan (number) && (int) number == value);
        }
      break;

    case TISSAGE_QUESTION_SINGLE:
    case TISSAGE_QUESTION_MULTIPLE:
      {
        const char *text = answer ? tissage_answer_get_text (answer) : "";
        g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

        for (guint i = 0; i < input->checks->len; i++)
          gtk_check_button_set_active (g_ptr_array_index (input->checks, i),
                                       g_strv_contains ((const char * const *) lines, input->choices[i]));
      }
      break;

    case TISSAGE_QUESTION_NUMBER:
      /* A value being corrected is not replaced by the last one saved. */
      if (!input->invalid && !input->pending)
        {
          double shown = NAN;
          const char *text = gtk_editable_get_text (GTK_EDITABLE (input->entry));

          if (!tissage_parse_number (text, &shown) || shown != number)
            if (!(isnan (number) && *text == '\0'))
              gtk_editable_set_text (GTK_EDITABLE (input->entry), display);
        }
      break;

    case TISSAGE_N_QUESTION_KINDS:
    default:
      break;
    }
  input->editor->updating--;
}

static GHashTable *
answers_by_question (TissageInterviewEditor *self)
{
  GHashTable *answers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  g_autoptr(GPtrArray) list = tissage_document_list_answers (self->document, self->interview);

  for (guint i = 0; i < list->len; i++)
    {
      TissageAnswer *answer = g_ptr_array_index (list, i);
      gint64 *key = g_new (gint64, 1);

      *key = tissage_answer_get_question_id (answer);
      g_hash_table_insert (answers, key, g_object_ref (answer));
    }

  return answers;
}

static void
refresh_answers (TissageInterviewEditor *self)
{
  g_autoptr(GHashTable) answers = answers_by_question (self);

  for (guint i = 0; i < self->inputs->len; i++)
    {
      QuestionInput *input = g_ptr_array_index (self->inputs, i);
      gint64 id = tissage_record_get_id (TISSAGE_RECORD (input->question));

      apply_answer (input, g_hash_table_lookup (answers, &id));
    }
  update_progress (self);
}

/* Verbatims */

static char *
effect_names (TissageInterviewEditor *self,
              GArray                 *ids)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; i < ids->len; i++)
    {
      TissageEffect *effect = tissage_document_lookup (self->document, TISSAGE_TYPE_EFFECT,
                                                       g_array_index (ids, gint64, i));
      if (effect != NULL)
        g_ptr_array_add (names, (gpointer) tissage_effect_get_title (effect));
    }
  g_ptr_array_add (names, NULL);

  return g_strjoinv (", ", (char **) names->pdata);
}

static gboolean
question_informs_effect (TissageInterviewEditor *self,
                         TissageGridQuestion    *question,
                         gint64                  effect_id)
{
  GListModel *links = tissage_document_get_records (self->document, TISSAGE_TYPE_QUESTION_EFFECT);
  gint64 question_id = tissage_record_get_id (TISSAGE_RECORD (question));

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
on_tag_confirmed (GtkButton     *button,
                  QuestionInput *input)
{
  TissageInterviewEditor *self = input->editor;
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
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (child)))
      {
        gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (child), "effect-id"));
        g_array_append_val (effect_ids, id);
      }
  for (guint i = 0; i < TISSAGE_N_TONES; i++)
    if (gtk_toggle_button_get_active (tones[i]))
      tone = i;

  if (verbatim == NULL)
    {
      g_autoptr(TissageAnswer) answer = tissage_document_get_answer (self->document, self->interview, input->question);
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
  if (input->text_view != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (input->text_view));
}

/* Fills the popover that tags a verbatim: new when @verbatim is NULL. */
static void
fill_tag_popover (QuestionInput   *input,
                  GtkPopover      *popover,
                  TissageVerbatim *verbatim)
{
  TissageInterviewEditor *self = input->editor;
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

      gtk_text_buffer_get_selection_bounds (input->buffer, &start, &end);
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
        gboolean linked = question_informs_effect (self, input->question, id);
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
  g_signal_connect (confirm, "clicked", G_CALLBACK (on_tag_confirmed), input);
  gtk_box_append (GTK_BOX (box), confirm);

  gtk_popover_set_child (popover, box);
  gtk_popover_set_default_widget (popover, confirm);
}

static void
on_mark_popover_show (GtkPopover    *popover,
                      QuestionInput *input)
{
  fill_tag_popover (input, popover, NULL);
}

static void
on_edit_popover_show (GtkPopover    *popover,
                      QuestionInput *input)
{
  fill_tag_popover (input, popover, g_object_get_data (G_OBJECT (popover), "edited"));
}

static void
on_delete_verbatim (GtkButton     *button,
                    QuestionInput *input)
{
  TissageVerbatim *verbatim = g_object_get_data (G_OBJECT (button), "verbatim");
  g_autoptr(GError) error = NULL;

  if (!tissage_document_delete (input->editor->document, verbatim, &error))
    {
      tissage_widget_report_error (GTK_WIDGET (input->editor), error);
      return;
    }
  tissage_widget_add_undo_toast (GTK_WIDGET (input->editor), _("Verbatim deleted"));
}

static GtkWidget *
verbatim_row_new (QuestionInput   *input,
                  TissageVerbatim *verbatim)
{
  TissageInterviewEditor *self = input->editor;
  g_autoptr(GArray) effects = tissage_document_dup_verbatim_effects (self->document, verbatim);
  g_autofree char *names = effect_names (self, effects);
  g_autofree char *quote = g_strdup_printf (_("“%s”"), tissage_verbatim_get_quote (verbatim));
  g_autoptr(GString) subtitle = g_string_new (tissage_tone_to_label (tissage_verbatim_get_tone (verbatim)));
  g_autofree char *quote_copy = NULL;
  g_autofree char *subtitle_copy = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *edit = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *delete = gtk_button_new_from_icon_name ("user-trash-symbolic");

  g_string_append (subtitle, " · ");
  g_string_append (subtitle, *names ? names : _("No effect"));
  if (tissage_verbatim_get_lost (verbatim))
    {
      g_string_append (subtitle, " · ");
      g_string_append (subtitle, _("Lost: its words are no longer in the answer"));
      gtk_widget_add_css_class (row, "verbatim-lost");
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 tissage_label_text (quote, TISSAGE_LABEL_MAX_CHARS, &quote_copy));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               tissage_label_text (subtitle->str, TISSAGE_LABEL_MAX_CHARS, &subtitle_copy));
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (edit), "document-edit-symbolic");
  gtk_widget_set_tooltip_text (edit, _("Change Its Effects and Tone"));
  gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (edit, "flat");
  g_object_set_data_full (G_OBJECT (popover), "edited", g_object_ref (verbatim), g_object_unref);
  g_signal_connect (popover, "show", G_CALLBACK (on_edit_popover_show), input);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (edit), popover);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);

  gtk_widget_set_tooltip_text (delete, _("Delete the Verbatim"));
  gtk_widget_set_valign (delete, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (delete, "flat");
  g_object_set_data_full (G_OBJECT (delete), "verbatim", g_object_ref (verbatim), g_object_unref);
  g_signal_connect (delete, "clicked", G_CALLBACK (on_delete_verbatim), input);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), delete);

  return row;
}

static void
refresh_verbatims (QuestionInput *input)
{
  TissageInterviewEditor *self = input->editor;
  g_autoptr(TissageAnswer) answer = NULL;
  g_autoptr(GPtrArray) verbatims = NULL;
  GtkTextIter start, end;
  GtkWidget *child;

  if (input->buffer == NULL)
    return;

  gtk_text_buffer_get_bounds (input->buffer, &start, &end);
  gtk_text_buffer_remove_tag (input->buffer, input->verbatim_tag, &start, &end);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (input->verbatim_list))) != NULL)
    gtk_list_box_remove (input->verbatim_list, child);

  answer = tissage_document_get_answer (self->document, self->interview, input->question);
  verbatims = answer ? tissage_document_list_answer_verbatims (self->document, answer) : NULL;

  for (guint i = 0; verbatims != NULL && i < verbatims->len; i++)
    {
      TissageVerbatim *verbatim = g_ptr_array_index (verbatims, i);

      if (!tissage_verbatim_get_lost (verbatim))
        {
          gtk_text_buffer_get_iter_at_offset (input->buffer, &start, tissage_verbatim_get_start (verbatim));
          gtk_text_buffer_get_iter_at_offset (input->buffer, &end, tissage_verbatim_get_end (verbatim));
          gtk_text_buffer_apply_tag (input->buffer, input->verbatim_tag, &start, &end);
        }
      gtk_list_box_append (input->verbatim_list, verbatim_row_new (input, verbatim));
    }

  gtk_widget_set_visible (GTK_WIDGET (input->verbatim_list), verbatims != NULL && verbatims->len > 0);
}

static void
on_has_selection (GtkTextBuffer *buffer,
                  GParamSpec    *pspec,
                  QuestionInput *input)
{
  gtk_widget_set_sensitive (GTK_WIDGET (input->mark_button),
                            gtk_text_buffer_get_has_selection (buffer) && can_edit (input->editor));
}

/* Building the questions */

static GtkWidget *
build_open (QuestionInput *input)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *hint = gtk_label_new (_("Select words, then Ctrl+M to keep them as a verbatim"));
  GdkRGBA soft = { 0.96, 0.83, 0.18, 0.35 };

  input->text_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  input->buffer = gtk_text_view_get_buffer (input->text_view);
  gtk_text_view_set_wrap_mode (input->text_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (input->text_view, FALSE);
  gtk_text_view_set_top_margin (input->text_view, 8);
  gtk_text_view_set_bottom_margin (input->text_view, 8);
  gtk_text_view_set_left_margin (input->text_view, 8);
  gtk_text_view_set_right_margin (input->text_view, 8);
  gtk_widget_set_size_request (GTK_WIDGET (input->text_view), -1, 72);
  gtk_widget_add_css_class (GTK_WIDGET (input->text_view), "answer");
  gtk_accessible_update_property (GTK_ACCESSIBLE (input->text_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tissage_grid_question_get_text (input->question), -1);
  input->verbatim_tag = gtk_text_buffer_create_tag (input->buffer, "verbatim",
                                                    "background-rgba", &soft, NULL);
  gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (input->text_view));
  gtk_box_append (GTK_BOX (box), frame);

  input->mark_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_label (input->mark_button, _("Mark as Verbatim"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (input->mark_button), _("Keep the selected words as a verbatim (Ctrl+M)"));
  gtk_widget_add_css_class (GTK_WIDGET (input->mark_button), "flat");
  gtk_widget_set_sensitive (GTK_WIDGET (input->mark_button), FALSE);
  g_signal_connect (popover, "show", G_CALLBACK (on_mark_popover_show), input);
  gtk_menu_button_set_popover (input->mark_button, popover);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_widget_set_hexpand (hint, TRUE);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_widget_add_css_class (hint, "caption");
  gtk_box_append (GTK_BOX (bar), hint);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (input->mark_button));
  gtk_box_append (GTK_BOX (box), bar);

  input->verbatim_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (input->verbatim_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (input->verbatim_list), "boxed-list");
  gtk_widget_set_visible (GTK_WIDGET (input->verbatim_list), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (input->verbatim_list));

  g_signal_connect (input->buffer, "changed", G_CALLBACK (on_buffer_changed), input);
  g_signal_connect (input->buffer, "notify::has-selection", G_CALLBACK (on_has_selection), input);

  return box;
}

static GtkWidget *
build_toggles (QuestionInput *input)
{
  TissageQuestionKind kind = tissage_grid_question_get_kind (input->question);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *linked = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  static const char * const scale_values[] = { "1", "2", "3", "4", "5" };

  gtk_widget_add_css_class (linked, "linked");
  input->n_toggles = kind == TISSAGE_QUESTION_SCALE ? TISSAGE_SCALE_MAX : 2;
  for (guint i = 0; i < input->n_toggles; i++)
    {
      const char *label = kind == TISSAGE_QUESTION_SCALE ? scale_values[i] : (i == 0 ? _("Yes") : _("No"));
      GtkWidget *toggle = gtk_toggle_button_new_with_label (label);

      input->toggles[i] = GTK_TOGGLE_BUTTON (toggle);
      if (i > 0)
        gtk_toggle_button_set_group (input->toggles[i], input->toggles[0]);
      g_object_set_data (G_OBJECT (toggle), "value",
                         (gpointer) (kind == TISSAGE_QUESTION_SCALE ? scale_values[i] : (i == 0 ? "oui" : "non")));
      gtk_widget_set_size_request (toggle, kind == TISSAGE_QUESTION_SCALE ? 44 : 64, -1);
      g_signal_connect (toggle, "toggled", G_CALLBACK (on_toggle_toggled), input);
      gtk_box_append (GTK_BOX (linked), toggle);
    }

  if (kind == TISSAGE_QUESTION_SCALE)
    {
      g_autofree char *min_label = NULL, *max_label = NULL;
      g_autofree char *min_copy = NULL, *max_copy = NULL;
      GtkWidget *low, *high;

      g_object_get (input->question, "scale-min-label", &min_label, "scale-max-label", &max_label, NULL);
      low = gtk_label_new (min_label && *min_label ? tissage_label_text (min_label, 200, &min_copy) : NULL);
      high = gtk_label_new (max_label && *max_label ? tissage_label_text (max_label, 200, &max_copy) : NULL);
      gtk_widget_add_css_class (low, "dim-label");
      gtk_widget_add_css_class (high, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (low), 1);
      gtk_label_set_xalign (GTK_LABEL (high), 0);
      gtk_label_set_ellipsize (GTK_LABEL (low), PANGO_ELLIPSIZE_END);
      gtk_label_set_ellipsize (GTK_LABEL (high), PANGO_ELLIPSIZE_END);
      gtk_widget_set_tooltip_text (low, min_label);
      gtk_widget_set_tooltip_text (high, max_label);
      gtk_box_append (GTK_BOX (box), low);
      gtk_box_append (GTK_BOX (box), linked);
      gtk_box_append (GTK_BOX (box), high);
    }
  else
    gtk_box_append (GTK_BOX (box), linked);

  return box;
}

static GtkWidget *
build_checks (QuestionInput *input)
{
  gboolean single = tissage_grid_question_get_kind (input->question) == TISSAGE_QUESTION_SINGLE;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  input->choices = tissage_grid_question_dup_choices (input->question);
  input->checks = g_ptr_array_new ();
  for (guint i = 0; input->choices[i] != NULL; i++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (input->choices[i]);

      if (single && i > 0)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), g_ptr_array_index (input->checks, 0));
      g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled), input);
      g_ptr_array_add (input->checks, check);
      gtk_box_append (GTK_BOX (box), check);
    }

  return box;
}

static void focus_next (TissageInterviewEditor *self, QuestionInput *from, gboolean forward);

static void
on_entry_activate (GtkEntry      *entry,
                   QuestionInput *input)
{
  focus_next (input->editor, input, TRUE);
}

static GtkWidget *
build_number (QuestionInput *input)
{
  input->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_set_halign (GTK_WIDGET (input->entry), GTK_ALIGN_START);
  gtk_editable_set_width_chars (GTK_EDITABLE (input->entry), 12);
  gtk_entry_set_input_purpose (input->entry, GTK_INPUT_PURPOSE_NUMBER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (input->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tissage_grid_question_get_text (input->question), -1);
  g_signal_connect (input->entry, "changed", G_CALLBACK (on_entry_changed), input);
  g_signal_connect (input->entry, "activate", G_CALLBACK (on_entry_activate), input);
  tissage_field_on_leave (GTK_WIDGET (input->entry), on_number_left, input);
  /* The entry may outlive its input while its page is torn down, and lose
   * the focus then: the input tells it when it goes. */
  g_object_add_weak_pointer (G_OBJECT (input->entry), (gpointer *) &input->entry);

  return GTK_WIDGET (input->entry);
}

static QuestionInput *
question_input_new (TissageInterviewEditor *self,
                    TissageGridQuestion    *question)
{
  QuestionInput *input = g_new0 (QuestionInput, 1);
  const char *guidance = tissage_grid_question_get_guidance (question);
  g_autofree char *text_copy = NULL;
  GtkWidget *text;
  GtkWidget *control;

  input->editor = self;
  input->question = g_object_ref (question);
  input->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (input->box, "interview-question");

  text = gtk_label_new (tissage_label_text (tissage_grid_question_get_text (question),
                                            TISSAGE_LABEL_MAX_CHARS, &text_copy));
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  /* A word longer than the line, from a file written elsewhere, would
   * otherwise widen the window past what the screen can hold. */
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_widget_add_css_class (text, "heading");
  gtk_box_append (GTK_BOX (input->box), text);

  if (tissage_grid_question_get_retired (question))
    {
      GtkWidget *retired = gtk_label_new (_("Retired from the guide: kept for the answers already given"));

      gtk_label_set_xalign (GTK_LABEL (retired), 0);
      gtk_widget_add_css_class (retired, "caption");
      gtk_widget_add_css_class (retired, "warning");
      gtk_box_append (GTK_BOX (input->box), retired);
    }

  if (guidance != NULL && *guidance != '\0')
    {
      g_autofree char *copy = NULL;
      GtkWidget *label = gtk_label_new (tissage_label_text (guidance, TISSAGE_LABEL_MAX_CHARS, &copy));

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (input->box), label);
    }

  switch (tissage_grid_question_get_kind (question))
    {
    case TISSAGE_QUESTION_OPEN:
      control = build_open (input);
      break;
    case TISSAGE_QUESTION_SCALE:
    case TISSAGE_QUESTION_YES_NO:
      control = build_toggles (input);
      break;
    case TISSAGE_QUESTION_SINGLE:
    case TISSAGE_QUESTION_MULTIPLE:
      control = build_checks (input);
      break;
    case TISSAGE_QUESTION_NUMBER:
    case TISSAGE_N_QUESTION_KINDS:
    default:
      control = build_number (input);
      break;
    }
  gtk_box_append (GTK_BOX (input->box), control);

  input->error_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (input->error_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (input->error_label), 0);
  gtk_widget_add_css_class (input->error_label, "error");
  gtk_widget_add_css_class (input->error_label, "caption");
  gtk_widget_set_visible (input->error_label, FALSE);
  gtk_box_append (GTK_BOX (input->box), input->error_label);

  return input;
}

static GtkWidget *
input_focus_widget (QuestionInput *input)
{
  if (input->text_view != NULL)
    return GTK_WIDGET (input->text_view);
  if (input->entry != NULL)
    return GTK_WIDGET (input->entry);
  for (guint i = 0; i < input->n_toggles; i++)
    if (gtk_toggle_button_get_active (input->toggles[i]))
      return GTK_WIDGET (input->toggles[i]);
  if (input->n_toggles > 0)
    return GTK_WIDGET (input->toggles[0]);
  for (guint i = 0; input->checks != NULL && i < input->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (input->checks, i)))
      return g_ptr_array_index (input->checks, i);
  if (input->checks != NULL && input->checks->len > 0)
    return g_ptr_array_index (input->checks, 0);
  return NULL;
}

static int
compare_questions (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  TissageInterviewEditor *self = user_data;
  TissageGridQuestion *qa = *(TissageGridQuestion **) a;
  TissageGridQuestion *qb = *(TissageGridQuestion **) b;
  TissageQuestionPlace pa, pb;

  /* The guide's order, as the workbook has it too. */
  tissage_question_place_init (&pa, tissage_document_lookup (self->document, TISSAGE_TYPE_GRID_SECTION,
                                                             tissage_grid_question_get_section_id (qa)), qa);
  tissage_question_place_init (&pb, tissage_document_lookup (self->document, TISSAGE_TYPE_GRID_SECTION,
                                                             tissage_grid_question_get_section_id (qb)), qb);
  return tissage_question_place_compare (&pa, &pb);
}

/* The questions an interview shows, in the guide's order: a retired one
 * only where it was answered. */
static void
collect_questions (TissageInterviewEditor *self,
                   GHashTable             *answers,
                   GPtrArray              *questions)
{
  gint64 grid_id = tissage_interview_get_grid_id (self->interview);
  GListModel *all = tissage_document_get_records (self->document, TISSAGE_TYPE_GRID_QUESTION);

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(TissageGridQuestion) question = g_list_model_get_item (all, i);
      gint64 id = tissage_record_get_id (TISSAGE_RECORD (question));

      if (tissage_grid_question_get_grid_id (question) != grid_id)
        continue;
      if (tissage_grid_question_get_retired (question) && !g_hash_table_contains (answers, &id))
        continue;
      g_ptr_array_add (questions, g_steal_pointer (&question));
    }
  g_ptr_array_sort_with_data (questions, compare_questions, self);
}

/* Going from one interview to another of the same guide keeps the
 * questions' widgets and only changes the answers they show. */
static gboolean
reuse_questions (TissageInterviewEditor *self)
{
  g_autoptr(GPtrArray) questions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) answers = NULL;

  if (self->interview == NULL || self->inputs->len == 0)
    return FALSE;

  answers = answers_by_question (self);
  collect_questions (self, answers, questions);
  if (questions->len != self->inputs->len)
    return FALSE;
  for (guint i = 0; i < questions->len; i++)
    if (((QuestionInput *) g_ptr_array_index (self->inputs, i))->question != g_ptr_array_index (questions, i))
      return FALSE;

  for (guint i = 0; i < self->inputs->len; i++)
    {
      QuestionInput *input = g_ptr_array_index (self->inputs, i);
      gint64 id = tissage_record_get_id (TISSAGE_RECORD (input->question));

      input->invalid = FALSE;
      input->pending = FALSE;
      show_input_error (input, NULL);
      apply_answer (input, g_hash_table_lookup (answers, &id));
      refresh_verbatims (input);
    }
  update_progress (self);

  return TRUE;
}

static void
rebuild_questions (TissageInterviewEditor *self)
{
  g_autoptr(GPtrArray) questions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) answers = NULL;
  GtkWidget *child;
  gint64 section_id = -1;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->questions_box))) != NULL)
    gtk_box_remove (self->questions_box, child);
  g_ptr_array_set_size (self->inputs, 0);

  if (self->interview == NULL)
    return;

  answers = answers_by_question (self);
  collect_questions (self, answers, questions);

  if (questions->len == 0)
    {
      GtkWidget *empty = adw_status_page_new ();

      adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "view-list-bullet-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Questions"));
      adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                       _("This interview guide has no question yet: write them in the guide first."));
      gtk_widget_add_css_class (empty, "compact");
      gtk_box_append (self->questions_box, empty);
    }

  for (guint i = 0; i < questions->len; i++)
    {
      TissageGridQuestion *question = g_ptr_array_index (questions, i);
      gint64 id = tissage_record_get_id (TISSAGE_RECORD (question));
      gint64 section = tissage_grid_question_get_section_id (question);
      QuestionInput *input;

      if (section != section_id)
        {
          TissageGridSection *record = tissage_document_lookup (self->document, TISSAGE_TYPE_GRID_SECTION, section);
          const char *title = record ? tissage_grid_section_get_title (record) : NULL;

          section_id = section;
          if (title != NULL && *title != '\0')
            {
              g_autofree char *copy = NULL;
              GtkWidget *heading = gtk_label_new (tissage_label_text (title, TISSAGE_LABEL_MAX_CHARS, &copy));

              gtk_label_set_xalign (GTK_LABEL (heading), 0);
              gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
              gtk_label_set_wrap_mode (GTK_LABEL (heading), PANGO_WRAP_WORD_CHAR);
              gtk_widget_add_css_class (heading, "title-4");
              gtk_widget_set_margin_top (heading, i > 0 ? 12 : 0);
              gtk_box_append (self->questions_box, heading);
            }
        }

      input = question_input_new (self, question);
      g_ptr_array_add (self->inputs, input);
      gtk_box_append (self->questions_box, input->box);
      apply_answer (input, g_hash_table_lookup (answers, &id));
      refresh_verbatims (input);
    }

  update_progress (self);
}

/* Moving from question to question */

static QuestionInput *
input_holding (TissageInterviewEditor *self,
               GtkWidget              *widget)
{
  for (guint i = 0; widget != NULL && i < self->inputs->len; i++)
    {
      QuestionInput *input = g_ptr_array_index (self->inputs, i);

      if (widget == input->box || gtk_widget_is_ancestor (widget, input->box))
        return input;
    }
  return NULL;
}

static void
focus_next (TissageInterviewEditor *self,
            QuestionInput          *from,
            gboolean                forward)
{
  guint index;
  GtkWidget *target = NULL;

  if (!g_ptr_array_find (self->inputs, from, &index))
    return;

  if (forward && index + 1 < self->inputs->len)
    target = input_focus_widget (g_ptr_array_index (self->inputs, index + 1));
  else if (!forward && index > 0)
    target = input_focus_widget (g_ptr_array_index (self->inputs, index - 1));

  if (target != NULL)
    gtk_widget_grab_focus (target);
  else
    gtk_widget_child_focus (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self))),
                            forward ? GTK_DIR_TAB_FORWARD : GTK_DIR_TAB_BACKWARD);
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

static gboolean
on_key_pressed (GtkEventControllerKey  *controller,
                guint                   keyval,
                guint                   keycode,
                GdkModifierType         state,
                TissageInterviewEditor *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  QuestionInput *input = input_holding (self, focus);
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();
  TissageQuestionKind kind;

  if (input == NULL)
    return FALSE;
  kind = tissage_grid_question_get_kind (input->question);

  /* Tab goes from one answer to the next, whatever its input. */
  if ((keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab || keyval == GDK_KEY_ISO_Left_Tab) &&
      (mods & ~GDK_SHIFT_MASK) == 0)
    {
      focus_next (self, input, keyval != GDK_KEY_ISO_Left_Tab && !(mods & GDK_SHIFT_MASK));
      return TRUE;
    }

  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter) && mods == GDK_CONTROL_MASK)
    {
      focus_next (self, input, TRUE);
      return TRUE;
    }

  /* Shift is how an AZERTY keyboard types digits, and Caps Lock may be on. */
  if ((mods & ~(GDK_SHIFT_MASK | GDK_LOCK_MASK)) != 0)
    return FALSE;

  /* A scale or a yes/no answers from the keyboard too. */
  if (kind == TISSAGE_QUESTION_SCALE && !GTK_IS_EDITABLE (focus) && !GTK_IS_TEXT_VIEW (focus))
    {
      guint value = scale_value_of_key (keyval);

      if (value >= 1 && value <= input->n_toggles)
        {
          GtkToggleButton *toggle = input->toggles[value - 1];

          gtk_toggle_button_set_active (toggle, TRUE);
          gtk_widget_grab_focus (GTK_WIDGET (toggle));
          return TRUE;
        }
    }
  keyval = gdk_keyval_to_lower (keyval);
  if (kind == TISSAGE_QUESTION_YES_NO &&
      (keyval == GDK_KEY_o || keyval == GDK_KEY_y || keyval == GDK_KEY_n))
    {
      GtkToggleButton *toggle = input->toggles[keyval == GDK_KEY_n ? 1 : 0];

      gtk_toggle_button_set_active (toggle, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (toggle));
      return TRUE;
    }

  return FALSE;
}

/* Keeping up with the document */

static gboolean
run_refresh (gpointer user_data)
{
  TissageInterviewEditor *self = user_data;
  guint flags = self->refresh_flags;

  self->refresh_id = 0;
  self->refresh_flags = 0;

  if (flags & REFRESH_CHOICES)
    self->choices_stale = TRUE;
  if (self->interview == NULL)
    return G_SOURCE_REMOVE;

  if (self->choices_stale)
    {
      rebuild_choices (self);
      load_fields (self);
    }
  if (flags & REFRESH_QUESTIONS)
    rebuild_questions (self);
  else
    {
      if (flags & REFRESH_ANSWERS)
        refresh_answers (self);
      if (flags & (REFRESH_VERBATIMS | REFRESH_ANSWERS))
        for (guint i = 0; i < self->inputs->len; i++)
          refresh_verbatims (g_ptr_array_index (self->inputs, i));
    }

  return G_SOURCE_REMOVE;
}

static void
queue_refresh (TissageInterviewEditor *self,
               guint                   flags)
{
  self->refresh_flags |= flags;
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 30, run_refresh, self, NULL);
}

static void
on_row_changed (TissageInterviewEditor *self,
                const char             *table,
                gint64                  id)
{
  if (self->interview == NULL)
    return;

  if (g_str_equal (table, "interviews"))
    {
      if (id != tissage_record_get_id (TISSAGE_RECORD (self->interview)))
        return;
      if (tissage_document_lookup (self->document, TISSAGE_TYPE_INTERVIEW, id) == NULL)
        tissage_interview_editor_set_interview (self, NULL);
      else
        {
          load_fields (self);
          update_progress (self);
        }
    }
  else if (g_str_equal (table, "answers"))
    queue_refresh (self, REFRESH_ANSWERS);
  else if (g_str_equal (table, "verbatims") || g_str_equal (table, "verbatim_tags"))
    queue_refresh (self, REFRESH_VERBATIMS);
  else if (g_str_equal (table, "grid_questions") || g_str_equal (table, "grid_sections"))
    queue_refresh (self, REFRESH_QUESTIONS);
  else if (g_str_equal (table, "stakeholders") || g_str_equal (table, "categories") ||
           g_str_equal (table, "structures"))
    queue_refresh (self, REFRESH_CHOICES);
  else if (g_str_equal (table, "grids") || g_str_equal (table, "effects"))
    {
      update_title (self);
      queue_refresh (self, REFRESH_VERBATIMS);
    }
}

/* The interview's fields */

static void
on_stakeholder_selected (TissageInterviewEditor *self)
{
  gint64 id = chosen_id (self->stakeholder_ids, gtk_drop_down_get_selected (self->stakeholder_drop_down));

  if (!can_edit (self) || id == tissage_interview_get_stakeholder_id (self->interview))
    return;
  save_int (self, "stakeholder-id", id, G_TYPE_INT64);
}

static void
on_pseudonym_changed (TissageInterviewEditor *self)
{
  if (can_edit (self))
    save_string (self, "pseudonym", gtk_editable_get_text (GTK_EDITABLE (self->pseudonym_row)));
}

static void
on_category_selected (TissageInterviewEditor *self)
{
  if (can_edit (self))
    save_int (self, "category-id", chosen_id (self->category_ids, adw_combo_row_get_selected (self->category_row)),
              G_TYPE_INT64);
}

static void
on_person_structure_selected (TissageInterviewEditor *self)
{
  if (can_edit (self))
    save_int (self, "person-structure-id",
              chosen_id (self->structure_ids, adw_combo_row_get_selected (self->person_structure_row)), G_TYPE_INT64);
}

static void
on_structure_selected (TissageInterviewEditor *self)
{
  if (can_edit (self))
    save_int (self, "structure-id", chosen_id (self->structure_ids, adw_combo_row_get_selected (self->structure_row)),
              G_TYPE_INT64);
}

static void
on_interviewer_changed (TissageInterviewEditor *self)
{
  if (can_edit (self))
    save_string (self, "interviewer", gtk_editable_get_text (GTK_EDITABLE (self->interviewer_row)));
}

static void
on_place_changed (TissageInterviewEditor *self)
{
  if (can_edit (self))
    save_string (self, "place", gtk_editable_get_text (GTK_EDITABLE (self->place_row)));
}

static void
on_notes_changed (TissageInterviewEditor *self)
{
  if (can_edit (self))
    save_string (self, "notes", gtk_editable_get_text (GTK_EDITABLE (self->notes_row)));
}

static void
on_date_changed (TissageInterviewEditor *self)
{
  /* Read when the field is left: "28/11/2" is not yet 28/11/2026. */
  if (can_edit (self))
    self->date_pending = TRUE;
}

static void
on_date_left (GtkWidget *row,
              gpointer   user_data)
{
  TissageInterviewEditor *self = user_data;
  g_autofree char *text = NULL;
  g_autofree char *iso = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *message = NULL;
  TissageDatePrecision precision = TISSAGE_DATE_NONE;

  if (!can_edit (self) || !self->date_pending)
    return;

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  if (*text != '\0')
    precision = tissage_read_date (text, &iso);

  if (*text == '\0' || precision == TISSAGE_DATE_DAY)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
      g_autofree char *shown = tissage_format_date (iso);

      self->date_pending = FALSE;
      tissage_field_clear_invalid (row);
      gtk_widget_remove_css_class (row, "warning");
      save_string (self, "date", iso ? iso : "");
      self->updating++;
      set_entry_text (ADW_ENTRY_ROW (row), shown);
      gtk_editable_set_position (GTK_EDITABLE (row), -1);
      self->updating--;

      /* Saved, since it may be planned; but a slip of the year is likelier. */
      if (iso != NULL && strcmp (iso, today) > 0)
        {
          g_autoptr(GError) warning = NULL;

          message = g_strdup_printf (_("The date %s is in the future: check it if the interview has already taken place."),
                                     shown);
          warning = g_error_new_literal (TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE, message);
          gtk_widget_add_css_class (row, "warning");
          gtk_widget_set_tooltip_text (row, message);
          tissage_widget_report_error (row, warning);
        }
      return;
    }

  kept = tissage_format_date (tissage_interview_get_date (self->interview));
  if (precision == TISSAGE_DATE_MONTH)
    message = g_strdup_printf (_("“%s” is a month: give the day too, for example 31/12/2025."), text);
  else if (*kept != '\0')
    message = g_strdup_printf (_("“%s” is not a date: write it as 31/12/2025 or 31 December 2025. The date %s is kept."),
                               text, kept);
  else
    message = g_strdup_printf (_("“%s” is not a date: write it as 31/12/2025 or 31 December 2025. Nothing was saved."),
                               text);
  tissage_field_show_invalid (row, message, TRUE);
}

static void
on_mode_selected (TissageInterviewEditor *self)
{
  if (can_edit (self))
    save_int (self, "mode", adw_combo_row_get_selected (self->mode_row), G_TYPE_INT);
}

static void
on_status_selected (TissageInterviewEditor *self)
{
  if (can_edit (self))
    save_int (self, "status", adw_combo_row_get_selected (self->status_row), G_TYPE_INT);
}

static void
on_consent_selected (TissageInterviewEditor *self)
{
  if (can_edit (self))
    save_int (self, "consent", adw_combo_row_get_selected (self->consent_row), G_TYPE_INT);
}

static void
mark_verbatim_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  tissage_interview_editor_mark_verbatim (TISSAGE_INTERVIEW_EDITOR (widget));
}

/* Bringing an answer into view */

static void
stop_reveal (TissageInterviewEditor *self)
{
  if (self->reveal_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->reveal_tick_id);
  self->reveal_tick_id = 0;
}

static QuestionInput *
input_for_question (TissageInterviewEditor *self,
                    gint64                  question_id)
{
  for (guint i = 0; i < self->inputs->len; i++)
    {
      QuestionInput *input = g_ptr_array_index (self->inputs, i);

      if (tissage_record_get_id (TISSAGE_RECORD (input->question)) == question_id)
        return input;
    }
  return NULL;
}

/* Where the line at @offset of @input's answer (or its input) lies in the
 * scrolled content; FALSE until laid out. */
static gboolean
reveal_position (TissageInterviewEditor *self,
                 QuestionInput          *input,
                 double                 *y)
{
  GtkWidget *target = input->text_view != NULL ? GTK_WIDGET (input->text_view) : input->box;
  GtkWidget *viewport = gtk_scrolled_window_get_child (self->scrolled);
  GtkWidget *content = viewport != NULL ? gtk_widget_get_first_child (viewport) : NULL;
  graphene_rect_t bounds;

  if (content == NULL || !gtk_widget_get_mapped (target) || gtk_widget_get_height (target) == 0 ||
      !gtk_widget_compute_bounds (target, content, &bounds))
    return FALSE;

  *y = bounds.origin.y;
  if (input->text_view != NULL && self->reveal_offset > 0)
    {
      GtkTextIter iter;
      GdkRectangle location;
      int wx, wy;

      gtk_text_buffer_get_iter_at_offset (input->buffer, &iter, self->reveal_offset);
      gtk_text_view_get_iter_location (input->text_view, &iter, &location);
      gtk_text_view_buffer_to_window_coords (input->text_view, GTK_TEXT_WINDOW_WIDGET,
                                             location.x, location.y, &wx, &wy);
      *y += wy;
    }
  return TRUE;
}

/* Scrolls the answer a third down the view at every frame until the
 * layout settles: the details fold away as another interview opens. */
static gboolean
reveal_tick (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  TissageInterviewEditor *self = TISSAGE_INTERVIEW_EDITOR (widget);
  QuestionInput *input = input_for_question (self, self->reveal_question_id);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled);
  double y, target;

  if (input == NULL || ++self->reveal_frames > 120)
    {
      self->reveal_tick_id = 0;
      return G_SOURCE_REMOVE;
    }
  if (!reveal_position (self, input, &y))
    return G_SOURCE_CONTINUE;

  target = MAX (0, y - gtk_adjustment_get_page_size (adjustment) / 3);
  gtk_adjustment_set_value (adjustment, target);
  if (fabs (target - self->reveal_target) < 0.5)
    self->reveal_stable++;
  else
    self->reveal_stable = 0;
  self->reveal_target = target;
  if (self->reveal_stable < 3)
    return G_SOURCE_CONTINUE;

  self->reveal_tick_id = 0;
  return G_SOURCE_REMOVE;
}

/* GObject */

static void
tissage_interview_editor_dispose (GObject *object)
{
  TissageInterviewEditor *self = TISSAGE_INTERVIEW_EDITOR (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  stop_reveal (self);
  g_clear_object (&self->document);
  g_clear_object (&self->interview);
  if (self->inputs != NULL)
    g_ptr_array_set_size (self->inputs, 0);

  gtk_widget_dispose_template (GTK_WIDGET (self), TISSAGE_TYPE_INTERVIEW_EDITOR);

  g_clear_pointer (&self->inputs, g_ptr_array_unref);
  g_clear_object (&self->stakeholder_names);
  g_clear_object (&self->category_names);
  g_clear_object (&self->structure_names);
  g_clear_pointer (&self->stakeholder_ids, g_array_unref);
  g_clear_pointer (&self->category_ids, g_array_unref);
  g_clear_pointer (&self->structure_ids, g_array_unref);

  G_OBJECT_CLASS (tissage_interview_editor_parent_class)->dispose (object);
}

static void
tissage_interview_editor_class_init (TissageInterviewEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tissage_interview_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/tissage-interview-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, TissageInterviewEditor, root_box);
  gtk_widget_class_bind_template_child (widget_class, TissageInterviewEditor, title_label);
  gtk_widget_class_bind_template_child (widget_class, TissageInterviewEditor, progress_label);
  gtk_widget_class_bind_template_child (widget_class, TissageInterviewEditor, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TissageInterviewEditor, scrolled);
  gtk_widget_class_bind_template_child (widget_class, TissageInterviewEditor, details_row);
  gtk_widget_class_bind_template_child (widget_class, TissageInterviewEditor, stakeholder_drop_down);
  gtk_widget_class_bind_template_child (widget_class, TissageInterviewEditor, pseudonym_row);
  gtk_widget_class_bind_template_child (widget_class, TissageInterviewEditor, category_row);
  gtk_widget_class_bind_template_child (widget_class, TissageInterviewEditor, person_structure_row);
  gtk_widget_class_bind_template_child (widget_class, TissageInterviewEditor, structure_row);
  gtk_widget_class_bind_template_child (widget_class, TissageInterviewEditor, interviewer_row);
  gtk_widget_class_bind_template_child (widget_class, TissageInterviewEditor, date_row);
  gtk_widget_class_bind_template_child (widget_class, TissageInterviewEditor, place_row);
  gtk_widget_class_bind_template_child (widget_class, TissageInterviewEditor, mode_row);
  gtk_widget_class_bind_template_child (widget_class, TissageInterviewEditor, consent_row);
  gtk_widget_class_bind_template_child (widget_class, TissageInterviewEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, TissageInterviewEditor, notes_row);
  gtk_widget_class_bind_template_child (widget_class, TissageInterviewEditor, questions_box);
  gtk_widget_class_bind_template_callback (widget_class, on_stakeholder_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_pseudonym_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_category_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_person_structure_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_structure_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_interviewer_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_date_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_place_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_mode_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_consent_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_status_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_notes_changed);

  gtk_widget_class_install_action (widget_class, "interview.mark-verbatim", NULL, mark_verbatim_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK, "interview.mark-verbatim", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "intervieweditor");
}

static void
tissage_interview_editor_init (TissageInterviewEditor *self)
{
  g_autoptr(GtkStringList) modes = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) consents = gtk_string_list_new (NULL);
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  tissage_editable_set_max_chars (GTK_EDITABLE (self->pseudonym_row), TISSAGE_NAME_MAX_CHARS);
  tissage_editable_set_max_chars (GTK_EDITABLE (self->interviewer_row), TISSAGE_NAME_MAX_CHARS);
  tissage_field_on_leave (GTK_WIDGET (self->date_row), on_date_left, self);

  self->inputs = g_ptr_array_new_with_free_func ((GDestroyNotify) question_input_free);
  self->stakeholder_names = gtk_string_list_new (NULL);
  self->category_names = gtk_string_list_new (NULL);
  self->structure_names = gtk_string_list_new (NULL);
  self->stakeholder_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->category_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->structure_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  self->updating++;
  gtk_drop_down_set_expression (self->stakeholder_drop_down,
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  gtk_drop_down_set_model (self->stakeholder_drop_down, G_LIST_MODEL (self->stakeholder_names));
  tissage_drop_down_set_ellipsized (self->stakeholder_drop_down, 24);
  adw_combo_row_set_model (self->category_row, G_LIST_MODEL (self->category_names));
  adw_combo_row_set_model (self->person_structure_row, G_LIST_MODEL (self->structure_names));
  adw_combo_row_set_model (self->structure_row, G_LIST_MODEL (self->structure_names));
  for (guint i = 0; i < TISSAGE_N_MODES; i++)
    gtk_string_list_append (modes, tissage_interview_mode_to_label (i));
  for (guint i = 0; i < TISSAGE_N_STATUSES; i++)
    gtk_string_list_append (statuses, tissage_interview_status_to_label (i));
  adw_combo_row_set_model (self->mode_row, G_LIST_MODEL (modes));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (statuses));
  for (guint i = 0; i < TISSAGE_N_CONSENTS; i++)
    gtk_string_list_append (consents, tissage_consent_to_label (i));
  adw_combo_row_set_model (self->consent_row, G_LIST_MODEL (consents));
  self->updating--;

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->questions_box), keys);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "interview.mark-verbatim", FALSE);
}

/* Public API */

GtkWidget *
tissage_interview_editor_new (void)
{
  return g_object_new (TISSAGE_TYPE_INTERVIEW_EDITOR, NULL);
}

void
tissage_interview_editor_set_document (TissageInterviewEditor *self,
                                       TissageDocument        *document)
{
  g_return_if_fail (TISSAGE_IS_INTERVIEW_EDITOR (self));
  g_return_if_fail (!document || TISSAGE_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  tissage_interview_editor_set_interview (self, NULL);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  if (document != NULL)
    g_signal_connect_object (document, "row-changed", G_CALLBACK (on_row_changed), self, G_CONNECT_SWAPPED);
  self->choices_stale = TRUE;
}

void
tissage_interview_editor_set_interview (TissageInterviewEditor *self,
                                        TissageInterview       *interview)
{
  guint answered = 0, total = 0;

  g_return_if_fail (TISSAGE_IS_INTERVIEW_EDITOR (self));
  g_return_if_fail (!interview || TISSAGE_IS_INTERVIEW (interview));
  g_return_if_fail (!interview || self->document != NULL);

  if (self->interview == interview)
    return;

  g_set_object (&self->interview, interview);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  stop_reveal (self);
  self->refresh_flags = 0;
  /* What was typed in the date was for the interview shown before. */
  self->date_pending = FALSE;
  tissage_field_clear_invalid (GTK_WIDGET (self->date_row));
  gtk_widget_remove_css_class (GTK_WIDGET (self->date_row), "warning");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "interview.mark-verbatim",
                                 interview != NULL && !tissage_document_get_read_only (self->document));
  tissage_widget_set_editable (self->root_box,
                               interview != NULL && !tissage_document_get_read_only (self->document));
  if (!reuse_questions (self))
    rebuild_questions (self);
  if (interview == NULL)
    return;

  if (self->choices_stale)
    rebuild_choices (self);
  load_fields (self);
  /* The details fold away once they are filled in. */
  tissage_document_get_progress (self->document, interview, &answered, &total);
  adw_expander_row_set_expanded (self->details_row, answered == 0);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled), 0);
}

TissageInterview *
tissage_interview_editor_get_interview (TissageInterviewEditor *self)
{
  g_return_val_if_fail (TISSAGE_IS_INTERVIEW_EDITOR (self), NULL);

  return self->interview;
}

GtkWidget *
tissage_interview_editor_get_input (TissageInterviewEditor *self,
                                    TissageGridQuestion    *question)
{
  g_return_val_if_fail (TISSAGE_IS_INTERVIEW_EDITOR (self), NULL);

  for (guint i = 0; i < self->inputs->len; i++)
    {
      QuestionInput *input = g_ptr_array_index (self->inputs, i);

      if (tissage_record_get_id (TISSAGE_RECORD (input->question)) ==
          tissage_record_get_id (TISSAGE_RECORD (question)))
        return input_focus_widget (input);
    }

  return NULL;
}

/**
 * tissage_interview_editor_reveal_answer:
 * @start: first character of the passage to select, or -1
 * @end: the character after it
 *
 * Scrolls to @question's answer and gives it the focus; in an open answer,
 * selects the characters from @start to @end, so a quote shows where it is.
 *
 * Returns: whether the interview shown asks @question
 */
gboolean
tissage_interview_editor_reveal_answer (TissageInterviewEditor *self,
                                        TissageGridQuestion    *question,
                                        int                     start,
                                        int                     end)
{
  QuestionInput *input;
  GtkWidget *focus;

  g_return_val_if_fail (TISSAGE_IS_INTERVIEW_EDITOR (self), FALSE);
  g_return_val_if_fail (TISSAGE_IS_GRID_QUESTION (question), FALSE);

  input = input_for_question (self, tissage_record_get_id (TISSAGE_RECORD (question)));
  if (input == NULL)
    return FALSE;

  focus = input_focus_widget (input);
  if (focus != NULL)
    gtk_widget_grab_focus (focus);
  self->reveal_offset = 0;
  if (input->buffer != NULL && start >= 0 && end >= start)
    {
      GtkTextIter from, to;

      gtk_text_buffer_get_iter_at_offset (input->buffer, &from, start);
      gtk_text_buffer_get_iter_at_offset (input->buffer, &to, end);
      gtk_text_buffer_select_range (input->buffer, &to, &from);
      self->reveal_offset = gtk_text_iter_get_offset (&from);
    }

  stop_reveal (self);
  self->reveal_question_id = tissage_record_get_id (TISSAGE_RECORD (question));
  self->reveal_target = -1;
  self->reveal_stable = 0;
  self->reveal_frames = 0;
  self->reveal_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), reveal_tick, NULL, NULL);
  return TRUE;
}

void
tissage_interview_editor_focus_first (TissageInterviewEditor *self)
{
  g_autoptr(GHashTable) answers = NULL;

  g_return_if_fail (TISSAGE_IS_INTERVIEW_EDITOR (self));

  if (self->interview == NULL)
    return;

  /* A new interview starts with who was met: the details are open at the top,
   * and what is typed must land where the eye is, not in a question below. */
  if (adw_expander_row_get_expanded (self->details_row) &&
      tissage_interview_get_stakeholder_id (self->interview) == 0 &&
      (tissage_interview_get_pseudonym (self->interview) == NULL ||
       *tissage_interview_get_pseudonym (self->interview) == '\0'))
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->pseudonym_row));
      return;
    }

  if (self->inputs->len == 0)
    return;

  answers = answers_by_question (self);
  for (guint i = 0; i < self->inputs->len; i++)
    {
      QuestionInput *input = g_ptr_array_index (self->inputs, i);
      gint64 id = tissage_record_get_id (TISSAGE_RECORD (input->question));

      if (!g_hash_table_contains (answers, &id) || i + 1 == self->inputs->len)
        {
          gtk_widget_grab_focus (input_focus_widget (input));
          return;
        }
    }
}

void
tissage_interview_editor_mark_verbatim (TissageInterviewEditor *self)
{
  GtkRoot *root;
  QuestionInput *input;

  g_return_if_fail (TISSAGE_IS_INTERVIEW_EDITOR (self));

  root = gtk_widget_get_root (GTK_WIDGET (self));
  input = input_holding (self, root ? gtk_root_get_focus (root) : NULL);
  if (input == NULL || input->buffer == NULL || !gtk_text_buffer_get_has_selection (input->buffer))
    {
      g_autoptr(GError) error = g_error_new_literal (TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                                                     _("Select words in an answer first, then mark them as a verbatim."));

      tissage_widget_report_error (GTK_WIDGET (self), error);
      return;
    }

  gtk_menu_button_popup (input->mark_button);
}

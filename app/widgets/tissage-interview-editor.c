/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-interviews"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tissage-interview-editor.h"
#include "tissage-question-input.h"
#include "tissage-referentiel.h"
#include "tissage-widget-utils.h"


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
   * are filled when the details of an interview are first open, then
   * after changes: their lists make rows as they change. */
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
  GPtrArray         *questions;       /* TissageGridQuestion shown, in the guide's order */
  GPtrArray         *inputs;          /* TissageQuestionInput made for the first of them */
  guint              n_ready;         /* the first inputs, bound to the interview and shown */
  guint              ready_tick_id;   /* the others, once the first frame is drawn */
  guint              ready_idle_id;
  GtkWidget         *empty_page;
  GHashTable        *answers;         /* question id → TissageAnswer of the interview */
  GHashTable        *verbatims;       /* answer id → GPtrArray of its TissageVerbatim */
  /* The stakeholders as the choices were last filled, and their names,
   * made as the list shows them: a project has thousands. The list does
   * not follow the document by itself, so that a stakeholder added or
   * removed never moves the choice under the user's eyes. */
  GListStore        *stakeholders;
  GHashTable        *stakeholder_positions; /* id → position in the choices */
  GtkMapListModel   *stakeholder_names;
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

/* The questions made before the page's first frame are those the view
 * shows, from the least height each kind of question takes; the others
 * follow a few at a time between events. */
#define READY_CHUNK     4
/* The view's height before it was first laid out: 1366×768 less the
 * headers. */
#define VIEW_HEIGHT     600
/* What lies above the first question: the margin and the details, folded
 * or open (about 50 pixels a field). */
#define DETAILS_FOLDED  70
#define DETAILS_OPEN    640
#define QUESTION_GAP    24

G_DEFINE_FINAL_TYPE (TissageInterviewEditor, tissage_interview_editor, GTK_TYPE_WIDGET)

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

static gpointer
name_of_stakeholder (gpointer item,
                     gpointer user_data)
{
  g_autoptr(TissageStakeholder) stakeholder = item;

  return gtk_string_object_new (tissage_stakeholder_get_name (stakeholder));
}

/* The stakeholder chosen: position 0 is “under a pseudonym”. */
static gint64
chosen_stakeholder (TissageInterviewEditor *self)
{
  GListModel *stakeholders = G_LIST_MODEL (self->stakeholders);
  guint selected = gtk_drop_down_get_selected (self->stakeholder_drop_down);
  g_autoptr(TissageRecord) record = NULL;

  if (selected == GTK_INVALID_LIST_POSITION || selected == 0 ||
      selected > g_list_model_get_n_items (stakeholders))
    return 0;
  record = g_list_model_get_item (stakeholders, selected - 1);
  return tissage_record_get_id (record);
}

static guint
position_of_stakeholder (TissageInterviewEditor *self,
                         gint64                  id)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->stakeholder_positions, &id));
}

static void
rebuild_choices (TissageInterviewEditor *self)
{
  GListModel *stakeholders = self->document ? tissage_document_get_stakeholders (self->document) : NULL;
  GListModel *categories = self->document ? tissage_document_get_categories (self->document) : NULL;
  GListModel *structures = self->document ? tissage_document_get_structures (self->document) : NULL;

  self->choices_stale = FALSE;
  self->updating++;
  {
    guint n = stakeholders ? g_list_model_get_n_items (stakeholders) : 0;
    g_autoptr(GPtrArray) items = g_ptr_array_new_full (n, g_object_unref);

    g_hash_table_remove_all (self->stakeholder_positions);
    for (guint i = 0; i < n; i++)
      {
        TissageRecord *record = g_list_model_get_item (stakeholders, i);
        gint64 *key = g_new (gint64, 1);

        *key = tissage_record_get_id (record);
        g_hash_table_insert (self->stakeholder_positions, key, GUINT_TO_POINTER (i + 1));
        g_ptr_array_add (items, record);
      }
    /* The names are made again as the list shows them: one may have changed. */
    g_list_store_splice (self->stakeholders, 0, g_list_model_get_n_items (G_LIST_MODEL (self->stakeholders)),
                         items->pdata, items->len);
  }
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
      tissage_widget_set_tooltip (GTK_WIDGET (self->title_label), title);
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
  gtk_drop_down_set_selected (self->stakeholder_drop_down, position_of_stakeholder (self, stakeholder_id));
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


/* The answers and verbatims of the interview shown, each read at once */

static void
read_answers (TissageInterviewEditor *self)
{
  g_autoptr(GPtrArray) list = NULL;

  g_hash_table_remove_all (self->answers);
  if (self->interview == NULL)
    return;

  list = tissage_document_list_answers (self->document, self->interview);
  for (guint i = 0; i < list->len; i++)
    {
      TissageAnswer *answer = g_ptr_array_index (list, i);
      gint64 *key = g_new (gint64, 1);

      *key = tissage_answer_get_question_id (answer);
      g_hash_table_insert (self->answers, key, g_object_ref (answer));
    }
}

static void
read_verbatims (TissageInterviewEditor *self)
{
  g_autoptr(GPtrArray) list = NULL;

  g_hash_table_remove_all (self->verbatims);
  if (self->interview == NULL)
    return;

  list = tissage_document_list_interview_verbatims (self->document, self->interview);
  for (guint i = 0; i < list->len; i++)
    {
      TissageVerbatim *verbatim = g_ptr_array_index (list, i);
      gint64 answer_id = tissage_verbatim_get_answer_id (verbatim);
      GPtrArray *of_answer = g_hash_table_lookup (self->verbatims, &answer_id);

      if (of_answer == NULL)
        {
          gint64 *key = g_new (gint64, 1);

          *key = answer_id;
          of_answer = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (self->verbatims, key, of_answer);
        }
      g_ptr_array_add (of_answer, g_object_ref (verbatim));
    }
}

static TissageAnswer *
answer_of (TissageInterviewEditor *self,
           TissageGridQuestion    *question)
{
  gint64 id = tissage_record_get_id (TISSAGE_RECORD (question));

  return g_hash_table_lookup (self->answers, &id);
}

static GPtrArray *
verbatims_of (TissageInterviewEditor *self,
              TissageAnswer          *answer)
{
  gint64 id;

  if (answer == NULL)
    return NULL;
  id = tissage_record_get_id (TISSAGE_RECORD (answer));
  return g_hash_table_lookup (self->verbatims, &id);
}

/* The questions */

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
      if (tissage_grid_question_get_retired (question) && !g_hash_table_contains (self->answers, &id))
        continue;
      g_ptr_array_add (questions, g_steal_pointer (&question));
    }
  g_ptr_array_sort_with_data (questions, compare_questions, self);
}

static void focus_next (TissageInterviewEditor *self, guint index, gboolean forward);

static void
on_input_saved (TissageInterviewEditor *self)
{
  update_progress (self);
}

static void
on_input_next (TissageInterviewEditor *self,
               TissageQuestionInput   *input)
{
  guint index;

  if (g_ptr_array_find (self->inputs, input, &index))
    focus_next (self, index, TRUE);
}

static void
on_verbatim_deleted (TissageInterviewEditor *self)
{
  tissage_widget_add_undo_toast (GTK_WIDGET (self), _("Verbatim deleted"));
}

static void
release_input (gpointer data)
{
  GtkWidget *input = data;
  GtkWidget *parent = gtk_widget_get_parent (input);

  g_signal_handlers_disconnect_matched (input, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, on_input_saved, NULL);
  g_signal_handlers_disconnect_matched (input, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, on_input_next, NULL);
  g_signal_handlers_disconnect_matched (input, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, on_verbatim_deleted, NULL);
  if (parent != NULL)
    gtk_box_remove (GTK_BOX (parent), input);
  g_object_unref (input);
}

/* Makes ready the next question: its input made if it was not yet, bound
 * to the interview shown, and shown. */
static void
ready_next (TissageInterviewEditor *self)
{
  guint i = self->n_ready;
  TissageGridQuestion *question = g_ptr_array_index (self->questions, i);
  TissageAnswer *answer = answer_of (self, question);
  TissageQuestionInput *input;

  if (i == self->inputs->len)
    {
      gint64 section = tissage_grid_question_get_section_id (question);

      input = tissage_question_input_new (self->document, question);
      if (i == 0 || tissage_grid_question_get_section_id (g_ptr_array_index (self->questions, i - 1)) != section)
        {
          TissageGridSection *record = tissage_document_lookup (self->document, TISSAGE_TYPE_GRID_SECTION, section);

          tissage_question_input_set_section (input, record ? tissage_grid_section_get_title (record) : NULL, i == 0);
        }
      g_signal_connect_swapped (input, "saved", G_CALLBACK (on_input_saved), self);
      g_signal_connect_swapped (input, "next", G_CALLBACK (on_input_next), self);
      g_signal_connect_swapped (input, "verbatim-deleted", G_CALLBACK (on_verbatim_deleted), self);
      g_ptr_array_add (self->inputs, g_object_ref_sink (input));
      gtk_box_append (self->questions_box, GTK_WIDGET (input));
    }

  input = g_ptr_array_index (self->inputs, i);
  tissage_question_input_bind (input, self->interview, answer, verbatims_of (self, answer));
  gtk_widget_set_visible (GTK_WIDGET (input), TRUE);
  self->n_ready++;
}

/* The least height @question takes on screen, in pixels, with @answer:
 * a heading, then its input. */
static int
least_height (TissageInterviewEditor *self,
              TissageGridQuestion    *question,
              TissageAnswer          *answer,
              gboolean                opens_section)
{
  const char *guidance = tissage_grid_question_get_guidance (question);
  GPtrArray *verbatims = verbatims_of (self, answer);
  int height = 24;

  if (opens_section)
    height += 40;
  if (guidance != NULL && *guidance != '\0')
    height += 18;
  switch (tissage_grid_question_get_kind (question))
    {
    case TISSAGE_QUESTION_OPEN:
      /* The text, the hint under it, a row for each verbatim */
      height += 108 + 56 * (verbatims ? (int) verbatims->len : 0);
      break;
    case TISSAGE_QUESTION_SINGLE:
    case TISSAGE_QUESTION_MULTIPLE:
      {
        g_auto(GStrv) choices = tissage_grid_question_dup_choices (question);

        height += 26 * (int) g_strv_length (choices);
      }
      break;
    case TISSAGE_QUESTION_SCALE:
    case TISSAGE_QUESTION_YES_NO:
    case TISSAGE_QUESTION_NUMBER:
    case TISSAGE_N_QUESTION_KINDS:
    default:
      height += 32;
      break;
    }
  return height;
}

/* How many questions from the top the view shows: those made before the
 * first frame. */
static guint
count_on_screen (TissageInterviewEditor *self)
{
  int view = gtk_widget_get_height (GTK_WIDGET (self->scrolled));
  int filled;
  guint n = 0;

  if (view <= 0)
    view = VIEW_HEIGHT;
  filled = adw_expander_row_get_expanded (self->details_row) ? DETAILS_OPEN : DETAILS_FOLDED;
  while (n < self->questions->len && filled < view)
    {
      TissageGridQuestion *question = g_ptr_array_index (self->questions, n);
      gboolean opens_section = n == 0 ||
        tissage_grid_question_get_section_id (g_ptr_array_index (self->questions, n - 1)) !=
        tissage_grid_question_get_section_id (question);

      filled += least_height (self, question, answer_of (self, question), opens_section) + QUESTION_GAP;
      n++;
    }
  return n;
}

/* Makes ready every question up to @index: before it takes the focus. */
static void
ensure_ready (TissageInterviewEditor *self,
              guint                   index)
{
  while (self->n_ready <= index && self->n_ready < self->questions->len)
    ready_next (self);
}

static gboolean
ready_more (gpointer user_data)
{
  TissageInterviewEditor *self = user_data;

  ensure_ready (self, self->n_ready + READY_CHUNK - 1);
  if (self->n_ready < self->questions->len)
    return G_SOURCE_CONTINUE;

  self->ready_idle_id = 0;
  return G_SOURCE_REMOVE;
}

/* Called as the first frame of the page begins: the questions below the
 * fold are made after it is drawn, a few at a time between events. */
static gboolean
ready_tick (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       user_data)
{
  TissageInterviewEditor *self = TISSAGE_INTERVIEW_EDITOR (widget);

  self->ready_tick_id = 0;
  if (self->ready_idle_id == 0 && self->n_ready < self->questions->len)
    self->ready_idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, ready_more, self, NULL);
  return G_SOURCE_REMOVE;
}

static void
stop_readying (TissageInterviewEditor *self)
{
  if (self->ready_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->ready_tick_id);
  self->ready_tick_id = 0;
  g_clear_handle_id (&self->ready_idle_id, g_source_remove);
}

/* The first screenful now, the rest after the first frame. */
static void
ready_questions (TissageInterviewEditor *self)
{
  guint on_screen;

  stop_readying (self);
  on_screen = count_on_screen (self);
  /* Those below stay hidden until bound to this interview; none saves
   * for the interview shown before as it loses the focus. */
  for (guint i = 0; i < self->inputs->len; i++)
    {
      tissage_question_input_unbind (g_ptr_array_index (self->inputs, i));
      if (i >= on_screen)
        gtk_widget_set_visible (g_ptr_array_index (self->inputs, i), FALSE);
    }
  self->n_ready = 0;
  if (on_screen > 0)
    ensure_ready (self, on_screen - 1);
  if (self->n_ready < self->questions->len)
    self->ready_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), ready_tick, NULL, NULL);
}

static void
clear_questions (TissageInterviewEditor *self)
{
  stop_readying (self);
  self->n_ready = 0;
  g_ptr_array_set_size (self->inputs, 0);
  g_ptr_array_set_size (self->questions, 0);
  if (self->empty_page != NULL)
    gtk_box_remove (self->questions_box, self->empty_page);
  self->empty_page = NULL;
}

/* Going from one interview to another of the same guide keeps the
 * questions' inputs and only binds them to the other's answers. */
static gboolean
reuse_questions (TissageInterviewEditor *self)
{
  g_autoptr(GPtrArray) questions = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->interview == NULL || self->questions->len == 0)
    return FALSE;

  collect_questions (self, questions);
  if (questions->len != self->questions->len)
    return FALSE;
  for (guint i = 0; i < questions->len; i++)
    if (g_ptr_array_index (self->questions, i) != g_ptr_array_index (questions, i))
      return FALSE;

  ready_questions (self);
  update_progress (self);
  return TRUE;
}

static void
rebuild_questions (TissageInterviewEditor *self)
{
  clear_questions (self);
  if (self->interview == NULL)
    return;

  collect_questions (self, self->questions);
  if (self->questions->len == 0)
    {
      self->empty_page = adw_status_page_new ();
      adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->empty_page), "view-list-bullet-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (self->empty_page), _("No Questions"));
      adw_status_page_set_description (ADW_STATUS_PAGE (self->empty_page),
                                       _("This interview guide has no question yet: write them in the guide first."));
      gtk_widget_add_css_class (self->empty_page, "compact");
      gtk_box_append (self->questions_box, self->empty_page);
    }

  ready_questions (self);
  update_progress (self);
}

/* The answers changed in the file: the questions made ready show them;
 * the others read them when they are made ready. */
static void
refresh_answers (TissageInterviewEditor *self,
                 gboolean                answers,
                 gboolean                verbatims)
{
  if (answers)
    read_answers (self);
  if (verbatims)
    read_verbatims (self);
  for (guint i = 0; i < self->n_ready; i++)
    {
      TissageQuestionInput *input = g_ptr_array_index (self->inputs, i);
      TissageAnswer *answer = answer_of (self, tissage_question_input_get_question (input));

      if (answers)
        tissage_question_input_show_answer (input, answer);
      if (verbatims)
        tissage_question_input_show_verbatims (input, verbatims_of (self, answer));
    }
  if (answers)
    update_progress (self);
}

/* Moving from question to question */

/* The question made ready whose input holds @widget, and its index. */
static TissageQuestionInput *
input_holding (TissageInterviewEditor *self,
               GtkWidget              *widget,
               guint                  *index)
{
  GtkWidget *input = widget ? gtk_widget_get_ancestor (widget, TISSAGE_TYPE_QUESTION_INPUT) : NULL;
  guint found;

  if (input == NULL || !g_ptr_array_find (self->inputs, input, &found) || found >= self->n_ready)
    return NULL;
  if (index != NULL)
    *index = found;
  return TISSAGE_QUESTION_INPUT (input);
}

/* Where @question is among those shown; FALSE if it is not. */
static gboolean
index_of_question (TissageInterviewEditor *self,
                   gint64                  question_id,
                   guint                  *index)
{
  for (guint i = 0; i < self->questions->len; i++)
    if (tissage_record_get_id (g_ptr_array_index (self->questions, i)) == question_id)
      {
        *index = i;
        return TRUE;
      }
  return FALSE;
}

static void
focus_next (TissageInterviewEditor *self,
            guint                   index,
            gboolean                forward)
{
  GtkWidget *target = NULL;

  if (forward && index + 1 < self->questions->len)
    {
      ensure_ready (self, index + 1);
      target = tissage_question_input_get_focus_widget (g_ptr_array_index (self->inputs, index + 1));
    }
  else if (!forward && index > 0 && index - 1 < self->n_ready)
    target = tissage_question_input_get_focus_widget (g_ptr_array_index (self->inputs, index - 1));

  if (target != NULL)
    gtk_widget_grab_focus (target);
  else
    gtk_widget_child_focus (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self))),
                            forward ? GTK_DIR_TAB_FORWARD : GTK_DIR_TAB_BACKWARD);
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
  guint index = 0;
  TissageQuestionInput *input = input_holding (self, focus, &index);
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();

  if (input == NULL)
    return FALSE;

  /* Tab goes from one answer to the next, whatever its input. */
  if ((keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab || keyval == GDK_KEY_ISO_Left_Tab) &&
      (mods & ~GDK_SHIFT_MASK) == 0)
    {
      focus_next (self, index, keyval != GDK_KEY_ISO_Left_Tab && !(mods & GDK_SHIFT_MASK));
      return TRUE;
    }

  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter) && mods == GDK_CONTROL_MASK)
    {
      focus_next (self, index, TRUE);
      return TRUE;
    }

  /* Shift is how an AZERTY keyboard types digits, and Caps Lock may be on. */
  if ((mods & ~(GDK_SHIFT_MASK | GDK_LOCK_MASK)) != 0)
    return FALSE;

  /* A scale or a yes/no answers from the keyboard too. */
  return tissage_question_input_answer_key (input, keyval, focus);
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

  if (self->choices_stale && adw_expander_row_get_expanded (self->details_row))
    {
      rebuild_choices (self);
      load_fields (self);
    }
  if (flags & REFRESH_QUESTIONS)
    {
      read_answers (self);
      read_verbatims (self);
      rebuild_questions (self);
    }
  else if (flags & (REFRESH_ANSWERS | REFRESH_VERBATIMS))
    refresh_answers (self, (flags & REFRESH_ANSWERS) != 0, TRUE);

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
  gint64 id = chosen_stakeholder (self);

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
  tissage_field_show_bad_date (row, text, precision == TISSAGE_DATE_MONTH, kept);
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
on_details_expanded (TissageInterviewEditor *self)
{
  if (self->interview == NULL || !self->choices_stale || !adw_expander_row_get_expanded (self->details_row))
    return;
  rebuild_choices (self);
  load_fields (self);
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

/* The input of the question of @question_id, if it is ready. */
static TissageQuestionInput *
input_for_question (TissageInterviewEditor *self,
                    gint64                  question_id)
{
  guint index;

  if (!index_of_question (self, question_id, &index) || index >= self->n_ready)
    return NULL;
  return g_ptr_array_index (self->inputs, index);
}

/* Where the line at @offset of @input's answer (or its input) lies in the
 * scrolled content; FALSE until laid out. */
static gboolean
reveal_position (TissageInterviewEditor *self,
                 TissageQuestionInput   *input,
                 double                 *y)
{
  GtkTextView *text_view = tissage_question_input_get_text_view (input);
  GtkWidget *target = text_view != NULL ? GTK_WIDGET (text_view) : GTK_WIDGET (input);
  GtkWidget *viewport = gtk_scrolled_window_get_child (self->scrolled);
  GtkWidget *content = viewport != NULL ? gtk_widget_get_first_child (viewport) : NULL;
  graphene_rect_t bounds;

  if (content == NULL || !gtk_widget_get_mapped (target) || gtk_widget_get_height (target) == 0 ||
      !gtk_widget_compute_bounds (target, content, &bounds))
    return FALSE;

  *y = bounds.origin.y;
  if (text_view != NULL && self->reveal_offset > 0)
    {
      GtkTextIter iter;
      GdkRectangle location;
      int wx, wy;

      gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (text_view), &iter, self->reveal_offset);
      gtk_text_view_get_iter_location (text_view, &iter, &location);
      gtk_text_view_buffer_to_window_coords (text_view, GTK_TEXT_WINDOW_WIDGET,
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
  TissageQuestionInput *input = input_for_question (self, self->reveal_question_id);
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
    clear_questions (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), TISSAGE_TYPE_INTERVIEW_EDITOR);

  g_clear_pointer (&self->inputs, g_ptr_array_unref);
  g_clear_pointer (&self->questions, g_ptr_array_unref);
  g_clear_pointer (&self->answers, g_hash_table_unref);
  g_clear_pointer (&self->verbatims, g_hash_table_unref);
  g_clear_object (&self->stakeholder_names);
  g_clear_object (&self->stakeholders);
  g_clear_pointer (&self->stakeholder_positions, g_hash_table_unref);
  g_clear_object (&self->category_names);
  g_clear_object (&self->structure_names);
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
  g_signal_connect_swapped (self->details_row, "notify::expanded", G_CALLBACK (on_details_expanded), self);

  self->inputs = g_ptr_array_new_with_free_func (release_input);
  self->questions = g_ptr_array_new_with_free_func (g_object_unref);
  self->answers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->verbatims = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  self->stakeholders = g_list_store_new (TISSAGE_TYPE_STAKEHOLDER);
  self->stakeholder_positions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->stakeholder_names = gtk_map_list_model_new (G_LIST_MODEL (g_object_ref (self->stakeholders)),
                                                    name_of_stakeholder, NULL, NULL);
  self->category_names = gtk_string_list_new (NULL);
  self->structure_names = gtk_string_list_new (NULL);
  self->category_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->structure_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  self->updating++;
  gtk_drop_down_set_expression (self->stakeholder_drop_down,
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  {
    const char * const none[] = { _("Under a pseudonym"), NULL };
    g_autoptr(GListStore) parts = g_list_store_new (G_TYPE_LIST_MODEL);
    g_autoptr(GtkStringList) pseudonym = gtk_string_list_new (none);
    g_autoptr(GtkFlattenListModel) choices = NULL;

    g_list_store_append (parts, pseudonym);
    g_list_store_append (parts, self->stakeholder_names);
    choices = gtk_flatten_list_model_new (G_LIST_MODEL (g_steal_pointer (&parts)));
    gtk_drop_down_set_model (self->stakeholder_drop_down, G_LIST_MODEL (choices));
  }
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
  read_answers (self);
  read_verbatims (self);
  self->refresh_flags = 0;
  /* What was typed in the date was for the interview shown before. */
  self->date_pending = FALSE;
  tissage_field_clear_invalid (GTK_WIDGET (self->date_row));
  gtk_widget_remove_css_class (GTK_WIDGET (self->date_row), "warning");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "interview.mark-verbatim",
                                 interview != NULL && !tissage_document_get_read_only (self->document));
  tissage_widget_set_editable (self->root_box,
                               interview != NULL && !tissage_document_get_read_only (self->document));
  /* The details fold away once they are filled in; before the questions
   * are made, which are as many as the view shows below them. */
  if (interview != NULL)
    {
      tissage_document_get_progress (self->document, interview, &answered, &total);
      adw_expander_row_set_expanded (self->details_row, answered == 0);
    }
  if (!reuse_questions (self))
    rebuild_questions (self);
  if (interview == NULL)
    return;

  if (self->choices_stale && adw_expander_row_get_expanded (self->details_row))
    rebuild_choices (self);
  load_fields (self);
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
  guint index;

  g_return_val_if_fail (TISSAGE_IS_INTERVIEW_EDITOR (self), NULL);

  if (!index_of_question (self, tissage_record_get_id (TISSAGE_RECORD (question)), &index))
    return NULL;
  ensure_ready (self, index);
  return tissage_question_input_get_focus_widget (g_ptr_array_index (self->inputs, index));
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
  TissageQuestionInput *input;
  GtkTextView *text_view;
  GtkWidget *focus;
  guint index;

  g_return_val_if_fail (TISSAGE_IS_INTERVIEW_EDITOR (self), FALSE);
  g_return_val_if_fail (TISSAGE_IS_GRID_QUESTION (question), FALSE);

  if (!index_of_question (self, tissage_record_get_id (TISSAGE_RECORD (question)), &index))
    return FALSE;
  ensure_ready (self, index);
  input = g_ptr_array_index (self->inputs, index);

  focus = tissage_question_input_get_focus_widget (input);
  if (focus != NULL)
    gtk_widget_grab_focus (focus);
  self->reveal_offset = 0;
  text_view = tissage_question_input_get_text_view (input);
  if (text_view != NULL && start >= 0 && end >= start)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
      GtkTextIter from, to;

      gtk_text_buffer_get_iter_at_offset (buffer, &from, start);
      gtk_text_buffer_get_iter_at_offset (buffer, &to, end);
      gtk_text_buffer_select_range (buffer, &to, &from);
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

  for (guint i = 0; i < self->questions->len; i++)
    if (answer_of (self, g_ptr_array_index (self->questions, i)) == NULL || i + 1 == self->questions->len)
      {
        GtkWidget *focus;

        ensure_ready (self, i);
        focus = tissage_question_input_get_focus_widget (g_ptr_array_index (self->inputs, i));
        if (focus != NULL)
          gtk_widget_grab_focus (focus);
        return;
      }
}

void
tissage_interview_editor_mark_verbatim (TissageInterviewEditor *self)
{
  GtkRoot *root;
  TissageQuestionInput *input;

  g_return_if_fail (TISSAGE_IS_INTERVIEW_EDITOR (self));

  root = gtk_widget_get_root (GTK_WIDGET (self));
  input = input_holding (self, root ? gtk_root_get_focus (root) : NULL, NULL);
  if (input == NULL || !tissage_question_input_mark_verbatim (input))
    {
      g_autoptr(GError) error = g_error_new_literal (TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                                                     _("Select words in an answer first, then mark them as a verbatim."));

      tissage_widget_report_error (GTK_WIDGET (self), error);
    }
}

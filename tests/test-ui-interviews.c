/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tissage-interview-editor.h"
#include "tissage-interviews-page.h"
#include "tissage-interviews.h"
#include "tissage-question-input.h"
#include "tissage-referentiel.h"
#include "tissage-list-row.h"
#include "tissage-verbatim-browser.h"
#include "tissage-ui-test-utils.h"

typedef struct {
  TissageGrid         *grid;
  TissageGridQuestion *questions[TISSAGE_N_QUESTION_KINDS];
  TissageEffect       *effect;
} Guide;

static void
guide_clear (Guide *guide)
{
  g_clear_object (&guide->grid);
  for (guint i = 0; i < TISSAGE_N_QUESTION_KINDS; i++)
    g_clear_object (&guide->questions[i]);
  g_clear_object (&guide->effect);
}

/* A guide with one question of each kind, one section, and an effect. */
static void
make_guide (TissageDocument *document,
            Guide           *guide)
{
  static const char * const texts[] = {
    "Qu’est-ce qui a changé pour vous ?",
    "Vous sentez-vous plus en confiance ?",
    "Avez-vous retrouvé un emploi ?",
    "Comment avez-vous connu l’association ?",
    "Quels ateliers avez-vous suivis ?",
    "Combien de rendez-vous avez-vous eus ?",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageGridSection) section = NULL;
  g_autoptr(TissageStake) stake = NULL;
  g_autoptr(TissageEvalQuestion) eval = NULL;
  g_autoptr(TissageQuestionEffect) link = NULL;

  guide->grid = tissage_document_insert (document, TISSAGE_TYPE_GRID, &error, "title", "Bénéficiaires", NULL);
  g_assert_no_error (error);
  section = tissage_document_insert (document, TISSAGE_TYPE_GRID_SECTION, &error,
                                     "grid-id", tissage_record_get_id (TISSAGE_RECORD (guide->grid)),
                                     "title", "Parcours", NULL);
  g_assert_no_error (error);

  for (guint kind = 0; kind < TISSAGE_N_QUESTION_KINDS; kind++)
    {
      guide->questions[kind] =
        tissage_document_insert (document, TISSAGE_TYPE_GRID_QUESTION, &error,
                                 "grid-id", tissage_record_get_id (TISSAGE_RECORD (guide->grid)),
                                 "section-id", tissage_record_get_id (TISSAGE_RECORD (section)),
                                 "kind", (int) kind,
                                 "text", texts[kind],
                                 "guidance", kind == TISSAGE_QUESTION_OPEN ? "Relancer sur la vie quotidienne." : "",
                                 "scale-min-label", "Pas du tout",
                                 "scale-max-label", "Tout à fait",
                                 "choices", kind == TISSAGE_QUESTION_SINGLE ? "Bouche-à-oreille\nPôle emploi\nMairie"
                                          : kind == TISSAGE_QUESTION_MULTIPLE ? "CV\nEntretien\nNumérique" : "",
                                 "position", (int) kind,
                                 NULL);
      g_assert_no_error (error);
    }

  stake = tissage_document_insert (document, TISSAGE_TYPE_STAKE, &error, "title", "Emploi", NULL);
  g_assert_no_error (error);
  eval = tissage_document_insert (document, TISSAGE_TYPE_EVAL_QUESTION, &error,
                                  "stake-id", tissage_record_get_id (TISSAGE_RECORD (stake)),
                                  "title", "Le retour à l’emploi progresse-t-il ?", NULL);
  g_assert_no_error (error);
  guide->effect = tissage_document_insert (document, TISSAGE_TYPE_EFFECT, &error,
                                           "question-id", tissage_record_get_id (TISSAGE_RECORD (eval)),
                                           "title", "Confiance en soi retrouvée", NULL);
  g_assert_no_error (error);
  link = tissage_document_insert (document, TISSAGE_TYPE_QUESTION_EFFECT, &error,
                                  "question-id", tissage_record_get_id (TISSAGE_RECORD (guide->questions[0])),
                                  "effect-id", tissage_record_get_id (TISSAGE_RECORD (guide->effect)), NULL);
  g_assert_no_error (error);
}

/* Presses a key where the keyboard focus is, through the editor's own handler. */
static gboolean
press_key (TissageInterviewEditor *editor,
           guint                   keyval,
           GdkModifierType         state)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (editor));
  GtkWidget *focus = gtk_root_get_focus (root);

  for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (w);

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
          gboolean handled = FALSE;

          if (GTK_IS_EVENT_CONTROLLER_KEY (controller) &&
              gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE &&
              gtk_widget_is_ancestor (w, GTK_WIDGET (editor)))
            {
              g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
              wait_frames (2);
              return handled;
            }
        }
    }

  return FALSE;
}

/* Whether the keyboard focus is in @widget (an entry gives it to its text). */
static gboolean
holds_focus (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static char *
answer_display (TissageDocument     *document,
                TissageInterview    *interview,
                TissageGridQuestion *question)
{
  g_autoptr(TissageAnswer) answer = tissage_document_get_answer (document, interview, question);

  return answer ? tissage_answer_dup_display (answer, question) : NULL;
}

static char *
progress_text (guint answered,
               guint total)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u question of %u", "%u questions of %u", answered),
                          answered, total);
}

static char *
without_mnemonic (const char *label)
{
  g_autoptr(GString) text = g_string_new (label);

  g_string_replace (text, "_", "", 0);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  g_autofree char *text = without_mnemonic (label);
  GtkWidget *found = find_label (widget, text);

  return found ? gtk_widget_get_ancestor (found, GTK_TYPE_BUTTON) : NULL;
}

/* A text view, by the name a screen reader gives it. */
static gboolean
is_text_view_named (GtkWidget     *widget,
                    gconstpointer  name)
{
  return GTK_IS_TEXT_VIEW (widget) && has_accessible_name (widget, name);
}

typedef struct {
  GtkWidget  *root;
  const char *title;
  const char *caption;
} RowShows;

/* A list row titled @title shows @caption (its progress). */
static gboolean
row_shows (gpointer data)
{
  RowShows *shows = data;
  GtkWidget *row = find_widget (shows->root, is_list_row_titled, shows->title);

  return row != NULL && g_strcmp0 (tissage_list_row_get_caption (TISSAGE_LIST_ROW (row)), shows->caption) == 0;
}

static void
test_type_interview (void)
{
  g_autoptr(GFile) file = new_project ("entretiens.tissage");
  TissageWindow *window = open_window (file);
  TissageDocument *document = tissage_window_get_document (window);
  TissageInterviewsPage *page = TISSAGE_INTERVIEWS_PAGE (tissage_window_get_interviews_page (window));
  TissageInterviewEditor *editor = TISSAGE_INTERVIEW_EDITOR (tissage_interviews_page_get_editor (page));
  GListModel *interviews = tissage_document_get_records (document, TISSAGE_TYPE_INTERVIEW);
  GtkDropDown *status_filter;
  TissageInterview *interview;
  GtkWidget *input;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *progress = NULL;
  g_autoptr(GPtrArray) verbatims = NULL;
  g_autoptr(TissageAnswer) open_answer = NULL;
  g_autoptr(GArray) tagged = NULL;
  Guide guide = { 0, };
  const char *typed = "J’ai repris confiance en moi.";
  AdwMessageDialog *dialog;

  tissage_window_show_section (window, "interviews");
  wait_frames (5);

  /* Without a guide, the page says to write one first. */
  g_assert_nonnull (find_label (GTK_WIDGET (page), _("Write an interview guide first, then type up your first interview.")));
  save_screenshot (GTK_WIDGET (window), "interviews-no-guide.png");

  make_guide (document, &guide);
  wait_frames (5);
  g_assert_nonnull (find_button (GTK_WIDGET (page), _("_Add an Interview")));

  /* The action creates an interview dated today and opens it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-interview", NULL));
  wait_frames (10);
  g_assert_cmpuint (g_list_model_get_n_items (interviews), ==, 1);
  interview = tissage_interviews_page_get_selected (page);
  g_assert_nonnull (interview);
  g_assert_true (tissage_interview_editor_get_interview (editor) == interview);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

    g_assert_cmpstr (tissage_interview_get_date (interview), ==, today);
  }
  progress = progress_text (0, TISSAGE_N_QUESTION_KINDS);
  g_assert_nonnull (find_label (GTK_WIDGET (editor), progress));

  /* The details are open at the top: the pseudonym has the keyboard, so what
   * is typed first shows where the eye is, not in a question out of sight. */
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
    GtkWidget *row = focus ? gtk_widget_get_ancestor (focus, ADW_TYPE_ENTRY_ROW) : NULL;

    g_assert_nonnull (row);
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, _("Pseudonym"));
    gtk_editable_set_text (GTK_EDITABLE (row), "Mme R.");
    wait_frames (2);
    g_assert_cmpstr (tissage_interview_get_pseudonym (interview), ==, "Mme R.");
    g_assert_null (tissage_document_get_answer (document, interview, guide.questions[TISSAGE_QUESTION_OPEN]));
  }

  /* In the first question, each character is saved as typed. */
  input = tissage_interview_editor_get_input (editor, guide.questions[TISSAGE_QUESTION_OPEN]);
  g_assert_true (GTK_IS_TEXT_VIEW (input));
  gtk_widget_grab_focus (input);
  g_assert_true (holds_focus (input));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (input));
  for (const char *p = typed; *p != '\0'; p = g_utf8_next_char (p))
    {
      g_autofree char *saved = NULL;
      g_autofree char *expected = g_strndup (typed, g_utf8_next_char (p) - typed);

      gtk_text_buffer_insert_interactive_at_cursor (buffer, p, g_utf8_next_char (p) - p, TRUE);
      saved = answer_display (document, interview, guide.questions[TISSAGE_QUESTION_OPEN]);
      g_assert_cmpstr (saved, ==, expected);
    }
  wait_frames (3);
  g_clear_pointer (&progress, g_free);
  progress = progress_text (1, TISSAGE_N_QUESTION_KINDS);
  g_assert_nonnull (find_label (GTK_WIDGET (editor), progress));
  /* Its row in the list, drawn, counts the answer too. */
  {
    g_autofree char *counted = g_strdup_printf ("%u/%u", 1, TISSAGE_N_QUESTION_KINDS);
    RowShows shows = { GTK_WIDGET (page), "Mme R.", counted };

    wait_until (row_shows, &shows, 5000);
    g_assert_true (row_shows (&shows));
  }
  /* The first answer starts the interview. */
  g_assert_cmpint (tissage_interview_get_status (interview), ==, TISSAGE_STATUS_IN_PROGRESS);

  /* Tab goes to the scale; 4 answers it. */
  g_assert_true (press_key (editor, GDK_KEY_Tab, 0));
  input = tissage_interview_editor_get_input (editor, guide.questions[TISSAGE_QUESTION_SCALE]);
  g_assert_true (holds_focus (input));
  g_assert_true (press_key (editor, GDK_KEY_4, 0));
  {
    g_autofree char *saved = answer_display (document, interview, guide.questions[TISSAGE_QUESTION_SCALE]);
    g_assert_cmpstr (saved, ==, "4");
  }
  /* On a French AZERTY keyboard, digits come with Shift (or Caps Lock), and
   * the same keys unshifted give & é " ' (: both answer, so does the keypad. */
  {
    static const struct {
      guint           keyval;
      GdkModifierType state;
      const char     *expected;
    } keys[] = {
      { GDK_KEY_2, GDK_SHIFT_MASK, "2" },
      { GDK_KEY_3, GDK_LOCK_MASK, "3" },
      { GDK_KEY_ampersand, 0, "1" },
      { GDK_KEY_eacute, 0, "2" },
      { GDK_KEY_quotedbl, 0, "3" },
      { GDK_KEY_parenleft, 0, "5" },
      { GDK_KEY_KP_1, 0, "1" },
      { GDK_KEY_apostrophe, 0, "4" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
      {
        g_autofree char *saved = NULL;

        g_assert_true (press_key (editor, keys[i].keyval, keys[i].state));
        saved = answer_display (document, interview, guide.questions[TISSAGE_QUESTION_SCALE]);
        g_assert_cmpstr (saved, ==, keys[i].expected);
        g_assert_true (holds_focus (gtk_widget_get_parent (input)));
      }
    /* Ctrl+1 is not an answer. */
    g_assert_false (press_key (editor, GDK_KEY_1, GDK_CONTROL_MASK));
  }
  /* Shift+Tab goes back, and Tab forward again. */
  g_assert_true (press_key (editor, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK));
  g_assert_true (holds_focus (tissage_interview_editor_get_input (editor, guide.questions[TISSAGE_QUESTION_OPEN])));
  g_assert_true (press_key (editor, GDK_KEY_Tab, 0));
  g_assert_true (press_key (editor, GDK_KEY_Tab, 0));

  /* Yes/no: “o” for oui. */
  input = tissage_interview_editor_get_input (editor, guide.questions[TISSAGE_QUESTION_YES_NO]);
  g_assert_true (holds_focus (input));
  g_assert_true (press_key (editor, GDK_KEY_o, 0));
  {
    g_autofree char *saved = answer_display (document, interview, guide.questions[TISSAGE_QUESTION_YES_NO]);
    g_assert_cmpstr (saved, ==, _("Yes"));
  }

  /* Single choice, then multiple choice. */
  g_assert_true (press_key (editor, GDK_KEY_Tab, 0));
  input = tissage_interview_editor_get_input (editor, guide.questions[TISSAGE_QUESTION_SINGLE]);
  g_assert_true (holds_focus (input));
  {
    GtkWidget *second = gtk_widget_get_next_sibling (input);
    g_autofree char *saved = NULL;

    gtk_widget_activate (second);
    wait_frames (2);
    saved = answer_display (document, interview, guide.questions[TISSAGE_QUESTION_SINGLE]);
    g_assert_cmpstr (saved, ==, "Pôle emploi");
  }
  g_assert_true (press_key (editor, GDK_KEY_Tab, 0));
  input = tissage_interview_editor_get_input (editor, guide.questions[TISSAGE_QUESTION_MULTIPLE]);
  g_assert_true (holds_focus (input));
  {
    g_autofree char *saved = NULL;

    gtk_widget_activate (input);
    gtk_widget_activate (gtk_widget_get_last_child (gtk_widget_get_parent (input)));
    wait_frames (2);
    saved = answer_display (document, interview, guide.questions[TISSAGE_QUESTION_MULTIPLE]);
    g_assert_cmpstr (saved, ==, "CV ; Numérique");
  }

  /* A number in French; a word is refused, stays on screen, and says why. */
  g_assert_true (press_key (editor, GDK_KEY_Tab, 0));
  input = tissage_interview_editor_get_input (editor, guide.questions[TISSAGE_QUESTION_NUMBER]);
  g_assert_true (GTK_IS_ENTRY (input));
  g_assert_true (holds_focus (input));
  gtk_editable_set_text (GTK_EDITABLE (input), "12,5");
  wait_frames (2);
  {
    g_autoptr(TissageAnswer) answer = tissage_document_get_answer (document, interview,
                                                                   guide.questions[TISSAGE_QUESTION_NUMBER]);
    g_assert_cmpfloat (tissage_answer_get_number (answer), ==, 12.5);
  }
  {
    int position = -1;

    gtk_editable_insert_text (GTK_EDITABLE (input), " heures", -1, &position);
  }
  wait_frames (5);
  g_assert_true (gtk_widget_has_css_class (input, "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (input)), ==, "12,5 heures");
  g_assert_nonnull (gtk_widget_get_tooltip_text (input));
  {
    g_autoptr(TissageAnswer) answer = tissage_document_get_answer (document, interview,
                                                                   guide.questions[TISSAGE_QUESTION_NUMBER]);
    g_assert_cmpfloat (tissage_answer_get_number (answer), ==, 12.5);
  }
  save_screenshot (GTK_WIDGET (window), "interviews-number-error.png");
  gtk_editable_set_text (GTK_EDITABLE (input), "13");
  wait_frames (3);
  g_assert_false (gtk_widget_has_css_class (input, "error"));
  g_clear_pointer (&progress, g_free);
  progress = progress_text (TISSAGE_N_QUESTION_KINDS, TISSAGE_N_QUESTION_KINDS);
  g_assert_nonnull (find_label (GTK_WIDGET (editor), progress));

  /* Enter in the last input leaves the questions without losing anything. */
  g_signal_emit_by_name (input, "activate");
  wait_frames (2);
  g_assert_false (holds_focus (input));

  /* Select “confiance”, Ctrl+M, tag it with the effect, mark it. */
  input = tissage_interview_editor_get_input (editor, guide.questions[TISSAGE_QUESTION_OPEN]);
  gtk_widget_grab_focus (input);
  gtk_text_buffer_get_iter_at_offset (buffer, &start, 12);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, 21);
  gtk_text_buffer_select_range (buffer, &start, &end);
  wait_frames (2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "interview.mark-verbatim", NULL));
  wait_frames (10);
  {
    GtkWidget *mark = find_button (GTK_WIDGET (editor), _("_Mark"));
    GtkWidget *effect = find_label (GTK_WIDGET (editor), "Confiance en soi retrouvée");
    GtkWidget *positive = find_button (GTK_WIDGET (editor), tissage_tone_to_label (TISSAGE_TONE_POSITIVE));

    g_assert_nonnull (mark);
    g_assert_nonnull (effect);
    g_assert_nonnull (positive);
    save_screenshot (GTK_WIDGET (window), "interviews-mark-verbatim.png");
    gtk_check_button_set_active (GTK_CHECK_BUTTON (gtk_widget_get_ancestor (effect, GTK_TYPE_CHECK_BUTTON)), TRUE);
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (positive), TRUE);
    g_signal_emit_by_name (mark, "clicked");
  }
  wait_frames (10);
  open_answer = tissage_document_get_answer (document, interview, guide.questions[TISSAGE_QUESTION_OPEN]);
  verbatims = tissage_document_list_answer_verbatims (document, open_answer);
  g_assert_cmpuint (verbatims->len, ==, 1);
  g_assert_cmpstr (tissage_verbatim_get_quote (g_ptr_array_index (verbatims, 0)), ==, "confiance");
  g_assert_cmpint (tissage_verbatim_get_tone (g_ptr_array_index (verbatims, 0)), ==, TISSAGE_TONE_POSITIVE);
  tagged = tissage_document_dup_verbatim_effects (document, g_ptr_array_index (verbatims, 0));
  g_assert_cmpuint (tagged->len, ==, 1);
  g_assert_cmpint (g_array_index (tagged, gint64, 0), ==, tissage_record_get_id (TISSAGE_RECORD (guide.effect)));
  {
    GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "verbatim");
    GtkTextIter iter;

    gtk_text_buffer_get_iter_at_offset (buffer, &iter, 12);
    g_assert_true (gtk_text_iter_has_tag (&iter, tag));
    gtk_text_buffer_get_iter_at_offset (buffer, &iter, 3);
    g_assert_false (gtk_text_iter_has_tag (&iter, tag));

    /* Typing before the quote: the highlight follows its words. */
    gtk_text_buffer_get_start_iter (buffer, &iter);
    gtk_text_buffer_place_cursor (buffer, &iter);
    gtk_text_buffer_insert_interactive_at_cursor (buffer, "Oui. ", -1, TRUE);
    wait_frames (5);
    gtk_text_buffer_get_iter_at_offset (buffer, &iter, 17);
    g_assert_true (gtk_text_iter_has_tag (&iter, tag));
    gtk_text_buffer_get_iter_at_offset (buffer, &iter, 12);
    g_assert_false (gtk_text_iter_has_tag (&iter, tag));
    /* The caret stays where the user typed. */
    gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
    g_assert_cmpint (gtk_text_iter_get_offset (&iter), ==, 5);
  }
  {
    g_autofree char *shown = g_strdup_printf (_("“%s”"), "confiance");

    g_assert_nonnull (find_label (GTK_WIDGET (editor), shown));
  }
  save_screenshot (GTK_WIDGET (window), "interviews-entry.png");

  /* Every question answered: the interview is done. Filters: by status,
   * then by words of the answers. */
  g_assert_cmpint (tissage_interview_get_status (interview), ==, TISSAGE_STATUS_DONE);
  status_filter = GTK_DROP_DOWN (gtk_widget_get_template_child (GTK_WIDGET (page), TISSAGE_TYPE_INTERVIEWS_PAGE,
                                                                "status_filter"));
  gtk_drop_down_set_selected (status_filter, 1 + TISSAGE_STATUS_IN_PROGRESS);
  wait_frames (3);
  g_assert_cmpuint (g_list_model_get_n_items (tissage_interviews_page_get_shown (page)), ==, 0);
  g_assert_nonnull (find_label (GTK_WIDGET (page), _("No interview matches this search and these filters.")));
  gtk_drop_down_set_selected (status_filter, 1 + TISSAGE_STATUS_DONE);
  wait_frames (3);
  g_assert_cmpuint (g_list_model_get_n_items (tissage_interviews_page_get_shown (page)), ==, 1);
  gtk_drop_down_set_selected (status_filter, 0);

  tissage_window_show_section (window, "interviews");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  wait_frames (2);
  {
    GtkWidget *search = gtk_root_get_focus (GTK_ROOT (window));

    g_assert_true (GTK_IS_TEXT (search) || GTK_IS_SEARCH_ENTRY (search));
    search = gtk_widget_get_ancestor (search, GTK_TYPE_SEARCH_ENTRY);
    g_assert_nonnull (search);
    gtk_editable_set_text (GTK_EDITABLE (search), "chomage");
    wait_frames (20);
    g_assert_cmpuint (g_list_model_get_n_items (tissage_interviews_page_get_shown (page)), ==, 0);
    gtk_editable_set_text (GTK_EDITABLE (search), "CONFIANCE");
    wait_frames (20);
    g_assert_cmpuint (g_list_model_get_n_items (tissage_interviews_page_get_shown (page)), ==, 1);
    gtk_editable_set_text (GTK_EDITABLE (search), "");
    wait_frames (20);
  }

  /* Deleting says what goes with it, and undoes. */
  tissage_interviews_page_select (page, interview);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-interview", NULL));
  wait_frames (5);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  {
    g_autofree char *answers = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Its %u answer will be deleted too.",
                                                             "Its %u answers will be deleted too.", 6), 6);

    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), answers));
  }
  adw_message_dialog_response (dialog, "delete");
  wait_frames (5);
  g_assert_cmpuint (g_list_model_get_n_items (interviews), ==, 0);
  g_assert_null (tissage_interview_editor_get_interview (editor));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  wait_frames (5);
  g_assert_cmpuint (g_list_model_get_n_items (interviews), ==, 1);
  interview = g_list_model_get_item (interviews, 0);
  {
    g_autoptr(TissageInterview) restored = interview;
    g_autoptr(GPtrArray) answers = tissage_document_list_answers (document, restored);

    g_assert_cmpuint (answers->len, ==, 6);
  }

  guide_clear (&guide);
  close_window (window);
}

static char *
interview_date (TissageInterview *interview)
{
  return g_strdup (tissage_interview_get_date (interview));
}

/* The interview's date and a number answer, typed key by key: the date is
 * read once the field is left (28/11/2 is not 2002), written the French
 * ways, refused with a reason, and flagged when in the future; a word
 * keeps the number. */
/* Consent has three states, "not recorded" first, as a new interview
 * has it; the choice is saved and undone like any edit. */
static void
test_consent (void)
{
  g_autoptr(GFile) file = new_project ("consentement.tissage");
  TissageWindow *window = open_window (file);
  TissageDocument *document = tissage_window_get_document (window);
  TissageInterviewsPage *page = TISSAGE_INTERVIEWS_PAGE (tissage_window_get_interviews_page (window));
  TissageInterviewEditor *editor = TISSAGE_INTERVIEW_EDITOR (tissage_interviews_page_get_editor (page));
  static const char * const shown[] = { "Non renseigné", "Recueilli", "Refusé" };
  AdwComboRow *row;
  GListModel *states;
  TissageInterview *interview;
  Guide guide = { 0, };
  int consent = -1;

  tissage_window_show_section (window, "interviews");
  make_guide (document, &guide);
  wait_frames (5);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-interview", NULL));
  wait_frames (10);
  interview = tissage_interviews_page_get_selected (page);
  g_assert_nonnull (interview);

  row = ADW_COMBO_ROW (gtk_widget_get_template_child (GTK_WIDGET (editor), TISSAGE_TYPE_INTERVIEW_EDITOR, "consent_row"));
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Consentement");
  states = adw_combo_row_get_model (row);
  g_assert_cmpuint (g_list_model_get_n_items (states), ==, G_N_ELEMENTS (shown));
  for (guint i = 0; i < G_N_ELEMENTS (shown); i++)
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (states), i), ==, shown[i]);
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, TISSAGE_CONSENT_UNKNOWN);

  adw_combo_row_set_selected (row, TISSAGE_CONSENT_REFUSED);
  wait_frames (2);
  g_object_get (interview, "consent", &consent, NULL);
  g_assert_cmpint (consent, ==, TISSAGE_CONSENT_REFUSED);
  save_screenshot (GTK_WIDGET (window), "interview-consent.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  wait_frames (3);
  g_object_get (interview, "consent", &consent, NULL);
  g_assert_cmpint (consent, ==, TISSAGE_CONSENT_UNKNOWN);
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, TISSAGE_CONSENT_UNKNOWN);

  close_window (window);
}

static void
test_typed_date_and_number (void)
{
  g_autoptr(GFile) file = new_project ("dates.tissage");
  TissageWindow *window = open_window (file);
  TissageDocument *document = tissage_window_get_document (window);
  TissageInterviewsPage *page = TISSAGE_INTERVIEWS_PAGE (tissage_window_get_interviews_page (window));
  TissageInterviewEditor *editor = TISSAGE_INTERVIEW_EDITOR (tissage_interviews_page_get_editor (page));
  TissageInterview *interview;
  GtkWidget *date_row, *number;
  g_autofree char *today = NULL;
  g_autofree char *date = NULL;
  g_autofree char *message = NULL;
  Guide guide = { 0, };

  tissage_window_show_section (window, "interviews");
  wait_frames (5);
  make_guide (document, &guide);
  wait_frames (5);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-interview", NULL));
  wait_frames (10);
  interview = tissage_interviews_page_get_selected (page);
  g_assert_nonnull (interview);
  today = interview_date (interview);

  date_row = find_entry_row (GTK_WIDGET (editor), _("Date (dd/mm/yyyy)"));
  g_assert_nonnull (date_row);

  /* Halfway, nothing is read nor rewritten; left, it is the whole date. */
  retype_field (date_row, "28/11/2");
  date = interview_date (interview);
  g_assert_cmpstr (date, ==, today);
  g_clear_pointer (&date, g_free);
  type_text (GTK_EDITABLE (date_row), "026");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (date_row)), ==, "28/11/2026");
  date = interview_date (interview);
  g_assert_cmpstr (date, ==, today);
  g_clear_pointer (&date, g_free);
  leave_field (date_row);
  g_assert_cmpstr (tissage_interview_get_date (interview), ==, "2026-11-28");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (date_row)), ==, "28/11/2026");

  {
    static const struct {
      const char *typed;
      const char *iso;
      const char *shown;
    } dates[] = {
      { "31 décembre 2025", "2025-12-31", "31/12/2025" },
      { "1er janvier 2026", "2026-01-01", "01/01/2026" },
      { "2025-12-31", "2025-12-31", "31/12/2025" },
      { "3/2/26", "2026-02-03", "03/02/2026" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
      {
        retype_field (date_row, dates[i].typed);
        /* Enter reads it as leaving does. */
        g_signal_emit_by_name (date_row, "entry-activated");
        wait_frames (2);
        g_assert_cmpstr (tissage_interview_get_date (interview), ==, dates[i].iso);
        g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (date_row)), ==, dates[i].shown);
        g_assert_false (gtk_widget_has_css_class (date_row, "error"));
      }
  }

  /* A month alone, or a word: the date stays, and the field says why. */
  retype_field (date_row, "déc. 2025");
  leave_field (date_row);
  g_assert_cmpstr (tissage_interview_get_date (interview), ==, "2026-02-03");
  g_assert_true (gtk_widget_has_css_class (date_row, "error"));
  retype_field (date_row, "hier");
  leave_field (date_row);
  g_assert_cmpstr (tissage_interview_get_date (interview), ==, "2026-02-03");
  g_assert_true (gtk_widget_has_css_class (date_row, "error"));
  message = g_strdup_printf (_("“%s” is not a date: write it as 31/12/2025 or 31 December 2025. The date %s is kept."),
                             "hier", "03/02/2026");
  g_assert_nonnull (find_label (GTK_WIDGET (window), message));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (date_row), ==, message);
  save_screenshot (GTK_WIDGET (window), "interview-date-refused.png");

  /* In the future: kept, since it may be planned, but flagged. */
  retype_field (date_row, "31/12/2099");
  leave_field (date_row);
  g_assert_cmpstr (tissage_interview_get_date (interview), ==, "2099-12-31");
  g_assert_false (gtk_widget_has_css_class (date_row, "error"));
  g_assert_true (gtk_widget_has_css_class (date_row, "warning"));
  g_clear_pointer (&message, g_free);
  message = g_strdup_printf (_("The date %s is in the future: check it if the interview has already taken place."),
                             "31/12/2099");
  g_assert_nonnull (find_label (GTK_WIDGET (window), message));
  retype_field (date_row, "28/11/2026");
  leave_field (date_row);
  g_assert_false (gtk_widget_has_css_class (date_row, "warning"));

  /* A number: French figures; a word over it keeps it. */
  number = tissage_interview_editor_get_input (editor, guide.questions[TISSAGE_QUESTION_NUMBER]);
  g_assert_true (GTK_IS_ENTRY (number));
  retype_field (number, "24");
  leave_field (number);
  g_assert_cmpstr (answer_display (document, interview, guide.questions[TISSAGE_QUESTION_NUMBER]), ==, "24");
  retype_field (number, "vingt");
  leave_field (number);
  {
    g_autoptr(TissageAnswer) answer = tissage_document_get_answer (document, interview,
                                                                   guide.questions[TISSAGE_QUESTION_NUMBER]);

    g_assert_nonnull (answer);
    g_assert_cmpfloat (tissage_answer_get_number (answer), ==, 24.0);
  }
  g_assert_true (gtk_widget_has_css_class (number, "error"));
  g_assert_nonnull (gtk_widget_get_tooltip_text (number));
  retype_field (number, "1 200");
  leave_field (number);
  {
    g_autoptr(TissageAnswer) answer = tissage_document_get_answer (document, interview,
                                                                   guide.questions[TISSAGE_QUESTION_NUMBER]);

    g_assert_cmpfloat (tissage_answer_get_number (answer), ==, 1200.0);
  }
  g_assert_false (gtk_widget_has_css_class (number, "error"));
  retype_field (number, "");
  leave_field (number);
  {
    g_autoptr(TissageAnswer) answer = tissage_document_get_answer (document, interview,
                                                                   guide.questions[TISSAGE_QUESTION_NUMBER]);

    g_assert_true (answer == NULL || isnan (tissage_answer_get_number (answer)));
  }

  guide_clear (&guide);
  close_window (window);
}

/* Presses a key in @window as GTK routes it to the focus: the key
 * controllers of the capture phase from the window down, then those of the
 * bubble phase back up. Returns whether one handled it. */
static gboolean
press_key_in (GtkWindow *window,
              guint      keyval)
{
  g_autoptr(GPtrArray) chain = g_ptr_array_new ();
  GtkPropagationPhase phases[] = { GTK_PHASE_CAPTURE, GTK_PHASE_BUBBLE };

  for (GtkWidget *w = gtk_root_get_focus (GTK_ROOT (window)); w != NULL; w = gtk_widget_get_parent (w))
    g_ptr_array_insert (chain, 0, w);

  for (guint p = 0; p < G_N_ELEMENTS (phases); p++)
    for (guint i = 0; i < chain->len; i++)
      {
        GtkWidget *w = g_ptr_array_index (chain, phases[p] == GTK_PHASE_CAPTURE ? i : chain->len - 1 - i);
        g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (w);

        for (guint c = 0; c < g_list_model_get_n_items (controllers); c++)
          {
            g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, c);
            gboolean handled = FALSE;

            if (!GTK_IS_EVENT_CONTROLLER_KEY (controller) ||
                gtk_event_controller_get_propagation_phase (controller) != phases[p])
              continue;
            g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
            if (handled)
              {
                wait_frames (5);
                return TRUE;
              }
          }
      }

  return FALSE;
}

static GtkDropDown *
dialog_drop_down (AdwMessageDialog *dialog)
{
  GtkWidget *child = adw_message_dialog_get_extra_child (dialog);

  g_assert_true (GTK_IS_DROP_DOWN (child));
  return GTK_DROP_DOWN (child);
}

static void
test_guides (void)
{
  g_autoptr(GFile) file = new_project ("grilles.tissage");
  TissageWindow *window = open_window (file);
  TissageDocument *document = tissage_window_get_document (window);
  TissageInterviewsPage *page = TISSAGE_INTERVIEWS_PAGE (tissage_window_get_interviews_page (window));
  GListModel *grids = tissage_document_get_records (document, TISSAGE_TYPE_GRID);
  TissageGrid *first;
  AdwMessageDialog *dialog;

  tissage_window_show_section (window, "interviews");
  wait_frames (5);

  /* The empty list offers to write the first guide, and opens it. */
  g_signal_emit_by_name (find_button (GTK_WIDGET (page), _("_Write an Interview Guide")), "clicked");
  wait_frames (10);
  g_assert_cmpuint (g_list_model_get_n_items (grids), ==, 1);
  first = tissage_interviews_page_get_selected_grid (page);
  g_assert_nonnull (first);
  g_assert_cmpstr (tissage_grid_get_title (first), ==, _("New interview guide"));
  save_screenshot (GTK_WIDGET (window), "interviews-guides.png");

  /* Duplicated, then the copy deleted after a confirmation, and undone. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "interviews.duplicate-grid", NULL));
  wait_frames (5);
  g_assert_cmpuint (g_list_model_get_n_items (grids), ==, 2);
  g_assert_true (tissage_interviews_page_get_selected_grid (page) != first);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "interviews.delete-grid", NULL));
  wait_frames (5);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "delete");
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_frames (5);
  g_assert_cmpuint (g_list_model_get_n_items (grids), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  wait_frames (5);
  g_assert_cmpuint (g_list_model_get_n_items (grids), ==, 2);

  /* With two guides, a new interview asks which one; the list has the
   * keyboard, and Return adds with the guide chosen in it. */
  {
    GListModel *interviews = tissage_document_get_records (document, TISSAGE_TYPE_INTERVIEW);
    g_autoptr(TissageGrid) second = g_list_model_get_item (grids, 1);
    GtkDropDown *guides;
    GtkWidget *focus;
    GtkWidget *popover = NULL;
    g_autoptr(TissageGrid) listed_first = g_list_model_get_item (grids, 0);
    g_autoptr(TissageInterview) older = NULL;
    g_autoptr(GError) error = NULL;

    older = tissage_document_insert (document, TISSAGE_TYPE_INTERVIEW, &error,
                                     "grid-id", tissage_record_get_id (TISSAGE_RECORD (first)),
                                     "date", "2025-01-15", NULL);
    g_assert_no_error (error);
    wait_frames (3);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-interview", NULL));
    wait_frames (10);
    dialog = find_message_dialog ();
    g_assert_nonnull (dialog);
    guides = dialog_drop_down (dialog);
    focus = gtk_root_get_focus (GTK_ROOT (dialog));
    g_assert_true (focus == GTK_WIDGET (guides) || gtk_widget_is_ancestor (focus, GTK_WIDGET (guides)));
    g_assert_true (listed_first == first);
    g_assert_cmpuint (gtk_drop_down_get_selected (guides), ==, 0);
    save_screenshot (GTK_WIDGET (dialog), "interviews-choose-guide.png");

    /* The list opens as its button is activated; in the open list, Return
     * is the list's: it chooses, it does not add. */
    g_assert_true (gtk_widget_activate (focus));
    for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (guides)); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (GTK_IS_POPOVER (child))
        popover = child;
    g_assert_nonnull (popover);
    /* A button activated from the keyboard clicks a moment later. */
    for (guint i = 0; i < 100 && !gtk_widget_get_visible (popover); i++)
      wait_frames (1);
    g_assert_true (gtk_widget_get_visible (popover));
    g_assert_false (press_key_in (GTK_WINDOW (dialog), GDK_KEY_Return));
    g_assert_cmpuint (g_list_model_get_n_items (interviews), ==, 1);
    gtk_drop_down_set_selected (guides, 1);
    gtk_popover_popdown (GTK_POPOVER (popover));
    wait_frames (5);

    /* Back on the closed list, Return adds. */
    g_assert_true (press_key_in (GTK_WINDOW (dialog), GDK_KEY_Return));
    for (guint i = 0; i < 100 && find_message_dialog () != NULL; i++)
      wait_frames (1);
    g_assert_null (find_message_dialog ());
    g_assert_cmpuint (g_list_model_get_n_items (interviews), ==, 2);
    g_assert_cmpint (tissage_interview_get_grid_id (tissage_interviews_page_get_selected (page)), ==,
                     tissage_record_get_id (TISSAGE_RECORD (second)));

    /* The next one is offered the guide used last, even from another
     * interview. */
    g_assert_true (tissage_interviews_page_select (page, older));
    wait_frames (3);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-interview", NULL));
    wait_frames (10);
    dialog = find_message_dialog ();
    g_assert_nonnull (dialog);
    g_assert_cmpuint (gtk_drop_down_get_selected (dialog_drop_down (dialog)), ==, 1);
    adw_message_dialog_response (dialog, "cancel");
    gtk_window_destroy (GTK_WINDOW (dialog));
    wait_frames (5);
    g_assert_cmpuint (g_list_model_get_n_items (interviews), ==, 2);
  }

  close_window (window);
}

/* The menu beside the guides gives the selected guide to KoboToolbox or
 * ODK and the interviews to the qualitative analysis tools; a place that
 * cannot be written is said, and leaves nothing behind. */
static void
test_exports (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "exports.tissage", NULL);
  g_autofree char *form = g_build_filename (tmp_dir, "formulaire.xlsx", NULL);
  g_autofree char *qdpx = g_build_filename (tmp_dir, "entretiens.qdpx", NULL);
  g_autofree char *missing = g_build_filename (tmp_dir, "absent", "formulaire.xlsx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = tissage_document_create_example (file, &error);
  g_autofree char *contents = NULL;
  gsize length = 0;
  TissageWindow *window;
  TissageInterviewsPage *page;
  AdwMessageDialog *dialog;
  GtkWidget *button;

  g_assert_no_error (error);
  g_clear_object (&document);
  window = open_window (file);
  page = TISSAGE_INTERVIEWS_PAGE (tissage_window_get_interviews_page (window));
  tissage_window_show_section (window, "interviews");
  tissage_interviews_page_show_mode (page, "grids");
  wait_frames (10);
  g_assert_nonnull (tissage_interviews_page_get_selected_grid (page));
  button = find_widget (GTK_WIDGET (page), has_tooltip, _("Exchange with Other Tools"));
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (button));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "interviews.export-xlsform-to", "s", form));
  wait_frames (5);
  g_assert_true (g_file_get_contents (form, &contents, &length, &error));
  g_assert_cmpuint (length, >, 4);
  g_assert_true (memcmp (contents, "PK", 2) == 0);
  g_clear_pointer (&contents, g_free);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "interviews.export-qdpx-to", "s", qdpx));
  wait_frames (5);
  g_assert_true (g_file_get_contents (qdpx, &contents, &length, &error));
  g_assert_true (memcmp (contents, "PK", 2) == 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "interviews.export-xlsform-to", "s", missing));
  wait_frames (5);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  close_window (window);
}

static void
test_example (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "exemple.tissage", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = tissage_document_create_example (file, &error);
  TissageWindow *window;
  TissageInterviewsPage *page;
  GListModel *shown;

  g_assert_no_error (error);
  g_clear_object (&document);
  window = open_window (file);
  page = TISSAGE_INTERVIEWS_PAGE (tissage_window_get_interviews_page (window));
  tissage_window_show_section (window, "interviews");
  wait_frames (10);

  shown = tissage_interviews_page_get_shown (page);
  if (g_list_model_get_n_items (shown) > 0)
    {
      g_autoptr(TissageInterview) first = g_list_model_get_item (shown, 0);

      g_assert_true (tissage_interviews_page_select (page, first));
      wait_frames (10);
    }
  save_screenshot (GTK_WIDGET (window), "interviews-example.png");

  /* Going from interview to interview shows each one's own answers, none
   * left over from the one before. */
  {
    TissageDocument *doc = tissage_window_get_document (window);
    TissageInterviewEditor *editor = TISSAGE_INTERVIEW_EDITOR (tissage_interviews_page_get_editor (page));
    GListModel *questions = tissage_document_get_records (doc, TISSAGE_TYPE_GRID_QUESTION);
    guint checked = 0;

    for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
      {
        g_autoptr(TissageInterview) interview = g_list_model_get_item (shown, i);

        g_assert_true (tissage_interviews_page_select (page, interview));
        wait_frames (2);
        for (guint q = 0; q < g_list_model_get_n_items (questions); q++)
          {
            g_autoptr(TissageGridQuestion) question = g_list_model_get_item (questions, q);
            g_autoptr(TissageAnswer) answer = NULL;
            GtkWidget *input;
            GtkTextIter start, end;
            g_autofree char *text = NULL;

            if (tissage_grid_question_get_grid_id (question) != tissage_interview_get_grid_id (interview) ||
                tissage_grid_question_get_kind (question) != TISSAGE_QUESTION_OPEN ||
                tissage_grid_question_get_retired (question))
              continue;
            input = tissage_interview_editor_get_input (editor, question);
            g_assert_true (GTK_IS_TEXT_VIEW (input));
            gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (GTK_TEXT_VIEW (input)), &start, &end);
            text = gtk_text_iter_get_text (&start, &end);
            answer = tissage_document_get_answer (doc, interview, question);
            g_assert_cmpstr (text, ==, answer ? tissage_answer_get_text (answer) : "");
            checked++;
          }
      }
    g_assert_cmpuint (checked, >, 50);
  }

  tissage_interviews_page_show_mode (page, "verbatims");
  wait_frames (10);
  save_screenshot (GTK_WIDGET (window), "interviews-verbatims.png");
  tissage_interviews_page_show_mode (page, "grids");
  wait_frames (10);
  save_screenshot (GTK_WIDGET (window), "interviews-example-guides.png");

  /* The guide's purpose takes the room of its few lines: the questions
   * show below it, not a screen further down. */
  {
    GtkWidget *purpose = find_shown_widget (GTK_WIDGET (page), is_text_view_named, _("Purpose"));

    g_assert_nonnull (purpose);
    g_assert_cmpint (gtk_widget_get_height (purpose), <, 200);
  }

  close_window (window);
}

static gboolean
is_button_for (GtkWidget     *widget,
               gconstpointer  action)
{
  return GTK_IS_BUTTON (widget) && has_action_name (widget, action);
}

/* A quote read among the verbatims opens its interview at the answer
 * holding it, selected, whatever the search hid. */
static void
test_open_from_quote (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "exemple-citation.tissage", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) example = tissage_document_create_example (file, &error);
  TissageVerbatimQuery query = TISSAGE_VERBATIM_QUERY_INIT;
  g_autoptr(GPtrArray) infos = NULL;
  const TissageVerbatimInfo *chosen = NULL;
  int chosen_position = -1;
  TissageWindow *window;
  TissageDocument *document;
  TissageInterviewsPage *page;
  TissageInterviewEditor *editor;
  GtkWidget *browser, *button, *input, *scrolled;
  TissageInterview *interview, *other = NULL;
  TissageGridQuestion *question;
  g_autoptr(TissageVerbatim) verbatim = NULL;
  GListModel *interviews;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  GdkRectangle location;
  graphene_rect_t bounds;
  g_autofree char *selected = NULL;
  int wx, wy;

  g_assert_no_error (error);
  g_clear_object (&example);
  window = open_window (file);
  document = tissage_window_get_document (window);
  page = TISSAGE_INTERVIEWS_PAGE (tissage_window_get_interviews_page (window));
  editor = TISSAGE_INTERVIEW_EDITOR (tissage_interviews_page_get_editor (page));
  interviews = tissage_document_get_records (document, TISSAGE_TYPE_INTERVIEW);
  tissage_window_show_section (window, "interviews");
  wait_frames (10);

  /* The quote furthest down its guide, so that it has to be scrolled to. */
  query.pseudonymise = FALSE;
  infos = tissage_document_list_verbatims (document, &query);
  for (guint i = 0; i < infos->len; i++)
    {
      const TissageVerbatimInfo *info = g_ptr_array_index (infos, i);
      TissageGridQuestion *q = tissage_document_lookup (document, TISSAGE_TYPE_GRID_QUESTION, info->question_id);
      int position;

      g_object_get (q, "position", &position, NULL);
      if (!info->lost && position > chosen_position)
        {
          chosen = info;
          chosen_position = position;
        }
    }
  g_assert_nonnull (chosen);
  interview = tissage_document_lookup (document, TISSAGE_TYPE_INTERVIEW, chosen->interview_id);
  question = tissage_document_lookup (document, TISSAGE_TYPE_GRID_QUESTION, chosen->question_id);
  verbatim = tissage_document_fetch (document, TISSAGE_TYPE_VERBATIM, chosen->id);
  g_assert_nonnull (interview);
  g_assert_nonnull (verbatim);

  /* Another interview is open, and the search hides the quote's. */
  for (guint i = 0; other == NULL && i < g_list_model_get_n_items (interviews); i++)
    {
      g_autoptr(TissageInterview) item = g_list_model_get_item (interviews, i);

      if (item != interview)
        other = item;
    }
  g_assert_true (tissage_interviews_page_select (page, other));
  wait_frames (5);
  tissage_interviews_page_focus_search (page);
  gtk_editable_set_text (GTK_EDITABLE (gtk_root_get_focus (GTK_ROOT (window))), "zzzz introuvable");
  wait_frames (10);
  g_assert_cmpuint (g_list_model_get_n_items (tissage_interviews_page_get_shown (page)), ==, 0);

  tissage_interviews_page_show_mode (page, "verbatims");
  wait_frames (10);
  browser = find_child_of_type (GTK_WIDGET (page), TISSAGE_TYPE_VERBATIM_BROWSER);
  g_assert_nonnull (browser);

  /* Every card offers it, beside the copy button. */
  button = find_shown_widget (browser, is_button_for, "verbatims.open-interview");
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, _("Open the Interview"));
  g_assert_true (gtk_widget_get_parent (button) ==
                 gtk_widget_get_parent (find_shown_widget (browser, is_button_for, "verbatims.copy")));

  g_assert_true (gtk_widget_activate_action (browser, "verbatims.open-interview", "x", chosen->id));
  wait_frames (30);

  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (editor)));
  g_assert_false (gtk_widget_is_drawable (browser));
  g_assert_true (tissage_interviews_page_get_selected (page) == interview);
  g_assert_true (tissage_interview_editor_get_interview (editor) == interview);
  g_assert_cmpuint (g_list_model_get_n_items (tissage_interviews_page_get_shown (page)), ==,
                    g_list_model_get_n_items (interviews));

  /* The quote is selected in its answer, which has the keyboard. */
  input = tissage_interview_editor_get_input (editor, question);
  g_assert_true (GTK_IS_TEXT_VIEW (input));
  g_assert_true (holds_focus (input));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (input));
  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));
  g_assert_cmpint (gtk_text_iter_get_offset (&start), ==, tissage_verbatim_get_start (verbatim));
  g_assert_cmpint (gtk_text_iter_get_offset (&end), ==, tissage_verbatim_get_end (verbatim));
  selected = gtk_text_iter_get_text (&start, &end);
  g_assert_cmpstr (selected, ==, tissage_verbatim_get_quote (verbatim));

  /* And it is on screen. */
  scrolled = gtk_widget_get_ancestor (input, GTK_TYPE_SCROLLED_WINDOW);
  g_assert_true (gtk_widget_compute_bounds (input, scrolled, &bounds));
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (input), &start, &location);
  gtk_text_view_buffer_to_window_coords (GTK_TEXT_VIEW (input), GTK_TEXT_WINDOW_WIDGET,
                                         location.x, location.y, &wx, &wy);
  g_assert_cmpfloat (bounds.origin.y + wy, >=, 0);
  g_assert_cmpfloat (bounds.origin.y + wy + location.height, <=, gtk_widget_get_height (scrolled));
  g_assert_cmpfloat (gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled))),
                     >, 0);
  save_screenshot (GTK_WIDGET (window), "interviews-open-quote.png");

  close_window (window);
}


static guint
count_questions_made (GtkWidget *widget)
{
  guint n = gtk_widget_has_css_class (widget, "interview-question") ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    n += count_questions_made (child);
  return n;
}

/* A guide of forty questions: the page makes a screenful of them before
 * its first frame and the others after it, a few at a time; the next
 * interview of the guide keeps the inputs and shows its own answers, down
 * to the last question, and a number emptied in the interview left is not
 * saved into either. */
static void
test_long_guide (void)
{
  g_autoptr(GFile) file = new_project ("quarante.tissage");
  TissageWindow *window = open_window (file);
  TissageDocument *document = tissage_window_get_document (window);
  TissageInterviewsPage *page = TISSAGE_INTERVIEWS_PAGE (tissage_window_get_interviews_page (window));
  TissageInterviewEditor *editor = TISSAGE_INTERVIEW_EDITOR (tissage_interviews_page_get_editor (page));
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageGrid) grid = NULL;
  g_autoptr(TissageInterview) first = NULL;
  g_autoptr(TissageInterview) second = NULL;
  g_autoptr(GPtrArray) questions = g_ptr_array_new_with_free_func (g_object_unref);
  TissageGridQuestion *last_question;
  GtkWidget *last, *input;
  guint made;

  grid = tissage_document_insert (document, TISSAGE_TYPE_GRID, &error, "title", "Quarante questions", NULL);
  g_assert_no_error (error);
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *text = g_strdup_printf ("Question %u", i + 1);
      TissageGridQuestion *question =
        tissage_document_insert (document, TISSAGE_TYPE_GRID_QUESTION, &error,
                                 "grid-id", tissage_record_get_id (TISSAGE_RECORD (grid)),
                                 "kind", (int) (i % 2 == 0 ? TISSAGE_QUESTION_OPEN : TISSAGE_QUESTION_NUMBER),
                                 "text", text, "position", (int) i, NULL);

      g_assert_no_error (error);
      g_ptr_array_add (questions, question);
    }
  last_question = g_ptr_array_index (questions, 39);
  first = tissage_document_insert (document, TISSAGE_TYPE_INTERVIEW, &error,
                                   "grid-id", tissage_record_get_id (TISSAGE_RECORD (grid)),
                                   "pseudonym", "Mme A.", "date", "2025-03-12", NULL);
  g_assert_no_error (error);
  second = tissage_document_insert (document, TISSAGE_TYPE_INTERVIEW, &error,
                                    "grid-id", tissage_record_get_id (TISSAGE_RECORD (grid)),
                                    "pseudonym", "M. B.", "date", "2025-03-13", NULL);
  g_assert_no_error (error);
  g_assert_true (tissage_document_set_answer (document, first, last_question, "39", &error));
  g_assert_true (tissage_document_set_answer (document, second, last_question, "7", &error));
  g_assert_true (tissage_document_set_answer (document, second, g_ptr_array_index (questions, 38),
                                              "Réponse de M. B.", &error));
  g_assert_no_error (error);

  tissage_window_show_section (window, "interviews");
  wait_frames (5);

  g_assert_true (tissage_interviews_page_select (page, first));
  made = count_questions_made (GTK_WIDGET (editor));
  g_assert_cmpuint (made, >, 0);
  g_assert_cmpuint (made, <, 40);
  for (guint i = 0; i < 300 && count_questions_made (GTK_WIDGET (editor)) < 40; i++)
    wait_frames (1);
  g_assert_cmpuint (count_questions_made (GTK_WIDGET (editor)), ==, 40);
  last = tissage_interview_editor_get_input (editor, last_question);
  g_assert_true (GTK_IS_ENTRY (last));
  g_assert_true (gtk_widget_get_visible (last));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (last)), ==, "39");

  /* Emptied to be retyped, then another interview opens. */
  gtk_widget_grab_focus (last);
  gtk_editable_set_text (GTK_EDITABLE (last), "");
  wait_frames (2);
  g_assert_true (tissage_interviews_page_select (page, second));
  wait_frames (2);
  {
    g_autoptr(TissageAnswer) kept = tissage_document_get_answer (document, first, last_question);
    g_autoptr(TissageAnswer) other = tissage_document_get_answer (document, second, last_question);

    g_assert_nonnull (kept);
    g_assert_cmpfloat (tissage_answer_get_number (kept), ==, 39);
    g_assert_nonnull (other);
    g_assert_cmpfloat (tissage_answer_get_number (other), ==, 7);
  }

  /* The same inputs, reached before they are shown, with this one's answers. */
  input = tissage_interview_editor_get_input (editor, last_question);
  g_assert_true (input == last);
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_ancestor (input, TISSAGE_TYPE_QUESTION_INPUT)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (input)), ==, "7");
  input = tissage_interview_editor_get_input (editor, g_ptr_array_index (questions, 38));
  g_assert_true (GTK_IS_TEXT_VIEW (input));
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (input));
    GtkTextIter start, end;
    g_autofree char *shown = NULL;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (shown, ==, "Réponse de M. B.");
  }
  for (guint i = 0; i < 300 && !gtk_widget_get_visible (gtk_widget_get_ancestor (
         tissage_interview_editor_get_input (editor, g_ptr_array_index (questions, 20)), TISSAGE_TYPE_QUESTION_INPUT)); i++)
    wait_frames (1);

  /* Typed in the last question, the answer is this interview's. */
  gtk_widget_grab_focus (last);
  gtk_editable_set_text (GTK_EDITABLE (last), "8");
  wait_frames (2);
  {
    g_autoptr(TissageAnswer) kept = tissage_document_get_answer (document, first, last_question);
    g_autoptr(TissageAnswer) typed = tissage_document_get_answer (document, second, last_question);

    g_assert_cmpfloat (tissage_answer_get_number (kept), ==, 39);
    g_assert_cmpfloat (tissage_answer_get_number (typed), ==, 8);
  }
  wait_frames (10);
  save_screenshot (GTK_WIDGET (window), "interviews-long-guide.png");

  close_window (window);
}

/* The questions shown in @widget, in their order. */
static void
collect_shown_questions (GtkWidget *widget,
                         GPtrArray *found)
{
  if (gtk_widget_has_css_class (widget, "interview-question"))
    {
      if (gtk_widget_get_visible (widget))
        g_ptr_array_add (found, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_shown_questions (child, found);
}

/* Before its first frame, an interview shows the questions its view holds,
 * not more: none lies wholly below the fold, and the view is full. */
static void
test_first_screenful (void)
{
  g_autoptr(GFile) file = new_project ("ecran.tissage");
  TissageWindow *window = open_window (file);
  TissageDocument *document = tissage_window_get_document (window);
  TissageInterviewsPage *page = TISSAGE_INTERVIEWS_PAGE (tissage_window_get_interviews_page (window));
  TissageInterviewEditor *editor = TISSAGE_INTERVIEW_EDITOR (tissage_interviews_page_get_editor (page));
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageGrid) grid = NULL;
  g_autoptr(TissageInterview) first = NULL;
  g_autoptr(TissageInterview) second = NULL;
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  GtkWidget *scrolled, *content;
  graphene_rect_t bounds;
  int view, width, filled, gap = 24;

  grid = tissage_document_insert (document, TISSAGE_TYPE_GRID, &error, "title", "Quarante questions", NULL);
  g_assert_no_error (error);
  first = tissage_document_insert (document, TISSAGE_TYPE_INTERVIEW, &error,
                                   "grid-id", tissage_record_get_id (TISSAGE_RECORD (grid)),
                                   "pseudonym", "Mme A.", "date", "2025-03-12", NULL);
  g_assert_no_error (error);
  second = tissage_document_insert (document, TISSAGE_TYPE_INTERVIEW, &error,
                                    "grid-id", tissage_record_get_id (TISSAGE_RECORD (grid)),
                                    "pseudonym", "M. B.", "date", "2025-03-13", NULL);
  g_assert_no_error (error);
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *text = g_strdup_printf ("Question %u", i + 1);
      gboolean open = i % 3 != 2;
      g_autoptr(TissageGridQuestion) question =
        tissage_document_insert (document, TISSAGE_TYPE_GRID_QUESTION, &error,
                                 "grid-id", tissage_record_get_id (TISSAGE_RECORD (grid)),
                                 "kind", (int) (open ? TISSAGE_QUESTION_OPEN : TISSAGE_QUESTION_SCALE),
                                 "text", text, "position", (int) i, NULL);

      g_assert_no_error (error);
      g_assert_true (tissage_document_set_answer (document, first, question, open ? "Oui, souvent." : "4", &error));
      g_assert_true (tissage_document_set_answer (document, second, question, open ? "Non." : "2", &error));
      g_assert_no_error (error);
    }

  tissage_window_show_section (window, "interviews");
  wait_frames (5);
  g_assert_true (tissage_interviews_page_select (page, first));
  for (guint i = 0; i < 300 && count_questions_made (GTK_WIDGET (editor)) < 40; i++)
    wait_frames (1);
  wait_frames (3);

  /* The next interview, with the view laid out: what it shows at once. */
  g_assert_true (tissage_interviews_page_select (page, second));
  collect_shown_questions (GTK_WIDGET (editor), shown);
  g_assert_cmpuint (shown->len, >, 0);
  g_assert_cmpuint (shown->len, <, 40);
  scrolled = gtk_widget_get_ancestor (g_ptr_array_index (shown, 0), GTK_TYPE_SCROLLED_WINDOW);
  content = gtk_widget_get_first_child (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)));
  view = gtk_widget_get_height (scrolled);
  width = gtk_widget_get_width (g_ptr_array_index (shown, 0));
  g_assert_cmpint (view, >, 0);
  g_assert_true (gtk_widget_compute_bounds (g_ptr_array_index (shown, 0), content, &bounds));
  filled = (int) bounds.origin.y;
  for (guint i = 0; i < shown->len; i++)
    {
      int height = 0;

      gtk_widget_measure (g_ptr_array_index (shown, i), GTK_ORIENTATION_VERTICAL, width, NULL, &height, NULL, NULL);
      /* Each one made begins within the view. */
      g_assert_cmpint (filled, <, view);
      filled += height + gap;
    }
  g_assert_cmpint (filled - gap, >=, view);

  close_window (window);
}

/* The name of the interviewee's choice at @position. */
static const char *
choice_name (GtkDropDown *drop_down,
             guint        position)
{
  g_autoptr(GtkStringObject) item = g_list_model_get_item (gtk_drop_down_get_model (drop_down), position);

  /* The list holds its own reference: the string outlives this one. */
  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

/* An interview already answered opens with its details folded, and the
 * list of the map's stakeholders is not made until they are unfolded:
 * then it shows the interviewee chosen, under its current name, and
 * choosing another saves it. */
static void
test_interviewee_choice (void)
{
  g_autoptr(GFile) file = new_project ("interlocuteurs.tissage");
  TissageWindow *window = open_window (file);
  TissageDocument *document = tissage_window_get_document (window);
  TissageInterviewsPage *page = TISSAGE_INTERVIEWS_PAGE (tissage_window_get_interviews_page (window));
  TissageInterviewEditor *editor = TISSAGE_INTERVIEW_EDITOR (tissage_interviews_page_get_editor (page));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stakeholders = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(TissageInterview) interview = NULL;
  AdwExpanderRow *details;
  GtkDropDown *drop_down;
  guint chosen;
  Guide guide = { 0, };

  make_guide (document, &guide);
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *name = g_strdup_printf ("Partenaire %03u", i);

      g_ptr_array_add (stakeholders, tissage_document_insert (document, TISSAGE_TYPE_STAKEHOLDER, &error,
                                                              "name", name, NULL));
      g_assert_no_error (error);
    }
  interview = tissage_document_insert (document, TISSAGE_TYPE_INTERVIEW, &error,
                                       "grid-id", tissage_record_get_id (TISSAGE_RECORD (guide.grid)),
                                       "stakeholder-id",
                                       tissage_record_get_id (g_ptr_array_index (stakeholders, 30)),
                                       "date", "2025-03-12", NULL);
  g_assert_no_error (error);
  g_assert_true (tissage_document_set_answer (document, interview, guide.questions[TISSAGE_QUESTION_OPEN],
                                              "Beaucoup.", &error));
  g_assert_no_error (error);

  tissage_window_show_section (window, "interviews");
  wait_frames (5);
  g_assert_true (tissage_interviews_page_select (page, interview));
  wait_frames (3);
  details = ADW_EXPANDER_ROW (gtk_widget_get_template_child (GTK_WIDGET (editor), TISSAGE_TYPE_INTERVIEW_EDITOR,
                                                            "details_row"));
  drop_down = GTK_DROP_DOWN (gtk_widget_get_template_child (GTK_WIDGET (editor), TISSAGE_TYPE_INTERVIEW_EDITOR,
                                                           "stakeholder_drop_down"));
  g_assert_false (adw_expander_row_get_expanded (details));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (drop_down)), ==, 1);

  /* Renamed while folded, then unfolded. */
  g_assert_true (tissage_document_set (document, g_ptr_array_index (stakeholders, 30), &error,
                                       "name", "Mission locale", NULL));
  g_assert_no_error (error);
  wait_frames (3);
  adw_expander_row_set_expanded (details, TRUE);
  wait_frames (3);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (drop_down)), ==, 41);
  chosen = gtk_drop_down_get_selected (drop_down);
  g_assert_cmpuint (chosen, ==, 31);
  g_assert_cmpstr (choice_name (drop_down, chosen), ==, "Mission locale");
  g_assert_cmpstr (choice_name (drop_down, 0), ==, "Sous pseudonyme");

  /* Renamed while shown, and another chosen. */
  g_assert_true (tissage_document_set (document, g_ptr_array_index (stakeholders, 7), &error,
                                       "name", "Centre social", NULL));
  g_assert_no_error (error);
  for (guint i = 0; i < 100 && g_strcmp0 (choice_name (drop_down, 8), "Centre social") != 0; i++)
    wait_frames (1);
  g_assert_cmpstr (choice_name (drop_down, 8), ==, "Centre social");
  gtk_drop_down_set_selected (drop_down, 8);
  wait_frames (2);
  g_assert_cmpint (tissage_interview_get_stakeholder_id (interview), ==,
                   tissage_record_get_id (g_ptr_array_index (stakeholders, 7)));

  /* One above it in the list removed: the choice stays on the same one,
   * with nothing saved. */
  {
    guint64 serial;

    g_assert_true (tissage_document_delete (document, g_ptr_array_index (stakeholders, 0), &error));
    g_assert_no_error (error);
    serial = tissage_document_get_undo_serial (document);
    for (guint i = 0; i < 100 && gtk_drop_down_get_selected (drop_down) != 7; i++)
      wait_frames (1);
    wait_frames (2);
    g_assert_cmpuint (tissage_document_get_undo_serial (document), ==, serial);
  }
  g_assert_cmpint (tissage_interview_get_stakeholder_id (interview), ==,
                   tissage_record_get_id (g_ptr_array_index (stakeholders, 7)));
  g_assert_cmpuint (gtk_drop_down_get_selected (drop_down), ==, 7);
  g_assert_cmpstr (choice_name (drop_down, 7), ==, "Centre social");
  gtk_drop_down_set_selected (drop_down, 0);
  wait_frames (2);
  g_assert_cmpint (tissage_interview_get_stakeholder_id (interview), ==, 0);

  guide_clear (&guide);
  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/interviews/type-interview", test_type_interview);
  g_test_add_func ("/ui/interviews/consent", test_consent);
  g_test_add_func ("/ui/interviews/typed-date-and-number", test_typed_date_and_number);
  g_test_add_func ("/ui/interviews/guides", test_guides);
  g_test_add_func ("/ui/interviews/example", test_example);
  g_test_add_func ("/ui/interviews/exports", test_exports);
  g_test_add_func ("/ui/interviews/open-from-quote", test_open_from_quote);
  g_test_add_func ("/ui/interviews/long-guide", test_long_guide);
  g_test_add_func ("/ui/interviews/first-screenful", test_first_screenful);
  g_test_add_func ("/ui/interviews/interviewee-choice", test_interviewee_choice);

  return ui_test_run ();
}

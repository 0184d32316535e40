/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tissage-grid-editor.h"
#include "tissage-grid-question-row.h"
#include "tissage-referentiel.h"
#include "tissage-ui-test-utils.h"

/* The editor in a window of its own over the main window, as a page would
 * host it, on the example project. */
typedef struct {
  TissageWindow     *main_window;
  GtkWindow         *window;
  TissageGridEditor *editor;
  TissageDocument   *document;
  TissageGrid       *grid;
} Editor;

static void
editor_open (Editor     *e,
             const char *name)
{
  g_autoptr(GFile) file = g_file_new_build_filename (tmp_dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) example = tissage_document_create_example (file, &error);

  g_assert_no_error (error);
  g_clear_object (&example);

  e->main_window = open_window (file);
  e->document = tissage_window_get_document (e->main_window);
  e->grid = tissage_document_insert (e->document, TISSAGE_TYPE_GRID, &error,
                                     "title", "Grille des employeurs", NULL);
  g_assert_no_error (error);

  e->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_transient_for (e->window, GTK_WINDOW (e->main_window));
  gtk_window_set_default_size (e->window, 760, 1000);
  e->editor = TISSAGE_GRID_EDITOR (tissage_grid_editor_new ());
  gtk_window_set_child (e->window, GTK_WIDGET (e->editor));
  tissage_grid_editor_set_document (e->editor, e->document);
  tissage_grid_editor_set_grid (e->editor, e->grid);
  gtk_window_present (e->window);
  wait_mapped (GTK_WIDGET (e->editor));
}

static void
editor_close (Editor *e)
{
  g_clear_object (&e->grid);
  gtk_window_destroy (e->window);
  close_window (e->main_window);
}

/* A row of the settings kind, by the title the user reads (not an expander). */
static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget) && !ADW_IS_EXPANDER_ROW (widget) && has_title (widget, title);
}

static GtkWidget *
question_row (Editor *e,
              gint64  id)
{
  g_autofree char *name = g_strdup_printf ("question-%" G_GINT64_FORMAT, id);
  GtkWidget *row = find_widget (GTK_WIDGET (e->editor), has_widget_name, name);

  g_assert_nonnull (row);
  return row;
}

static GtkWidget *
section_title (Editor *e,
               gint64  id)
{
  g_autofree char *name = g_strdup_printf ("section-%" G_GINT64_FORMAT, id);
  GtkWidget *section = find_widget (GTK_WIDGET (e->editor), has_widget_name, name);

  g_assert_nonnull (section);
  return find_child_of_type (section, GTK_TYPE_EDITABLE_LABEL);
}

static GPtrArray *
grid_records (Editor *e,
              GType   type)
{
  GListModel *model = tissage_document_get_records (e->document, type);
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TissageRecord) item = g_list_model_get_item (model, i);
      gint64 grid = 0;

      g_object_get (item, "grid-id", &grid, NULL);
      if (grid == tissage_record_get_id (TISSAGE_RECORD (e->grid)))
        g_ptr_array_add (items, g_steal_pointer (&item));
    }

  return items;
}

/* The question added last, as the "Add a question" button of a section makes it. */
static TissageGridQuestion *
add_question (Editor     *e,
              gint64      section_id,
              int         kind,
              const char *text)
{
  g_autoptr(GPtrArray) before = grid_records (e, TISSAGE_TYPE_GRID_QUESTION);
  g_autoptr(GPtrArray) after = NULL;
  TissageGridQuestion *question;
  GtkWidget *row, *focus;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (e->editor), "grid.add-question", "x", section_id));
  wait_frames (10);
  after = grid_records (e, TISSAGE_TYPE_GRID_QUESTION);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  question = g_object_ref (g_ptr_array_index (after, after->len - 1));
  g_assert_cmpint (tissage_grid_question_get_section_id (question), ==, section_id);

  /* The new question is open and its text ready to be typed over. */
  row = question_row (e, tissage_record_get_id (TISSAGE_RECORD (question)));
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));
  focus = gtk_root_get_focus (GTK_ROOT (e->window));
  g_assert_true (GTK_IS_EDITABLE (focus));
  g_assert_true (gtk_widget_is_ancestor (focus, find_widget (row, is_row_titled, _("Question"))));

  gtk_editable_set_text (GTK_EDITABLE (find_widget (row, is_row_titled, _("Question"))), text);
  g_assert_cmpstr (tissage_grid_question_get_text (question), ==, text);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find_child_of_type (row, GTK_TYPE_DROP_DOWN)), kind);
  g_assert_cmpint (tissage_grid_question_get_kind (question), ==, kind);
  wait_frames (1);

  return question;
}

static void
set_choices (Editor     *e,
             gint64      id,
             const char *text)
{
  GtkWidget *view = find_child_of_type (question_row (e, id), GTK_TYPE_TEXT_VIEW);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
  wait_frames (2);
}

static GtkWidget *
check_for_label (GtkWidget  *root,
                 const char *title)
{
  GtkWidget *label = find_label (root, title);
  GtkWidget *row;

  g_assert_nonnull (label);
  row = gtk_widget_get_ancestor (label, ADW_TYPE_ACTION_ROW);
  g_assert_nonnull (row);
  return find_child_of_type (row, GTK_TYPE_CHECK_BUTTON);
}

/* As a click on a button of the dialog: the answer, then the dialog goes. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
}

static int
index_in_list (GtkWidget *row)
{
  return gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
}

static void
test_build_guide (void)
{
  Editor e = { NULL, };
  g_autoptr(GPtrArray) sections = NULL;
  g_autoptr(TissageGridQuestion) open = NULL;
  g_autoptr(TissageGridQuestion) scale = NULL;
  g_autoptr(TissageGridQuestion) yes_no = NULL;
  g_autoptr(TissageGridQuestion) single = NULL;
  g_autoptr(TissageGridQuestion) multiple = NULL;
  g_autoptr(TissageGridQuestion) number = NULL;
  g_autoptr(TissageCategory) category = NULL;
  g_autoptr(TissageEffect) effect = NULL;
  g_autoptr(TissageIndicator) indicator = NULL;
  g_autofree char *refused = NULL;
  g_autofree char *choices = NULL;
  TissageGridSection *first, *second;
  gint64 first_id, second_id, open_id, scale_id;
  guint n_effect_links, n_indicator_links;
  GtkWidget *row, *text, *focus, *check, *popover, *menu_button;

  editor_open (&e, "guide.tissage");

  /* A new guide says what to do. */
  g_assert_nonnull (find_label (GTK_WIDGET (e.editor), _("No Questions")));
  save_screenshot (GTK_WIDGET (e.window), "grid-editor-empty.png");

  /* The guide's title and purpose, saved as typed. */
  gtk_editable_set_text (GTK_EDITABLE (find_widget (GTK_WIDGET (e.editor), is_row_titled, _("Title"))),
                         "Grille employeurs 2025");
  g_assert_cmpstr (tissage_grid_get_title (e.grid), ==, "Grille employeurs 2025");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (find_child_of_type (GTK_WIDGET (e.editor), GTK_TYPE_TEXT_VIEW))),
                            "Mesurer ce que le collectif change pour les employeurs du territoire.", -1);
  g_object_get (e.grid, "purpose", &choices, NULL);
  g_assert_cmpstr (choices, ==, "Mesurer ce que le collectif change pour les employeurs du territoire.");
  g_clear_pointer (&choices, g_free);

  /* The categories it is meant for, as rows of the file. */
  category = g_list_model_get_item (tissage_document_get_categories (e.document), 0);
  check = gtk_widget_get_ancestor (find_label (GTK_WIDGET (e.editor), tissage_category_get_name (category)),
                                   GTK_TYPE_CHECK_BUTTON);
  g_assert_nonnull (check);
  {
    /* The example's own guides have categories already. */
    GListModel *grid_categories = tissage_document_get_records (e.document, TISSAGE_TYPE_GRID_CATEGORY);
    guint before = g_list_model_get_n_items (grid_categories);

    gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
    g_assert_cmpuint (g_list_model_get_n_items (grid_categories), ==, before + 1);
  }

  /* Two sections, named in place. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (e.editor), "grid.add-section", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (e.editor), "grid.add-section", NULL));
  wait_frames (2);
  sections = grid_records (&e, TISSAGE_TYPE_GRID_SECTION);
  g_assert_cmpuint (sections->len, ==, 2);
  first = g_ptr_array_index (sections, 0);
  second = g_ptr_array_index (sections, 1);
  first_id = tissage_record_get_id (TISSAGE_RECORD (first));
  second_id = tissage_record_get_id (TISSAGE_RECORD (second));
  g_assert_cmpint (tissage_grid_section_get_position (first), <, tissage_grid_section_get_position (second));
  gtk_editable_set_text (GTK_EDITABLE (section_title (&e, first_id)), "Le recrutement");
  gtk_editable_set_text (GTK_EDITABLE (section_title (&e, second_id)), "Le partenariat");
  g_assert_cmpstr (tissage_grid_section_get_title (first), ==, "Le recrutement");
  g_assert_cmpstr (tissage_grid_section_get_title (second), ==, "Le partenariat");

  /* One question of each kind. */
  open = add_question (&e, first_id, TISSAGE_QUESTION_OPEN, "Comment recrutez-vous aujourd’hui ?");
  scale = add_question (&e, first_id, TISSAGE_QUESTION_SCALE, "Êtes-vous satisfait des candidats proposés ?");
  yes_no = add_question (&e, first_id, TISSAGE_QUESTION_YES_NO, "Avez-vous recruté grâce au collectif ?");
  single = add_question (&e, second_id, TISSAGE_QUESTION_SINGLE, "Comment avez-vous connu le collectif ?");
  multiple = add_question (&e, second_id, TISSAGE_QUESTION_MULTIPLE, "Quelles actions avez-vous suivies ?");
  number = add_question (&e, second_id, TISSAGE_QUESTION_NUMBER, "Combien de personnes avez-vous embauchées ?");
  open_id = tissage_record_get_id (TISSAGE_RECORD (open));
  scale_id = tissage_record_get_id (TISSAGE_RECORD (scale));
  g_assert_cmpint (tissage_grid_question_get_position (scale), ==, 1);
  g_assert_cmpint (tissage_grid_question_get_position (number), ==, 2);
  g_assert_null (find_label (GTK_WIDGET (e.editor), _("No Questions")));
  {
    g_autofree char *questions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u question", "%u questions", 6), 6);
    g_autofree char *n_sections = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u section", "%u sections", 2), 2);
    g_autofree char *interviews = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u interview", "%u interviews", 0), 0);
    g_autofree char *summary = g_strdup_printf (_("%s, %s, %s"), questions, n_sections, interviews);

    g_assert_nonnull (find_label (GTK_WIDGET (e.editor), summary));
  }

  /* The labels of a scale show only for a scale. */
  row = question_row (&e, scale_id);
  g_assert_true (gtk_widget_get_visible (find_widget (row, is_row_titled, _("Label of 1"))));
  g_assert_false (gtk_widget_get_visible (find_widget (question_row (&e, open_id), is_row_titled, _("Label of 1"))));
  gtk_editable_set_text (GTK_EDITABLE (find_widget (row, is_row_titled, _("Label of 1"))), "Pas du tout");
  gtk_editable_set_text (GTK_EDITABLE (find_widget (row, is_row_titled, _("Label of 5"))), "Tout à fait");
  gtk_editable_set_text (GTK_EDITABLE (find_widget (row, is_row_titled, _("Guidance for the Interviewer"))),
                         "Faire préciser le poste concerné.");
  g_object_get (scale, "scale-max-label", &choices, NULL);
  g_assert_cmpstr (choices, ==, "Tout à fait");
  g_clear_pointer (&choices, g_free);
  g_assert_cmpstr (tissage_grid_question_get_guidance (scale), ==, "Faire préciser le poste concerné.");

  /* Choices, one a line; a duplicate is refused in French and the text stays. */
  set_choices (&e, tissage_record_get_id (TISSAGE_RECORD (single)), "Bouche à oreille\nPôle emploi\nSalon");
  g_object_get (single, "choices", &choices, NULL);
  g_assert_cmpstr (choices, ==, "Bouche à oreille\nPôle emploi\nSalon");
  g_clear_pointer (&choices, g_free);
  set_choices (&e, tissage_record_get_id (TISSAGE_RECORD (single)), "Bouche à oreille\nPôle emploi\nSalon\nsalon");
  refused = g_strdup_printf (_("The choice “%s” is listed twice."), "salon");
  g_assert_nonnull (find_label (question_row (&e, tissage_record_get_id (TISSAGE_RECORD (single))), refused));
  g_object_get (single, "choices", &choices, NULL);
  g_assert_cmpstr (choices, ==, "Bouche à oreille\nPôle emploi\nSalon");
  g_clear_pointer (&choices, g_free);
  set_choices (&e, tissage_record_get_id (TISSAGE_RECORD (single)), "Bouche à oreille\nPôle emploi\nSalon\nSite internet");
  g_assert_null (find_label (question_row (&e, tissage_record_get_id (TISSAGE_RECORD (single))), refused));
  set_choices (&e, tissage_record_get_id (TISSAGE_RECORD (multiple)), "Job dating\nVisite d’entreprise\nParrainage");
  {
    g_auto(GStrv) list = tissage_grid_question_dup_choices (multiple);

    g_assert_cmpuint (g_strv_length (list), ==, 3);
  }

  /* Link an effect and an indicator of the référentiel, from the searchable picker. */
  effect = g_list_model_get_item (tissage_document_get_records (e.document, TISSAGE_TYPE_EFFECT), 0);
  indicator = g_list_model_get_item (tissage_document_get_records (e.document, TISSAGE_TYPE_INDICATOR), 0);
  row = question_row (&e, scale_id);
  menu_button = find_widget (row, has_widget_name, "link-button");
  /* Only this question open, its button in sight, as a user would click it. */
  for (gint64 id = open_id; id <= tissage_record_get_id (TISSAGE_RECORD (number)); id++)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (question_row (&e, id)), id == scale_id);
  wait_frames (20);
  n_effect_links = g_list_model_get_n_items (tissage_document_get_records (e.document, TISSAGE_TYPE_QUESTION_EFFECT));
  n_indicator_links = g_list_model_get_n_items (tissage_document_get_records (e.document, TISSAGE_TYPE_QUESTION_INDICATOR));
  gtk_widget_grab_focus (menu_button);
  wait_frames (10);
  gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
  wait_frames (5);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button)));
  g_assert_nonnull (popover);
  gtk_editable_set_text (GTK_EDITABLE (find_child_of_type (popover, GTK_TYPE_SEARCH_ENTRY)),
                         tissage_effect_get_title (effect));
  wait_frames (10);
  save_screenshot (popover, "grid-editor-picker.png");
  check = check_for_label (popover, tissage_effect_get_title (effect));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (find_child_of_type (popover, GTK_TYPE_SEARCH_ENTRY)), "");
  wait_frames (2);
  check = check_for_label (popover, tissage_indicator_get_title (indicator));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  gtk_popover_popdown (GTK_POPOVER (popover));
  wait_frames (5);
  g_assert_cmpuint (g_list_model_get_n_items (tissage_document_get_records (e.document, TISSAGE_TYPE_QUESTION_EFFECT)),
                    ==, n_effect_links + 1);
  g_assert_cmpuint (g_list_model_get_n_items (tissage_document_get_records (e.document, TISSAGE_TYPE_QUESTION_INDICATOR)),
                    ==, n_indicator_links + 1);
  /* Shown as chips on the question. */
  g_assert_nonnull (find_label (row, tissage_effect_get_title (effect)));
  g_assert_nonnull (find_label (row, tissage_indicator_get_title (indicator)));
  save_screenshot (GTK_WIDGET (e.window), "grid-editor.png");

  /* Reordering keeps the focus and the caret of the field being typed in. */
  text = find_widget (row, is_row_titled, _("Question"));
  gtk_widget_grab_focus (text);
  gtk_editable_set_position (GTK_EDITABLE (text), 5);
  focus = gtk_root_get_focus (GTK_ROOT (e.window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (e.editor), "grid.move-question-up", "x", (gint64) 0));
  wait_frames (2);
  g_assert_cmpint (tissage_grid_question_get_position (scale), ==, 0);
  g_assert_cmpint (tissage_grid_question_get_position (open), ==, 1);
  g_assert_cmpint (index_in_list (question_row (&e, scale_id)), ==, 0);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (e.window)) == focus);
  g_assert_cmpint (gtk_editable_get_position (GTK_EDITABLE (text)), ==, 5);

  /* Typing goes on while an edit made elsewhere arrives: the caret stays. */
  gtk_editable_set_text (GTK_EDITABLE (text), "Êtes-vous satisfaits des candidats proposés ?");
  gtk_editable_set_position (GTK_EDITABLE (text), 16);
  g_assert_true (tissage_document_set (e.document, scale, NULL, "guidance", "Relancer si besoin.", NULL));
  wait_frames (2);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (e.window)) == focus);
  g_assert_cmpint (gtk_editable_get_position (GTK_EDITABLE (text)), ==, 16);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_widget (row, is_row_titled, _("Guidance for the Interviewer")))), ==,
                   "Relancer si besoin.");

  /* Across sections: the first question of the second section goes up to the end of the first. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (e.editor), "grid.move-question-up", "x",
                                             tissage_record_get_id (TISSAGE_RECORD (single))));
  wait_frames (2);
  g_assert_cmpint (tissage_grid_question_get_section_id (single), ==, first_id);
  g_assert_cmpint (tissage_grid_question_get_position (single), ==, 3);
  g_assert_cmpint (tissage_grid_question_get_position (multiple), ==, 0);
  g_assert_true (gtk_widget_get_parent (question_row (&e, tissage_record_get_id (TISSAGE_RECORD (single)))) ==
                 gtk_widget_get_parent (question_row (&e, scale_id)));

  /* Undo puts it back, in the file and on screen. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (e.main_window), "win.undo", NULL));
  wait_frames (2);
  g_assert_cmpint (tissage_grid_question_get_section_id (single), ==, second_id);
  g_assert_cmpint (index_in_list (question_row (&e, tissage_record_get_id (TISSAGE_RECORD (single)))), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (e.main_window), "win.undo", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (e.main_window), "win.undo", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (e.main_window), "win.undo", NULL));
  wait_frames (2);
  g_assert_cmpint (tissage_grid_question_get_position (open), ==, 0);
  g_assert_cmpint (index_in_list (question_row (&e, open_id)), ==, 0);
  g_assert_cmpint (index_in_list (question_row (&e, scale_id)), ==, 1);

  /* A question without answers is deleted, with a way back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (e.editor), "grid.delete-question", "x",
                                             tissage_record_get_id (TISSAGE_RECORD (yes_no))));
  wait_frames (2);
  g_assert_null (find_message_dialog ());
  g_assert_null (tissage_document_lookup (e.document, TISSAGE_TYPE_GRID_QUESTION,
                                          tissage_record_get_id (TISSAGE_RECORD (yes_no))));
  g_assert_nonnull (find_label (GTK_WIDGET (e.main_window), _("Question deleted")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (e.main_window), "win.undo", NULL));
  wait_frames (2);
  g_assert_nonnull (question_row (&e, tissage_record_get_id (TISSAGE_RECORD (yes_no))));

  /* Deleting a section leaves its questions outside any section. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (e.editor), "grid.delete-section", "x", second_id));
  wait_frames (2);
  g_assert_cmpint (tissage_grid_question_get_section_id (multiple), ==, 0);
  g_assert_nonnull (find_label (GTK_WIDGET (e.editor), _("Without a Section")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (e.main_window), "win.undo", NULL));
  wait_frames (2);
  g_assert_cmpint (tissage_grid_question_get_section_id (multiple), ==, second_id);
  g_assert_null (find_label (GTK_WIDGET (e.editor), _("Without a Section")));

  editor_close (&e);
}

static void
test_answers_are_kept (void)
{
  Editor e = { NULL, };
  g_autoptr(TissageGridQuestion) question = NULL;
  g_autoptr(TissageInterview) interview = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *restore = NULL;
  g_auto(GStrv) saved = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *row, *dropdown;
  gint64 id;

  editor_open (&e, "reponses.tissage");
  question = add_question (&e, 0, TISSAGE_QUESTION_SINGLE, "Comment avez-vous connu le collectif ?");
  id = tissage_record_get_id (TISSAGE_RECORD (question));
  set_choices (&e, id, "Bouche à oreille\nSalon");
  interview = tissage_document_insert (e.document, TISSAGE_TYPE_INTERVIEW, &error,
                                       "grid-id", tissage_record_get_id (TISSAGE_RECORD (e.grid)),
                                       "pseudonym", "Employeur A", NULL);
  g_assert_no_error (error);
  g_assert_true (tissage_document_set_answer (e.document, interview, question, "Salon", &error));
  g_assert_no_error (error);

  /* Changing its kind asks first; cancelled, nothing changes. */
  row = question_row (&e, id);
  dropdown = find_child_of_type (row, GTK_TYPE_DROP_DOWN);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), TISSAGE_QUESTION_OPEN);
  wait_frames (3);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  respond (dialog, "cancel");
  wait_frames (3);
  g_assert_null (find_message_dialog ());
  g_assert_cmpint (tissage_grid_question_get_kind (question), ==, TISSAGE_QUESTION_SINGLE);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)), ==, TISSAGE_QUESTION_SINGLE);

  /* Dropping a choice in use is asked when the field is left. */
  set_choices (&e, id, "Bouche à oreille\nSalon professionnel");
  saved = tissage_grid_question_dup_choices (question);
  g_assert_cmpstr (saved[1], ==, "Salon");
  g_clear_pointer (&saved, g_strfreev);
  gtk_widget_grab_focus (find_child_of_type (row, GTK_TYPE_TEXT_VIEW));
  wait_frames (2);
  gtk_widget_grab_focus (find_widget (row, is_row_titled, _("Question")));
  wait_frames (3);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, _("Change the Choices?"));
  respond (dialog, "change");
  wait_frames (3);
  saved = tissage_grid_question_dup_choices (question);
  g_assert_cmpstr (saved[1], ==, "Salon professionnel");

  /* Deleting it says how many answers it has and retires it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (e.editor), "grid.delete-question", "x", id));
  wait_frames (3);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "This question has %u answer: it will be removed from the guide, its answer is kept.",
                                       "This question has %u answers: it will be removed from the guide, its answers are kept.",
                                       1), 1);
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, body);
  respond (dialog, "retire");
  wait_frames (3);
  g_assert_nonnull (tissage_document_lookup (e.document, TISSAGE_TYPE_GRID_QUESTION, id));
  g_assert_true (tissage_grid_question_get_retired (question));
  g_assert_cmpuint (tissage_document_count_answers (e.document, question), ==, 1);

  /* Shown at the end, dimmed, with a way to put it back. */
  g_assert_nonnull (find_label (GTK_WIDGET (e.editor), _("Retired Questions")));
  g_assert_true (gtk_widget_has_css_class (question_row (&e, id), "retired-question"));
  /* The button's label as read, without its mnemonic. */
  restore = g_strdup (_("_Restore"));
  memmove (strchr (restore, '_'), strchr (restore, '_') + 1, strlen (strchr (restore, '_')));
  g_assert_nonnull (find_label (question_row (&e, id), restore));
  g_assert_nonnull (find_label (GTK_WIDGET (e.editor), _("No Questions")));
  save_screenshot (GTK_WIDGET (e.window), "grid-editor-retired.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (e.editor), "grid.restore-question", "x", id));
  wait_frames (2);
  g_assert_false (tissage_grid_question_get_retired (question));
  g_assert_false (gtk_widget_has_css_class (question_row (&e, id), "retired-question"));

  editor_close (&e);
}

/* A question added at the end of a long guide is scrolled into view, its
 * text ready to be typed. */
static void
test_new_question_in_view (void)
{
  Editor e = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageGridQuestion) question = NULL;
  GtkWidget *scroller, *row, *text_row;
  graphene_rect_t bounds;

  editor_open (&e, "guide-long.tissage");
  for (int i = 0; i < 30; i++)
    {
      g_autofree char *text = g_strdup_printf ("Question %d du guide", i + 1);
      g_autoptr(TissageGridQuestion) q =
        tissage_document_insert (e.document, TISSAGE_TYPE_GRID_QUESTION, &error,
                                 "grid-id", tissage_record_get_id (TISSAGE_RECORD (e.grid)),
                                 "text", text, "position", i, NULL);

      g_assert_no_error (error);
    }
  wait_frames (10);
  scroller = find_child_of_type (GTK_WIDGET (e.editor), GTK_TYPE_SCROLLED_WINDOW);
  g_assert_nonnull (scroller);
  g_assert_cmpfloat (gtk_adjustment_get_upper (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller))),
                     >, 2 * gtk_widget_get_height (scroller));
  g_assert_cmpfloat (gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller))),
                     ==, 0);

  question = add_question (&e, 0, TISSAGE_QUESTION_OPEN, "Qu'avez-vous appris ?");
  wait_frames (10);
  row = question_row (&e, tissage_record_get_id (TISSAGE_RECORD (question)));
  text_row = find_widget (row, is_row_titled, _("Question"));
  g_assert_true (gtk_widget_compute_bounds (text_row, scroller, &bounds));
  g_test_message ("new question at %g to %g in a view of %d px", bounds.origin.y,
                  bounds.origin.y + bounds.size.height, gtk_widget_get_height (scroller));
  g_assert_cmpfloat (bounds.origin.y, >=, 0);
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (scroller));
  save_screenshot (GTK_WIDGET (e.window), "guide-new-question-in-view.png");

  editor_close (&e);
}

/* A question is a row of its own type, from its template: its buttons
 * act on it, its drop-down offers every kind of answer, and what is
 * typed in it is saved. */
static void
test_question_row_template (void)
{
  Editor e = { 0, };
  g_autoptr(TissageGridQuestion) question = NULL;
  g_autoptr(GVariant) target = NULL;
  g_autofree char *name = NULL;
  TissageGridQuestionRow *row;
  gint64 id;

  editor_open (&e, "guide-gabarit.tissage");
  question = add_question (&e, 0, TISSAGE_QUESTION_OPEN, "Qu'est-ce qui a changé ?");
  wait_frames (5);
  id = tissage_record_get_id (TISSAGE_RECORD (question));
  g_assert_true (TISSAGE_IS_GRID_QUESTION_ROW (question_row (&e, id)));
  row = TISSAGE_GRID_QUESTION_ROW (question_row (&e, id));

  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (row->remove)), ==, "grid.delete-question");
  target = g_variant_ref_sink (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (row->remove)));
  g_assert_cmpint (g_variant_get_int64 (target), ==, id);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (row->kind_dropdown))),
                    ==, TISSAGE_N_QUESTION_KINDS);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (row->kind_dropdown)), ==, TISSAGE_QUESTION_OPEN);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row->text_row)), ==, "Qu'est-ce qui a changé ?");

  retype_field (row->guidance_row, "Laisser le temps");
  wait_frames (3);
  {
    g_autofree char *guidance = NULL;

    g_object_get (question, "guidance", &guidance, NULL);
    g_assert_cmpstr (guidance, ==, "Laisser le temps");
  }

  /* Without answers, it goes from the guide. */
  name = g_strdup_printf ("question-%" G_GINT64_FORMAT, id);
  g_signal_emit_by_name (row->remove, "clicked");
  wait_frames (5);
  g_assert_null (find_widget (GTK_WIDGET (e.editor), has_widget_name, name));

  editor_close (&e);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/grids/build-guide", test_build_guide);
  g_test_add_func ("/ui/grids/new-question-in-view", test_new_question_in_view);
  g_test_add_func ("/ui/grids/answers-are-kept", test_answers_are_kept);
  g_test_add_func ("/ui/grids/question-row-template", test_question_row_template);

  return ui_test_run ();
}

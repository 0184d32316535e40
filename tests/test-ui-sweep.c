/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "tissage-entities.h"
#include "tissage-interviews.h"
#include "tissage-grid-editor.h"
#include "tissage-interviews-page.h"
#include "tissage-referentiel.h"
#include "tissage-referentiel-page.h"
#include "tissage-stakeholder-page.h"
#include "tissage-structures-window.h"
#include "tissage-ui-test-utils.h"

/*
 * The sweep: the whole window on the example project, every section, pane
 * and dialog visited, every field that takes text typed into, every
 * drop-down moved, and one item of each kind added and deleted and each
 * undone. The file is read after each step, as another program would:
 * intact (PRAGMA integrity_check), and after an undo holding exactly the
 * rows it held before.
 */

/* Fields typed into per place: enough for every pane, bounded for ASan. */
#define MAX_FIELDS 40
#define MAX_DROP_DOWNS 12

static char *project_path;

/* The rows of every table, one "table count digest" a line, once the
 * file has been checked intact. The full-text index's own tables are left out: they
 * are rewritten in segments that need not come back as they were. */
static char *
file_state (void)
{
  g_autoptr(GString) state = g_string_new (NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (project_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);

  /* Nor the record of deletions: a row added then undone leaves its
   * UUID there, rightly, for a contribution prepared meanwhile holds it. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table' "
                                       "AND name NOT LIKE '%\\_fts\\_%' ESCAPE '\\' AND name <> 'deletions' ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  g_assert_cmpuint (tables->len, >, 10);

  for (guint i = 0; i < tables->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY rowid", (char *) tables->pdata[i]);
      g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);
      gint64 rows = 0;

      /* The rows, and what they hold: a change of a value shows too. */
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              const guchar *blob = sqlite3_column_blob (stmt, c);
              int size = sqlite3_column_bytes (stmt, c);

              if (blob != NULL)
                g_checksum_update (checksum, blob, size);
              g_checksum_update (checksum, (const guchar *) "|", 1);
            }
          rows++;
        }
      sqlite3_finalize (stmt);
      g_string_append_printf (state, "%s %" G_GINT64_FORMAT " %.12s\n", (char *) tables->pdata[i],
                              rows, g_checksum_get_string (checksum));
    }
  sqlite3_close (db);

  return g_string_free (g_steal_pointer (&state), FALSE);
}

static void
check_file_intact (void)
{
  g_autofree char *state = file_state ();
}

/* Answers a confirmation, if one was asked, as the user who means it. */
static void
confirm_if_asked (void)
{
  AdwMessageDialog *dialog;

  wait_frames (2);
  dialog = find_message_dialog ();
  if (dialog == NULL)
    return;
  {
    const char *meant[] = { "delete", "retire", "add" };
    const char *response = adw_message_dialog_get_default_response (dialog);

    for (guint i = 0; i < G_N_ELEMENTS (meant); i++)
      if (adw_message_dialog_has_response (dialog, meant[i]))
        {
          response = meant[i];
          break;
        }
    adw_message_dialog_response (dialog, response);
  }
  gtk_window_close (GTK_WINDOW (dialog));
  wait_frames (3);
}

typedef void (*SweepStep) (TissageWindow *window);

/* One change made as the user does: it reaches the file, and Ctrl+Z (the
 * window's undo) takes every row back to what the file held before. */
static void
step_and_undo (TissageWindow *window,
               const char    *what,
               SweepStep      step)
{
  g_autofree char *before = file_state ();
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;

  g_test_message ("sweep: %s", what);
  step (window);
  confirm_if_asked ();
  after = file_state ();
  if (g_strcmp0 (before, after) == 0)
    g_error ("%s changed nothing in the file", what);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  wait_frames (4);
  undone = file_state ();
  g_assert_cmpstr (undone, ==, before);
}

/* What a person can type into: a shown, sensitive, editable text. Search
 * fields are left out: they edit nothing, and what they hide would hide
 * the fields after them. */
static gboolean
is_typable (GtkWidget     *widget,
            gconstpointer  data)
{
  if (!gtk_widget_is_sensitive (widget) || gtk_widget_get_ancestor (widget, GTK_TYPE_SEARCH_ENTRY) != NULL)
    return FALSE;
  if (GTK_IS_TEXT_VIEW (widget))
    return gtk_text_view_get_editable (GTK_TEXT_VIEW (widget));
  return GTK_IS_TEXT (widget) && gtk_editable_get_editable (GTK_EDITABLE (widget));
}

static gboolean
is_drop_down (GtkWidget     *widget,
              gconstpointer  data)
{
  return (GTK_IS_DROP_DOWN (widget) || ADW_IS_COMBO_ROW (widget)) && gtk_widget_is_sensitive (widget);
}

/* A letter, a word and a date at the end of every field of @root, each
 * field left as the user leaves it, and every drop-down moved to its next
 * choice; the file checked after each. */
static guint
type_everywhere (GtkWidget  *root,
                 const char *place)
{
  guint typed = 0;

  for (guint i = 0; i < MAX_FIELDS; i++)
    {
      GtkWidget *field = find_nth_widget (root, TRUE, is_typable, NULL, i);

      if (field == NULL)
        break;

      {
        GtkWidget *row = gtk_widget_get_ancestor (field, ADW_TYPE_PREFERENCES_ROW);

        g_test_message ("sweep: typing into %s %s", G_OBJECT_TYPE_NAME (field),
                        row != NULL ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)) : "");
      }
      gtk_widget_grab_focus (field);
      if (GTK_IS_TEXT_VIEW (field))
        {
          GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (field));

          gtk_text_buffer_insert_interactive_at_cursor (buffer, "é vingt 31/12/2025", -1, TRUE);
          wait_frames (1);
        }
      else
        type_text (GTK_EDITABLE (field), "é 31/12/2025");
      /* The field may be gone with what it edited: leave from the window. */
      if (gtk_widget_get_root (field) != NULL)
        leave_field (field);
      check_file_intact ();
      typed++;
    }

  for (guint i = 0; i < MAX_DROP_DOWNS; i++)
    {
      GtkWidget *drop = find_nth_widget (root, TRUE, is_drop_down, NULL, i);
      GListModel *model;
      guint selected, n;

      if (drop == NULL)
        break;
      model = GTK_IS_DROP_DOWN (drop) ? gtk_drop_down_get_model (GTK_DROP_DOWN (drop))
                                      : adw_combo_row_get_model (ADW_COMBO_ROW (drop));
      n = model != NULL ? g_list_model_get_n_items (model) : 0;
      if (n < 2)
        continue;
      g_object_get (drop, "selected", &selected, NULL);
      g_object_set (drop, "selected", (selected + 1) % n, NULL);
      wait_frames (2);
      check_file_intact ();
      typed++;
    }

  g_test_message ("sweep: %u fields and drop-downs in %s", typed, place);
  return typed;
}

/* The first @n rows that fold, unfolded, as the user opens them to edit. */
static void
open_rows (GtkWidget *root,
           guint      n)
{
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = find_nth_widget (root, TRUE, is_of_type, GSIZE_TO_POINTER (ADW_TYPE_EXPANDER_ROW), i);

      if (row == NULL)
        break;
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      wait_frames (2);
    }
}

static gpointer
first_record (TissageWindow *window,
              GType          type)
{
  GListModel *records = tissage_document_get_records (tissage_window_get_document (window), type);

  g_assert_cmpuint (g_list_model_get_n_items (records), >, 0);
  return g_list_model_get_item (records, 0);
}

static TissageReferentielPage *
referentiel_page (TissageWindow *window)
{
  tissage_window_show_section (window, "referentiel");
  wait_frames (3);
  return TISSAGE_REFERENTIEL_PAGE (tissage_window_get_referentiel_page (window));
}

static void
select_in_referentiel (TissageWindow *window,
                       GType          type)
{
  TissageReferentielPage *page = referentiel_page (window);
  g_autoptr(TissageRecord) record = first_record (window, type);

  g_assert_true (tissage_referentiel_page_select (page, record));
  wait_frames (3);
}

static void
activate (GtkWidget  *widget,
          const char *action,
          GVariant   *parameter)
{
  if (!gtk_widget_activate_action_variant (widget, action, parameter))
    g_error ("%s could not be activated", action);
  wait_frames (4);
}

static void
add_stakeholder (TissageWindow *window)
{
  tissage_window_show_section (window, "stakeholders");
  activate (GTK_WIDGET (window), "win.add-stakeholder", NULL);
}

static void
delete_stakeholder (TissageWindow *window)
{
  TissageStakeholderPage *page = TISSAGE_STAKEHOLDER_PAGE (tissage_window_get_stakeholder_page (window));
  g_autoptr(TissageStakeholder) stakeholder = first_record (window, TISSAGE_TYPE_STAKEHOLDER);

  tissage_window_show_section (window, "stakeholders");
  g_assert_true (tissage_stakeholder_page_select (page, stakeholder));
  wait_frames (2);
  activate (GTK_WIDGET (window), "win.delete-stakeholder", NULL);
}

static void
add_stake (TissageWindow *window)
{
  activate (GTK_WIDGET (referentiel_page (window)), "ref.add-stake", NULL);
}

static void
add_question_of_stake (TissageWindow *window)
{
  select_in_referentiel (window, TISSAGE_TYPE_STAKE);
  activate (GTK_WIDGET (referentiel_page (window)), "ref.add-question", NULL);
}

static void
add_effect (TissageWindow *window)
{
  select_in_referentiel (window, TISSAGE_TYPE_EVAL_QUESTION);
  activate (GTK_WIDGET (referentiel_page (window)), "ref.add-effect", NULL);
}

static void
add_indicator (TissageWindow *window)
{
  select_in_referentiel (window, TISSAGE_TYPE_EFFECT);
  activate (GTK_WIDGET (referentiel_page (window)), "ref.add-indicator", NULL);
}

static void
delete_indicator (TissageWindow *window)
{
  select_in_referentiel (window, TISSAGE_TYPE_INDICATOR);
  activate (GTK_WIDGET (referentiel_page (window)), "ref.delete", NULL);
}

static void
delete_effect (TissageWindow *window)
{
  select_in_referentiel (window, TISSAGE_TYPE_EFFECT);
  activate (GTK_WIDGET (referentiel_page (window)), "ref.delete", NULL);
}

static void
delete_stake (TissageWindow *window)
{
  select_in_referentiel (window, TISSAGE_TYPE_STAKE);
  activate (GTK_WIDGET (referentiel_page (window)), "ref.delete", NULL);
}

static void
add_period (TissageWindow *window)
{
  TissageReferentielPage *page;
  GtkWidget *entry;

  select_in_referentiel (window, TISSAGE_TYPE_INDICATOR);
  page = referentiel_page (window);
  entry = find_widget (tissage_referentiel_page_get_measures (page), has_placeholder,
                       _("New period, such as 2027 or 1st half 2027"));
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "2031");
  g_signal_emit_by_name (entry, "activate");
  wait_frames (3);
}

static GtkWidget *
toc_button (TissageWindow *window,
            const char    *tooltip)
{
  TissageReferentielPage *page = referentiel_page (window);
  GtkWidget *toc = tissage_referentiel_page_get_toc (page);
  GtkWidget *button;

  tissage_referentiel_page_show_toc (page, TRUE);
  wait_mapped (toc);
  button = find_shown_widget (toc, has_tooltip, tooltip);
  g_assert_nonnull (button);
  return button;
}

static void
add_card (TissageWindow *window)
{
  g_autofree char *add = g_strdup_printf (_("Add a Card to “%s”"), _("Impact"));

  g_signal_emit_by_name (toc_button (window, add), "clicked");
  wait_frames (4);
}

static void
delete_card (TissageWindow *window)
{
  g_signal_emit_by_name (toc_button (window, _("Delete the Card")), "clicked");
  wait_frames (4);
}

static TissageInterviewsPage *
interviews_page (TissageWindow *window,
                 const char    *mode)
{
  TissageInterviewsPage *page = TISSAGE_INTERVIEWS_PAGE (tissage_window_get_interviews_page (window));

  tissage_window_show_section (window, "interviews");
  tissage_interviews_page_show_mode (page, mode);
  wait_frames (4);
  return page;
}

static void
add_interview (TissageWindow *window)
{
  interviews_page (window, "interviews");
  activate (GTK_WIDGET (window), "win.new-interview", NULL);
}

static void
delete_interview (TissageWindow *window)
{
  TissageInterviewsPage *page = interviews_page (window, "interviews");
  g_autoptr(TissageInterview) interview = first_record (window, TISSAGE_TYPE_INTERVIEW);

  g_assert_true (tissage_interviews_page_select (page, interview));
  wait_frames (3);
  activate (GTK_WIDGET (window), "win.delete-interview", NULL);
}

static void
add_guide (TissageWindow *window)
{
  activate (GTK_WIDGET (interviews_page (window, "grids")), "interviews.add-grid", NULL);
}

static void
delete_guide (TissageWindow *window)
{
  activate (GTK_WIDGET (interviews_page (window, "grids")), "interviews.delete-grid", NULL);
}

static GtkWidget *
grid_editor (TissageWindow *window)
{
  GtkWidget *editor = find_widget (GTK_WIDGET (interviews_page (window, "grids")),
                                   is_of_type, GSIZE_TO_POINTER (TISSAGE_TYPE_GRID_EDITOR));

  g_assert_nonnull (editor);
  return editor;
}

static void
add_question (TissageWindow *window)
{
  activate (grid_editor (window), "grid.add-question", g_variant_new_int64 (-1));
}

static void
add_section (TissageWindow *window)
{
  activate (grid_editor (window), "grid.add-section", NULL);
}

static void
delete_question (TissageWindow *window)
{
  GtkWidget *editor = grid_editor (window);
  TissageGrid *grid = tissage_interviews_page_get_selected_grid (TISSAGE_INTERVIEWS_PAGE (tissage_window_get_interviews_page (window)));
  GListModel *questions = tissage_document_get_records (tissage_window_get_document (window),
                                                        TISSAGE_TYPE_GRID_QUESTION);
  gint64 question_id = 0;

  g_assert_nonnull (grid);
  for (guint i = 0; i < g_list_model_get_n_items (questions) && question_id == 0; i++)
    {
      g_autoptr(TissageRecord) question = g_list_model_get_item (questions, i);
      gint64 of_grid = 0;

      g_object_get (question, "grid-id", &of_grid, NULL);
      if (of_grid == tissage_record_get_id (TISSAGE_RECORD (grid)))
        question_id = tissage_record_get_id (question);
    }
  g_assert_cmpint (question_id, >, 0);
  activate (editor, "grid.delete-question", g_variant_new_int64 (question_id));
}

static GtkWindow *
structures_window (TissageWindow *window)
{
  GtkWindow *dialog = find_toplevel (TISSAGE_TYPE_STRUCTURES_WINDOW);

  if (dialog == NULL)
    {
      activate (GTK_WIDGET (window), "win.manage-structures", NULL);
      dialog = find_toplevel (TISSAGE_TYPE_STRUCTURES_WINDOW);
      wait_mapped (GTK_WIDGET (dialog));
    }
  g_assert_nonnull (dialog);
  return dialog;
}

/* The page of the structures and categories window, 0 or 1, shown. */
static GtkWindow *
structures_page (TissageWindow *window,
                 guint          n)
{
  GtkWindow *dialog = structures_window (window);
  GtkWidget *page = find_nth_widget (GTK_WIDGET (dialog), FALSE, is_of_type,
                                     GSIZE_TO_POINTER (ADW_TYPE_PREFERENCES_PAGE), n);

  g_assert_nonnull (page);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (dialog), ADW_PREFERENCES_PAGE (page));
  wait_frames (3);
  return dialog;
}

static void
add_structure (TissageWindow *window)
{
  GtkWidget *add = find_shown_widget (GTK_WIDGET (structures_page (window, 0)), has_tooltip,
                                      _("Add a Member Structure"));

  g_assert_nonnull (add);
  g_signal_emit_by_name (add, "clicked");
  wait_frames (4);
}

static void
add_category (TissageWindow *window)
{
  GtkWidget *add = find_shown_widget (GTK_WIDGET (structures_page (window, 1)), has_tooltip,
                                      _("Add a Category"));

  g_assert_nonnull (add);
  g_signal_emit_by_name (add, "clicked");
  wait_frames (4);
}

static void
test_sweep (void)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) example = NULL;
  g_autofree char *original = NULL;
  TissageInterviewsPage *interviews;
  TissageWindow *window;
  GtkWindow *dialog;
  guint typed = 0;

  project_path = g_build_filename (tmp_dir, "balayage.tissage", NULL);
  file = g_file_new_for_path (project_path);
  example = tissage_document_create_example (file, &error);
  g_assert_no_error (error);
  g_clear_object (&example);
  original = file_state ();

  window = open_window (file);

  /* One item of each kind, added then deleted, each undone. */
  step_and_undo (window, "a stakeholder added", add_stakeholder);
  step_and_undo (window, "a stakeholder deleted", delete_stakeholder);
  step_and_undo (window, "a stake added", add_stake);
  step_and_undo (window, "an evaluation question added", add_question_of_stake);
  step_and_undo (window, "an effect added", add_effect);
  step_and_undo (window, "an indicator added", add_indicator);
  step_and_undo (window, "an indicator deleted", delete_indicator);
  step_and_undo (window, "an effect deleted", delete_effect);
  step_and_undo (window, "a stake deleted", delete_stake);
  step_and_undo (window, "a period added", add_period);
  step_and_undo (window, "a card added", add_card);
  step_and_undo (window, "an interview added", add_interview);
  step_and_undo (window, "an interview deleted", delete_interview);
  step_and_undo (window, "a guide added", add_guide);
  step_and_undo (window, "a question added", add_question);
  step_and_undo (window, "a section added", add_section);
  step_and_undo (window, "a question deleted", delete_question);
  step_and_undo (window, "a structure added", add_structure);
  step_and_undo (window, "a category added", add_category);
  {
    g_autofree char *now = file_state ();

    g_assert_cmpstr (now, ==, original);
  }

  /* A card and a guide of their own, so that there is one to delete (the
   * example's guides hold interviews, which keep them). */
  add_card (window);
  step_and_undo (window, "a card deleted", delete_card);
  add_guide (window);
  step_and_undo (window, "a guide deleted", delete_guide);

  /* Every field of every place, typed into. */
  dialog = structures_page (window, 0);
  open_rows (GTK_WIDGET (dialog), 3);
  typed += type_everywhere (GTK_WIDGET (dialog), "the structures");
  structures_page (window, 1);
  open_rows (GTK_WIDGET (dialog), 3);
  typed += type_everywhere (GTK_WIDGET (dialog), "the categories");
  gtk_window_destroy (dialog);
  wait_frames (3);

  tissage_window_show_section (window, "stakeholders");
  wait_frames (4);
  {
    TissageStakeholderPage *page = TISSAGE_STAKEHOLDER_PAGE (tissage_window_get_stakeholder_page (window));
    g_autoptr(TissageStakeholder) stakeholder = first_record (window, TISSAGE_TYPE_STAKEHOLDER);

    g_assert_true (tissage_stakeholder_page_select (page, stakeholder));
    wait_frames (4);
    typed += type_everywhere (GTK_WIDGET (page), "the stakeholders");
  }

  {
    GType kinds[] = { TISSAGE_TYPE_STAKE, TISSAGE_TYPE_EVAL_QUESTION, TISSAGE_TYPE_EFFECT, TISSAGE_TYPE_INDICATOR };

    for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
      {
        TissageReferentielPage *page = referentiel_page (window);

        tissage_referentiel_page_show_toc (page, FALSE);
        select_in_referentiel (window, kinds[i]);
        typed += type_everywhere (GTK_WIDGET (page), g_type_name (kinds[i]));
      }
    tissage_referentiel_page_show_toc (referentiel_page (window), TRUE);
    wait_frames (4);
    typed += type_everywhere (GTK_WIDGET (referentiel_page (window)), "the theory of change");
    tissage_referentiel_page_show_toc (referentiel_page (window), FALSE);
  }

  interviews = interviews_page (window, "interviews");
  {
    g_autoptr(TissageInterview) interview = first_record (window, TISSAGE_TYPE_INTERVIEW);

    g_assert_true (tissage_interviews_page_select (interviews, interview));
    wait_frames (6);
    typed += type_everywhere (GTK_WIDGET (interviews), "an interview");
  }
  open_rows (GTK_WIDGET (interviews_page (window, "grids")), 3);
  typed += type_everywhere (GTK_WIDGET (interviews_page (window, "grids")), "the guides");
  typed += type_everywhere (GTK_WIDGET (interviews_page (window, "verbatims")), "the verbatims");

  tissage_window_show_section (window, "synthesis");
  wait_frames (6);
  typed += type_everywhere (tissage_window_get_synthesis_page (window), "the summary");

  g_assert_cmpuint (typed, >, 40);
  check_file_intact ();

  close_window (window);
  g_clear_pointer (&project_path, g_free);
}

/* One place of the window to look at: a section, its mode, what is open. */
typedef struct {
  const char *name;
  void      (*show) (TissageWindow *window);
} Place;

static void
show_map_layout (TissageWindow *window,
                 const char    *tooltip)
{
  GtkWidget *page = tissage_window_get_stakeholder_page (window);
  GtkWidget *toggle;

  tissage_window_show_section (window, "stakeholders");
  wait_frames (3);
  toggle = find_shown_widget (page, has_tooltip, tooltip);
  g_assert_nonnull (toggle);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
}

static void
show_map_rings (TissageWindow *window)
{
  show_map_layout (window, _("Concentric rings of proximity to the collective, one sector per category"));
}

static void
show_map_grid (TissageWindow *window)
{
  show_map_layout (window, _("The influence and interest grid"));
}

static void
show_map_free (TissageWindow *window)
{
  show_map_layout (window, _("Place the stakeholders where you like"));
}

static void
show_stakeholder (TissageWindow *window)
{
  TissageStakeholderPage *page = TISSAGE_STAKEHOLDER_PAGE (tissage_window_get_stakeholder_page (window));
  g_autoptr(TissageStakeholder) stakeholder = first_record (window, TISSAGE_TYPE_STAKEHOLDER);

  show_map_rings (window);
  g_assert_true (tissage_stakeholder_page_select (page, stakeholder));
}

static void
show_framework_stake (TissageWindow *window)
{
  tissage_referentiel_page_show_toc (referentiel_page (window), FALSE);
  select_in_referentiel (window, TISSAGE_TYPE_STAKE);
}

static void
show_framework_indicator (TissageWindow *window)
{
  tissage_referentiel_page_show_toc (referentiel_page (window), FALSE);
  select_in_referentiel (window, TISSAGE_TYPE_INDICATOR);
}

static void
show_theory_of_change (TissageWindow *window)
{
  tissage_referentiel_page_show_toc (referentiel_page (window), TRUE);
}

static void
show_interview (TissageWindow *window)
{
  TissageInterviewsPage *page = interviews_page (window, "interviews");
  g_autoptr(TissageInterview) interview = first_record (window, TISSAGE_TYPE_INTERVIEW);

  g_assert_true (tissage_interviews_page_select (page, interview));
}

static void
show_guides (TissageWindow *window)
{
  interviews_page (window, "grids");
}

static void
show_verbatims (TissageWindow *window)
{
  interviews_page (window, "verbatims");
}

static void
show_summary (TissageWindow *window)
{
  tissage_window_show_section (window, "synthesis");
}

#define SCREEN_WIDTH 1366
#define SCREEN_HEIGHT 768

/* The window as drawn, and whether it still fits the screen. */
static void
look_at (GtkWidget  *window,
         const char *name)
{
  g_autofree char *png = g_strdup_printf ("1366x768-%s.png", name);
  int min_width = 0, natural_width = 0;

  wait_frames (15);
  gtk_widget_measure (window, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, &natural_width, NULL, NULL);
  g_test_message ("%s: %d × %d, minimum width %d, natural %d", name,
                  gtk_widget_get_width (window), gtk_widget_get_height (window), min_width, natural_width);
  save_screenshot (window, png);
  if (min_width > SCREEN_WIDTH || natural_width > SCREEN_WIDTH || gtk_widget_get_width (window) > SCREEN_WIDTH)
    g_test_fail_printf ("%s is wider than a %d px screen: minimum %d, natural %d, drawn %d", name,
                        SCREEN_WIDTH, min_width, natural_width, gtk_widget_get_width (window));
}

/*
 * Every section and mode of the window on the example project, on a screen
 * of 1366 × 768, one PNG each in the build folder's tests/screenshots: the
 * test fails if the window asks for more width than the screen has.
 */
static void
test_screenshots (void)
{
  static const Place places[] = {
    { "01-parties-prenantes-anneaux", show_map_rings },
    { "02-parties-prenantes-grille", show_map_grid },
    { "03-parties-prenantes-libre", show_map_free },
    { "04-partie-prenante", show_stakeholder },
    { "05-referentiel-enjeu", show_framework_stake },
    { "06-referentiel-indicateur", show_framework_indicator },
    { "07-theorie-du-changement", show_theory_of_change },
    { "08-entretien", show_interview },
    { "09-guides", show_guides },
    { "10-verbatims", show_verbatims },
    { "11-synthese", show_summary },
  };
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) example = NULL;
  TissageWindow *window;

  project_path = g_build_filename (tmp_dir, "captures.tissage", NULL);
  file = g_file_new_for_path (project_path);
  example = tissage_document_create_example (file, &error);
  g_assert_no_error (error);
  g_clear_object (&example);

  /* The welcome, before any project. */
  window = tissage_window_new (GTK_APPLICATION (application));
  gtk_window_set_default_size (GTK_WINDOW (window), SCREEN_WIDTH, SCREEN_HEIGHT);
  gtk_window_present (GTK_WINDOW (window));
  wait_mapped (GTK_WIDGET (window));
  look_at (GTK_WIDGET (window), "00-accueil");

  g_assert_true (tissage_window_open_file (window, file));
  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      places[i].show (window);
      look_at (GTK_WIDGET (window), places[i].name);
    }

  /* The dialogs the menu opens, over the window. */
  {
    GtkWindow *dialog = structures_window (window);

    look_at (GTK_WIDGET (dialog), "12-structures");
    gtk_window_destroy (dialog);
  }

  close_window (window);
  g_clear_pointer (&project_path, g_free);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/sweep/every-place", test_sweep);
  g_test_add_func ("/sweep/screenshots-1366", test_screenshots);

  return ui_test_run ();
}

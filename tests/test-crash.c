/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "tissage-document-private.h"
#include "tissage-interviews.h"

/*
 * A writer process makes edits and says "ack N" once each call has
 * returned; the test kills it without warning in the middle of the series.
 * Every acknowledged edit must then be in the file, and the file sound.
 */

#define WANTED_ACKS 150

static int
run_writer (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = tissage_document_open (file, &error);

  if (document == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  for (int i = 0; i < 100000; i++)
    {
      g_autofree char *name = g_strdup_printf ("Partie prenante %d", i);
      g_autofree char *text = g_strdup_printf ("Notes saisies pendant l'entretien %d — %s", i,
                                               "Le collectif a orienté trois jeunes vers l'atelier.");
      g_autoptr(TissageStakeholder) stakeholder = NULL;

      stakeholder = tissage_document_insert (document, TISSAGE_TYPE_STAKEHOLDER, &error,
                                             "name", name, "influence", i % 101, NULL);
      if (stakeholder == NULL ||
          !tissage_document_set (document, stakeholder, &error, "description", text, NULL))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }

      printf ("ack %d\n", i);
      fflush (stdout);
    }

  return 0;
}

/* Notes typed up after an interview, one keystroke at a time. */
static const char interview_notes[] =
  "Au début je ne voulais pas venir, je pensais que c'était encore un rendez-vous pour rien. "
  "La conseillère de la Mission locale m'a présenté l'éducateur du chantier, et on a fait le point "
  "ensemble sur ce que je savais faire. Trois mois après j'avais un contrat à l'ETTI, et maintenant "
  "je passe le permis avec l'aide du PLIE. ";

static int
run_interview_writer (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = tissage_document_open (file, &error);
  g_autoptr(GString) typed = g_string_new (NULL);
  TissageInterview *interview;
  TissageGridQuestion *question;

  if (document == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  interview = g_list_model_get_item (tissage_document_get_records (document, TISSAGE_TYPE_INTERVIEW), 0);
  question = g_list_model_get_item (tissage_document_get_records (document, TISSAGE_TYPE_GRID_QUESTION), 0);

  for (int round = 0; round < 1000; round++)
    for (const char *p = interview_notes; *p != '\0'; p = g_utf8_next_char (p))
      {
        g_string_append_unichar (typed, g_utf8_get_char (p));
        if (!tissage_document_set_answer (document, interview, question, typed->str, &error))
          {
            g_printerr ("%s\n", error->message);
            return 1;
          }
        printf ("ack %" G_GSIZE_FORMAT "\n", typed->len);
        fflush (stdout);
      }

  g_object_unref (interview);
  g_object_unref (question);
  return 0;
}

/* Kills @argv's process once it has acknowledged @wanted edits; returns the last. */
static int
kill_after_acks (const char *self_path,
                 const char *mode,
                 const char *path,
                 int         wanted)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) writer = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  int last_ack = -1;

  writer = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, self_path, mode, path, NULL);
  g_assert_no_error (error);

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (writer));
  while (last_ack < wanted)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (line);
      g_assert_true (g_str_has_prefix (line, "ack "));
      last_ack = atoi (line + 4);
    }

  g_subprocess_send_signal (writer, SIGKILL);
  g_subprocess_wait (writer, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (g_subprocess_get_if_exited (writer));

  return last_ack;
}

static void
assert_integrity (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);
      g_unlink (child);
    }
  g_rmdir (dir);
}

static void
test_kill_while_typing_an_interview (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tissage-crash-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "entretiens.tissage", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(TissageDocument) document = NULL;
  g_autoptr(TissageGrid) grid = NULL;
  g_autoptr(TissageGridQuestion) question = NULL;
  g_autoptr(TissageInterview) interview = NULL;
  g_autoptr(TissageAnswer) answer = NULL;
  g_autofree char *self_path = g_test_build_filename (G_TEST_BUILT, "test-crash", NULL);
  const char *text;
  int last_ack;

  document = tissage_document_create (file, &error);
  g_assert_no_error (error);
  grid = tissage_document_insert (document, TISSAGE_TYPE_GRID, &error, "title", "Entretien bénéficiaires", NULL);
  question = tissage_document_insert (document, TISSAGE_TYPE_GRID_QUESTION, &error,
                                      "grid-id", tissage_record_get_id (TISSAGE_RECORD (grid)),
                                      "text", "Racontez-nous votre parcours.", NULL);
  interview = tissage_document_insert (document, TISSAGE_TYPE_INTERVIEW, &error,
                                       "grid-id", tissage_record_get_id (TISSAGE_RECORD (grid)), NULL);
  g_assert_no_error (error);
  g_clear_object (&document);

  /* Killed mid-word, mid-sentence: every acknowledged keystroke is there. */
  last_ack = kill_after_acks (self_path, "--interview-writer", path, 300);
  assert_integrity (path);

  document = tissage_document_open (file, &error);
  g_assert_no_error (error);
  g_clear_object (&interview);
  interview = g_list_model_get_item (tissage_document_get_records (document, TISSAGE_TYPE_INTERVIEW), 0);
  g_clear_object (&question);
  question = g_list_model_get_item (tissage_document_get_records (document, TISSAGE_TYPE_GRID_QUESTION), 0);
  answer = tissage_document_get_answer (document, interview, question);
  g_assert_nonnull (answer);
  text = tissage_answer_get_text (answer);
  g_assert_cmpuint (strlen (text), >=, (gsize) last_ack);
  g_assert_true (strncmp (text, interview_notes, MIN ((gsize) last_ack, strlen (interview_notes))) == 0);
  g_test_message ("%d bytes typed survived", last_ack);

  g_clear_object (&document);
  remove_dir (dir);
}

static void
test_kill_during_edits (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tissage-crash-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "projet.tissage", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(TissageDocument) document = NULL;
  g_autofree char *self_path = g_test_build_filename (G_TEST_BUILT, "test-crash", NULL);
  int last_ack;

  document = tissage_document_create (file, &error);
  g_assert_no_error (error);
  g_clear_object (&document);

  last_ack = kill_after_acks (self_path, "--writer", path, WANTED_ACKS);

  /* The file passes an integrity check straight after the kill. */
  assert_integrity (path);

  document = tissage_document_open (file, &error);
  g_assert_no_error (error);

  for (int i = 0; i <= last_ack; i++)
    {
      g_autofree char *name = g_strdup_printf ("Partie prenante %d", i);
      GListModel *model = tissage_document_get_stakeholders (document);
      gboolean found = FALSE;

      for (guint j = 0; j < g_list_model_get_n_items (model) && !found; j++)
        {
          g_autoptr(TissageStakeholder) s = g_list_model_get_item (model, j);

          if (g_str_equal (tissage_stakeholder_get_name (s), name))
            {
              found = TRUE;
              g_assert_true (g_str_has_prefix (tissage_stakeholder_get_description (s), "Notes saisies"));
            }
        }
      g_assert_true (found);
    }

  g_test_message ("%d acknowledged edits survived", last_ack + 1);

  g_clear_object (&document);
  remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");

  if (argc == 3 && g_str_equal (argv[1], "--writer"))
    return run_writer (argv[2]);
  if (argc == 3 && g_str_equal (argv[1], "--interview-writer"))
    return run_interview_writer (argv[2]);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/crash/kill-during-edits", test_kill_during_edits);
  g_test_add_func ("/crash/kill-while-typing-an-interview", test_kill_while_typing_an_interview);

  return g_test_run ();
}

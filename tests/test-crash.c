#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>

#include "tissage-document-private.h"

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

static void
test_kill_during_edits (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tissage-crash-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "projet.tissage", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(TissageDocument) document = NULL;
  g_autoptr(GSubprocess) writer = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *self_path = NULL;
  int last_ack = -1;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  document = tissage_document_create (file, &error);
  g_assert_no_error (error);
  g_clear_object (&document);

  self_path = g_test_build_filename (G_TEST_BUILT, "test-crash", NULL);
  writer = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                             self_path, "--writer", path, NULL);
  g_assert_no_error (error);

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (writer));
  while (last_ack < WANTED_ACKS)
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

  /* The file passes an integrity check straight after the kill. */
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  sqlite3_close (db);

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
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *child = g_build_filename (dir, name, NULL);
        g_unlink (child);
      }
  }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");

  if (argc == 3 && g_str_equal (argv[1], "--writer"))
    return run_writer (argv[2]);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/crash/kill-during-edits", test_kill_during_edits);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <stdio.h>
#include <time.h>

#include "tissage-contribution.h"
#include "tissage-document-private.h"
#include "tissage-bench-utils.h"

/*
 * Merging a member structure's contribution into the large project of
 * DESIGN.md: 500 new interviews of 40 answers and 2,000 quotes, on top of
 * what the structure already had. Each run reads the contribution, works
 * out the merge and applies it; undo takes it back for the next run.
 */

#define RUNS 3

static double
elapsed_ms (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* The processor time of this process, in ms: on a shared machine, what
 * the merge itself costs. */
static double
cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &now);
  return now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contribution_path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) contribution = NULL;
  g_autoptr(TissageDocument) document = NULL;
  double merge_ms[RUNS], prepare_ms[RUNS], merge_cpu_ms[RUNS];
  gint64 structure = 0;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  setlocale (LC_ALL, "");

  dir = g_dir_make_tmp ("tissage-bench-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "grand-projet.tissage", NULL);
  contribution_path = g_build_filename (dir, "contribution.tissage", NULL);
  file = g_file_new_for_path (path);
  contribution = g_file_new_for_path (contribution_path);
  /* A large project already written may be named, to measure again. */
  if (argc > 1)
    {
      g_autofree char *contents = NULL;
      gsize length;

      if (!g_file_test (argv[1], G_FILE_TEST_EXISTS))
        tissage_bench_generate_large (argv[1]);
      g_assert_true (g_file_get_contents (argv[1], &contents, &length, NULL));
      g_assert_true (g_file_set_contents (path, contents, length, NULL));
    }
  else
    tissage_bench_generate_large (path);

  document = tissage_document_open (file, &error);
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_prepare_v2 (tissage_document_get_db (document),
                                       "SELECT structure_id FROM interviews WHERE structure_id IS NOT NULL"
                                       " GROUP BY structure_id ORDER BY count (*) DESC LIMIT 1", -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    structure = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpint (structure, >, 0);

  g_assert_true (tissage_contribution_export (document, structure, contribution, &error));
  g_assert_no_error (error);

  /* What the structure entered in its copy. */
  g_assert_cmpint (sqlite3_open (contribution_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
    "PRAGMA foreign_keys = ON; BEGIN;"
    "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500)"
    " INSERT INTO interviews (uuid, modified, grid_id, pseudonym, structure_id, date, consent, status)"
    " SELECT printf ('c0ffee00-0000-4000-8000-%012d', i), strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'),"
    " (SELECT min (id) FROM grids), 'Personne ' || i, NULL, '2026-11-30', 1, 2 FROM n;"
    "INSERT INTO answers (uuid, modified, interview_id, question_id, text, number)"
    " SELECT i.uuid || '-' || q.id, i.modified, i.id, q.id,"
    " 'Ce que la personne ' || i.id || ' a dit à la question ' || q.id || ' : l''accompagnement a compté pour elle.',"
    " CASE WHEN q.kind = 1 THEN 1 + (i.id + q.id) % 5 END"
    " FROM interviews i JOIN grid_questions q ON q.grid_id = i.grid_id WHERE i.pseudonym LIKE 'Personne %';"
    "INSERT INTO verbatims (uuid, modified, answer_id, start, end, quote)"
    " SELECT a.uuid || '-v', a.modified, a.id, 0, 28, substr (a.text, 1, 28) FROM answers a"
    " WHERE a.uuid LIKE 'c0ffee00-%' AND a.question_id % 10 < 1 LIMIT 2000;"
    "COMMIT;", NULL, NULL, NULL), ==, SQLITE_OK);
  {
    sqlite3_stmt *count = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT (SELECT count (*) FROM answers WHERE uuid LIKE 'c0ffee00-%'),"
                                         " (SELECT count (*) FROM verbatims WHERE uuid LIKE 'c0ffee00-%')", -1, &count, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (count), ==, SQLITE_ROW);
    g_printerr ("contribution: %d new answers, %d new quotes\n",
                sqlite3_column_int (count, 0), sqlite3_column_int (count, 1));
    sqlite3_finalize (count);
  }
  sqlite3_close (db);

  for (guint i = 0; i < RUNS; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double cpu_start = cpu_ms ();
      g_autoptr(TissageMerge) merge = tissage_merge_prepare (document, contribution, &error);

      g_assert_no_error (error);
      prepare_ms[i] = elapsed_ms (start);
      g_assert_true (tissage_merge_apply (merge, TISSAGE_MERGE_CHOICE_NONE, &error));
      g_assert_no_error (error);
      merge_ms[i] = elapsed_ms (start);
      merge_cpu_ms[i] = cpu_ms () - cpu_start;
      for (guint t = 0; t < tissage_merge_get_n_sections (merge); t++)
        if (g_str_equal (tissage_merge_get_section (merge, t)->table, "interviews"))
          g_assert_cmpuint (tissage_merge_get_section (merge, t)->added, ==, 500);

      g_assert_true (tissage_document_undo (document, &error));
      g_assert_no_error (error);
    }

  printf ("BENCH merge_contribution_prepare_ms %.0f\n", tissage_bench_median (prepare_ms, RUNS));
  printf ("BENCH merge_contribution_ms %.0f\n", tissage_bench_median (merge_ms, RUNS));
  printf ("BENCH merge_contribution_cpu_ms %.0f\n", tissage_bench_median (merge_cpu_ms, RUNS));

  g_clear_object (&document);
  tissage_document_remove_copy_dir (dir);

  return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <stdio.h>
#include <time.h>

#include "tissage-cooperation.h"
#include "tissage-document-private.h"
#include "tissage-bench-utils.h"

/*
 * Every network measure of every period of the large project of
 * DESIGN.md (2,000 stakeholders, 6,000 links, 4 periods), its links dated
 * over the four periods so that the network grows from one to the next,
 * a few ending: what the Coopération view, the workbook and
 * `--export-network` each compute once. Target: under 200 ms.
 */

#define RUNS 5

static double
thread_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("tissage-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "large.tissage", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(TissageDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  double wall[RUNS], cpu[RUNS];
  sqlite3 *db = NULL;
  guint links = 0;

  setlocale (LC_ALL, "");
  tissage_bench_copy_scaled (path, 1);

  /* Four links in ten from the first period, two more in each of the
   * next ones; one in twenty ends in the third. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
    "CREATE TEMP TABLE p AS SELECT id, row_number () OVER (ORDER BY position, id) AS n FROM periods;"
    "UPDATE links SET start_period_id = (SELECT id FROM temp.p WHERE n = CASE"
    "  WHEN links.id % 10 < 4 THEN 1 WHEN links.id % 10 < 6 THEN 2 WHEN links.id % 10 < 8 THEN 3 ELSE 4 END);"
    "UPDATE links SET end_period_id = (SELECT id FROM temp.p WHERE n = 3) WHERE id % 20 = 1;"
    "WITH RECURSIVE s (value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM s WHERE value < 200)"
    " INSERT INTO actions (uuid, modified, title, kind, period_id)"
    "  SELECT 'action-' || value, 'x', 'Action commune', value % 7, (SELECT id FROM temp.p WHERE n = 1 + value % 4) FROM s;"
    "INSERT INTO action_partners (uuid, modified, action_id, stakeholder_id)"
    "  SELECT 'partner-' || a.id || '-' || s.id, 'x', a.id, s.id FROM actions a JOIN stakeholders s ON s.id % 50 = a.id % 50 AND s.id <= 200;",
    NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  document = tissage_document_open_for_reading (file, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr(TissageCooperation) cooperation = NULL;
      gint64 start = g_get_monotonic_time ();
      double cpu_start = thread_ms ();

      cooperation = tissage_cooperation_compute (tissage_document_get_db (document), &error);
      g_assert_no_error (error);
      wall[i] = (g_get_monotonic_time () - start) / 1000.0;
      cpu[i] = thread_ms () - cpu_start;
      g_assert_cmpuint (cooperation->n_periods, ==, N_PERIODS);
      g_assert_cmpuint (cooperation->n_nodes, ==, N_STAKEHOLDERS);
      links = cooperation->periods[N_PERIODS - 1].links;
      g_assert_cmpuint (cooperation->periods[0].links, <, links);
    }

  printf ("# %u links in the last period\n", links);
  printf ("BENCH network_metrics_ms %.1f ms\n", tissage_bench_median (wall, RUNS));
  printf ("BENCH network_metrics_cpu_ms %.1f ms\n", tissage_bench_median (cpu, RUNS));

  g_clear_object (&document);
  tissage_bench_remove_project (path);
  g_rmdir (dir);
  return 0;
}

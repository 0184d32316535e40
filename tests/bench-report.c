/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <time.h>

#include "tissage-bench-utils.h"
#include "tissage-report.h"

/*
 * Writes the PDF report of the large project of DESIGN.md: every
 * section, from reading the project to the last page written.
 * Target: under 3 s. Wall time, and this thread's processor time beside
 * it, for a machine shared with others.
 */

#define RUNS 3
#define MAX_MS 3000.0

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *project = NULL;
  g_autofree char *pdf = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(TissageDocument) document = NULL;
  double wall[RUNS], cpu[RUNS];
  guint pages = 0;
  double median;

  setlocale (LC_ALL, "");

  dir = g_dir_make_tmp ("tissage-bench-XXXXXX", &error);
  g_assert_no_error (error);
  project = g_build_filename (dir, "grand-projet.tissage", NULL);
  pdf = g_build_filename (dir, "rapport.pdf", NULL);
  tissage_bench_generate_large (project);

  file = g_file_new_for_path (project);
  document = tissage_document_open_for_reading (file, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < RUNS; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double start_cpu = cpu_ms ();
      g_autoptr(TissageReport) report = NULL;
      TissageReportOptions options;

      tissage_report_options_init (&options);
      report = tissage_report_new (document, &options, &error);
      g_assert_no_error (error);
      if (!tissage_report_write_pdf (report, pdf, NULL, &error))
        g_error ("%s", error->message);
      pages = tissage_report_get_n_pages (report);
      wall[i] = (g_get_monotonic_time () - start) / 1000.0;
      cpu[i] = cpu_ms () - start_cpu;
    }

  median = tissage_bench_median (wall, RUNS);
  printf ("# %u pages\n", pages);
  printf ("BENCH report_pdf_ms %.0f\n", median);
  printf ("BENCH report_pdf_cpu_ms %.0f\n", tissage_bench_median (cpu, RUNS));

  /* To look at the pages: TISSAGE_BENCH_REPORT_COPY=path keeps a copy. */
  if (g_getenv ("TISSAGE_BENCH_REPORT_COPY") != NULL)
    {
      g_autoptr(GFile) from = g_file_new_for_path (pdf);
      g_autoptr(GFile) to = g_file_new_for_path (g_getenv ("TISSAGE_BENCH_REPORT_COPY"));

      if (!g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
        g_error ("%s", error->message);
    }

  g_clear_object (&document);
  g_unlink (pdf);
  tissage_bench_remove_project (project);
  g_rmdir (dir);

  return median < MAX_MS ? 0 : 1;
}

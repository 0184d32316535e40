/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <time.h>

#include "tissage-application.h"
#include "tissage-bench-utils.h"
#include "tissage-figures.h"
#include "tissage-synthesis-page.h"
#include "tissage-window.h"

/*
 * Measures showing the Synthèse section of the large project: from the
 * request to the first frame with its figures, bars and quotes, then a
 * change of period. The same on a project four times as large, printed
 * with "_4x".
 */

#define RUNS 7

static gboolean painted;

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       user_data)
{
  painted = TRUE;
}

/* The processor time of this thread, in ms: on a machine shared with
 * others, what the wall clock cannot tell apart from waiting. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
wait_painted (GdkFrameClock *clock,
              gint64         start)
{
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), NULL);

  painted = FALSE;
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);

  return (g_get_monotonic_time () - start) / 1000.0;
}

/* Shows the Synthèse section of the project at @path, @scale times the
 * large one, in RUNS windows; prints the figures with @suffix. */
static void
measure (TissageApplication *application,
         const char         *path,
         guint               scale,
         const char         *suffix)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  double open_ms[RUNS], period_ms[RUNS], open_cpu_ms[RUNS];

  for (guint i = 0; i < RUNS; i++)
    {
      TissageWindow *window = tissage_window_new (GTK_APPLICATION (application));
      TissageSynthesisPage *page;
      GListModel *periods;
      GdkFrameClock *clock;
      gint64 start;
      double cpu_start;

      gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
      g_assert_true (tissage_window_open_file (window, file));
      gtk_window_present (GTK_WINDOW (window));
      while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
        g_main_context_iteration (NULL, TRUE);
      clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
      wait_painted (clock, g_get_monotonic_time ());
      g_assert_true (tissage_document_wait_check (tissage_window_get_document (window)));

      start = g_get_monotonic_time ();
      cpu_start = cpu_ms ();
      tissage_window_show_section (window, "synthesis");
      open_ms[i] = wait_painted (clock, start);
      open_cpu_ms[i] = cpu_ms () - cpu_start;

      page = TISSAGE_SYNTHESIS_PAGE (tissage_window_get_synthesis_page (window));
      g_assert_cmpfloat (tissage_synthesis_page_get_figure (page, TISSAGE_FIGURE_STAKEHOLDERS), ==,
                         N_STAKEHOLDERS * scale);
      /* The quotes of the period shown, as the core counts them. */
      {
        TissageFigures figures;

        g_assert_true (tissage_document_compute_figures (tissage_window_get_document (window),
                                                         tissage_synthesis_page_get_period (page), NULL,
                                                         &figures, NULL));
        g_assert_cmpuint (figures.verbatims, >, 0);
        g_assert_cmpuint (figures.verbatims, <=, N_VERBATIMS * scale);
        g_assert_cmpfloat (tissage_synthesis_page_get_figure (page, TISSAGE_FIGURE_VERBATIMS), ==, figures.verbatims);
      }

      periods = tissage_document_get_records (tissage_window_get_document (window), TISSAGE_TYPE_PERIOD);
      {
        g_autoptr(TissagePeriod) first = g_list_model_get_item (periods, 0);

        start = g_get_monotonic_time ();
        tissage_synthesis_page_set_period (page, first);
        period_ms[i] = wait_painted (clock, start);
      }

      gtk_window_destroy (GTK_WINDOW (window));
      for (int k = 0; k < 20; k++)
        g_main_context_iteration (NULL, FALSE);
    }

  qsort (open_ms, RUNS, sizeof (double), compare_doubles);
  qsort (period_ms, RUNS, sizeof (double), compare_doubles);
  qsort (open_cpu_ms, RUNS, sizeof (double), compare_doubles);
  printf ("# synthesis_open%s_ms: showing the Synthèse section of the project, to its frame\n", suffix);
  printf ("BENCH synthesis_open%s_ms %.1f ms\n", suffix, open_ms[RUNS / 2]);
  printf ("# of which processor time of the main thread %.1f ms\n", open_cpu_ms[RUNS / 2]);
  printf ("# synthesis_period%s_ms: another period chosen, to its frame\n", suffix);
  printf ("BENCH synthesis_period%s_ms %.1f ms\n", suffix, period_ms[RUNS / 2]);
  fflush (stdout);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *scaled = NULL;
  g_autoptr(TissageApplication) application = NULL;

  setlocale (LC_ALL, "");
  gtk_init ();
  adw_init ();

  dir = g_dir_make_tmp ("tissage-bench-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "grand-projet.tissage", NULL);
  scaled = g_build_filename (dir, "grand-projet-4x.tissage", NULL);
  tissage_bench_generate_large (path);

  application = tissage_application_new ();
  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  measure (application, path, 1, "");
  printf ("# targets: opening under 50 ms, a period under 100 ms\n");
  tissage_bench_remove_project (path);

  tissage_bench_copy_scaled (scaled, TISSAGE_BENCH_SCALE);
  measure (application, scaled, TISSAGE_BENCH_SCALE, "_4x");
  tissage_bench_remove_project (scaled);
  g_rmdir (dir);

  return 0;
}

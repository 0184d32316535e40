/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "tissage-application.h"
#include "tissage-interview-editor.h"
#include "tissage-document-private.h"
#include "tissage-interviews-page.h"
#include "tissage-referentiel-page.h"
#include "tissage-window.h"
#include "tissage-bench-utils.h"

/*
 * Builds the large project of DESIGN.md (24 structures, 2,000 stakeholders,
 * 6,000 links, 600 indicators, 5,000 interviews of 40 answers, 20,000
 * verbatims, 50,000 measurements) and measures opening it: the document
 * alone, then a window showing its stakeholder list and map. The same on
 * a project four times as large (8,000 stakeholders, 24,000 links, 20,000
 * interviews, 80,000 verbatims), printed with "_4x", in a process of its
 * own that also reports its resident memory.
 */

#define RUNS            7
/* Fewer runs of the project four times as large, to keep the suite bearable. */
#define RUNS_SCALED     5

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

/* A field of /proc/self/status, in kB. */
static guint64
status_kb (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, field)) == NULL)
    return 0;

  return g_ascii_strtoull (line + strlen (field), NULL, 10);
}

/* Opens the project at @path, @scale times the large one, @runs times, and
 * prints the figures with @suffix. */
static void
measure (const char *path,
         guint       scale,
         guint       runs,
         const char *suffix)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(TissageApplication) application = NULL;
  g_autofree double *open_ms = g_new0 (double, runs);
  g_autofree double *window_ms = g_new0 (double, runs);
  g_autofree double *checked_ms = g_new0 (double, runs);
  g_autofree double *section_ms = g_new0 (double, runs);
  g_autofree double *filter_ms = g_new0 (double, runs);
  g_autofree double *interviews_ms = g_new0 (double, runs);
  g_autofree double *interview_ms = g_new0 (double, runs);
  g_autofree double *next_ms = g_new0 (double, runs);
  g_autofree double *keystroke_ms = g_new0 (double, runs);
  g_autofree double *window_cpu_ms = g_new0 (double, runs);
  g_autofree double *interviews_cpu_ms = g_new0 (double, runs);
  g_autofree double *interview_cpu_ms = g_new0 (double, runs);
  g_autofree double *next_cpu_ms = g_new0 (double, runs);
  g_autofree double *keystroke_cpu_ms = g_new0 (double, runs);
  guint n_interviews = N_INTERVIEWS * scale;
  guint64 rss_kb = 0;

  /* The document alone: checks, migrations, loading the models. */
  for (guint i = 0; i < runs; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(TissageDocument) document = tissage_document_open (file, &error);

      g_assert_no_error (error);
      open_ms[i] = (g_get_monotonic_time () - start) / 1000.0;
      g_assert_cmpuint (g_list_model_get_n_items (tissage_document_get_stakeholders (document)), ==,
                        N_STAKEHOLDERS * scale);
    }

  application = tissage_application_new ();
  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  /* From the request to the first frame with the stakeholder list on screen. */
  for (guint i = 0; i < runs; i++)
    {
      TissageWindow *window;
      gint64 start = g_get_monotonic_time ();
      double cpu_start = cpu_ms ();
      GdkFrameClock *clock;
      gulong id;

      window = tissage_window_new (GTK_APPLICATION (application));
      gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
      g_assert_true (tissage_window_open_file (window, file));
      gtk_window_present (GTK_WINDOW (window));

      while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
        g_main_context_iteration (NULL, TRUE);
      clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
      painted = FALSE;
      id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), NULL);
      while (!painted)
        g_main_context_iteration (NULL, TRUE);
      g_signal_handler_disconnect (clock, id);

      window_ms[i] = (g_get_monotonic_time () - start) / 1000.0;
      window_cpu_ms[i] = cpu_ms () - cpu_start;

      /* The integrity check goes on behind the shown window. */
      g_assert_true (tissage_document_wait_check (tissage_window_get_document (window)));
      checked_ms[i] = (g_get_monotonic_time () - start) / 1000.0;
      rss_kb = MAX (rss_kb, status_kb ("VmRSS:"));

      /* The référentiel section, then a search in its tree, each to its frame. */
      {
        TissageReferentielPage *page = TISSAGE_REFERENTIEL_PAGE (tissage_window_get_referentiel_page (window));
        gint64 t0 = g_get_monotonic_time ();

        painted = FALSE;
        id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), NULL);
        tissage_window_show_section (window, "referentiel");
        while (!painted)
          g_main_context_iteration (NULL, TRUE);
        section_ms[i] = (g_get_monotonic_time () - t0) / 1000.0;

        t0 = g_get_monotonic_time ();
        painted = FALSE;
        tissage_referentiel_page_set_search (page, "Indicateur 42");
        while (!painted)
          g_main_context_iteration (NULL, TRUE);
        filter_ms[i] = (g_get_monotonic_time () - t0) / 1000.0;
        g_signal_handler_disconnect (clock, id);
        /* "42" also begins 420 to 429: eleven indicators and their ancestors. */
        g_assert_cmpuint (tissage_referentiel_page_get_n_rows (page), >=, 4);
        g_assert_cmpuint (tissage_referentiel_page_get_n_rows (page), <=, 60);
      }

      /* The interviews section, then one interview of 40 answers opened
       * for typing, each to its frame. */
      {
        TissageInterviewsPage *page = TISSAGE_INTERVIEWS_PAGE (tissage_window_get_interviews_page (window));
        GListModel *interviews = tissage_document_get_records (tissage_window_get_document (window),
                                                               TISSAGE_TYPE_INTERVIEW);
        g_autoptr(TissageInterview) interview = g_list_model_get_item (interviews, (i * 611) % n_interviews);
        gint64 t0 = g_get_monotonic_time ();

        cpu_start = cpu_ms ();
        painted = FALSE;
        id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), NULL);
        tissage_window_show_section (window, "interviews");
        while (!painted)
          g_main_context_iteration (NULL, TRUE);
        interviews_ms[i] = (g_get_monotonic_time () - t0) / 1000.0;
        interviews_cpu_ms[i] = cpu_ms () - cpu_start;
        rss_kb = MAX (rss_kb, status_kb ("VmRSS:"));

        t0 = g_get_monotonic_time ();
        cpu_start = cpu_ms ();
        painted = FALSE;
        g_assert_true (tissage_interviews_page_select (page, interview));
        while (!painted)
          g_main_context_iteration (NULL, TRUE);
        interview_ms[i] = (g_get_monotonic_time () - t0) / 1000.0;
        interview_cpu_ms[i] = cpu_ms () - cpu_start;
        g_assert_true (tissage_interviews_page_get_selected (page) == interview);

        /* The next interview of the same guide, as when going down the
         * list: the first of its guide below the one shown, as sorted, or
         * above it when it is the last. */
        {
          GListModel *shown = tissage_interviews_page_get_shown (page);
          g_autoptr(TissageInterview) next = NULL;
          g_autoptr(TissageInterview) above = NULL;
          gboolean below = FALSE;

          for (guint k = 0; next == NULL && k < g_list_model_get_n_items (shown); k++)
            {
              g_autoptr(TissageInterview) item = g_list_model_get_item (shown, k);

              if (item == interview)
                below = TRUE;
              else if (tissage_interview_get_grid_id (item) != tissage_interview_get_grid_id (interview))
                continue;
              else if (below)
                next = g_steal_pointer (&item);
              else
                g_set_object (&above, item);
            }
          if (next == NULL)
            next = g_steal_pointer (&above);
          g_assert_nonnull (next);

          t0 = g_get_monotonic_time ();
          cpu_start = cpu_ms ();
          painted = FALSE;
          g_assert_true (tissage_interviews_page_select (page, next));
          while (!painted)
            g_main_context_iteration (NULL, TRUE);
          next_ms[i] = (g_get_monotonic_time () - t0) / 1000.0;
          next_cpu_ms[i] = cpu_ms () - cpu_start;
        }

        /* A letter typed in the first open answer, saved, to its frame
         * and until the page has caught up with the document. */
        {
          TissageInterviewEditor *editor = TISSAGE_INTERVIEW_EDITOR (tissage_interviews_page_get_editor (page));
          TissageInterview *shown = tissage_interviews_page_get_selected (page);
          g_autoptr(GPtrArray) answers = tissage_document_list_answers (tissage_window_get_document (window), shown);
          GtkWidget *input = NULL;

          for (guint a = 0; a < answers->len && input == NULL; a++)
            {
              TissageGridQuestion *question =
                tissage_document_lookup (tissage_window_get_document (window), TISSAGE_TYPE_GRID_QUESTION,
                                         tissage_answer_get_question_id (g_ptr_array_index (answers, a)));
              GtkWidget *found = question ? tissage_interview_editor_get_input (editor, question) : NULL;

              if (GTK_IS_TEXT_VIEW (found))
                input = found;
            }
          g_assert_nonnull (input);
          gtk_widget_grab_focus (input);
          while (g_main_context_pending (NULL))
            g_main_context_iteration (NULL, FALSE);

          t0 = g_get_monotonic_time ();
          cpu_start = cpu_ms ();
          painted = FALSE;
          gtk_text_buffer_insert_interactive_at_cursor (gtk_text_view_get_buffer (GTK_TEXT_VIEW (input)), "a", 1, TRUE);
          while (!painted)
            g_main_context_iteration (NULL, TRUE);
          while (g_main_context_pending (NULL))
            g_main_context_iteration (NULL, FALSE);
          keystroke_ms[i] = (g_get_monotonic_time () - t0) / 1000.0;
          keystroke_cpu_ms[i] = cpu_ms () - cpu_start;
        }
        g_signal_handler_disconnect (clock, id);
        rss_kb = MAX (rss_kb, status_kb ("VmRSS:"));
      }

      gtk_window_destroy (GTK_WINDOW (window));
      for (int k = 0; k < 20; k++)
        g_main_context_iteration (NULL, FALSE);
    }

  printf ("# %u stakeholders, %u interviews, median of %u runs\n", N_STAKEHOLDERS * scale, n_interviews, runs);
  printf ("# open_document%s_ms: the file checked in full, then loaded (command line)\n", suffix);
  printf ("BENCH open_document%s_ms %.1f ms\n", suffix, tissage_bench_median (open_ms, runs));
  printf ("# open_window%s_ms: from the request to the first frame showing the list and the map\n", suffix);
  printf ("BENCH open_window%s_ms %.1f ms\n", suffix, tissage_bench_median (window_ms, runs));
  printf ("# of which processor time of the main thread %.1f ms; target: under %d ms\n",
          tissage_bench_median (window_cpu_ms, runs), scale > 1 ? 400 : 200);
  printf ("# open_window_checked%s_ms: until the background integrity check has passed\n", suffix);
  printf ("BENCH open_window_checked%s_ms %.1f ms\n", suffix, tissage_bench_median (checked_ms, runs));
  printf ("# referentiel_open%s_ms: showing the référentiel section of 600 indicators, to its frame\n", suffix);
  printf ("BENCH referentiel_open%s_ms %.1f ms\n", suffix, tissage_bench_median (section_ms, runs));
  printf ("# referentiel_filter%s_ms: a search in the framework's tree, to its frame\n", suffix);
  printf ("BENCH referentiel_filter%s_ms %.1f ms\n", suffix, tissage_bench_median (filter_ms, runs));
  printf ("# interviews_section%s_ms: showing the list of %u interviews, to its frame\n", suffix, n_interviews);
  printf ("BENCH interviews_section%s_ms %.1f ms\n", suffix, tissage_bench_median (interviews_ms, runs));
  printf ("# of which processor time of the main thread %.1f ms\n", tissage_bench_median (interviews_cpu_ms, runs));
  printf ("# interview_page%s_ms: one interview of 40 answers opened for typing, to its frame\n", suffix);
  printf ("BENCH interview_page%s_ms %.1f ms\n", suffix, tissage_bench_median (interview_ms, runs));
  printf ("# of which processor time of the main thread %.1f ms\n", tissage_bench_median (interview_cpu_ms, runs));
  printf ("# interview_next%s_ms: the interview of the same guide below it in the list, to its frame\n", suffix);
  printf ("BENCH interview_next%s_ms %.1f ms\n", suffix, tissage_bench_median (next_ms, runs));
  printf ("# of which processor time of the main thread %.1f ms\n", tissage_bench_median (next_cpu_ms, runs));
  printf ("# targets: interviews section under 100 ms, interview page under 50 ms, next under 30 ms\n");
  printf ("# interview_keystroke%s_ms: a letter typed in an open answer, saved, to its frame\n", suffix);
  printf ("BENCH interview_keystroke%s_ms %.1f ms\n", suffix, tissage_bench_median (keystroke_ms, runs));
  printf ("# of which processor time of the main thread %.1f ms\n", tissage_bench_median (keystroke_cpu_ms, runs));
  printf ("# target: under a frame (16.7 ms)\n");
  printf ("# window_rss%s_mb: resident memory with a window open on the project, highest seen\n", suffix);
  printf ("BENCH window_rss%s_mb %.1f MB\n", suffix, rss_kb / 1024.0);
  if (scale > 1)
    printf ("# target: under 400 MB\n");
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
  GStatBuf st;

  setlocale (LC_ALL, "");
  gtk_init ();
  adw_init ();

  /* The larger project in a process of its own, so that its resident
   * memory is its own. */
  if (argc == 3 && g_str_equal (argv[1], "--scaled"))
    {
      measure (argv[2], TISSAGE_BENCH_SCALE, RUNS_SCALED, "_4x");
      return 0;
    }
  /* An existing large project, to profile without generating it again. */
  if (argc == 3 && g_str_equal (argv[1], "--large"))
    {
      measure (argv[2], 1, RUNS, "");
      return 0;
    }

  dir = g_dir_make_tmp ("tissage-bench-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "grand-projet.tissage", NULL);
  scaled = g_build_filename (dir, "grand-projet-4x.tissage", NULL);

  {
    gint64 start = g_get_monotonic_time ();
    tissage_bench_generate_large (path);
    g_stat (path, &st);
    printf ("# large project generated in %.1f s, %.1f MB\n",
            (g_get_monotonic_time () - start) / 1e6, st.st_size / 1048576.0);
  }

  measure (path, 1, RUNS, "");
  tissage_bench_remove_project (path);

  tissage_bench_copy_scaled (scaled, TISSAGE_BENCH_SCALE);
  g_stat (scaled, &st);
  printf ("# project four times as large: %.1f MB\n", st.st_size / 1048576.0);
  fflush (stdout);
  {
    const char *child_argv[] = { argv[0], "--scaled", scaled, NULL };
    int status = 0;

    g_spawn_sync (NULL, (char **) child_argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL,
                  NULL, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  tissage_bench_remove_project (scaled);
  g_rmdir (dir);

  return 0;
}

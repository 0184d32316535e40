/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "tissage-bench-utils.h"
#include "tissage-xlsx-export.h"

/*
 * Exports the large project of DESIGN.md to a workbook and compares the
 * time with a bare libxlsxwriter loop writing as many cells, strings and
 * numbers of the same average length, in the same run; measures the peak
 * memory of an export in a process of its own.
 * Targets: within 1.3 times the bare loop, under 100 MB. The same on a
 * project four times as large, printed with "_4x": within 1.3 times, under
 * 200 MB.
 */

#define RUNS 5
#define BARE_COLUMNS 20
#define MAX_RATIO 1.3
#define MAX_PEAK_MB 100.0
/* The project four times as large: fewer runs, twice the memory. */
#define RUNS_SCALED 3
#define MAX_PEAK_4X_MB 200.0

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

static double
export_once (TissageDocument  *document,
             const char       *path,
             TissageXlsxStats *stats)
{
  g_autoptr(GError) error = NULL;
  TissageXlsxExportOptions options;
  gint64 start = g_get_monotonic_time ();

  tissage_xlsx_export_options_init (&options);
  options.stats = stats;
  if (!tissage_xlsx_export (document, path, &options, NULL, NULL, NULL, &error))
    g_error ("%s", error->message);

  return (g_get_monotonic_time () - start) / 1000.0;
}

/* The same cells without Tissage: strings of the export's average length,
 * varied as text is, and numbers, in constant memory mode. */
static double
bare_loop (const char             *path,
           const TissageXlsxStats *stats)
{
  lxw_workbook_options options = { .constant_memory = LXW_TRUE, .tmpdir = (char *) g_get_tmp_dir () };
  gint64 start = g_get_monotonic_time ();
  guint64 cells = stats->strings + stats->numbers;
  guint length = stats->strings > 0 ? stats->string_bytes / stats->strings : 1;
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  lxw_workbook *workbook = workbook_new_opt (path, &options);
  lxw_worksheet *worksheet = workbook_add_worksheet (workbook, NULL);
  lxw_format *format = workbook_add_format (workbook);
  guint64 strings = 0;

  format_set_num_format (format, "#,##0");
  for (guint i = 0; i < 256; i++)
    {
      GString *text = g_string_new (NULL);

      while (text->len < length)
        g_string_append_printf (text, "mot%u ", g_rand_int_range (rand, 0, 5000));
      g_string_truncate (text, MAX (length, 1));
      g_ptr_array_add (texts, g_string_free (text, FALSE));
    }

  for (guint64 i = 0; i < cells; i++)
    {
      lxw_row_t row = i / BARE_COLUMNS;
      lxw_col_t column = i % BARE_COLUMNS;

      /* Strings and numbers mixed in the export's proportion. */
      if (strings * cells < (i + 1) * stats->strings)
        {
          worksheet_write_string (worksheet, row, column, g_ptr_array_index (texts, i % texts->len), NULL);
          strings++;
        }
      else
        worksheet_write_number (worksheet, row, column, g_rand_double_range (rand, 0, 2000), format);
    }

  if (workbook_close (workbook) != LXW_NO_ERROR)
    g_error ("the bare workbook could not be written");

  return (g_get_monotonic_time () - start) / 1000.0;
}

/* In a process of its own, so that its peak is the export's. */
static int
child_export (const char *project,
              const char *output)
{
  g_autoptr(GFile) file = g_file_new_for_path (project);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = tissage_document_open (file, &error);
  TissageXlsxStats stats;
  guint64 opened;

  g_assert_no_error (error);
  opened = status_kb ("VmRSS:");
  export_once (document, output, &stats);
  printf ("%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT "\n", opened, status_kb ("VmHWM:"));

  return 0;
}

/* Exports the project at @project @runs times, taking turns with the bare
 * loop, then once in a process of its own; prints the figures with
 * @suffix; TRUE when within the targets. */
static gboolean
measure (const char *argv0,
         const char *project,
         const char *workbook,
         const char *bare,
         guint       runs,
         const char *suffix,
         double      max_peak_mb)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (project);
  g_autoptr(TissageDocument) document = NULL;
  g_autofree double *export_ms = g_new0 (double, runs);
  g_autofree double *bare_ms = g_new0 (double, runs);
  TissageXlsxStats stats;
  guint64 opened_kb = 0, peak_kb = 0;
  double ratio, peak_mb;
  GStatBuf st;

  document = tissage_document_open (file, &error);
  g_assert_no_error (error);

  /* Taking turns, so that both see the same machine. */
  for (guint i = 0; i < runs; i++)
    {
      export_ms[i] = export_once (document, workbook, &stats);
      bare_ms[i] = bare_loop (bare, &stats);
    }

  /* The project is open in one process at a time. */
  g_clear_object (&document);

  {
    const char *child_argv[] = { argv0, "--child", project, workbook, NULL };
    g_autofree char *out = NULL;
    int status = 0;

    g_spawn_sync (NULL, (char **) child_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_cmpint (sscanf (out, "%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT, &opened_kb, &peak_kb), ==, 2);
  }

  g_stat (workbook, &st);
  ratio = tissage_bench_median (export_ms, runs) / tissage_bench_median (bare_ms, runs);
  peak_mb = peak_kb / 1024.0;

  printf ("# %" G_GUINT64_FORMAT " rows, %" G_GUINT64_FORMAT " strings (%" G_GUINT64_FORMAT " bytes),"
          " %" G_GUINT64_FORMAT " numbers; workbook of %.1f MB\n",
          stats.rows, stats.strings, stats.string_bytes, stats.numbers, st.st_size / 1048576.0);
  printf ("# export_xlsx%s_ms: the whole export of the project, map included (median of %u)\n", suffix, runs);
  printf ("BENCH export_xlsx%s_ms %.0f ms\n", suffix, tissage_bench_median (export_ms, runs));
  printf ("# bare libxlsxwriter loop writing as many cells: %.0f ms\n", tissage_bench_median (bare_ms, runs));
  printf ("BENCH export_vs_bare_ratio%s %.2f\n", suffix, ratio);
  printf ("# peak of a process that opens the project and exports it (%.1f MB once opened)\n",
          opened_kb / 1024.0);
  printf ("BENCH export_xlsx_peak%s_mb %.1f MB\n", suffix, peak_mb);
  printf ("# targets: ratio under %.1f, peak under %.0f MB\n", MAX_RATIO, max_peak_mb);
  fflush (stdout);

  g_unlink (workbook);
  g_unlink (bare);
  if (ratio >= MAX_RATIO || peak_mb >= max_peak_mb)
    {
      printf ("# over target\n");
      return FALSE;
    }

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *project = NULL;
  g_autofree char *scaled = NULL;
  g_autofree char *workbook = NULL;
  g_autofree char *bare = NULL;
  gboolean ok = TRUE;

  setlocale (LC_ALL, "");

  if (argc == 4 && g_str_equal (argv[1], "--child"))
    return child_export (argv[2], argv[3]);

  dir = g_dir_make_tmp ("tissage-bench-XXXXXX", &error);
  g_assert_no_error (error);
  project = g_build_filename (dir, "grand-projet.tissage", NULL);
  scaled = g_build_filename (dir, "grand-projet-4x.tissage", NULL);
  workbook = g_build_filename (dir, "grand-projet.xlsx", NULL);
  bare = g_build_filename (dir, "nu.xlsx", NULL);

  {
    gint64 start = g_get_monotonic_time ();

    tissage_bench_generate_large (project);
    printf ("# large project generated in %.1f s\n", (g_get_monotonic_time () - start) / 1e6);
  }

  ok &= measure (argv[0], project, workbook, bare, RUNS, "", MAX_PEAK_MB);
  tissage_bench_remove_project (project);

  tissage_bench_copy_scaled (scaled, TISSAGE_BENCH_SCALE);
  ok &= measure (argv[0], scaled, workbook, bare, RUNS_SCALED, "_4x", MAX_PEAK_4X_MB);
  tissage_bench_remove_project (scaled);
  g_rmdir (dir);

  return ok ? 0 : 1;
}

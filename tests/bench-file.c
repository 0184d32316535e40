/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <stdio.h>

#include "tissage-document-private.h"
#include "tissage-interviews.h"
#include "tissage-bench-utils.h"

/*
 * What keeping the project file safe costs on the large project of
 * DESIGN.md: an edit committed into the file itself, deleting an interview
 * (its words merged out of the full-text index), reading the project
 * through a private copy (every export and check does), and the check of
 * `tissage --check`. The same on a project four times as large, printed
 * with "_4x".
 */

#define RUNS 5

static double
elapsed_ms (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* Measures the project at @path and prints the figures with @suffix. */
static void
measure (const char *path,
         const char *suffix)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(TissageDocument) document = NULL;
  double edit_ms[50], delete_ms[RUNS], read_ms[RUNS], check_ms[RUNS];
  TissageStakeholder *stakeholder;

  document = tissage_document_open (file, &error);
  g_assert_no_error (error);

  /* Typing in a field: one transaction a keystroke. */
  stakeholder = g_list_model_get_item (tissage_document_get_stakeholders (document), 0);
  for (guint i = 0; i < G_N_ELEMENTS (edit_ms); i++)
    {
      g_autofree char *name = g_strdup_printf ("Mission locale %u", i);
      gint64 start = g_get_monotonic_time ();

      tissage_document_set (document, stakeholder, &error, "name", name, NULL);
      g_assert_no_error (error);
      edit_ms[i] = elapsed_ms (start);
    }
  g_object_unref (stakeholder);

  for (guint i = 0; i < RUNS; i++)
    {
      TissageInterview *interview = g_list_model_get_item (tissage_document_get_records (document, TISSAGE_TYPE_INTERVIEW), 0);
      gint64 start = g_get_monotonic_time ();

      tissage_document_delete (document, interview, &error);
      g_assert_no_error (error);
      delete_ms[i] = elapsed_ms (start);
      g_object_unref (interview);
    }
  g_clear_object (&document);

  for (guint i = 0; i < RUNS; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(TissageDocument) copy = tissage_document_open_for_reading (file, &error);

      g_assert_no_error (error);
      read_ms[i] = elapsed_ms (start);
    }

  for (guint i = 0; i < RUNS; i++)
    {
      g_autofree char *message = NULL;
      gint64 start = g_get_monotonic_time ();

      g_assert_cmpint (tissage_document_check_file (file, &message), ==, TISSAGE_FILE_OK);
      check_ms[i] = elapsed_ms (start);
    }

  printf ("BENCH edit-commit-large%s %.2f ms\n", suffix, tissage_bench_median (edit_ms, G_N_ELEMENTS (edit_ms)));
  printf ("BENCH delete-interview-large%s %.1f ms\n", suffix, tissage_bench_median (delete_ms, RUNS));
  printf ("BENCH open-for-reading-large%s %.1f ms\n", suffix, tissage_bench_median (read_ms, RUNS));
  printf ("BENCH check-large%s %.1f ms\n", suffix, tissage_bench_median (check_ms, RUNS));
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

  setlocale (LC_ALL, "");

  dir = g_dir_make_tmp ("tissage-bench-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "grand-projet.tissage", NULL);
  scaled = g_build_filename (dir, "grand-projet-4x.tissage", NULL);
  tissage_bench_generate_large (path);
  measure (path, "");

  tissage_bench_copy_scaled (scaled, TISSAGE_BENCH_SCALE);
  measure (scaled, "_4x");

  tissage_document_remove_copy_dir (dir);

  return 0;
}

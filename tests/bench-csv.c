/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "tissage-csv.h"
#include "tissage-document.h"
#include "tissage-interviews.h"

/*
 * The check of a large survey export, 5,000 answers to a guide of 40
 * questions of which 10 are multiple choices of 8, as each tool writes
 * the choices: Google Forms ("A, B"), KoboToolbox names ("a b") and
 * KoboToolbox columns per choice (1 or 0). Target: 1 s each, so that the
 * dialog's check and the command line stay quick on a real survey.
 */

#define RUNS 5
#define N_ROWS 5000
#define N_QUESTIONS 40
#define N_MULTIPLE 10
#define N_CHOICES 8

enum { FORMS, NAMES, COLUMNS, N_LAYOUTS };

static double
elapsed_ms (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static char *
choice_label (guint q,
              guint k)
{
  /* Labels with accents and commas, as real guides have them. */
  return g_strdup_printf ("Réponse %u, variante %u de la question", k + 1, q + 1);
}

static char *
choice_name (guint q,
             guint k)
{
  return g_strdup_printf ("reponse_%u_variante_%u", k + 1, q + 1);
}

static GString *
make_csv (guint layout)
{
  GString *text = g_string_new ("Pseudonyme;Date de l'entretien");

  for (guint q = 0; q < N_QUESTIONS; q++)
    {
      if (q < N_MULTIPLE && layout == COLUMNS)
        for (guint k = 0; k < N_CHOICES; k++)
          {
            g_autofree char *name = choice_name (q, k);

            g_string_append_printf (text, ";Question_%u/%s", q + 1, name);
          }
      else
        g_string_append_printf (text, ";Question %u", q + 1);
    }
  g_string_append_c (text, '\n');

  for (guint r = 0; r < N_ROWS; r++)
    {
      g_string_append_printf (text, "P%u;%02u/05/2025", r, r % 28 + 1);
      for (guint q = 0; q < N_QUESTIONS; q++)
        {
          g_string_append_c (text, ';');
          if (q >= N_MULTIPLE)
            {
              g_string_append_printf (text, "%u", (r + q) % 5 + 1);
              continue;
            }
          if (layout == FORMS)
            g_string_append_c (text, '"');
          for (guint k = 0, n = 0; k < N_CHOICES; k++)
            {
              gboolean chosen = (r + q + k) % 3 == 0;
              g_autofree char *value = layout == FORMS ? choice_label (q, k)
                                     : layout == NAMES ? choice_name (q, k) : NULL;

              if (layout == COLUMNS)
                g_string_append_printf (text, "%s%d", k > 0 ? ";" : "", chosen);
              else if (chosen)
                g_string_append_printf (text, "%s%s", n++ > 0 ? (layout == FORMS ? ", " : " ") : "", value);
            }
          if (layout == FORMS)
            g_string_append_c (text, '"');
        }
      g_string_append_c (text, '\n');
    }

  return text;
}

int
main (int   argc,
      char *argv[])
{
  static const char * const names[] = { "google_forms", "kobo_names", "kobo_columns" };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tissage-bench-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "enquete.tissage", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(TissageDocument) document = NULL;
  g_autoptr(TissageGrid) grid = NULL;
  gboolean ok = TRUE;

  setlocale (LC_ALL, "");
  g_assert_no_error (error);

  document = tissage_document_create (file, &error);
  g_assert_no_error (error);
  grid = tissage_document_insert (document, TISSAGE_TYPE_GRID, &error, "title", "Grande enquête", NULL);
  g_assert_no_error (error);
  for (guint q = 0; q < N_QUESTIONS; q++)
    {
      g_autoptr(TissageGridQuestion) question = NULL;
      g_autoptr(GString) choices = g_string_new (NULL);
      g_autofree char *title = g_strdup_printf ("Question %u", q + 1);

      for (guint k = 0; q < N_MULTIPLE && k < N_CHOICES; k++)
        {
          g_autofree char *label = choice_label (q, k);

          g_string_append_printf (choices, "%s%s", k > 0 ? "\n" : "", label);
        }
      question = tissage_document_insert (document, TISSAGE_TYPE_GRID_QUESTION, &error,
                                          "grid-id", tissage_record_get_id (TISSAGE_RECORD (grid)),
                                          "kind", q < N_MULTIPLE ? TISSAGE_QUESTION_MULTIPLE : TISSAGE_QUESTION_SCALE,
                                          "text", title, "choices", choices->str, "position", (int) q, NULL);
      g_assert_no_error (error);
    }

  for (guint layout = 0; layout < N_LAYOUTS; layout++)
    {
      g_autoptr(GString) text = make_csv (layout);
      double check_ms[RUNS];
      TissageCsv *csv = tissage_csv_parse (text->str, text->len, &error);
      g_autoptr(TissageCsvImport) import = NULL;

      g_assert_no_error (error);
      import = tissage_csv_import_new (document, grid, csv);
      for (guint run = 0; run < RUNS; run++)
        {
          gint64 start = g_get_monotonic_time ();

          g_assert_true (tissage_csv_import_check (import, NULL, &error));
          check_ms[run] = elapsed_ms (start);
        }
      /* Every row, every answer read: a layout that were misread would be quick for nothing. */
      g_assert_cmpuint (tissage_csv_import_get_n_accepted (import), ==, N_ROWS);
      g_assert_cmpuint (tissage_csv_import_get_refusals (import)->len, ==, 0);
      g_assert_cmpuint (tissage_csv_import_count_mapped_questions (import), ==, N_QUESTIONS);

      qsort (check_ms, RUNS, sizeof (double), compare_doubles);
      printf ("BENCH csv_check_%s_ms %.1f\n", names[layout], check_ms[RUNS / 2]);
      ok &= check_ms[RUNS / 2] < 1000;
    }

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

  return ok ? 0 : 1;
}

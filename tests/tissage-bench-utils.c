/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <unistd.h>

#include "tissage-bench-utils.h"
#include "tissage-document-private.h"

/*
 * The large project of DESIGN.md (24 structures, 2,000 stakeholders, 6,000
 * links, 600 indicators, 5,000 interviews of 40 answers, 20,000 verbatims,
 * 50,000 measurements), written straight with SQL for speed.
 */

static const char * const answer_texts[] = {
  "Depuis que je viens aux ateliers, je connais mieux les entreprises du quartier et j'ai repris confiance.",
  "Depuis que je viens aux ateliers, la conseillère m'a orientée vers une formation d'aide-soignante à Montplaisir.",
  "Depuis que je viens aux ateliers, j'ai un rendez-vous chaque semaine et je me sens moins seul.",
  "Depuis que je viens aux ateliers, le chantier d'insertion m'a redonné un rythme et des collègues.",
};


static sqlite3_stmt *
prepare (sqlite3    *db,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  return stmt;
}

static void
step (sqlite3      *db,
      sqlite3_stmt *stmt)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    g_error ("%s", sqlite3_errmsg (db));
  sqlite3_reset (stmt);
}

static void
bind_identity (sqlite3_stmt *stmt)
{
  g_autofree char *uuid = g_uuid_string_random ();

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, "2026-01-01T00:00:00.000000Z", -1, SQLITE_STATIC);
}

/* The large project with @scale times its stakeholders, links, interviews
 * and verbatims (the answers follow the interviews). */
static void
generate (const char *path,
          guint       scale)
{
  const int n_stakeholders = N_STAKEHOLDERS * scale;
  const int n_links = N_LINKS * scale;
  const int n_interviews = N_INTERVIEWS * scale;
  const int n_verbatims = N_VERBATIMS * scale;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = tissage_document_create (file, &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt;
  gint64 category_min = 0;

  g_assert_no_error (error);
  g_clear_object (&document);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_exec (db, "PRAGMA foreign_keys = ON; BEGIN", NULL, NULL, NULL);

  stmt = prepare (db, "SELECT min (id) FROM categories");
  sqlite3_step (stmt);
  category_min = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  stmt = prepare (db, "INSERT INTO structures (uuid, modified, name, kind, territory) VALUES (?, ?, ?, 'Association', 'Quartier')");
  for (int i = 1; i <= N_STRUCTURES; i++)
    {
      g_autofree char *name = g_strdup_printf ("Structure membre %d", i);
      bind_identity (stmt);
      sqlite3_bind_text (stmt, 3, name, -1, SQLITE_TRANSIENT);
      step (db, stmt);
    }
  sqlite3_finalize (stmt);

  stmt = prepare (db, "INSERT INTO stakeholders (uuid, modified, name, category_id, structure_id, is_member, description, influence, interest, proximity) "
                      "VALUES (?, ?, ?, ?, ?, ?, 'Acteur du territoire engagé auprès du collectif.', ?, ?, ?)");
  for (int i = 1; i <= n_stakeholders; i++)
    {
      g_autofree char *name = g_strdup_printf ("Partie prenante %04d", i);
      bind_identity (stmt);
      sqlite3_bind_text (stmt, 3, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 4, category_min + g_rand_int_range (rand, 0, 10));
      sqlite3_bind_int64 (stmt, 5, g_rand_int_range (rand, 1, N_STRUCTURES + 1));
      sqlite3_bind_int (stmt, 6, i <= N_STRUCTURES);
      sqlite3_bind_int (stmt, 7, g_rand_int_range (rand, 0, 101));
      sqlite3_bind_int (stmt, 8, g_rand_int_range (rand, 0, 101));
      sqlite3_bind_int (stmt, 9, g_rand_int_range (rand, 0, 4));
      step (db, stmt);
    }
  sqlite3_finalize (stmt);

  stmt = prepare (db, "INSERT INTO links (uuid, modified, source_id, target_id, kind, strength) VALUES (?, ?, ?, ?, 'coopération', ?)");
  for (int i = 0; i < n_links; i++)
    {
      int a = g_rand_int_range (rand, 1, n_stakeholders + 1);
      int b = 1 + (a + g_rand_int_range (rand, 0, n_stakeholders - 1)) % n_stakeholders;
      bind_identity (stmt);
      sqlite3_bind_int (stmt, 3, a);
      sqlite3_bind_int (stmt, 4, b == a ? 1 + a % n_stakeholders : b);
      sqlite3_bind_int (stmt, 5, g_rand_int_range (rand, 1, 4));
      step (db, stmt);
    }
  sqlite3_finalize (stmt);

  stmt = prepare (db, "INSERT INTO stakes (uuid, modified, title) VALUES (?, ?, 'Enjeu')");
  for (int i = 0; i < N_STAKES; i++) { bind_identity (stmt); step (db, stmt); }
  sqlite3_finalize (stmt);
  stmt = prepare (db, "INSERT INTO eval_questions (uuid, modified, stake_id, title) VALUES (?, ?, ?, 'Question évaluative')");
  for (int i = 0; i < N_QUESTIONS; i++) { bind_identity (stmt); sqlite3_bind_int (stmt, 3, 1 + i % N_STAKES); step (db, stmt); }
  sqlite3_finalize (stmt);
  stmt = prepare (db, "INSERT INTO effects (uuid, modified, question_id, title) VALUES (?, ?, ?, 'Effet attendu')");
  for (int i = 0; i < N_EFFECTS; i++) { bind_identity (stmt); sqlite3_bind_int (stmt, 3, 1 + i % N_QUESTIONS); step (db, stmt); }
  sqlite3_finalize (stmt);
  stmt = prepare (db, "INSERT INTO indicators (uuid, modified, effect_id, title, unit, target, position) VALUES (?, ?, ?, ?, 'personnes', 100, ?)");
  for (int i = 0; i < N_INDICATORS; i++)
    {
      g_autofree char *title = g_strdup_printf ("Indicateur %d des sorties en emploi", i + 1);
      bind_identity (stmt);
      sqlite3_bind_int (stmt, 3, 1 + i % N_EFFECTS);
      sqlite3_bind_text (stmt, 4, title, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 5, i / N_EFFECTS);
      step (db, stmt);
    }
  sqlite3_finalize (stmt);
  stmt = prepare (db, "INSERT INTO periods (uuid, modified, label, kind, start_date, end_date) VALUES (?, ?, ?, 0, ?, ?)");
  for (int i = 0; i < N_PERIODS; i++)
    {
      g_autofree char *label = g_strdup_printf ("%d", 2023 + i);
      g_autofree char *start = g_strdup_printf ("%d-01-01", 2023 + i);
      g_autofree char *end = g_strdup_printf ("%d-12-31", 2023 + i);
      bind_identity (stmt);
      sqlite3_bind_text (stmt, 3, label, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, start, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, end, -1, SQLITE_TRANSIENT);
      step (db, stmt);
    }
  sqlite3_finalize (stmt);
  stmt = prepare (db, "INSERT INTO measurements (uuid, modified, indicator_id, period_id, structure_id, value) VALUES (?, ?, ?, ?, ?, ?)");
  for (int i = 0; i < N_MEASUREMENTS; i++)
    {
      int cell = i;
      bind_identity (stmt);
      sqlite3_bind_int (stmt, 3, 1 + cell % N_INDICATORS);
      cell /= N_INDICATORS;
      sqlite3_bind_int (stmt, 4, 1 + cell % N_PERIODS);
      cell /= N_PERIODS;
      if (cell % (N_STRUCTURES + 1) == 0)
        sqlite3_bind_null (stmt, 5);
      else
        sqlite3_bind_int (stmt, 5, cell % (N_STRUCTURES + 1));
      sqlite3_bind_double (stmt, 6, g_rand_double_range (rand, 0, 200));
      step (db, stmt);
    }
  sqlite3_finalize (stmt);

  stmt = prepare (db, "INSERT INTO grids (uuid, modified, title) VALUES (?, ?, 'Grille')");
  for (int i = 0; i < N_GRIDS; i++) { bind_identity (stmt); step (db, stmt); }
  sqlite3_finalize (stmt);
  stmt = prepare (db, "INSERT INTO grid_questions (uuid, modified, grid_id, kind, text, position) VALUES (?, ?, ?, ?, 'Question posée', ?)");
  for (int i = 0; i < N_GRIDS * N_GRID_QUESTIONS; i++)
    {
      bind_identity (stmt);
      sqlite3_bind_int (stmt, 3, 1 + i / N_GRID_QUESTIONS);
      sqlite3_bind_int (stmt, 4, i % 3 == 0 ? 1 : 0);
      sqlite3_bind_int (stmt, 5, i % N_GRID_QUESTIONS);
      step (db, stmt);
    }
  sqlite3_finalize (stmt);
  /* Every third question, a scale, informs an indicator. */
  stmt = prepare (db, "INSERT INTO question_indicators (uuid, modified, question_id, indicator_id) VALUES (?, ?, ?, ?)");
  for (int i = 0; i < N_GRIDS * N_GRID_QUESTIONS; i += 3)
    {
      bind_identity (stmt);
      sqlite3_bind_int (stmt, 3, i + 1);
      sqlite3_bind_int (stmt, 4, 1 + (i * 7) % N_INDICATORS);
      step (db, stmt);
    }
  sqlite3_finalize (stmt);
  /* Done interviews, as in real projects with their consent recorded but
   * for one in fifty, which the export leaves out. */
  stmt = prepare (db, "INSERT INTO interviews (uuid, modified, grid_id, stakeholder_id, structure_id, date, consent, status)"
                      " VALUES (?, ?, ?, ?, ?, ?, ?, 2)");
  for (int i = 0; i < n_interviews; i++)
    {
      g_autofree char *date = g_strdup_printf ("%d-%02d-%02d", 2023 + i % N_PERIODS, 1 + i % 12, 1 + i % 28);
      bind_identity (stmt);
      sqlite3_bind_int (stmt, 3, 1 + i % N_GRIDS);
      sqlite3_bind_int (stmt, 4, 1 + i % n_stakeholders);
      sqlite3_bind_int (stmt, 5, 1 + i % N_STRUCTURES);
      sqlite3_bind_text (stmt, 6, date, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 7, i % 50 == 0 ? 0 : 1);
      step (db, stmt);
    }
  sqlite3_finalize (stmt);
  stmt = prepare (db, "INSERT INTO answers (uuid, modified, interview_id, question_id, text, number) VALUES (?, ?, ?, ?, ?, ?)");
  for (int i = 0; i < n_interviews; i++)
    for (int q = 0; q < N_GRID_QUESTIONS; q++)
      {
        int question = 1 + (i % N_GRIDS) * N_GRID_QUESTIONS + q;
        bind_identity (stmt);
        sqlite3_bind_int (stmt, 3, i + 1);
        sqlite3_bind_int (stmt, 4, question);
        sqlite3_bind_text (stmt, 5, answer_texts[(i + q) % G_N_ELEMENTS (answer_texts)], -1, SQLITE_STATIC);
        sqlite3_bind_double (stmt, 6, g_rand_int_range (rand, 1, 6));
        step (db, stmt);
      }
  sqlite3_finalize (stmt);
  stmt = prepare (db, "INSERT INTO verbatims (uuid, modified, answer_id, start, end, quote, tone) VALUES (?, ?, ?, 0, 32, 'Depuis que je viens aux ateliers', 0)");
  for (int i = 0; i < n_verbatims; i++)
    {
      bind_identity (stmt);
      sqlite3_bind_int (stmt, 3, 1 + (i * 10) % (n_interviews * N_GRID_QUESTIONS));
      step (db, stmt);
    }
  sqlite3_finalize (stmt);

  stmt = prepare (db, "INSERT INTO verbatim_tags (uuid, modified, verbatim_id, effect_id) VALUES (?, ?, ?, ?)");
  for (int i = 0; i < n_verbatims; i++)
    {
      bind_identity (stmt);
      sqlite3_bind_int (stmt, 3, i + 1);
      sqlite3_bind_int (stmt, 4, 1 + i % N_EFFECTS);
      step (db, stmt);
    }
  sqlite3_finalize (stmt);

  if (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    g_error ("%s", sqlite3_errmsg (db));
  sqlite3_close (db);

  /* Rows written behind the document's back: index their text. */
  document = tissage_document_open (file, &error);
  g_assert_no_error (error);
  if (!tissage_document_rebuild_search_index (document, &error))
    g_error ("%s", error->message);
}

void
tissage_bench_generate_large (const char *path)
{
  generate (path, 1);
}

/* Bump when the generator writes another project, so that a cached one is
 * made again. */
#define GENERATOR_VERSION 1

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) destination = g_file_new_for_path (to);
  g_autoptr(GError) error = NULL;

  if (!g_file_copy (source, destination, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
    g_error ("%s", error->message);
}

void
tissage_bench_copy_scaled (const char *path,
                           guint       scale)
{
  const char *builddir = g_getenv ("G_TEST_BUILDDIR");
  g_autofree char *name = NULL;
  g_autofree char *cached = NULL;
  g_autofree char *cached_wal = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  if (builddir == NULL)
    {
      gint64 start = g_get_monotonic_time ();

      generate (path, scale);
      printf ("# project %u times the large one generated in %.1f s\n", scale,
              (g_get_monotonic_time () - start) / 1e6);
      return;
    }

  name = g_strdup_printf ("bench-large-x%u-g%d-s%d.tissage", scale, GENERATOR_VERSION, TISSAGE_SCHEMA_VERSION);
  cached = g_build_filename (builddir, name, NULL);
  cached_wal = g_strconcat (cached, "-wal", NULL);

  if (!g_file_test (cached, G_FILE_TEST_EXISTS))
    {
      /* Written aside then renamed: a bench stopped halfway leaves no
       * half project for the next one. */
      g_autofree char *partial = g_strdup_printf ("%s.part%d", cached, (int) getpid ());
      g_autofree char *partial_wal = g_strconcat (partial, "-wal", NULL);
      g_autofree char *partial_shm = g_strconcat (partial, "-shm", NULL);
      gint64 start = g_get_monotonic_time ();

      generate (partial, scale);
      if (g_file_test (partial_wal, G_FILE_TEST_EXISTS))
        g_error ("the generated project %s kept a write-ahead log", partial);
      g_unlink (partial_shm);
      if (g_rename (partial, cached) != 0)
        g_error ("%s: %s", cached, g_strerror (errno));
      printf ("# project %u times the large one generated in %.1f s, cached in %s\n", scale,
              (g_get_monotonic_time () - start) / 1e6, cached);
    }

  copy_file (cached, path);
  g_unlink (wal);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

double
tissage_bench_median (double *values,
                      guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}

void
tissage_bench_remove_project (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (wal);
  g_unlink (shm);
  g_unlink (path);
}

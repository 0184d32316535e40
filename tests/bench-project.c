#include "config.h"

#include <sqlite3.h>

#include "bench-project.h"
#include "tissage-document-private.h"

#define N_STRUCTURES    BENCH_N_STRUCTURES
#define N_STAKEHOLDERS  BENCH_N_STAKEHOLDERS
#define N_LINKS         6000
#define N_STAKES        6
#define N_QUESTIONS     30
#define N_EFFECTS       120
#define N_INDICATORS    BENCH_N_INDICATORS
#define N_PERIODS       4
#define N_MEASUREMENTS  50000
#define N_GRIDS         2
#define N_GRID_QUESTIONS 40
#define N_INTERVIEWS    BENCH_N_INTERVIEWS
#define N_VERBATIMS     20000

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

void
bench_generate_large_project (const char *path)
{
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
  for (int i = 1; i <= N_STAKEHOLDERS; i++)
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
  for (int i = 0; i < N_LINKS; i++)
    {
      int a = g_rand_int_range (rand, 1, N_STAKEHOLDERS + 1);
      int b = 1 + (a + g_rand_int_range (rand, 0, N_STAKEHOLDERS - 1)) % N_STAKEHOLDERS;
      bind_identity (stmt);
      sqlite3_bind_int (stmt, 3, a);
      sqlite3_bind_int (stmt, 4, b == a ? 1 + a % N_STAKEHOLDERS : b);
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
  stmt = prepare (db, "INSERT INTO periods (uuid, modified, label, kind) VALUES (?, ?, ?, 0)");
  for (int i = 0; i < N_PERIODS; i++)
    {
      g_autofree char *label = g_strdup_printf ("%d", 2023 + i);
      bind_identity (stmt);
      sqlite3_bind_text (stmt, 3, label, -1, SQLITE_TRANSIENT);
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
  /* Questions of every kind: open, 1–5 scale, yes/no, one choice, several
   * choices, number. */
  stmt = prepare (db, "INSERT INTO grid_questions (uuid, modified, grid_id, kind, text, choices, position) VALUES (?, ?, ?, ?, ?, ?, ?)");
  for (int i = 0; i < N_GRIDS * N_GRID_QUESTIONS; i++)
    {
      g_autofree char *text = g_strdup_printf ("Question %d : qu'est-ce qui a changé pour vous depuis votre entrée dans le parcours ?", i + 1);
      bind_identity (stmt);
      sqlite3_bind_int (stmt, 3, 1 + i / N_GRID_QUESTIONS);
      sqlite3_bind_int (stmt, 4, i % 6);
      sqlite3_bind_text (stmt, 5, text, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, i % 6 >= 3 && i % 6 <= 4 ? "CV\nNumérique\nMobilité" : "", -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 7, i % N_GRID_QUESTIONS);
      step (db, stmt);
    }
  sqlite3_finalize (stmt);
  stmt = prepare (db, "INSERT INTO interviews (uuid, modified, grid_id, stakeholder_id, pseudonym, category_id, structure_id,"
                      " interviewer, date, place, mode, consent, status, notes)"
                      " VALUES (?, ?, ?, ?, ?, ?, ?, 'Karim B.', ?, 'Centre social des Tanneries', ?, 1, 2,"
                      " 'Entretien mené dans de bonnes conditions, à recontacter en juin.')");
  for (int i = 0; i < N_INTERVIEWS; i++)
    {
      g_autofree char *pseudonym = g_strdup_printf ("Personne %c.", 'A' + i % 26);
      g_autofree char *date = g_strdup_printf ("2025-%02d-%02d", 1 + i % 12, 1 + i % 28);
      bind_identity (stmt);
      sqlite3_bind_int (stmt, 3, 1 + i % N_GRIDS);
      sqlite3_bind_int (stmt, 4, 1 + i % N_STAKEHOLDERS);
      sqlite3_bind_text (stmt, 5, pseudonym, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 6, category_min + i % 10);
      sqlite3_bind_int (stmt, 7, 1 + i % N_STRUCTURES);
      sqlite3_bind_text (stmt, 8, date, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 9, i % 4);
      step (db, stmt);
    }
  sqlite3_finalize (stmt);
  stmt = prepare (db, "INSERT INTO answers (uuid, modified, interview_id, question_id, text, number) VALUES (?, ?, ?, ?, ?, ?)");
  for (int i = 0; i < N_INTERVIEWS; i++)
    for (int q = 0; q < N_GRID_QUESTIONS; q++)
      {
        int question = (i % N_GRIDS) * N_GRID_QUESTIONS + q;
        bind_identity (stmt);
        sqlite3_bind_int (stmt, 3, i + 1);
        sqlite3_bind_int (stmt, 4, question + 1);
        switch (question % 6)
          {
          case 0:
            sqlite3_bind_text (stmt, 5, "Depuis que je viens aux ateliers, je connais mieux les entreprises du quartier et j'ai repris confiance.", -1, SQLITE_STATIC);
            sqlite3_bind_null (stmt, 6);
            break;
          case 1:
          case 5:
            sqlite3_bind_text (stmt, 5, "", -1, SQLITE_STATIC);
            sqlite3_bind_double (stmt, 6, g_rand_int_range (rand, 1, 6));
            break;
          case 2:
            sqlite3_bind_text (stmt, 5, "", -1, SQLITE_STATIC);
            sqlite3_bind_double (stmt, 6, g_rand_int_range (rand, 0, 2));
            break;
          case 3:
            sqlite3_bind_text (stmt, 5, "Numérique", -1, SQLITE_STATIC);
            sqlite3_bind_null (stmt, 6);
            break;
          default:
            sqlite3_bind_text (stmt, 5, "CV\nMobilité", -1, SQLITE_STATIC);
            sqlite3_bind_null (stmt, 6);
            break;
          }
        step (db, stmt);
      }
  sqlite3_finalize (stmt);
  stmt = prepare (db, "INSERT INTO verbatims (uuid, modified, answer_id, start, end, quote, tone) VALUES (?, ?, ?, 0, 40, 'Depuis que je viens aux ateliers', ?)");
  for (int i = 0; i < N_VERBATIMS; i++)
    {
      bind_identity (stmt);
      sqlite3_bind_int (stmt, 3, 1 + (i * 10) % (N_INTERVIEWS * N_GRID_QUESTIONS));
      sqlite3_bind_int (stmt, 4, i % 3);
      step (db, stmt);
    }
  sqlite3_finalize (stmt);
  stmt = prepare (db, "INSERT INTO verbatim_tags (uuid, modified, verbatim_id, effect_id) VALUES (?, ?, ?, ?)");
  for (int i = 0; i < N_VERBATIMS; i++)
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
}


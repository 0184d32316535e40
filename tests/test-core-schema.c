/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

/* The core suite: the schema, its defaults and migrations, the consent
 * migration and the privacy rules it brought. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <sqlite3.h>

#include "tissage-document-private.h"
#include "tissage-members.h"
#include "tissage-interviews.h"
#include "tissage-privacy.h"
#include "tissage-schema.h"
#include "tissage-test-utils.h"
#include "test-core-private.h"

void
test_schema_tables (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(TissageDocument) document = new_document (fixture);
  const char * const required[] = {
    "structures", "categories", "stakeholders", "links", "stakes",
    "eval_questions", "effects", "effect_stakeholders", "indicators",
    "toc_items", "toc_links", "measurements", "grids", "grid_questions",
    "interviews", "answers", "verbatims", "verbatim_tags",
  };
  const char * const *tables = tissage_schema_get_tables ();

  g_assert_cmpint (tissage_document_get_schema_version (document), ==, TISSAGE_SCHEMA_VERSION);
  g_assert_cmpint (query_count (document, "PRAGMA user_version"), ==, TISSAGE_SCHEMA_VERSION);
  g_assert_cmpint (query_count (document, "PRAGMA application_id"), ==, TISSAGE_APPLICATION_ID);
  g_assert_cmpint (query_count (document, "PRAGMA foreign_keys"), ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    g_assert_true (g_strv_contains (tables, required[i]));

  for (guint i = 0; tables[i] != NULL; i++)
    {
      g_autofree char *sql = g_strdup_printf (
        "SELECT (SELECT count (*) FROM pragma_table_info ('%1$s') WHERE name = 'id' AND pk = 1) + "
        "(SELECT count (*) FROM pragma_table_info ('%1$s') WHERE name = 'uuid' AND \"notnull\" = 1) + "
        "(SELECT count (*) FROM pragma_table_info ('%1$s') WHERE name = 'modified') + "
        "(SELECT count (*) FROM pragma_index_list ('%1$s') WHERE \"unique\" = 1 AND origin = 'u' "
        "  AND (SELECT group_concat (name) FROM pragma_index_info (pragma_index_list.name)) = 'uuid')",
        tables[i]);

      g_test_message ("table %s", tables[i]);
      g_assert_cmpint (query_count (document, sql), ==, 4);
    }

  g_assert_cmpint (query_count (document, "SELECT count (*) FROM pragma_foreign_key_check"), ==, 0);
}

void
test_defaults (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(TissageDocument) document = new_document (fixture);
  GListModel *categories = tissage_document_get_categories (document);

  g_assert_cmpuint (g_list_model_get_n_items (categories), ==, 10);
  g_assert_nonnull (category_by_builtin (document, "financeurs"));
  g_assert_nonnull (category_by_builtin (document, "habitants"));
  g_assert_cmpstr (tissage_category_get_color (category_by_builtin (document, "beneficiaires")), ==, "#3584e4");
  g_assert_nonnull (tissage_document_get_project (document));
  g_assert_false (tissage_document_can_undo (document));
  g_assert_false (tissage_document_get_read_only (document));
}

/* Migrations */

void
test_migration_v0 (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "fixtures", "v0.tissage", NULL);
  g_autofree char *path = fixture_path (fixture, "ancien.tissage");
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = NULL;

  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
  write_file (path, contents, length);
  file = g_file_new_for_path (path);

  document = tissage_document_open (file, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tissage_document_get_schema_version (document), ==, TISSAGE_SCHEMA_VERSION);
  g_assert_cmpint (query_count (document, "PRAGMA user_version"), ==, TISSAGE_SCHEMA_VERSION);
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM sqlite_schema WHERE type = 'table' AND name = 'verbatim_tags'"), ==, 1);
  g_assert_false (tissage_document_get_read_only (document));
}

static gboolean
step_fill (sqlite3  *db,
           GError  **error)
{
  if (sqlite3_exec (db, "INSERT INTO project (uuid, modified, name) VALUES ('u1', 'now', 'Migré')", NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_FAILED, sqlite3_errmsg (db));
      return FALSE;
    }
  return TRUE;
}

static gboolean
step_fail (sqlite3  *db,
           GError  **error)
{
  g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_FAILED, "échec voulu");
  return FALSE;
}

void
test_migration_steps (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "fixtures", "v0.tissage", NULL);
  g_autofree char *path = fixture_path (fixture, "etapes.tissage");
  g_autofree char *contents = NULL;
  g_autofree char *sum = NULL;
  g_autofree char *sum_after = NULL;
  gsize length;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = NULL;
  guint n;
  const TissageMigration *real = tissage_schema_get_migrations (&n);
  /* Every real step, so that the records find their columns, then two more. */
  g_autofree TissageMigration *steps = g_new0 (TissageMigration, n + 2);

  memcpy (steps, real, n * sizeof *steps);
  steps[n] = (TissageMigration) { "ALTER TABLE project ADD COLUMN motto TEXT NOT NULL DEFAULT ''", step_fill };
  steps[n + 1] = (TissageMigration) { NULL, step_fail };

  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
  write_file (path, contents, length);
  file = g_file_new_for_path (path);

  /* A failing last step leaves the file as it was: all steps or none. */
  sum = file_checksum (path);
  document = tissage_document_open_with_migrations (file, steps, n + 2, &error);
  g_assert_null (document);
  g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_MIGRATION);
  g_clear_error (&error);
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    sqlite3_prepare_v2 (db, "SELECT count (*) FROM sqlite_schema", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
    sqlite3_finalize (stmt);
    sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }

  /* The steps run in order, in one go. */
  document = tissage_document_open_with_migrations (file, steps, n + 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tissage_document_get_schema_version (document), ==, n + 1);
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM project WHERE name = 'Migré' AND motto = ''"), ==, 1);
  (void) sum_after;
}

/* A project of version 2, where consent was 0 or 1, with answers and a
 * quote hanging from its interviews. */
static void
write_v2_project (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (tissage_schema_create (db, 2, NULL));
  g_assert_cmpint (sqlite3_exec (db,
    "INSERT INTO project (uuid, modified, name) VALUES ('p', 'm', 'Ancien');"
    "INSERT INTO grids (id, uuid, modified, title) VALUES (1, 'g', 'm', 'Grille');"
    "INSERT INTO grid_questions (id, uuid, modified, grid_id, text) VALUES (1, 'q', 'm', 1, 'Pourquoi ?');"
    "INSERT INTO interviews (id, uuid, modified, grid_id, consent, interviewer) VALUES (7, 'i7', 'm', 1, 1, 'Léa');"
    "INSERT INTO interviews (id, uuid, modified, grid_id, consent) VALUES (9, 'i9', 'm', 1, 0);"
    "INSERT INTO answers (id, uuid, modified, interview_id, question_id, text) VALUES (1, 'a1', 'm', 7, 1, 'Parce que');"
    "INSERT INTO answers (id, uuid, modified, interview_id, question_id, text) VALUES (2, 'a2', 'm', 9, 1, 'Sans accord');"
    "INSERT INTO verbatims (uuid, modified, answer_id, start, end, quote) VALUES ('v', 'm', 1, 0, 5, 'Parce');"
    "INSERT INTO interviews_fts (rowid, text) VALUES (7, 'Parce que'), (9, 'Sans accord');",
    NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

void
test_migration_consent (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "consent.tissage");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = NULL;
  TissageInterview *refused;
  int consent = -1;

  write_v2_project (path);
  document = tissage_document_open (file, &error);
  g_assert_no_error (error);
  g_assert_false (tissage_document_get_read_only (document));
  g_assert_cmpint (query_count (document, "PRAGMA user_version"), ==, TISSAGE_SCHEMA_VERSION);

  /* 1 was given; the 0 every interview got by default is "not recorded". */
  g_assert_cmpint (query_count (document, "SELECT consent FROM interviews WHERE id = 7"), ==, TISSAGE_CONSENT_GIVEN);
  g_assert_cmpint (query_count (document, "SELECT consent FROM interviews WHERE id = 9"), ==, TISSAGE_CONSENT_UNKNOWN);
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM interviews WHERE id = 7 AND uuid = 'i7' AND interviewer = 'Léa'"), ==, 1);

  /* The rebuild took nothing hanging from the interviews with it. */
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM answers"), ==, 2);
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM verbatims"), ==, 1);
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM pragma_foreign_key_list ('answers') WHERE \"table\" = 'interviews' AND on_delete = 'CASCADE'"), ==, 1);
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM sqlite_schema WHERE type = 'index' AND name IN ('interviews_grid', 'interviews_stakeholder')"), ==, 2);
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM sqlite_schema WHERE name LIKE 'interviews_v%'"), ==, 0);
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM pragma_foreign_key_check"), ==, 0);

  /* A refusal can be recorded now, and the answers still follow their
   * interview when it goes. */
  refused = tissage_document_lookup (document, TISSAGE_TYPE_INTERVIEW, 9);
  g_assert_nonnull (refused);
  g_assert_true (tissage_document_set (document, refused, &error, "consent", TISSAGE_CONSENT_REFUSED, NULL));
  g_assert_no_error (error);
  g_object_get (refused, "consent", &consent, NULL);
  g_assert_cmpint (consent, ==, TISSAGE_CONSENT_REFUSED);
  g_assert_true (tissage_document_delete (document, refused, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM answers"), ==, 1);

  /* And the file is Tissage's own, not one to repair. */
  g_clear_object (&document);
  {
    g_autofree char *message = NULL;

    g_assert_cmpint (tissage_document_check_file (file, &message), ==, TISSAGE_FILE_OK);
  }
}

/* Who a pseudonymised export protects */

void
test_privacy_people (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char * const people[] = { "beneficiaires", "benevoles", "salaries", "habitants", "", NULL };
  static const char * const organisations[] = { "structures-membres", "financeurs", "collectivites",
                                                 "entreprises", "ess", "recherche" };

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    g_assert_true (tissage_interviewee_is_person (TRUE, FALSE, people[i]));
  for (guint i = 0; i < G_N_ELEMENTS (organisations); i++)
    {
      g_assert_false (tissage_interviewee_is_person (TRUE, FALSE, organisations[i]));
      /* Known by a pseudonym, someone who speaks for a business is a person. */
      g_assert_true (tissage_interviewee_is_person (FALSE, FALSE, organisations[i]));
    }
  /* A member of the collective is a structure, whatever its category. */
  g_assert_false (tissage_interviewee_is_person (TRUE, TRUE, "beneficiaires"));
}

void
test_privacy_rules (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = new_document (fixture);
  TissageCategory *beneficiaries = category_by_builtin (document, "beneficiaires");
  TissageCategory *employees = category_by_builtin (document, "salaries");
  TissageCategory *funders = category_by_builtin (document, "financeurs");
  TissageCategory *businesses = category_by_builtin (document, "entreprises");
  g_autoptr(TissageRecord) grid = tissage_document_insert (document, TISSAGE_TYPE_GRID, &error, "title", "Grille", NULL);
  g_autoptr(TissageRecord) geiq = tissage_document_insert (document, TISSAGE_TYPE_STRUCTURE, &error, "name", "GEIQ BTP Garonne", NULL);
  g_autoptr(TissageRecord) foundation = tissage_document_insert (document, TISSAGE_TYPE_STAKEHOLDER, &error,
                                                                 "name", "Fondation du Sud", "category-id", tissage_record_id (funders), NULL);
  g_autoptr(TissageRecord) amina = tissage_document_insert (document, TISSAGE_TYPE_STAKEHOLDER, &error,
                                                            "name", "Amina B.", "category-id", tissage_record_id (beneficiaries), NULL);
  g_autoptr(TissagePrivacy) privacy = NULL;
  g_autoptr(TissagePrivacy) named = NULL;
  gint64 ids[6];
  guint n = 0;

  g_assert_no_error (error);
  /* The foundation, Amina, three beneficiaries of the GEIQ (one is Amina)
   * and its only employee interviewed. */
#define INTERVIEW(...) G_STMT_START { \
    g_autoptr(TissageRecord) iv = tissage_document_insert (document, TISSAGE_TYPE_INTERVIEW, &error, \
                                                           "grid-id", tissage_record_id (grid), __VA_ARGS__, NULL); \
    g_assert_no_error (error); \
    ids[n++] = tissage_record_id (iv); \
  } G_STMT_END
  INTERVIEW ("stakeholder-id", tissage_record_id (foundation), "consent", TISSAGE_CONSENT_GIVEN);
  INTERVIEW ("stakeholder-id", tissage_record_id (amina), "structure-id", tissage_record_id (geiq), "date", "2025-03-01");
  INTERVIEW ("category-id", tissage_record_id (beneficiaries), "structure-id", tissage_record_id (geiq),
             "consent", TISSAGE_CONSENT_REFUSED, "date", "2025-05-01");
  INTERVIEW ("pseudonym", "Lucien", "category-id", tissage_record_id (beneficiaries), "person-structure-id", tissage_record_id (geiq),
             "consent", TISSAGE_CONSENT_GIVEN, "date", "2025-06-01");
  INTERVIEW ("category-id", tissage_record_id (employees), "structure-id", tissage_record_id (geiq), "consent", TISSAGE_CONSENT_GIVEN);
  /* Someone who speaks for a business, known by a pseudonym. */
  INTERVIEW ("pseudonym", "M. P., chef d'équipe", "category-id", tissage_record_id (businesses));
#undef INTERVIEW

  privacy = tissage_privacy_new (tissage_document_get_db (document), TRUE, FALSE);
  /* The funder is named; people are not; interviewers never. */
  g_assert_false (tissage_privacy_is_person (privacy, ids[0]));
  g_assert_false (tissage_privacy_masks_interview (privacy, ids[0]));
  g_assert_false (tissage_privacy_masks_stakeholder (privacy, tissage_record_id (foundation)));
  for (guint i = 1; i < n; i++)
    g_assert_true (tissage_privacy_masks_interview (privacy, ids[i]));
  g_assert_true (tissage_privacy_masks_stakeholder (privacy, tissage_record_id (amina)));
  g_assert_false (tissage_privacy_shows_interviewer (privacy));
  /* Three beneficiaries of the GEIQ hide among each other; its one
   * employee would be named by it. */
  g_assert_true (tissage_privacy_shows_structure (privacy, tissage_record_id (beneficiaries), tissage_record_id (geiq)));
  g_assert_false (tissage_privacy_shows_structure (privacy, tissage_record_id (employees), tissage_record_id (geiq)));
  /* Only recorded consent lets the words out; a refusal and no answer
   * at all are left out alike, and counted. */
  g_assert_true (tissage_privacy_keeps_interview (privacy, ids[0]));
  g_assert_false (tissage_privacy_keeps_interview (privacy, ids[1]));
  g_assert_false (tissage_privacy_keeps_interview (privacy, ids[2]));
  g_assert_true (tissage_privacy_keeps_interview (privacy, ids[3]));
  g_assert_cmpuint (tissage_privacy_count_left_out (privacy, NULL, NULL, 0), ==, 3);
  g_assert_cmpuint (tissage_privacy_count_left_out (privacy, "2025-04-01", "2025-12-31", 0), ==, 1);
  g_assert_cmpuint (tissage_privacy_count_left_out (privacy, NULL, NULL, tissage_record_id (geiq)), ==, 2);

  /* The window's quotes name them as the exports do. */
  {
    TissageInterview *of_foundation = tissage_document_lookup (document, TISSAGE_TYPE_INTERVIEW, ids[0]);
    TissageInterview *of_amina = tissage_document_lookup (document, TISSAGE_TYPE_INTERVIEW, ids[1]);
    g_autofree char *foundation_label = tissage_document_dup_interviewee (document, of_foundation, TRUE);
    g_autofree char *amina_label = tissage_document_dup_interviewee (document, of_amina, TRUE);
    g_autofree char *numbered = g_strdup_printf (_("Interviewee %d"), (int) ids[1]);

    g_assert_cmpstr (foundation_label, ==, "Fondation du Sud");
    g_assert_cmpstr (amina_label, ==, numbered);
  }

  named = tissage_privacy_new (tissage_document_get_db (document), FALSE, TRUE);
  g_assert_false (tissage_privacy_masks_interview (named, ids[1]));
  g_assert_true (tissage_privacy_shows_interviewer (named));
  g_assert_true (tissage_privacy_shows_structure (named, tissage_record_id (employees), tissage_record_id (geiq)));
  g_assert_true (tissage_privacy_keeps_interview (named, ids[2]));
  g_assert_cmpuint (tissage_privacy_count_left_out (named, NULL, NULL, 0), ==, 0);
}

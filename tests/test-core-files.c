/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

/* The core suite: files that do not open as they should (not SQLite,
 * locked, newer, read-only), a full disk, the check in the background,
 * a new file that replaces another whole or not at all. */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>
#include <sqlite3.h>

#include "tissage-document-private.h"
#include "tissage-members.h"
#include "tissage-interviews.h"
#include "tissage-schema.h"
#include "tissage-test-utils.h"
#include "test-core-private.h"

/* Bad files */

void
write_file (const char *path,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static void
assert_open_fails (const char *path,
                   int         code,
                   const char *fragment)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = tissage_document_open (file, &error);
  g_autofree char *before = NULL;

  g_assert_null (document);
  g_assert_error (error, TISSAGE_DOCUMENT_ERROR, code);
  g_test_message ("%s", error->message);
  if (fragment != NULL)
    g_assert_nonnull (strstr (error->message, fragment));
}

char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return NULL;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

void
test_bad_files (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *text = fixture_path (fixture, "notes.tissage");
  g_autofree char *empty = fixture_path (fixture, "vide.tissage");
  g_autofree char *missing = fixture_path (fixture, "absent.tissage");
  g_autofree char *foreign = fixture_path (fixture, "autre.sqlite");
  g_autofree char *corrupt = fixture_path (fixture, "abime.tissage");
  g_autofree char *sum = NULL;
  g_autofree char *sum_after = NULL;
  sqlite3 *db = NULL;

  write_file (text, "Compte rendu de réunion\n", -1);
  sum = file_checksum (text);
  assert_open_fails (text, TISSAGE_DOCUMENT_ERROR_NOT_TISSAGE, "notes.tissage");
  sum_after = file_checksum (text);
  g_assert_cmpstr (sum, ==, sum_after);

  write_file (empty, "", 0);
  assert_open_fails (empty, TISSAGE_DOCUMENT_ERROR_NOT_TISSAGE, NULL);
  assert_open_fails (missing, TISSAGE_DOCUMENT_ERROR_NOT_FOUND, "absent.tissage");
  assert_open_fails (fixture->dir, TISSAGE_DOCUMENT_ERROR_NOT_FOUND, NULL);

  /* Another program's SQLite database is not touched. */
  g_assert_cmpint (sqlite3_open (foreign, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE contacts (nom TEXT); INSERT INTO contacts VALUES ('x');", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_clear_pointer (&sum, g_free);
  g_clear_pointer (&sum_after, g_free);
  sum = file_checksum (foreign);
  assert_open_fails (foreign, TISSAGE_DOCUMENT_ERROR_NOT_TISSAGE, "autre.sqlite");
  sum_after = file_checksum (foreign);
  g_assert_cmpstr (sum, ==, sum_after);

  /* A real project with damaged pages. */
  {
    g_autoptr(GFile) file = g_file_new_for_path (corrupt);
    g_autoptr(GError) error = NULL;
    g_autoptr(TissageDocument) document = tissage_document_create_example (file, &error);
    g_autofree char *contents = NULL;
    gsize length;

    g_assert_no_error (error);
    g_clear_object (&document);

    g_assert_true (g_file_get_contents (corrupt, &contents, &length, NULL));
    g_assert_cmpuint (length, >, 8192);
    for (gsize i = 4096 + 200; i < length - 100; i += 97)
      contents[i] = (char) (contents[i] ^ 0x5a);
    write_file (corrupt, contents, length);
    g_clear_pointer (&sum, g_free);
    g_clear_pointer (&sum_after, g_free);
    sum = file_checksum (corrupt);
    assert_open_fails (corrupt, TISSAGE_DOCUMENT_ERROR_CORRUPT, "abime.tissage");
    sum_after = file_checksum (corrupt);
    g_assert_cmpstr (sum, ==, sum_after);

    /* Truncated in the middle, as by a failed copy. */
    write_file (corrupt, contents, length / 2);
    assert_open_fails (corrupt, TISSAGE_DOCUMENT_ERROR_CORRUPT, NULL);
  }
}

void
test_locked (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(TissageDocument) document = new_document (fixture);
  g_autoptr(TissageDocument) second = NULL;
  g_autoptr(GError) error = NULL;

  second = tissage_document_open (fixture->file, &error);
  g_assert_null (second);
  g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_LOCKED);
  g_clear_error (&error);

  /* The first one goes on working. */
  {
    g_autoptr(TissageStakeholder) s = tissage_document_insert (document, TISSAGE_TYPE_STAKEHOLDER,
                                                               &error, "name", "PLIE", NULL);
    g_assert_no_error (error);
  }
  g_clear_object (&document);
  second = tissage_document_open (fixture->file, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (tissage_document_get_stakeholders (second)), ==, 1);
}

void
test_newer_version (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(TissageDocument) document = new_document (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageStakeholder) s = NULL;
  g_autofree char *path = g_file_get_path (fixture->file);
  g_autofree char *sum = NULL;
  g_autofree char *sum_after = NULL;
  sqlite3 *db = NULL;

  s = tissage_document_insert (document, TISSAGE_TYPE_STAKEHOLDER, &error, "name", "Fondation", NULL);
  g_assert_no_error (error);
  g_clear_object (&s);
  g_clear_object (&document);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  {
    g_autofree char *newer = g_strdup_printf ("ALTER TABLE stakeholders ADD COLUMN futur TEXT; PRAGMA user_version = %d;",
                                              TISSAGE_SCHEMA_VERSION + 1);

    g_assert_cmpint (sqlite3_exec (db, newer, NULL, NULL, NULL), ==, SQLITE_OK);
  }
  sqlite3_close (db);
  sum = file_checksum (path);

  document = tissage_document_open (fixture->file, &error);
  g_assert_no_error (error);
  g_assert_true (tissage_document_get_read_only (document));
  g_assert_nonnull (tissage_document_get_read_only_reason (document));
  g_assert_cmpuint (g_list_model_get_n_items (tissage_document_get_stakeholders (document)), ==, 1);

  s = g_list_model_get_item (tissage_document_get_stakeholders (document), 0);
  g_assert_false (tissage_document_set (document, s, &error, "name", "Autre", NULL));
  g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_cmpstr (tissage_stakeholder_get_name (s), ==, "Fondation");
  g_clear_object (&s);
  g_clear_object (&document);

  sum_after = file_checksum (path);
  g_assert_cmpstr (sum, ==, sum_after);
}

void
test_read_only_file (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(TissageDocument) document = new_document (fixture);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (fixture->file);

  if (geteuid () == 0)
    {
      g_test_skip ("permissions do not apply to root");
      return;
    }

  g_clear_object (&document);
  g_chmod (path, 0400);
  document = tissage_document_open (fixture->file, &error);
  g_assert_no_error (error);
  g_assert_true (tissage_document_get_read_only (document));
}

void
test_disk_full (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = tissage_document_create_example (fixture->file, &error);
  g_autoptr(TissageStakeholder) first = NULL;
  GListModel *stakeholders;
  g_autofree char *big = g_strnfill (200000, 'x');
  g_autofree char *sql = NULL;
  g_autofree char *name_before = NULL;
  guint n_before;
  gint64 pages;
  gboolean ok;

  g_assert_no_error (error);
  stakeholders = tissage_document_get_stakeholders (document);
  n_before = g_list_model_get_n_items (stakeholders);
  first = g_list_model_get_item (stakeholders, 0);
  name_before = g_strdup (tissage_stakeholder_get_name (first));

  /* The file may not grow any more: the disk is full. */
  pages = query_count (document, "PRAGMA page_count");
  sql = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT, pages);
  g_assert_cmpint (sqlite3_exec (tissage_document_get_db (document), sql, NULL, NULL, NULL), ==, SQLITE_OK);

  ok = tissage_document_set (document, first, &error, "description", big, NULL);
  g_assert_false (ok);
  g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_IO);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  {
    g_autoptr(TissageStakeholder) refused =
      tissage_document_insert (document, TISSAGE_TYPE_STAKEHOLDER, &error, "name", "Nouvelle", "contact", big, NULL);
    g_assert_null (refused);
    g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_IO);
    g_clear_error (&error);
  }

  /* Nothing half-done: the models and the file are as before. */
  g_assert_cmpuint (g_list_model_get_n_items (stakeholders), ==, n_before);
  g_assert_cmpstr (tissage_stakeholder_get_description (first), !=, big);
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM stakeholders"), ==, n_before);

  /* Space again: editing goes on. */
  g_assert_cmpint (sqlite3_exec (tissage_document_get_db (document), "PRAGMA max_page_count = 1073741823", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (tissage_document_set (document, first, &error, "description", "Après", NULL));
  g_assert_no_error (error);
  g_clear_object (&document);

  document = tissage_document_open (fixture->file, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM stakeholders WHERE description = 'Après'"), ==, 1);
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM stakeholders"), ==, n_before);
}

void
test_background_check (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = tissage_document_create_example (fixture->file, &error);
  g_autoptr(TissageStakeholder) first = NULL;
  g_autofree char *path = g_file_get_path (fixture->file);
  g_autofree char *contents = NULL;
  g_autofree char *sum = NULL;
  g_autofree char *sum_after = NULL;
  gsize length;
  sqlite3 *db;
  gint64 pages, answer_root;

  g_assert_no_error (error);

  /* Interviews fill the end of the file, far from the stakeholders. */
  db = tissage_document_get_db (document);
  g_assert_cmpint (sqlite3_exec (db,
    "BEGIN;"
    "INSERT INTO grids (uuid, modified, title) VALUES ('g', 'm', 'Grille');"
    "INSERT INTO grid_questions (uuid, modified, grid_id, text) VALUES ('q', 'm', (SELECT id FROM grids WHERE uuid = 'g'), 'Question');"
    "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)"
    "  INSERT INTO interviews (uuid, modified, grid_id) SELECT 'i' || i, 'm', (SELECT id FROM grids WHERE uuid = 'g') FROM n;"
    "INSERT INTO answers (uuid, modified, interview_id, question_id, text)"
    "  SELECT 'a' || id, 'm', id, (SELECT id FROM grid_questions WHERE uuid = 'q'), printf ('%.400c', 'x')"
    "  FROM interviews WHERE uuid LIKE 'i%';"
    "COMMIT;", NULL, NULL, NULL), ==, SQLITE_OK);
  answer_root = query_count (document, "SELECT rootpage FROM sqlite_schema WHERE name = 'answers'");
  g_clear_object (&document);

  /* Damage the last pages, which hold answers; stakeholders stay readable. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  pages = length / 4096;
  g_assert_cmpint (pages, >, answer_root + 100);
  for (gsize page = pages - 60; page < (gsize) pages - 1; page++)
    memset (contents + page * 4096 + 100, 0x77, 1500);
  write_file (path, contents, length);
  sum = file_checksum (path);

  /* The full check refuses it at once. */
  assert_open_fails (path, TISSAGE_DOCUMENT_ERROR_CORRUPT, NULL);

  /* Checked later: it opens, then edits are refused and nothing is written. */
  document = tissage_document_open_checked_later (fixture->file, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (tissage_document_get_stakeholders (document)), >=, 40);
  first = g_list_model_get_item (tissage_document_get_stakeholders (document), 0);
  g_assert_false (tissage_document_set (document, first, &error, "name", "Modifié", NULL));
  g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_READ_ONLY);
  g_assert_true (tissage_document_get_read_only (document));
  g_assert_false (tissage_document_wait_check (document));
  g_test_message ("%s", error->message);
  g_clear_object (&first);
  g_clear_object (&document);
  sum_after = file_checksum (path);
  g_assert_cmpstr (sum, ==, sum_after);
}

void
test_background_check_sound (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = tissage_document_create_example (fixture->file, &error);
  g_autoptr(TissageStakeholder) first = NULL;

  g_assert_no_error (error);
  g_clear_object (&document);

  document = tissage_document_open_checked_later (fixture->file, &error);
  g_assert_no_error (error);
  first = g_list_model_get_item (tissage_document_get_stakeholders (document), 0);
  g_assert_true (tissage_document_set (document, first, &error, "name", "Modifié", NULL));
  g_assert_no_error (error);
  g_assert_true (tissage_document_wait_check (document));
  g_assert_false (tissage_document_get_read_only (document));
  g_clear_object (&first);
  g_clear_object (&document);

  document = tissage_document_open (fixture->file, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM stakeholders WHERE name = 'Modifié'"), ==, 1);
}

void
test_create_unwritable (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/proc/tissage-impossible/projet.tissage");
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = tissage_document_create (file, &error);

  g_assert_null (document);
  g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_IO);
}

void
test_create_replaces_atomically (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(TissageDocument) document = new_document (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint n_files = 0;

  g_clear_object (&document);
  document = tissage_document_create_example (fixture->file, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (tissage_document_get_stakeholders (document)), >=, 40);
  g_clear_object (&document);

  /* No draft is left beside the project. */
  dir = g_dir_open (fixture->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_test_message ("file %s", name);
      g_assert_false (g_str_has_suffix (name, "~"));
      n_files++;
    }
  g_assert_cmpuint (n_files, ==, 1);
}

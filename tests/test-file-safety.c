/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define _GNU_SOURCE
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tissage-document-private.h"
#include "tissage-interviews.h"
#include "tissage-lock.h"
#include "tissage-test-utils.h"

/*
 * A project file travels between structures: it must survive what other
 * tools, other processes, sync clients and other people do to it.
 */

#define SECRET_NOTE "Mme Zorglubienne habite au 12 rue des Lilas"

static TissageDocument *
new_example (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  TissageDocument *document = tissage_document_create_example (fixture->file, &error);

  g_assert_no_error (error);
  return document;
}

static char *
fixture_path (Fixture *fixture)
{
  return g_file_get_path (fixture->file);
}

static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static gint64
raw_count (const char *path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* Whether @haystack says @needle, French no-break spaces read as spaces. */
static gboolean
says (const char *haystack,
      const char *needle)
{
  g_autoptr(GString) plain = g_string_new (haystack);

  g_string_replace (plain, "\u00a0", " ", 0);
  g_string_replace (plain, "\u202f", " ", 0);
  return strstr (plain->str, needle) != NULL;
}

/* Whether the bytes of a file hold @needle anywhere (they hold NULs). */
static gboolean
bytes_hold (GBytes     *bytes,
            const char *needle)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);

  return memmem (data, size, needle, strlen (needle)) != NULL;
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize length = 0;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, length);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Every name in the folder of the project, sorted, joined with spaces. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

/* A received file whose trigger deletes every interview on the first edit. */
static void
test_foreign_trigger (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture);
  g_autofree char *repaired_path = g_build_filename (fixture->dir, "reparee.tissage", NULL);
  g_autoptr(GFile) repaired_file = g_file_new_for_path (repaired_path);
  g_autoptr(TissageDocument) document = NULL;
  g_autoptr(TissageDocument) repaired = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  TissageStakeholder *first;
  gint64 interviews;

  g_clear_object (&document);
  document = new_example (fixture);
  g_clear_object (&document);

  interviews = raw_count (path, "SELECT count (*) FROM interviews");
  g_assert_cmpint (interviews, >, 0);
  raw_exec (path, "CREATE TRIGGER wipe AFTER UPDATE ON stakeholders BEGIN DELETE FROM interviews; END;");
  before = read_bytes (path);

  document = tissage_document_open_checked_later (fixture->file, &error);
  g_assert_no_error (error);
  g_assert_true (tissage_document_get_read_only (document));
  g_assert_true (tissage_document_can_save_copy (document));
  g_assert_true (says (tissage_document_get_read_only_reason (document), "wipe"));

  first = g_list_model_get_item (tissage_document_get_stakeholders (document), 0);
  g_assert_false (tissage_document_set (document, first, &error, "name", "Renommée", NULL));
  g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_object_unref (first);

  /* The repaired copy has the data, not the trigger, and can be edited. */
  g_assert_true (tissage_document_save_copy (document, repaired_file, &error));
  g_assert_no_error (error);
  g_clear_object (&document);

  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpint (raw_count (repaired_path, "SELECT count (*) FROM sqlite_schema WHERE type = 'trigger' AND name = 'wipe'"), ==, 0);
  g_assert_cmpint (raw_count (repaired_path, "SELECT count (*) FROM sqlite_schema WHERE type = 'trigger'"), ==,
                   raw_count (repaired_path, "SELECT count (*) FROM sqlite_schema WHERE type = 'trigger'"
                                             " AND name GLOB '*deletions_*'"));

  repaired = tissage_document_open (repaired_file, &error);
  g_assert_no_error (error);
  g_assert_false (tissage_document_get_read_only (repaired));
  first = g_list_model_get_item (tissage_document_get_stakeholders (repaired), 0);
  g_assert_true (tissage_document_set (repaired, first, &error, "name", "Renommée", NULL));
  g_assert_no_error (error);
  g_object_unref (first);
  g_assert_cmpint (query_count (repaired, "SELECT count (*) FROM interviews"), ==, interviews);
}

/* The tables of cooperation in time are Tissage's own like the others: a
 * trigger of another tool on them, or their record of deletions gone,
 * and the file opens read-only; its repaired copy keeps the joint actions
 * with their partners and the dated links. */
static void
test_foreign_cooperation (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture);
  g_autofree char *repaired_path = g_build_filename (fixture->dir, "reparee.tissage", NULL);
  g_autoptr(GFile) repaired_file = g_file_new_for_path (repaired_path);
  g_autoptr(TissageDocument) document = NULL;
  g_autoptr(TissageDocument) repaired = NULL;
  g_autoptr(GError) error = NULL;
  gint64 partners;

  document = new_example (fixture);
  g_clear_object (&document);
  partners = raw_count (path, "SELECT count (*) FROM action_partners");
  raw_exec (path,
            "INSERT INTO actions (uuid, modified, title, kind, date) VALUES ('a', 'x', 'Forum commun', 3, '2026-03-12');"
            "INSERT INTO action_partners (uuid, modified, action_id, stakeholder_id)"
            "  SELECT 'p' || id, 'x', (SELECT id FROM actions WHERE uuid = 'a'), id FROM stakeholders ORDER BY id LIMIT 2;"
            "UPDATE links SET start_date = '2025-01-01' WHERE id = (SELECT min (id) FROM links);"
            "DROP TRIGGER deletions_action_partners;"
            "CREATE TRIGGER grow AFTER INSERT ON actions BEGIN UPDATE links SET strength = 3; END;");

  document = tissage_document_open_checked_later (fixture->file, &error);
  g_assert_no_error (error);
  g_assert_true (tissage_document_get_read_only (document));
  g_assert_true (says (tissage_document_get_read_only_reason (document), "grow"));
  g_assert_true (says (tissage_document_get_read_only_reason (document), "deletions_action_partners"));
  g_assert_true (tissage_document_save_copy (document, repaired_file, &error));
  g_assert_no_error (error);
  g_clear_object (&document);

  repaired = tissage_document_open (repaired_file, &error);
  g_assert_no_error (error);
  g_assert_false (tissage_document_get_read_only (repaired));
  g_assert_cmpint (query_count (repaired, "SELECT count (*) FROM sqlite_schema WHERE name = 'grow'"), ==, 0);
  g_assert_cmpint (query_count (repaired, "SELECT count (*) FROM sqlite_schema WHERE name = 'deletions_action_partners'"), ==, 1);
  g_assert_cmpint (query_count (repaired, "SELECT count (*) FROM action_partners"), ==, partners + 2);
  g_assert_cmpint (query_count (repaired, "SELECT count (*) FROM links WHERE start_date = '2025-01-01'"), ==, 1);
}

/* A view where a table should be: a French reason, never SQLite's words. */
static void
test_foreign_view (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture);
  g_autoptr(TissageDocument) document = new_example (fixture);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  g_clear_object (&document);
  raw_exec (path, "DROP TABLE toc_links; CREATE VIEW toc_links AS SELECT * FROM toc_items;");

  document = tissage_document_open (fixture->file, &error);
  g_assert_no_error (error);
  g_assert_true (tissage_document_get_read_only (document));
  g_assert_true (says (tissage_document_get_read_only_reason (document), "toc_links"));
  g_assert_false (says (tissage_document_get_read_only_reason (document), "SQL"));
  g_clear_object (&document);

  out = run_tissage (&status, &err, "--check", path, NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_true (says (err, "vue « toc_links »"));
}

/* Closing another descriptor of the file drops POSIX locks: the lock that
 * keeps a second editor out must not be one of them. */
static void
test_lock_survives_other_descriptors (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture);
  g_autofree char *lock_path = tissage_lock_path_for (path);
  g_autoptr(TissageDocument) document = new_example (fixture);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;
  int fd;
  pid_t child;

  g_assert_true (g_file_test (lock_path, G_FILE_TEST_IS_REGULAR));

  /* What a file chooser does when it looks at the folder. */
  fd = g_open (path, O_RDONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  close (fd);

  child = fork ();
  if (child == 0)
    {
      g_autoptr(GError) child_error = NULL;
      TissageDocument *second = tissage_document_open (fixture->file, &child_error);

      _exit (second == NULL && g_error_matches (child_error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_LOCKED) ? 0 : 1);
    }
  g_assert_cmpint (waitpid (child, &status, 0), ==, child);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);

  /* The second person reads who has it, and may read it. */
  out = run_tissage (&status, &err, "--check", path, NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_true (says (err, "Ouvert par"));
  g_assert_true (says (err, g_get_host_name ()));

  g_clear_object (&document);
  g_assert_false (g_file_test (lock_path, G_FILE_TEST_EXISTS));
}

/* A lock left by a process that died is taken over; one from another
 * computer says who, and is taken only when asked. */
static void
test_lock_stale_and_foreign (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture);
  g_autofree char *lock_path = tissage_lock_path_for (path);
  g_autoptr(TissageDocument) document = new_example (fixture);
  g_autoptr(GError) error = NULL;
  g_autofree char *dead = NULL;
  g_autofree char *elsewhere = NULL;

  g_clear_object (&document);

  dead = g_strdup_printf ("[Tissage]\nUser=Marie Dupont\nHost=%s\nPid=999999999\nSince=2026-12-01T10:12:00+01:00\n",
                          g_get_host_name ());
  g_file_set_contents (lock_path, dead, -1, &error);
  g_assert_no_error (error);
  document = tissage_document_open (fixture->file, &error);
  g_assert_no_error (error);
  g_assert_false (tissage_document_get_read_only (document));
  g_clear_object (&document);

  {
    g_autoptr(GDateTime) since = g_date_time_new_local (2026, 12, 1, 10, 12, 0);
    g_autofree char *iso = g_date_time_format_iso8601 (since);

    elsewhere = g_strdup_printf ("[Tissage]\nUser=Marie Dupont\nHost=portable-marie\nPid=4242\nSince=%s\n", iso);
  }
  g_file_set_contents (lock_path, elsewhere, -1, &error);
  g_assert_no_error (error);
  document = tissage_document_open (fixture->file, &error);
  g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_LOCKED);
  g_assert_null (document);
  g_assert_true (says (error->message, "Marie Dupont"));
  g_assert_true (says (error->message, "portable-marie"));
  g_assert_true (says (error->message, "10 h 12"));
  g_clear_error (&error);

  document = tissage_document_open_taking_over (fixture->file, &error);
  g_assert_no_error (error);
  g_assert_false (tissage_document_get_read_only (document));
}

/* A lock left by a process whose number was since given to another (after
 * a reboot, pid 1): nobody holds it, so it is taken over. */
static void
test_lock_pid_reused (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture);
  g_autofree char *lock_path = tissage_lock_path_for (path);
  g_autoptr(TissageDocument) document = new_example (fixture);
  g_autoptr(GError) error = NULL;
  g_autofree char *lock = NULL;

  g_clear_object (&document);
  lock = g_strdup_printf ("[Tissage]\nUser=Marie Dupont\nHost=%s\nPid=1\nSince=2026-11-02T10:12:00Z\n",
                          g_get_host_name ());
  g_file_set_contents (lock_path, lock, -1, &error);
  g_assert_no_error (error);

  document = tissage_document_open (fixture->file, &error);
  g_assert_no_error (error);
  g_assert_false (tissage_document_get_read_only (document));
}

/* In a folder shared by a group, the lock is as writable as the project,
 * whatever the umask, so that another member can take it over. */
static void
test_lock_shared_folder (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture);
  g_autofree char *lock_path = tissage_lock_path_for (path);
  g_autoptr(TissageDocument) document = new_example (fixture);
  GStatBuf st;

  g_clear_object (&document);
  g_assert_cmpint (g_chmod (path, 0664), ==, 0);
  {
    g_autoptr(GError) error = NULL;

    document = tissage_document_open (fixture->file, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpint (g_stat (lock_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0664);
}

/* A project in a linked folder (a synced folder, a home elsewhere) opens
 * for editing, its lock beside the file itself. */
static void
test_linked_folder (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture);
  g_autofree char *link_dir = g_build_filename (fixture->dir, "Nextcloud", NULL);
  g_autofree char *real_dir = g_build_filename (fixture->dir, "disque", NULL);
  g_autofree char *real_path = g_build_filename (real_dir, "projet.tissage", NULL);
  g_autofree char *linked_path = g_build_filename (link_dir, "projet.tissage", NULL);
  g_autofree char *lock_path = tissage_lock_path_for (real_path);
  g_autoptr(GFile) linked = g_file_new_for_path (linked_path);
  g_autofree char *made_path = g_build_filename (link_dir, "nouveau.tissage", NULL);
  g_autoptr(GFile) made = g_file_new_for_path (made_path);
  g_autoptr(TissageDocument) document = new_example (fixture);
  g_autoptr(TissageDocument) created = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  g_clear_object (&document);
  g_assert_cmpint (g_mkdir (real_dir, 0755), ==, 0);
  g_assert_cmpint (g_rename (path, real_path), ==, 0);
  g_assert_cmpint (symlink (real_dir, link_dir), ==, 0);

  document = tissage_document_open (linked, &error);
  g_assert_no_error (error);
  g_assert_false (tissage_document_get_read_only (document));
  g_assert_true (g_file_test (lock_path, G_FILE_TEST_IS_REGULAR));
  g_clear_object (&document);

  out = run_tissage (&status, &err, "--check", linked_path, NULL);
  g_assert_cmpint (status, ==, 0);

  created = tissage_document_create (made, &error);
  g_assert_no_error (error);
  g_assert_false (tissage_document_get_read_only (created));
}

/* A copy of what can only be read can be kept: it is the user's own. */
static void
test_copy_of_read_only (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture);
  g_autofree char *lock_path = tissage_lock_path_for (path);
  g_autoptr(TissageDocument) document = new_example (fixture);
  g_autoptr(TissageDocument) reader = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_object (&document);
  g_file_set_contents (lock_path, "[Tissage]\nUser=Marie\nHost=portable-marie\nPid=4242\n", -1, &error);
  g_assert_no_error (error);

  reader = tissage_document_open_for_reading_with_reason (fixture->file, "Lecture", &error);
  g_assert_no_error (error);
  g_assert_true (tissage_document_get_read_only (reader));
  g_assert_true (tissage_document_can_save_copy (reader));
  g_assert_false (tissage_document_get_repaired (reader));
  g_assert_false (tissage_document_get_detached (reader));
}

/* A column renamed by another tool: the repaired copy says which of
 * Tissage's columns it could not fill. */
static void
test_repair_says_what_is_missing (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture);
  g_autoptr(TissageDocument) document = new_example (fixture);
  g_autoptr(GError) error = NULL;

  g_clear_object (&document);
  raw_exec (path, "ALTER TABLE stakeholders RENAME COLUMN description TO descr;");

  document = tissage_document_open (fixture->file, &error);
  g_assert_no_error (error);
  g_assert_true (tissage_document_get_repaired (document));
  g_assert_true (says (tissage_document_get_read_only_reason (document), "table « stakeholders » modifiée"));
  g_assert_true (says (tissage_document_get_read_only_reason (document), "« description » de « stakeholders »"));
}

/* A value another tool wrote that Tissage's checks refuse (an influence of
 * 500) is no damage: the project opens for editing, is checked sound, and
 * exports; the value reads as one in range. */
static void
test_refused_value_is_no_damage (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture);
  g_autofree char *workbook = g_build_filename (fixture->dir, "financeurs.xlsx", NULL);
  g_autoptr(TissageDocument) document = new_example (fixture);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  TissageStakeholder *first;
  int status;

  g_clear_object (&document);
  raw_exec (path, "PRAGMA ignore_check_constraints = ON;"
                  "UPDATE stakeholders SET influence = 500, proximity = -3 WHERE id = (SELECT min (id) FROM stakeholders);");

  out = run_tissage (&status, &err, "--check", path, NULL);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  out = run_tissage (&status, &err, "--export-xlsx", workbook, path, NULL);
  g_assert_cmpint (status, ==, 0);

  document = tissage_document_open (fixture->file, &error);
  g_assert_no_error (error);
  g_assert_false (tissage_document_get_read_only (document));
  first = g_list_model_get_item (tissage_document_get_stakeholders (document), 0);
  g_assert_true (tissage_document_set (document, first, &error, "description", "Revue par le coordinateur", NULL) ||
                 g_error_matches (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE));
  g_object_unref (first);
}

/* A copy of the .tissage alone, taken while the window is open, holds
 * every edit and none of the deleted text. */
static void
test_copy_while_open (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture);
  g_autofree char *copy_path = g_build_filename (fixture->dir, "copie-envoyee.tissage", NULL);
  g_autoptr(GFile) copy_file = g_file_new_for_path (copy_path);
  g_autoptr(TissageDocument) document = new_example (fixture);
  g_autoptr(TissageDocument) copy = NULL;
  g_autoptr(TissageStakeholder) added = NULL;
  g_autoptr(TissageInterview) interview = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *expected = NULL;

  added = tissage_document_insert (document, TISSAGE_TYPE_STAKEHOLDER, &error,
                                   "name", "Régie de quartier des Lilas", NULL);
  g_assert_no_error (error);

  interview = g_object_ref (tissage_document_lookup (document, TISSAGE_TYPE_INTERVIEW,
                                                     query_count (document, "SELECT min (interview_id) FROM answers WHERE text <> ''")));
  g_assert_true (tissage_document_set (document, interview, &error, "notes", SECRET_NOTE, NULL));
  g_assert_no_error (error);

  /* A word of one of its answers, in the full-text index too. */
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE answers SET text = 'Une démarche zorglubesque' WHERE id ="
                                            " (SELECT min (id) FROM answers WHERE text <> '' AND interview_id = %" G_GINT64_FORMAT ")",
                                            tissage_record_get_id (TISSAGE_RECORD (interview)));

    g_assert_cmpint (sqlite3_exec (tissage_document_get_db (document), sql, NULL, NULL, NULL), ==, SQLITE_OK);
    g_assert_true (tissage_document_rebuild_search_index (document, &error));
    g_assert_no_error (error);
  }
  {
    g_autoptr(GBytes) indexed = read_bytes (path);

    /* The test sees the word where it is. */
    g_assert_true (bytes_hold (indexed, "rglubesq"));
  }

  g_assert_true (tissage_document_delete (document, interview, &error));
  g_assert_no_error (error);

  bytes = read_bytes (path);
  g_file_set_contents (copy_path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);

  /* The deleted notes are overwritten, not only unlinked. */
  g_assert_false (bytes_hold (bytes, "Zorglub"));
  g_assert_false (bytes_hold (bytes, "rglubesq"));

  /* Whatever SQLite was built with: the runtime's need not erase. */
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (tissage_document_get_db (document), "PRAGMA secure_delete", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
    sqlite3_finalize (stmt);
  }

  copy = tissage_document_open_for_reading (copy_file, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_count (copy, "SELECT count (*) FROM stakeholders WHERE name = 'Régie de quartier des Lilas'"), ==, 1);
  g_assert_cmpint (query_count (copy, "SELECT count (*) FROM interviews"), ==,
                   query_count (document, "SELECT count (*) FROM interviews"));
  g_clear_object (&copy);

  /* Nothing is left beside the file after quit. */
  g_clear_object (&document);
  g_unlink (copy_path);
  listing = list_dir (fixture->dir);
  expected = g_path_get_basename (path);
  g_assert_cmpstr (listing, ==, expected);
}

static void
wait_until_read_only (TissageDocument *document)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (!tissage_document_get_read_only (document) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* Replaced under the window by a sync client: said at once, no edit
 * accepted, and what the window holds can be saved. */
static void
test_replaced_under_window (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture);
  g_autofree char *other_path = g_build_filename (fixture->dir, "autre.tissage", NULL);
  g_autofree char *saved_path = g_build_filename (fixture->dir, "sauvee.tissage", NULL);
  g_autoptr(GFile) other_file = g_file_new_for_path (other_path);
  g_autoptr(GFile) saved_file = g_file_new_for_path (saved_path);
  g_autoptr(TissageDocument) document = new_example (fixture);
  g_autoptr(TissageDocument) other = NULL;
  g_autoptr(TissageDocument) saved = NULL;
  g_autoptr(TissageStakeholder) added = NULL;
  g_autoptr(TissageStakeholder) refused = NULL;
  g_autoptr(GError) error = NULL;

  added = tissage_document_insert (document, TISSAGE_TYPE_STAKEHOLDER, &error,
                                   "name", "Avant le remplacement", NULL);
  g_assert_no_error (error);

  other = tissage_document_create (other_file, &error);
  g_assert_no_error (error);
  g_clear_object (&other);
  g_assert_cmpint (g_rename (other_path, path), ==, 0);

  wait_until_read_only (document);
  g_assert_true (tissage_document_get_read_only (document));
  refused = tissage_document_insert (document, TISSAGE_TYPE_STAKEHOLDER, &error,
                                     "name", "Après le remplacement", NULL);
  g_assert_null (refused);
  g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_READ_ONLY);
  g_assert_true (says (error->message, "remplacé"));
  g_clear_error (&error);

  g_assert_true (tissage_document_can_save_copy (document));
  g_assert_true (tissage_document_save_copy (document, saved_file, &error));
  g_assert_no_error (error);
  saved = tissage_document_open (saved_file, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_count (saved, "SELECT count (*) FROM stakeholders WHERE name = 'Avant le remplacement'"), ==, 1);

  /* The replacement is untouched by the window. */
  g_clear_object (&document);
  g_assert_cmpint (raw_count (path, "SELECT count (*) FROM stakeholders"), ==, 0);
}

/* Written in place by another program (a copy over it): the same. */
static void
test_overwritten_in_place (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture);
  g_autoptr(TissageDocument) document = new_example (fixture);
  g_autoptr(TissageStakeholder) refused = NULL;
  g_autoptr(GError) error = NULL;

  raw_exec (path, "UPDATE project SET name = 'Écrit par un autre programme'");

  refused = tissage_document_insert (document, TISSAGE_TYPE_STAKEHOLDER, &error, "name", "Refusée", NULL);
  g_assert_null (refused);
  g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_READ_ONLY);
}

/* Deleted under the window. */
static void
test_deleted_under_window (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture);
  g_autoptr(TissageDocument) document = new_example (fixture);
  g_autoptr(TissageStakeholder) refused = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_unlink (path), ==, 0);
  wait_until_read_only (document);
  g_assert_true (tissage_document_get_read_only (document));

  refused = tissage_document_insert (document, TISSAGE_TYPE_STAKEHOLDER, &error, "name", "Refusée", NULL);
  g_assert_null (refused);
  g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_READ_ONLY);
  g_clear_object (&document);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* A journal left by a crash beside a file that was replaced since is
 * never replayed into the replacement. */
static void
test_journal_of_another_file (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture);
  g_autofree char *crashed_path = g_build_filename (fixture->dir, "plante.tissage", NULL);
  g_autofree char *crashed_wal = g_strconcat (crashed_path, "-wal", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *lock_path = tissage_lock_path_for (path);
  g_autofree char *lock = NULL;
  g_autoptr(TissageDocument) document = new_example (fixture);
  g_autoptr(TissageDocument) reopened = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) wal_bytes = NULL;
  sqlite3 *db = NULL;
  GStatBuf st;
  gint64 stakeholders;

  g_clear_object (&document);
  stakeholders = raw_count (path, "SELECT count (*) FROM stakeholders");

  /* Another project whose process died with its journal beside it. */
  {
    g_autoptr(GFile) crashed_file = g_file_new_for_path (crashed_path);
    g_autoptr(TissageDocument) crashed = tissage_document_create (crashed_file, &error);

    g_assert_no_error (error);
  }
  g_assert_cmpint (sqlite3_open (crashed_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;"
                                     "CREATE TABLE filler (x);"
                                     "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)"
                                     " INSERT INTO filler SELECT randomblob (200) FROM n;"
                                     "DELETE FROM stakeholders;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  wal_bytes = read_bytes (crashed_wal);
  g_assert_cmpuint (g_bytes_get_size (wal_bytes), >, 0);
  sqlite3_close (db);

  /* Its lock names its own file; the sync client then put ours in place. */
  g_assert_cmpint (g_stat (crashed_path, &st), ==, 0);
  lock = g_strdup_printf ("[Tissage]\nUser=Marie\nHost=%s\nPid=999999999\nDevice=%" G_GUINT64_FORMAT "\nInode=%" G_GUINT64_FORMAT "\n",
                          g_get_host_name (), (guint64) st.st_dev, (guint64) st.st_ino + 1000000);
  g_file_set_contents (lock_path, lock, -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (wal, g_bytes_get_data (wal_bytes, NULL), g_bytes_get_size (wal_bytes), &error);
  g_assert_no_error (error);

  reopened = tissage_document_open (fixture->file, &error);
  g_assert_no_error (error);
  g_assert_false (tissage_document_get_read_only (reopened));
  g_assert_cmpint (query_count (reopened, "SELECT count (*) FROM stakeholders"), ==, stakeholders);
  g_assert_cmpint (query_count (reopened, "SELECT count (*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'"), ==, 0);
}

/* Exports read without writing: a file in WAL mode of an older version
 * keeps its bytes, and nothing appears beside it. */
static void
test_export_never_writes (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture);
  g_autofree char *out_dir = g_build_filename (fixture->dir, "exports", NULL);
  g_autofree char *workbook = g_build_filename (out_dir, "financeurs.xlsx", NULL);
  g_autofree char *map = g_build_filename (out_dir, "carte.png", NULL);
  g_autoptr(TissageDocument) document = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *listing_before = NULL;
  g_autofree char *listing_after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  guint n_migrations;
  int status;

  tissage_schema_get_migrations (&n_migrations);

  /* A project of version 1, left in WAL mode by an older Tissage. */
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    g_assert_cmpint (tissage_schema_create (db, 1, NULL), ==, TRUE);
    g_assert_cmpint (sqlite3_exec (db, "INSERT INTO project (uuid, modified, name) VALUES ('p', '2026-01-01', 'Ancien projet');"
                                       "INSERT INTO stakeholders (uuid, modified, name) VALUES ('s', '2026-01-01', 'Mission locale');"
                                       "PRAGMA journal_mode = WAL;",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  g_assert_cmpint (g_mkdir (out_dir, 0755), ==, 0);
  before = read_bytes (path);
  listing_before = list_dir (fixture->dir);

  out = run_tissage (&status, &err, "--export-xlsx", workbook, path, NULL);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (status, ==, 0);
  g_free (out);
  g_free (err);
  out = run_tissage (&status, &err, "--export-map", map, path, NULL);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (status, ==, 0);
  g_free (out);
  g_free (err);
  out = run_tissage (&status, &err, "--check", path, NULL);
  g_assert_cmpint (status, ==, 0);

  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  listing_after = list_dir (fixture->dir);
  g_assert_cmpstr (listing_before, ==, listing_after);
  g_assert_true (g_file_test (workbook, G_FILE_TEST_IS_REGULAR));

  document = tissage_document_open_for_reading (fixture->file, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tissage_document_get_schema_version (document), ==, n_migrations);
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM stakeholders"), ==, 1);
}

/* Someone who may read but not write: said as such, nothing left behind. */
static void
test_read_only_access (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture);
  g_autofree char *out_dir = g_build_filename (fixture->dir, "exports", NULL);
  g_autofree char *workbook = g_build_filename (out_dir, "financeurs.xlsx", NULL);
  g_autoptr(TissageDocument) document = new_example (fixture);
  g_autoptr(GError) error = NULL;
  g_autofree char *listing_before = NULL;
  g_autofree char *listing_after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *script = NULL;
  int status;

  g_clear_object (&document);
  g_assert_cmpint (g_mkdir (out_dir, 0777), ==, 0);
  g_assert_cmpint (g_chmod (out_dir, 0777), ==, 0);
  g_assert_cmpint (g_chmod (fixture->dir, 0755), ==, 0);
  listing_before = list_dir (fixture->dir);

  if (getuid () == 0)
    {
      /* As root every file is writable: ask as another user. */
      const char *tissage = g_getenv ("TISSAGE_BIN");
      g_autofree char *setpriv = g_find_program_in_path ("setpriv");
      const char *argv[] = { setpriv, "--reuid=65534", "--regid=65534", "--clear-groups",
                             "/bin/sh", "-c", NULL, NULL };
      g_autofree char *quoted_bin = g_shell_quote (tissage);
      g_autofree char *quoted_path = g_shell_quote (path);
      g_autofree char *quoted_out = g_shell_quote (workbook);

      if (setpriv == NULL)
        g_error ("setpriv (Debian's util-linux) is needed to test reading as another user");

      script = g_strdup_printf ("LANGUAGE=fr LC_ALL=fr_FR.UTF-8 %s --check %s; echo \"check=$?\";"
                                " LANGUAGE=fr LC_ALL=fr_FR.UTF-8 %s --export-xlsx %s %s; echo \"export=$?\"",
                                quoted_bin, quoted_path, quoted_bin, quoted_out, quoted_path);
      argv[6] = script;
      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, &error);
      g_assert_no_error (error);
      g_assert_true (says (out, "check=2"));
      g_assert_true (says (out, "export=0"));
      g_clear_pointer (&out, g_free);

      /* Its verdict, in words. */
      argv[6] = g_strdup_printf ("LANGUAGE=fr LC_ALL=fr_FR.UTF-8 %s --check %s 2>&1", quoted_bin, quoted_path);
      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
      g_free ((char *) argv[6]);
      g_assert_no_error (error);
      g_assert_true (says (out, "Vous pouvez lire ce projet mais pas le modifier"));
    }
  else
    {
      g_assert_cmpint (g_chmod (path, 0444), ==, 0);
      document = tissage_document_open (fixture->file, &error);
      g_assert_no_error (error);
      g_assert_true (tissage_document_get_read_only (document));
      g_assert_true (says (tissage_document_get_read_only_reason (document), "Vous pouvez lire ce projet mais pas le modifier"));
      g_clear_object (&document);
      out = run_tissage (&status, &err, "--export-xlsx", workbook, path, NULL);
      g_assert_cmpint (status, ==, 0);
      g_chmod (path, 0644);
    }

  listing_after = list_dir (fixture->dir);
  g_assert_cmpstr (listing_before, ==, listing_after);
  g_assert_true (g_file_test (workbook, G_FILE_TEST_IS_REGULAR));
}

/* The verdicts of --check, and --repair. */
static void
test_check_and_repair (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture);
  g_autofree char *junk = g_build_filename (fixture->dir, "notes.tissage", NULL);
  g_autofree char *repaired = g_build_filename (fixture->dir, "reparee.tissage", NULL);
  g_autoptr(TissageDocument) document = new_example (fixture);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  g_clear_object (&document);

  out = run_tissage (&status, &err, "--check", path, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (says (out, "sain"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_file_set_contents (junk, "Compte rendu de la réunion du 3 décembre", -1, &error);
  g_assert_no_error (error);
  out = run_tissage (&status, &err, "--check", junk, NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_true (says (err, "n’est pas un projet Tissage"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  raw_exec (path, "CREATE TRIGGER wipe AFTER UPDATE ON stakeholders BEGIN DELETE FROM interviews; END;"
                  "CREATE TABLE extra (x);");
  out = run_tissage (&status, &err, "--check", path, NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_true (says (err, "règle automatique « wipe »"));
  g_assert_true (says (err, "table ajoutée « extra »"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  out = run_tissage (&status, &err, "--repair", repaired, path, NULL);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  out = run_tissage (&status, &err, "--check", repaired, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpint (raw_count (repaired, "SELECT count (*) FROM interviews"), ==,
                   raw_count (path, "SELECT count (*) FROM interviews"));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "fr", TRUE);
  if (setlocale (LC_ALL, "fr_FR.UTF-8") == NULL)
    g_error ("The fr_FR.UTF-8 locale is needed (Debian's locales package, with fr_FR.UTF-8 generated)");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("TISSAGE_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/file-safety/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("foreign-trigger", test_foreign_trigger);
  ADD ("foreign-cooperation", test_foreign_cooperation);
  ADD ("foreign-view", test_foreign_view);
  ADD ("lock-survives-other-descriptors", test_lock_survives_other_descriptors);
  ADD ("lock-stale-and-foreign", test_lock_stale_and_foreign);
  ADD ("lock-pid-reused", test_lock_pid_reused);
  ADD ("lock-shared-folder", test_lock_shared_folder);
  ADD ("linked-folder", test_linked_folder);
  ADD ("copy-of-read-only", test_copy_of_read_only);
  ADD ("repair-says-what-is-missing", test_repair_says_what_is_missing);
  ADD ("refused-value-is-no-damage", test_refused_value_is_no_damage);
  ADD ("copy-while-open", test_copy_while_open);
  ADD ("replaced-under-window", test_replaced_under_window);
  ADD ("overwritten-in-place", test_overwritten_in_place);
  ADD ("deleted-under-window", test_deleted_under_window);
  ADD ("journal-of-another-file", test_journal_of_another_file);
  ADD ("export-never-writes", test_export_never_writes);
  ADD ("read-only-access", test_read_only_access);
  ADD ("check-and-repair", test_check_and_repair);

  return g_test_run ();
}

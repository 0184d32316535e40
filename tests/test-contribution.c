/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#include "config.h"
#define _GNU_SOURCE

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "tissage-contribution.h"
#include "tissage-referentiel.h"
#include "tissage-interviews.h"
#include "tissage-test-utils.h"

/* The example project: the Maison de l'emploi holds most interviews, the
 * PLIE a few, the Mission locale one. */
#define MAISON "Maison de l'emploi et de la formation de Garonne Agglo"
#define PLIE "PLIE de Garonne Agglo"

static const char * const merged_tables[] = {
  "stakeholders", "links", "interviews", "answers", "verbatims", "verbatim_tags", "measurements",
  "link_strengths", "actions", "action_partners",
};

static char *
fixture_path (Fixture    *fixture,
              const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static TissageDocument *
new_project (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  TissageDocument *document = tissage_document_create_example (fixture->file, &error);

  g_assert_no_error (error);
  return document;
}

static gint64
structure_id (TissageDocument *document,
              const char      *name)
{
  char *sql = sqlite3_mprintf ("SELECT id FROM structures WHERE name = %Q", name);
  gint64 id = query_count (document, sql);

  sqlite3_free (sql);

  g_assert_cmpint (id, >, 0);
  return id;
}

static char *
export (TissageDocument *project,
        Fixture         *fixture,
        const char      *structure,
        const char      *name)
{
  g_autoptr(GError) error = NULL;
  char *path = fixture_path (fixture, name);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_true (tissage_contribution_export (project, structure_id (project, structure), file, &error));
  g_assert_no_error (error);
  return path;
}

static TissageDocument *
open_path (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  TissageDocument *document = tissage_document_open (file, &error);

  g_assert_no_error (error);
  g_assert_false (tissage_document_get_read_only (document));
  return document;
}

static void
sql (TissageDocument *document,
     const char      *statement)
{
  char *message = NULL;

  if (sqlite3_exec (tissage_document_get_db (document), statement, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", statement, message);
}

static char *
text (TissageDocument *document,
      const char      *query)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (tissage_document_get_db (document), query, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static TissageMerge *
prepare (TissageDocument *project,
         const char      *path,
         GError         **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return tissage_merge_prepare (project, file, error);
}

/* What the merged tables hold, ids aside: every row by its UUID, its
 * references by the UUIDs they name. */
static char *
dump (TissageDocument *document)
{
  sqlite3 *db = tissage_document_get_db (document);
  GString *out = g_string_new (NULL);

  for (guint t = 0; t < G_N_ELEMENTS (merged_tables); t++)
    {
      g_autofree char *info = g_strdup_printf (
        "SELECT c.name, ifnull ((SELECT f.\"table\" FROM pragma_foreign_key_list ('%1$s') f WHERE f.\"from\" = c.name), '')"
        " FROM pragma_table_info ('%1$s') c WHERE c.name NOT IN ('id', 'modified') ORDER BY c.cid", merged_tables[t]);
      g_autoptr(GString) select = g_string_new ("SELECT json_array (");
      sqlite3_stmt *stmt = NULL;
      gboolean first = TRUE;

      g_assert_cmpint (sqlite3_prepare_v2 (db, info, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *column = (const char *) sqlite3_column_text (stmt, 0);
          const char *parent = (const char *) sqlite3_column_text (stmt, 1);

          g_string_append (select, first ? "" : ", ");
          first = FALSE;
          if (*parent != '\0')
            g_string_append_printf (select, "(SELECT uuid FROM %s WHERE id = t.%s)", parent, column);
          else
            g_string_append_printf (select, "t.\"%s\"", column);
        }
      sqlite3_finalize (stmt);
      g_string_append_printf (select, ") FROM %s t ORDER BY t.uuid", merged_tables[t]);

      g_string_append_printf (out, "[%s]\n", merged_tables[t]);
      g_assert_cmpint (sqlite3_prepare_v2 (db, select->str, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_string_append_printf (out, "%s\n", sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
    }

  return g_string_free (out, FALSE);
}

static const TissageMergeSection *
section (TissageMerge *merge,
         const char   *table)
{
  for (guint i = 0; i < tissage_merge_get_n_sections (merge); i++)
    if (g_str_equal (tissage_merge_get_section (merge, i)->table, table))
      return tissage_merge_get_section (merge, i);
  g_assert_not_reached ();
}

static char *
uuid_of (TissageDocument *document,
         const char      *query)
{
  char *uuid = text (document, query);

  g_assert_nonnull (uuid);
  return uuid;
}

static char *
mprintf (const char *format,
         ...)
{
  va_list args;
  char *sqlite_text;
  char *result;

  va_start (args, format);
  sqlite_text = sqlite3_vmprintf (format, args);
  va_end (args);
  result = g_strdup (sqlite_text);
  sqlite3_free (sqlite_text);
  return result;
}

/* The time as Tissage stamps it, without a '%' so that it fits in the
 * format of mprintf() too. */
#define NOW "strftime (replace ('!Y-!m-!dT!H:!M:!fZ', '!', char (37)), 'now')"

/* The people of the map: neither a member nor of an organisation's
 * category. */
#define PEOPLE_SQL \
  "SELECT p.id FROM stakeholders p LEFT JOIN categories pc ON pc.id = p.category_id WHERE p.is_member = 0" \
  " AND ifnull (pc.builtin, '') NOT IN ('structures-membres', 'financeurs', 'collectivites', 'entreprises', 'ess', 'recherche')"

/* A contribution holds none of another structure's people: no row of any
 * table, no byte of the file. The organisations others interviewed stay
 * on its map, with their links. */
static void
test_privacy (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(TissageDocument) project = new_project (fixture);
  g_autofree char *path = NULL;
  g_autoptr(TissageDocument) copy = NULL;
  g_autoptr(GPtrArray) secrets = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *bytes = NULL;
  gsize length;
  sqlite3_stmt *stmt = NULL;
  gint64 plie = structure_id (project, PLIE);
  gint64 maison = structure_id (project, MAISON);

  /* What the project holds of the other structures' interviews: their
   * UUIDs, their answers, their quotes, the names of their interviewees
   * (but what the Maison's own interviews say too). */
  {
    g_autofree char *query = g_strdup_printf (
      "SELECT i.uuid FROM interviews i WHERE i.structure_id IS NOT %1$" G_GINT64_FORMAT
      " UNION SELECT a.uuid FROM answers a JOIN interviews i ON i.id = a.interview_id WHERE i.structure_id IS NOT %1$" G_GINT64_FORMAT
      " UNION SELECT a.text FROM answers a JOIN interviews i ON i.id = a.interview_id WHERE i.structure_id IS NOT %1$" G_GINT64_FORMAT
      "   AND length (a.text) >= 20 AND a.text NOT IN (SELECT b.text FROM answers b JOIN interviews j ON j.id = b.interview_id WHERE j.structure_id = %1$" G_GINT64_FORMAT ")"
      " UNION SELECT v.quote FROM verbatims v JOIN answers a ON a.id = v.answer_id JOIN interviews i ON i.id = a.interview_id"
      "   WHERE i.structure_id IS NOT %1$" G_GINT64_FORMAT " AND length (v.quote) >= 20"
      " UNION SELECT s.name FROM stakeholders s JOIN interviews i ON i.stakeholder_id = s.id WHERE i.structure_id IS NOT %1$" G_GINT64_FORMAT
      "   AND s.id NOT IN (SELECT stakeholder_id FROM interviews WHERE structure_id = %1$" G_GINT64_FORMAT " AND stakeholder_id IS NOT NULL)"
      "   AND s.id IN (" PEOPLE_SQL ")"
      " UNION SELECT m.uuid FROM measurements m WHERE m.structure_id IS NOT %1$" G_GINT64_FORMAT,
      maison);

    g_assert_cmpint (sqlite3_prepare_v2 (tissage_document_get_db (project), query, -1, &stmt, NULL), ==, SQLITE_OK);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_ptr_array_add (secrets, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
    sqlite3_finalize (stmt);
  }
  /* A name the référentiel or a guide cites is no secret. */
  {
    const char * const *tables = tissage_schema_get_tables ();
    g_autoptr(GString) cited = g_string_new (NULL);

    for (guint t = 0; tables[t] != NULL; t++)
      {
        g_autofree char *query = g_strdup_printf ("SELECT * FROM %s", tables[t]);
        const char * const owned[] = { "stakeholders", "links", "interviews", "answers", "verbatims",
                                       "verbatim_tags", "measurements", NULL };

        if (g_strv_contains (owned, tables[t]))
          continue;
        g_assert_cmpint (sqlite3_prepare_v2 (tissage_document_get_db (project), query, -1, &stmt, NULL), ==, SQLITE_OK);
        while (sqlite3_step (stmt) == SQLITE_ROW)
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            if (sqlite3_column_text (stmt, c) != NULL)
              g_string_append_printf (cited, "%s\n", sqlite3_column_text (stmt, c));
        sqlite3_finalize (stmt);
      }
    for (guint i = secrets->len; i > 0; i--)
      if (strstr (cited->str, g_ptr_array_index (secrets, i - 1)) != NULL)
        g_ptr_array_remove_index (secrets, i - 1);
  }
  g_assert_cmpuint (secrets->len, >, 20);
  g_assert_cmpint (plie, !=, maison);

  path = export (project, fixture, MAISON, "maison.tissage");
  copy = open_path (path);

  /* Every text of every table of the copy. */
  {
    const char * const *tables = tissage_schema_get_tables ();

    for (guint t = 0; tables[t] != NULL; t++)
      {
        g_autofree char *query = g_strdup_printf ("SELECT * FROM %s", tables[t]);

        g_assert_cmpint (sqlite3_prepare_v2 (tissage_document_get_db (copy), query, -1, &stmt, NULL), ==, SQLITE_OK);
        while (sqlite3_step (stmt) == SQLITE_ROW)
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              const char *value = (const char *) sqlite3_column_text (stmt, c);

              for (guint s = 0; value != NULL && s < secrets->len; s++)
                if (strstr (value, g_ptr_array_index (secrets, s)) != NULL)
                  g_error ("table %s holds “%s”", tables[t], (const char *) g_ptr_array_index (secrets, s));
            }
        sqlite3_finalize (stmt);
      }
  }

  g_assert_cmpint (query_count (copy, "SELECT count (*) FROM interviews"), ==,
                   query_count (project, "SELECT count (*) FROM interviews WHERE structure_id = (SELECT id FROM structures WHERE name = 'Maison de l''emploi et de la formation de Garonne Agglo')"));
  g_assert_cmpint (query_count (copy, "SELECT count (*) FROM interviews"), >, 0);
  g_assert_cmpint (query_count (copy, "SELECT count (*) FROM measurements WHERE structure_id IS NOT (SELECT id FROM structures WHERE name = 'Maison de l''emploi et de la formation de Garonne Agglo')"), ==, 0);
  g_assert_cmpint (query_count (copy, "SELECT count (*) FROM contribution"), ==, 1);
  /* The PLIE's copy: the organisations the Maison interviewed stay on its
   * map (before, France Travail and the member structures went). */
  {
    g_autofree char *plie_path = export (project, fixture, PLIE, "plie.tissage");
    g_autoptr(TissageDocument) plie_copy = open_path (plie_path);
    g_autofree char *organisations = g_strdup_printf (
      "SELECT count (*) FROM stakeholders s JOIN interviews i ON i.stakeholder_id = s.id"
      " WHERE i.structure_id IS NOT %" G_GINT64_FORMAT " AND s.id NOT IN (" PEOPLE_SQL ")", plie);
    g_autofree char *people = g_strdup_printf (
      "SELECT count (DISTINCT s.id) FROM stakeholders s JOIN interviews i ON i.stakeholder_id = s.id"
      " WHERE i.structure_id IS NOT %1$" G_GINT64_FORMAT " AND s.id IN (" PEOPLE_SQL ")"
      " AND s.id NOT IN (SELECT stakeholder_id FROM interviews WHERE structure_id = %1$" G_GINT64_FORMAT
      " AND stakeholder_id IS NOT NULL)", plie);
    const char *members = "SELECT count (*) FROM stakeholders WHERE is_member = 1";

    g_assert_cmpint (query_count (project, organisations), >, 0);
    g_assert_cmpint (query_count (plie_copy, "SELECT count (*) FROM stakeholders"), ==,
                     query_count (project, "SELECT count (*) FROM stakeholders") - query_count (project, people));
    g_assert_cmpint (query_count (plie_copy, members), ==, query_count (project, members));
  }
  g_assert_cmpint (query_count (copy, "SELECT count (*) FROM deletions"), ==, 0);
  g_clear_object (&copy);

  /* And the bytes of the file, as `strings` would read them. */
  g_assert_true (g_file_get_contents (path, &bytes, &length, NULL));
  for (guint s = 0; s < secrets->len; s++)
    {
      const char *secret = g_ptr_array_index (secrets, s);

      if (memmem (bytes, length, secret, strlen (secret)) != NULL)
        g_error ("the file holds “%s”", secret);
    }
}

/* Every combination of add, change and delete on both sides, in the
 * stakeholders (shared) and the structure's own interviews. */
static void
test_combinations (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(TissageDocument) project = new_project (fixture);
  g_autoptr(TissageDocument) copy = NULL;
  g_autoptr(TissageMerge) merge = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = export (project, fixture, MAISON, "maison.tissage");
  g_autofree char *before = NULL;
  char *s[9] = { NULL, };
  g_autofree char *answer = NULL;
  g_autofree char *quote = NULL;
  g_autofree char *value = NULL;
  g_autofree char *summary = NULL;
  GPtrArray *conflicts;

  copy = open_path (path);
  for (guint i = 0; i < G_N_ELEMENTS (s); i++)
    {
      g_autofree char *query = g_strdup_printf ("SELECT uuid FROM stakeholders ORDER BY id LIMIT 1 OFFSET %u", i);

      s[i] = uuid_of (copy, query);
    }
  answer = uuid_of (copy, "SELECT uuid FROM answers WHERE text <> '' ORDER BY id LIMIT 1");
  quote = uuid_of (copy, "SELECT uuid FROM verbatims ORDER BY id LIMIT 1");
  value = uuid_of (copy, "SELECT uuid FROM measurements ORDER BY id LIMIT 1");

  /* The structure's side. */
  {
    g_autofree char *edits = mprintf (
      "INSERT INTO stakeholders (uuid, modified, name) VALUES ('c0ffee00-0000-4000-8000-000000000001', " NOW ", 'Ajoutée par la Maison');"
      "UPDATE stakeholders SET description = 'Maison', modified = " NOW " WHERE uuid = %Q;"   /* s0: only the structure */
      "UPDATE stakeholders SET description = 'Maison', modified = " NOW " WHERE uuid = %Q;"   /* s1: both, the same field */
      "UPDATE stakeholders SET contact = 'Maison', modified = " NOW " WHERE uuid = %Q;"       /* s2: both, other fields */
      "DELETE FROM stakeholders WHERE uuid = %Q;"                                             /* s3: deleted here only */
      "DELETE FROM stakeholders WHERE uuid = %Q;"                                             /* s4: deleted here, changed there */
      "UPDATE stakeholders SET description = 'Maison', modified = " NOW " WHERE uuid = %Q;"   /* s5: changed here, deleted there */
      "DELETE FROM stakeholders WHERE uuid = %Q;"                                             /* s6: deleted on both sides */
      "UPDATE answers SET text = 'Réponse reprise par la Maison', modified = " NOW " WHERE uuid = %Q;"
      "DELETE FROM verbatims WHERE uuid = %Q;"
      "UPDATE measurements SET value = 4242, modified = " NOW " WHERE uuid = %Q;"
      "INSERT INTO interviews (uuid, modified, grid_id, pseudonym, structure_id)"
      "  SELECT 'c0ffee00-0000-4000-8000-000000000002', " NOW ", id, 'Nouvelle personne', NULL FROM grids ORDER BY id LIMIT 1;"
      "INSERT INTO answers (uuid, modified, interview_id, question_id, text)"
      "  SELECT 'c0ffee00-0000-4000-8000-000000000003', " NOW ", (SELECT id FROM interviews WHERE uuid = 'c0ffee00-0000-4000-8000-000000000002'),"
      "  q.id, 'Une réponse zygomatique et assez longue' FROM grid_questions q WHERE q.grid_id = (SELECT id FROM grids ORDER BY id LIMIT 1) ORDER BY q.id LIMIT 1;"
      "INSERT INTO verbatims (uuid, modified, answer_id, start, end, quote)"
      "  SELECT 'c0ffee00-0000-4000-8000-000000000004', " NOW ", id, 0, 9, 'Une réponse' FROM answers WHERE uuid = 'c0ffee00-0000-4000-8000-000000000003';",
      s[0], s[1], s[2], s[3], s[4], s[5], s[6], answer, quote, value);

    sql (copy, edits);
  }
  g_clear_object (&copy);

  /* The coordinator's side, at the same time. */
  {
    g_autofree char *edits = mprintf (
      "INSERT INTO stakeholders (uuid, modified, name) VALUES ('c0ffee00-0000-4000-8000-000000000009', " NOW ", 'Ajoutée par la coordination');"
      "UPDATE stakeholders SET description = 'Coordination', modified = " NOW " WHERE uuid = %Q;"  /* s1 */
      "UPDATE stakeholders SET interest = 7, modified = " NOW " WHERE uuid = %Q;"                  /* s2 */
      "UPDATE stakeholders SET description = 'Coordination', modified = " NOW " WHERE uuid = %Q;"  /* s4 */
      "DELETE FROM stakeholders WHERE uuid = %Q;"                                                  /* s5 */
      "DELETE FROM stakeholders WHERE uuid = %Q;"                                                  /* s6 */
      "DELETE FROM stakeholders WHERE uuid = %Q;"                                                  /* s7: deleted there only */
      "UPDATE stakeholders SET name = 'Renommée par la coordination', modified = " NOW " WHERE uuid = %Q;", /* s8 */
      s[1], s[2], s[4], s[5], s[6], s[7], s[8]);

    sql (project, edits);
  }
  before = dump (project);

  merge = prepare (project, path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (merge);

  g_assert_cmpuint (section (merge, "stakeholders")->added, ==, 1);
  g_assert_cmpuint (section (merge, "stakeholders")->changed, ==, 3);   /* s0, s1, s2 */
  g_assert_cmpuint (section (merge, "stakeholders")->deleted, ==, 2);   /* s3, s4 */
  g_assert_cmpuint (section (merge, "interviews")->added, ==, 1);
  g_assert_cmpuint (section (merge, "answers")->added, ==, 1);
  g_assert_cmpuint (section (merge, "answers")->changed, ==, 1);
  g_assert_cmpuint (section (merge, "verbatims")->added, ==, 1);
  g_assert_cmpuint (section (merge, "verbatims")->deleted, ==, 1);
  g_assert_cmpuint (section (merge, "measurements")->changed, ==, 1);

  /* s1 (the same field), s4 (deleted, changed), s5 (changed, deleted). */
  conflicts = tissage_merge_get_conflicts (merge);
  g_assert_cmpuint (conflicts->len, ==, 3);
  summary = tissage_merge_dup_summary (merge);
  g_assert_nonnull (strstr (summary, "Coordination"));
  g_assert_nonnull (strstr (summary, "Maison"));
  /* The command line's summary names the rows, as the dialog lists them. */
  for (guint t = 0; t < tissage_merge_get_n_sections (merge); t++)
    {
      const TissageMergeSection *sec = tissage_merge_get_section (merge, t);

      g_assert_cmpuint (sec->items->len, ==, MIN (sec->added + sec->changed + sec->deleted, TISSAGE_MERGE_MAX_ITEMS));
      for (guint i = 0; i < sec->items->len; i++)
        g_assert_nonnull (strstr (summary, g_ptr_array_index (sec->items, i)));
    }

  /* Not settled: nothing is written. */
  g_assert_false (tissage_merge_apply (merge, TISSAGE_MERGE_CHOICE_NONE, &error));
  g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  {
    g_autofree char *still = dump (project);

    g_assert_cmpstr (still, ==, before);
  }

  for (guint i = 0; i < conflicts->len; i++)
    {
      TissageMergeConflict *conflict = g_ptr_array_index (conflicts, i);

      if (g_str_equal (conflict->project_value, "Coordination"))
        {
          g_assert_cmpstr (conflict->contribution_value, ==, "Maison");
          conflict->choice = TISSAGE_MERGE_CHOICE_CONTRIBUTION;
        }
    }
  g_assert_true (tissage_merge_apply (merge, TISSAGE_MERGE_CHOICE_PROJECT, &error));
  g_assert_no_error (error);

#define STAKEHOLDER(field, i) \
  ({ g_autofree char *q_ = mprintf ("SELECT " field " FROM stakeholders WHERE uuid = %Q", s[i]); text (project, q_); })
  {
    g_autofree char *d0 = STAKEHOLDER ("description", 0);
    g_autofree char *d1 = STAKEHOLDER ("description", 1);
    g_autofree char *c2 = STAKEHOLDER ("contact", 2);
    g_autofree char *i2 = STAKEHOLDER ("interest", 2);
    g_autofree char *d3 = STAKEHOLDER ("description", 3);
    g_autofree char *d4 = STAKEHOLDER ("description", 4);
    g_autofree char *d5 = STAKEHOLDER ("description", 5);
    g_autofree char *d6 = STAKEHOLDER ("description", 6);
    g_autofree char *d7 = STAKEHOLDER ("description", 7);
    g_autofree char *n8 = STAKEHOLDER ("name", 8);

    g_assert_cmpstr (d0, ==, "Maison");
    g_assert_cmpstr (d1, ==, "Maison");            /* chosen */
    g_assert_cmpstr (c2, ==, "Maison");            /* both kept */
    g_assert_cmpstr (i2, ==, "7");
    g_assert_null (d3);                            /* deleted */
    g_assert_cmpstr (d4, ==, "Coordination");      /* the project kept it */
    g_assert_null (d5);                            /* stays deleted */
    g_assert_null (d6);
    g_assert_null (d7);                            /* does not come back */
    g_assert_cmpstr (n8, ==, "Renommée par la coordination");
  }
  {
    g_autofree char *q = mprintf ("SELECT text FROM answers WHERE uuid = %Q", answer);
    g_autofree char *a = text (project, q);
    g_autofree char *vq = mprintf ("SELECT count (*) FROM verbatims WHERE uuid = %Q", quote);
    g_autofree char *mq = mprintf ("SELECT value FROM measurements WHERE uuid = %Q", value);
    g_autofree char *m = text (project, mq);

    g_assert_cmpstr (a, ==, "Réponse reprise par la Maison");
    g_assert_cmpint (query_count (project, vq), ==, 0);
    g_assert_cmpstr (m, ==, "4242.0");
  }
  /* What the structure created there is its own. */
  g_assert_cmpint (query_count (project, "SELECT count (*) FROM interviews WHERE uuid = 'c0ffee00-0000-4000-8000-000000000002'"
                                         " AND structure_id = (SELECT id FROM structures WHERE name = 'Maison de l''emploi et de la formation de Garonne Agglo')"), ==, 1);
  g_assert_cmpint (query_count (project, "SELECT count (*) FROM verbatims v JOIN answers a ON a.id = v.answer_id"
                                         " WHERE v.uuid = 'c0ffee00-0000-4000-8000-000000000004' AND a.uuid = 'c0ffee00-0000-4000-8000-000000000003'"), ==, 1);
  g_assert_cmpint (query_count (project, "SELECT count (*) FROM interviews_fts WHERE interviews_fts MATCH 'zygomatique'"), ==, 1);
  g_assert_cmpint (query_count (project, "SELECT count (*) FROM merges"), ==, 1);
  g_assert_cmpint (query_count (project, "SELECT count (*) FROM pragma_foreign_key_check"), ==, 0);

  /* Merged twice, nothing changes the second time. */
  {
    g_autofree char *after = dump (project);
    g_autoptr(TissageMerge) again = prepare (project, path, &error);
    guint64 serial = tissage_document_get_undo_serial (project);
    g_autofree char *twice = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (tissage_merge_get_n_changes (again), ==, 0);
    g_assert_cmpuint (tissage_merge_get_conflicts (again)->len, ==, 0);
    g_assert_true (tissage_merge_apply (again, TISSAGE_MERGE_CHOICE_NONE, &error));
    g_assert_no_error (error);
    twice = dump (project);
    g_assert_cmpstr (twice, ==, after);
    g_assert_cmpuint (tissage_document_get_undo_serial (project), ==, serial);
    g_assert_cmpint (query_count (project, "SELECT count (*) FROM merges"), ==, 1);
  }

  for (guint i = 0; i < G_N_ELEMENTS (s); i++)
    g_free (s[i]);
}

/* One undo step takes the whole merge back, redo brings it again. */
static void
test_undo (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(TissageDocument) project = new_project (fixture);
  g_autoptr(TissageDocument) copy = NULL;
  g_autoptr(TissageMerge) merge = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = export (project, fixture, PLIE, "plie.tissage");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;

  copy = open_path (path);
  sql (copy,
       "UPDATE answers SET text = 'Corrigée', modified = " NOW " WHERE id = (SELECT min (id) FROM answers);"
       "DELETE FROM interviews WHERE id = (SELECT max (id) FROM interviews);"
       "INSERT INTO links (uuid, modified, source_id, target_id, kind)"
       "  SELECT 'c0ffee00-0000-4000-8000-00000000000a', " NOW ", (SELECT min (id) FROM stakeholders), (SELECT max (id) FROM stakeholders), 'partenariat';");
  g_clear_object (&copy);

  before = dump (project);
  merge = prepare (project, path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tissage_merge_get_n_changes (merge), >=, 3);
  g_assert_true (tissage_merge_apply (merge, TISSAGE_MERGE_CHOICE_NONE, &error));
  g_assert_no_error (error);
  after = dump (project);
  g_assert_cmpstr (after, !=, before);

  g_assert_true (tissage_document_undo (project, &error));
  g_assert_no_error (error);
  undone = dump (project);
  g_assert_cmpstr (undone, ==, before);
  g_assert_cmpint (query_count (project, "SELECT count (*) FROM merges"), ==, 0);
  g_assert_cmpint (query_count (project, "SELECT count (*) FROM merge_bases"), ==, 0);
  /* Undone, the merge can be made again, whole. */
  {
    g_autoptr(TissageMerge) again = prepare (project, path, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (tissage_merge_get_n_changes (again), ==, tissage_merge_get_n_changes (merge));
  }

  g_assert_true (tissage_document_redo (project, &error));
  g_assert_no_error (error);
  redone = dump (project);
  g_assert_cmpstr (redone, ==, after);
  /* The links model follows the file. */
  {
    GListModel *links = tissage_document_get_links (project);
    gboolean found = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (links); i++)
      {
        g_autoptr(TissageRecord) link = g_list_model_get_item (links, i);

        found |= g_str_equal (tissage_record_get_uuid (link), "c0ffee00-0000-4000-8000-00000000000a");
      }
    g_assert_true (found);
  }
}

/* Cooperation in time travels with a structure's contribution: the joint
 * actions it adds with their partners, the dates it gives the links it
 * knows, their strength in a period; a partner it removes from an action
 * goes from the project too. One undo step takes it all back. */
static void
test_cooperation (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(TissageDocument) project = new_project (fixture);
  g_autoptr(TissageDocument) copy = NULL;
  g_autoptr(TissageMerge) merge = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *link = uuid_of (project, "SELECT uuid FROM links ORDER BY id LIMIT 1");
  g_autofree char *gone = NULL;
  g_autofree char *edits = NULL;
  g_autoptr(TissageAction) existing = NULL;
  gint64 shared[3];
  gint64 actions, partners;

  /* An action of the coordination, before the copy is made. */
  for (guint i = 0; i < G_N_ELEMENTS (shared); i++)
    {
      g_autoptr(TissageRecord) stakeholder = g_list_model_get_item (tissage_document_get_stakeholders (project), i + 1);

      shared[i] = tissage_record_get_id (stakeholder);
    }
  existing = tissage_document_add_action (project, "Comité de pilotage", TISSAGE_ACTION_MEETING, "2026-01-20", 0,
                                          shared, G_N_ELEMENTS (shared), NULL, &error);
  g_assert_no_error (error);
  gone = uuid_of (project, "SELECT uuid FROM action_partners ORDER BY id DESC LIMIT 1");
  actions = query_count (project, "SELECT count (*) FROM actions");
  partners = query_count (project, "SELECT count (*) FROM action_partners");
  path = export (project, fixture, PLIE, "plie.tissage");

  copy = open_path (path);
  edits = mprintf (
    "INSERT INTO actions (uuid, modified, title, kind, date) VALUES ('c0ffee00-0000-4000-8000-0000000000a1', " NOW ", 'Atelier CV commun', 5, '2026-03-12');"
    "INSERT INTO action_partners (uuid, modified, action_id, stakeholder_id)"
    "  SELECT 'c0ffee00-0000-4000-8000-0000000000a2', " NOW ", (SELECT id FROM actions WHERE uuid = 'c0ffee00-0000-4000-8000-0000000000a1'), min (id) FROM stakeholders;"
    "INSERT INTO action_partners (uuid, modified, action_id, stakeholder_id)"
    "  SELECT 'c0ffee00-0000-4000-8000-0000000000a3', " NOW ", (SELECT id FROM actions WHERE uuid = 'c0ffee00-0000-4000-8000-0000000000a1'), max (id) FROM stakeholders;"
    "UPDATE links SET start_date = '2024-09-01', start_period_id = NULL, modified = " NOW " WHERE uuid = %Q;"
    "INSERT INTO link_strengths (uuid, modified, link_id, period_id, strength)"
    "  SELECT 'c0ffee00-0000-4000-8000-0000000000a4', " NOW ", (SELECT id FROM links WHERE uuid = %Q), max (id), 3 FROM periods;"
    "DELETE FROM action_partners WHERE uuid = %Q;",
    link, link, gone);
  sql (copy, edits);
  g_clear_object (&copy);

  before = dump (project);
  merge = prepare (project, path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (section (merge, "actions")->added, ==, 1);
  g_assert_cmpuint (section (merge, "action_partners")->added, ==, 2);
  g_assert_cmpuint (section (merge, "action_partners")->deleted, ==, 1);
  g_assert_cmpuint (section (merge, "link_strengths")->added, ==, 1);
  g_assert_cmpuint (section (merge, "links")->changed, ==, 1);
  g_assert_true (tissage_merge_apply (merge, TISSAGE_MERGE_CHOICE_NONE, &error));
  g_assert_no_error (error);

  g_assert_cmpint (query_count (project, "SELECT count (*) FROM actions"), ==, actions + 1);
  g_assert_cmpint (query_count (project, "SELECT count (*) FROM action_partners"), ==, partners + 1);
  g_assert_cmpint (query_count (project, "SELECT count (*) FROM action_partners p JOIN actions a ON a.id = p.action_id"
                                         " WHERE a.title = 'Atelier CV commun'"), ==, 2);
  g_assert_cmpint (query_count (project, "SELECT count (*) FROM links WHERE start_date = '2024-09-01'"), ==, 1);
  g_assert_cmpint (query_count (project, "SELECT strength FROM link_strengths WHERE uuid = 'c0ffee00-0000-4000-8000-0000000000a4'"), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (tissage_document_get_records (project, TISSAGE_TYPE_ACTION)), ==, actions + 1);

  /* Merged again, it brings nothing more. */
  {
    g_autoptr(TissageMerge) again = prepare (project, path, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (tissage_merge_get_n_changes (again), ==, 0);
  }

  g_assert_true (tissage_document_undo (project, &error));
  g_assert_no_error (error);
  {
    g_autofree char *undone = dump (project);

    g_assert_cmpstr (undone, ==, before);
  }
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (to, contents, length, NULL));
}

/* Rounds: a second round brings only what is new; an older round merged
 * after a newer one brings nothing back; two structures in either order
 * give the same project. */
static void
test_rounds (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(TissageDocument) project = new_project (fixture);
  g_autoptr(TissageDocument) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *maison = export (project, fixture, MAISON, "maison.tissage");
  g_autofree char *plie = export (project, fixture, PLIE, "plie.tissage");
  g_autofree char *round1 = fixture_path (fixture, "maison-1.tissage");
  g_autofree char *other = fixture_path (fixture, "autre.tissage");
  g_autofree char *quote = NULL;
  g_autofree char *answer = NULL;
  g_autoptr(GFile) other_file = g_file_new_for_path (other);
  g_autoptr(TissageDocument) twin = NULL;

  g_assert_true (tissage_document_save_copy (project, other_file, &error));
  g_assert_no_error (error);

  copy = open_path (maison);
  quote = uuid_of (copy, "SELECT uuid FROM verbatims ORDER BY id LIMIT 1");
  answer = uuid_of (copy, "SELECT uuid FROM answers WHERE text <> '' ORDER BY id LIMIT 1");
  {
    g_autofree char *edit = mprintf ("UPDATE answers SET text = 'Premier tour', modified = " NOW " WHERE uuid = %Q;", answer);

    sql (copy, edit);
  }
  g_clear_object (&copy);
  copy_file (maison, round1);

  g_usleep (2000);
  copy = open_path (maison);
  {
    g_autofree char *edit = mprintf ("UPDATE answers SET text = 'Second tour', modified = " NOW " WHERE uuid = %Q;"
                                     "DELETE FROM verbatims WHERE uuid = %Q;", answer, quote);

    sql (copy, edit);
  }
  g_clear_object (&copy);

  /* The plie's round, edited too. */
  copy = open_path (plie);
  sql (copy, "UPDATE answers SET text = 'Du PLIE', modified = " NOW " WHERE id = (SELECT min (id) FROM answers);"
             "INSERT INTO stakeholders (uuid, modified, name) VALUES ('c0ffee00-0000-4000-8000-00000000000b', " NOW ", 'Partenaire du PLIE');");
  g_clear_object (&copy);

  /* Round 1, then round 2: the second brings only what is new. */
  {
    g_autoptr(TissageMerge) merge = prepare (project, round1, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (section (merge, "answers")->changed, ==, 1);
    g_assert_true (tissage_merge_apply (merge, TISSAGE_MERGE_CHOICE_NONE, &error));
    g_assert_no_error (error);
  }
  {
    g_autoptr(TissageMerge) merge = prepare (project, maison, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (tissage_merge_get_conflicts (merge)->len, ==, 0);
    g_assert_cmpuint (section (merge, "answers")->changed, ==, 1);
    g_assert_cmpuint (section (merge, "verbatims")->deleted, ==, 1);
    g_assert_cmpuint (tissage_merge_get_n_changes (merge), ==, 2 + section (merge, "verbatim_tags")->deleted);
    g_assert_true (tissage_merge_apply (merge, TISSAGE_MERGE_CHOICE_NONE, &error));
    g_assert_no_error (error);
  }
  /* Round 1 again, out of order: nothing comes back. */
  {
    g_autoptr(TissageMerge) merge = prepare (project, round1, &error);
    g_autofree char *q = mprintf ("SELECT text FROM answers WHERE uuid = %Q", answer);
    g_autofree char *v = mprintf ("SELECT count (*) FROM verbatims WHERE uuid = %Q", quote);
    g_autofree char *now = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (tissage_merge_get_n_changes (merge), ==, 0);
    g_assert_true (tissage_merge_apply (merge, TISSAGE_MERGE_CHOICE_NONE, &error));
    now = text (project, q);
    g_assert_cmpstr (now, ==, "Second tour");
    g_assert_cmpint (query_count (project, v), ==, 0);
  }

  /* Structures in either order: Maison then PLIE here, PLIE then Maison
   * (its second round only) on the twin. */
  {
    g_autoptr(TissageMerge) merge = prepare (project, plie, &error);

    g_assert_no_error (error);
    g_assert_true (tissage_merge_apply (merge, TISSAGE_MERGE_CHOICE_NONE, &error));
    g_assert_no_error (error);
  }
  twin = open_path (other);
  {
    g_autoptr(TissageMerge) merge = prepare (twin, plie, &error);

    g_assert_no_error (error);
    g_assert_true (tissage_merge_apply (merge, TISSAGE_MERGE_CHOICE_NONE, &error));
    g_assert_no_error (error);
  }
  {
    g_autoptr(TissageMerge) merge = prepare (twin, maison, &error);

    g_assert_no_error (error);
    g_assert_true (tissage_merge_apply (merge, TISSAGE_MERGE_CHOICE_NONE, &error));
    g_assert_no_error (error);
  }
  {
    g_autofree char *one = dump (project);
    g_autofree char *two = dump (twin);

    g_assert_cmpstr (one, ==, two);
  }
}

static void
raw_exec (const char *path,
          const char *statement)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, statement, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", statement, message);
  sqlite3_close (db);
}

static void
assert_refused (TissageDocument *project,
                const char      *path,
                const char      *says)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump (project);
  g_autoptr(TissageMerge) merge = prepare (project, path, &error);
  g_autofree char *after = dump (project);

  g_assert_null (merge);
  g_assert_nonnull (error);
  if (strstr (error->message, says) == NULL)
    g_error ("“%s” does not say “%s”", error->message, says);
  g_assert_cmpstr (after, ==, before);
}

/* Tampered contributions are refused, the project untouched. */
static void
test_tampered (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(TissageDocument) project = new_project (fixture);
  g_autofree char *clean = export (project, fixture, MAISON, "maison.tissage");
  g_autofree char *path = fixture_path (fixture, "trafiquee.tissage");
  g_autofree char *other_uuid = NULL;
  g_autofree char *edit = NULL;

  /* An interview of the contribution takes the UUID of the PLIE's. */
  other_uuid = uuid_of (project, "SELECT uuid FROM interviews WHERE structure_id = (SELECT id FROM structures WHERE name = 'PLIE de Garonne Agglo') LIMIT 1");
  copy_file (clean, path);
  edit = mprintf ("UPDATE interviews SET uuid = %Q WHERE id = (SELECT min (id) FROM interviews);", other_uuid);
  raw_exec (path, edit);
  assert_refused (project, path, "another structure");

  /* An answer of the contribution takes the UUID of one of the PLIE's. */
  g_free (other_uuid);
  other_uuid = uuid_of (project, "SELECT a.uuid FROM answers a JOIN interviews i ON i.id = a.interview_id"
                                 " WHERE i.structure_id = (SELECT id FROM structures WHERE name = 'PLIE de Garonne Agglo') LIMIT 1");
  copy_file (clean, path);
  g_free (edit);
  edit = mprintf ("UPDATE answers SET uuid = %Q WHERE id = (SELECT min (id) FROM answers);", other_uuid);
  raw_exec (path, edit);
  assert_refused (project, path, "another structure");

  /* The values of another structure. */
  copy_file (clean, path);
  raw_exec (path, "UPDATE measurements SET structure_id = (SELECT id FROM structures WHERE name = 'PLIE de Garonne Agglo')"
                  " WHERE id = (SELECT min (id) FROM measurements);");
  assert_refused (project, path, "another structure");

  /* The référentiel changed. */
  copy_file (clean, path);
  raw_exec (path, "UPDATE effects SET title = 'Effet réécrit' WHERE id = (SELECT min (id) FROM effects);");
  assert_refused (project, path, "référentiel");
  copy_file (clean, path);
  raw_exec (path, "DELETE FROM periods WHERE id = (SELECT max (id) FROM periods);");
  assert_refused (project, path, "periods");
  copy_file (clean, path);
  raw_exec (path, "UPDATE grid_questions SET text = 'Autre question' WHERE id = (SELECT min (id) FROM grid_questions);");
  assert_refused (project, path, "guides");

  /* Another project's contribution. */
  {
    g_autofree char *dir = fixture_path (fixture, "autre");
    g_autofree char *other_path = NULL;
    g_autoptr(GFile) other_file = NULL;
    g_autoptr(TissageDocument) other = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(GFile) out = NULL;

    g_mkdir (dir, 0700);
    other_path = g_build_filename (dir, "autre.tissage", NULL);
    other_file = g_file_new_for_path (other_path);
    other = tissage_document_create_example (other_file, &error);
    g_assert_no_error (error);
    out = g_file_new_for_path (path);
    g_assert_true (tissage_contribution_export (other, structure_id (other, MAISON), out, &error));
    g_assert_no_error (error);
    assert_refused (project, path, "another project");
    /* Nor another project itself, which is no copy of this one. */
    assert_refused (project, other_path, "another project");
  }

  /* A newer version, a damaged file, a project that is no contribution. */
  copy_file (clean, path);
  raw_exec (path, "PRAGMA user_version = 99;");
  assert_refused (project, path, "newer version");
  copy_file (clean, path);
  {
    g_autofree char *contents = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
    memset (contents + 4096, 0x5a, MIN (length - 4096, 8192));
    g_assert_true (g_file_set_contents (path, contents, length, NULL));
  }
  assert_refused (project, path, "cannot be merged");
  {
    g_autofree char *project_path = g_file_get_path (fixture->file);
    g_autofree char *plain = fixture_path (fixture, "simple.tissage");

    /* A plain copy of the project is another full copy: nothing new. */
    g_autoptr(GError) error = NULL;
    g_autoptr(TissageMerge) merge = NULL;

    copy_file (project_path, plain);
    merge = prepare (project, plain, &error);
    g_assert_no_error (error);
    g_assert_true (tissage_merge_is_full_copy (merge));
    g_assert_cmpuint (tissage_merge_get_n_changes (merge), ==, 0);
    g_assert_cmpuint (tissage_merge_get_conflicts (merge)->len, ==, 0);
    /* The project itself is refused. */
    assert_refused (project, project_path, "not the project itself");
  }

  /* The clean one still merges. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(TissageMerge) merge = prepare (project, clean, &error);

    g_assert_no_error (error);
    g_assert_nonnull (merge);
  }
}

/* A merge killed at any moment leaves the project as before or merged. */
static void
test_killed (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(TissageDocument) project = new_project (fixture);
  g_autoptr(TissageDocument) copy = NULL;
  g_autofree char *path = export (project, fixture, MAISON, "maison.tissage");
  g_autofree char *project_path = g_file_get_path (fixture->file);
  g_autofree char *pristine = fixture_path (fixture, "avant.tissage");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint seen_before = 0, seen_after = 0;
  gint64 duration = 0;

  copy = open_path (path);
  sql (copy,
       "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)"
       " INSERT INTO interviews (uuid, modified, grid_id, pseudonym, structure_id)"
       " SELECT printf ('c0ffee00-0000-4000-8000-%012d', i), " NOW ", (SELECT min (id) FROM grids), 'Personne ' || i, NULL FROM n;"
       "INSERT INTO answers (uuid, modified, interview_id, question_id, text)"
       " SELECT printf ('%s-%d', i.uuid, q.id), " NOW ", i.id, q.id, 'Réponse ' || i.id || ' ' || q.id"
       " FROM interviews i JOIN grid_questions q ON q.grid_id = i.grid_id WHERE i.pseudonym LIKE 'Personne %';");
  g_clear_object (&copy);

  before = dump (project);
  g_clear_object (&project);
  copy_file (project_path, pristine);

  /* The merged project, for comparison. */
  {
    int status;
    g_autofree char *err = NULL;
    g_autofree char *out = NULL;
    gint64 start = g_get_monotonic_time ();

    out = run_tissage (&status, &err, "--merge", path, project_path, NULL);
    duration = g_get_monotonic_time () - start;
    g_assert_cmpint (status, ==, 0);
    project = open_path (project_path);
    after = dump (project);
    g_clear_object (&project);
    g_assert_cmpstr (after, !=, before);
  }

  for (guint attempt = 0; attempt < 8; attempt++)
    {
      const char *bin = g_getenv ("TISSAGE_BIN");
      const char *argv[] = { bin, "--merge", path, project_path, NULL };
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *now = NULL;
      g_autofree char *err = NULL;
      static const char * const journals[] = { "-wal", "-shm", "-journal" };

      for (guint j = 0; j < G_N_ELEMENTS (journals); j++)
        {
          g_autofree char *journal = g_strconcat (project_path, journals[j], NULL);

          g_unlink (journal);
        }
      copy_file (pristine, project_path);
      process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
      g_assert_no_error (error);
      /* From the start of the process to the end of its merge. */
      g_usleep (duration * (attempt + 1) / 5);
      g_subprocess_send_signal (process, SIGKILL);
      g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, NULL);
      g_test_message ("attempt %u after %" G_GINT64_FORMAT " µs: %s", attempt, duration * (attempt + 1) / 5,
                      err != NULL ? err : "");

      project = open_path (project_path);
      now = dump (project);
      g_clear_object (&project);
      if (g_str_equal (now, before))
        seen_before++;
      else if (g_str_equal (now, after))
        seen_after++;
      else
        g_error ("attempt %u: the project is half merged", attempt);
    }
  g_test_message ("before %u, after %u", seen_before, seen_after);
  g_assert_cmpuint (seen_before + seen_after, ==, 8);
  g_assert_cmpuint (seen_before, >, 0);
}

/* Two full copies of the project, two coordinators who worked apart:
 * everything merges, the référentiel, the guides and the periods too, and
 * every structure's interviews; the same combinations of add / change /
 * delete as a contribution; twice is once; one undo step. */
static char *
value_of (TissageDocument *document,
          const char      *format,
          const char      *uuid)
{
  char *query = sqlite3_mprintf (format, uuid);
  char *value = text (document, query);

  sqlite3_free (query);
  return value;
}

static void
test_full_copies (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(TissageDocument) project = new_project (fixture);
  g_autoptr(TissageDocument) other = NULL;
  g_autoptr(TissageMerge) merge = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture_path (fixture, "autre-coordination.tissage");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *before = NULL;
  g_autofree char *before_kept = NULL;
  g_autofree char *after = NULL;
  g_autofree char *effect = NULL, *kept_effect = NULL, *question_effect = NULL, *answer = NULL;
  char *s[6] = { NULL, };
  GPtrArray *conflicts;

  g_assert_true (tissage_document_save_copy (project, file, &error));
  g_assert_no_error (error);
  other = open_path (path);
  for (guint i = 0; i < G_N_ELEMENTS (s); i++)
    {
      g_autofree char *query = g_strdup_printf ("SELECT uuid FROM stakeholders ORDER BY id LIMIT 1 OFFSET %u", i);

      s[i] = uuid_of (other, query);
    }
  effect = uuid_of (other, "SELECT uuid FROM effects ORDER BY id LIMIT 1");
  kept_effect = uuid_of (other, "SELECT uuid FROM effects ORDER BY id LIMIT 1 OFFSET 1");
  question_effect = uuid_of (other, "SELECT uuid FROM question_effects ORDER BY id LIMIT 1");
  answer = uuid_of (other, "SELECT a.uuid FROM answers a JOIN interviews i ON i.id = a.interview_id"
                           " JOIN structures st ON st.id = i.structure_id WHERE st.name = '" PLIE "' AND a.text <> '' ORDER BY a.id LIMIT 1");
  g_usleep (2000);

  /* The other coordinator's copy. */
  {
    g_autofree char *edits = mprintf (
      "INSERT INTO stakeholders (uuid, modified, name) VALUES ('c0ffee00-0000-4000-8000-0000000000c1', " NOW ", 'Ajoutée par l’autre copie');"
      "UPDATE stakeholders SET description = 'Autre', modified = " NOW " WHERE uuid = %Q;"   /* s0: only there */
      "UPDATE stakeholders SET description = 'Autre', modified = " NOW " WHERE uuid = %Q;"   /* s1: both, the same field */
      "UPDATE stakeholders SET contact = 'Autre', modified = " NOW " WHERE uuid = %Q;"       /* s2: both, other fields */
      "DELETE FROM stakeholders WHERE uuid = %Q;"                                            /* s3: deleted there only */
      "DELETE FROM stakeholders WHERE uuid = %Q;"                                            /* s4: deleted there, changed here */
      "UPDATE stakeholders SET description = 'Autre', modified = " NOW " WHERE uuid = %Q;"   /* s5: changed there, deleted here */
      "UPDATE effects SET title = 'Effet revu par l’autre copie', modified = " NOW " WHERE uuid = %Q;"
      "INSERT INTO periods (uuid, modified, label) VALUES ('c0ffee00-0000-4000-8000-0000000000c2', " NOW ", 'Période ajoutée ailleurs');"
      "DELETE FROM question_effects WHERE uuid = %Q;"
      "UPDATE answers SET text = 'Réponse revue par l’autre coordination', modified = " NOW " WHERE uuid = %Q;"
      "INSERT INTO interviews (uuid, modified, grid_id, pseudonym, structure_id)"
      "  SELECT 'c0ffee00-0000-4000-8000-0000000000c3', " NOW ", (SELECT min (id) FROM grids), 'Entretien d’ailleurs', id"
      "  FROM structures WHERE name = '" PLIE "';",
      s[0], s[1], s[2], s[3], s[4], s[5], effect, question_effect, answer);

    sql (other, edits);
  }
  g_clear_object (&other);

  /* This coordinator's, at the same time. */
  {
    g_autofree char *edits = mprintf (
      "UPDATE stakeholders SET description = 'Coordination', modified = " NOW " WHERE uuid = %Q;"  /* s1 */
      "UPDATE stakeholders SET interest = 7, modified = " NOW " WHERE uuid = %Q;"                  /* s2 */
      "UPDATE stakeholders SET description = 'Coordination', modified = " NOW " WHERE uuid = %Q;"  /* s4 */
      "DELETE FROM stakeholders WHERE uuid = %Q;"                                                  /* s5 */
      "UPDATE effects SET title = 'Effet revu ici', modified = " NOW " WHERE uuid = %Q;"
      "INSERT INTO grids (uuid, modified, title) VALUES ('c0ffee00-0000-4000-8000-0000000000c4', " NOW ", 'Guide ajouté ici');",
      s[1], s[2], s[4], s[5], kept_effect);

    sql (project, edits);
  }
  before = dump (project);
  before_kept = text (project, "SELECT group_concat (x, '|') FROM (SELECT uuid || title AS x FROM effects"
                               " UNION ALL SELECT uuid || label FROM periods UNION ALL SELECT uuid FROM question_effects"
                               " UNION ALL SELECT uuid || title FROM grids ORDER BY 1)");

  merge = prepare (project, path, &error);
  g_assert_no_error (error);
  g_assert_true (tissage_merge_is_full_copy (merge));
  g_assert_cmpuint (section (merge, "stakeholders")->added, ==, 1);
  g_assert_cmpuint (section (merge, "stakeholders")->changed, ==, 3);   /* s0, s1, s2 */
  g_assert_cmpuint (section (merge, "stakeholders")->deleted, ==, 2);   /* s3, s4 */
  g_assert_cmpuint (section (merge, "effects")->changed, ==, 1);
  g_assert_cmpuint (section (merge, "periods")->added, ==, 1);
  g_assert_cmpuint (section (merge, "question_effects")->deleted, ==, 1);
  g_assert_cmpuint (section (merge, "grids")->deleted, ==, 0);
  g_assert_cmpuint (section (merge, "answers")->changed, ==, 1);
  g_assert_cmpuint (section (merge, "interviews")->added, ==, 1);
  /* Which rows, by what they are: an interview by its pseudonym and guide. */
  {
    g_autofree char *grid = text (project, "SELECT title FROM grids ORDER BY id LIMIT 1");
    g_autofree char *item = g_strdup_printf ("Added: Entretien d’ailleurs — %s", grid);
    g_autofree char *deleted = value_of (project, "SELECT 'Deleted: ' || name FROM stakeholders WHERE uuid = %Q", s[3]);

    g_assert_cmpuint (section (merge, "interviews")->items->len, ==, 1);
    g_assert_cmpstr (g_ptr_array_index (section (merge, "interviews")->items, 0), ==, item);
    g_assert_cmpuint (section (merge, "stakeholders")->items->len, ==, 6);
    g_assert_true (g_ptr_array_find_with_equal_func (section (merge, "stakeholders")->items, deleted, g_str_equal, NULL));
  }

  /* s1's description; s2, changed on both sides since they parted, each
   * field that differs (the stamps are a row's, not a field's); s4
   * deleted there and changed here, s5 the other way. */
  conflicts = tissage_merge_get_conflicts (merge);
  g_assert_cmpuint (conflicts->len, ==, 5);
  for (guint i = 0; i < conflicts->len; i++)
    {
      TissageMergeConflict *conflict = g_ptr_array_index (conflicts, i);

      if (g_str_equal (conflict->project_value, "Coordination") || g_str_equal (conflict->project_value, "7"))
        conflict->choice = TISSAGE_MERGE_CHOICE_PROJECT;
    }
  {
    g_autofree char *summary = tissage_merge_dup_summary (merge);

    g_assert_nonnull (strstr (summary, "Another copy of the project"));
    g_assert_nonnull (strstr (summary, "other copy “Autre”"));
  }
  g_assert_true (tissage_merge_apply (merge, TISSAGE_MERGE_CHOICE_CONTRIBUTION, &error));
  g_assert_no_error (error);
  after = dump (project);

  {
    g_autofree char *d0 = value_of (project, "SELECT description FROM stakeholders WHERE uuid = %Q", s[0]);
    g_autofree char *d1 = value_of (project, "SELECT description FROM stakeholders WHERE uuid = %Q", s[1]);
    g_autofree char *c2 = value_of (project, "SELECT contact || '/' || interest FROM stakeholders WHERE uuid = %Q", s[2]);
    g_autofree char *d5 = value_of (project, "SELECT description FROM stakeholders WHERE uuid = %Q", s[5]);
    g_autofree char *t0 = value_of (project, "SELECT title FROM effects WHERE uuid = %Q", effect);
    g_autofree char *t1 = value_of (project, "SELECT title FROM effects WHERE uuid = %Q", kept_effect);
    g_autofree char *a0 = value_of (project, "SELECT text FROM answers WHERE uuid = %Q", answer);

    g_assert_cmpstr (d0, ==, "Autre");
    g_assert_cmpstr (d1, ==, "Coordination");
    g_assert_cmpstr (c2, ==, "Autre/7");
    g_assert_cmpstr (d5, ==, "Autre");
    g_assert_cmpstr (t0, ==, "Effet revu par l’autre copie");
    g_assert_cmpstr (t1, ==, "Effet revu ici");
    g_assert_cmpstr (a0, ==, "Réponse revue par l’autre coordination");
  }
  {
    char *query = sqlite3_mprintf ("SELECT count (*) FROM stakeholders WHERE uuid IN (%Q, %Q)", s[3], s[4]);

    g_assert_cmpint (query_count (project, query), ==, 0);
    sqlite3_free (query);
    query = sqlite3_mprintf ("SELECT count (*) FROM question_effects WHERE uuid = %Q", question_effect);
    g_assert_cmpint (query_count (project, query), ==, 0);
    sqlite3_free (query);
  }
  g_assert_cmpint (query_count (project, "SELECT count (*) FROM periods WHERE label = 'Période ajoutée ailleurs'"), ==, 1);
  g_assert_cmpint (query_count (project, "SELECT count (*) FROM grids WHERE title = 'Guide ajouté ici'"), ==, 1);
  g_assert_cmpint (query_count (project, "SELECT count (*) FROM interviews i JOIN structures st ON st.id = i.structure_id"
                                         " WHERE i.pseudonym = 'Entretien d’ailleurs' AND st.name = '" PLIE "'"), ==, 1);
  g_assert_cmpint (query_count (project, "SELECT count (*) FROM stakeholders WHERE name = 'Ajoutée par l’autre copie'"), ==, 1);
  g_assert_cmpint (query_count (project, "SELECT count (*) FROM merges WHERE structure_uuid = ''"), ==, 1);

  /* Twice is once. */
  {
    g_autoptr(TissageMerge) again = prepare (project, path, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (tissage_merge_get_n_changes (again), ==, 0);
    g_assert_cmpuint (tissage_merge_get_conflicts (again)->len, ==, 0);
  }

  /* One undo step, back to before; redone, merged again. */
  g_assert_true (tissage_document_undo (project, &error));
  g_assert_no_error (error);
  {
    g_autofree char *undone = dump (project);
    g_autofree char *undone_kept = text (project, "SELECT group_concat (x, '|') FROM (SELECT uuid || title AS x FROM effects"
                                                  " UNION ALL SELECT uuid || label FROM periods UNION ALL SELECT uuid FROM question_effects"
                                                  " UNION ALL SELECT uuid || title FROM grids ORDER BY 1)");

    g_assert_cmpstr (undone, ==, before);
    g_assert_cmpstr (undone_kept, ==, before_kept);
  }
  g_assert_true (tissage_document_redo (project, &error));
  g_assert_no_error (error);
  {
    g_autofree char *redone = dump (project);

    g_assert_cmpstr (redone, ==, after);
  }

  for (guint i = 0; i < G_N_ELEMENTS (s); i++)
    g_free (s[i]);
}

/* The coordination deleted a guide (and, in another, a question) that the
 * structure's unsent interviews use: the update is refused, saying which
 * guide and how many interviews, the copy unchanged; once the guide is
 * back, the update goes through. */
static void
test_update_deleted_guide (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(TissageDocument) project = new_project (fixture);
  g_autoptr(TissageDocument) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *plie = NULL;
  g_autoptr(GFile) plie_file = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  sql (project, "INSERT INTO grids (uuid, modified, title) VALUES ('c0ffee00-0000-4000-8000-0000000000d1', " NOW ", 'Guide d’essai');"
                "INSERT INTO grid_questions (uuid, modified, grid_id, text) SELECT 'c0ffee00-0000-4000-8000-0000000000d2', " NOW ", id,"
                " 'Question d’essai' FROM grids WHERE uuid = 'c0ffee00-0000-4000-8000-0000000000d1';"
                "INSERT INTO grid_questions (uuid, modified, grid_id, text) SELECT 'c0ffee00-0000-4000-8000-0000000000d3', " NOW ", min (id),"
                " 'Question ajoutée' FROM grids;");
  plie = export (project, fixture, PLIE, "plie.tissage");
  plie_file = g_file_new_for_path (plie);

  /* The PLIE's unsent work: two interviews on the trial guide, and an
   * answer to the question added to the first. */
  copy = open_path (plie);
  {
    g_autofree char *edit = mprintf (
      "INSERT INTO interviews (uuid, modified, grid_id, pseudonym, structure_id)"
      " SELECT 'c0ffee00-0000-4000-8000-0000000000e' || n.v, " NOW ", g.id, 'Essai ' || n.v, %lld"
      " FROM grids g, (SELECT 1 AS v UNION SELECT 2) n WHERE g.uuid = 'c0ffee00-0000-4000-8000-0000000000d1';"
      "INSERT INTO answers (uuid, modified, interview_id, question_id, text)"
      " SELECT 'c0ffee00-0000-4000-8000-0000000000f1', " NOW ", (SELECT min (id) FROM interviews WHERE structure_id = %lld"
      "   AND grid_id = (SELECT min (id) FROM grids)), id, 'Réponse non envoyée'"
      " FROM grid_questions WHERE uuid = 'c0ffee00-0000-4000-8000-0000000000d3';",
      (long long) structure_id (copy, PLIE), (long long) structure_id (copy, PLIE));

    sql (copy, edit);
    g_assert_cmpint (query_count (copy, "SELECT count (*) FROM answers WHERE uuid = 'c0ffee00-0000-4000-8000-0000000000f1'"), ==, 1);
    before = dump (copy);
  }
  g_clear_object (&copy);

  /* The coordination, which had no interview on it, deletes the guide. */
  sql (project, "DELETE FROM grids WHERE uuid = 'c0ffee00-0000-4000-8000-0000000000d1';"
                "UPDATE periods SET label = 'Année revue', modified = " NOW " WHERE id = (SELECT min (id) FROM periods);");
  g_assert_false (tissage_contribution_update (project, plie_file, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "“Guide d’essai”"));
  g_assert_nonnull (strstr (error->message, "2 interviews"));
  g_assert_nonnull (strstr (error->message, "unchanged"));
  g_assert_null (strstr (error->message, "FOREIGN KEY"));
  g_clear_error (&error);
  copy = open_path (plie);
  after = dump (copy);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (query_count (copy, "SELECT count (*) FROM periods WHERE label = 'Année revue'"), ==, 0);
  g_clear_object (&copy);

  /* The guide back, the question the PLIE answered deleted. */
  sql (project, "INSERT OR IGNORE INTO grids (uuid, modified, title) VALUES ('c0ffee00-0000-4000-8000-0000000000d1', " NOW ", 'Guide d’essai');"
                "INSERT OR IGNORE INTO grid_questions (uuid, modified, grid_id, text) SELECT 'c0ffee00-0000-4000-8000-0000000000d2', " NOW ", id,"
                " 'Question d’essai' FROM grids WHERE uuid = 'c0ffee00-0000-4000-8000-0000000000d1';"
                "DELETE FROM grid_questions WHERE uuid = 'c0ffee00-0000-4000-8000-0000000000d3';");
  g_assert_false (tissage_contribution_update (project, plie_file, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "“Question ajoutée”"));
  g_assert_nonnull (strstr (error->message, "1 answer"));
  g_clear_error (&error);

  /* Both back: the update goes through and keeps the PLIE's work. */
  sql (project, "INSERT INTO grid_questions (uuid, modified, grid_id, text) SELECT 'c0ffee00-0000-4000-8000-0000000000d3', " NOW ", min (id),"
                " 'Question ajoutée' FROM grids;");
  g_assert_true (tissage_contribution_update (project, plie_file, NULL, &error));
  g_assert_no_error (error);
  copy = open_path (plie);
  g_assert_cmpint (query_count (copy, "SELECT count (*) FROM interviews WHERE pseudonym LIKE 'Essai %'"), ==, 2);
  g_assert_cmpint (query_count (copy, "SELECT count (*) FROM answers WHERE text = 'Réponse non envoyée'"), ==, 1);
}

/* Another full copy from the command line: its summary, conflicts refused
 * without --prefer (exit 1), merged with it, then nothing new; another
 * project's file refused. */
static void
test_command_line_copies (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(TissageDocument) project = new_project (fixture);
  g_autoptr(TissageDocument) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *project_path = g_file_get_path (fixture->file);
  g_autofree char *path = fixture_path (fixture, "copie.tissage");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *shared = NULL;
  g_autofree char *edit = NULL;
  int status;

  g_assert_true (tissage_document_save_copy (project, file, &error));
  g_assert_no_error (error);
  shared = uuid_of (project, "SELECT uuid FROM stakeholders ORDER BY id LIMIT 1");
  g_usleep (2000);
  other = open_path (path);
  edit = mprintf ("UPDATE stakeholders SET description = 'Vu par l’autre coordination', modified = " NOW " WHERE uuid = %Q;"
                  "UPDATE periods SET label = 'Période renommée ailleurs', modified = " NOW " WHERE id = (SELECT min (id) FROM periods);",
                  shared);
  sql (other, edit);
  g_clear_object (&other);
  g_free (edit);
  edit = mprintf ("UPDATE stakeholders SET description = 'Vu d’ici', modified = " NOW " WHERE uuid = %Q;", shared);
  sql (project, edit);
  g_clear_object (&project);

  {
    g_autofree char *err = NULL;
    g_autofree char *out = run_tissage (&status, &err, "--merge", path, project_path, "--dry-run", NULL);

    /* The command line speaks French. */
    g_assert_cmpint (status, ==, 0);
    g_assert_nonnull (strstr (out, "Autre copie du projet"));
    g_assert_nonnull (strstr (out, "Périodes"));
  }
  {
    g_autofree char *err = NULL;
    g_autofree char *out = run_tissage (&status, &err, "--merge", path, project_path, NULL);

    g_assert_cmpint (status, ==, 1);
    g_assert_nonnull (strstr (err, "1 conflit"));
  }
  {
    g_autofree char *err = NULL;
    g_autofree char *out = run_tissage (&status, &err, "--merge", path, project_path, "--prefer", "project", NULL);

    g_assert_cmpint (status, ==, 0);
    g_assert_nonnull (strstr (out, "L’autre copie est fusionnée."));
  }
  {
    g_autofree char *err = NULL;
    g_autofree char *out = run_tissage (&status, &err, "--merge", path, project_path, NULL);

    g_assert_cmpint (status, ==, 0);
    g_assert_nonnull (strstr (out, "Rien de nouveau à intégrer."));
  }
  project = open_path (project_path);
  g_assert_cmpint (query_count (project, "SELECT count (*) FROM periods WHERE label = 'Période renommée ailleurs'"), ==, 1);
  {
    g_autofree char *q = mprintf ("SELECT description FROM stakeholders WHERE uuid = %Q", shared);
    g_autofree char *kept = text (project, q);

    g_assert_cmpstr (kept, ==, "Vu d’ici");
  }
  g_clear_object (&project);

  /* Another project's file. */
  {
    g_autofree char *dir = fixture_path (fixture, "ailleurs");
    g_autofree char *other_path = NULL;
    g_autoptr(GFile) other_file = NULL;
    g_autofree char *err = NULL;
    g_autofree char *out = NULL;
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;

    g_mkdir (dir, 0700);
    other_path = g_build_filename (dir, "ailleurs.tissage", NULL);
    other_file = g_file_new_for_path (other_path);
    other = tissage_document_create_example (other_file, &error);
    g_assert_no_error (error);
    g_clear_object (&other);
    project = open_path (project_path);
    before = dump (project);
    g_clear_object (&project);
    out = run_tissage (&status, &err, "--merge", other_path, project_path, NULL);
    g_assert_cmpint (status, ==, 1);
    g_assert_nonnull (strstr (err, "est un autre projet"));
    project = open_path (project_path);
    after = dump (project);
    g_assert_cmpstr (after, ==, before);
  }
}

/* The command line, as a script would run it. */
static void
test_command_line (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(TissageDocument) project = new_project (fixture);
  g_autofree char *project_path = g_file_get_path (fixture->file);
  g_autofree char *path = fixture_path (fixture, "plie.tissage");
  g_autoptr(TissageDocument) copy = NULL;
  g_autofree char *before = NULL;
  g_autofree char *shared = NULL;
  int status;

  g_clear_object (&project);
  {
    g_autofree char *err = NULL;
    g_autofree char *out = run_tissage (&status, &err, "--export-contribution", path, "--structure", "plie de garonne agglo",
                                        project_path, NULL);

    g_assert_cmpint (status, ==, 0);
    g_assert_nonnull (strstr (out, "PLIE de Garonne Agglo"));
  }
  {
    g_autofree char *err = NULL;
    g_autofree char *out = run_tissage (&status, &err, "--export-contribution", path, "--structure", "Personne",
                                        project_path, NULL);

    g_assert_cmpint (status, ==, 2);
    g_assert_nonnull (strstr (err, "Personne"));
  }
  /* The copy sent from the command line is in the follow-up. */
  project = open_path (project_path);
  g_assert_cmpint (query_count (project, "SELECT count (*) FROM contribution_exports WHERE file_name = 'plie.tissage'"), ==, 1);
  /* The coordination's later change reaches the copy from the command line. */
  sql (project, "UPDATE periods SET label = 'Année revue', modified = " NOW " WHERE id = (SELECT min (id) FROM periods);");
  g_clear_object (&project);
  {
    g_autofree char *err = NULL;
    g_autofree char *out = run_tissage (&status, &err, "--update-contribution", path, project_path, NULL);

    g_assert_cmpint (status, ==, 0);
    g_assert_nonnull (strstr (out, "plie.tissage"));
    copy = open_path (path);
    g_assert_cmpint (query_count (copy, "SELECT count (*) FROM periods WHERE label = 'Année revue'"), ==, 1);
    g_clear_object (&copy);
    project = open_path (project_path);
    g_assert_cmpint (query_count (project, "SELECT count (*) FROM contribution_exports WHERE is_update = 1"), ==, 1);
    g_clear_object (&project);
  }
  {
    g_autofree char *err = NULL;
    g_autofree char *out = run_tissage (&status, &err, "--update-contribution", project_path, project_path, NULL);

    g_assert_cmpint (status, ==, 1);
    g_assert_true (g_utf8_validate (err, -1, NULL));
  }

  copy = open_path (path);
  sql (copy, "UPDATE stakeholders SET description = 'Vu du PLIE', modified = " NOW " WHERE id = (SELECT min (id) FROM stakeholders);");
  shared = uuid_of (copy, "SELECT uuid FROM stakeholders ORDER BY id LIMIT 1");
  g_clear_object (&copy);
  project = open_path (project_path);
  {
    g_autofree char *edit = mprintf ("UPDATE stakeholders SET description = 'Vu de la coordination', modified = " NOW " WHERE uuid = %Q;", shared);

    sql (project, edit);
  }
  before = dump (project);
  g_clear_object (&project);

  {
    g_autofree char *err = NULL;
    g_autofree char *out = run_tissage (&status, &err, "--merge", path, project_path, "--dry-run", NULL);

    g_assert_cmpint (status, ==, 0);
    g_assert_nonnull (strstr (out, "Vu du PLIE"));
    g_assert_nonnull (strstr (out, "Vu de la coordination"));
  }
  {
    g_autofree char *err = NULL;
    g_autofree char *out = run_tissage (&status, &err, "--merge", path, project_path, NULL);
    g_autofree char *now = NULL;

    g_assert_cmpint (status, ==, 1);
    g_assert_nonnull (strstr (err, "--prefer"));
    project = open_path (project_path);
    now = dump (project);
    g_clear_object (&project);
    g_assert_cmpstr (now, ==, before);
  }
  {
    g_autofree char *err = NULL;
    g_autofree char *out = run_tissage (&status, &err, "--merge", path, project_path, "--prefer", "contribution", NULL);
    g_autofree char *description = NULL;

    g_assert_cmpint (status, ==, 0);
    project = open_path (project_path);
    {
    g_autofree char *q = mprintf ("SELECT description FROM stakeholders WHERE uuid = %Q", shared);

    description = text (project, q);
    }
    g_clear_object (&project);
    g_assert_cmpstr (description, ==, "Vu du PLIE");
  }
  {
    g_autofree char *err = NULL;
    g_autofree char *out = run_tissage (&status, &err, "--merge", project_path, project_path, NULL);

    g_assert_cmpint (status, ==, 1);
    g_assert_true (g_utf8_validate (err, -1, NULL));
  }
}

/* In the contribution, the structure edits its own work, not what the
 * coordinator keeps. */
static void
test_kept_read_only (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(TissageDocument) project = new_project (fixture);
  g_autofree char *path = export (project, fixture, MAISON, "maison.tissage");
  g_autoptr(TissageDocument) copy = open_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageRecord) effect = g_list_model_get_item (tissage_document_get_records (copy, TISSAGE_TYPE_EFFECT), 0);
  g_autoptr(TissageRecord) period = g_list_model_get_item (tissage_document_get_records (copy, TISSAGE_TYPE_PERIOD), 0);
  g_autoptr(TissageRecord) interview = g_list_model_get_item (tissage_document_get_records (copy, TISSAGE_TYPE_INTERVIEW), 0);
  g_autoptr(TissageRecord) project_effect = g_list_model_get_item (tissage_document_get_records (project, TISSAGE_TYPE_EFFECT), 0);

  g_assert_false (tissage_document_set (copy, effect, &error, "title", "Réécrit", NULL));
  g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (tissage_document_delete (copy, period, &error));
  g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_null (tissage_document_insert (copy, TISSAGE_TYPE_PERIOD, &error, "label", "2031", NULL));
  g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_READ_ONLY);
  g_clear_error (&error);

  g_assert_true (tissage_document_set (copy, interview, &error, "notes", "Revu par la Maison", NULL));
  g_assert_no_error (error);

  /* Its own values, not another structure's nor the collective's: typed
   * there, they made the whole contribution refused on merging. */
  {
    g_autoptr(TissageIndicator) indicator = NULL;
    GListModel *indicators = tissage_document_get_records (copy, TISSAGE_TYPE_INDICATOR);
    TissageStructure *maison = tissage_document_lookup (copy, TISSAGE_TYPE_STRUCTURE, structure_id (copy, MAISON));
    TissageStructure *plie = tissage_document_lookup (copy, TISSAGE_TYPE_STRUCTURE, structure_id (copy, PLIE));

    for (guint i = 0; indicator == NULL && i < g_list_model_get_n_items (indicators); i++)
      {
        g_autoptr(TissageIndicator) candidate = g_list_model_get_item (indicators, i);

        if (tissage_indicator_get_nature (candidate) == TISSAGE_NATURE_QUANTITATIVE)
          indicator = g_steal_pointer (&candidate);
      }
    g_assert_nonnull (indicator);
    g_assert_cmpint (tissage_contribution_get_structure_id (copy), ==, tissage_record_id (maison));
    g_assert_cmpint (tissage_contribution_get_structure_id (project), ==, 0);
    g_assert_false (tissage_document_set_measure (copy, indicator, TISSAGE_PERIOD (period), plie, "99", &error));
    g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_READ_ONLY);
    g_clear_error (&error);
    g_assert_false (tissage_document_set_measure (copy, indicator, TISSAGE_PERIOD (period), NULL, "99", &error));
    g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_READ_ONLY);
    g_clear_error (&error);
    g_assert_true (tissage_document_set_measure (copy, indicator, TISSAGE_PERIOD (period), maison, "99", &error));
    g_assert_no_error (error);
  }

  /* The project itself stays editable. */
  g_assert_true (tissage_document_set (project, project_effect, &error, "title", "Réécrit par la coordination", NULL));
  g_assert_no_error (error);
}
/* The coordination changes the référentiel, a guide and the periods while
 * the PLIE works on its copy: the update brings them to the copy, the
 * PLIE's unsent work survives, and the next merge brings the PLIE's work
 * without a conflict and without taking the update for its change. */
static void
test_update (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(TissageDocument) project = new_project (fixture);
  g_autoptr(TissageDocument) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *plie = export (project, fixture, PLIE, "plie.tissage");
  g_autofree char *stranger = fixture_path (fixture, "etrangere.tissage");
  g_autoptr(GFile) plie_file = g_file_new_for_path (plie);
  g_autoptr(GFile) stranger_file = g_file_new_for_path (stranger);
  g_autofree char *answer = NULL;
  g_autofree char *question = NULL;
  g_autofree char *indicator = NULL;
  g_autofree char *stake = NULL;
  guint left_out = 99;

  /* The PLIE's work, not sent yet. */
  copy = open_path (plie);
  answer = uuid_of (copy, "SELECT uuid FROM answers ORDER BY id LIMIT 1");
  question = uuid_of (copy, "SELECT q.uuid FROM grid_questions q JOIN answers a ON a.question_id = q.id ORDER BY a.id LIMIT 1");
  {
    g_autofree char *edit = mprintf ("UPDATE answers SET text = 'Travail non envoyé', modified = " NOW " WHERE uuid = %Q;"
                                     "INSERT INTO interviews (uuid, modified, grid_id, pseudonym, structure_id, date)"
                                     " SELECT 'c0ffee00-0000-4000-8000-0000000000a1', " NOW ", min (id), 'Nouvelle', %" G_GINT64_FORMAT ", '2027-03-01'"
                                     " FROM grids;",
                                     answer, structure_id (copy, PLIE));

    sql (copy, edit);
  }
  g_clear_object (&copy);

  /* The coordination's changes meanwhile. */
  indicator = uuid_of (project, "SELECT uuid FROM indicators ORDER BY id LIMIT 1");
  stake = uuid_of (project, "SELECT uuid FROM stakes ORDER BY id DESC LIMIT 1");
  {
    g_autofree char *edit = mprintf ("UPDATE indicators SET title = 'Titre revu', modified = " NOW " WHERE uuid = %Q;"
                                     "UPDATE grid_questions SET text = 'Question revue', modified = " NOW " WHERE uuid = %Q;"
                                     "INSERT INTO periods (uuid, modified, label, position)"
                                     " VALUES ('c0ffee00-0000-4000-8000-0000000000b1', " NOW ", '2031', 99);"
                                     "INSERT INTO stakes (uuid, modified, title)"
                                     " VALUES ('c0ffee00-0000-4000-8000-0000000000c1', " NOW ", 'Enjeu nouveau');",
                                     indicator, question);

    sql (project, edit);
  }

  /* Another project's contribution is refused, the copy untouched. */
  copy_file (plie, stranger);
  raw_exec (stranger, "UPDATE contribution SET project_uuid = 'c0ffee00-0000-4000-8000-0000000000ff';");
  {
    g_autoptr(TissageDocument) other = NULL;

    g_assert_false (tissage_contribution_update (project, stranger_file, NULL, &error));
    g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE);
    g_assert_nonnull (strstr (error->message, "another project"));
    g_clear_error (&error);
    other = open_path (stranger);
    g_assert_cmpint (query_count (other, "SELECT count (*) FROM periods WHERE label = '2031'"), ==, 0);
  }

  g_assert_true (tissage_contribution_update (project, plie_file, &left_out, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (left_out, ==, 0);
  /* The follow-up says the copy was sent, then updated; the refused one
   * is not there. */
  {
    g_autoptr(GPtrArray) events = tissage_contribution_list_follow_up (project, &error);
    TissageContributionEvent *first, *second;

    g_assert_no_error (error);
    g_assert_cmpuint (events->len, ==, 2);
    first = g_ptr_array_index (events, 0);
    second = g_ptr_array_index (events, 1);
    g_assert_false (first->merged || first->update);
    g_assert_true (second->update);
    g_assert_false (second->merged);
    g_assert_cmpstr (second->structure, ==, PLIE);
    g_assert_cmpstr (second->file_name, ==, "plie.tissage");
  }

  copy = open_path (plie);
  {
    g_autofree char *q1 = mprintf ("SELECT text FROM answers WHERE uuid = %Q", answer);
    g_autofree char *q2 = mprintf ("SELECT title FROM indicators WHERE uuid = %Q", indicator);
    g_autofree char *q3 = mprintf ("SELECT text FROM grid_questions WHERE uuid = %Q", question);
    g_autofree char *kept = text (copy, q1);
    g_autofree char *title = text (copy, q2);
    g_autofree char *asked = text (copy, q3);

    /* The PLIE's work is there... */
    g_assert_cmpstr (kept, ==, "Travail non envoyé");
    g_assert_cmpint (query_count (copy, "SELECT count (*) FROM interviews WHERE pseudonym = 'Nouvelle'"), ==, 1);
    /* ...and the coordination's changes, still refused to the PLIE. */
    g_assert_cmpstr (title, ==, "Titre revu");
    g_assert_cmpstr (asked, ==, "Question revue");
    g_assert_cmpint (query_count (copy, "SELECT count (*) FROM periods WHERE label = '2031'"), ==, 1);
    g_assert_cmpint (query_count (copy, "SELECT count (*) FROM stakes WHERE title = 'Enjeu nouveau'"), ==, 1);
    g_assert_false (tissage_contribution_check_editable (copy, "periods", NULL));
  }
  /* The PLIE fills the new period. */
  {
    g_autofree char *edit = mprintf ("INSERT INTO measurements (uuid, modified, indicator_id, period_id, structure_id, value)"
                                     " SELECT 'c0ffee00-0000-4000-8000-0000000000d1', " NOW ", i.id, p.id, %" G_GINT64_FORMAT ", 42"
                                     " FROM indicators i, periods p WHERE i.uuid = %Q AND p.label = '2031';",
                                     structure_id (copy, PLIE), indicator);

    sql (copy, edit);
  }
  g_clear_object (&copy);

  {
    g_autoptr(TissageMerge) merge = prepare (project, plie, &error);
    g_autofree char *q = mprintf ("SELECT text FROM answers WHERE uuid = %Q", answer);
    g_autofree char *merged = NULL;

    g_assert_no_error (error);
    g_assert_nonnull (merge);
    g_assert_cmpuint (tissage_merge_get_conflicts (merge)->len, ==, 0);
    g_assert_cmpuint (section (merge, "interviews")->added, ==, 1);
    g_assert_cmpuint (section (merge, "answers")->changed, ==, 1);
    g_assert_cmpuint (section (merge, "measurements")->added, ==, 1);
    g_assert_cmpuint (tissage_merge_get_n_changes (merge), ==, 3);
    g_assert_true (tissage_merge_apply (merge, TISSAGE_MERGE_CHOICE_NONE, &error));
    g_assert_no_error (error);
    merged = text (project, q);
    g_assert_cmpstr (merged, ==, "Travail non envoyé");
    g_assert_cmpint (query_count (project, "SELECT count (*) FROM measurements m JOIN periods p ON p.id = m.period_id"
                                           " WHERE p.label = '2031' AND m.value = 42"), ==, 1);
  }
}


int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/contribution/privacy", test_privacy);
  ADD ("/contribution/combinations", test_combinations);
  ADD ("/contribution/cooperation", test_cooperation);
  ADD ("/contribution/undo", test_undo);
  ADD ("/contribution/rounds", test_rounds);
  ADD ("/contribution/tampered", test_tampered);
  ADD ("/contribution/killed", test_killed);
  ADD ("/contribution/full-copies", test_full_copies);
  ADD ("/contribution/command-line", test_command_line);
  ADD ("/contribution/command-line-copies", test_command_line_copies);
  ADD ("/contribution/kept-read-only", test_kept_read_only);
  ADD ("/contribution/update", test_update);
  ADD ("/contribution/update-deleted-guide", test_update_deleted_guide);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#include "config.h"

#include <locale.h>
#include <math.h>

#include "tissage-cooperation.h"
#include "tissage-referentiel.h"
#include "tissage-schema.h"
#include "tissage-test-utils.h"

/* Cooperation in time: dated links, strengths by period, joint actions,
 * and the network measures worked out by hand on a small collective. */

static TissageDocument *
new_document (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  TissageDocument *document = tissage_document_create (fixture->file, &error);

  g_assert_no_error (error);
  return document;
}

static void
exec (TissageDocument *document,
      const char      *sql)
{
  char *message = NULL;

  if (sqlite3_exec (tissage_document_get_db (document), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static TissageStakeholder *
add_stakeholder (TissageDocument *document,
                 const char      *name,
                 gboolean         member)
{
  g_autoptr(GError) error = NULL;
  TissageStakeholder *stakeholder = tissage_document_insert (document, TISSAGE_TYPE_STAKEHOLDER, &error,
                                                             "name", name, "is-member", member, NULL);

  g_assert_no_error (error);
  return stakeholder;
}

/* A file of version 7 holds links without dates: they open with none,
 * and the new tables are there, empty. */
static void
test_migration (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_file_get_path (fixture->file);
  g_autoptr(TissageDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  TissageLink *link;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (tissage_schema_create (db, 7, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (db,
    "INSERT INTO project (uuid, modified, name) VALUES ('p', '2026-01-01', 'Ancien');"
    "INSERT INTO stakeholders (uuid, modified, name) VALUES ('a', '2026-01-01', 'A'), ('b', '2026-01-01', 'B');"
    "INSERT INTO links (uuid, modified, source_id, target_id, strength) VALUES ('l', '2026-01-01', 1, 2, 3);",
    NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  document = tissage_document_open (fixture->file, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tissage_document_get_schema_version (document), ==, 8);
  link = g_list_model_get_item (tissage_document_get_links (document), 0);
  g_assert_cmpstr (tissage_link_get_start_date (link), ==, "");
  g_assert_cmpint (tissage_link_get_start_period_id (link), ==, 0);
  g_assert_cmpstr (tissage_link_get_end_date (link), ==, "");
  g_assert_cmpint (tissage_link_get_strength (link), ==, 3);
  g_object_unref (link);
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM actions"), ==, 0);
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM action_partners"), ==, 0);
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM link_strengths"), ==, 0);
}

/* When a link began and ended: refused when it is no date, when both a
 * date and a period are given, or when it ends before it begins; undone
 * like any edit. */
static void
test_link_dates (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(TissageDocument) document = new_document (fixture);
  g_autoptr(TissageStakeholder) a = add_stakeholder (document, "Mission locale", TRUE);
  g_autoptr(TissageStakeholder) b = add_stakeholder (document, "PLIE", TRUE);
  g_autoptr(TissagePeriod) period = NULL;
  g_autoptr(TissageLink) link = NULL;
  g_autoptr(GError) error = NULL;

  period = tissage_document_insert (document, TISSAGE_TYPE_PERIOD, &error, "label", "2026",
                                    "start-date", "2026-01-01", "end-date", "2026-12-31", NULL);
  g_assert_no_error (error);
  link = tissage_document_insert (document, TISSAGE_TYPE_LINK, &error,
                                  "source-id", tissage_record_id (a), "target-id", tissage_record_id (b), NULL);
  g_assert_no_error (error);

  g_assert_false (tissage_document_set (document, link, &error, "start-date", "12/03/2026", NULL));
  g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_false (tissage_document_set (document, link, &error, "start-date", "2026-02-30", NULL));
  g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  g_assert_true (tissage_document_set (document, link, &error, "start-date", "2026-03-12", NULL));
  g_assert_no_error (error);
  g_assert_false (tissage_document_set (document, link, &error, "start-period-id", tissage_record_id (period), NULL));
  g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_false (tissage_document_set (document, link, &error, "end-date", "2026-01-05", NULL));
  g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM links WHERE start_date = '2026-03-12' AND end_date = ''"), ==, 1);

  g_assert_true (tissage_document_set (document, link, &error, "end-date", "", "end-period-id", tissage_record_id (period), NULL));
  g_assert_no_error (error);
  g_assert_cmpint (tissage_link_get_end_period_id (link), ==, tissage_record_id (period));

  /* A strength in the period, over the link's own. */
  g_assert_cmpint (tissage_document_get_link_strength (document, link, tissage_record_id (period)), ==, 2);
  g_assert_true (tissage_document_set_link_strength (document, link, tissage_record_id (period), 3, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tissage_document_get_link_strength (document, link, tissage_record_id (period)), ==, 3);
  g_assert_cmpint (tissage_document_get_link_strength (document, link, 0), ==, 2);
  g_assert_false (tissage_document_set_link_strength (document, link, tissage_record_id (period), 4, &error));
  g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  g_assert_true (tissage_document_undo (document, &error));
  g_assert_cmpint (tissage_document_get_link_strength (document, link, tissage_record_id (period)), ==, 2);
  g_assert_true (tissage_document_undo (document, &error));
  g_assert_cmpint (tissage_link_get_end_period_id (link), ==, 0);
  g_assert_true (tissage_document_undo (document, &error));
  g_assert_cmpstr (tissage_link_get_start_date (link), ==, "");
  g_assert_no_error (error);
}

/* A joint action creates the links its partners lacked and strengthens
 * those they had, in its period; all of it is one undo step. */
static void
test_actions (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(TissageDocument) document = new_document (fixture);
  g_autoptr(TissageStakeholder) a = add_stakeholder (document, "Mission locale", TRUE);
  g_autoptr(TissageStakeholder) b = add_stakeholder (document, "PLIE", TRUE);
  g_autoptr(TissageStakeholder) c = add_stakeholder (document, "France Travail", FALSE);
  g_autoptr(TissagePeriod) period = NULL;
  g_autoptr(TissageLink) ab = NULL;
  g_autoptr(TissageAction) action = NULL;
  g_autoptr(GError) error = NULL;
  TissageActionLinks links = { 99, 99 };
  gint64 partners[] = { tissage_record_id (a), tissage_record_id (b), tissage_record_id (c) };
  gint64 alone[] = { tissage_record_id (a), tissage_record_id (a) };
  g_autoptr(GArray) ids = NULL;
  TissageLink *created;

  period = tissage_document_insert (document, TISSAGE_TYPE_PERIOD, &error, "label", "2026",
                                    "start-date", "2026-01-01", "end-date", "2026-12-31", NULL);
  ab = tissage_document_insert (document, TISSAGE_TYPE_LINK, &error,
                                "source-id", tissage_record_id (a), "target-id", tissage_record_id (b), NULL);
  g_assert_no_error (error);

  /* One partner is none. */
  g_assert_null (tissage_document_add_action (document, "Forum", TISSAGE_ACTION_MEETING, "", 0,
                                              alone, G_N_ELEMENTS (alone), &links, &error));
  g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_null (tissage_document_add_action (document, "Forum", TISSAGE_ACTION_MEETING, "12/03/2026", 0,
                                              partners, G_N_ELEMENTS (partners), &links, &error));
  g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM actions"), ==, 0);
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM links"), ==, 1);

  action = tissage_document_add_action (document, "Forum de l'emploi", TISSAGE_ACTION_MEETING, "2026-03-12", 0,
                                        partners, G_N_ELEMENTS (partners), &links, &error);
  g_assert_no_error (error);
  g_assert_nonnull (action);
  g_assert_cmpuint (links.created, ==, 2);        /* a–c, b–c */
  g_assert_cmpuint (links.strengthened, ==, 1);   /* a–b, in 2026 */
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM action_partners"), ==, 3);
  g_assert_cmpint (tissage_document_get_link_strength (document, ab, tissage_record_id (period)), ==, 3);
  g_assert_cmpint (tissage_link_get_strength (ab), ==, 2);
  created = tissage_document_find_link (document, tissage_record_id (b), tissage_record_id (c), "coopération", 0);
  g_assert_nonnull (created);
  g_assert_cmpstr (tissage_link_get_start_date (created), ==, "2026-03-12");
  g_assert_cmpint (tissage_link_get_strength (created), ==, 1);
  ids = tissage_document_dup_action_partners (document, action);
  g_assert_cmpuint (ids->len, ==, 3);

  /* Taking a partner away weaves nothing. */
  g_assert_true (tissage_document_set_action_partners (document, action, partners, 2, &links, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (links.created + links.strengthened, ==, 0);
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM action_partners"), ==, 2);
  g_assert_true (tissage_document_undo (document, &error));
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM action_partners"), ==, 3);

  /* One step undoes the action, its partners and the links it made. */
  g_assert_true (tissage_document_undo (document, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM actions"), ==, 0);
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM action_partners"), ==, 0);
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM links"), ==, 1);
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM link_strengths"), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (tissage_document_get_records (document, TISSAGE_TYPE_ACTION)), ==, 0);

  g_assert_true (tissage_document_redo (document, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM links"), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (tissage_document_get_records (document, TISSAGE_TYPE_ACTION)), ==, 1);

  /* Deleting a partner of the map takes it out of the action. */
  g_assert_true (tissage_document_delete (document, c, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM action_partners"), ==, 2);
}

/* The collective of the hand-worked measures: five member structures
 * A–E (E linked to nobody) and two partners X, Y, over four years, 2023
 * without any link.
 *
 *   L1 A–B from 12/03/2024          L5 B–X from 15/01/2025
 *   L2 B–C from the period 2025     L6 D–Y from 01/02/2026
 *   L3 C–D from 01/06/2025          L7 A–C from 01/03/2026
 *   L4 A–X in 2024, to 01/05/2025   L8 A–D from the period 2026
 *   L9 A–B "financement" from 10/01/2026 (the same pair as L1)
 *   L10 C–X in 2024 only, to 31/12/2024
 */
static void
fill_collective (TissageDocument *document)
{
  exec (document,
    "INSERT INTO periods (uuid, modified, label, start_date, end_date, position) VALUES"
    " ('p0', 'x', '2023', '2023-01-01', '2023-12-31', 0), ('p1', 'x', '2024', '2024-01-01', '2024-12-31', 1),"
    " ('p3', 'x', '2026', '2026-01-01', '2026-12-31', 3), ('p2', 'x', '2025', '2025-01-01', '2025-12-31', 2);"
    "INSERT INTO stakeholders (uuid, modified, name, is_member) VALUES"
    " ('A', 'x', 'A', 1), ('B', 'x', 'B', 1), ('C', 'x', 'C', 1), ('D', 'x', 'D', 1), ('E', 'x', 'E', 1),"
    " ('X', 'x', 'X', 0), ('Y', 'x', 'Y', 0);"
    "CREATE TEMP VIEW sid AS SELECT id, uuid FROM stakeholders;"
    "CREATE TEMP VIEW pid AS SELECT id, label FROM periods;"
    "INSERT INTO links (uuid, modified, source_id, target_id, kind, start_date, start_period_id, end_date) VALUES"
    " ('L1', 'x', (SELECT id FROM sid WHERE uuid = 'A'), (SELECT id FROM sid WHERE uuid = 'B'), 'coopération', '2024-03-12', NULL, ''),"
    " ('L2', 'x', (SELECT id FROM sid WHERE uuid = 'B'), (SELECT id FROM sid WHERE uuid = 'C'), 'coopération', '', (SELECT id FROM pid WHERE label = '2025'), ''),"
    " ('L3', 'x', (SELECT id FROM sid WHERE uuid = 'C'), (SELECT id FROM sid WHERE uuid = 'D'), 'coopération', '2025-06-01', NULL, ''),"
    " ('L4', 'x', (SELECT id FROM sid WHERE uuid = 'A'), (SELECT id FROM sid WHERE uuid = 'X'), 'coopération', '', (SELECT id FROM pid WHERE label = '2024'), '2025-05-01'),"
    " ('L5', 'x', (SELECT id FROM sid WHERE uuid = 'B'), (SELECT id FROM sid WHERE uuid = 'X'), 'coopération', '2025-01-15', NULL, ''),"
    " ('L6', 'x', (SELECT id FROM sid WHERE uuid = 'D'), (SELECT id FROM sid WHERE uuid = 'Y'), 'coopération', '2026-02-01', NULL, ''),"
    " ('L7', 'x', (SELECT id FROM sid WHERE uuid = 'A'), (SELECT id FROM sid WHERE uuid = 'C'), 'coopération', '2026-03-01', NULL, ''),"
    " ('L8', 'x', (SELECT id FROM sid WHERE uuid = 'A'), (SELECT id FROM sid WHERE uuid = 'D'), 'coopération', '', (SELECT id FROM pid WHERE label = '2026'), ''),"
    " ('L9', 'x', (SELECT id FROM sid WHERE uuid = 'B'), (SELECT id FROM sid WHERE uuid = 'A'), 'financement', '2026-01-10', NULL, ''),"
    " ('L10', 'x', (SELECT id FROM sid WHERE uuid = 'C'), (SELECT id FROM sid WHERE uuid = 'X'), 'coopération', '', (SELECT id FROM pid WHERE label = '2024'), '2024-12-31');"
    "INSERT INTO link_strengths (uuid, modified, link_id, period_id, strength) VALUES"
    " ('S1', 'x', (SELECT id FROM links WHERE uuid = 'L1'), (SELECT id FROM pid WHERE label = '2026'), 3);"
    /* Forum, 10/03/2025: A, B, C. Atelier, in 2026: A, D. Réponse à
     * l'appel, 05/05/2026: B, C, D, X. A note, undated: counted nowhere. */
    "INSERT INTO actions (uuid, modified, title, kind, date, period_id) VALUES"
    " ('a1', 'x', 'Forum', 3, '2025-03-10', NULL), ('a2', 'x', 'Atelier', 5, '', (SELECT id FROM pid WHERE label = '2026')),"
    " ('a3', 'x', 'Réponse', 2, '2026-05-05', NULL), ('a4', 'x', 'Sans date', 6, '', NULL);"
    "INSERT INTO action_partners (uuid, modified, action_id, stakeholder_id)"
    " SELECT a.uuid || s.uuid, 'x', a.id, s.id FROM actions a, stakeholders s WHERE"
    " (a.uuid = 'a1' AND s.uuid IN ('A', 'B', 'C')) OR (a.uuid = 'a2' AND s.uuid IN ('A', 'D'))"
    " OR (a.uuid = 'a3' AND s.uuid IN ('B', 'C', 'D', 'X')) OR (a.uuid = 'a4' AND s.uuid IN ('A', 'E'));");
}

static int
node (TissageCooperation *cooperation,
      TissageDocument    *document,
      const char         *uuid)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM stakeholders WHERE uuid = '%s'", uuid);
  int index = tissage_cooperation_find_node (cooperation, query_count (document, sql));

  g_assert_cmpint (index, >=, 0);
  return index;
}

static void
assert_nodes (TissageCooperation       *cooperation,
              TissageDocument          *document,
              TissageCooperationPeriod *period,
              const char               *names,
              const guint              *degree,
              const double             *betweenness)
{
  for (guint i = 0; names[i] != '\0'; i++)
    {
      char uuid[2] = { names[i], '\0' };
      int n = node (cooperation, document, uuid);

      g_test_message ("%s, %s", period->label, uuid);
      g_assert_cmpuint (period->degree[n], ==, degree[i]);
      g_assert_cmpfloat_with_epsilon (period->betweenness[n], betweenness[i], 1e-9);
    }
}

static void
test_measures (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(TissageDocument) document = new_document (fixture);
  g_autoptr(TissageCooperation) cooperation = NULL;
  g_autoptr(GError) error = NULL;
  TissageCooperationPeriod *p;

  fill_collective (document);
  cooperation = tissage_cooperation_compute (tissage_document_get_db (document), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cooperation->n_periods, ==, 4);
  g_assert_cmpuint (cooperation->n_nodes, ==, 7);
  g_assert_cmpuint (cooperation->n_links, ==, 10);
  g_assert_cmpint (tissage_cooperation_find_period (cooperation, "2025"), ==, 2);
  g_assert_cmpint (tissage_cooperation_find_period (cooperation, "1999"), ==, -1);

  /* 2023: no link at all, five members. */
  p = &cooperation->periods[0];
  g_assert_cmpstr (p->label, ==, "2023");
  g_assert_cmpuint (p->links, ==, 0);
  g_assert_cmpuint (p->new_links, ==, 0);
  g_assert_cmpfloat (p->density, ==, 0);
  g_assert_cmpfloat (p->mean_degree, ==, 0);
  g_assert_cmpfloat (p->share_three, ==, 0);
  g_assert_cmpuint (p->actions, ==, 0);
  g_assert_true (isnan (p->share_actions_three));
  assert_nodes (cooperation, document, p, "ABCDEXY",
                (guint[]) { 0, 0, 0, 0, 0, 0, 0 }, (double[]) { 0, 0, 0, 0, 0, 0, 0 });

  /* 2024: A–B, A–X, C–X (ends in it). One member link of ten possible:
   * density 0.1; member degrees 1, 1, 0, 0, 0: mean 0.4. From A to C the
   * way goes through X, from B to C through A and X. */
  p = &cooperation->periods[1];
  g_assert_cmpuint (p->links, ==, 3);
  g_assert_cmpuint (p->member_links, ==, 1);
  g_assert_cmpuint (p->partner_links, ==, 2);
  g_assert_cmpuint (p->new_links, ==, 3);
  g_assert_cmpuint (p->ended_links, ==, 1);
  g_assert_cmpfloat_with_epsilon (p->density, 0.1, 1e-9);
  g_assert_cmpfloat_with_epsilon (p->mean_degree, 0.4, 1e-9);
  g_assert_cmpfloat (p->share_three, ==, 0);
  assert_nodes (cooperation, document, p, "ABCDEX",
                (guint[]) { 2, 1, 1, 0, 0, 2 }, (double[]) { 1, 0, 0, 0, 0, 2 });

  /* 2025: A–B, B–C, C–D, A–X (ends in it), B–X; C–X is gone. Members:
   * 3 links, density 0.3, degrees 1, 2, 2, 1, 0: mean 1.2. B lies on the
   * way from A to C and to D, C on the way from A and from B to D; X on
   * none between two members. One action, of three partners. */
  p = &cooperation->periods[2];
  g_assert_cmpuint (p->links, ==, 5);
  g_assert_cmpuint (p->member_links, ==, 3);
  g_assert_cmpuint (p->partner_links, ==, 2);
  g_assert_cmpuint (p->new_links, ==, 3);
  g_assert_cmpuint (p->ended_links, ==, 1);
  g_assert_cmpfloat_with_epsilon (p->density, 0.3, 1e-9);
  g_assert_cmpfloat_with_epsilon (p->mean_degree, 1.2, 1e-9);
  g_assert_cmpfloat (p->share_three, ==, 0);
  g_assert_cmpuint (p->actions, ==, 1);
  g_assert_cmpfloat (p->share_actions_three, ==, 1);
  assert_nodes (cooperation, document, p, "ABCDEX",
                (guint[]) { 2, 3, 2, 1, 0, 2 }, (double[]) { 0, 2, 2, 0, 0, 0 });

  /* 2026: A–X is gone; A–B (twice), B–C, C–D, A–C, A–D among members:
   * 5 pairs, density 0.5, degrees 3, 2, 3, 2, 0: mean 2, two members of
   * five linked to three: 0.4. Only B and D are not linked, by two ways,
   * through A and through C: half each. X and Y lead to no member. Two
   * actions, one of three partners or more. */
  p = &cooperation->periods[3];
  g_assert_cmpuint (p->links, ==, 7);
  g_assert_cmpuint (p->member_links, ==, 5);
  g_assert_cmpuint (p->partner_links, ==, 2);
  /* D–Y, A–C, A–D: the financing B–A joins a pair linked since 2024. */
  g_assert_cmpuint (p->new_links, ==, 3);
  g_assert_cmpuint (p->ended_links, ==, 0);
  g_assert_cmpfloat_with_epsilon (p->density, 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (p->mean_degree, 2.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (p->share_three, 0.4, 1e-9);
  g_assert_cmpuint (p->actions, ==, 2);
  g_assert_cmpfloat_with_epsilon (p->share_actions_three, 0.5, 1e-9);
  assert_nodes (cooperation, document, p, "ABCDEXY",
                (guint[]) { 3, 3, 3, 3, 0, 1, 1 }, (double[]) { 0.5, 0, 0.5, 0, 0, 0, 0 });

  /* Which links are in which period, and their strength there. */
  g_assert_cmpint (p->active[0], ==, 1);
  g_assert_cmpint (p->strength[0], ==, 3);
  g_assert_cmpint (cooperation->periods[2].strength[0], ==, 2);
  g_assert_cmpint (p->active[3], ==, 0);
  g_assert_cmpint (cooperation->periods[2].active[3], ==, 2);
  g_assert_cmpstr (cooperation->links[1].start, ==, "2025");
  g_assert_cmpstr (cooperation->links[3].end, ==, "2025-05-01");
}

/* Without any period or any member there is nothing to divide by. */
static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(TissageDocument) document = new_document (fixture);
  g_autoptr(TissageCooperation) cooperation = NULL;
  g_autoptr(GError) error = NULL;

  cooperation = tissage_cooperation_compute (tissage_document_get_db (document), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cooperation->n_periods, ==, 0);
  g_clear_pointer (&cooperation, tissage_cooperation_free);

  exec (document,
    "INSERT INTO periods (uuid, modified, label) VALUES ('p', 'x', 'Année');"
    "INSERT INTO stakeholders (uuid, modified, name) VALUES ('x', 'x', 'X'), ('y', 'x', 'Y');"
    "INSERT INTO links (uuid, modified, source_id, target_id) VALUES ('l', 'x', 1, 2);");
  cooperation = tissage_cooperation_compute (tissage_document_get_db (document), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cooperation->periods[0].links, ==, 1);
  g_assert_cmpuint (cooperation->periods[0].member_links + cooperation->periods[0].partner_links, ==, 0);
  g_assert_true (isnan (cooperation->periods[0].density));
  g_assert_true (isnan (cooperation->periods[0].mean_degree));
  g_assert_true (isnan (cooperation->periods[0].share_three));
  g_assert_cmpuint (cooperation->periods[0].degree[0], ==, 1);
}

/* The example project shows a network that densifies over its three
 * periods, and a dozen joint actions spread over them. */
static void
test_example (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = tissage_document_create_example (fixture->file, &error);
  g_autoptr(TissageCooperation) cooperation = NULL;
  guint actions = 0;

  g_assert_no_error (error);
  cooperation = tissage_cooperation_compute (tissage_document_get_db (document), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cooperation->n_periods, ==, 3);
  for (guint p = 0; p < cooperation->n_periods; p++)
    {
      TissageCooperationPeriod *period = &cooperation->periods[p];

      g_test_message ("%s: %u links, %u among members, density %.2f, mean degree %.2f, %u new, %u actions",
                      period->label, period->links, period->member_links, period->density,
                      period->mean_degree, period->new_links, period->actions);
      g_assert_cmpuint (period->actions, >=, 3);
      g_assert_cmpuint (period->new_links, >, 0);
      /* Two links of one pair are one link of the network, and new once. */
      g_assert_cmpuint (period->new_links, <=, period->links);
      actions += period->actions;
      if (p > 0)
        {
          g_assert_cmpuint (period->member_links, >, cooperation->periods[p - 1].member_links);
          g_assert_cmpfloat (period->density, >, cooperation->periods[p - 1].density);
        }
    }
  g_assert_cmpuint (actions, ==, 12);
  g_assert_cmpuint (cooperation->periods[1].ended_links, ==, 1);
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM actions a WHERE"
                                         " (SELECT count (*) FROM action_partners p WHERE p.action_id = a.id) < 2"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/cooperation/migration", test_migration);
  ADD ("/cooperation/link-dates", test_link_dates);
  ADD ("/cooperation/actions", test_actions);
  ADD ("/cooperation/measures", test_measures);
  ADD ("/cooperation/empty", test_empty);
  ADD ("/cooperation/example", test_example);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-core"

#include "config.h"

#include <glib/gi18n.h>

#include "tissage-document.h"
#include "tissage-schema.h"

/*
 * Schema version 1: the whole data model, so that later parts of the
 * application add features without breaking files. Every table has an
 * integer key for joins, a UUID and a modification time so that projects
 * filled in by different member structures can be merged.
 *
 * ON DELETE rules: what belongs to a row goes with it (CASCADE); what only
 * refers to it forgets it (SET NULL); what would lose user data refuses
 * (RESTRICT: a grid with interviews, a question with answers).
 */
#define ROW \
  "id INTEGER PRIMARY KEY, " \
  "uuid TEXT NOT NULL UNIQUE, " \
  "modified TEXT NOT NULL, "

static const char schema_v1[] =
  "CREATE TABLE project (" ROW
  "  name TEXT NOT NULL DEFAULT '',"
  "  collective TEXT NOT NULL DEFAULT '',"
  "  territory TEXT NOT NULL DEFAULT '',"
  "  description TEXT NOT NULL DEFAULT '',"
  "  created TEXT NOT NULL DEFAULT ''"
  ") STRICT;"

  "CREATE TABLE structures (" ROW
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),"
  "  kind TEXT NOT NULL DEFAULT '',"
  "  territory TEXT NOT NULL DEFAULT '',"
  "  notes TEXT NOT NULL DEFAULT '',"
  "  position INTEGER NOT NULL DEFAULT 0"
  ") STRICT;"

  "CREATE TABLE categories (" ROW
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),"
  "  color TEXT NOT NULL DEFAULT '#77767b' CHECK (color GLOB '#[0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F]'),"
  "  builtin TEXT NOT NULL DEFAULT '',"
  "  position INTEGER NOT NULL DEFAULT 0"
  ") STRICT;"

  "CREATE TABLE stakeholders (" ROW
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),"
  "  category_id INTEGER REFERENCES categories (id) ON DELETE SET NULL,"
  "  structure_id INTEGER REFERENCES structures (id) ON DELETE SET NULL,"
  "  is_member INTEGER NOT NULL DEFAULT 0 CHECK (is_member IN (0, 1)),"
  "  description TEXT NOT NULL DEFAULT '',"
  "  influence INTEGER NOT NULL DEFAULT 50 CHECK (influence BETWEEN 0 AND 100),"
  "  interest INTEGER NOT NULL DEFAULT 50 CHECK (interest BETWEEN 0 AND 100),"
  "  proximity INTEGER NOT NULL DEFAULT 2 CHECK (proximity BETWEEN 0 AND 3),"
  "  contact TEXT NOT NULL DEFAULT '',"
  "  x REAL,"
  "  y REAL"
  ") STRICT;"
  "CREATE INDEX stakeholders_category ON stakeholders (category_id);"
  "CREATE INDEX stakeholders_structure ON stakeholders (structure_id);"

  "CREATE TABLE links (" ROW
  "  source_id INTEGER NOT NULL REFERENCES stakeholders (id) ON DELETE CASCADE,"
  "  target_id INTEGER NOT NULL REFERENCES stakeholders (id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL DEFAULT 'coopération',"
  "  strength INTEGER NOT NULL DEFAULT 2 CHECK (strength BETWEEN 1 AND 3),"
  "  note TEXT NOT NULL DEFAULT '',"
  "  CHECK (source_id <> target_id)"
  ") STRICT;"
  "CREATE INDEX links_source ON links (source_id);"
  "CREATE INDEX links_target ON links (target_id);"

  "CREATE TABLE stakes (" ROW
  "  title TEXT NOT NULL CHECK (length(trim(title)) > 0),"
  "  description TEXT NOT NULL DEFAULT '',"
  "  position INTEGER NOT NULL DEFAULT 0"
  ") STRICT;"

  "CREATE TABLE eval_questions (" ROW
  "  stake_id INTEGER NOT NULL REFERENCES stakes (id) ON DELETE CASCADE,"
  "  title TEXT NOT NULL CHECK (length(trim(title)) > 0),"
  "  description TEXT NOT NULL DEFAULT '',"
  "  position INTEGER NOT NULL DEFAULT 0"
  ") STRICT;"
  "CREATE INDEX eval_questions_stake ON eval_questions (stake_id);"

  "CREATE TABLE effects (" ROW
  "  question_id INTEGER NOT NULL REFERENCES eval_questions (id) ON DELETE CASCADE,"
  "  title TEXT NOT NULL CHECK (length(trim(title)) > 0),"
  "  description TEXT NOT NULL DEFAULT '',"
  "  horizon INTEGER NOT NULL DEFAULT 0 CHECK (horizon BETWEEN 0 AND 2),"
  "  positive INTEGER NOT NULL DEFAULT 1 CHECK (positive IN (0, 1)),"
  "  position INTEGER NOT NULL DEFAULT 0"
  ") STRICT;"
  "CREATE INDEX effects_question ON effects (question_id);"

  "CREATE TABLE effect_stakeholders (" ROW
  "  effect_id INTEGER NOT NULL REFERENCES effects (id) ON DELETE CASCADE,"
  "  stakeholder_id INTEGER REFERENCES stakeholders (id) ON DELETE CASCADE,"
  "  category_id INTEGER REFERENCES categories (id) ON DELETE CASCADE,"
  "  CHECK ((stakeholder_id IS NULL) <> (category_id IS NULL))"
  ") STRICT;"
  "CREATE INDEX effect_stakeholders_effect ON effect_stakeholders (effect_id);"
  "CREATE INDEX effect_stakeholders_stakeholder ON effect_stakeholders (stakeholder_id);"
  "CREATE INDEX effect_stakeholders_category ON effect_stakeholders (category_id);"

  "CREATE TABLE indicators (" ROW
  "  effect_id INTEGER NOT NULL REFERENCES effects (id) ON DELETE CASCADE,"
  "  title TEXT NOT NULL CHECK (length(trim(title)) > 0),"
  "  definition TEXT NOT NULL DEFAULT '',"
  "  type INTEGER NOT NULL DEFAULT 1 CHECK (type BETWEEN 0 AND 2),"
  "  nature INTEGER NOT NULL DEFAULT 0 CHECK (nature IN (0, 1)),"
  "  unit TEXT NOT NULL DEFAULT '',"
  "  calculation TEXT NOT NULL DEFAULT '',"
  "  source TEXT NOT NULL DEFAULT '',"
  "  collection INTEGER NOT NULL DEFAULT 2 CHECK (collection BETWEEN 0 AND 4),"
  "  frequency TEXT NOT NULL DEFAULT '',"
  "  baseline REAL,"
  "  baseline_text TEXT NOT NULL DEFAULT '',"
  "  baseline_date TEXT NOT NULL DEFAULT '',"
  "  target REAL,"
  "  target_text TEXT NOT NULL DEFAULT '',"
  "  target_date TEXT NOT NULL DEFAULT '',"
  "  scope_structure_id INTEGER REFERENCES structures (id) ON DELETE SET NULL,"
  "  scope_territory TEXT NOT NULL DEFAULT '',"
  "  responsible TEXT NOT NULL DEFAULT '',"
  "  consolidation INTEGER NOT NULL DEFAULT 0 CHECK (consolidation BETWEEN 0 AND 2),"
  "  bank_ref TEXT NOT NULL DEFAULT '',"
  "  position INTEGER NOT NULL DEFAULT 0"
  ") STRICT;"
  "CREATE INDEX indicators_effect ON indicators (effect_id);"

  "CREATE TABLE bank_indicators (" ROW
  "  theme TEXT NOT NULL DEFAULT '',"
  "  title TEXT NOT NULL CHECK (length(trim(title)) > 0),"
  "  definition TEXT NOT NULL DEFAULT '',"
  "  type INTEGER NOT NULL DEFAULT 1 CHECK (type BETWEEN 0 AND 2),"
  "  nature INTEGER NOT NULL DEFAULT 0 CHECK (nature IN (0, 1)),"
  "  unit TEXT NOT NULL DEFAULT '',"
  "  calculation TEXT NOT NULL DEFAULT '',"
  "  source TEXT NOT NULL DEFAULT '',"
  "  collection INTEGER NOT NULL DEFAULT 2 CHECK (collection BETWEEN 0 AND 4),"
  "  frequency TEXT NOT NULL DEFAULT ''"
  ") STRICT;"

  "CREATE TABLE toc_items (" ROW
  "  stage INTEGER NOT NULL CHECK (stage BETWEEN 0 AND 4),"
  "  title TEXT NOT NULL CHECK (length(trim(title)) > 0),"
  "  description TEXT NOT NULL DEFAULT '',"
  "  effect_id INTEGER REFERENCES effects (id) ON DELETE SET NULL,"
  "  indicator_id INTEGER REFERENCES indicators (id) ON DELETE SET NULL,"
  "  position INTEGER NOT NULL DEFAULT 0"
  ") STRICT;"

  "CREATE TABLE toc_links (" ROW
  "  from_id INTEGER NOT NULL REFERENCES toc_items (id) ON DELETE CASCADE,"
  "  to_id INTEGER NOT NULL REFERENCES toc_items (id) ON DELETE CASCADE,"
  "  UNIQUE (from_id, to_id),"
  "  CHECK (from_id <> to_id)"
  ") STRICT;"

  "CREATE TABLE periods (" ROW
  "  label TEXT NOT NULL CHECK (length(trim(label)) > 0),"
  "  kind INTEGER NOT NULL DEFAULT 0 CHECK (kind BETWEEN 0 AND 3),"
  "  start_date TEXT NOT NULL DEFAULT '',"
  "  end_date TEXT NOT NULL DEFAULT '',"
  "  position INTEGER NOT NULL DEFAULT 0"
  ") STRICT;"

  "CREATE TABLE measurements (" ROW
  "  indicator_id INTEGER NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,"
  "  period_id INTEGER NOT NULL REFERENCES periods (id) ON DELETE CASCADE,"
  "  structure_id INTEGER REFERENCES structures (id) ON DELETE CASCADE,"
  "  value REAL,"
  "  text_value TEXT NOT NULL DEFAULT '',"
  "  comment TEXT NOT NULL DEFAULT '',"
  "  source TEXT NOT NULL DEFAULT ''"
  ") STRICT;"
  "CREATE UNIQUE INDEX measurements_cell ON measurements (indicator_id, period_id, ifnull (structure_id, 0));"

  "CREATE TABLE grids (" ROW
  "  title TEXT NOT NULL CHECK (length(trim(title)) > 0),"
  "  purpose TEXT NOT NULL DEFAULT '',"
  "  position INTEGER NOT NULL DEFAULT 0"
  ") STRICT;"

  "CREATE TABLE grid_categories (" ROW
  "  grid_id INTEGER NOT NULL REFERENCES grids (id) ON DELETE CASCADE,"
  "  category_id INTEGER NOT NULL REFERENCES categories (id) ON DELETE CASCADE,"
  "  UNIQUE (grid_id, category_id)"
  ") STRICT;"

  "CREATE TABLE grid_sections (" ROW
  "  grid_id INTEGER NOT NULL REFERENCES grids (id) ON DELETE CASCADE,"
  "  title TEXT NOT NULL DEFAULT '',"
  "  position INTEGER NOT NULL DEFAULT 0"
  ") STRICT;"

  "CREATE TABLE grid_questions (" ROW
  "  grid_id INTEGER NOT NULL REFERENCES grids (id) ON DELETE CASCADE,"
  "  section_id INTEGER REFERENCES grid_sections (id) ON DELETE SET NULL,"
  "  kind INTEGER NOT NULL DEFAULT 0 CHECK (kind BETWEEN 0 AND 5),"
  "  text TEXT NOT NULL CHECK (length(trim(text)) > 0),"
  "  guidance TEXT NOT NULL DEFAULT '',"
  "  scale_min_label TEXT NOT NULL DEFAULT '',"
  "  scale_max_label TEXT NOT NULL DEFAULT '',"
  "  choices TEXT NOT NULL DEFAULT '',"
  "  retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),"
  "  position INTEGER NOT NULL DEFAULT 0"
  ") STRICT;"
  "CREATE INDEX grid_questions_grid ON grid_questions (grid_id);"

  "CREATE TABLE question_effects (" ROW
  "  question_id INTEGER NOT NULL REFERENCES grid_questions (id) ON DELETE CASCADE,"
  "  effect_id INTEGER NOT NULL REFERENCES effects (id) ON DELETE CASCADE,"
  "  UNIQUE (question_id, effect_id)"
  ") STRICT;"

  "CREATE TABLE question_indicators (" ROW
  "  question_id INTEGER NOT NULL REFERENCES grid_questions (id) ON DELETE CASCADE,"
  "  indicator_id INTEGER NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,"
  "  UNIQUE (question_id, indicator_id)"
  ") STRICT;"

  "CREATE TABLE interviews (" ROW
  "  grid_id INTEGER NOT NULL REFERENCES grids (id) ON DELETE RESTRICT,"
  "  stakeholder_id INTEGER REFERENCES stakeholders (id) ON DELETE SET NULL,"
  "  pseudonym TEXT NOT NULL DEFAULT '',"
  "  category_id INTEGER REFERENCES categories (id) ON DELETE SET NULL,"
  "  person_structure_id INTEGER REFERENCES structures (id) ON DELETE SET NULL,"
  "  structure_id INTEGER REFERENCES structures (id) ON DELETE SET NULL,"
  "  interviewer TEXT NOT NULL DEFAULT '',"
  "  date TEXT NOT NULL DEFAULT '',"
  "  place TEXT NOT NULL DEFAULT '',"
  "  mode INTEGER NOT NULL DEFAULT 0 CHECK (mode BETWEEN 0 AND 3),"
  "  consent INTEGER NOT NULL DEFAULT 0 CHECK (consent IN (0, 1)),"
  "  status INTEGER NOT NULL DEFAULT 0 CHECK (status BETWEEN 0 AND 2),"
  "  notes TEXT NOT NULL DEFAULT ''"
  ") STRICT;"
  "CREATE INDEX interviews_grid ON interviews (grid_id);"
  "CREATE INDEX interviews_stakeholder ON interviews (stakeholder_id);"

  "CREATE TABLE answers (" ROW
  "  interview_id INTEGER NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,"
  "  question_id INTEGER NOT NULL REFERENCES grid_questions (id) ON DELETE RESTRICT,"
  "  text TEXT NOT NULL DEFAULT '',"
  "  number REAL,"
  "  UNIQUE (interview_id, question_id)"
  ") STRICT;"
  "CREATE INDEX answers_question ON answers (question_id);"

  "CREATE TABLE verbatims (" ROW
  "  answer_id INTEGER NOT NULL REFERENCES answers (id) ON DELETE CASCADE,"
  "  start INTEGER NOT NULL DEFAULT 0 CHECK (start >= 0),"
  "  end INTEGER NOT NULL DEFAULT 0 CHECK (end >= start),"
  "  quote TEXT NOT NULL DEFAULT '',"
  "  tone INTEGER NOT NULL DEFAULT 2 CHECK (tone BETWEEN 0 AND 2),"
  "  lost INTEGER NOT NULL DEFAULT 0 CHECK (lost IN (0, 1))"
  ") STRICT;"
  "CREATE INDEX verbatims_answer ON verbatims (answer_id);"

  "CREATE TABLE verbatim_tags (" ROW
  "  verbatim_id INTEGER NOT NULL REFERENCES verbatims (id) ON DELETE CASCADE,"
  "  effect_id INTEGER NOT NULL REFERENCES effects (id) ON DELETE CASCADE,"
  "  UNIQUE (verbatim_id, effect_id)"
  ") STRICT;"
  "CREATE INDEX verbatim_tags_effect ON verbatim_tags (effect_id);";

/* Version 2: the full-text index of the interviews, one entry each (the
 * rowid is the interview's) holding the text of its answers. Accents are
 * ignored and words match from their start. */
static const char schema_v2[] =
  "CREATE VIRTUAL TABLE interviews_fts USING fts5 (text, tokenize = 'unicode61 remove_diacritics 2');"
  TISSAGE_SCHEMA_FILL_SEARCH_SQL;

/* Version 3: which way an indicator improves, 0 up, 1 down (fewer
 * dropouts, shorter delays). An indicator whose target lay below its
 * baseline was already read as going down. */
static const char schema_direction[] =
  "ALTER TABLE indicators ADD COLUMN direction INTEGER NOT NULL DEFAULT 0 CHECK (direction IN (0, 1));"
  "UPDATE indicators SET direction = 1 WHERE target < baseline;"
  "ALTER TABLE bank_indicators ADD COLUMN direction INTEGER NOT NULL DEFAULT 0 CHECK (direction IN (0, 1));";
/* Version 4: consent has three states, 0 not recorded, 1 given, 2 refused.
 * Version 1 only knew 1 (given) and 0, which every interview got unless
 * someone ticked the switch, imported ones included: 0 says nobody
 * recorded a consent, not that it was refused, so it stays 0 and now
 * reads "not recorded". SQLite cannot change a CHECK constraint: the table
 * is rebuilt as its documentation says (sqlite.org/lang_altertable.html,
 * "other kinds of table schema changes"), ids and all, which keeps the
 * answers pointing at their interviews and the search index at its rows;
 * the runner turns the foreign keys off around it and checks them before
 * committing. The step holds its whole table, so that it can be renumbered
 * beside another one. */
static const char schema_consent[] =
  "CREATE TABLE interviews_v3 (" ROW
  "  grid_id INTEGER NOT NULL REFERENCES grids (id) ON DELETE RESTRICT,"
  "  stakeholder_id INTEGER REFERENCES stakeholders (id) ON DELETE SET NULL,"
  "  pseudonym TEXT NOT NULL DEFAULT '',"
  "  category_id INTEGER REFERENCES categories (id) ON DELETE SET NULL,"
  "  person_structure_id INTEGER REFERENCES structures (id) ON DELETE SET NULL,"
  "  structure_id INTEGER REFERENCES structures (id) ON DELETE SET NULL,"
  "  interviewer TEXT NOT NULL DEFAULT '',"
  "  date TEXT NOT NULL DEFAULT '',"
  "  place TEXT NOT NULL DEFAULT '',"
  "  mode INTEGER NOT NULL DEFAULT 0 CHECK (mode BETWEEN 0 AND 3),"
  "  consent INTEGER NOT NULL DEFAULT 0 CHECK (consent BETWEEN 0 AND 2),"
  "  status INTEGER NOT NULL DEFAULT 0 CHECK (status BETWEEN 0 AND 2),"
  "  notes TEXT NOT NULL DEFAULT ''"
  ") STRICT;"
  "INSERT INTO interviews_v3 (id, uuid, modified, grid_id, stakeholder_id, pseudonym, category_id,"
  " person_structure_id, structure_id, interviewer, date, place, mode, consent, status, notes)"
  " SELECT id, uuid, modified, grid_id, stakeholder_id, pseudonym, category_id,"
  " person_structure_id, structure_id, interviewer, date, place, mode, consent, status, notes"
  " FROM interviews;"
  "DROP TABLE interviews;"
  "ALTER TABLE interviews_v3 RENAME TO interviews;"
  "CREATE INDEX interviews_grid ON interviews (grid_id);"
  "CREATE INDEX interviews_stakeholder ON interviews (stakeholder_id);";

/* Version 5: a target for one period of an indicator (a half-year's is not
 * the year's), over the indicator's own target, which stays the default. */
static const char schema_period_targets[] =
  "CREATE TABLE period_targets (" ROW
  "  indicator_id INTEGER NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,"
  "  period_id INTEGER NOT NULL REFERENCES periods (id) ON DELETE CASCADE,"
  "  target REAL NOT NULL,"
  "  UNIQUE (indicator_id, period_id)"
  ") STRICT;"
  "CREATE INDEX period_targets_period ON period_targets (period_id);";

/* Version 6: contributions of member structures (see ARCHITECTURE.md,
 * "Contributions et fusion"). Deleting a row that a contribution can bring
 * back records its UUID, so that deletions travel; a contribution says
 * whose it is and keeps the rows as they were when it was made; a project
 * keeps, for each contribution merged, the rows as that contribution last
 * brought them, and the list of merges. The record of deletions keeps
 * itself: a row put back (undo, a merge) takes its deletion away, so the
 * undo log leaves that table alone. */
#define TOMBSTONE(t) \
  "CREATE TRIGGER deletions_" t " AFTER DELETE ON " t " BEGIN" \
  " INSERT OR IGNORE INTO deletions (uuid, modified, tbl)" \
  " VALUES (old.uuid, strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'), '" t "'); END;" \
  "CREATE TRIGGER undeletions_" t " AFTER INSERT ON " t " BEGIN" \
  " DELETE FROM deletions WHERE uuid = new.uuid; END;"

static const char schema_contributions[] =
  "CREATE TABLE deletions (" ROW
  "  tbl TEXT NOT NULL"
  ") STRICT;"
  "CREATE TABLE contribution (" ROW
  "  project_uuid TEXT NOT NULL,"
  "  structure_uuid TEXT NOT NULL,"
  "  structure_name TEXT NOT NULL DEFAULT '',"
  "  project_name TEXT NOT NULL DEFAULT '',"
  "  created TEXT NOT NULL DEFAULT ''"
  ") STRICT;"
  "CREATE TABLE contribution_base (" ROW
  "  tbl TEXT NOT NULL,"
  "  data TEXT NOT NULL"
  ") STRICT;"
  "CREATE TABLE merge_bases (" ROW
  "  contribution_uuid TEXT NOT NULL,"
  "  row_uuid TEXT NOT NULL,"
  "  row_modified TEXT NOT NULL DEFAULT '',"
  "  data TEXT NOT NULL,"
  "  UNIQUE (contribution_uuid, row_uuid)"
  ") STRICT;"
  "CREATE TABLE merges (" ROW
  "  contribution_uuid TEXT NOT NULL,"
  "  structure_uuid TEXT NOT NULL,"
  "  contribution_created TEXT NOT NULL DEFAULT '',"
  "  added INTEGER NOT NULL DEFAULT 0,"
  "  changed INTEGER NOT NULL DEFAULT 0,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  conflicts INTEGER NOT NULL DEFAULT 0"
  ") STRICT;"
  TOMBSTONE ("stakeholders")
  TOMBSTONE ("links")
  TOMBSTONE ("interviews")
  TOMBSTONE ("answers")
  TOMBSTONE ("verbatims")
  TOMBSTONE ("verbatim_tags")
  TOMBSTONE ("measurements");

/* Version 7: the follow-up of contributions. A project records each copy
 * it sent (to whom, when, under which file name, a first copy or an
 * update of the coordination's parts), and each merge what it
 * brought section by section and how its conflicts were settled. A copy
 * sent is a fact, not an edit: undo leaves that table alone. */
static const char schema_contribution_follow_up[] =
  "CREATE TABLE contribution_exports (" ROW
  "  contribution_uuid TEXT NOT NULL,"
  "  structure_uuid TEXT NOT NULL,"
  "  structure_name TEXT NOT NULL DEFAULT '',"
  "  file_name TEXT NOT NULL DEFAULT '',"
  "  created TEXT NOT NULL DEFAULT '',"
  "  is_update INTEGER NOT NULL DEFAULT 0 CHECK (is_update IN (0, 1))"
  ") STRICT;"
  "CREATE TABLE merge_sections (" ROW
  "  merge_uuid TEXT NOT NULL,"
  "  tbl TEXT NOT NULL,"
  "  added INTEGER NOT NULL DEFAULT 0,"
  "  changed INTEGER NOT NULL DEFAULT 0,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (merge_uuid, tbl)"
  ") STRICT;"
  "ALTER TABLE merges ADD COLUMN kept_contribution INTEGER NOT NULL DEFAULT 0;";

/* Version 8: cooperation in time (see tissage-cooperation.c). A link
 * began and may have ended, each on a date or in a period (one or the
 * other, never both: the document refuses both); its strength may differ
 * from one period to the next, over its own strength, which stays the
 * default. A joint action (« action commune ») of two partners or more,
 * on a date or in a period. Links, their strengths and joint actions are
 * the map's, which a member structure's contribution brings back: their
 * deletions are recorded like the links'. */
static const char schema_cooperation[] =
  "ALTER TABLE links ADD COLUMN start_date TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE links ADD COLUMN start_period_id INTEGER REFERENCES periods (id) ON DELETE SET NULL;"
  "ALTER TABLE links ADD COLUMN end_date TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE links ADD COLUMN end_period_id INTEGER REFERENCES periods (id) ON DELETE SET NULL;"
  "CREATE TABLE link_strengths (" ROW
  "  link_id INTEGER NOT NULL REFERENCES links (id) ON DELETE CASCADE,"
  "  period_id INTEGER NOT NULL REFERENCES periods (id) ON DELETE CASCADE,"
  "  strength INTEGER NOT NULL DEFAULT 2 CHECK (strength BETWEEN 1 AND 3),"
  "  UNIQUE (link_id, period_id)"
  ") STRICT;"
  "CREATE INDEX link_strengths_period ON link_strengths (period_id);"
  "CREATE TABLE actions (" ROW
  "  title TEXT NOT NULL CHECK (length(trim(title)) > 0),"
  "  kind INTEGER NOT NULL DEFAULT 0 CHECK (kind BETWEEN 0 AND 6),"
  "  date TEXT NOT NULL DEFAULT '',"
  "  period_id INTEGER REFERENCES periods (id) ON DELETE SET NULL,"
  "  note TEXT NOT NULL DEFAULT ''"
  ") STRICT;"
  "CREATE TABLE action_partners (" ROW
  "  action_id INTEGER NOT NULL REFERENCES actions (id) ON DELETE CASCADE,"
  "  stakeholder_id INTEGER NOT NULL REFERENCES stakeholders (id) ON DELETE CASCADE,"
  "  UNIQUE (action_id, stakeholder_id)"
  ") STRICT;"
  "CREATE INDEX action_partners_stakeholder ON action_partners (stakeholder_id);"
  "CREATE INDEX links_start_period ON links (start_period_id);"
  "CREATE INDEX links_end_period ON links (end_period_id);"
  "CREATE INDEX actions_period ON actions (period_id);"
  TOMBSTONE ("link_strengths")
  TOMBSTONE ("actions")
  TOMBSTONE ("action_partners");

static const TissageMigration migrations[] = {
  { schema_v1, NULL },
  { schema_v2, NULL },
  { schema_direction, NULL },
  { schema_consent, NULL },
  { schema_period_targets, NULL },
  { schema_contributions, NULL },
  { schema_contribution_follow_up, NULL },
  { schema_cooperation, NULL },
};

static const char * const tables[] = {
  "project", "structures", "categories", "stakeholders", "links",
  "stakes", "eval_questions", "effects", "effect_stakeholders",
  "indicators", "bank_indicators", "toc_items", "toc_links", "periods",
  "measurements", "period_targets", "grids", "grid_categories", "grid_sections",
  "grid_questions", "question_effects", "question_indicators",
  "interviews", "answers", "verbatims", "verbatim_tags",
  "deletions", "contribution", "contribution_base", "merge_bases", "merges",
  "contribution_exports", "merge_sections",
  "link_strengths", "actions", "action_partners",
  NULL
};

const TissageMigration *
tissage_schema_get_migrations (guint *n_migrations)
{
  *n_migrations = G_N_ELEMENTS (migrations);
  return migrations;
}

const char * const *
tissage_schema_get_tables (void)
{
  return tables;
}

static gboolean
exec_script (sqlite3     *db,
             const char  *sql,
             GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) == SQLITE_OK)
    return TRUE;

  g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_FAILED,
               "%s", message != NULL ? message : sqlite3_errmsg (db));
  sqlite3_free (message);
  return FALSE;
}

gboolean
tissage_schema_create (sqlite3  *db,
                       guint     version,
                       GError  **error)
{
  g_autofree char *pragmas = NULL;

  g_return_val_if_fail (version <= G_N_ELEMENTS (migrations), FALSE);

  for (guint step = 0; step < version; step++)
    {
      if (migrations[step].sql != NULL && !exec_script (db, migrations[step].sql, error))
        return FALSE;
      if (migrations[step].func != NULL && !migrations[step].func (db, error))
        return FALSE;
    }

  pragmas = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %u;",
                             TISSAGE_APPLICATION_ID, version);
  return exec_script (db, pragmas, error);
}

/* type → (name → sql) of every object but SQLite's statistics, which only
 * guide its planner. */
static GHashTable *
read_schema (sqlite3  *db,
             GError  **error)
{
  g_autoptr(GHashTable) objects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db,
                           "SELECT type, name, ifnull (sql, '') FROM main.sqlite_schema"
                           " WHERE name NOT LIKE 'sqlite\\_stat%' ESCAPE '\\'",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        const char *type = (const char *) sqlite3_column_text (stmt, 0);
        const char *name = (const char *) sqlite3_column_text (stmt, 1);
        const char *sql = (const char *) sqlite3_column_text (stmt, 2);

        if (type != NULL && name != NULL)
          g_hash_table_insert (objects, g_strdup_printf ("%s\n%s", type, name),
                               g_strdup (sql != NULL ? sql : ""));
      }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_CORRUPT,
                   "%s", sqlite3_errmsg (db));
      return NULL;
    }

  return g_steal_pointer (&objects);
}

typedef enum {
  OBJECT_ADDED,
  OBJECT_CHANGED,
  OBJECT_MISSING,
} ObjectDifference;

static char *
describe_object (const char       *key,
                 ObjectDifference  difference)
{
  g_auto(GStrv) parts = g_strsplit (key, "\n", 2);
  g_autofree char *name = g_utf8_make_valid (parts[1] != NULL ? parts[1] : "", -1);
  const char *type = parts[0];

  if (g_utf8_strlen (name, -1) > 60)
    {
      char *end = g_utf8_offset_to_pointer (name, 60);

      *end = '\0';
    }

  if (difference == OBJECT_MISSING)
    return g_strdup_printf (_("missing “%s”"), name);
  if (g_str_equal (type, "trigger"))
    return g_strdup_printf (_("trigger “%s”"), name);
  if (g_str_equal (type, "view"))
    return g_strdup_printf (_("view “%s”"), name);
  if (g_str_equal (type, "index"))
    return g_strdup_printf (_("index “%s”"), name);
  if (difference == OBJECT_CHANGED)
    return g_strdup_printf (_("changed table “%s”"), name);
  return g_strdup_printf (_("added table “%s”"), name);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *
sorted_keys (GHashTable *table)
{
  GPtrArray *keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, compare_strings);

  return keys;
}

/* The schema of @version as Tissage writes it, built once in memory and
 * kept for the life of the process: every opening compares with it. */
static GHashTable *
expected_schema (guint    version,
                 GError **error)
{
  static GHashTable *cache[G_N_ELEMENTS (migrations) + 1];
  G_LOCK_DEFINE_STATIC (cache);
  GHashTable *expected;
  sqlite3 *reference = NULL;
  gboolean ok;

  G_LOCK (cache);
  expected = cache[version] != NULL ? g_hash_table_ref (cache[version]) : NULL;
  G_UNLOCK (cache);
  if (expected != NULL)
    return expected;

  if (sqlite3_open_v2 (":memory:", &reference, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      sqlite3_close (reference);
      g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_FAILED,
                           _("Out of memory."));
      return NULL;
    }
  ok = tissage_schema_create (reference, version, error);
  if (ok)
    expected = read_schema (reference, error);
  sqlite3_close (reference);
  if (expected == NULL)
    return NULL;

  G_LOCK (cache);
  if (cache[version] == NULL)
    cache[version] = g_hash_table_ref (expected);
  G_UNLOCK (cache);

  return expected;
}

GPtrArray *
tissage_schema_find_foreign (sqlite3  *db,
                             guint     version,
                             GError  **error)
{
  g_autoptr(GHashTable) found = NULL;
  g_autoptr(GHashTable) expected = NULL;
  g_autoptr(GPtrArray) foreign = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) keys = NULL;

  g_return_val_if_fail (version <= G_N_ELEMENTS (migrations), NULL);

  found = read_schema (db, error);
  if (found == NULL)
    return NULL;

  expected = expected_schema (version, error);
  if (expected == NULL)
    return NULL;

  keys = sorted_keys (found);
  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      const char *sql = g_hash_table_lookup (expected, key);

      if (sql == NULL || !g_str_equal (sql, g_hash_table_lookup (found, key)))
        g_ptr_array_add (foreign, describe_object (key, sql == NULL ? OBJECT_ADDED : OBJECT_CHANGED));
    }

  g_clear_pointer (&keys, g_ptr_array_unref);
  keys = sorted_keys (expected);
  for (guint i = 0; i < keys->len; i++)
    if (!g_hash_table_contains (found, g_ptr_array_index (keys, i)))
      g_ptr_array_add (foreign, describe_object (g_ptr_array_index (keys, i), OBJECT_MISSING));

  return g_steal_pointer (&foreign);
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-core"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "tissage-contribution.h"
#include "tissage-document-private.h"
#include "tissage-entities.h"
#include "tissage-interviews.h"
#include "tissage-privacy.h"
#include "tissage-referentiel.h"
#include "tissage-text.h"

/*
 * Rows travel as JSON arrays of their columns (all but id, uuid and
 * modified), in the order of the table, a reference written as the UUID of
 * the row it names: the same text on both sides when nothing changed,
 * whatever the integer ids. Such an array is a row's "data"; a contribution
 * keeps the data of every row as it was when it was made (its base), and a
 * project keeps, for each contribution, the data of its rows as the last
 * merge brought them. A field changed on one side is the one whose value
 * differs from that base; changed on both sides to different values, it is
 * a conflict.
 */

typedef struct {
  const char *table;
  const char *section;      /* N_() */
  GType     (*get_type) (void);
  const char *owner_sql;    /* the owning structure's uuid, on alias t; NULL: shared */
  const char *parent;       /* owned: the column naming the row it belongs to */
  const char *keys[4];      /* columns that say it is the same row, NULL-ended */
  const char *label_sql;    /* what the row is, on alias t */
  gboolean    copies_only;  /* merged only between two full copies */
} MergeTable;

#define OWNER_INTERVIEW(i) "(SELECT s.uuid FROM main.interviews i JOIN main.structures s ON s.id = i.structure_id WHERE i.id = " i ")"
#define OWNER_ANSWER(a) OWNER_INTERVIEW ("(SELECT interview_id FROM main.answers WHERE id = " a ")")
#define OWNER_VERBATIM(v) OWNER_ANSWER ("(SELECT answer_id FROM main.verbatims WHERE id = " v ")")

#define SHARED(table, section, type, label, ...) \
  { table, section, type, NULL, NULL, { __VA_ARGS__ }, label, TRUE }
#define NAME_OF(table, column, id) "(SELECT " column " FROM main." table " WHERE id = " id ")"

/* In an order where the rows referred to come first. The tables marked
 * copies_only are the coordination's: they merge only between two full
 * copies of the project, where both sides are coordinators. */
static const MergeTable merge_tables[] = {
  SHARED ("categories", N_("Categories"), tissage_category_get_type, "t.name", NULL),
  SHARED ("structures", N_("Member structures"), tissage_structure_get_type, "t.name", NULL),
  { "stakeholders", N_("Stakeholders"), tissage_stakeholder_get_type, NULL, NULL,
    { NULL }, "t.name", FALSE },
  { "links", N_("Links"), tissage_link_get_type, NULL, NULL,
    { "source_id", "target_id", "kind", NULL },
    "(SELECT name FROM main.stakeholders WHERE id = t.source_id) || ' — ' || (SELECT name FROM main.stakeholders WHERE id = t.target_id)", FALSE },
  SHARED ("stakes", N_("Stakes"), tissage_stake_get_type, "t.title", NULL),
  SHARED ("eval_questions", N_("Evaluation questions"), tissage_eval_question_get_type, "t.title", NULL),
  SHARED ("effects", N_("Effects"), tissage_effect_get_type, "t.title", NULL),
  SHARED ("effect_stakeholders", N_("Stakeholders of the effects"), tissage_effect_stakeholder_get_type, NAME_OF ("effects", "title", "t.effect_id") " || ' — ' || coalesce (" NAME_OF ("stakeholders", "name", "t.stakeholder_id")
          ", " NAME_OF ("categories", "name", "t.category_id") ", '')", NULL),
  SHARED ("indicators", N_("Indicators"), tissage_indicator_get_type, "t.title", NULL),
  SHARED ("periods", N_("Periods"), tissage_period_get_type, "t.label", NULL),
  SHARED ("period_targets", N_("Targets of the periods"), tissage_period_target_get_type, NAME_OF ("indicators", "title", "t.indicator_id") " || ' — ' || " NAME_OF ("periods", "label", "t.period_id"), "indicator_id", "period_id", NULL),
  SHARED ("toc_items", N_("Theory of change"), tissage_toc_item_get_type, "t.title", NULL),
  SHARED ("toc_links", N_("Links of the theory of change"), tissage_toc_link_get_type, NAME_OF ("toc_items", "title", "t.from_id") " || ' → ' || " NAME_OF ("toc_items", "title", "t.to_id"), "from_id", "to_id", NULL),
  SHARED ("grids", N_("Interview guides"), tissage_grid_get_type, "t.title", NULL),
  SHARED ("grid_categories", N_("Categories of the guides"), tissage_grid_category_get_type, NAME_OF ("grids", "title", "t.grid_id") " || ' — ' || " NAME_OF ("categories", "name", "t.category_id"), "grid_id", "category_id", NULL),
  SHARED ("grid_sections", N_("Sections of the guides"), tissage_grid_section_get_type, NAME_OF ("grids", "title", "t.grid_id") " || ' — ' || t.title", NULL),
  SHARED ("grid_questions", N_("Questions of the guides"), tissage_grid_question_get_type, NAME_OF ("grids", "title", "t.grid_id") " || ' — ' || t.text", NULL),
  SHARED ("question_effects", N_("Effects of the questions"), tissage_question_effect_get_type, NAME_OF ("grid_questions", "text", "t.question_id") " || ' — ' || " NAME_OF ("effects", "title", "t.effect_id"), "question_id", "effect_id", NULL),
  SHARED ("question_indicators", N_("Indicators of the questions"), tissage_question_indicator_get_type, NAME_OF ("grid_questions", "text", "t.question_id") " || ' — ' || " NAME_OF ("indicators", "title", "t.indicator_id"), "question_id", "indicator_id", NULL),
  { "interviews", N_("Interviews"), tissage_interview_get_type,
    "(SELECT s.uuid FROM main.structures s WHERE s.id = t.structure_id)", "structure_id",
    { NULL }, "coalesce (nullif (t.pseudonym, ''), (SELECT name FROM main.stakeholders WHERE id = t.stakeholder_id), t.date)"
    " || ' — ' || (SELECT title FROM main.grids WHERE id = t.grid_id)", FALSE },
  { "answers", N_("Answers"), tissage_answer_get_type, OWNER_INTERVIEW ("t.interview_id"), "interview_id",
    { "interview_id", "question_id", NULL },
    "(SELECT coalesce (nullif (pseudonym, ''), date) FROM main.interviews WHERE id = t.interview_id) || ' — ' || (SELECT text FROM main.grid_questions WHERE id = t.question_id)", FALSE },
  { "verbatims", N_("Quotes"), tissage_verbatim_get_type, OWNER_ANSWER ("t.answer_id"), "answer_id",
    { NULL }, "t.quote", FALSE },
  { "verbatim_tags", N_("Quote tags"), tissage_verbatim_tag_get_type, OWNER_VERBATIM ("t.verbatim_id"), "verbatim_id",
    { "verbatim_id", "effect_id", NULL },
    "(SELECT quote FROM main.verbatims WHERE id = t.verbatim_id) || ' — ' || (SELECT title FROM main.effects WHERE id = t.effect_id)", FALSE },
  { "measurements", N_("Indicator values"), tissage_measurement_get_type,
    "(SELECT s.uuid FROM main.structures s WHERE s.id = t.structure_id)", "structure_id",
    { "indicator_id", "period_id", "structure_id", NULL },
    "(SELECT title FROM main.indicators WHERE id = t.indicator_id) || ' — ' || (SELECT label FROM main.periods WHERE id = t.period_id)", FALSE },
};

#define N_MERGE_TABLES G_N_ELEMENTS (merge_tables)

/* The base of a row whose deletion was merged. */
#define DELETED "null"

/* What only the coordinator changes, and what a contribution must hold as
 * it was made. */
static const struct {
  const char *table;
  const char *what;  /* N_() */
} kept_tables[] = {
  { "stakes", N_("the référentiel") },
  { "eval_questions", N_("the référentiel") },
  { "effects", N_("the référentiel") },
  { "effect_stakeholders", N_("the référentiel") },
  { "indicators", N_("the référentiel") },
  { "period_targets", N_("the référentiel") },
  { "toc_items", N_("the référentiel") },
  { "toc_links", N_("the référentiel") },
  { "grids", N_("the interview guides") },
  { "grid_categories", N_("the interview guides") },
  { "grid_sections", N_("the interview guides") },
  { "grid_questions", N_("the interview guides") },
  { "question_effects", N_("the interview guides") },
  { "question_indicators", N_("the interview guides") },
  { "periods", N_("the periods") },
};

/* What names a referred row to a reader, by its table. */
static const char *
display_column (const char *table)
{
  static const char * const pairs[][2] = {
    { "stakeholders", "name" }, { "structures", "name" }, { "categories", "name" },
    { "periods", "label" }, { "indicators", "title" }, { "effects", "title" },
    { "grids", "title" }, { "grid_questions", "text" }, { "grid_sections", "title" },
    { "interviews", "pseudonym" }, { "verbatims", "quote" }, { "answers", "text" },
    { "stakes", "title" }, { "eval_questions", "title" }, { "toc_items", "title" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    if (g_str_equal (pairs[i][0], table))
      return pairs[i][1];
  return "uuid";
}

/* The columns of one table, as both files have them. */
typedef struct {
  GPtrArray *columns;   /* names, without id, uuid, modified */
  GPtrArray *parents;   /* the table each refers to, or "" */
  char      *data_sql;  /* json_array (...) on alias t */
} TableShape;

static void
table_shape_clear (TableShape *shape)
{
  g_clear_pointer (&shape->columns, g_ptr_array_unref);
  g_clear_pointer (&shape->parents, g_ptr_array_unref);
  g_clear_pointer (&shape->data_sql, g_free);
}

static void
set_db_error (GError  **error,
              sqlite3  *db)
{
  g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_FAILED,
               _("The project could not be written: %s"), sqlite3_errmsg (db));
}

static gboolean
read_shape (sqlite3     *db,
            const char  *table,
            TableShape  *shape,
            GError     **error)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT c.name, ifnull ((SELECT f.\"table\" FROM pragma_foreign_key_list ('%s') f WHERE f.\"from\" = c.name), '')"
    " FROM pragma_table_info ('%s') c WHERE c.name NOT IN ('id', 'uuid', 'modified') ORDER BY c.cid",
    table, table);
  g_autoptr(GString) data = g_string_new ("json_array (");
  sqlite3_stmt *stmt = NULL;

  shape->columns = g_ptr_array_new_with_free_func (g_free);
  shape->parents = g_ptr_array_new_with_free_func (g_free);

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_db_error (error, db);
      return FALSE;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *column = (const char *) sqlite3_column_text (stmt, 0);
      const char *parent = (const char *) sqlite3_column_text (stmt, 1);

      if (shape->columns->len > 0)
        g_string_append (data, ", ");
      if (parent != NULL && *parent != '\0')
        g_string_append_printf (data, "(SELECT p.uuid FROM main.%s p WHERE p.id = t.\"%s\")", parent, column);
      else
        g_string_append_printf (data, "t.\"%s\"", column);
      g_ptr_array_add (shape->columns, g_strdup (column));
      g_ptr_array_add (shape->parents, g_strdup (parent != NULL ? parent : ""));
    }
  sqlite3_finalize (stmt);
  g_string_append (data, ")");
  shape->data_sql = g_string_free (g_steal_pointer (&data), FALSE);

  return TRUE;
}

static int
column_index (TableShape *shape,
              const char *column)
{
  for (guint i = 0; i < shape->columns->len; i++)
    if (g_str_equal (g_ptr_array_index (shape->columns, i), column))
      return (int) i;
  return -1;
}

static char *
now_timestamp (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}

static char *
display_name (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);

  return path != NULL ? g_filename_display_basename (path) : g_file_get_parse_name (file);
}

static char *
query_text (sqlite3    *db,
            const char *sql,
            const char *arg)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  if (arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    text = tissage_sql_dup_text (stmt, 0);
  sqlite3_finalize (stmt);
  return text;
}

gboolean
tissage_contribution_describe (TissageDocument  *document,
                               char            **project_name,
                               char            **structure_name,
                               char            **created)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), FALSE);

  if (sqlite3_prepare_v2 (tissage_document_get_db (document),
                          "SELECT project_name, structure_name, created FROM main.contribution ORDER BY id LIMIT 1",
                          -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    {
      found = TRUE;
      if (project_name != NULL)
        *project_name = tissage_sql_dup_text (stmt, 0);
      if (structure_name != NULL)
        *structure_name = tissage_sql_dup_text (stmt, 1);
      if (created != NULL)
        *created = tissage_sql_dup_text (stmt, 2);
    }
  sqlite3_finalize (stmt);

  return found;
}

gint64
tissage_contribution_get_structure_id (TissageDocument *document)
{
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), 0);

  if (!tissage_contribution_describe (document, NULL, NULL, NULL))
    return 0;
  if (sqlite3_prepare_v2 (tissage_document_get_db (document),
                          "SELECT s.id FROM main.contribution c JOIN main.structures s ON s.uuid = c.structure_uuid"
                          " ORDER BY c.id LIMIT 1", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return id > 0 ? id : -1;
}

gboolean
tissage_contribution_check_values_of (TissageDocument  *document,
                                      gint64            structure_id,
                                      GError          **error)
{
  gint64 own = tissage_contribution_get_structure_id (document);
  g_autofree char *name = NULL;

  if (own == 0 || own == structure_id)
    return TRUE;

  tissage_contribution_describe (document, NULL, &name, NULL);
  g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_READ_ONLY,
               _("In the contribution of “%s”, only its own values are entered: the other structures and the collective enter theirs in their own copies."),
               name != NULL ? name : "");
  return FALSE;
}

gboolean
tissage_contribution_check_editable (TissageDocument  *document,
                                     const char       *table,
                                     GError          **error)
{
  gboolean kept = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (kept_tables) && !kept; i++)
    kept = g_str_equal (kept_tables[i].table, table);

  if (!kept || !tissage_contribution_describe (document, NULL, NULL, NULL))
    return TRUE;

  g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_READ_ONLY,
                       _("In a contribution, the référentiel, the interview guides and the periods are the coordination’s: ask the coordinator to change them."));
  return FALSE;
}

/* Export */

static gboolean
exec_or_fail (sqlite3     *db,
              const char  *sql,
              GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) == SQLITE_OK)
    return TRUE;
  set_db_error (error, db);
  return FALSE;
}

/* tissage_is_person (has_stakeholder, is_member, category_builtin): the
 * core's one rule of who is a person (tissage-privacy.c), in SQL. */
static void
sql_is_person (sqlite3_context  *context,
               int               argc,
               sqlite3_value   **argv)
{
  sqlite3_result_int (context,
                      tissage_interviewee_is_person (sqlite3_value_int (argv[0]) != 0,
                                                     sqlite3_value_int (argv[1]) != 0,
                                                     (const char *) sqlite3_value_text (argv[2])));
}

/* Keeps in @db only what the structure @structure may read, and what the
 * merge will need: whose it is and every row as it is now. Of the
 * stakeholders other structures interviewed, only people go: an
 * organisation (France Travail, the Département, a member structure) stays
 * on the map with its links, as the structure knows it. */
static gboolean
strip_copy (sqlite3     *db,
            gint64       structure,
            const char  *structure_uuid,
            const char  *structure_name,
            const char  *uuid,
            GError     **error)
{
  g_autofree char *strip = g_strdup_printf (
    "CREATE TEMP TABLE gone_people AS SELECT DISTINCT stakeholder_id AS id FROM main.interviews"
    " WHERE structure_id IS NOT %1$" G_GINT64_FORMAT " AND stakeholder_id IS NOT NULL"
    " AND stakeholder_id NOT IN (SELECT stakeholder_id FROM main.interviews"
    "   WHERE structure_id = %1$" G_GINT64_FORMAT " AND stakeholder_id IS NOT NULL)"
    " AND stakeholder_id IN (SELECT s.id FROM main.stakeholders s LEFT JOIN main.categories c ON c.id = s.category_id"
    "   WHERE tissage_is_person (1, s.is_member, c.builtin));"
    "DELETE FROM main.interviews WHERE structure_id IS NOT %1$" G_GINT64_FORMAT ";"
    "DELETE FROM main.stakeholders WHERE id IN (SELECT id FROM temp.gone_people);"
    "DROP TABLE temp.gone_people;"
    "DELETE FROM main.measurements WHERE structure_id IS NOT %1$" G_GINT64_FORMAT ";"
    "DELETE FROM main.interviews_fts;"
    TISSAGE_SCHEMA_FILL_SEARCH_SQL
    "INSERT INTO main.interviews_fts (interviews_fts) VALUES ('optimize');"
    /* What the project knows of other contributions stays with it. */
    "DELETE FROM main.deletions; DELETE FROM main.merge_bases; DELETE FROM main.merges;"
    "DELETE FROM main.merge_sections; DELETE FROM main.contribution_exports;"
    "DELETE FROM main.contribution; DELETE FROM main.contribution_base;",
    structure);
  g_autofree char *now = now_timestamp ();
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_create_function (db, "tissage_is_person", 3, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                               sql_is_person, NULL, NULL) != SQLITE_OK)
    {
      set_db_error (error, db);
      return FALSE;
    }

  if (!exec_or_fail (db, strip, error))
    return FALSE;

  rc = sqlite3_prepare_v2 (db,
                           "INSERT INTO main.contribution (uuid, modified, project_uuid, structure_uuid,"
                           " structure_name, project_name, created)"
                           " SELECT ?1, ?2, uuid, ?3, ?4, name, ?2 FROM main.project ORDER BY id LIMIT 1",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, structure_uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, structure_name, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE || sqlite3_changes (db) != 1)
    {
      set_db_error (error, db);
      return FALSE;
    }

  for (guint pass = 0; pass < 2; pass++)
    {
      guint n = pass == 0 ? N_MERGE_TABLES : G_N_ELEMENTS (kept_tables);

      for (guint i = 0; i < n; i++)
        {
          const char *table = pass == 0 ? merge_tables[i].table : kept_tables[i].table;
          TableShape shape = { 0, };
          g_autofree char *sql = NULL;
          gboolean ok;

          /* The coordination's tables are based in the second pass. */
          if (pass == 0 && merge_tables[i].copies_only)
            continue;
          if (!read_shape (db, table, &shape, error))
            {
              table_shape_clear (&shape);
              return FALSE;
            }
          sql = g_strdup_printf ("INSERT INTO main.contribution_base (uuid, modified, tbl, data)"
                                 " SELECT '%1$s/' || t.uuid, t.modified, '%1$s', %2$s FROM main.%1$s AS t",
                                 table, shape.data_sql);
          ok = exec_or_fail (db, sql, error);
          table_shape_clear (&shape);
          if (!ok)
            return FALSE;
        }
    }

  return TRUE;
}

/* The project remembers the copy it sent, for the follow-up. A copy sent
 * is a fact, not an edit: outside any undo step, and a project open
 * read-only sends without remembering. */
static void
record_export (TissageDocument *project,
               const char      *contribution_uuid,
               const char      *structure_uuid,
               const char      *structure_name,
               const char      *path,
               gboolean         is_update)
{
  sqlite3 *db = tissage_document_get_db (project);
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *now = now_timestamp ();
  g_autofree char *file_name = g_filename_display_basename (path);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (tissage_document_get_read_only (project))
    return;

  rc = sqlite3_prepare_v2 (db,
                           "INSERT INTO main.contribution_exports (uuid, modified, contribution_uuid, structure_uuid,"
                           " structure_name, file_name, created, is_update) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?2, ?7)",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, contribution_uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, structure_uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, structure_name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, file_name, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 7, is_update ? 1 : 0);
      rc = sqlite3_step (stmt);
    }
  if (rc == SQLITE_DONE)
    /* Outside the undo log, it says so itself: the follow-up listens. */
    tissage_document_emit_row_changed (project, "contribution_exports", sqlite3_last_insert_rowid (db));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    g_warning ("The contribution sent could not be recorded: %s", sqlite3_errmsg (db));
}

gboolean
tissage_contribution_export (TissageDocument  *project,
                             gint64            structure_id,
                             GFile            *destination,
                             GError          **error)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *temporary = NULL;
  g_autofree char *structure_uuid = NULL;
  g_autofree char *structure_name = NULL;
  g_autofree char *id_text = NULL;
  g_autofree char *contribution_uuid = g_uuid_string_random ();
  g_autoptr(GError) local_error = NULL;
  sqlite3 *source = NULL;
  sqlite3 *copy = NULL;
  sqlite3_backup *backup;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (project), FALSE);
  g_return_val_if_fail (G_IS_FILE (destination), FALSE);

  source = tissage_document_get_db (project);

  if (tissage_contribution_describe (project, NULL, NULL, NULL))
    {
      g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                           _("This file is already a contribution: prepare contributions from the project itself."));
      return FALSE;
    }

  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, structure_id);
  structure_uuid = query_text (source, "SELECT uuid FROM main.structures WHERE id = CAST (?1 AS INTEGER)", id_text);
  structure_name = query_text (source, "SELECT name FROM main.structures WHERE id = CAST (?1 AS INTEGER)", id_text);
  if (structure_uuid == NULL || structure_name == NULL)
    {
      g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                           _("This member structure is not in the project."));
      return FALSE;
    }

  path = g_file_get_path (destination);
  if (path == NULL)
    {
      g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_IO,
                           _("Projects can only be saved in a local folder."));
      return FALSE;
    }

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  temporary = g_strdup_printf ("%s/.%s.%08x~", dir, base, g_random_int ());

  rc = sqlite3_open_v2 (temporary, &copy,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_EXRESCODE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (copy, "main", source, "main");
      if (backup == NULL)
        rc = sqlite3_extended_errcode (copy);
      else
        {
          rc = sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
          rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
        }
    }

  /* Deleted rows leave no bytes: their pages are zeroed, then the file
   * is rebuilt without them. */
  if (rc == SQLITE_OK)
    ok = tissage_db_harden (copy, &local_error) &&
         exec_or_fail (copy, "PRAGMA journal_mode = DELETE; PRAGMA foreign_keys = ON;"
                             " PRAGMA secure_delete = ON; BEGIN IMMEDIATE;", &local_error) &&
         strip_copy (copy, structure_id, structure_uuid, structure_name, contribution_uuid, &local_error) &&
         exec_or_fail (copy, "COMMIT", &local_error) &&
         exec_or_fail (copy, "VACUUM", &local_error) &&
         tissage_db_is_sound (copy, "PRAGMA quick_check");

  if (sqlite3_close (copy) != SQLITE_OK)
    ok = FALSE;

  if (ok && g_rename (temporary, path) != 0)
    ok = FALSE;

  if (!ok)
    {
      g_autofree char *name = g_filename_display_basename (path);
      g_autofree char *journal = g_strconcat (temporary, "-journal", NULL);

      g_unlink (temporary);
      g_unlink (journal);
      if (local_error != NULL)
        g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_IO,
                     _("The contribution “%s” could not be written: %s Nothing was written."),
                     name, local_error->message);
      else
        g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_IO,
                     _("The contribution “%s” could not be written. Choose a folder where you can write. Nothing was written."),
                     name);
      return FALSE;
    }

  {
    static const char * const suffixes[] = { "-wal", "-shm", "-journal" };

    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *journal = g_strconcat (path, suffixes[i], NULL);

        g_unlink (journal);
      }
  }

  record_export (project, contribution_uuid, structure_uuid, structure_name, path, FALSE);
  return TRUE;
}

/* Follow-up */

void
tissage_contribution_event_free (TissageContributionEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->structure);
  g_free (event->when);
  g_free (event->file_name);
  g_free (event->prepared);
  g_free (event->brought);
  g_free (event);
}

static const char *
section_label (const char *table)
{
  for (guint t = 0; t < G_N_ELEMENTS (merge_tables); t++)
    if (g_str_equal (merge_tables[t].table, table))
      return _(merge_tables[t].section);
  return table;
}

GPtrArray *
tissage_contribution_list_follow_up (TissageDocument  *project,
                                     GError          **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) tissage_contribution_event_free);
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  sqlite3_stmt *sections = NULL;
  int rc;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (project), NULL);

  db = tissage_document_get_db (project);
  /* A structure renamed since shows under its name of now. */
  rc = sqlite3_prepare_v2 (db,
                           "SELECT 0, coalesce ((SELECT name FROM main.structures s WHERE s.uuid = e.structure_uuid), e.structure_name),"
                           "  e.created, e.file_name, NULL, 0, 0, 0, 0, 0, NULL, e.is_update"
                           " FROM main.contribution_exports e"
                           " UNION ALL "
                           "SELECT 1, coalesce ((SELECT name FROM main.structures s WHERE s.uuid = m.structure_uuid),"
                           "    (SELECT structure_name FROM main.contribution_exports e WHERE e.structure_uuid = m.structure_uuid), ''),"
                           "  m.modified, NULL, m.contribution_created, m.added, m.changed, m.deleted, m.conflicts,"
                           "  m.kept_contribution, m.uuid, 0"
                           " FROM main.merges m"
                           " ORDER BY 3, 1",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db,
                             "SELECT tbl, added, changed, deleted FROM main.merge_sections WHERE merge_uuid = ?1 ORDER BY id",
                             -1, &sections, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TissageContributionEvent *event = g_new0 (TissageContributionEvent, 1);

      rc = SQLITE_OK;

      event->merged = sqlite3_column_int (stmt, 0) != 0;
      event->update = sqlite3_column_int (stmt, 11) != 0;
      event->structure = tissage_sql_dup_text (stmt, 1);
      /* A merge of another full copy of the project is no structure's. */
      if (event->merged && (event->structure == NULL || *event->structure == '\0'))
        {
          g_free (event->structure);
          event->structure = g_strdup (_("Another copy of the project"));
        }
      event->when = tissage_sql_dup_text (stmt, 2);
      event->file_name = tissage_sql_dup_text (stmt, 3);
      event->prepared = tissage_sql_dup_text (stmt, 4);
      event->conflicts = (guint) sqlite3_column_int (stmt, 8);
      event->kept_contribution = (guint) sqlite3_column_int (stmt, 9);
      if (event->merged)
        {
          g_autoptr(GString) brought = g_string_new (NULL);

          sqlite3_bind_text (sections, 1, (const char *) sqlite3_column_text (stmt, 10), -1, SQLITE_TRANSIENT);
          while ((rc = sqlite3_step (sections)) == SQLITE_ROW)
            {
              if (brought->len > 0)
                g_string_append_c (brought, '\n');
              g_string_append_printf (brought, _("%s — additions: %u, changes: %u, deletions: %u"),
                                      section_label ((const char *) sqlite3_column_text (sections, 0)),
                                      (guint) sqlite3_column_int (sections, 1),
                                      (guint) sqlite3_column_int (sections, 2),
                                      (guint) sqlite3_column_int (sections, 3));
            }
          sqlite3_reset (sections);
          rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
          /* A merge of before sections were recorded: its totals only. */
          if (brought->len == 0)
            g_string_append_printf (brought, _("%s — additions: %u, changes: %u, deletions: %u"), _("All sections"),
                                    (guint) sqlite3_column_int (stmt, 5), (guint) sqlite3_column_int (stmt, 6),
                                    (guint) sqlite3_column_int (stmt, 7));
          event->brought = g_string_free (g_steal_pointer (&brought), FALSE);
        }
      g_ptr_array_add (events, event);
    }
  sqlite3_finalize (stmt);
  sqlite3_finalize (sections);
  if (rc != SQLITE_DONE)
    {
      set_db_error (error, db);
      return NULL;
    }

  return g_steal_pointer (&events);
}

/* Merge */

typedef enum {
  ACTION_ADD,
  ACTION_CHANGE,
  ACTION_DELETE,
} ActionKind;

typedef enum {
  FIELD_SAME,
  FIELD_TAKE,       /* the contribution's value */
  FIELD_KEEP,       /* the project's value */
  FIELD_CONFLICT,
} FieldState;

typedef struct {
  ActionKind  kind;
  guint       table;
  char       *uuid;          /* of the project's row (added: the contribution's) */
  char       *modified;      /* the contribution's stamp */
  char       *data;          /* added: the contribution's data */
  GPtrArray  *project;       /* changed: the fields, as JSON values */
  GPtrArray  *contribution;
  GArray     *states;        /* FieldState */
  GArray     *conflicts;     /* guint, into merge->conflicts, one a conflicting field (or the row) */
} Action;

typedef struct {
  guint   action;
  int     field;             /* -1: the whole row */
} ConflictPlace;

typedef struct {
  char *key;                 /* "table/uuid" of the contribution's row */
  char *modified;
  char *data;
} BaseUpdate;

struct _TissageMerge {
  TissageDocument     *project;
  char                *contribution_uuid;
  char                *structure_uuid;
  char                *structure_name;
  char                *created;
  TableShape           shapes[N_MERGE_TABLES];
  TissageMergeSection  sections[N_MERGE_TABLES];
  GArray              *actions;     /* Action */
  GPtrArray           *conflicts;   /* TissageMergeConflict */
  GArray              *places;      /* ConflictPlace, beside conflicts */
  GArray              *bases;       /* BaseUpdate */
  guint                left_out;
  gboolean             applied;
  /* Another full copy of the project, not a contribution: the latest
   * stamp both files hold alike, and what the project deleted. */
  gboolean             full_copy;
  char                *divergence;
  GHashTable          *project_deleted;
  GHashTable          *copy_deleted;
  GHashTable          *added;       /* "table/uuid" of the rows it adds */
};

static void
action_clear (gpointer data)
{
  Action *action = data;

  g_free (action->uuid);
  g_free (action->modified);
  g_free (action->data);
  g_clear_pointer (&action->project, g_ptr_array_unref);
  g_clear_pointer (&action->contribution, g_ptr_array_unref);
  g_clear_pointer (&action->states, g_array_unref);
  g_clear_pointer (&action->conflicts, g_array_unref);
}

static void
base_update_clear (gpointer data)
{
  BaseUpdate *update = data;

  g_free (update->key);
  g_free (update->modified);
  g_free (update->data);
}

static void
conflict_free (gpointer data)
{
  TissageMergeConflict *conflict = data;

  g_free (conflict->row);
  g_free (conflict->field);
  g_free (conflict->project_value);
  g_free (conflict->contribution_value);
  g_free (conflict);
}

void
tissage_merge_free (TissageMerge *merge)
{
  if (merge == NULL)
    return;

  g_clear_object (&merge->project);
  g_free (merge->contribution_uuid);
  g_free (merge->structure_uuid);
  g_free (merge->structure_name);
  g_free (merge->created);
  g_free (merge->divergence);
  g_clear_pointer (&merge->project_deleted, g_hash_table_unref);
  g_clear_pointer (&merge->copy_deleted, g_hash_table_unref);
  g_clear_pointer (&merge->added, g_hash_table_unref);
  for (guint i = 0; i < N_MERGE_TABLES; i++)
    {
      table_shape_clear (&merge->shapes[i]);
      g_clear_pointer (&merge->sections[i].items, g_ptr_array_unref);
    }
  g_clear_pointer (&merge->actions, g_array_unref);
  g_clear_pointer (&merge->conflicts, g_ptr_array_unref);
  g_clear_pointer (&merge->places, g_array_unref);
  g_clear_pointer (&merge->bases, g_array_unref);
  g_free (merge);
}

/* The statements of one merge, prepared once. */
typedef struct {
  sqlite3      *project;
  sqlite3      *contribution;
  sqlite3_stmt *split;                        /* JSON array → values */
  sqlite3_stmt *contribution_base;            /* key → data */
  sqlite3_stmt *merge_base;                   /* key → modified, data */
  sqlite3_stmt *project_row[N_MERGE_TABLES];  /* uuid → data, owner */
  sqlite3_stmt *project_key[N_MERGE_TABLES];  /* data → uuid of the row with the same keys */
  sqlite3_stmt *label[2][N_MERGE_TABLES];     /* uuid → what the row is, in the project [0] or the copy [1] */
} Reader;

static void
reader_clear (Reader *reader)
{
  sqlite3_finalize (reader->split);
  sqlite3_finalize (reader->contribution_base);
  sqlite3_finalize (reader->merge_base);
  for (guint i = 0; i < N_MERGE_TABLES; i++)
    {
      sqlite3_finalize (reader->project_row[i]);
      sqlite3_finalize (reader->project_key[i]);
      sqlite3_finalize (reader->label[0][i]);
      sqlite3_finalize (reader->label[1][i]);
    }
}

/* Says in the section of @table what the row @uuid added, changed or
 * deleted is, read where it is (the copy for an addition). */
static void
note_item (TissageMerge *merge,
           Reader       *reader,
           guint         table,
           ActionKind    kind,
           const char   *uuid)
{
  TissageMergeSection *section = &merge->sections[table];
  sqlite3_stmt *stmt = reader->label[kind == ACTION_ADD ? 1 : 0][table];
  g_autofree char *label = NULL;

  if (section->items->len >= TISSAGE_MERGE_MAX_ITEMS || stmt == NULL)
    return;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    label = tissage_sql_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  if (label == NULL || *label == '\0')
    {
      g_free (label);
      label = g_strdup (_("(untitled)"));
    }
  /* A long quote or answer, by its beginning. */
  if (g_utf8_strlen (label, -1) > 80)
    {
      char *end = g_utf8_offset_to_pointer (label, 79);
      char *cut = g_strdup_printf ("%.*s…", (int) (end - label), label);

      g_free (label);
      label = cut;
    }
  switch (kind)
    {
    case ACTION_ADD:
      g_ptr_array_add (section->items, g_strdup_printf (_("Added: %s"), label));
      break;
    case ACTION_CHANGE:
      g_ptr_array_add (section->items, g_strdup_printf (_("Changed: %s"), label));
      break;
    case ACTION_DELETE:
      g_ptr_array_add (section->items, g_strdup_printf (_("Deleted: %s"), label));
      break;
    default:
      g_assert_not_reached ();
    }
}

static sqlite3_stmt *
prepare (sqlite3     *db,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_CORRUPT,
                   _("The contribution could not be read: %s"), sqlite3_errmsg (db));
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

/* The values of a JSON array, each as JSON text. */
static GPtrArray *
split_data (Reader     *reader,
            const char *data)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);

  sqlite3_bind_text (reader->split, 1, data, -1, SQLITE_STATIC);
  while (sqlite3_step (reader->split) == SQLITE_ROW)
    g_ptr_array_add (fields, tissage_sql_dup_text (reader->split, 0));
  sqlite3_reset (reader->split);

  return fields;
}

static char *
join_data (GPtrArray *fields)
{
  GString *data = g_string_new ("[");

  for (guint i = 0; i < fields->len; i++)
    {
      if (i > 0)
        g_string_append_c (data, ',');
      g_string_append (data, g_ptr_array_index (fields, i));
    }
  g_string_append_c (data, ']');
  return g_string_free (data, FALSE);
}

/* Looks up @stmt bound to @arg; its columns copied out. */
static gboolean
lookup (sqlite3_stmt *stmt,
        const char   *arg,
        char        **first,
        char        **second)
{
  gboolean found;

  sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found && first != NULL)
    *first = sqlite3_column_type (stmt, 0) == SQLITE_NULL ? NULL : tissage_sql_dup_text (stmt, 0);
  if (found && second != NULL)
    *second = sqlite3_column_type (stmt, 1) == SQLITE_NULL ? NULL : tissage_sql_dup_text (stmt, 1);
  sqlite3_reset (stmt);
  return found;
}

/* A project's row by its UUID: its data, owner and stamp. */
static gboolean
lookup_row (sqlite3_stmt *stmt,
            const char   *uuid,
            char        **data,
            char        **owner,
            char        **modified)
{
  gboolean found;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found)
    {
      *data = tissage_sql_dup_text (stmt, 0);
      *owner = sqlite3_column_type (stmt, 1) == SQLITE_NULL ? NULL : tissage_sql_dup_text (stmt, 1);
      *modified = tissage_sql_dup_text (stmt, 2);
    }
  sqlite3_reset (stmt);
  return found;
}

/* Between two full copies, a row changed on one side since they parted
 * is one stamped later than anything both still hold alike. */
static gboolean
changed_since (TissageMerge *merge,
               const char   *modified)
{
  return g_strcmp0 (modified, merge->divergence) > 0;
}

static void
refuse (GError     **error,
        const char  *format,
        ...) G_GNUC_PRINTF (2, 3);

static void
refuse (GError     **error,
        const char  *format,
        ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE, message);
}

/* A value to read: text as it is, a reference by what it names. */
static char *
display_value (Reader     *reader,
               TableShape *shape,
               guint       field,
               const char *json,
               sqlite3    *db)
{
  const char *parent = g_ptr_array_index (shape->parents, field);
  g_autofree char *value = NULL;
  sqlite3_stmt *stmt = NULL;

  if (json == NULL || g_str_equal (json, "null"))
    return g_strdup (_("(empty)"));

  if (sqlite3_prepare_v2 (db, "SELECT json_extract ('[' || ?1 || ']', '$[0]')", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, json, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        value = tissage_sql_dup_text (stmt, 0);
    }
  sqlite3_finalize (stmt);

  if (value != NULL && *parent != '\0')
    {
      g_autofree char *sql = g_strdup_printf ("SELECT \"%s\" FROM main.%s WHERE uuid = ?1",
                                              display_column (parent), parent);
      char *named = query_text (db, sql, value);

      if (named == NULL)
        named = query_text (reader->contribution, sql, value);
      if (named != NULL)
        {
          g_free (value);
          value = named;
        }
    }

  return value != NULL ? g_steal_pointer (&value) : g_strdup (json);
}

static char *
field_label (const MergeTable *table,
             const char       *column)
{
  GObjectClass *klass = g_type_class_ref (table->get_type ());
  GParamSpec *pspec = g_object_class_find_property (klass, column);
  char *label;

  label = g_strdup (pspec != NULL ? _(g_param_spec_get_nick (pspec)) : column);
  g_type_class_unref (klass);
  return label;
}

static char *
row_label (TissageMerge *merge,
           guint         table,
           const char   *uuid,
           sqlite3      *db)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM main.%s AS t WHERE t.uuid = ?1",
                                          merge_tables[table].label_sql, merge_tables[table].table);
  char *label = query_text (db, sql, uuid);

  (void) merge;
  return label != NULL ? label : g_strdup (uuid);
}

static guint
add_conflict (TissageMerge *merge,
              guint         action_index,
              int           field,
              char         *row,
              char         *field_name,
              char         *project_value,
              char         *contribution_value)
{
  Action *action = &g_array_index (merge->actions, Action, action_index);
  TissageMergeConflict *conflict = g_new0 (TissageMergeConflict, 1);
  ConflictPlace place = { action_index, field };
  guint index = merge->conflicts->len;

  conflict->section = _(merge_tables[action->table].section);
  conflict->row = row;
  conflict->field = field_name;
  conflict->project_value = project_value;
  conflict->contribution_value = contribution_value;
  g_ptr_array_add (merge->conflicts, conflict);
  g_array_append_val (merge->places, place);
  if (action->conflicts == NULL)
    action->conflicts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_val (action->conflicts, index);
  merge->sections[action->table].conflicts++;

  return index;
}

static guint
push_action (TissageMerge *merge,
             ActionKind    kind,
             guint         table,
             const char   *uuid,
             const char   *modified)
{
  Action action = { 0, };

  action.kind = kind;
  action.table = table;
  action.uuid = g_strdup (uuid);
  action.modified = g_strdup (modified);
  g_array_append_val (merge->actions, action);
  return merge->actions->len - 1;
}

static void
push_base (TissageMerge *merge,
           const char   *key,
           const char   *modified,
           const char   *data)
{
  BaseUpdate update = { g_strdup (key), g_strdup (modified), g_strdup (data) };

  g_array_append_val (merge->bases, update);
}

/* The structure's own rows are the only ones it may bring: checked on the
 * project's side, where a UUID may name another structure's row. */
static gboolean
check_owner (TissageMerge *merge,
             Reader       *reader,
             guint         table,
             const char   *project_owner,
             GError      **error)
{
  (void) reader;

  if (merge_tables[table].owner_sql == NULL || project_owner == NULL ||
      g_str_equal (project_owner, merge->structure_uuid))
    return TRUE;

  {
    g_autofree char *what = g_utf8_strdown (_(merge_tables[table].section), -1);

    refuse (error, _("This contribution of “%s” changes %s of another structure: it is refused and the project is unchanged."),
            merge->structure_name, what);
  }
  return FALSE;
}

static gboolean
owner_of (Reader      *reader,
          sqlite3     *db,
          const char  *table,
          const char  *uuid,
          char       **owner)
{
  guint t;

  for (t = 0; t < N_MERGE_TABLES; t++)
    if (g_str_equal (merge_tables[t].table, table))
      break;
  g_return_val_if_fail (t < N_MERGE_TABLES, FALSE);
  (void) db;

  return lookup (reader->project_row[t], uuid, NULL, owner);
}

/* The rows of one table of the contribution against the project's. */
static gboolean
plan_table (TissageMerge *merge,
            Reader       *reader,
            guint         table,
            GHashTable   *seen,
            GError      **error)
{
  const MergeTable *desc = &merge_tables[table];
  TableShape *shape = &merge->shapes[table];
  g_autofree char *sql = NULL;
  int parent_field = desc->parent != NULL ? column_index (shape, desc->parent) : -1;
  const char *parent_table = parent_field >= 0 ? g_ptr_array_index (shape->parents, parent_field) : NULL;
  g_autoptr(GHashTable) parents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;

  /* The row it belongs to, read with it; a row of its own without a
   * structure (made in the copy) is the structure's. */
  {
    g_autofree char *data_sql = g_strdup (shape->data_sql);
    g_autofree char *parent_sql = NULL;

    if (parent_table != NULL)
      {
        g_autofree char *reference = g_strdup_printf ("(SELECT p.uuid FROM main.%s p WHERE p.id = t.\"%s\")",
                                                      parent_table, desc->parent);

        if (g_str_equal (desc->parent, "structure_id"))
          {
            g_auto(GStrv) parts = g_strsplit (data_sql, reference, 2);
            g_autofree char *with_default = g_strdup_printf ("ifnull (%s, ?1)", reference);

            g_free (data_sql);
            data_sql = g_strjoinv (with_default, parts);
            parent_sql = g_steal_pointer (&with_default);
          }
        else
          parent_sql = g_steal_pointer (&reference);
      }
    sql = g_strdup_printf ("SELECT t.uuid, t.modified, %s, %s FROM main.%s AS t ORDER BY t.id",
                           data_sql, parent_sql != NULL ? parent_sql : "NULL", desc->table);
  }
  stmt = prepare (reader->contribution, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, merge->structure_uuid, -1, SQLITE_STATIC);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *uuid = tissage_sql_dup_text (stmt, 0);
      g_autofree char *modified = tissage_sql_dup_text (stmt, 1);
      g_autofree char *data = tissage_sql_dup_text (stmt, 2);
      const char *parent_uuid = (const char *) sqlite3_column_text (stmt, 3);
      g_autofree char *key = g_strdup_printf ("%s/%s", desc->table, uuid);
      g_autofree char *base = NULL;
      g_autofree char *base_modified = NULL;
      g_autofree char *project_data = NULL;
      g_autofree char *project_owner = NULL;
      g_autofree char *project_uuid = NULL;
      g_autofree char *project_modified = NULL;
      g_autofree char *parent_key = NULL;
      gboolean from_merge, found;

      g_hash_table_add (seen, g_strdup (key));

      /* Owned rows: the structure's own, or under a row of its own. A
       * full copy brings every structure's. */
      if (merge->full_copy)
        ;
      else if (parent_table != NULL && g_str_equal (desc->parent, "structure_id"))
        {
          if (g_strcmp0 (parent_uuid, merge->structure_uuid) != 0)
            {
              g_autofree char *what = g_utf8_strdown (_(desc->section), -1);

              refuse (error, _("This contribution of “%s” holds %s of another structure: it is refused and the project is unchanged."),
                      merge->structure_name, what);
              sqlite3_finalize (stmt);
              return FALSE;
            }
        }
      else if (parent_table != NULL && parent_uuid != NULL && !g_hash_table_contains (parents, parent_uuid))
        {
          g_autofree char *parent_owner = NULL;

          if (owner_of (reader, reader->project, parent_table, parent_uuid, &parent_owner) &&
              !check_owner (merge, reader, table, parent_owner, error))
            {
              sqlite3_finalize (stmt);
              return FALSE;
            }
          g_hash_table_add (parents, g_strdup (parent_uuid));
        }

      from_merge = lookup (reader->merge_base, key, &base_modified, &base);
      if (!from_merge && !merge->full_copy)
        lookup (reader->contribution_base, key, &base, NULL);

      found = lookup_row (reader->project_row[table], uuid, &project_data, &project_owner, &project_modified);
      if (found)
        project_uuid = g_strdup (uuid);
      /* Under a row this merge adds, nothing of the project has the same
       * keys: the answers of a new interview are new. */
      else if (reader->project_key[table] != NULL &&
               !(parent_uuid != NULL && parent_table != NULL &&
                 g_hash_table_contains (merge->added, (parent_key = g_strdup_printf ("%s/%s", parent_table, parent_uuid)))))
        {
          sqlite3_stmt *by_key = reader->project_key[table];

          sqlite3_bind_text (by_key, 1, data, -1, SQLITE_STATIC);
          if (sqlite3_step (by_key) == SQLITE_ROW)
            {
              found = TRUE;
              project_uuid = tissage_sql_dup_text (by_key, 0);
              project_data = tissage_sql_dup_text (by_key, 1);
              project_owner = sqlite3_column_type (by_key, 2) == SQLITE_NULL ? NULL : tissage_sql_dup_text (by_key, 2);
              project_modified = tissage_sql_dup_text (by_key, 3);
            }
          sqlite3_reset (by_key);
        }

      if (found && !merge->full_copy && !check_owner (merge, reader, table, project_owner, error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }

      /* Two full copies have no base written down: the stamps tell which
       * side changed a row since they parted (see ARCHITECTURE.md). */
      if (merge->full_copy && !from_merge)
        {
          gboolean theirs = changed_since (merge, modified);

          if (found)
            {
              gboolean mine = changed_since (merge, project_modified);

              if (theirs && !mine)
                base = g_strdup (project_data);
              else if (mine && !theirs)
                base = g_strdup (data);
              else if (!mine && !theirs)
                base = g_strdup (g_strcmp0 (modified, project_modified) > 0 ? project_data : data);
            }
          else if (desc->copies_only ? !theirs : g_hash_table_contains (merge->project_deleted, uuid))
            /* The project deleted it: gone, unless the copy changed it
             * since, which is a conflict. */
            base = g_strdup (theirs ? "[]" : data);
        }

      /* A row whose deletion a later round brought stays deleted; an
       * older round of a contribution already merged brings nothing. */
      if (from_merge && g_strcmp0 (base, DELETED) == 0)
        continue;
      /* An older round of a contribution already merged brings nothing. */
      if (from_merge && base != NULL && g_strcmp0 (base, data) != 0 &&
          base_modified != NULL && g_strcmp0 (modified, base_modified) <= 0)
        continue;

      if (g_strcmp0 (base, data) != 0)
        push_base (merge, key, modified, data);

      if (!found)
        {
          /* Known before and gone: the project deleted it. A row the
           * project never knew is added, whatever a deletion recorded
           * (undoing a merge deletes what it had added). */
          if (base != NULL)
            {
              /* The project deleted it: it comes back only if the
               * contribution changed it since, and someone says so. */
              if (base != NULL && g_strcmp0 (base, data) != 0)
                {
                  guint a = push_action (merge, ACTION_ADD, table, uuid, modified);

                  g_array_index (merge->actions, Action, a).data = g_strdup (data);
                  add_conflict (merge, a, -1, row_label (merge, table, uuid, reader->contribution),
                                g_strdup (merge->full_copy ? _("deleted in the project, changed in the other copy")
                                                           : _("deleted in the project, changed in the contribution")),
                                g_strdup (_("deleted")), g_strdup (_("brought back, with its changes")));
                }
              continue;
            }

          {
            guint a = push_action (merge, ACTION_ADD, table, uuid, modified);

            g_array_index (merge->actions, Action, a).data = g_strdup (data);
            merge->sections[table].added++;
            g_hash_table_add (merge->added, g_strdup (key));
            note_item (merge, reader, table, ACTION_ADD, uuid);
          }
          continue;
        }

      if (g_strcmp0 (project_data, data) == 0)
        continue;

      {
        g_autoptr(GPtrArray) mine = split_data (reader, project_data);
        g_autoptr(GPtrArray) theirs = split_data (reader, data);
        g_autoptr(GPtrArray) before = base != NULL ? split_data (reader, base) : NULL;
        g_autoptr(GArray) states = g_array_new (FALSE, TRUE, sizeof (FieldState));
        gboolean takes = FALSE, conflicts = FALSE;
        Action *action;
        guint a;

        if (mine->len != theirs->len || (before != NULL && before->len != theirs->len))
          {
            refuse (error, _("The contribution could not be read: %s"), desc->table);
            sqlite3_finalize (stmt);
            return FALSE;
          }

        for (guint f = 0; f < theirs->len; f++)
          {
            const char *p = g_ptr_array_index (mine, f);
            const char *c = g_ptr_array_index (theirs, f);
            const char *b = before != NULL ? g_ptr_array_index (before, f) : NULL;
            FieldState state;

            if (g_str_equal (p, c))
              state = FIELD_SAME;
            else if (b != NULL && g_str_equal (c, b))
              state = FIELD_KEEP;
            else if (b != NULL && g_str_equal (p, b))
              state = FIELD_TAKE;
            else
              state = FIELD_CONFLICT;

            takes |= state == FIELD_TAKE;
            conflicts |= state == FIELD_CONFLICT;
            g_array_append_val (states, state);
          }

        if (!takes && !conflicts)
          continue;

        a = push_action (merge, ACTION_CHANGE, table, project_uuid, modified);
        action = &g_array_index (merge->actions, Action, a);
        action->project = g_steal_pointer (&mine);
        action->contribution = g_steal_pointer (&theirs);
        action->states = g_steal_pointer (&states);
        merge->sections[table].changed++;
        note_item (merge, reader, table, ACTION_CHANGE, project_uuid);

        if (conflicts)
          {
            g_autofree char *label = row_label (merge, table, project_uuid, reader->project);

            for (guint f = 0; f < action->states->len; f++)
              if (g_array_index (action->states, FieldState, f) == FIELD_CONFLICT)
                {
                  /* add_conflict may move the actions: read them again. */
                  Action *now = &g_array_index (merge->actions, Action, a);

                  add_conflict (merge, a, (int) f, g_strdup (label),
                                field_label (desc, g_ptr_array_index (shape->columns, f)),
                                display_value (reader, shape, f, g_ptr_array_index (now->project, f), reader->project),
                                display_value (reader, shape, f, g_ptr_array_index (now->contribution, f), reader->contribution));
                }
          }
      }
    }

  sqlite3_finalize (stmt);
  return TRUE;
}

/* What the contribution deleted: its recorded deletions, and its base rows
 * it no longer holds. */
static gboolean
plan_deletions (TissageMerge *merge,
                Reader       *reader,
                GHashTable   *seen,
                GError      **error)
{
  g_autoptr(GHashTable) done = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = prepare (reader->contribution,
                                "SELECT tbl, uuid FROM main.deletions"
                                " UNION ALL SELECT tbl, substr (uuid, length (tbl) + 2) FROM main.contribution_base",
                                error);

  if (stmt == NULL)
    return FALSE;

  for (int t = N_MERGE_TABLES - 1; t >= 0; t--)
    {
      if (merge_tables[t].copies_only)
        continue;
      sqlite3_reset (stmt);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *tbl = (const char *) sqlite3_column_text (stmt, 0);
          g_autofree char *uuid = NULL;
          g_autofree char *key = NULL;
          g_autofree char *project_data = NULL;
          g_autofree char *project_owner = NULL;
          g_autofree char *base = NULL;

          if (tbl == NULL || !g_str_equal (tbl, merge_tables[t].table))
            continue;
          uuid = tissage_sql_dup_text (stmt, 1);
          key = g_strdup_printf ("%s/%s", tbl, uuid);
          if (g_hash_table_contains (seen, key) || !g_hash_table_add (done, g_strdup (key)))
            continue;

          if (!lookup (reader->project_row[t], uuid, &project_data, &project_owner))
            continue;
          if (!check_owner (merge, reader, (guint) t, project_owner, error))
            {
              sqlite3_finalize (stmt);
              return FALSE;
            }

          if (!lookup (reader->merge_base, key, NULL, &base))
            lookup (reader->contribution_base, key, &base, NULL);
          /* A deletion already merged, or refused, is not brought again. */
          else if (g_strcmp0 (base, DELETED) == 0)
            continue;

          push_base (merge, key, "", DELETED);
          {
            guint a = push_action (merge, ACTION_DELETE, (guint) t, uuid, NULL);

            merge->sections[t].deleted++;
            note_item (merge, reader, (guint) t, ACTION_DELETE, uuid);
            if (base == NULL || g_strcmp0 (base, project_data) != 0)
              add_conflict (merge, a, -1, row_label (merge, (guint) t, uuid, reader->project),
                            g_strdup (_("deleted in the contribution, changed in the project")),
                            g_strdup (_("kept, with its changes")), g_strdup (_("deleted")));
          }
        }
    }

  sqlite3_finalize (stmt);
  return TRUE;
}

/* What another full copy deleted: a row of the project it does not hold,
 * that it recorded as deleted, or, in the coordination's tables, which
 * record no deletion, that the project has not changed since they
 * parted (else the project added or changed it, and it stays). */
static gboolean
plan_copy_deletions (TissageMerge *merge,
                     Reader       *reader,
                     GHashTable   *seen,
                     GError      **error)
{
  for (int t = N_MERGE_TABLES - 1; t >= 0; t--)
    {
      const MergeTable *desc = &merge_tables[t];
      g_autofree char *sql = g_strdup_printf ("SELECT t.uuid, t.modified, %s FROM main.%s AS t ORDER BY t.id",
                                              merge->shapes[t].data_sql, desc->table);
      sqlite3_stmt *stmt = prepare (reader->project, sql, error);

      if (stmt == NULL)
        return FALSE;
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *uuid = (const char *) sqlite3_column_text (stmt, 0);
          const char *modified = (const char *) sqlite3_column_text (stmt, 1);
          const char *data = (const char *) sqlite3_column_text (stmt, 2);
          g_autofree char *key = g_strdup_printf ("%s/%s", desc->table, uuid);
          g_autofree char *base = NULL;
          gboolean mine = changed_since (merge, modified);
          gboolean deleted;

          if (g_hash_table_contains (seen, key))
            continue;
          deleted = desc->copies_only ? !mine : g_hash_table_contains (merge->copy_deleted, uuid);
          if (!deleted)
            continue;
          /* A deletion already merged, or refused, is not brought again. */
          if (lookup (reader->merge_base, key, NULL, &base) && g_strcmp0 (base, DELETED) == 0)
            continue;

          push_base (merge, key, "", DELETED);
          {
            guint a = push_action (merge, ACTION_DELETE, (guint) t, uuid, NULL);

            merge->sections[t].deleted++;
            note_item (merge, reader, (guint) t, ACTION_DELETE, uuid);
            if (mine && (base == NULL || g_strcmp0 (base, data) != 0))
              add_conflict (merge, a, -1, row_label (merge, (guint) t, uuid, reader->project),
                            g_strdup (_("deleted in the other copy, changed in the project")),
                            g_strdup (_("kept, with its changes")), g_strdup (_("deleted")));
          }
        }
      sqlite3_finalize (stmt);
    }

  return TRUE;
}

/* The UUIDs of what @db recorded as deleted. */
static GHashTable *
read_deleted (sqlite3 *db)
{
  GHashTable *deleted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT uuid FROM main.deletions", -1, &stmt, NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_hash_table_add (deleted, tissage_sql_dup_text (stmt, 0));
  sqlite3_finalize (stmt);
  return deleted;
}

/* The latest stamp of a row both copies hold with the same stamp: the
 * point where they parted, or later than it for none of their changes. */
static char *
find_divergence (sqlite3 *project,
                 sqlite3 *copy)
{
  char *latest = g_strdup ("");

  for (guint t = 0; t <= N_MERGE_TABLES; t++)
    {
      const char *table = t < N_MERGE_TABLES ? merge_tables[t].table : "deletions";
      g_autofree char *sql = g_strdup_printf ("SELECT uuid, modified FROM main.%s", table);
      g_autoptr(GHashTable) stamps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      sqlite3_stmt *stmt = NULL;

      if (sqlite3_prepare_v2 (copy, sql, -1, &stmt, NULL) == SQLITE_OK)
        while (sqlite3_step (stmt) == SQLITE_ROW)
          g_hash_table_insert (stamps, tissage_sql_dup_text (stmt, 0), tissage_sql_dup_text (stmt, 1));
      sqlite3_finalize (stmt);
      stmt = NULL;

      if (sqlite3_prepare_v2 (project, sql, -1, &stmt, NULL) == SQLITE_OK)
        while (sqlite3_step (stmt) == SQLITE_ROW)
          {
            const char *modified = (const char *) sqlite3_column_text (stmt, 1);
            const char *theirs = g_hash_table_lookup (stamps, sqlite3_column_text (stmt, 0));

            if (modified != NULL && g_strcmp0 (theirs, modified) == 0 && strcmp (modified, latest) > 0)
              {
                g_free (latest);
                latest = g_strdup (modified);
              }
          }
      sqlite3_finalize (stmt);
    }

  return latest;
}

/* The référentiel, the guides and the periods as the contribution was
 * made: anything else is a tampered copy. */
static gboolean
check_kept (TissageMerge *merge,
            Reader       *reader,
            GError      **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (kept_tables); i++)
    {
      TableShape shape = { 0, };
      g_autofree char *sql = NULL;
      gint64 differences = -1;
      sqlite3_stmt *stmt;

      if (!read_shape (reader->contribution, kept_tables[i].table, &shape, error))
        {
          table_shape_clear (&shape);
          return FALSE;
        }
      sql = g_strdup_printf (
        "SELECT (SELECT count (*) FROM main.%1$s AS t WHERE %2$s IS NOT"
        "   (SELECT b.data FROM main.contribution_base b WHERE b.uuid = '%1$s/' || t.uuid))"
        " + (SELECT count (*) FROM main.contribution_base b WHERE b.tbl = '%1$s'"
        "   AND NOT EXISTS (SELECT 1 FROM main.%1$s t WHERE '%1$s/' || t.uuid = b.uuid))",
        kept_tables[i].table, shape.data_sql);
      table_shape_clear (&shape);

      stmt = prepare (reader->contribution, sql, error);
      if (stmt == NULL)
        return FALSE;
      if (sqlite3_step (stmt) == SQLITE_ROW)
        differences = sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);

      if (differences != 0)
        {
          refuse (error, _("This contribution of “%s” changes %s, which only the coordination changes: it is refused and the project is unchanged."),
                  merge->structure_name, _(kept_tables[i].what));
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
prepare_reader (TissageMerge *merge,
                Reader       *reader,
                GError      **error)
{
  reader->split = prepare (reader->project, "SELECT json_quote (value) FROM json_each (?1) ORDER BY key", error);
  reader->merge_base = prepare (reader->project,
                                "SELECT row_modified, data FROM main.merge_bases WHERE contribution_uuid = ?2 AND row_uuid = ?1",
                                error);
  reader->contribution_base = prepare (reader->contribution,
                                       "SELECT data FROM main.contribution_base WHERE uuid = ?1", error);
  if (reader->split == NULL || reader->merge_base == NULL || reader->contribution_base == NULL)
    return FALSE;
  sqlite3_bind_text (reader->merge_base, 2, merge->contribution_uuid, -1, SQLITE_STATIC);

  for (guint t = 0; t < N_MERGE_TABLES; t++)
    {
      const MergeTable *desc = &merge_tables[t];
      TableShape *shape = &merge->shapes[t];
      g_autofree char *sql = NULL;

      if (!read_shape (reader->project, desc->table, shape, error))
        return FALSE;

      sql = g_strdup_printf ("SELECT %s, %s, t.modified FROM main.%s AS t WHERE t.uuid = ?1",
                             shape->data_sql, desc->owner_sql != NULL ? desc->owner_sql : "NULL", desc->table);
      reader->project_row[t] = prepare (reader->project, sql, error);
      if (reader->project_row[t] == NULL)
        return FALSE;

      g_free (sql);
      sql = g_strdup_printf ("SELECT %s FROM main.%s AS t WHERE t.uuid = ?1", desc->label_sql, desc->table);
      reader->label[0][t] = prepare (reader->project, sql, error);
      reader->label[1][t] = prepare (reader->contribution, sql, error);
      if (reader->label[0][t] == NULL || reader->label[1][t] == NULL)
        return FALSE;

      if (desc->keys[0] != NULL)
        {
          g_autoptr(GString) where = g_string_new (NULL);

          for (guint k = 0; desc->keys[k] != NULL; k++)
            {
              int f = column_index (shape, desc->keys[k]);
              const char *parent = g_ptr_array_index (shape->parents, f);

              g_string_append_printf (where, "%s t.\"%s\" = ", k > 0 ? " AND" : "", desc->keys[k]);
              if (*parent != '\0')
                g_string_append_printf (where, "(SELECT id FROM main.%s WHERE uuid = json_extract (?1, '$[%d]'))",
                                        parent, f);
              else
                g_string_append_printf (where, "json_extract (?1, '$[%d]')", f);
            }
          g_free (sql);
          sql = g_strdup_printf ("SELECT t.uuid, %s, %s, t.modified FROM main.%s AS t WHERE %s",
                                 shape->data_sql, desc->owner_sql != NULL ? desc->owner_sql : "NULL",
                                 desc->table, where->str);
          reader->project_key[t] = prepare (reader->project, sql, error);
          if (reader->project_key[t] == NULL)
            return FALSE;
        }
    }

  return TRUE;
}

TissageMerge *
tissage_merge_prepare (TissageDocument  *project,
                       GFile            *contribution,
                       GError          **error)
{
  g_autoptr(TissageMerge) merge = g_new0 (TissageMerge, 1);
  g_autoptr(TissageDocument) copy = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *name = display_name (contribution);
  g_autofree char *project_uuid = NULL;
  g_autofree char *own_uuid = NULL;
  g_autofree char *other_project = NULL;
  Reader reader = { 0, };
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (project), NULL);
  g_return_val_if_fail (G_IS_FILE (contribution), NULL);

  merge->project = g_object_ref (project);
  merge->actions = g_array_new (FALSE, TRUE, sizeof (Action));
  g_array_set_clear_func (merge->actions, action_clear);
  merge->conflicts = g_ptr_array_new_with_free_func (conflict_free);
  merge->places = g_array_new (FALSE, FALSE, sizeof (ConflictPlace));
  merge->added = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  merge->bases = g_array_new (FALSE, TRUE, sizeof (BaseUpdate));
  g_array_set_clear_func (merge->bases, base_update_clear);
  for (guint t = 0; t < N_MERGE_TABLES; t++)
    {
      merge->sections[t].label = _(merge_tables[t].section);
      merge->sections[t].table = merge_tables[t].table;
      merge->sections[t].items = g_ptr_array_new_with_free_func (g_free);
    }

  if (tissage_contribution_describe (project, NULL, NULL, NULL))
    {
      refuse (error, _("This file is itself a contribution: merge contributions into the project."));
      return NULL;
    }

  copy = tissage_document_open_for_reading (contribution, &local_error);
  if (copy == NULL)
    {
      if (g_error_matches (local_error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_NEWER_VERSION))
        refuse (error, _("The contribution “%s” was made with a newer version of Tissage: update Tissage to merge it. The project is unchanged."), name);
      else
        refuse (error, _("The contribution “%s” cannot be merged: %s The project is unchanged."), name, local_error->message);
      return NULL;
    }
  if (tissage_document_get_schema_version (copy) > TISSAGE_SCHEMA_VERSION)
    {
      refuse (error, _("The contribution “%s” was made with a newer version of Tissage: update Tissage to merge it. The project is unchanged."), name);
      return NULL;
    }
  if (tissage_document_get_repaired (copy))
    {
      refuse (error, _("The contribution “%s” is damaged or holds what Tissage did not write: it is refused and the project is unchanged."), name);
      return NULL;
    }

  reader.project = tissage_document_get_db (project);
  reader.contribution = tissage_document_get_db (copy);

  if (sqlite3_prepare_v2 (reader.contribution,
                          "SELECT uuid, project_uuid, structure_uuid, structure_name, created, project_name"
                          " FROM main.contribution ORDER BY id LIMIT 1", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    {
      merge->contribution_uuid = tissage_sql_dup_text (stmt, 0);
      project_uuid = tissage_sql_dup_text (stmt, 1);
      merge->structure_uuid = tissage_sql_dup_text (stmt, 2);
      merge->structure_name = tissage_sql_dup_text (stmt, 3);
      merge->created = tissage_sql_dup_text (stmt, 4);
      other_project = tissage_sql_dup_text (stmt, 5);
    }
  sqlite3_finalize (stmt);

  own_uuid = query_text (reader.project, "SELECT uuid FROM main.project ORDER BY id LIMIT 1", NULL);

  /* Not a contribution: another full copy of this project, which two
   * coordinators filled apart, or another project's file. */
  if (merge->contribution_uuid == NULL)
    {
      g_autofree char *copy_uuid = query_text (reader.contribution, "SELECT uuid FROM main.project ORDER BY id LIMIT 1", NULL);
      g_autofree char *copy_name = query_text (reader.contribution, "SELECT name FROM main.project ORDER BY id LIMIT 1", NULL);
      GFile *own_file = tissage_document_get_file (project);

      if (copy_uuid == NULL || g_strcmp0 (copy_uuid, own_uuid) != 0)
        {
          refuse (error, _("“%s” is another project (“%s”), neither a copy of this one nor one of its contributions: it cannot be merged into it. The project is unchanged."),
                  name, copy_name != NULL ? copy_name : "");
          return NULL;
        }
      if (own_file != NULL && g_file_equal (own_file, contribution))
        {
          refuse (error, _("Choose another copy of the project, not the project itself."));
          return NULL;
        }
      merge->full_copy = TRUE;
      /* Its merges are remembered under the project's own UUID: every
       * copy of the project is the same project. */
      merge->contribution_uuid = g_strdup (own_uuid);
      merge->structure_name = g_strdup (copy_name != NULL ? copy_name : "");
      merge->created = query_text (reader.contribution,
                                   "SELECT max (modified) FROM (SELECT modified FROM main.project"
                                   " UNION ALL SELECT modified FROM main.interviews UNION ALL SELECT modified FROM main.answers"
                                   " UNION ALL SELECT modified FROM main.deletions)", NULL);
      if (merge->created == NULL)
        merge->created = g_strdup ("");
      project_uuid = g_strdup (own_uuid);
    }

  if (g_strcmp0 (own_uuid, project_uuid) != 0)
    {
      refuse (error, _("“%s” is a contribution to another project (“%s”): it cannot be merged into this one. The project is unchanged."),
              name, other_project);
      return NULL;
    }

  if (!merge->full_copy)
  {
    g_autofree char *here = query_text (reader.project, "SELECT name FROM main.structures WHERE uuid = ?1",
                                        merge->structure_uuid);

    if (here == NULL)
      {
        refuse (error, _("The member structure “%s” of this contribution is no longer in the project: add it back to merge its contribution."),
                merge->structure_name);
        return NULL;
      }
    g_free (merge->structure_name);
    merge->structure_name = g_steal_pointer (&here);
  }

  {
    gint64 start = g_get_monotonic_time ();
    /* One read transaction on each side: each lookup would take and drop
     * the file's lock otherwise. */
    gboolean reading = sqlite3_get_autocommit (reader.project) &&
                       sqlite3_exec (reader.project, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;

    sqlite3_exec (reader.contribution, "BEGIN", NULL, NULL, NULL);
    ok = prepare_reader (merge, &reader, error) && (merge->full_copy || check_kept (merge, &reader, error));
    g_debug ("merge: checked what is kept in %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
    if (ok && merge->full_copy)
      {
        merge->divergence = find_divergence (reader.project, reader.contribution);
        merge->project_deleted = read_deleted (reader.project);
        merge->copy_deleted = read_deleted (reader.contribution);
        g_debug ("merge: two copies parted after %s", merge->divergence);
      }
    for (guint t = 0; ok && t < N_MERGE_TABLES; t++)
      {
        if (merge_tables[t].copies_only && !merge->full_copy)
          continue;
        start = g_get_monotonic_time ();
        ok = plan_table (merge, &reader, t, seen, error);
        g_debug ("merge: %s planned in %.0f ms", merge_tables[t].table, (g_get_monotonic_time () - start) / 1000.0);
      }
    start = g_get_monotonic_time ();
    ok = ok && (merge->full_copy ? plan_copy_deletions (merge, &reader, seen, error)
                                 : plan_deletions (merge, &reader, seen, error));
    g_debug ("merge: deletions planned in %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
    reader_clear (&reader);
    memset (&reader, 0, sizeof reader);
    reader.project = tissage_document_get_db (project);
    reader.contribution = tissage_document_get_db (copy);
    sqlite3_exec (reader.contribution, "COMMIT", NULL, NULL, NULL);
    if (reading)
      sqlite3_exec (reader.project, "COMMIT", NULL, NULL, NULL);
  }

  reader_clear (&reader);

  if (!ok)
    return NULL;

  return g_steal_pointer (&merge);
}

const char *
tissage_merge_get_structure_name (TissageMerge *merge)
{
  return merge->structure_name;
}

gboolean
tissage_merge_is_full_copy (TissageMerge *merge)
{
  return merge->full_copy;
}

guint
tissage_merge_get_n_sections (TissageMerge *merge)
{
  (void) merge;
  return N_MERGE_TABLES;
}

const TissageMergeSection *
tissage_merge_get_section (TissageMerge *merge,
                           guint         index)
{
  g_return_val_if_fail (index < N_MERGE_TABLES, NULL);
  return &merge->sections[index];
}

GPtrArray *
tissage_merge_get_conflicts (TissageMerge *merge)
{
  return merge->conflicts;
}

guint
tissage_merge_get_n_changes (TissageMerge *merge)
{
  guint n = 0;

  for (guint t = 0; t < N_MERGE_TABLES; t++)
    n += merge->sections[t].added + merge->sections[t].changed + merge->sections[t].deleted;
  return n;
}

guint
tissage_merge_get_n_left_out (TissageMerge *merge)
{
  return merge->left_out;
}

char *
tissage_merge_dup_summary (TissageMerge *merge)
{
  GString *out = g_string_new (NULL);

  {
    g_autofree char *when = tissage_text_format_stamp (merge->created, TRUE);

    if (merge->full_copy)
      g_string_append_printf (out, _("Another copy of the project “%s”, last changed on %s"), merge->structure_name, when);
    else
      g_string_append_printf (out, _("Contribution of “%s”, prepared on %s"), merge->structure_name, when);
  }
  g_string_append_c (out, '\n');

  if (tissage_merge_get_n_changes (merge) == 0)
    {
      g_string_append (out, _("Nothing new to merge."));
      g_string_append_c (out, '\n');
    }
  else
    for (guint t = 0; t < N_MERGE_TABLES; t++)
      {
        TissageMergeSection *section = &merge->sections[t];

        if (section->added + section->changed + section->deleted == 0)
          continue;
        g_string_append_printf (out, _("%s — additions: %u, changes: %u, deletions: %u"),
                                section->label, section->added, section->changed, section->deleted);
        g_string_append_c (out, '\n');
      }

  for (guint i = 0; i < merge->conflicts->len; i++)
    {
      TissageMergeConflict *conflict = g_ptr_array_index (merge->conflicts, i);
      g_autofree char *section = g_utf8_strdown (conflict->section, -1);

      if (merge->full_copy)
        g_string_append_printf (out, _("Conflict in %s, “%s”, %s: project “%s”, other copy “%s”"),
                                section, conflict->row, conflict->field,
                                conflict->project_value, conflict->contribution_value);
      else
        g_string_append_printf (out, _("Conflict in %s, “%s”, %s: project “%s”, contribution “%s”"),
                                section, conflict->row, conflict->field,
                                conflict->project_value, conflict->contribution_value);
      g_string_append_c (out, '\n');
    }

  if (merge->left_out > 0)
    {
      g_string_append_printf (out, g_dngettext (NULL, "%u row left out: what it refers to is no longer in the project.",
                                                "%u rows left out: what they refer to is no longer in the project.",
                                                merge->left_out), merge->left_out);
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

/* Statements of the apply, one set a table. */
typedef struct {
  sqlite3_stmt *insert;
  sqlite3_stmt *update;
  sqlite3_stmt *delete;
} Writer;

static char *
values_sql (TableShape *shape,
            gboolean    for_update)
{
  GString *sql = g_string_new (NULL);

  for (guint f = 0; f < shape->columns->len; f++)
    {
      const char *column = g_ptr_array_index (shape->columns, f);
      const char *parent = g_ptr_array_index (shape->parents, f);

      if (f > 0)
        g_string_append (sql, ", ");
      if (for_update)
        g_string_append_printf (sql, "\"%s\" = ", column);
      if (*parent != '\0')
        g_string_append_printf (sql, "(SELECT id FROM main.%s WHERE uuid = json_extract (?3, '$[%u]'))", parent, f);
      else
        g_string_append_printf (sql, "json_extract (?3, '$[%u]')", f);
    }
  return g_string_free (sql, FALSE);
}

static gboolean
prepare_writer (sqlite3     *db,
                TableShape  *shape,
                const char  *table,
                Writer      *writer)
{
  g_autoptr(GString) columns = g_string_new (NULL);
  g_autofree char *values = values_sql (shape, FALSE);
  g_autofree char *sets = values_sql (shape, TRUE);
  g_autofree char *insert = NULL;
  g_autofree char *update = NULL;
  g_autofree char *delete = g_strdup_printf ("DELETE FROM main.%s WHERE uuid = ?1", table);

  for (guint f = 0; f < shape->columns->len; f++)
    g_string_append_printf (columns, ", \"%s\"", (const char *) g_ptr_array_index (shape->columns, f));
  insert = g_strdup_printf ("INSERT INTO main.%s (uuid, modified%s) VALUES (?1, ?2, %s)", table, columns->str, values);
  update = g_strdup_printf ("UPDATE main.%s SET modified = ?2, %s WHERE uuid = ?1", table, sets);

  return sqlite3_prepare_v2 (db, insert, -1, &writer->insert, NULL) == SQLITE_OK &&
         sqlite3_prepare_v2 (db, update, -1, &writer->update, NULL) == SQLITE_OK &&
         sqlite3_prepare_v2 (db, delete, -1, &writer->delete, NULL) == SQLITE_OK;
}

static TissageMergeChoice
choice_of (TissageMerge       *merge,
           guint               conflict,
           TissageMergeChoice  prefer)
{
  TissageMergeConflict *c = g_ptr_array_index (merge->conflicts, conflict);

  return c->choice != TISSAGE_MERGE_CHOICE_NONE ? c->choice : prefer;
}

static int
run (sqlite3_stmt *stmt,
     const char   *uuid,
     const char   *modified,
     const char   *data)
{
  int rc;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  if (modified != NULL)
    sqlite3_bind_text (stmt, 2, modified, -1, SQLITE_STATIC);
  if (data != NULL)
    sqlite3_bind_text (stmt, 3, data, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return rc;
}

static gboolean
write_actions (TissageMerge       *merge,
               sqlite3            *db,
               Writer             *writers,
               TissageMergeChoice  prefer,
               GError            **error)
{
  g_autofree char *now = now_timestamp ();
  g_autofree char *merge_uuid = NULL;
  guint added = 0, changed = 0, deleted = 0;
  sqlite3_stmt *base = NULL;
  sqlite3_stmt *log = NULL;
  int rc;

  /* Added and changed rows parents first, as planned; deletions last. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < merge->actions->len; i++)
      {
        Action *action = &g_array_index (merge->actions, Action, i);
        Writer *writer = &writers[action->table];
        gboolean row_conflict = action->conflicts != NULL && action->kind != ACTION_CHANGE;

        if ((pass == 0) == (action->kind == ACTION_DELETE))
          continue;
        if (row_conflict &&
            choice_of (merge, g_array_index (action->conflicts, guint, 0), prefer) != TISSAGE_MERGE_CHOICE_CONTRIBUTION)
          continue;

        if (action->kind == ACTION_ADD)
          {
            rc = run (writer->insert, action->uuid, action->modified, action->data);
            if ((rc & 0xff) == SQLITE_CONSTRAINT)
              {
                merge->left_out++;
                continue;
              }
            if (rc != SQLITE_DONE)
              {
                set_db_error (error, db);
                return FALSE;
              }
            added++;
          }
        else if (action->kind == ACTION_DELETE)
          {
            rc = run (writer->delete, action->uuid, NULL, NULL);
            /* A guide still holding interviews the project added stays. */
            if ((rc & 0xff) == SQLITE_CONSTRAINT)
              {
                merge->left_out++;
                continue;
              }
            if (rc != SQLITE_DONE)
              {
                set_db_error (error, db);
                return FALSE;
              }
            deleted += sqlite3_changes (db) > 0;
          }
        else
          {
            g_autoptr(GPtrArray) result = g_ptr_array_new ();
            g_autofree char *data = NULL;
            gboolean all_theirs = TRUE, any_new = FALSE;
            guint next_conflict = 0;

            for (guint f = 0; f < action->states->len; f++)
              {
                FieldState state = g_array_index (action->states, FieldState, f);
                gboolean theirs;

                if (state == FIELD_CONFLICT)
                  theirs = choice_of (merge, g_array_index (action->conflicts, guint, next_conflict++), prefer)
                           == TISSAGE_MERGE_CHOICE_CONTRIBUTION;
                else
                  theirs = state == FIELD_TAKE || state == FIELD_SAME;

                g_ptr_array_add (result, g_ptr_array_index (theirs ? action->contribution : action->project, f));
                all_theirs &= theirs || g_str_equal (g_ptr_array_index (action->project, f),
                                                      g_ptr_array_index (action->contribution, f));
                any_new |= theirs && state != FIELD_SAME;
              }
            if (!any_new)
              continue;

            data = join_data (result);
            rc = run (writer->update, action->uuid, all_theirs ? action->modified : now, data);
            if ((rc & 0xff) == SQLITE_CONSTRAINT)
              {
                merge->left_out++;
                continue;
              }
            if (rc != SQLITE_DONE)
              {
                set_db_error (error, db);
                return FALSE;
              }
            changed++;
          }
      }

  if (sqlite3_prepare_v2 (db,
                          "INSERT INTO main.merge_bases (uuid, modified, contribution_uuid, row_uuid, row_modified, data)"
                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (contribution_uuid, row_uuid)"
                          " DO UPDATE SET modified = excluded.modified, row_modified = excluded.row_modified, data = excluded.data",
                          -1, &base, NULL) != SQLITE_OK)
    {
      set_db_error (error, db);
      return FALSE;
    }
  for (guint i = 0; i < merge->bases->len; i++)
    {
      BaseUpdate *update = &g_array_index (merge->bases, BaseUpdate, i);
      g_autofree char *uuid = g_uuid_string_random ();

      sqlite3_bind_text (base, 1, uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (base, 2, now, -1, SQLITE_STATIC);
      sqlite3_bind_text (base, 3, merge->contribution_uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (base, 4, update->key, -1, SQLITE_STATIC);
      sqlite3_bind_text (base, 5, update->modified, -1, SQLITE_STATIC);
      sqlite3_bind_text (base, 6, update->data, -1, SQLITE_STATIC);
      rc = sqlite3_step (base);
      sqlite3_reset (base);
      if (rc != SQLITE_DONE)
        {
          sqlite3_finalize (base);
          set_db_error (error, db);
          return FALSE;
        }
    }
  sqlite3_finalize (base);

  if (added + changed + deleted == 0)
    return TRUE;

  /* Which contribution came back, when, and what it brought. */
  merge_uuid = g_uuid_string_random ();
  if (sqlite3_prepare_v2 (db,
                          "INSERT INTO main.merges (uuid, modified, contribution_uuid, structure_uuid,"
                          " contribution_created, added, changed, deleted, conflicts, kept_contribution)"
                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", -1, &log, NULL) == SQLITE_OK)
    {
      guint theirs = 0;

      for (guint i = 0; i < merge->conflicts->len; i++)
        theirs += choice_of (merge, i, prefer) == TISSAGE_MERGE_CHOICE_CONTRIBUTION;

      sqlite3_bind_text (log, 1, merge_uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (log, 2, now, -1, SQLITE_STATIC);
      sqlite3_bind_text (log, 3, merge->contribution_uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (log, 4, merge->structure_uuid != NULL ? merge->structure_uuid : "", -1, SQLITE_STATIC);
      sqlite3_bind_text (log, 5, merge->created, -1, SQLITE_STATIC);
      sqlite3_bind_int (log, 6, (int) added);
      sqlite3_bind_int (log, 7, (int) changed);
      sqlite3_bind_int (log, 8, (int) deleted);
      sqlite3_bind_int (log, 9, (int) merge->conflicts->len);
      sqlite3_bind_int (log, 10, (int) theirs);
      rc = sqlite3_step (log);
    }
  else
    rc = SQLITE_ERROR;
  sqlite3_finalize (log);
  if (rc != SQLITE_DONE)
    {
      set_db_error (error, db);
      return FALSE;
    }

  /* What it brought, section by section, as the summary showed it. */
  if (sqlite3_prepare_v2 (db,
                          "INSERT INTO main.merge_sections (uuid, modified, merge_uuid, tbl, added, changed, deleted)"
                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", -1, &log, NULL) != SQLITE_OK)
    {
      set_db_error (error, db);
      return FALSE;
    }
  for (guint t = 0; t < N_MERGE_TABLES; t++)
    {
      TissageMergeSection *section = &merge->sections[t];
      g_autofree char *uuid = g_uuid_string_random ();

      if (section->added + section->changed + section->deleted == 0)
        continue;
      sqlite3_bind_text (log, 1, uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (log, 2, now, -1, SQLITE_STATIC);
      sqlite3_bind_text (log, 3, merge_uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (log, 4, merge_tables[t].table, -1, SQLITE_STATIC);
      sqlite3_bind_int (log, 5, (int) section->added);
      sqlite3_bind_int (log, 6, (int) section->changed);
      sqlite3_bind_int (log, 7, (int) section->deleted);
      rc = sqlite3_step (log);
      sqlite3_reset (log);
      if (rc != SQLITE_DONE)
        {
          sqlite3_finalize (log);
          set_db_error (error, db);
          return FALSE;
        }
    }
  sqlite3_finalize (log);

  return TRUE;
}

gboolean
tissage_merge_apply (TissageMerge       *merge,
                     TissageMergeChoice  prefer,
                     GError            **error)
{
  Writer writers[N_MERGE_TABLES] = { { 0, } };
  sqlite3 *db;
  gboolean ok = TRUE;

  g_return_val_if_fail (merge != NULL, FALSE);
  g_return_val_if_fail (!merge->applied, FALSE);

  for (guint i = 0; i < merge->conflicts->len; i++)
    if (choice_of (merge, i, prefer) == TISSAGE_MERGE_CHOICE_NONE)
      {
        refuse (error, g_dngettext (NULL,
                                    "%u conflict is not settled: choose the project’s value or the contribution’s. Nothing was merged.",
                                    "%u conflicts are not settled: choose the project’s values or the contribution’s. Nothing was merged.",
                                    merge->conflicts->len), merge->conflicts->len);
        return FALSE;
      }

  if (merge->bases->len == 0 && merge->actions->len == 0)
    return TRUE;

  db = tissage_document_get_db (merge->project);
  if (!tissage_document_begin (merge->project, merge->full_copy ? _("Merge another copy of the project") : _("Merge a contribution"), error))
    return FALSE;

  merge->left_out = 0;
  for (guint t = 0; ok && t < N_MERGE_TABLES; t++)
    if (!prepare_writer (db, &merge->shapes[t], merge_tables[t].table, &writers[t]))
      {
        set_db_error (error, db);
        ok = FALSE;
      }

  /* Rows may refer to rows added after them in the same table. */
  ok = ok && sqlite3_exec (db, "PRAGMA defer_foreign_keys = ON", NULL, NULL, NULL) == SQLITE_OK;
  {
    gint64 start = g_get_monotonic_time ();

    ok = ok && write_actions (merge, db, writers, prefer, error);
    g_debug ("merge: written in %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
  }

  for (guint t = 0; t < N_MERGE_TABLES; t++)
    {
      sqlite3_finalize (writers[t].insert);
      sqlite3_finalize (writers[t].update);
      sqlite3_finalize (writers[t].delete);
    }

  if (!ok)
    {
      tissage_document_rollback (merge->project);
      return FALSE;
    }

  {
    gint64 start = g_get_monotonic_time ();

    if (!tissage_document_commit (merge->project, error))
      return FALSE;
    g_debug ("merge: committed in %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
  }

  merge->applied = TRUE;
  return TRUE;
}

/* Update */

/* The coordination's tables, parents first: the periods are referred to by
 * the indicators' period targets. */
static const char *
update_table (guint i)
{
  guint skipped = 0;

  if (i == 0)
    return "periods";
  for (guint k = 0; k < G_N_ELEMENTS (kept_tables); k++)
    if (!g_str_equal (kept_tables[k].table, "periods") && ++skipped == i)
      return kept_tables[k].table;
  g_assert_not_reached ();
}

/* Brings the contribution's rows of @table to the project's, matched by
 * UUID: changed in place (what the structure wrote refers to them by id),
 * added, deleted. A row whose parent the copy does not hold is left out. */
static gboolean
update_kept_table (sqlite3     *project,
                   sqlite3     *copy,
                   const char  *table,
                   const char  *now,
                   guint       *left_out,
                   GError     **error)
{
  TableShape shape = { 0, };
  Writer writer = { 0, };
  g_autofree char *read_sql = NULL;
  g_autofree char *gone_sql = NULL;
  sqlite3_stmt *read = NULL;
  sqlite3_stmt *exists = NULL;
  g_autofree char *exists_sql = g_strdup_printf ("SELECT 1 FROM main.%s WHERE uuid = ?1", table);
  g_autoptr(GString) uuids = g_string_new ("[");
  gboolean ok = TRUE;
  int rc;

  if (!read_shape (project, table, &shape, error))
    {
      table_shape_clear (&shape);
      return FALSE;
    }
  read_sql = g_strdup_printf ("SELECT t.uuid, t.modified, %s FROM main.%s AS t ORDER BY t.id", shape.data_sql, table);
  if (sqlite3_prepare_v2 (project, read_sql, -1, &read, NULL) != SQLITE_OK)
    {
      set_db_error (error, project);
      table_shape_clear (&shape);
      return FALSE;
    }
  if (!prepare_writer (copy, &shape, table, &writer) ||
      sqlite3_prepare_v2 (copy, exists_sql, -1, &exists, NULL) != SQLITE_OK)
    {
      set_db_error (error, copy);
      ok = FALSE;
    }

  while (ok && (rc = sqlite3_step (read)) == SQLITE_ROW)
    {
      const char *uuid = (const char *) sqlite3_column_text (read, 0);
      const char *modified = (const char *) sqlite3_column_text (read, 1);
      const char *data = (const char *) sqlite3_column_text (read, 2);
      gboolean present;

      sqlite3_bind_text (exists, 1, uuid, -1, SQLITE_STATIC);
      present = sqlite3_step (exists) == SQLITE_ROW;
      sqlite3_reset (exists);
      rc = run (present ? writer.update : writer.insert, uuid, modified != NULL ? modified : now, data);
      if ((rc & 0xff) == SQLITE_CONSTRAINT)
        {
          /* What refers to a person the copy does not hold was never in
           * it (the copy keeps only what its structure may read); a row
           * it held goes below, and is counted. */
          *left_out += present;
          continue;
        }
      if (rc != SQLITE_DONE)
        {
          set_db_error (error, copy);
          ok = FALSE;
          break;
        }
      if (uuids->len > 1)
        g_string_append_c (uuids, ',');
      g_string_append_c (uuids, '"');
      g_string_append (uuids, uuid);
      g_string_append_c (uuids, '"');
    }
  g_string_append_c (uuids, ']');

  /* What the coordination deleted goes from the copy too. */
  if (ok)
    {
      sqlite3_stmt *gone = NULL;

      gone_sql = g_strdup_printf ("DELETE FROM main.%s WHERE uuid NOT IN (SELECT value FROM json_each (?1))", table);
      ok = sqlite3_prepare_v2 (copy, gone_sql, -1, &gone, NULL) == SQLITE_OK;
      if (ok)
        {
          sqlite3_bind_text (gone, 1, uuids->str, -1, SQLITE_STATIC);
          ok = sqlite3_step (gone) == SQLITE_DONE;
        }
      sqlite3_finalize (gone);
      if (!ok)
        set_db_error (error, copy);
    }

  sqlite3_finalize (read);
  sqlite3_finalize (exists);
  sqlite3_finalize (writer.insert);
  sqlite3_finalize (writer.update);
  sqlite3_finalize (writer.delete);
  table_shape_clear (&shape);
  return ok;
}

/* The copy's base of @table made again from its rows: the merge checks the
 * coordination's tables against it, and finds them as sent. */
static gboolean
rebase_kept_table (sqlite3     *copy,
                   const char  *table,
                   GError     **error)
{
  TableShape shape = { 0, };
  g_autofree char *sql = NULL;
  gboolean ok;

  if (!read_shape (copy, table, &shape, error))
    {
      table_shape_clear (&shape);
      return FALSE;
    }
  sql = g_strdup_printf ("DELETE FROM main.contribution_base WHERE tbl = '%1$s';"
                         "INSERT INTO main.contribution_base (uuid, modified, tbl, data)"
                         " SELECT '%1$s/' || t.uuid, t.modified, '%1$s', %2$s FROM main.%1$s AS t",
                         table, shape.data_sql);
  ok = exec_or_fail (copy, sql, error);
  table_shape_clear (&shape);
  return ok;
}

/* A guide or a question the coordination deleted that the structure's
 * unsent interviews use cannot go from the copy without them: refused,
 * saying which and how many, rather than losing the structure's work. */
static gboolean
check_kept_deletions (sqlite3     *project,
                      sqlite3     *copy,
                      GError     **error)
{
  g_autofree char *grids = query_text (project, "SELECT json_group_array (uuid) FROM main.grids", NULL);
  g_autofree char *questions = query_text (project, "SELECT json_group_array (uuid) FROM main.grid_questions", NULL);
  g_autofree char *structure = query_text (copy, "SELECT structure_name FROM main.contribution ORDER BY id LIMIT 1", NULL);
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;

  if (sqlite3_prepare_v2 (copy,
                          "SELECT g.title, count (*) FROM main.grids g JOIN main.interviews i ON i.grid_id = g.id"
                          " WHERE g.uuid NOT IN (SELECT value FROM json_each (?1)) GROUP BY g.id ORDER BY g.id LIMIT 1",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      set_db_error (error, copy);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, grids != NULL ? grids : "[]", -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      guint n = (guint) sqlite3_column_int (stmt, 1);

      refuse (error, g_dngettext (NULL,
                                  "The coordination deleted the interview guide “%s”, which %u interview of “%s” in this contribution uses: merge the contribution first, or restore the guide, then update it. The contribution is unchanged.",
                                  "The coordination deleted the interview guide “%s”, which %u interviews of “%s” in this contribution use: merge the contribution first, or restore the guide, then update it. The contribution is unchanged.",
                                  n),
              (const char *) sqlite3_column_text (stmt, 0), n, structure != NULL ? structure : "");
      ok = FALSE;
    }
  sqlite3_finalize (stmt);
  if (!ok)
    return FALSE;

  if (sqlite3_prepare_v2 (copy,
                          "SELECT q.text, g.title, count (*) FROM main.grid_questions q JOIN main.grids g ON g.id = q.grid_id"
                          " JOIN main.answers a ON a.question_id = q.id"
                          " WHERE q.uuid NOT IN (SELECT value FROM json_each (?1)) AND g.uuid IN (SELECT value FROM json_each (?2))"
                          " GROUP BY q.id ORDER BY q.id LIMIT 1",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      set_db_error (error, copy);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, questions != NULL ? questions : "[]", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, grids != NULL ? grids : "[]", -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      guint n = (guint) sqlite3_column_int (stmt, 2);

      refuse (error, g_dngettext (NULL,
                                  "The coordination deleted the question “%s” of the guide “%s”, which %u answer of “%s” in this contribution replies to: merge the contribution first, or restore the question, then update it. The contribution is unchanged.",
                                  "The coordination deleted the question “%s” of the guide “%s”, which %u answers of “%s” in this contribution reply to: merge the contribution first, or restore the question, then update it. The contribution is unchanged.",
                                  n),
              (const char *) sqlite3_column_text (stmt, 0), (const char *) sqlite3_column_text (stmt, 1), n,
              structure != NULL ? structure : "");
      ok = FALSE;
    }
  sqlite3_finalize (stmt);
  return ok;
}

gboolean
tissage_contribution_update (TissageDocument  *project,
                             GFile            *contribution,
                             guint            *n_left_out,
                             GError          **error)
{
  g_autoptr(TissageDocument) copy = NULL;
  g_autofree char *name = NULL;
  g_autofree char *project_uuid = NULL;
  g_autofree char *copy_project = NULL;
  g_autofree char *now = now_timestamp ();
  g_autoptr(GError) local_error = NULL;
  sqlite3 *source, *db;
  guint left_out = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (project), FALSE);
  g_return_val_if_fail (G_IS_FILE (contribution), FALSE);

  name = display_name (contribution);
  source = tissage_document_get_db (project);
  if (tissage_contribution_describe (project, NULL, NULL, NULL))
    {
      refuse (error, _("This file is a contribution: update contributions from the project itself."));
      return FALSE;
    }
  if (g_file_equal (contribution, tissage_document_get_file (project)))
    {
      refuse (error, _("Choose a contribution of this project, not the project itself."));
      return FALSE;
    }

  copy = tissage_document_open (contribution, &local_error);
  if (copy == NULL)
    {
      g_set_error (error, TISSAGE_DOCUMENT_ERROR, local_error->code,
                   _("The contribution “%s” could not be updated: %s"), name, local_error->message);
      return FALSE;
    }
  if (tissage_document_get_read_only (copy))
    {
      g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_READ_ONLY,
                   _("The contribution “%s” could not be updated: %s"), name,
                   tissage_document_get_read_only_reason (copy));
      return FALSE;
    }
  if (!tissage_contribution_describe (copy, NULL, NULL, NULL))
    {
      refuse (error, _("“%s” is not a contribution: prepare one from the project first."), name);
      return FALSE;
    }
  db = tissage_document_get_db (copy);
  project_uuid = query_text (source, "SELECT uuid FROM main.project ORDER BY id LIMIT 1", NULL);
  copy_project = query_text (db, "SELECT project_uuid FROM main.contribution ORDER BY id LIMIT 1", NULL);
  if (project_uuid == NULL || g_strcmp0 (project_uuid, copy_project) != 0)
    {
      refuse (error, _("“%s” is a contribution to another project: it is left as it was."), name);
      return FALSE;
    }

  if (!check_kept_deletions (source, db, error))
    return FALSE;

  /* One step: the copy is updated whole or not at all. */
  if (!tissage_document_begin (copy, _("Update from the coordination"), error))
    return FALSE;
  ok = exec_or_fail (db, "PRAGMA defer_foreign_keys = ON", error);
  for (guint i = 0; ok && i < G_N_ELEMENTS (kept_tables); i++)
    ok = update_kept_table (source, db, update_table (i), now, &left_out, error);
  for (guint i = 0; ok && i < G_N_ELEMENTS (kept_tables); i++)
    ok = rebase_kept_table (db, kept_tables[i].table, error);
  if (!ok)
    {
      tissage_document_rollback (copy);
      return FALSE;
    }
  if (!tissage_document_commit (copy, error))
    return FALSE;

  {
    g_autofree char *contribution_uuid = query_text (db, "SELECT uuid FROM main.contribution ORDER BY id LIMIT 1", NULL);
    g_autofree char *structure_uuid = query_text (db, "SELECT structure_uuid FROM main.contribution ORDER BY id LIMIT 1", NULL);
    g_autofree char *structure_name = query_text (db, "SELECT structure_name FROM main.contribution ORDER BY id LIMIT 1", NULL);
    g_autofree char *path = g_file_get_path (contribution);

    record_export (project, contribution_uuid, structure_uuid, structure_name != NULL ? structure_name : "",
                   path != NULL ? path : name, TRUE);
  }

  if (n_left_out != NULL)
    *n_left_out = left_out;
  return TRUE;
}

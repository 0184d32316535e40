/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-core"

#include "config.h"

#include <glib/gi18n.h>

#include "tissage-contribution-private.h"
#include "tissage-entities.h"
#include "tissage-interviews.h"
#include "tissage-referentiel.h"

/* What every part of a contribution shares: the tables a merge
 * carries, the shape of their rows, what a file says it is, and what a
 * contribution lets its structure edit. */

#define OWNER_INTERVIEW(i) "(SELECT s.uuid FROM main.interviews i JOIN main.structures s ON s.id = i.structure_id WHERE i.id = " i ")"
#define OWNER_ANSWER(a) OWNER_INTERVIEW ("(SELECT interview_id FROM main.answers WHERE id = " a ")")
#define OWNER_VERBATIM(v) OWNER_ANSWER ("(SELECT answer_id FROM main.verbatims WHERE id = " v ")")

#define SHARED(table, section, type, label, ...) \
  { table, section, type, NULL, NULL, { __VA_ARGS__ }, label, TRUE }
#define NAME_OF(table, column, id) "(SELECT " column " FROM main." table " WHERE id = " id ")"

/* In an order where the rows referred to come first. The tables marked
 * copies_only are the coordination's: they merge only between two full
 * copies of the project, where both sides are coordinators. */
const MergeTable tissage_merge_tables[] = {
  SHARED ("categories", N_("Categories"), tissage_category_get_type, "t.name", NULL),
  SHARED ("structures", N_("Member structures"), tissage_structure_get_type, "t.name", NULL),
  /* Before the links and the joint actions, which may begin in a period. */
  SHARED ("periods", N_("Periods"), tissage_period_get_type, "t.label", NULL),
  { "stakeholders", N_("Stakeholders"), tissage_stakeholder_get_type, NULL, NULL,
    { NULL }, "t.name", FALSE },
  { "links", N_("Links"), tissage_link_get_type, NULL, NULL,
    { "source_id", "target_id", "kind", NULL },
    "(SELECT name FROM main.stakeholders WHERE id = t.source_id) || ' — ' || (SELECT name FROM main.stakeholders WHERE id = t.target_id)", FALSE },
  /* Cooperation in time (schema version 8) is the map's, shared like the
   * links: no structure owns it, and a structure's contribution may date
   * the links it knows, set their strength in a period, and add the joint
   * actions it took part in with their partners; the coordination's
   * changes to the same rows are conflicts like any other. */
  { "link_strengths", N_("Strengths of the links by period"), tissage_link_strength_get_type, NULL, NULL,
    { "link_id", "period_id", NULL },
    "(SELECT (SELECT name FROM main.stakeholders WHERE id = l.source_id) || ' — ' || (SELECT name FROM main.stakeholders WHERE id = l.target_id)"
    " FROM main.links l WHERE l.id = t.link_id) || ' — ' || " NAME_OF ("periods", "label", "t.period_id"), FALSE },
  { "actions", N_("Joint actions"), tissage_action_get_type, NULL, NULL,
    { NULL }, "t.title", FALSE },
  { "action_partners", N_("Partners of the joint actions"), tissage_action_partner_get_type, NULL, NULL,
    { "action_id", "stakeholder_id", NULL },
    NAME_OF ("actions", "title", "t.action_id") " || ' — ' || " NAME_OF ("stakeholders", "name", "t.stakeholder_id"), FALSE },
  SHARED ("stakes", N_("Stakes"), tissage_stake_get_type, "t.title", NULL),
  SHARED ("eval_questions", N_("Evaluation questions"), tissage_eval_question_get_type, "t.title", NULL),
  SHARED ("effects", N_("Effects"), tissage_effect_get_type, "t.title", NULL),
  SHARED ("effect_stakeholders", N_("Stakeholders of the effects"), tissage_effect_stakeholder_get_type, NAME_OF ("effects", "title", "t.effect_id") " || ' — ' || coalesce (" NAME_OF ("stakeholders", "name", "t.stakeholder_id")
          ", " NAME_OF ("categories", "name", "t.category_id") ", '')", NULL),
  SHARED ("indicators", N_("Indicators"), tissage_indicator_get_type, "t.title", NULL),
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

G_STATIC_ASSERT (G_N_ELEMENTS (tissage_merge_tables) == N_MERGE_TABLES);

/* What only the coordinator changes, and what a contribution must hold as
 * it was made. */
const KeptTable tissage_kept_tables[] = {
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

G_STATIC_ASSERT (G_N_ELEMENTS (tissage_kept_tables) == N_KEPT_TABLES);

void
tissage_table_shape_clear (TableShape *shape)
{
  g_clear_pointer (&shape->columns, g_ptr_array_unref);
  g_clear_pointer (&shape->parents, g_ptr_array_unref);
  g_clear_pointer (&shape->data_sql, g_free);
}

void
tissage_contribution_set_db_error (GError  **error,
                                   sqlite3  *db)
{
  g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_FAILED,
               _("The project could not be written: %s"), sqlite3_errmsg (db));
}

gboolean
tissage_table_shape_read (sqlite3     *db,
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
      tissage_contribution_set_db_error (error, db);
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

int
tissage_table_shape_column (TableShape *shape,
                            const char *column)
{
  for (guint i = 0; i < shape->columns->len; i++)
    if (g_str_equal (g_ptr_array_index (shape->columns, i), column))
      return (int) i;
  return -1;
}

char *
tissage_contribution_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}

char *
tissage_contribution_display_name (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);

  return path != NULL ? g_filename_display_basename (path) : g_file_get_parse_name (file);
}

char *
tissage_contribution_query_text (sqlite3    *db,
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
tissage_contribution_exec (sqlite3     *db,
                           const char  *sql,
                           GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) == SQLITE_OK)
    return TRUE;
  tissage_contribution_set_db_error (error, db);
  return FALSE;
}

void
tissage_contribution_refuse (GError     **error,
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

  for (guint i = 0; i < G_N_ELEMENTS (tissage_kept_tables) && !kept; i++)
    kept = g_str_equal (tissage_kept_tables[i].table, table);

  if (!kept || !tissage_contribution_describe (document, NULL, NULL, NULL))
    return TRUE;

  g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_READ_ONLY,
                       _("In a contribution, the référentiel, the interview guides and the periods are the coordination’s: ask the coordinator to change them."));
  return FALSE;
}

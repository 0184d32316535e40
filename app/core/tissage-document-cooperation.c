/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-core"

#include "config.h"

#include <glib/gi18n.h>

#include "tissage-document-private.h"
#include "tissage-entities.h"
#include "tissage-referentiel.h"

/* Cooperation in time: the strength of a link in a period, and joint
 * actions, which strengthen or create the links among their partners in
 * the same undo step. */

#define COOPERATION_KIND "coopération"

static gint64
query_id (TissageDocument *self,
          const char      *sql,
          gint64           a,
          gint64           b)
{
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;

  if (sqlite3_prepare_v2 (tissage_document_get_db (self), sql, -1, &stmt, NULL) != SQLITE_OK)
    return 0;
  sqlite3_bind_int64 (stmt, 1, a);
  sqlite3_bind_int64 (stmt, 2, b);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return id;
}

/**
 * tissage_document_find_period_of_date:
 * @iso: an ISO date
 *
 * Returns: the first period (in their order) whose dates hold @iso, or 0
 */
gint64
tissage_document_find_period_of_date (TissageDocument *self,
                                      const char      *iso)
{
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), 0);

  if (iso == NULL || *iso == '\0')
    return 0;
  if (sqlite3_prepare_v2 (tissage_document_get_db (self),
                          "SELECT id FROM periods WHERE start_date <> '' AND end_date <> ''"
                          " AND start_date <= ?1 AND end_date >= ?1 ORDER BY position, id LIMIT 1",
                          -1, &stmt, NULL) != SQLITE_OK)
    return 0;
  sqlite3_bind_text (stmt, 1, iso, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return id;
}

/**
 * tissage_document_get_link_strength:
 * @period_id: a period, or 0
 *
 * Returns: the strength of @link in the period, its own if none was set
 *   for it
 */
int
tissage_document_get_link_strength (TissageDocument *self,
                                    TissageLink     *link,
                                    gint64           period_id)
{
  sqlite3_stmt *stmt = NULL;
  int strength;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), 0);
  g_return_val_if_fail (TISSAGE_IS_LINK (link), 0);

  strength = tissage_link_get_strength (link);
  if (period_id == 0)
    return strength;
  if (sqlite3_prepare_v2 (tissage_document_get_db (self),
                          "SELECT strength FROM link_strengths WHERE link_id = ? AND period_id = ?",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, tissage_record_id (link));
      sqlite3_bind_int64 (stmt, 2, period_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        strength = CLAMP (sqlite3_column_int (stmt, 0), 1, 3);
    }
  sqlite3_finalize (stmt);
  return strength;
}

/**
 * tissage_document_set_link_strength:
 * @strength: 1 to 3, or 0 to go back to the link's own strength
 *
 * Sets the strength of @link in one period: one undo step.
 */
gboolean
tissage_document_set_link_strength (TissageDocument  *self,
                                    TissageLink      *link,
                                    gint64            period_id,
                                    int               strength,
                                    GError          **error)
{
  g_autoptr(TissageRecord) existing = NULL;
  g_autoptr(TissageRecord) created = NULL;
  gint64 id;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (TISSAGE_IS_LINK (link), FALSE);

  if (period_id == 0 || tissage_document_lookup (self, TISSAGE_TYPE_PERIOD, period_id) == NULL)
    {
      g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                           _("Choose the period of this strength."));
      return FALSE;
    }

  id = query_id (self, "SELECT id FROM link_strengths WHERE link_id = ? AND period_id = ?",
                 tissage_record_id (link), period_id);
  if (id != 0)
    existing = tissage_document_fetch (self, TISSAGE_TYPE_LINK_STRENGTH, id);
  if (strength == 0)
    return existing == NULL || tissage_document_delete (self, existing, error);
  if (existing != NULL)
    return tissage_document_set (self, existing, error, "strength", strength, NULL);

  created = tissage_document_insert (self, TISSAGE_TYPE_LINK_STRENGTH, error,
                                     "link-id", tissage_record_id (link),
                                     "period-id", period_id,
                                     "strength", strength,
                                     NULL);
  return created != NULL;
}

/**
 * tissage_document_dup_action_partners:
 *
 * Returns: (transfer full): the stakeholders of @action, gint64 ids in the
 *   order they were added
 */
GArray *
tissage_document_dup_action_partners (TissageDocument *self,
                                      TissageAction   *action)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GListModel *partners;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), ids);
  g_return_val_if_fail (TISSAGE_IS_ACTION (action), ids);

  partners = tissage_document_get_records (self, TISSAGE_TYPE_ACTION_PARTNER);
  for (guint i = 0; i < g_list_model_get_n_items (partners); i++)
    {
      g_autoptr(TissageActionPartner) partner = g_list_model_get_item (partners, i);

      if (tissage_action_partner_get_action_id (partner) == tissage_record_id (action))
        {
          gint64 id = tissage_action_partner_get_stakeholder_id (partner);

          g_array_append_val (ids, id);
        }
    }
  return ids;
}

static gboolean
contains (const gint64 *ids,
          guint         n_ids,
          gint64        id)
{
  for (guint i = 0; i < n_ids; i++)
    if (ids[i] == id)
      return TRUE;
  return FALSE;
}

/* The link of two partners is strengthened in the action's period (its
 * own strength when the action has none), or created, beginning when the
 * action took place. */
static gboolean
weave_pair (TissageDocument     *self,
            TissageAction       *action,
            gint64               a,
            gint64               b,
            TissageActionLinks  *links,
            GError             **error)
{
  const char *date = tissage_action_get_date (action);
  gint64 period = tissage_action_get_period_id (action);
  TissageLink *link = tissage_document_find_link (self, a, b, COOPERATION_KIND, 0);
  int strength;

  if (link == NULL)
    {
      g_autoptr(TissageLink) created = NULL;

      created = tissage_document_insert (self, TISSAGE_TYPE_LINK, error,
                                         "source-id", a,
                                         "target-id", b,
                                         "kind", COOPERATION_KIND,
                                         "strength", 1,
                                         "start-date", period != 0 ? "" : date,
                                         "start-period-id", period,
                                         NULL);
      if (created == NULL)
        return FALSE;
      links->created++;
      return TRUE;
    }

  if (period == 0)
    period = tissage_document_find_period_of_date (self, date);
  strength = tissage_document_get_link_strength (self, link, period);
  if (strength >= 3)
    return TRUE;
  if (period != 0 ? !tissage_document_set_link_strength (self, link, period, strength + 1, error)
                  : !tissage_document_set (self, link, error, "strength", strength + 1, NULL))
    return FALSE;
  links->strengthened++;
  return TRUE;
}

static gboolean
check_partners (TissageDocument  *self,
                const gint64     *partners,
                guint             n_partners,
                GError          **error)
{
  guint distinct = 0;

  for (guint i = 0; i < n_partners; i++)
    {
      if (tissage_document_lookup (self, TISSAGE_TYPE_STAKEHOLDER, partners[i]) == NULL)
        {
          g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                               _("A partner of this joint action is no longer among the stakeholders."));
          return FALSE;
        }
      distinct += !contains (partners, i, partners[i]);
    }
  if (distinct < 2)
    {
      g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                           _("A joint action brings together two partners or more: choose them among the stakeholders."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
apply_partners (TissageDocument     *self,
                TissageAction       *action,
                const gint64        *partners,
                guint                n_partners,
                TissageActionLinks  *links,
                GError             **error)
{
  g_autoptr(GArray) before = tissage_document_dup_action_partners (self, action);
  GListModel *rows = tissage_document_get_records (self, TISSAGE_TYPE_ACTION_PARTNER);
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(TissageActionPartner) row = g_list_model_get_item (rows, i);

      if (tissage_action_partner_get_action_id (row) == tissage_record_id (action) &&
          !contains (partners, n_partners, tissage_action_partner_get_stakeholder_id (row)))
        g_ptr_array_add (gone, g_object_ref (row));
    }
  for (guint i = 0; i < gone->len; i++)
    if (!tissage_document_delete (self, g_ptr_array_index (gone, i), error))
      return FALSE;

  for (guint i = 0; i < n_partners; i++)
    {
      g_autoptr(TissageActionPartner) added = NULL;

      if (contains ((const gint64 *) before->data, before->len, partners[i]) || contains (partners, i, partners[i]))
        continue;
      added = tissage_document_insert (self, TISSAGE_TYPE_ACTION_PARTNER, error,
                                       "action-id", tissage_record_id (action),
                                       "stakeholder-id", partners[i],
                                       NULL);
      if (added == NULL)
        return FALSE;
    }

  /* Only the pairs the action did not already hold: editing an action
   * does not strengthen its links again. */
  for (guint i = 0; i < n_partners; i++)
    for (guint j = i + 1; j < n_partners; j++)
      {
        if (partners[i] == partners[j] || contains (partners, i, partners[j]))
          continue;
        if (contains ((const gint64 *) before->data, before->len, partners[i]) &&
            contains ((const gint64 *) before->data, before->len, partners[j]))
          continue;
        if (!weave_pair (self, action, partners[i], partners[j], links, error))
          return FALSE;
      }

  return TRUE;
}

/**
 * tissage_document_add_action:
 * @date: an ISO date, or "" (then @period_id, or neither)
 * @partners: the stakeholders taking part, two or more
 * @links: (out caller-allocates) (optional): how many links it created
 *   and strengthened
 *
 * Adds a joint action with its partners, and strengthens or creates the
 * links among them: one transaction, one undo step.
 *
 * Returns: (transfer full) (nullable): the action
 */
TissageAction *
tissage_document_add_action (TissageDocument     *self,
                             const char          *title,
                             TissageActionKind    kind,
                             const char          *date,
                             gint64               period_id,
                             const gint64        *partners,
                             guint                n_partners,
                             TissageActionLinks  *links,
                             GError             **error)
{
  g_autoptr(TissageAction) action = NULL;
  TissageActionLinks counted = { 0, };

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), NULL);

  if (!check_partners (self, partners, n_partners, error) ||
      !tissage_document_begin (self, _("Add a joint action"), error))
    return NULL;

  action = tissage_document_insert (self, TISSAGE_TYPE_ACTION, error,
                                    "title", title,
                                    "kind", (int) kind,
                                    "date", date != NULL ? date : "",
                                    "period-id", period_id,
                                    NULL);
  if (action == NULL ||
      !apply_partners (self, action, partners, n_partners, &counted, error) ||
      !tissage_document_commit (self, error))
    {
      tissage_document_rollback (self);
      return NULL;
    }

  if (links != NULL)
    *links = counted;
  return g_steal_pointer (&action);
}

/**
 * tissage_document_set_action_partners:
 *
 * Makes @partners the partners of @action, and strengthens or creates the
 * links of the pairs it did not hold yet: one undo step.
 */
gboolean
tissage_document_set_action_partners (TissageDocument     *self,
                                      TissageAction       *action,
                                      const gint64        *partners,
                                      guint                n_partners,
                                      TissageActionLinks  *links,
                                      GError             **error)
{
  TissageActionLinks counted = { 0, };

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (TISSAGE_IS_ACTION (action), FALSE);

  if (!check_partners (self, partners, n_partners, error) ||
      !tissage_document_begin (self, _("Change the partners of a joint action"), error))
    return FALSE;

  if (!apply_partners (self, action, partners, n_partners, &counted, error) ||
      !tissage_document_commit (self, error))
    {
      tissage_document_rollback (self);
      return FALSE;
    }

  if (links != NULL)
    *links = counted;
  return TRUE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-core"

#include "config.h"

#include <glib/gi18n.h>

#include "tissage-document-private.h"
#include "tissage-members.h"

static gint64
member_category (TissageDocument *self)
{
  GListModel *categories = tissage_document_get_categories (self);

  for (guint i = 0; i < g_list_model_get_n_items (categories); i++)
    {
      g_autoptr(TissageCategory) category = g_list_model_get_item (categories, i);
      g_autofree char *builtin = NULL;

      g_object_get (category, "builtin", &builtin, NULL);
      if (g_strcmp0 (builtin, "structures-membres") == 0)
        return tissage_record_get_id (TISSAGE_RECORD (category));
    }

  return 0;
}

static gboolean
same_name (const char *a,
           const char *b)
{
  g_autofree char *fa = g_utf8_casefold (a != NULL ? a : "", -1);
  g_autofree char *fb = g_utf8_casefold (b != NULL ? b : "", -1);
  g_autofree char *na = g_utf8_normalize (g_strstrip (fa), -1, G_NORMALIZE_ALL);
  g_autofree char *nb = g_utf8_normalize (g_strstrip (fb), -1, G_NORMALIZE_ALL);

  return g_strcmp0 (na, nb) == 0;
}

/**
 * tissage_document_get_structure_stakeholder:
 *
 * Returns: (transfer none) (nullable): the stakeholder that stands for the
 *   member structure on the map: marked as a member and attached to it
 */
TissageStakeholder *
tissage_document_get_structure_stakeholder (TissageDocument *self,
                                            gint64           structure_id)
{
  GListModel *stakeholders;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), NULL);

  if (structure_id == 0)
    return NULL;

  stakeholders = tissage_document_get_stakeholders (self);
  for (guint i = 0; i < g_list_model_get_n_items (stakeholders); i++)
    {
      g_autoptr(TissageStakeholder) stakeholder = g_list_model_get_item (stakeholders, i);

      if (tissage_stakeholder_get_is_member (stakeholder) &&
          tissage_stakeholder_get_structure_id (stakeholder) == structure_id)
        return stakeholder;
    }

  return NULL;
}

/**
 * tissage_document_add_member_structure:
 *
 * A new member structure, and its stakeholder in the core of the map, in
 * the « Structures membres » category.
 *
 * Returns: (transfer full): the structure, or %NULL with @error set
 */
TissageStructure *
tissage_document_add_member_structure (TissageDocument  *self,
                                       const char       *name,
                                       GError          **error)
{
  g_autoptr(TissageStructure) structure = NULL;
  g_autoptr(TissageStakeholder) stakeholder = NULL;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (!tissage_document_begin (self, _("Add a member structure"), error))
    return NULL;

  structure = tissage_document_insert (self, TISSAGE_TYPE_STRUCTURE, error,
                                       "name", name,
                                       "position", (int) g_list_model_get_n_items (tissage_document_get_structures (self)),
                                       NULL);
  if (structure != NULL)
    stakeholder = tissage_document_insert (self, TISSAGE_TYPE_STAKEHOLDER, error,
                                           "name", name,
                                           "category-id", member_category (self),
                                           "structure-id", tissage_record_get_id (TISSAGE_RECORD (structure)),
                                           "is-member", TRUE,
                                           "proximity", (int) TISSAGE_PROXIMITY_CORE,
                                           NULL);
  if (stakeholder == NULL || !tissage_document_commit (self, error))
    {
      tissage_document_rollback (self);
      return NULL;
    }

  return g_steal_pointer (&structure);
}

/**
 * tissage_document_set_stakeholder_member:
 *
 * Marks @stakeholder as a member structure of the collective, or no longer.
 * A new member is attached to its structure: the one it was attached to,
 * else the one of the same name, else a new one named after it.
 */
gboolean
tissage_document_set_stakeholder_member (TissageDocument     *self,
                                         TissageStakeholder  *stakeholder,
                                         gboolean             member,
                                         GError             **error)
{
  gint64 structure_id;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (TISSAGE_IS_STAKEHOLDER (stakeholder), FALSE);

  if (!member || tissage_stakeholder_get_structure_id (stakeholder) != 0)
    return tissage_document_set (self, stakeholder, error, "is-member", member, NULL);

  if (!tissage_document_begin (self, _("Edit a member structure"), error))
    return FALSE;

  structure_id = 0;
  {
    GListModel *structures = tissage_document_get_structures (self);

    for (guint i = 0; i < g_list_model_get_n_items (structures) && structure_id == 0; i++)
      {
        g_autoptr(TissageStructure) structure = g_list_model_get_item (structures, i);

        if (same_name (tissage_structure_get_name (structure), tissage_stakeholder_get_name (stakeholder)))
          structure_id = tissage_record_get_id (TISSAGE_RECORD (structure));
      }
  }

  if (structure_id == 0)
    {
      g_autoptr(TissageStructure) structure =
        tissage_document_insert (self, TISSAGE_TYPE_STRUCTURE, error,
                                 "name", tissage_stakeholder_get_name (stakeholder),
                                 "position", (int) g_list_model_get_n_items (tissage_document_get_structures (self)),
                                 NULL);

      if (structure == NULL)
        {
          tissage_document_rollback (self);
          return FALSE;
        }
      structure_id = tissage_record_get_id (TISSAGE_RECORD (structure));
    }

  if (!tissage_document_set (self, stakeholder, error,
                             "is-member", TRUE,
                             "structure-id", structure_id,
                             NULL) ||
      !tissage_document_commit (self, error))
    {
      tissage_document_rollback (self);
      return FALSE;
    }

  return TRUE;
}

/**
 * tissage_document_rename_structure:
 *
 * Renames a member structure and, if it still bears the same name, the
 * stakeholder that stands for it. Typing a name letter by letter undoes as
 * one step.
 */
gboolean
tissage_document_rename_structure (TissageDocument   *self,
                                   TissageStructure  *structure,
                                   const char        *name,
                                   GError           **error)
{
  TissageStakeholder *stakeholder;
  g_autofree char *merge_key = NULL;
  g_autofree char *old_name = NULL;
  gint64 id;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (TISSAGE_IS_STRUCTURE (structure), FALSE);

  id = tissage_record_get_id (TISSAGE_RECORD (structure));
  old_name = g_strdup (tissage_structure_get_name (structure));
  stakeholder = tissage_document_get_structure_stakeholder (self, id);
  if (stakeholder != NULL && g_strcmp0 (tissage_stakeholder_get_name (stakeholder), old_name) != 0)
    stakeholder = NULL;

  if (!tissage_document_begin (self, _("Edit a member structure"), error))
    return FALSE;
  merge_key = g_strdup_printf ("structures:%" G_GINT64_FORMAT ":name", id);
  tissage_document_set_merge_key (self, merge_key);

  if (!tissage_document_set (self, structure, error, "name", name, NULL) ||
      (stakeholder != NULL && !tissage_document_set (self, stakeholder, error, "name", name, NULL)) ||
      !tissage_document_commit (self, error))
    {
      tissage_document_rollback (self);
      return FALSE;
    }

  return TRUE;
}

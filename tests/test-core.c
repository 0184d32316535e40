/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <string.h>
#include <sqlite3.h>

#include "tissage-document-private.h"
#include "tissage-members.h"
#include "tissage-interviews.h"
#include "tissage-schema.h"
#include "tissage-test-utils.h"
#include "tissage-text.h"
#include "test-core-private.h"

char *
fixture_path (Fixture    *fixture,
              const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

TissageDocument *
new_document (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  TissageDocument *document = tissage_document_create (fixture->file, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  return document;
}

TissageCategory *
category_by_builtin (TissageDocument *document,
                     const char      *key)
{
  GListModel *categories = tissage_document_get_categories (document);

  for (guint i = 0; i < g_list_model_get_n_items (categories); i++)
    {
      g_autoptr(TissageCategory) category = g_list_model_get_item (categories, i);
      g_autofree char *builtin = NULL;

      g_object_get (category, "builtin", &builtin, NULL);
      if (g_strcmp0 (builtin, key) == 0)
        return category;
    }

  return NULL;
}

static void
test_stakeholder_crud (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(TissageDocument) document = new_document (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageStructure) structure = NULL;
  g_autoptr(TissageStakeholder) stakeholder = NULL;
  TissageCategory *category = category_by_builtin (document, "financeurs");
  GListModel *stakeholders = tissage_document_get_stakeholders (document);
  gint64 id;

  structure = tissage_document_insert (document, TISSAGE_TYPE_STRUCTURE, &error,
                                       "name", "Mission locale",
                                       "kind", "Association",
                                       "territory", "Quartier Nord",
                                       NULL);
  g_assert_no_error (error);
  g_assert_cmpstr (tissage_structure_get_territory (structure), ==, "Quartier Nord");

  stakeholder = tissage_document_insert (document, TISSAGE_TYPE_STAKEHOLDER, &error,
                                         "name", "Département",
                                         "category-id", tissage_record_get_id (TISSAGE_RECORD (category)),
                                         "structure-id", tissage_record_get_id (TISSAGE_RECORD (structure)),
                                         "influence", 90,
                                         "interest", 40,
                                         "proximity", TISSAGE_PROXIMITY_ENGAGED,
                                         NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (stakeholders), ==, 1);
  g_assert_cmpint (tissage_stakeholder_get_influence (stakeholder), ==, 90);
  g_assert_false (tissage_stakeholder_get_position (stakeholder, NULL, NULL));
  g_assert_cmpuint (strlen (tissage_record_get_uuid (TISSAGE_RECORD (stakeholder))), ==, 36);
  id = tissage_record_get_id (TISSAGE_RECORD (stakeholder));
  g_assert_true (tissage_document_lookup (document, TISSAGE_TYPE_STAKEHOLDER, id) == stakeholder);

  tissage_document_set (document, stakeholder, &error,
                        "description", "Chef de file de l'insertion",
                        "x", 12.5, "y", -3.0,
                        NULL);
  g_assert_no_error (error);
  g_assert_cmpstr (tissage_stakeholder_get_description (stakeholder), ==, "Chef de file de l'insertion");
  {
    double x, y;
    g_assert_true (tissage_stakeholder_get_position (stakeholder, &x, &y));
    g_assert_cmpfloat (x, ==, 12.5);
    g_assert_cmpfloat (y, ==, -3.0);
  }

  /* Deleting the structure forgets it in the stakeholder. */
  tissage_document_delete (document, structure, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tissage_stakeholder_get_structure_id (stakeholder), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (tissage_document_get_structures (document)), ==, 0);

  tissage_document_delete (document, stakeholder, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (stakeholders), ==, 0);
  g_assert_null (tissage_document_lookup (document, TISSAGE_TYPE_STAKEHOLDER, id));

  /* What was written is in the file, for another connection to read. */
  g_clear_object (&document);
  document = tissage_document_open (fixture->file, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (tissage_document_get_stakeholders (document)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (tissage_document_get_categories (document)), ==, 10);
}

static void
test_reopen_keeps_values (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(TissageDocument) document = new_document (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageStakeholder) stakeholder = NULL;
  TissageStakeholder *reopened;

  stakeholder = tissage_document_insert (document, TISSAGE_TYPE_STAKEHOLDER, &error,
                                         "name", "Habitants du quartier « Les Tilleuls »",
                                         "contact", "Conseil citoyen, réunion le 1er mardi",
                                         "is-member", TRUE,
                                         "interest", 100,
                                         "influence", 0,
                                         NULL);
  g_assert_no_error (error);
  g_clear_object (&document);

  document = tissage_document_open (fixture->file, &error);
  g_assert_no_error (error);
  reopened = tissage_document_lookup (document, TISSAGE_TYPE_STAKEHOLDER,
                                      tissage_record_get_id (TISSAGE_RECORD (stakeholder)));
  g_assert_nonnull (reopened);
  g_assert_cmpstr (tissage_stakeholder_get_name (reopened), ==, "Habitants du quartier « Les Tilleuls »");
  g_assert_cmpstr (tissage_stakeholder_get_contact (reopened), ==, "Conseil citoyen, réunion le 1er mardi");
  g_assert_true (tissage_stakeholder_get_is_member (reopened));
  g_assert_cmpint (tissage_stakeholder_get_interest (reopened), ==, 100);
  g_assert_cmpint (tissage_stakeholder_get_influence (reopened), ==, 0);
  g_assert_cmpstr (tissage_record_get_uuid (TISSAGE_RECORD (reopened)), ==,
                   tissage_record_get_uuid (TISSAGE_RECORD (stakeholder)));
}

static void
test_invalid_values (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(TissageDocument) document = new_document (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageStakeholder) stakeholder = NULL;
  g_autoptr(TissageStakeholder) refused = NULL;
  g_autoptr(TissageLink) link = NULL;
  gboolean ok;

  stakeholder = tissage_document_insert (document, TISSAGE_TYPE_STAKEHOLDER, &error,
                                         "name", "CAF", NULL);
  g_assert_no_error (error);

  ok = tissage_document_set (document, stakeholder, &error, "influence", 150, NULL);
  g_assert_false (ok);
  g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "100"));
  g_clear_error (&error);
  g_assert_cmpint (tissage_stakeholder_get_influence (stakeholder), ==, 50);
  g_assert_cmpint (query_count (document, "SELECT influence FROM stakeholders"), ==, 50);

  ok = tissage_document_set (document, stakeholder, &error, "name", "   ", NULL);
  g_assert_false (ok);
  g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_cmpstr (tissage_stakeholder_get_name (stakeholder), ==, "CAF");

  refused = tissage_document_insert (document, TISSAGE_TYPE_STAKEHOLDER, &error,
                                     "description", "sans nom", NULL);
  g_assert_null (refused);
  g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  ok = tissage_document_set (document, stakeholder, &error, "x", INFINITY, NULL);
  g_assert_false (ok);
  g_clear_error (&error);

  link = tissage_document_insert (document, TISSAGE_TYPE_LINK, &error,
                                  "source-id", tissage_record_get_id (TISSAGE_RECORD (stakeholder)),
                                  "target-id", tissage_record_get_id (TISSAGE_RECORD (stakeholder)),
                                  NULL);
  g_assert_null (link);
  g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  /* A link to a stakeholder that does not exist is refused by the file. */
  link = tissage_document_insert (document, TISSAGE_TYPE_LINK, &error,
                                  "source-id", tissage_record_get_id (TISSAGE_RECORD (stakeholder)),
                                  "target-id", (gint64) 9999,
                                  NULL);
  g_assert_null (link);
  g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  g_assert_cmpint (query_count (document, "SELECT count (*) FROM links"), ==, 0);
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM stakeholders"), ==, 1);

  /* Failed edits leave nothing to undo but the insert. */
  g_assert_cmpstr (tissage_document_get_undo_label (document), ==, g_dgettext (GETTEXT_PACKAGE, "Add a stakeholder"));
}

/* A second identical link (same two stakeholders, same kind, either way
 * round) is refused with a French message; another kind is welcome, and
 * editing a link into a copy of another is refused too. */
static void
test_duplicate_link (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(TissageDocument) document = new_document (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageStakeholder) a = NULL;
  g_autoptr(TissageStakeholder) b = NULL;
  g_autoptr(TissageLink) first = NULL;
  g_autoptr(TissageLink) again = NULL;
  g_autoptr(TissageLink) other = NULL;
  gint64 a_id, b_id;

  a = tissage_document_insert (document, TISSAGE_TYPE_STAKEHOLDER, &error, "name", "Centre social", NULL);
  b = tissage_document_insert (document, TISSAGE_TYPE_STAKEHOLDER, &error, "name", "Régie de quartier", NULL);
  g_assert_no_error (error);
  a_id = tissage_record_get_id (TISSAGE_RECORD (a));
  b_id = tissage_record_get_id (TISSAGE_RECORD (b));

  first = tissage_document_insert (document, TISSAGE_TYPE_LINK, &error,
                                   "source-id", a_id, "target-id", b_id, "kind", "coopération", NULL);
  g_assert_no_error (error);
  g_assert_true (tissage_document_find_link (document, b_id, a_id, "Coopération", 0) == first);
  g_assert_null (tissage_document_find_link (document, b_id, a_id, "coopération",
                                             tissage_record_get_id (TISSAGE_RECORD (first))));

  again = tissage_document_insert (document, TISSAGE_TYPE_LINK, &error,
                                   "source-id", b_id, "target-id", a_id, "kind", "coopération", NULL);
  g_assert_null (again);
  g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "Centre social"));
  g_assert_nonnull (strstr (error->message, "coopération"));
  g_clear_error (&error);
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM links"), ==, 1);

  other = tissage_document_insert (document, TISSAGE_TYPE_LINK, &error,
                                   "source-id", a_id, "target-id", b_id, "kind", "financement", NULL);
  g_assert_no_error (error);
  g_assert_nonnull (other);

  g_assert_false (tissage_document_set (document, other, &error, "kind", "coopération", NULL));
  g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_cmpstr (tissage_link_get_kind (other), ==, "financement");

  /* Editing a link's own strength is no duplicate of itself */
  g_assert_true (tissage_document_set (document, first, &error, "strength", 3, NULL));
  g_assert_no_error (error);
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM links"), ==, 2);
}

/* A member structure and the stakeholder that stands for it are one thing */
static void
test_member_structures (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(TissageDocument) document = new_document (fixture);
  GListModel *structures = tissage_document_get_structures (document);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageStakeholder) regie = NULL;
  g_autoptr(TissageStakeholder) centre = NULL;
  g_autoptr(TissageStructure) existing = NULL;
  g_autoptr(TissageStructure) added = NULL;
  TissageStakeholder *stands_for;
  TissageCategory *members = category_by_builtin (document, "structures-membres");

  /* Marked as a member: a structure of its name is made and attached */
  regie = tissage_document_insert (document, TISSAGE_TYPE_STAKEHOLDER, &error, "name", "Régie de quartier", NULL);
  g_assert_no_error (error);
  g_assert_true (tissage_document_set_stakeholder_member (document, regie, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (tissage_stakeholder_get_is_member (regie));
  g_assert_cmpuint (g_list_model_get_n_items (structures), ==, 1);
  {
    g_autoptr(TissageStructure) made = g_list_model_get_item (structures, 0);

    g_assert_cmpstr (tissage_structure_get_name (made), ==, "Régie de quartier");
    g_assert_cmpint (tissage_stakeholder_get_structure_id (regie), ==, tissage_record_get_id (TISSAGE_RECORD (made)));
    g_assert_true (tissage_document_get_structure_stakeholder (document, tissage_record_get_id (TISSAGE_RECORD (made))) == regie);
  }
  /* One step to undo */
  g_assert_true (tissage_document_undo (document, &error));
  g_assert_false (tissage_stakeholder_get_is_member (regie));
  g_assert_cmpint (tissage_stakeholder_get_structure_id (regie), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (structures), ==, 0);

  /* A structure of the same name (whatever the case) is the one */
  existing = tissage_document_insert (document, TISSAGE_TYPE_STRUCTURE, &error, "name", "Centre social  ", NULL);
  centre = tissage_document_insert (document, TISSAGE_TYPE_STAKEHOLDER, &error, "name", "centre SOCIAL", NULL);
  g_assert_no_error (error);
  g_assert_true (tissage_document_set_stakeholder_member (document, centre, TRUE, &error));
  g_assert_cmpuint (g_list_model_get_n_items (structures), ==, 1);
  g_assert_cmpint (tissage_stakeholder_get_structure_id (centre), ==, tissage_record_get_id (TISSAGE_RECORD (existing)));

  /* No longer a member: it stays attached to the structure */
  g_assert_true (tissage_document_set_stakeholder_member (document, centre, FALSE, &error));
  g_assert_false (tissage_stakeholder_get_is_member (centre));
  g_assert_cmpint (tissage_stakeholder_get_structure_id (centre), ==, tissage_record_get_id (TISSAGE_RECORD (existing)));
  g_assert_null (tissage_document_get_structure_stakeholder (document, tissage_record_get_id (TISSAGE_RECORD (existing))));

  /* A new structure comes with its stakeholder, in the core of the map */
  added = tissage_document_add_member_structure (document, "Nouvelle structure", &error);
  g_assert_no_error (error);
  stands_for = tissage_document_get_structure_stakeholder (document, tissage_record_get_id (TISSAGE_RECORD (added)));
  g_assert_nonnull (stands_for);
  g_assert_cmpstr (tissage_stakeholder_get_name (stands_for), ==, "Nouvelle structure");
  g_assert_cmpint (tissage_stakeholder_get_category_id (stands_for), ==, tissage_record_get_id (TISSAGE_RECORD (members)));
  g_assert_cmpint (tissage_stakeholder_get_proximity (stands_for), ==, TISSAGE_PROXIMITY_CORE);

  /* Renamed letter by letter: both follow, and undo is one step */
  g_assert_true (tissage_document_rename_structure (document, added, "P", &error));
  g_assert_true (tissage_document_rename_structure (document, added, "PL", &error));
  g_assert_true (tissage_document_rename_structure (document, added, "PLIE", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (tissage_stakeholder_get_name (stands_for), ==, "PLIE");
  g_assert_true (tissage_document_undo (document, &error));
  g_assert_cmpstr (tissage_structure_get_name (added), ==, "Nouvelle structure");
  g_assert_cmpstr (tissage_stakeholder_get_name (stands_for), ==, "Nouvelle structure");

  /* A stakeholder renamed on its own keeps its name */
  g_assert_true (tissage_document_set (document, stands_for, &error, "name", "PLIE de Garonne Agglo", NULL));
  g_assert_true (tissage_document_rename_structure (document, added, "PLIE", &error));
  g_assert_cmpstr (tissage_stakeholder_get_name (stands_for), ==, "PLIE de Garonne Agglo");

  /* Refused names leave both as they were */
  g_assert_false (tissage_document_rename_structure (document, added, "  ", &error));
  g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE);
  g_assert_cmpstr (tissage_structure_get_name (added), ==, "PLIE");
}

static void
test_undo_redo (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(TissageDocument) document = new_document (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageStakeholder) a = NULL;
  g_autoptr(TissageStakeholder) b = NULL;
  g_autoptr(TissageLink) link = NULL;
  GListModel *stakeholders = tissage_document_get_stakeholders (document);
  GListModel *links = tissage_document_get_links (document);
  TissageStakeholder *restored;
  gint64 a_id;

  a = tissage_document_insert (document, TISSAGE_TYPE_STAKEHOLDER, &error, "name", "Centre social", NULL);
  b = tissage_document_insert (document, TISSAGE_TYPE_STAKEHOLDER, &error, "name", "Régie de quartier", NULL);
  link = tissage_document_insert (document, TISSAGE_TYPE_LINK, &error,
                                  "source-id", tissage_record_get_id (TISSAGE_RECORD (a)),
                                  "target-id", tissage_record_get_id (TISSAGE_RECORD (b)),
                                  "kind", "coopération", "strength", 3, NULL);
  g_assert_no_error (error);
  a_id = tissage_record_get_id (TISSAGE_RECORD (a));

  /* Typing a name saves every keystroke but undoes as one step. */
  tissage_document_set (document, a, &error, "name", "Centre social L", NULL);
  tissage_document_set (document, a, &error, "name", "Centre social La", NULL);
  tissage_document_set (document, a, &error, "name", "Centre social La Source", NULL);
  g_assert_no_error (error);
  g_assert_true (tissage_document_undo (document, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (tissage_stakeholder_get_name (a), ==, "Centre social");
  g_assert_true (tissage_document_redo (document, &error));
  g_assert_cmpstr (tissage_stakeholder_get_name (a), ==, "Centre social La Source");

  /* Deleting takes the link with it; undo brings both back. */
  tissage_document_delete (document, a, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (stakeholders), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (links), ==, 0);
  g_assert_cmpstr (tissage_document_get_undo_label (document), ==,
                   g_dgettext (GETTEXT_PACKAGE, "Delete a stakeholder"));

  g_assert_true (tissage_document_undo (document, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (stakeholders), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (links), ==, 1);
  restored = tissage_document_lookup (document, TISSAGE_TYPE_STAKEHOLDER, a_id);
  g_assert_nonnull (restored);
  g_assert_cmpstr (tissage_stakeholder_get_name (restored), ==, "Centre social La Source");
  g_assert_cmpstr (tissage_record_get_uuid (TISSAGE_RECORD (restored)), ==,
                   tissage_record_get_uuid (TISSAGE_RECORD (a)));
  {
    g_autoptr(TissageRecord) first = g_list_model_get_item (stakeholders, 0);
    g_assert_true ((gpointer) first == (gpointer) restored);
  }
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM pragma_foreign_key_check"), ==, 0);

  g_assert_true (tissage_document_redo (document, &error));
  g_assert_cmpuint (g_list_model_get_n_items (links), ==, 0);
  g_assert_true (tissage_document_undo (document, &error));
  g_assert_cmpuint (g_list_model_get_n_items (links), ==, 1);

  /* A new edit forgets what could be redone. */
  g_assert_true (tissage_document_undo (document, &error));
  g_assert_true (tissage_document_can_redo (document));
  tissage_document_set (document, b, &error, "influence", 80, NULL);
  g_assert_false (tissage_document_can_redo (document));

  /* Undo everything: back to the empty project, in the file too. */
  while (tissage_document_can_undo (document))
    g_assert_true (tissage_document_undo (document, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (stakeholders), ==, 0);
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM stakeholders"), ==, 0);
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM links"), ==, 0);
}

static void
test_group (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(TissageDocument) document = new_document (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageStakeholder) a = NULL;
  g_autoptr(TissageStakeholder) b = NULL;

  g_assert_true (tissage_document_begin (document, "Deux ajouts", &error));
  a = tissage_document_insert (document, TISSAGE_TYPE_STAKEHOLDER, &error, "name", "A", NULL);
  b = tissage_document_insert (document, TISSAGE_TYPE_STAKEHOLDER, &error, "name", "B", NULL);
  g_assert_true (tissage_document_commit (document, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (tissage_document_get_undo_label (document), ==, "Deux ajouts");

  g_assert_true (tissage_document_undo (document, &error));
  g_assert_cmpuint (g_list_model_get_n_items (tissage_document_get_stakeholders (document)), ==, 0);
  g_assert_false (tissage_document_can_undo (document));

  /* A rolled back group leaves the models as the file is. */
  g_assert_true (tissage_document_begin (document, "Abandon", &error));
  g_clear_object (&a);
  a = tissage_document_insert (document, TISSAGE_TYPE_STAKEHOLDER, &error, "name", "C", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (tissage_document_get_stakeholders (document)), ==, 1);
  tissage_document_rollback (document);
  g_assert_cmpuint (g_list_model_get_n_items (tissage_document_get_stakeholders (document)), ==, 0);
  g_assert_cmpint (query_count (document, "SELECT count (*) FROM stakeholders"), ==, 0);
  g_assert_false (tissage_document_can_undo (document));
}

static void
test_dependents (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(TissageDocument) document = new_document (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageStakeholder) a = NULL;
  g_autoptr(TissageStakeholder) b = NULL;
  g_autoptr(TissageStakeholder) c = NULL;
  g_autoptr(TissageLink) l1 = NULL;
  g_autoptr(TissageLink) l2 = NULL;
  TissageDependents deps;

  a = tissage_document_insert (document, TISSAGE_TYPE_STAKEHOLDER, &error, "name", "A", NULL);
  b = tissage_document_insert (document, TISSAGE_TYPE_STAKEHOLDER, &error, "name", "B", NULL);
  c = tissage_document_insert (document, TISSAGE_TYPE_STAKEHOLDER, &error, "name", "C", NULL);
  l1 = tissage_document_insert (document, TISSAGE_TYPE_LINK, &error,
                                "source-id", tissage_record_get_id (TISSAGE_RECORD (a)),
                                "target-id", tissage_record_get_id (TISSAGE_RECORD (b)), NULL);
  l2 = tissage_document_insert (document, TISSAGE_TYPE_LINK, &error,
                                "source-id", tissage_record_get_id (TISSAGE_RECORD (c)),
                                "target-id", tissage_record_get_id (TISSAGE_RECORD (a)), NULL);
  g_assert_no_error (error);

  tissage_document_count_dependents (document, a, &deps);
  g_assert_cmpuint (deps.links, ==, 2);
  g_assert_cmpuint (deps.effects, ==, 0);
  g_assert_cmpuint (deps.interviews, ==, 0);
  tissage_document_count_dependents (document, b, &deps);
  g_assert_cmpuint (deps.links, ==, 1);
}

/* Names and titles take up to 200 characters, however they come in; a
 * file that holds a longer one still opens, keeps it, and lets the rest
 * of the record be edited. Other texts keep the document's 1 MiB. */
static void
test_name_length (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(TissageDocument) document = new_document (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageStakeholder) stakeholder = NULL;
  g_autoptr(TissageRecord) refused = NULL;
  g_autoptr(GString) name = g_string_new (NULL);
  g_autoptr(GString) longer = NULL;
  g_autofree char *description = g_strnfill (100000, 'd');
  g_autofree char *sql = NULL;
  const GType named[] = { TISSAGE_TYPE_STRUCTURE, TISSAGE_TYPE_CATEGORY, TISSAGE_TYPE_GRID };
  gint64 id;

  /* Characters are counted, not bytes. */
  for (guint i = 0; i < TISSAGE_NAME_MAX_CHARS; i++)
    g_string_append (name, "é");
  longer = g_string_new (name->str);
  g_string_append_c (longer, 'x');

  stakeholder = tissage_document_insert (document, TISSAGE_TYPE_STAKEHOLDER, &error,
                                         "name", name->str, "description", description, NULL);
  g_assert_no_error (error);
  g_assert_cmpstr (tissage_stakeholder_get_name (stakeholder), ==, name->str);

  g_assert_false (tissage_document_set (document, stakeholder, &error, "name", longer->str, NULL));
  g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "200"));
  g_clear_error (&error);
  g_assert_cmpstr (tissage_stakeholder_get_name (stakeholder), ==, name->str);

  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    {
      const char *column = named[i] == TISSAGE_TYPE_GRID ? "title" : "name";

      refused = tissage_document_insert (document, named[i], &error, column, longer->str, NULL);
      g_assert_null (refused);
      g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE);
      g_clear_error (&error);
    }

  /* Written by another program: opened as it is. */
  id = tissage_record_get_id (TISSAGE_RECORD (stakeholder));
  g_clear_object (&stakeholder);
  sql = g_strdup_printf ("UPDATE stakeholders SET name = name || name WHERE id = %" G_GINT64_FORMAT, id);
  g_assert_cmpint (sqlite3_exec (tissage_document_get_db (document), sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_clear_object (&document);

  document = tissage_document_open (fixture->file, &error);
  g_assert_no_error (error);
  stakeholder = g_object_ref (tissage_document_lookup (document, TISSAGE_TYPE_STAKEHOLDER, id));
  g_assert_cmpuint (g_utf8_strlen (tissage_stakeholder_get_name (stakeholder), -1), ==, 2 * TISSAGE_NAME_MAX_CHARS);
  g_assert_true (tissage_document_set (document, stakeholder, &error, "influence", 80, NULL));
  g_assert_no_error (error);
  g_assert_cmpuint (g_utf8_strlen (tissage_stakeholder_get_name (stakeholder), -1), ==, 2 * TISSAGE_NAME_MAX_CHARS);
}

static void
test_category_and_structure (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(TissageDocument) document = new_document (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageCategory) category = NULL;
  g_autoptr(TissageStakeholder) stakeholder = NULL;

  category = tissage_document_insert (document, TISSAGE_TYPE_CATEGORY, &error,
                                      "name", "Bailleurs sociaux", "color", "#1c71d8", NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (tissage_document_get_categories (document)), ==, 11);

  g_assert_false (tissage_document_set (document, category, &error, "color", "rouge", NULL));
  g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_cmpstr (tissage_category_get_color (category), ==, "#1c71d8");

  stakeholder = tissage_document_insert (document, TISSAGE_TYPE_STAKEHOLDER, &error,
                                         "name", "Habitat 33",
                                         "category-id", tissage_record_get_id (TISSAGE_RECORD (category)),
                                         NULL);
  g_assert_no_error (error);
  tissage_document_delete (document, category, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tissage_stakeholder_get_category_id (stakeholder), ==, 0);
  g_assert_true (tissage_document_undo (document, &error));
  g_assert_cmpint (tissage_stakeholder_get_category_id (stakeholder), ==,
                   tissage_record_get_id (TISSAGE_RECORD (category)));
}

static void
test_example (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = tissage_document_create_example (fixture->file, &error);
  GListModel *stakeholders;
  guint members = 0;
  g_autoptr(GHashTable) used = g_hash_table_new (g_int64_hash, g_int64_equal);
  gint64 ids[64];

  g_assert_no_error (error);
  stakeholders = tissage_document_get_stakeholders (document);
  g_assert_cmpuint (g_list_model_get_n_items (tissage_document_get_structures (document)), >=, 12);
  g_assert_cmpuint (g_list_model_get_n_items (stakeholders), >=, 40);
  g_assert_cmpuint (g_list_model_get_n_items (tissage_document_get_links (document)), >=, 60);
  g_assert_false (tissage_document_can_undo (document));
  g_assert_cmpstr (tissage_project_get_collective (tissage_document_get_project (document)), !=, "");

  for (guint i = 0; i < g_list_model_get_n_items (stakeholders); i++)
    {
      g_autoptr(TissageStakeholder) s = g_list_model_get_item (stakeholders, i);
      guint slot = i % G_N_ELEMENTS (ids);

      members += tissage_stakeholder_get_is_member (s);
      ids[slot] = tissage_stakeholder_get_category_id (s);
      g_assert_cmpint (ids[slot], !=, 0);
      g_hash_table_add (used, &ids[slot]);
    }
  g_assert_cmpuint (members, >=, 12);
  /* Every default category has stakeholders in the example. */
  g_assert_cmpint (query_count (document,
                                "SELECT count (*) FROM categories c WHERE NOT EXISTS "
                                "(SELECT 1 FROM stakeholders s WHERE s.category_id = c.id)"), ==, 0);
  g_assert_cmpint (query_count (document, "PRAGMA integrity_check = 1") , ==, 0);
}

static void
test_effect_counts (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(TissageDocument) document = new_document (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageStakeholder) named = NULL;
  g_autoptr(TissageStakeholder) by_category = NULL;
  g_autoptr(TissageStakeholder) untouched = NULL;
  g_autoptr(GHashTable) counts = NULL;
  TissageCategory *beneficiaries = category_by_builtin (document, "beneficiaires");
  TissageCategory *funders = category_by_builtin (document, "financeurs");
  g_autofree char *sql = NULL;
  gint64 id;

  named = tissage_document_insert (document, TISSAGE_TYPE_STAKEHOLDER, &error, "name", "Mission locale",
                                   "category-id", tissage_record_get_id (TISSAGE_RECORD (funders)), NULL);
  by_category = tissage_document_insert (document, TISSAGE_TYPE_STAKEHOLDER, &error, "name", "Jeunes accompagnés",
                                         "category-id", tissage_record_get_id (TISSAGE_RECORD (beneficiaries)), NULL);
  untouched = tissage_document_insert (document, TISSAGE_TYPE_STAKEHOLDER, &error, "name", "Fondation",
                                       "category-id", tissage_record_get_id (TISSAGE_RECORD (funders)), NULL);
  g_assert_no_error (error);

  /* Two effects: one names the mission locale and the beneficiaries, the
   * other the beneficiaries only. */
  sql = g_strdup_printf (
    "INSERT INTO stakes (uuid, modified, title) VALUES ('s', 'm', 'Emploi');"
    "INSERT INTO eval_questions (uuid, modified, stake_id, title) VALUES ('q', 'm', 1, 'Qui retrouve un emploi ?');"
    "INSERT INTO effects (uuid, modified, question_id, title) VALUES ('e1', 'm', 1, 'Accès à l''emploi'), ('e2', 'm', 1, 'Confiance en soi');"
    "INSERT INTO effect_stakeholders (uuid, modified, effect_id, stakeholder_id) VALUES ('a', 'm', 1, %" G_GINT64_FORMAT ");"
    "INSERT INTO effect_stakeholders (uuid, modified, effect_id, category_id) VALUES ('b', 'm', 1, %" G_GINT64_FORMAT "), ('c', 'm', 2, %" G_GINT64_FORMAT ");",
    tissage_record_get_id (TISSAGE_RECORD (named)),
    tissage_record_get_id (TISSAGE_RECORD (beneficiaries)),
    tissage_record_get_id (TISSAGE_RECORD (beneficiaries)));
  g_assert_cmpint (sqlite3_exec (tissage_document_get_db (document), sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (tissage_document_reload (document, &error));

  counts = tissage_document_dup_effect_counts (document);
  id = tissage_record_get_id (TISSAGE_RECORD (named));
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, &id)), ==, 1);
  id = tissage_record_get_id (TISSAGE_RECORD (by_category));
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, &id)), ==, 2);
  id = tissage_record_get_id (TISSAGE_RECORD (untouched));
  g_assert_false (g_hash_table_contains (counts, &id));

  /* And the dialog before deleting says so. */
  {
    TissageDependents deps;

    tissage_document_count_dependents (document, named, &deps);
    g_assert_cmpuint (deps.effects, ==, 1);
  }
}

/* A row of a table read on demand comes back from its insertion with the
 * values it was given, as a loaded one does. */
static void
test_insert_unloaded (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = tissage_document_create (fixture->file, &error);
  g_autoptr(TissageGrid) grid = NULL;
  g_autoptr(TissageGridQuestion) question = NULL;
  g_autoptr(TissageInterview) interview = NULL;
  g_autoptr(TissageAnswer) answer = NULL;

  grid = tissage_document_insert (document, TISSAGE_TYPE_GRID, &error, "title", "Parcours", NULL);
  question = tissage_document_insert (document, TISSAGE_TYPE_GRID_QUESTION, &error,
                                      "grid-id", tissage_record_get_id (TISSAGE_RECORD (grid)),
                                      "text", "Racontez", NULL);
  interview = tissage_document_insert (document, TISSAGE_TYPE_INTERVIEW, &error,
                                       "grid-id", tissage_record_get_id (TISSAGE_RECORD (grid)), NULL);
  answer = tissage_document_insert (document, TISSAGE_TYPE_ANSWER, &error,
                                    "interview-id", tissage_record_get_id (TISSAGE_RECORD (interview)),
                                    "question-id", tissage_record_get_id (TISSAGE_RECORD (question)),
                                    "text", "Très bien accueillie", NULL);
  g_assert_no_error (error);
  g_assert_cmpstr (tissage_answer_get_text (answer), ==, "Très bien accueillie");
  g_assert_cmpint (tissage_answer_get_interview_id (answer), ==, tissage_record_get_id (TISSAGE_RECORD (interview)));
  g_assert_cmpint (tissage_record_get_id (TISSAGE_RECORD (answer)), >, 0);
}

/* "de" before a name, as French writes it. */
static void
test_french_of_name (void)
{
  static const struct {
    const char *name;
    const char *expected;
  } cases[] = {
    { "Les Jardins de la Confluence", "des Jardins de la Confluence" },
    { "Le Relais", "du Relais" },
    { "La Poste", "de La Poste" },
    { "Emmaüs Garonne", "d’Emmaüs Garonne" },
    { "École de la 2e chance", "d’École de la 2e chance" },
    { "Intérim Solidaire", "d’Intérim Solidaire" },
    { "Mission locale", "de Mission locale" },
    { "Lesage Conseil", "de Lesage Conseil" },
    { "Rénov'Insertion", "de Rénov'Insertion" },
    { "", "de " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *of = tissage_text_french_of_name (cases[i].name);

      g_assert_cmpstr (of, ==, cases[i].expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  g_test_add_func ("/core/french-of-name", test_french_of_name);

  ADD ("/core/schema/tables", test_schema_tables);
  ADD ("/core/schema/defaults", test_defaults);
  ADD ("/core/schema/migration-v0", test_migration_v0);
  ADD ("/core/schema/migration-steps", test_migration_steps);
  ADD ("/core/schema/migration-consent", test_migration_consent);
  ADD ("/core/privacy/people", test_privacy_people);
  ADD ("/core/privacy/rules", test_privacy_rules);
  ADD ("/core/crud/stakeholder", test_stakeholder_crud);
  ADD ("/core/crud/reopen", test_reopen_keeps_values);
  ADD ("/core/crud/invalid", test_invalid_values);
  ADD ("/core/crud/name-length", test_name_length);
  ADD ("/core/crud/category-structure", test_category_and_structure);
  ADD ("/core/crud/dependents", test_dependents);
  ADD ("/core/crud/effect-counts", test_effect_counts);
  ADD ("/core/undo/undo-redo", test_undo_redo);
  ADD ("/core/links/duplicate", test_duplicate_link);
  ADD ("/core/structures/members", test_member_structures);
  ADD ("/core/undo/group", test_group);
  ADD ("/core/files/bad", test_bad_files);
  ADD ("/core/files/locked", test_locked);
  ADD ("/core/files/newer", test_newer_version);
  ADD ("/core/files/read-only", test_read_only_file);
  ADD ("/core/files/create-unwritable", test_create_unwritable);
  ADD ("/core/files/disk-full", test_disk_full);
  ADD ("/core/files/background-check", test_background_check);
  ADD ("/core/files/background-check-sound", test_background_check_sound);
  ADD ("/core/files/create-atomic", test_create_replaces_atomically);
  ADD ("/core/example", test_example);
  ADD ("/core/insert-unloaded", test_insert_unloaded);

  return g_test_run ();
}

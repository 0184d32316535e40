/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <xlsxwriter.h>

#include "tissage-interop-export.h"
#include "tissage-csv.h"
#include "tissage-referentiel-flat.h"
#include "tissage-referentiel.h"
#include "tissage-spreadsheet.h"
#include "tissage-stakeholder-import.h"
#include "tissage-test-utils.h"

static TissageDocument *
new_example (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  TissageDocument *document = tissage_document_create_example (fixture->file, &error);

  g_assert_no_error (error);
  return document;
}

static TissageDocument *
new_empty (Fixture    *fixture,
           const char *name)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  TissageDocument *document = tissage_document_create (file, &error);

  g_assert_no_error (error);
  return document;
}

static TissageSpreadsheet *
read_book (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  TissageSpreadsheet *book = tissage_spreadsheet_read_file (file, NULL, &error);

  g_assert_no_error (error);
  return book;
}

static TissageSpreadsheet *
parse_text (const char *csv)
{
  g_autoptr(GError) error = NULL;
  TissageSpreadsheet *book = tissage_spreadsheet_parse (csv, strlen (csv), "partenaires", &error);

  g_assert_no_error (error);
  return book;
}

static TissageStakeholder *
find_stakeholder (TissageDocument *document,
                  const char      *name)
{
  GListModel *model = tissage_document_get_stakeholders (document);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TissageStakeholder) stakeholder = g_list_model_get_item (model, i);

      if (g_str_equal (tissage_stakeholder_get_name (stakeholder), name))
        return stakeholder;
    }
  return NULL;
}

static const char *
category_of (TissageDocument    *document,
             TissageStakeholder *stakeholder)
{
  TissageCategory *category = tissage_document_lookup (document, TISSAGE_TYPE_CATEGORY,
                                                       tissage_stakeholder_get_category_id (stakeholder));

  return category != NULL ? tissage_category_get_name (category) : NULL;
}

/* A partners' list as a collective keeps it: its own headers, a category
 * the project has under another case, one it has not, a duplicate. */
static void
test_csv_mapping (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(TissageDocument) document = new_empty (fixture, "vide.tissage");
  g_autoptr(TissageStakeholderImport) import = NULL;
  g_autoptr(GError) error = NULL;
  const TissageStakeholderPlan *plan;
  TissageStakeholder *mairie, *centre;
  guint categories_before = g_list_model_get_n_items (tissage_document_get_categories (document));
  g_autoptr(TissageCategory) first = g_list_model_get_item (tissage_document_get_categories (document), 0);
  g_autofree char *upper = g_utf8_strup (tissage_category_get_name (first), -1);
  g_autofree char *csv = g_strdup_printf (
    "Nom;Catégorie;Influence;Intérêt;Proximité;Étiquettes;Courriel;Remarque\n"
    "Mairie de Saint-Étienne;%s;80;0,6;Cœur;élus|quartier;mairie@example.org;à garder\n"
    "Centre social;Associations de quartier;beaucoup;40;loin;;;\n"
    ";Sans nom;;;;;;\n"
    "mairie de saint-etienne;;90;;;;;\n", upper);

  import = tissage_stakeholder_import_new (document, parse_text (csv), &error);
  g_assert_no_error (error);
  g_assert_false (tissage_stakeholder_import_is_kumu (import));
  g_assert_cmpint (tissage_stakeholder_import_get_column (import, 0), ==, TISSAGE_STAKEHOLDER_COLUMN_NAME);
  g_assert_cmpint (tissage_stakeholder_import_get_column (import, 1), ==, TISSAGE_STAKEHOLDER_COLUMN_CATEGORY);
  g_assert_cmpint (tissage_stakeholder_import_get_column (import, 3), ==, TISSAGE_STAKEHOLDER_COLUMN_INTEREST);
  g_assert_cmpint (tissage_stakeholder_import_get_column (import, 5), ==, TISSAGE_STAKEHOLDER_COLUMN_TAGS);
  g_assert_cmpint (tissage_stakeholder_import_get_column (import, 6), ==, TISSAGE_STAKEHOLDER_COLUMN_CONTACT);
  g_assert_cmpint (tissage_stakeholder_import_get_column (import, 7), ==, TISSAGE_STAKEHOLDER_COLUMN_IGNORE);
  /* The column no field takes is said, not dropped without a word. */
  {
    g_auto(GStrv) ignored = tissage_stakeholder_import_dup_ignored_columns (import, FALSE);
    g_auto(GStrv) ignored_links = tissage_stakeholder_import_dup_ignored_columns (import, TRUE);

    g_assert_cmpstrv (ignored, ((const char *[]) { "Remarque", NULL }));
    g_assert_cmpstrv (ignored_links, ((const char *[]) { NULL }));
  }
  /* The user maps the remark to the description. */
  tissage_stakeholder_import_set_column (import, 7, TISSAGE_STAKEHOLDER_COLUMN_DESCRIPTION);
  {
    g_auto(GStrv) ignored = tissage_stakeholder_import_dup_ignored_columns (import, FALSE);

    g_assert_cmpstrv (ignored, ((const char *[]) { NULL }));
  }

  plan = tissage_stakeholder_import_check (import);
  /* "beaucoup" and "loin" refused, with their line and column, and their
   * line left out: no influence of 50 that the file never gave. */
  g_assert_cmpuint (plan->added, ==, 1);
  g_assert_cmpuint (plan->skipped, ==, 1);
  g_assert_cmpuint (plan->refused, ==, 1);
  g_assert_cmpuint (plan->categories_created, ==, 0);
  g_assert_cmpuint (plan->reasons->len, ==, 3);
  g_assert_nonnull (strstr (g_ptr_array_index (plan->reasons, 0), "beaucoup"));
  g_assert_nonnull (strstr (g_ptr_array_index (plan->reasons, 0), "3"));
  g_assert_nonnull (strstr (g_ptr_array_index (plan->reasons, 1), "loin"));
  g_assert_cmpint (tissage_stakeholder_import_get_row_action (import, 2), ==, TISSAGE_ROW_REFUSED);
  g_assert_cmpint (tissage_stakeholder_import_get_row_action (import, 4), ==, TISSAGE_ROW_UPDATE);

  g_assert_true (tissage_stakeholder_import_apply (import, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (g_list_model_get_n_items (tissage_document_get_stakeholders (document)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (tissage_document_get_categories (document)), ==, categories_before);
  mairie = find_stakeholder (document, "Mairie de Saint-Étienne");
  g_assert_nonnull (mairie);
  /* Matched whatever its case; the later line of the same name updates it. */
  g_assert_cmpint (tissage_stakeholder_get_category_id (mairie), ==, tissage_record_get_id (TISSAGE_RECORD (first)));
  g_assert_cmpint (tissage_stakeholder_get_influence (mairie), ==, 90);
  g_assert_cmpint (tissage_stakeholder_get_interest (mairie), ==, 60);
  g_assert_cmpint (tissage_stakeholder_get_proximity (mairie), ==, TISSAGE_PROXIMITY_CORE);
  g_assert_cmpstr (tissage_stakeholder_get_contact (mairie), ==, "mairie@example.org");
  {
    g_auto(GStrv) tags = NULL;
    g_autofree char *description = tissage_stakeholder_split_tags (tissage_stakeholder_get_description (mairie), &tags);

    g_assert_cmpstr (description, ==, "à garder");
    g_assert_cmpstrv (tags, ((const char *[]) { "élus", "quartier", NULL }));
  }
  centre = find_stakeholder (document, "Centre social");
  g_assert_null (centre);

  /* One step, undone at once. */
  g_assert_true (tissage_document_undo (document, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (tissage_document_get_stakeholders (document)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (tissage_document_get_categories (document)), ==, categories_before);
}

static void
test_duplicates (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(TissageDocument) document = new_example (fixture);
  GListModel *stakeholders = tissage_document_get_stakeholders (document);
  g_autoptr(TissageStakeholder) existing = g_list_model_get_item (stakeholders, 0);
  guint before = g_list_model_get_n_items (stakeholders);
  g_autofree char *csv = g_strdup_printf ("Nom;Influence\n%s;7\n", tissage_stakeholder_get_name (existing));
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(TissageStakeholderImport) import = tissage_stakeholder_import_new (document, parse_text (csv), &error);

    g_assert_cmpuint (tissage_stakeholder_import_check (import)->updated, ==, 1);
    g_assert_true (tissage_stakeholder_import_apply (import, &error));
    g_assert_cmpuint (g_list_model_get_n_items (stakeholders), ==, before);
    g_assert_cmpint (tissage_stakeholder_get_influence (existing), ==, 7);
  }
  {
    g_autoptr(TissageStakeholderImport) import = tissage_stakeholder_import_new (document, parse_text (csv), &error);

    tissage_stakeholder_import_set_policy (import, TISSAGE_DUPLICATE_ADD);
    g_assert_cmpuint (tissage_stakeholder_import_check (import)->added, ==, 1);
    g_assert_true (tissage_stakeholder_import_apply (import, &error));
    g_assert_cmpuint (g_list_model_get_n_items (stakeholders), ==, before + 1);
  }
}

/* Kumu's own layout: elements by ID, a connection to two elements at
 * once, a sheet to ignore. */
static void
test_kumu_format (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(TissageDocument) document = new_empty (fixture, "kumu.tissage");
  g_autofree char *path = g_build_filename (fixture->dir, "kumu.xlsx", NULL);
  lxw_workbook *workbook = workbook_new (path);
  lxw_worksheet *notes = workbook_add_worksheet (workbook, "Notes (ignore)");
  lxw_worksheet *elements = workbook_add_worksheet (workbook, "Elements");
  lxw_worksheet *connections = workbook_add_worksheet (workbook, "Connections");
  const char *element_rows[][4] = {
    { "Label", "Type", "ID", "Tags" },
    { "Mairie", "Collectivité", "e1", "élus|quartier" },
    { "Centre social", "Association", "e2", "" },
    { "Fondation", "Financeur", "e3", "" },
  };
  const char *connection_rows[][5] = {
    { "From", "To", "Type", "Strength", "direction" },
    { "e1", "e2|e3", "financement", "3", "directed" },
    { "Centre social", "e3", "", "", "" },
    { "e1", "inconnu", "", "", "" },
    { "e2", "e2", "", "", "" },
    /* A word for a strength: the link is left out, not made of 2. */
    { "e2", "e3", "partenariat", "forte", "" },
  };
  g_autoptr(TissageStakeholderImport) import = NULL;
  g_autoptr(GError) error = NULL;
  const TissageStakeholderPlan *plan;
  TissageStakeholder *mairie, *centre, *fondation;
  TissageLink *link;

  worksheet_write_string (notes, 0, 0, "Label", NULL);
  worksheet_write_string (notes, 1, 0, "Ne pas importer", NULL);
  for (guint r = 0; r < G_N_ELEMENTS (element_rows); r++)
    for (guint c = 0; c < 4; c++)
      worksheet_write_string (elements, r, c, element_rows[r][c], NULL);
  for (guint r = 0; r < G_N_ELEMENTS (connection_rows); r++)
    for (guint c = 0; c < 5; c++)
      worksheet_write_string (connections, r, c, connection_rows[r][c], NULL);
  g_assert_cmpint (workbook_close (workbook), ==, LXW_NO_ERROR);

  import = tissage_stakeholder_import_new (document, read_book (path), &error);
  g_assert_no_error (error);
  g_assert_true (tissage_stakeholder_import_is_kumu (import));
  g_assert_cmpstr (tissage_stakeholder_import_get_sheet (import)->name, ==, "Elements");
  plan = tissage_stakeholder_import_check (import);
  g_assert_cmpuint (plan->added, ==, 3);
  g_assert_cmpuint (plan->categories_created, ==, 3);
  g_assert_cmpuint (plan->links_added, ==, 3);
  g_assert_cmpuint (plan->links_refused, ==, 3);
  g_assert_true (tissage_stakeholder_import_apply (import, &error));
  g_assert_no_error (error);

  g_assert_null (find_stakeholder (document, "Ne pas importer"));
  mairie = find_stakeholder (document, "Mairie");
  centre = find_stakeholder (document, "Centre social");
  fondation = find_stakeholder (document, "Fondation");
  g_assert_cmpstr (category_of (document, fondation), ==, "Financeur");
  link = tissage_document_find_link (document, tissage_record_get_id (TISSAGE_RECORD (mairie)),
                                     tissage_record_get_id (TISSAGE_RECORD (fondation)), "financement", 0);
  g_assert_nonnull (link);
  g_assert_cmpint (tissage_link_get_strength (link), ==, 3);
  g_assert_nonnull (tissage_document_find_link (document, tissage_record_get_id (TISSAGE_RECORD (mairie)),
                                                tissage_record_get_id (TISSAGE_RECORD (centre)), "financement", 0));
  g_assert_nonnull (tissage_document_find_link (document, tissage_record_get_id (TISSAGE_RECORD (centre)),
                                                tissage_record_get_id (TISSAGE_RECORD (fondation)), "coopération", 0));
  g_assert_cmpuint (g_list_model_get_n_items (tissage_document_get_links (document)), ==, 3);
  g_assert_null (tissage_document_find_link (document, tissage_record_get_id (TISSAGE_RECORD (centre)),
                                             tissage_record_get_id (TISSAGE_RECORD (fondation)), "partenariat", 0));
}

static char *
sheet_text (const TissageSheet *sheet,
            int                 skip_column)
{
  GString *text = g_string_new (NULL);

  for (guint r = 0; r < tissage_sheet_get_n_rows (sheet); r++)
    {
      for (guint c = 0; c < sheet->n_columns; c++)
        if ((int) c != skip_column)
          g_string_append_printf (text, "%s\t", tissage_sheet_get_cell (sheet, r, c));
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}

static void
read_back_with_openpyxl (const char *path,
                         const char *script)
{
  const char *argv[] = { "/usr/bin/python3", "-c", script, path, NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("openpyxl: %s%s", out, err);
}

/* Kumu out, then in: nothing added, nothing changed. In a new project:
 * the same map. */
static void
test_kumu_round_trip (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(TissageDocument) document = new_example (fixture);
  g_autoptr(TissageDocument) other = new_empty (fixture, "autre.tissage");
  g_autofree char *path = g_build_filename (fixture->dir, "kumu.xlsx", NULL);
  g_autofree char *again = g_build_filename (fixture->dir, "kumu-again.xlsx", NULL);
  g_autoptr(GError) error = NULL;
  guint n_stakeholders = g_list_model_get_n_items (tissage_document_get_stakeholders (document));
  guint n_links = g_list_model_get_n_items (tissage_document_get_links (document));
  g_autofree char *modified = NULL;
  g_autoptr(TissageStakeholder) first = g_list_model_get_item (tissage_document_get_stakeholders (document), 0);
  g_autoptr(TissageLink) first_link = g_list_model_get_item (tissage_document_get_links (document), 0);
  g_autofree char *script = NULL;

  /* A stakeholder with tags and a member structure. */
  {
    const char *tags[] = { "emploi", "jeunes", NULL };
    g_autofree char *description = tissage_stakeholder_description_with_tags ("Partenaire historique", tags);

    g_assert_true (tissage_document_set (document, first, &error, "description", description, NULL));
  }
  g_assert_cmpuint (n_links, >, 0);
  modified = query_count (document, "SELECT count(*) FROM stakeholders") > 0
    ? g_strdup (tissage_record_get_modified (TISSAGE_RECORD (first))) : NULL;

  g_assert_true (tissage_kumu_export (document, path, &error));
  g_assert_no_error (error);

  script = g_strdup_printf (
    "import sys, openpyxl\n"
    "wb = openpyxl.load_workbook(sys.argv[1])\n"
    "assert wb.sheetnames == ['Elements', 'Connections'], wb.sheetnames\n"
    "e = list(wb['Elements'].iter_rows(values_only=True))\n"
    "assert list(e[0][:5]) == ['Label', 'Type', 'Description', 'Tags', 'ID'], e[0]\n"
    "assert len(e) == %u + 1, len(e)\n"
    "first = [r for r in e if r[4] == '%s'][0]\n"
    "assert first[3] == 'emploi|jeunes' and first[2] == 'Partenaire historique', first\n"
    "assert all(isinstance(r[5], (int, float)) and 0 <= r[5] <= 100 for r in e[1:])\n"
    "c = list(wb['Connections'].iter_rows(values_only=True))\n"
    "assert list(c[0][:4]) == ['From', 'To', 'Type', 'Strength'], c[0]\n"
    "assert len(c) == %u + 1\n"
    "ids = set(r[4] for r in e[1:])\n"
    "assert all(r[0] in ids and r[1] in ids for r in c[1:])\n"
    "assert any(r[6] == '%s' for r in c[1:])\n",
    n_stakeholders, tissage_record_get_uuid (TISSAGE_RECORD (first)), n_links,
    tissage_record_get_uuid (TISSAGE_RECORD (first_link)));
  read_back_with_openpyxl (path, script);

  {
    g_autoptr(TissageStakeholderImport) import = tissage_stakeholder_import_new (document, read_book (path), &error);
    const TissageStakeholderPlan *plan;

    g_assert_no_error (error);
    g_assert_true (tissage_stakeholder_import_is_kumu (import));
    plan = tissage_stakeholder_import_check (import);
    g_assert_cmpuint (plan->added, ==, 0);
    g_assert_cmpuint (plan->updated, ==, 0);
    g_assert_cmpuint (plan->unchanged, ==, n_stakeholders);
    g_assert_cmpuint (plan->categories_created, ==, 0);
    g_assert_cmpuint (plan->links_added, ==, 0);
    g_assert_cmpuint (plan->links_updated, ==, 0);
    g_assert_cmpuint (plan->reasons->len, ==, 0);
  }
  g_assert_cmpstr (tissage_record_get_modified (TISSAGE_RECORD (first)), ==, modified);

  /* Applied, it does nothing and is no undo step, even with a line it refuses. */
  {
    g_autoptr(TissageSpreadsheet) book = read_book (path);
    TissageSheet *connections = g_ptr_array_index (book->sheets, 1);
    g_autoptr(TissageStakeholderImport) import = NULL;
    guint64 serial = tissage_document_get_undo_serial (document);
    GStrv self_link = g_new0 (char *, 3);

    self_link[0] = g_strdup (tissage_record_get_uuid (TISSAGE_RECORD (first)));
    self_link[1] = g_strdup (tissage_record_get_uuid (TISSAGE_RECORD (first)));
    g_ptr_array_add (connections->rows, self_link);
    g_array_append_val (connections->widths, (guint) { 2 });
    import = tissage_stakeholder_import_new (document, g_steal_pointer (&book), &error);
    g_assert_cmpuint (tissage_stakeholder_import_check (import)->links_refused, ==, 1);
    g_assert_true (tissage_stakeholder_import_apply (import, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (tissage_document_get_undo_serial (document), ==, serial);
  }

  /* Into a project that has none of them: the same map, the same sheet
   * but for the new UUIDs. */
  {
    g_autoptr(TissageStakeholderImport) import = tissage_stakeholder_import_new (other, read_book (path), &error);
    g_autoptr(TissageSpreadsheet) a = NULL, b = NULL;
    g_autofree char *text_a = NULL, *text_b = NULL;

    g_assert_true (tissage_stakeholder_import_apply (import, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (tissage_document_get_stakeholders (other)), ==, n_stakeholders);
    g_assert_cmpuint (g_list_model_get_n_items (tissage_document_get_links (other)), ==, n_links);
    /* The structures are the example's own: none in the new project. */
    g_assert_true (tissage_kumu_export (other, again, &error));
    a = read_book (path);
    b = read_book (again);
    text_a = sheet_text (g_ptr_array_index (a->sheets, 0), 4);
    text_b = sheet_text (g_ptr_array_index (b->sheets, 0), 4);
    {
      /* Without the Structure column, which the new project has not. */
      g_auto(GStrv) lines_a = g_strsplit (text_a, "\n", -1);
      g_auto(GStrv) lines_b = g_strsplit (text_b, "\n", -1);

      g_assert_cmpuint (g_strv_length (lines_a), ==, g_strv_length (lines_b));
      for (guint i = 0; lines_a[i] != NULL; i++)
        {
          g_auto(GStrv) cells_a = g_strsplit (lines_a[i], "\t", -1);
          g_auto(GStrv) cells_b = g_strsplit (lines_b[i], "\t", -1);

          for (guint c = 0; cells_a[c] != NULL && cells_b[c] != NULL; c++)
            if (c != 7)
              g_assert_cmpstr (cells_a[c], ==, cells_b[c]);
        }
    }
  }
}

/* The référentiel out, in a new project, out again: the same workbook;
 * in its own project: nothing changes. */
static void
test_referentiel_round_trip (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(TissageDocument) document = new_example (fixture);
  g_autoptr(TissageDocument) other = new_empty (fixture, "autre.tissage");
  g_autofree char *path = g_build_filename (fixture->dir, "referentiel.xlsx", NULL);
  g_autofree char *again = g_build_filename (fixture->dir, "referentiel-again.xlsx", NULL);
  g_autoptr(TissageSpreadsheet) a = NULL, b = NULL;
  g_autofree char *text_a = NULL, *text_b = NULL;
  g_autoptr(GError) error = NULL;
  TissageFlatSummary summary;
  gint64 n_indicators = query_count (document, "SELECT count(*) FROM indicators");
  guint64 serial;

  g_assert_true (tissage_referentiel_export (document, path, &error));
  g_assert_no_error (error);
  read_back_with_openpyxl (path,
    "import sys, openpyxl\n"
    "ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]\n"
    "rows = list(ws.iter_rows(values_only=True))\n"
    "h = rows[0]\n"
    "assert h[0] in ('Stake', 'Enjeu') and len(h) > 15, h\n"
    "assert all(r[0] for r in rows[1:])\n"
    "b = h.index('Baseline') if 'Baseline' in h else h.index('Situation de départ')\n"
    "assert any(isinstance(r[b], (int, float)) for r in rows[1:])\n");

  serial = tissage_document_get_undo_serial (document);
  a = read_book (path);
  g_assert_true (tissage_referentiel_import (document, a, &summary, &error));
  g_assert_no_error (error);
  for (guint l = 0; l < TISSAGE_FLAT_N_LEVELS; l++)
    {
      g_assert_cmpuint (summary.created[l], ==, 0);
      g_assert_cmpuint (summary.updated[l], ==, 0);
    }
  g_assert_cmpuint (tissage_document_get_undo_serial (document), ==, serial);

  g_assert_true (tissage_referentiel_import (other, a, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.created[TISSAGE_FLAT_INDICATOR], ==, n_indicators);
  g_assert_cmpint (query_count (other, "SELECT count(*) FROM indicators"), ==, n_indicators);
  g_assert_true (tissage_referentiel_export (other, again, &error));
  b = read_book (again);
  text_a = sheet_text (g_ptr_array_index (a->sheets, 0), -1);
  text_b = sheet_text (g_ptr_array_index (b->sheets, 0), -1);
  g_assert_cmpstr (text_a, ==, text_b);

  /* One step undoes it whole. */
  g_assert_cmpstr (tissage_document_get_undo_label (other), !=, NULL);
  g_assert_true (tissage_document_undo (other, &error));
  g_assert_cmpint (query_count (other, "SELECT count(*) FROM indicators"), ==, 0);
  g_assert_cmpint (query_count (other, "SELECT count(*) FROM stakes"), ==, 0);
}

/* A template of its own: merged cells read as the cell above, headers in
 * French, a bad choice refused with the document intact. */
static void
test_referentiel_template (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(TissageDocument) document = new_empty (fixture, "modele.tissage");
  const char good[] =
    "Enjeu;Question évaluative;Effet;Indicateur;Type;Unité;Situation de départ;Cible;Date de la cible\n"
    "Emploi;Les parcours mènent-ils à l'emploi ?;Plus de sorties en emploi;Taux de sorties;Résultat;%;24;32,5;30/06/2026\n"
    ";;;Nombre d'entretiens;Réalisation;entretiens;;120;\n"
    ";;Confiance retrouvée;;;;;;\n"
    ";;;;;;;;\n"
    "Logement;;;;;;;;\n";
  const char bad[] =
    "Enjeu;Question évaluative;Effet;Indicateur;Type\n"
    "Santé;Q ?;E;I;Sans doute\n";
  g_autoptr(TissageSpreadsheet) book = parse_text (good);
  g_autoptr(TissageSpreadsheet) wrong = parse_text (bad);
  g_autoptr(GError) error = NULL;
  TissageFlatSummary summary;

  g_assert_true (tissage_referentiel_import (document, book, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.created[TISSAGE_FLAT_STAKE], ==, 2);
  g_assert_cmpuint (summary.created[TISSAGE_FLAT_QUESTION], ==, 1);
  g_assert_cmpuint (summary.created[TISSAGE_FLAT_EFFECT], ==, 2);
  g_assert_cmpuint (summary.created[TISSAGE_FLAT_INDICATOR], ==, 2);
  g_assert_cmpint (query_count (document, "SELECT count(*) FROM indicators WHERE title = 'Nombre d''entretiens' "
                                          "AND type = 0 AND target = 120 AND baseline IS NULL"), ==, 1);
  g_assert_cmpint (query_count (document, "SELECT count(*) FROM indicators WHERE target = 32.5 AND baseline = 24 "
                                          "AND target_date = '2026-06-30'"), ==, 1);

  g_assert_false (tissage_referentiel_import (document, wrong, &summary, &error));
  g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "Sans doute"));
  g_assert_cmpint (query_count (document, "SELECT count(*) FROM stakes"), ==, 2);
  g_clear_error (&error);

  /* A word where a quantitative indicator takes a number: refused by
   * line and column, never a number; the same word for a qualitative
   * indicator is its target. */
  {
    g_autoptr(TissageSpreadsheet) words = parse_text ("Enjeu;Question;Effet;Indicateur;Nature;Cible\n"
                                                      "Santé;Q ?;Mieux-être;Sommeil;Quantitatif;8\n"
                                                      "Santé;Q ?;Mieux-être;Moral;;forte\n");
    g_autoptr(TissageSpreadsheet) qualitative = parse_text ("Enjeu;Question;Effet;Indicateur;Nature;Cible;Périmètre;;Vide\n"
                                                            "Santé;Q ?;Mieux-être;Moral;Qualitatif;forte;quartier;x\n");

    g_assert_false (tissage_referentiel_import (document, words, &summary, &error));
    g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE);
    g_assert_true (g_str_has_prefix (error->message, "Line 3,") || g_str_has_prefix (error->message, "Ligne 3,"));
    g_assert_nonnull (strstr (error->message, "Cible"));
    g_assert_nonnull (strstr (error->message, "forte"));
    g_assert_cmpint (query_count (document, "SELECT count(*) FROM indicators WHERE title IN ('Sommeil', 'Moral')"), ==, 0);
    g_clear_error (&error);

    /* The columns it leaves out, said; the empty one is not. */
    {
      g_auto(GStrv) ignored = tissage_referentiel_flat_dup_ignored_columns (qualitative);
      g_auto(GStrv) none = tissage_referentiel_flat_dup_ignored_columns (book);

      g_assert_cmpstrv (ignored, ((const char *[]) { "Périmètre", "Column 8", NULL }));
      g_assert_cmpstrv (none, ((const char *[]) { NULL }));
    }
    g_assert_true (tissage_referentiel_import (document, qualitative, &summary, &error));
    g_assert_no_error (error);
    g_assert_cmpint (query_count (document, "SELECT count(*) FROM indicators WHERE title = 'Moral' "
                                            "AND target IS NULL AND target_text = 'forte' AND nature = 1"), ==, 1);
  }
}

/* Stakeholders have no tags of their own: an import keeps them as the
 * description's last line. Kumu out and in again gives them back as
 * they were, whatever the language the line was written in, a tag with a
 * comma whole, and never a second line. */
static void
test_tags_round_trip (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(TissageDocument) document = new_example (fixture);
  g_autoptr(TissageDocument) other = new_empty (fixture, "autre.tissage");
  g_autofree char *path = g_build_filename (fixture->dir, "kumu.xlsx", NULL);
  GListModel *stakeholders = tissage_document_get_stakeholders (document);
  g_autoptr(TissageStakeholder) french = g_list_model_get_item (stakeholders, 0);
  g_autoptr(TissageStakeholder) commas = g_list_model_get_item (stakeholders, 1);
  const char *comma_tags[] = { "Paris, 13e", "quartier", NULL };
  g_autofree char *comma_description = tissage_stakeholder_description_with_tags ("Épicerie", comma_tags);
  /* As the French interface writes the line. */
  const char french_description[] = "Partenaire historique\n\nÉtiquettes\u00a0: emploi, jeunes";
  g_autofree char *script = NULL;
  g_autoptr(GError) error = NULL;
  guint n = g_list_model_get_n_items (stakeholders);

  g_assert_true (tissage_document_set (document, french, &error, "description", french_description, NULL));
  g_assert_true (tissage_document_set (document, commas, &error, "description", comma_description, NULL));
  g_assert_true (tissage_kumu_export (document, path, &error));
  g_assert_no_error (error);

  script = g_strdup_printf (
    "import sys, openpyxl\n"
    "e = list(openpyxl.load_workbook(sys.argv[1])['Elements'].iter_rows(values_only=True))\n"
    "by_id = {r[4]: r for r in e[1:]}\n"
    "a, b = by_id['%s'], by_id['%s']\n"
    "assert a[2] == 'Partenaire historique' and a[3] == 'emploi|jeunes', a\n"
    "assert b[2] == 'Épicerie' and b[3] == 'Paris, 13e|quartier', b\n",
    tissage_record_get_uuid (TISSAGE_RECORD (french)), tissage_record_get_uuid (TISSAGE_RECORD (commas)));
  read_back_with_openpyxl (path, script);

  /* In again: nothing changes. */
  {
    g_autoptr(TissageStakeholderImport) import = tissage_stakeholder_import_new (document, read_book (path), &error);
    const TissageStakeholderPlan *plan = tissage_stakeholder_import_check (import);

    g_assert_cmpuint (plan->unchanged, ==, n);
    g_assert_cmpuint (plan->updated, ==, 0);
    g_assert_true (tissage_stakeholder_import_apply (import, &error));
    g_assert_cmpstr (tissage_stakeholder_get_description (french), ==, french_description);
    g_assert_cmpstr (tissage_stakeholder_get_description (commas), ==, comma_description);
  }

  /* Into another project: the same description and tags. */
  {
    g_autoptr(TissageStakeholderImport) import = tissage_stakeholder_import_new (other, read_book (path), &error);
    TissageStakeholder *copy;
    g_auto(GStrv) tags = NULL;
    g_autofree char *description = NULL;

    g_assert_true (tissage_stakeholder_import_apply (import, &error));
    g_assert_no_error (error);
    copy = find_stakeholder (other, tissage_stakeholder_get_name (commas));
    g_assert_cmpstr (tissage_stakeholder_get_description (copy), ==, comma_description);
    copy = find_stakeholder (other, tissage_stakeholder_get_name (french));
    description = tissage_stakeholder_split_tags (tissage_stakeholder_get_description (copy), &tags);
    g_assert_cmpstr (description, ==, "Partenaire historique");
    g_assert_cmpstrv (tags, ((const char *[]) { "emploi", "jeunes", NULL }));
  }

  /* A sheet whose description still ends with its tags' line, with or
   * without a column of tags beside: no second line. */
  {
    g_autofree char *csv = g_strdup_printf ("Nom;Description;Étiquettes\n\"%s\";\"%s\";emploi|jeunes\n"
                                            "\"%s\";\"%s\";\n",
                                            tissage_stakeholder_get_name (french), french_description,
                                            tissage_stakeholder_get_name (commas), comma_description);
    g_autoptr(TissageStakeholderImport) import = tissage_stakeholder_import_new (document, parse_text (csv), &error);
    const TissageStakeholderPlan *plan;

    g_assert_no_error (error);
    plan = tissage_stakeholder_import_check (import);
    g_assert_cmpuint (plan->updated, ==, 0);
    g_assert_cmpuint (plan->unchanged, ==, 2);
  }
}

/* A stakeholder of the example whose name has accents. */
static TissageStakeholder *
accented_stakeholder (TissageDocument *document)
{
  GListModel *model = tissage_document_get_stakeholders (document);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TissageStakeholder) stakeholder = g_list_model_get_item (model, i);
      const char *name = tissage_stakeholder_get_name (stakeholder);

      if (strstr (name, "é") != NULL && strstr (name, ";") == NULL)
        return stakeholder;
    }
  g_assert_not_reached ();
}

static char *
to_windows_1252 (const char *text)
{
  g_autoptr(GError) error = NULL;
  char *converted = g_convert (text, -1, "WINDOWS-1252", "UTF-8", NULL, NULL, &error);

  g_assert_no_error (error);
  return converted;
}

/* Excel on a French Windows writes Windows-1252; a file edited by two
 * programs mixes it with UTF-8, or holds UTF-8 read as Windows-1252 and
 * saved again. None makes a stakeholder whose name is the project's with
 * its accents garbled. */
static void
test_encodings (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(TissageDocument) document = new_example (fixture);
  TissageStakeholder *existing = accented_stakeholder (document);
  const char *name = tissage_stakeholder_get_name (existing);
  guint before = g_list_model_get_n_items (tissage_document_get_stakeholders (document));
  g_autofree char *utf8 = g_strdup_printf ("Nom;Influence\n%s;77\nCafé des Tanneries;40\n", name);
  g_autofree char *windows = to_windows_1252 (utf8);
  /* The first line in UTF-8, the second in Windows-1252. */
  g_autofree char *header_and_first = g_strdup_printf ("Nom;Influence\n%s;77\n", name);
  g_autofree char *second = to_windows_1252 ("Café des Tanneries;40\n");
  g_autofree char *mixed = g_strconcat (header_and_first, second, NULL);
  /* UTF-8 read as Windows-1252 and saved in UTF-8. */
  g_autofree char *garbled = g_convert (utf8, -1, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);
  const char *files[] = { windows, mixed, garbled };

  g_assert_nonnull (garbled);
  g_assert_nonnull (strstr (garbled, "Ã©"));
  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TissageSpreadsheet) book = tissage_spreadsheet_parse (files[f], strlen (files[f]), "partenaires", &error);
      g_autoptr(TissageStakeholderImport) import = NULL;
      const TissageStakeholderPlan *plan;

      g_assert_no_error (error);
      g_assert_true (book->converted);
      g_assert_cmpstr (tissage_sheet_get_cell (g_ptr_array_index (book->sheets, 0), 1, 0), ==, name);
      g_assert_cmpstr (tissage_sheet_get_cell (g_ptr_array_index (book->sheets, 0), 2, 0), ==, "Café des Tanneries");
      import = tissage_stakeholder_import_new (document, g_steal_pointer (&book), &error);
      g_assert_no_error (error);
      plan = tissage_stakeholder_import_check (import);
      /* The project's stakeholder found by its name, no duplicate. */
      g_assert_cmpint (tissage_stakeholder_import_get_row_action (import, 1), ==, TISSAGE_ROW_UPDATE);
      g_assert_cmpuint (plan->added, ==, f == 0 ? 1 : 0);
      g_assert_true (tissage_stakeholder_import_apply (import, &error));
      g_assert_no_error (error);
      g_assert_cmpint (tissage_stakeholder_get_influence (existing), ==, 77);
    }
  g_assert_cmpuint (g_list_model_get_n_items (tissage_document_get_stakeholders (document)), ==, before + 1);

  /* Garbled in part only: refused, with a word that shows it. */
  {
    g_autofree char *part = g_strdup_printf ("Nom;Influence\n%s;70\nMaison de l’emploi;40\n", garbled + strlen ("Nom;Influence\n"));
    g_autoptr(GError) error = NULL;
    g_autoptr(TissageSpreadsheet) book = tissage_spreadsheet_parse (part, strlen (part), "partenaires", &error);

    g_assert_null (book);
    g_assert_error (error, TISSAGE_CSV_ERROR, TISSAGE_CSV_ERROR_NOT_TEXT);
    g_assert_nonnull (strstr (error->message, "Ã©"));
  }

  /* A workbook whose cell holds such a name: the line is left out. */
  {
    g_autofree char *path = g_build_filename (fixture->dir, "abime.xlsx", NULL);
    g_autofree char *bad_name = g_convert (name, -1, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);
    lxw_workbook *workbook = workbook_new (path);
    lxw_worksheet *sheet = workbook_add_worksheet (workbook, NULL);
    g_autoptr(TissageStakeholderImport) import = NULL;
    g_autoptr(GError) error = NULL;

    worksheet_write_string (sheet, 0, 0, "Nom", NULL);
    worksheet_write_string (sheet, 1, 0, bad_name, NULL);
    g_assert_cmpint (workbook_close (workbook), ==, LXW_NO_ERROR);
    import = tissage_stakeholder_import_new (document, read_book (path), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (tissage_stakeholder_import_check (import)->refused, ==, 1);
    g_assert_cmpint (tissage_stakeholder_import_get_row_action (import, 1), ==, TISSAGE_ROW_REFUSED);
  }
}

/* Whether one line of @text holds the three words. */
static gboolean
has_line (const char *text,
          const char *a,
          const char *b,
          const char *c)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], a) != NULL && strstr (lines[i], b) != NULL && strstr (lines[i], c) != NULL)
      return TRUE;
  return FALSE;
}

/* The commands, as a script runs them, in French. */
static void
test_command_line (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *project = g_file_get_path (fixture->file);
  g_autofree char *ods = g_test_build_filename (G_TEST_DIST, "fixtures", "partenaires.ods", NULL);
  g_autofree char *kumu = g_build_filename (fixture->dir, "kumu.xlsx", NULL);
  g_autofree char *nowhere = g_build_filename (fixture->dir, "absent", "kumu.xlsx", NULL);
  g_autofree char *out = NULL, *err = NULL;
  int status;

  {
    g_autoptr(TissageDocument) document = new_empty (fixture, "projet.tissage");

    g_clear_pointer (&project, g_free);
    project = g_file_get_path (tissage_document_get_file (document));
  }

  out = run_tissage (&status, &err, "--import-stakeholders", ods, project, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "3 parties prenantes ajoutées"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  out = run_tissage (&status, &err, "--import-stakeholders", ods, project, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "rien n’a changé"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  out = run_tissage (&status, &err, "--export-kumu", kumu, project, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_file_test (kumu, G_FILE_TEST_IS_REGULAR));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  out = run_tissage (&status, &err, "--export-kumu", nowhere, project, NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "n’existe pas"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  out = run_tissage (&status, &err, "--import-referentiel", ods, project, NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "référentiel"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A référentiel's column no field takes: named. */
  {
    g_autofree char *csv = g_build_filename (fixture->dir, "referentiel.csv", NULL);

    g_assert_true (g_file_set_contents (csv, "Enjeu;Question évaluative;Effet;Indicateur;Périmètre\n"
                                             "Emploi;Q ?;Sorties;Taux;quartier\n", -1, NULL));
    out = run_tissage (&status, &err, "--import-referentiel", csv, project, NULL);
    g_assert_cmpint (status, ==, 0);
    g_assert_true (has_line (err, "non importée", "Périmètre", "Indicateur"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  out = run_tissage (&status, &err, "--import-stakeholders", ods, "--duplicates", "peut-être", project, NULL);
  g_assert_cmpint (status, ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A word where a score goes: refused by line and column, nothing
   * imported, and the script told so. */
  {
    g_autofree char *csv = g_build_filename (fixture->dir, "scores.csv", NULL);
    const char text[] = "Nom;Influence;Intérêt;Proximité;Ville\n"
                        "Épicerie solidaire;forte;70;Cœur;Lyon\n"
                        "Maison de l’emploi;40;beaucoup;Engagé;\n"
                        "Crèche parentale;40;30;très loin;\n";
    gint64 before;

    {
      g_autoptr(GFile) file = g_file_new_for_path (project);
      g_autoptr(TissageDocument) opened = tissage_document_open_for_reading (file, NULL);

      before = query_count (opened, "SELECT count(*) FROM stakeholders");
    }
    g_assert_true (g_file_set_contents (csv, text, -1, NULL));
    out = run_tissage (&status, &err, "--import-stakeholders", csv, project, NULL);
    g_assert_cmpint (status, ==, 1);
    g_assert_true (has_line (err, "ligne 2,", "Influence", "forte"));
    g_assert_true (has_line (err, "ligne 3,", "Intérêt", "beaucoup"));
    g_assert_true (has_line (err, "ligne 4,", "Proximité", "très loin"));
    g_assert_nonnull (strstr (err, "Rien n’a été importé"));
    /* The column no field takes, named. */
    g_assert_true (has_line (err, "non importée", "Ville", "Proximité"));
    {
      g_autoptr(GFile) file = g_file_new_for_path (project);
      g_autoptr(TissageDocument) opened = tissage_document_open_for_reading (file, NULL);

      g_assert_cmpint (query_count (opened, "SELECT count(*) FROM stakeholders"), ==, before);
    }
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);

    out = run_tissage (&status, &err, "--dry-run", "--import-stakeholders", csv, project, NULL);
    g_assert_cmpint (status, ==, 1);
    g_assert_nonnull (strstr (out, "3 lignes laissées de côté"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);

    /* Read, the rest comes in; the unknown column is still said. */
    g_assert_true (g_file_set_contents (csv, "Nom;Influence;Ville\nÉpicerie solidaire;80;Lyon\n", -1, NULL));
    out = run_tissage (&status, &err, "--import-stakeholders", csv, project, NULL);
    g_assert_cmpint (status, ==, 0);
    g_assert_nonnull (strstr (out, "1 partie prenante ajoutée"));
    g_assert_true (has_line (err, "non importée", "Ville", "Influence"));
    g_assert_null (strstr (err, "Rien n’a été importé"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  /* What is no list of stakeholders is said so: a form for KoboToolbox,
   * whose "name" and "type" columns would make its questions
   * stakeholders, and a file that is no spreadsheet at all. */
  {
    g_autofree char *form = g_build_filename (fixture->dir, "formulaire.xlsx", NULL);
    g_autofree char *binary = g_build_filename (fixture->dir, "carte.png", NULL);
    const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";

    read_back_with_openpyxl (form, "import sys, openpyxl\n"
                                   "wb = openpyxl.Workbook()\n"
                                   "wb.active.title = 'survey'\n"
                                   "wb.active.append(['type', 'name', 'label'])\n"
                                   "wb.active.append(['text', 'pseudonyme', 'Pseudonyme'])\n"
                                   "wb.create_sheet('choices').append(['list_name', 'name', 'label'])\n"
                                   "wb.save(sys.argv[1])\n");
    out = run_tissage (&status, &err, "--import-stakeholders", form, project, NULL);
    g_assert_cmpint (status, ==, 1);
    g_assert_nonnull (strstr (err, "XLSForm"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);

    g_assert_true (g_file_set_contents (binary, png, sizeof png - 1, NULL));
    out = run_tissage (&status, &err, "--import-stakeholders", binary, project, NULL);
    g_assert_cmpint (status, ==, 1);
    g_assert_true (has_line (err, "carte.png", "pas un classeur", ".xlsx"));
  }
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/interop/csv-mapping", Fixture, NULL, fixture_setup, test_csv_mapping, fixture_teardown);
  g_test_add ("/interop/duplicates", Fixture, NULL, fixture_setup, test_duplicates, fixture_teardown);
  g_test_add ("/interop/kumu-format", Fixture, NULL, fixture_setup, test_kumu_format, fixture_teardown);
  g_test_add ("/interop/kumu-round-trip", Fixture, NULL, fixture_setup, test_kumu_round_trip, fixture_teardown);
  g_test_add ("/interop/referentiel-round-trip", Fixture, NULL, fixture_setup, test_referentiel_round_trip, fixture_teardown);
  g_test_add ("/interop/referentiel-template", Fixture, NULL, fixture_setup, test_referentiel_template, fixture_teardown);
  g_test_add ("/interop/tags-round-trip", Fixture, NULL, fixture_setup, test_tags_round_trip, fixture_teardown);
  g_test_add ("/interop/encodings", Fixture, NULL, fixture_setup, test_encodings, fixture_teardown);
  g_test_add ("/interop/command-line", Fixture, NULL, fixture_setup, test_command_line, fixture_teardown);

  return g_test_run ();
}

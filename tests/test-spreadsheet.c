/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#include "config.h"

#include <gsf/gsf-outfile.h>
#include <gsf/gsf-outfile-zip.h>
#include <gsf/gsf-output-memory.h>
#include <locale.h>
#include <string.h>

#include "tissage-spreadsheet.h"

/* Archives made here, member by member, as a spreadsheet program or an
 * attacker would write them. */
typedef struct {
  GsfOutput  *memory;
  GsfOutfile *zip;
  GHashTable *folders;  /* "xl/worksheets" → GsfOutfile */
} Archive;

static Archive *
archive_new (void)
{
  Archive *archive = g_new0 (Archive, 1);
  GError *error = NULL;

  archive->memory = gsf_output_memory_new ();
  archive->zip = gsf_outfile_zip_new (archive->memory, &error);
  g_assert_no_error (error);
  archive->folders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return archive;
}

static GsfOutfile *
archive_folder (Archive    *archive,
                const char *path)
{
  GsfOutfile *folder;
  g_autofree char *parent = NULL;
  g_autofree char *base = NULL;

  if (path == NULL || *path == '\0' || g_str_equal (path, "."))
    return archive->zip;
  folder = g_hash_table_lookup (archive->folders, path);
  if (folder != NULL)
    return folder;
  parent = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  folder = GSF_OUTFILE (gsf_outfile_new_child (archive_folder (archive, parent), base, TRUE));
  g_hash_table_insert (archive->folders, g_strdup (path), folder);
  return folder;
}

static void
archive_add_repeated (Archive    *archive,
                      const char *path,
                      const char *head,
                      const char *repeated,
                      gsize       times,
                      const char *tail)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  GsfOutput *child = gsf_outfile_new_child (archive_folder (archive, dir), base, FALSE);

  g_assert_true (gsf_output_write (child, strlen (head), (const guint8 *) head));
  for (gsize i = 0; i < times; i++)
    g_assert_true (gsf_output_write (child, strlen (repeated), (const guint8 *) repeated));
  g_assert_true (gsf_output_write (child, strlen (tail), (const guint8 *) tail));
  g_assert_true (gsf_output_close (child));
  g_object_unref (child);
}

static void
archive_add (Archive    *archive,
             const char *path,
             const char *text)
{
  archive_add_repeated (archive, path, text, "", 0, "");
}

static GBytes *
archive_finish (Archive *archive)
{
  GHashTableIter iter;
  gpointer folder;
  GBytes *bytes;

  /* Folders close before the archive, deepest first: their paths are
   * longer. */
  {
    g_autoptr(GList) paths = g_hash_table_get_keys (archive->folders);

    paths = g_list_sort (paths, (GCompareFunc) g_strcmp0);
    for (GList *l = g_list_last (paths); l != NULL; l = l->prev)
      {
        GsfOutput *output = g_hash_table_lookup (archive->folders, l->data);

        g_assert_true (gsf_output_close (output));
      }
  }
  g_assert_true (gsf_output_close (GSF_OUTPUT (archive->zip)));
  bytes = g_bytes_new (gsf_output_memory_get_bytes (GSF_OUTPUT_MEMORY (archive->memory)),
                       (gsize) gsf_output_size (archive->memory));

  g_hash_table_iter_init (&iter, archive->folders);
  while (g_hash_table_iter_next (&iter, NULL, &folder))
    g_object_unref (folder);
  g_hash_table_unref (archive->folders);
  g_object_unref (archive->zip);
  g_object_unref (archive->memory);
  g_free (archive);
  return bytes;
}

static const char workbook_xml[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
  "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
  " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
  "<sheets><sheet name=\"Partenaires\" sheetId=\"1\" r:id=\"rId1\"/>"
  "<sheet name=\"Liens (ignore)\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>";

static const char rels_xml[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
  "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
  "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"/xl/worksheets/sheet2.xml\"/>"
  "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
  "</Relationships>";

#define SHEET_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" \
  "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
#define SHEET_TAIL "</sheetData></worksheet>"

static GBytes *
make_xlsx (const char *shared_strings,
           const char *sheet1,
           const char *sheet2)
{
  Archive *archive = archive_new ();

  archive_add (archive, "[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
  archive_add (archive, "xl/workbook.xml", workbook_xml);
  archive_add (archive, "xl/_rels/workbook.xml.rels", rels_xml);
  if (shared_strings != NULL)
    archive_add (archive, "xl/sharedStrings.xml", shared_strings);
  archive_add (archive, "xl/worksheets/sheet1.xml", sheet1);
  archive_add (archive, "xl/worksheets/sheet2.xml", sheet2 != NULL ? sheet2 : SHEET_HEAD SHEET_TAIL);
  return archive_finish (archive);
}

static TissageSpreadsheet *
parse_bytes (GBytes  *bytes,
             GError **error)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  return tissage_spreadsheet_parse (data, length, "essai.xlsx", error);
}

static const char shared_xml[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
  "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"3\" uniqueCount=\"3\">"
  "<si><t>Nom</t></si>"
  "<si><r><rPr><b/></rPr><t>Mairie de </t></r><r><t xml:space=\"preserve\">Saint-Étienne</t></r>"
  "<rPh sb=\"0\" eb=\"1\"><t>PHONETIQUE</t></rPh></si>"
  "<si><t>Élus &amp; services</t></si>"
  "</sst>";

static void
test_xlsx_cells (void)
{
  g_autoptr(GBytes) bytes = make_xlsx (shared_xml,
    SHEET_HEAD
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"inlineStr\"><is><t>Influence</t></is></c>"
    "<c r=\"D1\" t=\"inlineStr\"><is><t>Membre</t></is></c></row>"
    "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c><c r=\"B2\"><v>75</v></c>"
    "<c r=\"C2\" t=\"str\"><f>A2&amp;\" !\"</f><v>Mairie de Saint-Étienne !</v></c>"
    "<c r=\"D2\" t=\"b\"><v>1</v></c></row>"
    "<row r=\"4\"><c r=\"A4\" t=\"s\"><v>2</v></c><c r=\"B4\"><f>SUM(B2:B3)*2</f></c>"
    "<c><v>12.5</v></c></row>"
    "<row r=\"9\"><c r=\"A9\" s=\"1\"/></row>"
    SHEET_TAIL,
    SHEET_HEAD "<row><c t=\"inlineStr\"><is><t>From</t></is></c><c t=\"inlineStr\"><is><t>To</t></is></c></row>" SHEET_TAIL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageSpreadsheet) book = parse_bytes (bytes, &error);
  TissageSheet *sheet, *second;

  g_assert_no_error (error);
  g_assert_cmpint (book->format, ==, TISSAGE_SPREADSHEET_XLSX);
  g_assert_cmpuint (book->sheets->len, ==, 2);
  sheet = g_ptr_array_index (book->sheets, 0);
  g_assert_cmpstr (sheet->name, ==, "Partenaires");
  /* Row 9 holds only a formatted empty cell: no row. */
  g_assert_cmpuint (tissage_sheet_get_n_rows (sheet), ==, 4);
  g_assert_cmpuint (sheet->n_columns, ==, 4);
  g_assert_cmpstr (tissage_sheet_get_cell (sheet, 0, 0), ==, "Nom");
  g_assert_cmpstr (tissage_sheet_get_cell (sheet, 0, 1), ==, "Influence");
  g_assert_cmpstr (tissage_sheet_get_cell (sheet, 0, 2), ==, "");
  g_assert_cmpstr (tissage_sheet_get_cell (sheet, 0, 3), ==, "Membre");
  /* Rich text runs joined, the phonetic guide left out. */
  g_assert_cmpstr (tissage_sheet_get_cell (sheet, 1, 0), ==, "Mairie de Saint-Étienne");
  g_assert_cmpstr (tissage_sheet_get_cell (sheet, 1, 1), ==, "75");
  /* A formula is its cached value, never its text nor a new result. */
  g_assert_cmpstr (tissage_sheet_get_cell (sheet, 1, 2), ==, "Mairie de Saint-Étienne !");
  g_assert_cmpstr (tissage_sheet_get_cell (sheet, 1, 3), ==, "TRUE");
  g_assert_cmpuint (g_strv_length (g_ptr_array_index (sheet->rows, 2)), ==, 0);
  g_assert_cmpstr (tissage_sheet_get_cell (sheet, 3, 0), ==, "Élus & services");
  /* Without a cached value: its text, not evaluated. */
  g_assert_cmpstr (tissage_sheet_get_cell (sheet, 3, 1), ==, "=SUM(B2:B3)*2");
  /* A cell without a reference follows the one before. */
  g_assert_cmpstr (tissage_sheet_get_cell (sheet, 3, 2), ==, "12.5");
  g_assert_cmpstr (tissage_sheet_get_cell (sheet, 50, 50), ==, "");

  second = g_ptr_array_index (book->sheets, 1);
  g_assert_cmpstr (second->name, ==, "Liens (ignore)");
  g_assert_cmpstr (tissage_sheet_get_cell (second, 0, 1), ==, "To");
}

#define ODS_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" \
  "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"" \
  " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\"" \
  " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:spreadsheet>"
#define ODS_TAIL "</office:spreadsheet></office:body></office:document-content>"

static GBytes *
make_ods (const char *content)
{
  Archive *archive = archive_new ();

  archive_add (archive, "mimetype", "application/vnd.oasis.opendocument.spreadsheet");
  archive_add (archive, "content.xml", content);
  archive_add (archive, "META-INF/manifest.xml", "<manifest/>");
  return archive_finish (archive);
}

static void
test_ods_cells (void)
{
  g_autoptr(GBytes) bytes = make_ods (ODS_HEAD
    "<table:table table:name=\"Éléments\">"
    "<table:table-column table:number-columns-repeated=\"16384\"/>"
    "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>Label</text:p></table:table-cell>"
    "<table:table-cell><text:p>Tags</text:p></table:table-cell>"
    "<table:table-cell table:number-columns-repeated=\"16382\"/></table:table-row>"
    "<table:table-row><table:table-cell><text:p>Centre<text:s text:c=\"2\"/>social</text:p><text:p>de quartier</text:p>"
    "<office:annotation><text:p>commentaire caché</text:p></office:annotation></table:table-cell>"
    "<table:table-cell office:value-type=\"float\" office:value=\"12.5\" table:formula=\"of:=25/2\"><text:p>12,5</text:p></table:table-cell>"
    "<table:table-cell table:number-columns-repeated=\"2\"><text:p>x</text:p></table:table-cell>"
    "<table:table-cell office:value-type=\"boolean\" office:boolean-value=\"false\"><text:p>FAUX</text:p></table:table-cell>"
    "<table:table-cell table:number-columns-repeated=\"16379\"/></table:table-row>"
    "<table:table-row table:number-rows-repeated=\"3\"><table:table-cell table:number-columns-repeated=\"16384\"/></table:table-row>"
    "<table:table-row table:number-rows-repeated=\"2\"><table:table-cell><text:p>bis</text:p></table:table-cell></table:table-row>"
    "<table:table-row table:number-rows-repeated=\"1048570\"><table:table-cell table:number-columns-repeated=\"16384\"/></table:table-row>"
    "</table:table>"
    "<table:table table:name=\"Vide\"/>"
    "</office:spreadsheet></office:body></office:document-content>");
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageSpreadsheet) book = parse_bytes (bytes, &error);
  TissageSheet *sheet;

  g_assert_no_error (error);
  g_assert_cmpint (book->format, ==, TISSAGE_SPREADSHEET_ODS);
  g_assert_cmpuint (book->sheets->len, ==, 2);
  sheet = g_ptr_array_index (book->sheets, 0);
  g_assert_cmpstr (sheet->name, ==, "Éléments");
  g_assert_cmpuint (tissage_sheet_get_n_rows (sheet), ==, 7);
  g_assert_cmpuint (sheet->n_columns, ==, 5);
  g_assert_cmpstr (tissage_sheet_get_cell (sheet, 0, 0), ==, "Label");
  g_assert_cmpstr (tissage_sheet_get_cell (sheet, 1, 0), ==, "Centre  social\nde quartier");
  /* The number as stored, not as shown in French; the formula not run. */
  g_assert_cmpstr (tissage_sheet_get_cell (sheet, 1, 1), ==, "12.5");
  g_assert_cmpstr (tissage_sheet_get_cell (sheet, 1, 2), ==, "x");
  g_assert_cmpstr (tissage_sheet_get_cell (sheet, 1, 3), ==, "x");
  g_assert_cmpstr (tissage_sheet_get_cell (sheet, 1, 4), ==, "FALSE");
  g_assert_cmpstr (tissage_sheet_get_cell (sheet, 2, 0), ==, "");
  g_assert_cmpstr (tissage_sheet_get_cell (sheet, 5, 0), ==, "bis");
  g_assert_cmpstr (tissage_sheet_get_cell (sheet, 6, 0), ==, "bis");
  g_assert_cmpuint (tissage_sheet_get_n_rows (g_ptr_array_index (book->sheets, 1)), ==, 0);
}

static void
assert_refused (GBytes     *bytes,
                int         code,
                const char *forbidden)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageSpreadsheet) book = parse_bytes (bytes, &error);

  g_assert_null (book);
  g_assert_error (error, TISSAGE_SPREADSHEET_ERROR, code);
  g_assert_nonnull (strstr (error->message, "essai.xlsx"));
  if (forbidden != NULL)
    g_assert_null (strstr (error->message, forbidden));
}

/* 80 MB of one byte, some 80 kB compressed: refused from its declared
 * size, before it is inflated. */
static void
test_zip_bomb (void)
{
  Archive *archive = archive_new ();
  g_autoptr(GBytes) bytes = NULL;
  static char block[8193];

  memset (block, ' ', 8192);
  archive_add (archive, "xl/workbook.xml", workbook_xml);
  archive_add (archive, "xl/_rels/workbook.xml.rels", rels_xml);
  archive_add_repeated (archive, "xl/worksheets/sheet1.xml", SHEET_HEAD, block, 10 * 1024, SHEET_TAIL);
  bytes = archive_finish (archive);

  g_assert_cmpuint (g_bytes_get_size (bytes), <, 1024 * 1024);
  assert_refused (bytes, TISSAGE_SPREADSHEET_ERROR_TOO_LARGE, NULL);
}

static void
test_billion_laughs (void)
{
  g_autoptr(GBytes) bytes = make_xlsx (
    "<?xml version=\"1.0\"?>"
    "<!DOCTYPE sst [<!ENTITY a \"hahahahahahahahahaha\">"
    "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
    "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
    "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\"><!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">"
    "<!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\"><!ENTITY i \"&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;\">]>"
    "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>&i;</t></si></sst>",
    SHEET_HEAD "<row><c t=\"s\"><v>0</v></c></row>" SHEET_TAIL, NULL);

  assert_refused (bytes, TISSAGE_SPREADSHEET_ERROR_REFUSED, "haha");
}

static void
test_external_entity (void)
{
  g_autoptr(GBytes) bytes = make_xlsx (NULL,
    "<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY secret SYSTEM \"file:///etc/passwd\">"
    "<!ENTITY % remote SYSTEM \"http://127.0.0.1:9/x.dtd\"> %remote;]>"
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
    "<row><c t=\"inlineStr\"><is><t>&secret;</t></is></c></row>" SHEET_TAIL, NULL);

  assert_refused (bytes, TISSAGE_SPREADSHEET_ERROR_REFUSED, "root:");
}

static void
test_huge_sheets (void)
{
  g_autoptr(GBytes) far_row = make_xlsx (NULL, SHEET_HEAD "<row r=\"100001\"><c r=\"A100001\" t=\"inlineStr\"><is><t>x</t></is></c></row>" SHEET_TAIL, NULL);
  g_autoptr(GBytes) far_column = make_xlsx (NULL, SHEET_HEAD "<row><c r=\"ALM1\"><v>1</v></c></row>" SHEET_TAIL, NULL);
  g_autoptr(GBytes) repeated_cells = make_ods (ODS_HEAD "<table:table table:name=\"A\"><table:table-row>"
    "<table:table-cell table:number-columns-repeated=\"1073741824\"><text:p>x</text:p></table:table-cell>"
    "</table:table-row></table:table>" ODS_TAIL);
  g_autoptr(GBytes) repeated_rows = make_ods (ODS_HEAD "<table:table table:name=\"A\">"
    "<table:table-row table:number-rows-repeated=\"1048576\"><table:table-cell><text:p>x</text:p></table:table-cell></table:table-row>"
    "</table:table>" ODS_TAIL);
  /* 2000 rows of 999 padded cells each: past the cells all sheets may hold. */
  g_autoptr(GString) wide = g_string_new (SHEET_HEAD);
  g_autoptr(GBytes) many_cells = NULL;
  g_autoptr(GString) long_cell = g_string_new (SHEET_HEAD "<row><c t=\"inlineStr\"><is><t>");
  g_autoptr(GBytes) long_bytes = NULL;
  g_autoptr(GString) many_rows = g_string_new (SHEET_HEAD);
  g_autoptr(GBytes) rows_bytes = NULL;

  assert_refused (far_row, TISSAGE_SPREADSHEET_ERROR_TOO_LARGE, NULL);
  assert_refused (far_column, TISSAGE_SPREADSHEET_ERROR_TOO_LARGE, NULL);
  assert_refused (repeated_cells, TISSAGE_SPREADSHEET_ERROR_TOO_LARGE, NULL);
  assert_refused (repeated_rows, TISSAGE_SPREADSHEET_ERROR_TOO_LARGE, NULL);

  for (guint r = 1; r <= 5000; r++)
    g_string_append_printf (wide, "<row r=\"%u\"><c r=\"ALK%u\"><v>1</v></c></row>", r, r);
  g_string_append (wide, SHEET_TAIL);
  many_cells = make_xlsx (NULL, wide->str, NULL);
  assert_refused (many_cells, TISSAGE_SPREADSHEET_ERROR_TOO_LARGE, NULL);

  for (gsize i = 0; i < TISSAGE_SPREADSHEET_MAX_CELL_BYTES / 8 + 1; i++)
    g_string_append (long_cell, "abcdefgh");
  g_string_append (long_cell, "</t></is></c></row>" SHEET_TAIL);
  long_bytes = make_xlsx (NULL, long_cell->str, NULL);
  assert_refused (long_bytes, TISSAGE_SPREADSHEET_ERROR_TOO_LARGE, NULL);

  /* As many rows as the cap: read. */
  for (guint r = 1; r <= TISSAGE_SPREADSHEET_MAX_ROWS; r++)
    g_string_append_printf (many_rows, "<row><c><v>%u</v></c></row>", r);
  g_string_append (many_rows, SHEET_TAIL);
  rows_bytes = make_xlsx (NULL, many_rows->str, NULL);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(TissageSpreadsheet) book = parse_bytes (rows_bytes, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (tissage_sheet_get_n_rows (g_ptr_array_index (book->sheets, 0)), ==, TISSAGE_SPREADSHEET_MAX_ROWS);
    g_assert_cmpstr (tissage_sheet_get_cell (g_ptr_array_index (book->sheets, 0), 99999, 0), ==, "100000");
  }
}

static void
test_not_spreadsheets (void)
{
  Archive *archive = archive_new ();
  g_autoptr(GBytes) other = NULL;
  g_autoptr(GBytes) xls = g_bytes_new_static ("\320\317\021\340\241\261\032\341", 8);
  g_autoptr(GBytes) cut = NULL;
  g_autoptr(GBytes) xlsx = make_xlsx (NULL, SHEET_HEAD SHEET_TAIL, NULL);

  archive_add (archive, "mimetype", "application/vnd.oasis.opendocument.text");
  archive_add (archive, "content.xml", "<x/>");
  other = archive_finish (archive);
  assert_refused (other, TISSAGE_SPREADSHEET_ERROR_NOT_SPREADSHEET, NULL);
  assert_refused (xls, TISSAGE_SPREADSHEET_ERROR_NOT_SPREADSHEET, NULL);
  /* A workbook cut short. */
  cut = g_bytes_new_from_bytes (xlsx, 0, g_bytes_get_size (xlsx) / 2);
  assert_refused (cut, TISSAGE_SPREADSHEET_ERROR_DAMAGED, NULL);
  /* A workbook with no cell at all. */
  assert_refused (xlsx, TISSAGE_SPREADSHEET_ERROR_EMPTY, NULL);
}

static void
test_csv (void)
{
  const char csv[] = "Nom;Catégorie\r\nMairie;Collectivités\r\n;\r\n\"Centre\nsocial\";\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageSpreadsheet) book = tissage_spreadsheet_parse (csv, strlen (csv), "partenaires", &error);
  TissageSheet *sheet;

  g_assert_no_error (error);
  g_assert_cmpint (book->format, ==, TISSAGE_SPREADSHEET_CSV);
  sheet = g_ptr_array_index (book->sheets, 0);
  g_assert_cmpstr (sheet->name, ==, "partenaires");
  g_assert_cmpuint (tissage_sheet_get_n_rows (sheet), ==, 3);
  g_assert_cmpstr (tissage_sheet_get_cell (sheet, 0, 1), ==, "Catégorie");
  g_assert_cmpstr (tissage_sheet_get_cell (sheet, 2, 0), ==, "Centre\nsocial");
}

/* Files saved by LibreOffice from the same CSV read alike. */
static void
test_libreoffice_files (void)
{
  const char *names[] = { "partenaires.ods", "partenaires.xlsx" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", names[i], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(TissageSpreadsheet) book = tissage_spreadsheet_read_file (file, NULL, &error);
      TissageSheet *sheet;

      g_assert_no_error (error);
      sheet = g_ptr_array_index (book->sheets, 0);
      g_assert_cmpuint (tissage_sheet_get_n_rows (sheet), ==, 4);
      g_assert_cmpstr (tissage_sheet_get_cell (sheet, 0, 0), ==, "Nom");
      g_assert_cmpstr (tissage_sheet_get_cell (sheet, 1, 0), ==, "Mairie de Saint-Étienne");
      g_assert_cmpstr (tissage_sheet_get_cell (sheet, 1, 1), ==, "Collectivités");
      g_assert_cmpstr (tissage_sheet_get_cell (sheet, 1, 2), ==, "80");
      g_assert_cmpstr (tissage_sheet_get_cell (sheet, 3, 0), ==, "Centre social « Les Tilleuls »");
      g_assert_cmpstr (tissage_sheet_get_cell (sheet, 3, 3), ==, "Ateliers; repas");
    }
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/spreadsheet/xlsx-cells", test_xlsx_cells);
  g_test_add_func ("/spreadsheet/ods-cells", test_ods_cells);
  g_test_add_func ("/spreadsheet/zip-bomb", test_zip_bomb);
  g_test_add_func ("/spreadsheet/billion-laughs", test_billion_laughs);
  g_test_add_func ("/spreadsheet/external-entity", test_external_entity);
  g_test_add_func ("/spreadsheet/huge-sheets", test_huge_sheets);
  g_test_add_func ("/spreadsheet/not-spreadsheets", test_not_spreadsheets);
  g_test_add_func ("/spreadsheet/csv", test_csv);
  g_test_add_func ("/spreadsheet/libreoffice", test_libreoffice_files);

  return g_test_run ();
}

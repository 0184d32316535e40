/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-core"

#include "config.h"

#include <glib/gi18n.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-infile-zip.h>
#include <gsf/gsf-input-memory.h>
#include <libxml/xmlreader.h>
#include <stdlib.h>
#include <string.h>

#include "tissage-csv.h"
#include "tissage-spreadsheet.h"

/*
 * Spreadsheets from elsewhere: CSV through the CSV reader, .xlsx and .ods
 * as the zip archives they are, through libgsf, and their XML through
 * libxml2's streaming reader, without network, without a DTD loaded and
 * without an entity expanded: a document that declares a DTD at all is
 * refused, as no workbook has one. Every size is capped before memory is
 * spent on it.
 */

/* libgsf 1.14.50 (Debian 12) declares no cleanup of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInput, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInfile, g_object_unref)

G_DEFINE_QUARK (tissage-spreadsheet-error-quark, tissage_spreadsheet_error)

#define NS_REL      "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_REL_STRICT "http://purl.oclc.org/ooxml/officeDocument/relationships"
#define NS_TABLE    "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define NS_OFFICE   "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define NS_TEXT     "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define ODS_MIMETYPE "application/vnd.oasis.opendocument.spreadsheet"

typedef struct {
  const char *file;    /* the file's name, for the messages */
  gsize       n_cells; /* every cell kept, every sheet together */
} Reader;

static void
sheet_free (gpointer data)
{
  TissageSheet *sheet = data;

  if (sheet == NULL)
    return;
  g_free (sheet->name);
  g_clear_pointer (&sheet->rows, g_ptr_array_unref);
  g_clear_pointer (&sheet->widths, g_array_unref);
  g_free (sheet);
}

/* While a sheet is read its rows are GPtrArrays; finish_sheet() makes
 * them GStrvs. */
static TissageSheet *
sheet_new (const char *name)
{
  TissageSheet *sheet = g_new0 (TissageSheet, 1);

  sheet->name = g_strdup (name);
  sheet->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  return sheet;
}

static void
finish_sheet (TissageSheet *sheet)
{
  GPtrArray *built = sheet->rows;

  sheet->rows = g_ptr_array_new_full (built->len, (GDestroyNotify) g_strfreev);
  sheet->widths = g_array_sized_new (FALSE, FALSE, sizeof (guint), built->len);
  sheet->n_columns = 0;
  for (guint i = 0; i < built->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (built, i);

      sheet->n_columns = MAX (sheet->n_columns, row->len);
      g_array_append_val (sheet->widths, row->len);
      g_ptr_array_set_free_func (row, NULL);
      g_ptr_array_add (row, NULL);
      g_ptr_array_add (sheet->rows, g_ptr_array_free (row, FALSE));
      built->pdata[i] = NULL;
    }
  g_ptr_array_set_free_func (built, NULL);
  g_ptr_array_unref (built);
}

/* "C5" for row 4 and column 2. */
static char *
cell_name (guint64 row,
           guint64 column)
{
  char letters[16];
  int n = 0;
  guint64 c = column + 1;
  g_autoptr(GString) name = g_string_new (NULL);

  while (c > 0 && n < (int) sizeof letters)
    {
      letters[n++] = 'A' + (c - 1) % 26;
      c = (c - 1) / 26;
    }
  while (n > 0)
    g_string_append_c (name, letters[--n]);
  g_string_append_printf (name, "%" G_GUINT64_FORMAT, row + 1);
  return g_string_free (g_steal_pointer (&name), FALSE);
}

static gboolean
cell_too_long (Reader       *reader,
               TissageSheet *sheet,
               guint64       row,
               guint64       column,
               GError      **error)
{
  g_autofree char *where = cell_name (row, column);

  g_set_error (error, TISSAGE_SPREADSHEET_ERROR, TISSAGE_SPREADSHEET_ERROR_TOO_LARGE,
               _("The cell %s of the sheet “%s” holds more than %d MB of text: “%s” cannot be imported."),
               where, sheet->name, TISSAGE_SPREADSHEET_MAX_CELL_BYTES / (1024 * 1024), reader->file);
  return FALSE;
}

/* Keeps @text (taken) at @row, @column. Empty text is no cell. */
static gboolean
sheet_put (Reader       *reader,
           TissageSheet *sheet,
           guint64       row,
           guint64       column,
           char         *text,
           GError      **error)
{
  g_autofree char *owned = text;
  GPtrArray *cells;

  if (*owned == '\0')
    return TRUE;
  if (strlen (owned) > TISSAGE_SPREADSHEET_MAX_CELL_BYTES)
    return cell_too_long (reader, sheet, row, column, error);
  if (row >= TISSAGE_SPREADSHEET_MAX_ROWS)
    {
      g_set_error (error, TISSAGE_SPREADSHEET_ERROR, TISSAGE_SPREADSHEET_ERROR_TOO_LARGE,
                   _("The sheet “%s” of “%s” has more than %d rows: Tissage imports up to that many. Split it into several files."),
                   sheet->name, reader->file, TISSAGE_SPREADSHEET_MAX_ROWS);
      return FALSE;
    }
  if (column >= TISSAGE_SPREADSHEET_MAX_COLUMNS)
    {
      g_set_error (error, TISSAGE_SPREADSHEET_ERROR, TISSAGE_SPREADSHEET_ERROR_TOO_LARGE,
                   _("The sheet “%s” of “%s” has more than %d columns: Tissage imports up to that many."),
                   sheet->name, reader->file, TISSAGE_SPREADSHEET_MAX_COLUMNS);
      return FALSE;
    }

  while (sheet->rows->len <= row)
    g_ptr_array_add (sheet->rows, g_ptr_array_new_with_free_func (g_free));
  cells = g_ptr_array_index (sheet->rows, row);

  if (cells->len <= column)
    {
      gsize more = column + 1 - cells->len;

      if (reader->n_cells + more > TISSAGE_SPREADSHEET_MAX_CELLS)
        {
          g_set_error (error, TISSAGE_SPREADSHEET_ERROR, TISSAGE_SPREADSHEET_ERROR_TOO_LARGE,
                       _("“%s” holds more than %d million cells: Tissage imports up to that many at once. Split it into several files."),
                       reader->file, TISSAGE_SPREADSHEET_MAX_CELLS / 1000000);
          return FALSE;
        }
      reader->n_cells += more;
      while (cells->len <= column)
        g_ptr_array_add (cells, g_strdup (""));
    }
  g_free (cells->pdata[column]);
  cells->pdata[column] = g_steal_pointer (&owned);
  return TRUE;
}

static gboolean
damaged (Reader      *reader,
         GError     **error)
{
  g_set_error (error, TISSAGE_SPREADSHEET_ERROR, TISSAGE_SPREADSHEET_ERROR_DAMAGED,
               _("“%s” could not be read: the spreadsheet is damaged or protected by a password. Open it in the spreadsheet program and save it again."),
               reader->file);
  return FALSE;
}

static gboolean
refuse_entities (Reader  *reader,
                 GError **error)
{
  g_set_error (error, TISSAGE_SPREADSHEET_ERROR, TISSAGE_SPREADSHEET_ERROR_REFUSED,
               _("“%s” declares entities or a document type, which no spreadsheet needs and which could read other files or exhaust the memory: it is refused."),
               reader->file);
  return FALSE;
}

/* The whole of one member of the archive, or %NULL: absent (no error) or
 * refused. */
static char *
read_member (Reader     *reader,
             GsfInfile  *zip,
             const char *path,
             gsize      *length,
             GError    **error)
{
  g_auto(GStrv) names = g_strsplit (path, "/", -1);
  g_autoptr(GsfInput) input = gsf_infile_child_by_aname (zip, (const char **) names);
  g_autofree char *data = NULL;
  gsf_off_t size;

  if (input == NULL)
    return NULL;

  /* The size the archive declares: the inflater never gives more. */
  size = gsf_input_size (input);
  if (size < 0 || size > TISSAGE_SPREADSHEET_MAX_MEMBER_BYTES)
    {
      g_autofree char *declared = g_format_size (size < 0 ? 0 : (guint64) size);

      g_set_error (error, TISSAGE_SPREADSHEET_ERROR, TISSAGE_SPREADSHEET_ERROR_TOO_LARGE,
                   _("“%s” holds a part of %s once uncompressed, more than Tissage reads (%d MB): it is refused."),
                   reader->file, declared, TISSAGE_SPREADSHEET_MAX_MEMBER_BYTES / (1024 * 1024));
      return NULL;
    }

  data = g_malloc ((gsize) size + 1);
  if (size > 0 && gsf_input_read (input, (size_t) size, (guint8 *) data) == NULL)
    {
      damaged (reader, error);
      return NULL;
    }
  data[size] = '\0';
  *length = (gsize) size;
  return g_steal_pointer (&data);
}

static char *
read_required_member (Reader     *reader,
                      GsfInfile  *zip,
                      const char *path,
                      gsize      *length,
                      GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  char *data = read_member (reader, zip, path, length, &local_error);

  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (data == NULL)
    damaged (reader, error);
  return data;
}

/* Whether the prolog, before the root element, declares a document type:
 * where entities are declared, which no workbook has. */
static gboolean
declares_doctype (const char *data,
                  gsize       length)
{
  const char *p = data, *end = data + length;

  while (p < end && (p = memchr (p, '<', end - p)) != NULL)
    {
      gsize left = end - p;

      if (left >= 2 && p[1] == '?')
        {
          const char *close = g_strstr_len (p, left, "?>");

          if (close == NULL)
            return FALSE;
          p = close + 2;
        }
      else if (left >= 4 && memcmp (p, "<!--", 4) == 0)
        {
          const char *close = g_strstr_len (p + 4, left - 4, "-->");

          if (close == NULL)
            return FALSE;
          p = close + 3;
        }
      else
        return left >= 9 && memcmp (p, "<!DOCTYPE", 9) == 0;
    }
  return FALSE;
}

static xmlTextReaderPtr
open_xml (const char *data,
          gsize       length,
          const char *member)
{
  if (length > G_MAXINT || declares_doctype (data, length))
    return NULL;
  /* No XML_PARSE_NOENT, XML_PARSE_DTDLOAD or XML_PARSE_DTDATTR: nothing
   * is substituted and nothing fetched. */
  return xmlReaderForMemory (data, (int) length, member, NULL,
                             XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
}

/* 1: a node; 0: the end; -1: an error, set. */
static int
next_node (Reader           *reader,
           xmlTextReaderPtr  xml,
           GError          **error)
{
  int ret = xmlTextReaderRead (xml);
  int type;

  if (ret < 0)
    {
      damaged (reader, error);
      return -1;
    }
  if (ret == 0)
    return 0;

  type = xmlTextReaderNodeType (xml);
  if (type == XML_READER_TYPE_DOCUMENT_TYPE || type == XML_READER_TYPE_ENTITY ||
      type == XML_READER_TYPE_ENTITY_REFERENCE)
    {
      refuse_entities (reader, error);
      return -1;
    }
  return 1;
}

static gboolean
is_element (xmlTextReaderPtr xml,
            const char      *name)
{
  const xmlChar *local = xmlTextReaderConstLocalName (xml);

  return local != NULL && strcmp ((const char *) local, name) == 0;
}

static gboolean
is_text (int type)
{
  return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
         type == XML_READER_TYPE_WHITESPACE || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

static char *
get_attribute (xmlTextReaderPtr xml,
               const char      *name,
               const char      *ns)
{
  xmlChar *value = ns != NULL
    ? xmlTextReaderGetAttributeNs (xml, BAD_CAST name, BAD_CAST ns)
    : xmlTextReaderGetAttribute (xml, BAD_CAST name);
  char *copy;

  if (value == NULL)
    return NULL;
  copy = g_strdup ((const char *) value);
  xmlFree (value);
  return copy;
}

static guint64
parse_count (const char *text,
             guint64     fallback)
{
  guint64 value;

  if (text == NULL || !g_ascii_isdigit (*text))
    return fallback;
  value = g_ascii_strtoull (text, NULL, 10);
  /* Past every cap: the loops that use it stop at the cap. */
  return MIN (value, (guint64) G_MAXUINT32);
}

static gboolean
append_text (Reader       *reader,
             TissageSheet *sheet,
             GString      *text,
             const char   *more,
             guint64       row,
             guint64       column,
             GError      **error)
{
  if (text->len + strlen (more) > TISSAGE_SPREADSHEET_MAX_CELL_BYTES)
    return cell_too_long (reader, sheet, row, column, error);
  g_string_append (text, more);
  return TRUE;
}

/* --- OOXML (.xlsx) --- */

typedef struct {
  char *name;
  char *rel_id;
} SheetEntry;

static void
sheet_entry_clear (gpointer data)
{
  SheetEntry *entry = data;

  g_free (entry->name);
  g_free (entry->rel_id);
}

static gboolean
read_workbook_sheets (Reader     *reader,
                      const char *data,
                      gsize       length,
                      GArray     *entries,
                      GError    **error)
{
  xmlTextReaderPtr xml = open_xml (data, length, "xl/workbook.xml");
  int ret;

  if (xml == NULL)
    return declares_doctype (data, length) ? refuse_entities (reader, error) : damaged (reader, error);

  while ((ret = next_node (reader, xml, error)) == 1)
    {
      SheetEntry entry = { NULL, };

      if (xmlTextReaderNodeType (xml) != XML_READER_TYPE_ELEMENT || !is_element (xml, "sheet"))
        continue;
      entry.name = get_attribute (xml, "name", NULL);
      entry.rel_id = get_attribute (xml, "id", NS_REL);
      if (entry.rel_id == NULL)
        entry.rel_id = get_attribute (xml, "id", NS_REL_STRICT);
      if (entry.name == NULL || entry.rel_id == NULL)
        {
          sheet_entry_clear (&entry);
          continue;
        }
      if (entries->len >= TISSAGE_SPREADSHEET_MAX_SHEETS)
        {
          sheet_entry_clear (&entry);
          g_set_error (error, TISSAGE_SPREADSHEET_ERROR, TISSAGE_SPREADSHEET_ERROR_TOO_LARGE,
                       _("“%s” has more than %d sheets: Tissage imports up to that many."),
                       reader->file, TISSAGE_SPREADSHEET_MAX_SHEETS);
          ret = -1;
          break;
        }
      g_array_append_val (entries, entry);
    }
  xmlFreeTextReader (xml);
  return ret == 0;
}

/* The member a relationship's target names, from xl/. */
static char *
resolve_target (const char *target)
{
  if (target[0] == '/')
    return g_strdup (target + 1);
  return g_strconcat ("xl/", target, NULL);
}

static gboolean
read_relationships (Reader     *reader,
                    const char *data,
                    gsize       length,
                    GHashTable *targets,
                    char      **shared_strings,
                    GError    **error)
{
  xmlTextReaderPtr xml = open_xml (data, length, "xl/_rels/workbook.xml.rels");
  int ret;

  if (xml == NULL)
    return declares_doctype (data, length) ? refuse_entities (reader, error) : damaged (reader, error);

  while ((ret = next_node (reader, xml, error)) == 1)
    {
      g_autofree char *id = NULL, *target = NULL, *type = NULL;

      if (xmlTextReaderNodeType (xml) != XML_READER_TYPE_ELEMENT || !is_element (xml, "Relationship"))
        continue;
      id = get_attribute (xml, "Id", NULL);
      target = get_attribute (xml, "Target", NULL);
      type = get_attribute (xml, "Type", NULL);
      if (id == NULL || target == NULL)
        continue;
      if (type != NULL && g_str_has_suffix (type, "/sharedStrings"))
        {
          g_free (*shared_strings);
          *shared_strings = resolve_target (target);
        }
      g_hash_table_insert (targets, g_steal_pointer (&id), resolve_target (target));
    }
  xmlFreeTextReader (xml);
  return ret == 0;
}

static gboolean
read_shared_strings (Reader     *reader,
                     const char *data,
                     gsize       length,
                     GPtrArray  *strings,
                     GError    **error)
{
  xmlTextReaderPtr xml = open_xml (data, length, "xl/sharedStrings.xml");
  g_autoptr(GString) text = g_string_new (NULL);
  TissageSheet shared = { (char *) "sharedStrings", 0, NULL, NULL };
  gboolean in_si = FALSE, in_t = FALSE;
  int phonetic_depth = -1;
  int ret;

  if (xml == NULL)
    return declares_doctype (data, length) ? refuse_entities (reader, error) : damaged (reader, error);

  while ((ret = next_node (reader, xml, error)) == 1)
    {
      int type = xmlTextReaderNodeType (xml);

      if (type == XML_READER_TYPE_ELEMENT)
        {
          gboolean empty = xmlTextReaderIsEmptyElement (xml);

          if (is_element (xml, "si"))
            {
              g_string_truncate (text, 0);
              in_si = !empty;
              if (empty)
                g_ptr_array_add (strings, g_strdup (""));
            }
          else if (is_element (xml, "rPh") && !empty)
            phonetic_depth = xmlTextReaderDepth (xml);
          else if (is_element (xml, "t"))
            in_t = !empty;
        }
      else if (type == XML_READER_TYPE_END_ELEMENT)
        {
          if (is_element (xml, "si") && in_si)
            {
              g_ptr_array_add (strings, g_strndup (text->str, text->len));
              in_si = FALSE;
            }
          else if (is_element (xml, "rPh") && xmlTextReaderDepth (xml) == phonetic_depth)
            phonetic_depth = -1;
          else if (is_element (xml, "t"))
            in_t = FALSE;
        }
      else if (is_text (type) && in_si && in_t && phonetic_depth < 0)
        {
          if (!append_text (reader, &shared, text, (const char *) xmlTextReaderConstValue (xml),
                            strings->len, 0, error))
            {
              ret = -1;
              break;
            }
        }
    }
  xmlFreeTextReader (xml);
  return ret == 0;
}

/* "C5" → row 4, column 2; FALSE for what is no reference. */
static gboolean
parse_reference (const char *reference,
                 guint64    *row,
                 guint64    *column)
{
  guint64 c = 0, r = 0;
  const char *p = reference;

  for (; g_ascii_isalpha (*p); p++)
    {
      c = c * 26 + (g_ascii_toupper (*p) - 'A' + 1);
      if (c > G_MAXUINT32)
        return FALSE;
    }
  if (c == 0 || !g_ascii_isdigit (*p))
    return FALSE;
  r = g_ascii_strtoull (p, NULL, 10);
  if (r == 0)
    return FALSE;
  *column = c - 1;
  *row = MIN (r, (guint64) G_MAXUINT32) - 1;
  return TRUE;
}

typedef enum {
  XLSX_IN_NONE,
  XLSX_IN_VALUE,
  XLSX_IN_FORMULA,
  XLSX_IN_INLINE,
} XlsxIn;

static char *
xlsx_cell_value (Reader       *reader,
                 const char   *type,
                 GString      *value,
                 GString      *formula,
                 GString      *inline_text,
                 GPtrArray    *strings,
                 GError      **error)
{
  if (g_strcmp0 (type, "s") == 0)
    {
      guint64 index;

      if (value->len == 0)
        return g_strdup ("");
      index = g_ascii_strtoull (value->str, NULL, 10);
      if (!g_ascii_isdigit (value->str[0]) || index >= strings->len)
        {
          damaged (reader, error);
          return NULL;
        }
      return g_strdup (g_ptr_array_index (strings, index));
    }
  if (g_strcmp0 (type, "inlineStr") == 0)
    return g_strndup (inline_text->str, inline_text->len);
  if (g_strcmp0 (type, "b") == 0 && value->len > 0)
    return g_strdup (g_str_equal (value->str, "1") ? "TRUE" : "FALSE");
  /* A formula without its cached value: its text, never its result. */
  if (value->len == 0 && formula->len > 0)
    return g_strconcat ("=", formula->str, NULL);
  return g_strndup (value->str, value->len);
}

static gboolean
read_xlsx_sheet (Reader       *reader,
                 TissageSheet *sheet,
                 const char   *data,
                 gsize         length,
                 const char   *member,
                 GPtrArray    *strings,
                 GError      **error)
{
  xmlTextReaderPtr xml = open_xml (data, length, member);
  g_autoptr(GString) value = g_string_new (NULL);
  g_autoptr(GString) formula = g_string_new (NULL);
  g_autoptr(GString) inline_text = g_string_new (NULL);
  g_autofree char *type = NULL;
  guint64 row = 0, column = 0;
  gboolean row_seen = FALSE, in_cell = FALSE, in_inline = FALSE;
  XlsxIn in = XLSX_IN_NONE;
  int phonetic_depth = -1;
  int ret;

  if (xml == NULL)
    return declares_doctype (data, length) ? refuse_entities (reader, error) : damaged (reader, error);

  while ((ret = next_node (reader, xml, error)) == 1)
    {
      int node = xmlTextReaderNodeType (xml);
      gboolean finish = FALSE;

      if (node == XML_READER_TYPE_ELEMENT)
        {
          gboolean empty = xmlTextReaderIsEmptyElement (xml);

          if (is_element (xml, "row"))
            {
              g_autofree char *r = get_attribute (xml, "r", NULL);

              row = row_seen ? row + 1 : 0;
              if (r != NULL && g_ascii_isdigit (*r))
                row = MAX (parse_count (r, 1), 1) - 1;
              row_seen = TRUE;
              column = 0;
            }
          else if (is_element (xml, "c"))
            {
              g_autofree char *r = get_attribute (xml, "r", NULL);
              guint64 ref_row, ref_column;

              if (in_cell)
                column++;
              if (r != NULL && parse_reference (r, &ref_row, &ref_column))
                {
                  row = ref_row;
                  column = ref_column;
                }
              g_free (type);
              type = get_attribute (xml, "t", NULL);
              g_string_truncate (value, 0);
              g_string_truncate (formula, 0);
              g_string_truncate (inline_text, 0);
              in_cell = TRUE;
              in_inline = FALSE;
              in = XLSX_IN_NONE;
              finish = empty;
            }
          else if (in_cell && !empty)
            {
              if (is_element (xml, "v"))
                in = XLSX_IN_VALUE;
              else if (is_element (xml, "f"))
                in = XLSX_IN_FORMULA;
              else if (is_element (xml, "is"))
                in_inline = TRUE;
              else if (is_element (xml, "rPh"))
                phonetic_depth = xmlTextReaderDepth (xml);
              else if (is_element (xml, "t") && in_inline)
                in = XLSX_IN_INLINE;
            }
        }
      else if (node == XML_READER_TYPE_END_ELEMENT)
        {
          if (is_element (xml, "c") && in_cell)
            finish = TRUE;
          else if (is_element (xml, "is"))
            in_inline = FALSE;
          else if (is_element (xml, "rPh") && xmlTextReaderDepth (xml) == phonetic_depth)
            phonetic_depth = -1;
          else
            in = XLSX_IN_NONE;
        }
      else if (is_text (node) && in_cell && phonetic_depth < 0)
        {
          const char *more = (const char *) xmlTextReaderConstValue (xml);
          GString *target = in == XLSX_IN_VALUE ? value
                          : in == XLSX_IN_FORMULA ? formula
                          : in == XLSX_IN_INLINE ? inline_text : NULL;

          if (target != NULL && !append_text (reader, sheet, target, more, row, column, error))
            {
              ret = -1;
              break;
            }
        }

      if (finish)
        {
          char *text = xlsx_cell_value (reader, type, value, formula, inline_text, strings, error);

          if (text == NULL || !sheet_put (reader, sheet, row, column, text, error))
            {
              ret = -1;
              break;
            }
          /* The next cell without a reference is the one after. */
          in_cell = FALSE;
          column++;
        }
    }
  xmlFreeTextReader (xml);
  return ret == 0;
}

static gboolean
read_xlsx (Reader             *reader,
           GsfInfile          *zip,
           TissageSpreadsheet *book,
           GError            **error)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, TRUE, sizeof (SheetEntry));
  g_autoptr(GHashTable) targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *workbook = NULL, *rels = NULL, *shared = NULL;
  g_autofree char *shared_member = g_strdup ("xl/sharedStrings.xml");
  gsize length = 0;

  g_array_set_clear_func (entries, sheet_entry_clear);

  workbook = read_required_member (reader, zip, "xl/workbook.xml", &length, error);
  if (workbook == NULL)
    return FALSE;
  if (!read_workbook_sheets (reader, workbook, length, entries, error))
    return FALSE;
  g_clear_pointer (&workbook, g_free);

  rels = read_required_member (reader, zip, "xl/_rels/workbook.xml.rels", &length, error);
  if (rels == NULL)
    return FALSE;
  if (!read_relationships (reader, rels, length, targets, &shared_member, error))
    return FALSE;
  g_clear_pointer (&rels, g_free);

  {
    g_autoptr(GError) local_error = NULL;

    shared = read_member (reader, zip, shared_member, &length, &local_error);
    if (local_error != NULL)
      {
        g_propagate_error (error, g_steal_pointer (&local_error));
        return FALSE;
      }
  }
  if (shared != NULL && !read_shared_strings (reader, shared, length, strings, error))
    return FALSE;
  g_clear_pointer (&shared, g_free);

  for (guint i = 0; i < entries->len; i++)
    {
      SheetEntry *entry = &g_array_index (entries, SheetEntry, i);
      const char *member = g_hash_table_lookup (targets, entry->rel_id);
      g_autoptr(GError) local_error = NULL;
      g_autofree char *data = NULL;
      TissageSheet *sheet;

      if (member == NULL)
        continue;
      data = read_member (reader, zip, member, &length, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (data == NULL)
        continue;

      sheet = sheet_new (entry->name);
      g_ptr_array_add (book->sheets, sheet);
      if (!read_xlsx_sheet (reader, sheet, data, length, member, strings, error))
        return FALSE;
    }
  return TRUE;
}

/* --- ODF (.ods) --- */

typedef struct {
  guint64  column;
  char    *text;
} OdsCell;

static void
ods_cell_clear (gpointer data)
{
  g_free (((OdsCell *) data)->text);
}

static char *
ods_cell_machine_value (xmlTextReaderPtr xml)
{
  g_autofree char *type = get_attribute (xml, "value-type", NS_OFFICE);

  if (type == NULL || g_str_equal (type, "string"))
    return NULL;
  if (g_str_equal (type, "float") || g_str_equal (type, "percentage") || g_str_equal (type, "currency"))
    return get_attribute (xml, "value", NS_OFFICE);
  if (g_str_equal (type, "date"))
    return get_attribute (xml, "date-value", NS_OFFICE);
  if (g_str_equal (type, "time"))
    return get_attribute (xml, "time-value", NS_OFFICE);
  if (g_str_equal (type, "boolean"))
    {
      g_autofree char *value = get_attribute (xml, "boolean-value", NS_OFFICE);

      if (value != NULL)
        return g_strdup (g_str_equal (value, "true") ? "TRUE" : "FALSE");
    }
  return NULL;
}

static gboolean
flush_ods_row (Reader       *reader,
               TissageSheet *sheet,
               GArray       *cells,
               guint64      *row,
               guint64       repeat,
               GError      **error)
{
  if (cells->len == 0)
    {
      *row += repeat;
      return TRUE;
    }
  for (guint64 r = 0; r < repeat; r++, (*row)++)
    for (guint i = 0; i < cells->len; i++)
      {
        OdsCell *cell = &g_array_index (cells, OdsCell, i);

        if (!sheet_put (reader, sheet, *row, cell->column, g_strdup (cell->text), error))
          return FALSE;
      }
  g_array_set_size (cells, 0);
  return TRUE;
}

static gboolean
read_ods (Reader             *reader,
          GsfInfile          *zip,
          TissageSpreadsheet *book,
          GError            **error)
{
  g_autofree char *content = NULL;
  g_autoptr(GArray) cells = g_array_new (FALSE, TRUE, sizeof (OdsCell));
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *machine = NULL;
  xmlTextReaderPtr xml;
  TissageSheet *sheet = NULL;
  guint64 row = 0, column = 0, row_repeat = 1, cell_repeat = 1;
  gboolean in_cell = FALSE;
  int skip_depth = -1, paragraphs = 0, paragraph_depth = -1;
  gsize length = 0;
  int ret;

  g_array_set_clear_func (cells, ods_cell_clear);

  content = read_required_member (reader, zip, "content.xml", &length, error);
  if (content == NULL)
    return FALSE;

  xml = open_xml (content, length, "content.xml");
  if (xml == NULL)
    return declares_doctype (content, length) ? refuse_entities (reader, error) : damaged (reader, error);

  while ((ret = next_node (reader, xml, error)) == 1)
    {
      int node = xmlTextReaderNodeType (xml);
      int depth = xmlTextReaderDepth (xml);
      gboolean finish_cell = FALSE, finish_row = FALSE;

      if (skip_depth >= 0)
        {
          if (node == XML_READER_TYPE_END_ELEMENT && depth == skip_depth)
            skip_depth = -1;
          continue;
        }

      if (node == XML_READER_TYPE_ELEMENT)
        {
          gboolean empty = xmlTextReaderIsEmptyElement (xml);

          if (is_element (xml, "table") && sheet == NULL)
            {
              g_autofree char *name = get_attribute (xml, "name", NS_TABLE);

              if (book->sheets->len >= TISSAGE_SPREADSHEET_MAX_SHEETS)
                {
                  g_set_error (error, TISSAGE_SPREADSHEET_ERROR, TISSAGE_SPREADSHEET_ERROR_TOO_LARGE,
                               _("“%s” has more than %d sheets: Tissage imports up to that many."),
                               reader->file, TISSAGE_SPREADSHEET_MAX_SHEETS);
                  ret = -1;
                  break;
                }
              sheet = sheet_new (name != NULL ? name : "");
              g_ptr_array_add (book->sheets, sheet);
              row = 0;
              if (empty)
                sheet = NULL;
            }
          else if (sheet != NULL && is_element (xml, "table-row"))
            {
              g_autofree char *repeat = get_attribute (xml, "number-rows-repeated", NS_TABLE);

              row_repeat = MAX (parse_count (repeat, 1), 1);
              column = 0;
              g_array_set_size (cells, 0);
              finish_row = empty;
            }
          else if (sheet != NULL && (is_element (xml, "table-cell") || is_element (xml, "covered-table-cell")))
            {
              g_autofree char *repeat = get_attribute (xml, "number-columns-repeated", NS_TABLE);

              cell_repeat = MAX (parse_count (repeat, 1), 1);
              g_free (machine);
              machine = ods_cell_machine_value (xml);
              g_string_truncate (text, 0);
              paragraphs = 0;
              in_cell = !empty;
              finish_cell = empty;
            }
          else if (in_cell && is_element (xml, "annotation"))
            skip_depth = empty ? -1 : depth;
          else if (in_cell && (is_element (xml, "p") || is_element (xml, "h")))
            {
              if (paragraphs++ > 0 && !append_text (reader, sheet, text, "\n", row, column, error))
                {
                  ret = -1;
                  break;
                }
              paragraph_depth = empty ? -1 : depth;
            }
          else if (in_cell && paragraph_depth >= 0 && is_element (xml, "s"))
            {
              g_autofree char *count = get_attribute (xml, "c", NS_TEXT);
              guint64 n = MAX (parse_count (count, 1), 1);
              gboolean ok = TRUE;

              for (guint64 i = 0; i < n && ok; i++)
                ok = append_text (reader, sheet, text, " ", row, column, error);
              if (!ok)
                {
                  ret = -1;
                  break;
                }
            }
          else if (in_cell && paragraph_depth >= 0 && (is_element (xml, "tab") || is_element (xml, "line-break")))
            {
              if (!append_text (reader, sheet, text, is_element (xml, "tab") ? "\t" : "\n", row, column, error))
                {
                  ret = -1;
                  break;
                }
            }
        }
      else if (node == XML_READER_TYPE_END_ELEMENT)
        {
          if (sheet != NULL && is_element (xml, "table"))
            sheet = NULL;
          else if (sheet != NULL && is_element (xml, "table-row"))
            finish_row = TRUE;
          else if (in_cell && (is_element (xml, "table-cell") || is_element (xml, "covered-table-cell")))
            finish_cell = TRUE;
          else if (depth == paragraph_depth)
            paragraph_depth = -1;
        }
      else if (is_text (node) && in_cell && paragraph_depth >= 0)
        {
          if (!append_text (reader, sheet, text, (const char *) xmlTextReaderConstValue (xml), row, column, error))
            {
              ret = -1;
              break;
            }
        }

      if (finish_cell)
        {
          const char *value = machine != NULL ? machine : text->str;

          if (*value != '\0')
            {
              for (guint64 i = 0; i < cell_repeat; i++)
                {
                  OdsCell cell = { column + i, g_strdup (value) };

                  /* Repeated past the last column: refused by sheet_put(). */
                  if (column + i >= TISSAGE_SPREADSHEET_MAX_COLUMNS)
                    {
                      g_free (cell.text);
                      if (!sheet_put (reader, sheet, row, column + i, g_strdup (value), error))
                        {
                          ret = -1;
                          break;
                        }
                    }
                  g_array_append_val (cells, cell);
                }
              if (ret < 0)
                break;
            }
          column += cell_repeat;
          in_cell = FALSE;
          paragraph_depth = -1;
        }
      if (finish_row && sheet != NULL)
        {
          if (!flush_ods_row (reader, sheet, cells, &row, row_repeat, error))
            {
              ret = -1;
              break;
            }
        }
    }
  xmlFreeTextReader (xml);
  return ret == 0;
}

/* --- the file --- */

static void
drop_trailing_empty_rows (TissageSheet *sheet)
{
  while (sheet->rows->len > 0)
    {
      GPtrArray *row = g_ptr_array_index (sheet->rows, sheet->rows->len - 1);

      if (row->len > 0)
        break;
      g_ptr_array_remove_index (sheet->rows, sheet->rows->len - 1);
    }
}

static TissageSpreadsheet *
spreadsheet_new (TissageSpreadsheetFormat format)
{
  TissageSpreadsheet *book = g_new0 (TissageSpreadsheet, 1);

  book->format = format;
  book->sheets = g_ptr_array_new_with_free_func (sheet_free);
  return book;
}

static TissageSpreadsheet *
parse_zip (Reader      *reader,
           const char  *data,
           gsize        length,
           GError     **error)
{
  g_autoptr(GsfInput) input = gsf_input_memory_new ((const guint8 *) data, length, FALSE);
  g_autoptr(GsfInfile) zip = NULL;
  g_autoptr(TissageSpreadsheet) book = NULL;
  g_autoptr(GError) zip_error = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GsfInput) workbook = NULL;
  g_autofree char *mimetype = NULL;
  gsize mimetype_length = 0;
  gboolean ok;

  zip = gsf_infile_zip_new (input, &zip_error);
  if (zip == NULL)
    {
      g_debug ("zip: %s", zip_error != NULL ? zip_error->message : "?");
      damaged (reader, error);
      return NULL;
    }

  mimetype = read_member (reader, zip, "mimetype", &mimetype_length, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (mimetype != NULL && g_str_has_prefix (mimetype, ODS_MIMETYPE))
    {
      book = spreadsheet_new (TISSAGE_SPREADSHEET_ODS);
      ok = read_ods (reader, zip, book, error);
    }
  else if (mimetype == NULL &&
           (workbook = gsf_infile_child_by_vname (zip, "xl", "workbook.xml", NULL)) != NULL)
    {
      book = spreadsheet_new (TISSAGE_SPREADSHEET_XLSX);
      ok = read_xlsx (reader, zip, book, error);
    }
  else
    {
      g_set_error (error, TISSAGE_SPREADSHEET_ERROR, TISSAGE_SPREADSHEET_ERROR_NOT_SPREADSHEET,
                   _("“%s” is an archive but no spreadsheet: Tissage reads .xlsx, .ods and .csv files."),
                   reader->file);
      return NULL;
    }

  if (!ok)
    return NULL;
  return g_steal_pointer (&book);
}

static TissageSpreadsheet *
parse_csv (Reader      *reader,
           const char  *data,
           gsize        length,
           const char  *name,
           GError     **error)
{
  g_autoptr(TissageCsv) csv = tissage_csv_parse (data, length, error);
  TissageSpreadsheet *book;
  TissageSheet *sheet;
  GPtrArray *header;

  if (csv == NULL)
    return NULL;

  book = spreadsheet_new (TISSAGE_SPREADSHEET_CSV);
  book->converted = csv->converted;
  sheet = sheet_new (name);
  g_ptr_array_add (book->sheets, sheet);

  header = g_ptr_array_new_with_free_func (g_free);
  for (guint c = 0; c < csv->n_columns; c++)
    g_ptr_array_add (header, g_strdup (csv->header[c]));
  g_ptr_array_add (sheet->rows, header);
  for (guint r = 0; r < csv->rows->len; r++)
    {
      GStrv cells = g_ptr_array_index (csv->rows, r);
      GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
      guint n = csv->n_columns;

      while (n > 0 && *cells[n - 1] == '\0')
        n--;
      for (guint c = 0; c < n; c++)
        g_ptr_array_add (row, g_strdup (cells[c]));
      g_ptr_array_add (sheet->rows, row);
    }
  (void) reader;
  return book;
}

TissageSpreadsheet *
tissage_spreadsheet_parse (const char  *data,
                           gsize        length,
                           const char  *name,
                           GError     **error)
{
  g_autoptr(TissageSpreadsheet) book = NULL;
  Reader reader = { name, 0 };
  gboolean any = FALSE;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (length > TISSAGE_SPREADSHEET_MAX_FILE_BYTES)
    {
      g_set_error (error, TISSAGE_SPREADSHEET_ERROR, TISSAGE_SPREADSHEET_ERROR_TOO_LARGE,
                   _("“%s” is too large to import (more than %d MB). Split it into several files."),
                   name, TISSAGE_SPREADSHEET_MAX_FILE_BYTES / (1024 * 1024));
      return NULL;
    }

  if (length >= 4 && memcmp (data, "PK\003\004", 4) == 0)
    book = parse_zip (&reader, data, length, error);
  else if (length >= 4 && memcmp (data, "\320\317\021\340", 4) == 0)
    {
      g_set_error (error, TISSAGE_SPREADSHEET_ERROR, TISSAGE_SPREADSHEET_ERROR_NOT_SPREADSHEET,
                   _("“%s” is in the old Excel format (.xls), which Tissage does not read: save it as .xlsx or .ods in the spreadsheet program."),
                   name);
      return NULL;
    }
  else
    {
      g_autoptr(GError) csv_error = NULL;

      book = parse_csv (&reader, data, length, name, &csv_error);
      /* Not text at all: no spreadsheet, which the CSV reader's message
       * (about survey answers) would not say. */
      if (book == NULL && g_error_matches (csv_error, TISSAGE_CSV_ERROR, TISSAGE_CSV_ERROR_NOT_TEXT) &&
          !g_utf8_validate_len (data, MIN (length, 4096), NULL) && memchr (data, '\0', MIN (length, 4096)) != NULL)
        {
          g_set_error (error, TISSAGE_SPREADSHEET_ERROR, TISSAGE_SPREADSHEET_ERROR_NOT_SPREADSHEET,
                       _("“%s” is no spreadsheet: Tissage reads .xlsx, .ods and .csv files."), name);
          return NULL;
        }
      if (book == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&csv_error));
          return NULL;
        }
    }

  if (book == NULL)
    return NULL;

  for (guint i = 0; i < book->sheets->len; i++)
    {
      TissageSheet *sheet = g_ptr_array_index (book->sheets, i);

      drop_trailing_empty_rows (sheet);
      finish_sheet (sheet);
      any = any || sheet->rows->len > 0;
    }
  if (!any)
    {
      g_set_error (error, TISSAGE_SPREADSHEET_ERROR, TISSAGE_SPREADSHEET_ERROR_EMPTY,
                   _("The spreadsheet “%s” is empty."), name);
      return NULL;
    }
  return g_steal_pointer (&book);
}

TissageSpreadsheet *
tissage_spreadsheet_read_file (GFile         *file,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = g_file_get_basename (file);
  g_autofree char *contents = NULL;
  g_autofree char *stem = NULL;
  char *dot;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL || g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, TISSAGE_SPREADSHEET_ERROR, TISSAGE_SPREADSHEET_ERROR_NOT_SPREADSHEET,
                   _("The file “%s” could not be read."), display);
      return NULL;
    }
  if (g_file_info_get_size (info) > TISSAGE_SPREADSHEET_MAX_FILE_BYTES)
    {
      g_set_error (error, TISSAGE_SPREADSHEET_ERROR, TISSAGE_SPREADSHEET_ERROR_TOO_LARGE,
                   _("“%s” is too large to import (more than %d MB). Split it into several files."),
                   display, TISSAGE_SPREADSHEET_MAX_FILE_BYTES / (1024 * 1024));
      return NULL;
    }
  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, &local_error))
    {
      g_set_error (error, TISSAGE_SPREADSHEET_ERROR, TISSAGE_SPREADSHEET_ERROR_NOT_SPREADSHEET,
                   _("The file “%s” could not be read."), display);
      return NULL;
    }

  stem = g_strdup (display);
  dot = strrchr (stem, '.');
  if (dot != NULL && dot != stem)
    *dot = '\0';
  {
    TissageSpreadsheet *book = tissage_spreadsheet_parse (contents, length, display, error);
    if (book != NULL && book->format == TISSAGE_SPREADSHEET_CSV && book->sheets->len == 1)
      {
        TissageSheet *sheet = g_ptr_array_index (book->sheets, 0);

        g_free (sheet->name);
        sheet->name = g_steal_pointer (&stem);
      }
    return book;
  }
}

void
tissage_spreadsheet_free (TissageSpreadsheet *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->sheets, g_ptr_array_unref);
  g_free (self);
}

const char *
tissage_sheet_get_cell (const TissageSheet *sheet,
                        guint               row,
                        guint               column)
{
  GStrv cells;

  g_return_val_if_fail (sheet != NULL, "");

  if (row >= sheet->rows->len || column >= g_array_index (sheet->widths, guint, row))
    return "";
  cells = g_ptr_array_index (sheet->rows, row);
  return cells[column];
}

guint
tissage_sheet_get_n_rows (const TissageSheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, 0);
  return sheet->rows->len;
}

/* The rows of @sheet as the CSV reader gives them: blank rows left out,
 * the first the header, each row as wide as the header or wider. */
static TissageCsv *
sheet_to_table (const TissageSheet *sheet,
                const char         *name,
                GError            **error)
{
  g_autoptr(TissageCsv) csv = g_new0 (TissageCsv, 1);
  guint header_row = 0;

  while (header_row < sheet->rows->len && g_array_index (sheet->widths, guint, header_row) == 0)
    header_row++;
  if (header_row >= sheet->rows->len)
    {
      g_set_error (error, TISSAGE_SPREADSHEET_ERROR, TISSAGE_SPREADSHEET_ERROR_EMPTY,
                   _("The spreadsheet “%s” is empty."), name);
      return NULL;
    }

  csv->separator = '\t';
  csv->n_columns = g_array_index (sheet->widths, guint, header_row);
  csv->header = g_new0 (char *, csv->n_columns + 1);
  for (guint c = 0; c < csv->n_columns; c++)
    {
      g_autofree char *header = g_strstrip (g_strdup (tissage_sheet_get_cell (sheet, header_row, c)));

      csv->header[c] = *header != '\0' ? g_steal_pointer (&header) : g_strdup_printf (_("Column %u"), c + 1);
    }
  csv->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  csv->lines = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint r = header_row + 1; r < sheet->rows->len; r++)
    {
      guint width = g_array_index (sheet->widths, guint, r);
      guint n = MAX (width, csv->n_columns);
      gboolean blank = TRUE;
      char **cells;
      guint line = r + 1;

      for (guint c = 0; c < width && blank; c++)
        blank = *tissage_sheet_get_cell (sheet, r, c) == '\0';
      if (blank)
        continue;
      cells = g_new0 (char *, n + 1);
      for (guint c = 0; c < n; c++)
        cells[c] = g_strdup (tissage_sheet_get_cell (sheet, r, c));
      g_ptr_array_add (csv->rows, cells);
      g_array_append_val (csv->lines, line);
    }
  return g_steal_pointer (&csv);
}

TissageCsv *
tissage_spreadsheet_read_table (GFile         *file,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *display = NULL;
  g_autoptr(TissageSpreadsheet) book = NULL;
  char magic[4] = { 0 };
  gsize read = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  /* A workbook is a zip archive; anything else is read as a CSV. */
  stream = g_file_read (file, cancellable, NULL);
  if (stream != NULL)
    g_input_stream_read_all (G_INPUT_STREAM (stream), magic, sizeof magic, &read, cancellable, NULL);
  if (read < sizeof magic || memcmp (magic, "PK\003\004", 4) != 0)
    return tissage_csv_read_file (file, cancellable, error);

  book = tissage_spreadsheet_read_file (file, cancellable, error);
  if (book == NULL)
    return NULL;
  display = g_file_get_basename (file);
  for (guint i = 0; i < book->sheets->len; i++)
    {
      TissageSheet *sheet = g_ptr_array_index (book->sheets, i);

      if (strstr (sheet->name, "(ignore)") == NULL && sheet->rows->len > 1)
        return sheet_to_table (sheet, display, error);
    }
  g_set_error (error, TISSAGE_SPREADSHEET_ERROR, TISSAGE_SPREADSHEET_ERROR_EMPTY,
               _("No sheet of “%s” holds answers: the first row of a sheet names its columns, each row below is one interview."),
               display);
  return NULL;
}

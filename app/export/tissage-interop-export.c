/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-export"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <xlsxwriter.h>

#include "tissage-atomic-file.h"
#include "tissage-interop-export.h"
#include "tissage-referentiel-flat.h"
#include "tissage-referentiel.h"
#include "tissage-stakeholder-import.h"
#include "tissage-xlsx-export.h"

typedef gboolean (*WriteSheets) (TissageDocument *document,
                                 lxw_workbook    *workbook,
                                 lxw_format      *header);

static void
set_write_error (GError    **error,
                 const char *path)
{
  g_autofree char *display = g_filename_display_basename (path);

  g_set_error (error, TISSAGE_XLSX_ERROR, TISSAGE_XLSX_ERROR_WRITE,
               _("The workbook could not be written to “%s”."), display);
}

static gboolean
write_atomically (TissageDocument *document,
                  const char      *path,
                  WriteSheets      write,
                  GError         **error)
{
  g_autoptr(TissageAtomicFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  lxw_workbook_options options = { 0, };
  g_autofree char *tmpdir = g_strdup (g_get_tmp_dir ());
  locale_t global, c_numeric, previous;
  lxw_workbook *workbook;
  lxw_format *header;
  gboolean ok;

  if (!tissage_xlsx_check_destination (path, error))
    return FALSE;
  file = tissage_atomic_file_new (path, &local_error);
  if (file == NULL)
    {
      g_debug ("temporary file: %s", local_error->message);
      set_write_error (error, path);
      return FALSE;
    }

  options.tmpdir = tmpdir;
  workbook = workbook_new_opt (tissage_atomic_file_get_temporary_path (file), &options);
  if (workbook == NULL)
    {
      set_write_error (error, path);
      return FALSE;
    }
  header = workbook_add_format (workbook);
  format_set_bold (header);

  /* Numbers with a point in the file, whatever the user's language; the
   * rest of the user's locale kept, the headers in their language. */
  global = duplocale (LC_GLOBAL_LOCALE);
  c_numeric = global != (locale_t) 0 ? newlocale (LC_NUMERIC_MASK, "C", global) : (locale_t) 0;
  if (c_numeric == (locale_t) 0 && global != (locale_t) 0)
    freelocale (global);
  previous = c_numeric != (locale_t) 0 ? uselocale (c_numeric) : (locale_t) 0;
  ok = write (document, workbook, header);
  ok = workbook_close (workbook) == LXW_NO_ERROR && ok;
  if (c_numeric != (locale_t) 0)
    {
      uselocale (previous);
      freelocale (c_numeric);
    }

  if (!ok)
    {
      set_write_error (error, path);
      return FALSE;
    }
  if (!tissage_atomic_file_commit (file, &local_error))
    {
      g_autofree char *display = g_filename_display_basename (path);
      g_autofree char *message = g_strdup_printf (_("The workbook could not be written to “%s”."), display);

      g_set_error (error, TISSAGE_XLSX_ERROR, TISSAGE_XLSX_ERROR_WRITE, "%s (%s)", message, local_error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_headers (lxw_worksheet      *sheet,
               lxw_format         *format,
               const char * const *headers,
               guint               n)
{
  for (guint c = 0; c < n; c++)
    if (worksheet_write_string (sheet, 0, c, headers[c], format) != LXW_NO_ERROR)
      return FALSE;
  worksheet_freeze_panes (sheet, 1, 0);
  return TRUE;
}

static gboolean
put_text (lxw_worksheet *sheet,
          lxw_row_t      row,
          lxw_col_t      column,
          const char    *text)
{
  if (text == NULL || *text == '\0')
    return TRUE;
  return worksheet_write_string (sheet, row, column, text, NULL) == LXW_NO_ERROR;
}

/* --- Kumu --- */

enum { EL_LABEL, EL_TYPE, EL_DESCRIPTION, EL_TAGS, EL_ID, EL_INFLUENCE, EL_INTEREST,
       EL_PROXIMITY, EL_STRUCTURE, EL_MEMBER, EL_N };
enum { CO_FROM, CO_TO, CO_TYPE, CO_STRENGTH, CO_DIRECTION, CO_DESCRIPTION, CO_ID, CO_N };

static const char *
record_name (TissageDocument *document,
             GType            type,
             gint64           id)
{
  gpointer record = id != 0 ? tissage_document_lookup (document, type, id) : NULL;
  const char *name = NULL;

  if (record == NULL)
    return NULL;
  if (type == TISSAGE_TYPE_CATEGORY)
    name = tissage_category_get_name (record);
  else if (type == TISSAGE_TYPE_STRUCTURE)
    name = tissage_structure_get_name (record);
  else if (type == TISSAGE_TYPE_STAKEHOLDER)
    name = tissage_record_get_uuid (record);
  return name;
}

static gboolean
write_kumu (TissageDocument *document,
            lxw_workbook    *workbook,
            lxw_format      *header)
{
  /* Kumu's own column names, and Tissage's fields as a French map
   * shows them. */
  const char *element_headers[EL_N] = {
    "Label", "Type", "Description", "Tags", "ID",
    _("Influence"), _("Interest"), _("Proximity"), _("Structure"), _("Member"),
  };
  const char *connection_headers[CO_N] = { "From", "To", "Type", "Strength", "Direction", "Description", "ID" };
  lxw_worksheet *elements = workbook_add_worksheet (workbook, "Elements");
  lxw_worksheet *connections = workbook_add_worksheet (workbook, "Connections");
  GListModel *stakeholders = tissage_document_get_stakeholders (document);
  GListModel *links = tissage_document_get_links (document);
  gboolean ok;

  if (elements == NULL || connections == NULL)
    return FALSE;
  ok = write_headers (elements, header, element_headers, EL_N) &&
       write_headers (connections, header, connection_headers, CO_N);

  for (guint i = 0; ok && i < g_list_model_get_n_items (stakeholders); i++)
    {
      g_autoptr(TissageStakeholder) stakeholder = g_list_model_get_item (stakeholders, i);
      g_auto(GStrv) tags = NULL;
      g_autofree char *description = tissage_stakeholder_split_tags (tissage_stakeholder_get_description (stakeholder), &tags);
      g_autofree char *joined = tags != NULL ? g_strjoinv ("|", tags) : NULL;
      lxw_row_t row = i + 1;

      ok = put_text (elements, row, EL_LABEL, tissage_stakeholder_get_name (stakeholder)) &&
           put_text (elements, row, EL_TYPE, record_name (document, TISSAGE_TYPE_CATEGORY,
                                                         tissage_stakeholder_get_category_id (stakeholder))) &&
           put_text (elements, row, EL_DESCRIPTION, description) &&
           put_text (elements, row, EL_TAGS, joined) &&
           put_text (elements, row, EL_ID, tissage_record_get_uuid (TISSAGE_RECORD (stakeholder))) &&
           worksheet_write_number (elements, row, EL_INFLUENCE, tissage_stakeholder_get_influence (stakeholder), NULL) == LXW_NO_ERROR &&
           worksheet_write_number (elements, row, EL_INTEREST, tissage_stakeholder_get_interest (stakeholder), NULL) == LXW_NO_ERROR &&
           put_text (elements, row, EL_PROXIMITY, tissage_proximity_to_label (tissage_stakeholder_get_proximity (stakeholder))) &&
           put_text (elements, row, EL_STRUCTURE, record_name (document, TISSAGE_TYPE_STRUCTURE,
                                                              tissage_stakeholder_get_structure_id (stakeholder))) &&
           put_text (elements, row, EL_MEMBER, tissage_stakeholder_get_is_member (stakeholder) ? _("yes") : _("no"));
    }

  for (guint i = 0; ok && i < g_list_model_get_n_items (links); i++)
    {
      g_autoptr(TissageLink) link = g_list_model_get_item (links, i);
      lxw_row_t row = i + 1;

      ok = put_text (connections, row, CO_FROM, record_name (document, TISSAGE_TYPE_STAKEHOLDER,
                                                            tissage_link_get_source_id (link))) &&
           put_text (connections, row, CO_TO, record_name (document, TISSAGE_TYPE_STAKEHOLDER,
                                                          tissage_link_get_target_id (link))) &&
           put_text (connections, row, CO_TYPE, tissage_link_get_kind (link)) &&
           worksheet_write_number (connections, row, CO_STRENGTH, tissage_link_get_strength (link), NULL) == LXW_NO_ERROR &&
           /* Tissage's links go both ways. */
           put_text (connections, row, CO_DIRECTION, "undirected") &&
           put_text (connections, row, CO_DESCRIPTION, tissage_link_get_note (link)) &&
           put_text (connections, row, CO_ID, tissage_record_get_uuid (TISSAGE_RECORD (link)));
    }

  worksheet_set_column (elements, EL_LABEL, EL_LABEL, 32, NULL);
  worksheet_set_column (elements, EL_DESCRIPTION, EL_DESCRIPTION, 40, NULL);
  worksheet_set_column (elements, EL_ID, EL_ID, 38, NULL);
  worksheet_set_column (connections, CO_FROM, CO_TO, 38, NULL);
  return ok;
}

gboolean
tissage_kumu_export (TissageDocument  *document,
                     const char       *path,
                     GError          **error)
{
  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return write_atomically (document, path, write_kumu, error);
}

/* --- the référentiel --- */

static const char * const parent_keys[TISSAGE_FLAT_N_LEVELS] = { NULL, "stake-id", "question-id", "effect-id" };

static GType
level_type (TissageFlatLevel level)
{
  const GType types[TISSAGE_FLAT_N_LEVELS] = {
    TISSAGE_TYPE_STAKE, TISSAGE_TYPE_EVAL_QUESTION, TISSAGE_TYPE_EFFECT, TISSAGE_TYPE_INDICATOR,
  };

  return types[level];
}

static int
compare_position (gconstpointer a,
                  gconstpointer b)
{
  GObject *first = *(GObject **) a, *second = *(GObject **) b;
  int pa, pb;
  gint64 ia = tissage_record_get_id (TISSAGE_RECORD (first)), ib = tissage_record_get_id (TISSAGE_RECORD (second));

  g_object_get (first, "position", &pa, NULL);
  g_object_get (second, "position", &pb, NULL);
  if (pa != pb)
    return pa < pb ? -1 : 1;
  return ia < ib ? -1 : ia > ib;
}

static GPtrArray *
children (TissageDocument  *document,
          TissageFlatLevel  level,
          gint64            parent)
{
  GListModel *model = tissage_document_get_records (document, level_type (level));
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      GObject *record = g_list_model_get_item (model, i);
      gint64 record_parent = 0;

      if (parent_keys[level] != NULL)
        g_object_get (record, parent_keys[level], &record_parent, NULL);
      if (record_parent == parent)
        g_ptr_array_add (found, record);
      else
        g_object_unref (record);
    }
  g_ptr_array_sort (found, compare_position);
  return found;
}

typedef struct {
  lxw_worksheet *sheet;
  lxw_row_t      row;
  GObject       *path[TISSAGE_FLAT_N_LEVELS];
  lxw_format    *date;
} FlatWriter;

static gboolean
write_flat_row (FlatWriter *writer)
{
  guint n;
  const TissageFlatColumn *columns = tissage_referentiel_flat_columns (&n);
  gboolean ok = TRUE;

  writer->row++;
  for (guint c = 0; ok && c < n; c++)
    {
      GObject *record = writer->path[columns[c].level];

      if (record == NULL)
        continue;
      switch (columns[c].kind)
        {
        case TISSAGE_FLAT_TEXT:
        case TISSAGE_FLAT_DATE:
          {
            g_autofree char *text = NULL;
            g_autofree char *shown = NULL;

            g_object_get (record, columns[c].property, &text, NULL);
            if (columns[c].kind == TISSAGE_FLAT_DATE && text != NULL && *text != '\0')
              shown = tissage_format_date (text);
            ok = put_text (writer->sheet, writer->row, c, shown != NULL ? shown : text);
          }
          break;
        case TISSAGE_FLAT_CHOICE:
        case TISSAGE_FLAT_BOOLEAN:
          {
            int value = 0;

            if (columns[c].kind == TISSAGE_FLAT_BOOLEAN)
              {
                gboolean yes;

                g_object_get (record, columns[c].property, &yes, NULL);
                value = yes ? 1 : 0;
              }
            else
              g_object_get (record, columns[c].property, &value, NULL);
            if (value >= 0 && value < columns[c].n_values)
              ok = put_text (writer->sheet, writer->row, c, _(columns[c].labels[value]));
          }
          break;
        case TISSAGE_FLAT_NUMBER:
          {
            double number;
            g_autofree char *twin = g_strconcat (columns[c].property, "-text", NULL);
            g_autofree char *text = NULL;

            g_object_get (record, columns[c].property, &number, twin, &text, NULL);
            if (isfinite (number))
              ok = worksheet_write_number (writer->sheet, writer->row, c, number, NULL) == LXW_NO_ERROR;
            else
              ok = put_text (writer->sheet, writer->row, c, text);
          }
          break;
        default:
          break;
        }
    }
  return ok;
}

static gboolean
write_level (TissageDocument  *document,
             FlatWriter       *writer,
             TissageFlatLevel  level,
             gint64            parent)
{
  g_autoptr(GPtrArray) records = children (document, level, parent);
  gboolean ok = TRUE;

  for (guint i = 0; ok && i < records->len; i++)
    {
      GObject *record = g_ptr_array_index (records, i);
      g_autoptr(GPtrArray) below = NULL;

      writer->path[level] = record;
      for (guint l = level + 1; l < TISSAGE_FLAT_N_LEVELS; l++)
        writer->path[l] = NULL;
      if (level + 1 < TISSAGE_FLAT_N_LEVELS)
        below = children (document, level + 1, tissage_record_get_id (TISSAGE_RECORD (record)));
      /* A stake, question or effect with nothing under it still has its row. */
      if (below == NULL || below->len == 0)
        ok = write_flat_row (writer);
      else
        ok = write_level (document, writer, level + 1, tissage_record_get_id (TISSAGE_RECORD (record)));
    }
  writer->path[level] = NULL;
  return ok;
}

static gboolean
write_referentiel (TissageDocument *document,
                   lxw_workbook    *workbook,
                   lxw_format      *header)
{
  guint n;
  const TissageFlatColumn *columns = tissage_referentiel_flat_columns (&n);
  g_autofree const char **headers = g_new0 (const char *, n);
  FlatWriter writer = { NULL, 0, { NULL, }, NULL };

  /* TRANSLATORS: the name of the sheet of the référentiel in its own workbook */
  writer.sheet = workbook_add_worksheet (workbook, _("Référentiel"));
  if (writer.sheet == NULL)
    return FALSE;
  for (guint c = 0; c < n; c++)
    headers[c] = _(columns[c].header);
  if (!write_headers (writer.sheet, header, headers, n))
    return FALSE;
  worksheet_set_column (writer.sheet, 0, n - 1, 22, NULL);
  return write_level (document, &writer, TISSAGE_FLAT_STAKE, 0);
}

gboolean
tissage_referentiel_export (TissageDocument  *document,
                            const char       *path,
                            GError          **error)
{
  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return write_atomically (document, path, write_referentiel, error);
}

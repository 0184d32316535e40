/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-export"

#include "config.h"

#include <glib/gi18n.h>
#include <libxml/xmlwriter.h>
#include <string.h>

#include "tissage-atomic-file.h"
#include "tissage-cooperation.h"
#include "tissage-document-private.h"
#include "tissage-entities.h"
#include "tissage-graphml-export.h"
#include "tissage-privacy.h"

#define GRAPHML_NS "http://graphml.graphdrawing.org/xmlns"

/* Text as XML 1.0 takes it: a file written elsewhere may hold control
 * characters in a name, which no XML reader accepts, even escaped. */
static char *
xml_text (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  GString *out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0x20 ? (c != 0xfffe && c != 0xffff) : (c == '\t' || c == '\n' || c == '\r'))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static GHashTable *
read_names (sqlite3    *db,
            const char *sql)
{
  GHashTable *names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);

        g_hash_table_insert (names, g_memdup2 (&id, sizeof id),
                             xml_text ((const char *) sqlite3_column_text (stmt, 1)));
      }
  sqlite3_finalize (stmt);
  return names;
}

static void
write_key (xmlTextWriterPtr  writer,
           const char       *id,
           const char       *domain,
           const char       *type)
{
  xmlTextWriterStartElement (writer, BAD_CAST "key");
  xmlTextWriterWriteAttribute (writer, BAD_CAST "id", BAD_CAST id);
  xmlTextWriterWriteAttribute (writer, BAD_CAST "for", BAD_CAST domain);
  xmlTextWriterWriteAttribute (writer, BAD_CAST "attr.name", BAD_CAST id);
  xmlTextWriterWriteAttribute (writer, BAD_CAST "attr.type", BAD_CAST type);
  xmlTextWriterEndElement (writer);
}

static void
write_data (xmlTextWriterPtr  writer,
            const char       *key,
            const char       *value)
{
  g_autofree char *text = xml_text (value);

  xmlTextWriterStartElement (writer, BAD_CAST "data");
  xmlTextWriterWriteAttribute (writer, BAD_CAST "key", BAD_CAST key);
  xmlTextWriterWriteString (writer, BAD_CAST text);
  xmlTextWriterEndElement (writer);
}

static void
write_int (xmlTextWriterPtr  writer,
           const char       *key,
           int               value)
{
  g_autofree char *text = g_strdup_printf ("%d", value);

  write_data (writer, key, text);
}

static char *
list_periods (TissageCooperation *cooperation)
{
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint p = 0; p < cooperation->n_periods; p++)
    {
      if (p > 0)
        g_string_append (list, ", ");
      /* TRANSLATORS: a name in a list, between quotes */
      g_string_append_printf (list, _("“%s”"), cooperation->periods[p].label);
    }
  return g_string_free (g_steal_pointer (&list), FALSE);
}

/* The atomic file says why in a few words; the sentence names the file. */
static void
prefix_write_error (GError    **error,
                    const char *path)
{
  g_autofree char *name = g_filename_display_name (path);

  g_prefix_error (error, _("The network could not be written to “%s”: "), name);
}

gboolean
tissage_graphml_export (TissageDocument  *document,
                        const char       *path,
                        const char       *period_label,
                        gboolean          pseudonymise,
                        GError          **error)
{
  sqlite3 *db;
  g_autoptr(TissageCooperation) cooperation = NULL;
  g_autoptr(TissagePrivacy) privacy = NULL;
  g_autoptr(GHashTable) categories = NULL;
  g_autoptr(GHashTable) structures = NULL;
  g_autoptr(TissageAtomicFile) out = NULL;
  TissageCooperationPeriod *period = NULL;
  xmlBufferPtr buffer;
  xmlTextWriterPtr writer;
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  db = tissage_document_get_db (document);
  cooperation = tissage_cooperation_compute (db, error);
  if (cooperation == NULL)
    return FALSE;

  if (period_label != NULL)
    {
      int p = tissage_cooperation_find_period (cooperation, period_label);

      if (p < 0)
        {
          g_autofree char *list = list_periods (cooperation);

          if (cooperation->n_periods == 0)
            g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                         _("The project has no period “%s”: it has no period at all."), period_label);
          else
            g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                         _("The project has no period “%s”: its periods are %s."), period_label, list);
          return FALSE;
        }
      period = &cooperation->periods[p];
    }
  else if (cooperation->n_periods > 0)
    period = &cooperation->periods[cooperation->n_periods - 1];

  out = tissage_atomic_file_new (path, error);
  if (out == NULL)
    {
      prefix_write_error (error, path);
      return FALSE;
    }

  privacy = tissage_privacy_new (db, pseudonymise, FALSE);
  categories = read_names (db, "SELECT id, name FROM categories");
  structures = read_names (db, "SELECT id, name FROM structures");

  buffer = xmlBufferCreate ();
  writer = xmlNewTextWriterMemory (buffer, 0);
  xmlTextWriterSetIndent (writer, 1);
  xmlTextWriterStartDocument (writer, NULL, "UTF-8", NULL);
  xmlTextWriterStartElement (writer, BAD_CAST "graphml");
  xmlTextWriterWriteAttribute (writer, BAD_CAST "xmlns", BAD_CAST GRAPHML_NS);
  write_key (writer, "name", "node", "string");
  /* What Gephi and Cytoscape show on a node: without it, « n12 ». */
  write_key (writer, "label", "node", "string");
  write_key (writer, "category", "node", "string");
  write_key (writer, "member", "node", "boolean");
  write_key (writer, "structure", "node", "string");
  write_key (writer, "influence", "node", "int");
  write_key (writer, "interest", "node", "int");
  write_key (writer, "proximity", "node", "string");
  write_key (writer, "kind", "edge", "string");
  write_key (writer, "strength", "edge", "int");
  write_key (writer, "start", "edge", "string");
  write_key (writer, "end", "edge", "string");

  xmlTextWriterStartElement (writer, BAD_CAST "graph");
  if (period != NULL)
    {
      g_autofree char *id = xml_text (period->label);

      xmlTextWriterWriteAttribute (writer, BAD_CAST "id", BAD_CAST id);
    }
  xmlTextWriterWriteAttribute (writer, BAD_CAST "edgedefault", BAD_CAST "undirected");

  if (sqlite3_prepare_v2 (db, "SELECT id, uuid, name, ifnull (category_id, 0), ifnull (structure_id, 0), is_member,"
                          " influence, interest, proximity FROM stakeholders ORDER BY id", -1, &stmt, NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);
        gint64 category = sqlite3_column_int64 (stmt, 3);
        gint64 structure = sqlite3_column_int64 (stmt, 4);
        gboolean masked = tissage_privacy_masks_stakeholder (privacy, id);
        int proximity = sqlite3_column_int (stmt, 8);
        g_autofree char *node_id = g_strdup_printf ("n%" G_GINT64_FORMAT, id);
        const char *name;

        name = masked ? tissage_privacy_hidden_name () : (const char *) sqlite3_column_text (stmt, 2);
        xmlTextWriterStartElement (writer, BAD_CAST "node");
        xmlTextWriterWriteAttribute (writer, BAD_CAST "id", BAD_CAST node_id);
        write_data (writer, "name", name);
        write_data (writer, "label", name);
        if (g_hash_table_contains (categories, &category))
          write_data (writer, "category", g_hash_table_lookup (categories, &category));
        write_data (writer, "member", sqlite3_column_int (stmt, 5) == 1 ? "true" : "false");
        if (g_hash_table_contains (structures, &structure) &&
            (!masked || tissage_privacy_shows_structure (privacy, category, structure)))
          write_data (writer, "structure", g_hash_table_lookup (structures, &structure));
        write_int (writer, "influence", CLAMP (sqlite3_column_int (stmt, 6), 0, 100));
        write_int (writer, "interest", CLAMP (sqlite3_column_int (stmt, 7), 0, 100));
        if (proximity >= 0 && proximity < TISSAGE_N_PROXIMITIES)
          write_data (writer, "proximity", tissage_proximity_to_label (proximity));
        xmlTextWriterEndElement (writer);
      }
  sqlite3_finalize (stmt);

  for (guint l = 0; l < cooperation->n_links; l++)
    {
      const TissageCooperationLink *link = &cooperation->links[l];
      g_autofree char *edge_id = NULL;
      g_autofree char *source = NULL;
      g_autofree char *target = NULL;

      if (period != NULL && !period->active[l])
        continue;
      edge_id = g_strdup_printf ("e%" G_GINT64_FORMAT, link->id);
      source = g_strdup_printf ("n%" G_GINT64_FORMAT, cooperation->nodes[link->source].id);
      target = g_strdup_printf ("n%" G_GINT64_FORMAT, cooperation->nodes[link->target].id);
      xmlTextWriterStartElement (writer, BAD_CAST "edge");
      xmlTextWriterWriteAttribute (writer, BAD_CAST "id", BAD_CAST edge_id);
      xmlTextWriterWriteAttribute (writer, BAD_CAST "source", BAD_CAST source);
      xmlTextWriterWriteAttribute (writer, BAD_CAST "target", BAD_CAST target);
      write_data (writer, "kind", link->kind);
      write_int (writer, "strength", period != NULL ? period->strength[l] : link->strength);
      if (*link->start != '\0')
        write_data (writer, "start", link->start);
      if (*link->end != '\0')
        write_data (writer, "end", link->end);
      xmlTextWriterEndElement (writer);
    }

  ok = xmlTextWriterEndDocument (writer) >= 0;
  xmlFreeTextWriter (writer);
  if (!ok)
    {
      xmlBufferFree (buffer);
      g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_FAILED,
                           _("The network could not be written."));
      return FALSE;
    }

  ok = tissage_atomic_file_write (out, xmlBufferContent (buffer), xmlBufferLength (buffer), error) &&
       tissage_atomic_file_commit (out, error);
  xmlBufferFree (buffer);
  if (!ok)
    prefix_write_error (error, path);
  return ok;
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#include "config.h"

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <locale.h>
#include <string.h>

#include "tissage-graphml-export.h"
#include "tissage-test-utils.h"

/* The network of one period as GraphML: read back with libxml2 (and
 * networkx when it is there), it holds exactly the links of the period,
 * and no person interviewed by name. */

static void
exec (TissageDocument *document,
      const char      *sql)
{
  char *message = NULL;

  if (sqlite3_exec (tissage_document_get_db (document), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* Three years; the PLIE and the Mission locale from 2024, France
 * Travail joins in 2025 and leaves the Mission locale in 2025; Karima, a
 * person interviewed, is linked to the Mission locale in 2026, stronger
 * that year. */
static TissageDocument *
new_network (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  TissageDocument *document = tissage_document_create (fixture->file, &error);

  g_assert_no_error (error);
  exec (document,
    "INSERT INTO periods (uuid, modified, label, start_date, end_date, position) VALUES"
    " ('p1', 'x', '2024', '2024-01-01', '2024-12-31', 0), ('p2', 'x', '2025', '2025-01-01', '2025-12-31', 1),"
    " ('p3', 'x', '2026', '2026-01-01', '2026-12-31', 2);"
    "INSERT INTO structures (uuid, modified, name) VALUES ('st', 'x', 'Mission locale de Garonne');"
    "INSERT INTO stakeholders (uuid, modified, name, is_member, structure_id, influence) VALUES"
    " ('ml', 'x', 'Mission locale', 1, 1, 80), ('plie', 'x', 'PLIE & <co>', 1, NULL, 60),"
    " ('ft', 'x', 'France Travail', 0, NULL, 90), ('k', 'x', 'Karima Benali', 0, 1, 10);"
    "INSERT INTO links (uuid, modified, source_id, target_id, kind, strength, start_date, start_period_id, end_date) VALUES"
    " ('l1', 'x', 1, 2, 'coopération', 2, '2024-02-01', NULL, ''),"
    " ('l2', 'x', 3, 2, 'financement', 1, '', 2, ''),"
    " ('l3', 'x', 3, 1, 'coopération', 2, '2025-03-01', NULL, '2025-11-30'),"
    " ('l4', 'x', 4, 1, 'accompagnement', 1, '', 3, '');"
    "INSERT INTO link_strengths (uuid, modified, link_id, period_id, strength) VALUES ('s', 'x', 4, 3, 3);"
    "INSERT INTO grids (uuid, modified, title) VALUES ('g', 'x', 'Grille');"
    "INSERT INTO interviews (uuid, modified, grid_id, stakeholder_id, consent) VALUES ('i', 'x', 1, 4, 1);");
  return document;
}

static char *
attribute (xmlNode    *node,
           const char *name)
{
  xmlChar *value = xmlGetProp (node, BAD_CAST name);
  char *copy = g_strdup ((const char *) value);

  xmlFree (value);
  return copy;
}

static int
compare_texts (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* "source-target(kind,strength)" of every edge, sorted, and the node
 * names by id. */
static char *
read_graphml (const char  *path,
              GHashTable **names,
              char       **keys)
{
  xmlDoc *doc = xmlReadFile (path, NULL, XML_PARSE_NONET);
  g_autoptr(GPtrArray) edges = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) key_list = g_string_new (NULL);
  xmlNode *root;
  xmlNode *graph = NULL;
  char *result;

  g_assert_nonnull (doc);
  root = xmlDocGetRootElement (doc);
  g_assert_cmpstr ((const char *) root->name, ==, "graphml");
  g_assert_cmpstr ((const char *) root->ns->href, ==, "http://graphml.graphdrawing.org/xmlns");
  *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (xmlNode *child = root->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE && g_str_equal ((const char *) child->name, "key"))
      {
        g_autofree char *id = attribute (child, "id");
        g_autofree char *domain = attribute (child, "for");

        g_string_append_printf (key_list, "%s%s:%s", key_list->len > 0 ? " " : "", domain, id);
      }
    else if (child->type == XML_ELEMENT_NODE && g_str_equal ((const char *) child->name, "graph"))
      graph = child;
  g_assert_nonnull (graph);
  {
    g_autofree char *direction = attribute (graph, "edgedefault");

    g_assert_cmpstr (direction, ==, "undirected");
  }

  for (xmlNode *item = graph->children; item != NULL; item = item->next)
    {
      g_autofree char *kind = NULL;
      g_autofree char *strength = NULL;
      g_autofree char *name = NULL;

      if (item->type != XML_ELEMENT_NODE)
        continue;
      for (xmlNode *data = item->children; data != NULL; data = data->next)
        if (data->type == XML_ELEMENT_NODE)
          {
            g_autofree char *key = attribute (data, "key");
            xmlChar *text = xmlNodeGetContent (data);

            if (g_str_equal (key, "kind"))
              kind = g_strdup ((const char *) text);
            else if (g_str_equal (key, "strength"))
              strength = g_strdup ((const char *) text);
            else if (g_str_equal (key, "name"))
              name = g_strdup ((const char *) text);
            xmlFree (text);
          }
      if (g_str_equal ((const char *) item->name, "node"))
        g_hash_table_insert (*names, attribute (item, "id"), g_steal_pointer (&name));
      else
        {
          g_autofree char *source = attribute (item, "source");
          g_autofree char *target = attribute (item, "target");

          g_ptr_array_add (edges, g_strdup_printf ("%s-%s(%s,%s)", source, target, kind, strength));
        }
    }
  xmlFreeDoc (doc);

  g_ptr_array_sort (edges, compare_texts);
  g_ptr_array_add (edges, NULL);
  result = g_strjoinv (" ", (char **) edges->pdata);
  *keys = g_string_free (g_steal_pointer (&key_list), FALSE);
  return result;
}

static void
test_periods (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(TissageDocument) document = new_network (fixture);
  g_autofree char *path = g_build_filename (fixture->dir, "reseau.graphml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) names = NULL;
  g_autofree char *keys = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (tissage_graphml_export (document, path, "2025", TRUE, &error));
  g_assert_no_error (error);
  {
    g_autofree char *edges = read_graphml (path, &names, &keys);

    g_assert_cmpstr (edges, ==, "n1-n2(coopération,2) n3-n1(coopération,2) n3-n2(financement,1)");
    g_assert_cmpstr (keys, ==, "node:name node:label node:category node:member node:structure node:influence node:interest"
                               " node:proximity edge:kind edge:strength edge:start edge:end");
    g_assert_cmpuint (g_hash_table_size (names), ==, 4);
    g_assert_cmpstr (g_hash_table_lookup (names, "n2"), ==, "PLIE & <co>");
  }
  /* The person interviewed is not named, nor her structure given. */
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_null (strstr (contents, "Karima"));
  g_assert_cmpint (g_strstr_len (contents, -1, "Mission locale de Garonne") - contents, <,
                   strstr (contents, "id=\"n2\"") - contents);
  g_clear_pointer (&contents, g_free);
  g_clear_pointer (&names, g_hash_table_unref);
  g_clear_pointer (&keys, g_free);

  /* The latest by default: France Travail left the Mission locale; her
   * link counts with its strength of 2026. */
  g_assert_true (tissage_graphml_export (document, path, NULL, FALSE, &error));
  g_assert_no_error (error);
  {
    g_autofree char *edges = read_graphml (path, &names, &keys);

    g_assert_cmpstr (edges, ==, "n1-n2(coopération,2) n3-n2(financement,1) n4-n1(accompagnement,3)");
    g_assert_cmpstr (g_hash_table_lookup (names, "n4"), ==, "Karima Benali");
  }
  g_clear_pointer (&names, g_hash_table_unref);
  g_clear_pointer (&keys, g_free);

  g_assert_true (tissage_graphml_export (document, path, "2024", TRUE, &error));
  {
    g_autofree char *edges = read_graphml (path, &names, &keys);

    g_assert_cmpstr (edges, ==, "n1-n2(coopération,2)");
  }

  /* A period the project does not have: a French message, the file as
   * it was. */
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_false (tissage_graphml_export (document, path, "1999", TRUE, &error));
  g_assert_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "2025"));
  {
    g_autofree char *after = NULL;

    g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
    g_assert_cmpstr (after, ==, contents);
  }
}

/* From the command line, French on stderr and an exit status a script
 * can test; networkx reads the file when it is installed. */
static void
test_command_line (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(TissageDocument) document = new_network (fixture);
  g_autofree char *project = g_file_get_path (fixture->file);
  g_autofree char *path = g_build_filename (fixture->dir, "réseau.graphml", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *python_out = NULL;
  const char *script =
    "import sys, networkx\n"
    "g = networkx.read_graphml(sys.argv[1])\n"
    "print(g.number_of_nodes(), g.number_of_edges(), sorted(d['kind'] for _, _, d in g.edges(data=True)),"
    " g.nodes['n1']['member'], g.nodes['n1']['influence'])\n";
  int status = 0;

  g_clear_object (&document);
  out = run_tissage (&status, &err, "--export-network", path, "--period", "2099", project, NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "n’a pas de période «\u00a02099\u00a0»"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  out = run_tissage (&status, &err, "--export-network", path, "--period", "2025", project, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  {
    const char *argv[] = { "python3", "-c", script, path, NULL };
    g_autofree char *python_err = NULL;
    int python_status = 0;

    if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                       &python_out, &python_err, &python_status, NULL) ||
        strstr (python_err, "No module named") != NULL)
      {
        g_test_skip ("networkx (python3-networkx) is not installed");
        return;
      }
    g_assert_cmpstr (python_err, ==, "");
    g_assert_cmpstr (python_out, ==, "4 3 ['coopération', 'coopération', 'financement'] True 80\n");
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/network/periods", test_periods);
  ADD ("/network/command-line", test_command_line);

  return g_test_run ();
}

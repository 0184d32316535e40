/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#include "config.h"

#include <gsf/gsf.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <locale.h>
#include <string.h>

#include "tissage-document.h"
#include "tissage-entities.h"
#include "tissage-interviews.h"
#include "tissage-privacy.h"
#include "tissage-qdpx-export.h"
#include "tissage-referentiel.h"
#include "tissage-test-utils.h"

#define ANSWER_A "Au début, j’hésitais.\r\nIci, on m’a écoutée 🙂 sans me juger.\r\nAprès, tout a suivi."
#define QUOTE_A  "on m’a écoutée 🙂 sans me juger"
#define QUOTE_A2 "Après, tout a suivi"
#define ANSWER_B "Le CV\rl’entretien : « déjà » vu."
#define QUOTE_B  "l’entretien"

typedef struct {
  TissageDocument *document;
  gint64           effects[2];
  char            *verbatims[3];   /* their UUIDs */
} Project;

static TissageVerbatim *
mark (Project *project, TissageAnswer *answer, const char *text, const char *quote,
      const gint64 *effects, guint n_effects)
{
  g_autoptr(GError) error = NULL;
  int start = g_utf8_pointer_to_offset (text, strstr (text, quote));
  TissageVerbatim *verbatim = tissage_document_add_verbatim (project->document, answer, start,
                                                             start + g_utf8_strlen (quote, -1),
                                                             TISSAGE_TONE_POSITIVE, effects, n_effects, &error);

  g_assert_no_error (error);
  return verbatim;
}

static void
project_init (Project *project,
              Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageRecord) stake = NULL, eval = NULL, effect1 = NULL, effect2 = NULL;
  g_autoptr(TissageRecord) grid = NULL, q1 = NULL, q2 = NULL, q3 = NULL, structure = NULL, category = NULL;
  g_autoptr(TissageRecord) a = NULL, b = NULL, refused = NULL;
  g_autoptr(TissageAnswer) answer_a = NULL, answer_b = NULL, answer_scale = NULL, answer_refused = NULL;
  g_autoptr(TissageVerbatim) v1 = NULL, v2 = NULL, v3 = NULL, v4 = NULL;
  TissageDocument *document;

  document = project->document = tissage_document_create (fixture->file, &error);
  g_assert_no_error (error);
  stake = tissage_document_insert (document, TISSAGE_TYPE_STAKE, &error, "title", "Pouvoir d’agir", NULL);
  eval = tissage_document_insert (document, TISSAGE_TYPE_EVAL_QUESTION, &error, "stake-id", tissage_record_id (stake),
                                  "title", "Les personnes reprennent-elles confiance ?", NULL);
  effect1 = tissage_document_insert (document, TISSAGE_TYPE_EFFECT, &error, "question-id", tissage_record_id (eval),
                                     "title", "Confiance en soi", NULL);
  effect2 = tissage_document_insert (document, TISSAGE_TYPE_EFFECT, &error, "question-id", tissage_record_id (eval),
                                     "title", "Accès à l’emploi", NULL);
  g_assert_no_error (error);
  project->effects[0] = tissage_record_id (effect1);
  project->effects[1] = tissage_record_id (effect2);

  structure = tissage_document_insert (document, TISSAGE_TYPE_STRUCTURE, &error, "name", "Régie de quartier", NULL);
  category = tissage_document_insert (document, TISSAGE_TYPE_CATEGORY, &error, "name", "Personnes accompagnées", NULL);
  grid = tissage_document_insert (document, TISSAGE_TYPE_GRID, &error, "title", "Parcours", NULL);
  q1 = tissage_document_insert (document, TISSAGE_TYPE_GRID_QUESTION, &error, "grid-id", tissage_record_id (grid),
                                "kind", TISSAGE_QUESTION_OPEN, "text", "Qu’est-ce qui a changé ?", "position", 0, NULL);
  q2 = tissage_document_insert (document, TISSAGE_TYPE_GRID_QUESTION, &error, "grid-id", tissage_record_id (grid),
                                "kind", TISSAGE_QUESTION_SCALE, "text", "Satisfaction", "position", 1, NULL);
  q3 = tissage_document_insert (document, TISSAGE_TYPE_GRID_QUESTION, &error, "grid-id", tissage_record_id (grid),
                                "kind", TISSAGE_QUESTION_OPEN, "text", "Et les ateliers ?", "position", 2, NULL);
  g_assert_no_error (error);

  a = tissage_document_insert (document, TISSAGE_TYPE_INTERVIEW, &error, "grid-id", tissage_record_id (grid),
                               "pseudonym", "Jeanne Secrète", "consent", TISSAGE_CONSENT_GIVEN,
                               "category-id", tissage_record_id (category), "structure-id", tissage_record_id (structure), NULL);
  b = tissage_document_insert (document, TISSAGE_TYPE_INTERVIEW, &error, "grid-id", tissage_record_id (grid),
                               "pseudonym", "Karim Caché", "consent", TISSAGE_CONSENT_GIVEN,
                               "category-id", tissage_record_id (category), "structure-id", tissage_record_id (structure), NULL);
  refused = tissage_document_insert (document, TISSAGE_TYPE_INTERVIEW, &error, "grid-id", tissage_record_id (grid),
                                     "pseudonym", "Sans Accord", "consent", TISSAGE_CONSENT_REFUSED, NULL);
  g_assert_no_error (error);

  g_assert_true (tissage_document_set_answer (document, TISSAGE_INTERVIEW (a), TISSAGE_GRID_QUESTION (q1), ANSWER_A, &error));
  g_assert_true (tissage_document_set_answer (document, TISSAGE_INTERVIEW (a), TISSAGE_GRID_QUESTION (q2), "4", &error));
  g_assert_true (tissage_document_set_answer (document, TISSAGE_INTERVIEW (a), TISSAGE_GRID_QUESTION (q3), ANSWER_B, &error));
  g_assert_true (tissage_document_set_answer (document, TISSAGE_INTERVIEW (b), TISSAGE_GRID_QUESTION (q1), "Rien de spécial.", &error));
  g_assert_true (tissage_document_set_answer (document, TISSAGE_INTERVIEW (refused), TISSAGE_GRID_QUESTION (q1), "Secret absolu", &error));
  g_assert_no_error (error);

  answer_a = tissage_document_get_answer (document, TISSAGE_INTERVIEW (a), TISSAGE_GRID_QUESTION (q1));
  answer_b = tissage_document_get_answer (document, TISSAGE_INTERVIEW (a), TISSAGE_GRID_QUESTION (q3));
  answer_refused = tissage_document_get_answer (document, TISSAGE_INTERVIEW (refused), TISSAGE_GRID_QUESTION (q1));
  v1 = mark (project, answer_a, tissage_answer_get_text (answer_a), QUOTE_A, project->effects, 2);
  v2 = mark (project, answer_a, tissage_answer_get_text (answer_a), QUOTE_A2, &project->effects[1], 1);
  v3 = mark (project, answer_b, tissage_answer_get_text (answer_b), QUOTE_B, project->effects, 1);
  v4 = mark (project, answer_refused, tissage_answer_get_text (answer_refused), "Secret", project->effects, 1);
  project->verbatims[0] = g_strdup (tissage_record_get_uuid (TISSAGE_RECORD (v1)));
  project->verbatims[1] = g_strdup (tissage_record_get_uuid (TISSAGE_RECORD (v2)));
  project->verbatims[2] = g_strdup (tissage_record_get_uuid (TISSAGE_RECORD (v3)));
}

static void
project_clear (Project *project)
{
  for (guint i = 0; i < G_N_ELEMENTS (project->verbatims); i++)
    g_free (project->verbatims[i]);
  g_assert_finalize_object (g_steal_pointer (&project->document));
}

static char *
read_member (GsfInfile *zip, const char *folder, const char *name, gsize *length)
{
  g_autoptr(GObject) input = folder != NULL ? (GObject *) gsf_infile_child_by_vname (zip, folder, name, NULL)
                                             : (GObject *) gsf_infile_child_by_name (zip, name);
  gsf_off_t size;
  char *data;

  if (input == NULL)
    return NULL;
  size = gsf_input_size (GSF_INPUT (input));
  g_assert_cmpint (size, <, 16 * 1024 * 1024);
  data = g_malloc0 (size + 1);
  g_assert_nonnull (gsf_input_read (GSF_INPUT (input), size, (guint8 *) data));
  if (length != NULL)
    *length = size;
  return data;
}

static GPtrArray *
attribute_values (xmlXPathContext *xpath, const char *expression)
{
  xmlXPathObject *result = xmlXPathEvalExpression ((const xmlChar *) expression, xpath);
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);

  g_assert_nonnull (result);
  for (int i = 0; result->nodesetval != NULL && i < result->nodesetval->nodeNr; i++)
    {
      xmlChar *text = xmlNodeGetContent (result->nodesetval->nodeTab[i]);

      g_ptr_array_add (values, g_strdup ((const char *) text));
      xmlFree (text);
    }
  xmlXPathFreeObject (result);
  return values;
}

static gboolean
contains (GPtrArray *values, const char *value)
{
  for (guint i = 0; i < values->len; i++)
    if (g_str_equal (g_ptr_array_index (values, i), value))
      return TRUE;
  return FALSE;
}

/* The characters [start, end) of @text. */
static char *
substring (const char *text, glong start, glong end)
{
  const char *from, *to;

  g_assert_cmpint (start, >=, 0);
  g_assert_cmpint (end, <=, g_utf8_strlen (text, -1));
  from = g_utf8_offset_to_pointer (text, start);
  to = g_utf8_offset_to_pointer (text, end);
  return g_strndup (from, to - from);
}

static void
test_qdpx (Fixture       *fixture,
           gconstpointer  data)
{
  Project project = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "entretiens.qdpx", NULL);
  g_autofree char *qde_path = g_build_filename (fixture->dir, "project.qde", NULL);
  g_autofree char *schema = g_test_build_filename (G_TEST_DIST, "..", "..", "shared", "standards", "refi-qda", "Project.xsd", NULL);
  g_autoptr(GObject) input = NULL;
  GsfInfile *zip = NULL;
  g_autofree char *qde = NULL;
  gsize qde_length = 0;
  xmlDoc *xml;
  xmlXPathContext *xpath;
  g_autoptr(GPtrArray) codes = NULL, code_refs = NULL, sources = NULL, source_refs = NULL;
  g_autoptr(GPtrArray) variables = NULL, variable_refs = NULL, selections = NULL;
  xmlXPathObject *result;
  guint n_checked = 0;

  project_init (&project, fixture);
  g_assert_true (tissage_qdpx_export (project.document, path, &error));
  g_assert_no_error (error);

  input = (GObject *) gsf_input_stdio_new (path, &error);
  g_assert_no_error (error);
  zip = gsf_infile_zip_new (GSF_INPUT (input), &error);
  g_assert_no_error (error);
  qde = read_member (zip, NULL, "project.qde", &qde_length);
  g_assert_nonnull (qde);

  /* Nobody is named, no word of who refused is there. */
  g_assert_null (strstr (qde, "Jeanne"));
  g_assert_null (strstr (qde, "Karim"));
  g_assert_null (strstr (qde, "Secret"));

  /* The schema of the standard, beside the repository. */
  if (g_file_test (schema, G_FILE_TEST_EXISTS))
    {
      g_autofree char *out = NULL, *err = NULL;
      int status;
      const char *argv[] = { "xmllint", "--noout", "--nonet", "--schema", schema, qde_path, NULL };

      g_assert_true (g_file_set_contents (qde_path, qde, qde_length, &error));
      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
      g_assert_no_error (error);
      g_test_message ("xmllint: %s", err);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
    }
  else
    g_test_message ("no REFI-QDA schema beside the repository: %s", schema);

  xml = xmlReadMemory (qde, qde_length, "project.qde", NULL, XML_PARSE_NONET);
  g_assert_nonnull (xml);
  g_assert_cmpstr ((const char *) xmlDocGetRootElement (xml)->ns->href, ==, "urn:QDA-XML:project:1.0");
  xpath = xmlXPathNewContext (xml);
  xmlXPathRegisterNs (xpath, (const xmlChar *) "q", (const xmlChar *) "urn:QDA-XML:project:1.0");

  /* Every reference resolves. */
  codes = attribute_values (xpath, "//q:Code/@guid");
  code_refs = attribute_values (xpath, "//q:CodeRef/@targetGUID");
  sources = attribute_values (xpath, "//q:TextSource/@guid");
  source_refs = attribute_values (xpath, "//q:SourceRef/@targetGUID");
  variables = attribute_values (xpath, "//q:Variable/@guid");
  variable_refs = attribute_values (xpath, "//q:VariableRef/@targetGUID");
  g_assert_cmpuint (codes->len, ==, 3);       /* one enjeu, two effects */
  g_assert_cmpuint (sources->len, ==, 2);     /* the refused interview left out */
  g_assert_cmpuint (code_refs->len, ==, 4);   /* 2 + 1 + 1 codings */
  /* Two people of one category in one structure: the structure would
   * point at them, so only the category's case holds them. */
  g_assert_cmpuint (source_refs->len, ==, 2);
  g_assert_null (strstr (qde, "Régie de quartier"));
  for (guint i = 0; i < code_refs->len; i++)
    g_assert_true (contains (codes, g_ptr_array_index (code_refs, i)));
  for (guint i = 0; i < source_refs->len; i++)
    g_assert_true (contains (sources, g_ptr_array_index (source_refs, i)));
  g_assert_cmpuint (variable_refs->len, >, 0);
  for (guint i = 0; i < variable_refs->len; i++)
    g_assert_true (contains (variables, g_ptr_array_index (variable_refs, i)));
  {
    g_autoptr(GPtrArray) nested = attribute_values (xpath, "//q:Code/q:Code/@name");

    g_assert_cmpuint (nested->len, ==, 2);
    g_assert_cmpstr (g_ptr_array_index (nested, 1), ==, "Accès à l’emploi");
  }

  /* Each selection's offsets select exactly its quote in its source's text. */
  result = xmlXPathEvalExpression ((const xmlChar *) "//q:TextSource", xpath);
  for (int s = 0; s < result->nodesetval->nodeNr; s++)
    {
      xmlNode *source = result->nodesetval->nodeTab[s];
      xmlChar *guid = xmlGetProp (source, (const xmlChar *) "guid");
      xmlChar *text_path = xmlGetProp (source, (const xmlChar *) "plainTextPath");
      g_autofree char *member = g_strconcat ((const char *) guid, ".txt", NULL);
      g_autofree char *text = NULL;

      g_autofree char *expected_path = g_strconcat ("internal://", member, NULL);

      g_assert_cmpstr ((const char *) text_path, ==, expected_path);
      text = read_member (zip, "sources", member, NULL);
      g_assert_nonnull (text);
      g_assert_true (g_utf8_validate (text, -1, NULL));
      g_assert_null (strchr (text, '\r'));

      for (xmlNode *child = source->children; child != NULL; child = child->next)
        {
          xmlChar *id, *start, *end;
          g_autofree char *selected = NULL;
          const char *expected = NULL;

          if (child->type != XML_ELEMENT_NODE || !g_str_equal ((const char *) child->name, "PlainTextSelection"))
            continue;
          id = xmlGetProp (child, (const xmlChar *) "guid");
          start = xmlGetProp (child, (const xmlChar *) "startPosition");
          end = xmlGetProp (child, (const xmlChar *) "endPosition");
          selected = substring (text, g_ascii_strtoll ((const char *) start, NULL, 10),
                                g_ascii_strtoll ((const char *) end, NULL, 10));
          for (guint v = 0; v < G_N_ELEMENTS (project.verbatims); v++)
            if (g_str_equal (project.verbatims[v], (const char *) id))
              expected = v == 0 ? QUOTE_A : v == 1 ? QUOTE_A2 : QUOTE_B;
          g_assert_nonnull (expected);
          g_assert_cmpstr (selected, ==, expected);
          n_checked++;
          xmlFree (id);
          xmlFree (start);
          xmlFree (end);
        }

      /* The questions are headings, the answers below them. */
      if (strstr (text, "Au début") != NULL)
        g_assert_cmpstr (text, ==, "Qu’est-ce qui a changé ?\nAu début, j’hésitais.\nIci, on m’a écoutée 🙂 sans me juger.\nAprès, tout a suivi."
                                   "\n\nSatisfaction\n4\n\nEt les ateliers ?\nLe CV\nl’entretien : « déjà » vu.");
      xmlFree (guid);
      xmlFree (text_path);
    }
  xmlXPathFreeObject (result);
  g_assert_cmpuint (n_checked, ==, 3);

  xmlXPathFreeContext (xpath);
  xmlFreeDoc (xml);
  g_object_unref (zip);
  project_clear (&project);
}

static char *
read_text (const char *path)
{
  char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  return text;
}

static void
test_taguette (Fixture       *fixture,
               gconstpointer  data)
{
  Project project = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *codebook = g_build_filename (fixture->dir, "codebook.csv", NULL);
  g_autofree char *highlights = g_build_filename (fixture->dir, "highlights.csv", NULL);
  g_autofree char *codebook_text = NULL, *highlights_text = NULL;
  g_autofree char *missing = g_build_filename (fixture->dir, "absent", "codebook.csv", NULL);

  project_init (&project, fixture);
  g_assert_true (tissage_taguette_export (project.document, codebook, highlights, &error));
  g_assert_no_error (error);
  codebook_text = read_text (codebook);
  highlights_text = read_text (highlights);
  g_assert_cmpstr (codebook_text, ==,
                   "\"tag\",\"description\",\"number of highlights\"\r\n"
                   "\"Confiance en soi\",\"\",\"2\"\r\n"
                   "\"Accès à l’emploi\",\"\",\"2\"\r\n");
  g_assert_true (g_str_has_prefix (highlights_text, "\"id\",\"document\",\"tag\",\"content\"\r\n"));
  g_assert_nonnull (strstr (highlights_text, ",\"Confiance en soi\",\"" QUOTE_A "\"\r\n"));
  g_assert_null (strstr (highlights_text, "Jeanne"));
  g_assert_null (strstr (highlights_text, "Secret"));

  g_assert_false (tissage_taguette_export (project.document, missing, highlights, &error));
  g_assert_nonnull (error);
  project_clear (&project);
}

static void
test_cli (Fixture       *fixture,
          gconstpointer  data)
{
  Project project = { 0 };
  g_autofree char *path = g_build_filename (fixture->dir, "sortie.qdpx", NULL);
  g_autofree char *project_path = g_file_get_path (fixture->file);
  g_autofree char *out = NULL, *err = NULL;
  int status;

  project_init (&project, fixture);
  project_clear (&project);
  out = run_tissage (&status, &err, "--export-qdpx", path, project_path, NULL);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  out = run_tissage (&status, &err, "--export-taguette", fixture->dir, project_path, NULL);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  {
    g_autofree char *highlights = g_build_filename (fixture->dir, "highlights.csv", NULL);

    g_assert_true (g_file_test (highlights, G_FILE_TEST_EXISTS));
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
  ADD ("/qdpx/export", test_qdpx);
  ADD ("/qdpx/taguette", test_taguette);
  ADD ("/qdpx/cli", test_cli);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sqlite3.h>

#include "tissage-document.h"
#include "tissage-entities.h"
#include "tissage-interviews.h"
#include "tissage-test-utils.h"

/* The interface language of the commands run: French unless a test says. */
static const char *run_language = "fr";
static const char *run_locale = "fr_FR.UTF-8";

static char *
run (int          *status,
     char        **err,
     const char   *first_arg,
     ...)
{
  va_list args;
  char *out;

  va_start (args, first_arg);
  out = tissage_test_run_va (status, err, run_language, run_locale, 0, first_arg, args);
  va_end (args);

  return out;
}

static char *
run_limited (int          *status,
             char        **err,
             rlim_t        file_size,
             const char   *first_arg,
             ...)
{
  va_list args;
  char *out;

  va_start (args, first_arg);
  out = tissage_test_run_va (status, err, run_language, run_locale, file_size, first_arg, args);
  va_end (args);

  return out;
}

static void
test_version (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  out = run (&status, &err, "--version", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "Tissage " PACKAGE_VERSION "\n");
}

/* --help lists every option a command takes: --include-without-consent,
 * which the workbook's export itself tells users to add, was missing. */
static void
test_help (void)
{
  static const char * const options[] = {
    "--new-demo=", "--export-map=", "--layout=", "--export-xlsx=", "--export-report=", "--logo=", "--with-names",
    "--include-without-consent",
    "--period=", "--structure=", "--check", "--repair=", "--import-interviews=", "--guide=", "--dry-run",
    "--export-contribution=", "--merge=", "--update-contribution=", "--prefer=",
  };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  out = run (&status, &err, "--help", NULL);
  g_assert_cmpint (status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    {
      g_autofree char *line = g_strdup_printf ("  %s", options[i]);
      const char *first = strstr (out, line);

      if (first == NULL)
        g_error ("--help does not list %s:\n%s", options[i], out);
      /* Once: the commands sharing an option list it together. */
      g_assert_null (strstr (first + 1, line));
    }
}

/* The merge's summary says when the contribution was prepared as a
 * French reader says it, not 2026-12-07 15:27. */
static void
test_merge_date (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tissage-cli-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "exemple.tissage", NULL);
  g_autofree char *contribution = g_build_filename (dir, "plie.tissage", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  g_free (run (&status, NULL, "--new-demo", path, NULL));
  g_assert_cmpint (status, ==, 0);
  g_free (run (&status, NULL, "--export-contribution", contribution, "--structure", "PLIE de Garonne Agglo", path, NULL));
  g_assert_cmpint (status, ==, 0);
  out = run (&status, &err, "--merge", contribution, "--dry-run", path, NULL);
  g_assert_cmpint (status, ==, 0);
  g_test_message ("%s", out);
  g_assert_true (g_regex_match_simple ("préparée le [0-9]{1,2} (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) [0-9]{4} à [0-9]{2} h [0-9]{2}",
                                       out, 0, 0));
}

static void
test_new_demo (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tissage-cli-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "exemple.tissage", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(TissageDocument) document = NULL;
  int status;

  out = run (&status, &err, "--new-demo", path, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (err, ==, "");

  /* Twice: the second replaces the first. */
  g_free (out);
  g_free (err);
  out = run (&status, &err, "--new-demo", path, NULL);
  g_assert_cmpint (status, ==, 0);

  document = tissage_document_open (file, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (tissage_document_get_stakeholders (document)), >=, 40);
  g_assert_cmpuint (g_list_model_get_n_items (tissage_document_get_structures (document)), >=, 12);
  g_assert_cmpuint (g_list_model_get_n_items (tissage_document_get_links (document)), >=, 60);
  g_assert_false (tissage_document_get_read_only (document));
  g_clear_object (&document);

  g_unlink (path);
  g_rmdir (dir);
}

/* The example is a French collective: run in English, its categories are
 * still French. */
static void
test_new_demo_english (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tissage-cli-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "example.tissage", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(TissageDocument) document = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GListModel *categories;
  int status;

  run_language = "en";
  run_locale = "C.UTF-8";
  out = run (&status, &err, "--new-demo", path, NULL);
  run_language = "fr";
  run_locale = "fr_FR.UTF-8";
  g_assert_cmpint (status, ==, 0);

  document = tissage_document_open (file, &error);
  g_assert_no_error (error);
  categories = tissage_document_get_categories (document);
  for (guint i = 0; i < g_list_model_get_n_items (categories); i++)
    {
      g_autoptr(TissageCategory) category = g_list_model_get_item (categories, i);

      g_hash_table_add (names, g_strdup (tissage_category_get_name (category)));
    }
  g_assert_true (g_hash_table_contains (names, "Bénéficiaires"));
  g_assert_true (g_hash_table_contains (names, "Financeurs et mécènes"));
  g_assert_true (g_hash_table_contains (names, "Structures de l’ESS"));
  g_assert_false (g_hash_table_contains (names, "Beneficiaries"));
  g_assert_false (g_hash_table_contains (names, "Funders and patrons"));
  g_assert_cmpstr (tissage_project_get_name (tissage_document_get_project (document)), ==,
                   "Mesure d'impact 2025-2026");
  g_clear_object (&document);

  g_unlink (path);
  g_rmdir (dir);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @dir, sorted and joined by commas: what a user listing the
 * folder would see, drafts and leftovers included. */
static char *
folder_listing (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return g_strjoinv (",", (char **) names->pdata);
}

/*
 * Where the project cannot be written: under a name that is a file, and
 * onto a folder in the way. Each time a failure status, a French sentence,
 * and the folder as it was: no draft left beside it, nothing replaced.
 */
static void
test_new_demo_unwritable (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tissage-cli-XXXXXX", &error);
  g_autofree char *not_a_folder = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *under_file = g_build_filename (not_a_folder, "exemple.tissage", NULL);
  g_autofree char *in_the_way = g_build_filename (dir, "exemple.tissage", NULL);
  g_autofree char *kept = g_build_filename (in_the_way, "garder.txt", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (not_a_folder, "à garder", -1, NULL));

  out = run (&status, &err, "--new-demo", under_file, NULL);
  g_assert_cmpint (status, !=, 0);
  g_test_message ("%s", err);
  /* The message is in French, as the user reads it. */
  expected = g_strdup_printf ("Le projet ne peut pas être enregistré dans «\u00a0%s\u00a0»", not_a_folder);
  g_assert_nonnull (strstr (err, expected));
  g_assert_true (g_file_get_contents (not_a_folder, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "à garder");
  listing = folder_listing (dir);
  g_assert_cmpstr (listing, ==, "notes.txt");

  /* A folder of the project's name: the draft written beside it is removed. */
  g_assert_cmpint (g_mkdir (in_the_way, 0755), ==, 0);
  g_assert_true (g_file_set_contents (kept, "", -1, NULL));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  out = run (&status, &err, "--new-demo", in_the_way, NULL);
  g_assert_cmpint (status, !=, 0);
  g_test_message ("%s", err);
  g_assert_nonnull (strstr (err, "«\u00a0exemple.tissage\u00a0»"));
  g_clear_pointer (&listing, g_free);
  listing = folder_listing (dir);
  g_assert_cmpstr (listing, ==, "exemple.tissage,notes.txt");
  g_assert_true (g_file_test (in_the_way, G_FILE_TEST_IS_DIR));
  g_clear_pointer (&listing, g_free);
  listing = folder_listing (in_the_way);
  g_assert_cmpstr (listing, ==, "garder.txt");

  g_unlink (kept);
  g_rmdir (in_the_way);
  g_unlink (not_a_folder);
  g_rmdir (dir);
}

static void
test_export_map (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tissage-cli-XXXXXX", &error);
  g_autofree char *project = g_build_filename (dir, "exemple.tissage", NULL);
  const char *formats[] = { "png", "svg", "pdf" };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  out = run (&status, &err, "--new-demo", project, NULL);
  g_assert_cmpint (status, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *name = g_strdup_printf ("carte.%s", formats[i]);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      g_autofree char *o = NULL;
      g_autofree char *e = NULL;
      gsize length = 0;

      o = run (&status, &e, "--export-map", path, "--layout", i == 1 ? "grid" : "rings", project, NULL);
      g_assert_cmpstr (e, ==, "");
      g_assert_cmpint (status, ==, 0);
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_assert_cmpuint (length, >, 1000);

      if (i == 0)
        g_assert_cmpint (memcmp (contents, "\x89PNG", 4), ==, 0);
      else if (i == 1)
        {
          g_autoptr(GMarkupParseContext) parser = NULL;
          GMarkupParser nothing = { NULL, };

          parser = g_markup_parse_context_new (&nothing, 0, NULL, NULL);
          g_assert_true (g_markup_parse_context_parse (parser, contents, length, &error) &&
                         g_markup_parse_context_end_parse (parser, &error));
          g_assert_no_error (error);
          g_assert_nonnull (strstr (contents, "<svg"));
        }
      else
        {
          guint pages = 0;

          g_assert_true (g_str_has_prefix (contents, "%PDF"));
          /* Page objects, not the page tree; the file holds binary streams. */
          for (gsize k = 0; k + 12 < length; k++)
            if (memcmp (contents + k, "/Type /Page", 11) == 0 && contents[k + 11] != 's')
              pages++;
          g_assert_cmpuint (pages, ==, 1);
        }
      g_unlink (path);
    }

  /* An extension in capitals is the same format. */
  {
    g_autofree char *path = g_build_filename (dir, "CARTE.PNG", NULL);
    g_autofree char *o = NULL;
    g_autofree char *e = NULL;

    o = run (&status, &e, "--export-map", path, project, NULL);
    g_assert_cmpint (status, ==, 0);
    g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    g_unlink (path);
  }

  /* Mistakes get a French sentence and a failure status, and no file. */
  g_clear_pointer (&err, g_free);
  g_free (out);
  {
    g_autofree char *in_the_way = g_build_filename (dir, "carte.png", NULL);
    g_autofree char *listing = NULL;

    /* A folder where the map would go: refused, and nothing left beside it. */
    g_assert_cmpint (g_mkdir (in_the_way, 0755), ==, 0);
    out = run (&status, &err, "--export-map", in_the_way, project, NULL);
    g_assert_cmpint (status, !=, 0);
    g_assert_cmpstr (err, !=, "");
    g_test_message ("%s", err);
    listing = folder_listing (dir);
    g_assert_cmpstr (listing, ==, "carte.png,exemple.tissage");
    g_assert_true (g_file_test (in_the_way, G_FILE_TEST_IS_DIR));
    g_rmdir (in_the_way);
  }

  g_clear_pointer (&err, g_free);
  g_free (out);
  {
    g_autofree char *doc = g_build_filename (dir, "carte.docx", NULL);

    out = run (&status, &err, "--export-map", doc, project, NULL);
    g_assert_cmpint (status, ==, 2);
    g_assert_nonnull (strstr (err, "«\u00a0carte.docx\u00a0»"));
    g_assert_false (g_file_test (doc, G_FILE_TEST_EXISTS));
  }

  g_clear_pointer (&err, g_free);
  g_free (out);
  {
    g_autofree char *path = g_build_filename (dir, "carte.png", NULL);

    out = run (&status, &err, "--export-map", path, "--layout", "spirale", project, NULL);
    g_assert_cmpint (status, ==, 2);
    g_assert_nonnull (strstr (err, "spirale"));
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }

  g_unlink (project);
  g_rmdir (dir);
}

/* The disk gives out as the map is written: a failure status, a French
 * sentence, and nothing left of the map. The limit lets SQLite open the
 * project (its 32 KiB shared-memory file), not write any of the maps. */
static void
test_export_map_disk_full (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tissage-cli-XXXXXX", &error);
  g_autofree char *project = g_build_filename (dir, "exemple.tissage", NULL);
  const char *names[] = { "carte.png", "carte.svg", "carte.pdf" };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  int status;

  out = run (&status, &err, "--new-demo", project, NULL);
  g_assert_cmpint (status, ==, 0);
  before = list_folder (dir);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_autofree char *o = NULL;
      g_autofree char *e = NULL;
      g_autofree char *after = NULL;

      o = run_limited (&status, &e, 36 * 1024, "--export-map", path, project, NULL);
      g_test_message ("%s", e);
      g_assert_cmpint (status, ==, 1);
      after = list_folder (dir);
      g_assert_cmpstr (after, ==, before);
      g_assert_nonnull (strstr (e, "Impossible d’enregistrer la carte dans"));
      g_assert_nonnull (strstr (e, names[i]));
      g_assert_nonnull (strstr (e, "le fichier est trop grand pour le disque"));
    }

  g_unlink (project);
  g_rmdir (dir);
}

/* A device or a pipe named as the output is never replaced by a file
 * (run as root, an export to /dev/full once left a plain file there), and
 * a folder where nothing may be created is not said to be missing. */
static void
test_export_not_a_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tissage-cli-XXXXXX", &error);
  g_autofree char *project = g_build_filename (dir, "exemple.tissage", NULL);
  g_autofree char *pipe = g_build_filename (dir, "tuyau.xlsx", NULL);
  const char *exports[] = { "--export-xlsx", "--export-network", "--export-report", "--export-kumu" };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  out = run (&status, &err, "--new-demo", project, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpint (mkfifo (pipe, 0600), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (exports); i++)
    {
      g_autofree char *o = NULL;
      g_autofree char *e = NULL;
      GStatBuf st;

      o = run (&status, &e, exports[i], pipe, project, NULL);
      g_test_message ("%s: %s", exports[i], e);
      g_assert_cmpint (status, !=, 0);
      g_assert_cmpint (g_lstat (pipe, &st), ==, 0);
      g_assert_true (S_ISFIFO (st.st_mode));
    }

  {
    g_autofree char *e = NULL;
    g_autofree char *o = run (&status, &e, "--export-network", pipe, project, NULL);

    g_assert_nonnull (strstr (e, "ce n’est pas un fichier ordinaire"));
  }

  /* /proc is there: nothing may be created in it. */
  if (g_file_test ("/proc/self", G_FILE_TEST_IS_DIR))
    {
      g_autofree char *e = NULL;
      g_autofree char *o = run (&status, &e, "--export-network", "/proc/reseau.graphml", project, NULL);

      g_test_message ("/proc: %s", e);
      g_assert_cmpint (status, ==, 1);
      g_assert_null (strstr (e, "n’existe pas"));
    }

  g_unlink (pipe);
  g_unlink (project);
  g_rmdir (dir);
}

static void
test_export_xlsx (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tissage-cli-XXXXXX", &error);
  g_autofree char *project = g_build_filename (dir, "exemple.tissage", NULL);
  g_autofree char *workbook = g_build_filename (dir, "financeurs.xlsx", NULL);
  g_autofree char *named = g_build_filename (dir, "avec-noms.XLSX", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  int status;

  out = run (&status, &err, "--new-demo", project, NULL);
  g_assert_cmpint (status, ==, 0);

  /* Without a display, in one go. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  out = run (&status, &err, "--export-xlsx", workbook, project, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_file_get_contents (workbook, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 10000);
  g_assert_cmpint (memcmp (contents, "PK", 2), ==, 0);
  /* The example's two interviews still to do have no consent yet: the
   * user is told they were left out, and how to include them. */
  g_assert_nonnull (strstr (err, "2 entretiens ont été écartés du classeur\u00a0: le consentement"));
  g_assert_nonnull (strstr (err, "--include-without-consent"));

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  out = run (&status, &err, "--export-xlsx", workbook, "--include-without-consent", project, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (err, ==, "");

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  out = run (&status, &err, "--export-xlsx", named, "--with-names", project, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_file_test (named, G_FILE_TEST_IS_REGULAR));

  /* Mistakes: a French sentence, a failure status, no file. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  {
    g_autofree char *csv = g_build_filename (dir, "financeurs.csv", NULL);

    out = run (&status, &err, "--export-xlsx", csv, project, NULL);
    g_assert_cmpint (status, ==, 2);
    g_assert_nonnull (strstr (err, "«\u00a0financeurs.csv\u00a0» ne se termine pas par .xlsx"));
    g_assert_false (g_file_test (csv, G_FILE_TEST_EXISTS));
  }

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  {
    g_autofree char *absent = g_build_filename (dir, "Absent", NULL);
    g_autofree char *missing = g_build_filename (absent, "financeurs.xlsx", NULL);

    out = run (&status, &err, "--export-xlsx", missing, project, NULL);
    g_assert_cmpint (status, ==, 1);
    g_assert_nonnull (strstr (err, "n’existe pas"));
    /* The missing folder is not made for it. */
    g_assert_false (g_file_test (absent, G_FILE_TEST_EXISTS));
  }

  g_unlink (workbook);
  g_unlink (named);
  g_unlink (project);
  g_rmdir (dir);
}

/* A project with two guides, as a collective has them. */
static char *
new_survey_project (const char *dir)
{
  static const struct {
    const char          *grid;
    TissageQuestionKind  kind;
    const char          *text;
    const char          *choices;
  } questions[] = {
    { "Parcours vers l'emploi", TISSAGE_QUESTION_SCALE, "Satisfaction globale", "" },
    { "Parcours vers l'emploi", TISSAGE_QUESTION_NUMBER, "Nombre de rendez-vous", "" },
    { "Besoins des familles", TISSAGE_QUESTION_MULTIPLE, "Quels freins rencontrez-vous ?",
      "Garde d'enfants\nSanté\nLogement\nMobilité, transport\nMobilité" },
    { "Besoins des familles", TISSAGE_QUESTION_SCALE, "Satisfaction globale", "" },
    { "Besoins des familles", TISSAGE_QUESTION_OPEN, "Qu'est-ce qui a changé pour vous ?", "" },
  };
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, "collectif.tissage", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(TissageDocument) document = tissage_document_create (file, &error);
  g_autoptr(GHashTable) grids = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (questions); i++)
    {
      g_autoptr(TissageGridQuestion) question = NULL;
      gint64 grid_id = GPOINTER_TO_SIZE (g_hash_table_lookup (grids, questions[i].grid));

      if (grid_id == 0)
        {
          g_autoptr(TissageGrid) grid = tissage_document_insert (document, TISSAGE_TYPE_GRID, &error,
                                                                 "title", questions[i].grid, NULL);

          g_assert_no_error (error);
          grid_id = tissage_record_id (grid);
          g_hash_table_insert (grids, (gpointer) questions[i].grid, GSIZE_TO_POINTER (grid_id));
        }
      question = tissage_document_insert (document, TISSAGE_TYPE_GRID_QUESTION, &error,
                                          "grid-id", grid_id, "kind", (int) questions[i].kind,
                                          "text", questions[i].text, "choices", questions[i].choices,
                                          "position", (int) i, NULL);
      g_assert_no_error (error);
    }
  {
    g_autoptr(TissageStructure) relais = tissage_document_insert (document, TISSAGE_TYPE_STRUCTURE, &error,
                                                                  "name", "Association Relais", NULL);
    g_autoptr(TissageStructure) regie = tissage_document_insert (document, TISSAGE_TYPE_STRUCTURE, &error,
                                                                 "name", "Régie de quartier", NULL);
    g_assert_no_error (error);
  }

  return path;
}

static guint
count_interviews (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = tissage_document_open_for_reading (file, &error);

  g_assert_no_error (error);
  return g_list_model_get_n_items (tissage_document_get_records (document, TISSAGE_TYPE_INTERVIEW));
}

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "csv", name, NULL);
}

static void
test_import_interviews (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tissage-cli-XXXXXX", &error);
  g_autofree char *project = new_survey_project (dir);
  g_autofree char *forms = fixture_path ("google-forms-fr.csv");
  g_autofree char *kobo = fixture_path ("kobo-fr.csv");
  g_autofree char *before = NULL;
  g_autofree char *bytes_before = NULL;
  g_autofree char *bytes_after = NULL;
  int status;

  /* A dry run says what would come in, and changes nothing. */
  g_assert_true (g_file_get_contents (project, &bytes_before, NULL, NULL));
  before = list_folder (dir);
  {
    g_autofree char *err = NULL;
    g_autofree char *out = run (&status, &err, "--import-interviews", forms, "--guide", "besoins des familles",
                                "--dry-run", project, NULL);
    g_autofree char *after = list_folder (dir);

    g_test_message ("%s%s", out, err);
    g_assert_cmpint (status, ==, 0);
    g_assert_cmpstr (out, ==, "4 entretiens seraient importés dans la grille «\u00a0Besoins des familles\u00a0»\u00a0; "
                              "2 réponses refusées, 0 ligne laissée de côté.\n");
    g_assert_cmpstr (err, ==, "ligne 4, «\u00a0Votre structure\u00a0»\u00a0: «\u00a0Maison des familles\u00a0» "
                              "n’est pas une structure membre du collectif.\n"
                              "ligne 4, «\u00a0Quels freins rencontrez-vous ?\u00a0»\u00a0: «\u00a0Cantine\u00a0» "
                              "n’est pas un des choix\n");
    g_assert_cmpstr (after, ==, before);
    g_assert_true (g_file_get_contents (project, &bytes_after, NULL, NULL));
    g_assert_cmpstr (bytes_after, ==, bytes_before);
    g_assert_cmpuint (count_interviews (project), ==, 0);
  }

  /* The real import, the guide found from the headers. */
  {
    g_autofree char *err = NULL;
    g_autofree char *out = run (&status, &err, "--import-interviews", kobo, project, NULL);
    g_autoptr(GFile) file = g_file_new_for_path (project);
    g_autoptr(TissageDocument) document = NULL;

    g_test_message ("%s%s", out, err);
    g_assert_cmpint (status, ==, 0);
    g_assert_cmpstr (out, ==, "4 entretiens importés dans la grille «\u00a0Besoins des familles\u00a0»\u00a0; "
                              "3 réponses refusées, 0 ligne laissée de côté.\n");
    g_assert_nonnull (strstr (err, "ligne 5, «\u00a0Quels_freins_rencontrez_vous/mobilite\u00a0»\u00a0: «\u00a02\u00a0» n’est ni oui ni non\n"));
    g_assert_cmpuint (count_interviews (project), ==, 4);

    /* The refused cells are left empty, the rest of their lines is in. */
    document = tissage_document_open (file, &error);
    g_assert_no_error (error);
    g_assert_cmpint (query_count (document, "SELECT count (*) FROM answers"), ==, 7);
  }

  /* Nothing to import: said, and a failure status. */
  {
    g_autofree char *err = NULL;
    g_autofree char *header = fixture_path ("header-only.csv");
    g_autofree char *out = run (&status, &err, "--import-interviews", header, "--guide", "Parcours vers l'emploi",
                                project, NULL);

    g_test_message ("%s%s", out, err);
    g_assert_cmpint (status, ==, 1);
    g_assert_nonnull (strstr (err, "Le fichier n’a aucune ligne de réponses sous son en-tête."));
    g_assert_cmpuint (count_interviews (project), ==, 4);
  }

  /* Bad usage: an unknown guide, a file that is not there. */
  {
    g_autofree char *err = NULL;
    g_autofree char *out = run (&status, &err, "--import-interviews", forms, "--guide", "Suivi", project, NULL);

    g_assert_cmpint (status, ==, 2);
    g_assert_cmpstr (err, ==, "Le projet n’a pas de grille «\u00a0Suivi\u00a0». Ses grilles\u00a0: "
                              "«\u00a0Parcours vers l'emploi\u00a0», «\u00a0Besoins des familles\u00a0».\n");
  }
  {
    g_autofree char *err = NULL;
    g_autofree char *missing = g_build_filename (dir, "absent.csv", NULL);
    g_autofree char *out = run (&status, &err, "--import-interviews", missing, project, NULL);

    g_assert_cmpint (status, ==, 2);
    g_assert_nonnull (strstr (err, "absent.csv\u00a0» n’existe pas"));
  }
  g_assert_cmpuint (count_interviews (project), ==, 4);

  g_unlink (project);
  g_rmdir (dir);
}

/* The project open in a window: the import waits for it to be closed,
 * and says who has it. */
static void
test_import_interviews_locked (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tissage-cli-XXXXXX", &error);
  g_autofree char *project = new_survey_project (dir);
  g_autofree char *forms = fixture_path ("google-forms-fr.csv");
  g_autoptr(GFile) file = g_file_new_for_path (project);
  g_autoptr(TissageDocument) window = tissage_document_open (file, &error);
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;
  int status;

  g_assert_no_error (error);
  out = run (&status, &err, "--import-interviews", forms, "--guide", "Besoins des familles", project, NULL);
  g_test_message ("%s", err);
  g_assert_cmpint (status, ==, 1);
  g_assert_true (g_str_has_prefix (err, "«\u00a0collectif.tissage\u00a0» est déjà ouvert pour modification. Ouvert par "));
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpuint (g_list_model_get_n_items (tissage_document_get_records (window, TISSAGE_TYPE_INTERVIEW)), ==, 0);
  g_assert_cmpuint (query_count (window, "SELECT count (*) FROM interviews"), ==, 0);

  /* Closed, the same command goes through. */
  g_clear_object (&window);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);
  out = run (&status, &err, "--import-interviews", forms, "--guide", "Besoins des familles", project, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpuint (count_interviews (project), ==, 4);

  g_unlink (project);
  g_rmdir (dir);
}

/*
 * The workbook of one period from the command line: the example's
 * "1er semestre 2026" holds 9 interviews, 7 of them done, and 37 quotes,
 * as the Synthèse and the core count them; a period that is not there
 * is named with those that are, in French, with status 2.
 */
static void
test_export_xlsx_period (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tissage-cli-XXXXXX", &error);
  g_autofree char *project = g_build_filename (dir, "exemple.tissage", NULL);
  g_autofree char *workbook = g_build_filename (dir, "semestre.xlsx", NULL);
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "check-synthesis.py", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *checked = NULL;
  g_autofree char *check_err = NULL;
  int status;

  out = run (&status, &err, "--new-demo", project, NULL);
  g_assert_cmpint (status, ==, 0);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  out = run (&status, &err, "--export-xlsx", workbook, "--period", "1er semestre 2026", project, NULL);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (status, ==, 0);
  {
    const char *argv[] = { "/usr/bin/python3", script, workbook, "Période=1er semestre 2026", "Entretiens=9",
                           "Entretiens terminés=7", "Verbatims=37", NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &checked, &check_err, &status, &error);
    g_assert_no_error (error);
    g_test_message ("%s%s", checked, check_err);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  g_unlink (workbook);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  out = run (&status, &err, "--export-xlsx", workbook, "--period", "2027", project, NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err, "Le projet n’a pas de période «\u00a02027\u00a0»"));
  g_assert_nonnull (strstr (err, "«\u00a01er semestre 2026\u00a0»"));
  g_assert_false (g_file_test (workbook, G_FILE_TEST_EXISTS));

  g_unlink (project);
  g_rmdir (dir);
}

/* The choices of the export dialog: a period and a member structure, by
 * their names as a user types them; a name the project lacks is said, with
 * those it has, and writes nothing. */
static void
test_export_xlsx_choices (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tissage-cli-XXXXXX", &error);
  g_autofree char *project = g_build_filename (dir, "exemple.tissage", NULL);
  g_autofree char *workbook = g_build_filename (dir, "plie-2025.xlsx", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  out = run (&status, &err, "--new-demo", project, NULL);
  g_assert_cmpint (status, ==, 0);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  out = run (&status, &err, "--export-xlsx", workbook, "--period", " 1er SEMESTRE 2026", "--structure", "plie de garonne agglo",
             "--include-without-consent", project, NULL);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_file_test (workbook, G_FILE_TEST_IS_REGULAR));
  g_unlink (workbook);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  out = run (&status, &err, "--export-xlsx", workbook, "--period", "2030", project, NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err, "Le projet n’a pas de période «\u00a02030\u00a0»"));
  g_assert_nonnull (strstr (err, "«\u00a02025\u00a0»"));
  g_assert_false (g_file_test (workbook, G_FILE_TEST_EXISTS));

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  out = run (&status, &err, "--export-xlsx", workbook, "--structure", "Régie inconnue", project, NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err, "«\u00a0Régie inconnue\u00a0»"));
  g_assert_nonnull (strstr (err, "«\u00a0PLIE de Garonne Agglo\u00a0»"));
  g_assert_false (g_file_test (workbook, G_FILE_TEST_EXISTS));

  g_unlink (project);
  g_rmdir (dir);
}

/* The map, like the workbook, names the organisations interviewed and not
 * the people, unless asked with --with-names. */
static void
test_export_map_names (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tissage-cli-XXXXXX", &error);
  g_autofree char *project = g_build_filename (dir, "exemple.tissage", NULL);
  g_autofree char *map = g_build_filename (dir, "carte.pdf", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  sqlite3 *db = NULL;
  int status;

  out = run (&status, &err, "--new-demo", project, NULL);
  g_assert_cmpint (status, ==, 0);

  /* A beneficiary on the map, interviewed. */
  g_assert_cmpint (sqlite3_open (project, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
    "INSERT INTO stakeholders (uuid, modified, name, category_id, proximity)"
    " VALUES ('sh-josiane', 'x', 'Josiane Testard', (SELECT id FROM categories WHERE builtin = 'beneficiaires'), 1);"
    "INSERT INTO interviews (uuid, modified, grid_id, stakeholder_id, consent)"
    " VALUES ('iv-josiane', 'x', (SELECT min (id) FROM grids), (SELECT id FROM stakeholders WHERE uuid = 'sh-josiane'), 1);",
    NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  out = run (&status, &err, "--export-map", map, project, NULL);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (status, ==, 0);
  text = pdf_text (map);
  g_assert_null (strstr (text, "Josiane"));
  g_assert_nonnull (strstr (text, "(nom masqué)"));
  /* Interviewed too, and an organisation. */
  g_assert_nonnull (strstr (text, "Garonne Agglo"));
  g_clear_pointer (&text, g_free);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  out = run (&status, &err, "--export-map", map, "--with-names", project, NULL);
  g_assert_cmpint (status, ==, 0);
  text = pdf_text (map);
  g_assert_nonnull (strstr (text, "Josiane"));

  g_unlink (map);
  g_unlink (project);
  g_rmdir (dir);
}

/* --export-report: one line says where it wrote; where it cannot, the
 * real cause, naming the folder or the file in the way. */
static void
test_export_report (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tissage-cli-XXXXXX", &error);
  g_autofree char *project = g_build_filename (dir, "exemple.tissage", NULL);
  g_autofree char *pdf = g_build_filename (dir, "rapport.pdf", NULL);
  g_autofree char *under_file = g_build_filename (project, "rapport.pdf", NULL);
  g_autofree char *folder = g_build_filename (dir, "dossier.pdf", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  out = run (&status, &err, "--new-demo", project, NULL);
  g_assert_cmpint (status, ==, 0);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  out = run (&status, &err, "--export-report", pdf, project, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (out, ==, "Rapport écrit dans «\u00a0rapport.pdf\u00a0».\n");

  if (g_file_test ("/proc", G_FILE_TEST_IS_DIR))
    {
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
      out = run (&status, &err, "--export-report", "/proc/rapport.pdf", project, NULL);
      g_assert_cmpint (status, ==, 1);
      g_assert_cmpstr (err, ==, "Vous ne pouvez pas écrire dans le dossier «\u00a0/proc\u00a0»\u00a0: choisissez-en un autre.\n");
      g_assert_cmpstr (out, ==, "");
    }

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  out = run (&status, &err, "--export-report", under_file, project, NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "exemple.tissage\u00a0» est un fichier, pas un dossier"));

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  out = run (&status, &err, "--export-report", folder, project, NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "dossier.pdf"));
  g_assert_nonnull (strstr (err, "est un dossier"));
  g_assert_null (strstr (err, ". ("));

  g_rmdir (folder);
  g_unlink (pdf);
  g_unlink (project);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/merge-date", test_merge_date);
  g_test_add_func ("/cli/new-demo", test_new_demo);
  g_test_add_func ("/cli/new-demo-english", test_new_demo_english);
  g_test_add_func ("/cli/new-demo-unwritable", test_new_demo_unwritable);
  g_test_add_func ("/cli/export-map", test_export_map);
  g_test_add_func ("/cli/export-map-disk-full", test_export_map_disk_full);
  g_test_add_func ("/cli/export-xlsx", test_export_xlsx);
  g_test_add_func ("/cli/export-not-a-file", test_export_not_a_file);
  g_test_add_func ("/cli/export-report", test_export_report);
  g_test_add_func ("/cli/export-xlsx-choices", test_export_xlsx_choices);
  g_test_add_func ("/cli/export-map-names", test_export_map_names);
  g_test_add_func ("/cli/import-interviews", test_import_interviews);
  g_test_add_func ("/cli/import-interviews-locked", test_import_interviews_locked);
  g_test_add_func ("/cli/export-xlsx-period", test_export_xlsx_period);

  return g_test_run ();
}

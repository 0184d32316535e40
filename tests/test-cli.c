#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include "tissage-document.h"
#include "tissage-test-utils.h"

/* In the child, before tissage starts: files may not grow past
 * *@user_data bytes, as on a disk that is full. */
static void
limit_file_size (gpointer user_data)
{
  struct rlimit limit = { *(rlim_t *) user_data, RLIM_INFINITY };

  signal (SIGXFSZ, SIG_IGN);
  setrlimit (RLIMIT_FSIZE, &limit);
}

/* @file_size: the most a file of the command may hold, 0 for no limit */
static char *
run_va (int         *status,
        char       **err,
        rlim_t       file_size,
        const char  *first_arg,
        va_list      args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  g_ptr_array_add (argv, (gpointer) g_getenv ("TISSAGE_BIN"));
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* No display: these commands must work on a server or in a script. */
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "fr", TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "fr_FR.UTF-8", TRUE);
  if (file_size > 0)
    g_subprocess_launcher_set_child_setup (launcher, limit_file_size, &file_size, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, err, &error);
  g_assert_no_error (error);
  *status = g_subprocess_get_exit_status (process);

  return out;
}

static char *
run (int          *status,
     char        **err,
     const char   *first_arg,
     ...)
{
  va_list args;
  char *out;

  va_start (args, first_arg);
  out = run_va (status, err, 0, first_arg, args);
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
  out = run_va (status, err, file_size, first_arg, args);
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

static void
test_new_demo_unwritable (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  out = run (&status, &err, "--new-demo", "/proc/tissage/exemple.tissage", NULL);
  g_assert_cmpint (status, !=, 0);
  g_assert_false (g_file_test ("/proc/tissage/exemple.tissage", G_FILE_TEST_EXISTS));
  g_test_message ("%s", err);

  /* The message is in French, as the user reads it. */
  g_assert_nonnull (strstr (err, "Le projet ne peut pas être enregistré dans « /proc/tissage »"));
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
  out = run (&status, &err, "--export-map", "/proc/tissage/carte.png", project, NULL);
  g_assert_cmpint (status, !=, 0);
  g_assert_cmpstr (err, !=, "");
  g_test_message ("%s", err);
  g_assert_false (g_file_test ("/proc/tissage/carte.png", G_FILE_TEST_EXISTS));

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
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_file_get_contents (workbook, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 10000);
  g_assert_cmpint (memcmp (contents, "PK", 2), ==, 0);

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
    g_autofree char *missing = g_build_filename (dir, "Absent", "financeurs.xlsx", NULL);

    out = run (&status, &err, "--export-xlsx", missing, project, NULL);
    g_assert_cmpint (status, ==, 1);
    g_assert_nonnull (strstr (err, "n’existe pas"));
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }

  g_unlink (workbook);
  g_unlink (named);
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
  g_test_add_func ("/cli/new-demo", test_new_demo);
  g_test_add_func ("/cli/new-demo-unwritable", test_new_demo_unwritable);
  g_test_add_func ("/cli/export-map", test_export_map);
  g_test_add_func ("/cli/export-map-disk-full", test_export_map_disk_full);
  g_test_add_func ("/cli/export-xlsx", test_export_xlsx);

  return g_test_run ();
}

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "tissage-document.h"

static char *
run (int          *status,
     char        **err,
     const char   *first_arg,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("TISSAGE_BIN"));
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* No display: these commands must work on a server or in a script. */
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "fr", TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "fr_FR.UTF-8", TRUE);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, err, &error);
  g_assert_no_error (error);
  *status = g_subprocess_get_exit_status (process);

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

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/new-demo", test_new_demo);
  g_test_add_func ("/cli/new-demo-unwritable", test_new_demo_unwritable);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <execinfo.h>
#include <locale.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tissage-list-row.h"
#include "tissage-export-dialog.h"
#include "tissage-ui-test-utils.h"

TissageApplication *application;
char *tmp_dir;

/* The watchdog: a main loop that stops answering for more than a second
 * fails the suite at once, with the main thread's backtrace, rather than
 * spinning until the harness's timeout, which says nothing of where.
 * The second is counted in the main thread's own CPU time, so that a
 * machine busy with other builds does not fail a test; a main thread that
 * waits instead of spinning (a deadlock) is caught after ten seconds. */
#define WATCHDOG_STALL_MS 1000
#define WATCHDOG_BLOCKED_FACTOR 10

static pthread_t main_thread;
static clockid_t main_cpu_clock;
static gint64 watchdog_start;
static int heartbeat_ms;
static int heartbeat_cpu_ms;
static int longest_stall_ms;
static int watchdog_stopped;
static int watchdog_stall_ms = WATCHDOG_STALL_MS;
/* Set while the test itself works (a screenshot drawn in software): what
 * it costs is no stall of the application's. */
static int watchdog_paused;

static int
watchdog_now_ms (void)
{
  return (int) ((g_get_monotonic_time () - watchdog_start) / 1000);
}

static int
watchdog_cpu_ms (void)
{
  struct timespec ts;

  if (clock_gettime (main_cpu_clock, &ts) != 0)
    return 0;
  return (int) (ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

static gboolean
watchdog_beat (gpointer user_data)
{
  int now = watchdog_now_ms ();
  int cpu = watchdog_cpu_ms ();
  int stalled = cpu - g_atomic_int_get (&heartbeat_cpu_ms);

  if (stalled > longest_stall_ms)
    longest_stall_ms = stalled;
  g_atomic_int_set (&heartbeat_ms, now);
  g_atomic_int_set (&heartbeat_cpu_ms, cpu);
  return G_SOURCE_CONTINUE;
}

/* Runs on the main thread when gdb cannot attach: its own frames. */
static void
watchdog_backtrace_here (int signum)
{
  void *frames[64];
  int n = backtrace (frames, G_N_ELEMENTS (frames));

  backtrace_symbols_fd (frames, n, STDERR_FILENO);
  g_atomic_int_set (&watchdog_stopped, 2);
}

static gboolean
watchdog_gdb_backtrace (void)
{
  g_autofree char *gdb = g_find_program_in_path ("gdb");
  g_autofree char *pid = g_strdup_printf ("%d", (int) getpid ());
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;
  const char *argv[] = { NULL, "-batch", "-nx", "-p", pid, "-ex", "thread apply 1 bt", NULL };

  if (gdb == NULL)
    return FALSE;
  argv[0] = gdb;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     &out, &err, &status, NULL) ||
      out == NULL || strstr (out, "#0") == NULL)
    return FALSE;

  fprintf (stderr, "%s", out);
  return TRUE;
}

static gpointer
watchdog_thread (gpointer user_data)
{
  while (!g_atomic_int_get (&watchdog_stopped))
    {
      int stalled, busy;

      g_usleep (100 * 1000);
      stalled = watchdog_now_ms () - g_atomic_int_get (&heartbeat_ms);
      busy = watchdog_cpu_ms () - g_atomic_int_get (&heartbeat_cpu_ms);
      if ((busy <= watchdog_stall_ms && stalled <= WATCHDOG_BLOCKED_FACTOR * watchdog_stall_ms) ||
          g_atomic_int_get (&watchdog_stopped) || g_atomic_int_get (&watchdog_paused))
        continue;

      printf ("Bail out! The main loop stopped answering for %d ms (%d ms of work) in %s\n",
              stalled, busy, g_test_get_path () ? g_test_get_path () : "(no test)");
      fflush (stdout);
      fprintf (stderr, "Main loop stalled for %d ms; the main thread is here:\n", stalled);
      if (!watchdog_gdb_backtrace ())
        {
          pthread_kill (main_thread, SIGUSR2);
          for (guint i = 0; i < 20 && g_atomic_int_get (&watchdog_stopped) != 2; i++)
            g_usleep (50 * 1000);
        }
      fflush (stderr);
      /* Raised on the main thread, so that a core file shows it too. */
      pthread_kill (main_thread, SIGABRT);
      g_usleep (G_USEC_PER_SEC);
      abort ();
    }

  return NULL;
}

static void
watchdog_start_thread (void)
{
  const char *stall = g_getenv ("TISSAGE_TEST_STALL_MS");
  struct sigaction action = { 0 };
  void *frames[1];

  /* Slower machines (valgrind, a debugger) may ask for more patience. */
  if (stall != NULL && atoi (stall) > 0)
    watchdog_stall_ms = atoi (stall);

  /* backtrace() loads its unwinder on first use: not in a signal handler. */
  backtrace (frames, 1);
  action.sa_handler = watchdog_backtrace_here;
  sigemptyset (&action.sa_mask);
  sigaction (SIGUSR2, &action, NULL);

  main_thread = pthread_self ();
  if (pthread_getcpuclockid (main_thread, &main_cpu_clock) != 0)
    main_cpu_clock = CLOCK_MONOTONIC;
  watchdog_start = g_get_monotonic_time ();
  g_atomic_int_set (&heartbeat_ms, 0);
  g_atomic_int_set (&heartbeat_cpu_ms, watchdog_cpu_ms ());
  g_timeout_add_full (G_PRIORITY_HIGH, 100, watchdog_beat, NULL, NULL);
  g_thread_unref (g_thread_new ("watchdog", watchdog_thread, NULL));
}

void
wait_frames (guint n)
{
  for (guint i = 0; i < n; i++)
    {
      gint64 end = g_get_monotonic_time () + 20 * 1000;

      while (g_get_monotonic_time () < end)
        g_main_context_iteration (NULL, FALSE);
    }
}

static gboolean
is_mapped_with_width (gpointer widget)
{
  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0;
}

void
wait_mapped (GtkWidget *widget)
{
  /* A widget never shown fails here, not at the first assertion after. */
  wait_until (is_mapped_with_width, widget, 5000);
  wait_frames (10);
}

void
type_text (GtkEditable *editable,
           const char  *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      int position = g_utf8_strlen (gtk_editable_get_text (editable), -1);

      gtk_editable_set_position (editable, position);
      gtk_editable_insert_text (editable, p, g_utf8_next_char (p) - p, &position);
      gtk_editable_set_position (editable, position);
      wait_frames (1);
    }
}

void
retype_field (GtkWidget  *field,
              const char *text)
{
  gtk_widget_grab_focus (field);
  gtk_editable_select_region (GTK_EDITABLE (field), 0, -1);
  gtk_editable_delete_selection (GTK_EDITABLE (field));
  wait_frames (1);
  type_text (GTK_EDITABLE (field), text);
}

void
leave_field (GtkWidget *field)
{
  GtkRoot *root = gtk_widget_get_root (field);

  /* Enter would do as well; leaving is what every user does. */
  gtk_root_set_focus (root, NULL);
  wait_frames (2);
}

/* The one walk of the widget tree: @skip counts down the matches to pass. */
static GtkWidget *
walk (GtkWidget       *widget,
      gboolean         shown_only,
      WidgetPredicate  predicate,
      gconstpointer    data,
      guint           *skip)
{
  if (shown_only && !gtk_widget_is_drawable (widget))
    return NULL;

  if (predicate (widget, data))
    {
      if (*skip == 0)
        return widget;
      (*skip)--;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = walk (child, shown_only, predicate, data, skip);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
find_nth_widget (GtkWidget       *root,
                 gboolean         shown_only,
                 WidgetPredicate  predicate,
                 gconstpointer    data,
                 guint            n)
{
  g_return_val_if_fail (GTK_IS_WIDGET (root), NULL);

  return walk (root, shown_only, predicate, data, &n);
}

GtkWidget *
find_widget (GtkWidget       *root,
             WidgetPredicate  predicate,
             gconstpointer    data)
{
  return find_nth_widget (root, FALSE, predicate, data, 0);
}

GtkWidget *
find_shown_widget (GtkWidget       *root,
                   WidgetPredicate  predicate,
                   gconstpointer    data)
{
  return find_nth_widget (root, TRUE, predicate, data, 0);
}

guint
count_shown_widgets (GtkWidget       *root,
                     WidgetPredicate  predicate,
                     gconstpointer    data)
{
  guint skip = G_MAXUINT;

  /* Nothing is returned: every match only counts down. */
  g_assert_null (walk (root, TRUE, predicate, data, &skip));
  return G_MAXUINT - skip;
}

gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

gboolean
is_list_row_titled (GtkWidget     *widget,
                    gconstpointer  title)
{
  return TISSAGE_IS_LIST_ROW (widget) && g_strcmp0 (tissage_list_row_get_title (TISSAGE_LIST_ROW (widget)), title) == 0;
}

gboolean
has_list_row_prefix (GtkWidget     *widget,
                     gconstpointer  prefix)
{
  return TISSAGE_IS_LIST_ROW (widget) && g_str_has_prefix (tissage_list_row_get_title (TISSAGE_LIST_ROW (widget)), prefix);
}

gboolean
has_label_text (GtkWidget     *widget,
                gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

gboolean
has_label_prefix (GtkWidget     *widget,
                  gconstpointer  prefix)
{
  return GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix);
}

gboolean
has_button_label (GtkWidget     *widget,
                  gconstpointer  text)
{
  if (GTK_IS_MENU_BUTTON (widget))
    return g_strcmp0 (gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)), text) == 0;
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), text) == 0;
}

gboolean
has_accessible_name (GtkWidget     *widget,
                     gconstpointer  name)
{
  g_autofree char *differs = NULL;

  /* NULL when the property holds that value. */
  differs = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name);
  return differs == NULL;
}

gboolean
has_buildable_id (GtkWidget     *widget,
                  gconstpointer  id)
{
  return g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)), id) == 0;
}

gboolean
has_widget_name (GtkWidget     *widget,
                 gconstpointer  name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

gboolean
has_tooltip (GtkWidget     *widget,
             gconstpointer  tooltip)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

gboolean
has_css_class (GtkWidget     *widget,
               gconstpointer  css_class)
{
  return gtk_widget_has_css_class (widget, css_class);
}

gboolean
has_title (GtkWidget     *widget,
           gconstpointer  title)
{
  if (ADW_IS_PREFERENCES_ROW (widget))
    return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
  if (ADW_IS_PREFERENCES_GROUP (widget))
    return g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), title) == 0;
  return FALSE;
}

gboolean
has_action_name (GtkWidget     *widget,
                 gconstpointer  action)
{
  return GTK_IS_ACTIONABLE (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0;
}

gboolean
has_icon_name (GtkWidget     *widget,
               gconstpointer  icon_name)
{
  if (GTK_IS_MENU_BUTTON (widget))
    return g_strcmp0 (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)), icon_name) == 0;
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), icon_name) == 0;
}

gboolean
has_placeholder (GtkWidget     *widget,
                 gconstpointer  text)
{
  return GTK_IS_ENTRY (widget) && g_strcmp0 (gtk_entry_get_placeholder_text (GTK_ENTRY (widget)), text) == 0;
}

gboolean
has_text (GtkWidget     *widget,
          gconstpointer  text)
{
  return GTK_IS_EDITABLE (widget) && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (widget)), text) == 0;
}

gboolean
is_entry_row_titled (GtkWidget     *widget,
                     gconstpointer  title)
{
  return ADW_IS_ENTRY_ROW (widget) && has_title (widget, title);
}

typedef struct {
  gboolean timed_out;
} WaitTimeout;

static gboolean
wait_timed_out (gpointer user_data)
{
  WaitTimeout *timeout = user_data;

  timeout->timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
wait_tick (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

void
wait_until_full (WaitCondition  condition,
                 gpointer       data,
                 guint          timeout_ms,
                 const char    *what)
{
  WaitTimeout timeout = { FALSE };
  guint source, tick;

  if (condition (data))
    return;

  source = g_timeout_add (timeout_ms, wait_timed_out, &timeout);
  /* Woken now and then, for what changes without an event (a file). */
  tick = g_timeout_add (10, wait_tick, NULL);
  while (!condition (data))
    {
      if (timeout.timed_out)
        g_error ("Waited %u ms in vain for %s", timeout_ms, what);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (tick);
  g_source_remove (source);
}

AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

static gboolean
widget_drawn (gpointer data)
{
  GtkWidget *widget = data;

  return gtk_widget_is_drawable (widget) && gtk_widget_get_width (widget) > 0 && gtk_widget_get_height (widget) > 0;
}

void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *dir = g_test_build_filename (G_TEST_BUILT, "screenshots", NULL);
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  int width, height;
  GskRenderer *renderer;

  /* On a loaded machine the widget may not be laid out yet, nor drawn in
   * a frame: a screenshot documents, it asserts nothing, so one that
   * cannot be taken is said and skipped. */
  wait_until_full (widget_drawn, widget, 5000, name);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  for (guint attempt = 0; node == NULL && attempt < 20; attempt++)
    {
      if (attempt > 0)
        wait_frames (2);
      g_atomic_int_set (&watchdog_paused, 1);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
      g_atomic_int_set (&heartbeat_ms, watchdog_now_ms ());
      g_atomic_int_set (&heartbeat_cpu_ms, watchdog_cpu_ms ());
      g_atomic_int_set (&watchdog_paused, 0);
    }
  if (node == NULL || renderer == NULL)
    {
      g_test_message ("screenshot %s: nothing drawn yet, not taken", name);
      return;
    }

  g_atomic_int_set (&watchdog_paused, 1);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));

  g_mkdir_with_parents (dir, 0755);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
  /* The application's time counts again from here. */
  g_atomic_int_set (&heartbeat_ms, watchdog_now_ms ());
  g_atomic_int_set (&heartbeat_cpu_ms, watchdog_cpu_ms ());
  g_atomic_int_set (&watchdog_paused, 0);
}

GFile *
new_project (const char *name)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  GFile *file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = tissage_document_create (file, &error);

  g_assert_no_error (error);
  return file;
}

TissageWindow *
open_window (GFile *file)
{
  TissageWindow *window = tissage_window_new (GTK_APPLICATION (application));

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  if (file != NULL)
    g_assert_true (tissage_window_open_file (window, file));
  wait_mapped (GTK_WIDGET (window));

  return window;
}

static gboolean
held_only_here (gpointer object)
{
  return G_OBJECT (object)->ref_count == 1;
}

/* Closes @window, and checks that nothing keeps it, or the document only
 * it held, alive: a window or a document still referenced once closed is
 * a leak (and a document kept open keeps its file locked). */
void
close_window (TissageWindow *window)
{
  TissageDocument *document = tissage_window_get_document (window);

  /* A document the test holds too is the test's to release. */
  if (document != NULL && G_OBJECT (document)->ref_count == 1)
    g_object_ref (document);
  else
    document = NULL;
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  wait_frames (3);
  wait_until_full (held_only_here, window, 5000, "the closed window to be released");
  g_assert_finalize_object (window);
  if (document != NULL)
    {
      wait_until_full (held_only_here, document, 5000, "the closed window's document to be released");
      g_assert_finalize_object (document);
    }
}

GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static gboolean
no_export_dialog (gpointer data)
{
  return find_toplevel (TISSAGE_TYPE_EXPORT_DIALOG) == NULL;
}

void
wait_export_dialog_closed (void)
{
  wait_until (no_export_dialog, NULL, 60000);
  wait_frames (3);
}

/* The interface is checked as French users see it. */
void
ui_test_init (int    *argc,
              char ***argv)
{
  g_autoptr(GError) error = NULL;
  const char *localedir = g_getenv ("TISSAGE_LOCALEDIR");

  g_setenv ("LANGUAGE", "fr", TRUE);
  g_setenv ("LC_ALL", "fr_FR.UTF-8", TRUE);
  if (setlocale (LC_ALL, "") == NULL)
    g_error ("The fr_FR.UTF-8 locale is missing: install it (locale-gen) to run the interface tests.");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gtk_test_init (argc, argv, NULL);
  adw_init ();

  tmp_dir = g_dir_make_tmp ("tissage-ui-XXXXXX", &error);
  g_assert_no_error (error);

  watchdog_start_thread ();

  application = tissage_application_new ();
  g_application_set_flags (G_APPLICATION (application),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);
}

int
ui_test_run (void)
{
  int status = g_test_run ();

  g_atomic_int_set (&watchdog_stopped, 1);
  g_test_message ("longest main-loop stall: %d ms of work", longest_stall_ms);
  g_clear_object (&application);
  return status;
}

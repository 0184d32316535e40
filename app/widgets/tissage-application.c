/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-app"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>

#include "tissage-application.h"
#include "tissage-cli.h"
#include "tissage-document.h"
#include "tissage-widget-utils.h"
#include "tissage-window.h"

struct _TissageApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (TissageApplication, tissage_application, ADW_TYPE_APPLICATION)

GFile *
tissage_application_dup_example_file (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "tissage",
                                            _("Example — Collectif Emploi.tissage"), NULL);

  return g_file_new_for_path (path);
}

static TissageWindow *
window_for_file (TissageApplication *self,
                 GFile              *file)
{
  /* The same project reached through a link is the same project. */
  g_autofree char *wanted = tissage_document_dup_real_path (file);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      TissageDocument *document;
      g_autofree char *path = NULL;

      if (!TISSAGE_IS_WINDOW (l->data))
        continue;
      document = tissage_window_get_document (l->data);
      if (document == NULL)
        continue;
      path = tissage_document_dup_real_path (tissage_document_get_file (document));
      if (g_file_equal (tissage_document_get_file (document), file) ||
          (wanted != NULL && g_strcmp0 (path, wanted) == 0))
        return l->data;
    }

  return NULL;
}

static TissageWindow *
get_window (TissageApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (TISSAGE_IS_WINDOW (window))
    return TISSAGE_WINDOW (window);

  return tissage_window_new (GTK_APPLICATION (self));
}

/* A window that has no project yet, or a new one. */
static TissageWindow *
get_empty_window (TissageApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (TISSAGE_IS_WINDOW (l->data) && tissage_window_get_document (l->data) == NULL)
      return l->data;

  return tissage_window_new (GTK_APPLICATION (self));
}

static void
tissage_application_activate (GApplication *application)
{
  TissageWindow *window = get_window (TISSAGE_APPLICATION (application));

  gtk_window_present (GTK_WINDOW (window));
}

static void
tissage_application_open (GApplication  *application,
                          GFile        **files,
                          int            n_files,
                          const char    *hint)
{
  TissageApplication *self = TISSAGE_APPLICATION (application);

  for (int i = 0; i < n_files; i++)
    {
      TissageWindow *window = window_for_file (self, files[i]);

      if (window == NULL)
        {
          window = get_empty_window (self);
          /* Shown first, so that an error or a question stays over it. */
          gtk_window_present (GTK_WINDOW (window));
          tissage_window_open_file (window, files[i]);
          continue;
        }
      gtk_window_present (GTK_WINDOW (window));
    }
}

static int
tissage_application_handle_local_options (GApplication *application,
                                          GVariantDict *options)
{
  const char *demo_path = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("Tissage %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "new-demo", "^&ay", &demo_path))
    return tissage_cli_new_demo (demo_path);

  return -1;
}

static void
on_new (GSimpleAction *action,
        GVariant      *parameter,
        gpointer       user_data)
{
  TissageWindow *window = get_window (user_data);

  gtk_window_present (GTK_WINDOW (window));
  tissage_window_choose_new (window);
}

static void
on_open (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  TissageWindow *window = get_window (user_data);

  gtk_window_present (GTK_WINDOW (window));
  tissage_window_choose_open (window);
}

static void
on_open_example (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  TissageApplication *self = user_data;
  g_autoptr(GFile) file = tissage_application_dup_example_file ();
  TissageWindow *window = window_for_file (self, file);

  if (window == NULL)
    {
      window = get_window (self);

      /* The example is made once; what the user then types in it stays. */
      if (!g_file_query_exists (file, NULL))
        {
          g_autoptr(GFile) parent = g_file_get_parent (file);
          g_autoptr(GError) error = NULL;
          g_autoptr(TissageDocument) document = NULL;

          g_file_make_directory_with_parents (parent, NULL, NULL);
          document = tissage_document_create_example (file, &error);
          if (document == NULL)
            {
              tissage_widget_report_error (GTK_WIDGET (window), error);
              gtk_window_present (GTK_WINDOW (window));
              return;
            }
          tissage_window_set_document (window, document);
        }
      else
        tissage_window_open_file (window, file);
    }

  gtk_window_present (GTK_WINDOW (window));
}

static void
on_about (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  GtkApplication *application = user_data;
  const char *developers[] = { _("The Tissage contributors"), NULL };

  adw_show_about_window (gtk_application_get_active_window (application),
                         "application-name", "Tissage",
                         "application-icon", APP_ID,
                         "developer-name", _("The Tissage contributors"),
                         "version", PACKAGE_VERSION,
                         "website", "https://tissage.fr/",
                         "comments", _("Map your stakeholders, build your evaluation framework, hear your public and report to your funders — together."),
                         "developers", developers,
                         "copyright", "© 2026 Tissage",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
on_quit (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  GtkApplication *application = user_data;
  GList *windows = g_list_copy (gtk_application_get_windows (application));

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);
}

/* Logging out or `kill` closes the windows as Ctrl+Q does, so that the
 * lock beside each project goes with them. */
static gboolean
on_quit_signal (gpointer user_data)
{
  g_action_group_activate_action (G_ACTION_GROUP (user_data), "quit", NULL);
  return G_SOURCE_CONTINUE;
}

static const GActionEntry app_actions[] = {
  { "new", on_new },
  { "open", on_open },
  { "open-example", on_open_example },
  { "about", on_about },
  { "quit", on_quit },
};

static void
tissage_application_startup (GApplication *application)
{
  GtkApplication *gtk_app = GTK_APPLICATION (application);
  const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.new", { "<Control>n", NULL } },
    { "app.open", { "<Control>o", NULL } },
    { "app.quit", { "<Control>q", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.undo", { "<Control>z", NULL } },
    { "win.redo", { "<Control><Shift>z", "<Control>y", NULL } },
    { "win.add-stakeholder", { "<Control><Shift>n", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.export-map", { "<Control><Alt>e", NULL } },
    { "win.export-xlsx", { "<Control>e", NULL } },
    { "win.export-report", { "<Control><Shift>e", NULL } },
    { "win.print-report", { "<Control>p", NULL } },
    { "win.new-interview", { "<Control><Alt>n", NULL } },
  };

  G_APPLICATION_CLASS (tissage_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (gtk_app, accels[i].action, accels[i].accels);

  gtk_window_set_default_icon_name (APP_ID);

  g_unix_signal_add (SIGTERM, on_quit_signal, application);
  g_unix_signal_add (SIGHUP, on_quit_signal, application);
  g_unix_signal_add (SIGINT, on_quit_signal, application);
}

static void
tissage_application_class_init (TissageApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = tissage_application_activate;
  app_class->open = tissage_application_open;
  app_class->startup = tissage_application_startup;
  app_class->handle_local_options = tissage_application_handle_local_options;
}

static void
tissage_application_init (TissageApplication *self)
{
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version of Tissage"), NULL },
    { "new-demo", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Write the example project to FILE and quit"), N_("FILE") },
    { NULL }
  };

  g_autoptr(GArray) all = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));

  /* The commands are handled before the application starts; they are
   * listed here for --help, from their own tables. */
  g_array_append_vals (all, entries, G_N_ELEMENTS (entries) - 1);
  tissage_cli_append_help_entries (all);
  g_application_add_main_option_entries (G_APPLICATION (self), (const GOptionEntry *) all->data);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Tissage: the stakeholder map, evaluation framework and interviews of a collective, in one project file."));
}

TissageApplication *
tissage_application_new (void)
{
  return g_object_new (TISSAGE_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

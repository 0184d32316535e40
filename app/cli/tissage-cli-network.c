/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "tissage-cli-private.h"
#include "tissage-graphml-export.h"

/* --export-network: the network of one period as GraphML. --period and
 * --with-names are the workbook's (tissage-cli-exports.c). */

static char *option_export_network;

static const char * const command_names[] = { "--export-network", NULL };

static const GOptionEntry entries[] = {
  { "export-network", 0, 0, G_OPTION_ARG_FILENAME, &option_export_network,
    N_("Write the network of FILE in one period (with --period NAME; the latest by default) as GraphML, and quit"),
    N_("OUT.graphml") },
  { NULL }
};

static gboolean
requested (void)
{
  return option_export_network != NULL;
}

static const char *
no_project_message (void)
{
  return _("Name exactly one project to export the network of.");
}

static int
run (const char *project)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (project);
  g_autoptr(TissageDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_query_exists (file, NULL))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_printerr (_("The project “%s” does not exist.\n"), name);
      return 1;
    }
  document = tissage_cli_open_project (file, FALSE);
  if (document == NULL)
    return 1;
  if (!tissage_graphml_export (document, option_export_network, tissage_cli_get_period (),
                               !tissage_cli_get_with_names (), &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}

static void
clear (void)
{
  g_clear_pointer (&option_export_network, g_free);
}

const TissageCliCommand tissage_cli_network = {
  command_names, entries, requested, no_project_message, run, clear,
};

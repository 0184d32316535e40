/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "tissage-cli-private.h"
#include "tissage-document.h"
#include "tissage-qdpx-export.h"

/* --export-qdpx and --export-taguette: the interviews and their verbatims
 * for the qualitative analysis tools. */

static char *option_qdpx_path;
static char *option_taguette_dir;

static const char * const command_names[] = { "--export-qdpx", "--export-taguette", NULL };

static const GOptionEntry entries[] = {
  { "export-qdpx", 0, 0, G_OPTION_ARG_FILENAME, &option_qdpx_path,
    N_("Export the interviews and verbatims of FILE to OUT (.qdpx, REFI-QDA) for QualCoder, ATLAS.ti, NVivo or MAXQDA, and quit"), N_("OUT") },
  { "export-taguette", 0, 0, G_OPTION_ARG_FILENAME, &option_taguette_dir,
    N_("Export the verbatims of FILE as Taguette’s codebook.csv and highlights.csv into the folder DIR, and quit"), N_("DIR") },
  { NULL }
};

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
      return 2;
    }
  document = tissage_document_open_for_reading (file, &error);
  if (document == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (option_qdpx_path != NULL && !tissage_qdpx_export (document, option_qdpx_path, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (option_taguette_dir != NULL)
    {
      g_autofree char *codebook = g_build_filename (option_taguette_dir, "codebook.csv", NULL);
      g_autofree char *highlights = g_build_filename (option_taguette_dir, "highlights.csv", NULL);

      if (!tissage_taguette_export (document, codebook, highlights, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
    }

  return 0;
}

static gboolean
requested (void)
{
  return option_qdpx_path != NULL || option_taguette_dir != NULL;
}

static const char *
no_project_message (void)
{
  return _("Name exactly one project whose interviews to export.");
}

static void
clear (void)
{
  g_clear_pointer (&option_qdpx_path, g_free);
  g_clear_pointer (&option_taguette_dir, g_free);
}

const TissageCliCommand tissage_cli_qdpx = {
  command_names, entries, requested, no_project_message, run, clear,
};

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "tissage-cli-private.h"
#include "tissage-document.h"
#include "tissage-kobo.h"
#include "tissage-spreadsheet.h"
#include "tissage-xlsform-export.h"

/* --export-xlsform and --import-kobo: a guide as a form of KoboToolbox or
 * ODK, and its answers back from the survey tool. --guide names the
 * guide (tissage-cli-imports.c parses it). */

static char *option_xlsform_path;
static char *option_kobo_path;

static const char * const command_names[] = { "--export-xlsform", "--import-kobo", NULL };

static const GOptionEntry entries[] = {
  { "export-xlsform", 0, 0, G_OPTION_ARG_FILENAME, &option_xlsform_path,
    N_("Export the interview guide named by --guide to OUT (.xlsx) as an XLSForm for KoboToolbox or ODK, and quit"), N_("OUT") },
  { "import-kobo", 0, 0, G_OPTION_ARG_FILENAME, &option_kobo_path,
    N_("Import into FILE the answers that KoboToolbox exports (CSV or XLSX) for the form of the guide named by --guide, and quit"), N_("KOBO_EXPORT") },
  { NULL }
};

static TissageGrid *
named_grid (TissageDocument *document,
            const char      *guide_name)
{
  g_autofree char *guides = tissage_cli_list_grids (document);
  TissageGrid *grid;

  if (g_list_model_get_n_items (tissage_document_get_records (document, TISSAGE_TYPE_GRID)) == 0)
    {
      g_printerr ("%s\n", _("The project has no interview guide."));
      return NULL;
    }
  if (guide_name == NULL)
    {
      g_printerr (_("Name the guide with --guide. The guides of the project: %s.\n"), guides);
      return NULL;
    }
  grid = tissage_cli_find_grid (document, guide_name);
  if (grid == NULL)
    g_printerr (_("The project has no guide “%s”. Its guides: %s.\n"), guide_name, guides);

  return grid;
}

static gboolean
project_exists (GFile *file)
{
  g_autofree char *name = NULL;

  if (g_file_query_exists (file, NULL))
    return TRUE;

  name = g_file_get_parse_name (file);
  g_printerr (_("The project “%s” does not exist.\n"), name);
  return FALSE;
}

static int
export_xlsform (const char *output,
                const char *guide_name,
                const char *input)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (input);
  g_autoptr(TissageDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  TissageGrid *grid;

  if (!project_exists (file))
    return 2;

  document = tissage_document_open_for_reading (file, &error);
  if (document == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  grid = named_grid (document, guide_name);
  if (grid == NULL)
    return 2;

  if (!tissage_xlsform_export (document, grid, output, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  return 0;
}

static int
import_kobo (const char *csv_path,
             const char *guide_name,
             gboolean    dry_run,
             const char *input)
{
  g_autoptr(GFile) csv_file = g_file_new_for_commandline_arg (csv_path);
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (input);
  g_autoptr(TissageDocument) document = NULL;
  g_autoptr(TissageCsvImport) import = NULL;
  g_autoptr(TissageCsv) csv = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv_name = g_file_get_parse_name (csv_file);
  TissageGrid *grid;

  if (!g_file_query_exists (csv_file, NULL))
    {
      g_printerr (_("The file “%s” does not exist.\n"), csv_name);
      return 2;
    }
  if (!project_exists (file))
    return 2;

  /* KoboToolbox exports its answers as CSV or as XLSX. */
  csv = tissage_spreadsheet_read_table (csv_file, NULL, &error);
  if (csv == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  document = tissage_cli_open_project (file, !dry_run);
  if (document == NULL)
    return 1;

  grid = named_grid (document, guide_name);
  if (grid == NULL)
    return 2;

  if (tissage_kobo_count_named_columns (document, grid, csv) == 0)
    {
      g_printerr (_("No column of “%s” is named as a question of the form of the guide “%s”: export the answers from KoboToolbox with the names of the questions (XML values and headers), or import them with --import-interviews.\n"),
                  csv_name, tissage_grid_get_title (grid));
      return 1;
    }

  import = tissage_kobo_import_new (document, grid, g_steal_pointer (&csv));
  return tissage_cli_run_interview_import (import, document, grid, dry_run);
}

static gboolean
requested (void)
{
  return option_xlsform_path != NULL || option_kobo_path != NULL;
}

static const char *
no_project_message (void)
{
  return _("Name exactly one project whose guide goes to or comes back from KoboToolbox.");
}

static int
run (const char *project)
{
  if (option_xlsform_path != NULL && option_kobo_path != NULL)
    {
      g_printerr ("%s\n", _("Export a form or import its answers, not both at once."));
      return 2;
    }
  if (option_xlsform_path != NULL)
    return export_xlsform (option_xlsform_path, tissage_cli_get_guide (), project);

  return import_kobo (option_kobo_path, tissage_cli_get_guide (), tissage_cli_get_dry_run (), project);
}

static void
clear (void)
{
  g_clear_pointer (&option_xlsform_path, g_free);
  g_clear_pointer (&option_kobo_path, g_free);
}

const TissageCliCommand tissage_cli_kobo = {
  command_names, entries, requested, no_project_message, run, clear,
};

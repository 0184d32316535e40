/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "tissage-cli-private.h"
#include "tissage-spreadsheet.h"
#include "tissage-csv.h"
#include "tissage-document.h"
#include "tissage-referentiel.h"

/* --import-interviews: the answers of a survey export, as the import
 * dialog takes them. */

static char *option_import_path;
static char *option_guide;
static gboolean option_dry_run;

static const char * const command_names[] = { "--import-interviews", NULL };

static const GOptionEntry entries[] = {
  { "import-interviews", 0, 0, G_OPTION_ARG_FILENAME, &option_import_path,
    N_("Import into FILE the interviews of the survey export CSV (or its .xlsx or .ods workbook), as the import dialog maps them, and quit"), N_("CSV") },
  { "guide", 0, 0, G_OPTION_ARG_STRING, &option_guide,
    N_("The interview guide the imported answers follow (default: the one its columns name most)"), N_("NAME") },
  { "dry-run", 0, 0, G_OPTION_ARG_NONE, &option_dry_run,
    N_("Say what the import or the merge would do, without changing FILE"), NULL },
  { NULL }
};

/* Lower case, no accents: a guide named as the user remembers it. */
static char *
fold_title (const char *title)
{
  g_auto(GStrv) parts = g_strsplit (title, "’", -1);
  /* A shell has no typographic apostrophe: "l'emploi" names « l’emploi ». */
  g_autofree char *plain = g_strjoinv ("'", parts);
  g_autofree char *stripped = g_strstrip (g_strdup (plain));
  g_autofree char *normal = g_utf8_normalize (stripped, -1, G_NORMALIZE_ALL);

  return g_utf8_casefold (normal != NULL ? normal : stripped, -1);
}

TissageGrid *
tissage_cli_find_grid (TissageDocument *document,
                       const char      *name)
{
  GListModel *grids = tissage_document_get_records (document, TISSAGE_TYPE_GRID);
  g_autofree char *wanted = fold_title (name);

  for (guint i = 0; i < g_list_model_get_n_items (grids); i++)
    {
      g_autoptr(TissageGrid) grid = g_list_model_get_item (grids, i);
      g_autofree char *title = fold_title (tissage_grid_get_title (grid));

      if (g_str_equal (title, wanted))
        return grid;
    }

  return NULL;
}

char *
tissage_cli_list_grids (TissageDocument *document)
{
  GListModel *grids = tissage_document_get_records (document, TISSAGE_TYPE_GRID);
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (grids); i++)
    {
      g_autoptr(TissageGrid) grid = g_list_model_get_item (grids, i);

      if (i > 0)
        g_string_append (list, ", ");
      /* TRANSLATORS: a guide's title in a list of guides */
      g_string_append_printf (list, _("“%s”"), tissage_grid_get_title (grid));
    }

  return g_string_free (g_steal_pointer (&list), FALSE);
}

/* The import of the dialog, without a display: the columns mapped as the
 * dialog proposes them, every refused cell on stderr, one undo step.
 * 0: interviews imported (or would be, with @dry_run); 1: none; 2: the
 * command itself is wrong. */
/* Checks a prepared import of interviews, says what it refuses and, unless
 * @dry_run, applies it as one undoable step: the same for a CSV of answers
 * and for a survey tool's export. */
int
tissage_cli_run_interview_import (TissageCsvImport *import,
                                  TissageDocument  *document,
                                  TissageGrid      *grid,
                                  gboolean          dry_run)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *refusals;
  guint n_accepted, n_imported = 0, n_cells, n_lines, n_already;

  if (!tissage_csv_import_check (import, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  refusals = tissage_csv_import_get_refusals (import);
  for (guint i = 0; i < refusals->len; i++)
    {
      TissageCsvRefusal *refusal = g_ptr_array_index (refusals, i);

      for (guint r = 0; refusal->reasons[r] != NULL; r++)
        {
          g_autofree char *reason = g_strdelimit (g_strdup (refusal->reasons[r]), "\r\n", ' ');

          g_printerr ("%s\n", reason);
        }
    }

  n_accepted = tissage_csv_import_get_n_accepted (import);
  n_cells = tissage_csv_import_get_n_refused_cells (import);
  n_lines = tissage_csv_import_get_n_refused_lines (import);
  n_already = tissage_csv_import_get_n_already_imported (import);
  if (n_accepted == 0)
    {
      g_autofree char *why = tissage_csv_import_dup_explanation (import);

      g_printerr ("%s\n", why);
      g_print (_("No interview imported into the guide “%s”.\n"), tissage_grid_get_title (grid));
      /* Everything already there is no failure: the file was taken in before. */
      return n_already > 0 && n_lines == 0 ? 0 : 1;
    }

  if (!dry_run &&
      !tissage_csv_import_apply (import, document, 0, TISSAGE_STATUS_DONE, &n_imported, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  {
    g_autofree char *done = dry_run
      ? g_strdup_printf (g_dngettext (NULL, "%u interview would be imported into the guide “%s”",
                                      "%u interviews would be imported into the guide “%s”", n_accepted),
                         n_accepted, tissage_grid_get_title (grid))
      : g_strdup_printf (g_dngettext (NULL, "%u interview imported into the guide “%s”",
                                      "%u interviews imported into the guide “%s”", n_imported),
                         n_imported, tissage_grid_get_title (grid));
    g_autofree char *cells = g_strdup_printf (g_dngettext (NULL, "%u answer refused", "%u answers refused", n_cells),
                                              n_cells);
    g_autofree char *lines = g_strdup_printf (g_dngettext (NULL, "%u line left out", "%u lines left out", n_lines),
                                              n_lines);

    if (n_already == 0)
      /* TRANSLATORS: "12 interviews imported into the guide “X”; 3 answers refused, 1 line left out." */
      g_print (_("%s; %s, %s.\n"), done, cells, lines);
    else
      {
        g_autofree char *already = g_strdup_printf (g_dngettext (NULL, "%u submission already imported",
                                                                 "%u submissions already imported", n_already),
                                                    n_already);

        /* TRANSLATORS: "12 interviews imported into the guide “X”; 3 answers refused, 1 line left out, 2 submissions already imported." */
        g_print (_("%s; %s, %s, %s.\n"), done, cells, lines, already);
      }
  }

  return 0;
}

static int
import_interviews (const char *csv_path,
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
  g_autofree char *summary = NULL;
  TissageGrid *grid;

  if (!g_file_query_exists (csv_file, NULL))
    {
      g_printerr (_("The file “%s” does not exist.\n"), csv_name);
      return 2;
    }
  if (!g_file_query_exists (file, NULL))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_printerr (_("The project “%s” does not exist.\n"), name);
      return 2;
    }

  csv = tissage_spreadsheet_read_table (csv_file, NULL, &error);
  if (csv == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  document = tissage_cli_open_project (file, !dry_run);
  if (document == NULL)
    return 1;

  if (guide_name != NULL)
    grid = tissage_cli_find_grid (document, guide_name);
  else
    grid = tissage_csv_find_grid (document, csv, NULL);

  if (grid == NULL)
    {
      g_autofree char *guides = tissage_cli_list_grids (document);

      if (g_list_model_get_n_items (tissage_document_get_records (document, TISSAGE_TYPE_GRID)) == 0)
        g_printerr ("%s\n", _("The project has no interview guide: write the guide first, then import its answers."));
      else if (guide_name != NULL)
        g_printerr (_("The project has no guide “%s”. Its guides: %s.\n"), guide_name, guides);
      else
        g_printerr (_("No column of “%s” matches a question of a guide: name the guide with --guide. The guides of the project: %s.\n"),
                    csv_name, guides);
      return 2;
    }

  import = tissage_csv_import_new (document, grid, g_steal_pointer (&csv));
  return tissage_cli_run_interview_import (import, document, grid, dry_run);
}

const char *
tissage_cli_get_guide (void)
{
  return option_guide;
}

gboolean
tissage_cli_get_dry_run (void)
{
  return option_dry_run;
}

static gboolean
requested (void)
{
  return option_import_path != NULL;
}

static const char *
no_project_message (void)
{
  return _("Name exactly one project to import the interviews into.");
}

static int
run (const char *project)
{
  return import_interviews (option_import_path, option_guide, option_dry_run, project);
}

static void
clear (void)
{
  g_clear_pointer (&option_import_path, g_free);
  g_clear_pointer (&option_guide, g_free);
  option_dry_run = FALSE;
}

const TissageCliCommand tissage_cli_imports = {
  command_names, entries, requested, no_project_message, run, clear,
};

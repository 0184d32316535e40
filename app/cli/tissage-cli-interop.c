/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "tissage-cli-private.h"
#include "tissage-document.h"
#include "tissage-interop-export.h"
#include "tissage-referentiel-flat.h"
#include "tissage-spreadsheet.h"
#include "tissage-stakeholder-import.h"

/* --import-stakeholders, --import-referentiel, --export-kumu and
 * --export-referentiel: what the collective has in spreadsheets and in
 * Kumu, in and out. */

static char *option_import_stakeholders;
static char *option_duplicates;
static char *option_import_referentiel;
static char *option_export_kumu;
static char *option_export_referentiel;

static const char * const command_names[] = {
  "--import-stakeholders", "--import-referentiel", "--export-kumu", "--export-referentiel", NULL
};

static const GOptionEntry entries[] = {
  { "import-stakeholders", 0, 0, G_OPTION_ARG_FILENAME, &option_import_stakeholders,
    N_("Import into FILE the stakeholders and links of a spreadsheet (.xlsx, .ods, .csv, or Kumu's workbook), and quit"), N_("SPREADSHEET") },
  { "duplicates", 0, 0, G_OPTION_ARG_STRING, &option_duplicates,
    N_("What a stakeholder whose name the project has becomes: “update” it (default) or “add” another"), N_("update|add") },
  { "import-referentiel", 0, 0, G_OPTION_ARG_FILENAME, &option_import_referentiel,
    N_("Import into FILE the référentiel of a spreadsheet, one row per indicator, and quit"), N_("SPREADSHEET") },
  { "export-kumu", 0, 0, G_OPTION_ARG_FILENAME, &option_export_kumu,
    N_("Write the stakeholders and links of FILE as a workbook Kumu imports, and quit"), N_("OUT.xlsx") },
  { "export-referentiel", 0, 0, G_OPTION_ARG_FILENAME, &option_export_referentiel,
    N_("Write the référentiel of FILE as a workbook, one row per indicator, and quit"), N_("OUT.xlsx") },
  { NULL }
};

static TissageSpreadsheet *
read_spreadsheet (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;
  TissageSpreadsheet *book;

  if (!g_file_query_exists (file, NULL))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_printerr (_("The file “%s” does not exist.\n"), name);
      return NULL;
    }
  book = tissage_spreadsheet_read_file (file, NULL, &error);
  if (book == NULL)
    g_printerr ("%s\n", error->message);
  else if (book->converted)
    g_printerr ("%s\n", _("The file was not in UTF-8: it was read as a Windows file (Windows-1252)."));
  return book;
}

static TissageDocument *
open_project (const char *project,
              gboolean    writing)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (project);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = NULL;

  if (!g_file_query_exists (file, NULL))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_printerr (_("The project “%s” does not exist.\n"), name);
      return NULL;
    }
  return tissage_cli_open_project (file, writing);
}

/* “Ville”, “Budget” */
static char *
quoted_list (const char * const *names)
{
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (list, ", ");
      /* TRANSLATORS: a column's header in a list of headers */
      g_string_append_printf (list, _("“%s”"), names[i]);
    }
  return g_string_free (g_steal_pointer (&list), FALSE);
}

/* What the file holds that the import leaves out: said, never dropped
 * without a word. */
static void
say_ignored_columns (TissageStakeholderImport *import)
{
  g_auto(GStrv) ignored = tissage_stakeholder_import_dup_ignored_columns (import, FALSE);
  g_auto(GStrv) ignored_links = tissage_stakeholder_import_dup_ignored_columns (import, TRUE);

  if (ignored[0] != NULL)
    {
      g_autofree char *list = quoted_list ((const char * const *) ignored);
      g_autoptr(GString) known = g_string_new (NULL);

      for (guint t = TISSAGE_STAKEHOLDER_COLUMN_NAME; t < TISSAGE_STAKEHOLDER_N_COLUMNS; t++)
        g_string_append_printf (known, "%s%s", known->len > 0 ? ", " : "", tissage_stakeholder_column_to_label (t));
      g_printerr (g_dngettext (NULL,
                               "Column not imported, as Tissage does not recognise its header: %s. The headers it reads: %s.\n",
                               "Columns not imported, as Tissage does not recognise their headers: %s. The headers it reads: %s.\n",
                               g_strv_length (ignored)),
                  list, known->str);
    }
  if (ignored_links[0] != NULL)
    {
      g_autofree char *list = quoted_list ((const char * const *) ignored_links);

      g_printerr (g_dngettext (NULL,
                               "Column of the sheet of links “%s” not imported: %s. A link takes “From”, “To”, “Type”, “Strength” and “Description”.\n",
                               "Columns of the sheet of links “%s” not imported: %s. A link takes “From”, “To”, “Type”, “Strength” and “Description”.\n",
                               g_strv_length (ignored_links)),
                  tissage_stakeholder_import_get_links_sheet (import)->name, list);
    }
}

/* 0: the file is in the project (or would be, with --dry-run); 1: nothing
 * imported, as the file cannot be read or holds values that cannot; 2:
 * the command itself is wrong. */
static int
import_stakeholders (const char *path,
                     const char *project)
{
  g_autoptr(TissageDocument) document = NULL;
  g_autoptr(TissageSpreadsheet) book = NULL;
  g_autoptr(TissageStakeholderImport) import = NULL;
  g_autoptr(GError) error = NULL;
  const TissageStakeholderPlan *plan;
  TissageDuplicatePolicy policy = TISSAGE_DUPLICATE_UPDATE;
  gboolean dry_run = tissage_cli_get_dry_run ();

  if (option_duplicates != NULL)
    {
      if (g_str_equal (option_duplicates, "add"))
        policy = TISSAGE_DUPLICATE_ADD;
      else if (!g_str_equal (option_duplicates, "update"))
        {
          g_printerr (_("--duplicates takes “update” or “add”, not “%s”.\n"), option_duplicates);
          return 2;
        }
    }

  book = read_spreadsheet (path);
  if (book == NULL)
    return 1;
  document = open_project (project, !dry_run);
  if (document == NULL)
    return 1;

  import = tissage_stakeholder_import_new (document, g_steal_pointer (&book), &error);
  if (import == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  tissage_stakeholder_import_set_policy (import, policy);
  plan = tissage_stakeholder_import_check (import);
  for (guint i = 0; i < plan->reasons->len; i++)
    g_printerr ("%s\n", (const char *) g_ptr_array_index (plan->reasons, i));
  say_ignored_columns (import);

  {
    guint added = plan->added, updated = plan->updated, links = plan->links_added;
    guint links_updated = plan->links_updated;
    g_autofree char *summary = tissage_stakeholder_plan_describe (plan);

    if (dry_run)
      {
        /* TRANSLATORS: --dry-run: "On import: 3 stakeholders added." */
        g_autofree char *preview = g_strdup_printf (_("On import: %s."), summary);

        g_print ("%s\n", preview);
        return plan->refused + plan->links_refused > 0 ? 1 : 0;
      }
    /* Without a window to leave a column out or correct a cell, an import
     * that would lose some of the file takes none of it. */
    if (plan->refused + plan->links_refused > 0)
      {
        g_printerr ("%s\n", _("Nothing was imported: correct in the file the values above, or empty their cells, and import it again."));
        return 1;
      }
    if (added + updated + links + links_updated == 0 && plan->unchanged > 0)
      {
        g_print ("%s\n", _("The project already has every stakeholder and link of the file: nothing changed."));
        return 0;
      }
    if (!tissage_stakeholder_import_apply (import, &error))
      {
        g_printerr ("%s\n", error->message);
        return 1;
      }
    g_print ("%s.\n", summary);
  }
  return 0;
}

static int
import_referentiel (const char *path,
                    const char *project)
{
  g_autoptr(TissageDocument) document = NULL;
  g_autoptr(TissageSpreadsheet) book = read_spreadsheet (path);
  g_autoptr(GError) error = NULL;
  TissageFlatSummary summary;
  g_autofree char *done = NULL;

  if (book == NULL)
    return 1;
  document = open_project (project, TRUE);
  if (document == NULL)
    return 1;
  if (!tissage_referentiel_import (document, book, &summary, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  {
    g_auto(GStrv) ignored = tissage_referentiel_flat_dup_ignored_columns (book);

    if (ignored[0] != NULL)
      {
        g_autofree char *list = quoted_list ((const char * const *) ignored);
        g_autoptr(GString) known = g_string_new (NULL);
        guint n_columns;
        const TissageFlatColumn *columns = tissage_referentiel_flat_columns (&n_columns);

        for (guint c = 0; c < n_columns; c++)
          g_string_append_printf (known, "%s%s", c > 0 ? ", " : "", _(columns[c].header));
        g_printerr (g_dngettext (NULL,
                                 "Column not imported, as no field of the référentiel has its header: %s. The headers it reads: %s.\n",
                                 "Columns not imported, as no field of the référentiel has their headers: %s. The headers it reads: %s.\n",
                                 g_strv_length (ignored)),
                    list, known->str);
      }
  }
  if (summary.skipped_lines > 0)
    g_printerr (g_dngettext (NULL, "%u line has no stake, question or effect above its cells: it is left out.\n",
                             "%u lines have no stake, question or effect above their cells: they are left out.\n",
                             summary.skipped_lines), summary.skipped_lines);
  done = tissage_referentiel_flat_describe (&summary);
  if (done == NULL)
    g_print ("%s\n", _("The project already has the référentiel of the file: nothing changed."));
  else
    /* TRANSLATORS: "Référentiel imported: 2 stakes added, 9 indicators added." */
    g_print (_("Référentiel imported: %s.\n"), done);
  return 0;
}

static int
export_workbook (const char *path,
                 const char *project,
                 gboolean    kumu)
{
  g_autoptr(TissageDocument) document = open_project (project, FALSE);
  g_autoptr(GError) error = NULL;

  if (document == NULL)
    return 1;
  if (!(kumu ? tissage_kumu_export (document, path, &error)
             : tissage_referentiel_export (document, path, &error)))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}

static gboolean
requested (void)
{
  return option_import_stakeholders != NULL || option_import_referentiel != NULL ||
         option_export_kumu != NULL || option_export_referentiel != NULL;
}

static const char *
no_project_message (void)
{
  return _("Name exactly one project to import into or export from.");
}

static int
run (const char *project)
{
  int status = 0;

  if (option_import_stakeholders != NULL)
    status = import_stakeholders (option_import_stakeholders, project);
  if (status == 0 && option_import_referentiel != NULL)
    status = import_referentiel (option_import_referentiel, project);
  if (status == 0 && option_export_kumu != NULL)
    status = export_workbook (option_export_kumu, project, TRUE);
  if (status == 0 && option_export_referentiel != NULL)
    status = export_workbook (option_export_referentiel, project, FALSE);
  return status;
}

static void
clear (void)
{
  g_clear_pointer (&option_import_stakeholders, g_free);
  g_clear_pointer (&option_duplicates, g_free);
  g_clear_pointer (&option_import_referentiel, g_free);
  g_clear_pointer (&option_export_kumu, g_free);
  g_clear_pointer (&option_export_referentiel, g_free);
}

const TissageCliCommand tissage_cli_interop = {
  command_names, entries, requested, no_project_message, run, clear,
};

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tissage-cli-contribution.h"
#include "tissage-cli-private.h"
#include "tissage-contribution.h"
#include "tissage-document.h"

/* The commands of contributions: prepare one for a member structure, send
 * it the coordination's later changes, merge it back. They parse their own options, so that they stay apart from
 * the other commands. */

gboolean
tissage_contribution_commands_wanted (int    argc,
                                      char **argv)
{
  static const char * const commands[] = { "--export-contribution", "--merge", "--update-contribution" };

  for (int i = 1; i < argc; i++)
    for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
      if (g_str_equal (argv[i], commands[c]) ||
          (g_str_has_prefix (argv[i], commands[c]) && argv[i][strlen (commands[c])] == '='))
        return TRUE;

  return FALSE;
}

static char *
list_structures (TissageDocument *document)
{
  GListModel *structures = tissage_document_get_structures (document);
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (structures); i++)
    {
      g_autoptr(TissageStructure) structure = g_list_model_get_item (structures, i);

      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append_printf (names, "« %s »", tissage_structure_get_name (structure));
    }
  return g_string_free (names, FALSE);
}

static TissageStructure *
find_structure (TissageDocument *document,
                const char      *name)
{
  GListModel *structures = tissage_document_get_structures (document);
  g_autofree char *wanted = g_utf8_casefold (name, -1);
  TissageStructure *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (structures) && found == NULL; i++)
    {
      g_autoptr(TissageStructure) structure = g_list_model_get_item (structures, i);
      g_autofree char *folded = g_utf8_casefold (tissage_structure_get_name (structure), -1);

      if (g_str_equal (folded, wanted))
        found = structure;
    }
  return found;
}

static int
export_contribution (const char *output,
                     const char *structure_name,
                     const char *input)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (input);
  g_autoptr(GFile) destination = g_file_new_for_commandline_arg (output);
  g_autoptr(TissageDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_filename_display_basename (output);
  TissageStructure *structure;

  if (structure_name == NULL)
    {
      g_printerr ("%s\n", _("Name the member structure the contribution is for with --structure NAME."));
      return 2;
    }

  /* Opened for editing when it can be, so that the project remembers the
   * copy sent (the follow-up of contributions); read-only it is sent all
   * the same. */
  document = tissage_document_open (file, NULL);
  if (document == NULL)
    document = tissage_document_open_for_reading (file, &error);
  if (document == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  structure = find_structure (document, structure_name);
  if (structure == NULL)
    {
      g_autofree char *names = list_structures (document);

      g_printerr (_("The project has no member structure “%s”. Its structures: %s.\n"), structure_name, names);
      return 2;
    }

  if (!tissage_contribution_export (document, tissage_record_get_id (TISSAGE_RECORD (structure)),
                                    destination, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  g_print (_("Contribution of “%s” written to “%s”.\n"), tissage_structure_get_name (structure), name);
  return 0;
}

static int
merge_contribution (const char *contribution,
                    gboolean    dry_run,
                    const char *prefer_name,
                    const char *input)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (input);
  g_autoptr(GFile) source = g_file_new_for_commandline_arg (contribution);
  g_autoptr(TissageDocument) document = NULL;
  g_autoptr(TissageMerge) merge = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  TissageMergeChoice prefer = TISSAGE_MERGE_CHOICE_NONE;
  guint n_conflicts;

  if (prefer_name != NULL && g_str_equal (prefer_name, "contribution"))
    prefer = TISSAGE_MERGE_CHOICE_CONTRIBUTION;
  else if (prefer_name != NULL && g_str_equal (prefer_name, "project"))
    prefer = TISSAGE_MERGE_CHOICE_PROJECT;
  else if (prefer_name != NULL)
    {
      g_printerr (_("Unknown choice “%s”: use --prefer contribution or --prefer project.\n"), prefer_name);
      return 2;
    }

  if (!g_file_query_exists (source, NULL))
    {
      g_autofree char *name = g_file_get_parse_name (source);

      g_printerr (_("The file “%s” does not exist.\n"), name);
      return 2;
    }
  if (!g_file_query_exists (file, NULL))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_printerr (_("The project “%s” does not exist.\n"), name);
      return 2;
    }

  document = tissage_cli_open_project (file, !dry_run);
  if (document == NULL)
    return 1;

  merge = tissage_merge_prepare (document, source, &error);
  if (merge == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  summary = tissage_merge_dup_summary (merge);
  g_print ("%s", summary);

  n_conflicts = tissage_merge_get_conflicts (merge)->len;
  if (dry_run)
    {
      g_print ("%s\n", _("Dry run: nothing was merged."));
      return 0;
    }
  if (n_conflicts > 0 && prefer == TISSAGE_MERGE_CHOICE_NONE)
    {
      g_printerr (g_dngettext (NULL,
                               "%u conflict: nothing was merged. Choose with --prefer contribution or --prefer project.\n",
                               "%u conflicts: nothing was merged. Choose with --prefer contribution or --prefer project.\n",
                               n_conflicts), n_conflicts);
      return 1;
    }

  if (!tissage_merge_apply (merge, prefer, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (tissage_merge_get_n_left_out (merge) > 0)
    g_print (g_dngettext (NULL, "%u row left out: what it refers to is no longer in the project.\n",
                          "%u rows left out: what they refer to is no longer in the project.\n",
                          tissage_merge_get_n_left_out (merge)),
             tissage_merge_get_n_left_out (merge));
  if (tissage_merge_get_n_changes (merge) == 0)
    g_print ("%s\n", _("Nothing was changed."));
  else
    g_print ("%s\n", tissage_merge_is_full_copy (merge) ? _("The other copy is merged.") : _("The contribution is merged."));
  return 0;
}

static int
update_contribution (const char *contribution,
                     const char *input)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (input);
  g_autoptr(GFile) copy = g_file_new_for_commandline_arg (contribution);
  g_autoptr(TissageDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_filename_display_basename (contribution);
  guint left_out = 0;

  if (!g_file_query_exists (copy, NULL))
    {
      g_autofree char *shown = g_file_get_parse_name (copy);

      g_printerr (_("The file “%s” does not exist.\n"), shown);
      return 2;
    }
  if (!g_file_query_exists (file, NULL))
    {
      g_autofree char *shown = g_file_get_parse_name (file);

      g_printerr (_("The project “%s” does not exist.\n"), shown);
      return 2;
    }

  /* The project is only read, but remembers the update it sent when it
   * can be opened for editing. */
  document = tissage_document_open (file, NULL);
  if (document == NULL)
    document = tissage_document_open_for_reading (file, &error);
  if (document == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (!tissage_contribution_update (document, copy, &left_out, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (left_out > 0)
    g_print (g_dngettext (NULL, "%u row left out: what it refers to is not in the contribution.\n",
                          "%u rows left out: what they refer to is not in the contribution.\n", left_out),
             left_out);
  g_print (_("The contribution “%s” now has the référentiel, the guides and the periods of the project; its structure’s work is kept.\n"),
           name);
  return 0;
}

/* The options of these commands, as --help lists them; each run fills
 * in where their values go. */
enum { OPT_EXPORT, OPT_STRUCTURE, OPT_MERGE, OPT_UPDATE, OPT_DRY_RUN, OPT_PREFER, OPT_FILES, N_OPTIONS };

static const GOptionEntry contribution_entries[N_OPTIONS + 1] = {
  [OPT_EXPORT] = { "export-contribution", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write to OUT the contribution of one member structure of FILE (with --structure) and quit"), N_("OUT") },
  [OPT_STRUCTURE] = { "structure", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("The member structure named NAME"), N_("NAME") },
  [OPT_MERGE] = { "merge", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Merge into FILE the contribution CONTRIB, or another full copy of the same project, and quit"), N_("CONTRIB") },
  [OPT_UPDATE] = { "update-contribution", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Send to the contribution CONTRIB the référentiel, the guides and the periods of FILE as they are now, keeping its structure’s work, and quit"), N_("CONTRIB") },
  [OPT_DRY_RUN] = { "dry-run", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Say what the merge would do, without changing FILE"), NULL },
  [OPT_PREFER] = { "prefer", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Settle the merge’s conflicts with the values of the contribution (or of the other copy) or of the project"), N_("contribution|project") },
  [OPT_FILES] = { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, NULL },
  [N_OPTIONS] = { NULL },
};

const GOptionEntry *
tissage_contribution_commands_get_entries (void)
{
  return contribution_entries;
}

int
tissage_contribution_commands_run (int    argc,
                                   char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *export_path = NULL;
  g_autofree char *merge_path = NULL;
  g_autofree char *update_path = NULL;
  g_autofree char *structure = NULL;
  g_autofree char *prefer = NULL;
  gboolean dry_run = FALSE;
  g_auto(GStrv) files = NULL;
  g_auto(GStrv) args = g_strdupv (argv);
  GOptionEntry entries[N_OPTIONS + 1];

  memcpy (entries, contribution_entries, sizeof entries);
  entries[OPT_EXPORT].arg_data = &export_path;
  entries[OPT_STRUCTURE].arg_data = &structure;
  entries[OPT_MERGE].arg_data = &merge_path;
  entries[OPT_UPDATE].arg_data = &update_path;
  entries[OPT_DRY_RUN].arg_data = &dry_run;
  entries[OPT_PREFER].arg_data = &prefer;
  entries[OPT_FILES].arg_data = &files;

  context = g_option_context_new (_("FILE"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse_strv (context, &args, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  if ((export_path != NULL) + (merge_path != NULL) + (update_path != NULL) > 1)
    {
      g_printerr ("%s\n", _("Prepare a contribution, update one or merge one: one at a time."));
      return 2;
    }

  if (files == NULL || g_strv_length (files) != 1)
    {
      g_printerr ("%s\n", merge_path != NULL ? _("Name exactly one project to merge the contribution into.")
                           : update_path != NULL ? _("Name exactly one project to update the contribution from.")
                           : _("Name exactly one project to prepare the contribution from."));
      return 2;
    }

  if (update_path != NULL)
    return update_contribution (update_path, files[0]);
  if (merge_path != NULL)
    return merge_contribution (merge_path, dry_run, prefer, files[0]);
  return export_contribution (export_path, structure, files[0]);
}

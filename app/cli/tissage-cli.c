/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tissage-cli.h"
#include "tissage-cli-contribution.h"
#include "tissage-cli-private.h"

/* In the order --help lists their options. */
static const TissageCliCommand * const commands[] = {
  &tissage_cli_exports,
  &tissage_cli_checks,
  &tissage_cli_imports,
  &tissage_cli_interop,
  &tissage_cli_kobo,
  &tissage_cli_qdpx,
  &tissage_cli_network,
};

/* What runs when no other group is asked for; the others are tried in
 * the order of the table. */
static const TissageCliCommand * const fallback = &tissage_cli_exports;

TissageDocument *
tissage_cli_open_project (GFile    *file,
                          gboolean  writing)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = NULL;

  /* Reading writes nothing, so it needs no lock either. */
  document = writing ? tissage_document_open (file, &error) : tissage_document_open_for_reading (file, &error);
  if (document == NULL)
    {
      g_printerr ("%s\n", error->message);
      return NULL;
    }
  if (writing && tissage_document_get_read_only (document))
    {
      g_printerr ("%s\n", tissage_document_get_read_only_reason (document));
      return NULL;
    }
  return g_steal_pointer (&document);
}

static void
append_help_entries (GArray             *entries,
                     const GOptionEntry *group)
{
  for (guint e = 0; group[e].long_name != NULL; e++)
    {
      GOptionEntry entry = group[e];
      gboolean listed = g_str_equal (entry.long_name, G_OPTION_REMAINING);

      for (guint k = 0; k < entries->len && !listed; k++)
        listed = g_str_equal (g_array_index (entries, GOptionEntry, k).long_name, entry.long_name);
      if (listed)
        continue;
      entry.arg_data = NULL;
      g_array_append_val (entries, entry);
    }
}

void
tissage_cli_append_help_entries (GArray *entries)
{
  g_return_if_fail (entries != NULL);

  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    append_help_entries (entries, commands[c]->entries);
  append_help_entries (entries, tissage_contribution_commands_get_entries ());
}

gboolean
tissage_cli_wanted (int    argc,
                    char **argv)
{
  /* Contributions parse options of their own (their --structure is not
   * the export's). */
  if (tissage_contribution_commands_wanted (argc, argv))
    return TRUE;

  for (int i = 1; i < argc; i++)
    for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
      for (guint n = 0; commands[c]->names[n] != NULL; n++)
        {
          const char *name = commands[c]->names[n];

          if (g_str_equal (argv[i], name) ||
              (g_str_has_prefix (argv[i], name) && argv[i][strlen (name)] == '='))
            return TRUE;
        }

  return FALSE;
}

static const TissageCliCommand *
requested_command (void)
{
  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    if (commands[c] != fallback && commands[c]->requested ())
      return commands[c];

  return fallback;
}

static void
clear_commands (void)
{
  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    commands[c]->clear ();
}

int
tissage_cli_run (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) entries = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));
  g_auto(GStrv) files = NULL;
  g_auto(GStrv) args = g_strdupv (argv);
  const GOptionEntry remaining = { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL };
  const TissageCliCommand *command;
  int status;

  if (tissage_contribution_commands_wanted (argc, argv))
    return tissage_contribution_commands_run (argc, argv);

  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    for (guint e = 0; commands[c]->entries[e].long_name != NULL; e++)
      g_array_append_val (entries, commands[c]->entries[e]);
  g_array_append_val (entries, remaining);

  context = g_option_context_new (_("FILE"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, (const GOptionEntry *) entries->data, GETTEXT_PACKAGE);

  if (!g_option_context_parse_strv (context, &args, &error))
    {
      g_printerr ("%s\n", error->message);
      clear_commands ();
      return 2;
    }

  command = requested_command ();
  if (files == NULL || g_strv_length (files) != 1)
    {
      g_printerr ("%s\n", command->no_project_message ());
      clear_commands ();
      return 2;
    }

  status = command->run (files[0]);
  clear_commands ();
  return status;
}

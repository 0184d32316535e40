/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "tissage-cli-private.h"
#include "tissage-document.h"

/* --check and --repair: what the window would make of a file, and a
 * clean copy of it. */

static gboolean option_check;
static char *option_repair_path;

static const char * const command_names[] = { "--check", "--repair", NULL };

static const GOptionEntry entries[] = {
  { "check", 0, 0, G_OPTION_ARG_NONE, &option_check,
    N_("Say whether FILE opens for editing (exit 0), only read-only (2) or not at all (1), without changing it"), NULL },
  { "repair", 0, 0, G_OPTION_ARG_FILENAME, &option_repair_path,
    N_("Write to OUT a clean copy of FILE, without what Tissage did not write, and quit"), N_("OUT") },
  { NULL }
};

/* The verdict the window reaches on opening FILE: 0 it opens for editing,
 * 1 it is refused, 2 it opens read-only. */
static int
check_file (const char *input)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (input);
  g_autofree char *message = NULL;
  TissageFileVerdict verdict;

  verdict = tissage_document_check_file (file, &message);
  if (verdict == TISSAGE_FILE_OK)
    g_print ("%s\n", message);
  else
    g_printerr ("%s\n", message);

  switch (verdict)
    {
    case TISSAGE_FILE_OK:
      return 0;
    case TISSAGE_FILE_READ_ONLY:
      return 2;
    case TISSAGE_FILE_REFUSED:
    default:
      return 1;
    }
}

/* Writes OUT, a clean project holding what FILE holds that Tissage's own
 * schema accepts. */
static int
repair_file (const char *input,
             const char *output)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (input);
  g_autoptr(GFile) destination = g_file_new_for_commandline_arg (output);
  g_autoptr(TissageDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  if (g_file_equal (file, destination))
    {
      g_printerr ("%s\n", _("Write the repaired copy to another file: the project itself is never changed."));
      return 2;
    }

  document = tissage_document_open_for_reading (file, &error);
  if (document == NULL || !tissage_document_save_copy (document, destination, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  {
    g_autofree char *name = g_filename_display_name (output);

    g_print (_("The clean copy was written to “%s”.\n"), name);
  }
  /* What was left out of it, when anything was. */
  if (tissage_document_get_repaired (document))
    g_print ("%s\n", tissage_document_get_read_only_reason (document));

  return 0;
}

static gboolean
requested (void)
{
  return option_check || option_repair_path != NULL;
}

static const char *
no_project_message (void)
{
  return option_check ? _("Name exactly one project to check.")
                      : _("Name exactly one project to repair.");
}

static int
run (const char *project)
{
  if (option_check)
    return check_file (project);

  return repair_file (project, option_repair_path);
}

static void
clear (void)
{
  option_check = FALSE;
  g_clear_pointer (&option_repair_path, g_free);
}

const TissageCliCommand tissage_cli_checks = {
  command_names, entries, requested, no_project_message, run, clear,
};

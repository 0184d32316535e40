/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-cli"

#include "config.h"

#include "tissage-cli.h"
#include "tissage-document.h"

/* --new-demo FILE: the example project, for a first look and for tests.
 * An option of the application (it is listed and parsed with --version),
 * run here like the other commands. */
int
tissage_cli_new_demo (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = tissage_document_create_example (file, &error);

  if (document == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}

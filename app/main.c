/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "tissage-application.h"
#include "tissage-cli.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TissageApplication) application = NULL;
  const char *localedir = g_getenv ("TISSAGE_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (tissage_cli_wanted (argc, argv))
    return tissage_cli_run (argc, argv);

  application = tissage_application_new ();

  return g_application_run (G_APPLICATION (application), argc, argv);
}

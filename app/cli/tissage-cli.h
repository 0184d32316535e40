/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Commands that work without a display; each returns the exit status. */
gboolean tissage_cli_wanted (int    argc,
                             char **argv);
int      tissage_cli_run    (int    argc,
                             char **argv);
/* Appends to @entries (of GOptionEntry) every option of the commands, once
 * each, where its value goes left %NULL: the application's --help. */
void     tissage_cli_append_help_entries (GArray *entries);

/* --new-demo, an option of the application: writes the example project
 * to @path. Returns the exit status. */
int      tissage_cli_new_demo (const char *path);

G_END_DECLS

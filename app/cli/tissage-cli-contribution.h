/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* --export-contribution and --merge, without a display. */
gboolean tissage_contribution_commands_wanted (int    argc,
                                               char **argv);
int      tissage_contribution_commands_run    (int    argc,
                                               char **argv);
/* Their options, %NULL-terminated, where their values go left %NULL. */
const GOptionEntry *tissage_contribution_commands_get_entries (void);

G_END_DECLS

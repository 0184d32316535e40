#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* --export-contribution and --merge, without a display. */
gboolean tissage_contribution_commands_wanted (int    argc,
                                               char **argv);
int      tissage_contribution_commands_run    (int    argc,
                                               char **argv);

G_END_DECLS

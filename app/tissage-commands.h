#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Commands that work without a display; each returns the exit status. */
gboolean tissage_commands_wanted    (int    argc,
                                     char **argv);
int      tissage_commands_run       (int    argc,
                                     char **argv);

G_END_DECLS

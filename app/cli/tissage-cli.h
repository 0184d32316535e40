#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Commands that work without a display; each returns the exit status. */
gboolean tissage_cli_wanted (int    argc,
                             char **argv);
int      tissage_cli_run    (int    argc,
                             char **argv);

/* --new-demo, an option of the application: writes the example project
 * to @path. Returns the exit status. */
int      tissage_cli_new_demo (const char *path);

G_END_DECLS

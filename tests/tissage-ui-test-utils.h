#pragma once

#include <adwaita.h>

#include "tissage-application.h"
#include "tissage-window.h"

G_BEGIN_DECLS

/* What the interface suites share: the application, a temporary folder,
 * and ways to wait for the window and look at it as a user would. */
extern TissageApplication *application;
extern char *tmp_dir;

void                ui_test_init        (int          *argc,
                                         char       ***argv);
int                 ui_test_run         (void);

void                wait_frames         (guint         n);
void                wait_mapped         (GtkWidget    *widget);
/* Types @text one character at a time at the end of @editable, letting
 * the main loop run between keys as it does for a person typing. */
void                type_text           (GtkEditable  *editable,
                                         const char   *text);
/* Focuses @field, empties it as select-all and Delete do, then types @text. */
void                retype_field        (GtkWidget    *field,
                                         const char   *text);
/* Moves the focus out of @field, as clicking elsewhere does. */
void                leave_field         (GtkWidget    *field);
GtkWidget          *find_label          (GtkWidget    *widget,
                                         const char   *text);
/* The entry row titled @title, somewhere in @widget. */
GtkWidget          *find_entry_row      (GtkWidget    *widget,
                                         const char   *title);
/* The first widget of @type in @widget, itself included. */
GtkWidget          *find_child_of_type  (GtkWidget    *widget,
                                         GType         type);
AdwMessageDialog   *find_message_dialog (void);
GtkWindow          *find_toplevel       (GType         type);
/* Saves a PNG of @widget under the build folder's tests/screenshots. */
void                save_screenshot     (GtkWidget    *widget,
                                         const char   *name);
GFile              *new_project         (const char   *name);
TissageWindow      *open_window         (GFile        *file);
void                close_window        (TissageWindow *window);

G_END_DECLS

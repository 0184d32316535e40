#pragma once

#include "tissage-document-private.h"

G_BEGIN_DECLS

/* A temporary folder with the path of a project in it, removed after the test. */
typedef struct {
  char  *dir;
  GFile *file;
} Fixture;

void   fixture_setup    (Fixture       *fixture,
                         gconstpointer  data);
void   fixture_teardown (Fixture       *fixture,
                         gconstpointer  data);
void   remove_tree      (const char    *path);

/* The first column of the first row of @sql, read straight from the file. */
gint64 query_count      (TissageDocument *document,
                         const char      *sql);

/* The names in a folder, sorted, to see that nothing was left behind. */
char  *list_folder      (const char    *path);

G_END_DECLS

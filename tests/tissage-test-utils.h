/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <stdarg.h>
#include <sys/resource.h>

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

/* The text of the PDF at @path, its lines joined by spaces. */
char  *pdf_text         (const char      *path);

/* Runs the tissage command ($TISSAGE_BIN) as a user's script would. */
char  *tissage_test_run_va (int          *status,
                            char        **err,
                            const char   *language,
                            const char   *locale,
                            rlim_t        file_size,
                            const char   *first_arg,
                            va_list       args);
char  *run_tissage      (int             *status,
                         char           **err,
                         const char      *first_arg,
                         ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS

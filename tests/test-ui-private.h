/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Between the files of the ui suite (test-ui*.c: one program) only. */

/* test-ui-files.c */
void test_bad_file (void);
void test_read_only (void);
void test_foreign_file (void);
void test_detached_close_asks (void);
void test_read_only_scrolls (void);
void test_name_not_utf8 (void);
void test_same_project_through_link (void);
void test_locked_elsewhere (void);
void test_long_name (void);

/* test-ui-referentiel.c */
void test_theory_of_change_board (void);
void test_indicator_typed_values (void);
void test_referentiel (void);

/* test-ui-exports.c */
void test_map (void);
void test_export_dialog (void);
void test_export_choices (void);

G_END_DECLS

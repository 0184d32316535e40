/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include "tissage-test-utils.h"

G_BEGIN_DECLS

/* Between the files of the core suite (test-core*.c: one program) only. */

/* test-core.c */
char *fixture_path (Fixture    *fixture,
                    const char *name);
TissageDocument *new_document (Fixture *fixture);
TissageCategory *category_by_builtin (TissageDocument *document,
                                      const char      *key);

/* test-core-files.c */
void write_file (const char *path,
                 const char *contents,
                 gssize      length);
char *file_checksum (const char *path);
void test_bad_files (Fixture       *fixture,
                     gconstpointer  data);
void test_locked (Fixture       *fixture,
                  gconstpointer  data);
void test_newer_version (Fixture       *fixture,
                         gconstpointer  data);
void test_read_only_file (Fixture       *fixture,
                          gconstpointer  data);
void test_disk_full (Fixture       *fixture,
                     gconstpointer  data);
void test_background_check (Fixture       *fixture,
                            gconstpointer  data);
void test_background_check_sound (Fixture       *fixture,
                                  gconstpointer  data);
void test_create_unwritable (Fixture       *fixture,
                             gconstpointer  data);
void test_create_replaces_atomically (Fixture       *fixture,
                                      gconstpointer  data);

/* test-core-schema.c */
void test_schema_tables (Fixture       *fixture,
                         gconstpointer  data);
void test_defaults (Fixture       *fixture,
                    gconstpointer  data);
void test_migration_v0 (Fixture       *fixture,
                        gconstpointer  data);
void test_migration_steps (Fixture       *fixture,
                           gconstpointer  data);
void test_migration_consent (Fixture       *fixture,
                             gconstpointer  data);
void test_privacy_people (Fixture       *fixture,
                          gconstpointer  data);
void test_privacy_rules (Fixture       *fixture,
                         gconstpointer  data);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include "tissage-test-utils.h"

G_BEGIN_DECLS

/* Between the files of the référentiel suite (test-referentiel*.c: one
 * program) only. */

/* test-referentiel-values.c */
void test_achievement (void);
void test_format_number (void);
void test_dates (void);
void test_period_dates (Fixture       *fixture,
                        gconstpointer  data);
void test_score_units (Fixture       *fixture,
                       gconstpointer  data);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define N_STRUCTURES    24
#define N_STAKEHOLDERS  2000
#define N_LINKS         6000
#define N_STAKES        6
#define N_QUESTIONS     30
#define N_EFFECTS       120
#define N_INDICATORS    600
#define N_PERIODS       4
#define N_MEASUREMENTS  50000
#define N_GRIDS         2
#define N_GRID_QUESTIONS 40
#define N_INTERVIEWS    5000
#define N_VERBATIMS     20000

/* Writes the large project of DESIGN.md at @path (a new file). */
void tissage_bench_generate_large (const char *path);

/* A copy at @path (a new file) of the large project with @scale times its
 * stakeholders, links, interviews and verbatims. Generated once and cached
 * in $G_TEST_BUILDDIR, so that each bench does not wait for it again; made
 * afresh when that variable is not set. */
void tissage_bench_copy_scaled (const char *path,
                                guint       scale);

#define TISSAGE_BENCH_SCALE 4

/* The median of @n timings; sorts @values. */
/* Deletes a project written by a benchmark, with its journals. */
void tissage_bench_remove_project (const char *path);

double tissage_bench_median (double *values,
                             guint   n);

G_END_DECLS

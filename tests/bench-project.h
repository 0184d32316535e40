#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * The large project of DESIGN.md, for the benchmarks: 24 structures,
 * 2,000 stakeholders, 6,000 links, 600 indicators, 50,000 measurements,
 * 5,000 interviews of 40 answers, 20,000 verbatims tagged with effects.
 */
#define BENCH_N_STRUCTURES   24
#define BENCH_N_STAKEHOLDERS 2000
#define BENCH_N_INDICATORS   600
#define BENCH_N_INTERVIEWS   5000

void bench_generate_large_project (const char *path);

G_END_DECLS

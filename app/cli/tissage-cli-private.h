/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <glib.h>

#include "tissage-csv.h"
#include "tissage-document.h"

G_BEGIN_DECLS

/* One group of commands of the command line (tissage-cli-*.c). Its
 * options live in its own file; the dispatcher (tissage-cli.c) parses
 * them all in one context, so that --help lists them together, and runs
 * the group they ask for. A new group is a new file and a line in the
 * table of tissage-cli.c. */
typedef struct
{
  /* The options that name the group: tissage_cli_wanted() looks for them. */
  const char * const *names;
  /* Its options, in the order --help lists them, ending with { NULL }. */
  const GOptionEntry *entries;
  /* Whether the parsed options ask for the group. */
  gboolean (*requested) (void);
  /* What to say when the command line names no single project. */
  const char *(*no_project_message) (void);
  /* Runs the group on @project and returns the exit status. */
  int (*run) (const char *project);
  /* Frees what its options were parsed into. */
  void (*clear) (void);
} TissageCliCommand;

/* --check and --repair */
extern const TissageCliCommand tissage_cli_checks;
/* --export-map, --export-xlsx and --export-report, together: the map, the workbook, then the report */
extern const TissageCliCommand tissage_cli_exports;
/* --import-interviews */
extern const TissageCliCommand tissage_cli_imports;
/* --import-stakeholders, --import-referentiel, --export-kumu, --export-referentiel */
extern const TissageCliCommand tissage_cli_interop;

/* --export-xlsform and --import-kobo */
extern const TissageCliCommand tissage_cli_kobo;
/* --export-qdpx and --export-taguette */
extern const TissageCliCommand tissage_cli_qdpx;

/* --export-network */
extern const TissageCliCommand tissage_cli_network;

/* Options more than one group reads, parsed by tissage_cli_exports. */
const char *tissage_cli_get_period     (void);
gboolean    tissage_cli_get_with_names (void);

/* Options more than one group reads, parsed by tissage_cli_imports. */
const char *tissage_cli_get_guide   (void);
gboolean    tissage_cli_get_dry_run (void);

/* Opens @file to write into it (locked, refused when read-only) or only to
 * read it, saying why on stderr when it cannot: NULL then. */
TissageDocument *tissage_cli_open_project (GFile    *file,
                                           gboolean  writing);

/* Checks, reports and applies an import of interviews into @grid. */
int         tissage_cli_run_interview_import (TissageCsvImport *import,
                                              TissageDocument  *document,
                                              TissageGrid      *grid,
                                              gboolean          dry_run);

typedef struct _TissageDocument TissageDocument;
typedef struct _TissageGrid TissageGrid;

/* The guide of @document titled @name, whatever its case and accents. */
TissageGrid *tissage_cli_find_grid  (TissageDocument *document,
                                     const char      *name);
/* The titles of the guides, for a message: "“A”, “B”". */
char        *tissage_cli_list_grids (TissageDocument *document);

G_END_DECLS

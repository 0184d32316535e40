/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <gio/gio.h>

#include "tissage-document.h"
#include "tissage-interviews.h"

G_BEGIN_DECLS

#define TISSAGE_CSV_ERROR (tissage_csv_error_quark ())

typedef enum {
  TISSAGE_CSV_ERROR_NOT_TEXT,
  TISSAGE_CSV_ERROR_EMPTY,
  TISSAGE_CSV_ERROR_UNTERMINATED,
  TISSAGE_CSV_ERROR_TOO_LARGE,
  TISSAGE_CSV_ERROR_NO_ROWS,
} TissageCsvError;

GQuark tissage_csv_error_quark (void);

#define TISSAGE_CSV_MAX_BYTES   (50 * 1024 * 1024)
#define TISSAGE_CSV_MAX_COLUMNS 1000
/* A row may hold more values than the header, which the check refuses
 * with a reason, but not without end. */
#define TISSAGE_CSV_MAX_ROW_CELLS  2000
/* As much as the document takes in one text. */
#define TISSAGE_CSV_MAX_CELL_BYTES (1024 * 1024)
/* Every row is kept with a value per column: a file of short lines under
 * a wide header would otherwise take thousands of times its size. */
#define TISSAGE_CSV_MAX_CELLS      (4 * 1000 * 1000)

/* A table read from a CSV file: the header and the rows below it, every
 * cell in UTF-8. Rows where every cell is empty are left out. */
typedef struct {
  char       separator;
  gboolean   converted;     /* the file was not UTF-8: read as Windows-1252 */
  guint      n_columns;
  GStrv      header;        /* n_columns names, never empty */
  GPtrArray *rows;          /* GStrv of n_columns cells each */
  GArray    *lines;         /* guint: each row's number in a spreadsheet (the header is 1) */
} TissageCsv;

TissageCsv *tissage_csv_parse     (const char    *data,
                                   gsize          length,
                                   GError       **error);
TissageCsv *tissage_csv_read_file (GFile         *file,
                                   GCancellable  *cancellable,
                                   GError       **error);
void        tissage_csv_free      (TissageCsv    *csv);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TissageCsv, tissage_csv_free)

/* What a column of the file fills in. */
typedef enum {
  TISSAGE_CSV_IGNORE,
  TISSAGE_CSV_QUESTION,
  TISSAGE_CSV_DATE,
  TISSAGE_CSV_INTERVIEWER,
  TISSAGE_CSV_PSEUDONYM,
  TISSAGE_CSV_STRUCTURE,     /* by name: the structure that held the interview */
  TISSAGE_CSV_CATEGORY,      /* by name: the interviewee's category */
  TISSAGE_CSV_CONSENT,       /* oui/non, 1/0, "J'accepte…" */
  TISSAGE_CSV_PERSON_STRUCTURE, /* by name: the interviewee's member structure */
  TISSAGE_CSV_OPTION,        /* 1 or 0: one choice of a multiple-choice question */
  TISSAGE_CSV_UUID,          /* a survey tool's identifier of the submission (_uuid) */
  TISSAGE_CSV_N_TARGETS
} TissageCsvTarget;

const char *tissage_csv_target_to_label (TissageCsvTarget target);

/* One line of the file with every refused cell, in French. A line is
 * left out whole (@whole) only when none of its answers can be read or
 * its values are not in their columns; otherwise it is imported with the
 * refused answers empty. */
typedef struct {
  guint     line;
  GStrv     reasons;
  gboolean  whole;
} TissageCsvRefusal;

/*
 * An import of the rows of a CSV file into interviews of one guide. It
 * keeps a copy of what it needs from the document (the guide's questions,
 * the structures, the categories), so that propose, set and check can run
 * in a worker thread while the document stays in the main thread; apply
 * runs in the main thread.
 */
typedef struct _TissageCsvImport TissageCsvImport;

/* Takes @csv. Proposes a mapping of the columns at once. */
TissageCsvImport *tissage_csv_import_new     (TissageDocument  *document,
                                              TissageGrid      *grid,
                                              TissageCsv       *csv);
void              tissage_csv_import_free    (TissageCsvImport *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TissageCsvImport, tissage_csv_import_free)

/* Frees the import and gives its table back, for an import into another guide. */
TissageCsv       *tissage_csv_import_free_to_csv (TissageCsvImport *self);
const TissageCsv *tissage_csv_import_get_csv (TissageCsvImport *self);
guint             tissage_csv_import_get_n_questions (TissageCsvImport *self);
gint64            tissage_csv_import_get_question_id (TissageCsvImport *self,
                                                      guint             index);
const char       *tissage_csv_import_get_question_text (TissageCsvImport *self,
                                                        guint             index);
/* The choices of a choice question, %NULL for another kind. */
const char * const *tissage_csv_import_get_question_choices (TissageCsvImport *self,
                                                             guint             index);
gboolean          tissage_csv_import_question_is_multiple (TissageCsvImport *self,
                                                           guint             index);
const char       *tissage_csv_import_get_grid_title (TissageCsvImport *self);
/* How many questions of the guide the proposed mapping answers. */
guint             tissage_csv_import_count_mapped_questions (TissageCsvImport *self);

/*
 * The guide whose questions the headers of @csv name most (each question
 * once, a column per choice counting for its question), or %NULL when no
 * header names a question. @csv is given back unchanged.
 * Returns: (transfer none): a guide of the document's model.
 */
TissageGrid      *tissage_csv_find_grid      (TissageDocument  *document,
                                              TissageCsv       *csv,
                                              guint            *n_matched);

void              tissage_csv_import_propose (TissageCsvImport *self);
/* @question_id for %TISSAGE_CSV_QUESTION; a question or an interview field
 * taken by another column is taken off it. */
void              tissage_csv_import_set_column (TissageCsvImport *self,
                                                 guint             column,
                                                 TissageCsvTarget  target,
                                                 gint64            question_id);
TissageCsvTarget  tissage_csv_import_get_column (TissageCsvImport *self,
                                                 guint             column,
                                                 gint64           *question_id);
/* A column that tells by 1 or 0 whether choice @choice of @question_id
 * was chosen, as KoboToolbox writes "question/choice". */
void              tissage_csv_import_set_column_option (TissageCsvImport *self,
                                                        guint             column,
                                                        gint64            question_id,
                                                        guint             choice);
guint             tissage_csv_import_get_column_choice (TissageCsvImport *self,
                                                        guint             column);
/* Texts of the questions no column answers: they stay unanswered. */
GStrv             tissage_csv_import_dup_unmapped (TissageCsvImport *self);

/*
 * The dry run: every cell of every row checked as the interview entry
 * checks it. A bad cell is refused with its reason and left empty; its
 * row is still imported unless nothing of it can be.
 * Can be cancelled; tissage_csv_import_get_progress() follows it from
 * another thread.
 */
gboolean          tissage_csv_import_check   (TissageCsvImport *self,
                                              GCancellable     *cancellable,
                                              GError          **error);
double            tissage_csv_import_get_progress (TissageCsvImport *self);
gboolean          tissage_csv_import_is_checked (TissageCsvImport *self);
guint             tissage_csv_import_get_n_accepted (TissageCsvImport *self);
/* Returns: (element-type TissageCsvRefusal): the refused rows in order. */
GPtrArray        *tissage_csv_import_get_refusals (TissageCsvImport *self);
guint             tissage_csv_import_get_n_refused_cells (TissageCsvImport *self);
guint             tissage_csv_import_get_n_refused_lines (TissageCsvImport *self);
/* Lines whose submission (%TISSAGE_CSV_UUID) the project already holds,
 * or an earlier line of the file: they are left out, never imported twice. */
guint             tissage_csv_import_get_n_already_imported (TissageCsvImport *self);
/* When the check leaves no line ready, why, in French; else %NULL. */
char             *tissage_csv_import_dup_explanation (TissageCsvImport *self);

/*
 * Inserts one interview per accepted row with its answers, as one undo
 * step "Import Answers". @structure_id is the structure that held the
 * interviews unless a column names it (0: none). Checks first if needed.
 */
gboolean          tissage_csv_import_apply   (TissageCsvImport      *self,
                                              TissageDocument       *document,
                                              gint64                 structure_id,
                                              TissageInterviewStatus status,
                                              guint                 *n_imported,
                                              GError               **error);

G_END_DECLS

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
  TISSAGE_CSV_N_TARGETS
} TissageCsvTarget;

const char *tissage_csv_target_to_label (TissageCsvTarget target);

/* One refused row with every reason, in French. */
typedef struct {
  guint  line;
  GStrv  reasons;
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
/* Texts of the questions no column answers: they stay unanswered. */
GStrv             tissage_csv_import_dup_unmapped (TissageCsvImport *self);

/*
 * The dry run: every cell of every row checked as the interview entry
 * checks it. A row with one bad cell is refused whole, with every reason.
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

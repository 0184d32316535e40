/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <sqlite3.h>
#include <xlsxwriter.h>

#include "tissage-figures.h"
#include "tissage-privacy.h"
#include "tissage-xlsx-export.h"

G_BEGIN_DECLS

/*
 * What the sheets of an export share: the workbook and its formats, the
 * document's connection (read in one transaction, from any thread), the
 * small tables every sheet looks names up in, and the progress.
 */

typedef struct
{
  const char *title;      /* translated */
  double      min_width;  /* in characters */
  double      max_width;
} TissageXlsxColumn;

/* Rows are written in order (constant memory mode): @row only grows. */
typedef struct
{
  lxw_worksheet *worksheet;
  lxw_row_t      row;
  lxw_row_t      header_row;
  guint          n_columns;
  const TissageXlsxColumn *columns;
  double        *width;      /* of the widest content so far */
  double        *header_width;  /* that the words of the column's title need */
  guint          row_lines;  /* of the tallest wrapped cell of the row */
  guint          row_level;  /* outline level of the row */
  gboolean       landscape;  /* printed across however narrow */
  gboolean       whole_sheet;  /* printed whole, charts beside the tables included */
  gboolean       unfrozen;   /* the header scrolls away with the rows */
} TissageXlsxSheet;

typedef struct
{
  gint64  id;
  char   *label;
  char   *start;   /* YYYY-MM-DD, or empty */
  char   *end;
} TissageXlsxPeriod;

typedef struct
{
  gint64   id;
  char    *title;
  char    *unit;
  int      type;
  int      nature;
  gboolean has_target;  /* its own, or one of a period's */
  double   target;      /* its own, NAN if none */
  double  *targets;     /* what each period of ->periods counts against, NAN if none */
  gboolean has_baseline;
  double   baseline;
  int      consolidation;
  gint64   scope_structure_id;
  TissageDirection direction;
  double  *values;   /* collective-wide value per period of ->periods, NAN if none */
  TissageCountedValue *counted;  /* the same, with where each comes from */
} TissageXlsxIndicator;

/* A guide whose interviews have a sheet of their own. */
typedef struct
{
  gint64  id;
  char   *title;
  char   *sheet_name;   /* unique in the workbook, as Excel takes it */
} TissageXlsxGuide;

typedef struct
{
  lxw_workbook                   *workbook;
  sqlite3                        *db;
  const TissageXlsxExportOptions *options;
  GCancellable                   *cancellable;
  TissageXlsxProgressFunc         progress;
  gpointer                        progress_data;
  guint64                         rows_total;
  guint64                         rows_done;
  double                          reported;
  TissageXlsxStats                stats;
  GError                         *error;

  lxw_format *title;
  lxw_format *subtitle;
  lxw_format *section;
  lxw_format *header;
  lxw_format *group;
  lxw_format *label;
  lxw_format *text;
  lxw_format *wrap;
  lxw_format *date;
  lxw_format *integer;
  lxw_format *decimal;
  lxw_format *percent;
  lxw_format *levels[4];

  GPtrArray         *periods;      /* TissageXlsxPeriod, all, in order */
  TissageXlsxPeriod *period;       /* the one reported on, or NULL for all */
  guint              last_period;  /* index of the last period shown */
  GPtrArray         *indicators;   /* TissageXlsxIndicator, framework order */
  GHashTable        *indicator_index;  /* id → TissageXlsxIndicator */
  GHashTable        *structures;   /* id → name */
  GHashTable        *categories;   /* id → name */
  GHashTable        *interviewed;  /* ids of stakeholders someone interviewed */
  TissageFigures     figures;      /* of the period reported on */
  TissagePrivacy    *privacy;      /* who is masked, whose words go out */
  gboolean           with_map;     /* a map is to go above the stakeholders */
  guint              map_rows;     /* the rows above the stakeholders that it takes */
} TissageXlsxExport;

/* Rows of the whole export that go before writing the file itself. */
#define TISSAGE_XLSX_WRITE_SHARE 0.7

/* Percentages as French readers write them: 92 %, a no-break space
 * before the sign (the workbook is French whatever Excel's language). */
#define TISSAGE_XLSX_PERCENT_FORMAT "0\"\u00a0\"%"

/* The order of the référentiel, for ORDER BY, with tables aliased s, q, e, i. */
#define TISSAGE_XLSX_EFFECT_ORDER \
  "s.position, s.id, q.position, q.id, e.position, e.id"
#define TISSAGE_XLSX_FRAMEWORK_ORDER \
  TISSAGE_XLSX_EFFECT_ORDER ", i.position, i.id"

/* tissage-xlsx-writer.c: the tables every sheet reads, statements */
gboolean      tissage_xlsx_export_load        (TissageXlsxExport        *export);
void          tissage_xlsx_export_clear       (TissageXlsxExport        *export);
gboolean      tissage_xlsx_check              (TissageXlsxExport        *export);
sqlite3_stmt *tissage_xlsx_prepare            (TissageXlsxExport        *export,
                                               const char               *sql);
gboolean      tissage_xlsx_step               (TissageXlsxExport        *export,
                                               sqlite3_stmt             *stmt);
const char   *tissage_xlsx_column_text        (sqlite3_stmt             *stmt,
                                               int                       column);
void          tissage_xlsx_bind_period        (TissageXlsxExport        *export,
                                               sqlite3_stmt             *stmt,
                                               int                       first);
/* The target @period (an index in ->periods; -1: none) counts against. */
double        tissage_xlsx_indicator_target   (const TissageXlsxIndicator *indicator,
                                               int                       period);
/* The rate of achievement of @achieved, as tissage_indicator_achievement()
 * gives it for every screen: %FALSE without one. */
gboolean      tissage_xlsx_indicator_rate     (const TissageXlsxIndicator *indicator,
                                               int                       period,
                                               double                    achieved,
                                               TissageAchievement       *achievement);
/* Says that @indicator's value went back behind its baseline, so that its
 * rate counts 0 %, followed by @comment when there is one. */
char         *tissage_xlsx_went_back          (const TissageXlsxIndicator *indicator,
                                               const char               *comment);
const char   *tissage_xlsx_lookup_name        (GHashTable               *names,
                                               sqlite3_stmt             *stmt,
                                               int                       column);
gboolean      tissage_xlsx_is_masked          (TissageXlsxExport        *export,
                                               gint64                    stakeholder_id);
char         *tissage_xlsx_interviewee_label  (TissageXlsxExport        *export,
                                               gint64                    interview_id,
                                               const char               *stakeholder_name,
                                               const char               *pseudonym);
gboolean      tissage_xlsx_keeps_interview    (TissageXlsxExport        *export,
                                               gint64                    interview_id);
const char   *tissage_xlsx_structure_beside   (TissageXlsxExport        *export,
                                               gint64                    interview_id,
                                               gint64                    category_id,
                                               sqlite3_stmt             *stmt,
                                               int                       column);
void          tissage_xlsx_bind_structure     (TissageXlsxExport        *export,
                                               sqlite3_stmt             *stmt,
                                               int                       index);
guint         tissage_xlsx_count_left_out     (TissageXlsxExport        *export);
const char   *tissage_xlsx_hidden_name        (void);

/* tissage-xlsx-writer-sheet.c: a sheet: name, rows, header, widths, printing */
void          tissage_xlsx_sheet_init         (TissageXlsxExport        *export,
                                               TissageXlsxSheet         *sheet,
                                               lxw_worksheet            *worksheet,
                                               const TissageXlsxColumn  *columns,
                                               guint                     n_columns);
void          tissage_xlsx_sheet_clear        (TissageXlsxSheet         *sheet);
void          tissage_xlsx_write_header       (TissageXlsxExport        *export,
                                               TissageXlsxSheet         *sheet);
void          tissage_xlsx_sheet_finish       (TissageXlsxExport        *export,
                                               TissageXlsxSheet         *sheet,
                                               guint                     n_filtered);
gboolean      tissage_xlsx_next_row           (TissageXlsxExport        *export,
                                               TissageXlsxSheet         *sheet);
char         *tissage_xlsx_sheet_name         (const char               *title,
                                               const char               *fallback,
                                               GPtrArray                *taken);

/* tissage-xlsx-writer-cells.c: writing a cell */
void          tissage_xlsx_note_lxw_error     (TissageXlsxExport        *export,
                                               lxw_error                 status);
double        tissage_xlsx_char_width         (gunichar                  c);
guint         tissage_xlsx_wrapped_lines      (const char               *text,
                                               double                    width);
gboolean      tissage_xlsx_is_unwritable      (gunichar                  c);
const char   *tissage_xlsx_clean_text         (const char               *text,
                                               gboolean                  in_cell,
                                               char                    **copy);
void          tissage_xlsx_put_text           (TissageXlsxExport        *export,
                                               TissageXlsxSheet         *sheet,
                                               lxw_col_t                 column,
                                               const char               *text,
                                               lxw_format               *format);
void          tissage_xlsx_put_number         (TissageXlsxExport        *export,
                                               TissageXlsxSheet         *sheet,
                                               lxw_col_t                 column,
                                               double                    value,
                                               lxw_format               *format);
void          tissage_xlsx_put_value          (TissageXlsxExport        *export,
                                               TissageXlsxSheet         *sheet,
                                               lxw_col_t                 column,
                                               double                    value);
void          tissage_xlsx_put_date           (TissageXlsxExport        *export,
                                               TissageXlsxSheet         *sheet,
                                               lxw_col_t                 column,
                                               const char               *iso_date);
void          tissage_xlsx_put_yes_no         (TissageXlsxExport        *export,
                                               TissageXlsxSheet         *sheet,
                                               lxw_col_t                 column,
                                               gboolean                  yes);

/* tissage-xlsx-sheet-framework.c */
gboolean      tissage_xlsx_write_framework    (TissageXlsxExport        *export,
                                               lxw_worksheet            *worksheet);

/* tissage-xlsx-sheet-interviews.c */
void          tissage_xlsx_guide_free         (TissageXlsxGuide         *guide);
GPtrArray    *tissage_xlsx_list_guides        (TissageXlsxExport        *export);
gboolean      tissage_xlsx_write_interviews   (TissageXlsxExport        *export,
                                               lxw_worksheet            *worksheet,
                                               const TissageXlsxGuide   *guide);

/* tissage-xlsx-sheet-measures.c */
gboolean      tissage_xlsx_write_measures     (TissageXlsxExport        *export,
                                               lxw_worksheet            *worksheet);

/* tissage-xlsx-sheet-stakeholders.c */
gboolean      tissage_xlsx_write_stakeholders (TissageXlsxExport        *export,
                                               lxw_worksheet            *worksheet);
void          tissage_xlsx_insert_map         (TissageXlsxExport        *export,
                                               lxw_worksheet            *worksheet,
                                               GBytes                   *png);

/* tissage-xlsx-sheet-cooperation.c */
gboolean      tissage_xlsx_write_cooperation  (TissageXlsxExport        *export,
                                               lxw_worksheet            *worksheet);

/* tissage-xlsx-sheet-verbatims.c */
gboolean      tissage_xlsx_write_verbatims    (TissageXlsxExport        *export,
                                               lxw_worksheet            *worksheet);

/* tissage-xlsx-synthesis.c */
gboolean      tissage_xlsx_write_synthesis    (TissageXlsxExport        *export,
                                               lxw_worksheet            *worksheet);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <pango/pangocairo.h>
#include <sqlite3.h>

#include "tissage-chart-render.h"
#include "tissage-figures.h"
#include "tissage-map-model.h"
#include "tissage-report.h"

G_BEGIN_DECLS

/* Between the files of the report (tissage-report-*.c) only:
 * - tissage-report-data.c reads the project into a TissageReportData;
 * - tissage-report-typography.c: French typography, fonts and text blocks;
 * - tissage-report-sections.c turns the data into blocks, section by section;
 * - tissage-report-layout.c paginates the blocks and draws the pages;
 * - tissage-report.c: the object, the PDF and its metadata. */

/* What was read */

typedef struct
{
  gint64  id;
  char   *label;
  char   *start;   /* YYYY-MM-DD or empty */
  char   *end;
} ReportPeriod;

typedef struct
{
  gint64              id;
  char               *title;
  char               *definition;
  char               *unit;
  char               *source;
  TissageIndicatorType type;
  TissageNature       nature;
  TissageDirection    direction;
  double              baseline;      /* NaN when none */
  double              target;        /* the indicator's own, NaN when none */
  char               *target_text;
  double             *values;        /* per period, of the scope reported on */
  double             *collective;    /* per period, of the whole collective, or NULL */
  TissageCountedValue *counted;      /* per period, where values[] come from */
  char               *text_value;    /* qualitative: the period's text */
} ReportIndicator;

typedef struct
{
  gint64     id;
  char      *title;
  char      *description;
  TissageHorizon horizon;
  GPtrArray *indicators;    /* ReportIndicator */
} ReportEffect;

typedef struct
{
  gint64     id;
  char      *title;
  GPtrArray *effects;       /* ReportEffect */
} ReportQuestion;

typedef struct
{
  char *text;
  char *who;                /* "Personne interrogée 12 · Bénéficiaires" */
} ReportQuote;

typedef struct
{
  gint64     id;
  char      *title;
  char      *description;
  GPtrArray *questions;     /* ReportQuestion */
  GPtrArray *quotes;        /* ReportQuote, 0 to 3 */
} ReportStake;

typedef struct
{
  char  *name;
  guint  planned;
  guint  done;
} ReportCount;

typedef struct
{
  char           *name;
  char           *collective;
  char           *territory;
  char           *description;
  char           *period_label;     /* NULL: every period */
  char           *period_dates;     /* "01/01/2025 – 31/12/2025" or NULL */
  char           *structure_name;   /* NULL: the collective alone */
  char           *date;             /* of the report, in words */
  GPtrArray      *periods;          /* ReportPeriod, in their order */
  int             period_index;     /* of the period reported on, -1 for all */
  TissageFigures  figures;          /* of the scope reported on */
  TissageFigures  collective_figures; /* of the collective, with a structure */
  GPtrArray      *stakes;           /* ReportStake */
  GPtrArray      *by_category;      /* ReportCount */
  GPtrArray      *by_structure;     /* ReportCount */
  GPtrArray      *sources;          /* ReportCount: name, planned = indicators */
  guint           consents[3];
  guint           left_out;
  guint           value_sources[4]; /* TissageValueSource of the values shown */
  guint           quotes_total;
  gboolean        pseudonymise;
  TissagePeriodTargets *targets;
} TissageReportData;

TissageReportData *tissage_report_data_read  (sqlite3                    *db,
                                              const TissageReportOptions *options,
                                              GError                    **error);
void               tissage_report_data_free  (TissageReportData          *data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TissageReportData, tissage_report_data_free)

/* The value an indicator shows for the period reported on (the latest
 * for every period), the index of its period and its target there. */
double  tissage_report_indicator_value (TissageReportData     *data,
                                        const ReportIndicator *indicator,
                                        const double          *values,
                                        int                   *period_index,
                                        double                *target);

/* Typography */

typedef enum
{
  REPORT_STYLE_BODY,
  REPORT_STYLE_SMALL,
  REPORT_STYLE_CAPTION,
  REPORT_STYLE_TITLE,         /* a section's */
  REPORT_STYLE_HEADING,       /* an enjeu's, or a part of a section */
  REPORT_STYLE_SUBHEADING,    /* an effect's */
  REPORT_STYLE_QUESTION,      /* an evaluation question, in italics */
  REPORT_STYLE_QUOTE,
  REPORT_STYLE_FIGURE,        /* a key figure's number */
  REPORT_STYLE_COVER_TITLE,
  REPORT_STYLE_COVER_SUBTITLE,
  REPORT_STYLE_TABLE,
  REPORT_STYLE_TABLE_HEADER,
  REPORT_STYLE_RUNNING,       /* headers and footers */
  REPORT_N_STYLES
} ReportStyle;

/* The colours of the report. */
extern const TissageChartColor tissage_report_ink;
extern const TissageChartColor tissage_report_dim;
extern const TissageChartColor tissage_report_accent;
extern const TissageChartColor tissage_report_rule;
extern const TissageChartColor tissage_report_tint;

void    tissage_report_set_color  (cairo_t                 *cr,
                                   const TissageChartColor *color);

/* @text as French print sets it: narrow no-break spaces before « : ; ! ? »
 * and inside « », typographic apostrophes and quotes, no double spaces;
 * cut at @max_chars (0: whole) with an ellipsis. */
char   *tissage_report_typeset    (const char  *text,
                                   guint        max_chars);
/* The same, French or not whatever the translation. */
char   *tissage_report_typeset_for (const char  *text,
                                    guint        max_chars,
                                    gboolean     french);

PangoContext *tissage_report_context_new (void);
/* A layout of @text (plain, typeset here) in @style, @width wide (0:
 * unbounded), its lines at most @max_lines (0: all) and ellipsized. */
PangoLayout *tissage_report_layout  (PangoContext *context,
                                     ReportStyle   style,
                                     const char   *text,
                                     double        width,
                                     int           max_lines);
/* The same for Pango markup the caller escaped. */
PangoLayout *tissage_report_layout_markup (PangoContext *context,
                                           ReportStyle   style,
                                           const char   *markup,
                                           double        width,
                                           int           max_lines);
double   tissage_report_layout_height (PangoLayout *layout);
double   tissage_report_layout_width  (PangoLayout *layout);
void     tissage_report_show_layout   (cairo_t                 *cr,
                                       PangoLayout             *layout,
                                       double                   x,
                                       double                   y,
                                       const TissageChartColor *color);

/* Blocks: what is laid out, one after the other, down the pages */

typedef struct _ReportBlock ReportBlock;
typedef struct _TissageReportLayout TissageReportLayout;

typedef struct
{
  /* The height of @block @width wide. */
  double (*measure) (ReportBlock *block, PangoContext *context, double width);
  void   (*draw)    (ReportBlock *block, cairo_t *cr, double x, double y, double width);
} ReportBlockClass;

struct _ReportBlock
{
  const ReportBlockClass *klass;
  gpointer        data;
  GDestroyNotify  free_data;
  double          height;
  double          space_before;
  /* On the same page as the next block: a heading. */
  gboolean        keep_with_next;
  /* At the top of a new page: a section. */
  gboolean        page_break;
  /* The table header this row repeats at the top of a page it starts. */
  ReportBlock    *header;
  /* The entry of the table of contents this block is the target of, or -1. */
  int             entry;
};

ReportBlock *tissage_report_block_new   (const ReportBlockClass *klass,
                                         gpointer                data,
                                         GDestroyNotify          free_data);
void         tissage_report_block_free  (gpointer                block);

/* A paragraph of plain text, typeset. */
ReportBlock *tissage_report_text_block  (ReportStyle  style,
                                         const char  *text,
                                         guint        max_chars);
ReportBlock *tissage_report_markup_block (ReportStyle  style,
                                          const char  *markup);

/* The layout: blocks, entries of the table of contents, pages */

typedef struct
{
  char  *title;
  int    level;      /* 1 a section, 2 an enjeu */
  guint  page;       /* from 0 */
  char  *dest;
} ReportEntry;

/* Adds an entry of the table of contents; returns its index. */
int      tissage_report_layout_add_entry (TissageReportLayout *layout,
                                          const char          *title,
                                          int                  level);
void     tissage_report_layout_add_block (TissageReportLayout *layout,
                                          ReportBlock         *block);

/* tissage-report-sections.c: the blocks of each section */
void     tissage_report_build_sections  (TissageReportLayout       *layout,
                                         TissageReportData         *data,
                                         TissageMapModel           *map,
                                         const TissageReportOptions *options);

TissageReportLayout *tissage_report_layout_new   (void);
void     tissage_report_layout_free      (TissageReportLayout *layout);
/* Measures and paginates; the cover and the table of contents come first. */
void     tissage_report_layout_paginate  (TissageReportLayout *layout);
guint    tissage_report_layout_get_n_pages (TissageReportLayout *layout);
GPtrArray *tissage_report_layout_get_entries (TissageReportLayout *layout);
void     tissage_report_layout_draw_page (TissageReportLayout *layout,
                                          TissageReportData   *data,
                                          cairo_surface_t     *logo,
                                          cairo_t             *cr,
                                          guint                page);

/* The frame of the pages' content, inside the margins, below the running
 * header and above the footer. */
#define REPORT_BODY_LEFT   TISSAGE_REPORT_MARGIN
#define REPORT_BODY_WIDTH  (TISSAGE_REPORT_PAGE_WIDTH - 2 * TISSAGE_REPORT_MARGIN)
#define REPORT_BODY_TOP    (TISSAGE_REPORT_MARGIN + 28.0)
#define REPORT_BODY_BOTTOM (TISSAGE_REPORT_PAGE_HEIGHT - TISSAGE_REPORT_MARGIN - 24.0)
#define REPORT_BODY_HEIGHT (REPORT_BODY_BOTTOM - REPORT_BODY_TOP)

G_END_DECLS

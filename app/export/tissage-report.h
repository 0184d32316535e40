/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "tissage-document.h"
#include "tissage-map-layout.h"

G_BEGIN_DECLS

#define TISSAGE_REPORT_ERROR (tissage_report_error_quark ())

typedef enum
{
  TISSAGE_REPORT_ERROR_DESTINATION,
  TISSAGE_REPORT_ERROR_READ,
  TISSAGE_REPORT_ERROR_LOGO,
  TISSAGE_REPORT_ERROR_WRITE,
} TissageReportError;

/* The sections of the report after its cover and its table of contents,
 * in their order. */
typedef enum
{
  TISSAGE_REPORT_SECTION_FIGURES  = 1 << 0,
  TISSAGE_REPORT_SECTION_MAP      = 1 << 1,
  TISSAGE_REPORT_SECTION_STAKES   = 1 << 2,
  TISSAGE_REPORT_SECTION_METHODS  = 1 << 3,
  TISSAGE_REPORT_SECTION_APPENDIX = 1 << 4,
  TISSAGE_REPORT_SECTIONS_ALL     = (1 << 5) - 1,
} TissageReportSections;

/*
 * Options of a report; start from tissage_report_options_init().
 * @period_id: the period reported on, 0 for all of them (each indicator
 * by its latest value, as the key figures count it);
 * @structure_id: a member structure whose figures stand beside the
 * collective's, 0 for the collective alone;
 * @pseudonymise: the people interviewed are numbered, never named (TRUE
 * by default), as in the workbook;
 * @include_without_consent: quotes of interviews whose consent is not
 * recorded are shown too (FALSE by default);
 * @logo_path: a PNG image for the cover, or %NULL;
 * @date: the date on the cover, %NULL for today.
 */
typedef struct
{
  TissageReportSections  sections;
  gint64                 period_id;
  gint64                 structure_id;
  gboolean               pseudonymise;
  gboolean               include_without_consent;
  const char            *logo_path;
  TissageMapLayoutKind   map_layout;
  GDateTime             *date;
} TissageReportOptions;

/* An A4 page, in points. */
#define TISSAGE_REPORT_PAGE_WIDTH  595.2756
#define TISSAGE_REPORT_PAGE_HEIGHT 841.8898
/* Nothing is drawn nearer the edge of a page than this, in points (15 mm). */
#define TISSAGE_REPORT_MARGIN      42.5197

typedef struct _TissageReport TissageReport;

GQuark          tissage_report_error_quark   (void);
void            tissage_report_options_init  (TissageReportOptions       *options);
const char     *tissage_report_section_get_title (TissageReportSections   section);

/* Reads @document and lays the report out; from the thread that owns
 * @document. Drawing it then reads nothing more. */
TissageReport  *tissage_report_new           (TissageDocument            *document,
                                              const TissageReportOptions *options,
                                              GError                    **error);
void            tissage_report_free          (TissageReport              *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TissageReport, tissage_report_free)

guint           tissage_report_get_n_pages   (TissageReport              *report);
/* Draws page @page (from 0) onto @cr, whose user space is the A4 page in
 * points, origin at its top left: the PDF and the printer alike. */
void            tissage_report_draw_page     (TissageReport              *report,
                                              cairo_t                    *cr,
                                              guint                       page);
/* The PDF, replacing @path only once complete; in any one thread. */
gboolean        tissage_report_write_pdf     (TissageReport              *report,
                                              const char                 *path,
                                              GCancellable               *cancellable,
                                              GError                    **error);

gboolean        tissage_report_export        (TissageDocument            *document,
                                              const char                 *path,
                                              const TissageReportOptions *options,
                                              GError                    **error);

G_END_DECLS

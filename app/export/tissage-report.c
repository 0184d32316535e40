/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-report"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "tissage-atomic-file.h"
#include "tissage-document-private.h"
#include "tissage-map-document.h"
#include "tissage-report-private.h"

/* The report for the funders: read once from the document, laid out on
 * A4 pages, then drawn into a PDF or onto a printer's pages. */

struct _TissageReport
{
  TissageReportData   *data;
  TissageReportLayout *layout;
  TissageMapModel     *map;
  cairo_surface_t     *logo;
};

G_DEFINE_QUARK (tissage-report-error-quark, tissage_report_error)

static const struct {
  TissageReportSections  section;
  const char            *title;
} section_titles[] = {
  { TISSAGE_REPORT_SECTION_FIGURES, N_("Key figures") },
  { TISSAGE_REPORT_SECTION_MAP, N_("Stakeholder map") },
  { TISSAGE_REPORT_SECTION_STAKES, N_("Stakes, effects and indicators") },
  { TISSAGE_REPORT_SECTION_METHODS, N_("Methods") },
  { TISSAGE_REPORT_SECTION_APPENDIX, N_("Appendix: the evaluation framework") },
};

void
tissage_report_options_init (TissageReportOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->sections = TISSAGE_REPORT_SECTIONS_ALL;
  options->pseudonymise = TRUE;
  options->map_layout = TISSAGE_MAP_LAYOUT_RINGS;
}

const char *
tissage_report_section_get_title (TissageReportSections section)
{
  for (guint i = 0; i < G_N_ELEMENTS (section_titles); i++)
    if (section_titles[i].section == section)
      return _(section_titles[i].title);

  g_return_val_if_reached (NULL);
}

void
tissage_report_free (TissageReport *report)
{
  if (report == NULL)
    return;

  tissage_report_data_free (report->data);
  tissage_report_layout_free (report->layout);
  g_clear_object (&report->map);
  g_clear_pointer (&report->logo, cairo_surface_destroy);
  g_free (report);
}

static cairo_surface_t *
load_logo (const char  *path,
           GError     **error)
{
  cairo_surface_t *logo = cairo_image_surface_create_from_png (path);

  if (cairo_surface_status (logo) != CAIRO_STATUS_SUCCESS ||
      cairo_image_surface_get_width (logo) <= 0 || cairo_image_surface_get_height (logo) <= 0)
    {
      g_autofree char *name = g_filename_display_basename (path);

      cairo_surface_destroy (logo);
      g_set_error (error, TISSAGE_REPORT_ERROR, TISSAGE_REPORT_ERROR_LOGO,
                   _("The logo “%s” could not be read: choose a PNG image."), name);
      return NULL;
    }
  return logo;
}

/**
 * tissage_report_new:
 *
 * Reads @document (its figures through the core, as the Synthèse and the
 * workbook) and lays the report out. Call it from the thread that owns
 * @document; the report then draws without reading it again.
 */
TissageReport *
tissage_report_new (TissageDocument            *document,
                    const TissageReportOptions *options,
                    GError                    **error)
{
  g_autoptr(TissageReport) report = g_new0 (TissageReport, 1);
  TissageReportOptions defaults;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    {
      tissage_report_options_init (&defaults);
      options = &defaults;
    }

  if (options->logo_path != NULL && (report->logo = load_logo (options->logo_path, error)) == NULL)
    return NULL;

  report->data = tissage_report_data_read (tissage_document_get_db (document), options, error);
  if (report->data == NULL)
    return NULL;

  if (options->sections & TISSAGE_REPORT_SECTION_MAP)
    report->map = tissage_map_model_new_for_export (document, options->pseudonymise);

  report->layout = tissage_report_layout_new ();
  tissage_report_build_sections (report->layout, report->data, report->map, options);
  tissage_report_layout_paginate (report->layout);

  return g_steal_pointer (&report);
}

guint
tissage_report_get_n_pages (TissageReport *report)
{
  g_return_val_if_fail (report != NULL, 0);

  return tissage_report_layout_get_n_pages (report->layout);
}

void
tissage_report_draw_page (TissageReport *report,
                          cairo_t       *cr,
                          guint          page)
{
  g_return_if_fail (report != NULL);
  g_return_if_fail (cr != NULL);

  tissage_report_layout_draw_page (report->layout, report->data, report->logo, cr, page);
}

/* The PDF */

typedef struct
{
  TissageAtomicFile *file;
  GError            *error;
} Sink;

static cairo_status_t
sink_write (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  Sink *sink = closure;

  if (sink->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!tissage_atomic_file_write (sink->file, data, length, &sink->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

static void
set_metadata (TissageReport   *report,
              cairo_surface_t *surface)
{
  TissageReportData *data = report->data;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *subject = NULL;
  g_autofree char *title = NULL;
  const char *author = *data->collective != '\0' ? data->collective : g_get_real_name ();

  if (author == NULL || *author == '\0' || g_str_equal (author, "Unknown"))
    author = g_get_user_name ();
  if (data->period_label != NULL)
    /* TRANSLATORS: the subject of the report's PDF: "Social impact report, 2025" */
    subject = g_strdup_printf (_("Social impact report, %s"), data->period_label);
  else
    subject = g_strdup (_("Social impact report"));

  /* Set as the pages are: « l’emploi », not « l'emploi ». */
  title = tissage_report_typeset (*data->name != '\0' ? data->name : _("Impact report"), 0);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, author);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, subject);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Tissage " PACKAGE_VERSION);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, created);
}

/* The PDF's bookmarks: the sections, and the enjeux under theirs. */
static void
add_outline (TissageReport   *report,
             cairo_surface_t *surface)
{
  GPtrArray *entries = tissage_report_layout_get_entries (report->layout);
  int parent = CAIRO_PDF_OUTLINE_ROOT;

  for (guint i = 0; i < entries->len; i++)
    {
      ReportEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *link = g_strdup_printf ("dest='%s'", entry->dest);
      int id = cairo_pdf_surface_add_outline (surface, entry->level == 1 ? CAIRO_PDF_OUTLINE_ROOT : parent,
                                              entry->title, link, 0);

      if (entry->level == 1)
        parent = id;
    }
}

/* The deepest existing folder or file on the way to @dir. */
static char *
existing_ancestor (const char *dir)
{
  g_autofree char *current = g_strdup (dir);

  while (!g_file_test (current, G_FILE_TEST_EXISTS))
    {
      g_autofree char *parent = g_path_get_dirname (current);

      if (g_str_equal (parent, current))
        return NULL;
      g_free (current);
      current = g_steal_pointer (&parent);
    }
  return g_steal_pointer (&current);
}

static void
set_cannot_write_error (GError     **error,
                        const char  *dir)
{
  g_autofree char *name = g_filename_display_name (dir);

  g_set_error (error, TISSAGE_REPORT_ERROR, TISSAGE_REPORT_ERROR_DESTINATION,
               _("You cannot write in the folder “%s”: choose another one."), name);
}

static gboolean
check_destination (const char  *path,
                   GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *name = g_filename_display_basename (path);

      g_set_error (error, TISSAGE_REPORT_ERROR, TISSAGE_REPORT_ERROR_DESTINATION,
                   _("“%s” is a folder: choose a file name for the report."), name);
      return FALSE;
    }
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *found = existing_ancestor (dir);

      /* « /etc/passwd/rapport.pdf »: a file on the way, not a folder. */
      if (found != NULL && !g_file_test (found, G_FILE_TEST_IS_DIR))
        {
          g_autofree char *name = g_filename_display_name (found);

          g_set_error (error, TISSAGE_REPORT_ERROR, TISSAGE_REPORT_ERROR_DESTINATION,
                       _("“%s” is a file, not a folder: the report cannot go in it."), name);
        }
      else
        {
          g_autofree char *name = g_filename_display_name (dir);

          g_set_error (error, TISSAGE_REPORT_ERROR, TISSAGE_REPORT_ERROR_DESTINATION,
                       _("The folder “%s” does not exist."), name);
        }
      return FALSE;
    }
  if (g_access (dir, W_OK | X_OK) != 0)
    {
      set_cannot_write_error (error, dir);
      return FALSE;
    }
  return TRUE;
}

static void
set_write_error (GError     **error,
                 const char  *path,
                 GError      *cause)
{
  g_autofree char *name = g_filename_display_basename (path);
  g_autofree char *dir = g_path_get_dirname (path);

  /* The folder is there, yet no file can be made in it (/proc, a
   * read-only mount): say so, not the system's « not found ». */
  if (cause != NULL && g_file_test (dir, G_FILE_TEST_IS_DIR) &&
      (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
       g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED)))
    set_cannot_write_error (error, dir);
  else if (cause != NULL)
    /* TRANSLATORS: %s are the file name and the cause, in a few words */
    g_set_error (error, TISSAGE_REPORT_ERROR, TISSAGE_REPORT_ERROR_WRITE,
                 _("The report could not be written to “%s” (%s)."), name, cause->message);
  else
    g_set_error (error, TISSAGE_REPORT_ERROR, TISSAGE_REPORT_ERROR_WRITE,
                 _("The report could not be written to “%s”."), name);
}

/**
 * tissage_report_write_pdf:
 *
 * Writes the report as an A4 PDF at @path, with its fonts embedded, its
 * metadata, its bookmarks and the links of its table of contents. Written
 * beside @path under a hidden name, it replaces @path only once complete:
 * on an error or when @cancellable is cancelled, @path is as it was.
 * Reads nothing but @report: it may run in another thread than the one
 * that made it, one thread at a time.
 */
gboolean
tissage_report_write_pdf (TissageReport  *report,
                          const char     *path,
                          GCancellable   *cancellable,
                          GError        **error)
{
  g_autoptr(TissageAtomicFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  Sink sink = { NULL, NULL };
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  guint n_pages;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!check_destination (path, error))
    return FALSE;

  file = tissage_atomic_file_new (path, &local_error);
  if (file == NULL)
    {
      set_write_error (error, path, local_error);
      return FALSE;
    }
  sink.file = file;

  surface = cairo_pdf_surface_create_for_stream (sink_write, &sink, TISSAGE_REPORT_PAGE_WIDTH,
                                                 TISSAGE_REPORT_PAGE_HEIGHT);
  set_metadata (report, surface);
  cr = cairo_create (surface);
  n_pages = tissage_report_get_n_pages (report);
  for (guint page = 0; page < n_pages && cairo_status (cr) == CAIRO_STATUS_SUCCESS; page++)
    {
      if (g_cancellable_is_cancelled (cancellable))
        break;
      tissage_report_draw_page (report, cr, page);
      cairo_show_page (cr);
    }
  add_outline (report, surface);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  /* Cancelled: nothing is left, the old file stays. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_clear_error (&sink.error);
      tissage_atomic_file_abort (file);
      return FALSE;
    }

  if (status != CAIRO_STATUS_SUCCESS || sink.error != NULL)
    {
      if (sink.error == NULL)
        g_debug ("cairo: %s", cairo_status_to_string (status));
      set_write_error (error, path, sink.error);
      g_clear_error (&sink.error);
      tissage_atomic_file_abort (file);
      return FALSE;
    }

  if (!tissage_atomic_file_commit (file, &local_error))
    {
      set_write_error (error, path, local_error);
      return FALSE;
    }

  return TRUE;
}

gboolean
tissage_report_export (TissageDocument            *document,
                       const char                 *path,
                       const TissageReportOptions *options,
                       GError                    **error)
{
  g_autoptr(TissageReport) report = NULL;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!check_destination (path, error))
    return FALSE;
  report = tissage_report_new (document, options, error);
  if (report == NULL)
    return FALSE;
  return tissage_report_write_pdf (report, path, NULL, error);
}

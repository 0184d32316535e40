/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-export"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <glib/gstdio.h>
#include <string.h>
#include <time.h>

#include "tissage-atomic-file.h"
#include "tissage-document-private.h"
#include "tissage-map-document.h"
#include "tissage-map-export.h"
#include "tissage-xlsx-export.h"
#include "tissage-xlsx-writer-private.h"

/* The map as inserted: drawn larger than it is shown (960 pixels wide),
 * so that it stays sharp when printed or zoomed, but not so large that
 * drawing it weighs on the export of a large project. */
#define MAP_WIDTH  1600
#define MAP_HEIGHT 1000
#define MAP_SCALE  1.0

G_DEFINE_QUARK (tissage-xlsx-error-quark, tissage_xlsx_error)

static const struct {
  TissageXlsxSheets  sheet;
  const char        *title;
  gboolean         (*write) (TissageXlsxExport *export,
                             lxw_worksheet     *worksheet);
} sheets[TISSAGE_XLSX_N_SHEETS] = {
  /* TRANSLATORS: sheet names of the workbook: at most 31 characters, none of [ ] : * ? / \ */
  { TISSAGE_XLSX_SHEET_SYNTHESIS, N_("Summary"), tissage_xlsx_write_synthesis },
  { TISSAGE_XLSX_SHEET_FRAMEWORK, N_("Framework"), tissage_xlsx_write_framework },
  { TISSAGE_XLSX_SHEET_MEASURES, N_("Measures"), tissage_xlsx_write_measures },
  { TISSAGE_XLSX_SHEET_STAKEHOLDERS, N_("Stakeholders"), tissage_xlsx_write_stakeholders },
  /* A sheet per guide, named after it; so named when there is none. */
  { TISSAGE_XLSX_SHEET_INTERVIEWS, N_("Interviews"), NULL },
  { TISSAGE_XLSX_SHEET_VERBATIMS, N_("Verbatims"), tissage_xlsx_write_verbatims },
  { TISSAGE_XLSX_SHEET_COOPERATION, N_("Cooperation"), tissage_xlsx_write_cooperation },
};

/* A worksheet of the workbook, in the order of the tabs. */
typedef struct
{
  guint                   table;   /* index in sheets[] */
  const TissageXlsxGuide *guide;   /* of a sheet of interviews, or NULL */
  lxw_worksheet          *worksheet;
} PlannedSheet;

void
tissage_xlsx_export_options_init (TissageXlsxExportOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->sheets = TISSAGE_XLSX_SHEETS_ALL;
  options->pseudonymise = TRUE;
  options->map_layout = TISSAGE_MAP_LAYOUT_RINGS;
}

const char *
tissage_xlsx_sheet_get_title (TissageXlsxSheets sheet)
{
  for (guint i = 0; i < G_N_ELEMENTS (sheets); i++)
    if (sheets[i].sheet == sheet)
      return _(sheets[i].title);

  g_return_val_if_reached (NULL);
}

/* Destination */

/* A French sentence naming a folder by its path, a file by its name. */
#define set_error_for(error, code, format, path, display) \
  G_STMT_START { \
    g_autofree char *display_name_ = display (path); \
    g_set_error (error, TISSAGE_XLSX_ERROR, code, format, display_name_); \
  } G_STMT_END
#define set_folder_error(error, code, format, path) \
  set_error_for (error, code, format, path, g_filename_display_name)
#define set_destination_error(error, code, format, path) \
  set_error_for (error, code, format, path, g_filename_display_basename)

static gboolean
lock_file_exists (const char *dir,
                  const char *base,
                  const char *prefix,
                  const char *suffix)
{
  g_autofree char *name = g_strconcat (prefix, base, suffix, NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/**
 * tissage_xlsx_check_destination:
 *
 * Whether a workbook can be written at @path, with a French sentence saying
 * why not: @path is a folder, its folder is missing or cannot be written
 * in, or the file is open in LibreOffice or Excel (their lock files beside
 * it tell), which would keep the old one on screen or refuse it.
 */
gboolean
tissage_xlsx_check_destination (const char  *path,
                                GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      set_destination_error (error, TISSAGE_XLSX_ERROR_DESTINATION,
                             _("“%s” is a folder: choose a file name for the workbook."), path);
      return FALSE;
    }

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      set_folder_error (error, TISSAGE_XLSX_ERROR_DESTINATION,
                             _("The folder “%s” does not exist."), dir);
      return FALSE;
    }

  if (g_access (dir, W_OK | X_OK) != 0)
    {
      set_folder_error (error, TISSAGE_XLSX_ERROR_DESTINATION,
                             _("You cannot write in the folder “%s”: choose another one."), dir);
      return FALSE;
    }

  if (g_file_test (path, G_FILE_TEST_EXISTS) && g_access (path, W_OK) != 0)
    {
      set_destination_error (error, TISSAGE_XLSX_ERROR_DESTINATION,
                             _("“%s” is write-protected: choose another name."), path);
      return FALSE;
    }

  if (lock_file_exists (dir, base, ".~lock.", "#") || lock_file_exists (dir, base, "~$", ""))
    {
      set_destination_error (error, TISSAGE_XLSX_ERROR_OPEN_ELSEWHERE,
                             _("“%s” is open in another program: close it there, then export again."), path);
      return FALSE;
    }

  return TRUE;
}

/**
 * tissage_xlsx_export_count_left_out:
 *
 * How many interviews the export of @options leaves out for want of
 * recorded consent, as its synthesis sheet says: for the window and the
 * command line to tell. Call it from the thread that owns @document.
 */
guint
tissage_xlsx_export_count_left_out (TissageDocument                *document,
                                    const TissageXlsxExportOptions *options)
{
  sqlite3 *db;
  g_autoptr(TissagePrivacy) privacy = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), 0);
  g_return_val_if_fail (options != NULL, 0);

  db = tissage_document_get_db (document);
  if (options->period_id != 0)
    {
      sqlite3_stmt *stmt = NULL;

      if (sqlite3_prepare_v2 (db, "SELECT start_date, end_date FROM periods WHERE id = ?1", -1, &stmt, NULL) == SQLITE_OK)
        {
          sqlite3_bind_int64 (stmt, 1, options->period_id);
          if (sqlite3_step (stmt) == SQLITE_ROW &&
              sqlite3_column_bytes (stmt, 0) > 0 && sqlite3_column_bytes (stmt, 1) > 0)
            {
              start = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
              end = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
            }
        }
      sqlite3_finalize (stmt);
    }

  privacy = tissage_privacy_new (db, options->pseudonymise, options->include_without_consent);
  return tissage_privacy_count_left_out (privacy, start, end, options->structure_id);
}

/* The map */

/* The map as of now, that no later edit changes, to draw in any thread;
 * made from the document's models, in the thread that owns them. */
static TissageMapModel *
snapshot_map (TissageDocument *document,
              gboolean         pseudonymise)
{
  return tissage_map_model_new_for_export (document, pseudonymise);
}

static GBytes *
draw_map (TissageMapModel       *model,
          TissageMapLayoutKind   layout,
          GError               **error)
{
  TissageMapExportOptions options;

  tissage_map_export_options_init (&options);
  options.width = MAP_WIDTH;
  options.height = MAP_HEIGHT;
  options.scale = MAP_SCALE;

  return tissage_map_export_png_bytes (model, layout, &options, error);
}

/**
 * tissage_xlsx_export_render_map:
 *
 * The stakeholder map as the workbook shows it, as PNG data; with
 * @pseudonymise, the stakeholders someone interviewed are not named.
 * Reads the document's models: call it from the thread that owns it.
 */
GBytes *
tissage_xlsx_export_render_map (TissageDocument       *document,
                                TissageMapLayoutKind   layout,
                                gboolean               pseudonymise,
                                GError               **error)
{
  g_autoptr(TissageMapModel) model = NULL;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), NULL);

  model = snapshot_map (document, pseudonymise);
  return draw_map (model, layout, error);
}

typedef struct
{
  TissageMapModel      *model;
  TissageMapLayoutKind  layout;
} MapJob;

/* Drawing a large map takes as long as a few sheets: it is drawn beside
 * them, on the other core. */
static gpointer
draw_map_thread (gpointer data)
{
  MapJob *job = data;
  g_autoptr(GError) error = NULL;
  GBytes *png = draw_map (job->model, job->layout, &error);

  if (png == NULL)
    g_warning ("The map could not be drawn for the workbook: %s", error->message);

  g_object_unref (job->model);
  g_free (job);

  return png;
}

static GThread *
start_drawing_map (TissageMapModel      *model,
                   TissageMapLayoutKind  layout)
{
  MapJob *job = g_new0 (MapJob, 1);

  job->model = g_object_ref (model);
  job->layout = layout;
  return g_thread_new ("tissage-map", draw_map_thread, job);
}

/* The workbook */

static lxw_format *
new_format (lxw_workbook *workbook)
{
  lxw_format *format = workbook_add_format (workbook);

  format_set_align (format, LXW_ALIGN_VERTICAL_TOP);
  return format;
}

static void
create_formats (TissageXlsxExport *export)
{
  lxw_workbook *workbook = export->workbook;

  export->title = new_format (workbook);
  format_set_bold (export->title);
  format_set_font_size (export->title, 16);
  format_set_font_color (export->title, 0x1C4E80);

  export->subtitle = new_format (workbook);
  format_set_font_color (export->subtitle, 0x5E5C64);
  format_set_text_wrap (export->subtitle);

  export->section = new_format (workbook);
  format_set_bold (export->section);
  format_set_font_size (export->section, 13);
  format_set_font_color (export->section, 0x1C4E80);
  format_set_bottom (export->section, LXW_BORDER_MEDIUM);
  format_set_bottom_color (export->section, 0x1C4E80);

  export->header = new_format (workbook);
  format_set_bold (export->header);
  format_set_text_wrap (export->header);
  format_set_font_color (export->header, LXW_COLOR_WHITE);
  format_set_bg_color (export->header, 0x1C4E80);
  format_set_border (export->header, LXW_BORDER_THIN);
  format_set_border_color (export->header, 0xFFFFFF);

  export->group = new_format (workbook);
  format_set_bold (export->group);
  format_set_font_color (export->group, 0x1C4E80);
  format_set_bg_color (export->group, 0xDCE8F3);
  format_set_align (export->group, LXW_ALIGN_CENTER_ACROSS);

  export->label = new_format (workbook);
  format_set_bold (export->label);
  format_set_text_wrap (export->label);

  /* Text longer than its column wraps, rather than being cut by the next
   * cell or the edge of the page. */
  export->text = new_format (workbook);
  format_set_text_wrap (export->text);

  export->wrap = new_format (workbook);
  format_set_text_wrap (export->wrap);

  /* Excel and LibreOffice show numbers and dates the French way on a
   * French system from these codes. */
  export->date = new_format (workbook);
  format_set_num_format (export->date, "dd/mm/yyyy");
  format_set_align (export->date, LXW_ALIGN_LEFT);

  export->integer = new_format (workbook);
  format_set_num_format (export->integer, "#,##0");

  export->decimal = new_format (workbook);
  format_set_num_format (export->decimal, "#,##0.0#");

  export->percent = new_format (workbook);
  format_set_num_format (export->percent, TISSAGE_XLSX_PERCENT_FORMAT);

  for (guint level = 0; level < G_N_ELEMENTS (export->levels); level++)
    {
      export->levels[level] = new_format (workbook);
      format_set_text_wrap (export->levels[level]);
      format_set_indent (export->levels[level], level);
      if (level < 2)
        format_set_bold (export->levels[level]);
      if (level == 0)
        {
          format_set_bg_color (export->levels[level], 0xDCE8F3);
          format_set_font_color (export->levels[level], 0x1C4E80);
        }
    }
}

static void
set_properties (TissageXlsxExport *export)
{
  sqlite3_stmt *stmt = tissage_xlsx_prepare (export, "SELECT name, collective FROM project LIMIT 1");
  g_autofree char *title = NULL;
  g_autofree char *company = NULL;
  const char *author = g_get_real_name ();
  lxw_doc_properties properties = { 0, };

  /* The properties are written as they are: no control character. */
  if (tissage_xlsx_step (export, stmt))
    {
      g_autofree char *title_copy = NULL;
      g_autofree char *company_copy = NULL;

      title = g_strdup (tissage_xlsx_clean_text (tissage_xlsx_column_text (stmt, 0), FALSE, &title_copy));
      company = g_strdup (tissage_xlsx_clean_text (tissage_xlsx_column_text (stmt, 1), FALSE, &company_copy));
    }
  sqlite3_finalize (stmt);

  if (author == NULL || g_str_equal (author, "Unknown") || *author == '\0')
    author = g_get_user_name ();

  properties.title = title;
  properties.subject = (char *) _("Social impact measurement");
  properties.author = (char *) author;
  properties.company = company;
  properties.comments = (char *) _("Exported with Tissage");
  properties.created = time (NULL);
  workbook_set_properties (export->workbook, &properties);
}

/* Forgets a workbook without writing it, closing what constant memory mode
 * opened, which freeing alone leaves open. */
static void
discard_workbook (lxw_workbook *workbook,
                  GArray       *planned)
{
  for (guint i = 0; planned != NULL && i < planned->len; i++)
    {
      lxw_worksheet *worksheet = g_array_index (planned, PlannedSheet, i).worksheet;

      if (worksheet != NULL && worksheet->optimize_tmpfile != NULL)
        {
          fclose (worksheet->optimize_tmpfile);
          worksheet->optimize_tmpfile = NULL;
          worksheet->file = NULL;
        }
    }

  lxw_workbook_free (workbook);
}

/* The sheets of @options, each with its unique name: one of interviews
 * per guide used, or one named "Interviews" when none is. The other
 * sheets keep their names, which a guide's cannot take. */
static gboolean
add_worksheets (TissageXlsxExport *export,
                GPtrArray         *guides,
                GArray            *planned)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (sheets); i++)
    if ((export->options->sheets & sheets[i].sheet) && sheets[i].write != NULL)
      g_ptr_array_add (names, g_strdup (_(sheets[i].title)));

  for (guint i = 0; i < G_N_ELEMENTS (sheets); i++)
    {
      gboolean per_guide = sheets[i].write == NULL;
      guint n = per_guide ? MAX (guides->len, 1) : 1;

      if (!(export->options->sheets & sheets[i].sheet))
        continue;

      for (guint g = 0; g < n; g++)
        {
          TissageXlsxGuide *guide = per_guide && guides->len > 0 ? g_ptr_array_index (guides, g) : NULL;
          PlannedSheet sheet = { i, guide, NULL };
          g_autofree char *name = NULL;

          if (per_guide)
            {
              name = tissage_xlsx_sheet_name (guide != NULL ? guide->title : _(sheets[i].title),
                                              _(sheets[i].title), names);
              g_ptr_array_add (names, g_strdup (name));
              if (guide != NULL)
                guide->sheet_name = g_strdup (name);
            }
          else
            name = g_strdup (_(sheets[i].title));

          sheet.worksheet = workbook_add_worksheet (export->workbook, name);
          g_array_append_val (planned, sheet);
          if (sheet.worksheet == NULL)
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
write_workbook (TissageDocument                *document,
                const char                     *path,
                const char                     *final_path,
                const TissageXlsxExportOptions *options,
                TissageMapModel                *map,
                TissageXlsxProgressFunc         progress,
                gpointer                        progress_data,
                GCancellable                   *cancellable,
                GError                        **error)
{
  TissageXlsxExport export = { 0, };
  lxw_workbook_options workbook_options = { 0, };
  g_autoptr(GArray) planned = g_array_new (FALSE, FALSE, sizeof (PlannedSheet));
  g_autoptr(GPtrArray) guides = NULL;
  lxw_worksheet *stakeholders = NULL;
  g_autofree char *tmpdir = g_strdup (g_get_tmp_dir ());
  g_autoptr(GBytes) drawn_map = NULL;
  GThread *map_thread = NULL;
  lxw_error status;
  gboolean ok = TRUE;

  export.db = tissage_document_get_db (document);
  export.options = options;
  export.cancellable = cancellable;
  export.progress = progress;
  export.progress_data = progress_data;
  export.with_map = map != NULL || options->map_png != NULL;

  /* Rows go to temporary files as they are written, not into memory. */
  workbook_options.constant_memory = LXW_TRUE;
  workbook_options.tmpdir = tmpdir;
  export.workbook = workbook_new_opt (path, &workbook_options);
  if (export.workbook == NULL)
    {
      set_destination_error (error, TISSAGE_XLSX_ERROR_WRITE,
                             _("The workbook could not be written to “%s”."), final_path);
      return FALSE;
    }

  create_formats (&export);

  /* One read transaction: every sheet sees the same project. */
  if (sqlite3_exec (export.db, "SAVEPOINT tissage_export", NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, TISSAGE_XLSX_ERROR, TISSAGE_XLSX_ERROR_READ,
                   _("The project could not be read for the export (%s)."), sqlite3_errmsg (export.db));
      discard_workbook (export.workbook, NULL);
      return FALSE;
    }

  set_properties (&export);
  /* The guides used are known before the sheets are added, in the order
   * of their tabs. */
  if (tissage_xlsx_export_load (&export))
    guides = tissage_xlsx_list_guides (&export);
  if (export.error == NULL && !add_worksheets (&export, guides, planned))
    set_destination_error (&export.error, TISSAGE_XLSX_ERROR_WRITE,
                           _("The workbook could not be written to “%s”."), final_path);

  for (guint i = 0; export.error == NULL && i < planned->len; i++)
    {
      PlannedSheet *sheet = &g_array_index (planned, PlannedSheet, i);

      if (sheets[sheet->table].sheet == TISSAGE_XLSX_SHEET_STAKEHOLDERS)
        stakeholders = sheet->worksheet;
    }
  if (map != NULL && stakeholders != NULL)
    map_thread = start_drawing_map (map, options->map_layout);

  for (guint i = 0; export.error == NULL && i < planned->len && ok; i++)
    {
      PlannedSheet *sheet = &g_array_index (planned, PlannedSheet, i);

      if (sheets[sheet->table].write == NULL)
        ok = tissage_xlsx_write_interviews (&export, sheet->worksheet, sheet->guide);
      else
        ok = sheets[sheet->table].write (&export, sheet->worksheet);
      ok = ok && tissage_xlsx_check (&export);
    }

  sqlite3_exec (export.db, "RELEASE tissage_export", NULL, NULL, NULL);

  if (map_thread != NULL)
    drawn_map = g_thread_join (map_thread);
  if (export.error == NULL && stakeholders != NULL)
    tissage_xlsx_insert_map (&export, stakeholders, drawn_map != NULL ? drawn_map : options->map_png);

  if (options->stats != NULL)
    *options->stats = export.stats;

  if (export.error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&export.error));
      tissage_xlsx_export_clear (&export);
      discard_workbook (export.workbook, planned);
      return FALSE;
    }
  tissage_xlsx_export_clear (&export);

  if (progress != NULL)
    progress (TISSAGE_XLSX_WRITE_SHARE, progress_data);

  status = workbook_close (export.workbook);
  if (status != LXW_NO_ERROR)
    {
      g_autofree char *dir = g_path_get_dirname (final_path);

      g_debug ("libxlsxwriter: %s", lxw_strerror (status));
      set_folder_error (error, TISSAGE_XLSX_ERROR_WRITE,
                             _("The workbook could not be written in “%s”: check that the disk is not full and that the folder is still there."),
                             dir);
      return FALSE;
    }

  return TRUE;
}

static gboolean
export_with_map (TissageDocument                *document,
                 const char                     *path,
                 const TissageXlsxExportOptions *options,
                 TissageMapModel                *map,
                 TissageXlsxProgressFunc         progress,
                 gpointer                        progress_data,
                 GCancellable                   *cancellable,
                 GError                        **error)
{
  g_autoptr(TissageAtomicFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  locale_t global_locale, c_numeric, previous_locale;
  gboolean written;

  if (!tissage_xlsx_check_destination (path, error))
    return FALSE;

  /* Written beside @path under a hidden name, so that the finished
   * workbook replaces the old one in one rename and nothing half-written
   * is ever at @path. */
  file = tissage_atomic_file_new (path, &local_error);
  if (file == NULL)
    {
      g_debug ("temporary file: %s", local_error->message);
      set_destination_error (error, TISSAGE_XLSX_ERROR_WRITE,
                             _("The workbook could not be written to “%s”."), path);
      return FALSE;
    }

  /* libxlsxwriter prints numbers with the locale's decimal separator,
   * which must be a point in the file, whatever the user's language. This
   * thread alone switches, and keeps its language for the sheets' text. */
  global_locale = duplocale (LC_GLOBAL_LOCALE);
  c_numeric = global_locale != (locale_t) 0 ? newlocale (LC_NUMERIC_MASK, "C", global_locale) : (locale_t) 0;
  if (c_numeric == (locale_t) 0)
    {
      if (global_locale != (locale_t) 0)
        freelocale (global_locale);
      set_destination_error (error, TISSAGE_XLSX_ERROR_WRITE,
                             _("The workbook could not be written to “%s”."), path);
      return FALSE;
    }
  previous_locale = uselocale (c_numeric);
  written = write_workbook (document, tissage_atomic_file_get_temporary_path (file), path, options, map,
                            progress, progress_data, cancellable, error);
  uselocale (previous_locale);
  freelocale (c_numeric);

  if (!written)
    return FALSE;

  /* Cancelled while the file was being packed: it goes too. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (!tissage_atomic_file_commit (file, &local_error))
    {
      g_autofree char *message = NULL;
      g_autofree char *display = g_filename_display_basename (path);

      message = g_strdup_printf (_("The workbook could not be written to “%s”."), display);
      g_set_error (error, TISSAGE_XLSX_ERROR, TISSAGE_XLSX_ERROR_WRITE,
                   "%s (%s)", message, local_error->message);
      return FALSE;
    }

  if (progress != NULL)
    progress (1.0, progress_data);

  return TRUE;
}

static gboolean
needs_map (const TissageXlsxExportOptions *options)
{
  return (options->sheets & TISSAGE_XLSX_SHEET_STAKEHOLDERS) && options->map_png == NULL;
}

/**
 * tissage_xlsx_export:
 * @progress: (nullable): called now and then, in the calling thread
 *
 * Writes the workbook for the funders at @path. Nothing is ever left
 * half-written: the workbook is written beside @path under another name
 * and replaces @path only once complete; on an error or when cancelled,
 * @path is as it was. The sheets read the document through SQL alone, in
 * one transaction; the map is taken from the document's models, unless
 * @options has it drawn already.
 */
gboolean
tissage_xlsx_export (TissageDocument                *document,
                     const char                     *path,
                     const TissageXlsxExportOptions *options,
                     TissageXlsxProgressFunc         progress,
                     gpointer                        progress_data,
                     GCancellable                   *cancellable,
                     GError                        **error)
{
  TissageXlsxExportOptions defaults;
  g_autoptr(TissageMapModel) map = NULL;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    {
      tissage_xlsx_export_options_init (&defaults);
      options = &defaults;
    }

  if (needs_map (options))
    map = snapshot_map (document, options->pseudonymise);

  return export_with_map (document, path, options, map, progress, progress_data, cancellable, error);
}

/* In a worker thread */

typedef struct
{
  char                     *path;
  TissageXlsxExportOptions  options;
  TissageMapModel          *map;
  TissageXlsxProgressFunc   progress;
  gpointer                  progress_data;
} ExportData;

typedef struct
{
  GTask  *task;
  double  fraction;
} ProgressData;

static void
export_data_free (gpointer data)
{
  ExportData *export_data = data;

  g_free (export_data->path);
  g_clear_pointer (&export_data->options.map_png, g_bytes_unref);
  g_clear_object (&export_data->map);
  g_free (export_data);
}

static gboolean
report_progress_cb (gpointer data)
{
  ProgressData *progress = data;
  ExportData *export_data = g_task_get_task_data (progress->task);

  /* Nothing after the result is delivered. */
  if (!g_task_get_completed (progress->task))
    export_data->progress (progress->fraction, export_data->progress_data);

  return G_SOURCE_REMOVE;
}

static void
progress_data_free (gpointer data)
{
  ProgressData *progress = data;

  g_object_unref (progress->task);
  g_free (progress);
}

static void
progress_in_thread (double   fraction,
                    gpointer user_data)
{
  GTask *task = user_data;
  ProgressData *progress = g_new0 (ProgressData, 1);

  progress->task = g_object_ref (task);
  progress->fraction = fraction;
  g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT,
                              report_progress_cb, progress, progress_data_free);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  GError *error = NULL;

  if (export_with_map (source_object, data->path, &data->options, data->map,
                       data->progress != NULL ? progress_in_thread : NULL, task,
                       cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * tissage_xlsx_export_async:
 * @progress: (nullable): called in the calling thread's main context
 *
 * Takes the map from the document's models now if @options has none, then
 * writes the workbook in a worker thread. Nothing may edit the document
 * until it is finished.
 */
void
tissage_xlsx_export_async (TissageDocument                *document,
                           const char                     *path,
                           const TissageXlsxExportOptions *options,
                           TissageXlsxProgressFunc         progress,
                           gpointer                        progress_data,
                           GCancellable                   *cancellable,
                           GAsyncReadyCallback             callback,
                           gpointer                        user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportData *data;

  g_return_if_fail (TISSAGE_IS_DOCUMENT (document));
  g_return_if_fail (path != NULL);

  data = g_new0 (ExportData, 1);
  data->path = g_strdup (path);
  if (options != NULL)
    data->options = *options;
  else
    tissage_xlsx_export_options_init (&data->options);
  data->options.stats = NULL;
  data->progress = progress;
  data->progress_data = progress_data;

  if (data->options.map_png != NULL)
    g_bytes_ref (data->options.map_png);
  else if (needs_map (&data->options))
    data->map = snapshot_map (document, data->options.pseudonymise);

  task = g_task_new (document, cancellable, callback, user_data);
  g_task_set_source_tag (task, tissage_xlsx_export_async);
  g_task_set_task_data (task, data, export_data_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, export_thread);
}

gboolean
tissage_xlsx_export_finish (TissageDocument  *document,
                            GAsyncResult     *result,
                            GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, document), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

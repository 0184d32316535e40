#define G_LOG_DOMAIN "tissage-commands"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "tissage-commands.h"
#include "tissage-commands-contribution.h"
#include "tissage-csv.h"
#include "tissage-document.h"
#include "tissage-map-document.h"
#include "tissage-map-export.h"
#include "tissage-referentiel.h"
#include "tissage-xlsx-export.h"

gboolean
tissage_commands_wanted (int    argc,
                         char **argv)
{
  static const char * const commands[] = { "--export-map", "--export-xlsx", "--check", "--repair",
                                           "--import-interviews" };

  if (tissage_contribution_commands_wanted (argc, argv))
    return TRUE;

  for (int i = 1; i < argc; i++)
    for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
      if (g_str_equal (argv[i], commands[c]) ||
          (g_str_has_prefix (argv[i], commands[c]) && argv[i][strlen (commands[c])] == '='))
        return TRUE;

  return FALSE;
}

static gboolean
parse_layout (const char           *name,
              TissageMapLayoutKind *layout)
{
  if (name == NULL || g_str_equal (name, "rings"))
    *layout = TISSAGE_MAP_LAYOUT_RINGS;
  else if (g_str_equal (name, "grid"))
    *layout = TISSAGE_MAP_LAYOUT_GRID;
  else if (g_str_equal (name, "free"))
    *layout = TISSAGE_MAP_LAYOUT_FREE;
  else
    return FALSE;

  return TRUE;
}

static int
export_map (const char *output,
            const char *layout_name,
            gboolean    with_names,
            const char *input)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (input);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = NULL;
  g_autoptr(TissageMapModel) model = NULL;
  TissageMapExportOptions options;
  TissageMapLayoutKind layout;

  if (!parse_layout (layout_name, &layout))
    {
      g_printerr (_("Unknown layout “%s”: use rings, grid or free.\n"), layout_name);
      return 2;
    }

  g_autofree char *lower = g_ascii_strdown (output, -1);

  if (!g_str_has_suffix (lower, ".png") && !g_str_has_suffix (lower, ".svg") &&
      !g_str_has_suffix (lower, ".pdf"))
    {
      g_autofree char *name = g_filename_display_basename (output);

      g_printerr (_("“%s” has no known image extension: use .png, .svg or .pdf.\n"), name);
      return 2;
    }

  document = tissage_document_open_for_reading (file, &error);
  if (document == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  /* Like the workbook, the map names interviewed people only if asked. */
  model = tissage_map_model_new_for_export (document, !with_names);
  tissage_map_export_options_init (&options);

  if (!tissage_map_export (output, model, layout, &options, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  return 0;
}

static gboolean
has_extension (const char *path,
               const char *extension)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, extension);
}

static char *
fold_name (const char *name)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name != NULL ? name : ""));
  g_autofree char *decomposed = g_utf8_normalize (stripped, -1, G_NORMALIZE_NFKD);
  g_autoptr(GString) bare = g_string_new (NULL);

  for (const char *p = decomposed != NULL ? decomposed : ""; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_ismark (g_utf8_get_char (p)))
      g_string_append_unichar (bare, g_utf8_get_char (p));

  return g_utf8_casefold (bare->str, -1);
}

/* The record of @type whose @property is @name, ignoring case, accents
 * and surrounding blanks, as a user types it in a terminal. */
static gint64
find_named (TissageDocument *document,
            GType            type,
            const char      *property,
            const char      *name)
{
  GListModel *records = tissage_document_get_records (document, type);
  g_autofree char *wanted = fold_name (name);

  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(TissageRecord) record = g_list_model_get_item (records, i);
      g_autofree char *value = NULL;
      g_autofree char *folded = NULL;

      g_object_get (record, property, &value, NULL);
      folded = fold_name (value);
      if (g_str_equal (folded, wanted))
        return tissage_record_get_id (record);
    }

  return 0;
}

/* The names of @type's records, for a message: "« 2025 », « 2026 »". */
static char *
list_names (TissageDocument *document,
            GType            type,
            const char      *property)
{
  GListModel *records = tissage_document_get_records (document, type);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(TissageRecord) record = g_list_model_get_item (records, i);
      g_autofree char *value = NULL;
      g_autofree char *quoted = NULL;

      g_object_get (record, property, &value, NULL);
      quoted = g_strdup_printf (_("“%s”"), value);
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, quoted);
    }

  return g_string_free (g_steal_pointer (&names), FALSE);
}

static int
export_xlsx (const char *output,
             gboolean    with_names,
             gboolean    include_without_consent,
             const char *period,
             const char *structure,
             const char *input)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (input);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = NULL;
  TissageXlsxExportOptions options;
  guint left_out;

  if (!has_extension (output, ".xlsx"))
    {
      g_autofree char *name = g_filename_display_basename (output);
      g_autofree char *message = g_strdup_printf (_("“%s” does not end in .xlsx: name the workbook with that extension."), name);

      g_printerr ("%s\n", message);
      return 2;
    }

  document = tissage_document_open_for_reading (file, &error);
  if (document == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  tissage_xlsx_export_options_init (&options);
  options.pseudonymise = !with_names;
  options.include_without_consent = include_without_consent;

  if (period != NULL &&
      (options.period_id = find_named (document, TISSAGE_TYPE_PERIOD, "label", period)) == 0)
    {
      g_autofree char *known = list_names (document, TISSAGE_TYPE_PERIOD, "label");

      if (*known == '\0')
        g_printerr (_("The project has no period “%s”: it has no period yet.\n"), period);
      else
        g_printerr (_("The project has no period “%s”: choose one of %s.\n"), period, known);
      return 2;
    }
  if (structure != NULL &&
      (options.structure_id = find_named (document, TISSAGE_TYPE_STRUCTURE, "name", structure)) == 0)
    {
      g_autofree char *known = list_names (document, TISSAGE_TYPE_STRUCTURE, "name");

      if (*known == '\0')
        g_printerr (_("The project has no member structure “%s”: it has no member structure yet.\n"), structure);
      else
        g_printerr (_("The project has no member structure “%s”: choose one of %s.\n"), structure, known);
      return 2;
    }

  if (!tissage_xlsx_export (document, output, &options, NULL, NULL, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  left_out = tissage_xlsx_export_count_left_out (document, &options);
  if (left_out > 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE,
                             "%u interview was left out of the workbook: its interviewee's consent is not recorded (--include-without-consent to include it).\n",
                             "%u interviews were left out of the workbook: their interviewees' consent is not recorded (--include-without-consent to include them).\n",
                             left_out),
                left_out);

  return 0;
}

/* The verdict the window reaches on opening FILE: 0 it opens for editing,
 * 1 it is refused, 2 it opens read-only. */
static int
check_file (const char *input)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (input);
  g_autofree char *message = NULL;
  TissageFileVerdict verdict;

  verdict = tissage_document_check_file (file, &message);
  if (verdict == TISSAGE_FILE_OK)
    g_print ("%s\n", message);
  else
    g_printerr ("%s\n", message);

  switch (verdict)
    {
    case TISSAGE_FILE_OK:
      return 0;
    case TISSAGE_FILE_READ_ONLY:
      return 2;
    case TISSAGE_FILE_REFUSED:
    default:
      return 1;
    }
}

/* Writes OUT, a clean project holding what FILE holds that Tissage's own
 * schema accepts. */
static int
repair_file (const char *input,
             const char *output)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (input);
  g_autoptr(GFile) destination = g_file_new_for_commandline_arg (output);
  g_autoptr(TissageDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  if (g_file_equal (file, destination))
    {
      g_printerr ("%s\n", _("Write the repaired copy to another file: the project itself is never changed."));
      return 2;
    }

  document = tissage_document_open_for_reading (file, &error);
  if (document == NULL || !tissage_document_save_copy (document, destination, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  {
    g_autofree char *name = g_filename_display_name (output);

    g_print (_("The clean copy was written to “%s”.\n"), name);
  }
  /* What was left out of it, when anything was. */
  if (tissage_document_get_repaired (document))
    g_print ("%s\n", tissage_document_get_read_only_reason (document));

  return 0;
}

/* Lower case, no accents: a guide named as the user remembers it. */
static char *
fold_title (const char *title)
{
  g_autofree char *stripped = g_strstrip (g_strdup (title));
  g_autofree char *normal = g_utf8_normalize (stripped, -1, G_NORMALIZE_ALL);

  return g_utf8_casefold (normal != NULL ? normal : stripped, -1);
}

static TissageGrid *
find_grid_named (TissageDocument *document,
                 const char      *name)
{
  GListModel *grids = tissage_document_get_records (document, TISSAGE_TYPE_GRID);
  g_autofree char *wanted = fold_title (name);

  for (guint i = 0; i < g_list_model_get_n_items (grids); i++)
    {
      g_autoptr(TissageGrid) grid = g_list_model_get_item (grids, i);
      g_autofree char *title = fold_title (tissage_grid_get_title (grid));

      if (g_str_equal (title, wanted))
        return grid;
    }

  return NULL;
}

static char *
list_grids (TissageDocument *document)
{
  GListModel *grids = tissage_document_get_records (document, TISSAGE_TYPE_GRID);
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (grids); i++)
    {
      g_autoptr(TissageGrid) grid = g_list_model_get_item (grids, i);

      if (i > 0)
        g_string_append (list, ", ");
      /* TRANSLATORS: a guide's title in a list of guides */
      g_string_append_printf (list, _("“%s”"), tissage_grid_get_title (grid));
    }

  return g_string_free (g_steal_pointer (&list), FALSE);
}

/* The import of the dialog, without a display: the columns mapped as the
 * dialog proposes them, every refused cell on stderr, one undo step.
 * 0: interviews imported (or would be, with @dry_run); 1: none; 2: the
 * command itself is wrong. */
static int
import_interviews (const char *csv_path,
                   const char *guide_name,
                   gboolean    dry_run,
                   const char *input)
{
  g_autoptr(GFile) csv_file = g_file_new_for_commandline_arg (csv_path);
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (input);
  g_autoptr(TissageDocument) document = NULL;
  g_autoptr(TissageCsvImport) import = NULL;
  g_autoptr(TissageCsv) csv = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv_name = g_file_get_parse_name (csv_file);
  g_autofree char *summary = NULL;
  TissageGrid *grid;
  GPtrArray *refusals;
  guint n_accepted, n_imported = 0, n_cells, n_lines;

  if (!g_file_query_exists (csv_file, NULL))
    {
      g_printerr (_("The file “%s” does not exist.\n"), csv_name);
      return 2;
    }
  if (!g_file_query_exists (file, NULL))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_printerr (_("The project “%s” does not exist.\n"), name);
      return 2;
    }

  csv = tissage_csv_read_file (csv_file, NULL, &error);
  if (csv == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  /* A dry run writes nothing, so it needs no lock either. */
  document = dry_run ? tissage_document_open_for_reading (file, &error)
                     : tissage_document_open (file, &error);
  if (document == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (!dry_run && tissage_document_get_read_only (document))
    {
      g_printerr ("%s\n", tissage_document_get_read_only_reason (document));
      return 1;
    }

  if (guide_name != NULL)
    grid = find_grid_named (document, guide_name);
  else
    grid = tissage_csv_find_grid (document, csv, NULL);

  if (grid == NULL)
    {
      g_autofree char *guides = list_grids (document);

      if (g_list_model_get_n_items (tissage_document_get_records (document, TISSAGE_TYPE_GRID)) == 0)
        g_printerr ("%s\n", _("The project has no interview guide: write the guide first, then import its answers."));
      else if (guide_name != NULL)
        g_printerr (_("The project has no guide “%s”. Its guides: %s.\n"), guide_name, guides);
      else
        g_printerr (_("No column of “%s” matches a question of a guide: name the guide with --guide. The guides of the project: %s.\n"),
                    csv_name, guides);
      return 2;
    }

  import = tissage_csv_import_new (document, grid, g_steal_pointer (&csv));
  if (!tissage_csv_import_check (import, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  refusals = tissage_csv_import_get_refusals (import);
  for (guint i = 0; i < refusals->len; i++)
    {
      TissageCsvRefusal *refusal = g_ptr_array_index (refusals, i);

      for (guint r = 0; refusal->reasons[r] != NULL; r++)
        {
          g_autofree char *reason = g_strdelimit (g_strdup (refusal->reasons[r]), "\r\n", ' ');

          g_printerr ("%s\n", reason);
        }
    }

  n_accepted = tissage_csv_import_get_n_accepted (import);
  n_cells = tissage_csv_import_get_n_refused_cells (import);
  n_lines = tissage_csv_import_get_n_refused_lines (import);
  if (n_accepted == 0)
    {
      g_autofree char *why = tissage_csv_import_dup_explanation (import);

      g_printerr ("%s\n", why);
      g_print (_("No interview imported into the guide “%s”.\n"), tissage_grid_get_title (grid));
      return 1;
    }

  if (!dry_run &&
      !tissage_csv_import_apply (import, document, 0, TISSAGE_STATUS_DONE, &n_imported, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  {
    g_autofree char *done = dry_run
      ? g_strdup_printf (g_dngettext (NULL, "%u interview would be imported into the guide “%s”",
                                      "%u interviews would be imported into the guide “%s”", n_accepted),
                         n_accepted, tissage_grid_get_title (grid))
      : g_strdup_printf (g_dngettext (NULL, "%u interview imported into the guide “%s”",
                                      "%u interviews imported into the guide “%s”", n_imported),
                         n_imported, tissage_grid_get_title (grid));
    g_autofree char *cells = g_strdup_printf (g_dngettext (NULL, "%u answer refused", "%u answers refused", n_cells),
                                              n_cells);
    g_autofree char *lines = g_strdup_printf (g_dngettext (NULL, "%u line left out", "%u lines left out", n_lines),
                                              n_lines);

    /* TRANSLATORS: "12 interviews imported into the guide “X”; 3 answers refused, 1 line left out." */
    g_print (_("%s; %s, %s.\n"), done, cells, lines);
  }

  return 0;
}

int
tissage_commands_run (int    argc,
                      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *export_map_path = NULL;
  g_autofree char *export_xlsx_path = NULL;
  g_autofree char *layout = NULL;
  g_autofree char *repair_path = NULL;
  g_autofree char *import_path = NULL;
  g_autofree char *guide = NULL;
  gboolean dry_run = FALSE;
  g_autofree char *period = NULL;
  g_autofree char *structure = NULL;
  gboolean with_names = FALSE;
  gboolean include_without_consent = FALSE;
  gboolean check = FALSE;
  int status = 0;
  g_auto(GStrv) files = NULL;
  g_auto(GStrv) args = g_strdupv (argv);
  GOptionEntry entries[] = {
    { "export-map", 0, 0, G_OPTION_ARG_FILENAME, &export_map_path,
      N_("Export the stakeholder map of FILE to OUT (.png, .svg or .pdf) and quit"), N_("OUT") },
    { "layout", 0, 0, G_OPTION_ARG_STRING, &layout,
      N_("Layout of the exported map: rings (default), grid or free"), N_("LAYOUT") },
    { "export-xlsx", 0, 0, G_OPTION_ARG_FILENAME, &export_xlsx_path,
      N_("Export the workbook for the funders of FILE to OUT (.xlsx) and quit"), N_("OUT") },
    { "with-names", 0, 0, G_OPTION_ARG_NONE, &with_names,
      N_("Name the people interviewed, in the workbook and on the map, instead of numbering them"), NULL },
    { "include-without-consent", 0, 0, G_OPTION_ARG_NONE, &include_without_consent,
      N_("Put in the workbook the answers of interviews whose consent is not recorded"), NULL },
    { "period", 0, 0, G_OPTION_ARG_STRING, &period,
      N_("Report in the workbook on the period named NAME only"), N_("NAME") },
    { "structure", 0, 0, G_OPTION_ARG_STRING, &structure,
      N_("Report in the workbook on the member structure named NAME only"), N_("NAME") },
    { "check", 0, 0, G_OPTION_ARG_NONE, &check,
      N_("Say whether FILE opens for editing (exit 0), only read-only (2) or not at all (1), without changing it"), NULL },
    { "repair", 0, 0, G_OPTION_ARG_FILENAME, &repair_path,
      N_("Write to OUT a clean copy of FILE, without what Tissage did not write, and quit"), N_("OUT") },
    { "import-interviews", 0, 0, G_OPTION_ARG_FILENAME, &import_path,
      N_("Import into FILE the interviews of the survey export CSV, as the import dialog maps them, and quit"), N_("CSV") },
    { "guide", 0, 0, G_OPTION_ARG_STRING, &guide,
      N_("The interview guide the imported answers follow (default: the one its columns name most)"), N_("NAME") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Check the import and say what it would do, without changing FILE"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };

  if (tissage_contribution_commands_wanted (argc, argv))
    return tissage_contribution_commands_run (argc, argv);

  context = g_option_context_new (_("FILE"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse_strv (context, &args, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  if (files == NULL || g_strv_length (files) != 1)
    {
      g_printerr ("%s\n", check ? _("Name exactly one project to check.")
                             : repair_path != NULL ? _("Name exactly one project to repair.")
                             : import_path != NULL ? _("Name exactly one project to import the interviews into.")
                             : export_map_path != NULL ? _("Name exactly one project to export the map from.")
                             : _("Name exactly one project to export the workbook from."));
      return 2;
    }

  if (check)
    return check_file (files[0]);
  if (repair_path != NULL)
    return repair_file (files[0], repair_path);
  if (import_path != NULL)
    return import_interviews (import_path, guide, dry_run, files[0]);

  if (export_map_path != NULL)
    status = export_map (export_map_path, layout, with_names, files[0]);
  if (status == 0 && export_xlsx_path != NULL)
    status = export_xlsx (export_xlsx_path, with_names, include_without_consent,
                          period, structure, files[0]);

  return status;
}

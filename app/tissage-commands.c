#define G_LOG_DOMAIN "tissage-commands"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "tissage-commands.h"
#include "tissage-document.h"
#include "tissage-map-document.h"
#include "tissage-map-export.h"
#include "tissage-xlsx-export.h"

gboolean
tissage_commands_wanted (int    argc,
                         char **argv)
{
  static const char * const commands[] = { "--export-map", "--export-xlsx", "--check", "--repair" };

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

  model = tissage_map_model_new ();
  tissage_map_model_bind_document (model, document);
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

static int
export_xlsx (const char *output,
             gboolean    with_names,
             const char *input)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (input);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = NULL;
  TissageXlsxExportOptions options;

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

  if (!tissage_xlsx_export (document, output, &options, NULL, NULL, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

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

  if (tissage_document_can_save_copy (document))
    g_printerr ("%s\n", tissage_document_get_read_only_reason (document));

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
  gboolean with_names = FALSE;
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
      N_("Name the interviewees in the workbook instead of numbering them"), NULL },
    { "check", 0, 0, G_OPTION_ARG_NONE, &check,
      N_("Say whether FILE opens for editing (exit 0), only read-only (2) or not at all (1), without changing it"), NULL },
    { "repair", 0, 0, G_OPTION_ARG_FILENAME, &repair_path,
      N_("Write to OUT a clean copy of FILE, without what Tissage did not write, and quit"), N_("OUT") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };

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
                             : export_map_path != NULL ? _("Name exactly one project to export the map from.")
                             : _("Name exactly one project to export the workbook from."));
      return 2;
    }

  if (check)
    return check_file (files[0]);
  if (repair_path != NULL)
    return repair_file (files[0], repair_path);

  if (export_map_path != NULL)
    status = export_map (export_map_path, layout, files[0]);
  if (status == 0 && export_xlsx_path != NULL)
    status = export_xlsx (export_xlsx_path, with_names, files[0]);

  return status;
}

#define G_LOG_DOMAIN "tissage-commands"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "tissage-commands.h"
#include "tissage-document.h"
#include "tissage-map-document.h"
#include "tissage-map-export.h"
#include "tissage-xlsx-export.h"

gboolean
tissage_commands_wanted (int    argc,
                         char **argv)
{
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--export-map") || g_str_has_prefix (argv[i], "--export-map=") ||
        g_str_equal (argv[i], "--export-xlsx") || g_str_has_prefix (argv[i], "--export-xlsx="))
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

  document = tissage_document_open (file, &error);
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

  document = tissage_document_open (file, &error);
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

int
tissage_commands_run (int    argc,
                      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *export_map_path = NULL;
  g_autofree char *export_xlsx_path = NULL;
  g_autofree char *layout = NULL;
  gboolean with_names = FALSE;
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
      g_printerr ("%s\n", export_map_path != NULL ? _("Name exactly one project to export the map from.")
                                                  : _("Name exactly one project to export the workbook from."));
      return 2;
    }

  if (export_map_path != NULL)
    status = export_map (export_map_path, layout, files[0]);
  if (status == 0 && export_xlsx_path != NULL)
    status = export_xlsx (export_xlsx_path, with_names, files[0]);

  return status;
}

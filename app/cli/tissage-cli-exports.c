/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "tissage-cli-private.h"
#include "tissage-document.h"
#include "tissage-map-document.h"
#include "tissage-map-export.h"
#include "tissage-referentiel.h"
#include "tissage-report.h"
#include "tissage-xlsx-export.h"

/* --export-map, --export-xlsx and --export-report: the map, the workbook
 * and the report for the funders, written without a display. */

static char *option_export_map_path;
static char *option_export_xlsx_path;
static char *option_export_report_path;
static char *option_logo;
static char *option_layout;
static char *option_period;
static char *option_structure;
static gboolean option_with_names;
static gboolean option_include_without_consent;

static const char * const command_names[] = { "--export-map", "--export-xlsx", "--export-report", NULL };

static const GOptionEntry entries[] = {
  { "export-map", 0, 0, G_OPTION_ARG_FILENAME, &option_export_map_path,
    N_("Export the stakeholder map of FILE to OUT (.png, .svg or .pdf) and quit"), N_("OUT") },
  { "layout", 0, 0, G_OPTION_ARG_STRING, &option_layout,
    N_("Layout of the exported map: rings (default), grid or free"), N_("LAYOUT") },
  { "export-xlsx", 0, 0, G_OPTION_ARG_FILENAME, &option_export_xlsx_path,
    N_("Export the workbook for the funders of FILE to OUT (.xlsx) and quit"), N_("OUT") },
  { "export-report", 0, 0, G_OPTION_ARG_FILENAME, &option_export_report_path,
    N_("Export the report for the funders of FILE to OUT (.pdf) and quit"), N_("OUT") },
  { "logo", 0, 0, G_OPTION_ARG_FILENAME, &option_logo,
    N_("Put the PNG image LOGO on the cover of the report"), N_("LOGO") },
  { "with-names", 0, 0, G_OPTION_ARG_NONE, &option_with_names,
    N_("Name the people interviewed, in the workbook, the report and on the map, instead of numbering them"), NULL },
  { "include-without-consent", 0, 0, G_OPTION_ARG_NONE, &option_include_without_consent,
    N_("Put in the workbook the answers of interviews whose consent is not recorded"), NULL },
  { "period", 0, 0, G_OPTION_ARG_STRING, &option_period,
    N_("Report in the workbook and the report on the period named NAME only"), N_("NAME") },
  { "structure", 0, 0, G_OPTION_ARG_STRING, &option_structure,
    N_("The member structure named NAME: the only one the workbook reports on, the one whose figures the report sets beside the collective's, or the one a contribution is prepared for"), N_("NAME") },
  { NULL }
};

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
  g_autofree char *lower = g_ascii_strdown (output, -1);

  if (!parse_layout (layout_name, &layout))
    {
      g_printerr (_("Unknown layout “%s”: use rings, grid or free.\n"), layout_name);
      return 2;
    }

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

/* The period and the structure named on the command line, saying on
 * stderr which the project has when one is not found. */
static gboolean
find_scope (TissageDocument *document,
            const char      *period,
            const char      *structure,
            gint64          *period_id,
            gint64          *structure_id)
{
  if (period != NULL &&
      (*period_id = find_named (document, TISSAGE_TYPE_PERIOD, "label", period)) == 0)
    {
      g_autofree char *known = list_names (document, TISSAGE_TYPE_PERIOD, "label");

      if (*known == '\0')
        g_printerr (_("The project has no period “%s”: it has no period yet.\n"), period);
      else
        g_printerr (_("The project has no period “%s”: choose one of %s.\n"), period, known);
      return FALSE;
    }
  if (structure != NULL &&
      (*structure_id = find_named (document, TISSAGE_TYPE_STRUCTURE, "name", structure)) == 0)
    {
      g_autofree char *known = list_names (document, TISSAGE_TYPE_STRUCTURE, "name");

      if (*known == '\0')
        g_printerr (_("The project has no member structure “%s”: it has no member structure yet.\n"), structure);
      else
        g_printerr (_("The project has no member structure “%s”: choose one of %s.\n"), structure, known);
      return FALSE;
    }

  return TRUE;
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

  if (!find_scope (document, period, structure, &options.period_id, &options.structure_id))
    return 2;

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

static int
export_report (const char *output,
               gboolean    with_names,
               gboolean    include_without_consent,
               const char *period,
               const char *structure,
               const char *logo,
               const char *input)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (input);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = NULL;
  TissageReportOptions options;

  if (!has_extension (output, ".pdf"))
    {
      g_autofree char *name = g_filename_display_basename (output);
      g_autofree char *message = g_strdup_printf (_("“%s” does not end in .pdf: name the report with that extension."), name);

      g_printerr ("%s\n", message);
      return 2;
    }

  document = tissage_document_open_for_reading (file, &error);
  if (document == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  tissage_report_options_init (&options);
  options.pseudonymise = !with_names;
  options.include_without_consent = include_without_consent;
  options.logo_path = logo;
  if (!find_scope (document, period, structure, &options.period_id, &options.structure_id))
    return 2;

  if (!tissage_report_export (document, output, &options, &error))
    {
      g_printerr ("%s\n", error->message);
      return g_error_matches (error, TISSAGE_REPORT_ERROR, TISSAGE_REPORT_ERROR_LOGO) ? 2 : 1;
    }

  {
    g_autofree char *name = g_filename_display_basename (output);

    /* As --export-contribution says where it wrote. */
    g_print (_("Report written to “%s”.\n"), name);
  }
  return 0;
}

static gboolean
requested (void)
{
  return option_export_map_path != NULL || option_export_xlsx_path != NULL || option_export_report_path != NULL;
}

static const char *
no_project_message (void)
{
  if (option_export_map_path != NULL)
    return _("Name exactly one project to export the map from.");
  if (option_export_xlsx_path != NULL)
    return _("Name exactly one project to export the workbook from.");
  return _("Name exactly one project to export the report from.");
}

static int
run (const char *project)
{
  int status = 0;

  if (option_export_map_path != NULL)
    status = export_map (option_export_map_path, option_layout, option_with_names, project);
  if (status == 0 && option_export_xlsx_path != NULL)
    status = export_xlsx (option_export_xlsx_path, option_with_names, option_include_without_consent,
                          option_period, option_structure, project);
  if (status == 0 && option_export_report_path != NULL)
    status = export_report (option_export_report_path, option_with_names, option_include_without_consent,
                            option_period, option_structure, option_logo, project);

  return status;
}

static void
clear (void)
{
  g_clear_pointer (&option_export_map_path, g_free);
  g_clear_pointer (&option_export_xlsx_path, g_free);
  g_clear_pointer (&option_export_report_path, g_free);
  g_clear_pointer (&option_logo, g_free);
  g_clear_pointer (&option_layout, g_free);
  g_clear_pointer (&option_period, g_free);
  g_clear_pointer (&option_structure, g_free);
  option_with_names = FALSE;
  option_include_without_consent = FALSE;
}

const TissageCliCommand tissage_cli_exports = {
  command_names, entries, requested, no_project_message, run, clear,
};

const char *
tissage_cli_get_period (void)
{
  return option_period;
}

gboolean
tissage_cli_get_with_names (void)
{
  return option_with_names;
}

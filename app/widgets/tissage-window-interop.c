/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-window"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "tissage-interop-export.h"
#include "tissage-qdpx-export.h"
#include "tissage-referentiel-flat.h"
#include "tissage-spreadsheet.h"
#include "tissage-stakeholder-import.h"
#include "tissage-window-private.h"
#include "tissage-window.h"

/*
 * What the collective has in spreadsheets and in Kumu, from the window:
 * stakeholders through a preview where each column is mapped, the
 * référentiel at once, and the two workbooks out. Each action has a
 * variant that takes the path, which the file choosers and the tests
 * activate.
 */

#define PREVIEW_ROWS 6
#define PREVIEW_REASONS 8

static void
show_error (TissageWindow *window,
            const char    *heading,
            const char    *body)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.error-dialog", "(ss)", heading, body);
}

static void
add_spreadsheet_filter (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Spreadsheets (.xlsx, .ods, .csv)"));
  gtk_file_filter_add_suffix (filter, "xlsx");
  gtk_file_filter_add_suffix (filter, "ods");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
on_open_response (GtkNativeDialog *dialog,
                  int              response,
                  TissageWindow   *window)
{
  const char *action = g_object_get_data (G_OBJECT (dialog), "action");
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (file != NULL)
    path = g_file_get_path (file);
  if (path != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), action, "s", path);
  g_object_set_data (G_OBJECT (window), "interop-chooser", NULL);
}

static void
choose_spreadsheet (TissageWindow *window,
                    const char    *title,
                    const char    *action)
{
  TissageDocument *document = tissage_window_get_document (window);
  GtkFileChooserNative *chooser;

  if (document == NULL)
    return;
  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (window), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_spreadsheet_filter (GTK_FILE_CHOOSER (chooser));
  {
    g_autoptr(GFile) folder = g_file_get_parent (tissage_document_get_file (document));

    if (folder != NULL)
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  }
  g_object_set_data (G_OBJECT (chooser), "action", (gpointer) action);
  g_object_set_data_full (G_OBJECT (window), "interop-chooser", chooser, g_object_unref);
  g_signal_connect (chooser, "response", G_CALLBACK (on_open_response), window);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static TissageSpreadsheet *
read_spreadsheet (TissageWindow *window,
                  const char    *path,
                  const char    *heading)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  TissageSpreadsheet *book = tissage_spreadsheet_read_file (file, NULL, &error);

  if (book == NULL)
    show_error (window, heading, error->message);
  return book;
}

/* --- the stakeholders' import dialog --- */

typedef struct {
  TissageWindow            *window;
  TissageStakeholderImport *import;
  GtkWidget                *dialog;
  GtkWidget                *reasons;
  GtkWidget                *ignored;
  GtkWidget                *import_button;
  AdwPreferencesGroup      *preview;
  GPtrArray                *preview_rows;
  GPtrArray                *column_rows;
  gboolean                  refreshing;
} ImportDialog;

static void
import_dialog_free (gpointer data)
{
  ImportDialog *self = data;

  g_clear_pointer (&self->import, tissage_stakeholder_import_free);
  g_clear_pointer (&self->preview_rows, g_ptr_array_unref);
  g_clear_pointer (&self->column_rows, g_ptr_array_unref);
  g_free (self);
}

static char *
describe_plan (const TissageStakeholderPlan *plan)
{
  g_autofree char *parts = tissage_stakeholder_plan_describe (plan);

  /* TRANSLATORS: what the import did: "3 stakeholders added, 2 stakeholders updated." */
  return g_strdup_printf (_("%s."), parts);
}

static void
refresh (ImportDialog *self)
{
  const TissageStakeholderPlan *plan = tissage_stakeholder_import_check (self->import);
  const TissageSheet *sheet = tissage_stakeholder_import_get_sheet (self->import);
  g_autofree char *parts = tissage_stakeholder_plan_describe (plan);
  /* TRANSLATORS: the preview, before anything is written: "On import: 3 stakeholders added." */
  g_autofree char *summary = g_strdup_printf (_("On import: %s."), parts);
  g_autoptr(GString) reasons = g_string_new (NULL);
  int name_column = -1;

  adw_preferences_group_set_description (self->preview, summary);
  for (guint i = 0; i < plan->reasons->len && i < PREVIEW_REASONS; i++)
    g_string_append_printf (reasons, "%s%s", i > 0 ? "\n" : "", (const char *) g_ptr_array_index (plan->reasons, i));
  if (plan->reasons->len > PREVIEW_REASONS)
    {
      guint more = plan->reasons->len - PREVIEW_REASONS;

      g_string_append_c (reasons, '\n');
      g_string_append_printf (reasons, g_dngettext (NULL, "and %u more cell refused", "and %u more cells refused", more), more);
    }
  gtk_label_set_text (GTK_LABEL (self->reasons), reasons->str);
  gtk_widget_set_visible (self->reasons, reasons->len > 0);

  /* What the file holds and the import leaves out, said before it is. */
  {
    g_auto(GStrv) ignored = tissage_stakeholder_import_dup_ignored_columns (self->import, FALSE);
    g_auto(GStrv) ignored_links = tissage_stakeholder_import_dup_ignored_columns (self->import, TRUE);
    g_autoptr(GString) text = g_string_new (NULL);
    g_autoptr(GString) list = g_string_new (NULL);

    for (guint i = 0; ignored[i] != NULL; i++)
      /* TRANSLATORS: a column's header in a list of headers */
      g_string_append_printf (list, i > 0 ? _(", “%s”") : _("“%s”"), ignored[i]);
    if (ignored[0] != NULL)
      g_string_append_printf (text, g_dngettext (NULL, "Not imported: the column %s. Choose below what it fills in.",
                                                 "Not imported: the columns %s. Choose below what they fill in.",
                                                 g_strv_length (ignored)), list->str);
    g_string_truncate (list, 0);
    for (guint i = 0; ignored_links[i] != NULL; i++)
      g_string_append_printf (list, i > 0 ? _(", “%s”") : _("“%s”"), ignored_links[i]);
    if (ignored_links[0] != NULL)
      {
        if (text->len > 0)
          g_string_append_c (text, '\n');
        g_string_append_printf (text, g_dngettext (NULL, "Not imported, from the sheet of links “%s”: the column %s.",
                                                   "Not imported, from the sheet of links “%s”: the columns %s.",
                                                   g_strv_length (ignored_links)),
                                tissage_stakeholder_import_get_links_sheet (self->import)->name, list->str);
      }
    gtk_label_set_text (GTK_LABEL (self->ignored), text->str);
    gtk_widget_set_visible (self->ignored, text->len > 0);
  }

  for (guint c = 0; c < tissage_stakeholder_import_get_n_columns (self->import); c++)
    if (tissage_stakeholder_import_get_column (self->import, c) == TISSAGE_STAKEHOLDER_COLUMN_NAME)
      name_column = c;

  for (guint i = 0; i < self->preview_rows->len; i++)
    {
      AdwActionRow *row = g_ptr_array_index (self->preview_rows, i);
      guint line = i + 1;
      const char *name = name_column >= 0 ? tissage_sheet_get_cell (sheet, line, name_column) : "";
      const char *what;

      switch (tissage_stakeholder_import_get_row_action (self->import, line))
        {
        case TISSAGE_ROW_ADD:
          what = _("Added");
          break;
        case TISSAGE_ROW_UPDATE:
          what = _("Updates the stakeholder of the same name");
          break;
        case TISSAGE_ROW_REFUSED:
          what = _("Left out: a value cannot be read, see below");
          break;
        case TISSAGE_ROW_SKIP:
        default:
          what = _("Left out: no name");
          break;
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), *name != '\0' ? name : "—");
      adw_action_row_set_subtitle (row, what);
    }

  /* The mapping may have moved a target off another column. */
  self->refreshing = TRUE;
  for (guint c = 0; c < self->column_rows->len; c++)
    adw_combo_row_set_selected (g_ptr_array_index (self->column_rows, c),
                                tissage_stakeholder_import_get_column (self->import, c));
  self->refreshing = FALSE;

  gtk_widget_set_sensitive (self->import_button,
                            plan->added + plan->updated + plan->links_added + plan->links_updated > 0);
}

static void
on_column_changed (AdwComboRow  *row,
                   GParamSpec   *pspec,
                   ImportDialog *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "column"));

  if (self->refreshing)
    return;
  tissage_stakeholder_import_set_column (self->import, column, adw_combo_row_get_selected (row));
  refresh (self);
}

static void
on_policy_changed (AdwComboRow  *row,
                   GParamSpec   *pspec,
                   ImportDialog *self)
{
  tissage_stakeholder_import_set_policy (self->import, adw_combo_row_get_selected (row) == 0
                                         ? TISSAGE_DUPLICATE_UPDATE : TISSAGE_DUPLICATE_ADD);
  refresh (self);
}

static void
on_import_clicked (GtkButton    *button,
                   ImportDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *done = describe_plan (tissage_stakeholder_import_check (self->import));
  TissageWindow *window = self->window;

  if (!tissage_stakeholder_import_apply (self->import, &error))
    {
      show_error (window, _("The Stakeholders Could Not Be Imported"), error->message);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self->dialog));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-toast", "s", done);
}

static const char *
sample_of (const TissageSheet *sheet,
           guint               column)
{
  for (guint r = 1; r < tissage_sheet_get_n_rows (sheet) && r < 50; r++)
    if (*tissage_sheet_get_cell (sheet, r, column) != '\0')
      return tissage_sheet_get_cell (sheet, r, column);
  return "";
}

static void
present_import_dialog (TissageWindow            *window,
                       TissageStakeholderImport *import,
                       const char               *file_name)
{
  ImportDialog *self = g_new0 (ImportDialog, 1);
  const TissageSheet *sheet = tissage_stakeholder_import_get_sheet (import);
  g_autoptr(GtkStringList) targets = gtk_string_list_new (NULL);
  GtkWidget *content, *header, *cancel, *scroller, *clamp, *box, *page_box;
  AdwPreferencesGroup *columns, *options, *result;
  AdwComboRow *policy;
  g_autofree char *description = NULL;

  self->window = window;
  self->import = import;
  self->preview_rows = g_ptr_array_new ();
  self->column_rows = g_ptr_array_new ();

  for (guint t = 0; t < TISSAGE_STAKEHOLDER_N_COLUMNS; t++)
    gtk_string_list_append (targets, tissage_stakeholder_column_to_label (t));

  self->dialog = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (self->dialog), _("Import Stakeholders"));
  gtk_window_set_transient_for (GTK_WINDOW (self->dialog), GTK_WINDOW (window));
  gtk_window_set_modal (GTK_WINDOW (self->dialog), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self->dialog), 720, 640);
  g_object_set_data_full (G_OBJECT (self->dialog), "import-dialog", self, import_dialog_free);
  gtk_widget_set_name (self->dialog, "stakeholder-import-dialog");

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), self->dialog);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->import_button = gtk_button_new_with_mnemonic (_("_Import"));
  gtk_widget_add_css_class (self->import_button, "suggested-action");
  g_signal_connect (self->import_button, "clicked", G_CALLBACK (on_import_clicked), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->import_button);
  gtk_box_append (GTK_BOX (content), header);

  scroller = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 640);
  page_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_set_margin_top (page_box, 24);
  gtk_widget_set_margin_bottom (page_box, 24);
  gtk_widget_set_margin_start (page_box, 12);
  gtk_widget_set_margin_end (page_box, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), page_box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_box_append (GTK_BOX (content), scroller);
  box = page_box;

  /* What the import will do, first: the user sees it change. */
  result = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (result, _("Preview"));
  self->reasons = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->reasons), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->reasons), 0);
  gtk_widget_add_css_class (self->reasons, "error");
  gtk_widget_set_margin_top (self->reasons, 6);
  gtk_widget_set_margin_bottom (self->reasons, 6);
  for (guint r = 1; r < tissage_sheet_get_n_rows (sheet) && r <= PREVIEW_ROWS; r++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_group_add (result, row);
      g_ptr_array_add (self->preview_rows, row);
    }
  self->ignored = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->ignored), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->ignored), 0);
  gtk_widget_add_css_class (self->ignored, "warning");
  gtk_widget_set_name (self->ignored, "ignored-columns");
  self->preview = result;
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (result));
  /* The refused cells under the rows, where they are read after them. */
  gtk_box_append (GTK_BOX (box), self->reasons);
  gtk_box_append (GTK_BOX (box), self->ignored);

  columns = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (columns, _("Columns of the File"));
  description = tissage_stakeholder_import_get_links_sheet (import) != NULL
    ? g_strdup_printf (_("“%s”, sheet “%s”: its connections are imported as links."), file_name, sheet->name)
    : g_strdup_printf (_("“%s”, sheet “%s”: choose what each column fills in."), file_name, sheet->name);
  if (tissage_stakeholder_import_is_converted (import))
    {
      char *with_encoding = g_strconcat (description, "\n",
                                         _("The file was not in UTF-8: it was read as a Windows file (Windows-1252)."), NULL);

      g_free (description);
      description = with_encoding;
    }
  adw_preferences_group_set_description (columns, description);
  for (guint c = 0; c < tissage_stakeholder_import_get_n_columns (import); c++)
    {
      AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
      const char *header_text = tissage_stakeholder_import_get_header (import, c);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), *header_text != '\0' ? header_text : "—");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sample_of (sheet, c));
      adw_combo_row_set_model (row, G_LIST_MODEL (targets));
      adw_combo_row_set_selected (row, tissage_stakeholder_import_get_column (import, c));
      g_object_set_data (G_OBJECT (row), "column", GUINT_TO_POINTER (c));
      g_signal_connect (row, "notify::selected", G_CALLBACK (on_column_changed), self);
      adw_preferences_group_add (columns, GTK_WIDGET (row));
      g_ptr_array_add (self->column_rows, row);
    }
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (columns));

  options = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (options, _("Duplicates"));
  policy = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (policy), _("A stakeholder the project already has by that name"));
  {
    const char *choices[] = { _("Update it"), _("Add another"), NULL };
    g_autoptr(GtkStringList) model = gtk_string_list_new (choices);

    adw_combo_row_set_model (policy, G_LIST_MODEL (model));
  }
  g_signal_connect (policy, "notify::selected", G_CALLBACK (on_policy_changed), self);
  adw_preferences_group_add (options, GTK_WIDGET (policy));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (options));

  adw_window_set_content (ADW_WINDOW (self->dialog), content);
  refresh (self);
  gtk_window_present (GTK_WINDOW (self->dialog));
}

static void
import_stakeholders_from_activated (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  TissageWindow *window = TISSAGE_WINDOW (widget);
  TissageDocument *document = tissage_window_get_document (window);
  const char *path = g_variant_get_string (parameter, NULL);
  const char *heading = _("The Stakeholders Could Not Be Imported");
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_path_get_basename (path);
  TissageSpreadsheet *book;
  TissageStakeholderImport *import;

  if (document == NULL)
    return;
  book = read_spreadsheet (window, path, heading);
  if (book == NULL)
    return;
  import = tissage_stakeholder_import_new (document, book, &error);
  if (import == NULL)
    {
      show_error (window, heading, error->message);
      return;
    }
  present_import_dialog (window, import, name);
}

static void
import_stakeholders_activated (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  choose_spreadsheet (TISSAGE_WINDOW (widget), _("Import Stakeholders"), "win.import-stakeholders-from");
}

/* --- the référentiel --- */

static void
import_referentiel_from_activated (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  TissageWindow *window = TISSAGE_WINDOW (widget);
  TissageDocument *document = tissage_window_get_document (window);
  const char *heading = _("The Référentiel Could Not Be Imported");
  g_autoptr(TissageSpreadsheet) book = NULL;
  g_autoptr(GError) error = NULL;
  TissageFlatSummary summary;
  g_autofree char *parts = NULL, *done = NULL;

  if (document == NULL)
    return;
  book = read_spreadsheet (window, g_variant_get_string (parameter, NULL), heading);
  if (book == NULL)
    return;
  if (!tissage_referentiel_import (document, book, &summary, &error))
    {
      show_error (window, heading, error->message);
      return;
    }
  parts = tissage_referentiel_flat_describe (&summary);
  if (parts == NULL)
    {
      gtk_widget_activate_action (widget, "win.toast", "(ss)",
                                  _("The project already has the référentiel of the file: nothing changed."), "");
      return;
    }
  /* TRANSLATORS: a toast: "Référentiel imported: 2 stakes added, 9 indicators added." */
  done = g_strdup_printf (_("Référentiel imported: %s."), parts);
  {
    g_auto(GStrv) ignored = tissage_referentiel_flat_dup_ignored_columns (book);
    g_autoptr(GString) list = g_string_new (NULL);

    for (guint i = 0; ignored[i] != NULL; i++)
      g_string_append_printf (list, i > 0 ? _(", “%s”") : _("“%s”"), ignored[i]);
    if (ignored[0] != NULL)
      {
        g_autofree char *left = g_strdup_printf (g_dngettext (NULL, "Not imported, as no field has its name: the column %s.",
                                                              "Not imported, as no field has their names: the columns %s.",
                                                              g_strv_length (ignored)), list->str);
        char *both = g_strconcat (done, " ", left, NULL);

        g_free (done);
        done = both;
      }
  }
  gtk_widget_activate_action (widget, "win.undo-toast", "s", done);
}

static void
import_referentiel_activated (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  choose_spreadsheet (TISSAGE_WINDOW (widget), _("Import a Référentiel"), "win.import-referentiel-from");
}

/* --- the workbooks out --- */

static void
export_to (TissageWindow *window,
           const char    *path,
           gboolean       kumu)
{
  TissageDocument *document = tissage_window_get_document (window);
  g_autofree char *lower = g_ascii_strdown (path, -1);
  g_autofree char *with_suffix = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL, *name = NULL, *done = NULL;

  if (document == NULL)
    return;
  if (!g_str_has_suffix (lower, ".xlsx"))
    path = with_suffix = g_strconcat (path, ".xlsx", NULL);
  if (!(kumu ? tissage_kumu_export (document, path, &error) : tissage_referentiel_export (document, path, &error)))
    {
      show_error (window, kumu ? _("The Workbook for Kumu Could Not Be Exported")
                               : _("The Référentiel Could Not Be Exported"), error->message);
      return;
    }
  file = g_file_new_for_path (path);
  uri = g_file_get_uri (file);
  name = g_path_get_basename (path);
  done = g_strdup_printf (_("Exported to “%s”"), name);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.toast", "(ss)", done, uri);
}

static void
export_kumu_to_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  export_to (TISSAGE_WINDOW (widget), g_variant_get_string (parameter, NULL), TRUE);
}

static void
export_referentiel_to_activated (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  export_to (TISSAGE_WINDOW (widget), g_variant_get_string (parameter, NULL), FALSE);
}

static void
choose_export (TissageWindow *window,
               gboolean       kumu)
{
  TissageDocument *document = tissage_window_get_document (window);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *title = NULL, *name = NULL;
  GtkFileChooserNative *chooser;

  if (document == NULL)
    return;
  title = tissage_document_dup_title (document);
  g_strdelimit (title, "/\\", '-');
  /* TRANSLATORS: default file names; %s is the project */
  name = g_strdup_printf (kumu ? _("%s — Kumu.xlsx") : _("%s — référentiel.xlsx"), title);

  chooser = gtk_file_chooser_native_new (kumu ? _("Export for Kumu") : _("Export the Référentiel"),
                                         GTK_WINDOW (window), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  {
    g_autoptr(GFile) folder = g_file_get_parent (tissage_document_get_file (document));

    if (folder != NULL)
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  }
  gtk_file_filter_set_name (filter, _("Excel workbook"));
  gtk_file_filter_add_suffix (filter, "xlsx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_set_data (G_OBJECT (chooser), "action", (gpointer) (kumu ? "win.export-kumu-to" : "win.export-referentiel-to"));
  g_object_set_data_full (G_OBJECT (window), "interop-chooser", chooser, g_object_unref);
  g_signal_connect (chooser, "response", G_CALLBACK (on_open_response), window);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_kumu_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  choose_export (TISSAGE_WINDOW (widget), TRUE);
}

static void
export_referentiel_activated (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  choose_export (TISSAGE_WINDOW (widget), FALSE);
}

/* --- Taguette's two CSVs, in a folder of their own --- */

static void
export_taguette_to_activated (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  TissageWindow *window = TISSAGE_WINDOW (widget);
  TissageDocument *document = tissage_window_get_document (window);
  const char *path = g_variant_get_string (parameter, NULL);
  const char *heading = _("The Verbatims Could Not Be Exported for Taguette");
  g_autofree char *codebook = g_build_filename (path, "codebook.csv", NULL);
  g_autofree char *highlights = g_build_filename (path, "highlights.csv", NULL);
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *uri = NULL, *done = NULL;
  g_autoptr(GFile) folder = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  if (document == NULL)
    return;
  /* The chooser names a folder, made if it is new; a file of that name
   * is not replaced by one. */
  if (g_mkdir_with_parents (path, 0777) != 0 || !g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *body = g_strdup_printf (_("The folder “%s” could not be made: choose another name or another place."), name);

      show_error (window, heading, body);
      return;
    }
  if (!tissage_taguette_export (document, codebook, highlights, &error))
    {
      show_error (window, heading, error->message);
      return;
    }
  uri = g_file_get_uri (folder);
  /* TRANSLATORS: a toast; %s is the folder */
  done = g_strdup_printf (_("Exported to the folder “%s”: codebook.csv and highlights.csv"), name);
  gtk_widget_activate_action (widget, "win.toast", "(ss)", done, uri);
}

static void
export_taguette_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  TissageWindow *window = TISSAGE_WINDOW (widget);
  TissageDocument *document = tissage_window_get_document (window);
  g_autofree char *title = NULL, *name = NULL;
  GtkFileChooserNative *chooser;

  if (document == NULL)
    return;
  title = tissage_document_dup_title (document);
  g_strdelimit (title, "/\\", '-');
  /* TRANSLATORS: the default name of the folder of Taguette's CSVs; %s is the project */
  name = g_strdup_printf (_("%s — Taguette"), title);
  chooser = gtk_file_chooser_native_new (_("Export the Verbatims for Taguette: Name a Folder"), GTK_WINDOW (window),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  {
    g_autoptr(GFile) folder = g_file_get_parent (tissage_document_get_file (document));

    if (folder != NULL)
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  }
  g_object_set_data (G_OBJECT (chooser), "action", (gpointer) "win.export-taguette-to");
  g_object_set_data_full (G_OBJECT (window), "interop-chooser", chooser, g_object_unref);
  g_signal_connect (chooser, "response", G_CALLBACK (on_open_response), window);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
tissage_window_install_interop_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export-taguette", NULL, export_taguette_activated);
  gtk_widget_class_install_action (widget_class, "win.export-taguette-to", "s", export_taguette_to_activated);
  gtk_widget_class_install_action (widget_class, "win.import-stakeholders", NULL, import_stakeholders_activated);
  gtk_widget_class_install_action (widget_class, "win.import-stakeholders-from", "s", import_stakeholders_from_activated);
  gtk_widget_class_install_action (widget_class, "win.import-referentiel", NULL, import_referentiel_activated);
  gtk_widget_class_install_action (widget_class, "win.import-referentiel-from", "s", import_referentiel_from_activated);
  gtk_widget_class_install_action (widget_class, "win.export-kumu", NULL, export_kumu_activated);
  gtk_widget_class_install_action (widget_class, "win.export-kumu-to", "s", export_kumu_to_activated);
  gtk_widget_class_install_action (widget_class, "win.export-referentiel", NULL, export_referentiel_activated);
  gtk_widget_class_install_action (widget_class, "win.export-referentiel-to", "s", export_referentiel_to_activated);
}

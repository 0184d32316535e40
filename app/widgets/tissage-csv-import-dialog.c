/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-csv-import"

#include "config.h"

#include <glib/gi18n.h>

#include "tissage-csv-import-dialog.h"
#include "tissage-kobo.h"
#include "tissage-spreadsheet.h"
#include "tissage-widget-utils.h"

#define PREVIEW_ROWS 5
#define PREVIEW_COLUMNS 40
#define REPORT_ROWS 100

/* What a position of the combos of the columns stands for: "Ignore", the
 * interview fields, the questions, then each choice of a multiple-choice
 * question, for the columns KoboToolbox gives them. */
typedef struct {
  TissageCsvTarget target;
  gint64           question_id;
  guint            choice;
} Place;

struct _TissageCsvImportDialog
{
  AdwWindow             parent_instance;

  GtkWidget            *content;
  GtkProgressBar       *progress;
  GtkStack             *stack;
  AdwStatusPage        *start_page;
  GtkWidget            *plan_box;
  GtkLabel             *file_label;
  GtkLabel             *summary_label;
  GtkLabel             *encoding_label;
  AdwPreferencesGroup  *interviews_group;
  AdwComboRow          *grid_row;
  AdwComboRow          *structure_row;
  GtkGrid              *preview_grid;
  AdwPreferencesGroup  *columns_group;
  AdwPreferencesGroup  *report_group;

  TissageDocument      *document;
  GtkFileChooserNative *chooser;
  GCancellable         *cancellable;
  TissageCsvImport     *import;
  char                 *file_name;
  GArray               *grid_ids;
  GArray               *structure_ids;
  GPtrArray            *column_rows;
  GArray               *places;       /* Place, per combo position */
  GPtrArray            *report_rows;
  guint                 busy;
  guint                 progress_id;
  gboolean              syncing;
};

G_DEFINE_FINAL_TYPE (TissageCsvImportDialog, tissage_csv_import_dialog, ADW_TYPE_WINDOW)

static void
update_actions (TissageCsvImportDialog *self)
{
  gboolean idle = self->busy == 0;
  gboolean ready = self->import != NULL && tissage_csv_import_is_checked (self->import) &&
                   tissage_csv_import_get_n_accepted (self->import) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.choose", idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.check", idle && self->import != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.apply", idle && ready);
  gtk_widget_set_sensitive (self->plan_box, idle);
}

static gboolean
progress_tick (gpointer data)
{
  TissageCsvImportDialog *self = data;

  if (self->import != NULL)
    gtk_progress_bar_set_fraction (self->progress, tissage_csv_import_get_progress (self->import));
  else
    gtk_progress_bar_pulse (self->progress);

  return G_SOURCE_CONTINUE;
}

static void
set_busy (TissageCsvImportDialog *self,
          gboolean                busy)
{
  self->busy += busy ? 1 : -1;
  gtk_widget_set_visible (GTK_WIDGET (self->progress), self->busy > 0);
  if (self->busy > 0 && self->progress_id == 0)
    {
      gtk_progress_bar_set_fraction (self->progress, 0);
      self->progress_id = g_timeout_add (100, progress_tick, self);
    }
  else if (self->busy == 0)
    g_clear_handle_id (&self->progress_id, g_source_remove);
  update_actions (self);
}

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static void
clear_report (TissageCsvImportDialog *self)
{
  clear_rows (self->report_group, self->report_rows);
  gtk_widget_set_visible (GTK_WIDGET (self->report_group), FALSE);
}

static guint
position_for_column (TissageCsvImportDialog *self,
                     guint                   column)
{
  gint64 question_id = 0;
  TissageCsvTarget target = tissage_csv_import_get_column (self->import, column, &question_id);
  guint choice = tissage_csv_import_get_column_choice (self->import, column);

  for (guint p = 0; p < self->places->len; p++)
    {
      const Place *place = &g_array_index (self->places, Place, p);

      if (place->target == target &&
          (target != TISSAGE_CSV_QUESTION || place->question_id == question_id) &&
          (target != TISSAGE_CSV_OPTION || (place->question_id == question_id && place->choice == choice)))
        return p;
    }

  return 0;
}

/* The combos follow the mapping, which one change may alter in two places. */
static void
sync_columns (TissageCsvImportDialog *self)
{
  self->syncing = TRUE;
  for (guint c = 0; c < self->column_rows->len; c++)
    adw_combo_row_set_selected (g_ptr_array_index (self->column_rows, c), position_for_column (self, c));
  self->syncing = FALSE;
}

static void
column_changed (AdwComboRow            *row,
                GParamSpec             *pspec,
                TissageCsvImportDialog *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "column"));
  guint position = adw_combo_row_get_selected (row);
  const Place *place;

  if (self->syncing || self->import == NULL || position >= self->places->len)
    return;

  place = &g_array_index (self->places, Place, position);
  if (place->target == TISSAGE_CSV_OPTION)
    tissage_csv_import_set_column_option (self->import, column, place->question_id, place->choice);
  else
    tissage_csv_import_set_column (self->import, column, place->target, place->question_id);

  sync_columns (self);
  clear_report (self);
  update_actions (self);
}

static char *
one_line (const char *text)
{
  char *line = g_strdup (text);

  return g_strdelimit (line, "\r\n\t", ' ');
}

static void
fill_preview (TissageCsvImportDialog *self)
{
  const TissageCsv *csv = tissage_csv_import_get_csv (self->import);
  GtkWidget *child;
  guint n_columns = MIN (csv->n_columns, PREVIEW_COLUMNS);
  guint n_rows = MIN (csv->rows->len, PREVIEW_ROWS);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->preview_grid))) != NULL)
    gtk_grid_remove (self->preview_grid, child);

  for (guint c = 0; c < n_columns; c++)
    for (guint r = 0; r <= n_rows; r++)
      {
        const char *text = r == 0 ? csv->header[c] : ((char **) g_ptr_array_index (csv->rows, r - 1))[c];
        g_autofree char *line = one_line (text);
        GtkWidget *label = gtk_label_new (line);

        gtk_label_set_xalign (GTK_LABEL (label), 0);
        gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
        gtk_label_set_width_chars (GTK_LABEL (label), 8);
        gtk_label_set_max_width_chars (GTK_LABEL (label), 22);
        gtk_widget_set_tooltip_text (label, text);
        if (r == 0)
          gtk_widget_add_css_class (label, "heading");
        gtk_grid_attach (self->preview_grid, label, c, r, 1, 1);
      }
}

static void
fill_columns (TissageCsvImportDialog *self)
{
  const TissageCsv *csv = tissage_csv_import_get_csv (self->import);
  g_autoptr(GtkStringList) targets = gtk_string_list_new (NULL);
  guint n_questions = tissage_csv_import_get_n_questions (self->import);

  clear_rows (self->columns_group, self->column_rows);
  g_array_set_size (self->places, 0);

  for (TissageCsvTarget t = TISSAGE_CSV_IGNORE; t < TISSAGE_CSV_N_TARGETS; t++)
    if (t != TISSAGE_CSV_QUESTION && t != TISSAGE_CSV_OPTION)
      {
        Place place = { t, 0, 0 };

        gtk_string_list_append (targets, tissage_csv_target_to_label (t));
        g_array_append_val (self->places, place);
      }
  for (guint q = 0; q < n_questions; q++)
    {
      Place place = { TISSAGE_CSV_QUESTION, tissage_csv_import_get_question_id (self->import, q), 0 };

      gtk_string_list_append (targets, tissage_csv_import_get_question_text (self->import, q));
      g_array_append_val (self->places, place);
    }
  for (guint q = 0; q < n_questions; q++)
    {
      const char * const *choices = tissage_csv_import_get_question_choices (self->import, q);
      gint64 question_id = tissage_csv_import_get_question_id (self->import, q);

      if (choices == NULL || !tissage_csv_import_question_is_multiple (self->import, q))
        continue;
      for (guint k = 0; choices[k] != NULL; k++)
        {
          Place place = { TISSAGE_CSV_OPTION, question_id, k };
          /* TRANSLATORS: a column of 1 and 0 for one choice: the question, then the choice */
          g_autofree char *label = g_strdup_printf (_("%s — chose “%s”"),
                                                    tissage_csv_import_get_question_text (self->import, q),
                                                    choices[k]);

          gtk_string_list_append (targets, label);
          g_array_append_val (self->places, place);
        }
    }

  for (guint c = 0; c < csv->n_columns; c++)
    {
      AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), csv->header[c]);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_combo_row_set_use_subtitle (row, TRUE);
      adw_combo_row_set_model (row, G_LIST_MODEL (targets));
      g_object_set_data (G_OBJECT (row), "column", GUINT_TO_POINTER (c));
      g_signal_connect (row, "notify::selected", G_CALLBACK (column_changed), self);
      adw_preferences_group_add (self->columns_group, GTK_WIDGET (row));
      g_ptr_array_add (self->column_rows, row);
    }

  sync_columns (self);
}

static gint64
selected_id (AdwComboRow *row,
             GArray      *ids)
{
  guint position = adw_combo_row_get_selected (row);

  return position < ids->len ? g_array_index (ids, gint64, position) : 0;
}

/* A new plan for the guide chosen, over the table already read. */
static void
plan_for_grid (TissageCsvImportDialog *self,
               TissageCsv             *csv)
{
  gint64 grid_id = selected_id (self->grid_row, self->grid_ids);
  TissageGrid *grid = tissage_document_lookup (self->document, TISSAGE_TYPE_GRID, grid_id);

  g_return_if_fail (grid != NULL);

  /* A survey tool's export of the form Tissage wrote of the guide is
   * read by the form's names. */
  if (tissage_kobo_count_named_columns (self->document, grid, csv) > 0)
    self->import = tissage_kobo_import_new (self->document, grid, csv);
  else
    self->import = tissage_csv_import_new (self->document, grid, csv);
  fill_columns (self);
  clear_report (self);
  update_actions (self);
}

static void
grid_changed (TissageCsvImportDialog *self)
{
  if (self->import == NULL || self->busy > 0)
    return;

  plan_for_grid (self, tissage_csv_import_free_to_csv (g_steal_pointer (&self->import)));
}

/* The guide whose questions the columns name most, chosen for the user,
 * who may still choose another. */
static void
propose_grid (TissageCsvImportDialog *self,
              TissageCsv             *csv)
{
  guint matched = 0;
  TissageGrid *grid = tissage_csv_find_grid (self->document, csv, &matched);
  g_autofree char *description = NULL;

  /* Columns named as the KoboToolbox form of a guide name that guide,
   * unless the questions' own texts name more of another: a KoboToolbox
   * export may hold a column or two whose header is a question's text. */
  {
    GListModel *grids = tissage_document_get_records (self->document, TISSAGE_TYPE_GRID);

    for (guint i = 0; i < g_list_model_get_n_items (grids); i++)
      {
        g_autoptr(TissageGrid) candidate = g_list_model_get_item (grids, i);
        guint named = tissage_kobo_count_named_columns (self->document, candidate, csv);

        if (named > matched)
          {
            grid = candidate;
            matched = named;
          }
      }
  }

  if (grid != NULL)
    {
      gint64 id = tissage_record_get_id (TISSAGE_RECORD (grid));

      for (guint i = 0; i < self->grid_ids->len; i++)
        if (g_array_index (self->grid_ids, gint64, i) == id)
          adw_combo_row_set_selected (self->grid_row, i);
      description = g_strdup_printf (g_dngettext (NULL, "Recognised from the columns: they name %u question of this guide.",
                                                  "Recognised from the columns: they name %u questions of this guide.",
                                                  matched),
                                     matched);
    }
  else
    description = g_strdup (_("No column names a question of a guide: choose the guide the answers follow."));

  adw_preferences_group_set_description (self->interviews_group, description);
}

static void
show_file (TissageCsvImportDialog *self,
           TissageCsv             *csv)
{
  g_autofree char *lines = NULL;
  g_autofree char *summary = NULL;

  g_clear_pointer (&self->import, tissage_csv_import_free);

  gtk_label_set_text (self->file_label, self->file_name);
  lines = g_strdup_printf (g_dngettext (NULL, "%u line of answers", "%u lines of answers", csv->rows->len),
                           csv->rows->len);
  summary = g_strdup_printf (g_dngettext (NULL, "%s in %u column", "%s in %u columns", csv->n_columns),
                             lines, csv->n_columns);
  gtk_label_set_text (self->summary_label, summary);
  gtk_label_set_text (self->encoding_label,
                      _("The file was not in UTF-8: it was read as a Windows file (Windows-1252)."));
  gtk_widget_set_visible (GTK_WIDGET (self->encoding_label), csv->converted);

  propose_grid (self, csv);
  plan_for_grid (self, csv);
  fill_preview (self);
  gtk_stack_set_visible_child_name (self->stack, "plan");
}

static void
read_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  /* A CSV, or a survey tool's workbook (KoboToolbox exports XLSX). */
  TissageCsv *csv = tissage_spreadsheet_read_table (G_FILE (data), cancellable, &error);

  if (csv == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, csv, (GDestroyNotify) tissage_csv_free);
}

static void
read_done (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  TissageCsvImportDialog *self = TISSAGE_CSV_IMPORT_DIALOG (source);
  g_autoptr(GError) error = NULL;
  TissageCsv *csv = g_task_propagate_pointer (G_TASK (result), &error);

  /* Closed while reading: nothing is left to show it in. */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  set_busy (self, FALSE);

  if (csv == NULL)
    {
      /* The choice stays open: say why, and let another file be chosen. */
      g_autofree char *title = g_strdup_printf (_("“%s” Cannot Be Imported"), self->file_name);

      adw_status_page_set_icon_name (self->start_page, "dialog-warning-symbolic");
      adw_status_page_set_title (self->start_page, title);
      adw_status_page_set_description (self->start_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "start");
      return;
    }

  show_file (self, csv);
}

static void
check_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  GError *error = NULL;

  if (tissage_csv_import_check (data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
add_report_row (TissageCsvImportDialog *self,
                const char             *title,
                const char             *subtitle,
                const char             *icon_name)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_preferences_group_add (self->report_group, row);
  g_ptr_array_add (self->report_rows, row);
}

static void
fill_report (TissageCsvImportDialog *self)
{
  GPtrArray *refusals = tissage_csv_import_get_refusals (self->import);
  guint n_accepted = tissage_csv_import_get_n_accepted (self->import);
  guint n_lines = tissage_csv_import_get_n_refused_lines (self->import);
  guint n_cells = tissage_csv_import_get_n_refused_cells (self->import);
  g_auto(GStrv) unmapped = tissage_csv_import_dup_unmapped (self->import);
  g_autofree char *why = tissage_csv_import_dup_explanation (self->import);
  g_autofree char *ready = NULL;
  g_autofree char *title = NULL;

  clear_report (self);

  ready = g_strdup_printf (g_dngettext (NULL, "%u line ready", "%u lines ready", n_accepted), n_accepted);
  /* TRANSLATORS: "18 lines ready, 2 refused" */
  title = g_strdup_printf (g_dngettext (NULL, "%s, %u refused", "%s, %u refused", n_lines),
                           ready, n_lines);
  adw_preferences_group_set_title (self->report_group, title);
  if (why != NULL)
    adw_preferences_group_set_description (self->report_group, why);
  else if (n_cells > 0)
    {
      g_autofree char *cells = g_strdup_printf (g_dngettext (NULL,
        "%u answer is refused and left empty; the rest of its line is imported. Correct it in the file, or enter it in the interview afterwards.",
        "%u answers are refused and left empty; the rest of their lines is imported. Correct them in the file, or enter them in the interviews afterwards.",
        n_cells), n_cells);

      adw_preferences_group_set_description (self->report_group, cells);
    }
  else
    adw_preferences_group_set_description (self->report_group,
      n_lines > 0
        ? _("A refused line is left out whole. Correct it in the file, then import that line again.")
        : _("Every line of the file can be imported."));

  if (unmapped[0] != NULL)
    {
      g_autofree char *list = g_strjoinv (" ; ", unmapped);

      add_report_row (self, _("Questions without a column stay unanswered"), list, "dialog-information-symbolic");
    }

  for (guint i = 0; i < refusals->len && i < REPORT_ROWS; i++)
    {
      TissageCsvRefusal *refusal = g_ptr_array_index (refusals, i);
      g_autofree char *reasons = g_strjoinv ("\n", refusal->reasons);

      add_report_row (self, reasons, NULL, "dialog-warning-symbolic");
    }

  if (refusals->len > REPORT_ROWS)
    {
      guint more = refusals->len - REPORT_ROWS;
      g_autofree char *rest = g_strdup_printf (g_dngettext (NULL, "And %u more refused line",
                                                            "And %u more refused lines", more), more);

      add_report_row (self, rest, NULL, "view-more-symbolic");
    }

  gtk_widget_set_visible (GTK_WIDGET (self->report_group), TRUE);
}

static void
check_done (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  TissageCsvImportDialog *self = TISSAGE_CSV_IMPORT_DIALOG (source);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) ||
      g_cancellable_is_cancelled (self->cancellable))
    return;
  set_busy (self, FALSE);

  fill_report (self);
  update_actions (self);
}

static void
chooser_response (GtkNativeDialog        *dialog,
                  int                     response,
                  TissageCsvImportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      tissage_csv_import_dialog_open_file (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
choose_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TissageCsvImportDialog *self = TISSAGE_CSV_IMPORT_DIALOG (widget);
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  self->chooser = gtk_file_chooser_native_new (_("Choose the File of Answers"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  gtk_file_filter_set_name (csv, _("Answers (.csv, .xlsx, .ods)"));
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_filter_add_suffix (csv, "txt");
  gtk_file_filter_add_suffix (csv, "xlsx");
  gtk_file_filter_add_suffix (csv, "ods");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), csv);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (self->chooser), csv);

  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
check_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TissageCsvImportDialog *self = TISSAGE_CSV_IMPORT_DIALOG (widget);
  g_autoptr(GTask) task = NULL;

  if (self->import == NULL || self->busy > 0)
    return;

  clear_report (self);
  set_busy (self, TRUE);
  task = g_task_new (self, self->cancellable, check_done, NULL);
  g_task_set_task_data (task, self->import, NULL);
  g_task_run_in_thread (task, check_thread);
}

static void
apply_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TissageCsvImportDialog *self = TISSAGE_CSV_IMPORT_DIALOG (widget);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;
  guint n_imported = 0;

  if (self->import == NULL || self->busy > 0)
    return;

  if (!tissage_csv_import_apply (self->import, self->document,
                                 selected_id (self->structure_row, self->structure_ids),
                                 TISSAGE_STATUS_DONE, &n_imported, &error))
    {
      AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (
        adw_message_dialog_new (GTK_WINDOW (self), _("The Answers Were Not Imported"), error->message));

      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  done = g_strdup_printf (g_dngettext (NULL, "%u interview imported", "%u interviews imported", n_imported),
                          n_imported);
  if (parent != NULL)
    tissage_widget_add_undo_toast (GTK_WIDGET (parent), done);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
fill_choices (TissageCsvImportDialog *self)
{
  g_autoptr(GtkStringList) grids = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) structures = gtk_string_list_new (NULL);
  GListModel *model = tissage_document_get_records (self->document, TISSAGE_TYPE_GRID);
  gint64 none = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TissageGrid) grid = g_list_model_get_item (model, i);
      gint64 id = tissage_record_get_id (TISSAGE_RECORD (grid));

      tissage_string_list_append_name (grids, tissage_grid_get_title (grid));
      g_array_append_val (self->grid_ids, id);
    }
  adw_combo_row_set_model (self->grid_row, G_LIST_MODEL (grids));

  model = tissage_document_get_structures (self->document);
  gtk_string_list_append (structures, _("No structure"));
  g_array_append_val (self->structure_ids, none);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TissageStructure) structure = g_list_model_get_item (model, i);
      gint64 id = tissage_record_get_id (TISSAGE_RECORD (structure));

      tissage_string_list_append_name (structures, tissage_structure_get_name (structure));
      g_array_append_val (self->structure_ids, id);
    }
  adw_combo_row_set_model (self->structure_row, G_LIST_MODEL (structures));
}

static void
tissage_csv_import_dialog_dispose (GObject *object)
{
  TissageCsvImportDialog *self = TISSAGE_CSV_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), TISSAGE_TYPE_CSV_IMPORT_DIALOG);

  G_OBJECT_CLASS (tissage_csv_import_dialog_parent_class)->dispose (object);
}

static void
tissage_csv_import_dialog_finalize (GObject *object)
{
  TissageCsvImportDialog *self = TISSAGE_CSV_IMPORT_DIALOG (object);

  /* A running check holds the dialog: the import is no longer in use here. */
  g_clear_pointer (&self->import, tissage_csv_import_free);
  g_clear_object (&self->document);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->file_name, g_free);
  g_clear_pointer (&self->grid_ids, g_array_unref);
  g_clear_pointer (&self->structure_ids, g_array_unref);
  g_clear_pointer (&self->column_rows, g_ptr_array_unref);
  g_clear_pointer (&self->places, g_array_unref);
  g_clear_pointer (&self->report_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (tissage_csv_import_dialog_parent_class)->finalize (object);
}

static void
tissage_csv_import_dialog_class_init (TissageCsvImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tissage_csv_import_dialog_dispose;
  object_class->finalize = tissage_csv_import_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/tissage-csv-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TissageCsvImportDialog, content);
  gtk_widget_class_bind_template_child (widget_class, TissageCsvImportDialog, progress);
  gtk_widget_class_bind_template_child (widget_class, TissageCsvImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, TissageCsvImportDialog, start_page);
  gtk_widget_class_bind_template_child (widget_class, TissageCsvImportDialog, plan_box);
  gtk_widget_class_bind_template_child (widget_class, TissageCsvImportDialog, file_label);
  gtk_widget_class_bind_template_child (widget_class, TissageCsvImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, TissageCsvImportDialog, encoding_label);
  gtk_widget_class_bind_template_child (widget_class, TissageCsvImportDialog, interviews_group);
  gtk_widget_class_bind_template_child (widget_class, TissageCsvImportDialog, grid_row);
  gtk_widget_class_bind_template_child (widget_class, TissageCsvImportDialog, structure_row);
  gtk_widget_class_bind_template_child (widget_class, TissageCsvImportDialog, preview_grid);
  gtk_widget_class_bind_template_child (widget_class, TissageCsvImportDialog, columns_group);
  gtk_widget_class_bind_template_child (widget_class, TissageCsvImportDialog, report_group);

  gtk_widget_class_install_action (widget_class, "import.choose", NULL, choose_activated);
  gtk_widget_class_install_action (widget_class, "import.check", NULL, check_activated);
  gtk_widget_class_install_action (widget_class, "import.apply", NULL, apply_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tissage_csv_import_dialog_init (TissageCsvImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->grid_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->structure_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->column_rows = g_ptr_array_new ();
  self->places = g_array_new (FALSE, FALSE, sizeof (Place));
  self->report_rows = g_ptr_array_new ();
  g_signal_connect_swapped (self->grid_row, "notify::selected", G_CALLBACK (grid_changed), self);
  update_actions (self);
}

GtkWindow *
tissage_csv_import_dialog_new (GtkWindow       *parent,
                               TissageDocument *document)
{
  TissageCsvImportDialog *self;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), NULL);

  self = g_object_new (TISSAGE_TYPE_CSV_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->document = g_object_ref (document);
  fill_choices (self);

  return GTK_WINDOW (self);
}

void
tissage_csv_import_dialog_open_file (TissageCsvImportDialog *self,
                                     GFile                  *file)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TISSAGE_IS_CSV_IMPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  g_free (self->file_name);
  self->file_name = g_file_get_basename (file);

  set_busy (self, TRUE);
  task = g_task_new (self, self->cancellable, read_done, NULL);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, read_thread);
}

gboolean
tissage_csv_import_dialog_is_busy (TissageCsvImportDialog *self)
{
  g_return_val_if_fail (TISSAGE_IS_CSV_IMPORT_DIALOG (self), FALSE);

  return self->busy > 0;
}

TissageCsvImport *
tissage_csv_import_dialog_get_import (TissageCsvImportDialog *self)
{
  g_return_val_if_fail (TISSAGE_IS_CSV_IMPORT_DIALOG (self), NULL);

  return self->import;
}

AdwComboRow *
tissage_csv_import_dialog_get_column_row (TissageCsvImportDialog *self,
                                          guint                   column)
{
  g_return_val_if_fail (TISSAGE_IS_CSV_IMPORT_DIALOG (self), NULL);
  g_return_val_if_fail (column < self->column_rows->len, NULL);

  return g_ptr_array_index (self->column_rows, column);
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-widgets"

#include "config.h"

#include <glib/gi18n.h>

#include "tissage-contribution.h"
#include "tissage-window-contributions.h"
#include "tissage-text.h"

static void
show_error (TissageWindow *window,
            const char    *heading,
            const char    *body)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (window), heading, body));

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

char *
tissage_contribution_dup_banner (TissageDocument *document)
{
  g_autofree char *project = NULL;
  g_autofree char *structure = NULL;
  g_autofree char *created = NULL;
  g_autofree char *when = NULL;

  if (document == NULL || !tissage_contribution_describe (document, &project, &structure, &created))
    return NULL;

  when = tissage_text_format_stamp (created, FALSE);
  return g_strdup_printf (_("Contribution of %s to the project “%s”, prepared on %s. The référentiel, the theory of change, the guides and the periods stay the coordination’s: they are read-only here. The coordinator merges the rest back into the project."),
                          structure, project, when);
}

/* Preparing */

static void
on_prepare_saved (GtkNativeDialog *chooser,
                  int              response,
                  TissageWindow   *window)
{
  gint64 structure = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (chooser), "structure"));
  g_autoptr(GFile) file = response == GTK_RESPONSE_ACCEPT ? gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser)) : NULL;
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  g_object_set_data (G_OBJECT (window), "contribution-chooser", NULL);
  if (file == NULL)
    return;
  if (path == NULL)
    {
      show_error (window, _("The Contribution Could Not Be Prepared"), _("Only a local folder can be chosen."));
      return;
    }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.prepare-contribution-to", "(xs)", structure, path);
}

static void
on_structure_chosen (AdwMessageDialog *dialog,
                     const char       *response,
                     TissageWindow    *window)
{
  GtkDropDown *choice = g_object_get_data (G_OBJECT (dialog), "choice");
  TissageDocument *document = tissage_window_get_document (window);
  g_autoptr(TissageStructure) structure = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (!g_str_equal (response, "prepare") || document == NULL)
    return;

  structure = g_list_model_get_item (tissage_document_get_structures (document), gtk_drop_down_get_selected (choice));
  if (structure == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Prepare a Contribution"), GTK_WINDOW (window),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Prepare"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  /* Translators: the file name proposed for a member structure's contribution */
  name = g_strdup_printf (_("Contribution %s.tissage"), tissage_structure_get_name (structure));
  g_strdelimit (name, "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  folder = g_file_get_parent (tissage_document_get_file (document));
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  g_object_set_data (G_OBJECT (chooser), "structure",
                     GSIZE_TO_POINTER ((gsize) tissage_record_get_id (TISSAGE_RECORD (structure))));
  g_object_set_data_full (G_OBJECT (window), "contribution-chooser", chooser, g_object_unref);
  g_signal_connect (chooser, "response", G_CALLBACK (on_prepare_saved), window);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
tissage_contribution_choose_prepare (TissageWindow *window)
{
  TissageDocument *document = tissage_window_get_document (window);
  GListModel *structures;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  AdwMessageDialog *dialog;
  GtkWidget *choice;

  if (document == NULL)
    return;

  structures = tissage_document_get_structures (document);
  if (g_list_model_get_n_items (structures) == 0)
    {
      show_error (window, _("The Contribution Could Not Be Prepared"),
                  _("The project has no member structure yet: add them in “Member Structures and Categories”."));
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (structures); i++)
    {
      g_autoptr(TissageStructure) structure = g_list_model_get_item (structures, i);

      gtk_string_list_append (names, tissage_structure_get_name (structure));
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (window), _("Prepare a Contribution"),
                                                       _("A copy of the project for one member structure: the référentiel, the guides, the periods, the stakeholders and links, and only that structure’s interviews, quotes and values.")));
  choice = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (choice), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Member structure"), -1);
  adw_message_dialog_set_extra_child (dialog, choice);
  g_object_set_data (G_OBJECT (dialog), "choice", choice);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "prepare", _("_Choose Where…"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "prepare", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "prepare");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_structure_chosen), window);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
tissage_contribution_prepare_to (TissageWindow *window,
                                 gint64         structure_id,
                                 const char    *path)
{
  TissageDocument *document = tissage_window_get_document (window);
  g_autofree char *with_suffix = g_str_has_suffix (path, ".tissage") ? g_strdup (path) : g_strconcat (path, ".tissage", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (with_suffix);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_filename_display_basename (with_suffix);
  g_autofree char *title = NULL;

  if (document == NULL)
    return;

  if (g_file_equal (file, tissage_document_get_file (document)))
    {
      show_error (window, _("The Contribution Could Not Be Prepared"),
                  _("Choose another name: the contribution cannot replace the project it comes from."));
      return;
    }
  if (!tissage_contribution_export (document, structure_id, file, &error))
    {
      show_error (window, _("The Contribution Could Not Be Prepared"), error->message);
      return;
    }

  title = g_strdup_printf (_("Contribution written to “%s”"), name);
  tissage_window_add_toast (window, adw_toast_new (title));
}

/* Choosing a contribution to merge or to update: a file beside the
 * project, then @action with its path. */
static void
on_contribution_chosen (GtkNativeDialog *chooser,
                        int              response,
                        TissageWindow   *window)
{
  g_autoptr(GFile) file = response == GTK_RESPONSE_ACCEPT ? gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser)) : NULL;
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
  g_autofree char *action = g_strdup (g_object_get_data (G_OBJECT (chooser), "action"));
  g_autofree char *failed = g_strdup (g_object_get_data (G_OBJECT (chooser), "failed"));

  g_object_set_data (G_OBJECT (window), "contribution-chooser", NULL);
  if (file == NULL)
    return;
  if (path == NULL)
    {
      show_error (window, failed, _("Only a local folder can be chosen."));
      return;
    }
  gtk_widget_activate_action (GTK_WIDGET (window), action, "s", path);
}

static void
choose_contribution (TissageWindow *window,
                     const char    *title,
                     const char    *accept,
                     const char    *failed,
                     const char    *action)
{
  TissageDocument *document = tissage_window_get_document (window);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GFile) folder = NULL;

  if (document == NULL)
    return;

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (window), GTK_FILE_CHOOSER_ACTION_OPEN, accept, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Tissage projects"));
  gtk_file_filter_add_mime_type (filter, "application/x-tissage");
  gtk_file_filter_add_suffix (filter, "tissage");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  folder = g_file_get_parent (tissage_document_get_file (document));
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  g_object_set_data_full (G_OBJECT (chooser), "action", g_strdup (action), g_free);
  g_object_set_data_full (G_OBJECT (chooser), "failed", g_strdup (failed), g_free);
  g_object_set_data_full (G_OBJECT (window), "contribution-chooser", chooser, g_object_unref);
  g_signal_connect (chooser, "response", G_CALLBACK (on_contribution_chosen), window);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Merging */

void
tissage_contribution_choose_merge (TissageWindow *window)
{
  choose_contribution (window, _("Merge a Contribution"), _("_Read"),
                       _("The Contribution Could Not Be Merged"), "win.merge-contribution-from");
}

void
tissage_contribution_choose_merge_copy (TissageWindow *window)
{
  choose_contribution (window, _("Merge Another Copy of the Project"), _("_Read"),
                       _("The Copy Could Not Be Merged"), "win.merge-contribution-from");
}

/* What a section brings, row by row, under an expander. */
static GtkWidget *
section_row (const TissageMergeSection *section)
{
  GtkWidget *expander = adw_expander_row_new ();
  guint total = section->added + section->changed + section->deleted;
  g_autofree char *counts = g_strdup_printf (_("additions: %u, changes: %u, deletions: %u"),
                                             section->added, section->changed, section->deleted);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), section->label);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), counts);
  for (guint i = 0; i < section->items->len; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_ptr_array_index (section->items, i));
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }
  if (total > section->items->len)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *more = g_strdup_printf (g_dngettext (NULL, "And %u more", "And %u more",
                                                            total - section->items->len),
                                               total - section->items->len);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), more);
      gtk_widget_add_css_class (row, "dim-label");
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }
  return expander;
}

static void
on_choice_toggled (GtkCheckButton *button,
                   TissageMergeConflict *conflict)
{
  if (gtk_check_button_get_active (button))
    conflict->choice = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "choice"));
}

static GtkWidget *
value_button (const char           *caption,
              const char           *value,
              TissageMergeConflict *conflict,
              TissageMergeChoice    choice,
              GtkCheckButton       *group)
{
  GtkWidget *button = gtk_check_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (caption);
  GtkWidget *text = gtk_label_new (value);

  gtk_widget_add_css_class (title, "caption-heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (text), 30);
  gtk_label_set_selectable (GTK_LABEL (text), FALSE);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), text);
  gtk_check_button_set_child (GTK_CHECK_BUTTON (button), box);
  gtk_widget_set_hexpand (button, TRUE);
  if (group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (button), group);
  g_object_set_data (G_OBJECT (button), "choice", GINT_TO_POINTER (choice));
  g_signal_connect (button, "toggled", G_CALLBACK (on_choice_toggled), conflict);
  return button;
}

static void
on_merge_response (AdwMessageDialog *dialog,
                   const char       *response,
                   TissageWindow    *window)
{
  TissageMerge *merge = g_object_get_data (G_OBJECT (dialog), "merge");
  gboolean copy = tissage_merge_is_full_copy (merge);
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "merge"))
    return;

  if (!tissage_merge_apply (merge, TISSAGE_MERGE_CHOICE_NONE, &error))
    {
      show_error (window, copy ? _("The Copy Could Not Be Merged") : _("The Contribution Could Not Be Merged"),
                  error->message);
      return;
    }
  tissage_window_add_undo_toast (window, copy ? _("Other copy merged") : _("Contribution merged"));
}

static void
update_merge_button (AdwMessageDialog *dialog)
{
  TissageMerge *merge = g_object_get_data (G_OBJECT (dialog), "merge");
  GPtrArray *conflicts = tissage_merge_get_conflicts (merge);
  gboolean settled = TRUE;

  for (guint i = 0; i < conflicts->len; i++)
    settled &= ((TissageMergeConflict *) g_ptr_array_index (conflicts, i))->choice != TISSAGE_MERGE_CHOICE_NONE;
  adw_message_dialog_set_response_enabled (dialog, "merge", settled && (tissage_merge_get_n_changes (merge) > 0 || conflicts->len > 0));
}

void
tissage_contribution_merge_from (TissageWindow *window,
                                 const char    *path)
{
  TissageDocument *document = tissage_window_get_document (window);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  TissageMerge *merge;
  AdwMessageDialog *dialog;
  GtkWidget *content, *scrolled, *sections = NULL;
  GPtrArray *conflicts;
  gboolean copy;

  if (document == NULL)
    return;

  merge = tissage_merge_prepare (document, file, &error);
  if (merge == NULL)
    {
      show_error (window, _("The Contribution Could Not Be Merged"), error->message);
      return;
    }
  copy = tissage_merge_is_full_copy (merge);

  if (tissage_merge_get_n_changes (merge) == 0)
    g_string_append (body, _("Nothing new to merge."));
  else
    g_string_append (body, copy ? _("What the other copy brings, section by section: open one to see which rows.")
                                : _("What the contribution brings, section by section: open one to see which rows."));
  for (guint i = 0; i < tissage_merge_get_n_sections (merge); i++)
    {
      const TissageMergeSection *section = tissage_merge_get_section (merge, i);

      if (section->added + section->changed + section->deleted == 0)
        continue;
      if (sections == NULL)
        {
          sections = gtk_list_box_new ();
          gtk_list_box_set_selection_mode (GTK_LIST_BOX (sections), GTK_SELECTION_NONE);
          gtk_widget_add_css_class (sections, "boxed-list");
        }
      gtk_list_box_append (GTK_LIST_BOX (sections), section_row (section));
    }

  {
    g_autofree char *heading = copy ? g_strdup_printf (_("Merge Another Copy of “%s”"), tissage_merge_get_structure_name (merge))
                                    : g_strdup_printf (_("Merge the Contribution of %s"), tissage_merge_get_structure_name (merge));

    dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (window), heading, body->str));
  }
  g_object_set_data_full (G_OBJECT (dialog), "merge", merge, (GDestroyNotify) tissage_merge_free);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  if (sections != NULL)
    gtk_box_append (GTK_BOX (content), sections);

  conflicts = tissage_merge_get_conflicts (merge);
  if (conflicts->len > 0)
    {
      GtkWidget *list = gtk_list_box_new ();
      g_autofree char *title = g_strdup_printf (g_dngettext (NULL, "%u conflict: choose which value to keep",
                                                             "%u conflicts: choose which values to keep", conflicts->len),
                                                conflicts->len);
      GtkWidget *caption = gtk_label_new (title);

      gtk_widget_add_css_class (caption, "heading");
      gtk_label_set_xalign (GTK_LABEL (caption), 0);
      /* The dialog is narrow: the caption wraps rather than being cut. */
      gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
      gtk_box_append (GTK_BOX (content), caption);
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");

      for (guint i = 0; i < conflicts->len; i++)
        {
          TissageMergeConflict *conflict = g_ptr_array_index (conflicts, i);
          GtkWidget *row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
          GtkWidget *sides = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
          g_autofree char *what = g_strdup_printf ("%s — %s — %s", conflict->section, conflict->row, conflict->field);
          GtkWidget *label = gtk_label_new (what);
          GtkWidget *mine, *theirs;

          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
          mine = value_button (_("In the project"), conflict->project_value, conflict, TISSAGE_MERGE_CHOICE_PROJECT, NULL);
          theirs = value_button (copy ? _("In the other copy") : _("In the contribution"), conflict->contribution_value, conflict,
                                 TISSAGE_MERGE_CHOICE_CONTRIBUTION, GTK_CHECK_BUTTON (mine));
          g_signal_connect_swapped (mine, "toggled", G_CALLBACK (update_merge_button), dialog);
          g_signal_connect_swapped (theirs, "toggled", G_CALLBACK (update_merge_button), dialog);
          gtk_box_append (GTK_BOX (sides), mine);
          gtk_box_append (GTK_BOX (sides), theirs);
          gtk_box_append (GTK_BOX (row), label);
          gtk_box_append (GTK_BOX (row), sides);
          gtk_widget_set_margin_start (row, 12);
          gtk_widget_set_margin_end (row, 12);
          gtk_widget_set_margin_top (row, 8);
          gtk_widget_set_margin_bottom (row, 8);
          gtk_list_box_append (GTK_LIST_BOX (list), row);
        }

      gtk_box_append (GTK_BOX (content), list);
    }

  if (sections != NULL || conflicts->len > 0)
    {
      guint n_sections = 0;

      for (guint i = 0; i < tissage_merge_get_n_sections (merge); i++)
        {
          const TissageMergeSection *section = tissage_merge_get_section (merge, i);

          n_sections += section->added + section->changed + section->deleted > 0;
        }
      scrolled = gtk_scrolled_window_new ();
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 420);
      /* Wrapped values are measured for another width: room for each. */
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled),
                                                  (int) MIN (n_sections * 60 + conflicts->len * 110, 420));
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), content);
      adw_message_dialog_set_extra_child (dialog, scrolled);
    }

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "merge", _("_Merge"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "merge", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (dialog, "cancel");
  update_merge_button (dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_merge_response), window);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Updating */

void
tissage_contribution_choose_update (TissageWindow *window)
{
  choose_contribution (window, _("Update a Contribution"), _("_Update"),
                       _("The Contribution Could Not Be Updated"), "win.update-contribution-from");
}

void
tissage_contribution_update_from (TissageWindow *window,
                                  const char    *path)
{
  TissageDocument *document = tissage_window_get_document (window);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_filename_display_basename (path);
  g_autofree char *title = NULL;
  guint left_out = 0;

  if (document == NULL)
    return;

  if (!tissage_contribution_update (document, file, &left_out, &error))
    {
      show_error (window, _("The Contribution Could Not Be Updated"), error->message);
      return;
    }
  if (left_out > 0)
    title = g_strdup_printf (g_dngettext (NULL, "Contribution “%s” updated; %u row left out",
                                          "Contribution “%s” updated; %u rows left out", left_out),
                             name, left_out);
  else
    title = g_strdup_printf (_("Contribution “%s” updated"), name);
  tissage_window_add_toast (window, adw_toast_new (title));
}

/* Follow-up */

static char *
format_when (const char *stamp)
{
  g_autoptr(GDateTime) utc = stamp != NULL ? g_date_time_new_from_iso8601 (stamp, NULL) : NULL;
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  if (local == NULL)
    return g_strdup (stamp != NULL ? stamp : "");
  /* Translators: a date and time, as g_date_time_format() writes them */
  return g_date_time_format (local, _("%m/%d/%Y at %H:%M"));
}

static GtkWidget *
follow_up_row (TissageContributionEvent *event)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *when = format_when (event->when);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (!event->merged)
    {
      title = g_strdup_printf (event->update ? _("Update sent on %s") : _("Copy sent on %s"), when);
      subtitle = g_strdup (event->file_name != NULL ? event->file_name : "");
    }
  else
    {
      g_autofree char *prepared = format_when (event->prepared);
      g_autofree char *conflicts = NULL;

      title = g_strdup_printf (_("Merged on %s, the copy of %s"), when, prepared);
      if (event->conflicts == 0)
        conflicts = g_strdup (_("No conflict"));
      else
        conflicts = g_strdup_printf (g_dngettext (NULL,
                                                  "%u conflict settled: %u for the contribution’s value, %u for the project’s",
                                                  "%u conflicts settled: %u for the contribution’s value, %u for the project’s",
                                                  event->conflicts),
                                     event->conflicts, event->kept_contribution,
                                     event->conflicts - MIN (event->kept_contribution, event->conflicts));
      subtitle = g_strdup_printf ("%s\n%s", event->brought != NULL ? event->brought : "", conflicts);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_icon_name (ADW_ACTION_ROW (row), event->merged ? "document-open-symbolic" : "document-send-symbolic");
  return row;
}

/* The list of what was sent and merged, as the document holds it now. */
static GtkWidget *
follow_up_page (GtkWidget       *dialog,
                TissageDocument *document)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) groups = NULL;
  GtkWidget *page;

  events = tissage_contribution_list_follow_up (document, &error);
  if (events == NULL)
    {
      page = adw_status_page_new ();
      adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), "dialog-error-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (page), _("The Follow-Up Could Not Be Read"));
      adw_status_page_set_description (ADW_STATUS_PAGE (page), error->message);
    }
  else if (events->len == 0)
    {
      page = adw_status_page_new ();
      adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), "document-send-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (page), _("No Contribution Yet"));
      adw_status_page_set_description (ADW_STATUS_PAGE (page),
                                       _("Copies prepared for the member structures and the contributions merged back will be listed here."));
    }
  else
    {
      /* A group a structure, in the order each first appears. */
      groups = g_hash_table_new (g_str_hash, g_str_equal);
      page = adw_preferences_page_new ();
      for (guint i = 0; i < events->len; i++)
        {
          TissageContributionEvent *event = g_ptr_array_index (events, i);
          AdwPreferencesGroup *group = g_hash_table_lookup (groups, event->structure);

          if (group == NULL)
            {
              group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
              adw_preferences_group_set_title (group, event->structure);
              adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);
              g_hash_table_insert (groups, event->structure, group);
            }
          adw_preferences_group_add (group, follow_up_row (event));
        }
    }
  gtk_widget_set_vexpand (page, TRUE);
  /* The names the groups point at go with the window. */
  g_object_set_data_full (G_OBJECT (dialog), "events", g_steal_pointer (&events), (GDestroyNotify) g_ptr_array_unref);
  return page;
}

static gboolean
refresh_follow_up (gpointer data)
{
  GtkWidget *dialog = data;
  TissageDocument *document = g_object_get_data (G_OBJECT (dialog), "document");
  GtkWidget *box = g_object_get_data (G_OBJECT (dialog), "box");
  GtkWidget *old = g_object_get_data (G_OBJECT (dialog), "page");
  GtkWidget *page;

  g_object_steal_data (G_OBJECT (dialog), "refresh");
  if (document == NULL || box == NULL)
    return G_SOURCE_REMOVE;
  if (old != NULL)
    gtk_box_remove (GTK_BOX (box), old);
  page = follow_up_page (dialog, document);
  gtk_box_append (GTK_BOX (box), page);
  g_object_set_data (G_OBJECT (dialog), "page", page);
  return G_SOURCE_REMOVE;
}

static void
cancel_refresh (gpointer data)
{
  g_source_remove (GPOINTER_TO_UINT (data));
}

/* A merge, its undo or redo, a copy sent, a structure renamed: the list
 * is read again once the edit is done. */
static void
on_follow_up_row_changed (TissageDocument *document,
                          const char      *table,
                          gint64           id,
                          GtkWidget       *dialog)
{
  guint source;

  if (!g_str_equal (table, "merges") && !g_str_equal (table, "merge_sections") &&
      !g_str_equal (table, "contribution_exports") && !g_str_equal (table, "structures"))
    return;
  if (g_object_get_data (G_OBJECT (dialog), "refresh") != NULL)
    return;
  source = g_idle_add (refresh_follow_up, dialog);
  g_object_set_data_full (G_OBJECT (dialog), "refresh", GUINT_TO_POINTER (source), cancel_refresh);
}

void
tissage_contribution_show_follow_up (TissageWindow *window)
{
  TissageDocument *document = tissage_window_get_document (window);
  GtkWidget *dialog, *box, *page;

  if (document == NULL)
    return;

  dialog = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (dialog), _("Contribution Follow-Up"));
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (window));
  /* Not modal: it stays open beside the window while copies are sent and
   * merged, and follows the document. */
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 600, 520);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  page = follow_up_page (dialog, document);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (dialog), box);
  g_object_set_data (G_OBJECT (dialog), "box", box);
  g_object_set_data (G_OBJECT (dialog), "page", page);
  g_object_set_data_full (G_OBJECT (dialog), "document", g_object_ref (document), g_object_unref);
  g_signal_connect_object (document, "row-changed", G_CALLBACK (on_follow_up_row_changed), dialog, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

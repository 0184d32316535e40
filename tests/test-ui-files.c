/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

/* The window and the files it opens: broken, read-only, foreign, locked
 * elsewhere, under odd names; closing a detached copy. */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "tissage-bank-dialog.h"
#include "tissage-export-dialog.h"
#include "tissage-interviews.h"
#include "tissage-list-row.h"
#include "tissage-lock.h"
#include "tissage-map-widget.h"
#include "tissage-measures-grid.h"
#include "tissage-referentiel-page.h"
#include "tissage-toc-view.h"
#include "tissage-stakeholder-editor.h"
#include "tissage-stakeholder-page.h"
#include "tissage-structures-window.h"
#include "tissage-synthesis-page.h"
#include "tissage-window.h"
#include "tissage-test-utils.h"
#include "tissage-ui-test-utils.h"
#include "test-ui-private.h"

void
test_bad_file (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "compte-rendu.tissage", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  TissageWindow *window;
  AdwMessageDialog *dialog;
  g_autofree char *expected = NULL;

  g_assert_true (g_file_set_contents (path, "Réunion du comité de pilotage\n", -1, NULL));

  window = open_window (NULL);
  g_assert_false (tissage_window_open_file (window, file));
  wait_frames (3);
  g_assert_null (tissage_window_get_document (window));

  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  expected = g_strdup_printf ("Le fichier « %s » n’est pas un projet Tissage.", "compte-rendu.tissage");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, expected);
  save_screenshot (GTK_WIDGET (dialog), "bad-file.png");
  adw_message_dialog_response (dialog, "close");
  close_window (window);
}

void
test_read_only (void)
{
  g_autoptr(GFile) file = new_project ("futur.tissage");
  g_autofree char *path = g_file_get_path (file);
  TissageWindow *window;
  TissageDocument *document;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  window = open_window (file);
  document = tissage_window_get_document (window);
  g_assert_true (tissage_document_get_read_only (document));
  g_assert_nonnull (find_label (GTK_WIDGET (window), tissage_document_get_read_only_reason (document)));

  /* Nothing can be added. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-stakeholder", NULL);
  wait_frames (2);
  g_assert_cmpuint (g_list_model_get_n_items (tissage_document_get_stakeholders (document)), ==, 0);
  close_window (window);
}

/* A received file with a trigger of another tool: read-only, said in
 * French, and a repaired copy is one button away and opens for editing. */
void
test_foreign_file (void)
{
  g_autoptr(GFile) file = new_project ("recu.tissage");
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *copy_path = g_build_filename (tmp_dir, "recu-reparee.tissage", NULL);
  g_autoptr(GFile) copy_file = g_file_new_for_path (copy_path);
  TissageWindow *window;
  TissageDocument *document;
  GtkWidget *button;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TRIGGER wipe AFTER UPDATE ON stakeholders BEGIN DELETE FROM interviews; END;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  window = open_window (file);
  document = tissage_window_get_document (window);
  g_assert_true (tissage_document_get_read_only (document));
  g_assert_nonnull (find_label (GTK_WIDGET (window), tissage_document_get_read_only_reason (document)));
  g_assert_true (g_str_has_prefix (tissage_document_get_read_only_reason (document), "«\u00a0recu.tissage\u00a0» contient des éléments que Tissage n’a pas écrits"));
  button = find_label (GTK_WIDGET (window), "Enregistrer une copie…");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_visible (button));
  save_screenshot (GTK_WIDGET (window), "foreign-file.png");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.save-copy-to", "s", copy_path);
  wait_frames (2);
  document = tissage_window_get_document (window);
  g_assert_true (g_file_equal (tissage_document_get_file (document), copy_file));
  g_assert_false (tissage_document_get_read_only (document));
  close_window (window);
}

static gboolean
message_dialog_shown (gpointer data)
{
  AdwMessageDialog *dialog = find_message_dialog ();

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog)) &&
         gtk_widget_get_width (GTK_WIDGET (dialog)) > 0;
}

static gboolean
document_is_read_only (gpointer document)
{
  return tissage_document_get_read_only (document);
}

/* The file goes away under the window (a sync client replaced it): the
 * window says so, and closing it asks first, a copy one button away. */
void
test_detached_close_asks (void)
{
  g_autoptr(GFile) file = new_project ("synchronise.tissage");
  g_autofree char *path = g_file_get_path (file);
  TissageWindow *window;
  TissageDocument *document;
  AdwMessageDialog *dialog;

  window = open_window (file);
  document = tissage_window_get_document (window);
  g_assert_cmpint (g_unlink (path), ==, 0);
  wait_until (document_is_read_only, document, 5000);
  g_assert_true (tissage_document_get_detached (document));
  wait_frames (2);
  g_assert_nonnull (find_label (GTK_WIDGET (window), "Enregistrer une copie…"));

  gtk_window_close (GTK_WINDOW (window));
  wait_frames (3);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "save"));
  save_screenshot (GTK_WIDGET (dialog), "close-detached.png");
  adw_message_dialog_response (dialog, "cancel");
  wait_frames (2);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  close_window (window);
}

/* Read-only, a long stakeholder can still be scrolled through and read. */
void
test_read_only_scrolls (void)
{
  g_autoptr(GFile) file = new_project ("protege.tissage");
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *lock_path = tissage_lock_path_for (path);
  TissageWindow *window;
  GtkWidget *editor;
  GtkWidget *scrolled;
  GtkWidget *content;

  g_assert_true (g_file_set_contents (lock_path, "[Tissage]\nUser=Marie\nHost=portable-marie\nPid=4242\n", -1, NULL));
  window = open_window (NULL);
  {
    /* The window holds its own reference. */
    g_autoptr(TissageDocument) read_only = tissage_document_open_for_reading_with_reason (file, "Lecture seule", NULL);

    tissage_window_set_document (window, read_only);
  }
  wait_frames (3);

  editor = tissage_stakeholder_page_get_editor (TISSAGE_STAKEHOLDER_PAGE (tissage_window_get_stakeholder_page (window)));
  g_assert_nonnull (editor);
  scrolled = find_child_of_type (editor, GTK_TYPE_SCROLLED_WINDOW);
  g_assert_nonnull (scrolled);
  g_assert_true (gtk_widget_is_sensitive (scrolled));
  content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  if (GTK_IS_VIEWPORT (content))
    content = gtk_viewport_get_child (GTK_VIEWPORT (content));
  g_assert_false (gtk_widget_is_sensitive (content));
  close_window (window);
  g_unlink (lock_path);
}

/* A name from an archive made on Windows, not UTF-8: it opens, and the
 * window goes on to other projects. */
void
test_name_not_utf8 (void)
{
  g_autoptr(GFile) first = new_project ("premier.tissage");
  g_autofree char *first_path = g_file_get_path (first);
  g_autofree char *latin1 = g_build_filename (tmp_dir, "R\xe9union.tissage", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (latin1);
  g_autoptr(GFile) other = new_project ("autre.tissage");
  TissageWindow *window;

  g_assert_cmpint (g_rename (first_path, latin1), ==, 0);
  window = open_window (file);
  g_assert_nonnull (tissage_window_get_document (window));
  tissage_window_set_document (window, NULL);
  g_assert_true (tissage_window_open_file (window, other));
  wait_frames (2);
  close_window (window);
}

/* The project reached again through a linked folder is the window that
 * has it open, not a second window locked out by the first. */
void
test_same_project_through_link (void)
{
  g_autoptr(GFile) file = new_project ("lie.tissage");
  g_autofree char *link_dir = g_build_filename (tmp_dir, "raccourci", NULL);
  g_autofree char *linked_path = g_build_filename (link_dir, "lie.tissage", NULL);
  g_autoptr(GFile) linked = g_file_new_for_path (linked_path);
  TissageWindow *window;
  guint before;

  g_assert_cmpint (symlink (tmp_dir, link_dir), ==, 0);
  window = open_window (file);
  before = g_list_length (gtk_application_get_windows (GTK_APPLICATION (application)));
  g_application_open (G_APPLICATION (application), &linked, 1, "");
  wait_frames (3);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (application))), ==, before);
  g_assert_null (find_message_dialog ());
  close_window (window);
  g_unlink (link_dir);
}

/* Open on another computer: who, where and since when, and it can be read. */
void
test_locked_elsewhere (void)
{
  g_autoptr(GFile) file = new_project ("partage.tissage");
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *lock_path = tissage_lock_path_for (path);
  g_autoptr(GDateTime) since = g_date_time_new_now_local ();
  g_autofree char *iso = g_date_time_format_iso8601 (since);
  g_autofree char *lock = g_strdup_printf ("[Tissage]\nUser=Marie Dupont\nHost=portable-marie\nPid=4242\nSince=%s\n", iso);
  TissageWindow *window;
  AdwMessageDialog *dialog;
  TissageDocument *document;

  g_assert_true (g_file_set_contents (lock_path, lock, -1, NULL));

  window = open_window (NULL);
  g_assert_false (tissage_window_open_file (window, file));
  wait_until (message_dialog_shown, NULL, 5000);
  dialog = find_message_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Ouvert par Marie Dupont sur l’ordinateur «\u00a0portable-marie\u00a0» depuis"));
  g_assert_true (adw_message_dialog_has_response (dialog, "take-over"));
  save_screenshot (GTK_WIDGET (dialog), "locked-elsewhere.png");
  adw_message_dialog_response (dialog, "read-only");
  wait_frames (2);

  document = tissage_window_get_document (window);
  g_assert_nonnull (document);
  g_assert_true (tissage_document_get_read_only (document));
  g_assert_nonnull (strstr (tissage_document_get_read_only_reason (document), "Marie Dupont"));
  close_window (window);

  /* The lock was theirs: reading left it as it was. */
  g_assert_true (g_file_test (lock_path, G_FILE_TEST_IS_REGULAR));
  g_unlink (lock_path);
}

#define LONG_NAME_PREFIX "Collectif des habitants "
#define LONG_NAME_CHARS  800000

/*
 * A file written elsewhere holds a name of 800,000 characters, under the
 * document's own limit of 1 MiB but far more than any entry lets one type:
 * the window keeps its size and the name is shown shortened, in the list,
 * in the editor and on the map.
 */
void
test_long_name (void)
{
  g_autoptr(GFile) file = g_file_new_build_filename (tmp_dir, "nom-long.tissage", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) example = tissage_document_create_example (file, &error);
  g_autoptr(GString) name = g_string_sized_new (LONG_NAME_CHARS + 32);
  g_autofree char *path = g_file_get_path (file);
  TissageStakeholder *stakeholder;
  TissageStakeholderPage *page;
  TissageWindow *window;
  GtkWidget *row;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int min_width = 0, natural_width = 0;
  gint64 id;

  g_assert_no_error (error);
  g_clear_object (&example);

  while (name->len < LONG_NAME_CHARS)
    g_string_append (name, LONG_NAME_PREFIX);
  g_string_truncate (name, LONG_NAME_CHARS);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE stakeholders SET name = ?1 WHERE id = (SELECT min (id) FROM stakeholders) RETURNING id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, name->str, (int) name->len, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  window = open_window (file);
  page = TISSAGE_STAKEHOLDER_PAGE (tissage_window_get_stakeholder_page (window));
  stakeholder = TISSAGE_STAKEHOLDER (tissage_document_lookup (tissage_window_get_document (window),
                                                              TISSAGE_TYPE_STAKEHOLDER, id));
  g_assert_nonnull (stakeholder);
  g_assert_cmpuint (strlen (tissage_stakeholder_get_name (stakeholder)), ==, LONG_NAME_CHARS);
  g_assert_true (tissage_stakeholder_page_select (page, stakeholder));
  wait_frames (10);
  save_screenshot (GTK_WIDGET (window), "long-name.png");

  /* The window stays within the screen, and is not squeezed to a strip. */
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, &natural_width, NULL, NULL);
  g_test_message ("window: minimum %d, natural %d, %d × %d", min_width, natural_width,
                  gtk_widget_get_width (GTK_WIDGET (window)), gtk_widget_get_height (GTK_WIDGET (window)));
  g_assert_cmpint (min_width, <, 1600);
  g_assert_cmpint (natural_width, <, 1600);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 1600);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window)), >=, 600);

  /* Shown shortened, with an ellipsis, and the document keeps every
   * character of it. */
  row = find_shown_widget (GTK_WIDGET (page), has_list_row_prefix, LONG_NAME_PREFIX);
  g_assert_nonnull (row);
  g_assert_cmpuint (g_utf8_strlen (tissage_list_row_get_title (TISSAGE_LIST_ROW (row)), -1), <=, TISSAGE_NAME_MAX_CHARS + 1);
  g_assert_true (g_str_has_suffix (tissage_list_row_get_title (TISSAGE_LIST_ROW (row)), "…"));
  g_assert_cmpuint (strlen (tissage_stakeholder_get_name (stakeholder)), ==, LONG_NAME_CHARS);

  close_window (window);
}

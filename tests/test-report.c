/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define _GNU_SOURCE
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <cairo.h>
#include <sqlite3.h>
#include <string.h>

#include "tissage-figures.h"
#include "tissage-privacy.h"
#include "tissage-report-private.h"
#include "tissage-test-utils.h"

/*
 * The report for the funders, as `tissage --export-report` writes it and
 * as poppler (Debian's poppler-utils) reads it back: every section, the
 * key figures of the core, no name of a person interviewed unless asked,
 * every font embedded, no ink outside the margins, the links and page
 * numbers of its table of contents, and projects that push the layout.
 */

#define MARGIN_MM 15.0
#define RENDER_DPI 36

/* Runs a poppler tool; a missing one fails the test, naming its package. */
static char *
poppler (const char *tool,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;
  va_list args;

  g_autofree char *found = g_find_program_in_path (tool);

  if (found == NULL)
    g_error ("%s is missing: install Debian's poppler-utils (see .ci/setup) to run the report's tests", tool);

  g_ptr_array_add (argv, (gpointer) tool);
  va_start (args, tool);
  for (const char *arg = va_arg (args, const char *); arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", tool, err);
  return out;
}

typedef struct
{
  char *dir;
  char *project;
  char *pdf;
} Paths;

static void
paths_init (Paths *paths)
{
  g_autoptr(GError) error = NULL;

  paths->dir = g_dir_make_tmp ("tissage-report-XXXXXX", &error);
  g_assert_no_error (error);
  paths->project = g_build_filename (paths->dir, "projet.tissage", NULL);
  paths->pdf = g_build_filename (paths->dir, "rapport.pdf", NULL);
}

static void
paths_clear (Paths *paths)
{
  remove_tree (paths->dir);
  g_free (paths->dir);
  g_free (paths->project);
  g_free (paths->pdf);
}

static void
new_demo (Paths *paths)
{
  int status;

  g_free (run_tissage (&status, NULL, "--new-demo", paths->project, NULL));
  g_assert_cmpint (status, ==, 0);
}

static sqlite3 *
open_db (const char *path,
         int         flags)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, flags, NULL), ==, SQLITE_OK);
  return db;
}

static gint64
lookup_id (sqlite3    *db,
           const char *sql,
           const char *name)
{
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpint (id, !=, 0);
  return id;
}

static void
exec_sql (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static int
n_pages (const char *pdf)
{
  g_autofree char *info = poppler ("pdfinfo", pdf, NULL);
  const char *pages = strstr (info, "\nPages:");

  g_assert_nonnull (pages);
  return atoi (pages + strlen ("\nPages:"));
}

static char *
page_text (const char *pdf,
           int         page)
{
  g_autofree char *number = g_strdup_printf ("%d", page);

  return poppler ("pdftotext", "-layout", "-f", number, "-l", number, pdf, "-", NULL);
}

/* Every page rendered: nothing darker than white in the band of the
 * margins (one pixel less, for antialiasing). */
static void
assert_margins_blank (const char *pdf)
{
  g_autofree char *dir = g_path_get_dirname (pdf);
  g_autofree char *root = g_build_filename (dir, "page", NULL);
  g_autofree char *dpi = g_strdup_printf ("%d", RENDER_DPI);
  int pages = n_pages (pdf);
  int band = (int) floor (MARGIN_MM / 25.4 * RENDER_DPI) - 1;

  g_free (poppler ("pdftoppm", "-gray", "-r", dpi, pdf, root, NULL));

  for (int page = 1; page <= pages; page++)
    {
      g_autofree char *contents = NULL;
      g_autofree char *name = NULL;
      g_autofree char *path = NULL;
      gsize length;
      int width, height, max, offset = 0;
      const guchar *pixels;

      /* pdftoppm pads the number to the width of the last one. */
      name = g_strdup_printf ("page-%0*d.pgm", pages >= 100 ? 3 : pages >= 10 ? 2 : 1, page);
      path = g_build_filename (dir, name, NULL);
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_assert_cmpint (sscanf (contents, "P5 %d %d %d%n", &width, &height, &max, &offset), ==, 3);
      pixels = (const guchar *) contents + offset + 1;
      g_assert_cmpuint (length, >=, (gsize) (offset + 1 + width * height));

      for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
          {
            gboolean in_band = x < band || y < band || x >= width - band || y >= height - band;

            if (in_band && pixels[y * width + x] < 250)
              g_error ("page %d of %s has ink at (%d, %d), in its margin", page, pdf, x, y);
          }
      g_unlink (path);
    }
}

static void
assert_fonts_embedded (const char *pdf)
{
  g_autofree char *fonts = poppler ("pdffonts", pdf, NULL);
  g_auto(GStrv) lines = g_strsplit (fonts, "\n", -1);
  guint n = 0;

  /* name, type, encoding, emb, sub, uni, object ID: "emb" is the 4th
   * column from the right but one; look for " yes " after the type. */
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      guint n_fields;

      if (*lines[i] == '\0')
        continue;
      fields = g_regex_split_simple ("\\s+", g_strstrip (lines[i]), 0, 0);
      n_fields = g_strv_length (fields);
      g_assert_cmpuint (n_fields, >=, 7);
      /* ... emb sub uni object ID */
      if (!g_str_equal (fields[n_fields - 5], "yes"))
        g_error ("a font of the report is not embedded: %s", lines[i]);
      n++;
    }
  g_assert_cmpuint (n, >, 0);
}

static char *
export (const char *pdf,
        const char *project,
        int         expected,
        ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *err = NULL;
  va_list args;
  char *out;
  int status;

  va_start (args, expected);
  for (const char *arg = va_arg (args, const char *); arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);

  switch (argv->len)
    {
    case 0:
      out = run_tissage (&status, &err, "--export-report", pdf, project, NULL);
      break;
    case 1:
      out = run_tissage (&status, &err, "--export-report", pdf, argv->pdata[0], project, NULL);
      break;
    case 2:
      out = run_tissage (&status, &err, "--export-report", pdf, argv->pdata[0], argv->pdata[1], project, NULL);
      break;
    case 4:
      out = run_tissage (&status, &err, "--export-report", pdf, argv->pdata[0], argv->pdata[1], argv->pdata[2],
                         argv->pdata[3], project, NULL);
      break;
    default:
      g_assert_not_reached ();
    }
  g_free (out);
  if (status != expected)
    g_error ("--export-report exited with %d, not %d: %s", status, expected, err);
  return g_steal_pointer (&err);
}

/* @text with the typographic apostrophe the report sets. */
static char *
curly (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "'", -1);

  return g_strjoinv ("’", parts);
}

/* The line of the table of contents naming @title, and its page. */
static int
toc_page_of (const char *toc,
             const char *title)
{
  g_auto(GStrv) lines = g_strsplit (toc, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *found = strstr (lines[i], title);

      if (found != NULL)
        {
          const char *end = lines[i] + strlen (lines[i]);

          while (end > found && g_ascii_isspace (end[-1]))
            end--;
          while (end > found && g_ascii_isdigit (end[-1]))
            end--;
          return atoi (end);
        }
    }
  g_error ("the table of contents does not list “%s”:\n%s", title, toc);
}

static void
test_sections (void)
{
  static const char * const sections[] = {
    "Chiffres clés", "Carte des parties prenantes", "Enjeux, effets et indicateurs",
    "Méthodologie", "Annexe",
  };
  Paths paths;
  g_autofree char *toc = NULL;
  g_autofree char *info = NULL;
  g_autofree char *all = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt;
  int pages;

  paths_init (&paths);
  new_demo (&paths);
  g_free (export (paths.pdf, paths.project, 0, NULL));

  pages = n_pages (paths.pdf);
  g_assert_cmpint (pages, >, 6);
  toc = page_text (paths.pdf, 2);
  g_assert_nonnull (strstr (toc, "Sommaire"));
  all = poppler ("pdftotext", paths.pdf, "-", NULL);

  /* Each section where its line of the table of contents says. */
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      int page = toc_page_of (toc, sections[i]);
      g_autofree char *text = NULL;

      g_assert_cmpint (page, >, 2);
      g_assert_cmpint (page, <=, pages);
      text = page_text (paths.pdf, page);
      if (strstr (text, sections[i]) == NULL)
        g_error ("page %d does not open “%s”:\n%s", page, sections[i], text);
    }

  /* And each enjeu. */
  db = open_db (paths.project, SQLITE_OPEN_READONLY);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT title FROM stakes", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *title = curly ((const char *) sqlite3_column_text (stmt, 0));
      int page = toc_page_of (toc, title);
      g_autofree char *text = page_text (paths.pdf, page);

      g_assert_nonnull (strstr (text, title));
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  /* Pages numbered "page 3 sur 12", typeset the French way. */
  {
    g_autofree char *footer = g_strdup_printf ("page 3 sur %d", pages);

    g_assert_nonnull (strstr (all, footer));
  }
  /* pdftotext reads the narrow no-break space as a space. */
  g_assert_nonnull (strstr (all, "Effet :"));
  g_assert_null (strstr (all, "Effet:"));
  g_assert_nonnull (strstr (all, "« "));

  /* The links of the table of contents, and the metadata. */
  {
    g_autofree char *pdf = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (paths.pdf, &pdf, &length, NULL));
    /* The file holds binary streams: not a string. */
    g_assert_nonnull (memmem (pdf, length, "/Subtype /Link", strlen ("/Subtype /Link")));
    g_assert_nonnull (memmem (pdf, length, "/Dest (section-", strlen ("/Dest (section-")));
    g_assert_nonnull (memmem (pdf, length, "/Outlines", strlen ("/Outlines")));
  }
  info = poppler ("pdfinfo", paths.pdf, NULL);
  g_assert_true (g_regex_match_simple ("^Title: +Mesure d'impact", info, G_REGEX_MULTILINE, 0) ||
                 g_regex_match_simple ("^Title: +Mesure d’impact", info, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^Author: +Collectif", info, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^Subject: +Rapport d’impact social", info, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^Creator: +Tissage", info, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^Page size: +595.* x 841.* \\(A4\\)", info, G_REGEX_MULTILINE, 0));

  assert_fonts_embedded (paths.pdf);
  assert_margins_blank (paths.pdf);

  paths_clear (&paths);
}

/* The number after @label in the table of key figures, -1 if none;
 * @collective gets the column beside it, -1 if none. */
static gint64
figure_of (const char *text,
           const char *label,
           gint64     *collective)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      g_autofree char *stripped = g_strstrip (g_strdup (lines[i]));
      gint64 values[2] = { -1, -1 };
      guint n = 0;

      fields = g_regex_split_simple ("\\s{2,}", stripped, 0, 0);
      if (fields[0] == NULL || !g_str_equal (fields[0], label))
        continue;
      for (guint f = 1; fields[f] != NULL && n < 2; f++)
        {
          g_autoptr(GString) digits = g_string_new (NULL);

          for (const char *p = fields[f]; *p != '\0'; p++)
            if (g_ascii_isdigit (*p))
              g_string_append_c (digits, *p);
          if (digits->len > 0)
            values[n++] = g_ascii_strtoll (digits->str, NULL, 10);
        }
      if (collective != NULL)
        *collective = values[1];
      return values[0];
    }
  return -1;
}

static void
assert_figures (const char           *text,
                const TissageFigures *figures,
                const TissageFigures *collective)
{
  const struct { const char *label; guint value, whole; } rows[] = {
    { "Structures membres", figures->structures, collective->structures },
    { "Parties prenantes", figures->stakeholders, collective->stakeholders },
    { "Liens de coopération", figures->links, collective->links },
    { "Indicateurs", figures->indicators, collective->indicators },
    { "Indicateurs chiffrés", figures->quantitative, collective->quantitative },
    { "Indicateurs renseignés", figures->measured, collective->measured },
    { "Indicateurs avec une cible chiffrée", figures->with_target, collective->with_target },
    { "Cibles mesurées", figures->targets_measured, collective->targets_measured },
    { "Cibles atteintes ou dépassées", figures->targets_reached, collective->targets_reached },
    { "Valeurs saisies", figures->values_entered, collective->values_entered },
    { "Entretiens", figures->interviews, collective->interviews },
    { "Entretiens terminés", figures->interviews_done, collective->interviews_done },
    { "Verbatims", figures->verbatims, collective->verbatims },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      gint64 whole = -1;
      gint64 value = figure_of (text, rows[i].label, &whole);

      if (value != rows[i].value)
        g_error ("the report gives %" G_GINT64_FORMAT " for “%s”, the core %u:\n%s", value, rows[i].label,
                 rows[i].value, text);
      if (figures != collective && whole != rows[i].whole)
        g_error ("the report gives %" G_GINT64_FORMAT " for the collective's “%s”, the core %u", whole,
                 rows[i].label, rows[i].whole);
    }
}

/* The key figures are the core's, for the whole project, for a period,
 * and for a period and a structure beside the collective. */
static void
test_figures (void)
{
  Paths paths;
  TissageFigures figures, collective;
  g_autoptr(GError) error = NULL;
  g_autofree char *period = NULL;
  g_autofree char *structure = NULL;
  gint64 period_id, structure_id;
  sqlite3 *db;

  paths_init (&paths);
  new_demo (&paths);
  db = open_db (paths.project, SQLITE_OPEN_READONLY);

  g_free (export (paths.pdf, paths.project, 0, NULL));
  g_assert_true (tissage_db_compute_figures (db, 0, 0, &figures, &error));
  g_assert_no_error (error);
  {
    g_autofree char *text = page_text (paths.pdf, 3);

    assert_figures (text, &figures, &figures);
  }

  {
    sqlite3_stmt *stmt = NULL;

    /* A period with dates, and the structure that held the most interviews. */
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT label FROM periods WHERE start_date <> '' ORDER BY position DESC LIMIT 1",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    period = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    sqlite3_finalize (stmt);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT s.name FROM structures s JOIN interviews iv ON iv.structure_id = s.id"
                                             " GROUP BY s.id ORDER BY count (*) DESC LIMIT 1",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    structure = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    sqlite3_finalize (stmt);
  }
  period_id = lookup_id (db, "SELECT id FROM periods WHERE label = ?1", period);
  structure_id = lookup_id (db, "SELECT id FROM structures WHERE name = ?1", structure);

  g_free (export (paths.pdf, paths.project, 0, "--period", period, NULL));
  g_assert_true (tissage_db_compute_figures (db, period_id, 0, &figures, &error));
  {
    g_autofree char *text = page_text (paths.pdf, 3);

    assert_figures (text, &figures, &figures);
  }

  g_free (export (paths.pdf, paths.project, 0, "--period", period, "--structure", structure, NULL));
  g_assert_true (tissage_db_compute_figures (db, period_id, structure_id, &figures, &error));
  g_assert_true (tissage_db_compute_figures (db, period_id, 0, &collective, &error));
  g_assert_cmpuint (figures.interviews, <, collective.interviews);
  {
    g_autofree char *text = page_text (paths.pdf, 3);
    g_autofree char *cover = poppler ("pdftotext", "-f", "1", "-l", "1", paths.pdf, "-", NULL);
    g_autofree char *structure_shown = curly (structure);

    assert_figures (text, &figures, &collective);
    g_strdelimit (cover, "\n", ' ');
    if (strstr (cover, structure_shown) == NULL || strstr (cover, period) == NULL)
      g_error ("the cover does not name %s and %s: %s", structure_shown, period, cover);
  }

  sqlite3_close (db);
  paths_clear (&paths);
}

/* No name of a person interviewed, unless --with-names asks for them. */
static void
test_pseudonymised (void)
{
  Paths paths;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = NULL;
  TissagePrivacy *privacy;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  guint shown = 0;

  paths_init (&paths);
  new_demo (&paths);

  /* Who the interviews name: a stakeholder's name or the pseudonym typed. */
  db = open_db (paths.project, SQLITE_OPEN_READONLY);
  privacy = tissage_privacy_new (db, TRUE, FALSE);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT iv.id, s.name, iv.pseudonym FROM interviews iv"
                                           " LEFT JOIN stakeholders s ON s.id = iv.stakeholder_id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (!tissage_privacy_masks_interview (privacy, sqlite3_column_int64 (stmt, 0)))
        continue;
      for (int column = 1; column <= 2; column++)
        if (sqlite3_column_text (stmt, column) != NULL && *sqlite3_column_text (stmt, column) != '\0')
          g_ptr_array_add (names, curly ((const char *) sqlite3_column_text (stmt, column)));
    }
  sqlite3_finalize (stmt);
  tissage_privacy_free (privacy);
  sqlite3_close (db);
  g_assert_cmpuint (names->len, >, 0);

  g_free (export (paths.pdf, paths.project, 0, NULL));
  text = pdf_text (paths.pdf);
  for (guint i = 0; i < names->len; i++)
    if (strstr (text, g_ptr_array_index (names, i)) != NULL)
      g_error ("the pseudonymised report names “%s”", (char *) g_ptr_array_index (names, i));
  g_assert_nonnull (strstr (text, "Personne interrogée"));
  g_clear_pointer (&text, g_free);

  g_free (export (paths.pdf, paths.project, 0, "--with-names", NULL));
  text = pdf_text (paths.pdf);
  for (guint i = 0; i < names->len; i++)
    shown += strstr (text, g_ptr_array_index (names, i)) != NULL;
  g_assert_cmpuint (shown, >, 0);

  paths_clear (&paths);
}

static char *
repeat (const char *word,
        guint       times)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < times; i++)
    g_string_append (text, word);
  return g_string_free (text, FALSE);
}

/* A quote of thousands of words, an indicator's title of a thousand
 * characters with a word longer than the page: still on their pages,
 * within the margins. */
static void
test_long_texts (void)
{
  Paths paths;
  g_autofree char *quote = repeat ("une parole qui ne finit pas ", 400);
  g_autofree char *word = repeat ("x", 300);
  g_autofree char *more = NULL;
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;

  paths_init (&paths);
  new_demo (&paths);
  more = repeat ("et encore ", 60);
  title = g_strdup_printf ("Indicateur au titre démesuré %s %s", word, more);

  db = open_db (paths.project, SQLITE_OPEN_READWRITE);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE verbatims SET quote = ?1", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, quote, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE indicators SET title = ?1 WHERE id IN (SELECT id FROM indicators LIMIT 3)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, title, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  exec_sql (db, "PRAGMA wal_checkpoint(TRUNCATE)");
  sqlite3_close (db);

  g_free (export (paths.pdf, paths.project, 0, NULL));
  text = poppler ("pdftotext", paths.pdf, "-", NULL);
  g_assert_nonnull (strstr (text, "Indicateur au titre démesuré"));
  /* The quotes are cut, with an ellipsis, inside their box. */
  g_assert_nonnull (strstr (text, "une parole qui ne finit pas"));
  g_assert_nonnull (strstr (text, "…"));
  assert_margins_blank (paths.pdf);

  paths_clear (&paths);
}

/* A project just created: every section says what is missing. */
static void
test_empty_project (void)
{
  Paths paths;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *text = NULL;
  TissageDocument *document;

  paths_init (&paths);
  file = g_file_new_for_path (paths.project);
  document = tissage_document_create (file, &error);
  g_assert_no_error (error);
  g_object_unref (document);

  g_free (export (paths.pdf, paths.project, 0, NULL));
  text = poppler ("pdftotext", paths.pdf, "-", NULL);
  g_assert_nonnull (strstr (text, "Sommaire"));
  g_assert_nonnull (strstr (text, "Chiffres clés"));
  g_assert_nonnull (strstr (text, "Aucune partie prenante n’est encore sur la carte."));
  g_assert_nonnull (strstr (text, "Le référentiel n’a pas encore d’enjeu"));
  g_assert_nonnull (strstr (text, "Aucun entretien pour cette période."));
  /* Nothing yet, said in the singular as French does for 0. */
  g_assert_nonnull (strstr (text, "entretien terminé sur 0"));
  g_assert_null (strstr (text, "prévus ou réalisés"));
  g_assert_nonnull (strstr (text, "0 n’a pas encore de valeur"));
  assert_fonts_embedded (paths.pdf);
  assert_margins_blank (paths.pdf);

  paths_clear (&paths);
}

/* The wording of a report on one period: « 22 entretiens terminés sur
 * 27 », the period in the running header, the title's apostrophe curly
 * in the PDF's metadata as on the pages. */
static void
test_wording (void)
{
  Paths paths;
  TissageFigures figures;
  g_autoptr(GError) error = NULL;
  g_autofree char *period = NULL;
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;
  g_autofree char *card = NULL;
  g_autofree char *header = NULL;
  gint64 period_id;
  sqlite3 *db;

  paths_init (&paths);
  new_demo (&paths);
  db = open_db (paths.project, SQLITE_OPEN_READONLY);
  period = g_strdup ("1er semestre 2026");
  period_id = lookup_id (db, "SELECT id FROM periods WHERE label = ?1", period);
  g_assert_true (tissage_db_compute_figures (db, period_id, 0, &figures, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (figures.interviews_done, >, 1);

  g_free (export (paths.pdf, paths.project, 0, "--period", period, NULL));
  text = page_text (paths.pdf, 3);
  card = g_strdup_printf ("entretiens terminés sur %u", figures.interviews);
  g_assert_nonnull (strstr (text, card));
  g_assert_null (strstr (text, "prévus ou réalisés"));
  header = g_strdup_printf ("Mesure d’impact 2025-2026 · %s", period);
  if (strstr (text, header) == NULL)
    g_error ("the running header does not say « %s »: %s", header, text);

  info = poppler ("pdfinfo", paths.pdf, NULL);
  g_assert_true (g_regex_match_simple ("^Title: +Mesure d’impact", info, G_REGEX_MULTILINE, 0));

  /* A report on 2025: its trends end there, their first and last
   * periods named under the line. */
  g_free (export (paths.pdf, paths.project, 0, "--period", "2025", NULL));
  {
    g_autofree char *stakes = page_text (paths.pdf, 5);

    if (!g_regex_match_simple (" {4,}2024 +2025 *$", stakes, G_REGEX_MULTILINE, 0))
      g_error ("no trend runs from 2024 to 2025: %s", stakes);
    g_assert_false (g_regex_match_simple (" {4,}2024 +1er semestre 2026 *$", stakes, G_REGEX_MULTILINE, 0));
  }

  sqlite3_close (db);
  paths_clear (&paths);
}

/* No almost-empty page: the end of a section (a last indicator, a last
 * subsection) does not go alone on a page of its own. */
static void
assert_no_lonely_page (const char *pdf)
{
  int pages = n_pages (pdf);

  for (int page = 3; page <= pages; page++)
    {
      g_autofree char *text = page_text (pdf, page);
      g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
      guint filled = 0;

      for (guint i = 0; lines[i] != NULL; i++)
        if (*g_strstrip (lines[i]) != '\0')
          filled++;
      /* The running header, its section and the footer, and some lines. */
      if (filled < 10)
        g_error ("page %d of %s holds only %u lines: %s", page, pdf, filled, text);
    }
}

static void
test_no_lonely_pages (void)
{
  Paths paths;

  paths_init (&paths);
  new_demo (&paths);
  g_free (export (paths.pdf, paths.project, 0, NULL));
  assert_no_lonely_page (paths.pdf);
  g_free (export (paths.pdf, paths.project, 0, "--period", "2025", NULL));
  assert_no_lonely_page (paths.pdf);
  paths_clear (&paths);
}

/* A logo chosen for the cover is on it, within the margins. */
static void
test_logo (void)
{
  Paths paths;
  g_autofree char *logo = NULL;
  g_autofree char *images = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;

  paths_init (&paths);
  new_demo (&paths);
  logo = g_build_filename (paths.dir, "logo.png", NULL);
  /* Wider than the place it has: scaled down to fit. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1200, 300);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 0.8, 0.2, 0.1);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, logo), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  g_free (export (paths.pdf, paths.project, 0, "--logo", logo, NULL));
  images = poppler ("pdfimages", "-list", "-f", "1", "-l", "1", paths.pdf, NULL);
  /* Two lines of header, then one per image. */
  {
    g_auto(GStrv) lines = g_strsplit (images, "\n", -1);

    g_assert_cmpuint (g_strv_length (lines), >=, 4);
  }
  assert_margins_blank (paths.pdf);

  paths_clear (&paths);
}

/* Bad choices are refused in French with exit 2, a destination that
 * cannot be written with 1; the file already there stays as it was. */
static void
test_refused (void)
{
  Paths paths;
  g_autofree char *missing = NULL;
  g_autofree char *logo = NULL;
  g_autofree char *after = NULL;
  char *err;

  paths_init (&paths);
  new_demo (&paths);
  g_assert_true (g_file_set_contents (paths.pdf, "l’ancien rapport", -1, NULL));

  err = export (paths.pdf, paths.project, 2, "--period", "1999", NULL);
  g_assert_true (g_regex_match_simple ("Le projet n’a pas de période «.?1999.?»", err, 0, 0));
  g_free (err);
  err = export (paths.pdf, paths.project, 2, "--structure", "Nulle part", NULL);
  g_assert_true (g_regex_match_simple ("structure membre «.?Nulle part.?»", err, 0, 0));
  g_free (err);

  logo = g_build_filename (paths.dir, "logo.png", NULL);
  g_assert_true (g_file_set_contents (logo, "pas une image", -1, NULL));
  err = export (paths.pdf, paths.project, 2, "--logo", logo, NULL);
  g_assert_true (g_regex_match_simple ("Le logo «.?logo.png.?» n’a pas pu être lu", err, 0, 0));
  g_free (err);

  err = export (paths.project, paths.project, 2, NULL);
  g_assert_nonnull (strstr (err, "ne se termine pas par .pdf"));
  g_free (err);

  missing = g_build_filename (paths.dir, "nulle-part", "rapport.pdf", NULL);
  err = export (missing, paths.project, 1, NULL);
  g_assert_nonnull (strstr (err, "n’existe pas"));
  g_free (err);

  g_assert_true (g_file_get_contents (paths.pdf, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, "l’ancien rapport");
  {
    g_autofree char *listing = list_folder (paths.dir);

    /* Nothing half-written left beside it. */
    g_assert_cmpstr (listing, ==, "logo.png projet.tissage rapport.pdf");
  }

  paths_clear (&paths);
}

/* French print: narrow no-break spaces before : ; ! ? and inside « »,
 * but not in a time or an address; curly apostrophes; cut with an
 * ellipsis at a word. */
static void
test_typography (void)
{
  static const struct { const char *in, *french, *english; } cases[] = {
    { "Attention: ça marche!", "Attention\u202f: ça marche\u202f!", "Attention: ça marche!" },
    { "Pourquoi ? Parce que ; voilà", "Pourquoi\u202f? Parce que\u202f; voilà", "Pourquoi ? Parce que ; voilà" },
    { "à 10:30, voir https://example.org", "à 10:30, voir https://example.org", "à 10:30, voir https://example.org" },
    { "il a dit \"bonjour\" puis", "il a dit «\u202fbonjour\u202f» puis", "il a dit “bonjour” puis" },
    { "« déjà »", "«\u202fdéjà\u202f»", "« déjà »" },
    { "l'emploi  durable\t\n\n\nensuite", "l’emploi durable\nensuite", "l’emploi durable\nensuite" },
    { "un\x01 contrôle", "un contrôle", "un contrôle" },
    { "Cible : 45\u202f000\u00a0heures", "Cible\u202f: 45\u202f000\u00a0heures", "Cible : 45\u202f000\u00a0heures" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *french = tissage_report_typeset_for (cases[i].in, 0, TRUE);
      g_autofree char *english = tissage_report_typeset_for (cases[i].in, 0, FALSE);

      g_assert_cmpstr (french, ==, cases[i].french);
      g_assert_cmpstr (english, ==, cases[i].english);
    }

  {
    g_autofree char *cut = tissage_report_typeset_for ("une parole qui ne finit pas de finir", 20, TRUE);

    g_assert_cmpstr (cut, ==, "une parole qui ne…");
  }
}

static double
layout_width (PangoContext *context,
              const char   *text)
{
  g_autoptr(PangoLayout) layout = tissage_report_layout (context, REPORT_STYLE_HEADING, text, 0, 0);
  PangoRectangle logical;

  g_assert_cmpint (pango_layout_get_unknown_glyphs_count (layout), ==, 0);
  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.width / PANGO_SCALE;
}

/* Big numbers keep the narrow space of their thousands (« 41 200 »),
 * drawn with a width though the font lacks U+202F; it does not break. */
static void
test_number_spaces (void)
{
  g_autoptr(GObject) context_object = G_OBJECT (tissage_report_context_new ());
  PangoContext *context = PANGO_CONTEXT (context_object);
  g_autofree char *number = tissage_format_number (41200, NULL);
  double spaced = layout_width (context, number);
  double packed = layout_width (context, "41200");

  g_assert_true (strstr (number, "\u202f") != NULL);
  if (spaced < packed + 1.5)
    g_error ("« %s » is drawn %.1f pt wide, « 41200 » %.1f pt: its space is lost", number, spaced, packed);

  {
    g_autoptr(PangoLayout) narrow = tissage_report_layout (context, REPORT_STYLE_HEADING, number, spaced - 1.0, 0);

    /* Too narrow for it: broken between words only, so not at all. */
    pango_layout_set_wrap (narrow, PANGO_WRAP_WORD);
    g_assert_cmpint (pango_layout_get_line_count (narrow), ==, 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/report/typography", test_typography);
  g_test_add_func ("/report/number-spaces", test_number_spaces);
  g_test_add_func ("/report/sections", test_sections);
  g_test_add_func ("/report/figures", test_figures);
  g_test_add_func ("/report/wording", test_wording);
  g_test_add_func ("/report/no-lonely-pages", test_no_lonely_pages);
  g_test_add_func ("/report/pseudonymised", test_pseudonymised);
  g_test_add_func ("/report/long-texts", test_long_texts);
  g_test_add_func ("/report/empty-project", test_empty_project);
  g_test_add_func ("/report/logo", test_logo);
  g_test_add_func ("/report/refused", test_refused);

  return g_test_run ();
}

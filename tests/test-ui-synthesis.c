/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "tissage-document-private.h"
#include "tissage-figures.h"
#include "tissage-figures-project.h"
#include "tissage-indicator-bar.h"
#include "tissage-interviews.h"
#include "tissage-measures-grid.h"
#include "tissage-referentiel-page.h"
#include "tissage-synthesis-page.h"
#include "tissage-trend-chart.h"
#include "tissage-ui-test-utils.h"

#define INTERVIEWEE "Josiane Martin-Delacroix"
#define QUOTE_TEXT "Grâce au collectif j'ai retrouvé un travail près de chez moi."

static gint64
sql_count (TissageDocument *document,
           const char      *sql,
           gint64           key)
{
  sqlite3_stmt *stmt = NULL;
  gint64 count = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (tissage_document_get_db (document), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return count;
}

static gpointer
first_record (TissageDocument *document,
              GType            type)
{
  return g_list_model_get_item (tissage_document_get_records (document, type), 0);
}

/* An interview of a named stakeholder, done, with a quote tagged to the
 * first effect: the dashboard must show the quote but never the name. */
static TissageEffect *
add_interview_with_quote (TissageDocument *document)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageEffect) effect = first_record (document, TISSAGE_TYPE_EFFECT);
  g_autoptr(TissageStructure) structure = g_list_model_get_item (tissage_document_get_structures (document), 0);
  g_autoptr(TissageStakeholder) person = NULL;
  g_autoptr(TissageGrid) grid = NULL;
  g_autoptr(TissageGridQuestion) question = NULL;
  g_autoptr(TissageInterview) interview = NULL;
  g_autoptr(TissageAnswer) answer = NULL;
  g_autoptr(TissageVerbatim) verbatim = NULL;
  gint64 effect_id = tissage_record_id (effect);
  const char *found;

  person = tissage_document_insert (document, TISSAGE_TYPE_STAKEHOLDER, &error,
                                    "name", INTERVIEWEE, "structure-id", tissage_record_id (structure), NULL);
  g_assert_no_error (error);
  grid = tissage_document_insert (document, TISSAGE_TYPE_GRID, &error, "title", "Guide des personnes accompagnées", NULL);
  g_assert_no_error (error);
  question = tissage_document_insert (document, TISSAGE_TYPE_GRID_QUESTION, &error,
                                      "grid-id", tissage_record_id (grid), "kind", TISSAGE_QUESTION_OPEN,
                                      "text", "Qu'est-ce qui a changé pour vous ?", NULL);
  g_assert_no_error (error);
  interview = tissage_document_insert (document, TISSAGE_TYPE_INTERVIEW, &error,
                                       "grid-id", tissage_record_id (grid), "stakeholder-id", tissage_record_id (person),
                                       "structure-id", tissage_record_id (structure), "date", "2026-06-15",
                                       "status", TISSAGE_STATUS_DONE, NULL);
  g_assert_no_error (error);
  g_assert_true (tissage_document_set_answer (document, interview, question,
                                              "Au début j'hésitais. " QUOTE_TEXT " Je le recommande.", &error));
  g_assert_no_error (error);
  answer = tissage_document_get_answer (document, interview, question);
  found = strstr (tissage_answer_get_text (answer), QUOTE_TEXT);
  verbatim = tissage_document_add_verbatim (document, answer,
                                            g_utf8_pointer_to_offset (tissage_answer_get_text (answer), found),
                                            g_utf8_pointer_to_offset (tissage_answer_get_text (answer), found) +
                                            g_utf8_strlen (QUOTE_TEXT, -1),
                                            TISSAGE_TONE_POSITIVE, &effect_id, 1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (verbatim);

  return g_steal_pointer (&effect);
}

static TissageWindow *
open_example (const char       *name,
              TissageDocument **document)
{
  g_autoptr(GFile) file = g_file_new_build_filename (tmp_dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) example = tissage_document_create_example (file, &error);
  TissageWindow *window;

  g_assert_no_error (error);
  g_clear_object (&example);

  window = open_window (file);
  *document = tissage_window_get_document (window);
  tissage_window_show_section (window, "synthesis");
  wait_mapped (tissage_window_get_synthesis_page (window));
  return window;
}

static gboolean
has_label_holding (GtkWidget     *widget,
                   gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

static gboolean
text_in_widgets (GtkWidget  *widget,
                 const char *text)
{
  return find_widget (widget, has_label_holding, text) != NULL;
}

/* A quantitative indicator with a target whose collective value differs
 * between two periods. */
static TissageIndicator *
changing_indicator (TissageDocument  *document,
                    TissagePeriod   **from,
                    TissagePeriod   **to)
{
  GListModel *indicators = tissage_document_get_records (document, TISSAGE_TYPE_INDICATOR);
  GListModel *periods = tissage_document_get_records (document, TISSAGE_TYPE_PERIOD);

  for (guint i = 0; i < g_list_model_get_n_items (indicators); i++)
    {
      g_autoptr(TissageIndicator) indicator = g_list_model_get_item (indicators, i);
      g_autoptr(TissagePeriod) a = g_list_model_get_item (periods, 0);
      g_autoptr(TissagePeriod) b = g_list_model_get_item (periods, 1);
      double x, y;

      if (!isnan (tissage_indicator_get_target (indicator)) &&
          tissage_indicator_get_consolidation (indicator) == TISSAGE_CONSOLIDATION_SUM &&
          tissage_document_consolidate (document, indicator, a, &x) &&
          tissage_document_consolidate (document, indicator, b, &y) && fabs (x - y) > 1e-6)
        {
          *from = g_steal_pointer (&a);
          *to = g_steal_pointer (&b);
          return g_steal_pointer (&indicator);
        }
    }

  g_assert_not_reached ();
}

static void
test_figures (void)
{
  TissageDocument *document;
  TissageWindow *window = open_example ("synthese-chiffres.tissage", &document);
  TissageSynthesisPage *page = TISSAGE_SYNTHESIS_PAGE (tissage_window_get_synthesis_page (window));
  g_autoptr(TissageEffect) effect = add_interview_with_quote (document);
  TissagePeriod *period;
  g_autofree char *shown = NULL;
  gint64 measured;

  wait_frames (5);
  period = tissage_synthesis_page_get_period (page);
  g_assert_nonnull (period);

  /* The latest period with values comes first. */
  g_assert_cmpint (tissage_record_id (period), ==,
                   sql_count (document, "SELECT p.id FROM periods p WHERE EXISTS (SELECT 1 FROM measurements m WHERE m.period_id = p.id)"
                                        " ORDER BY p.position DESC, p.id DESC LIMIT 1", 0));

  g_assert_cmpfloat (tissage_synthesis_page_get_figure (page, TISSAGE_FIGURE_STAKEHOLDERS), ==,
                     sql_count (document, "SELECT count (*) FROM stakeholders", 0));
  g_assert_cmpfloat (tissage_synthesis_page_get_figure (page, TISSAGE_FIGURE_STRUCTURES), ==,
                     sql_count (document, "SELECT count (*) FROM structures", 0));
  /* The interviews and quotes of the period shown, by their dates. */
  g_assert_cmpfloat (tissage_synthesis_page_get_figure (page, TISSAGE_FIGURE_INTERVIEWS_DONE), ==,
                     sql_count (document, "SELECT count (*) FROM interviews i, periods p WHERE p.id = ?"
                                          " AND i.status = 2 AND i.date BETWEEN p.start_date AND p.end_date",
                                tissage_record_id (period)));
  g_assert_cmpfloat (tissage_synthesis_page_get_figure (page, TISSAGE_FIGURE_VERBATIMS), ==,
                     sql_count (document, "SELECT count (*) FROM verbatims v JOIN answers a ON a.id = v.answer_id"
                                          " JOIN interviews i ON i.id = a.interview_id, periods p WHERE p.id = ?"
                                          " AND i.date BETWEEN p.start_date AND p.end_date",
                                tissage_record_id (period)));
  /* Every indicator with a value that counts: entered, consolidated or
   * computed from the interviews. */
  measured = 0;
  {
    GListModel *indicators = tissage_document_get_records (document, TISSAGE_TYPE_INDICATOR);

    for (guint i = 0; i < g_list_model_get_n_items (indicators); i++)
      {
        g_autoptr(TissageIndicator) indicator = g_list_model_get_item (indicators, i);
        double value;

        measured += tissage_indicator_get_nature (indicator) == TISSAGE_NATURE_QUANTITATIVE &&
                    tissage_document_consolidate (document, indicator, period, &value);
      }
  }
  g_assert_cmpint (measured, >, 0);
  g_assert_cmpfloat (tissage_synthesis_page_get_figure (page, TISSAGE_FIGURE_INDICATORS_MEASURED), ==, measured);
  g_assert_cmpfloat (tissage_synthesis_page_get_figure (page, TISSAGE_FIGURE_TARGETS_REACHED), >=, 0);
  g_assert_cmpfloat (tissage_synthesis_page_get_figure (page, TISSAGE_FIGURE_TARGETS_REACHED), <=, 100);

  /* As the user reads them. */
  shown = g_strdup_printf ("%" G_GINT64_FORMAT, sql_count (document, "SELECT count (*) FROM stakeholders", 0));
  g_assert_nonnull (find_label (GTK_WIDGET (page), shown));

  /* The quote is there, with its count, under a pseudonym. */
  g_assert_true (text_in_widgets (GTK_WIDGET (page), QUOTE_TEXT));
  {
    guint n = sql_count (document, "SELECT count (*) FROM verbatim_tags WHERE effect_id = ?", tissage_record_id (effect));
    g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u quote", "%u quotes", n), n);

    g_assert_nonnull (find_label (GTK_WIDGET (page), count));
  }
  g_assert_false (text_in_widgets (GTK_WIDGET (page), INTERVIEWEE));
  g_assert_false (text_in_widgets (GTK_WIDGET (page), "Martin-Delacroix"));

  save_screenshot (GTK_WIDGET (window), "synthesis-light.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  wait_frames (10);
  save_screenshot (GTK_WIDGET (window), "synthesis-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  wait_frames (3);

  close_window (window);
}

static void
test_filters (void)
{
  TissageDocument *document;
  TissageWindow *window = open_example ("synthese-filtres.tissage", &document);
  TissageSynthesisPage *page = TISSAGE_SYNTHESIS_PAGE (tissage_window_get_synthesis_page (window));
  g_autoptr(TissagePeriod) from = NULL;
  g_autoptr(TissagePeriod) to = NULL;
  g_autoptr(TissageIndicator) indicator = changing_indicator (document, &from, &to);
  g_autoptr(GError) error = NULL;
  GListModel *structures = tissage_document_get_structures (document);
  TissageStructure *structure = NULL;
  g_autoptr(TissageMeasurement) measure = NULL;
  GtkWidget *bar;
  double value, expected, before;
  gboolean computed;

  /* Each period shows its own value. */
  tissage_synthesis_page_set_period (page, from);
  g_assert_true (tissage_synthesis_page_get_period (page) == from);
  g_assert_true (tissage_document_consolidate (document, indicator, from, &expected));
  g_assert_true (tissage_synthesis_page_get_achieved (page, indicator, &value, &computed));
  g_assert_cmpfloat_with_epsilon (value, expected, 1e-9);
  g_assert_false (computed);
  bar = tissage_synthesis_page_get_bar (page, indicator);
  g_assert_nonnull (bar);
  before = tissage_indicator_bar_get_value (TISSAGE_INDICATOR_BAR (bar));
  g_assert_cmpfloat_with_epsilon (before, expected, 1e-9);

  tissage_synthesis_page_set_period (page, to);
  g_assert_true (tissage_document_consolidate (document, indicator, to, &expected));
  bar = tissage_synthesis_page_get_bar (page, indicator);
  g_assert_nonnull (bar);
  g_assert_cmpfloat_with_epsilon (tissage_indicator_bar_get_value (TISSAGE_INDICATOR_BAR (bar)), expected, 1e-9);
  g_assert_cmpfloat (fabs (tissage_indicator_bar_get_value (TISSAGE_INDICATOR_BAR (bar)) - before), >, 1e-6);

  /* One structure: its own values. */
  for (guint i = 0; i < g_list_model_get_n_items (structures) && structure == NULL; i++)
    {
      g_autoptr(TissageStructure) candidate = g_list_model_get_item (structures, i);
      g_autoptr(TissageMeasurement) m = tissage_document_get_measure (document, indicator, to, candidate);

      if (m != NULL)
        structure = candidate;
    }
  g_assert_nonnull (structure);
  measure = tissage_document_get_measure (document, indicator, to, structure);
  tissage_synthesis_page_set_structure (page, structure);
  g_assert_true (tissage_synthesis_page_get_structure (page) == structure);
  g_assert_true (tissage_synthesis_page_get_achieved (page, indicator, &value, NULL));
  g_assert_cmpfloat (value, ==, tissage_measurement_get_value (measure));
  bar = tissage_synthesis_page_get_bar (page, indicator);
  g_assert_nonnull (bar);
  g_assert_cmpfloat (tissage_indicator_bar_get_value (TISSAGE_INDICATOR_BAR (bar)), ==, value);
  g_assert_cmpfloat (tissage_synthesis_page_get_figure (page, TISSAGE_FIGURE_STAKEHOLDERS), ==,
                     sql_count (document, "SELECT count (*) FROM stakeholders WHERE structure_id = ?", tissage_record_id (structure)));

  /* Interviews count for a structure as their quotes do: held by it, or
   * with one of its people. */
  for (guint i = 0; i < g_list_model_get_n_items (structures); i++)
    {
      g_autoptr(TissageStructure) other = g_list_model_get_item (structures, i);
      g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM interviews iv"
                                              " LEFT JOIN stakeholders s ON s.id = iv.stakeholder_id"
                                              " JOIN periods p ON p.id = %" G_GINT64_FORMAT
                                              " WHERE iv.status = %d AND (iv.structure_id = ?1"
                                              " OR coalesce (nullif (iv.person_structure_id, 0), s.structure_id) = ?1)"
                                              " AND iv.date BETWEEN p.start_date AND p.end_date",
                                              tissage_record_id (to), TISSAGE_STATUS_DONE);

      tissage_synthesis_page_set_structure (page, other);
      g_assert_cmpfloat (tissage_synthesis_page_get_figure (page, TISSAGE_FIGURE_INTERVIEWS_DONE), ==,
                         sql_count (document, sql, tissage_record_id (other)));
    }
  tissage_synthesis_page_set_structure (page, structure);

  /* An edit made elsewhere (the values grid) shows here once idle. */
  g_assert_true (tissage_document_set_measure (document, indicator, to, structure, "1 234", &error));
  g_assert_no_error (error);
  wait_frames (5);
  g_assert_true (tissage_synthesis_page_get_achieved (page, indicator, &value, NULL));
  g_assert_cmpfloat (value, ==, 1234);
  bar = tissage_synthesis_page_get_bar (page, indicator);
  g_assert_cmpfloat (tissage_indicator_bar_get_value (TISSAGE_INDICATOR_BAR (bar)), ==, 1234);
  {
    g_autofree char *unit = NULL;
    g_autofree char *shown = NULL;

    g_object_get (indicator, "unit", &unit, NULL);
    shown = tissage_format_number (1234, unit);
    g_assert_nonnull (find_label (GTK_WIDGET (page), shown));
  }

  /* Undone: back to what it was. */
  g_assert_true (tissage_document_undo (document, &error));
  wait_frames (5);
  g_assert_true (tissage_synthesis_page_get_achieved (page, indicator, &value, NULL));
  g_assert_cmpfloat (value, ==, tissage_measurement_get_value (measure));

  close_window (window);
}

/* Values computed from the interviews stand in for missing ones, marked. */
static void
test_computed (void)
{
  TissageDocument *document;
  TissageWindow *window = open_example ("synthese-calcul.tissage", &document);
  TissageSynthesisPage *page = TISSAGE_SYNTHESIS_PAGE (tissage_window_get_synthesis_page (window));
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageEffect) first = first_record (document, TISSAGE_TYPE_EFFECT);
  g_autoptr(TissageEffect) effect = NULL;
  g_autoptr(TissageIndicator) indicator = NULL;
  g_autoptr(TissageGrid) grid = NULL;
  g_autoptr(TissageGridQuestion) question = NULL;
  g_autoptr(TissageQuestionIndicator) link = NULL;
  TissagePeriod *period = tissage_synthesis_page_get_period (page);
  g_autofree char *date = NULL;
  double value;
  gboolean computed;

  g_object_get (period, "start-date", &date, NULL);
  effect = tissage_document_insert (document, TISSAGE_TYPE_EFFECT, &error,
                                    "question-id", tissage_effect_get_question_id (first), "title", "Confiance en soi", NULL);
  g_assert_no_error (error);
  indicator = tissage_document_insert (document, TISSAGE_TYPE_INDICATOR, &error,
                                       "effect-id", tissage_record_id (effect), "title", "Confiance retrouvée",
                                       "unit", "%", "target", 75.0, NULL);
  g_assert_no_error (error);
  grid = tissage_document_insert (document, TISSAGE_TYPE_GRID, &error, "title", "Guide", NULL);
  question = tissage_document_insert (document, TISSAGE_TYPE_GRID_QUESTION, &error,
                                      "grid-id", tissage_record_id (grid), "kind", TISSAGE_QUESTION_YES_NO,
                                      "text", "Avez-vous repris confiance ?", NULL);
  link = tissage_document_insert (document, TISSAGE_TYPE_QUESTION_INDICATOR, &error,
                                  "question-id", tissage_record_id (question), "indicator-id", tissage_record_id (indicator), NULL);
  g_assert_no_error (error);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(TissageInterview) interview = tissage_document_insert (document, TISSAGE_TYPE_INTERVIEW, &error,
                                                                       "grid-id", tissage_record_id (grid), "pseudonym", "Anonyme",
                                                                       "date", date, "status", TISSAGE_STATUS_DONE, NULL);
      g_assert_no_error (error);
      g_assert_true (tissage_document_set_answer (document, interview, question, i < 3 ? "oui" : "non", &error));
    }
  wait_frames (5);

  /* Its effect may come after the first effects shown: show more. */
  for (guint i = 0; i < 20 && tissage_synthesis_page_get_bar (page, indicator) == NULL; i++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "synthesis.show-more", NULL));
      wait_frames (1);
    }

  g_assert_true (tissage_synthesis_page_get_achieved (page, indicator, &value, &computed));
  g_assert_cmpfloat_with_epsilon (value, 75.0, 1e-9);
  g_assert_true (computed);
  {
    g_autofree char *mark = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "computed from %u interview",
                                                          "computed from %u interviews", 4), 4);

    g_assert_true (text_in_widgets (GTK_WIDGET (page), mark));
  }
  g_assert_nonnull (tissage_synthesis_page_get_bar (page, indicator));

  close_window (window);
}

static guint32
pixel_at (GdkTexture *texture,
          int         x,
          int         y)
{
  int width = gdk_texture_get_width (texture);
  g_autofree guchar *data = g_malloc (4 * width * gdk_texture_get_height (texture));
  guint32 pixel;

  gdk_texture_download (texture, data, 4 * width);
  memcpy (&pixel, data + 4 * (y * width + x), 4);
  return pixel & 0xffffff;  /* 0xRRGGBB, premultiplied ARGB in memory */
}

static GdkTexture *
render (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  GtkSnapshot *snapshot;
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);

  wait_frames (3);
  snapshot = gtk_snapshot_new ();

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                      &GRAPHENE_RECT_INIT (0, 0, width, height));
}

static guint32
rgb (TissageReach reach)
{
  GdkRGBA color;

  tissage_reach_get_color (reach, FALSE, &color);
  return ((guint32) round (color.red * 255) << 16) | ((guint32) round (color.green * 255) << 8) |
         (guint32) round (color.blue * 255);
}

static void
test_bar_draws (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *bar = tissage_indicator_bar_new ();
  g_autoptr(GdkTexture) texture = NULL;
  int width, middle;

  gtk_widget_set_size_request (bar, 400, -1);
  gtk_window_set_child (GTK_WINDOW (window), bar);
  gtk_window_present (GTK_WINDOW (window));
  wait_mapped (bar);
  width = gtk_widget_get_width (bar);
  middle = gtk_widget_get_height (bar) / 2;

  /* 20 out of 100: a short red bar, then the empty track. */
  tissage_indicator_bar_set_values (TISSAGE_INDICATOR_BAR (bar), 20, NAN, 100, TISSAGE_DIRECTION_UP);
  g_assert_cmpint (tissage_indicator_bar_get_reach (TISSAGE_INDICATOR_BAR (bar)), ==, TISSAGE_REACH_FAR);
  texture = render (bar);
  g_assert_cmphex (pixel_at (texture, width / 10, middle), ==, rgb (TISSAGE_REACH_FAR));
  g_assert_cmphex (pixel_at (texture, width / 2, middle), !=, rgb (TISSAGE_REACH_FAR));
  g_clear_object (&texture);

  /* 60 from a baseline of 40 to 80: half of the way, orange to 75 %. */
  tissage_indicator_bar_set_values (TISSAGE_INDICATOR_BAR (bar), 60, 40, 80, TISSAGE_DIRECTION_UP);
  g_assert_cmpint (tissage_indicator_bar_get_reach (TISSAGE_INDICATOR_BAR (bar)), ==, TISSAGE_REACH_HALFWAY);
  texture = render (bar);
  g_assert_cmphex (pixel_at (texture, width * 3 / 10, middle), ==, rgb (TISSAGE_REACH_HALFWAY));
  g_assert_cmphex (pixel_at (texture, width * 9 / 10, middle), !=, rgb (TISSAGE_REACH_HALFWAY));
  g_clear_object (&texture);

  /* Beyond the target: green all along. */
  tissage_indicator_bar_set_values (TISSAGE_INDICATOR_BAR (bar), 120, NAN, 100, TISSAGE_DIRECTION_UP);
  texture = render (bar);
  g_assert_cmphex (pixel_at (texture, width / 2, middle), ==, rgb (TISSAGE_REACH_REACHED));
  g_assert_cmphex (pixel_at (texture, width * 95 / 100, middle), ==, rgb (TISSAGE_REACH_REACHED));
  g_clear_object (&texture);

  /* Dropouts, where lower is better: from 30 down to a target of 10.
   * At 25 little has improved, a short red bar; at 8 the target is
   * passed, a long green one. Worse never draws longer. */
  tissage_indicator_bar_set_values (TISSAGE_INDICATOR_BAR (bar), 25, 30, 10, TISSAGE_DIRECTION_DOWN);
  g_assert_cmpint (tissage_indicator_bar_get_reach (TISSAGE_INDICATOR_BAR (bar)), ==, TISSAGE_REACH_FAR);
  texture = render (bar);
  g_assert_cmphex (pixel_at (texture, width / 10, middle), ==, rgb (TISSAGE_REACH_FAR));
  g_assert_cmphex (pixel_at (texture, width / 2, middle), !=, rgb (TISSAGE_REACH_FAR));
  g_clear_object (&texture);
  tissage_indicator_bar_set_values (TISSAGE_INDICATOR_BAR (bar), 8, 30, 10, TISSAGE_DIRECTION_DOWN);
  g_assert_cmpint (tissage_indicator_bar_get_reach (TISSAGE_INDICATOR_BAR (bar)), ==, TISSAGE_REACH_REACHED);
  texture = render (bar);
  g_assert_cmphex (pixel_at (texture, width * 7 / 10, middle), ==, rgb (TISSAGE_REACH_REACHED));
  g_assert_cmpfloat_with_epsilon (tissage_indicator_bar_get_fraction (TISSAGE_INDICATOR_BAR (bar)), 1.1, 1e-9);
  g_clear_object (&texture);

  /* 625 people met, from 800 towards 1 200: gone back, an empty bar,
   * not a bar drawn backwards. */
  tissage_indicator_bar_set_values (TISSAGE_INDICATOR_BAR (bar), 625, 800, 1200, TISSAGE_DIRECTION_UP);
  g_assert_cmpfloat (tissage_indicator_bar_get_fraction (TISSAGE_INDICATOR_BAR (bar)), ==, 0);
  texture = render (bar);
  g_assert_cmphex (pixel_at (texture, width / 20, middle), !=, rgb (TISSAGE_REACH_FAR));
  g_clear_object (&texture);

  /* 29 % from 24 % towards 32 %: the bar fills five eighths of the way
   * to the target, not the 91 % that 29 over 32 would draw. */
  tissage_indicator_bar_set_values (TISSAGE_INDICATOR_BAR (bar), 29, 24, 32, TISSAGE_DIRECTION_UP);
  g_assert_cmpfloat_with_epsilon (tissage_indicator_bar_get_fraction (TISSAGE_INDICATOR_BAR (bar)),
                                  tissage_indicator_achievement (29, 24, 32, TISSAGE_DIRECTION_UP).rate, 1e-9);
  texture = render (bar);
  g_assert_cmphex (pixel_at (texture, width * 55 / 100, middle), ==, rgb (TISSAGE_REACH_HALFWAY));
  g_assert_cmphex (pixel_at (texture, width * 75 / 100, middle), !=, rgb (TISSAGE_REACH_HALFWAY));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* What a key figure's card shows, read from its labels: the number and
 * the words under it. */
static const char *
figure_label (TissageSynthesisPage *page,
              const char           *heading,
              gboolean              detail)
{
  GtkWidget *title = find_label (GTK_WIDGET (page), heading);
  GtkWidget *value;

  g_assert_nonnull (title);
  value = gtk_widget_get_next_sibling (title);
  g_assert_true (GTK_IS_LABEL (value));
  if (detail)
    value = gtk_widget_get_next_sibling (value);
  return gtk_label_get_text (GTK_LABEL (value));
}

/* The hand-made project's effect has five indicators: three are shown
 * until the button asks for all. */
static void
show_all_indicators (TissageSynthesisPage *page)
{
  g_autofree char *all = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show All %u Indicators",
                                                       "Show All %u Indicators", 5), 5);
  GtkWidget *button = find_widget (GTK_WIDGET (page), has_button_label, all);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  wait_frames (2);
}

/* The caption under an indicator's bar. */
static const char *
indicator_caption (TissageSynthesisPage *page,
                   const char           *title)
{
  GtkWidget *label = find_label (GTK_WIDGET (page), title);

  g_assert_nonnull (label);
  return gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (GTK_GRID (gtk_widget_get_parent (label)), 0, 2)));
}

/* The count of quotes on the effect's card, as shown. */
static void
assert_quote_badge (TissageSynthesisPage *page,
                    guint                 n)
{
  g_autofree char *badge = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u quote", "%u quotes", n), n);

  g_assert_nonnull (find_label (GTK_WIDGET (page), badge));
}

static void
assert_shown (TissageSynthesisPage *page,
              TissageDocument      *document,
              guint                 interviews_done,
              guint                 interviews,
              guint                 verbatims,
              guint                 reached,
              guint                 measured)
{
  TissageFigures figures;
  g_autofree char *planned = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "out of %u planned", "out of %u planned",
                                                           interviews), interviews);
  g_autofree char *done = g_strdup_printf ("%u", interviews_done);
  g_autofree char *quotes = g_strdup_printf ("%u", verbatims);
  g_autofree char *share = tissage_format_number (round (100.0 * reached / measured), "%");
  g_autofree char *targets = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u target reached out of %u",
                                                           "%u targets reached out of %u", reached), reached, measured);

  /* The core's figures… */
  g_assert_true (tissage_document_compute_figures (document, tissage_synthesis_page_get_period (page),
                                                   tissage_synthesis_page_get_structure (page), &figures, NULL));
  g_assert_cmpuint (figures.interviews_done, ==, interviews_done);
  g_assert_cmpuint (figures.interviews, ==, interviews);
  g_assert_cmpuint (figures.verbatims, ==, verbatims);
  g_assert_cmpuint (figures.targets_reached, ==, reached);
  g_assert_cmpuint (figures.targets_measured, ==, measured);

  /* …are those the user reads. */
  g_assert_cmpstr (figure_label (page, _("Interviews held"), FALSE), ==, done);
  g_assert_cmpstr (figure_label (page, _("Interviews held"), TRUE), ==, planned);
  g_assert_cmpstr (figure_label (page, _("Verbatims"), FALSE), ==, quotes);
  g_assert_cmpstr (figure_label (page, _("Targets reached"), FALSE), ==, share);
  g_assert_cmpstr (figure_label (page, _("Targets reached"), TRUE), ==, targets);
}

/*
 * The hand-made project (tissage-figures-project.h) on screen: the
 * half-year's interviews and quotes only, a target of 0 reached, one
 * structure's indicator, the collective's entered value, a value from the
 * interviews saying so, and a delay that should fall drawn as far from
 * its target; the same figures as the core's, which the workbook writes.
 */
static void
test_same_figures (void)
{
  g_autoptr(GFile) file = g_file_new_build_filename (tmp_dir, "chiffres.tissage", NULL);
  g_autoptr(TissageDocument) made = figures_project_create (file);
  TissageDocument *document;
  TissageWindow *window;
  TissageSynthesisPage *page;
  TissageIndicator *down;
  GtkWidget *bar;
  double value = 0;
  gboolean computed = FALSE;

  g_clear_object (&made);
  window = open_window (file);
  document = tissage_window_get_document (window);
  tissage_window_show_section (window, "synthesis");
  page = TISSAGE_SYNTHESIS_PAGE (tissage_window_get_synthesis_page (window));
  wait_mapped (GTK_WIDGET (page));
  tissage_synthesis_page_set_period (page, figures_project_find (document, TISSAGE_TYPE_PERIOD, FIGURES_HALF_YEAR));
  wait_frames (3);

  assert_shown (page, document, 2, 3, 2, 4, 5);
  /* The effect's quotes too are the half-year's. */
  assert_quote_badge (page, 2);
  /* Six months against annual targets: said. */
  {
    g_autofree char *notice = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "“%s” lasts %u month, other periods %u: its values compare with the targets and with the other periods only with care.",
                                                            "“%s” lasts %u months, other periods %u: its values compare with the targets and with the other periods only with care.",
                                                            6), FIGURES_HALF_YEAR, 6, 12);

    g_assert_nonnull (find_label (GTK_WIDGET (page), notice));
  }
  g_assert_cmpstr (figure_label (page, _("Indicators measured"), FALSE), ==, "5");

  g_assert_true (tissage_synthesis_page_get_achieved (page, figures_project_find (document, TISSAGE_TYPE_INDICATOR, FIGURES_SCOPED),
                                                      &value, &computed));
  g_assert_cmpfloat (value, ==, 61);
  g_assert_true (tissage_synthesis_page_get_achieved (page, figures_project_find (document, TISSAGE_TYPE_INDICATOR, FIGURES_MEAN),
                                                      &value, &computed));
  g_assert_cmpfloat (value, ==, 85);
  g_assert_false (computed);
  g_assert_true (tissage_synthesis_page_get_achieved (page, figures_project_find (document, TISSAGE_TYPE_INDICATOR, FIGURES_COMPUTED),
                                                      &value, &computed));
  g_assert_cmpfloat (value, ==, 4.5);
  g_assert_true (computed);

  /* Which value counts, in words under each bar, all five shown. */
  show_all_indicators (page);
  {
    g_autofree char *from = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "computed from %u interview",
                                                          "computed from %u interviews", 2), 2);

    g_assert_nonnull (strstr (indicator_caption (page, FIGURES_COMPUTED), from));
  }
  g_assert_nonnull (strstr (indicator_caption (page, FIGURES_MEAN), C_("value", "entered")));

  down = figures_project_find (document, TISSAGE_TYPE_INDICATOR, FIGURES_DOWN);
  bar = tissage_synthesis_page_get_bar (page, down);
  g_assert_nonnull (bar);
  g_assert_cmpint (tissage_indicator_bar_get_reach (TISSAGE_INDICATOR_BAR (bar)), ==, TISSAGE_REACH_FAR);

  save_screenshot (GTK_WIDGET (window), "synthesis-same-figures.png");

  /* Nord: its interview and quote, its own indicator and values. */
  tissage_synthesis_page_set_structure (page, figures_project_find (document, TISSAGE_TYPE_STRUCTURE, "Mission locale Nord"));
  wait_frames (3);
  assert_shown (page, document, 1, 1, 1, 2, 3);

  /* 2025: its own interviews, and complaints above a target of 0. */
  tissage_synthesis_page_set_structure (page, NULL);
  tissage_synthesis_page_set_period (page, figures_project_find (document, TISSAGE_TYPE_PERIOD, "2025"));
  wait_frames (3);
  assert_shown (page, document, 2, 2, 3, 1, 2);
  assert_quote_badge (page, 3);

  close_window (window);
}

static gboolean
has_shown_button_label (GtkWidget     *widget,
                        gconstpointer  text)
{
  return gtk_widget_get_visible (widget) && has_button_label (widget, text);
}

/* Every effect's indicators on the page, not its first three only, nor
 * the first effects only. */
static void
show_every_indicator (TissageSynthesisPage *page)
{
  for (gboolean more = TRUE; more;)
    {
      more = FALSE;
      for (guint n = 1; n <= 60 && !more; n++)
        {
          g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show %u More Effect",
                                                                 "Show %u More Effects", n), n);
          GtkWidget *button = find_widget (GTK_WIDGET (page), has_shown_button_label, label);

          if (button != NULL)
            {
              g_signal_emit_by_name (button, "clicked");
              wait_frames (2);
              more = TRUE;
            }
        }
    }
  for (guint n = 4; n <= 30; n++)
    {
      g_autofree char *all = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show All %u Indicators",
                                                           "Show All %u Indicators", n), n);
      GtkWidget *button;

      while ((button = find_widget (GTK_WIDGET (page), has_shown_button_label, all)) != NULL)
        {
          g_signal_emit_by_name (button, "clicked");
          wait_frames (2);
        }
    }
}

/*
 * The example's half-year, as the new user saw it: 29 % of lasting jobs
 * from 24 % towards 32 % drawn at 91 % on the Synthèse while the values
 * grid said 62 %, and 625 people met from 800 towards 1 200. Each bar of
 * the Synthèse fills as far as the core's rate for its indicator, never
 * below 0, its caption says what the rate is; the values grid's bar is
 * the same and says it too.
 */
static void
test_same_rate (void)
{
  TissageDocument *document;
  TissageWindow *window = open_example ("synthese-taux.tissage", &document);
  TissageSynthesisPage *page = TISSAGE_SYNTHESIS_PAGE (tissage_window_get_synthesis_page (window));
  TissageReferentielPage *referentiel;
  TissageMeasuresGrid *grid;
  GListModel *indicators = tissage_document_get_records (document, TISSAGE_TYPE_INDICATOR);
  TissagePeriod *half = figures_project_find (document, TISSAGE_TYPE_PERIOD, "1er semestre 2026");
  TissageIndicator *jobs = figures_project_find (document, TISSAGE_TYPE_INDICATOR, "Taux de sorties en emploi durable");
  TissageIndicator *met = figures_project_find (document, TISSAGE_TYPE_INDICATOR, "Habitants rencontrés en aller-vers");
  guint compared = 0, went_back = 0;

  wait_frames (5);
  g_assert_true (tissage_synthesis_page_get_period (page) == half);
  show_every_indicator (page);

  for (guint i = 0; i < g_list_model_get_n_items (indicators); i++)
    {
      g_autoptr(TissageIndicator) indicator = g_list_model_get_item (indicators, i);
      GtkWidget *bar = tissage_synthesis_page_get_bar (page, indicator);
      double value = NAN, baseline = NAN;
      gboolean computed;
      TissageAchievement achievement;
      g_autofree char *words = NULL;

      if (bar == NULL || !tissage_synthesis_page_get_achieved (page, indicator, &value, &computed))
        continue;
      g_object_get (indicator, "baseline", &baseline, NULL);
      achievement = tissage_indicator_achievement (value, baseline,
                                                   tissage_document_get_target_for_period (document, indicator, half),
                                                   tissage_indicator_get_direction (indicator));
      if (isnan (achievement.rate))
        continue;
      g_assert_cmpfloat (tissage_indicator_bar_get_fraction (TISSAGE_INDICATOR_BAR (bar)), ==, achievement.rate);
      g_assert_cmpfloat (tissage_indicator_bar_get_fraction (TISSAGE_INDICATOR_BAR (bar)), >=, 0);
      words = tissage_achievement_describe (&achievement);
      g_assert_nonnull (strstr (indicator_caption (page, tissage_indicator_get_title (indicator)), words));
      compared++;
      went_back += achievement.went_back;
    }
  g_test_message ("%u bars compared, %u gone back", compared, went_back);
  g_assert_cmpuint (compared, >=, 40);
  g_assert_cmpuint (went_back, >=, 3);

  /* The two figures of the new user. */
  g_assert_cmpfloat_with_epsilon (tissage_indicator_bar_get_fraction (TISSAGE_INDICATOR_BAR (tissage_synthesis_page_get_bar (page, jobs))),
                                  (29.0 - 24) / (32 - 24), 1e-9);
  g_assert_nonnull (strstr (indicator_caption (page, "Taux de sorties en emploi durable"),
                            "63\u202f% du chemin depuis la situation de départ"));
  g_assert_cmpfloat (tissage_indicator_bar_get_fraction (TISSAGE_INDICATOR_BAR (tissage_synthesis_page_get_bar (page, met))), ==, 0);
  g_assert_nonnull (strstr (indicator_caption (page, "Habitants rencontrés en aller-vers"),
                            "0\u202f%\u00a0: en recul par rapport à la situation de départ"));
  save_screenshot (GTK_WIDGET (window), "synthesis-rates.png");

  /* The values grid: the same rate, said for what it is. */
  referentiel = TISSAGE_REFERENTIEL_PAGE (tissage_window_get_referentiel_page (window));
  tissage_window_show_section (window, "referentiel");
  wait_mapped (GTK_WIDGET (referentiel));
  grid = TISSAGE_MEASURES_GRID (tissage_referentiel_page_get_measures (referentiel));
  g_assert_true (tissage_referentiel_page_select (referentiel, TISSAGE_RECORD (jobs)));
  wait_frames (3);
  g_assert_cmpfloat_with_epsilon (gtk_progress_bar_get_fraction (tissage_measures_grid_get_progress (grid, half)), 0.625, 1e-9);
  g_assert_cmpstr (gtk_progress_bar_get_text (tissage_measures_grid_get_progress (grid, half)), ==, "29 (63\u202f%)");
  g_assert_cmpstr (tissage_measures_grid_get_rate (grid, half), ==, "63\u202f% du chemin depuis la situation de départ");
  save_screenshot (GTK_WIDGET (window), "values-grid-rate.png");
  g_assert_true (tissage_referentiel_page_select (referentiel, TISSAGE_RECORD (met)));
  wait_frames (3);
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (tissage_measures_grid_get_progress (grid, half)), ==, 0);
  g_assert_cmpstr (gtk_progress_bar_get_text (tissage_measures_grid_get_progress (grid, half)), ==, "625 (0\u202f%)");
  g_assert_cmpstr (tissage_measures_grid_get_rate (grid, half), ==,
                   "0\u202f%\u00a0: en recul par rapport à la situation de départ");

  close_window (window);
}

static gboolean
is_combo_row_titled (GtkWidget     *widget,
                     gconstpointer  title)
{
  return ADW_IS_COMBO_ROW (widget) && has_title (widget, title);
}

/*
 * The direction of an indicator, chosen in its editor: the delay from 45
 * days to a target of 30 stands at 40, far from its target going down;
 * read as going up, it would pass it. The Synthèse follows the editor.
 */
static void
test_direction_editor (void)
{
  g_autoptr(GFile) file = g_file_new_build_filename (tmp_dir, "sens.tissage", NULL);
  g_autoptr(TissageDocument) made = figures_project_create (file);
  TissageWindow *window;
  TissageDocument *document;
  TissageReferentielPage *referentiel;
  TissageSynthesisPage *page;
  TissageIndicator *down;
  AdwComboRow *row;
  GtkWidget *bar;
  g_autofree char *all = NULL;

  g_clear_object (&made);
  window = open_window (file);
  document = tissage_window_get_document (window);
  down = figures_project_find (document, TISSAGE_TYPE_INDICATOR, FIGURES_DOWN);
  referentiel = TISSAGE_REFERENTIEL_PAGE (tissage_window_get_referentiel_page (window));
  tissage_window_show_section (window, "referentiel");
  wait_mapped (GTK_WIDGET (referentiel));
  g_assert_true (tissage_referentiel_page_select (referentiel, TISSAGE_RECORD (down)));
  wait_frames (3);

  row = ADW_COMBO_ROW (find_shown_widget (GTK_WIDGET (referentiel), is_combo_row_titled, _("Direction")));
  g_assert_nonnull (row);
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, TISSAGE_DIRECTION_DOWN);
  save_screenshot (GTK_WIDGET (window), "indicator-direction.png");

  tissage_window_show_section (window, "synthesis");
  page = TISSAGE_SYNTHESIS_PAGE (tissage_window_get_synthesis_page (window));
  wait_mapped (GTK_WIDGET (page));
  tissage_synthesis_page_set_period (page, figures_project_find (document, TISSAGE_TYPE_PERIOD, FIGURES_HALF_YEAR));
  wait_frames (3);
  show_all_indicators (page);
  bar = tissage_synthesis_page_get_bar (page, down);
  g_assert_nonnull (bar);
  g_assert_cmpint (tissage_indicator_bar_get_reach (TISSAGE_INDICATOR_BAR (bar)), ==, TISSAGE_REACH_FAR);
  all = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u target reached out of %u", "%u targets reached out of %u", 4), 4, 5);
  g_assert_nonnull (find_label (GTK_WIDGET (page), all));

  /* Turned to "up" in the editor: reached, on screen too. */
  tissage_window_show_section (window, "referentiel");
  wait_frames (2);
  adw_combo_row_set_selected (row, TISSAGE_DIRECTION_UP);
  wait_frames (2);
  g_assert_cmpint (tissage_indicator_get_direction (down), ==, TISSAGE_DIRECTION_UP);
  tissage_window_show_section (window, "synthesis");
  wait_frames (5);
  show_all_indicators (page);
  bar = tissage_synthesis_page_get_bar (page, down);
  g_assert_cmpint (tissage_indicator_bar_get_reach (TISSAGE_INDICATOR_BAR (bar)), ==, TISSAGE_REACH_REACHED);
  g_clear_pointer (&all, g_free);
  all = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u target reached out of %u", "%u targets reached out of %u", 5), 5, 5);
  g_assert_nonnull (find_label (GTK_WIDGET (page), all));

  /* And undone, down again. */
  g_assert_true (tissage_document_undo (document, NULL));
  wait_frames (5);
  g_assert_cmpint (tissage_indicator_get_direction (down), ==, TISSAGE_DIRECTION_DOWN);
  show_all_indicators (page);
  bar = tissage_synthesis_page_get_bar (page, down);
  g_assert_cmpint (tissage_indicator_bar_get_reach (TISSAGE_INDICATOR_BAR (bar)), ==, TISSAGE_REACH_FAR);

  close_window (window);
}

static void
assert_collective_bar (TissageReferentielPage *referentiel,
                       TissageDocument        *document,
                       const char             *title,
                       const char             *number,
                       double                  percent,
                       const char             *source)
{
  TissageMeasuresGrid *grid = TISSAGE_MEASURES_GRID (tissage_referentiel_page_get_measures (referentiel));
  TissagePeriod *half = figures_project_find (document, TISSAGE_TYPE_PERIOD, FIGURES_HALF_YEAR);
  g_autofree char *shown = tissage_format_number (round (percent), "%");
  g_autofree char *text = g_strdup_printf (_("%s (%s)"), number, shown);
  GtkProgressBar *bar;

  g_assert_true (tissage_referentiel_page_select (referentiel, figures_project_find (document, TISSAGE_TYPE_INDICATOR, title)));
  wait_frames (3);
  bar = tissage_measures_grid_get_progress (grid, half);
  g_assert_nonnull (bar);
  g_test_message ("%s: %s, %s", title, gtk_progress_bar_get_text (bar), tissage_measures_grid_get_source (grid, half));
  g_assert_cmpstr (gtk_progress_bar_get_text (bar), ==, text);
  g_assert_cmpfloat_with_epsilon (gtk_progress_bar_get_fraction (bar), MIN (percent / 100, 1), 1e-9);
  g_assert_cmpstr (tissage_measures_grid_get_source (grid, half), ==, source);
}

/*
 * "Collectif, face à la cible" under the values grid: Nord's own
 * indicator at 61 against 60 (it showed nothing), the collective's typed
 * 85 (it showed the structures' mean, 65), a delay of 40 days from 45 to
 * 30 a third of the way (it showed 133 %), and which value counts.
 */
static void
test_values_grid (void)
{
  g_autoptr(GFile) file = g_file_new_build_filename (tmp_dir, "grille.tissage", NULL);
  g_autoptr(TissageDocument) made = figures_project_create (file);
  g_autofree char *from = NULL;
  TissageWindow *window;
  TissageDocument *document;
  TissageReferentielPage *referentiel;

  g_clear_object (&made);
  window = open_window (file);
  document = tissage_window_get_document (window);
  referentiel = TISSAGE_REFERENTIEL_PAGE (tissage_window_get_referentiel_page (window));
  tissage_window_show_section (window, "referentiel");
  wait_mapped (GTK_WIDGET (referentiel));

  assert_collective_bar (referentiel, document, FIGURES_SCOPED, "61", 100.0 * 61 / 60, C_("value", "entered"));
  assert_collective_bar (referentiel, document, FIGURES_MEAN, "85", 100.0 * 85 / 80, C_("value", "entered"));
  assert_collective_bar (referentiel, document, FIGURES_DOWN, "40", 100.0 / 3, C_("value", "entered"));
  from = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "computed from %u interview", "computed from %u interviews", 2), 2);
  assert_collective_bar (referentiel, document, FIGURES_ZERO, "0", 100, C_("value", "entered"));
  {
    TissageMeasuresGrid *grid = TISSAGE_MEASURES_GRID (tissage_referentiel_page_get_measures (referentiel));
    TissagePeriod *half = figures_project_find (document, TISSAGE_TYPE_PERIOD, FIGURES_HALF_YEAR);

    g_assert_true (tissage_referentiel_page_select (referentiel, figures_project_find (document, TISSAGE_TYPE_INDICATOR,
                                                                                       FIGURES_COMPUTED)));
    wait_frames (3);
    g_assert_cmpstr (tissage_measures_grid_get_source (grid, half), ==, from);
    save_screenshot (GTK_WIDGET (window), "values-grid-computed.png");
  }

  close_window (window);
}

/* A half-year given its own target: the bar, the synthesis and the
 * figures measure it against that; a word keeps it; undone, the
 * indicator's target is back. */
static void
test_period_target (void)
{
  g_autoptr(GFile) file = g_file_new_build_filename (tmp_dir, "cible-periode.tissage", NULL);
  g_autoptr(TissageDocument) made = figures_project_create (file);
  TissageWindow *window;
  TissageDocument *document;
  TissageReferentielPage *referentiel;
  TissageMeasuresGrid *grid;
  TissagePeriod *half;
  TissageIndicator *mean;
  GtkWidget *entry;

  g_clear_object (&made);
  window = open_window (file);
  document = tissage_window_get_document (window);
  referentiel = TISSAGE_REFERENTIEL_PAGE (tissage_window_get_referentiel_page (window));
  grid = TISSAGE_MEASURES_GRID (tissage_referentiel_page_get_measures (referentiel));
  half = figures_project_find (document, TISSAGE_TYPE_PERIOD, FIGURES_HALF_YEAR);
  mean = figures_project_find (document, TISSAGE_TYPE_INDICATOR, FIGURES_MEAN);
  tissage_window_show_section (window, "referentiel");
  wait_mapped (GTK_WIDGET (referentiel));

  assert_collective_bar (referentiel, document, FIGURES_MEAN, "85", 100.0 * 85 / 80, C_("value", "entered"));
  entry = tissage_measures_grid_get_target_entry (grid, half);
  g_assert_nonnull (entry);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_cmpstr (gtk_entry_get_placeholder_text (GTK_ENTRY (entry)), ==, "80");

  /* Pasted, one undo step. */
  gtk_widget_grab_focus (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "100");
  leave_field (entry);
  wait_frames (3);
  g_assert_cmpfloat (tissage_document_get_period_target (document, mean, half), ==, 100);
  assert_collective_bar (referentiel, document, FIGURES_MEAN, "85", 85, C_("value", "entered"));

  /* A word: the 100 stays, and the field says so. */
  entry = tissage_measures_grid_get_target_entry (grid, half);
  retype_field (entry, "cent");
  leave_field (entry);
  wait_frames (3);
  g_assert_cmpfloat (tissage_document_get_period_target (document, mean, half), ==, 100);
  g_assert_true (gtk_widget_has_css_class (entry, "error"));

  /* The synthesis of the half-year reads the same target. */
  {
    TissageSynthesisPage *page = TISSAGE_SYNTHESIS_PAGE (tissage_window_get_synthesis_page (window));
    TissageFigures figures;

    g_assert_true (tissage_document_compute_figures (document, half, NULL, &figures, NULL));
    g_assert_cmpuint (figures.targets_reached, ==, 3);
    tissage_window_show_section (window, "synthesis");
    wait_mapped (GTK_WIDGET (page));
    tissage_synthesis_page_set_period (page, half);
    tissage_synthesis_page_flush (page);
    wait_frames (5);
    /* 3 of the 5 measured targets: 60 %, as the core counts them. */
    g_assert_cmpfloat_with_epsilon (tissage_synthesis_page_get_figure (page, TISSAGE_FIGURE_TARGETS_REACHED), 60, 1e-9);
    show_all_indicators (page);
    g_assert_cmpint (tissage_indicator_bar_get_reach (TISSAGE_INDICATOR_BAR (tissage_synthesis_page_get_bar (page, mean))),
                     !=, TISSAGE_REACH_REACHED);
  }

  /* Undone, the indicator's 80 counts again. */
  g_assert_true (tissage_document_undo (document, NULL));
  wait_frames (5);
  g_assert_true (isnan (tissage_document_get_period_target (document, mean, half)));
  tissage_window_show_section (window, "referentiel");
  wait_mapped (GTK_WIDGET (referentiel));
  assert_collective_bar (referentiel, document, FIGURES_MEAN, "85", 100.0 * 85 / 80, C_("value", "entered"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (tissage_measures_grid_get_target_entry (grid, half))), ==, "");
  save_screenshot (GTK_WIDGET (window), "values-grid-period-target.png");

  close_window (window);
}

static void
test_empty (void)
{
  g_autoptr(GFile) file = new_project ("synthese-vide.tissage");
  TissageWindow *window = open_window (file);
  GtkWidget *page = tissage_window_get_synthesis_page (window);

  tissage_window_show_section (window, "synthesis");
  wait_mapped (page);
  g_assert_nonnull (find_label (page, _("Nothing to Sum Up Yet")));
  save_screenshot (GTK_WIDGET (window), "synthesis-empty.png");

  /* Its button leads to the framework. */
  g_assert_true (gtk_widget_activate_action (page, "synthesis.show-framework", NULL));
  wait_frames (3);
  g_assert_false (gtk_widget_get_mapped (page));

  close_window (window);
}

static guint
count_cards (GtkWidget *widget)
{
  guint n = gtk_widget_has_css_class (widget, "synthesis-effect") ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    n += count_cards (child);
  return n;
}

static gboolean
cards_built (gpointer page)
{
  return !tissage_synthesis_page_get_building (TISSAGE_SYNTHESIS_PAGE (page));
}

/* The cards of the first screen are built for the page's first frame, the
 * others after it, between events; once drawn, all of a page are there,
 * and reading the page builds what is still to come. */
static void
test_cards_after_first_frame (void)
{
  g_autoptr(GFile) file = g_file_new_build_filename (tmp_dir, "synthese-cartes.tissage", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) example = tissage_document_create_example (file, &error);
  TissageWindow *window;
  GtkWidget *page;
  guint first, all;

  g_assert_no_error (error);
  g_clear_object (&example);
  window = open_window (file);
  page = tissage_window_get_synthesis_page (window);

  tissage_window_show_section (window, "synthesis");
  first = count_cards (page);
  g_assert_cmpuint (first, >, 0);
  g_assert_cmpuint (first, <=, 2);
  /* Built when idle: as long as that takes on a loaded machine. */
  wait_until (cards_built, page, 10000);
  all = count_cards (page);
  g_test_message ("%u cards for the first frame, %u after", first, all);
  g_assert_cmpuint (all, >, first);
  g_assert_cmpuint (all, <=, 6);

  /* Another period: the first cards again at once, the rest once asked for. */
  {
    GListModel *periods = tissage_document_get_records (tissage_window_get_document (window), TISSAGE_TYPE_PERIOD);
    g_autoptr(TissagePeriod) other = g_list_model_get_item (periods, 0);

    tissage_synthesis_page_set_period (TISSAGE_SYNTHESIS_PAGE (page), other);
    g_assert_cmpuint (count_cards (page), <=, 2);
    tissage_synthesis_page_flush (TISSAGE_SYNTHESIS_PAGE (page));
    g_assert_cmpuint (count_cards (page), ==, all);
  }

  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/synthesis/figures", test_figures);
  g_test_add_func ("/synthesis/filters", test_filters);
  g_test_add_func ("/synthesis/computed", test_computed);
  g_test_add_func ("/synthesis/bar-draws", test_bar_draws);
  g_test_add_func ("/synthesis/same-figures", test_same_figures);
  g_test_add_func ("/synthesis/same-rate", test_same_rate);
  g_test_add_func ("/synthesis/direction-editor", test_direction_editor);
  g_test_add_func ("/synthesis/values-grid", test_values_grid);
  g_test_add_func ("/synthesis/period-target", test_period_target);
  g_test_add_func ("/synthesis/empty", test_empty);
  g_test_add_func ("/synthesis/cards-after-first-frame", test_cards_after_first_frame);

  return ui_test_run ();
}

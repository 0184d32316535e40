/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tissage-interviews.h"
#include "tissage-measures-grid.h"
#include "tissage-referentiel.h"
#include "tissage-verbatim-browser.h"
#include "tissage-ui-test-utils.h"

/* A project with quotes marked through the core, as the interview page does. */
typedef struct {
  TissageDocument  *document;
  TissageStructure *north;
  TissageStructure *south;
  TissageCategory  *beneficiaries;
  TissageCategory  *volunteers;
  TissageEffect    *employment;
  TissageEffect    *confidence;
  TissageEffect    *neighbours;
  TissageVerbatim  *verbatims[4];
} Project;

static TissageVerbatim *
mark (Project             *project,
      TissageInterview    *interview,
      TissageGridQuestion *question,
      const char          *answer_text,
      const char          *quote,
      TissageTone          tone,
      TissageEffect       *first,
      TissageEffect       *second)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageAnswer) answer = NULL;
  gint64 effects[2] = { tissage_record_id (first), tissage_record_id (second) };
  const char *found = strstr (answer_text, quote);
  int start;
  TissageVerbatim *verbatim;

  g_assert_nonnull (found);
  start = g_utf8_pointer_to_offset (answer_text, found);
  answer = tissage_document_get_answer (project->document, interview, question);
  if (answer == NULL)
    {
      g_assert_true (tissage_document_set_answer (project->document, interview, question, answer_text, &error));
      g_assert_no_error (error);
      answer = tissage_document_get_answer (project->document, interview, question);
    }
  verbatim = tissage_document_add_verbatim (project->document, answer, start, start + g_utf8_strlen (quote, -1),
                                            tone, effects, second != NULL ? 2 : 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tissage_verbatim_get_quote (verbatim), ==, quote);
  return verbatim;
}

static void
project_init (Project *project)
{
  g_autoptr(GFile) file = new_project ("verbatims.tissage");
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageStake) work = NULL;
  g_autoptr(TissageStake) ties = NULL;
  g_autoptr(TissageEvalQuestion) work_question = NULL;
  g_autoptr(TissageEvalQuestion) ties_question = NULL;
  g_autoptr(TissageGrid) grid = NULL;
  g_autoptr(TissageGridQuestion) story = NULL;
  g_autoptr(TissageGridQuestion) change = NULL;
  g_autoptr(TissageStakeholder) jeanne = NULL;
  g_autoptr(TissageInterview) first = NULL;
  g_autoptr(TissageInterview) second = NULL;
  GListModel *categories;

  project->document = tissage_document_open (file, &error);
  g_assert_no_error (error);
  categories = tissage_document_get_categories (project->document);
  project->beneficiaries = g_list_model_get_item (categories, 0);
  project->volunteers = g_list_model_get_item (categories, 1);

  project->north = tissage_document_insert (project->document, TISSAGE_TYPE_STRUCTURE, &error, "name", "Mission locale Nord", NULL);
  project->south = tissage_document_insert (project->document, TISSAGE_TYPE_STRUCTURE, &error, "name", "Régie de quartier Sud", NULL);
  work = tissage_document_insert (project->document, TISSAGE_TYPE_STAKE, &error, "title", "Emploi", "position", 0, NULL);
  ties = tissage_document_insert (project->document, TISSAGE_TYPE_STAKE, &error, "title", "Lien social", "position", 1, NULL);
  work_question = tissage_document_insert (project->document, TISSAGE_TYPE_EVAL_QUESTION, &error,
                                           "stake-id", tissage_record_id (work), "title", "L'accompagnement mène-t-il à l'emploi ?", NULL);
  ties_question = tissage_document_insert (project->document, TISSAGE_TYPE_EVAL_QUESTION, &error,
                                           "stake-id", tissage_record_id (ties), "title", "Les habitants se rencontrent-ils ?", NULL);
  project->employment = tissage_document_insert (project->document, TISSAGE_TYPE_EFFECT, &error,
                                                 "question-id", tissage_record_id (work_question), "title", "Retour à l'emploi",
                                                 "position", 0, NULL);
  project->confidence = tissage_document_insert (project->document, TISSAGE_TYPE_EFFECT, &error,
                                                 "question-id", tissage_record_id (work_question), "title", "Confiance en soi",
                                                 "position", 1, NULL);
  project->neighbours = tissage_document_insert (project->document, TISSAGE_TYPE_EFFECT, &error,
                                                 "question-id", tissage_record_id (ties_question), "title", "Liens entre voisins",
                                                 NULL);
  grid = tissage_document_insert (project->document, TISSAGE_TYPE_GRID, &error, "title", "Parcours", NULL);
  story = tissage_document_insert (project->document, TISSAGE_TYPE_GRID_QUESTION, &error,
                                   "grid-id", tissage_record_id (grid), "kind", TISSAGE_QUESTION_OPEN,
                                   "text", "Racontez votre parcours", NULL);
  change = tissage_document_insert (project->document, TISSAGE_TYPE_GRID_QUESTION, &error,
                                    "grid-id", tissage_record_id (grid), "kind", TISSAGE_QUESTION_OPEN,
                                    "text", "Qu'est-ce qui a changé ?", "position", 1, NULL);
  jeanne = tissage_document_insert (project->document, TISSAGE_TYPE_STAKEHOLDER, &error,
                                    "name", "Jeanne Martin", "category-id", tissage_record_id (project->beneficiaries), NULL);
  first = tissage_document_insert (project->document, TISSAGE_TYPE_INTERVIEW, &error,
                                   "grid-id", tissage_record_id (grid), "stakeholder-id", tissage_record_id (jeanne),
                                   "structure-id", tissage_record_id (project->north), "date", "2025-03-12", NULL);
  second = tissage_document_insert (project->document, TISSAGE_TYPE_INTERVIEW, &error,
                                    "grid-id", tissage_record_id (grid), "pseudonym", "Karim Benali",
                                    "category-id", tissage_record_id (project->volunteers),
                                    "structure-id", tissage_record_id (project->south), "date", "2025-06-03", NULL);
  g_assert_no_error (error);

  project->verbatims[0] =
    mark (project, first, story,
          "Au début je n'y croyais pas. Grâce à la conseillère, j'ai retrouvé un travail en six mois.",
          "Grâce à la conseillère, j'ai retrouvé un travail en six mois.",
          TISSAGE_TONE_POSITIVE, project->employment, project->confidence);
  project->verbatims[1] =
    mark (project, first, change,
          "Les horaires des ateliers ne collaient pas avec la garde des enfants.",
          "Les horaires des ateliers ne collaient pas avec la garde des enfants.",
          TISSAGE_TONE_NEGATIVE, project->employment, NULL);
  project->verbatims[2] =
    mark (project, second, story,
          "Je me sens utile : je prends la parole en réunion maintenant.",
          "je prends la parole en réunion maintenant",
          TISSAGE_TONE_POSITIVE, project->confidence, NULL);
  project->verbatims[3] =
    mark (project, second, change,
          "On verra avec le temps.",
          "On verra avec le temps.",
          TISSAGE_TONE_NEUTRAL, project->confidence, NULL);
}

static void
project_clear (Project *project)
{
  for (guint i = 0; i < G_N_ELEMENTS (project->verbatims); i++)
    g_clear_object (&project->verbatims[i]);
  g_clear_object (&project->north);
  g_clear_object (&project->south);
  g_clear_object (&project->beneficiaries);
  g_clear_object (&project->volunteers);
  g_clear_object (&project->employment);
  g_clear_object (&project->confidence);
  g_clear_object (&project->neighbours);
  /* Nothing else keeps the document alive once its records are let go. */
  if (project->document != NULL)
    g_assert_finalize_object (g_steal_pointer (&project->document));
}

static GtkWidget *
find_widget_with_class (GtkWidget  *root,
                        const char *css_class)
{
  return find_widget (root, has_css_class, css_class);
}

/* The @n-th widget of @type in the browser, in the order of the tree. */
static GtkWidget *
nth_widget (GtkWidget *browser,
            GType      type,
            guint      n)
{
  GtkWidget *found = find_nth_widget (browser, FALSE, is_of_type, GSIZE_TO_POINTER (type), n);

  g_assert_nonnull (found);
  return found;
}

/* Every text a label of the browser shows, one a line. */
static void
collect_labels (GtkWidget *widget,
                GString   *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_is_drawable (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, text);
}

static char *
shown_text (GtkWidget *browser)
{
  GString *text = g_string_new (NULL);

  collect_labels (browser, text);
  return g_string_free (text, FALSE);
}

/* How many cards the list of quotes holds. */
static guint
n_cards (GtkWidget *browser)
{
  GtkListView *list = GTK_LIST_VIEW (find_widget_with_class (browser, "verbatim-list"));

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list)));
}

/* The row of the effect list titled @title, and the count it shows. */
static GtkListBoxRow *
effect_row (GtkWidget  *browser,
            const char *title,
            const char **count)
{
  GtkListBox *list = GTK_LIST_BOX (nth_widget (browser, GTK_TYPE_LIST_BOX, 0));

  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, i);
      GtkWidget *box;

      if (row == NULL)
        return NULL;
      box = gtk_list_box_row_get_child (row);
      if (title == NULL ||
          g_strcmp0 (gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (box))), title) == 0)
        {
          if (count != NULL)
            *count = gtk_label_get_text (GTK_LABEL (gtk_widget_get_last_child (box)));
          return row;
        }
    }
}

static void
select_effect (GtkWidget  *browser,
               const char *title)
{
  GtkListBoxRow *row = effect_row (browser, title, NULL);

  g_assert_nonnull (row);
  gtk_list_box_select_row (GTK_LIST_BOX (gtk_widget_get_parent (GTK_WIDGET (row))), row);
  wait_frames (3);
}

/* Chooses @name in the @n-th drop-down (category, structure, tone). */
static void
choose (GtkWidget  *browser,
        guint       n,
        const char *name)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (nth_widget (browser, GTK_TYPE_DROP_DOWN, n));
  GListModel *names = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    if (name == NULL ? i == 0 : g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (names), i), name))
      {
        gtk_drop_down_set_selected (dropdown, i);
        wait_frames (3);
        return;
      }
  g_assert_not_reached ();
}

static GtkWidget *
present (GtkWidget *browser,
         int        width,
         int        height)
{
  GtkWidget *window = adw_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  adw_window_set_content (ADW_WINDOW (window), browser);
  gtk_window_present (GTK_WINDOW (window));
  wait_mapped (browser);
  return window;
}

static void
assert_shows (GtkWidget  *browser,
              const char *text,
              gboolean    shown)
{
  g_autofree char *labels = shown_text (browser);

  if ((strstr (labels, text) != NULL) != shown)
    g_error ("“%s” is %s in:\n%s", text, shown ? "missing" : "shown", labels);
}

static void
test_browse (void)
{
  Project project = { 0, };
  GtkWidget *browser, *window;
  const char *count = NULL;
  g_autoptr(GError) error = NULL;

  project_init (&project);
  browser = tissage_verbatim_browser_new ();
  window = present (browser, 1100, 720);
  tissage_verbatim_browser_set_document (TISSAGE_VERBATIM_BROWSER (browser), project.document);
  wait_frames (5);

  /* Every quote at first, and how many tell of each effect. */
  g_assert_cmpuint (n_cards (browser), ==, 4);
  g_assert_nonnull (effect_row (browser, NULL, &count));
  g_assert_cmpstr (count, ==, "4");
  g_assert_nonnull (effect_row (browser, "Retour à l'emploi", &count));
  g_assert_cmpstr (count, ==, "2");
  g_assert_nonnull (effect_row (browser, "Confiance en soi", &count));
  g_assert_cmpstr (count, ==, "3");
  g_assert_nonnull (effect_row (browser, "Liens entre voisins", &count));
  g_assert_cmpstr (count, ==, "0");
  g_assert_true (gtk_widget_has_css_class (gtk_list_box_row_get_child (effect_row (browser, "Liens entre voisins", NULL)),
                                           "dim-label"));
  g_assert_false (gtk_widget_has_css_class (gtk_list_box_row_get_child (effect_row (browser, "Confiance en soi", NULL)),
                                            "dim-label"));
  /* Grouped under their stake. */
  g_assert_nonnull (find_label (browser, "Emploi"));
  g_assert_nonnull (find_label (browser, "Lien social"));

  /* A card tells who (pseudonymised), where and when. */
  assert_shows (browser, "Grâce à la conseillère, j'ai retrouvé un travail en six mois.", TRUE);
  assert_shows (browser, "Mission locale Nord · 12 mars 2025", TRUE);
  assert_shows (browser, tissage_category_get_name (project.beneficiaries), TRUE);
  save_screenshot (window, "verbatims-all.png");

  /* An effect shows its quotes only. */
  select_effect (browser, "Retour à l'emploi");
  g_assert_cmpuint (n_cards (browser), ==, 2);
  assert_shows (browser, "Les horaires des ateliers", TRUE);
  assert_shows (browser, "je prends la parole", FALSE);
  select_effect (browser, "Confiance en soi");
  g_assert_cmpuint (n_cards (browser), ==, 3);

  /* Filters on the category, the structure, the tone and words. */
  choose (browser, 0, tissage_category_get_name (project.volunteers));
  g_assert_cmpuint (n_cards (browser), ==, 2);
  assert_shows (browser, "Grâce à la conseillère", FALSE);
  choose (browser, 0, NULL);
  choose (browser, 1, "Mission locale Nord");
  g_assert_cmpuint (n_cards (browser), ==, 1);
  assert_shows (browser, "Grâce à la conseillère", TRUE);
  choose (browser, 1, NULL);
  choose (browser, 2, tissage_tone_to_label (TISSAGE_TONE_NEUTRAL));
  g_assert_cmpuint (n_cards (browser), ==, 1);
  assert_shows (browser, "On verra avec le temps.", TRUE);
  choose (browser, 2, tissage_tone_to_label (TISSAGE_TONE_NEGATIVE));
  g_assert_cmpuint (n_cards (browser), ==, 0);
  /* Nothing left: the empty state offers to show everything again. */
  g_assert_true (gtk_widget_is_drawable (nth_widget (browser, ADW_TYPE_STATUS_PAGE, 0)));
  save_screenshot (window, "verbatims-no-match.png");
  g_assert_true (gtk_widget_activate_action (browser, "verbatims.clear-filters", NULL));
  wait_frames (3);
  g_assert_cmpuint (n_cards (browser), ==, 3);
  gtk_editable_set_text (GTK_EDITABLE (nth_widget (browser, GTK_TYPE_SEARCH_ENTRY, 0)), "reunion");
  wait_frames (15);
  g_assert_cmpuint (n_cards (browser), ==, 1);
  gtk_editable_set_text (GTK_EDITABLE (nth_widget (browser, GTK_TYPE_SEARCH_ENTRY, 0)), "");
  wait_frames (15);
  g_assert_cmpuint (n_cards (browser), ==, 3);

  /* An effect without quotes explains how to mark one. */
  select_effect (browser, "Liens entre voisins");
  g_assert_cmpuint (n_cards (browser), ==, 0);
  assert_shows (browser, "Ctrl+M", TRUE);
  save_screenshot (window, "verbatims-empty-effect.png");

  /* Names are never shown, on any card or filter. */
  select_effect (browser, NULL);
  assert_shows (browser, "Jeanne", FALSE);
  assert_shows (browser, "Martin", FALSE);
  assert_shows (browser, "Karim", FALSE);
  assert_shows (browser, "Benali", FALSE);

  /* Copied with its source, ready for a report, without the name. */
  {
    GdkClipboard *clipboard = gtk_widget_get_clipboard (browser);
    g_auto(GValue) value = G_VALUE_INIT;
    const char *text;

    g_assert_true (gtk_widget_activate_action (browser, "verbatims.copy", "x", tissage_record_id (project.verbatims[0])));
    g_value_init (&value, G_TYPE_STRING);
    g_assert_true (gdk_content_provider_get_value (gdk_clipboard_get_content (clipboard), &value, &error));
    g_assert_no_error (error);
    text = g_value_get_string (&value);
    g_test_message ("copied: %s", text);
    g_assert_nonnull (strstr (text, "Grâce à la conseillère, j'ai retrouvé un travail en six mois."));
    g_assert_nonnull (strstr (text, tissage_category_get_name (project.beneficiaries)));
    g_assert_nonnull (strstr (text, "Mission locale Nord, mars 2025"));
    g_assert_null (strstr (text, "Jeanne"));
  }

  /* A deleted quote goes, and comes back with undo. */
  g_assert_true (tissage_document_delete (project.document, project.verbatims[1], &error));
  g_assert_no_error (error);
  wait_frames (3);
  g_assert_cmpuint (n_cards (browser), ==, 3);
  assert_shows (browser, "Les horaires des ateliers", FALSE);
  g_assert_nonnull (effect_row (browser, "Retour à l'emploi", &count));
  g_assert_cmpstr (count, ==, "1");
  g_assert_true (tissage_document_undo (project.document, &error));
  g_assert_no_error (error);
  wait_frames (3);
  g_assert_cmpuint (n_cards (browser), ==, 4);
  assert_shows (browser, "Les horaires des ateliers", TRUE);
  g_assert_nonnull (effect_row (browser, "Retour à l'emploi", &count));
  g_assert_cmpstr (count, ==, "2");

  /* Retagged, a quote moves to its new effect. */
  {
    gint64 ties = tissage_record_id (project.neighbours);

    g_assert_true (tissage_document_set_verbatim_effects (project.document, project.verbatims[3], &ties, 1, &error));
    g_assert_no_error (error);
    wait_frames (3);
    g_assert_nonnull (effect_row (browser, "Liens entre voisins", &count));
    g_assert_cmpstr (count, ==, "1");
    g_assert_false (gtk_widget_has_css_class (gtk_list_box_row_get_child (effect_row (browser, "Liens entre voisins", NULL)),
                                              "dim-label"));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  wait_frames (3);
  project_clear (&project);
}

static void
test_example (void)
{
  g_autoptr(GFile) file = g_file_new_build_filename (tmp_dir, "exemple-verbatims.tissage", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = tissage_document_create_example (file, &error);
  GtkWidget *browser, *window;
  guint total;

  g_assert_no_error (error);
  total = tissage_document_count_verbatims (document);
  browser = tissage_verbatim_browser_new ();
  window = present (browser, 1100, 760);
  tissage_verbatim_browser_set_document (TISSAGE_VERBATIM_BROWSER (browser), document);
  wait_frames (5);
  g_assert_cmpuint (n_cards (browser), ==, total);
  save_screenshot (window, "verbatims-example.png");

  /* A narrow pane, as beside the interview list. */
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 600);
  wait_frames (10);
  save_screenshot (window, "verbatims-narrow.png");

  gtk_window_destroy (GTK_WINDOW (window));
  wait_frames (3);
}

/* Values computed from interviews under the cells of an indicator's values:
 * shown, marked as computed, never typed in for the user. */
static void
test_computed_values (void)
{
  g_autoptr(GFile) file = new_project ("calcul.tissage");
  g_autoptr(GError) error = NULL;
  g_autoptr(TissageDocument) document = tissage_document_open (file, &error);
  g_autoptr(TissageStructure) north = NULL;
  g_autoptr(TissagePeriod) period = NULL;
  g_autoptr(TissageStake) stake = NULL;
  g_autoptr(TissageEvalQuestion) question = NULL;
  g_autoptr(TissageEffect) effect = NULL;
  g_autoptr(TissageIndicator) share = NULL;
  g_autoptr(TissageIndicator) mean = NULL;
  g_autoptr(TissageGrid) grid = NULL;
  g_autoptr(TissageGridQuestion) employed = NULL;
  g_autoptr(TissageGridQuestion) satisfied = NULL;
  g_autoptr(TissageInterview) last = NULL;
  g_autoptr(TissageComputedValue) value = NULL;
  g_autoptr(TissageMeasurement) measure = NULL;
  const char *yes_no[] = { "oui", "oui", "oui", "non" };
  const char *scale[] = { "4", "4", "3", "" };
  g_autofree char *three_quarters = g_strdup_printf (_("%.0f %%"), 75.0);
  g_autofree char *all = g_strdup_printf (_("%.0f %%"), 100.0);
  GtkWidget *values, *window, *cell, *caption;
  const char *tooltip;

  g_assert_no_error (error);
  north = tissage_document_insert (document, TISSAGE_TYPE_STRUCTURE, &error, "name", "Mission locale Nord", NULL);
  period = tissage_document_insert (document, TISSAGE_TYPE_PERIOD, &error, "label", "2025",
                                    "start-date", "2025-01-01", "end-date", "2025-12-31", NULL);
  stake = tissage_document_insert (document, TISSAGE_TYPE_STAKE, &error, "title", "Emploi", NULL);
  question = tissage_document_insert (document, TISSAGE_TYPE_EVAL_QUESTION, &error,
                                      "stake-id", tissage_record_id (stake), "title", "Trouvent-ils un emploi ?", NULL);
  effect = tissage_document_insert (document, TISSAGE_TYPE_EFFECT, &error,
                                    "question-id", tissage_record_id (question), "title", "Retour à l'emploi", NULL);
  share = tissage_document_insert (document, TISSAGE_TYPE_INDICATOR, &error, "effect-id", tissage_record_id (effect),
                                   "title", "Part de personnes en emploi", "unit", "%", NULL);
  mean = tissage_document_insert (document, TISSAGE_TYPE_INDICATOR, &error, "effect-id", tissage_record_id (effect),
                                  "title", "Satisfaction moyenne", "unit", "sur 5", NULL);
  grid = tissage_document_insert (document, TISSAGE_TYPE_GRID, &error, "title", "Suivi", NULL);
  employed = tissage_document_insert (document, TISSAGE_TYPE_GRID_QUESTION, &error, "grid-id", tissage_record_id (grid),
                                      "kind", TISSAGE_QUESTION_YES_NO, "text", "Avez-vous un emploi ?", NULL);
  satisfied = tissage_document_insert (document, TISSAGE_TYPE_GRID_QUESTION, &error, "grid-id", tissage_record_id (grid),
                                       "kind", TISSAGE_QUESTION_SCALE, "text", "Êtes-vous satisfait ?", NULL);
  g_object_unref (tissage_document_insert (document, TISSAGE_TYPE_QUESTION_INDICATOR, &error,
                                           "question-id", tissage_record_id (employed), "indicator-id", tissage_record_id (share), NULL));
  g_object_unref (tissage_document_insert (document, TISSAGE_TYPE_QUESTION_INDICATOR, &error,
                                           "question-id", tissage_record_id (satisfied), "indicator-id", tissage_record_id (mean), NULL));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (yes_no); i++)
    {
      g_autoptr(TissageInterview) interview =
        tissage_document_insert (document, TISSAGE_TYPE_INTERVIEW, &error, "grid-id", tissage_record_id (grid),
                                 "structure-id", tissage_record_id (north), "date", "2025-04-01", NULL);

      g_assert_true (tissage_document_set_answer (document, interview, employed, yes_no[i], &error));
      g_assert_true (tissage_document_set_answer (document, interview, satisfied, scale[i], &error));
      g_assert_no_error (error);
      g_set_object (&last, interview);
    }

  values = tissage_measures_grid_new ();
  window = present (values, 700, 400);
  tissage_measures_grid_set_document (TISSAGE_MEASURES_GRID (values), document);
  tissage_measures_grid_set_indicator (TISSAGE_MEASURES_GRID (values), share);
  wait_frames (3);

  /* Nothing typed: the share of yes stands in the cell, dimmed, and the
   * cell stays empty. */
  value = tissage_document_compute_indicator_value (document, tissage_record_id (share), tissage_record_id (period), tissage_record_id (north));
  g_assert_nonnull (value);
  cell = tissage_measures_grid_get_cell (TISSAGE_MEASURES_GRID (values), period, north);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cell)), ==, "");
  g_assert_cmpstr (gtk_entry_get_placeholder_text (GTK_ENTRY (cell)), ==, three_quarters);
  g_assert_cmpstr (gtk_entry_get_placeholder_text (GTK_ENTRY (tissage_measures_grid_get_cell (TISSAGE_MEASURES_GRID (values), period, NULL))),
                   ==, three_quarters);
  caption = find_widget_with_class (gtk_widget_get_parent (cell), "computed-value");
  g_assert_nonnull (caption);
  g_assert_true (gtk_widget_is_drawable (caption));
  tooltip = gtk_widget_get_tooltip_text (caption);
  g_assert_nonnull (strstr (tooltip, value->distribution));
  g_assert_null (tissage_document_get_measure (document, share, period, north));
  save_screenshot (window, "values-computed.png");

  /* A value typed by hand stays as typed, the computed one beside it. */
  gtk_widget_grab_focus (cell);
  gtk_editable_set_text (GTK_EDITABLE (cell), "80");
  wait_frames (2);
  measure = tissage_document_get_measure (document, share, period, north);
  g_assert_nonnull (measure);
  g_assert_cmpfloat (tissage_measurement_get_value (measure), ==, 80.0);
  {
    const char *placeholder = gtk_entry_get_placeholder_text (GTK_ENTRY (cell));

    g_assert_cmpstr (placeholder ? placeholder : "", ==, "");
  }
  g_assert_true (gtk_widget_is_drawable (caption));
  {
    g_autofree char *labels = shown_text (caption);

    g_assert_nonnull (strstr (labels, three_quarters));
  }
  save_screenshot (window, "values-computed-and-typed.png");

  /* An answer changed: the computed value follows, the typed one stays. */
  g_assert_true (tissage_document_set_answer (document, last, employed, "oui", &error));
  g_assert_no_error (error);
  wait_frames (3);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cell)), ==, "80");
  g_assert_cmpstr (gtk_entry_get_placeholder_text (GTK_ENTRY (tissage_measures_grid_get_cell (TISSAGE_MEASURES_GRID (values), period, NULL))),
                   ==, all);

  /* A mean, with one decimal, in French. */
  tissage_measures_grid_set_indicator (TISSAGE_MEASURES_GRID (values), mean);
  wait_frames (3);
  cell = tissage_measures_grid_get_cell (TISSAGE_MEASURES_GRID (values), period, north);
  g_assert_cmpstr (gtk_entry_get_placeholder_text (GTK_ENTRY (cell)), ==, "3,7");

  gtk_window_destroy (GTK_WINDOW (window));
  wait_frames (3);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/verbatims/browse", test_browse);
  g_test_add_func ("/verbatims/example", test_example);
  g_test_add_func ("/verbatims/computed-values", test_computed_values);

  return ui_test_run ();
}

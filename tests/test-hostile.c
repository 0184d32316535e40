/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "tissage-figures.h"
#include "tissage-hostile-utils.h"
#include "tissage-interviews.h"
#include "tissage-map-document.h"
#include "tissage-map-export.h"
#include "tissage-referentiel.h"
#include "tissage-test-utils.h"
#include "tissage-xlsx-export.h"

/*
 * A project is a file that travels: one written by another tool may hold
 * what the CHECK constraints refuse, keys of rows that are not there, text
 * that is no text. Opening it, every figure, the search and the exports
 * must then work or fail with a message, never crash, loop or abort.
 */

typedef struct {
  const HostileVariant *variant;   /* NULL: the offsets */
  gboolean              ignore_checks;
} Case;

/* The loaded tables; GTypes are no constants, so filled in at start. */
static GType record_types[23];

static void
init_record_types (void)
{
  GType types[] = {
    TISSAGE_TYPE_PROJECT, TISSAGE_TYPE_STRUCTURE, TISSAGE_TYPE_CATEGORY,
    TISSAGE_TYPE_STAKEHOLDER, TISSAGE_TYPE_LINK, TISSAGE_TYPE_STAKE,
    TISSAGE_TYPE_EVAL_QUESTION, TISSAGE_TYPE_EFFECT, TISSAGE_TYPE_EFFECT_STAKEHOLDER,
    TISSAGE_TYPE_INDICATOR, TISSAGE_TYPE_BANK_INDICATOR, TISSAGE_TYPE_TOC_ITEM,
    TISSAGE_TYPE_TOC_LINK, TISSAGE_TYPE_PERIOD, TISSAGE_TYPE_GRID,
    TISSAGE_TYPE_GRID_CATEGORY, TISSAGE_TYPE_GRID_SECTION, TISSAGE_TYPE_GRID_QUESTION,
    TISSAGE_TYPE_QUESTION_EFFECT, TISSAGE_TYPE_QUESTION_INDICATOR, TISSAGE_TYPE_INTERVIEW,
    TISSAGE_TYPE_ACTION, TISSAGE_TYPE_ACTION_PARTNER,
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (types) == G_N_ELEMENTS (record_types));
  memcpy (record_types, types, sizeof types);
}

static char *example_path;

/* Reads every property of every record, as the widgets and exports do. */
static guint
read_records (TissageDocument *document)
{
  guint n = 0;

  for (guint t = 0; t < G_N_ELEMENTS (record_types); t++)
    {
      GListModel *model = tissage_document_get_records (document, record_types[t]);

      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(TissageRecord) record = g_list_model_get_item (model, i);
          g_autofree GParamSpec **pspecs = NULL;
          guint n_pspecs;

          pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (record), &n_pspecs);
          for (guint p = 0; p < n_pspecs; p++)
            {
              g_auto(GValue) value = G_VALUE_INIT;

              g_value_init (&value, pspecs[p]->value_type);
              g_object_get_property (G_OBJECT (record), pspecs[p]->name, &value);
              /* What a file holds must come out as text a label can show. */
              if (G_VALUE_HOLDS_STRING (&value) && g_value_get_string (&value) != NULL)
                g_assert_true (g_utf8_validate (g_value_get_string (&value), -1, NULL));
              if (G_VALUE_HOLDS_DOUBLE (&value))
                g_assert_false (isinf (g_value_get_double (&value)));
            }
          g_assert_true (g_utf8_validate (tissage_record_get_uuid (record), -1, NULL));
          g_assert_true (g_utf8_validate (tissage_record_get_modified (record), -1, NULL));
          n++;
        }
    }

  return n;
}

static void
count_value (gint64                     indicator_id,
             gint64                     period_id,
             const TissageCountedValue *value,
             gpointer                   user_data)
{
  guint *n = user_data;

  (*n)++;
}

static void
compute_figures (TissageDocument *document)
{
  GListModel *indicators = tissage_document_get_records (document, TISSAGE_TYPE_INDICATOR);
  GListModel *periods = tissage_document_get_records (document, TISSAGE_TYPE_PERIOD);
  GListModel *structures = tissage_document_get_structures (document);
  g_autoptr(GPtrArray) computed = NULL;
  g_autoptr(GHashTable) effect_counts = NULL;
  g_autoptr(GHashTable) verbatim_counts = NULL;
  g_autoptr(GError) error = NULL;

  computed = tissage_document_compute_indicator_values (document, &error);
  g_assert_true (computed != NULL || error != NULL);
  g_clear_error (&error);

  for (guint i = 0; i < g_list_model_get_n_items (indicators); i++)
    {
      g_autoptr(TissageIndicator) indicator = g_list_model_get_item (indicators, i);
      gint64 indicator_id = tissage_record_get_id (TISSAGE_RECORD (indicator));
      g_autoptr(GPtrArray) values = NULL;

      values = tissage_document_compute_values_of_indicator (document, indicator_id, &error);
      g_assert_true (values != NULL || error != NULL);
      g_clear_error (&error);

      for (guint p = 0; p < g_list_model_get_n_items (periods); p++)
        {
          g_autoptr(TissagePeriod) period = g_list_model_get_item (periods, p);
          g_autoptr(TissageComputedValue) value = NULL;
          g_autoptr(TissageMeasurement) measure = NULL;
          g_autofree char *text = NULL;
          double consolidated = NAN;

          value = tissage_document_compute_indicator_value (document, indicator_id,
                                                            tissage_record_get_id (TISSAGE_RECORD (period)), 0);
          if (tissage_document_consolidate (document, indicator, period, &consolidated))
            {
              text = tissage_format_number (consolidated, "%");
              g_assert_true (g_utf8_validate (text, -1, NULL));
              /* Never below 0, NaN without a target. */
              g_assert_false (tissage_indicator_achievement (consolidated, NAN, tissage_indicator_get_target (indicator),
                                                             tissage_indicator_get_direction (indicator)).rate < 0);
            }
          measure = tissage_document_get_measure (document, indicator, period, NULL);
          if (measure != NULL)
            tissage_measurement_get_text_value (measure);
          tissage_document_count_period_values (document, period);
        }
    }

  for (guint s = 0; s <= g_list_model_get_n_items (structures); s++)
    {
      g_autoptr(TissageStructure) structure = s > 0 ? g_list_model_get_item (structures, s - 1) : NULL;

      guint n = 0;

      tissage_document_foreach_value (document, structure, NULL, NULL, count_value, &n);
    }

  effect_counts = tissage_document_dup_effect_counts (document);
  verbatim_counts = tissage_document_count_verbatims_by_effect (document);
  tissage_document_count_verbatims (document);
}

static void
read_interviews (TissageDocument *document,
                 gboolean         type_in_answers)
{
  GListModel *interviews = tissage_document_get_records (document, TISSAGE_TYPE_INTERVIEW);
  GListModel *questions = tissage_document_get_records (document, TISSAGE_TYPE_GRID_QUESTION);
  GListModel *stakeholders = tissage_document_get_stakeholders (document);
  TissageVerbatimQuery query = TISSAGE_VERBATIM_QUERY_INIT;
  g_autoptr(GPtrArray) verbatims = NULL;
  guint typed = 0;

  for (guint q = 0; q < g_list_model_get_n_items (questions); q++)
    {
      g_autoptr(TissageGridQuestion) question = g_list_model_get_item (questions, q);
      g_auto(GStrv) choices = tissage_grid_question_dup_choices (question);

      tissage_document_count_answers (document, question);
      tissage_question_kind_to_label (tissage_grid_question_get_kind (question));
    }

  for (guint i = 0; i < g_list_model_get_n_items (interviews); i++)
    {
      g_autoptr(TissageInterview) interview = g_list_model_get_item (interviews, i);
      g_autoptr(GPtrArray) answers = tissage_document_list_answers (document, interview);
      g_autofree char *named = tissage_document_dup_interviewee (document, interview, FALSE);
      g_autofree char *pseudonym = tissage_document_dup_interviewee (document, interview, TRUE);
      g_autofree char *date = tissage_format_date (tissage_interview_get_date (interview));
      guint answered = 0, total = 0;

      g_assert_true (g_utf8_validate (named, -1, NULL));
      g_assert_true (g_utf8_validate (date, -1, NULL));
      tissage_document_get_progress (document, interview, &answered, &total);
      tissage_interview_status_to_label (tissage_interview_get_status (interview));

      for (guint a = 0; a < answers->len; a++)
        {
          TissageAnswer *answer = g_ptr_array_index (answers, a);
          TissageGridQuestion *question = tissage_document_lookup (document, TISSAGE_TYPE_GRID_QUESTION,
                                                                   tissage_answer_get_question_id (answer));
          g_autoptr(GPtrArray) marked = tissage_document_list_answer_verbatims (document, answer);

          if (question != NULL)
            {
              g_autofree char *display = tissage_answer_dup_display (answer, question);

              g_assert_true (display == NULL || g_utf8_validate (display, -1, NULL));
            }

          for (guint v = 0; v < marked->len; v++)
            {
              TissageVerbatim *verbatim = g_ptr_array_index (marked, v);
              g_autoptr(GArray) effects = tissage_document_dup_verbatim_effects (document, verbatim);

              tissage_tone_to_label (tissage_verbatim_get_tone (verbatim));
            }

          /* The first keystroke in an open answer of the interview's
           * guide, as the editor shows it: its verbatims follow. */
          if (type_in_answers && question != NULL && marked->len > 0 && typed < 12 &&
              tissage_grid_question_get_kind (question) == TISSAGE_QUESTION_OPEN &&
              tissage_grid_question_get_grid_id (question) == tissage_interview_get_grid_id (interview))
            {
              g_autoptr(GError) error = NULL;
              g_autofree char *input = g_strconcat ("a", tissage_answer_get_text (answer), "z", NULL);

              if (!tissage_document_set_answer (document, interview, question, input, &error))
                g_assert_nonnull (error);
              typed++;
            }
        }
    }

  if (type_in_answers)
    g_assert_cmpuint (typed, >, 0);

  verbatims = tissage_document_list_verbatims (document, &query);
  for (guint v = 0; v < verbatims->len; v++)
    {
      TissageVerbatimInfo *info = g_ptr_array_index (verbatims, v);

      g_assert_true (g_utf8_validate (info->quote, -1, NULL));
      g_assert_true (g_utf8_validate (info->interviewee, -1, NULL));
    }
  query.text = "confiance";
  query.tone = TISSAGE_TONE_POSITIVE;
  g_clear_pointer (&verbatims, g_ptr_array_unref);
  verbatims = tissage_document_list_verbatims (document, &query);

  for (guint s = 0; s < g_list_model_get_n_items (stakeholders); s++)
    {
      g_autoptr(TissageStakeholder) stakeholder = g_list_model_get_item (stakeholders, s);
      TissageDependents dependents;
      double x, y;

      tissage_document_count_dependents (document, stakeholder, &dependents);
      tissage_proximity_to_label (tissage_stakeholder_get_proximity (stakeholder));
      if (tissage_stakeholder_get_position (stakeholder, &x, &y))
        g_assert_true (isfinite (x) && isfinite (y));
    }
}

static void
search (TissageDocument *document)
{
  static const char * const words[] = {
    "confiance", "x", "é", "\"", "*", "AND", "NOT emploi", "(", "douze", "A\xc3(",
  };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) found = tissage_document_search_interviews (document, words[i], &error);

      g_assert_true (found != NULL || error != NULL);
    }
}

static void
export_everything (TissageDocument *document,
                   const char      *dir)
{
  static const char * const formats[] = { "png", "svg", "pdf" };
  g_autofree char *xlsx = g_build_filename (dir, "export.xlsx", NULL);
  g_autoptr(TissageMapModel) model = tissage_map_model_new ();
  TissageXlsxExportOptions options;
  TissageMapExportOptions map_options;
  g_autoptr(GError) error = NULL;

  /* Names shown, so that every text of the file goes into the workbook. */
  tissage_xlsx_export_options_init (&options);
  options.pseudonymise = FALSE;
  options.map_layout = TISSAGE_MAP_LAYOUT_FREE;
  if (!tissage_xlsx_export (document, xlsx, &options, NULL, NULL, NULL, &error))
    g_assert_nonnull (error);
  g_clear_error (&error);

  /* Each layout once, each in a format of its own. */
  tissage_map_model_bind_document (model, document);
  tissage_map_export_options_init (&map_options);
  map_options.width = 480;
  map_options.height = 320;
  for (TissageMapLayoutKind layout = TISSAGE_MAP_LAYOUT_RINGS; layout <= TISSAGE_MAP_LAYOUT_FREE; layout++)
    {
      g_autofree char *name = g_strdup_printf ("carte.%s", formats[layout]);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (!tissage_map_export (path, model, layout, &map_options, &error))
        g_assert_nonnull (error);
      g_clear_error (&error);
    }
}

/* The command line, in a process of its own: it may refuse, never crash. */
static void
export_from_command_line (const char *path,
                          const char *dir)
{
  g_autofree char *xlsx = g_build_filename (dir, "ligne-de-commande.xlsx", NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { g_getenv ("TISSAGE_BIN"), "--export-xlsx", xlsx, path, NULL };

  g_assert_nonnull (argv[0]);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);

  if (g_subprocess_get_if_signaled (process))
    g_error ("tissage --export-xlsx died of signal %d:\n%s", g_subprocess_get_term_sig (process), err);
  if (g_subprocess_get_exit_status (process) != 0)
    {
      /* A refusal says why, and is not an abort of GLib or a sanitizer. */
      g_assert_cmpstr (err, !=, "");
      g_assert_null (strstr (err, "ERROR:"));
      g_assert_null (strstr (err, "Sanitizer"));
      g_assert_null (strstr (err, "CRITICAL"));
    }
  else
    g_assert_true (g_file_test (xlsx, G_FILE_TEST_IS_REGULAR));
}

static void
test_hostile (gconstpointer data)
{
  const Case *test_case = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tissage-hostile-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "projet.tissage", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(TissageDocument) document = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  guint written;

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (example_path, &contents, &length, &error));
  g_assert_true (g_file_set_contents (path, contents, length, &error));
  g_assert_no_error (error);

  if (test_case->variant != NULL)
    written = hostile_write_variant (path, test_case->variant, test_case->ignore_checks);
  else
    written = hostile_write_offsets (path, test_case->ignore_checks);
  g_test_message ("%u cells written", written);
  g_assert_cmpuint (written, >, 0);

  /* As the command line opens it: it may refuse a file it finds damaged. */
  document = tissage_document_open (file, &error);
  if (document == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == TISSAGE_DOCUMENT_ERROR);
      g_test_message ("refused: %s", error->message);
      g_clear_error (&error);

      /* As the window opens it: shown at once, read-only if damaged. */
      document = tissage_document_open_checked_later (file, &error);
      g_assert_no_error (error);
      g_assert_nonnull (document);
      read_records (document);
      tissage_document_wait_check (document);
    }

  g_assert_cmpuint (read_records (document), >, 0);
  read_interviews (document, FALSE);
  compute_figures (document);
  search (document);
  export_everything (document, dir);
  if (!tissage_document_get_read_only (document))
    {
      read_interviews (document, TRUE);
      compute_figures (document);
      g_assert_cmpuint (read_records (document), >, 0);
    }
  g_clear_object (&document);

  export_from_command_line (path, dir);

  /* What the CHECKs refuse, had it got past opening: written through the
   * connection of a document open for editing, then reloaded. */
  if (test_case->ignore_checks)
    {
      g_autoptr(GFile) copy = g_file_new_build_filename (dir, "ouvert.tissage", NULL);
      g_autofree char *copy_path = g_file_get_path (copy);
      sqlite3 *db;

      g_assert_true (g_file_set_contents (copy_path, contents, length, &error));
      document = tissage_document_open (copy, &error);
      g_assert_no_error (error);
      db = tissage_document_get_db (document);
      if (test_case->variant != NULL)
        written = hostile_write_variant_db (db, test_case->variant, TRUE);
      else
        written = hostile_write_offsets_db (db, TRUE);
      hostile_restore_checks (db);
      g_assert_cmpuint (written, >, 0);
      if (tissage_document_reload (document, &error))
        {
          g_assert_false (tissage_document_get_read_only (document));
          g_assert_cmpuint (read_records (document), >, 0);
          /* The exports read the same values above, from the file. */
          read_interviews (document, TRUE);
          compute_figures (document);
          search (document);
        }
      else
        g_assert_nonnull (error);
      g_clear_error (&error);
      g_clear_object (&document);
    }

  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *dir = NULL;
  g_autoptr(GFile) file = NULL;
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  init_record_types ();

  /* The example, made once and copied for every case. */
  dir = g_dir_make_tmp ("tissage-hostile-example-XXXXXX", &error);
  g_assert_no_error (error);
  example_path = g_build_filename (dir, "exemple.tissage", NULL);
  file = g_file_new_for_path (example_path);
  {
    g_autoptr(TissageDocument) document = tissage_document_create_example (file, &error);

    g_assert_no_error (error);
    g_assert_true (sqlite3_exec (tissage_document_get_db (document),
                                 "PRAGMA wal_checkpoint (TRUNCATE)", NULL, NULL, NULL) == SQLITE_OK);
  }

  for (guint checks = 0; checks < 2; checks++)
    {
      const char *mode = checks ? "checks-ignored" : "checks-kept";

      for (guint i = 0; i <= hostile_n_variants; i++)
        {
          Case *test_case = g_new0 (Case, 1);
          g_autofree char *name = NULL;

          test_case->variant = i < hostile_n_variants ? &hostile_variants[i] : NULL;
          test_case->ignore_checks = checks;
          name = g_strdup_printf ("/hostile/%s/%s", mode,
                                  test_case->variant ? test_case->variant->name : "offsets");
          g_ptr_array_add (cases, test_case);
          g_test_add_data_func (name, test_case, test_hostile);
        }
    }

  status = g_test_run ();
  remove_tree (dir);
  g_free (example_path);
  return status;
}

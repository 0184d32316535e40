#define G_LOG_DOMAIN "tissage-core"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tissage-document-private.h"
#include "tissage-interviews.h"

/* Indicator values computed from the answers */

typedef struct {
  gint64      indicator_id;
  gint64      period_id;
  gint64      structure_id;
} CellKey;

typedef struct {
  CellKey     key;
  double      sum;
  guint       n_numbers;
  guint       share_hits;
  guint       share_total;
  GHashTable *choices;     /* label → count, for choice questions */
  GPtrArray  *order;       /* labels in the order of the choices */
  GHashTable *interviews;  /* ids of the interviews that answered */
} Accumulator;

static guint
cell_hash (gconstpointer data)
{
  const CellKey *key = data;

  return g_int64_hash (&key->indicator_id) ^ (g_int64_hash (&key->period_id) << 7) ^
         (g_int64_hash (&key->structure_id) << 13);
}

static gboolean
cell_equal (gconstpointer a,
            gconstpointer b)
{
  const CellKey *x = a, *y = b;

  return x->indicator_id == y->indicator_id && x->period_id == y->period_id &&
         x->structure_id == y->structure_id;
}

static void
accumulator_free (Accumulator *acc)
{
  g_clear_pointer (&acc->choices, g_hash_table_unref);
  g_clear_pointer (&acc->order, g_ptr_array_unref);
  g_clear_pointer (&acc->interviews, g_hash_table_unref);
  g_free (acc);
}

static Accumulator *
accumulator_for (GHashTable *cells,
                 gint64      indicator_id,
                 gint64      period_id,
                 gint64      structure_id)
{
  CellKey key = { indicator_id, period_id, structure_id };
  Accumulator *acc = g_hash_table_lookup (cells, &key);

  if (acc == NULL)
    {
      acc = g_new0 (Accumulator, 1);
      acc->key = key;
      acc->interviews = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      g_hash_table_insert (cells, &acc->key, acc);
    }

  return acc;
}

static void
count_choice (Accumulator *acc,
              const char  *choices,
              const char  *label)
{
  guint *count;

  if (acc->choices == NULL)
    {
      g_auto(GStrv) lines = g_strsplit (choices, "\n", -1);

      acc->choices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      acc->order = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_autofree char *choice = g_strstrip (g_strdup (lines[i]));

          if (*choice != '\0' && !g_hash_table_contains (acc->choices, choice))
            {
              g_ptr_array_add (acc->order, g_strdup (choice));
              g_hash_table_insert (acc->choices, g_strdup (choice), g_new0 (guint, 1));
            }
        }
    }

  /* Counted in place: tens of thousands of answers copy no string. */
  count = g_hash_table_lookup (acc->choices, label);
  if (count == NULL)
    {
      count = g_new0 (guint, 1);
      g_hash_table_insert (acc->choices, g_strdup (label), count);
      g_ptr_array_add (acc->order, g_strdup (label));
    }
  (*count)++;
}

/* Adds one answer to the cell of its structure and to the collective's. */
static void
accumulate (GHashTable   *cells,
            sqlite3_stmt *stmt)
{
  gint64 indicator_id = sqlite3_column_int64 (stmt, 0);
  gint64 period_id = sqlite3_column_int64 (stmt, 1);
  gint64 structure_id = sqlite3_column_int64 (stmt, 2);
  TissageQuestionKind kind = tissage_sql_enum (stmt, 3, TISSAGE_N_QUESTION_KINDS, TISSAGE_QUESTION_OPEN);
  g_autofree char *choices = tissage_sql_dup_text (stmt, 4);
  double number = tissage_sql_real (stmt, 5);
  gboolean has_number = !isnan (number);
  g_autofree char *text = tissage_sql_dup_text (stmt, 6);
  g_autofree char *unit = tissage_sql_dup_text (stmt, 7);
  gint64 interview_id = sqlite3_column_int64 (stmt, 8);
  gboolean percent = strchr (unit, '%') != NULL;
  gint64 scopes[] = { structure_id, 0 };

  /* A scale another tool filled beyond 1–5 says nothing on this scale. */
  if (kind == TISSAGE_QUESTION_SCALE && has_number &&
      !(number >= TISSAGE_SCALE_MIN && number <= TISSAGE_SCALE_MAX))
    has_number = FALSE;

  for (guint s = 0; s < G_N_ELEMENTS (scopes); s++)
    {
      Accumulator *acc;
      gboolean counted = FALSE;

      if (s == 0 && structure_id == 0)
        continue;
      acc = accumulator_for (cells, indicator_id, period_id, scopes[s]);

      switch (kind)
        {
        case TISSAGE_QUESTION_SCALE:
          if (!has_number)
            break;
          if (percent)
            {
              acc->share_total++;
              acc->share_hits += number >= 4;
            }
          else
            {
              acc->sum += number;
              acc->n_numbers++;
            }
          {
            char label[G_ASCII_DTOSTR_BUF_SIZE];

            g_snprintf (label, sizeof label, "%d", (int) number);
            count_choice (acc, "1\n2\n3\n4\n5", label);
          }
          counted = TRUE;
          break;
        case TISSAGE_QUESTION_NUMBER:
          if (has_number)
            {
              acc->sum += number;
              acc->n_numbers++;
              counted = TRUE;
            }
          break;
        case TISSAGE_QUESTION_YES_NO:
          if (has_number)
            {
              acc->share_total++;
              acc->share_hits += number != 0;
              {
                g_autofree char *yes_no = g_strdup_printf ("%s\n%s", _("Yes"), _("No"));

                count_choice (acc, yes_no, number != 0 ? _("Yes") : _("No"));
              }
              counted = TRUE;
            }
          break;
        case TISSAGE_QUESTION_SINGLE:
        case TISSAGE_QUESTION_MULTIPLE:
          if (*text != '\0')
            {
              g_auto(GStrv) chosen = g_strsplit (text, "\n", -1);
              g_auto(GStrv) all = g_strsplit (choices, "\n", -1);
              g_autofree char *first = all[0] != NULL ? g_strstrip (g_strdup (all[0])) : NULL;

              acc->share_total++;
              for (guint i = 0; chosen[i] != NULL; i++)
                {
                  count_choice (acc, choices, chosen[i]);
                  if (first != NULL && g_str_equal (chosen[i], first))
                    acc->share_hits++;
                }
              counted = TRUE;
            }
          break;
        case TISSAGE_QUESTION_OPEN:
        case TISSAGE_N_QUESTION_KINDS:
        default:
          break;
        }

      if (counted && !g_hash_table_contains (acc->interviews, &interview_id))
        g_hash_table_add (acc->interviews, g_memdup2 (&interview_id, sizeof interview_id));
    }
}

static TissageComputedValue *
accumulator_finish (Accumulator *acc)
{
  TissageComputedValue *value;

  if (acc->share_total == 0 && acc->n_numbers == 0)
    return NULL;

  value = g_new0 (TissageComputedValue, 1);
  value->indicator_id = acc->key.indicator_id;
  value->period_id = acc->key.period_id;
  value->structure_id = acc->key.structure_id;
  value->n_interviews = g_hash_table_size (acc->interviews);

  if (acc->share_total > 0)
    {
      value->kind = TISSAGE_COMPUTED_SHARE;
      value->value = 100.0 * acc->share_hits / acc->share_total;
      value->n_answers = acc->share_total;
    }
  else
    {
      value->kind = TISSAGE_COMPUTED_MEAN;
      value->value = acc->sum / acc->n_numbers;
      /* Numbers near the largest a double holds add up to infinity. */
      if (!isfinite (value->value))
        value->value = NAN;
      value->n_answers = acc->n_numbers;
    }

  if (acc->order != NULL)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; i < acc->order->len; i++)
        {
          const char *label = g_ptr_array_index (acc->order, i);

          if (i > 0)
            g_string_append (text, " ; ");
          /* TRANSLATORS: one choice and how many answers took it, in a list */
          g_string_append_printf (text, _("%s: %u"), label,
                                  *(guint *) g_hash_table_lookup (acc->choices, label));
        }
      value->distribution = g_string_free (g_steal_pointer (&text), FALSE);
    }

  return value;
}

void
tissage_computed_value_free (TissageComputedValue *value)
{
  if (value == NULL)
    return;

  g_free (value->distribution);
  g_free (value);
}

static const char compute_sql[] =
  "SELECT qi.indicator_id, p.id, ifnull (iv.structure_id, 0), q.kind, q.choices, a.number, a.text, ind.unit,"
  " iv.id"
  " FROM question_indicators qi"
  /* CROSS JOIN keeps this order: from the few linked questions to their
   * answers, never a scan of every answer of a large project. */
  " CROSS JOIN grid_questions q ON q.id = qi.question_id AND q.kind <> 0"
  " CROSS JOIN indicators ind ON ind.id = qi.indicator_id"
  " CROSS JOIN answers a ON a.question_id = q.id"
  " JOIN interviews iv ON iv.id = a.interview_id AND iv.date <> ''"
  /* An indicator of one structure counts that structure's interviews only. */
  "   AND (ind.scope_structure_id IS NULL OR iv.structure_id = ind.scope_structure_id)"
  " JOIN periods p ON p.start_date <> '' AND p.end_date <> ''"
  "   AND iv.date BETWEEN p.start_date AND p.end_date";

GPtrArray *
tissage_db_compute_values (sqlite3     *db,
                           gint64       indicator_id,
                           gint64       period_id,
                           GError     **error)
{
  g_autoptr(GHashTable) cells = g_hash_table_new_full (cell_hash, cell_equal, NULL,
                                                       (GDestroyNotify) accumulator_free);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) tissage_computed_value_free);
  const char *where = indicator_id != 0 && period_id != 0 ? " WHERE qi.indicator_id = ?1 AND p.id = ?2"
                      : indicator_id != 0 ? " WHERE qi.indicator_id = ?1"
                      : period_id != 0 ? " WHERE p.id = ?2" : "";
  g_autofree char *sql = g_strconcat (compute_sql, where, NULL);
  sqlite3_stmt *stmt = NULL;
  GHashTableIter iter;
  Accumulator *acc;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_FAILED,
                   _("The values from the interviews could not be computed: %s"), sqlite3_errmsg (db));
      return NULL;
    }
  if (sqlite3_bind_parameter_count (stmt) >= 1)
    sqlite3_bind_int64 (stmt, 1, indicator_id);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_int64 (stmt, 2, period_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    accumulate (cells, stmt);
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_FAILED,
                   _("The values from the interviews could not be computed: %s"), sqlite3_errmsg (db));
      return NULL;
    }

  g_hash_table_iter_init (&iter, cells);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &acc))
    {
      TissageComputedValue *value = accumulator_finish (acc);

      if (value != NULL)
        g_ptr_array_add (values, value);
    }

  return g_steal_pointer (&values);
}

GPtrArray *
tissage_document_compute_indicator_values (TissageDocument  *document,
                                           GError          **error)
{
  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), NULL);

  return tissage_db_compute_values (tissage_document_get_db (document), 0, 0, error);
}

GPtrArray *
tissage_document_compute_values_of_indicator (TissageDocument  *document,
                                              gint64            indicator_id,
                                              GError          **error)
{
  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), NULL);

  return tissage_db_compute_values (tissage_document_get_db (document), indicator_id, 0, error);
}

TissageComputedValue *
tissage_document_compute_indicator_value (TissageDocument *document,
                                          gint64           indicator_id,
                                          gint64           period_id,
                                          gint64           structure_id)
{
  g_autoptr(GPtrArray) values = NULL;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), NULL);

  values = tissage_db_compute_values (tissage_document_get_db (document), indicator_id, period_id, NULL);
  if (values == NULL)
    return NULL;

  for (guint i = 0; i < values->len; i++)
    {
      TissageComputedValue *value = g_ptr_array_index (values, i);

      if (value->structure_id == structure_id)
        return g_ptr_array_steal_index (values, i);
    }

  return NULL;
}

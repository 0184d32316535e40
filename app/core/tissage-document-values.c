/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

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
  GHashTable *interviews;  /* the interviews that answered, a set of ComputeInterview */
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
      acc->interviews = g_hash_table_new (NULL, NULL);
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

/* A question linked to an indicator, as question_indicators holds it. */
typedef struct {
  gint64              question_id;
  gint64              indicator_id;
  TissageQuestionKind kind;
  char               *choices;
  gboolean            percent;            /* the indicator's unit has a % */
  gboolean            scoped;             /* the indicator is one structure's */
  gint64              scope_structure_id;
} ComputeLink;

/* A dated interview and the periods its date falls in. */
typedef struct {
  gint64   id;
  gint64   structure_id;                  /* 0 when none */
  gboolean has_structure;
  guint    first_period;                  /* into the periods of the interviews */
  guint    n_periods;
} ComputeInterview;

/* An answer to a linked question, kept until every answer is read. */
typedef struct {
  const ComputeInterview *interview;
  double                  number;
  char                   *text;           /* choice questions only, else NULL */
} ComputeAnswer;

/* The answers of one linked question, in the order of the table. */
typedef struct {
  gboolean  wants_text;
  GArray   *answers;
} ComputeQuestion;

static void
compute_link_clear (ComputeLink *link)
{
  g_free (link->choices);
}

static void
compute_answer_clear (ComputeAnswer *answer)
{
  g_free (answer->text);
}

static void
compute_question_free (ComputeQuestion *question)
{
  g_array_unref (question->answers);
  g_free (question);
}

static gboolean
kind_wants_text (TissageQuestionKind kind)
{
  return kind == TISSAGE_QUESTION_SINGLE || kind == TISSAGE_QUESTION_MULTIPLE;
}

/* Adds one answer to the cell of its structure and to the collective's. */
static void
accumulate (GHashTable        *cells,
            const ComputeLink *link,
            gint64             period_id,
            gint64             structure_id,
            gconstpointer      interview,
            double             number,
            const char        *text,
            const char        *yes_no)
{
  TissageQuestionKind kind = link->kind;
  gboolean has_number = !isnan (number);
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
      acc = accumulator_for (cells, link->indicator_id, period_id, scopes[s]);

      switch (kind)
        {
        case TISSAGE_QUESTION_SCALE:
          if (!has_number)
            break;
          if (link->percent)
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
            /* The whole part of a number from 1 to 5: one digit. */
            char label[2] = { (char) ('0' + (int) number), '\0' };

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
              count_choice (acc, yes_no, number != 0 ? _("Yes") : _("No"));
              counted = TRUE;
            }
          break;
        case TISSAGE_QUESTION_SINGLE:
        case TISSAGE_QUESTION_MULTIPLE:
          if (text != NULL && *text != '\0')
            {
              g_auto(GStrv) chosen = g_strsplit (text, "\n", -1);
              g_auto(GStrv) all = g_strsplit (link->choices, "\n", -1);
              g_autofree char *first = all[0] != NULL ? g_strstrip (g_strdup (all[0])) : NULL;

              acc->share_total++;
              for (guint i = 0; chosen[i] != NULL; i++)
                {
                  count_choice (acc, link->choices, chosen[i]);
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

      /* One entry an interview, without an allocation for each. */
      if (counted)
        g_hash_table_add (acc->interviews, (gpointer) interview);
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

/* SQLite's BINARY collation: bytes, then length. */
static int
compare_binary (const char *a,
                int         a_len,
                const char *b,
                int         b_len)
{
  int c = memcmp (a, b, MIN (a_len, b_len));

  return c != 0 ? c : a_len - b_len;
}

typedef struct {
  gint64  id;
  char   *start;
  int     start_len;
  char   *end;
  int     end_len;
} ComputePeriod;

static void
compute_period_clear (ComputePeriod *period)
{
  g_free (period->start);
  g_free (period->end);
}

static gboolean
compute_failed (sqlite3       *db,
                sqlite3_stmt  *stmt,
                GError       **error)
{
  g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_FAILED,
               _("The values from the interviews could not be computed: %s"), sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  return FALSE;
}

static sqlite3_stmt *
compute_prepare (sqlite3     *db,
                 const char  *sql,
                 GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      compute_failed (db, NULL, error);
      return NULL;
    }
  return stmt;
}

/* The dated interviews met so far, and what finds the others. */
typedef struct {
  GArray       *periods;            /* of ComputePeriod */
  GArray       *interview_periods;  /* indexes into periods, a run for each interview */
  GHashTable   *interviews;         /* id → ComputeInterview, n_periods 0 when in none */
  sqlite3_stmt *lookup;             /* one interview, when they are not all read first */
} ComputeContext;

/* Remembers the interview @id of @structure_id (NULL if none) and @date,
 * with the periods its date falls in. */
static ComputeInterview *
remember_interview (ComputeContext *ctx,
                    gint64          id,
                    sqlite3_stmt   *stmt,
                    int             structure_column,
                    int             date_column)
{
  const char *date = (const char *) sqlite3_column_text (stmt, date_column);
  int date_len = sqlite3_column_bytes (stmt, date_column);
  ComputeInterview *interview = g_new0 (ComputeInterview, 1);

  interview->id = id;
  interview->structure_id = sqlite3_column_int64 (stmt, structure_column);
  interview->has_structure = sqlite3_column_type (stmt, structure_column) != SQLITE_NULL;
  interview->first_period = ctx->interview_periods->len;
  for (guint p = 0; date != NULL && date_len > 0 && p < ctx->periods->len; p++)
    {
      const ComputePeriod *period = &g_array_index (ctx->periods, ComputePeriod, p);

      if (compare_binary (date, date_len, period->start, period->start_len) >= 0 &&
          compare_binary (date, date_len, period->end, period->end_len) <= 0)
        {
          g_array_append_val (ctx->interview_periods, p);
          interview->n_periods++;
        }
    }
  g_hash_table_insert (ctx->interviews, &interview->id, interview);
  return interview;
}

/* The interview @id if it is dated within a period, else NULL. */
static const ComputeInterview *
lookup_interview (ComputeContext *ctx,
                  gint64          id)
{
  ComputeInterview *interview = g_hash_table_lookup (ctx->interviews, &id);

  if (interview == NULL && ctx->lookup != NULL)
    {
      sqlite3_bind_int64 (ctx->lookup, 1, id);
      if (sqlite3_step (ctx->lookup) == SQLITE_ROW)
        interview = remember_interview (ctx, id, ctx->lookup, 0, 1);
      sqlite3_reset (ctx->lookup);
    }

  return interview != NULL && interview->n_periods > 0 ? interview : NULL;
}

/* Reads the answers of @stmt (question, interview, number, text) into the
 * linked questions they answer, for the interviews with a period. */
static gboolean
collect_answers (sqlite3         *db,
                 sqlite3_stmt    *stmt,
                 GHashTable      *questions,
                 ComputeContext  *ctx,
                 GError         **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 question_id = sqlite3_column_int64 (stmt, 0);
      ComputeQuestion *question = g_hash_table_lookup (questions, &question_id);
      const ComputeInterview *interview;
      ComputeAnswer answer;

      if (question == NULL || (interview = lookup_interview (ctx, sqlite3_column_int64 (stmt, 1))) == NULL)
        continue;
      answer.interview = interview;
      answer.number = tissage_sql_real (stmt, 2);
      answer.text = question->wants_text ? tissage_sql_dup_text (stmt, 3) : NULL;
      g_array_append_val (question->answers, answer);
    }
  if (rc != SQLITE_DONE)
    return compute_failed (db, stmt, error);
  sqlite3_reset (stmt);
  return TRUE;
}

/*
 * The values of @indicator_id (0: of every indicator) for @period_id (0:
 * every period), in each structure and for the collective. The small
 * tables (linked questions, periods, dated interviews) are read first;
 * then the answers of the linked questions, in one pass over the table
 * when every indicator is computed (questions one after the other read
 * the same pages again and again), by the index of their question
 * otherwise. The answers are counted question by question, in the order
 * of the table, each in every period its interview's date falls in.
 */
GPtrArray *
tissage_db_compute_values (sqlite3     *db,
                           gint64       indicator_id,
                           gint64       period_id,
                           GError     **error)
{
  g_autoptr(GHashTable) cells = g_hash_table_new_full (cell_hash, cell_equal, NULL,
                                                       (GDestroyNotify) accumulator_free);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) tissage_computed_value_free);
  g_autoptr(GArray) links = g_array_new (FALSE, TRUE, sizeof (ComputeLink));
  g_autoptr(GArray) periods = g_array_new (FALSE, TRUE, sizeof (ComputePeriod));
  g_autoptr(GArray) interview_periods = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GHashTable) interviews = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  ComputeContext ctx = { periods, interview_periods, interviews, NULL };
  g_autoptr(GHashTable) questions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                           (GDestroyNotify) compute_question_free);
  g_autofree char *yes_no = g_strdup_printf ("%s\n%s", _("Yes"), _("No"));
  sqlite3_stmt *stmt = NULL;
  GHashTableIter iter;
  Accumulator *acc;
  int rc;

  g_array_set_clear_func (links, (GDestroyNotify) compute_link_clear);
  g_array_set_clear_func (periods, (GDestroyNotify) compute_period_clear);

  /* The questions linked to the indicators, other than open ones. */
  stmt = compute_prepare (db,
                          indicator_id != 0
                          ? "SELECT qi.question_id, qi.indicator_id, q.kind, q.choices, ind.unit, ind.scope_structure_id"
                            " FROM question_indicators qi"
                            " JOIN grid_questions q ON q.id = qi.question_id AND q.kind <> 0"
                            " JOIN indicators ind ON ind.id = qi.indicator_id"
                            " WHERE qi.indicator_id = ?1"
                            " ORDER BY qi.question_id, qi.indicator_id"
                          : "SELECT qi.question_id, qi.indicator_id, q.kind, q.choices, ind.unit, ind.scope_structure_id"
                            " FROM question_indicators qi"
                            " JOIN grid_questions q ON q.id = qi.question_id AND q.kind <> 0"
                            " JOIN indicators ind ON ind.id = qi.indicator_id"
                            " ORDER BY qi.question_id, qi.indicator_id",
                          error);
  if (stmt == NULL)
    return NULL;
  if (indicator_id != 0)
    sqlite3_bind_int64 (stmt, 1, indicator_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *unit = tissage_sql_dup_text (stmt, 4);
      ComputeLink link = {
        .question_id = sqlite3_column_int64 (stmt, 0),
        .indicator_id = sqlite3_column_int64 (stmt, 1),
        .kind = tissage_sql_enum (stmt, 2, TISSAGE_N_QUESTION_KINDS, TISSAGE_QUESTION_OPEN),
        .choices = tissage_sql_dup_text (stmt, 3),
        .percent = strchr (unit, '%') != NULL,
        .scoped = sqlite3_column_type (stmt, 5) != SQLITE_NULL,
        .scope_structure_id = sqlite3_column_int64 (stmt, 5),
      };
      ComputeQuestion *question = g_hash_table_lookup (questions, &link.question_id);

      g_array_append_val (links, link);
      if (question == NULL)
        {
          question = g_new0 (ComputeQuestion, 1);
          question->answers = g_array_new (FALSE, FALSE, sizeof (ComputeAnswer));
          g_array_set_clear_func (question->answers, (GDestroyNotify) compute_answer_clear);
          g_hash_table_insert (questions, g_memdup2 (&link.question_id, sizeof link.question_id), question);
        }
      question->wants_text |= kind_wants_text (link.kind);
    }
  if (rc != SQLITE_DONE)
    {
      compute_failed (db, stmt, error);
      return NULL;
    }
  sqlite3_finalize (stmt);

  if (links->len == 0)
    return g_steal_pointer (&values);

  /* The dated periods. */
  stmt = compute_prepare (db,
                          period_id != 0
                          ? "SELECT id, start_date, end_date FROM periods"
                            " WHERE start_date <> '' AND end_date <> '' AND id = ?1 ORDER BY id"
                          : "SELECT id, start_date, end_date FROM periods"
                            " WHERE start_date <> '' AND end_date <> '' ORDER BY id",
                          error);
  if (stmt == NULL)
    return NULL;
  if (period_id != 0)
    sqlite3_bind_int64 (stmt, 1, period_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ComputePeriod period = {
        .id = sqlite3_column_int64 (stmt, 0),
        /* Bytes as they are, a NUL among them included. */
        .start = g_memdup2 (sqlite3_column_text (stmt, 1), sqlite3_column_bytes (stmt, 1) + 1),
        .start_len = sqlite3_column_bytes (stmt, 1),
        .end = g_memdup2 (sqlite3_column_text (stmt, 2), sqlite3_column_bytes (stmt, 2) + 1),
        .end_len = sqlite3_column_bytes (stmt, 2),
      };

      g_array_append_val (periods, period);
    }
  if (rc != SQLITE_DONE)
    {
      compute_failed (db, stmt, error);
      return NULL;
    }
  sqlite3_finalize (stmt);

  if (periods->len == 0)
    return g_steal_pointer (&values);

  /* The answers of the linked questions, with their interviews: every
   * dated one read first for the whole project, one by one as they come
   * for one indicator. */
  if (indicator_id == 0)
    {
      stmt = compute_prepare (db, "SELECT id, structure_id, date FROM interviews WHERE date <> ''", error);
      if (stmt == NULL)
        return NULL;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        remember_interview (&ctx, sqlite3_column_int64 (stmt, 0), stmt, 1, 2);
      if (rc != SQLITE_DONE)
        {
          compute_failed (db, stmt, error);
          return NULL;
        }
      sqlite3_finalize (stmt);

      stmt = compute_prepare (db,
                              "SELECT question_id, interview_id, number, text FROM answers NOT INDEXED"
                              " WHERE question_id IN (SELECT question_id FROM question_indicators)",
                              error);
      if (stmt == NULL || !collect_answers (db, stmt, questions, &ctx, error))
        return NULL;
      sqlite3_finalize (stmt);
    }
  else
    {
      gpointer key;
      gboolean ok = TRUE;

      ctx.lookup = compute_prepare (db, "SELECT structure_id, date FROM interviews WHERE id = ?1 AND date <> ''", error);
      if (ctx.lookup == NULL)
        return NULL;
      stmt = compute_prepare (db, "SELECT question_id, interview_id, number, text FROM answers"
                                  " WHERE question_id = ?1 ORDER BY id", error);
      g_hash_table_iter_init (&iter, questions);
      while (ok && stmt != NULL && g_hash_table_iter_next (&iter, &key, NULL))
        {
          sqlite3_bind_int64 (stmt, 1, *(gint64 *) key);
          ok = collect_answers (db, stmt, questions, &ctx, error);
        }
      sqlite3_finalize (ctx.lookup);
      if (stmt == NULL || !ok)
        return NULL;
      sqlite3_finalize (stmt);
    }

  /* Counted link by link, as the answers came, each in its periods. */
  for (guint l = 0; l < links->len; l++)
    {
      const ComputeLink *link = &g_array_index (links, ComputeLink, l);
      ComputeQuestion *question = g_hash_table_lookup (questions, &link->question_id);

      for (guint i = 0; i < question->answers->len; i++)
        {
          const ComputeAnswer *answer = &g_array_index (question->answers, ComputeAnswer, i);
          const ComputeInterview *interview = answer->interview;

          /* An indicator of one structure counts that structure's interviews only. */
          if (link->scoped && (!interview->has_structure || interview->structure_id != link->scope_structure_id))
            continue;
          for (guint p = 0; p < interview->n_periods; p++)
            {
              guint index = g_array_index (interview_periods, guint, interview->first_period + p);

              accumulate (cells, link, g_array_index (periods, ComputePeriod, index).id,
                          interview->has_structure ? interview->structure_id : 0, interview,
                          answer->number, answer->text, yes_no);
            }
        }
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

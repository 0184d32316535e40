/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-figures"

#include "config.h"


#include <string.h>

#include "tissage-document-private.h"
#include "tissage-figures.h"

/*
 * The Synthèse asks for the same values again and again: a period's for
 * its figures, an indicator's for its trend, once more at each change of
 * period. The document keeps what the core computed for each question
 * (a structure's values of a period, of an indicator, or all of them),
 * and the key figures of each period and structure asked for, until the next change: the signal of a
 * row changed, a write of this connection (which SQLite counts, so that
 * none goes unseen) or of another program (the file's data version).
 */

typedef struct {
  gint64              indicator_id;
  gint64              period_id;
  TissageCountedValue value;
} CachedValue;

typedef struct {
  gint64 period_id;
  gint64 structure_id;
} FiguresKey;

typedef struct {
  gint64 structure_id;
  gint64 indicator_id;
  gint64 period_id;
} ValuesKey;

struct _TissageFiguresCache {
  sqlite3       *db;
  sqlite3_int64  changes;
  gint64         data_version;
  GHashTable    *values;    /* ValuesKey → GArray of CachedValue */
  GHashTable    *figures;   /* FiguresKey → TissageFigures */
};

void
tissage_figures_cache_free (TissageFiguresCache *cache)
{
  if (cache == NULL)
    return;
  g_clear_pointer (&cache->values, g_hash_table_unref);
  g_clear_pointer (&cache->figures, g_hash_table_unref);
  g_free (cache);
}

static guint
figures_key_hash (gconstpointer data)
{
  const FiguresKey *key = data;

  return g_int64_hash (&key->period_id) ^ (g_int64_hash (&key->structure_id) << 5);
}

static gboolean
figures_key_equal (gconstpointer a,
                   gconstpointer b)
{
  const FiguresKey *x = a, *y = b;

  return x->period_id == y->period_id && x->structure_id == y->structure_id;
}

static guint
values_key_hash (gconstpointer data)
{
  const ValuesKey *key = data;

  return g_int64_hash (&key->structure_id) ^ (g_int64_hash (&key->indicator_id) << 5) ^
         (g_int64_hash (&key->period_id) << 11);
}

static gboolean
values_key_equal (gconstpointer a,
                  gconstpointer b)
{
  const ValuesKey *x = a, *y = b;

  return x->structure_id == y->structure_id && x->indicator_id == y->indicator_id && x->period_id == y->period_id;
}

static gint64
data_version (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gint64 version = -1;

  if (sqlite3_prepare_v2 (db, "PRAGMA data_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

static void
on_row_changed (TissageDocument *document,
                const char      *table,
                gint64           id,
                gpointer         user_data)
{
  g_clear_pointer (&document->figures_cache, tissage_figures_cache_free);
}

/* The values kept, emptied when anything changed since they were read. */
static TissageFiguresCache *
get_cache (TissageDocument *document)
{
  sqlite3 *db = tissage_document_get_db (document);
  TissageFiguresCache *cache = document->figures_cache;
  sqlite3_int64 changes = sqlite3_total_changes64 (db);
  gint64 version = data_version (db);

  if (cache != NULL && (cache->db != db || cache->changes != changes || cache->data_version != version))
    g_clear_pointer (&document->figures_cache, tissage_figures_cache_free);

  if (document->figures_cache == NULL)
    {
      /* Connected once in the document's life, to its own signal. */
      if (g_object_get_data (G_OBJECT (document), "tissage-figures-cache") == NULL)
        {
          g_signal_connect (document, "row-changed", G_CALLBACK (on_row_changed), NULL);
          g_object_set_data (G_OBJECT (document), "tissage-figures-cache", GINT_TO_POINTER (TRUE));
        }
      cache = g_new0 (TissageFiguresCache, 1);
      cache->db = db;
      cache->changes = changes;
      cache->data_version = version;
      cache->values = g_hash_table_new_full (values_key_hash, values_key_equal, g_free,
                                             (GDestroyNotify) g_array_unref);
      cache->figures = g_hash_table_new_full (figures_key_hash, figures_key_equal, g_free, g_free);
      document->figures_cache = cache;
    }

  return document->figures_cache;
}

static void
keep_value (gint64                     indicator_id,
            gint64                     period_id,
            const TissageCountedValue *value,
            gpointer                   user_data)
{
  CachedValue cached = { indicator_id, period_id, *value };

  g_array_append_val ((GArray *) user_data, cached);
}

/* The values that count for @structure_id, @indicator_id and @period_id
 * (0: every one), read once: what the page asks again is at hand. */
static GArray *
cached_values (TissageDocument  *document,
               gint64            structure_id,
               gint64            indicator_id,
               gint64            period_id,
               GError          **error)
{
  TissageFiguresCache *cache = get_cache (document);
  ValuesKey key = { structure_id, indicator_id, period_id };
  ValuesKey all = { structure_id, 0, 0 };
  g_autoptr(GArray) values = NULL;
  GArray *kept = g_hash_table_lookup (cache->values, &key);

  if (kept == NULL)
    kept = g_hash_table_lookup (cache->values, &all);
  if (kept != NULL)
    return kept;

  values = g_array_new (FALSE, FALSE, sizeof (CachedValue));
  if (!tissage_db_foreach_counted_value (cache->db, structure_id, indicator_id, period_id, keep_value, values, error))
    return NULL;
  g_hash_table_insert (cache->values, g_memdup2 (&key, sizeof key), g_array_ref (values));
  return values;
}

static gboolean
foreach_cached (TissageDocument     *document,
                gint64               structure_id,
                gint64               indicator_id,
                gint64               period_id,
                TissageCountedFunc   func,
                gpointer             user_data,
                GError             **error)
{
  GArray *values = cached_values (document, structure_id, indicator_id, period_id, error);

  if (values == NULL)
    return FALSE;
  /* Held while the callbacks run: one of them may change the document. */
  g_array_ref (values);
  for (guint i = 0; i < values->len; i++)
    {
      const CachedValue *cached = &g_array_index (values, CachedValue, i);

      if ((indicator_id == 0 || cached->indicator_id == indicator_id) &&
          (period_id == 0 || cached->period_id == period_id))
        func (cached->indicator_id, cached->period_id, &cached->value, user_data);
    }
  g_array_unref (values);
  return TRUE;
}

static gboolean
foreach_cached_source (gpointer             source,
                       gint64               structure_id,
                       gint64               period_id,
                       TissageCountedFunc   func,
                       gpointer             user_data,
                       GError             **error)
{
  return foreach_cached (source, structure_id, 0, period_id, func, user_data, error);
}

gboolean
tissage_document_foreach_value (TissageDocument    *document,
                                TissageStructure   *structure,
                                TissageIndicator   *indicator,
                                TissagePeriod      *period,
                                TissageCountedFunc  func,
                                gpointer            user_data)
{
  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (!structure || TISSAGE_IS_STRUCTURE (structure), FALSE);
  g_return_val_if_fail (!indicator || TISSAGE_IS_INDICATOR (indicator), FALSE);
  g_return_val_if_fail (!period || TISSAGE_IS_PERIOD (period), FALSE);

  return foreach_cached (document, tissage_record_id (structure), tissage_record_id (indicator),
                         tissage_record_id (period), func, user_data, NULL);
}

gboolean
tissage_document_get_counted_value (TissageDocument     *document,
                                    TissageIndicator    *indicator,
                                    TissagePeriod       *period,
                                    TissageStructure    *structure,
                                    TissageCountedValue *value)
{
  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (TISSAGE_IS_INDICATOR (indicator), FALSE);
  g_return_val_if_fail (TISSAGE_IS_PERIOD (period), FALSE);
  g_return_val_if_fail (!structure || TISSAGE_IS_STRUCTURE (structure), FALSE);

  return tissage_db_get_counted_value (tissage_document_get_db (document), tissage_record_id (indicator),
                                       tissage_record_id (period), tissage_record_id (structure), value);
}

gboolean
tissage_document_consolidate (TissageDocument  *document,
                              TissageIndicator *indicator,
                              TissagePeriod    *period,
                              double           *value)
{
  TissageCountedValue counted;

  g_return_val_if_fail (value != NULL, FALSE);

  if (!tissage_document_get_counted_value (document, indicator, period, NULL, &counted))
    return FALSE;
  *value = counted.value;
  return TRUE;
}

guint
tissage_document_get_other_period_months (TissageDocument *document,
                                          TissagePeriod   *period)
{
  GListModel *periods;
  guint months, other = 0;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), 0);
  g_return_val_if_fail (TISSAGE_IS_PERIOD (period), 0);

  months = tissage_period_get_months (period);
  if (months == 0)
    return 0;

  periods = tissage_document_get_records (document, TISSAGE_TYPE_PERIOD);
  for (guint i = 0; i < g_list_model_get_n_items (periods); i++)
    {
      g_autoptr(TissagePeriod) candidate = g_list_model_get_item (periods, i);
      guint length = tissage_period_get_months (candidate);

      if (length != 0 && length != months)
        other = MAX (other, length);
    }

  return other;
}

gboolean
tissage_document_compute_figures (TissageDocument   *document,
                                  TissagePeriod     *period,
                                  TissageStructure  *structure,
                                  TissageFigures    *figures,
                                  GError           **error)
{
  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (!period || TISSAGE_IS_PERIOD (period), FALSE);
  g_return_val_if_fail (!structure || TISSAGE_IS_STRUCTURE (structure), FALSE);

  {
    FiguresKey key = { tissage_record_id (period), tissage_record_id (structure) };
    TissageFiguresCache *cache = get_cache (document);
    const TissageFigures *kept = g_hash_table_lookup (cache->figures, &key);

    g_return_val_if_fail (figures != NULL, FALSE);

    if (kept == NULL)
      {
        sqlite3_int64 changes = cache->changes;
        gint64 version = cache->data_version;

        if (!tissage_figures_compute (cache->db, key.period_id, key.structure_id, foreach_cached_source,
                                      document, figures, error))
          return FALSE;
        /* Kept only if nothing changed while they were computed. */
        cache = get_cache (document);
        if (cache->changes == changes && cache->data_version == version)
          g_hash_table_insert (cache->figures, g_memdup2 (&key, sizeof key), g_memdup2 (figures, sizeof *figures));
        return TRUE;
      }
    *figures = *kept;
    return TRUE;
  }
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-core"

#include "config.h"

#include <glib/gi18n.h>
/* igraph's headers test macros they may leave undefined. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wundef"
#include <igraph.h>
#pragma GCC diagnostic pop
#include <math.h>
#include <string.h>

#include "tissage-cooperation.h"
#include "tissage-document.h"

/* The network measures of tissage-cooperation.h. The graph computations
 * (degree, density, betweenness) are igraph's; this file only says which
 * links are in which period. */

typedef struct {
  gint64  id;
  char   *start;     /* ISO dates, "" when open */
  char   *end;
} Period;

typedef struct {
  char  *start_date;
  char  *end_date;
  int    start_period;   /* index into the periods, -1 */
  int    end_period;
} LinkTime;

static void
set_db_error (GError  **error,
              sqlite3  *db)
{
  g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_FAILED,
               _("The network of the project could not be read: %s"), sqlite3_errmsg (db));
}

static void
set_graph_error (GError         **error,
                 igraph_error_t   code)
{
  g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_FAILED,
               _("The network measures could not be computed: %s"), igraph_strerror (code));
}

/* igraph aborts the process on an error unless told otherwise: here an
 * error comes back as a code, and its warnings stay off the terminal. */
static void
ensure_igraph_handlers (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      igraph_set_error_handler (igraph_error_handler_ignore);
      igraph_set_warning_handler (igraph_warning_handler_ignore);
      g_once_init_leave (&done, 1);
    }
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return g_utf8_make_valid (text != NULL ? (const char *) text : "", -1);
}

static gboolean
link_in_period (const LinkTime *time,
                const Period   *periods,
                int             p,
                gboolean       *ended)
{
  const Period *period = &periods[p];

  *ended = FALSE;

  if (time->start_period >= 0)
    {
      if (p < time->start_period)
        return FALSE;
    }
  else if (*time->start_date != '\0' && *period->end != '\0' &&
           strcmp (time->start_date, period->end) > 0)
    return FALSE;

  if (time->end_period >= 0)
    {
      if (p > time->end_period)
        return FALSE;
      *ended = p == time->end_period;
    }
  else if (*time->end_date != '\0')
    {
      if (*period->start != '\0' && strcmp (time->end_date, period->start) < 0)
        return FALSE;
      *ended = *period->end == '\0' || strcmp (time->end_date, period->end) <= 0;
    }

  return TRUE;
}

static gboolean
link_began_in (const LinkTime *time,
               const Period   *periods,
               int             p)
{
  if (time->start_period >= 0)
    return time->start_period == p;
  return *time->start_date != '\0' && *periods[p].start != '\0' &&
         strcmp (time->start_date, periods[p].start) >= 0;
}

static gboolean
date_in_period (const char   *date,
                const Period *period)
{
  return *date != '\0' && *period->start != '\0' && *period->end != '\0' &&
         strcmp (date, period->start) >= 0 && strcmp (date, period->end) <= 0;
}

static int
period_index (GHashTable *periods,
              gint64      id)
{
  gpointer value;

  if (id == 0 || !g_hash_table_lookup_extended (periods, &id, NULL, &value))
    return -1;
  return GPOINTER_TO_INT (value);
}

/* Degree and betweenness of every node, in the network of @edges
 * (pairs of node indices, each pair once). */
static igraph_error_t
measure_whole (guint                      n_nodes,
               const igraph_vector_int_t *edges,
               const igraph_vector_int_t *members,
               TissageCooperationPeriod  *period)
{
  igraph_t graph;
  igraph_vector_int_t degree;
  igraph_vector_t betweenness;
  igraph_vs_t between;
  igraph_error_t rc;

  rc = igraph_create (&graph, edges, n_nodes, IGRAPH_UNDIRECTED);
  if (rc != IGRAPH_SUCCESS)
    return rc;
  igraph_vector_int_init (&degree, 0);
  igraph_vector_init (&betweenness, 0);

  /* The shortest paths from one member structure to another: one search
   * from each member, where the paths between any two stakeholders would
   * take one from each of the 2,000 of a large project. */
  between = igraph_vss_vector (members);
  rc = igraph_degree (&graph, &degree, igraph_vss_all (), IGRAPH_ALL, IGRAPH_NO_LOOPS);
  if (rc == IGRAPH_SUCCESS)
    rc = igraph_betweenness_subset (&graph, &betweenness, igraph_vss_all (), IGRAPH_UNDIRECTED,
                                    between, between, NULL);
  if (rc == IGRAPH_SUCCESS)
    for (guint i = 0; i < n_nodes; i++)
      {
        period->degree[i] = VECTOR (degree)[i];
        period->betweenness[i] = VECTOR (betweenness)[i];
      }

  igraph_vector_destroy (&betweenness);
  igraph_vector_int_destroy (&degree);
  igraph_destroy (&graph);
  return rc;
}

/* Density, mean degree and the share linked to three others in the
 * members' network: @edges in member indices. */
static igraph_error_t
measure_members (guint                      n_members,
                 const igraph_vector_int_t *edges,
                 TissageCooperationPeriod  *period)
{
  igraph_t graph;
  igraph_vector_int_t degree;
  igraph_real_t density;
  igraph_error_t rc;
  guint three = 0;
  double sum = 0;

  period->density = NAN;
  period->mean_degree = NAN;
  period->share_three = NAN;
  if (n_members == 0)
    return IGRAPH_SUCCESS;

  rc = igraph_create (&graph, edges, n_members, IGRAPH_UNDIRECTED);
  if (rc != IGRAPH_SUCCESS)
    return rc;
  igraph_vector_int_init (&degree, 0);

  rc = igraph_degree (&graph, &degree, igraph_vss_all (), IGRAPH_ALL, IGRAPH_NO_LOOPS);
  if (rc == IGRAPH_SUCCESS && n_members >= 2)
    {
      rc = igraph_density (&graph, &density, FALSE);
      period->density = density;
    }
  if (rc == IGRAPH_SUCCESS)
    {
      for (guint i = 0; i < n_members; i++)
        {
          sum += VECTOR (degree)[i];
          three += VECTOR (degree)[i] >= 3;
        }
      period->mean_degree = sum / n_members;
      period->share_three = (double) three / n_members;
    }

  igraph_vector_int_destroy (&degree);
  igraph_destroy (&graph);
  return rc;
}

static guint64
pair_key (guint a,
          guint b)
{
  return a < b ? ((guint64) a << 32) | b : ((guint64) b << 32) | a;
}

static gboolean
read_periods (sqlite3             *db,
              TissageCooperation  *cooperation,
              GArray              *periods,
              GHashTable          *index,
              GError             **error)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (TissageCooperationPeriod));
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT id, label, start_date, end_date FROM periods ORDER BY position, id",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      g_array_free (out, TRUE);
      set_db_error (error, db);
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TissageCooperationPeriod period = { 0, };
      Period bounds = { 0, };

      period.id = sqlite3_column_int64 (stmt, 0);
      period.label = dup_column (stmt, 1);
      bounds.id = period.id;
      bounds.start = dup_column (stmt, 2);
      bounds.end = dup_column (stmt, 3);
      g_hash_table_insert (index, g_memdup2 (&period.id, sizeof period.id), GINT_TO_POINTER (out->len));
      g_array_append_val (out, period);
      g_array_append_val (periods, bounds);
    }
  sqlite3_finalize (stmt);

  cooperation->n_periods = out->len;
  cooperation->periods = (TissageCooperationPeriod *) g_array_free (out, FALSE);
  if (rc != SQLITE_DONE)
    {
      set_db_error (error, db);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_nodes (sqlite3             *db,
            TissageCooperation  *cooperation,
            GHashTable          *index,
            GError             **error)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (TissageCooperationNode));
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT id, name, ifnull (category_id, 0), ifnull (structure_id, 0), is_member"
                          " FROM stakeholders ORDER BY id", -1, &stmt, NULL) != SQLITE_OK)
    {
      g_array_free (out, TRUE);
      set_db_error (error, db);
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TissageCooperationNode node = { 0, };

      node.id = sqlite3_column_int64 (stmt, 0);
      node.name = dup_column (stmt, 1);
      node.category_id = sqlite3_column_int64 (stmt, 2);
      node.structure_id = sqlite3_column_int64 (stmt, 3);
      node.member = sqlite3_column_int (stmt, 4) == 1;
      g_hash_table_insert (index, g_memdup2 (&node.id, sizeof node.id), GUINT_TO_POINTER (out->len));
      g_array_append_val (out, node);
    }
  sqlite3_finalize (stmt);

  cooperation->n_nodes = out->len;
  cooperation->nodes = (TissageCooperationNode *) g_array_free (out, FALSE);
  if (rc != SQLITE_DONE)
    {
      set_db_error (error, db);
      return FALSE;
    }
  return TRUE;
}

static char *
time_label (const char         *date,
            int                 period,
            TissageCooperation *cooperation)
{
  if (period >= 0)
    return g_strdup (cooperation->periods[period].label);
  return g_strdup (date);
}

static gboolean
read_links (sqlite3             *db,
            TissageCooperation  *cooperation,
            GHashTable          *nodes,
            GHashTable          *periods,
            GArray              *times,
            GError             **error)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (TissageCooperationLink));
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT id, source_id, target_id, kind, strength, start_date, ifnull (start_period_id, 0),"
                          " end_date, ifnull (end_period_id, 0) FROM links ORDER BY id", -1, &stmt, NULL) != SQLITE_OK)
    {
      g_array_free (out, TRUE);
      set_db_error (error, db);
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 source_id = sqlite3_column_int64 (stmt, 1);
      gint64 target_id = sqlite3_column_int64 (stmt, 2);
      gpointer source, target;
      TissageCooperationLink link = { 0, };
      LinkTime time = { 0, };

      /* The schema keeps both ends; a link of a stakeholder to itself is
       * no cooperation. */
      if (!g_hash_table_lookup_extended (nodes, &source_id, NULL, &source) ||
          !g_hash_table_lookup_extended (nodes, &target_id, NULL, &target) ||
          source == target)
        continue;

      link.id = sqlite3_column_int64 (stmt, 0);
      link.source = GPOINTER_TO_UINT (source);
      link.target = GPOINTER_TO_UINT (target);
      link.kind = dup_column (stmt, 3);
      link.strength = CLAMP (sqlite3_column_int (stmt, 4), 1, 3);
      time.start_date = dup_column (stmt, 5);
      time.start_period = period_index (periods, sqlite3_column_int64 (stmt, 6));
      time.end_date = dup_column (stmt, 7);
      time.end_period = period_index (periods, sqlite3_column_int64 (stmt, 8));
      link.start = time_label (time.start_date, time.start_period, cooperation);
      link.end = time_label (time.end_date, time.end_period, cooperation);
      g_array_append_val (out, link);
      g_array_append_val (times, time);
    }
  sqlite3_finalize (stmt);

  cooperation->n_links = out->len;
  cooperation->links = (TissageCooperationLink *) g_array_free (out, FALSE);
  if (rc != SQLITE_DONE)
    {
      set_db_error (error, db);
      return FALSE;
    }
  return TRUE;
}

/* The strengths of the links in each period, over their own. */
static gboolean
read_strengths (sqlite3             *db,
                TissageCooperation  *cooperation,
                GHashTable          *periods,
                GError             **error)
{
  g_autoptr(GHashTable) links = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  for (guint l = 0; l < cooperation->n_links; l++)
    g_hash_table_insert (links, g_memdup2 (&cooperation->links[l].id, sizeof (gint64)), GUINT_TO_POINTER (l));

  if (sqlite3_prepare_v2 (db, "SELECT link_id, period_id, strength FROM link_strengths", -1, &stmt, NULL) != SQLITE_OK)
    {
      set_db_error (error, db);
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 link_id = sqlite3_column_int64 (stmt, 0);
      int p = period_index (periods, sqlite3_column_int64 (stmt, 1));
      gpointer l;

      if (p >= 0 && g_hash_table_lookup_extended (links, &link_id, NULL, &l))
        cooperation->periods[p].strength[GPOINTER_TO_UINT (l)] = CLAMP (sqlite3_column_int (stmt, 2), 1, 3);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (error, db);
      return FALSE;
    }
  return TRUE;
}

static gboolean
count_actions (sqlite3             *db,
               TissageCooperation  *cooperation,
               const Period        *bounds,
               GHashTable          *periods,
               GError             **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT a.date, ifnull (a.period_id, 0),"
                          " (SELECT count (*) FROM action_partners p WHERE p.action_id = a.id) FROM actions a",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      set_db_error (error, db);
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *date = dup_column (stmt, 0);
      int own = period_index (periods, sqlite3_column_int64 (stmt, 1));
      int partners = sqlite3_column_int (stmt, 2);

      for (guint p = 0; p < cooperation->n_periods; p++)
        if ((int) p == own || (own < 0 && date_in_period (date, &bounds[p])))
          {
            cooperation->periods[p].actions++;
            cooperation->periods[p].actions_three += partners >= 3;
          }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (error, db);
      return FALSE;
    }

  for (guint p = 0; p < cooperation->n_periods; p++)
    {
      TissageCooperationPeriod *period = &cooperation->periods[p];

      period->share_actions_three = period->actions > 0 ? (double) period->actions_three / period->actions : NAN;
    }
  return TRUE;
}

static void
period_bounds_clear (gpointer data)
{
  Period *period = data;

  g_free (period->start);
  g_free (period->end);
}

static void
link_time_clear (gpointer data)
{
  LinkTime *time = data;

  g_free (time->start_date);
  g_free (time->end_date);
}

/**
 * tissage_cooperation_compute:
 *
 * Every measure of every period (see tissage-cooperation.h), on @db as it
 * is: the document's connection or a private copy.
 *
 * Returns: (transfer full): the measures, or %NULL with @error set
 */
TissageCooperation *
tissage_cooperation_compute (sqlite3  *db,
                             GError  **error)
{
  g_autoptr(TissageCooperation) cooperation = g_new0 (TissageCooperation, 1);
  g_autoptr(GHashTable) period_index_of = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) node_index_of = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) bounds = g_array_new (FALSE, TRUE, sizeof (Period));
  g_autoptr(GArray) times = g_array_new (FALSE, TRUE, sizeof (LinkTime));
  /* The pairs of the period before, so that a pair linked twice is new
   * once, as it counts once among the period's links. */
  g_autoptr(GHashTable) previous = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autofree int *member_index = NULL;
  igraph_vector_int_t member_nodes;
  guint n_members = 0;

  g_return_val_if_fail (db != NULL, NULL);

  ensure_igraph_handlers ();
  g_array_set_clear_func (bounds, period_bounds_clear);
  g_array_set_clear_func (times, link_time_clear);

  if (!read_periods (db, cooperation, bounds, period_index_of, error) ||
      !read_nodes (db, cooperation, node_index_of, error) ||
      !read_links (db, cooperation, node_index_of, period_index_of, times, error))
    return NULL;

  member_index = g_new (int, MAX (cooperation->n_nodes, 1));
  igraph_vector_int_init (&member_nodes, 0);
  for (guint n = 0; n < cooperation->n_nodes; n++)
    {
      member_index[n] = cooperation->nodes[n].member ? (int) n_members++ : -1;
      if (cooperation->nodes[n].member)
        igraph_vector_int_push_back (&member_nodes, n);
    }

  for (guint p = 0; p < cooperation->n_periods; p++)
    {
      TissageCooperationPeriod *period = &cooperation->periods[p];

      period->degree = g_new0 (guint, MAX (cooperation->n_nodes, 1));
      period->betweenness = g_new0 (double, MAX (cooperation->n_nodes, 1));
      period->active = g_new0 (guint8, MAX (cooperation->n_links, 1));
      period->strength = g_new0 (int, MAX (cooperation->n_links, 1));
      for (guint l = 0; l < cooperation->n_links; l++)
        period->strength[l] = cooperation->links[l].strength;
    }

  if (!read_strengths (db, cooperation, period_index_of, error) ||
      !count_actions (db, cooperation, (const Period *) bounds->data, period_index_of, error))
    {
      igraph_vector_int_destroy (&member_nodes);
      return NULL;
    }

  for (guint p = 0; p < cooperation->n_periods; p++)
    {
      TissageCooperationPeriod *period = &cooperation->periods[p];
      g_autoptr(GHashTable) pairs = g_hash_table_new (g_int64_hash, g_int64_equal);
      g_autofree guint64 *keys = g_new (guint64, MAX (cooperation->n_links, 1));
      igraph_vector_int_t whole, members;
      igraph_error_t rc;
      guint n_pairs = 0;

      igraph_vector_int_init (&whole, 0);
      igraph_vector_int_init (&members, 0);

      for (guint l = 0; l < cooperation->n_links; l++)
        {
          const TissageCooperationLink *link = &cooperation->links[l];
          const LinkTime *time = &g_array_index (times, LinkTime, l);
          gboolean ended;
          int ms, mt;

          if (!link_in_period (time, (const Period *) bounds->data, p, &ended))
            continue;
          period->active[l] = ended ? 2 : 1;
          period->ended_links += ended;

          keys[n_pairs] = pair_key (link->source, link->target);
          if (g_hash_table_contains (pairs, &keys[n_pairs]))
            continue;
          g_hash_table_add (pairs, &keys[n_pairs]);
          if (p == 0 ? link_began_in (time, (const Period *) bounds->data, p)
                     : !g_hash_table_contains (previous, &keys[n_pairs]))
            period->new_links++;
          n_pairs++;

          igraph_vector_int_push_back (&whole, link->source);
          igraph_vector_int_push_back (&whole, link->target);
          ms = member_index[link->source];
          mt = member_index[link->target];
          if (ms >= 0 && mt >= 0)
            {
              period->member_links++;
              igraph_vector_int_push_back (&members, ms);
              igraph_vector_int_push_back (&members, mt);
            }
          else if (ms >= 0 || mt >= 0)
            period->partner_links++;
        }
      period->links = n_pairs;

      g_hash_table_remove_all (previous);
      for (guint k = 0; k < n_pairs; k++)
        g_hash_table_add (previous, g_memdup2 (&keys[k], sizeof keys[k]));

      rc = measure_whole (cooperation->n_nodes, &whole, &member_nodes, period);
      if (rc == IGRAPH_SUCCESS)
        rc = measure_members (n_members, &members, period);
      igraph_vector_int_destroy (&members);
      igraph_vector_int_destroy (&whole);
      if (rc != IGRAPH_SUCCESS)
        {
          igraph_vector_int_destroy (&member_nodes);
          set_graph_error (error, rc);
          return NULL;
        }
    }

  igraph_vector_int_destroy (&member_nodes);
  return g_steal_pointer (&cooperation);
}

void
tissage_cooperation_free (TissageCooperation *cooperation)
{
  if (cooperation == NULL)
    return;

  for (guint n = 0; n < cooperation->n_nodes; n++)
    g_free (cooperation->nodes[n].name);
  for (guint l = 0; l < cooperation->n_links; l++)
    {
      g_free (cooperation->links[l].kind);
      g_free (cooperation->links[l].start);
      g_free (cooperation->links[l].end);
    }
  for (guint p = 0; p < cooperation->n_periods; p++)
    {
      g_free (cooperation->periods[p].label);
      g_free (cooperation->periods[p].degree);
      g_free (cooperation->periods[p].betweenness);
      g_free (cooperation->periods[p].active);
      g_free (cooperation->periods[p].strength);
    }
  g_free (cooperation->nodes);
  g_free (cooperation->links);
  g_free (cooperation->periods);
  g_free (cooperation);
}

int
tissage_cooperation_find_period (TissageCooperation *cooperation,
                                 const char         *label)
{
  g_autofree char *wanted = NULL;

  g_return_val_if_fail (cooperation != NULL, -1);
  g_return_val_if_fail (label != NULL, -1);

  wanted = g_utf8_casefold (label, -1);
  for (guint p = 0; p < cooperation->n_periods; p++)
    {
      g_autofree char *folded = g_utf8_casefold (cooperation->periods[p].label, -1);

      if (g_str_equal (folded, wanted))
        return p;
    }
  return -1;
}

int
tissage_cooperation_find_node (TissageCooperation *cooperation,
                               gint64              id)
{
  guint lo = 0, hi;

  g_return_val_if_fail (cooperation != NULL, -1);

  /* Nodes are in id order. */
  hi = cooperation->n_nodes;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (cooperation->nodes[mid].id == id)
        return mid;
      if (cooperation->nodes[mid].id < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return -1;
}

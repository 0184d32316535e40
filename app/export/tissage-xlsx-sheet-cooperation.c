/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-export"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tissage-cooperation.h"
#include "tissage-entities.h"
#include "tissage-xlsx-sheet-private.h"

/* Coopération: three tables side by side, as the stakeholders' sheet
 * has two. The network measures of each period; each member
 * structure's links and role as a bridge, period by period; the joint
 * actions with their partners. The figures are tissage-cooperation.c's,
 * the same as on screen. */

enum {
  CO_PERIOD, CO_LINKS, CO_MEMBER_LINKS, CO_PARTNER_LINKS, CO_NEW, CO_ENDED, CO_DENSITY,
  CO_MEAN_DEGREE, CO_SHARE_THREE, CO_ACTIONS, CO_ACTIONS_THREE, CO_GAP,
  ST_NAME, ST_PERIOD, ST_DEGREE, ST_BETWEENNESS, ST_GAP,
  AC_TITLE, AC_KIND, AC_DATE, AC_PERIOD, AC_PARTNERS, AC_NOTE,
  CO_N_COLUMNS
};

static void
put_measure (TissageXlsxExport *export,
             TissageXlsxSheet  *sheet,
             lxw_col_t          column,
             double             value,
             lxw_format        *format)
{
  if (!isnan (value))
    tissage_xlsx_put_number (export, sheet, column, value, format);
}

/* The partners of each action, as one line of names. */
static GHashTable *
dup_partners (TissageXlsxExport *export)
{
  GHashTable *partners = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                (GDestroyNotify) g_ptr_array_unref);
  sqlite3_stmt *stmt = tissage_xlsx_prepare (export,
                                             "SELECT p.action_id, p.stakeholder_id, s.name FROM action_partners p"
                                             " JOIN stakeholders s ON s.id = p.stakeholder_id ORDER BY p.action_id, s.name, p.id");

  while (tissage_xlsx_step (export, stmt))
    {
      gint64 action = sqlite3_column_int64 (stmt, 0);
      GPtrArray *names = g_hash_table_lookup (partners, &action);

      if (names == NULL)
        {
          names = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (partners, g_memdup2 (&action, sizeof action), names);
        }
      g_ptr_array_add (names, g_strdup (tissage_xlsx_is_masked (export, sqlite3_column_int64 (stmt, 1))
                                        ? tissage_xlsx_hidden_name () : tissage_xlsx_column_text (stmt, 2)));
    }
  sqlite3_finalize (stmt);
  return partners;
}

gboolean
tissage_xlsx_write_cooperation (TissageXlsxExport *export,
                                lxw_worksheet     *worksheet)
{
  const TissageXlsxColumn columns[CO_N_COLUMNS] = {
    { _("Period"), 12, 20 },
    { _("Links"), 8, 10 },
    { _("Links between members"), 10, 14 },
    { _("Links with partners"), 10, 14 },
    { _("New links"), 8, 12 },
    { _("Links ended"), 8, 12 },
    { _("Density of the members’ network"), 10, 14 },
    { _("Mean degree of the members"), 10, 14 },
    { _("Members linked to 3 or more"), 10, 14 },
    { _("Joint actions"), 8, 12 },
    { _("Actions with 3 partners or more"), 10, 14 },
    { "", 3, 3 },
    { _("Member structure"), 24, 36 },
    { _("Period"), 12, 20 },
    { _("Links (degree)"), 8, 12 },
    { _("Role as a bridge (betweenness)"), 10, 16 },
    { "", 3, 3 },
    { _("Joint action"), 24, 40 },
    { _("Kind"), 16, 28 },
    { _("Date"), 11, 11 },
    { _("Period"), 12, 20 },
    { _("Partners"), 24, 50 },
    { _("Note"), 20, 40 },
  };
  g_autoptr(TissageCooperation) cooperation = NULL;
  g_autoptr(GHashTable) partners = NULL;
  g_autoptr(GHashTable) period_labels = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GError) local_error = NULL;
  TissageXlsxSheet sheet;
  sqlite3_stmt *actions;
  guint period_row = 0, structure_row = 0;
  gboolean more_actions;

  cooperation = tissage_cooperation_compute (export->db, &local_error);
  if (cooperation == NULL)
    {
      g_propagate_error (&export->error, g_steal_pointer (&local_error));
      return FALSE;
    }
  for (guint n = 0; n < cooperation->n_nodes; n++)
    if (cooperation->nodes[n].member)
      g_array_append_val (members, n);
  for (guint p = 0; p < cooperation->n_periods; p++)
    g_hash_table_insert (period_labels, &cooperation->periods[p].id, cooperation->periods[p].label);
  partners = dup_partners (export);

  tissage_xlsx_sheet_init (export, &sheet, worksheet, columns, CO_N_COLUMNS);
  tissage_xlsx_write_header (export, &sheet);
  worksheet_freeze_panes (worksheet, sheet.header_row + 1, 0);

  actions = tissage_xlsx_prepare (export,
                                  "SELECT a.id, a.title, a.kind, a.date, ifnull (a.period_id, 0), a.note FROM actions a"
                                  " LEFT JOIN periods p ON p.id = a.period_id"
                                  " ORDER BY coalesce (nullif (a.date, ''), p.start_date, ''), a.title, a.id");
  more_actions = tissage_xlsx_step (export, actions);

  while (period_row < cooperation->n_periods || structure_row < members->len * cooperation->n_periods || more_actions)
    {
      if (period_row < cooperation->n_periods)
        {
          const TissageCooperationPeriod *p = &cooperation->periods[period_row++];

          tissage_xlsx_put_text (export, &sheet, CO_PERIOD, p->label, export->text);
          tissage_xlsx_put_number (export, &sheet, CO_LINKS, p->links, export->integer);
          tissage_xlsx_put_number (export, &sheet, CO_MEMBER_LINKS, p->member_links, export->integer);
          tissage_xlsx_put_number (export, &sheet, CO_PARTNER_LINKS, p->partner_links, export->integer);
          tissage_xlsx_put_number (export, &sheet, CO_NEW, p->new_links, export->integer);
          tissage_xlsx_put_number (export, &sheet, CO_ENDED, p->ended_links, export->integer);
          put_measure (export, &sheet, CO_DENSITY, p->density, export->percent);
          put_measure (export, &sheet, CO_MEAN_DEGREE, p->mean_degree, export->decimal);
          put_measure (export, &sheet, CO_SHARE_THREE, p->share_three, export->percent);
          tissage_xlsx_put_number (export, &sheet, CO_ACTIONS, p->actions, export->integer);
          put_measure (export, &sheet, CO_ACTIONS_THREE, p->share_actions_three, export->percent);
        }

      if (structure_row < members->len * cooperation->n_periods)
        {
          guint node = g_array_index (members, guint, structure_row / cooperation->n_periods);
          const TissageCooperationPeriod *p = &cooperation->periods[structure_row % cooperation->n_periods];

          structure_row++;
          tissage_xlsx_put_text (export, &sheet, ST_NAME,
                                 tissage_xlsx_is_masked (export, cooperation->nodes[node].id)
                                 ? tissage_xlsx_hidden_name () : cooperation->nodes[node].name, export->text);
          tissage_xlsx_put_text (export, &sheet, ST_PERIOD, p->label, export->text);
          tissage_xlsx_put_number (export, &sheet, ST_DEGREE, p->degree[node], export->integer);
          tissage_xlsx_put_number (export, &sheet, ST_BETWEENNESS, p->betweenness[node], export->decimal);
        }

      if (more_actions)
        {
          gint64 id = sqlite3_column_int64 (actions, 0);
          gint64 period = sqlite3_column_int64 (actions, 4);
          int kind = sqlite3_column_int (actions, 2);
          GPtrArray *names = g_hash_table_lookup (partners, &id);

          tissage_xlsx_put_text (export, &sheet, AC_TITLE, tissage_xlsx_column_text (actions, 1), export->wrap);
          if (kind >= 0 && kind < TISSAGE_N_ACTION_KINDS)
            tissage_xlsx_put_text (export, &sheet, AC_KIND, tissage_action_kind_to_label (kind), export->text);
          tissage_xlsx_put_date (export, &sheet, AC_DATE, tissage_xlsx_column_text (actions, 3));
          if (g_hash_table_contains (period_labels, &period))
            tissage_xlsx_put_text (export, &sheet, AC_PERIOD, g_hash_table_lookup (period_labels, &period), export->text);
          if (names != NULL)
            {
              g_autofree char *joined = NULL;

              g_ptr_array_add (names, NULL);
              joined = g_strjoinv (", ", (char **) names->pdata);
              g_ptr_array_remove_index (names, names->len - 1);
              tissage_xlsx_put_text (export, &sheet, AC_PARTNERS, joined, export->wrap);
            }
          tissage_xlsx_put_text (export, &sheet, AC_NOTE, tissage_xlsx_column_text (actions, 5), export->wrap);
          more_actions = tissage_xlsx_step (export, actions);
        }

      if (!tissage_xlsx_next_row (export, &sheet))
        break;
    }
  sqlite3_finalize (actions);

  tissage_xlsx_sheet_finish (export, &sheet, 0);
  tissage_xlsx_sheet_clear (&sheet);

  return export->error == NULL;
}

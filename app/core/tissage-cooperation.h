/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/*
 * The cooperation of the collective measured period by period, computed
 * once here (with igraph) for the window, the workbook and the command
 * line, on a `sqlite3 *` like the other figures.
 *
 * A link is in a period when it began before the period ended and did not
 * end before it began: a link began in a period counts from that period
 * on, ended in a period counts in it and no more; a date counts against
 * the period's dates (a period without an end date is open). A link with
 * no start was there from the first period.
 *
 * The members' network is the member structures (stakeholders marked as
 * members of the collective) and the links among them: its density, its
 * mean degree and the share of members linked to three other members or
 * more. Each stakeholder's degree (the stakeholders it is linked to) is
 * counted in the whole network of the period, partners included, and so
 * is its betweenness: of the shortest paths from one member structure to
 * another, how many go through it (a path shared by several ways counts
 * its share), who holds the collective together, a partner as well as a
 * member. Two links of different kinds between the same two stakeholders
 * count once.
 */

typedef struct {
  gint64   id;
  gint64   category_id;
  gint64   structure_id;
  gboolean member;
  char    *name;
} TissageCooperationNode;

typedef struct {
  gint64  id;
  guint   source;       /* into nodes */
  guint   target;
  char   *kind;
  int     strength;     /* its own, outside any period */
  char   *start;        /* an ISO date, a period's label, or "" */
  char   *end;
} TissageCooperationLink;

typedef struct {
  gint64   id;
  char    *label;
  guint    links;               /* every link of the period, pairs counted once */
  guint    member_links;        /* between two member structures */
  guint    partner_links;       /* between a member structure and a partner */
  double   density;             /* of the members' network; NAN under two members */
  double   mean_degree;         /* in the members' network; NAN without members */
  double   share_three;         /* of members linked to 3 members or more; NAN without members */
  guint    new_links;           /* not in the previous period; in the first, begun in it */
  guint    ended_links;         /* ended in the period */
  guint    actions;             /* joint actions in the period */
  guint    actions_three;       /* of them, with three partners or more */
  double   share_actions_three; /* NAN without actions */
  guint   *degree;              /* n_nodes */
  double  *betweenness;         /* n_nodes */
  guint8  *active;              /* n_links: 1 in the period, 2 ended in it */
  int     *strength;            /* n_links: the strength in the period */
} TissageCooperationPeriod;

typedef struct {
  guint                     n_nodes;
  TissageCooperationNode   *nodes;
  guint                     n_links;
  TissageCooperationLink   *links;
  guint                     n_periods;
  TissageCooperationPeriod *periods;   /* in the periods' order */
} TissageCooperation;

TissageCooperation *tissage_cooperation_compute (sqlite3  *db,
                                                 GError  **error);
void                tissage_cooperation_free    (TissageCooperation *cooperation);
/* The period labelled @label (compared without regard to case), or -1. */
int                 tissage_cooperation_find_period (TissageCooperation *cooperation,
                                                     const char         *label);
/* The index of stakeholder @id in nodes, or -1. */
int                 tissage_cooperation_find_node   (TissageCooperation *cooperation,
                                                     gint64              id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TissageCooperation, tissage_cooperation_free)

G_END_DECLS

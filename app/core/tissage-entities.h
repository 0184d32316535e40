/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include "tissage-record.h"

G_BEGIN_DECLS

typedef enum {
  TISSAGE_PROXIMITY_CORE,
  TISSAGE_PROXIMITY_ENGAGED,
  TISSAGE_PROXIMITY_PERIPHERY,
  TISSAGE_PROXIMITY_EXTERNAL,
  TISSAGE_N_PROXIMITIES
} TissageProximity;

const char *tissage_proximity_to_label (TissageProximity proximity);

#define TISSAGE_TYPE_PROJECT (tissage_project_get_type ())
G_DECLARE_FINAL_TYPE (TissageProject, tissage_project, TISSAGE, PROJECT, TissageRecord)

#define TISSAGE_TYPE_STRUCTURE (tissage_structure_get_type ())
G_DECLARE_FINAL_TYPE (TissageStructure, tissage_structure, TISSAGE, STRUCTURE, TissageRecord)

#define TISSAGE_TYPE_CATEGORY (tissage_category_get_type ())
G_DECLARE_FINAL_TYPE (TissageCategory, tissage_category, TISSAGE, CATEGORY, TissageRecord)

#define TISSAGE_TYPE_STAKEHOLDER (tissage_stakeholder_get_type ())
G_DECLARE_FINAL_TYPE (TissageStakeholder, tissage_stakeholder, TISSAGE, STAKEHOLDER, TissageRecord)

#define TISSAGE_TYPE_LINK (tissage_link_get_type ())
G_DECLARE_FINAL_TYPE (TissageLink, tissage_link, TISSAGE, LINK, TissageRecord)

const char *tissage_project_get_name          (TissageProject *self);
const char *tissage_project_get_collective    (TissageProject *self);

const char *tissage_structure_get_name        (TissageStructure *self);
const char *tissage_structure_get_kind        (TissageStructure *self);
const char *tissage_structure_get_territory   (TissageStructure *self);

const char *tissage_category_get_name         (TissageCategory *self);
const char *tissage_category_get_color        (TissageCategory *self);

const char *tissage_stakeholder_get_name        (TissageStakeholder *self);
gint64      tissage_stakeholder_get_category_id (TissageStakeholder *self);
gint64      tissage_stakeholder_get_structure_id (TissageStakeholder *self);
gboolean    tissage_stakeholder_get_is_member   (TissageStakeholder *self);
const char *tissage_stakeholder_get_description (TissageStakeholder *self);
int         tissage_stakeholder_get_influence   (TissageStakeholder *self);
int         tissage_stakeholder_get_interest    (TissageStakeholder *self);
TissageProximity tissage_stakeholder_get_proximity (TissageStakeholder *self);
const char *tissage_stakeholder_get_contact     (TissageStakeholder *self);
/* Map positions beyond this, in either direction, count as none. */
#define TISSAGE_MAP_POSITION_MAX 1e6

gboolean    tissage_stakeholder_get_position    (TissageStakeholder *self,
                                                 double             *x,
                                                 double             *y);

gint64      tissage_link_get_source_id (TissageLink *self);
gint64      tissage_link_get_target_id (TissageLink *self);
const char *tissage_link_get_kind      (TissageLink *self);
int         tissage_link_get_strength  (TissageLink *self);
const char *tissage_link_get_note      (TissageLink *self);
/* When a link began and ended: an ISO date or a period, "" and 0 when
 * not known (a link without a start was there from the first period). */
const char *tissage_link_get_start_date      (TissageLink *self);
gint64      tissage_link_get_start_period_id (TissageLink *self);
const char *tissage_link_get_end_date        (TissageLink *self);
gint64      tissage_link_get_end_period_id   (TissageLink *self);

#define TISSAGE_TYPE_LINK_STRENGTH (tissage_link_strength_get_type ())
G_DECLARE_FINAL_TYPE (TissageLinkStrength, tissage_link_strength, TISSAGE, LINK_STRENGTH, TissageRecord)

typedef enum {
  TISSAGE_ACTION_JOINT_PROJECT,
  TISSAGE_ACTION_POOLING,
  TISSAGE_ACTION_JOINT_BID,
  TISSAGE_ACTION_MEETING,
  TISSAGE_ACTION_REFERRALS,
  TISSAGE_ACTION_TRAINING,
  TISSAGE_ACTION_OTHER,
  TISSAGE_N_ACTION_KINDS
} TissageActionKind;

const char *tissage_action_kind_to_label (TissageActionKind kind);

#define TISSAGE_TYPE_ACTION (tissage_action_get_type ())
G_DECLARE_FINAL_TYPE (TissageAction, tissage_action, TISSAGE, ACTION, TissageRecord)

const char       *tissage_action_get_title     (TissageAction *self);
TissageActionKind tissage_action_get_kind      (TissageAction *self);
const char       *tissage_action_get_date      (TissageAction *self);
gint64            tissage_action_get_period_id (TissageAction *self);
const char       *tissage_action_get_note      (TissageAction *self);

#define TISSAGE_TYPE_ACTION_PARTNER (tissage_action_partner_get_type ())
G_DECLARE_FINAL_TYPE (TissageActionPartner, tissage_action_partner, TISSAGE, ACTION_PARTNER, TissageRecord)

gint64 tissage_action_partner_get_action_id      (TissageActionPartner *self);
gint64 tissage_action_partner_get_stakeholder_id (TissageActionPartner *self);

G_END_DECLS

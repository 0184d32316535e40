/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* What an interviewee said about the use of their words. The numbers are
 * those of the interviews.consent column. */
typedef enum {
  TISSAGE_CONSENT_UNKNOWN,   /* non renseigné */
  TISSAGE_CONSENT_GIVEN,     /* recueilli */
  TISSAGE_CONSENT_REFUSED,   /* refusé */
  TISSAGE_N_CONSENTS
} TissageConsent;

const char *tissage_consent_to_label (TissageConsent consent);

/* How an export names an interviewed person whose name it hides where
 * no interview number fits (the map, the stakeholders). */
const char *tissage_privacy_hidden_name (void);

/* Fewer interviewed people than this of one category in one structure,
 * and the structure would point at them. */
#define TISSAGE_PRIVACY_MIN_GROUP 3

gboolean tissage_interviewee_is_person (gboolean    has_stakeholder,
                                        gboolean    stakeholder_is_member,
                                        const char *category_builtin);

/*
 * What an export may write about the people interviewed, read once from
 * the project's connection (any thread that may use it): who is a person,
 * whose words may leave the project, which structures stay beside a
 * masked person.
 */
typedef struct _TissagePrivacy TissagePrivacy;

TissagePrivacy *tissage_privacy_new                 (sqlite3         *db,
                                                     gboolean         pseudonymise,
                                                     gboolean         include_without_consent);
void            tissage_privacy_free                (TissagePrivacy  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TissagePrivacy, tissage_privacy_free)

gboolean        tissage_privacy_get_pseudonymise    (TissagePrivacy  *self);
gboolean        tissage_privacy_is_person           (TissagePrivacy  *self,
                                                     gint64           interview_id);
gboolean        tissage_privacy_masks_interview     (TissagePrivacy  *self,
                                                     gint64           interview_id);
gboolean        tissage_privacy_masks_stakeholder   (TissagePrivacy  *self,
                                                     gint64           stakeholder_id);
gboolean        tissage_privacy_shows_interviewer   (TissagePrivacy  *self);
gboolean        tissage_privacy_keeps_interview     (TissagePrivacy  *self,
                                                     gint64           interview_id);
gboolean        tissage_privacy_shows_structure     (TissagePrivacy  *self,
                                                     gint64           category_id,
                                                     gint64           structure_id);
/* Stakeholder ids (gint64 *) of the interviewed people to mask, or none
 * when not pseudonymising: for the map. */
GList          *tissage_privacy_list_masked_stakeholders (TissagePrivacy *self);
/* Interviews left out for want of consent, dated between @start and @end
 * (YYYY-MM-DD; %NULL for all) and held by or attached to @structure_id
 * (0 for all). */
guint           tissage_privacy_count_left_out      (TissagePrivacy  *self,
                                                     const char      *start,
                                                     const char      *end,
                                                     gint64           structure_id);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-core"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tissage-privacy.h"

const char *
tissage_consent_to_label (TissageConsent consent)
{
  static const char * const labels[] = { NC_("consent", "Not recorded"), NC_("consent", "Given"),
                                          NC_("consent", "Refused") };

  g_return_val_if_fail ((guint) consent < G_N_ELEMENTS (labels), "");
  return g_dpgettext2 (GETTEXT_PACKAGE, "consent", labels[consent]);
}

const char *
tissage_privacy_hidden_name (void)
{
  return _("Interviewee (name hidden)");
}

/**
 * tissage_interviewee_is_person:
 * @has_stakeholder: the interview names its interviewee by a stakeholder
 *   of the map, rather than by the pseudonym and person fields
 * @stakeholder_is_member: that stakeholder is a member of the collective,
 *   which only structures are
 * @category_builtin: the built-in key of the interviewee's category (their
 *   stakeholder's, else the interview's), "" for a category the user made
 *   or %NULL for none
 *
 * Whether the interviewee is a person, whom a pseudonymised export
 * protects, rather than an organisation, which it names: a funder reads
 * what France Travail said as France Travail's.
 *
 * An organisation is a stakeholder of the map that is a member of the
 * collective or of an organisation's category (member structures, funders,
 * authorities, businesses, social economy, research). Beneficiaries,
 * volunteers, employees and residents are people; so is an interviewee
 * known only by the interview's pseudonym and person fields, whatever the
 * category: "M. P., chef d'équipe" of a business is a person speaking for
 * it, the category saying where they work. So is whoever Tissage cannot
 * tell about (a category of the user's own, or none): a name wrongly
 * hidden costs a funder a detail, one wrongly shown can cost a person.
 */
gboolean
tissage_interviewee_is_person (gboolean    has_stakeholder,
                               gboolean    stakeholder_is_member,
                               const char *category_builtin)
{
  static const char * const organisations[] = {
    "structures-membres", "financeurs", "collectivites", "entreprises", "ess", "recherche",
  };

  if (!has_stakeholder)
    return TRUE;
  if (stakeholder_is_member)
    return FALSE;
  if (category_builtin != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (organisations); i++)
      if (strcmp (category_builtin, organisations[i]) == 0)
        return FALSE;

  return TRUE;
}

typedef struct
{
  gint64          id;
  gboolean        person;
  TissageConsent  consent;
  char           *date;
  gint64          structure_id;         /* that held it */
  gint64          person_structure_id;  /* the interviewee's */
} InterviewInfo;

struct _TissagePrivacy
{
  gboolean    pseudonymise;
  gboolean    include_without_consent;
  GHashTable *interviews;    /* id → InterviewInfo */
  GHashTable *masked;        /* stakeholder ids of interviewed people */
  GHashTable *groups;        /* "category:structure" → set of interviewees */
};

static void
interview_info_free (gpointer data)
{
  InterviewInfo *info = data;

  g_free (info->date);
  g_free (info);
}

static void
add_to_group (TissagePrivacy *self,
              gint64          category_id,
              gint64          structure_id,
              const char     *interviewee)
{
  g_autofree char *key = NULL;
  GHashTable *members;

  if (structure_id == 0)
    return;

  key = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, category_id, structure_id);
  members = g_hash_table_lookup (self->groups, key);
  if (members == NULL)
    {
      members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_insert (self->groups, g_steal_pointer (&key), members);
    }
  g_hash_table_add (members, g_strdup (interviewee));
}

TissagePrivacy *
tissage_privacy_new (sqlite3  *db,
                     gboolean  pseudonymise,
                     gboolean  include_without_consent)
{
  TissagePrivacy *self = g_new0 (TissagePrivacy, 1);
  sqlite3_stmt *stmt = NULL;

  self->pseudonymise = pseudonymise;
  self->include_without_consent = include_without_consent;
  self->interviews = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, interview_info_free);
  self->masked = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_hash_table_unref);

  if (sqlite3_prepare_v2 (db,
                          "SELECT iv.id, iv.stakeholder_id, ifnull (s.is_member, 0), c.builtin,"
                          " ifnull (c.id, 0), iv.consent, iv.date, ifnull (iv.structure_id, 0),"
                          " coalesce (iv.person_structure_id, s.structure_id, 0)"
                          " FROM interviews iv LEFT JOIN stakeholders s ON s.id = iv.stakeholder_id"
                          " LEFT JOIN categories c ON c.id = coalesce (s.category_id, iv.category_id)",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      /* A project that cannot be read masks everyone and lets nothing out. */
      g_warning ("Interviews not read for privacy: %s", sqlite3_errmsg (db));
      sqlite3_finalize (stmt);
      self->include_without_consent = FALSE;
      return self;
    }

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      InterviewInfo *info = g_new0 (InterviewInfo, 1);
      gint64 stakeholder_id = sqlite3_column_int64 (stmt, 1);
      gint64 category_id = sqlite3_column_int64 (stmt, 4);
      g_autofree char *interviewee = NULL;
      int consent = sqlite3_column_int (stmt, 5);

      info->id = sqlite3_column_int64 (stmt, 0);
      info->person = tissage_interviewee_is_person (stakeholder_id != 0, sqlite3_column_int (stmt, 2) != 0,
                                                    (const char *) sqlite3_column_text (stmt, 3));
      info->consent = consent >= 0 && consent < TISSAGE_N_CONSENTS ? consent : TISSAGE_CONSENT_UNKNOWN;
      info->date = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      info->structure_id = sqlite3_column_int64 (stmt, 7);
      info->person_structure_id = sqlite3_column_int64 (stmt, 8);
      g_hash_table_insert (self->interviews, &info->id, info);

      if (!info->person)
        continue;

      if (stakeholder_id != 0)
        g_hash_table_add (self->masked, g_memdup2 (&stakeholder_id, sizeof stakeholder_id));
      interviewee = stakeholder_id != 0 ? g_strdup_printf ("s%" G_GINT64_FORMAT, stakeholder_id)
                                        : g_strdup_printf ("i%" G_GINT64_FORMAT, info->id);
      add_to_group (self, category_id, info->structure_id, interviewee);
      if (info->person_structure_id != info->structure_id)
        add_to_group (self, category_id, info->person_structure_id, interviewee);
    }
  sqlite3_finalize (stmt);

  return self;
}

void
tissage_privacy_free (TissagePrivacy *self)
{
  if (self == NULL)
    return;

  g_hash_table_unref (self->interviews);
  g_hash_table_unref (self->masked);
  g_hash_table_unref (self->groups);
  g_free (self);
}

gboolean
tissage_privacy_get_pseudonymise (TissagePrivacy *self)
{
  return self->pseudonymise;
}

/* An interview Tissage does not know of (written since) is a person's. */
gboolean
tissage_privacy_is_person (TissagePrivacy *self,
                           gint64          interview_id)
{
  InterviewInfo *info = g_hash_table_lookup (self->interviews, &interview_id);

  return info == NULL || info->person;
}

gboolean
tissage_privacy_masks_interview (TissagePrivacy *self,
                                 gint64          interview_id)
{
  return self->pseudonymise && tissage_privacy_is_person (self, interview_id);
}

gboolean
tissage_privacy_masks_stakeholder (TissagePrivacy *self,
                                   gint64          stakeholder_id)
{
  return self->pseudonymise && g_hash_table_contains (self->masked, &stakeholder_id);
}

/* Interviewers are people too, and often the ones the interviewees know:
 * a pseudonymised export never names them. */
gboolean
tissage_privacy_shows_interviewer (TissagePrivacy *self)
{
  return !self->pseudonymise;
}

gboolean
tissage_privacy_keeps_interview (TissagePrivacy *self,
                                 gint64          interview_id)
{
  InterviewInfo *info = g_hash_table_lookup (self->interviews, &interview_id);

  if (self->include_without_consent)
    return TRUE;
  return info != NULL && info->consent == TISSAGE_CONSENT_GIVEN;
}

/*
 * Beside a masked person, their structure (or the one that held the
 * interview) tells a funder where the words come from, which is what a
 * collective reports on; but among few people of a kind in a structure
 * ("Employees", "GEIQ BTP Garonne" and a date) it names the one. So it is
 * written only when at least TISSAGE_PRIVACY_MIN_GROUP different people
 * of that category were interviewed in that structure, whatever the
 * period exported: a reader cannot tell which of them spoke. The count is
 * of people, not interviews: one person met three times is still one.
 * An export limited to one structure names it by that choice: it is that
 * structure's own report, and a row whose structure is not written
 * still belongs to it.
 */
gboolean
tissage_privacy_shows_structure (TissagePrivacy *self,
                                 gint64          category_id,
                                 gint64          structure_id)
{
  g_autofree char *key = NULL;
  GHashTable *members;

  if (!self->pseudonymise || structure_id == 0)
    return TRUE;

  key = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, category_id, structure_id);
  members = g_hash_table_lookup (self->groups, key);
  return members != NULL && g_hash_table_size (members) >= TISSAGE_PRIVACY_MIN_GROUP;
}

GList *
tissage_privacy_list_masked_stakeholders (TissagePrivacy *self)
{
  return self->pseudonymise ? g_hash_table_get_keys (self->masked) : NULL;
}

guint
tissage_privacy_count_left_out (TissagePrivacy *self,
                                const char     *start,
                                const char     *end,
                                gint64          structure_id)
{
  GHashTableIter iter;
  gpointer value;
  guint count = 0;

  if (self->include_without_consent)
    return 0;

  g_hash_table_iter_init (&iter, self->interviews);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      InterviewInfo *info = value;

      if (info->consent == TISSAGE_CONSENT_GIVEN)
        continue;
      if (start != NULL && end != NULL &&
          (info->date == NULL || strcmp (info->date, start) < 0 || strcmp (info->date, end) > 0))
        continue;
      if (structure_id != 0 && info->structure_id != structure_id &&
          info->person_structure_id != structure_id)
        continue;
      count++;
    }

  return count;
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-core"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tissage-document.h"
#include "tissage-entities.h"
#include "tissage-record-private.h"
#include "tissage-referentiel.h"

#define CATEGORY_DEFAULT_COLOR "#77767b"

const char *
tissage_proximity_to_label (TissageProximity proximity)
{
  static const char *labels[] = {
    N_("Core"),
    N_("Engaged"),
    N_("Periphery"),
    N_("External"),
  };

  g_return_val_if_fail (proximity < TISSAGE_N_PROXIMITIES, NULL);

  return _(labels[proximity]);
}

/* Project */

struct _TissageProject { TissageRecord parent_instance; };
G_DEFINE_FINAL_TYPE (TissageProject, tissage_project, TISSAGE_TYPE_RECORD)

enum { PROJECT_PROP_0, PROJECT_PROP_NAME, PROJECT_PROP_COLLECTIVE,
       PROJECT_PROP_TERRITORY, PROJECT_PROP_DESCRIPTION, PROJECT_PROP_CREATED,
       PROJECT_N_PROPS };

static void
tissage_project_class_init (TissageProjectClass *klass)
{
  TissageRecordClass *record_class = TISSAGE_RECORD_CLASS (klass);
  GParamSpec *pspecs[PROJECT_N_PROPS] = { NULL, };

  pspecs[PROJECT_PROP_NAME] = tissage_column_name ("name", N_("Name"));
  pspecs[PROJECT_PROP_COLLECTIVE] = tissage_column_text ("collective", N_("Collective"));
  pspecs[PROJECT_PROP_TERRITORY] = tissage_column_text ("territory", N_("Territory"));
  pspecs[PROJECT_PROP_DESCRIPTION] = tissage_column_text ("description", N_("Description"));
  pspecs[PROJECT_PROP_CREATED] = tissage_column_text ("created", N_("Created"));
  tissage_record_class_install_columns (record_class, "project", pspecs, PROJECT_N_PROPS);

  record_class->label_insert = N_("Create the project");
  record_class->label_edit = N_("Edit the project");
  record_class->label_delete = N_("Delete the project");
}

static void tissage_project_init (TissageProject *self) { }

const char *
tissage_project_get_name (TissageProject *self)
{
  return tissage_record_get_string (TISSAGE_RECORD (self), PROJECT_PROP_NAME);
}

const char *
tissage_project_get_collective (TissageProject *self)
{
  return tissage_record_get_string (TISSAGE_RECORD (self), PROJECT_PROP_COLLECTIVE);
}

/* Structure */

struct _TissageStructure { TissageRecord parent_instance; };
G_DEFINE_FINAL_TYPE (TissageStructure, tissage_structure, TISSAGE_TYPE_RECORD)

enum { STRUCTURE_PROP_0, STRUCTURE_PROP_NAME, STRUCTURE_PROP_KIND,
       STRUCTURE_PROP_TERRITORY, STRUCTURE_PROP_NOTES, STRUCTURE_PROP_POSITION,
       STRUCTURE_N_PROPS };

static void
tissage_structure_class_init (TissageStructureClass *klass)
{
  TissageRecordClass *record_class = TISSAGE_RECORD_CLASS (klass);
  GParamSpec *pspecs[STRUCTURE_N_PROPS] = { NULL, };

  pspecs[STRUCTURE_PROP_NAME] = tissage_column_name ("name", N_("Name"));
  pspecs[STRUCTURE_PROP_KIND] = tissage_column_text ("kind", N_("Kind"));
  pspecs[STRUCTURE_PROP_TERRITORY] = tissage_column_text ("territory", N_("Territory"));
  pspecs[STRUCTURE_PROP_NOTES] = tissage_column_text ("notes", N_("Notes"));
  pspecs[STRUCTURE_PROP_POSITION] = tissage_column_int ("position", N_("Position"), 0, G_MAXINT, 0);
  tissage_record_class_install_columns (record_class, "structures", pspecs, STRUCTURE_N_PROPS);

  record_class->label_insert = N_("Add a member structure");
  record_class->label_edit = N_("Edit a member structure");
  record_class->label_delete = N_("Delete a member structure");
}

static void tissage_structure_init (TissageStructure *self) { }

const char *
tissage_structure_get_name (TissageStructure *self)
{
  return tissage_record_get_string (TISSAGE_RECORD (self), STRUCTURE_PROP_NAME);
}

const char *
tissage_structure_get_kind (TissageStructure *self)
{
  return tissage_record_get_string (TISSAGE_RECORD (self), STRUCTURE_PROP_KIND);
}

const char *
tissage_structure_get_territory (TissageStructure *self)
{
  return tissage_record_get_string (TISSAGE_RECORD (self), STRUCTURE_PROP_TERRITORY);
}

/* Category */

struct _TissageCategory { TissageRecord parent_instance; };
G_DEFINE_FINAL_TYPE (TissageCategory, tissage_category, TISSAGE_TYPE_RECORD)

enum { CATEGORY_PROP_0, CATEGORY_PROP_NAME, CATEGORY_PROP_COLOR,
       CATEGORY_PROP_BUILTIN, CATEGORY_PROP_POSITION, CATEGORY_N_PROPS };

static void
tissage_category_class_init (TissageCategoryClass *klass)
{
  TissageRecordClass *record_class = TISSAGE_RECORD_CLASS (klass);
  GParamSpec *pspecs[CATEGORY_N_PROPS] = { NULL, };

  pspecs[CATEGORY_PROP_NAME] = tissage_column_name ("name", N_("Name"));
  pspecs[CATEGORY_PROP_COLOR] = tissage_column_text_default ("color", N_("Colour"), CATEGORY_DEFAULT_COLOR);
  pspecs[CATEGORY_PROP_BUILTIN] = tissage_column_text ("builtin", N_("Built-in category"));
  pspecs[CATEGORY_PROP_POSITION] = tissage_column_int ("position", N_("Position"), 0, G_MAXINT, 0);
  tissage_record_class_install_columns (record_class, "categories", pspecs, CATEGORY_N_PROPS);

  record_class->label_insert = N_("Add a category");
  record_class->label_edit = N_("Edit a category");
  record_class->label_delete = N_("Delete a category");
}

static void tissage_category_init (TissageCategory *self) { }

const char *
tissage_category_get_name (TissageCategory *self)
{
  return tissage_record_get_string (TISSAGE_RECORD (self), CATEGORY_PROP_NAME);
}

const char *
tissage_category_get_color (TissageCategory *self)
{
  const char *color = tissage_record_get_string (TISSAGE_RECORD (self), CATEGORY_PROP_COLOR);

  /* "#rrggbb", as the schema wants it: labels put it in markup, and a file
   * from elsewhere may hold any text there. */
  if (color == NULL || color[0] != '#' || strlen (color) != 7)
    return CATEGORY_DEFAULT_COLOR;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (color[i]))
      return CATEGORY_DEFAULT_COLOR;

  return color;
}

/* Stakeholder */

struct _TissageStakeholder { TissageRecord parent_instance; };
G_DEFINE_FINAL_TYPE (TissageStakeholder, tissage_stakeholder, TISSAGE_TYPE_RECORD)

enum { SH_PROP_0, SH_PROP_NAME, SH_PROP_CATEGORY_ID, SH_PROP_STRUCTURE_ID,
       SH_PROP_IS_MEMBER, SH_PROP_DESCRIPTION, SH_PROP_INFLUENCE,
       SH_PROP_INTEREST, SH_PROP_PROXIMITY, SH_PROP_CONTACT, SH_PROP_X,
       SH_PROP_Y, SH_N_PROPS };

static void
tissage_stakeholder_class_init (TissageStakeholderClass *klass)
{
  TissageRecordClass *record_class = TISSAGE_RECORD_CLASS (klass);
  GParamSpec *pspecs[SH_N_PROPS] = { NULL, };

  pspecs[SH_PROP_NAME] = tissage_column_name ("name", N_("Name"));
  pspecs[SH_PROP_CATEGORY_ID] = tissage_column_key ("category-id", N_("Category"));
  pspecs[SH_PROP_STRUCTURE_ID] = tissage_column_key ("structure-id", N_("Structure"));
  pspecs[SH_PROP_IS_MEMBER] = tissage_column_bool ("is-member", N_("Member structure of the collective"), FALSE);
  pspecs[SH_PROP_DESCRIPTION] = tissage_column_text ("description", N_("Description"));
  pspecs[SH_PROP_INFLUENCE] = tissage_column_int ("influence", N_("Influence"), 0, 100, 50);
  pspecs[SH_PROP_INTEREST] = tissage_column_int ("interest", N_("Interest"), 0, 100, 50);
  pspecs[SH_PROP_PROXIMITY] = tissage_column_int ("proximity", N_("Proximity"), 0, TISSAGE_N_PROXIMITIES - 1,
                                          TISSAGE_PROXIMITY_PERIPHERY);
  pspecs[SH_PROP_CONTACT] = tissage_column_text ("contact", N_("Contact notes"));
  pspecs[SH_PROP_X] = tissage_column_real ("x", N_("Position on the map"));
  pspecs[SH_PROP_Y] = tissage_column_real ("y", N_("Position on the map"));
  tissage_record_class_install_columns (record_class, "stakeholders", pspecs, SH_N_PROPS);

  record_class->label_insert = N_("Add a stakeholder");
  record_class->label_edit = N_("Edit a stakeholder");
  record_class->label_delete = N_("Delete a stakeholder");
}

static void tissage_stakeholder_init (TissageStakeholder *self) { }

const char *
tissage_stakeholder_get_name (TissageStakeholder *self)
{
  return tissage_record_get_string (TISSAGE_RECORD (self), SH_PROP_NAME);
}

gint64
tissage_stakeholder_get_category_id (TissageStakeholder *self)
{
  return tissage_record_get_int64 (TISSAGE_RECORD (self), SH_PROP_CATEGORY_ID);
}

gint64
tissage_stakeholder_get_structure_id (TissageStakeholder *self)
{
  return tissage_record_get_int64 (TISSAGE_RECORD (self), SH_PROP_STRUCTURE_ID);
}

gboolean
tissage_stakeholder_get_is_member (TissageStakeholder *self)
{
  return tissage_record_get_boolean (TISSAGE_RECORD (self), SH_PROP_IS_MEMBER);
}

const char *
tissage_stakeholder_get_description (TissageStakeholder *self)
{
  return tissage_record_get_string (TISSAGE_RECORD (self), SH_PROP_DESCRIPTION);
}

int
tissage_stakeholder_get_influence (TissageStakeholder *self)
{
  return tissage_record_get_int (TISSAGE_RECORD (self), SH_PROP_INFLUENCE);
}

int
tissage_stakeholder_get_interest (TissageStakeholder *self)
{
  return tissage_record_get_int (TISSAGE_RECORD (self), SH_PROP_INTEREST);
}

TissageProximity
tissage_stakeholder_get_proximity (TissageStakeholder *self)
{
  return tissage_record_get_int (TISSAGE_RECORD (self), SH_PROP_PROXIMITY);
}

const char *
tissage_stakeholder_get_contact (TissageStakeholder *self)
{
  return tissage_record_get_string (TISSAGE_RECORD (self), SH_PROP_CONTACT);
}

gboolean
tissage_stakeholder_get_position (TissageStakeholder *self,
                                  double             *x,
                                  double             *y)
{
  double px = tissage_record_get_double (TISSAGE_RECORD (self), SH_PROP_X);
  double py = tissage_record_get_double (TISSAGE_RECORD (self), SH_PROP_Y);

  /* A file from elsewhere may put a stakeholder light-years away: no map
   * can show it there, so the layout places it as one never moved. */
  if (isnan (px) || isnan (py) ||
      fabs (px) > TISSAGE_MAP_POSITION_MAX || fabs (py) > TISSAGE_MAP_POSITION_MAX)
    return FALSE;

  if (x != NULL)
    *x = px;
  if (y != NULL)
    *y = py;

  return TRUE;
}

/* Link */

struct _TissageLink { TissageRecord parent_instance; };
G_DEFINE_FINAL_TYPE (TissageLink, tissage_link, TISSAGE_TYPE_RECORD)

enum { LINK_PROP_0, LINK_PROP_SOURCE_ID, LINK_PROP_TARGET_ID, LINK_PROP_KIND,
       LINK_PROP_STRENGTH, LINK_PROP_NOTE, LINK_PROP_START_DATE, LINK_PROP_START_PERIOD_ID,
       LINK_PROP_END_DATE, LINK_PROP_END_PERIOD_ID, LINK_N_PROPS };

/* A date of the cooperation (a link's start or end, a joint action's) is
 * an ISO date or nothing. */
static gboolean
check_iso_date (const char  *date,
                GError     **error)
{
  g_autofree char *iso = NULL;

  if (date == NULL || *date == '\0')
    return TRUE;
  if (tissage_parse_date (date, &iso) && g_str_equal (iso, date))
    return TRUE;

  g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
               _("“%s” is not a date: write it as day/month/year, for example 31/12/2026."), date);
  return FALSE;
}

static gboolean
link_validate (TissageRecordClass *klass,
               const char        **names,
               const GValue       *values,
               guint               n_values,
               GError            **error)
{
  gint64 source = 0, target = 0, start_period = 0, end_period = 0;
  const char *start_date = NULL, *end_date = NULL;

  for (guint i = 0; i < n_values; i++)
    {
      if (g_str_equal (names[i], "source-id"))
        source = g_value_get_int64 (&values[i]);
      else if (g_str_equal (names[i], "target-id"))
        target = g_value_get_int64 (&values[i]);
      else if (g_str_equal (names[i], "start-date"))
        start_date = g_value_get_string (&values[i]);
      else if (g_str_equal (names[i], "end-date"))
        end_date = g_value_get_string (&values[i]);
      else if (g_str_equal (names[i], "start-period-id"))
        start_period = g_value_get_int64 (&values[i]);
      else if (g_str_equal (names[i], "end-period-id"))
        end_period = g_value_get_int64 (&values[i]);
    }

  if (!check_iso_date (start_date, error) || !check_iso_date (end_date, error))
    return FALSE;
  if ((start_period != 0 && start_date != NULL && *start_date != '\0') ||
      (end_period != 0 && end_date != NULL && *end_date != '\0'))
    {
      g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                           _("A link begins or ends either on a date or in a period, not both."));
      return FALSE;
    }
  if (start_date != NULL && end_date != NULL && *start_date != '\0' && *end_date != '\0' &&
      strcmp (end_date, start_date) < 0)
    {
      g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                           _("A link cannot end before it begins."));
      return FALSE;
    }

  if (source != 0 && source == target)
    {
      g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR,
                           TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                           _("A link must join two different stakeholders."));
      return FALSE;
    }

  return TRUE;
}

static void
tissage_link_class_init (TissageLinkClass *klass)
{
  TissageRecordClass *record_class = TISSAGE_RECORD_CLASS (klass);
  GParamSpec *pspecs[LINK_N_PROPS] = { NULL, };

  pspecs[LINK_PROP_SOURCE_ID] = tissage_column_key ("source-id", N_("From"));
  pspecs[LINK_PROP_TARGET_ID] = tissage_column_key ("target-id", N_("To"));
  pspecs[LINK_PROP_KIND] = tissage_column_text_default ("kind", N_("Kind of link"), "coopération");
  pspecs[LINK_PROP_STRENGTH] = tissage_column_int ("strength", N_("Strength"), 1, 3, 2);
  pspecs[LINK_PROP_NOTE] = tissage_column_text ("note", N_("Note"));
  pspecs[LINK_PROP_START_DATE] = tissage_column_text ("start-date", N_("Began on"));
  pspecs[LINK_PROP_START_PERIOD_ID] = tissage_column_key ("start-period-id", N_("Began in"));
  pspecs[LINK_PROP_END_DATE] = tissage_column_text ("end-date", N_("Ended on"));
  pspecs[LINK_PROP_END_PERIOD_ID] = tissage_column_key ("end-period-id", N_("Ended in"));
  tissage_record_class_install_columns (record_class, "links", pspecs, LINK_N_PROPS);

  record_class->label_insert = N_("Add a link");
  record_class->label_edit = N_("Edit a link");
  record_class->label_delete = N_("Delete a link");
  record_class->validate = link_validate;
}

static void tissage_link_init (TissageLink *self) { }

gint64
tissage_link_get_source_id (TissageLink *self)
{
  return tissage_record_get_int64 (TISSAGE_RECORD (self), LINK_PROP_SOURCE_ID);
}

gint64
tissage_link_get_target_id (TissageLink *self)
{
  return tissage_record_get_int64 (TISSAGE_RECORD (self), LINK_PROP_TARGET_ID);
}

const char *
tissage_link_get_kind (TissageLink *self)
{
  return tissage_record_get_string (TISSAGE_RECORD (self), LINK_PROP_KIND);
}

int
tissage_link_get_strength (TissageLink *self)
{
  return tissage_record_get_int (TISSAGE_RECORD (self), LINK_PROP_STRENGTH);
}

const char *
tissage_link_get_note (TissageLink *self)
{
  return tissage_record_get_string (TISSAGE_RECORD (self), LINK_PROP_NOTE);
}

const char *
tissage_link_get_start_date (TissageLink *self)
{
  return tissage_record_get_string (TISSAGE_RECORD (self), LINK_PROP_START_DATE);
}

gint64
tissage_link_get_start_period_id (TissageLink *self)
{
  return tissage_record_get_int64 (TISSAGE_RECORD (self), LINK_PROP_START_PERIOD_ID);
}

const char *
tissage_link_get_end_date (TissageLink *self)
{
  return tissage_record_get_string (TISSAGE_RECORD (self), LINK_PROP_END_DATE);
}

gint64
tissage_link_get_end_period_id (TissageLink *self)
{
  return tissage_record_get_int64 (TISSAGE_RECORD (self), LINK_PROP_END_PERIOD_ID);
}

/* The strength of a link in one period, over its own */

struct _TissageLinkStrength { TissageRecord parent_instance; };
G_DEFINE_FINAL_TYPE (TissageLinkStrength, tissage_link_strength, TISSAGE_TYPE_RECORD)

enum { LSTR_PROP_0, LSTR_PROP_LINK_ID, LSTR_PROP_PERIOD_ID, LSTR_PROP_STRENGTH, LSTR_N_PROPS };

static void
tissage_link_strength_class_init (TissageLinkStrengthClass *klass)
{
  TissageRecordClass *record_class = TISSAGE_RECORD_CLASS (klass);
  GParamSpec *pspecs[LSTR_N_PROPS] = { NULL, };

  pspecs[LSTR_PROP_LINK_ID] = tissage_column_key ("link-id", N_("Link"));
  pspecs[LSTR_PROP_PERIOD_ID] = tissage_column_key ("period-id", N_("Period"));
  pspecs[LSTR_PROP_STRENGTH] = tissage_column_int ("strength", N_("Strength"), 1, 3, 2);
  tissage_record_class_install_columns (record_class, "link_strengths", pspecs, LSTR_N_PROPS);

  record_class->label_insert = N_("Set the strength of a link in a period");
  record_class->label_edit = N_("Change the strength of a link in a period");
  record_class->label_delete = N_("Clear the strength of a link in a period");
}

static void tissage_link_strength_init (TissageLinkStrength *self) { }

/* Joint actions */

const char *
tissage_action_kind_to_label (TissageActionKind kind)
{
  static const char *labels[] = {
    N_("Jointly led project"),
    N_("Pooling of resources"),
    N_("Joint response to a call for projects"),
    N_("Meeting or working session"),
    N_("Cross referrals"),
    N_("Joint training"),
    N_("Other joint action"),
  };

  g_return_val_if_fail (kind < TISSAGE_N_ACTION_KINDS, NULL);

  return _(labels[kind]);
}

struct _TissageAction { TissageRecord parent_instance; };
G_DEFINE_FINAL_TYPE (TissageAction, tissage_action, TISSAGE_TYPE_RECORD)

enum { ACTION_PROP_0, ACTION_PROP_TITLE, ACTION_PROP_KIND, ACTION_PROP_DATE,
       ACTION_PROP_PERIOD_ID, ACTION_PROP_NOTE, ACTION_N_PROPS };

static gboolean
action_validate (TissageRecordClass *klass,
                 const char        **names,
                 const GValue       *values,
                 guint               n_values,
                 GError            **error)
{
  const char *date = g_value_get_string (&values[ACTION_PROP_DATE - 1]);

  if (!check_iso_date (date, error))
    return FALSE;
  if (date != NULL && *date != '\0' && g_value_get_int64 (&values[ACTION_PROP_PERIOD_ID - 1]) != 0)
    {
      g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                           _("A joint action takes place either on a date or in a period, not both."));
      return FALSE;
    }

  return TRUE;
}

static void
tissage_action_class_init (TissageActionClass *klass)
{
  TissageRecordClass *record_class = TISSAGE_RECORD_CLASS (klass);
  GParamSpec *pspecs[ACTION_N_PROPS] = { NULL, };

  pspecs[ACTION_PROP_TITLE] = tissage_column_name ("title", N_("Title"));
  pspecs[ACTION_PROP_KIND] = tissage_column_int ("kind", N_("Kind of joint action"), 0, TISSAGE_N_ACTION_KINDS - 1, 0);
  pspecs[ACTION_PROP_DATE] = tissage_column_text ("date", N_("Date"));
  pspecs[ACTION_PROP_PERIOD_ID] = tissage_column_key ("period-id", N_("Period"));
  pspecs[ACTION_PROP_NOTE] = tissage_column_text ("note", N_("Note"));
  tissage_record_class_install_columns (record_class, "actions", pspecs, ACTION_N_PROPS);

  record_class->label_insert = N_("Add a joint action");
  record_class->label_edit = N_("Edit a joint action");
  record_class->label_delete = N_("Delete a joint action");
  record_class->validate = action_validate;
}

static void tissage_action_init (TissageAction *self) { }

const char *
tissage_action_get_title (TissageAction *self)
{
  return tissage_record_get_string (TISSAGE_RECORD (self), ACTION_PROP_TITLE);
}

TissageActionKind
tissage_action_get_kind (TissageAction *self)
{
  return tissage_record_get_int (TISSAGE_RECORD (self), ACTION_PROP_KIND);
}

const char *
tissage_action_get_date (TissageAction *self)
{
  return tissage_record_get_string (TISSAGE_RECORD (self), ACTION_PROP_DATE);
}

gint64
tissage_action_get_period_id (TissageAction *self)
{
  return tissage_record_get_int64 (TISSAGE_RECORD (self), ACTION_PROP_PERIOD_ID);
}

const char *
tissage_action_get_note (TissageAction *self)
{
  return tissage_record_get_string (TISSAGE_RECORD (self), ACTION_PROP_NOTE);
}

struct _TissageActionPartner { TissageRecord parent_instance; };
G_DEFINE_FINAL_TYPE (TissageActionPartner, tissage_action_partner, TISSAGE_TYPE_RECORD)

enum { APART_PROP_0, APART_PROP_ACTION_ID, APART_PROP_STAKEHOLDER_ID, APART_N_PROPS };

static void
tissage_action_partner_class_init (TissageActionPartnerClass *klass)
{
  TissageRecordClass *record_class = TISSAGE_RECORD_CLASS (klass);
  GParamSpec *pspecs[APART_N_PROPS] = { NULL, };

  pspecs[APART_PROP_ACTION_ID] = tissage_column_key ("action-id", N_("Joint action"));
  pspecs[APART_PROP_STAKEHOLDER_ID] = tissage_column_key ("stakeholder-id", N_("Partner"));
  tissage_record_class_install_columns (record_class, "action_partners", pspecs, APART_N_PROPS);

  record_class->label_insert = N_("Add a partner to a joint action");
  record_class->label_edit = N_("Change a partner of a joint action");
  record_class->label_delete = N_("Remove a partner from a joint action");
}

static void tissage_action_partner_init (TissageActionPartner *self) { }

gint64
tissage_action_partner_get_action_id (TissageActionPartner *self)
{
  return tissage_record_get_int64 (TISSAGE_RECORD (self), APART_PROP_ACTION_ID);
}

gint64
tissage_action_partner_get_stakeholder_id (TissageActionPartner *self)
{
  return tissage_record_get_int64 (TISSAGE_RECORD (self), APART_PROP_STAKEHOLDER_ID);
}

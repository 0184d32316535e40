/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-core"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "tissage-document-private.h"
#include "tissage-interviews.h"
#include "tissage-record-private.h"

/* Grid */

struct _TissageGrid { TissageRecord parent_instance; };
G_DEFINE_FINAL_TYPE (TissageGrid, tissage_grid, TISSAGE_TYPE_RECORD)
enum { GRID_PROP_0, GRID_PROP_TITLE, GRID_PROP_PURPOSE, GRID_PROP_POSITION, GRID_N_PROPS };

static void
tissage_grid_class_init (TissageGridClass *klass)
{
  GParamSpec *pspecs[GRID_N_PROPS] = { NULL, };

  pspecs[GRID_PROP_TITLE] = tissage_column_name ("title", N_("Title"));
  pspecs[GRID_PROP_PURPOSE] = tissage_column_text ("purpose", N_("Purpose"));
  pspecs[GRID_PROP_POSITION] = tissage_column_int ("position", N_("Position"), 0, G_MAXINT, 0);
  tissage_record_class_install_columns (TISSAGE_RECORD_CLASS (klass), "grids", pspecs, GRID_N_PROPS);
  tissage_record_class_set_labels (TISSAGE_RECORD_CLASS (klass), N_("Add an interview guide"),
              N_("Edit an interview guide"), N_("Delete an interview guide"));
}

static void tissage_grid_init (TissageGrid *self) { }

const char *
tissage_grid_get_title (TissageGrid *self)
{
  return tissage_record_get_string (TISSAGE_RECORD (self), GRID_PROP_TITLE);
}

/* The categories a grid is meant for */

struct _TissageGridCategory { TissageRecord parent_instance; };
G_DEFINE_FINAL_TYPE (TissageGridCategory, tissage_grid_category, TISSAGE_TYPE_RECORD)
enum { GC_PROP_0, GC_PROP_GRID_ID, GC_PROP_CATEGORY_ID, GC_N_PROPS };

static void
tissage_grid_category_class_init (TissageGridCategoryClass *klass)
{
  GParamSpec *pspecs[GC_N_PROPS] = { NULL, };

  pspecs[GC_PROP_GRID_ID] = tissage_column_key ("grid-id", N_("Interview guide"));
  pspecs[GC_PROP_CATEGORY_ID] = tissage_column_key ("category-id", N_("Category"));
  tissage_record_class_install_columns (TISSAGE_RECORD_CLASS (klass), "grid_categories", pspecs, GC_N_PROPS);
  tissage_record_class_set_labels (TISSAGE_RECORD_CLASS (klass), N_("Add a category to a guide"),
              N_("Edit the categories of a guide"), N_("Remove a category from a guide"));
}

static void tissage_grid_category_init (TissageGridCategory *self) { }

gint64
tissage_grid_category_get_grid_id (TissageGridCategory *self)
{
  return tissage_record_get_int64 (TISSAGE_RECORD (self), GC_PROP_GRID_ID);
}

gint64
tissage_grid_category_get_category_id (TissageGridCategory *self)
{
  return tissage_record_get_int64 (TISSAGE_RECORD (self), GC_PROP_CATEGORY_ID);
}

/* Section */

struct _TissageGridSection { TissageRecord parent_instance; };
G_DEFINE_FINAL_TYPE (TissageGridSection, tissage_grid_section, TISSAGE_TYPE_RECORD)
enum { SECTION_PROP_0, SECTION_PROP_GRID_ID, SECTION_PROP_TITLE, SECTION_PROP_POSITION, SECTION_N_PROPS };

static void
tissage_grid_section_class_init (TissageGridSectionClass *klass)
{
  GParamSpec *pspecs[SECTION_N_PROPS] = { NULL, };

  pspecs[SECTION_PROP_GRID_ID] = tissage_column_key ("grid-id", N_("Interview guide"));
  pspecs[SECTION_PROP_TITLE] = tissage_column_text_optional ("title", N_("Title"));
  pspecs[SECTION_PROP_POSITION] = tissage_column_int ("position", N_("Position"), 0, G_MAXINT, 0);
  tissage_record_class_install_columns (TISSAGE_RECORD_CLASS (klass), "grid_sections", pspecs, SECTION_N_PROPS);
  tissage_record_class_set_labels (TISSAGE_RECORD_CLASS (klass), N_("Add a section"), N_("Edit a section"), N_("Delete a section"));
}

static void tissage_grid_section_init (TissageGridSection *self) { }

gint64
tissage_grid_section_get_grid_id (TissageGridSection *self)
{
  return tissage_record_get_int64 (TISSAGE_RECORD (self), SECTION_PROP_GRID_ID);
}

const char *
tissage_grid_section_get_title (TissageGridSection *self)
{
  return tissage_record_get_string (TISSAGE_RECORD (self), SECTION_PROP_TITLE);
}

int
tissage_grid_section_get_position (TissageGridSection *self)
{
  return tissage_record_get_int (TISSAGE_RECORD (self), SECTION_PROP_POSITION);
}

/* Question of a grid */

struct _TissageGridQuestion { TissageRecord parent_instance; };
G_DEFINE_FINAL_TYPE (TissageGridQuestion, tissage_grid_question, TISSAGE_TYPE_RECORD)
enum { GQ_PROP_0, GQ_PROP_GRID_ID, GQ_PROP_SECTION_ID, GQ_PROP_KIND, GQ_PROP_TEXT, GQ_PROP_GUIDANCE,
       GQ_PROP_SCALE_MIN_LABEL, GQ_PROP_SCALE_MAX_LABEL, GQ_PROP_CHOICES, GQ_PROP_RETIRED,
       GQ_PROP_POSITION, GQ_N_PROPS };

static gboolean
grid_question_validate (TissageRecordClass  *klass,
                        const char         **names,
                        const GValue        *values,
                        guint                n_values,
                        GError             **error)
{
  int kind = g_value_get_int (&values[GQ_PROP_KIND - 1]);
  const char *choices = g_value_get_string (&values[GQ_PROP_CHOICES - 1]);

  if (kind == TISSAGE_QUESTION_SINGLE || kind == TISSAGE_QUESTION_MULTIPLE)
    {
      g_auto(GStrv) lines = g_strsplit (choices ? choices : "", "\n", -1);
      g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_autofree char *label = g_strstrip (g_strdup (lines[i]));
          g_autofree char *folded = g_utf8_casefold (label, -1);

          if (*label == '\0')
            continue;
          if (!g_hash_table_add (seen, g_steal_pointer (&folded)))
            {
              g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                           _("The choice “%s” is listed twice."), label);
              return FALSE;
            }
        }
    }

  return TRUE;
}

static void
tissage_grid_question_class_init (TissageGridQuestionClass *klass)
{
  GParamSpec *pspecs[GQ_N_PROPS] = { NULL, };

  pspecs[GQ_PROP_GRID_ID] = tissage_column_key ("grid-id", N_("Interview guide"));
  pspecs[GQ_PROP_SECTION_ID] = tissage_column_key ("section-id", N_("Section"));
  pspecs[GQ_PROP_KIND] = tissage_column_int ("kind", N_("Kind of answer"), 0, TISSAGE_N_QUESTION_KINDS - 1,
                                             TISSAGE_QUESTION_OPEN);
  pspecs[GQ_PROP_TEXT] = tissage_column_text ("text", N_("Question"));
  pspecs[GQ_PROP_GUIDANCE] = tissage_column_text ("guidance", N_("Guidance for the interviewer"));
  pspecs[GQ_PROP_SCALE_MIN_LABEL] = tissage_column_text ("scale-min-label", N_("Label of 1"));
  pspecs[GQ_PROP_SCALE_MAX_LABEL] = tissage_column_text ("scale-max-label", N_("Label of 5"));
  pspecs[GQ_PROP_CHOICES] = tissage_column_text ("choices", N_("Choices"));
  pspecs[GQ_PROP_RETIRED] = tissage_column_bool ("retired", N_("Retired"), FALSE);
  pspecs[GQ_PROP_POSITION] = tissage_column_int ("position", N_("Position"), 0, G_MAXINT, 0);
  tissage_record_class_install_columns (TISSAGE_RECORD_CLASS (klass), "grid_questions", pspecs, GQ_N_PROPS);
  tissage_record_class_set_labels (TISSAGE_RECORD_CLASS (klass), N_("Add a question"), N_("Edit a question"), N_("Delete a question"));
  TISSAGE_RECORD_CLASS (klass)->validate = grid_question_validate;
}

static void tissage_grid_question_init (TissageGridQuestion *self) { }

gint64
tissage_grid_question_get_grid_id (TissageGridQuestion *self)
{
  return tissage_record_get_int64 (TISSAGE_RECORD (self), GQ_PROP_GRID_ID);
}

gint64
tissage_grid_question_get_section_id (TissageGridQuestion *self)
{
  return tissage_record_get_int64 (TISSAGE_RECORD (self), GQ_PROP_SECTION_ID);
}

TissageQuestionKind
tissage_grid_question_get_kind (TissageGridQuestion *self)
{
  return tissage_record_get_int (TISSAGE_RECORD (self), GQ_PROP_KIND);
}

/**
 * tissage_question_place_set:
 * @in_section: whether the question is in a section, of @section_position
 *   and @section_id (ignored otherwise)
 *
 * The place of a question read from the project's tables.
 */
void
tissage_question_place_set (TissageQuestionPlace *place,
                            gboolean              in_section,
                            gint64                section_position,
                            gint64                section_id,
                            gint64                position,
                            gint64                id)
{
  /* Ranked after "no section"; a position from a file may be the largest. */
  place->section_rank = !in_section ? 0 : section_position < G_MAXINT64 ? section_position + 1 : G_MAXINT64;
  place->section_id = in_section ? section_id : 0;
  place->position = position;
  place->id = id;
}

/**
 * tissage_question_place_init:
 * @section: (nullable): the section of @question, if it has one still
 */
void
tissage_question_place_init (TissageQuestionPlace *place,
                             TissageGridSection   *section,
                             TissageGridQuestion  *question)
{
  tissage_question_place_set (place, section != NULL,
                              section != NULL ? tissage_grid_section_get_position (section) : 0,
                              section != NULL ? tissage_record_get_id (TISSAGE_RECORD (section)) : 0,
                              tissage_grid_question_get_position (question),
                              tissage_record_get_id (TISSAGE_RECORD (question)));
}

#define COMPARE_FIELD(a, b) G_STMT_START { if ((a) != (b)) return (a) < (b) ? -1 : 1; } G_STMT_END

/* The one order of the questions of a guide: see #TissageQuestionPlace. */
int
tissage_question_place_compare (const TissageQuestionPlace *a,
                                const TissageQuestionPlace *b)
{
  COMPARE_FIELD (a->section_rank, b->section_rank);
  COMPARE_FIELD (a->section_id, b->section_id);
  COMPARE_FIELD (a->position, b->position);
  COMPARE_FIELD (a->id, b->id);
  return 0;
}

#undef COMPARE_FIELD

const char *
tissage_grid_question_get_text (TissageGridQuestion *self)
{
  return tissage_record_get_string (TISSAGE_RECORD (self), GQ_PROP_TEXT);
}

const char *
tissage_grid_question_get_guidance (TissageGridQuestion *self)
{
  return tissage_record_get_string (TISSAGE_RECORD (self), GQ_PROP_GUIDANCE);
}

gboolean
tissage_grid_question_get_retired (TissageGridQuestion *self)
{
  return tissage_record_get_boolean (TISSAGE_RECORD (self), GQ_PROP_RETIRED);
}

int
tissage_grid_question_get_position (TissageGridQuestion *self)
{
  return tissage_record_get_int (TISSAGE_RECORD (self), GQ_PROP_POSITION);
}

GStrv
tissage_grid_question_dup_choices (TissageGridQuestion *self)
{
  const char *choices = tissage_record_get_string (TISSAGE_RECORD (self), GQ_PROP_CHOICES);
  g_auto(GStrv) lines = g_strsplit (choices ? choices : "", "\n", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *label = g_strstrip (g_strdup (lines[i]));

      if (*label != '\0')
        g_strv_builder_add (builder, label);
    }

  return g_strv_builder_end (builder);
}

/* What a question informs */

struct _TissageQuestionEffect { TissageRecord parent_instance; };
G_DEFINE_FINAL_TYPE (TissageQuestionEffect, tissage_question_effect, TISSAGE_TYPE_RECORD)
enum { QE_PROP_0, QE_PROP_QUESTION_ID, QE_PROP_EFFECT_ID, QE_N_PROPS };

static void
tissage_question_effect_class_init (TissageQuestionEffectClass *klass)
{
  GParamSpec *pspecs[QE_N_PROPS] = { NULL, };

  pspecs[QE_PROP_QUESTION_ID] = tissage_column_key ("question-id", N_("Question"));
  pspecs[QE_PROP_EFFECT_ID] = tissage_column_key ("effect-id", N_("Expected effect"));
  tissage_record_class_install_columns (TISSAGE_RECORD_CLASS (klass), "question_effects", pspecs, QE_N_PROPS);
  tissage_record_class_set_labels (TISSAGE_RECORD_CLASS (klass), N_("Link a question to an effect"),
              N_("Edit the effects of a question"), N_("Unlink a question from an effect"));
}

static void tissage_question_effect_init (TissageQuestionEffect *self) { }

gint64
tissage_question_effect_get_question_id (TissageQuestionEffect *self)
{
  return tissage_record_get_int64 (TISSAGE_RECORD (self), QE_PROP_QUESTION_ID);
}

gint64
tissage_question_effect_get_effect_id (TissageQuestionEffect *self)
{
  return tissage_record_get_int64 (TISSAGE_RECORD (self), QE_PROP_EFFECT_ID);
}

struct _TissageQuestionIndicator { TissageRecord parent_instance; };
G_DEFINE_FINAL_TYPE (TissageQuestionIndicator, tissage_question_indicator, TISSAGE_TYPE_RECORD)
enum { QI_PROP_0, QI_PROP_QUESTION_ID, QI_PROP_INDICATOR_ID, QI_N_PROPS };

static void
tissage_question_indicator_class_init (TissageQuestionIndicatorClass *klass)
{
  GParamSpec *pspecs[QI_N_PROPS] = { NULL, };

  pspecs[QI_PROP_QUESTION_ID] = tissage_column_key ("question-id", N_("Question"));
  pspecs[QI_PROP_INDICATOR_ID] = tissage_column_key ("indicator-id", N_("Indicator"));
  tissage_record_class_install_columns (TISSAGE_RECORD_CLASS (klass), "question_indicators", pspecs, QI_N_PROPS);
  tissage_record_class_set_labels (TISSAGE_RECORD_CLASS (klass), N_("Link a question to an indicator"),
              N_("Edit the indicators of a question"), N_("Unlink a question from an indicator"));
}

static void tissage_question_indicator_init (TissageQuestionIndicator *self) { }

gint64
tissage_question_indicator_get_question_id (TissageQuestionIndicator *self)
{
  return tissage_record_get_int64 (TISSAGE_RECORD (self), QI_PROP_QUESTION_ID);
}

gint64
tissage_question_indicator_get_indicator_id (TissageQuestionIndicator *self)
{
  return tissage_record_get_int64 (TISSAGE_RECORD (self), QI_PROP_INDICATOR_ID);
}

/* Interview */

struct _TissageInterview { TissageRecord parent_instance; };
G_DEFINE_FINAL_TYPE (TissageInterview, tissage_interview, TISSAGE_TYPE_RECORD)
enum { IV_PROP_0, IV_PROP_GRID_ID, IV_PROP_STAKEHOLDER_ID, IV_PROP_PSEUDONYM, IV_PROP_CATEGORY_ID,
       IV_PROP_PERSON_STRUCTURE_ID, IV_PROP_STRUCTURE_ID, IV_PROP_INTERVIEWER, IV_PROP_DATE,
       IV_PROP_PLACE, IV_PROP_MODE, IV_PROP_CONSENT, IV_PROP_STATUS, IV_PROP_NOTES, IV_N_PROPS };

static gboolean
interview_validate (TissageRecordClass  *klass,
                    const char         **names,
                    const GValue        *values,
                    guint                n_values,
                    GError             **error)
{
  const char *date = g_value_get_string (&values[IV_PROP_DATE - 1]);

  if (date != NULL && *date != '\0')
    {
      int y, m, d;

      if (strlen (date) != 10 || sscanf (date, "%4d-%2d-%2d", &y, &m, &d) != 3 ||
          !g_date_valid_dmy (d, m, y))
        {
          g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                       _("“%s” is not a valid date."), date);
          return FALSE;
        }
    }

  return TRUE;
}

static void
tissage_interview_class_init (TissageInterviewClass *klass)
{
  GParamSpec *pspecs[IV_N_PROPS] = { NULL, };

  pspecs[IV_PROP_GRID_ID] = tissage_column_key ("grid-id", N_("Interview guide"));
  pspecs[IV_PROP_STAKEHOLDER_ID] = tissage_column_key ("stakeholder-id", N_("Interviewee"));
  pspecs[IV_PROP_PSEUDONYM] = tissage_column_name ("pseudonym", N_("Pseudonym"));
  pspecs[IV_PROP_CATEGORY_ID] = tissage_column_key ("category-id", N_("Category"));
  pspecs[IV_PROP_PERSON_STRUCTURE_ID] = tissage_column_key ("person-structure-id", N_("Structure of the interviewee"));
  pspecs[IV_PROP_STRUCTURE_ID] = tissage_column_key ("structure-id", N_("Held by"));
  pspecs[IV_PROP_INTERVIEWER] = tissage_column_name ("interviewer", N_("Interviewer"));
  pspecs[IV_PROP_DATE] = tissage_column_text ("date", N_("Date"));
  pspecs[IV_PROP_PLACE] = tissage_column_text ("place", N_("Place"));
  pspecs[IV_PROP_MODE] = tissage_column_int ("mode", N_("Mode"), 0, TISSAGE_N_MODES - 1, TISSAGE_MODE_FACE_TO_FACE);
  pspecs[IV_PROP_CONSENT] = tissage_column_int ("consent", N_("Consent"), 0, TISSAGE_N_CONSENTS - 1, TISSAGE_CONSENT_UNKNOWN);
  pspecs[IV_PROP_STATUS] = tissage_column_int ("status", N_("Status"), 0, TISSAGE_N_STATUSES - 1, TISSAGE_STATUS_TODO);
  pspecs[IV_PROP_NOTES] = tissage_column_text ("notes", N_("Notes"));
  tissage_record_class_install_columns (TISSAGE_RECORD_CLASS (klass), "interviews", pspecs, IV_N_PROPS);
  tissage_record_class_set_labels (TISSAGE_RECORD_CLASS (klass), N_("Add an interview"), N_("Edit an interview"), N_("Delete an interview"));
  TISSAGE_RECORD_CLASS (klass)->validate = interview_validate;
}

static void tissage_interview_init (TissageInterview *self) { }

gint64
tissage_interview_get_grid_id (TissageInterview *self)
{
  return tissage_record_get_int64 (TISSAGE_RECORD (self), IV_PROP_GRID_ID);
}

gint64
tissage_interview_get_stakeholder_id (TissageInterview *self)
{
  return tissage_record_get_int64 (TISSAGE_RECORD (self), IV_PROP_STAKEHOLDER_ID);
}

gint64
tissage_interview_get_category_id (TissageInterview *self)
{
  return tissage_record_get_int64 (TISSAGE_RECORD (self), IV_PROP_CATEGORY_ID);
}

gint64
tissage_interview_get_structure_id (TissageInterview *self)
{
  return tissage_record_get_int64 (TISSAGE_RECORD (self), IV_PROP_STRUCTURE_ID);
}

gint64
tissage_interview_get_person_structure_id (TissageInterview *self)
{
  return tissage_record_get_int64 (TISSAGE_RECORD (self), IV_PROP_PERSON_STRUCTURE_ID);
}

const char *
tissage_interview_get_pseudonym (TissageInterview *self)
{
  return tissage_record_get_string (TISSAGE_RECORD (self), IV_PROP_PSEUDONYM);
}

const char *
tissage_interview_get_date (TissageInterview *self)
{
  return tissage_record_get_string (TISSAGE_RECORD (self), IV_PROP_DATE);
}

TissageInterviewStatus
tissage_interview_get_status (TissageInterview *self)
{
  return tissage_record_get_int (TISSAGE_RECORD (self), IV_PROP_STATUS);
}

/* Answer */

struct _TissageAnswer { TissageRecord parent_instance; };
G_DEFINE_FINAL_TYPE (TissageAnswer, tissage_answer, TISSAGE_TYPE_RECORD)
enum { ANSWER_PROP_0, ANSWER_PROP_INTERVIEW_ID, ANSWER_PROP_QUESTION_ID, ANSWER_PROP_TEXT,
       ANSWER_PROP_NUMBER, ANSWER_N_PROPS };

static void
tissage_answer_class_init (TissageAnswerClass *klass)
{
  GParamSpec *pspecs[ANSWER_N_PROPS] = { NULL, };

  pspecs[ANSWER_PROP_INTERVIEW_ID] = tissage_column_key ("interview-id", N_("Interview"));
  pspecs[ANSWER_PROP_QUESTION_ID] = tissage_column_key ("question-id", N_("Question"));
  pspecs[ANSWER_PROP_TEXT] = tissage_column_text_optional ("text", N_("Answer"));
  pspecs[ANSWER_PROP_NUMBER] = tissage_column_real ("number", N_("Answer"));
  tissage_record_class_install_columns (TISSAGE_RECORD_CLASS (klass), "answers", pspecs, ANSWER_N_PROPS);
  tissage_record_class_set_labels (TISSAGE_RECORD_CLASS (klass), N_("Answer a question"), N_("Edit an answer"), N_("Clear an answer"));
}

static void tissage_answer_init (TissageAnswer *self) { }

gint64
tissage_answer_get_interview_id (TissageAnswer *self)
{
  return tissage_record_get_int64 (TISSAGE_RECORD (self), ANSWER_PROP_INTERVIEW_ID);
}

gint64
tissage_answer_get_question_id (TissageAnswer *self)
{
  return tissage_record_get_int64 (TISSAGE_RECORD (self), ANSWER_PROP_QUESTION_ID);
}

const char *
tissage_answer_get_text (TissageAnswer *self)
{
  return tissage_record_get_string (TISSAGE_RECORD (self), ANSWER_PROP_TEXT);
}

double
tissage_answer_get_number (TissageAnswer *self)
{
  return tissage_record_get_double (TISSAGE_RECORD (self), ANSWER_PROP_NUMBER);
}

/* Verbatim */

struct _TissageVerbatim { TissageRecord parent_instance; };
G_DEFINE_FINAL_TYPE (TissageVerbatim, tissage_verbatim, TISSAGE_TYPE_RECORD)
enum { VB_PROP_0, VB_PROP_ANSWER_ID, VB_PROP_START, VB_PROP_END, VB_PROP_QUOTE, VB_PROP_TONE,
       VB_PROP_LOST, VB_N_PROPS };

static void
tissage_verbatim_class_init (TissageVerbatimClass *klass)
{
  GParamSpec *pspecs[VB_N_PROPS] = { NULL, };

  pspecs[VB_PROP_ANSWER_ID] = tissage_column_key ("answer-id", N_("Answer"));
  pspecs[VB_PROP_START] = tissage_column_int ("start", N_("Start"), 0, G_MAXINT, 0);
  pspecs[VB_PROP_END] = tissage_column_int ("end", N_("End"), 0, G_MAXINT, 0);
  pspecs[VB_PROP_QUOTE] = tissage_column_text ("quote", N_("Quote"));
  pspecs[VB_PROP_TONE] = tissage_column_int ("tone", N_("Tone"), 0, TISSAGE_N_TONES - 1, TISSAGE_TONE_NEUTRAL);
  pspecs[VB_PROP_LOST] = tissage_column_bool ("lost", N_("Lost"), FALSE);
  tissage_record_class_install_columns (TISSAGE_RECORD_CLASS (klass), "verbatims", pspecs, VB_N_PROPS);
  tissage_record_class_set_labels (TISSAGE_RECORD_CLASS (klass), N_("Mark a verbatim"), N_("Edit a verbatim"), N_("Delete a verbatim"));
}

static void tissage_verbatim_init (TissageVerbatim *self) { }

gint64
tissage_verbatim_get_answer_id (TissageVerbatim *self)
{
  return tissage_record_get_int64 (TISSAGE_RECORD (self), VB_PROP_ANSWER_ID);
}

int
tissage_verbatim_get_start (TissageVerbatim *self)
{
  return tissage_record_get_int (TISSAGE_RECORD (self), VB_PROP_START);
}

int
tissage_verbatim_get_end (TissageVerbatim *self)
{
  return tissage_record_get_int (TISSAGE_RECORD (self), VB_PROP_END);
}

const char *
tissage_verbatim_get_quote (TissageVerbatim *self)
{
  return tissage_record_get_string (TISSAGE_RECORD (self), VB_PROP_QUOTE);
}

TissageTone
tissage_verbatim_get_tone (TissageVerbatim *self)
{
  return tissage_record_get_int (TISSAGE_RECORD (self), VB_PROP_TONE);
}

gboolean
tissage_verbatim_get_lost (TissageVerbatim *self)
{
  return tissage_record_get_boolean (TISSAGE_RECORD (self), VB_PROP_LOST);
}

struct _TissageVerbatimTag { TissageRecord parent_instance; };
G_DEFINE_FINAL_TYPE (TissageVerbatimTag, tissage_verbatim_tag, TISSAGE_TYPE_RECORD)
enum { VT_PROP_0, VT_PROP_VERBATIM_ID, VT_PROP_EFFECT_ID, VT_N_PROPS };

static void
tissage_verbatim_tag_class_init (TissageVerbatimTagClass *klass)
{
  GParamSpec *pspecs[VT_N_PROPS] = { NULL, };

  pspecs[VT_PROP_VERBATIM_ID] = tissage_column_key ("verbatim-id", N_("Verbatim"));
  pspecs[VT_PROP_EFFECT_ID] = tissage_column_key ("effect-id", N_("Expected effect"));
  tissage_record_class_install_columns (TISSAGE_RECORD_CLASS (klass), "verbatim_tags", pspecs, VT_N_PROPS);
  tissage_record_class_set_labels (TISSAGE_RECORD_CLASS (klass), N_("Tag a verbatim"), N_("Edit the tags of a verbatim"),
              N_("Untag a verbatim"));
}

static void tissage_verbatim_tag_init (TissageVerbatimTag *self) { }

/* Labels */

const char *
tissage_question_kind_to_label (TissageQuestionKind kind)
{
  static const char * const labels[] = {
    N_("Open"), N_("Scale from 1 to 5"), N_("Yes or no"), N_("Single choice"),
    N_("Multiple choice"), N_("Number"),
  };

  g_return_val_if_fail (kind < G_N_ELEMENTS (labels), "");
  return _(labels[kind]);
}

const char *
tissage_interview_mode_to_label (TissageInterviewMode mode)
{
  static const char * const labels[] = {
    N_("Face to face"), N_("Telephone"), N_("Video call"), N_("Group"),
  };

  g_return_val_if_fail (mode < G_N_ELEMENTS (labels), "");
  return _(labels[mode]);
}

const char *
tissage_interview_status_to_label (TissageInterviewStatus status)
{
  static const char * const labels[] = {
    N_("To do"), N_("In progress"), N_("Done"),
  };

  g_return_val_if_fail (status < G_N_ELEMENTS (labels), "");
  return _(labels[status]);
}

const char *
tissage_tone_to_label (TissageTone tone)
{
  static const char * const labels[] = {
    N_("Positive"), N_("Negative"), N_("Neutral"),
  };

  g_return_val_if_fail (tone < G_N_ELEMENTS (labels), "");
  return _(labels[tone]);
}

/* Interviewees */

/**
 * tissage_interviewee_label:
 *
 * Who was interviewed, as Tissage shows them: "Interviewee 12" (the
 * interview's number) when @pseudonymise (a person, see
 * tissage_interviewee_is_person()) or when nothing names them, else
 * their stakeholder's name or the pseudonym typed. Takes plain values, so
 * that an export reading the file in a worker thread names them the same.
 */
char *
tissage_interviewee_label (gint64      interview_id,
                           const char *stakeholder_name,
                           const char *pseudonym,
                           gboolean    pseudonymise)
{
  if (!pseudonymise)
    {
      if (stakeholder_name != NULL && *stakeholder_name != '\0')
        return g_strdup (stakeholder_name);
      if (pseudonym != NULL && *pseudonym != '\0')
        return g_strdup (pseudonym);
    }

  return g_strdup_printf (_("Interviewee %d"), (int) interview_id);
}

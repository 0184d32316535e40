#define G_LOG_DOMAIN "tissage-core"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tissage-document-private.h"
#include "tissage-interviews.h"
#include "tissage-text.h"
#include "tissage-privacy.h"
#include "tissage-record-private.h"
#include "tissage-referentiel.h"

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

char *
tissage_document_dup_interviewee (TissageDocument  *document,
                                  TissageInterview *interview,
                                  gboolean          pseudonymise)
{
  TissageStakeholder *stakeholder = NULL;
  gint64 stakeholder_id;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (TISSAGE_IS_INTERVIEW (interview), NULL);

  stakeholder_id = tissage_interview_get_stakeholder_id (interview);
  if (stakeholder_id != 0)
    stakeholder = tissage_document_lookup (document, TISSAGE_TYPE_STAKEHOLDER, stakeholder_id);

  /* Only people are pseudonymised, as in every export. */
  if (pseudonymise && stakeholder != NULL)
    {
      TissageCategory *category = tissage_document_lookup (document, TISSAGE_TYPE_CATEGORY,
                                                           tissage_stakeholder_get_category_id (stakeholder));
      g_autofree char *builtin = NULL;

      if (category != NULL)
        g_object_get (category, "builtin", &builtin, NULL);
      pseudonymise = tissage_interviewee_is_person (TRUE, tissage_stakeholder_get_is_member (stakeholder), builtin);
    }

  return tissage_interviewee_label (tissage_record_id (interview),
                                    stakeholder != NULL ? tissage_stakeholder_get_name (stakeholder) : NULL,
                                    tissage_interview_get_pseudonym (interview),
                                    pseudonymise);
}

/* Answers */

static GPtrArray *
fetch_where (TissageDocument *document,
             GType            type,
             const char      *where,
             gint64           key1,
             gint64           key2)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GTypeClass) klass = g_type_class_ref (type);
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s WHERE %s ORDER BY id",
                                          tissage_record_class_get_table (TISSAGE_RECORD_CLASS (klass)), where);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (tissage_document_get_db (document), sql, -1, &stmt, NULL) != SQLITE_OK)
    return g_steal_pointer (&records);
  sqlite3_bind_int64 (stmt, 1, key1);
  sqlite3_bind_int64 (stmt, 2, key2);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);

  for (guint i = 0; i < ids->len; i++)
    {
      gpointer record = tissage_document_fetch (document, type, g_array_index (ids, gint64, i));

      if (record != NULL)
        g_ptr_array_add (records, record);
    }

  return g_steal_pointer (&records);
}

GPtrArray *
tissage_document_list_answers (TissageDocument  *document,
                               TissageInterview *interview)
{
  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (TISSAGE_IS_INTERVIEW (interview), NULL);

  return fetch_where (document, TISSAGE_TYPE_ANSWER, "interview_id = ?1", tissage_record_id (interview), 0);
}

TissageAnswer *
tissage_document_get_answer (TissageDocument     *document,
                             TissageInterview    *interview,
                             TissageGridQuestion *question)
{
  g_autoptr(GPtrArray) found = NULL;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (TISSAGE_IS_INTERVIEW (interview), NULL);
  g_return_val_if_fail (TISSAGE_IS_GRID_QUESTION (question), NULL);

  found = fetch_where (document, TISSAGE_TYPE_ANSWER, "interview_id = ?1 AND question_id = ?2",
                       tissage_record_id (interview), tissage_record_id (question));

  return found->len > 0 ? g_object_ref (g_ptr_array_index (found, 0)) : NULL;
}

static gboolean
is_ascii (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      return FALSE;

  return TRUE;
}

static char *
fold (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *normal = NULL;

  /* What normalizing and case folding make of plain ASCII, at a fraction
   * of the cost: an import compares every cell this way. */
  if (is_ascii (stripped))
    return g_ascii_strdown (stripped, -1);

  normal = g_utf8_normalize (stripped, -1, G_NORMALIZE_ALL);
  return g_utf8_casefold (normal != NULL ? normal : stripped, -1);
}


/* Whether the words of a name begin, in order, words of a label:
 * "garde enfants" names "garde d enfants". */
static gboolean
name_abbreviates (char * const *wanted,
                  char * const *words)
{
  guint w = 0;

  if (wanted[0] == NULL)
    return FALSE;

  for (guint i = 0; wanted[i] != NULL; i++)
    {
      while (words[w] != NULL && !g_str_has_prefix (words[w], wanted[i]))
        w++;
      if (words[w] == NULL)
        return FALSE;
      w++;
    }

  return TRUE;
}

/* A name as survey tools give choices ("garde_enfants"), not a label typed
 * by a person, who is only taken at their word. */
static gboolean
looks_like_name (const char *input)
{
  for (const char *p = input; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-')
      return FALSE;

  return *input != '\0';
}

struct _TissageChoices {
  GStrv      labels;
  guint      n;
  GPtrArray *folded;   /* as fold () gives them */
  GPtrArray *words;    /* as tissage_text_fold_words () gives them */
  GPtrArray *word_lists; /* the same, split */
};

TissageChoices *
tissage_choices_new (const char * const *labels)
{
  TissageChoices *self = g_new0 (TissageChoices, 1);

  self->labels = g_strdupv ((GStrv) (labels != NULL ? labels : (const char * const[]) { NULL }));
  self->n = g_strv_length (self->labels);
  self->folded = g_ptr_array_new_with_free_func (g_free);
  self->words = g_ptr_array_new_with_free_func (g_free);
  self->word_lists = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint i = 0; i < self->n; i++)
    {
      char *words = tissage_text_fold_words (self->labels[i]);

      g_ptr_array_add (self->folded, fold (self->labels[i]));
      g_ptr_array_add (self->words, words);
      g_ptr_array_add (self->word_lists, g_strsplit (words, " ", -1));
    }

  return self;
}

void
tissage_choices_free (TissageChoices *self)
{
  if (self == NULL)
    return;

  g_strfreev (self->labels);
  g_ptr_array_unref (self->folded);
  g_ptr_array_unref (self->words);
  g_ptr_array_unref (self->word_lists);
  g_free (self);
}

const char * const *
tissage_choices_get_labels (const TissageChoices *self)
{
  return (const char * const *) self->labels;
}

int
tissage_choices_find (const TissageChoices *self,
                      const char           *input)
{
  g_autofree char *wanted = NULL;
  g_autofree char *name = NULL;
  g_auto(GStrv) name_words = NULL;
  int found = -1;

  if (input == NULL)
    return -1;

  for (guint i = 0; i < self->n; i++)
    if (g_str_equal (self->labels[i], input))
      return i;

  wanted = fold (input);
  for (guint i = 0; i < self->n; i++)
    if (g_str_equal (g_ptr_array_index (self->folded, i), wanted))
      return i;

  name = tissage_text_fold_words (input);
  for (guint pass = 0; pass < (looks_like_name (input) ? 2 : 1); pass++)
    {
      if (pass == 1)
        name_words = g_strsplit (name, " ", -1);
      for (guint i = 0; i < self->n; i++)
        {
          gboolean match = pass == 0
            ? g_str_equal (g_ptr_array_index (self->words, i), name)
            : *name != '\0' && name_abbreviates (name_words, g_ptr_array_index (self->word_lists, i));

          if (!match)
            continue;
          if (found >= 0)
            return -1;
          found = i;
        }
      if (found >= 0)
        return found;
    }

  return -1;
}

int
tissage_question_find_choice (const char * const *choices,
                              const char         *input)
{
  g_autoptr(TissageChoices) matcher = NULL;

  if (choices == NULL || input == NULL)
    return -1;

  matcher = tissage_choices_new (choices);
  return tissage_choices_find (matcher, input);
}

static gboolean
is_separator (char c)
{
  return c == ';' || c == ',' || c == '\n' || c == '\r';
}

/* Reads the labels of a list such as "Garde d'enfants, Santé" (a form),
 * "Santé; Logement" or one a line (a spreadsheet): at each place, the
 * longest choice that ends at a separator, so that a choice holding a
 * comma stays whole. */
static gboolean
match_label_list (const TissageChoices *choices,
                  const char           *input,
                  gboolean             *chosen,
                  char                **unknown)
{
  g_autofree char *folded = fold (input);
  const char *p = folded;

  while (*p != '\0')
    {
      gsize best_length = 0;
      int best = -1;

      while (*p != '\0' && (is_separator (*p) || g_ascii_isspace (*p)))
        p++;
      if (*p == '\0')
        break;

      for (guint i = 0; i < choices->n; i++)
        {
          const char *label = g_ptr_array_index (choices->folded, i);
          gsize length = strlen (label);
          const char *after = p + length;

          if (length == 0 || length <= best_length || strncmp (p, label, length) != 0)
            continue;
          while (*after == ' ' || *after == '\t')
            after++;
          if (*after == '\0' || is_separator (*after))
            {
              best = i;
              best_length = length;
            }
        }

      if (best < 0)
        {
          const char *end = p;

          while (*end != '\0' && !is_separator (*end))
            end++;
          *unknown = g_strstrip (g_strndup (p, end - p));
          return FALSE;
        }
      chosen[best] = TRUE;
      p += best_length;
    }

  return TRUE;
}

/* KoboToolbox writes the names of the choices, separated by spaces. */
static gboolean
match_name_list (const TissageChoices *choices,
                 const char           *input,
                 gboolean             *chosen)
{
  g_auto(GStrv) names = g_strsplit_set (input, " \t", -1);
  gboolean any = FALSE;

  for (guint i = 0; names[i] != NULL; i++)
    {
      int found;

      if (*names[i] == '\0')
        continue;
      found = tissage_choices_find (choices, names[i]);
      if (found < 0)
        return FALSE;
      chosen[found] = any = TRUE;
    }

  return any;
}

static gboolean
exact_lines (const TissageChoices *choices,
             const char           *input,
             gboolean             *chosen)
{
  const char *line = input;

  while (line != NULL && *line != '\0')
    {
      const char *end = strchr (line, '\n');
      gsize length = end != NULL ? (gsize) (end - line) : strlen (line);
      gboolean found = FALSE;

      for (guint i = 0; i < choices->n && !found; i++)
        if (strlen (choices->labels[i]) == length && strncmp (choices->labels[i], line, length) == 0)
          chosen[i] = found = TRUE;
      if (!found)
        return FALSE;
      line = end != NULL ? end + 1 : NULL;
    }

  return TRUE;
}

gboolean *
tissage_choices_match (const TissageChoices *choices,
                       const char           *input,
                       gboolean              multiple,
                       char                **unknown)
{
  g_autofree gboolean *chosen = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (input != NULL ? input : ""));
  guint n = choices->n;
  int whole;

  g_return_val_if_fail (unknown != NULL, NULL);
  *unknown = NULL;

  chosen = g_new0 (gboolean, n + 1);
  if (*stripped == '\0')
    return g_steal_pointer (&chosen);

  /* As the answer is stored, one label a line: no need to compare loosely. */
  if (multiple && exact_lines (choices, stripped, chosen))
    return g_steal_pointer (&chosen);
  memset (chosen, 0, sizeof (gboolean) * n);

  /* Labels first, the longest at each place; then the whole input named
   * loosely ("mobilite transport"); then a tool's names. */
  if (multiple && n > 0)
    {
      if (match_label_list (choices, stripped, chosen, unknown))
        return g_steal_pointer (&chosen);
      memset (chosen, 0, sizeof (gboolean) * n);
    }

  whole = n > 0 ? tissage_choices_find (choices, stripped) : -1;
  if (whole >= 0)
    {
      g_clear_pointer (unknown, g_free);
      chosen[whole] = TRUE;
      return g_steal_pointer (&chosen);
    }

  if (!multiple || n == 0)
    {
      g_free (*unknown);
      *unknown = g_steal_pointer (&stripped);
      return NULL;
    }

  if (strpbrk (stripped, ";,\n\r") == NULL && match_name_list (choices, stripped, chosen))
    {
      g_clear_pointer (unknown, g_free);
      return g_steal_pointer (&chosen);
    }

  /* The part refused as it was written, not as it was compared. */
  {
    g_auto(GStrv) parts = g_strsplit_set (stripped, ";,\n\r", -1);

    for (guint i = 0; parts[i] != NULL; i++)
      {
        g_autofree char *part = g_strstrip (g_strdup (parts[i]));
        g_autofree char *folded = fold (part);

        if (g_str_equal (folded, *unknown))
          {
            g_free (*unknown);
            *unknown = g_steal_pointer (&part);
            break;
          }
      }
  }

  return NULL;
}

gboolean *
tissage_question_match_choices (const char * const *choices,
                                const char         *input,
                                gboolean            multiple,
                                char              **unknown)
{
  g_autoptr(TissageChoices) matcher = tissage_choices_new (choices);

  return tissage_choices_match (matcher, input, multiple, unknown);
}

static gboolean
parse_yes_no (const char *input,
              double     *value)
{
  static const char * const yes[] = { "oui", "o", "yes", "y", "1", "vrai", "true" };
  static const char * const no[] = { "non", "n", "no", "0", "faux", "false" };
  g_autofree char *folded = fold (input);

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    if (g_str_equal (folded, yes[i]))
      {
        *value = 1;
        return TRUE;
      }
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    if (g_str_equal (folded, no[i]))
      {
        *value = 0;
        return TRUE;
      }

  return FALSE;
}

/* Sets @error to the full message and @reason, when asked, to the brief one
 * (the message itself when NULL); takes both strings. */
static gboolean
refuse_answer (GError **error,
               char   **reason,
               char    *message,
               char    *brief)
{
  g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE, message);
  if (reason != NULL)
    *reason = brief != NULL ? brief : g_steal_pointer (&message);
  else
    g_free (brief);
  g_free (message);
  return FALSE;
}

gboolean
tissage_question_parse_answer (TissageQuestionKind   kind,
                               const char           *title,
                               const char * const   *choices,
                               const char           *input,
                               char                **text,
                               double               *number,
                               gboolean             *empty,
                               GError              **error)
{
  return tissage_question_parse_answer_with_reason (kind, title, choices, input,
                                                    text, number, empty, NULL, error);
}

gboolean
tissage_question_parse_answer_with_reason (TissageQuestionKind   kind,
                                           const char           *title,
                                           const char * const   *choices,
                                           const char           *input,
                                           char                **text,
                                           double               *number,
                                           gboolean             *empty,
                                           char                **reason,
                                           GError              **error)
{
  g_autoptr(TissageChoices) matcher = NULL;

  if (kind == TISSAGE_QUESTION_SINGLE || kind == TISSAGE_QUESTION_MULTIPLE)
    matcher = tissage_choices_new (choices);

  return tissage_question_parse_answer_with_choices (kind, title, matcher, input, text, number, empty,
                                                     reason, error);
}

gboolean
tissage_question_parse_answer_with_choices (TissageQuestionKind   kind,
                                            const char           *title,
                                            const TissageChoices *matcher,
                                            const char           *input,
                                            char                **text,
                                            double               *number,
                                            gboolean             *empty,
                                            char                **reason,
                                            GError              **error)
{
  static const char * const no_choices[] = { NULL };
  g_autofree char *stripped = g_strstrip (g_strdup (input ? input : ""));
  const char * const *choices = matcher != NULL ? tissage_choices_get_labels (matcher) : no_choices;

  if (reason != NULL)
    *reason = NULL;

  *text = NULL;
  *number = NAN;
  *empty = *stripped == '\0';

  if (*empty)
    {
      *text = g_strdup ("");
      return TRUE;
    }

  switch (kind)
    {
    case TISSAGE_QUESTION_OPEN:
      *text = g_strdup (input);
      return TRUE;

    case TISSAGE_QUESTION_SCALE:
      {
        double value;

        if (!tissage_parse_number (stripped, &value) || value != floor (value) ||
            value < TISSAGE_SCALE_MIN || value > TISSAGE_SCALE_MAX)
          {
            return refuse_answer (error, reason,
                                  g_strdup_printf (_("“%s” is not on the scale of “%s”: answer with a whole number from 1 to 5."),
                                                   stripped, title),
                                  g_strdup_printf (_("“%s” is not a whole number from 1 to 5"), stripped));
          }
        *number = value;
        *text = g_strdup ("");
        return TRUE;
      }

    case TISSAGE_QUESTION_YES_NO:
      if (!parse_yes_no (stripped, number))
        {
          return refuse_answer (error, reason,
                                g_strdup_printf (_("“%s” does not answer “%s”: answer yes or no."), stripped, title),
                                g_strdup_printf (_("“%s” is neither yes nor no"), stripped));
        }
      *text = g_strdup ("");
      return TRUE;

    case TISSAGE_QUESTION_SINGLE:
    case TISSAGE_QUESTION_MULTIPLE:
      {
        g_autofree char *unknown = NULL;
        g_autofree gboolean *chosen = NULL;
        g_autoptr(GString) stored = g_string_new (NULL);
        guint n_chosen = 0;

        if (matcher == NULL)
          return refuse_answer (error, reason, g_strdup (_("This question has an unknown kind of answer.")), NULL);
        chosen = tissage_choices_match (matcher, stripped, kind == TISSAGE_QUESTION_MULTIPLE, &unknown);
        if (chosen == NULL)
          {
            g_autofree char *list = g_strjoinv (" ; ", (GStrv) choices);

            return refuse_answer (error, reason,
                                  g_strdup_printf (_("“%s” is not one of the choices of “%s” (%s)."),
                                                   unknown, title, list),
                                  g_strdup_printf (_("“%s” is not one of the choices"), unknown));
          }

        /* Stored in the order of the choices, one a line. */
        for (guint i = 0; choices[i] != NULL; i++)
          if (chosen[i])
            {
              if (n_chosen++ > 0)
                g_string_append_c (stored, '\n');
              g_string_append (stored, choices[i]);
            }

        *empty = n_chosen == 0;
        *text = g_string_free (g_steal_pointer (&stored), FALSE);
        return TRUE;
      }

    case TISSAGE_QUESTION_NUMBER:
      if (!tissage_parse_number (stripped, number))
        {
          return refuse_answer (error, reason,
                                g_strdup_printf (_("“%s” is not a number, and “%s” is answered with a number. Write a number such as 12 or 12,5."),
                                                 stripped, title),
                                g_strdup_printf (_("“%s” is not a number"), stripped));
        }
      *text = g_strdup ("");
      return TRUE;

    case TISSAGE_N_QUESTION_KINDS:
    default:
      break;
    }

  return refuse_answer (error, reason, g_strdup (_("This question has an unknown kind of answer.")), NULL);
}

gboolean
tissage_grid_question_parse_answer (TissageGridQuestion  *question,
                                    const char           *input,
                                    char                **text,
                                    double               *number,
                                    gboolean             *empty,
                                    GError              **error)
{
  g_auto(GStrv) choices = NULL;

  g_return_val_if_fail (TISSAGE_IS_GRID_QUESTION (question), FALSE);

  choices = tissage_grid_question_dup_choices (question);
  return tissage_question_parse_answer (tissage_grid_question_get_kind (question),
                                        tissage_grid_question_get_text (question),
                                        (const char * const *) choices,
                                        input, text, number, empty, error);
}

/* Verbatims follow their text: offsets count characters. */

/* The characters [start, end) of @text, whose length is @length: offsets
 * read from a file may lie outside it or be reversed, and get clamped. */
static char *
substring (const char *text,
           glong       length,
           int         start,
           int         end)
{
  const char *from, *to;

  start = CLAMP (start, 0, length);
  end = CLAMP (end, start, length);
  from = g_utf8_offset_to_pointer (text, start);
  to = g_utf8_offset_to_pointer (from, end - start);

  return g_strndup (from, to - from);
}

/* The start of the occurrence of @quote in @text nearest to @near, or -1. */
static int
find_quote (const char *text,
            const char *quote,
            int         near)
{
  glong offset = 0;
  int best = -1;

  if (quote == NULL || *quote == '\0')
    return -1;

  /* Offsets counted on from the previous match: a text made of one
   * repeated character would otherwise take quadratic time. */
  for (const char *p = strstr (text, quote), *counted = text; p != NULL;
       p = strstr (g_utf8_next_char (p), quote))
    {
      offset += g_utf8_pointer_to_offset (counted, p);
      counted = p;
      if (best < 0 || ABS ((gint64) offset - near) < ABS ((gint64) best - near))
        best = offset;
    }

  return best;
}

static gboolean
relocate_verbatims (TissageDocument  *document,
                    gint64            answer_id,
                    const char       *old_text,
                    const char       *new_text,
                    GError          **error)
{
  g_autoptr(GPtrArray) verbatims = NULL;
  glong old_len = g_utf8_strlen (old_text, -1);
  glong new_len = g_utf8_strlen (new_text, -1);
  glong prefix = 0, suffix = 0;
  const char *a = old_text, *b = new_text;

  verbatims = fetch_where (document, TISSAGE_TYPE_VERBATIM, "answer_id = ?1", answer_id, 0);
  if (verbatims->len == 0)
    return TRUE;

  /* The edit replaced [prefix, old_len - suffix) by [prefix, new_len - suffix). */
  while (*a != '\0' && g_utf8_get_char (a) == g_utf8_get_char (b))
    {
      a = g_utf8_next_char (a);
      b = g_utf8_next_char (b);
      prefix++;
    }
  {
    const char *ea = old_text + strlen (old_text);
    const char *eb = new_text + strlen (new_text);

    while (suffix < old_len - prefix && suffix < new_len - prefix)
      {
        const char *pa = g_utf8_prev_char (ea);
        const char *pb = g_utf8_prev_char (eb);

        if (g_utf8_get_char (pa) != g_utf8_get_char (pb))
          break;
        ea = pa;
        eb = pb;
        suffix++;
      }
  }

  for (guint i = 0; i < verbatims->len; i++)
    {
      TissageVerbatim *verbatim = g_ptr_array_index (verbatims, i);
      const char *quote = tissage_verbatim_get_quote (verbatim);
      /* Offsets written elsewhere may lie past the old text or be reversed:
       * within it they are, so that no sum below overflows. */
      int old_start = CLAMP (tissage_verbatim_get_start (verbatim), 0, old_len);
      int start = old_start;
      int end = CLAMP (tissage_verbatim_get_end (verbatim), start, old_len);
      int length = g_utf8_strlen (quote, -1);
      gboolean lost = FALSE;
      g_autofree char *there = NULL;

      if (start >= old_len - suffix)
        {
          start += new_len - old_len;
          end += new_len - old_len;
        }
      else if (end > prefix)
        start = -1;   /* the edit touched the quote: look for it again */

      if (start >= 0 && end <= new_len)
        there = substring (new_text, new_len, start, end);
      if (there == NULL || g_strcmp0 (there, quote) != 0)
        {
          start = find_quote (new_text, quote, start >= 0 ? start : old_start);
          lost = start < 0;
          if (lost)
            start = MIN (old_start, (int) new_len);
          end = lost ? start : start + length;
        }

      if (!tissage_document_set (document, verbatim, error,
                                 "start", start, "end", end, "lost", lost, NULL))
        return FALSE;
    }

  return TRUE;
}

static void
start_interview (TissageDocument  *document,
                 TissageInterview *interview)
{
  /* The first answer typed in means the interview has begun. */
  if (tissage_interview_get_status (interview) == TISSAGE_STATUS_TODO)
    tissage_document_set (document, interview, NULL, "status", TISSAGE_STATUS_IN_PROGRESS, NULL);
}

/* The last question answered means the interview is over, unless the
 * user already said where it stands ("Terminé" stays, and so does "En
 * cours" chosen once every answer was in: only an answer newly given
 * completes it). */
static void
complete_interview (TissageDocument  *document,
                    TissageInterview *interview)
{
  guint answered = 0, total = 0;

  if (tissage_interview_get_status (interview) == TISSAGE_STATUS_DONE)
    return;

  tissage_document_get_progress (document, interview, &answered, &total);
  if (total > 0 && answered == total)
    tissage_document_set (document, interview, NULL, "status", TISSAGE_STATUS_DONE, NULL);
}

gboolean
tissage_document_set_answer (TissageDocument     *document,
                             TissageInterview    *interview,
                             TissageGridQuestion *question,
                             const char          *input,
                             GError             **error)
{
  g_autoptr(TissageAnswer) existing = NULL;
  g_autoptr(TissageAnswer) created = NULL;
  g_autofree char *text = NULL;
  g_autofree char *old_text = NULL;
  g_autofree char *merge_key = NULL;
  double number;
  gboolean empty;
  guint n_verbatims = 0;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (TISSAGE_IS_INTERVIEW (interview), FALSE);
  g_return_val_if_fail (TISSAGE_IS_GRID_QUESTION (question), FALSE);

  if (tissage_grid_question_get_grid_id (question) != tissage_interview_get_grid_id (interview))
    {
      g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                           _("This question belongs to another interview guide."));
      return FALSE;
    }

  if (!tissage_grid_question_parse_answer (question, input, &text, &number, &empty, error))
    return FALSE;

  existing = tissage_document_get_answer (document, interview, question);
  if (existing == NULL && empty)
    return TRUE;

  if (existing != NULL)
    {
      g_autoptr(GPtrArray) verbatims = tissage_document_list_answer_verbatims (document, existing);

      n_verbatims = verbatims->len;
      old_text = g_strdup (tissage_answer_get_text (existing));
    }

  merge_key = g_strdup_printf ("answer:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                               tissage_record_id (interview), tissage_record_id (question));
  if (!tissage_document_begin (document, _("Edit an answer"), error))
    return FALSE;
  tissage_document_set_merge_key (document, merge_key);

  if (existing == NULL)
    {
      created = tissage_document_insert (document, TISSAGE_TYPE_ANSWER, error,
                                         "interview-id", tissage_record_id (interview),
                                         "question-id", tissage_record_id (question),
                                         "text", text,
                                         "number", number,
                                         NULL);
      if (created == NULL)
        goto failed;
      start_interview (document, interview);
      complete_interview (document, interview);
    }
  else if (empty && n_verbatims == 0)
    {
      if (!tissage_document_delete (document, existing, error))
        goto failed;
    }
  else
    {
      gboolean was_empty = *tissage_answer_get_text (existing) == '\0' &&
                           isnan (tissage_answer_get_number (existing));

      /* An emptied answer that holds verbatims stays, so they can say they are lost. */
      if (!tissage_document_set (document, existing, error, "text", text, "number", number, NULL))
        goto failed;
      if (was_empty && !empty)
        complete_interview (document, interview);
      if (n_verbatims > 0 &&
          !relocate_verbatims (document, tissage_record_id (existing), old_text, text, error))
        goto failed;
    }

  return tissage_document_commit (document, error);

failed:
  tissage_document_rollback (document);
  return FALSE;
}

char *
tissage_answer_dup_display (TissageAnswer       *answer,
                            TissageGridQuestion *question)
{
  double number = tissage_answer_get_number (answer);
  const char *text = tissage_answer_get_text (answer);

  switch (tissage_grid_question_get_kind (question))
    {
    case TISSAGE_QUESTION_SCALE:
      return isnan (number) ? g_strdup ("") : g_strdup_printf ("%.0f", number);
    case TISSAGE_QUESTION_YES_NO:
      return isnan (number) ? g_strdup ("") : g_strdup (number != 0 ? _("Yes") : _("No"));
    case TISSAGE_QUESTION_NUMBER:
      if (isnan (number))
        return g_strdup ("");
      if (number == floor (number) && fabs (number) < 1e15)
        return g_strdup_printf ("%.0f", number);
      /* French decimals take a comma. */
      return g_strdelimit (g_strdup_printf ("%.2f", number), ".", ',');
    case TISSAGE_QUESTION_MULTIPLE:
      {
        g_auto(GStrv) parts = g_strsplit (text, "\n", -1);

        return g_strjoinv (" ; ", parts);
      }
    case TISSAGE_QUESTION_OPEN:
    case TISSAGE_QUESTION_SINGLE:
    case TISSAGE_N_QUESTION_KINDS:
    default:
      return g_strdup (text);
    }
}

static gint64
query_int (TissageDocument *document,
           const char      *sql,
           gint64           key)
{
  sqlite3_stmt *stmt = NULL;
  gint64 result = 0;

  if (sqlite3_prepare_v2 (tissage_document_get_db (document), sql, -1, &stmt, NULL) != SQLITE_OK)
    return 0;
  sqlite3_bind_int64 (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    result = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return result;
}

void
tissage_document_get_progress (TissageDocument  *document,
                               TissageInterview *interview,
                               guint            *answered,
                               guint            *total)
{
  GListModel *questions;
  gint64 grid_id;
  guint n = 0;

  g_return_if_fail (TISSAGE_IS_DOCUMENT (document));
  g_return_if_fail (TISSAGE_IS_INTERVIEW (interview));

  grid_id = tissage_interview_get_grid_id (interview);
  questions = tissage_document_get_records (document, TISSAGE_TYPE_GRID_QUESTION);
  for (guint i = 0; i < g_list_model_get_n_items (questions); i++)
    {
      g_autoptr(TissageGridQuestion) q = g_list_model_get_item (questions, i);

      if (tissage_grid_question_get_grid_id (q) == grid_id && !tissage_grid_question_get_retired (q))
        n++;
    }

  *total = n;
  *answered = query_int (document,
                         "SELECT count (*) FROM answers a JOIN grid_questions q ON q.id = a.question_id"
                         " WHERE a.interview_id = ?1 AND q.retired = 0"
                         " AND (a.text <> '' OR a.number IS NOT NULL)",
                         tissage_record_id (interview));
}

guint
tissage_document_count_answers (TissageDocument     *document,
                                TissageGridQuestion *question)
{
  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), 0);
  g_return_val_if_fail (TISSAGE_IS_GRID_QUESTION (question), 0);

  return query_int (document, "SELECT count (*) FROM answers WHERE question_id = ?1", tissage_record_id (question));
}

gboolean
tissage_document_remove_question (TissageDocument     *document,
                                  TissageGridQuestion *question,
                                  gboolean            *retired,
                                  GError             **error)
{
  gboolean has_answers;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (TISSAGE_IS_GRID_QUESTION (question), FALSE);

  has_answers = tissage_document_count_answers (document, question) > 0;
  if (retired != NULL)
    *retired = has_answers;

  if (has_answers)
    return tissage_document_set (document, question, error, "retired", TRUE, NULL);

  return tissage_document_delete (document, question, error);
}

/* Inserts a copy of @record with the columns @names replaced by @values. */
static gpointer
copy_record (TissageDocument  *document,
             gpointer          record,
             guint             n_overrides,
             const char      **names,
             const GValue     *overrides,
             GError          **error)
{
  TissageRecordClass *klass = TISSAGE_RECORD_GET_CLASS (record);
  g_autofree const char **all_names = g_new0 (const char *, klass->n_columns + 1);
  GValue *values = g_new0 (GValue, klass->n_columns + 1);
  gpointer copy;

  for (guint c = 0; c < klass->n_columns; c++)
    {
      const GValue *given = NULL;

      all_names[c] = klass->columns[c]->name;
      for (guint i = 0; i < n_overrides; i++)
        if (g_str_equal (names[i], all_names[c]))
          given = &overrides[i];

      g_value_init (&values[c], klass->columns[c]->value_type);
      g_value_copy (given != NULL ? given : tissage_record_peek_column (record, c + 1), &values[c]);
    }

  copy = tissage_document_insert_values (document, G_OBJECT_TYPE (record), klass->n_columns,
                                         all_names, values, error);

  for (guint c = 0; c < klass->n_columns; c++)
    g_value_unset (&values[c]);
  g_free (values);

  return copy;
}

static gpointer
copy_with_key (TissageDocument  *document,
               gpointer          record,
               const char       *name,
               gint64            key,
               GError          **error)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_INT64);
  g_value_set_int64 (&value, key);

  return copy_record (document, record, 1, &name, &value, error);
}

/* Copies the rows of @type whose @column is a key of @map (old → new id). */
static gboolean
copy_children (TissageDocument  *document,
               GType             type,
               const char       *column,
               GHashTable       *map,
               GHashTable       *new_map,
               GError          **error)
{
  GListModel *model = tissage_document_get_records (document, type);
  guint n = g_list_model_get_n_items (model);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  /* The model grows while copying: take the originals first. */
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (model, i));

  for (guint i = 0; i < items->len; i++)
    {
      gpointer item = g_ptr_array_index (items, i);
      gint64 parent = 0;
      gpointer target;
      g_autoptr(TissageRecord) copy = NULL;

      g_object_get (item, column, &parent, NULL);
      target = g_hash_table_lookup (map, &parent);
      if (target == NULL)
        continue;

      copy = copy_with_key (document, item, column, *(gint64 *) target, error);
      if (copy == NULL)
        return FALSE;

      if (new_map != NULL)
        {
          gint64 *old_id = g_new (gint64, 1);
          gint64 *new_id = g_new (gint64, 1);

          *old_id = tissage_record_id (item);
          *new_id = tissage_record_id (copy);
          g_hash_table_insert (new_map, old_id, new_id);
        }
    }

  return TRUE;
}

static GHashTable *
id_map_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

TissageGrid *
tissage_document_duplicate_grid (TissageDocument  *document,
                                 TissageGrid      *grid,
                                 GError          **error)
{
  g_autoptr(GHashTable) grids = id_map_new ();
  g_autoptr(GHashTable) sections = id_map_new ();
  g_autoptr(GHashTable) questions = id_map_new ();
  g_autoptr(TissageGrid) copy = NULL;
  g_autofree char *title = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  const char *name = "title";
  gint64 *old_id, *new_id;
  GListModel *all_questions;
  guint n;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (TISSAGE_IS_GRID (grid), NULL);

  if (!tissage_document_begin (document, _("Duplicate an interview guide"), error))
    return NULL;

  title = g_strdup_printf (_("%s (copy)"), tissage_grid_get_title (grid));
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, title);
  copy = copy_record (document, grid, 1, &name, &value, error);
  if (copy == NULL)
    goto failed;

  old_id = g_new (gint64, 1);
  new_id = g_new (gint64, 1);
  *old_id = tissage_record_id (grid);
  *new_id = tissage_record_id (copy);
  g_hash_table_insert (grids, old_id, new_id);

  if (!copy_children (document, TISSAGE_TYPE_GRID_CATEGORY, "grid-id", grids, NULL, error) ||
      !copy_children (document, TISSAGE_TYPE_GRID_SECTION, "grid-id", grids, sections, error) ||
      !copy_children (document, TISSAGE_TYPE_GRID_QUESTION, "grid-id", grids, questions, error))
    goto failed;

  /* The copied questions point to the copied sections. */
  all_questions = tissage_document_get_records (document, TISSAGE_TYPE_GRID_QUESTION);
  n = g_list_model_get_n_items (all_questions);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TissageGridQuestion) q = g_list_model_get_item (all_questions, i);
      gint64 section = tissage_grid_question_get_section_id (q);
      gint64 *moved = g_hash_table_lookup (sections, &section);

      if (tissage_grid_question_get_grid_id (q) == tissage_record_id (copy) && moved != NULL &&
          !tissage_document_set (document, q, error, "section-id", *moved, NULL))
        goto failed;
    }

  if (!copy_children (document, TISSAGE_TYPE_QUESTION_EFFECT, "question-id", questions, NULL, error) ||
      !copy_children (document, TISSAGE_TYPE_QUESTION_INDICATOR, "question-id", questions, NULL, error) ||
      !tissage_document_commit (document, error))
    goto failed;

  return g_steal_pointer (&copy);

failed:
  tissage_document_rollback (document);
  return NULL;
}

/* Full-text search */

/* Each word becomes a quoted prefix query, so user text is never syntax. */
static GPtrArray *
search_terms (const char *text)
{
  g_autoptr(GPtrArray) terms = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) word = g_string_new (NULL);

  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_isalnum (c))
        g_string_append_unichar (word, c);
      else
        {
          if (word->len > 0)
            g_ptr_array_add (terms, g_strdup_printf ("\"%s\"*", word->str));
          g_string_truncate (word, 0);
        }
      if (c == 0)
        break;
    }

  return g_steal_pointer (&terms);
}

GArray *
tissage_document_search_interviews (TissageDocument  *document,
                                    const char       *text,
                                    GError          **error)
{
  g_autoptr(GPtrArray) terms = NULL;
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *query = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), NULL);

  terms = search_terms (text != NULL ? text : "");
  if (terms->len == 0)
    return g_steal_pointer (&ids);

  /* One entry an interview: every word somewhere in its answers. */
  g_string_append (sql, "SELECT rowid FROM interviews_fts WHERE interviews_fts MATCH ?1");
  g_string_append (sql, " ORDER BY rowid");

  if (sqlite3_prepare_v2 (tissage_document_get_db (document), sql->str, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_FAILED,
                   _("The search could not run: %s"), sqlite3_errmsg (tissage_document_get_db (document)));
      return NULL;
    }
  g_ptr_array_add (terms, NULL);
  query = g_strjoinv (" ", (char **) terms->pdata);
  sqlite3_bind_text (stmt, 1, query, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_FAILED,
                   _("The search could not run: %s"), sqlite3_errmsg (tissage_document_get_db (document)));
      return NULL;
    }

  return g_steal_pointer (&ids);
}

/* Verbatims */

static gboolean
insert_tags (TissageDocument  *document,
             gint64            verbatim_id,
             const gint64     *effect_ids,
             guint             n_effects,
             GError          **error)
{
  for (guint i = 0; i < n_effects; i++)
    {
      g_autoptr(TissageVerbatimTag) tag =
        tissage_document_insert (document, TISSAGE_TYPE_VERBATIM_TAG, error,
                                 "verbatim-id", verbatim_id, "effect-id", effect_ids[i], NULL);
      if (tag == NULL)
        return FALSE;
    }

  return TRUE;
}

TissageVerbatim *
tissage_document_add_verbatim (TissageDocument  *document,
                               TissageAnswer    *answer,
                               int               start,
                               int               end,
                               TissageTone       tone,
                               const gint64     *effect_ids,
                               guint             n_effects,
                               GError          **error)
{
  g_autoptr(TissageVerbatim) verbatim = NULL;
  g_autofree char *quote = NULL;
  g_autofree char *trimmed = NULL;
  const char *text;
  int length;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (TISSAGE_IS_ANSWER (answer), NULL);

  text = tissage_answer_get_text (answer);
  length = g_utf8_strlen (text, -1);
  if (start < 0 || end > length || start >= end)
    {
      g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                           _("Select the words of the answer to keep as a verbatim."));
      return NULL;
    }

  /* Spaces around a selection are not part of the quote. */
  while (start < end && g_unichar_isspace (g_utf8_get_char (g_utf8_offset_to_pointer (text, start))))
    start++;
  while (end > start && g_unichar_isspace (g_utf8_get_char (g_utf8_offset_to_pointer (text, end - 1))))
    end--;
  quote = substring (text, length, start, end);
  trimmed = g_strstrip (g_strdup (quote));
  if (*trimmed == '\0')
    {
      g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                           _("Select the words of the answer to keep as a verbatim."));
      return NULL;
    }

  if (!tissage_document_begin (document, _("Mark a verbatim"), error))
    return NULL;

  verbatim = tissage_document_insert (document, TISSAGE_TYPE_VERBATIM, error,
                                      "answer-id", tissage_record_id (answer),
                                      "start", start, "end", end, "quote", quote,
                                      "tone", (int) tone, NULL);
  if (verbatim == NULL ||
      !insert_tags (document, tissage_record_id (verbatim), effect_ids, n_effects, error) ||
      !tissage_document_commit (document, error))
    {
      tissage_document_rollback (document);
      return NULL;
    }

  return g_steal_pointer (&verbatim);
}

gboolean
tissage_document_set_verbatim_effects (TissageDocument  *document,
                                       TissageVerbatim  *verbatim,
                                       const gint64     *effect_ids,
                                       guint             n_effects,
                                       GError          **error)
{
  g_autoptr(GPtrArray) tags = NULL;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (TISSAGE_IS_VERBATIM (verbatim), FALSE);

  tags = fetch_where (document, TISSAGE_TYPE_VERBATIM_TAG, "verbatim_id = ?1", tissage_record_id (verbatim), 0);

  if (!tissage_document_begin (document, _("Edit the tags of a verbatim"), error))
    return FALSE;

  for (guint i = 0; i < tags->len; i++)
    if (!tissage_document_delete (document, g_ptr_array_index (tags, i), error))
      goto failed;
  if (!insert_tags (document, tissage_record_id (verbatim), effect_ids, n_effects, error))
    goto failed;

  return tissage_document_commit (document, error);

failed:
  tissage_document_rollback (document);
  return FALSE;
}

GPtrArray *
tissage_document_list_answer_verbatims (TissageDocument *document,
                                        TissageAnswer   *answer)
{
  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (TISSAGE_IS_ANSWER (answer), NULL);

  return fetch_where (document, TISSAGE_TYPE_VERBATIM, "answer_id = ?1", tissage_record_id (answer), 0);
}

GArray *
tissage_document_dup_verbatim_effects (TissageDocument *document,
                                       TissageVerbatim *verbatim)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), ids);
  g_return_val_if_fail (TISSAGE_IS_VERBATIM (verbatim), ids);

  if (sqlite3_prepare_v2 (tissage_document_get_db (document),
                          "SELECT effect_id FROM verbatim_tags WHERE verbatim_id = ? ORDER BY id",
                          -1, &stmt, NULL) != SQLITE_OK)
    return ids;
  sqlite3_bind_int64 (stmt, 1, tissage_record_id (verbatim));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);

  return ids;
}

void
tissage_verbatim_info_free (TissageVerbatimInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->quote);
  g_free (info->date);
  g_free (info->interviewee);
  g_clear_pointer (&info->effect_ids, g_array_unref);
  g_free (info);
}

/* Case and accents aside: "reunion" finds "Réunion". */
static char *
fold_accents (const char *text)
{
  g_autofree char *folded = fold (text);

  return g_str_to_ascii (folded, "C");
}

static gboolean
text_contains_words (const char *haystack,
                     GStrv       words)
{
  g_autofree char *folded = fold_accents (haystack);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0' && strstr (folded, words[i]) == NULL)
      return FALSE;

  return TRUE;
}

GPtrArray *
tissage_document_list_verbatims (TissageDocument            *document,
                                 const TissageVerbatimQuery *query)
{
  static const char sql[] =
    "SELECT v.id, v.answer_id, a.interview_id, a.question_id, v.quote, v.tone, v.lost,"
    " coalesce (s.category_id, iv.category_id, 0), ifnull (iv.structure_id, 0),"
    " coalesce (iv.person_structure_id, s.structure_id, 0), iv.date,"
    " (SELECT group_concat (effect_id) FROM verbatim_tags t WHERE t.verbatim_id = v.id)"
    " FROM verbatims v JOIN answers a ON a.id = v.answer_id"
    " JOIN interviews iv ON iv.id = a.interview_id"
    " LEFT JOIN grid_questions q ON q.id = a.question_id"
    " LEFT JOIN stakeholders s ON s.id = iv.stakeholder_id"
    " WHERE (?2 = 0 OR coalesce (s.category_id, iv.category_id) = ?2)"
    " AND (?3 = 0 OR iv.structure_id = ?3 OR coalesce (nullif (iv.person_structure_id, 0), s.structure_id) = ?3)"
    " AND (?4 < 0 OR v.tone = ?4)"
    " AND (?5 IS NULL OR iv.date BETWEEN ?5 AND ?6)";
  /* The quotes of one effect are found from its tags, by index, rather
   * than by reading every quote. */
  static const char effect_sql[] =
    " AND v.id IN (SELECT verbatim_id FROM verbatim_tags WHERE effect_id = ?1)";
  static const char order_sql[] = " ORDER BY iv.date, iv.id, q.position, q.id, v.start, v.id";
  g_autofree char *full_sql = NULL;
  TissageVerbatimQuery defaults = TISSAGE_VERBATIM_QUERY_INIT;
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) tissage_verbatim_info_free);
  g_auto(GStrv) words = NULL;
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), NULL);

  if (query == NULL)
    query = &defaults;
  if (query->text != NULL && *query->text != '\0')
    {
      g_autofree char *folded = fold_accents (query->text);

      words = g_strsplit_set (folded, " \t\n", -1);
    }

  full_sql = g_strconcat (sql, query->effect_id != 0 ? effect_sql : "", order_sql, NULL);
  if (sqlite3_prepare_v2 (tissage_document_get_db (document), full_sql, -1, &stmt, NULL) != SQLITE_OK)
    return g_steal_pointer (&result);
  sqlite3_bind_int64 (stmt, 1, query->effect_id);
  sqlite3_bind_int64 (stmt, 2, query->category_id);
  sqlite3_bind_int64 (stmt, 3, query->structure_id);
  sqlite3_bind_int (stmt, 4, query->tone);
  if (query->from != NULL && query->to != NULL && *query->from != '\0' && *query->to != '\0')
    {
      sqlite3_bind_text (stmt, 5, query->from, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, query->to, -1, SQLITE_TRANSIENT);
    }

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *quote = tissage_sql_dup_text (stmt, 4);
      const char *tags = (const char *) sqlite3_column_text (stmt, 11);
      TissageVerbatimInfo *info;
      TissageInterview *interview;

      if (words != NULL && !text_contains_words (quote, words))
        continue;

      info = g_new0 (TissageVerbatimInfo, 1);
      info->id = sqlite3_column_int64 (stmt, 0);
      info->answer_id = sqlite3_column_int64 (stmt, 1);
      info->interview_id = sqlite3_column_int64 (stmt, 2);
      info->question_id = sqlite3_column_int64 (stmt, 3);
      info->quote = g_steal_pointer (&quote);
      info->tone = tissage_sql_enum (stmt, 5, TISSAGE_N_TONES, TISSAGE_TONE_NEUTRAL);
      info->lost = sqlite3_column_int64 (stmt, 6) != 0;
      info->category_id = sqlite3_column_int64 (stmt, 7);
      info->structure_id = sqlite3_column_int64 (stmt, 8);
      info->person_structure_id = sqlite3_column_int64 (stmt, 9);
      info->date = tissage_sql_dup_text (stmt, 10);
      info->effect_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      if (tags != NULL)
        {
          g_auto(GStrv) parts = g_strsplit (tags, ",", -1);

          for (guint i = 0; parts[i] != NULL; i++)
            {
              gint64 id = g_ascii_strtoll (parts[i], NULL, 10);
              g_array_append_val (info->effect_ids, id);
            }
        }

      interview = tissage_document_lookup (document, TISSAGE_TYPE_INTERVIEW, info->interview_id);
      info->interviewee = interview != NULL
        ? tissage_document_dup_interviewee (document, interview, query->pseudonymise)
        : g_strdup ("");

      g_ptr_array_add (result, info);
    }
  sqlite3_finalize (stmt);

  return g_steal_pointer (&result);
}

GHashTable *
tissage_document_count_verbatims_by_effect (TissageDocument *document)
{
  GHashTable *counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), counts);

  if (sqlite3_prepare_v2 (tissage_document_get_db (document),
                          "SELECT effect_id, count (*) FROM verbatim_tags GROUP BY effect_id",
                          -1, &stmt, NULL) != SQLITE_OK)
    return counts;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 *key = g_new (gint64, 1);

      *key = sqlite3_column_int64 (stmt, 0);
      g_hash_table_insert (counts, key, GUINT_TO_POINTER ((guint) sqlite3_column_int64 (stmt, 1)));
    }
  sqlite3_finalize (stmt);

  return counts;
}

guint
tissage_document_count_verbatims (TissageDocument *document)
{
  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), 0);

  return query_int (document, "SELECT count (*) FROM verbatims", 0);
}

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

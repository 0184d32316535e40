/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <gio/gio.h>

#include "tissage-privacy.h"
#include "tissage-record.h"

G_BEGIN_DECLS

typedef enum {
  TISSAGE_QUESTION_OPEN,
  TISSAGE_QUESTION_SCALE,      /* 1 to 5 */
  TISSAGE_QUESTION_YES_NO,
  TISSAGE_QUESTION_SINGLE,     /* one of the choices */
  TISSAGE_QUESTION_MULTIPLE,   /* several of the choices */
  TISSAGE_QUESTION_NUMBER,
  TISSAGE_N_QUESTION_KINDS
} TissageQuestionKind;

typedef enum {
  TISSAGE_MODE_FACE_TO_FACE,
  TISSAGE_MODE_PHONE,
  TISSAGE_MODE_VIDEO,
  TISSAGE_MODE_GROUP,
  TISSAGE_N_MODES
} TissageInterviewMode;

typedef enum {
  TISSAGE_STATUS_TODO,
  TISSAGE_STATUS_IN_PROGRESS,
  TISSAGE_STATUS_DONE,
  TISSAGE_N_STATUSES
} TissageInterviewStatus;

typedef enum {
  TISSAGE_TONE_POSITIVE,
  TISSAGE_TONE_NEGATIVE,
  TISSAGE_TONE_NEUTRAL,
  TISSAGE_N_TONES
} TissageTone;

#define TISSAGE_SCALE_MIN 1
#define TISSAGE_SCALE_MAX 5

#define TISSAGE_TYPE_GRID (tissage_grid_get_type ())
G_DECLARE_FINAL_TYPE (TissageGrid, tissage_grid, TISSAGE, GRID, TissageRecord)
#define TISSAGE_TYPE_GRID_CATEGORY (tissage_grid_category_get_type ())
G_DECLARE_FINAL_TYPE (TissageGridCategory, tissage_grid_category, TISSAGE, GRID_CATEGORY, TissageRecord)
#define TISSAGE_TYPE_GRID_SECTION (tissage_grid_section_get_type ())
G_DECLARE_FINAL_TYPE (TissageGridSection, tissage_grid_section, TISSAGE, GRID_SECTION, TissageRecord)
#define TISSAGE_TYPE_GRID_QUESTION (tissage_grid_question_get_type ())
G_DECLARE_FINAL_TYPE (TissageGridQuestion, tissage_grid_question, TISSAGE, GRID_QUESTION, TissageRecord)
#define TISSAGE_TYPE_QUESTION_EFFECT (tissage_question_effect_get_type ())
G_DECLARE_FINAL_TYPE (TissageQuestionEffect, tissage_question_effect, TISSAGE, QUESTION_EFFECT, TissageRecord)
#define TISSAGE_TYPE_QUESTION_INDICATOR (tissage_question_indicator_get_type ())
G_DECLARE_FINAL_TYPE (TissageQuestionIndicator, tissage_question_indicator, TISSAGE, QUESTION_INDICATOR, TissageRecord)
#define TISSAGE_TYPE_INTERVIEW (tissage_interview_get_type ())
G_DECLARE_FINAL_TYPE (TissageInterview, tissage_interview, TISSAGE, INTERVIEW, TissageRecord)
#define TISSAGE_TYPE_ANSWER (tissage_answer_get_type ())
G_DECLARE_FINAL_TYPE (TissageAnswer, tissage_answer, TISSAGE, ANSWER, TissageRecord)
#define TISSAGE_TYPE_VERBATIM (tissage_verbatim_get_type ())
G_DECLARE_FINAL_TYPE (TissageVerbatim, tissage_verbatim, TISSAGE, VERBATIM, TissageRecord)
#define TISSAGE_TYPE_VERBATIM_TAG (tissage_verbatim_tag_get_type ())
G_DECLARE_FINAL_TYPE (TissageVerbatimTag, tissage_verbatim_tag, TISSAGE, VERBATIM_TAG, TissageRecord)

const char         *tissage_grid_get_title               (TissageGrid         *self);
gint64              tissage_grid_category_get_grid_id    (TissageGridCategory *self);
gint64              tissage_grid_category_get_category_id (TissageGridCategory *self);
gint64              tissage_grid_section_get_grid_id     (TissageGridSection  *self);
const char         *tissage_grid_section_get_title       (TissageGridSection  *self);
int                 tissage_grid_section_get_position    (TissageGridSection  *self);
gint64              tissage_grid_question_get_grid_id    (TissageGridQuestion *self);
gint64              tissage_grid_question_get_section_id (TissageGridQuestion *self);
TissageQuestionKind tissage_grid_question_get_kind       (TissageGridQuestion *self);
const char         *tissage_grid_question_get_text       (TissageGridQuestion *self);
const char         *tissage_grid_question_get_guidance   (TissageGridQuestion *self);
gboolean            tissage_grid_question_get_retired    (TissageGridQuestion *self);
int                 tissage_grid_question_get_position   (TissageGridQuestion *self);
/* The choices of a choice question, one a line in the "choices" column. */
GStrv               tissage_grid_question_dup_choices    (TissageGridQuestion *self);
/*
 * Where a question comes in its guide, as the interview editor and the
 * workbook list them: the questions outside any section first, then each
 * section by its position, its questions by theirs; ids settle ties.
 * Wide, so that positions from a file, which may be extreme, compare
 * without overflowing.
 */
typedef struct
{
  gint64 section_rank;   /* 0 outside any section, else its position + 1 */
  gint64 section_id;     /* 0 outside any section */
  gint64 position;
  gint64 id;
} TissageQuestionPlace;

void                tissage_question_place_init          (TissageQuestionPlace       *place,
                                                          TissageGridSection         *section,
                                                          TissageGridQuestion        *question);
void                tissage_question_place_set           (TissageQuestionPlace       *place,
                                                          gboolean                    in_section,
                                                          gint64                      section_position,
                                                          gint64                      section_id,
                                                          gint64                      position,
                                                          gint64                      id);
int                 tissage_question_place_compare       (const TissageQuestionPlace *a,
                                                          const TissageQuestionPlace *b);

gint64              tissage_question_effect_get_question_id (TissageQuestionEffect *self);
gint64              tissage_question_effect_get_effect_id   (TissageQuestionEffect *self);
gint64              tissage_question_indicator_get_question_id  (TissageQuestionIndicator *self);
gint64              tissage_question_indicator_get_indicator_id (TissageQuestionIndicator *self);

gint64              tissage_interview_get_grid_id        (TissageInterview    *self);
gint64              tissage_interview_get_stakeholder_id (TissageInterview    *self);
gint64              tissage_interview_get_category_id    (TissageInterview    *self);
gint64              tissage_interview_get_structure_id   (TissageInterview    *self);
gint64              tissage_interview_get_person_structure_id (TissageInterview *self);
const char         *tissage_interview_get_pseudonym      (TissageInterview    *self);
const char         *tissage_interview_get_date           (TissageInterview    *self);
TissageInterviewStatus tissage_interview_get_status      (TissageInterview    *self);

gint64              tissage_answer_get_interview_id      (TissageAnswer       *self);
gint64              tissage_answer_get_question_id       (TissageAnswer       *self);
const char         *tissage_answer_get_text              (TissageAnswer       *self);
/* NaN when the answer holds no number. */
double              tissage_answer_get_number            (TissageAnswer       *self);

gint64              tissage_verbatim_get_answer_id       (TissageVerbatim     *self);
int                 tissage_verbatim_get_start           (TissageVerbatim     *self);
int                 tissage_verbatim_get_end             (TissageVerbatim     *self);
const char         *tissage_verbatim_get_quote           (TissageVerbatim     *self);
TissageTone         tissage_verbatim_get_tone            (TissageVerbatim     *self);
gboolean            tissage_verbatim_get_lost            (TissageVerbatim     *self);

const char *tissage_question_kind_to_label     (TissageQuestionKind    kind);
const char *tissage_interview_mode_to_label    (TissageInterviewMode   mode);
const char *tissage_interview_status_to_label  (TissageInterviewStatus status);
const char *tissage_tone_to_label              (TissageTone            tone);

G_END_DECLS

G_BEGIN_DECLS

typedef struct _TissageDocument TissageDocument;

/* The interviewee as reports show them: "Personne interrogée 12" when
 * @pseudonymise and they are a person (organisations keep their names),
 * else the stakeholder's name or the pseudonym typed in. */
char      *tissage_document_dup_interviewee   (TissageDocument  *document,
                                               TissageInterview *interview,
                                               gboolean          pseudonymise);
char      *tissage_interviewee_label          (gint64            interview_id,
                                               const char       *stakeholder_name,
                                               const char       *pseudonym,
                                               gboolean          pseudonymise);

/* Answers are not kept in memory: these read them from the file. */
GPtrArray *tissage_document_list_answers      (TissageDocument  *document,
                                               TissageInterview *interview);
TissageAnswer *tissage_document_get_answer    (TissageDocument     *document,
                                               TissageInterview    *interview,
                                               TissageGridQuestion *question);

/*
 * Saves an answer as the user typed it, checked against the kind of the
 * question: any text for an open question, 1 to 5 for a scale, "oui" or
 * "non" for yes/no, one of the choices (several, one a line or separated
 * by ";" or ",", or a survey tool's names of them: see
 * tissage_question_match_choices()) for a choice question, a French number for a number. An empty
 * input clears the answer. Typing in one answer makes one undo step.
 * Verbatims marked in an open answer follow their text when it moves,
 * and are marked lost when their text is gone. Refused with a French
 * message otherwise.
 */
gboolean   tissage_document_set_answer        (TissageDocument     *document,
                                               TissageInterview    *interview,
                                               TissageGridQuestion *question,
                                               const char          *input,
                                               GError             **error);
/*
 * Converts what the user typed into the (text, number) an answer of this
 * kind stores, as tissage_document_set_answer() does, without writing:
 * *empty tells that the input clears the answer. @choices are the choices
 * of a choice question. Needs no document, so it can run in any thread.
 */
gboolean   tissage_question_parse_answer      (TissageQuestionKind   kind,
                                               const char           *title,
                                               const char * const   *choices,
                                               const char           *input,
                                               char                **text,
                                               double               *number,
                                               gboolean             *empty,
                                               GError              **error);
/*
 * The same, telling on refusal also a brief @reason (newly allocated;
 * NULL to skip it) that does not name the question, for a place that
 * already names it, such as a column of an imported file.
 */
gboolean   tissage_question_parse_answer_with_reason (TissageQuestionKind   kind,
                                                      const char           *title,
                                                      const char * const   *choices,
                                                      const char           *input,
                                                      char                **text,
                                                      double               *number,
                                                      gboolean             *empty,
                                                      char                **reason,
                                                      GError              **error);
/*
 * Which of @choices @input names: the whole input as one label, whatever
 * its case; labels separated by ";", line breaks or "," (longest first, so
 * that a choice may hold a comma, as online forms write them); or, for
 * @multiple, the names a survey tool gives the choices ("garde_enfants
 * sante"). Returns: (array length=n_choices): whether each choice is
 * chosen, all %FALSE for an empty input; %NULL with the first part that
 * names no choice in @unknown.
 */
/*
 * The choices of a question made ready to be matched many times, as an
 * import does for every line: the comparisons are prepared once.
 */
typedef struct _TissageChoices TissageChoices;

TissageChoices *tissage_choices_new        (const char * const   *labels);
void        tissage_choices_free           (TissageChoices       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TissageChoices, tissage_choices_free)
const char * const *tissage_choices_get_labels (const TissageChoices *self);
int         tissage_choices_find           (const TissageChoices *self,
                                            const char           *input);
gboolean   *tissage_choices_match          (const TissageChoices *self,
                                            const char           *input,
                                            gboolean              multiple,
                                            char                **unknown);
/* tissage_question_parse_answer_with_reason() with prepared choices. */
gboolean    tissage_question_parse_answer_with_choices (TissageQuestionKind   kind,
                                                        const char           *title,
                                                        const TissageChoices *choices,
                                                        const char           *input,
                                                        char                **text,
                                                        double               *number,
                                                        gboolean             *empty,
                                                        char                **reason,
                                                        GError              **error);

/* The index of the choice @input names, as a label whatever its case or as
 * a survey tool's name for it ("garde_enfants"); -1 for none, or several. */
int        tissage_question_find_choice       (const char * const   *choices,
                                               const char           *input);
gboolean  *tissage_question_match_choices     (const char * const   *choices,
                                               const char           *input,
                                               gboolean              multiple,
                                               char                **unknown);
gboolean   tissage_grid_question_parse_answer (TissageGridQuestion  *question,
                                               const char           *input,
                                               char                **text,
                                               double               *number,
                                               gboolean             *empty,
                                               GError              **error);
/* The answer as the user reads it ("Oui", "4 — Tout à fait", "A ; B"). */
char      *tissage_answer_dup_display         (TissageAnswer       *answer,
                                               TissageGridQuestion *question);

/* How many of @interview's grid questions (retired ones aside) it answers. */
void       tissage_document_get_progress      (TissageDocument  *document,
                                               TissageInterview *interview,
                                               guint            *answered,
                                               guint            *total);
/* Whether the progress of @interview is known without counting it. */
gboolean   tissage_document_has_progress      (TissageDocument  *document,
                                               TissageInterview *interview);
/* Counts at once, for tissage_document_get_progress(), the answers of
 * those of @interviews (TissageInterview) not counted yet: the rows a list
 * shows. */
void       tissage_document_prefetch_progress (TissageDocument  *document,
                                               GPtrArray        *interviews);
/* The interview the answer of @answer_id belongs to; 0 once it is gone. */
gint64     tissage_document_get_answer_interview_id (TissageDocument *document,
                                                     gint64           answer_id);
guint      tissage_document_count_answers     (TissageDocument     *document,
                                               TissageGridQuestion *question);

/* A question with answers is retired, not erased: its answers stay. Returns
 * whether the question was retired (%TRUE in *retired) or deleted. */
gboolean   tissage_document_remove_question   (TissageDocument     *document,
                                               TissageGridQuestion *question,
                                               gboolean            *retired,
                                               GError             **error);
/* Copies a grid with its categories, sections, questions and their links,
 * as one undoable edit. */
TissageGrid *tissage_document_duplicate_grid  (TissageDocument  *document,
                                               TissageGrid      *grid,
                                               GError          **error);

/* Full-text search of the answers: ids of the interviews whose answers
 * hold every word of @text (word starts, accents ignored), in id order. */
GArray    *tissage_document_search_interviews (TissageDocument  *document,
                                               const char       *text,
                                               GError          **error);

/* Verbatims: @start and @end count characters of the answer's text. */
TissageVerbatim *tissage_document_add_verbatim (TissageDocument *document,
                                                TissageAnswer   *answer,
                                                int              start,
                                                int              end,
                                                TissageTone      tone,
                                                const gint64    *effect_ids,
                                                guint            n_effects,
                                                GError         **error);
gboolean   tissage_document_set_verbatim_effects (TissageDocument *document,
                                                  TissageVerbatim *verbatim,
                                                  const gint64    *effect_ids,
                                                  guint            n_effects,
                                                  GError         **error);
GPtrArray *tissage_document_list_answer_verbatims (TissageDocument *document,
                                                   TissageAnswer   *answer);
/* The verbatims of all the answers of @interview, in one reading. */
GPtrArray *tissage_document_list_interview_verbatims (TissageDocument  *document,
                                                      TissageInterview *interview);
GArray    *tissage_document_dup_verbatim_effects (TissageDocument *document,
                                                  TissageVerbatim *verbatim);

/* One quote with what the browser, the synthesis and the export show. */
typedef struct {
  gint64       id;
  gint64       answer_id;
  gint64       interview_id;
  gint64       question_id;
  char        *quote;
  TissageTone  tone;
  gboolean     lost;
  gint64       category_id;    /* of the interviewee; 0 if unknown */
  gint64       structure_id;   /* the member structure that held it */
  gint64       person_structure_id;
  char        *date;
  char        *interviewee;    /* as dup_interviewee() gives it */
  GArray      *effect_ids;     /* gint64 */
} TissageVerbatimInfo;

void       tissage_verbatim_info_free         (TissageVerbatimInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TissageVerbatimInfo, tissage_verbatim_info_free)

typedef struct {
  gint64      effect_id;       /* 0: any */
  gint64      category_id;     /* 0: any */
  gint64      structure_id;    /* 0: any; held by or attached to */
  int         tone;            /* -1: any */
  const char *text;            /* NULL: any; words of the quote */
  gboolean    pseudonymise;
  const char *from;            /* NULL: any; with @to, the dates of the */
  const char *to;              /* interviews (YYYY-MM-DD), as a period's */
} TissageVerbatimQuery;

#define TISSAGE_VERBATIM_QUERY_INIT { 0, 0, 0, -1, NULL, TRUE, NULL, NULL }

/* Returns: (element-type TissageVerbatimInfo): quotes in interview order. */
GPtrArray  *tissage_document_list_verbatims   (TissageDocument            *document,
                                               const TissageVerbatimQuery *query);
/* Returns: effect id (gint64 *) → count (GUINT_TO_POINTER) of its quotes. */
GHashTable *tissage_document_count_verbatims_by_effect (TissageDocument *document);
guint       tissage_document_count_verbatims  (TissageDocument *document);

/*
 * Indicator values computed from the answers to the closed questions
 * linked to them, per period (interviews dated within it) and structure
 * (the one that held the interview; 0 for the whole collective): the mean
 * of a scale or number, the share of 4–5 on a scale when the indicator
 * counts in %, the share of "oui", the share of the first choice of a
 * choice question, with the distribution of every choice.
 */
typedef enum {
  TISSAGE_COMPUTED_MEAN,
  TISSAGE_COMPUTED_SHARE,
} TissageComputedKind;

typedef struct {
  gint64              indicator_id;
  gint64              period_id;
  gint64              structure_id;
  TissageComputedKind kind;
  double              value;       /* a mean, or a share in % */
  guint               n_answers;
  guint               n_interviews;
  char               *distribution; /* "Oui : 12 ; Non : 3"; may be NULL */
} TissageComputedValue;

void        tissage_computed_value_free       (TissageComputedValue *value);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TissageComputedValue, tissage_computed_value_free)

/* Returns: (element-type TissageComputedValue): every computed value. */
GPtrArray  *tissage_document_compute_indicator_values (TissageDocument  *document,
                                                       GError          **error);
/* The values of one indicator, every period and structure. */
GPtrArray  *tissage_document_compute_values_of_indicator (TissageDocument  *document,
                                                          gint64            indicator_id,
                                                          GError          **error);
/* One value, or %NULL when no interview informs it. */
TissageComputedValue *tissage_document_compute_indicator_value (TissageDocument *document,
                                                                gint64           indicator_id,
                                                                gint64           period_id,
                                                                gint64           structure_id);

G_END_DECLS

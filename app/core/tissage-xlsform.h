/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <glib.h>

#include "tissage-document.h"
#include "tissage-interviews.h"

G_BEGIN_DECLS

/*
 * The names an interview guide takes in an XLSForm (KoboToolbox, ODK
 * Collect, Enketo), computed once, the same for the form written out and
 * for the answers read back from the survey tool: every question, group
 * and choice named by a letter then letters, digits or "_", unique in the
 * form (choices, in their list).
 */

typedef enum {
  TISSAGE_XLSFORM_CONSENT,
  TISSAGE_XLSFORM_PSEUDONYM,
  TISSAGE_XLSFORM_STRUCTURE,
  TISSAGE_XLSFORM_DATE,
  TISSAGE_XLSFORM_QUESTION,
} TissageXlsformField;

/* The fields the form asks before the guide's questions, by these names. */
#define TISSAGE_XLSFORM_NAME_CONSENT   "consentement"
#define TISSAGE_XLSFORM_NAME_PSEUDONYM "pseudonyme"
#define TISSAGE_XLSFORM_NAME_STRUCTURE "structure"
#define TISSAGE_XLSFORM_NAME_DATE      "date_entretien"
#define TISSAGE_XLSFORM_LIST_YES_NO    "oui_non"
#define TISSAGE_XLSFORM_LIST_SCALE     "echelle_1_5"
#define TISSAGE_XLSFORM_LIST_STRUCTURE "structures"

typedef struct {
  TissageXlsformField  field;
  gint64               question_id;    /* for %TISSAGE_XLSFORM_QUESTION */
  TissageQuestionKind  kind;
  char                *name;
  char                *group;          /* the group's name, or NULL */
  char                *label;
  char                *hint;           /* or NULL */
  char                *list;           /* the choices' list, or NULL */
  GStrv                choice_names;   /* of a choice question or the structures */
  GStrv                choice_labels;
} TissageXlsformItem;

typedef struct {
  char      *name;
  char      *label;
} TissageXlsformGroup;

typedef struct {
  char      *title;
  char      *form_id;
  GPtrArray *items;                    /* TissageXlsformItem, in the form's order */
  GPtrArray *groups;                   /* TissageXlsformGroup, in order */
} TissageXlsform;

TissageXlsform *tissage_xlsform_new  (TissageDocument *document,
                                      TissageGrid     *grid);
void            tissage_xlsform_free (TissageXlsform  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TissageXlsform, tissage_xlsform_free)

/* The item named @name, or %NULL. */
const TissageXlsformItem *tissage_xlsform_find (const TissageXlsform *self,
                                                const char           *name);

/* A name as XLSForm takes it: ASCII letters, digits and "_", lower case,
 * a letter first (@prefix is put before one that has none), at most
 * @max_length characters; "" when @text has nothing to make one of. */
char *tissage_xlsform_make_name (const char *text,
                                 const char *prefix,
                                 guint       max_length);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <adwaita.h>

#include "tissage-document.h"

G_BEGIN_DECLS

typedef enum {
  TISSAGE_FIELD_TEXT,        /* one line */
  TISSAGE_FIELD_NOTES,       /* several lines */
  TISSAGE_FIELD_CHOICE,      /* an int column, one of @choices */
  TISSAGE_FIELD_SWITCH,      /* a boolean column */
  TISSAGE_FIELD_NUMBER,      /* a real column, typed as French users do */
  TISSAGE_FIELD_DATE,        /* a text column holding YYYY-MM-DD */
  TISSAGE_FIELD_STRUCTURE,   /* a key to a member structure, or none */
} TissageFieldKind;

/*
 * One field of a record editor: the column's property, its label, and how
 * it is edited. Fields with the same @group go in the same box, titled by
 * the first field's @group.
 */
typedef struct {
  const char        *property;
  const char        *label;      /* marked for translation */
  TissageFieldKind   kind;
  const char        *group;      /* marked for translation, or NULL: same group as before */
  const char * const *choices;   /* marked for translation, for TISSAGE_FIELD_CHOICE */
  const char        *subtitle;   /* marked for translation, or NULL */
} TissageField;

#define TISSAGE_TYPE_RECORD_EDITOR (tissage_record_editor_get_type ())
G_DECLARE_FINAL_TYPE (TissageRecordEditor, tissage_record_editor, TISSAGE, RECORD_EDITOR, GtkWidget)

GtkWidget *tissage_record_editor_new           (const TissageField *fields,
                                                guint               n_fields);
void       tissage_record_editor_set_document  (TissageRecordEditor *self,
                                                TissageDocument     *document);
void       tissage_record_editor_set_record    (TissageRecordEditor *self,
                                                TissageRecord       *record);
TissageRecord *tissage_record_editor_get_record (TissageRecordEditor *self);
void       tissage_record_editor_focus_first   (TissageRecordEditor *self);
/* A group of rows of the caller's, shown below the fields. */
void       tissage_record_editor_add_group     (TissageRecordEditor *self,
                                                AdwPreferencesGroup *group);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include "tissage-document.h"
#include "tissage-interviews.h"

G_BEGIN_DECLS

/* Between the files of the interviews (tissage-interviews.c,
 * tissage-question-parse.c, tissage-document-answers.c,
 * tissage-document-verbatims.c) only. */

/* tissage-question-parse.c */
char      *tissage_question_fold        (const char      *text);

/* tissage-document-answers.c */
GPtrArray *tissage_document_fetch_where (TissageDocument *document,
                                         GType            type,
                                         const char      *where,
                                         gint64           key1,
                                         gint64           key2);
char      *tissage_verbatim_substring   (const char      *text,
                                         glong            length,
                                         int              start,
                                         int              end);
gint64     tissage_document_query_int   (TissageDocument *document,
                                         const char      *sql,
                                         gint64           key);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *tissage_text_of_name        (const char *name);
char *tissage_text_french_of_name (const char *name);

char *tissage_text_fold_words     (const char *text);

/* A moment Tissage stamped (ISO 8601, "2026-12-07T15:27:03.512Z") as a
 * reader says it, in local time: "7 décembre 2026", with @with_time
 * "7 décembre 2026 à 15 h 27". Text that is no such stamp comes back as
 * it is. */
char *tissage_text_format_stamp   (const char *stamp,
                                   gboolean    with_time);

G_END_DECLS

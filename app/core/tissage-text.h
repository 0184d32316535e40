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

/* Windows-1252, the encoding Excel writes a CSV in on a French Windows:
 * the character of @byte (0x80–0xFF), 0 for the five it leaves out. */
gunichar  tissage_text_windows_1252_char (guchar byte);

/* Whether @text holds the marks of UTF-8 read as Windows-1252 ("RÃ©nov",
 * "lâ€™emploi"): the work of a file opened in one encoding and saved
 * in the other. */
gboolean  tissage_text_looks_garbled (const char *text);

/* @text with each such mark read back as the UTF-8 it was, or %NULL
 * when some of it cannot be (a text garbled in part only). */
char     *tissage_text_repair_garbled (const char *text);

G_END_DECLS

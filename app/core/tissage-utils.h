/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* g_set_str() arrived in GLib 2.76; the baseline is 2.74. */
static inline gboolean
tissage_set_str (char       **str_pointer,
                 const char  *new_str)
{
  char *copy;

  if (*str_pointer == new_str || g_strcmp0 (*str_pointer, new_str) == 0)
    return FALSE;

  copy = g_strdup (new_str);
  g_free (*str_pointer);
  *str_pointer = copy;

  return TRUE;
}

/* @text cut to @max_chars characters and an ellipsis, on one line, for a
 * label: a name too long to type may still come from a file. Reads no
 * further than it keeps. */
static inline char *
tissage_text_shorten (const char *text,
                      gsize       max_chars)
{
  GString *shown;
  const char *p = text != NULL ? text : "";
  gsize n = 0;

  shown = g_string_new (NULL);
  for (; *p != '\0' && n < max_chars; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n' || c == '\r' || c == '\t')
        g_string_append_c (shown, ' ');
      else
        g_string_append_unichar (shown, c);
    }
  if (*p != '\0')
    g_string_append (shown, "…");

  return g_string_free (shown, FALSE);
}

G_END_DECLS

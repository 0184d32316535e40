/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-core"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tissage-text.h"

/**
 * tissage_text_french_of_name:
 * @name: a name, as the user typed it
 *
 * "de" followed by @name, as French writes it: de + les is "des", de + le
 * is "du", and "de" is elided before a vowel ("des Jardins de la
 * Confluence", "du Relais", "d’Emmaüs", "de La Poste").
 *
 * Returns: (transfer full): the words
 */
char *
tissage_text_french_of_name (const char *name)
{
  static const struct {
    const char *article;
    const char *contracted;
  } articles[] = {
    { "Les ", "des " }, { "les ", "des " },
    { "Le ", "du " }, { "le ", "du " },
  };
  g_autofree char *first = NULL;
  gunichar c;

  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (articles); i++)
    if (g_str_has_prefix (name, articles[i].article))
      return g_strconcat (articles[i].contracted, name + strlen (articles[i].article), NULL);

  if (*name == '\0' || !g_utf8_validate (name, -1, NULL))
    return g_strconcat ("de ", name, NULL);

  /* The first letter without its accent: É, Î and Ô elide as E, I and O. */
  first = g_utf8_normalize (name, g_utf8_next_char (name) - name, G_NORMALIZE_NFD);
  c = first != NULL ? g_unichar_tolower (g_utf8_get_char (first)) : 0;
  if (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u')
    return g_strconcat ("d’", name, NULL);

  return g_strconcat ("de ", name, NULL);
}

/**
 * tissage_text_of_name:
 * @name: a name
 *
 * "of @name" in the interface language, to be put after a word ("Value
 * %s"): in French, with the contractions of
 * tissage_text_french_of_name().
 *
 * Returns: (transfer full): the words
 */
char *
tissage_text_of_name (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  /* TRANSLATORS: "of" and a name, put after a word such as "Value". In
   * French write "de %s": Tissage then writes du, des and d’ where French
   * contracts or elides it. */
  if (g_str_equal (C_("of a name", "of %s"), "de %s"))
    return tissage_text_french_of_name (name);

  return g_strdup_printf (C_("of a name", "of %s"), name);
}

static gboolean
text_is_ascii (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      return FALSE;

  return TRUE;
}

/**
 * tissage_text_fold_words:
 *
 * Lower case, no accents, words separated by one space: "Âge (en années)"
 * and "age en annees" match, and a choice's name in a survey tool
 * ("garde_enfants") reads as words.
 */
char *
tissage_text_fold_words (const char *text)
{
  g_autofree char *decomposed = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean space = FALSE;

  if (text == NULL)
    text = "";
  if (text_is_ascii (text))
    {
      for (const char *p = text; *p != '\0'; p++)
        if (g_ascii_isalnum (*p))
          {
            if (space && out->len > 0)
              g_string_append_c (out, ' ');
            space = FALSE;
            g_string_append_c (out, g_ascii_tolower (*p));
          }
        else
          space = TRUE;
      return g_string_free (g_steal_pointer (&out), FALSE);
    }

  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  if (decomposed == NULL)
    return g_strdup ("");

  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c))
        continue;
      if (g_unichar_isalnum (c))
        {
          if (space && out->len > 0)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_unichar (out, g_unichar_tolower (c));
        }
      else
        space = TRUE;
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
tissage_text_format_stamp (const char *stamp,
                           gboolean    with_time)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) read = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (stamp == NULL)
    return g_strdup ("");
  read = g_date_time_new_from_iso8601 (stamp, utc);
  if (read == NULL)
    return g_strdup (stamp);
  local = g_date_time_to_local (read);

  /* TRANSLATORS: a date, as g_date_time_format() reads it: "7 December 2026" */
  return g_date_time_format (local, with_time ? _("%-d %B %Y at %H:%M") : _("%-d %B %Y"));
}

/* Windows-1252 from 0x80 to 0x9F; 0xA0–0xFF are Latin-1, as Unicode. */
static const gunichar windows_1252_high[32] = {
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
  0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
  0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
};

gunichar
tissage_text_windows_1252_char (guchar byte)
{
  if (byte < 0x80)
    return byte;
  if (byte < 0xa0)
    return windows_1252_high[byte - 0x80];
  return byte;
}

/* The byte Windows-1252 writes @c as, or -1. */
static int
windows_1252_byte (gunichar c)
{
  if (c < 0x80 || (c >= 0xa0 && c <= 0xff))
    return (int) c;
  for (int i = 0; i < 32; i++)
    if (windows_1252_high[i] != 0 && windows_1252_high[i] == c)
      return 0x80 + i;
  return -1;
}

/* A lead byte of UTF-8 read as Windows-1252, followed by a continuation
 * byte read alike: "Ã" and "©" for "é", "â" "€" "™" for "’". Only the
 * leads French text meets garbled (C2–C5, E2) count: "Ã©" is no word. */
static gboolean
is_garbled_pair (gunichar lead,
                 gunichar next)
{
  int byte = windows_1252_byte (next);

  if (!((lead >= 0xc2 && lead <= 0xc5) || lead == 0xe2))
    return FALSE;
  return byte >= 0x80 && byte <= 0xbf;
}

gboolean
tissage_text_looks_garbled (const char *text)
{
  gunichar previous = 0;

  g_return_val_if_fail (text != NULL, FALSE);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_garbled_pair (previous, c))
        return TRUE;
      previous = c;
    }
  return FALSE;
}

char *
tissage_text_repair_garbled (const char *text)
{
  g_autoptr(GString) bytes = g_string_new (NULL);

  g_return_val_if_fail (text != NULL, NULL);

  /* The characters back to the bytes they were read from: each must be
   * one of Windows-1252, and the bytes must make UTF-8. */
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      int byte = windows_1252_byte (g_utf8_get_char (p));

      if (byte < 0)
        return NULL;
      g_string_append_c (bytes, (char) byte);
    }
  if (!g_utf8_validate_len (bytes->str, bytes->len, NULL))
    return NULL;
  return g_string_free (g_steal_pointer (&bytes), FALSE);
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

/* Dates as French users type them, and as they read them. */

#define G_LOG_DOMAIN "tissage-core"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "tissage-document-private.h"
#include "tissage-referentiel.h"

/* Dates as French users type them */

static const char * const month_names[] = {
  "janvier", "fevrier", "mars", "avril", "mai", "juin",
  "juillet", "aout", "septembre", "octobre", "novembre", "decembre",
};

static const char * const weekday_names[] = {
  "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
};

/* A word folded for comparison: lower case, accents aside, no final dot. */
static char *
fold_word (const char *word)
{
  g_autofree char *lower = g_utf8_strdown (word, -1);
  char *ascii = g_str_to_ascii (lower, "C");
  gsize len = strlen (ascii);

  if (len > 0 && ascii[len - 1] == '.')
    ascii[len - 1] = '\0';
  return ascii;
}

/* 1 to 12 for a month's name or the start of it (déc., janv, sept),
 * 0 for anything else or a start that two months share (jui). */
static int
month_of_word (const char *word)
{
  g_autofree char *folded = fold_word (word);
  int found = 0;

  if (strlen (folded) < 3)
    return 0;

  for (guint i = 0; i < G_N_ELEMENTS (month_names); i++)
    if (g_str_has_prefix (month_names[i], folded))
      {
        if (found != 0)
          return 0;
        found = i + 1;
      }
  return found;
}

static gboolean
is_weekday (const char *word)
{
  g_autofree char *folded = fold_word (word);

  for (guint i = 0; i < G_N_ELEMENTS (weekday_names); i++)
    if (g_str_equal (folded, weekday_names[i]))
      return TRUE;
  return FALSE;
}

/* Reads the digits at *p, at most 4; their count in @n_digits. */
static int
read_digits (const char **p,
             int         *n_digits)
{
  int value = 0;

  *n_digits = 0;
  while (g_ascii_isdigit (**p) && *n_digits < 5)
    {
      value = value * 10 + (**p - '0');
      (*p)++;
      (*n_digits)++;
    }
  return value;
}

/* A year of four digits, or two for this century; one or three digits are
 * a year still being typed, not a year. */
static gboolean
read_year (int  value,
           int  n_digits,
           int *year)
{
  if (n_digits == 2)
    *year = 2000 + value;
  else if (n_digits == 4)
    *year = value;
  else
    return FALSE;
  return *year >= 1900 && *year <= 2999;
}

static TissageDatePrecision
read_numeric_date (const char  *text,
                   int         *day,
                   int         *month,
                   int         *year)
{
  const char *p = text;
  int values[3], digits[3], n = 0;
  char sep = 0;

  while (n < 3)
    {
      values[n] = read_digits (&p, &digits[n]);
      if (digits[n] == 0 || digits[n] > 4)
        return TISSAGE_DATE_NONE;
      n++;
      if (*p == '\0' || n == 3)
        break;
      if (strchr ("/-.", *p) == NULL || (sep != 0 && *p != sep))
        return TISSAGE_DATE_NONE;
      sep = *p++;
    }
  if (*p != '\0')
    return TISSAGE_DATE_NONE;

  if (n == 3 && digits[0] == 4 && sep == '-')
    {
      *year = values[0];
      *month = values[1];
      *day = values[2];
      return *year >= 1900 && *year <= 2999 ? TISSAGE_DATE_DAY : TISSAGE_DATE_NONE;
    }
  if (n == 3 && digits[0] <= 2 && digits[1] <= 2)
    {
      *day = values[0];
      *month = values[1];
      return read_year (values[2], digits[2], year) ? TISSAGE_DATE_DAY : TISSAGE_DATE_NONE;
    }
  /* A month: 12/2025, or 2025-12. */
  if (n == 2 && digits[0] == 4 && sep == '-' && digits[1] <= 2)
    {
      *year = values[0];
      *month = values[1];
      return *year >= 1900 && *year <= 2999 ? TISSAGE_DATE_MONTH : TISSAGE_DATE_NONE;
    }
  if (n == 2 && digits[0] <= 2 && digits[1] == 4 && sep != '-')
    {
      *month = values[0];
      *year = values[1];
      return *year >= 1900 && *year <= 2999 ? TISSAGE_DATE_MONTH : TISSAGE_DATE_NONE;
    }
  return TISSAGE_DATE_NONE;
}

/* 31 décembre 2025, lundi 1er janvier 2026, 1 janv. 26, déc. 2025. */
static TissageDatePrecision
read_written_date (char **words,
                   int   *day,
                   int   *month,
                   int   *year)
{
  guint n = g_strv_length (words);
  guint i = 0;
  gboolean has_day = FALSE;
  const char *p;
  int value, n_digits;

  if (n > 0 && is_weekday (words[0]))
    i++;

  if (n - i == 3)
    {
      p = words[i];
      *day = read_digits (&p, &n_digits);
      /* 1er, or 1ᵉʳ as a word processor writes it. */
      if (n_digits == 0 || n_digits > 2 ||
          !(*p == '\0' || (*day == 1 && (g_str_equal (p, "er") || g_str_equal (p, "\xe1\xb5\x89\xca\xb3")))))
        return TISSAGE_DATE_NONE;
      has_day = TRUE;
      i++;
    }
  else if (n - i != 2 || i > 0)
    return TISSAGE_DATE_NONE;

  if ((*month = month_of_word (words[i])) == 0)
    return TISSAGE_DATE_NONE;

  p = words[i + 1];
  value = read_digits (&p, &n_digits);
  if (*p != '\0' || !read_year (value, n_digits, year))
    return TISSAGE_DATE_NONE;

  return has_day ? TISSAGE_DATE_DAY : TISSAGE_DATE_MONTH;
}

TissageDatePrecision
tissage_read_date (const char  *text,
                   char       **iso)
{
  g_autoptr(GString) clean = g_string_new (NULL);
  g_auto(GStrv) words = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  TissageDatePrecision precision;
  int day = 1, month = 0, year = 0;

  g_return_val_if_fail (iso != NULL, TISSAGE_DATE_NONE);
  *iso = NULL;

  /* Spaces of any kind are one; a comma after the weekday is none. */
  for (const char *p = text ? text : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x00a0 || c == 0x202f || c == ',')
        g_string_append_c (clean, ' ');
      else
        g_string_append_unichar (clean, c);
    }

  words = g_strsplit (clean->str, " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_ptr_array_add (kept, words[i]);
  g_ptr_array_add (kept, NULL);
  if (kept->len == 1)
    return TISSAGE_DATE_NONE;

  /* Figures first: what follows them, a time, is not part of the date. */
  if (g_ascii_isdigit (*(char *) kept->pdata[0]) &&
      (kept->len == 2 || month_of_word (kept->pdata[1]) == 0))
    {
      g_auto(GStrv) parts = g_strsplit (kept->pdata[0], "T", 2);

      precision = read_numeric_date (parts[0], &day, &month, &year);
    }
  else
    precision = read_written_date ((char **) kept->pdata, &day, &month, &year);

  if (precision == TISSAGE_DATE_NONE || !g_date_valid_dmy (day, month, year))
    return TISSAGE_DATE_NONE;

  if (precision == TISSAGE_DATE_MONTH)
    *iso = g_strdup_printf ("%04d-%02d", year, month);
  else
    *iso = g_strdup_printf ("%04d-%02d-%02d", year, month, day);
  return precision;
}

gboolean
tissage_parse_date (const char  *text,
                    char       **iso)
{
  g_autofree char *read = NULL;

  g_return_val_if_fail (iso != NULL, FALSE);

  if (tissage_read_date (text, &read) != TISSAGE_DATE_DAY)
    return FALSE;

  *iso = g_steal_pointer (&read);
  return TRUE;
}

char *
tissage_format_date (const char *iso)
{
  int y, m, d;

  if (iso != NULL && strlen (iso) == 7 && sscanf (iso, "%4d-%2d", &y, &m) == 2)
    return g_strdup_printf ("%02d/%04d", m, y);
  if (iso == NULL || strlen (iso) != 10 || sscanf (iso, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return g_strdup (iso ? iso : "");

  return g_strdup_printf ("%02d/%02d/%04d", d, m, y);
}

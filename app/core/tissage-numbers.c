/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

/* Numbers as French users type them, and as they read them. */

#define G_LOG_DOMAIN "tissage-core"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tissage-document-private.h"
#include "tissage-referentiel.h"

/* Numbers as French users type them */

gboolean
tissage_parse_number (const char *text,
                      double     *value)
{
  g_autoptr(GString) clean = g_string_new (NULL);
  char *end = NULL;
  double number;

  g_return_val_if_fail (value != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x00a0 || c == 0x202f)
        continue;
      if (c == ',')
        g_string_append_c (clean, '.');
      else if (c == '%' && p[1] == '\0')
        break;
      else if (c < 128)
        g_string_append_c (clean, (char) c);
      else
        return FALSE;
    }

  if (clean->len == 0)
    return FALSE;

  number = g_ascii_strtod (clean->str, &end);
  if (end == clean->str || *end != '\0' || !isfinite (number))
    return FALSE;

  *value = number;
  return TRUE;
}

/* Digits in groups of three, separated by a narrow no-break space. */
static void
append_grouped (GString    *out,
                const char *digits)
{
  size_t n = strlen (digits);

  for (size_t i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append (out, "\u202f");
      g_string_append_c (out, digits[i]);
    }
}

char *
tissage_format_number (double      value,
                       const char *unit)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *text = NULL;
  char *dot;
  /* Large numbers whole, small ones to a tenth, tiny ones to a hundredth. */
  int decimals = fabs (value) >= 100 ? 0 : fabs (value) >= 1 ? 1 : 2;

  if (!isfinite (value))
    return g_strdup ("—");

  {
    static const char * const formats[] = { "%.0f", "%.1f", "%.2f" };
    char buffer[G_ASCII_DTOSTR_BUF_SIZE];

    /* Not printf: the locale's decimal mark would come in. */
    text = g_strdup (g_ascii_formatd (buffer, sizeof buffer, formats[decimals], fabs (value)));
  }
  dot = strchr (text, '.');
  if (dot != NULL)
    {
      char *end = dot + strlen (dot) - 1;

      while (end > dot && *end == '0')
        *end-- = '\0';
      if (end == dot)
        *dot = '\0';
      else
        *dot = '\0', dot++;
    }

  if (value < 0 && (strspn (text, "0") != strlen (text) || (dot != NULL && *dot != '\0')))
    g_string_append (out, "−");
  append_grouped (out, text);
  if (dot != NULL && *dot != '\0')
    g_string_append_printf (out, ",%s", dot);

  if (unit != NULL && *unit != '\0')
    {
      g_autofree char *stripped = g_strstrip (g_strdup (unit));

      if (*stripped != '\0')
        {
          /* French typography: a narrow space before %, a full one before words. */
          g_string_append (out, g_str_equal (stripped, "%") ? "\u202f" : "\u00a0");
          g_string_append (out, stripped);
        }
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-core"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tissage-interviews.h"
#include "tissage-interviews-private.h"
#include "tissage-text.h"
#include "tissage-referentiel.h"

static gboolean
is_ascii (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      return FALSE;

  return TRUE;
}

char *
tissage_question_fold (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *normal = NULL;

  /* What normalizing and case folding make of plain ASCII, at a fraction
   * of the cost: an import compares every cell this way. */
  if (is_ascii (stripped))
    return g_ascii_strdown (stripped, -1);

  normal = g_utf8_normalize (stripped, -1, G_NORMALIZE_ALL);
  return g_utf8_casefold (normal != NULL ? normal : stripped, -1);
}

/* Whether the words of a name begin, in order, words of a label:
 * "garde enfants" names "garde d enfants". */
static gboolean
name_abbreviates (char * const *wanted,
                  char * const *words)
{
  guint w = 0;

  if (wanted[0] == NULL)
    return FALSE;

  for (guint i = 0; wanted[i] != NULL; i++)
    {
      while (words[w] != NULL && !g_str_has_prefix (words[w], wanted[i]))
        w++;
      if (words[w] == NULL)
        return FALSE;
      w++;
    }

  return TRUE;
}

/* A name as survey tools give choices ("garde_enfants"), not a label typed
 * by a person, who is only taken at their word. */
static gboolean
looks_like_name (const char *input)
{
  for (const char *p = input; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-')
      return FALSE;

  return *input != '\0';
}

struct _TissageChoices {
  GStrv      labels;
  guint      n;
  GPtrArray *folded;   /* as tissage_question_fold () gives them */
  GPtrArray *words;    /* as tissage_text_fold_words () gives them */
  GPtrArray *word_lists; /* the same, split */
};

TissageChoices *
tissage_choices_new (const char * const *labels)
{
  TissageChoices *self = g_new0 (TissageChoices, 1);

  self->labels = g_strdupv ((GStrv) (labels != NULL ? labels : (const char * const[]) { NULL }));
  self->n = g_strv_length (self->labels);
  self->folded = g_ptr_array_new_with_free_func (g_free);
  self->words = g_ptr_array_new_with_free_func (g_free);
  self->word_lists = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint i = 0; i < self->n; i++)
    {
      char *words = tissage_text_fold_words (self->labels[i]);

      g_ptr_array_add (self->folded, tissage_question_fold (self->labels[i]));
      g_ptr_array_add (self->words, words);
      g_ptr_array_add (self->word_lists, g_strsplit (words, " ", -1));
    }

  return self;
}

void
tissage_choices_free (TissageChoices *self)
{
  if (self == NULL)
    return;

  g_strfreev (self->labels);
  g_ptr_array_unref (self->folded);
  g_ptr_array_unref (self->words);
  g_ptr_array_unref (self->word_lists);
  g_free (self);
}

const char * const *
tissage_choices_get_labels (const TissageChoices *self)
{
  return (const char * const *) self->labels;
}

int
tissage_choices_find (const TissageChoices *self,
                      const char           *input)
{
  g_autofree char *wanted = NULL;
  g_autofree char *name = NULL;
  g_auto(GStrv) name_words = NULL;
  int found = -1;

  if (input == NULL)
    return -1;

  for (guint i = 0; i < self->n; i++)
    if (g_str_equal (self->labels[i], input))
      return i;

  wanted = tissage_question_fold (input);
  for (guint i = 0; i < self->n; i++)
    if (g_str_equal (g_ptr_array_index (self->folded, i), wanted))
      return i;

  name = tissage_text_fold_words (input);
  for (guint pass = 0; pass < (looks_like_name (input) ? 2 : 1); pass++)
    {
      if (pass == 1)
        name_words = g_strsplit (name, " ", -1);
      for (guint i = 0; i < self->n; i++)
        {
          gboolean match = pass == 0
            ? g_str_equal (g_ptr_array_index (self->words, i), name)
            : *name != '\0' && name_abbreviates (name_words, g_ptr_array_index (self->word_lists, i));

          if (!match)
            continue;
          if (found >= 0)
            return -1;
          found = i;
        }
      if (found >= 0)
        return found;
    }

  return -1;
}

int
tissage_question_find_choice (const char * const *choices,
                              const char         *input)
{
  g_autoptr(TissageChoices) matcher = NULL;

  if (choices == NULL || input == NULL)
    return -1;

  matcher = tissage_choices_new (choices);
  return tissage_choices_find (matcher, input);
}

static gboolean
is_separator (char c)
{
  return c == ';' || c == ',' || c == '\n' || c == '\r';
}

/* Reads the labels of a list such as "Garde d'enfants, Santé" (a form),
 * "Santé; Logement" or one a line (a spreadsheet): at each place, the
 * longest choice that ends at a separator, so that a choice holding a
 * comma stays whole. */
static gboolean
match_label_list (const TissageChoices *choices,
                  const char           *input,
                  gboolean             *chosen,
                  char                **unknown)
{
  g_autofree char *folded = tissage_question_fold (input);
  const char *p = folded;

  while (*p != '\0')
    {
      gsize best_length = 0;
      int best = -1;

      while (*p != '\0' && (is_separator (*p) || g_ascii_isspace (*p)))
        p++;
      if (*p == '\0')
        break;

      for (guint i = 0; i < choices->n; i++)
        {
          const char *label = g_ptr_array_index (choices->folded, i);
          gsize length = strlen (label);
          const char *after = p + length;

          if (length == 0 || length <= best_length || strncmp (p, label, length) != 0)
            continue;
          while (*after == ' ' || *after == '\t')
            after++;
          if (*after == '\0' || is_separator (*after))
            {
              best = i;
              best_length = length;
            }
        }

      if (best < 0)
        {
          const char *end = p;

          while (*end != '\0' && !is_separator (*end))
            end++;
          *unknown = g_strstrip (g_strndup (p, end - p));
          return FALSE;
        }
      chosen[best] = TRUE;
      p += best_length;
    }

  return TRUE;
}

/* KoboToolbox writes the names of the choices, separated by spaces. */
static gboolean
match_name_list (const TissageChoices *choices,
                 const char           *input,
                 gboolean             *chosen)
{
  g_auto(GStrv) names = g_strsplit_set (input, " \t", -1);
  gboolean any = FALSE;

  for (guint i = 0; names[i] != NULL; i++)
    {
      int found;

      if (*names[i] == '\0')
        continue;
      found = tissage_choices_find (choices, names[i]);
      if (found < 0)
        return FALSE;
      chosen[found] = any = TRUE;
    }

  return any;
}

static gboolean
exact_lines (const TissageChoices *choices,
             const char           *input,
             gboolean             *chosen)
{
  const char *line = input;

  while (line != NULL && *line != '\0')
    {
      const char *end = strchr (line, '\n');
      gsize length = end != NULL ? (gsize) (end - line) : strlen (line);
      gboolean found = FALSE;

      for (guint i = 0; i < choices->n && !found; i++)
        if (strlen (choices->labels[i]) == length && strncmp (choices->labels[i], line, length) == 0)
          chosen[i] = found = TRUE;
      if (!found)
        return FALSE;
      line = end != NULL ? end + 1 : NULL;
    }

  return TRUE;
}

gboolean *
tissage_choices_match (const TissageChoices *choices,
                       const char           *input,
                       gboolean              multiple,
                       char                **unknown)
{
  g_autofree gboolean *chosen = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (input != NULL ? input : ""));
  guint n = choices->n;
  int whole;

  g_return_val_if_fail (unknown != NULL, NULL);
  *unknown = NULL;

  chosen = g_new0 (gboolean, n + 1);
  if (*stripped == '\0')
    return g_steal_pointer (&chosen);

  /* As the answer is stored, one label a line: no need to compare loosely. */
  if (multiple && exact_lines (choices, stripped, chosen))
    return g_steal_pointer (&chosen);
  memset (chosen, 0, sizeof (gboolean) * n);

  /* Labels first, the longest at each place; then the whole input named
   * loosely ("mobilite transport"); then a tool's names. */
  if (multiple && n > 0)
    {
      if (match_label_list (choices, stripped, chosen, unknown))
        return g_steal_pointer (&chosen);
      memset (chosen, 0, sizeof (gboolean) * n);
    }

  whole = n > 0 ? tissage_choices_find (choices, stripped) : -1;
  if (whole >= 0)
    {
      g_clear_pointer (unknown, g_free);
      chosen[whole] = TRUE;
      return g_steal_pointer (&chosen);
    }

  if (!multiple || n == 0)
    {
      g_free (*unknown);
      *unknown = g_steal_pointer (&stripped);
      return NULL;
    }

  if (strpbrk (stripped, ";,\n\r") == NULL && match_name_list (choices, stripped, chosen))
    {
      g_clear_pointer (unknown, g_free);
      return g_steal_pointer (&chosen);
    }

  /* The part refused as it was written, not as it was compared. */
  {
    g_auto(GStrv) parts = g_strsplit_set (stripped, ";,\n\r", -1);

    for (guint i = 0; parts[i] != NULL; i++)
      {
        g_autofree char *part = g_strstrip (g_strdup (parts[i]));
        g_autofree char *folded = tissage_question_fold (part);

        if (g_str_equal (folded, *unknown))
          {
            g_free (*unknown);
            *unknown = g_steal_pointer (&part);
            break;
          }
      }
  }

  return NULL;
}

gboolean *
tissage_question_match_choices (const char * const *choices,
                                const char         *input,
                                gboolean            multiple,
                                char              **unknown)
{
  g_autoptr(TissageChoices) matcher = tissage_choices_new (choices);

  return tissage_choices_match (matcher, input, multiple, unknown);
}

static gboolean
parse_yes_no (const char *input,
              double     *value)
{
  static const char * const yes[] = { "oui", "o", "yes", "y", "1", "vrai", "true" };
  static const char * const no[] = { "non", "n", "no", "0", "faux", "false" };
  g_autofree char *folded = tissage_question_fold (input);

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    if (g_str_equal (folded, yes[i]))
      {
        *value = 1;
        return TRUE;
      }
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    if (g_str_equal (folded, no[i]))
      {
        *value = 0;
        return TRUE;
      }

  return FALSE;
}

/* Sets @error to the full message and @reason, when asked, to the brief one
 * (the message itself when NULL); takes both strings. */
static gboolean
refuse_answer (GError **error,
               char   **reason,
               char    *message,
               char    *brief)
{
  g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE, message);
  if (reason != NULL)
    *reason = brief != NULL ? brief : g_steal_pointer (&message);
  else
    g_free (brief);
  g_free (message);
  return FALSE;
}

gboolean
tissage_question_parse_answer (TissageQuestionKind   kind,
                               const char           *title,
                               const char * const   *choices,
                               const char           *input,
                               char                **text,
                               double               *number,
                               gboolean             *empty,
                               GError              **error)
{
  return tissage_question_parse_answer_with_reason (kind, title, choices, input,
                                                    text, number, empty, NULL, error);
}

gboolean
tissage_question_parse_answer_with_reason (TissageQuestionKind   kind,
                                           const char           *title,
                                           const char * const   *choices,
                                           const char           *input,
                                           char                **text,
                                           double               *number,
                                           gboolean             *empty,
                                           char                **reason,
                                           GError              **error)
{
  g_autoptr(TissageChoices) matcher = NULL;

  if (kind == TISSAGE_QUESTION_SINGLE || kind == TISSAGE_QUESTION_MULTIPLE)
    matcher = tissage_choices_new (choices);

  return tissage_question_parse_answer_with_choices (kind, title, matcher, input, text, number, empty,
                                                     reason, error);
}

gboolean
tissage_question_parse_answer_with_choices (TissageQuestionKind   kind,
                                            const char           *title,
                                            const TissageChoices *matcher,
                                            const char           *input,
                                            char                **text,
                                            double               *number,
                                            gboolean             *empty,
                                            char                **reason,
                                            GError              **error)
{
  static const char * const no_choices[] = { NULL };
  g_autofree char *stripped = g_strstrip (g_strdup (input ? input : ""));
  const char * const *choices = matcher != NULL ? tissage_choices_get_labels (matcher) : no_choices;

  if (reason != NULL)
    *reason = NULL;

  *text = NULL;
  *number = NAN;
  *empty = *stripped == '\0';

  if (*empty)
    {
      *text = g_strdup ("");
      return TRUE;
    }

  switch (kind)
    {
    case TISSAGE_QUESTION_OPEN:
      *text = g_strdup (input);
      return TRUE;

    case TISSAGE_QUESTION_SCALE:
      {
        double value;

        if (!tissage_parse_number (stripped, &value) || value != floor (value) ||
            value < TISSAGE_SCALE_MIN || value > TISSAGE_SCALE_MAX)
          {
            return refuse_answer (error, reason,
                                  g_strdup_printf (_("“%s” is not on the scale of “%s”: answer with a whole number from 1 to 5."),
                                                   stripped, title),
                                  g_strdup_printf (_("“%s” is not a whole number from 1 to 5"), stripped));
          }
        *number = value;
        *text = g_strdup ("");
        return TRUE;
      }

    case TISSAGE_QUESTION_YES_NO:
      if (!parse_yes_no (stripped, number))
        {
          return refuse_answer (error, reason,
                                g_strdup_printf (_("“%s” does not answer “%s”: answer yes or no."), stripped, title),
                                g_strdup_printf (_("“%s” is neither yes nor no"), stripped));
        }
      *text = g_strdup ("");
      return TRUE;

    case TISSAGE_QUESTION_SINGLE:
    case TISSAGE_QUESTION_MULTIPLE:
      {
        g_autofree char *unknown = NULL;
        g_autofree gboolean *chosen = NULL;
        g_autoptr(GString) stored = g_string_new (NULL);
        guint n_chosen = 0;

        if (matcher == NULL)
          return refuse_answer (error, reason, g_strdup (_("This question has an unknown kind of answer.")), NULL);
        chosen = tissage_choices_match (matcher, stripped, kind == TISSAGE_QUESTION_MULTIPLE, &unknown);
        if (chosen == NULL)
          {
            g_autofree char *list = g_strjoinv (" ; ", (GStrv) choices);

            return refuse_answer (error, reason,
                                  g_strdup_printf (_("“%s” is not one of the choices of “%s” (%s)."),
                                                   unknown, title, list),
                                  g_strdup_printf (_("“%s” is not one of the choices"), unknown));
          }

        /* Stored in the order of the choices, one a line. */
        for (guint i = 0; choices[i] != NULL; i++)
          if (chosen[i])
            {
              if (n_chosen++ > 0)
                g_string_append_c (stored, '\n');
              g_string_append (stored, choices[i]);
            }

        *empty = n_chosen == 0;
        *text = g_string_free (g_steal_pointer (&stored), FALSE);
        return TRUE;
      }

    case TISSAGE_QUESTION_NUMBER:
      if (!tissage_parse_number (stripped, number))
        {
          return refuse_answer (error, reason,
                                g_strdup_printf (_("“%s” is not a number, and “%s” is answered with a number. Write a number such as 12 or 12,5."),
                                                 stripped, title),
                                g_strdup_printf (_("“%s” is not a number"), stripped));
        }
      *text = g_strdup ("");
      return TRUE;

    case TISSAGE_N_QUESTION_KINDS:
    default:
      break;
    }

  return refuse_answer (error, reason, g_strdup (_("This question has an unknown kind of answer.")), NULL);
}

gboolean
tissage_grid_question_parse_answer (TissageGridQuestion  *question,
                                    const char           *input,
                                    char                **text,
                                    double               *number,
                                    gboolean             *empty,
                                    GError              **error)
{
  g_auto(GStrv) choices = NULL;

  g_return_val_if_fail (TISSAGE_IS_GRID_QUESTION (question), FALSE);

  choices = tissage_grid_question_dup_choices (question);
  return tissage_question_parse_answer (tissage_grid_question_get_kind (question),
                                        tissage_grid_question_get_text (question),
                                        (const char * const *) choices,
                                        input, text, number, empty, error);
}

char *
tissage_answer_dup_display (TissageAnswer       *answer,
                            TissageGridQuestion *question)
{
  double number = tissage_answer_get_number (answer);
  const char *text = tissage_answer_get_text (answer);

  switch (tissage_grid_question_get_kind (question))
    {
    case TISSAGE_QUESTION_SCALE:
      return isnan (number) ? g_strdup ("") : g_strdup_printf ("%.0f", number);
    case TISSAGE_QUESTION_YES_NO:
      return isnan (number) ? g_strdup ("") : g_strdup (number != 0 ? _("Yes") : _("No"));
    case TISSAGE_QUESTION_NUMBER:
      if (isnan (number))
        return g_strdup ("");
      if (number == floor (number) && fabs (number) < 1e15)
        return g_strdup_printf ("%.0f", number);
      /* French decimals take a comma. */
      return g_strdelimit (g_strdup_printf ("%.2f", number), ".", ',');
    case TISSAGE_QUESTION_MULTIPLE:
      {
        g_auto(GStrv) parts = g_strsplit (text, "\n", -1);

        return g_strjoinv (" ; ", parts);
      }
    case TISSAGE_QUESTION_OPEN:
    case TISSAGE_QUESTION_SINGLE:
    case TISSAGE_N_QUESTION_KINDS:
    default:
      return g_strdup (text);
    }
}

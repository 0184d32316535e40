/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-core"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tissage-document-private.h"
#include "tissage-interviews.h"
#include "tissage-record-private.h"
#include "tissage-referentiel.h"

/*
 * Projects described as key files: one group per row, named "table:key";
 * keys are columns; a value "@key" refers to the row of that key. The
 * default categories are known by their built-in keys, and a section with one
 * of those keys describes that category. The example project
 * ships in this form (data/demo/example.ini).
 */

static GType
type_for_table (const char *table)
{
  static const struct { const char *table; GType (*get_type) (void); } types[] = {
    { "structure", tissage_structure_get_type },
    { "category", tissage_category_get_type },
    { "stakeholder", tissage_stakeholder_get_type },
    { "link", tissage_link_get_type },
    { "stake", tissage_stake_get_type },
    { "eval_question", tissage_eval_question_get_type },
    { "effect", tissage_effect_get_type },
    { "effect_stakeholder", tissage_effect_stakeholder_get_type },
    { "indicator", tissage_indicator_get_type },
    { "bank_indicator", tissage_bank_indicator_get_type },
    { "toc_item", tissage_toc_item_get_type },
    { "toc_link", tissage_toc_link_get_type },
    { "period", tissage_period_get_type },
    { "measurement", tissage_measurement_get_type },
    { "grid", tissage_grid_get_type },
    { "grid_category", tissage_grid_category_get_type },
    { "grid_section", tissage_grid_section_get_type },
    { "grid_question", tissage_grid_question_get_type },
    { "question_effect", tissage_question_effect_get_type },
    { "question_indicator", tissage_question_indicator_get_type },
    { "interview", tissage_interview_get_type },
    { "answer", tissage_answer_get_type },
    { "verbatim", tissage_verbatim_get_type },
    { "verbatim_tag", tissage_verbatim_tag_get_type },
    { "link_strength", tissage_link_strength_get_type },
    { "action", tissage_action_get_type },
    { "action_partner", tissage_action_partner_get_type },
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_str_equal (types[i].table, table))
      return types[i].get_type ();

  return G_TYPE_INVALID;
}

static gboolean
parse_value (GParamSpec   *pspec,
             const char   *text,
             GHashTable   *refs,
             GValue       *value,
             const char   *group,
             GError      **error)
{
  g_value_init (value, pspec->value_type);

  if (text[0] == '@')
    {
      gpointer id = g_hash_table_lookup (refs, text + 1);

      if (id == NULL || pspec->value_type != G_TYPE_INT64)
        goto bad;
      g_value_set_int64 (value, *(gint64 *) id);
      return TRUE;
    }

  switch (pspec->value_type)
    {
    case G_TYPE_STRING:
      g_value_set_string (value, text);
      return TRUE;
    case G_TYPE_BOOLEAN:
      if (g_str_equal (text, "true") || g_str_equal (text, "1"))
        g_value_set_boolean (value, TRUE);
      else if (g_str_equal (text, "false") || g_str_equal (text, "0"))
        g_value_set_boolean (value, FALSE);
      else
        goto bad;
      return TRUE;
    case G_TYPE_INT:
    case G_TYPE_INT64:
      {
        gint64 number;

        if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &number, NULL))
          goto bad;
        if (pspec->value_type == G_TYPE_INT)
          {
            if (number < G_MININT || number > G_MAXINT)
              goto bad;
            g_value_set_int (value, (int) number);
          }
        else
          g_value_set_int64 (value, number);
        return TRUE;
      }
    case G_TYPE_DOUBLE:
      {
        char *end = NULL;
        double number = g_ascii_strtod (text, &end);

        if (end == text || *end != '\0' || !isfinite (number))
          goto bad;
        g_value_set_double (value, number);
        return TRUE;
      }
    default:
      break;
    }

bad:
  g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
               _("Invalid value “%s” for “%s” in [%s]."), text, pspec->name, group);
  return FALSE;
}

static void
free_values (GArray *values)
{
  for (guint i = 0; i < values->len; i++)
    g_value_unset (&g_array_index (values, GValue, i));
  g_array_unref (values);
}

gboolean
tissage_document_load_keyfile (TissageDocument  *self,
                               GKeyFile         *keyfile,
                               GError          **error)
{
  GKeyFile *keyfiles[] = { keyfile, NULL };

  return tissage_document_load_keyfiles (self, keyfiles, error);
}

static gboolean load_one_keyfile (TissageDocument *self, GKeyFile *keyfile, GHashTable *refs, GError **error);

/* Several files share their keys: a later one refers to an earlier one's rows. */
gboolean
tissage_document_load_keyfiles (TissageDocument  *self,
                                GKeyFile        **keyfiles,
                                GError          **error)
{
  g_autoptr(GHashTable) refs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GListModel *categories;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), FALSE);

  categories = tissage_document_get_categories (self);
  for (guint i = 0; i < g_list_model_get_n_items (categories); i++)
    {
      g_autoptr(TissageCategory) category = g_list_model_get_item (categories, i);
      g_autofree char *builtin = NULL;

      g_object_get (category, "builtin", &builtin, NULL);
      if (builtin != NULL && *builtin != '\0')
        g_hash_table_insert (refs, g_steal_pointer (&builtin),
                             g_memdup2 (&(gint64) { tissage_record_get_id (TISSAGE_RECORD (category)) },
                                        sizeof (gint64)));
    }

  for (guint i = 0; keyfiles[i] != NULL; i++)
    if (!load_one_keyfile (self, keyfiles[i], refs, error))
      return FALSE;

  return TRUE;
}

static const GValue *
find_value (GPtrArray  *names,
            GArray     *values,
            const char *name)
{
  for (guint i = 0; i < names->len; i++)
    if (g_str_equal (g_ptr_array_index (names, i), name))
      return &g_array_index (values, GValue, i);

  return NULL;
}

static void
append_int (GPtrArray  *names,
            GArray     *values,
            const char *name,
            int         number)
{
  GValue value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_INT);
  g_value_set_int (&value, number);
  g_ptr_array_add (names, g_strdup (name));
  g_array_append_val (values, value);
}

/* A verbatim is written with its quote only: its place in the answer is
 * found here, so the files stay easy to write by hand. */
static gboolean
place_quote (TissageDocument  *self,
             GPtrArray        *names,
             GArray           *values,
             const char       *group,
             GError          **error)
{
  const GValue *answer_id = find_value (names, values, "answer-id");
  const GValue *quote = find_value (names, values, "quote");
  g_autoptr(TissageAnswer) answer = NULL;
  const char *text, *found;

  if (find_value (names, values, "start") != NULL || answer_id == NULL || quote == NULL)
    return TRUE;

  answer = tissage_document_fetch (self, TISSAGE_TYPE_ANSWER, g_value_get_int64 (answer_id));
  text = answer != NULL ? tissage_answer_get_text (answer) : "";
  found = strstr (text, g_value_get_string (quote));
  if (found == NULL)
    {
      g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                   _("[%s] The quote is not in the text of its answer."), group);
      return FALSE;
    }

  append_int (names, values, "start", g_utf8_pointer_to_offset (text, found));
  append_int (names, values, "end", g_utf8_pointer_to_offset (text, found) +
                                    g_utf8_strlen (g_value_get_string (quote), -1));
  return TRUE;
}

/* A [category:KEY] section with the key of a default category describes
 * it (its name in the file's language) rather than adding another. */
static TissageCategory *
builtin_category (TissageDocument *self,
                  GType            type,
                  const char      *key)
{
  GListModel *categories = tissage_document_get_categories (self);

  if (type != TISSAGE_TYPE_CATEGORY)
    return NULL;

  for (guint i = 0; i < g_list_model_get_n_items (categories); i++)
    {
      g_autoptr(TissageCategory) category = g_list_model_get_item (categories, i);
      g_autofree char *builtin = NULL;

      g_object_get (category, "builtin", &builtin, NULL);
      if (g_strcmp0 (builtin, key) == 0)
        return category; /* owned by the store */
    }

  return NULL;
}

static gboolean
load_one_keyfile (TissageDocument  *self,
                  GKeyFile         *keyfile,
                  GHashTable       *refs,
                  GError          **error)
{
  g_auto(GStrv) groups = g_key_file_get_groups (keyfile, NULL);

  for (guint g = 0; groups[g] != NULL; g++)
    {
      const char *group = groups[g];
      g_auto(GStrv) keys = g_key_file_get_keys (keyfile, group, NULL, NULL);
      g_auto(GStrv) parts = g_strsplit (group, ":", 2);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      GArray *values = g_array_new (FALSE, TRUE, sizeof (GValue));
      g_autoptr(GTypeClass) klass = NULL;
      gboolean is_project = g_str_equal (group, "project");
      TissageCategory *builtin = NULL;
      GType type = is_project ? TISSAGE_TYPE_PROJECT : type_for_table (parts[0]);
      gboolean ok = TRUE;

      if (type == G_TYPE_INVALID || (!is_project && (parts[1] == NULL || *parts[1] == '\0')))
        {
          free_values (values);
          g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                       _("Unknown section [%s]."), group);
          return FALSE;
        }

      klass = g_type_class_ref (type);

      for (guint k = 0; ok && keys[k] != NULL; k++)
        {
          g_autofree char *text = g_key_file_get_string (keyfile, group, keys[k], NULL);
          g_autofree char *property = g_strdelimit (g_strdup (keys[k]), "_", '-');
          GParamSpec *pspec = g_object_class_find_property (G_OBJECT_CLASS (klass), property);
          GValue value = G_VALUE_INIT;

          if (pspec == NULL || text == NULL)
            {
              g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                           _("Unknown field “%s” in [%s]."), keys[k], group);
              ok = FALSE;
              break;
            }

          ok = parse_value (pspec, text, refs, &value, group, error);
          if (ok)
            {
              g_ptr_array_add (names, g_steal_pointer (&property));
              g_array_append_val (values, value);
            }
        }

      if (ok && type == TISSAGE_TYPE_VERBATIM)
        ok = place_quote (self, names, values, group, error);

      if (ok && (is_project || (builtin = builtin_category (self, type, parts[1])) != NULL))
        {
          gpointer record = is_project ? (gpointer) tissage_document_get_project (self) : builtin;

          for (guint i = 0; ok && i < names->len; i++)
            ok = tissage_document_set_value (self, record, g_ptr_array_index (names, i),
                                             &g_array_index (values, GValue, i), error);
        }
      else if (ok)
        {
          g_autoptr(TissageRecord) record =
            tissage_document_insert_values (self, type, names->len,
                                            (const char **) names->pdata,
                                            (const GValue *) values->data, error);

          if (record == NULL)
            {
              g_prefix_error (error, "[%s] ", group);
              ok = FALSE;
            }
          else
            g_hash_table_insert (refs, g_strdup (parts[1]),
                                 g_memdup2 (&(gint64) { tissage_record_get_id (record) },
                                            sizeof (gint64)));
        }

      free_values (values);
      if (!ok)
        return FALSE;
    }

  return TRUE;
}

/**
 * tissage_document_create_example:
 *
 * Writes the example project, a Collectif Emploi with its member
 * structures, stakeholders and links, to @file.
 */
TissageDocument *
tissage_document_create_example (GFile   *file,
                                 GError **error)
{
  const char *parts[] = { "/example.ini", "/referentiel.ini", "/entretiens.ini", "/cooperation.ini" };
  g_autoptr(GPtrArray) keyfiles = g_ptr_array_new_null_terminated (G_N_ELEMENTS (parts), (GDestroyNotify) g_key_file_unref, TRUE);
  g_autoptr(TissageDocument) document = NULL;

  /* The stakeholders first, then the référentiel that refers to them. */
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *path = g_strconcat (RESOURCE_BASE, parts[i], NULL);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, error);
      g_autoptr(GKeyFile) keyfile = g_key_file_new ();

      if (bytes == NULL || !g_key_file_load_from_bytes (keyfile, bytes, G_KEY_FILE_NONE, error))
        return NULL;
      g_ptr_array_add (keyfiles, g_steal_pointer (&keyfile));
    }

  document = tissage_document_create_from_keyfiles (file, (GKeyFile **) keyfiles->pdata, error);
  if (document == NULL)
    return NULL;

  tissage_document_clear_history (document);
  return g_steal_pointer (&document);
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-core"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tissage-referentiel-flat.h"
#include "tissage-referentiel.h"
#include "tissage-text.h"

static const char * const horizons[] = { N_("Short term"), N_("Medium term"), N_("Long term") };
static const char * const positives[] = { N_("Negative"), N_("Positive") };
static const char * const types[] = { N_("Output"), N_("Outcome"), N_("Impact") };
static const char * const natures[] = { N_("Quantitative"), N_("Qualitative") };
static const char * const collections[] = { N_("Interview"), N_("Questionnaire"), N_("Monitoring table"),
                                            N_("Observation"), N_("Administrative data") };
static const char * const directions[] = { N_("Upward"), N_("Downward") };

static const TissageFlatColumn flat_columns[] = {
  { N_("Stake"), TISSAGE_FLAT_STAKE, "title", TISSAGE_FLAT_TEXT, NULL, 0, "enjeu|enjeux|stake" },
  { N_("Description of the stake"), TISSAGE_FLAT_STAKE, "description", TISSAGE_FLAT_TEXT, NULL, 0, "description de l enjeu" },
  { N_("Evaluation question"), TISSAGE_FLAT_QUESTION, "title", TISSAGE_FLAT_TEXT, NULL, 0,
    "question evaluative|questions evaluatives|question d evaluation|question" },
  { N_("Expected effect"), TISSAGE_FLAT_EFFECT, "title", TISSAGE_FLAT_TEXT, NULL, 0,
    "effet|effets|effet attendu|effets attendus|effect" },
  { N_("Description of the effect"), TISSAGE_FLAT_EFFECT, "description", TISSAGE_FLAT_TEXT, NULL, 0, "description de l effet" },
  { N_("Horizon"), TISSAGE_FLAT_EFFECT, "horizon", TISSAGE_FLAT_CHOICE, horizons, G_N_ELEMENTS (horizons), "horizon|echeance de l effet", "court terme|court;moyen terme|moyen;long terme|long" },
  { N_("Direction of the effect"), TISSAGE_FLAT_EFFECT, "positive", TISSAGE_FLAT_BOOLEAN, positives, 2, "sens de l effet|effet positif", "negatif|non;positif|oui" },
  { N_("Indicator"), TISSAGE_FLAT_INDICATOR, "title", TISSAGE_FLAT_TEXT, NULL, 0, "indicateur|indicateurs|indicator" },
  { N_("Definition"), TISSAGE_FLAT_INDICATOR, "definition", TISSAGE_FLAT_TEXT, NULL, 0, "definition|definition de l indicateur" },
  { N_("Type of indicator"), TISSAGE_FLAT_INDICATOR, "type", TISSAGE_FLAT_CHOICE, types, G_N_ELEMENTS (types), "type|type d indicateur", "realisation|indicateur de realisation;resultat|indicateur de resultat;impact|indicateur d impact" },
  { N_("Nature"), TISSAGE_FLAT_INDICATOR, "nature", TISSAGE_FLAT_CHOICE, natures, G_N_ELEMENTS (natures), "nature", "quantitatif|quantitative;qualitatif|qualitative" },
  { N_("Unit"), TISSAGE_FLAT_INDICATOR, "unit", TISSAGE_FLAT_TEXT, NULL, 0, "unite|unite de mesure|unit" },
  { N_("Calculation method"), TISSAGE_FLAT_INDICATOR, "calculation", TISSAGE_FLAT_TEXT, NULL, 0,
    "methode de calcul|mode de calcul|calcul|formule" },
  { N_("Data source"), TISSAGE_FLAT_INDICATOR, "source", TISSAGE_FLAT_TEXT, NULL, 0, "source|sources|source des donnees" },
  { N_("Collection method"), TISSAGE_FLAT_INDICATOR, "collection", TISSAGE_FLAT_CHOICE, collections,
    G_N_ELEMENTS (collections), "mode de collecte|methode de collecte|outil de collecte|collecte",
    "entretien|entretiens;questionnaire|enquete;tableau de suivi|suivi;observation;donnees administratives|donnees de gestion" },
  { N_("Frequency"), TISSAGE_FLAT_INDICATOR, "frequency", TISSAGE_FLAT_TEXT, NULL, 0, "frequence|periodicite|frequence de collecte" },
  { N_("Direction"), TISSAGE_FLAT_INDICATOR, "direction", TISSAGE_FLAT_CHOICE, directions, G_N_ELEMENTS (directions),
    "sens d evolution|sens", "a la hausse|hausse;a la baisse|baisse" },
  { N_("Baseline"), TISSAGE_FLAT_INDICATOR, "baseline", TISSAGE_FLAT_NUMBER, NULL, 0,
    "situation de depart|valeur de reference|valeur initiale|reference|baseline" },
  { N_("Baseline date"), TISSAGE_FLAT_INDICATOR, "baseline-date", TISSAGE_FLAT_DATE, NULL, 0,
    "date de la situation de depart|date de reference" },
  { N_("Target"), TISSAGE_FLAT_INDICATOR, "target", TISSAGE_FLAT_NUMBER, NULL, 0, "cible|objectif|valeur cible|target" },
  { N_("Target date"), TISSAGE_FLAT_INDICATOR, "target-date", TISSAGE_FLAT_DATE, NULL, 0, "date de la cible|date cible|echeance" },
  { N_("Responsible person or structure"), TISSAGE_FLAT_INDICATOR, "responsible", TISSAGE_FLAT_TEXT, NULL, 0,
    "responsable|responsible" },
};

const TissageFlatColumn *
tissage_referentiel_flat_columns (guint *n_columns)
{
  *n_columns = G_N_ELEMENTS (flat_columns);
  return flat_columns;
}

static char *
fold (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  return tissage_text_fold_words (stripped);
}

static gboolean
header_matches (const TissageFlatColumn *column,
                const char              *folded)
{
  g_autofree char *translated = fold (_(column->header));
  g_autofree char *english = fold (column->header);
  g_auto(GStrv) synonyms = g_strsplit (column->synonyms, "|", -1);

  if (*folded == '\0')
    return FALSE;
  if (g_str_equal (folded, translated) || g_str_equal (folded, english))
    return TRUE;
  for (guint i = 0; synonyms[i] != NULL; i++)
    if (g_str_equal (folded, synonyms[i]))
      return TRUE;
  return FALSE;
}

static GType
level_type (TissageFlatLevel level)
{
  switch (level)
    {
    case TISSAGE_FLAT_STAKE:
      return TISSAGE_TYPE_STAKE;
    case TISSAGE_FLAT_QUESTION:
      return TISSAGE_TYPE_EVAL_QUESTION;
    case TISSAGE_FLAT_EFFECT:
      return TISSAGE_TYPE_EFFECT;
    case TISSAGE_FLAT_INDICATOR:
    case TISSAGE_FLAT_N_LEVELS:
    default:
      return TISSAGE_TYPE_INDICATOR;
    }
}

static const char * const parent_keys[TISSAGE_FLAT_N_LEVELS] = { NULL, "stake-id", "question-id", "effect-id" };

/* A date as a template holds it: written as a French reader does, in
 * ISO 8601, or a spreadsheet's day number. */
static char *
read_flat_date (const char *text)
{
  g_autofree char *iso = NULL;
  char *end;
  guint64 serial;

  if (tissage_read_date (text, &iso) != TISSAGE_DATE_NONE)
    return g_steal_pointer (&iso);
  serial = g_ascii_strtoull (text, &end, 10);
  if (end != text && (*end == '\0' || g_str_equal (end, ".0")) && serial > 0 && serial < 2958466)
    {
      g_autoptr(GDate) date = g_date_new_dmy (30, G_DATE_DECEMBER, 1899);

      g_date_add_days (date, (guint) serial);
      return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                              g_date_get_day (date));
    }
  return NULL;
}

static gboolean
read_choice (const TissageFlatColumn *column,
             const char              *text,
             int                     *value)
{
  g_autofree char *folded = fold (text);

  for (int v = 0; v < column->n_values; v++)
    {
      g_autofree char *translated = fold (_(column->labels[v]));
      g_autofree char *english = fold (column->labels[v]);

      if (g_str_equal (folded, translated) || g_str_equal (folded, english))
        {
          *value = v;
          return TRUE;
        }
    }
  if (column->value_synonyms != NULL)
    {
      g_auto(GStrv) values = g_strsplit (column->value_synonyms, ";", -1);

      for (int v = 0; values[v] != NULL && v < column->n_values; v++)
        {
          g_auto(GStrv) words = g_strsplit (values[v], "|", -1);

          for (guint w = 0; words[w] != NULL; w++)
            if (g_str_equal (folded, words[w]))
              {
                *value = v;
                return TRUE;
              }
        }
    }
  if (column->kind == TISSAGE_FLAT_BOOLEAN)
    {
      if (g_str_equal (folded, "oui") || g_str_equal (folded, "yes") || g_str_equal (folded, "1"))
        return (*value = 1);
      if (g_str_equal (folded, "non") || g_str_equal (folded, "no") || g_str_equal (folded, "0"))
        {
          *value = 0;
          return TRUE;
        }
    }
  return FALSE;
}

typedef struct {
  GPtrArray *names;    /* const char * */
  GArray    *values;   /* GValue */
} Fields;

static void
fields_init (Fields *fields)
{
  fields->names = g_ptr_array_new ();
  fields->values = g_array_new (FALSE, TRUE, sizeof (GValue));
  g_array_set_clear_func (fields->values, (GDestroyNotify) g_value_unset);
}

static void
fields_clear (Fields *fields)
{
  g_clear_pointer (&fields->names, g_ptr_array_unref);
  g_clear_pointer (&fields->values, g_array_unref);
}

static GValue *
fields_add (Fields     *fields,
            const char *name,
            GType       type)
{
  GValue *value;

  g_ptr_array_add (fields->names, (gpointer) name);
  g_array_set_size (fields->values, fields->values->len + 1);
  value = &g_array_index (fields->values, GValue, fields->values->len - 1);
  g_value_init (value, type);
  return value;
}

/* Whether the cells read so far make the indicator qualitative. */
static gboolean
is_qualitative (Fields *fields)
{
  for (guint i = 0; i < fields->names->len; i++)
    if (g_str_equal (g_ptr_array_index (fields->names, i), "nature"))
      return g_value_get_int (&g_array_index (fields->values, GValue, i)) == TISSAGE_NATURE_QUALITATIVE;
  return FALSE;
}

/* The cells of @row for @level, or FALSE with a French message. */
static gboolean
read_fields (const TissageSheet *sheet,
             guint               row,
             const int          *mapping,
             TissageFlatLevel    level,
             Fields             *fields,
             char              **title,
             GError            **error)
{
  for (guint c = 0; c < G_N_ELEMENTS (flat_columns); c++)
    {
      const TissageFlatColumn *column = &flat_columns[c];
      g_autofree char *text = NULL;

      if (column->level != level || mapping[c] < 0)
        continue;
      text = g_strstrip (g_strdup (tissage_sheet_get_cell (sheet, row, mapping[c])));
      if (*text == '\0')
        continue;

      switch (column->kind)
        {
        case TISSAGE_FLAT_TEXT:
          if (g_str_equal (column->property, "title"))
            *title = g_strdup (text);
          g_value_set_string (fields_add (fields, column->property, G_TYPE_STRING),
                              g_str_equal (column->property, "title") ? text : tissage_sheet_get_cell (sheet, row, mapping[c]));
          break;
        case TISSAGE_FLAT_CHOICE:
        case TISSAGE_FLAT_BOOLEAN:
          {
            int value;

            if (!read_choice (column, text, &value))
              {
                g_autoptr(GString) choices = g_string_new (NULL);

                for (int v = 0; v < column->n_values; v++)
                  g_string_append_printf (choices, "%s%s", v > 0 ? ", " : "", _(column->labels[v]));
                g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                             _("Line %u, “%s”: “%s” is not one of: %s. Nothing was imported."),
                             row + 1, tissage_sheet_get_cell (sheet, 0, mapping[c]), text, choices->str);
                return FALSE;
              }
            if (column->kind == TISSAGE_FLAT_BOOLEAN)
              g_value_set_boolean (fields_add (fields, column->property, G_TYPE_BOOLEAN), value != 0);
            else
              g_value_set_int (fields_add (fields, column->property, G_TYPE_INT), value);
          }
          break;
        case TISSAGE_FLAT_NUMBER:
          {
            double number;

            if (tissage_parse_number (text, &number) && isfinite (number))
              g_value_set_double (fields_add (fields, column->property, G_TYPE_DOUBLE), number);
            else if (!is_qualitative (fields))
              {
                /* Never a number the cell does not hold, nor a word where
                 * the indicator counts. */
                g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                             _("Line %u, “%s”: “%s” is not a number. A baseline or a target in words is that of a qualitative indicator: write “%s” in its “%s” column. Nothing was imported."),
                             row + 1, tissage_sheet_get_cell (sheet, 0, mapping[c]), text,
                             _(natures[TISSAGE_NATURE_QUALITATIVE]), _("Nature"));
                return FALSE;
              }
            else
              {
                /* A qualitative baseline or target: its text. */
                const char *twin = g_str_equal (column->property, "baseline") ? "baseline-text" : "target-text";

                g_value_set_string (fields_add (fields, twin, G_TYPE_STRING), text);
              }
          }
          break;
        case TISSAGE_FLAT_DATE:
          {
            g_autofree char *iso = read_flat_date (text);

            if (iso == NULL)
              {
                g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                             _("Line %u, “%s”: “%s” is not a date. Nothing was imported."),
                             row + 1, tissage_sheet_get_cell (sheet, 0, mapping[c]), text);
                return FALSE;
              }
            g_value_set_string (fields_add (fields, column->property, G_TYPE_STRING), iso);
          }
          break;
        default:
          break;
        }
    }
  return TRUE;
}

static gpointer
find_child (TissageDocument  *document,
            TissageFlatLevel  level,
            gint64            parent,
            const char       *title)
{
  GListModel *model = tissage_document_get_records (document, level_type (level));
  g_autofree char *wanted = fold (title);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) record = g_list_model_get_item (model, i);
      g_autofree char *record_title = NULL;
      gint64 record_parent = 0;
      g_autofree char *folded = NULL;

      g_object_get (record, "title", &record_title, NULL);
      if (parent_keys[level] != NULL)
        g_object_get (record, parent_keys[level], &record_parent, NULL);
      if (record_parent != parent)
        continue;
      folded = fold (record_title);
      if (g_str_equal (folded, wanted))
        return tissage_document_lookup (document, level_type (level), tissage_record_get_id (TISSAGE_RECORD (record)));
    }
  return NULL;
}

static guint
count_children (TissageDocument  *document,
                TissageFlatLevel  level,
                gint64            parent)
{
  GListModel *model = tissage_document_get_records (document, level_type (level));
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) record = g_list_model_get_item (model, i);
      gint64 record_parent = 0;

      if (parent_keys[level] != NULL)
        g_object_get (record, parent_keys[level], &record_parent, NULL);
      n += record_parent == parent;
    }
  return n;
}

static gboolean
set_if_changed (TissageDocument *document,
                gpointer         record,
                const char      *property,
                const GValue    *value,
                gboolean        *changed,
                GError         **error)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (record), property);
  g_auto(GValue) current = G_VALUE_INIT;

  g_value_init (&current, G_VALUE_TYPE (value));
  g_object_get_property (G_OBJECT (record), property, &current);
  if (G_VALUE_HOLDS_DOUBLE (value)
      ? g_value_get_double (&current) == g_value_get_double (value)
      : g_param_values_cmp (pspec, &current, value) == 0)
    return TRUE;
  *changed = TRUE;
  return tissage_document_set_value (document, record, property, value, error);
}

/* The record of @level titled as the row says under @parent, updated or
 * added; 0 when the row has no title there. */
static gboolean
place (TissageDocument    *document,
       const TissageSheet *sheet,
       guint               row,
       const int          *mapping,
       TissageFlatLevel    level,
       gint64              parent,
       gint64             *id,
       TissageFlatSummary *summary,
       GError            **error)
{
  Fields fields;
  g_autofree char *title = NULL;
  gpointer record;
  gboolean ok = TRUE;

  fields_init (&fields);
  if (!read_fields (sheet, row, mapping, level, &fields, &title, error))
    {
      fields_clear (&fields);
      return FALSE;
    }
  if (title == NULL)
    {
      *id = 0;
      fields_clear (&fields);
      return TRUE;
    }

  record = find_child (document, level, parent, title);
  if (record != NULL)
    {
      gboolean changed = FALSE;

      for (guint i = 0; ok && i < fields.names->len; i++)
        ok = set_if_changed (document, record, g_ptr_array_index (fields.names, i),
                             &g_array_index (fields.values, GValue, i), &changed, error);
      *id = tissage_record_get_id (TISSAGE_RECORD (record));
      summary->updated[level] += changed;
    }
  else
    {
      g_autoptr(TissageRecord) added = NULL;

      if (parent_keys[level] != NULL)
        g_value_set_int64 (fields_add (&fields, parent_keys[level], G_TYPE_INT64), parent);
      g_value_set_int (fields_add (&fields, "position", G_TYPE_INT), (int) count_children (document, level, parent));
      added = tissage_document_insert_values (document, level_type (level), fields.names->len,
                                              (const char **) fields.names->pdata,
                                              (const GValue *) fields.values->data, error);
      ok = added != NULL;
      if (ok)
        {
          *id = tissage_record_get_id (added);
          summary->created[level]++;
        }
    }
  fields_clear (&fields);
  return ok;
}

char *
tissage_referentiel_flat_describe (const TissageFlatSummary *summary)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  guint updated = 0;

  g_return_val_if_fail (summary != NULL, NULL);

  if (summary->created[TISSAGE_FLAT_STAKE] > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (NULL, "%u stake added", "%u stakes added",
                                                          summary->created[TISSAGE_FLAT_STAKE]),
                                             summary->created[TISSAGE_FLAT_STAKE]));
  if (summary->created[TISSAGE_FLAT_QUESTION] > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (NULL, "%u evaluation question added", "%u evaluation questions added",
                                                          summary->created[TISSAGE_FLAT_QUESTION]),
                                             summary->created[TISSAGE_FLAT_QUESTION]));
  if (summary->created[TISSAGE_FLAT_EFFECT] > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (NULL, "%u expected effect added", "%u expected effects added",
                                                          summary->created[TISSAGE_FLAT_EFFECT]),
                                             summary->created[TISSAGE_FLAT_EFFECT]));
  if (summary->created[TISSAGE_FLAT_INDICATOR] > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (NULL, "%u indicator added", "%u indicators added",
                                                          summary->created[TISSAGE_FLAT_INDICATOR]),
                                             summary->created[TISSAGE_FLAT_INDICATOR]));
  for (guint l = 0; l < TISSAGE_FLAT_N_LEVELS; l++)
    updated += summary->updated[l];
  if (updated > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (NULL, "%u element updated", "%u elements updated", updated),
                                             updated));
  if (parts->len == 0)
    return NULL;
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (", ", (GStrv) parts->pdata);
}

/* The first sheet of @book that holds a référentiel, and the column of
 * each of flat_columns in it (-1: none). */
static const TissageSheet *
find_sheet (TissageSpreadsheet *book,
            int                *mapping)
{
  for (guint s = 0; s < book->sheets->len; s++)
    {
      const TissageSheet *candidate = g_ptr_array_index (book->sheets, s);

      if (strstr (candidate->name, "(ignore)") != NULL)
        continue;
      for (guint c = 0; c < G_N_ELEMENTS (flat_columns); c++)
        mapping[c] = -1;
      for (guint h = 0; h < candidate->n_columns; h++)
        {
          g_autofree char *folded = fold (tissage_sheet_get_cell (candidate, 0, h));

          for (guint c = 0; c < G_N_ELEMENTS (flat_columns); c++)
            if (mapping[c] < 0 && header_matches (&flat_columns[c], folded))
              {
                mapping[c] = h;
                break;
              }
        }
      /* A stake and something under it. */
      if (mapping[0] >= 0 && (mapping[3] >= 0 || mapping[7] >= 0))
        return candidate;
    }
  return NULL;
}

GStrv
tissage_referentiel_flat_dup_ignored_columns (TissageSpreadsheet *book)
{
  int mapping[G_N_ELEMENTS (flat_columns)];
  const TissageSheet *sheet;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (book != NULL, NULL);

  sheet = find_sheet (book, mapping);
  for (guint h = 0; sheet != NULL && h < sheet->n_columns; h++)
    {
      gboolean mapped = FALSE, any = FALSE;
      g_autofree char *header = g_strstrip (g_strdup (tissage_sheet_get_cell (sheet, 0, h)));

      for (guint c = 0; c < G_N_ELEMENTS (flat_columns) && !mapped; c++)
        mapped = mapping[c] == (int) h;
      for (guint r = 1; r < tissage_sheet_get_n_rows (sheet) && !any && !mapped; r++)
        any = *tissage_sheet_get_cell (sheet, r, h) != '\0';
      if (mapped || !any)
        continue;
      if (*header != '\0')
        g_strv_builder_add (builder, header);
      else
        {
          /* TRANSLATORS: a column without a header, numbered from 1 */
          g_autofree char *numbered = g_strdup_printf (_("column %u"), h + 1);

          g_strv_builder_add (builder, numbered);
        }
    }
  return g_strv_builder_end (builder);
}

gboolean
tissage_referentiel_import (TissageDocument    *document,
                            TissageSpreadsheet *book,
                            TissageFlatSummary *summary,
                            GError            **error)
{
  int mapping[G_N_ELEMENTS (flat_columns)];
  TissageFlatSummary local = { { 0, }, };
  const TissageSheet *sheet = NULL;
  gint64 ids[TISSAGE_FLAT_N_LEVELS] = { 0, };
  gboolean ok = TRUE;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (book != NULL, FALSE);

  if (summary == NULL)
    summary = &local;
  memset (summary, 0, sizeof *summary);

  sheet = find_sheet (book, mapping);

  if (sheet == NULL)
    {
      g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                           _("No sheet of this file holds a référentiel: its first row names the columns “Stake”, “Evaluation question”, “Expected effect” and “Indicator”, one row per indicator below."));
      return FALSE;
    }

  if (!tissage_document_begin (document, _("Import Référentiel"), error))
    return FALSE;

  for (guint r = 1; ok && r < tissage_sheet_get_n_rows (sheet); r++)
    {
      gint64 parent = 0;
      gboolean carried = TRUE;
      gboolean any = FALSE;

      for (guint c = 0; c < sheet->n_columns; c++)
        any = any || *tissage_sheet_get_cell (sheet, r, c) != '\0';
      if (!any)
        continue;

      for (TissageFlatLevel level = TISSAGE_FLAT_STAKE; ok && level < TISSAGE_FLAT_N_LEVELS; level++)
        {
          gint64 id = 0;

          ok = place (document, sheet, r, mapping, level, parent, &id, summary, error);
          if (!ok)
            break;
          if (id == 0 && carried && level != TISSAGE_FLAT_INDICATOR)
            /* An empty cell: the one above, as a merged cell reads. */
            id = ids[level];
          else if (id != ids[level])
            {
              carried = FALSE;
              for (guint below = level + 1; below < TISSAGE_FLAT_N_LEVELS; below++)
                ids[below] = 0;
            }
          ids[level] = id;
          if (id == 0)
            {
              /* What is under nothing has no place. */
              gboolean more = FALSE;

              for (guint c = 0; c < G_N_ELEMENTS (flat_columns); c++)
                if (flat_columns[c].level > level && mapping[c] >= 0 &&
                    *tissage_sheet_get_cell (sheet, r, mapping[c]) != '\0')
                  more = TRUE;
              if (more)
                summary->skipped_lines++;
              break;
            }
          parent = id;
        }
    }

  if (ok && summary->created[0] + summary->created[1] + summary->created[2] + summary->created[3] +
            summary->updated[0] + summary->updated[1] + summary->updated[2] + summary->updated[3] == 0)
    {
      tissage_document_rollback (document);
      return TRUE;
    }
  if (ok)
    ok = tissage_document_commit (document, error);
  if (!ok)
    tissage_document_rollback (document);
  return ok;
}

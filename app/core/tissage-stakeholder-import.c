/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-core"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tissage-stakeholder-import.h"
#include "tissage-text.h"

static const char * const column_labels[TISSAGE_STAKEHOLDER_N_COLUMNS] = {
  [TISSAGE_STAKEHOLDER_COLUMN_IGNORE] = N_("Ignore"),
  [TISSAGE_STAKEHOLDER_COLUMN_NAME] = N_("Name"),
  [TISSAGE_STAKEHOLDER_COLUMN_CATEGORY] = N_("Category"),
  [TISSAGE_STAKEHOLDER_COLUMN_DESCRIPTION] = N_("Description"),
  [TISSAGE_STAKEHOLDER_COLUMN_INFLUENCE] = N_("Influence"),
  [TISSAGE_STAKEHOLDER_COLUMN_INTEREST] = N_("Interest"),
  [TISSAGE_STAKEHOLDER_COLUMN_PROXIMITY] = N_("Proximity"),
  [TISSAGE_STAKEHOLDER_COLUMN_STRUCTURE] = N_("Member structure"),
  [TISSAGE_STAKEHOLDER_COLUMN_MEMBER] = N_("Member of the collective"),
  [TISSAGE_STAKEHOLDER_COLUMN_CONTACT] = N_("Contact"),
  [TISSAGE_STAKEHOLDER_COLUMN_TAGS] = N_("Tags"),
  [TISSAGE_STAKEHOLDER_COLUMN_ID] = N_("Identifier"),
};

/* Headers as collectives and Kumu write them, folded. */
static const struct {
  const char               *header;
  TissageStakeholderColumn  column;
} known_headers[] = {
  { "label", TISSAGE_STAKEHOLDER_COLUMN_NAME },
  { "nom", TISSAGE_STAKEHOLDER_COLUMN_NAME },
  { "name", TISSAGE_STAKEHOLDER_COLUMN_NAME },
  { "partie prenante", TISSAGE_STAKEHOLDER_COLUMN_NAME },
  { "acteur", TISSAGE_STAKEHOLDER_COLUMN_NAME },
  { "organisation", TISSAGE_STAKEHOLDER_COLUMN_NAME },
  { "type", TISSAGE_STAKEHOLDER_COLUMN_CATEGORY },
  { "categorie", TISSAGE_STAKEHOLDER_COLUMN_CATEGORY },
  { "category", TISSAGE_STAKEHOLDER_COLUMN_CATEGORY },
  { "description", TISSAGE_STAKEHOLDER_COLUMN_DESCRIPTION },
  { "presentation", TISSAGE_STAKEHOLDER_COLUMN_DESCRIPTION },
  { "influence", TISSAGE_STAKEHOLDER_COLUMN_INFLUENCE },
  { "pouvoir", TISSAGE_STAKEHOLDER_COLUMN_INFLUENCE },
  { "interet", TISSAGE_STAKEHOLDER_COLUMN_INTEREST },
  { "interest", TISSAGE_STAKEHOLDER_COLUMN_INTEREST },
  { "proximite", TISSAGE_STAKEHOLDER_COLUMN_PROXIMITY },
  { "proximity", TISSAGE_STAKEHOLDER_COLUMN_PROXIMITY },
  { "cercle", TISSAGE_STAKEHOLDER_COLUMN_PROXIMITY },
  { "structure", TISSAGE_STAKEHOLDER_COLUMN_STRUCTURE },
  { "structure membre", TISSAGE_STAKEHOLDER_COLUMN_STRUCTURE },
  { "member structure", TISSAGE_STAKEHOLDER_COLUMN_STRUCTURE },
  { "membre", TISSAGE_STAKEHOLDER_COLUMN_MEMBER },
  { "member", TISSAGE_STAKEHOLDER_COLUMN_MEMBER },
  { "membre du collectif", TISSAGE_STAKEHOLDER_COLUMN_MEMBER },
  { "contact", TISSAGE_STAKEHOLDER_COLUMN_CONTACT },
  { "contacts", TISSAGE_STAKEHOLDER_COLUMN_CONTACT },
  { "courriel", TISSAGE_STAKEHOLDER_COLUMN_CONTACT },
  { "email", TISSAGE_STAKEHOLDER_COLUMN_CONTACT },
  { "telephone", TISSAGE_STAKEHOLDER_COLUMN_CONTACT },
  { "tags", TISSAGE_STAKEHOLDER_COLUMN_TAGS },
  { "etiquettes", TISSAGE_STAKEHOLDER_COLUMN_TAGS },
  { "mots cles", TISSAGE_STAKEHOLDER_COLUMN_TAGS },
  { "id", TISSAGE_STAKEHOLDER_COLUMN_ID },
  { "uuid", TISSAGE_STAKEHOLDER_COLUMN_ID },
  { "identifiant", TISSAGE_STAKEHOLDER_COLUMN_ID },
};

/* A stakeholder the import knows: one of the project (id > 0) or a row
 * of the file that adds one (the row's index). */
typedef struct {
  gint64 id;
  guint  row;
} Entity;

typedef struct {
  TissageRowAction action;
  gboolean         refused;    /* a cell could not be read: the row is left out */
  gint64           existing;   /* UPDATE of the project's stakeholder */
  guint            first_row;  /* UPDATE of what an earlier row adds, else 0 */
  gboolean         by_id;      /* found by its UUID: its name may change */
  gboolean         has[TISSAGE_STAKEHOLDER_N_COLUMNS];
  char            *name;
  char            *category;   /* folded, to categories_by_name */
  gint64           category_id;
  char            *description;
  int              influence;
  int              interest;
  int              proximity;
  gint64           structure_id;
  gboolean         member;
  char            *contact;
  GStrv            tags;
} PlannedRow;

typedef struct {
  Entity source;
  Entity target;
  char  *kind;
  int    strength;
  char  *note;
  gint64 existing;   /* a link of the project between them, of that kind */
} PlannedLink;

struct _TissageStakeholderImport {
  TissageDocument        *document;
  TissageSpreadsheet     *book;
  TissageSheet           *sheet;
  TissageSheet           *links;
  gboolean                kumu;
  TissageStakeholderColumn *columns;
  TissageDuplicatePolicy  policy;

  /* The check */
  TissageStakeholderPlan  plan;
  GArray                 *rows;       /* PlannedRow, one per row of the sheet, 0 the header */
  GArray                 *planned_links;
  GHashTable             *new_categories; /* folded name → the name as written */
  GHashTable             *structures_by_name; /* during the check */
};

const char *
tissage_stakeholder_column_to_label (TissageStakeholderColumn column)
{
  g_return_val_if_fail (column < TISSAGE_STAKEHOLDER_N_COLUMNS, NULL);
  return _(column_labels[column]);
}

static void
replace_str (char      **slot,
             const char *text)
{
  char *copy = g_strdup (text);

  g_free (*slot);
  *slot = copy;
}

static char *
fold (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  return tissage_text_fold_words (stripped);
}

/* Tags are joined by ", " unless one holds a comma: then by " | ", which
 * no tag holds, as Kumu separates them by "|". */
#define TAGS_SEPARATOR ", "
#define TAGS_SEPARATOR_WITH_COMMAS " | "

char *
tissage_stakeholder_description_with_tags (const char         *description,
                                           const char * const *tags)
{
  g_autofree char *joined = NULL;
  g_autofree char *line = NULL;
  const char *separator = TAGS_SEPARATOR;

  if (tags == NULL || tags[0] == NULL)
    return g_strdup (description != NULL ? description : "");
  for (guint i = 0; tags[i] != NULL; i++)
    if (strchr (tags[i], ',') != NULL)
      separator = TAGS_SEPARATOR_WITH_COMMAS;
  joined = g_strjoinv (separator, (GStrv) tags);
  /* TRANSLATORS: the last line of a stakeholder's description, with the tags an import brought */
  line = g_strdup_printf (_("Tags: %s"), joined);
  if (description == NULL || *description == '\0')
    return g_steal_pointer (&line);
  return g_strconcat (description, "\n\n", line, NULL);
}

/* The length of the prefix of the tags' line that @line starts with, 0
 * for another line. The line is read in English and French whatever the
 * language of the interface, so that a project written in one and
 * exported in the other keeps its tags apart from its description. */
static gsize
tags_prefix_length (const char *line)
{
  g_autofree char *translated = g_strdup_printf (_("Tags: %s"), "");
  const char *prefixes[] = { translated, "Tags: ", "Étiquettes\u00a0: ", "Étiquettes\u202f: ",
                             "Étiquettes : ", "Étiquettes: " };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (*prefixes[i] != '\0' && g_str_has_prefix (line, prefixes[i]) && line[strlen (prefixes[i])] != '\0')
      return strlen (prefixes[i]);
  return 0;
}

char *
tissage_stakeholder_split_tags (const char *description,
                                GStrv      *tags)
{
  const char *text = description != NULL ? description : "";
  const char *line = strrchr (text, '\n');
  const char *start = line != NULL ? line + 1 : text;
  gsize prefix = tags_prefix_length (start);
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) parts = NULL;
  gsize keep;

  *tags = NULL;
  if (prefix == 0)
    return g_strdup (text);

  parts = g_strsplit (start + prefix, strstr (start + prefix, TAGS_SEPARATOR_WITH_COMMAS) != NULL
                                      ? TAGS_SEPARATOR_WITH_COMMAS : TAGS_SEPARATOR, -1);
  builder = g_strv_builder_new ();
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }
  *tags = g_strv_builder_end (builder);
  keep = start - text;
  while (keep > 0 && text[keep - 1] == '\n')
    keep--;
  return g_strndup (text, keep);
}

static void
planned_row_clear (gpointer data)
{
  PlannedRow *row = data;

  g_free (row->name);
  g_free (row->category);
  g_free (row->description);
  g_free (row->contact);
  g_strfreev (row->tags);
}

static void
planned_link_clear (gpointer data)
{
  PlannedLink *link = data;

  g_free (link->kind);
  g_free (link->note);
}

static gboolean
is_ignored (const TissageSheet *sheet)
{
  return strstr (sheet->name, "(ignore)") != NULL;
}

static gboolean
is_links_sheet (const TissageSheet *sheet)
{
  g_autofree char *first = fold (tissage_sheet_get_cell (sheet, 0, 0));
  g_autofree char *second = fold (tissage_sheet_get_cell (sheet, 0, 1));

  return (g_str_equal (first, "from") && g_str_equal (second, "to")) ||
         (g_str_equal (first, "de") && g_str_equal (second, "vers")) ||
         (g_str_equal (first, "source") && g_str_equal (second, "cible"));
}

static void
propose (TissageStakeholderImport *self)
{
  for (guint c = 0; c < self->sheet->n_columns; c++)
    {
      g_autofree char *header = fold (tissage_sheet_get_cell (self->sheet, 0, c));

      self->columns[c] = TISSAGE_STAKEHOLDER_COLUMN_IGNORE;
      for (guint k = 0; k < G_N_ELEMENTS (known_headers); k++)
        if (g_str_equal (header, known_headers[k].header))
          {
            tissage_stakeholder_import_set_column (self, c, known_headers[k].column);
            break;
          }
    }
}

TissageStakeholderImport *
tissage_stakeholder_import_new (TissageDocument     *document,
                                TissageSpreadsheet  *book,
                                GError             **error)
{
  g_autoptr(TissageStakeholderImport) self = g_new0 (TissageStakeholderImport, 1);

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (book != NULL, NULL);

  self->document = g_object_ref (document);
  self->book = book;
  self->rows = g_array_new (FALSE, TRUE, sizeof (PlannedRow));
  g_array_set_clear_func (self->rows, planned_row_clear);
  self->planned_links = g_array_new (FALSE, TRUE, sizeof (PlannedLink));
  g_array_set_clear_func (self->planned_links, planned_link_clear);
  self->plan.reasons = g_ptr_array_new_with_free_func (g_free);
  self->new_categories = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  /* An XLSForm (its "survey" and "choices" sheets) has a "name" and a
   * "type" column too: its questions are no stakeholders. */
  {
    gboolean survey = FALSE, choices = FALSE;

    for (guint i = 0; i < book->sheets->len; i++)
      {
        TissageSheet *sheet = g_ptr_array_index (book->sheets, i);

        survey = survey || g_ascii_strcasecmp (sheet->name, "survey") == 0;
        choices = choices || g_ascii_strcasecmp (sheet->name, "choices") == 0;
      }
    if (survey && choices)
      {
        g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                             _("This file is a form (XLSForm, for KoboToolbox or ODK), not a list of stakeholders."));
        return NULL;
      }
  }

  for (guint i = 0; i < book->sheets->len; i++)
    {
      TissageSheet *sheet = g_ptr_array_index (book->sheets, i);

      if (is_ignored (sheet) || tissage_sheet_get_n_rows (sheet) == 0)
        continue;
      if (is_links_sheet (sheet))
        {
          if (self->links == NULL)
            self->links = sheet;
        }
      else if (self->sheet == NULL)
        self->sheet = sheet;
    }

  if (self->sheet == NULL)
    {
      g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                           _("No sheet of this file lists stakeholders: the first row of a sheet names its columns, the rows below hold a stakeholder each."));
      return NULL;
    }

  {
    g_autofree char *first = fold (tissage_sheet_get_cell (self->sheet, 0, 0));

    self->kumu = g_str_equal (first, "label");
  }
  self->columns = g_new0 (TissageStakeholderColumn, MAX (self->sheet->n_columns, 1));
  propose (self);
  return g_steal_pointer (&self);
}

void
tissage_stakeholder_import_free (TissageStakeholderImport *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->document);
  g_clear_pointer (&self->book, tissage_spreadsheet_free);
  g_free (self->columns);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->planned_links, g_array_unref);
  g_clear_pointer (&self->plan.reasons, g_ptr_array_unref);
  g_clear_pointer (&self->new_categories, g_hash_table_unref);
  g_free (self);
}

gboolean
tissage_stakeholder_import_is_kumu (TissageStakeholderImport *self)
{
  return self->kumu;
}

gboolean
tissage_stakeholder_import_is_converted (TissageStakeholderImport *self)
{
  return self->book->converted;
}

const TissageSheet *
tissage_stakeholder_import_get_sheet (TissageStakeholderImport *self)
{
  return self->sheet;
}

const TissageSheet *
tissage_stakeholder_import_get_links_sheet (TissageStakeholderImport *self)
{
  return self->links;
}

guint
tissage_stakeholder_import_get_n_columns (TissageStakeholderImport *self)
{
  return self->sheet->n_columns;
}

const char *
tissage_stakeholder_import_get_header (TissageStakeholderImport *self,
                                       guint                     column)
{
  return tissage_sheet_get_cell (self->sheet, 0, column);
}

TissageStakeholderColumn
tissage_stakeholder_import_get_column (TissageStakeholderImport *self,
                                       guint                     column)
{
  g_return_val_if_fail (column < self->sheet->n_columns, TISSAGE_STAKEHOLDER_COLUMN_IGNORE);
  return self->columns[column];
}

void
tissage_stakeholder_import_set_column (TissageStakeholderImport *self,
                                       guint                     column,
                                       TissageStakeholderColumn  target)
{
  g_return_if_fail (column < self->sheet->n_columns);
  g_return_if_fail (target < TISSAGE_STAKEHOLDER_N_COLUMNS);

  if (target != TISSAGE_STAKEHOLDER_COLUMN_IGNORE)
    for (guint c = 0; c < self->sheet->n_columns; c++)
      if (self->columns[c] == target)
        self->columns[c] = TISSAGE_STAKEHOLDER_COLUMN_IGNORE;
  self->columns[column] = target;
}

static gboolean
column_holds_something (const TissageSheet *sheet,
                        guint               column)
{
  for (guint r = 1; r < tissage_sheet_get_n_rows (sheet); r++)
    if (*tissage_sheet_get_cell (sheet, r, column) != '\0')
      return TRUE;
  return FALSE;
}

/* The columns of a links' sheet that plan_links() reads or knows. */
static gboolean
is_links_header (const char *folded)
{
  static const char * const known[] = {
    "type", "nature", "kind", "strength", "force", "intensite", "description", "note", "notes",
    /* Kumu's: Tissage's links go both ways and have their own UUIDs. */
    "direction", "id", "uuid", "identifiant",
  };

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_str_equal (folded, known[i]))
      return TRUE;
  return FALSE;
}

GStrv
tissage_stakeholder_import_dup_ignored_columns (TissageStakeholderImport *self,
                                                gboolean                  links)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const TissageSheet *sheet = links ? self->links : self->sheet;

  g_return_val_if_fail (self != NULL, NULL);

  for (guint c = links ? 2 : 0; sheet != NULL && c < sheet->n_columns; c++)
    {
      const char *header = tissage_sheet_get_cell (sheet, 0, c);
      g_autofree char *folded = fold (header);
      g_autofree char *stripped = g_strstrip (g_strdup (header));

      if (links ? is_links_header (folded) : self->columns[c] != TISSAGE_STAKEHOLDER_COLUMN_IGNORE)
        continue;
      if (!column_holds_something (sheet, c))
        continue;
      if (*stripped != '\0')
        g_strv_builder_add (builder, stripped);
      else
        {
          /* TRANSLATORS: a column without a header, numbered from 1 */
          g_autofree char *numbered = g_strdup_printf (_("column %u"), c + 1);

          g_strv_builder_add (builder, numbered);
        }
    }
  return g_strv_builder_end (builder);
}

void
tissage_stakeholder_import_set_policy (TissageStakeholderImport *self,
                                       TissageDuplicatePolicy    policy)
{
  self->policy = policy;
}

/* --- reading a cell --- */

static void
add_reason (TissageStakeholderImport *self,
            const TissageSheet       *sheet,
            guint                     row,
            guint                     column,
            const char               *problem)
{
  const char *header = tissage_sheet_get_cell (sheet, 0, column);

  /* TRANSLATORS: "line 4, “Influence”: …"; the line as the spreadsheet numbers it */
  g_ptr_array_add (self->plan.reasons, g_strdup_printf (_("line %u, “%s”: %s"), row + 1, header, problem));
}

/* 0–100, as Tissage keeps influence and interest; "80", "80 %", "0,8"
 * (a share) read alike. */
static gboolean
parse_score (const char *text,
             int        *score)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *end;
  double value;
  gboolean percent;

  percent = g_str_has_suffix (copy, "%");
  if (percent)
    {
      copy[strlen (copy) - 1] = '\0';
      g_strstrip (copy);
    }
  g_strdelimit (copy, ",", '.');
  value = g_ascii_strtod (copy, &end);
  if (end == copy || *end != '\0' || !isfinite (value))
    return FALSE;
  if (!percent && value > 0 && value < 1 && strchr (copy, '.') != NULL)
    value *= 100;
  if (value < 0 || value > 100)
    return FALSE;
  *score = (int) lround (value);
  return TRUE;
}

static gboolean
parse_proximity (const char *text,
                 int        *proximity)
{
  static const char * const english[] = { "core", "engaged", "periphery", "external" };
  static const char * const french[] = { "coeur", "engage", "peripherie", "externe" };
  g_autofree char *folded = fold (text);

  for (int p = 0; p < TISSAGE_N_PROXIMITIES; p++)
    {
      g_autofree char *label = fold (tissage_proximity_to_label (p));
      g_autofree char *number = g_strdup_printf ("%d", p);

      if (g_str_equal (folded, label) || g_str_equal (folded, english[p]) ||
          g_str_equal (folded, french[p]) || g_str_equal (folded, number))
        {
          *proximity = p;
          return TRUE;
        }
    }
  /* "Cœur" folds to "cur" or "coeur" depending on the normalisation. */
  if (g_str_has_prefix (folded, "c") && g_str_has_suffix (folded, "ur") && strlen (folded) <= 6)
    {
      *proximity = TISSAGE_PROXIMITY_CORE;
      return TRUE;
    }
  return FALSE;
}

static gboolean
parse_yes_no (const char *text,
              gboolean   *yes)
{
  static const char * const yes_words[] = { "oui", "yes", "true", "vrai", "1", "x", "membre" };
  static const char * const no_words[] = { "non", "no", "false", "faux", "0" };
  g_autofree char *folded = fold (text);

  for (guint i = 0; i < G_N_ELEMENTS (yes_words); i++)
    if (g_str_equal (folded, yes_words[i]))
      return (*yes = TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (no_words); i++)
    if (g_str_equal (folded, no_words[i]))
      {
        *yes = FALSE;
        return TRUE;
      }
  return FALSE;
}

/* Kumu and the import dialog separate several values with "|". */
static GStrv
split_values (const char *text)
{
  g_auto(GStrv) parts = g_strsplit_set (text, "|", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }
  return g_strv_builder_end (builder);
}

/* The records of @model by their folded name (the first of a name) and,
 * with @uuids, by their UUID: one pass, then a lookup per row. */
static GHashTable *
index_records (GListModel  *model,
               const char *(*get_name) (gpointer),
               GHashTable  *uuids)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TissageRecord) record = g_list_model_get_item (model, i);
      gpointer id = GSIZE_TO_POINTER ((gsize) tissage_record_get_id (record));
      char *name = fold (get_name (record));

      if (!g_hash_table_contains (names, name))
        g_hash_table_insert (names, name, id);
      else
        g_free (name);
      if (uuids != NULL)
        g_hash_table_insert (uuids, g_strdup (tissage_record_get_uuid (record)), id);
    }
  return names;
}

static gint64
find_indexed (GHashTable *index,
              const char *key)
{
  return (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (index, key));
}

static const char *
stakeholder_name (gpointer record)
{
  return tissage_stakeholder_get_name (record);
}

static const char *
category_name (gpointer record)
{
  return tissage_category_get_name (record);
}

static const char *
structure_name (gpointer record)
{
  return tissage_structure_get_name (record);
}

static void
read_row (TissageStakeholderImport *self,
          guint                     r,
          PlannedRow               *row)
{
  for (guint c = 0; c < self->sheet->n_columns; c++)
    {
      const char *cell = tissage_sheet_get_cell (self->sheet, r, c);
      g_autofree char *text = g_strstrip (g_strdup (cell));
      TissageStakeholderColumn target = self->columns[c];

      if (*text == '\0' || target == TISSAGE_STAKEHOLDER_COLUMN_IGNORE || target == TISSAGE_STAKEHOLDER_COLUMN_ID)
        continue;

      switch (target)
        {
        case TISSAGE_STAKEHOLDER_COLUMN_NAME:
          if (g_utf8_strlen (text, -1) > TISSAGE_NAME_MAX_CHARS)
            {
              g_autofree char *problem = g_strdup_printf (_("a name has at most %d characters"), TISSAGE_NAME_MAX_CHARS);

              add_reason (self, self->sheet, r, c, problem);
              row->refused = TRUE;
              continue;
            }
          if (tissage_text_looks_garbled (text))
            {
              /* Never a second stakeholder whose name differs from the
               * project's by its garbled accents. */
              g_autofree char *problem = g_strdup_printf (_("the accents of “%s” are garbled: correct them in the file"), text);

              add_reason (self, self->sheet, r, c, problem);
              row->refused = TRUE;
              continue;
            }
          row->name = g_steal_pointer (&text);
          break;
        case TISSAGE_STAKEHOLDER_COLUMN_CATEGORY:
          {
            g_auto(GStrv) values = split_values (text);

            if (values[0] == NULL)
              continue;
            /* Kumu's Type may hold several: the first is the category. */
            row->category = g_strdup (values[0]);
          }
          break;
        case TISSAGE_STAKEHOLDER_COLUMN_DESCRIPTION:
          row->description = g_strdup (cell);
          break;
        case TISSAGE_STAKEHOLDER_COLUMN_INFLUENCE:
        case TISSAGE_STAKEHOLDER_COLUMN_INTEREST:
          if (!parse_score (text, target == TISSAGE_STAKEHOLDER_COLUMN_INFLUENCE ? &row->influence : &row->interest))
            {
              g_autofree char *problem = g_strdup_printf (_("“%s” is not a score from 0 to 100"), text);

              add_reason (self, self->sheet, r, c, problem);
              row->refused = TRUE;
              continue;
            }
          break;
        case TISSAGE_STAKEHOLDER_COLUMN_PROXIMITY:
          if (!parse_proximity (text, &row->proximity))
            {
              g_autofree char *problem =
                g_strdup_printf (_("“%s” is no proximity: %s, %s, %s or %s"), text,
                                 tissage_proximity_to_label (0), tissage_proximity_to_label (1),
                                 tissage_proximity_to_label (2), tissage_proximity_to_label (3));

              add_reason (self, self->sheet, r, c, problem);
              row->refused = TRUE;
              continue;
            }
          break;
        case TISSAGE_STAKEHOLDER_COLUMN_STRUCTURE:
          {
            g_autofree char *folded = fold (text);

            row->structure_id = find_indexed (self->structures_by_name, folded);
            if (row->structure_id == 0)
              {
                /* Another project's structure: the stakeholder comes
                 * without it, and the user is told. */
                g_autofree char *problem =
                  g_strdup_printf (_("the project has no member structure “%s”: the stakeholder comes without one"), text);

                add_reason (self, self->sheet, r, c, problem);
                continue;
              }
          }
          break;
        case TISSAGE_STAKEHOLDER_COLUMN_MEMBER:
          if (!parse_yes_no (text, &row->member))
            {
              g_autofree char *problem = g_strdup_printf (_("“%s” is neither yes nor no"), text);

              add_reason (self, self->sheet, r, c, problem);
              row->refused = TRUE;
              continue;
            }
          break;
        case TISSAGE_STAKEHOLDER_COLUMN_CONTACT:
          row->contact = g_strdup (cell);
          break;
        case TISSAGE_STAKEHOLDER_COLUMN_TAGS:
          row->tags = split_values (text);
          break;
        case TISSAGE_STAKEHOLDER_COLUMN_IGNORE:
        case TISSAGE_STAKEHOLDER_COLUMN_ID:
        case TISSAGE_STAKEHOLDER_N_COLUMNS:
        default:
          continue;
        }
      row->has[target] = TRUE;
    }
}

static gboolean
lookup_entity (GHashTable *entities,
               const char *key,
               Entity     *entity)
{
  Entity *found = g_hash_table_lookup (entities, key);

  if (found == NULL)
    return FALSE;
  *entity = *found;
  return TRUE;
}

static void
remember (GHashTable *entities,
          const char *key,
          Entity      entity)
{
  if (key == NULL || *key == '\0' || g_hash_table_contains (entities, key))
    return;
  g_hash_table_insert (entities, g_strdup (key), g_memdup2 (&entity, sizeof entity));
}

static void
plan_links (TissageStakeholderImport *self,
            GHashTable               *entities)
{
  const TissageSheet *sheet = self->links;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) project_links = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GListModel *links = tissage_document_get_links (self->document);
  int kind_column = -1, strength_column = -1, note_column = -1;

  /* The project's links by their two ends, either way, and their kind, as
   * tissage_document_find_link() matches them. */
  for (guint i = 0; i < g_list_model_get_n_items (links); i++)
    {
      g_autoptr(TissageLink) link = g_list_model_get_item (links, i);
      gint64 a = tissage_link_get_source_id (link), b = tissage_link_get_target_id (link);
      g_autofree char *kind = g_utf8_casefold (tissage_link_get_kind (link), -1);

      g_hash_table_insert (project_links,
                           g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%s", MIN (a, b), MAX (a, b), kind),
                           link);
    }

  for (guint c = 2; c < sheet->n_columns; c++)
    {
      g_autofree char *header = fold (tissage_sheet_get_cell (sheet, 0, c));

      if (g_str_equal (header, "type") || g_str_equal (header, "nature") || g_str_equal (header, "kind"))
        kind_column = c;
      else if (g_str_equal (header, "strength") || g_str_equal (header, "force") || g_str_equal (header, "intensite"))
        strength_column = c;
      else if (g_str_equal (header, "description") || g_str_equal (header, "note") || g_str_equal (header, "notes"))
        note_column = c;
    }

  for (guint r = 1; r < tissage_sheet_get_n_rows (sheet); r++)
    {
      g_auto(GStrv) sources = split_values (tissage_sheet_get_cell (sheet, r, 0));
      g_auto(GStrv) targets = split_values (tissage_sheet_get_cell (sheet, r, 1));
      g_autofree char *kind = kind_column >= 0 ? g_strstrip (g_strdup (tissage_sheet_get_cell (sheet, r, kind_column)))
                                               : g_strdup ("");
      const char *note = note_column >= 0 ? tissage_sheet_get_cell (sheet, r, note_column) : "";
      int strength = 2;
      gboolean has_strength = FALSE;

      if (sources[0] == NULL && targets[0] == NULL)
        continue;
      if (*kind == '\0')
        replace_str (&kind, "coopération");
      if (strength_column >= 0 && *tissage_sheet_get_cell (sheet, r, strength_column) != '\0')
        {
          const char *text = tissage_sheet_get_cell (sheet, r, strength_column);
          double value;
          char *end;
          g_autofree char *copy = g_strdelimit (g_strstrip (g_strdup (text)), ",", '.');

          value = g_ascii_strtod (copy, &end);
          if (end == copy || *end != '\0' || !(value >= 1 && value <= 3))
            {
              g_autofree char *problem = g_strdup_printf (_("“%s” is not a strength from 1 to 3"), text);

              /* Its links are left out, never made of a strength the
               * file does not give. */
              add_reason (self, sheet, r, strength_column, problem);
              self->plan.links_refused += MAX (g_strv_length (sources) * g_strv_length (targets), 1);
              continue;
            }
          else
            {
              strength = (int) lround (value);
              has_strength = TRUE;
            }
        }

      for (guint s = 0; sources[s] != NULL; s++)
        for (guint t = 0; targets[t] != NULL; t++)
          {
            Entity ends[2];
            const char *names[2] = { sources[s], targets[t] };
            gboolean known = TRUE;
            g_autofree char *key = NULL;

            for (guint e = 0; e < 2; e++)
              {
                g_autofree char *folded = fold (names[e]);

                if (!lookup_entity (entities, names[e], &ends[e]) &&
                    !lookup_entity (entities, folded, &ends[e]))
                  {
                    g_autofree char *problem = g_strdup_printf (_("no stakeholder is named “%s”"), names[e]);

                    add_reason (self, sheet, r, e, problem);
                    known = FALSE;
                  }
              }
            if (!known)
              {
                self->plan.links_refused++;
                continue;
              }
            if (ends[0].id == ends[1].id && ends[0].row == ends[1].row)
              {
                add_reason (self, sheet, r, 1, _("a stakeholder has no link with itself"));
                self->plan.links_refused++;
                continue;
              }

            {
              g_autofree char *folded_kind = g_utf8_casefold (kind, -1);
              gboolean forward = ends[0].id < ends[1].id || (ends[0].id == ends[1].id && ends[0].row < ends[1].row);
              Entity *a = forward ? &ends[0] : &ends[1], *b = forward ? &ends[1] : &ends[0];

              key = g_strdup_printf ("%" G_GINT64_FORMAT ":%u:%" G_GINT64_FORMAT ":%u:%s",
                                     a->id, a->row, b->id, b->row, folded_kind);
            }
            if (!g_hash_table_add (seen, g_steal_pointer (&key)))
              continue;

            {
              PlannedLink link = { ends[0], ends[1], g_strdup (kind), strength, g_strdup (note), 0 };

              if (ends[0].id > 0 && ends[1].id > 0)
                {
                  g_autofree char *folded_kind = g_utf8_casefold (kind, -1);
                  g_autofree char *pair = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%s",
                                                           MIN (ends[0].id, ends[1].id), MAX (ends[0].id, ends[1].id),
                                                           folded_kind);
                  TissageLink *existing = g_hash_table_lookup (project_links, pair);

                  if (existing != NULL)
                    {
                      link.existing = tissage_record_get_id (TISSAGE_RECORD (existing));
                      if (!has_strength)
                        link.strength = tissage_link_get_strength (existing);
                      if (*note == '\0')
                        replace_str (&link.note, tissage_link_get_note (existing));
                      if (link.strength != tissage_link_get_strength (existing) ||
                          g_strcmp0 (link.note, tissage_link_get_note (existing)) != 0)
                        self->plan.links_updated++;
                    }
                }
              if (link.existing == 0)
                self->plan.links_added++;
              g_array_append_val (self->planned_links, link);
            }
          }
    }
}

static gboolean apply_row (TissageStakeholderImport *self,
                           PlannedRow               *row,
                           TissageStakeholder       *stakeholder,
                           GHashTable               *created,
                           gboolean                  dry_run,
                           gboolean                 *changed,
                           GError                  **error);

const TissageStakeholderPlan *
tissage_stakeholder_import_check (TissageStakeholderImport *self)
{
  GListModel *stakeholders = tissage_document_get_stakeholders (self->document);
  GListModel *categories = tissage_document_get_categories (self->document);
  g_autoptr(GHashTable) entities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) file_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) by_uuid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) by_name = index_records (stakeholders, stakeholder_name, by_uuid);
  g_autoptr(GHashTable) categories_by_name = index_records (categories, category_name, NULL);
  g_autoptr(GHashTable) structures_by_name =
    index_records (tissage_document_get_structures (self->document), structure_name, NULL);
  int id_column = -1;

  self->structures_by_name = structures_by_name;

  g_array_set_size (self->rows, 0);
  g_array_set_size (self->planned_links, 0);
  g_ptr_array_set_size (self->plan.reasons, 0);
  g_hash_table_remove_all (self->new_categories);
  self->plan.added = self->plan.updated = self->plan.skipped = self->plan.refused = 0;
  self->plan.categories_created = self->plan.unchanged = 0;
  self->plan.links_added = self->plan.links_updated = self->plan.links_refused = 0;

  for (guint c = 0; c < self->sheet->n_columns; c++)
    if (self->columns[c] == TISSAGE_STAKEHOLDER_COLUMN_ID)
      id_column = c;

  /* The project's stakeholders by their UUID and their name. */
  for (guint i = 0; i < g_list_model_get_n_items (stakeholders); i++)
    {
      g_autoptr(TissageStakeholder) stakeholder = g_list_model_get_item (stakeholders, i);
      Entity entity = { tissage_record_get_id (TISSAGE_RECORD (stakeholder)), 0 };
      g_autofree char *folded = fold (tissage_stakeholder_get_name (stakeholder));

      remember (entities, tissage_record_get_uuid (TISSAGE_RECORD (stakeholder)), entity);
      remember (entities, folded, entity);
    }

  g_array_set_size (self->rows, tissage_sheet_get_n_rows (self->sheet));
  for (guint r = 1; r < self->rows->len; r++)
    {
      PlannedRow *row = &g_array_index (self->rows, PlannedRow, r);
      const char *id = id_column >= 0 ? tissage_sheet_get_cell (self->sheet, r, id_column) : "";
      g_autofree char *folded = NULL;
      gpointer earlier;

      /* A value the file gives but Tissage cannot read is never replaced
       * by a default: the whole row waits for the file to be corrected. */
      read_row (self, r, row);
      if (row->refused)
        {
          row->action = TISSAGE_ROW_REFUSED;
          self->plan.refused++;
          continue;
        }
      if (row->name == NULL)
        {
          gboolean any = FALSE;

          for (guint c = 0; c < self->sheet->n_columns; c++)
            any = any || *tissage_sheet_get_cell (self->sheet, r, c) != '\0';
          row->action = TISSAGE_ROW_SKIP;
          if (any)
            {
              g_ptr_array_add (self->plan.reasons,
                               g_strdup_printf (_("line %u: no name, the line is left out"), r + 1));
              self->plan.skipped++;
            }
          continue;
        }
      folded = fold (row->name);

      if (*id != '\0' && (row->existing = find_indexed (by_uuid, id)) != 0)
        {
          row->action = TISSAGE_ROW_UPDATE;
          row->by_id = TRUE;
        }
      else if (g_hash_table_lookup_extended (file_names, folded, NULL, &earlier))
        {
          row->action = TISSAGE_ROW_UPDATE;
          row->first_row = GPOINTER_TO_UINT (earlier);
          row->existing = g_array_index (self->rows, PlannedRow, row->first_row).existing;
          if (row->existing != 0)
            row->first_row = 0;
        }
      else if (self->policy == TISSAGE_DUPLICATE_UPDATE &&
               (row->existing = find_indexed (by_name, folded)) != 0)
        row->action = TISSAGE_ROW_UPDATE;
      else
        row->action = TISSAGE_ROW_ADD;

      if (row->action == TISSAGE_ROW_ADD)
        self->plan.added++;
      else if (row->first_row == 0)
        self->plan.updated++;

      if (!g_hash_table_contains (file_names, folded))
        g_hash_table_insert (file_names, g_strdup (folded), GUINT_TO_POINTER (row->first_row != 0 ? row->first_row : r));

      {
        Entity entity = { row->existing, row->existing != 0 ? 0 : (row->first_row != 0 ? row->first_row : r) };

        /* The file's own names and identifiers come first for its links. */
        g_hash_table_replace (entities, g_strdup (folded), g_memdup2 (&entity, sizeof entity));
        if (*id != '\0')
          g_hash_table_replace (entities, g_strdup (id), g_memdup2 (&entity, sizeof entity));
      }

      if (row->category != NULL)
        {
          g_autofree char *category = fold (row->category);

          row->category_id = find_indexed (categories_by_name, category);
          if (row->category_id == 0 && !g_hash_table_contains (self->new_categories, category))
            {
              g_hash_table_insert (self->new_categories, g_strdup (category), g_strdup (row->category));
              self->plan.categories_created++;
            }
          replace_str (&row->category, category);
        }
    }

  self->structures_by_name = NULL;

  /* A row that changes nothing of its stakeholder is no update. */
  for (guint r = 1; r < self->rows->len; r++)
    {
      PlannedRow *row = &g_array_index (self->rows, PlannedRow, r);
      TissageStakeholder *stakeholder;
      gboolean changed = FALSE;

      if (row->action != TISSAGE_ROW_UPDATE || row->existing == 0 || row->first_row != 0)
        continue;
      stakeholder = tissage_document_lookup (self->document, TISSAGE_TYPE_STAKEHOLDER, row->existing);
      if (stakeholder == NULL)
        continue;
      apply_row (self, row, stakeholder, NULL, TRUE, &changed, NULL);
      if (!changed)
        {
          self->plan.updated--;
          self->plan.unchanged++;
        }
    }

  if (self->links != NULL)
    plan_links (self, entities);

  return &self->plan;
}

char *
tissage_stakeholder_plan_describe (const TissageStakeholderPlan *plan)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (plan != NULL, NULL);

  if (plan->added > 0 || plan->updated == 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (NULL, "%u stakeholder added", "%u stakeholders added",
                                                          plan->added), plan->added));
  if (plan->updated > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (NULL, "%u stakeholder updated", "%u stakeholders updated",
                                                          plan->updated), plan->updated));
  if (plan->links_added > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (NULL, "%u link added", "%u links added",
                                                          plan->links_added), plan->links_added));
  if (plan->links_updated > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (NULL, "%u link updated", "%u links updated",
                                                          plan->links_updated), plan->links_updated));
  if (plan->categories_created > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (NULL, "%u category created", "%u categories created",
                                                          plan->categories_created), plan->categories_created));
  if (plan->refused > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (NULL, "%u line left out for a value that cannot be read",
                                                          "%u lines left out for values that cannot be read",
                                                          plan->refused), plan->refused));
  if (plan->links_refused > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (NULL, "%u link left out", "%u links left out",
                                                          plan->links_refused), plan->links_refused));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (", ", (GStrv) parts->pdata);
}

TissageRowAction
tissage_stakeholder_import_get_row_action (TissageStakeholderImport *self,
                                           guint                     row)
{
  if (self->rows->len == 0)
    tissage_stakeholder_import_check (self);
  g_return_val_if_fail (row > 0 && row < self->rows->len, TISSAGE_ROW_SKIP);
  return g_array_index (self->rows, PlannedRow, row).action;
}

/* --- applying --- */

/* With @document %NULL, only says whether the value would change. */
static gboolean
set_if_changed (TissageDocument *document,
                gpointer         record,
                const char      *property,
                const GValue    *value,
                gboolean        *changed,
                GError         **error)
{
  g_auto(GValue) current = G_VALUE_INIT;

  g_value_init (&current, G_VALUE_TYPE (value));
  g_object_get_property (G_OBJECT (record), property, &current);
  if (g_param_values_cmp (g_object_class_find_property (G_OBJECT_GET_CLASS (record), property),
                          &current, value) == 0)
    return TRUE;
  *changed = TRUE;
  return document == NULL || tissage_document_set_value (document, record, property, value, error);
}

static gboolean
apply_row (TissageStakeholderImport *self,
           PlannedRow               *row,
           TissageStakeholder       *stakeholder,
           GHashTable               *created,
           gboolean                  dry_run,
           gboolean                 *changed,
           GError                  **error)
{
  struct { TissageStakeholderColumn column; const char *property; } fields[] = {
    { TISSAGE_STAKEHOLDER_COLUMN_NAME, "name" },
    { TISSAGE_STAKEHOLDER_COLUMN_CATEGORY, "category-id" },
    { TISSAGE_STAKEHOLDER_COLUMN_DESCRIPTION, "description" },
    { TISSAGE_STAKEHOLDER_COLUMN_INFLUENCE, "influence" },
    { TISSAGE_STAKEHOLDER_COLUMN_INTEREST, "interest" },
    { TISSAGE_STAKEHOLDER_COLUMN_PROXIMITY, "proximity" },
    { TISSAGE_STAKEHOLDER_COLUMN_STRUCTURE, "structure-id" },
    { TISSAGE_STAKEHOLDER_COLUMN_MEMBER, "is-member" },
    { TISSAGE_STAKEHOLDER_COLUMN_CONTACT, "contact" },
  };
  gboolean tags = row->has[TISSAGE_STAKEHOLDER_COLUMN_TAGS];

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;
      TissageStakeholderColumn column = fields[i].column;

      if (!row->has[column] && !(tags && column == TISSAGE_STAKEHOLDER_COLUMN_DESCRIPTION))
        continue;
      /* Found by its name, it keeps it as the project writes it. */
      if (column == TISSAGE_STAKEHOLDER_COLUMN_NAME && row->action == TISSAGE_ROW_UPDATE && !row->by_id)
        continue;
      switch (column)
        {
        case TISSAGE_STAKEHOLDER_COLUMN_NAME:
          g_value_init (&value, G_TYPE_STRING);
          g_value_set_string (&value, row->name);
          break;
        case TISSAGE_STAKEHOLDER_COLUMN_CATEGORY:
          g_value_init (&value, G_TYPE_INT64);
          g_value_set_int64 (&value, row->category_id != 0 ? row->category_id
                                     : created != NULL ? (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (created, row->category))
                                     /* a category still to create: a change */
                                     : -1);
          break;
        case TISSAGE_STAKEHOLDER_COLUMN_DESCRIPTION:
          {
            g_auto(GStrv) old_tags = NULL;
            g_auto(GStrv) cell_tags = NULL;
            g_autofree char *old = tissage_stakeholder_split_tags (tissage_stakeholder_get_description (stakeholder), &old_tags);
            /* A description that ends with its tags' line (a workbook of
             * Tissage's, a copy of the field) is no second line of tags. */
            g_autofree char *cell = row->has[column] ? tissage_stakeholder_split_tags (row->description, &cell_tags) : NULL;
            const char *text = row->has[column] ? cell : old;
            const char * const *kept = tags ? (const char * const *) row->tags
                                       : cell_tags != NULL ? (const char * const *) cell_tags
                                       : (const char * const *) old_tags;

            g_value_init (&value, G_TYPE_STRING);
            /* The same text and tags, whatever the language of their line,
             * change nothing. */
            if (g_strcmp0 (text, old) == 0 &&
                (kept == NULL || kept[0] == NULL ? old_tags == NULL || old_tags[0] == NULL
                                                 : old_tags != NULL && g_strv_equal (kept, (const char * const *) old_tags)))
              g_value_set_string (&value, tissage_stakeholder_get_description (stakeholder));
            else
              g_value_take_string (&value, tissage_stakeholder_description_with_tags (text, kept));
          }
          break;
        case TISSAGE_STAKEHOLDER_COLUMN_INFLUENCE:
        case TISSAGE_STAKEHOLDER_COLUMN_INTEREST:
        case TISSAGE_STAKEHOLDER_COLUMN_PROXIMITY:
          g_value_init (&value, G_TYPE_INT);
          g_value_set_int (&value, column == TISSAGE_STAKEHOLDER_COLUMN_INFLUENCE ? row->influence
                                   : column == TISSAGE_STAKEHOLDER_COLUMN_INTEREST ? row->interest : row->proximity);
          break;
        case TISSAGE_STAKEHOLDER_COLUMN_STRUCTURE:
          g_value_init (&value, G_TYPE_INT64);
          g_value_set_int64 (&value, row->structure_id);
          break;
        case TISSAGE_STAKEHOLDER_COLUMN_MEMBER:
          g_value_init (&value, G_TYPE_BOOLEAN);
          g_value_set_boolean (&value, row->member);
          break;
        case TISSAGE_STAKEHOLDER_COLUMN_CONTACT:
          g_value_init (&value, G_TYPE_STRING);
          g_value_set_string (&value, row->contact);
          break;
        case TISSAGE_STAKEHOLDER_COLUMN_IGNORE:
        case TISSAGE_STAKEHOLDER_COLUMN_TAGS:
        case TISSAGE_STAKEHOLDER_COLUMN_ID:
        case TISSAGE_STAKEHOLDER_N_COLUMNS:
        default:
          continue;
        }
      if (!set_if_changed (dry_run ? NULL : self->document, stakeholder, fields[i].property, &value, changed, error))
        return FALSE;
    }
  return TRUE;
}

static gint64
entity_id (TissageStakeholderImport *self,
           const Entity             *entity,
           gint64                   *inserted)
{
  return entity->id != 0 ? entity->id : inserted[entity->row];
}

gboolean
tissage_stakeholder_import_apply (TissageStakeholderImport *self,
                                  GError                  **error)
{
  g_autoptr(GHashTable) created = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree gint64 *inserted = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint position;

  g_return_val_if_fail (self != NULL, FALSE);

  tissage_stakeholder_import_check (self);
  if (self->plan.added + self->plan.updated + self->plan.links_added + self->plan.links_updated == 0)
    {
      /* The project has it all already: nothing to do, no empty step. */
      if (self->plan.unchanged > 0)
        return TRUE;
      g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                           _("No line of the file names a stakeholder: map a column to “Name”."));
      return FALSE;
    }

  if (!tissage_document_begin (self->document, _("Import Stakeholders"), error))
    return FALSE;

  position = g_list_model_get_n_items (tissage_document_get_categories (self->document));
  g_hash_table_iter_init (&iter, self->new_categories);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr(TissageCategory) category =
        tissage_document_insert (self->document, TISSAGE_TYPE_CATEGORY, error,
                                 "name", (const char *) value, "position", position++, NULL);

      if (category == NULL)
        goto failed;
      g_hash_table_insert (created, key, GSIZE_TO_POINTER (tissage_record_get_id (TISSAGE_RECORD (category))));
    }

  inserted = g_new0 (gint64, self->rows->len);
  for (guint r = 1; r < self->rows->len; r++)
    {
      PlannedRow *row = &g_array_index (self->rows, PlannedRow, r);
      g_autoptr(TissageStakeholder) stakeholder = NULL;

      if (row->action == TISSAGE_ROW_SKIP || row->action == TISSAGE_ROW_REFUSED)
        continue;
      if (row->action == TISSAGE_ROW_ADD)
        {
          stakeholder = tissage_document_insert (self->document, TISSAGE_TYPE_STAKEHOLDER, error,
                                                 "name", row->name, NULL);
          if (stakeholder == NULL)
            goto failed;
          inserted[r] = tissage_record_get_id (TISSAGE_RECORD (stakeholder));
        }
      else
        {
          gint64 id = row->existing != 0 ? row->existing : inserted[row->first_row];

          TissageStakeholder *found = tissage_document_lookup (self->document, TISSAGE_TYPE_STAKEHOLDER, id);

          if (found == NULL)
            continue;
          stakeholder = g_object_ref (found);
        }
      {
        gboolean changed = FALSE;

        if (!apply_row (self, row, stakeholder, created, FALSE, &changed, error))
          goto failed;
      }
    }

  for (guint i = 0; i < self->planned_links->len; i++)
    {
      PlannedLink *link = &g_array_index (self->planned_links, PlannedLink, i);
      gint64 source = entity_id (self, &link->source, inserted);
      gint64 target = entity_id (self, &link->target, inserted);
      /* The check found the project's links, and made one of each pair
       * and kind of the file. */
      TissageLink *existing = link->existing != 0
        ? tissage_document_lookup (self->document, TISSAGE_TYPE_LINK, link->existing) : NULL;
      if (existing != NULL)
        {
          if ((tissage_link_get_strength (existing) != link->strength ||
               g_strcmp0 (tissage_link_get_note (existing), link->note) != 0) &&
              !tissage_document_set (self->document, existing, error,
                                     "strength", link->strength, "note", link->note, NULL))
            goto failed;
        }
      else
        {
          g_autoptr(TissageLink) added =
            tissage_document_insert (self->document, TISSAGE_TYPE_LINK, error,
                                     "source-id", source, "target-id", target, "kind", link->kind,
                                     "strength", link->strength, "note", link->note, NULL);

          if (added == NULL)
            goto failed;
        }
    }

  if (!tissage_document_commit (self->document, error))
    goto failed;
  return TRUE;

failed:
  tissage_document_rollback (self->document);
  return FALSE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-xlsform"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tissage-entities.h"
#include "tissage-text.h"
#include "tissage-xlsform.h"

#define NAME_MAX_LENGTH 40

char *
tissage_xlsform_make_name (const char *text,
                           const char *prefix,
                           guint       max_length)
{
  g_autofree char *words = tissage_text_fold_words (text);
  g_autoptr(GString) name = g_string_new (NULL);

  for (const char *p = words; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (name, *p);
      else if (*p == ' ' && name->len > 0 && name->str[name->len - 1] != '_')
        g_string_append_c (name, '_');
    }
  while (name->len > 0 && name->str[name->len - 1] == '_')
    g_string_truncate (name, name->len - 1);
  if (name->len == 0)
    return g_strdup ("");

  if (!g_ascii_isalpha (name->str[0]) && prefix != NULL)
    g_string_prepend (name, prefix);
  if (name->len > max_length)
    g_string_truncate (name, max_length);
  while (name->len > 0 && name->str[name->len - 1] == '_')
    g_string_truncate (name, name->len - 1);

  return g_string_free (g_steal_pointer (&name), FALSE);
}

/* @base made unique among @used ("sante", "sante_2"…), and marked used. */
static char *
unique_name (GHashTable *used,
             const char *base,
             const char *fallback)
{
  char *name;

  if (*base == '\0')
    base = fallback;
  name = g_strdup (base);
  for (guint n = 2; g_hash_table_contains (used, name); n++)
    {
      g_autofree char *suffix = g_strdup_printf ("_%u", n);
      g_autofree char *stem = g_strndup (base, MIN (strlen (base), NAME_MAX_LENGTH - strlen (suffix)));

      g_free (name);
      name = g_strconcat (stem, suffix, NULL);
    }
  g_hash_table_add (used, g_strdup (name));

  return name;
}

static void
item_free (gpointer data)
{
  TissageXlsformItem *item = data;

  g_free (item->name);
  g_free (item->group);
  g_free (item->label);
  g_free (item->hint);
  g_free (item->list);
  g_strfreev (item->choice_names);
  g_strfreev (item->choice_labels);
  g_free (item);
}

static void
group_free (gpointer data)
{
  TissageXlsformGroup *group = data;

  g_free (group->name);
  g_free (group->label);
  g_free (group);
}

/* Names for @labels in one list, unique in it. */
static GStrv
choice_names (const char * const *labels,
              const char         *prefix)
{
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  for (guint i = 0; labels[i] != NULL; i++)
    {
      g_autofree char *base = tissage_xlsform_make_name (labels[i], prefix, NAME_MAX_LENGTH);
      g_autofree char *fallback = g_strdup_printf ("%s%u", prefix, i + 1);
      g_autofree char *name = unique_name (used, base, fallback);

      g_strv_builder_add (names, name);
    }

  return g_strv_builder_end (names);
}

static TissageXlsformItem *
add_item (TissageXlsform      *self,
          TissageXlsformField  field,
          const char          *name,
          const char          *label)
{
  TissageXlsformItem *item = g_new0 (TissageXlsformItem, 1);

  item->field = field;
  item->name = g_strdup (name);
  item->label = g_strdup (label);
  g_ptr_array_add (self->items, item);

  return item;
}

typedef struct {
  TissageQuestionPlace  place;
  TissageGridQuestion  *question;
  TissageGridSection   *section;
} Placed;

static int
compare_placed (gconstpointer a,
                gconstpointer b)
{
  return tissage_question_place_compare (&((const Placed *) a)->place, &((const Placed *) b)->place);
}

static void
add_questions (TissageXlsform  *self,
               TissageDocument *document,
               gint64           grid_id,
               GHashTable      *used)
{
  GListModel *questions = tissage_document_get_records (document, TISSAGE_TYPE_GRID_QUESTION);
  g_autoptr(GArray) placed = g_array_new (FALSE, TRUE, sizeof (Placed));
  g_autoptr(GHashTable) group_names = g_hash_table_new (NULL, NULL);  /* section → group */
  TissageGridSection *current = NULL;
  const char *current_group = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (questions); i++)
    {
      g_autoptr(TissageGridQuestion) question = g_list_model_get_item (questions, i);
      Placed p = { 0 };

      if (tissage_grid_question_get_grid_id (question) != grid_id || tissage_grid_question_get_retired (question))
        continue;
      p.question = question;
      p.section = tissage_document_lookup (document, TISSAGE_TYPE_GRID_SECTION,
                                           tissage_grid_question_get_section_id (question));
      if (p.section != NULL && tissage_grid_section_get_grid_id (p.section) != grid_id)
        p.section = NULL;
      tissage_question_place_init (&p.place, p.section, question);
      g_array_append_val (placed, p);
    }
  g_array_sort (placed, compare_placed);

  for (guint i = 0; i < placed->len; i++)
    {
      Placed *p = &g_array_index (placed, Placed, i);
      TissageGridQuestion *question = p->question;
      const char *text = tissage_grid_question_get_text (question);
      const char *guidance = tissage_grid_question_get_guidance (question);
      g_autofree char *base = tissage_xlsform_make_name (text, "q_", NAME_MAX_LENGTH);
      g_autofree char *fallback = g_strdup_printf ("question_%u", i + 1);
      g_autofree char *name = unique_name (used, base, fallback);
      TissageXlsformItem *item;

      if (p->section != current)
        {
          current = p->section;
          current_group = NULL;
          if (current != NULL)
            {
              TissageXlsformGroup *group = g_new0 (TissageXlsformGroup, 1);
              const char *title = tissage_grid_section_get_title (current);
              g_autofree char *group_base = tissage_xlsform_make_name (title, "g_", NAME_MAX_LENGTH);
              g_autofree char *group_fallback = g_strdup_printf ("section_%u", self->groups->len + 1);

              group->name = unique_name (used, group_base, group_fallback);
              group->label = g_strdup (title != NULL && *title != '\0' ? title : group->name);
              g_ptr_array_add (self->groups, group);
              current_group = group->name;
            }
        }

      item = add_item (self, TISSAGE_XLSFORM_QUESTION, name, text != NULL && *text != '\0' ? text : name);
      item->question_id = tissage_record_get_id (TISSAGE_RECORD (question));
      item->kind = tissage_grid_question_get_kind (question);
      item->group = g_strdup (current_group);
      item->hint = guidance != NULL && *guidance != '\0' ? g_strdup (guidance) : NULL;

      switch (item->kind)
        {
        case TISSAGE_QUESTION_SCALE:
          item->list = g_strdup (TISSAGE_XLSFORM_LIST_SCALE);
          break;
        case TISSAGE_QUESTION_YES_NO:
          item->list = g_strdup (TISSAGE_XLSFORM_LIST_YES_NO);
          break;
        case TISSAGE_QUESTION_SINGLE:
        case TISSAGE_QUESTION_MULTIPLE:
          {
            g_auto(GStrv) labels = tissage_grid_question_dup_choices (question);

            /* Lists have their own names: the question's is free there. */
            item->list = g_strdup (name);
            item->choice_labels = g_strdupv (labels);
            item->choice_names = choice_names ((const char * const *) labels, "c_");
          }
          break;
        case TISSAGE_QUESTION_OPEN:
        case TISSAGE_QUESTION_NUMBER:
        case TISSAGE_N_QUESTION_KINDS:
        default:
          break;
        }
    }
}

TissageXlsform *
tissage_xlsform_new (TissageDocument *document,
                     TissageGrid     *grid)
{
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  TissageXlsform *self;
  GListModel *structures;
  TissageXlsformItem *item;
  static const char * const reserved[] = {
    TISSAGE_XLSFORM_NAME_CONSENT, TISSAGE_XLSFORM_NAME_PSEUDONYM, TISSAGE_XLSFORM_NAME_STRUCTURE,
    TISSAGE_XLSFORM_NAME_DATE, TISSAGE_XLSFORM_LIST_YES_NO, TISSAGE_XLSFORM_LIST_SCALE,
    TISSAGE_XLSFORM_LIST_STRUCTURE,
    /* Names the survey tools give their own columns and fields. */
    "meta", "start", "end", "today", "deviceid", "uuid",
  };

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (TISSAGE_IS_GRID (grid), NULL);

  self = g_new0 (TissageXlsform, 1);
  self->items = g_ptr_array_new_with_free_func (item_free);
  self->groups = g_ptr_array_new_with_free_func (group_free);
  self->title = g_strdup (tissage_grid_get_title (grid));
  self->form_id = tissage_xlsform_make_name (self->title, "guide_", NAME_MAX_LENGTH);
  if (*self->form_id == '\0')
    {
      g_free (self->form_id);
      self->form_id = g_strdup ("guide");
    }

  for (guint i = 0; i < G_N_ELEMENTS (reserved); i++)
    g_hash_table_add (used, g_strdup (reserved[i]));

  item = add_item (self, TISSAGE_XLSFORM_CONSENT, TISSAGE_XLSFORM_NAME_CONSENT,
                   _("Does the interviewee agree that their answers are used?"));
  item->list = g_strdup (TISSAGE_XLSFORM_LIST_YES_NO);
  add_item (self, TISSAGE_XLSFORM_PSEUDONYM, TISSAGE_XLSFORM_NAME_PSEUDONYM,
            _("Pseudonym of the interviewee"));

  structures = tissage_document_get_structures (document);
  if (g_list_model_get_n_items (structures) > 0)
    {
      g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();

      for (guint i = 0; i < g_list_model_get_n_items (structures); i++)
        {
          g_autoptr(TissageStructure) structure = g_list_model_get_item (structures, i);

          g_strv_builder_add (labels, tissage_structure_get_name (structure));
        }
      item = add_item (self, TISSAGE_XLSFORM_STRUCTURE, TISSAGE_XLSFORM_NAME_STRUCTURE,
                       _("Structure that held the interview"));
      item->list = g_strdup (TISSAGE_XLSFORM_LIST_STRUCTURE);
      item->choice_labels = g_strv_builder_end (labels);
      item->choice_names = choice_names ((const char * const *) item->choice_labels, "s_");
    }

  add_item (self, TISSAGE_XLSFORM_DATE, TISSAGE_XLSFORM_NAME_DATE, _("Date of the interview"));

  add_questions (self, document, tissage_record_get_id (TISSAGE_RECORD (grid)), used);

  return self;
}

void
tissage_xlsform_free (TissageXlsform *self)
{
  if (self == NULL)
    return;

  g_free (self->title);
  g_free (self->form_id);
  g_ptr_array_unref (self->items);
  g_ptr_array_unref (self->groups);
  g_free (self);
}

const TissageXlsformItem *
tissage_xlsform_find (const TissageXlsform *self,
                      const char           *name)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (name == NULL)
    return NULL;
  for (guint i = 0; i < self->items->len; i++)
    {
      const TissageXlsformItem *item = g_ptr_array_index (self->items, i);

      if (g_str_equal (item->name, name))
        return item;
    }

  return NULL;
}

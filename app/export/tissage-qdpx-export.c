/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-qdpx"

#include "config.h"

#include <glib/gi18n.h>
#include <gsf/gsf.h>
#include <string.h>

#include "tissage-atomic-file.h"
#include "tissage-document-private.h"
#include "tissage-entities.h"
#include "tissage-interviews.h"
#include "tissage-privacy.h"
#include "tissage-qdpx-export.h"
#include "tissage-referentiel.h"
#include "tissage-xlsform.h"
#include "tissage-xlsx-export.h"

/* One verbatim in the text of its interview, in characters. */
typedef struct {
  char   *guid;
  glong   start;
  glong   end;
  char   *quote;      /* its text as the source holds it */
  GArray *effect_ids; /* gint64 */
} Selection;

/* One interview as a text source. */
typedef struct {
  char      *guid;
  char      *name;
  GString   *text;
  glong      length;      /* in characters */
  GArray    *selections;  /* Selection */
  gint64     category_id;
  gint64     structure_id; /* 0 when the structure would point at the person */
} Source;

static void
selection_clear (gpointer data)
{
  Selection *selection = data;

  g_free (selection->guid);
  g_free (selection->quote);
  g_clear_pointer (&selection->effect_ids, g_array_unref);
}

static void
source_free (gpointer data)
{
  Source *source = data;

  g_free (source->guid);
  g_free (source->name);
  g_string_free (source->text, TRUE);
  g_array_unref (source->selections);
  g_free (source);
}

/*
 * Appends @text with its line endings made "\n" and the control
 * characters XML cannot hold made spaces, counting characters in *pos;
 * @map, when given, receives for each character of @text (and its end)
 * the position it takes in the source, so that a verbatim's offsets in
 * its answer become offsets in the source.
 */
static void
append_text (GString    *out,
             glong      *pos,
             const char *text,
             glong      *map)
{
  glong i = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p), i++)
    {
      gunichar c = g_utf8_get_char (p);

      if (map != NULL)
        map[i] = *pos;
      if (c == '\r' && p[1] == '\n')
        continue;
      if (c == '\r')
        c = '\n';
      else if ((c < 0x20 && c != '\t' && c != '\n') || c == 0xFFFE || c == 0xFFFF)
        c = ' ';
      g_string_append_unichar (out, c);
      (*pos)++;
    }
  if (map != NULL)
    map[i] = *pos;
}

/* A GUID for what has none of its own (a coding, a variable), the same
 * at every export: from a SHA-1 of @a and @b, as a name-based UUID. */
static char *
derived_guid (const char *a,
              const char *b)
{
  g_autoptr(GChecksum) sha = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 digest[20];
  gsize length = sizeof digest;

  g_checksum_update (sha, (const guchar *) a, -1);
  g_checksum_update (sha, (const guchar *) "\n", 1);
  g_checksum_update (sha, (const guchar *) b, -1);
  g_checksum_get_digest (sha, digest, &length);
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;

  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3], digest[4], digest[5], digest[6], digest[7],
                          digest[8], digest[9], digest[10], digest[11], digest[12], digest[13], digest[14], digest[15]);
}

static const char *
record_uuid (TissageDocument *document,
             GType            type,
             gint64           id)
{
  TissageRecord *record = id > 0 ? tissage_document_lookup (document, type, id) : NULL;

  return record != NULL ? tissage_record_get_uuid (record) : NULL;
}

static TissageXlsform *
form_of (TissageDocument *document,
         GHashTable      *forms,
         gint64           grid_id)
{
  TissageXlsform *form = g_hash_table_lookup (forms, &grid_id);
  TissageGrid *grid;

  if (form != NULL)
    return form;
  grid = tissage_document_lookup (document, TISSAGE_TYPE_GRID, grid_id);
  if (grid == NULL)
    return NULL;
  form = tissage_xlsform_new (document, grid);
  g_hash_table_insert (forms, g_memdup2 (&grid_id, sizeof grid_id), form);

  return form;
}

/* The answers of @interview in its guide's order, its verbatims in them. */
static Source *
read_source (TissageDocument  *document,
             TissagePrivacy   *privacy,
             TissageXlsform   *form,
             TissageInterview *interview)
{
  gint64 interview_id = tissage_record_get_id (TISSAGE_RECORD (interview));
  g_autoptr(GPtrArray) answers = tissage_document_list_answers (document, interview);
  g_autoptr(GPtrArray) verbatims = tissage_document_list_interview_verbatims (document, interview);
  Source *source = g_new0 (Source, 1);

  source->guid = g_strdup (tissage_record_get_uuid (TISSAGE_RECORD (interview)));
  source->name = tissage_document_dup_interviewee (document, interview, TRUE);
  source->text = g_string_new (NULL);
  source->selections = g_array_new (FALSE, TRUE, sizeof (Selection));
  g_array_set_clear_func (source->selections, selection_clear);
  source->category_id = tissage_interview_get_category_id (interview);
  source->structure_id = tissage_interview_get_structure_id (interview);
  if (!tissage_privacy_shows_structure (privacy, source->category_id, source->structure_id))
    source->structure_id = 0;
  (void) interview_id;

  for (guint i = 0; i < form->items->len; i++)
    {
      const TissageXlsformItem *item = g_ptr_array_index (form->items, i);
      TissageGridQuestion *question;
      TissageAnswer *answer = NULL;
      g_autofree char *display = NULL;
      g_autofree glong *map = NULL;
      const char *text;

      if (item->field != TISSAGE_XLSFORM_QUESTION)
        continue;
      for (guint a = 0; a < answers->len && answer == NULL; a++)
        if (tissage_answer_get_question_id (g_ptr_array_index (answers, a)) == item->question_id)
          answer = g_ptr_array_index (answers, a);
      if (answer == NULL)
        continue;
      question = tissage_document_lookup (document, TISSAGE_TYPE_GRID_QUESTION, item->question_id);
      if (item->kind == TISSAGE_QUESTION_OPEN)
        text = tissage_answer_get_text (answer);
      else
        text = display = tissage_answer_dup_display (answer, question);
      if (text == NULL || *text == '\0')
        continue;

      if (source->text->len > 0)
        {
          g_string_append (source->text, "\n\n");
          source->length += 2;
        }
      append_text (source->text, &source->length, item->label, NULL);
      g_string_append_c (source->text, '\n');
      source->length++;

      map = g_new0 (glong, g_utf8_strlen (text, -1) + 1);
      append_text (source->text, &source->length, text, map);

      for (guint v = 0; v < verbatims->len; v++)
        {
          TissageVerbatim *verbatim = g_ptr_array_index (verbatims, v);
          glong n_chars = g_utf8_strlen (text, -1);
          int start = tissage_verbatim_get_start (verbatim), end = tissage_verbatim_get_end (verbatim);
          Selection selection = { 0 };
          const char *from, *to;

          if (tissage_verbatim_get_answer_id (verbatim) != tissage_record_get_id (TISSAGE_RECORD (answer)) ||
              tissage_verbatim_get_lost (verbatim) || item->kind != TISSAGE_QUESTION_OPEN ||
              start < 0 || end <= start || end > n_chars)
            continue;

          selection.guid = g_strdup (tissage_record_get_uuid (TISSAGE_RECORD (verbatim)));
          selection.start = map[start];
          selection.end = map[end];
          from = g_utf8_offset_to_pointer (source->text->str, selection.start);
          to = g_utf8_offset_to_pointer (source->text->str, selection.end);
          selection.quote = g_strndup (from, to - from);
          selection.effect_ids = tissage_document_dup_verbatim_effects (document, verbatim);
          g_array_append_val (source->selections, selection);
        }
    }

  return source;
}

/* Returns: (element-type Source): the interviews that may leave the project. */
static GPtrArray *
read_sources (TissageDocument *document)
{
  g_autoptr(TissagePrivacy) privacy = tissage_privacy_new (tissage_document_get_db (document), TRUE, FALSE);
  g_autoptr(GHashTable) forms = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                       (GDestroyNotify) tissage_xlsform_free);
  GListModel *interviews = tissage_document_get_records (document, TISSAGE_TYPE_INTERVIEW);
  GPtrArray *sources = g_ptr_array_new_with_free_func (source_free);

  for (guint i = 0; i < g_list_model_get_n_items (interviews); i++)
    {
      g_autoptr(TissageInterview) interview = g_list_model_get_item (interviews, i);
      TissageXlsform *form;

      if (!tissage_privacy_keeps_interview (privacy, tissage_record_get_id (TISSAGE_RECORD (interview))))
        continue;
      form = form_of (document, forms, tissage_interview_get_grid_id (interview));
      if (form != NULL)
        g_ptr_array_add (sources, read_source (document, privacy, form, interview));
    }

  return sources;
}

static void
append_code (GString    *xml,
             const char *guid,
             const char *name,
             gboolean    open)
{
  g_autofree char *element = g_markup_printf_escaped ("<Code guid=\"%s\" name=\"%s\" isCodable=\"true\"%s>\n",
                                                      guid, name, open ? "" : "/");

  g_string_append (xml, element);
}

static void
append_codebook (GString         *xml,
                 TissageDocument *document)
{
  GListModel *stakes = tissage_document_get_records (document, TISSAGE_TYPE_STAKE);
  GListModel *effects = tissage_document_get_records (document, TISSAGE_TYPE_EFFECT);
  guint n_effects = g_list_model_get_n_items (effects);
  g_autofree gboolean *placed = g_new0 (gboolean, n_effects + 1);

  if (n_effects == 0)
    return;

  g_string_append (xml, "<CodeBook>\n<Codes>\n");
  for (guint s = 0; s < g_list_model_get_n_items (stakes); s++)
    {
      g_autoptr(TissageStake) stake = g_list_model_get_item (stakes, s);
      g_autoptr(GString) children = g_string_new (NULL);

      for (guint e = 0; e < n_effects; e++)
        {
          g_autoptr(TissageEffect) effect = g_list_model_get_item (effects, e);
          TissageEvalQuestion *question = tissage_document_lookup (document, TISSAGE_TYPE_EVAL_QUESTION,
                                                                   tissage_effect_get_question_id (effect));

          if (question == NULL || tissage_eval_question_get_stake_id (question) != tissage_record_get_id (TISSAGE_RECORD (stake)))
            continue;
          append_code (children, tissage_record_get_uuid (TISSAGE_RECORD (effect)), tissage_effect_get_title (effect), FALSE);
          placed[e] = TRUE;
        }
      if (children->len == 0)
        continue;
      append_code (xml, tissage_record_get_uuid (TISSAGE_RECORD (stake)), tissage_stake_get_title (stake), TRUE);
      g_string_append (xml, children->str);
      g_string_append (xml, "</Code>\n");
    }
  /* Effects outside any enjeu stand on their own. */
  for (guint e = 0; e < n_effects; e++)
    if (!placed[e])
      {
        g_autoptr(TissageEffect) effect = g_list_model_get_item (effects, e);

        append_code (xml, tissage_record_get_uuid (TISSAGE_RECORD (effect)), tissage_effect_get_title (effect), FALSE);
      }
  g_string_append (xml, "</Codes>\n</CodeBook>\n");
}

static void
append_variable_value (GString    *xml,
                       const char *variable_guid,
                       const char *value)
{
  g_autofree char *element = g_markup_printf_escaped ("<VariableValue><VariableRef targetGUID=\"%s\"/>"
                                                      "<TextValue>%s</TextValue></VariableValue>\n",
                                                      variable_guid, value);

  g_string_append (xml, element);
}

static const char *
name_of (TissageDocument *document,
         GType            type,
         gint64           id)
{
  GObject *record = id > 0 ? tissage_document_lookup (document, type, id) : NULL;

  if (record == NULL)
    return NULL;
  return type == TISSAGE_TYPE_STRUCTURE ? tissage_structure_get_name (TISSAGE_STRUCTURE (record))
                                        : tissage_category_get_name (TISSAGE_CATEGORY (record));
}

/* A case per structure and per category that an exported interview has. */
static void
append_cases (GString         *xml,
              TissageDocument *document,
              GPtrArray       *sources,
              const char      *structure_variable,
              const char      *category_variable)
{
  g_autoptr(GString) cases = g_string_new (NULL);

  for (guint kind = 0; kind < 2; kind++)
    {
      GType type = kind == 0 ? TISSAGE_TYPE_STRUCTURE : TISSAGE_TYPE_CATEGORY;
      GListModel *model = kind == 0 ? tissage_document_get_structures (document) : tissage_document_get_categories (document);

      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(TissageRecord) record = g_list_model_get_item (model, i);
          gint64 id = tissage_record_get_id (record);
          g_autoptr(GString) refs = g_string_new (NULL);
          g_autofree char *open = NULL;

          for (guint s = 0; s < sources->len; s++)
            {
              Source *source = g_ptr_array_index (sources, s);

              if ((kind == 0 ? source->structure_id : source->category_id) == id)
                g_string_append_printf (refs, "<SourceRef targetGUID=\"%s\"/>\n", source->guid);
            }
          if (refs->len == 0)
            continue;
          open = g_markup_printf_escaped ("<Case guid=\"%s\" name=\"%s\">\n", tissage_record_get_uuid (record),
                                          name_of (document, type, id));
          g_string_append (cases, open);
          append_variable_value (cases, kind == 0 ? structure_variable : category_variable, name_of (document, type, id));
          g_string_append (cases, refs->str);
          g_string_append (cases, "</Case>\n");
        }
    }
  if (cases->len > 0)
    g_string_append_printf (xml, "<Cases>\n%s</Cases>\n", cases->str);
}

static char *
build_project (TissageDocument *document,
               GPtrArray       *sources)
{
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
  g_autofree char *title = tissage_document_dup_title (document);
  g_autofree char *structure_variable = derived_guid ("tissage-variable", "structure");
  g_autofree char *category_variable = derived_guid ("tissage-variable", "category");
  g_autofree char *project = g_markup_printf_escaped ("<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"%s\" origin=\"Tissage %s\">\n",
                                                      title != NULL && *title != '\0' ? title : "Tissage", PACKAGE_VERSION);
  g_autofree char *variables = g_markup_printf_escaped ("<Variables>\n"
                                                        "<Variable guid=\"%s\" name=\"%s\" typeOfVariable=\"Text\"/>\n"
                                                        "<Variable guid=\"%s\" name=\"%s\" typeOfVariable=\"Text\"/>\n"
                                                        "</Variables>\n",
                                                        structure_variable, _("Structure that held the interview"),
                                                        category_variable, _("Category of the interviewee"));

  g_string_append (xml, project);
  append_codebook (xml, document);
  g_string_append (xml, variables);
  append_cases (xml, document, sources, structure_variable, category_variable);

  if (sources->len > 0)
    {
      g_string_append (xml, "<Sources>\n");
      for (guint s = 0; s < sources->len; s++)
        {
          Source *source = g_ptr_array_index (sources, s);
          g_autofree char *open = g_markup_printf_escaped ("<TextSource guid=\"%s\" name=\"%s\" plainTextPath=\"internal://%s.txt\">\n",
                                                           source->guid, source->name, source->guid);
          const char *structure = name_of (document, TISSAGE_TYPE_STRUCTURE, source->structure_id);
          const char *category = name_of (document, TISSAGE_TYPE_CATEGORY, source->category_id);

          g_string_append (xml, open);
          for (guint i = 0; i < source->selections->len; i++)
            {
              Selection *selection = &g_array_index (source->selections, Selection, i);
              g_autofree char *element = g_markup_printf_escaped ("<PlainTextSelection guid=\"%s\" name=\"%s\" startPosition=\"%ld\" endPosition=\"%ld\">\n",
                                                                  selection->guid, selection->quote,
                                                                  selection->start, selection->end);

              g_string_append (xml, element);
              for (guint e = 0; e < selection->effect_ids->len; e++)
                {
                  const char *effect = record_uuid (document, TISSAGE_TYPE_EFFECT,
                                                    g_array_index (selection->effect_ids, gint64, e));
                  g_autofree char *coding = NULL;

                  if (effect == NULL)
                    continue;
                  coding = derived_guid (selection->guid, effect);
                  g_string_append_printf (xml, "<Coding guid=\"%s\"><CodeRef targetGUID=\"%s\"/></Coding>\n",
                                          coding, effect);
                }
              g_string_append (xml, "</PlainTextSelection>\n");
            }
          if (structure != NULL)
            append_variable_value (xml, structure_variable, structure);
          if (category != NULL)
            append_variable_value (xml, category_variable, category);
          g_string_append (xml, "</TextSource>\n");
        }
      g_string_append (xml, "</Sources>\n");
    }
  g_string_append (xml, "</Project>\n");

  return g_string_free (g_steal_pointer (&xml), FALSE);
}

static gboolean
write_member (GsfOutfile *parent,
              const char *name,
              const char *data,
              gsize       length)
{
  GsfOutput *child = gsf_outfile_new_child_full (parent, name, FALSE, "compression-level", GSF_ZIP_DEFLATED, NULL);
  gboolean ok;

  if (child == NULL)
    return FALSE;
  ok = gsf_output_write (child, length, (const guint8 *) data);
  ok = gsf_output_close (child) && ok;
  g_object_unref (child);

  return ok;
}

static gboolean
write_zip (const char *path,
           const char *project,
           GPtrArray  *sources)
{
  g_autoptr(GError) error = NULL;
  GsfOutput *sink = gsf_output_stdio_new (path, &error);
  GsfOutfile *zip = NULL;
  GsfOutput *folder = NULL;
  gboolean ok = FALSE;

  if (sink == NULL || (zip = gsf_outfile_zip_new (sink, &error)) == NULL)
    goto out;

  ok = write_member (zip, "project.qde", project, strlen (project));
  folder = gsf_outfile_new_child (zip, "sources", TRUE);
  ok = ok && folder != NULL;
  for (guint s = 0; ok && s < sources->len; s++)
    {
      Source *source = g_ptr_array_index (sources, s);
      g_autofree char *name = g_strconcat (source->guid, ".txt", NULL);

      ok = write_member (GSF_OUTFILE (folder), name, source->text->str, source->text->len);
    }
  if (folder != NULL)
    ok = gsf_output_close (folder) && ok;
  ok = gsf_output_close (GSF_OUTPUT (zip)) && ok;

out:
  if (error != NULL)
    g_debug ("%s", error->message);
  g_clear_object (&folder);
  g_clear_object (&zip);
  if (sink != NULL)
    {
      if (!gsf_output_is_closed (sink))
        ok = gsf_output_close (sink) && ok;
      g_object_unref (sink);
    }

  return ok;
}

static gboolean
write_error (GError    **error,
             const char *path)
{
  g_autofree char *display = g_filename_display_basename (path);

  g_set_error (error, TISSAGE_XLSX_ERROR, TISSAGE_XLSX_ERROR_WRITE,
               _("The file could not be written to “%s”."), display);
  return FALSE;
}

gboolean
tissage_qdpx_export (TissageDocument *document,
                     const char      *path,
                     GError         **error)
{
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(TissageAtomicFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *project = NULL;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!tissage_xlsx_check_destination (path, error))
    return FALSE;

  sources = read_sources (document);
  project = build_project (document, sources);
  file = tissage_atomic_file_new (path, &local_error);
  if (file == NULL || !write_zip (tissage_atomic_file_get_temporary_path (file), project, sources) ||
      !tissage_atomic_file_commit (file, &local_error))
    {
      if (local_error != NULL)
        g_debug ("%s", local_error->message);
      return write_error (error, path);
    }

  return TRUE;
}

/* Taguette */

static void
append_csv_cell (GString    *csv,
                 const char *text,
                 gboolean    last)
{
  g_string_append_c (csv, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *p);
    }
  g_string_append (csv, last ? "\"\r\n" : "\",");
}

static gboolean
write_atomic (const char *path,
              GString    *contents)
{
  g_autoptr(TissageAtomicFile) file = tissage_atomic_file_new (path, NULL);

  return file != NULL && tissage_atomic_file_write (file, contents->str, contents->len, NULL) &&
         tissage_atomic_file_commit (file, NULL);
}

gboolean
tissage_taguette_export (TissageDocument *document,
                         const char      *codebook_path,
                         const char      *highlights_path,
                         GError         **error)
{
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GString) codebook = g_string_new (NULL);
  g_autoptr(GString) highlights = g_string_new (NULL);
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GListModel *effects;
  guint n = 0;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), FALSE);

  if (!tissage_xlsx_check_destination (codebook_path, error) ||
      !tissage_xlsx_check_destination (highlights_path, error))
    return FALSE;

  sources = read_sources (document);
  append_csv_cell (highlights, "id", FALSE);
  append_csv_cell (highlights, "document", FALSE);
  append_csv_cell (highlights, "tag", FALSE);
  append_csv_cell (highlights, "content", TRUE);
  for (guint s = 0; s < sources->len; s++)
    {
      Source *source = g_ptr_array_index (sources, s);

      for (guint i = 0; i < source->selections->len; i++)
        {
          Selection *selection = &g_array_index (source->selections, Selection, i);

          for (guint e = 0; e < selection->effect_ids->len; e++)
            {
              gint64 effect_id = g_array_index (selection->effect_ids, gint64, e);
              TissageEffect *effect = tissage_document_lookup (document, TISSAGE_TYPE_EFFECT, effect_id);
              g_autofree char *id = g_strdup_printf ("%u", ++n);

              if (effect == NULL)
                continue;
              append_csv_cell (highlights, id, FALSE);
              append_csv_cell (highlights, source->name, FALSE);
              append_csv_cell (highlights, tissage_effect_get_title (effect), FALSE);
              append_csv_cell (highlights, selection->quote, TRUE);
              g_hash_table_insert (counts, g_memdup2 (&effect_id, sizeof effect_id),
                                   GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, &effect_id)) + 1));
            }
        }
    }

  append_csv_cell (codebook, "tag", FALSE);
  append_csv_cell (codebook, "description", FALSE);
  append_csv_cell (codebook, "number of highlights", TRUE);
  effects = tissage_document_get_records (document, TISSAGE_TYPE_EFFECT);
  for (guint e = 0; e < g_list_model_get_n_items (effects); e++)
    {
      g_autoptr(TissageEffect) effect = g_list_model_get_item (effects, e);
      gint64 id = tissage_record_get_id (TISSAGE_RECORD (effect));
      g_autofree char *description = NULL;
      g_autofree char *count = g_strdup_printf ("%u", GPOINTER_TO_UINT (g_hash_table_lookup (counts, &id)));

      g_object_get (effect, "description", &description, NULL);
      append_csv_cell (codebook, tissage_effect_get_title (effect), FALSE);
      append_csv_cell (codebook, description != NULL ? description : "", FALSE);
      append_csv_cell (codebook, count, TRUE);
    }

  if (!write_atomic (codebook_path, codebook))
    return write_error (error, codebook_path);
  if (!write_atomic (highlights_path, highlights))
    return write_error (error, highlights_path);

  return TRUE;
}

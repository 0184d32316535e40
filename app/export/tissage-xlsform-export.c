/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-xlsform"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <xlsxwriter.h>

#include "tissage-atomic-file.h"
#include "tissage-xlsform-export.h"
#include "tissage-xlsform.h"
#include "tissage-xlsx-export.h"

#define LABEL_COLUMN "label::" TISSAGE_XLSFORM_LANGUAGE
#define HINT_COLUMN  "hint::" TISSAGE_XLSFORM_LANGUAGE

typedef struct {
  lxw_worksheet *sheet;
  lxw_row_t      row;
  lxw_error      status;
} Sheet;

static void
write_row (Sheet              *sheet,
           const char * const *cells,
           guint               n_cells)
{
  for (guint c = 0; c < n_cells; c++)
    if (cells[c] != NULL && *cells[c] != '\0' && sheet->status == LXW_NO_ERROR)
      sheet->status = worksheet_write_string (sheet->sheet, sheet->row, c, cells[c], NULL);
  sheet->row++;
}

static void
write_choices (Sheet              *choices,
               const char         *list,
               const char * const *names,
               const char * const *labels)
{
  for (guint i = 0; names[i] != NULL; i++)
    write_row (choices, (const char *[]) { list, names[i], labels[i] }, 3);
}

static const char *
type_of (const TissageXlsformItem *item,
         char                    **owned)
{
  switch (item->field)
    {
    case TISSAGE_XLSFORM_CONSENT:
    case TISSAGE_XLSFORM_STRUCTURE:
      return *owned = g_strconcat ("select_one ", item->list, NULL);
    case TISSAGE_XLSFORM_PSEUDONYM:
      return "text";
    case TISSAGE_XLSFORM_DATE:
      return "date";
    case TISSAGE_XLSFORM_QUESTION:
    default:
      break;
    }

  switch (item->kind)
    {
    case TISSAGE_QUESTION_SCALE:
    case TISSAGE_QUESTION_YES_NO:
    case TISSAGE_QUESTION_SINGLE:
      return *owned = g_strconcat ("select_one ", item->list, NULL);
    case TISSAGE_QUESTION_MULTIPLE:
      return *owned = g_strconcat ("select_multiple ", item->list, NULL);
    case TISSAGE_QUESTION_NUMBER:
      return "decimal";
    case TISSAGE_QUESTION_OPEN:
    case TISSAGE_N_QUESTION_KINDS:
    default:
      return "text";
    }
}

/* A choice question without choices cannot be answered in the form: it
 * becomes an open one rather than a form the tools refuse. */
static gboolean
has_choices (const TissageXlsformItem *item)
{
  return item->choice_names != NULL && item->choice_names[0] != NULL;
}

static gboolean
write_form (TissageXlsform *form,
            const char     *path)
{
  lxw_workbook *workbook = workbook_new (path);
  Sheet survey = { 0 }, choices = { 0 }, settings = { 0 };
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *version = g_date_time_format (now, "%Y%m%d%H%M");
  const char *group = NULL;
  gboolean scale = FALSE;
  lxw_error closed;

  if (workbook == NULL)
    return FALSE;

  survey.sheet = workbook_add_worksheet (workbook, "survey");
  choices.sheet = workbook_add_worksheet (workbook, "choices");
  settings.sheet = workbook_add_worksheet (workbook, "settings");
  if (survey.sheet == NULL || choices.sheet == NULL || settings.sheet == NULL)
    {
      workbook_close (workbook);
      return FALSE;
    }

  write_row (&survey, (const char *[]) { "type", "name", LABEL_COLUMN, HINT_COLUMN, "required" }, 5);
  write_row (&choices, (const char *[]) { "list_name", "name", LABEL_COLUMN }, 3);
  write_row (&settings, (const char *[]) { "form_title", "form_id", "version", "default_language" }, 4);
  write_row (&settings, (const char *[]) { form->title, form->form_id, version, TISSAGE_XLSFORM_LANGUAGE }, 4);

  write_choices (&choices, TISSAGE_XLSFORM_LIST_YES_NO,
                 (const char *[]) { "oui", "non", NULL }, (const char *[]) { _("Yes"), _("No"), NULL });

  for (guint i = 0; i < form->items->len; i++)
    {
      const TissageXlsformItem *item = g_ptr_array_index (form->items, i);
      g_autofree char *owned = NULL;
      const char *type;

      if (g_strcmp0 (item->group, group) != 0)
        {
          if (group != NULL)
            write_row (&survey, (const char *[]) { "end_group", group }, 2);
          group = item->group;
          if (group != NULL)
            for (guint g = 0; g < form->groups->len; g++)
              {
                TissageXlsformGroup *begun = g_ptr_array_index (form->groups, g);

                if (g_str_equal (begun->name, group))
                  write_row (&survey, (const char *[]) { "begin_group", begun->name, begun->label }, 3);
              }
        }

      if (item->field == TISSAGE_XLSFORM_QUESTION &&
          (item->kind == TISSAGE_QUESTION_SINGLE || item->kind == TISSAGE_QUESTION_MULTIPLE) &&
          !has_choices (item))
        type = "text";
      else
        type = type_of (item, &owned);

      write_row (&survey, (const char *[]) { type, item->name, item->label, item->hint,
                                             item->field == TISSAGE_XLSFORM_CONSENT ? "yes" : NULL }, 5);

      if (item->choice_names != NULL && has_choices (item))
        write_choices (&choices, item->list, (const char * const *) item->choice_names,
                       (const char * const *) item->choice_labels);
      scale |= item->field == TISSAGE_XLSFORM_QUESTION && item->kind == TISSAGE_QUESTION_SCALE;
    }
  if (group != NULL)
    write_row (&survey, (const char *[]) { "end_group", group }, 2);

  if (scale)
    write_choices (&choices, TISSAGE_XLSFORM_LIST_SCALE,
                   (const char *[]) { "1", "2", "3", "4", "5", NULL },
                   (const char *[]) { _("1 — Not at all"), "2", "3", "4", _("5 — Completely"), NULL });

  closed = workbook_close (workbook);

  return survey.status == LXW_NO_ERROR && choices.status == LXW_NO_ERROR &&
         settings.status == LXW_NO_ERROR && closed == LXW_NO_ERROR;
}

gboolean
tissage_xlsform_export (TissageDocument *document,
                        TissageGrid     *grid,
                        const char      *path,
                        GError         **error)
{
  g_autoptr(TissageXlsform) form = NULL;
  g_autoptr(TissageAtomicFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = NULL;
  gboolean written = FALSE;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (TISSAGE_IS_GRID (grid), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!tissage_xlsx_check_destination (path, error))
    return FALSE;

  display = g_filename_display_basename (path);
  form = tissage_xlsform_new (document, grid);
  file = tissage_atomic_file_new (path, &local_error);
  if (file != NULL)
    {
      /* libxlsxwriter prints the sheets' measures with the locale's
       * decimal separator, which must be a point in the file: this
       * thread alone writes them in C. */
      locale_t c_numeric = newlocale (LC_NUMERIC_MASK, "C", (locale_t) 0);
      locale_t previous = c_numeric != (locale_t) 0 ? uselocale (c_numeric) : (locale_t) 0;

      written = c_numeric != (locale_t) 0 && write_form (form, tissage_atomic_file_get_temporary_path (file));
      if (c_numeric != (locale_t) 0)
        {
          uselocale (previous);
          freelocale (c_numeric);
        }
    }
  if (file == NULL || !written || !tissage_atomic_file_commit (file, &local_error))
    {
      if (local_error != NULL)
        g_debug ("%s", local_error->message);
      g_set_error (error, TISSAGE_XLSX_ERROR, TISSAGE_XLSX_ERROR_WRITE,
                   _("The form could not be written to “%s”."), display);
      return FALSE;
    }

  return TRUE;
}

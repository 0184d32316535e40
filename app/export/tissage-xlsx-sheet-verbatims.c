/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-export"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tissage-document.h"
#include "tissage-referentiel.h"
#include "tissage-xlsx-sheet-private.h"

/* The verbatims, by expected effect in the order of the référentiel. */

gboolean
tissage_xlsx_write_verbatims (TissageXlsxExport *export,
                              lxw_worksheet     *worksheet)
{
  static const char * const tones[] = { N_("Positive"), N_("Negative"), N_("Neutral") };
  enum { VB_EFFECT, VB_QUOTE, VB_TONE, VB_CATEGORY, VB_STRUCTURE, VB_PERSON, VB_DATE,
         VB_QUESTION, VB_LOST, VB_N_COLUMNS };
  const TissageXlsxColumn columns[VB_N_COLUMNS] = {
    { _("Expected effect"), 24, 34 },
    { _("Verbatim"), 50, 70 },
    { _("Tone"), 10, 12 },
    { _("Category"), 14, 28 },
    { _("Structure"), 14, 26 },
    { _("Interviewee"), 16, 24 },
    { _("Date"), 11, 11 },
    { _("Question"), 26, 40 },
    { _("Quote no longer in the answer"), 13, 14 },
  };
  TissageXlsxSheet sheet;
  sqlite3_stmt *stmt;

  tissage_xlsx_sheet_init (export, &sheet, worksheet, columns, VB_N_COLUMNS);
  tissage_xlsx_write_header (export, &sheet);

  /* By effect, in the order of the référentiel; a verbatim tagged with
   * several effects is under each; untagged ones come last. */
  stmt = tissage_xlsx_prepare (export,
                               "SELECT e.title, v.quote, v.tone, coalesce (sh.category_id, iv.category_id),"
                               " iv.structure_id, iv.id, sh.name, iv.pseudonym, iv.date, gq.text, v.lost"
                               " FROM verbatims v"
                               " JOIN answers a ON a.id = v.answer_id"
                               " JOIN interviews iv ON iv.id = a.interview_id"
                               " JOIN grid_questions gq ON gq.id = a.question_id"
                               " LEFT JOIN stakeholders sh ON sh.id = iv.stakeholder_id"
                               " LEFT JOIN verbatim_tags t ON t.verbatim_id = v.id"
                               " LEFT JOIN effects e ON e.id = t.effect_id"
                               " LEFT JOIN eval_questions q ON q.id = e.question_id"
                               " LEFT JOIN stakes s ON s.id = q.stake_id"
                               " WHERE (?1 IS NULL OR iv.date BETWEEN ?1 AND ?2)"
                               " AND (?3 IS NULL OR iv.structure_id = ?3"
                               "      OR coalesce (iv.person_structure_id, sh.structure_id) = ?3)"
                               " ORDER BY e.id IS NULL, " TISSAGE_XLSX_EFFECT_ORDER ", iv.id, v.start, v.id");
  tissage_xlsx_bind_period (export, stmt, 1);
  tissage_xlsx_bind_structure (export, stmt, 3);

  while (tissage_xlsx_step (export, stmt))
    {
      gint64 interview_id = sqlite3_column_int64 (stmt, 5);
      g_autofree char *person = NULL;
      const char *effect = tissage_xlsx_column_text (stmt, 0);

      if (!tissage_xlsx_keeps_interview (export, interview_id))
        continue;

      person = tissage_xlsx_interviewee_label (export, interview_id,
                                               tissage_xlsx_column_text (stmt, 6),
                                               tissage_xlsx_column_text (stmt, 7));

      tissage_xlsx_put_text (export, &sheet, VB_EFFECT, effect != NULL ? effect : _("No effect tagged"), export->wrap);
      tissage_xlsx_put_text (export, &sheet, VB_QUOTE, tissage_xlsx_column_text (stmt, 1), export->wrap);
      tissage_xlsx_put_text (export, &sheet, VB_TONE,
                             tissage_xlsx_label_of (tones, G_N_ELEMENTS (tones), sqlite3_column_int (stmt, 2)), export->text);
      tissage_xlsx_put_text (export, &sheet, VB_CATEGORY,
                             tissage_xlsx_lookup_name (export->categories, stmt, 3), export->text);
      tissage_xlsx_put_text (export, &sheet, VB_STRUCTURE,
                             tissage_xlsx_structure_beside (export, interview_id, sqlite3_column_int64 (stmt, 3), stmt, 4),
                             export->text);
      tissage_xlsx_put_text (export, &sheet, VB_PERSON, person, export->text);
      tissage_xlsx_put_date (export, &sheet, VB_DATE, tissage_xlsx_column_text (stmt, 8));
      tissage_xlsx_put_text (export, &sheet, VB_QUESTION, tissage_xlsx_column_text (stmt, 9), export->text);
      tissage_xlsx_put_yes_no (export, &sheet, VB_LOST, sqlite3_column_int (stmt, 10));
      if (!tissage_xlsx_next_row (export, &sheet))
        break;
    }
  sqlite3_finalize (stmt);

  tissage_xlsx_sheet_finish (export, &sheet, VB_N_COLUMNS);
  tissage_xlsx_sheet_clear (&sheet);

  return export->error == NULL;
}

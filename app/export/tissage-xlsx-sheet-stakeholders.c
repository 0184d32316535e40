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

/* The stakeholders and their links, side by side, below the map. */

/* The stakeholder map goes above the tables of its sheet, over this many
 * rows of the default height (600 pixels), as wide as its shape wants. */
#define MAP_ROWS 30

enum {
  SH_NAME, SH_CATEGORY, SH_STRUCTURE, SH_MEMBER, SH_PROXIMITY, SH_INFLUENCE, SH_INTEREST,
  SH_DESCRIPTION, SH_GAP, LK_SOURCE, LK_TARGET, LK_KIND, LK_STRENGTH, LK_NOTE, LK_GAP,
  SH_N_COLUMNS
};

static const char *
stakeholder_name (TissageXlsxExport *export,
                  sqlite3_stmt      *stmt,
                  int                id_column,
                  int                name_column)
{
  if (tissage_xlsx_is_masked (export, sqlite3_column_int64 (stmt, id_column)))
    return tissage_xlsx_hidden_name ();

  return tissage_xlsx_column_text (stmt, name_column);
}

/* The size of a PNG image, from its header. */
static gboolean
png_size (GBytes *png,
          guint  *width,
          guint  *height)
{
  gsize size = 0;
  const guchar *data = g_bytes_get_data (png, &size);

  if (size < 24 || memcmp (data, "\x89PNG", 4) != 0)
    return FALSE;

  *width = (guint) data[16] << 24 | (guint) data[17] << 16 | (guint) data[18] << 8 | data[19];
  *height = (guint) data[20] << 24 | (guint) data[21] << 16 | (guint) data[22] << 8 | data[23];
  return *width > 0 && *height > 0;
}

/* The map above the tables, when there is someone on it: the rows it
 * covers are of the default height, as the library takes them, so that
 * it keeps its shape. */
void
tissage_xlsx_insert_map (TissageXlsxExport *export,
                         lxw_worksheet     *worksheet,
                         GBytes            *png)
{
  lxw_image_options options = { 0, };
  guint width, height;

  if (png == NULL || export->map_rows == 0 || !png_size (png, &width, &height))
    return;

  options.y_scale = options.x_scale = export->map_rows * LXW_DEF_ROW_HEIGHT * 4.0 / 3.0 / height;
  options.description = (char *) _("Stakeholder map");
  worksheet_insert_image_buffer_opt (worksheet, 0, 0,
                                     g_bytes_get_data (png, NULL), g_bytes_get_size (png), &options);
}

static gboolean
has_stakeholders (TissageXlsxExport *export)
{
  sqlite3_stmt *stmt = tissage_xlsx_prepare (export, "SELECT 1 FROM stakeholders LIMIT 1");
  gboolean found = tissage_xlsx_step (export, stmt);

  sqlite3_finalize (stmt);
  return found;
}

gboolean
tissage_xlsx_write_stakeholders (TissageXlsxExport *export,
                                 lxw_worksheet     *worksheet)
{
  const TissageXlsxColumn columns[SH_N_COLUMNS] = {
    { _("Stakeholder"), 20, 30 },
    { _("Category"), 14, 24 },
    { _("Member structure"), 16, 26 },
    { _("Member of the collective"), 11, 12 },
    { _("Proximity"), 12, 16 },
    { _("Influence (0 to 100)"), 11, 11 },
    { _("Interest (0 to 100)"), 11, 11 },
    { _("Description"), 24, 44 },
    { NULL, 3, 3 },
    { _("From"), 20, 28 },
    { _("To"), 20, 28 },
    { _("Kind of link"), 14, 24 },
    { _("Strength (1 to 3)"), 10, 12 },
    { _("Note"), 18, 34 },
    { NULL, 3, 3 },
  };
  TissageXlsxSheet sheet;
  sqlite3_stmt *stakeholders, *links;
  gboolean more_stakeholders, more_links;
  tissage_xlsx_sheet_init (export, &sheet, worksheet, columns, SH_N_COLUMNS);

  /* The map first, where whoever opens the sheet sees it, the tables below
   * it; panes frozen under it would leave no room to scroll them. */
  if (export->with_map && has_stakeholders (export))
    {
      export->map_rows = MAP_ROWS;
      sheet.row = MAP_ROWS + 1;
      sheet.unfrozen = TRUE;
    }
  tissage_xlsx_write_header (export, &sheet);
  if (!sheet.unfrozen)
    worksheet_freeze_panes (worksheet, sheet.header_row + 1, SH_NAME + 1);

  stakeholders = tissage_xlsx_prepare (export,
                                       "SELECT sh.id, sh.name, sh.category_id, sh.structure_id, sh.is_member,"
                                       " sh.proximity, sh.influence, sh.interest, sh.description"
                                       " FROM stakeholders sh LEFT JOIN categories c ON c.id = sh.category_id"
                                       " ORDER BY c.id IS NULL, c.position, c.id, sh.name, sh.id");
  links = tissage_xlsx_prepare (export,
                                "SELECT l.source_id, a.name, l.target_id, b.name, l.kind, l.strength, l.note"
                                " FROM links l JOIN stakeholders a ON a.id = l.source_id"
                                " JOIN stakeholders b ON b.id = l.target_id"
                                " ORDER BY a.name, b.name, l.id");

  /* The two tables side by side, row by row. */
  more_stakeholders = tissage_xlsx_step (export, stakeholders);
  more_links = tissage_xlsx_step (export, links);
  while (more_stakeholders || more_links)
    {
      if (more_stakeholders)
        {
          gboolean masked = tissage_xlsx_is_masked (export, sqlite3_column_int64 (stakeholders, 0));
          int proximity = sqlite3_column_int (stakeholders, 5);

          tissage_xlsx_put_text (export, &sheet, SH_NAME, stakeholder_name (export, stakeholders, 0, 1), export->text);
          tissage_xlsx_put_text (export, &sheet, SH_CATEGORY,
                                 tissage_xlsx_lookup_name (export->categories, stakeholders, 2), export->text);
          /* Beside a masked person, their structure only among enough
           * people of their kind (tissage_privacy_shows_structure()). */
          if (!masked || tissage_privacy_shows_structure (export->privacy, sqlite3_column_int64 (stakeholders, 2),
                                                          sqlite3_column_int64 (stakeholders, 3)))
            tissage_xlsx_put_text (export, &sheet, SH_STRUCTURE,
                                   tissage_xlsx_lookup_name (export->structures, stakeholders, 3), export->text);
          tissage_xlsx_put_yes_no (export, &sheet, SH_MEMBER, sqlite3_column_int (stakeholders, 4));
          if (proximity >= 0 && proximity < TISSAGE_N_PROXIMITIES)
            tissage_xlsx_put_text (export, &sheet, SH_PROXIMITY, tissage_proximity_to_label (proximity), export->text);
          tissage_xlsx_put_number (export, &sheet, SH_INFLUENCE, sqlite3_column_int (stakeholders, 6), export->integer);
          tissage_xlsx_put_number (export, &sheet, SH_INTEREST, sqlite3_column_int (stakeholders, 7), export->integer);
          if (!masked)
            tissage_xlsx_put_text (export, &sheet, SH_DESCRIPTION, tissage_xlsx_column_text (stakeholders, 8), export->text);
          more_stakeholders = tissage_xlsx_step (export, stakeholders);
        }

      if (more_links)
        {
          tissage_xlsx_put_text (export, &sheet, LK_SOURCE, stakeholder_name (export, links, 0, 1), export->text);
          tissage_xlsx_put_text (export, &sheet, LK_TARGET, stakeholder_name (export, links, 2, 3), export->text);
          tissage_xlsx_put_text (export, &sheet, LK_KIND, tissage_xlsx_column_text (links, 4), export->text);
          tissage_xlsx_put_number (export, &sheet, LK_STRENGTH, sqlite3_column_int (links, 5), export->integer);
          tissage_xlsx_put_text (export, &sheet, LK_NOTE, tissage_xlsx_column_text (links, 6), export->text);
          more_links = tissage_xlsx_step (export, links);
        }

      if (!tissage_xlsx_next_row (export, &sheet))
        break;
    }
  sqlite3_finalize (stakeholders);
  sqlite3_finalize (links);

  /* The filter sorts the stakeholders; the links are a table of their own. */
  tissage_xlsx_sheet_finish (export, &sheet, SH_DESCRIPTION + 1);
  tissage_xlsx_sheet_clear (&sheet);

  return export->error == NULL;
}

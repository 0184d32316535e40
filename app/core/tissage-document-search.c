#define G_LOG_DOMAIN "tissage-core"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gobject/gvaluecollector.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tissage-document-private.h"
#include "tissage-interviews.h"
#include "tissage-lock.h"
#include "tissage-referentiel.h"
#include "tissage-record-private.h"
#include "tissage-utils.h"

/* The full-text index holds one entry an interview, its answers' text,
 * and follows them in the same transaction as the edit: temporary
 * triggers note which interviews changed, and this rewrites their entries
 * before the commit. (A file's own triggers may not write to a virtual
 * table while the schema is not trusted.) */
static const char search_index_sql[] =
  "DELETE FROM interviews_fts WHERE rowid IN (SELECT interview_id FROM temp.search_dirty);"
  /* A deleted entry stays in the index's older segments until they are
   * merged: when interviews are deleted, their words are merged away at
   * once, so that none of them is left in the file. */
  "INSERT INTO interviews_fts (interviews_fts) SELECT 'optimize'"
  " WHERE EXISTS (SELECT 1 FROM temp.search_dirty d"
  " WHERE NOT EXISTS (SELECT 1 FROM main.interviews i WHERE i.id = d.interview_id));"
  "INSERT INTO interviews_fts (rowid, text)"
  " SELECT interview_id, group_concat (text, char (10)) FROM answers"
  " WHERE text <> '' AND interview_id IN (SELECT interview_id FROM temp.search_dirty)"
  " GROUP BY interview_id;"
  "DELETE FROM temp.search_dirty;";

gboolean
tissage_document_update_search_index (TissageDocument  *self,
                                      GError          **error)
{
  return tissage_db_exec (self->db, search_index_sql, error);
}

gboolean
tissage_document_rebuild_search_index (TissageDocument  *self,
                                       GError          **error)
{
  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), FALSE);

  return tissage_db_exec (self->db,
                          "BEGIN IMMEDIATE;"
                          "DELETE FROM interviews_fts;"
                          TISSAGE_SCHEMA_FILL_SEARCH_SQL
                          "COMMIT;", error);
}

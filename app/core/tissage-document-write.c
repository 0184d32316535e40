/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-core"

#include "config.h"

#include <glib/gi18n.h>
#include <gobject/gvaluecollector.h>
#include <math.h>
#include <string.h>

#include "tissage-contribution.h"
#include "tissage-document-private.h"
#include "tissage-record-private.h"
#include "tissage-utils.h"

#define MAX_TEXT_BYTES  (1024 * 1024)

char *
tissage_now_timestamp (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}

static void values_free (GValue *values, guint n_values);

/* Checking values */

static gboolean
is_required_column (GParamSpec *pspec)
{
  const char *name = g_param_spec_get_name (pspec);

  if (tissage_column_is_optional (pspec))
    return FALSE;

  return g_str_equal (name, "name") || g_str_equal (name, "title") ||
         g_str_equal (name, "label") || g_str_equal (name, "text");
}

static gboolean
check_value (TissageRecordClass  *klass,
             GParamSpec          *pspec,
             GValue              *value,
             GError             **error)
{
  g_auto(GValue) checked = G_VALUE_INIT;
  const char *label = g_param_spec_get_nick (pspec);

  if (G_VALUE_TYPE (value) == G_TYPE_STRING)
    {
      const char *str = g_value_get_string (value);

      if (str != NULL && !g_utf8_validate (str, -1, NULL))
        {
          g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                       _("“%s” contains characters that are not valid text."), _(label));
          return FALSE;
        }
      if (str != NULL && strlen (str) > MAX_TEXT_BYTES)
        {
          g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                       _("“%s” is too long (more than a million characters)."), _(label));
          return FALSE;
        }
      if (str != NULL && tissage_column_get_max_chars (pspec) > 0 &&
          g_utf8_strlen (str, -1) > (glong) tissage_column_get_max_chars (pspec))
        {
          g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                       _("“%s” is too long: at most %u characters."), _(label), tissage_column_get_max_chars (pspec));
          return FALSE;
        }
      if (is_required_column (pspec))
        {
          g_autofree char *copy = g_strstrip (g_strdup (str ? str : ""));

          if (*copy == '\0')
            {
              g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                           _("“%s” cannot be empty."), _(label));
              return FALSE;
            }
        }
    }

  if (G_VALUE_TYPE (value) == G_TYPE_DOUBLE && isinf (g_value_get_double (value)))
    {
      g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                   _("“%s” must be a finite number."), _(label));
      return FALSE;
    }

  /* NaN is how a real column says "none". */
  if (G_VALUE_TYPE (value) == G_TYPE_DOUBLE && isnan (g_value_get_double (value)))
    return TRUE;

  g_value_init (&checked, pspec->value_type);
  g_value_copy (value, &checked);
  if (g_param_value_validate (pspec, &checked))
    {
      if (G_IS_PARAM_SPEC_INT (pspec))
        g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                     _("“%s” must be between %d and %d."), _(label),
                     G_PARAM_SPEC_INT (pspec)->minimum, G_PARAM_SPEC_INT (pspec)->maximum);
      else
        g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                     _("The value of “%s” is not allowed."), _(label));
      return FALSE;
    }

  return TRUE;
}

/* Converts the caller's values to the column types and checks them. */
static gboolean
prepare_values (TissageRecordClass  *klass,
                guint                n_values,
                const char         **names,
                const GValue        *values,
                GParamSpec         **pspecs,
                GValue              *out,
                GError             **error)
{
  for (guint i = 0; i < n_values; i++)
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_CLASS (klass), names[i]);
      gboolean is_column = FALSE;

      for (guint c = 0; pspec != NULL && c < klass->n_columns; c++)
        is_column |= klass->columns[c] == pspec;

      if (!is_column)
        {
          g_critical ("%s has no column for property “%s”", klass->table, names[i]);
          g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_FAILED,
                       _("Unexpected error: unknown field."));
          return FALSE;
        }

      g_value_init (&out[i], pspec->value_type);
      if (!g_value_transform (&values[i], &out[i]))
        {
          g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                       _("The value of “%s” is not allowed."), _(g_param_spec_get_nick (pspec)));
          return FALSE;
        }

      if (!check_value (klass, pspec, &out[i], error))
        return FALSE;

      pspecs[i] = pspec;
    }

  return TRUE;
}

/* Row checks see the whole row: the new values over the current ones. */
static gboolean
validate_row (TissageRecordClass  *klass,
              TissageRecord       *current,
              guint                n_values,
              const char         **names,
              GParamSpec         **pspecs,
              const GValue        *values,
              GError             **error)
{
  g_autofree const char **all_names = NULL;
  GValue *all_values;
  gboolean ok;

  if (klass->validate == NULL)
    return TRUE;

  all_names = g_new0 (const char *, klass->n_columns + 1);
  all_values = g_new0 (GValue, klass->n_columns + 1);

  for (guint c = 0; c < klass->n_columns; c++)
    {
      GParamSpec *pspec = klass->columns[c];
      const GValue *given = NULL;

      for (guint i = 0; i < n_values; i++)
        if (pspecs[i] == pspec)
          given = &values[i];

      all_names[c] = pspec->name;
      g_value_init (&all_values[c], pspec->value_type);
      if (given != NULL)
        g_value_copy (given, &all_values[c]);
      else if (current != NULL)
        g_object_get_property (G_OBJECT (current), pspec->name, &all_values[c]);
      else
        g_param_value_set_default (pspec, &all_values[c]);
    }

  ok = klass->validate (klass, all_names, all_values, klass->n_columns, error);
  values_free (all_values, klass->n_columns);
  return ok;
}

/* The value a row will have in @column: the new one if given, else the
 * current one (or the default for a new row). */
static void
row_value (TissageRecordClass  *klass,
           TissageRecord       *current,
           guint                n_values,
           GParamSpec         **pspecs,
           const GValue        *values,
           const char          *column,
           GValue              *out)
{
  GParamSpec *pspec = NULL;

  for (guint c = 0; c < klass->n_columns; c++)
    if (g_str_equal (klass->columns[c]->name, column))
      pspec = klass->columns[c];
  g_assert (pspec != NULL);

  g_value_init (out, pspec->value_type);
  for (guint i = 0; i < n_values; i++)
    if (pspecs[i] == pspec)
      {
        g_value_copy (&values[i], out);
        return;
      }
  if (current != NULL)
    g_object_get_property (G_OBJECT (current), pspec->name, out);
  else
    g_param_value_set_default (pspec, out);
}

/* A second link of the same kind between the same two stakeholders, in
 * either direction, says nothing more and counts twice in the network
 * measures: it is refused. */
static gboolean
check_link_unique (TissageDocument     *self,
                   TissageRecordClass  *klass,
                   TissageRecord       *current,
                   guint                n_values,
                   GParamSpec         **pspecs,
                   const GValue        *values,
                   GError             **error)
{
  g_auto(GValue) source = G_VALUE_INIT;
  g_auto(GValue) target = G_VALUE_INIT;
  g_auto(GValue) kind = G_VALUE_INIT;
  TissageLink *existing;

  if (G_TYPE_FROM_CLASS (klass) != TISSAGE_TYPE_LINK)
    return TRUE;

  row_value (klass, current, n_values, pspecs, values, "source-id", &source);
  row_value (klass, current, n_values, pspecs, values, "target-id", &target);
  row_value (klass, current, n_values, pspecs, values, "kind", &kind);

  existing = tissage_document_find_link (self, g_value_get_int64 (&source), g_value_get_int64 (&target),
                                         g_value_get_string (&kind),
                                         current != NULL ? tissage_record_get_id (current) : 0);
  if (existing != NULL)
    {
      TissageStakeholder *a = tissage_document_lookup (self, TISSAGE_TYPE_STAKEHOLDER, g_value_get_int64 (&source));
      TissageStakeholder *b = tissage_document_lookup (self, TISSAGE_TYPE_STAKEHOLDER, g_value_get_int64 (&target));
      g_autofree char *name_a = tissage_text_shorten (a != NULL ? tissage_stakeholder_get_name (a) : "", 60);
      g_autofree char *name_b = tissage_text_shorten (b != NULL ? tissage_stakeholder_get_name (b) : "", 60);
      g_autofree char *kind_name = tissage_text_shorten (g_value_get_string (&kind), 60);

      g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                   _("“%s” and “%s” already have a “%s” link: change its strength or its note instead."),
                   name_a, name_b, kind_name);
      return FALSE;
    }

  return TRUE;
}

static void
values_free (GValue *values,
             guint   n_values)
{
  for (guint i = 0; i < n_values; i++)
    if (G_IS_VALUE (&values[i]))
      g_value_unset (&values[i]);
  g_free (values);
}

static const char *
class_label (TissageRecordClass *klass,
             const char         *label)
{
  return label != NULL ? _(label) : klass->table;
}

static gpointer insert_row (TissageDocument  *self,
                            GType             type,
                            const char       *given_uuid,
                            guint             n_values,
                            const char      **names,
                            const GValue     *values,
                            GError          **error);

/* A "uuid" among the values names the row as another tool already did
 * (a survey's submission), so that it is known again when it comes back. */
gpointer
tissage_document_insert_values (TissageDocument  *self,
                                GType             type,
                                guint             n_values,
                                const char      **names,
                                const GValue     *values,
                                GError          **error)
{
  for (guint i = 0; i < n_values; i++)
    if (g_str_equal (names[i], "uuid"))
      {
        const char *uuid = G_VALUE_HOLDS_STRING (&values[i]) ? g_value_get_string (&values[i]) : NULL;
        g_autofree const char **other_names = g_new0 (const char *, n_values);
        g_autofree GValue *other_values = g_new0 (GValue, n_values);
        guint n = 0;

        if (uuid == NULL || !g_uuid_string_is_valid (uuid))
          {
            g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                                 _("The identifier of the row is not a UUID."));
            return NULL;
          }
        for (guint k = 0; k < n_values; k++)
          if (k != i)
            {
              other_names[n] = names[k];
              other_values[n++] = values[k];
            }
        return insert_row (self, type, uuid, n, other_names, other_values, error);
      }

  return insert_row (self, type, NULL, n_values, names, values, error);
}

static gpointer
insert_row (TissageDocument  *self,
            GType             type,
            const char       *given_uuid,
            guint             n_values,
            const char      **names,
            const GValue     *values,
            GError          **error)
{
  g_autoptr(GTypeClass) type_class = NULL;
  TissageRecordClass *klass;
  g_autofree GParamSpec **pspecs = NULL;
  GValue *checked = NULL;
  g_autoptr(GString) sql = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *modified = NULL;
  sqlite3_stmt *stmt = NULL;
  LoadedTable *lt;
  gint64 id;
  int rc;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (g_type_is_a (type, TISSAGE_TYPE_RECORD), NULL);

  if (!tissage_document_check_writable (self, error))
    return NULL;

  type_class = g_type_class_ref (type);
  klass = TISSAGE_RECORD_CLASS (type_class);
  pspecs = g_new0 (GParamSpec *, n_values + 1);
  checked = g_new0 (GValue, n_values + 1);

  if (!tissage_contribution_check_editable (self, klass->table, error) ||
      !prepare_values (klass, n_values, names, values, pspecs, checked, error) ||
      !validate_row (klass, NULL, n_values, names, pspecs, checked, error) ||
      !check_link_unique (self, klass, NULL, n_values, pspecs, checked, error))
    {
      values_free (checked, n_values);
      return NULL;
    }

  /* Names and titles are required: an insert without one is refused. */
  for (guint c = 0; c < klass->n_columns; c++)
    {
      gboolean given = FALSE;

      if (!is_required_column (klass->columns[c]))
        continue;
      for (guint i = 0; i < n_values; i++)
        given |= pspecs[i] == klass->columns[c];
      if (!given)
        {
          g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_INVALID_VALUE,
                       _("“%s” cannot be empty."), _(g_param_spec_get_nick (klass->columns[c])));
          values_free (checked, n_values);
          return NULL;
        }
    }

  sql = g_string_new (NULL);
  g_string_append_printf (sql, "INSERT INTO %s (uuid, modified", klass->table);
  for (guint i = 0; i < n_values; i++)
    {
      g_autofree char *col = g_strdelimit (g_strdup (pspecs[i]->name), "-", '_');
      g_string_append_printf (sql, ", %s", col);
    }
  g_string_append (sql, ") VALUES (?, ?");
  for (guint i = 0; i < n_values; i++)
    g_string_append (sql, ", ?");
  g_string_append (sql, ")");

  if (!tissage_document_begin (self, class_label (klass, klass->label_insert), error))
    {
      values_free (checked, n_values);
      return NULL;
    }

  uuid = given_uuid != NULL ? g_ascii_strdown (given_uuid, -1) : g_uuid_string_random ();
  modified = tissage_now_timestamp ();

  stmt = tissage_document_cached_statement (self, sql->str, &rc);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, modified, -1, SQLITE_STATIC);
      for (guint i = 0; i < n_values; i++)
        tissage_sql_bind_value (stmt, i + 3, &checked[i]);
      rc = sqlite3_step (stmt);
    }
  values_free (checked, n_values);

  if (rc != SQLITE_DONE)
    {
      tissage_db_set_error (error, self->db, sqlite3_extended_errcode (self->db));
      sqlite3_reset (stmt);
      if (self->depth == 1)
        tissage_document_rollback (self);
      else
        self->depth--;
      return NULL;
    }

  sqlite3_reset (stmt);
  id = sqlite3_last_insert_rowid (self->db);

  tissage_document_sync_row (self, klass->table, id);

  if (!tissage_document_commit (self, error))
    return NULL;

  lt = tissage_document_loaded_for_type (self, type);
  if (lt != NULL)
    {
      gpointer record = g_hash_table_lookup (lt->by_id, &id);

      return record != NULL ? g_object_ref (record) : NULL;
    }
  /* Inside a group the row may still change: read it as it is now. */
  return tissage_document_fetch (self, type, id);
}

static gboolean
collect_valist (GType          type,
                const char    *first_property,
                va_list        args,
                GPtrArray    **names_out,
                GArray       **values_out)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (type);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GArray) values = g_array_new (FALSE, TRUE, sizeof (GValue));
  const char *name = first_property;

  g_array_set_clear_func (values, (GDestroyNotify) g_value_unset);

  while (name != NULL)
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_CLASS (klass), name);
      GValue value = G_VALUE_INIT;
      g_autofree char *collect_error = NULL;

      if (pspec == NULL)
        {
          g_critical ("%s has no property “%s”", g_type_name (type), name);
          return FALSE;
        }

      G_VALUE_COLLECT_INIT (&value, pspec->value_type, args, 0, &collect_error);
      if (collect_error != NULL)
        {
          g_critical ("%s", collect_error);
          return FALSE;
        }

      g_ptr_array_add (names, (gpointer) name);
      g_array_append_val (values, value);
      name = va_arg (args, const char *);
    }

  *names_out = g_steal_pointer (&names);
  *values_out = g_steal_pointer (&values);
  return TRUE;
}

gpointer
tissage_document_insert (TissageDocument  *self,
                         GType             type,
                         GError          **error,
                         const char       *first_property,
                         ...)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GArray) values = NULL;
  va_list args;
  gboolean ok;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), NULL);

  va_start (args, first_property);
  ok = collect_valist (type, first_property, args, &names, &values);
  va_end (args);

  if (!ok)
    {
      g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_FAILED,
                           _("Unexpected error: unknown field."));
      return NULL;
    }

  return tissage_document_insert_values (self, type, names->len,
                                         (const char **) names->pdata,
                                         (const GValue *) values->data, error);
}

static gboolean
update_values (TissageDocument  *self,
               TissageRecord    *record,
               guint             n_values,
               const char      **names,
               const GValue     *values,
               GError          **error)
{
  TissageRecordClass *klass = TISSAGE_RECORD_GET_CLASS (record);
  g_autofree GParamSpec **pspecs = g_new0 (GParamSpec *, n_values + 1);
  GValue *checked = g_new0 (GValue, n_values + 1);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autofree char *modified = NULL;
  g_autofree char *merge_key = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean changed = FALSE;
  int rc;

  if (!tissage_document_check_writable (self, error) ||
      !tissage_contribution_check_editable (self, klass->table, error) ||
      !prepare_values (klass, n_values, names, values, pspecs, checked, error) ||
      !validate_row (klass, record, n_values, names, pspecs, checked, error) ||
      !check_link_unique (self, klass, record, n_values, pspecs, checked, error))
    {
      values_free (checked, n_values);
      return FALSE;
    }

  g_string_append_printf (sql, "UPDATE %s SET modified = ?", klass->table);
  for (guint i = 0; i < n_values; i++)
    {
      g_auto(GValue) current = G_VALUE_INIT;
      g_autofree char *col = g_strdelimit (g_strdup (pspecs[i]->name), "-", '_');

      g_value_init (&current, pspecs[i]->value_type);
      g_object_get_property (G_OBJECT (record), pspecs[i]->name, &current);
      if (g_param_values_cmp (pspecs[i], &current, &checked[i]) != 0 ||
          (G_VALUE_HOLDS_DOUBLE (&current) &&
           isnan (g_value_get_double (&current)) != isnan (g_value_get_double (&checked[i]))))
        changed = TRUE;

      g_string_append_printf (sql, ", %s = ?", col);
    }
  g_string_append (sql, " WHERE id = ?");

  if (!changed)
    {
      values_free (checked, n_values);
      return TRUE;
    }

  if (n_values == 1)
    merge_key = g_strdup_printf ("%s:%" G_GINT64_FORMAT ":%s", klass->table,
                                 tissage_record_get_id (record), pspecs[0]->name);

  if (!tissage_document_begin (self, class_label (klass, klass->label_edit), error))
    {
      values_free (checked, n_values);
      return FALSE;
    }
  if (self->depth == 1)
    tissage_set_str (&self->group_merge_key, merge_key);

  modified = tissage_now_timestamp ();
  stmt = tissage_document_cached_statement (self, sql->str, &rc);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, modified, -1, SQLITE_STATIC);
      for (guint i = 0; i < n_values; i++)
        tissage_sql_bind_value (stmt, i + 2, &checked[i]);
      sqlite3_bind_int64 (stmt, n_values + 2, tissage_record_get_id (record));
      rc = sqlite3_step (stmt);
    }
  values_free (checked, n_values);

  if (rc != SQLITE_DONE)
    {
      tissage_db_set_error (error, self->db, sqlite3_extended_errcode (self->db));
      sqlite3_reset (stmt);
      if (self->depth == 1)
        tissage_document_rollback (self);
      else
        self->depth--;
      return FALSE;
    }
  sqlite3_reset (stmt);

  tissage_document_sync_row (self, klass->table, tissage_record_get_id (record));
  if (tissage_document_loaded_for_table (self, klass->table) == NULL)
    tissage_document_refresh_record (self, record);

  return tissage_document_commit (self, error);
}

gboolean
tissage_document_set_value (TissageDocument  *self,
                            gpointer          record,
                            const char       *property,
                            const GValue     *value,
                            GError          **error)
{
  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (TISSAGE_IS_RECORD (record), FALSE);

  return update_values (self, record, 1, &property, value, error);
}

gboolean
tissage_document_set (TissageDocument  *self,
                      gpointer          record,
                      GError          **error,
                      const char       *first_property,
                      ...)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GArray) values = NULL;
  va_list args;
  gboolean ok;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (TISSAGE_IS_RECORD (record), FALSE);

  va_start (args, first_property);
  ok = collect_valist (G_OBJECT_TYPE (record), first_property, args, &names, &values);
  va_end (args);

  if (!ok)
    {
      g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_FAILED,
                           _("Unexpected error: unknown field."));
      return FALSE;
    }

  return update_values (self, record, names->len, (const char **) names->pdata,
                        (const GValue *) values->data, error);
}

gboolean
tissage_document_delete (TissageDocument  *self,
                         gpointer          record,
                         GError          **error)
{
  g_autoptr(TissageRecord) hold = NULL;
  TissageRecordClass *klass;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (TISSAGE_IS_RECORD (record), FALSE);

  hold = g_object_ref (record);
  klass = TISSAGE_RECORD_GET_CLASS (record);
  sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?", klass->table);

  if (!tissage_contribution_check_editable (self, klass->table, error) ||
      !tissage_document_begin (self, class_label (klass, klass->label_delete), error))
    return FALSE;

  stmt = tissage_document_cached_statement (self, sql, &rc);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, tissage_record_get_id (hold));
      rc = sqlite3_step (stmt);
    }

  if (rc != SQLITE_DONE)
    {
      tissage_db_set_error (error, self->db, sqlite3_extended_errcode (self->db));
      sqlite3_reset (stmt);
      if (self->depth == 1)
        tissage_document_rollback (self);
      else
        self->depth--;
      return FALSE;
    }
  sqlite3_reset (stmt);

  return tissage_document_commit (self, error);
}

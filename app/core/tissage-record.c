/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-core"

#include "config.h"

#include <math.h>

#include "tissage-record-private.h"
#include "tissage-utils.h"

typedef struct
{
  gint64  id;
  char   *uuid;
  char   *modified;
  GValue *values;   /* one per property of the subclass, indexed by prop_id */
  guint   n_values;
} TissageRecordPrivate;

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_MODIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (TissageRecord, tissage_record, G_TYPE_OBJECT)

static GValue *
record_values (TissageRecord *self)
{
  TissageRecordPrivate *priv = tissage_record_get_instance_private (self);

  if (priv->values == NULL)
    {
      TissageRecordClass *klass = TISSAGE_RECORD_GET_CLASS (self);

      priv->n_values = klass->n_columns + 1;
      priv->values = g_new0 (GValue, priv->n_values);
      for (guint i = 1; i < priv->n_values; i++)
        {
          GParamSpec *pspec = klass->columns[i - 1];

          g_value_init (&priv->values[i], pspec->value_type);
          g_param_value_set_default (pspec, &priv->values[i]);
        }
    }

  return priv->values;
}

static void
tissage_record_finalize (GObject *object)
{
  TissageRecord *self = TISSAGE_RECORD (object);
  TissageRecordPrivate *priv = tissage_record_get_instance_private (self);

  g_clear_pointer (&priv->uuid, g_free);
  g_clear_pointer (&priv->modified, g_free);
  if (priv->values != NULL)
    {
      for (guint i = 1; i < priv->n_values; i++)
        g_value_unset (&priv->values[i]);
      g_free (priv->values);
    }

  G_OBJECT_CLASS (tissage_record_parent_class)->finalize (object);
}

static void
tissage_record_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TissageRecord *self = TISSAGE_RECORD (object);
  TissageRecordPrivate *priv = tissage_record_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, priv->id);
      break;
    case PROP_UUID:
      g_value_set_string (value, priv->uuid);
      break;
    case PROP_MODIFIED:
      g_value_set_string (value, priv->modified);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tissage_record_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TissageRecord *self = TISSAGE_RECORD (object);
  TissageRecordPrivate *priv = tissage_record_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ID:
      priv->id = g_value_get_int64 (value);
      break;
    case PROP_UUID:
      tissage_set_str (&priv->uuid, g_value_get_string (value));
      break;
    case PROP_MODIFIED:
      tissage_set_str (&priv->modified, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Shared by every subclass: its properties live in the value array. */
static void
column_get_property (GObject    *object,
                     guint       prop_id,
                     GValue     *value,
                     GParamSpec *pspec)
{
  g_value_copy (&record_values (TISSAGE_RECORD (object))[prop_id], value);
}

static void
column_set_property (GObject      *object,
                     guint         prop_id,
                     const GValue *value,
                     GParamSpec   *pspec)
{
  GValue *slot = &record_values (TISSAGE_RECORD (object))[prop_id];

  if (g_param_values_cmp (pspec, slot, value) == 0 &&
      !(G_IS_PARAM_SPEC_DOUBLE (pspec) &&
        isnan (g_value_get_double (slot)) != isnan (g_value_get_double (value))))
    return;

  g_value_copy (value, slot);
  g_object_notify_by_pspec (object, pspec);
}

static void
tissage_record_class_init (TissageRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tissage_record_finalize;
  object_class->get_property = tissage_record_get_property;
  object_class->set_property = tissage_record_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_string ("modified", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tissage_record_init (TissageRecord *self)
{
}

void
tissage_record_class_install_columns (TissageRecordClass *klass,
                                      const char         *table,
                                      GParamSpec        **pspecs,
                                      guint               n_pspecs)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = column_get_property;
  object_class->set_property = column_set_property;

  klass->table = table;
  klass->n_columns = n_pspecs - 1;
  klass->columns = g_new0 (GParamSpec *, n_pspecs);
  klass->column_names = g_new0 (char *, n_pspecs);

  for (guint i = 1; i < n_pspecs; i++)
    {
      g_assert (pspecs[i] != NULL);
      g_assert (pspecs[i]->flags & G_PARAM_EXPLICIT_NOTIFY);
      klass->columns[i - 1] = pspecs[i];
      klass->column_names[i - 1] = g_strdelimit (g_strdup (pspecs[i]->name), "-", '_');
    }

  g_object_class_install_properties (object_class, n_pspecs, pspecs);
}

void
tissage_record_store_column (TissageRecord *self,
                             guint          column,
                             const GValue  *value)
{
  TissageRecordClass *klass = TISSAGE_RECORD_GET_CLASS (self);

  g_return_if_fail (column < klass->n_columns);

  /* Unlike g_object_set_property(), this takes NaN, the SQL NULL of a real. */
  column_set_property (G_OBJECT (self), column + 1, value, klass->columns[column]);
}

const GValue *
tissage_record_peek_column (TissageRecord *self,
                            guint          prop_id)
{
  TissageRecordPrivate *priv;

  g_return_val_if_fail (TISSAGE_IS_RECORD (self), NULL);

  record_values (self);
  priv = tissage_record_get_instance_private (self);
  g_return_val_if_fail (prop_id > 0 && prop_id < priv->n_values, NULL);

  return &priv->values[prop_id];
}

void
tissage_record_set_identity (TissageRecord *self,
                             gint64         id,
                             const char    *uuid,
                             const char    *modified)
{
  TissageRecordPrivate *priv = tissage_record_get_instance_private (self);

  priv->id = id;
  if (tissage_set_str (&priv->uuid, uuid))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UUID]);
  if (tissage_set_str (&priv->modified, modified))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

gint64
tissage_record_get_id (TissageRecord *self)
{
  TissageRecordPrivate *priv = tissage_record_get_instance_private (self);

  g_return_val_if_fail (TISSAGE_IS_RECORD (self), 0);

  return priv->id;
}

const char *
tissage_record_get_uuid (TissageRecord *self)
{
  TissageRecordPrivate *priv = tissage_record_get_instance_private (self);

  g_return_val_if_fail (TISSAGE_IS_RECORD (self), NULL);

  return priv->uuid;
}

const char *
tissage_record_get_modified (TissageRecord *self)
{
  TissageRecordPrivate *priv = tissage_record_get_instance_private (self);

  g_return_val_if_fail (TISSAGE_IS_RECORD (self), NULL);

  return priv->modified;
}

const char *
tissage_record_get_table (TissageRecord *self)
{
  g_return_val_if_fail (TISSAGE_IS_RECORD (self), NULL);

  return TISSAGE_RECORD_GET_CLASS (self)->table;
}

const char *
tissage_record_class_get_table (TissageRecordClass *klass)
{
  return klass->table;
}

const char *
tissage_record_get_string (TissageRecord *self,
                           guint          prop_id)
{
  return g_value_get_string (tissage_record_peek_column (self, prop_id));
}

int
tissage_record_get_int (TissageRecord *self,
                        guint          prop_id)
{
  return g_value_get_int (tissage_record_peek_column (self, prop_id));
}

gint64
tissage_record_get_int64 (TissageRecord *self,
                          guint          prop_id)
{
  return g_value_get_int64 (tissage_record_peek_column (self, prop_id));
}

gboolean
tissage_record_get_boolean (TissageRecord *self,
                            guint          prop_id)
{
  return g_value_get_boolean (tissage_record_peek_column (self, prop_id));
}

double
tissage_record_get_double (TissageRecord *self,
                           guint          prop_id)
{
  return g_value_get_double (tissage_record_peek_column (self, prop_id));
}

/* Column declarations for subclasses */

#define COLUMN_FLAGS (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

GParamSpec *
tissage_column_text (const char *name,
                     const char *label)
{
  return g_param_spec_string (name, label, NULL, "", COLUMN_FLAGS);
}

static GQuark
column_optional_quark (void)
{
  return g_quark_from_static_string ("tissage-column-optional");
}

/* A text column that may stay empty even when its name ("text") is that of
 * a required one elsewhere, such as the text of an answer. */
GParamSpec *
tissage_column_text_optional (const char *name,
                              const char *label)
{
  GParamSpec *pspec = g_param_spec_string (name, label, NULL, "", COLUMN_FLAGS);

  g_param_spec_set_qdata (pspec, column_optional_quark (), GINT_TO_POINTER (TRUE));
  return pspec;
}

gboolean
tissage_column_is_optional (GParamSpec *pspec)
{
  return g_param_spec_get_qdata (pspec, column_optional_quark ()) != NULL;
}

static GQuark
column_max_chars_quark (void)
{
  return g_quark_from_static_string ("tissage-column-max-chars");
}

GParamSpec *
tissage_column_name (const char *name,
                     const char *label)
{
  GParamSpec *pspec = tissage_column_text (name, label);

  g_param_spec_set_qdata (pspec, column_max_chars_quark (), GUINT_TO_POINTER (TISSAGE_NAME_MAX_CHARS));
  return pspec;
}

guint
tissage_column_get_max_chars (GParamSpec *pspec)
{
  g_return_val_if_fail (G_IS_PARAM_SPEC (pspec), 0);

  return GPOINTER_TO_UINT (g_param_spec_get_qdata (pspec, column_max_chars_quark ()));
}

GParamSpec *
tissage_column_text_default (const char *name,
                             const char *label,
                             const char *default_value)
{
  return g_param_spec_string (name, label, NULL, default_value, COLUMN_FLAGS);
}

GParamSpec *
tissage_column_int (const char *name,
                    const char *label,
                    int         min,
                    int         max,
                    int         default_value)
{
  return g_param_spec_int (name, label, NULL, min, max, default_value, COLUMN_FLAGS);
}

GParamSpec *
tissage_column_key (const char *name,
                    const char *label)
{
  return g_param_spec_int64 (name, label, NULL, 0, G_MAXINT64, 0, COLUMN_FLAGS);
}

GParamSpec *
tissage_column_bool (const char *name,
                     const char *label,
                     gboolean    default_value)
{
  return g_param_spec_boolean (name, label, NULL, default_value, COLUMN_FLAGS);
}

GParamSpec *
tissage_column_real (const char *name,
                     const char *label)
{
  return g_param_spec_double (name, label, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0, COLUMN_FLAGS);
}

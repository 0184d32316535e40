/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-core"

#include "config.h"

#include <glib/gi18n.h>

#include "tissage-document-private.h"
#include "tissage-referentiel.h"

TissageIndicator *
tissage_document_add_from_bank (TissageDocument       *document,
                                TissageEffect         *effect,
                                TissageBankIndicator  *entry,
                                GError               **error)
{
  const char * const copied[] = { "title", "definition", "type", "nature", "unit",
                                  "calculation", "source", "collection", "frequency", "direction" };
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GArray) values = g_array_new (FALSE, TRUE, sizeof (GValue));
  GListModel *indicators;
  guint position = 0;
  TissageIndicator *indicator;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (TISSAGE_IS_EFFECT (effect), NULL);
  g_return_val_if_fail (TISSAGE_IS_BANK_INDICATOR (entry), NULL);

  g_array_set_clear_func (values, (GDestroyNotify) g_value_unset);

  for (guint i = 0; i < G_N_ELEMENTS (copied); i++)
    {
      GValue value = G_VALUE_INIT;
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (entry), copied[i]);

      g_value_init (&value, pspec->value_type);
      g_object_get_property (G_OBJECT (entry), copied[i], &value);
      g_ptr_array_add (names, (gpointer) copied[i]);
      g_array_append_val (values, value);
    }

  /* Last among the effect's indicators. */
  indicators = tissage_document_get_records (document, TISSAGE_TYPE_INDICATOR);
  for (guint i = 0; i < g_list_model_get_n_items (indicators); i++)
    {
      g_autoptr(TissageIndicator) other = g_list_model_get_item (indicators, i);

      if (tissage_indicator_get_effect_id (other) == tissage_record_id (effect))
        position++;
    }

  {
    GValue effect_id = G_VALUE_INIT, bank_ref = G_VALUE_INIT, pos = G_VALUE_INIT;

    g_value_init (&effect_id, G_TYPE_INT64);
    g_value_set_int64 (&effect_id, tissage_record_id (effect));
    g_ptr_array_add (names, (gpointer) "effect-id");
    g_array_append_val (values, effect_id);

    /* Built-in entries by their key, the project's own by their UUID. */
    g_value_init (&bank_ref, G_TYPE_STRING);
    g_value_set_string (&bank_ref, tissage_bank_indicator_get_key (entry) ? tissage_bank_indicator_get_key (entry) : tissage_record_get_uuid (TISSAGE_RECORD (entry)));
    g_ptr_array_add (names, (gpointer) "bank-ref");
    g_array_append_val (values, bank_ref);

    g_value_init (&pos, G_TYPE_INT);
    g_value_set_int (&pos, (int) position);
    g_ptr_array_add (names, (gpointer) "position");
    g_array_append_val (values, pos);
  }

  indicator = tissage_document_insert_values (document, TISSAGE_TYPE_INDICATOR, names->len,
                                              (const char **) names->pdata,
                                              (const GValue *) values->data, error);
  return indicator;
}

/**
 * tissage_document_add_to_bank:
 *
 * Keeps a copy of @indicator in the project's own bank, to reuse it under
 * other effects.
 */
TissageBankIndicator *
tissage_document_add_to_bank (TissageDocument   *document,
                              TissageIndicator  *indicator,
                              GError           **error)
{
  const char * const copied[] = { "title", "definition", "type", "nature", "unit",
                                  "calculation", "source", "collection", "frequency", "direction" };
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GArray) values = g_array_new (FALSE, TRUE, sizeof (GValue));
  GValue theme = G_VALUE_INIT;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (TISSAGE_IS_INDICATOR (indicator), NULL);

  g_array_set_clear_func (values, (GDestroyNotify) g_value_unset);

  for (guint i = 0; i < G_N_ELEMENTS (copied); i++)
    {
      GValue value = G_VALUE_INIT;
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (indicator), copied[i]);

      g_value_init (&value, pspec->value_type);
      g_object_get_property (G_OBJECT (indicator), copied[i], &value);
      g_ptr_array_add (names, (gpointer) copied[i]);
      g_array_append_val (values, value);
    }

  g_value_init (&theme, G_TYPE_STRING);
  g_value_set_string (&theme, _("The collective's own"));
  g_ptr_array_add (names, (gpointer) "theme");
  g_array_append_val (values, theme);

  return tissage_document_insert_values (document, TISSAGE_TYPE_BANK_INDICATOR, names->len,
                                         (const char **) names->pdata,
                                         (const GValue *) values->data, error);
}

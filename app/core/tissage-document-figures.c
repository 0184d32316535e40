/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-figures"

#include "config.h"


#include "tissage-document-private.h"
#include "tissage-figures.h"

gboolean
tissage_document_foreach_value (TissageDocument    *document,
                                TissageStructure   *structure,
                                TissageIndicator   *indicator,
                                TissagePeriod      *period,
                                TissageCountedFunc  func,
                                gpointer            user_data)
{
  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (!structure || TISSAGE_IS_STRUCTURE (structure), FALSE);
  g_return_val_if_fail (!indicator || TISSAGE_IS_INDICATOR (indicator), FALSE);
  g_return_val_if_fail (!period || TISSAGE_IS_PERIOD (period), FALSE);

  return tissage_db_foreach_counted_value (tissage_document_get_db (document),
                                           tissage_record_id (structure), tissage_record_id (indicator),
                                           tissage_record_id (period), func, user_data, NULL);
}

gboolean
tissage_document_get_counted_value (TissageDocument     *document,
                                    TissageIndicator    *indicator,
                                    TissagePeriod       *period,
                                    TissageStructure    *structure,
                                    TissageCountedValue *value)
{
  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (TISSAGE_IS_INDICATOR (indicator), FALSE);
  g_return_val_if_fail (TISSAGE_IS_PERIOD (period), FALSE);
  g_return_val_if_fail (!structure || TISSAGE_IS_STRUCTURE (structure), FALSE);

  return tissage_db_get_counted_value (tissage_document_get_db (document), tissage_record_id (indicator),
                                       tissage_record_id (period), tissage_record_id (structure), value);
}

gboolean
tissage_document_consolidate (TissageDocument  *document,
                              TissageIndicator *indicator,
                              TissagePeriod    *period,
                              double           *value)
{
  TissageCountedValue counted;

  g_return_val_if_fail (value != NULL, FALSE);

  if (!tissage_document_get_counted_value (document, indicator, period, NULL, &counted))
    return FALSE;
  *value = counted.value;
  return TRUE;
}

guint
tissage_document_get_other_period_months (TissageDocument *document,
                                          TissagePeriod   *period)
{
  GListModel *periods;
  guint months, other = 0;

  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), 0);
  g_return_val_if_fail (TISSAGE_IS_PERIOD (period), 0);

  months = tissage_period_get_months (period);
  if (months == 0)
    return 0;

  periods = tissage_document_get_records (document, TISSAGE_TYPE_PERIOD);
  for (guint i = 0; i < g_list_model_get_n_items (periods); i++)
    {
      g_autoptr(TissagePeriod) candidate = g_list_model_get_item (periods, i);
      guint length = tissage_period_get_months (candidate);

      if (length != 0 && length != months)
        other = MAX (other, length);
    }

  return other;
}

gboolean
tissage_document_compute_figures (TissageDocument   *document,
                                  TissagePeriod     *period,
                                  TissageStructure  *structure,
                                  TissageFigures    *figures,
                                  GError           **error)
{
  g_return_val_if_fail (TISSAGE_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (!period || TISSAGE_IS_PERIOD (period), FALSE);
  g_return_val_if_fail (!structure || TISSAGE_IS_STRUCTURE (structure), FALSE);

  return tissage_db_compute_figures (tissage_document_get_db (document), tissage_record_id (period),
                                     tissage_record_id (structure), figures, error);
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

/* The rate of achievement of a target, and how it reads. */

#define G_LOG_DOMAIN "tissage-core"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tissage-document-private.h"
#include "tissage-referentiel.h"

TissageAchievement
tissage_indicator_achievement (double           value,
                               double           baseline,
                               double           target,
                               TissageDirection direction)
{
  TissageAchievement achievement = { NAN, FALSE, FALSE };
  gboolean down = direction == TISSAGE_DIRECTION_DOWN;

  if (isnan (target) || isnan (value))
    return achievement;

  if (!isnan (baseline) && (down ? baseline > target : baseline < target))
    {
      achievement.from_baseline = TRUE;
      achievement.went_back = down ? value > baseline : value < baseline;
      achievement.rate = achievement.went_back ? 0 : (value - baseline) / (target - baseline);
      if (!isfinite (achievement.rate))
        achievement.rate = NAN;
      return achievement;
    }

  /* No start to measure from, or a target already behind the start: the
   * share of the target, or of the target over the value going down. */
  if (down)
    {
      if (value <= 0 || target < 0)
        achievement.rate = value <= target ? 1 : 0;
      else
        achievement.rate = target / value;
    }
  else if (target <= 0)
    achievement.rate = value >= target ? 1 : 0;
  else
    achievement.rate = MAX (value / target, 0);
  /* Values near the largest a double holds divide to infinity. */
  if (!isfinite (achievement.rate))
    achievement.rate = NAN;
  return achievement;
}

char *
tissage_achievement_describe (const TissageAchievement *achievement)
{
  g_autofree char *percent = NULL;

  g_return_val_if_fail (achievement != NULL, NULL);

  if (isnan (achievement->rate))
    return NULL;

  percent = tissage_format_number (round (100 * achievement->rate), "%");
  if (achievement->went_back)
    /* TRANSLATORS: a rate of achievement of 0 %, the value having gone back behind its baseline */
    return g_strdup_printf (_("%s: went back from the baseline"), percent);
  if (achievement->from_baseline)
    /* TRANSLATORS: a rate of achievement measured from the baseline: "62 % of the way…" */
    return g_strdup_printf (_("%s of the way from the baseline"), percent);
  /* TRANSLATORS: a rate of achievement without a baseline: value over target */
  return g_strdup_printf (_("%s of the target"), percent);
}

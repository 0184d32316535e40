/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-core"

#include "config.h"

#include <glib/gi18n.h>

#include "tissage-contribution-private.h"
#include "tissage-text.h"

/* What a merge plan says before it is applied: its sections, their
 * items, its conflicts, and the summary of it all. */

const char *
tissage_merge_get_structure_name (TissageMerge *merge)
{
  return merge->structure_name;
}

gboolean
tissage_merge_is_full_copy (TissageMerge *merge)
{
  return merge->full_copy;
}

guint
tissage_merge_get_n_sections (TissageMerge *merge)
{
  (void) merge;
  return N_MERGE_TABLES;
}

const TissageMergeSection *
tissage_merge_get_section (TissageMerge *merge,
                           guint         index)
{
  g_return_val_if_fail (index < N_MERGE_TABLES, NULL);
  return &merge->sections[index];
}

GPtrArray *
tissage_merge_get_conflicts (TissageMerge *merge)
{
  return merge->conflicts;
}

guint
tissage_merge_get_n_changes (TissageMerge *merge)
{
  guint n = 0;

  for (guint t = 0; t < N_MERGE_TABLES; t++)
    n += merge->sections[t].added + merge->sections[t].changed + merge->sections[t].deleted;
  return n;
}

guint
tissage_merge_get_n_left_out (TissageMerge *merge)
{
  return merge->left_out;
}

char *
tissage_merge_dup_summary (TissageMerge *merge)
{
  GString *out = g_string_new (NULL);

  {
    g_autofree char *when = tissage_text_format_stamp (merge->created, TRUE);

    if (merge->full_copy)
      g_string_append_printf (out, _("Another copy of the project “%s”, last changed on %s"), merge->structure_name, when);
    else
      g_string_append_printf (out, _("Contribution of “%s”, prepared on %s"), merge->structure_name, when);
  }
  g_string_append_c (out, '\n');

  if (tissage_merge_get_n_changes (merge) == 0)
    {
      g_string_append (out, _("Nothing new to merge."));
      g_string_append_c (out, '\n');
    }
  else
    for (guint t = 0; t < N_MERGE_TABLES; t++)
      {
        TissageMergeSection *section = &merge->sections[t];

        guint total = section->added + section->changed + section->deleted;

        if (total == 0)
          continue;
        g_string_append_printf (out, _("%s — additions: %u, changes: %u, deletions: %u"),
                                section->label, section->added, section->changed, section->deleted);
        g_string_append_c (out, '\n');
        /* The rows themselves, as the merge dialog lists them. */
        for (guint i = 0; i < section->items->len; i++)
          g_string_append_printf (out, "  %s\n", (const char *) g_ptr_array_index (section->items, i));
        if (total > section->items->len)
          {
            g_string_append (out, "  ");
            g_string_append_printf (out, g_dngettext (NULL, "And %u more", "And %u more",
                                                      total - section->items->len),
                                    total - section->items->len);
            g_string_append_c (out, '\n');
          }
      }

  for (guint i = 0; i < merge->conflicts->len; i++)
    {
      TissageMergeConflict *conflict = g_ptr_array_index (merge->conflicts, i);
      g_autofree char *section = g_utf8_strdown (conflict->section, -1);

      if (merge->full_copy)
        g_string_append_printf (out, _("Conflict in %s, “%s”, %s: project “%s”, other copy “%s”"),
                                section, conflict->row, conflict->field,
                                conflict->project_value, conflict->contribution_value);
      else
        g_string_append_printf (out, _("Conflict in %s, “%s”, %s: project “%s”, contribution “%s”"),
                                section, conflict->row, conflict->field,
                                conflict->project_value, conflict->contribution_value);
      g_string_append_c (out, '\n');
    }

  if (merge->left_out > 0)
    {
      g_string_append_printf (out, g_dngettext (NULL, "%u row left out: what it refers to is no longer in the project.",
                                                "%u rows left out: what they refer to is no longer in the project.",
                                                merge->left_out), merge->left_out);
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-core"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "tissage-document-private.h"

/**
 * tissage_document_create:
 * @file: where to write the new project; an existing file is replaced
 *
 * Writes a new, empty project with the default categories. The file is
 * built beside its destination and moved into place only when complete.
 */
TissageDocument *
tissage_document_create (GFile   *file,
                         GError **error)
{
  return tissage_document_create_from_keyfiles (file, NULL, error);
}

static const struct {
  const char *key;
  const char *name;
  const char *color;
} default_categories[] = {
  { "beneficiaires",      N_("Beneficiaries"),                 "#3584e4" },
  { "benevoles",          N_("Volunteers"),                    "#2ec27e" },
  { "salaries",           N_("Employees"),                     "#e5a50a" },
  { "structures-membres", N_("Member structures"),             "#e66100" },
  { "financeurs",         N_("Funders and patrons"),           "#c01c28" },
  { "collectivites",      N_("Local authorities and State"),   "#813d9c" },
  { "entreprises",        N_("Businesses"),                    "#865e3c" },
  { "ess",                N_("Social economy organisations"),  "#1f9d8f" },
  { "recherche",          N_("Research and universities"),     "#c061cb" },
  { "habitants",          N_("Residents and civil society"),   "#5e5c64" },
};

static gboolean
insert_defaults (TissageDocument  *self,
                 GError          **error)
{
  g_autofree char *created = tissage_now_timestamp ();
  g_autofree char *project_name = g_strdup (_("New project"));
  g_autoptr(TissageRecord) project = NULL;

  project = tissage_document_insert (self, TISSAGE_TYPE_PROJECT, error,
                                     "name", project_name,
                                     "created", created,
                                     NULL);
  if (project == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (default_categories); i++)
    {
      g_autoptr(TissageRecord) category =
        tissage_document_insert (self, TISSAGE_TYPE_CATEGORY, error,
                                 "name", _(default_categories[i].name),
                                 "color", default_categories[i].color,
                                 "builtin", default_categories[i].key,
                                 "position", (int) i,
                                 NULL);
      if (category == NULL)
        return FALSE;
    }

  return TRUE;
}

TissageDocument *
tissage_document_create_from_keyfile (GFile     *file,
                                      GKeyFile  *keyfile,
                                      GError   **error)
{
  GKeyFile *keyfiles[] = { keyfile, NULL };

  return tissage_document_create_from_keyfiles (file, keyfile ? keyfiles : NULL, error);
}

TissageDocument *
tissage_document_create_from_keyfiles (GFile      *file,
                                       GKeyFile  **keyfiles,
                                       GError    **error)
{
  g_autofree char *path = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *uuid = NULL;
  g_autoptr(TissageDocument) draft = NULL;
  guint n_migrations;
  const TissageMigration *migrations = tissage_schema_get_migrations (&n_migrations);
  gboolean ok;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  path = tissage_document_dup_real_path (file);
  if (path == NULL)
    {
      g_set_error_literal (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_IO,
                           _("Projects can only be saved in a local folder."));
      return NULL;
    }

  uuid = g_uuid_string_random ();
  tmp_path = g_strdup_printf ("%s.%.8s~", path, uuid);
  draft = tissage_document_open_new (tmp_path, migrations, n_migrations, error);
  if (draft == NULL)
    {
      g_autofree char *dir = g_path_get_dirname (path);
      g_autofree char *name = g_filename_display_name (dir);

      g_unlink (tmp_path);
      g_clear_error (error);
      g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_IO,
                   _("The project cannot be written in “%s”. Choose a folder where you can write."), name);
      return NULL;
    }

  ok = tissage_document_begin (draft, NULL, error) &&
       insert_defaults (draft, error) &&
       (keyfiles == NULL || tissage_document_load_keyfiles (draft, keyfiles, error)) &&
       tissage_document_commit (draft, error);

  if (!ok)
    {
      if (draft->depth > 0)
        tissage_document_rollback (draft);
      g_clear_object (&draft);
      g_unlink (tmp_path);
      return NULL;
    }

  g_clear_object (&draft);

  /* A project open elsewhere is not replaced under its window. */
  if (tissage_path_exists (path))
    {
      TissageLock *lock = tissage_lock_acquire (path, FALSE, NULL, error);

      if (lock == NULL)
        {
          g_unlink (tmp_path);
          return NULL;
        }
      tissage_lock_release (lock);
    }

  if (g_rename (tmp_path, path) != 0)
    {
      int saved_errno = errno;
      g_autofree char *name = g_filename_display_basename (path);

      g_unlink (tmp_path);
      g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_IO,
                   _("The project could not be saved as “%s”: %s."), name, g_strerror (saved_errno));
      return NULL;
    }

  /* A stale journal of an earlier file of that name must not be replayed. */
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_autofree char *journal = g_strconcat (path, "-journal", NULL);

    g_unlink (wal);
    g_unlink (shm);
    g_unlink (journal);
  }

  {
    g_autoptr(GFile) created = g_file_new_for_path (path);

    return tissage_document_open (created, error);
  }
}

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-atomic-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tissage-atomic-file.h"

struct _TissageAtomicFile
{
  char *path;
  char *temporary;
  int   fd;
};

/* The reason in a few words, for a sentence that names the file itself;
 * the code lets callers tell a full disk from a missing folder. */
static void
set_errno_error (GError **error,
                 int      saved_errno)
{
  const char *reason;

  switch (saved_errno)
    {
    case ENOENT:
      reason = _("the folder does not exist");
      break;
    case ENOTDIR:
      reason = _("a part of the path is a file, not a folder");
      break;
    case EACCES:
    case EPERM:
      reason = _("you may not write there");
      break;
    case EISDIR:
      reason = _("it is a folder");
      break;
    case ENOSPC:
    case EDQUOT:
      reason = _("the disk is full");
      break;
    case EFBIG:
      reason = _("the file is too large for the disk");
      break;
    case EROFS:
      reason = _("the disk is read-only");
      break;
    case ENAMETOOLONG:
      reason = _("the name is too long");
      break;
    default:
      reason = g_strerror (saved_errno);
      break;
    }

  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), reason);
}

/* Hidden, and unique: O_EXCL never opens what another program put there,
 * a symbolic link least of all. */
static int
open_temporary (const char  *path,
                char       **temporary)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  int saved_errno = EEXIST;

  for (guint attempt = 0; attempt < 100; attempt++)
    {
      g_autofree char *name = g_strdup_printf (".%s.%08x.tmp", base, g_random_int ());
      g_autofree char *candidate = g_build_filename (dir, name, NULL);
      int fd = g_open (candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0666);

      if (fd >= 0)
        {
          *temporary = g_steal_pointer (&candidate);
          return fd;
        }
      saved_errno = errno;
      if (saved_errno != EEXIST)
        break;
    }

  errno = saved_errno;
  return -1;
}

/**
 * tissage_atomic_file_new:
 * @path: the destination, which stays as it is until the commit
 *
 * Creates the temporary file beside @path. Write it with
 * tissage_atomic_file_write(), or by its temporary path (then close it
 * before the commit). Errors are in the G_IO_ERROR domain, their message
 * the reason in a few words.
 */
TissageAtomicFile *
tissage_atomic_file_new (const char  *path,
                         GError     **error)
{
  TissageAtomicFile *self;
  char *temporary = NULL;
  GStatBuf st;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_lstat (path, &st) == 0 && S_ISDIR (st.st_mode))
    {
      set_errno_error (error, EISDIR);
      return NULL;
    }
  /* A device or a pipe is never replaced by a file: renaming over
   * /dev/full would take it away from every program, and a write there
   * would have been lost anyway. */
  if (g_stat (path, &st) == 0 && !S_ISREG (st.st_mode))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                           _("it is not an ordinary file, but a device or a pipe"));
      return NULL;
    }

  fd = open_temporary (path, &temporary);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_autofree char *dir = g_path_get_dirname (path);

      /* /proc and its like say that nothing can be created there as if
       * the folder were missing: it is there, and may not be written to. */
      if (saved_errno == ENOENT && g_file_test (dir, G_FILE_TEST_IS_DIR))
        saved_errno = EACCES;
      set_errno_error (error, saved_errno);
      return NULL;
    }

  self = g_new0 (TissageAtomicFile, 1);
  self->path = g_strdup (path);
  self->temporary = temporary;
  self->fd = fd;

  return self;
}

const char *
tissage_atomic_file_get_path (TissageAtomicFile *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->path;
}

const char *
tissage_atomic_file_get_temporary_path (TissageAtomicFile *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->temporary;
}

gboolean
tissage_atomic_file_write (TissageAtomicFile  *self,
                           const void         *data,
                           gsize               length,
                           GError            **error)
{
  const char *bytes = data;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->fd >= 0, FALSE);

  while (length > 0)
    {
      gssize written = write (self->fd, bytes, length);

      if (written < 0)
        {
          if (errno == EINTR)
            continue;
          set_errno_error (error, errno);
          return FALSE;
        }
      bytes += written;
      length -= (gsize) written;
    }

  return TRUE;
}

/* A file replaced keeps who may read it; a new one gets the umask. */
static void
keep_mode (TissageAtomicFile *self)
{
  GStatBuf st;

  if (g_lstat (self->path, &st) == 0 && S_ISREG (st.st_mode))
    fchmod (self->fd, st.st_mode & 07777);
}

static void
sync_folder (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/**
 * tissage_atomic_file_commit:
 *
 * Puts the file on the disk, then in place of the destination in one
 * rename: a symbolic link there is replaced, what it points to is left as
 * it was. On an error the temporary file is removed and the destination
 * is as it was. Either way, @self may only be freed afterwards.
 */
gboolean
tissage_atomic_file_commit (TissageAtomicFile  *self,
                            GError            **error)
{
  int saved_errno;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->fd >= 0, FALSE);

  keep_mode (self);
  if (fsync (self->fd) != 0 && errno != EINVAL)
    goto failed;
  if (close (self->fd) != 0)
    {
      self->fd = -1;
      goto failed;
    }
  self->fd = -1;

  if (g_rename (self->temporary, self->path) != 0)
    goto failed;

  g_clear_pointer (&self->temporary, g_free);
  sync_folder (self->path);
  return TRUE;

failed:
  saved_errno = errno;
  tissage_atomic_file_abort (self);
  set_errno_error (error, saved_errno);
  return FALSE;
}

/* Removes the temporary file; the destination is untouched. */
void
tissage_atomic_file_abort (TissageAtomicFile *self)
{
  g_return_if_fail (self != NULL);

  if (self->fd >= 0)
    {
      close (self->fd);
      self->fd = -1;
    }
  if (self->temporary != NULL)
    {
      g_unlink (self->temporary);
      g_clear_pointer (&self->temporary, g_free);
    }
}

/* Aborts unless committed. */
void
tissage_atomic_file_free (TissageAtomicFile *self)
{
  if (self == NULL)
    return;

  tissage_atomic_file_abort (self);
  g_free (self->path);
  g_free (self);
}

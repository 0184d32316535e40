/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#define G_LOG_DOMAIN "tissage-core"

/* Open-file-description locks (F_OFD_SETLK) are a GNU extension. */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tissage-document.h"
#include "tissage-lock.h"
#include "tissage-utils.h"

#define LOCK_GROUP     "Tissage"
#define LOCK_MAX_BYTES 4096

struct _TissageLock
{
  char *path;
  int   fd;
};

char *
tissage_lock_path_for (const char *project_path)
{
  g_autofree char *dir = g_path_get_dirname (project_path);
  g_autofree char *base = g_path_get_basename (project_path);
  g_autofree char *name = g_strdup_printf (".~lock.%s#", base);

  return g_build_filename (dir, name, NULL);
}

void
tissage_lock_owner_free (TissageLockOwner *owner)
{
  if (owner == NULL)
    return;

  g_free (owner->user);
  g_free (owner->host);
  g_clear_pointer (&owner->since, g_date_time_unref);
  g_free (owner);
}

/* Takes the lock of the open file description: only closing @fd itself
 * drops it. Returns 1 if taken, 0 if another holds it, -1 if the file
 * system knows no such locks. */
static int
try_lock (int fd)
{
#ifdef F_OFD_SETLK
  struct flock fl = { 0, };

  fl.l_type = F_WRLCK;
  fl.l_whence = SEEK_SET;
  if (fcntl (fd, F_OFD_SETLK, &fl) == 0)
    return 1;
  if (errno == EAGAIN || errno == EACCES)
    return 0;
#endif
  return -1;
}

static TissageLockOwner *
parse_owner (const char *data,
             gsize       length)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autofree char *since = NULL;
  TissageLockOwner *owner;

  if (!g_key_file_load_from_data (keyfile, data, length, G_KEY_FILE_NONE, NULL) ||
      !g_key_file_has_group (keyfile, LOCK_GROUP))
    return NULL;

  owner = g_new0 (TissageLockOwner, 1);
  owner->user = g_key_file_get_string (keyfile, LOCK_GROUP, "User", NULL);
  owner->host = g_key_file_get_string (keyfile, LOCK_GROUP, "Host", NULL);
  owner->pid = g_key_file_get_int64 (keyfile, LOCK_GROUP, "Pid", NULL);
  owner->device = g_key_file_get_uint64 (keyfile, LOCK_GROUP, "Device", NULL);
  owner->inode = g_key_file_get_uint64 (keyfile, LOCK_GROUP, "Inode", NULL);
  since = g_key_file_get_string (keyfile, LOCK_GROUP, "Since", NULL);
  if (since != NULL)
    owner->since = g_date_time_new_from_iso8601 (since, NULL);

  if (owner->user == NULL || !g_utf8_validate (owner->user, -1, NULL))
    tissage_set_str (&owner->user, "");
  if (owner->host == NULL || !g_utf8_validate (owner->host, -1, NULL))
    tissage_set_str (&owner->host, "");

  return owner;
}

static TissageLockOwner *
read_owner_fd (int fd)
{
  char data[LOCK_MAX_BYTES];
  ssize_t n;

  n = pread (fd, data, sizeof data - 1, 0);
  if (n <= 0)
    return NULL;
  data[n] = '\0';

  return parse_owner (data, (gsize) n);
}

static const char *
user_name (void)
{
  const char *real = g_get_real_name ();

  if (real != NULL && *real != '\0' && g_strcmp0 (real, "Unknown") != 0)
    return real;
  return g_get_user_name ();
}

/* The lock is writable by whoever may write the project (a folder shared
 * by a group), whatever the umask, so that another member can take it
 * over when its owner is gone. */
static void
match_project_mode (int         fd,
                    const char *project_path)
{
  GStatBuf st;

  if (g_stat (project_path, &st) == 0)
    fchmod (fd, st.st_mode & 0666);
}

static gboolean
write_owner (int          fd,
             const char  *project_path)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *since = g_date_time_format_iso8601 (now);
  g_autofree char *data = NULL;
  GStatBuf st;
  gsize length;

  g_key_file_set_string (keyfile, LOCK_GROUP, "User", user_name ());
  g_key_file_set_string (keyfile, LOCK_GROUP, "Login", g_get_user_name ());
  g_key_file_set_string (keyfile, LOCK_GROUP, "Host", g_get_host_name ());
  g_key_file_set_int64 (keyfile, LOCK_GROUP, "Pid", getpid ());
  g_key_file_set_string (keyfile, LOCK_GROUP, "Since", since);
  if (g_stat (project_path, &st) == 0)
    {
      g_key_file_set_uint64 (keyfile, LOCK_GROUP, "Device", (guint64) st.st_dev);
      g_key_file_set_uint64 (keyfile, LOCK_GROUP, "Inode", (guint64) st.st_ino);
    }

  data = g_key_file_to_data (keyfile, &length, NULL);

  return ftruncate (fd, 0) == 0 &&
         pwrite (fd, data, length, 0) == (ssize_t) length &&
         fsync (fd) == 0;
}

static gboolean
owner_is_gone (const TissageLockOwner *owner,
               int                     locked)
{
  gboolean same_host = owner == NULL || g_strcmp0 (owner->host, g_get_host_name ()) == 0;

  if (!same_host)
    return FALSE;

  /* Locks say it best; a file system without them falls back on the pid. */
  if (locked >= 0)
    return locked == 1;

  return owner == NULL || owner->pid <= 0 ||
         (kill ((pid_t) owner->pid, 0) != 0 && errno == ESRCH);
}

static gboolean
same_file (int         fd,
           const char *path)
{
  GStatBuf by_path;
  struct stat by_fd;

  return fstat (fd, &by_fd) == 0 && g_lstat (path, &by_path) == 0 &&
         by_fd.st_dev == by_path.st_dev && by_fd.st_ino == by_path.st_ino;
}

static TissageLock *
new_lock (char *path,
          int   fd)
{
  TissageLock *lock = g_new0 (TissageLock, 1);

  lock->path = path;
  lock->fd = fd;
  return lock;
}

static void
set_lock_error (GError     **error,
                const char  *project_path,
                int          saved_errno)
{
  g_autofree char *name = g_filename_display_basename (project_path);

  g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_IO,
               _("“%s” cannot be opened for editing: its lock file cannot be written (%s)."),
               name, g_strerror (saved_errno));
}

/* Who holds the project, as TISSAGE_DOCUMENT_ERROR_LOCKED says it. */
static void
set_held_error (GError                 **error,
                const char              *project_path,
                const TissageLockOwner  *owner)
{
  g_autofree char *name = g_filename_display_basename (project_path);
  g_autofree char *who = tissage_lock_owner_describe (owner);

  g_set_error (error, TISSAGE_DOCUMENT_ERROR, TISSAGE_DOCUMENT_ERROR_LOCKED,
               _("“%s” is already open for editing. %s"), name, who);
}

/**
 * tissage_lock_acquire:
 * @take_over: take the lock from an owner on another computer, who may
 *   be gone without Tissage being able to tell
 * @holder: (out) (optional): who holds it, when it is held
 *
 * Returns: the lock, or %NULL with %TISSAGE_DOCUMENT_ERROR_LOCKED when
 * another holds it (and @holder says who), or another error.
 */
TissageLock *
tissage_lock_acquire (const char        *project_path,
                      gboolean           take_over,
                      TissageLockOwner **holder,
                      GError           **error)
{
  g_autofree char *path = tissage_lock_path_for (project_path);

  for (guint attempt = 0; attempt < 3; attempt++)
    {
      g_autoptr(TissageLockOwner) owner = NULL;
      struct stat st;
      int locked;
      int fd;

      fd = g_open (path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
      if (fd >= 0)
        {
          try_lock (fd);
          match_project_mode (fd, project_path);
          if (!write_owner (fd, project_path))
            {
              int saved_errno = errno;

              close (fd);
              g_unlink (path);
              set_lock_error (error, project_path, saved_errno);
              return NULL;
            }

          return new_lock (g_steal_pointer (&path), fd);
        }

      if (errno != EEXIST)
        {
          set_lock_error (error, project_path, errno);
          return NULL;
        }

      fd = g_open (path, O_RDWR | O_NOFOLLOW | O_CLOEXEC, 0);
      if (fd < 0 && errno == EACCES)
        {
          /* Another member's lock, which this user may not write: gone,
           * it is replaced (the folder is theirs to share); alive, it
           * says who has the project. */
          g_autoptr(TissageLockOwner) other = tissage_lock_read_owner (project_path);

          if (other != NULL && other->stale && g_unlink (path) == 0)
            continue;
          if (other != NULL)
            {
              set_held_error (error, project_path, other);
              if (holder != NULL)
                *holder = g_steal_pointer (&other);
              return NULL;
            }
          errno = EACCES;
        }
      if (fd < 0)
        {
          if (errno == ENOENT)
            continue;
          set_lock_error (error, project_path, errno);
          return NULL;
        }

      if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) || st.st_size > LOCK_MAX_BYTES)
        {
          /* Not a lock of ours: a link, a folder or junk. Leave it alone. */
          close (fd);
          set_lock_error (error, project_path, EEXIST);
          return NULL;
        }

      owner = read_owner_fd (fd);
      locked = try_lock (fd);

      /* Taking over is for an owner on another computer, whom Tissage
       * cannot see: one here that holds the lock is alive. */
      if (owner_is_gone (owner, locked) ||
          (take_over && owner != NULL && g_strcmp0 (owner->host, g_get_host_name ()) != 0))
        {
          /* Another may have replaced the file since it was opened. */
          if (!same_file (fd, path))
            {
              close (fd);
              continue;
            }
          if (!write_owner (fd, project_path))
            {
              int saved_errno = errno;

              close (fd);
              set_lock_error (error, project_path, saved_errno);
              return NULL;
            }

          return new_lock (g_steal_pointer (&path), fd);
        }

      close (fd);

      if (owner == NULL)
        owner = g_new0 (TissageLockOwner, 1);
      set_held_error (error, project_path, owner);
      if (holder != NULL)
        *holder = g_steal_pointer (&owner);
      return NULL;
    }

  set_lock_error (error, project_path, EBUSY);
  return NULL;
}

/* The lock file is still ours, where it was. */
gboolean
tissage_lock_is_held (TissageLock *lock)
{
  g_return_val_if_fail (lock != NULL, FALSE);

  return same_file (lock->fd, lock->path);
}

void
tissage_lock_release (TissageLock *lock)
{
  if (lock == NULL)
    return;

  if (same_file (lock->fd, lock->path))
    g_unlink (lock->path);
  close (lock->fd);
  g_free (lock->path);
  g_free (lock);
}

/**
 * tissage_lock_read_owner:
 *
 * Returns: (nullable): who has @project_path open for editing, with
 * #TissageLockOwner.stale set when that owner is gone; %NULL if no one.
 */
TissageLockOwner *
tissage_lock_read_owner (const char *project_path)
{
  g_autofree char *path = tissage_lock_path_for (project_path);
  TissageLockOwner *owner;
  int locked;
  int fd;

  fd = g_open (path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC, 0);
  if (fd < 0)
    return NULL;

  owner = read_owner_fd (fd);
  if (owner == NULL)
    owner = g_new0 (TissageLockOwner, 1);

  /* A read lock is enough to learn whether a writer holds it. */
#ifdef F_OFD_GETLK
  {
    struct flock fl = { 0, };

    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET;
    if (fcntl (fd, F_OFD_GETLK, &fl) == 0)
      locked = fl.l_type == F_UNLCK ? 1 : 0;
    else
      locked = -1;
  }
#else
  locked = -1;
#endif
  close (fd);

  owner->stale = owner_is_gone (owner, locked);
  return owner;
}

/**
 * tissage_lock_owner_describe:
 *
 * Returns: a French sentence: who, on which computer, since when.
 */
char *
tissage_lock_owner_describe (const TissageLockOwner *owner)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) since = NULL;
  g_autofree char *when = NULL;
  const char *user = owner->user != NULL && *owner->user != '\0' ? owner->user : NULL;
  const char *host = owner->host != NULL && *owner->host != '\0' ? owner->host : NULL;

  if (owner->since != NULL)
    {
      since = g_date_time_to_local (owner->since);
      if (g_date_time_get_year (since) == g_date_time_get_year (now) &&
          g_date_time_get_day_of_year (since) == g_date_time_get_day_of_year (now))
        /* Translators: a time of day, as in “since 10:12” */
        when = g_date_time_format (since, _("%H:%M"));
      else
        /* Translators: a day and a time, as in “since 2 December at 10:12” */
        when = g_date_time_format (since, _("%-d %B at %H:%M"));
    }

  if (user != NULL && host != NULL && when != NULL)
    return g_strdup_printf (_("Opened by %s on the computer “%s” since %s."), user, host, when);
  if (user != NULL && host != NULL)
    return g_strdup_printf (_("Opened by %s on the computer “%s”."), user, host);
  if (user != NULL)
    return g_strdup_printf (_("Opened by %s."), user);
  return g_strdup (_("Opened by someone else."));
}

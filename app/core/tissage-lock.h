/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * The lock of a project that is open for editing: a small file beside it,
 * named as office suites name theirs (".~lock.NAME#", which sync clients
 * leave alone), that says who has the project open, on which computer and
 * since when. It is held through an open-file-description lock, which no
 * other descriptor of the process can drop by closing (as POSIX record
 * locks are dropped), and it is taken over when its owner is gone.
 */
typedef struct _TissageLock TissageLock;

typedef struct {
  char      *user;      /* the person's full name, or login */
  char      *host;
  gint64     pid;
  GDateTime *since;
  guint64    device;    /* of the project file when it was locked */
  guint64    inode;
  gboolean   stale;     /* its owner is gone */
} TissageLockOwner;

char             *tissage_lock_path_for      (const char        *project_path);

TissageLock      *tissage_lock_acquire       (const char        *project_path,
                                              gboolean           take_over,
                                              TissageLockOwner **holder,
                                              GError           **error);
gboolean          tissage_lock_is_held       (TissageLock       *lock);
void              tissage_lock_release       (TissageLock       *lock);

TissageLockOwner *tissage_lock_read_owner    (const char        *project_path);
void              tissage_lock_owner_free    (TissageLockOwner  *owner);
char             *tissage_lock_owner_describe (const TissageLockOwner *owner);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TissageLockOwner, tissage_lock_owner_free)

G_END_DECLS

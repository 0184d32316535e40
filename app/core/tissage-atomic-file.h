/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * A file that appears at its destination complete or not at all: written
 * under a hidden name beside the destination, then renamed over it.
 */
typedef struct _TissageAtomicFile TissageAtomicFile;

TissageAtomicFile *tissage_atomic_file_new                (const char         *path,
                                                           GError            **error);
const char        *tissage_atomic_file_get_path           (TissageAtomicFile  *self);
const char        *tissage_atomic_file_get_temporary_path (TissageAtomicFile  *self);
gboolean           tissage_atomic_file_write              (TissageAtomicFile  *self,
                                                           const void         *data,
                                                           gsize               length,
                                                           GError            **error);
gboolean           tissage_atomic_file_commit             (TissageAtomicFile  *self,
                                                           GError            **error);
void               tissage_atomic_file_abort              (TissageAtomicFile  *self);
void               tissage_atomic_file_free               (TissageAtomicFile  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TissageAtomicFile, tissage_atomic_file_free)

G_END_DECLS

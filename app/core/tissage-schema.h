#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* One step takes a document from version (index) to version (index + 1). */
typedef gboolean (*TissageMigrationFunc) (sqlite3  *db,
                                          GError  **error);

typedef struct {
  const char           *sql;    /* run as a script, or NULL */
  TissageMigrationFunc  func;   /* run after sql, or NULL */
} TissageMigration;

const TissageMigration *tissage_schema_get_migrations (guint *n_migrations);

/* Every table of the document, in an order where parents come first. */
const char * const *tissage_schema_get_tables (void);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include <sqlite3.h>

#include "tissage-document.h"
#include "tissage-figures.h"
#include "tissage-lock.h"
#include "tissage-schema.h"

G_BEGIN_DECLS

/* The document, shared by the tissage-document-*.c files. */

typedef struct {
  gint64  first;
  gint64  last;
  char   *label;
  char   *merge_key;   /* consecutive edits of one field become one step */
  gint64  time;
  guint64 serial;      /* names the step for as long as it lives */
} UndoGroup;

typedef enum {
  LOADED_PROJECT,
  LOADED_STRUCTURES,
  LOADED_CATEGORIES,
  LOADED_STAKEHOLDERS,
  LOADED_LINKS,
  LOADED_STAKES,
  LOADED_QUESTIONS,
  LOADED_EFFECTS,
  LOADED_EFFECT_STAKEHOLDERS,
  LOADED_INDICATORS,
  LOADED_BANK,
  LOADED_TOC_ITEMS,
  LOADED_TOC_LINKS,
  LOADED_PERIODS,
  LOADED_GRIDS,
  LOADED_GRID_CATEGORIES,
  LOADED_GRID_SECTIONS,
  LOADED_GRID_QUESTIONS,
  LOADED_QUESTION_EFFECTS,
  LOADED_QUESTION_INDICATORS,
  LOADED_INTERVIEWS,
  LOADED_ACTIONS,
  LOADED_ACTION_PARTNERS,
  N_LOADED
} LoadedKind;

typedef struct {
  GType       type;
  const char *table;
  char       *select_sql;
  GListStore *store;
  GHashTable *by_id;
  /* Read when first asked for, not on opening: the interviews, thousands
   * of rows that the window's first screen does not show. */
  gboolean    deferred;
} LoadedTable;

typedef struct _TissageFiguresCache TissageFiguresCache;
void             tissage_figures_cache_free           (TissageFiguresCache *cache);
typedef struct _TissageProgressCache TissageProgressCache;
void             tissage_progress_cache_free          (TissageProgressCache *cache);

struct _TissageDocument
{
  GObject      parent_instance;

  GFile       *file;
  sqlite3     *db;
  gboolean     read_only;
  char        *read_only_reason;
  int          schema_version;

  LoadedTable  loaded[N_LOADED];
  GHashTable  *statements;   /* SQL → prepared statement, reused */
  /* Figures computed for the screen, kept until the next change. */
  TissageFiguresCache *figures_cache;
  /* The progress of the interviews shown (tissage-document-answers.c). */
  TissageProgressCache *progress_cache;

  /* The integrity check of a file opened for the window runs in a thread,
   * on a read-only connection of its own (closed by the thread), while the
   * window shows; edits wait for it, so nothing is written to a damaged
   * file. */
  GThread     *check_thread;
  sqlite3     *check_db;
  int          check_result;   /* atomic: CHECK_RUNNING, CHECK_OK, CHECK_FAILED */
  guint        check_poll_id;
  gboolean     pending_journal;

  TissageLock  *lock;          /* held while the file is open for editing */
  GFileMonitor *monitor;
  gint64        data_version;  /* changes when another program writes */
  char         *copy_dir;      /* a private copy read in place of the file */
  gboolean      can_save_copy;
  gboolean      repaired;      /* read from a copy rebuilt by Tissage's schema */
  gboolean      detached;      /* the file went away under the window */

  GArray      *undo;     /* UndoGroup */
  GArray      *redo;     /* UndoGroup */
  int          depth;
  guint64      next_serial;
  gint64       group_first;
  char        *group_label;
  char        *group_merge_key;
};

/* For tests and for generating benchmark projects. */
TissageDocument *tissage_document_open_with_migrations (GFile                  *file,
                                                        const TissageMigration *migrations,
                                                        guint                   n_migrations,
                                                        GError                **error);
sqlite3         *tissage_document_get_db               (TissageDocument *self);
gboolean         tissage_db_is_sound                   (sqlite3         *db,
                                                        const char      *check);

/* Defensive settings for a connection to a file from someone else. */
gboolean         tissage_db_harden                     (sqlite3         *db,
                                                        GError         **error);

/* The French sentence of an opening failure of @code about @path, and
 * the code of an SQLite failure on opening. */
void             tissage_document_set_open_error       (GError         **error,
                                                        int              code,
                                                        const char      *path);
int              tissage_document_open_error_code      (int              rc);

void             tissage_document_remove_copy_dir      (const char      *dir);
char            *tissage_document_dup_access_problem   (const char      *path);

TissageDocument *tissage_document_open_copy            (const char      *copy_path,
                                                        GFile           *file,
                                                        const char      *reason,
                                                        gboolean         can_save_copy,
                                                        char            *copy_dir,
                                                        GError         **error);

/* Reloads every loaded model from the file, after direct SQL writes. */
gboolean         tissage_document_reload               (TissageDocument *self,
                                                        GError         **error);
/* Rebuilds the full-text index of the answers, after direct SQL writes. */
gboolean         tissage_document_rebuild_search_index (TissageDocument *self,
                                                        GError         **error);
/* Within begin()/commit(): consecutive steps of one key become one. */
void             tissage_document_set_merge_key        (TissageDocument *self,
                                                        const char      *merge_key);

/* Forgets the undo history (after building a new project). */
void             tissage_document_clear_history        (TissageDocument *self);

gboolean         tissage_document_load_keyfile         (TissageDocument *self,
                                                        GKeyFile        *keyfile,
                                                        GError         **error);
gboolean         tissage_document_load_keyfiles        (TissageDocument  *self,
                                                        GKeyFile        **keyfiles,
                                                        GError          **error);

/* tissage_document_compute_indicator_values() on a bare connection;
 * @indicator_id and @period_id, when not 0, narrow it down. */
GPtrArray       *tissage_db_compute_values             (sqlite3                 *db,
                                                        gint64                   indicator_id,
                                                        gint64                   period_id,
                                                        GError                 **error);

/*
 * Readers of a column of any query, for values read straight from a file
 * that another tool may have written: valid UTF-8 text (newly allocated,
 * "" for NULL), an enum within [0, @n_values) or @fallback, a finite real
 * or NaN.
 */
char            *tissage_sql_dup_text                  (sqlite3_stmt *stmt,
                                                        int           index);
int              tissage_sql_enum                      (sqlite3_stmt *stmt,
                                                        int           index,
                                                        int           n_values,
                                                        int           fallback);
double           tissage_sql_real                      (sqlite3_stmt *stmt,
                                                        int           index);

/* Between the files of the document (tissage-document-*.c) only. */

/* tissage-document.c */
void             tissage_document_notify_history      (TissageDocument *self);
void             tissage_document_notify_read_only    (TissageDocument *self);
void             tissage_document_notify_title        (TissageDocument *self);
/* Key figures from counted values given by @foreach (for @structure_id,
 * every indicator, @period_id or every period): the document passes the
 * values it keeps, the database function reads them. */
typedef gboolean (*TissageCountedForeach) (gpointer             source,
                                           gint64               structure_id,
                                           gint64               period_id,
                                           TissageCountedFunc   func,
                                           gpointer             user_data,
                                           GError             **error);
gboolean         tissage_figures_compute              (sqlite3               *db,
                                                       gint64                 period_id,
                                                       gint64                 structure_id,
                                                       TissageCountedForeach  foreach,
                                                       gpointer               source,
                                                       TissageFigures        *figures,
                                                       GError               **error);
void             tissage_document_emit_row_changed    (TissageDocument *self,
                                                       const char      *table,
                                                       gint64           id);

/* tissage-document-sql.c */
void             tissage_db_set_error                 (GError    **error,
                                                       sqlite3    *db,
                                                       int         rc);
gboolean         tissage_db_exec                      (sqlite3     *db,
                                                       const char  *sql,
                                                       GError     **error);
gboolean         tissage_db_query_int64               (sqlite3     *db,
                                                       const char  *sql,
                                                       gint64      *out,
                                                       GError     **error);
sqlite3_stmt    *tissage_document_cached_statement    (TissageDocument *self,
                                                       const char      *sql,
                                                       int             *rc);
void             tissage_sql_bind_value               (sqlite3_stmt *stmt,
                                                       int           index,
                                                       const GValue *value);
void             tissage_sql_column_to_value          (sqlite3_stmt *stmt,
                                                       int           index,
                                                       GParamSpec   *pspec,
                                                       GValue       *value);

/* tissage-document-models.c */
void             tissage_loaded_table_init            (LoadedTable *lt,
                                                       GType        type);
void             tissage_loaded_table_clear           (LoadedTable *lt);
LoadedTable     *tissage_document_loaded_for_table    (TissageDocument *self,
                                                       const char      *table);
gboolean         tissage_document_defer_table         (TissageDocument  *self,
                                                       LoadedTable      *lt,
                                                       GError          **error);
LoadedTable     *tissage_document_loaded_for_type     (TissageDocument *self,
                                                       GType            type);
gboolean         tissage_document_load_table          (TissageDocument  *self,
                                                       LoadedTable      *lt,
                                                       GError          **error);
void             tissage_document_sync_row            (TissageDocument *self,
                                                       const char      *table,
                                                       gint64           id);
void             tissage_document_sync_rows           (TissageDocument *self,
                                                       GPtrArray       *tables,
                                                       GArray          *ids);
void             tissage_document_sync_range          (TissageDocument *self,
                                                       gint64           first,
                                                       gint64           last);
void             tissage_document_refresh_record      (TissageDocument *self,
                                                       TissageRecord   *record);

/* tissage-document-answers.c */
/* Forgets the progress that a change to the row @id of @table may have
 * changed: that of an answer's interview, of a question's guide, of an
 * interview moved to another guide or deleted. */
void             tissage_document_forget_progress     (TissageDocument *self,
                                                       const char      *table,
                                                       gint64           id);

/* tissage-document-history.c */
gboolean         tissage_document_install_undo_log    (TissageDocument  *self,
                                                       GError          **error);

/* tissage-document-search.c */
gboolean         tissage_document_update_search_index (TissageDocument  *self,
                                                       GError          **error);

/* tissage-document-migrate.c */
gboolean         tissage_db_run_migrations            (sqlite3                 *db,
                                                       gint64                   from,
                                                       const TissageMigration  *migrations,
                                                       guint                    n_migrations,
                                                       GError                 **error);

/* tissage-document-open.c */
gboolean         tissage_path_exists                  (const char *path);
gboolean         tissage_document_check_writable      (TissageDocument  *self,
                                                       GError          **error);
TissageDocument *tissage_document_open_new            (const char              *path,
                                                       const TissageMigration  *migrations,
                                                       guint                    n_migrations,
                                                       GError                 **error);

/* tissage-document-write.c */
char            *tissage_now_timestamp                (void);

/* tissage-document-repair.c */
char            *tissage_document_describe_foreign    (GPtrArray *foreign);
gboolean         tissage_document_repair_into         (const char  *source,
                                                       const char  *source_uri,
                                                       gint64       version,
                                                       const char  *destination,
                                                       guint       *n_dropped,
                                                       GString     *emptied,
                                                       GError     **error);
GPtrArray       *tissage_document_inspect_copy        (const char  *copy,
                                                       const char  *path,
                                                       gint64      *version,
                                                       GError     **error);

G_END_DECLS

#pragma once

#include <sqlite3.h>

#include "tissage-document.h"
#include "tissage-schema.h"

G_BEGIN_DECLS

/* For tests and for generating benchmark projects. */
TissageDocument *tissage_document_open_with_migrations (GFile                  *file,
                                                        const TissageMigration *migrations,
                                                        guint                   n_migrations,
                                                        GError                **error);
sqlite3         *tissage_document_get_db               (TissageDocument *self);
/* @sql compiled once for the life of the document, and given reset with
 * no bindings: the caller resets it after its last step, never finalizes
 * it. NULL if it does not compile. Reads made for each row of a list
 * (an interview's progress) cost their compiling more than their step. */
sqlite3_stmt    *tissage_document_cached_statement     (TissageDocument *self,
                                                        const char      *sql);

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

G_END_DECLS

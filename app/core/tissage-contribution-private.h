/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 The Tissage authors */

#pragma once

#include "tissage-contribution.h"
#include "tissage-document-private.h"

G_BEGIN_DECLS

/* Between the files of the contributions (tissage-contribution*.c) only. */

/*
 * Rows travel as JSON arrays of their columns (all but id, uuid and
 * modified), in the order of the table, a reference written as the UUID of
 * the row it names: the same text on both sides when nothing changed,
 * whatever the integer ids. Such an array is a row's "data"; a contribution
 * keeps the data of every row as it was when it was made (its base), and a
 * project keeps, for each contribution, the data of its rows as the last
 * merge brought them. A field changed on one side is the one whose value
 * differs from that base; changed on both sides to different values, it is
 * a conflict.
 */

typedef struct {
  const char *table;
  const char *section;      /* marked for translation */
  GType     (*get_type) (void);
  const char *owner_sql;    /* the owning structure's uuid, on alias t; NULL: shared */
  const char *parent;       /* owned: the column naming the row it belongs to */
  const char *keys[4];      /* columns that say it is the same row, NULL-ended */
  const char *label_sql;    /* what the row is, on alias t */
  gboolean    copies_only;  /* merged only between two full copies */
} MergeTable;

/* The tables a merge carries (tissage-contribution.c), in an order where
 * the rows referred to come first. */
#define N_MERGE_TABLES 27
extern const MergeTable tissage_merge_tables[];

/* The base of a row whose deletion was merged. */
#define DELETED "null"

/* What only the coordinator changes, and what a contribution must hold as
 * it was made. */
typedef struct {
  const char *table;
  const char *what;  /* marked for translation */
} KeptTable;

#define N_KEPT_TABLES 15
extern const KeptTable tissage_kept_tables[];

/* The columns of one table, as both files have them. */
typedef struct {
  GPtrArray *columns;   /* names, without id, uuid, modified */
  GPtrArray *parents;   /* the table each refers to, or "" */
  char      *data_sql;  /* json_array (...) on alias t */
} TableShape;

typedef enum {
  ACTION_ADD,
  ACTION_CHANGE,
  ACTION_DELETE,
} ActionKind;

typedef enum {
  FIELD_SAME,
  FIELD_TAKE,       /* the contribution's value */
  FIELD_KEEP,       /* the project's value */
  FIELD_CONFLICT,
} FieldState;

typedef struct {
  ActionKind  kind;
  guint       table;
  char       *uuid;          /* of the project's row (added: the contribution's) */
  char       *modified;      /* the contribution's stamp */
  char       *data;          /* added: the contribution's data */
  GPtrArray  *project;       /* changed: the fields, as JSON values */
  GPtrArray  *contribution;
  GArray     *states;        /* FieldState */
  GArray     *conflicts;     /* guint, into merge->conflicts, one a conflicting field (or the row) */
} Action;

typedef struct {
  guint   action;
  int     field;             /* -1: the whole row */
} ConflictPlace;

typedef struct {
  char *key;                 /* "table/uuid" of the contribution's row */
  char *modified;
  char *data;
} BaseUpdate;

struct _TissageMerge {
  TissageDocument     *project;
  char                *contribution_uuid;
  char                *structure_uuid;
  char                *structure_name;
  char                *created;
  TableShape           shapes[N_MERGE_TABLES];
  TissageMergeSection  sections[N_MERGE_TABLES];
  GArray              *actions;     /* Action */
  GPtrArray           *conflicts;   /* TissageMergeConflict */
  GArray              *places;      /* ConflictPlace, beside conflicts */
  GArray              *bases;       /* BaseUpdate */
  guint                left_out;
  gboolean             applied;
  /* Another full copy of the project, not a contribution: the latest
   * stamp both files hold alike, and what the project deleted. */
  gboolean             full_copy;
  char                *divergence;
  GHashTable          *project_deleted;
  GHashTable          *copy_deleted;
  GHashTable          *added;       /* "table/uuid" of the rows it adds */
};

/* The statements of one merge, prepared once. */
typedef struct {
  sqlite3      *project;
  sqlite3      *contribution;
  sqlite3_stmt *split;                        /* JSON array → values */
  sqlite3_stmt *contribution_base;            /* key → data */
  sqlite3_stmt *merge_base;                   /* key → modified, data */
  sqlite3_stmt *project_row[N_MERGE_TABLES];  /* uuid → data, owner */
  sqlite3_stmt *project_key[N_MERGE_TABLES];  /* data → uuid of the row with the same keys */
  sqlite3_stmt *label[2][N_MERGE_TABLES];     /* uuid → what the row is, in the project [0] or the copy [1] */
} Reader;

/* Statements of the apply, one set a table. */
typedef struct {
  sqlite3_stmt *insert;
  sqlite3_stmt *update;
  sqlite3_stmt *delete;
} Writer;

/* tissage-contribution.c */
void          tissage_table_shape_clear           (TableShape   *shape);
gboolean      tissage_table_shape_read            (sqlite3      *db,
                                                   const char   *table,
                                                   TableShape   *shape,
                                                   GError      **error);
int           tissage_table_shape_column          (TableShape   *shape,
                                                   const char   *column);
void          tissage_contribution_set_db_error   (GError      **error,
                                                   sqlite3      *db);
gboolean      tissage_contribution_exec           (sqlite3      *db,
                                                   const char   *sql,
                                                   GError      **error);
void          tissage_contribution_refuse         (GError      **error,
                                                   const char   *format,
                                                   ...) G_GNUC_PRINTF (2, 3);
char         *tissage_contribution_now            (void);
char         *tissage_contribution_display_name   (GFile        *file);
char         *tissage_contribution_query_text     (sqlite3      *db,
                                                   const char   *sql,
                                                   const char   *arg);

/* tissage-contribution-export.c */
void          tissage_contribution_record_export  (TissageDocument *project,
                                                   const char      *contribution_uuid,
                                                   const char      *structure_uuid,
                                                   const char      *structure_name,
                                                   const char      *path,
                                                   gboolean         is_update);

/* tissage-contribution-read.c */
sqlite3_stmt *tissage_merge_prepare_statement     (sqlite3      *db,
                                                   const char   *sql,
                                                   GError      **error);

/* tissage-contribution-plan.c */
gboolean      tissage_merge_plan_table            (TissageMerge *merge,
                                                   Reader       *reader,
                                                   guint         table,
                                                   GHashTable   *seen,
                                                   GError      **error);
gboolean      tissage_merge_plan_deletions        (TissageMerge *merge,
                                                   Reader       *reader,
                                                   GHashTable   *seen,
                                                   GError      **error);
gboolean      tissage_merge_plan_copy_deletions   (TissageMerge *merge,
                                                   Reader       *reader,
                                                   GHashTable   *seen,
                                                   GError      **error);

/* tissage-contribution-copies.c */
gboolean      tissage_merge_changed_since         (TissageMerge *merge,
                                                   const char   *modified);
GHashTable   *tissage_merge_read_deleted          (sqlite3      *db);
char         *tissage_merge_find_divergence       (sqlite3      *project,
                                                   sqlite3      *copy);

/* tissage-contribution-apply.c */
gboolean      tissage_contribution_writer_prepare (sqlite3      *db,
                                                   TableShape   *shape,
                                                   const char   *table,
                                                   Writer       *writer);
int           tissage_contribution_writer_run     (sqlite3_stmt *stmt,
                                                   const char   *uuid,
                                                   const char   *modified,
                                                   const char   *data);

G_END_DECLS

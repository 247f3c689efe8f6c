/*
 * store-internal.h: what the files of lib/store/ share, behind the front
 * door (store.h). Nothing outside lib/store/ includes it. Its names carry
 * the prefix sq_ (SQ_ for constants).
 *
 *   sql.c       running statements, and dying of the database's errors
 *   file.c      the file before SQLite opens it, and where it is
 *   open.c      connections: opening, configuring, closing, purging
 *   migrate.c   the migrations, the schema version, the store's own id
 *   txn.c       transactions
 *   records.c   reading and writing records and their lists' side tables
 *   ids.c       the ids given, and the ids an import has seen
 *   query.c     queries and cursors, and the SQL functions they call
 *   history.c   the events, and the adds kept as runs
 *   report.c    counts and sums for reports
 */
#ifndef VK_STORE_INTERNAL_H
#define VK_STORE_INTERNAL_H

#include <sqlite3.h>
#include <jansson.h>
#include "error.h"
#include "number.h"
#include "schema.h"
#include "store.h"

/* The most record types a store holds (opening a store checks vk_entities). */
#define SQ_MAX_ENTITIES 12

/* The statements kept for each record type (records.c). */
enum sq_stmt_kind { SQ_GET, SQ_EXISTS, SQ_INSERT, SQ_UPDATE, SQ_DELETE, SQ_KINDS };

struct vk_store {
	sqlite3 *db;
	char *path;
	int lock_timeout;	/* seconds */
	sqlite3_stmt *stmts[SQ_MAX_ENTITIES][SQ_KINDS];
	/* per list field: insert into and delete from its side table */
	sqlite3_stmt *link_insert[SQ_MAX_ENTITIES][VK_MAX_FIELDS];
	sqlite3_stmt *link_delete[SQ_MAX_ENTITIES][VK_MAX_FIELDS];
	/* vk_store_insert: the JSON text of each list bound, its buffer kept from row to row */
	struct strbuf bound_text[VK_MAX_FIELDS];
	sqlite3_stmt *event_insert;
	sqlite3_stmt *event_exists;	/* vk_store_id_used */
	sqlite3_stmt *added_unkept, *added_keep;	/* sq_keep_added */
	/*
	 * The adds of this transaction not yet written: one run (see
	 * add_to_run in history.c), and the highest event id given.
	 */
	struct {
		bool open;
		const char *entity;	/* static: the entity's name */
		long long first_id, first_event, count;
		char at[VK_TIMESTAMP_SIZE];
	} run;
	sqlite3_stmt *run_insert, *run_covering;
	long long event_ceiling;
	bool event_ceiling_known;
	sqlite3_stmt *mark_seen;	/* vk_store_mark_seen */
	/*
	 * Within a write transaction: no id of e above ceiling[e] was ever
	 * used (see vk_store_id_used), so an import of new ids asks nothing,
	 * and a new record gets ceiling + 1. A raised ceiling is kept in meta
	 * at the commit.
	 */
	long long ceiling[SQ_MAX_ENTITIES];
	bool ceiling_known[SQ_MAX_ENTITIES];
	bool ceiling_raised[SQ_MAX_ENTITIES];
	sqlite3_stmt *save_ceiling;
	/* vk_store_mark_seen: the ids seen in increasing order, as runs */
	long long (*seen_runs)[2];
	size_t nseen_runs, aseen_runs;
	/* vk_store_serial(): transactions begun and ended, writes of each type */
	unsigned long long opened, serial, writes[SQ_MAX_ENTITIES];
	bool writer;	/* opened to write: switches back to rollback mode on close */
	bool copy;	/* a private copy of the store (a snapshot, or an upgrade for a reader) */
	bool created;	/* by this process: in rollback-journal mode throughout */
	char user[64];
	char id[33];	/* the store's own id, hex */
};

struct vk_cursor {
	struct vk_store *store;
	sqlite3_stmt *stmt;
	const struct vk_entity *entity;	/* NULL: events */
	char numbers[VK_MAX_FIELDS][VK_NUMBER_SIZE];	/* cells' text of decimal numbers */
};

/* ---- the record types ---- */

/* The index of e in vk_entities (below SQ_MAX_ENTITIES: opening a store checks). */
static inline int sq_entity_slot(const struct vk_entity *e)
{
	for (int i = 0; vk_entities[i]; i++)
		if (vk_entities[i] == e)
			return i;
	vk_die(VK_EXIT_IOERR, "internal error: unknown record type %s", e->name);
}

/* ---- sql.c ---- */

/* Reports the database's last error while doing `doing`, and exits. */
_Noreturn void sq_die(struct vk_store *s, const char *doing);
/* Runs sql (statements without rows); dies doing `doing` when it fails. */
void sq_exec(struct vk_store *s, const char *sql, const char *doing);
/* A statement kept prepared (the caller finalizes it); dies when sql fails. */
sqlite3_stmt *sq_prepare(struct vk_store *s, const char *sql);
/* Runs a statement that returns no row, then resets it and clears its bindings. */
void sq_step_done(struct vk_store *s, sqlite3_stmt *st, const char *doing);

/* ---- file.c ---- */

/* $VK_LOCK_TIMEOUT in seconds (default 10); exits 2 on a bad value. */
int sq_lock_timeout(void);
/* Exits 65: path holds something that is no vk store. */
_Noreturn void sq_not_a_store(const char *path);
/*
 * Reads the file's first 100 bytes, refusing what is no SQLite database;
 * returns true when its header says WAL mode.
 */
bool sq_check_header(const char *path);
/* Refuses (73) a writer that may not write path or its directory. */
void sq_check_writable(const char *path);
/* Appends to uri the URI that opens path read-only (wal: its header's mode). */
void sq_read_only_uri(const char *path, bool wal, struct strbuf *uri);
/* Rolls back a write to path that was cut off, before a reader opens it. */
void sq_roll_back_cut_write(const char *path);

/* ---- migrate.c ---- */

/*
 * The schema version of the vk store s's file holds, read before anything
 * is written: 0 when it holds nothing yet; exits 65 for anything else
 * that is no vk store.
 */
int sq_stored_schema(struct vk_store *s);
/*
 * Brings the store to the current schema; returns the version it found
 * (under the write lock when it upgraded): 0 when it made the store.
 */
int sq_migrate(struct vk_store *s);

/* ---- records.c ---- */

/* Whether field f's items are also kept in a side table (see the migrations). */
static inline bool sq_has_side_table(const struct vk_field *f)
{
	return f->type == VK_FIELD_REF_LIST || f->type == VK_FIELD_COUNTS;
}

/* Whether field f is kept as JSON text (a list, a headcount). */
static inline bool sq_is_json_column(const struct vk_field *f)
{
	return vk_field_is_list(f) || f->type == VK_FIELD_COUNTS;
}

/* Appends e's columns to sb, each after prefix ("t."), separated by ", ". */
void sq_add_columns(struct strbuf *sb, const struct vk_entity *e, const char *prefix);
/* How column i (field f) of the row st is on is kept: none, a number, JSON text or text. */
static inline enum vk_cell_kind sq_column_kind(const struct vk_field *f, sqlite3_stmt *st, int i)
{
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return VK_CELL_NONE;
	if (f->type == VK_FIELD_ID || f->type == VK_FIELD_INT || f->type == VK_FIELD_REF ||
	    f->type == VK_FIELD_NUMBER)
		return VK_CELL_NUMBER;
	return sq_is_json_column(f) ? VK_CELL_JSON : VK_CELL_TEXT;
}
/*
 * The value of a decimal number's column i of the row st is on (not
 * NULL): a JSON integer when whole, else a real (schema.h).
 */
json_t *sq_column_decimal(sqlite3_stmt *st, int i);
/* The complete record of e on the row st is on (columns in field order; new). */
json_t *sq_row_record(const struct vk_entity *e, sqlite3_stmt *st);

/* ---- ids.c ---- */

/*
 * The ceiling of e's ids (see struct vk_store), or -1 outside a write
 * transaction.
 */
long long sq_id_ceiling(struct vk_store *s, const struct vk_entity *e);

/* Notes that e's id was given: it raises a known ceiling. */
static inline void sq_raise_ceiling(struct vk_store *s, const struct vk_entity *e, long long id)
{
	int slot = sq_entity_slot(e);

	if (s->ceiling_known[slot] && id > s->ceiling[slot]) {
		s->ceiling[slot] = id;
		s->ceiling_raised[slot] = true;
	}
}

/* Before a commit: keeps the ceilings this transaction raised (in meta). */
void sq_save_ceilings(struct vk_store *s);

/* ---- query.c ---- */

/* Gives s's connection the SQL functions vk_fold() and vk_sort_key() (text.h). */
void sq_register_text_functions(struct vk_store *s);

/* ---- history.c ---- */

/* An add event kept in a run (see add_to_run in history.c). */
struct sq_run_add {
	long long event_id;
	char at[VK_TIMESTAMP_SIZE];
	char user[64];
};

/*
 * Whether a run holds the add of record (entity, id) and no row of events
 * has taken its place (sq_keep_added); if so, fills *add.
 */
bool sq_run_add_of(struct vk_store *s, const char *entity, long long id, struct sq_run_add *add);
/*
 * Before record (e, id) first changes or goes: writes the copy of it as
 * added into the history, when its add kept none (the record was it).
 */
void sq_keep_added(struct vk_store *s, const struct vk_entity *e, long long id);
/*
 * Writes the run of adds this transaction holds in memory: call before
 * reading the history's tables.
 */
void sq_flush_run(struct vk_store *s);
/*
 * Writes one row of the history with its id (before and after: JSON
 * text, malloc'd and taken, or NULL).
 */
void sq_insert_event_row(struct vk_store *s, long long event_id, const char *at,
			 const char *user, const char *entity, long long entity_id,
			 const char *action, char *before, char *after);
/*
 * The event on the row st is on (id, at, user, entity, entity_id, action,
 * before, after), new; an "add" without after gets the record as it is in s.
 */
json_t *sq_event_record(struct vk_store *s, sqlite3_stmt *st);

#endif

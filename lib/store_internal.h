/*
 * store_internal.h: what the files of the store module share (store.c,
 * store_report.c). Nothing outside the store includes it.
 */
#ifndef VK_STORE_INTERNAL_H
#define VK_STORE_INTERNAL_H

#include <sqlite3.h>
#include <jansson.h>
#include "schema.h"
#include "store.h"

#define MAX_ENTITIES 8

enum stmt_kind { ST_GET, ST_EXISTS, ST_INSERT, ST_UPDATE, ST_DELETE, ST_KINDS };

struct vk_store {
	sqlite3 *db;
	char *path;
	int lock_timeout;	/* seconds */
	sqlite3_stmt *stmts[MAX_ENTITIES][ST_KINDS];
	/* per list field: insert into and delete from its side table */
	sqlite3_stmt *link_insert[MAX_ENTITIES][VK_MAX_FIELDS];
	sqlite3_stmt *link_delete[MAX_ENTITIES][VK_MAX_FIELDS];
	/* vk_store_insert: the JSON text of each list bound, its buffer kept from row to row */
	struct strbuf bound_text[VK_MAX_FIELDS];
	sqlite3_stmt *event_insert;
	sqlite3_stmt *event_exists;	/* vk_store_id_used */
	sqlite3_stmt *added_unkept, *added_keep;	/* keep_added */
	/*
	 * The adds of this transaction not yet written: one run (see
	 * add_to_run), and the highest event id given (next_event_id).
	 */
	struct {
		bool open;
		const char *entity;	/* static: the entity's name */
		long long first_id, first_event, count;
		char at[21];
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
	long long ceiling[MAX_ENTITIES];
	bool ceiling_known[MAX_ENTITIES];
	bool ceiling_raised[MAX_ENTITIES];
	sqlite3_stmt *save_ceiling;
	/* vk_store_mark_seen: the ids seen in increasing order, as runs */
	long long (*seen_runs)[2];
	size_t nseen_runs, aseen_runs;
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
};

/*
 * Writes the run of adds this transaction holds in memory (see
 * add_to_run in store.c): call before reading the history's tables.
 */
void flush_run(struct vk_store *s);

/*
 * Writes one row of the history with its id (before and after: JSON
 * text, malloc'd and taken, or NULL).
 */
void insert_event_row(struct vk_store *s, long long event_id, const char *at, const char *user,
		      const char *entity, long long entity_id, const char *action, char *before,
		      char *after);

/* Reports the database's last error while doing `doing`, and exits. */
_Noreturn void db_die(struct vk_store *s, const char *doing);
void exec(struct vk_store *s, const char *sql, const char *doing);
sqlite3_stmt *prepare(struct vk_store *s, const char *sql);
/* Runs a statement that returns no row, then resets it. */
void step_done(struct vk_store *s, sqlite3_stmt *st, const char *doing);
/* The complete record of e on the row st is on (columns in field order). */
json_t *row_record(const struct vk_entity *e, sqlite3_stmt *st);
/*
 * The event on the row st is on (id, at, user, entity, entity_id, action,
 * before, after); an "add" without after gets the record as it is in s.
 */
json_t *event_record(struct vk_store *s, sqlite3_stmt *st);

#endif

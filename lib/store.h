/*
 * store.h: the store's front door: where the records of one process and
 * their history are kept. Everything the rest of vk asks of the store is
 * a call declared here (vk_store_* and vk_cursor_*); what is behind it is
 * lib/store/, and nothing else knows the database: a second backend
 * (PostgreSQL) is a second implementation of these calls.
 *
 * The front door:
 *   the file        vk_store_path, vk_store_absent, vk_store_id,
 *                   vk_store_schema_version
 *   opening         vk_store_open, vk_store_open_memory, vk_store_open_temp,
 *                   vk_store_open_snapshot, vk_store_close,
 *                   vk_store_purge_journal
 *   transactions    vk_store_begin, vk_store_commit, vk_store_rollback,
 *                   vk_store_bulk, vk_store_begin_read, vk_store_end_read,
 *                   vk_store_serial
 *   records         vk_store_get, vk_store_exists, vk_store_insert,
 *                   vk_store_update, vk_store_delete, vk_store_referrers
 *   ids             vk_store_id_used, vk_store_may_exist,
 *                   vk_store_mark_seen, vk_store_forget_seen
 *   queries         vk_store_query, vk_store_count, vk_cursor_next,
 *                   vk_cursor_next_cells, vk_cursor_close (query.h)
 *   history         vk_store_add_event, vk_store_add_event_text,
 *                   vk_store_events, vk_store_event_rows, vk_store_events_of,
 *                   vk_store_count_events, vk_store_rewrite_event,
 *                   vk_store_insert_event
 *   reports         vk_store_group_count, vk_store_item_counts,
 *                   vk_store_reach, vk_store_reach_last, vk_store_towns,
 *                   vk_store_kind_reach, vk_store_not_heard,
 *                   vk_store_group_last_reached, vk_store_town_last_reached
 *
 * This one keeps the store in an SQLite database. The file is found at
 * --db, else $VK_DB, else ./vk.db. It is created with mode 0600 (it holds
 * personal data) in WAL mode, its schema is versioned with PRAGMA
 * user_version and brought up to date on open. secure_delete is on, so
 * deleted content is overwritten with zeros.
 *
 * Writers take the write lock with vk_store_begin(), waiting up to
 * $VK_LOCK_TIMEOUT seconds (default 10) for other writers, then exit 75.
 * Every function that fails on the database reports it and exits (74,
 * or 75 for a lock, 65 for a file that is no vk database).
 */
#ifndef VK_STORE_H
#define VK_STORE_H

#include <stdbool.h>
#include <jansson.h>
#include "format.h"
#include "query.h"
#include "schema.h"

struct vk_store;

enum vk_store_access {
	VK_STORE_READ,	/* the file must exist (else exit 66); opened read-only */
	VK_STORE_WRITE,	/* created when missing, with a note on stderr */
	VK_STORE_CHANGE	/* written, but must exist (else exit 66): set, rm, move */
};

/* The path the store is at: path when given, else $VK_DB, else "vk.db". */
const char *vk_store_path(const char *path);

/*
 * True when no store is at path (as vk_store_path) yet: no file, or an
 * empty one. VK_STORE_WRITE makes it there; the other modes refuse.
 */
bool vk_store_absent(const char *path);

/*
 * Opens (or creates) the store; exits on failure. Close with
 * vk_store_close(). Nothing is written to a file that is not a vk store
 * (exit 65, "FILE: not a vk database"), but for VK_STORE_WRITE to an
 * empty one. A file that cannot be read exits 66, one a writer cannot
 * write 73, each with the system's reason. A writer upgrades an older
 * schema, with a note on stderr; a reader gets an upgraded private copy
 * instead, with a note too, and the file stays as it is.
 */
struct vk_store *vk_store_open(const char *path, enum vk_store_access access);
void vk_store_close(struct vk_store *s);

/* Opens a fresh store in memory (for tests and fuzzing). */
struct vk_store *vk_store_open_memory(void);

/* Transactions. begin takes the write lock (waiting, then exit 75). */
void vk_store_begin(struct vk_store *s);
void vk_store_commit(struct vk_store *s);
void vk_store_rollback(struct vk_store *s);

/* Gives a long write (an import) more page cache (16 MiB). */
void vk_store_bulk(struct vk_store *s);

/* A read snapshot: everything read between these sees one state. */
void vk_store_begin_read(struct vk_store *s);
void vk_store_end_read(struct vk_store *s);

/*
 * A number that differs whenever the records of e in s may differ from
 * when it was last given: each transaction begun or ended, each write of
 * e, and every call outside a transaction change it, and no two stores
 * share one. A caller may keep what it read of e (the declared themes)
 * while the number stays.
 */
unsigned long long vk_store_serial(struct vk_store *s, const struct vk_entity *e);

/* The record e with this id as a complete record (new reference), or NULL. */
json_t *vk_store_get(struct vk_store *s, const struct vk_entity *e, long long id);
bool vk_store_exists(struct vk_store *s, const struct vk_entity *e, long long id);

/*
 * True when id was ever given to a record of type e: it exists, or the
 * history holds an event for it (change.c records every add and rm, and
 * the history outlives rm). ids are never reused.
 */
bool vk_store_id_used(struct vk_store *s, const struct vk_entity *e, long long id);

/*
 * False when no record of e can have id: within a write transaction, id
 * is above every id e ever used (without a query); true otherwise, when
 * only vk_store_get() can tell.
 */
bool vk_store_may_exist(struct vk_store *s, const struct vk_entity *e, long long id);

/*
 * For an import: notes that a row named id; false when a row of this
 * import did already. Memory stays flat (runs of increasing ids, then a
 * temporary table); vk_store_forget_seen() starts afresh.
 */
bool vk_store_mark_seen(struct vk_store *s, long long id);
void vk_store_forget_seen(struct vk_store *s);

/*
 * Inserts a complete record (every field of e, as vk_record_complete()
 * makes). With "id" null the store gives the next id. Returns the id.
 */
long long vk_store_insert(struct vk_store *s, const struct vk_entity *e, json_t *record);

/* Replaces the stored record with the complete record (same id). */
void vk_store_update(struct vk_store *s, const struct vk_entity *e, json_t *record);

/* Deletes the record (not what refers to it: see vk_store_referrers()). */
void vk_store_delete(struct vk_store *s, const struct vk_entity *e, long long id);

/*
 * Calls fn for each record that refers to record (e, id) through a REF or
 * REF_LIST field: fn gets the referring entity, the field and the id.
 * Returns how many there were.
 */
typedef void vk_referrer_fn(const struct vk_entity *from, const struct vk_field *field,
			    long long from_id, void *data);
size_t vk_store_referrers(struct vk_store *s, const struct vk_entity *e, long long id,
			  vk_referrer_fn *fn, void *data);

/* ---- queries (what a query asks for: query.h) ---- */

struct vk_cursor;

/*
 * Starts a query. The filters' fields must be fields of the entity and
 * sort a field that is no list (callers check what users typed).
 */
struct vk_cursor *vk_store_query(struct vk_store *s, const struct vk_query *q);
/* How many records the query's filters select (sort and limit ignored). */
long long vk_store_count(struct vk_store *s, const struct vk_query *q);

/* The next record (new reference, complete), or NULL at the end. */
json_t *vk_cursor_next(struct vk_cursor *c);
void vk_cursor_close(struct vk_cursor *c);

/*
 * For a cursor of records (vk_store_query()): moves to the next row and
 * sets cells[0..nfields) to its fields in schema order, as stored (see
 * format.h); false at the end. The texts last until the next call.
 */
bool vk_cursor_next_cells(struct vk_cursor *c, struct vk_cell *cells);

/* ---- history ---- */

/*
 * Records a change: entity, its id, the action ("add", "set", "rm",
 * "move", ...) and the fields before and after (borrowed; NULL for none).
 * who is $USER, when is now.
 */
void vk_store_add_event(struct vk_store *s, const char *entity, long long id,
			const char *action, json_t *before, json_t *after);

/*
 * The same with before and after as JSON text (malloc'd, taken; NULL for
 * none). An "add" with no after keeps no copy: the record is its copy
 * until vk_store_update() or vk_store_delete() first touches it, which
 * write the copy into the event; vk_store_events() reads it either way.
 */
void vk_store_add_event_text(struct vk_store *s, const char *entity, long long id,
			     const char *action, char *before, char *after);

/* Events of entity (NULL: all) and id (0: all), oldest first, as records of type "event". */
struct vk_cursor *vk_store_events(struct vk_store *s, const char *entity, long long id);

/*
 * The history's rows only, oldest first: without the adds kept as runs,
 * which hold nothing but ids and times (their record is their copy).
 */
struct vk_cursor *vk_store_event_rows(struct vk_store *s);

/* How many events the history holds for record (entity, id). */
long vk_store_count_events(struct vk_store *s, const char *entity, long long id);

/* Replaces an event's before and after (to erase personal data). */
void vk_store_rewrite_event(struct vk_store *s, long long event_id, json_t *before,
			    json_t *after);

/*
 * After erasing personal data: rewrites the database file (VACUUM), moves
 * the WAL into it and empties the WAL, so that no old copy stays in the
 * file's unused space or in the WAL. Outside a transaction.
 */
void vk_store_purge_journal(struct vk_store *s);

/* ---- for reports ---- */

/*
 * Counts the records of e by the values of fields (not lists): an array
 * of objects {field: value, ..., "count": n}, ordered by the values.
 */
json_t *vk_store_group_count(struct vk_store *s, const struct vk_entity *e,
			     const char *const *fields, size_t nfields);

/* Counts the items of list field `field` of e: {item: n, ...}. */
json_t *vk_store_item_counts(struct vk_store *s, const struct vk_entity *e, const char *field);

/*
 * Who engagements between from and to (YYYY-MM-DD; NULL: no bound)
 * reached, by group and town: [{group, town, named, headcount, total}].
 * Named participants count once however often they took part; headcounts
 * count with the engagement's town. Participants whose stakeholder record
 * the store does not hold (a partial stream) count once each in a last
 * row of group "unknown", town "unknown" (no group of the vocabulary).
 */
json_t *vk_store_reach(struct vk_store *s, const char *from, const char *to);

/*
 * The engagements between from and to (NULL: no bound) by kind, and how
 * many of them had someone of group present, named or counted (n > 0):
 * {kind: [engagements, with group], ...}.
 */
json_t *vk_store_kind_reach(struct vk_store *s, const char *from, const char *to, const char *group);

/*
 * The registered stakeholders by group, and how many of them no
 * engagement between from and to (NULL: no bound) names:
 * {group: [registered, not heard], ...}; a stakeholder without a group
 * under "".
 */
json_t *vk_store_not_heard(struct vk_store *s, const char *from, const char *to);

/*
 * The groups and towns engagements from since to until (YYYY-MM-DD)
 * reached: {"groups": {group: true}, "towns": {town: true}}.
 */
json_t *vk_store_reach_last(struct vk_store *s, const char *since, const char *until);

/*
 * The last day before `before` on which a group (a town) was reached, in
 * out (11 bytes); NULL when never.
 */
const char *vk_store_group_last_reached(struct vk_store *s, const char *group, const char *before,
					char out[VK_DATE_SIZE]);
const char *vk_store_town_last_reached(struct vk_store *s, const char *town, const char *before,
				       char out[VK_DATE_SIZE]);

/* Every town of a stakeholder or an engagement, sorted. */
json_t *vk_store_towns(struct vk_store *s);

/* The events of entity with this action (not "add": adds may be runs), oldest first. */
struct vk_cursor *vk_store_events_of(struct vk_store *s, const char *entity, const char *action);

/* Stores an event record as it is (from a stream of records). */
void vk_store_insert_event(struct vk_store *s, json_t *event);

/*
 * Opens a private temporary store on disk (removed when it is closed),
 * for reports over a stream of records: memory stays flat however long
 * the stream is.
 */
struct vk_store *vk_store_open_temp(void);

/*
 * Opens a private copy of the store at path, as it stands (read under one
 * read transaction, so a writer at work is no wait): what import
 * --dry-run changes and throws away. The same checks as a read open;
 * an older schema is upgraded in the copy only.
 */
struct vk_store *vk_store_open_snapshot(const char *path);

/* The store's own random id (hex), made when it was created: calendar UIDs use it. */
const char *vk_store_id(struct vk_store *s);

/* The schema version this vk writes. */
int vk_store_schema_version(void);

#endif

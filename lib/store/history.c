/*
 * history.c: the history: a row of events for each change, and the adds
 * of a transaction kept as runs (schema 7) whose records are their own
 * copies until they first change (sq_keep_added).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "date.h"
#include "json.h"
#include "store-internal.h"

bool sq_run_add_of(struct vk_store *s, const char *entity, long long id, struct sq_run_add *add)
{
	sqlite3_stmt *st;
	bool found = false;

	sq_flush_run(s);
	if (!s->run_covering)
		s->run_covering = sq_prepare(s, "SELECT r.first_event + (?2 - r.first_id), r.at,"
					     " r.\"user\","
					     " r.first_id + r.count > ?2 AND NOT EXISTS (SELECT 1"
					     " FROM events e"
					     " WHERE e.id = r.first_event + (?2 - r.first_id))"
					     " FROM added_runs r"
					     " WHERE r.entity = ?1 AND r.first_id <= ?2"
					     " ORDER BY r.first_id DESC"
					     " LIMIT 1");
	st = s->run_covering;
	sqlite3_bind_text(st, 1, entity, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_int(st, 3)) {
		found = true;
		add->event_id = sqlite3_column_int64(st, 0);
		snprintf(add->at, sizeof(add->at), "%s", (const char *)sqlite3_column_text(st, 1));
		snprintf(add->user, sizeof(add->user), "%s", (const char *)sqlite3_column_text(st, 2));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		sq_die(s, "reading the history");
	return found;
}

/*
 * The history's "add" event keeps no copy of the record while the record
 * is as it was added: it is in a run (schema 7), or a row whose after is
 * NULL (schema 6), and the record itself is the copy (an import of a
 * million rows then writes each once). Before record (e, id) first
 * changes or goes, this writes the copy into the history: into the
 * row, or as a row with the run's event id, which then stands for it.
 * sq_event_record() reads a NULL after from the record.
 */
void sq_keep_added(struct vk_store *s, const struct vk_entity *e, long long id)
{
	long long event_id;
	struct sq_run_add add;

	if (sq_run_add_of(s, e->name, id, &add)) {
		json_t *record = vk_store_get(s, e, id);
		if (record)
			sq_insert_event_row(s, add.event_id, add.at, add.user, e->name, id, "add",
					    NULL, vk_record_history_text(e, record));
		json_decref(record);
		return;
	}
	if (!s->added_unkept)
		s->added_unkept = sq_prepare(s, "SELECT id"
					     " FROM events"
					     " WHERE entity = ? AND entity_id = ?"
					     " AND action = 'add' AND after IS NULL");
	sqlite3_bind_text(s->added_unkept, 1, e->name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s->added_unkept, 2, id);
	int rc = sqlite3_step(s->added_unkept);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(s->added_unkept);
		if (rc != SQLITE_DONE)
			sq_die(s, "reading the history");
		return;
	}
	event_id = sqlite3_column_int64(s->added_unkept, 0);
	sqlite3_reset(s->added_unkept);

	json_t *record = vk_store_get(s, e, id);
	if (!record)
		return;
	if (!s->added_keep)
		s->added_keep = sq_prepare(s, "UPDATE events"
					   " SET after = ?"
					   " WHERE id = ?");
	sqlite3_bind_text(s->added_keep, 1, vk_record_history_text(e, record), -1, free);
	sqlite3_bind_int64(s->added_keep, 2, event_id);
	sq_step_done(s, s->added_keep, "recording the change");
	json_decref(record);
}

/* The record (entity, id) as kept by an "add" event without after (see sq_keep_added). */
static json_t *added_record(struct vk_store *s, const char *entity, long long id)
{
	const struct vk_entity *e = vk_entity_by_name(entity);
	json_t *record = e ? vk_store_get(s, e, id) : NULL;
	json_t *added = NULL;

	if (record) {
		added = vk_record_as_added(e, record);
		json_decref(record);
	}
	return added ? added : json_null();
}

json_t *sq_event_record(struct vk_store *s, sqlite3_stmt *st)
{
	json_t *r = json_object();

	json_object_set_new(r, "type", json_string("event"));
	json_object_set_new(r, "id", json_integer(sqlite3_column_int64(st, 0)));
	json_object_set_new(r, "at", json_string((const char *)sqlite3_column_text(st, 1)));
	json_object_set_new(r, "user", json_string((const char *)sqlite3_column_text(st, 2)));
	json_object_set_new(r, "entity", json_string((const char *)sqlite3_column_text(st, 3)));
	json_object_set_new(r, "entity_id", json_integer(sqlite3_column_int64(st, 4)));
	json_object_set_new(r, "action", json_string((const char *)sqlite3_column_text(st, 5)));
	for (int i = 6; i <= 7; i++) {
		const char *text = (const char *)sqlite3_column_text(st, i);
		json_t *v = text ? json_loads(text, 0, NULL) : NULL;
		json_object_set_new(r, i == 6 ? "before" : "after", v ? v : json_null());
	}
	if (sqlite3_column_type(st, 7) == SQLITE_NULL &&
	    !strcmp((const char *)sqlite3_column_text(st, 5), "add"))
		json_object_set_new(r, "after", added_record(s, (const char *)sqlite3_column_text(st, 3),
							   sqlite3_column_int64(st, 4)));
	return r;
}

void sq_insert_event_row(struct vk_store *s, long long event_id, const char *at,
			 const char *user, const char *entity, long long entity_id,
			 const char *action, char *before, char *after)
{
	sqlite3_stmt *st;

	if (!s->event_insert)
		s->event_insert = sq_prepare(s, "INSERT INTO events (id, at, \"user\", entity,"
					     " entity_id, action, before, after)"
					     " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
	st = s->event_insert;
	sqlite3_bind_int64(st, 1, event_id);
	sqlite3_bind_text(st, 2, at, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, user, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, entity, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 5, entity_id);
	sqlite3_bind_text(st, 6, action, -1, SQLITE_TRANSIENT);
	if (before)
		sqlite3_bind_text(st, 7, before, -1, free);
	else
		sqlite3_bind_null(st, 7);
	if (after)
		sqlite3_bind_text(st, 8, after, -1, free);
	else
		sqlite3_bind_null(st, 8);
	sq_step_done(s, st, "recording the change");
}

/*
 * The highest event id given, stored or in the open run; kept for the
 * rest of a write transaction.
 */
static long long event_ceiling(struct vk_store *s)
{
	sqlite3_stmt *st;

	if (s->event_ceiling_known)
		return s->event_ceiling;
	st = sq_prepare(s, "SELECT max(coalesce((SELECT max(id) FROM events), 0),"
			" coalesce((SELECT first_event + count - 1"
			" FROM added_runs"
			" ORDER BY first_event DESC"
			" LIMIT 1), 0))");
	if (sqlite3_step(st) != SQLITE_ROW)
		sq_die(s, "looking up the history");
	s->event_ceiling = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	s->event_ceiling_known = !sqlite3_get_autocommit(s->db);
	return s->event_ceiling;
}

void sq_flush_run(struct vk_store *s)
{
	sqlite3_stmt *st;

	if (!s->run.open)
		return;
	s->run.open = false;
	if (!s->run_insert)
		s->run_insert = sq_prepare(s, "INSERT INTO added_runs (first_event, entity, first_id,"
					   " count, at, \"user\")"
					   " VALUES (?, ?, ?, ?, ?, ?)");
	st = s->run_insert;
	sqlite3_bind_int64(st, 1, s->run.first_event);
	sqlite3_bind_text(st, 2, s->run.entity, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, s->run.first_id);
	sqlite3_bind_int64(st, 4, s->run.count);
	sqlite3_bind_text(st, 5, s->run.at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, s->user, -1, SQLITE_STATIC);
	sq_step_done(s, st, "recording the change");
}

/*
 * Records the add of record (e, id) as event event_id at `at`: the open
 * run takes it when it is the next record and the next event of the same
 * type and second; otherwise the run is written and a new one opens.
 */
static void add_to_run(struct vk_store *s, const struct vk_entity *e, long long id,
		       long long event_id, const char *at)
{
	if (s->run.open && s->run.entity == e->name && id == s->run.first_id + s->run.count &&
	    event_id == s->run.first_event + s->run.count && !strcmp(at, s->run.at)) {
		s->run.count++;
		return;
	}
	sq_flush_run(s);
	s->run.open = true;
	s->run.entity = e->name;
	s->run.first_id = id;
	s->run.first_event = event_id;
	s->run.count = 1;
	memcpy(s->run.at, at, sizeof(s->run.at));
}

void vk_store_add_event_text(struct vk_store *s, const char *entity, long long id,
			     const char *action, char *before, char *after)
{
	const struct vk_entity *e = vk_entity_by_name(entity);
	long long event_id = event_ceiling(s) + 1;
	char now[VK_TIMESTAMP_SIZE];

	vk_timestamp_now(now);
	if (e && !before && !after && !strcmp(action, "add") && s->event_ceiling_known) {
		/* the record is its own copy (sq_keep_added), and many adds make one row */
		add_to_run(s, e, id, event_id, now);
	} else {
		sq_insert_event_row(s, event_id, now, s->user, entity, id, action, before, after);
	}
	if (s->event_ceiling_known)
		s->event_ceiling = event_id;
	/* the history's ids count as given (vk_store_id_used) */
	if (e)
		sq_raise_ceiling(s, e, id);
}

void vk_store_add_event(struct vk_store *s, const char *entity, long long id,
			const char *action, json_t *before, json_t *after)
{
	vk_store_add_event_text(s, entity, id, action, before ? vk_json_text(before) : NULL,
				after ? vk_json_text(after) : NULL);
}

struct vk_cursor *vk_store_events(struct vk_store *s, const char *entity, long long id)
{
	struct vk_cursor *c = vk_calloc(1, sizeof(*c));
	/* the rows, and the runs' adds that no row stands for (sq_keep_added) */
	const char *one = "SELECT id, at, \"user\", entity, entity_id, action, before, after"
			  " FROM events"
			  " WHERE entity = ?1 AND entity_id = ?2"
			  " UNION ALL"
			  " SELECT r.first_event + (?2 - r.first_id), r.at, r.\"user\", r.entity, ?2,"
			  " 'add', NULL, NULL"
			  " FROM (SELECT *"
			  " FROM added_runs"
			  " WHERE entity = ?1 AND first_id <= ?2"
			  " ORDER BY first_id DESC"
			  " LIMIT 1) r"
			  " WHERE r.first_id + r.count > ?2 AND NOT EXISTS (SELECT 1"
			  " FROM events e"
			  " WHERE e.id = r.first_event + (?2 - r.first_id))"
			  " ORDER BY 1";
	/* the runs' adds, one row each (a), beside the rows */
	const char *all = "WITH RECURSIVE a(id, at, \"user\", entity, entity_id, last) AS ("
			  " SELECT first_event, at, \"user\", entity, first_id, first_id + count - 1"
			  " FROM added_runs"
			  " WHERE ?1 IS NULL OR entity = ?1"
			  " UNION ALL"
			  " SELECT id + 1, at, \"user\", entity, entity_id + 1, last"
			  " FROM a"
			  " WHERE entity_id < last)"
			  " SELECT id, at, \"user\", entity, entity_id, action, before, after"
			  " FROM events"
			  " WHERE (?1 IS NULL OR entity = ?1) AND (?2 = 0 OR entity_id = ?2)"
			  " UNION ALL"
			  " SELECT id, at, \"user\", entity, entity_id, 'add', NULL, NULL"
			  " FROM a"
			  " WHERE (?2 = 0 OR entity_id = ?2)"
			  " AND NOT EXISTS (SELECT 1 FROM events e WHERE e.id = a.id)"
			  " ORDER BY 1";
	const char *sql = entity && id ? one : all;

	sq_flush_run(s);
	c->store = s;
	if (sqlite3_prepare_v2(s->db, sql, -1, &c->stmt, NULL) != SQLITE_OK)
		sq_die(s, "preparing a query");
	if (entity)
		sqlite3_bind_text(c->stmt, 1, entity, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(c->stmt, 2, id);
	return c;
}

struct vk_cursor *vk_store_event_rows(struct vk_store *s)
{
	struct vk_cursor *c = vk_calloc(1, sizeof(*c));

	sq_flush_run(s);
	c->store = s;
	if (sqlite3_prepare_v2(s->db, "SELECT id, at, \"user\", entity, entity_id, action, before,"
			       " after"
			       " FROM events"
			       " ORDER BY id", -1, &c->stmt, NULL) != SQLITE_OK)
		sq_die(s, "preparing a query");
	return c;
}

long vk_store_count_events(struct vk_store *s, const char *entity, long long id)
{
	struct sq_run_add add;
	long n = sq_run_add_of(s, entity, id, &add) ? 1 : 0;
	sqlite3_stmt *st = sq_prepare(s, "SELECT count(*)"
				      " FROM events"
				      " WHERE entity = ? AND entity_id = ?");

	sqlite3_bind_text(st, 1, entity, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		n += (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

void vk_store_rewrite_event(struct vk_store *s, long long event_id, json_t *before, json_t *after)
{
	sqlite3_stmt *st;

	sq_flush_run(s);
	st = sq_prepare(s, "UPDATE events"
			" SET before = ?, after = ?"
			" WHERE id = ?");
	if (before && !json_is_null(before))
		sqlite3_bind_text(st, 1, vk_json_text(before), -1, free);
	else
		sqlite3_bind_null(st, 1);
	if (after && !json_is_null(after))
		sqlite3_bind_text(st, 2, vk_json_text(after), -1, free);
	else
		sqlite3_bind_null(st, 2);
	sqlite3_bind_int64(st, 3, event_id);
	if (sqlite3_step(st) != SQLITE_DONE) {
		sqlite3_finalize(st);
		sq_die(s, "rewriting the history");
	}
	sqlite3_finalize(st);
}

struct vk_cursor *vk_store_events_of(struct vk_store *s, const char *entity, const char *action)
{
	struct vk_cursor *c = vk_calloc(1, sizeof(*c));

	sq_flush_run(s);
	c->store = s;
	if (sqlite3_prepare_v2(s->db, "SELECT id, at, \"user\", entity, entity_id, action, before,"
			       " after"
			       " FROM events"
			       " WHERE entity = ? AND action = ?"
			       " ORDER BY id", -1, &c->stmt, NULL) != SQLITE_OK)
		sq_die(s, "preparing a query");
	sqlite3_bind_text(c->stmt, 1, entity, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(c->stmt, 2, action, -1, SQLITE_TRANSIENT);
	return c;
}

void vk_store_insert_event(struct vk_store *s, json_t *ev)
{
	json_t *before = json_object_get(ev, "before"), *after = json_object_get(ev, "after");

	sq_flush_run(s);
	s->event_ceiling_known = false;	/* its id may be above it */
	sq_insert_event_row(s, json_integer_value(json_object_get(ev, "id")),
			    json_string_value(json_object_get(ev, "at")),
			    json_string_value(json_object_get(ev, "user")),
			    json_string_value(json_object_get(ev, "entity")),
			    json_integer_value(json_object_get(ev, "entity_id")),
			    json_string_value(json_object_get(ev, "action")),
			    json_is_object(before) ? vk_json_text(before) : NULL,
			    json_is_object(after) ? vk_json_text(after) : NULL);
}

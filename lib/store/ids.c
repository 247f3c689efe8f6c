/*
 * ids.c: the ids given: each record type's ceiling, so that a new record
 * gets the next id and an import of new ids asks the database nothing;
 * ids never reused; the ids an import has seen.
 */
#include <stdio.h>
#include <stdlib.h>
#include "store-internal.h"
#include "strbuf.h"

/*
 * The ceiling is the highest id e ever gave, kept in meta as
 * last_id.TABLE (schema 5), or any higher one its table or history holds.
 */
long long sq_id_ceiling(struct vk_store *s, const struct vk_entity *e)
{
	int slot = sq_entity_slot(e);
	struct strbuf sql = STRBUF_INIT;
	sqlite3_stmt *st;

	if (sqlite3_get_autocommit(s->db))
		return -1;
	if (s->ceiling_known[slot])
		return s->ceiling[slot];
	sq_flush_run(s);
	strbuf_addf(&sql, "SELECT max(coalesce((SELECT max(id) FROM %s), 0),"
		    " coalesce((SELECT max(entity_id) FROM events"
		    " WHERE entity = ?1), 0),"
		    " coalesce((SELECT max(first_id + count - 1) FROM added_runs"
		    " WHERE entity = ?1), 0),"
		    " coalesce((SELECT CAST(value AS INTEGER) FROM meta"
		    " WHERE key = 'last_id.%s'), 0))", e->plural, e->plural);
	st = sq_prepare(s, sql.buf);
	strbuf_release(&sql);
	sqlite3_bind_text(st, 1, e->name, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW)
		sq_die(s, "looking up the ids");
	s->ceiling[slot] = sqlite3_column_int64(st, 0);
	s->ceiling_known[slot] = true;
	s->ceiling_raised[slot] = false;
	sqlite3_finalize(st);
	return s->ceiling[slot];
}

void sq_save_ceilings(struct vk_store *s)
{
	for (int i = 0; vk_entities[i]; i++) {
		const struct vk_entity *e = vk_entities[i];
		int slot = sq_entity_slot(e);
		char key[64];
		sqlite3_stmt *st;

		if (!s->ceiling_known[slot] || !s->ceiling_raised[slot])
			continue;
		if (!s->save_ceiling)
			s->save_ceiling = sq_prepare(s, "INSERT OR REPLACE INTO meta (key, value)"
						     " VALUES (?, ?)");
		st = s->save_ceiling;
		snprintf(key, sizeof(key), "last_id.%s", e->plural);
		sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 2, s->ceiling[slot]);
		sq_step_done(s, st, "keeping the highest id");
		s->ceiling_raised[slot] = false;
	}
}

bool vk_store_id_used(struct vk_store *s, const struct vk_entity *e, long long id)
{
	sqlite3_stmt *st;
	bool used;
	long long ceiling = sq_id_ceiling(s, e);

	if (ceiling >= 0 && id > ceiling)
		return false;
	if (vk_store_exists(s, e, id))
		return true;
	/* every record ever added has its "add" in the history, which outlives rm */
	sq_flush_run(s);
	if (!s->event_exists)
		s->event_exists = sq_prepare(s, "SELECT 1"
					     " FROM events"
					     " WHERE entity = ? AND entity_id = ?"
					     " LIMIT 1");
	st = s->event_exists;
	sqlite3_bind_text(st, 1, e->name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, id);
	used = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	if (!used) {
		struct sq_run_add add;
		used = sq_run_add_of(s, e->name, id, &add);
	}
	return used;
}

bool vk_store_may_exist(struct vk_store *s, const struct vk_entity *e, long long id)
{
	long long ceiling = sq_id_ceiling(s, e);

	return ceiling < 0 || id <= ceiling;
}

/*
 * Ids mostly come in increasing order (an export is sorted by id): those
 * are kept as runs of consecutive ids, at most MAX_SEEN_RUNS of them
 * (4 MiB); any other id goes to a temporary table, so that memory stays
 * flat however many rows an import has.
 */
#define MAX_SEEN_RUNS 262144

/* Whether id is in one of the runs of ids seen. */
static bool in_seen_runs(struct vk_store *s, long long id)
{
	size_t lo = 0, hi = s->nseen_runs;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (id < s->seen_runs[mid][0])
			hi = mid;
		else if (id > s->seen_runs[mid][1])
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

/* Notes id in the temporary table of ids seen; false when it was there already. */
static bool mark_seen_in_table(struct vk_store *s, long long id)
{
	int rc;

	if (!s->mark_seen) {
		sq_exec(s, "CREATE TEMP TABLE IF NOT EXISTS seen (id INTEGER PRIMARY KEY)",
			"starting an import");
		sq_exec(s, "DELETE FROM temp.seen", "starting an import");
		s->mark_seen = sq_prepare(s, "INSERT OR IGNORE INTO temp.seen (id)"
					  " VALUES (?)");
	}
	sqlite3_bind_int64(s->mark_seen, 1, id);
	rc = sqlite3_step(s->mark_seen);
	sqlite3_reset(s->mark_seen);
	if (rc != SQLITE_DONE)
		sq_die(s, "remembering an id");
	return sqlite3_changes(s->db) == 1;
}

bool vk_store_mark_seen(struct vk_store *s, long long id)
{
	size_t n = s->nseen_runs;

	if (!n || id > s->seen_runs[n - 1][1]) {
		if (n && id == s->seen_runs[n - 1][1] + 1) {
			s->seen_runs[n - 1][1] = id;
			return true;
		}
		if (n < MAX_SEEN_RUNS) {
			if (n == s->aseen_runs) {
				s->aseen_runs = s->aseen_runs ? s->aseen_runs * 2 : 64;
				s->seen_runs = vk_realloc(s->seen_runs,
							  s->aseen_runs * sizeof(*s->seen_runs));
			}
			s->seen_runs[n][0] = s->seen_runs[n][1] = id;
			s->nseen_runs++;
			return true;
		}
	} else if (in_seen_runs(s, id)) {
		return false;
	}
	return mark_seen_in_table(s, id);
}

void vk_store_forget_seen(struct vk_store *s)
{
	free(s->seen_runs);
	s->seen_runs = NULL;
	s->nseen_runs = s->aseen_runs = 0;
	if (!s->mark_seen)
		return;
	sqlite3_finalize(s->mark_seen);
	s->mark_seen = NULL;
}


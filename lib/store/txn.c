/*
 * txn.c: transactions. What a write transaction knows of the ids given
 * (ids.c) and holds of the history (the run of adds, history.c) lasts
 * until it ends.
 */
#include <string.h>
#include "store-internal.h"

/*
 * Forgets what s knew of the ids and the history: ids of other processes
 * may come between two transactions (see struct vk_store).
 */
static void forget_ceilings(struct vk_store *s)
{
	memset(s->ceiling_known, 0, sizeof(s->ceiling_known));
	s->event_ceiling_known = false;
	s->run.open = false;	/* written by the commit, or rolled back with the rest */
	s->serial++;	/* what was read before may have changed (vk_store_serial) */
}

unsigned long long vk_store_serial(struct vk_store *s, const struct vk_entity *e)
{
	/* outside a transaction another process may write at any time */
	if (sqlite3_get_autocommit(s->db))
		s->serial++;
	/* both only grow: their sum changes when either does; the high bits say which store */
	return (s->opened << 40) + ((s->serial + s->writes[sq_entity_slot(e)]) & ((1ULL << 40) - 1));
}

void vk_store_begin(struct vk_store *s)
{
	forget_ceilings(s);
	sq_exec(s, "BEGIN IMMEDIATE", "starting a transaction");
}

void vk_store_bulk(struct vk_store *s)
{
	/* 16 MiB of pages: an import's b-trees stay in memory while they grow */
	sq_exec(s, "PRAGMA cache_size = -16384", "configuring");
}

void vk_store_commit(struct vk_store *s)
{
	sq_flush_run(s);
	sq_save_ceilings(s);
	forget_ceilings(s);
	sq_exec(s, "COMMIT", "committing");
}

void vk_store_rollback(struct vk_store *s)
{
	forget_ceilings(s);
	if (!sqlite3_get_autocommit(s->db))
		sq_exec(s, "ROLLBACK", "rolling back");
}

void vk_store_begin_read(struct vk_store *s)
{
	s->serial++;
	sq_exec(s, "BEGIN", "starting a read");
}

void vk_store_end_read(struct vk_store *s)
{
	s->serial++;
	if (!sqlite3_get_autocommit(s->db))
		sq_exec(s, "COMMIT", "ending a read");
}


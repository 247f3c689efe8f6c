/* sql.c: running statements, and dying of the database's errors. */
#include "store-internal.h"

_Noreturn void sq_die(struct vk_store *s, const char *doing)
{
	int code = sqlite3_errcode(s->db);
	int exit_code = VK_EXIT_IOERR;

	if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
		vk_die(VK_EXIT_TEMPFAIL, "%s: %s: the database is locked by another process "
		       "(waited %d s; VK_LOCK_TIMEOUT sets how long)", s->path, doing, s->lock_timeout);
	if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
		exit_code = VK_EXIT_DATAERR;
	if (code == SQLITE_CANTOPEN || code == SQLITE_READONLY)
		exit_code = VK_EXIT_CANTCREAT;
	vk_die(exit_code, "%s: %s: %s", s->path, doing, sqlite3_errmsg(s->db));
}

void sq_exec(struct vk_store *s, const char *sql, const char *doing)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		sq_die(s, doing);
}

sqlite3_stmt *sq_prepare(struct vk_store *s, const char *sql)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
		sq_die(s, "preparing a statement");
	return st;
}

void sq_step_done(struct vk_store *s, sqlite3_stmt *st, const char *doing)
{
	int rc = sqlite3_step(st);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		sqlite3_reset(st);
		sq_die(s, doing);
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

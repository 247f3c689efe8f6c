/*
 * open.c: the store's connections: opening a file (to read, to write, as
 * a private copy), in memory or in a temporary file; configuring them;
 * closing them, also at exit; purging the file of erased data.
 */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "store-internal.h"
#include "strbuf.h"

/* Sets s->user: $USER, else the account's name, else its uid. */
static void set_user(struct vk_store *s)
{
	const char *u = getenv("USER");
	struct passwd *pw;

	if (!u || !*u) {
		/* cron gives no $USER: the account, by name when it has one */
		pw = getpwuid(getuid());
		if (!pw || !pw->pw_name || !*pw->pw_name) {
			snprintf(s->user, sizeof(s->user), "uid %lu", (unsigned long)getuid());
			return;
		}
		u = pw->pw_name;
	}
	snprintf(s->user, sizeof(s->user), "%s", u);
}

/*
 * Dies unless every record type has its slot in the arrays of struct
 * vk_store (SQ_MAX_ENTITIES of them).
 */
static void check_entities(void)
{
	size_t n = 0;

	while (vk_entities[n])
		n++;
	if (n > SQ_MAX_ENTITIES)
		vk_die(VK_EXIT_IOERR, "internal error: %zu record types, and the store has room "
		       "for %d (SQ_MAX_ENTITIES, lib/store/store-internal.h)", n, SQ_MAX_ENTITIES);
}

/* A new store for path (copied), with no connection yet; the caller opens s->db. */
static struct vk_store *store_new(const char *path)
{
	static bool configured;
	int timeout = sq_lock_timeout();	/* may refuse the environment: before allocating */
	struct vk_store *s;

	/* one thread: no mutexes, no memory statistics (before SQLite starts) */
	if (!configured) {
		check_entities();
		sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
		sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
		configured = true;
	}
	static unsigned long long opens;	/* (the programs open their stores on one thread) */

	s = vk_calloc(1, sizeof(*s));
	s->opened = ++opens;
	s->path = vk_strdup(path);
	for (int k = 0; k < VK_MAX_FIELDS; k++)
		strbuf_init(&s->bound_text[k], 0);
	s->lock_timeout = timeout;
	set_user(s);
	return s;
}

/* What every connection gets; it reads and writes nothing in the file. */
static void configure(struct vk_store *s)
{
	sq_register_text_functions(s);
	sqlite3_busy_timeout(s->db, s->lock_timeout * 1000);
	sqlite3_extended_result_codes(s->db, 0);
	sq_exec(s, "PRAGMA secure_delete = ON", "configuring");
}

/* Puts s's file in WAL mode, retrying while another process has it. */
static void turn_on_wal(struct vk_store *s)
{
	/*
	 * Switching a new file to WAL needs it to itself, and SQLite does
	 * not call the busy handler for that: when several processes create
	 * the store at once, retry until the timeout.
	 */
	struct timespec pause = { 0, 20 * 1000 * 1000 };
	long waited_ms = 0;

	for (;;) {
		sqlite3_stmt *st = sq_prepare(s, "PRAGMA journal_mode = WAL");
		int rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc == SQLITE_ROW)
			break;
		if (rc != SQLITE_BUSY || waited_ms >= s->lock_timeout * 1000L)
			sq_die(s, "turning on WAL");
		nanosleep(&pause, NULL);
		waited_ms += 20;
	}
}

/* The stores open in this process, closed at exit (after vk_die too). */
static struct vk_store *open_stores[4];

/* atexit: closes the stores still open, finalizing what a die left running. */
static void close_at_exit(void)
{
	for (size_t i = 0; i < 4; i++) {
		struct vk_store *s = open_stores[i];
		sqlite3_stmt *st;
		if (!s)
			continue;
		open_stores[i] = NULL;
		/* statements a die left running: finalize them so the close succeeds */
		while ((st = sqlite3_next_stmt(s->db, NULL)))
			sqlite3_finalize(st);
		memset(s->stmts, 0, sizeof(s->stmts));
		memset(s->link_insert, 0, sizeof(s->link_insert));
		memset(s->link_delete, 0, sizeof(s->link_delete));
		s->event_insert = NULL;
		s->event_exists = NULL;
		s->save_ceiling = NULL;
		s->mark_seen = NULL;
		sqlite3_close(s->db);
		free(s->seen_runs);
		free(s->path);
		free(s);
	}
}

/* Adds s to open_stores (when one of its places is free). */
static void remember(struct vk_store *s)
{
	static bool registered;

	if (!registered) {
		atexit(close_at_exit);
		registered = true;
	}
	for (size_t i = 0; i < 4; i++)
		if (!open_stores[i]) {
			open_stores[i] = s;
			return;
		}
}

/* Takes s out of open_stores. */
static void forget_store(struct vk_store *s)
{
	for (size_t i = 0; i < 4; i++)
		if (open_stores[i] == s)
			open_stores[i] = NULL;
}

static struct vk_store *upgraded_copy(struct vk_store *src);

struct vk_store *vk_store_open(const char *path, enum vk_store_access mode)
{
	struct stat st;
	bool created = false;
	struct vk_store *s;
	int flags = SQLITE_OPEN_READWRITE;
	int version, latest = vk_store_schema_version();
	bool wal = false;
	struct strbuf uri = STRBUF_INIT;

	path = vk_store_path(path);
	if (stat(path, &st) < 0) {
		if (errno != ENOENT)
			vk_die(VK_EXIT_NOINPUT, "%s: %s", path, strerror(errno));
		if (mode != VK_STORE_WRITE)
			vk_die(VK_EXIT_NOINPUT, "%s: no database here (give --db FILE or set VK_DB; "
			       "adding a record creates one)", path);
		/* create it ourselves so that it is 0600 from the start */
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0 && errno != EEXIST)
			vk_die(VK_EXIT_CANTCREAT, "%s: cannot create the database: %s", path,
			       strerror(errno));
		if (fd >= 0) {
			close(fd);
			created = true;
		}
		st.st_mode = S_IFREG | 0600;
	} else if (S_ISDIR(st.st_mode)) {
		vk_die(VK_EXIT_NOINPUT, "%s: is a directory, not a database", path);
	} else if (!S_ISREG(st.st_mode)) {
		/* a device or a pipe: SQLite would read /dev/null as an empty database */
		sq_not_a_store(path);
	} else {
		wal = sq_check_header(path);
	}
	if (mode == VK_STORE_READ) {
		sq_roll_back_cut_write(path);
		sq_read_only_uri(path, wal, &uri);
		flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
	} else if (!created) {
		sq_check_writable(path);
	}
	s = store_new(path);
	remember(s);
	s->writer = mode != VK_STORE_READ;
	if (sqlite3_open_v2(uri.len ? uri.buf : path, &s->db, flags, NULL) != SQLITE_OK)
		sq_die(s, "opening");
	strbuf_release(&uri);
	configure(s);
	/*
	 * Nothing is written before this: only a verb that adds records may
	 * make a store in an empty file, as in a missing one.
	 */
	version = sq_stored_schema(s);
	if (version == 0 && mode != VK_STORE_WRITE)
		sq_not_a_store(path);
	if (version > latest)
		vk_die(VK_EXIT_DATAERR, "%s: the database has schema version %d; this vk "
		       "knows up to %d: use a newer vk", path, version, latest);
	if (mode == VK_STORE_READ && version < latest) {
		vk_warn("%s: schema %d, read through an upgraded copy; the next change "
			"upgrades the store to schema %d", path, version, latest);
		return upgraded_copy(s);
	}
	if (st.st_mode & 077)
		vk_warn("%s: readable by others (mode %04o), yet it holds personal data: "
			"chmod 600 %s", path, (unsigned)(st.st_mode & 07777), path);
	/*
	 * A writer works in WAL mode, so that readers and other writers
	 * need not wait for it, and puts the store back in rollback mode
	 * when it closes (vk_store_close). A store this process creates
	 * stays in rollback mode: its first import writes each page once,
	 * not to the WAL and then again into the file. Whoever opens it
	 * meanwhile waits for the lock as for any writer.
	 */
	s->created = created;
	if (mode != VK_STORE_READ) {
		if (!created)
			turn_on_wal(s);
		version = sq_migrate(s);
		if (version == 0)
			vk_warn("created database %s", path);
		else if (version < latest)
			vk_warn("%s: upgraded the store from schema %d to %d", path, version,
				latest);
	}
	return s;
}

struct vk_store *vk_store_open_memory(void)
{
	struct vk_store *s = store_new(":memory:");

	if (sqlite3_open_v2(":memory:", &s->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		sq_die(s, "opening");
	configure(s);
	sq_migrate(s);
	return s;
}

struct vk_store *vk_store_open_temp(void)
{
	struct vk_store *s = store_new("(temporary store)");

	/* "" is SQLite's private temporary file, deleted when it closes */
	if (sqlite3_open_v2("", &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
		sq_die(s, "opening");
	configure(s);
	/* nothing to keep if the machine stops: no journal, no sync */
	sq_exec(s, "PRAGMA journal_mode = OFF", "configuring");
	sq_exec(s, "PRAGMA synchronous = OFF", "configuring");
	sq_exec(s, "PRAGMA secure_delete = OFF", "configuring");
	sq_migrate(s);
	return s;
}

/*
 * A private temporary store holding what src holds, at the current
 * schema; closes src. One read of src: a writer holding it meanwhile is
 * no wait.
 */
static struct vk_store *upgraded_copy(struct vk_store *src)
{
	struct vk_store *s = store_new(src->path);
	sqlite3_backup *b;
	int rc;

	remember(s);
	if (sqlite3_open_v2("", &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
		sq_die(s, "opening");
	configure(s);
	sq_exec(s, "PRAGMA journal_mode = OFF", "configuring");
	sq_exec(s, "PRAGMA synchronous = OFF", "configuring");
	b = sqlite3_backup_init(s->db, "main", src->db, "main");
	if (!b)
		sq_die(s, "copying the store");
	rc = sqlite3_backup_step(b, -1);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			vk_die(VK_EXIT_TEMPFAIL, "%s: the database is locked", src->path);
		sq_die(src, "reading the store");
	}
	vk_store_close(src);
	sq_exec(s, "PRAGMA secure_delete = OFF", "configuring");
	sq_migrate(s);
	s->copy = true;
	return s;
}

struct vk_store *vk_store_open_snapshot(const char *path)
{
	struct vk_store *src = vk_store_open(path, VK_STORE_READ);

	/* a store of an older schema comes as a copy already */
	return src->copy ? src : upgraded_copy(src);
}

void vk_store_close(struct vk_store *s)
{
	if (!s)
		return;
	forget_store(s);
	for (int i = 0; i < SQ_MAX_ENTITIES; i++) {
		for (int k = 0; k < SQ_KINDS; k++)
			sqlite3_finalize(s->stmts[i][k]);
		for (int k = 0; k < VK_MAX_FIELDS; k++) {
			sqlite3_finalize(s->link_insert[i][k]);
			sqlite3_finalize(s->link_delete[i][k]);
		}
	}
	for (int k = 0; k < VK_MAX_FIELDS; k++)
		strbuf_release(&s->bound_text[k]);
	sqlite3_finalize(s->event_insert);
	sqlite3_finalize(s->event_exists);
	sqlite3_finalize(s->added_unkept);
	sqlite3_finalize(s->added_keep);
	sqlite3_finalize(s->run_insert);
	sqlite3_finalize(s->run_covering);
	sqlite3_finalize(s->save_ceiling);
	sqlite3_finalize(s->mark_seen);
	free(s->seen_runs);
	if (s->writer) {
		/*
		 * At rest a store is in rollback-journal mode, with no -wal or
		 * -shm: then anyone who may read the file can read it read-only
		 * (a WAL store needs its -shm, which a reader must not create).
		 * One try: when another process has the store open the switch
		 * fails, and the last writer to close makes it.
		 */
		sqlite3_busy_timeout(s->db, 0);
		sqlite3_exec(s->db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
	}
	if (sqlite3_close(s->db) != SQLITE_OK)
		sq_die(s, "closing");
	free(s->path);
	free(s);
}

void vk_store_purge_journal(struct vk_store *s)
{
	int log = 0, done = 0;
	int rc;

	/*
	 * SQLite zeroes what it deletes (secure_delete), but a page rebuilt
	 * when rows move between pages keeps old copies of them in its unused
	 * space, and such a copy may be the last of an erased value. VACUUM
	 * writes every page anew.
	 */
	rc = sqlite3_exec(s->db, "VACUUM", NULL, NULL, NULL);
	if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		vk_die(VK_EXIT_TEMPFAIL, "%s: another process is using the database; the erased data "
		       "is out of its records but may stay in unused space of the file until a forget "
		       "runs alone (run the forget again)", s->path);
	if (rc != SQLITE_OK)
		sq_die(s, "rewriting the database file");
	rc = sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, &log, &done);

	if (rc == SQLITE_BUSY)
		vk_die(VK_EXIT_TEMPFAIL, "%s: another process is reading; the erased data is out of "
		       "the database but may stay in its WAL until the next checkpoint", s->path);
	if (rc != SQLITE_OK)
		sq_die(s, "emptying the WAL");
}

/* store.c: see store.h. The only file with SQL in it. */
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <sqlite3.h>
#include "error.h"
#include "json.h"
#include "text.h"
#include "store.h"
#include "store_internal.h"
#include "strbuf.h"
#include "utf8.h"

#define SCHEMA_VERSION 7

/*
 * Migrations: migrations[i] brings a store from user_version i to i + 1.
 * A record's own column keeps each list (and a headcount) as JSON text.
 * Lists of references and headcounts also have a side table of their
 * items, so that finding who refers to a record and counting people are
 * plain indexed SQL; a list of words is searched in its column with
 * json_each (schema 4: the side tables cost an import a b-tree write per
 * item, for filters that scan the table anyway).
 */
static const char *const migrations[] = {
	/*
	 * 0 -> 1: the record types of SPEC. (Before schema 5 its ids were
	 * AUTOINCREMENT; a store at version 0 holds nothing, so a new one is
	 * made without, and 4 -> 5 rebuilds only the tables made with it.)
	 */
	"CREATE TABLE stakeholders ("
	" id INTEGER PRIMARY KEY,"
	" name TEXT NOT NULL, \"group\" TEXT, organisation TEXT, town TEXT,"
	" email TEXT, phone TEXT, roles TEXT, allocation INTEGER,"
	" influence TEXT, interest TEXT, tags TEXT, notes TEXT,"
	" created TEXT NOT NULL, updated TEXT NOT NULL);"
	"CREATE INDEX stakeholders_group_town ON stakeholders(\"group\", town);"
	"CREATE INDEX stakeholders_town ON stakeholders(town);"
	"CREATE TABLE stakeholder_roles (owner_id INTEGER NOT NULL, value TEXT NOT NULL);"
	"CREATE INDEX stakeholder_roles_owner ON stakeholder_roles(owner_id);"
	"CREATE INDEX stakeholder_roles_value ON stakeholder_roles(value);"
	"CREATE TABLE stakeholder_tags (owner_id INTEGER NOT NULL, value TEXT NOT NULL);"
	"CREATE INDEX stakeholder_tags_owner ON stakeholder_tags(owner_id);"
	"CREATE INDEX stakeholder_tags_value ON stakeholder_tags(value);"

	"CREATE TABLE engagements ("
	" id INTEGER PRIMARY KEY,"
	" date TEXT NOT NULL, kind TEXT NOT NULL, title TEXT NOT NULL, town TEXT,"
	" participants TEXT, headcount TEXT, themes TEXT, notes TEXT);"
	"CREATE INDEX engagements_date ON engagements(date);"
	"CREATE TABLE engagement_participants (owner_id INTEGER NOT NULL, value INTEGER NOT NULL);"
	"CREATE INDEX engagement_participants_owner ON engagement_participants(owner_id);"
	"CREATE INDEX engagement_participants_value ON engagement_participants(value);"
	"CREATE TABLE engagement_headcount (owner_id INTEGER NOT NULL, value TEXT NOT NULL,"
	" n INTEGER NOT NULL);"
	"CREATE INDEX engagement_headcount_owner ON engagement_headcount(owner_id);"
	"CREATE TABLE engagement_themes (owner_id INTEGER NOT NULL, value TEXT NOT NULL);"
	"CREATE INDEX engagement_themes_owner ON engagement_themes(owner_id);"
	"CREATE INDEX engagement_themes_value ON engagement_themes(value);"

	"CREATE TABLE inputs ("
	" id INTEGER PRIMARY KEY,"
	" engagement INTEGER NOT NULL, stakeholder INTEGER, source TEXT,"
	" text TEXT NOT NULL, themes TEXT);"
	"CREATE INDEX inputs_engagement ON inputs(engagement);"
	"CREATE INDEX inputs_stakeholder ON inputs(stakeholder);"
	"CREATE TABLE input_themes (owner_id INTEGER NOT NULL, value TEXT NOT NULL);"
	"CREATE INDEX input_themes_owner ON input_themes(owner_id);"
	"CREATE INDEX input_themes_value ON input_themes(value);"

	"CREATE TABLE milestones ("
	" id INTEGER PRIMARY KEY,"
	" title TEXT NOT NULL, kind TEXT, start TEXT, due TEXT NOT NULL, baseline TEXT,"
	" status TEXT, done TEXT, owner INTEGER, place TEXT, deliverables TEXT,"
	" depends TEXT, notes TEXT);"
	"CREATE INDEX milestones_due ON milestones(due);"
	"CREATE INDEX milestones_owner ON milestones(owner);"
	"CREATE TABLE milestone_depends (owner_id INTEGER NOT NULL, value INTEGER NOT NULL);"
	"CREATE INDEX milestone_depends_owner ON milestone_depends(owner_id);"
	"CREATE INDEX milestone_depends_value ON milestone_depends(value);"

	"CREATE TABLE trials ("
	" id INTEGER PRIMARY KEY,"
	" title TEXT NOT NULL, description TEXT, status TEXT, owner INTEGER,"
	" unit TEXT, department TEXT, round INTEGER, track TEXT, themes TEXT,"
	" start TEXT, \"end\" TEXT, participants TEXT, outcome TEXT, milestone INTEGER);"
	"CREATE INDEX trials_status ON trials(status);"
	"CREATE INDEX trials_owner ON trials(owner);"
	"CREATE INDEX trials_milestone ON trials(milestone);"
	"CREATE TABLE trial_themes (owner_id INTEGER NOT NULL, value TEXT NOT NULL);"
	"CREATE INDEX trial_themes_owner ON trial_themes(owner_id);"
	"CREATE INDEX trial_themes_value ON trial_themes(value);"
	"CREATE TABLE trial_participants (owner_id INTEGER NOT NULL, value INTEGER NOT NULL);"
	"CREATE INDEX trial_participants_owner ON trial_participants(owner_id);"
	"CREATE INDEX trial_participants_value ON trial_participants(value);"

	"CREATE TABLE learnings ("
	" id INTEGER PRIMARY KEY,"
	" trial INTEGER NOT NULL, date TEXT NOT NULL, author INTEGER, text TEXT NOT NULL);"
	"CREATE INDEX learnings_trial ON learnings(trial);"
	"CREATE INDEX learnings_author ON learnings(author);"
	"CREATE INDEX learnings_date ON learnings(date);"

	"CREATE TABLE events ("
	" id INTEGER PRIMARY KEY,"
	" at TEXT NOT NULL, \"user\" TEXT NOT NULL, entity TEXT NOT NULL,"
	" entity_id INTEGER NOT NULL, action TEXT NOT NULL, before TEXT, after TEXT);"
	"CREATE INDEX events_entity ON events(entity, entity_id);"
	"CREATE INDEX events_at ON events(at);",

	/* 1 -> 2: facts about the store itself (its id: calendar UIDs) */
	"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);",
	/*
	 * 2 -> 3: fewer b-trees to write per record (an import writes each
	 * one once a row): a list's items are kept by their owner in one
	 * clustered table; only lists of references keep an index by value
	 * (to find who refers to a record); no index nobody reads.
	 */
	"DROP INDEX stakeholders_group_town;"
	"DROP INDEX events_at;"
	"CREATE TABLE stakeholder_roles_v3 (owner_id INTEGER NOT NULL, value TEXT NOT NULL, PRIMARY KEY (owner_id, value)) WITHOUT ROWID;"
	"INSERT OR IGNORE INTO stakeholder_roles_v3 SELECT owner_id, value FROM stakeholder_roles;"
	"DROP TABLE stakeholder_roles;"
	"ALTER TABLE stakeholder_roles_v3 RENAME TO stakeholder_roles;"
	"CREATE TABLE stakeholder_tags_v3 (owner_id INTEGER NOT NULL, value TEXT NOT NULL, PRIMARY KEY (owner_id, value)) WITHOUT ROWID;"
	"INSERT OR IGNORE INTO stakeholder_tags_v3 SELECT owner_id, value FROM stakeholder_tags;"
	"DROP TABLE stakeholder_tags;"
	"ALTER TABLE stakeholder_tags_v3 RENAME TO stakeholder_tags;"
	"CREATE TABLE engagement_participants_v3 (owner_id INTEGER NOT NULL, value INTEGER NOT NULL, PRIMARY KEY (owner_id, value)) WITHOUT ROWID;"
	"INSERT OR IGNORE INTO engagement_participants_v3 SELECT owner_id, value FROM engagement_participants;"
	"DROP TABLE engagement_participants;"
	"ALTER TABLE engagement_participants_v3 RENAME TO engagement_participants;"
	"CREATE INDEX engagement_participants_value ON engagement_participants(value);"
	"CREATE TABLE engagement_headcount_v3 (owner_id INTEGER NOT NULL, value TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (owner_id, value)) WITHOUT ROWID;"
	"INSERT OR IGNORE INTO engagement_headcount_v3 SELECT owner_id, value, n FROM engagement_headcount;"
	"DROP TABLE engagement_headcount;"
	"ALTER TABLE engagement_headcount_v3 RENAME TO engagement_headcount;"
	"CREATE TABLE engagement_themes_v3 (owner_id INTEGER NOT NULL, value TEXT NOT NULL, PRIMARY KEY (owner_id, value)) WITHOUT ROWID;"
	"INSERT OR IGNORE INTO engagement_themes_v3 SELECT owner_id, value FROM engagement_themes;"
	"DROP TABLE engagement_themes;"
	"ALTER TABLE engagement_themes_v3 RENAME TO engagement_themes;"
	"CREATE TABLE input_themes_v3 (owner_id INTEGER NOT NULL, value TEXT NOT NULL, PRIMARY KEY (owner_id, value)) WITHOUT ROWID;"
	"INSERT OR IGNORE INTO input_themes_v3 SELECT owner_id, value FROM input_themes;"
	"DROP TABLE input_themes;"
	"ALTER TABLE input_themes_v3 RENAME TO input_themes;"
	"CREATE TABLE milestone_depends_v3 (owner_id INTEGER NOT NULL, value INTEGER NOT NULL, PRIMARY KEY (owner_id, value)) WITHOUT ROWID;"
	"INSERT OR IGNORE INTO milestone_depends_v3 SELECT owner_id, value FROM milestone_depends;"
	"DROP TABLE milestone_depends;"
	"ALTER TABLE milestone_depends_v3 RENAME TO milestone_depends;"
	"CREATE INDEX milestone_depends_value ON milestone_depends(value);"
	"CREATE TABLE trial_themes_v3 (owner_id INTEGER NOT NULL, value TEXT NOT NULL, PRIMARY KEY (owner_id, value)) WITHOUT ROWID;"
	"INSERT OR IGNORE INTO trial_themes_v3 SELECT owner_id, value FROM trial_themes;"
	"DROP TABLE trial_themes;"
	"ALTER TABLE trial_themes_v3 RENAME TO trial_themes;"
	"CREATE TABLE trial_participants_v3 (owner_id INTEGER NOT NULL, value INTEGER NOT NULL, PRIMARY KEY (owner_id, value)) WITHOUT ROWID;"
	"INSERT OR IGNORE INTO trial_participants_v3 SELECT owner_id, value FROM trial_participants;"
	"DROP TABLE trial_participants;"
	"ALTER TABLE trial_participants_v3 RENAME TO trial_participants;"
	"CREATE INDEX trial_participants_value ON trial_participants(value);",
	/* 3 -> 4: lists of words are read from the record's own column */
	"DROP TABLE stakeholder_roles;"
	"DROP TABLE stakeholder_tags;"
	"DROP TABLE engagement_themes;"
	"DROP TABLE input_themes;"
	"DROP TABLE trial_themes;",
	/*
	 * 4 -> 5: no AUTOINCREMENT. It wrote its counter (sqlite_sequence)
	 * once a row; the highest id each type ever gave is now kept in meta
	 * as last_id.TABLE, written once a transaction (see id_ceiling()).
	 * Events are never deleted, so theirs is the largest one there.
	 */
	"INSERT OR REPLACE INTO meta (key, value) SELECT 'last_id.' || name, seq FROM sqlite_sequence"
	" WHERE name IN ('stakeholders', 'engagements', 'inputs', 'milestones', 'trials', 'learnings');"
	"CREATE TABLE stakeholders_v5 (id INTEGER PRIMARY KEY, name TEXT NOT NULL, \"group\" TEXT, organisation TEXT, town TEXT, email TEXT, phone TEXT, roles TEXT, allocation INTEGER, influence TEXT, interest TEXT, tags TEXT, notes TEXT, created TEXT NOT NULL, updated TEXT NOT NULL);"
	"INSERT INTO stakeholders_v5 SELECT * FROM stakeholders;"
	"DROP TABLE stakeholders;"
	"ALTER TABLE stakeholders_v5 RENAME TO stakeholders;"
	"CREATE INDEX stakeholders_town ON stakeholders(town);"
	"CREATE TABLE engagements_v5 (id INTEGER PRIMARY KEY, date TEXT NOT NULL, kind TEXT NOT NULL, title TEXT NOT NULL, town TEXT, participants TEXT, headcount TEXT, themes TEXT, notes TEXT);"
	"INSERT INTO engagements_v5 SELECT * FROM engagements;"
	"DROP TABLE engagements;"
	"ALTER TABLE engagements_v5 RENAME TO engagements;"
	"CREATE INDEX engagements_date ON engagements(date);"
	"CREATE TABLE inputs_v5 (id INTEGER PRIMARY KEY, engagement INTEGER NOT NULL, stakeholder INTEGER, source TEXT, text TEXT NOT NULL, themes TEXT);"
	"INSERT INTO inputs_v5 SELECT * FROM inputs;"
	"DROP TABLE inputs;"
	"ALTER TABLE inputs_v5 RENAME TO inputs;"
	"CREATE INDEX inputs_engagement ON inputs(engagement);"
	"CREATE INDEX inputs_stakeholder ON inputs(stakeholder);"
	"CREATE TABLE milestones_v5 (id INTEGER PRIMARY KEY, title TEXT NOT NULL, kind TEXT, start TEXT, due TEXT NOT NULL, baseline TEXT, status TEXT, done TEXT, owner INTEGER, place TEXT, deliverables TEXT, depends TEXT, notes TEXT);"
	"INSERT INTO milestones_v5 SELECT * FROM milestones;"
	"DROP TABLE milestones;"
	"ALTER TABLE milestones_v5 RENAME TO milestones;"
	"CREATE INDEX milestones_due ON milestones(due);"
	"CREATE INDEX milestones_owner ON milestones(owner);"
	"CREATE TABLE trials_v5 (id INTEGER PRIMARY KEY, title TEXT NOT NULL, description TEXT, status TEXT, owner INTEGER, unit TEXT, department TEXT, round INTEGER, track TEXT, themes TEXT, start TEXT, \"end\" TEXT, participants TEXT, outcome TEXT, milestone INTEGER);"
	"INSERT INTO trials_v5 SELECT * FROM trials;"
	"DROP TABLE trials;"
	"ALTER TABLE trials_v5 RENAME TO trials;"
	"CREATE INDEX trials_status ON trials(status);"
	"CREATE INDEX trials_owner ON trials(owner);"
	"CREATE INDEX trials_milestone ON trials(milestone);"
	"CREATE TABLE learnings_v5 (id INTEGER PRIMARY KEY, trial INTEGER NOT NULL, date TEXT NOT NULL, author INTEGER, text TEXT NOT NULL);"
	"INSERT INTO learnings_v5 SELECT * FROM learnings;"
	"DROP TABLE learnings;"
	"ALTER TABLE learnings_v5 RENAME TO learnings;"
	"CREATE INDEX learnings_trial ON learnings(trial);"
	"CREATE INDEX learnings_author ON learnings(author);"
	"CREATE INDEX learnings_date ON learnings(date);"
	"CREATE TABLE events_v5 (id INTEGER PRIMARY KEY, at TEXT NOT NULL, \"user\" TEXT NOT NULL, entity TEXT NOT NULL, entity_id INTEGER NOT NULL, action TEXT NOT NULL, before TEXT, after TEXT);"
	"INSERT INTO events_v5 SELECT * FROM events;"
	"DROP TABLE events;"
	"ALTER TABLE events_v5 RENAME TO events;"
	"CREATE INDEX events_entity ON events(entity, entity_id);",
	/*
	 * 5 -> 6: an "add" event may have no after: the record as added is
	 * then the record itself, until its first change (keep_added). No
	 * table changes; the version keeps an older vk from reading such an
	 * event as an add of nothing.
	 */
	"SELECT 1",
	/*
	 * 6 -> 7: the "add" events of consecutive ids added in the same
	 * second by one transaction are kept as one run: event ids
	 * first_event.. for records first_id.. (add_to_run). An import of a
	 * million rows then writes a few hundred rows of history, not a
	 * million. Reading, a run is an add event a record (vk_store_events).
	 */
	"CREATE TABLE added_runs (first_event INTEGER PRIMARY KEY, entity TEXT NOT NULL,"
	" first_id INTEGER NOT NULL, count INTEGER NOT NULL, at TEXT NOT NULL, \"user\" TEXT NOT NULL);"
	"CREATE INDEX added_runs_entity ON added_runs(entity, first_id);",
};

int vk_store_schema_version(void)
{
	return SCHEMA_VERSION;
}

/* ---- failure ---- */

_Noreturn void db_die(struct vk_store *s, const char *doing)
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

void exec(struct vk_store *s, const char *sql, const char *doing)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		db_die(s, doing);
}

sqlite3_stmt *prepare(struct vk_store *s, const char *sql)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
		db_die(s, "preparing a statement");
	return st;
}

/* Runs a statement that returns no row, then resets it. */
void step_done(struct vk_store *s, sqlite3_stmt *st, const char *doing)
{
	int rc = sqlite3_step(st);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		sqlite3_reset(st);
		db_die(s, doing);
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

/* ---- opening ---- */

const char *vk_store_path(const char *path)
{
	const char *env;

	if (path && *path)
		return path;
	env = getenv("VK_DB");
	if (env && *env)
		return env;
	return "vk.db";
}

bool vk_store_absent(const char *path)
{
	struct stat st;

	path = vk_store_path(path);
	if (stat(path, &st) < 0)
		return errno == ENOENT;
	return S_ISREG(st.st_mode) && st.st_size == 0;
}

static int lock_timeout(void)
{
	const char *v = getenv("VK_LOCK_TIMEOUT");
	char *end;
	long n;

	if (!v || !*v)
		return 10;
	errno = 0;
	n = strtol(v, &end, 10);
	if (errno || *end || n < 0 || n > 86400) {
		struct strbuf q = STRBUF_INIT;
		utf8_addquoted(&q, v);
		vk_die(VK_EXIT_USAGE, "VK_LOCK_TIMEOUT: %s is not a number of seconds (0-86400)", q.buf);
	}
	return (int)n;
}

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

static int entity_slot(const struct vk_entity *e)
{
	for (int i = 0; vk_entities[i]; i++)
		if (vk_entities[i] == e)
			return i;
	vk_die(VK_EXIT_IOERR, "internal error: unknown record type %s", e->name);
}

/* Gives the store a random id once (in the migration's transaction). */
static void set_store_id(struct vk_store *s)
{
	unsigned char bytes[16];
	char hex[33];
	sqlite3_stmt *st;
	FILE *rnd = fopen("/dev/urandom", "rb");

	if (!rnd || fread(bytes, 1, sizeof(bytes), rnd) != sizeof(bytes))
		vk_die(VK_EXIT_IOERR, "/dev/urandom: cannot read");
	fclose(rnd);
	for (size_t i = 0; i < sizeof(bytes); i++)
		snprintf(hex + 2 * i, 3, "%02x", bytes[i]);
	st = prepare(s, "INSERT INTO meta (key, value) VALUES ('id', ?) ON CONFLICT (key) DO NOTHING");
	sqlite3_bind_text(st, 1, hex, -1, SQLITE_TRANSIENT);
	step_done(s, st, "naming the store");
	sqlite3_finalize(st);
}

const char *vk_store_id(struct vk_store *s)
{
	sqlite3_stmt *st;

	if (s->id[0])
		return s->id;
	st = prepare(s, "SELECT value FROM meta WHERE key = 'id'");
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(s->id, sizeof(s->id), "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return s->id;
}

/* Whether a table has AUTOINCREMENT ids (made by vk before schema 5). */
static bool has_autoincrement(struct vk_store *s)
{
	sqlite3_stmt *st = prepare(s, "SELECT 1 FROM sqlite_master WHERE type = 'table'"
				   " AND sql LIKE '%AUTOINCREMENT%'");
	int rc = sqlite3_step(st);

	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		db_die(s, "reading the schema");
	return rc == SQLITE_ROW;
}

/*
 * Brings the store to the current schema; returns the version it found
 * (under the write lock when it upgraded): 0 when it made the store.
 */
static int migrate(struct vk_store *s)
{
	sqlite3_stmt *st = prepare(s, "PRAGMA user_version");
	int version, found;
	int latest = (int)(sizeof(migrations) / sizeof(migrations[0]));

	if (sqlite3_step(st) != SQLITE_ROW)
		db_die(s, "reading the schema version");
	version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (version == latest)
		return latest;
	if (version > latest)
		vk_die(VK_EXIT_DATAERR, "%s: the database has schema version %d; this vk knows "
		       "up to %d: use a newer vk", s->path, version, latest);
	vk_store_begin(s);
	/* another process may have migrated while we waited for the lock */
	st = prepare(s, "PRAGMA user_version");
	if (sqlite3_step(st) != SQLITE_ROW)
		db_die(s, "reading the schema version");
	version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	found = version;
	for (; version < latest; version++) {
		char pragma[64];
		if (version != 4 || has_autoincrement(s))
			exec(s, migrations[version], "upgrading the schema");
		snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", version + 1);
		exec(s, pragma, "upgrading the schema");
	}
	set_store_id(s);
	vk_store_commit(s);
	return found;
}

static struct vk_store *store_new(const char *path)
{
	static bool configured;
	int timeout = lock_timeout();	/* may refuse the environment: before allocating */
	struct vk_store *s = vk_calloc(1, sizeof(*s));

	/* one thread: no mutexes, no memory statistics (before SQLite starts) */
	if (!configured) {
		sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
		sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
		configured = true;
	}

	s->path = vk_strdup(path);
	for (int k = 0; k < VK_MAX_FIELDS; k++)
		strbuf_init(&s->bound_text[k], 0);
	s->lock_timeout = timeout;
	set_user(s);
	return s;
}

static void register_text_functions(struct vk_store *s);

/* What every connection gets; it reads and writes nothing in the file. */
static void configure(struct vk_store *s)
{
	register_text_functions(s);
	sqlite3_busy_timeout(s->db, s->lock_timeout * 1000);
	sqlite3_extended_result_codes(s->db, 0);
	exec(s, "PRAGMA secure_delete = ON", "configuring");
}

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
		sqlite3_stmt *st = prepare(s, "PRAGMA journal_mode = WAL");
		int rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc == SQLITE_ROW)
			break;
		if (rc != SQLITE_BUSY || waited_ms >= s->lock_timeout * 1000L)
			db_die(s, "turning on WAL");
		nanosleep(&pause, NULL);
		waited_ms += 20;
	}
}

_Noreturn static void not_a_store(const char *path)
{
	vk_die(VK_EXIT_DATAERR, "%s: not a vk database", path);
}

/*
 * Refuses a file that is not empty yet does not begin as every SQLite
 * database does (SQLite itself takes a file of one byte for an empty
 * database, and would write over it).
 */
/*
 * Reads the file's first 100 bytes, refusing what is no SQLite database;
 * returns true when its header says WAL mode (bytes 18 and 19: 2).
 */
static bool check_header(const char *path)
{
	static const char magic[16] = "SQLite format 3";
	unsigned char head[100];
	ssize_t n;
	size_t got = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		vk_die(VK_EXIT_NOINPUT, "%s: %s", path, strerror(errno));
	while (got < sizeof(head) && (n = read(fd, head + got, sizeof(head) - got)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;
			close(fd);
			vk_die(e == EISDIR ? VK_EXIT_NOINPUT : VK_EXIT_IOERR, "%s: %s", path,
			       strerror(e));
		}
		got += (size_t)n;
	}
	close(fd);
	if (got > 0 && (got < sizeof(head) || memcmp(head, magic, sizeof(magic))))
		not_a_store(path);
	return got > 0 && head[18] == 2 && head[19] == 2;
}

/* True when path plus suffix ("-wal") names a file that exists. */
static bool beside_exists(const char *path, const char *suffix)
{
	struct strbuf name = STRBUF_INIT;
	struct stat st;
	bool found;

	strbuf_addf(&name, "%s%s", path, suffix);
	found = stat(name.buf, &st) == 0;
	strbuf_release(&name);
	return found;
}

/* The directory path is in ("." for a bare name), in dir. */
static void directory_of(const char *path, struct strbuf *dir)
{
	const char *slash = strrchr(path, '/');

	strbuf_reset(dir);
	if (!slash)
		strbuf_addch(dir, '.');
	else if (slash == path)
		strbuf_addch(dir, '/');
	else
		strbuf_add(dir, path, (size_t)(slash - path));
}

/*
 * A writer needs to write the file and, for its journal (-journal, -wal,
 * -shm), the directory: refuses (73) with the system's reason when it
 * may not, before SQLite would open the file read-only behind its back.
 */
static void check_writable(const char *path)
{
	struct strbuf dir = STRBUF_INIT;

	if (access(path, W_OK) < 0)
		vk_die(VK_EXIT_CANTCREAT, "%s: cannot write the store: %s", path, strerror(errno));
	directory_of(path, &dir);
	if (access(dir.buf, W_OK | X_OK) < 0)
		vk_die(VK_EXIT_CANTCREAT, "%s: cannot write in %s, where the store keeps its "
		       "journal while it changes: %s", path, dir.buf, strerror(errno));
	strbuf_release(&dir);
}

/*
 * The URI that opens path read-only. A store in WAL mode without a -wal
 * file beside it was closed cleanly by its last writer but left in WAL
 * mode (by a vk before stores went back to rollback mode on close): SQLite
 * would create -wal and -shm to read it, which a reader must not (and
 * cannot where it may not write the directory). Then its file holds every
 * commit, and it is read as immutable.
 */
static void read_only_uri(const char *path, bool wal, struct strbuf *uri)
{
	static const char hex[] = "0123456789ABCDEF";

	strbuf_addstr(uri, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#' || *p <= ' ' || *p >= 0x7f) {
			strbuf_addch(uri, '%');
			strbuf_addch(uri, hex[*p >> 4]);
			strbuf_addch(uri, hex[*p & 15]);
		} else {
			strbuf_addch(uri, (char)*p);
		}
	}
	strbuf_addstr(uri, "?mode=ro");
	if (wal && !beside_exists(path, "-wal"))
		strbuf_addstr(uri, "&immutable=1");
}

/*
 * A write that was cut off (a killed process) leaves a hot journal that
 * a read-only connection cannot roll back. Rolling it back restores what
 * the store held before that write, which is no change of its data:
 * done here by a read-write connection when this process may write,
 * before the read-only one opens. Otherwise the reader says who can.
 */
static void roll_back_cut_write(const char *path)
{
	struct strbuf journal = STRBUF_INIT;
	struct stat st;
	sqlite3 *db = NULL;

	strbuf_addf(&journal, "%s-journal", path);
	if (stat(journal.buf, &st) < 0 || st.st_size == 0) {
		strbuf_release(&journal);
		return;
	}
	if (access(path, W_OK) < 0)
		vk_die(VK_EXIT_CANTCREAT, "%s: a write to it was cut off and its journal (%s) must "
		       "be rolled back by one who may write the store: run a vk command that "
		       "changes it, as its owner", path, journal.buf);
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK) {
		sqlite3_busy_timeout(db, lock_timeout() * 1000);
		sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
	}
	sqlite3_close(db);
	strbuf_release(&journal);
}

/*
 * The schema version of the vk store the file holds, read before
 * anything is written to it: 0 when it holds nothing yet (an empty file,
 * or an SQLite database without a table), where a store can be made.
 * Anything else that is not a vk store (another program's database, a
 * file that is no SQLite database) is refused. Every vk schema has had
 * these tables.
 */
static int stored_schema(struct vk_store *s)
{
	static const char sql[] =
		"SELECT (SELECT user_version FROM pragma_user_version), count(*),"
		" coalesce(sum(type = 'table' AND name IN ('stakeholders', 'engagements', 'inputs',"
		" 'milestones', 'trials', 'learnings', 'events')), 0) FROM sqlite_master";
	sqlite3_stmt *st;
	int rc, version, objects, vk_tables;

	/* the schema is read at prepare: a file that is no database fails there */
	rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			sqlite3_finalize(st);
	}
	if (rc == SQLITE_NOTADB)
		not_a_store(s->path);
	if (rc != SQLITE_ROW)
		db_die(s, "reading the schema");
	version = sqlite3_column_int(st, 0);
	objects = sqlite3_column_int(st, 1);
	vk_tables = sqlite3_column_int(st, 2);
	sqlite3_finalize(st);
	if (version == 0 && objects == 0)
		return 0;
	if (version < 1 || vk_tables != 7)
		not_a_store(s->path);
	return version;
}

/* The stores open in this process, closed at exit (after vk_die too). */
static struct vk_store *open_stores[4];

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
	int version;
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
		not_a_store(path);
	} else {
		wal = check_header(path);
	}
	if (mode == VK_STORE_READ) {
		roll_back_cut_write(path);
		read_only_uri(path, wal, &uri);
		flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
	} else if (!created) {
		check_writable(path);
	}
	s = store_new(path);
	remember(s);
	s->writer = mode != VK_STORE_READ;
	if (sqlite3_open_v2(uri.len ? uri.buf : path, &s->db, flags, NULL) != SQLITE_OK)
		db_die(s, "opening");
	strbuf_release(&uri);
	configure(s);
	/*
	 * Nothing is written before this: only a verb that adds records may
	 * make a store in an empty file, as in a missing one.
	 */
	version = stored_schema(s);
	if (version == 0 && mode != VK_STORE_WRITE)
		not_a_store(path);
	if (version > SCHEMA_VERSION)
		vk_die(VK_EXIT_DATAERR, "%s: the database has schema version %d; this vk "
		       "knows up to %d: use a newer vk", path, version, SCHEMA_VERSION);
	if (mode == VK_STORE_READ && version < SCHEMA_VERSION) {
		vk_warn("%s: schema %d, read through an upgraded copy; the next change "
			"upgrades the store to schema %d", path, version, SCHEMA_VERSION);
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
		version = migrate(s);
		if (version == 0)
			vk_warn("created database %s", path);
		else if (version < SCHEMA_VERSION)
			vk_warn("%s: upgraded the store from schema %d to %d", path, version,
				SCHEMA_VERSION);
	}
	return s;
}

struct vk_store *vk_store_open_memory(void)
{
	struct vk_store *s = store_new(":memory:");

	if (sqlite3_open_v2(":memory:", &s->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		db_die(s, "opening");
	configure(s);
	migrate(s);
	return s;
}

struct vk_store *vk_store_open_temp(void)
{
	struct vk_store *s = store_new("(temporary store)");

	/* "" is SQLite's private temporary file, deleted when it closes */
	if (sqlite3_open_v2("", &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
		db_die(s, "opening");
	configure(s);
	/* nothing to keep if the machine stops: no journal, no sync */
	exec(s, "PRAGMA journal_mode = OFF", "configuring");
	exec(s, "PRAGMA synchronous = OFF", "configuring");
	exec(s, "PRAGMA secure_delete = OFF", "configuring");
	migrate(s);
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
		db_die(s, "opening");
	configure(s);
	exec(s, "PRAGMA journal_mode = OFF", "configuring");
	exec(s, "PRAGMA synchronous = OFF", "configuring");
	b = sqlite3_backup_init(s->db, "main", src->db, "main");
	if (!b)
		db_die(s, "copying the store");
	rc = sqlite3_backup_step(b, -1);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			vk_die(VK_EXIT_TEMPFAIL, "%s: the database is locked", src->path);
		db_die(src, "reading the store");
	}
	vk_store_close(src);
	exec(s, "PRAGMA secure_delete = OFF", "configuring");
	migrate(s);
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
	for (int i = 0; i < MAX_ENTITIES; i++) {
		for (int k = 0; k < ST_KINDS; k++)
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
		db_die(s, "closing");
	free(s->path);
	free(s);
}

/* ---- transactions ---- */

static void save_ceilings(struct vk_store *s);

/* Ids of other processes may come between two transactions (see struct vk_store). */
static void forget_ceilings(struct vk_store *s)
{
	memset(s->ceiling_known, 0, sizeof(s->ceiling_known));
	s->event_ceiling_known = false;
	s->run.open = false;	/* written by the commit, or rolled back with the rest */
}


void vk_store_begin(struct vk_store *s)
{
	forget_ceilings(s);
	exec(s, "BEGIN IMMEDIATE", "starting a transaction");
}

void vk_store_bulk(struct vk_store *s)
{
	/* 16 MiB of pages: an import's b-trees stay in memory while they grow */
	exec(s, "PRAGMA cache_size = -16384", "configuring");
}

void vk_store_commit(struct vk_store *s)
{
	flush_run(s);
	save_ceilings(s);
	forget_ceilings(s);
	exec(s, "COMMIT", "committing");
}

void vk_store_rollback(struct vk_store *s)
{
	forget_ceilings(s);
	if (!sqlite3_get_autocommit(s->db))
		exec(s, "ROLLBACK", "rolling back");
}

void vk_store_begin_read(struct vk_store *s)
{
	exec(s, "BEGIN", "starting a read");
}

void vk_store_end_read(struct vk_store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		exec(s, "COMMIT", "ending a read");
}

/* ---- records ---- */

/* Whether field f's items are also kept in a side table (see the migrations). */
static bool has_side_table(const struct vk_field *f)
{
	return f->type == VK_FIELD_REF_LIST || f->type == VK_FIELD_COUNTS;
}

static bool is_json_column(const struct vk_field *f)
{
	return vk_field_is_list(f) || f->type == VK_FIELD_COUNTS;
}

static void add_ident(struct strbuf *sb, const char *name)
{
	strbuf_addch(sb, '"');
	strbuf_addstr(sb, name);
	strbuf_addch(sb, '"');
}

static void add_columns(struct strbuf *sb, const struct vk_entity *e, const char *prefix)
{
	for (size_t i = 0; i < e->nfields; i++) {
		if (i)
			strbuf_addstr(sb, ", ");
		strbuf_addstr(sb, prefix);
		add_ident(sb, e->fields[i].name);
	}
}

static sqlite3_stmt *cached(struct vk_store *s, const struct vk_entity *e, enum stmt_kind kind)
{
	int slot = entity_slot(e);
	struct strbuf sql = STRBUF_INIT;

	if (s->stmts[slot][kind])
		return s->stmts[slot][kind];
	switch (kind) {
	case ST_GET:
		strbuf_addstr(&sql, "SELECT ");
		add_columns(&sql, e, "");
		strbuf_addf(&sql, " FROM %s WHERE id = ?", e->plural);
		break;
	case ST_EXISTS:
		strbuf_addf(&sql, "SELECT 1 FROM %s WHERE id = ?", e->plural);
		break;
	case ST_INSERT:
		strbuf_addf(&sql, "INSERT INTO %s (", e->plural);
		add_columns(&sql, e, "");
		strbuf_addstr(&sql, ") VALUES (");
		for (size_t i = 0; i < e->nfields; i++)
			strbuf_addstr(&sql, i ? ", ?" : "?");
		strbuf_addch(&sql, ')');
		break;
	case ST_UPDATE:
		strbuf_addf(&sql, "UPDATE %s SET ", e->plural);
		for (size_t i = 1; i < e->nfields; i++) {
			if (i > 1)
				strbuf_addstr(&sql, ", ");
			add_ident(&sql, e->fields[i].name);
			strbuf_addstr(&sql, " = ?");
		}
		strbuf_addstr(&sql, " WHERE id = ?");
		break;
	case ST_DELETE:
		strbuf_addf(&sql, "DELETE FROM %s WHERE id = ?", e->plural);
		break;
	default:
		break;
	}
	s->stmts[slot][kind] = prepare(s, sql.buf);
	strbuf_release(&sql);
	return s->stmts[slot][kind];
}

/* How column i (field f) of the row st is on is kept: none, a number, JSON text or text. */
static enum vk_cell_kind column_kind(const struct vk_field *f, sqlite3_stmt *st, int i)
{
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return VK_CELL_NONE;
	if (f->type == VK_FIELD_ID || f->type == VK_FIELD_INT || f->type == VK_FIELD_REF)
		return VK_CELL_NUMBER;
	return is_json_column(f) ? VK_CELL_JSON : VK_CELL_TEXT;
}

/* Builds a complete record from the row st is on (columns in field order). */
json_t *row_record(const struct vk_entity *e, sqlite3_stmt *st)
{
	json_t *r = json_object();

	json_object_set_new(r, "type", json_string(e->name));
	for (size_t i = 0; i < e->nfields; i++) {
		const struct vk_field *f = &e->fields[i];
		const char *text = NULL;
		json_t *v = NULL;

		switch (column_kind(f, st, (int)i)) {
		case VK_CELL_NUMBER:
			v = json_integer(sqlite3_column_int64(st, (int)i));
			break;
		case VK_CELL_JSON:
			text = (const char *)sqlite3_column_text(st, (int)i);
			v = json_loadb(text, (size_t)sqlite3_column_bytes(st, (int)i), 0, NULL);
			break;
		case VK_CELL_TEXT:
			v = json_stringn((const char *)sqlite3_column_text(st, (int)i),
					 (size_t)sqlite3_column_bytes(st, (int)i));
			break;
		case VK_CELL_NONE:
			break;
		}
		if (!v)
			v = vk_field_is_list(f) ? json_array() :
			    f->type == VK_FIELD_COUNTS ? json_object() : json_null();
		json_object_set_new(r, f->name, v);
	}
	return r;
}

json_t *vk_store_get(struct vk_store *s, const struct vk_entity *e, long long id)
{
	sqlite3_stmt *st = cached(s, e, ST_GET);
	json_t *r = NULL;
	int rc;

	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		r = row_record(e, st);
	else if (rc != SQLITE_DONE)
		db_die(s, "reading a record");
	sqlite3_reset(st);
	return r;
}

bool vk_store_exists(struct vk_store *s, const struct vk_entity *e, long long id)
{
	sqlite3_stmt *st = cached(s, e, ST_EXISTS);
	int rc;

	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		db_die(s, "looking up a record");
	sqlite3_reset(st);
	return rc == SQLITE_ROW;
}

/*
 * The ceiling of e's ids (see struct vk_store), or -1 outside a write
 * transaction: the highest id e ever gave, kept in meta as last_id.TABLE
 * (schema 5), or any higher one its table or history holds.
 */
static long long id_ceiling(struct vk_store *s, const struct vk_entity *e)
{
	int slot = entity_slot(e);
	struct strbuf sql = STRBUF_INIT;
	sqlite3_stmt *st;

	if (sqlite3_get_autocommit(s->db))
		return -1;
	if (s->ceiling_known[slot])
		return s->ceiling[slot];
	flush_run(s);
	strbuf_addf(&sql, "SELECT max(coalesce((SELECT max(id) FROM %s), 0),"
		    " coalesce((SELECT max(entity_id) FROM events WHERE entity = ?1), 0),"
		    " coalesce((SELECT max(first_id + count - 1) FROM added_runs WHERE entity = ?1), 0),"
		    " coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'last_id.%s'), 0))",
		    e->plural, e->plural);
	st = prepare(s, sql.buf);
	strbuf_release(&sql);
	sqlite3_bind_text(st, 1, e->name, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW)
		db_die(s, "looking up the ids");
	s->ceiling[slot] = sqlite3_column_int64(st, 0);
	s->ceiling_known[slot] = true;
	s->ceiling_raised[slot] = false;
	sqlite3_finalize(st);
	return s->ceiling[slot];
}

static void raise_ceiling(struct vk_store *s, const struct vk_entity *e, long long id)
{
	int slot = entity_slot(e);

	if (s->ceiling_known[slot] && id > s->ceiling[slot]) {
		s->ceiling[slot] = id;
		s->ceiling_raised[slot] = true;
	}
}

/* Before a commit: keeps the ceilings this transaction raised (in meta). */
static void save_ceilings(struct vk_store *s)
{
	for (int i = 0; vk_entities[i]; i++) {
		const struct vk_entity *e = vk_entities[i];
		int slot = entity_slot(e);
		char key[64];
		sqlite3_stmt *st;

		if (!s->ceiling_known[slot] || !s->ceiling_raised[slot])
			continue;
		if (!s->save_ceiling)
			s->save_ceiling = prepare(s, "INSERT OR REPLACE INTO meta (key, value)"
						  " VALUES (?, ?)");
		st = s->save_ceiling;
		snprintf(key, sizeof(key), "last_id.%s", e->plural);
		sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 2, s->ceiling[slot]);
		step_done(s, st, "keeping the highest id");
		s->ceiling_raised[slot] = false;
	}
}

/* An add event kept in a run (see add_to_run). */
struct run_add {
	long long event_id;
	char at[21];
	char user[64];
};

/*
 * Whether a run holds the add of record (entity, id) and no row of events
 * has taken its place (keep_added); if so, fills *add.
 */
static bool run_add_of(struct vk_store *s, const char *entity, long long id, struct run_add *add)
{
	sqlite3_stmt *st;
	bool found = false;

	flush_run(s);
	if (!s->run_covering)
		s->run_covering = prepare(s, "SELECT r.first_event + (?2 - r.first_id), r.at, r.\"user\","
					  " r.first_id + r.count > ?2 AND NOT EXISTS (SELECT 1 FROM events e"
					  " WHERE e.id = r.first_event + (?2 - r.first_id))"
					  " FROM added_runs r WHERE r.entity = ?1 AND r.first_id <= ?2"
					  " ORDER BY r.first_id DESC LIMIT 1");
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
		db_die(s, "reading the history");
	return found;
}

bool vk_store_id_used(struct vk_store *s, const struct vk_entity *e, long long id)
{
	sqlite3_stmt *st;
	bool used;
	long long ceiling = id_ceiling(s, e);

	if (ceiling >= 0 && id > ceiling)
		return false;
	if (vk_store_exists(s, e, id))
		return true;
	/* every record ever added has its "add" in the history, which outlives rm */
	flush_run(s);
	if (!s->event_exists)
		s->event_exists = prepare(s, "SELECT 1 FROM events WHERE entity = ? AND entity_id = ?"
					  " LIMIT 1");
	st = s->event_exists;
	sqlite3_bind_text(st, 1, e->name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, id);
	used = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	if (!used) {
		struct run_add add;
		used = run_add_of(s, e->name, id, &add);
	}
	return used;
}

bool vk_store_may_exist(struct vk_store *s, const struct vk_entity *e, long long id)
{
	long long ceiling = id_ceiling(s, e);

	return ceiling < 0 || id <= ceiling;
}

/*
 * Ids mostly come in increasing order (an export is sorted by id): those
 * are kept as runs of consecutive ids, at most MAX_SEEN_RUNS of them
 * (4 MiB); any other id goes to a temporary table, so that memory stays
 * flat however many rows an import has.
 */
#define MAX_SEEN_RUNS 262144

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

static bool mark_seen_in_table(struct vk_store *s, long long id)
{
	int rc;

	if (!s->mark_seen) {
		exec(s, "CREATE TEMP TABLE IF NOT EXISTS seen (id INTEGER PRIMARY KEY)", "starting an import");
		exec(s, "DELETE FROM temp.seen", "starting an import");
		s->mark_seen = prepare(s, "INSERT OR IGNORE INTO temp.seen (id) VALUES (?)");
	}
	sqlite3_bind_int64(s->mark_seen, 1, id);
	rc = sqlite3_step(s->mark_seen);
	sqlite3_reset(s->mark_seen);
	if (rc != SQLITE_DONE)
		db_die(s, "remembering an id");
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

/*
 * Binds value v of field f to parameter i. A string is bound without a
 * copy: the caller steps st while v lives (step_done() then clears it).
 * A list's or headcount's JSON text goes into text if not NULL (also
 * bound without a copy: the caller keeps text until the step), else
 * into a new string for SQLite to free.
 */
static void bind_value(sqlite3_stmt *st, int i, const struct vk_field *f, json_t *v,
		       struct strbuf *text)
{
	if (!v || json_is_null(v)) {
		sqlite3_bind_null(st, i);
	} else if (json_is_integer(v)) {
		sqlite3_bind_int64(st, i, json_integer_value(v));
	} else if (json_is_string(v)) {
		sqlite3_bind_text(st, i, json_string_value(v), (int)json_string_length(v),
				  SQLITE_STATIC);
	} else if ((json_is_array(v) && json_array_size(v) == 0) ||
		   (json_is_object(v) && json_object_size(v) == 0)) {
		sqlite3_bind_null(st, i);
	} else if (text) {
		strbuf_reset(text);
		vk_json_append(text, v);
		sqlite3_bind_text(st, i, text->buf, (int)text->len, SQLITE_STATIC);
	} else {
		(void)f;
		sqlite3_bind_text(st, i, vk_json_text(v), -1, free);
	}
}

static sqlite3_stmt *link_stmt(struct vk_store *s, const struct vk_entity *e, size_t field,
			       bool insert)
{
	int slot = entity_slot(e);
	sqlite3_stmt **cache = insert ? &s->link_insert[slot][field] : &s->link_delete[slot][field];
	struct strbuf sql = STRBUF_INIT;
	const struct vk_field *f = &e->fields[field];

	if (*cache)
		return *cache;
	if (insert)
		strbuf_addf(&sql, "INSERT INTO %s_%s (owner_id, value%s) VALUES (?, ?%s)", e->name,
			    f->name, f->type == VK_FIELD_COUNTS ? ", n" : "",
			    f->type == VK_FIELD_COUNTS ? ", ?" : "");
	else
		strbuf_addf(&sql, "DELETE FROM %s_%s WHERE owner_id = ?", e->name, f->name);
	*cache = prepare(s, sql.buf);
	strbuf_release(&sql);
	return *cache;
}

/* Rewrites the side tables of record id from the record's lists. */
static void write_links(struct vk_store *s, const struct vk_entity *e, long long id,
			json_t *record, bool fresh)
{
	for (size_t i = 0; i < e->nfields; i++) {
		const struct vk_field *f = &e->fields[i];
		json_t *v;
		sqlite3_stmt *ins;

		if (!has_side_table(f))
			continue;
		v = json_object_get(record, f->name);
		if (!fresh) {
			sqlite3_stmt *del = link_stmt(s, e, i, false);
			sqlite3_bind_int64(del, 1, id);
			step_done(s, del, "writing a list");
		}
		if (!v || json_is_null(v))
			continue;
		ins = link_stmt(s, e, i, true);
		if (json_is_array(v)) {
			size_t k;
			json_t *item;
			json_array_foreach(v, k, item) {
				sqlite3_bind_int64(ins, 1, id);
				bind_value(ins, 2, f, item, NULL);
				step_done(s, ins, "writing a list");
			}
		} else if (json_is_object(v)) {
			const char *key;
			json_t *n;
			json_object_foreach(v, key, n) {
				sqlite3_bind_int64(ins, 1, id);
				sqlite3_bind_text(ins, 2, key, -1, SQLITE_TRANSIENT);
				sqlite3_bind_int64(ins, 3, json_integer_value(n));
				step_done(s, ins, "writing a headcount");
			}
		}
	}
}

/* strcmp() == 0 for the short names of fields, without a call */
static inline bool same_name(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

long long vk_store_insert(struct vk_store *s, const struct vk_entity *e, json_t *record)
{
	sqlite3_stmt *st = cached(s, e, ST_INSERT);
	bool own = sqlite3_get_autocommit(s->db);
	json_t *given;
	long long id;

	if (own)
		vk_store_begin(s);
	given = json_object_get(record, "id");
	id = id_ceiling(s, e) + 1;
	if (json_is_integer(given))
		id = json_integer_value(given);
	assert(e->nfields <= VK_MAX_FIELDS);
	sqlite3_bind_int64(st, 1, id);
	/* an import's record has its fields in order: walk it, looking up only those out of it */
	void *it = json_object_iter(record);
	for (size_t i = 0; i < e->nfields; i++) {
		const char *name = e->fields[i].name;
		json_t *v;

		const char *key = it ? json_object_iter_key(it) : NULL;
		if (key && key[0] != name[0] && same_name(key, "type")) {
			it = json_object_iter_next(record, it);
			key = it ? json_object_iter_key(it) : NULL;
		}
		if (key && key[0] == name[0] && same_name(key + 1, name + 1)) {
			v = json_object_iter_value(it);
			it = json_object_iter_next(record, it);
		} else {
			v = json_object_get(record, name);
		}
		if (i)
			bind_value(st, (int)i + 1, &e->fields[i], v, &s->bound_text[i]);
	}
	/* every parameter is bound again before the next step: no clearing */
	if (sqlite3_step(st) != SQLITE_DONE) {
		sqlite3_reset(st);
		db_die(s, "adding a record");
	}
	sqlite3_reset(st);
	raise_ceiling(s, e, id);
	write_links(s, e, id, record, true);
	if (own)
		vk_store_commit(s);
	return id;
}

/*
 * The history's "add" event keeps no copy of the record while the record
 * is as it was added: it is in a run (schema 7), or a row whose after is
 * NULL (schema 6), and the record itself is the copy (an import of a
 * million rows then writes each once). Before record (e, id) first
 * changes or goes, this writes the copy into the history: into the
 * row, or as a row with the run's event id, which then stands for it.
 * event_record() reads a NULL after from the record.
 */
static void keep_added(struct vk_store *s, const struct vk_entity *e, long long id)
{
	long long event_id;
	struct run_add add;

	if (run_add_of(s, e->name, id, &add)) {
		json_t *record = vk_store_get(s, e, id);
		if (record)
			insert_event_row(s, add.event_id, add.at, add.user, e->name, id, "add", NULL,
					 vk_record_history_text(e, record));
		json_decref(record);
		return;
	}
	if (!s->added_unkept)
		s->added_unkept = prepare(s, "SELECT id FROM events WHERE entity = ? AND entity_id = ?"
					  " AND action = 'add' AND after IS NULL");
	sqlite3_bind_text(s->added_unkept, 1, e->name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s->added_unkept, 2, id);
	int rc = sqlite3_step(s->added_unkept);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(s->added_unkept);
		if (rc != SQLITE_DONE)
			db_die(s, "reading the history");
		return;
	}
	event_id = sqlite3_column_int64(s->added_unkept, 0);
	sqlite3_reset(s->added_unkept);

	json_t *record = vk_store_get(s, e, id);
	if (!record)
		return;
	if (!s->added_keep)
		s->added_keep = prepare(s, "UPDATE events SET after = ? WHERE id = ?");
	sqlite3_bind_text(s->added_keep, 1, vk_record_history_text(e, record), -1, free);
	sqlite3_bind_int64(s->added_keep, 2, event_id);
	step_done(s, s->added_keep, "recording the change");
	json_decref(record);
}

void vk_store_update(struct vk_store *s, const struct vk_entity *e, json_t *record)
{
	sqlite3_stmt *st = cached(s, e, ST_UPDATE);
	long long id = json_integer_value(json_object_get(record, "id"));

	keep_added(s, e, id);
	for (size_t i = 1; i < e->nfields; i++)
		bind_value(st, (int)i, &e->fields[i], json_object_get(record, e->fields[i].name), NULL);
	sqlite3_bind_int64(st, (int)e->nfields, id);
	step_done(s, st, "changing a record");
	write_links(s, e, id, record, false);
}

void vk_store_delete(struct vk_store *s, const struct vk_entity *e, long long id)
{
	sqlite3_stmt *st = cached(s, e, ST_DELETE);

	keep_added(s, e, id);
	for (size_t i = 0; i < e->nfields; i++) {
		if (!has_side_table(&e->fields[i]))
			continue;
		sqlite3_stmt *del = link_stmt(s, e, i, false);
		sqlite3_bind_int64(del, 1, id);
		step_done(s, del, "removing a list");
	}
	sqlite3_bind_int64(st, 1, id);
	step_done(s, st, "removing a record");
}

size_t vk_store_referrers(struct vk_store *s, const struct vk_entity *e, long long id,
			  vk_referrer_fn *fn, void *data)
{
	size_t n = 0;

	for (size_t k = 0; vk_entities[k]; k++) {
		const struct vk_entity *from = vk_entities[k];
		for (size_t i = 0; i < from->nfields; i++) {
			const struct vk_field *f = &from->fields[i];
			struct strbuf sql = STRBUF_INIT;
			sqlite3_stmt *st;

			if (!f->ref || strcmp(f->ref, e->name))
				continue;
			if (f->type == VK_FIELD_REF)
				strbuf_addf(&sql, "SELECT id FROM %s WHERE \"%s\" = ? ORDER BY id",
					    from->plural, f->name);
			else
				strbuf_addf(&sql, "SELECT DISTINCT owner_id FROM %s_%s WHERE value = ?"
					    " ORDER BY owner_id", from->name, f->name);
			st = prepare(s, sql.buf);
			strbuf_release(&sql);
			sqlite3_bind_int64(st, 1, id);
			int rc;
			while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
				n++;
				if (fn)
					fn(from, f, sqlite3_column_int64(st, 0), data);
			}
			sqlite3_finalize(st);
			if (rc != SQLITE_DONE)
				db_die(s, "looking for references");
		}
	}
	return n;
}

/* ---- queries ---- */

/* vk_fold(TEXT): the text folded for comparison ignoring case (text.h). */
static void sql_fold(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	static _Thread_local struct strbuf out = STRBUF_INIT;
	const char *text = (const char *)sqlite3_value_text(argv[0]);

	(void)argc;
	if (!text) {
		sqlite3_result_null(cx);
		return;
	}
	vk_text_fold(text, (size_t)sqlite3_value_bytes(argv[0]), &out);
	sqlite3_result_text(cx, out.buf, (int)out.len, SQLITE_TRANSIENT);
}

/* vk_sort_key(TEXT): a blob that sorts as the text does for a Danish reader. */
static void sql_sort_key(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	static _Thread_local struct strbuf out = STRBUF_INIT;
	const char *text = (const char *)sqlite3_value_text(argv[0]);

	(void)argc;
	if (!text) {
		sqlite3_result_null(cx);
		return;
	}
	vk_text_sort_key(text, (size_t)sqlite3_value_bytes(argv[0]), &out);
	sqlite3_result_blob(cx, out.buf, (int)out.len, SQLITE_TRANSIENT);
}

static void register_text_functions(struct vk_store *s)
{
	int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;

	if (sqlite3_create_function(s->db, "vk_fold", 1, flags, NULL, sql_fold, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function(s->db, "vk_sort_key", 1, flags, NULL, sql_sort_key, NULL, NULL) != SQLITE_OK)
		db_die(s, "registering its text functions");
}

static const char *op_sql(enum vk_filter_op op)
{
	switch (op) {
	case VK_OP_EQ: return " = ?";
	case VK_OP_NE: return " <> ?";
	case VK_OP_LT: return " < ?";
	case VK_OP_LE: return " <= ?";
	case VK_OP_GT: return " > ?";
	case VK_OP_GE: return " >= ?";
	default: return "";
	}
}

/* How many of the alternatives in array are values (not null). */
static size_t count_values(json_t *array)
{
	size_t k, n = 0;
	json_t *v;

	json_array_foreach(array, k, v)
		n += !json_is_null(v);
	return n;
}

/* Appends " IN (?, ...)" with a placeholder for each value of array. */
static void add_placeholders(struct strbuf *sql, json_t *array)
{
	size_t n = count_values(array);

	strbuf_addstr(sql, " IN (");
	for (size_t i = 0; i < n; i++)
		strbuf_addstr(sql, i ? ", ?" : "?");
	strbuf_addch(sql, ')');
}

/* Appends the condition of filter f on entity e to sql. */
static void add_condition(struct strbuf *sql, const struct vk_entity *e, const struct vk_filter *f)
{
	const struct vk_field *field = vk_entity_field(e, f->field);

	if (!field)
		vk_die(VK_EXIT_IOERR, "internal error: %s has no field %s", e->name, f->field);
	switch (f->op) {
	case VK_OP_HAS:
		if (has_side_table(field))
			strbuf_addf(sql, "EXISTS (SELECT 1 FROM %s_%s l WHERE l.owner_id = t.id"
				    " AND l.value = ?)", e->name, field->name);
		else
			strbuf_addf(sql, "EXISTS (SELECT 1 FROM json_each(t.\"%s\") WHERE value = ?)",
				    field->name);
		return;
	case VK_OP_HAS_ANY: {
		bool fold = field->type == VK_FIELD_TEXT_LIST;
		if (has_side_table(field))
			strbuf_addf(sql, "EXISTS (SELECT 1 FROM %s_%s l WHERE l.owner_id = t.id"
				    " AND l.value", e->name, field->name);
		else
			strbuf_addf(sql, "EXISTS (SELECT 1 FROM json_each(t.\"%s\") WHERE %s",
				    field->name, fold ? "vk_fold(value)" : "value");
		add_placeholders(sql, f->value);
		strbuf_addch(sql, ')');
		return;
	}
	case VK_OP_CONTAINS_ANY: {
		size_t k, alt = 0;
		json_t *v;
		json_array_foreach(f->value, k, v) {
			if (json_is_null(v))
				continue;
			strbuf_addf(sql, "%sinstr(vk_fold(t.\"%s\"), ?) > 0", alt++ ? " OR " : "",
				    field->name);
		}
		if (alt < json_array_size(f->value))
			strbuf_addf(sql, "%st.\"%s\" IS NULL", alt ? " OR " : "", field->name);
		return;
	}
	case VK_OP_IN:
	case VK_OP_FOLD_IN:
		if (f->op == VK_OP_FOLD_IN)
			strbuf_addf(sql, "vk_fold(t.\"%s\")", field->name);
		else
			strbuf_addf(sql, "t.\"%s\"", field->name);
		add_placeholders(sql, f->value);
		if (count_values(f->value) < json_array_size(f->value))
			strbuf_addf(sql, " OR t.\"%s\" IS NULL", field->name);
		return;
	case VK_OP_NOT_IN:
		strbuf_addf(sql, "t.\"%s\" NOT", field->name);
		add_placeholders(sql, f->value);
		strbuf_addf(sql, " OR t.\"%s\" IS NULL", field->name);
		return;
	case VK_OP_NULL:
		strbuf_addf(sql, "t.\"%s\" IS NULL", field->name);
		return;
	case VK_OP_NOT_NULL:
		strbuf_addf(sql, "t.\"%s\" IS NOT NULL", field->name);
		return;
	case VK_OP_EITHER_SET: {
		const struct vk_field *other = vk_entity_field(e, json_string_value(f->value));
		if (!other)
			vk_die(VK_EXIT_IOERR, "internal error: %s has no field %s", e->name,
			       json_string_value(f->value));
		strbuf_addf(sql, "t.\"%s\" IS NOT NULL OR t.\"%s\" IS NOT NULL", field->name, other->name);
		return;
	}
	case VK_OP_NOT_IN_ON: {
		const char *day = "coalesce(json_extract(ev.after, '$.date'), substr(ev.at, 1, 10))";
		strbuf_addf(sql, "coalesce((SELECT json_extract(ev.after, '$.%s') FROM events ev"
			    " WHERE ev.entity = '%s' AND ev.entity_id = t.id AND ev.action <> 'add'"
			    " AND json_extract(ev.after, '$.%s') IS NOT NULL AND %s <= ?"
			    " ORDER BY %s DESC, ev.id DESC LIMIT 1),", field->name, e->name,
			    field->name, day, day);
		strbuf_addf(sql, " (SELECT CASE ev.action WHEN 'add' THEN json_extract(ev.after, '$.%s')"
			    " ELSE json_extract(ev.before, '$.%s') END FROM events ev"
			    " WHERE ev.entity = '%s' AND ev.entity_id = t.id"
			    " AND json_extract(ev.after, '$.%s') IS NOT NULL ORDER BY ev.id LIMIT 1),"
			    " t.\"%s\") NOT IN (", field->name, field->name, e->name, field->name,
			    field->name);
		for (size_t i = 1; i < json_array_size(f->value); i++)
			strbuf_addstr(sql, i > 1 ? ", ?" : "?");
		strbuf_addch(sql, ')');
		return;
	}
	case VK_OP_LE_OR_NULL:
		strbuf_addf(sql, "(t.\"%s\" <= ? OR t.\"%s\" IS NULL)", field->name, field->name);
		return;
	case VK_OP_GE_OR_NULL:
		strbuf_addf(sql, "(t.\"%s\" >= ? OR t.\"%s\" IS NULL)", field->name, field->name);
		return;
	default:
		strbuf_addf(sql, "t.\"%s\"%s", field->name, op_sql(f->op));
	}
}

static void bind_json(sqlite3_stmt *st, int i, json_t *v)
{
	if (json_is_integer(v))
		sqlite3_bind_int64(st, i, json_integer_value(v));
	else if (json_is_string(v))
		sqlite3_bind_text(st, i, json_string_value(v), (int)json_string_length(v),
				  SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

/* Binds the string v folded (text.h) as parameter i. */
static void bind_folded(sqlite3_stmt *st, int i, json_t *v)
{
	struct strbuf sb = STRBUF_INIT;

	vk_text_fold(json_string_value(v), json_string_length(v), &sb);
	sqlite3_bind_text(st, i, strbuf_detach(&sb, NULL), -1, free);
}

/* Appends " WHERE ..." for the filters of q (all must hold). */
static void add_where(struct strbuf *sql, const struct vk_query *q)
{
	for (size_t i = 0; i < q->nfilters; i++) {
		strbuf_addstr(sql, i ? " AND (" : " WHERE (");
		add_condition(sql, q->entity, &q->filters[i]);
		strbuf_addch(sql, ')');
	}
}

/* Binds the values of q's filters, in the order add_where() used them. */
static void bind_filters(sqlite3_stmt *st, const struct vk_query *q)
{
	int param = 1;

	for (size_t i = 0; i < q->nfilters; i++) {
		const struct vk_filter *f = &q->filters[i];
		switch (f->op) {
		case VK_OP_NULL:
		case VK_OP_NOT_NULL:
		case VK_OP_EITHER_SET:
			break;
		case VK_OP_IN:
		case VK_OP_NOT_IN:
		case VK_OP_FOLD_IN:
		case VK_OP_CONTAINS_ANY:
		case VK_OP_HAS_ANY: {
			const struct vk_field *field = vk_entity_field(q->entity, f->field);
			bool fold = f->op == VK_OP_FOLD_IN || f->op == VK_OP_CONTAINS_ANY ||
				    (f->op == VK_OP_HAS_ANY && field->type == VK_FIELD_TEXT_LIST);
			size_t k;
			json_t *v;
			json_array_foreach(f->value, k, v) {
				if (json_is_null(v))
					continue;
				if (fold && json_is_string(v))
					bind_folded(st, param++, v);
				else
					bind_json(st, param++, v);
			}
			break;
		}
		case VK_OP_NOT_IN_ON: {
			for (size_t k = 0; k < json_array_size(f->value); k++)
				bind_json(st, param++, json_array_get(f->value, k));
			break;
		}
		default:
			bind_json(st, param++, f->value);
		}
	}
}

struct vk_cursor *vk_store_query(struct vk_store *s, const struct vk_query *q)
{
	const struct vk_entity *e = q->entity;
	struct strbuf sql = STRBUF_INIT;
	struct vk_cursor *c = vk_calloc(1, sizeof(*c));

	strbuf_addstr(&sql, "SELECT ");
	add_columns(&sql, e, "t.");
	strbuf_addf(&sql, " FROM %s t", e->plural);
	add_where(&sql, q);
	strbuf_addstr(&sql, " ORDER BY ");
	if (q->sort && strcmp(q->sort, "id")) {
		const struct vk_field *f = vk_entity_field(e, q->sort);
		if (!f || is_json_column(f))
			vk_die(VK_EXIT_IOERR, "internal error: cannot sort by %s", q->sort);
		/* no value sorts last either way; a vocabulary sorts in its own order */
		strbuf_addf(&sql, "t.\"%s\" IS NULL, ", f->name);
		if (f->type == VK_FIELD_ENUM) {
			strbuf_addf(&sql, "CASE t.\"%s\"", f->name);
			for (size_t i = 0; i < f->vocab->count; i++)
				strbuf_addf(&sql, " WHEN '%s' THEN %zu", f->vocab->values[i], i);
			strbuf_addf(&sql, " END%s, ", q->descending ? " DESC" : "");
		} else if (f->type == VK_FIELD_TEXT) {
			/* names as a Danish or Norwegian reader sorts them (text.h) */
			strbuf_addf(&sql, "vk_sort_key(t.\"%s\")%s, ", f->name,
				    q->descending ? " DESC" : "");
		} else {
			strbuf_addf(&sql, "t.\"%s\"%s, ", f->name, q->descending ? " DESC" : "");
		}
	}
	strbuf_addf(&sql, "t.id%s", q->descending && (!q->sort || !strcmp(q->sort, "id")) ? " DESC" : "");
	if (q->limit > 0)
		strbuf_addf(&sql, " LIMIT %lld", q->limit);
	else if (q->limit == VK_LIMIT_NONE)
		strbuf_addstr(&sql, " LIMIT 0");
	c->store = s;
	c->entity = e;
	if (sqlite3_prepare_v2(s->db, sql.buf, -1, &c->stmt, NULL) != SQLITE_OK)
		db_die(s, "preparing a query");
	strbuf_release(&sql);
	bind_filters(c->stmt, q);
	return c;
}

long long vk_store_count(struct vk_store *s, const struct vk_query *q)
{
	struct strbuf sql = STRBUF_INIT;
	sqlite3_stmt *st;
	long long n = 0;

	strbuf_addf(&sql, "SELECT count(*) FROM %s t", q->entity->plural);
	add_where(&sql, q);
	if (sqlite3_prepare_v2(s->db, sql.buf, -1, &st, NULL) != SQLITE_OK)
		db_die(s, "preparing a count");
	strbuf_release(&sql);
	bind_filters(st, q);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	else
		db_die(s, "counting");
	sqlite3_finalize(st);
	return n;
}

/* The record (entity, id) as kept by an "add" event without after (see keep_added). */
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

json_t *event_record(struct vk_store *s, sqlite3_stmt *st)
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

json_t *vk_cursor_next(struct vk_cursor *c)
{
	int rc = sqlite3_step(c->stmt);

	if (rc == SQLITE_DONE)
		return NULL;
	if (rc != SQLITE_ROW)
		db_die(c->store, "reading records");
	return c->entity ? row_record(c->entity, c->stmt) : event_record(c->store, c->stmt);
}

bool vk_cursor_next_cells(struct vk_cursor *c, struct vk_cell *cells)
{
	const struct vk_entity *e = c->entity;
	int rc = sqlite3_step(c->stmt);

	if (rc == SQLITE_DONE)
		return false;
	if (rc != SQLITE_ROW)
		db_die(c->store, "reading records");
	for (size_t i = 0; i < e->nfields; i++) {
		const struct vk_field *f = &e->fields[i];
		struct vk_cell *cell = &cells[i];

		cell->kind = column_kind(f, c->stmt, (int)i);
		if (cell->kind == VK_CELL_NONE) {
			cell->s = vk_field_is_list(f) ? "[]" : f->type == VK_FIELD_COUNTS ? "{}" : "null";
			cell->len = strlen(cell->s);
			continue;
		}
		cell->s = (const char *)sqlite3_column_text(c->stmt, (int)i);
		cell->len = (size_t)sqlite3_column_bytes(c->stmt, (int)i);
		if (!cell->s)
			vk_die(VK_EXIT_IOERR, "out of memory");
	}
	return true;
}

void vk_cursor_close(struct vk_cursor *c)
{
	if (!c)
		return;
	sqlite3_finalize(c->stmt);
	free(c);
}

/* ---- history ---- */

void insert_event_row(struct vk_store *s, long long event_id, const char *at, const char *user,
		      const char *entity, long long entity_id, const char *action, char *before,
		      char *after)
{
	sqlite3_stmt *st;

	if (!s->event_insert)
		s->event_insert = prepare(s, "INSERT INTO events (id, at, \"user\", entity,"
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
	step_done(s, st, "recording the change");
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
	st = prepare(s, "SELECT max(coalesce((SELECT max(id) FROM events), 0),"
		     " coalesce((SELECT first_event + count - 1 FROM added_runs"
		     " ORDER BY first_event DESC LIMIT 1), 0))");
	if (sqlite3_step(st) != SQLITE_ROW)
		db_die(s, "looking up the history");
	s->event_ceiling = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	s->event_ceiling_known = !sqlite3_get_autocommit(s->db);
	return s->event_ceiling;
}

void flush_run(struct vk_store *s)
{
	sqlite3_stmt *st;

	if (!s->run.open)
		return;
	s->run.open = false;
	if (!s->run_insert)
		s->run_insert = prepare(s, "INSERT INTO added_runs (first_event, entity, first_id,"
					" count, at, \"user\") VALUES (?, ?, ?, ?, ?, ?)");
	st = s->run_insert;
	sqlite3_bind_int64(st, 1, s->run.first_event);
	sqlite3_bind_text(st, 2, s->run.entity, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, s->run.first_id);
	sqlite3_bind_int64(st, 4, s->run.count);
	sqlite3_bind_text(st, 5, s->run.at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, s->user, -1, SQLITE_STATIC);
	step_done(s, st, "recording the change");
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
	flush_run(s);
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
	char now[21];

	vk_timestamp_now(now);
	if (e && !before && !after && !strcmp(action, "add") && s->event_ceiling_known) {
		/* the record is its own copy (keep_added), and many adds make one row */
		add_to_run(s, e, id, event_id, now);
	} else {
		insert_event_row(s, event_id, now, s->user, entity, id, action, before, after);
	}
	if (s->event_ceiling_known)
		s->event_ceiling = event_id;
	/* the history's ids count as given (vk_store_id_used) */
	if (e)
		raise_ceiling(s, e, id);
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
	/* the rows, and the runs' adds that no row stands for (keep_added) */
	const char *one = "SELECT id, at, \"user\", entity, entity_id, action, before, after"
			  " FROM events WHERE entity = ?1 AND entity_id = ?2"
			  " UNION ALL"
			  " SELECT r.first_event + (?2 - r.first_id), r.at, r.\"user\", r.entity, ?2, 'add',"
			  " NULL, NULL FROM (SELECT * FROM added_runs WHERE entity = ?1 AND first_id <= ?2"
			  " ORDER BY first_id DESC LIMIT 1) r"
			  " WHERE r.first_id + r.count > ?2 AND NOT EXISTS (SELECT 1 FROM events e"
			  " WHERE e.id = r.first_event + (?2 - r.first_id))"
			  " ORDER BY 1";
	const char *all = "WITH RECURSIVE a(id, at, \"user\", entity, entity_id, last) AS ("
			  " SELECT first_event, at, \"user\", entity, first_id, first_id + count - 1"
			  " FROM added_runs WHERE ?1 IS NULL OR entity = ?1"
			  " UNION ALL SELECT id + 1, at, \"user\", entity, entity_id + 1, last FROM a"
			  " WHERE entity_id < last)"
			  " SELECT id, at, \"user\", entity, entity_id, action, before, after"
			  " FROM events WHERE (?1 IS NULL OR entity = ?1) AND (?2 = 0 OR entity_id = ?2)"
			  " UNION ALL"
			  " SELECT id, at, \"user\", entity, entity_id, 'add', NULL, NULL FROM a"
			  " WHERE (?2 = 0 OR entity_id = ?2)"
			  " AND NOT EXISTS (SELECT 1 FROM events e WHERE e.id = a.id)"
			  " ORDER BY 1";
	const char *sql = entity && id ? one : all;

	flush_run(s);
	c->store = s;
	if (sqlite3_prepare_v2(s->db, sql, -1, &c->stmt, NULL) != SQLITE_OK)
		db_die(s, "preparing a query");
	if (entity)
		sqlite3_bind_text(c->stmt, 1, entity, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(c->stmt, 2, id);
	return c;
}

struct vk_cursor *vk_store_event_rows(struct vk_store *s)
{
	struct vk_cursor *c = vk_calloc(1, sizeof(*c));

	flush_run(s);
	c->store = s;
	if (sqlite3_prepare_v2(s->db, "SELECT id, at, \"user\", entity, entity_id, action, before,"
			       " after FROM events ORDER BY id", -1, &c->stmt, NULL) != SQLITE_OK)
		db_die(s, "preparing a query");
	return c;
}

long vk_store_count_events(struct vk_store *s, const char *entity, long long id)
{
	struct run_add add;
	long n = run_add_of(s, entity, id, &add) ? 1 : 0;
	sqlite3_stmt *st = prepare(s, "SELECT count(*) FROM events WHERE entity = ? AND entity_id = ?");

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

	flush_run(s);
	st = prepare(s, "UPDATE events SET before = ?, after = ? WHERE id = ?");

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
		db_die(s, "rewriting the history");
	}
	sqlite3_finalize(st);
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
		db_die(s, "rewriting the database file");
	rc = sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, &log, &done);

	if (rc == SQLITE_BUSY)
		vk_die(VK_EXIT_TEMPFAIL, "%s: another process is reading; the erased data is out of "
		       "the database but may stay in its WAL until the next checkpoint", s->path);
	if (rc != SQLITE_OK)
		db_die(s, "emptying the WAL");
}

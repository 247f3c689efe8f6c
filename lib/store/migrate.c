/*
 * migrate.c: the store's schema as its history: the migrations, one step
 * a version; the check that a file holds a vk store; the store's own id.
 */
#include <stdio.h>
#include "store-internal.h"
#include "util.h"

/* A step of the migrations: its SQL, run unless it has nothing to do. */
struct step {
	const char *sql;
	/* NULL: always run; else false when this store needs no such change */
	bool (*needed)(struct vk_store *s);
};

static bool has_autoincrement(struct vk_store *s);

/*
 * Migrations: migrations[i] brings a store from user_version i to i + 1,
 * so that the schema version this vk writes is how many there are. A step
 * is never changed nor taken out: stores in use went through it.
 *
 * A record's own column keeps each list (and a headcount) as JSON text.
 * Lists of references and headcounts also have a side table of their
 * items, so that finding who refers to a record and counting people are
 * plain indexed SQL; a list of words is searched in its column with
 * json_each (schema 4: the side tables cost an import a b-tree write per
 * item, for filters that scan the table anyway).
 */
static const struct step migrations[] = {
	/*
	 * 0 -> 1: the record types of SPEC. (Before schema 5 its ids were
	 * AUTOINCREMENT; a store at version 0 holds nothing, so a new one is
	 * made without, and 4 -> 5 rebuilds only the tables made with it.)
	 */
	{ .sql =
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
	"CREATE TABLE engagement_participants (owner_id INTEGER NOT NULL,"
	" value INTEGER NOT NULL);"
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
	"CREATE INDEX events_at ON events(at);" },

	/* 1 -> 2: facts about the store itself (its id: calendar UIDs) */
	{ .sql =
	"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);" },

	/*
	 * 2 -> 3: fewer b-trees to write per record (an import writes each
	 * one once a row): a list's items are kept by their owner in one
	 * clustered table; only lists of references keep an index by value
	 * (to find who refers to a record); no index nobody reads.
	 */
	{ .sql =
	"DROP INDEX stakeholders_group_town;"
	"DROP INDEX events_at;"
	"CREATE TABLE stakeholder_roles_v3 (owner_id INTEGER NOT NULL, value TEXT NOT NULL,"
	" PRIMARY KEY (owner_id, value)) WITHOUT ROWID;"
	"INSERT OR IGNORE INTO stakeholder_roles_v3"
	" SELECT owner_id, value FROM stakeholder_roles;"
	"DROP TABLE stakeholder_roles;"
	"ALTER TABLE stakeholder_roles_v3 RENAME TO stakeholder_roles;"
	"CREATE TABLE stakeholder_tags_v3 (owner_id INTEGER NOT NULL, value TEXT NOT NULL,"
	" PRIMARY KEY (owner_id, value)) WITHOUT ROWID;"
	"INSERT OR IGNORE INTO stakeholder_tags_v3"
	" SELECT owner_id, value FROM stakeholder_tags;"
	"DROP TABLE stakeholder_tags;"
	"ALTER TABLE stakeholder_tags_v3 RENAME TO stakeholder_tags;"
	"CREATE TABLE engagement_participants_v3 (owner_id INTEGER NOT NULL,"
	" value INTEGER NOT NULL,"
	" PRIMARY KEY (owner_id, value)) WITHOUT ROWID;"
	"INSERT OR IGNORE INTO engagement_participants_v3"
	" SELECT owner_id, value FROM engagement_participants;"
	"DROP TABLE engagement_participants;"
	"ALTER TABLE engagement_participants_v3 RENAME TO engagement_participants;"
	"CREATE INDEX engagement_participants_value ON engagement_participants(value);"
	"CREATE TABLE engagement_headcount_v3 (owner_id INTEGER NOT NULL, value TEXT NOT NULL,"
	" n INTEGER NOT NULL,"
	" PRIMARY KEY (owner_id, value)) WITHOUT ROWID;"
	"INSERT OR IGNORE INTO engagement_headcount_v3"
	" SELECT owner_id, value, n FROM engagement_headcount;"
	"DROP TABLE engagement_headcount;"
	"ALTER TABLE engagement_headcount_v3 RENAME TO engagement_headcount;"
	"CREATE TABLE engagement_themes_v3 (owner_id INTEGER NOT NULL, value TEXT NOT NULL,"
	" PRIMARY KEY (owner_id, value)) WITHOUT ROWID;"
	"INSERT OR IGNORE INTO engagement_themes_v3"
	" SELECT owner_id, value FROM engagement_themes;"
	"DROP TABLE engagement_themes;"
	"ALTER TABLE engagement_themes_v3 RENAME TO engagement_themes;"
	"CREATE TABLE input_themes_v3 (owner_id INTEGER NOT NULL, value TEXT NOT NULL,"
	" PRIMARY KEY (owner_id, value)) WITHOUT ROWID;"
	"INSERT OR IGNORE INTO input_themes_v3"
	" SELECT owner_id, value FROM input_themes;"
	"DROP TABLE input_themes;"
	"ALTER TABLE input_themes_v3 RENAME TO input_themes;"
	"CREATE TABLE milestone_depends_v3 (owner_id INTEGER NOT NULL, value INTEGER NOT NULL,"
	" PRIMARY KEY (owner_id, value)) WITHOUT ROWID;"
	"INSERT OR IGNORE INTO milestone_depends_v3"
	" SELECT owner_id, value FROM milestone_depends;"
	"DROP TABLE milestone_depends;"
	"ALTER TABLE milestone_depends_v3 RENAME TO milestone_depends;"
	"CREATE INDEX milestone_depends_value ON milestone_depends(value);"
	"CREATE TABLE trial_themes_v3 (owner_id INTEGER NOT NULL, value TEXT NOT NULL,"
	" PRIMARY KEY (owner_id, value)) WITHOUT ROWID;"
	"INSERT OR IGNORE INTO trial_themes_v3"
	" SELECT owner_id, value FROM trial_themes;"
	"DROP TABLE trial_themes;"
	"ALTER TABLE trial_themes_v3 RENAME TO trial_themes;"
	"CREATE TABLE trial_participants_v3 (owner_id INTEGER NOT NULL, value INTEGER NOT NULL,"
	" PRIMARY KEY (owner_id, value)) WITHOUT ROWID;"
	"INSERT OR IGNORE INTO trial_participants_v3"
	" SELECT owner_id, value FROM trial_participants;"
	"DROP TABLE trial_participants;"
	"ALTER TABLE trial_participants_v3 RENAME TO trial_participants;"
	"CREATE INDEX trial_participants_value ON trial_participants(value);" },

	/* 3 -> 4: lists of words are read from the record's own column */
	{ .sql =
	"DROP TABLE stakeholder_roles;"
	"DROP TABLE stakeholder_tags;"
	"DROP TABLE engagement_themes;"
	"DROP TABLE input_themes;"
	"DROP TABLE trial_themes;" },

	/*
	 * 4 -> 5: no AUTOINCREMENT. It wrote its counter (sqlite_sequence)
	 * once a row; the highest id each type ever gave is now kept in meta
	 * as last_id.TABLE, written once a transaction (see sq_id_ceiling()).
	 * Events are never deleted, so theirs is the largest one there. Only
	 * a store whose tables were made with AUTOINCREMENT needs it.
	 */
	{ .needed = has_autoincrement, .sql =
	"INSERT OR REPLACE INTO meta (key, value)"
	" SELECT 'last_id.' || name, seq"
	" FROM sqlite_sequence"
	" WHERE name IN ('stakeholders', 'engagements', 'inputs', 'milestones', 'trials',"
	" 'learnings');"
	"CREATE TABLE stakeholders_v5 (id INTEGER PRIMARY KEY,"
	" name TEXT NOT NULL, \"group\" TEXT, organisation TEXT, town TEXT,"
	" email TEXT, phone TEXT, roles TEXT, allocation INTEGER,"
	" influence TEXT, interest TEXT, tags TEXT, notes TEXT,"
	" created TEXT NOT NULL, updated TEXT NOT NULL);"
	"INSERT INTO stakeholders_v5 SELECT * FROM stakeholders;"
	"DROP TABLE stakeholders;"
	"ALTER TABLE stakeholders_v5 RENAME TO stakeholders;"
	"CREATE INDEX stakeholders_town ON stakeholders(town);"
	"CREATE TABLE engagements_v5 (id INTEGER PRIMARY KEY,"
	" date TEXT NOT NULL, kind TEXT NOT NULL, title TEXT NOT NULL, town TEXT,"
	" participants TEXT, headcount TEXT, themes TEXT, notes TEXT);"
	"INSERT INTO engagements_v5 SELECT * FROM engagements;"
	"DROP TABLE engagements;"
	"ALTER TABLE engagements_v5 RENAME TO engagements;"
	"CREATE INDEX engagements_date ON engagements(date);"
	"CREATE TABLE inputs_v5 (id INTEGER PRIMARY KEY,"
	" engagement INTEGER NOT NULL, stakeholder INTEGER, source TEXT,"
	" text TEXT NOT NULL, themes TEXT);"
	"INSERT INTO inputs_v5 SELECT * FROM inputs;"
	"DROP TABLE inputs;"
	"ALTER TABLE inputs_v5 RENAME TO inputs;"
	"CREATE INDEX inputs_engagement ON inputs(engagement);"
	"CREATE INDEX inputs_stakeholder ON inputs(stakeholder);"
	"CREATE TABLE milestones_v5 (id INTEGER PRIMARY KEY,"
	" title TEXT NOT NULL, kind TEXT, start TEXT, due TEXT NOT NULL, baseline TEXT,"
	" status TEXT, done TEXT, owner INTEGER, place TEXT, deliverables TEXT,"
	" depends TEXT, notes TEXT);"
	"INSERT INTO milestones_v5 SELECT * FROM milestones;"
	"DROP TABLE milestones;"
	"ALTER TABLE milestones_v5 RENAME TO milestones;"
	"CREATE INDEX milestones_due ON milestones(due);"
	"CREATE INDEX milestones_owner ON milestones(owner);"
	"CREATE TABLE trials_v5 (id INTEGER PRIMARY KEY,"
	" title TEXT NOT NULL, description TEXT, status TEXT, owner INTEGER,"
	" unit TEXT, department TEXT, round INTEGER, track TEXT, themes TEXT,"
	" start TEXT, \"end\" TEXT, participants TEXT, outcome TEXT, milestone INTEGER);"
	"INSERT INTO trials_v5 SELECT * FROM trials;"
	"DROP TABLE trials;"
	"ALTER TABLE trials_v5 RENAME TO trials;"
	"CREATE INDEX trials_status ON trials(status);"
	"CREATE INDEX trials_owner ON trials(owner);"
	"CREATE INDEX trials_milestone ON trials(milestone);"
	"CREATE TABLE learnings_v5 (id INTEGER PRIMARY KEY,"
	" trial INTEGER NOT NULL, date TEXT NOT NULL, author INTEGER, text TEXT NOT NULL);"
	"INSERT INTO learnings_v5 SELECT * FROM learnings;"
	"DROP TABLE learnings;"
	"ALTER TABLE learnings_v5 RENAME TO learnings;"
	"CREATE INDEX learnings_trial ON learnings(trial);"
	"CREATE INDEX learnings_author ON learnings(author);"
	"CREATE INDEX learnings_date ON learnings(date);"
	"CREATE TABLE events_v5 (id INTEGER PRIMARY KEY,"
	" at TEXT NOT NULL, \"user\" TEXT NOT NULL, entity TEXT NOT NULL,"
	" entity_id INTEGER NOT NULL, action TEXT NOT NULL, before TEXT, after TEXT);"
	"INSERT INTO events_v5 SELECT * FROM events;"
	"DROP TABLE events;"
	"ALTER TABLE events_v5 RENAME TO events;"
	"CREATE INDEX events_entity ON events(entity, entity_id);" },

	/*
	 * 5 -> 6: an "add" event may have no after: the record as added is
	 * then the record itself, until its first change (sq_keep_added). No
	 * table changes; the version keeps an older vk from reading such an
	 * event as an add of nothing.
	 */
	{ .sql =
	"SELECT 1" },

	/*
	 * 6 -> 7: the "add" events of consecutive ids added in the same
	 * second by one transaction are kept as one run: event ids
	 * first_event.. for records first_id.. (add_to_run in history.c). An
	 * import of a million rows then writes a few hundred rows of history,
	 * not a million. Reading, a run is an add event a record
	 * (vk_store_events).
	 */
	{ .sql =
	"CREATE TABLE added_runs (first_event INTEGER PRIMARY KEY, entity TEXT NOT NULL,"
	" first_id INTEGER NOT NULL, count INTEGER NOT NULL, at TEXT NOT NULL,"
	" \"user\" TEXT NOT NULL);"
	"CREATE INDEX added_runs_entity ON added_runs(entity, first_id);" },

	/*
	 * 7 -> 8: the goals model: themes declared, goals under them with a
	 * baseline and a target (numbers that may be decimal: REAL), their
	 * measurements, and the goals a trial serves (a list of references:
	 * a side table, as the trial's participants).
	 */
	{ .sql =
	"CREATE TABLE themes ("
	" id INTEGER PRIMARY KEY,"
	" name TEXT NOT NULL, description TEXT);"
	"CREATE TABLE goals ("
	" id INTEGER PRIMARY KEY,"
	" theme TEXT, title TEXT NOT NULL, indicator TEXT, unit TEXT, source TEXT,"
	" direction TEXT NOT NULL, baseline REAL, baseline_date TEXT, target REAL,"
	" target_date TEXT, owner INTEGER, notes TEXT);"
	"CREATE INDEX goals_owner ON goals(owner);"
	"CREATE TABLE measurements ("
	" id INTEGER PRIMARY KEY,"
	" goal INTEGER NOT NULL, date TEXT NOT NULL, value REAL NOT NULL,"
	" respondents INTEGER, source TEXT, notes TEXT);"
	"CREATE INDEX measurements_goal ON measurements(goal, date);"
	"ALTER TABLE trials ADD COLUMN goals TEXT;"
	"CREATE TABLE trial_goals (owner_id INTEGER NOT NULL, value INTEGER NOT NULL,"
	" PRIMARY KEY (owner_id, value)) WITHOUT ROWID;"
	"CREATE INDEX trial_goals_value ON trial_goals(value);" },

	/*
	 * 8 -> 9: a milestone may be a meeting at its hour: time and
	 * end_time, HH:MM of local time (a milestone without them is all day).
	 */
	{ .sql =
	"ALTER TABLE milestones ADD COLUMN time TEXT;"
	"ALTER TABLE milestones ADD COLUMN end_time TEXT;" },
};

/* The schema version this vk writes: the number of steps. */
enum { SCHEMA_VERSION = ARRAY_SIZE(migrations) };

/*
 * Stores of schema 8 are in use: with fewer steps, this vk would take
 * them for a newer schema than its own.
 */
_Static_assert(SCHEMA_VERSION >= 8, "a step of the migrations was taken out");

int vk_store_schema_version(void)
{
	return SCHEMA_VERSION;
}

/* Whether a table has AUTOINCREMENT ids (made by vk before schema 5). */
static bool has_autoincrement(struct vk_store *s)
{
	sqlite3_stmt *st = sq_prepare(s, "SELECT 1"
				      " FROM sqlite_master"
				      " WHERE type = 'table'"
				      " AND sql LIKE '%AUTOINCREMENT%'");
	int rc = sqlite3_step(st);

	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		sq_die(s, "reading the schema");
	return rc == SQLITE_ROW;
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
	st = sq_prepare(s, "INSERT INTO meta (key, value)"
			" VALUES ('id', ?)"
			" ON CONFLICT (key) DO NOTHING");
	sqlite3_bind_text(st, 1, hex, -1, SQLITE_TRANSIENT);
	sq_step_done(s, st, "naming the store");
	sqlite3_finalize(st);
}

const char *vk_store_id(struct vk_store *s)
{
	sqlite3_stmt *st;

	if (s->id[0])
		return s->id;
	st = sq_prepare(s, "SELECT value FROM meta WHERE key = 'id'");
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(s->id, sizeof(s->id), "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return s->id;
}

/* The schema version s's file says it has (PRAGMA user_version). */
static int user_version(struct vk_store *s)
{
	sqlite3_stmt *st = sq_prepare(s, "PRAGMA user_version");
	int version;

	if (sqlite3_step(st) != SQLITE_ROW)
		sq_die(s, "reading the schema version");
	version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return version;
}

int sq_migrate(struct vk_store *s)
{
	int version = user_version(s), found;

	if (version == SCHEMA_VERSION)
		return SCHEMA_VERSION;
	if (version > SCHEMA_VERSION)
		vk_die(VK_EXIT_DATAERR, "%s: the database has schema version %d; this vk knows "
		       "up to %d: use a newer vk", s->path, version, SCHEMA_VERSION);
	vk_store_begin(s);
	/* another process may have migrated while we waited for the lock */
	version = user_version(s);
	found = version;
	for (; version < SCHEMA_VERSION; version++) {
		const struct step *step = &migrations[version];
		char pragma[64];
		if (!step->needed || step->needed(s))
			sq_exec(s, step->sql, "upgrading the schema");
		snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", version + 1);
		sq_exec(s, pragma, "upgrading the schema");
	}
	set_store_id(s);
	vk_store_commit(s);
	return found;
}

/*
 * Reads the version before anything is written to the file: 0 when it
 * holds nothing yet (an empty file, or an SQLite database without a
 * table), where a store can be made. Anything else that is not a vk store
 * (another program's database, a file that is no SQLite database) is
 * refused. Every vk schema has had these tables.
 */
int sq_stored_schema(struct vk_store *s)
{
	static const char sql[] =
		"SELECT (SELECT user_version FROM pragma_user_version),"
		" count(*),"
		" coalesce(sum(type = 'table' AND name IN ('stakeholders', 'engagements', 'inputs',"
		" 'milestones', 'trials', 'learnings', 'events')), 0)"
		" FROM sqlite_master";
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
		sq_not_a_store(s->path);
	if (rc != SQLITE_ROW)
		sq_die(s, "reading the schema");
	version = sqlite3_column_int(st, 0);
	objects = sqlite3_column_int(st, 1);
	vk_tables = sqlite3_column_int(st, 2);
	sqlite3_finalize(st);
	if (version == 0 && objects == 0)
		return 0;
	if (version < 1 || vk_tables != 7)
		sq_not_a_store(s->path);
	return version;
}

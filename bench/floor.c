/*
 * floor.c: the bench's second reference for an import: the writes vk's
 * import makes, and nothing else (bench/run.sh, issue 7).
 *
 *	floor STORE FILE.csv
 *
 * STORE is an empty store made by vk (same schema, same indexes). FILE is
 * the bench's stakeholders.csv (id first, then the 12 other fields). In
 * one transaction, a row at a time, it parses the CSV (libcsv, on this
 * thread) and writes what vk writes for an added record: the row, with
 * created and updated, and its history: the adds of consecutive ids in
 * one second as one row of added_runs (schema 7). It converts nothing
 * and checks nothing: no UTF-8, no vocabularies, no ids, lists stored as
 * they come. So its time is the least any program needs that keeps
 * vk's records, its town index and its history in SQLite; vk's own work
 * is what it takes beyond that.
 */
#include <csv.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define FIELDS 13

struct row {
	sqlite3 *db;
	sqlite3_stmt *insert, *run;
	long long run_first, run_count, next_event;
	char run_at[21];
	char *cell[FIELDS];
	size_t len[FIELDS], cap[FIELDS];
	int n;
	long rows;
	char now[21];
};

static void die(sqlite3 *db, const char *doing)
{
	fprintf(stderr, "floor: %s: %s\n", doing, db ? sqlite3_errmsg(db) : "failed");
	exit(1);
}

static void on_field(void *s, size_t len, void *data)
{
	struct row *r = data;

	if (r->n < FIELDS) {
		if (len + 1 > r->cap[r->n]) {
			r->cap[r->n] = len + 64;
			r->cell[r->n] = realloc(r->cell[r->n], r->cap[r->n]);
			if (!r->cell[r->n])
				die(NULL, "out of memory");
		}
		memcpy(r->cell[r->n], s, len);
		r->cell[r->n][len] = '\0';
		r->len[r->n] = len;
	}
	r->n++;
}

static void step(struct row *r, sqlite3_stmt *st)
{
	if (sqlite3_step(st) != SQLITE_DONE)
		die(r->db, "writing");
	sqlite3_reset(st);
}

/* Writes the run of adds held, if any. */
static void write_run(struct row *r)
{
	if (!r->run_count)
		return;
	sqlite3_bind_int64(r->run, 1, r->next_event);
	sqlite3_bind_int64(r->run, 2, r->run_first);
	sqlite3_bind_int64(r->run, 3, r->run_count);
	sqlite3_bind_text(r->run, 4, r->run_at, -1, SQLITE_STATIC);
	step(r, r->run);
	r->next_event += r->run_count;
	r->run_count = 0;
}

static void on_row(int c, void *data)
{
	struct row *r = data;
	long long id;

	(void)c;
	if (r->rows++ == 0 || r->n != FIELDS) {	/* the header */
		r->n = 0;
		return;
	}
	id = strtoll(r->cell[0], NULL, 10);
	sqlite3_bind_int64(r->insert, 1, id);
	for (int i = 1; i < FIELDS; i++) {
		if (r->len[i])
			sqlite3_bind_text(r->insert, i + 1, r->cell[i], (int)r->len[i], SQLITE_STATIC);
		else
			sqlite3_bind_null(r->insert, i + 1);
	}
	sqlite3_bind_text(r->insert, FIELDS + 1, r->now, -1, SQLITE_STATIC);
	sqlite3_bind_text(r->insert, FIELDS + 2, r->now, -1, SQLITE_STATIC);
	step(r, r->insert);
	/* as vk: one run of consecutive ids a second */
	time_t t = time(NULL);
	char at[21];
	strftime(at, sizeof(at), "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));
	if (r->run_count && (id != r->run_first + r->run_count || strcmp(at, r->run_at)))
		write_run(r);
	if (!r->run_count) {
		r->run_first = id;
		memcpy(r->run_at, at, sizeof(at));
	}
	r->run_count++;
	r->n = 0;
}

int main(int argc, char **argv)
{
	struct row r = { 0 };
	struct csv_parser p;
	char buf[65536];
	size_t got;
	FILE *in;
	time_t t = time(NULL);

	if (argc != 3) {
		fprintf(stderr, "usage: floor STORE FILE.csv\n");
		return 2;
	}
	strftime(r.now, sizeof(r.now), "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));
	r.next_event = 1;	/* the store is empty */
	if (!(in = fopen(argv[2], "rb"))) {
		perror(argv[2]);
		return 1;
	}
	if (sqlite3_open_v2(argv[1], &r.db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		die(r.db, argv[1]);
	/* as vk's import into a store it creates: a rollback journal, 16 MiB of cache */
	if (sqlite3_exec(r.db, "PRAGMA journal_mode = DELETE; PRAGMA cache_size = -16384;"
			 " BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		die(r.db, "starting");
	if (sqlite3_prepare_v2(r.db, "INSERT INTO stakeholders VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
			       " ?, ?, ?, ?, ?)", -1, &r.insert, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(r.db, "INSERT INTO added_runs (first_event, entity, first_id, count,"
			       " at, \"user\") VALUES (?, 'stakeholder', ?, ?, ?, 'bench')", -1, &r.run,
			       NULL) != SQLITE_OK)
		die(r.db, "preparing");
	if (csv_init(&p, CSV_APPEND_NULL) != 0)
		die(NULL, "csv_init");
	while ((got = fread(buf, 1, sizeof(buf), in)) > 0)
		if (csv_parse(&p, buf, got, on_field, on_row, &r) != got)
			die(NULL, csv_strerror(csv_error(&p)));
	csv_fini(&p, on_field, on_row, &r);
	csv_free(&p);
	write_run(&r);
	if (ferror(in))
		die(NULL, "read error");
	fclose(in);
	sqlite3_finalize(r.insert);
	sqlite3_finalize(r.run);
	if (sqlite3_exec(r.db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		die(r.db, "committing");
	if (sqlite3_close(r.db) != SQLITE_OK)
		die(r.db, "closing");
	for (int i = 0; i < FIELDS; i++)
		free(r.cell[i]);
	printf("%ld rows\n", r.rows - 1);
	return 0;
}

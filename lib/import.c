/* import.c: see import.h */
#include <assert.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "change.h"
#include "error.h"
#include "history.h"
#include "import.h"
#include "reader.h"
#include "reader_thread.h"
#include "utf8.h"

/*
 * Where a row stands: its line, and in a JSON array its element (from 0,
 * as jq counts; -1 elsewhere), since a whole array may be one line.
 */
struct place {
	long line;
	long element;
};

struct report_line {
	struct place at;
	size_t seq;	/* keeps a row's problems in the order found */
	char *text;
};

struct pending {
	long long id;
	struct place at;
};

struct import_state {
	const struct vk_entity *e;
	const char *name;
	const struct vk_import_options *opts;
	FILE *out;
	struct vk_import_result *result;
	struct strbuf line;
	FILE *dry;	/* --dry-run's report, shown only when every row is good */
	/* rows that refer to records not there when they were read */
	struct pending *pending;
	size_t npending, apending;
	struct report_line *reports;
	size_t nreports, areports;
	size_t dropped;		/* problems past MAX_KEPT: counted, not kept */
};

/*
 * Keeps a problem of the row at line, to print in line order at the end
 * (rows that referred ahead are checked after the last row). Keeps the
 * first MAX_KEPT; counts them all.
 */
#define MAX_KEPT 1000

static void report(struct import_state *st, struct place at, const char *field,
		   const char *message)
{
	struct strbuf sb = STRBUF_INIT;

	st->result->bad++;
	if (st->nreports == MAX_KEPT) {
		st->dropped++;
		return;
	}
	if (st->nreports == st->areports) {
		st->areports = st->areports ? st->areports * 2 : 16;
		st->reports = vk_realloc(st->reports, st->areports * sizeof(*st->reports));
	}
	strbuf_addf(&sb, "%s:%ld: ", st->name, at.line);
	if (at.element >= 0)
		strbuf_addf(&sb, "[%ld]: ", at.element);
	if (field) {
		/* a column's name from the file, when it is no field */
		utf8_add_shown(&sb, field, UTF8_SHOWN_CHARS, false);
		strbuf_addstr(&sb, ": ");
	}
	strbuf_addstr(&sb, message);
	st->reports[st->nreports].at = at;
	st->reports[st->nreports].seq = st->nreports;
	st->reports[st->nreports].text = strbuf_detach(&sb, NULL);
	st->nreports++;
}

static int by_line(const void *a, const void *b)
{
	const struct report_line *x = a, *y = b;

	if (x->at.line != y->at.line)
		return x->at.line < y->at.line ? -1 : 1;
	if (x->at.element != y->at.element)
		return x->at.element < y->at.element ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Prints the kept problems of the first VK_IMPORT_MAX_REPORTED bad rows, in line order. */
static void print_reports(struct import_state *st)
{
	size_t rows = 0;
	struct place last = { .line = -1, .element = -1 };

	if (!st->nreports)
		return;
	qsort(st->reports, st->nreports, sizeof(*st->reports), by_line);
	fflush(stdout);
	for (size_t i = 0; i < st->nreports; i++) {
		/* a row is a line, or an element of an array on one line */
		if (i == 0 || st->reports[i].at.line != last.line ||
		    st->reports[i].at.element != last.element) {
			last = st->reports[i].at;
			if (++rows > VK_IMPORT_MAX_REPORTED)
				break;
		}
		fprintf(stderr, "%s\n", st->reports[i].text);
	}
	for (size_t i = 0; i < st->nreports; i++)
		free(st->reports[i].text);
	free(st->reports);
	if (st->dropped)
		vk_warn("%s: %zu more problems not shown", st->name, st->dropped);
}

static void report_problems(struct import_state *st, struct place at, struct vk_problems *pr)
{
	for (size_t i = 0; i < pr->count; i++) {
		/* one row counts once however many problems it has */
		if (i)
			st->result->bad--;
		report(st, at, pr->items[i].field, pr->items[i].message);
	}
}

static void print_dry(struct import_state *st, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void print_dry(struct import_state *st, const char *fmt, ...)
{
	va_list ap;

	if (!st->dry || st->result->bad)
		return;
	va_start(ap, fmt);
	vfprintf(st->dry, fmt, ap);
	va_end(ap);
}

static void remember_pending(struct import_state *st, long long id, struct place at)
{
	if (st->npending == st->apending) {
		st->apending = st->apending ? st->apending * 2 : 64;
		st->pending = vk_realloc(st->pending, st->apending * sizeof(*st->pending));
	}
	st->pending[st->npending].id = id;
	st->pending[st->npending].at = at;
	st->npending++;
}

/* After the last row: the rows that referred ahead must now refer to records that exist. */
static void recheck_pending(struct vk_store *s, struct import_state *st)
{
	for (size_t i = 0; i < st->npending; i++) {
		struct vk_problems pr = VK_PROBLEMS_INIT;
		vk_change_recheck(s, st->e, st->pending[i].id, &pr);
		if (pr.count)
			report_problems(st, st->pending[i].at, &pr);
		vk_problems_clear(&pr);
	}
}

/*
 * On the reading thread (reader_thread.h): a row's values converted to
 * what its fields hold. What goes along (the extra): the problems found.
 * CSV's columns are known before the thread starts: field[i] is the
 * index of column i's field, TYPE_COLUMN, or SKIPPED (--ignore-unknown).
 */
#define TYPE_COLUMN (-1)
#define SKIPPED (-2)

struct convert_work {
	const struct vk_entity *e;
	bool ignore_unknown;
	enum vk_value_source json;	/* VK_FROM_JSON, or VK_FROM_JSON_RAW (--raw) */
	int *field;
	size_t ncolumns;
	size_t name_len[VK_MAX_FIELDS];	/* of each field's name */
};

struct converted {
	struct vk_problems problems;
};

/*
 * CSV's cells to a record, as vk_record_convert_own() makes it of their
 * strings: converted in the columns' order (so are the problems), kept
 * in the fields' order (the store binds them so: vk_store_insert()).
 */
static json_t *convert_cells(const struct convert_work *w, const struct vk_input_cell *cells,
			     struct vk_problems *pr)
{
	const struct vk_entity *e = w->e;
	json_t *by_field[VK_MAX_FIELDS] = { NULL };
	json_t *values = json_object();
	const struct vk_input_cell *type = NULL;

	for (size_t i = 0; i < w->ncolumns; i++) {
		const struct vk_input_cell *c = &cells[i];
		int f = w->field[i];

		if (f >= 0) {
			by_field[f] = vk_field_convert_text(&e->fields[f], c->text, c->len,
							    VK_FROM_TEXT, pr);
		} else if (f == TYPE_COLUMN) {
			type = c;
			if (strcmp(c->text, e->name))
				vk_problems_add(pr, "type", "this is not a %s record", e->name);
		}
	}
	for (size_t f = 0; f < e->nfields; f++) {
		/* add() sets the timestamps: in their place, not appended */
		if (!by_field[f] && e->fields[f].type == VK_FIELD_TIMESTAMP)
			by_field[f] = json_null();
		if (by_field[f])
			json_object_setn_new_nocheck(values, e->fields[f].name, w->name_len[f],
						     by_field[f]);
	}
	if (type)
		json_object_set_new_nocheck(values, "type", json_stringn_nocheck(type->text,
										  type->len));
	return values;
}

static json_t *convert_row(json_t *row, const struct vk_input_cell *cells, size_t ncells,
			   void **extra, void *data)
{
	const struct convert_work *w = data;
	struct converted *c = vk_calloc(1, sizeof(*c));
	json_t *values = row ? vk_record_convert_own(w->e, row, w->json, w->ignore_unknown,
						     &c->problems)
			     : convert_cells(w, cells, &c->problems);

	(void)ncells;	/* the reader gives as many as the header has columns */

	*extra = c;
	return values;
}

static void free_converted(void *converted)
{
	struct converted *c = converted;

	vk_problems_clear(&c->problems);
	free(c);
}

/* ", [17]" for a --dry-run line of an element of an array, else "" (buf holds it). */
static const char *element_text(struct place at, char buf[32])
{
	buf[0] = '\0';
	if (at.element >= 0)
		snprintf(buf, 32, ", [%ld]", at.element);
	return buf;
}

/*
 * Adds or updates the record of one row: values (the caller's) are its
 * converted cells, c what conversion made of them (taken over and freed).
 */
static void import_values(struct vk_store *s, struct import_state *st, json_t *values,
			  struct converted *c, struct place at)
{
	struct vk_problems pr = c->problems;
	json_t *id = json_object_get(values, "id");
	json_t *old = NULL;
	char elem[32];

	free(c);
	if (pr.count)
		goto done;
	if (json_is_integer(id)) {
		if (!vk_store_mark_seen(s, json_integer_value(id))) {
			vk_problems_add(&pr, "id", "%lld appears twice in this import",
					(long long)json_integer_value(id));
			goto done;
		}
		if (vk_store_may_exist(s, st->e, json_integer_value(id)))
			old = vk_store_get(s, st->e, json_integer_value(id));
	}
	if (old) {
		json_t *before = NULL, *after = NULL;
		bool pending;
		int rc = vk_change_update_pending(s, st->e, old, values, st->opts->force, &pr, &before,
						  &after, &pending);
		if (pending)
			remember_pending(st, json_integer_value(id), at);
		if (rc == 1) {
			st->result->updated++;
			if (st->opts->dry_run && !st->result->bad) {
				strbuf_reset(&st->line);
				vk_history_describe(before, after, &st->line);
				print_dry(st, "update %s %lld (line %ld%s): %s\n", st->e->name,
					  (long long)json_integer_value(id), at.line,
					  element_text(at, elem), st->line.buf);
			}
		} else if (rc == 0) {
			st->result->unchanged++;
		}
		json_decref(before);
		json_decref(after);
	} else {
		bool pending;
		long long new_id = vk_change_add_pending(s, st->e, values, &pr, &pending);
		if (new_id && pending)
			remember_pending(st, new_id, at);
		if (new_id) {
			const struct vk_field *title = vk_entity_title(st->e);
			json_t *t = title ? json_object_get(values, title->name) : NULL;
			st->result->added++;
			if (st->opts->dry_run && !st->result->bad) {
				strbuf_reset(&st->line);
				if (json_is_string(t))
					utf8_addquoted(&st->line, json_string_value(t));
				print_dry(st, "add %s %lld (line %ld%s): %s\n", st->e->name, new_id,
					  at.line, element_text(at, elem), st->line.buf);
			}
		}
	}
done:
	if (pr.count)
		report_problems(st, at, &pr);
	vk_problems_clear(&pr);
	json_decref(old);
}

/* Checks CSV's header once: unknown columns, and the type column. */
static bool check_columns(struct import_state *st, struct vk_reader *r)
{
	size_t n, nunknown = 0;
	const char *const *cols = vk_reader_columns(r, &n);
	const char **unknown;
	struct vk_problems pr = VK_PROBLEMS_INIT;

	if (!cols || st->opts->ignore_unknown)
		return true;
	unknown = vk_calloc(n + 1, sizeof(*unknown));
	for (size_t i = 0; i < n; i++)
		if (!vk_entity_field(st->e, cols[i]) && strcmp(cols[i], "type"))
			unknown[nunknown++] = cols[i];
	/* one message for the header, however many of its columns are wrong */
	vk_problems_add_unknown(&pr, st->e, unknown, nunknown, "columns");
	free(unknown);
	if (pr.count)
		report_problems(st, (struct place){ 1, -1 }, &pr);
	vk_problems_clear(&pr);
	return !nunknown;
}

/*
 * Takes what the reader gave: a bad row is reported, a converted one (row
 * and its extra, both taken over) imported. ahead, if not NULL, gets the
 * row back to free. Returns whether the reader can go on.
 */
static bool take_row(struct vk_store *s, struct import_state *st, struct vk_reader_thread *ahead,
		     enum vk_read_result rr, json_t *row, void *extra, struct place at,
		     const char *error, bool can_continue)
{
	if (rr == VK_READ_ERROR) {
		report(st, at, NULL, error);
		return can_continue;
	}
	import_values(s, st, row, extra, at);
	if (ahead)
		vk_reader_thread_give_back(ahead, row);
	else
		json_decref(row);
	return true;
}

int vk_import(struct vk_store *s, const struct vk_entity *e, FILE *in, const char *name,
	      const struct vk_import_options *opts, FILE *out, struct vk_import_result *result)
{
	struct vk_reader_options ro = { .format = opts->from, .delimiter = opts->delimiter,
					.raw = opts->raw };
	struct vk_reader *r = vk_reader_open(in, name, &ro);
	struct import_state st = { .e = e, .name = name, .opts = opts, .out = out,
				   .result = result, .line = STRBUF_INIT };
	struct convert_work work = { .e = e, .ignore_unknown = opts->ignore_unknown,
				     .json = opts->raw ? VK_FROM_JSON_RAW : VK_FROM_JSON };
	struct vk_reader_thread *ahead = NULL;
	enum vk_read_result rr;
	json_t *row = NULL;
	const struct vk_input_cell *cells;
	size_t ncells;
	void *extra = NULL;
	long line = 0;
	bool text;

	memset(result, 0, sizeof(*result));
	if (opts->dry_run && !(st.dry = tmpfile()))
		vk_die(VK_EXIT_CANTCREAT, "cannot make a temporary file for --dry-run: %s",
		       strerror(errno));
	vk_store_bulk(s);
	vk_store_begin(s);
	/*
	 * The first row is read here, so that a wrong header stops the import
	 * before a thread reads on; the rest are read and converted on a
	 * thread of their own while this one checks and stores.
	 */
	rr = vk_reader_next_cells(r, &row, &cells, &ncells, &line);
	text = vk_reader_is_text(r);
	if (text && !check_columns(&st, r)) {
		/* the header is wrong for every row: stop here */
		json_decref(row);
		rr = VK_READ_END;
	}
	if (text) {
		const char *const *columns = vk_reader_columns(r, &work.ncolumns);
		work.field = vk_calloc(work.ncolumns + 1, sizeof(*work.field));
		assert(e->nfields <= VK_MAX_FIELDS);
		for (size_t f = 0; f < e->nfields; f++)
			work.name_len[f] = strlen(e->fields[f].name);
		for (size_t i = 0; i < work.ncolumns; i++) {
			const struct vk_field *f = vk_entity_field(e, columns[i]);
			work.field[i] = f ? (int)(f - e->fields) :
				!strcmp(columns[i], "type") ? TYPE_COLUMN : SKIPPED;
		}
	}
	if (rr == VK_READ_RECORD)
		row = convert_row(row, cells, ncells, &extra, &work);
	if (rr != VK_READ_END &&
	    take_row(s, &st, NULL, rr, row, extra, (struct place){ line, vk_reader_element(r) },
		     vk_reader_error(r), vk_reader_can_continue(r))) {
		ahead = vk_reader_thread_start(r, &(struct vk_reader_thread_work){
			convert_row, free_converted, &work });
		while ((rr = vk_reader_thread_next(ahead, &row, &line)) != VK_READ_END &&
		       take_row(s, &st, ahead, rr, row, vk_reader_thread_take_extra(ahead),
				(struct place){ line, vk_reader_thread_element(ahead) },
				vk_reader_thread_error(ahead), vk_reader_thread_can_continue(ahead)))
			;
	}
	vk_reader_thread_stop(ahead);
	free(work.field);
	recheck_pending(s, &st);
	free(st.pending);
	if (ferror(in))
		report(&st, (struct place){ line, -1 }, NULL, "read error");
	vk_reader_close(r);
	vk_store_forget_seen(s);
	strbuf_release(&st.line);

	print_reports(&st);
	if (result->bad) {
		if (st.dry)
			fclose(st.dry);
		vk_store_rollback(s);
		if (result->bad > VK_IMPORT_MAX_REPORTED)
			vk_warn("%s: %zu more bad rows not shown", name,
				result->bad - VK_IMPORT_MAX_REPORTED);
		vk_warn("%s: %zu bad row%s: nothing was imported", name, result->bad,
			result->bad == 1 ? "" : "s");
		return VK_EXIT_DATAERR;
	}
	if (opts->dry_run) {
		char buf[8192];
		size_t n;
		vk_store_rollback(s);
		rewind(st.dry);
		while ((n = fread(buf, 1, sizeof(buf), st.dry)) > 0)
			if (fwrite(buf, 1, n, out) != n)
				vk_die(VK_EXIT_IOERR, "write error: %s", strerror(errno));
		fclose(st.dry);
		fprintf(out, "would add %zu, update %zu, leave %zu unchanged\n", result->added,
			result->updated, result->unchanged);
		return VK_EXIT_OK;
	}
	vk_store_commit(s);
	return VK_EXIT_OK;
}

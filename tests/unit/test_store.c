/*
 * test_store.c: unit tests of lib/store/ (the SQLite store, through lib/store.h) and
 * lib/change.c (adding, changing and removing records with their checks
 * and history).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "change.h"
#include "date.h"
#include "error.h"
#include "record.h"
#include "schema.h"
#include "store.h"
#include "strbuf.h"
#include "writer.h"

/* ---- helpers ---- */

#include "unit.h"	/* J(), expect_json(), check_json() */

static char *problems_text(const struct vk_problems *p)
{
	struct strbuf sb = STRBUF_INIT;

	for (size_t i = 0; i < p->count; i++) {
		if (i)
			strbuf_addch(&sb, '\n');
		vk_problem_format(p, i, &sb);
	}
	return strbuf_detach(&sb, NULL);
}

#define expect_problems(p, want) do { \
		char *got_ = problems_text(p); \
		if (strcmp(got_, want) != 0) \
			fail_msg("problems\n%s\nwant\n%s", got_, want); \
		free(got_); \
	} while (0)

/*
 * Inserts a record of e given as JSON text (completed; created and
 * updated set when the entity has them and the text does not).
 */
static long long insert(struct vk_store *s, const struct vk_entity *e, const char *text)
{
	json_t *v = J(text);
	json_t *r = vk_record_complete(e, v);
	long long id;

	if (vk_entity_field(e, "created") && json_is_null(json_object_get(r, "created")))
		json_object_set_new(r, "created", json_string("2024-03-01T09:00:00Z"));
	if (vk_entity_field(e, "updated") && json_is_null(json_object_get(r, "updated")))
		json_object_set_new(r, "updated", json_string("2024-03-01T09:00:00Z"));
	id = vk_store_insert(s, e, r);
	json_decref(r);
	json_decref(v);
	return id;
}

/* The ids a query gives, as "1,2,3". */
static char *query_ids(struct vk_store *s, const struct vk_query *q)
{
	struct strbuf sb = STRBUF_INIT;
	struct vk_cursor *c = vk_store_query(s, q);
	json_t *r;

	while ((r = vk_cursor_next(c))) {
		if (sb.len)
			strbuf_addch(&sb, ',');
		assert_string_equal(json_string_value(json_object_get(r, "type")), q->entity->name);
		strbuf_addf(&sb, "%lld", (long long)json_integer_value(json_object_get(r, "id")));
		json_decref(r);
	}
	vk_cursor_close(c);
	return strbuf_detach(&sb, NULL);
}

/* Runs a query of one filter (value JSON text or NULL) and checks the ids. */
#define finds(s, e, field, op, value, want) \
	check_find(s, e, field, op, value, NULL, false, 0, want, __FILE__, __LINE__)
#define sorts(s, e, sort, desc, limit, want) \
	check_find(s, e, NULL, 0, NULL, sort, desc, limit, want, __FILE__, __LINE__)

static void check_find(struct vk_store *s, const struct vk_entity *e, const char *field,
		       enum vk_filter_op op, const char *value, const char *sort, bool desc,
		       long long limit, const char *want, const char *file, int line)
{
	json_t *v = value ? J(value) : NULL;
	struct vk_filter f = { field, op, v };
	struct vk_query q = { e, field ? &f : NULL, field ? 1 : 0, sort, desc, limit };
	char *got = query_ids(s, &q);

	if (strcmp(got, want) != 0)
		fail_msg("%s:%d: got ids [%s], want [%s]", file, line, got, want);
	free(got);
	json_decref(v);
}

/* The events of (entity, id) as one JSON array of {entity, entity_id, action, before, after}. */
static json_t *events_of(struct vk_store *s, const char *entity, long long id)
{
	json_t *all = json_array();
	struct vk_cursor *c = vk_store_events(s, entity, id);
	json_t *ev;

	while ((ev = vk_cursor_next(c))) {
		json_array_append_new(all, json_pack("{sOsOsOsOsO}",
			"entity", json_object_get(ev, "entity"),
			"entity_id", json_object_get(ev, "entity_id"),
			"action", json_object_get(ev, "action"),
			"before", json_object_get(ev, "before"),
			"after", json_object_get(ev, "after")));
		json_decref(ev);
	}
	vk_cursor_close(c);
	return all;
}

static size_t count_events(struct vk_store *s)
{
	json_t *all = events_of(s, NULL, 0);
	size_t n = json_array_size(all);

	json_decref(all);
	return n;
}

/* Sends fd 2 to a temporary file until the matching end_capture(). */
struct capture {
	FILE *tmp;
	int saved;
};

static void begin_capture(struct capture *c)
{
	fflush(stderr);
	c->tmp = tmpfile();
	assert_non_null(c->tmp);
	c->saved = dup(2);
	assert_true(c->saved >= 0);
	assert_true(dup2(fileno(c->tmp), 2) >= 0);
}

static char *end_capture(struct capture *c)
{
	char *text;
	struct strbuf sb = STRBUF_INIT;
	char buf[1024];
	size_t n;

	fflush(stderr);
	dup2(c->saved, 2);
	close(c->saved);
	rewind(c->tmp);
	while ((n = fread(buf, 1, sizeof(buf), c->tmp)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(c->tmp);
	text = strbuf_detach(&sb, NULL);
	return text;
}

/* A fresh store in memory for each test. */
static int setup(void **state)
{
	setenv("USER", "aviaja", 1);
	unsetenv("VK_LOCK_TIMEOUT");
	setenv("VK_TODAY", "2024-06-15", 1);
	*state = vk_store_open_memory();
	return *state ? 0 : -1;
}

static int teardown(void **state)
{
	vk_store_close(*state);
	unsetenv("VK_TODAY");
	return 0;
}

/* A value for field f of the right type, not null and not empty. */
static json_t *sample_value(const struct vk_field *f, size_t salt)
{
	char buf[200];

	switch (f->type) {
	case VK_FIELD_ID:
		return json_null();
	case VK_FIELD_TEXT:
		snprintf(buf, sizeof(buf), "%s %zu: \"Æblegrød\", sagde Aviaja Kristiansen-Kleist,\n"
			 "i Tasiilaq; ø og å", f->name, salt);
		return json_string(buf);
	case VK_FIELD_INT:
		return json_integer(f->max > f->min ? f->max - 1 : f->min);
	case VK_FIELD_NUMBER:
		/* a decimal one and a whole one: each reads back as it went in */
		return salt % 2 ? json_real(42.5 + (double)salt) : json_integer((json_int_t)salt + 60);
	case VK_FIELD_DATE:
		snprintf(buf, sizeof(buf), "2024-0%zu-1%zu", 1 + salt % 9, salt % 10);
		return json_string(buf);
	case VK_FIELD_TIMESTAMP:
		snprintf(buf, sizeof(buf), "2024-02-0%zuT1%zu:30:00Z", 1 + salt % 9, salt % 10);
		return json_string(buf);
	case VK_FIELD_TIME:
		/* a later field a later hour: a milestone's end_time after its time */
		snprintf(buf, sizeof(buf), "%02zu:%02zu", 4 + salt % 20, salt * 5 % 60);
		return json_string(buf);
	case VK_FIELD_ENUM:
		return json_string(f->vocab->values[(salt + 1) % f->vocab->count]);
	case VK_FIELD_ENUM_LIST:
		return json_pack("[ss]", f->vocab->values[1], f->vocab->values[0]);
	case VK_FIELD_TEXT_LIST:
		return json_pack("[ss]", "kultur, sprog og identitet", "bolig");
	case VK_FIELD_REF:
		return json_integer((json_int_t)salt + 1);
	case VK_FIELD_REF_LIST:
		return json_pack("[II]", (json_int_t)salt + 3, (json_int_t)1);
	case VK_FIELD_COUNTS:
		return json_pack("{sisi}", "citizen", 12, "employee", 3);
	}
	return json_null();
}

/* A complete record of e with a value in every field. */
static json_t *full_record(const struct vk_entity *e)
{
	json_t *r = vk_record_complete(e, NULL);

	for (size_t i = 0; i < e->nfields; i++)
		json_object_set_new(r, e->fields[i].name, sample_value(&e->fields[i], i));
	return r;
}

/* ---- the schema ---- */

/* Every field of every entity has a column: a full record reads back equal. */
static void test_every_field_round_trips(void **state)
{
	struct vk_store *s = *state;

	for (size_t k = 0; vk_entities[k]; k++) {
		const struct vk_entity *e = vk_entities[k];
		json_t *r = full_record(e);
		long long id = vk_store_insert(s, e, r);
		json_t *got;

		assert_int_equal(id, 1);
		json_object_set_new(r, "id", json_integer(id));
		got = vk_store_get(s, e, id);
		assert_non_null(got);
		if (!json_equal(got, r)) {
			char *a = json_dumps(got, JSON_COMPACT), *b = json_dumps(r, JSON_COMPACT);
			fail_msg("%s read back as\n%s\nwant\n%s", e->name, a, b);
		}
		/* and every field is a key of what is read */
		assert_int_equal(json_object_size(got), e->nfields + 1);
		json_decref(got);

		/* an update of every field reads back equal too */
		for (size_t i = 1; i < e->nfields; i++)
			json_object_set_new(r, e->fields[i].name,
					    sample_value(&e->fields[i], i + 3));
		vk_store_update(s, e, r);
		got = vk_store_get(s, e, id);
		if (!json_equal(got, r)) {
			char *a = json_dumps(got, JSON_COMPACT), *b = json_dumps(r, JSON_COMPACT);
			fail_msg("%s updated read back as\n%s\nwant\n%s", e->name, a, b);
		}
		json_decref(got);
		json_decref(r);
	}
}

/* Prints every record of e in format as the writer prints records, or as cells. */
static char *print_all(struct vk_store *s, const struct vk_entity *e, enum vk_format format,
		       bool raw, bool as_cells)
{
	struct vk_writer_options wo = { format, false, raw };
	struct vk_query q = { e, NULL, 0, NULL, false, 0 };
	size_t ncols;
	const char *const *cols = vk_entity_columns(e, &ncols);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct vk_writer *w = vk_writer_open(f, &wo, cols, ncols);
	struct vk_cursor *c = vk_store_query(s, &q);

	if (as_cells) {
		struct vk_cell cells[24];
		assert_true(vk_writer_takes_cells(w));
		while (vk_cursor_next_cells(c, cells))
			assert_int_equal(vk_writer_cells(w, e->name, cells), 0);
	} else {
		json_t *r;
		while ((r = vk_cursor_next(c))) {
			assert_int_equal(vk_writer_row(w, r), 0);
			json_decref(r);
		}
	}
	vk_cursor_close(c);
	assert_int_equal(vk_writer_close(w), 0);
	fclose(f);
	return buf;
}

/*
 * Export prints cells straight from the store's columns: byte for byte
 * what printing the records gives, in every format that takes cells, for
 * full records, empty ones and text that needs quoting, escaping or the
 * formula guard.
 */
static void test_cells_print_as_records(void **state)
{
	struct vk_store *s = *state;
	static const char *const odd[] = {
		"=SUM(A1:A9)", "-3 grader i Qaanaaq", "\"citeret\", sagde hun", "tab\there",
		"linje 1\r\nlinje 2", "\x01\x1f kontrol", "back\\slash / skråstreg", "'apostrof",
		"Ærø; Ålborg, Øksfjord", "",
	};
	static const enum vk_format formats[] = {
		VK_FORMAT_CSV, VK_FORMAT_TSV, VK_FORMAT_JSON, VK_FORMAT_JSONL,
	};

	for (size_t k = 0; vk_entities[k]; k++) {
		const struct vk_entity *e = vk_entities[k];
		json_t *r = full_record(e);
		json_t *empty = full_record(e);

		for (size_t j = 0; j < e->nfields; j++)
			if (!(e->fields[j].flags & VK_REQUIRED) &&
			    e->fields[j].type != VK_FIELD_TIMESTAMP)
				json_object_set_new(empty, e->fields[j].name, json_null());
		vk_store_insert(s, e, r);
		vk_store_insert(s, e, empty);
		for (size_t i = 0; i < sizeof(odd) / sizeof(odd[0]); i++) {
			for (size_t j = 0; j < e->nfields; j++) {
				const struct vk_field *f = &e->fields[j];
				if (f->type == VK_FIELD_TEXT)
					json_object_set_new(r, f->name, json_string(odd[i]));
				else if (f->type == VK_FIELD_TEXT_LIST)
					json_object_set_new(r, f->name, json_pack("[ss]", odd[i], "x"));
			}
			vk_store_insert(s, e, r);
		}
		for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
			for (int raw = 0; raw < 2; raw++) {
				char *want = print_all(s, e, formats[i], raw, false);
				char *got = print_all(s, e, formats[i], raw, true);
				size_t at = 0;
				while (want[at] && want[at] == got[at])
					at++;
				if (want[at] || got[at])
					fail_msg("%s, %s%s: at byte %zu cells print\n%.80s\nrecords print\n%.80s",
						 e->name, vk_format_name(formats[i]), raw ? " raw" : "", at,
						 got + (at > 20 ? at - 20 : 0), want + (at > 20 ? at - 20 : 0));
				free(want);
				free(got);
			}
		json_decref(r);
		json_decref(empty);
	}
}

static void test_schema_version(void **state)
{
	(void)state;
	assert_true(vk_store_schema_version() >= 1);
}

static void test_realistic_round_trip(void **state)
{
	struct vk_store *s = *state;
	const char *text =
		"{\"name\": \"Aviaja Kristiansen-Kleist\", \"group\": \"citizen\","
		" \"organisation\": \"Forældrebestyrelsen, Ukaliusaq\", \"town\": \"Nuuk\","
		" \"email\": \"aviaja.k@example.gl\", \"phone\": \"+299 55 12 34\","
		" \"roles\": [\"participant\", \"working\"], \"allocation\": 0,"
		" \"influence\": \"low\", \"interest\": \"high\", \"tags\": [\"børn\", \"skole\"],"
		" \"notes\": \"Sagde: \\\"Vi skal have flere lærere\\\",\\nog ringer efter kl. 16\","
		" \"created\": \"2024-03-01T09:00:00Z\", \"updated\": \"2024-03-02T10:11:12Z\"}";
	json_t *v = J(text);
	json_t *want = vk_record_complete(&vk_entity_stakeholder, v);
	json_t *got;

	json_decref(v);
	assert_int_equal(insert(s, &vk_entity_stakeholder, text), 1);
	got = vk_store_get(s, &vk_entity_stakeholder, 1);
	json_object_set_new(want, "id", json_integer(1));
	assert_true(json_equal(got, want));
	/* "type" is set */
	assert_string_equal(json_string_value(json_object_get(got, "type")), "stakeholder");
	json_decref(got);
	json_decref(want);
	assert_null(vk_store_get(s, &vk_entity_stakeholder, 2));
	assert_null(vk_store_get(s, &vk_entity_stakeholder, 0));
	assert_null(vk_store_get(s, &vk_entity_trial, 1));
	assert_true(vk_store_exists(s, &vk_entity_stakeholder, 1));
	assert_false(vk_store_exists(s, &vk_entity_stakeholder, 2));
	assert_false(vk_store_exists(s, &vk_entity_engagement, 1));
}

/* Absent lists read back as empty lists, absent counts as an empty object. */
static void test_absent_values(void **state)
{
	struct vk_store *s = *state;
	json_t *got;

	assert_int_equal(insert(s, &vk_entity_engagement, "{\"date\": \"2024-03-05\","
				" \"kind\": \"workshop\", \"title\": \"Fremtidsværksted\"}"), 1);
	got = vk_store_get(s, &vk_entity_engagement, 1);
	expect_json(got, "{\"type\": \"engagement\", \"id\": 1, \"date\": \"2024-03-05\","
		    " \"kind\": \"workshop\", \"title\": \"Fremtidsværksted\", \"town\": null,"
		    " \"participants\": [], \"headcount\": {}, \"themes\": [], \"notes\": null}");
	json_decref(got);
	/* an empty text stays an empty text */
	assert_int_equal(insert(s, &vk_entity_engagement, "{\"date\": \"2024-03-06\","
				" \"kind\": \"meeting\", \"title\": \"Møde\", \"notes\": \"\"}"), 2);
	got = vk_store_get(s, &vk_entity_engagement, 2);
	expect_json(json_object_get(got, "notes"), "\"\"");
	json_decref(got);
}

/* ---- ids ---- */

static void test_ids_never_reused(void **state)
{
	struct vk_store *s = *state;

	assert_false(vk_store_id_used(s, &vk_entity_trial, 1));
	assert_int_equal(insert(s, &vk_entity_trial, "{\"title\": \"Madordning\", \"status\": \"idea\"}"), 1);
	assert_int_equal(insert(s, &vk_entity_trial, "{\"title\": \"Lektiecafé\", \"status\": \"idea\"}"), 2);
	assert_int_equal(insert(s, &vk_entity_trial, "{\"title\": \"Kajakklub\", \"status\": \"idea\"}"), 3);
	vk_store_delete(s, &vk_entity_trial, 3);
	assert_false(vk_store_exists(s, &vk_entity_trial, 3));
	/* removed without a trace in the history: the id counts as never given */
	assert_false(vk_store_id_used(s, &vk_entity_trial, 3));
	/* as change.c removes: with the rm in the history */
	vk_store_add_event(s, "trial", 3, "rm", NULL, NULL);
	assert_true(vk_store_id_used(s, &vk_entity_trial, 3));
	assert_true(vk_store_id_used(s, &vk_entity_trial, 2));
	assert_false(vk_store_id_used(s, &vk_entity_trial, 4));
	assert_int_equal(insert(s, &vk_entity_trial, "{\"title\": \"Kajakklub\", \"status\": \"idea\"}"), 4);
	/* each type counts its own ids */
	assert_false(vk_store_id_used(s, &vk_entity_milestone, 1));
	assert_int_equal(insert(s, &vk_entity_milestone, "{\"title\": \"Borgermøde\", \"due\": "
				"\"2024-09-30\", \"status\": \"planned\"}"), 1);
	/* removing the last one does not free its id */
	vk_store_delete(s, &vk_entity_trial, 4);
	assert_int_equal(insert(s, &vk_entity_trial, "{\"title\": \"Kajakklub\", \"status\": \"idea\"}"), 5);
}

static void test_explicit_ids(void **state)
{
	struct vk_store *s = *state;

	assert_int_equal(insert(s, &vk_entity_stakeholder, "{\"id\": 7, \"name\": \"Søren Ødegaard\"}"), 7);
	assert_true(vk_store_exists(s, &vk_entity_stakeholder, 7));
	assert_int_equal(insert(s, &vk_entity_stakeholder, "{\"name\": \"Malik Olsen\"}"), 8);
	assert_true(vk_store_id_used(s, &vk_entity_stakeholder, 7));
	assert_true(vk_store_id_used(s, &vk_entity_stakeholder, 8));
	assert_false(vk_store_id_used(s, &vk_entity_stakeholder, 9));
	/* ids below were never given to a record: store.h says "ever given" */
	assert_false(vk_store_id_used(s, &vk_entity_stakeholder, 3));
}

/* Within a write transaction the store answers from its ceiling of ids. */
static void test_ids_in_transaction(void **state)
{
	struct vk_store *s = *state;

	vk_store_begin(s);
	assert_int_equal(insert(s, &vk_entity_trial, "{\"title\": \"Madordning\", \"status\": \"idea\"}"), 1);
	assert_int_equal(insert(s, &vk_entity_trial, "{\"id\": 5, \"title\": \"Lektiecafé\", \"status\": \"idea\"}"), 5);
	/* an id only the history knows (removed before) */
	vk_store_add_event(s, "trial", 9, "rm", NULL, NULL);
	assert_true(vk_store_id_used(s, &vk_entity_trial, 9));
	assert_true(vk_store_may_exist(s, &vk_entity_trial, 9));
	assert_false(vk_store_id_used(s, &vk_entity_trial, 10));
	assert_false(vk_store_may_exist(s, &vk_entity_trial, 10));
	assert_true(vk_store_id_used(s, &vk_entity_trial, 5));
	assert_false(vk_store_id_used(s, &vk_entity_trial, 3));
	/* the ceiling rises with each insert */
	assert_int_equal(insert(s, &vk_entity_trial, "{\"id\": 12, \"title\": \"Kajakklub\", \"status\": \"idea\"}"), 12);
	assert_true(vk_store_id_used(s, &vk_entity_trial, 12));
	assert_true(vk_store_may_exist(s, &vk_entity_trial, 12));
	assert_false(vk_store_id_used(s, &vk_entity_trial, 13));
	assert_int_equal(insert(s, &vk_entity_trial, "{\"title\": \"Fodboldskole\", \"status\": \"idea\"}"), 13);
	assert_true(vk_store_id_used(s, &vk_entity_trial, 13));
	/* each type has its own */
	assert_false(vk_store_may_exist(s, &vk_entity_milestone, 1));
	vk_store_commit(s);
	/* outside a transaction: only a query can tell */
	assert_true(vk_store_may_exist(s, &vk_entity_trial, 1000));
	assert_false(vk_store_id_used(s, &vk_entity_trial, 1000));
	assert_true(vk_store_id_used(s, &vk_entity_trial, 13));
}

static void test_mark_seen(void **state)
{
	struct vk_store *s = *state;
	static const long long first[] = { 1, 2, 3, 5, 6, 100, 101 };

	vk_store_begin(s);
	for (size_t i = 0; i < sizeof(first) / sizeof(first[0]); i++)
		assert_true(vk_store_mark_seen(s, first[i]));
	for (size_t i = 0; i < sizeof(first) / sizeof(first[0]); i++)
		assert_false(vk_store_mark_seen(s, first[i]));
	/* out of order: the temporary table */
	assert_true(vk_store_mark_seen(s, 4));
	assert_false(vk_store_mark_seen(s, 4));
	assert_true(vk_store_mark_seen(s, 50));
	assert_false(vk_store_mark_seen(s, 50));
	assert_true(vk_store_mark_seen(s, -7));
	assert_false(vk_store_mark_seen(s, -7));
	/* in order again */
	assert_true(vk_store_mark_seen(s, 102));
	assert_false(vk_store_mark_seen(s, 102));
	assert_false(vk_store_mark_seen(s, 101));
	vk_store_forget_seen(s);
	assert_true(vk_store_mark_seen(s, 4));
	assert_true(vk_store_mark_seen(s, 2));
	assert_false(vk_store_mark_seen(s, 2));
	assert_true(vk_store_mark_seen(s, 100));
	vk_store_forget_seen(s);
	vk_store_rollback(s);
}

/* Many runs of increasing ids (every other one) stay exact past the runs' limit. */
static void test_mark_seen_many_runs(void **state)
{
	struct vk_store *s = *state;
	const long long n = 300000;

	vk_store_begin(s);
	for (long long id = 2; id <= 2 * n; id += 2)
		assert_true(vk_store_mark_seen(s, id));
	for (long long id = 2; id <= 2 * n; id += 20000) {
		assert_false(vk_store_mark_seen(s, id));
		assert_true(vk_store_mark_seen(s, id + 1));
	}
	assert_false(vk_store_mark_seen(s, 2 * n));
	vk_store_forget_seen(s);
	vk_store_rollback(s);
}

/* ---- changing and deleting ---- */

static void test_update_replaces_lists(void **state)
{
	struct vk_store *s = *state;
	json_t *r;

	insert(s, &vk_entity_stakeholder, "{\"name\": \"Nivi Lynge\", \"tags\": [\"ungdom\", \"fiskeri\"],"
	       " \"roles\": [\"working\"], \"town\": \"Paamiut\"}");
	insert(s, &vk_entity_stakeholder, "{\"name\": \"Malik Olsen\", \"tags\": [\"fiskeri\"]}");
	finds(s, &vk_entity_stakeholder, "tags", VK_OP_HAS, "\"fiskeri\"", "1,2");
	r = vk_store_get(s, &vk_entity_stakeholder, 1);
	json_object_set_new(r, "tags", J("[\"bolig\"]"));
	json_object_set_new(r, "roles", json_array());
	json_object_set_new(r, "town", json_null());
	vk_store_update(s, &vk_entity_stakeholder, r);
	json_decref(r);
	finds(s, &vk_entity_stakeholder, "tags", VK_OP_HAS, "\"fiskeri\"", "2");
	finds(s, &vk_entity_stakeholder, "tags", VK_OP_HAS, "\"bolig\"", "1");
	finds(s, &vk_entity_stakeholder, "roles", VK_OP_HAS, "\"working\"", "");
	r = vk_store_get(s, &vk_entity_stakeholder, 1);
	expect_json(r, "{\"type\": \"stakeholder\", \"id\": 1, \"name\": \"Nivi Lynge\", \"group\": null,"
		    " \"organisation\": null, \"town\": null, \"email\": null, \"phone\": null,"
		    " \"roles\": [], \"allocation\": null, \"influence\": null, \"interest\": null,"
		    " \"tags\": [\"bolig\"], \"notes\": null, \"created\": \"2024-03-01T09:00:00Z\","
		    " \"updated\": \"2024-03-01T09:00:00Z\"}");
	json_decref(r);
	/* the other record is untouched */
	r = vk_store_get(s, &vk_entity_stakeholder, 2);
	expect_json(json_object_get(r, "tags"), "[\"fiskeri\"]");
	json_decref(r);
}

static void test_delete_removes_lists(void **state)
{
	struct vk_store *s = *state;

	insert(s, &vk_entity_stakeholder, "{\"name\": \"Aviaja Kristiansen-Kleist\"}");
	insert(s, &vk_entity_engagement, "{\"date\": \"2024-03-05\", \"kind\": \"workshop\","
	       " \"title\": \"Fremtidsværksted i Tasiilaq\", \"participants\": [1],"
	       " \"themes\": [\"bolig\"], \"headcount\": {\"citizen\": 14}}");
	assert_int_equal(vk_store_referrers(s, &vk_entity_stakeholder, 1, NULL, NULL), 1);
	vk_store_delete(s, &vk_entity_engagement, 1);
	assert_false(vk_store_exists(s, &vk_entity_engagement, 1));
	assert_int_equal(vk_store_referrers(s, &vk_entity_stakeholder, 1, NULL, NULL), 0);
	/* a new engagement finds no leftovers of the old one's lists */
	insert(s, &vk_entity_engagement, "{\"date\": \"2024-03-06\", \"kind\": \"meeting\","
	       " \"title\": \"Møde\"}");
	finds(s, &vk_entity_engagement, "themes", VK_OP_HAS, "\"bolig\"", "");
	finds(s, &vk_entity_engagement, "headcount", VK_OP_HAS, "\"citizen\"", "");
	finds(s, &vk_entity_engagement, "participants", VK_OP_HAS, "1", "");
	/* deleting what is not there is no error */
	vk_store_delete(s, &vk_entity_engagement, 99);
	assert_true(vk_store_exists(s, &vk_entity_engagement, 2));
}

struct seen {
	struct strbuf sb;
};

static void note(const struct vk_entity *from, const struct vk_field *field, long long id,
		 void *data)
{
	struct seen *seen = data;

	strbuf_addf(&seen->sb, "%s %lld %s; ", from->name, id, field->name);
}

static void test_referrers(void **state)
{
	struct vk_store *s = *state;
	struct seen seen = { STRBUF_INIT };

	insert(s, &vk_entity_stakeholder, "{\"name\": \"Aviaja Kristiansen-Kleist\"}");
	insert(s, &vk_entity_stakeholder, "{\"name\": \"Søren Ødegaard\"}");
	insert(s, &vk_entity_engagement, "{\"date\": \"2024-03-05\", \"kind\": \"workshop\","
	       " \"title\": \"Værksted\", \"participants\": [2, 1]}");
	insert(s, &vk_entity_engagement, "{\"date\": \"2024-03-06\", \"kind\": \"workshop\","
	       " \"title\": \"Værksted 2\", \"participants\": [2]}");
	insert(s, &vk_entity_input, "{\"engagement\": 1, \"stakeholder\": 1, \"text\": \"Flere lærere\"}");
	insert(s, &vk_entity_milestone, "{\"title\": \"Borgermøde\", \"due\": \"2024-09-30\","
	       " \"status\": \"planned\", \"owner\": 1}");
	insert(s, &vk_entity_milestone, "{\"title\": \"Beslutning\", \"due\": \"2024-10-30\","
	       " \"status\": \"planned\", \"depends\": [1]}");
	insert(s, &vk_entity_trial, "{\"title\": \"Madordning\", \"status\": \"idea\", \"owner\": 1,"
	       " \"participants\": [1, 2], \"milestone\": 2}");
	insert(s, &vk_entity_learning, "{\"trial\": 1, \"date\": \"2024-06-01\", \"author\": 1,"
	       " \"text\": \"Børnene spiste mere\"}");

	assert_int_equal(vk_store_referrers(s, &vk_entity_stakeholder, 1, note, &seen), 6);
	assert_string_equal(seen.sb.buf, "engagement 1 participants; input 1 stakeholder; "
			    "milestone 1 owner; trial 1 owner; trial 1 participants; "
			    "learning 1 author; ");
	strbuf_reset(&seen.sb);
	assert_int_equal(vk_store_referrers(s, &vk_entity_stakeholder, 2, note, &seen), 3);
	assert_string_equal(seen.sb.buf, "engagement 1 participants; engagement 2 participants; "
			    "trial 1 participants; ");
	strbuf_reset(&seen.sb);
	assert_int_equal(vk_store_referrers(s, &vk_entity_milestone, 1, note, &seen), 1);
	assert_string_equal(seen.sb.buf, "milestone 2 depends; ");
	strbuf_reset(&seen.sb);
	assert_int_equal(vk_store_referrers(s, &vk_entity_milestone, 2, note, &seen), 1);
	assert_string_equal(seen.sb.buf, "trial 1 milestone; ");
	strbuf_reset(&seen.sb);
	assert_int_equal(vk_store_referrers(s, &vk_entity_engagement, 1, note, &seen), 1);
	assert_string_equal(seen.sb.buf, "input 1 engagement; ");
	strbuf_reset(&seen.sb);
	assert_int_equal(vk_store_referrers(s, &vk_entity_trial, 1, note, &seen), 1);
	assert_string_equal(seen.sb.buf, "learning 1 trial; ");
	strbuf_reset(&seen.sb);
	assert_int_equal(vk_store_referrers(s, &vk_entity_engagement, 2, note, &seen), 0);
	assert_int_equal(vk_store_referrers(s, &vk_entity_learning, 1, note, &seen), 0);
	assert_int_equal(vk_store_referrers(s, &vk_entity_stakeholder, 3, NULL, NULL), 0);
	assert_string_equal(seen.sb.buf, "");
	strbuf_release(&seen.sb);
}

/* ---- queries ---- */

static void people(struct vk_store *s)
{
	insert(s, &vk_entity_stakeholder, "{\"name\": \"Aviaja Kristiansen-Kleist\", \"group\": "
	       "\"citizen\", \"town\": \"Nuuk\", \"allocation\": 20, \"roles\": [\"working\"],"
	       " \"tags\": [\"ungdom\", \"fiskeri\"], \"influence\": \"high\","
	       " \"notes\": \"Bruger 50% af tiden på skolen\"}");
	insert(s, &vk_entity_stakeholder, "{\"name\": \"Søren Ødegaard\", \"group\": \"employee\","
	       " \"town\": \"Tasiilaq\", \"allocation\": 50, \"roles\": [\"owner\", \"steering\"],"
	       " \"tags\": [\"bolig\"], \"influence\": \"medium\", \"notes\": \"500 timer i alt\"}");
	insert(s, &vk_entity_stakeholder, "{\"name\": \"Malik Olsen\", \"group\": \"politician\","
	       " \"town\": \"Paamiut\", \"influence\": \"high\", \"notes\": \"formand_for udvalget\"}");
	insert(s, &vk_entity_stakeholder, "{\"name\": \"Nivi Lynge\", \"group\": \"citizen\","
	       " \"allocation\": 100, \"roles\": [\"participant\"], \"tags\": [\"ungdom\"],"
	       " \"influence\": \"low\"}");
	insert(s, &vk_entity_stakeholder, "{\"name\": \"Åse Berg\", \"group\": \"business\","
	       " \"town\": \"Nuuk\", \"allocation\": 0, \"notes\": \"Formand for erhvervsrådet\"}");
}

static void test_query_compare(void **state)
{
	struct vk_store *s = *state;
	const struct vk_entity *e = &vk_entity_stakeholder;

	people(s);
	finds(s, e, "town", VK_OP_EQ, "\"Nuuk\"", "1,5");
	finds(s, e, "town", VK_OP_EQ, "\"nuuk\"", "");
	finds(s, e, "group", VK_OP_EQ, "\"citizen\"", "1,4");
	finds(s, e, "id", VK_OP_EQ, "3", "3");
	/* no value is not unequal: NE compares values */
	finds(s, e, "town", VK_OP_NE, "\"Nuuk\"", "2,3");
	finds(s, e, "allocation", VK_OP_LT, "50", "1,5");
	finds(s, e, "allocation", VK_OP_LE, "50", "1,2,5");
	finds(s, e, "allocation", VK_OP_GT, "20", "2,4");
	finds(s, e, "allocation", VK_OP_GE, "20", "1,2,4");
	finds(s, e, "allocation", VK_OP_GE, "101", "");
	finds(s, e, "allocation", VK_OP_LE_OR_NULL, "20", "1,3,5");
	finds(s, e, "allocation", VK_OP_GE_OR_NULL, "50", "2,3,4");
	finds(s, e, "allocation", VK_OP_NULL, NULL, "3");
	finds(s, e, "allocation", VK_OP_NOT_NULL, NULL, "1,2,4,5");
	finds(s, e, "town", VK_OP_NULL, NULL, "4");
	finds(s, e, "id", VK_OP_GT, "3", "4,5");
}

static void test_query_lists_and_text(void **state)
{
	struct vk_store *s = *state;
	const struct vk_entity *e = &vk_entity_stakeholder;

	people(s);
	finds(s, e, "tags", VK_OP_HAS, "\"ungdom\"", "1,4");
	finds(s, e, "tags", VK_OP_HAS, "\"Ungdom\"", "");
	finds(s, e, "roles", VK_OP_HAS, "\"owner\"", "2");
	finds(s, e, "roles", VK_OP_HAS, "\"lead\"", "");
	/* CONTAINS_ANY: contains one of them, case ignored in every alphabet */
	finds(s, e, "name", VK_OP_CONTAINS_ANY, "[\"kristiansen\"]", "1");
	finds(s, e, "name", VK_OP_CONTAINS_ANY, "[\"Ødegaard\"]", "2");
	finds(s, e, "name", VK_OP_CONTAINS_ANY, "[\"øDEGAARD\"]", "2");
	finds(s, e, "name", VK_OP_CONTAINS_ANY, "[\"åse\"]", "5");
	finds(s, e, "name", VK_OP_CONTAINS_ANY, "[\"A\u030Ase\"]", "5");	/* Å decomposed */
	finds(s, e, "name", VK_OP_CONTAINS_ANY, "[\"olsen\", \"LYNGE\"]", "3,4");
	/* no wildcards: % and _ are letters like any other */
	finds(s, e, "notes", VK_OP_CONTAINS_ANY, "[\"50%\"]", "1");
	finds(s, e, "notes", VK_OP_CONTAINS_ANY, "[\"formand_\"]", "3");
	finds(s, e, "notes", VK_OP_CONTAINS_ANY, "[\"formand\"]", "3,5");
	finds(s, e, "notes", VK_OP_CONTAINS_ANY, "[\"\\\\\"]", "");
	finds(s, e, "name", VK_OP_CONTAINS_ANY, "[\"\"]", "1,2,3,4,5");
	/* a null among them: or no value */
	finds(s, e, "town", VK_OP_CONTAINS_ANY, "[\"paa\", null]", "3,4");
	/* FOLD_IN: equals one of them, case ignored */
	finds(s, e, "town", VK_OP_FOLD_IN, "[\"nuuk\"]", "1,5");
	finds(s, e, "town", VK_OP_FOLD_IN, "[\"NUUK\", \"tasiilaq\"]", "1,2,5");
	finds(s, e, "town", VK_OP_FOLD_IN, "[\"Nuu\"]", "");
	finds(s, e, "town", VK_OP_FOLD_IN, "[\"paamiut\", null]", "3,4");
	/* HAS_ANY: a list holds one of them; free words ignoring case */
	finds(s, e, "tags", VK_OP_HAS_ANY, "[\"UNGDOM\"]", "1,4");
	finds(s, e, "tags", VK_OP_HAS_ANY, "[\"bolig\", \"fiskeri\"]", "1,2");
	finds(s, e, "roles", VK_OP_HAS_ANY, "[\"owner\", \"participant\"]", "2,4");
	/* IN and NOT IN; NOT IN keeps records with no value */
	finds(s, e, "group", VK_OP_IN, "[\"citizen\", \"business\"]", "1,4,5");
	finds(s, e, "group", VK_OP_IN, "[\"partner\"]", "");
	finds(s, e, "town", VK_OP_NOT_IN, "[\"Nuuk\"]", "2,3,4");
	finds(s, e, "influence", VK_OP_NOT_IN, "[\"high\", \"low\"]", "2,5");
	finds(s, e, "id", VK_OP_IN, "[5, 2, 9]", "2,5");
}

/*
 * NOT_NAMED and NONE_OF: who no engagement names (since a date), and the
 * engagements no one of a group took part in, named or counted.
 */
static void test_query_not_heard(void **state)
{
	struct vk_store *s = *state;
	const struct vk_entity *e = &vk_entity_engagement;

	people(s);
	/* 1 citizen, 2 employee, 3 politician, 4 citizen, 5 business */
	insert(s, e, "{\"date\": \"2024-02-12\", \"kind\": \"workshop\", \"title\": \"Fremtidsværksted\","
	       " \"participants\": [1, 2], \"headcount\": {\"employee\": 8}}");
	insert(s, e, "{\"date\": \"2024-04-03\", \"kind\": \"meeting\", \"title\": \"Borgermøde, Paamiut\","
	       " \"participants\": [3], \"headcount\": {\"citizen\": 40}}");
	insert(s, e, "{\"date\": \"2024-05-21\", \"kind\": \"visit\", \"title\": \"Besøg i Kapisillit\","
	       " \"participants\": [2], \"headcount\": {\"citizen\": 0, \"business\": 3}}");
	const struct vk_entity *st = &vk_entity_stakeholder;
	finds(s, st, "id", VK_OP_NOT_NAMED, "[\"engagement\", \"participants\", \"date\", null]", "4,5");
	finds(s, st, "id", VK_OP_NOT_NAMED, "[\"engagement\", \"participants\", \"date\", \"2024-04-03\"]",
	      "1,4,5");
	finds(s, st, "id", VK_OP_NOT_NAMED, "[\"engagement\", \"participants\", \"date\", \"2024-04-04\"]",
	      "1,3,4,5");
	finds(s, st, "id", VK_OP_NOT_NAMED, "[\"engagement\", \"participants\", \"date\", \"2024-06-01\"]",
	      "1,2,3,4,5");
	/* citizens: named at 1, counted at 2; a headcount of 0 is no one */
	finds(s, e, "participants", VK_OP_NONE_OF, "[\"group\", \"headcount\", \"citizen\"]", "3");
	finds(s, e, "participants", VK_OP_NONE_OF, "[\"group\", \"headcount\", \"employee\"]", "2");
	finds(s, e, "participants", VK_OP_NONE_OF, "[\"group\", \"headcount\", \"business\"]", "1,2");
	/* several: none of them */
	finds(s, e, "participants", VK_OP_NONE_OF, "[\"group\", \"headcount\", \"politician\", \"business\"]",
	      "1");
	finds(s, e, "participants", VK_OP_NONE_OF, "[\"group\", \"headcount\", \"partner\"]", "1,2,3");
}

static void test_query_several_filters(void **state)
{
	struct vk_store *s = *state;
	json_t *citizen = json_string("citizen");
	json_t *nuuk = json_string("Nuuk");
	json_t *ungdom = json_string("ungdom");
	struct vk_filter f[] = {
		{ "group", VK_OP_EQ, citizen },
		{ "tags", VK_OP_HAS, ungdom },
		{ "town", VK_OP_EQ, nuuk },
	};
	struct vk_query q = { &vk_entity_stakeholder, f, 2, NULL, false, 0 };
	char *ids;

	people(s);
	ids = query_ids(s, &q);
	assert_string_equal(ids, "1,4");
	free(ids);
	q.nfilters = 3;
	ids = query_ids(s, &q);
	assert_string_equal(ids, "1");
	free(ids);
	q.filters = &f[2];
	q.nfilters = 1;
	q.descending = true;
	ids = query_ids(s, &q);
	assert_string_equal(ids, "5,1");
	free(ids);
	json_decref(citizen);
	json_decref(nuuk);
	json_decref(ungdom);
}

static void test_query_sort_limit(void **state)
{
	struct vk_store *s = *state;
	const struct vk_entity *e = &vk_entity_stakeholder;

	people(s);
	sorts(s, e, NULL, false, 0, "1,2,3,4,5");
	sorts(s, e, NULL, true, 0, "5,4,3,2,1");
	sorts(s, e, "id", true, 0, "5,4,3,2,1");
	sorts(s, e, "id", false, 2, "1,2");
	sorts(s, e, NULL, true, 2, "5,4");
	/* no value sorts last either way; ties by id */
	sorts(s, e, "allocation", false, 0, "5,1,2,4,3");
	sorts(s, e, "allocation", true, 0, "4,2,1,5,3");
	sorts(s, e, "town", false, 0, "1,5,3,2,4");
	sorts(s, e, "town", true, 0, "2,3,1,5,4");
	sorts(s, e, "allocation", false, 3, "5,1,2");
	sorts(s, e, "name", false, 0, "1,3,4,2,5");
	/* a vocabulary sorts in its own order: politician first, low before high */
	sorts(s, e, "group", false, 0, "3,2,1,4,5");
	sorts(s, e, "group", true, 0, "5,1,4,2,3");
	sorts(s, e, "influence", false, 0, "4,2,1,3,5");
	sorts(s, e, "influence", true, 0, "1,3,2,4,5");
	sorts(s, e, "group", false, 1, "3");
}

static void test_query_dates_and_refs(void **state)
{
	struct vk_store *s = *state;
	const struct vk_entity *e = &vk_entity_engagement;

	insert(s, e, "{\"date\": \"2024-03-05\", \"kind\": \"workshop\", \"title\": \"Værksted\","
	       " \"participants\": [2, 1], \"headcount\": {\"citizen\": 14}, \"themes\": [\"bolig\"]}");
	insert(s, e, "{\"date\": \"2024-02-29\", \"kind\": \"meeting\", \"title\": \"Møde\","
	       " \"participants\": [2], \"town\": \"Tasiilaq\"}");
	insert(s, e, "{\"date\": \"2024-03-31\", \"kind\": \"survey\", \"title\": \"Spørgeskema\","
	       " \"headcount\": {\"employee\": 40, \"citizen\": 112},"
	       " \"themes\": [\"bolig\", \"kultur, sprog og identitet\"]}");
	finds(s, e, "date", VK_OP_GE, "\"2024-03-01\"", "1,3");
	finds(s, e, "date", VK_OP_LE, "\"2024-03-05\"", "1,2");
	finds(s, e, "date", VK_OP_LT, "\"2024-03-05\"", "2");
	finds(s, e, "participants", VK_OP_HAS, "1", "1");
	finds(s, e, "participants", VK_OP_HAS, "2", "1,2");
	finds(s, e, "headcount", VK_OP_HAS, "\"citizen\"", "1,3");
	finds(s, e, "headcount", VK_OP_HAS, "\"employee\"", "3");
	finds(s, e, "themes", VK_OP_HAS, "\"kultur, sprog og identitet\"", "3");
	finds(s, e, "kind", VK_OP_IN, "[\"meeting\", \"survey\"]", "2,3");
	sorts(s, e, "date", false, 0, "2,1,3");
	sorts(s, e, "date", true, 0, "3,1,2");
	sorts(s, e, "title", false, 0, "2,3,1");
}

/* ---- transactions ---- */

static void test_transactions(void **state)
{
	struct vk_store *s = *state;

	vk_store_begin(s);
	assert_int_equal(insert(s, &vk_entity_stakeholder, "{\"name\": \"Aviaja\"}"), 1);
	assert_true(vk_store_exists(s, &vk_entity_stakeholder, 1));
	vk_store_rollback(s);
	assert_false(vk_store_exists(s, &vk_entity_stakeholder, 1));
	/* a rollback outside a transaction is harmless */
	vk_store_rollback(s);
	vk_store_begin(s);
	assert_int_equal(insert(s, &vk_entity_stakeholder, "{\"name\": \"Søren\"}"), 1);
	vk_store_commit(s);
	assert_true(vk_store_exists(s, &vk_entity_stakeholder, 1));
	vk_store_begin_read(s);
	assert_true(vk_store_exists(s, &vk_entity_stakeholder, 1));
	vk_store_end_read(s);
	vk_store_end_read(s);
	vk_store_begin(s);
	vk_store_delete(s, &vk_entity_stakeholder, 1);
	vk_store_rollback(s);
	assert_true(vk_store_exists(s, &vk_entity_stakeholder, 1));
}

/* ---- events ---- */

static void test_events(void **state)
{
	struct vk_store *s = *state;
	json_t *before = J("{\"status\": \"idea\"}");
	json_t *after = J("{\"status\": \"proposed\", \"reason\": \"Klar til styregruppen\"}");
	json_t *added = J("{\"name\": \"Aviaja Kristiansen-Kleist\", \"town\": \"Nuuk\"}");
	struct vk_cursor *c;
	json_t *ev, *all;
	long long n = 0;

	vk_store_add_event(s, "stakeholder", 1, "add", NULL, added);
	vk_store_add_event(s, "trial", 2, "move", before, after);
	vk_store_add_event(s, "stakeholder", 1, "rm", added, NULL);
	vk_store_add_event(s, "stakeholder", 3, "add", NULL, added);

	c = vk_store_events(s, NULL, 0);
	while ((ev = vk_cursor_next(c))) {
		n++;
		assert_string_equal(json_string_value(json_object_get(ev, "type")), "event");
		assert_int_equal(json_integer_value(json_object_get(ev, "id")), n);
		assert_true(vk_timestamp_valid(json_string_value(json_object_get(ev, "at"))));
		assert_string_equal(json_string_value(json_object_get(ev, "user")), "aviaja");
		json_decref(ev);
	}
	vk_cursor_close(c);
	assert_int_equal(n, 4);

	all = events_of(s, NULL, 0);
	expect_json(all, "["
		    "{\"entity\": \"stakeholder\", \"entity_id\": 1, \"action\": \"add\", \"before\": null,"
		    " \"after\": {\"name\": \"Aviaja Kristiansen-Kleist\", \"town\": \"Nuuk\"}},"
		    "{\"entity\": \"trial\", \"entity_id\": 2, \"action\": \"move\","
		    " \"before\": {\"status\": \"idea\"},"
		    " \"after\": {\"status\": \"proposed\", \"reason\": \"Klar til styregruppen\"}},"
		    "{\"entity\": \"stakeholder\", \"entity_id\": 1, \"action\": \"rm\","
		    " \"before\": {\"name\": \"Aviaja Kristiansen-Kleist\", \"town\": \"Nuuk\"},"
		    " \"after\": null},"
		    "{\"entity\": \"stakeholder\", \"entity_id\": 3, \"action\": \"add\", \"before\": null,"
		    " \"after\": {\"name\": \"Aviaja Kristiansen-Kleist\", \"town\": \"Nuuk\"}}]");
	json_decref(all);
	all = events_of(s, "stakeholder", 0);
	assert_int_equal(json_array_size(all), 3);
	json_decref(all);
	all = events_of(s, "stakeholder", 1);
	assert_int_equal(json_array_size(all), 2);
	expect_json(json_object_get(json_array_get(all, 1), "action"), "\"rm\"");
	json_decref(all);
	all = events_of(s, "trial", 2);
	assert_int_equal(json_array_size(all), 1);
	json_decref(all);
	all = events_of(s, "trial", 1);
	assert_int_equal(json_array_size(all), 0);
	json_decref(all);
	all = events_of(s, "milestone", 0);
	assert_int_equal(json_array_size(all), 0);
	json_decref(all);
	assert_int_equal(vk_store_count_events(s, "stakeholder", 1), 2);
	assert_int_equal(vk_store_count_events(s, "stakeholder", 3), 1);
	assert_int_equal(vk_store_count_events(s, "trial", 2), 1);
	assert_int_equal(vk_store_count_events(s, "trial", 1), 0);

	/* rewriting an event replaces its before and after */
	json_t *forgotten = J("{\"name\": \"forgotten\"}");
	vk_store_rewrite_event(s, 1, NULL, forgotten);
	json_decref(forgotten);
	vk_store_rewrite_event(s, 2, before, NULL);
	all = events_of(s, NULL, 0);
	expect_json(json_array_get(all, 0), "{\"entity\": \"stakeholder\", \"entity_id\": 1,"
		    " \"action\": \"add\", \"before\": null, \"after\": {\"name\": \"forgotten\"}}");
	expect_json(json_array_get(all, 1), "{\"entity\": \"trial\", \"entity_id\": 2,"
		    " \"action\": \"move\", \"before\": {\"status\": \"idea\"}, \"after\": null}");
	assert_int_equal(json_array_size(all), 4);
	json_decref(all);
	json_decref(before);
	json_decref(after);
	json_decref(added);
}

/* ---- a store in a file ---- */

struct tmpdir {
	char dir[64];
	char db[128];
};

static void make_tmpdir(struct tmpdir *t)
{
	strcpy(t->dir, "/tmp/vk-test-store-XXXXXX");
	assert_non_null(mkdtemp(t->dir));
	snprintf(t->db, sizeof(t->db), "%s/visionsproces.db", t->dir);
}

static void remove_tmpdir(struct tmpdir *t)
{
	char path[160];

	unlink(t->db);
	snprintf(path, sizeof(path), "%s-wal", t->db);
	unlink(path);
	snprintf(path, sizeof(path), "%s-shm", t->db);
	unlink(path);
	snprintf(path, sizeof(path), "%s-journal", t->db);
	unlink(path);
	assert_int_equal(rmdir(t->dir), 0);
}

static void test_file_store(void **state)
{
	(void)state;
	struct tmpdir t;
	struct capture cap;
	struct stat st;
	struct vk_store *s, *s2;
	json_t *a, *b;
	char *err, wal[160];
	char want[200];
	char store_id[40];
	mode_t old_umask;

	make_tmpdir(&t);
	/* a umask that lets everyone read: the store must still make it 0600 */
	old_umask = umask(0);
	begin_capture(&cap);
	s = vk_store_open(t.db, VK_STORE_WRITE);
	err = end_capture(&cap);
	umask(old_umask);
	snprintf(want, sizeof(want), "vk: created database %s\n", t.db);
	assert_string_equal(err, want);
	free(err);
	assert_int_equal(stat(t.db, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);

	assert_int_equal(insert(s, &vk_entity_stakeholder, "{\"name\": \"Aviaja Kristiansen-Kleist\","
				" \"town\": \"Nuuk\", \"tags\": [\"børn\"]}"), 1);
	/* the WAL holds the same personal data: same mode */
	snprintf(wal, sizeof(wal), "%s-wal", t.db);
	if (stat(wal, &st) == 0)
		assert_int_equal(st.st_mode & 07777, 0600);
	a = vk_store_get(s, &vk_entity_stakeholder, 1);
	/* the store's own id: 32 hex digits, the same on every open */
	snprintf(store_id, sizeof(store_id), "%s", vk_store_id(s));
	assert_int_equal(strlen(store_id), 32);
	assert_int_equal(strspn(store_id, "0123456789abcdef"), 32);

	/* a second connection at the same time sees the data */
	begin_capture(&cap);
	s2 = vk_store_open(t.db, VK_STORE_READ);
	err = end_capture(&cap);
	assert_string_equal(err, "");
	free(err);
	b = vk_store_get(s2, &vk_entity_stakeholder, 1);
	assert_true(json_equal(a, b));
	json_decref(b);
	vk_store_close(s2);
	vk_store_close(s);

	/* opened again, the data is there and nothing is said on stderr */
	begin_capture(&cap);
	s = vk_store_open(t.db, VK_STORE_WRITE);
	err = end_capture(&cap);
	assert_string_equal(err, "");
	free(err);
	b = vk_store_get(s, &vk_entity_stakeholder, 1);
	assert_non_null(b);
	assert_true(json_equal(a, b));
	json_decref(b);
	assert_string_equal(vk_store_id(s), store_id);
	assert_int_equal(insert(s, &vk_entity_stakeholder, "{\"name\": \"Søren Ødegaard\"}"), 2);
	vk_store_close(s);

	s = vk_store_open(t.db, VK_STORE_READ);
	assert_true(vk_store_exists(s, &vk_entity_stakeholder, 2));
	b = vk_store_get(s, &vk_entity_stakeholder, 1);
	assert_true(json_equal(a, b));
	json_decref(b);
	vk_store_close(s);
	assert_int_equal(stat(t.db, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	json_decref(a);
	remove_tmpdir(&t);
}

/* Looks at the file with SQLite itself: version, WAL, one column per field. */
static void test_file_schema(void **state)
{
	(void)state;
	struct tmpdir t;
	struct capture cap;
	struct vk_store *s;
	sqlite3 *db;
	sqlite3_stmt *st;
	char *err;

	make_tmpdir(&t);
	begin_capture(&cap);
	s = vk_store_open(t.db, VK_STORE_WRITE);
	vk_store_close(s);
	err = end_capture(&cap);
	free(err);

	assert_int_equal(sqlite3_open_v2(t.db, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), vk_store_schema_version());
	sqlite3_finalize(st);
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	/* at rest, a store is in rollback mode: any reader can read it read-only */
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "delete");
	sqlite3_finalize(st);

	for (size_t k = 0; vk_entities[k]; k++) {
		const struct vk_entity *e = vk_entities[k];
		char sql[100];
		struct strbuf got = STRBUF_INIT, want = STRBUF_INIT;

		snprintf(sql, sizeof(sql), "PRAGMA table_info(%s)", e->plural);
		assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
		while (sqlite3_step(st) == SQLITE_ROW)
			strbuf_addf(&got, "%s,", (const char *)sqlite3_column_text(st, 1));
		sqlite3_finalize(st);
		for (size_t i = 0; i < e->nfields; i++)
			strbuf_addf(&want, "%s,", e->fields[i].name);
		if (strcmp(got.buf, want.buf))
			fail_msg("table %s has columns %s, want %s", e->plural, got.buf, want.buf);
		strbuf_release(&got);
		strbuf_release(&want);
	}
	sqlite3_close(db);
	remove_tmpdir(&t);
}

/*
 * In the child, exit() ends at once with its status: what the parent
 * allocated is no leak of the child's (LeakSanitizer would report it and
 * change the exit code).
 */
static void exit_now(int status, void *arg)
{
	(void)arg;
	fflush(NULL);
	_exit(status);
}

/* Runs fn(arg) in a child with stderr in *err; returns its exit status (or -1). */
static int in_child(void (*fn)(void *), void *arg, char **err)
{
	FILE *tmp = tmpfile();
	pid_t pid;
	int status;
	struct strbuf sb = STRBUF_INIT;
	char buf[1024];
	size_t n;

	assert_non_null(tmp);
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		dup2(fileno(tmp), 2);
		on_exit(exit_now, NULL);
		fn(arg);
		_exit(100);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	rewind(tmp);
	while ((n = fread(buf, 1, sizeof(buf), tmp)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(tmp);
	*err = strbuf_detach(&sb, NULL);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void open_for_reading(void *path)
{
	vk_store_open(path, VK_STORE_READ);
}

static void test_open_missing_for_reading(void **state)
{
	(void)state;
	struct tmpdir t;
	char *err;
	char want[300];

	make_tmpdir(&t);
	assert_int_equal(in_child(open_for_reading, t.db, &err), 66);
	snprintf(want, sizeof(want), "vk: %s: no database here (give --db FILE or set VK_DB; "
		 "adding a record creates one)\n", t.db);
	assert_string_equal(err, want);
	free(err);
	/* and it was not created */
	assert_int_equal(access(t.db, F_OK), -1);
	assert_int_equal(errno, ENOENT);
	remove_tmpdir(&t);
}

struct opening {
	const char *path;
	enum vk_store_access mode;
};

static void open_as(void *arg)
{
	const struct opening *o = arg;

	vk_store_close(vk_store_open(o->path, o->mode));
	exit(0);
}

/* The whole content of path, malloc'd, its size in *len (NULL when absent). */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;

	if (!f)
		return NULL;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(f);
	return strbuf_detach(&sb, len);
}

static void write_file(const char *path, const char *content, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(content, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(chmod(path, 0600), 0);
}

/* Opening path with mode exits 65, says so, and leaves the file as it was. */
static void assert_refused(const char *path, enum vk_store_access mode)
{
	struct opening o = { path, mode };
	size_t before_len, after_len;
	char *before = slurp(path, &before_len), *after, *err;
	char want[300], side[200];

	assert_non_null(before);
	assert_int_equal(in_child(open_as, &o, &err), 65);
	snprintf(want, sizeof(want), "vk: %s: not a vk database\n", path);
	assert_string_equal(err, want);
	free(err);
	after = slurp(path, &after_len);
	assert_non_null(after);
	assert_int_equal(after_len, before_len);
	assert_memory_equal(after, before, before_len);
	for (int i = 0; i < 3; i++) {
		snprintf(side, sizeof(side), "%s%s", path, (const char *[]){ "-wal", "-shm", "-journal" }[i]);
		assert_int_equal(access(side, F_OK), -1);
	}
	free(before);
	free(after);
}

static void test_open_refuses_what_is_no_store(void **state)
{
	(void)state;
	struct tmpdir t;
	static const char text[] = "navn;by\nÅse Ødegård;Århus\n\"Bjørn, Æbelø\";Ålesund\n";
	sqlite3 *db;

	make_tmpdir(&t);
	/* an empty file: only a verb that adds may make a store there */
	write_file(t.db, "", 0);
	assert_true(vk_store_absent(t.db));
	assert_refused(t.db, VK_STORE_READ);
	assert_refused(t.db, VK_STORE_CHANGE);
	/* a text file, and a file of one byte (which SQLite takes for an empty database) */
	write_file(t.db, text, sizeof(text) - 1);
	assert_false(vk_store_absent(t.db));
	assert_refused(t.db, VK_STORE_READ);
	assert_refused(t.db, VK_STORE_WRITE);
	write_file(t.db, "x", 1);
	assert_refused(t.db, VK_STORE_WRITE);
	/* another program's SQLite database */
	unlink(t.db);
	assert_int_equal(sqlite3_open(t.db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE kunder (navn TEXT); INSERT INTO kunder"
				      " VALUES ('Åse Ødegård'); PRAGMA user_version = 7", NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(chmod(t.db, 0600), 0);
	assert_refused(t.db, VK_STORE_READ);
	assert_refused(t.db, VK_STORE_CHANGE);
	assert_refused(t.db, VK_STORE_WRITE);
	/* a device */
	assert_false(vk_store_absent("/dev/null"));
	struct opening o = { "/dev/null", VK_STORE_WRITE };
	char *err;
	assert_int_equal(in_child(open_as, &o, &err), 65);
	assert_string_equal(err, "vk: /dev/null: not a vk database\n");
	free(err);
	remove_tmpdir(&t);
}

static void test_open_empty_file_for_writing(void **state)
{
	(void)state;
	struct tmpdir t;
	struct capture cap;
	struct vk_store *s;
	char *err, want[200];

	make_tmpdir(&t);
	write_file(t.db, "", 0);
	begin_capture(&cap);
	s = vk_store_open(t.db, VK_STORE_WRITE);
	err = end_capture(&cap);
	snprintf(want, sizeof(want), "vk: created database %s\n", t.db);
	assert_string_equal(err, want);
	free(err);
	assert_int_equal(insert(s, &vk_entity_stakeholder, "{\"name\": \"Naja Ærbø\"}"), 1);
	vk_store_close(s);
	assert_false(vk_store_absent(t.db));
	/* now it is a store, for reading too, and nothing is said */
	begin_capture(&cap);
	s = vk_store_open(t.db, VK_STORE_READ);
	err = end_capture(&cap);
	assert_string_equal(err, "");
	free(err);
	assert_true(vk_store_exists(s, &vk_entity_stakeholder, 1));
	vk_store_close(s);
	remove_tmpdir(&t);
}

static void test_store_path(void **state)
{
	(void)state;
	unsetenv("VK_DB");
	assert_string_equal(vk_store_path(NULL), "vk.db");
	assert_string_equal(vk_store_path(""), "vk.db");
	setenv("VK_DB", "/srv/nuuk/vision.db", 1);
	assert_string_equal(vk_store_path(NULL), "/srv/nuuk/vision.db");
	assert_string_equal(vk_store_path("proces.db"), "proces.db");
	setenv("VK_DB", "", 1);
	assert_string_equal(vk_store_path(NULL), "vk.db");
	unsetenv("VK_DB");
}

/* ---- change.h ---- */

static long long add(struct vk_store *s, const struct vk_entity *e, const char *text,
		     const char *want_problems)
{
	struct vk_problems pr = VK_PROBLEMS_INIT;
	json_t *v = J(text);
	long long id = vk_change_add(s, e, v, &pr);

	expect_problems(&pr, want_problems);
	if (*want_problems)
		assert_int_equal(id, 0);
	vk_problems_clear(&pr);
	json_decref(v);
	return id;
}

static void test_change_add_initial_values(void **state)
{
	struct vk_store *s = *state;
	json_t *r;
	char now[21];

	assert_int_equal(add(s, &vk_entity_trial, "{\"title\": \"Fælles madordning i Tasiilaq\"}", ""), 1);
	r = vk_store_get(s, &vk_entity_trial, 1);
	expect_json(json_object_get(r, "status"), "\"idea\"");
	json_decref(r);

	assert_int_equal(add(s, &vk_entity_learning, "{\"trial\": 1, \"text\": \"Børnene spiste mere\"}", ""), 1);
	r = vk_store_get(s, &vk_entity_learning, 1);
	expect_json(r, "{\"type\": \"learning\", \"id\": 1, \"trial\": 1, \"date\": \"2024-06-15\","
		    " \"author\": null, \"text\": \"Børnene spiste mere\"}");
	json_decref(r);

	assert_int_equal(add(s, &vk_entity_milestone, "{\"title\": \"Borgermøde i Paamiut\","
			     " \"due\": \"2024-09-30\"}", ""), 1);
	r = vk_store_get(s, &vk_entity_milestone, 1);
	expect_json(json_object_get(r, "baseline"), "\"2024-09-30\"");
	expect_json(json_object_get(r, "status"), "\"planned\"");
	json_decref(r);
	/* a given value wins over the initial one */
	assert_int_equal(add(s, &vk_entity_milestone, "{\"title\": \"Rapport\", \"due\": \"2024-12-01\","
			     " \"baseline\": \"2024-11-01\", \"status\": \"cancelled\"}", ""), 2);
	r = vk_store_get(s, &vk_entity_milestone, 2);
	expect_json(json_object_get(r, "baseline"), "\"2024-11-01\"");
	expect_json(json_object_get(r, "status"), "\"cancelled\"");
	json_decref(r);

	/* timestamps: set now, unless given */
	vk_timestamp_now(now);
	assert_int_equal(add(s, &vk_entity_stakeholder, "{\"name\": \"Aviaja Kristiansen-Kleist\"}", ""), 1);
	r = vk_store_get(s, &vk_entity_stakeholder, 1);
	assert_true(vk_timestamp_valid(json_string_value(json_object_get(r, "created"))));
	assert_true(strcmp(json_string_value(json_object_get(r, "created")), now) >= 0);
	assert_true(json_equal(json_object_get(r, "created"), json_object_get(r, "updated")));
	json_decref(r);
	assert_int_equal(add(s, &vk_entity_stakeholder, "{\"name\": \"Søren Ødegaard\","
			     " \"created\": \"2023-01-02T03:04:05Z\", \"updated\": \"2023-02-03T04:05:06Z\"}", ""), 2);
	r = vk_store_get(s, &vk_entity_stakeholder, 2);
	expect_json(json_object_get(r, "created"), "\"2023-01-02T03:04:05Z\"");
	expect_json(json_object_get(r, "updated"), "\"2023-02-03T04:05:06Z\"");
	json_decref(r);
}

static void test_change_add_event(void **state)
{
	struct vk_store *s = *state;
	json_t *all;

	assert_int_equal(add(s, &vk_entity_stakeholder, "{\"name\": \"Aviaja Kristiansen-Kleist\","
			     " \"group\": \"citizen\", \"town\": \"Nuuk\", \"roles\": [\"working\"],"
			     " \"tags\": [], \"email\": null}", ""), 1);
	assert_int_equal(add(s, &vk_entity_trial, "{\"title\": \"Lektiecafé\", \"owner\": 1}", ""), 1);
	all = events_of(s, NULL, 0);
	expect_json(all, "["
		    "{\"entity\": \"stakeholder\", \"entity_id\": 1, \"action\": \"add\", \"before\": null,"
		    " \"after\": {\"name\": \"Aviaja Kristiansen-Kleist\", \"group\": \"citizen\","
		    " \"town\": \"Nuuk\", \"roles\": [\"working\"]}},"
		    "{\"entity\": \"trial\", \"entity_id\": 1, \"action\": \"add\", \"before\": null,"
		    " \"after\": {\"title\": \"Lektiecafé\", \"status\": \"idea\", \"owner\": 1}}]");
	json_decref(all);
}

static void test_change_add_refused(void **state)
{
	struct vk_store *s = *state;
	struct strbuf why = STRBUF_INIT;

	add(s, &vk_entity_engagement, "{\"town\": \"Paamiut\"}",
	    "date: is required\nkind: is required\ntitle: is required");
	add(s, &vk_entity_trial, "{\"title\": \"Madordning\", \"owner\": 9}",
	    "owner: there is no stakeholder 9");
	assert_int_equal(add(s, &vk_entity_stakeholder, "{\"name\": \"Aviaja\"}", ""), 1);
	add(s, &vk_entity_engagement, "{\"date\": \"2024-03-05\", \"kind\": \"workshop\","
	    " \"title\": \"Værksted\", \"participants\": [1, 9, 10]}",
	    "participants: there is no stakeholder 9\nparticipants: there is no stakeholder 10");
	add(s, &vk_entity_input, "{\"engagement\": 4, \"text\": \"Flere lærere\"}",
	    "engagement: there is no engagement 4");
	add(s, &vk_entity_milestone, "{\"title\": \"M\", \"due\": \"2024-05-01\", \"start\": \"2024-06-01\","
	    " \"depends\": [3]}", "start: 2024-06-01 is after due 2024-05-01\ndepends: there is no milestone 3");
	/* ids are never reused */
	add(s, &vk_entity_stakeholder, "{\"id\": 1, \"name\": \"Søren\"}",
	    "id: stakeholder 1 exists or existed; ids are never reused");
	assert_int_equal(add(s, &vk_entity_stakeholder, "{\"name\": \"Malik\"}", ""), 2);
	assert_int_equal(vk_change_remove(s, &vk_entity_stakeholder, 2, &why), 0);
	add(s, &vk_entity_stakeholder, "{\"id\": 2, \"name\": \"Malik\"}",
	    "id: stakeholder 2 exists or existed; ids are never reused");
	/* nothing of the refused was written: only the adds and rm of 1 and 2 */
	assert_int_equal(count_events(s), 3);
	assert_false(vk_store_exists(s, &vk_entity_engagement, 1));
	assert_false(vk_store_exists(s, &vk_entity_trial, 1));
	assert_false(vk_store_exists(s, &vk_entity_milestone, 1));
	/* a never used id is kept */
	assert_int_equal(add(s, &vk_entity_stakeholder, "{\"id\": 10, \"name\": \"Nivi\"}", ""), 10);
	assert_int_equal(add(s, &vk_entity_stakeholder, "{\"name\": \"Ane\"}", ""), 11);
	strbuf_release(&why);
}

/* Gets record id of e, applies changes (JSON text) and checks rc, before, after. */
static void check_update(struct vk_store *s, const struct vk_entity *e, long long id,
			 const char *changes, int want_rc, const char *want_problems,
			 const char *want_before, const char *want_after)
{
	struct vk_problems pr = VK_PROBLEMS_INIT;
	json_t *old = vk_store_get(s, e, id);
	json_t *c = J(changes);
	json_t *before = NULL, *after = NULL;
	int rc;

	assert_non_null(old);
	rc = vk_change_update(s, e, old, c, false, &pr, &before, &after);
	expect_problems(&pr, want_problems);
	assert_int_equal(rc, want_rc);
	if (want_before)
		expect_json(before, want_before);
	if (want_after)
		expect_json(after, want_after);
	json_decref(before);
	json_decref(after);
	json_decref(c);
	json_decref(old);
	vk_problems_clear(&pr);
}

static void test_change_update(void **state)
{
	struct vk_store *s = *state;
	json_t *r, *all;

	insert(s, &vk_entity_stakeholder, "{\"name\": \"Aviaja Kristiansen-Kleist\", \"town\": \"Nuuk\","
	       " \"email\": \"aviaja.k@example.gl\", \"roles\": [\"working\"], \"group\": \"citizen\","
	       " \"created\": \"2024-01-01T08:00:00Z\", \"updated\": \"2024-01-01T08:00:00Z\"}");
	check_update(s, &vk_entity_stakeholder, 1,
		     "{\"town\": \"Paamiut\", \"email\": null, \"roles\": null, \"group\": \"citizen\"}",
		     1, "",
		     "{\"town\": \"Nuuk\", \"email\": \"aviaja.k@example.gl\", \"roles\": [\"working\"]}",
		     "{\"town\": \"Paamiut\", \"email\": null, \"roles\": []}");
	r = vk_store_get(s, &vk_entity_stakeholder, 1);
	expect_json(json_object_get(r, "town"), "\"Paamiut\"");
	expect_json(json_object_get(r, "email"), "null");
	expect_json(json_object_get(r, "roles"), "[]");
	expect_json(json_object_get(r, "group"), "\"citizen\"");
	expect_json(json_object_get(r, "created"), "\"2024-01-01T08:00:00Z\"");
	assert_true(vk_timestamp_valid(json_string_value(json_object_get(r, "updated"))));
	assert_string_not_equal(json_string_value(json_object_get(r, "updated")),
				"2024-01-01T08:00:00Z");
	json_decref(r);
	all = events_of(s, NULL, 0);
	expect_json(all, "[{\"entity\": \"stakeholder\", \"entity_id\": 1, \"action\": \"set\","
		    " \"before\": {\"town\": \"Nuuk\", \"email\": \"aviaja.k@example.gl\","
		    " \"roles\": [\"working\"]},"
		    " \"after\": {\"town\": \"Paamiut\", \"email\": null, \"roles\": []}}]");
	json_decref(all);

	/* changes that change nothing: 0, no event; ids and timestamps are not changed by update */
	check_update(s, &vk_entity_stakeholder, 1,
		     "{\"town\": \"Paamiut\", \"tags\": null, \"id\": 5, \"created\": \"2020-01-01T00:00:00Z\"}",
		     0, "", "{}", "{}");
	assert_int_equal(count_events(s), 1);
	assert_true(vk_store_exists(s, &vk_entity_stakeholder, 1));
	assert_false(vk_store_exists(s, &vk_entity_stakeholder, 5));
	r = vk_store_get(s, &vk_entity_stakeholder, 1);
	expect_json(json_object_get(r, "created"), "\"2024-01-01T08:00:00Z\"");
	json_decref(r);
}

static void test_change_update_refused(void **state)
{
	struct vk_store *s = *state;
	json_t *before, *r;

	insert(s, &vk_entity_stakeholder, "{\"name\": \"Aviaja\"}");
	insert(s, &vk_entity_trial, "{\"title\": \"Madordning\", \"status\": \"idea\", \"owner\": 1,"
	       " \"start\": \"2024-03-01\", \"end\": \"2024-06-30\"}");
	insert(s, &vk_entity_milestone, "{\"title\": \"Borgermøde\", \"due\": \"2024-09-30\","
	       " \"status\": \"planned\"}");
	before = vk_store_get(s, &vk_entity_trial, 1);
	check_update(s, &vk_entity_trial, 1, "{\"title\": null}", -1, "title: is required", NULL, NULL);
	check_update(s, &vk_entity_trial, 1, "{\"owner\": 42, \"participants\": [1, 43]}", -1,
		     "owner: there is no stakeholder 42\nparticipants: there is no stakeholder 43",
		     NULL, NULL);
	check_update(s, &vk_entity_trial, 1, "{\"end\": \"2024-02-01\"}", -1,
		     "start: 2024-03-01 is after end 2024-02-01", NULL, NULL);
	check_update(s, &vk_entity_milestone, 1, "{\"depends\": [1]}", -1,
		     "depends: a milestone cannot refer to itself", NULL, NULL);
	/* nothing was written */
	r = vk_store_get(s, &vk_entity_trial, 1);
	assert_true(json_equal(r, before));
	json_decref(r);
	json_decref(before);
	assert_int_equal(count_events(s), 0);
	/* a reference that does not change is not checked again */
	vk_store_delete(s, &vk_entity_stakeholder, 1);
	check_update(s, &vk_entity_trial, 1, "{\"unit\": \"Skolen i Tasiilaq\"}", 1, "",
		     "{\"unit\": null}", "{\"unit\": \"Skolen i Tasiilaq\"}");
}

static void test_change_update_as(void **state)
{
	struct vk_store *s = *state;
	struct vk_problems pr = VK_PROBLEMS_INIT;
	json_t *old, *changes, *note, *all;

	assert_int_equal(add(s, &vk_entity_trial, "{\"title\": \"Fælles madordning\"}", ""), 1);
	old = vk_store_get(s, &vk_entity_trial, 1);
	changes = J("{\"status\": \"proposed\"}");
	note = J("{\"reason\": \"Godkendt af styregruppen, jf. mødet 3. juni\", \"date\": \"2024-06-03\"}");
	assert_int_equal(vk_change_update_as(s, &vk_entity_trial, old, changes, "move", note, &pr), 1);
	assert_int_equal(pr.count, 0);
	all = events_of(s, "trial", 1);
	assert_int_equal(json_array_size(all), 2);
	expect_json(json_array_get(all, 1), "{\"entity\": \"trial\", \"entity_id\": 1, \"action\": \"move\","
		    " \"before\": {\"status\": \"idea\"}, \"after\": {\"status\": \"proposed\","
		    " \"reason\": \"Godkendt af styregruppen, jf. mødet 3. juni\", \"date\": \"2024-06-03\"}}");
	json_decref(all);
	json_decref(old);
	old = vk_store_get(s, &vk_entity_trial, 1);
	expect_json(json_object_get(old, "status"), "\"proposed\"");
	/* no change: no event, even with a note */
	assert_int_equal(vk_change_update_as(s, &vk_entity_trial, old, changes, "move", note, &pr), 0);
	assert_int_equal(count_events(s), 2);
	json_decref(old);
	json_decref(changes);
	json_decref(note);
}

/* Moves trial id to status on date (through the lifecycle's rules), which must pass. */
static void move_on(struct vk_store *s, long long id, const char *status, const char *date, bool force)
{
	struct vk_problems pr = VK_PROBLEMS_INIT;
	json_t *old = vk_store_get(s, &vk_entity_trial, id);
	json_t *changes = json_pack("{ss}", "status", status);
	json_t *note = json_pack("{ss}", "date", date);

	assert_int_equal(vk_change_move(s, &vk_entity_trial, old, changes, note, force, &pr), 1);
	expect_problems(&pr, "");
	json_decref(note);
	json_decref(changes);
	json_decref(old);
}

static void test_change_lifecycle(void **state)
{
	struct vk_store *s = *state;
	struct vk_problems pr = VK_PROBLEMS_INIT;
	json_t *old, *changes, *all;

	setenv("VK_TODAY", "2024-06-03", 1);
	assert_int_equal(add(s, &vk_entity_trial, "{\"title\": \"Sprogcafé på biblioteket\"}", ""), 1);
	old = vk_store_get(s, &vk_entity_trial, 1);
	changes = J("{\"status\": \"running\", \"unit\": \"Biblioteket i Tasiilaq\"}");
	/* a set of the status is a move the lifecycle checks */
	assert_int_equal(vk_change_update(s, &vk_entity_trial, old, changes, false, &pr, NULL, NULL), -1);
	expect_problems(&pr, "status: trial 1 is idea and cannot move to running; from idea it may "
			"move to proposed (--force overrides)");
	vk_problems_clear(&pr);
	assert_int_equal(count_events(s), 1);
	/* forced, it is recorded as a forced move of today; the caller's after is the fields */
	json_t *before = NULL, *after = NULL;
	assert_int_equal(vk_change_update(s, &vk_entity_trial, old, changes, true, &pr, &before, &after), 1);
	expect_json(after, "{\"status\": \"running\", \"unit\": \"Biblioteket i Tasiilaq\"}");
	all = events_of(s, "trial", 1);
	expect_json(json_array_get(all, 1), "{\"entity\": \"trial\", \"entity_id\": 1, \"action\": \"move\","
		    " \"before\": {\"status\": \"idea\", \"unit\": null}, \"after\": {\"status\": \"running\","
		    " \"unit\": \"Biblioteket i Tasiilaq\", \"date\": \"2024-06-03\", \"forced\": true}}");
	json_decref(all);
	json_decref(before);
	json_decref(after);
	json_decref(changes);
	json_decref(old);
	/* evaluated needs a learning, forced or not */
	old = vk_store_get(s, &vk_entity_trial, 1);
	changes = J("{\"status\": \"evaluated\", \"outcome\": \"adopt\"}");
	assert_int_equal(vk_change_update(s, &vk_entity_trial, old, changes, true, &pr, NULL, NULL), -1);
	expect_problems(&pr, "status: trial 1 has no learning yet: write down what was learned first "
			"(vk-trial learn 1 TEXT)");
	vk_problems_clear(&pr);
	json_decref(changes);
	json_decref(old);
	unsetenv("VK_TODAY");
}

static void test_query_status_on_date(void **state)
{
	struct vk_store *s = *state;
	const struct vk_entity *e = &vk_entity_trial;
	json_t *before = J("{\"status\": \"running\"}"), *after = J("{\"status\": \"stopped\"}");

	assert_int_equal(add(s, e, "{\"title\": \"Sprogcafé\", \"status\": \"running\"}", ""), 1);
	assert_int_equal(add(s, e, "{\"title\": \"Bus til hallen\", \"status\": \"stopped\"}", ""), 2);
	assert_int_equal(add(s, e, "{\"title\": \"Kaffemik for tilflyttere\"}", ""), 3);
	assert_int_equal(add(s, e, "{\"title\": \"Læsemakker\", \"status\": \"running\"}", ""), 4);
	move_on(s, 1, "stopped", "2024-05-20", false);
	move_on(s, 3, "proposed", "2024-03-01", false);
	move_on(s, 3, "rejected", "2024-04-01", false);
	/* an older history's change of status: no date of its own, the day it was made counts */
	vk_store_add_event(s, "trial", 4, "set", before, after);
#define ENDED_ON(date) "[\"" date "\", \"rejected\", \"stopped\"]"
	/* 2 came in stopped: stopped on every day; 4 before its change, running */
	finds(s, e, "status", VK_OP_NOT_IN_ON, ENDED_ON("2024-02-01"), "1,3,4");
	finds(s, e, "status", VK_OP_NOT_IN_ON, ENDED_ON("2024-03-31"), "1,3,4");
	finds(s, e, "status", VK_OP_NOT_IN_ON, ENDED_ON("2024-04-01"), "1,4");
	finds(s, e, "status", VK_OP_NOT_IN_ON, ENDED_ON("2024-05-19"), "1,4");
	finds(s, e, "status", VK_OP_NOT_IN_ON, ENDED_ON("2024-05-20"), "4");
	finds(s, e, "status", VK_OP_NOT_IN_ON, ENDED_ON("9999-12-31"), "");
	/* forced back to running: running again from that day */
	move_on(s, 1, "running", "2024-06-01", true);
	finds(s, e, "status", VK_OP_NOT_IN_ON, ENDED_ON("2024-05-25"), "4");
	finds(s, e, "status", VK_OP_NOT_IN_ON, ENDED_ON("2024-06-01"), "1,4");
	json_decref(before);
	json_decref(after);
#undef ENDED_ON
}

static void test_change_check_refs(void **state)
{
	struct vk_store *s = *state;
	struct vk_problems pr = VK_PROBLEMS_INIT;
	json_t *r;

	insert(s, &vk_entity_stakeholder, "{\"name\": \"Aviaja\"}");
	r = J("{\"id\": null, \"trial\": 3, \"author\": 1, \"text\": \"x\"}");
	vk_change_check_refs(s, &vk_entity_learning, r, &pr);
	expect_problems(&pr, "trial: there is no trial 3");
	json_decref(r);
	vk_problems_clear(&pr);
	r = J("{\"participants\": [1, 2], \"owner\": null, \"milestone\": 1}");
	vk_change_check_refs(s, &vk_entity_trial, r, &pr);
	expect_problems(&pr, "participants: there is no stakeholder 2\nmilestone: there is no milestone 1");
	json_decref(r);
	vk_problems_clear(&pr);
}

static void test_change_remove(void **state)
{
	struct vk_store *s = *state;
	struct strbuf why = STRBUF_INIT;
	json_t *all;

	add(s, &vk_entity_stakeholder, "{\"name\": \"Aviaja Kristiansen-Kleist\"}", "");
	add(s, &vk_entity_stakeholder, "{\"name\": \"Søren Ødegaard\"}", "");
	add(s, &vk_entity_engagement, "{\"date\": \"2024-03-05\", \"kind\": \"workshop\","
	    " \"title\": \"Værksted i Paamiut\", \"participants\": [2]}", "");
	add(s, &vk_entity_input, "{\"engagement\": 1, \"text\": \"Flere lærere\", \"stakeholder\": 2}", "");
	add(s, &vk_entity_input, "{\"engagement\": 1, \"text\": \"Bedre havn\", \"source\": \"fisker\"}", "");
	add(s, &vk_entity_trial, "{\"title\": \"Madordning\", \"owner\": 1}", "");
	add(s, &vk_entity_learning, "{\"trial\": 1, \"text\": \"Børnene spiste mere\"}", "");

	assert_int_equal(vk_change_remove(s, &vk_entity_stakeholder, 9, &why), 1);
	assert_int_equal(vk_change_remove(s, &vk_entity_stakeholder, 1, &why), -1);
	assert_string_equal(why.buf, "trial 1 (owner)");
	strbuf_reset(&why);
	assert_int_equal(vk_change_remove(s, &vk_entity_stakeholder, 2, &why), -1);
	assert_string_equal(why.buf, "engagement 1 (participants), input 1 (stakeholder)");
	strbuf_reset(&why);
	assert_true(vk_store_exists(s, &vk_entity_stakeholder, 2));
	assert_int_equal(count_events(s), 7);

	/* an engagement goes with its inputs */
	assert_int_equal(vk_change_remove(s, &vk_entity_engagement, 1, &why), 0);
	assert_string_equal(why.buf, "");
	assert_false(vk_store_exists(s, &vk_entity_engagement, 1));
	assert_false(vk_store_exists(s, &vk_entity_input, 1));
	assert_false(vk_store_exists(s, &vk_entity_input, 2));
	all = events_of(s, NULL, 0);
	assert_int_equal(json_array_size(all), 10);
	expect_json(json_array_get(all, 7), "{\"entity\": \"input\", \"entity_id\": 1, \"action\": \"rm\","
		    " \"before\": {\"engagement\": 1, \"stakeholder\": 2, \"text\": \"Flere lærere\"},"
		    " \"after\": null}");
	expect_json(json_array_get(all, 8), "{\"entity\": \"input\", \"entity_id\": 2, \"action\": \"rm\","
		    " \"before\": {\"engagement\": 1, \"text\": \"Bedre havn\", \"source\": \"fisker\"},"
		    " \"after\": null}");
	expect_json(json_array_get(all, 9), "{\"entity\": \"engagement\", \"entity_id\": 1,"
		    " \"action\": \"rm\", \"before\": {\"date\": \"2024-03-05\", \"kind\": \"workshop\","
		    " \"title\": \"Værksted i Paamiut\", \"participants\": [2]}, \"after\": null}");
	json_decref(all);
	/* now nothing refers to Søren */
	assert_int_equal(vk_change_remove(s, &vk_entity_stakeholder, 2, &why), 0);
	/* a trial goes with its learnings */
	assert_int_equal(vk_change_remove(s, &vk_entity_trial, 1, &why), 0);
	assert_false(vk_store_exists(s, &vk_entity_learning, 1));
	assert_int_equal(vk_change_remove(s, &vk_entity_stakeholder, 1, &why), 0);
	assert_string_equal(why.buf, "");
	assert_int_equal(vk_change_remove(s, &vk_entity_stakeholder, 1, &why), 1);
	/* the ids stay used */
	assert_true(vk_store_id_used(s, &vk_entity_input, 2));
	assert_true(vk_store_id_used(s, &vk_entity_learning, 1));
	strbuf_release(&why);
}

static void test_change_remove_many_referrers(void **state)
{
	struct vk_store *s = *state;
	struct strbuf why = STRBUF_INIT;
	char text[100];

	add(s, &vk_entity_stakeholder, "{\"name\": \"Malik Olsen\"}", "");
	for (int i = 1; i <= 25; i++) {
		snprintf(text, sizeof(text), "{\"title\": \"Prøvehandling %d\", \"owner\": 1}", i);
		add(s, &vk_entity_trial, text, "");
	}
	assert_int_equal(vk_change_remove(s, &vk_entity_stakeholder, 1, &why), -1);
	/* the first 20 are named, then "..." */
	assert_int_equal(strncmp(why.buf, "trial 1 (owner), trial 2 (owner), ", 34), 0);
	assert_non_null(strstr(why.buf, "trial 20 (owner), ..."));
	assert_null(strstr(why.buf, "trial 21"));
	assert_string_equal(why.buf + why.len - 5, ", ...");
	strbuf_release(&why);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_every_field_round_trips, setup, teardown),
		cmocka_unit_test(test_schema_version),
		cmocka_unit_test_setup_teardown(test_realistic_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_absent_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ids_never_reused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_explicit_ids, setup, teardown),
		cmocka_unit_test_setup_teardown(test_update_replaces_lists, setup, teardown),
		cmocka_unit_test_setup_teardown(test_delete_removes_lists, setup, teardown),
		cmocka_unit_test_setup_teardown(test_referrers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_query_compare, setup, teardown),
		cmocka_unit_test_setup_teardown(test_query_lists_and_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_query_not_heard, setup, teardown),
		cmocka_unit_test_setup_teardown(test_query_several_filters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_query_sort_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_query_dates_and_refs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_transactions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_events, setup, teardown),
		cmocka_unit_test(test_file_store),
		cmocka_unit_test(test_file_schema),
		cmocka_unit_test(test_open_missing_for_reading),
		cmocka_unit_test(test_open_refuses_what_is_no_store),
		cmocka_unit_test(test_open_empty_file_for_writing),
		cmocka_unit_test(test_store_path),
		cmocka_unit_test_setup_teardown(test_change_add_initial_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_change_add_event, setup, teardown),
		cmocka_unit_test_setup_teardown(test_change_add_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_change_update, setup, teardown),
		cmocka_unit_test_setup_teardown(test_change_update_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_change_update_as, setup, teardown),
		cmocka_unit_test_setup_teardown(test_change_lifecycle, setup, teardown),
		cmocka_unit_test_setup_teardown(test_query_status_on_date, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cells_print_as_records, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ids_in_transaction, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mark_seen, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mark_seen_many_runs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_change_check_refs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_change_remove, setup, teardown),
		cmocka_unit_test_setup_teardown(test_change_remove_many_referrers, setup, teardown),
	};

	setenv("USER", "aviaja", 1);
	unsetenv("VK_DB");
	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}

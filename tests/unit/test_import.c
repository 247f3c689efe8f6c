/* test_import.c: unit tests of lib/import.c (CSV and JSON Lines in, all or nothing). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "change.h"
#include "date.h"
#include "error.h"
#include "record.h"
#include "import.h"
#include "schema.h"
#include "store.h"
#include "strbuf.h"
#include "writer.h"

/* ---- helpers ---- */

#include "unit.h"	/* J(), expect_json(), check_json() */

/* What an import did: its exit code, counts, stdout (out) and stderr. */
struct run {
	int rc;
	struct vk_import_result res;
	char *out;
	char *err;
};

/*
 * The strings of runs not yet freed: a failed assertion leaves its test
 * at once, and teardown frees them then (no leak reports after a failure).
 */
static char *pending[16];

static void hold(char *p)
{
	for (size_t i = 0; i < sizeof(pending) / sizeof(pending[0]); i++)
		if (!pending[i]) {
			pending[i] = p;
			return;
		}
	fail_msg("too many runs not freed");
}

static void release(char *p)
{
	for (size_t i = 0; p && i < sizeof(pending) / sizeof(pending[0]); i++)
		if (pending[i] == p)
			pending[i] = NULL;
	free(p);
}

static void release_all(void)
{
	for (size_t i = 0; i < sizeof(pending) / sizeof(pending[0]); i++) {
		free(pending[i]);
		pending[i] = NULL;
	}
}

static void run_free(struct run *r)
{
	release(r->out);
	release(r->err);
	memset(r, 0, sizeof(*r));
}

static char *read_all(FILE *f)
{
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;

	rewind(f);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(&sb, buf, n);
	return strbuf_detach(&sb, NULL);
}

/* Imports data[0..len) as a file called name. */
static void run_import(struct vk_store *s, const struct vk_entity *e, const char *data,
		       size_t len, const char *name, const struct vk_import_options *o,
		       struct run *r)
{
	FILE *in = len ? fmemopen((void *)data, len, "r") : tmpfile();
	FILE *out = tmpfile();
	FILE *err = tmpfile();
	int saved;

	assert_non_null(in);
	assert_non_null(out);
	assert_non_null(err);
	fflush(stderr);
	saved = dup(2);
	assert_true(saved >= 0);
	dup2(fileno(err), 2);
	memset(&r->res, 0xff, sizeof(r->res));
	r->rc = vk_import(s, e, in, name, o, out, &r->res);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	fclose(in);
	r->out = read_all(out);
	r->err = read_all(err);
	hold(r->out);
	hold(r->err);
	fclose(out);
	fclose(err);
}

static const struct vk_import_options defaults = { VK_FORMAT_AUTO, 0, false, false, false, false };

#define import_lit(s, e, lit, name, o, r) run_import(s, e, lit, sizeof(lit) - 1, name, o, r)

#define expect_counts(r, a, u, same, b) do { \
		assert_int_equal((r)->res.added, a); \
		assert_int_equal((r)->res.updated, u); \
		assert_int_equal((r)->res.unchanged, same); \
		assert_int_equal((r)->res.bad, b); \
	} while (0)

/* The ids of e in the store, as "1,2,3". */
static char *ids(struct vk_store *s, const struct vk_entity *e)
{
	struct vk_query q = { e, NULL, 0, NULL, false, 0 };
	struct vk_cursor *c = vk_store_query(s, &q);
	struct strbuf sb = STRBUF_INIT;
	json_t *r;

	while ((r = vk_cursor_next(c))) {
		strbuf_addf(&sb, "%s%lld", sb.len ? "," : "",
			    (long long)json_integer_value(json_object_get(r, "id")));
		json_decref(r);
	}
	vk_cursor_close(c);
	return strbuf_detach(&sb, NULL);
}

#define expect_ids(s, e, want) do { \
		char *got_ = ids(s, e); \
		assert_string_equal(got_, want); \
		free(got_); \
	} while (0)

static size_t count_events(struct vk_store *s)
{
	struct vk_cursor *c = vk_store_events(s, NULL, 0);
	json_t *ev;
	size_t n = 0;

	while ((ev = vk_cursor_next(c))) {
		n++;
		json_decref(ev);
	}
	vk_cursor_close(c);
	return n;
}

/* The record without its timestamps (which must be valid), for comparing. */
static json_t *get_plain(struct vk_store *s, const struct vk_entity *e, long long id)
{
	json_t *r = vk_store_get(s, e, id);

	assert_non_null(r);
	if (vk_entity_field(e, "created")) {
		assert_true(vk_timestamp_valid(json_string_value(json_object_get(r, "created"))));
		assert_true(vk_timestamp_valid(json_string_value(json_object_get(r, "updated"))));
		json_object_del(r, "created");
		json_object_del(r, "updated");
	}
	return r;
}

static long long add(struct vk_store *s, const struct vk_entity *e, const char *text)
{
	struct vk_problems pr = VK_PROBLEMS_INIT;
	json_t *v = J(text);
	long long id = vk_change_add(s, e, v, &pr);

	assert_int_equal(pr.count, 0);
	assert_true(id > 0);
	json_decref(v);
	return id;
}

static int setup(void **state)
{
	setenv("USER", "aviaja", 1);
	setenv("VK_TODAY", "2024-06-15", 1);
	*state = vk_store_open_memory();
	return 0;
}

static int teardown(void **state)
{
	release_all();
	vk_store_close(*state);
	unsetenv("VK_TODAY");
	return 0;
}

static const char groups[] = "politician, management, manager, employee, citizen, "
			     "association, business, education, partner, consultant, other";

/* ---- adding ---- */

static void test_csv_adds(void **state)
{
	struct vk_store *s = *state;
	struct run r;
	json_t *rec;
	static const char csv[] =
		"name,group,town,email,phone,roles,allocation,tags,notes\n"
		"\"Kristiansen-Kleist, Aviaja\",citizen,Nuuk,aviaja.k@example.gl,+299 55 12 34,"
		"working;owner,20,ungdom;fiskeri,\"Sagde: \"\"Vi skal have flere lærere\"\"\n"
		"Ring efter kl. 16\"\n"
		"Søren Ødegaard,Employee,Tasiilaq,,,,,,\n"
		"Malik Olsen,politician,Paamiut,,,steering,5,,\n";

	import_lit(s, &vk_entity_stakeholder, csv, "interessenter.csv", &defaults, &r);
	assert_string_equal(r.err, "");
	assert_string_equal(r.out, "");
	assert_int_equal(r.rc, 0);
	expect_counts(&r, 3, 0, 0, 0);
	expect_ids(s, &vk_entity_stakeholder, "1,2,3");
	rec = get_plain(s, &vk_entity_stakeholder, 1);
	expect_json(rec, "{\"type\": \"stakeholder\", \"id\": 1, \"name\": \"Kristiansen-Kleist, Aviaja\","
		    " \"group\": \"citizen\", \"organisation\": null, \"town\": \"Nuuk\","
		    " \"email\": \"aviaja.k@example.gl\", \"phone\": \"+299 55 12 34\","
		    " \"roles\": [\"working\", \"owner\"], \"allocation\": 20, \"influence\": null,"
		    " \"interest\": null, \"tags\": [\"ungdom\", \"fiskeri\"],"
		    " \"notes\": \"Sagde: \\\"Vi skal have flere lærere\\\"\\nRing efter kl. 16\"}");
	json_decref(rec);
	rec = get_plain(s, &vk_entity_stakeholder, 2);
	expect_json(rec, "{\"type\": \"stakeholder\", \"id\": 2, \"name\": \"Søren Ødegaard\","
		    " \"group\": \"employee\", \"organisation\": null, \"town\": \"Tasiilaq\","
		    " \"email\": null, \"phone\": null, \"roles\": [], \"allocation\": null,"
		    " \"influence\": null, \"interest\": null, \"tags\": [], \"notes\": null}");
	json_decref(rec);
	/* each add is in the history */
	assert_int_equal(count_events(s), 3);
	run_free(&r);
}

static void test_jsonl_adds(void **state)
{
	struct vk_store *s = *state;
	struct run r;
	json_t *rec;
	static const char jsonl[] =
		"{\"name\": \"Nivi Lynge\", \"group\": \"citizen\", \"town\": \"Paamiut\","
		" \"roles\": [\"participant\"], \"allocation\": 10}\n"
		"{\"type\": \"stakeholder\", \"name\": \"Åse Berg\", \"tags\": [\"bolig\"],"
		" \"notes\": \"Formand for erhvervsrådet;\\n\\\"travl\\\"\", \"email\": null}\n";

	import_lit(s, &vk_entity_stakeholder, jsonl, "nye.jsonl", &defaults, &r);
	assert_string_equal(r.err, "");
	assert_int_equal(r.rc, 0);
	expect_counts(&r, 2, 0, 0, 0);
	rec = get_plain(s, &vk_entity_stakeholder, 2);
	expect_json(rec, "{\"type\": \"stakeholder\", \"id\": 2, \"name\": \"Åse Berg\","
		    " \"group\": null, \"organisation\": null, \"town\": null, \"email\": null,"
		    " \"phone\": null, \"roles\": [], \"allocation\": null, \"influence\": null,"
		    " \"interest\": null, \"tags\": [\"bolig\"],"
		    " \"notes\": \"Formand for erhvervsrådet;\\n\\\"travl\\\"\"}");
	json_decref(rec);
	rec = get_plain(s, &vk_entity_stakeholder, 1);
	expect_json(json_object_get(rec, "allocation"), "10");
	expect_json(json_object_get(rec, "roles"), "[\"participant\"]");
	json_decref(rec);
	run_free(&r);
}

static void test_json_array_adds(void **state)
{
	struct vk_store *s = *state;
	struct run r;
	struct vk_import_options o = defaults;
	json_t *rec;
	static const char json[] =
		"[\n"
		" {\"date\": \"2024-03-05\", \"kind\": \"workshop\", \"title\": \"Fremtidsværksted i Tasiilaq\","
		"  \"town\": \"Tasiilaq\", \"headcount\": {\"citizen\": 23, \"employee\": 4},"
		"  \"themes\": [\"bolig\", \"kultur, sprog og identitet\"]},\n"
		" {\"date\": \"2024-03-12\", \"kind\": \"dialogue\", \"title\": \"Dialogmøde\"}\n"
		"]\n";

	o.from = VK_FORMAT_JSON;
	import_lit(s, &vk_entity_engagement, json, "møder.json", &o, &r);
	assert_string_equal(r.err, "");
	assert_int_equal(r.rc, 0);
	expect_counts(&r, 2, 0, 0, 0);
	rec = vk_store_get(s, &vk_entity_engagement, 1);
	expect_json(rec, "{\"type\": \"engagement\", \"id\": 1, \"date\": \"2024-03-05\","
		    " \"kind\": \"workshop\", \"title\": \"Fremtidsværksted i Tasiilaq\","
		    " \"town\": \"Tasiilaq\", \"participants\": [],"
		    " \"headcount\": {\"citizen\": 23, \"employee\": 4},"
		    " \"themes\": [\"bolig\", \"kultur, sprog og identitet\"], \"notes\": null}");
	json_decref(rec);
	run_free(&r);
}

/* What a Danish spreadsheet saves: a byte-order mark, ';', CRLF. */
static void test_excel_csv(void **state)
{
	struct vk_store *s = *state;
	struct run r;
	json_t *rec;
	static const char csv[] =
		"\xEF\xBB\xBFname;group;town;notes;allocation\r\n"
		"Aviaja Kristiansen-Kleist;citizen;Nuuk;\"Ønsker, at mødet holdes i Nuuk\";15\r\n"
		"Søren Ødegaard;employee;Tasiilaq;'=SUM(A1);\r\n";

	import_lit(s, &vk_entity_stakeholder, csv, "fra-excel.csv", &defaults, &r);
	assert_string_equal(r.err, "");
	assert_int_equal(r.rc, 0);
	expect_counts(&r, 2, 0, 0, 0);
	rec = vk_store_get(s, &vk_entity_stakeholder, 1);
	expect_json(json_object_get(rec, "name"), "\"Aviaja Kristiansen-Kleist\"");
	expect_json(json_object_get(rec, "notes"), "\"Ønsker, at mødet holdes i Nuuk\"");
	expect_json(json_object_get(rec, "allocation"), "15");
	json_decref(rec);
	/* a leading ' marks text and is not part of the value */
	rec = vk_store_get(s, &vk_entity_stakeholder, 2);
	expect_json(json_object_get(rec, "notes"), "\"=SUM(A1)\"");
	expect_json(json_object_get(rec, "allocation"), "null");
	json_decref(rec);
	run_free(&r);
}

static void test_raw_keeps_apostrophe(void **state)
{
	struct vk_store *s = *state;
	struct run r;
	struct vk_import_options o = defaults;
	json_t *rec;
	static const char csv[] = "name,notes\n'Aviaja,'=SUM(A1)\n";

	o.raw = true;
	import_lit(s, &vk_entity_stakeholder, csv, "raw.csv", &o, &r);
	assert_int_equal(r.rc, 0);
	rec = vk_store_get(s, &vk_entity_stakeholder, 1);
	expect_json(json_object_get(rec, "name"), "\"'Aviaja\"");
	expect_json(json_object_get(rec, "notes"), "\"'=SUM(A1)\"");
	json_decref(rec);
	run_free(&r);
}

/* ---- all or nothing ---- */

static void test_all_or_nothing(void **state)
{
	struct vk_store *s = *state;
	struct run r;
	struct strbuf want = STRBUF_INIT;
	static const char csv[] =
		"name,group,allocation\n"
		"Aviaja Kristiansen-Kleist,citizen,20\n"
		"Søren Ødegaard,borger,10\n"
		"Malik Olsen,politician,200\n"
		"Nivi Lynge,citizen,\n";

	import_lit(s, &vk_entity_stakeholder, csv, "t.csv", &defaults, &r);
	assert_int_equal(r.rc, 65);
	assert_int_equal(r.res.bad, 2);
	strbuf_addf(&want, "t.csv:3: group: \"borger\" is not a group; use one of: %s\n"
		    "t.csv:4: allocation: 200 is out of range (0-100)\n"
		    "vk-stakeholder: t.csv: 2 bad rows: nothing was imported\n", groups);
	assert_string_equal(r.err, want.buf);
	assert_string_equal(r.out, "");
	/* nothing was written, not even the good rows or their history */
	expect_ids(s, &vk_entity_stakeholder, "");
	assert_int_equal(count_events(s), 0);
	run_free(&r);
	strbuf_release(&want);

	/* the ids the failed import took are free again */
	import_lit(s, &vk_entity_stakeholder, "name\nAviaja Kristiansen-Kleist\n", "t.csv",
		   &defaults, &r);
	assert_int_equal(r.rc, 0);
	expect_ids(s, &vk_entity_stakeholder, "1");
	run_free(&r);
}

/* A bad row is reported at the line where it starts, after quoted newlines. */
static void test_bad_row_line(void **state)
{
	struct vk_store *s = *state;
	struct run r;
	static const char csv[] =
		"text,engagement,source\n"
		"\"Vi mangler en vuggestue,\n"
		"og en legeplads\",1,\"kvinde, 34 år\"\n"
		"\"Havnen skal \"\"udbygges\"\"\",9,mandlig pensionist\n"
		"Bedre internet,1,\n";

	add(s, &vk_entity_engagement, "{\"date\": \"2024-03-05\", \"kind\": \"meeting\","
	    " \"title\": \"Borgermøde i Paamiut\"}");
	import_lit(s, &vk_entity_input, csv, "input.csv", &defaults, &r);
	assert_int_equal(r.rc, 65);
	assert_string_equal(r.err, "input.csv:4: engagement: there is no engagement 9\n"
			    "vk-stakeholder: input.csv: 1 bad row: nothing was imported\n");
	expect_ids(s, &vk_entity_input, "");
	run_free(&r);
}

static void test_invalid_utf8(void **state)
{
	struct vk_store *s = *state;
	struct run r;
	static const char csv[] =
		"name,town\n"
		"Aviaja Kristiansen-Kleist,Nuuk\n"
		"S\xf8ren \xd8" "degaard,Tasiilaq\n";

	import_lit(s, &vk_entity_stakeholder, csv, "latin1.csv", &defaults, &r);
	assert_int_equal(r.rc, 65);
	assert_int_equal(r.res.bad, 1);
	assert_string_equal(r.err, "latin1.csv:3: name: invalid UTF-8 at byte 2 of the value\n"
			    "vk-stakeholder: latin1.csv: 1 bad row: nothing was imported\n");
	expect_ids(s, &vk_entity_stakeholder, "");
	run_free(&r);
}

static void test_many_bad_rows(void **state)
{
	struct vk_store *s = *state;
	struct run r;
	struct strbuf csv = STRBUF_INIT;
	size_t lines = 0;
	static const char first[] = "mange.csv:2: influence: \"enorm\" is not a level; use one "
				    "of: low, medium, high\nmange.csv:3: influence: ";

	strbuf_addstr(&csv, "name,influence\n");
	for (int i = 0; i < 55; i++)
		strbuf_addf(&csv, "Borger %d,enorm\n", i + 1);
	run_import(s, &vk_entity_stakeholder, csv.buf, csv.len, "mange.csv", &defaults, &r);
	assert_int_equal(r.rc, 65);
	assert_int_equal(r.res.bad, 55);
	for (const char *p = r.err; (p = strstr(p, "mange.csv:")); p++)
		if (p == r.err || p[-1] == '\n')
			lines++;
	assert_int_equal(lines, 50);
	assert_int_equal(strncmp(r.err, first, strlen(first)), 0);
	assert_non_null(strstr(r.err, "mange.csv:51: influence"));
	assert_null(strstr(r.err, "mange.csv:52:"));
	assert_non_null(strstr(r.err, "\nvk-stakeholder: mange.csv: 5 more bad rows not shown\n"
			       "vk-stakeholder: mange.csv: 55 bad rows: nothing was imported\n"));
	expect_ids(s, &vk_entity_stakeholder, "");
	strbuf_release(&csv);
	run_free(&r);
}

/* ---- updating by id ---- */

static void test_update_by_id(void **state)
{
	struct vk_store *s = *state;
	struct run r;
	json_t *rec, *before;

	add(s, &vk_entity_stakeholder, "{\"name\": \"Aviaja Kristiansen-Kleist\", \"town\": \"Nuuk\","
	    " \"group\": \"citizen\", \"email\": \"aviaja.k@example.gl\", \"roles\": [\"working\"]}");
	add(s, &vk_entity_stakeholder, "{\"name\": \"Søren Ødegaard\", \"town\": \"Tasiilaq\"}");
	before = vk_store_get(s, &vk_entity_stakeholder, 2);

	/* only the fields the row has change */
	import_lit(s, &vk_entity_stakeholder, "id,town,roles\n1,Paamiut,working;lead\n", "t.csv",
		   &defaults, &r);
	assert_string_equal(r.err, "");
	assert_int_equal(r.rc, 0);
	expect_counts(&r, 0, 1, 0, 0);
	rec = get_plain(s, &vk_entity_stakeholder, 1);
	expect_json(rec, "{\"type\": \"stakeholder\", \"id\": 1, \"name\": \"Aviaja Kristiansen-Kleist\","
		    " \"group\": \"citizen\", \"organisation\": null, \"town\": \"Paamiut\","
		    " \"email\": \"aviaja.k@example.gl\", \"phone\": null,"
		    " \"roles\": [\"working\", \"lead\"], \"allocation\": null, \"influence\": null,"
		    " \"interest\": null, \"tags\": [], \"notes\": null}");
	json_decref(rec);
	rec = vk_store_get(s, &vk_entity_stakeholder, 2);
	assert_true(json_equal(rec, before));
	json_decref(rec);
	json_decref(before);
	assert_int_equal(count_events(s), 3);
	run_free(&r);

	/* the same again changes nothing */
	import_lit(s, &vk_entity_stakeholder, "id,town,roles\n1,Paamiut,working;lead\n", "t.csv",
		   &defaults, &r);
	assert_int_equal(r.rc, 0);
	expect_counts(&r, 0, 0, 1, 0);
	assert_int_equal(count_events(s), 3);
	run_free(&r);

	/* JSON: an update and an add in one import; null clears */
	import_lit(s, &vk_entity_stakeholder,
		   "{\"id\": 2, \"town\": null, \"organisation\": \"Tasiilaq Skole\"}\n"
		   "{\"name\": \"Malik Olsen\"}\n", "t.jsonl", &defaults, &r);
	assert_string_equal(r.err, "");
	assert_int_equal(r.rc, 0);
	expect_counts(&r, 1, 1, 0, 0);
	rec = vk_store_get(s, &vk_entity_stakeholder, 2);
	expect_json(json_object_get(rec, "town"), "null");
	expect_json(json_object_get(rec, "organisation"), "\"Tasiilaq Skole\"");
	expect_json(json_object_get(rec, "name"), "\"Søren Ødegaard\"");
	json_decref(rec);
	expect_ids(s, &vk_entity_stakeholder, "1,2,3");
	run_free(&r);
}

static void test_update_refused_rolls_back(void **state)
{
	struct vk_store *s = *state;
	struct run r;
	json_t *rec;

	add(s, &vk_entity_stakeholder, "{\"name\": \"Aviaja Kristiansen-Kleist\", \"town\": \"Nuuk\"}");
	import_lit(s, &vk_entity_stakeholder, "id,town,name\n1,Paamiut,Aviaja\n,Nuuk,\n", "t.csv",
		   &defaults, &r);
	assert_int_equal(r.rc, 65);
	assert_string_equal(r.err, "t.csv:3: name: is required\n"
			    "vk-stakeholder: t.csv: 1 bad row: nothing was imported\n");
	rec = vk_store_get(s, &vk_entity_stakeholder, 1);
	expect_json(json_object_get(rec, "town"), "\"Nuuk\"");
	expect_json(json_object_get(rec, "name"), "\"Aviaja Kristiansen-Kleist\"");
	json_decref(rec);
	assert_int_equal(count_events(s), 1);
	run_free(&r);
}

/* ---- ids ---- */

static void test_duplicate_ids(void **state)
{
	struct vk_store *s = *state;
	struct run r;

	import_lit(s, &vk_entity_stakeholder, "id,name\n5,Aviaja\n6,Søren\n5,Malik\n", "t.csv",
		   &defaults, &r);
	assert_int_equal(r.rc, 65);
	assert_string_equal(r.err, "t.csv:4: id: 5 appears twice in this import\n"
			    "vk-stakeholder: t.csv: 1 bad row: nothing was imported\n");
	expect_ids(s, &vk_entity_stakeholder, "");
	run_free(&r);

	/* also when the id exists: a row may not update a record twice */
	add(s, &vk_entity_stakeholder, "{\"name\": \"Aviaja\"}");
	import_lit(s, &vk_entity_stakeholder, "{\"id\": 1, \"town\": \"Nuuk\"}\n"
		   "{\"id\": 1, \"town\": \"Paamiut\"}\n", "t.jsonl", &defaults, &r);
	assert_int_equal(r.rc, 65);
	assert_string_equal(r.err, "t.jsonl:2: id: 1 appears twice in this import\n"
			    "vk-stakeholder: t.jsonl: 1 bad row: nothing was imported\n");
	run_free(&r);
}

static void test_removed_ids_refused(void **state)
{
	struct vk_store *s = *state;
	struct run r;
	struct strbuf why = STRBUF_INIT;

	add(s, &vk_entity_stakeholder, "{\"name\": \"Aviaja\"}");
	add(s, &vk_entity_stakeholder, "{\"name\": \"Søren\"}");
	assert_int_equal(vk_change_remove(s, &vk_entity_stakeholder, 2, &why), 0);
	import_lit(s, &vk_entity_stakeholder, "id,name\n2,Genbrugt\n", "t.csv", &defaults, &r);
	assert_int_equal(r.rc, 65);
	assert_string_equal(r.err, "t.csv:2: id: stakeholder 2 exists or existed; ids are never reused\n"
			    "vk-stakeholder: t.csv: 1 bad row: nothing was imported\n");
	expect_ids(s, &vk_entity_stakeholder, "1");
	run_free(&r);
	strbuf_release(&why);
}

static void test_new_ids_kept(void **state)
{
	struct vk_store *s = *state;
	struct run r;

	import_lit(s, &vk_entity_stakeholder, "id,name\n3,Aviaja\n7,Søren\n", "t.csv", &defaults, &r);
	assert_string_equal(r.err, "");
	assert_int_equal(r.rc, 0);
	expect_counts(&r, 2, 0, 0, 0);
	expect_ids(s, &vk_entity_stakeholder, "3,7");
	run_free(&r);
	import_lit(s, &vk_entity_stakeholder, "name\nMalik\n", "t.csv", &defaults, &r);
	expect_ids(s, &vk_entity_stakeholder, "3,7,8");
	run_free(&r);
}

/* An export sorted by name, imported into an empty store, keeps its ids. */
static void test_new_ids_in_any_order(void **state)
{
	struct vk_store *s = *state;
	struct run r;

	import_lit(s, &vk_entity_stakeholder, "id,name\n9,Aviaja Kristiansen-Kleist\n4,Søren Ødegaard\n",
		   "sorteret.csv", &defaults, &r);
	assert_string_equal(r.err, "");
	assert_int_equal(r.rc, 0);
	expect_ids(s, &vk_entity_stakeholder, "4,9");
	run_free(&r);
}

/* ---- columns ---- */

/* What a message about a name that is no field says a stakeholder has. */
#define STAKEHOLDER_FIELDS "; the fields: id, name, group, organisation, town, email, phone, " \
	"roles, allocation, influence, interest, tags, notes, created, updated"

static void test_unknown_columns(void **state)
{
	struct vk_store *s = *state;
	struct run r;
	struct vk_import_options o = defaults;
	json_t *rec;
	static const char csv[] = "name,skostørrelse,town,yndlingsret\nAviaja,38,Nuuk,suaasat\n";

	import_lit(s, &vk_entity_stakeholder, csv, "t.csv", &defaults, &r);
	assert_int_equal(r.rc, 65);
	/* one message for the header, however many columns are wrong */
	assert_string_equal(r.err, "t.csv:1: 2 columns are no field of a stakeholder: "
			    "\"skostørrelse\" and \"yndlingsret\" (--ignore-unknown skips them)"
			    STAKEHOLDER_FIELDS "\n"
			    "vk-stakeholder: t.csv: 1 bad row: nothing was imported\n");
	expect_ids(s, &vk_entity_stakeholder, "");
	run_free(&r);

	o.ignore_unknown = true;
	import_lit(s, &vk_entity_stakeholder, csv, "t.csv", &o, &r);
	assert_string_equal(r.err, "");
	assert_int_equal(r.rc, 0);
	expect_counts(&r, 1, 0, 0, 0);
	rec = get_plain(s, &vk_entity_stakeholder, 1);
	expect_json(rec, "{\"type\": \"stakeholder\", \"id\": 1, \"name\": \"Aviaja\", \"group\": null,"
		    " \"organisation\": null, \"town\": \"Nuuk\", \"email\": null, \"phone\": null,"
		    " \"roles\": [], \"allocation\": null, \"influence\": null, \"interest\": null,"
		    " \"tags\": [], \"notes\": null}");
	json_decref(rec);
	run_free(&r);
}

/* A header of a thousand columns, 999 of them no field: one message, not 999. */
static void test_unknown_columns_many(void **state)
{
	struct vk_store *s = *state;
	struct run r;
	struct strbuf csv = STRBUF_INIT;

	strbuf_addstr(&csv, "name");
	for (int i = 1; i < 1000; i++)
		strbuf_addf(&csv, ",kolonne %d", i);
	strbuf_addstr(&csv, "\nÅse Ødegård");
	for (int i = 1; i < 1000; i++)
		strbuf_addstr(&csv, ",x");
	strbuf_addch(&csv, '\n');
	run_import(s, &vk_entity_stakeholder, csv.buf, csv.len, "bred.csv", &defaults, &r);
	strbuf_release(&csv);
	assert_int_equal(r.rc, 65);
	assert_string_equal(r.err, "bred.csv:1: 999 columns are no field of a stakeholder: "
			    "\"kolonne 1\", \"kolonne 2\", \"kolonne 3\", \"kolonne 4\", "
			    "\"kolonne 5\" and 994 more (--ignore-unknown skips them)"
			    STAKEHOLDER_FIELDS "\n"
			    "vk-stakeholder: bred.csv: 1 bad row: nothing was imported\n");
	expect_ids(s, &vk_entity_stakeholder, "");
	run_free(&r);
}

/*
 * A JSON array on one line (jq -c -s): each problem names its element,
 * from 0 as jq counts, and each element is a row of its own: the first
 * 50 bad ones are shown in their order, the rest counted.
 */
static void test_json_array_one_line(void **state)
{
	struct vk_store *s = *state;
	struct run r;
	struct strbuf json = STRBUF_INIT, want = STRBUF_INIT;

	strbuf_addstr(&json, "[{\"name\": \"Åse Ødegård\", \"allocation\": 20}");
	for (int i = 1; i <= 60; i++)
		strbuf_addf(&json, ", {\"name\": \"Person %d\", \"allocation\": %d}", i, 100 + i);
	strbuf_addstr(&json, "]");
	run_import(s, &vk_entity_stakeholder, json.buf, json.len, "arr.json", &defaults, &r);
	for (int i = 1; i <= 50; i++)
		strbuf_addf(&want, "arr.json:1: [%d]: allocation: %d is out of range (0-100)\n", i,
			    100 + i);
	strbuf_addstr(&want, "vk-stakeholder: arr.json: 10 more bad rows not shown\n"
		      "vk-stakeholder: arr.json: 60 bad rows: nothing was imported\n");
	strbuf_release(&json);
	assert_int_equal(r.rc, 65);
	assert_string_equal(r.err, want.buf);
	strbuf_release(&want);
	expect_ids(s, &vk_entity_stakeholder, "");
	run_free(&r);

	/* two arrays one after another, and JSON Lines after them: one import */
	import_lit(s, &vk_entity_stakeholder,
		   "[{\"name\": \"Åse\"}, {\"name\": \"Bjørn\", \"group\": \"borger\"}]\n"
		   "[{\"name\": \"Ærø\", \"influence\": \"høj\"}]\n"
		   "{\"name\": \"Øystein\", \"allocation\": -1}\n", "to.json", &defaults, &r);
	assert_int_equal(r.rc, 65);
	assert_non_null(strstr(r.err, "to.json:1: [1]: group: \"borger\" is not a group"));
	assert_non_null(strstr(r.err, "to.json:2: [0]: influence: \"høj\" is not"));
	assert_non_null(strstr(r.err, "to.json:3: allocation: -1 is out of range (0-100)\n"));
	run_free(&r);
	import_lit(s, &vk_entity_stakeholder,
		   "[{\"name\": \"Åse\"}, {\"name\": \"Bjørn\"}]\n[{\"name\": \"Ærø\"}]\n"
		   "{\"name\": \"Øystein\"}\n", "to.json", &defaults, &r);
	assert_string_equal(r.err, "");
	assert_int_equal(r.rc, 0);
	expect_counts(&r, 4, 0, 0, 0);
	run_free(&r);
}

static void test_unknown_keys_jsonl(void **state)
{
	struct vk_store *s = *state;
	struct run r;
	struct vk_import_options o = defaults;
	static const char jsonl[] =
		"{\"name\": \"Aviaja\"}\n"
		"{\"name\": \"Søren\", \"skostørrelse\": 44}\n";

	import_lit(s, &vk_entity_stakeholder, jsonl, "t.jsonl", &defaults, &r);
	assert_int_equal(r.rc, 65);
	assert_string_equal(r.err, "t.jsonl:2: skostørrelse: no such field in a stakeholder "
			    "(--ignore-unknown skips it)" STAKEHOLDER_FIELDS "\n"
			    "vk-stakeholder: t.jsonl: 1 bad row: nothing was imported\n");
	run_free(&r);
	o.ignore_unknown = true;
	import_lit(s, &vk_entity_stakeholder, jsonl, "t.jsonl", &o, &r);
	assert_int_equal(r.rc, 0);
	expect_ids(s, &vk_entity_stakeholder, "1,2");
	run_free(&r);
}

static void test_type_column(void **state)
{
	struct vk_store *s = *state;
	struct run r;

	import_lit(s, &vk_entity_stakeholder, "type,name\nstakeholder,Aviaja\n", "t.csv", &defaults, &r);
	assert_int_equal(r.rc, 0);
	expect_ids(s, &vk_entity_stakeholder, "1");
	run_free(&r);
	import_lit(s, &vk_entity_stakeholder, "{\"type\": \"trial\", \"name\": \"Madordning\"}\n",
		   "t.jsonl", &defaults, &r);
	assert_int_equal(r.rc, 65);
	assert_string_equal(r.err, "t.jsonl:1: type: this is not a stakeholder record\n"
			    "vk-stakeholder: t.jsonl: 1 bad row: nothing was imported\n");
	expect_ids(s, &vk_entity_stakeholder, "1");
	run_free(&r);
}

/* ---- dry run ---- */

static void test_dry_run(void **state)
{
	struct vk_store *s = *state;
	struct run r;
	struct vk_import_options o = defaults;
	json_t *rec;
	static const char csv[] =
		"id,name,town,allocation\n"
		"1,Aviaja Kristiansen-Kleist,Tasiilaq,30\n"
		",Søren Ødegaard,Paamiut,\n"
		"2,Malik Olsen,Nuuk,\n"
		",\"Nivi \"\"Nivaaq\"\" Lynge\",,\n";

	add(s, &vk_entity_stakeholder, "{\"name\": \"Aviaja Kristiansen-Kleist\", \"town\": \"Nuuk\","
	    " \"allocation\": 20}");
	add(s, &vk_entity_stakeholder, "{\"name\": \"Malik Olsen\", \"town\": \"Nuuk\"}");
	o.dry_run = true;
	import_lit(s, &vk_entity_stakeholder, csv, "t.csv", &o, &r);
	assert_string_equal(r.err, "");
	assert_int_equal(r.rc, 0);
	expect_counts(&r, 2, 1, 1, 0);
	assert_string_equal(r.out,
			    "update stakeholder 1 (line 2): town: \"Nuuk\" -> \"Tasiilaq\"; "
			    "allocation: 20 -> 30\n"
			    "add stakeholder 3 (line 3): \"Søren Ødegaard\"\n"
			    "add stakeholder 4 (line 5): \"Nivi \\\"Nivaaq\\\" Lynge\"\n"
			    "would add 2, update 1, leave 1 unchanged\n");
	/* nothing was written */
	expect_ids(s, &vk_entity_stakeholder, "1,2");
	rec = vk_store_get(s, &vk_entity_stakeholder, 1);
	expect_json(json_object_get(rec, "town"), "\"Nuuk\"");
	expect_json(json_object_get(rec, "allocation"), "20");
	json_decref(rec);
	assert_int_equal(count_events(s), 2);
	run_free(&r);

	/* and the real import afterwards gives the ids the dry run showed */
	import_lit(s, &vk_entity_stakeholder, csv, "t.csv", &defaults, &r);
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.out, "");
	expect_ids(s, &vk_entity_stakeholder, "1,2,3,4");
	run_free(&r);
}

static void test_dry_run_with_bad_row(void **state)
{
	struct vk_store *s = *state;
	struct run r;
	struct vk_import_options o = defaults;

	o.dry_run = true;
	import_lit(s, &vk_entity_stakeholder, "name,email\nAviaja,aviaja@example.gl\nSøren,søren(at)example.gl\n",
		   "t.csv", &o, &r);
	assert_int_equal(r.rc, 65);
	assert_string_equal(r.err, "t.csv:3: email: \"søren(at)example.gl\" is not an e-mail address\n"
			    "vk-stakeholder: t.csv: 1 bad row: nothing was imported\n");
	/* no plan is printed for an import that would not happen */
	assert_string_equal(r.out, "");
	expect_ids(s, &vk_entity_stakeholder, "");
	run_free(&r);
}

static void test_empty_input(void **state)
{
	struct vk_store *s = *state;
	struct run r;
	struct vk_import_options o = defaults;

	o.dry_run = true;
	run_import(s, &vk_entity_stakeholder, "", 0, "tom.csv", &o, &r);
	assert_int_equal(r.rc, 0);
	expect_counts(&r, 0, 0, 0, 0);
	assert_string_equal(r.out, "would add 0, update 0, leave 0 unchanged\n");
	run_free(&r);
	import_lit(s, &vk_entity_stakeholder, "name,town\n", "kun-overskrift.csv", &defaults, &r);
	assert_int_equal(r.rc, 0);
	expect_counts(&r, 0, 0, 0, 0);
	assert_string_equal(r.err, "");
	run_free(&r);
}

/* ---- other record types ---- */

static void test_learnings_refer_to_trials(void **state)
{
	struct vk_store *s = *state;
	struct run r;
	json_t *rec;
	static const char csv[] =
		"trial;date;text;author\n"
		"1;2024-W23;\"Børnene spiste mere, når de selv lavede maden\";1\n"
		"1;;Forældrene vil gerne hjælpe;\n";

	add(s, &vk_entity_stakeholder, "{\"name\": \"Aviaja Kristiansen-Kleist\"}");
	add(s, &vk_entity_trial, "{\"title\": \"Fælles madordning i Tasiilaq\"}");
	import_lit(s, &vk_entity_learning, csv, "l.csv", &defaults, &r);
	assert_string_equal(r.err, "");
	assert_int_equal(r.rc, 0);
	expect_counts(&r, 2, 0, 0, 0);
	rec = vk_store_get(s, &vk_entity_learning, 1);
	expect_json(rec, "{\"type\": \"learning\", \"id\": 1, \"trial\": 1, \"date\": \"2024-06-03\","
		    " \"author\": 1, \"text\": \"Børnene spiste mere, når de selv lavede maden\"}");
	json_decref(rec);
	/* no date: today */
	rec = vk_store_get(s, &vk_entity_learning, 2);
	expect_json(json_object_get(rec, "date"), "\"2024-06-15\"");
	json_decref(rec);
	run_free(&r);

	import_lit(s, &vk_entity_learning, "trial,text\n2,Ingen prøvehandling\n", "l.csv", &defaults, &r);
	assert_int_equal(r.rc, 65);
	assert_string_equal(r.err, "l.csv:2: trial: there is no trial 2\n"
			    "vk-stakeholder: l.csv: 1 bad row: nothing was imported\n");
	run_free(&r);
}

/* ---- export, then import into an empty store ---- */

/* A process with every kind of record and the values that are hard to carry. */
static void process(struct vk_store *s)
{
	struct strbuf why = STRBUF_INIT;

	add(s, &vk_entity_stakeholder, "{\"name\": \"Aviaja Kristiansen-Kleist\", \"group\": \"citizen\","
	    " \"organisation\": \"'Ukaliusaq' forældreråd\", \"town\": \"Nuuk\","
	    " \"email\": \"aviaja.k@example.gl\", \"phone\": \"+299 55 12 34\","
	    " \"roles\": [\"participant\", \"working\"], \"allocation\": 0, \"influence\": \"low\","
	    " \"interest\": \"high\", \"tags\": [\"ungdom\", \"kultur, sprog og identitet\"],"
	    " \"notes\": \"=HYPERLINK(\\\"x\\\")\\n- punkt ét; \\\"citat\\\"\\r\\n\\tslut\"}");
	add(s, &vk_entity_stakeholder, "{\"name\": \"Søren Ødegaard\"}");
	add(s, &vk_entity_stakeholder, "{\"name\": \"@Malik Olsen\", \"group\": \"politician\","
	    " \"town\": \"Paamiut\", \"allocation\": 100}");
	assert_int_equal(vk_change_remove(s, &vk_entity_stakeholder, 2, &why), 0);
	add(s, &vk_entity_engagement, "{\"date\": \"2024-03-05\", \"kind\": \"workshop\","
	    " \"title\": \"Fremtidsværksted, Tasiilaq\", \"town\": \"Tasiilaq\","
	    " \"participants\": [3, 1], \"headcount\": {\"citizen\": 23, \"employee\": 4},"
	    " \"themes\": [\"bolig\"], \"notes\": \"-\"}");
	add(s, &vk_entity_input, "{\"engagement\": 1, \"stakeholder\": 1, \"source\": \"kvinde, 34 år\","
	    " \"text\": \"\\\"Vi mangler en vuggestue\\\"\", \"themes\": [\"børn\"]}");
	add(s, &vk_entity_milestone, "{\"title\": \"Borgermøde i Paamiut\", \"kind\": \"gathering\","
	    " \"start\": \"2024-09-01\", \"due\": \"2024-09-30\", \"owner\": 3,"
	    " \"place\": \"Paamiut Forsamlingshus\", \"deliverables\": \"Referat\"}");
	add(s, &vk_entity_milestone, "{\"title\": \"Beslutning i udvalget\", \"kind\": \"decision\","
	    " \"due\": \"2024-10-31\", \"depends\": [1], \"status\": \"done\", \"done\": \"2024-10-30\"}");
	add(s, &vk_entity_trial, "{\"title\": \"Fælles madordning\", \"description\": \"Børn og voksne"
	    " laver mad sammen\", \"owner\": 1, \"unit\": \"Skolen\", \"department\": \"Børn og unge\","
	    " \"round\": 2, \"track\": \"Sundhed\", \"themes\": [\"børn\", \"sundhed\"],"
	    " \"start\": \"2024-04-01\", \"end\": \"2024-06-30\", \"participants\": [3],"
	    " \"outcome\": \"adopt\", \"milestone\": 2, \"status\": \"done\"}");
	add(s, &vk_entity_learning, "{\"trial\": 1, \"date\": \"2024-06-01\", \"author\": 3,"
	    " \"text\": \"Børnene spiste mere, når de selv lavede maden\"}");
	strbuf_release(&why);
}

/* Prints every record of e as format (what export does). */
static char *export_records(struct vk_store *s, const struct vk_entity *e, enum vk_format format,
			    bool excel)
{
	struct vk_writer_options wo = { format, excel, false };
	const char *cols[32];
	size_t n = 0;
	const char *const *fields = vk_entity_columns(e, &n);
	struct vk_query q = { e, NULL, 0, NULL, false, 0 };
	struct vk_cursor *c;
	struct vk_writer *w;
	FILE *out = tmpfile();
	json_t *r;

	cols[0] = "type";
	memcpy(cols + 1, fields, n * sizeof(*fields));
	w = vk_writer_open(out, &wo, cols, n + 1);
	c = vk_store_query(s, &q);
	while ((r = vk_cursor_next(c))) {
		assert_int_equal(vk_writer_row(w, r), 0);
		json_decref(r);
	}
	vk_cursor_close(c);
	assert_int_equal(vk_writer_close(w), 0);
	char *text = read_all(out);
	fclose(out);
	return text;
}

static void round_trip(enum vk_format format, bool excel)
{
	struct vk_store *a = vk_store_open_memory(), *b = vk_store_open_memory();

	process(a);
	for (size_t k = 0; vk_entities[k]; k++) {
		const struct vk_entity *e = vk_entities[k];
		char *text = export_records(a, e, format, excel);
		struct run r;
		char *ids_a, *ids_b;

		run_import(b, e, text, strlen(text), "export", &defaults, &r);
		if (r.rc)
			fail_msg("%s %s: import failed:\n%s\nof\n%s", vk_format_name(format), e->name,
				 r.err, text);
		ids_a = ids(a, e);
		ids_b = ids(b, e);
		assert_string_equal(ids_b, ids_a);
		for (char *p = ids_a; *p; ) {
			long long id = strtoll(p, &p, 10);
			json_t *ra = vk_store_get(a, e, id), *rb = vk_store_get(b, e, id);
			if (!json_equal(ra, rb)) {
				char *ta = json_dumps(ra, JSON_COMPACT), *tb = json_dumps(rb, JSON_COMPACT);
				fail_msg("%s: %s %lld\nexported %s\nimported %s", vk_format_name(format),
					 e->name, id, ta, tb);
			}
			json_decref(ra);
			json_decref(rb);
			if (*p == ',')
				p++;
		}
		free(ids_a);
		free(ids_b);
		free(text);
		run_free(&r);
	}
	vk_store_close(a);
	vk_store_close(b);
}

static void test_round_trip_csv(void **state)
{
	(void)state;
	round_trip(VK_FORMAT_CSV, false);
}

static void test_round_trip_excel(void **state)
{
	(void)state;
	round_trip(VK_FORMAT_CSV, true);
}

static void test_round_trip_tsv(void **state)
{
	(void)state;
	round_trip(VK_FORMAT_TSV, false);
}

static void test_round_trip_jsonl(void **state)
{
	(void)state;
	round_trip(VK_FORMAT_JSONL, false);
}

static void test_round_trip_json(void **state)
{
	(void)state;
	round_trip(VK_FORMAT_JSON, false);
}

/* Export, then import into the same store: nothing changes. */
static void test_reimport_unchanged(void **state)
{
	struct vk_store *s = *state;
	struct run r;
	char *text;
	size_t before;

	process(s);
	before = 0;
	{
		struct vk_cursor *c = vk_store_events(s, NULL, 0);
		json_t *ev;
		while ((ev = vk_cursor_next(c))) {
			before++;
			json_decref(ev);
		}
		vk_cursor_close(c);
	}
	text = export_records(s, &vk_entity_stakeholder, VK_FORMAT_CSV, false);
	run_import(s, &vk_entity_stakeholder, text, strlen(text), "export.csv", &defaults, &r);
	assert_string_equal(r.err, "");
	assert_int_equal(r.rc, 0);
	expect_counts(&r, 0, 0, 2, 0);
	assert_int_equal(count_events(s), before);
	free(text);
	run_free(&r);
}

/* A header with an unknown column is wrong even before any row. */
static void test_unknown_column_without_rows(void **state)
{
	struct vk_store *s = *state;
	struct run r;

	static const char want[] = "skabelon.csv:1: skostørrelse: no such field in a stakeholder "
				   "(--ignore-unknown skips it)" STAKEHOLDER_FIELDS "\n"
				   "vk-stakeholder: skabelon.csv: 1 bad row: nothing was imported\n";
	int rc;
	bool err_ok;

	import_lit(s, &vk_entity_stakeholder, "name,skostørrelse\n", "skabelon.csv", &defaults, &r);
	/* freed before asserting, so that a failure is no leak */
	rc = r.rc;
	err_ok = !strcmp(r.err, want);
	if (rc != 65 || !err_ok)
		print_message("exit %d, stderr:\n%s", rc, r.err);
	run_free(&r);
	assert_int_equal(rc, 65);
	assert_true(err_ok);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_csv_adds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_jsonl_adds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json_array_adds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_excel_csv, setup, teardown),
		cmocka_unit_test_setup_teardown(test_raw_keeps_apostrophe, setup, teardown),
		cmocka_unit_test_setup_teardown(test_all_or_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_row_line, setup, teardown),
		cmocka_unit_test_setup_teardown(test_invalid_utf8, setup, teardown),
		cmocka_unit_test_setup_teardown(test_many_bad_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_update_by_id, setup, teardown),
		cmocka_unit_test_setup_teardown(test_update_refused_rolls_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_duplicate_ids, setup, teardown),
		cmocka_unit_test_setup_teardown(test_removed_ids_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_new_ids_kept, setup, teardown),
		cmocka_unit_test_setup_teardown(test_new_ids_in_any_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_columns, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_columns_many, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json_array_one_line, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_keys_jsonl, setup, teardown),
		cmocka_unit_test_setup_teardown(test_type_column, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dry_run, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dry_run_with_bad_row, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty_input, setup, teardown),
		cmocka_unit_test_setup_teardown(test_learnings_refer_to_trials, setup, teardown),
		cmocka_unit_test_setup_teardown(test_round_trip_csv, setup, teardown),
		cmocka_unit_test_setup_teardown(test_round_trip_excel, setup, teardown),
		cmocka_unit_test_setup_teardown(test_round_trip_tsv, setup, teardown),
		cmocka_unit_test_setup_teardown(test_round_trip_jsonl, setup, teardown),
		cmocka_unit_test_setup_teardown(test_round_trip_json, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reimport_unchanged, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_column_without_rows, setup, teardown),
	};

	vk_set_progname("vk-stakeholder");
	return cmocka_run_group_tests_name("import", tests, NULL, NULL);
}

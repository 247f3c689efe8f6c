/* test_history.c: unit tests of lib/history.c (diff, describe, print, forget). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "change.h"
#include "cli.h"
#include "date.h"
#include "error.h"
#include "history.h"
#include "record.h"
#include "schema.h"
#include "store.h"
#include "strbuf.h"

/* ---- helpers ---- */

#include "unit.h"	/* J(), expect_json(), check_json() */

/* Whether needle occurs in hay[0..len) (memmem is a GNU extension). */
static bool has_bytes(const char *hay, size_t len, const char *needle)
{
	size_t n = strlen(needle);

	for (size_t i = 0; n <= len && i <= len - n; i++)
		if (!memcmp(hay + i, needle, n))
			return true;
	return false;
}

static long long add(struct vk_store *s, const struct vk_entity *e, const char *text)
{
	struct vk_problems pr = VK_PROBLEMS_INIT;
	json_t *v = J(text);
	long long id = vk_change_add(s, e, v, &pr);

	if (pr.count) {
		struct strbuf sb = STRBUF_INIT;
		vk_problem_format(&pr, 0, &sb);
		fail_msg("cannot add %s: %s", text, sb.buf);
	}
	json_decref(v);
	return id;
}

static void set(struct vk_store *s, const struct vk_entity *e, long long id, const char *changes)
{
	struct vk_problems pr = VK_PROBLEMS_INIT;
	json_t *old = vk_store_get(s, e, id);
	json_t *c = J(changes);

	assert_non_null(old);
	assert_int_equal(vk_change_update(s, e, old, c, false, &pr, NULL, NULL), 1);
	assert_int_equal(pr.count, 0);
	json_decref(c);
	json_decref(old);
}

/* Every event as one compact JSON text (for searching it). */
static char *history_text(struct vk_store *s)
{
	struct vk_cursor *c = vk_store_events(s, NULL, 0);
	struct strbuf sb = STRBUF_INIT;
	json_t *ev;

	while ((ev = vk_cursor_next(c))) {
		char *t = json_dumps(ev, JSON_COMPACT);
		strbuf_addstr(&sb, t);
		strbuf_addch(&sb, '\n');
		free(t);
		json_decref(ev);
	}
	vk_cursor_close(c);
	return strbuf_detach(&sb, NULL);
}

/* The events of (entity, id) as [{action, before, after}, ...]. */
static json_t *events_of(struct vk_store *s, const char *entity, long long id)
{
	json_t *all = json_array();
	struct vk_cursor *c = vk_store_events(s, entity, id);
	json_t *ev;

	while ((ev = vk_cursor_next(c))) {
		json_array_append_new(all, json_pack("{sOsOsO}",
			"action", json_object_get(ev, "action"),
			"before", json_object_get(ev, "before"),
			"after", json_object_get(ev, "after")));
		json_decref(ev);
	}
	vk_cursor_close(c);
	return all;
}

static int setup(void **state)
{
	setenv("USER", "koordinator", 1);
	setenv("VK_TODAY", "2024-06-15", 1);
	*state = vk_store_open_memory();
	return 0;
}

static int teardown(void **state)
{
	vk_store_close(*state);
	unsetenv("VK_TODAY");
	return 0;
}

/* ---- diff ---- */

static void test_diff(void **state)
{
	(void)state;
	json_t *old = J("{\"type\": \"stakeholder\", \"id\": 1, \"name\": \"Aviaja Kristiansen-Kleist\","
			" \"group\": \"citizen\", \"organisation\": null, \"town\": \"Nuuk\","
			" \"email\": null, \"phone\": null, \"roles\": [\"working\"], \"allocation\": 20,"
			" \"influence\": null, \"interest\": null, \"tags\": [], \"notes\": null,"
			" \"created\": \"2024-01-01T08:00:00Z\", \"updated\": \"2024-01-01T08:00:00Z\"}");
	json_t *new_record = json_deep_copy(old);
	json_t *before, *after;

	/* the same record: nothing differs */
	assert_int_equal(vk_history_diff(&vk_entity_stakeholder, old, new_record, &before, &after), 0);
	expect_json(before, "{}");
	expect_json(after, "{}");
	json_decref(before);
	json_decref(after);

	/* timestamps and the id are left out; null and [] are both "nothing" */
	json_object_set_new(new_record, "updated", json_string("2024-06-15T10:00:00Z"));
	json_object_set_new(new_record, "created", json_string("2024-06-15T10:00:00Z"));
	json_object_set_new(new_record, "id", json_integer(2));
	json_object_set_new(new_record, "tags", json_null());
	json_object_set_new(new_record, "email", json_string(""));
	assert_int_equal(vk_history_diff(&vk_entity_stakeholder, old, new_record, &before, &after), 1);
	expect_json(before, "{\"email\": null}");
	expect_json(after, "{\"email\": \"\"}");
	json_decref(before);
	json_decref(after);
	json_object_set_new(new_record, "email", json_null());

	json_object_set_new(new_record, "town", json_string("Paamiut"));
	json_object_set_new(new_record, "roles", J("[\"working\", \"owner\"]"));
	json_object_set_new(new_record, "allocation", json_null());
	json_object_set_new(new_record, "notes", json_string("Flyttet til Paamiut, æ ø å"));
	assert_int_equal(vk_history_diff(&vk_entity_stakeholder, old, new_record, &before, &after), 4);
	expect_json(before, "{\"town\": \"Nuuk\", \"roles\": [\"working\"], \"allocation\": 20,"
		    " \"notes\": null}");
	expect_json(after, "{\"town\": \"Paamiut\", \"roles\": [\"working\", \"owner\"],"
		    " \"allocation\": null, \"notes\": \"Flyttet til Paamiut, æ ø å\"}");
	/* in schema order */
	assert_string_equal(json_object_iter_key(json_object_iter(after)), "town");
	json_decref(before);
	json_decref(after);

	/* order in a list matters; a missing key is no value */
	json_object_set_new(new_record, "roles", J("[\"owner\", \"working\"]"));
	json_object_del(new_record, "town");
	assert_int_equal(vk_history_diff(&vk_entity_stakeholder, old, new_record, &before, &after), 4);
	expect_json(before, "{\"town\": \"Nuuk\", \"roles\": [\"working\"], \"allocation\": 20,"
		    " \"notes\": null}");
	expect_json(after, "{\"town\": null, \"roles\": [\"owner\", \"working\"],"
		    " \"allocation\": null, \"notes\": \"Flyttet til Paamiut, æ ø å\"}");
	json_decref(before);
	json_decref(after);
	json_decref(new_record);
	json_decref(old);
}

static void test_diff_counts(void **state)
{
	(void)state;
	json_t *old = J("{\"id\": 1, \"date\": \"2024-03-05\", \"kind\": \"workshop\", \"title\": \"V\","
			" \"headcount\": {\"citizen\": 12, \"employee\": 3}, \"participants\": [1, 2]}");
	json_t *new_record = J("{\"id\": 1, \"date\": \"2024-03-05\", \"kind\": \"workshop\","
			       " \"title\": \"V\", \"headcount\": {\"employee\": 3, \"citizen\": 12},"
			       " \"participants\": [1, 2, 3]}");
	json_t *before, *after;

	assert_int_equal(vk_history_diff(&vk_entity_engagement, old, new_record, &before, &after), 1);
	expect_json(before, "{\"participants\": [1, 2]}");
	expect_json(after, "{\"participants\": [1, 2, 3]}");
	json_decref(before);
	json_decref(after);
	json_decref(old);
	json_decref(new_record);
}

/* ---- describe ---- */

#define describes(before, after, want) check_describe(before, after, want, __FILE__, __LINE__)

static void check_describe(const char *before, const char *after, const char *want,
			   const char *file, int line)
{
	json_t *b = before ? J(before) : NULL;
	json_t *a = after ? J(after) : NULL;
	struct strbuf sb = STRBUF_INIT;

	vk_history_describe(b, a, &sb);
	if (strcmp(sb.buf, want))
		fail_msg("%s:%d: described as\n%s\nwant\n%s", file, line, sb.buf, want);
	strbuf_release(&sb);
	json_decref(a);
	json_decref(b);
}

static void test_describe(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	json_t *a = J("{\"town\": \"Nuuk\"}");

	describes("{\"town\": \"Nuuk\", \"allocation\": 20}",
		  "{\"town\": \"Paamiut\", \"allocation\": 50}",
		  "town: \"Nuuk\" -> \"Paamiut\"; allocation: 20 -> 50");
	/* an add: no before */
	describes(NULL, "{\"name\": \"Søren Ødegaard\", \"roles\": [\"owner\", \"steering\"],"
		  " \"headcount\": {\"citizen\": 12}}",
		  "name: \"Søren Ødegaard\"; roles: [\"owner\",\"steering\"]; "
		  "headcount: {\"citizen\":12}");
	/* an rm: no after */
	describes("{\"title\": \"Fælles madordning\", \"status\": \"idea\"}", NULL,
		  "title: \"Fælles madordning\"; status: \"idea\"");
	/* no value reads (none) */
	describes("{\"email\": \"aviaja.k@example.gl\", \"tags\": [\"ungdom\"], \"phone\": null}",
		  "{\"email\": null, \"tags\": [], \"phone\": \"+299 55 12 34\"}",
		  "email: \"aviaja.k@example.gl\" -> (none); tags: [\"ungdom\"] -> (none); "
		  "phone: (none) -> \"+299 55 12 34\"");
	/* quotes, newlines and tabs are escaped; æ, ø, å are not */
	describes("{\"notes\": \"Sagde: \\\"Vi skal have flere lærere\\\"\\nRing\\tsenere\"}",
		  "{\"notes\": \"Ændret på mødet i Tasiilaq\"}",
		  "notes: \"Sagde: \\\"Vi skal have flere lærere\\\"\\nRing\\tsenere\" -> "
		  "\"Ændret på mødet i Tasiilaq\"");
	/* keys of after first, then those only in before */
	describes("{\"source\": \"kvinde, 34 år\", \"stakeholder\": 4}",
		  "{\"stakeholder\": null, \"reason\": \"glemt\"}",
		  "stakeholder: 4 -> (none); reason: \"glemt\"; source: \"kvinde, 34 år\"");
	describes("{}", "{}", "");
	describes(NULL, NULL, "");
	/* appends to what is there */
	strbuf_addstr(&sb, "update stakeholder 1: ");
	vk_history_describe(NULL, a, &sb);
	assert_string_equal(sb.buf, "update stakeholder 1: town: \"Nuuk\"");
	strbuf_release(&sb);
	json_decref(a);
}

/* ---- print ---- */

/* Runs vk_history_print() with stdout in a string. */
static char *print_history(struct vk_store *s, enum vk_format format, const char *entity,
			   long long id, size_t *n)
{
	static const struct vk_command cmd = { "log", NULL, NULL, "the history", NULL };
	static const struct vk_program prog = { "vk-stakeholder", "stakeholders", &cmd };
	struct vk_context ctx = { .program = &prog, .command = &cmd, .format = format };
	FILE *tmp = tmpfile();
	int saved;
	struct strbuf sb = STRBUF_INIT;
	char buf[1024];
	size_t k;

	assert_non_null(tmp);
	fflush(stdout);
	saved = dup(1);
	dup2(fileno(tmp), 1);
	*n = vk_history_print(s, &(struct vk_writer_options){ vk_output_format(&ctx), ctx.excel,
			      ctx.raw }, entity, id);
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
	rewind(tmp);
	while ((k = fread(buf, 1, sizeof(buf), tmp)) > 0)
		strbuf_add(&sb, buf, k);
	fclose(tmp);
	return strbuf_detach(&sb, NULL);
}

static void test_print(void **state)
{
	struct vk_store *s = *state;
	char *out, *line;
	size_t n;
	json_t *ev;
	struct strbuf rest = STRBUF_INIT;

	add(s, &vk_entity_stakeholder, "{\"name\": \"Aviaja Kristiansen-Kleist\", \"town\": \"Nuuk\"}");
	add(s, &vk_entity_stakeholder, "{\"name\": \"Søren Ødegaard\"}");
	set(s, &vk_entity_stakeholder, 1, "{\"town\": \"Paamiut\"}");

	out = print_history(s, VK_FORMAT_JSONL, "stakeholder", 1, &n);
	assert_int_equal(n, 2);
	line = strchr(out, '\n');
	assert_non_null(line);
	ev = json_loadb(out, (size_t)(line - out), 0, NULL);
	assert_non_null(ev);
	assert_string_equal(json_string_value(json_object_get(ev, "type")), "event");
	assert_string_equal(json_string_value(json_object_get(ev, "user")), "koordinator");
	expect_json(json_object_get(ev, "after"), "{\"name\": \"Aviaja Kristiansen-Kleist\","
		    " \"town\": \"Nuuk\"}");
	json_decref(ev);
	ev = json_loads(line + 1, 0, NULL);
	assert_non_null(ev);
	expect_json(json_object_get(ev, "action"), "\"set\"");
	expect_json(json_object_get(ev, "before"), "{\"town\": \"Nuuk\"}");
	expect_json(json_object_get(ev, "after"), "{\"town\": \"Paamiut\"}");
	expect_json(json_object_get(ev, "entity_id"), "1");
	json_decref(ev);
	free(out);

	/* for a person: one line an event */
	out = print_history(s, VK_FORMAT_TABLE, NULL, 0, &n);
	assert_int_equal(n, 3);
	/* each line starts with the time: check it, then compare the rest */
	for (line = out; *line; line = strchr(line, '\n') + 1) {
		char at[21];
		memcpy(at, line, 20);
		at[20] = '\0';
		assert_true(vk_timestamp_valid(at));
		strbuf_add(&rest, line + 20, (size_t)(strchr(line, '\n') + 1 - (line + 20)));
	}
	assert_string_equal(rest.buf,
			    "  koordinator  add stakeholder 1  name: \"Aviaja Kristiansen-Kleist\"; "
			    "town: \"Nuuk\"\n"
			    "  koordinator  add stakeholder 2  name: \"Søren Ødegaard\"\n"
			    "  koordinator  set stakeholder 1  town: \"Nuuk\" -> \"Paamiut\"\n");
	strbuf_release(&rest);
	free(out);

	out = print_history(s, VK_FORMAT_JSONL, "trial", 0, &n);
	assert_int_equal(n, 0);
	assert_string_equal(out, "");
	free(out);
}

/* ---- forget ---- */

/*
 * The people of a process: Aviaja (1) with every personal field, who
 * spoke at a meeting twice; Søren (2), who spoke once.
 */
static void people(struct vk_store *s)
{
	add(s, &vk_entity_stakeholder, "{\"name\": \"Aviaja Kristiansen-Kleist\", \"group\": \"citizen\","
	    " \"town\": \"Nuuk\", \"email\": \"aviaja.k@example.gl\", \"phone\": \"+299 55 12 34\","
	    " \"notes\": \"Mor til tre; arbejder på Dronning Ingrids Hospital\","
	    " \"roles\": [\"participant\"], \"tags\": [\"ungdom\"], \"organisation\": \"Forældrerådet\","
	    " \"influence\": \"low\", \"interest\": \"high\", \"allocation\": 5}");
	add(s, &vk_entity_stakeholder, "{\"name\": \"Søren Ødegaard\", \"group\": \"employee\","
	    " \"town\": \"Tasiilaq\", \"email\": \"soeren@example.gl\"}");
	set(s, &vk_entity_stakeholder, 1, "{\"phone\": \"+299 55 43 21\", \"notes\": "
	    "\"Mor til tre; ringer tilbage efter kl. 16\", \"town\": \"Nuuk\"}");
	add(s, &vk_entity_engagement, "{\"date\": \"2024-03-05\", \"kind\": \"meeting\","
	    " \"title\": \"Borgermøde i Nuuk\", \"participants\": [1, 2], \"headcount\": {\"citizen\": 40}}");
	add(s, &vk_entity_input, "{\"engagement\": 1, \"stakeholder\": 1, \"source\": \"kvinde, 34 år, Nuuk\","
	    " \"text\": \"Vi mangler en vuggestue\", \"themes\": [\"børn\"]}");
	add(s, &vk_entity_input, "{\"engagement\": 1, \"stakeholder\": 2, \"source\": \"mandlig pædagog\","
	    " \"text\": \"Flere lærere til bygderne\", \"themes\": [\"uddannelse\"]}");
	add(s, &vk_entity_input, "{\"engagement\": 1, \"stakeholder\": 1, \"source\": \"mor til tre\","
	    " \"text\": \"Bedre busforbindelser\"}");
	set(s, &vk_entity_input, 3, "{\"text\": \"Bedre busforbindelser om aftenen\"}");
}

static void test_forget_record_and_inputs(void **state)
{
	struct vk_store *s = *state;
	json_t *r;

	people(s);
	vk_store_begin(s);
	assert_int_equal(vk_stakeholder_forget(s, 1), 0);
	vk_store_commit(s);

	r = vk_store_get(s, &vk_entity_stakeholder, 1);
	json_object_del(r, "created");
	json_object_del(r, "updated");
	/* name forgotten, email, phone, notes gone; group, town and counts stay */
	expect_json(r, "{\"type\": \"stakeholder\", \"id\": 1, \"name\": \"forgotten\","
		    " \"group\": \"citizen\", \"organisation\": \"Forældrerådet\", \"town\": \"Nuuk\","
		    " \"email\": null, \"phone\": null, \"roles\": [\"participant\"], \"allocation\": 5,"
		    " \"influence\": \"low\", \"interest\": \"high\", \"tags\": [\"ungdom\"],"
		    " \"notes\": null}");
	json_decref(r);
	/* their inputs keep text and themes, lose the link and attribution */
	r = vk_store_get(s, &vk_entity_input, 1);
	expect_json(r, "{\"type\": \"input\", \"id\": 1, \"engagement\": 1, \"stakeholder\": null,"
		    " \"source\": null, \"text\": \"Vi mangler en vuggestue\", \"themes\": [\"børn\"]}");
	json_decref(r);
	r = vk_store_get(s, &vk_entity_input, 3);
	expect_json(r, "{\"type\": \"input\", \"id\": 3, \"engagement\": 1, \"stakeholder\": null,"
		    " \"source\": null, \"text\": \"Bedre busforbindelser om aftenen\", \"themes\": []}");
	json_decref(r);
	/* others' are untouched */
	r = vk_store_get(s, &vk_entity_input, 2);
	expect_json(r, "{\"type\": \"input\", \"id\": 2, \"engagement\": 1, \"stakeholder\": 2,"
		    " \"source\": \"mandlig pædagog\", \"text\": \"Flere lærere til bygderne\","
		    " \"themes\": [\"uddannelse\"]}");
	json_decref(r);
	r = vk_store_get(s, &vk_entity_stakeholder, 2);
	expect_json(json_object_get(r, "name"), "\"Søren Ødegaard\"");
	expect_json(json_object_get(r, "email"), "\"soeren@example.gl\"");
	json_decref(r);
	/* the engagement still counts them */
	r = vk_store_get(s, &vk_entity_engagement, 1);
	expect_json(json_object_get(r, "participants"), "[1, 2]");
	expect_json(json_object_get(r, "headcount"), "{\"citizen\": 40}");
	json_decref(r);

	/* no such stakeholder */
	vk_store_begin(s);
	assert_int_equal(vk_stakeholder_forget(s, 9), 1);
	vk_store_commit(s);
}

static void test_forget_history(void **state)
{
	struct vk_store *s = *state;
	char *text;
	json_t *ev;
	static const char *const erased[] = {
		"Aviaja", "Kristiansen", "aviaja.k@example.gl", "55 12 34", "55 43 21",
		"Mor til tre", "Dronning Ingrid", "ringer tilbage", "kvinde, 34 år", "mor til tre",
	};

	people(s);
	vk_store_begin(s);
	assert_int_equal(vk_stakeholder_forget(s, 1), 0);
	vk_store_commit(s);

	text = history_text(s);
	for (size_t i = 0; i < sizeof(erased) / sizeof(erased[0]); i++)
		if (strstr(text, erased[i]))
			fail_msg("the history still holds \"%s\":\n%s", erased[i], text);
	/* what is not personal stays */
	assert_non_null(strstr(text, "Søren Ødegaard"));
	assert_non_null(strstr(text, "soeren@example.gl"));
	assert_non_null(strstr(text, "mandlig pædagog"));
	assert_non_null(strstr(text, "Vi mangler en vuggestue"));
	assert_non_null(strstr(text, "Forældrerådet"));
	free(text);

	/* the person's own events keep what is not personal, and the forget is recorded */
	ev = events_of(s, "stakeholder", 1);
	assert_int_equal(json_array_size(ev), 3);
	expect_json(json_array_get(ev, 0), "{\"action\": \"add\", \"before\": null, \"after\": {"
		    " \"group\": \"citizen\", \"town\": \"Nuuk\", \"roles\": [\"participant\"],"
		    " \"tags\": [\"ungdom\"], \"organisation\": \"Forældrerådet\", \"influence\": \"low\","
		    " \"interest\": \"high\", \"allocation\": 5}}");
	expect_json(json_array_get(ev, 1), "{\"action\": \"set\", \"before\": {}, \"after\": {}}");
	expect_json(json_array_get(ev, 2), "{\"action\": \"forget\", \"before\": null,"
		    " \"after\": {\"name\": \"forgotten\"}}");
	json_decref(ev);
	/* their inputs' events lose the link and the attribution */
	ev = events_of(s, "input", 1);
	expect_json(ev, "[{\"action\": \"add\", \"before\": null, \"after\": {\"engagement\": 1,"
		    " \"text\": \"Vi mangler en vuggestue\", \"themes\": [\"børn\"]}}]");
	json_decref(ev);
	ev = events_of(s, "input", 3);
	expect_json(ev, "[{\"action\": \"add\", \"before\": null, \"after\": {\"engagement\": 1,"
		    " \"text\": \"Bedre busforbindelser\"}},"
		    " {\"action\": \"set\", \"before\": {\"text\": \"Bedre busforbindelser\"},"
		    " \"after\": {\"text\": \"Bedre busforbindelser om aftenen\"}}]");
	json_decref(ev);
	ev = events_of(s, "input", 2);
	expect_json(ev, "[{\"action\": \"add\", \"before\": null, \"after\": {\"engagement\": 1,"
		    " \"stakeholder\": 2, \"source\": \"mandlig pædagog\","
		    " \"text\": \"Flere lærere til bygderne\", \"themes\": [\"uddannelse\"]}}]");
	json_decref(ev);
}

/* An input once theirs, moved to someone else or removed, is scrubbed in the history too. */
static void test_forget_past_links(void **state)
{
	struct vk_store *s = *state;
	struct strbuf why = STRBUF_INIT;
	char *text;

	people(s);
	/* input 1 is moved to Søren; input 3 is removed */
	set(s, &vk_entity_input, 1, "{\"stakeholder\": 2}");
	assert_int_equal(vk_change_remove(s, &vk_entity_input, 3, &why), 0);
	vk_store_begin(s);
	assert_int_equal(vk_stakeholder_forget(s, 1), 0);
	vk_store_commit(s);
	text = history_text(s);
	assert_null(strstr(text, "kvinde, 34 år"));
	assert_null(strstr(text, "mor til tre"));
	assert_null(strstr(text, "\"stakeholder\":1"));
	free(text);
	strbuf_release(&why);
}

/*
 * SPEC: "History survives rm; forget scrubs personal data from it too."
 * A person removed with rm (nothing referred to them) is still in the
 * history's "add", "set" and "rm" events: forget erases them there too.
 */
/*
 * An add keeps no copy of the record until its first change (store.h):
 * the add event reads as the record added, unchanged, changed or gone.
 */
static void test_add_reads_as_added(void **state)
{
	struct vk_store *s = *state;
	struct strbuf why = STRBUF_INIT;
	json_t *ev;

	vk_store_begin(s);
	add(s, &vk_entity_stakeholder, "{\"name\": \"Nivi Ærbø\", \"group\": \"citizen\","
	    " \"town\": \"Qaqortoq\", \"tags\": [\"fiskeri\", \"skole\"]}");
	add(s, &vk_entity_stakeholder, "{\"name\": \"Hans-Peter Ødegård\", \"group\": \"business\","
	    " \"organisation\": \"Brødrene \\\"Hav\\\", Nuuk\"}");
	add(s, &vk_entity_stakeholder, "{\"name\": \"Ole Åkjær\", \"group\": \"politician\"}");
	set(s, &vk_entity_stakeholder, 2, "{\"organisation\": null, \"town\": \"Nuuk\"}");
	set(s, &vk_entity_stakeholder, 2, "{\"name\": \"Hans-Peter Lynge\"}");
	assert_int_equal(vk_change_remove(s, &vk_entity_stakeholder, 3, &why), 0);
	vk_store_commit(s);
	strbuf_release(&why);

	ev = events_of(s, "stakeholder", 1);
	expect_json(ev, "[{\"action\": \"add\", \"before\": null, \"after\": {\"name\": \"Nivi Ærbø\","
		    " \"group\": \"citizen\", \"town\": \"Qaqortoq\", \"tags\": [\"fiskeri\", \"skole\"]}}]");
	json_decref(ev);
	ev = events_of(s, "stakeholder", 2);
	expect_json(ev, "[{\"action\": \"add\", \"before\": null, \"after\": {\"name\": \"Hans-Peter Ødegård\","
		    " \"group\": \"business\", \"organisation\": \"Brødrene \\\"Hav\\\", Nuuk\"}},"
		    " {\"action\": \"set\", \"before\": {\"organisation\": \"Brødrene \\\"Hav\\\", Nuuk\", \"town\": null},"
		    " \"after\": {\"organisation\": null, \"town\": \"Nuuk\"}},"
		    " {\"action\": \"set\", \"before\": {\"name\": \"Hans-Peter Ødegård\"},"
		    " \"after\": {\"name\": \"Hans-Peter Lynge\"}}]");
	json_decref(ev);
	ev = events_of(s, "stakeholder", 3);
	expect_json(ev, "[{\"action\": \"add\", \"before\": null, \"after\": {\"name\": \"Ole Åkjær\","
		    " \"group\": \"politician\"}}, {\"action\": \"rm\", \"before\": {\"name\": \"Ole Åkjær\","
		    " \"group\": \"politician\"}, \"after\": null}]");
	json_decref(ev);
}

/* The ids, actions and record ids of every event, in order: "1:add:1 2:add:2 ...". */
static char *event_list(struct vk_store *s, const char *entity, long long id)
{
	struct vk_cursor *c = vk_store_events(s, entity, id);
	struct strbuf sb = STRBUF_INIT;
	json_t *ev;

	while ((ev = vk_cursor_next(c))) {
		strbuf_addf(&sb, "%s%lld:%s:%lld", sb.len ? " " : "",
			    (long long)json_integer_value(json_object_get(ev, "id")),
			    json_string_value(json_object_get(ev, "action")),
			    (long long)json_integer_value(json_object_get(ev, "entity_id")));
		json_decref(ev);
	}
	vk_cursor_close(c);
	return strbuf_detach(&sb, NULL);
}

/*
 * Adds of consecutive ids in one transaction are kept as runs: each still
 * has an event id of its own, in the order of the changes, and other
 * events between them take the next ids.
 */
static void test_runs_keep_ids_and_order(void **state)
{
	struct vk_store *s = *state;
	struct strbuf why = STRBUF_INIT;
	char *list;

	vk_store_begin(s);
	for (int i = 0; i < 4; i++)
		add(s, &vk_entity_stakeholder, "{\"name\": \"Malik Ærbø\", \"group\": \"citizen\"}");
	set(s, &vk_entity_stakeholder, 2, "{\"town\": \"Nuuk\"}");
	add(s, &vk_entity_stakeholder, "{\"name\": \"Pipaluk Åkjær\", \"group\": \"citizen\"}");
	add(s, &vk_entity_stakeholder, "{\"id\": 9, \"name\": \"Hans Ødegård\", \"group\": \"business\"}");
	add(s, &vk_entity_engagement, "{\"date\": \"2024-05-02\", \"kind\": \"workshop\","
	    " \"title\": \"Borgermøde, Nuuk\", \"participants\": [1, 9]}");
	assert_int_equal(vk_change_remove(s, &vk_entity_stakeholder, 3, &why), 0);
	strbuf_release(&why);
	/* before the commit too: what the transaction holds reads the same */
	list = event_list(s, NULL, 0);
	assert_string_equal(list, "1:add:1 2:add:2 3:add:3 4:add:4 5:set:2 6:add:5 7:add:9 8:add:1 9:rm:3");
	free(list);
	vk_store_commit(s);

	list = event_list(s, NULL, 0);
	assert_string_equal(list, "1:add:1 2:add:2 3:add:3 4:add:4 5:set:2 6:add:5 7:add:9 8:add:1 9:rm:3");
	free(list);
	list = event_list(s, "stakeholder", 0);
	assert_string_equal(list, "1:add:1 2:add:2 3:add:3 4:add:4 5:set:2 6:add:5 7:add:9 9:rm:3");
	free(list);
	list = event_list(s, "stakeholder", 3);
	assert_string_equal(list, "3:add:3 9:rm:3");
	free(list);
	assert_int_equal(vk_store_count_events(s, "stakeholder", 3), 2);
	assert_int_equal(vk_store_count_events(s, "stakeholder", 4), 1);
	assert_int_equal(vk_store_count_events(s, "stakeholder", 6), 0);
	/* ids a run holds stay given, removed or not; the next is above them all */
	vk_store_begin(s);
	assert_true(vk_store_id_used(s, &vk_entity_stakeholder, 3));
	assert_true(vk_store_id_used(s, &vk_entity_stakeholder, 5));
	assert_false(vk_store_id_used(s, &vk_entity_stakeholder, 7));
	assert_int_equal(add(s, &vk_entity_stakeholder, "{\"name\": \"Ny\", \"group\": \"citizen\"}"), 10);
	vk_store_commit(s);
	list = event_list(s, "stakeholder", 10);
	assert_string_equal(list, "10:add:10");
	free(list);
}

/* A person added and never changed: forget leaves nothing of them in the history. */
static void test_forget_never_changed(void **state)
{
	struct vk_store *s = *state;
	char *text;
	bool kept;

	vk_store_begin(s);
	add(s, &vk_entity_stakeholder, "{\"name\": \"Aviaja Kristiansen-Kleist\", \"group\": \"citizen\","
	    " \"email\": \"aviaja.k@example.gl\", \"phone\": \"+299 55 12 34\"}");
	assert_int_equal(vk_stakeholder_forget(s, 1), 0);
	vk_store_commit(s);
	text = history_text(s);
	kept = strstr(text, "Aviaja") || strstr(text, "aviaja.k@example.gl") || strstr(text, "55 12 34");
	if (kept)
		print_message("forget left the history as\n%s", text);
	free(text);
	assert_false(kept);
}

static void test_forget_after_rm(void **state)
{
	struct vk_store *s = *state;
	struct strbuf why = STRBUF_INIT;
	char *text;
	bool kept, group_kept;
	int rc, rc2;

	add(s, &vk_entity_stakeholder, "{\"name\": \"Aviaja Kristiansen-Kleist\", \"group\": \"citizen\","
	    " \"email\": \"aviaja.k@example.gl\", \"phone\": \"+299 55 12 34\"}");
	set(s, &vk_entity_stakeholder, 1, "{\"notes\": \"Mor til tre\"}");
	assert_int_equal(vk_change_remove(s, &vk_entity_stakeholder, 1, &why), 0);
	vk_store_begin(s);
	rc = vk_stakeholder_forget(s, 1);
	rc2 = vk_stakeholder_forget(s, 1);
	vk_store_commit(s);
	strbuf_release(&why);
	text = history_text(s);
	kept = strstr(text, "Aviaja") || strstr(text, "aviaja.k@example.gl") ||
	       strstr(text, "55 12 34") || strstr(text, "Mor til tre");
	group_kept = strstr(text, "citizen") != NULL;
	if (kept)
		print_message("forget of a removed stakeholder left the history as\n%s", text);
	free(text);	/* before asserting, so that a failure is no leak */
	assert_false(kept);
	assert_true(group_kept);
	/* history.h: 0 when done, 2 when nothing is left to erase */
	assert_int_equal(rc, 0);
	assert_int_equal(rc2, 2);
}

/* Forgetting twice is harmless: the second time there is nothing to do (2). */
static void test_forget_twice(void **state)
{
	struct vk_store *s = *state;
	json_t *a, *b;

	people(s);
	vk_store_begin(s);
	assert_int_equal(vk_stakeholder_forget(s, 1), 0);
	vk_store_commit(s);
	a = vk_store_get(s, &vk_entity_stakeholder, 1);
	vk_store_begin(s);
	assert_int_equal(vk_stakeholder_forget(s, 1), 2);
	vk_store_commit(s);
	b = vk_store_get(s, &vk_entity_stakeholder, 1);
	assert_true(json_equal(a, b));
	json_decref(a);
	json_decref(b);
}

/* Appends the bytes of the database file and its WAL (if any) to out. */
static void file_bytes(const char *db, const char *wal, struct strbuf *out)
{
	char buf[4096];
	size_t n;

	for (int k = 0; k < 2; k++) {
		FILE *f = fopen(k ? wal : db, "rb");
		if (!f)
			continue;
		while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
			strbuf_add(out, buf, n);
		fclose(f);
	}
}

/* The erased values are gone from the database file, its free pages and its WAL. */
static void test_forget_leaves_no_trace_in_file(void **state)
{
	(void)state;
	char dir[] = "/tmp/vk-test-forget-XXXXXX";
	char db[128], wal[140], shm[140];
	struct vk_store *s;
	struct strbuf bytes = STRBUF_INIT;
	int saved;
	FILE *devnull;
	static const char *const erased[] = {
		"Aviaja", "aviaja.k@example.gl", "55 12 34", "55 43 21", "Mor til tre", "kvinde, 34 år",
	};

	assert_non_null(mkdtemp(dir));
	snprintf(db, sizeof(db), "%s/proces.db", dir);
	snprintf(wal, sizeof(wal), "%s-wal", db);
	snprintf(shm, sizeof(shm), "%s-shm", db);
	/* quiet: "created database" */
	devnull = fopen("/dev/null", "w");
	fflush(stderr);
	saved = dup(2);
	dup2(fileno(devnull), 2);
	s = vk_store_open(db, VK_STORE_WRITE);
	dup2(saved, 2);
	close(saved);
	fclose(devnull);

	vk_store_begin(s);
	people(s);
	vk_store_commit(s);
	/* before: the person is in the files (so the search below can find) */
	file_bytes(db, wal, &bytes);
	assert_true(has_bytes(bytes.buf, bytes.len, "Aviaja"));
	assert_true(has_bytes(bytes.buf, bytes.len, "kvinde, 34 år"));
	strbuf_reset(&bytes);
	vk_store_begin(s);
	assert_int_equal(vk_stakeholder_forget(s, 1), 0);
	vk_store_commit(s);
	vk_store_purge_journal(s);
	vk_store_close(s);

	file_bytes(db, wal, &bytes);
	assert_true(bytes.len > 0);
	for (size_t i = 0; i < sizeof(erased) / sizeof(erased[0]); i++)
		if (has_bytes(bytes.buf, bytes.len, erased[i]))
			fail_msg("the database file still holds \"%s\"", erased[i]);
	/* and what was not erased is there (the search works) */
	assert_true(has_bytes(bytes.buf, bytes.len, "Søren Ødegaard"));
	assert_true(has_bytes(bytes.buf, bytes.len, "Vi mangler en vuggestue"));
	strbuf_release(&bytes);
	unlink(db);
	unlink(wal);
	unlink(shm);
	assert_int_equal(rmdir(dir), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_diff),
		cmocka_unit_test(test_diff_counts),
		cmocka_unit_test(test_describe),
		cmocka_unit_test_setup_teardown(test_print, setup, teardown),
		cmocka_unit_test_setup_teardown(test_forget_record_and_inputs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_forget_history, setup, teardown),
		cmocka_unit_test_setup_teardown(test_forget_past_links, setup, teardown),
		cmocka_unit_test_setup_teardown(test_add_reads_as_added, setup, teardown),
		cmocka_unit_test_setup_teardown(test_forget_never_changed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_runs_keep_ids_and_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_forget_after_rm, setup, teardown),
		cmocka_unit_test_setup_teardown(test_forget_twice, setup, teardown),
		cmocka_unit_test(test_forget_leaves_no_trace_in_file),
	};

	setenv("USER", "koordinator", 1);
	setenv("VK_TODAY", "2024-06-15", 1);
	return cmocka_run_group_tests_name("history", tests, NULL, NULL);
}

/* test_schema.c: unit tests of lib/schema.c (record types, value conversion, checks). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "record.h"
#include "schema.h"
#include "store.h"
#include "strbuf.h"

/* ---- helpers ---- */

#include "unit.h"	/* J(), expect_json(), check_json() */

/* The problems joined as "field: message" lines ("" when none). */
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

#define expect_problems(p, want) check_problems(p, want, __FILE__, __LINE__)

static void check_problems(const struct vk_problems *p, const char *want, const char *file,
			   int line)
{
	char *got = problems_text(p);

	if (strcmp(got, want) != 0)
		fail_msg("%s:%d: problems\n%s\nwant\n%s", file, line, got, want);
	free(got);
}

/*
 * Converts the JSON text in for entity e from source and checks the
 * record (want, JSON) and the problems (want_problems, lines).
 */
#define converts(e, in, src, want, want_problems) \
	check_convert(e, in, src, false, want, want_problems, __FILE__, __LINE__)

static void check_convert(const struct vk_entity *e, const char *in, enum vk_value_source src,
			  bool ignore_unknown, const char *want, const char *want_problems,
			  const char *file, int line)
{
	struct vk_problems pr = VK_PROBLEMS_INIT;
	json_t *v = J(in);
	json_t *out = vk_record_convert(e, v, src, ignore_unknown, &pr);

	assert_non_null(out);
	check_problems(&pr, want_problems, file, line);
	check_json(out, want, file, line);
	vk_problems_clear(&pr);

	/* converting in place gives the same values and problems (and keeps "type") */
	json_t *own = vk_record_convert_own(e, J(in), src, ignore_unknown, &pr);
	check_problems(&pr, want_problems, file, line);
	json_object_del(own, "type");
	if (!*want_problems && !json_equal(own, out)) {
		char *a = json_dumps(own, JSON_COMPACT | JSON_SORT_KEYS);
		char *b = json_dumps(out, JSON_COMPACT | JSON_SORT_KEYS);
		fail_msg("%s:%d: in place %s, copied %s", file, line, a, b);
	}
	json_decref(own);
	json_decref(out);
	json_decref(v);
	vk_problems_clear(&pr);
}

/* Converts one value (JSON text) for field name of e; checks result and problems. */
#define field_converts(e, name, in, src, want) \
	check_field(e, name, in, src, want, "", __FILE__, __LINE__)
#define field_refuses(e, name, in, src, problem) \
	check_field(e, name, in, src, NULL, problem, __FILE__, __LINE__)

static void check_field(const struct vk_entity *e, const char *name, const char *in,
			enum vk_value_source src, const char *want, const char *want_problems,
			const char *file, int line)
{
	struct vk_problems pr = VK_PROBLEMS_INIT;
	const struct vk_field *f = vk_entity_field(e, name);
	json_t *v = J(in);
	json_t *out;

	if (!f)
		fail_msg("%s:%d: %s has no field %s", file, line, e->name, name);
	out = vk_field_convert(f, v, src, &pr);
	check_problems(&pr, want_problems, file, line);
	if (want) {
		check_json(out, want, file, line);
	} else if (out) {
		char *g = json_dumps(out, JSON_COMPACT | JSON_ENCODE_ANY);
		fail_msg("%s:%d: %s converted to %s, want a problem", file, line, in, g);
	}
	json_decref(out);
	json_decref(v);
	vk_problems_clear(&pr);
}

static const char groups[] = "politician, management, manager, employee, citizen, "
			     "association, business, education, partner, consultant, other";

/* ---- the record types ---- */

/* The field names of e joined with ',' (from vk_entity_columns()). */
static char *columns_of(const struct vk_entity *e)
{
	struct strbuf sb = STRBUF_INIT;
	size_t n = 0;
	const char *const *cols = vk_entity_columns(e, &n);

	assert_int_equal(n, e->nfields);
	for (size_t i = 0; i < n; i++) {
		if (i)
			strbuf_addch(&sb, ',');
		strbuf_addstr(&sb, cols[i]);
		assert_string_equal(cols[i], e->fields[i].name);
	}
	return strbuf_detach(&sb, NULL);
}

#define has_columns(e, want) do { \
		char *c_ = columns_of(e); \
		assert_string_equal(c_, want); \
		free(c_); \
	} while (0)

static void test_entities_as_in_spec(void **state)
{
	(void)state;
	/* the order the store creates them in: referred-to types first */
	const char *names[] = { "stakeholder", "engagement", "input", "milestone", "theme",
				"goal", "trial", "learning", "measurement" };
	size_t i;

	for (i = 0; vk_entities[i]; i++) {
		assert_true(i < 9);
		assert_string_equal(vk_entities[i]->name, names[i]);
		assert_ptr_equal(vk_entity_by_name(names[i]), vk_entities[i]);
	}
	assert_int_equal(i, 9);
	assert_null(vk_entity_by_name("stakeholders"));
	assert_null(vk_entity_by_name("Stakeholder"));
	assert_null(vk_entity_by_name(""));
	assert_null(vk_entity_by_name("event"));

	assert_string_equal(vk_entity_stakeholder.plural, "stakeholders");
	assert_string_equal(vk_entity_engagement.plural, "engagements");
	assert_string_equal(vk_entity_input.plural, "inputs");
	assert_string_equal(vk_entity_trial.plural, "trials");
	assert_string_equal(vk_entity_learning.plural, "learnings");
	assert_string_equal(vk_entity_milestone.plural, "milestones");
	assert_string_equal(vk_entity_theme.plural, "themes");
	assert_string_equal(vk_entity_goal.plural, "goals");
	assert_string_equal(vk_entity_measurement.plural, "measurements");

	/* the fields of SPEC's table, in its order */
	has_columns(&vk_entity_stakeholder, "id,name,group,organisation,town,email,phone,roles,"
		    "allocation,influence,interest,tags,notes,created,updated");
	has_columns(&vk_entity_engagement, "id,date,kind,title,town,participants,headcount,"
		    "themes,notes");
	has_columns(&vk_entity_input, "id,engagement,stakeholder,source,text,themes");
	has_columns(&vk_entity_trial, "id,title,description,status,owner,unit,department,round,"
		    "track,themes,start,end,participants,outcome,milestone,goals");
	has_columns(&vk_entity_learning, "id,trial,date,author,text");
	has_columns(&vk_entity_milestone, "id,title,kind,start,due,baseline,status,done,owner,"
		    "place,deliverables,depends,notes,time,end_time");
	has_columns(&vk_entity_theme, "id,name,description");
	has_columns(&vk_entity_goal, "id,theme,title,indicator,unit,source,direction,baseline,"
		    "baseline_date,target,target_date,owner,notes");
	has_columns(&vk_entity_measurement, "id,goal,date,value,respondents,source,notes");
}

static void test_entity_columns_stable(void **state)
{
	(void)state;
	size_t n1 = 0, n2 = 0;
	const char *const *a = vk_entity_columns(&vk_entity_trial, &n1);
	const char *const *b = vk_entity_columns(&vk_entity_learning, &n2);

	assert_int_equal(n1, 16);
	assert_int_equal(n2, 5);
	assert_ptr_equal(vk_entity_columns(&vk_entity_trial, &n1), a);
	assert_ptr_not_equal(a, b);
	assert_string_equal(a[11], "end");
	assert_string_equal(b[3], "author");
}

static void test_field_types(void **state)
{
	(void)state;
	const struct vk_field *f;

	/* every entity's first field is its id, and it has one title (a measurement none) */
	for (size_t i = 0; vk_entities[i]; i++) {
		assert_string_equal(vk_entities[i]->fields[0].name, "id");
		assert_int_equal(vk_entities[i]->fields[0].type, VK_FIELD_ID);
		if (vk_entities[i] != &vk_entity_measurement)
			assert_non_null(vk_entity_title(vk_entities[i]));
	}
	assert_null(vk_entity_title(&vk_entity_measurement));
	assert_string_equal(vk_entity_title(&vk_entity_stakeholder)->name, "name");
	assert_string_equal(vk_entity_title(&vk_entity_engagement)->name, "title");
	assert_string_equal(vk_entity_title(&vk_entity_input)->name, "text");
	assert_string_equal(vk_entity_title(&vk_entity_trial)->name, "title");
	assert_string_equal(vk_entity_title(&vk_entity_learning)->name, "text");
	assert_string_equal(vk_entity_title(&vk_entity_milestone)->name, "title");

	assert_null(vk_entity_field(&vk_entity_stakeholder, "title"));
	assert_null(vk_entity_field(&vk_entity_stakeholder, "Name"));

	/* references name the entity referred to */
	f = vk_entity_field(&vk_entity_input, "engagement");
	assert_int_equal(f->type, VK_FIELD_REF);
	assert_string_equal(f->ref, "engagement");
	assert_true(f->flags & VK_OWNED_BY);
	assert_true(f->flags & VK_REQUIRED);
	f = vk_entity_field(&vk_entity_learning, "trial");
	assert_int_equal(f->type, VK_FIELD_REF);
	assert_string_equal(f->ref, "trial");
	assert_true(f->flags & VK_OWNED_BY);
	f = vk_entity_field(&vk_entity_trial, "owner");
	assert_string_equal(f->ref, "stakeholder");
	assert_false(f->flags & VK_OWNED_BY);
	f = vk_entity_field(&vk_entity_milestone, "depends");
	assert_int_equal(f->type, VK_FIELD_REF_LIST);
	assert_string_equal(f->ref, "milestone");
	f = vk_entity_field(&vk_entity_engagement, "participants");
	assert_int_equal(f->type, VK_FIELD_REF_LIST);
	assert_string_equal(f->ref, "stakeholder");
	assert_string_equal(vk_field_option(f), "with");
	assert_true(vk_field_is_list(f));
	f = vk_entity_field(&vk_entity_engagement, "headcount");
	assert_int_equal(f->type, VK_FIELD_COUNTS);
	assert_false(vk_field_is_list(f));
	assert_ptr_equal(f->vocab, &vk_vocab_group);

	f = vk_entity_field(&vk_entity_stakeholder, "roles");
	assert_int_equal(f->type, VK_FIELD_ENUM_LIST);
	assert_string_equal(vk_field_option(f), "role");
	assert_true(vk_field_is_list(f));
	f = vk_entity_field(&vk_entity_stakeholder, "tags");
	assert_int_equal(f->type, VK_FIELD_TEXT_LIST);
	assert_string_equal(vk_field_option(f), "tag");
	f = vk_entity_field(&vk_entity_stakeholder, "group");
	assert_int_equal(f->type, VK_FIELD_ENUM);
	assert_string_equal(vk_field_option(f), "group");
	assert_false(vk_field_is_list(f));
	f = vk_entity_field(&vk_entity_stakeholder, "allocation");
	assert_int_equal(f->type, VK_FIELD_INT);
	assert_int_equal(f->min, 0);
	assert_int_equal(f->max, 100);
	f = vk_entity_field(&vk_entity_stakeholder, "created");
	assert_int_equal(f->type, VK_FIELD_TIMESTAMP);
	assert_true(f->flags & VK_READONLY);

	/* initial values */
	f = vk_entity_field(&vk_entity_trial, "status");
	assert_string_equal(f->initial, "idea");
	assert_true(f->flags & VK_NOT_ADD);
	f = vk_entity_field(&vk_entity_milestone, "status");
	assert_string_equal(f->initial, "planned");
	f = vk_entity_field(&vk_entity_milestone, "baseline");
	assert_string_equal(f->initial_from, "due");
	assert_true(f->flags & VK_READONLY);
	f = vk_entity_field(&vk_entity_learning, "date");
	assert_string_equal(f->initial, "today");
}

/* The store and the import keep arrays of VK_MAX_FIELDS by field: every entity fits. */
static void test_fields_fit(void **state)
{
	(void)state;
	for (size_t k = 0; vk_entities[k]; k++)
		assert_true(vk_entities[k]->nfields <= VK_MAX_FIELDS);
}

static void test_personal_fields(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;

	/* SPEC's forget: name, email, phone and notes; nothing else anywhere */
	for (size_t k = 0; vk_entities[k]; k++)
		for (size_t i = 0; i < vk_entities[k]->nfields; i++)
			if (vk_entities[k]->fields[i].flags & VK_PERSONAL)
				strbuf_addf(&sb, "%s.%s ", vk_entities[k]->name,
					    vk_entities[k]->fields[i].name);
	assert_string_equal(sb.buf, "stakeholder.name stakeholder.email stakeholder.phone "
			    "stakeholder.notes ");
	strbuf_release(&sb);
}

static void test_required_fields(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;

	for (size_t k = 0; vk_entities[k]; k++)
		for (size_t i = 0; i < vk_entities[k]->nfields; i++)
			if (vk_entities[k]->fields[i].flags & VK_REQUIRED)
				strbuf_addf(&sb, "%s.%s ", vk_entities[k]->name,
					    vk_entities[k]->fields[i].name);
	assert_string_equal(sb.buf, "stakeholder.name engagement.date engagement.kind "
			    "engagement.title input.engagement input.text milestone.title "
			    "milestone.due milestone.status theme.name goal.title goal.direction "
			    "trial.title trial.status learning.trial learning.date learning.text "
			    "measurement.goal measurement.date measurement.value ");
	strbuf_release(&sb);
}

/* ---- problems ---- */

static void test_problems_list(void **state)
{
	(void)state;
	struct vk_problems pr = VK_PROBLEMS_INIT;
	struct strbuf sb = STRBUF_INIT;

	assert_int_equal(pr.count, 0);
	for (int i = 0; i < 20; i++)
		vk_problems_add(&pr, i % 2 ? "town" : NULL, "problem %d in \"%s\"", i, "Tasiilaq");
	assert_int_equal(pr.count, 20);
	assert_null(pr.items[0].field);
	assert_string_equal(pr.items[1].field, "town");
	assert_string_equal(pr.items[19].message, "problem 19 in \"Tasiilaq\"");
	vk_problem_format(&pr, 0, &sb);
	assert_string_equal(sb.buf, "problem 0 in \"Tasiilaq\"");
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "> ");
	vk_problem_format(&pr, 3, &sb);
	assert_string_equal(sb.buf, "> town: problem 3 in \"Tasiilaq\"");
	strbuf_release(&sb);
	vk_problems_clear(&pr);
	assert_int_equal(pr.count, 0);
	assert_null(pr.items);
	/* usable again after clearing */
	vk_problems_add(&pr, "name", "is required");
	expect_problems(&pr, "name: is required");
	vk_problems_clear(&pr);
}

/* ---- converting records ---- */

static void test_convert_text_stakeholder(void **state)
{
	(void)state;
	/* a CSV row: every value a string, "" absent */
	converts(&vk_entity_stakeholder,
		 "{\"id\": \"\", \"name\": \"Aviaja Kristiansen-Kleist\", \"group\": \"Citizen\","
		 " \"organisation\": \"\", \"town\": \"Nuuk\", \"email\": \"aviaja@example.gl\","
		 " \"phone\": \"+299 32 10 00\", \"roles\": \"Working; owner;working\","
		 " \"allocation\": \"20\", \"influence\": \"HIGH\", \"interest\": \"medium\","
		 " \"tags\": \"ungdom;fiskeri, fangst\","
		 " \"notes\": \"Siger \\\"ja\\\", men…\\nringer igen\"}",
		 VK_FROM_TEXT,
		 "{\"id\": null, \"name\": \"Aviaja Kristiansen-Kleist\", \"group\": \"citizen\","
		 " \"organisation\": null, \"town\": \"Nuuk\", \"email\": \"aviaja@example.gl\","
		 " \"phone\": \"+299 32 10 00\", \"roles\": [\"working\", \"owner\"],"
		 " \"allocation\": 20, \"influence\": \"high\", \"interest\": \"medium\","
		 " \"tags\": [\"ungdom\", \"fiskeri, fangst\"],"
		 " \"notes\": \"Siger \\\"ja\\\", men…\\nringer igen\"}",
		 "");
}

/* What a message about a name that is no field says a stakeholder has. */
#define STAKEHOLDER_FIELDS "; the fields: id, name, group, organisation, town, email, phone, " \
	"roles, allocation, influence, interest, tags, notes, created, updated"

static void test_convert_json_stakeholder(void **state)
{
	(void)state;
	/* typed JSON as vk prints it; "type" is checked, not kept */
	converts(&vk_entity_stakeholder,
		 "{\"type\": \"stakeholder\", \"name\": \"Søren Ødegaard\", \"headcount\": null}",
		 VK_FROM_JSON, "{\"name\": \"Søren Ødegaard\"}",
		 "headcount: no such field in a stakeholder (--ignore-unknown skips it)"
		 STAKEHOLDER_FIELDS);
	converts(&vk_entity_stakeholder,
		 "{\"type\": \"stakeholder\", \"id\": 7, \"name\": \"Søren Ødegaard\","
		 " \"group\": \"employee\", \"town\": \"Tasiilaq\", \"roles\": [\"lead\", \"Steering\"],"
		 " \"allocation\": 100, \"tags\": [\"bolig\"], \"email\": null,"
		 " \"created\": \"2024-03-01T09:15:00Z\"}",
		 VK_FROM_JSON,
		 "{\"id\": 7, \"name\": \"Søren Ødegaard\", \"group\": \"employee\","
		 " \"town\": \"Tasiilaq\", \"roles\": [\"lead\", \"steering\"], \"allocation\": 100,"
		 " \"tags\": [\"bolig\"], \"email\": null, \"created\": \"2024-03-01T09:15:00Z\"}",
		 "");
}

/* A bad value leaves the other fields converted. */
static void test_convert_keeps_good_fields(void **state)
{
	(void)state;
	converts(&vk_entity_stakeholder,
		 "{\"name\": \"Malik Olsen\", \"group\": \"borger\", \"town\": \"Paamiut\"}",
		 VK_FROM_TEXT,
		 "{\"name\": \"Malik Olsen\", \"town\": \"Paamiut\"}",
		 "group: \"borger\" is not a group; use one of: politician, management, manager, "
		 "employee, citizen, association, business, education, partner, consultant, other");
}

static void test_convert_json_wrong_types(void **state)
{
	(void)state;
	field_refuses(&vk_entity_stakeholder, "name", "true", VK_FROM_JSON, "name: must be a string");
	field_refuses(&vk_entity_stakeholder, "name", "[\"Aviaja\"]", VK_FROM_JSON,
		      "name: must be a string");
	field_refuses(&vk_entity_stakeholder, "allocation", "\"tyve\"", VK_FROM_JSON,
		      "allocation: \"tyve\" is not a whole number");
	field_refuses(&vk_entity_stakeholder, "allocation", "20.5", VK_FROM_JSON,
		      "allocation: 20.5 is not a whole number");
	field_refuses(&vk_entity_stakeholder, "allocation", "[20]", VK_FROM_JSON,
		      "allocation: must be a whole number");
	field_refuses(&vk_entity_stakeholder, "roles", "3", VK_FROM_JSON,
		      "roles: must be a list of strings");
	field_refuses(&vk_entity_stakeholder, "roles", "[\"owner\", 3]", VK_FROM_JSON,
		      "roles: must be a list of strings");
	field_refuses(&vk_entity_stakeholder, "id", "\"syv\"", VK_FROM_JSON,
		      "id: \"syv\" is not an id (a whole number)");
	field_refuses(&vk_entity_engagement, "participants", "[1, true]", VK_FROM_JSON,
		      "participants: must be a list of ids");
	field_refuses(&vk_entity_engagement, "participants", "{\"a\": 3}", VK_FROM_JSON,
		      "participants: must be a list of ids");
	field_refuses(&vk_entity_engagement, "headcount", "[\"citizen=3\"]", VK_FROM_JSON,
		      "headcount: must be an object of counts by group");
	field_refuses(&vk_entity_engagement, "headcount", "12", VK_FROM_JSON,
		      "headcount: must be an object of counts by group");
	field_refuses(&vk_entity_engagement, "date", "20240305", VK_FROM_JSON,
		      "date: must be a string");
	field_refuses(&vk_entity_engagement, "kind", "true", VK_FROM_JSON, "kind: must be a string");
	/* null is absent, from JSON as from text */
	field_converts(&vk_entity_stakeholder, "allocation", "null", VK_FROM_JSON, "null");
	field_converts(&vk_entity_stakeholder, "roles", "null", VK_FROM_JSON, "null");
}

/*
 * JSON as jq, Miller (mlr --icsv --ojson) and Python's csv and json write
 * it: a whole number as "60", 60.0 or 1e1; "" for no value, as an empty
 * CSV cell; a list as one string, split as a CSV cell is; a cell of
 * digits as a number.
 */
static void test_convert_json_from_other_tools(void **state)
{
	(void)state;
	/* whole numbers */
	field_converts(&vk_entity_stakeholder, "allocation", "\"60\"", VK_FROM_JSON, "60");
	field_converts(&vk_entity_stakeholder, "allocation", "60.0", VK_FROM_JSON, "60");
	field_converts(&vk_entity_stakeholder, "allocation", "1e1", VK_FROM_JSON, "10");
	field_converts(&vk_entity_stakeholder, "allocation", "6E1", VK_FROM_JSON, "60");
	field_converts(&vk_entity_stakeholder, "allocation", "-0.0", VK_FROM_JSON, "0");
	field_converts(&vk_entity_stakeholder, "id", "\"7\"", VK_FROM_JSON, "7");
	field_converts(&vk_entity_stakeholder, "id", "7.0", VK_FROM_JSON, "7");
	field_converts(&vk_entity_input, "engagement", "3.0", VK_FROM_JSON, "3");
	field_converts(&vk_entity_trial, "round", "2e0", VK_FROM_JSON, "2");
	/* a fraction, or text, is still an error; so is a whole number out of range */
	field_refuses(&vk_entity_stakeholder, "allocation", "60.5", VK_FROM_JSON,
		      "allocation: 60.5 is not a whole number");
	field_refuses(&vk_entity_stakeholder, "allocation", "\"60.0\"", VK_FROM_JSON,
		      "allocation: \"60.0\" is not a whole number");
	field_refuses(&vk_entity_stakeholder, "allocation", "\"seksti\"", VK_FROM_JSON,
		      "allocation: \"seksti\" is not a whole number");
	field_refuses(&vk_entity_stakeholder, "allocation", "2e2", VK_FROM_JSON,
		      "allocation: 200 is out of range (0-100)");
	field_refuses(&vk_entity_stakeholder, "allocation", "1e300", VK_FROM_JSON,
		      "allocation: 1e+300 is out of range (0-100)");
	field_refuses(&vk_entity_input, "engagement", "3.25", VK_FROM_JSON,
		      "engagement: 3.25 is not an id (a whole number)");
	field_refuses(&vk_entity_input, "engagement", "0.0", VK_FROM_JSON,
		      "engagement: 0 is not an id (ids are 1 to 9007199254740992)");
	field_refuses(&vk_entity_input, "engagement", "1e19", VK_FROM_JSON,
		      "engagement: 1e+19 is not an id (ids are 1 to 9007199254740992)");
	/* "" is no value for a vocabulary, number, date, id, reference, list and text */
	field_converts(&vk_entity_stakeholder, "group", "\"\"", VK_FROM_JSON, "null");
	field_converts(&vk_entity_stakeholder, "allocation", "\"\"", VK_FROM_JSON, "null");
	field_converts(&vk_entity_stakeholder, "id", "\"\"", VK_FROM_JSON, "null");
	field_converts(&vk_entity_trial, "start", "\"\"", VK_FROM_JSON, "null");
	field_converts(&vk_entity_trial, "owner", "\"\"", VK_FROM_JSON, "null");
	field_converts(&vk_entity_stakeholder, "roles", "\"\"", VK_FROM_JSON, "null");
	field_converts(&vk_entity_engagement, "participants", "\"\"", VK_FROM_JSON, "null");
	field_converts(&vk_entity_engagement, "headcount", "\"\"", VK_FROM_JSON, "null");
	field_converts(&vk_entity_stakeholder, "town", "\"\"", VK_FROM_JSON, "null");
	field_converts(&vk_entity_stakeholder, "created", "\"\"", VK_FROM_JSON, "null");
	/* a list as one string, split as a CSV cell (ids also at ',') */
	field_converts(&vk_entity_stakeholder, "roles", "\"owner;Steering\"", VK_FROM_JSON,
		       "[\"owner\", \"steering\"]");
	field_converts(&vk_entity_stakeholder, "roles", "\"owner\"", VK_FROM_JSON, "[\"owner\"]");
	field_converts(&vk_entity_stakeholder, "tags", "\"bolig; ældre, og unge\"", VK_FROM_JSON,
		       "[\"bolig\", \"ældre, og unge\"]");
	field_converts(&vk_entity_engagement, "participants", "\"3,7\"", VK_FROM_JSON, "[3, 7]");
	field_converts(&vk_entity_engagement, "participants", "\"3;7; 9\"", VK_FROM_JSON,
		       "[3, 7, 9]");
	field_converts(&vk_entity_engagement, "participants", "[1, \"2\", 3.0]", VK_FROM_JSON,
		       "[1, 2, 3]");
	field_converts(&vk_entity_milestone, "depends", "4", VK_FROM_JSON, "[4]");
	field_converts(&vk_entity_milestone, "depends", "4.0", VK_FROM_JSON, "[4]");
	field_converts(&vk_entity_engagement, "headcount", "\"citizen=17;employee=8\"",
		       VK_FROM_JSON, "{\"citizen\": 17, \"employee\": 8}");
	field_converts(&vk_entity_engagement, "headcount", "{\"citizen\": \"17\", \"employee\": 8.0}",
		       VK_FROM_JSON, "{\"citizen\": 17, \"employee\": 8}");
	field_refuses(&vk_entity_engagement, "headcount", "{\"citizen\": 1.5}", VK_FROM_JSON,
		      "headcount: citizen: the count must be a whole number");
	field_refuses(&vk_entity_engagement, "participants", "\"3,syv\"", VK_FROM_JSON,
		      "participants: \"syv\" is not an id (a whole number)");
	field_refuses(&vk_entity_stakeholder, "roles", "\"owner;chef\"", VK_FROM_JSON,
		      "roles: \"chef\" is not a role; use one of: owner, steering, working, lead, "
		      "secretary, participant");
	/* an item of an array is one item: ';' in it is still refused */
	field_refuses(&vk_entity_trial, "themes", "[\"bolig;uddannelse\"]", VK_FROM_JSON,
		      "themes: \"bolig;uddannelse\": an item must not contain ';' (it separates "
		      "items in CSV)");
	/* digits that Miller made a number: a text of those digits; a real is refused */
	field_converts(&vk_entity_stakeholder, "phone", "32101000", VK_FROM_JSON, "\"32101000\"");
	field_converts(&vk_entity_stakeholder, "town", "3900", VK_FROM_JSON, "\"3900\"");
	field_converts(&vk_entity_stakeholder, "tags", "2020", VK_FROM_JSON, "[\"2020\"]");
	field_converts(&vk_entity_stakeholder, "tags", "[\"bolig\", 2020]", VK_FROM_JSON,
		       "[\"bolig\", \"2020\"]");
	field_refuses(&vk_entity_stakeholder, "notes", "3.50", VK_FROM_JSON,
		      "notes: 3.5 is a number, not text: give text as a JSON string (\"3.5\"; "
		      "Miller keeps every value a string with mlr -S)");
	field_refuses(&vk_entity_stakeholder, "email", "42", VK_FROM_JSON,
		      "email: \"42\" is not an e-mail address");
	/* a text is kept as it is */
	field_converts(&vk_entity_stakeholder, "notes", "\" a;b \"", VK_FROM_JSON, "\" a;b \"");
	/*
	 * less the ' that vk's CSV writes before what a spreadsheet would run
	 * (Miller keeps it in JSON), as the CSV reader removes it; --raw keeps it
	 */
	field_converts(&vk_entity_stakeholder, "phone", "\"'+299 36 60 01\"", VK_FROM_JSON,
		       "\"+299 36 60 01\"");
	field_converts(&vk_entity_stakeholder, "notes", "\"'- ønsker kun SMS\"", VK_FROM_JSON,
		       "\"- ønsker kun SMS\"");
	field_converts(&vk_entity_stakeholder, "notes", "\"'=SUM(A1)\"", VK_FROM_JSON,
		       "\"=SUM(A1)\"");
	field_converts(&vk_entity_stakeholder, "notes", "\"''citeret\"", VK_FROM_JSON,
		       "\"'citeret\"");
	field_converts(&vk_entity_stakeholder, "tags", "\"''citeret;+plus\"", VK_FROM_JSON,
		       "[\"'citeret\", \"+plus\"]");
	field_converts(&vk_entity_stakeholder, "notes", "\"'=SUM(A1)\"", VK_FROM_JSON_RAW,
		       "\"'=SUM(A1)\"");
	field_converts(&vk_entity_stakeholder, "notes", "\"''citeret\"", VK_FROM_JSON_RAW,
		       "\"''citeret\"");
	/* a ' before anything else is the text's own: vk's JSON keeps it so */
	field_converts(&vk_entity_stakeholder, "name", "\"'Aqqaluk' Olsen\"", VK_FROM_JSON,
		       "\"'Aqqaluk' Olsen\"");
	field_converts(&vk_entity_stakeholder, "notes", "\"'\"", VK_FROM_JSON, "\"'\"");
	field_refuses(&vk_entity_stakeholder, "phone", "\"'\"", VK_FROM_JSON,
		      "phone: \"'\" is not a telephone number (digits, spaces, + - . ( ))");
	/* raw or not, the rest is read alike */
	field_converts(&vk_entity_stakeholder, "allocation", "\"60\"", VK_FROM_JSON_RAW, "60");
	field_converts(&vk_entity_stakeholder, "allocation", "6e1", VK_FROM_JSON_RAW, "60");
	field_converts(&vk_entity_stakeholder, "group", "\"\"", VK_FROM_JSON_RAW, "null");
}

static void test_convert_unknown_and_type(void **state)
{
	(void)state;
	converts(&vk_entity_stakeholder, "{\"name\": \"Nivi Lynge\", \"skostørrelse\": \"38\"}",
		 VK_FROM_TEXT, "{\"name\": \"Nivi Lynge\"}",
		 "skostørrelse: no such field in a stakeholder (--ignore-unknown skips it)"
		 STAKEHOLDER_FIELDS);
	/* many keys that are no field: one problem, the first few quoted */
	converts(&vk_entity_stakeholder, "{\"name\": \"Nivi Lynge\", \"a\": 1, \"b\": 2, \"c\": 3,"
		 " \"d\": 4, \"e\": 5, \"f\": 6, \"g\": 7}", VK_FROM_JSON, "{\"name\": \"Nivi Lynge\"}",
		 "7 keys are no field of a stakeholder: \"a\", \"b\", \"c\", \"d\", \"e\" and 2 more "
		 "(--ignore-unknown skips them)" STAKEHOLDER_FIELDS);
	converts(&vk_entity_stakeholder, "{\"name\": \"Nivi Lynge\", \"sko\": 1, \"hat\": 2}",
		 VK_FROM_JSON, "{\"name\": \"Nivi Lynge\"}",
		 "2 keys are no field of a stakeholder: \"sko\" and \"hat\" "
		 "(--ignore-unknown skips them)" STAKEHOLDER_FIELDS);
	check_convert(&vk_entity_stakeholder, "{\"name\": \"Nivi Lynge\", \"skostørrelse\": \"38\"}",
		      VK_FROM_TEXT, true, "{\"name\": \"Nivi Lynge\"}", "", __FILE__, __LINE__);
	converts(&vk_entity_stakeholder, "{\"type\": \"trial\", \"name\": \"Nivi Lynge\"}",
		 VK_FROM_JSON, "{\"name\": \"Nivi Lynge\"}", "type: this is not a stakeholder record");
	/* --ignore-unknown does not let a record of another type in */
	check_convert(&vk_entity_trial, "{\"type\": \"stakeholder\", \"title\": \"Madordning\"}",
		      VK_FROM_JSON, true, "{\"title\": \"Madordning\"}",
		      "type: this is not a trial record", __FILE__, __LINE__);
	converts(&vk_entity_trial, "{\"type\": 3, \"title\": \"Madordning\"}", VK_FROM_JSON,
		 "{\"title\": \"Madordning\"}", "type: this is not a trial record");
	converts(&vk_entity_trial, "{\"type\": \"trial\", \"title\": \"Madordning\"}", VK_FROM_TEXT,
		 "{\"title\": \"Madordning\"}", "");
	converts(&vk_entity_trial, "{}", VK_FROM_TEXT, "{}", "");
}

static void test_convert_vocabularies(void **state)
{
	(void)state;
	struct strbuf want = STRBUF_INIT;

	field_converts(&vk_entity_stakeholder, "group", "\"BUSINESS\"", VK_FROM_TEXT,
		       "\"business\"");
	field_converts(&vk_entity_stakeholder, "group", "\"Politician\"", VK_FROM_JSON,
		       "\"politician\"");
	strbuf_addf(&want, "group: \"borger\" is not a group; use one of: %s", groups);
	field_refuses(&vk_entity_stakeholder, "group", "\"borger\"", VK_FROM_TEXT, want.buf);
	strbuf_release(&want);
	field_refuses(&vk_entity_stakeholder, "influence", "\"very high\"", VK_FROM_TEXT,
		      "influence: \"very high\" is not a level; use one of: low, medium, high");
	field_converts(&vk_entity_engagement, "kind", "\"Workshop\"", VK_FROM_TEXT,
		       "\"workshop\"");
	field_refuses(&vk_entity_engagement, "kind", "\"borgermøde\"", VK_FROM_TEXT,
		      "kind: \"borgermøde\" is not an engagement kind; use one of: interview, "
		      "workshop, meeting, seminar, survey, dialogue, visit, event, other");
	field_refuses(&vk_entity_trial, "outcome", "\"keep\"", VK_FROM_TEXT,
		      "outcome: \"keep\" is not an outcome; use one of: adopt, adapt, drop");
	field_converts(&vk_entity_trial, "status", "\"Running\"", VK_FROM_TEXT, "\"running\"");
	field_refuses(&vk_entity_trial, "status", "\"paused\"", VK_FROM_TEXT,
		      "status: \"paused\" is not a trial status; use one of: idea, proposed, "
		      "approved, running, done, evaluated, rejected, stopped");
	field_refuses(&vk_entity_milestone, "kind", "\"meeting\"", VK_FROM_TEXT,
		      "kind: \"meeting\" is not a milestone kind; use one of: gathering, workshop, "
		      "seminar, decision, deliverable, round, report, other");
	field_refuses(&vk_entity_milestone, "status", "\"late\"", VK_FROM_TEXT,
		      "status: \"late\" is not a milestone status; use one of: planned, done, "
		      "cancelled");
	/* roles: a list of vocabulary values */
	field_converts(&vk_entity_stakeholder, "roles", "\"Owner; steering\"", VK_FROM_TEXT,
		       "[\"owner\", \"steering\"]");
	field_converts(&vk_entity_stakeholder, "roles", "[\"owner,steering\", \"lead\"]",
		       VK_FROM_OPTION, "[\"owner\", \"steering\", \"lead\"]");
	field_converts(&vk_entity_stakeholder, "roles", "\"secretary,participant\"", VK_FROM_OPTION,
		       "[\"secretary\", \"participant\"]");
	field_refuses(&vk_entity_stakeholder, "roles", "\"owner;chef\"", VK_FROM_TEXT,
		      "roles: \"chef\" is not a role; use one of: owner, steering, working, lead, "
		      "secretary, participant");
	/* from CSV a ',' is no separator of roles */
	field_refuses(&vk_entity_stakeholder, "roles", "\"owner,lead\"", VK_FROM_TEXT,
		      "roles: \"owner,lead\" is not a role; use one of: owner, steering, working, "
		      "lead, secretary, participant");
}

static void test_convert_integers(void **state)
{
	(void)state;
	field_converts(&vk_entity_stakeholder, "allocation", "\"0\"", VK_FROM_TEXT, "0");
	field_converts(&vk_entity_stakeholder, "allocation", "\"100\"", VK_FROM_TEXT, "100");
	field_converts(&vk_entity_stakeholder, "allocation", "\"+25\"", VK_FROM_OPTION, "25");
	field_converts(&vk_entity_stakeholder, "allocation", "37", VK_FROM_JSON, "37");
	field_converts(&vk_entity_stakeholder, "allocation", "\"\"", VK_FROM_TEXT, "null");
	field_refuses(&vk_entity_stakeholder, "allocation", "\"101\"", VK_FROM_TEXT,
		      "allocation: 101 is out of range (0-100)");
	field_refuses(&vk_entity_stakeholder, "allocation", "-1", VK_FROM_JSON,
		      "allocation: -1 is out of range (0-100)");
	field_refuses(&vk_entity_stakeholder, "allocation", "\"20%\"", VK_FROM_TEXT,
		      "allocation: \"20%\" is not a whole number");
	field_refuses(&vk_entity_stakeholder, "allocation", "\"2,5\"", VK_FROM_TEXT,
		      "allocation: \"2,5\" is not a whole number");
	field_refuses(&vk_entity_stakeholder, "allocation", "\" 5\"", VK_FROM_TEXT,
		      "allocation: \" 5\" is not a whole number");
	field_refuses(&vk_entity_stakeholder, "allocation", "\"99999999999999999999\"",
		      VK_FROM_TEXT, "allocation: \"99999999999999999999\" is not a whole number");
	field_converts(&vk_entity_trial, "round", "\"1\"", VK_FROM_TEXT, "1");
	field_converts(&vk_entity_trial, "round", "999", VK_FROM_JSON, "999");
	field_refuses(&vk_entity_trial, "round", "\"0\"", VK_FROM_TEXT,
		      "round: 0 is out of range (1-999)");
	field_refuses(&vk_entity_trial, "round", "1000", VK_FROM_JSON,
		      "round: 1000 is out of range (1-999)");
}

static void test_convert_ids(void **state)
{
	(void)state;
	field_converts(&vk_entity_input, "stakeholder", "\"12\"", VK_FROM_TEXT, "12");
	field_converts(&vk_entity_input, "stakeholder", "12", VK_FROM_JSON, "12");
	field_converts(&vk_entity_input, "id", "\"\"", VK_FROM_TEXT, "null");
	field_refuses(&vk_entity_input, "stakeholder", "\"0\"", VK_FROM_TEXT,
		      "stakeholder: 0 is not an id (ids are 1 to 9007199254740992)");
	field_refuses(&vk_entity_input, "stakeholder", "-4", VK_FROM_JSON,
		      "stakeholder: -4 is not an id (ids are 1 to 9007199254740992)");
	field_converts(&vk_entity_input, "stakeholder", "\"9007199254740992\"", VK_FROM_TEXT,
		       "9007199254740992");
	field_refuses(&vk_entity_input, "stakeholder", "\"9007199254740993\"", VK_FROM_TEXT,
		      "stakeholder: 9007199254740993 is not an id (ids are 1 to 9007199254740992)");
	field_refuses(&vk_entity_input, "engagement", "\"nr. 3\"", VK_FROM_TEXT,
		      "engagement: \"nr. 3\" is not an id (a whole number)");
	field_refuses(&vk_entity_input, "engagement", "\"3.0\"", VK_FROM_TEXT,
		      "engagement: \"3.0\" is not an id (a whole number)");
	/* lists of ids: ';' in CSV, also ',' from options; repeats dropped */
	field_converts(&vk_entity_engagement, "participants", "\"3;5;3\"", VK_FROM_TEXT, "[3, 5]");
	field_converts(&vk_entity_engagement, "participants", "\" 3 ; 5 \"", VK_FROM_TEXT,
		       "[3, 5]");
	field_converts(&vk_entity_engagement, "participants", "\"3,5\"", VK_FROM_OPTION, "[3, 5]");
	field_converts(&vk_entity_engagement, "participants", "[\"3\", \"4,5\", \"3\"]",
		       VK_FROM_OPTION, "[3, 4, 5]");
	field_converts(&vk_entity_engagement, "participants", "[3, 4]", VK_FROM_JSON, "[3, 4]");
	field_converts(&vk_entity_engagement, "participants", "[]", VK_FROM_JSON, "[]");
	/* a spreadsheet's cell of ids may be joined with ',' (no id holds one) */
	field_converts(&vk_entity_engagement, "participants", "\"3,5\"", VK_FROM_TEXT, "[3, 5]");
	field_refuses(&vk_entity_engagement, "participants", "[2, 0]", VK_FROM_JSON,
		      "participants: 0 is not an id (ids are 1 to 9007199254740992)");
	field_converts(&vk_entity_milestone, "depends", "\"1;2\"", VK_FROM_TEXT, "[1, 2]");
}

static void test_convert_dates(void **state)
{
	(void)state;
	setenv("VK_TODAY", "2024-06-15", 1);
	field_converts(&vk_entity_engagement, "date", "\"2024-03-05\"", VK_FROM_TEXT,
		       "\"2024-03-05\"");
	field_converts(&vk_entity_engagement, "date", "\"2024-03-05\"", VK_FROM_JSON,
		       "\"2024-03-05\"");
	field_converts(&vk_entity_engagement, "date", "\"today\"", VK_FROM_OPTION,
		       "\"2024-06-15\"");
	field_converts(&vk_entity_engagement, "date", "\"yesterday\"", VK_FROM_OPTION,
		       "\"2024-06-14\"");
	field_converts(&vk_entity_engagement, "date", "\"+3d\"", VK_FROM_OPTION,
		       "\"2024-06-18\"");
	field_converts(&vk_entity_engagement, "date", "\"-2w\"", VK_FROM_OPTION,
		       "\"2024-06-01\"");
	/* a week or a month: its first day as a start, its last as an end */
	field_converts(&vk_entity_trial, "start", "\"2024-W10\"", VK_FROM_TEXT, "\"2024-03-04\"");
	field_converts(&vk_entity_trial, "end", "\"2024-W10\"", VK_FROM_TEXT, "\"2024-03-10\"");
	field_converts(&vk_entity_milestone, "start", "\"2024-02\"", VK_FROM_TEXT,
		       "\"2024-02-01\"");
	field_converts(&vk_entity_milestone, "due", "\"2024-02\"", VK_FROM_TEXT, "\"2024-02-29\"");
	field_converts(&vk_entity_milestone, "baseline", "\"2025-W01\"", VK_FROM_TEXT,
		       "\"2025-01-05\"");
	field_converts(&vk_entity_learning, "date", "\"\"", VK_FROM_TEXT, "null");
	unsetenv("VK_TODAY");
}

/* A refused date's message quotes the value and is the field's. */
static void test_convert_bad_date_message(void **state)
{
	(void)state;
	struct vk_problems pr = VK_PROBLEMS_INIT;
	json_t *v = json_string("15/06/2024");
	const struct vk_field *f = vk_entity_field(&vk_entity_engagement, "date");
	json_t *out = vk_field_convert(f, v, VK_FROM_TEXT, &pr);
	struct strbuf want = STRBUF_INIT;
	vk_date d;

	assert_null(out);
	assert_int_equal(pr.count, 1);
	assert_string_equal(pr.items[0].field, "date");
	/* the message is date.h's own */
	assert_int_equal(vk_date_parse("15/06/2024", VK_DATE_START, &d, &want), -1);
	assert_string_equal(pr.items[0].message, want.buf);
	assert_non_null(strstr(pr.items[0].message, "\"15/06/2024\""));
	assert_non_null(strstr(pr.items[0].message, "YYYY-MM-DD"));
	strbuf_release(&want);
	json_decref(v);
	vk_problems_clear(&pr);
}

static void test_convert_text_lists(void **state)
{
	(void)state;
	field_converts(&vk_entity_trial, "themes", "\"bolig; uddannelse;bolig\"", VK_FROM_TEXT,
		       "[\"bolig\", \"uddannelse\"]");
	/* a theme may hold a comma: only ';' separates */
	field_converts(&vk_entity_trial, "themes", "[\"kultur, sprog og identitet\"]",
		       VK_FROM_OPTION, "[\"kultur, sprog og identitet\"]");
	field_converts(&vk_entity_trial, "themes", "\"kultur, sprog og identitet\"",
		       VK_FROM_OPTION, "[\"kultur, sprog og identitet\"]");
	field_converts(&vk_entity_trial, "themes", "[\"ældrepleje\", \"Ældrepleje\"]",
		       VK_FROM_JSON, "[\"ældrepleje\", \"Ældrepleje\"]");
	field_converts(&vk_entity_trial, "themes", "[\"bolig\", \"bolig\"]", VK_FROM_JSON,
		       "[\"bolig\"]");
	field_refuses(&vk_entity_trial, "themes", "[\"bolig;uddannelse\"]", VK_FROM_JSON,
		      "themes: \"bolig;uddannelse\": an item must not contain ';' (it separates "
		      "items in CSV)");
	field_refuses(&vk_entity_trial, "themes", "[\"\"]", VK_FROM_JSON, "themes: an empty item");
	field_refuses(&vk_entity_trial, "themes", "\"bolig;;uddannelse\"", VK_FROM_TEXT,
		      "themes: an empty item");
}

static void test_convert_counts(void **state)
{
	(void)state;
	struct strbuf want = STRBUF_INIT;

	field_converts(&vk_entity_engagement, "headcount", "\"citizen=12; Employee = 3\"",
		       VK_FROM_TEXT, "{\"citizen\": 12, \"employee\": 3}");
	/* a repeated option adds up */
	field_converts(&vk_entity_engagement, "headcount", "[\"citizen=2\", \"Citizen=3\"]",
		       VK_FROM_OPTION, "{\"citizen\": 5}");
	field_converts(&vk_entity_engagement, "headcount", "{\"business\": 4, \"other\": 0}",
		       VK_FROM_JSON, "{\"business\": 4, \"other\": 0}");
	field_converts(&vk_entity_engagement, "headcount", "{}", VK_FROM_JSON, "{}");
	field_refuses(&vk_entity_engagement, "headcount", "{\"business\": \"fire\"}", VK_FROM_JSON,
		      "headcount: business: the count must be a whole number");
	field_refuses(&vk_entity_engagement, "headcount", "\"citizen\"", VK_FROM_TEXT,
		      "headcount: \"citizen\" is not GROUP=N");
	field_refuses(&vk_entity_engagement, "headcount", "\"citizen=mange\"", VK_FROM_TEXT,
		      "headcount: citizen: the count must be a whole number");
	field_refuses(&vk_entity_engagement, "headcount", "\"citizen=-1\"", VK_FROM_TEXT,
		      "headcount: citizen: -1 is out of range (0-10000000)");
	strbuf_addf(&want, "headcount: \"turister\" is not a group; use one of: %s", groups);
	field_refuses(&vk_entity_engagement, "headcount", "\"turister=40\"", VK_FROM_TEXT,
		      want.buf);
	strbuf_release(&want);
}

static void test_convert_text_rules(void **state)
{
	(void)state;
	json_t *bad;
	struct vk_problems pr = VK_PROBLEMS_INIT;

	field_converts(&vk_entity_stakeholder, "email", "\"aviaja.k@example.gl\"", VK_FROM_TEXT,
		       "\"aviaja.k@example.gl\"");
	field_refuses(&vk_entity_stakeholder, "email", "\"aviaja.example.gl\"", VK_FROM_TEXT,
		      "email: \"aviaja.example.gl\" is not an e-mail address");
	field_refuses(&vk_entity_stakeholder, "email", "\"a@b@example.gl\"", VK_FROM_TEXT,
		      "email: \"a@b@example.gl\" is not an e-mail address");
	field_refuses(&vk_entity_stakeholder, "email", "\"Aviaja <aviaja@example.gl>\"",
		      VK_FROM_JSON, "email: \"Aviaja <aviaja@example.gl>\" is not an e-mail address");
	field_refuses(&vk_entity_stakeholder, "email", "\"@example.gl\"", VK_FROM_TEXT,
		      "email: \"@example.gl\" is not an e-mail address");
	field_converts(&vk_entity_stakeholder, "phone", "\"+299 32 10 00\"", VK_FROM_TEXT,
		       "\"+299 32 10 00\"");
	field_converts(&vk_entity_stakeholder, "phone", "\"(+45) 33-12.34\"", VK_FROM_TEXT,
		       "\"(+45) 33-12.34\"");
	field_refuses(&vk_entity_stakeholder, "phone", "\"ring efter kl. 16\"", VK_FROM_TEXT,
		      "phone: \"ring efter kl. 16\" is not a telephone number (digits, spaces, "
		      "+ - . ( ))");
	field_refuses(&vk_entity_stakeholder, "phone", "\"+ -\"", VK_FROM_TEXT,
		      "phone: \"+ -\" is not a telephone number (digits, spaces, + - . ( ))");
	/* a required text: "" is absent (then required), from CSV and from JSON alike */
	field_converts(&vk_entity_stakeholder, "name", "\"\"", VK_FROM_TEXT, "null");
	field_converts(&vk_entity_stakeholder, "name", "\"\"", VK_FROM_JSON, "null");
	/* text keeps quotes, commas, newlines and spaces as given */
	field_converts(&vk_entity_input, "text", "\"  \\\"Vi skal have flere lærere\\\",\\r\\nsagde hun \"",
		       VK_FROM_TEXT, "\"  \\\"Vi skal have flere lærere\\\",\\r\\nsagde hun \"");
	/* timestamps */
	field_converts(&vk_entity_stakeholder, "created", "\"2024-03-01T10:00:00Z\"", VK_FROM_TEXT,
		       "\"2024-03-01T10:00:00Z\"");
	field_refuses(&vk_entity_stakeholder, "created", "\"2024-03-01 10:00\"", VK_FROM_TEXT,
		      "created: \"2024-03-01 10:00\" is not a UTC timestamp (YYYY-MM-DDTHH:MM:SSZ)");
	field_refuses(&vk_entity_stakeholder, "updated", "\"2024-03-01T10:00:00+02:00\"",
		      VK_FROM_JSON, "updated: \"2024-03-01T10:00:00+02:00\" is not a UTC timestamp "
		      "(YYYY-MM-DDTHH:MM:SSZ)");

	/* invalid UTF-8 is refused with its place */
	bad = json_string_nocheck("Tasi\xffilaq");
	assert_null(vk_field_convert(vk_entity_field(&vk_entity_stakeholder, "town"), bad,
				     VK_FROM_TEXT, &pr));
	expect_problems(&pr, "town: invalid UTF-8 at byte 4");
	vk_problems_clear(&pr);
	json_decref(bad);
	bad = json_pack("[o]", json_string_nocheck("ok\xc3"));
	assert_null(vk_field_convert(vk_entity_field(&vk_entity_trial, "themes"), bad,
				     VK_FROM_JSON, &pr));
	expect_problems(&pr, "themes: invalid UTF-8 at byte 2");
	vk_problems_clear(&pr);
	json_decref(bad);
}

/* ---- whole records ---- */

#define checks(e, rec, want) check_record(e, rec, want, __FILE__, __LINE__)

static void check_record(const struct vk_entity *e, const char *rec, const char *want,
			 const char *file, int line)
{
	struct vk_problems pr = VK_PROBLEMS_INIT;
	json_t *v = J(rec);
	json_t *full = vk_record_complete(e, v);

	vk_record_check(e, full, &pr);
	check_problems(&pr, want, file, line);
	vk_problems_clear(&pr);
	json_decref(full);
	json_decref(v);
}

/* Converts a cell (text, as an import's CSV gives it) for field name of e. */
#define cell_converts(e, name, text, want) \
	check_cell(e, name, text, want, "", __FILE__, __LINE__)
#define cell_refuses(e, name, text, problem) \
	check_cell(e, name, text, NULL, problem, __FILE__, __LINE__)

static void check_cell(const struct vk_entity *e, const char *name, const char *text,
		       const char *want, const char *want_problems, const char *file, int line)
{
	struct vk_problems pr = VK_PROBLEMS_INIT;
	const struct vk_field *f = vk_entity_field(e, name);
	/* the cell has its NUL, and something after it that must not be read */
	size_t len = strlen(text);
	char *cell = malloc(len + 3);
	json_t *out;

	memcpy(cell, text, len + 1);
	memcpy(cell + len + 1, "9", 2);
	out = vk_field_convert_text(f, cell, len, VK_FROM_TEXT, &pr);
	check_problems(&pr, want_problems, file, line);
	if (want)
		check_json(out, want, file, line);
	else if (out)
		fail_msg("%s:%d: \"%s\" converted, want a problem", file, line, text);
	json_decref(out);
	vk_problems_clear(&pr);
	free(cell);
}

/* An import's cells: each type of field from text, its value or its problem. */
static void test_convert_cell_text(void **state)
{
	struct strbuf want = STRBUF_INIT;

	(void)state;
	cell_converts(&vk_entity_stakeholder, "name", "Aqqaluk \"Aqqa\" Lynge-Ødegård, Qaqortoq",
		      "\"Aqqaluk \\\"Aqqa\\\" Lynge-Ødegård, Qaqortoq\"");
	cell_converts(&vk_entity_stakeholder, "notes", "første linje\nanden; linje",
		      "\"første linje\\nanden; linje\"");
	cell_converts(&vk_entity_stakeholder, "name", "", "null");
	cell_converts(&vk_entity_stakeholder, "email", "nivi@kommune.gl", "\"nivi@kommune.gl\"");
	cell_refuses(&vk_entity_stakeholder, "email", "nivi(at)kommune.gl",
		     "email: \"nivi(at)kommune.gl\" is not an e-mail address");
	cell_converts(&vk_entity_stakeholder, "phone", "+299 32 10 00", "\"+299 32 10 00\"");
	cell_converts(&vk_entity_stakeholder, "id", "42", "42");
	cell_refuses(&vk_entity_stakeholder, "id", "0",
		     "id: 0 is not an id (ids are 1 to 9007199254740992)");
	cell_refuses(&vk_entity_stakeholder, "id", " 42", "id: \" 42\" is not an id (a whole number)");
	cell_converts(&vk_entity_stakeholder, "allocation", "50", "50");
	cell_refuses(&vk_entity_stakeholder, "allocation", "150",
		     "allocation: 150 is out of range (0-100)");
	cell_refuses(&vk_entity_stakeholder, "allocation", "halvdelen",
		     "allocation: \"halvdelen\" is not a whole number");
	cell_converts(&vk_entity_stakeholder, "group", "Citizen", "\"citizen\"");
	strbuf_addf(&want, "group: \"borger\" is not a group; use one of: %s", groups);
	cell_refuses(&vk_entity_stakeholder, "group", "borger", want.buf);
	cell_converts(&vk_entity_stakeholder, "tags", "ø-samfund; fiskeri ;ø-samfund",
		      "[\"ø-samfund\", \"fiskeri\"]");
	cell_refuses(&vk_entity_stakeholder, "tags", "a;;b", "tags: an empty item");
	cell_converts(&vk_entity_stakeholder, "created", "2026-11-23T07:00:00Z",
		      "\"2026-11-23T07:00:00Z\"");
	cell_converts(&vk_entity_engagement, "participants", "3; 5;3", "[3, 5]");
	cell_refuses(&vk_entity_engagement, "participants", "3;fem",
		     "participants: \"fem\" is not an id (a whole number)");
	cell_converts(&vk_entity_engagement, "headcount", "citizen=12; Employee = 3",
		      "{\"citizen\": 12, \"employee\": 3}");
	cell_converts(&vk_entity_engagement, "date", "2026-11-23", "\"2026-11-23\"");
	cell_converts(&vk_entity_trial, "themes", "bolig; kultur, sprog og identitet",
		      "[\"bolig\", \"kultur, sprog og identitet\"]");
	strbuf_release(&want);
}

static void test_record_check(void **state)
{
	(void)state;
	checks(&vk_entity_stakeholder, "{}", "name: is required");
	checks(&vk_entity_stakeholder, "{\"name\": \"Aviaja Kristiansen-Kleist\"}", "");
	checks(&vk_entity_engagement, "{\"town\": \"Paamiut\"}",
	       "date: is required\nkind: is required\ntitle: is required");
	checks(&vk_entity_input, "{\"text\": \"Flere lærere\"}", "engagement: is required");
	checks(&vk_entity_trial, "{\"title\": \"Fælles madordning\"}", "status: is required");
	checks(&vk_entity_trial, "{\"title\": \"Fælles madordning\", \"status\": \"idea\"}", "");
	checks(&vk_entity_learning, "{\"trial\": 1, \"text\": \"Børnene spiste mere\"}",
	       "date: is required");
	checks(&vk_entity_milestone, "{\"title\": \"Borgermøde i Paamiut\", \"status\": \"planned\"}",
	       "due: is required");
	/* windows: the first day not after the last */
	checks(&vk_entity_trial, "{\"title\": \"T\", \"status\": \"idea\", \"start\": \"2024-05-01\","
	       " \"end\": \"2024-04-30\"}", "start: 2024-05-01 is after end 2024-04-30");
	checks(&vk_entity_trial, "{\"title\": \"T\", \"status\": \"idea\", \"start\": \"2024-05-01\","
	       " \"end\": \"2024-05-01\"}", "");
	checks(&vk_entity_trial, "{\"title\": \"T\", \"status\": \"idea\", \"start\": \"2024-05-01\"}",
	       "");
	checks(&vk_entity_milestone, "{\"title\": \"M\", \"status\": \"planned\", \"start\": "
	       "\"2024-06-01\", \"due\": \"2024-05-31\"}", "start: 2024-06-01 is after due 2024-05-31");
	checks(&vk_entity_milestone, "{\"title\": \"M\", \"status\": \"planned\", \"start\": "
	       "\"2024-05-01\", \"due\": \"2024-05-31\"}", "");
	/* a meeting's hours: end_time only with a time, and after it */
	checks(&vk_entity_milestone, "{\"title\": \"Styregruppemøde\", \"status\": \"planned\", "
	       "\"due\": \"2020-06-30\", \"time\": \"10:00\", \"end_time\": \"11:30\"}", "");
	checks(&vk_entity_milestone, "{\"title\": \"M\", \"status\": \"planned\", "
	       "\"due\": \"2020-06-30\", \"time\": \"10:00\"}", "");
	checks(&vk_entity_milestone, "{\"title\": \"M\", \"status\": \"planned\", "
	       "\"due\": \"2020-06-30\", \"end_time\": \"11:30\"}",
	       "end_time: 11:30 without a time: give the hour it starts (--time)");
	checks(&vk_entity_milestone, "{\"title\": \"M\", \"status\": \"planned\", "
	       "\"due\": \"2020-06-30\", \"time\": \"10:00\", \"end_time\": \"09:59\"}",
	       "end_time: 09:59 is not after the time it starts (10:00)");
	checks(&vk_entity_milestone, "{\"title\": \"M\", \"status\": \"planned\", "
	       "\"due\": \"2020-06-30\", \"time\": \"10:00\", \"end_time\": \"10:00\"}",
	       "end_time: 10:00 is not after the time it starts (10:00)");
	/* the engagement has no window: start/end are no fields of it */
	checks(&vk_entity_engagement, "{\"date\": \"2024-03-05\", \"kind\": \"workshop\","
	       " \"title\": \"Fremtidsværksted\"}", "");
}

/* A time of day (VK_FIELD_TIME) from every source: HH:MM as stored, or a problem. */
static void test_convert_time(void **state)
{
	(void)state;
	field_converts(&vk_entity_milestone, "time", "\"10:00\"", VK_FROM_OPTION, "\"10:00\"");
	field_converts(&vk_entity_milestone, "time", "\"9:30\"", VK_FROM_OPTION, "\"09:30\"");
	field_converts(&vk_entity_milestone, "time", "\"00:00\"", VK_FROM_JSON, "\"00:00\"");
	field_converts(&vk_entity_milestone, "end_time", "\"23:59\"", VK_FROM_JSON, "\"23:59\"");
	field_converts(&vk_entity_milestone, "time", "\"\"", VK_FROM_JSON, "null");
	field_converts(&vk_entity_milestone, "time", "null", VK_FROM_JSON, "null");
	field_refuses(&vk_entity_milestone, "time", "\"25:00\"", VK_FROM_OPTION,
		      "time: \"25:00\" is not a time (HH:MM, 00:00 to 23:59)");
	field_refuses(&vk_entity_milestone, "time", "\"24:00\"", VK_FROM_TEXT,
		      "time: \"24:00\" is not a time (HH:MM, 00:00 to 23:59)");
	field_refuses(&vk_entity_milestone, "end_time", "\"12:60\"", VK_FROM_JSON,
		      "end_time: \"12:60\" is not a time (HH:MM, 00:00 to 23:59)");
	field_refuses(&vk_entity_milestone, "time", "\"kl. 10\"", VK_FROM_TEXT,
		      "time: \"kl. 10\" is not a time (HH:MM, 00:00 to 23:59)");
	field_refuses(&vk_entity_milestone, "time", "1000", VK_FROM_JSON, "time: must be a string");
	cell_converts(&vk_entity_milestone, "time", "7:05", "\"07:05\"");
	cell_refuses(&vk_entity_milestone, "time", "10.00",
		     "time: \"10.00\" is not a time (HH:MM, 00:00 to 23:59)");
}

static void test_record_complete(void **state)
{
	(void)state;
	json_t *v = J("{\"text\": \"Mere tid til eleverne\", \"trial\": 3, \"sko\": 1,"
		      " \"type\": \"trial\"}");
	json_t *r = vk_record_complete(&vk_entity_learning, v);
	char *text = json_dumps(r, JSON_COMPACT);

	/* every field, in schema order, "type" first and the entity's own */
	assert_string_equal(text, "{\"type\":\"learning\",\"id\":null,\"trial\":3,\"date\":null,"
			    "\"author\":null,\"text\":\"Mere tid til eleverne\"}");
	free(text);
	json_decref(r);
	json_decref(v);

	r = vk_record_complete(&vk_entity_engagement, NULL);
	text = json_dumps(r, JSON_COMPACT);
	assert_string_equal(text, "{\"type\":\"engagement\",\"id\":null,\"date\":null,\"kind\":null,"
			    "\"title\":null,\"town\":null,\"participants\":null,\"headcount\":null,"
			    "\"themes\":null,\"notes\":null}");
	free(text);
	json_decref(r);

	/* values are shared, not copied wrongly: a list stays the list given */
	v = J("{\"name\": \"Søren\", \"roles\": [\"lead\"]}");
	r = vk_record_complete(&vk_entity_stakeholder, v);
	assert_int_equal(json_object_size(r), 16);
	expect_json(json_object_get(r, "roles"), "[\"lead\"]");
	expect_json(json_object_get(r, "updated"), "null");
	json_decref(r);
	json_decref(v);
}

/* A converted record (from options) completes and checks cleanly. */
static void test_convert_then_check(void **state)
{
	(void)state;
	struct vk_problems pr = VK_PROBLEMS_INIT;
	json_t *in = J("{\"title\": \"Borgermøde i Tasiilaq\", \"due\": \"2024-W40\","
		       " \"start\": \"2024-09\", \"depends\": [\"1,2\"], \"kind\": \"Gathering\","
		       " \"status\": \"planned\"}");
	json_t *v = vk_record_convert(&vk_entity_milestone, in, VK_FROM_OPTION, false, &pr);
	json_t *r;

	expect_problems(&pr, "");
	r = vk_record_complete(&vk_entity_milestone, v);
	vk_record_check(&vk_entity_milestone, r, &pr);
	expect_problems(&pr, "");
	expect_json(r, "{\"type\": \"milestone\", \"id\": null, \"title\": \"Borgermøde i Tasiilaq\","
		    " \"kind\": \"gathering\", \"start\": \"2024-09-01\", \"due\": \"2024-10-06\","
		    " \"baseline\": null, \"status\": \"planned\", \"done\": null, \"owner\": null,"
		    " \"place\": null, \"deliverables\": null, \"depends\": [1, 2], \"notes\": null, \"time\": null, \"end_time\": null}");
	json_decref(r);
	json_decref(v);
	json_decref(in);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_entities_as_in_spec),
		cmocka_unit_test(test_entity_columns_stable),
		cmocka_unit_test(test_field_types),
		cmocka_unit_test(test_fields_fit),
		cmocka_unit_test(test_personal_fields),
		cmocka_unit_test(test_required_fields),
		cmocka_unit_test(test_problems_list),
		cmocka_unit_test(test_convert_text_stakeholder),
		cmocka_unit_test(test_convert_json_stakeholder),
		cmocka_unit_test(test_convert_keeps_good_fields),
		cmocka_unit_test(test_convert_json_wrong_types),
		cmocka_unit_test(test_convert_json_from_other_tools),
		cmocka_unit_test(test_convert_unknown_and_type),
		cmocka_unit_test(test_convert_vocabularies),
		cmocka_unit_test(test_convert_integers),
		cmocka_unit_test(test_convert_ids),
		cmocka_unit_test(test_convert_dates),
		cmocka_unit_test(test_convert_bad_date_message),
		cmocka_unit_test(test_convert_text_lists),
		cmocka_unit_test(test_convert_counts),
		cmocka_unit_test(test_convert_text_rules),
		cmocka_unit_test(test_convert_cell_text),
		cmocka_unit_test(test_record_check),
		cmocka_unit_test(test_convert_time),
		cmocka_unit_test(test_record_complete),
		cmocka_unit_test(test_convert_then_check),
	};

	unsetenv("VK_TODAY");
	return cmocka_run_group_tests_name("schema", tests, NULL, NULL);
}

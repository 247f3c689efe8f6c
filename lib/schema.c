/*
 * schema.c: the record types of SPEC and the rules of whole records.
 * value.c converts values; problems.c keeps the problems found.
 */
#include <stdlib.h>
#include <string.h>
#include "error.h"
#include "json.h"
#include "lifecycle.h"
#include "schema.h"
#include "milestone.h"
#include "store.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- the record types ---- */

static void check_dates(const struct vk_entity *, json_t *, struct vk_problems *);
static void check_milestone(const struct vk_entity *, json_t *, struct vk_problems *);

static const struct vk_field stakeholder_fields[] = {
	{ .name = "id", .type = VK_FIELD_ID, .flags = VK_READONLY },
	{ .name = "name", .type = VK_FIELD_TEXT, .flags = VK_REQUIRED | VK_PERSONAL | VK_TITLE,
	  .argname = "NAME", .help = "full name" },
	{ .name = "group", .type = VK_FIELD_ENUM, .vocab = &vk_vocab_group,
	  .argname = "GROUP", .help = "politician, management, manager, employee, citizen, association, business, education, partner, consultant or other" },
	{ .name = "organisation", .type = VK_FIELD_TEXT, .argname = "ORG",
	  .help = "organisation, department or unit" },
	{ .name = "town", .type = VK_FIELD_TEXT, .argname = "TOWN", .help = "town or settlement" },
	{ .name = "email", .type = VK_FIELD_TEXT, .flags = VK_PERSONAL, .argname = "ADDRESS",
	  .help = "e-mail address" },
	{ .name = "phone", .type = VK_FIELD_TEXT, .flags = VK_PERSONAL, .argname = "NUMBER",
	  .help = "telephone number" },
	{ .name = "roles", .type = VK_FIELD_ENUM_LIST, .vocab = &vk_vocab_role, .option = "role",
	  .argname = "ROLE", .help = "owner, steering, working, lead, secretary or participant (repeat or ROLE,ROLE)" },
	{ .name = "allocation", .type = VK_FIELD_INT, .argname = "PERCENT",
	  .help = "share of working time allocated to the process, 0-100", .min = 0, .max = 100 },
	{ .name = "influence", .type = VK_FIELD_ENUM, .vocab = &vk_vocab_level,
	  .argname = "LEVEL", .help = "low, medium or high" },
	{ .name = "interest", .type = VK_FIELD_ENUM, .vocab = &vk_vocab_level,
	  .argname = "LEVEL", .help = "low, medium or high" },
	{ .name = "tags", .type = VK_FIELD_TEXT_LIST, .option = "tag", .argname = "TAG",
	  .help = "a free word (repeat for more)" },
	{ .name = "notes", .type = VK_FIELD_TEXT, .flags = VK_PERSONAL, .argname = "TEXT",
	  .help = "notes" },
	{ .name = "created", .type = VK_FIELD_TIMESTAMP, .flags = VK_READONLY },
	{ .name = "updated", .type = VK_FIELD_TIMESTAMP, .flags = VK_READONLY },
};

static const struct vk_field engagement_fields[] = {
	{ .name = "id", .type = VK_FIELD_ID, .flags = VK_READONLY },
	{ .name = "date", .type = VK_FIELD_DATE, .flags = VK_REQUIRED, .argname = "DATE",
	  .help = "the day it took place" },
	{ .name = "kind", .type = VK_FIELD_ENUM, .flags = VK_REQUIRED, .vocab = &vk_vocab_engagement_kind,
	  .argname = "KIND", .help = "interview, workshop, meeting, seminar, survey, dialogue, visit, event or other" },
	{ .name = "title", .type = VK_FIELD_TEXT, .flags = VK_REQUIRED | VK_TITLE, .argname = "TITLE",
	  .help = "what it was" },
	{ .name = "town", .type = VK_FIELD_TEXT, .argname = "TOWN", .help = "where it took place" },
	{ .name = "participants", .type = VK_FIELD_REF_LIST, .ref = "stakeholder", .option = "with",
	  .argname = "ID", .help = "stakeholders who took part (repeat or ID,ID)" },
	{ .name = "headcount", .type = VK_FIELD_COUNTS, .vocab = &vk_vocab_group,
	  .argname = "GROUP=N", .help = "people present who are not in the register, by group (repeat)" },
	{ .name = "themes", .type = VK_FIELD_TEXT_LIST, .option = "theme", .argname = "THEME",
	  .help = "a theme it touched (repeat for more)" },
	{ .name = "notes", .type = VK_FIELD_TEXT, .argname = "TEXT", .help = "notes" },
};

static const struct vk_field input_fields[] = {
	{ .name = "id", .type = VK_FIELD_ID, .flags = VK_READONLY },
	{ .name = "engagement", .type = VK_FIELD_REF, .ref = "engagement",
	  .flags = VK_REQUIRED | VK_OWNED_BY, .argname = "ID", .help = "the engagement where it was said" },
	{ .name = "stakeholder", .type = VK_FIELD_REF, .ref = "stakeholder", .argname = "ID",
	  .help = "the stakeholder who said it, if registered" },
	{ .name = "source", .type = VK_FIELD_TEXT, .argname = "TEXT",
	  .help = "short attribution (\"male pensioner, Paamiut\")" },
	{ .name = "text", .type = VK_FIELD_TEXT, .flags = VK_REQUIRED | VK_TITLE, .argname = "TEXT",
	  .help = "what was said" },
	{ .name = "themes", .type = VK_FIELD_TEXT_LIST, .option = "theme", .argname = "THEME",
	  .help = "a theme (repeat for more)" },
};

static const struct vk_field trial_fields[] = {
	{ .name = "id", .type = VK_FIELD_ID, .flags = VK_READONLY },
	{ .name = "title", .type = VK_FIELD_TEXT, .flags = VK_REQUIRED | VK_TITLE, .argname = "TITLE",
	  .help = "what is tried" },
	{ .name = "description", .type = VK_FIELD_TEXT, .argname = "TEXT", .help = "description" },
	{ .name = "status", .type = VK_FIELD_ENUM, .vocab = &vk_vocab_trial_status,
	  .flags = VK_NOT_ADD | VK_REQUIRED, .initial = "idea", .argname = "STATUS",
	  .help = "status in the lifecycle" },
	{ .name = "owner", .type = VK_FIELD_REF, .ref = "stakeholder", .argname = "ID",
	  .help = "the manager who owns it (a stakeholder id)" },
	{ .name = "unit", .type = VK_FIELD_TEXT, .argname = "UNIT", .help = "the unit that runs it" },
	{ .name = "department", .type = VK_FIELD_TEXT, .argname = "DEPT", .help = "department" },
	{ .name = "round", .type = VK_FIELD_INT, .argname = "N", .help = "round of trials",
	  .min = 1, .max = 999 },
	{ .name = "track", .type = VK_FIELD_TEXT, .argname = "TRACK", .help = "track" },
	{ .name = "themes", .type = VK_FIELD_TEXT_LIST, .option = "theme", .argname = "THEME",
	  .help = "a theme it serves (repeat for more)" },
	{ .name = "start", .type = VK_FIELD_DATE, .side = VK_DATE_START, .argname = "DATE",
	  .help = "first day" },
	{ .name = "end", .type = VK_FIELD_DATE, .side = VK_DATE_END, .argname = "DATE",
	  .help = "last day" },
	{ .name = "participants", .type = VK_FIELD_REF_LIST, .ref = "stakeholder", .option = "with",
	  .argname = "ID", .help = "stakeholders taking part (repeat or ID,ID)" },
	{ .name = "outcome", .type = VK_FIELD_ENUM, .vocab = &vk_vocab_outcome,
	  .argname = "OUTCOME", .help = "adopt, adapt or drop" },
	{ .name = "milestone", .type = VK_FIELD_REF, .ref = "milestone", .argname = "ID",
	  .help = "the milestone it belongs to" },
};

static const struct vk_field learning_fields[] = {
	{ .name = "id", .type = VK_FIELD_ID, .flags = VK_READONLY },
	{ .name = "trial", .type = VK_FIELD_REF, .ref = "trial", .flags = VK_REQUIRED | VK_OWNED_BY,
	  .argname = "ID", .help = "the trial it was learned from" },
	{ .name = "date", .type = VK_FIELD_DATE, .flags = VK_REQUIRED, .argname = "DATE",
	  .help = "when it was written (default today)", .initial = "today" },
	{ .name = "author", .type = VK_FIELD_REF, .ref = "stakeholder", .argname = "ID",
	  .help = "who wrote it (a stakeholder id)" },
	{ .name = "text", .type = VK_FIELD_TEXT, .flags = VK_REQUIRED | VK_TITLE, .argname = "TEXT",
	  .help = "what was learned" },
};

static const struct vk_field milestone_fields[] = {
	{ .name = "id", .type = VK_FIELD_ID, .flags = VK_READONLY },
	{ .name = "title", .type = VK_FIELD_TEXT, .flags = VK_REQUIRED | VK_TITLE, .argname = "TITLE",
	  .help = "what happens" },
	{ .name = "kind", .type = VK_FIELD_ENUM, .vocab = &vk_vocab_milestone_kind, .argname = "KIND",
	  .help = "gathering, workshop, seminar, decision, deliverable, round, report or other" },
	{ .name = "start", .type = VK_FIELD_DATE, .side = VK_DATE_START, .argname = "DATE",
	  .help = "first day of its window" },
	{ .name = "due", .type = VK_FIELD_DATE, .side = VK_DATE_END, .flags = VK_REQUIRED | VK_NOT_SET,
	  .argname = "DATE", .help = "the day it is due (last day of its window; move changes it)" },
	{ .name = "baseline", .type = VK_FIELD_DATE, .flags = VK_READONLY, .side = VK_DATE_END,
	  .initial_from = "due" },
	{ .name = "status", .type = VK_FIELD_ENUM, .vocab = &vk_vocab_milestone_status,
	  .flags = VK_REQUIRED, .initial = "planned", .argname = "STATUS", .help = "planned, done or cancelled" },
	{ .name = "done", .type = VK_FIELD_DATE, .flags = VK_NOT_SET, .argname = "DATE",
	  .help = "the day it was done (the done verb sets it)" },
	{ .name = "owner", .type = VK_FIELD_REF, .ref = "stakeholder", .argname = "ID",
	  .help = "who is responsible (a stakeholder id)" },
	{ .name = "place", .type = VK_FIELD_TEXT, .argname = "PLACE", .help = "where" },
	{ .name = "deliverables", .type = VK_FIELD_TEXT, .argname = "TEXT", .help = "what it delivers" },
	{ .name = "depends", .type = VK_FIELD_REF_LIST, .ref = "milestone", .alias = "depend", .argname = "ID",
	  .help = "milestones it depends on (repeat or ID,ID)" },
	{ .name = "notes", .type = VK_FIELD_TEXT, .argname = "TEXT", .help = "notes" },
};

static const char *const stakeholder_brief[] = {
	"id", "name", "group", "organisation", "town", "roles", NULL
};
static const char *const engagement_brief[] = {
	"id", "date", "kind", "title", "town", "participants", "headcount", NULL
};
static const char *const input_brief[] = {
	"id", "engagement", "source", "text", "themes", NULL
};
static const char *const trial_brief[] = {
	"id", "title", "status", "owner", "department", "round", "start", "end", NULL
};
static const char *const learning_brief[] = {
	"id", "trial", "date", "author", "text", NULL
};
static const char *const milestone_brief[] = {
	"id", "title", "kind", "start", "due", "status", "done", NULL
};

static const struct vk_list_filter engagement_filters[] = {
	{ .option = "since", .argname = "DATE", .help = "on or after DATE", .kind = VK_LF_DATE,
	  .field = "date", .op = VK_OP_GE, .side = VK_DATE_START },
	{ .option = "until", .argname = "DATE", .help = "on or before DATE", .kind = VK_LF_DATE,
	  .field = "date", .op = VK_OP_LE, .side = VK_DATE_END },
	{ .option = NULL }
};
static const struct vk_list_filter learning_filters[] = {
	{ .option = "since", .argname = "DATE", .help = "written on or after DATE",
	  .kind = VK_LF_DATE, .field = "date", .op = VK_OP_GE, .side = VK_DATE_START },
	{ .option = "until", .argname = "DATE", .help = "written on or before DATE",
	  .kind = VK_LF_DATE, .field = "date", .op = VK_OP_LE, .side = VK_DATE_END },
	{ .option = NULL }
};
static const char *const trial_finished[] = { "done", "evaluated", "rejected", "stopped", NULL };
static const char *const trial_ended[] = { "rejected", "stopped", NULL };
static const struct vk_list_filter trial_filters[] = {
	{ .option = "active-on", .argname = "DATE", .help = "under way on DATE (start <= DATE <= end), "
	  "not rejected or stopped by then",
	  .kind = VK_LF_ACTIVE, .field = "start", .op = VK_OP_LE_OR_NULL, .field2 = "end",
	  .op2 = VK_OP_GE_OR_NULL, .side = VK_DATE_START, .except = trial_ended },
	{ .option = "late", .help = "end date passed and not done, evaluated, rejected or stopped",
	  .kind = VK_LF_LATE, .field = "end", .except = trial_finished },
	{ .option = NULL }
};
static const char *const milestone_closed[] = { "done", "cancelled", NULL };
static const struct vk_list_filter milestone_filters[] = {
	{ .option = "due-before", .argname = "DATE", .help = "due before DATE", .kind = VK_LF_DATE,
	  .field = "due", .op = VK_OP_LT, .side = VK_DATE_START },
	{ .option = "due-after", .argname = "DATE", .help = "due after DATE", .kind = VK_LF_DATE,
	  .field = "due", .op = VK_OP_GT, .side = VK_DATE_END },
	{ .option = "overdue", .help = "due before today, neither done nor cancelled",
	  .kind = VK_LF_LATE, .field = "due", .except = milestone_closed },
	{ .option = "upcoming", .argname = "SPAN",
	  .help = "due from today to SPAN on (14d, 2w), neither done nor cancelled",
	  .kind = VK_LF_WITHIN, .field = "due", .except = milestone_closed },
	{ .option = "between", .argname = "DATE DATE", .help = "due from the first DATE to the second",
	  .kind = VK_LF_BETWEEN, .field = "due" },
	{ .option = NULL }
};

const struct vk_entity vk_entity_stakeholder = {
	.name = "stakeholder", .plural = "stakeholders",
	.fields = stakeholder_fields, .nfields = COUNT(stakeholder_fields),
	.brief = stakeholder_brief,
};
const struct vk_entity vk_entity_engagement = {
	.name = "engagement", .plural = "engagements",
	.fields = engagement_fields, .nfields = COUNT(engagement_fields),
	.brief = engagement_brief, .filters = engagement_filters,
};
const struct vk_entity vk_entity_input = {
	.name = "input", .plural = "inputs",
	.fields = input_fields, .nfields = COUNT(input_fields),
	.brief = input_brief,
};
const struct vk_entity vk_entity_trial = {
	.name = "trial", .plural = "trials",
	.fields = trial_fields, .nfields = COUNT(trial_fields),
	.check = check_dates, .brief = trial_brief, .filters = trial_filters,
	.check_change = vk_trial_check_change, .force_help = "allow a move the lifecycle does not",
};
const struct vk_entity vk_entity_learning = {
	.name = "learning", .plural = "learnings",
	.fields = learning_fields, .nfields = COUNT(learning_fields),
	.brief = learning_brief, .filters = learning_filters,
	.check_change = vk_learning_check_change, .check_remove = vk_learning_check_remove,
};
const struct vk_entity vk_entity_milestone = {
	.name = "milestone", .plural = "milestones",
	.fields = milestone_fields, .nfields = COUNT(milestone_fields),
	.check = check_milestone, .brief = milestone_brief, .filters = milestone_filters,
	.check_store = vk_milestone_check_store, .show = vk_milestone_show,
};

const struct vk_entity *const vk_entities[] = {
	&vk_entity_stakeholder, &vk_entity_engagement, &vk_entity_input,
	&vk_entity_milestone, &vk_entity_trial, &vk_entity_learning, NULL
};

const struct vk_entity *vk_entity_by_name(const char *name)
{
	for (size_t i = 0; vk_entities[i]; i++)
		if (!strcmp(vk_entities[i]->name, name))
			return vk_entities[i];
	return NULL;
}

const struct vk_entity *vk_entity_by_plural(const char *plural)
{
	for (size_t i = 0; vk_entities[i]; i++)
		if (!strcmp(vk_entities[i]->plural, plural))
			return vk_entities[i];
	return NULL;
}

const struct vk_field *vk_entity_field(const struct vk_entity *e, const char *name)
{
	/* the first byte first: an import asks this for every cell */
	for (size_t i = 0; i < e->nfields; i++)
		if (e->fields[i].name[0] == name[0] && !strcmp(e->fields[i].name, name))
			return &e->fields[i];
	return NULL;
}

const struct vk_field *vk_entity_title(const struct vk_entity *e)
{
	for (size_t i = 0; i < e->nfields; i++)
		if (e->fields[i].flags & VK_TITLE)
			return &e->fields[i];
	return NULL;
}

const char *vk_field_option(const struct vk_field *f)
{
	return f->option ? f->option : f->name;
}

bool vk_field_is_list(const struct vk_field *f)
{
	return f->type == VK_FIELD_ENUM_LIST || f->type == VK_FIELD_TEXT_LIST ||
	       f->type == VK_FIELD_REF_LIST;
}

const char *const *vk_entity_columns(const struct vk_entity *e, size_t *count)
{
	/* one array per entity, filled on first use */
	static const char *columns[8][24];
	size_t slot = 0;

	while (vk_entities[slot] && vk_entities[slot] != e)
		slot++;
	if (!columns[slot][0])
		for (size_t i = 0; i < e->nfields; i++)
			columns[slot][i] = e->fields[i].name;
	*count = e->nfields;
	return columns[slot];
}

/* ---- whole records ---- */

void vk_record_check(const struct vk_entity *e, json_t *record, struct vk_problems *pr)
{
	for (size_t i = 0; i < e->nfields; i++) {
		const struct vk_field *f = &e->fields[i];
		json_t *v;
		if (!(f->flags & VK_REQUIRED))
			continue;
		v = json_object_get(record, f->name);
		if (!v || json_is_null(v))
			vk_problems_add(pr, f->name, "is required");
	}
	if (e->check)
		e->check(e, record, pr);
}

bool vk_record_set_initial(const struct vk_entity *e, json_t *record)
{
	bool given = false;

	for (size_t i = 0; i < e->nfields; i++) {
		const struct vk_field *f = &e->fields[i];
		json_t *v;
		char buf[11];

		if (!f->initial && !f->initial_from)
			continue;
		v = json_object_get(record, f->name);
		if (v && !json_is_null(v))
			continue;
		if (f->initial && !strcmp(f->initial, "today") && f->type == VK_FIELD_DATE)
			json_object_set_new(record, f->name, json_string(vk_date_format(vk_today(), buf)));
		else if (f->initial)
			json_object_set_new(record, f->name, json_string(f->initial));
		else if (f->initial_from && json_object_get(record, f->initial_from))
			json_object_set(record, f->name, json_object_get(record, f->initial_from));
		else
			continue;
		given = true;
	}
	return given;
}

json_t *vk_record_complete(const struct vk_entity *e, json_t *values)
{
	json_t *r = json_object();

	json_object_set_new(r, "type", json_string(e->name));
	for (size_t i = 0; i < e->nfields; i++) {
		json_t *v = json_object_get(values, e->fields[i].name);
		json_object_set_new(r, e->fields[i].name, v ? json_incref(v) : json_null());
	}
	return r;
}

void vk_record_fill(const struct vk_entity *e, json_t *values)
{
	json_object_set_new(values, "type", json_string(e->name));
	vk_record_fill_fields(e, values);
}

void vk_record_fill_fields(const struct vk_entity *e, json_t *values)
{
	/* values hold fields (and perhaps "type"): as many means all there */
	if (json_object_size(values) - (json_object_get(values, "type") ? 1 : 0) == e->nfields)
		return;
	for (size_t i = 0; i < e->nfields; i++)
		if (!json_object_get(values, e->fields[i].name))
			json_object_set_new(values, e->fields[i].name, json_null());
}

/* ---- rules of whole records ---- */

/* A window's first day is not after its last: trial start/end, milestone start/due. */
static void check_dates(const struct vk_entity *e, json_t *r, struct vk_problems *pr)
{
	const char *last = vk_entity_field(e, "due") ? "due" : "end";
	const char *a = json_string_value(json_object_get(r, "start"));
	const char *b = json_string_value(json_object_get(r, last));

	if (a && b && strcmp(a, b) > 0)
		vk_problems_add(pr, "start", "%s is after %s %s", a, last, b);
}

/* A milestone's window, and a done date exactly when it is done. */
static void check_milestone(const struct vk_entity *e, json_t *r, struct vk_problems *pr)
{
	const char *status = json_string_value(json_object_get(r, "status"));
	json_t *done = json_object_get(r, "done");

	check_dates(e, r, pr);
	if (status && !strcmp(status, "done") && json_is_null(done))
		vk_problems_add(pr, "done", "a milestone that is done needs its done date");
	else if (status && strcmp(status, "done") && done && !json_is_null(done))
		vk_problems_add(pr, "done", "has a date, but the status is %s", status);
}

/* The value of field f of a record, if the history shows it (NULL if not). */
static json_t *history_value(const struct vk_field *f, json_t *record)
{
	json_t *v = json_object_get(record, f->name);

	if (f->type == VK_FIELD_ID || f->type == VK_FIELD_TIMESTAMP)
		return NULL;
	if (!v || json_is_null(v) || (json_is_array(v) && !json_array_size(v)) ||
	    (json_is_object(v) && !json_object_size(v)))
		return NULL;
	return v;
}

json_t *vk_record_as_added(const struct vk_entity *e, json_t *record)
{
	json_t *added = json_object();

	for (size_t i = 0; i < e->nfields; i++) {
		json_t *v = history_value(&e->fields[i], record);
		if (v)
			json_object_set(added, e->fields[i].name, v);
	}
	return added;
}

char *vk_record_history_text(const struct vk_entity *e, json_t *record)
{
	struct strbuf sb = STRBUF_INIT;
	bool first = true;

	strbuf_addch(&sb, '{');
	for (size_t i = 0; i < e->nfields; i++) {
		const struct vk_field *f = &e->fields[i];
		json_t *v = history_value(f, record);
		if (!v)
			continue;
		if (!first)
			strbuf_addch(&sb, ',');
		first = false;
		vk_json_append_string(&sb, f->name, strlen(f->name));
		strbuf_addch(&sb, ':');
		vk_json_append(&sb, v);
	}
	strbuf_addch(&sb, '}');
	return strbuf_detach(&sb, NULL);
}

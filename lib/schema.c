/* schema.c: the record types of SPEC and the checking of their values. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "error.h"
#include "json.h"
#include "lifecycle.h"
#include "schema.h"
#include "milestone.h"
#include "query.h"
#include "text.h"
#include "utf8.h"
#include "writer.h"

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

/* ---- problems ---- */

void vk_problems_add(struct vk_problems *p, const char *field, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	if (p->count == p->alloc) {
		p->alloc = p->alloc ? p->alloc * 2 : 8;
		p->items = vk_realloc(p->items, p->alloc * sizeof(*p->items));
	}
	p->items[p->count].field = NULL;
	if (field) {
		/* a key of the input, when it is no field: shown as messages show values */
		struct strbuf f = STRBUF_INIT;
		utf8_add_shown(&f, field, UTF8_SHOWN_CHARS, false);
		p->items[p->count].field = strbuf_detach(&f, NULL);
	}
	p->items[p->count].message = strbuf_detach(&sb, NULL);
	p->count++;
}

void vk_problems_clear(struct vk_problems *p)
{
	for (size_t i = 0; i < p->count; i++) {
		free(p->items[i].field);
		free(p->items[i].message);
	}
	free(p->items);
	p->items = NULL;
	p->count = p->alloc = 0;
}

void vk_problem_format(const struct vk_problems *p, size_t i, struct strbuf *out)
{
	if (p->items[i].field)
		strbuf_addf(out, "%s: ", p->items[i].field);
	strbuf_addstr(out, p->items[i].message);
}

/* How many unknown names one problem quotes before it counts the rest. */
#define UNKNOWN_SHOWN 5

void vk_problems_add_unknown(struct vk_problems *p, const struct vk_entity *e,
			     const char *const *names, size_t n, const char *what)
{
	struct strbuf fields = STRBUF_INIT, sb = STRBUF_INIT;

	if (!n)
		return;
	for (size_t i = 0; i < e->nfields; i++)
		strbuf_addf(&fields, "%s%s", i ? ", " : "", e->fields[i].name);
	if (n == 1) {
		vk_problems_add(p, names[0], "no such field in a %s (--ignore-unknown skips it); "
				"the fields: %s", e->name, fields.buf);
		strbuf_release(&fields);
		return;
	}
	for (size_t i = 0; i < n && i < UNKNOWN_SHOWN; i++) {
		if (i)
			strbuf_addstr(&sb, i + 1 == n ? " and " : ", ");
		strbuf_addquoted(&sb, names[i]);
	}
	if (n > UNKNOWN_SHOWN)
		strbuf_addf(&sb, " and %zu more", n - UNKNOWN_SHOWN);
	/* one problem for the header (or the record), however many names are wrong */
	vk_problems_add(p, NULL, "%zu %s are no field of a %s: %s (--ignore-unknown skips "
			"them); the fields: %s", n, what, e->name, sb.buf, fields.buf);
	strbuf_release(&sb);
	strbuf_release(&fields);
}

/* ---- converting values ---- */

static const char *type_word(const struct vk_field *f)
{
	switch (f->type) {
	case VK_FIELD_ID: case VK_FIELD_REF: return "an id (a whole number)";
	case VK_FIELD_INT: return "a whole number";
	case VK_FIELD_ENUM_LIST: case VK_FIELD_TEXT_LIST: return "a list of strings";
	case VK_FIELD_REF_LIST: return "a list of ids";
	case VK_FIELD_COUNTS: return "an object of counts by group";
	default: return "a string";
	}
}

/* Parses a whole decimal integer with optional sign; no spaces. */
static bool parse_long(const char *s, long long *out)
{
	char *end;

	if (!*s || isspace((unsigned char)*s))
		return false;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || *end)
		return false;
	*out = v;
	return true;
}

#define ID_WORDS "an id (a whole number)"

/* Adds the problem that text s is not `what` (a whole number, an id). */
static void not_a_number(const struct vk_field *f, const char *s, const char *what,
			 struct vk_problems *pr)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addquoted(&sb, s);
	vk_problems_add(pr, f->name, "%s is not %s", sb.buf, what);
	strbuf_release(&sb);
}

/* d in the fewest digits that read back as d (60.5, 1e+300), as a message shows it. */
static void real_text(double d, char buf[32])
{
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(buf, 32, "%.*g", prec, d);
		if (strtod(buf, NULL) == d)
			return;
	}
}

/*
 * A JSON real that is a whole number (60.0, 1e1, as Python, jq and
 * Miller may write one) as *out; false when it has a fraction or is too
 * large for any field (the caller's range check says the rest).
 */
static bool whole_real(json_t *v, long long *out)
{
	double d = json_real_value(v);

	/* (below 2^63: the cast is exact; ids and counts end far below) */
	if (d != trunc(d) || fabs(d) >= 9.2e18)
		return false;
	*out = (long long)d;
	return true;
}

/*
 * Reads a whole number from v: a JSON integer, or a real without a
 * fraction (text is read by number_from_text()). Adds a problem and
 * returns false when it is not one.
 */
static bool whole_number(const struct vk_field *f, json_t *v, long long *out,
			 struct vk_problems *pr)
{
	char buf[32];

	if (json_is_integer(v)) {
		*out = json_integer_value(v);
		return true;
	}
	if (json_is_real(v)) {
		double d = json_real_value(v);

		if (whole_real(v, out))
			return true;
		real_text(d, buf);
		if (d != trunc(d))
			vk_problems_add(pr, f->name, "%s is not %s", buf, type_word(f));
		else if (f->type == VK_FIELD_INT)
			vk_problems_add(pr, f->name, "%s is out of range (%ld-%ld)", buf, f->min, f->max);
		else
			vk_problems_add(pr, f->name, "%s is not an id (ids are 1 to %lld)", buf, 1LL << 53);
		return false;
	}
	vk_problems_add(pr, f->name, "must be %s", type_word(f));
	return false;
}

/* Makes id a JSON integer if it is one (ids are 1 to 2^53), else adds a problem. */
static json_t *id_value(const struct vk_field *f, long long id, struct vk_problems *pr)
{
	/* 2^53: the largest whole number every JSON reader keeps exactly */
	if (id < 1 || id > (1LL << 53)) {
		vk_problems_add(pr, f->name, "%lld is not an id (ids are 1 to %lld)", id, 1LL << 53);
		return NULL;
	}
	return json_integer(id);
}

/* Makes n a JSON integer if f's range holds it, else adds a problem. */
static json_t *int_value(const struct vk_field *f, long long n, struct vk_problems *pr)
{
	if (n < f->min || n > f->max) {
		vk_problems_add(pr, f->name, "%lld is out of range (%ld-%ld)", n, f->min, f->max);
		return NULL;
	}
	return json_integer(n);
}

static json_t *convert_id(const struct vk_field *f, json_t *v, struct vk_problems *pr)
{
	long long id;

	if (!whole_number(f, v, &id, pr))
		return NULL;
	return id_value(f, id, pr);
}

static json_t *convert_int(const struct vk_field *f, json_t *v, struct vk_problems *pr)
{
	long long n;

	if (!whole_number(f, v, &n, pr))
		return NULL;
	return int_value(f, n, pr);
}

/* The id or whole number written as text s (an id when f is ID, REF or REF_LIST). */
static json_t *number_from_text(const struct vk_field *f, const char *s, struct vk_problems *pr)
{
	bool id = f->type != VK_FIELD_INT;
	long long n;

	if (!parse_long(s, &n)) {
		not_a_number(f, s, id ? ID_WORDS : "a whole number", pr);
		return NULL;
	}
	return id ? id_value(f, n, pr) : int_value(f, n, pr);
}

/* A new JSON string of text s[0..len) (valid UTF-8) as stored: in NFC. */
static json_t *text_value(const char *s, size_t len)
{
	struct strbuf nfc = STRBUF_INIT;
	json_t *v;

	if (vk_text_nfc(s, len, &nfc))
		v = json_stringn_nocheck(nfc.buf, nfc.len);
	else
		v = json_stringn_nocheck(s, len);
	strbuf_release(&nfc);
	return v;
}

static json_t *convert_scalar_text(const struct vk_field *f, const char *s,
				   struct vk_problems *pr)
{
	struct strbuf err = STRBUF_INIT;
	json_t *out = NULL;

	switch (f->type) {
	case VK_FIELD_TEXT:
	case VK_FIELD_TEXT_LIST:
		out = utf8_valid(s, strlen(s), NULL) ? text_value(s, strlen(s)) : NULL;
		if (!out)
			strbuf_addstr(&err, "invalid UTF-8");
		break;
	case VK_FIELD_ENUM:
	case VK_FIELD_ENUM_LIST:
	case VK_FIELD_COUNTS: {
		const char *canon = vk_vocab_lookup(f->vocab, s, &err);
		if (canon)
			out = json_string_nocheck(canon);	/* the vocabulary's own UTF-8 */
		break;
	}
	case VK_FIELD_DATE: {
		vk_date d;
		char buf[11];
		if (!vk_date_parse(s, f->side, &d, &err))
			out = json_string(vk_date_format(d, buf));
		break;
	}
	case VK_FIELD_TIMESTAMP:
		if (vk_timestamp_valid(s))
			out = json_string(s);
		else {
			strbuf_addquoted(&err, s);
			strbuf_addstr(&err, " is not a UTC timestamp (YYYY-MM-DDTHH:MM:SSZ)");
		}
		break;
	default:
		break;
	}
	if (!out)
		vk_problems_add(pr, f->name, "%s", err.buf);
	strbuf_release(&err);
	return out;
}

/* A text field's own rules for s (len bytes, valid UTF-8) beyond being a string. */
static bool text_ok(const struct vk_field *f, const char *s, size_t len, struct vk_problems *pr)
{
	if ((f->flags & VK_REQUIRED) && len == 0) {
		vk_problems_add(pr, f->name, "must not be empty");
		return false;
	}
	if ((f->flags & VK_REQUIRED) && vk_text_blank(s, len)) {
		vk_problems_add(pr, f->name, "must not be only spaces");
		return false;
	}
	if (len && f->name[0] == 'e' && !strcmp(f->name, "email")) {
		const char *at = strchr(s, '@');
		if (!at || at == s || !at[1] || strchr(at + 1, '@') || strpbrk(s, " \t\r\n,;<>")) {
			struct strbuf sb = STRBUF_INIT;
			strbuf_addquoted(&sb, s);
			vk_problems_add(pr, f->name, "%s is not an e-mail address", sb.buf);
			strbuf_release(&sb);
			return false;
		}
	}
	if (len && f->name[0] == 'p' && !strcmp(f->name, "phone")) {
		if (s[strspn(s, "0123456789 +-().")] || !strpbrk(s, "0123456789")) {
			struct strbuf sb = STRBUF_INIT;
			strbuf_addquoted(&sb, s);
			vk_problems_add(pr, f->name, "%s is not a telephone number (digits, spaces, + - . ( ))", sb.buf);
			strbuf_release(&sb);
			return false;
		}
	}
	return true;
}

/* Adds one list item given as text to list (deduplicated, order kept). */
static bool add_list_item(const struct vk_field *f, json_t *list, const char *item,
			  struct vk_problems *pr)
{
	json_t *v;

	if (f->type == VK_FIELD_REF_LIST) {
		v = number_from_text(f, item, pr);
	} else if (f->type == VK_FIELD_TEXT_LIST) {
		if (!*item) {
			vk_problems_add(pr, f->name, "an empty item");
			return false;
		}
		if (strchr(item, ';')) {
			struct strbuf sb = STRBUF_INIT;
			strbuf_addquoted(&sb, item);
			vk_problems_add(pr, f->name, "%s: an item must not contain ';' (it separates items in CSV)", sb.buf);
			strbuf_release(&sb);
			return false;
		}
		if (!text_ok(f, item, strlen(item), pr))
			return false;
		v = text_value(item, strlen(item));	/* a part of valid UTF-8, cut at ';' */
	} else {
		v = convert_scalar_text(f, item, pr);
	}
	if (!v)
		return false;
	size_t i;
	json_t *have;
	json_array_foreach(list, i, have)
		if (json_equal(have, v)) {
			json_decref(v);
			return true;
		}
	json_array_append_new(list, v);
	return true;
}

/* Splits text at seps and adds each item (trimmed of spaces) to list. */
static bool add_list_text(const struct vk_field *f, json_t *list, const char *text,
			  const char *seps, struct vk_problems *pr)
{
	bool ok = true;
	const char *p = text;

	if (!*text)
		return true;
	for (;;) {
		size_t n = strcspn(p, seps);
		const char *b = p, *e = p + n;
		while (b < e && *b == ' ')
			b++;
		while (e > b && e[-1] == ' ')
			e--;
		/* most items are a word or two: no malloc for them */
		char small[128];
		size_t len = (size_t)(e - b);
		char *item = len < sizeof(small) ? small : vk_malloc(len + 1);
		memcpy(item, b, len);
		item[len] = '\0';
		ok = add_list_item(f, list, item, pr) && ok;
		if (item != small)
			free(item);
		if (!p[n])
			break;
		p += n + 1;
	}
	return ok;
}

/*
 * Where a list given as one text splits: at ';', as a CSV cell does; ids
 * also at ',' (no id holds one: a spreadsheet's "3,7"), and from options
 * vocabulary values too (--role owner,lead).
 */
static const char *list_seps(const struct vk_field *f, enum vk_value_source src)
{
	if (f->type == VK_FIELD_REF_LIST || (src == VK_FROM_OPTION && f->type == VK_FIELD_ENUM_LIST))
		return ";,";
	return ";";
}

/* The digits of JSON integer v, as text (a Miller cell of digits: a telephone number, a tag). */
static void integer_text(json_t *v, char buf[32])
{
	snprintf(buf, 32, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
}

/* Adds JSON integer item to a list of text (a tag 2020) as its digits. */
static bool add_integer_item(const struct vk_field *f, json_t *list, json_t *item,
			     struct vk_problems *pr)
{
	char buf[32];

	integer_text(item, buf);
	return add_list_item(f, list, buf, pr);
}

static json_t *convert_list(const struct vk_field *f, json_t *v, enum vk_value_source src,
			    struct vk_problems *pr)
{
	json_t *list = json_array();
	bool ok = true;
	const char *seps = list_seps(f, src);

	/* a list given as one text: vk_field_convert_text() */
	if (json_is_array(v)) {
		size_t i;
		json_t *item;
		json_array_foreach(v, i, item) {
			size_t bad;
			if (json_is_string(item) &&
			    !utf8_valid(json_string_value(item), json_string_length(item), &bad)) {
				vk_problems_add(pr, f->name, "invalid UTF-8 at byte %zu", bad);
				ok = false;
				break;
			}
			if (src != VK_FROM_JSON && json_is_string(item)) {
				ok = add_list_text(f, list, json_string_value(item), seps, pr) && ok;
			} else if (f->type == VK_FIELD_REF_LIST && json_is_number(item)) {
				/* 3, or 3.0 as another tool may write it */
				json_t *id = convert_id(f, item, pr);
				if (id)
					json_array_append_new(list, id);
				else
					ok = false;
			} else if (json_is_string(item)) {
				/* an id also as "3", as a whole number may come from other tools */
				ok = add_list_item(f, list, json_string_value(item), pr) && ok;
			} else if (f->type == VK_FIELD_TEXT_LIST && json_is_integer(item)) {
				ok = add_integer_item(f, list, item, pr) && ok;
			} else {
				vk_problems_add(pr, f->name, "must be %s", type_word(f));
				ok = false;
				break;
			}
		}
	} else {
		vk_problems_add(pr, f->name, "must be %s", type_word(f));
		ok = false;
	}
	if (!ok) {
		json_decref(list);
		return NULL;
	}
	return list;
}

/* Adds key=n to counts (the key a vocabulary value; n a count). */
static bool add_count(const struct vk_field *f, json_t *counts, const char *key, json_t *n,
		      struct vk_problems *pr)
{
	struct strbuf err = STRBUF_INIT;
	long long v;
	const char *canon = vk_vocab_lookup(f->vocab, key, &err);

	if (!canon) {
		vk_problems_add(pr, f->name, "%s", err.buf);
		strbuf_release(&err);
		return false;
	}
	/* 17, and as other tools may write it 17.0 or "17" */
	if (json_is_integer(n)) {
		v = json_integer_value(n);
	} else if (!(json_is_real(n) && whole_real(n, &v)) &&
		   !(json_is_string(n) && parse_long(json_string_value(n), &v))) {
		vk_problems_add(pr, f->name, "%s: the count must be a whole number", canon);
		return false;
	}
	if (v < 0 || v > 10000000) {
		vk_problems_add(pr, f->name, "%s: %lld is out of range (0-10000000)", canon, v);
		return false;
	}
	json_t *old = json_object_get(counts, canon);
	json_object_set_new(counts, canon, json_integer(v + (old ? json_integer_value(old) : 0)));
	return true;
}

static bool add_counts_text(const struct vk_field *f, json_t *counts, const char *text,
			    struct vk_problems *pr)
{
	bool ok = true;
	char *copy = vk_strdup(text);
	char *save = NULL;

	for (char *item = strtok_r(copy, ";", &save); item; item = strtok_r(NULL, ";", &save)) {
		while (*item == ' ')
			item++;
		if (!*item)
			continue;
		char *eq = strchr(item, '=');
		if (!eq) {
			struct strbuf sb = STRBUF_INIT;
			strbuf_addquoted(&sb, item);
			vk_problems_add(pr, f->name, "%s is not GROUP=N", sb.buf);
			strbuf_release(&sb);
			ok = false;
			continue;
		}
		*eq = '\0';
		char *end = eq - 1;
		while (end >= item && *end == ' ')
			*end-- = '\0';
		char *num = eq + 1;
		while (*num == ' ')
			num++;
		for (end = num + strlen(num); end > num && end[-1] == ' ';)
			*--end = '\0';
		json_t *n = json_string(num);
		ok = add_count(f, counts, item, n, pr) && ok;
		json_decref(n);
	}
	free(copy);
	return ok;
}

static json_t *convert_counts(const struct vk_field *f, json_t *v, enum vk_value_source src,
			      struct vk_problems *pr)
{
	json_t *counts = json_object();
	bool ok = true;

	/* counts given as one text: vk_field_convert_text() */
	if (json_is_array(v) && src != VK_FROM_JSON) {
		size_t i;
		json_t *item;
		json_array_foreach(v, i, item)
			if (json_is_string(item))
				ok = add_counts_text(f, counts, json_string_value(item), pr) && ok;
	} else if (json_is_object(v)) {
		const char *key;
		json_t *n;
		json_object_foreach(v, key, n)
			ok = add_count(f, counts, key, n, pr) && ok;
	} else {
		vk_problems_add(pr, f->name, "must be %s", type_word(f));
		ok = false;
	}
	if (!ok) {
		json_decref(counts);
		return NULL;
	}
	return counts;
}

json_t *vk_field_convert_text(const struct vk_field *f, const char *s, size_t len,
			      enum vk_value_source src, struct vk_problems *pr)
{
	json_t *v;

	if (!len)
		return json_null();
	switch (f->type) {
	case VK_FIELD_ID:
	case VK_FIELD_REF:
	case VK_FIELD_INT:
		return number_from_text(f, s, pr);
	case VK_FIELD_ENUM_LIST:
	case VK_FIELD_TEXT_LIST:
	case VK_FIELD_REF_LIST:
		v = json_array();
		if (add_list_text(f, v, s, list_seps(f, src), pr))
			return v;
		break;
	case VK_FIELD_COUNTS:
		v = json_object();
		if (add_counts_text(f, v, s, pr))
			return v;
		break;
	case VK_FIELD_TEXT:
		if (!text_ok(f, s, len, pr))
			return NULL;
		return text_value(s, len);
	default:
		return convert_scalar_text(f, s, pr);
	}
	json_decref(v);
	return NULL;
}

/*
 * A JSON string for f. JSON as other tools write it (Miller and Python's
 * csv from a CSV, jq): a string is read as a CSV cell is, so that "" is
 * no value, "60" a number and "a;b" a list; a text is kept as it is.
 *
 * Unless raw, the ' that vk's CSV writes before a cell a spreadsheet
 * would run (+299 ..., - a note, =SUM) is removed, as the CSV reader
 * removes it: Miller keeps it in the JSON it makes of such a CSV. Only
 * before what the guard guards: JSON that vk writes keeps a text such as
 * 'citeret.
 */
static json_t *string_from_json(const struct vk_field *f, json_t *v, bool raw,
				struct vk_problems *pr)
{
	const char *s = json_string_value(v);
	size_t len = json_string_length(v);

	if (!raw && len > 1 && s[0] == '\'' && vk_writer_guards(s[1])) {
		s++;
		len--;
	}
	if (f->type != VK_FIELD_TEXT)
		return vk_field_convert_text(f, s, len, VK_FROM_TEXT, pr);
	if (!len)
		return json_null();
	if (!text_ok(f, s, len, pr))
		return NULL;
	return text_value(s, len);
}

/*
 * A JSON number for a text or a list of texts: an integer is its digits
 * (Miller writes a CSV cell of digits, a telephone number, as a number),
 * which JSON writes one way only; a real may have lost how it was written
 * (3.50 reads as 3.5), so it is refused rather than changed.
 */
static json_t *number_as_text(const struct vk_field *f, json_t *v, struct vk_problems *pr)
{
	char buf[32];

	if (json_is_integer(v)) {
		integer_text(v, buf);
		return vk_field_convert_text(f, buf, strlen(buf), VK_FROM_TEXT, pr);
	}
	real_text(json_real_value(v), buf);
	vk_problems_add(pr, f->name, "%s is a number, not text: give text as a JSON string "
			"(\"%s\"; Miller keeps every value a string with mlr -S)", buf, buf);
	return NULL;
}

json_t *vk_field_convert(const struct vk_field *f, json_t *v, enum vk_value_source src,
			 struct vk_problems *pr)
{
	bool raw = src == VK_FROM_JSON_RAW;

	/* raw or not, JSON is JSON below string_from_json() */
	if (raw)
		src = VK_FROM_JSON;
	if (!v || json_is_null(v))
		return json_null();
	if (json_is_string(v)) {
		size_t bad;
		if (!utf8_valid(json_string_value(v), json_string_length(v), &bad)) {
			vk_problems_add(pr, f->name, "invalid UTF-8 at byte %zu", bad);
			return NULL;
		}
		if (src != VK_FROM_JSON)
			return vk_field_convert_text(f, json_string_value(v), json_string_length(v),
						     src, pr);
		return string_from_json(f, v, raw, pr);
	}
	if (src == VK_FROM_JSON && json_is_number(v)) {
		if (f->type == VK_FIELD_TEXT || f->type == VK_FIELD_TEXT_LIST)
			return number_as_text(f, v, pr);
		if (f->type == VK_FIELD_REF_LIST) {
			/* one id, as Miller writes a CSV cell of one id */
			json_t *id = convert_id(f, v, pr), *list;
			if (!id)
				return NULL;
			list = json_array();
			json_array_append_new(list, id);
			return list;
		}
	}
	switch (f->type) {
	case VK_FIELD_ID:
	case VK_FIELD_REF:
		return convert_id(f, v, pr);
	case VK_FIELD_INT:
		return convert_int(f, v, pr);
	case VK_FIELD_ENUM_LIST:
	case VK_FIELD_TEXT_LIST:
	case VK_FIELD_REF_LIST:
		return convert_list(f, v, src, pr);
	case VK_FIELD_COUNTS:
		return convert_counts(f, v, src, pr);
	case VK_FIELD_TEXT:
		if (!json_is_string(v)) {
			vk_problems_add(pr, f->name, "must be %s", type_word(f));
			return NULL;
		}
		if (!text_ok(f, json_string_value(v), json_string_length(v), pr))
			return NULL;
		return text_value(json_string_value(v), json_string_length(v));
	default:
		if (!json_is_string(v)) {
			vk_problems_add(pr, f->name, "must be %s", type_word(f));
			return NULL;
		}
		return convert_scalar_text(f, json_string_value(v), pr);
	}
}

json_t *vk_record_convert(const struct vk_entity *e, json_t *in, enum vk_value_source src,
			  bool ignore_unknown, struct vk_problems *pr)
{
	json_t *out = vk_record_convert_own(e, in ? json_copy(in) : json_object(), src,
					    ignore_unknown, pr);

	json_object_del(out, "type");
	return out;
}

json_t *vk_record_convert_own(const struct vk_entity *e, json_t *in, enum vk_value_source src,
			      bool ignore_unknown, struct vk_problems *pr)
{
	char **drop = NULL;
	const char **unknown = NULL;	/* keys of in, valid until the drop */
	size_t ndrop = 0, nunknown = 0;

	for (void *it = json_object_iter(in); it; it = json_object_iter_next(in, it)) {
		const char *key = json_object_iter_key(it);
		const struct vk_field *f = vk_entity_field(e, key);
		json_t *v = json_object_iter_value(it);
		json_t *c = NULL;

		if (f) {
			c = vk_field_convert(f, v, src, pr);
		} else if (!strcmp(key, "type")) {
			if (!json_is_string(v) || strcmp(json_string_value(v), e->name))
				vk_problems_add(pr, "type", "this is not a %s record", e->name);
			continue;
		} else if (!ignore_unknown) {
			unknown = vk_realloc(unknown, (nunknown + 1) * sizeof(*unknown));
			unknown[nunknown++] = key;
		}
		if (c) {
			json_object_iter_set_new(in, it, c);
		} else {
			/* no such field, or a value it cannot take (a problem) */
			drop = vk_realloc(drop, (ndrop + 1) * sizeof(*drop));
			drop[ndrop++] = vk_strdup(key);
		}
	}
	/* a record of a thousand keys that are no field is one problem, not a thousand */
	vk_problems_add_unknown(pr, e, unknown, nunknown, "keys");
	free(unknown);
	for (size_t i = 0; i < ndrop; i++) {
		json_object_del(in, drop[i]);
		free(drop[i]);
	}
	free(drop);
	return in;
}

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

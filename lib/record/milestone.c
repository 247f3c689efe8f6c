/*
 * milestone.c: a milestone of the process timeline, its moves (a due
 * date that slips from its baseline) and its dependencies (record.h).
 */
#include <string.h>
#include "change.h"
#include "date.h"
#include "error.h"
#include "record.h"
#include "record/internal.h"
#include "utf8.h"

/* True when milestone `from` depends, directly or not, on milestone `target`. */
static bool reaches(struct vk_store *s, json_t *depends, long long target, json_t *seen)
{
	size_t i;
	json_t *d;

	json_array_foreach(depends, i, d) {
		long long id = json_integer_value(d);
		char key[32];

		if (id == target)
			return true;
		snprintf(key, sizeof(key), "%lld", id);
		if (json_object_get(seen, key))
			continue;
		json_object_set_new(seen, key, json_true());
		json_t *m = vk_store_get(s, &vk_entity_milestone, id);
		bool found = m && reaches(s, json_object_get(m, "depends"), target, seen);
		json_decref(m);
		if (found)
			return true;
	}
	return false;
}

/*
 * The milestone's check_store: refuses a cycle in depends, and warns
 * about a milestone due before one it depends on.
 */
static void check_store(struct vk_store *s, const struct vk_entity *e, json_t *record,
			struct vk_problems *pr)
{
	json_t *id = json_object_get(record, "id");
	json_t *depends = json_object_get(record, "depends");
	const char *due = json_string_value(json_object_get(record, "due"));
	size_t i;
	json_t *d;

	(void)e;
	if (json_is_integer(id)) {
		json_t *seen = json_object();
		if (reaches(s, depends, json_integer_value(id), seen))
			vk_problems_add(pr, "depends", "makes a cycle: milestone %lld would depend on "
					"itself", (long long)json_integer_value(id));
		json_decref(seen);
	}
	json_array_foreach(depends, i, d) {
		json_t *m = vk_store_get(s, &vk_entity_milestone, json_integer_value(d));
		const char *other = m ? json_string_value(json_object_get(m, "due")) : NULL;
		if (due && other && strcmp(due, other) < 0) {
			const char *title = json_string_value(json_object_get(record, "title"));
			struct strbuf q = STRBUF_INIT;
			utf8_addquoted(&q, title ? title : "");
			vk_warn("warning: %s is due %s, before milestone %lld (due %s) it "
				"depends on", q.buf, due, (long long)json_integer_value(d), other);
			strbuf_release(&q);
		}
		json_decref(m);
	}
	/* and the milestones that depend on this one, now due before it */
	if (json_is_integer(id) && due) {
		json_t *dep = json_integer_value(id) ? json_copy(id) : NULL;
		struct vk_filter f = { "depends", VK_OP_HAS, dep };
		struct vk_query q = { &vk_entity_milestone, &f, 1, NULL, false, 0 };
		struct vk_cursor *c = vk_store_query(s, &q);
		json_t *m;
		while ((m = vk_cursor_next(c))) {
			const char *other = json_string_value(json_object_get(m, "due"));
			if (other && strcmp(other, due) < 0) {
				const char *title = json_string_value(json_object_get(record, "title"));
				const char *its = json_string_value(json_object_get(m, "title"));
				struct strbuf q1 = STRBUF_INIT, q2 = STRBUF_INIT;
				utf8_addquoted(&q1, its ? its : "");
				utf8_addquoted(&q2, title ? title : "");
				vk_warn("warning: milestone %lld %s is due %s, before %s (due %s) "
					"that it depends on",
					(long long)json_integer_value(json_object_get(m, "id")), q1.buf,
					other, q2.buf, due);
				strbuf_release(&q1);
				strbuf_release(&q2);
			}
			json_decref(m);
		}
		vk_cursor_close(c);
		json_decref(dep);
	}
}

/* The milestone's show: adds "slip" (days) and "moves" [{at, user, from, to, reason}]. */
static void show(struct vk_store *s, json_t *record)
{
	const char *due = json_string_value(json_object_get(record, "due"));
	const char *baseline = json_string_value(json_object_get(record, "baseline"));
	struct vk_cursor *c;
	json_t *moves = json_array();
	json_t *ev;
	vk_date a, b;

	if (due && baseline && !vk_date_parse(due, VK_DATE_END, &a, NULL) &&
	    !vk_date_parse(baseline, VK_DATE_END, &b, NULL))
		json_object_set_new(record, "slip", json_integer(a - b));
	c = vk_store_events(s, "milestone", json_integer_value(json_object_get(record, "id")));
	while ((ev = vk_cursor_next(c))) {
		json_t *before = json_object_get(ev, "before");
		json_t *after = json_object_get(ev, "after");
		if (!strcmp(json_string_value(json_object_get(ev, "action")), "move"))
			json_array_append_new(moves, json_pack("{sOsOsOsOsO}",
				"at", json_object_get(ev, "at"), "user", json_object_get(ev, "user"),
				"from", json_object_get(before, "due"), "to", json_object_get(after, "due"),
				"reason", json_object_get(after, "reason") ? json_object_get(after, "reason")
									  : json_null()));
		json_decref(ev);
	}
	vk_cursor_close(c);
	json_object_set_new(record, "moves", moves);
}

/* A milestone's end_time only with a time, and after it (both HH:MM: they compare as text). */
static void check_hours(json_t *r, struct vk_problems *pr)
{
	const char *time = json_string_value(json_object_get(r, "time"));
	const char *end = json_string_value(json_object_get(r, "end_time"));

	if (end && !time)
		vk_problems_add(pr, "end_time", "%s without a time: give the hour it starts (--time)",
				end);
	else if (end && strcmp(end, time) <= 0)
		vk_problems_add(pr, "end_time", "%s is not after the time it starts (%s)", end, time);
}

/* A milestone's window, its hours, and a done date exactly when it is done. */
static void check_milestone(const struct vk_entity *e, json_t *r, struct vk_problems *pr)
{
	const char *status = json_string_value(json_object_get(r, "status"));
	json_t *done = json_object_get(r, "done");

	(void)e;
	record_check_window(r, "due", pr);
	check_hours(r, pr);
	if (status && !strcmp(status, "done") && json_is_null(done))
		vk_problems_add(pr, "done", "a milestone that is done needs its done date");
	else if (status && strcmp(status, "done") && done && !json_is_null(done))
		vk_problems_add(pr, "done", "has a date, but the status is %s", status);
}

static const struct vk_field milestone_fields[] = {
	{ .name = "id", .type = VK_FIELD_ID, .flags = VK_READONLY },
	{ .name = "title", .type = VK_FIELD_TEXT, .flags = VK_REQUIRED | VK_TITLE, .argname = "TITLE",
	  .help = "what happens" },
	{ .name = "kind", .type = VK_FIELD_ENUM, .vocab = &vk_vocab_milestone_kind, .argname = "KIND",
	  },
	{ .name = "start", .type = VK_FIELD_DATE, .side = VK_DATE_START, .argname = "DATE",
	  .help = "first day of its window" },
	{ .name = "due", .type = VK_FIELD_DATE, .side = VK_DATE_END, .flags = VK_REQUIRED | VK_NOT_SET,
	  .argname = "DATE", .help = "the day it is due (last day of its window; move changes it)" },
	{ .name = "baseline", .type = VK_FIELD_DATE, .flags = VK_READONLY, .side = VK_DATE_END,
	  .initial_from = "due" },
	{ .name = "status", .type = VK_FIELD_ENUM, .vocab = &vk_vocab_milestone_status,
	  .flags = VK_REQUIRED, .initial = "planned", .argname = "STATUS" },
	{ .name = "done", .type = VK_FIELD_DATE, .flags = VK_NOT_SET, .argname = "DATE",
	  .help = "the day it was done (the done verb sets it)" },
	{ .name = "owner", .type = VK_FIELD_REF, .ref = "stakeholder", .argname = "ID",
	  .help = "who is responsible (a stakeholder id)" },
	{ .name = "place", .type = VK_FIELD_TEXT, .argname = "PLACE", .help = "where" },
	{ .name = "deliverables", .type = VK_FIELD_TEXT, .argname = "TEXT", .help = "what it delivers" },
	{ .name = "depends", .type = VK_FIELD_REF_LIST, .ref = "milestone", .alias = "depend", .argname = "ID",
	  .help = "milestones it depends on (repeat or ID,ID)" },
	{ .name = "notes", .type = VK_FIELD_TEXT, .argname = "TEXT", .help = "notes" },
	{ .name = "time", .type = VK_FIELD_TIME, .argname = "HH:MM",
	  .help = "the hour it starts, local time (a meeting; without it, all day)" },
	{ .name = "end_time", .type = VK_FIELD_TIME, .option = "end-time", .argname = "HH:MM",
	  .help = "the hour it ends, after time (default: an hour after time)" },
};

static const char *const milestone_brief[] = {
	"id", "title", "kind", "start", "due", "status", "done", NULL
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

const struct vk_entity vk_entity_milestone = {
	.name = "milestone", .plural = "milestones",
	.fields = milestone_fields, .nfields = ARRAY_SIZE(milestone_fields),
	.check = check_milestone, .brief = milestone_brief, .filters = milestone_filters,
	.check_store = check_store, .show = show,
};

/* Applies changes to milestone id as `action`, with note in the history. */
static enum vk_milestone_result change(struct vk_store *s, long long id, json_t *changes,
				       const char *action, json_t *note, struct strbuf *err)
{
	json_t *old = vk_store_get(s, &vk_entity_milestone, id);
	struct vk_problems pr = VK_PROBLEMS_INIT;
	enum vk_milestone_result rc;

	if (!old)
		return VK_MILESTONE_NONE;
	int changed = vk_change_update_as(s, &vk_entity_milestone, old, changes, action, note, &pr);
	if (changed < 0) {
		for (size_t i = 0; i < pr.count; i++) {
			if (i)
				strbuf_addstr(err, "; ");
			vk_problem_format(&pr, i, err);
		}
		rc = VK_MILESTONE_REFUSED;
	} else {
		rc = changed ? VK_MILESTONE_CHANGED : VK_MILESTONE_SAME;
	}
	vk_problems_clear(&pr);
	json_decref(old);
	return rc;
}

enum vk_milestone_result vk_milestone_move(struct vk_store *s, long long id, const char *date,
					   const char *reason, bool force, struct strbuf *err)
{
	json_t *old = vk_store_get(s, &vk_entity_milestone, id);
	const char *status = old ? json_string_value(json_object_get(old, "status")) : NULL;
	const char *due = old ? json_string_value(json_object_get(old, "due")) : NULL;
	bool closed = status && strcmp(status, "planned");
	vk_date base = VK_DATE_FROM_TODAY, day;
	char today[VK_DATE_SIZE], new_due[VK_DATE_SIZE];

	if (!old)
		return VK_MILESTONE_NONE;
	if (closed && !force) {
		strbuf_addf(err, "milestone %lld is %s: a done or cancelled milestone is moved only "
			    "with --force", id, status);
		json_decref(old);
		return VK_MILESTONE_REFUSED;
	}
	/* +1w is a week after the due date it has (SPEC) */
	if (due)
		vk_date_parse(due, VK_DATE_END, &base, NULL);
	json_decref(old);
	struct strbuf why = STRBUF_INIT;
	if (vk_date_parse_from(date, VK_DATE_END, base, &day, &why)) {
		strbuf_addf(err, "DATE: %s", why.buf);
		strbuf_release(&why);
		return VK_MILESTONE_REFUSED;
	}
	strbuf_release(&why);
	json_t *changes = json_pack("{ss}", "due", vk_date_format(day, new_due));
	/* the day it moved, as a trial's move keeps it: reports read it */
	json_t *note = json_pack("{ssss}", "reason", reason, "date", vk_date_format(vk_today(), today));
	if (closed)
		json_object_set_new(note, "forced", json_true());
	enum vk_milestone_result rc = change(s, id, changes, "move", note, err);

	json_decref(changes);
	json_decref(note);
	return rc;
}

enum vk_milestone_result vk_milestone_done(struct vk_store *s, long long id, const char *date,
					   struct strbuf *err)
{
	json_t *old = vk_store_get(s, &vk_entity_milestone, id);
	const char *status = old ? json_string_value(json_object_get(old, "status")) : NULL;
	bool found = old != NULL, done_already = status && !strcmp(status, "done") && !date;
	char today[VK_DATE_SIZE];

	json_decref(old);
	if (!found)
		return VK_MILESTONE_NONE;
	if (done_already)
		return VK_MILESTONE_SAME;
	vk_date_format(vk_today(), today);
	if (!date)
		date = today;
	else if (strcmp(date, today) > 0) {
		strbuf_addf(err, "--date: %s is after today (%s): a milestone is done on a day that "
			    "has come", date, today);
		return VK_MILESTONE_REFUSED;
	}
	json_t *changes = json_pack("{ssss}", "status", "done", "done", date);
	enum vk_milestone_result rc = change(s, id, changes, "done", NULL, err);

	json_decref(changes);
	return rc;
}

long vk_milestone_sequence(struct vk_store *s, long long id)
{
	long changes = vk_store_count_events(s, vk_entity_milestone.name, id) - 1;

	return changes > 0 ? changes : 0;
}

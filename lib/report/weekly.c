/*
 * weekly.c: the weekly status, for ISO week `week` (from Monday to Sunday):
 *
 *   { "type": "weekly", "title", "week": "2020-W26", "from", "to",
 *     "today": the day "late" is counted from (today when it falls in the
 *              week, else the week's Sunday),
 *     "ahead": N, "gap": N,
 *     "attention": [ { "kind": "overdue milestone" | "late trial" |
 *                      "waiting proposal" | "moved milestone" |
 *                      "group not reached" | "town not reached",
 *                      "text": one line for a person,
 *                      "days": how late (or weeks not reached, as "weeks"),
 *                      "record": the milestone or trial, when there is one } ],
 *     "milestones": { "done": [milestone...], "due": [milestone...],
 *                     "overdue": [milestone...],
 *                     "moved": [ { "milestone": {...}, "from", "to",
 *                                  "slip": days, "reason", "date" } ] },
 *     "trials": { "by_status": { status: n, ... } (every status),
 *                 "moves": [ { "trial": {...}, "from", "to", "date", "reason" } ],
 *                 "late": [trial...], "waiting": [trial...],
 *                 "learnings": [learning...] },
 *     "engagement": { "activities": [engagement...],
 *                     "reached": [ { "group", "town", "named", "headcount", "total" } ],
 *                     "total": { "named", "headcount", "total" },
 *                     "unknown": participants without a stakeholder record,
 *                     "gaps": { "groups": [ { "group", "last" } ],
 *                               "towns": [ { "town", "last" } ] } or null,
 *                     "not_judged": why gaps is null (only then) },
 *     "measurements": [measurement..., each with "goal_title" and "unit"]
 *                     (dated in the week; only when the store holds goals) }
 *
 * When the store holds goals, attention also names each goal whose
 * target date is before today (as above) and that has not reached its
 * target by then ("goal past its target", with the goal as "record" and
 * its "status"), after the milestones and before the trials: with what
 * is late.
 *
 *
 * Named participants whose stakeholder record the store does not hold (a
 * partial stream) are counted in "reached" under group and town
 * VK_REPORT_UNKNOWN. Over a stream (params.stream) without stakeholders
 * or without engagements, who was not reached cannot be judged: gaps is
 * null, "not_judged" says why, and attention has no gap lines.
 */
#include <stdarg.h>
#include <string.h>
#include "report-internal.h"

/* Days from one YYYY-MM-DD to the other (0 when either is missing or no date). */
static long days_between(const char *from, const char *to)
{
	vk_date a, b;

	if (!from || !to || vk_date_parse(from, VK_DATE_START, &a, NULL) ||
	    vk_date_parse(to, VK_DATE_START, &b, NULL))
		return 0;
	return b - a;
}

/*
 * Appends to list a line of what needs attention: {kind, text (fmt...),
 * days (when not negative), record (when not NULL; a new reference)}.
 */
static void attention(json_t *list, const char *kind, json_t *record, long days,
		      const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void attention(json_t *list, const char *kind, json_t *record, long days,
		      const char *fmt, ...)
{
	struct strbuf text = STRBUF_INIT;
	va_list ap;
	json_t *item;

	va_start(ap, fmt);
	strbuf_vaddf(&text, fmt, ap);
	va_end(ap);
	item = json_pack("{s:s,s:s}", "kind", kind, "text", text.buf);
	if (days >= 0)
		json_object_set_new(item, "days", json_integer(days));
	if (record)
		json_object_set(item, "record", record);
	json_array_append_new(list, item);
	strbuf_release(&text);
}

/*
 * The moves of entity in [from, to] from the history (their "date", the
 * day they moved), each as {key: record, from, to, date, reason}.
 */
static json_t *moves_in(struct vk_store *s, const struct vk_entity *e, const char *field,
			const char *from, const char *to)
{
	struct vk_cursor *c = vk_store_events_of(s, e->name, "move");
	json_t *out = json_array();
	json_t *ev;

	while ((ev = vk_cursor_next(c))) {
		json_t *before = json_object_get(ev, "before");
		json_t *after = json_object_get(ev, "after");
		const char *date = report_str(after, "date");
		if (!date)
			date = report_str(ev, "at");	/* older moves: the time they were made */
		json_t *r = NULL;
		/* a move of a record the store does not hold (a partial stream) says nothing */
		if (date && strncmp(date, from, 10) >= 0 && strncmp(date, to, 10) <= 0 &&
		    (r = vk_store_get(s, e, json_integer_value(json_object_get(ev, "entity_id"))))) {
			json_t *move = json_pack("{s:o,s:O,s:O,s:s%,s:O}", e->name, r,
				"from", json_object_get(before, field) ? json_object_get(before, field) : json_null(),
				"to", json_object_get(after, field) ? json_object_get(after, field) : json_null(),
				"date", date, (size_t)10,
				"reason", json_object_get(after, "reason") ? json_object_get(after, "reason") : json_null());
			json_array_append_new(out, move);
		}
		json_decref(ev);
	}
	vk_cursor_close(c);
	return out;
}

/*
 * The week's milestones: done in [from, to], due from today to ahead_to,
 * overdue, and moved in the week; overdue and moved ones also go to att.
 */
static json_t *weekly_milestones(struct vk_store *s, const char *from, const char *to,
				 const char *today, const char *ahead_to, json_t *att)
{
	json_t *planned = json_string("planned"), *done = json_string("done");
	json_t *jfrom = json_string(from), *jto = json_string(to), *jtoday = json_string(today);
	json_t *jahead = json_string(ahead_to);
	struct vk_filter f_done[] = {
		{ "status", VK_OP_EQ, done }, { "done", VK_OP_GE, jfrom }, { "done", VK_OP_LE, jto }
	};
	struct vk_filter f_due[] = {
		{ "status", VK_OP_EQ, planned }, { "due", VK_OP_GE, jtoday }, { "due", VK_OP_LE, jahead }
	};
	struct vk_filter f_over[] = {
		{ "status", VK_OP_EQ, planned }, { "due", VK_OP_LT, jtoday }
	};
	json_t *m = json_object();
	json_t *overdue = report_records(s, &vk_entity_milestone, f_over, 2, "due");
	json_t *moved = moves_in(s, &vk_entity_milestone, "due", from, to);
	size_t i;
	json_t *r;

	json_object_set_new(m, "done", report_records(s, &vk_entity_milestone, f_done, 3, "done"));
	json_object_set_new(m, "due", report_records(s, &vk_entity_milestone, f_due, 3, "due"));
	json_array_foreach(overdue, i, r) {
		long days = days_between(report_str(r, "due"), today);
		attention(att, "overdue milestone", r, days, "Milestone %lld \"%s\" was due %s: %ld day%s late",
			  (long long)json_integer_value(json_object_get(r, "id")), report_str(r, "title"),
			  report_str(r, "due"), days, days == 1 ? "" : "s");
	}
	/* each move's slip is the one it made: its new due date less the baseline */
	json_array_foreach(moved, i, r) {
		json_t *ms = json_object_get(r, "milestone");
		json_object_set_new(r, "slip", json_integer(days_between(report_str(ms, "baseline"), report_str(r, "to"))));
	}
	/* attention names a milestone once, with its latest move (moves come oldest first) */
	json_array_foreach(moved, i, r) {
		json_t *ms = json_object_get(r, "milestone");
		json_t *id = json_object_get(ms, "id");
		bool later = false;
		for (size_t k = i + 1; k < json_array_size(moved) && !later; k++)
			later = json_equal(json_object_get(json_object_get(json_array_get(moved, k), "milestone"),
							   "id"), id);
		if (later)
			continue;
		long slip = (long)json_integer_value(json_object_get(r, "slip"));
		attention(att, "moved milestone", ms, slip, "Milestone %lld \"%s\" moved from %s to %s "
			  "(%+ld days from its baseline)%s%s", (long long)json_integer_value(id),
			  report_str(ms, "title"), report_str(r, "from"), report_str(r, "to"), slip,
			  report_str(r, "reason") ? ": " : "", report_str(r, "reason") ? report_str(r, "reason") : "");
	}
	json_object_set_new(m, "overdue", overdue);
	json_object_set_new(m, "moved", moved);
	json_decref(planned);
	json_decref(done);
	json_decref(jfrom);
	json_decref(jto);
	json_decref(jtoday);
	json_decref(jahead);
	return m;
}

/*
 * The week's trials: counts by status, moves and learnings in [from, to],
 * late ones and waiting proposals (also lines of att).
 */
static json_t *weekly_trials(struct vk_store *s, const char *from, const char *to,
			     const char *today, json_t *att)
{
	static const char *const finished[] = { "done", "evaluated", "rejected", "stopped" };
	json_t *fin = json_array();
	json_t *jfrom = json_string(from), *jto = json_string(to), *jtoday = json_string(today);
	json_t *proposed = json_string("proposed");
	struct vk_filter f_late[] = { { "end", VK_OP_LT, jtoday }, { "status", VK_OP_NOT_IN, fin } };
	struct vk_filter f_wait[] = { { "status", VK_OP_EQ, proposed } };
	struct vk_filter f_learn[] = { { "date", VK_OP_GE, jfrom }, { "date", VK_OP_LE, jto } };
	json_t *t = json_object();
	json_t *late, *waiting;
	size_t i;
	json_t *r;

	for (i = 0; i < 4; i++)
		json_array_append_new(fin, json_string(finished[i]));
	late = report_records(s, &vk_entity_trial, f_late, 2, "end");
	waiting = report_records(s, &vk_entity_trial, f_wait, 1, "start");
	json_object_set_new(t, "by_status", report_status_counts(s));
	json_object_set_new(t, "moves", moves_in(s, &vk_entity_trial, "status", from, to));
	json_array_foreach(late, i, r) {
		long days = days_between(report_str(r, "end"), today);
		attention(att, "late trial", r, days, "Trial %lld \"%s\" should have ended %s and is still "
			  "%s: %ld day%s past its end",
			  (long long)json_integer_value(json_object_get(r, "id")), report_str(r, "title"),
			  report_str(r, "end"), report_str(r, "status"), days, days == 1 ? "" : "s");
	}
	json_array_foreach(waiting, i, r)
		attention(att, "waiting proposal", r, -1, "Trial %lld \"%s\" is proposed and waits for a "
			  "decision", (long long)json_integer_value(json_object_get(r, "id")), report_str(r, "title"));
	json_object_set_new(t, "late", late);
	json_object_set_new(t, "waiting", waiting);
	json_object_set_new(t, "learnings", report_records(s, &vk_entity_learning, f_learn, 2, "date"));
	json_decref(fin);
	json_decref(jfrom);
	json_decref(jto);
	json_decref(jtoday);
	json_decref(proposed);
	return t;
}

/*
 * Adds "WHAT NAME not reached since DATE (N weeks)" to att, with "weeks"
 * (whole weeks from the last contact to the week's Sunday), or "never
 * reached" without it.
 */
static void gap_attention(json_t *att, const char *kind, const char *what, const char *name,
			  const char *when, vk_date sunday)
{
	vk_date last;

	if (!when || vk_date_parse(when, VK_DATE_START, &last, NULL)) {
		attention(att, kind, NULL, -1, "%s %s never reached", what, name);
		return;
	}
	long weeks = (sunday - last) / 7;
	attention(att, kind, NULL, -1, "%s %s not reached since %s (%ld weeks)", what, name, when,
		  weeks);
	json_object_set_new(json_array_get(att, json_array_size(att) - 1), "weeks", json_integer(weeks));
}

/*
 * The groups and towns not reached in the `gap` weeks up to the week's
 * Sunday (to, to_day): {groups: [{group, last}], towns: [{town, last}]},
 * each also a line of att.
 */
static json_t *weekly_gaps(struct vk_store *s, const char *to, vk_date to_day, int gap, json_t *att)
{
	json_t *towns = vk_store_towns(s);
	json_t *gap_groups = json_array(), *gap_towns = json_array();
	char since[VK_DATE_SIZE], day[VK_DATE_SIZE];
	size_t i;
	json_t *t;

	vk_date_format(to_day - 7L * gap + 1, since);
	json_t *last = vk_store_reach_last(s, since, to);
	for (i = 0; i < vk_vocab_group.count; i++) {
		const char *grp = vk_vocab_group.values[i];
		if (json_object_get(json_object_get(last, "groups"), grp))
			continue;
		const char *when = vk_store_group_last_reached(s, grp, since, day);
		json_array_append_new(gap_groups, json_pack("{s:s,s:o}", "group", grp,
							    "last", when ? json_string(when) : json_null()));
		gap_attention(att, "group not reached", "Group", grp, when, to_day);
	}
	json_array_foreach(towns, i, t) {
		const char *town = json_string_value(t);
		if (json_object_get(json_object_get(last, "towns"), town))
			continue;
		const char *when = vk_store_town_last_reached(s, town, since, day);
		json_array_append_new(gap_towns, json_pack("{s:s,s:o}", "town", town,
							   "last", when ? json_string(when) : json_null()));
		gap_attention(att, "town not reached", "Town", town, when, to_day);
	}
	json_decref(last);
	json_decref(towns);
	return json_pack("{s:o,s:o}", "groups", gap_groups, "towns", gap_towns);
}

/*
 * Why a stream cannot tell who was not reached (NULL: it can): without
 * stakeholders nobody named belongs to a group or town, and without
 * engagements nobody was reached at all.
 */
static const char *not_judged(struct vk_store *s)
{
	struct vk_query people = { &vk_entity_stakeholder, NULL, 0, NULL, false, 1 };
	struct vk_query met = { &vk_entity_engagement, NULL, 0, NULL, false, 1 };
	bool no_people = !vk_store_count(s, &people), no_engagements = !vk_store_count(s, &met);

	if (no_people && no_engagements)
		return "the stream holds no stakeholders and no engagements";
	if (no_people)
		return "the stream holds no stakeholders";
	return no_engagements ? "the stream holds no engagements" : NULL;
}

/*
 * The week's engagement: activities and people reached in [from, to], and
 * the gaps of the `gap` weeks up to to_day (not judged over a stream that
 * cannot tell).
 */
static json_t *weekly_engagement(struct vk_store *s, const char *from, const char *to,
				 vk_date to_day, int gap, bool stream, json_t *att)
{
	json_t *jfrom = json_string(from), *jto = json_string(to);
	struct vk_filter f_week[] = { { "date", VK_OP_GE, jfrom }, { "date", VK_OP_LE, jto } };
	json_t *g = json_object();
	json_t *reached = vk_store_reach(s, from, to);
	const char *why = stream ? not_judged(s) : NULL;

	json_object_set_new(g, "activities", report_records(s, &vk_entity_engagement, f_week, 2, "date"));
	json_object_set_new(g, "total", report_reach_total(reached));
	json_object_set_new(g, "unknown", json_integer(report_reach_unknown(reached)));
	json_object_set_new(g, "reached", reached);
	if (why) {
		json_object_set_new(g, "gaps", json_null());
		json_object_set_new(g, "not_judged", json_string(why));
	} else {
		json_object_set_new(g, "gaps", weekly_gaps(s, to, to_day, gap, att));
	}
	json_decref(jfrom);
	json_decref(jto);
	return g;
}

/*
 * The measurements dated in [from, to], each with its goal's title and
 * unit, and a line of att for each goal whose target_date is before
 * today and that has not reached its target by today.
 */
static json_t *weekly_goals(struct vk_store *s, const char *from, const char *to,
			    const char *today, vk_date today_d, json_t *att)
{
	json_t *jfrom = json_string(from), *jto = json_string(to), *jtoday = json_string(today);
	struct vk_filter f_week[] = { { "date", VK_OP_GE, jfrom }, { "date", VK_OP_LE, jto } };
	struct vk_filter f_past[] = { { "target_date", VK_OP_LT, jtoday } };
	json_t *week = report_records(s, &vk_entity_measurement, f_week, 2, "date");
	json_t *past = report_records(s, &vk_entity_goal, f_past, 1, "target_date");
	size_t i;
	json_t *m, *g;

	json_array_foreach(week, i, m) {
		json_t *goal = vk_store_get(s, &vk_entity_goal, json_integer_value(json_object_get(m, "goal")));
		json_object_set(m, "goal_title", goal && json_object_get(goal, "title")
				? json_object_get(goal, "title") : json_null());
		json_object_set(m, "unit", goal && json_object_get(goal, "unit")
				? json_object_get(goal, "unit") : json_null());
		json_decref(goal);
	}
	json_array_foreach(past, i, g) {
		struct vk_filter f_m[] = { { "goal", VK_OP_EQ, json_object_get(g, "id") },
					   { "date", VK_OP_LE, jtoday } };
		json_t *ms = report_records(s, &vk_entity_measurement, f_m, 2, "date");
		struct vk_goal_progress gp;
		vk_goal_progress(g, ms, today_d, &gp);
		json_decref(ms);
		if (gp.status == VK_GOAL_REACHED)
			continue;
		long days = days_between(report_str(g, "target_date"), today);
		attention(att, "goal past its target", g, days, "Goal %lld \"%s\" was to be reached by %s and "
			  "is %s: %ld day%s past its target date",
			  (long long)json_integer_value(json_object_get(g, "id")), report_str(g, "title"),
			  report_str(g, "target_date"), vk_goal_status_name(gp.status), days, days == 1 ? "" : "s");
		json_object_set_new(json_array_get(att, json_array_size(att) - 1), "status",
				    json_string(vk_goal_status_name(gp.status)));
	}
	json_decref(past);
	json_decref(jfrom);
	json_decref(jto);
	json_decref(jtoday);
	return week;
}

/* The weekly status of the week of p->monday, in a read snapshot of s. */
json_t *report_weekly(struct vk_store *s, const struct vk_report_params *p)
{
	vk_date sunday = p->monday + 6;
	vk_date ref = p->today >= p->monday && p->today <= sunday ? p->today : sunday;
	char from[VK_DATE_SIZE], to[VK_DATE_SIZE], today[VK_DATE_SIZE], ahead_to[VK_DATE_SIZE], week[16];
	int iso_year, iso_week;
	json_t *att = json_array();
	json_t *r;

	vk_date_format(p->monday, from);
	vk_date_format(sunday, to);
	vk_date_format(ref, today);
	vk_date_format(sunday + 7L * p->ahead, ahead_to);
	vk_date_isoweek(p->monday, &iso_year, &iso_week);
	snprintf(week, sizeof(week), "%04d-W%02d", iso_year, iso_week);
	vk_store_begin_read(s);
	r = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:i,s:i}", "type", "weekly",
		      "title", p->title ? p->title : "Weekly status", "week", week, "from", from,
		      "to", to, "today", today, "ahead", p->ahead, "gap", p->gap);
	/* attention first: each section adds what needs a decision */
	json_object_set_new(r, "attention", att);
	json_object_set_new(r, "milestones", weekly_milestones(s, from, to, today, ahead_to, att));
	/* goals past their target are late, as the milestones and trials above and below */
	struct vk_query goals = { &vk_entity_goal, NULL, 0, NULL, false, 1 };
	json_t *measured = vk_store_count(s, &goals) ? weekly_goals(s, from, to, today, ref, att) : NULL;
	json_object_set_new(r, "trials", weekly_trials(s, from, to, today, att));
	json_object_set_new(r, "engagement", weekly_engagement(s, from, to, sunday, p->gap, p->stream,
									     att));
	if (measured)
		json_object_set_new(r, "measurements", measured);
	vk_store_end_read(s);
	return r;
}


/* report.c: see report.h */
#include <stdlib.h>
#include <string.h>
#include "error.h"
#include "reader.h"
#include "reader_thread.h"
#include "record.h"
#include "report.h"
#include "schema.h"
#include "strbuf.h"
#include "utf8.h"

/* ---- helpers ---- */

/* The records of a query as an array. */
static json_t *records(struct vk_store *s, const struct vk_entity *e, const struct vk_filter *f,
		       size_t nf, const char *sort)
{
	struct vk_query q = { e, f, nf, sort, false, 0 };
	struct vk_cursor *c = vk_store_query(s, &q);
	json_t *out = json_array();
	json_t *r;

	while ((r = vk_cursor_next(c)))
		json_array_append_new(out, r);
	vk_cursor_close(c);
	return out;
}

static long days_between(const char *from, const char *to)
{
	vk_date a, b;

	if (!from || !to || vk_date_parse(from, VK_DATE_START, &a, NULL) ||
	    vk_date_parse(to, VK_DATE_START, &b, NULL))
		return 0;
	return b - a;
}

static const char *str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

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
		const char *date = str(after, "date");
		if (!date)
			date = str(ev, "at");	/* older moves: the time they were made */
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

/* ---- weekly ---- */

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
	json_t *overdue = records(s, &vk_entity_milestone, f_over, 2, "due");
	json_t *moved = moves_in(s, &vk_entity_milestone, "due", from, to);
	size_t i;
	json_t *r;

	json_object_set_new(m, "done", records(s, &vk_entity_milestone, f_done, 3, "done"));
	json_object_set_new(m, "due", records(s, &vk_entity_milestone, f_due, 3, "due"));
	json_array_foreach(overdue, i, r) {
		long days = days_between(str(r, "due"), today);
		attention(att, "overdue milestone", r, days, "Milestone %lld \"%s\" was due %s: %ld day%s late",
			  (long long)json_integer_value(json_object_get(r, "id")), str(r, "title"),
			  str(r, "due"), days, days == 1 ? "" : "s");
	}
	/* each move's slip is the one it made: its new due date less the baseline */
	json_array_foreach(moved, i, r) {
		json_t *ms = json_object_get(r, "milestone");
		json_object_set_new(r, "slip", json_integer(days_between(str(ms, "baseline"), str(r, "to"))));
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
			  str(ms, "title"), str(r, "from"), str(r, "to"), slip,
			  str(r, "reason") ? ": " : "", str(r, "reason") ? str(r, "reason") : "");
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

static json_t *status_counts(struct vk_store *s)
{
	static const char *const fields[] = { "status" };
	json_t *by = json_object();
	json_t *rows = vk_store_group_count(s, &vk_entity_trial, fields, 1);
	size_t i;
	json_t *row;

	for (i = 0; i < vk_vocab_trial_status.count; i++)
		json_object_set_new(by, vk_vocab_trial_status.values[i], json_integer(0));
	json_array_foreach(rows, i, row)
		if (str(row, "status"))
			json_object_set(by, str(row, "status"), json_object_get(row, "count"));
	json_decref(rows);
	return by;
}

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
	late = records(s, &vk_entity_trial, f_late, 2, "end");
	waiting = records(s, &vk_entity_trial, f_wait, 1, "start");
	json_object_set_new(t, "by_status", status_counts(s));
	json_object_set_new(t, "moves", moves_in(s, &vk_entity_trial, "status", from, to));
	json_array_foreach(late, i, r) {
		long days = days_between(str(r, "end"), today);
		attention(att, "late trial", r, days, "Trial %lld \"%s\" should have ended %s and is still "
			  "%s: %ld day%s past its end",
			  (long long)json_integer_value(json_object_get(r, "id")), str(r, "title"),
			  str(r, "end"), str(r, "status"), days, days == 1 ? "" : "s");
	}
	json_array_foreach(waiting, i, r)
		attention(att, "waiting proposal", r, -1, "Trial %lld \"%s\" is proposed and waits for a "
			  "decision", (long long)json_integer_value(json_object_get(r, "id")), str(r, "title"));
	json_object_set_new(t, "late", late);
	json_object_set_new(t, "waiting", waiting);
	json_object_set_new(t, "learnings", records(s, &vk_entity_learning, f_learn, 2, "date"));
	json_decref(fin);
	json_decref(jfrom);
	json_decref(jto);
	json_decref(jtoday);
	json_decref(proposed);
	return t;
}

static json_t *reach_total(json_t *rows)
{
	long long named = 0, head = 0;
	size_t i;
	json_t *r;

	json_array_foreach(rows, i, r) {
		named += json_integer_value(json_object_get(r, "named"));
		head += json_integer_value(json_object_get(r, "headcount"));
	}
	return json_pack("{s:I,s:I,s:I}", "named", (json_int_t)named, "headcount", (json_int_t)head,
			 "total", (json_int_t)(named + head));
}

/* The participants of rows (vk_store_reach()) who have no stakeholder record. */
static json_int_t reach_unknown(json_t *rows)
{
	size_t i;
	json_t *r;

	json_array_foreach(rows, i, r)
		if (str(r, "group") && !strcmp(str(r, "group"), VK_REPORT_UNKNOWN))
			return json_integer_value(json_object_get(r, "named"));
	return 0;
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
	char since[11], day[11];
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

static json_t *weekly_engagement(struct vk_store *s, const char *from, const char *to,
				 vk_date to_day, int gap, bool stream, json_t *att)
{
	json_t *jfrom = json_string(from), *jto = json_string(to);
	struct vk_filter f_week[] = { { "date", VK_OP_GE, jfrom }, { "date", VK_OP_LE, jto } };
	json_t *g = json_object();
	json_t *reached = vk_store_reach(s, from, to);
	const char *why = stream ? not_judged(s) : NULL;

	json_object_set_new(g, "activities", records(s, &vk_entity_engagement, f_week, 2, "date"));
	json_object_set_new(g, "total", reach_total(reached));
	json_object_set_new(g, "unknown", json_integer(reach_unknown(reached)));
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

json_t *vk_report_weekly(struct vk_store *s, const struct vk_weekly_options *o)
{
	vk_date sunday = o->monday + 6;
	vk_date ref = o->today >= o->monday && o->today <= sunday ? o->today : sunday;
	char from[11], to[11], today[11], ahead_to[11], week[16];
	int iso_year, iso_week;
	json_t *att = json_array();
	json_t *r;

	vk_date_format(o->monday, from);
	vk_date_format(sunday, to);
	vk_date_format(ref, today);
	vk_date_format(sunday + 7L * o->ahead, ahead_to);
	vk_date_isoweek(o->monday, &iso_year, &iso_week);
	snprintf(week, sizeof(week), "%04d-W%02d", iso_year, iso_week);
	vk_store_begin_read(s);
	r = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:i,s:i}", "type", "weekly",
		      "title", o->title ? o->title : "Weekly status", "week", week, "from", from,
		      "to", to, "today", today, "ahead", o->ahead, "gap", o->gap);
	/* attention first: each section adds what needs a decision */
	json_object_set_new(r, "attention", att);
	json_object_set_new(r, "milestones", weekly_milestones(s, from, to, today, ahead_to, att));
	json_object_set_new(r, "trials", weekly_trials(s, from, to, today, att));
	json_object_set_new(r, "engagement", weekly_engagement(s, from, to, sunday, o->gap, o->stream,
									     att));
	vk_store_end_read(s);
	return r;
}

/* ---- coverage ---- */

json_t *vk_report_coverage(struct vk_store *s, const char *since, const char *until)
{
	json_t *r, *rows, *groups = json_array();

	vk_store_begin_read(s);
	rows = vk_store_reach(s, since, until);
	json_int_t unknown = reach_unknown(rows);
	json_t *towns = vk_store_towns(s);
	for (size_t i = 0; i < vk_vocab_group.count; i++)
		json_array_append_new(groups, json_string(vk_vocab_group.values[i]));
	/* the heat map's axes end with the participants without a record */
	if (unknown) {
		json_array_append_new(groups, json_string(VK_REPORT_UNKNOWN));
		bool listed = false;
		for (size_t i = 0; i < json_array_size(towns) && !listed; i++)
			listed = !strcmp(json_string_value(json_array_get(towns, i)), VK_REPORT_UNKNOWN);
		if (!listed)	/* a town may be called so */
			json_array_append_new(towns, json_string(VK_REPORT_UNKNOWN));
	}
	r = json_pack("{s:s,s:o,s:o,s:o,s:o,s:o,s:I}", "type", "coverage",
		      "since", since ? json_string(since) : json_null(),
		      "until", until ? json_string(until) : json_null(),
		      "groups", groups, "towns", towns, "total", reach_total(rows), "unknown", unknown);
	json_object_set_new(r, "rows", rows);
	vk_store_end_read(s);
	return r;
}

/* ---- grid ---- */

json_t *vk_report_grid(struct vk_store *s)
{
	static const struct {
		const char *name, *influence, *interest;
		bool high_influence, high_interest;
	} quadrants[] = {
		{ "manage closely", "high", "high", true, true },
		{ "keep satisfied", "high", "low or medium", true, false },
		{ "keep informed", "low or medium", "high", false, true },
		{ "monitor", "low or medium", "low or medium", false, false },
	};
	json_t *high = json_string("high");
	json_t *r = json_pack("{s:s}", "type", "grid");
	json_t *list = json_array();
	struct vk_filter f_any[] = { { "influence", VK_OP_NOT_NULL, NULL }, { "interest", VK_OP_NOT_NULL, NULL } };
	struct vk_query all = { &vk_entity_stakeholder, NULL, 0, NULL, false, 0 };
	struct vk_query placed = { &vk_entity_stakeholder, f_any, 2, NULL, false, 0 };

	vk_store_begin_read(s);
	for (size_t i = 0; i < 4; i++) {
		struct vk_filter f[4] = {
			{ "influence", quadrants[i].high_influence ? VK_OP_EQ : VK_OP_NE, high },
			{ "interest", quadrants[i].high_interest ? VK_OP_EQ : VK_OP_NE, high },
			{ "influence", VK_OP_NOT_NULL, NULL }, { "interest", VK_OP_NOT_NULL, NULL },
		};
		json_t *people = records(s, &vk_entity_stakeholder, f, 4, "name");
		json_array_append_new(list, json_pack("{s:s,s:s,s:s,s:I,s:o}", "quadrant", quadrants[i].name,
			"influence", quadrants[i].influence, "interest", quadrants[i].interest,
			"count", (json_int_t)json_array_size(people), "stakeholders", people));
	}
	json_object_set_new(r, "quadrants", list);
	json_object_set_new(r, "unplaced", json_integer(vk_store_count(s, &all) - vk_store_count(s, &placed)));
	vk_store_end_read(s);
	json_decref(high);
	return r;
}

/* ---- themes ---- */

json_t *vk_report_themes(struct vk_store *s)
{
	json_t *r = json_pack("{s:s}", "type", "themes");
	json_t *themes = json_array();
	json_t *inputs, *trials, *engagements, *all = json_object();
	const char *theme;
	json_t *v;

	vk_store_begin_read(s);
	inputs = vk_store_item_counts(s, &vk_entity_input, "themes");
	trials = vk_store_item_counts(s, &vk_entity_trial, "themes");
	engagements = vk_store_item_counts(s, &vk_entity_engagement, "themes");
	json_object_update(all, inputs);
	json_object_update(all, trials);
	json_object_update(all, engagements);
	json_object_foreach(all, theme, v) {
		json_t *t = json_string(theme);
		struct vk_filter f = { "themes", VK_OP_HAS, t };
		struct vk_query q = { &vk_entity_input, &f, 1, NULL, false, 3 };
		struct vk_cursor *c = vk_store_query(s, &q);
		json_t *quotes = json_array();
		json_t *in;
		while ((in = vk_cursor_next(c))) {
			json_array_append_new(quotes, json_pack("{s:O,s:O,s:O}", "text", json_object_get(in, "text"),
				"source", json_object_get(in, "source"), "engagement", json_object_get(in, "engagement")));
			json_decref(in);
		}
		vk_cursor_close(c);
		json_array_append_new(themes, json_pack("{s:s,s:I,s:I,s:I,s:o}", "theme", theme,
			"inputs", (json_int_t)json_integer_value(json_object_get(inputs, theme)),
			"trials", (json_int_t)json_integer_value(json_object_get(trials, theme)),
			"engagements", (json_int_t)json_integer_value(json_object_get(engagements, theme)),
			"quotes", quotes));
		json_decref(t);
	}
	vk_store_end_read(s);
	json_object_set_new(r, "themes", themes);
	json_decref(inputs);
	json_decref(trials);
	json_decref(engagements);
	json_decref(all);
	return r;
}

/* ---- trials ---- */

/* Groups rows {key, status, count} into [{key, count, by_status}] . */
static json_t *portfolio_by(struct vk_store *s, const char *key)
{
	const char *const fields[] = { key, "status" };
	json_t *rows = vk_store_group_count(s, &vk_entity_trial, fields, 2);
	json_t *out = json_array();
	json_t *cur = NULL;
	size_t i;
	json_t *row;

	json_array_foreach(rows, i, row) {
		json_t *k = json_object_get(row, key);
		if (!cur || !json_equal(json_object_get(cur, key), k)) {
			json_t *by = json_object();
			for (size_t j = 0; j < vk_vocab_trial_status.count; j++)
				json_object_set_new(by, vk_vocab_trial_status.values[j], json_integer(0));
			cur = json_pack("{s:O,s:I,s:o}", key, k, "count", (json_int_t)0, "by_status", by);
			json_array_append_new(out, cur);
		}
		json_int_t n = json_integer_value(json_object_get(row, "count"));
		json_object_set_new(cur, "count", json_integer(json_integer_value(json_object_get(cur, "count")) + n));
		if (str(row, "status"))
			json_object_set_new(json_object_get(cur, "by_status"), str(row, "status"), json_integer(n));
	}
	json_decref(rows);
	return out;
}

json_t *vk_report_trials(struct vk_store *s)
{
	static const char *const fields[] = { "round", "status", "department" };
	struct vk_query all = { &vk_entity_trial, NULL, 0, NULL, false, 0 };
	json_t *r;

	vk_store_begin_read(s);
	r = json_pack("{s:s,s:I,s:o,s:o,s:o,s:o}", "type", "trials",
		      "total", (json_int_t)vk_store_count(s, &all), "by_status", status_counts(s),
		      "rows", vk_store_group_count(s, &vk_entity_trial, fields, 3),
		      "by_round", portfolio_by(s, "round"), "by_department", portfolio_by(s, "department"));
	vk_store_end_read(s);
	return r;
}

/* ---- timeline ---- */

json_t *vk_report_timeline(struct vk_store *s, vk_date today)
{
	json_t *rows = json_array();
	char first[11] = "", last[11] = "", now[11];
	struct vk_cursor *c;
	json_t *m;

	vk_store_begin_read(s);
	for (int k = 0; k < 2; k++) {
		const struct vk_entity *e = k ? &vk_entity_trial : &vk_entity_milestone;
		struct vk_query q = { e, NULL, 0, k ? "start" : "due", false, 0 };
		c = vk_store_query(s, &q);
		while ((m = vk_cursor_next(c))) {
			const char *start = str(m, "start");
			const char *end = str(m, k ? "end" : "due");
			if (!start)
				start = end;
			if (!end)
				end = start;
			if (start) {
				json_t *row = json_pack("{s:s,s:O,s:O,s:s,s:s,s:O}", "kind", e->name,
					"id", json_object_get(m, "id"), "title", json_object_get(m, "title"),
					"start", start, "end", end, "status", json_object_get(m, "status"));
				if (k)
					json_object_set(row, "round", json_object_get(m, "round"));
				else
					json_object_set(row, "baseline", json_object_get(m, "baseline"));
				json_array_append_new(rows, row);
				if (!first[0] || strcmp(start, first) < 0)
					snprintf(first, sizeof(first), "%s", start);
				if (!last[0] || strcmp(end, last) > 0)
					snprintf(last, sizeof(last), "%s", end);
			}
			json_decref(m);
		}
		vk_cursor_close(c);
	}
	vk_store_end_read(s);
	return json_pack("{s:s,s:o,s:o,s:s,s:o}", "type", "timeline",
			 "from", first[0] ? json_string(first) : json_null(),
			 "to", last[0] ? json_string(last) : json_null(),
			 "today", vk_date_format(today, now), "rows", rows);
}

/* ---- a stream of records ---- */

/* The bad records of a stream whose problems are shown; the rest are counted. */
#define MAX_SHOWN 50

/*
 * What prints, as JSON Lines, the records whose CSV header is columns (n
 * of them): the listing of the one record type that has every column as
 * a field; NULL when none or several have (id,title: a trial or a
 * milestone).
 */
static const char *jsonl_maker(const char *const *columns, size_t n)
{
	static const struct { const struct vk_entity *e; const char *command; } makers[] = {
		{ &vk_entity_stakeholder, "vk-stakeholder list -o jsonl" },
		{ &vk_entity_engagement, "vk-stakeholder engagements -o jsonl" },
		{ &vk_entity_input, "vk-stakeholder inputs -o jsonl" },
		{ &vk_entity_trial, "vk-trial list -o jsonl" },
		{ &vk_entity_learning, "vk-trial learnings -o jsonl" },
		{ &vk_entity_milestone, "vk-milestone list -o jsonl" },
	};
	const char *found = NULL;

	for (size_t i = 0; i < n; i++)
		if (!strcmp(columns[i], "entity_id"))	/* the history: log -o csv */
			return "vk-stakeholder log -o jsonl (or vk-trial, vk-milestone log)";
	for (size_t k = 0; k < sizeof(makers) / sizeof(makers[0]); k++) {
		size_t known = 0;
		for (size_t i = 0; i < n; i++)
			if (vk_entity_field(makers[k].e, columns[i]) || !strcmp(columns[i], "type"))
				known++;
		if (!n || known < n)
			continue;
		if (found)
			return NULL;
		found = makers[k].command;
	}
	return found;
}

/* Prints "NAME:LINE: [N]: " of a record (N its place in its JSON array, if it is in one). */
static void print_place(const char *name, long line, long element)
{
	if (element >= 0)
		fprintf(stderr, "%s:%ld: [%ld]: ", name, line, element);
	else
		fprintf(stderr, "%s:%ld: ", name, line);
}

/*
 * The one message for a stream that is CSV (or other text that is no
 * JSON), not a line for each of its rows; exits 65.
 */
_Noreturn static void not_json(struct vk_store *s, struct vk_reader *r, const char *name)
{
	size_t n;
	const char *const *columns = vk_reader_columns(r, &n);
	const char *maker = columns ? jsonl_maker(columns, n) : NULL;

	/* FILE:LINE: first, as every message about a record of the stream */
	print_place(name, 1, -1);
	if (maker)
		fprintf(stderr, "--input reads JSON Lines or JSON, not CSV: make it with %s\n", maker);
	else
		fputs("--input reads JSON Lines or JSON, not CSV or other text: make it with -o jsonl "
		      "(vk-stakeholder list -o jsonl, vk-trial list -o jsonl, vk-milestone list -o "
		      "jsonl, ...)\n", stderr);
	vk_reader_close(r);
	vk_store_close(s);
	exit(VK_EXIT_DATAERR);
}

struct vk_store *vk_report_load(FILE *in, const char *name)
{
	/*
	 * JSON Lines and JSON arrays, one after another in any mix (the first
	 * byte tells JSON from CSV); CSV or other text is no stream of
	 * records, and no records at all is an empty report
	 */
	struct vk_reader_options ro = { VK_FORMAT_AUTO, 0, false };
	struct vk_reader *r = vk_reader_open(in, name, &ro);
	struct vk_store *s = vk_store_open_temp();
	enum vk_read_result rr;
	json_t *rec;
	long line = 0;
	size_t bad = 0;
	bool text = false;

	/* parsing (jansson) on one core, checking and storing on the other */
	struct vk_reader_thread *ahead = vk_reader_thread_start(r, NULL);

	vk_store_bulk(s);
	vk_store_begin(s);
	for (;;) {
		struct vk_problems pr = VK_PROBLEMS_INIT;
		const char *type;
		const struct vk_entity *e;
		long element;

		rr = vk_reader_thread_next(ahead, &rec, &line);
		/* CSV (its header, a row or a bad one): one message, not one a row */
		if (vk_reader_thread_is_text(ahead)) {
			json_decref(rec);
			text = true;
			break;
		}
		if (rr == VK_READ_END)
			break;
		element = vk_reader_thread_element(ahead);
		if (rr == VK_READ_ERROR) {
			if (bad < MAX_SHOWN) {
				print_place(name, line, element);
				fprintf(stderr, "%s\n", vk_reader_thread_error(ahead));
			}
			bad++;
			if (!vk_reader_thread_can_continue(ahead))
				break;
			continue;
		}
		type = str(rec, "type");
		e = type ? vk_entity_by_name(type) : NULL;
		if (type && !strcmp(type, "event")) {
			if (!json_is_integer(json_object_get(rec, "id")) || !str(rec, "entity") ||
			    !str(rec, "action") || !str(rec, "at") ||
			    !json_is_integer(json_object_get(rec, "entity_id")))
				vk_problems_add(&pr, NULL, "an event needs id, at, entity, entity_id and action");
			else
				vk_store_insert_event(s, rec);
		} else if (!e) {
			struct strbuf q = STRBUF_INIT;
			if (type)
				utf8_addquoted(&q, type);
			vk_problems_add(&pr, "type", "%s%s: use the records the vk programs print "
					"(stakeholder, engagement, input, trial, learning, milestone, event)",
					type ? q.buf : "missing", type ? " is no record type" : "");
			strbuf_release(&q);
		} else {
			/* show's linked records and extras are fine: ignore unknown keys */
			json_t *values = vk_record_convert_own(e, json_incref(rec), VK_FROM_JSON, true, &pr);
			json_t *id = json_object_get(values, "id");
			if (!pr.count && !json_is_integer(id))
				vk_problems_add(&pr, "id", "a record in a report's input needs its id");
			else if (!pr.count && vk_store_may_exist(s, e, json_integer_value(id)) &&
				 vk_store_exists(s, e, json_integer_value(id)))
				vk_problems_add(&pr, "id", "%s %lld appears twice", e->name,
						(long long)json_integer_value(id));
			if (!pr.count) {
				json_t *full = values;
				char now[21];
				vk_record_fill(e, full);
				vk_timestamp_now(now);
				for (int k = 0; k < 2; k++)
					if (vk_entity_field(e, k ? "updated" : "created") &&
					    json_is_null(json_object_get(full, k ? "updated" : "created")))
						json_object_set_new(full, k ? "updated" : "created", json_string(now));
				vk_record_set_initial(e, full);
				vk_record_check(e, full, &pr);
				if (!pr.count)
					vk_store_insert(s, e, full);
			}
			json_decref(values);
		}
		for (size_t i = 0; i < pr.count && bad < MAX_SHOWN; i++) {
			struct strbuf sb = STRBUF_INIT;
			vk_problem_format(&pr, i, &sb);
			print_place(name, line, element);
			fprintf(stderr, "%s\n", sb.buf);
			strbuf_release(&sb);
		}
		bad += pr.count ? 1 : 0;
		vk_problems_clear(&pr);
		/* freed where it was made: its blocks serve the next records there (pool.h) */
		vk_reader_thread_give_back(ahead, rec);
	}
	vk_reader_thread_stop(ahead);
	/* (no header either: nothing but blank lines, an empty stream) */
	if (text && (rr != VK_READ_END || vk_reader_columns(r, NULL)))
		not_json(s, r, name);
	vk_reader_close(r);
	if (bad) {
		vk_store_close(s);
		if (bad > MAX_SHOWN)
			vk_warn("%s: %zu more records it cannot use not shown", name, bad - MAX_SHOWN);
		vk_die(VK_EXIT_DATAERR, "%s: %zu record%s it cannot use: no report", name, bad,
		       bad == 1 ? "" : "s");
	}
	vk_store_commit(s);
	return s;
}

/*
 * barometer.c: where each goal stands, theme by theme, as of a day.
 *
 *   { "type": "barometer", "as_of": "YYYY-MM-DD", "theme": --theme or null,
 *     "themes": [ { "name", "description" (null for a theme only goals name),
 *       "goals": [ { "id", "title", "indicator", "unit", "source", "direction",
 *         "baseline", "baseline_date", "target", "target_date", "owner",
 *         "latest": the last measurement's value on or before as_of, after
 *                   the baseline (null: none), "latest_date",
 *         "progress": percent of the way from baseline to target, 0-100,
 *                     one decimal (null: no data),
 *         "expected": percent of the time from baseline_date to
 *                     target_date passed by as_of, one decimal (null: no dates),
 *         "status": "reached" | "on track" | "behind" | "no data"
 *                   (progress and status: vk_goal_progress() of record.h),
 *         "measurements": [ { "id", "date", "value", "respondents", "source",
 *           "notes",
 *           "margin": the 95% margin in percentage points, one decimal
 *                     (a % goal's measurement with respondents; else null),
 *           "change": value less the previous measurement's, two decimals
 *                     (null for the first),
 *           "significant": whether the change exceeds the 95% bound of the
 *                          two surveys (true, false; null when either has
 *                          no margin) } ] in date order,
 *         "trials": { status: n } (the statuses of the trials serving it,
 *                   only those with any, in the vocabulary's order),
 *         "serving": [ { "id", "title", "status" } ] } ] } ],
 *     "goals": how many goals the report shows }
 *
 * Themes come in the order they were declared (their ids), every one of
 * them, those without goals too; then the themes goals name that are not
 * declared (while none is, themes are free words), in the order their
 * first goal was added; then goals without a theme, under a theme whose
 * name is null. --theme keeps the theme of that name (ignoring case).
 *
 * As of a day: the measurements dated after it are left out, and the
 * share of the time passed is counted to it; goals, themes and the
 * trials serving them are as they stand now.
 */
#include <limits.h>
#include <math.h>
#include <string.h>
#include "report-internal.h"
#include "util.h"
#include "text.h"

/* v rounded to decimals places, as a new JSON real. */
static json_t *rounded(double v, int decimals)
{
	double f = decimals == 1 ? 10.0 : 100.0;

	return json_real(round(v * f) / f);
}

/* the arithmetic is the goal's (record.h), shared with vk-goal list --status */
double report_goal_margin(double percent, long long respondents)
{
	if (respondents < 1 || respondents > LONG_MAX)
		return -1;
	double m = vk_goal_margin(percent, (long)respondents);
	return isnan(m) ? -1 : m;
}

int report_goal_significant(double p1, long long n1, double p2, long long n2)
{
	if (n1 < 1 || n2 < 1 || n1 > LONG_MAX || n2 > LONG_MAX || p1 < 0 || p1 > 100 || p2 < 0 || p2 > 100)
		return -1;
	return vk_goal_significant(p1, (long)n1, p2, (long)n2);
}

/* True when a goal's unit is a percentage ("%", spaces around it aside). */
static bool percent_unit(const char *unit)
{
	if (!unit)
		return false;
	while (*unit == ' ')
		unit++;
	if (*unit++ != '%')
		return false;
	while (*unit == ' ')
		unit++;
	return !*unit;
}

/*
 * The share (percent, 0-100) of the time from baseline_date to
 * target_date that as_of has passed; -1 without both dates.
 */
static double time_share(json_t *goal, vk_date as_of)
{
	vk_date from, to;
	const char *b = report_str(goal, "baseline_date"), *t = report_str(goal, "target_date");

	if (!b || !t || vk_date_parse(b, VK_DATE_START, &from, NULL) ||
	    vk_date_parse(t, VK_DATE_START, &to, NULL))
		return -1;
	if (to <= from)
		return as_of >= to ? 100 : 0;
	double share = (double)(as_of - from) / (double)(to - from) * 100.0;
	return share < 0 ? 0 : share > 100 ? 100 : share;
}

/*
 * The measurements of goal (up to as_of, in date order) with their margin,
 * change and significance.
 */
static json_t *goal_measurements(struct vk_store *s, json_t *goal, const char *as_of)
{
	json_t *id = json_object_get(goal, "id"), *until = json_string(as_of);
	struct vk_filter f[] = { { "goal", VK_OP_EQ, id }, { "date", VK_OP_LE, until } };
	json_t *list = report_records(s, &vk_entity_measurement, f, 2, "date");
	bool pct = percent_unit(report_str(goal, "unit"));
	json_t *prev = NULL;
	size_t i;
	json_t *m;

	json_array_foreach(list, i, m) {
		json_t *v = json_object_get(m, "value");
		json_int_t n = json_integer_value(json_object_get(m, "respondents"));
		double margin = pct && json_is_number(v) ? report_goal_margin(json_number_value(v), n) : -1;
		json_object_set_new(m, "margin", margin >= 0 ? rounded(margin, 1) : json_null());
		json_t *pv = prev ? json_object_get(prev, "value") : NULL;
		if (json_is_number(pv) && json_is_number(v)) {
			json_object_set_new(m, "change", rounded(json_number_value(v) - json_number_value(pv), 2));
			int sig = pct ? report_goal_significant(json_number_value(pv),
				json_integer_value(json_object_get(prev, "respondents")), json_number_value(v), n) : -1;
			json_object_set_new(m, "significant", sig < 0 ? json_null() : json_boolean(sig));
		} else {
			json_object_set_new(m, "change", json_null());
			json_object_set_new(m, "significant", json_null());
		}
		prev = m;
	}
	json_decref(until);
	return list;
}

/* The trials that serve goal: counted by status ("trials"), and listed ("serving"). */
static void goal_trials(struct vk_store *s, json_t *goal, json_t *out)
{
	struct vk_filter f = { "goals", VK_OP_HAS, json_object_get(goal, "id") };
	json_t *trials = report_records(s, &vk_entity_trial, &f, 1, NULL);
	json_t *by = json_object(), *serving = json_array();
	size_t i;
	json_t *t;

	for (size_t k = 0; k < vk_vocab_trial_status.count; k++) {
		json_int_t n = 0;
		json_array_foreach(trials, i, t)
			n += report_str(t, "status") && !strcmp(report_str(t, "status"),
								vk_vocab_trial_status.values[k]);
		if (n)
			json_object_set_new(by, vk_vocab_trial_status.values[k], json_integer(n));
	}
	json_array_foreach(trials, i, t)
		json_array_append_new(serving, json_pack("{s:O,s:O,s:O}", "id", json_object_get(t, "id"),
			"title", json_object_get(t, "title"), "status", json_object_get(t, "status")));
	json_object_set_new(out, "trials", by);
	json_object_set_new(out, "serving", serving);
	json_decref(trials);
}

/* One goal of the barometer, as of as_of. */
static json_t *barometer_goal(struct vk_store *s, json_t *goal, vk_date as_of, const char *as_of_s)
{
	static const char *const fields[] = {
		"id", "title", "indicator", "unit", "source", "direction", "baseline", "baseline_date",
		"target", "target_date", "owner",
	};
	struct vk_goal_progress gp;
	json_t *g = json_object();
	json_t *ms = goal_measurements(s, goal, as_of_s);

	for (size_t i = 0; i < ARRAY_SIZE(fields); i++) {
		json_t *v = json_object_get(goal, fields[i]);
		json_object_set(g, fields[i], v ? v : json_null());
	}
	/* for people, the owner's name beside the id */
	if (json_is_integer(json_object_get(goal, "owner"))) {
		json_t *who = vk_store_get(s, &vk_entity_stakeholder,
					   json_integer_value(json_object_get(goal, "owner")));
		if (report_str(who, "name"))
			json_object_set(g, "owner_name", json_object_get(who, "name"));
		json_decref(who);
	}
	vk_goal_progress(goal, ms, as_of, &gp);
	if (gp.has_latest) {
		/* the value as it was recorded: 60 stays 60, not 60.0 */
		json_t *latest = NULL;
		size_t i;
		json_t *m;
		json_array_foreach(ms, i, m)
			if (report_str(m, "date") && !strcmp(report_str(m, "date"), gp.latest_date))
				latest = json_object_get(m, "value");
		json_object_set_new(g, "latest", latest ? json_incref(latest) : json_real(gp.latest));
		json_object_set_new(g, "latest_date", json_string(gp.latest_date));
		json_object_set_new(g, "progress", rounded(gp.progress, 1));
	} else {
		json_object_set_new(g, "latest", json_null());
		json_object_set_new(g, "latest_date", json_null());
		json_object_set_new(g, "progress", json_null());
	}
	double share = time_share(goal, as_of);
	json_object_set_new(g, "expected", share < 0 ? json_null() : rounded(share, 1));
	json_object_set_new(g, "status", json_string(vk_goal_status_name(gp.status)));
	json_object_set_new(g, "measurements", ms);
	goal_trials(s, goal, g);
	return g;
}

/* The folded form of s (for matching ignoring case), in out. */
static void fold(const char *s, struct strbuf *out)
{
	strbuf_reset(out);
	if (s)
		vk_text_fold(s, strlen(s), out);
}

/* The theme of themes called name (ignoring case; null: the one without a name), or NULL. */
static json_t *theme_named(json_t *themes, const char *name)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	json_t *found = NULL;
	size_t i;
	json_t *t;

	fold(name, &a);
	json_array_foreach(themes, i, t) {
		const char *tn = report_str(t, "name");
		if (!name || !tn) {
			if (!name && !tn)
				found = t;
		} else {
			fold(tn, &b);
			if (!strcmp(a.buf, b.buf))
				found = t;
		}
		if (found)
			break;
	}
	strbuf_release(&a);
	strbuf_release(&b);
	return found;
}

/* The barometer of s as of p->as_of (and of p->theme alone, when given), in a read snapshot. */
json_t *report_barometer(struct vk_store *s, const struct vk_report_params *p)
{
	char as_of[VK_DATE_SIZE];
	json_t *themes = json_array();
	json_t *declared, *goals;
	json_int_t count = 0;
	size_t i;
	json_t *t, *g;

	vk_date_format(p->as_of, as_of);
	vk_store_begin_read(s);
	declared = report_records(s, &vk_entity_theme, NULL, 0, NULL);
	goals = report_records(s, &vk_entity_goal, NULL, 0, NULL);
	json_array_foreach(declared, i, t)
		json_array_append_new(themes, json_pack("{s:O,s:O,s:[]}", "name", json_object_get(t, "name"),
			"description", json_object_get(t, "description") ? json_object_get(t, "description")
									 : json_null(), "goals"));
	json_array_foreach(goals, i, g) {
		const char *name = report_str(g, "theme");
		json_t *home = theme_named(themes, name);
		if (!home) {
			home = json_pack("{s:o,s:n,s:[]}", "name", name ? json_string(name) : json_null(),
					 "description", "goals");
			json_array_append_new(themes, home);
		}
	}
	/* goals without a theme come last */
	json_t *none = theme_named(themes, NULL);
	if (none) {
		json_incref(none);
		for (i = 0; i < json_array_size(themes); i++)
			if (json_array_get(themes, i) == none)
				json_array_remove(themes, i);
		json_array_append_new(themes, none);
	}
	if (p->theme) {
		json_t *keep = theme_named(themes, p->theme);
		json_t *only = json_array();
		if (keep)
			json_array_append(only, keep);
		json_decref(themes);
		themes = only;
	}
	json_array_foreach(goals, i, g) {
		json_t *home = theme_named(themes, report_str(g, "theme"));
		if (!home)
			continue;
		json_array_append_new(json_object_get(home, "goals"), barometer_goal(s, g, p->as_of, as_of));
		count++;
	}
	vk_store_end_read(s);
	json_decref(declared);
	json_decref(goals);
	return json_pack("{s:s,s:s,s:o,s:o,s:I}", "type", "barometer", "as_of", as_of,
			 "theme", p->theme ? json_string(p->theme) : json_null(), "themes", themes,
			 "goals", count);
}

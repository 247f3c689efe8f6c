/*
 * goal.c: a goal of the process (record.h): under a theme, what is
 * measured (the indicator, in a unit), where the figures come from
 * (survey, register, other), which way is better (up or down), a
 * baseline and a target, each with its date; and the arithmetic of where
 * a goal stands (progress, status, a survey's margin of error), which
 * vk-goal list --status and the barometer share.
 */
#include <math.h>
#include <string.h>
#include "date.h"
#include "record.h"
#include "record/internal.h"

/* A goal's baseline comes no later than its target. */
static void check_goal(const struct vk_entity *e, json_t *r, struct vk_problems *pr)
{
	const char *a = json_string_value(json_object_get(r, "baseline_date"));
	const char *b = json_string_value(json_object_get(r, "target_date"));

	(void)e;
	if (a && b && strcmp(a, b) > 0)
		vk_problems_add(pr, "baseline_date", "%s is after target_date %s: a goal's baseline "
				"comes before its target", a, b);
}

/* The number v (a JSON integer or real) in *out; false when it is none. */
static bool number(json_t *v, double *out)
{
	if (!json_is_number(v))
		return false;
	*out = json_number_value(v);
	return true;
}

/* The date of text s (YYYY-MM-DD) in *out; false when there is none. */
static bool day(json_t *v, vk_date *out)
{
	const char *s = json_string_value(v);

	return s && !vk_date_parse(s, VK_DATE_START, out, NULL);
}

/* The share (0..100) of the time from the baseline_date to the target_date passed by as_of. */
static double time_share(json_t *goal, vk_date as_of)
{
	vk_date from, to;
	bool has_from = day(json_object_get(goal, "baseline_date"), &from);

	if (!day(json_object_get(goal, "target_date"), &to))
		return 0;
	if (as_of >= to)
		return 100;
	if (!has_from || as_of <= from)
		return 0;
	return 100.0 * (double)(as_of - from) / (double)(to - from);
}

void vk_goal_progress(json_t *goal, json_t *measurements, vk_date as_of,
		      struct vk_goal_progress *out)
{
	const char *dir = json_string_value(json_object_get(goal, "direction"));
	bool down = dir && !strcmp(dir, "down");
	vk_date from = 0, d;
	bool has_from = day(json_object_get(goal, "baseline_date"), &from);
	double baseline, target;
	bool has_baseline = number(json_object_get(goal, "baseline"), &baseline);
	bool has_target = number(json_object_get(goal, "target"), &target);
	size_t i;
	json_t *m;

	memset(out, 0, sizeof(*out));
	out->status = VK_GOAL_NO_DATA;
	/* the last one on or before as_of and after the baseline: they come in date order */
	json_array_foreach(measurements, i, m) {
		double v;
		if (!day(json_object_get(m, "date"), &d) || d > as_of || (has_from && d <= from) ||
		    !number(json_object_get(m, "value"), &v))
			continue;
		out->has_latest = true;
		out->latest = v;
		vk_date_format(d, out->latest_date);
	}
	if (!out->has_latest)
		return;
	bool reached = has_target && (down ? out->latest <= target : out->latest >= target);
	if (reached) {
		out->progress = 100;
		out->status = VK_GOAL_REACHED;
		return;
	}
	if (has_target && has_baseline) {
		double need = down ? baseline - target : target - baseline;
		double gain = down ? baseline - out->latest : out->latest - baseline;
		if (need > 0)
			out->progress = fmax(0, fmin(100, 100.0 * gain / need));
	}
	/* a hair of rounding is no reason to be behind */
	out->status = out->progress + 1e-9 >= time_share(goal, as_of) ? VK_GOAL_ON_TRACK :
		      VK_GOAL_BEHIND;
}

const char *vk_goal_status_name(enum vk_goal_status s)
{
	switch (s) {
	case VK_GOAL_REACHED: return "reached";
	case VK_GOAL_ON_TRACK: return "on track";
	case VK_GOAL_BEHIND: return "behind";
	default: return "no data";
	}
}

bool vk_goal_status_parse(const char *s, enum vk_goal_status *out)
{
	static const enum vk_goal_status all[] = {
		VK_GOAL_NO_DATA, VK_GOAL_BEHIND, VK_GOAL_ON_TRACK, VK_GOAL_REACHED
	};
	char word[16];
	size_t n = 0;

	/* "on-track", "On track", "no_data": as the name, ignoring case */
	for (; *s && n + 1 < sizeof(word); s++, n++)
		word[n] = *s == '-' || *s == '_' ? ' ' : (*s >= 'A' && *s <= 'Z') ? *s - 'A' + 'a' : *s;
	if (*s)
		return false;
	word[n] = '\0';
	for (size_t i = 0; i < ARRAY_SIZE(all); i++)
		if (!strcmp(word, vk_goal_status_name(all[i]))) {
			*out = all[i];
			return true;
		}
	return false;
}

json_t *vk_goal_measurements(struct vk_store *s, long long goal)
{
	json_t *id = json_integer(goal);
	struct vk_filter f = { "goal", VK_OP_EQ, id };
	struct vk_query q = { &vk_entity_measurement, &f, 1, "date", false, 0 };
	struct vk_cursor *c = vk_store_query(s, &q);
	json_t *all = json_array(), *m;

	/* (the store sorts a date and then by id) */
	while ((m = vk_cursor_next(c)))
		json_array_append_new(all, m);
	vk_cursor_close(c);
	json_decref(id);
	return all;
}

double vk_goal_margin(double p_percent, long n)
{
	double p = p_percent / 100;

	if (n < 1 || !(p >= 0 && p <= 1))
		return NAN;
	return 100 * 1.96 * sqrt(p * (1 - p) / (double)n);
}

bool vk_goal_significant(double p1, long n1, double p2, long n2)
{
	double a = p1 / 100, b = p2 / 100;

	if (n1 < 1 || n2 < 1 || !(a >= 0 && a <= 1) || !(b >= 0 && b <= 1))
		return false;
	return fabs(b - a) > 1.96 * sqrt(a * (1 - a) / (double)n1 + b * (1 - b) / (double)n2);
}

/* d as a number field holds it: a whole number as an integer, else a real. */
static json_t *number_json(double d)
{
	if (d == trunc(d) && fabs(d) < 1e15)
		return json_integer((json_int_t)d);
	return json_real(d);
}

/*
 * The goal's show: its measurements in date order (not by id), and where
 * it stands today: latest, progress and status, as the barometer says.
 */
static void show(struct vk_store *s, json_t *record)
{
	struct vk_goal_progress p;
	json_t *ms = vk_goal_measurements(s, json_integer_value(json_object_get(record, "id")));

	vk_goal_progress(record, ms, vk_today(), &p);
	json_object_set_new(record, "latest", p.has_latest ? number_json(p.latest) : json_null());
	json_object_set_new(record, "latest_date", p.has_latest ? json_string(p.latest_date) :
			    json_null());
	/* to a tenth of a per cent, as a person reads it */
	json_object_set_new(record, "progress", number_json(round(p.progress * 10) / 10));
	json_object_set_new(record, "status", json_string(vk_goal_status_name(p.status)));
	json_object_set_new(record, "measurements", ms);
}

static const struct vk_field goal_fields[] = {
	{ .name = "id", .type = VK_FIELD_ID, .flags = VK_READONLY },
	{ .name = "theme", .type = VK_FIELD_TEXT, .flags = VK_THEME, .argname = "THEME",
	  .help = "the theme it comes under (a declared theme, if any are)" },
	{ .name = "title", .type = VK_FIELD_TEXT, .flags = VK_REQUIRED | VK_TITLE, .argname = "TITLE",
	  .help = "what the goal is" },
	{ .name = "indicator", .type = VK_FIELD_TEXT, .argname = "TEXT",
	  .help = "what is measured" },
	{ .name = "unit", .type = VK_FIELD_TEXT, .argname = "UNIT",
	  .help = "the unit of the figures (%, people, kr.)" },
	{ .name = "source", .type = VK_FIELD_ENUM, .vocab = &vk_vocab_goal_source,
	  .argname = "SOURCE", .help = "where the figures come from: survey, register or other" },
	{ .name = "direction", .type = VK_FIELD_ENUM, .vocab = &vk_vocab_direction,
	  .flags = VK_REQUIRED, .initial = "up", .argname = "DIRECTION",
	  .help = "up (more is better, the default) or down (less is better)" },
	{ .name = "baseline", .type = VK_FIELD_NUMBER, .argname = "NUMBER",
	  .help = "the figure at the start (42.5 or 42,5)" },
	{ .name = "baseline_date", .type = VK_FIELD_DATE, .option = "baseline-date",
	  .side = VK_DATE_START, .argname = "DATE", .help = "when the baseline was measured" },
	{ .name = "target", .type = VK_FIELD_NUMBER, .argname = "NUMBER",
	  .help = "the figure to reach" },
	{ .name = "target_date", .type = VK_FIELD_DATE, .option = "target-date",
	  .side = VK_DATE_END, .argname = "DATE", .help = "when the target is to be reached" },
	{ .name = "owner", .type = VK_FIELD_REF, .ref = "stakeholder", .argname = "ID",
	  .help = "who answers for it (a stakeholder id)" },
	{ .name = "notes", .type = VK_FIELD_TEXT, .argname = "TEXT", .help = "notes" },
};

static const char *const goal_brief[] = {
	"id", "theme", "title", "unit", "baseline", "target", "target_date", NULL
};

const struct vk_entity vk_entity_goal = {
	.name = "goal", .plural = "goals",
	.fields = goal_fields, .nfields = ARRAY_SIZE(goal_fields),
	.check = check_goal, .brief = goal_brief, .show = show,
	.resolve = record_resolve_themes,
};

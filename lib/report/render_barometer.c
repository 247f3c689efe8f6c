/*
 * render_barometer.c: the barometer as a document and as rows
 * (report-internal.h).
 *
 * The document: a count of the goals by status and a table of every goal
 * (latest, target, progress, status), then theme by theme each goal: what
 * it measures, baseline, latest, target, progress against the share of
 * time passed, its chart (HTML), its measurements with the 95% margin and
 * whether each change is significant, and the trials that serve it.
 * Figures have a "." for decimals in every setting: values as recorded
 * (up to two decimals), progress, margins and changes with one.
 *
 * The rows (CSV, TSV, JSON Lines): one a goal, where it stands; the
 * measurements themselves are vk-goal measurements' to list.
 */
#include <string.h>
#include "report-internal.h"
#include "util.h"

static const char *const status_order[] = { "reached", "on track", "behind", "no data" };

/* A recorded figure v with the unit of goal g ("42.5%", "310 people"), or "-" when none. */
static void figure(struct strbuf *sb, json_t *v, json_t *g)
{
	const char *unit = report_str(g, "unit");

	if (!json_is_number(v)) {
		strbuf_addstr(sb, "-");
		return;
	}
	report_decimal(sb, json_number_value(v), 2, true);
	if (unit && *unit)
		strbuf_addf(sb, "%s%s", strcmp(unit, "%") ? " " : "", unit);
}

/* A computed percentage v with one decimal ("31.3%"), or "-" when none. */
static void percent(struct strbuf *sb, json_t *v)
{
	if (!json_is_number(v)) {
		strbuf_addstr(sb, "-");
		return;
	}
	report_decimal(sb, json_number_value(v), 1, false);
	strbuf_addstr(sb, "%");
}

/* A new JSON string of what fn writes of v (and g). */
static json_t *cell(void (*fn)(struct strbuf *, json_t *, json_t *), json_t *v, json_t *g)
{
	struct strbuf sb = STRBUF_INIT;

	fn(&sb, v, g);
	json_t *s = json_string(sb.buf);
	strbuf_release(&sb);
	return s;
}

static void percent_of(struct strbuf *sb, json_t *v, json_t *g)
{
	(void)g;
	percent(sb, v);
}

/* The margin of a measurement: "±1.5 points", empty when it has none. */
static void margin_of(struct strbuf *sb, json_t *v, json_t *g)
{
	(void)g;
	if (!json_is_number(v))
		return;
	strbuf_addstr(sb, "\xc2\xb1");
	report_decimal(sb, json_number_value(v), 1, false);
}

/* A change: "+2.5", "-1", empty for the first measurement. */
static void change_of(struct strbuf *sb, json_t *v, json_t *g)
{
	(void)g;
	if (!json_is_number(v))
		return;
	if (json_number_value(v) > 0)
		strbuf_addch(sb, '+');
	report_decimal(sb, json_number_value(v), 2, true);
}

void report_barometer_title(json_t *r, struct strbuf *title, struct strbuf *sub)
{
	strbuf_addstr(title, "Barometer: where the goals stand");
	if (report_str(r, "theme"))
		strbuf_addf(title, ", %s", report_str(r, "theme"));
	strbuf_addstr(sub, "As of ");
	report_human_day(report_str(r, "as_of"), sub);
}

/* "3 reached, 8 on track, ..." of every goal of r. */
static void status_summary(struct vk_doc *d, json_t *r)
{
	struct strbuf sb = STRBUF_INIT;
	json_int_t total = report_num(r, "goals");
	size_t i, k;
	json_t *t, *g;

	strbuf_addf(&sb, "%lld goal%s", (long long)total, total == 1 ? "" : "s");
	if (total) {
		strbuf_addstr(&sb, ":");
		bool first = true;
		for (size_t s = 0; s < ARRAY_SIZE(status_order); s++) {
			long long n = 0;
			json_array_foreach(json_object_get(r, "themes"), i, t)
				json_array_foreach(json_object_get(t, "goals"), k, g)
					n += report_str(g, "status") && !strcmp(report_str(g, "status"), status_order[s]);
			if (!n)
				continue;
			strbuf_addf(&sb, "%s %lld %s", first ? "" : ",", n, status_order[s]);
			first = false;
		}
	}
	strbuf_addstr(&sb, ".");
	vk_doc_para(d, sb.buf);
	strbuf_release(&sb);
}

/* The table of every goal: where each stands. */
static void overview(struct vk_doc *d, json_t *r)
{
	static const char *const cols[] = { "theme", "id", "goal", "latest", "target", "progress", "status" };
	json_t *rows = json_array();
	size_t i, k;
	json_t *t, *g;

	json_array_foreach(json_object_get(r, "themes"), i, t)
		json_array_foreach(json_object_get(t, "goals"), k, g)
			json_array_append_new(rows, json_pack("[O,O,O,o,o,o,O]",
				json_object_get(t, "name"), json_object_get(g, "id"), json_object_get(g, "title"),
				cell(figure, json_object_get(g, "latest"), g), cell(figure, json_object_get(g, "target"), g),
				cell(percent_of, json_object_get(g, "progress"), g), json_object_get(g, "status")));
	vk_doc_table(d, cols, ARRAY_SIZE(cols), rows, NULL);
	json_decref(rows);
}

/* What goal g measures and where it stands, in two paragraphs. */
static void goal_story(struct vk_doc *d, json_t *g)
{
	struct strbuf sb = STRBUF_INIT;
	const char *dir = report_str(g, "direction");

	if (report_str(g, "indicator"))
		strbuf_addf(&sb, "Indicator: %s. ", report_str(g, "indicator"));
	if (dir)
		strbuf_addstr(&sb, !strcmp(dir, "down") ? "Less is better. " : "More is better. ");
	if (report_str(g, "source"))
		strbuf_addf(&sb, "Source: %s. ", report_str(g, "source"));
	if (json_is_integer(json_object_get(g, "owner"))) {
		strbuf_addf(&sb, "Owner: %lld", (long long)report_num(g, "owner"));
		if (report_str(g, "owner_name"))
			strbuf_addf(&sb, " %s", report_str(g, "owner_name"));
		strbuf_addstr(&sb, ".");
	}
	if (sb.len) {
		strbuf_setlen(&sb, sb.len - (sb.buf[sb.len - 1] == ' '));
		vk_doc_para(d, sb.buf);
	}
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "Baseline ");
	figure(&sb, json_object_get(g, "baseline"), g);
	if (report_str(g, "baseline_date"))
		strbuf_addf(&sb, " (%s)", report_str(g, "baseline_date"));
	strbuf_addstr(&sb, ", target ");
	figure(&sb, json_object_get(g, "target"), g);
	if (report_str(g, "target_date"))
		strbuf_addf(&sb, " by %s", report_str(g, "target_date"));
	if (json_is_number(json_object_get(g, "latest"))) {
		strbuf_addstr(&sb, ", latest ");
		figure(&sb, json_object_get(g, "latest"), g);
		strbuf_addf(&sb, " (%s): ", report_str(g, "latest_date"));
		percent(&sb, json_object_get(g, "progress"));
		strbuf_addstr(&sb, " of the way");
		if (json_is_number(json_object_get(g, "expected"))) {
			strbuf_addstr(&sb, ", with ");
			percent(&sb, json_object_get(g, "expected"));
			strbuf_addstr(&sb, " of the time passed");
		}
	} else {
		strbuf_addstr(&sb, ", nothing measured since the baseline");
	}
	strbuf_addf(&sb, ". Status: %s.", report_str(g, "status"));
	vk_doc_para(d, sb.buf);
	strbuf_release(&sb);
}

/* The measurements of goal g: a row each, with margin, change and significance. */
static void goal_measurements(struct vk_doc *d, json_t *g)
{
	static const char *const cols[] = {
		"date", "value", "margin (95%)", "respondents", "change", "significant", "source"
	};
	json_t *rows = json_array();
	size_t i;
	json_t *m;

	json_array_foreach(json_object_get(g, "measurements"), i, m) {
		json_t *sig = json_object_get(m, "significant");
		json_t *n = json_object_get(m, "respondents");
		json_array_append_new(rows, json_pack("[O,o,o,O,o,s,O]", json_object_get(m, "date"),
			cell(figure, json_object_get(m, "value"), g), cell(margin_of, json_object_get(m, "margin"), g),
			n ? n : json_null(), cell(change_of, json_object_get(m, "change"), g),
			json_is_true(sig) ? "yes" : json_is_false(sig) ? "no" : "",
			json_object_get(m, "source") ? json_object_get(m, "source") : json_null()));
	}
	vk_doc_table(d, cols, ARRAY_SIZE(cols), rows, "No measurement yet.");
	json_decref(rows);
}

/* The trials that serve goal g, counted by status and listed. */
static void goal_trials(struct vk_doc *d, json_t *g)
{
	json_t *serving = json_object_get(g, "serving");
	struct strbuf sb = STRBUF_INIT;
	const char *status;
	size_t i;
	json_t *n, *t;

	if (!json_array_size(serving)) {
		vk_doc_para(d, "No trial serves this goal yet.");
		return;
	}
	strbuf_addf(&sb, "Trials serving it: %zu (", json_array_size(serving));
	json_object_foreach(json_object_get(g, "trials"), status, n)
		strbuf_addf(&sb, "%s%lld %s", sb.buf[sb.len - 1] == '(' ? "" : ", ",
			    (long long)json_integer_value(n), status);
	strbuf_addstr(&sb, ").");
	vk_doc_para(d, sb.buf);
	json_array_foreach(serving, i, t) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "Trial %lld \"%s\" (%s)", (long long)report_num(t, "id"), report_str(t, "title"),
			    report_str(t, "status") ? report_str(t, "status") : "no status");
		vk_doc_item(d, "-", NULL, sb.buf);
	}
	strbuf_release(&sb);
}

void report_barometer_render(struct vk_doc *d, json_t *r)
{
	struct strbuf sb = STRBUF_INIT;
	json_t *themes = json_object_get(r, "themes");
	size_t i, k;
	json_t *t, *g;

	if (!json_array_size(themes)) {
		if (report_str(r, "theme"))
			strbuf_addf(&sb, "No theme is called \"%s\".", report_str(r, "theme"));
		else
			strbuf_addstr(&sb, "No themes or goals yet: vk-goal theme add and vk-goal add make them.");
		vk_doc_para(d, sb.buf);
		strbuf_release(&sb);
		return;
	}
	status_summary(d, r);
	if (report_num(r, "goals"))
		overview(d, r);
	json_array_foreach(themes, i, t) {
		vk_doc_heading(d, 1, report_str(t, "name") ? report_str(t, "name") : "Goals without a theme");
		if (report_str(t, "description"))
			vk_doc_para(d, report_str(t, "description"));
		if (!json_array_size(json_object_get(t, "goals")))
			vk_doc_para(d, "No goals under this theme yet.");
		json_array_foreach(json_object_get(t, "goals"), k, g) {
			strbuf_reset(&sb);
			strbuf_addf(&sb, "Goal %lld: %s (%s)", (long long)report_num(g, "id"), report_str(g, "title"),
				    report_str(g, "status"));
			vk_doc_heading(d, 2, sb.buf);
			goal_story(d, g);
			strbuf_reset(&sb);
			strbuf_addf(&sb, "Goal %lld: measured against baseline and target", (long long)report_num(g, "id"));
			vk_doc_chart(d, "goal", sb.buf, g);
			goal_measurements(d, g);
			goal_trials(d, g);
		}
	}
	strbuf_release(&sb);
}

json_t *report_barometer_rows(json_t *r, const char *const *columns, size_t ncolumns)
{
	json_t *rows = json_array();
	size_t i, k;
	json_t *t, *g;

	json_array_foreach(json_object_get(r, "themes"), i, t)
		json_array_foreach(json_object_get(t, "goals"), k, g) {
			json_t *ms = json_object_get(g, "measurements");
			json_t *last = json_array_get(ms, json_array_size(ms) ? json_array_size(ms) - 1 : 0);
			json_t *row = json_object();
			for (size_t c = 0; c < ncolumns; c++) {
				const char *col = columns[c];
				json_t *v;
				if (!strcmp(col, "theme"))
					v = json_incref(json_object_get(t, "name"));
				else if (!strcmp(col, "margin"))
					/* the latest's margin */
					v = json_is_number(json_object_get(g, "latest")) && last
						? json_incref(json_object_get(last, "margin")) : NULL;
				else if (!strcmp(col, "measurements"))
					v = json_integer((json_int_t)json_array_size(ms));
				else if (!strcmp(col, "trials"))
					v = json_integer((json_int_t)json_array_size(json_object_get(g, "serving")));
				else
					v = json_incref(json_object_get(g, col));
				json_object_set_new(row, col, v ? v : json_null());
			}
			json_array_append_new(rows, row);
		}
	return rows;
}

/* render.c: see render.h */
#include <string.h>
#include "date.h"
#include "error.h"
#include "render.h"
#include "strbuf.h"
#include "vocab.h"

static const char *str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static json_int_t num(json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

/* "12 June 2020" style day, for people. */
static void human_day(const char *iso, struct strbuf *out)
{
	static const char *const months[] = {
		"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"
	};
	vk_date d;
	int y, m, dd;

	if (!iso || vk_date_parse(iso, VK_DATE_START, &d, NULL)) {
		strbuf_addstr(out, iso ? iso : "");
		return;
	}
	vk_date_to_ymd(d, &y, &m, &dd);
	strbuf_addf(out, "%d %s %d", dd, months[m - 1], y);
}

/* One line per record of a list, as a table of the given fields. */
static void record_table(struct vk_doc *d, json_t *records, const char *const *fields, size_t n,
			 const char *const *headers, const char *empty)
{
	json_t *rows = json_array();
	size_t i;
	json_t *r;

	json_array_foreach(records, i, r) {
		json_t *row = json_array();
		for (size_t k = 0; k < n; k++) {
			json_t *v = json_object_get(r, fields[k]);
			json_array_append(row, v ? v : json_null());
		}
		json_array_append_new(rows, row);
	}
	vk_doc_table(d, headers ? headers : fields, n, rows, empty);
	json_decref(rows);
}

/* ---- weekly ---- */

static void weekly_attention(struct vk_doc *d, json_t *r)
{
	json_t *att = json_object_get(r, "attention");
	size_t i;
	json_t *a;

	vk_doc_heading(d, 1, "Needs attention");
	if (!json_array_size(att)) {
		vk_doc_para(d, "Nothing needs a decision this week.");
		return;
	}
	json_array_foreach(att, i, a) {
		const char *kind = str(a, "kind");
		bool question = !strcmp(kind, "waiting proposal");
		vk_doc_item(d, question ? "?" : "!", question ? "question" : "attention", str(a, "text"));
	}
}

static void weekly_milestones(struct vk_doc *d, json_t *m, json_t *r)
{
	static const char *const cols[] = { "id", "due", "title", "kind", "place" };
	static const char *const done_cols[] = { "id", "done", "title", "kind", "place" };
	json_t *moved = json_object_get(m, "moved");
	struct strbuf sb = STRBUF_INIT;
	size_t i;
	json_t *mv;

	vk_doc_heading(d, 1, "Milestones");
	vk_doc_heading(d, 2, "Done this week");
	record_table(d, json_object_get(m, "done"), done_cols, 5, NULL, "None.");
	strbuf_addf(&sb, "Due in the next %lld week%s", (long long)num(r, "ahead"),
		    num(r, "ahead") == 1 ? "" : "s");
	vk_doc_heading(d, 2, sb.buf);
	record_table(d, json_object_get(m, "due"), cols, 5, NULL, "None.");
	vk_doc_heading(d, 2, "Overdue");
	record_table(d, json_object_get(m, "overdue"), cols, 5, NULL, "None.");
	vk_doc_heading(d, 2, "Moved this week");
	json_t *rows = json_array();
	json_array_foreach(moved, i, mv) {
		json_t *ms = json_object_get(mv, "milestone");
		json_array_append_new(rows, json_pack("[O,O,O,O,I,O]", json_object_get(ms, "id"),
			json_object_get(ms, "title"), json_object_get(mv, "from"), json_object_get(mv, "to"),
			num(mv, "slip"), json_object_get(mv, "reason")));
	}
	static const char *const moved_cols[] = { "id", "title", "from", "to", "slip (days)", "reason" };
	vk_doc_table(d, moved_cols, 6, rows, "None.");
	json_decref(rows);
	strbuf_release(&sb);
}

static void weekly_trials(struct vk_doc *d, json_t *t)
{
	static const char *const late_cols[] = { "id", "title", "status", "end", "department" };
	static const char *const wait_cols[] = { "id", "title", "department", "start", "end" };
	static const char *const learn_cols[] = { "trial", "date", "text" };
	json_t *by = json_object_get(t, "by_status");
	json_t *bars = json_array();
	json_t *rows = json_array();
	size_t i;
	json_t *mv;

	vk_doc_heading(d, 1, "Trials");
	for (i = 0; i < vk_vocab_trial_status.count; i++) {
		const char *st = vk_vocab_trial_status.values[i];
		json_array_append_new(bars, json_pack("[sI]", st, num(by, st)));
	}
	vk_doc_chart(d, "bars", "Trials by status", bars);
	vk_doc_heading(d, 2, "Moves this week");
	json_array_foreach(json_object_get(t, "moves"), i, mv) {
		json_t *tr = json_object_get(mv, "trial");
		json_array_append_new(rows, json_pack("[O,O,O,O,O,O]", json_object_get(tr, "id"),
			json_object_get(tr, "title"), json_object_get(mv, "from"), json_object_get(mv, "to"),
			json_object_get(mv, "date"), json_object_get(mv, "reason")));
	}
	static const char *const move_cols[] = { "id", "title", "from", "to", "date", "reason" };
	vk_doc_table(d, move_cols, 6, rows, "None.");
	vk_doc_heading(d, 2, "Past their end date and not done");
	record_table(d, json_object_get(t, "late"), late_cols, 5, NULL, "None.");
	vk_doc_heading(d, 2, "Proposals waiting for a decision");
	record_table(d, json_object_get(t, "waiting"), wait_cols, 5, NULL, "None.");
	vk_doc_heading(d, 2, "Learnings written this week");
	record_table(d, json_object_get(t, "learnings"), learn_cols, 3, NULL, "None.");
	json_decref(bars);
	json_decref(rows);
}

static void weekly_engagement(struct vk_doc *d, json_t *g, json_t *r)
{
	static const char *const act_cols[] = { "date", "kind", "title", "town" };
	static const char *const reach_cols[] = { "group", "town", "named", "headcount", "total" };
	json_t *reached = json_object_get(g, "reached");
	json_t *gaps = json_object_get(g, "gaps");
	json_t *total = json_object_get(g, "total");
	struct strbuf sb = STRBUF_INIT;
	size_t i;
	json_t *x;

	vk_doc_heading(d, 1, "Engagement");
	vk_doc_heading(d, 2, "This week's activities");
	record_table(d, json_object_get(g, "activities"), act_cols, 4, NULL, "None.");
	vk_doc_heading(d, 2, "People reached, by group and town");
	json_t *rows = json_array();
	json_array_foreach(reached, i, x)
		json_array_append_new(rows, json_pack("[O,O,I,I,I]", json_object_get(x, "group"),
			json_object_get(x, "town"), num(x, "named"), num(x, "headcount"), num(x, "total")));
	if (json_array_size(rows))
		json_array_append_new(rows, json_pack("[s,s,I,I,I]", "all", "", num(total, "named"),
			num(total, "headcount"), num(total, "total")));
	vk_doc_table(d, reach_cols, 5, rows, "Nobody this week.");
	json_decref(rows);
	strbuf_addf(&sb, "Not reached in the last %lld week%s", (long long)num(r, "gap"),
		    num(r, "gap") == 1 ? "" : "s");
	vk_doc_heading(d, 2, sb.buf);
	if (json_is_null(gaps)) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "Not judged: %s.", str(g, "not_judged"));
		vk_doc_para(d, sb.buf);
		strbuf_release(&sb);
		return;
	}
	rows = json_array();
	json_array_foreach(json_object_get(gaps, "groups"), i, x)
		json_array_append_new(rows, json_pack("[s,O,O]", "group", json_object_get(x, "group"),
			json_object_get(x, "last")));
	json_array_foreach(json_object_get(gaps, "towns"), i, x)
		json_array_append_new(rows, json_pack("[s,O,O]", "town", json_object_get(x, "town"),
			json_object_get(x, "last")));
	static const char *const gap_cols[] = { "what", "which", "last reached" };
	vk_doc_table(d, gap_cols, 3, rows, "Every group and town was reached.");
	json_decref(rows);
	strbuf_release(&sb);
}

static void render_weekly(struct vk_doc *d, json_t *r)
{
	weekly_attention(d, r);
	weekly_milestones(d, json_object_get(r, "milestones"), r);
	weekly_trials(d, json_object_get(r, "trials"));
	weekly_engagement(d, json_object_get(r, "engagement"), r);
}

/* ---- the other reports ---- */

static void render_coverage(struct vk_doc *d, json_t *r)
{
	static const char *const cols[] = { "group", "town", "named", "headcount", "total" };
	json_t *groups = json_object_get(r, "groups"), *towns = json_object_get(r, "towns");
	json_t *cells = json_array(), *rows = json_array();
	size_t gi, ti, i;
	json_t *g, *t, *x;

	/* the heat map: people reached by group (rows) and town (columns) */
	towns = json_copy(towns);
	json_t *labels = json_copy(towns);
	json_array_foreach(json_object_get(r, "rows"), i, x)
		if (json_is_null(json_object_get(x, "town"))) {
			/* headcounts of engagements without a town are people too */
			json_array_append_new(towns, json_null());
			json_array_append_new(labels, json_string("(no town)"));
			break;
		}
	json_array_foreach(groups, gi, g) {
		json_t *line = json_array();
		json_array_foreach(towns, ti, t) {
			json_int_t n = 0;
			json_array_foreach(json_object_get(r, "rows"), i, x)
				if (json_equal(json_object_get(x, "group"), g) &&
				    json_equal(json_object_get(x, "town"), t))
					n += num(x, "total");
			json_array_append_new(line, json_integer(n));
		}
		json_array_append_new(cells, line);
	}
	json_t *heat = json_pack("{s:O,s:o,s:o}", "rows", groups, "cols", labels, "cells", cells);
	json_decref(towns);
	vk_doc_chart(d, "heatmap", "People reached by group and town", heat);
	json_decref(heat);
	json_array_foreach(json_object_get(r, "rows"), i, x)
		json_array_append_new(rows, json_pack("[O,O,I,I,I]", json_object_get(x, "group"),
			json_object_get(x, "town"), num(x, "named"), num(x, "headcount"), num(x, "total")));
	json_t *total = json_object_get(r, "total");
	if (json_array_size(rows))
		json_array_append_new(rows, json_pack("[s,s,I,I,I]", "all", "", num(total, "named"),
			num(total, "headcount"), num(total, "total")));
	vk_doc_table(d, cols, 5, rows, "No engagement in this period.");
	json_decref(rows);
}

static void render_grid(struct vk_doc *d, json_t *r)
{
	static const char *const cols[] = { "id", "name", "group", "town", "influence", "interest" };
	struct strbuf sb = STRBUF_INIT;
	size_t i;
	json_t *q;

	vk_doc_chart(d, "grid", "Power and interest", r);
	json_array_foreach(json_object_get(r, "quadrants"), i, q) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s (%lld): influence %s, interest %s", str(q, "quadrant"),
			    (long long)num(q, "count"), str(q, "influence"), str(q, "interest"));
		vk_doc_heading(d, 2, sb.buf);
		record_table(d, json_object_get(q, "stakeholders"), cols, 6, NULL, "Nobody.");
	}
	if (num(r, "unplaced")) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%lld stakeholders have no influence or interest set and are not placed.",
			    (long long)num(r, "unplaced"));
		vk_doc_para(d, sb.buf);
	}
	strbuf_release(&sb);
}

static void render_themes(struct vk_doc *d, json_t *r)
{
	static const char *const cols[] = { "theme", "inputs", "trials", "engagements" };
	json_t *rows = json_array();
	struct strbuf sb = STRBUF_INIT;
	size_t i, k;
	json_t *t, *q;

	json_array_foreach(json_object_get(r, "themes"), i, t)
		json_array_append_new(rows, json_pack("[O,I,I,I]", json_object_get(t, "theme"),
			num(t, "inputs"), num(t, "trials"), num(t, "engagements")));
	vk_doc_table(d, cols, 4, rows, "No themes yet.");
	json_decref(rows);
	json_array_foreach(json_object_get(r, "themes"), i, t) {
		if (!json_array_size(json_object_get(t, "quotes")))
			continue;
		vk_doc_heading(d, 2, str(t, "theme"));
		json_array_foreach(json_object_get(t, "quotes"), k, q) {
			strbuf_reset(&sb);
			strbuf_addf(&sb, "\"%s\"", str(q, "text"));
			if (str(q, "source"))
				strbuf_addf(&sb, " (%s)", str(q, "source"));
			vk_doc_item(d, "-", NULL, sb.buf);
		}
	}
	strbuf_release(&sb);
}

static void render_trials(struct vk_doc *d, json_t *r)
{
	json_t *by = json_object_get(r, "by_status");
	json_t *bars = json_array();
	size_t i;

	for (i = 0; i < vk_vocab_trial_status.count; i++)
		json_array_append_new(bars, json_pack("[sI]", vk_vocab_trial_status.values[i],
						      num(by, vk_vocab_trial_status.values[i])));
	vk_doc_chart(d, "bars", "Trials by status", bars);
	json_decref(bars);
	for (int k = 0; k < 2; k++) {
		const char *key = k ? "department" : "round";
		const char *headers[2 + 8];
		json_t *rows = json_array();
		json_t *x;
		headers[0] = key;
		headers[1] = "trials";
		for (size_t s = 0; s < vk_vocab_trial_status.count; s++)
			headers[2 + s] = vk_vocab_trial_status.values[s];
		json_array_foreach(json_object_get(r, k ? "by_department" : "by_round"), i, x) {
			json_t *row = json_pack("[OI]", json_object_get(x, key), num(x, "count"));
			for (size_t s = 0; s < vk_vocab_trial_status.count; s++)
				json_array_append_new(row, json_integer(num(json_object_get(x, "by_status"),
									    vk_vocab_trial_status.values[s])));
			json_array_append_new(rows, row);
		}
		vk_doc_heading(d, 2, k ? "By department" : "By round");
		vk_doc_table(d, headers, 2 + vk_vocab_trial_status.count, rows, "No trials.");
		json_decref(rows);
	}
}

static void render_timeline(struct vk_doc *d, json_t *r)
{
	static const char *const cols[] = { "kind", "id", "title", "start", "end", "status" };

	vk_doc_chart(d, "timeline", "Milestones and trials", r);
	record_table(d, json_object_get(r, "rows"), cols, 6, NULL, "Nothing with dates yet.");
}

int vk_render(FILE *out, json_t *r, enum vk_doc_format format)
{
	const char *type = str(r, "type");
	struct strbuf title = STRBUF_INIT, sub = STRBUF_INIT;
	struct vk_doc *d;

	if (!strcmp(type, "weekly")) {
		strbuf_addf(&title, "%s, week %s", str(r, "title"), str(r, "week") + 6);
		human_day(str(r, "from"), &sub);
		strbuf_addstr(&sub, " to ");
		human_day(str(r, "to"), &sub);
		strbuf_addf(&sub, " (%s)", str(r, "week"));
	} else if (!strcmp(type, "coverage")) {
		strbuf_addstr(&title, "Coverage: engagement by group and town");
		if (str(r, "since") || str(r, "until"))
			strbuf_addf(&sub, "From %s to %s", str(r, "since") ? str(r, "since") : "the start",
				    str(r, "until") ? str(r, "until") : "now");
	} else if (!strcmp(type, "grid")) {
		strbuf_addstr(&title, "Stakeholders by power and interest");
	} else if (!strcmp(type, "themes")) {
		strbuf_addstr(&title, "Themes: what was said, and the trials that serve them");
	} else if (!strcmp(type, "trials")) {
		strbuf_addf(&title, "The trial portfolio: %lld trial%s", (long long)num(r, "total"),
			    num(r, "total") == 1 ? "" : "s");
	} else {
		strbuf_addstr(&title, "Timeline");
		if (str(r, "from"))
			strbuf_addf(&sub, "%s to %s", str(r, "from"), str(r, "to"));
	}
	d = vk_doc_open(out, format, title.buf, sub.len ? sub.buf : NULL);
	if (!strcmp(type, "weekly"))
		render_weekly(d, r);
	else if (!strcmp(type, "coverage"))
		render_coverage(d, r);
	else if (!strcmp(type, "grid"))
		render_grid(d, r);
	else if (!strcmp(type, "themes"))
		render_themes(d, r);
	else if (!strcmp(type, "trials"))
		render_trials(d, r);
	else
		render_timeline(d, r);
	strbuf_release(&title);
	strbuf_release(&sub);
	return vk_doc_close(d);
}

/* ---- rows for CSV, TSV, JSON Lines ---- */

json_t *vk_report_rows(json_t *r, const char *const **columns, size_t *ncolumns)
{
	static const char *const coverage_cols[] = { "group", "town", "named", "headcount", "total" };
	static const char *const grid_cols[] = { "quadrant", "id", "name", "group", "town", "influence",
						 "interest" };
	static const char *const themes_cols[] = { "theme", "inputs", "trials", "engagements", "quotes" };
	static const char *const trials_cols[] = { "round", "status", "department", "count" };
	static const char *const timeline_cols[] = { "kind", "id", "title", "start", "end", "status" };
	const char *type = str(r, "type");
	json_t *rows = json_array();
	size_t i, k;
	json_t *x, *y;

	if (!strcmp(type, "coverage")) {
		*columns = coverage_cols;
		*ncolumns = 5;
		json_array_extend(rows, json_object_get(r, "rows"));
	} else if (!strcmp(type, "grid")) {
		*columns = grid_cols;
		*ncolumns = 7;
		json_array_foreach(json_object_get(r, "quadrants"), i, x)
			json_array_foreach(json_object_get(x, "stakeholders"), k, y) {
				json_t *row = json_pack("{s:O}", "quadrant", json_object_get(x, "quadrant"));
				for (size_t c = 1; c < 7; c++)
					json_object_set(row, grid_cols[c], json_object_get(y, grid_cols[c]));
				json_array_append_new(rows, row);
			}
	} else if (!strcmp(type, "themes")) {
		*columns = themes_cols;
		*ncolumns = 5;
		json_array_foreach(json_object_get(r, "themes"), i, x) {
			json_t *texts = json_array();
			json_array_foreach(json_object_get(x, "quotes"), k, y)
				json_array_append(texts, json_object_get(y, "text"));
			json_array_append_new(rows, json_pack("{s:O,s:O,s:O,s:O,s:o}", "theme",
				json_object_get(x, "theme"), "inputs", json_object_get(x, "inputs"),
				"trials", json_object_get(x, "trials"), "engagements",
				json_object_get(x, "engagements"), "quotes", texts));
		}
	} else if (!strcmp(type, "trials")) {
		*columns = trials_cols;
		*ncolumns = 4;
		json_array_extend(rows, json_object_get(r, "rows"));
	} else if (!strcmp(type, "timeline")) {
		*columns = timeline_cols;
		*ncolumns = 6;
		json_array_extend(rows, json_object_get(r, "rows"));
	} else {
		json_decref(rows);
		return NULL;
	}
	return rows;
}

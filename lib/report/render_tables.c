/*
 * render_tables.c: the reports that are tables (coverage, grid, themes,
 * trials, timeline) as documents: each one's title and body
 * (report-internal.h).
 */
#include "report-internal.h"

void report_coverage_title(json_t *r, struct strbuf *title, struct strbuf *sub)
{
	strbuf_addstr(title, "Coverage: engagement by group and town");
	if (report_str(r, "since") || report_str(r, "until"))
		strbuf_addf(sub, "From %s to %s", report_str(r, "since") ? report_str(r, "since") : "the start",
			    report_str(r, "until") ? report_str(r, "until") : "now");
}

/* Coverage: a heat map of the people reached by group and town, then the table of them. */
void report_coverage_render(struct vk_doc *d, json_t *r)
{
	json_t *groups = json_object_get(r, "groups"), *towns = json_object_get(r, "towns");
	json_t *cells = json_array();
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
					n += report_num(x, "total");
			json_array_append_new(line, json_integer(n));
		}
		json_array_append_new(cells, line);
	}
	json_t *heat = json_pack("{s:O,s:o,s:o}", "rows", groups, "cols", labels, "cells", cells);
	json_decref(towns);
	vk_doc_chart(d, "heatmap", "People reached by group and town", heat);
	json_decref(heat);
	report_reach_table(d, json_object_get(r, "rows"), json_object_get(r, "total"),
			   "No engagement in this period.");
	static const char *const kind_cols[] = { "kind", "engagements", "with citizens" };
	static const char *const heard_cols[] = { "group", "registered", "not heard" };
	json_t *kinds = json_array(), *heard = json_array();
	json_array_foreach(json_object_get(r, "kinds"), i, x)
		json_array_append_new(kinds, json_pack("[O,I,I]", json_object_get(x, "kind"),
			report_num(x, "engagements"), report_num(x, "with_citizens")));
	json_array_foreach(json_object_get(r, "not_heard"), i, x)
		json_array_append_new(heard, json_pack("[O,I,I]", json_object_get(x, "group"),
			report_num(x, "registered"), report_num(x, "not_heard")));
	vk_doc_heading(d, 2, "Engagements by kind, and those with citizens present");
	vk_doc_table(d, kind_cols, 3, kinds, "No engagement in this period.");
	vk_doc_heading(d, 2, "Registered stakeholders not heard in this period");
	vk_doc_table(d, heard_cols, 3, heard, "No stakeholder in the register.");
	json_decref(kinds);
	json_decref(heard);
}

void report_grid_title(json_t *r, struct strbuf *title, struct strbuf *sub)
{
	(void)r;
	(void)sub;
	strbuf_addstr(title, "Stakeholders by power and interest");
}

/* The grid: the chart of the quadrants, then a table of each quadrant's stakeholders. */
void report_grid_render(struct vk_doc *d, json_t *r)
{
	static const char *const cols[] = { "id", "name", "group", "town", "influence", "interest" };
	struct strbuf sb = STRBUF_INIT;
	size_t i;
	json_t *q;

	vk_doc_chart(d, "grid", "Power and interest", r);
	json_array_foreach(json_object_get(r, "quadrants"), i, q) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s (%lld): influence %s, interest %s", report_str(q, "quadrant"),
			    (long long)report_num(q, "count"), report_str(q, "influence"), report_str(q, "interest"));
		vk_doc_heading(d, 2, sb.buf);
		report_record_table(d, json_object_get(q, "stakeholders"), cols, 6, NULL, "Nobody.");
	}
	if (report_num(r, "unplaced")) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%lld stakeholders have no influence or interest set and are not placed.",
			    (long long)report_num(r, "unplaced"));
		vk_doc_para(d, sb.buf);
	}
	strbuf_release(&sb);
}

void report_themes_title(json_t *r, struct strbuf *title, struct strbuf *sub)
{
	(void)r;
	(void)sub;
	strbuf_addstr(title, "Themes: what was said, and the trials that serve them");
}

/* Themes: a table of the counts, then each theme's quotes. */
void report_themes_render(struct vk_doc *d, json_t *r)
{
	static const char *const cols[] = { "theme", "inputs", "trials", "engagements" };
	json_t *rows = json_array();
	struct strbuf sb = STRBUF_INIT;
	size_t i, k;
	json_t *t, *q;

	json_array_foreach(json_object_get(r, "themes"), i, t)
		json_array_append_new(rows, json_pack("[O,I,I,I]", json_object_get(t, "theme"),
			report_num(t, "inputs"), report_num(t, "trials"), report_num(t, "engagements")));
	vk_doc_table(d, cols, 4, rows, "No themes yet.");
	json_decref(rows);
	json_array_foreach(json_object_get(r, "themes"), i, t) {
		if (!json_array_size(json_object_get(t, "quotes")))
			continue;
		vk_doc_heading(d, 2, report_str(t, "theme"));
		json_array_foreach(json_object_get(t, "quotes"), k, q) {
			strbuf_reset(&sb);
			strbuf_addf(&sb, "\"%s\"", report_str(q, "text"));
			if (report_str(q, "source"))
				strbuf_addf(&sb, " (%s)", report_str(q, "source"));
			vk_doc_item(d, "-", NULL, sb.buf);
		}
	}
	strbuf_release(&sb);
}

void report_trials_title(json_t *r, struct strbuf *title, struct strbuf *sub)
{
	(void)sub;
	strbuf_addf(title, "The trial portfolio: %lld trial%s", (long long)report_num(r, "total"),
		    report_num(r, "total") == 1 ? "" : "s");
}

static void report_trials_goals(struct vk_doc *d, json_t *r);

/* Trials: the chart by status, tables by round and by department, and the goals each trial serves. */
void report_trials_render(struct vk_doc *d, json_t *r)
{
	size_t i;

	report_status_chart(d, json_object_get(r, "by_status"));
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
			json_t *row = json_pack("[OI]", json_object_get(x, key), report_num(x, "count"));
			for (size_t s = 0; s < vk_vocab_trial_status.count; s++)
				json_array_append_new(row, json_integer(report_num(json_object_get(x, "by_status"),
									    vk_vocab_trial_status.values[s])));
			json_array_append_new(rows, row);
		}
		vk_doc_heading(d, 2, k ? "By department" : "By round");
		vk_doc_table(d, headers, 2 + vk_vocab_trial_status.count, rows, "No trials.");
		json_decref(rows);
	}
	report_trials_goals(d, r);
}

/* Each trial and the goals it serves (when the process has goals: r has "goals"). */
static void report_trials_goals(struct vk_doc *d, json_t *r)
{
	static const char *const cols[] = { "id", "trial", "status", "round", "goals" };
	json_t *list = json_object_get(r, "goals");
	json_t *rows;
	size_t i, k;
	json_t *t, *g;

	if (!list)
		return;
	rows = json_array();
	json_array_foreach(list, i, t) {
		struct strbuf sb = STRBUF_INIT;
		json_array_foreach(json_object_get(t, "goals"), k, g) {
			strbuf_addf(&sb, "%s%lld", k ? "; " : "", (long long)report_num(g, "id"));
			if (report_str(g, "title"))
				strbuf_addf(&sb, " %s", report_str(g, "title"));
		}
		json_array_append_new(rows, json_pack("[O,O,O,O,s]", json_object_get(t, "id"),
			json_object_get(t, "title"), json_object_get(t, "status"), json_object_get(t, "round"),
			sb.buf));
		strbuf_release(&sb);
	}
	vk_doc_heading(d, 2, "The goals each trial serves");
	vk_doc_table(d, cols, 5, rows, "No trials.");
	json_decref(rows);
}

void report_timeline_title(json_t *r, struct strbuf *title, struct strbuf *sub)
{
	strbuf_addstr(title, "Timeline");
	if (report_str(r, "from"))
		strbuf_addf(sub, "%s to %s", report_str(r, "from"), report_str(r, "to"));
}

/* The timeline: its chart, then a table of its rows. */
void report_timeline_render(struct vk_doc *d, json_t *r)
{
	static const char *const cols[] = { "kind", "id", "title", "start", "end", "status" };

	vk_doc_chart(d, "timeline", "Milestones and trials", r);
	report_record_table(d, json_object_get(r, "rows"), cols, 6, NULL, "Nothing with dates yet.");
}

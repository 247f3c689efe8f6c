/* render_weekly.c: the weekly status as a document (report-internal.h) */
#include <string.h>
#include "report-internal.h"

void report_weekly_title(json_t *r, struct strbuf *title, struct strbuf *sub)
{
	strbuf_addf(title, "%s, week %s", report_str(r, "title"), report_str(r, "week") + 6);
	report_human_day(report_str(r, "from"), sub);
	strbuf_addstr(sub, " to ");
	report_human_day(report_str(r, "to"), sub);
	strbuf_addf(sub, " (%s)", report_str(r, "week"));
}

/* What needs attention: a list, "!" for what is late, "?" for what waits for a decision. */
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
		const char *kind = report_str(a, "kind");
		bool question = !strcmp(kind, "waiting proposal");
		vk_doc_item(d, question ? "?" : "!", question ? "question" : "attention", report_str(a, "text"));
	}
}

/* The milestones m of weekly report r: done, due, overdue, moved. */
static void weekly_milestones(struct vk_doc *d, json_t *m, json_t *r)
{
	/* a meeting's hour beside its day (empty for one of a whole day) */
	static const char *const cols[] = { "id", "due", "time", "title", "kind", "place" };
	static const char *const done_cols[] = { "id", "done", "time", "title", "kind", "place" };
	json_t *moved = json_object_get(m, "moved");
	struct strbuf sb = STRBUF_INIT;
	size_t i;
	json_t *mv;

	vk_doc_heading(d, 1, "Milestones");
	vk_doc_heading(d, 2, "Done this week");
	report_record_table(d, json_object_get(m, "done"), done_cols, 6, NULL, "None.");
	strbuf_addf(&sb, "Due in the next %lld week%s", (long long)report_num(r, "ahead"),
		    report_num(r, "ahead") == 1 ? "" : "s");
	vk_doc_heading(d, 2, sb.buf);
	report_record_table(d, json_object_get(m, "due"), cols, 6, NULL, "None.");
	vk_doc_heading(d, 2, "Overdue");
	report_record_table(d, json_object_get(m, "overdue"), cols, 6, NULL, "None.");
	vk_doc_heading(d, 2, "Moved this week");
	json_t *rows = json_array();
	json_array_foreach(moved, i, mv) {
		json_t *ms = json_object_get(mv, "milestone");
		json_array_append_new(rows, json_pack("[O,O,O,O,I,O]", json_object_get(ms, "id"),
			json_object_get(ms, "title"), json_object_get(mv, "from"), json_object_get(mv, "to"),
			report_num(mv, "slip"), json_object_get(mv, "reason")));
	}
	static const char *const moved_cols[] = { "id", "title", "from", "to", "slip (days)", "reason" };
	vk_doc_table(d, moved_cols, 6, rows, "None.");
	json_decref(rows);
	strbuf_release(&sb);
}

/* The trials t of the week: by status, moves, late, waiting, learnings. */
static void weekly_trials(struct vk_doc *d, json_t *t)
{
	static const char *const late_cols[] = { "id", "title", "status", "end", "department" };
	static const char *const wait_cols[] = { "id", "title", "department", "start", "end" };
	static const char *const learn_cols[] = { "trial", "date", "text" };
	json_t *rows = json_array();
	size_t i;
	json_t *mv;

	vk_doc_heading(d, 1, "Trials");
	report_status_chart(d, json_object_get(t, "by_status"));
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
	report_record_table(d, json_object_get(t, "late"), late_cols, 5, NULL, "None.");
	vk_doc_heading(d, 2, "Proposals waiting for a decision");
	report_record_table(d, json_object_get(t, "waiting"), wait_cols, 5, NULL, "None.");
	vk_doc_heading(d, 2, "Learnings written this week");
	report_record_table(d, json_object_get(t, "learnings"), learn_cols, 3, NULL, "None.");
	json_decref(rows);
}

/* The engagement g of weekly report r: activities, people reached, gaps. */
static void weekly_engagement(struct vk_doc *d, json_t *g, json_t *r)
{
	static const char *const act_cols[] = { "date", "kind", "title", "town" };
	json_t *gaps = json_object_get(g, "gaps");
	json_t *rows;
	struct strbuf sb = STRBUF_INIT;
	size_t i;
	json_t *x;

	vk_doc_heading(d, 1, "Engagement");
	vk_doc_heading(d, 2, "This week's activities");
	report_record_table(d, json_object_get(g, "activities"), act_cols, 4, NULL, "None.");
	vk_doc_heading(d, 2, "People reached, by group and town");
	report_reach_table(d, json_object_get(g, "reached"), json_object_get(g, "total"),
			   "Nobody this week.");
	strbuf_addf(&sb, "Not reached in the last %lld week%s", (long long)report_num(r, "gap"),
		    report_num(r, "gap") == 1 ? "" : "s");
	vk_doc_heading(d, 2, sb.buf);
	if (json_is_null(gaps)) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "Not judged: %s.", report_str(g, "not_judged"));
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

/* The measurements of the week (only when the process has goals: r has "measurements"). */
static void weekly_measurements(struct vk_doc *d, json_t *r)
{
	static const char *const cols[] = { "date", "goal", "title", "value", "respondents", "source" };
	json_t *ms = json_object_get(r, "measurements");
	json_t *rows;
	size_t i;
	json_t *m;

	if (!ms)
		return;
	rows = json_array();
	json_array_foreach(ms, i, m) {
		struct strbuf sb = STRBUF_INIT;
		const char *unit = report_str(m, "unit");
		json_t *v = json_object_get(m, "value");
		if (json_is_number(v)) {
			report_decimal(&sb, json_number_value(v), 2, true);
			if (unit && *unit)
				strbuf_addf(&sb, "%s%s", strcmp(unit, "%") ? " " : "", unit);
		}
		json_t *n = json_object_get(m, "respondents"), *src = json_object_get(m, "source");
		json_array_append_new(rows, json_pack("[O,O,O,s,O,O]", json_object_get(m, "date"),
			json_object_get(m, "goal"), json_object_get(m, "goal_title"), sb.buf,
			n ? n : json_null(), src ? src : json_null()));
		strbuf_release(&sb);
	}
	vk_doc_heading(d, 1, "Goals");
	vk_doc_heading(d, 2, "Measurements this week");
	vk_doc_table(d, cols, 6, rows, "None.");
	json_decref(rows);
}

void report_weekly_render(struct vk_doc *d, json_t *r)
{
	weekly_attention(d, r);
	weekly_milestones(d, json_object_get(r, "milestones"), r);
	weekly_trials(d, json_object_get(r, "trials"));
	weekly_engagement(d, json_object_get(r, "engagement"), r);
	weekly_measurements(d, r);
}

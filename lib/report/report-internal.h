/*
 * report-internal.h: what the files of lib/report/ share, and nothing
 * outside them includes. Each kind of report (kinds.c) is a builder
 * (weekly.c, coverage.c, ...: the store's records made a JSON object), a
 * title and a document (render_weekly.c, render_tables.c) and, for a
 * table, its rows (rows.c).
 */
#ifndef VK_REPORT_INTERNAL_H
#define VK_REPORT_INTERNAL_H

#include "record.h"
#include "report.h"
#include "schema.h"

/* ---- building (build.c); the documents read with report_str() too ---- */

/* The string at key of object o, or NULL. */
const char *report_str(json_t *o, const char *key);

/* The records of a query of e (filters f[0..nf), sorted by sort) as a new array. */
json_t *report_records(struct vk_store *s, const struct vk_entity *e, const struct vk_filter *f,
		       size_t nf, const char *sort);

/* The trials by status, every status of the vocabulary (0 when none): a new object. */
json_t *report_status_counts(struct vk_store *s);

/* {named, headcount, total} summed over rows (vk_store_reach()): a new object. */
json_t *report_reach_total(json_t *rows);

/* The participants of rows (vk_store_reach()) who have no stakeholder record. */
json_int_t report_reach_unknown(json_t *rows);

/* ---- the builders: each kind's build (vk_report_kind) ---- */

json_t *report_weekly(struct vk_store *s, const struct vk_report_params *p);
json_t *report_coverage(struct vk_store *s, const struct vk_report_params *p);
json_t *report_grid(struct vk_store *s, const struct vk_report_params *p);
json_t *report_themes(struct vk_store *s, const struct vk_report_params *p);
json_t *report_trials(struct vk_store *s, const struct vk_report_params *p);
json_t *report_timeline(struct vk_store *s, const struct vk_report_params *p);
json_t *report_barometer(struct vk_store *s, const struct vk_report_params *p);

/*
 * ---- the survey arithmetic of the barometer (barometer.c), over record.h's
 * vk_goal_margin() and vk_goal_significant(), with "cannot be judged" ----
 */

/*
 * The 95% margin of error, in percentage points, of a survey's percent
 * (0-100) resting on respondents answers: 1.96 * sqrt(p(1 - p) / n) with
 * p = percent / 100, times 100. -1 when it has none (no respondents, a
 * percent outside 0-100).
 */
double report_goal_margin(double percent, long long respondents);

/*
 * Whether the change from survey p1 (percent, of n1 answers) to p2 (of n2)
 * is significant at 95%: |p2 - p1| > 1.96 * sqrt(p1(1 - p1)/n1 + p2(1 - p2)/n2),
 * the shares as fractions. 1 or 0; -1 when it cannot be judged.
 */
int report_goal_significant(double p1, long long n1, double p2, long long n2);

/* ---- documents (render.c) ---- */

/* The integer at key of object o (0 when none). */
json_int_t report_num(json_t *o, const char *key);
/* Appends the YYYY-MM-DD day iso as people read it ("26 June 2020"); any other text as it is. */
void report_human_day(const char *iso, struct strbuf *out);

/*
 * A table of records (an array of objects), a row each: the values of
 * fields[0..n), under headers (NULL: the field names). An empty list
 * prints empty instead (vk_doc_table()).
 */
void report_record_table(struct vk_doc *d, json_t *records, const char *const *fields, size_t n,
			 const char *const *headers, const char *empty);

/*
 * The table of people reached by group and town (rows of
 * vk_store_reach()), with a last line "all" of total when it has rows.
 */
void report_reach_table(struct vk_doc *d, json_t *rows, json_t *total, const char *empty);

/* The bar chart "Trials by status" of by (status: n), in the vocabulary's order. */
void report_status_chart(struct vk_doc *d, json_t *by);

/* ---- each kind's title and document (render_weekly.c, render_tables.c) ---- */

void report_weekly_title(json_t *r, struct strbuf *title, struct strbuf *subtitle);
void report_weekly_render(struct vk_doc *d, json_t *r);
void report_coverage_title(json_t *r, struct strbuf *title, struct strbuf *subtitle);
void report_coverage_render(struct vk_doc *d, json_t *r);
void report_grid_title(json_t *r, struct strbuf *title, struct strbuf *subtitle);
void report_grid_render(struct vk_doc *d, json_t *r);
void report_themes_title(json_t *r, struct strbuf *title, struct strbuf *subtitle);
void report_themes_render(struct vk_doc *d, json_t *r);
void report_trials_title(json_t *r, struct strbuf *title, struct strbuf *subtitle);
void report_trials_render(struct vk_doc *d, json_t *r);
void report_timeline_title(json_t *r, struct strbuf *title, struct strbuf *subtitle);
void report_timeline_render(struct vk_doc *d, json_t *r);
void report_barometer_title(json_t *r, struct strbuf *title, struct strbuf *subtitle);
void report_barometer_render(struct vk_doc *d, json_t *r);

/* ---- numbers for people (render.c) ---- */

/*
 * Appends v with decimals places (0-3) and a "." (never the locale's
 * decimal comma); trim drops trailing zeros of the fraction (42.50 as
 * 42.5, 60.00 as 60).
 */
void report_decimal(struct strbuf *sb, double v, int decimals, bool trim);

/* ---- rows of the tables (rows.c): each kind's rows ---- */

/* The report's own "rows", as they are (coverage, trials, timeline). */
json_t *report_rows_listed(json_t *r, const char *const *columns, size_t ncolumns);
/* A row a stakeholder: its quadrant, then its fields columns[1..). */
json_t *report_grid_rows(json_t *r, const char *const *columns, size_t ncolumns);
/* A row a theme, its quotes' texts as a list. */
json_t *report_themes_rows(json_t *r, const char *const *columns, size_t ncolumns);
/* A row a goal: its theme, fields and where it stands (render_barometer.c). */
json_t *report_barometer_rows(json_t *r, const char *const *columns, size_t ncolumns);

#endif

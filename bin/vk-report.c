/*
 * vk-report: what the steering group, the coordinator and the analyst
 * read: the weekly status and the reports around it. It only reads: the
 * database, or with --input a stream of records the other programs
 * printed. See vk-report(1).
 */
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "date.h"
#include "doc.h"
#include "error.h"
#include "render.h"
#include "report.h"
#include "store.h"
#include "utf8.h"
#include "verbs.h"
#include "writer.h"

/* What every report takes: --input, -o, --db. */
struct report_args {
	const char *input;
	const char *format;
};

#define REPORT_OPTIONS(ctx, a, formats)						\
	VK_OPT_STR(0, "input", &(a)->input, "FILE",				\
		   "read records (JSON Lines or JSON, - for stdin) instead of the database"), \
	VK_OPT_STR('o', "format", &(a)->format, "FORMAT", formats),		\
	VK_OPT_DB(ctx)

static const char people_formats[] = "text, markdown, html or json (default: text)";
static const char table_formats[] =
	"text, markdown, html, json, csv, tsv or jsonl (default: text)";

/* The store a report reads: the database, or the stream of --input loaded into a temporary one. */
static struct vk_store *open_source(struct vk_context *ctx, const struct report_args *a)
{
	if (!a->input)
		return vk_store_open(ctx->db_path, VK_STORE_READ);
	FILE *in = vk_open_input(a->input);
	struct vk_store *s = vk_report_load(in, strcmp(a->input, "-") ? a->input : "stdin");
	if (in != stdin)
		fclose(in);
	return s;
}

static _Noreturn void not_a_format(struct vk_context *ctx, const char *name, bool tabular)
{
	struct strbuf q = STRBUF_INIT;

	utf8_addquoted(&q, name);
	vk_usage_error(ctx, "-o: %s is not a format of this report; use %s", q.buf,
		       tabular ? table_formats : people_formats);
}

/* Prints report r in the format asked: for people through doc.h, for programs as rows. */
static int print_report(struct vk_context *ctx, const struct report_args *a, json_t *r,
			bool tabular)
{
	const char *name = a->format ? a->format : "text";
	int doc = vk_doc_format_from_name(name);

	if (doc >= 0) {
		vk_check_write(vk_render(stdout, r, (enum vk_doc_format)doc));
		return VK_EXIT_OK;
	}
	if (!strcmp(name, "json")) {
		vk_check_write(json_dumpf(r, stdout, JSON_INDENT(1)) ? -1 : 0);
		vk_check_write(putchar('\n') == EOF ? -1 : 0);
		return VK_EXIT_OK;
	}
	enum vk_format f = vk_format_from_name(name);
	if (!tabular || (f != VK_FORMAT_CSV && f != VK_FORMAT_TSV && f != VK_FORMAT_JSONL))
		not_a_format(ctx, name, tabular);
	const char *const *cols;
	size_t ncols;
	json_t *rows = vk_report_rows(r, &cols, &ncols);
	struct vk_writer_options wo = { f, false, false };
	struct vk_writer *w = vk_writer_open(stdout, &wo, cols, ncols);
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
		vk_check_write(vk_writer_row(w, row));
	vk_check_write(vk_writer_close(w));
	json_decref(rows);
	return VK_EXIT_OK;
}

/* Says on stderr what a report over a partial stream could not count as usual. */
static void warn_partial(const struct report_args *a, json_t *counts)
{
	json_int_t unknown = json_integer_value(json_object_get(counts, "unknown"));
	const char *why = json_string_value(json_object_get(counts, "not_judged"));

	if (unknown)
		vk_warn("%lld participant%s had no stakeholder record in the %s (counted as unknown)",
			(long long)unknown, unknown == 1 ? "" : "s", a->input ? "stream" : "database");
	if (why)
		vk_warn("%s: coverage cannot be judged, so the groups and towns not reached are left out",
			why);
}

/* Checks -o before any work is done. */
static void check_format(struct vk_context *ctx, const struct report_args *a, bool tabular)
{
	const char *name = a->format;

	if (!name || vk_doc_format_from_name(name) >= 0 || !strcmp(name, "json"))
		return;
	enum vk_format f = vk_format_from_name(name);
	if (!tabular || (f != VK_FORMAT_CSV && f != VK_FORMAT_TSV && f != VK_FORMAT_JSONL))
		not_a_format(ctx, name, tabular);
}

static long long whole(struct vk_context *ctx, const char *option, long long v, long long max)
{
	if (v < 0 || v > max)
		vk_usage_error(ctx, "--%s: %lld is out of range (0-%lld)", option, v, max);
	return v;
}

static int cmd_weekly(int argc, char **argv, struct vk_context *ctx)
{
	struct report_args a = { NULL, NULL };
	const char *week = NULL, *title = NULL;
	long long ahead = 3, gap = 4;
	struct vk_option opts[] = {
		VK_OPT_STR(0, "week", &week, "YYYY-Www", "the ISO week (default: this week)"),
		VK_OPT_NUM(0, "ahead", &ahead, "N", "milestones due in the next N weeks (default 3)"),
		VK_OPT_NUM(0, "gap", &gap, "N", "groups and towns not reached for N weeks (default 4)"),
		VK_OPT_STR(0, "title", &title, "TEXT", "the report's title (default: Weekly status)"),
		REPORT_OPTIONS(ctx, &a, people_formats), VK_OPT_END_LIST
	};
	struct strbuf err = STRBUF_INIT;
	struct vk_weekly_options o = { 0, vk_today(), 3, 4, NULL, false };
	int n = vk_parse_options(ctx, argc, argv, opts, "weekly [options]",
		"The steering group's weekly status: what needs attention first, then milestones, "
		"trials and engagement for the ISO week.");

	if (n)
		vk_unexpected_argument(ctx, argv[0]);
	check_format(ctx, &a, false);
	o.ahead = (int)whole(ctx, "ahead", ahead, 520);
	o.gap = (int)whole(ctx, "gap", gap, 520);
	o.title = title;
	o.stream = a.input != NULL;
	if (week) {
		vk_date d;
		int y, w;
		char extra;
		if (sscanf(week, "%4d-W%2d%c", &y, &w, &extra) != 2 ||
		    vk_date_parse(week, VK_DATE_START, &d, &err)) {
			/* the date module's reason, without its list of date forms */
			char *reason = strstr(err.buf, ": ");
			char *forms = strstr(err.buf, "; use ");
			if (forms)
				*forms = '\0';
			/* a bad value is bad data (65), as in every date option */
			struct strbuf q = STRBUF_INIT;
			utf8_addquoted(&q, week);
			vk_die(VK_EXIT_DATAERR, "--week: %s is not an ISO week such as 2020-W26%s%s",
			       q.buf, reason ? ": " : "", reason ? reason + 2 : "");
		}
		o.monday = d;
	} else {
		o.monday = o.today - (vk_date_weekday(o.today) - 1);
	}
	struct vk_store *s = open_source(ctx, &a);
	json_t *r = vk_report_weekly(s, &o);
	vk_store_close(s);
	warn_partial(&a, json_object_get(r, "engagement"));
	print_report(ctx, &a, r, false);
	json_decref(r);
	strbuf_release(&err);
	return VK_EXIT_OK;
}

static int cmd_coverage(int argc, char **argv, struct vk_context *ctx)
{
	struct report_args a = { NULL, NULL };
	const char *since = NULL, *until = NULL;
	struct vk_option opts[] = {
		VK_OPT_STR(0, "since", &since, "DATE", "engagements on or after DATE"),
		VK_OPT_STR(0, "until", &until, "DATE", "engagements on or before DATE"),
		REPORT_OPTIONS(ctx, &a, table_formats), VK_OPT_END_LIST
	};
	char from[11], to[11];
	int n = vk_parse_options(ctx, argc, argv, opts, "coverage [options]",
		"Engagement by group and town: named participants (each once) and headcounts, "
		"apart and together.");

	if (n)
		vk_unexpected_argument(ctx, argv[0]);
	check_format(ctx, &a, true);
	if (since)
		vk_date_option("--since", since, VK_DATE_START, from);
	if (until)
		vk_date_option("--until", until, VK_DATE_END, to);
	struct vk_store *s = open_source(ctx, &a);
	json_t *r = vk_report_coverage(s, since ? from : NULL, until ? to : NULL);
	vk_store_close(s);
	warn_partial(&a, r);
	print_report(ctx, &a, r, true);
	json_decref(r);
	return VK_EXIT_OK;
}

/* grid, themes, trials, timeline: no options of their own. */
static int simple_report(int argc, char **argv, struct vk_context *ctx, const char *description,
			 json_t *(*build)(struct vk_store *s))
{
	struct report_args a = { NULL, NULL };
	struct vk_option opts[] = { REPORT_OPTIONS(ctx, &a, table_formats), VK_OPT_END_LIST };
	char usage[64];

	snprintf(usage, sizeof(usage), "%s [options]", ctx->command->name);
	if (vk_parse_options(ctx, argc, argv, opts, usage, description))
		vk_unexpected_argument(ctx, argv[0]);
	check_format(ctx, &a, true);
	struct vk_store *s = open_source(ctx, &a);
	json_t *r = build(s);
	vk_store_close(s);
	print_report(ctx, &a, r, true);
	json_decref(r);
	return VK_EXIT_OK;
}

static json_t *timeline_today(struct vk_store *s)
{
	return vk_report_timeline(s, vk_today());
}

static int cmd_grid(int argc, char **argv, struct vk_context *ctx)
{
	return simple_report(argc, argv, ctx, "Stakeholders in the power/interest grid: manage "
			     "closely, keep satisfied, keep informed, monitor.", vk_report_grid);
}

static int cmd_themes(int argc, char **argv, struct vk_context *ctx)
{
	return simple_report(argc, argv, ctx, "Inputs and trials by theme, with up to three "
			     "quotes and their attribution.", vk_report_themes);
}

static int cmd_trials(int argc, char **argv, struct vk_context *ctx)
{
	return simple_report(argc, argv, ctx, "The trial portfolio by round, status and "
			     "department, with counts.", vk_report_trials);
}

static int cmd_timeline(int argc, char **argv, struct vk_context *ctx)
{
	return simple_report(argc, argv, ctx, "Milestones and trials on a time axis (text draws "
			     "it with characters, HTML as an SVG Gantt chart).", timeline_today);
}

static const struct vk_command commands[] = {
	{ "weekly", cmd_weekly, NULL, "the steering group's weekly status", NULL },
	{ "coverage", cmd_coverage, NULL, "engagement by group and town", NULL },
	{ "grid", cmd_grid, NULL, "stakeholders by power and interest", NULL },
	{ "themes", cmd_themes, NULL, "inputs and trials by theme, with quotes", NULL },
	{ "trials", cmd_trials, NULL, "the trial portfolio by round, status and department", NULL },
	{ "timeline", cmd_timeline, NULL, "milestones and trials on a time axis", NULL },
	{ NULL, NULL, NULL, NULL, NULL }
};

static const struct vk_program program = {
	"vk-report",
	"Reports on a vision process: the weekly status for the steering group, and coverage, "
	"grid, themes, trials and timeline.",
	commands
};

int main(int argc, char **argv)
{
	return vk_main(&program, argc, argv);
}

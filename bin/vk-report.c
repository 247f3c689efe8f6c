/*
 * vk-report: what the steering group, the coordinator and the analyst
 * read: the weekly status and the reports around it. It only reads: the
 * database, or with --input a stream of records the other programs
 * printed. See vk-report(1).
 *
 * Its commands are the kinds of report (report.h): this file reads the
 * options, the kind builds and prints.
 */
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "date.h"
#include "error.h"
#include "report.h"
#include "utf8.h"
#include "store.h"
#include "util.h"
#include "verbs.h"

/* What every report takes: --input, -o and --db; and the options of a few. */
struct report_args {
	const char *input;
	const char *format;
	const char *week, *title;	/* VK_REPORT_TAKES_WEEK */
	long long ahead, gap;
	const char *since, *until;	/* VK_REPORT_TAKES_PERIOD */
	const char *as_of, *theme;	/* VK_REPORT_TAKES_GOALS */
	json_t *to;			/* -o email: --to (an array), --from, --subject */
	const char *from, *subject;
};

#define REPORT_OPTIONS(ctx, a, formats)						\
	VK_OPT_STR(0, "input", &(a)->input, "FILE",				\
		   "read records (JSON Lines or JSON, - for stdin) instead of the database"), \
	VK_OPT_STR('o', "format", &(a)->format, "FORMAT", formats),		\
	VK_OPT_LIST(0, "to", (a)->to, "ADDRESS",				\
		    "-o email: a recipient (repeat or ADDRESS,ADDRESS)"),	\
	VK_OPT_STR(0, "from", &(a)->from, "ADDRESS", "-o email: the sender"),	\
	VK_OPT_STR(0, "subject", &(a)->subject, "TEXT",			\
		   "-o email: the subject (default: the report's title)"),	\
	VK_OPT_DB(ctx)

static const char people_formats[] =
	"text, markdown, html or json, or email for sendmail -t (default: text)";
static const char table_formats[] =
	"text, markdown, html, json, csv, tsv or jsonl, or email for sendmail -t (default: text)";

/*
 * Appends to list the addresses of one --to, split at the commas that
 * are not inside a quoted name or <...> ("Hansen, Bo" <bo@example.dk>).
 */
static void split_addresses(const char *value, struct strbuf *store, json_t *list)
{
	bool quoted = false, angle = false;
	const char *start = value;

	for (const char *p = value;; p++) {
		if (*p == '"' && (p == value || p[-1] != '\\'))
			quoted = !quoted;
		else if (*p == '<' && !quoted)
			angle = true;
		else if (*p == '>' && !quoted)
			angle = false;
		if (*p && (*p != ',' || quoted || angle))
			continue;
		const char *a = start, *b = p;
		while (a < b && *a == ' ')
			a++;
		while (b > a && b[-1] == ' ')
			b--;
		strbuf_reset(store);
		strbuf_add(store, a, (size_t)(b - a));
		if (store->len)
			json_array_append_new(list, json_string(store->buf));
		if (!*p)
			break;
		start = p + 1;
	}
}

/*
 * The headers of -o email from --to, --from and --subject (a --title
 * is the subject when there is no --subject), checked before any work:
 * a value that could start a header of its own exits 65. Other formats
 * take none of them (usage). The addresses are kept in *to, which the
 * caller releases after printing.
 */
static void read_mail(struct vk_context *ctx, const struct report_args *a,
		      struct vk_report_format *f, json_t **to, const char ***addresses)
{
	struct strbuf why = STRBUF_INIT, one = STRBUF_INIT;
	size_t i, n;
	json_t *v;

	if (f->as != VK_REPORT_AS_MAIL) {
		if (json_array_size(a->to) || a->from || a->subject)
			vk_usage_error(ctx, "%s: only with -o email",
				       json_array_size(a->to) ? "--to" : a->from ? "--from" : "--subject");
		return;
	}
	*to = json_array();
	json_array_foreach(a->to, i, v)
		split_addresses(json_string_value(v), &one, *to);
	n = json_array_size(*to);
	*addresses = vk_calloc(n + 1, sizeof(**addresses));
	json_array_foreach(*to, i, v)
		(*addresses)[i] = json_string_value(v);
	f->mail = (struct vk_mail){ .from = a->from, .to = *addresses,
				    .subject = a->subject ? a->subject : a->title };
	if (!vk_mail_check(&f->mail, &why)) {
		/* --title stands for the subject when there is none */
		if (!a->subject && a->title && !strncmp(why.buf, "--subject", 9))
			vk_die(VK_EXIT_DATAERR, "--title%s", why.buf + 9);
		vk_die(VK_EXIT_DATAERR, "%s", why.buf);
	}
	/* the weekly's subject is its whole title (the week in it), made by the report */
	if (!a->subject)
		f->mail.subject = NULL;
	strbuf_release(&one);
}

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

static long long whole(struct vk_context *ctx, const char *option, long long v, long long max)
{
	if (v < 0 || v > max)
		vk_usage_error(ctx, "--%s: %lld is out of range (0-%lld)", option, v, max);
	return v;
}

/* The Monday of --week (an ISO week such as 2020-W26); a bad one exits 65. */
static vk_date week_monday(const char *week)
{
	struct strbuf err = STRBUF_INIT;
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
	strbuf_release(&err);
	return d;
}

/* Appends the n options of list to opts at *len. */
static void add_options(struct vk_option *opts, size_t *len, const struct vk_option *list, size_t n)
{
	memcpy(opts + *len, list, n * sizeof(*list));
	*len += n;
}

/*
 * Reads the options the report takes beyond its command line's common
 * ones into p (ranges and dates checked: usage errors exit 2, bad dates
 * 65), in the order the usage errors come.
 */
static void read_params(struct vk_context *ctx, const struct vk_report_kind *k,
			const struct report_args *a, struct vk_report_params *p,
			char since[VK_DATE_SIZE], char until[VK_DATE_SIZE])
{
	if (k->takes & VK_REPORT_TAKES_WEEK) {
		p->ahead = (int)whole(ctx, "ahead", a->ahead, 520);
		p->gap = (int)whole(ctx, "gap", a->gap, 520);
		p->title = a->title;
		if (a->week)
			p->monday = week_monday(a->week);
		else
			p->monday = p->today - (vk_date_weekday(p->today) - 1);
	}
	if (k->takes & VK_REPORT_TAKES_PERIOD) {
		if (a->since)
			p->since = vk_date_option("--since", a->since, VK_DATE_START, since);
		if (a->until)
			p->until = vk_date_option("--until", a->until, VK_DATE_END, until);
	}
	if (k->takes & VK_REPORT_TAKES_GOALS) {
		char day[VK_DATE_SIZE];
		p->as_of = p->today;
		if (a->as_of) {
			/* any date form; a bad one exits 65 */
			vk_date_option("--as-of", a->as_of, VK_DATE_END, day);
			vk_date_parse(day, VK_DATE_START, &p->as_of, NULL);
		}
		if (a->theme && !*a->theme)
			vk_usage_error(ctx, "--theme: give a theme's name");
		p->theme = a->theme;
	}
	p->stream = a->input != NULL;
}

/* Every report: its options, then the store, the report built, and printed as -o asks. */
static int cmd_report(int argc, char **argv, struct vk_context *ctx)
{
	const struct vk_report_kind *k = vk_report_kind(ctx->command->name);
	bool tabular = k->columns != NULL;
	struct report_args a = { .ahead = 3, .gap = 4, .to = json_array() };
	json_t *to = NULL;
	const char **addresses = NULL;
	/* the week's default is this week: today is read first */
	struct vk_report_params p = {
		.today = k->takes & (VK_REPORT_TAKES_WEEK | VK_REPORT_TAKES_GOALS) ? vk_today() : 0,
	};
	const struct vk_option week[] = {
		VK_OPT_STR(0, "week", &a.week, "YYYY-Www", "the ISO week (default: this week)"),
		VK_OPT_NUM(0, "ahead", &a.ahead, "N", "milestones due in the next N weeks (default 3)"),
		VK_OPT_NUM(0, "gap", &a.gap, "N", "groups and towns not reached for N weeks (default 4)"),
		VK_OPT_STR(0, "title", &a.title, "TEXT", "the report's title (default: Weekly status)"),
	};
	const struct vk_option period[] = {
		VK_OPT_STR(0, "since", &a.since, "DATE", "engagements on or after DATE"),
		VK_OPT_STR(0, "until", &a.until, "DATE", "engagements on or before DATE"),
	};
	const struct vk_option goals[] = {
		VK_OPT_STR(0, "theme", &a.theme, "THEME", "that theme's goals alone (ignoring case)"),
		VK_OPT_STR(0, "as-of", &a.as_of, "DATE",
			   "the barometer as it stood on DATE: later measurements left out (default: today)"),
	};
	const struct vk_option sheet[] = { VK_OPT_SPREADSHEET(ctx) };
	const struct vk_option common[] = {
		REPORT_OPTIONS(ctx, &a, tabular ? table_formats : people_formats), VK_OPT_END_LIST
	};
	struct vk_option opts[ARRAY_SIZE(week) + ARRAY_SIZE(period) + ARRAY_SIZE(goals) +
			      ARRAY_SIZE(sheet) + ARRAY_SIZE(common)];
	size_t nopts = 0;
	struct vk_report_format f;
	char usage[64], since[VK_DATE_SIZE], until[VK_DATE_SIZE];

	if (k->takes & VK_REPORT_TAKES_WEEK)
		add_options(opts, &nopts, week, ARRAY_SIZE(week));
	if (k->takes & VK_REPORT_TAKES_PERIOD)
		add_options(opts, &nopts, period, ARRAY_SIZE(period));
	if (k->takes & VK_REPORT_TAKES_GOALS)
		add_options(opts, &nopts, goals, ARRAY_SIZE(goals));
	if (tabular)
		add_options(opts, &nopts, sheet, ARRAY_SIZE(sheet));
	add_options(opts, &nopts, common, ARRAY_SIZE(common));
	snprintf(usage, sizeof(usage), "%s [options]", k->name);
	if (vk_parse_options(ctx, argc, argv, opts, usage, k->description))
		vk_unexpected_argument(ctx, argv[0]);
	/* -o before any work is done; --excel is CSV, as for list */
	vk_check_excel(ctx, a.format);
	if (ctx->excel && !a.format)
		a.format = "csv";
	if (vk_report_format(k, a.format, &f) < 0)
		not_a_format(ctx, a.format, tabular);
	if (ctx->raw && (f.as != VK_REPORT_AS_ROWS || f.rows != VK_FORMAT_CSV))
		vk_usage_error(ctx, "--raw keeps the ' off CSV cells: only with -o csv or --excel");
	f.excel = ctx->excel;
	f.raw = ctx->raw;
	read_mail(ctx, &a, &f, &to, &addresses);
	read_params(ctx, k, &a, &p, since, until);

	struct vk_store *s = open_source(ctx, &a);
	json_t *r = k->build(s, &p);
	vk_store_close(s);
	if (k->partial)
		warn_partial(&a, *k->partial ? json_object_get(r, k->partial) : r);
	vk_check_write(vk_report_print(stdout, k, r, &f));
	json_decref(r);
	json_decref(a.to);
	json_decref(to);
	free(addresses);
	return VK_EXIT_OK;
}

int main(int argc, char **argv)
{
	size_t n = 0;

	while (vk_report_kinds[n].name)
		n++;
	struct vk_command *commands = vk_calloc(n + 1, sizeof(*commands));
	for (size_t i = 0; i < n; i++)
		commands[i] = (struct vk_command){
			.name = vk_report_kinds[i].name,
			.run = cmd_report,
			.summary = vk_report_kinds[i].summary,
		};
	const struct vk_program program = {
		.name = "vk-report",
		.summary = "Reports on a vision process: the weekly status for the steering group, "
			   "and coverage, grid, themes, trials, timeline and the barometer of the goals.",
		.commands = commands,
	};
	int rc = vk_main(&program, argc, argv);

	free(commands);
	return rc;
}

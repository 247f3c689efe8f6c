/*
 * chart_text.c: charts drawn with characters for plain-text reports (a
 * mail read in a terminal or a mail client): bars, and a timeline in 80
 * columns.
 */
#include <string.h>
#include "chart_text.h"
#include "date.h"
#include "strbuf.h"
#include "utf8.h"

#define LABEL_WIDTH 24
#define AXIS_WIDTH 52

/* Writes s cut or padded to exactly width columns. */
static void fit(FILE *out, const char *s, size_t width)
{
	struct strbuf sb = STRBUF_INIT;

	for (; *s; s++)
		strbuf_addch(&sb, *s == '\n' || *s == '\t' ? ' ' : *s);
	if (utf8_width(sb.buf) > width) {
		strbuf_setlen(&sb, utf8_prefix_for_width(sb.buf, width - 1));
		strbuf_addstr(&sb, "…");
	}
	fputs(sb.buf, out);
	fprintf(out, "%*s", (int)(width - utf8_width(sb.buf)), "");
	strbuf_release(&sb);
}

/* [[label, n], ...] as bars of '#', the longest AXIS_WIDTH wide. */
static void bars(FILE *out, json_t *data)
{
	long long max = 0;
	size_t i;
	json_t *row;

	json_array_foreach(data, i, row)
		if (json_integer_value(json_array_get(row, 1)) > max)
			max = json_integer_value(json_array_get(row, 1));
	json_array_foreach(data, i, row) {
		long long n = json_integer_value(json_array_get(row, 1));
		long long len = max ? (n * AXIS_WIDTH + max - 1) / max : 0;
		fputs("  ", out);
		fit(out, json_string_value(json_array_get(row, 0)), 12);
		fprintf(out, " %4lld ", n);
		for (long long k = 0; k < len; k++)
			putc('#', out);
		putc('\n', out);
	}
	putc('\n', out);
}

static bool day_of(json_t *o, const char *key, vk_date *d)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s && !vk_date_parse(s, VK_DATE_START, d, NULL);
}

/*
 * The timeline report: a row per milestone or trial, '=' from start to
 * end on a shared axis, '*' for a one-day milestone, '|' for today, with
 * the first day of each month marked on the axis line.
 */
static void timeline(FILE *out, json_t *data)
{
	vk_date from, to, today, a, b;
	json_t *rows = json_object_get(data, "rows");
	size_t i;
	json_t *row;
	char axis[AXIS_WIDTH + 1];

	if (!day_of(data, "from", &from) || !day_of(data, "to", &to))
		return;
	if (!day_of(data, "today", &today))
		today = -1;
	if (today >= 0 && today < from)
		from = today;
	if (today > to)
		to = today;
	long span = to - from + 1;
	/* the axis: month starts */
	memset(axis, '-', AXIS_WIDTH);
	axis[AXIS_WIDTH] = '\0';
	fprintf(out, "  %-*s", LABEL_WIDTH, "");
	for (vk_date d = from; d <= to; d++) {
		int y, m, dd;
		vk_date_to_ymd(d, &y, &m, &dd);
		if (dd == 1 || d == from)
			axis[(d - from) * AXIS_WIDTH / span] = '+';
	}
	fprintf(out, "%s\n", axis);
	fprintf(out, "  %-*s", LABEL_WIDTH, "");
	{
		char first[VK_DATE_SIZE], last[VK_DATE_SIZE];
		vk_date_format(from, first);
		vk_date_format(to, last);
		fprintf(out, "%-*s%s\n", AXIS_WIDTH - 10, first, last);
	}
	json_array_foreach(rows, i, row) {
		char line[AXIS_WIDTH + 1];
		char label[96];
		if (!day_of(row, "start", &a) || !day_of(row, "end", &b))
			continue;
		memset(line, ' ', AXIS_WIDTH);
		line[AXIS_WIDTH] = '\0';
		long x0 = (a - from) * AXIS_WIDTH / span, x1 = (b - from) * AXIS_WIDTH / span;
		const char *kind = json_string_value(json_object_get(row, "kind"));
		bool point = a == b && kind && !strcmp(kind, "milestone");
		for (long x = x0; x <= x1 && x < AXIS_WIDTH; x++)
			line[x] = point ? '*' : '=';
		if (today >= from && today <= to) {
			long x = (today - from) * AXIS_WIDTH / span;
			if (line[x] == ' ')
				line[x] = '|';
		}
		snprintf(label, sizeof(label), "%c%lld %s", kind && !strcmp(kind, "trial") ? 'T' : 'M',
			 (long long)json_integer_value(json_object_get(row, "id")),
			 json_string_value(json_object_get(row, "title")) ?
			 json_string_value(json_object_get(row, "title")) : "");
		fputs("  ", out);
		fit(out, label, LABEL_WIDTH - 1);
		putc(' ', out);
		/* no trailing spaces */
		size_t len = AXIS_WIDTH;
		while (len && line[len - 1] == ' ')
			len--;
		line[len] = '\0';
		fprintf(out, "%s\n", line);
	}
	fprintf(out, "\n  = a trial or a milestone's window   * a milestone's day   | today\n\n");
}

void vk_text_chart(FILE *out, const char *kind, json_t *data)
{
	if (!strcmp(kind, "bars"))
		bars(out, data);
	else if (!strcmp(kind, "timeline"))
		timeline(out, data);
}

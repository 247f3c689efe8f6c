/*
 * svg.c: the charts of HTML reports, drawn as inline SVG (see svg.h).
 *
 * Each chart is one <figure class="chart"> holding an <svg> and a
 * <figcaption>. The svg has a viewBox and width 100%, so it scales to the
 * page (or to A4 when printed); it has a <title> and a <desc> for screen
 * readers, and no script, no style sheet that could leak into the page
 * (colours and fonts are attributes) and no outside assets.
 *
 * Coordinates are whole numbers printed with %d, so no locale can put a
 * decimal comma into them. SVG cannot measure text, so labels are cut to
 * a number of columns guessed from the font size (CHAR_W).
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "date.h"
#include "html.h"
#include "strbuf.h"
#include "svg.h"
#include "utf8.h"
#include "util.h"

#define W 680		/* the viewBox width of every chart (wider only when it must be) */
#define FONT 13		/* the font size of labels, in viewBox units */
#define SMALL 11	/* the font size of ticks, notes and legends */
#define CHAR_W 8	/* a generous guess at the mean width of a character at FONT */
#define SMALL_W 7	/* the same at SMALL */

static const char font_family[] = "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif";

/* Colours: Okabe-Ito (safe for colour blindness) and a sequential blue. */
#define C_TEXT "#222222"
#define C_MUTED "#666666"
#define C_RULE "#d5d9de"
#define C_TRACK "#eef1f5"
#define C_BAR "#0072b2"

/* ---- text and numbers ---- */

/* A json number as a whole number (0 when v is not a number). */
static long number(json_t *v)
{
	double r;

	if (json_is_integer(v))
		return (long)json_integer_value(v);
	r = json_real_value(v);	/* 0 for anything else */
	return r > -1e15 && r < 1e15 ? (long)r : 0;
}

/* The string of v, or "" when v is not a string. */
static const char *string(json_t *v)
{
	const char *s = json_string_value(v);
	return s ? s : "";
}

/*
 * Writes s escaped, cut to at most cols columns and ended with "…" when
 * longer. Control characters (a newline in a title) become spaces: SVG
 * shows them so anyway, and XML does not allow most of them.
 */
static void put_fit(FILE *out, const char *s, size_t cols)
{
	char *t = strdup(s);
	size_t n;

	if (!t)
		return;
	for (n = 0; t[n]; n++)
		if ((unsigned char)t[n] < 0x20 || t[n] == 0x7f)
			t[n] = ' ';
	if (cols < 2)
		cols = 2;
	if (utf8_width(t) <= cols) {
		vk_html_escape(out, t);
	} else {
		n = utf8_prefix_for_width(t, cols - 1);
		while (n > 0 && (t[n - 1] == ' ' || t[n - 1] == ',' || t[n - 1] == ':'))
			n--;
		t[n] = '\0';
		vk_html_escape(out, t);
		fputs("\xe2\x80\xa6", out);	/* … */
	}
	free(t);
}

/* Writes s escaped, whole (for titles and descriptions). */
static void put_text(FILE *out, const char *s)
{
	put_fit(out, s, (size_t)-1);
}

/* Writes <text x y attrs>s</text>, s escaped and cut to cols columns. */
static void text_at(FILE *out, int x, int y, const char *attrs, const char *s, size_t cols)
{
	fprintf(out, "<text x=\"%d\" y=\"%d\"%s%s>", x, y, *attrs ? " " : "", attrs);
	put_fit(out, s, cols);
	fputs("</text>\n", out);
}

/* Writes <text x y attrs>n</text>. */
static void number_at(FILE *out, int x, int y, const char *attrs, long n)
{
	fprintf(out, "<text x=\"%d\" y=\"%d\"%s%s>%ld</text>\n", x, y, *attrs ? " " : "", attrs, n);
}

/* The widest of the strings in array a, in columns, but at most cap. */
static size_t widest(json_t *a, size_t cap)
{
	size_t i, w = 0;
	json_t *v;

	json_array_foreach(a, i, v) {
		size_t vw = utf8_width(string(v));
		if (vw > w)
			w = vw;
	}
	return w < cap ? w : cap;
}

/* Starts the figure and its svg of w × h units, titled caption. */
static void svg_open(FILE *out, const char *kind, int w, int h, const char *caption)
{
	fprintf(out, "<figure class=\"chart chart-%s\">\n", kind);
	fprintf(out, "<svg viewBox=\"0 0 %d %d\" width=\"100%%\" role=\"img\" "
		"preserveAspectRatio=\"xMinYMin meet\" style=\"display:block;height:auto\" "
		"font-family=\"%s\" font-size=\"%d\" fill=\"" C_TEXT "\">\n",
		w, h, font_family, FONT);
	fputs("<title>", out);
	put_text(out, caption && *caption ? caption : kind);
	fputs("</title>\n", out);
}

/* Ends the svg and the figure, with caption below it. */
static void svg_close(FILE *out, const char *caption)
{
	fputs("</svg>\n", out);
	if (caption && *caption) {
		fputs("<figcaption>", out);
		vk_html_escape(out, caption);
		fputs("</figcaption>\n", out);
	}
	fputs("</figure>\n", out);
}

/* A chart with nothing to draw: a short note in place of the picture. */
static void chart_empty(FILE *out, const char *kind, const char *caption, const char *note)
{
	svg_open(out, kind, W, 32, caption);
	fprintf(out, "<desc>%s</desc>\n", note);
	text_at(out, 8, 21, "fill=\"" C_MUTED "\" font-style=\"italic\"", note, 80);
	svg_close(out, caption);
}

/* Writes s with its first letter in capitals (ASCII), escaped, cut to cols. */
static void put_capitalised(FILE *out, const char *s, size_t cols)
{
	if (*s >= 'a' && *s <= 'z') {
		fputc(*s - 'a' + 'A', out);
		s++;
		cols--;
	}
	put_fit(out, s, cols);
}

/* ---- bars: [[label, n], ...] ---- */

/* Horizontal bars, one a row, with the label left and the count right of the bar. */
static void chart_bars(FILE *out, const char *caption, json_t *data)
{
	enum { ROW = 24, BAR = 16, TOP = 6 };
	size_t n = json_array_size(data), i, cols = 0;
	long max = 0;
	int label_w, x0, x1, h;
	json_t *row;

	json_array_foreach(data, i, row) {
		size_t w = utf8_width(string(json_array_get(row, 0)));
		long v = number(json_array_get(row, 1));
		if (w > cols)
			cols = w;
		if (v > max)
			max = v;
	}
	if (n == 0) {
		chart_empty(out, "bars", caption, "Nothing to show.");
		return;
	}
	if (cols > 30)
		cols = 30;
	label_w = (int)cols * CHAR_W + 12;
	x0 = label_w;
	x1 = W - 56;	/* room for the count after the longest bar */
	h = TOP + (int)n * ROW + TOP;

	svg_open(out, "bars", W, h, caption);
	fputs("<desc>", out);
	json_array_foreach(data, i, row) {
		fputs(i ? "; " : "", out);
		put_text(out, string(json_array_get(row, 0)));
		fprintf(out, ": %ld", number(json_array_get(row, 1)));
	}
	fputs("</desc>\n", out);

	json_array_foreach(data, i, row) {
		const char *label = string(json_array_get(row, 0));
		long v = number(json_array_get(row, 1));
		int y = TOP + (int)i * ROW + (ROW - BAR) / 2;
		int bw = v > 0 && max > 0 ? (int)((double)v * (x1 - x0) / (double)max + 0.5) : 0;

		fputs("<g><title>", out);
		put_text(out, label);
		fprintf(out, ": %ld</title>\n", v);
		text_at(out, x0 - 8, y + BAR - 3, "text-anchor=\"end\"", label, cols);
		fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"" C_TRACK "\"/>\n",
			x0, y, x1 - x0, BAR);
		if (v > 0)
			fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"" C_BAR "\"/>\n",
				x0, y, bw < 2 ? 2 : bw, BAR);
		number_at(out, x0 + (bw < 2 ? 2 : bw) + 6, y + BAR - 3,
			  v > 0 ? "font-weight=\"bold\"" : "fill=\"" C_MUTED "\"", v);
		fputs("</g>\n", out);
	}
	svg_close(out, caption);
}

/* ---- heatmap: {"rows": [...], "cols": [...], "cells": [[n...]...]} ---- */

/* Shades of blue from few to many (ColorBrewer Blues), and 0 as white. */
static const char *const heat[] = { "#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c" };
#define NHEAT (ARRAY_SIZE(heat))

/* The shade of v out of max: 0 for the lightest, NHEAT-1 for the darkest. */
static size_t heat_step(long v, long max)
{
	size_t k = (size_t)(((double)v * NHEAT - 1) / (double)max);
	return k < NHEAT ? k : NHEAT - 1;
}

/* A grid of cells shaded by their value, the rows labelled left, the columns on top. */
static void chart_heatmap(FILE *out, const char *caption, json_t *data)
{
	enum { CH = 26, LEG = 40 };
	json_t *rows = json_object_get(data, "rows");
	json_t *cols = json_object_get(data, "cols");
	json_t *cells = json_object_get(data, "cells");
	size_t nr = json_array_size(rows), nc = json_array_size(cols), i, j;
	size_t rcols = widest(rows, 22), ccols = widest(cols, 20);
	long max = 0;
	int x0, cw, top, right = 0, w, h, legend_y;
	bool rotate;

	for (i = 0; i < nr; i++)
		for (j = 0; j < nc; j++) {
			long v = number(json_array_get(json_array_get(cells, i), j));
			if (v > max)
				max = v;
		}
	if (nr == 0 || nc == 0) {
		chart_empty(out, "heatmap", caption, "Nothing to show.");
		return;
	}
	x0 = (int)rcols * CHAR_W + 12;
	/* cells as wide as their labels when there is room (up to 110), else as wide as fits */
	cw = (int)ccols * SMALL_W + 10;
	if (cw < 48)
		cw = 48;
	if (cw > 110)
		cw = 110;
	if (cw > (W - x0 - 8) / (int)nc)
		cw = (W - x0 - 8) / (int)nc;
	if (cw < 30)
		cw = 30;
	/* Column labels lie flat when they fit their column, else they climb at 45°. */
	rotate = (int)ccols * SMALL_W + 6 > cw;
	if (rotate) {
		int len = (int)ccols * SMALL_W;
		top = len * 71 / 100 + 16;
		right = len * 71 / 100 - cw / 2;
		if (right < 0)
			right = 0;
	} else {
		top = 24;
	}
	w = x0 + (int)nc * cw + right + 8;
	if (w < W)
		w = W;
	legend_y = top + (int)nr * CH + 14;
	h = legend_y + LEG - 10;

	svg_open(out, "heatmap", w, h, caption);
	fprintf(out, "<desc>%zu rows by %zu columns; the largest value is %ld.</desc>\n", nr, nc, max);

	/* column labels */
	fprintf(out, "<g font-size=\"%d\">\n", SMALL);
	for (j = 0; j < nc; j++) {
		const char *label = string(json_array_get(cols, j));
		int cx = x0 + (int)j * cw + cw / 2;

		fputs("<g><title>", out);
		put_text(out, label);
		fputs("</title>", out);
		if (rotate) {
			fprintf(out, "<text transform=\"translate(%d,%d) rotate(-45)\">", cx - 3, top - 7);
			put_fit(out, label, ccols);
			fputs("</text>", out);
		} else {
			text_at(out, cx, top - 8, "text-anchor=\"middle\"", label, ccols);
		}
		fputs("</g>\n", out);
	}
	fputs("</g>\n", out);

	/* rows: label, then the cells */
	for (i = 0; i < nr; i++) {
		const char *label = string(json_array_get(rows, i));
		int y = top + (int)i * CH;

		text_at(out, x0 - 8, y + CH / 2 + 5, "text-anchor=\"end\"", label, rcols);
		for (j = 0; j < nc; j++) {
			long v = number(json_array_get(json_array_get(cells, i), j));
			int x = x0 + (int)j * cw;
			size_t k = v > 0 ? heat_step(v, max) : 0;

			fputs("<g><title>", out);
			put_text(out, label);
			fputs(", ", out);
			put_text(out, string(json_array_get(cols, j)));
			fprintf(out, ": %ld</title>", v);
			fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" "
				"stroke=\"" C_RULE "\"/>", x, y, cw, CH, v > 0 ? heat[k] : "#ffffff");
			if (v > 0)
				number_at(out, x + cw / 2, y + CH / 2 + 5, k >= 3 ?
					  "text-anchor=\"middle\" fill=\"#ffffff\"" : "text-anchor=\"middle\"", v);
			else
				fputs("\n", out);
			fputs("</g>\n", out);
		}
	}

	/* legend: the shades and what they stand for */
	fprintf(out, "<g font-size=\"%d\" fill=\"" C_MUTED "\">\n", SMALL);
	fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"18\" height=\"14\" fill=\"#ffffff\" stroke=\"" C_RULE "\"/>\n",
		x0, legend_y);
	text_at(out, x0 + 22, legend_y + 11, "", "none", 8);
	for (size_t k = 0; k < NHEAT; k++)
		fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"18\" height=\"14\" fill=\"%s\" stroke=\"" C_RULE "\"/>\n",
			x0 + 64 + (int)k * 18, legend_y, heat[k]);
	fprintf(out, "<text x=\"%d\" y=\"%d\">fewer to more (up to %ld)</text>\n",
		x0 + 64 + (int)NHEAT * 18 + 6, legend_y + 11, max);
	fputs("</g>\n", out);
	svg_close(out, caption);
}

/* ---- grid: the power/interest grid report ---- */

/* The quadrants as drawn: column (interest) and row (influence, 0 on top). */
static const struct {
	const char *name, *fill;
	int col, row;
} quadrants[] = {
	{ "keep satisfied", "#fcefd9", 0, 0 },
	{ "manage closely", "#f9d9c4", 1, 0 },
	{ "monitor", "#eef0f2", 0, 1 },
	{ "keep informed", "#dfedf8", 1, 1 },
};

/* The quadrant of the report called name, or NULL. */
static json_t *find_quadrant(json_t *report, const char *name)
{
	size_t i;
	json_t *q;

	json_array_foreach(json_object_get(report, "quadrants"), i, q)
		if (strcmp(string(json_object_get(q, "quadrant")), name) == 0)
			return q;
	return NULL;
}

/* The 2×2 power/interest grid: each quadrant with its name, count and first names. */
static void chart_grid(FILE *out, const char *caption, json_t *data)
{
	enum { SHOW = 8, LINE = 17, LEFT = 48, TOP = 6, GAP = 6, BOTTOM = 42 };
	int qw = (W - LEFT - GAP - 8) / 2;
	int qh = 34 + (SHOW + 1) * LINE;
	long unplaced = number(json_object_get(data, "unplaced"));
	int h = TOP + 2 * qh + GAP + BOTTOM + (unplaced > 0 ? 18 : 0);
	size_t name_cols = (size_t)(qw - 20) / CHAR_W;

	svg_open(out, "grid", W, h, caption);
	fputs("<desc>", out);
	for (size_t k = 0; k < 4; k++) {
		json_t *q = find_quadrant(data, quadrants[k].name);
		fprintf(out, "%s%s: %ld", k ? "; " : "", quadrants[k].name,
			number(json_object_get(q, "count")));
	}
	if (unplaced > 0)
		fprintf(out, "; not placed: %ld", unplaced);
	fputs(".</desc>\n", out);

	for (size_t k = 0; k < 4; k++) {
		json_t *q = find_quadrant(data, quadrants[k].name);
		json_t *people = json_object_get(q, "stakeholders");
		long count = q ? number(json_object_get(q, "count")) : 0;
		size_t shown = json_array_size(people);
		int x = LEFT + quadrants[k].col * (qw + GAP);
		int y = TOP + quadrants[k].row * (qh + GAP);

		if (shown > SHOW)
			shown = SHOW;
		fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"4\" fill=\"%s\"/>\n",
			x, y, qw, qh, quadrants[k].fill);
		fprintf(out, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\" font-size=\"%d\">", x + 10, y + 22, FONT + 2);
		put_capitalised(out, quadrants[k].name, 30);
		fputs("</text>\n", out);
		number_at(out, x + qw - 10, y + 23, "text-anchor=\"end\" font-weight=\"bold\" font-size=\"20\"", count);
		fprintf(out, "<g font-size=\"%d\">\n", FONT - 1);
		for (size_t i = 0; i < shown; i++) {
			json_t *s = json_array_get(people, i);
			const char *name = json_is_object(s) ? string(json_object_get(s, "name")) : string(s);
			text_at(out, x + 10, y + 34 + (int)(i + 1) * LINE - 4, "", name, name_cols);
		}
		if (count > (long)shown)
			fprintf(out, "<text x=\"%d\" y=\"%d\" fill=\"" C_MUTED "\" font-style=\"italic\">+%ld more</text>\n",
				x + 10, y + 34 + (int)(shown + 1) * LINE - 4, count - (long)shown);
		fputs("</g>\n", out);
	}

	/* axes: influence up the left side, interest along the bottom */
	{
		int gy0 = TOP, gy1 = TOP + 2 * qh + GAP, gx0 = LEFT, gx1 = LEFT + 2 * qw + GAP;
		int ay = gy1 + 14;

		fprintf(out, "<g font-size=\"%d\" fill=\"" C_MUTED "\" text-anchor=\"middle\">\n", SMALL);
		fprintf(out, "<text transform=\"translate(%d,%d) rotate(-90)\">high</text>\n",
			LEFT - 8, gy0 + qh / 2);
		fprintf(out, "<text transform=\"translate(%d,%d) rotate(-90)\">low or medium</text>\n",
			LEFT - 8, gy0 + qh + GAP + qh / 2);
		fprintf(out, "<text x=\"%d\" y=\"%d\">low or medium</text>\n", gx0 + qw / 2, ay);
		fprintf(out, "<text x=\"%d\" y=\"%d\">high</text>\n", gx0 + qw + GAP + qw / 2, ay);
		fputs("</g>\n", out);
		fprintf(out, "<g font-weight=\"bold\" text-anchor=\"middle\">\n");
		fprintf(out, "<text transform=\"translate(%d,%d) rotate(-90)\">Influence \xe2\x86\x92</text>\n",
			16, (gy0 + gy1) / 2);
		fprintf(out, "<text x=\"%d\" y=\"%d\">Interest \xe2\x86\x92</text>\n", (gx0 + gx1) / 2, ay + 20);
		fputs("</g>\n", out);
		if (unplaced > 0)
			fprintf(out, "<text x=\"%d\" y=\"%d\" font-size=\"%d\" fill=\"" C_MUTED "\">"
				"Not placed (no influence or interest given): %ld</text>\n",
				LEFT, ay + 38, SMALL, unplaced);
	}
	svg_close(out, caption);
}

/* ---- timeline: the timeline report as a Gantt chart ---- */

enum tl_class { TL_DONE, TL_OPEN, TL_LATE, TL_OFF };

static const struct {
	const char *label, *fill;
} tl_classes[] = {
	[TL_DONE] = { "done", "#009e73" },
	[TL_OPEN] = { "planned or running", C_BAR },
	[TL_LATE] = { "late", "#d55e00" },
	[TL_OFF] = { "cancelled, stopped or rejected", "#a3a3a3" },
};

struct tl_row {
	const char *kind, *title, *status;
	long id;
	vk_date start, end, baseline;
	bool has_baseline;		/* a milestone moved from its first due date */
	bool head;			/* the first of its kind: a heading goes above it */
	int y;				/* the top of its row */
};

static const char *const month_abbr[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

/* Reads a YYYY-MM-DD string into *d; false when v is not one. */
static bool parse_day(json_t *v, vk_date *d)
{
	const char *s = json_string_value(v);
	struct strbuf err = STRBUF_INIT;
	bool ok;

	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	ok = vk_date_parse(s, VK_DATE_START, d, &err) == 0;
	strbuf_release(&err);
	return ok;
}

/* The first day of the month d falls in, moved on by months (0 or more). */
static vk_date month_start(vk_date d, long months)
{
	int y, m, day;
	long k;
	vk_date r;

	vk_date_to_ymd(d, &y, &m, &day);
	k = (long)y * 12 + (m - 1) + months;
	if (!vk_date_from_ymd((int)(k / 12), (int)(k % 12) + 1, 1, &r))
		return d - day + 1 + 31 * months;	/* past the calendar: keep moving */
	return r;
}

/* Months since the year 0 of the month d falls in. */
static long month_index(vk_date d)
{
	int y, m, day;

	vk_date_to_ymd(d, &y, &m, &day);
	return (long)y * 12 + (m - 1);
}

/* How a row is coloured: done, open, late (past its end, not finished) or off. */
static enum tl_class tl_classify(const struct tl_row *r, vk_date today, bool have_today)
{
	static const char *const done[] = { "done", "evaluated" };
	static const char *const off[] = { "cancelled", "stopped", "rejected" };

	for (size_t i = 0; i < 2; i++)
		if (strcmp(r->status, done[i]) == 0)
			return TL_DONE;
	for (size_t i = 0; i < 3; i++)
		if (strcmp(r->status, off[i]) == 0)
			return TL_OFF;
	return have_today && r->end < today ? TL_LATE : TL_OPEN;
}

/* The date axis: days d0..d1 map onto x0..x1, with a tick every step months. */
struct tl_axis {
	vk_date d0, d1;
	int x0, x1;
	long step;
};

/* An axis from the month of lo to the end of the month of hi, starting on a tick. */
static void tl_axis_init(struct tl_axis *a, vk_date lo, vk_date hi, int x0, int x1)
{
	static const long steps[] = { 1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200, 2400, 6000 };
	long months = month_index(hi) - month_index(lo) + 1;
	size_t i = 0;

	while (i + 1 < ARRAY_SIZE(steps) && months > 14 * steps[i])
		i++;
	a->step = steps[i];
	a->d0 = month_start(lo, 0);
	while (month_index(a->d0) % a->step != 0)	/* at most step - 1 months back */
		a->d0 = month_start(a->d0 - 1, 0);
	a->d1 = month_start(hi, 1);
	a->x0 = x0;
	a->x1 = x1;
}

/* The x of the start of day d. */
static int tl_x(const struct tl_axis *a, vk_date d)
{
	return a->x0 + (int)((double)(d - a->d0) * (a->x1 - a->x0) / (double)(a->d1 - a->d0) + 0.5);
}

/*
 * Ticks with grid lines from y0 to y1, month names at y_label and the
 * year above them at the first tick and at each January (years only when
 * ticks are a year or more apart).
 */
static void tl_ticks(FILE *out, const struct tl_axis *a, int y_label, int y0, int y1)
{
	bool months = a->step < 12;

	fprintf(out, "<g font-size=\"%d\" fill=\"" C_MUTED "\">\n", SMALL);
	for (vk_date d = a->d0; d <= a->d1; d = month_start(d, a->step)) {
		int y, m, day, x = tl_x(a, d);
		bool year;

		vk_date_to_ymd(d, &y, &m, &day);
		fprintf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"" C_RULE "\"/>\n",
			x, y0, x, y1);
		if (d == a->d1 || x + 36 > W)	/* the label would stick out on the right */
			break;
		if (months)
			fprintf(out, "<text x=\"%d\" y=\"%d\">%s</text>\n", x + 3, y_label, month_abbr[m - 1]);
		/* the first tick's year, unless next January's follows too close */
		year = m == 1 || (d == a->d0 && tl_x(a, month_start(d, 13 - m)) - x >= 40);
		if (year)
			fprintf(out, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%d</text>\n",
				x + 3, y_label - (months ? 14 : 0), y);
	}
	fputs("</g>\n", out);
}

/* A diamond centred on (x, y). */
static void diamond(FILE *out, int x, int y, int r, const char *fill, const char *stroke)
{
	fprintf(out, "<path d=\"M%d %dl%d %dl%d %dl%d %dz\" fill=\"%s\" stroke=\"%s\"/>\n",
		x, y - r, r, r, -r, r, -r, -r, fill, stroke);
}

/* The legend under the timeline: the colours on one line, the marks on the next. */
static void tl_legend(FILE *out, int y, bool baselines)
{
	int x = 8;

	fprintf(out, "<g font-size=\"%d\">\n", SMALL);
	for (size_t k = 0; k < 4; k++) {
		fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"10\" fill=\"%s\"/>\n",
			x, y - 9, tl_classes[k].fill);
		text_at(out, x + 19, y, "", tl_classes[k].label, 40);
		x += 19 + (int)strlen(tl_classes[k].label) * SMALL_W + 16;
	}
	y += 18;
	diamond(out, 15, y - 4, 6, C_MUTED, C_MUTED);
	text_at(out, 27, y, "", "a milestone on one day", 30);
	if (baselines) {
		diamond(out, 215, y - 4, 5, "#ffffff", C_MUTED);
		text_at(out, 227, y, "", "its first due date, before it moved", 40);
	}
	fputs("</g>\n", out);
}

/* Writes the tooltip of a row: what it is, its dates and its status. */
static void tl_title(FILE *out, const struct tl_row *t)
{
	char b0[VK_DATE_SIZE], b1[VK_DATE_SIZE];

	fputs("<title>", out);
	put_text(out, t->kind);
	fprintf(out, " %ld: ", t->id);
	put_text(out, t->title);
	fprintf(out, " (%s", vk_date_format(t->start, b0));
	if (t->end != t->start)
		fprintf(out, " to %s", vk_date_format(t->end, b1));
	fputs(", ", out);
	put_text(out, *t->status ? t->status : "no status");
	if (t->has_baseline)
		fprintf(out, ", first due %s", vk_date_format(t->baseline, b0));
	fputs(")</title>", out);
}

/* The heading of the section of rows of kind. */
static const char *tl_section(const char *kind)
{
	return strcmp(kind, "milestone") == 0 ? "Milestones" : strcmp(kind, "trial") == 0 ? "Trials" : kind;
}

/*
 * Milestones and trials on a date axis: a row each, labelled at the left,
 * a bar from start to end (a diamond for a milestone on one day), coloured
 * by status, and a dashed line at today.
 */
static void chart_timeline(FILE *out, const char *caption, json_t *data)
{
	enum { ROW = 20, BAR = 10, TOP = 38, LABEL_W = 224, LABEL_COLS = 29, HEAD = 22 };
	json_t *rows = json_object_get(data, "rows"), *v;
	size_t n = 0, i, nmilestones = 0;
	struct tl_row *r = calloc(json_array_size(rows) + 1, sizeof(*r));
	vk_date lo = 0, hi = 0, today = 0;
	bool have_today, baselines = false;
	struct tl_axis a;
	int y, bottom;
	char b0[VK_DATE_SIZE], b1[VK_DATE_SIZE];

	if (!r)
		return;
	json_array_foreach(rows, i, v) {
		struct tl_row *t = &r[n];
		if (!parse_day(json_object_get(v, "start"), &t->start))
			continue;
		if (!parse_day(json_object_get(v, "end"), &t->end) || t->end < t->start)
			t->end = t->start;
		t->kind = string(json_object_get(v, "kind"));
		t->title = string(json_object_get(v, "title"));
		t->status = string(json_object_get(v, "status"));
		t->id = number(json_object_get(v, "id"));
		t->has_baseline = parse_day(json_object_get(v, "baseline"), &t->baseline) &&
				  t->baseline != t->end;
		baselines |= t->has_baseline;
		if (!n || t->start < lo)
			lo = t->start;
		if (!n || t->end > hi)
			hi = t->end;
		if (t->has_baseline && t->baseline < lo)
			lo = t->baseline;
		if (t->has_baseline && t->baseline > hi)
			hi = t->baseline;
		nmilestones += strcmp(t->kind, "milestone") == 0;
		n++;
	}
	if (n == 0) {
		chart_empty(out, "timeline", caption, "No dated milestones or trials.");
		free(r);
		return;
	}
	/* rows go down in sections, a heading where the kind changes */
	y = TOP;
	for (i = 0; i < n; i++) {
		r[i].head = i == 0 || strcmp(r[i].kind, r[i - 1].kind) != 0;
		y += r[i].head ? HEAD : 0;
		r[i].y = y;
		y += ROW;
	}
	bottom = y;
	/* today is drawn when it is near the span; the axis then takes it in */
	have_today = parse_day(json_object_get(data, "today"), &today) &&
		     today >= lo - (hi - lo) / 2 - 31 && today <= hi + (hi - lo) / 2 + 31;
	if (have_today && today < lo)
		lo = today;
	if (have_today && today > hi)
		hi = today;
	tl_axis_init(&a, lo, hi, LABEL_W + 6, W - 10);

	svg_open(out, "timeline", W, bottom + 24 + 18 + 18 + 8, caption);
	fprintf(out, "<desc>%zu milestone%s and %zu trial%s from %s to %s", nmilestones,
		nmilestones == 1 ? "" : "s", n - nmilestones, n - nmilestones == 1 ? "" : "s",
		vk_date_format(lo, b0), vk_date_format(hi, b1));
	if (have_today)
		fprintf(out, "; today is %s", vk_date_format(today, b0));
	fputs(".</desc>\n", out);

	/* zebra stripes first, so that grid lines and bars lie over them */
	for (i = 1; i < n; i += 2)
		fprintf(out, "<rect x=\"0\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#f5f7fa\"/>\n",
			r[i].y, W, ROW);
	tl_ticks(out, &a, TOP - 8, TOP - 4, bottom);

	/* the labels, in a viewport of their own that cuts what runs too long */
	fprintf(out, "<svg x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">\n",
		LABEL_W, bottom, LABEL_W, bottom);
	for (i = 0; i < n; i++) {
		if (r[i].head)
			text_at(out, 4, r[i].y - 6, "font-weight=\"bold\"", tl_section(r[i].kind), LABEL_COLS);
		fprintf(out, "<text x=\"12\" y=\"%d\">", r[i].y + ROW / 2 + 4);
		tl_title(out, &r[i]);
		put_fit(out, r[i].title, LABEL_COLS - 2);
		fputs("</text>\n", out);
	}
	fputs("</svg>\n", out);

	/* the bars and diamonds */
	for (i = 0; i < n; i++) {
		const struct tl_row *t = &r[i];
		const char *fill = tl_classes[tl_classify(t, today, have_today)].fill;
		int xs = tl_x(&a, t->start), xe = tl_x(&a, t->end + 1), cy = t->y + ROW / 2;

		fputs("<g>", out);
		tl_title(out, t);
		fputs("\n", out);
		if (t->has_baseline) {
			int xb = tl_x(&a, t->baseline) + (xe - xs) / 2;
			int xt = t->start == t->end ? xs + (xe - xs) / 2 : xe;
			fprintf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"" C_MUTED "\" "
				"stroke-dasharray=\"2 2\"/>\n", xb, cy, xt, cy);
			diamond(out, xb, cy, 5, "#ffffff", C_MUTED);
		}
		if (t->start == t->end && strcmp(t->kind, "milestone") == 0)
			diamond(out, xs + (xe - xs) / 2, cy, 6, fill, "#ffffff");
		else
			fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"2\" fill=\"%s\"/>\n",
				xs, cy - BAR / 2, xe - xs < 3 ? 3 : xe - xs, BAR, fill);
		fputs("</g>\n", out);
	}
	fprintf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"" C_RULE "\"/>\n",
		a.x0, bottom, a.x1, bottom);

	if (have_today) {
		int x = tl_x(&a, today) + (tl_x(&a, today + 1) - tl_x(&a, today)) / 2;
		int xl = x < a.x0 + 50 ? a.x0 + 50 : x > W - 50 ? W - 50 : x;	/* the label stays inside */

		fprintf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#111111\" "
			"stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/>\n", x, TOP - 4, x, bottom + 4);
		fprintf(out, "<text x=\"%d\" y=\"%d\" font-size=\"%d\" text-anchor=\"middle\" "
			"font-weight=\"bold\">today %s</text>\n", xl, bottom + 16, SMALL, vk_date_format(today, b0));
	}
	tl_legend(out, bottom + 42, baselines);
	svg_close(out, caption);
	free(r);
}

/* ---- goal: a goal of the barometer (lib/report/barometer.c) ---- */

/* The colours of a goal's chart: the measurements, the target and the way to it. */
#define C_MEASURE "#0072b2"
#define C_TARGET "#009e73"

/*
 * Writes v with at most two decimals and a "." whatever the locale (42.5,
 * 60), then its unit ("%" straight after the figure, another unit after
 * a space) unless unit is NULL.
 */
static void put_figure(FILE *out, double v, const char *unit)
{
	long long f = v > -1e15 && v < 1e15 ? (long long)(v * 100 + (v < 0 ? -0.5 : 0.5)) : 0;
	long long a = f < 0 ? -f : f;

	fprintf(out, "%s%lld", f < 0 ? "-" : "", a / 100);
	if (a % 100)
		fprintf(out, a % 10 ? ".%02lld" : ".%lld", a % 10 ? a % 100 : a % 100 / 10);
	if (unit && *unit)
		fprintf(out, "%s", strcmp(unit, "%") ? " " : "");
	if (unit && *unit)
		put_text(out, unit);
}

/* A number of v, or false when it is none. */
static bool real_of(json_t *v, double *out)
{
	if (!json_is_number(v))
		return false;
	*out = json_number_value(v);
	return true;
}

/* A round step for an axis of span units with about n ticks: 1, 2 or 5 times a power of ten. */
static double nice_step(double span, int n)
{
	double raw = span / n, p = 1;

	while (p * 10 <= raw)
		p *= 10;
	while (p > raw && p > 1e-6)
		p /= 10;
	return raw <= p ? p : raw <= 2 * p ? 2 * p : raw <= 5 * p ? 5 * p : 10 * p;
}

/*
 * A goal's measurements against its baseline and target: a date axis from
 * the baseline date to the target date (and any measurement outside), the
 * value axis with round ticks; the baseline as a grey dashed line, the
 * target as a green line, the way from baseline to target as a thin green
 * dotted line (a goal on it is on track), and the measurements as dots
 * joined by a line, each with its value, and its 95% margin as a bar.
 * Lines differ by dash as well as colour, so the chart reads printed in
 * grey.
 */
static void chart_goal(FILE *out, const char *caption, json_t *g)
{
	enum { H = 260, LEFT = 64, RIGHT = 150, TOP = 18, BOTTOM = 44 };
	json_t *ms = json_object_get(g, "measurements");
	const char *unit = string(json_object_get(g, "unit"));
	double base = 0, target = 0, lo, hi, v;
	bool has_base = real_of(json_object_get(g, "baseline"), &base);
	bool has_target = real_of(json_object_get(g, "target"), &target);
	vk_date bd = 0, td = 0, d0 = 0, d1 = 0, d;
	bool has_bd = parse_day(json_object_get(g, "baseline_date"), &bd);
	bool has_td = parse_day(json_object_get(g, "target_date"), &td);
	bool any = false, first = true;
	size_t i, n = 0;
	json_t *m;

	/* the ranges: every value (with its margin) and date there is */
	lo = hi = has_base ? base : has_target ? target : 0;
	if (has_target) {
		lo = target < lo ? target : lo;
		hi = target > hi ? target : hi;
	}
	if (has_bd)
		d0 = d1 = bd, any = true;
	if (has_td) {
		d0 = any && d0 < td ? d0 : td;
		d1 = any && d1 > td ? d1 : td;
		any = true;
	}
	json_array_foreach(ms, i, m) {
		double e = 0;
		if (!real_of(json_object_get(m, "value"), &v) || !parse_day(json_object_get(m, "date"), &d))
			continue;
		real_of(json_object_get(m, "margin"), &e);
		if (!has_base && !has_target && !n)
			lo = hi = v;
		lo = v - e < lo ? v - e : lo;
		hi = v + e > hi ? v + e : hi;
		d0 = any && d0 < d ? d0 : d;
		d1 = any && d1 > d ? d1 : d;
		any = true;
		n++;
	}
	if (!any || (!has_base && !has_target && !n)) {
		chart_empty(out, "goal", caption, "No baseline, target or measurement to draw.");
		return;
	}
	if (d1 - d0 < 60) {	/* one day, or a few weeks: a year around it */
		d0 -= 183;
		d1 += 183;
	}
	if (hi - lo < 1e-9) {
		lo -= lo ? (lo < 0 ? -lo : lo) * 0.1 : 1;
		hi += hi ? (hi < 0 ? -hi : hi) * 0.1 : 1;
	}
	double step = nice_step(hi - lo, 4);
	double y_lo = floor(lo / step) * step, y_hi = ceil(hi / step) * step;
	if (y_lo == lo && lo != 0)
		y_lo -= step;
	if (y_hi == hi)
		y_hi += step;
	if (!strcmp(unit, "%")) {
		y_lo = y_lo < 0 ? 0 : y_lo;
		y_hi = y_hi > 100 ? 100 : y_hi;
	}
	int x0 = LEFT, x1 = W - RIGHT, ytop = TOP, ybot = H - BOTTOM;
#define GX(day) (x0 + (int)((double)((day) - d0) * (x1 - x0) / (double)(d1 - d0) + 0.5))
#define GY(val) (ybot - (int)(((val) - y_lo) * (ybot - ytop) / (y_hi - y_lo) + 0.5))

	svg_open(out, "goal", W, H, caption);
	/* what the picture says, for a screen reader */
	fputs("<desc>", out);
	if (has_base) {
		fputs("Baseline ", out);
		put_figure(out, base, unit);
	}
	if (has_target) {
		fputs(has_base ? ", target " : "Target ", out);
		put_figure(out, target, unit);
	}
	json_array_foreach(ms, i, m)
		if (real_of(json_object_get(m, "value"), &v)) {
			fprintf(out, "; %s: ", string(json_object_get(m, "date")));
			put_figure(out, v, unit);
		}
	fputs("</desc>\n", out);

	/* the value axis: round ticks and light grid lines */
	fprintf(out, "<g font-size=\"%d\" fill=\"" C_MUTED "\">\n", SMALL);
	for (double t = y_lo; t <= y_hi + step / 1000; t += step) {
		int y = GY(t);
		fprintf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"" C_RULE "\"/>\n",
			x0, y, x1, y);
		fprintf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", x0 - 6, y + 4);
		put_figure(out, t, unit);
		fputs("</text>\n", out);
	}
	/* the date axis: a tick at each New Year's Day in the range */
	int y0, mo, dy;
	vk_date_to_ymd(d0, &y0, &mo, &dy);
	for (int year = y0 + (mo > 1 || dy > 1); ; year++) {
		vk_date ny;
		if (!vk_date_from_ymd(year, 1, 1, &ny) || ny > d1)
			break;
		int x = GX(ny);
		fprintf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"" C_RULE "\"/>\n",
			x, ytop, x, ybot + 4);
		fprintf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%d</text>\n", x, ybot + 18, year);
	}
	fprintf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"" C_MUTED "\"/>\n",
		x0, ybot, x1, ybot);
	fputs("</g>\n", out);

	/* baseline and target across the chart, labelled at the right */
	if (has_base) {
		int y = GY(base);
		fprintf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"" C_MUTED "\" "
			"stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>\n", x0, y, x1, y);
		fprintf(out, "<text x=\"%d\" y=\"%d\" font-size=\"%d\" fill=\"" C_MUTED "\">Baseline ",
			x1 + 6, y + 4, SMALL);
		put_figure(out, base, unit);
		fputs("</text>\n", out);
	}
	if (has_target) {
		int y = GY(target);
		/* the labels apart when baseline and target are close */
		int ly = has_base && abs(GY(base) - y) < 14 ? (y < GY(base) ? GY(base) - 14 : GY(base) + 14) : y;
		fprintf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"" C_TARGET "\" "
			"stroke-width=\"2\"/>\n", x0, y, x1, y);
		fprintf(out, "<text x=\"%d\" y=\"%d\" font-size=\"%d\" font-weight=\"bold\" "
			"fill=\"" C_TARGET "\">Target ", x1 + 6, ly + 4, SMALL);
		put_figure(out, target, unit);
		if (has_td) {
			int ty, tm, tday;
			vk_date_to_ymd(td, &ty, &tm, &tday);
			fprintf(out, " (%d)", ty);
		}
		fputs("</text>\n", out);
		if (has_base && has_bd && has_td && td > bd)
			fprintf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"" C_TARGET "\" "
				"stroke-width=\"1\" stroke-dasharray=\"2 3\"/>\n",
				GX(bd), GY(base), GX(td), GY(target));
	}

	/* the measurements: a line through them, a dot and a value each, the margin as a bar */
	if (n > 1) {
		fputs("<polyline fill=\"none\" stroke=\"" C_MEASURE "\" stroke-width=\"2\" points=\"", out);
		json_array_foreach(ms, i, m)
			if (real_of(json_object_get(m, "value"), &v) && parse_day(json_object_get(m, "date"), &d)) {
				fprintf(out, "%s%d,%d", first ? "" : " ", GX(d), GY(v));
				first = false;
			}
		fputs("\"/>\n", out);
	}
	json_array_foreach(ms, i, m) {
		double e = 0;
		if (!real_of(json_object_get(m, "value"), &v) || !parse_day(json_object_get(m, "date"), &d))
			continue;
		int x = GX(d), y = GY(v);
		fputs("<g><title>", out);
		put_text(out, string(json_object_get(m, "date")));
		fputs(": ", out);
		put_figure(out, v, unit);
		if (real_of(json_object_get(m, "margin"), &e) && e > 0) {
			fputs(" \xc2\xb1 ", out);	/* ± */
			put_figure(out, e, strcmp(unit, "%") ? NULL : "points");
			fprintf(out, "</title>\n<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\""
				C_MEASURE "\" stroke-width=\"1.5\"/>\n", x, GY(v + e), x, GY(v - e));
			fprintf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"" C_MEASURE "\"/>\n",
				x - 4, GY(v + e), x + 4, GY(v + e));
			fprintf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"" C_MEASURE "\"/>\n",
				x - 4, GY(v - e), x + 4, GY(v - e));
		} else {
			fputs("</title>\n", out);
		}
		fprintf(out, "<circle cx=\"%d\" cy=\"%d\" r=\"4.5\" fill=\"" C_MEASURE "\" stroke=\"#ffffff\"/>\n",
			x, y);
		/* the value above the margin's bar (below it when there is no room above) */
		int top = (e > 0 ? GY(v + e) : y - 4) - 6;
		int below = (e > 0 ? GY(v - e) : y + 4) + 14;
		fprintf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"%d\" "
			"font-weight=\"bold\" fill=\"" C_MEASURE "\">", x, top < 12 ? below : top, SMALL);
		put_figure(out, v, unit);
		fputs("</text>\n</g>\n", out);
	}
	/* the legend under the axis */
	int ly = H - 8;
	fprintf(out, "<g font-size=\"%d\">\n", SMALL);
	fprintf(out, "<circle cx=\"%d\" cy=\"%d\" r=\"4.5\" fill=\"" C_MEASURE "\"/>\n", x0 + 4, ly - 4);
	text_at(out, x0 + 14, ly, "", "measured (with its 95% margin)", 40);
	fprintf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"" C_MUTED "\" "
		"stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>\n", x0 + 250, ly - 4, x0 + 276, ly - 4);
	text_at(out, x0 + 282, ly, "", "baseline", 12);
	fprintf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"" C_TARGET "\" "
		"stroke-width=\"2\"/>\n", x0 + 360, ly - 4, x0 + 386, ly - 4);
	text_at(out, x0 + 392, ly, "", "target, and the way to it", 30);
	fputs("</g>\n", out);
#undef GX
#undef GY
	svg_close(out, caption);
}

/* ---- the one entry point ---- */

void vk_svg_chart(FILE *out, const char *kind, const char *caption, json_t *data)
{
	static const struct {
		const char *kind;
		void (*draw)(FILE *, const char *, json_t *);
	} kinds[] = {
		{ "bars", chart_bars },
		{ "heatmap", chart_heatmap },
		{ "grid", chart_grid },
		{ "timeline", chart_timeline },
		{ "goal", chart_goal },
	};

	for (size_t i = 0; kind && i < ARRAY_SIZE(kinds); i++)
		if (strcmp(kind, kinds[i].kind) == 0) {
			kinds[i].draw(out, caption, data);
			return;
		}
}

/* doc.c: see doc.h */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "chart_text.h"
#include "doc.h"
#include "error.h"
#include "html.h"
#include "strbuf.h"
#include "svg.h"
#include "utf8.h"
#include "writer.h"

#define TEXT_WIDTH 78
#define CELL_WIDTH 40

struct vk_doc {
	FILE *out;
	enum vk_doc_format format;
	bool in_list;
};

static const char html_style[] =
	"body{font-family:\"DejaVu Sans\",Arial,sans-serif;font-size:11pt;line-height:1.4;"
	"max-width:60em;margin:1.5em auto;padding:0 1em;color:#222}"
	"h1{font-size:1.6em;margin-bottom:0}header p{color:#555;margin-top:.2em}"
	"h2{font-size:1.25em;border-bottom:1px solid #bbb;margin-top:1.6em}"
	"table{border-collapse:collapse;margin:.6em 0}"
	"th,td{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}"
	"th{background:#eef}td.n,th.n{text-align:right}"
	"ul{padding-left:1.4em}li.mark-attention{color:#a00}li.mark-question{color:#a60}"
	"figure{margin:1em 0}figure svg{width:100%;height:auto}figcaption{font-size:.9em;color:#555}"
	"@page{size:A4;margin:15mm}"
	"@media print{body{max-width:none;margin:0;font-size:10pt}h2,table,figure"
	"{break-inside:avoid}}";

int vk_doc_format_from_name(const char *name)
{
	if (!strcmp(name, "text"))
		return VK_DOC_TEXT;
	if (!strcmp(name, "markdown") || !strcmp(name, "md"))
		return VK_DOC_MARKDOWN;
	if (!strcmp(name, "html"))
		return VK_DOC_HTML;
	return -1;
}

/*
 * Writes text for markdown (CommonMark and GitHub's tables) so that it
 * reads as the text it is: the punctuation markdown reads as markup is
 * escaped with a backslash, and so is what would start a block at the
 * start of the text (a list's "-", "+" or "1.", a heading's "="); a line
 * break is a space (in a table: <br>), a carriage return nothing.
 */
static void md_escape(FILE *out, const char *text, bool in_table)
{
	const char *p = text;

	while (*p == ' ')
		putc(*p++, out);
	if (*p == '-' || *p == '+' || *p == '=') {
		putc('\\', out);
	} else if (*p >= '0' && *p <= '9') {
		const char *q = p;
		while (*q >= '0' && *q <= '9')
			q++;
		if (*q == '.' || *q == ')') {
			fwrite(p, 1, (size_t)(q - p), out);
			putc('\\', out);
			p = q;
		}
	}
	for (; *p; p++) {
		if (*p == '\r')
			continue;
		if (*p == '\n') {
			fputs(in_table ? "<br>" : " ", out);
			continue;
		}
		if (strchr("\\`*_[]<>#|~!&", *p))
			putc('\\', out);
		putc(*p, out);
	}
}

/*
 * Writes text wrapped at TEXT_WIDTH columns: the first line after `first`,
 * the next ones after `indent` spaces.
 */
static void text_wrap(FILE *out, const char *first, size_t indent, const char *text)
{
	size_t col = utf8_width(first);
	bool line_empty = true;
	const char *p = text;

	fputs(first, out);
	while (*p == ' ' || *p == '\n')
		p++;
	while (*p) {
		size_t n = strcspn(p, " \n");
		char *word = vk_malloc(n + 1);
		memcpy(word, p, n);
		word[n] = '\0';
		size_t w = utf8_width(word);
		if (!line_empty && col + 1 + w > TEXT_WIDTH) {
			fprintf(out, "\n%*s", (int)indent, "");
			col = indent;
			line_empty = true;
		}
		if (!line_empty) {
			putc(' ', out);
			col++;
		}
		fputs(word, out);
		col += w;
		line_empty = false;
		free(word);
		p += n;
		while (*p == ' ' || *p == '\n')
			p++;
	}
	putc('\n', out);
}

static void end_list(struct vk_doc *d)
{
	if (!d->in_list)
		return;
	d->in_list = false;
	if (d->format == VK_DOC_HTML)
		fputs("</ul>\n", d->out);
	else
		putc('\n', d->out);
}

struct vk_doc *vk_doc_open(FILE *out, enum vk_doc_format format, const char *title,
			   const char *subtitle)
{
	struct vk_doc *d = vk_calloc(1, sizeof(*d));

	d->out = out;
	d->format = format;
	switch (format) {
	case VK_DOC_HTML:
		fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>", out);
		vk_html_escape(out, title);
		fprintf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n<header>\n<h1>", html_style);
		vk_html_escape(out, title);
		fputs("</h1>\n", out);
		if (subtitle) {
			fputs("<p>", out);
			vk_html_escape(out, subtitle);
			fputs("</p>\n", out);
		}
		fputs("</header>\n<main>\n", out);
		break;
	case VK_DOC_MARKDOWN:
		fputs("# ", out);
		md_escape(out, title, false);
		fputs("\n\n", out);
		if (subtitle) {
			md_escape(out, subtitle, false);
			fputs("\n\n", out);
		}
		break;
	default: {
		size_t w = utf8_width(title);
		/* a long title wraps; the rule under it is as wide as the text */
		text_wrap(out, "", 0, title);
		for (size_t i = 0; i < w && i < TEXT_WIDTH; i++)
			putc('=', out);
		putc('\n', out);
		if (subtitle)
			text_wrap(out, "", 0, subtitle);
		putc('\n', out);
	}
	}
	return d;
}

void vk_doc_heading(struct vk_doc *d, int level, const char *text)
{
	end_list(d);
	switch (d->format) {
	case VK_DOC_HTML:
		fprintf(d->out, "<h%d>", level + 1);
		vk_html_escape(d->out, text);
		fprintf(d->out, "</h%d>\n", level + 1);
		break;
	case VK_DOC_MARKDOWN:
		fprintf(d->out, "%s ", level == 1 ? "##" : "###");
		md_escape(d->out, text, false);
		fputs("\n\n", d->out);
		break;
	default:
		if (level == 1) {
			size_t w = utf8_width(text);
			fprintf(d->out, "%s\n", text);
			for (size_t i = 0; i < w; i++)
				putc('-', d->out);
			putc('\n', d->out);
		} else {
			fprintf(d->out, "%s\n", text);
		}
	}
}

void vk_doc_para(struct vk_doc *d, const char *text)
{
	end_list(d);
	switch (d->format) {
	case VK_DOC_HTML:
		fputs("<p>", d->out);
		vk_html_escape(d->out, text);
		fputs("</p>\n", d->out);
		break;
	case VK_DOC_MARKDOWN:
		md_escape(d->out, text, false);
		fputs("\n\n", d->out);
		break;
	default:
		text_wrap(d->out, "", 0, text);
		putc('\n', d->out);
	}
}

void vk_doc_item(struct vk_doc *d, const char *mark, const char *cls, const char *text)
{
	if (!d->in_list) {
		d->in_list = true;
		if (d->format == VK_DOC_HTML)
			fputs("<ul>\n", d->out);
	}
	switch (d->format) {
	case VK_DOC_HTML:
		if (cls)
			fprintf(d->out, "<li class=\"mark-%s\">", cls);
		else
			fputs("<li>", d->out);
		vk_html_escape(d->out, text);
		fputs("</li>\n", d->out);
		break;
	case VK_DOC_MARKDOWN:
		fputs("- ", d->out);
		if (mark && strcmp(mark, "-")) {
			fprintf(d->out, "**%s** ", mark);
		}
		md_escape(d->out, text, false);
		putc('\n', d->out);
		break;
	default: {
		char first[16];
		snprintf(first, sizeof(first), "  %s ", mark ? mark : "-");
		text_wrap(d->out, first, utf8_width(first), text);
	}
	}
}

/* The text of a cell: strings as they are, numbers in decimal, null empty. */
static void cell_text(json_t *v, struct strbuf *sb)
{
	strbuf_reset(sb);
	vk_value_to_text(v, sb);
}

static bool numeric_column(json_t *rows, size_t col)
{
	size_t i;
	json_t *row;
	bool any = false;

	json_array_foreach(rows, i, row) {
		json_t *v = json_array_get(row, col);
		if (json_is_null(v) || !v)
			continue;
		if (!json_is_number(v))
			return false;
		any = true;
	}
	return any;
}

/* Appends s cut to CELL_WIDTH columns (with "…") and padded to width; newlines as spaces. */
static void text_cell(struct strbuf *line, const char *s, size_t width, bool right)
{
	struct strbuf clean = STRBUF_INIT;

	for (; *s; s++)
		strbuf_addch(&clean, *s == '\n' || *s == '\t' || *s == '\r' ? ' ' : *s);
	size_t w = utf8_width(clean.buf);
	if (w > CELL_WIDTH) {
		strbuf_setlen(&clean, utf8_prefix_for_width(clean.buf, CELL_WIDTH - 1));
		strbuf_addstr(&clean, "…");
		w = CELL_WIDTH;
	}
	if (right)
		strbuf_addf(line, "%*s%s", (int)(width - w), "", clean.buf);
	else
		strbuf_addf(line, "%s%*s", clean.buf, (int)(width - w), "");
	strbuf_release(&clean);
}

/* Prints line without trailing spaces, then a newline. */
static void put_line(FILE *out, struct strbuf *line)
{
	size_t n = line->len;

	while (n && line->buf[n - 1] == ' ')
		n--;
	fwrite(line->buf, 1, n, out);
	putc('\n', out);
	strbuf_reset(line);
}

/*
 * Text tables: columns padded to their widest cell (cut at CELL_WIDTH),
 * numbers right-aligned; the last column, when it is text, is not cut
 * but wrapped under itself, so that a learning or a reason reads whole.
 */
static void text_table(struct vk_doc *d, const char *const *headers, size_t ncols, json_t *rows)
{
	size_t *width = vk_calloc(ncols, sizeof(size_t));
	bool *right = vk_calloc(ncols, sizeof(bool));
	struct strbuf sb = STRBUF_INIT, line = STRBUF_INIT;
	size_t i, indent = 2;
	json_t *row;

	for (size_t c = 0; c < ncols; c++) {
		width[c] = utf8_width(headers[c]);
		right[c] = numeric_column(rows, c);
	}
	json_array_foreach(rows, i, row)
		for (size_t c = 0; c < ncols; c++) {
			cell_text(json_array_get(row, c), &sb);
			size_t w = utf8_width(sb.buf);
			if (w > CELL_WIDTH)
				w = CELL_WIDTH;
			if (w > width[c])
				width[c] = w;
		}
	for (size_t c = 0; c + 1 < ncols; c++)
		indent += width[c] + 2;
	bool wrap_last = !right[ncols - 1] && indent + 20 < TEXT_WIDTH;
	for (size_t c = 0; c < ncols; c++) {
		strbuf_addstr(&line, c ? "  " : "  ");
		text_cell(&line, headers[c], width[c], right[c]);
	}
	put_line(d->out, &line);
	json_array_foreach(rows, i, row) {
		strbuf_addstr(&line, "  ");
		for (size_t c = 0; c < ncols; c++) {
			if (c)
				strbuf_addstr(&line, "  ");
			cell_text(json_array_get(row, c), &sb);
			if (c + 1 == ncols && wrap_last && sb.len) {
				/* the wrapper prints the line so far, then the cell under itself */
				for (char *p = sb.buf; *p; p++)
					if (*p == '\n' || *p == '\t' || *p == '\r')
						*p = ' ';
				text_wrap(d->out, line.buf, indent, sb.buf);
				strbuf_reset(&line);
			} else {
				text_cell(&line, sb.buf, width[c], right[c]);
			}
		}
		if (line.len)
			put_line(d->out, &line);
	}
	putc('\n', d->out);
	strbuf_release(&sb);
	strbuf_release(&line);
	free(width);
	free(right);
}

void vk_doc_table(struct vk_doc *d, const char *const *headers, size_t ncols, json_t *rows,
		  const char *empty)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;
	json_t *row;

	end_list(d);
	if (!json_array_size(rows)) {
		if (empty)
			vk_doc_para(d, empty);
		return;
	}
	switch (d->format) {
	case VK_DOC_HTML:
		fputs("<table>\n<thead><tr>", d->out);
		for (size_t c = 0; c < ncols; c++) {
			fprintf(d->out, "<th scope=\"col\"%s>", numeric_column(rows, c) ? " class=\"n\"" : "");
			vk_html_escape(d->out, headers[c]);
			fputs("</th>", d->out);
		}
		fputs("</tr></thead>\n<tbody>\n", d->out);
		json_array_foreach(rows, i, row) {
			fputs("<tr>", d->out);
			for (size_t c = 0; c < ncols; c++) {
				json_t *v = json_array_get(row, c);
				cell_text(v, &sb);
				fprintf(d->out, "<td%s>", json_is_number(v) ? " class=\"n\"" : "");
				vk_html_escape(d->out, sb.buf);
				fputs("</td>", d->out);
			}
			fputs("</tr>\n", d->out);
		}
		fputs("</tbody>\n</table>\n", d->out);
		break;
	case VK_DOC_MARKDOWN:
		fputs("|", d->out);
		for (size_t c = 0; c < ncols; c++) {
			putc(' ', d->out);
			md_escape(d->out, headers[c], true);
			fputs(" |", d->out);
		}
		fputs("\n|", d->out);
		for (size_t c = 0; c < ncols; c++)
			fputs(numeric_column(rows, c) ? " ---: |" : " --- |", d->out);
		putc('\n', d->out);
		json_array_foreach(rows, i, row) {
			fputs("|", d->out);
			for (size_t c = 0; c < ncols; c++) {
				cell_text(json_array_get(row, c), &sb);
				putc(' ', d->out);
				md_escape(d->out, sb.buf, true);
				fputs(" |", d->out);
			}
			putc('\n', d->out);
		}
		putc('\n', d->out);
		break;
	default:
		text_table(d, headers, ncols, rows);
	}
	strbuf_release(&sb);
}

void vk_doc_chart(struct vk_doc *d, const char *kind, const char *caption, json_t *data)
{
	end_list(d);
	if (d->format == VK_DOC_HTML)
		vk_svg_chart(d->out, kind, caption, data);
	else if (d->format == VK_DOC_TEXT)
		vk_text_chart(d->out, kind, data);
}

int vk_doc_close(struct vk_doc *d)
{
	int rc;

	end_list(d);
	if (d->format == VK_DOC_HTML)
		fputs("</main>\n</body>\n</html>\n", d->out);
	rc = ferror(d->out) ? -1 : 0;
	free(d);
	return rc;
}

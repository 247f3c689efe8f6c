/* writer.c: see writer.h */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "error.h"
#include "json.h"
#include "number.h"
#include "strbuf.h"
#include "tsv.h"
#include "utf8.h"
#include "writer.h"

#define TABLE_MAX_WIDTH 40

/* One table cell: its display text at text.buf + off, and its width. */
struct tcell {
	size_t off;
	unsigned width;
	bool num;
};

struct vk_writer {
	FILE *out;
	struct vk_writer_options opts;
	char **columns;
	size_t ncolumns;
	size_t rows;
	int err;		/* errno of the first failed write, else 0 */
	char sep;		/* CSV/TSV separator */
	const char *eol;	/* CSV/TSV line end */
	bool special[256];	/* bytes that make a CSV cell quoted */
	struct strbuf line;	/* the output being built */
	struct strbuf cell;	/* one value's text */

	/* table: every cell, the header first, row after row */
	struct strbuf text;	/* display texts, each NUL-terminated */
	struct tcell *cells;
	size_t ncells, acells;
};

static const char spaces[] = "                                        ";

static void add_spaces(struct strbuf *sb, size_t n)
{
	while (n) {
		size_t k = n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1;

		strbuf_add(sb, spaces, k);
		n -= k;
	}
}

/* Writes p[0..n) to w->out; on failure remembers errno in w->err. */
static int put(struct vk_writer *w, const void *p, size_t n)
{
	if (n && fwrite(p, 1, n, w->out) != n) {
		w->err = errno ? errno : EIO;
		return -1;
	}
	return 0;
}

static int put_line(struct vk_writer *w)
{
	return put(w, w->line.buf, w->line.len);
}

/* Appends d in the fewest digits that read back, with a '.' whatever the locale (number.h). */
static void add_real(struct strbuf *out, double d)
{
	char buf[VK_NUMBER_SIZE];

	strbuf_addstr(out, vk_number_format(d, buf));
}

/* Appends the text of v, arrays and objects joined with sep. */
static void add_value(json_t *v, struct strbuf *out, const char *sep)
{
	char buf[32];
	const char *key;
	json_t *item;
	size_t i;
	bool first = true;

	if (!v)
		return;
	switch (json_typeof(v)) {
	case JSON_STRING:
		strbuf_add(out, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
		snprintf(buf, sizeof(buf), "%" JSON_INTEGER_FORMAT,
			 json_integer_value(v));
		strbuf_addstr(out, buf);
		break;
	case JSON_REAL:
		add_real(out, json_real_value(v));
		break;
	case JSON_TRUE:
		strbuf_addstr(out, "true");
		break;
	case JSON_FALSE:
		strbuf_addstr(out, "false");
		break;
	case JSON_NULL:
		break;
	case JSON_ARRAY:
		json_array_foreach(v, i, item) {
			if (i)
				strbuf_addstr(out, sep);
			add_value(item, out, sep);
		}
		break;
	case JSON_OBJECT:
		json_object_foreach(v, key, item) {
			if (!first)
				strbuf_addstr(out, sep);
			first = false;
			strbuf_addstr(out, key);
			strbuf_addch(out, '=');
			add_value(item, out, sep);
		}
		break;
	}
}

void vk_value_to_text(json_t *value, struct strbuf *out)
{
	add_value(value, out, ";");
}

static bool is_number(json_t *v)
{
	return v && (json_is_integer(v) || json_is_real(v));
}

/*
 * Sets *s and *len to the text of v: a string's own bytes, else the text
 * built in w->cell.
 */
static void value_text(struct vk_writer *w, json_t *v, const char **s,
		       size_t *len)
{
	if (v && json_is_string(v)) {
		*s = json_string_value(v);
		*len = json_string_length(v);
		return;
	}
	strbuf_reset(&w->cell);
	add_value(v, &w->cell, ";");
	*s = w->cell.buf;
	*len = w->cell.len;
}

/* CSV and TSV */

static bool formula_start(char c)
{
	return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' ||
	       c == '\r' || c == '\n' || c == '\'';
}

bool vk_writer_guards(char c)
{
	return formula_start(c);
}

/* Appends s[0..len) to w->line as one cell, quoted if it needs to be (or if quote). */
static void add_cell(struct vk_writer *w, const char *s, size_t len,
		     bool guard, bool quote)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i;
	const char *q;

	for (i = 0; i < len && !quote; i++) {
		if (w->special[u[i]]) {
			quote = true;
			break;
		}
	}
	if (quote)
		strbuf_addch(&w->line, '"');
	if (guard && len && formula_start(s[0]))
		strbuf_addch(&w->line, '\'');
	if (!quote) {
		strbuf_add(&w->line, s, len);
		return;
	}
	while (len && (q = memchr(s, '"', len))) {
		size_t n = (size_t)(q - s) + 1;

		strbuf_add(&w->line, s, n);
		strbuf_addch(&w->line, '"');
		s += n;
		len -= n;
	}
	strbuf_add(&w->line, s, len);
	strbuf_addch(&w->line, '"');
}

/*
 * Appends s[0..len) to w->line as one TSV field: escaped, never quoted or
 * guarded. One empty field alone would be a blank line, which is no
 * record: it is written as PostgreSQL's NULL, \N, which reads as no value.
 */
static void add_tsv_cell(struct vk_writer *w, const char *s, size_t len)
{
	if (!len && w->ncolumns == 1)
		strbuf_add(&w->line, "\\N", 2);
	else
		vk_tsv_escape(&w->line, s, len);
}

/* Appends one CSV or TSV cell: guard is CSV's formula guard, wanted for this cell. */
static void add_any_cell(struct vk_writer *w, const char *s, size_t len, bool guard)
{
	if (w->opts.format == VK_FORMAT_TSV)
		add_tsv_cell(w, s, len);
	else	/* one empty cell alone would be a blank line, which is no row */
		add_cell(w, s, len, guard && !w->opts.raw, w->ncolumns == 1 && !len);
}

static void add_record_cells(struct vk_writer *w, json_t *record)
{
	size_t i;

	for (i = 0; i < w->ncolumns; i++) {
		json_t *v = json_object_get(record, w->columns[i]);
		const char *s;
		size_t len;

		if (i)
			strbuf_addch(&w->line, w->sep);
		value_text(w, v, &s, &len);
		add_any_cell(w, s, len, !is_number(v));
	}
	strbuf_addstr(&w->line, w->eol);
}

static void write_header(struct vk_writer *w)
{
	size_t i;

	strbuf_reset(&w->line);
	if (w->opts.format == VK_FORMAT_CSV && w->opts.excel)
		strbuf_addstr(&w->line, "\xEF\xBB\xBF");
	for (i = 0; i < w->ncolumns; i++) {
		/* a name that starts the file with U+FEFF would read as a byte-order mark */
		bool bom = i == 0 && !strncmp(w->columns[i], "\xEF\xBB\xBF", 3);

		if (i)
			strbuf_addch(&w->line, w->sep);
		if (w->opts.format != VK_FORMAT_TSV) {
			add_cell(w, w->columns[i], strlen(w->columns[i]), false, bom);
			continue;
		}
		/* TSV cannot quote it: a byte-order mark before it is the one read as such */
		if (bom)
			strbuf_addstr(&w->line, "\xEF\xBB\xBF");
		vk_tsv_escape(&w->line, w->columns[i], strlen(w->columns[i]));
	}
	strbuf_addstr(&w->line, w->eol);
	put_line(w);
}

/* Table and vertical display */

/*
 * Appends valid UTF-8 s[0..len) for a terminal: with keep, newline and
 * TAB stay; without, they become "↵" and "→". CR is dropped; other
 * control characters (C0, DEL, C1) become '?'.
 */
static void add_display_valid(struct strbuf *out, const char *s, size_t len,
			      bool keep)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, run = 0;

	while (i < len) {
		unsigned c = u[i];
		const char *rep;
		size_t skip = 1;

		if (c >= 0x20 && c != 0x7F &&
		    !(c == 0xC2 && i + 1 < len && u[i + 1] < 0xA0)) {
			i++;
			continue;
		}
		strbuf_add(out, s + run, i - run);
		if (c == '\n')
			rep = keep ? "\n" : "\xE2\x86\xB5";	/* ↵ */
		else if (c == '\t')
			rep = keep ? "\t" : "\xE2\x86\x92";	/* → */
		else if (c == '\r')
			rep = "";
		else
			rep = "?";
		if (c == 0xC2)
			skip = 2;
		strbuf_addstr(out, rep);
		i += skip;
		run = i;
	}
	strbuf_add(out, s + run, len - run);
}

/* Like add_display_valid(), with each byte of invalid UTF-8 as '?'. */
static void add_display(struct strbuf *out, const char *s, size_t len,
			bool keep)
{
	while (len) {
		size_t good = len;

		utf8_valid(s, len, &good);
		add_display_valid(out, s, good, keep);
		if (good == len)
			break;
		strbuf_addch(out, '?');
		s += good + 1;
		len -= good + 1;
	}
}

/* Stores the display form of s[0..len) as the next table cell. */
static void table_add(struct vk_writer *w, const char *s, size_t len, bool num)
{
	struct tcell *c;
	size_t off = w->text.len;
	size_t width;

	if (w->ncells == w->acells) {
		w->acells = w->acells ? 2 * w->acells : 64;
		w->cells = vk_realloc(w->cells, w->acells * sizeof(*w->cells));
	}
	add_display(&w->text, s, len, false);
	strbuf_addch(&w->text, '\0');
	width = utf8_width(w->text.buf + off);
	if (width > TABLE_MAX_WIDTH) {
		size_t cut = utf8_prefix_for_width(w->text.buf + off,
						   TABLE_MAX_WIDTH - 1);

		strbuf_setlen(&w->text, off + cut);
		strbuf_addstr(&w->text, "\xE2\x80\xA6");	/* … */
		strbuf_addch(&w->text, '\0');
		width = utf8_width(w->text.buf + off);
	}
	c = &w->cells[w->ncells++];
	c->off = off;
	c->width = (unsigned)width;
	c->num = num;
}

static void table_row(struct vk_writer *w, json_t *record)
{
	size_t i;

	for (i = 0; i < w->ncolumns; i++) {
		json_t *v = json_object_get(record, w->columns[i]);
		const char *s;
		size_t len;

		value_text(w, v, &s, &len);
		table_add(w, s, len, is_number(v));
	}
}

/* Removes the spaces at the end of sb. */
static void rtrim(struct strbuf *sb)
{
	size_t len = sb->len;

	while (len && sb->buf[len - 1] == ' ')
		len--;
	strbuf_setlen(sb, len);
}

/*
 * The columns a table may take: $COLUMNS when it is a number, else the
 * width of the terminal out is, else 0 (no limit: a pipe or a file).
 */
static size_t table_limit(FILE *out)
{
	const char *env = getenv("COLUMNS");
	struct winsize ws;

	if (env && *env) {
		char *end;
		long n = strtol(env, &end, 10);
		if (!*end && n > 0 && n < 100000)
			return (size_t)n;
	}
	if (isatty(fileno(out)) && ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 0;
}

/*
 * Narrows the widest text columns, one column at a time, until the table
 * fits in limit columns or every text column is down to its heading (or 6
 * columns, for a short heading). Numbers are never narrowed.
 */
static void table_fit(size_t *width, const size_t *least, const bool *numcol, size_t ncol,
		      size_t limit)
{
	size_t total = 2 * (ncol - 1);

	for (size_t c = 0; c < ncol; c++)
		total += width[c];
	while (limit && total > limit) {
		size_t widest = ncol;
		for (size_t c = 0; c < ncol; c++)
			if (!numcol[c] && width[c] > least[c] &&
			    (widest == ncol || width[c] > width[widest]))
				widest = c;
		if (widest == ncol)
			return;
		width[widest]--;
		total--;
	}
}

/* Appends cell t cut to cols columns (with … when it is cut) to sb. */
static void add_cell_text(struct strbuf *sb, const char *text, size_t twidth, size_t cols,
			  size_t *shown)
{
	if (twidth <= cols) {
		strbuf_addstr(sb, text);
		*shown = twidth;
		return;
	}
	size_t cut = utf8_prefix_for_width(text, cols ? cols - 1 : 0);
	strbuf_add(sb, text, cut);
	strbuf_addstr(sb, "\xE2\x80\xA6");	/* … */
	char *start = sb->buf + sb->len - cut - 3;
	char save = start[cut];
	start[cut] = '\0';
	*shown = utf8_width(start) + 1;
	start[cut] = save;
}

static void table_print(struct vk_writer *w)
{
	size_t ncol = w->ncolumns, r, c;
	size_t *width, *least;
	bool *numcol;

	if (!ncol)
		return;
	width = vk_calloc(ncol, sizeof(*width));
	least = vk_calloc(ncol, sizeof(*least));
	numcol = vk_calloc(ncol, sizeof(*numcol));
	/* a column is right-aligned when all its non-empty cells are numbers */
	for (c = 0; c < ncol; c++) {
		bool any = false, all = true;

		for (r = 0; r <= w->rows; r++) {
			const struct tcell *t = &w->cells[r * ncol + c];

			if (t->width > width[c])
				width[c] = t->width;
			if (r && t->width) {
				any |= t->num;
				all &= t->num;
			}
		}
		numcol[c] = any && all;
		least[c] = w->cells[c].width > 6 ? w->cells[c].width : 6;
	}
	table_fit(width, least, numcol, ncol, table_limit(w->out));
	for (r = 0; r <= w->rows && !w->err; r++) {
		strbuf_reset(&w->line);
		for (c = 0; c < ncol; c++) {
			const struct tcell *t = &w->cells[r * ncol + c];
			bool right = r ? t->num : numcol[c];
			size_t shown, at;

			if (c)
				strbuf_addstr(&w->line, "  ");
			at = w->line.len;
			add_cell_text(&w->line, w->text.buf + t->off, t->width, width[c], &shown);
			if (right && shown < width[c]) {
				/* move the text right: the spaces go before it */
				size_t pad = width[c] - shown, n = w->line.len - at;
				strbuf_grow(&w->line, pad);
				memmove(w->line.buf + at + pad, w->line.buf + at, n);
				memset(w->line.buf + at, ' ', pad);
				strbuf_setlen(&w->line, w->line.len + pad);
			} else {
				add_spaces(&w->line, width[c] - shown);
			}
		}
		rtrim(&w->line);
		strbuf_addch(&w->line, '\n');
		put_line(w);
	}
	free(width);
	free(least);
	free(numcol);
}

/*
 * JSON and JSON Lines: appends record to w->line, compact, as jansson
 * would but for decimal numbers (json.h: the fewest digits that read back).
 */
static int add_json(struct vk_writer *w, json_t *record)
{
	vk_json_append(&w->line, record);
	return 0;
}

struct vk_writer *vk_writer_open(FILE *out, const struct vk_writer_options *opts,
				 const char *const *columns, size_t ncolumns)
{
	struct vk_writer *w = vk_calloc(1, sizeof(*w));
	size_t i;

	w->out = out;
	w->opts = *opts;
	w->ncolumns = ncolumns;
	w->columns = vk_calloc(ncolumns ? ncolumns : 1, sizeof(*w->columns));
	for (i = 0; i < ncolumns; i++)
		w->columns[i] = vk_strdup(columns[i]);
	strbuf_init(&w->line, 0);
	strbuf_init(&w->cell, 0);
	strbuf_init(&w->text, 0);

	/* callers should resolve AUTO themselves; be kind if one does not */
	if (w->opts.format == VK_FORMAT_AUTO)
		w->opts.format = vk_format_default_output();
	switch (w->opts.format) {
	case VK_FORMAT_CSV:
		w->sep = w->opts.excel ? ';' : ',';
		w->eol = "\r\n";
		break;
	case VK_FORMAT_TSV:
		w->sep = '\t';
		w->eol = "\n";
		break;
	case VK_FORMAT_TABLE:
		for (i = 0; i < ncolumns; i++)
			table_add(w, w->columns[i], strlen(w->columns[i]),
				  false);
		return w;
	case VK_FORMAT_JSON:
		return w;
	default:
		w->opts.format = VK_FORMAT_JSONL;
		return w;
	}
	w->special[(unsigned char)w->sep] = true;
	w->special['"'] = true;
	w->special['\r'] = true;
	w->special['\n'] = true;
	write_header(w);
	return w;
}

int vk_writer_row(struct vk_writer *w, json_t *record)
{
	if (w->err) {
		errno = w->err;
		return -1;
	}
	if (!json_is_object(record)) {
		errno = EINVAL;
		return -1;
	}
	strbuf_reset(&w->line);
	switch (w->opts.format) {
	case VK_FORMAT_TABLE:
		table_row(w, record);
		w->rows++;
		return 0;
	case VK_FORMAT_CSV:
	case VK_FORMAT_TSV:
		add_record_cells(w, record);
		break;
	case VK_FORMAT_JSON:
		strbuf_addstr(&w->line, w->rows ? ",\n" : "[\n");
		/* fall through */
	default:
		if (add_json(w, record) < 0) {
			errno = EINVAL;
			return -1;
		}
		if (w->opts.format == VK_FORMAT_JSONL)
			strbuf_addch(&w->line, '\n');
		break;
	}
	if (put_line(w) < 0)
		return -1;
	w->rows++;
	return 0;
}

bool vk_writer_takes_cells(const struct vk_writer *w)
{
	return w->opts.format != VK_FORMAT_TABLE;
}

static void add_cells_csv(struct vk_writer *w, const struct vk_cell *cells)
{
	for (size_t i = 0; i < w->ncolumns; i++) {
		const struct vk_cell *c = &cells[i];
		const char *s = c->s;
		size_t len = c->len;

		if (i)
			strbuf_addch(&w->line, w->sep);
		if (c->kind == VK_CELL_NONE) {
			len = 0;
		} else if (c->kind == VK_CELL_JSON) {
			json_t *v = json_loadb(c->s, c->len, JSON_DECODE_ANY, NULL);
			strbuf_reset(&w->cell);
			add_value(v, &w->cell, ";");
			json_decref(v);
			s = w->cell.buf;
			len = w->cell.len;
		}
		add_any_cell(w, s, len, c->kind != VK_CELL_NUMBER);
	}
	strbuf_addstr(&w->line, w->eol);
}

static void add_cells_json(struct vk_writer *w, const char *type, const struct vk_cell *cells)
{
	strbuf_addstr(&w->line, "{\"type\":");
	vk_json_append_string(&w->line, type, strlen(type));
	for (size_t i = 0; i < w->ncolumns; i++) {
		const struct vk_cell *c = &cells[i];

		strbuf_addch(&w->line, ',');
		vk_json_append_string(&w->line, w->columns[i], strlen(w->columns[i]));
		strbuf_addch(&w->line, ':');
		if (c->kind == VK_CELL_TEXT)
			vk_json_append_string(&w->line, c->s, c->len);
		else
			strbuf_add(&w->line, c->s, c->len);
	}
	strbuf_addch(&w->line, '}');
}

int vk_writer_cells(struct vk_writer *w, const char *type, const struct vk_cell *cells)
{
	if (w->err) {
		errno = w->err;
		return -1;
	}
	strbuf_reset(&w->line);
	switch (w->opts.format) {
	case VK_FORMAT_CSV:
	case VK_FORMAT_TSV:
		add_cells_csv(w, cells);
		break;
	case VK_FORMAT_JSON:
		strbuf_addstr(&w->line, w->rows ? ",\n" : "[\n");
		add_cells_json(w, type, cells);
		break;
	case VK_FORMAT_JSONL:
		add_cells_json(w, type, cells);
		strbuf_addch(&w->line, '\n');
		break;
	default:
		errno = EINVAL;
		return -1;
	}
	if (put_line(w) < 0)
		return -1;
	w->rows++;
	return 0;
}

/* Flushes w->out (it stays open) so that a late write error shows here. */
int vk_writer_close(struct vk_writer *w)
{
	size_t i;
	int err;

	if (!w)
		return 0;
	if (!w->err) {
		if (w->opts.format == VK_FORMAT_JSON) {
			if (w->rows)
				put(w, "\n]\n", 3);
			else
				put(w, "[]\n", 3);
		} else if (w->opts.format == VK_FORMAT_TABLE) {
			table_print(w);
		}
	}
	if (fflush(w->out) == EOF && !w->err)
		w->err = errno ? errno : EIO;
	if (ferror(w->out) && !w->err)
		w->err = EIO;
	err = w->err;

	for (i = 0; i < w->ncolumns; i++)
		free(w->columns[i]);
	free(w->columns);
	free(w->cells);
	strbuf_release(&w->line);
	strbuf_release(&w->cell);
	strbuf_release(&w->text);
	free(w);
	if (err) {
		errno = err;
		return -1;
	}
	return 0;
}

size_t vk_writer_rows(const struct vk_writer *w)
{
	return w->rows;
}

/* Vertical */

/* Appends the text of v for a person: lists joined with ", ". */
static void add_vertical_value(json_t *v, struct strbuf *out)
{
	add_value(v, out, ", ");
}

int vk_write_vertical(FILE *out, json_t *record, const char *const *columns,
		      size_t ncolumns)
{
	struct strbuf buf = STRBUF_INIT, text = STRBUF_INIT, disp = STRBUF_INIT;
	size_t keyw = 0, i;
	int ret = 0;

	for (i = 0; i < ncolumns; i++) {
		size_t kw = utf8_width(columns[i]);

		if (kw > keyw)
			keyw = kw;
	}
	for (i = 0; i < ncolumns; i++) {
		json_t *v = json_is_object(record) ?
			json_object_get(record, columns[i]) : NULL;
		const char *p, *end, *nl;
		bool first = true;

		strbuf_reset(&text);
		strbuf_reset(&disp);
		add_vertical_value(v, &text);
		add_display(&disp, text.buf, text.len, true);
		while (disp.len && disp.buf[disp.len - 1] == '\n')
			strbuf_setlen(&disp, disp.len - 1);

		strbuf_addstr(&buf, columns[i]);
		strbuf_addch(&buf, ':');
		p = disp.buf;
		end = disp.buf + disp.len;
		do {
			nl = memchr(p, '\n', (size_t)(end - p));
			if (!nl)
				nl = end;
			if (nl > p) {
				if (first)
					add_spaces(&buf, keyw + 1 -
						   utf8_width(columns[i]));
				else
					add_spaces(&buf, keyw + 2);
				strbuf_add(&buf, p, (size_t)(nl - p));
			}
			strbuf_addch(&buf, '\n');
			first = false;
			p = nl + 1;
		} while (nl < end);
	}
	if (buf.len && fwrite(buf.buf, 1, buf.len, out) != buf.len)
		ret = -1;
	if (fflush(out) == EOF || ferror(out))
		ret = -1;
	if (ret && !errno)
		errno = EIO;
	strbuf_release(&buf);
	strbuf_release(&text);
	strbuf_release(&disp);
	return ret;
}

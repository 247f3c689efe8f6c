/*
 * reader.c: see reader.h.
 *
 * All formats read through one buffer (buf[pos..end) is read but not yet
 * consumed; line is the line of buf[pos]). CSV is fed to libcsv a line at
 * a time (or a buffer's worth of a very long line), so that the line where
 * each record starts is known. JSON is cut into top-level values by a
 * small scanner that only tracks strings and brackets; jansson parses each
 * value. Either way memory holds one record, however long the input: an
 * array's elements are cut and parsed one at a time, never the array.
 *
 * JSON is a stream of top-level values, each an object (a record) or an
 * array of objects, one after another in any mix: JSON Lines, an array
 * (-o json), or the output of several programs (-o json twice, or -o
 * json and -o jsonl). An element's place in its array is counted as jq
 * does, from 0 (.[17]), anew in each array.
 *
 * TSV (tsv.h) is not CSV and needs no parser: a record is a line, cut
 * at each TAB where it lies in the buffer, its escapes undone in place;
 * the cells given point into the buffer.
 *
 * Lines: in CSV a line ends at CRLF, LF or a lone CR (libcsv ends rows at
 * all three); in TSV at LF (a CR before it dropped); in JSON at LF, as
 * jansson counts them.
 */
#include <csv.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "error.h"
#include "reader.h"
#include "strbuf.h"
#include "tsv.h"
#include "utf8.h"

#define READ_SIZE 65536
#define HEADER_SCAN_MAX (1024 * 1024)	/* bytes looked at to guess the delimiter */
#define MAX_DEPTH 64

enum mode {
	MODE_START,	/* nothing read yet */
	MODE_CSV,
	MODE_TSV,
	MODE_JSON,	/* states below */
	MODE_DONE	/* at the end, or after an error that stops reading */
};

enum json_state {
	J_OPEN,		/* array: before '[' */
	J_FIRST,	/* array: after '[' */
	J_NEXT,		/* array: after a record */
	J_VALUE,	/* array: after ',' */
	J_STREAM	/* stream: between top-level values (records and arrays) */
};

struct cell {
	size_t off, len;
};

struct vk_reader {
	FILE *fp;
	char *name;
	struct vk_reader_options opts;
	enum vk_format format;
	enum mode mode;

	char *buf;
	size_t cap, pos, end;
	bool eof;
	int read_errno;		/* set when fread failed */
	long line;

	struct strbuf err;
	bool can_continue;

	/* CSV */
	struct csv_parser csv;
	bool csv_ready;		/* csv_init() done: csv_free() at close */
	bool csv_fini_done;
	bool have_header;
	bool in_row;		/* libcsv is inside a row */
	bool row_ready;		/* a whole row is in cells */
	bool row_given;		/* row holds the last row given: cells are cleared at the next read */
	size_t lf_at;		/* the first LF in buf at or after pos, or end */
	bool lf_valid;		/* lf_at is up to date */
	long row_line;
	struct strbuf cells;	/* the row's cells, back to back, each NUL-terminated */
	struct cell *cell;
	struct vk_input_cell *row;	/* the cells as given (cells_alloc of them) */
	size_t ncells, cells_alloc;
	char **cols;
	size_t *col_len;
	size_t ncols;

	/* JSON */
	enum json_state jstate;
	long next_element;	/* in an array: the index of its next value */
	long element;		/* the index of what was last given in its array, or -1 */
};

static void oom(void)
{
	vk_die(VK_EXIT_IOERR, "out of memory");
}

struct vk_reader *vk_reader_open(FILE *fp, const char *name,
				 const struct vk_reader_options *opts)
{
	struct vk_reader *r = vk_calloc(1, sizeof(*r));

	r->fp = fp;
	r->name = vk_strdup(name ? name : "stdin");
	if (opts)
		r->opts = *opts;
	r->format = r->opts.format;
	r->mode = MODE_START;
	r->cap = READ_SIZE;
	r->buf = vk_malloc(r->cap);
	r->line = 1;
	r->element = -1;
	strbuf_init(&r->err, 0);
	strbuf_init(&r->cells, 0);
	return r;
}

void vk_reader_set_buffer_size(struct vk_reader *r, size_t size)
{
	if (!size || r->mode != MODE_START || r->end)
		return;
	r->cap = size;
	r->buf = vk_realloc(r->buf, r->cap);
}

void vk_reader_close(struct vk_reader *r)
{
	if (!r)
		return;
	if (r->csv_ready)
		csv_free(&r->csv);
	for (size_t i = 0; i < r->ncols; i++)
		free(r->cols[i]);
	free(r->cols);
	free(r->col_len);
	free(r->cell);
	free(r->row);
	strbuf_release(&r->cells);
	strbuf_release(&r->err);
	free(r->buf);
	free(r->name);
	free(r);
}

const char *vk_reader_error(const struct vk_reader *r)
{
	return r->err.buf;
}

bool vk_reader_can_continue(const struct vk_reader *r)
{
	return r->can_continue;
}

enum vk_format vk_reader_format(const struct vk_reader *r)
{
	return r->format;
}

bool vk_reader_is_text(const struct vk_reader *r)
{
	return r->format == VK_FORMAT_CSV || r->format == VK_FORMAT_TSV;
}

const char *const *vk_reader_columns(const struct vk_reader *r, size_t *count)
{
	if (count)
		*count = r->have_header ? r->ncols : 0;
	return r->have_header ? (const char *const *)r->cols : NULL;
}

long vk_reader_element(const struct vk_reader *r)
{
	return r->element;
}

const char *vk_reader_name(const struct vk_reader *r)
{
	return r->name;
}

/*
 * Sets the error message and *linep to line; when !cont, reading stops.
 * Returns VK_READ_ERROR for the caller to return.
 */
__attribute__((format(printf, 5, 6)))
static enum vk_read_result fail(struct vk_reader *r, long *linep, long line,
				bool cont, const char *fmt, ...)
{
	va_list ap;

	strbuf_reset(&r->err);
	va_start(ap, fmt);
	strbuf_vaddf(&r->err, fmt, ap);
	va_end(ap);
	r->can_continue = cont;
	if (!cont)
		r->mode = MODE_DONE;
	*linep = line;
	return VK_READ_ERROR;
}

/*
 * Reads more input after buf[end], first moving buf[pos..end) to the
 * front (offsets from pos stay valid) and growing the buffer only when it
 * is full. Returns false at the end of input or on a read error.
 */
static bool more(struct vk_reader *r)
{
	size_t n;

	if (r->eof)
		return false;
	if (r->pos > 0) {
		memmove(r->buf, r->buf + r->pos, r->end - r->pos);
		r->end -= r->pos;
		r->pos = 0;
	}
	if (r->end == r->cap) {
		r->cap *= 2;
		r->buf = vk_realloc(r->buf, r->cap);
	}
	n = fread(r->buf + r->end, 1, r->cap - r->end, r->fp);
	r->end += n;
	r->lf_valid = false;
	if (n == 0) {
		r->eof = true;
		if (ferror(r->fp))
			r->read_errno = errno ? errno : EIO;
		return false;
	}
	return true;
}

/* Makes at least n bytes available from pos, unless the input is shorter. */
static size_t want(struct vk_reader *r, size_t n)
{
	while (r->end - r->pos < n && more(r))
		;
	return r->end - r->pos;
}

static bool is_ws(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Returns the first byte from pos that is not whitespace, consuming nothing; -1 at the end. */
static int peek_significant(struct vk_reader *r)
{
	size_t off = 0;

	for (;;) {
		for (; r->pos + off < r->end; off++) {
			unsigned char c = (unsigned char)r->buf[r->pos + off];

			if (!is_ws(c))
				return c;
		}
		if (!more(r))
			return -1;
	}
}

/* ---- CSV ---- */

/* libcsv trims spaces and tabs around unquoted fields unless told that nothing is a space. */
static int no_space(unsigned char c)
{
	(void)c;
	return 0;
}

static void on_field(void *s, size_t len, void *data)
{
	struct vk_reader *r = data;

	if (r->ncells == r->cells_alloc) {
		r->cells_alloc = r->cells_alloc ? 2 * r->cells_alloc : 16;
		r->cell = vk_realloc(r->cell, r->cells_alloc * sizeof(*r->cell));
		r->row = vk_realloc(r->row, r->cells_alloc * sizeof(*r->row));
	}
	r->cell[r->ncells].off = r->cells.len;
	r->cell[r->ncells].len = len;
	r->ncells++;
	strbuf_add(&r->cells, s, len);
	strbuf_addch(&r->cells, '\0');
}

static void on_row(int c, void *data)
{
	struct vk_reader *r = data;

	(void)c;
	r->row_ready = true;
	r->in_row = false;
}

/*
 * Guesses the delimiter from the header line (the first line that is not
 * blank): the most frequent of ',' ';' TAB outside quotes, ',' on a tie
 * or when there is none. Consumes nothing.
 */
static int guess_delimiter(struct vk_reader *r)
{
	size_t off = 0, n[3] = { 0, 0, 0 };
	bool quoted = false, started = false;
	int best = ',';
	size_t bestn;

	for (;;) {
		for (; r->pos + off < r->end; off++) {
			char c = r->buf[r->pos + off];

			if ((c == '\n' || c == '\r') && !quoted) {
				if (started)
					goto done;
				continue;
			}
			started = true;
			if (c == '"')
				quoted = !quoted;
			else if (quoted)
				continue;
			else if (c == ',')
				n[0]++;
			else if (c == ';')
				n[1]++;
			else if (c == '\t')
				n[2]++;
		}
		if (off >= HEADER_SCAN_MAX || !more(r))
			break;
	}
done:
	bestn = n[0];
	if (n[1] > bestn) {
		best = ';';
		bestn = n[1];
	}
	if (n[2] > bestn)
		best = '\t';
	return best;
}

/*
 * Sets up libcsv, or the TSV reader for TSV and for a detected format
 * whose header is separated by tabs (a tab given as the CSV delimiter is
 * CSV: quotes are read as such); false (error reported) when the
 * delimiter cannot be used.
 */
static bool csv_start(struct vk_reader *r, long *linep)
{
	int delim = r->opts.delimiter;
	bool tsv = r->format == VK_FORMAT_TSV;

	if (!tsv && !delim) {
		delim = guess_delimiter(r);
		tsv = delim == '\t' && r->format == VK_FORMAT_AUTO;
	}
	if (tsv) {
		r->format = VK_FORMAT_TSV;
		r->mode = MODE_TSV;
		return true;
	}
	if (delim <= 0 || delim > 127 || delim == '"' || delim == '\r' ||
	    delim == '\n') {
		fail(r, linep, r->line, false,
		     "cannot use byte %d as the CSV delimiter", delim);
		return false;
	}
	r->format = VK_FORMAT_CSV;
	if (csv_init(&r->csv, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL))
		oom();
	r->csv_ready = true;
	csv_set_delim(&r->csv, (unsigned char)delim);
	csv_set_space_func(&r->csv, no_space);
	csv_set_realloc_func(&r->csv, vk_realloc);
	r->mode = MODE_CSV;
	return true;
}

enum feed {
	FEED_OK,	/* a line went in: check row_ready */
	FEED_END,	/* nothing more: csv_fini() is done */
	FEED_ERROR	/* bad quoting */
};

/*
 * Feeds libcsv the next line, ending at CRLF, LF or CR (or, when the
 * buffer holds only part of a very long line, that part). At the end of
 * input, finishes the parser once, which may complete a last row.
 */
static enum feed csv_feed(struct vk_reader *r, long *linep)
{
	for (;;) {
		const char *s = r->buf + r->pos;
		size_t n = r->end - r->pos, len, content, done;
		bool eol = false, full = r->pos == 0 && r->end == r->cap;
		const char *lf, *cr;

		/* remembered, or a file of CR line ends would rescan the buffer */
		if (!r->lf_valid || r->lf_at < r->pos) {
			lf = memchr(s, '\n', n);
			r->lf_at = lf ? (size_t)(lf - r->buf) : r->end;
			r->lf_valid = true;
		}
		lf = r->lf_at < r->end ? r->buf + r->lf_at : NULL;
		cr = memchr(s, '\r', lf ? (size_t)(lf - s) : n);

		if (cr) {
			content = (size_t)(cr - s);
			if (content + 1 < n || r->eof) {
				eol = true;
				len = content + 1;
				if (content + 1 < n && s[content + 1] == '\n')
					len++;
			} else if (full && content > 0) {
				len = content;	/* keep the CR: an LF may follow */
			} else {
				more(r);
				continue;
			}
		} else if (lf) {
			content = (size_t)(lf - s);
			len = content + 1;
			eol = true;
		} else if (r->eof || full) {
			len = content = n;
		} else {
			more(r);
			continue;
		}

		if (len == 0) {
			if (r->csv_fini_done)
				return FEED_END;
			r->csv_fini_done = true;
			if (csv_fini(&r->csv, on_field, on_row, r)) {
				fail(r, linep, r->row_line, false,
				     "bad quoting: a quoted field is not closed "
				     "before the end of the input");
				return FEED_ERROR;
			}
			return FEED_OK;
		}
		if (content > 0 && !r->in_row) {
			r->in_row = true;
			r->row_line = r->line;
		}
		/* libcsv grows its field buffer by blk_size: keep that geometric */
		if (csv_get_buffer_size(&r->csv) > 4096)
			csv_set_blk_size(&r->csv, csv_get_buffer_size(&r->csv));
		else
			csv_set_blk_size(&r->csv, 4096);
		done = csv_parse(&r->csv, s, len, on_field, on_row, r);
		if (done < len) {
			if (csv_error(&r->csv) != CSV_EPARSE)
				oom();
			fail(r, linep, r->line, false, "%s",
			     r->csv.quoted ?
			     "bad quoting: text after a closing quote (a quote "
			     "inside a quoted field must be doubled)" :
			     "bad quoting: a quote inside an unquoted field "
			     "(quote the whole field and double the quote)");
			return FEED_ERROR;
		}
		r->pos += len;
		if (eol)
			r->line++;
		return FEED_OK;
	}
}

static void trim_spaces(const char **s, size_t *len)
{
	while (*len && **s == ' ') {
		(*s)++;
		(*len)--;
	}
	while (*len && (*s)[*len - 1] == ' ')
		(*len)--;
}

/* Takes the row in cells as the column names; false (error reported, reading stops) if they are bad. */
static bool csv_header(struct vk_reader *r, long *linep)
{
	long line = r->row_line;
	json_t *seen;
	size_t i, named = 0;

	r->cols = vk_calloc(r->ncells, sizeof(*r->cols));
	r->col_len = vk_calloc(r->ncells, sizeof(*r->col_len));
	for (i = 0; i < r->ncells; i++) {
		const char *s = r->cells.buf + r->cell[i].off;
		size_t len = r->cell[i].len;

		trim_spaces(&s, &len);
		r->cols[i] = memcpy(vk_malloc(len + 1), s, len);
		r->cols[i][len] = '\0';
		r->col_len[i] = len;
		r->ncols++;
		if (len)
			named++;
	}
	if (!named) {
		fail(r, linep, line, false, "the header is empty: the first "
		     "line must name the columns");
		return false;
	}
	seen = json_object();
	if (!seen)
		oom();
	for (i = 0; i < r->ncols; i++) {
		size_t bad;

		if (!r->col_len[i]) {
			fail(r, linep, line, false,
			     "column %zu of the header has no name", i + 1);
			break;
		}
		if (memchr(r->cols[i], '\0', r->col_len[i])) {
			fail(r, linep, line, false,
			     "column %zu of the header: NUL byte in the name "
			     "(is the file UTF-16? save it as UTF-8)", i + 1);
			break;
		}
		if (!utf8_valid(r->cols[i], r->col_len[i], &bad)) {
			fail(r, linep, line, false,
			     "column %zu of the header: invalid UTF-8 at byte "
			     "%zu of the name", i + 1, bad + 1);
			break;
		}
		if (json_object_getn(seen, r->cols[i], r->col_len[i])) {
			struct strbuf q = STRBUF_INIT;

			utf8_addquoted(&q, r->cols[i]);
			fail(r, linep, line, false,
			     "duplicate column name %s in the header", q.buf);
			strbuf_release(&q);
			break;
		}
		if (json_object_setn_new_nocheck(seen, r->cols[i], r->col_len[i],
						 json_null()))
			oom();
	}
	json_decref(seen);
	if (i < r->ncols)
		return false;
	r->have_header = true;
	return true;
}

/* Checks the row in cells and makes row of it, or reports its first bad cell. */
static enum vk_read_result csv_row(struct vk_reader *r, long *linep)
{
	size_t i, n = r->ncells;

	*linep = r->row_line;
	if (n != r->ncols)
		return fail(r, linep, r->row_line, true,
			    "the record has %zu field%s, the header has %zu",
			    n, n == 1 ? "" : "s", r->ncols);
	for (i = 0; i < n; i++) {
		const char *s = r->cells.buf + r->cell[i].off;
		size_t bad, len = r->cell[i].len;

		if (memchr(s, '\0', len) || !utf8_valid(s, len, &bad)) {
			/* the column's name, as a message shows it (it may be any text) */
			struct strbuf name = STRBUF_INIT;
			utf8_add_shown(&name, r->cols[i], UTF8_SHOWN_CHARS, false);
			if (memchr(s, '\0', len))
				fail(r, linep, r->row_line, true, "%s: NUL byte in the value", name.buf);
			else
				fail(r, linep, r->row_line, true,
				     "%s: invalid UTF-8 at byte %zu of the value", name.buf, bad + 1);
			strbuf_release(&name);
			return VK_READ_ERROR;
		}
		if (!r->opts.raw && len && *s == '\'') {
			s++;
			len--;
		}
		r->row[i].text = s;
		r->row[i].len = len;
	}
	return VK_READ_RECORD;
}

/* Makes an object of the row (column name -> string). */
static json_t *row_object(const struct vk_reader *r)
{
	json_t *obj = json_object();

	if (!obj)
		oom();
	for (size_t i = 0; i < r->ncols; i++) {
		json_t *v = json_stringn_nocheck(r->row[i].text, r->row[i].len);
		if (!v || json_object_setn_new_nocheck(obj, r->cols[i], r->col_len[i], v))
			oom();
	}
	return obj;
}

/* The next row into r->row (valid until the next call), as vk_reader_next_cells() says. */
static enum vk_read_result csv_next(struct vk_reader *r, long *linep)
{
	if (r->row_given) {
		r->row_given = false;
		r->ncells = 0;
		strbuf_reset(&r->cells);
	}
	for (;;) {
		enum vk_read_result res = VK_READ_END;
		enum feed f;

		if (r->row_ready) {
			bool header = !r->have_header;

			r->row_ready = false;
			if (header) {
				bool ok = csv_header(r, linep);
				r->ncells = 0;
				strbuf_reset(&r->cells);
				if (!ok)
					return VK_READ_ERROR;
				continue;
			}
			res = csv_row(r, linep);
			r->row_given = true;
			return res;
		}
		f = csv_feed(r, linep);
		if (f == FEED_ERROR)
			return VK_READ_ERROR;
		if (f == FEED_END) {
			r->mode = MODE_DONE;
			*linep = r->line;
			return VK_READ_END;
		}
	}
}

/* ---- TSV ---- */

/*
 * Takes the next line that is not blank and moves past it: *s and *len
 * are its text, without the LF and a CR before it, in the buffer (with a
 * byte after it that may be written), and *at its line. False at the end
 * of the input.
 */
static bool tsv_line(struct vk_reader *r, char **s, size_t *len, long *at)
{
	size_t scanned = 0;

	for (;;) {
		char *p = r->buf + r->pos, *lf;
		size_t n = r->end - r->pos, content, take;

		lf = memchr(p + scanned, '\n', n - scanned);
		if (!lf && !r->eof) {
			scanned = n;	/* offsets from pos stay valid in more() */
			more(r);
			continue;
		}
		if (lf) {
			content = (size_t)(lf - p);
			take = content + 1;
		} else if (!n) {
			return false;
		} else {
			/* the last line has no LF: make room for the NUL after it */
			if (r->end == r->cap) {
				r->buf = vk_realloc(r->buf, ++r->cap);
				p = r->buf + r->pos;
			}
			content = take = n;
		}
		*at = r->line;
		r->pos += take;
		scanned = 0;	/* the next line is scanned from its start */
		if (lf)
			r->line++;
		if (content && p[content - 1] == '\r')
			content--;
		if (content) {
			*s = p;
			*len = content;
			return true;
		}
	}
}

/*
 * Cuts line[0..len) at its TABs into r->row[0..ncols) (the fields past
 * ncols only counted) and returns the number of fields.
 */
static size_t tsv_split(struct vk_reader *r, char *line, size_t len)
{
	char *p = line, *end = line + len;
	size_t n = 0;

	for (;;) {
		char *tab = memchr(p, '\t', (size_t)(end - p));
		char *stop = tab ? tab : end;

		if (n < r->ncols) {
			r->row[n].text = p;
			r->row[n].len = (size_t)(stop - p);
		}
		n++;
		if (!tab)
			return n;
		p = tab + 1;
	}
}

/* Takes line[0..len) as the header; false (error reported, reading stops) if it is bad. */
static bool tsv_header(struct vk_reader *r, char *line, size_t len, long at, long *linep)
{
	char *p = line, *end = line + len;
	bool ok;

	for (;;) {
		char *tab = memchr(p, '\t', (size_t)(end - p));
		char *stop = tab ? tab : end;

		on_field(p, vk_tsv_unescape(p, (size_t)(stop - p)), r);
		if (!tab)
			break;
		p = tab + 1;
	}
	r->row_line = at;
	ok = csv_header(r, linep);
	r->ncells = 0;
	strbuf_reset(&r->cells);
	return ok;
}

/* Makes r->row of the record line[0..len) on line at, or reports what is wrong with it. */
static enum vk_read_result tsv_row(struct vk_reader *r, char *line, size_t len, long at,
				   long *linep)
{
	bool escaped = memchr(line, '\\', len) != NULL;
	bool clean = !memchr(line, '\0', len) && utf8_valid(line, len, NULL);
	size_t i, n = tsv_split(r, line, len);

	*linep = at;
	if (n != r->ncols)
		return fail(r, linep, at, true, "the record has %zu field%s, the header has %zu%s",
			    n, n == 1 ? "" : "s", r->ncols,
			    memchr(line, '"', len) ? " (TSV has no quoting: a tab or line break "
			    "in a value is written \\t or \\n)" : "");
	for (i = 0; i < n; i++) {
		char *s = (char *)r->row[i].text;
		size_t bad, flen = r->row[i].len;

		if (escaped) {
			flen = vk_tsv_is_null(s, flen) ? 0 : vk_tsv_unescape(s, flen);
			r->row[i].len = flen;
		}
		s[flen] = '\0';	/* over the TAB, CR or LF after it, or the byte kept free */
		if (clean)
			continue;
		if (memchr(s, '\0', flen) || !utf8_valid(s, flen, &bad)) {
			struct strbuf name = STRBUF_INIT;

			utf8_add_shown(&name, r->cols[i], UTF8_SHOWN_CHARS, false);
			if (memchr(s, '\0', flen))
				fail(r, linep, at, true, "%s: NUL byte in the value", name.buf);
			else
				fail(r, linep, at, true, "%s: invalid UTF-8 at byte %zu of the value",
				     name.buf, bad + 1);
			strbuf_release(&name);
			return VK_READ_ERROR;
		}
	}
	return VK_READ_RECORD;
}

/* The next record into r->row (pointing into the buffer until the next call). */
static enum vk_read_result tsv_next(struct vk_reader *r, long *linep)
{
	char *line;
	size_t len;
	long at;

	for (;;) {
		if (!tsv_line(r, &line, &len, &at)) {
			r->mode = MODE_DONE;
			*linep = r->line;
			return VK_READ_END;
		}
		if (r->have_header)
			return tsv_row(r, line, len, at, linep);
		if (!tsv_header(r, line, len, at, linep))
			return VK_READ_ERROR;
	}
}

/* ---- JSON ---- */

/* Consumes whitespace, counting lines; returns the next byte, or -1 at the end. */
static int skip_ws(struct vk_reader *r)
{
	for (;;) {
		for (; r->pos < r->end; r->pos++) {
			unsigned char c = (unsigned char)r->buf[r->pos];

			if (c == '\n')
				r->line++;
			else if (c != ' ' && c != '\t' && c != '\r')
				return c;
		}
		if (!more(r))
			return -1;
	}
}

/* Consumes input up to and with the next LF. */
static void skip_line(struct vk_reader *r)
{
	for (;;) {
		char *lf = memchr(r->buf + r->pos, '\n', r->end - r->pos);

		if (lf) {
			r->pos = (size_t)(lf - r->buf) + 1;
			r->line++;
			return;
		}
		r->pos = r->end;
		if (!more(r))
			return;
	}
}

enum scan {
	SCAN_OK,	/* a whole value */
	SCAN_DEEP,	/* a whole value, nested too deeply */
	SCAN_CUT,	/* a value that is bad before its end (a control
			   character in a string, a bracket that closes the
			   wrong one): its end is unknown */
	SCAN_EOF	/* the input ends inside the value */
};

struct scanned {
	size_t len;		/* bytes of the value from pos */
	long lines;		/* LFs in them */
	bool deep;		/* nested more than MAX_DEPTH */
	const char *open;	/* at SCAN_EOF: "object", "array" or "string" */
};

/*
 * Finds where the value at buf[pos] ends without parsing it: tracks
 * strings, escapes and brackets only (a counter past MAX_DEPTH, so any
 * depth is safe). A value other than an object, array or string ends at
 * whitespace or punctuation. Consumes nothing; may refill the buffer.
 */
static enum scan scan_value(struct vk_reader *r, struct scanned *v)
{
	char stack[MAX_DEPTH];
	size_t depth = 0, off = 0;
	bool in_str = false, esc = false;
	char first = r->buf[r->pos];

	memset(v, 0, sizeof(*v));
	if (first != '{' && first != '[' && first != '"') {
		for (;;) {
			for (; r->pos + off < r->end; off++) {
				char c = r->buf[r->pos + off];

				if (is_ws(c) || c == '{' || c == '}' || c == '[' ||
				    c == ']' || c == ',' || c == ':' || c == '"')
					goto token;
			}
			if (!more(r))
				break;
		}
token:
		v->len = off;
		return SCAN_OK;
	}
	if (first == '"') {
		in_str = true;
		off = 1;
	}
	for (;;) {
		for (; r->pos + off < r->end; off++) {
			unsigned char c = (unsigned char)r->buf[r->pos + off];

			if (in_str) {
				if (esc) {
					esc = false;
				} else if (c == '\\') {
					esc = true;
				} else if (c == '"') {
					in_str = false;
					if (!depth)
						goto end;
				} else if (c < 0x20) {
					v->len = off + 1;
					return SCAN_CUT;
				}
				continue;
			}
			switch (c) {
			case '"':
				in_str = true;
				break;
			case '\n':
				v->lines++;
				break;
			case '{':
			case '[':
				if (depth < MAX_DEPTH)
					stack[depth] = (char)c;
				else
					v->deep = true;
				depth++;
				break;
			case '}':
			case ']':
				depth--;
				if (depth < MAX_DEPTH &&
				    stack[depth] != (c == '}' ? '{' : '[')) {
					v->len = off + 1;
					return SCAN_CUT;
				}
				if (!depth)
					goto end;
				break;
			}
		}
		if (!more(r)) {
			v->len = off;
			v->open = in_str ? "string" :
				  first == '{' ? "object" : "array";
			return SCAN_EOF;
		}
	}
end:
	v->len = off + 1;
	return v->deep ? SCAN_DEEP : SCAN_OK;
}

/*
 * jansson's message, without the text it quotes ("near '...'") unless that
 * is a few printable ASCII characters (a bracket, a comma): the quoted text
 * may be cut inside a UTF-8 character, and may be personal data.
 */
static void add_json_message(struct strbuf *out, const char *text)
{
	const char *near = strstr(text, " near '");

	if (near) {
		const char *q = near + 7, *end = strrchr(q, '\'');
		bool keep = end && end - q <= 3;

		for (const char *p = q; keep && p < end; p++)
			keep = *p >= 0x20 && *p < 0x7F;
		if (!keep) {
			strbuf_add(out, text, (size_t)(near - text));
			return;
		}
	}
	strbuf_addstr(out, text);
}

/* Parses buf[pos..pos+len) with jansson; on an error sets *line and the message. */
static json_t *parse_value(struct vk_reader *r, size_t len, long start,
			   long *line)
{
	json_error_t e;
	json_t *j = json_loadb(r->buf + r->pos, len,
			       JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &e);

	if (!j) {
		strbuf_reset(&r->err);
		if (json_error_code(&e) == json_error_null_character) {
			strbuf_addstr(&r->err, "a NUL character (\\u0000) in a string");
		} else if (json_error_code(&e) == json_error_invalid_utf8) {
			strbuf_addstr(&r->err, "invalid UTF-8 (");
			add_json_message(&r->err, e.text);
			strbuf_addch(&r->err, ')');
		} else {
			add_json_message(&r->err, e.text);
		}
		*line = start + (e.line > 1 ? e.line - 1 : 0);
	}
	return j;
}

/*
 * After an error in a stream: skips what is left of the line, if
 * anything, so that reading goes on with the next line.
 */
static void skip_rest_of_line(struct vk_reader *r)
{
	for (;;) {
		for (; r->pos < r->end; r->pos++) {
			char c = r->buf[r->pos];

			if (c == '\n')
				return;
			if (c != ' ' && c != '\t' && c != '\r') {
				skip_line(r);
				return;
			}
		}
		if (!more(r))
			return;
	}
}

/*
 * Reads the value at pos as a record and moves past it. After a bad
 * value in a stream, reading goes on at the next line; in an array, a
 * value whose end cannot be found stops the reading.
 */
static enum vk_read_result json_value(struct vk_reader *r, json_t **record,
				      long *linep)
{
	bool stream = r->jstate == J_STREAM;
	long start = r->line, line;
	unsigned char c = (unsigned char)r->buf[r->pos];
	struct scanned v;
	json_t *j;

	if (!stream) {
		r->jstate = J_NEXT;
		r->element = r->next_element++;
	}
	if (c == '}' || c == ']' || c == ',' || c == ':') {
		if (stream)
			skip_line(r);
		return fail(r, linep, start, stream,
			    "unexpected '%c' where a record should start", c);
	}
	switch (scan_value(r, &v)) {
	case SCAN_EOF:
		if (v.deep)
			return fail(r, linep, start, false,
				    "nested too deeply (more than %d levels)",
				    MAX_DEPTH);
		return fail(r, linep, start, false,
			    "unexpected end of input: unclosed %s", v.open);
	case SCAN_DEEP:
		r->pos += v.len;
		r->line += v.lines;
		if (stream)
			skip_rest_of_line(r);
		return fail(r, linep, start, true,
			    "nested too deeply (more than %d levels)", MAX_DEPTH);
	case SCAN_CUT:
		j = parse_value(r, v.len, start, &line);
		if (j) {
			json_decref(j);
			strbuf_reset(&r->err);
			strbuf_addstr(&r->err, "invalid JSON");
			line = start + v.lines;
		}
		r->pos += v.len;
		r->line += v.lines;
		if (r->buf[r->pos - 1] == '\n')
			r->line++;
		else if (stream)
			skip_rest_of_line(r);
		r->can_continue = stream;
		if (!stream)
			r->mode = MODE_DONE;
		*linep = line;
		return VK_READ_ERROR;
	case SCAN_OK:
		break;
	}
	j = parse_value(r, v.len, start, &line);
	r->pos += v.len;
	r->line += v.lines;
	if (!j) {
		if (stream)
			skip_rest_of_line(r);
		r->can_continue = true;
		*linep = line;
		return VK_READ_ERROR;
	}
	if (!json_is_object(j)) {
		json_decref(j);
		if (stream)
			skip_rest_of_line(r);
		return fail(r, linep, start, true,
			    "a record must be a JSON object");
	}
	*record = j;
	*linep = start;
	return VK_READ_RECORD;
}

static enum vk_read_result json_next(struct vk_reader *r, json_t **record,
				     long *linep)
{
	for (;;) {
		int c = skip_ws(r);

		switch (r->jstate) {
		case J_OPEN:
			r->pos++;	/* the '[' seen */
			r->jstate = J_FIRST;
			r->next_element = 0;
			continue;
		case J_FIRST:
		case J_VALUE:
			if (c == ']' && r->jstate == J_FIRST) {
				r->pos++;
				r->jstate = J_STREAM;
				continue;
			}
			if (c < 0)
				return fail(r, linep, r->line, false,
					    "unexpected end of input: unclosed "
					    "array");
			return json_value(r, record, linep);
		case J_NEXT:
			if (c == ',') {
				r->pos++;
				r->jstate = J_VALUE;
				continue;
			}
			if (c == ']') {
				r->pos++;
				r->jstate = J_STREAM;
				continue;
			}
			if (c < 0)
				return fail(r, linep, r->line, false,
					    "unexpected end of input: unclosed "
					    "array");
			return fail(r, linep, r->line, false,
				    "expected ',' or ']' after a record");
		case J_STREAM:
			if (c < 0) {
				r->mode = MODE_DONE;
				*linep = r->line;
				return VK_READ_END;
			}
			/* an array's records join the stream (-o json of two programs) */
			if (c == '[') {
				r->jstate = J_OPEN;
				continue;
			}
			return json_value(r, record, linep);
		}
	}
}

/* ---- start ---- */

/*
 * Refuses UTF-16/32, skips a UTF-8 BOM, and picks the format and mode.
 * Returns false when reading cannot start (error reported).
 */
static bool start(struct vk_reader *r, long *linep)
{
	const unsigned char *s;
	size_t n = want(r, 4);
	int c;

	s = (const unsigned char *)r->buf + r->pos;
	if (n >= 4 && s[0] == 0 && s[1] == 0 && s[2] == 0xFE && s[3] == 0xFF) {
		fail(r, linep, 1, false,
		     "UTF-32 is not supported: save the file as UTF-8");
		return false;
	}
	if (n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) ||
		       (s[0] == 0xFE && s[1] == 0xFF))) {
		fail(r, linep, 1, false,
		     "UTF-16 is not supported: save the file as UTF-8");
		return false;
	}
	if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		r->pos += 3;

	switch (r->format) {
	case VK_FORMAT_CSV:
	case VK_FORMAT_TSV:
		return csv_start(r, linep);
	case VK_FORMAT_JSON:
	case VK_FORMAT_JSONL:
		c = peek_significant(r);
		/* a stream of no records is JSON Lines; JSON needs a document */
		if (c < 0 && r->format == VK_FORMAT_JSON) {
			fail(r, linep, r->line, false,
			     "the input is empty: JSON needs an array of records");
			return false;
		}
		break;
	default:
		c = peek_significant(r);
		if (c != '[' && c != '{')
			return csv_start(r, linep);
		break;
	}
	r->mode = MODE_JSON;
	if (c == '[') {
		r->format = VK_FORMAT_JSON;
		r->jstate = J_OPEN;
	} else {
		r->format = VK_FORMAT_JSONL;
		r->jstate = J_STREAM;
	}
	return true;
}

enum vk_read_result vk_reader_next_cells(struct vk_reader *r, json_t **record,
					 const struct vk_input_cell **cells, size_t *ncells, long *line)
{
	enum vk_read_result res;

	*record = NULL;
	*cells = NULL;
	*ncells = 0;
	*line = r->line;
	if (r->mode == MODE_DONE)
		return VK_READ_END;
	strbuf_reset(&r->err);
	r->can_continue = false;
	r->element = -1;
	if (r->mode == MODE_START && !start(r, line))
		return VK_READ_ERROR;
	if (r->mode == MODE_CSV || r->mode == MODE_TSV) {
		res = r->mode == MODE_CSV ? csv_next(r, line) : tsv_next(r, line);
		if (res == VK_READ_RECORD) {
			*cells = r->row;
			*ncells = r->ncols;
		}
	} else {
		res = json_next(r, record, line);
	}
	if (r->read_errno) {
		json_decref(*record);
		*record = NULL;
		*cells = NULL;
		*ncells = 0;
		return fail(r, line, r->line, false, "cannot read: %s",
			    strerror(r->read_errno));
	}
	return res;
}

enum vk_read_result vk_reader_next(struct vk_reader *r, json_t **record, long *line)
{
	const struct vk_input_cell *cells;
	size_t ncells;
	enum vk_read_result res = vk_reader_next_cells(r, record, &cells, &ncells, line);

	if (res == VK_READ_RECORD && cells)
		*record = row_object(r);
	return res;
}

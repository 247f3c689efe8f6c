/*
 * reader.h: reading records from CSV, TSV, JSON (an array of objects) and
 * JSON Lines, one record at a time (memory stays flat however long the
 * input is).
 *
 * CSV: RFC 4180 quoting, embedded newlines, the delimiter (',' ';' or TAB)
 * detected from the header line unless given, a UTF-8 byte-order mark
 * skipped, bad quoting refused. The first row names the columns. One
 * leading ' is removed from a cell unless raw (it marks text in a
 * spreadsheet; vk's CSV writer adds it to cells a spreadsheet would run).
 *
 * TSV (tsv.h), also when the format is detected and the header line is
 * separated by tabs (a TAB given as the delimiter reads CSV with tabs,
 * quotes and all): one record a line, LF or CRLF, cut at each TAB;
 * \t \n \r \\ undone, any other backslash kept; a field "\N" is
 * empty; no quoting (a '"' is text) and no leading ' removed. Blank lines
 * are skipped; the first other line names the columns; a UTF-8
 * byte-order mark is skipped. Memory holds one line.
 *
 * JSON: objects and arrays of objects one after another, in any mix: an
 * array (-o json), a stream of objects (JSON Lines; an object may also
 * span lines), or several of either (what two programs print). Each
 * object is parsed by jansson; an array is never held whole.
 *
 * Every text must be valid UTF-8 and free of NUL bytes.
 */
#ifndef VK_READER_H
#define VK_READER_H

#include <stdbool.h>
#include <stdio.h>
#include <jansson.h>
#include "format.h"

struct vk_reader;

struct vk_reader_options {
	enum vk_format format;	/* VK_FORMAT_AUTO (detect), CSV, TSV, JSON, JSONL */
	int delimiter;		/* 0: detect from the header; else ',', ';' or '\t' */
	bool raw;		/* keep a leading ' in CSV cells */
};

enum vk_read_result {
	VK_READ_RECORD,		/* *record holds the next record */
	VK_READ_END,		/* no more records */
	VK_READ_ERROR		/* the record at *line is bad: see vk_reader_error() */
};

/*
 * Starts reading fp, which the caller keeps and closes. name is used in
 * messages (the file name, or "stdin"). opts may be NULL for defaults.
 * Never fails: a problem with the input shows at the first vk_reader_next().
 */
struct vk_reader *vk_reader_open(FILE *fp, const char *name,
				 const struct vk_reader_options *opts);

/*
 * Reads the next record. On VK_READ_RECORD, *record is a new reference to
 * an object the caller must json_decref(): for CSV its keys are the
 * column names in header order and every value is a JSON string (an empty
 * cell is ""); for JSON it is the object as written. *line is the line on
 * which the record starts (1-based; in CSV the header is line 1).
 *
 * On VK_READ_ERROR, *line is the line of the bad record and
 * vk_reader_error() says what is wrong, as "problem" or "field: problem".
 * If vk_reader_can_continue(), the next call goes on with the record
 * after the bad one; otherwise the input cannot be read further and the
 * next call returns VK_READ_END.
 */
enum vk_read_result vk_reader_next(struct vk_reader *r, json_t **record,
				   long *line);

/* One CSV or TSV cell as read: text[0..len) is valid UTF-8 without NUL, and text[len] is NUL. */
struct vk_input_cell {
	const char *text;
	size_t len;
};

/*
 * As vk_reader_next(), without the object a CSV row becomes there (an
 * import converts the cells straight to typed values). On VK_READ_RECORD
 * from CSV or TSV, *record is NULL and *cells are the row's *ncells
 * cells in the header's order (a leading ' removed unless raw), the
 * reader's until its next call. From JSON, *record is as
 * vk_reader_next() gives it, *cells NULL and *ncells 0.
 */
enum vk_read_result vk_reader_next_cells(struct vk_reader *r, json_t **record,
					 const struct vk_input_cell **cells, size_t *ncells,
					 long *line);

const char *vk_reader_error(const struct vk_reader *r);
bool vk_reader_can_continue(const struct vk_reader *r);

/* The format being read (known after the first vk_reader_next()). */
enum vk_format vk_reader_format(const struct vk_reader *r);

/* True when values are text cells to be converted (CSV, TSV). */
bool vk_reader_is_text(const struct vk_reader *r);

/* CSV's column names in header order (after the first vk_reader_next()); NULL for JSON. */
const char *const *vk_reader_columns(const struct vk_reader *r, size_t *count);

/*
 * Where in its JSON array the record or bad value that the last
 * vk_reader_next() gave stands, counted from 0 as jq counts (.[17]) and
 * anew in each array; -1 when it stands in none (CSV, JSON Lines, an
 * error between values). A whole array may be one line (jq -c -s): the
 * line alone cannot tell which record it was.
 */
long vk_reader_element(const struct vk_reader *r);

/* The name given to vk_reader_open(). */
const char *vk_reader_name(const struct vk_reader *r);

/*
 * For tests (fuzzing): reads size bytes at a time instead of 64 KiB, so
 * that short inputs cross the buffer's edges. Call before the first
 * vk_reader_next(); size 0 keeps the default.
 */
void vk_reader_set_buffer_size(struct vk_reader *r, size_t size);

/* Frees the reader (not the FILE). */
void vk_reader_close(struct vk_reader *r);

#endif

/*
 * writer.h: printing records as table, CSV, TSV, JSON or JSON Lines.
 *
 * Records are JSON objects. For CSV, TSV and table the columns given to
 * vk_writer_open() are printed in that order (a header row first), each
 * value by its JSON type: a string as is, a number in decimal, null as an
 * empty cell, an array joined with ';', an object as "key=value;..."
 * (a headcount: "citizen=12;employee=3"), true/false as words.
 * JSON and JSON Lines print each object as it is (all its keys).
 *
 * CSV is RFC 4180 with CRLF line ends; with excel, a UTF-8 byte-order
 * mark first and ';' as separator. TSV is the IANA text/tab-separated-
 * values form (tsv.h): one record a line ended by LF, fields separated by
 * TAB, a backslash, TAB, LF or CR in a field written \\, \t, \n, \r,
 * nothing quoted; the one field of a one-column record, when empty, is
 * written \N (an empty line would be no record).
 *
 * The formula guard (CSV only, unless raw): a text cell beginning with
 * '=', '+', '-', '@', TAB, CR, LF or ' is written with one leading '.
 * Numbers are never guarded. TSV is for programs, not spreadsheets: it is
 * never guarded, and excel and raw mean nothing to it.
 *
 * Streaming: every format but table writes each row as it comes. Table
 * keeps the rows to measure the columns (UTF-8 aware) and prints them at
 * vk_writer_close(); it shows newlines and tabs inside a cell as "↵" and
 * "→" and cuts cells wider than 40 columns with "…".
 *
 * I/O errors: functions return -1 (errno set) after a failed write.
 */
#ifndef VK_WRITER_H
#define VK_WRITER_H

#include <stdbool.h>
#include <stdio.h>
#include <jansson.h>
#include "format.h"

struct vk_writer;

struct vk_writer_options {
	enum vk_format format;	/* not VK_FORMAT_AUTO */
	bool excel;		/* CSV for a Danish/Norwegian spreadsheet */
	bool raw;		/* no formula guard */
};

/*
 * Starts writing to out (the caller keeps it). columns[0..ncolumns) are
 * copied; they name the keys printed by CSV, TSV and table.
 * The CSV/TSV header is written at once.
 */
struct vk_writer *vk_writer_open(FILE *out, const struct vk_writer_options *opts,
				 const char *const *columns, size_t ncolumns);

/* Writes one record (borrowed: the caller keeps its reference). */
int vk_writer_row(struct vk_writer *w, json_t *record);

/*
 * Writes one row given as cells[0..ncolumns), in column order: for CSV,
 * TSV, JSON and JSON Lines, the same text vk_writer_row() writes for the
 * record {"type": type, column: value, ...}. -1 with EINVAL for table.
 */
int vk_writer_cells(struct vk_writer *w, const char *type, const struct vk_cell *cells);

/* Whether w takes cells (vk_writer_cells()). */
bool vk_writer_takes_cells(const struct vk_writer *w);

/* Finishes (the table, the closing ']' of JSON), then frees w. */
int vk_writer_close(struct vk_writer *w);

/* Number of rows written so far. */
size_t vk_writer_rows(const struct vk_writer *w);

/*
 * Prints one record for a person: one "key: value" line per column,
 * keys padded to one width; multi-line text indented under its key.
 */
int vk_write_vertical(FILE *out, json_t *record, const char *const *columns,
		      size_t ncolumns);

/* Appends the text form of a value as CSV/table would show it (no guard, no escapes). */
struct strbuf;
void vk_value_to_text(json_t *value, struct strbuf *out);

/*
 * True when a text beginning with c gets the formula guard's ' (a
 * reader that undoes the guard asks: import of JSON made from a CSV).
 */
bool vk_writer_guards(char c);

#endif

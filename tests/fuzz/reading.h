/*
 * reading.h: reading a whole input with lib/reader.h and checking what
 * the reader promises (fuzz_csv.c and fuzz_json.c).
 *
 * fuzz_read() returns everything one reading gave as a JSON object
 * {"items": [{"result", "line", "record", "error", "continue"}...],
 * "columns": [...] or null, "format": n}, so that two readings of one
 * input (with a small and a large buffer) can be compared with
 * json_equal(), and the records written and read again.
 */
#ifndef VK_FUZZ_READING_H
#define VK_FUZZ_READING_H

#include <stdbool.h>
#include "fuzz.h"
#include "reader.h"
#include "utf8.h"
#include "writer.h"

/* Every key and string in v is valid UTF-8 without NUL, as reader.h promises. */
static inline void fuzz_check_text(json_t *v, int depth)
{
	const char *key;
	json_t *item;
	size_t i;

	if (depth > 100)
		fuzz_fail("a record nested deeper than the reader allows");
	switch (json_typeof(v)) {
	case JSON_STRING:
		if (!utf8_valid(json_string_value(v), json_string_length(v), NULL))
			fuzz_fail("a value read is not valid UTF-8");
		if (memchr(json_string_value(v), '\0', json_string_length(v)))
			fuzz_fail("a value read holds a NUL byte");
		break;
	case JSON_ARRAY:
		json_array_foreach(v, i, item)
			fuzz_check_text(item, depth + 1);
		break;
	case JSON_OBJECT:
		json_object_foreach(v, key, item) {
			if (!utf8_valid(key, strlen(key), NULL))
				fuzz_fail("a key read is not valid UTF-8");
			fuzz_check_text(item, depth + 1);
		}
		break;
	default:
		break;
	}
}

static inline void fuzz_set(json_t *obj, const char *key, json_t *value)
{
	if (!value)
		fuzz_fail("no value for \"%s\" (a message that is not UTF-8?)", key);
	if (json_object_set_new(obj, key, value))
		abort();
}

/*
 * Reads data[0..size) to the end with opts (buffer: bytes read at a
 * time, 0 for the default), checking the reader's promises as it goes.
 */
static inline json_t *fuzz_read(const uint8_t *data, size_t size,
				const struct vk_reader_options *opts, size_t buffer)
{
	FILE *fp = fuzz_open(data, size);
	struct vk_reader *r = vk_reader_open(fp, "fuzz", opts);
	json_t *all = json_object(), *items = json_array();
	size_t calls = 0, limit = 2 * size + 16;
	long last = 0;
	enum vk_read_result res;

	if (!all || !items)
		abort();
	vk_reader_set_buffer_size(r, buffer);
	for (;;) {
		json_t *record = NULL, *item;
		long line = -1;

		if (++calls > limit)
			fuzz_fail("the reader does not advance: %zu results from %zu bytes",
				  calls, size);
		res = vk_reader_next(r, &record, &line);
		if (res == VK_READ_END) {
			if (record)
				fuzz_fail("a record with VK_READ_END");
			break;
		}
		if (line < 1)
			fuzz_fail("line %ld", line);
		item = json_object();
		if (!item)
			abort();
		fuzz_set(item, "result", json_integer(res));
		fuzz_set(item, "line", json_integer(line));
		if (res == VK_READ_RECORD) {
			if (!json_is_object(record))
				fuzz_fail("a record that is no object");
			if (line < last)
				fuzz_fail("record on line %ld after one on line %ld", line, last);
			last = line;
			fuzz_check_text(record, 0);
			if (vk_reader_is_text(r)) {
				size_t ncols, i = 0;
				const char *const *cols = vk_reader_columns(r, &ncols);
				const char *key;
				json_t *v;

				if (!cols || json_object_size(record) != ncols)
					fuzz_fail("a CSV record without its columns");
				json_object_foreach(record, key, v) {
					if (strcmp(key, cols[i++]) || !json_is_string(v))
						fuzz_fail("a CSV record not in the header's order");
				}
			}
			fuzz_set(item, "record", record);
		} else if (res == VK_READ_ERROR) {
			if (record)
				fuzz_fail("a record with VK_READ_ERROR");
			if (!*vk_reader_error(r))
				fuzz_fail("an error without a message");
			if (!utf8_valid(vk_reader_error(r), strlen(vk_reader_error(r)), NULL))
				fuzz_fail("the message is not valid UTF-8: %s", vk_reader_error(r));
			fuzz_set(item, "error", json_string(vk_reader_error(r)));
			fuzz_set(item, "continue", json_boolean(vk_reader_can_continue(r)));
		} else {
			fuzz_fail("vk_reader_next returned %d", (int)res);
		}
		if (json_array_append_new(items, item))
			abort();
		if (res == VK_READ_ERROR && !vk_reader_can_continue(r)) {
			json_t *after = NULL;

			if (vk_reader_next(r, &after, &line) != VK_READ_END || after)
				fuzz_fail("reading went on after an error that stops it");
			break;
		}
	}
	/* at the end it stays at the end */
	{
		json_t *after = NULL;
		long line;

		if (vk_reader_next(r, &after, &line) != VK_READ_END || after)
			fuzz_fail("a record after VK_READ_END");
	}
	fuzz_set(all, "items", items);
	fuzz_set(all, "format", json_integer(vk_reader_format(r)));
	{
		size_t ncols;
		const char *const *cols = vk_reader_columns(r, &ncols);
		json_t *c = cols ? json_array() : json_null();

		for (size_t i = 0; cols && i < ncols; i++)
			if (json_array_append_new(c, json_string(cols[i])))
				abort();
		fuzz_set(all, "columns", c);
	}
	vk_reader_close(r);
	fclose(fp);
	return all;
}

/* Two readings that must give the same (a different buffer size). */
static inline void fuzz_same(json_t *a, json_t *b, const char *what)
{
	if (!json_equal(a, b)) {
		char *x = json_dumps(a, JSON_COMPACT | JSON_ENSURE_ASCII);
		char *y = json_dumps(b, JSON_COMPACT | JSON_ENSURE_ASCII);

		fprintf(fuzz_out(), "first:  %s\nsecond: %s\n", x ? x : "?", y ? y : "?");
		fuzz_fail("%s", what);
	}
}

/* The records of a reading, in order. */
static inline json_t *fuzz_records(json_t *reading)
{
	json_t *records = json_array(), *item;
	size_t i;

	if (!records)
		abort();
	json_array_foreach(json_object_get(reading, "items"), i, item) {
		json_t *rec = json_object_get(item, "record");

		if (rec && json_array_append(records, rec))
			abort();
	}
	return records;
}

/*
 * Writes the records with the writer (wopts, the columns of the reading
 * when it has them, else the keys of the first record) and returns what
 * it wrote (free() it), its length in *len.
 */
static inline char *fuzz_write(json_t *records, json_t *columns,
			       const struct vk_writer_options *wopts, size_t *len)
{
	char *out = NULL;
	size_t outlen = 0, n = 0, i;
	FILE *fp = open_memstream(&out, &outlen);
	const char **cols;
	struct vk_writer *w;
	json_t *rec;

	if (!fp)
		abort();
	if (json_is_array(columns)) {
		n = json_array_size(columns);
		cols = calloc(n + 1, sizeof(*cols));
		if (!cols)
			abort();
		for (i = 0; i < n; i++)
			cols[i] = json_string_value(json_array_get(columns, i));
	} else {
		json_t *first = json_array_get(records, 0);
		const char *key;
		json_t *v;

		n = json_object_size(first);
		cols = calloc(n + 1, sizeof(*cols));
		if (!cols)
			abort();
		i = 0;
		json_object_foreach(first, key, v)
			cols[i++] = key;
	}
	w = vk_writer_open(fp, wopts, cols, n);
	json_array_foreach(records, i, rec)
		if (vk_writer_row(w, rec) < 0)
			fuzz_fail("the writer failed on record %zu", i);
	if (vk_writer_close(w) < 0)
		fuzz_fail("the writer failed at its end");
	free(cols);
	if (fclose(fp))
		abort();
	*len = outlen;
	return out;
}

/*
 * Writes the records and reads them again with ropts: each must come
 * back as it was, and nothing else.
 */
static inline void fuzz_round_trip(json_t *records, json_t *columns,
				   const struct vk_writer_options *wopts,
				   const struct vk_reader_options *ropts, const char *what)
{
	size_t len, i;
	char *text;
	json_t *again, *back, *item;

	if (!json_array_size(records))
		return;
	text = fuzz_write(records, columns, wopts, &len);
	again = fuzz_read((const uint8_t *)text, len, ropts, 0);
	json_array_foreach(json_object_get(again, "items"), i, item)
		if (json_integer_value(json_object_get(item, "result")) != VK_READ_RECORD) {
			fprintf(fuzz_out(), "written: %.*s\nerror: %s\n", (int)len, text,
				json_string_value(json_object_get(item, "error")));
			fuzz_fail("%s: what the writer wrote does not read back", what);
		}
	back = fuzz_records(again);
	if (!json_equal(back, records)) {
		fprintf(fuzz_out(), "written: %.*s\n", (int)len, text);
		fuzz_same(records, back, what);
	}
	json_decref(back);
	json_decref(again);
	free(text);
}

/* Writes the records in every output format, for the writer's sake; output is dropped. */
static inline void fuzz_write_all(json_t *records, json_t *columns)
{
	static const struct vk_writer_options formats[] = {
		{ VK_FORMAT_TABLE, false, false },
		{ VK_FORMAT_CSV, true, false },
		{ VK_FORMAT_TSV, false, true },
		{ VK_FORMAT_JSON, false, false },
	};
	size_t len, i, n = 0;
	json_t *rec;
	const char **cols;

	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		free(fuzz_write(records, columns, &formats[i], &len));
	/* show's vertical form, with the first record's keys */
	n = json_object_size(json_array_get(records, 0));
	cols = calloc(n + 1, sizeof(*cols));
	if (!cols)
		abort();
	{
		const char *key;
		json_t *v;

		i = 0;
		json_object_foreach(json_array_get(records, 0), key, v)
			cols[i++] = key;
	}
	json_array_foreach(records, i, rec) {
		char *out = NULL;
		size_t outlen = 0;
		FILE *fp = open_memstream(&out, &outlen);

		if (!fp)
			abort();
		if (vk_write_vertical(fp, rec, cols, n) < 0)
			fuzz_fail("vk_write_vertical failed");
		fclose(fp);
		free(out);
		if (i >= 8)
			break;
	}
	free(cols);
}

#endif

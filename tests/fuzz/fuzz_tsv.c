/*
 * fuzz_tsv.c: the TSV reader (lib/reader.h) and TSV's escapes (lib/tsv.h)
 * on arbitrary bytes.
 *
 * The input is read to the end as TSV twice, with the usual buffer and
 * with one of a few bytes, and both readings must agree; the records read
 * are written again as TSV and as CSV and must read back as they were
 * (TSV also with the format detected, as `import` would take an export).
 * What the TSV writer wrote must be one record a line: a header and as
 * many lines as records, each with as many tabs, and no CR. Last, the
 * input is escaped and unescaped as one field: it must come back, and the
 * escaped text holds no TAB, LF or CR.
 */
#include "reading.h"
#include "strbuf.h"
#include "tsv.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup(0);
	return 0;
}

/* What the TSV writer wrote for records of ncols columns: one record a line. */
static void check_lines(json_t *records, json_t *columns)
{
	static const struct vk_writer_options wtsv = { VK_FORMAT_TSV, false, false };
	size_t len, lines = 0, tabs = 0, ncols = json_array_size(columns);
	char *text;

	if (!json_array_size(records) || !ncols)
		return;
	text = fuzz_write(records, columns, &wtsv, &len);
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\r')
			fuzz_fail("the TSV written holds a CR");
		if (text[i] == '\t')
			tabs++;
		if (text[i] == '\n') {
			if (tabs != ncols - 1)
				fuzz_fail("line %zu of the TSV written has %zu tabs, not %zu",
					  lines + 1, tabs, ncols - 1);
			if (i + 1 < len && text[i + 1] == '\n')
				fuzz_fail("the TSV written has a blank line");
			lines++;
			tabs = 0;
		}
	}
	if (!len || text[len - 1] != '\n')
		fuzz_fail("the TSV written does not end with a line feed");
	if (lines != json_array_size(records) + 1)
		fuzz_fail("the TSV written has %zu lines for %zu records", lines,
			  json_array_size(records));
	free(text);
}

/*
 * Whether a header of these names, written as TSV, is detected as TSV: two
 * columns or more, no ',' ';' or '"' to outvote the tabs, and no '[' or
 * '{' at the start to make it JSON.
 */
static bool detected_as_tsv(json_t *columns)
{
	json_t *c;
	size_t i;

	if (json_array_size(columns) < 2)
		return false;
	json_array_foreach(columns, i, c) {
		const char *s = json_string_value(c);

		if (strpbrk(s, ",;\"") || (i == 0 && (*s == '[' || *s == '{')))
			return false;
	}
	return true;
}

/* The input as one field: escaping then unescaping gives it back. */
static void check_escapes(const uint8_t *data, size_t size)
{
	struct strbuf sb = STRBUF_INIT;
	size_t n;

	vk_tsv_escape(&sb, (const char *)data, size);
	if (memchr(sb.buf, '\t', sb.len) || memchr(sb.buf, '\n', sb.len) ||
	    memchr(sb.buf, '\r', sb.len))
		fuzz_fail("an escaped field holds a TAB, LF or CR");
	n = vk_tsv_unescape(sb.buf, sb.len);
	if (n != size || (size && memcmp(sb.buf, data, size)))
		fuzz_fail("unescaping an escaped field does not give it back");
	strbuf_release(&sb);

	/* unescaping anything is never longer and touches nothing past the end */
	{
		char *copy = malloc(size + 1);

		if (!copy)
			abort();
		if (size)
			memcpy(copy, data, size);
		copy[size] = 'X';
		if (vk_tsv_unescape(copy, size) > size || copy[size] != 'X')
			fuzz_fail("unescaping grew a field or wrote past it");
		free(copy);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct vk_reader_options tsv = { VK_FORMAT_TSV, 0, false };
	static const struct vk_reader_options detect = { VK_FORMAT_AUTO, 0, false };
	static const struct vk_reader_options rcsv = { VK_FORMAT_CSV, ',', false };
	static const struct vk_writer_options wtsv = { VK_FORMAT_TSV, false, false };
	static const struct vk_writer_options wcsv = { VK_FORMAT_CSV, false, false };
	size_t small = 1 + size % 5;
	json_t *a, *b, *records, *columns;

	a = fuzz_read(data, size, &tsv, 0);
	b = fuzz_read(data, size, &tsv, small);
	fuzz_same(a, b, "the buffer size changed what was read");
	json_decref(b);
	if (json_integer_value(json_object_get(a, "format")) != VK_FORMAT_TSV)
		fuzz_fail("TSV asked for, %lld read",
			  (long long)json_integer_value(json_object_get(a, "format")));

	records = fuzz_records(a);
	columns = json_object_get(a, "columns");
	fuzz_round_trip(records, columns, &wtsv, &tsv, "TSV round trip");
	fuzz_round_trip(records, columns, &wcsv, &rcsv, "TSV to CSV round trip");
	/* an export read back with the format detected, as import takes it */
	if (detected_as_tsv(columns))
		fuzz_round_trip(records, columns, &wtsv, &detect, "TSV round trip, detected");
	check_lines(records, columns);
	fuzz_write_all(records, columns);
	json_decref(records);
	json_decref(a);

	check_escapes(data, size);
	return 0;
}

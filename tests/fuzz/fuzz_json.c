/*
 * fuzz_json.c: the JSON and JSON Lines reader (lib/reader.h) on arbitrary
 * bytes.
 *
 * Each input is read to the end as JSON (an array when it starts with
 * '[', else JSON Lines: the reader decides so whether JSON or JSON Lines
 * was asked for; VK_FORMAT_AUTO the same, or CSV, see fuzz_csv.c),
 * twice (a 64 KiB buffer and one of a few bytes) with the same result. The records read are written as JSON and
 * as JSON Lines and must read back equal; they are also written as a
 * table, CSV, TSV and vertically (any JSON value in a cell).
 */
#include "reading.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup(0);
	return 0;
}

static json_t *read_twice(const uint8_t *data, size_t size,
			  const struct vk_reader_options *o, size_t small)
{
	json_t *a = fuzz_read(data, size, o, 0);
	json_t *b = fuzz_read(data, size, o, small);

	fuzz_same(a, b, "the buffer size changed what was read");
	json_decref(b);
	return a;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* JSON and JSON Lines asked for read alike (the first byte decides) */
	static const struct vk_reader_options json = { VK_FORMAT_JSON, 0, false };
	static const struct vk_reader_options jsonl = { VK_FORMAT_JSONL, 0, false };
	static const struct vk_writer_options wjson = { VK_FORMAT_JSON, false, false };
	static const struct vk_writer_options wjsonl = { VK_FORMAT_JSONL, false, false };
	json_t *reading = read_twice(data, size, size & 1 ? &jsonl : &json, 1 + size % 7);
	json_t *records;
	enum vk_format f = (enum vk_format)json_integer_value(json_object_get(reading, "format"));

	if (f != VK_FORMAT_JSON && f != VK_FORMAT_JSONL)
		fuzz_fail("asked for JSON, read format %d", (int)f);
	records = fuzz_records(reading);
	fuzz_round_trip(records, NULL, &wjson, &json, "JSON round trip");
	fuzz_round_trip(records, NULL, &wjsonl, &jsonl, "JSON Lines round trip");
	fuzz_write_all(records, NULL);
	json_decref(records);
	json_decref(reading);
	return 0;
}

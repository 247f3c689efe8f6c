/*
 * fuzz_csv.c: the CSV reader (lib/reader.h) on arbitrary bytes.
 *
 * Each input is read to the end as CSV (the delimiter detected), with the
 * format detected and raw (VK_FORMAT_AUTO, which falls to CSV for most
 * inputs), and as TSV or with `;` (odd or even length). The first two
 * readings are done twice, with the usual 64 KiB buffer and with a buffer
 * of a few bytes, and must give the same records, errors and lines. The records read are written again with the
 * writer (CSV, CSV for Excel, TSV; guarded and raw) and must read back
 * as they were; they are also printed as a table and vertically.
 */
#include "reading.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup(0);
	return 0;
}

/* Reads with a large and a small buffer; both must agree. Returns the first. */
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
	static const struct vk_reader_options csv = { VK_FORMAT_CSV, 0, false };
	static const struct vk_reader_options semi = { VK_FORMAT_CSV, ';', false };
	static const struct vk_reader_options tsv = { VK_FORMAT_TSV, 0, false };
	static const struct vk_reader_options autoraw = { VK_FORMAT_AUTO, 0, true };
	static const struct vk_writer_options wcsv = { VK_FORMAT_CSV, false, false };
	static const struct vk_writer_options wexcel = { VK_FORMAT_CSV, true, false };
	static const struct vk_writer_options wtsv = { VK_FORMAT_TSV, false, false };
	static const struct vk_writer_options wcsvraw = { VK_FORMAT_CSV, false, true };
	static const struct vk_reader_options rcsv = { VK_FORMAT_CSV, ',', false };
	static const struct vk_reader_options rexcel = { VK_FORMAT_CSV, ';', false };
	static const struct vk_reader_options rtsv = { VK_FORMAT_TSV, 0, false };
	static const struct vk_reader_options rcsvraw = { VK_FORMAT_CSV, ',', true };
	size_t small = 1 + size % 7;
	json_t *reading, *records, *columns;

	/* CSV, the delimiter detected: and its records written and read again */
	reading = read_twice(data, size, &csv, small);
	records = fuzz_records(reading);
	columns = json_object_get(reading, "columns");
	fuzz_round_trip(records, columns, &wcsv, &rcsv, "CSV round trip");
	fuzz_round_trip(records, columns, &wexcel, &rexcel, "CSV (Excel) round trip");
	fuzz_round_trip(records, columns, &wtsv, &rtsv, "TSV round trip");
	fuzz_write_all(records, columns);
	json_decref(records);
	json_decref(reading);

	/* raw: a leading ' stays, and written raw it comes back */
	reading = read_twice(data, size, &autoraw, small + 1);
	if (json_integer_value(json_object_get(reading, "format")) == VK_FORMAT_CSV) {
		records = fuzz_records(reading);
		fuzz_round_trip(records, json_object_get(reading, "columns"), &wcsvraw,
				&rcsvraw, "raw CSV round trip");
		json_decref(records);
	}
	json_decref(reading);

	/* a delimiter given */
	json_decref(fuzz_read(data, size, size & 1 ? &semi : &tsv, small + 2));
	return 0;
}

/*
 * fuzz_import.c: a whole import (lib/import.h) of arbitrary bytes into a
 * fresh store in memory.
 *
 * Each input is imported as every record type in turn, in the order the
 * store creates them (stakeholders first, so that later types can refer
 * to what an earlier import added), into one store made for this input
 * and closed after it. An import that was written is done once more (its
 * rows now update what they added). The length of the input picks the
 * options: bit 0 raw, bit 1 --ignore-unknown, bit 2 --dry-run.
 *
 * Slow (some 20 inputs a second under the sanitizers): making a store in
 * memory (its schema migrations) takes most of the time. Run it longer.
 *
 * Checked: vk_import() returns 0 or 65 and never dies; 65 means at least
 * one bad row and nothing written (the count of each type is what it was
 * before); 0 without dry run means the rows added are there.
 */
#include <stdbool.h>
#include "fuzz.h"
#include "import.h"
#include "record.h"
#include "schema.h"
#include "store.h"

static FILE *devnull;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup(1);
	vk_schema_use(vk_record_types);
	setenv("VK_TODAY", "2020-06-26", 1);
	setenv("USER", "fuzz", 1);
	devnull = fopen("/dev/null", "w");
	if (!devnull)
		abort();
	return 0;
}

static long long count(struct vk_store *s, const struct vk_entity *e)
{
	struct vk_query q = { e, NULL, 0, NULL, false, 0 };

	return vk_store_count(s, &q);
}

static int import_once(struct vk_store *s, const struct vk_entity *e, const uint8_t *data,
		       size_t size, const struct vk_import_options *o)
{
	struct vk_import_result res;
	long long before[32], after;	/* a count a record type */
	FILE *in = fuzz_open(data, size);
	int rc;
	size_t i;

	for (i = 0; vk_entities[i]; i++) {
		if (i == sizeof(before) / sizeof(before[0]))
			fuzz_fail("more record types than fuzz_import counts (%zu)", i);
		before[i] = count(s, vk_entities[i]);
	}
	rc = vk_import(s, e, in, "fuzz", o, devnull, &res);
	fclose(in);
	if (rc != 0 && rc != 65)
		fuzz_fail("vk_import returned %d", rc);
	if ((rc == 65) != (res.bad > 0))
		fuzz_fail("vk_import returned %d with %zu bad rows", rc, res.bad);
	for (i = 0; vk_entities[i]; i++) {
		after = count(s, vk_entities[i]);
		if (vk_entities[i] == e && rc == 0 && !o->dry_run) {
			if (after != before[i] + (long long)res.added)
				fuzz_fail("%s: %lld before, %zu added, %lld after", e->name,
					  before[i], res.added, after);
		} else if (after != before[i]) {
			fuzz_fail("%s: %lld before, %lld after an import of %s that was not "
				  "written (%d)", vk_entities[i]->name, before[i], after, e->name,
				  rc);
		}
	}
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vk_import_options o = { VK_FORMAT_AUTO, 0, size & 1, (size & 2) != 0,
				       (size & 4) != 0, (size & 8) != 0 };
	struct vk_store *s = vk_store_open_memory();

	for (size_t i = 0; vk_entities[i]; i++) {
		if (import_once(s, vk_entities[i], data, size, &o) == 0 && !o.dry_run)
			import_once(s, vk_entities[i], data, size, &o);
	}
	vk_store_close(s);
	return 0;
}

/*
 * unit.h: helpers the unit tests share (JSON literals and comparisons).
 */
#ifndef VK_TEST_UNIT_H
#define VK_TEST_UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include "record.h"
#include "schema.h"

/* The record types, handed in before any test runs, as vk_main() does. */
__attribute__((constructor)) static void unit_use_record_types(void)
{
	vk_schema_use(vk_record_types);
}

/* Parses JSON text (a test's literal) or fails the test; the caller decrefs the value. */
static inline json_t *J(const char *text)
{
	json_error_t err;
	json_t *v = json_loads(text, JSON_DECODE_ANY, &err);

	if (!v)
		fail_msg("bad JSON in test: %s: %s", text, err.text);
	return v;
}

/* Checks that got equals the JSON want (compared as values); consumes nothing. */
#define expect_json(got, want) check_json(got, want, __FILE__, __LINE__)

/* expect_json() naming file:line, for helpers that check for their caller. */
static inline void check_json(json_t *got, const char *want, const char *file, int line)
{
	json_t *w = J(want);

	if (!got || !json_equal(got, w)) {
		char *g = got ? json_dumps(got, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
		fail_msg("%s:%d: got %s, want %s", file, line, g ? g : "(NULL)", want);
	}
	json_decref(w);
}

#endif

/* test_pool.c: jansson's values from the pool (lib/pool.c) */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <jansson.h>
#include "pool.h"

#define N 3000

/* A text of len bytes that says which value it is: Æ, ø and å included. */
static void text_of(char *buf, size_t len, size_t which)
{
	static const char pattern[] = "Ærø-Åkjær Nuuk ";
	size_t k = 0;
	int n = snprintf(buf, len + 1, "%zu:", which);

	if (n > 0)
		k = (size_t)n < len ? (size_t)n : len;
	for (size_t i = 0; k < len; k++, i++)
		buf[k] = pattern[i % (sizeof(pattern) - 1)];
	buf[len] = '\0';
}

/* Lengths across the kept classes and past them (blocks of 16 to 256 bytes, then malloc's). */
static size_t length_of(size_t which)
{
	return which % 700;
}

static void check_string(json_t *v, size_t which)
{
	char want[701];

	text_of(want, length_of(which), which);
	assert_non_null(v);
	assert_int_equal(json_string_length(v), length_of(which));
	assert_memory_equal(json_string_value(v), want, length_of(which));
}

static json_t *make_string(size_t which)
{
	char text[701];

	text_of(text, length_of(which), which);
	return json_stringn_nocheck(text, length_of(which));
}

/* Blocks freed and made again never overlap a value still alive. */
static void reuse_keeps_live_values(void **state)
{
	json_t *v[N];

	(void)state;
	for (size_t i = 0; i < N; i++)
		v[i] = make_string(i);
	for (size_t i = 0; i < N; i += 2)
		json_decref(v[i]);
	for (size_t i = 0; i < N; i += 2)
		v[i] = make_string(i + N);
	for (size_t i = 0; i < N; i++)
		check_string(v[i], i % 2 ? i : i + N);
	for (size_t i = 0; i < N; i++)
		json_decref(v[i]);
}

/* Objects and arrays (their tables grow through several sizes). */
static void objects_and_arrays(void **state)
{
	json_t *o = json_object(), *a = json_array();
	char key[32];

	(void)state;
	for (size_t i = 0; i < 500; i++) {
		snprintf(key, sizeof(key), "felt_%zu", i);
		assert_int_equal(json_object_set_new(o, key, make_string(i)), 0);
		assert_int_equal(json_array_append_new(a, json_integer((json_int_t)i)), 0);
	}
	for (size_t i = 0; i < 500; i++) {
		snprintf(key, sizeof(key), "felt_%zu", i);
		check_string(json_object_get(o, key), i);
		assert_int_equal(json_integer_value(json_array_get(a, i)), i);
	}
	char *text = json_dumps(a, JSON_COMPACT);
	assert_non_null(text);
	assert_int_equal(strncmp(text, "[0,1,2,", 7), 0);
	vk_pool_free(text);
	json_decref(o);
	json_decref(a);
}

static void *make_many(void *out)
{
	json_t **v = out;

	for (size_t i = 0; i < N; i++)
		v[i] = make_string(i);
	return NULL;
}

/* Values made on one thread and freed on another (as an import gives rows back). */
static void across_threads(void **state)
{
	static json_t *v[N];
	pthread_t t;

	(void)state;
	for (int round = 0; round < 3; round++) {
		assert_int_equal(pthread_create(&t, NULL, make_many, v), 0);
		assert_int_equal(pthread_join(t, NULL), 0);
		for (size_t i = 0; i < N; i++) {
			check_string(v[i], i);
			json_decref(v[i]);
		}
		/* what this thread now keeps serves it again */
		make_many(v);
		for (size_t i = 0; i < N; i++) {
			check_string(v[i], i);
			json_decref(v[i]);
		}
	}
}

/* Freeing NULL, and text from json_dumps(), pool or not. */
static void free_null_and_dumps(void **state)
{
	json_t *v = json_pack("{s:s, s:i}", "navn", "Nivi Ærbø", "antal", 3);
	char *text = json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS);

	(void)state;
	vk_pool_free(NULL);
	assert_string_equal(text, "{\"antal\":3,\"navn\":\"Nivi Ærbø\"}");
	vk_pool_free(text);
	json_decref(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reuse_keeps_live_values),
		cmocka_unit_test(objects_and_arrays),
		cmocka_unit_test(across_threads),
		cmocka_unit_test(free_null_and_dumps),
	};

	/* as vk_main() does, before any value is made */
	vk_pool_install();
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_number.c: unit tests of decimal numbers (lib/number.c) and of a
 * number field's values (VK_FIELD_NUMBER in lib/value.c).
 */
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "unit.h"
#include "json.h"
#include "number.h"

static void parses(const char *s, double want)
{
	double d = -12345;

	if (!vk_number_parse(s, strlen(s), &d))
		fail_msg("\"%s\" was refused", s);
	if (d != want)
		fail_msg("\"%s\" read as %.17g, not %.17g", s, d, want);
}

static void refuses(const char *s)
{
	double d;

	if (vk_number_parse(s, strlen(s), &d))
		fail_msg("\"%s\" was taken as %.17g", s, d);
}

static void test_parse(void **state)
{
	(void)state;
	parses("42", 42);
	parses("42.5", 42.5);
	parses("42,5", 42.5);	/* as Danes and Norwegians write it */
	parses("-3,25", -3.25);
	parses("+7", 7);
	parses(" 66,1 ", 66.1);	/* a spreadsheet's spaces */
	parses(".5", 0.5);
	parses(",5", 0.5);
	parses("5.", 5);
	parses("1e3", 1000);
	parses("2,5E-1", 0.25);
	refuses("");
	refuses(" ");
	refuses("abc");
	refuses("1.234,5");	/* a thousands separator: too easily misread */
	refuses("1 000");
	refuses("12%");
	refuses("1e");
	refuses("1e400");	/* not finite */
	refuses("nan");
	refuses("inf");
	refuses("0x10");
	refuses("-");
	refuses(".");
}

static void formats(double d, const char *want)
{
	char buf[VK_NUMBER_SIZE];

	assert_string_equal(vk_number_format(d, buf), want);
}

static void test_format(void **state)
{
	(void)state;
	formats(42, "42");
	formats(42.5, "42.5");
	formats(0.1, "0.1");
	formats(66.1, "66.1");
	formats(0.1 + 0.2, "0.30000000000000004");	/* 17 digits where 15 do not read back */
	formats(-0.0, "0");
	formats(-2.25, "-2.25");
	formats(123456789012345, "123456789012345");
	formats(1e21, "1e+21");
	formats(NAN, "null");
}

/* Whatever LC_NUMERIC says, '.' out and both in (tests/run makes da_DK with LOCPATH). */
static void test_locale(void **state)
{
	const char *old = setlocale(LC_NUMERIC, NULL);
	char *saved = old ? strdup(old) : NULL;

	(void)state;
	if (!setlocale(LC_NUMERIC, "da_DK.UTF-8") || strcmp(localeconv()->decimal_point, ",")) {
		setlocale(LC_NUMERIC, saved ? saved : "C");
		free(saved);
		fail_msg("no da_DK.UTF-8 locale: tests/run makes it with localedef and sets LOCPATH");
	}
	formats(42.5, "42.5");
	formats(0.1, "0.1");
	parses("42.5", 42.5);
	parses("42,5", 42.5);
	json_t *v = json_real(12.75);
	char *text = vk_json_text(v);
	assert_string_equal(text, "12.75");
	free(text);
	json_decref(v);
	setlocale(LC_NUMERIC, saved ? saved : "C");
	free(saved);
}

/* The text of the value field f converts s to (or "!" and the problem). */
static void converts(const char *s, enum vk_value_source src, const char *want)
{
	const struct vk_field *f = vk_entity_field(&vk_entity_goal, "baseline");
	struct vk_problems pr = VK_PROBLEMS_INIT;
	json_t *in = J(s);
	json_t *v = vk_field_convert(f, in, src, &pr);
	char *text = v ? vk_json_text(v) : NULL;

	if (pr.count) {
		char got[300];
		snprintf(got, sizeof(got), "!%s", pr.items[0].message);
		assert_string_equal(got, want);
	} else {
		assert_non_null(v);
		assert_string_equal(text, want);
		/* a whole number is an integer, a fraction a real: one form for each value */
		if (strchr(want, '.'))
			assert_true(json_is_real(v));
		else if (strcmp(want, "null"))
			assert_true(json_is_integer(v));
	}
	free(text);
	json_decref(v);
	json_decref(in);
	vk_problems_clear(&pr);
}

static void test_field(void **state)
{
	(void)state;
	converts("\"42,5\"", VK_FROM_TEXT, "42.5");
	converts("\"42.5\"", VK_FROM_OPTION, "42.5");
	converts("\" 62,50 \"", VK_FROM_TEXT, "62.5");
	converts("\"60\"", VK_FROM_TEXT, "60");
	converts("\"60,0\"", VK_FROM_TEXT, "60");
	converts("\"\"", VK_FROM_TEXT, "null");
	converts("60.0", VK_FROM_JSON, "60");
	converts("1e1", VK_FROM_JSON, "10");
	converts("66.1", VK_FROM_JSON, "66.1");
	converts("-4", VK_FROM_JSON, "-4");
	converts("\"66,1\"", VK_FROM_JSON, "66.1");	/* Miller's string of a Danish cell */
	converts("null", VK_FROM_JSON, "null");
	converts("\"fire\"", VK_FROM_TEXT, "!\"fire\" is not a number (such as 42, 42.5 or 42,5)");
	converts("true", VK_FROM_JSON, "!must be a number");
	converts("[1]", VK_FROM_JSON, "!must be a number");
	converts("1e16", VK_FROM_JSON, "!1e+16 is out of range (a number below 10^15 in size)");
	converts("\"2e15\"", VK_FROM_TEXT, "!2e+15 is out of range (a number below 10^15 in size)");
	converts("1000000000000000", VK_FROM_JSON,
		 "!1000000000000000 is out of range (a number below 10^15 in size)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_locale),
		cmocka_unit_test(test_field),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

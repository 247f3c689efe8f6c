/*
 * test_barometer.c: unit tests of the barometer's arithmetic
 * (lib/report/barometer.c): the 95% margin of a survey percentage and the
 * significance of a change, with "cannot be judged"; and figures with a
 * decimal point (lib/report/render.c). The expected figures are worked
 * out by hand in the comments. Where a goal stands is record.h's
 * vk_goal_progress(), tested in test_goal.c.
 */
#include <math.h>
#include <string.h>
#include "unit.h"
#include "report/report-internal.h"

static void test_margin(void **unused)
{
	(void)unused;
	/* 1.96 * sqrt(0.638 * 0.362 / 3104) * 100 = 1.96 * 0.0086259 * 100 = 1.6907 */
	assert_true(fabs(report_goal_margin(63.8, 3104) - 1.6907) < 1e-3);
	/* 1.96 * sqrt(0.5 * 0.5 / 1000) * 100 = 1.96 * 0.0158114 * 100 = 3.0990 */
	assert_true(fabs(report_goal_margin(50, 1000) - 3.0990) < 1e-3);
	/* 0% and 100% have no spread */
	assert_true(fabs(report_goal_margin(100, 500)) < 1e-12);
	assert_true(report_goal_margin(50, 0) < 0);
	assert_true(report_goal_margin(101, 500) < 0);
}

static void test_significant(void **unused)
{
	(void)unused;
	/* bound 1.96 * sqrt(0.615*0.385/4012 + 0.638*0.362/3104) = 0.022640: 2.3 points is more */
	assert_int_equal(report_goal_significant(61.5, 4012, 63.8, 3104), 1);
	/* bound 0.022647: 2.2 points is less */
	assert_int_equal(report_goal_significant(61.5, 4012, 63.7, 3104), 0);
	/* a fall counts as a rise does */
	assert_int_equal(report_goal_significant(63.8, 3104, 61.5, 4012), 1);
	assert_int_equal(report_goal_significant(61.5, 0, 63.8, 3104), -1);
}

static void test_decimal(void **unused)
{
	struct strbuf sb = STRBUF_INIT;

	(void)unused;
	report_decimal(&sb, 42.5, 2, true);
	assert_string_equal(sb.buf, "42.5");
	strbuf_reset(&sb);
	report_decimal(&sb, 60, 2, true);
	assert_string_equal(sb.buf, "60");
	strbuf_reset(&sb);
	report_decimal(&sb, 33.333333, 1, false);
	assert_string_equal(sb.buf, "33.3");
	strbuf_reset(&sb);
	report_decimal(&sb, 50, 1, false);
	assert_string_equal(sb.buf, "50.0");
	strbuf_reset(&sb);
	report_decimal(&sb, -0.04, 1, false);
	assert_string_equal(sb.buf, "0.0");
	strbuf_reset(&sb);
	report_decimal(&sb, -2.25, 2, true);
	assert_string_equal(sb.buf, "-2.25");
	strbuf_reset(&sb);
	report_decimal(&sb, 4.05, 2, true);
	assert_string_equal(sb.buf, "4.05");
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_margin),
		cmocka_unit_test(test_significant),
		cmocka_unit_test(test_decimal),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

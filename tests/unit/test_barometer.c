/*
 * test_barometer.c: unit tests of the barometer's arithmetic
 * (lib/report/barometer.c): where a goal stands, the 95% margin of a
 * survey percentage, the significance of a change; and figures with a
 * decimal point (lib/report/render.c). The expected figures are worked
 * out by hand in the comments.
 */
#include <math.h>
#include <string.h>
#include "unit.h"
#include "report/report-internal.h"

static vk_date day(const char *iso)
{
	vk_date d = 0;

	if (vk_date_parse(iso, VK_DATE_START, &d, NULL))
		fail_msg("%s is not a date", iso);
	return d;
}

/* The state of goal (JSON) with measurements (JSON) on as_of. */
static struct report_goal_state state(const char *goal, const char *ms, const char *as_of)
{
	struct report_goal_state st;
	json_t *g = J(goal), *m = J(ms);

	report_goal_state(g, m, day(as_of), &st);
	json_decref(g);
	json_decref(m);
	return st;
}

#define GOAL_UP "{\"direction\":\"up\",\"baseline\":60,\"target\":70," \
	"\"baseline_date\":\"2019-01-01\",\"target_date\":\"2023-01-01\"}"
#define GOAL_DOWN "{\"direction\":\"down\",\"baseline\":10,\"target\":6," \
	"\"baseline_date\":\"2019-01-01\",\"target_date\":\"2023-01-01\"}"

static void test_progress_up(void **unused)
{
	(void)unused;
	/* 2020-06-26: 542 of 1461 days, 37.1% of the time; (65 - 60) / 10 = 50%: on track */
	struct report_goal_state st = state(GOAL_UP, "[{\"date\":\"2020-05-01\",\"value\":65}]", "2020-06-26");
	assert_true(st.has_latest);
	assert_true(fabs(st.progress - 50) < 1e-9);
	assert_string_equal(report_goal_status_name(st.status), "on track");
	/* (63 - 60) / 10 = 30% < 37.1%: behind; the latest is the last by date, not by order */
	st = state(GOAL_UP, "[{\"date\":\"2020-06-01\",\"value\":63},{\"date\":\"2020-05-01\",\"value\":65}]",
		   "2020-06-26");
	assert_string_equal(st.latest_date, "2020-06-01");
	assert_true(fabs(st.progress - 30) < 1e-9);
	assert_int_equal(st.status, REPORT_GOAL_BEHIND);
	/* past the target: reached, 100% */
	st = state(GOAL_UP, "[{\"date\":\"2020-05-01\",\"value\":72.5}]", "2020-06-26");
	assert_int_equal(st.status, REPORT_GOAL_REACHED);
	assert_true(fabs(st.progress - 100) < 1e-9);
	/* as of a day before the measurement: no data */
	st = state(GOAL_UP, "[{\"date\":\"2020-05-01\",\"value\":65}]", "2020-04-30");
	assert_false(st.has_latest);
	assert_int_equal(st.status, REPORT_GOAL_NO_DATA);
	/* a measurement on the baseline date is the baseline, not data after it */
	st = state(GOAL_UP, "[{\"date\":\"2019-01-01\",\"value\":60}]", "2020-06-26");
	assert_int_equal(st.status, REPORT_GOAL_NO_DATA);
}

static void test_progress_down(void **unused)
{
	(void)unused;
	/* (10 - 9.5) / (10 - 6) = 12.5% < 37.1%: behind */
	struct report_goal_state st = state(GOAL_DOWN, "[{\"date\":\"2020-05-01\",\"value\":9.5}]", "2020-06-26");
	assert_true(fabs(st.progress - 12.5) < 1e-9);
	assert_int_equal(st.status, REPORT_GOAL_BEHIND);
	/* worse than the baseline: 0%, never below */
	st = state(GOAL_DOWN, "[{\"date\":\"2020-05-01\",\"value\":11}]", "2020-06-26");
	assert_true(fabs(st.progress) < 1e-9);
	/* at the target: reached */
	st = state(GOAL_DOWN, "[{\"date\":\"2020-05-01\",\"value\":6}]", "2020-06-26");
	assert_int_equal(st.status, REPORT_GOAL_REACHED);
}

static void test_target_passed_and_equal(void **unused)
{
	(void)unused;
	/* target date passed: all the time is gone, 56% is behind */
	struct report_goal_state st = state("{\"direction\":\"down\",\"baseline\":45,\"target\":20,"
		"\"baseline_date\":\"2019-12-31\",\"target_date\":\"2020-06-01\"}",
		"[{\"date\":\"2020-03-31\",\"value\":31}]", "2020-06-26");
	assert_true(fabs(st.progress - 56) < 1e-9);
	assert_int_equal(st.status, REPORT_GOAL_BEHIND);
	/* a baseline equal to its target: 100% held, 0% slipped */
	const char *hold = "{\"direction\":\"up\",\"baseline\":80,\"target\":80,"
		"\"baseline_date\":\"2019-01-01\",\"target_date\":\"2023-01-01\"}";
	st = state(hold, "[{\"date\":\"2020-05-01\",\"value\":80}]", "2020-06-26");
	assert_int_equal(st.status, REPORT_GOAL_REACHED);
	st = state(hold, "[{\"date\":\"2020-05-01\",\"value\":79}]", "2020-06-26");
	assert_true(fabs(st.progress) < 1e-9);
	assert_int_equal(st.status, REPORT_GOAL_BEHIND);
}

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
		cmocka_unit_test(test_progress_up),
		cmocka_unit_test(test_progress_down),
		cmocka_unit_test(test_target_passed_and_equal),
		cmocka_unit_test(test_margin),
		cmocka_unit_test(test_significant),
		cmocka_unit_test(test_decimal),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

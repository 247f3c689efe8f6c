/*
 * test_goal.c: unit tests of a goal's arithmetic (lib/record/goal.c):
 * progress and status in both directions, the edge cases record.h
 * documents, and a survey's margin of error and significance, against
 * figures worked out by hand (with a calculator) below.
 */
#include <math.h>
#include <string.h>
#include "unit.h"
#include "date.h"
#include "record.h"

/* The day of YYYY-MM-DD text. */
static vk_date D(const char *s)
{
	vk_date d;

	assert_int_equal(vk_date_parse(s, VK_DATE_START, &d, NULL), 0);
	return d;
}

/* The progress of goal (JSON) with measurements (JSON array) as of date. */
static struct vk_goal_progress P(const char *goal, const char *measurements, const char *as_of)
{
	json_t *g = J(goal), *m = J(measurements);
	struct vk_goal_progress p;

	vk_goal_progress(g, m, D(as_of), &p);
	json_decref(g);
	json_decref(m);
	return p;
}

#define assert_near(a, b) do { \
		double a_ = (a), b_ = (b); \
		if (fabs(a_ - b_) > 1e-6) \
			fail_msg("%.9g is not %.9g", a_, b_); \
	} while (0)

/* Viborg's safety goal: 62.5% in the 2019 survey, 75% by the end of 2023. */
static const char safety[] = "{\"direction\":\"up\",\"baseline\":62.5,\"baseline_date\":"
	"\"2019-05-01\",\"target\":75,\"target_date\":\"2023-12-31\"}";

static void test_up(void **state)
{
	(void)state;
	/* 66.1 is 3.6 of the 12.5 points to go: 28.8%; by 2021-06-01, 762 of the
	 * 1705 days have passed (44.69%): behind */
	struct vk_goal_progress p = P(safety, "[{\"date\":\"2021-05-01\",\"value\":66.1}]",
				      "2021-06-01");
	assert_true(p.has_latest);
	assert_near(p.latest, 66.1);
	assert_string_equal(p.latest_date, "2021-05-01");
	assert_near(p.progress, 28.8);
	assert_int_equal(p.status, VK_GOAL_BEHIND);
	assert_string_equal(vk_goal_status_name(p.status), "behind");
	/* 72 is 9.5 of 12.5: 76% against 44.69% of the time: on track */
	p = P(safety, "[{\"date\":\"2021-05-01\",\"value\":72}]", "2021-06-01");
	assert_near(p.progress, 76);
	assert_int_equal(p.status, VK_GOAL_ON_TRACK);
	/* below the baseline: progress 0, not negative */
	p = P(safety, "[{\"date\":\"2021-05-01\",\"value\":60}]", "2021-06-01");
	assert_near(p.progress, 0);
	assert_int_equal(p.status, VK_GOAL_BEHIND);
	/* at the target, and past it: reached, 100% */
	p = P(safety, "[{\"date\":\"2021-05-01\",\"value\":75}]", "2021-06-01");
	assert_int_equal(p.status, VK_GOAL_REACHED);
	assert_near(p.progress, 100);
	p = P(safety, "[{\"date\":\"2021-05-01\",\"value\":80.5}]", "2021-06-01");
	assert_int_equal(p.status, VK_GOAL_REACHED);
	assert_near(p.progress, 100);
}

/* Fewer daily smokers: 18% to 12%; less is better. */
static const char smokers[] = "{\"direction\":\"down\",\"baseline\":18,\"baseline_date\":"
	"\"2019-01-01\",\"target\":12,\"target_date\":\"2023-01-01\"}";

static void test_down(void **state)
{
	(void)state;
	/* 15 is 3 of the 6 points down: 50%; by 2020-01-01, 365 of 1461 days (24.98%) */
	struct vk_goal_progress p = P(smokers, "[{\"date\":\"2019-11-01\",\"value\":15}]",
				      "2020-01-01");
	assert_near(p.progress, 50);
	assert_int_equal(p.status, VK_GOAL_ON_TRACK);
	/* up is the wrong way: 0% */
	p = P(smokers, "[{\"date\":\"2019-11-01\",\"value\":19}]", "2020-01-01");
	assert_near(p.progress, 0);
	assert_int_equal(p.status, VK_GOAL_BEHIND);
	/* 12 and below: reached */
	p = P(smokers, "[{\"date\":\"2019-11-01\",\"value\":12}]", "2020-01-01");
	assert_int_equal(p.status, VK_GOAL_REACHED);
	p = P(smokers, "[{\"date\":\"2019-11-01\",\"value\":11.5}]", "2020-01-01");
	assert_int_equal(p.status, VK_GOAL_REACHED);
	/* 13.5 is 4.5 of 6: 75%, against 3 of 4 years (1096 of 1461 days, 75.02%): behind */
	p = P(smokers, "[{\"date\":\"2021-11-01\",\"value\":13.5}]", "2022-01-01");
	assert_near(p.progress, 75);
	assert_int_equal(p.status, VK_GOAL_BEHIND);
	/* a day earlier, 1095 of 1461 days (74.95%): on track */
	p = P(smokers, "[{\"date\":\"2021-11-01\",\"value\":13.5}]", "2021-12-31");
	assert_int_equal(p.status, VK_GOAL_ON_TRACK);
}

static void test_target_passed(void **state)
{
	(void)state;
	/* the target date passed unreached: the share of time is 100%, so behind */
	struct vk_goal_progress p = P(safety, "[{\"date\":\"2023-05-01\",\"value\":74.9}]",
				      "2024-06-15");
	assert_near(p.progress, 99.2);
	assert_int_equal(p.status, VK_GOAL_BEHIND);
	p = P(safety, "[{\"date\":\"2023-05-01\",\"value\":75}]", "2024-06-15");
	assert_int_equal(p.status, VK_GOAL_REACHED);
	/* on the target date itself the time is up too */
	p = P(safety, "[{\"date\":\"2023-05-01\",\"value\":74.9}]", "2023-12-31");
	assert_int_equal(p.status, VK_GOAL_BEHIND);
}

static void test_baseline_is_target(void **state)
{
	(void)state;
	/* keep 100% of the children in day care: reached once a measurement is at it */
	static const char keep[] = "{\"direction\":\"up\",\"baseline\":100,\"baseline_date\":"
		"\"2019-01-01\",\"target\":100,\"target_date\":\"2023-01-01\"}";
	struct vk_goal_progress p = P(keep, "[{\"date\":\"2020-01-01\",\"value\":100}]",
				      "2020-06-01");
	assert_int_equal(p.status, VK_GOAL_REACHED);
	assert_near(p.progress, 100);
	p = P(keep, "[{\"date\":\"2020-01-01\",\"value\":99}]", "2020-06-01");
	assert_near(p.progress, 0);
	assert_int_equal(p.status, VK_GOAL_BEHIND);
}

static void test_no_data(void **state)
{
	(void)state;
	/* none at all; one on the baseline date (the baseline itself); one after as_of */
	struct vk_goal_progress p = P(safety, "[]", "2021-06-01");
	assert_false(p.has_latest);
	assert_int_equal(p.status, VK_GOAL_NO_DATA);
	assert_string_equal(vk_goal_status_name(p.status), "no data");
	assert_near(p.progress, 0);
	p = P(safety, "[{\"date\":\"2019-05-01\",\"value\":62.5}]", "2021-06-01");
	assert_int_equal(p.status, VK_GOAL_NO_DATA);
	p = P(safety, "[{\"date\":\"2021-05-01\",\"value\":66.1}]", "2021-04-30");
	assert_int_equal(p.status, VK_GOAL_NO_DATA);
}

static void test_latest_as_of(void **state)
{
	(void)state;
	static const char three[] = "[{\"date\":\"2020-05-01\",\"value\":64},"
		"{\"date\":\"2021-05-01\",\"value\":66.1},{\"date\":\"2022-05-01\",\"value\":70}]";
	struct vk_goal_progress p = P(safety, three, "2021-12-31");
	assert_near(p.latest, 66.1);
	assert_string_equal(p.latest_date, "2021-05-01");
	p = P(safety, three, "2022-05-01");
	assert_near(p.latest, 70);
	assert_string_equal(p.latest_date, "2022-05-01");
}

static void test_missing_parts(void **state)
{
	(void)state;
	/* no target_date: no time has to pass, so any progress is on track */
	struct vk_goal_progress p = P("{\"direction\":\"up\",\"baseline\":10,\"target\":20}",
				      "[{\"date\":\"2021-01-01\",\"value\":10}]", "2030-01-01");
	assert_near(p.progress, 0);
	assert_int_equal(p.status, VK_GOAL_ON_TRACK);
	/* no baseline_date: every measurement counts */
	p = P("{\"direction\":\"up\",\"baseline\":10,\"target\":20,\"target_date\":\"2025-12-31\"}",
	      "[{\"date\":\"2015-01-01\",\"value\":15}]", "2020-01-01");
	assert_near(p.progress, 50);
	assert_int_equal(p.status, VK_GOAL_ON_TRACK);
	/* no target: never reached, progress 0 */
	p = P("{\"direction\":\"up\",\"baseline\":10}", "[{\"date\":\"2021-01-01\",\"value\":90}]",
	      "2022-01-01");
	assert_near(p.progress, 0);
	assert_int_equal(p.status, VK_GOAL_ON_TRACK);
	/* a target without a baseline: reached or 0 */
	p = P("{\"direction\":\"down\",\"target\":5,\"target_date\":\"2021-01-01\"}",
	      "[{\"date\":\"2021-06-01\",\"value\":4}]", "2022-01-01");
	assert_int_equal(p.status, VK_GOAL_REACHED);
	p = P("{\"direction\":\"down\",\"target\":5,\"target_date\":\"2021-01-01\"}",
	      "[{\"date\":\"2021-06-01\",\"value\":6}]", "2022-01-01");
	assert_int_equal(p.status, VK_GOAL_BEHIND);
	/* no direction given is up */
	p = P("{\"baseline\":10,\"target\":20}", "[{\"date\":\"2021-01-01\",\"value\":20}]",
	      "2022-01-01");
	assert_int_equal(p.status, VK_GOAL_REACHED);
}

static void test_status_names(void **state)
{
	enum vk_goal_status st;

	(void)state;
	assert_string_equal(vk_goal_status_name(VK_GOAL_REACHED), "reached");
	assert_string_equal(vk_goal_status_name(VK_GOAL_ON_TRACK), "on track");
	assert_true(vk_goal_status_parse("on-track", &st));
	assert_int_equal(st, VK_GOAL_ON_TRACK);
	assert_true(vk_goal_status_parse("No data", &st));
	assert_int_equal(st, VK_GOAL_NO_DATA);
	assert_true(vk_goal_status_parse("BEHIND", &st));
	assert_int_equal(st, VK_GOAL_BEHIND);
	assert_true(vk_goal_status_parse("reached", &st));
	assert_int_equal(st, VK_GOAL_REACHED);
	assert_false(vk_goal_status_parse("done", &st));
	assert_false(vk_goal_status_parse("", &st));
	assert_false(vk_goal_status_parse("on track and then some", &st));
}

static void test_margin(void **state)
{
	(void)state;
	/* 1.96 * sqrt(0.5 * 0.5 / 4000) = 1.96 * 0.0079057 = 0.0154952: 1.5495 points */
	assert_near(vk_goal_margin(50, 4000), 1.5495160534825059);
	/* 1.96 * sqrt(0.661 * 0.339 / 3987) = 1.96 * 0.0074968 = 0.0146938 */
	assert_near(vk_goal_margin(66.1, 3987), 1.4693779973246575);
	/* 0% and 100% have no spread */
	assert_near(vk_goal_margin(0, 400), 0);
	assert_near(vk_goal_margin(100, 400), 0);
	assert_true(isnan(vk_goal_margin(50, 0)));
	assert_true(isnan(vk_goal_margin(120, 400)));
	assert_true(isnan(vk_goal_margin(-1, 400)));
}

static void test_significant(void **state)
{
	(void)state;
	/* 62.5% of 4012 to 66.1% of 3987: the bar is 1.96 * sqrt(0.625 * 0.375 / 4012
	 * + 0.661 * 0.339 / 3987) = 2.098 points; 3.6 clears it */
	assert_true(vk_goal_significant(62.5, 4012, 66.1, 3987));
	assert_true(vk_goal_significant(66.1, 3987, 62.5, 4012));	/* down as well */
	/* 64% to 65% of 4000 each: bar 2.097 points; 1 does not */
	assert_false(vk_goal_significant(64, 4000, 65, 4000));
	/* 60% to 70% of 50 each: bar 18.59 points; 10 does not */
	assert_false(vk_goal_significant(60, 50, 70, 50));
	/* 60% to 70% of 2000 each: bar 1.96 * sqrt(0.24/2000 + 0.21/2000) = 2.94 points */
	assert_true(vk_goal_significant(60, 2000, 70, 2000));
	/* no respondents: nothing to say */
	assert_false(vk_goal_significant(60, 0, 90, 2000));
	assert_false(vk_goal_significant(60, 2000, 190, 2000));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_up),
		cmocka_unit_test(test_down),
		cmocka_unit_test(test_target_passed),
		cmocka_unit_test(test_baseline_is_target),
		cmocka_unit_test(test_no_data),
		cmocka_unit_test(test_latest_as_of),
		cmocka_unit_test(test_missing_parts),
		cmocka_unit_test(test_status_names),
		cmocka_unit_test(test_margin),
		cmocka_unit_test(test_significant),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

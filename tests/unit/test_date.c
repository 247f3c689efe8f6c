/* test_date.c: unit tests of lib/date.c */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "date.h"
#include "error.h"

static vk_date ymd(int y, int m, int d)
{
	vk_date out = -1;

	if (!vk_date_from_ymd(y, m, d, &out))
		fail_msg("%04d-%02d-%02d is not a date", y, m, d);
	return out;
}

/* Parses s as side and checks that it gives want (YYYY-MM-DD). */
#define parses_as(s, side, want) check_parse(s, side, want, __FILE__, __LINE__)

static void check_parse(const char *s, enum vk_date_side side,
			const char *want, const char *file, int line)
{
	struct strbuf err = STRBUF_INIT;
	vk_date d = -99999999;
	char buf[11];

	if (vk_date_parse(s, side, &d, &err) != 0)
		fail_msg("%s:%d: \"%s\" did not parse: %s", file, line, s,
			 err.buf);
	if (err.len)
		fail_msg("%s:%d: \"%s\" parsed but left an error: %s", file,
			 line, s, err.buf);
	if (strcmp(vk_date_format(d, buf), want) != 0)
		fail_msg("%s:%d: \"%s\" gave %s, want %s", file, line, s, buf,
			 want);
	strbuf_release(&err);
}

/*
 * Parses s, which must fail, and checks the message: the quoted value
 * (quoted, as written in the message), the reason (NULL: none) and the
 * list of forms.
 */
#define refuses(s, quoted, reason) \
	check_refuse(s, quoted, reason, __FILE__, __LINE__)

static void check_refuse(const char *s, const char *quoted, const char *reason,
			 const char *file, int line)
{
	struct strbuf err = STRBUF_INIT;
	struct strbuf want = STRBUF_INIT;
	vk_date d = 12345;

	if (vk_date_parse(s, VK_DATE_START, &d, &err) != -1)
		fail_msg("%s:%d: \"%s\" parsed", file, line, s);
	if (d != 12345)
		fail_msg("%s:%d: \"%s\" changed *out on failure", file, line, s);
	strbuf_addstr(&want, quoted);
	strbuf_addstr(&want, " is not a date");
	if (reason) {
		strbuf_addstr(&want, ": ");
		strbuf_addstr(&want, reason);
	}
	strbuf_addstr(&want, "; use ");
	strbuf_addstr(&want, vk_date_forms);
	if (strcmp(err.buf, want.buf) != 0)
		fail_msg("%s:%d: message\n  got:  %s\n  want: %s", file, line,
			 err.buf, want.buf);
	/* the same without a buffer for the message */
	if (vk_date_parse(s, VK_DATE_END, &d, NULL) != -1 || d != 12345)
		fail_msg("%s:%d: \"%s\" parsed without err", file, line, s);
	strbuf_release(&err);
	strbuf_release(&want);
}

static int reset_env(void **state)
{
	(void)state;
	unsetenv("VK_TODAY");
	return 0;
}

static void test_forms_text(void **state)
{
	(void)state;
	assert_string_equal(vk_date_forms,
			    "YYYY-MM-DD, YYYY-Www, YYYY-MM, today, yesterday, "
			    "tomorrow, +Nd, -Nd, +Nw or -Nw");
}

static void test_day_numbers(void **state)
{
	vk_date d;

	(void)state;
	assert_int_equal(ymd(1970, 1, 1), 0);
	assert_int_equal(ymd(1970, 1, 2), 1);
	assert_int_equal(ymd(1969, 12, 31), -1);
	assert_int_equal(ymd(2000, 3, 1), 11017);
	assert_int_equal(ymd(2020, 3, 9), 18330);
	assert_int_equal(ymd(1900, 1, 1), -25567);
	assert_int_equal(ymd(1, 1, 1), -719162);
	assert_int_equal(ymd(9999, 12, 31), 2932896);
	assert_false(vk_date_from_ymd(0, 12, 31, &d));
	assert_false(vk_date_from_ymd(10000, 1, 1, &d));
	assert_false(vk_date_from_ymd(2020, 0, 1, &d));
	assert_false(vk_date_from_ymd(2020, 13, 1, &d));
	assert_false(vk_date_from_ymd(2020, 1, 0, &d));
	assert_false(vk_date_from_ymd(2020, 1, 32, &d));
	assert_false(vk_date_from_ymd(2020, 4, 31, &d));
	assert_false(vk_date_from_ymd(2020, -1, 1, &d));
	assert_false(vk_date_from_ymd(2020, 1, -1, &d));
}

static void test_format(void **state)
{
	char buf[11];

	(void)state;
	assert_string_equal(vk_date_format(0, buf), "1970-01-01");
	assert_string_equal(vk_date_format(-1, buf), "1969-12-31");
	assert_string_equal(vk_date_format(-719162, buf), "0001-01-01");
	assert_string_equal(vk_date_format(2932896, buf), "9999-12-31");
	assert_ptr_equal(vk_date_format(ymd(2024, 2, 29), buf), buf);
	assert_string_equal(buf, "2024-02-29");
	/* outside what it can write it stays within the buffer */
	memset(buf, 'x', sizeof(buf));
	vk_date_format(2932897, buf);
	assert_int_equal(strlen(buf), 10);
}

static void test_ymd_parse(void **state)
{
	(void)state;
	parses_as("2020-03-09", VK_DATE_START, "2020-03-09");
	parses_as("2020-03-09", VK_DATE_END, "2020-03-09");
	parses_as("0001-01-01", VK_DATE_START, "0001-01-01");
	parses_as("9999-12-31", VK_DATE_END, "9999-12-31");
	parses_as("1970-01-01", VK_DATE_START, "1970-01-01");
	parses_as("2021-12-31", VK_DATE_START, "2021-12-31");
	parses_as("2021-04-30", VK_DATE_START, "2021-04-30");
	parses_as("2021-01-31", VK_DATE_START, "2021-01-31");
}

static void test_leap_years(void **state)
{
	vk_date d;

	(void)state;
	parses_as("2000-02-29", VK_DATE_START, "2000-02-29");
	parses_as("2024-02-29", VK_DATE_START, "2024-02-29");
	parses_as("2020-02-29", VK_DATE_START, "2020-02-29");
	parses_as("1600-02-29", VK_DATE_START, "1600-02-29");
	refuses("1900-02-29", "\"1900-02-29\"", "February 1900 has 28 days");
	refuses("2100-02-29", "\"2100-02-29\"", "February 2100 has 28 days");
	refuses("2021-02-29", "\"2021-02-29\"", "February 2021 has 28 days");
	refuses("2020-02-30", "\"2020-02-30\"", "February 2020 has 29 days");
	refuses("2000-02-30", "\"2000-02-30\"", "February 2000 has 29 days");
	assert_true(vk_date_from_ymd(2000, 2, 29, &d));
	assert_true(vk_date_from_ymd(2024, 2, 29, &d));
	assert_false(vk_date_from_ymd(1900, 2, 29, &d));
	assert_false(vk_date_from_ymd(2023, 2, 29, &d));
	assert_int_equal(ymd(2000, 3, 1) - ymd(2000, 2, 28), 2);
	assert_int_equal(ymd(1900, 3, 1) - ymd(1900, 2, 28), 1);
	assert_int_equal(ymd(2025, 1, 1) - ymd(2024, 1, 1), 366);
	assert_int_equal(ymd(2101, 1, 1) - ymd(2100, 1, 1), 365);
}

static void test_month_days(void **state)
{
	(void)state;
	refuses("2020-01-32", "\"2020-01-32\"", "January 2020 has 31 days");
	refuses("2020-04-31", "\"2020-04-31\"", "April 2020 has 30 days");
	refuses("2020-06-31", "\"2020-06-31\"", "June 2020 has 30 days");
	refuses("2020-09-31", "\"2020-09-31\"", "September 2020 has 30 days");
	refuses("2020-11-31", "\"2020-11-31\"", "November 2020 has 30 days");
	refuses("2020-12-32", "\"2020-12-32\"", "December 2020 has 31 days");
	refuses("2020-01-99", "\"2020-01-99\"", "January 2020 has 31 days");
	refuses("2020-01-00", "\"2020-01-00\"", "there is no day 0");
	refuses("2020-13-01", "\"2020-13-01\"", "there is no month 13");
	refuses("2020-00-10", "\"2020-00-10\"", "there is no month 0");
	refuses("2020-99-99", "\"2020-99-99\"", "there is no month 99");
	refuses("0000-01-01", "\"0000-01-01\"", "there is no year 0");
}

static void test_month_form(void **state)
{
	(void)state;
	parses_as("2020-02", VK_DATE_START, "2020-02-01");
	parses_as("2020-02", VK_DATE_END, "2020-02-29");
	parses_as("2021-02", VK_DATE_END, "2021-02-28");
	parses_as("1900-02", VK_DATE_END, "1900-02-28");
	parses_as("2000-02", VK_DATE_END, "2000-02-29");
	parses_as("2024-02", VK_DATE_END, "2024-02-29");
	parses_as("2020-01", VK_DATE_END, "2020-01-31");
	parses_as("2020-04", VK_DATE_END, "2020-04-30");
	parses_as("2020-06", VK_DATE_END, "2020-06-30");
	parses_as("2020-09", VK_DATE_END, "2020-09-30");
	parses_as("2020-11", VK_DATE_END, "2020-11-30");
	parses_as("2020-12", VK_DATE_START, "2020-12-01");
	parses_as("2020-12", VK_DATE_END, "2020-12-31");
	parses_as("0001-01", VK_DATE_START, "0001-01-01");
	parses_as("9999-12", VK_DATE_END, "9999-12-31");
	refuses("2020-13", "\"2020-13\"", "there is no month 13");
	refuses("2020-00", "\"2020-00\"", "there is no month 0");
	refuses("0000-01", "\"0000-01\"", "there is no year 0");
	refuses("2020-1", "\"2020-1\"", NULL);
	refuses("2020-001", "\"2020-001\"", NULL);
	refuses("2020-1x", "\"2020-1x\"", NULL);
}

static void test_week_form(void **state)
{
	(void)state;
	parses_as("2020-W11", VK_DATE_START, "2020-03-09");
	parses_as("2020-W11", VK_DATE_END, "2020-03-15");
	parses_as("2020-W13", VK_DATE_END, "2020-03-29");
	parses_as("2020-w13", VK_DATE_START, "2020-03-23");
	/* years with 53 weeks */
	parses_as("2020-W53", VK_DATE_START, "2020-12-28");
	parses_as("2020-W53", VK_DATE_END, "2021-01-03");
	parses_as("2015-W53", VK_DATE_START, "2015-12-28");
	parses_as("2015-W53", VK_DATE_END, "2016-01-03");
	parses_as("2026-W53", VK_DATE_START, "2026-12-28");
	parses_as("2026-W53", VK_DATE_END, "2027-01-03");
	/* week 1 that starts in the year before */
	parses_as("2026-W01", VK_DATE_START, "2025-12-29");
	parses_as("2026-W01", VK_DATE_END, "2026-01-04");
	parses_as("2025-W01", VK_DATE_START, "2024-12-30");
	parses_as("2020-W01", VK_DATE_START, "2019-12-30");
	/* and week 1 that starts after 1 January */
	parses_as("2021-W01", VK_DATE_START, "2021-01-04");
	parses_as("2016-W01", VK_DATE_START, "2016-01-04");
	parses_as("2018-W01", VK_DATE_START, "2018-01-01");
	parses_as("0001-W01", VK_DATE_START, "0001-01-01");
	parses_as("9999-W52", VK_DATE_START, "9999-12-27");
	refuses("2021-W53", "\"2021-W53\"", "2021 has 52 ISO weeks");
	refuses("2019-W53", "\"2019-W53\"", "2019 has 52 ISO weeks");
	refuses("2020-W54", "\"2020-W54\"", "2020 has 53 ISO weeks");
	refuses("2020-W99", "\"2020-W99\"", "2020 has 53 ISO weeks");
	refuses("2020-W00", "\"2020-W00\"", "there is no week 0");
	refuses("0000-W01", "\"0000-W01\"", "there is no year 0");
	refuses("2020-W1", "\"2020-W1\"", NULL);
	refuses("2020-W011", "\"2020-W011\"", NULL);
	refuses("2020-W1x", "\"2020-W1x\"", NULL);
	refuses("2020-W", "\"2020-W\"", NULL);
	refuses("2020W11", "\"2020W11\"", NULL);
	refuses("2020-X11", "\"2020-X11\"", NULL);
	refuses("2020-W11-1", "\"2020-W11-1\"", NULL);
}

/* the Sunday of the last week of 9999 is in 10000 */
static void test_week_end_past_9999(void **state)
{
	struct strbuf err = STRBUF_INIT;
	vk_date d = 7;

	(void)state;
	assert_int_equal(vk_date_parse("9999-W52", VK_DATE_END, &d, &err), -1);
	assert_int_equal(d, 7);
	assert_non_null(strstr(err.buf, "\"9999-W52\" is not a date: "
				"it is after 9999-12-31; use "));
	strbuf_release(&err);
}

static void test_weeks_in_year(void **state)
{
	static const int long_years[] = {
		1903, 1908, 1914, 1920, 1925, 1931, 1936, 1942, 1948, 1953,
		1959, 1964, 1970, 1976, 1981, 1987, 1992, 1998, 2004, 2009,
		2015, 2020, 2026, 2032, 2037, 2043, 2048, 2054, 2060, 2065,
		2071, 2076, 2082, 2088, 2093, 2099
	};
	size_t next = 0;

	(void)state;
	for (int y = 1900; y <= 2100; y++) {
		bool is_long = next < sizeof(long_years) / sizeof(long_years[0])
			       && long_years[next] == y;

		if (is_long)
			next++;
		if (vk_date_weeks_in_year(y) != (is_long ? 53 : 52))
			fail_msg("%d: %d weeks", y, vk_date_weeks_in_year(y));
	}
	assert_int_equal(next, sizeof(long_years) / sizeof(long_years[0]));
}

static void test_weekday(void **state)
{
	(void)state;
	assert_int_equal(vk_date_weekday(0), 4);		/* Thursday */
	assert_int_equal(vk_date_weekday(-1), 3);
	assert_int_equal(vk_date_weekday(-3), 1);
	assert_int_equal(vk_date_weekday(-4), 7);
	assert_int_equal(vk_date_weekday(ymd(2020, 3, 9)), 1);
	assert_int_equal(vk_date_weekday(ymd(2020, 3, 29)), 7);
	assert_int_equal(vk_date_weekday(ymd(2000, 1, 1)), 6);
	assert_int_equal(vk_date_weekday(ymd(1, 1, 1)), 1);
	assert_int_equal(vk_date_weekday(ymd(9999, 12, 31)), 5);
}

static void check_isoweek(vk_date d, int want_year, int want_week)
{
	int y = 0, w = 0;

	vk_date_isoweek(d, &y, &w);
	assert_int_equal(y, want_year);
	assert_int_equal(w, want_week);
}

static void test_isoweek(void **state)
{
	vk_date d;

	(void)state;
	check_isoweek(ymd(2020, 3, 9), 2020, 11);
	check_isoweek(ymd(2021, 1, 3), 2020, 53);
	check_isoweek(ymd(2021, 1, 4), 2021, 1);
	check_isoweek(ymd(2024, 12, 30), 2025, 1);
	check_isoweek(ymd(2025, 12, 29), 2026, 1);
	check_isoweek(ymd(2008, 12, 29), 2009, 1);
	check_isoweek(ymd(2010, 1, 3), 2009, 53);
	check_isoweek(ymd(2016, 1, 3), 2015, 53);
	check_isoweek(ymd(2027, 1, 3), 2026, 53);
	check_isoweek(ymd(2022, 1, 2), 2021, 52);
	check_isoweek(ymd(1, 1, 1), 1, 1);
	assert_true(vk_date_from_isoweek(2020, 53, &d));
	assert_int_equal(d, ymd(2020, 12, 28));
	assert_true(vk_date_from_isoweek(2026, 1, &d));
	assert_int_equal(d, ymd(2025, 12, 29));
	d = 5;
	assert_false(vk_date_from_isoweek(2021, 53, &d));
	assert_false(vk_date_from_isoweek(2020, 54, &d));
	assert_false(vk_date_from_isoweek(2020, 0, &d));
	assert_false(vk_date_from_isoweek(2020, -1, &d));
	assert_int_equal(d, 5);
}

/*
 * Every day of 1900-2100: to_ymd and from_ymd agree, days follow one
 * another, and weekday and ISO week agree with the C library's.
 */
static void test_round_trips(void **state)
{
	vk_date first = ymd(1900, 1, 1), last = ymd(2100, 12, 31);
	int py = 1899, pm = 12, pd = 31;

	(void)state;
	for (vk_date d = first; d <= last; d++) {
		int y, m, day, iy, iw;
		vk_date back, monday;
		time_t t = (time_t)d * 86400;
		struct tm tm;
		char buf[11], want[32], got[32];

		vk_date_to_ymd(d, &y, &m, &day);
		if (!vk_date_from_ymd(y, m, day, &back) || back != d)
			fail_msg("%ld: %d-%d-%d does not come back", d, y, m,
				 day);
		if (!(y == py && m == pm && day == pd + 1) &&
		    !(day == 1 && y == py && m == pm + 1) &&
		    !(day == 1 && y == py + 1 && m == 1 && pm == 12))
			fail_msg("%ld: %d-%d-%d does not follow %d-%d-%d", d, y,
				 m, day, py, pm, pd);
		py = y, pm = m, pd = day;

		if (!gmtime_r(&t, &tm))
			fail_msg("gmtime_r(%ld)", d);
		strftime(want, sizeof(want), "%Y-%m-%d %G %V %u", &tm);
		vk_date_isoweek(d, &iy, &iw);
		snprintf(got, sizeof(got), "%s %d %02d %d",
			 vk_date_format(d, buf), iy, iw, vk_date_weekday(d));
		if (strcmp(got, want) != 0)
			fail_msg("%ld: got %s, want %s", d, got, want);

		if (!vk_date_from_isoweek(iy, iw, &monday) ||
		    monday + vk_date_weekday(d) - 1 != d)
			fail_msg("%s: week %d-W%02d does not come back", buf,
				 iy, iw);
		if (iw > vk_date_weeks_in_year(iy))
			fail_msg("%s: week %d of %d", buf, iw, iy);

		if (vk_date_parse(buf, VK_DATE_START, &back, NULL) || back != d)
			fail_msg("%s does not parse back", buf);
	}
}

static void test_words(void **state)
{
	(void)state;
	setenv("VK_TODAY", "2020-03-01", 1);
	parses_as("today", VK_DATE_START, "2020-03-01");
	parses_as("TODAY", VK_DATE_END, "2020-03-01");
	parses_as("Today", VK_DATE_START, "2020-03-01");
	parses_as("yesterday", VK_DATE_START, "2020-02-29");
	parses_as("YesterDay", VK_DATE_START, "2020-02-29");
	parses_as("tomorrow", VK_DATE_START, "2020-03-02");
	parses_as("TOMORROW", VK_DATE_START, "2020-03-02");
	setenv("VK_TODAY", "2020-12-31", 1);
	parses_as("tomorrow", VK_DATE_START, "2021-01-01");
	setenv("VK_TODAY", "2021-01-01", 1);
	parses_as("yesterday", VK_DATE_START, "2020-12-31");
	refuses("todays", "\"todays\"", NULL);
	refuses("tod", "\"tod\"", NULL);
	refuses("morgen", "\"morgen\"", NULL);
	refuses("now", "\"now\"", NULL);
}

static void test_relative(void **state)
{
	(void)state;
	setenv("VK_TODAY", "2020-03-10", 1);
	parses_as("+3d", VK_DATE_START, "2020-03-13");
	parses_as("-3d", VK_DATE_START, "2020-03-07");
	parses_as("-10d", VK_DATE_START, "2020-02-29");
	parses_as("+2w", VK_DATE_START, "2020-03-24");
	parses_as("-2w", VK_DATE_END, "2020-02-25");
	parses_as("+0d", VK_DATE_START, "2020-03-10");
	parses_as("-0d", VK_DATE_START, "2020-03-10");
	parses_as("+0w", VK_DATE_START, "2020-03-10");
	parses_as("+007d", VK_DATE_START, "2020-03-17");
	parses_as("+366d", VK_DATE_START, "2021-03-11");
	parses_as("+1W", VK_DATE_START, "2020-03-17");
	parses_as("+1D", VK_DATE_START, "2020-03-11");
	parses_as("+99999d", VK_DATE_START, "2293-12-23");
	parses_as("-99999w", VK_DATE_START, "0103-09-04");
	refuses("+123456d", "\"+123456d\"", "the number has more than 5 digits");
	refuses("+", "\"+\"", "a number must follow the sign");
	refuses("-", "\"-\"", "a number must follow the sign");
	refuses("+d", "\"+d\"", "a number must follow the sign");
	refuses("+3x", "\"+3x\"", "after the number comes d (days) or w (weeks)");
	refuses("+3", "\"+3\"", "after the number comes d (days) or w (weeks)");
	refuses("+3dd", "\"+3dd\"", "after the number comes d (days) or w (weeks)");
	refuses("+3 d", "\"+3 d\"", "after the number comes d (days) or w (weeks)");
	refuses("+3days", "\"+3days\"",
		"after the number comes d (days) or w (weeks)");
	refuses("3d", "\"3d\"", NULL);
	refuses("++3d", "\"++3d\"", "a number must follow the sign");
	setenv("VK_TODAY", "9999-12-31", 1);
	refuses("+1d", "\"+1d\"", "it is after 9999-12-31");
	refuses("tomorrow", "\"tomorrow\"", "it is after 9999-12-31");
	setenv("VK_TODAY", "0001-01-01", 1);
	refuses("-1w", "\"-1w\"", "it is before 0001-01-01");
	refuses("yesterday", "\"yesterday\"", "it is before 0001-01-01");
}

/* A move's relative date counts from the due date; the words from today. */
static void test_relative_from(void **state)
{
	struct strbuf err = STRBUF_INIT;
	vk_date d = 0;
	char buf[11];

	(void)state;
	setenv("VK_TODAY", "2020-06-26", 1);
	assert_int_equal(vk_date_parse_from("+1w", VK_DATE_END, ymd(2020, 6, 14), &d, &err), 0);
	assert_string_equal(vk_date_format(d, buf), "2020-06-21");
	assert_int_equal(vk_date_parse_from("-3d", VK_DATE_END, ymd(2020, 3, 1), &d, &err), 0);
	assert_string_equal(vk_date_format(d, buf), "2020-02-27");
	assert_int_equal(vk_date_parse_from("tomorrow", VK_DATE_END, ymd(2020, 3, 1), &d, &err), 0);
	assert_string_equal(vk_date_format(d, buf), "2020-06-27");
	assert_int_equal(vk_date_parse_from("2020-W27", VK_DATE_END, ymd(2020, 3, 1), &d, &err), 0);
	assert_string_equal(vk_date_format(d, buf), "2020-07-05");
	assert_int_equal(vk_date_parse_from("+2d", VK_DATE_END, VK_DATE_FROM_TODAY, &d, &err), 0);
	assert_string_equal(vk_date_format(d, buf), "2020-06-28");
	assert_int_equal(err.len, 0);
	/* the range holds from the base too */
	assert_int_equal(vk_date_parse_from("+1d", VK_DATE_END, ymd(9999, 12, 31), &d, &err), -1);
	assert_non_null(strstr(err.buf, "it is after 9999-12-31"));
	strbuf_release(&err);
}

static void test_bad_inputs(void **state)
{
	struct strbuf err = STRBUF_INIT;
	vk_date d;

	(void)state;
	refuses("", "\"\"", "it is empty");
	refuses(" 2020-01-01", "\" 2020-01-01\"", "it has space around it");
	refuses("2020-01-01 ", "\"2020-01-01 \"", "it has space around it");
	refuses("2020-01-01\n", "\"2020-01-01\\n\"", "it has space around it");
	refuses("\ttoday", "\"\\ttoday\"", "it has space around it");
	refuses("2020-1-1", "\"2020-1-1\"", NULL);
	refuses("2020-01-1", "\"2020-01-1\"", NULL);
	refuses("2020-01-01x", "\"2020-01-01x\"", NULL);
	refuses("2020-01-011", "\"2020-01-011\"", NULL);
	refuses("20-01-01", "\"20-01-01\"", NULL);
	refuses("020-01-01", "\"020-01-01\"", NULL);
	refuses("12020-01-01", "\"12020-01-01\"", NULL);
	refuses("2020/01/01", "\"2020/01/01\"", NULL);
	refuses("2020-01/01", "\"2020-01/01\"", NULL);
	refuses("01-01-2020", "\"01-01-2020\"", NULL);
	refuses("2020", "\"2020\"", NULL);
	refuses("2020-", "\"2020-\"", NULL);
	refuses("2020-01-01T00:00:00Z", "\"2020-01-01T00:00:00Z\"", NULL);
	refuses("2020-0a-01", "\"2020-0a-01\"", NULL);
	refuses("2020-01-0a", "\"2020-01-0a\"", NULL);
	refuses("2020-01-+1", "\"2020-01-+1\"", NULL);
	refuses("morgen", "\"morgen\"", NULL);
	refuses("i dag", "\"i dag\"", NULL);
	refuses("2020-13", "\"2020-13\"", "there is no month 13");
	refuses("0000-01-01", "\"0000-01-01\"", "there is no year 0");
	refuses("a\"b\\c\x01", "\"a\\\"b\\\\c\\x01\"", NULL);
	refuses("\xc3\xa6g", "\"\xc3\xa6g\"", NULL);

	/* the message is appended to what err holds */
	strbuf_addstr(&err, "line 3: ");
	assert_int_equal(vk_date_parse("x", VK_DATE_START, &d, &err), -1);
	assert_non_null(strstr(err.buf, "line 3: \"x\" is not a date; use "));
	strbuf_release(&err);
}

/* vk_today() reads VK_TODAY or the local clock. */
static void test_today(void **state)
{
	time_t now;
	struct tm tm;
	vk_date want;

	(void)state;
	setenv("VK_TODAY", "2020-03-10", 1);
	assert_int_equal(vk_today(), ymd(2020, 3, 10));
	setenv("VK_TODAY", "2000-02-29", 1);
	assert_int_equal(vk_today(), ymd(2000, 2, 29));

	unsetenv("VK_TODAY");
	now = time(NULL);
	assert_non_null(localtime_r(&now, &tm));
	want = ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	/* around midnight the day may turn between the two readings */
	assert_in_range(vk_today() - want, 0, 1);
	setenv("VK_TODAY", "", 1);
	assert_in_range(vk_today() - want, 0, 1);
}

static jmp_buf die_jump;
static volatile int die_code;

static _Noreturn void die_hook(int code)
{
	die_code = code;
	longjmp(die_jump, 1);
}

/*
 * Sets VK_TODAY to value and parses input (NULL: calls vk_today()), which
 * must be fatal: checks the exit code and that stderr says want.
 */
static void check_bad_today(const char *value, const char *input,
			    const char *want)
{
	vk_date d;
	FILE *tmp = tmpfile();
	int saved = dup(2);
	char out[512];
	size_t n;
	volatile bool died = false;

	assert_non_null(tmp);
	assert_true(saved >= 0);
	setenv("VK_TODAY", value, 1);
	fflush(stderr);
	assert_true(dup2(fileno(tmp), 2) >= 0);
	vk_set_die_hook(die_hook);
	die_code = 0;
	if (setjmp(die_jump) == 0) {
		if (input)
			(void)vk_date_parse(input, VK_DATE_START, &d, NULL);
		else
			(void)vk_today();
	} else {
		died = true;
	}
	vk_set_die_hook(NULL);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(tmp);
	n = fread(out, 1, sizeof(out) - 1, tmp);
	out[n] = '\0';
	fclose(tmp);
	if (!died)
		fail_msg("VK_TODAY=\"%s\" did not die", value);
	assert_int_equal(die_code, VK_EXIT_USAGE);
	if (!strstr(out, want))
		fail_msg("stderr: %s\nwant: %s", out, want);
}

static void test_today_bad(void **state)
{
	(void)state;
	check_bad_today("2020-02-30", NULL,
			"VK_TODAY: \"2020-02-30\" is not a date (YYYY-MM-DD)\n");
	check_bad_today("2020-1-1", NULL,
			"VK_TODAY: \"2020-1-1\" is not a date");
	check_bad_today("today", NULL,
			"VK_TODAY: \"today\" is not a date");
	check_bad_today("+1d", NULL,
			"VK_TODAY: \"+1d\" is not a date");
	check_bad_today("2020-W11", NULL,
			"VK_TODAY: \"2020-W11\" is not a date");
	check_bad_today("2020-03", NULL,
			"VK_TODAY: \"2020-03\" is not a date");
	check_bad_today("2020-03-10 ", NULL,
			"VK_TODAY: \"2020-03-10 \" is not");
	check_bad_today("2020-03-10x", NULL,
			"VK_TODAY: \"2020-03-10x\" is not");
	check_bad_today("0000-01-01", NULL,
			"VK_TODAY: \"0000-01-01\" is not");
	check_bad_today("2020-03-10\n", NULL,
			"VK_TODAY: \"2020-03-10\\n\" is not");
	/* the words and relative dates read VK_TODAY too */
	check_bad_today("nonsense", "today",
			"VK_TODAY: \"nonsense\" is not a date");
	check_bad_today("2020-02-30", "-2w",
			"VK_TODAY: \"2020-02-30\" is not a date");
	check_bad_today("x", "yesterday", "VK_TODAY: \"x\" is not a date");
}

static void test_timestamp_valid(void **state)
{
	static const char *const good[] = {
		"2020-03-09T12:34:56Z", "1970-01-01T00:00:00Z",
		"2016-12-31T23:59:60Z", "2024-02-29T23:59:59Z",
		"0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
	};
	static const char *const bad[] = {
		"", "2020-03-09", "2020-03-09T12:34:56", "2020-03-09t12:34:56Z",
		"2020-03-09T12:34:56z", "2020-03-09 12:34:56Z",
		"2020-03-09T12:34:56+00:00", "2020-03-09T12:34:56.000Z",
		"2020-03-09T12:34:56Zx", " 2020-03-09T12:34:56Z",
		"2020-03-09T24:00:00Z", "2020-03-09T23:60:00Z",
		"2020-03-09T23:59:61Z", "2021-02-29T00:00:00Z",
		"2020-13-01T00:00:00Z", "2020-00-01T00:00:00Z",
		"2020-01-00T00:00:00Z", "0000-01-01T00:00:00Z",
		"2020-3-09T12:34:56Z", "2020-03-09T1:34:56Z",
		"2020-03-09T12:34:5Z", "2020-03-09T12-34-56Z",
		"+020-03-09T12:34:56Z", "2020-03-09T12:34:-1Z",
		"2020-03-09T12:34", "today",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (!vk_timestamp_valid(good[i]))
			fail_msg("\"%s\" is refused", good[i]);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (vk_timestamp_valid(bad[i]))
			fail_msg("\"%s\" is taken", bad[i]);
}

/* A time of day: HH:MM (or H:MM) from 00:00 to 23:59, nothing else; written back as HH:MM. */
static void test_time_parse(void **state)
{
	static const struct { const char *in; int minutes; const char *out; } good[] = {
		{ "00:00", 0, "00:00" }, { "10:00", 600, "10:00" }, { "9:30", 570, "09:30" },
		{ "23:59", 1439, "23:59" }, { "08:05", 485, "08:05" }, { "0:00", 0, "00:00" },
	};
	static const char *const bad[] = {
		"", "24:00", "25:00", "12:60", "10", "10:0", "10:000", "100:00", ":30", "10.00",
		"10:00:00", " 10:00", "10:00 ", "-1:00", "1o:00", "10h30", "kl. 10", "10:-5",
	};
	struct strbuf err = STRBUF_INIT;
	char buf[VK_TIME_SIZE];
	int m;

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		m = -1;
		if (vk_time_parse(good[i].in, &m, NULL))
			fail_msg("\"%s\" is refused", good[i].in);
		assert_int_equal(m, good[i].minutes);
		assert_string_equal(vk_time_format(m, buf), good[i].out);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		m = -1;
		if (!vk_time_parse(bad[i], &m, NULL))
			fail_msg("\"%s\" is taken as %d", bad[i], m);
		assert_int_equal(m, -1);
	}
	assert_int_equal(vk_time_parse("25:00", &m, &err), -1);
	assert_string_equal(err.buf, "\"25:00\" is not a time (HH:MM, 00:00 to 23:59)");
	strbuf_release(&err);
}

static void test_timestamp_now(void **state)
{
	char buf[21], want[11];
	time_t before, after;
	struct tm tm;

	(void)state;
	before = time(NULL);
	assert_ptr_equal(vk_timestamp_now(buf), buf);
	after = time(NULL);
	assert_int_equal(strlen(buf), 20);
	assert_true(vk_timestamp_valid(buf));
	assert_non_null(gmtime_r(&before, &tm));
	strftime(want, sizeof(want), "%Y-%m-%d", &tm);
	if (strncmp(buf, want, 10) != 0) {
		assert_non_null(gmtime_r(&after, &tm));
		strftime(want, sizeof(want), "%Y-%m-%d", &tm);
		assert_memory_equal(buf, want, 10);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_forms_text, reset_env),
		cmocka_unit_test_teardown(test_day_numbers, reset_env),
		cmocka_unit_test_teardown(test_format, reset_env),
		cmocka_unit_test_teardown(test_ymd_parse, reset_env),
		cmocka_unit_test_teardown(test_leap_years, reset_env),
		cmocka_unit_test_teardown(test_month_days, reset_env),
		cmocka_unit_test_teardown(test_month_form, reset_env),
		cmocka_unit_test_teardown(test_week_form, reset_env),
		cmocka_unit_test_teardown(test_week_end_past_9999, reset_env),
		cmocka_unit_test_teardown(test_weeks_in_year, reset_env),
		cmocka_unit_test_teardown(test_weekday, reset_env),
		cmocka_unit_test_teardown(test_isoweek, reset_env),
		cmocka_unit_test_teardown(test_round_trips, reset_env),
		cmocka_unit_test_teardown(test_words, reset_env),
		cmocka_unit_test_teardown(test_relative, reset_env),
		cmocka_unit_test_teardown(test_relative_from, reset_env),
		cmocka_unit_test_teardown(test_time_parse, reset_env),
		cmocka_unit_test_teardown(test_bad_inputs, reset_env),
		cmocka_unit_test_teardown(test_today, reset_env),
		cmocka_unit_test_teardown(test_today_bad, reset_env),
		cmocka_unit_test_teardown(test_timestamp_valid, reset_env),
		cmocka_unit_test_teardown(test_timestamp_now, reset_env),
	};

	unsetenv("VK_TODAY");
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* date.c: see date.h */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "date.h"
#include "utf8.h"
#include "error.h"

const char vk_date_forms[] =
	"YYYY-MM-DD, YYYY-Www, YYYY-MM, today, yesterday, tomorrow, "
	"+Nd, -Nd, +Nw or -Nw";

static const char *const month_names[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

/* The day numbers of 0001-01-01 and 9999-12-31: what vk reads and writes. */
#define DATE_MIN (-719162L)
#define DATE_MAX 2932896L

/*
 * Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
 * days_from_civil). Any year; month 1-12; day is not checked.
 */
static long days_from_civil(long y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The inverse of days_from_civil (Hinnant's civil_from_days). */
static void civil_from_days(long z, long *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

static bool is_leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(long y, int m)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

bool vk_date_from_ymd(int year, int month, int day, vk_date *out)
{
	if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 ||
	    day > days_in_month(year, month))
		return false;
	*out = days_from_civil(year, month, day);
	return true;
}

void vk_date_to_ymd(vk_date d, int *year, int *month, int *day)
{
	long y;

	civil_from_days(d, &y, month, day);
	*year = (int)y;
}

/* Outside 0001..9999 the text is cut to fit VK_DATE_SIZE. */
char *vk_date_format(vk_date d, char buf[VK_DATE_SIZE])
{
	long y;
	int m, day;

	civil_from_days(d, &y, &m, &day);
	snprintf(buf, VK_DATE_SIZE, "%04ld-%02d-%02d", y, m, day);
	return buf;
}

void vk_date_add_human(struct strbuf *out, vk_date d)
{
	long y;
	int m, day;

	civil_from_days(d, &y, &m, &day);
	strbuf_addf(out, "%d %s %ld", day, month_names[m - 1], y);
}

int vk_date_weekday(vk_date d)
{
	/* 1970-01-01 was a Thursday */
	long r = (d + 3) % 7;

	return (int)(r < 0 ? r + 7 : r) + 1;
}

int vk_date_weeks_in_year(int iso_year)
{
	int jan1 = vk_date_weekday(days_from_civil(iso_year, 1, 1));

	return jan1 == 4 || (jan1 == 3 && is_leap(iso_year)) ? 53 : 52;
}

/* The Monday of ISO week 1 of y: the week that holds 4 January. */
static long week1_monday(long y)
{
	long jan4 = days_from_civil(y, 1, 4);

	return jan4 - (vk_date_weekday(jan4) - 1);
}

void vk_date_isoweek(vk_date d, int *iso_year, int *week)
{
	long thursday = d - vk_date_weekday(d) + 4;
	long y;
	int m, day;

	civil_from_days(thursday, &y, &m, &day);
	*iso_year = (int)y;
	*week = (int)((thursday - week1_monday(y)) / 7 + 1);
}

bool vk_date_from_isoweek(int iso_year, int week, vk_date *monday)
{
	if (week < 1 || week > vk_date_weeks_in_year(iso_year))
		return false;
	*monday = week1_monday(iso_year) + 7L * (week - 1);
	return true;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}


/* The value of the n digits at s, or -1 when they are not all digits. */
static long digits(const char *s, int n)
{
	long v = 0;

	for (int i = 0; i < n; i++) {
		if (!is_digit(s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Appends the parse error for s (with reason when not NULL) to err. */
static int fail(const char *s, struct strbuf *err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(const char *s, struct strbuf *err, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return -1;
	utf8_addquoted(err, s);
	strbuf_addstr(err, " is not a date");
	if (fmt) {
		strbuf_addstr(err, ": ");
		va_start(ap, fmt);
		strbuf_vaddf(err, fmt, ap);
		va_end(ap);
	}
	strbuf_addstr(err, "; use ");
	strbuf_addstr(err, vk_date_forms);
	return -1;
}

/*
 * Checks year, month and day of YYYY-MM-DD (day -1 for YYYY-MM).
 * Returns NULL when they make a date, else the reason into buf.
 */
static const char *ymd_problem(long y, long m, long d, char *buf, size_t size)
{
	if (y < 1)
		return "there is no year 0";
	if (m < 1 || m > 12) {
		snprintf(buf, size, "there is no month %ld", m);
		return buf;
	}
	if (d < 0)
		return NULL;
	if (d == 0)
		return "there is no day 0";
	if (d > days_in_month(y, (int)m)) {
		snprintf(buf, size, "%s %ld has %d days", month_names[m - 1], y,
			 days_in_month(y, (int)m));
		return buf;
	}
	return NULL;
}

/* +Nd, -Nd, +Nw, -Nw from base: N is 1 to 5 digits. */
static int parse_relative(const char *s, vk_date base, vk_date *out, struct strbuf *err)
{
	const char *p = s + 1;
	long n = 0;
	int len = 0;
	char unit;

	while (is_digit(p[len]))
		len++;
	if (len == 0)
		return fail(s, err, "a number must follow the sign");
	if (len > 5)
		return fail(s, err, "the number has more than 5 digits");
	n = digits(p, len);
	unit = p[len];
	if ((unit != 'd' && unit != 'D' && unit != 'w' && unit != 'W') || p[len + 1])
		return fail(s, err, "after the number comes d (days) or w (weeks)");
	if (unit == 'w' || unit == 'W')
		n *= 7;
	*out = base + (s[0] == '-' ? -n : n);
	return 0;
}

/* YYYY-MM-DD, YYYY-MM and YYYY-Www; s begins with four digits and '-'. */
static int parse_calendar(const char *s, enum vk_date_side side, vk_date *out,
			  struct strbuf *err)
{
	char buf[64];
	const char *why;
	long y = digits(s, 4), m, d, w;
	size_t len = strlen(s);

	if ((s[5] == 'W' || s[5] == 'w') && len == 8) {
		w = digits(s + 6, 2);
		if (w < 0)
			return fail(s, err, NULL);
		if (y < 1)
			return fail(s, err, "there is no year 0");
		if (w == 0)
			return fail(s, err, "there is no week 0");
		if (w > vk_date_weeks_in_year((int)y))
			return fail(s, err, "%ld has %d ISO weeks", y,
				    vk_date_weeks_in_year((int)y));
		vk_date_from_isoweek((int)y, (int)w, out);
		if (side == VK_DATE_END)
			*out += 6;
		return 0;
	}
	if (len == 7) {
		m = digits(s + 5, 2);
		if (m < 0)
			return fail(s, err, NULL);
		why = ymd_problem(y, m, -1, buf, sizeof(buf));
		if (why)
			return fail(s, err, "%s", why);
		d = side == VK_DATE_END ? days_in_month(y, (int)m) : 1;
		*out = days_from_civil(y, (int)m, (int)d);
		return 0;
	}
	if (len == 10 && s[7] == '-') {
		m = digits(s + 5, 2);
		d = digits(s + 8, 2);
		if (m < 0 || d < 0)
			return fail(s, err, NULL);
		why = ymd_problem(y, m, d, buf, sizeof(buf));
		if (why)
			return fail(s, err, "%s", why);
		*out = days_from_civil(y, (int)m, (int)d);
		return 0;
	}
	return fail(s, err, NULL);
}

int vk_date_parse(const char *s, enum vk_date_side side, vk_date *out,
		  struct strbuf *err)
{
	return vk_date_parse_from(s, side, VK_DATE_FROM_TODAY, out, err);
}

int vk_date_parse_from(const char *s, enum vk_date_side side, vk_date base, vk_date *out,
		       struct strbuf *err)
{
	vk_date d = 0;
	size_t len = strlen(s);

	if (len == 0)
		return fail(s, err, "it is empty");
	if (strchr(" \t\n\r\f\v", s[0]) || strchr(" \t\n\r\f\v", s[len - 1]))
		return fail(s, err, "it has space around it");
	if (utf8_ascii_equal(s, "today")) {
		d = vk_today();
	} else if (utf8_ascii_equal(s, "yesterday")) {
		d = vk_today() - 1;
	} else if (utf8_ascii_equal(s, "tomorrow")) {
		d = vk_today() + 1;
	} else if (s[0] == '+' || s[0] == '-') {
		if (parse_relative(s, base == VK_DATE_FROM_TODAY ? vk_today() : base, &d, err) < 0)
			return -1;
	} else if (len >= 5 && digits(s, 4) >= 0 && s[4] == '-') {
		if (parse_calendar(s, side, &d, err) < 0)
			return -1;
	} else {
		return fail(s, err, NULL);
	}
	if (d < DATE_MIN)
		return fail(s, err, "it is before 0001-01-01");
	if (d > DATE_MAX)
		return fail(s, err, "it is after 9999-12-31");
	*out = d;
	return 0;
}

/* Reads exactly YYYY-MM-DD, a valid date; false otherwise. */
static bool parse_ymd(const char *s, vk_date *out)
{
	long y, m, d;

	if (strlen(s) < 10 || s[4] != '-' || s[7] != '-')
		return false;
	y = digits(s, 4);
	m = digits(s + 5, 2);
	d = digits(s + 8, 2);
	if (y < 0 || m < 0 || d < 0)
		return false;
	return vk_date_from_ymd((int)y, (int)m, (int)d, out);
}

static _Noreturn void bad_today(const char *env)
{
	/* a local copy, freed before vk_die(): a test's die hook longjmps */
	struct strbuf q = STRBUF_INIT;
	char shown[128];

	utf8_addquoted(&q, env);
	snprintf(shown, sizeof(shown), "%s", q.buf);
	strbuf_release(&q);
	vk_die(VK_EXIT_USAGE, "VK_TODAY: %s is not a date (YYYY-MM-DD)", shown);
}

vk_date vk_today(void)
{
	const char *env = getenv("VK_TODAY");
	struct tm tm;
	time_t now;
	vk_date d;

	if (env && *env) {
		if (strlen(env) != 10 || !parse_ymd(env, &d))
			bad_today(env);
		return d;
	}
	now = time(NULL);
	if (now == (time_t)-1 || !localtime_r(&now, &tm))
		vk_die(VK_EXIT_IOERR, "cannot read the clock");
	return days_from_civil(tm.tm_year + 1900L, tm.tm_mon + 1, tm.tm_mday);
}

bool vk_timestamp_valid(const char *ts)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
	vk_date d;

	for (size_t i = 0; i < sizeof(shape) - 1; i++) {
		if (shape[i] == 'd' ? !is_digit(ts[i]) : ts[i] != shape[i])
			return false;
	}
	if (ts[sizeof(shape) - 1] || !parse_ymd(ts, &d))
		return false;
	return digits(ts + 11, 2) <= 23 && digits(ts + 14, 2) <= 59 &&
	       digits(ts + 17, 2) <= 60;
}

int vk_time_parse(const char *s, int *minutes, struct strbuf *err)
{
	size_t hour_digits = is_digit(s[0]) && s[1] == ':' ? 1 : 2;
	long h = digits(s, (int)hour_digits), m;

	if (h < 0 || s[hour_digits] != ':' || (m = digits(s + hour_digits + 1, 2)) < 0 ||
	    s[hour_digits + 3] || h > 23 || m > 59) {
		if (err) {
			utf8_addquoted(err, s);
			strbuf_addstr(err, " is not a time (HH:MM, 00:00 to 23:59)");
		}
		return -1;
	}
	*minutes = (int)(h * 60 + m);
	return 0;
}

char *vk_time_format(int minutes, char buf[VK_TIME_SIZE])
{
	unsigned m = (unsigned)minutes % (24 * 60);

	snprintf(buf, VK_TIME_SIZE, "%02u:%02u", m / 60, m % 60);
	return buf;
}

char *vk_timestamp_now(char buf[VK_TIMESTAMP_SIZE])
{
	/* an import asks for every row: format once a second */
	static time_t last = (time_t)-1;
	static char text[VK_TIMESTAMP_SIZE];
	time_t now = time(NULL);
	struct tm tm;

	if (now == (time_t)-1)
		vk_die(VK_EXIT_IOERR, "cannot read the clock");
	if (now != last) {
		if (!gmtime_r(&now, &tm))
			vk_die(VK_EXIT_IOERR, "cannot read the clock");
		if (!strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%SZ", &tm))
			vk_die(VK_EXIT_IOERR, "the clock is past the year 9999");
		last = now;
	}
	memcpy(buf, text, sizeof(text));
	return buf;
}

/*
 * date.h: calendar dates as SPEC accepts them.
 *
 * A date is a day number: days since 1970-01-01 (proleptic Gregorian),
 * so that arithmetic is plain integer arithmetic.
 *
 * Accepted input forms: YYYY-MM-DD; YYYY-Www (an ISO 8601 week); YYYY-MM;
 * today, yesterday, tomorrow; +Nd, -Nd, +Nw, -Nw (relative to today).
 * A week or a month names a range of days: read as a start it is its
 * first day (the Monday, the 1st), read as an end its last (the Sunday,
 * the last day of the month).
 */
#ifndef VK_DATE_H
#define VK_DATE_H

#include <limits.h>
#include <stdbool.h>
#include "strbuf.h"

typedef long vk_date;

/* The bytes of a date as text, YYYY-MM-DD and its NUL (vk_date_format()). */
#define VK_DATE_SIZE (sizeof "YYYY-MM-DD")

/* The bytes of a timestamp as text, YYYY-MM-DDTHH:MM:SSZ and its NUL. */
#define VK_TIMESTAMP_SIZE (sizeof "YYYY-MM-DDTHH:MM:SSZ")

enum vk_date_side {
	VK_DATE_START,	/* a week or month means its first day */
	VK_DATE_END	/* a week or month means its last day */
};

/* The accepted forms, for messages: "YYYY-MM-DD, YYYY-Www, ..." */
extern const char vk_date_forms[];

/*
 * Parses s. On success stores the day in *out and returns 0. On failure
 * returns -1 and appends to err a message that quotes s, says what is
 * wrong when that is known ("2021 has 52 ISO weeks", "February 2021 has
 * 28 days") and lists the accepted forms.
 */
int vk_date_parse(const char *s, enum vk_date_side side, vk_date *out,
		  struct strbuf *err);

/* No day: relative forms count from today (vk_date_parse_from()). */
#define VK_DATE_FROM_TODAY LONG_MIN

/*
 * vk_date_parse() with +Nd, -Nd, +Nw, -Nw counted from base instead of
 * today (a milestone's move counts from its due date); today, yesterday
 * and tomorrow stay today's.
 */
int vk_date_parse_from(const char *s, enum vk_date_side side, vk_date base, vk_date *out,
		       struct strbuf *err);

/*
 * Today: $VK_TODAY (YYYY-MM-DD) when set, else the local date. A bad
 * VK_TODAY is fatal (exit 2, naming the variable).
 */
vk_date vk_today(void);

bool vk_date_from_ymd(int year, int month, int day, vk_date *out);
void vk_date_to_ymd(vk_date d, int *year, int *month, int *day);

/* Writes YYYY-MM-DD and a NUL into buf. Returns buf. */
char *vk_date_format(vk_date d, char buf[VK_DATE_SIZE]);
/* Appends d as people read it in English: "26 June 2020". */
void vk_date_add_human(struct strbuf *out, vk_date d);

/* 1 = Monday ... 7 = Sunday. */
int vk_date_weekday(vk_date d);

/* The ISO 8601 week-numbering year and week of d. */
void vk_date_isoweek(vk_date d, int *iso_year, int *week);

/* The Monday of ISO week `week` of iso_year; false when there is no such week. */
bool vk_date_from_isoweek(int iso_year, int week, vk_date *monday);

/* Number of ISO weeks in iso_year (52 or 53). */
int vk_date_weeks_in_year(int iso_year);

/*
 * Checks an RFC 3339 UTC timestamp of the form YYYY-MM-DDTHH:MM:SSZ
 * (as vk writes them). Returns true when ts is one.
 */
bool vk_timestamp_valid(const char *ts);

/* Writes the current time as YYYY-MM-DDTHH:MM:SSZ and a NUL into buf. */
char *vk_timestamp_now(char buf[VK_TIMESTAMP_SIZE]);

/* ---- times of day ---- */

#define VK_TIME_SIZE (sizeof "HH:MM")

/*
 * Parses a time of day, HH:MM on the 24-hour clock (00:00 to 23:59; an
 * hour of one digit, 9:30, is taken too) into minutes after midnight.
 * Returns 0, or -1 with the problem appended to err (when not NULL):
 * the value quoted, "is not a time (HH:MM, 00:00 to 23:59)".
 */
int vk_time_parse(const char *s, int *minutes, struct strbuf *err);

/* Writes minutes after midnight (0 to 1439) as HH:MM and a NUL into buf. Returns buf. */
char *vk_time_format(int minutes, char buf[VK_TIME_SIZE]);

#endif

/*
 * check-ics: reads an iCalendar file (a path, or standard input when the
 * path is "-" or missing), parses it with libical and checks it as a
 * calendar program would take it:
 *
 *   - it parses as one VCALENDAR, with no parser errors;
 *   - VERSION is 2.0, PRODID is there, METHOD is PUBLISH or absent (a
 *     plain RFC 5545 calendar);
 *   - icalrestriction_check() (RFC 5545 and the PUBLISH method of RFC
 *     5546) finds nothing wrong;
 *   - every VEVENT has a UID, a DTSTAMP in UTC, and a DTSTART and DTEND
 *     both given as dates (VALUE=DATE, an all-day event) or both as UTC
 *     date-times (a timed event), DTEND after DTSTART;
 *   - no two VEVENTs have the same UID.
 *
 * On standard output it prints one line for each VEVENT, in the order of
 * the file:
 *
 *   UID|DTSTART|DTEND|SUMMARY
 *
 * the dates as YYYY-MM-DD (a date-time as YYYY-MM-DDTHH:MM:SSZ) and the SUMMARY unescaped (as libical reads
 * it). It exits 0 when the calendar is valid and 1 otherwise, with one
 * line a problem on standard error; 2 when the file cannot be read.
 *
 * Build: cc -std=c11 -Wall -Wextra -Werror check-ics.c \
 *            $(pkg-config --cflags --libs libical) -o check-ics
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libical/ical.h>

static const char *path = "stdin";
static int problems;

static void problem(const char *what, const char *detail)
{
	fprintf(stderr, "check-ics: %s: %s%s%s\n", path, what, detail ? ": " : "",
		detail ? detail : "");
	problems++;
}

/* Reads all of f into a NUL-terminated buffer; NULL on error. */
static char *slurp(FILE *f)
{
	size_t cap = 65536, len = 0, n;
	char *buf = malloc(cap + 1);

	if (!buf)
		return NULL;
	while ((n = fread(buf + len, 1, cap - len, f)) > 0) {
		len += n;
		if (len == cap) {
			char *more = realloc(buf, 2 * cap + 1);
			if (!more) {
				free(buf);
				return NULL;
			}
			buf = more;
			cap *= 2;
		}
	}
	if (ferror(f)) {
		free(buf);
		return NULL;
	}
	if (memchr(buf, '\0', len))
		problem("the file holds a NUL byte", NULL);
	buf[len] = '\0';
	return buf;
}

/* Reports every X-LIC-ERROR property in comp and its subcomponents. */
static void report_errors(icalcomponent *comp)
{
	icalproperty *p;
	icalcomponent *c;

	for (p = icalcomponent_get_first_property(comp, ICAL_XLICERROR_PROPERTY); p;
	     p = icalcomponent_get_next_property(comp, ICAL_XLICERROR_PROPERTY)) {
		char what[64];
		snprintf(what, sizeof(what), "libical error in %s",
			 icalcomponent_kind_to_string(icalcomponent_isa(comp)));
		problem(what, icalproperty_get_xlicerror(p));
	}
	for (c = icalcomponent_get_first_component(comp, ICAL_ANY_COMPONENT); c;
	     c = icalcomponent_get_next_component(comp, ICAL_ANY_COMPONENT))
		report_errors(c);
}

/*
 * The property's value, checked to be a date given as VALUE=DATE (an
 * all-day event) or a date-time in UTC (a timed one); 0 when it is neither.
 */
static int date_of(icalcomponent *ev, icalproperty_kind kind, const char *uid,
		   struct icaltimetype *out)
{
	icalproperty *p = icalcomponent_get_first_property(ev, kind);
	const char *name = icalproperty_kind_to_string(kind);
	char what[256];
	icalparameter *v;

	if (!p) {
		snprintf(what, sizeof(what), "VEVENT %s has no %s", uid, name);
		problem(what, NULL);
		return 0;
	}
	*out = kind == ICAL_DTSTART_PROPERTY ? icalproperty_get_dtstart(p)
					     : icalproperty_get_dtend(p);
	v = icalproperty_get_first_parameter(p, ICAL_VALUE_PARAMETER);
	if (out->is_date ? !v || icalparameter_get_value(v) != ICAL_VALUE_DATE
			 : !icaltime_is_utc(*out)) {
		snprintf(what, sizeof(what), "VEVENT %s: %s is neither VALUE=DATE nor a UTC date-time",
			 uid, name);
		problem(what, icalproperty_get_value_as_string(p));
		return 0;
	}
	if (icaltime_is_null_time(*out) || !icaltime_is_valid_time(*out)) {
		snprintf(what, sizeof(what), "VEVENT %s: %s is no valid date", uid, name);
		problem(what, icalproperty_get_value_as_string(p));
		return 0;
	}
	return 1;
}

/* Prints t as YYYY-MM-DD, or YYYY-MM-DDTHH:MM:SSZ when it is a date-time. */
static void print_time(struct icaltimetype t)
{
	printf("%04d-%02d-%02d", t.year, t.month, t.day);
	if (!t.is_date)
		printf("T%02d:%02d:%02dZ", t.hour, t.minute, t.second);
}

/* Checks one VEVENT and prints its line. */
static void check_event(icalcomponent *ev, char ***uids, size_t *nuids)
{
	const char *uid = icalcomponent_get_uid(ev);
	const char *summary = icalcomponent_get_summary(ev);
	icalproperty *stamp = icalcomponent_get_first_property(ev, ICAL_DTSTAMP_PROPERTY);
	struct icaltimetype start = icaltime_null_time(), end = icaltime_null_time();
	int have_start, have_end;
	char what[256];

	if (!uid || !*uid) {
		problem("a VEVENT has no UID", NULL);
		uid = "";
	} else {
		for (size_t i = 0; i < *nuids; i++)
			if (!strcmp((*uids)[i], uid))
				problem("two VEVENTs have the same UID", uid);
		char **more = realloc(*uids, (*nuids + 1) * sizeof(**uids));
		if (more) {
			*uids = more;
			(*uids)[(*nuids)++] = strdup(uid);
		}
	}
	if (!stamp) {
		snprintf(what, sizeof(what), "VEVENT %s has no DTSTAMP", uid);
		problem(what, NULL);
	} else {
		struct icaltimetype t = icalproperty_get_dtstamp(stamp);
		if (t.is_date || !icaltime_is_utc(t) || !icaltime_is_valid_time(t)) {
			snprintf(what, sizeof(what), "VEVENT %s: DTSTAMP is no UTC date-time", uid);
			problem(what, icalproperty_get_value_as_string(stamp));
		}
	}
	have_start = date_of(ev, ICAL_DTSTART_PROPERTY, uid, &start);
	have_end = date_of(ev, ICAL_DTEND_PROPERTY, uid, &end);
	if (have_start && have_end && start.is_date != end.is_date) {
		snprintf(what, sizeof(what), "VEVENT %s: one of DTSTART and DTEND is a date, the "
			 "other a date-time", uid);
		problem(what, NULL);
	} else if (have_start && have_end && icaltime_compare(end, start) <= 0) {
		snprintf(what, sizeof(what), "VEVENT %s: DTEND %04d-%02d-%02d is not after DTSTART "
			 "%04d-%02d-%02d", uid, end.year, end.month, end.day, start.year,
			 start.month, start.day);
		problem(what, NULL);
	}
	printf("%s|", uid);
	if (have_start)
		print_time(start);
	putchar('|');
	if (have_end)
		print_time(end);
	printf("|%s\n", summary ? summary : "");
}

int main(int argc, char **argv)
{
	FILE *f = stdin;
	char *text, **uids = NULL;
	size_t nuids = 0;
	icalcomponent *cal, *ev;
	icalproperty *p;

	if (argc > 2 || (argc == 2 && !strcmp(argv[1], "--help"))) {
		fprintf(stderr, "usage: check-ics [FILE|-]\n");
		return 2;
	}
	if (argc == 2 && strcmp(argv[1], "-")) {
		path = argv[1];
		f = fopen(path, "rb");
		if (!f) {
			perror(path);
			return 2;
		}
	}
	text = slurp(f);
	if (f != stdin)
		fclose(f);
	if (!text) {
		fprintf(stderr, "check-ics: %s: cannot read it\n", path);
		return 2;
	}
	icalerror_set_errors_are_fatal(0);
	cal = icalparser_parse_string(text);
	free(text);
	if (!cal) {
		problem("libical cannot parse it", NULL);
		return 1;
	}
	if (icalcomponent_isa(cal) != ICAL_VCALENDAR_COMPONENT) {
		problem("it is not one VCALENDAR",
			icalcomponent_kind_to_string(icalcomponent_isa(cal)));
		icalcomponent_free(cal);
		return 1;
	}

	/* what the parser found wrong, then what the restrictions find */
	if (icalcomponent_count_errors(cal))
		report_errors(cal);
	else if (!icalrestriction_check(cal) || icalcomponent_count_errors(cal)) {
		report_errors(cal);
		if (!icalcomponent_count_errors(cal))
			problem("icalrestriction_check() refuses it", NULL);
	}

	p = icalcomponent_get_first_property(cal, ICAL_VERSION_PROPERTY);
	if (!p || strcmp(icalproperty_get_version(p), "2.0"))
		problem("VERSION is not 2.0", p ? icalproperty_get_version(p) : "missing");
	p = icalcomponent_get_first_property(cal, ICAL_PRODID_PROPERTY);
	if (!p || !*icalproperty_get_prodid(p))
		problem("no PRODID", NULL);
	if (icalcomponent_get_method(cal) != ICAL_METHOD_PUBLISH &&
	    icalcomponent_get_method(cal) != ICAL_METHOD_NONE)
		problem("METHOD is not PUBLISH", NULL);

	for (ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev;
	     ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT))
		check_event(ev, &uids, &nuids);

	for (size_t i = 0; i < nuids; i++)
		free(uids[i]);
	free(uids);
	icalcomponent_free(cal);
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "check-ics: write error\n");
		return 2;
	}
	return problems ? 1 : 0;
}

/* ical.c: see ical.h */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include "date.h"
#include "error.h"
#include "ical.h"
#include "strbuf.h"

struct vk_ical {
	FILE *out;
	char *store_id;
	char *organizer;	/* the ORGANIZER line's value */
	char stamp[17];		/* YYYYMMDDTHHMMSSZ */
	struct strbuf line, buf;
	int failed;
};

void vk_ical_escape(struct strbuf *out, const char *text)
{
	for (; *text; text++) {
		switch (*text) {
		case '\\': strbuf_addstr(out, "\\\\"); break;
		case ';': strbuf_addstr(out, "\\;"); break;
		case ',': strbuf_addstr(out, "\\,"); break;
		case '\n': strbuf_addstr(out, "\\n"); break;
		case '\r': break;
		default:
			/* other controls (and DEL) are not allowed in TEXT */
			if (((unsigned char)*text < 0x20 && *text != '\t') || *text == 0x7F)
				strbuf_addch(out, ' ');
			else
				strbuf_addch(out, *text);
		}
	}
}

void vk_ical_fold(struct strbuf *out, const char *line, size_t len)
{
	size_t used = 0;	/* octets on the current physical line */

	for (size_t i = 0; i < len;) {
		size_t n = 1;
		unsigned char c = (unsigned char)line[i];

		if (c >= 0xF0)
			n = 4;
		else if (c >= 0xE0)
			n = 3;
		else if (c >= 0xC0)
			n = 2;
		if (i + n > len)
			n = len - i;
		if (used + n > 75) {
			strbuf_addstr(out, "\r\n ");
			used = 1;
		}
		strbuf_add(out, line + i, n);
		used += n;
		i += n;
	}
	strbuf_addstr(out, "\r\n");
}

/* Writes NAME:VALUE (value already escaped), folded. */
static void put(struct vk_ical *cal, const char *name, const char *value)
{
	strbuf_reset(&cal->line);
	strbuf_addstr(&cal->line, name);
	strbuf_addch(&cal->line, ':');
	strbuf_addstr(&cal->line, value);
	vk_ical_fold(&cal->buf, cal->line.buf, cal->line.len);
}

static void put_text(struct vk_ical *cal, const char *name, const char *text)
{
	struct strbuf esc = STRBUF_INIT;

	vk_ical_escape(&esc, text);
	put(cal, name, esc.buf);
	strbuf_release(&esc);
}

static int flush(struct vk_ical *cal)
{
	if (cal->buf.len && fwrite(cal->buf.buf, 1, cal->buf.len, cal->out) != cal->buf.len)
		cal->failed = 1;
	strbuf_reset(&cal->buf);
	return cal->failed ? -1 : 0;
}

struct vk_ical *vk_ical_open(FILE *out, const struct vk_ical_options *o, const char *store_id)
{
	struct vk_ical *cal = vk_calloc(1, sizeof(*cal));
	time_t now = time(NULL);
	struct tm tm;
	struct strbuf org = STRBUF_INIT;
	const char *name = o->name;

	const char *address = o->organizer && *o->organizer ? o->organizer : getenv("VK_ORGANIZER");

	/*
	 * Only an address someone gave: one made up from the user and the
	 * host (vk@vm) is no address anyone can write to.
	 */
	if (address && *address) {
		if (strncasecmp(address, "mailto:", 7))
			strbuf_addstr(&org, "mailto:");
		strbuf_addstr(&org, address);
		/* an address is no TEXT (nothing to escape), but a control character would break the line */
		for (size_t i = 0; i < org.len; i++)
			if ((unsigned char)org.buf[i] < 0x20 || org.buf[i] == 0x7F)
				org.buf[i] = '_';
		cal->organizer = strbuf_detach(&org, NULL);
	}
	cal->out = out;
	cal->store_id = vk_strdup(store_id && *store_id ? store_id : "local");
	strbuf_init(&cal->line, 128);
	strbuf_init(&cal->buf, 1024);
	gmtime_r(&now, &tm);
	strftime(cal->stamp, sizeof(cal->stamp), "%Y%m%dT%H%M%SZ", &tm);
	put(cal, "BEGIN", "VCALENDAR");
	put(cal, "VERSION", "2.0");
	put(cal, "PRODID", "-//vk//vk-milestone//EN");
	put(cal, "CALSCALE", "GREGORIAN");
	/* RFC 5546's PUBLISH asks every event for an ORGANIZER; without one it is a plain RFC 5545 calendar */
	if (cal->organizer)
		put(cal, "METHOD", "PUBLISH");
	put_text(cal, "X-WR-CALNAME", name);
	flush(cal);
	return cal;
}

/*
 * YYYY-MM-DD (+ days) as YYYYMMDD; false (and "") when it is no date or
 * the day is past 9999-12-31, which a DATE cannot hold.
 */
static bool ical_date(const char *iso, long plus, char out[9])
{
	vk_date d, last;
	char buf[VK_DATE_SIZE];

	out[0] = '\0';
	if (vk_date_parse(iso, VK_DATE_START, &d, NULL) ||
	    !vk_date_from_ymd(9999, 12, 31, &last) || d + plus > last)
		return false;
	vk_date_format(d + plus, buf);
	memcpy(out, buf, 4);
	memcpy(out + 4, buf + 5, 2);
	memcpy(out + 6, buf + 8, 2);
	out[8] = '\0';
	return true;
}

static const char *text_of(json_t *record, const char *key)
{
	return json_string_value(json_object_get(record, key));
}

/*
 * Day iso (YYYY-MM-DD) at hhmm (HH:MM) of the local time zone ($TZ, as
 * the C library reads it) as a UTC date-time YYYYMMDDTHHMMSSZ, plus
 * seconds; false when either is no value. A local time that a change to
 * summer time skips (02:30 on the day clocks go forward) is read as
 * mktime() reads it, an hour on; one that occurs twice, as mktime() chooses.
 */
static bool ical_utc(const char *iso, const char *hhmm, long plus, char out[17])
{
	vk_date d;
	int year, month, day, minutes;
	struct tm tm = { .tm_isdst = -1 };
	time_t t;

	if (!iso || !hhmm || vk_date_parse(iso, VK_DATE_START, &d, NULL) ||
	    vk_time_parse(hhmm, &minutes, NULL))
		return false;
	vk_date_to_ymd(d, &year, &month, &day);
	tm.tm_year = year - 1900;
	tm.tm_mon = month - 1;
	tm.tm_mday = day;
	tm.tm_hour = minutes / 60;
	tm.tm_min = minutes % 60;
	t = mktime(&tm);
	if (t == (time_t)-1)
		return false;
	t += plus;
	return gmtime_r(&t, &tm) && tm.tm_year + 1900 <= 9999 &&
	       strftime(out, 17, "%Y%m%dT%H%M%SZ", &tm) == 16;
}

int vk_ical_milestone(struct vk_ical *cal, json_t *m, long sequence)
{
	const char *start = text_of(m, "start");
	const char *due = text_of(m, "due");
	const char *status = text_of(m, "status");
	const char *time = text_of(m, "time"), *end_time = text_of(m, "end_time");
	char first[17], after_last[17], value[160];
	struct strbuf desc = STRBUF_INIT;
	bool has_end = false, timed;
	vk_date d0, d1;

	if (!due)
		return 0;
	/*
	 * A meeting at its hour: from time on its first day to end_time (else
	 * an hour after time) on its due day, in UTC. Else all day.
	 */
	timed = ical_utc(start ? start : due, time, 0, first) &&
		(end_time ? ical_utc(due, end_time, 0, after_last)
			  : ical_utc(due, time, 3600, after_last));
	if (!timed) {
		ical_date(start ? start : due, 0, first);
		has_end = ical_date(due, 1, after_last);	/* DTEND of an all-day event is exclusive */
	}
	put(cal, "BEGIN", "VEVENT");
	snprintf(value, sizeof(value), "vk-milestone-%lld-%s@vk",
		 (long long)json_integer_value(json_object_get(m, "id")), cal->store_id);
	put(cal, "UID", value);
	put(cal, "DTSTAMP", cal->stamp);
	if (cal->organizer)
		put(cal, "ORGANIZER", cal->organizer);
	if (timed) {
		put(cal, "DTSTART", first);
		put(cal, "DTEND", after_last);
	} else {
		put(cal, "DTSTART;VALUE=DATE", first);
		if (has_end) {
			put(cal, "DTEND;VALUE=DATE", after_last);
		} else if (!vk_date_parse(start ? start : due, VK_DATE_START, &d0, NULL) &&
			   !vk_date_parse(due, VK_DATE_START, &d1, NULL) && d1 >= d0) {
			/* due on 9999-12-31: the day after has no DATE, a duration says the same */
			snprintf(value, sizeof(value), "P%ldD", d1 - d0 + 1);
			put(cal, "DURATION", value);
		}
	}
	snprintf(value, sizeof(value), "%ld", sequence);
	put(cal, "SEQUENCE", value);
	put_text(cal, "SUMMARY", text_of(m, "title") ? text_of(m, "title") : "");
	if (text_of(m, "place"))
		put_text(cal, "LOCATION", text_of(m, "place"));
	if (text_of(m, "kind")) {
		put_text(cal, "CATEGORIES", text_of(m, "kind"));
		strbuf_addf(&desc, "Kind: %s\n", text_of(m, "kind"));
	}
	if (status)
		strbuf_addf(&desc, "Status: %s%s%s\n", status, text_of(m, "done") ? " " : "",
			    text_of(m, "done") ? text_of(m, "done") : "");
	if (text_of(m, "baseline") && strcmp(text_of(m, "baseline"), due))
		strbuf_addf(&desc, "Moved from %s\n", text_of(m, "baseline"));
	if (text_of(m, "deliverables"))
		strbuf_addf(&desc, "Deliverables: %s\n", text_of(m, "deliverables"));
	if (text_of(m, "notes"))
		strbuf_addf(&desc, "%s\n", text_of(m, "notes"));
	if (desc.len) {
		strbuf_setlen(&desc, desc.len - 1);
		put_text(cal, "DESCRIPTION", desc.buf);
	}
	put(cal, "STATUS", status && !strcmp(status, "cancelled") ? "CANCELLED" : "CONFIRMED");
	put(cal, "TRANSP", "TRANSPARENT");
	put(cal, "END", "VEVENT");
	strbuf_release(&desc);
	return flush(cal);
}

int vk_ical_close(struct vk_ical *cal)
{
	int rc;

	put(cal, "END", "VCALENDAR");
	rc = flush(cal);
	strbuf_release(&cal->line);
	strbuf_release(&cal->buf);
	free(cal->store_id);
	free(cal->organizer);
	free(cal);
	return rc;
}

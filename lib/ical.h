/*
 * ical.h: the timeline as an RFC 5545 calendar that Outlook, Google
 * Calendar and Apple Calendar read: VERSION, PRODID, METHOD:PUBLISH, one
 * VEVENT per milestone (all day, its window when it has a start; at its
 * hour, in UTC from the local time zone $TZ, when it has a time), a UID
 * that stays the same when the milestone is edited or moved, DTSTAMP in
 * UTC, text escaped, CRLF line ends, lines folded at 75 octets without
 * splitting a UTF-8 character.
 */
#ifndef VK_ICAL_H
#define VK_ICAL_H

#include <stdio.h>
#include <jansson.h>

struct vk_ical;

struct vk_ical_options {
	const char *name;	/* X-WR-CALNAME */
	const char *organizer;	/* an e-mail address; NULL: $VK_ORGANIZER, else none */
};

/*
 * Starts a calendar on out (the caller keeps it). store_id makes UIDs
 * unique across stores. Writes the VCALENDAR header. With an organizer
 * it is an RFC 5546 published calendar (METHOD:PUBLISH, and every event
 * names its ORGANIZER); without one, a plain RFC 5545 calendar.
 */
struct vk_ical *vk_ical_open(FILE *out, const struct vk_ical_options *o, const char *store_id);

/*
 * Writes one VEVENT for a milestone record (complete, as the store gives
 * it); sequence counts its changes since it was added. Returns -1 after a
 * write error.
 */
int vk_ical_milestone(struct vk_ical *cal, json_t *milestone, long sequence);

/* Ends the calendar and frees cal; -1 after a write error. */
int vk_ical_close(struct vk_ical *cal);

/*
 * Appends one content line to out: folded at 75 octets (a continuation
 * starts with a space) without splitting a UTF-8 character, ended by CRLF.
 */
struct strbuf;
void vk_ical_fold(struct strbuf *out, const char *line, size_t len);

/* Appends text escaped as an iCalendar TEXT value (\\ \; \, \n). */
void vk_ical_escape(struct strbuf *out, const char *text);

#endif

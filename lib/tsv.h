/*
 * tsv.h: the escapes of TSV, the IANA text/tab-separated-values form as
 * cut, sort, Miller (mlr --itsv) and PostgreSQL's text COPY read it.
 *
 * One record a line (LF), fields separated by TAB, no quoting. In a field,
 * a backslash, TAB, LF and CR are written as the two characters \\, \t,
 * \n and \r; nothing else is changed (a '"' is a plain character, and
 * there is no formula guard: that is CSV's, for spreadsheets).
 *
 * Reading undoes those four escapes. A backslash before any other
 * character, or at the end of a field, stays as it is with what follows
 * (as Miller reads it), so that text from a tool that does not escape
 * backslashes (C:\Users) loses nothing. A field that is exactly \N is
 * PostgreSQL's NULL: no value, as an empty field is.
 */
#ifndef VK_TSV_H
#define VK_TSV_H

#include <stdbool.h>
#include <stddef.h>

struct strbuf;

/* Appends s[0..len) to out with \, TAB, LF and CR escaped. */
void vk_tsv_escape(struct strbuf *out, const char *s, size_t len);

/*
 * Undoes the escapes of s[0..len) in place and returns the new length
 * (never more than len). s need not be NUL-terminated; nothing past
 * s[len) is touched.
 */
size_t vk_tsv_unescape(char *s, size_t len);

/* True when s[0..len) is PostgreSQL's NULL, "\N" as written. */
static inline bool vk_tsv_is_null(const char *s, size_t len)
{
	return len == 2 && s[0] == '\\' && s[1] == 'N';
}

#endif

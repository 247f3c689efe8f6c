/*
 * utf8.h: UTF-8 validation and display width, independent of the locale
 * (the widths from Unicode's properties and grapheme clusters, by ICU).
 */
#ifndef VK_UTF8_H
#define VK_UTF8_H

#include <stddef.h>
#include <stdbool.h>

struct strbuf;

/*
 * Checks that s[0..len) is valid UTF-8: no overlong forms, no surrogates
 * (U+D800..U+DFFF), nothing above U+10FFFF, no truncated sequence.
 * Returns true when it is; otherwise false and, when bad_at is not NULL,
 * sets *bad_at to the offset of the first byte of the bad sequence.
 */
bool utf8_valid(const char *s, size_t len, size_t *bad_at);

/*
 * Returns the columns s takes on a terminal, a grapheme cluster (what a
 * reader sees as one character: e and a combining accent, a family emoji
 * joined with U+200D) at a time: 2 for an East Asian wide or fullwidth
 * character or an emoji, 0 for marks alone, else 1. Control characters
 * count 1 (callers replace them before printing).
 * s must be valid UTF-8 and NUL-terminated.
 */
size_t utf8_width(const char *s);

/*
 * Returns how many bytes of s fit in at most cols columns, never
 * splitting a grapheme cluster.
 */
size_t utf8_prefix_for_width(const char *s, size_t cols);

/*
 * How many characters of a value a message or a --dry-run line shows:
 * a 5 MB text stays one short line.
 */
#define UTF8_SHOWN_CHARS 60

/*
 * Appends s to sb as a message shows a value: on one line, valid UTF-8,
 * cut after max_chars characters (0: never) with "…" in place of the
 * rest. A line feed, carriage return and tab are written \n, \r, \t;
 * other control characters (C0, DEL, C1, U+2028, U+2029) \xNN or
 * \uNNNN; a byte that begins no valid UTF-8 sequence \xNN; with quote,
 * '"' and '\' are escaped with '\' and the whole is put in double
 * quotes. An escape counts as one character. The cut never falls inside
 * a character, nor between a character and the combining marks after it.
 * utf8_addquoted() is this with quote and UTF8_SHOWN_CHARS.
 */
void utf8_add_shown(struct strbuf *sb, const char *s, size_t max_chars, bool quote);

/*
 * Appends s to sb quoted for a message ("a\"b"), on one line and cut
 * after UTF8_SHOWN_CHARS characters with "…": the one way a value is
 * shown in a message or a --dry-run line.
 */
void utf8_addquoted(struct strbuf *sb, const char *s);

/* True when a and b are equal ignoring the case of ASCII letters (whatever the locale). */
bool utf8_ascii_equal(const char *a, const char *b);

#endif

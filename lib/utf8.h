/*
 * utf8.h: UTF-8 validation and display width, independent of the locale
 * (the widths from Unicode's properties and grapheme clusters, by ICU).
 */
#ifndef VK_UTF8_H
#define VK_UTF8_H

#include <stddef.h>
#include <stdbool.h>

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

/* True when a and b are equal ignoring the case of ASCII letters (whatever the locale). */
bool utf8_ascii_equal(const char *a, const char *b);

#endif

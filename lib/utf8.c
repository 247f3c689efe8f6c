/* utf8.c: see utf8.h */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>
#include "error.h"
#include "strbuf.h"
#include "utf8.h"

#define HIGH_BITS 0x8080808080808080ULL

bool utf8_valid(const char *s, size_t len, size_t *bad_at)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *end = p + len;

	while (p < end) {
		uint64_t v;
		unsigned c, lo = 0x80, hi = 0xBF;
		size_t n, i;

		/* ASCII, eight bytes at a time */
		while (end - p >= 8) {
			memcpy(&v, p, 8);
			if (v & HIGH_BITS)
				break;
			p += 8;
		}
		while (p < end && *p < 0x80)
			p++;
		if (p == end)
			break;

		c = *p;
		if (c >= 0xC2 && c <= 0xDF) {
			n = 1;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 2;
			if (c == 0xE0)
				lo = 0xA0;	/* overlong below U+0800 */
			else if (c == 0xED)
				hi = 0x9F;	/* surrogates */
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 3;
			if (c == 0xF0)
				lo = 0x90;	/* overlong below U+10000 */
			else if (c == 0xF4)
				hi = 0x8F;	/* above U+10FFFF */
		} else {
			goto bad;	/* stray continuation, C0, C1, F5..FF */
		}
		if ((size_t)(end - p) <= n || p[1] < lo || p[1] > hi)
			goto bad;
		for (i = 2; i <= n; i++)
			if ((p[i] & 0xC0) != 0x80)
				goto bad;
		p += n + 1;
	}
	return true;
bad:
	if (bad_at)
		*bad_at = (size_t)(p - (const unsigned char *)s);
	return false;
}

/*
 * The columns one grapheme cluster (what a reader sees as one character)
 * takes on a terminal, from Unicode's properties (ICU): 2 when any of its
 * code points is East Asian wide or fullwidth or an emoji shown as one
 * (a family of four joined with U+200D is one cluster, 2 columns); 0 when
 * all are marks or formatting (a combining ring alone); else 1.
 */
static size_t cluster_width(const char *s, int32_t start, int32_t end)
{
	bool visible = false;

	for (int32_t i = start; i < end;) {
		UChar32 c;
		U8_NEXT(s, i, end, c);
		if (c < 0)
			return 1;	/* invalid: shown as one replacement character */
		int ea = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
		if (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH ||
		    u_hasBinaryProperty(c, UCHAR_EMOJI_PRESENTATION) ||
		    (c == 0xFE0F && i > start + 1))	/* emoji presentation selector */
			return 2;
		int gc = u_charType(c);
		if (gc != U_NON_SPACING_MARK && gc != U_ENCLOSING_MARK && gc != U_FORMAT_CHAR &&
		    !(c >= 0x1160 && c <= 0x11FF))	/* Hangul vowels and finals join */
			visible = true;
	}
	return visible ? 1 : 0;
}

static _Thread_local UBreakIterator *cluster_iter;
static _Thread_local UText *cluster_text;

/* At exit: closes the main thread's iterator (so that valgrind sees no leak). */
static void clusters_close(void)
{
	ubrk_close(cluster_iter);
	utext_close(cluster_text);
	cluster_iter = NULL;
	cluster_text = NULL;
}

/* The grapheme cluster iterator of this thread, set to s (valid UTF-8). */
static UBreakIterator *clusters(const char *s, size_t len)
{
	UErrorCode status = U_ZERO_ERROR;

	cluster_text = utext_openUTF8(cluster_text, s, (int64_t)len, &status);
	if (!cluster_iter && U_SUCCESS(status)) {
		cluster_iter = ubrk_open(UBRK_CHARACTER, "", NULL, 0, &status);
		static bool registered;
		if (!registered) {
			atexit(clusters_close);
			registered = true;
		}
	}
	if (U_SUCCESS(status))
		ubrk_setUText(cluster_iter, cluster_text, &status);
	if (U_FAILURE(status))
		vk_die(VK_EXIT_IOERR, "internal error: ICU grapheme clusters: %s",
		       u_errorName(status));
	return cluster_iter;
}

static bool ascii_only(const char *s, size_t *len)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p && *p < 0x80)
		p++;
	*len = (size_t)(p - (const unsigned char *)s) + strlen((const char *)p);
	return !*p;
}

size_t utf8_width(const char *s)
{
	size_t len, w = 0;
	UBreakIterator *bi;
	int32_t start, end;

	if (ascii_only(s, &len))
		return len;
	if (len > INT32_MAX)
		return len;
	bi = clusters(s, len);
	for (start = ubrk_first(bi); (end = ubrk_next(bi)) != UBRK_DONE; start = end)
		w += cluster_width(s, start, end);
	return w;
}

size_t utf8_prefix_for_width(const char *s, size_t cols)
{
	size_t len, w = 0;
	UBreakIterator *bi;
	int32_t start, end;

	if (ascii_only(s, &len))
		return len < cols ? len : cols;
	if (len > INT32_MAX)
		return 0;
	bi = clusters(s, len);
	for (start = ubrk_first(bi); (end = ubrk_next(bi)) != UBRK_DONE; start = end) {
		size_t cw = cluster_width(s, start, end);
		if (w + cw > cols)
			return (size_t)start;
		w += cw;
	}
	return len;
}

/* The length of the valid UTF-8 sequence at p (NUL-terminated), or 0 when none begins there. */
static size_t valid_sequence(const unsigned char *p)
{
	size_t n = p[0] < 0x80 ? 1 : p[0] >= 0xC2 && p[0] <= 0xDF ? 2 :
		   p[0] >= 0xE0 && p[0] <= 0xEF ? 3 : p[0] >= 0xF0 && p[0] <= 0xF4 ? 4 : 0;

	for (size_t i = 1; i < n; i++)
		if (!p[i])
			return 0;	/* cut short by the end */
	return n && utf8_valid((const char *)p, n, NULL) ? n : 0;
}

void utf8_add_shown(struct strbuf *sb, const char *s, size_t max_chars, bool quote)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t shown = 0;
	size_t base;	/* where the last character that is no combining mark begins in sb */

	if (quote)
		strbuf_addch(sb, '"');
	base = sb->len;
	while (*p) {
		size_t n = valid_sequence(p);
		UChar32 cp = 0xFFFD;

		if (n) {
			int32_t i = 0;
			U8_NEXT(p, i, (int32_t)n, cp);
		}
		int gc = n ? u_charType(cp) : 0;
		bool mark = n && cp >= 0x300 && (gc == U_NON_SPACING_MARK || gc == U_ENCLOSING_MARK);
		if (max_chars && shown == max_chars) {
			if (mark)
				strbuf_setlen(sb, base);	/* not between a letter and its accent */
			strbuf_addstr(sb, "…");
			break;
		}
		if (!mark)
			base = sb->len;
		shown++;
		if (!n) {
			strbuf_addf(sb, "\\x%02x", *p);
			p++;
			continue;
		}
		if (cp == '\n')
			strbuf_addstr(sb, "\\n");
		else if (cp == '\r')
			strbuf_addstr(sb, "\\r");
		else if (cp == '\t')
			strbuf_addstr(sb, "\\t");
		else if (cp < 0x20 || cp == 0x7f)
			strbuf_addf(sb, "\\x%02x", (unsigned)cp);
		else if ((cp >= 0x80 && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029)
			strbuf_addf(sb, "\\u%04x", (unsigned)cp);
		else if (quote && (cp == '"' || cp == '\\')) {
			strbuf_addch(sb, '\\');
			strbuf_addch(sb, (int)cp);
		} else
			strbuf_add(sb, p, n);
		p += n;
	}
	if (quote)
		strbuf_addch(sb, '"');
}

void utf8_addquoted(struct strbuf *sb, const char *s)
{
	utf8_add_shown(sb, s, UTF8_SHOWN_CHARS, true);
}

bool utf8_ascii_equal(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		int x = (unsigned char)*a, y = (unsigned char)*b;
		if (x >= 'A' && x <= 'Z')
			x += 'a' - 'A';
		if (y >= 'A' && y <= 'Z')
			y += 'a' - 'A';
		if (x != y)
			return false;
	}
	return *a == *b;
}

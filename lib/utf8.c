/* utf8.c: see utf8.h */
#include <stdint.h>
#include <string.h>
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
 * Decodes the character at p (NUL-terminated) into *cp and returns its
 * length. A byte that starts no valid sequence is taken alone as U+FFFD.
 */
static size_t decode(const unsigned char *p, uint32_t *cp)
{
	unsigned c = p[0];
	size_t n, i;
	uint32_t v;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		n = 1;
		v = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 2;
		v = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 3;
		v = c & 0x07;
	} else {
		goto bad;
	}
	for (i = 1; i <= n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			goto bad;
		v = v << 6 | (p[i] & 0x3F);
	}
	*cp = v;
	return n + 1;
bad:
	*cp = 0xFFFD;
	return 1;
}

static int cp_width(uint32_t c)
{
	if (c < 0x300)
		return 1;
	if (c <= 0x36F)
		return 0;
	if (c < 0x1100)
		return 1;
	if (c <= 0x115F)
		return 2;
	if (c < 0x1AB0)
		return 1;
	if (c <= 0x1AFF)
		return 0;
	if (c >= 0x1DC0 && c <= 0x1DFF)
		return 0;
	if (c >= 0x200B && c <= 0x200F)
		return 0;
	if (c >= 0x20D0 && c <= 0x20FF)
		return 0;
	if (c >= 0x2E80 && c <= 0xA4CF)
		return c == 0x303F ? 1 : 2;
	if (c >= 0xAC00 && c <= 0xD7A3)
		return 2;
	if (c >= 0xF900 && c <= 0xFAFF)
		return 2;
	if (c >= 0xFE00 && c <= 0xFE0F)
		return 0;	/* variation selectors */
	if (c >= 0xFE20 && c <= 0xFE2F)
		return 0;
	if (c >= 0xFE30 && c <= 0xFE4F)
		return 2;
	if (c == 0xFEFF)
		return 0;	/* zero width no-break space */
	if (c >= 0xFF00 && c <= 0xFF60)
		return 2;
	if (c >= 0xFFE0 && c <= 0xFFE6)
		return 2;
	if (c >= 0x1F300 && c <= 0x1F64F)
		return 2;
	if (c >= 0x1F900 && c <= 0x1F9FF)
		return 2;
	if (c >= 0x20000 && c <= 0x3FFFD)
		return 2;
	return 1;
}

size_t utf8_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t w = 0;
	uint32_t cp;

	for (;;) {
		while (*p && *p < 0x80) {
			p++;
			w++;
		}
		if (!*p)
			return w;
		p += decode(p, &cp);
		w += (size_t)cp_width(cp);
	}
}

size_t utf8_prefix_for_width(const char *s, size_t cols)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t w = 0;

	while (*p) {
		uint32_t cp;
		size_t n = decode(p, &cp);
		size_t cw = (size_t)cp_width(cp);

		if (w + cw > cols)
			break;
		w += cw;
		p += n;
	}
	return (size_t)(p - (const unsigned char *)s);
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
		uint32_t cp = 0xFFFD;

		if (n)
			decode(p, &cp);
		bool mark = n && cp >= 0x300 && cp_width(cp) == 0;
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

/* tsv.c: see tsv.h */
#include <string.h>
#include "strbuf.h"
#include "tsv.h"

/* The byte after the backslash that stands for c, or 0 when c is written as it is. */
static char escape_of(char c)
{
	switch (c) {
	case '\\':
		return '\\';
	case '\t':
		return 't';
	case '\n':
		return 'n';
	case '\r':
		return 'r';
	default:
		return 0;
	}
}

void vk_tsv_escape(struct strbuf *out, const char *s, size_t len)
{
	const char *end = s + len, *run = s;

	for (const char *p = s; p < end; p++) {
		char e = escape_of(*p);

		if (!e)
			continue;
		strbuf_add(out, run, (size_t)(p - run));
		strbuf_addch(out, '\\');
		strbuf_addch(out, e);
		run = p + 1;
	}
	strbuf_add(out, run, (size_t)(end - run));
}

size_t vk_tsv_unescape(char *s, size_t len)
{
	char *p = memchr(s, '\\', len), *end = s + len, *to;

	if (!p)
		return len;
	to = p;
	while (p < end) {
		char c;

		if (*p != '\\') {
			*to++ = *p++;
			continue;
		}
		if (p + 1 == end) {
			*to++ = *p++;	/* a backslash that ends the field stays */
			break;
		}
		switch (p[1]) {
		case '\\':
			c = '\\';
			break;
		case 't':
			c = '\t';
			break;
		case 'n':
			c = '\n';
			break;
		case 'r':
			c = '\r';
			break;
		default:
			c = 0;	/* not an escape: both stay */
			break;
		}
		if (c) {
			*to++ = c;
			p += 2;
		} else {
			*to++ = *p++;
			*to++ = *p++;
		}
	}
	return (size_t)(to - s);
}

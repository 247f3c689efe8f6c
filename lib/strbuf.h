/*
 * strbuf.h: a growable, NUL-terminated byte buffer (after git's strbuf).
 *
 * The buffer owns sb->buf. sb->buf is always a valid C string, also
 * right after STRBUF_INIT or strbuf_init() (it then points to a shared
 * empty string that must not be written: use the functions below).
 * strbuf_release() frees it and leaves sb ready for reuse.
 */
#ifndef VK_STRBUF_H
#define VK_STRBUF_H

#include <stdarg.h>
#include <string.h>
#include <stddef.h>

extern char strbuf_empty[];

struct strbuf {
	size_t len;	/* bytes in use, not counting the NUL */
	size_t alloc;	/* bytes allocated; 0 while buf is strbuf_empty */
	char *buf;
};

#define STRBUF_INIT { 0, 0, strbuf_empty }

void strbuf_init(struct strbuf *sb, size_t hint);
void strbuf_release(struct strbuf *sb);
/* Makes the buffer empty, keeping its memory. */
void strbuf_reset(struct strbuf *sb);
/* Makes room for extra more bytes (plus the NUL). */
void strbuf_grow(struct strbuf *sb, size_t extra);
/* Returns the string and hands its ownership to the caller (free(3) it). */
char *strbuf_detach(struct strbuf *sb, size_t *len);

/*
 * strbuf_add and strbuf_addch are inline: the JSON and CSV writers add a
 * few bytes at a time, a million rows over. alloc - len is the room left
 * (alloc >= len + 1 once allocated; both 0 before).
 */
static inline void strbuf_add(struct strbuf *sb, const void *data, size_t len)
{
	if (!len)
		return;
	if (sb->alloc - sb->len <= len)
		strbuf_grow(sb, len);
	memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
}

static inline void strbuf_addch(struct strbuf *sb, int c)
{
	if (sb->alloc - sb->len <= 1)
		strbuf_grow(sb, 1);
	sb->buf[sb->len++] = (char)c;
	sb->buf[sb->len] = '\0';
}

void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
void strbuf_setlen(struct strbuf *sb, size_t len);

#endif

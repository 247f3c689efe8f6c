/* problems.c: see problems.h */
#include <stdarg.h>
#include <stdlib.h>
#include "error.h"
#include "problems.h"
#include "utf8.h"

void vk_problems_add(struct vk_problems *p, const char *field, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	if (p->count == p->alloc) {
		p->alloc = p->alloc ? p->alloc * 2 : 8;
		p->items = vk_realloc(p->items, p->alloc * sizeof(*p->items));
	}
	p->items[p->count].field = NULL;
	if (field) {
		/* a key of the input, when it is no field: shown as messages show values */
		struct strbuf f = STRBUF_INIT;
		utf8_add_shown(&f, field, UTF8_SHOWN_CHARS, false);
		p->items[p->count].field = strbuf_detach(&f, NULL);
	}
	p->items[p->count].message = strbuf_detach(&sb, NULL);
	p->count++;
}

void vk_problems_clear(struct vk_problems *p)
{
	for (size_t i = 0; i < p->count; i++) {
		free(p->items[i].field);
		free(p->items[i].message);
	}
	free(p->items);
	p->items = NULL;
	p->count = p->alloc = 0;
}

void vk_problem_format(const struct vk_problems *p, size_t i, struct strbuf *out)
{
	if (p->items[i].field)
		strbuf_addf(out, "%s: ", p->items[i].field);
	strbuf_addstr(out, p->items[i].message);
}

/*
 * problems.h: problems found in records. Each names a field (or none)
 * and says what is wrong; the list owns its strings.
 */
#ifndef VK_PROBLEMS_H
#define VK_PROBLEMS_H

#include <stddef.h>
#include "strbuf.h"

struct vk_problem {
	char *field;	/* NULL when the problem is not one field's */
	char *message;
};

struct vk_problems {
	struct vk_problem *items;
	size_t count, alloc;
};

#define VK_PROBLEMS_INIT { NULL, 0, 0 }

/*
 * Appends a problem of field (NULL: of none) to p, its message made as
 * printf makes it. A field that is a key of the input is kept as
 * messages show values (cut, control characters escaped).
 */
void vk_problems_add(struct vk_problems *p, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Frees the problems of p and empties it; p may be used again. */
void vk_problems_clear(struct vk_problems *p);
/* Appends "field: message" (or "message") of problem i to out. */
void vk_problem_format(const struct vk_problems *p, size_t i, struct strbuf *out);

#endif

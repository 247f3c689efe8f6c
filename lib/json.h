/*
 * json.h: JSON text of vk's values, written fast. Byte for byte what
 * jansson's json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY) writes (UTF-8
 * kept, '/' not escaped, keys in the object's order), without its
 * per-character callback: the history of an import writes one object a
 * row, and JSON output one a record. A real is the exception: it is
 * written as number.h writes it, in the fewest digits that read back
 * (0.1, where jansson writes 0.10000000000000001), a whole one without
 * ".0" (42).
 */
#ifndef VK_JSON_H
#define VK_JSON_H

#include <jansson.h>
#include "strbuf.h"

/* Appends the compact JSON text of v to sb. */
void vk_json_append(struct strbuf *sb, json_t *v);

/* Appends s (len bytes of UTF-8) to sb as a JSON string. */
void vk_json_append_string(struct strbuf *sb, const char *s, size_t len);

/* The compact JSON text of v, malloc'd (free(3) it). */
char *vk_json_text(json_t *v);

#endif

/* json.c: see json.h */
#include <stdlib.h>
#include <stdbool.h>
#include <string.h>
#include "error.h"
#include "json.h"
#include "number.h"

void vk_json_append_string(struct strbuf *sb, const char *s, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";	/* as jansson writes */
	size_t run = 0;

	strbuf_grow(sb, len + 2);
	strbuf_addch(sb, '"');
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *esc = NULL;
		char u[7];

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		/* the bytes before this one need no escape: copy them at once */
		strbuf_add(sb, s + run, i - run);
		run = i + 1;
		switch (c) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\b': esc = "\\b"; break;
		case '\f': esc = "\\f"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		default:
			memcpy(u, "\\u00", 4);
			u[4] = hex[c >> 4];
			u[5] = hex[c & 15];
			u[6] = '\0';
			esc = u;
		}
		strbuf_addstr(sb, esc);
	}
	strbuf_add(sb, s + run, len - run);
	strbuf_addch(sb, '"');
}

void vk_json_append(struct strbuf *sb, json_t *v)
{
	size_t i;
	json_t *item;
	const char *key;
	bool first = true;

	switch (json_typeof(v)) {
	case JSON_OBJECT:
		strbuf_addch(sb, '{');
		json_object_foreach(v, key, item) {
			if (!first)
				strbuf_addch(sb, ',');
			first = false;
			vk_json_append_string(sb, key, strlen(key));
			strbuf_addch(sb, ':');
			vk_json_append(sb, item);
		}
		strbuf_addch(sb, '}');
		break;
	case JSON_ARRAY:
		strbuf_addch(sb, '[');
		json_array_foreach(v, i, item) {
			if (i)
				strbuf_addch(sb, ',');
			vk_json_append(sb, item);
		}
		strbuf_addch(sb, ']');
		break;
	case JSON_STRING:
		vk_json_append_string(sb, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
		strbuf_addf(sb, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		break;
	case JSON_REAL: {
		/* a decimal number: the fewest digits that read back, a '.' whatever the locale */
		char buf[VK_NUMBER_SIZE];
		strbuf_addstr(sb, vk_number_format(json_real_value(v), buf));
		break;
	}
	case JSON_TRUE:
		strbuf_addstr(sb, "true");
		break;
	case JSON_FALSE:
		strbuf_addstr(sb, "false");
		break;
	default:
		strbuf_addstr(sb, "null");
	}
}

char *vk_json_text(json_t *v)
{
	struct strbuf sb = STRBUF_INIT;

	vk_json_append(&sb, v);
	return strbuf_detach(&sb, NULL);
}

/* history.c: see history.h */
#include <string.h>
#include "error.h"
#include "json.h"
#include "history.h"
#include "utf8.h"
#include "writer.h"

static bool empty_value(json_t *v)
{
	return !v || json_is_null(v) || (json_is_array(v) && !json_array_size(v)) ||
	       (json_is_object(v) && !json_object_size(v));
}

size_t vk_history_diff(const struct vk_entity *e, json_t *old, json_t *new_record,
		       json_t **before, json_t **after)
{
	size_t n = 0;

	*before = json_object();
	*after = json_object();
	for (size_t i = 0; i < e->nfields; i++) {
		const struct vk_field *f = &e->fields[i];
		json_t *a = json_object_get(old, f->name);
		json_t *b = json_object_get(new_record, f->name);

		if (f->type == VK_FIELD_TIMESTAMP || f->type == VK_FIELD_ID)
			continue;
		if (empty_value(a) && empty_value(b))
			continue;
		if (a && b && json_equal(a, b))
			continue;
		json_object_set_new(*before, f->name, a ? json_incref(a) : json_null());
		json_object_set_new(*after, f->name, b ? json_incref(b) : json_null());
		n++;
	}
	return n;
}

/* Appends v as a change shows it, cut after max_chars characters (0: whole). */
static void describe_value(json_t *v, struct strbuf *out, size_t max_chars)
{
	if (empty_value(v)) {
		strbuf_addstr(out, "(none)");
	} else if (json_is_string(v)) {
		utf8_add_shown(out, json_string_value(v), max_chars, true);
	} else {
		/* a list or headcount as JSON: already on one line */
		char *text = vk_json_text(v);
		utf8_add_shown(out, text, max_chars, false);
		free(text);
	}
}

static void describe(json_t *before, json_t *after, struct strbuf *out, size_t max_chars)
{
	const char *key;
	json_t *v;
	bool first = true;

	/* the keys of after, then any only in before */
	json_object_foreach(after, key, v) {
		if (!first)
			strbuf_addstr(out, "; ");
		first = false;
		strbuf_addf(out, "%s: ", key);
		if (before && json_object_get(before, key)) {
			describe_value(json_object_get(before, key), out, max_chars);
			strbuf_addstr(out, " -> ");
		}
		describe_value(v, out, max_chars);
	}
	json_object_foreach(before, key, v) {
		if (after && json_object_get(after, key))
			continue;
		if (!first)
			strbuf_addstr(out, "; ");
		first = false;
		strbuf_addf(out, "%s: ", key);
		describe_value(v, out, max_chars);
	}
}

void vk_history_describe(json_t *before, json_t *after, struct strbuf *out)
{
	describe(before, after, out, UTF8_SHOWN_CHARS);
}

/*
 * In CSV and TSV an event's before and after are each one cell of JSON
 * text, which a script can read back whole: as key=value;... a list's own
 * ';' and a text holding '=' could not be told apart.
 */
static void cells_as_json(json_t *ev)
{
	static const char *const keys[] = { "before", "after" };

	for (size_t i = 0; i < 2; i++) {
		json_t *v = json_object_get(ev, keys[i]);
		if (v && !json_is_null(v)) {
			char *text = vk_json_text(v);
			json_object_set_new(ev, keys[i], json_string(text));
			free(text);
		}
	}
}

size_t vk_history_print(struct vk_store *s, const struct vk_writer_options *out,
			const char *entity, long long id)
{
	static const char *const columns[] = {
		"id", "at", "user", "entity", "entity_id", "action", "before", "after"
	};
	enum vk_format format = out->format;
	/* for a person, one line an event with its changes in full */
	bool lines = format == VK_FORMAT_TABLE;
	struct vk_writer *w = lines ? NULL : vk_writer_open(stdout, out, columns, 8);
	struct vk_cursor *c = vk_store_events(s, entity, id);
	struct strbuf changes = STRBUF_INIT;
	json_t *ev;
	size_t n = 0;

	while ((ev = vk_cursor_next(c))) {
		int rc;
		if (lines) {
			strbuf_reset(&changes);
			/* the record of what changed: every value whole */
			describe(json_object_get(ev, "before"), json_object_get(ev, "after"),
				 &changes, 0);
			rc = printf("%s  %s  %s %s %lld  %s\n",
				    json_string_value(json_object_get(ev, "at")),
				    json_string_value(json_object_get(ev, "user")),
				    json_string_value(json_object_get(ev, "action")),
				    json_string_value(json_object_get(ev, "entity")),
				    (long long)json_integer_value(json_object_get(ev, "entity_id")),
				    changes.buf) < 0 ? -1 : 0;
		} else {
			if (format == VK_FORMAT_CSV || format == VK_FORMAT_TSV)
				cells_as_json(ev);
			rc = vk_writer_row(w, ev);
		}
		json_decref(ev);
		if (rc < 0)
			vk_die(VK_EXIT_IOERR, "write error on standard output");
		n++;
	}
	vk_cursor_close(c);
	strbuf_release(&changes);
	if (w && vk_writer_close(w) < 0)
		vk_die(VK_EXIT_IOERR, "write error on standard output");
	return n;
}

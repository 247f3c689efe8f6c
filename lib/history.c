/* history.c: see history.h */
#include <string.h>
#include "error.h"
#include "json.h"
#include "history.h"
#include "record.h"
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

size_t vk_history_print(struct vk_store *s, struct vk_context *ctx, const char *entity,
			long long id)
{
	static const char *const columns[] = {
		"id", "at", "user", "entity", "entity_id", "action", "before", "after"
	};
	enum vk_format format = vk_output_format(ctx);
	struct vk_writer_options wo = { format, ctx->excel, ctx->raw };
	/* for a person, one line an event with its changes in full */
	bool lines = format == VK_FORMAT_TABLE;
	struct vk_writer *w = lines ? NULL : vk_writer_open(stdout, &wo, columns, 8);
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

/*
 * Erases the personal fields of a stakeholder's values in obj: in the
 * record (keep_keys) the name becomes "forgotten" and the rest null; in
 * the history the keys go, so that not even which fields held something
 * is kept.
 */
static bool scrub_personal(json_t *obj, bool keep_keys)
{
	bool changed = false;

	if (!json_is_object(obj))
		return false;
	for (size_t i = 0; i < vk_entity_stakeholder.nfields; i++) {
		const struct vk_field *f = &vk_entity_stakeholder.fields[i];
		json_t *v = json_object_get(obj, f->name);
		if (!(f->flags & VK_PERSONAL) || !v)
			continue;
		if (!keep_keys) {
			json_object_del(obj, f->name);
			changed = true;
		} else if (f->flags & VK_REQUIRED) {
			if (!json_is_string(v) || strcmp(json_string_value(v), "forgotten")) {
				json_object_set_new(obj, f->name, json_string("forgotten"));
				changed = true;
			}
		} else if (!json_is_null(v)) {
			json_object_set_new(obj, f->name, json_null());
			changed = true;
		}
	}
	return changed;
}

/*
 * Removes an input's attribution (source) and its link to the person: set
 * to null in the record (keep_keys), gone from the history.
 */
static bool scrub_input(json_t *obj, bool keep_keys)
{
	static const char *const keys[] = { "source", "stakeholder" };
	bool changed = false;

	if (!json_is_object(obj))
		return false;
	for (size_t i = 0; i < 2; i++) {
		json_t *v = json_object_get(obj, keys[i]);
		if (!v || (keep_keys && json_is_null(v)))
			continue;
		if (keep_keys)
			json_object_set_new(obj, keys[i], json_null());
		else
			json_object_del(obj, keys[i]);
		changed = true;
	}
	return changed;
}

static bool refers_to(json_t *obj, long long id)
{
	json_t *v = json_object_get(obj, "stakeholder");

	return json_is_integer(v) && json_integer_value(v) == id;
}

/*
 * Erases stakeholder id from the history: their own events, and the
 * events of inputs that named them (those in `inputs`, ids of inputs
 * linked to them now, may be NULL). Returns how many events changed.
 */
static size_t scrub_history(struct vk_store *s, long long id, json_t *inputs)
{
	struct vk_cursor *c;
	json_t *ev;
	size_t i, changed_events = 0;

	/* the adds kept as runs hold no values: their record is already scrubbed */
	c = vk_store_event_rows(s);
	json_t *rewrites = json_array();
	while ((ev = vk_cursor_next(c))) {
		const char *entity = json_string_value(json_object_get(ev, "entity"));
		long long eid = json_integer_value(json_object_get(ev, "entity_id"));
		json_t *before = json_object_get(ev, "before");
		json_t *after = json_object_get(ev, "after");
		bool changed = false;

		if (!strcmp(entity, "stakeholder") && eid == id) {
			changed = scrub_personal(before, false);
			changed = scrub_personal(after, false) || changed;
		} else if (!strcmp(entity, "input")) {
			bool linked = refers_to(before, id) || refers_to(after, id);
			for (size_t k = 0; inputs && !linked && k < json_array_size(inputs); k++)
				linked = json_integer_value(json_array_get(inputs, k)) == eid;
			if (linked) {
				changed = scrub_input(before, false);
				changed = scrub_input(after, false) || changed;
			}
		}
		if (changed) {
			changed_events++;
			json_array_append_new(rewrites, json_pack("[IOO]", (json_int_t)json_integer_value(
				json_object_get(ev, "id")), before, after));
		}
		json_decref(ev);
	}
	vk_cursor_close(c);
	json_array_foreach(rewrites, i, ev)
		vk_store_rewrite_event(s, json_integer_value(json_array_get(ev, 0)),
				       json_array_get(ev, 1), json_array_get(ev, 2));
	json_decref(rewrites);

	return changed_events;
}

int vk_history_forget(struct vk_store *s, long long id)
{
	json_t *old = vk_store_get(s, &vk_entity_stakeholder, id);
	json_t *inputs = json_array();	/* ids of inputs linked to the person now */
	struct vk_cursor *c;
	struct vk_filter by_person = { "stakeholder", VK_OP_EQ, NULL };
	struct vk_query q = { &vk_entity_input, &by_person, 1, NULL, false, 0 };

	if (!old) {
		/* removed, but the history may still hold them: erase it there */
		json_decref(inputs);
		if (!vk_store_count_events(s, "stakeholder", id))
			return 1;
		return scrub_history(s, id, NULL) ? 0 : 2;
	}
	{
		json_t *copy = json_deep_copy(old);
		bool changed = scrub_personal(copy, true);
		json_t *id_json = json_integer(id);
		struct vk_filter linked = { "stakeholder", VK_OP_EQ, id_json };
		struct vk_query lq = { &vk_entity_input, &linked, 1, NULL, false, 0 };
		bool has_inputs = vk_store_count(s, &lq) > 0;
		json_decref(id_json);
		json_decref(copy);
		if (!changed && !has_inputs && !strcmp(json_string_value(json_object_get(old, "name")), "forgotten")) {
			json_decref(inputs);
			json_decref(old);
			return 2;
		}
	}

	/* the record itself */
	json_t *record = json_deep_copy(old);
	scrub_personal(record, true);
	vk_store_update(s, &vk_entity_stakeholder, record);
	json_decref(record);

	/* their inputs keep text and themes, lose the link and attribution */
	by_person.value = json_integer(id);
	c = vk_store_query(s, &q);
	json_t *input;
	while ((input = vk_cursor_next(c))) {
		json_array_append(inputs, json_object_get(input, "id"));
		json_decref(input);
	}
	vk_cursor_close(c);
	json_decref(by_person.value);
	size_t i;
	json_t *iid;
	json_array_foreach(inputs, i, iid) {
		json_t *rec = vk_store_get(s, &vk_entity_input, json_integer_value(iid));
		scrub_input(rec, true);
		vk_store_update(s, &vk_entity_input, rec);
		json_decref(rec);
	}

	scrub_history(s, id, inputs);

	json_t *after = json_pack("{ss}", "name", "forgotten");
	vk_store_add_event(s, "stakeholder", id, "forget", NULL, after);
	json_decref(after);
	json_decref(inputs);
	json_decref(old);
	return 0;
}

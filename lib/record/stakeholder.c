/*
 * stakeholder.c: a person who takes part in the process, and forget,
 * which erases one from the record, the history and the file.
 */
#include <string.h>
#include "record.h"
#include "record/internal.h"
#include "utf8.h"

/* Adds a problem and returns false when s (len bytes) is no e-mail address. */
static bool check_email(const struct vk_field *f, const char *s, size_t len,
			struct vk_problems *pr)
{
	const char *at = strchr(s, '@');

	(void)len;
	if (!at || at == s || !at[1] || strchr(at + 1, '@') || strpbrk(s, " \t\r\n,;<>")) {
		struct strbuf sb = STRBUF_INIT;
		utf8_addquoted(&sb, s);
		vk_problems_add(pr, f->name, "%s is not an e-mail address", sb.buf);
		strbuf_release(&sb);
		return false;
	}
	return true;
}

/* Adds a problem and returns false when s (len bytes) is no telephone number. */
static bool check_phone(const struct vk_field *f, const char *s, size_t len,
			struct vk_problems *pr)
{
	(void)len;
	if (s[strspn(s, "0123456789 +-().")] || !strpbrk(s, "0123456789")) {
		struct strbuf sb = STRBUF_INIT;
		utf8_addquoted(&sb, s);
		vk_problems_add(pr, f->name, "%s is not a telephone number (digits, spaces, + - . ( ))", sb.buf);
		strbuf_release(&sb);
		return false;
	}
	return true;
}

static const struct vk_field stakeholder_fields[] = {
	{ .name = "id", .type = VK_FIELD_ID, .flags = VK_READONLY },
	{ .name = "name", .type = VK_FIELD_TEXT, .flags = VK_REQUIRED | VK_PERSONAL | VK_TITLE,
	  .argname = "NAME", .help = "full name" },
	{ .name = "group", .type = VK_FIELD_ENUM, .vocab = &vk_vocab_group,
	  .argname = "GROUP" },
	{ .name = "organisation", .type = VK_FIELD_TEXT, .argname = "ORG",
	  .help = "organisation, department or unit" },
	{ .name = "town", .type = VK_FIELD_TEXT, .argname = "TOWN", .help = "town or settlement" },
	{ .name = "email", .type = VK_FIELD_TEXT, .flags = VK_PERSONAL, .argname = "ADDRESS",
	  .help = "e-mail address", .check_text = check_email },
	{ .name = "phone", .type = VK_FIELD_TEXT, .flags = VK_PERSONAL, .argname = "NUMBER",
	  .help = "telephone number", .check_text = check_phone },
	{ .name = "roles", .type = VK_FIELD_ENUM_LIST, .vocab = &vk_vocab_role, .option = "role",
	  .argname = "ROLE" },
	{ .name = "allocation", .type = VK_FIELD_INT, .argname = "PERCENT",
	  .help = "share of working time allocated to the process, 0-100", .min = 0, .max = 100 },
	{ .name = "influence", .type = VK_FIELD_ENUM, .vocab = &vk_vocab_level,
	  .argname = "LEVEL" },
	{ .name = "interest", .type = VK_FIELD_ENUM, .vocab = &vk_vocab_level,
	  .argname = "LEVEL" },
	{ .name = "tags", .type = VK_FIELD_TEXT_LIST, .option = "tag", .argname = "TAG",
	  .help = "a free word (repeat for more)" },
	{ .name = "notes", .type = VK_FIELD_TEXT, .flags = VK_PERSONAL, .argname = "TEXT",
	  .help = "notes" },
	{ .name = "created", .type = VK_FIELD_TIMESTAMP, .flags = VK_READONLY },
	{ .name = "updated", .type = VK_FIELD_TIMESTAMP, .flags = VK_READONLY },
};

static const char *const stakeholder_brief[] = {
	"id", "name", "group", "organisation", "town", "roles", NULL
};

static const struct vk_list_filter stakeholder_filters[] = {
	{ .option = "not-heard", .help = "named in no engagement (since the date of --since)",
	  .kind = VK_LF_NOT_NAMED, .by = "engagement", .field = "participants", .field2 = "date" },
	{ .option = "since", .argname = "DATE",
	  .help = "--not-heard: named in no engagement on or after DATE",
	  .kind = VK_LF_NOT_NAMED_SINCE, .of = "not-heard", .side = VK_DATE_START },
	{ .option = NULL }
};

const struct vk_entity vk_entity_stakeholder = {
	.name = "stakeholder", .plural = "stakeholders",
	.fields = stakeholder_fields, .nfields = ARRAY_SIZE(stakeholder_fields),
	.brief = stakeholder_brief, .filters = stakeholder_filters,
};

/* ---- forget ---- */

/*
 * Erases the fields of e marked flag in obj (a record or an event's
 * before or after): in a record (keep_keys) a required one becomes
 * "forgotten" and the rest null; in the history the keys go, so that not
 * even which fields held something is kept. Returns whether obj changed.
 */
static bool scrub(const struct vk_entity *e, unsigned flag, json_t *obj, bool keep_keys)
{
	bool changed = false;

	if (!json_is_object(obj))
		return false;
	for (size_t i = 0; i < e->nfields; i++) {
		const struct vk_field *f = &e->fields[i];
		json_t *v = json_object_get(obj, f->name);
		if (!(f->flags & flag) || !v)
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

/* The person's own values in obj. */
static bool scrub_personal(json_t *obj, bool keep_keys)
{
	return scrub(&vk_entity_stakeholder, VK_PERSONAL, obj, keep_keys);
}

/* An input's attribution (source) and its link to the person. */
static bool scrub_input(json_t *obj, bool keep_keys)
{
	return scrub(&vk_entity_input, VK_ATTRIBUTION, obj, keep_keys);
}

/* Whether input values obj link to stakeholder id. */
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

		if (!strcmp(entity, vk_entity_stakeholder.name) && eid == id) {
			changed = scrub_personal(before, false);
			changed = scrub_personal(after, false) || changed;
		} else if (!strcmp(entity, vk_entity_input.name)) {
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

enum vk_forget_result vk_stakeholder_forget(struct vk_store *s, long long id)
{
	json_t *old = vk_store_get(s, &vk_entity_stakeholder, id);
	json_t *inputs = json_array();	/* ids of inputs linked to the person now */
	struct vk_cursor *c;
	struct vk_filter by_person = { "stakeholder", VK_OP_EQ, NULL };
	struct vk_query q = { &vk_entity_input, &by_person, 1, NULL, false, 0 };

	if (!old) {
		/* removed, but the history may still hold them: erase it there */
		json_decref(inputs);
		if (!vk_store_count_events(s, vk_entity_stakeholder.name, id))
			return VK_FORGET_NONE;
		return scrub_history(s, id, NULL) ? VK_FORGOTTEN : VK_FORGET_ALREADY;
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
			return VK_FORGET_ALREADY;
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
	vk_store_add_event(s, vk_entity_stakeholder.name, id, "forget", NULL, after);
	json_decref(after);
	json_decref(inputs);
	json_decref(old);
	return VK_FORGOTTEN;
}

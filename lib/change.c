/* change.c: see change.h */
#include <stdlib.h>
#include <string.h>
#include "change.h"
#include "error.h"
#include "history.h"

/*
 * The time now as a JSON string, one object a second: an import sets it
 * twice a row. Kept until exit; for the storing thread only.
 */
static json_t *now_string(void)
{
	static json_t *now;
	static char text[VK_TIMESTAMP_SIZE];
	char buf[VK_TIMESTAMP_SIZE];

	vk_timestamp_now(buf);
	if (!now || strcmp(buf, text)) {
		json_decref(now);
		now = json_string(buf);
		memcpy(text, buf, sizeof(text));
	}
	return now;
}

static void set_timestamps(const struct vk_entity *e, json_t *record, bool adding)
{
	for (size_t i = 0; i < e->nfields; i++) {
		const struct vk_field *f = &e->fields[i];
		bool created;

		if (f->type != VK_FIELD_TIMESTAMP)
			continue;
		created = !strcmp(f->name, "created");
		/* one lookup for both the get and the set (a million rows) */
		void *it = json_object_iter_at(record, f->name);
		json_t *v = it ? json_object_iter_value(it) : NULL;
		if (!(created ? adding && (!v || json_is_null(v)) : !adding || !v || json_is_null(v)))
			continue;
		if (it)
			json_object_iter_set_new(record, it, json_incref(now_string()));
		else
			json_object_set_new_nocheck(record, f->name, json_incref(now_string()));
	}
}

static void check_one_ref(struct vk_store *s, const struct vk_entity *e, const struct vk_field *f,
			  json_t *id, long long self, struct vk_problems *pr)
{
	const struct vk_entity *target = vk_entity_by_name(f->ref);

	if (!json_is_integer(id))
		return;
	if (self && target == e && json_integer_value(id) == self) {
		vk_problems_add(pr, f->name, "a %s cannot refer to itself", f->ref);
		return;
	}
	if (!vk_store_exists(s, target, json_integer_value(id)))
		vk_problems_add(pr, f->name, "there is no %s %lld", f->ref,
				(long long)json_integer_value(id));
}

void vk_change_check_refs(struct vk_store *s, const struct vk_entity *e, json_t *record,
			  struct vk_problems *pr)
{
	long long self = -1;	/* looked up at the first reference: most fields are none */

	for (size_t i = 0; i < e->nfields; i++) {
		const struct vk_field *f = &e->fields[i];
		json_t *v;
		size_t k;
		json_t *item;

		if (f->type != VK_FIELD_REF && f->type != VK_FIELD_REF_LIST)
			continue;
		if (self < 0)
			self = json_integer_value(json_object_get(record, "id"));
		v = json_object_get(record, f->name);
		if (f->type == VK_FIELD_REF)
			check_one_ref(s, e, f, v, self, pr);
		else if (f->type == VK_FIELD_REF_LIST)
			json_array_foreach(v, k, item)
				check_one_ref(s, e, f, item, self, pr);
	}
}

/*
 * Checks the references of record: with pending NULL they are problems;
 * otherwise a reference to a record that does not exist (yet) only sets
 * *pending. Returns whether check_store may run (the references hold).
 */
static bool check_refs(struct vk_store *s, const struct vk_entity *e, json_t *record,
		       struct vk_problems *pr, bool *pending)
{
	struct vk_problems refs = VK_PROBLEMS_INIT;

	vk_change_check_refs(s, e, record, pending ? &refs : pr);
	if (!pending)
		return true;
	if (refs.count)
		*pending = true;
	vk_problems_clear(&refs);
	return !*pending;
}

void vk_change_complete(const struct vk_entity *e, json_t *values, struct vk_problems *pr)
{
	/* the timestamps first: then filling finds them and adds two keys fewer */
	set_timestamps(e, values, true);
	vk_record_fill_fields(e, values);
	vk_record_set_initial(e, values);
	vk_record_check(e, values, pr);
}

static long long add(struct vk_store *s, const struct vk_entity *e, json_t *values,
		     struct vk_problems *pr, bool *pending)
{
	size_t before = pr->count;
	json_t *record = values;
	json_t *id;
	long long new_id = 0;

	vk_change_complete(e, record, pr);
	/* names of other records (a theme) in the spelling they have */
	if (e->resolve && pr->count == before)
		e->resolve(s, e, NULL, record, pr);
	id = json_object_get(record, "id");
	if (json_is_integer(id) && vk_store_id_used(s, e, json_integer_value(id)))
		vk_problems_add(pr, "id", "%s %lld exists or existed; ids are never reused",
				e->name, (long long)json_integer_value(id));
	bool refs_hold = check_refs(s, e, record, pr, pending);
	if (pr->count == before && refs_hold && e->check_store)
		e->check_store(s, e, record, pr);
	if (pr->count == before) {
		new_id = vk_store_insert(s, e, record);
		if (json_integer_value(id) != new_id)
			json_object_set_new(record, "id", json_integer(new_id));
		/* no copy of the record: the store keeps it until its first change */
		vk_store_add_event_text(s, e->name, new_id, "add", NULL, NULL);
#ifdef VK_SELF_CHECK
		/*
		 * The record read back is the record added. Only the test builds
		 * do this (Makefile, SELF_CHECK): it makes an import half again
		 * as slow.
		 */
		json_t *stored = vk_store_get(s, e, new_id);
		char *as_added = vk_record_history_text(e, record);
		char *as_stored = vk_record_history_text(e, stored);
		if (strcmp(as_added, as_stored)) {
			vk_warn("self-check: %s %lld read back differs from the record added:\n%s\n%s",
				e->name, new_id, as_added, as_stored);
			abort();
		}
		free(as_added);
		free(as_stored);
		json_decref(stored);
#endif
	}
	return new_id;
}

long long vk_change_add(struct vk_store *s, const struct vk_entity *e, json_t *values,
			struct vk_problems *pr)
{
	return add(s, e, values, pr, NULL);
}

long long vk_change_add_pending(struct vk_store *s, const struct vk_entity *e, json_t *values,
				struct vk_problems *pr, bool *pending)
{
	*pending = false;
	return add(s, e, values, pr, pending);
}

void vk_change_recheck(struct vk_store *s, const struct vk_entity *e, long long id,
		       struct vk_problems *pr)
{
	json_t *record = vk_store_get(s, e, id);
	size_t before = pr->count;

	if (!record)
		return;
	vk_change_check_refs(s, e, record, pr);
	if (pr->count == before && e->check_store)
		e->check_store(s, e, record, pr);
	json_decref(record);
}

static int update(struct vk_store *s, const struct vk_entity *e, json_t *old, json_t *changes,
		  const char *action, json_t *note, bool force, struct vk_problems *pr,
		  json_t **before_out, json_t **after_out, bool *pending)
{
	size_t nproblems = pr->count;
	json_t *merged = json_deep_copy(old);
	json_t *extra = note ? json_copy(note) : json_object();	/* the event's keys beyond the fields */
	json_t *before, *after;
	const char *key;
	json_t *v;
	int rc = -1;

	/* names of other records given (a theme) in the spelling they have */
	json_t *given = e->resolve ? json_deep_copy(changes) : json_incref(changes);
	if (e->resolve)
		e->resolve(s, e, old, given, pr);
	json_object_foreach(given, key, v) {
		const struct vk_field *f = vk_entity_field(e, key);
		if (!f || f->type == VK_FIELD_ID || f->type == VK_FIELD_TIMESTAMP)
			continue;
		if ((f->flags & VK_READONLY) && !json_equal(v, json_object_get(old, key))) {
			vk_problems_add(pr, f->name, "is set when the %s is added and never changes",
					e->name);
			continue;
		}
		if (json_is_null(v) && vk_field_is_list(f))
			json_object_set_new(merged, key, json_array());
		else if (json_is_null(v) && f->type == VK_FIELD_COUNTS)
			json_object_set_new(merged, key, json_object());
		else
			json_object_set(merged, key, v);
	}
	vk_record_check(e, merged, pr);
	if (pr->count != nproblems)
		goto out;
	size_t n = vk_history_diff(e, old, merged, &before, &after);
	if (n) {
		/* only the references that change need checking */
		json_t *changed = json_deep_copy(after);
		json_object_set(changed, "id", json_object_get(old, "id"));
		bool refs_hold = check_refs(s, e, changed, pr, pending);
		json_decref(changed);
		if (pr->count == nproblems && refs_hold && e->check_store)
			e->check_store(s, e, merged, pr);
		if (pr->count == nproblems && e->check_change)
			e->check_change(s, e, old, merged, force, &action, extra, pr);
	}
	if (pr->count != nproblems) {
		json_decref(before);
		json_decref(after);
		goto out;
	}
	if (n) {
		/* the caller's after is the fields alone (a dry run prints it) */
		json_t *event_after = json_object_size(extra) ? json_copy(after) : json_incref(after);
		set_timestamps(e, merged, false);
		vk_store_update(s, e, merged);
		json_object_update(event_after, extra);
		vk_store_add_event(s, e->name, json_integer_value(json_object_get(old, "id")),
				   action, before, event_after);
		json_decref(event_after);
		/* carried to other records (a theme's new name): the caller rolls back on a problem */
		if (e->after_change)
			e->after_change(s, e, old, merged, pr);
		if (pr->count != nproblems) {
			json_decref(before);
			json_decref(after);
			goto out;
		}
	}
	if (before_out)
		*before_out = before;
	else
		json_decref(before);
	if (after_out)
		*after_out = after;
	else
		json_decref(after);
	rc = n ? 1 : 0;
out:
	json_decref(given);
	json_decref(merged);
	json_decref(extra);
	return rc;
}

int vk_change_update(struct vk_store *s, const struct vk_entity *e, json_t *old, json_t *changes,
		     bool force, struct vk_problems *pr, json_t **before, json_t **after)
{
	return update(s, e, old, changes, "set", NULL, force, pr, before, after, NULL);
}

int vk_change_update_pending(struct vk_store *s, const struct vk_entity *e, json_t *old,
			     json_t *changes, bool force, struct vk_problems *pr, json_t **before,
			     json_t **after, bool *pending)
{
	*pending = false;
	return update(s, e, old, changes, "set", NULL, force, pr, before, after, pending);
}

int vk_change_update_as(struct vk_store *s, const struct vk_entity *e, json_t *old,
			json_t *changes, const char *action, json_t *note,
			struct vk_problems *pr)
{
	return update(s, e, old, changes, action, note, false, pr, NULL, NULL, NULL);
}

int vk_change_move(struct vk_store *s, const struct vk_entity *e, json_t *old, json_t *changes,
		   json_t *note, bool force, struct vk_problems *pr)
{
	return update(s, e, old, changes, "move", note, force, pr, NULL, NULL, NULL);
}

struct referrers {
	const struct vk_entity *owner;
	struct strbuf *why;
	size_t refusing;
	json_t *owned;	/* [[entity name, id], ...] */
};

static void note_referrer(const struct vk_entity *from, const struct vk_field *f, long long id,
			  void *data)
{
	struct referrers *r = data;

	if ((f->flags & VK_OWNED_BY) && !strcmp(f->ref, r->owner->name)) {
		json_array_append_new(r->owned, json_pack("[sI]", from->name, (json_int_t)id));
		return;
	}
	if (r->refusing++ < 20)
		strbuf_addf(r->why, "%s%s %lld (%s)", r->refusing > 1 ? ", " : "", from->name, id,
			    f->name);
	else if (r->refusing == 21)
		strbuf_addstr(r->why, ", ...");
}

static void remove_record(struct vk_store *s, const struct vk_entity *e, long long id)
{
	json_t *old = vk_store_get(s, e, id);

	vk_store_delete(s, e, id);
	vk_store_add_event_text(s, e->name, id, "rm", vk_record_history_text(e, old), NULL);
	json_decref(old);
}

/* Appends "4 inputs and 1 learning" for owned, [[entity name, id], ...] in the order found. */
static void describe_owned(json_t *owned, struct strbuf *went)
{
	size_t n = json_array_size(owned);
	bool *counted = vk_calloc(n + 1, sizeof(*counted));

	for (size_t i = 0; i < n; i++) {
		const char *name = json_string_value(json_array_get(json_array_get(owned, i), 0));
		size_t count = 0;

		if (counted[i])
			continue;
		for (size_t j = i; j < n; j++)
			if (!strcmp(name, json_string_value(json_array_get(json_array_get(owned, j), 0)))) {
				counted[j] = true;
				count++;
			}
		const struct vk_entity *owned_e = vk_entity_by_name(name);
		strbuf_addf(went, "%s%zu %s", went->len ? " and " : "", count,
			    count == 1 ? owned_e->name : owned_e->plural);
	}
	free(counted);
}

int vk_change_remove(struct vk_store *s, const struct vk_entity *e, long long id,
		     struct strbuf *why)
{
	return vk_change_remove_owned(s, e, id, why, NULL);
}

int vk_change_remove_owned(struct vk_store *s, const struct vk_entity *e, long long id,
			   struct strbuf *why, struct strbuf *went)
{
	struct referrers r = { e, why, 0, json_array() };
	size_t i;
	json_t *item;

	if (!vk_store_exists(s, e, id)) {
		json_decref(r.owned);
		return 1;
	}
	if (e->check_remove && !e->check_remove(s, e, id, why)) {
		json_decref(r.owned);
		return -2;
	}
	vk_store_referrers(s, e, id, note_referrer, &r);
	if (r.refusing) {
		json_decref(r.owned);
		return -1;
	}
	json_array_foreach(r.owned, i, item) {
		const struct vk_entity *owned = vk_entity_by_name(json_string_value(json_array_get(item, 0)));
		remove_record(s, owned, json_integer_value(json_array_get(item, 1)));
	}
	if (went)
		describe_owned(r.owned, went);
	json_decref(r.owned);
	remove_record(s, e, id);
	return 0;
}

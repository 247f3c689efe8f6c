/*
 * schema.c: the record model of schema.h that every record type fills
 * in: finding an entity's fields, and the rules and forms of a whole
 * record. The record types are in lib/record/; value.c converts values.
 */
#include <stdlib.h>
#include <string.h>
#include "error.h"
#include "json.h"
#include "schema.h"

static const struct vk_entity *const no_types[] = { NULL };

const struct vk_entity *const *vk_entities = no_types;

void vk_schema_use(const struct vk_entity *const *types)
{
	vk_entities = types;
}

const struct vk_entity *vk_entity_by_name(const char *name)
{
	for (size_t i = 0; vk_entities[i]; i++)
		if (!strcmp(vk_entities[i]->name, name))
			return vk_entities[i];
	return NULL;
}

const struct vk_entity *vk_entity_by_plural(const char *plural)
{
	for (size_t i = 0; vk_entities[i]; i++)
		if (!strcmp(vk_entities[i]->plural, plural))
			return vk_entities[i];
	return NULL;
}

const struct vk_field *vk_entity_field(const struct vk_entity *e, const char *name)
{
	/* the first byte first: an import asks this for every cell */
	for (size_t i = 0; i < e->nfields; i++)
		if (e->fields[i].name[0] == name[0] && !strcmp(e->fields[i].name, name))
			return &e->fields[i];
	return NULL;
}

const struct vk_field *vk_entity_title(const struct vk_entity *e)
{
	for (size_t i = 0; i < e->nfields; i++)
		if (e->fields[i].flags & VK_TITLE)
			return &e->fields[i];
	return NULL;
}

const char *vk_field_option(const struct vk_field *f)
{
	return f->option ? f->option : f->name;
}

bool vk_field_is_list(const struct vk_field *f)
{
	return f->type == VK_FIELD_ENUM_LIST || f->type == VK_FIELD_TEXT_LIST ||
	       f->type == VK_FIELD_REF_LIST;
}

/* How many record types vk_entity_columns() keeps the columns of. */
#define COLUMN_SLOTS 16

const char *const *vk_entity_columns(const struct vk_entity *e, size_t *count)
{
	/* one array per entity, filled on first use */
	static struct {
		const struct vk_entity *e;
		const char *names[VK_MAX_FIELDS];
	} columns[COLUMN_SLOTS];
	size_t slot = 0;

	while (slot < COLUMN_SLOTS && columns[slot].e && columns[slot].e != e)
		slot++;
	if (slot == COLUMN_SLOTS || e->nfields > VK_MAX_FIELDS)
		vk_die(VK_EXIT_IOERR, "internal error: no room for the columns of a %s", e->name);
	if (!columns[slot].e) {
		for (size_t i = 0; i < e->nfields; i++)
			columns[slot].names[i] = e->fields[i].name;
		columns[slot].e = e;
	}
	*count = e->nfields;
	return columns[slot].names;
}

/* ---- whole records ---- */

void vk_record_check(const struct vk_entity *e, json_t *record, struct vk_problems *pr)
{
	for (size_t i = 0; i < e->nfields; i++) {
		const struct vk_field *f = &e->fields[i];
		json_t *v;
		if (!(f->flags & VK_REQUIRED))
			continue;
		v = json_object_get(record, f->name);
		if (!v || json_is_null(v))
			vk_problems_add(pr, f->name, "is required");
	}
	if (e->check)
		e->check(e, record, pr);
}

bool vk_record_set_initial(const struct vk_entity *e, json_t *record)
{
	bool given = false;

	for (size_t i = 0; i < e->nfields; i++) {
		const struct vk_field *f = &e->fields[i];
		json_t *v;
		char buf[VK_DATE_SIZE];

		if (!f->initial && !f->initial_from)
			continue;
		v = json_object_get(record, f->name);
		if (v && !json_is_null(v))
			continue;
		if (f->initial && !strcmp(f->initial, "today") && f->type == VK_FIELD_DATE)
			json_object_set_new(record, f->name, json_string(vk_date_format(vk_today(), buf)));
		else if (f->initial)
			json_object_set_new(record, f->name, json_string(f->initial));
		else if (f->initial_from && json_object_get(record, f->initial_from))
			json_object_set(record, f->name, json_object_get(record, f->initial_from));
		else
			continue;
		given = true;
	}
	return given;
}

json_t *vk_record_complete(const struct vk_entity *e, json_t *values)
{
	json_t *r = json_object();

	json_object_set_new(r, "type", json_string(e->name));
	for (size_t i = 0; i < e->nfields; i++) {
		json_t *v = json_object_get(values, e->fields[i].name);
		json_object_set_new(r, e->fields[i].name, v ? json_incref(v) : json_null());
	}
	return r;
}

void vk_record_fill(const struct vk_entity *e, json_t *values)
{
	json_object_set_new(values, "type", json_string(e->name));
	vk_record_fill_fields(e, values);
}

void vk_record_fill_fields(const struct vk_entity *e, json_t *values)
{
	/* values hold fields (and perhaps "type"): as many means all there */
	if (json_object_size(values) - (json_object_get(values, "type") ? 1 : 0) == e->nfields)
		return;
	for (size_t i = 0; i < e->nfields; i++)
		if (!json_object_get(values, e->fields[i].name))
			json_object_set_new(values, e->fields[i].name, json_null());
}

/* The value of field f of a record, if the history shows it (NULL if not). */
static json_t *history_value(const struct vk_field *f, json_t *record)
{
	json_t *v = json_object_get(record, f->name);

	if (f->type == VK_FIELD_ID || f->type == VK_FIELD_TIMESTAMP)
		return NULL;
	if (!v || json_is_null(v) || (json_is_array(v) && !json_array_size(v)) ||
	    (json_is_object(v) && !json_object_size(v)))
		return NULL;
	return v;
}

json_t *vk_record_as_added(const struct vk_entity *e, json_t *record)
{
	json_t *added = json_object();

	for (size_t i = 0; i < e->nfields; i++) {
		json_t *v = history_value(&e->fields[i], record);
		if (v)
			json_object_set(added, e->fields[i].name, v);
	}
	return added;
}

char *vk_record_history_text(const struct vk_entity *e, json_t *record)
{
	struct strbuf sb = STRBUF_INIT;
	bool first = true;

	strbuf_addch(&sb, '{');
	for (size_t i = 0; i < e->nfields; i++) {
		const struct vk_field *f = &e->fields[i];
		json_t *v = history_value(f, record);
		if (!v)
			continue;
		if (!first)
			strbuf_addch(&sb, ',');
		first = false;
		vk_json_append_string(&sb, f->name, strlen(f->name));
		strbuf_addch(&sb, ':');
		vk_json_append(&sb, v);
	}
	strbuf_addch(&sb, '}');
	return strbuf_detach(&sb, NULL);
}

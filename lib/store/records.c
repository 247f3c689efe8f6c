/*
 * records.c: reading and writing records: a statement of each kind kept
 * prepared for each record type, and the side tables of lists of
 * references and headcounts (see the migrations).
 */
#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "json.h"
#include "store-internal.h"
#include "strbuf.h"

/* Appends name to sb as an SQL identifier ("name"). */
static void add_ident(struct strbuf *sb, const char *name)
{
	strbuf_addch(sb, '"');
	strbuf_addstr(sb, name);
	strbuf_addch(sb, '"');
}

void sq_add_columns(struct strbuf *sb, const struct vk_entity *e, const char *prefix)
{
	for (size_t i = 0; i < e->nfields; i++) {
		if (i)
			strbuf_addstr(sb, ", ");
		strbuf_addstr(sb, prefix);
		add_ident(sb, e->fields[i].name);
	}
}

/* The statement of this kind for e, prepared once and kept until the store closes. */
static sqlite3_stmt *cached(struct vk_store *s, const struct vk_entity *e, enum sq_stmt_kind kind)
{
	int slot = sq_entity_slot(e);
	struct strbuf sql = STRBUF_INIT;

	if (s->stmts[slot][kind])
		return s->stmts[slot][kind];
	switch (kind) {
	case SQ_GET:
		strbuf_addstr(&sql, "SELECT ");
		sq_add_columns(&sql, e, "");
		strbuf_addf(&sql, " FROM %s"
			    " WHERE id = ?", e->plural);
		break;
	case SQ_EXISTS:
		strbuf_addf(&sql, "SELECT 1"
			    " FROM %s"
			    " WHERE id = ?", e->plural);
		break;
	case SQ_INSERT:
		strbuf_addf(&sql, "INSERT INTO %s (", e->plural);
		sq_add_columns(&sql, e, "");
		strbuf_addstr(&sql, ") VALUES (");
		for (size_t i = 0; i < e->nfields; i++)
			strbuf_addstr(&sql, i ? ", ?" : "?");
		strbuf_addch(&sql, ')');
		break;
	case SQ_UPDATE:
		strbuf_addf(&sql, "UPDATE %s SET ", e->plural);
		for (size_t i = 1; i < e->nfields; i++) {
			if (i > 1)
				strbuf_addstr(&sql, ", ");
			add_ident(&sql, e->fields[i].name);
			strbuf_addstr(&sql, " = ?");
		}
		strbuf_addstr(&sql, " WHERE id = ?");
		break;
	case SQ_DELETE:
		strbuf_addf(&sql, "DELETE FROM %s"
			    " WHERE id = ?", e->plural);
		break;
	default:
		break;
	}
	s->stmts[slot][kind] = sq_prepare(s, sql.buf);
	strbuf_release(&sql);
	return s->stmts[slot][kind];
}

json_t *sq_column_decimal(sqlite3_stmt *st, int i)
{
	double d;

	if (sqlite3_column_type(st, i) == SQLITE_INTEGER)
		return json_integer(sqlite3_column_int64(st, i));
	d = sqlite3_column_double(st, i);
	/* the column is REAL: 42 comes back as 42.0, and is written 42 */
	if (d == trunc(d) && fabs(d) < VK_NUMBER_MAX)
		return json_integer((json_int_t)d);
	return json_real(d);
}

json_t *sq_row_record(const struct vk_entity *e, sqlite3_stmt *st)
{
	json_t *r = json_object();

	json_object_set_new(r, "type", json_string(e->name));
	for (size_t i = 0; i < e->nfields; i++) {
		const struct vk_field *f = &e->fields[i];
		const char *text = NULL;
		json_t *v = NULL;

		switch (sq_column_kind(f, st, (int)i)) {
		case VK_CELL_NUMBER:
			v = f->type == VK_FIELD_NUMBER ? sq_column_decimal(st, (int)i) :
			    json_integer(sqlite3_column_int64(st, (int)i));
			break;
		case VK_CELL_JSON:
			text = (const char *)sqlite3_column_text(st, (int)i);
			v = json_loadb(text, (size_t)sqlite3_column_bytes(st, (int)i), 0, NULL);
			break;
		case VK_CELL_TEXT:
			v = json_stringn((const char *)sqlite3_column_text(st, (int)i),
					 (size_t)sqlite3_column_bytes(st, (int)i));
			break;
		case VK_CELL_NONE:
			break;
		}
		if (!v)
			v = vk_field_is_list(f) ? json_array() :
			    f->type == VK_FIELD_COUNTS ? json_object() : json_null();
		json_object_set_new(r, f->name, v);
	}
	return r;
}

json_t *vk_store_get(struct vk_store *s, const struct vk_entity *e, long long id)
{
	sqlite3_stmt *st = cached(s, e, SQ_GET);
	json_t *r = NULL;
	int rc;

	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		r = sq_row_record(e, st);
	else if (rc != SQLITE_DONE)
		sq_die(s, "reading a record");
	sqlite3_reset(st);
	return r;
}

bool vk_store_exists(struct vk_store *s, const struct vk_entity *e, long long id)
{
	sqlite3_stmt *st = cached(s, e, SQ_EXISTS);
	int rc;

	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		sq_die(s, "looking up a record");
	sqlite3_reset(st);
	return rc == SQLITE_ROW;
}

/*
 * Binds value v of field f to parameter i. A string is bound without a
 * copy: the caller steps st while v lives (sq_step_done() then clears it).
 * A list's or headcount's JSON text goes into text if not NULL (also
 * bound without a copy: the caller keeps text until the step), else
 * into a new string for SQLite to free.
 */
static void bind_value(sqlite3_stmt *st, int i, const struct vk_field *f, json_t *v,
		       struct strbuf *text)
{
	if (!v || json_is_null(v)) {
		sqlite3_bind_null(st, i);
	} else if (json_is_integer(v)) {
		sqlite3_bind_int64(st, i, json_integer_value(v));
	} else if (json_is_real(v)) {
		sqlite3_bind_double(st, i, json_real_value(v));
	} else if (json_is_string(v)) {
		sqlite3_bind_text(st, i, json_string_value(v), (int)json_string_length(v),
				  SQLITE_STATIC);
	} else if ((json_is_array(v) && json_array_size(v) == 0) ||
		   (json_is_object(v) && json_object_size(v) == 0)) {
		sqlite3_bind_null(st, i);
	} else if (text) {
		strbuf_reset(text);
		vk_json_append(text, v);
		sqlite3_bind_text(st, i, text->buf, (int)text->len, SQLITE_STATIC);
	} else {
		(void)f;
		sqlite3_bind_text(st, i, vk_json_text(v), -1, free);
	}
}

/*
 * The statement that inserts an item into (insert) or deletes the items
 * of a record from (else) the side table of e's field number field,
 * prepared once and kept until the store closes.
 */
static sqlite3_stmt *link_stmt(struct vk_store *s, const struct vk_entity *e, size_t field,
			       bool insert)
{
	int slot = sq_entity_slot(e);
	sqlite3_stmt **cache = insert ? &s->link_insert[slot][field] : &s->link_delete[slot][field];
	struct strbuf sql = STRBUF_INIT;
	const struct vk_field *f = &e->fields[field];

	if (*cache)
		return *cache;
	if (insert)
		strbuf_addf(&sql, "INSERT INTO %s_%s (owner_id, value%s)"
			    " VALUES (?, ?%s)", e->name, f->name,
			    f->type == VK_FIELD_COUNTS ? ", n" : "",
			    f->type == VK_FIELD_COUNTS ? ", ?" : "");
	else
		strbuf_addf(&sql, "DELETE FROM %s_%s"
			    " WHERE owner_id = ?", e->name, f->name);
	*cache = sq_prepare(s, sql.buf);
	strbuf_release(&sql);
	return *cache;
}

/*
 * Rewrites the side tables of record id from the record's lists; fresh:
 * the record is new, and they hold nothing of it yet.
 */
static void write_links(struct vk_store *s, const struct vk_entity *e, long long id,
			json_t *record, bool fresh)
{
	for (size_t i = 0; i < e->nfields; i++) {
		const struct vk_field *f = &e->fields[i];
		json_t *v;
		sqlite3_stmt *ins;

		if (!sq_has_side_table(f))
			continue;
		v = json_object_get(record, f->name);
		if (!fresh) {
			sqlite3_stmt *del = link_stmt(s, e, i, false);
			sqlite3_bind_int64(del, 1, id);
			sq_step_done(s, del, "writing a list");
		}
		if (!v || json_is_null(v))
			continue;
		ins = link_stmt(s, e, i, true);
		if (json_is_array(v)) {
			size_t k;
			json_t *item;
			json_array_foreach(v, k, item) {
				sqlite3_bind_int64(ins, 1, id);
				bind_value(ins, 2, f, item, NULL);
				sq_step_done(s, ins, "writing a list");
			}
		} else if (json_is_object(v)) {
			const char *key;
			json_t *n;
			json_object_foreach(v, key, n) {
				sqlite3_bind_int64(ins, 1, id);
				sqlite3_bind_text(ins, 2, key, -1, SQLITE_TRANSIENT);
				sqlite3_bind_int64(ins, 3, json_integer_value(n));
				sq_step_done(s, ins, "writing a headcount");
			}
		}
	}
}

/* strcmp() == 0 for the short names of fields, without a call */
static inline bool same_name(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

long long vk_store_insert(struct vk_store *s, const struct vk_entity *e, json_t *record)
{
	sqlite3_stmt *st = cached(s, e, SQ_INSERT);
	bool own = sqlite3_get_autocommit(s->db);
	json_t *given;
	long long id;

	if (own)
		vk_store_begin(s);
	given = json_object_get(record, "id");
	id = sq_id_ceiling(s, e) + 1;
	if (json_is_integer(given))
		id = json_integer_value(given);
	assert(e->nfields <= VK_MAX_FIELDS);
	sqlite3_bind_int64(st, 1, id);
	/* an import's record has its fields in order: walk it, looking up only those out of it */
	void *it = json_object_iter(record);
	for (size_t i = 0; i < e->nfields; i++) {
		const char *name = e->fields[i].name;
		json_t *v;

		const char *key = it ? json_object_iter_key(it) : NULL;
		if (key && key[0] != name[0] && same_name(key, "type")) {
			it = json_object_iter_next(record, it);
			key = it ? json_object_iter_key(it) : NULL;
		}
		if (key && key[0] == name[0] && same_name(key + 1, name + 1)) {
			v = json_object_iter_value(it);
			it = json_object_iter_next(record, it);
		} else {
			v = json_object_get(record, name);
		}
		if (i)
			bind_value(st, (int)i + 1, &e->fields[i], v, &s->bound_text[i]);
	}
	/* every parameter is bound again before the next step: no clearing */
	if (sqlite3_step(st) != SQLITE_DONE) {
		sqlite3_reset(st);
		sq_die(s, "adding a record");
	}
	sqlite3_reset(st);
	s->writes[sq_entity_slot(e)]++;
	sq_raise_ceiling(s, e, id);
	write_links(s, e, id, record, true);
	if (own)
		vk_store_commit(s);
	return id;
}

void vk_store_update(struct vk_store *s, const struct vk_entity *e, json_t *record)
{
	sqlite3_stmt *st = cached(s, e, SQ_UPDATE);
	long long id = json_integer_value(json_object_get(record, "id"));

	sq_keep_added(s, e, id);
	for (size_t i = 1; i < e->nfields; i++)
		bind_value(st, (int)i, &e->fields[i], json_object_get(record, e->fields[i].name), NULL);
	sqlite3_bind_int64(st, (int)e->nfields, id);
	sq_step_done(s, st, "changing a record");
	s->writes[sq_entity_slot(e)]++;
	write_links(s, e, id, record, false);
}

void vk_store_delete(struct vk_store *s, const struct vk_entity *e, long long id)
{
	sqlite3_stmt *st = cached(s, e, SQ_DELETE);

	sq_keep_added(s, e, id);
	for (size_t i = 0; i < e->nfields; i++) {
		if (!sq_has_side_table(&e->fields[i]))
			continue;
		sqlite3_stmt *del = link_stmt(s, e, i, false);
		sqlite3_bind_int64(del, 1, id);
		sq_step_done(s, del, "removing a list");
	}
	sqlite3_bind_int64(st, 1, id);
	sq_step_done(s, st, "removing a record");
	s->writes[sq_entity_slot(e)]++;
}

size_t vk_store_referrers(struct vk_store *s, const struct vk_entity *e, long long id,
			  vk_referrer_fn *fn, void *data)
{
	size_t n = 0;

	for (size_t k = 0; vk_entities[k]; k++) {
		const struct vk_entity *from = vk_entities[k];
		for (size_t i = 0; i < from->nfields; i++) {
			const struct vk_field *f = &from->fields[i];
			struct strbuf sql = STRBUF_INIT;
			sqlite3_stmt *st;

			if (!f->ref || strcmp(f->ref, e->name))
				continue;
			if (f->type == VK_FIELD_REF)
				strbuf_addf(&sql, "SELECT id"
					    " FROM %s"
					    " WHERE \"%s\" = ?"
					    " ORDER BY id", from->plural, f->name);
			else
				strbuf_addf(&sql, "SELECT DISTINCT owner_id"
					    " FROM %s_%s"
					    " WHERE value = ?"
					    " ORDER BY owner_id", from->name, f->name);
			st = sq_prepare(s, sql.buf);
			strbuf_release(&sql);
			sqlite3_bind_int64(st, 1, id);
			int rc;
			while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
				n++;
				if (fn)
					fn(from, f, sqlite3_column_int64(st, 0), data);
			}
			sqlite3_finalize(st);
			if (rc != SQLITE_DONE)
				sq_die(s, "looking for references");
		}
	}
	return n;
}

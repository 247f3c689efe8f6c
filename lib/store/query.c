/*
 * query.c: queries: the SQL of a struct vk_query (query.h), its
 * parameters bound, and the cursors that read its rows; the SQL functions
 * the queries call (vk_fold, vk_sort_key).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store-internal.h"
#include "strbuf.h"
#include "text.h"

/*
 * Gives SQL the text argv[0] made by fn (text.h): as text, or as a blob
 * when blob; NULL stays NULL. The buffer is kept per thread.
 */
static void text_result(sqlite3_context *cx, sqlite3_value **argv,
			void (*fn)(const char *, size_t, struct strbuf *), bool blob)
{
	static _Thread_local struct strbuf out = STRBUF_INIT;
	const char *text = (const char *)sqlite3_value_text(argv[0]);

	if (!text) {
		sqlite3_result_null(cx);
		return;
	}
	fn(text, (size_t)sqlite3_value_bytes(argv[0]), &out);
	if (blob)
		sqlite3_result_blob(cx, out.buf, (int)out.len, SQLITE_TRANSIENT);
	else
		sqlite3_result_text(cx, out.buf, (int)out.len, SQLITE_TRANSIENT);
}

/* vk_fold(TEXT): the text folded for comparison ignoring case (text.h). */
static void sql_fold(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	text_result(cx, argv, vk_text_fold, false);
}

/* vk_sort_key(TEXT): a blob that sorts as the text does for a Danish reader. */
static void sql_sort_key(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	text_result(cx, argv, vk_text_sort_key, true);
}

void sq_register_text_functions(struct vk_store *s)
{
	int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;

	if (sqlite3_create_function(s->db, "vk_fold", 1, flags, NULL, sql_fold, NULL,
				    NULL) != SQLITE_OK ||
	    sqlite3_create_function(s->db, "vk_sort_key", 1, flags, NULL, sql_sort_key, NULL,
				    NULL) != SQLITE_OK)
		sq_die(s, "registering its text functions");
}

/* The SQL of a comparison with one value (EQ ... GE): " = ?"; "" for the others. */
static const char *op_sql(enum vk_filter_op op)
{
	switch (op) {
	case VK_OP_EQ: return " = ?";
	case VK_OP_NE: return " <> ?";
	case VK_OP_LT: return " < ?";
	case VK_OP_LE: return " <= ?";
	case VK_OP_GT: return " > ?";
	case VK_OP_GE: return " >= ?";
	default: return "";
	}
}

/* How many of the alternatives in array are values (not null). */
static size_t count_values(json_t *array)
{
	size_t k, n = 0;
	json_t *v;

	json_array_foreach(array, k, v)
		n += !json_is_null(v);
	return n;
}

/* Appends " IN (?, ...)" with a placeholder for each value of array. */
static void add_placeholders(struct strbuf *sql, json_t *array)
{
	size_t n = count_values(array);

	strbuf_addstr(sql, " IN (");
	for (size_t i = 0; i < n; i++)
		strbuf_addstr(sql, i ? ", ?" : "?");
	strbuf_addch(sql, ')');
}

/* Appends the condition of filter f on entity e to sql. */
static void add_condition(struct strbuf *sql, const struct vk_entity *e, const struct vk_filter *f)
{
	const struct vk_field *field = vk_entity_field(e, f->field);

	if (!field)
		vk_die(VK_EXIT_IOERR, "internal error: %s has no field %s", e->name, f->field);
	switch (f->op) {
	case VK_OP_HAS:
		if (sq_has_side_table(field))
			strbuf_addf(sql, "EXISTS (SELECT 1"
				    " FROM %s_%s l"
				    " WHERE l.owner_id = t.id"
				    " AND l.value = ?)", e->name, field->name);
		else
			strbuf_addf(sql, "EXISTS (SELECT 1"
				    " FROM json_each(t.\"%s\")"
				    " WHERE value = ?)", field->name);
		return;
	case VK_OP_HAS_ANY: {
		bool fold = field->type == VK_FIELD_TEXT_LIST;
		if (sq_has_side_table(field))
			strbuf_addf(sql, "EXISTS (SELECT 1"
				    " FROM %s_%s l"
				    " WHERE l.owner_id = t.id"
				    " AND l.value", e->name, field->name);
		else
			strbuf_addf(sql, "EXISTS (SELECT 1"
				    " FROM json_each(t.\"%s\")"
				    " WHERE %s", field->name, fold ? "vk_fold(value)" : "value");
		add_placeholders(sql, f->value);
		strbuf_addch(sql, ')');
		return;
	}
	case VK_OP_CONTAINS_ANY: {
		size_t k, alt = 0;
		json_t *v;
		json_array_foreach(f->value, k, v) {
			if (json_is_null(v))
				continue;
			strbuf_addf(sql, "%sinstr(vk_fold(t.\"%s\"), ?) > 0", alt++ ? " OR " : "",
				    field->name);
		}
		if (alt < json_array_size(f->value))
			strbuf_addf(sql, "%st.\"%s\" IS NULL", alt ? " OR " : "", field->name);
		return;
	}
	case VK_OP_IN:
	case VK_OP_FOLD_IN:
		if (f->op == VK_OP_FOLD_IN)
			strbuf_addf(sql, "vk_fold(t.\"%s\")", field->name);
		else
			strbuf_addf(sql, "t.\"%s\"", field->name);
		add_placeholders(sql, f->value);
		if (count_values(f->value) < json_array_size(f->value))
			strbuf_addf(sql, " OR t.\"%s\" IS NULL", field->name);
		return;
	case VK_OP_NOT_IN:
		strbuf_addf(sql, "t.\"%s\" NOT", field->name);
		add_placeholders(sql, f->value);
		strbuf_addf(sql, " OR t.\"%s\" IS NULL", field->name);
		return;
	case VK_OP_NULL:
		strbuf_addf(sql, "t.\"%s\" IS NULL", field->name);
		return;
	case VK_OP_NOT_NULL:
		strbuf_addf(sql, "t.\"%s\" IS NOT NULL", field->name);
		return;
	case VK_OP_EITHER_SET: {
		const struct vk_field *other = vk_entity_field(e, json_string_value(f->value));
		if (!other)
			vk_die(VK_EXIT_IOERR, "internal error: %s has no field %s", e->name,
			       json_string_value(f->value));
		strbuf_addf(sql, "t.\"%s\" IS NOT NULL OR t.\"%s\" IS NOT NULL", field->name,
			    other->name);
		return;
	}
	case VK_OP_NOT_IN_ON: {
		const char *day = "coalesce(json_extract(ev.after, '$.date'), substr(ev.at, 1, 10))";
		/* the value its last change on or before the day left */
		strbuf_addf(sql, "coalesce((SELECT json_extract(ev.after, '$.%s')"
			    " FROM events ev"
			    " WHERE ev.entity = '%s' AND ev.entity_id = t.id AND ev.action <> 'add'"
			    " AND json_extract(ev.after, '$.%s') IS NOT NULL AND %s <= ?"
			    " ORDER BY %s DESC, ev.id DESC"
			    " LIMIT 1),", field->name, e->name, field->name, day, day);
		/* else the value it had before its first change, else the value it has */
		strbuf_addf(sql, " (SELECT CASE ev.action"
			    " WHEN 'add' THEN json_extract(ev.after, '$.%s')"
			    " ELSE json_extract(ev.before, '$.%s') END"
			    " FROM events ev"
			    " WHERE ev.entity = '%s' AND ev.entity_id = t.id"
			    " AND json_extract(ev.after, '$.%s') IS NOT NULL"
			    " ORDER BY ev.id"
			    " LIMIT 1),"
			    " t.\"%s\") NOT IN (", field->name, field->name, e->name, field->name,
			    field->name);
		for (size_t i = 1; i < json_array_size(f->value); i++)
			strbuf_addstr(sql, i > 1 ? ", ?" : "?");
		strbuf_addch(sql, ')');
		return;
	}
	case VK_OP_NOT_NAMED: {
		const struct vk_entity *by = vk_entity_by_name(json_string_value(json_array_get(f->value, 0)));
		const struct vk_field *list = by ? vk_entity_field(by, json_string_value(
						json_array_get(f->value, 1))) : NULL;
		const struct vk_field *date = by ? vk_entity_field(by, json_string_value(
						json_array_get(f->value, 2))) : NULL;
		if (!list || !sq_has_side_table(list) || !date)
			vk_die(VK_EXIT_IOERR, "internal error: no list naming %s", e->name);
		/* the side table's index on value: one look-up a record */
		strbuf_addf(sql, "NOT EXISTS (SELECT 1 FROM %s_%s l", by->name, list->name);
		if (json_is_string(json_array_get(f->value, 3)))
			strbuf_addf(sql, " JOIN %s o ON o.id = l.owner_id AND o.\"%s\" >= ?",
				    by->plural, date->name);
		strbuf_addstr(sql, " WHERE l.value = t.id)");
		return;
	}
	case VK_OP_NONE_OF: {
		const struct vk_entity *ref = vk_entity_by_name(field->ref ? field->ref : "");
		const struct vk_field *of = ref ? vk_entity_field(ref, json_string_value(
						json_array_get(f->value, 0))) : NULL;
		const struct vk_field *counts = vk_entity_field(e, json_string_value(
						json_array_get(f->value, 1)));
		size_t nv = json_array_size(f->value) - 2;
		if (!of || !counts || !sq_has_side_table(field) || !sq_has_side_table(counts) || !nv)
			vk_die(VK_EXIT_IOERR, "internal error: %s has no %s to filter on", e->name,
			       field->name);
		strbuf_addf(sql, "NOT EXISTS (SELECT 1 FROM %s_%s l JOIN %s r ON r.id = l.value"
			    " WHERE l.owner_id = t.id AND r.\"%s\" IN (", e->name, field->name,
			    ref->plural, of->name);
		for (size_t i = 0; i < nv; i++)
			strbuf_addstr(sql, i ? ", ?" : "?");
		strbuf_addf(sql, ")) AND NOT EXISTS (SELECT 1 FROM %s_%s h"
			    " WHERE h.owner_id = t.id AND h.n > 0 AND h.value IN (", e->name, counts->name);
		for (size_t i = 0; i < nv; i++)
			strbuf_addstr(sql, i ? ", ?" : "?");
		strbuf_addstr(sql, "))");
		return;
	}
	case VK_OP_LE_OR_NULL:
		strbuf_addf(sql, "(t.\"%s\" <= ? OR t.\"%s\" IS NULL)", field->name, field->name);
		return;
	case VK_OP_GE_OR_NULL:
		strbuf_addf(sql, "(t.\"%s\" >= ? OR t.\"%s\" IS NULL)", field->name, field->name);
		return;
	default:
		strbuf_addf(sql, "t.\"%s\"%s", field->name, op_sql(f->op));
	}
}

/* Binds v (an integer, a string, else null) as parameter i, without a copy. */
static void bind_json(sqlite3_stmt *st, int i, json_t *v)
{
	if (json_is_integer(v))
		sqlite3_bind_int64(st, i, json_integer_value(v));
	else if (json_is_real(v))
		sqlite3_bind_double(st, i, json_real_value(v));
	else if (json_is_string(v))
		sqlite3_bind_text(st, i, json_string_value(v), (int)json_string_length(v),
				  SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

/* Binds the string v folded (text.h) as parameter i. */
static void bind_folded(sqlite3_stmt *st, int i, json_t *v)
{
	struct strbuf sb = STRBUF_INIT;

	vk_text_fold(json_string_value(v), json_string_length(v), &sb);
	sqlite3_bind_text(st, i, strbuf_detach(&sb, NULL), -1, free);
}

/* Appends " WHERE ..." for the filters of q (all must hold). */
static void add_where(struct strbuf *sql, const struct vk_query *q)
{
	for (size_t i = 0; i < q->nfilters; i++) {
		strbuf_addstr(sql, i ? " AND (" : " WHERE (");
		add_condition(sql, q->entity, &q->filters[i]);
		strbuf_addch(sql, ')');
	}
}

/* Binds the values of q's filters, in the order add_where() used them. */
static void bind_filters(sqlite3_stmt *st, const struct vk_query *q)
{
	int param = 1;

	for (size_t i = 0; i < q->nfilters; i++) {
		const struct vk_filter *f = &q->filters[i];
		switch (f->op) {
		case VK_OP_NULL:
		case VK_OP_NOT_NULL:
		case VK_OP_EITHER_SET:
			break;
		case VK_OP_IN:
		case VK_OP_NOT_IN:
		case VK_OP_FOLD_IN:
		case VK_OP_CONTAINS_ANY:
		case VK_OP_HAS_ANY: {
			const struct vk_field *field = vk_entity_field(q->entity, f->field);
			bool fold = f->op == VK_OP_FOLD_IN || f->op == VK_OP_CONTAINS_ANY ||
				    (f->op == VK_OP_HAS_ANY && field->type == VK_FIELD_TEXT_LIST);
			size_t k;
			json_t *v;
			json_array_foreach(f->value, k, v) {
				if (json_is_null(v))
					continue;
				if (fold && json_is_string(v))
					bind_folded(st, param++, v);
				else
					bind_json(st, param++, v);
			}
			break;
		}
		case VK_OP_NOT_IN_ON: {
			for (size_t k = 0; k < json_array_size(f->value); k++)
				bind_json(st, param++, json_array_get(f->value, k));
			break;
		}
		case VK_OP_NOT_NAMED:
			if (json_is_string(json_array_get(f->value, 3)))
				bind_json(st, param++, json_array_get(f->value, 3));
			break;
		case VK_OP_NONE_OF:
			/* the values twice: the named, then the counted */
			for (int twice = 0; twice < 2; twice++)
				for (size_t k = 2; k < json_array_size(f->value); k++)
					bind_json(st, param++, json_array_get(f->value, k));
			break;
		default:
			bind_json(st, param++, f->value);
		}
	}
}

struct vk_cursor *vk_store_query(struct vk_store *s, const struct vk_query *q)
{
	const struct vk_entity *e = q->entity;
	struct strbuf sql = STRBUF_INIT;
	struct vk_cursor *c = vk_calloc(1, sizeof(*c));

	strbuf_addstr(&sql, "SELECT ");
	sq_add_columns(&sql, e, "t.");
	strbuf_addf(&sql, " FROM %s t", e->plural);
	add_where(&sql, q);
	strbuf_addstr(&sql, " ORDER BY ");
	if (q->sort && strcmp(q->sort, "id")) {
		const struct vk_field *f = vk_entity_field(e, q->sort);
		if (!f || sq_is_json_column(f))
			vk_die(VK_EXIT_IOERR, "internal error: cannot sort by %s", q->sort);
		/* no value sorts last either way; a vocabulary sorts in its own order */
		strbuf_addf(&sql, "t.\"%s\" IS NULL, ", f->name);
		if (f->type == VK_FIELD_ENUM) {
			strbuf_addf(&sql, "CASE t.\"%s\"", f->name);
			for (size_t i = 0; i < f->vocab->count; i++)
				strbuf_addf(&sql, " WHEN '%s' THEN %zu", f->vocab->values[i], i);
			strbuf_addf(&sql, " END%s, ", q->descending ? " DESC" : "");
		} else if (f->type == VK_FIELD_TEXT) {
			/* names as a Danish or Norwegian reader sorts them (text.h) */
			strbuf_addf(&sql, "vk_sort_key(t.\"%s\")%s, ", f->name,
				    q->descending ? " DESC" : "");
		} else {
			strbuf_addf(&sql, "t.\"%s\"%s, ", f->name, q->descending ? " DESC" : "");
		}
	}
	strbuf_addf(&sql, "t.id%s",
		    q->descending && (!q->sort || !strcmp(q->sort, "id")) ? " DESC" : "");
	if (q->limit > 0)
		strbuf_addf(&sql, " LIMIT %lld", q->limit);
	else if (q->limit == VK_LIMIT_NONE)
		strbuf_addstr(&sql, " LIMIT 0");
	c->store = s;
	c->entity = e;
	if (sqlite3_prepare_v2(s->db, sql.buf, -1, &c->stmt, NULL) != SQLITE_OK)
		sq_die(s, "preparing a query");
	strbuf_release(&sql);
	bind_filters(c->stmt, q);
	return c;
}

long long vk_store_count(struct vk_store *s, const struct vk_query *q)
{
	struct strbuf sql = STRBUF_INIT;
	sqlite3_stmt *st;
	long long n = 0;

	strbuf_addf(&sql, "SELECT count(*)"
		    " FROM %s t", q->entity->plural);
	add_where(&sql, q);
	if (sqlite3_prepare_v2(s->db, sql.buf, -1, &st, NULL) != SQLITE_OK)
		sq_die(s, "preparing a count");
	strbuf_release(&sql);
	bind_filters(st, q);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	else
		sq_die(s, "counting");
	sqlite3_finalize(st);
	return n;
}

json_t *vk_cursor_next(struct vk_cursor *c)
{
	int rc = sqlite3_step(c->stmt);

	if (rc == SQLITE_DONE)
		return NULL;
	if (rc != SQLITE_ROW)
		sq_die(c->store, "reading records");
	return c->entity ? sq_row_record(c->entity, c->stmt) : sq_event_record(c->store, c->stmt);
}

bool vk_cursor_next_cells(struct vk_cursor *c, struct vk_cell *cells)
{
	const struct vk_entity *e = c->entity;
	int rc = sqlite3_step(c->stmt);

	if (rc == SQLITE_DONE)
		return false;
	if (rc != SQLITE_ROW)
		sq_die(c->store, "reading records");
	for (size_t i = 0; i < e->nfields; i++) {
		const struct vk_field *f = &e->fields[i];
		struct vk_cell *cell = &cells[i];

		cell->kind = sq_column_kind(f, c->stmt, (int)i);
		if (cell->kind == VK_CELL_NONE) {
			cell->s = vk_field_is_list(f) ? "[]" : f->type == VK_FIELD_COUNTS ? "{}" : "null";
			cell->len = strlen(cell->s);
			continue;
		}
		if (f->type == VK_FIELD_NUMBER) {
			/* as number.h writes it, not as SQLite does (42.0, 0.1 to 15 digits) */
			json_t *v = sq_column_decimal(c->stmt, (int)i);
			if (json_is_integer(v))
				snprintf(c->numbers[i], VK_NUMBER_SIZE, "%" JSON_INTEGER_FORMAT,
					 json_integer_value(v));
			else
				vk_number_format(json_real_value(v), c->numbers[i]);
			json_decref(v);
			cell->s = c->numbers[i];
			cell->len = strlen(cell->s);
			continue;
		}
		cell->s = (const char *)sqlite3_column_text(c->stmt, (int)i);
		cell->len = (size_t)sqlite3_column_bytes(c->stmt, (int)i);
		if (!cell->s)
			vk_die(VK_EXIT_IOERR, "out of memory");
	}
	return true;
}

void vk_cursor_close(struct vk_cursor *c)
{
	if (!c)
		return;
	sqlite3_finalize(c->stmt);
	free(c);
}

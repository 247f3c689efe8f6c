/*
 * report.c: the store's queries for reports: counts and sums by group,
 * town, status and theme, done by the database (aggregates over indexed
 * columns), never a query per record.
 */
#include <stdio.h>
#include <string.h>
#include "store-internal.h"
#include "strbuf.h"

json_t *vk_store_group_count(struct vk_store *s, const struct vk_entity *e,
			     const char *const *fields, size_t nfields)
{
	struct strbuf sql = STRBUF_INIT;
	sqlite3_stmt *st;
	json_t *rows = json_array();
	int rc;

	strbuf_addstr(&sql, "SELECT ");
	for (size_t i = 0; i < nfields; i++)
		strbuf_addf(&sql, "\"%s\", ", fields[i]);
	strbuf_addf(&sql, "count(*)"
		    " FROM %s"
		    " GROUP BY ", e->plural);
	for (size_t i = 0; i < nfields; i++)
		strbuf_addf(&sql, "%s\"%s\"", i ? ", " : "", fields[i]);
	strbuf_addstr(&sql, " ORDER BY ");
	for (size_t i = 0; i < nfields; i++)
		strbuf_addf(&sql, "%s\"%s\"", i ? ", " : "", fields[i]);
	st = sq_prepare(s, sql.buf);
	strbuf_release(&sql);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		json_t *row = json_object();
		for (size_t i = 0; i <= nfields; i++) {
			json_t *v;
			switch (sqlite3_column_type(st, (int)i)) {
			case SQLITE_NULL: v = json_null(); break;
			case SQLITE_INTEGER: v = json_integer(sqlite3_column_int64(st, (int)i)); break;
			default: v = json_string((const char *)sqlite3_column_text(st, (int)i));
			}
			json_object_set_new(row, i < nfields ? fields[i] : "count", v);
		}
		json_array_append_new(rows, row);
	}
	if (rc != SQLITE_DONE)
		sq_die(s, "counting");
	sqlite3_finalize(st);
	return rows;
}

json_t *vk_store_item_counts(struct vk_store *s, const struct vk_entity *e, const char *field)
{
	struct strbuf sql = STRBUF_INIT;
	sqlite3_stmt *st;
	json_t *counts = json_object();
	int rc;

	strbuf_addf(&sql, "SELECT j.value, count(*)"
		    " FROM %s t, json_each(t.\"%s\") j"
		    " GROUP BY j.value"
		    " ORDER BY j.value", e->plural, field);
	st = sq_prepare(s, sql.buf);
	strbuf_release(&sql);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		json_object_set_new(counts, (const char *)sqlite3_column_text(st, 0),
				    json_integer(sqlite3_column_int64(st, 1)));
	if (rc != SQLITE_DONE)
		sq_die(s, "counting");
	sqlite3_finalize(st);
	return counts;
}

/* Adds n to rows[group|town][what], making the row when it is new. */
static void add_reach(json_t *index, json_t *rows, const char *group, const char *town,
		      const char *what, long long n)
{
	char key[512];
	json_t *row;

	snprintf(key, sizeof(key), "%s\x1f%s", group ? group : "", town ? town : "");
	row = json_object_get(index, key);
	if (!row) {
		row = json_pack("{s:o,s:o,s:I,s:I,s:I}",
				"group", group ? json_string(group) : json_null(),
				"town", town ? json_string(town) : json_null(), "named", (json_int_t)0,
				"headcount", (json_int_t)0, "total", (json_int_t)0);
		json_object_set_new(index, key, row);
		json_array_append(rows, row);
	}
	json_object_set_new(row, what,
			    json_integer(json_integer_value(json_object_get(row, what)) + n));
	json_object_set_new(row, "total",
			    json_integer(json_integer_value(json_object_get(row, "total")) + n));
}

/* Appends " AND e.date >= ?1" and " AND e.date <= ?2" for the bounds given. */
static void add_bounds(struct strbuf *sql, const char *from, const char *to)
{
	/* only the bounds there are: "?1 IS NULL OR ..." would keep the date index unused */
	if (from)
		strbuf_addstr(sql, " AND e.date >= ?1");
	if (to)
		strbuf_addstr(sql, " AND e.date <= ?2");
}

/* Binds the bounds add_bounds() wrote (?1, ?2) of statement st. */
static void bind_bounds(sqlite3_stmt *st, const char *from, const char *to)
{
	if (from)
		sqlite3_bind_text(st, 1, from, -1, SQLITE_TRANSIENT);
	if (to)
		sqlite3_bind_text(st, 2, to, -1, SQLITE_TRANSIENT);
}

json_t *vk_store_reach(struct vk_store *s, const char *from, const char *to)
{
	/* a person who took part in several engagements counts once */
	static const char named_sql[] =
		"SELECT st.\"group\", st.town, count(DISTINCT st.id)"
		" FROM engagements e"
		" JOIN engagement_participants p ON p.owner_id = e.id"
		" JOIN stakeholders st ON st.id = p.value"
		" WHERE 1 = 1";
	/* people present but not registered: their group, the engagement's town */
	static const char headcount_sql[] =
		"SELECT h.value, e.town, sum(h.n)"
		" FROM engagements e"
		" JOIN engagement_headcount h ON h.owner_id = e.id"
		" WHERE 1 = 1";
	/* participants without a stakeholder record (a partial stream): each once, last */
	static const char unknown_sql[] =
		"SELECT 'unknown', 'unknown', count(DISTINCT p.value)"
		" FROM engagements e"
		" JOIN engagement_participants p ON p.owner_id = e.id"
		" WHERE NOT EXISTS (SELECT 1 FROM stakeholders st WHERE st.id = p.value)";
	static const char *const group_by[] = { " GROUP BY st.\"group\", st.town",
						" GROUP BY h.value, e.town", "" };
	const char *const queries[] = { named_sql, headcount_sql, unknown_sql };
	const char *const what[] = { "named", "headcount", "named" };
	json_t *rows = json_array();
	json_t *index = json_object();

	for (int q = 0; q < 3; q++) {
		struct strbuf sql = STRBUF_INIT;
		strbuf_addstr(&sql, queries[q]);
		add_bounds(&sql, from, to);
		strbuf_addstr(&sql, group_by[q]);
		sqlite3_stmt *st = sq_prepare(s, sql.buf);
		strbuf_release(&sql);
		int rc;
		bind_bounds(st, from, to);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			if (sqlite3_column_int64(st, 2) || q < 2)
				add_reach(index, rows, (const char *)sqlite3_column_text(st, 0),
					  (const char *)sqlite3_column_text(st, 1), what[q],
					  sqlite3_column_int64(st, 2));
		if (rc != SQLITE_DONE)
			sq_die(s, "counting who was reached");
		sqlite3_finalize(st);
	}
	json_decref(index);
	return rows;
}

/* Runs sql (bounds bound, ?3 group when given): rows of key, a, b into {key: [a, b]}. */
static json_t *key_pairs(struct vk_store *s, const char *sql, const char *from, const char *to,
			 const char *group, const char *what)
{
	sqlite3_stmt *st = sq_prepare(s, sql);
	json_t *out = json_object();
	int rc;

	bind_bounds(st, from, to);
	if (group)
		sqlite3_bind_text(st, 3, group, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(st, 0);
		json_object_set_new(out, key ? key : "", json_pack("[II]",
				    (json_int_t)sqlite3_column_int64(st, 1),
				    (json_int_t)sqlite3_column_int64(st, 2)));
	}
	if (rc != SQLITE_DONE)
		sq_die(s, what);
	sqlite3_finalize(st);
	return out;
}

json_t *vk_store_kind_reach(struct vk_store *s, const char *from, const char *to, const char *group)
{
	struct strbuf sql = STRBUF_INIT;

	/* each engagement once: present by a participant's group or its headcount */
	strbuf_addstr(&sql, "SELECT e.kind, count(*), coalesce(sum("
		      "EXISTS (SELECT 1 FROM engagement_participants p"
		      " JOIN stakeholders st ON st.id = p.value"
		      " WHERE p.owner_id = e.id AND st.\"group\" = ?3)"
		      " OR EXISTS (SELECT 1 FROM engagement_headcount h"
		      " WHERE h.owner_id = e.id AND h.value = ?3 AND h.n > 0)), 0)"
		      " FROM engagements e WHERE 1 = 1");
	add_bounds(&sql, from, to);
	strbuf_addstr(&sql, " GROUP BY e.kind");
	json_t *out = key_pairs(s, sql.buf, from, to, group, "counting engagements by kind");
	strbuf_release(&sql);
	return out;
}

json_t *vk_store_not_heard(struct vk_store *s, const char *from, const char *to)
{
	struct strbuf sql = STRBUF_INIT;

	/* one look-up of the participants' index on value a stakeholder */
	strbuf_addstr(&sql, "SELECT st.\"group\", count(*), coalesce(sum(NOT EXISTS (SELECT 1"
		      " FROM engagement_participants p JOIN engagements e ON e.id = p.owner_id"
		      " WHERE p.value = st.id");
	add_bounds(&sql, from, to);
	strbuf_addstr(&sql, ")), 0) FROM stakeholders st GROUP BY st.\"group\"");
	json_t *out = key_pairs(s, sql.buf, from, to, NULL, "counting who was not heard");
	strbuf_release(&sql);
	return out;
}

json_t *vk_store_reach_last(struct vk_store *s, const char *since, const char *until)
{
	/* who was reached in the window: a range of the date index */
	static const char *const window_sql[] = {
		"SELECT DISTINCT st.\"group\""
		" FROM engagements e"
		" JOIN engagement_participants p ON p.owner_id = e.id"
		" JOIN stakeholders st ON st.id = p.value"
		" WHERE e.date >= ?1 AND e.date <= ?2 AND st.\"group\" IS NOT NULL",
		"SELECT DISTINCT h.value"
		" FROM engagements e"
		" JOIN engagement_headcount h ON h.owner_id = e.id"
		" WHERE e.date >= ?1 AND e.date <= ?2 AND h.n > 0",
		"SELECT DISTINCT e.town"
		" FROM engagements e"
		" WHERE e.date >= ?1 AND e.date <= ?2 AND e.town IS NOT NULL",
		"SELECT DISTINCT st.town"
		" FROM engagements e"
		" JOIN engagement_participants p ON p.owner_id = e.id"
		" JOIN stakeholders st ON st.id = p.value"
		" WHERE e.date >= ?1 AND e.date <= ?2 AND st.town IS NOT NULL",
	};
	json_t *groups = json_object(), *towns = json_object();

	for (int k = 0; k < 4; k++) {
		sqlite3_stmt *st = sq_prepare(s, window_sql[k]);
		int rc;
		sqlite3_bind_text(st, 1, since, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, until, -1, SQLITE_TRANSIENT);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			json_object_set_new(k < 2 ? groups : towns,
					    (const char *)sqlite3_column_text(st, 0), json_true());
		if (rc != SQLITE_DONE)
			sq_die(s, "finding who was reached");
		sqlite3_finalize(st);
	}
	return json_pack("{s:o,s:o}", "groups", groups, "towns", towns);
}

/* The latest of the first column of the queries, run with value and before. */
static const char *latest(struct vk_store *s, const char *const *sql, size_t n, const char *value,
			  const char *before, char out[VK_DATE_SIZE])
{
	out[0] = '\0';
	for (size_t k = 0; k < n; k++) {
		sqlite3_stmt *st = sq_prepare(s, sql[k]);
		int rc;
		sqlite3_bind_text(st, 1, value, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, before, -1, SQLITE_TRANSIENT);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW && sqlite3_column_text(st, 0) &&
		    strcmp((const char *)sqlite3_column_text(st, 0), out) > 0)
			snprintf(out, 11, "%s", (const char *)sqlite3_column_text(st, 0));
		else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			sq_die(s, "finding when a group or town was last reached");
		sqlite3_finalize(st);
	}
	return out[0] ? out : NULL;
}

const char *vk_store_group_last_reached(struct vk_store *s, const char *group, const char *before,
					char out[VK_DATE_SIZE])
{
	/* newest engagement first, down the date index, until one reached the group */
	static const char *const sql[] = {
		"SELECT e.date"
		" FROM engagements e"
		" JOIN engagement_participants p ON p.owner_id = e.id"
		" JOIN stakeholders st ON st.id = p.value"
		" WHERE st.\"group\" = ?1 AND e.date < ?2"
		" ORDER BY e.date DESC"
		" LIMIT 1",
		"SELECT e.date"
		" FROM engagements e"
		" JOIN engagement_headcount h ON h.owner_id = e.id"
		" WHERE h.value = ?1 AND h.n > 0 AND e.date < ?2"
		" ORDER BY e.date DESC"
		" LIMIT 1",
	};

	return latest(s, sql, 2, group, before, out);
}

const char *vk_store_town_last_reached(struct vk_store *s, const char *town, const char *before,
				       char out[VK_DATE_SIZE])
{
	static const char *const sql[] = {
		"SELECT max(e.date)"
		" FROM engagements e"
		" WHERE e.town = ?1 AND e.date < ?2",
		"SELECT e.date"
		" FROM engagements e"
		" JOIN engagement_participants p ON p.owner_id = e.id"
		" JOIN stakeholders st ON st.id = p.value"
		" WHERE st.town = ?1 AND e.date < ?2"
		" ORDER BY e.date DESC"
		" LIMIT 1",
	};

	return latest(s, sql, 2, town, before, out);
}

json_t *vk_store_towns(struct vk_store *s)
{
	sqlite3_stmt *st = sq_prepare(s, "SELECT town"
				      " FROM stakeholders"
				      " WHERE town IS NOT NULL"
				      " UNION"
				      " SELECT town"
				      " FROM engagements"
				      " WHERE town IS NOT NULL"
				      " ORDER BY 1");
	json_t *towns = json_array();
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		json_array_append_new(towns, json_string((const char *)sqlite3_column_text(st, 0)));
	if (rc != SQLITE_DONE)
		sq_die(s, "listing towns");
	sqlite3_finalize(st);
	return towns;
}

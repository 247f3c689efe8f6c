/*
 * trials.c: the portfolio.
 *   { "type": "trials", "total", "by_status": { status: n },
 *     "rows": [ { "round", "status", "department", "count" } ],
 *     "by_round": [ { "round", "count", "by_status": {...} } ],
 *     "by_department": [ { "department", "count", "by_status": {...} } ],
 *     "goals": [ { "id", "title", "status", "round", "goals": [ { "id", "title" } ] } ]
 *              (every trial and the goals it serves; only when the store
 *              holds goals, so that a process without them reads as before) }
 */
#include "report-internal.h"

/* Groups rows {key, status, count} into [{key, count, by_status}] . */
static json_t *portfolio_by(struct vk_store *s, const char *key)
{
	const char *const fields[] = { key, "status" };
	json_t *rows = vk_store_group_count(s, &vk_entity_trial, fields, 2);
	json_t *out = json_array();
	json_t *cur = NULL;
	size_t i;
	json_t *row;

	json_array_foreach(rows, i, row) {
		json_t *k = json_object_get(row, key);
		if (!cur || !json_equal(json_object_get(cur, key), k)) {
			json_t *by = json_object();
			for (size_t j = 0; j < vk_vocab_trial_status.count; j++)
				json_object_set_new(by, vk_vocab_trial_status.values[j], json_integer(0));
			cur = json_pack("{s:O,s:I,s:o}", key, k, "count", (json_int_t)0, "by_status", by);
			json_array_append_new(out, cur);
		}
		json_int_t n = json_integer_value(json_object_get(row, "count"));
		json_object_set_new(cur, "count", json_integer(json_integer_value(json_object_get(cur, "count")) + n));
		if (report_str(row, "status"))
			json_object_set_new(json_object_get(cur, "by_status"), report_str(row, "status"), json_integer(n));
	}
	json_decref(rows);
	return out;
}

/* Every trial with the goals it serves ({id, title} each: a goal the store lacks has a null title). */
static json_t *portfolio_goals(struct vk_store *s)
{
	json_t *trials = report_records(s, &vk_entity_trial, NULL, 0, NULL);
	json_t *out = json_array();
	size_t i, k;
	json_t *t, *id;

	json_array_foreach(trials, i, t) {
		json_t *served = json_array();
		json_array_foreach(json_object_get(t, "goals"), k, id) {
			json_t *g = vk_store_get(s, &vk_entity_goal, json_integer_value(id));
			json_array_append_new(served, json_pack("{s:O,s:O}", "id", id, "title",
				g && json_object_get(g, "title") ? json_object_get(g, "title") : json_null()));
			json_decref(g);
		}
		json_array_append_new(out, json_pack("{s:O,s:O,s:O,s:O,s:o}", "id", json_object_get(t, "id"),
			"title", json_object_get(t, "title"),
			"status", json_object_get(t, "status") ? json_object_get(t, "status") : json_null(),
			"round", json_object_get(t, "round") ? json_object_get(t, "round") : json_null(),
			"goals", served));
	}
	json_decref(trials);
	return out;
}

/* The trial portfolio of s, in a read snapshot. */
json_t *report_trials(struct vk_store *s, const struct vk_report_params *p)
{
	static const char *const fields[] = { "round", "status", "department" };
	struct vk_query all = { &vk_entity_trial, NULL, 0, NULL, false, 0 };
	json_t *r;

	(void)p;
	vk_store_begin_read(s);
	r = json_pack("{s:s,s:I,s:o,s:o,s:o,s:o}", "type", "trials",
		      "total", (json_int_t)vk_store_count(s, &all), "by_status", report_status_counts(s),
		      "rows", vk_store_group_count(s, &vk_entity_trial, fields, 3),
		      "by_round", portfolio_by(s, "round"), "by_department", portfolio_by(s, "department"));
	struct vk_query goals = { &vk_entity_goal, NULL, 0, NULL, false, 1 };
	if (vk_store_count(s, &goals))
		json_object_set_new(r, "goals", portfolio_goals(s));
	vk_store_end_read(s);
	return r;
}

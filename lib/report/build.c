/* build.c: what the builders of the reports share (report-internal.h) */
#include <string.h>
#include "report-internal.h"

const char *report_str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

json_t *report_records(struct vk_store *s, const struct vk_entity *e, const struct vk_filter *f,
		       size_t nf, const char *sort)
{
	struct vk_query q = { e, f, nf, sort, false, 0 };
	struct vk_cursor *c = vk_store_query(s, &q);
	json_t *out = json_array();
	json_t *r;

	while ((r = vk_cursor_next(c)))
		json_array_append_new(out, r);
	vk_cursor_close(c);
	return out;
}

json_t *report_status_counts(struct vk_store *s)
{
	static const char *const fields[] = { "status" };
	json_t *by = json_object();
	json_t *rows = vk_store_group_count(s, &vk_entity_trial, fields, 1);
	size_t i;
	json_t *row;

	for (i = 0; i < vk_vocab_trial_status.count; i++)
		json_object_set_new(by, vk_vocab_trial_status.values[i], json_integer(0));
	json_array_foreach(rows, i, row)
		if (report_str(row, "status"))
			json_object_set(by, report_str(row, "status"), json_object_get(row, "count"));
	json_decref(rows);
	return by;
}

json_t *report_reach_total(json_t *rows)
{
	long long named = 0, head = 0;
	size_t i;
	json_t *r;

	json_array_foreach(rows, i, r) {
		named += json_integer_value(json_object_get(r, "named"));
		head += json_integer_value(json_object_get(r, "headcount"));
	}
	return json_pack("{s:I,s:I,s:I}", "named", (json_int_t)named, "headcount", (json_int_t)head,
			 "total", (json_int_t)(named + head));
}

json_int_t report_reach_unknown(json_t *rows)
{
	size_t i;
	json_t *r;

	json_array_foreach(rows, i, r)
		if (report_str(r, "group") && !strcmp(report_str(r, "group"), VK_REPORT_UNKNOWN))
			return json_integer_value(json_object_get(r, "named"));
	return 0;
}

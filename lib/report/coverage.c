/*
 * coverage.c: engagement by group x town over [since, until] (NULL: no bound).
 *   { "type": "coverage", "since", "until", "groups": [...], "towns": [...],
 *     "rows": [ { "group", "town", "named", "headcount", "total" } ],
 *     "total": { "named", "headcount", "total" },
 *     "unknown": participants without a stakeholder record }
 * The unknown participants are a last row of group and town
 * VK_REPORT_UNKNOWN, which then also ends groups and towns.
 */
#include <string.h>
#include "report-internal.h"

/* The coverage of p->since to p->until, in a read snapshot of s. */
json_t *report_coverage(struct vk_store *s, const struct vk_report_params *p)
{
	const char *since = p->since, *until = p->until;
	json_t *r, *rows, *groups = json_array();

	vk_store_begin_read(s);
	rows = vk_store_reach(s, since, until);
	json_int_t unknown = report_reach_unknown(rows);
	json_t *towns = vk_store_towns(s);
	for (size_t i = 0; i < vk_vocab_group.count; i++)
		json_array_append_new(groups, json_string(vk_vocab_group.values[i]));
	/* the heat map's axes end with the participants without a record */
	if (unknown) {
		json_array_append_new(groups, json_string(VK_REPORT_UNKNOWN));
		bool listed = false;
		for (size_t i = 0; i < json_array_size(towns) && !listed; i++)
			listed = !strcmp(json_string_value(json_array_get(towns, i)), VK_REPORT_UNKNOWN);
		if (!listed)	/* a town may be called so */
			json_array_append_new(towns, json_string(VK_REPORT_UNKNOWN));
	}
	r = json_pack("{s:s,s:o,s:o,s:o,s:o,s:o,s:I}", "type", "coverage",
		      "since", since ? json_string(since) : json_null(),
		      "until", until ? json_string(until) : json_null(),
		      "groups", groups, "towns", towns, "total", report_reach_total(rows), "unknown", unknown);
	json_object_set_new(r, "rows", rows);
	vk_store_end_read(s);
	return r;
}

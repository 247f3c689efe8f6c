/*
 * grid.c: the power/interest grid.
 *   { "type": "grid", "quadrants": [ { "quadrant": "manage closely" |
 *     "keep satisfied" | "keep informed" | "monitor", "influence", "interest",
 *     "count", "stakeholders": [stakeholder...] } ], "unplaced": n }
 * A stakeholder without influence or interest is left out (counted in unplaced).
 */
#include "report-internal.h"

/* The grid of the stakeholders of s, in a read snapshot. */
json_t *report_grid(struct vk_store *s, const struct vk_report_params *p)
{
	static const struct {
		const char *name, *influence, *interest;
		bool high_influence, high_interest;
	} quadrants[] = {
		{ "manage closely", "high", "high", true, true },
		{ "keep satisfied", "high", "low or medium", true, false },
		{ "keep informed", "low or medium", "high", false, true },
		{ "monitor", "low or medium", "low or medium", false, false },
	};
	json_t *high = json_string("high");
	json_t *r = json_pack("{s:s}", "type", "grid");
	json_t *list = json_array();
	struct vk_filter f_any[] = { { "influence", VK_OP_NOT_NULL, NULL }, { "interest", VK_OP_NOT_NULL, NULL } };
	struct vk_query all = { &vk_entity_stakeholder, NULL, 0, NULL, false, 0 };
	struct vk_query placed = { &vk_entity_stakeholder, f_any, 2, NULL, false, 0 };

	(void)p;
	vk_store_begin_read(s);
	for (size_t i = 0; i < 4; i++) {
		struct vk_filter f[4] = {
			{ "influence", quadrants[i].high_influence ? VK_OP_EQ : VK_OP_NE, high },
			{ "interest", quadrants[i].high_interest ? VK_OP_EQ : VK_OP_NE, high },
			{ "influence", VK_OP_NOT_NULL, NULL }, { "interest", VK_OP_NOT_NULL, NULL },
		};
		json_t *people = report_records(s, &vk_entity_stakeholder, f, 4, "name");
		json_array_append_new(list, json_pack("{s:s,s:s,s:s,s:I,s:o}", "quadrant", quadrants[i].name,
			"influence", quadrants[i].influence, "interest", quadrants[i].interest,
			"count", (json_int_t)json_array_size(people), "stakeholders", people));
	}
	json_object_set_new(r, "quadrants", list);
	json_object_set_new(r, "unplaced", json_integer(vk_store_count(s, &all) - vk_store_count(s, &placed)));
	vk_store_end_read(s);
	json_decref(high);
	return r;
}

/*
 * timeline.c: milestones and trials on a time axis.
 *   { "type": "timeline", "from", "to", "today",
 *     "rows": [ { "kind": "milestone" | "trial", "id", "title", "start",
 *                 "end", "status", "baseline" (milestones), "round" (trials) } ] }
 * Rows without dates are left out.
 */
#include <string.h>
#include "report-internal.h"

/* The milestones and trials of s with dates, in a read snapshot; today is $VK_TODAY or the date. */
json_t *report_timeline(struct vk_store *s, const struct vk_report_params *p)
{
	vk_date today = vk_today();
	json_t *rows = json_array();
	char first[VK_DATE_SIZE] = "", last[VK_DATE_SIZE] = "", now[VK_DATE_SIZE];
	struct vk_cursor *c;
	json_t *m;

	(void)p;
	vk_store_begin_read(s);
	for (int k = 0; k < 2; k++) {
		const struct vk_entity *e = k ? &vk_entity_trial : &vk_entity_milestone;
		struct vk_query q = { e, NULL, 0, k ? "start" : "due", false, 0 };
		c = vk_store_query(s, &q);
		while ((m = vk_cursor_next(c))) {
			const char *start = report_str(m, "start");
			const char *end = report_str(m, k ? "end" : "due");
			if (!start)
				start = end;
			if (!end)
				end = start;
			if (start) {
				json_t *row = json_pack("{s:s,s:O,s:O,s:s,s:s,s:O}", "kind", e->name,
					"id", json_object_get(m, "id"), "title", json_object_get(m, "title"),
					"start", start, "end", end, "status", json_object_get(m, "status"));
				if (k)
					json_object_set(row, "round", json_object_get(m, "round"));
				else
					json_object_set(row, "baseline", json_object_get(m, "baseline"));
				json_array_append_new(rows, row);
				if (!first[0] || strcmp(start, first) < 0)
					snprintf(first, sizeof(first), "%s", start);
				if (!last[0] || strcmp(end, last) > 0)
					snprintf(last, sizeof(last), "%s", end);
			}
			json_decref(m);
		}
		vk_cursor_close(c);
	}
	vk_store_end_read(s);
	return json_pack("{s:s,s:o,s:o,s:s,s:o}", "type", "timeline",
			 "from", first[0] ? json_string(first) : json_null(),
			 "to", last[0] ? json_string(last) : json_null(),
			 "today", vk_date_format(today, now), "rows", rows);
}

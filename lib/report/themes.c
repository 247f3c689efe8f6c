/*
 * themes.c: inputs and trials by theme.
 *   { "type": "themes", "themes": [ { "theme", "inputs", "trials",
 *     "engagements", "quotes": [ { "text", "source", "engagement" } ] (up to 3) } ] }
 */
#include "report-internal.h"

/* The themes of the inputs, trials and engagements of s, in a read snapshot. */
json_t *report_themes(struct vk_store *s, const struct vk_report_params *p)
{
	json_t *r = json_pack("{s:s}", "type", "themes");
	json_t *themes = json_array();
	json_t *inputs, *trials, *engagements, *all = json_object();
	const char *theme;
	json_t *v;

	(void)p;
	vk_store_begin_read(s);
	inputs = vk_store_item_counts(s, &vk_entity_input, "themes");
	trials = vk_store_item_counts(s, &vk_entity_trial, "themes");
	engagements = vk_store_item_counts(s, &vk_entity_engagement, "themes");
	json_object_update(all, inputs);
	json_object_update(all, trials);
	json_object_update(all, engagements);
	json_object_foreach(all, theme, v) {
		json_t *t = json_string(theme);
		struct vk_filter f = { "themes", VK_OP_HAS, t };
		struct vk_query q = { &vk_entity_input, &f, 1, NULL, false, 3 };
		struct vk_cursor *c = vk_store_query(s, &q);
		json_t *quotes = json_array();
		json_t *in;
		while ((in = vk_cursor_next(c))) {
			json_array_append_new(quotes, json_pack("{s:O,s:O,s:O}", "text", json_object_get(in, "text"),
				"source", json_object_get(in, "source"), "engagement", json_object_get(in, "engagement")));
			json_decref(in);
		}
		vk_cursor_close(c);
		json_array_append_new(themes, json_pack("{s:s,s:I,s:I,s:I,s:o}", "theme", theme,
			"inputs", (json_int_t)json_integer_value(json_object_get(inputs, theme)),
			"trials", (json_int_t)json_integer_value(json_object_get(trials, theme)),
			"engagements", (json_int_t)json_integer_value(json_object_get(engagements, theme)),
			"quotes", quotes));
		json_decref(t);
	}
	vk_store_end_read(s);
	json_object_set_new(r, "themes", themes);
	json_decref(inputs);
	json_decref(trials);
	json_decref(engagements);
	json_decref(all);
	return r;
}

/*
 * coverage.c: engagement by group x town over [since, until] (NULL: no bound).
 *   { "type": "coverage", "since", "until", "groups": [...], "towns": [...],
 *     "rows": [ { "group", "town", "named", "headcount", "total" } ],
 *     "total": { "named", "headcount", "total" },
 *     "unknown": participants without a stakeholder record,
 *     "kinds": [ { "kind", "engagements", "with_citizens" } ],
 *     "not_heard": [ { "group", "registered", "not_heard" } ] }
 * The unknown participants are a last row of group and town
 * VK_REPORT_UNKNOWN, which then also ends groups and towns.
 * kinds: each kind the period's engagements have, in the vocabulary's
 * order: how many, and how many had a citizen present (named, or a
 * headcount of citizen above 0). not_heard: each group that registered
 * stakeholders have (null last for those without one): how many, and how
 * many no engagement of the period names (a headcount names no one).
 */
#include <string.h>
#include "report-internal.h"

/*
 * The rows of pairs ({value: [a, b]}, as the store counts them) in the
 * order of vocab, then "" (no value) as null: {key: value, ka: a, kb: b}.
 * Takes pairs.
 */
static json_t *in_vocab_order(json_t *pairs, const struct vk_vocab *vocab, const char *key,
			      const char *ka, const char *kb)
{
	json_t *rows = json_array();

	for (size_t i = 0; i <= vocab->count; i++) {
		const char *v = i < vocab->count ? vocab->values[i] : "";
		json_t *pair = json_object_get(pairs, v);
		if (pair)
			json_array_append_new(rows, json_pack("{s:o,s:O,s:O}", key,
				*v ? json_string(v) : json_null(), ka, json_array_get(pair, 0),
				kb, json_array_get(pair, 1)));
	}
	json_decref(pairs);
	return rows;
}

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
	json_object_set_new(r, "kinds", in_vocab_order(vk_store_kind_reach(s, since, until, "citizen"),
		&vk_vocab_engagement_kind, "kind", "engagements", "with_citizens"));
	json_object_set_new(r, "not_heard", in_vocab_order(vk_store_not_heard(s, since, until),
		&vk_vocab_group, "group", "registered", "not_heard"));
	vk_store_end_read(s);
	return r;
}

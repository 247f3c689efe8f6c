/*
 * learning.c: what was learned from a trial. An evaluated trial keeps
 * at least one learning: its last cannot move to another trial nor be
 * removed.
 */
#include <string.h>
#include "record.h"
#include "record/internal.h"

long long record_trial_learnings(struct vk_store *s, long long trial)
{
	json_t *id = json_integer(trial);
	struct vk_filter f = { "trial", VK_OP_EQ, id };
	struct vk_query q = { &vk_entity_learning, &f, 1, NULL, false, 0 };
	long long n = vk_store_count(s, &q);

	json_decref(id);
	return n;
}

/* Whether trial is evaluated and has one learning (or none) left. */
static bool last_of_evaluated(struct vk_store *s, long long trial)
{
	json_t *t = vk_store_get(s, &vk_entity_trial, trial);
	const char *status = t ? json_string_value(json_object_get(t, "status")) : NULL;
	bool last = status && !strcmp(status, "evaluated") && record_trial_learnings(s, trial) <= 1;

	json_decref(t);
	return last;
}

/* A learning that moves to another trial: not the last of an evaluated one. */
static void check_change(struct vk_store *s, const struct vk_entity *e, json_t *old,
			 json_t *record, bool force, const char **action, json_t *note,
			 struct vk_problems *pr)
{
	json_t *trial = json_object_get(old, "trial");

	(void)e;
	(void)force;
	(void)action;
	(void)note;
	if (!json_equal(trial, json_object_get(record, "trial")) &&
	    last_of_evaluated(s, json_integer_value(trial)))
		vk_problems_add(pr, "trial", "learning %lld is the only learning of trial %lld, "
				"which is evaluated: an evaluated trial keeps at least one learning "
				"(write another for it first)",
				(long long)json_integer_value(json_object_get(old, "id")),
				(long long)json_integer_value(trial));
}

/* Refuses to remove the last learning of an evaluated trial. */
static bool check_remove(struct vk_store *s, const struct vk_entity *e, long long id,
			 struct strbuf *why)
{
	json_t *l = vk_store_get(s, e, id);
	long long trial = json_integer_value(json_object_get(l, "trial"));
	bool last = l && last_of_evaluated(s, trial);

	if (last)
		strbuf_addf(why, "it is the only learning of trial %lld, which is evaluated: an "
			    "evaluated trial keeps at least one learning (write another first, or "
			    "correct this one with learning set)", trial);
	json_decref(l);
	return !last;
}

static const struct vk_field learning_fields[] = {
	{ .name = "id", .type = VK_FIELD_ID, .flags = VK_READONLY },
	{ .name = "trial", .type = VK_FIELD_REF, .ref = "trial", .flags = VK_REQUIRED | VK_OWNED_BY,
	  .argname = "ID", .help = "the trial it was learned from" },
	{ .name = "date", .type = VK_FIELD_DATE, .flags = VK_REQUIRED, .argname = "DATE",
	  .help = "when it was written (default today)", .initial = "today" },
	{ .name = "author", .type = VK_FIELD_REF, .ref = "stakeholder", .argname = "ID",
	  .help = "who wrote it (a stakeholder id)" },
	{ .name = "text", .type = VK_FIELD_TEXT, .flags = VK_REQUIRED | VK_TITLE, .argname = "TEXT",
	  .help = "what was learned" },
};

static const char *const learning_brief[] = {
	"id", "trial", "date", "author", "text", NULL
};

static const struct vk_list_filter learning_filters[] = {
	{ .option = "since", .argname = "DATE", .help = "written on or after DATE",
	  .kind = VK_LF_DATE, .field = "date", .op = VK_OP_GE, .side = VK_DATE_START },
	{ .option = "until", .argname = "DATE", .help = "written on or before DATE",
	  .kind = VK_LF_DATE, .field = "date", .op = VK_OP_LE, .side = VK_DATE_END },
	{ .option = NULL }
};

const struct vk_entity vk_entity_learning = {
	.name = "learning", .plural = "learnings",
	.fields = learning_fields, .nfields = ARRAY_SIZE(learning_fields),
	.brief = learning_brief, .filters = learning_filters,
	.check_change = check_change, .check_remove = check_remove,
};

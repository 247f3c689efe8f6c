/* lifecycle.c: see lifecycle.h */
#include <string.h>
#include "change.h"
#include "date.h"
#include "error.h"
#include "lifecycle.h"

static const struct step {
	const char *from, *to;
} steps[] = {
	{ "idea", "proposed" },
	{ "proposed", "approved" },
	{ "proposed", "rejected" },
	{ "approved", "running" },
	{ "approved", "stopped" },
	{ "running", "done" },
	{ "running", "stopped" },
	{ "done", "evaluated" },
};

bool vk_trial_may_move(const char *from, const char *to)
{
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if (!strcmp(steps[i].from, from) && !strcmp(steps[i].to, to))
			return true;
	return false;
}

void vk_trial_next_steps(const char *from, struct strbuf *out)
{
	size_t n = 0, count = 0;

	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		count += !strcmp(steps[i].from, from);
	if (!count) {
		strbuf_addstr(out, "none");
		return;
	}
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		if (strcmp(steps[i].from, from))
			continue;
		if (n++)
			strbuf_addstr(out, n == count ? " or " : ", ");
		strbuf_addstr(out, steps[i].to);
	}
}

static const char *str(json_t *record, const char *key)
{
	return json_string_value(json_object_get(record, key));
}

static long long count_learnings(struct vk_store *s, long long trial)
{
	json_t *id = json_integer(trial);
	struct vk_filter f = { "trial", VK_OP_EQ, id };
	struct vk_query q = { &vk_entity_learning, &f, 1, NULL, false, 0 };
	long long n = vk_store_count(s, &q);

	json_decref(id);
	return n;
}

void vk_trial_check_change(struct vk_store *s, const struct vk_entity *e, json_t *old,
			   json_t *record, bool force, const char **action, json_t *note,
			   struct vk_problems *pr)
{
	long long id = json_integer_value(json_object_get(old, "id"));
	const char *from = str(old, "status") ? str(old, "status") : "idea";
	const char *to = str(record, "status");
	bool moves = strcmp(from, to) != 0;
	bool allowed = vk_trial_may_move(from, to);

	(void)e;
	if (moves && !allowed && !force) {
		struct strbuf next = STRBUF_INIT;
		vk_trial_next_steps(from, &next);
		if (!strcmp(next.buf, "none"))
			vk_problems_add(pr, "status", "trial %lld is %s and cannot move to %s: %s is "
					"final (--force overrides)", id, from, to, from);
		else
			vk_problems_add(pr, "status", "trial %lld is %s and cannot move to %s; from %s "
					"it may move to %s (--force overrides)", id, from, to, from,
					next.buf);
		strbuf_release(&next);
		return;
	}
	if (!strcmp(to, "evaluated")) {
		if (moves && !count_learnings(s, id)) {
			vk_problems_add(pr, "status", "trial %lld has no learning yet: write down what "
					"was learned first (vk-trial learn %lld TEXT)", id, id);
			return;
		}
		bool none = json_is_null(json_object_get(record, "outcome"));
		if (none && moves) {
			vk_problems_add(pr, "outcome", "an evaluated trial needs an outcome: --outcome "
					"adopt, adapt or drop");
			return;
		}
		if (none && !json_is_null(json_object_get(old, "outcome"))) {
			vk_problems_add(pr, "outcome", "trial %lld is evaluated, and an evaluated trial "
					"keeps its outcome: give another (adopt, adapt or drop), not none",
					id);
			return;
		}
	}
	if (!moves)
		return;
	/* set or import: a move of today, as move records it */
	*action = "move";
	if (!json_object_get(note, "date")) {
		char day[11];
		json_object_set_new(note, "date", json_string(vk_date_format(vk_today(), day)));
	}
	if (!allowed)
		json_object_set_new(note, "forced", json_true());
}

/* Whether trial is evaluated and has one learning (or none) left. */
static bool last_of_evaluated(struct vk_store *s, long long trial)
{
	json_t *t = vk_store_get(s, &vk_entity_trial, trial);
	bool last = t && str(t, "status") && !strcmp(str(t, "status"), "evaluated") &&
		    count_learnings(s, trial) <= 1;

	json_decref(t);
	return last;
}

void vk_learning_check_change(struct vk_store *s, const struct vk_entity *e, json_t *old,
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

bool vk_learning_check_remove(struct vk_store *s, const struct vk_entity *e, long long id,
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

enum vk_move_result vk_trial_move(struct vk_store *s, long long id, const struct vk_move *m,
				  struct strbuf *err)
{
	json_t *old = vk_store_get(s, &vk_entity_trial, id);
	enum vk_move_result rc = VK_MOVE_ALREADY;

	if (!old)
		return VK_MOVE_NO_TRIAL;
	const char *from = str(old, "status") ? str(old, "status") : "idea";
	if (!strcmp(from, m->status) && !m->outcome) {
		json_decref(old);
		return VK_MOVE_ALREADY;
	}
	json_t *changes = json_pack("{ss}", "status", m->status);
	json_t *note = json_pack("{ss}", "date", m->date);
	struct vk_problems pr = VK_PROBLEMS_INIT;
	if (m->outcome)
		json_object_set_new(changes, "outcome", json_string(m->outcome));
	if (m->reason)
		json_object_set_new(note, "reason", json_string(m->reason));
	int changed = vk_change_move(s, &vk_entity_trial, old, changes, note, m->force, &pr);
	if (changed < 0) {
		/* the rules' own words: the field is the move itself */
		for (size_t i = 0; i < pr.count; i++)
			strbuf_addf(err, "%s%s", i ? "; " : "", pr.items[i].message);
		rc = VK_MOVE_REFUSED;
	} else if (changed) {
		rc = VK_MOVED;
	}
	vk_problems_clear(&pr);
	json_decref(changes);
	json_decref(note);
	json_decref(old);
	return rc;
}

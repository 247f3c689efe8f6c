/* lifecycle.c: see lifecycle.h */
#include <string.h>
#include "change.h"
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

static size_t count_learnings(struct vk_store *s, long long trial)
{
	json_t *id = json_integer(trial);
	struct vk_filter f = { "trial", VK_OP_EQ, id };
	struct vk_query q = { &vk_entity_learning, &f, 1, NULL, false, 1 };
	struct vk_cursor *c = vk_store_query(s, &q);
	json_t *r = vk_cursor_next(c);
	size_t n = r != NULL;

	json_decref(r);
	vk_cursor_close(c);
	json_decref(id);
	return n;
}

enum vk_move_result vk_trial_move(struct vk_store *s, long long id, const struct vk_move *m,
				  struct strbuf *err)
{
	json_t *old = vk_store_get(s, &vk_entity_trial, id);
	enum vk_move_result rc = VK_MOVE_REFUSED;

	if (!old)
		return VK_MOVE_NO_TRIAL;
	const char *from = json_string_value(json_object_get(old, "status"));
	const char *outcome = m->outcome ? m->outcome :
			      json_string_value(json_object_get(old, "outcome"));
	if (!from)
		from = "idea";
	if (!strcmp(from, m->status) && !m->outcome) {
		rc = VK_MOVE_ALREADY;
		goto out;
	}
	if (strcmp(from, m->status) && !vk_trial_may_move(from, m->status) && !m->force) {
		struct strbuf next = STRBUF_INIT;
		vk_trial_next_steps(from, &next);
		if (!strcmp(next.buf, "none"))
			strbuf_addf(err, "trial %lld is %s and cannot move to %s: %s is final "
				    "(--force overrides)", id, from, m->status, from);
		else
			strbuf_addf(err, "trial %lld is %s and cannot move to %s; from %s it may move "
				    "to %s (--force overrides)", id, from, m->status, from, next.buf);
		strbuf_release(&next);
		goto out;
	}
	if (!strcmp(m->status, "evaluated")) {
		if (!count_learnings(s, id)) {
			strbuf_addf(err, "trial %lld has no learning yet: write down what was learned "
				    "first (vk-trial learn %lld TEXT)", id, id);
			goto out;
		}
		if (!outcome) {
			strbuf_addf(err, "an evaluated trial needs an outcome: --outcome adopt, adapt "
				    "or drop");
			goto out;
		}
	}

	json_t *changes = json_pack("{ss}", "status", m->status);
	json_t *note = json_pack("{ss}", "date", m->date);
	struct vk_problems pr = VK_PROBLEMS_INIT;
	if (m->outcome)
		json_object_set_new(changes, "outcome", json_string(m->outcome));
	if (m->reason)
		json_object_set_new(note, "reason", json_string(m->reason));
	if (m->force && !vk_trial_may_move(from, m->status) && strcmp(from, m->status))
		json_object_set_new(note, "forced", json_true());
	int changed = vk_change_update_as(s, &vk_entity_trial, old, changes, "move", note, &pr);
	if (changed < 0) {
		for (size_t i = 0; i < pr.count; i++) {
			if (i)
				strbuf_addstr(err, "; ");
			vk_problem_format(&pr, i, err);
		}
	} else {
		rc = changed ? VK_MOVED : VK_MOVE_ALREADY;
	}
	vk_problems_clear(&pr);
	json_decref(changes);
	json_decref(note);
out:
	json_decref(old);
	return rc;
}

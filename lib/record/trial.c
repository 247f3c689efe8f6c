/*
 * trial.c: a trial action (prøvehandling) and its lifecycle (record.h):
 * a new status, by move, set or import, is a step the lifecycle allows.
 */
#include <string.h>
#include "change.h"
#include "date.h"
#include "record.h"
#include "record/internal.h"

/* The lifecycle of record.h, a step a row. */
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

/* True when the lifecycle allows the step from -> to. */
static bool may_move(const char *from, const char *to)
{
	for (size_t i = 0; i < ARRAY_SIZE(steps); i++)
		if (!strcmp(steps[i].from, from) && !strcmp(steps[i].to, to))
			return true;
	return false;
}

/* Appends the statuses a trial in `from` may move to ("a or b"; "none"). */
static void next_steps(const char *from, struct strbuf *out)
{
	size_t n = 0, count = 0;

	for (size_t i = 0; i < ARRAY_SIZE(steps); i++)
		count += !strcmp(steps[i].from, from);
	if (!count) {
		strbuf_addstr(out, "none");
		return;
	}
	for (size_t i = 0; i < ARRAY_SIZE(steps); i++) {
		if (strcmp(steps[i].from, from))
			continue;
		if (n++)
			strbuf_addstr(out, n == count ? " or " : ", ");
		strbuf_addstr(out, steps[i].to);
	}
}

/* The text of key in record, or NULL. */
static const char *str(json_t *record, const char *key)
{
	return json_string_value(json_object_get(record, key));
}

/*
 * The lifecycle on every path (the trial's check_change): a new status,
 * by move, set or import, is a step the lifecycle allows unless force,
 * and recorded as a move (dated today unless note has a date; "forced"
 * when force let it through); a trial reaches evaluated only with a
 * learning and an outcome, and an evaluated trial keeps its outcome.
 */
static void check_change(struct vk_store *s, const struct vk_entity *e, json_t *old,
			 json_t *record, bool force, const char **action, json_t *note,
			 struct vk_problems *pr)
{
	long long id = json_integer_value(json_object_get(old, "id"));
	const char *from = str(old, "status") ? str(old, "status") : "idea";
	const char *to = str(record, "status");
	bool moves = strcmp(from, to) != 0;
	bool allowed = may_move(from, to);

	(void)e;
	if (moves && !allowed && !force) {
		struct strbuf next = STRBUF_INIT;
		next_steps(from, &next);
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
		if (moves && !record_trial_learnings(s, id)) {
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
		char day[VK_DATE_SIZE];
		json_object_set_new(note, "date", json_string(vk_date_format(vk_today(), day)));
	}
	if (!allowed)
		json_object_set_new(note, "forced", json_true());
}

/* A trial's window: it does not start after its end. */
static void check_trial(const struct vk_entity *e, json_t *r, struct vk_problems *pr)
{
	(void)e;
	record_check_window(r, "end", pr);
}

static const struct vk_field trial_fields[] = {
	{ .name = "id", .type = VK_FIELD_ID, .flags = VK_READONLY },
	{ .name = "title", .type = VK_FIELD_TEXT, .flags = VK_REQUIRED | VK_TITLE, .argname = "TITLE",
	  .help = "what is tried" },
	{ .name = "description", .type = VK_FIELD_TEXT, .argname = "TEXT", .help = "description" },
	{ .name = "status", .type = VK_FIELD_ENUM, .vocab = &vk_vocab_trial_status,
	  .flags = VK_NOT_ADD | VK_REQUIRED, .initial = "idea", .argname = "STATUS",
	  .help = "status in the lifecycle" },
	{ .name = "owner", .type = VK_FIELD_REF, .ref = "stakeholder", .argname = "ID",
	  .help = "the manager who owns it (a stakeholder id)" },
	{ .name = "unit", .type = VK_FIELD_TEXT, .argname = "UNIT", .help = "the unit that runs it" },
	{ .name = "department", .type = VK_FIELD_TEXT, .argname = "DEPT", .help = "department" },
	{ .name = "round", .type = VK_FIELD_INT, .argname = "N", .help = "round of trials",
	  .min = 1, .max = 999 },
	{ .name = "track", .type = VK_FIELD_TEXT, .argname = "TRACK", .help = "track" },
	{ .name = "themes", .type = VK_FIELD_TEXT_LIST, .flags = VK_THEME, .option = "theme",
	  .argname = "THEME",
	  .help = "a theme it serves (repeat for more)" },
	{ .name = "start", .type = VK_FIELD_DATE, .side = VK_DATE_START, .argname = "DATE",
	  .help = "first day" },
	{ .name = "end", .type = VK_FIELD_DATE, .side = VK_DATE_END, .argname = "DATE",
	  .help = "last day" },
	{ .name = "participants", .type = VK_FIELD_REF_LIST, .ref = "stakeholder", .option = "with",
	  .argname = "ID", .help = "stakeholders taking part (repeat or ID,ID)" },
	{ .name = "outcome", .type = VK_FIELD_ENUM, .vocab = &vk_vocab_outcome,
	  .argname = "OUTCOME" },
	{ .name = "milestone", .type = VK_FIELD_REF, .ref = "milestone", .argname = "ID",
	  .help = "the milestone it belongs to" },
	{ .name = "goals", .type = VK_FIELD_REF_LIST, .ref = "goal", .option = "goal",
	  .argname = "ID", .help = "a goal it serves (repeat or ID,ID)" },
};

static const char *const trial_brief[] = {
	"id", "title", "status", "owner", "department", "round", "start", "end", NULL
};

static const char *const trial_finished[] = { "done", "evaluated", "rejected", "stopped", NULL };
static const char *const trial_ended[] = { "rejected", "stopped", NULL };
static const struct vk_list_filter trial_filters[] = {
	{ .option = "active-on", .argname = "DATE", .help = "under way on DATE (start <= DATE <= end), "
	  "not rejected or stopped by then",
	  .kind = VK_LF_ACTIVE, .field = "start", .op = VK_OP_LE_OR_NULL, .field2 = "end",
	  .op2 = VK_OP_GE_OR_NULL, .side = VK_DATE_START, .except = trial_ended },
	{ .option = "late", .help = "end date passed and not done, evaluated, rejected or stopped",
	  .kind = VK_LF_LATE, .field = "end", .except = trial_finished },
	{ .option = NULL }
};

const struct vk_entity vk_entity_trial = {
	.name = "trial", .plural = "trials",
	.fields = trial_fields, .nfields = ARRAY_SIZE(trial_fields),
	.check = check_trial, .brief = trial_brief, .filters = trial_filters,
	.check_change = check_change, .force_help = "allow a move the lifecycle does not",
	.resolve = record_resolve_themes,
};

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

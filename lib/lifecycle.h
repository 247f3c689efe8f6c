/*
 * lifecycle.h: the life of a trial (prøvehandling), as SPEC gives it:
 *
 *	idea -> proposed -> approved -> running -> done -> evaluated
 *	proposed -> rejected; approved -> stopped; running -> stopped
 *
 * A trial reaches evaluated only with at least one learning and an
 * outcome: the point of a trial is what was learned.
 */
#ifndef VK_LIFECYCLE_H
#define VK_LIFECYCLE_H

#include <stdbool.h>
#include "store.h"
#include "strbuf.h"

/* True when the lifecycle allows the step from -> to. */
bool vk_trial_may_move(const char *from, const char *to);

/* Appends the statuses a trial in `from` may move to ("a or b"; "none"). */
void vk_trial_next_steps(const char *from, struct strbuf *out);

struct vk_move {
	const char *status;	/* canonical trial status */
	const char *date;	/* YYYY-MM-DD: when it moved */
	const char *reason;	/* NULL for none */
	const char *outcome;	/* canonical outcome, or NULL */
	bool force;		/* allow a step the lifecycle does not */
};

enum vk_move_result {
	VK_MOVED,
	VK_MOVE_NO_TRIAL,	/* there is no such trial */
	VK_MOVE_ALREADY,	/* it has that status already */
	VK_MOVE_REFUSED		/* the rules refuse it: why is in err */
};

/*
 * Moves trial id as m says, recording the move (with its date and reason)
 * in the history. --force lets a step out of order through, never an
 * evaluation without a learning and an outcome. The caller holds the
 * write transaction. On VK_MOVE_REFUSED, err says why.
 */
enum vk_move_result vk_trial_move(struct vk_store *s, long long id, const struct vk_move *m,
				  struct strbuf *err);

/*
 * The lifecycle on every path (the trial's check_change, vk_record_change_fn
 * of schema.h): a new status, by move, set or import, is a step the
 * lifecycle allows unless force, and recorded as a move (dated today
 * unless note has a date; "forced" when force let it through); a trial
 * reaches evaluated only with a learning and an outcome, and an
 * evaluated trial keeps its outcome.
 */
void vk_trial_check_change(struct vk_store *s, const struct vk_entity *e, json_t *old,
			   json_t *record, bool force, const char **action, json_t *note,
			   struct vk_problems *problems);

/*
 * An evaluated trial keeps at least one learning: its last cannot move to
 * another trial (a learning's check_change) nor be removed (check_remove).
 */
void vk_learning_check_change(struct vk_store *s, const struct vk_entity *e, json_t *old,
			      json_t *record, bool force, const char **action, json_t *note,
			      struct vk_problems *problems);
bool vk_learning_check_remove(struct vk_store *s, const struct vk_entity *e, long long id,
			      struct strbuf *why);

#endif

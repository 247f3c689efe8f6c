/*
 * record.h: the record types of SPEC, one module each (lib/record/), and
 * the verbs particular to one type. Each file of lib/record/ holds its
 * type's fields, list filters, table columns and rules (struct vk_entity
 * of schema.h); lib/record/registry.c lists them (vk_record_types), and
 * the programs hand that list to schema.h's vk_schema_use().
 *
 * The life of a trial (prøvehandling), as SPEC gives it:
 *
 *	idea -> proposed -> approved -> running -> done -> evaluated
 *	proposed -> rejected; approved -> stopped; running -> stopped
 *
 * A trial reaches evaluated only with at least one learning and an
 * outcome: the point of a trial is what was learned. An evaluated trial
 * keeps one learning at least.
 *
 * A milestone's baseline is its first due date and never changes; `move`
 * changes the due date with a reason kept in the history, so that the
 * slip (due - baseline) and every move can be shown. depends names other
 * milestones, without cycles; one due before a milestone it depends on
 * is allowed, with a warning.
 */
#ifndef VK_RECORD_H
#define VK_RECORD_H

#include <stdbool.h>
#include "schema.h"
#include "store.h"
#include "strbuf.h"

/* Every record type, referred-to types first; NULL-terminated. */
extern const struct vk_entity *const vk_record_types[];

extern const struct vk_entity vk_entity_stakeholder;
extern const struct vk_entity vk_entity_engagement;
extern const struct vk_entity vk_entity_input;
extern const struct vk_entity vk_entity_trial;
extern const struct vk_entity vk_entity_learning;
extern const struct vk_entity vk_entity_milestone;
extern const struct vk_entity vk_entity_theme;
extern const struct vk_entity vk_entity_goal;
extern const struct vk_entity vk_entity_measurement;

/* ---- stakeholder (lib/record/stakeholder.c) ---- */

enum vk_forget_result {
	VK_FORGOTTEN = 0,
	VK_FORGET_NONE = 1,	/* no such stakeholder, in the store or its history */
	VK_FORGET_ALREADY = 2	/* nothing left to erase */
};

/*
 * Erases stakeholder id's personal data: the record's VK_PERSONAL fields
 * (a required one becomes "forgotten", the rest null), the VK_ATTRIBUTION
 * fields of the inputs linked to them, and every copy of those values in
 * the history. The caller holds the transaction, and after committing
 * calls vk_store_purge_journal().
 */
enum vk_forget_result vk_stakeholder_forget(struct vk_store *s, long long id);

/* ---- trial (lib/record/trial.c) ---- */

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

/* ---- milestone (lib/record/milestone.c) ---- */

enum vk_milestone_result {
	VK_MILESTONE_CHANGED,
	VK_MILESTONE_NONE,	/* no such milestone */
	VK_MILESTONE_SAME,	/* nothing to do */
	VK_MILESTONE_REFUSED	/* why is in err */
};

/*
 * Moves milestone id's due date to date, for reason: any date form of
 * date.h, +1w and the like counted from the due date it has. A done or
 * cancelled milestone is moved only with force (the move's note then
 * says "forced"). The caller holds the write transaction.
 */
enum vk_milestone_result vk_milestone_move(struct vk_store *s, long long id, const char *date,
					   const char *reason, bool force, struct strbuf *err);

/*
 * Marks milestone id done on date (YYYY-MM-DD, not after today; NULL:
 * today, and nothing to do when it is done already). The caller holds
 * the transaction.
 */
enum vk_milestone_result vk_milestone_done(struct vk_store *s, long long id, const char *date,
					   struct strbuf *err);

/*
 * The SEQUENCE of milestone id's event in a calendar: how many times it
 * changed since it was added (a calendar takes a higher one as newer).
 */
long vk_milestone_sequence(struct vk_store *s, long long id);

#endif

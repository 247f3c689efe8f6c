/*
 * milestone.h: the rules of the process timeline. A milestone's baseline
 * is its first due date and never changes; `move` changes the due date
 * with a reason kept in the history, so that the slip (due - baseline)
 * and every move can be shown. depends names other milestones, without
 * cycles; one due before a milestone it depends on is allowed, with a
 * warning.
 */
#ifndef VK_MILESTONE_H
#define VK_MILESTONE_H

#include <jansson.h>
#include "schema.h"
#include "store.h"
#include "strbuf.h"

/* The entity's check_store: refuses cycles in depends, warns about order. */
void vk_milestone_check_store(struct vk_store *s, const struct vk_entity *e, json_t *record,
			      struct vk_problems *problems);

/* The entity's show: adds "slip" (days) and "moves" [{at, user, from, to, reason}]. */
void vk_milestone_show(struct vk_store *s, json_t *record);

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
 * A list printer (see verbs.h) that writes the milestones of the query as
 * an iCalendar; data points to its struct vk_ical_options.
 */
struct vk_context;
struct vk_query;
void vk_milestone_print_ical(struct vk_store *s, struct vk_context *ctx,
			     const struct vk_query *q, void *data);

#endif

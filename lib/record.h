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
#include "date.h"
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

/* ---- theme (lib/record/theme.c) ---- */

/*
 * Themes, as SPEC gives them: while no theme record exists, the themes of
 * engagements, inputs, trials and goals (their VK_THEME fields) are free
 * words. Once one does, every theme given to them must be a declared one,
 * matched ignoring case in every alphabet (text.h) and stored as the theme
 * record spells it; a value a record has already is kept as it is. Theme
 * names are unique ignoring case. A new name (theme set ID --name NEW, or
 * an import) is carried to every record that has the old one, in the same
 * transaction, each change in the history; a theme in use is not removed.
 */

/*
 * Calls fn for each record that carries theme name (ignoring case): the
 * record's type and id. Returns how many.
 */
size_t vk_theme_users(struct vk_store *s, const char *name,
		      void (*fn)(const struct vk_entity *e, long long id, void *data), void *data);

/* ---- goal (lib/record/goal.c) ---- */

/*
 * What a goal's measurements say as of a date: the latest value (the last
 * measurement on or before as_of and after the baseline_date), the progress
 * (0..100, the share of the way from baseline to target in the goal's direction,
 * clamped), and the status. Measurements are those of the goal in date order.
 *
 * The edge cases, as a coordinator reporting to a council would read them:
 * - no measurement after the baseline_date (on or before as_of): no data,
 *   progress 0. Without a baseline_date every measurement counts.
 * - reached: the latest is at or past the target in the goal's direction
 *   (up: latest >= target; down: latest <= target); progress is then 100.
 *   A baseline equal to the target is reached as soon as a measurement is
 *   at or past it, and until then its progress is 0.
 * - a goal without a target, or without a baseline, is never reached by
 *   arithmetic it does not have: progress 0 (a target without a baseline:
 *   reached or 0).
 * - the share of time: from baseline_date to target_date, the part passed
 *   by as_of, 0 to 100; 100 once the target_date has passed (a target
 *   already passed and not reached is behind); 0 without a target_date
 *   (no deadline: any progress is on track), and without a baseline_date
 *   0 until the target_date passes.
 * - on track: progress >= the share of time; else behind.
 */
enum vk_goal_status { VK_GOAL_NO_DATA, VK_GOAL_BEHIND, VK_GOAL_ON_TRACK, VK_GOAL_REACHED };
struct vk_goal_progress { bool has_latest; double latest; char latest_date[VK_DATE_SIZE]; double progress; enum vk_goal_status status; };
void vk_goal_progress(json_t *goal, json_t *measurements, vk_date as_of, struct vk_goal_progress *out);
const char *vk_goal_status_name(enum vk_goal_status s); /* "reached", "on track", "behind", "no data" */

/*
 * The status of a --status option ("reached", "on-track", "on track",
 * "behind", "no-data", "no data", any case): false when s is none.
 */
bool vk_goal_status_parse(const char *s, enum vk_goal_status *out);

/* The measurements of goal id in date order (then by id): a new array. */
json_t *vk_goal_measurements(struct vk_store *s, long long goal);

/*
 * The 95% margin of error of a survey percentage p_percent (0..100) from n
 * answers, in percentage points: 1.96 * sqrt(p(1 - p) / n) * 100 with p
 * the share. NAN when n < 1 or p_percent is outside 0..100.
 */
double vk_goal_margin(double p_percent, long n);

/*
 * Whether the change between survey percentages p1 (n1 answers) and p2
 * (n2 answers) is significant at 95%: |p2 - p1| exceeds 1.96 *
 * sqrt(p1(1 - p1)/n1 + p2(1 - p2)/n2) (shares; in percentage points
 * times 100). False when an n is below 1 or a p outside 0..100.
 */
bool vk_goal_significant(double p1, long n1, double p2, long n2);

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

/*
 * vocab.h: the closed vocabularies of SPEC (groups, roles, levels, kinds,
 * statuses, outcomes, a goal's source and direction).
 */
#ifndef VK_VOCAB_H
#define VK_VOCAB_H

#include <stdbool.h>
#include <stddef.h>
#include "strbuf.h"

struct vk_vocab {
	const char *name;		/* what a value is, for messages: "group" */
	const char *const *values;	/* in SPEC's order */
	size_t count;
};

extern const struct vk_vocab vk_vocab_group;		/* stakeholder group */
extern const struct vk_vocab vk_vocab_role;		/* stakeholder roles */
extern const struct vk_vocab vk_vocab_level;		/* influence, interest */
extern const struct vk_vocab vk_vocab_engagement_kind;
extern const struct vk_vocab vk_vocab_trial_status;
extern const struct vk_vocab vk_vocab_outcome;
extern const struct vk_vocab vk_vocab_milestone_kind;
extern const struct vk_vocab vk_vocab_milestone_status;
extern const struct vk_vocab vk_vocab_goal_source;	/* survey, register, other */
extern const struct vk_vocab vk_vocab_direction;	/* a goal's: up (more is better), down */

/*
 * Looks value up, ignoring ASCII case. Returns the canonical (lower case)
 * value from the vocabulary, or NULL when it is not one; then, if err is
 * not NULL, appends "\"VALUE\" is not a NAME; use one of: a, b, c".
 */
const char *vk_vocab_lookup(const struct vk_vocab *v, const char *value,
			    struct strbuf *err);

/* Index of a canonical value in v, or -1. */
int vk_vocab_index(const struct vk_vocab *v, const char *value);

/* Appends the values joined by ", ". */
void vk_vocab_list(const struct vk_vocab *v, struct strbuf *out);

/* Appends the values as a choice, for --help: "low, medium or high". */
void vk_vocab_list_or(const struct vk_vocab *v, struct strbuf *out);

/* True for the groups inside the municipality (politician .. employee). */
bool vk_group_is_internal(const char *group);

#endif

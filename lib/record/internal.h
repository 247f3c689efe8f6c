/*
 * record/internal.h: what the files of lib/record/ share and no other
 * file sees. Its names carry the prefix record_.
 */
#ifndef VK_RECORD_INTERNAL_H
#define VK_RECORD_INTERNAL_H

#include "record.h"
#include "util.h"


/*
 * Adds a problem to pr when the window of record r starts (field
 * "start") after its last day (field last: a trial's end, a milestone's
 * due).
 */
void record_check_window(json_t *r, const char *last, struct vk_problems *pr);

/*
 * The resolve of an entity with VK_THEME fields (lib/record/theme.c): the
 * themes given in record are declared ones, in their declared spelling,
 * while any theme is declared (record.h).
 */
void record_resolve_themes(struct vk_store *s, const struct vk_entity *e, json_t *old,
			   json_t *record, struct vk_problems *pr);

/* How many learnings trial has (lib/record/learning.c). */
long long record_trial_learnings(struct vk_store *s, long long trial);

#endif

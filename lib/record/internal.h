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

/* How many learnings trial has (lib/record/learning.c). */
long long record_trial_learnings(struct vk_store *s, long long trial);

#endif

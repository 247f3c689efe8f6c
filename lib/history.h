/*
 * history.h: what changed, who changed it and when. Every change vk makes
 * is an event (see store.h); this module computes the changed fields of
 * a change and prints the log. (A stakeholder's forget, which erases a
 * person from it, is the stakeholder's: record.h.)
 */
#ifndef VK_HISTORY_H
#define VK_HISTORY_H

#include <stdio.h>
#include <jansson.h>
#include "schema.h"
#include "store.h"
#include "writer.h"

/*
 * Compares two complete records of e and sets *before and *after to new
 * objects holding the fields that differ (old and new values). created
 * and updated are left out. Returns how many fields differ.
 */
size_t vk_history_diff(const struct vk_entity *e, json_t *old, json_t *new_record,
		       json_t **before, json_t **after);

/*
 * Prints the events of entity (and id, 0 for all) to stdout as out says
 * (its format not VK_FORMAT_AUTO: the caller decides it): table prints
 * one line an event with its changes; the other formats print the event
 * records. A failed write exits 74. Returns how many were printed.
 */
size_t vk_history_print(struct vk_store *s, const struct vk_writer_options *out,
			const char *entity, long long id);

/*
 * Appends "field: old -> new; ..." for a change, as --dry-run and messages
 * show it: each value cut as utf8_addquoted() cuts it. (The log's table
 * shows the values whole.)
 */
void vk_history_describe(json_t *before, json_t *after, struct strbuf *out);

#endif

/*
 * history.h: what changed, who changed it and when. Every change vk makes
 * is an event (see store.h); this module computes the changed fields of
 * a change, prints the log, and erases a person from it (forget).
 */
#ifndef VK_HISTORY_H
#define VK_HISTORY_H

#include <stdio.h>
#include <jansson.h>
#include "cli.h"
#include "schema.h"
#include "store.h"

/*
 * Compares two complete records of e and sets *before and *after to new
 * objects holding the fields that differ (old and new values). created
 * and updated are left out. Returns how many fields differ.
 */
size_t vk_history_diff(const struct vk_entity *e, json_t *old, json_t *new_record,
		       json_t **before, json_t **after);

/*
 * Prints the events of entity (and id, 0 for all) in the format of ctx:
 * table prints one line an event with its changes; the other formats
 * print the event records. Returns how many were printed.
 */
size_t vk_history_print(struct vk_store *s, struct vk_context *ctx, const char *entity,
			long long id);

/*
 * Appends "field: old -> new; ..." for a change, as --dry-run and messages
 * show it: each value cut as utf8_addquoted() cuts it. (The log's table
 * shows the values whole.)
 */
void vk_history_describe(json_t *before, json_t *after, struct strbuf *out);

/*
 * Erases stakeholder id's personal data: the record's personal fields
 * (name becomes "forgotten", the rest null), the attribution and link of
 * their inputs, and every copy of those values in the history. The
 * caller holds the transaction, and after committing calls
 * vk_store_purge_journal(). Returns 0 when done, 1 when there is no such
 * stakeholder, 2 when there is nothing left to erase.
 */
int vk_history_forget(struct vk_store *s, long long id);

#endif

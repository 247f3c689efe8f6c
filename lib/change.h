/*
 * change.h: changing records the one way vk does it: values checked,
 * references checked, the history written. The caller holds the write
 * transaction (vk_store_begin) and commits or rolls back; nothing here is
 * written when a problem is found.
 */
#ifndef VK_CHANGE_H
#define VK_CHANGE_H

#include <stdbool.h>
#include <jansson.h>
#include "schema.h"
#include "store.h"

/*
 * Completes converted values (vk_record_convert()) into the record an
 * add stores, in place: created and updated now unless given, every
 * field (null when absent: vk_record_fill_fields()), the initial values
 * (vk_record_set_initial()); then adds the problems of its values
 * (vk_record_check()). Nothing is read or written: vk_change_add() runs
 * this before its checks against the store, and vk-report --input runs
 * it alone.
 */
void vk_change_complete(const struct vk_entity *e, json_t *values, struct vk_problems *problems);

/*
 * Adds a record from converted values (vk_record_convert()). Fields left
 * out get their initial value; created/updated are set now unless given.
 * An "id" in values is kept if it was never used. values is completed in
 * place (vk_record_fill_fields()): on success it holds the record as
 * stored, with its id. Returns the new id, or 0 after adding problems
 * (then nothing was written).
 */
long long vk_change_add(struct vk_store *s, const struct vk_entity *e, json_t *values,
			struct vk_problems *problems);

/*
 * Applies changes (converted values; null clears a field) to the stored
 * record old (complete). Returns 1 when it changed, 0 when the changes
 * change nothing, -1 after adding problems (then roll back: a change the
 * entity carries to other records, e->after_change, may have been
 * written). When before/after are not
 * NULL they receive the changed fields' old and new values (new
 * references, also for 0). The entity's rules of a change
 * (e->check_change) hold: a trial's new status is a move, recorded as
 * one, and force (the user's --force) lets a step its lifecycle does not
 * allow through.
 */
int vk_change_update(struct vk_store *s, const struct vk_entity *e, json_t *old,
		     json_t *changes, bool force, struct vk_problems *problems, json_t **before,
		     json_t **after);

/*
 * Like vk_change_update() with the history entry's action and extra keys
 * of its "after" (a move's reason and date), for verbs such as move.
 */
int vk_change_update_as(struct vk_store *s, const struct vk_entity *e, json_t *old,
			json_t *changes, const char *action, json_t *note,
			struct vk_problems *problems);

/* An update recorded as a "move" with note's keys, force as for vk_change_update(). */
int vk_change_move(struct vk_store *s, const struct vk_entity *e, json_t *old, json_t *changes,
		   json_t *note, bool force, struct vk_problems *problems);

/*
 * For import, where a row may refer to a record a later row adds: like
 * vk_change_add() and vk_change_update(), but a reference to a record
 * that does not exist yet is no problem; the record is written and
 * *pending set, and the caller runs vk_change_recheck() on it after the
 * last row (in the same transaction).
 */
long long vk_change_add_pending(struct vk_store *s, const struct vk_entity *e, json_t *values,
				struct vk_problems *problems, bool *pending);
int vk_change_update_pending(struct vk_store *s, const struct vk_entity *e, json_t *old,
			     json_t *changes, bool force, struct vk_problems *problems,
			     json_t **before, json_t **after, bool *pending);

/* Checks the stored record id's references and store rules, adding problems. */
void vk_change_recheck(struct vk_store *s, const struct vk_entity *e, long long id,
		       struct vk_problems *problems);

/*
 * Checks that every REF and REF_LIST value of record names an existing
 * record. Adds a problem for each that does not.
 */
void vk_change_check_refs(struct vk_store *s, const struct vk_entity *e, json_t *record,
			  struct vk_problems *problems);

/*
 * Removes record id with the records it owns (an engagement's inputs, a
 * trial's learnings). Refuses when other records refer to it: returns -1
 * and appends "trial 3 (owner), ..." to why; when a rule of e refuses
 * (e->check_remove: the last learning of an evaluated trial), returns -2
 * and appends the reason. Returns 0 when removed, 1 when there is no
 * such record.
 */
int vk_change_remove(struct vk_store *s, const struct vk_entity *e, long long id,
		     struct strbuf *why);

/*
 * vk_change_remove(), and when removed appends to went what went with
 * the record, as "4 inputs" or "1 learning" (nothing when it owned none).
 */
int vk_change_remove_owned(struct vk_store *s, const struct vk_entity *e, long long id,
			   struct strbuf *why, struct strbuf *went);

#endif

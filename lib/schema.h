/*
 * schema.h: the record model every record type fills in.
 *
 * Each record type (an entity) is a table of fields. The table drives
 * everything that depends on the fields: the store's columns, the
 * command-line options of add/set/list, the CSV columns and JSON keys,
 * and the checking of values from any source (a CSV cell, a JSON value,
 * an option). The record types themselves are in lib/record/ (record.h),
 * one file each; adding a field means adding a row to its table there
 * and a migration of the store. This model knows no particular type.
 *
 * In memory a record is a jansson object whose keys are field names:
 * ids and integers as JSON integers, decimal numbers as JSON integers
 * when whole and JSON reals when not, dates as "YYYY-MM-DD" strings,
 * times of day as "HH:MM" strings, lists
 * as arrays, a headcount as an object {group: n}, absent values as null.
 */
#ifndef VK_SCHEMA_H
#define VK_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>
#include <jansson.h>
#include "date.h"
#include "problems.h"
#include "strbuf.h"
#include "vocab.h"

enum vk_field_type {
	VK_FIELD_ID,		/* the record's id, given by the store */
	VK_FIELD_TEXT,
	VK_FIELD_INT,		/* an integer in [min, max] */
	VK_FIELD_NUMBER,	/* a decimal number (42.5; 42,5 taken too), finite, below
				 * VK_NUMBER_MAX in magnitude: a JSON integer when whole,
				 * else a JSON real; the store keeps it as REAL */
	VK_FIELD_DATE,		/* YYYY-MM-DD; any input form of date.h */
	VK_FIELD_TIME,		/* a time of day, HH:MM (24-hour, local time; date.h) */
	VK_FIELD_TIMESTAMP,	/* RFC 3339 UTC, kept by the store */
	VK_FIELD_ENUM,		/* one value of vocab */
	VK_FIELD_ENUM_LIST,	/* values of vocab */
	VK_FIELD_TEXT_LIST,	/* free words (themes, tags) */
	VK_FIELD_REF,		/* the id of a record of type ref */
	VK_FIELD_REF_LIST,	/* ids of records of type ref */
	VK_FIELD_COUNTS		/* {vocab value: count}, a headcount */
};

enum vk_field_flag {
	VK_REQUIRED = 1 << 0,	/* an added record must have it */
	VK_READONLY = 1 << 1,	/* kept by vk: no option sets it (import may carry it) */
	VK_PERSONAL = 1 << 2,	/* personal data: forget erases it */
	VK_OWNED_BY = 1 << 3,	/* a REF to the record that owns this one: rm of the owner removes it */
	VK_NOT_ADD = 1 << 4,	/* set changes it, add does not: a new record starts at its
				 * initial value (a trial's status: idea) */
	VK_TITLE = 1 << 5,	/* the record's name: the argument of add, matched in part by list */
	VK_NOT_SET = 1 << 6,	/* add sets it, set does not: its own verb changes it (due: move) */
	VK_ATTRIBUTION = 1 << 7,	/* who said it (an input's source and stakeholder): forget of
				 * that stakeholder erases it */
	VK_THEME = 1 << 8,	/* TEXT or TEXT_LIST of theme names: declared ones while any
				 * theme is declared (the entity's resolve) */
	VK_LIST_ARG = 1 << 9	/* a REF that list takes as its argument (measurements 4), as
				 * it takes a VK_OWNED_BY one (learnings 4) */
};

struct vk_field;

/*
 * A text field's own rule beyond being text (an e-mail address): adds a
 * problem and returns false when s (len bytes of valid UTF-8, not empty,
 * NUL-terminated) does not keep it.
 */
typedef bool vk_text_check_fn(const struct vk_field *f, const char *s, size_t len,
			      struct vk_problems *problems);

struct vk_field {
	const char *name;	/* key in JSON, column in CSV and in the store */
	enum vk_field_type type;
	unsigned flags;
	const struct vk_vocab *vocab;	/* ENUM, ENUM_LIST, COUNTS (the keys) */
	const char *ref;	/* REF, REF_LIST: the entity referred to */
	const char *option;	/* the long option when not the name ("role") */
	const char *alias;	/* another option it answers to; the name when option is set */
	const char *argname;	/* placeholder in --help ("GROUP") */
	const char *help;
	enum vk_date_side side;	/* DATE: what a week or month means */
	long min, max;		/* INT: the range */
	const char *initial;	/* value of an added record that has none ("idea");
				 * "today" for a date */
	const char *initial_from; /* else the value of this field (baseline: due) */
	vk_text_check_fn *check_text;	/* TEXT, TEXT_LIST: the form of a value, or NULL */
};

struct vk_entity;
struct vk_store;

/* Checks that involve several fields of a whole record (start <= end). */
typedef void vk_record_check_fn(const struct vk_entity *e, json_t *record,
				struct vk_problems *problems);

/*
 * Rules that read other records (a milestone's depends make no cycle).
 * Adds problems; may warn on stderr about what is allowed but odd.
 */
typedef void vk_record_store_check_fn(struct vk_store *s, const struct vk_entity *e,
				      json_t *record, struct vk_problems *problems);

/*
 * Rules of an update that compare the record before (old) and after
 * (record), both complete: a trial's status moves along its lifecycle.
 * May make the change another action of the history (*action: "move")
 * and add keys to its event's after (note: the move's date). force is
 * the user's --force. Adds problems.
 */
typedef void vk_record_change_fn(struct vk_store *s, const struct vk_entity *e, json_t *old,
				 json_t *record, bool force, const char **action, json_t *note,
				 struct vk_problems *problems);

/*
 * Rules of removing record id beyond references (an evaluated trial
 * keeps its last learning): returns false, with the reason appended to
 * why, to refuse.
 */
typedef bool vk_record_remove_fn(struct vk_store *s, const struct vk_entity *e, long long id,
				 struct strbuf *why);

/*
 * Adds what show prints beyond the fields (a milestone's slip and moves).
 * It may give the records linked to it itself, under their plural key, in
 * an order of its own (a goal's measurements by date): show then leaves
 * that key as it is.
 */
typedef void vk_record_show_fn(struct vk_store *s, json_t *record);

/*
 * Rewrites, in place, values of record that name other records by a name
 * into the spelling those records have (a theme as declared), adding a
 * problem for a name none has. old is the record before the change (NULL
 * for an add): a value it holds already is taken as it is. record holds
 * only the fields given.
 */
typedef void vk_record_resolve_fn(struct vk_store *s, const struct vk_entity *e, json_t *old,
				  json_t *record, struct vk_problems *problems);

/*
 * After an update of old to record is stored (both complete): carries it
 * to other records in the same transaction (a theme's new name to every
 * record that has the old one). Adds problems to refuse the whole change.
 */
typedef void vk_record_after_fn(struct vk_store *s, const struct vk_entity *e, json_t *old,
				json_t *record, struct vk_problems *problems);

/* The most fields an entity has (test_schema checks): arrays by field are this long. */
#define VK_MAX_FIELDS 24

struct vk_entity {
	const char *name;	/* "stakeholder": the JSON "type" */
	const char *plural;	/* "stakeholders": the table, the key in show */
	const struct vk_field *fields;
	size_t nfields;
	vk_record_check_fn *check;
	const char *const *brief;	/* the columns of a table listing */
	const struct vk_list_filter *filters;	/* list's options beyond one per field */
	vk_record_store_check_fn *check_store;
	vk_record_show_fn *show;
	vk_record_change_fn *check_change;
	vk_record_remove_fn *check_remove;
	const char *force_help;	/* set's and import's --force (what check_change lets
				 * through); NULL: they have none */
	vk_record_resolve_fn *resolve;
	vk_record_after_fn *after_change;
};

/* How a list option beyond the fields' own filters compares. */
enum vk_list_filter_kind {
	VK_LF_DATE,	/* --OPTION DATE: field op DATE (and field2 op2 DATE) */
	VK_LF_LATE,	/* --OPTION: field before today, status not one of except */
	VK_LF_WITHIN,	/* --OPTION SPAN (14d, 2w): field from today to today + SPAN,
			 * status not one of except */
	VK_LF_BETWEEN,	/* --OPTION DATE DATE: field from the first to the second */
	VK_LF_ACTIVE,	/* --OPTION DATE: like VK_LF_DATE, and field or field2 has a date,
			 * and the status on DATE (as the history tells) not one of except */
	VK_LF_NOT_NAMED,	/* --OPTION: no record of type `by` names it in its list field
				 * (field2: that type's date, for a VK_LF_NOT_NAMED_SINCE) */
	VK_LF_NOT_NAMED_SINCE,	/* --OPTION DATE: with --`of` (a VK_LF_NOT_NAMED) alone:
				 * named by none dated DATE or later */
	VK_LF_WITHOUT	/* --OPTION VALUE (repeat or V,V): the records the list field
			 * names have `by` (a vocabulary field of theirs) none of the
			 * values, and the counts field2 none of them above 0 */
};

/* A list option that compares dates: --since DATE, --late, --upcoming 14d. */
struct vk_list_filter {
	const char *option;
	const char *argname;	/* NULL for a flag */
	const char *help;
	enum vk_list_filter_kind kind;
	const char *field;
	int op;			/* VK_LF_DATE: enum vk_filter_op of query.h */
	const char *field2;	/* VK_LF_DATE: a second condition on the same date */
	int op2;
	enum vk_date_side side;	/* VK_LF_DATE: what a week or month means */
	const char *const *except;	/* LATE, WITHIN, ACTIVE: statuses left out */
	const char *by;		/* NOT_NAMED: a record type; WITHOUT: a field of the named */
	const char *of;		/* NOT_NAMED_SINCE: the option it qualifies */
};

/*
 * The record types vk knows: every entity, in the order the store creates
 * them; NULL-terminated. Empty until vk_schema_use() hands them in.
 */
extern const struct vk_entity *const *vk_entities;

/*
 * Makes types (NULL-terminated, in static storage) the record types of
 * vk_entities. The list is lib/record/registry.c's vk_record_types, which
 * the programs hand in first thing (vk_main), and so do the tests: the
 * model, the store and the pipelines below the record types know no
 * particular one.
 */
void vk_schema_use(const struct vk_entity *const *types);

/* The record type whose name ("learning") is given, or NULL. */
const struct vk_entity *vk_entity_by_name(const char *name);
/* The record type whose plural ("learnings") is given, or NULL. */
const struct vk_entity *vk_entity_by_plural(const char *plural);

/* ---- the fields of an entity (schema.c) ---- */

/* The field of e named name, or NULL. */
const struct vk_field *vk_entity_field(const struct vk_entity *e, const char *name);
/* The field marked VK_TITLE (name or title). */
const struct vk_field *vk_entity_title(const struct vk_entity *e);
/* The field names of e in order (static storage), *count of them. */
const char *const *vk_entity_columns(const struct vk_entity *e, size_t *count);
/* The option that sets f: f->option or f->name. */
const char *vk_field_option(const struct vk_field *f);
/* Whether f holds a list (of vocabulary values, words or ids). */
bool vk_field_is_list(const struct vk_field *f);

/* ---- converting values (value.c) ---- */

/*
 * Adds the problem that names (n of them: the columns of a CSV header, or
 * the keys of a JSON record; what says which, "columns" or "keys") are
 * no field of e: one problem however many there are, quoting the first
 * few and naming the fields e has. One name is that name's problem.
 */
void vk_problems_add_unknown(struct vk_problems *p, const struct vk_entity *e,
			     const char *const *names, size_t n, const char *what);

/* Where values come from: text (CSV cells, options) or typed JSON. */
enum vk_value_source {
	VK_FROM_TEXT,	/* strings to convert; "" is absent; lists split on ';' */
	VK_FROM_OPTION,	/* like TEXT, but a list may also be an array of strings
			 * (a repeated option), and ref/enum lists split on ',' too */
	VK_FROM_JSON,	/* typed JSON, also as other tools write it: a string is read
			 * as a CSV cell ("" absent, "60" a number, "a;b" a list, the
			 * formula guard's ' removed); null is absent */
	VK_FROM_JSON_RAW	/* the same, keeping the ' (import --raw) */
};

/*
 * Converts the values in `in` (field name -> value) to a record of
 * checked, canonical values (enum values in lower case, dates as
 * YYYY-MM-DD, lists as arrays...). Keys that are no field of e are
 * problems unless ignore_unknown; a "type" key must name e. Absent
 * values become null. Returns a new object (fields of `in` only) and
 * adds a problem for each bad value; the caller checks problems->count.
 */
json_t *vk_record_convert(const struct vk_entity *e, json_t *in,
			  enum vk_value_source source, bool ignore_unknown,
			  struct vk_problems *problems);

/*
 * The same, converting `in` in place (it takes the caller's reference
 * and returns it): no second object a row. A "type" key stays; keys that
 * are no field, and values that cannot be converted, are removed.
 * vk_record_convert() is this on a copy, without "type".
 */
json_t *vk_record_convert_own(const struct vk_entity *e, json_t *in,
			      enum vk_value_source source, bool ignore_unknown,
			      struct vk_problems *problems);

/*
 * Converts one value for field f (as vk_record_convert() does for one
 * key). Returns a new reference (json_null() when absent) or NULL after
 * adding a problem.
 */
json_t *vk_field_convert(const struct vk_field *f, json_t *value,
			 enum vk_value_source source, struct vk_problems *problems);

/*
 * The same for a value given as text (source TEXT or OPTION): s is len
 * bytes of valid UTF-8, NUL-terminated (the caller checks: an import's
 * reader has). "" is absent. An import converts CSV's cells with this,
 * without making a JSON string of each first.
 */
json_t *vk_field_convert_text(const struct vk_field *f, const char *s, size_t len,
			      enum vk_value_source source, struct vk_problems *problems);

/* ---- whole records (schema.c) ---- */

/*
 * Checks a whole record (all fields present): required fields and the
 * entity's own rules. Adds problems.
 */
void vk_record_check(const struct vk_entity *e, json_t *record,
		     struct vk_problems *problems);

/*
 * Returns a new record with every field of e in schema order, "type"
 * first, taking values from `values` and null for the rest.
 */
json_t *vk_record_complete(const struct vk_entity *e, json_t *values);

/*
 * Completes values in place: sets "type" and every field of e it lacks
 * to null (key order is then not schema order). Cheaper than
 * vk_record_complete() when the caller has no further use for values.
 */
void vk_record_fill(const struct vk_entity *e, json_t *values);
/*
 * The same without "type" (an add stores fields only); values must hold
 * nothing but fields of e and "type".
 */
void vk_record_fill_fields(const struct vk_entity *e, json_t *values);

/*
 * Gives the fields of a complete record that have no value their initial
 * value (a trial's status "idea", a learning's date today, a milestone's
 * baseline its due date). Returns whether it gave any.
 */
bool vk_record_set_initial(const struct vk_entity *e, json_t *record);

/*
 * The history's text of a record as added (malloc'd): the JSON of the
 * fields of record that hold a value, ids and timestamps left out.
 */
char *vk_record_history_text(const struct vk_entity *e, json_t *record);
/* The same as a JSON object (new; its values shared with record). */
json_t *vk_record_as_added(const struct vk_entity *e, json_t *record);


#endif

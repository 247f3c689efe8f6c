/*
 * query.h: what a query asks for: a record type, filters that must all
 * hold, an order and a limit. Plain declarations: the record types' list
 * filters name their comparisons with these without knowing the store;
 * the store (store.h) runs them.
 */
#ifndef VK_QUERY_H
#define VK_QUERY_H

#include <stdbool.h>
#include <stddef.h>
#include <jansson.h>

struct vk_entity;

enum vk_filter_op {
	VK_OP_EQ, VK_OP_NE, VK_OP_LT, VK_OP_LE, VK_OP_GT, VK_OP_GE,
	VK_OP_LE_OR_NULL,	/* field <= value, or no value */
	VK_OP_GE_OR_NULL,	/* field >= value, or no value */
	VK_OP_HAS,		/* a list holds value (a headcount has the key) */
	/*
	 * value is an array of alternatives, one of which must hold; a null
	 * among them (not for HAS_ANY) stands for "or no value". Text is
	 * compared ignoring case in every alphabet (text.h).
	 */
	VK_OP_IN,		/* field is one of them */
	VK_OP_FOLD_IN,		/* text equals one of them */
	VK_OP_CONTAINS_ANY,	/* text contains one of them */
	VK_OP_HAS_ANY,		/* a list holds one of them (a headcount has the key) */
	VK_OP_NOT_IN,
	VK_OP_NULL, VK_OP_NOT_NULL,
	VK_OP_EITHER_SET,	/* field or the field named by value has a value */
	VK_OP_NOT_IN_ON,	/* value is [DATE, v, ...]: the field on DATE, as the history
				 * tells, is none of the v: the value its last change dated
				 * on or before DATE (a move's date, else the day it was
				 * made) left, or before any, the value it came in with */
	VK_OP_NOT_NAMED,	/* field is the id; value is [TYPE, LIST, DATE_FIELD, DATE]:
				 * no record of TYPE names this one in its LIST, or
				 * (DATE a string, not null) none whose DATE_FIELD is
				 * DATE or later */
	VK_OP_NONE_OF		/* field is a list of references; value is [FIELD,
				 * COUNTS, v, ...]: no record it names has FIELD one of
				 * the v, and its headcount COUNTS has none of them above 0 */
};

struct vk_filter {
	const char *field;
	enum vk_filter_op op;
	json_t *value;		/* borrowed; a string or integer (array for IN) */
};

struct vk_query {
	const struct vk_entity *entity;
	const struct vk_filter *filters;	/* all must hold */
	size_t nfilters;
	const char *sort;	/* a field; NULL: by id */
	bool descending;
	long long limit;	/* 0: no limit; VK_LIMIT_NONE: no records */
};

/* A query's limit that selects no records (--limit 0). */
#define VK_LIMIT_NONE (-1)

#endif

/*
 * import.h: bringing records in from CSV, TSV, JSON or JSON Lines, all or
 * nothing.
 *
 * Rows are read one at a time and written inside one transaction as they
 * come (memory stays flat); every row is checked, and if any is bad the
 * transaction is rolled back, so nothing is written. A row with an id
 * that exists updates that record (only the fields it has); a row
 * without one, or with an id never used, adds one.
 */
#ifndef VK_IMPORT_H
#define VK_IMPORT_H

#include <stdbool.h>
#include <stdio.h>
#include "format.h"
#include "schema.h"
#include "store.h"

#define VK_IMPORT_MAX_REPORTED 50

struct vk_import_options {
	enum vk_format from;	/* VK_FORMAT_AUTO: detect */
	int delimiter;		/* 0: detect */
	bool raw;		/* keep a leading ' in CSV cells and in JSON text */
	bool ignore_unknown;	/* skip columns that are no field */
	bool dry_run;		/* check and report, write nothing */
	bool force;		/* an update may take a step the lifecycle does not (--force) */
};

struct vk_import_result {
	size_t added, updated, unchanged;
	size_t bad;		/* rows with problems */
};

/*
 * Imports records of type e from in (named name in messages). Bad rows
 * are reported on stderr as "NAME:LINE: field: problem", an element of a
 * JSON array as "NAME:LINE: [N]: field: problem" (N from 0; up to
 * VK_IMPORT_MAX_REPORTED). With dry_run, prints to out what the import
 * would do: each add, each update with its changed fields, and a count.
 * Returns 0 when the import was written (or would be), or 65 when a row
 * was bad and nothing was written.
 */
int vk_import(struct vk_store *s, const struct vk_entity *e, FILE *in, const char *name,
	      const struct vk_import_options *opts, FILE *out, struct vk_import_result *result);

#endif

/*
 * verbs.h: the verbs every record type has (add show list set rm import
 * export log), written once for any entity of schema.h. A program lists
 * them in its command table with the entity they work on:
 *
 *	{ .name = "add", .run = vk_cmd_add, .entity = &vk_entity_trial,
 *	  .summary = "add a trial" },
 */
#ifndef VK_VERBS_H
#define VK_VERBS_H

#include "cli.h"
#include "store.h"

/* The command-table rows of the verbs every record type has. */
#define VK_VERBS(e, what)							\
	{ .name = "add", .run = vk_cmd_add, .entity = &(e),				\
	  .summary = "add " what " and print its id" },					\
	{ .name = "show", .run = vk_cmd_show, .entity = &(e),				\
	  .summary = "print " what " with its linked records" },			\
	{ .name = "list", .run = vk_cmd_list, .entity = &(e),				\
	  .summary = "list, filter and sort" },						\
	{ .name = "set", .run = vk_cmd_set, .entity = &(e),				\
	  .summary = "change fields" },							\
	{ .name = "rm", .run = vk_cmd_rm, .entity = &(e),				\
	  .summary = "remove (refused while others refer to it)" },			\
	{ .name = "import", .run = vk_cmd_import, .entity = &(e),			\
	  .summary = "import CSV, TSV, JSON or JSON Lines, all or nothing" },		\
	{ .name = "export", .run = vk_cmd_export, .entity = &(e),			\
	  .summary = "print every field of every record" },				\
	{ .name = "log", .run = vk_cmd_log, .entity = &(e),				\
	  .summary = "print the history of changes" }

vk_command_fn vk_cmd_add;
vk_command_fn vk_cmd_show;
vk_command_fn vk_cmd_list;
vk_command_fn vk_cmd_set;
vk_command_fn vk_cmd_rm;
vk_command_fn vk_cmd_import;
vk_command_fn vk_cmd_export;
vk_command_fn vk_cmd_log;

/* How a listing prints its records: list prints them, ics a calendar. */
typedef void vk_list_print_fn(struct vk_store *s, struct vk_context *ctx,
			      const struct vk_query *q, void *data);

struct vk_list_use {
	const char *what;		/* the description's verb: "Lists"; NULL for that */
	vk_list_print_fn *print;
	void *data;			/* passed to print */
	const struct vk_option *extra;	/* more options (ending in VK_OPT_END_LIST), or NULL */
	bool records;			/* takes -o, --excel, --raw */
};

/*
 * Runs a listing of the command's entity: one filter option per field,
 * the entity's date filters, --sort, --limit, then use->print on the
 * query in a read snapshot.
 */
int vk_list_run(int argc, char **argv, struct vk_context *ctx, const struct vk_list_use *use);

/*
 * Adds a record of e from option values (field -> string or array of
 * strings), prints its id and returns it. Bad values exit 65.
 */
long long vk_add_values(struct vk_context *ctx, const struct vk_entity *e, json_t *values);

/*
 * Builds the options that set fields of e (--group GROUP, --role ROLE...),
 * storing values into `values` (an object: field -> string, or array of
 * strings for list fields). With filters, builds list's filter options
 * instead (one value each). Returns a new array ending in VK_OPT_END,
 * with room for `extra` more options before the end; free(3) it.
 */
struct vk_option *vk_field_options(const struct vk_entity *e, json_t *values, bool filters,
				   size_t extra);

/* What the field options are for: add, set (leaves out VK_NOT_SET fields) or list. */
enum vk_options_use { VK_OPTIONS_ADD, VK_OPTIONS_SET, VK_OPTIONS_FILTER };
struct vk_option *vk_field_options_for(const struct vk_entity *e, json_t *values,
				       enum vk_options_use use, size_t extra);

/* Frees an array made by vk_field_options(). */
void vk_options_release(struct vk_option *opts);

/* Appends opts (ending in VK_OPT_END) to the array made by vk_field_options(). */
void vk_options_append(struct vk_option *array, const struct vk_option *opts);

/*
 * Converts list's filter values (field -> string) into store filters on
 * e, adding them to *filters (grown with realloc; *n counts them). Bad
 * values are usage errors. The filters' values are kept in `keep`, which
 * the caller decrefs after the query.
 */
void vk_build_filters(struct vk_context *ctx, const struct vk_entity *e, json_t *values,
		      struct vk_filter **filters, size_t *n, json_t *keep);

/*
 * Prints the records of a query in the format of ctx: all fields, or the
 * entity's brief columns for a table when brief. Returns the count.
 */
size_t vk_print_query(struct vk_store *s, struct vk_context *ctx, const struct vk_query *q,
		      bool brief);

/* Exits 74 after a failed write to stdout. */
void vk_check_write(int rc);

/* Opens FILE or "-" (stdin) for reading; a file that is missing, unreadable or a directory exits 66. */
FILE *vk_open_input(const char *path);

/*
 * Reports problems as "PROGRAM: field: message" (one line each), for the
 * verbs that change one record from options.
 */
void vk_report_problems(const struct vk_problems *pr);

#endif

/*
 * vk-goal: the themes of a process, its goals (a baseline and a target
 * each) and their measurements: the figures a yearly survey or a
 * register gives. See vk-goal(1).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "error.h"
#include "record.h"
#include "schema.h"
#include "verbs.h"
#include "writer.h"

/* measure ID VALUE [options]: measurement add --goal ID --value VALUE */
static int cmd_measure(int argc, char **argv, struct vk_context *ctx)
{
	json_t *values = json_object();
	struct vk_option opts[] = {
		{ .type = VK_OPT_FIELD, .long_name = "date", .value = values, .argname = "DATE",
		  .help = "the day it was measured (default: today; not after today)",
		  .field = "date" },
		{ .type = VK_OPT_FIELD, .long_name = "respondents", .value = values, .argname = "N",
		  .help = "how many survey answers it rests on", .field = "respondents" },
		{ .type = VK_OPT_FIELD, .long_name = "source", .value = values, .argname = "TEXT",
		  .help = "where it comes from", .field = "source" },
		{ .type = VK_OPT_FIELD, .long_name = "notes", .value = values, .argname = "TEXT",
		  .help = "notes", .field = "notes" },
		VK_OPT_DB(ctx), VK_OPT_END_LIST
	};
	int n = vk_parse_options(ctx, argc, argv, opts, "measure ID VALUE [options]",
		"Records a measurement of goal ID (measurement add --goal ID --value VALUE) and "
		"prints its id. VALUE may be decimal: 42.5 or 42,5.");

	if (n != 2)
		vk_usage_error(ctx, n < 2 ? "give the goal's ID and the VALUE" : "too many arguments");
	vk_parse_id(ctx, argv[0], "ID");
	json_object_set_new(values, "goal", json_string(argv[0]));
	json_object_set_new(values, "value", json_string(argv[1]));
	vk_add_values(ctx, &vk_entity_measurement, values);
	json_decref(values);
	return VK_EXIT_OK;
}

/* The statuses --status asks for (want[status]), from its values; bad ones exit 65. */
static bool wanted_statuses(json_t *given, bool want[4])
{
	size_t i;
	json_t *v;
	bool any = false;

	json_array_foreach(given, i, v) {
		const char *text = json_string_value(v);
		for (const char *p = text; p && *p;) {
			size_t len = strcspn(p, ",");
			char word[32];
			enum vk_goal_status st;
			while (len && *p == ' ')
				p++, len--;
			snprintf(word, sizeof(word), "%.*s", (int)len, p);
			for (size_t k = strlen(word); k && word[k - 1] == ' '; k--)
				word[k - 1] = '\0';
			if (len >= sizeof(word) || !vk_goal_status_parse(word, &st))
				vk_die(VK_EXIT_DATAERR, "--status: \"%.*s\" is not a goal status; use one "
				       "of: reached, on-track, behind, no-data", (int)len, p);
			want[st] = true;
			any = true;
			p += len + (p[len] == ',');
		}
	}
	return any;
}

/* Prints the goals of q, those of the statuses --status asks for when it is given. */
static void print_goals(struct vk_store *s, struct vk_context *ctx, const struct vk_query *q,
			void *data)
{
	bool want[4] = { false };

	if (!wanted_statuses(data, want)) {
		vk_print_query(s, ctx, q, true);
		return;
	}
	enum vk_format format = vk_output_format(ctx);
	struct vk_writer_options wo = { .format = format, .excel = ctx->excel, .raw = ctx->raw };
	size_t ncols = 0;
	const char *const *cols;
	if (format == VK_FORMAT_TABLE) {
		cols = vk_entity_goal.brief;
		while (cols[ncols])
			ncols++;
	} else {
		cols = vk_entity_columns(&vk_entity_goal, &ncols);
	}
	struct vk_writer *w = vk_writer_open(stdout, &wo, cols, ncols);
	/* the status is computed: the limit counts the goals that have it */
	struct vk_query all = *q;
	all.limit = q->limit == VK_LIMIT_NONE ? VK_LIMIT_NONE : 0;
	struct vk_cursor *c = vk_store_query(s, &all);
	long long n = 0;
	json_t *g;
	while ((q->limit <= 0 || n < q->limit) && (g = vk_cursor_next(c))) {
		struct vk_goal_progress p;
		json_t *ms = vk_goal_measurements(s, json_integer_value(json_object_get(g, "id")));
		vk_goal_progress(g, ms, vk_today(), &p);
		if (want[p.status]) {
			vk_check_write(vk_writer_row(w, g));
			n++;
		}
		json_decref(ms);
		json_decref(g);
	}
	vk_cursor_close(c);
	vk_check_write(vk_writer_close(w));
}

/* list: the fields' filters, and --status (computed as of today). */
static int cmd_list(int argc, char **argv, struct vk_context *ctx)
{
	json_t *statuses = json_array();
	struct vk_option extra[] = {
		VK_OPT_LIST(0, "status", statuses, "STATUS", "reached, on-track, behind or no-data, "
			    "as of today (repeat or STATUS,STATUS)"),
		VK_OPT_END_LIST
	};
	struct vk_list_use use = { .print = print_goals, .data = statuses, .extra = extra,
				   .records = true };
	int rc = vk_list_run(argc, argv, ctx, &use);

	json_decref(statuses);
	return rc;
}

/* VK_VERBS of verbs.h for goals, with a list of its own (--status) */
#define VK_GOAL_VERBS								\
	{ .name = "add", .run = vk_cmd_add, .entity = &vk_entity_goal,		\
	  .summary = "add a goal and print its id" },				\
	{ .name = "show", .run = vk_cmd_show, .entity = &vk_entity_goal,		\
	  .summary = "print a goal with its measurements and trials" },		\
	{ .name = "list", .run = cmd_list, .entity = &vk_entity_goal,		\
	  .summary = "list, filter (also by status) and sort" },			\
	{ .name = "set", .run = vk_cmd_set, .entity = &vk_entity_goal,		\
	  .summary = "change fields" },						\
	{ .name = "rm", .run = vk_cmd_rm, .entity = &vk_entity_goal,		\
	  .summary = "remove (refused while measurements or trials refer to it)" },	\
	{ .name = "import", .run = vk_cmd_import, .entity = &vk_entity_goal,	\
	  .summary = "import CSV, TSV, JSON or JSON Lines, all or nothing" },	\
	{ .name = "export", .run = vk_cmd_export, .entity = &vk_entity_goal,	\
	  .summary = "print every field of every record" },			\
	{ .name = "log", .run = vk_cmd_log, .entity = &vk_entity_goal,		\
	  .summary = "print the history of changes" }

static const struct vk_command theme_verbs[] = {
	VK_VERBS(vk_entity_theme, "a theme"),
	VK_COMMANDS_END
};

static const struct vk_command measurement_verbs[] = {
	VK_VERBS(vk_entity_measurement, "a measurement"),
	VK_COMMANDS_END
};

static const struct vk_command commands[] = {
	VK_GOAL_VERBS,
	{ .name = "theme", .summary = "themes: the process's themes, declared",
	  .subcommands = theme_verbs },
	{ .name = "measurement", .summary = "measurements: a goal's figures, date by date",
	  .subcommands = measurement_verbs },
	{ .name = "measure", .run = cmd_measure, .entity = &vk_entity_measurement,
	  .summary = "record a measurement of a goal (measurement add)" },
	{ .name = "measurements", .run = vk_cmd_list, .entity = &vk_entity_measurement,
	  .summary = "list measurements (measurement list)" },
	{ .name = "themes", .run = vk_cmd_list, .entity = &vk_entity_theme,
	  .summary = "list the themes (theme list)" },
	VK_COMMANDS_END
};

static const struct vk_program program = {
	.name = "vk-goal",
	.summary = "The themes and goals of a vision process, their baselines, targets and "
		   "measurements.",
	.commands = commands
};

int main(int argc, char **argv)
{
	return vk_main(&program, argc, argv);
}

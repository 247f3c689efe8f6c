/*
 * vk-goal: the themes of a process, its goals (a baseline and a target
 * each) and their measurements: the figures a yearly survey or a
 * register gives. See vk-goal(1).
 */
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "error.h"
#include "record.h"
#include "schema.h"
#include "verbs.h"

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

/* measurements [ID] [options]: measurement list [--goal ID] */
static int cmd_measurements(int argc, char **argv, struct vk_context *ctx)
{
	return vk_cmd_list(argc, argv, ctx);
}

static const struct vk_command theme_verbs[] = {
	VK_VERBS(vk_entity_theme, "a theme"),
	VK_COMMANDS_END
};

static const struct vk_command measurement_verbs[] = {
	VK_VERBS(vk_entity_measurement, "a measurement"),
	VK_COMMANDS_END
};

static const struct vk_command commands[] = {
	VK_VERBS(vk_entity_goal, "a goal"),
	{ .name = "theme", .summary = "themes: the process's themes, declared",
	  .subcommands = theme_verbs },
	{ .name = "measurement", .summary = "measurements: a goal's figures, date by date",
	  .subcommands = measurement_verbs },
	{ .name = "measure", .run = cmd_measure, .entity = &vk_entity_measurement,
	  .summary = "record a measurement of a goal (measurement add)" },
	{ .name = "measurements", .run = cmd_measurements, .entity = &vk_entity_measurement,
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

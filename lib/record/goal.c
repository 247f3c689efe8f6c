/*
 * goal.c: a goal of the process (record.h): under a theme, what is
 * measured (the indicator, in a unit), where the figures come from
 * (survey, register, other), which way is better (up or down), a
 * baseline and a target, each with its date.
 */
#include <string.h>
#include "record.h"
#include "record/internal.h"

/* A goal's baseline comes no later than its target. */
static void check_goal(const struct vk_entity *e, json_t *r, struct vk_problems *pr)
{
	const char *a = json_string_value(json_object_get(r, "baseline_date"));
	const char *b = json_string_value(json_object_get(r, "target_date"));

	(void)e;
	if (a && b && strcmp(a, b) > 0)
		vk_problems_add(pr, "baseline_date", "%s is after target_date %s", a, b);
}

static const struct vk_field goal_fields[] = {
	{ .name = "id", .type = VK_FIELD_ID, .flags = VK_READONLY },
	{ .name = "theme", .type = VK_FIELD_TEXT, .argname = "THEME",
	  .help = "the theme it comes under (a theme's name)" },
	{ .name = "title", .type = VK_FIELD_TEXT, .flags = VK_REQUIRED | VK_TITLE, .argname = "TITLE",
	  .help = "what the goal is" },
	{ .name = "indicator", .type = VK_FIELD_TEXT, .argname = "TEXT",
	  .help = "what is measured" },
	{ .name = "unit", .type = VK_FIELD_TEXT, .argname = "UNIT",
	  .help = "the unit of the figures (%, people, kr.)" },
	{ .name = "source", .type = VK_FIELD_ENUM, .vocab = &vk_vocab_goal_source,
	  .argname = "SOURCE", .help = "where the figures come from: survey, register or other" },
	{ .name = "direction", .type = VK_FIELD_ENUM, .vocab = &vk_vocab_direction,
	  .flags = VK_REQUIRED, .initial = "up", .argname = "DIRECTION",
	  .help = "up (more is better, the default) or down (less is better)" },
	{ .name = "baseline", .type = VK_FIELD_NUMBER, .argname = "NUMBER",
	  .help = "the figure at the start (42.5 or 42,5)" },
	{ .name = "baseline_date", .type = VK_FIELD_DATE, .option = "baseline-date",
	  .side = VK_DATE_START, .argname = "DATE", .help = "when the baseline was measured" },
	{ .name = "target", .type = VK_FIELD_NUMBER, .argname = "NUMBER",
	  .help = "the figure to reach" },
	{ .name = "target_date", .type = VK_FIELD_DATE, .option = "target-date",
	  .side = VK_DATE_END, .argname = "DATE", .help = "when the target is to be reached" },
	{ .name = "owner", .type = VK_FIELD_REF, .ref = "stakeholder", .argname = "ID",
	  .help = "who answers for it (a stakeholder id)" },
	{ .name = "notes", .type = VK_FIELD_TEXT, .argname = "TEXT", .help = "notes" },
};

static const char *const goal_brief[] = {
	"id", "theme", "title", "unit", "baseline", "target", "target_date", NULL
};

const struct vk_entity vk_entity_goal = {
	.name = "goal", .plural = "goals",
	.fields = goal_fields, .nfields = ARRAY_SIZE(goal_fields),
	.check = check_goal, .brief = goal_brief,
};

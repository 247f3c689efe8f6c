/*
 * measurement.c: a figure of a goal on a day (record.h): the value, and
 * for a survey how many answers it rests on.
 */
#include "record.h"
#include "record/internal.h"

static const struct vk_field measurement_fields[] = {
	{ .name = "id", .type = VK_FIELD_ID, .flags = VK_READONLY },
	{ .name = "goal", .type = VK_FIELD_REF, .ref = "goal", .flags = VK_REQUIRED,
	  .argname = "ID", .help = "the goal it measures" },
	{ .name = "date", .type = VK_FIELD_DATE, .flags = VK_REQUIRED, .argname = "DATE",
	  .help = "the day it was measured (default today; not after today)", .initial = "today" },
	{ .name = "value", .type = VK_FIELD_NUMBER, .flags = VK_REQUIRED, .argname = "NUMBER",
	  .help = "the figure (42.5 or 42,5)" },
	{ .name = "respondents", .type = VK_FIELD_INT, .argname = "N",
	  .help = "how many survey answers it rests on", .min = 1, .max = 100000000 },
	{ .name = "source", .type = VK_FIELD_TEXT, .argname = "TEXT",
	  .help = "where it comes from (\"Borgerundersøgelsen 2021\")" },
	{ .name = "notes", .type = VK_FIELD_TEXT, .argname = "TEXT", .help = "notes" },
};

static const char *const measurement_brief[] = {
	"id", "goal", "date", "value", "respondents", "source", NULL
};

static const struct vk_list_filter measurement_filters[] = {
	{ .option = "since", .argname = "DATE", .help = "measured on or after DATE",
	  .kind = VK_LF_DATE, .field = "date", .op = VK_OP_GE, .side = VK_DATE_START },
	{ .option = "until", .argname = "DATE", .help = "measured on or before DATE",
	  .kind = VK_LF_DATE, .field = "date", .op = VK_OP_LE, .side = VK_DATE_END },
	{ .option = NULL }
};

const struct vk_entity vk_entity_measurement = {
	.name = "measurement", .plural = "measurements",
	.fields = measurement_fields, .nfields = ARRAY_SIZE(measurement_fields),
	.brief = measurement_brief, .filters = measurement_filters,
};

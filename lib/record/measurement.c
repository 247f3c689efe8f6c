/*
 * measurement.c: a figure of a goal on a day (record.h): the value, and
 * for a survey how many answers it rests on.
 */
#include <string.h>
#include "date.h"
#include "record.h"
#include "record/internal.h"

/* A measurement is of a day that has come: not after today ($VK_TODAY). */
static void check_store(struct vk_store *s, const struct vk_entity *e, json_t *record,
			struct vk_problems *pr)
{
	const char *date = json_string_value(json_object_get(record, "date"));
	char today[VK_DATE_SIZE];

	(void)s;
	(void)e;
	vk_date_format(vk_today(), today);
	if (date && strcmp(date, today) > 0)
		vk_problems_add(pr, "date", "%s is after today (%s): a measurement is of a day "
				"that has come", date, today);
}

static const struct vk_field measurement_fields[] = {
	{ .name = "id", .type = VK_FIELD_ID, .flags = VK_READONLY },
	{ .name = "goal", .type = VK_FIELD_REF, .ref = "goal", .flags = VK_REQUIRED | VK_LIST_ARG,
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
	.brief = measurement_brief, .filters = measurement_filters, .check_store = check_store,
};

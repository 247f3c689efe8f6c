/* engagement.c: an activity where stakeholders took part (a workshop, an interview). */
#include "record.h"
#include "record/internal.h"

static const struct vk_field engagement_fields[] = {
	{ .name = "id", .type = VK_FIELD_ID, .flags = VK_READONLY },
	{ .name = "date", .type = VK_FIELD_DATE, .flags = VK_REQUIRED, .argname = "DATE",
	  .help = "the day it took place" },
	{ .name = "kind", .type = VK_FIELD_ENUM, .flags = VK_REQUIRED, .vocab = &vk_vocab_engagement_kind,
	  .argname = "KIND" },
	{ .name = "title", .type = VK_FIELD_TEXT, .flags = VK_REQUIRED | VK_TITLE, .argname = "TITLE",
	  .help = "what it was" },
	{ .name = "town", .type = VK_FIELD_TEXT, .argname = "TOWN", .help = "where it took place" },
	{ .name = "participants", .type = VK_FIELD_REF_LIST, .ref = "stakeholder", .option = "with",
	  .argname = "ID", .help = "stakeholders who took part (repeat or ID,ID)" },
	{ .name = "headcount", .type = VK_FIELD_COUNTS, .vocab = &vk_vocab_group,
	  .argname = "GROUP=N", .help = "people present who are not in the register, by group (repeat)" },
	{ .name = "themes", .type = VK_FIELD_TEXT_LIST, .flags = VK_THEME, .option = "theme",
	  .argname = "THEME",
	  .help = "a theme it touched (repeat for more)" },
	{ .name = "notes", .type = VK_FIELD_TEXT, .argname = "TEXT", .help = "notes" },
};

static const char *const engagement_brief[] = {
	"id", "date", "kind", "title", "town", "participants", "headcount", NULL
};

static const struct vk_list_filter engagement_filters[] = {
	{ .option = "since", .argname = "DATE", .help = "on or after DATE", .kind = VK_LF_DATE,
	  .field = "date", .op = VK_OP_GE, .side = VK_DATE_START },
	{ .option = "until", .argname = "DATE", .help = "on or before DATE", .kind = VK_LF_DATE,
	  .field = "date", .op = VK_OP_LE, .side = VK_DATE_END },
	{ .option = "without", .argname = "GROUP",
	  .help = "no one of GROUP took part, named or counted (repeat or G,G: none of them)",
	  .kind = VK_LF_WITHOUT, .field = "participants", .by = "group", .field2 = "headcount" },
	{ .option = NULL }
};

const struct vk_entity vk_entity_engagement = {
	.name = "engagement", .plural = "engagements",
	.fields = engagement_fields, .nfields = ARRAY_SIZE(engagement_fields),
	.brief = engagement_brief, .filters = engagement_filters,
	.resolve = record_resolve_themes,
};

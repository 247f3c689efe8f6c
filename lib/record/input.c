/* input.c: what was said at an engagement, with its attribution and themes. */
#include "record.h"
#include "record/internal.h"

static const struct vk_field input_fields[] = {
	{ .name = "id", .type = VK_FIELD_ID, .flags = VK_READONLY },
	{ .name = "engagement", .type = VK_FIELD_REF, .ref = "engagement",
	  .flags = VK_REQUIRED | VK_OWNED_BY, .argname = "ID", .help = "the engagement where it was said" },
	{ .name = "stakeholder", .type = VK_FIELD_REF, .ref = "stakeholder", .flags = VK_ATTRIBUTION,
	  .argname = "ID", .help = "the stakeholder who said it, if registered" },
	{ .name = "source", .type = VK_FIELD_TEXT, .flags = VK_ATTRIBUTION, .argname = "TEXT",
	  .help = "short attribution (\"male pensioner, Paamiut\")" },
	{ .name = "text", .type = VK_FIELD_TEXT, .flags = VK_REQUIRED | VK_TITLE, .argname = "TEXT",
	  .help = "what was said" },
	{ .name = "themes", .type = VK_FIELD_TEXT_LIST, .flags = VK_THEME, .option = "theme",
	  .argname = "THEME",
	  .help = "a theme (repeat for more)" },
};

static const char *const input_brief[] = {
	"id", "engagement", "source", "text", "themes", NULL
};

const struct vk_entity vk_entity_input = {
	.name = "input", .plural = "inputs",
	.fields = input_fields, .nfields = ARRAY_SIZE(input_fields),
	.brief = input_brief, .resolve = record_resolve_themes,
};

/*
 * theme.c: a theme of the process (record.h): a name the engagements,
 * inputs, trials and goals are given, declared once with a description.
 */
#include "record.h"
#include "record/internal.h"

static const struct vk_field theme_fields[] = {
	{ .name = "id", .type = VK_FIELD_ID, .flags = VK_READONLY },
	{ .name = "name", .type = VK_FIELD_TEXT, .flags = VK_REQUIRED | VK_TITLE, .argname = "NAME",
	  .help = "the theme's name, as records are given it" },
	{ .name = "description", .type = VK_FIELD_TEXT, .argname = "TEXT",
	  .help = "what the theme covers" },
};

static const char *const theme_brief[] = { "id", "name", "description", NULL };

const struct vk_entity vk_entity_theme = {
	.name = "theme", .plural = "themes",
	.fields = theme_fields, .nfields = ARRAY_SIZE(theme_fields),
	.brief = theme_brief,
};

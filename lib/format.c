/* format.c: see format.h */
#include <string.h>
#include <unistd.h>
#include "format.h"
#include "util.h"

static const char *const names[] = {
	[VK_FORMAT_TABLE] = "table",
	[VK_FORMAT_CSV] = "csv",
	[VK_FORMAT_TSV] = "tsv",
	[VK_FORMAT_JSON] = "json",
	[VK_FORMAT_JSONL] = "jsonl",
};

#define NNAMES (ARRAY_SIZE(names))

enum vk_format vk_format_from_name(const char *name)
{
	size_t i;

	if (!name)
		return VK_FORMAT_AUTO;
	for (i = 0; i < NNAMES; i++)
		if (names[i] && !strcmp(names[i], name))
			return (enum vk_format)i;
	return VK_FORMAT_AUTO;
}

/* Returns "auto" for VK_FORMAT_AUTO and NULL for a value outside the enum. */
const char *vk_format_name(enum vk_format f)
{
	if (f == VK_FORMAT_AUTO)
		return "auto";
	if ((size_t)f >= NNAMES)
		return NULL;
	return names[f];
}

enum vk_format vk_format_default_output(void)
{
	return isatty(STDOUT_FILENO) ? VK_FORMAT_TABLE : VK_FORMAT_JSONL;
}

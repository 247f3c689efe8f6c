/*
 * format.h: the names of the record formats (-o FORMAT, --from FORMAT).
 */
#ifndef VK_FORMAT_H
#define VK_FORMAT_H

enum vk_format {
	VK_FORMAT_AUTO = 0,	/* input: detect; output: table on a terminal, else jsonl */
	VK_FORMAT_TABLE,
	VK_FORMAT_CSV,
	VK_FORMAT_TSV,
	VK_FORMAT_JSON,
	VK_FORMAT_JSONL
};

/* Returns the format called name ("csv", ...), or VK_FORMAT_AUTO if none is. */
enum vk_format vk_format_from_name(const char *name);
const char *vk_format_name(enum vk_format f);

/* The default output format: table when fd 1 is a terminal, else jsonl. */
enum vk_format vk_format_default_output(void);

#endif

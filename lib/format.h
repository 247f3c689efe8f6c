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

/*
 * A value as the store keeps it and a writer prints it, without a JSON
 * object in between (export of a million rows): text, a number's
 * digits, the compact JSON text of a list or headcount, or none (s is
 * then the JSON to print for it: "null", "[]" or "{}").
 */
enum vk_cell_kind { VK_CELL_NONE, VK_CELL_TEXT, VK_CELL_NUMBER, VK_CELL_JSON };

struct vk_cell {
	enum vk_cell_kind kind;
	const char *s;	/* borrowed; not NUL-terminated for the writer */
	size_t len;
};

#endif

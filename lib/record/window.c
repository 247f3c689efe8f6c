/* window.c: the rule of a window of days, which trials and milestones share. */
#include <string.h>
#include "record/internal.h"

void record_check_window(json_t *r, const char *last, struct vk_problems *pr)
{
	const char *a = json_string_value(json_object_get(r, "start"));
	const char *b = json_string_value(json_object_get(r, last));

	if (a && b && strcmp(a, b) > 0)
		vk_problems_add(pr, "start", "%s is after %s %s", a, last, b);
}

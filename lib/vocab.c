/* vocab.c: see vocab.h */
#include <string.h>
#include "utf8.h"
#include "util.h"
#include "vocab.h"

#define VOCAB(var, label, ...)						\
	static const char *const var##_values[] = { __VA_ARGS__ };	\
	const struct vk_vocab var = {					\
		.name = label, .values = var##_values,			\
		.count = ARRAY_SIZE(var##_values)			\
	}

/* The first four groups are internal: see vk_group_is_internal(). */
VOCAB(vk_vocab_group, "group",
      "politician", "management", "manager", "employee", "citizen",
      "association", "business", "education", "partner", "consultant",
      "other");
VOCAB(vk_vocab_role, "role",
      "owner", "steering", "working", "lead", "secretary", "participant");
VOCAB(vk_vocab_level, "level", "low", "medium", "high");
VOCAB(vk_vocab_engagement_kind, "engagement kind",
      "interview", "workshop", "meeting", "seminar", "survey", "dialogue",
      "visit", "event", "other");
VOCAB(vk_vocab_trial_status, "trial status",
      "idea", "proposed", "approved", "running", "done", "evaluated",
      "rejected", "stopped");
VOCAB(vk_vocab_outcome, "outcome", "adopt", "adapt", "drop");
VOCAB(vk_vocab_milestone_kind, "milestone kind",
      "gathering", "workshop", "seminar", "decision", "deliverable", "round",
      "report", "other");
VOCAB(vk_vocab_milestone_status, "milestone status",
      "planned", "done", "cancelled");
VOCAB(vk_vocab_goal_source, "goal source", "survey", "register", "other");
VOCAB(vk_vocab_direction, "direction", "up", "down");

#define INTERNAL_GROUPS 4


const char *vk_vocab_lookup(const struct vk_vocab *v, const char *value,
			    struct strbuf *err)
{
	const char *name = v->name;

	/* vocabulary values are lower-case ASCII: the first byte first */
	int first = (unsigned char)value[0];

	if (first >= 'A' && first <= 'Z')
		first += 'a' - 'A';
	/* most values are written as the vocabulary has them: look for that first */
	for (size_t i = 0; i < v->count; i++)
		if (v->values[i][0] == value[0] && !strcmp(value, v->values[i]))
			return v->values[i];
	for (size_t i = 0; i < v->count; i++)
		if ((unsigned char)v->values[i][0] == first && utf8_ascii_equal(value, v->values[i]))
			return v->values[i];
	if (err) {
		utf8_addquoted(err, value);
		/* "is not an outcome", "is not a group" */
		strbuf_addstr(err, name[0] && strchr("aeiou", name[0]) ?
			      " is not an " : " is not a ");
		strbuf_addstr(err, name);
		strbuf_addstr(err, "; use one of: ");
		vk_vocab_list(v, err);
	}
	return NULL;
}

int vk_vocab_index(const struct vk_vocab *v, const char *value)
{
	for (size_t i = 0; i < v->count; i++)
		if (strcmp(value, v->values[i]) == 0)
			return (int)i;
	return -1;
}

void vk_vocab_list(const struct vk_vocab *v, struct strbuf *out)
{
	for (size_t i = 0; i < v->count; i++) {
		if (i)
			strbuf_addstr(out, ", ");
		strbuf_addstr(out, v->values[i]);
	}
}

void vk_vocab_list_or(const struct vk_vocab *v, struct strbuf *out)
{
	for (size_t i = 0; i < v->count; i++) {
		if (i)
			strbuf_addstr(out, i + 1 < v->count ? ", " : " or ");
		strbuf_addstr(out, v->values[i]);
	}
}

/* Ignores ASCII case like vk_vocab_lookup(); NULL is not internal. */
bool vk_group_is_internal(const char *group)
{
	const char *canon;

	if (!group)
		return false;
	canon = vk_vocab_lookup(&vk_vocab_group, group, NULL);
	return canon && vk_vocab_index(&vk_vocab_group, canon) < INTERNAL_GROUPS;
}

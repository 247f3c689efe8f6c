/* stakeholder.c: a person who takes part in the process. */
#include <string.h>
#include "record.h"
#include "record/internal.h"

/* Adds a problem and returns false when s (len bytes) is no e-mail address. */
static bool check_email(const struct vk_field *f, const char *s, size_t len,
			struct vk_problems *pr)
{
	const char *at = strchr(s, '@');

	(void)len;
	if (!at || at == s || !at[1] || strchr(at + 1, '@') || strpbrk(s, " \t\r\n,;<>")) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_addquoted(&sb, s);
		vk_problems_add(pr, f->name, "%s is not an e-mail address", sb.buf);
		strbuf_release(&sb);
		return false;
	}
	return true;
}

/* Adds a problem and returns false when s (len bytes) is no telephone number. */
static bool check_phone(const struct vk_field *f, const char *s, size_t len,
			struct vk_problems *pr)
{
	(void)len;
	if (s[strspn(s, "0123456789 +-().")] || !strpbrk(s, "0123456789")) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_addquoted(&sb, s);
		vk_problems_add(pr, f->name, "%s is not a telephone number (digits, spaces, + - . ( ))", sb.buf);
		strbuf_release(&sb);
		return false;
	}
	return true;
}

static const struct vk_field stakeholder_fields[] = {
	{ .name = "id", .type = VK_FIELD_ID, .flags = VK_READONLY },
	{ .name = "name", .type = VK_FIELD_TEXT, .flags = VK_REQUIRED | VK_PERSONAL | VK_TITLE,
	  .argname = "NAME", .help = "full name" },
	{ .name = "group", .type = VK_FIELD_ENUM, .vocab = &vk_vocab_group,
	  .argname = "GROUP", .help = "politician, management, manager, employee, citizen, association, business, education, partner, consultant or other" },
	{ .name = "organisation", .type = VK_FIELD_TEXT, .argname = "ORG",
	  .help = "organisation, department or unit" },
	{ .name = "town", .type = VK_FIELD_TEXT, .argname = "TOWN", .help = "town or settlement" },
	{ .name = "email", .type = VK_FIELD_TEXT, .flags = VK_PERSONAL, .argname = "ADDRESS",
	  .help = "e-mail address", .check_text = check_email },
	{ .name = "phone", .type = VK_FIELD_TEXT, .flags = VK_PERSONAL, .argname = "NUMBER",
	  .help = "telephone number", .check_text = check_phone },
	{ .name = "roles", .type = VK_FIELD_ENUM_LIST, .vocab = &vk_vocab_role, .option = "role",
	  .argname = "ROLE", .help = "owner, steering, working, lead, secretary or participant (repeat or ROLE,ROLE)" },
	{ .name = "allocation", .type = VK_FIELD_INT, .argname = "PERCENT",
	  .help = "share of working time allocated to the process, 0-100", .min = 0, .max = 100 },
	{ .name = "influence", .type = VK_FIELD_ENUM, .vocab = &vk_vocab_level,
	  .argname = "LEVEL", .help = "low, medium or high" },
	{ .name = "interest", .type = VK_FIELD_ENUM, .vocab = &vk_vocab_level,
	  .argname = "LEVEL", .help = "low, medium or high" },
	{ .name = "tags", .type = VK_FIELD_TEXT_LIST, .option = "tag", .argname = "TAG",
	  .help = "a free word (repeat for more)" },
	{ .name = "notes", .type = VK_FIELD_TEXT, .flags = VK_PERSONAL, .argname = "TEXT",
	  .help = "notes" },
	{ .name = "created", .type = VK_FIELD_TIMESTAMP, .flags = VK_READONLY },
	{ .name = "updated", .type = VK_FIELD_TIMESTAMP, .flags = VK_READONLY },
};

static const char *const stakeholder_brief[] = {
	"id", "name", "group", "organisation", "town", "roles", NULL
};

const struct vk_entity vk_entity_stakeholder = {
	.name = "stakeholder", .plural = "stakeholders",
	.fields = stakeholder_fields, .nfields = RECORD_COUNT(stakeholder_fields),
	.brief = stakeholder_brief,
};


/*
 * vk-stakeholder: who takes part in the process (stakeholders), the
 * activities where they were heard (engagements) and what they said
 * (inputs). See vk-stakeholder(1).
 */
#include <stdlib.h>
#include "cli.h"
#include "error.h"
#include "record.h"
#include "schema.h"
#include "store.h"
#include "verbs.h"

static int cmd_forget(int argc, char **argv, struct vk_context *ctx)
{
	struct vk_option opts[] = { VK_OPT_DB(ctx), VK_OPT_END_LIST };
	int n = vk_parse_options(ctx, argc, argv, opts, "forget ID [options]",
		"Erases a stakeholder's personal data: the name becomes \"forgotten\"; e-mail, "
		"phone and notes are emptied; their inputs keep text and themes but lose the link "
		"and attribution; the history keeps no copy, nor does the database file or its "
		"journal. Group, town and every count stay.");

	if (n != 1)
		vk_usage_error(ctx, n ? "too many arguments" : "missing the ID");
	long long id = vk_parse_id(ctx, argv[0], "ID");
	struct vk_store *s = vk_store_open(ctx->db_path, VK_STORE_CHANGE);
	vk_store_begin(s);
	enum vk_forget_result rc = vk_stakeholder_forget(s, id);
	if (rc != VK_FORGOTTEN) {
		vk_store_rollback(s);
		if (rc == VK_FORGET_ALREADY) {
			/* a forget killed before its purge leaves copies: this one finishes it */
			vk_store_purge_journal(s);
			vk_die(VK_EXIT_NOTFOUND, "stakeholder %lld is forgotten already: nothing to do", id);
		}
		vk_die(VK_EXIT_NOTFOUND, "no stakeholder %lld", id);
	}
	vk_store_commit(s);
	vk_store_purge_journal(s);
	vk_store_close(s);
	return VK_EXIT_OK;
}

static const struct vk_command engagement_verbs[] = {
	VK_VERBS(vk_entity_engagement, "an engagement"),
	VK_COMMANDS_END
};

static const struct vk_command input_verbs[] = {
	VK_VERBS(vk_entity_input, "an input"),
	VK_COMMANDS_END
};

static const struct vk_command commands[] = {
	VK_VERBS(vk_entity_stakeholder, "a stakeholder"),
	{ .name = "forget", .run = cmd_forget, .entity = &vk_entity_stakeholder,
	  .summary = "erase a stakeholder's personal data, keep the counts" },
	{ .name = "engagement", .summary = "engagements: activities where stakeholders took part",
	  .subcommands = engagement_verbs },
	{ .name = "input", .summary = "inputs: what was said, with attribution and themes",
	  .subcommands = input_verbs },
	{ .name = "engage", .run = vk_cmd_add, .entity = &vk_entity_engagement,
	  .summary = "record an engagement (engagement add)" },
	{ .name = "engagements", .run = vk_cmd_list, .entity = &vk_entity_engagement,
	  .summary = "list engagements (engagement list)" },
	{ .name = "inputs", .run = vk_cmd_list, .entity = &vk_entity_input,
	  .summary = "list inputs (input list)" },
	VK_COMMANDS_END
};

static const struct vk_program program = {
	.name = "vk-stakeholder",
	.summary = "Stakeholders of a vision process, the engagements where they were heard and what they said.",
	.commands = commands
};

int main(int argc, char **argv)
{
	return vk_main(&program, argc, argv);
}

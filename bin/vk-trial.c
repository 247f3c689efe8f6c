/*
 * vk-trial: the trial actions (prøvehandlinger) that test the vision in
 * practice, their lifecycle, and what was learned from them.
 * See vk-trial(1).
 */
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "date.h"
#include "error.h"
#include "record.h"
#include "schema.h"
#include "store.h"
#include "verbs.h"

static int cmd_move(int argc, char **argv, struct vk_context *ctx)
{
	const char *reason = NULL, *date = NULL, *outcome = NULL;
	bool force = false;
	struct vk_option opts[] = {
		VK_OPT_STR(0, "reason", &reason, "TEXT", "why (kept in the history)"),
		VK_OPT_STR(0, "date", &date, "DATE", "when it moved (default: today)"),
		VK_OPT_STR(0, "outcome", &outcome, "OUTCOME", "adopt, adapt or drop (to evaluated)"),
		VK_OPT_BOOL(0, "force", &force, "allow a step the lifecycle does not"),
		VK_OPT_DB(ctx), VK_OPT_END_LIST
	};
	struct strbuf err = STRBUF_INIT;
	char day[VK_DATE_SIZE];
	int n = vk_parse_options(ctx, argc, argv, opts, "move ID STATUS [options]",
		"Moves a trial to STATUS: idea -> proposed -> approved -> running -> done -> "
		"evaluated; rejected from proposed; stopped from approved or running. Evaluated "
		"needs a learning and an outcome.");

	if (n != 2)
		vk_usage_error(ctx, n < 2 ? "give the ID and the STATUS" : "too many arguments");
	long long id = vk_parse_id(ctx, argv[0], "ID");
	const char *status = vk_vocab_lookup(&vk_vocab_trial_status, argv[1], &err);
	if (!status)
		vk_die(VK_EXIT_DATAERR, "%s", err.buf);
	if (outcome) {
		strbuf_reset(&err);
		outcome = vk_vocab_lookup(&vk_vocab_outcome, outcome, &err);
		if (!outcome)
			vk_die(VK_EXIT_DATAERR, "--outcome: %s", err.buf);
		if (strcmp(status, "evaluated"))
			vk_usage_error(ctx, "--outcome goes with a move to evaluated");
	}
	if (date)
		vk_date_option("--date", date, VK_DATE_START, day);
	else
		vk_date_format(vk_today(), day);

	struct vk_move m = { status, day, reason, outcome, force };
	struct vk_store *s = vk_store_open(ctx->db_path, VK_STORE_CHANGE);
	vk_store_begin(s);
	strbuf_reset(&err);
	enum vk_move_result rc = vk_trial_move(s, id, &m, &err);
	if (rc != VK_MOVED)
		vk_store_rollback(s);
	else
		vk_store_commit(s);
	vk_store_close(s);
	switch (rc) {
	case VK_MOVE_NO_TRIAL:
		vk_die(VK_EXIT_NOTFOUND, "no trial %lld", id);
	case VK_MOVE_ALREADY:
		vk_die(VK_EXIT_NOTFOUND, "trial %lld is %s already: nothing to do", id, status);
	case VK_MOVE_REFUSED:
		vk_die(VK_EXIT_DATAERR, "%s", err.buf);
	default:
		break;
	}
	strbuf_release(&err);
	return VK_EXIT_OK;
}

static int cmd_learn(int argc, char **argv, struct vk_context *ctx)
{
	json_t *values = json_object();
	struct vk_option opts[] = {
		{ .type = VK_OPT_FIELD, .long_name = "author", .value = values, .argname = "ID",
		  .help = "who wrote it (a stakeholder id)", .field = "author" },
		{ .type = VK_OPT_FIELD, .long_name = "date", .value = values, .argname = "DATE",
		  .help = "when (default: today)", .field = "date" },
		VK_OPT_DB(ctx), VK_OPT_END_LIST
	};
	int n = vk_parse_options(ctx, argc, argv, opts, "learn ID TEXT [options]",
		"Writes down what was learned from trial ID (learning add --trial ID TEXT) and "
		"prints the learning's id.");

	if (n != 2)
		vk_usage_error(ctx, n < 2 ? "give the trial's ID and the TEXT" :
			       "too many arguments (quote the TEXT)");
	vk_parse_id(ctx, argv[0], "ID");
	json_object_set_new(values, "trial", json_string(argv[0]));
	json_object_set_new(values, "text", json_string(argv[1]));
	vk_add_values(ctx, &vk_entity_learning, values);
	json_decref(values);
	return VK_EXIT_OK;
}

static const struct vk_command learning_verbs[] = {
	VK_VERBS(vk_entity_learning, "a learning"),
	VK_COMMANDS_END
};

static const struct vk_command commands[] = {
	VK_VERBS(vk_entity_trial, "a trial"),
	{ .name = "move", .run = cmd_move, .entity = &vk_entity_trial,
	  .summary = "move a trial along its lifecycle" },
	{ .name = "learning", .summary = "learnings: what was learned from a trial",
	  .subcommands = learning_verbs },
	{ .name = "learn", .run = cmd_learn, .entity = &vk_entity_learning,
	  .summary = "write down a learning (learning add)" },
	{ .name = "learnings", .run = vk_cmd_list, .entity = &vk_entity_learning,
	  .summary = "list learnings (learning list)" },
	VK_COMMANDS_END
};

static const struct vk_program program = {
	.name = "vk-trial",
	.summary = "Trial actions (prøvehandlinger) of a vision process, their lifecycle and learnings.",
	.commands = commands
};

int main(int argc, char **argv)
{
	return vk_main(&program, argc, argv);
}

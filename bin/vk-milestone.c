/*
 * vk-milestone: the timeline of the process (gatherings, rounds of
 * trials, decisions, deliverables), what is due and what moved, and the
 * timeline as a calendar. See vk-milestone(1).
 */
#include "cli.h"
#include "date.h"
#include "error.h"
#include "ical.h"
#include "record.h"
#include "schema.h"
#include "store.h"
#include "verbs.h"

/* Opens the store for writing, runs change in a transaction, reports. */
static int finish(struct vk_store *s, enum vk_milestone_result rc, long long id,
		  struct strbuf *err, const char *same)
{
	if (rc == VK_MILESTONE_CHANGED)
		vk_store_commit(s);
	else
		vk_store_rollback(s);
	vk_store_close(s);
	switch (rc) {
	case VK_MILESTONE_NONE:
		vk_die(VK_EXIT_NOTFOUND, "no milestone %lld", id);
	case VK_MILESTONE_SAME:
		vk_die(VK_EXIT_NOTFOUND, "milestone %lld %s: nothing to do", id, same);
	case VK_MILESTONE_REFUSED:
		vk_die(VK_EXIT_DATAERR, "%s", err->buf);
	default:
		break;
	}
	strbuf_release(err);
	return VK_EXIT_OK;
}

static int cmd_done(int argc, char **argv, struct vk_context *ctx)
{
	const char *date = NULL;
	struct vk_option opts[] = {
		VK_OPT_STR(0, "date", &date, "DATE", "the day it was done, not after today (default: today)"),
		VK_OPT_DB(ctx), VK_OPT_END_LIST
	};
	struct strbuf err = STRBUF_INIT;
	char day[VK_DATE_SIZE];
	int n = vk_parse_options(ctx, argc, argv, opts, "done ID [options]",
				 "Marks a milestone done, on DATE or today.");

	if (n != 1)
		vk_usage_error(ctx, n ? "too many arguments" : "missing the ID");
	long long id = vk_parse_id(ctx, argv[0], "ID");
	if (date)
		vk_date_option("--date", date, VK_DATE_START, day);
	struct vk_store *s = vk_store_open(ctx->db_path, VK_STORE_CHANGE);
	vk_store_begin(s);
	return finish(s, vk_milestone_done(s, id, date ? day : NULL, &err), id, &err,
		      "is done already");
}

static int cmd_move(int argc, char **argv, struct vk_context *ctx)
{
	const char *reason = NULL;
	bool force = false;
	struct vk_option opts[] = {
		VK_OPT_STR(0, "reason", &reason, "TEXT", "why it moved (required; kept in the history)"),
		VK_OPT_BOOL(0, "force", &force, "move a done or cancelled milestone too"),
		VK_OPT_DB(ctx), VK_OPT_END_LIST
	};
	struct strbuf err = STRBUF_INIT;
	char day[VK_DATE_SIZE];
	int n = vk_parse_options(ctx, argc, argv, opts, "move ID DATE --reason TEXT [options]",
		"Reschedules a milestone: DATE is its new due date (+1w: a week after the due date "
		"it has). The baseline (the first due date) stays, so the slip shows; the history "
		"keeps each move with its reason.");

	if (n != 2)
		vk_usage_error(ctx, n < 2 ? "give the ID and the new DATE" : "too many arguments");
	if (!reason || !*reason)
		vk_usage_error(ctx, "--reason is required: say why it moved");
	long long id = vk_parse_id(ctx, argv[0], "ID");
	/* the form now, before the store is opened; a relative date counts from the due date */
	vk_date_option("DATE", argv[1], VK_DATE_END, day);
	struct vk_store *s = vk_store_open(ctx->db_path, VK_STORE_CHANGE);
	vk_store_begin(s);
	return finish(s, vk_milestone_move(s, id, argv[1], reason, force, &err), id, &err,
		      "is due then already");
}

/*
 * A list printer (vk_list_use of verbs.h) that writes the milestones of
 * query q as an iCalendar; data points to its struct vk_ical_options.
 */
static void print_ical(struct vk_store *s, struct vk_context *ctx, const struct vk_query *q,
		       void *data)
{
	struct vk_ical *cal = vk_ical_open(stdout, data, vk_store_id(s));
	struct vk_cursor *c = vk_store_query(s, q);
	json_t *m;

	(void)ctx;
	while ((m = vk_cursor_next(c))) {
		long long id = json_integer_value(json_object_get(m, "id"));
		int rc = vk_ical_milestone(cal, m, vk_milestone_sequence(s, id));
		json_decref(m);
		vk_check_write(rc);
	}
	vk_cursor_close(c);
	vk_check_write(vk_ical_close(cal));
}

static int cmd_ics(int argc, char **argv, struct vk_context *ctx)
{
	struct vk_ical_options co = { "vk milestones", NULL };
	struct vk_option extra[] = {
		VK_OPT_STR(0, "name", &co.name, "TEXT", "the calendar's name (default: vk milestones)"),
		VK_OPT_STR(0, "organizer", &co.organizer, "ADDRESS",
			   "the e-mail address of who publishes it (default: $VK_ORGANIZER, else none)"),
		VK_OPT_END_LIST
	};
	/* the options are read after parsing, through the pointer in use.data */
	struct vk_list_use use = { "Writes as an iCalendar (RFC 5545) the", NULL, NULL, extra, false };

	use.print = print_ical;
	use.data = &co;
	return vk_list_run(argc, argv, ctx, &use);
}

static const struct vk_command commands[] = {
	VK_VERBS(vk_entity_milestone, "a milestone"),
	{ .name = "done", .run = cmd_done, .entity = &vk_entity_milestone,
	  .summary = "mark a milestone done" },
	{ .name = "move", .run = cmd_move, .entity = &vk_entity_milestone,
	  .summary = "reschedule a milestone, with a reason" },
	{ .name = "ics", .run = cmd_ics, .entity = &vk_entity_milestone,
	  .summary = "write the timeline as an iCalendar" },
	VK_COMMANDS_END
};

static const struct vk_program program = {
	.name = "vk-milestone",
	.summary = "The timeline of a vision process: milestones, what is due, what moved, and a calendar.",
	.commands = commands
};

int main(int argc, char **argv)
{
	return vk_main(&program, argc, argv);
}

/*
 * input.c: --input, a stream of records (JSON Lines or JSON) loaded into
 * a temporary store for a report (report.h: vk_report_load()).
 */
#include <stdlib.h>
#include <string.h>
#include "change.h"
#include "error.h"
#include "import.h"
#include "reader.h"
#include "reader_thread.h"
#include "report-internal.h"
#include "utf8.h"
#include "util.h"

/*
 * What prints, as JSON Lines, the records whose CSV header is columns (n
 * of them): the listing of the one record type that has every column as
 * a field; NULL when none or several have (id,title: a trial or a
 * milestone).
 */
static const char *jsonl_maker(const char *const *columns, size_t n)
{
	static const struct { const struct vk_entity *e; const char *command; } makers[] = {
		{ &vk_entity_stakeholder, "vk-stakeholder list -o jsonl" },
		{ &vk_entity_engagement, "vk-stakeholder engagements -o jsonl" },
		{ &vk_entity_input, "vk-stakeholder inputs -o jsonl" },
		{ &vk_entity_trial, "vk-trial list -o jsonl" },
		{ &vk_entity_learning, "vk-trial learnings -o jsonl" },
		{ &vk_entity_milestone, "vk-milestone list -o jsonl" },
		{ &vk_entity_theme, "vk-goal themes -o jsonl" },
		{ &vk_entity_goal, "vk-goal list -o jsonl" },
		{ &vk_entity_measurement, "vk-goal measurements -o jsonl" },
	};
	const char *found = NULL;

	for (size_t i = 0; i < n; i++)
		if (!strcmp(columns[i], "entity_id"))	/* the history: log -o csv */
			return "vk-stakeholder log -o jsonl (or vk-trial, vk-milestone log)";
	for (size_t k = 0; k < ARRAY_SIZE(makers); k++) {
		size_t known = 0;
		for (size_t i = 0; i < n; i++)
			if (vk_entity_field(makers[k].e, columns[i]) || !strcmp(columns[i], "type"))
				known++;
		if (!n || known < n)
			continue;
		if (found)
			return NULL;
		found = makers[k].command;
	}
	return found;
}

/* Prints "NAME:LINE: [N]: " of a record (N its place in its JSON array, if it is in one). */
static void print_place(const char *name, long line, long element)
{
	if (element >= 0)
		fprintf(stderr, "%s:%ld: [%ld]: ", name, line, element);
	else
		fprintf(stderr, "%s:%ld: ", name, line);
}

/*
 * The one message for a stream that is CSV (or other text that is no
 * JSON), not a line for each of its rows; exits 65.
 */
_Noreturn static void not_json(struct vk_store *s, struct vk_reader *r, const char *name)
{
	size_t n;
	const char *const *columns = vk_reader_columns(r, &n);
	const char *maker = columns ? jsonl_maker(columns, n) : NULL;

	/* FILE:LINE: first, as every message about a record of the stream */
	print_place(name, 1, -1);
	if (maker)
		fprintf(stderr, "--input reads JSON Lines or JSON, not CSV: make it with %s\n", maker);
	else
		fputs("--input reads JSON Lines or JSON, not CSV or other text: make it with -o jsonl "
		      "(vk-stakeholder list -o jsonl, vk-trial list -o jsonl, vk-milestone list -o "
		      "jsonl, ...)\n", stderr);
	vk_reader_close(r);
	vk_store_close(s);
	exit(VK_EXIT_DATAERR);
}

struct vk_store *vk_report_load(FILE *in, const char *name)
{
	/*
	 * JSON Lines and JSON arrays, one after another in any mix (the first
	 * byte tells JSON from CSV); CSV or other text is no stream of
	 * records, and no records at all is an empty report
	 */
	struct vk_reader_options ro = { VK_FORMAT_AUTO, 0, false };
	struct vk_reader *r = vk_reader_open(in, name, &ro);
	struct vk_store *s = vk_store_open_temp();
	enum vk_read_result rr;
	json_t *rec;
	long line = 0;
	size_t bad = 0;
	bool text = false;

	/* parsing (jansson) on one core, checking and storing on the other */
	struct vk_reader_thread *ahead = vk_reader_thread_start(r, NULL);

	vk_store_bulk(s);
	vk_store_begin(s);
	for (;;) {
		struct vk_problems pr = VK_PROBLEMS_INIT;
		const char *type;
		const struct vk_entity *e;
		long element;

		rr = vk_reader_thread_next(ahead, &rec, &line);
		/* CSV (its header, a row or a bad one): one message, not one a row */
		if (vk_reader_thread_is_text(ahead)) {
			json_decref(rec);
			text = true;
			break;
		}
		if (rr == VK_READ_END)
			break;
		element = vk_reader_thread_element(ahead);
		if (rr == VK_READ_ERROR) {
			if (bad < VK_IMPORT_MAX_REPORTED) {
				print_place(name, line, element);
				fprintf(stderr, "%s\n", vk_reader_thread_error(ahead));
			}
			bad++;
			if (!vk_reader_thread_can_continue(ahead))
				break;
			continue;
		}
		type = report_str(rec, "type");
		e = type ? vk_entity_by_name(type) : NULL;
		if (type && !strcmp(type, "event")) {
			if (!json_is_integer(json_object_get(rec, "id")) || !report_str(rec, "entity") ||
			    !report_str(rec, "action") || !report_str(rec, "at") ||
			    !json_is_integer(json_object_get(rec, "entity_id")))
				vk_problems_add(&pr, NULL, "an event needs id, at, entity, entity_id and action");
			else
				vk_store_insert_event(s, rec);
		} else if (!e) {
			struct strbuf q = STRBUF_INIT;
			if (type)
				utf8_addquoted(&q, type);
			vk_problems_add(&pr, "type", "%s%s: use the records the vk programs print "
					"(stakeholder, engagement, input, trial, learning, milestone, theme, goal, "
					"measurement, event)",
					type ? q.buf : "missing", type ? " is no record type" : "");
			strbuf_release(&q);
		} else {
			/* show's linked records and extras are fine: ignore unknown keys */
			json_t *values = vk_record_convert_own(e, json_incref(rec), VK_FROM_JSON, true, &pr);
			json_t *id = json_object_get(values, "id");
			if (!pr.count && !json_is_integer(id))
				vk_problems_add(&pr, "id", "a record in a report's input needs its id");
			else if (!pr.count && vk_store_may_exist(s, e, json_integer_value(id)) &&
				 vk_store_exists(s, e, json_integer_value(id)))
				vk_problems_add(&pr, "id", "%s %lld appears twice", e->name,
						(long long)json_integer_value(id));
			/*
			 * completed and checked as an add does; not the rest of an
			 * add: a stream's ids are its own, its references may point
			 * outside it, and it has its history already
			 */
			if (!pr.count)
				vk_change_complete(e, values, &pr);
			if (!pr.count)
				vk_store_insert(s, e, values);
			json_decref(values);
		}
		for (size_t i = 0; i < pr.count && bad < VK_IMPORT_MAX_REPORTED; i++) {
			struct strbuf sb = STRBUF_INIT;
			vk_problem_format(&pr, i, &sb);
			print_place(name, line, element);
			fprintf(stderr, "%s\n", sb.buf);
			strbuf_release(&sb);
		}
		bad += pr.count ? 1 : 0;
		vk_problems_clear(&pr);
		/* freed where it was made: its blocks serve the next records there (pool.h) */
		vk_reader_thread_give_back(ahead, rec);
	}
	vk_reader_thread_stop(ahead);
	/* (no header either: nothing but blank lines, an empty stream) */
	if (text && (rr != VK_READ_END || vk_reader_columns(r, NULL)))
		not_json(s, r, name);
	vk_reader_close(r);
	if (bad) {
		vk_store_close(s);
		if (bad > VK_IMPORT_MAX_REPORTED)
			vk_warn("%s: %zu more records it cannot use not shown", name, bad - VK_IMPORT_MAX_REPORTED);
		vk_die(VK_EXIT_DATAERR, "%s: %zu record%s it cannot use: no report", name, bad,
		       bad == 1 ? "" : "s");
	}
	vk_store_commit(s);
	return s;
}

/* verbs.c: see verbs.h */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "change.h"
#include "error.h"
#include "history.h"
#include "import.h"
#include "json.h"
#include "number.h"
#include "record.h"
#include "utf8.h"
#include "util.h"
#include "verbs.h"
#include "writer.h"

void vk_check_write(int rc)
{
	if (rc < 0)
		vk_die(VK_EXIT_IOERR, "write error on standard output: %s", strerror(errno ? errno : EIO));
}

FILE *vk_open_input(const char *path)
{
	FILE *fp;

	if (!strcmp(path, "-"))
		return stdin;
	struct stat st;

	fp = fopen(path, "rb");
	if (!fp)
		vk_die(VK_EXIT_NOINPUT, "%s: %s", path, strerror(errno));
	/* fopen() opens a directory; its first read would fail with EISDIR */
	if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(fp);
		vk_die(VK_EXIT_NOINPUT, "%s: is a directory", path);
	}
	return fp;
}

void vk_report_problems(const struct vk_problems *pr)
{
	struct strbuf sb = STRBUF_INIT;

	for (size_t i = 0; i < pr->count; i++) {
		strbuf_reset(&sb);
		vk_problem_format(pr, i, &sb);
		vk_warn("%s", sb.buf);
	}
	strbuf_release(&sb);
}

static bool settable(const struct vk_field *f)
{
	return f->type != VK_FIELD_ID && f->type != VK_FIELD_TIMESTAMP && !(f->flags & VK_READONLY);
}

static bool filterable(const struct vk_field *f)
{
	return f->type != VK_FIELD_ID && f->type != VK_FIELD_TIMESTAMP &&
	       !(f->flags & VK_READONLY);
}

typedef void help_fn(const struct vk_field *f, struct strbuf *sb);

/*
 * The help that make writes for field f, made once per field and kind and
 * kept for the life of the process (f->help when the room for them is
 * used up). The caller must not free it.
 */
static const char *kept_help(const struct vk_field *f, help_fn *make)
{
	static struct { const struct vk_field *field; help_fn *make; char *help; } made[64];
	size_t i;
	struct strbuf sb = STRBUF_INIT;

	for (i = 0; i < ARRAY_SIZE(made) && made[i].field; i++)
		if (made[i].field == f && made[i].make == make)
			return made[i].help;
	if (i == ARRAY_SIZE(made))
		return f->help;
	make(f, &sb);
	made[i].field = f;
	made[i].make = make;
	made[i].help = strbuf_detach(&sb, NULL);
	return made[i].help;
}

/* Appends "with THEME among its themes": the help of a filter on a list field. */
static void filter_help(const struct vk_field *f, struct strbuf *sb)
{
	strbuf_addf(sb, "with %s among its %s", f->argname, f->name);
}

/*
 * Appends "low, medium or high" from the field's vocabulary (for a list
 * field "..., lead or participant (repeat or ROLE,ROLE)"): the help of a
 * field of a vocabulary whose record type writes none.
 */
static void vocab_help(const struct vk_field *f, struct strbuf *sb)
{
	vk_vocab_list_or(f->vocab, sb);
	if (vk_field_is_list(f))
		strbuf_addf(sb, " (repeat or %s,%s)", f->argname, f->argname);
}

struct vk_option *vk_field_options(const struct vk_entity *e, json_t *values, bool filters,
				   size_t extra)
{
	return vk_field_options_for(e, values, filters ? VK_OPTIONS_FILTER : VK_OPTIONS_ADD, extra);
}

/*
 * The option arrays in use, held here as well so that they stay reachable
 * when a usage error exits from deep inside a command (no leak reported).
 */
static struct vk_option *live_options[4];

void vk_options_release(struct vk_option *opts)
{
	for (size_t i = 0; i < ARRAY_SIZE(live_options); i++)
		if (live_options[i] == opts)
			live_options[i] = NULL;
	free(opts);
}

struct vk_option *vk_field_options_for(const struct vk_entity *e, json_t *values,
				       enum vk_options_use use, size_t extra)
{
	bool filters = use == VK_OPTIONS_FILTER;
	struct vk_option *opts = vk_calloc(e->nfields + extra + 1, sizeof(*opts));
	size_t n = 0;

	for (size_t i = 0; i < ARRAY_SIZE(live_options); i++)
		if (!live_options[i]) {
			live_options[i] = opts;
			break;
		}

	for (size_t i = 0; i < e->nfields; i++) {
		const struct vk_field *f = &e->fields[i];
		if (filters ? !filterable(f) : !settable(f))
			continue;
		if (use == VK_OPTIONS_SET && (f->flags & VK_NOT_SET))
			continue;
		if (use == VK_OPTIONS_ADD && (f->flags & VK_NOT_ADD))
			continue;
		opts[n].type = VK_OPT_FIELD;
		opts[n].long_name = vk_field_option(f);
		opts[n].value = values;
		opts[n].field = f->name;
		opts[n].argname = f->type == VK_FIELD_COUNTS && filters ? "GROUP" : f->argname;
		opts[n].help = f->help || !f->vocab || f->type == VK_FIELD_COUNTS ? f->help :
			       kept_help(f, vocab_help);
		/*
		 * a list field answers to its name too: --roles beside --role; a
		 * name with '_' is no option (--baseline-date for baseline_date)
		 */
		opts[n].alias = f->option && !strchr(f->name, '_') ? f->name : f->alias;
		if (filters && (f->flags & VK_TITLE))
			opts[n].help = "contains this text (case ignored)";
		else if (filters && f->type == VK_FIELD_TEXT)
			opts[n].help = "is this text (case ignored)";
		else if (filters && f->type == VK_FIELD_DATE)
			opts[n].help = "on this day";
		else if (filters && f->type == VK_FIELD_TIME)
			opts[n].help = "at this hour";
		else if (filters && f->type == VK_FIELD_COUNTS)
			opts[n].help = "with a headcount of this group";
		else if (filters && vk_field_is_list(f))
			opts[n].help = kept_help(f, filter_help);
		/* a filter given twice holds for either value */
		opts[n].list = filters || vk_field_is_list(f) || f->type == VK_FIELD_COUNTS;
		n++;
	}
	opts[n].type = VK_OPT_END;
	return opts;
}

void vk_options_append(struct vk_option *array, const struct vk_option *opts)
{
	while (array->type != VK_OPT_END)
		array++;
	while (opts->type != VK_OPT_END)
		*array++ = *opts++;
	array->type = VK_OPT_END;
}

static void add_filter(struct vk_filter **filters, size_t *n, const char *field,
		       enum vk_filter_op op, json_t *value)
{
	*filters = vk_realloc(*filters, (*n + 1) * sizeof(**filters));
	(*filters)[*n].field = field;
	(*filters)[*n].op = op;
	(*filters)[*n].value = value;
	(*n)++;
}

/* The statuses of except as a JSON array (for VK_OP_NOT_IN). */
static json_t *status_list(const char *const *except)
{
	json_t *a = json_array();

	for (; except && *except; except++)
		json_array_append_new(a, json_string(*except));
	return a;
}

/*
 * Parses a span such as 14d or 2w (days or weeks from today). Returns the
 * number of days, or -1.
 */
static long parse_span(const char *s)
{
	char *end;
	long n;

	if (*s == '+')
		s++;
	if (*s < '0' || *s > '9')
		return -1;
	n = strtol(s, &end, 10);
	if (n > 36500 || end[0] == '\0' || end[1] != '\0')
		return -1;
	if (*end == 'd' || *end == 'D')
		return n;
	if (*end == 'w' || *end == 'W')
		return n * 7;
	return -1;
}

/* Parses date text for --option as side says, keeping the result in keep. */
static json_t *filter_date(const char *option, const char *text, enum vk_date_side side,
			   json_t *keep)
{
	char what[80], buf[VK_DATE_SIZE];

	snprintf(what, sizeof(what), "--%s", option);
	json_t *date = json_string(vk_date_option(what, text, side, buf));
	json_array_append_new(keep, date);
	return date;
}

/*
 * Adds the conditions of list filter lf with the option's value: a
 * string, true for a flag, [from, to] for VK_LF_BETWEEN.
 */
static void add_date_filter(struct vk_context *ctx, const struct vk_list_filter *lf,
			    json_t *value, struct vk_filter **filters, size_t *n, json_t *keep)
{
	const char *arg = json_string_value(value);
	char buf[VK_DATE_SIZE];

	if (lf->kind == VK_LF_BETWEEN) {
		json_t *from = filter_date(lf->option, json_string_value(json_array_get(value, 0)),
					   VK_DATE_START, keep);
		json_t *to = filter_date(lf->option, json_string_value(json_array_get(value, 1)),
					 VK_DATE_END, keep);
		if (strcmp(json_string_value(from), json_string_value(to)) > 0)
			vk_usage_error(ctx, "--%s: %s is after %s", lf->option, json_string_value(from),
				       json_string_value(to));
		add_filter(filters, n, lf->field, VK_OP_GE, from);
		add_filter(filters, n, lf->field, VK_OP_LE, to);
		return;
	}
	if (lf->kind == VK_LF_DATE || lf->kind == VK_LF_ACTIVE) {
		json_t *date = filter_date(lf->option, arg, lf->side, keep);
		add_filter(filters, n, lf->field, (enum vk_filter_op)lf->op, date);
		if (lf->field2)
			add_filter(filters, n, lf->field2, (enum vk_filter_op)lf->op2, date);
		if (lf->kind == VK_LF_ACTIVE) {
			/* a window open at one end counts; one without any date does not */
			json_t *other = json_string(lf->field2);
			json_array_append_new(keep, other);
			add_filter(filters, n, lf->field, VK_OP_EITHER_SET, other);
			if (lf->except) {
				/* not ended by then: its status on the date, by the history */
				json_t *on = status_list(lf->except);
				json_array_insert(on, 0, date);
				json_array_append_new(keep, on);
				add_filter(filters, n, "status", VK_OP_NOT_IN_ON, on);
			}
		}
		return;
	}
	vk_date today = vk_today();
	json_t *from = json_string(vk_date_format(today, buf));
	json_t *except = status_list(lf->except);
	json_array_append_new(keep, from);
	json_array_append_new(keep, except);
	if (lf->kind == VK_LF_LATE) {
		add_filter(filters, n, lf->field, VK_OP_LT, from);
	} else {
		long days = parse_span(arg);
		if (days < 0) {
			struct strbuf q = STRBUF_INIT;
			utf8_addquoted(&q, arg);
			vk_usage_error(ctx, "--%s: %s is not a span such as 14d or 2w", lf->option, q.buf);
		}
		json_t *to = json_string(vk_date_format(today + days, buf));
		json_array_append_new(keep, to);
		add_filter(filters, n, lf->field, VK_OP_GE, from);
		add_filter(filters, n, lf->field, VK_OP_LE, to);
	}
	add_filter(filters, n, "status", VK_OP_NOT_IN, except);
}

/*
 * The values a filter's option was given, one string each: repeated
 * options, and values joined with commas split apart. A text that is
 * matched in part (a name, a title, a text) is not split: a name may
 * hold a comma. Another free text (a town, a department, a theme) may
 * hold one too, so it is kept whole beside its parts.
 */
static void filter_alternatives(const struct vk_field *f, json_t *given, json_t *out)
{
	size_t i;
	json_t *v;

	if (json_is_string(given)) {
		json_t *one = json_pack("[O]", given);
		filter_alternatives(f, one, out);
		json_decref(one);
		return;
	}
	json_array_foreach(given, i, v) {
		const char *text = json_string_value(v);
		bool free_text = f->type == VK_FIELD_TEXT || f->type == VK_FIELD_TEXT_LIST;
		if (!text)
			continue;
		double d;
		/* 15,75 is a number with a decimal comma, not 15 or 75 */
		if ((f->flags & VK_TITLE) || !strchr(text, ',') ||
		    (f->type == VK_FIELD_NUMBER && vk_number_parse(text, strlen(text), &d))) {
			json_array_append(out, v);
			continue;
		}
		if (free_text)
			json_array_append(out, v);
		for (const char *p = text;; ) {
			const char *comma = strchr(p, ',');
			size_t len = comma ? (size_t)(comma - p) : strlen(p);
			while (len && (*p == ' ' || *p == '\t'))
				p++, len--;
			while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
				len--;
			if (len)
				json_array_append_new(out, json_stringn(p, len));
			if (!comma)
				break;
			p = comma + 1;
		}
	}
}

/*
 * Converts one value of the filter on f, as the user typed it, into what
 * the store compares: appends it to `any` (a list field's value may be
 * several). A value that means "no value" ("" for a town) sets *none.
 * Bad values are bad data (exit 65).
 */
static void filter_value(const struct vk_field *f, json_t *text, json_t *any, bool *none)
{
	struct vk_problems pr = VK_PROBLEMS_INIT;
	json_t *c;

	if (f->flags & VK_TITLE) {
		json_array_append(any, text);
		return;
	}
	if (f->type == VK_FIELD_COUNTS) {
		/* the key of a headcount: a group */
		struct strbuf err = STRBUF_INIT;
		const char *g = vk_vocab_lookup(f->vocab, json_string_value(text), &err);
		if (!g)
			vk_die(VK_EXIT_DATAERR, "--%s: %s", vk_field_option(f), err.buf);
		strbuf_release(&err);
		json_array_append_new(any, json_string(g));
		return;
	}
	c = vk_field_convert(f, text, VK_FROM_OPTION, &pr);
	if (pr.count || !c) {
		struct strbuf sb = STRBUF_INIT;
		if (pr.count)
			strbuf_addstr(&sb, pr.items[0].message);
		vk_problems_clear(&pr);
		vk_die(VK_EXIT_DATAERR, "--%s: %s", vk_field_option(f), sb.buf);
	}
	if (json_is_array(c))
		json_array_extend(any, c);
	else if (json_is_null(c))
		*none = true;
	else
		json_array_append(any, c);
	json_decref(c);
}

/*
 * Adds the condition of --OPTION (lf, a VK_LF_NOT_NAMED of e): no record of
 * type lf->by names it, or with the option that qualifies it (--since DATE)
 * none dated DATE or later.
 */
static void add_not_named(const struct vk_entity *e, const struct vk_list_filter *lf,
			  json_t *values, struct vk_filter **filters, size_t *n, json_t *keep)
{
	json_t *since = json_null();

	for (const struct vk_list_filter *q = e->filters; q->option; q++)
		if (q->kind == VK_LF_NOT_NAMED_SINCE && !strcmp(q->of, lf->option) &&
		    json_object_get(values, q->option))
			since = json_incref(filter_date(q->option, json_string_value(
				json_object_get(values, q->option)), q->side, keep));
	json_t *v = json_pack("[sssO]", lf->by, lf->field, lf->field2, since);
	json_decref(since);
	json_array_append_new(keep, v);
	add_filter(filters, n, "id", VK_OP_NOT_NAMED, v);
}

/*
 * Adds the condition of --OPTION V (lf, a VK_LF_WITHOUT of e; given, the
 * values as typed): the records its list names have none of the values,
 * nor its counts above 0. The values are read as the vocabulary of the
 * named records' field lf->by; one that is not in it exits 65.
 */
static void add_without(const struct vk_entity *e, const struct vk_list_filter *lf,
			json_t *given, struct vk_filter **filters, size_t *n, json_t *keep)
{
	const struct vk_field *list = vk_entity_field(e, lf->field);
	const struct vk_entity *ref = list ? vk_entity_by_name(list->ref) : NULL;
	const struct vk_field *of = ref ? vk_entity_field(ref, lf->by) : NULL;
	json_t *texts = json_array(), *v = json_pack("[ss]", lf->by, lf->field2), *text;
	struct strbuf err = STRBUF_INIT;
	size_t i;

	if (!of || !of->vocab)
		vk_die(VK_EXIT_IOERR, "internal error: --%s names no vocabulary", lf->option);
	json_array_append_new(keep, v);
	filter_alternatives(of, given, texts);
	json_array_foreach(texts, i, text) {
		const char *value = vk_vocab_lookup(of->vocab, json_string_value(text), &err);
		if (!value)
			break;
		json_array_append_new(v, json_string(value));
	}
	/* released before an exit: nothing is left behind */
	json_decref(texts);
	if (err.len)
		vk_die(VK_EXIT_DATAERR, "--%s: %s", lf->option, err.buf);
	strbuf_release(&err);
	if (json_array_size(v) < 3)
		vk_die(VK_EXIT_DATAERR, "--%s: give a value", lf->option);
	add_filter(filters, n, lf->field, VK_OP_NONE_OF, v);
}

void vk_build_filters(struct vk_context *ctx, const struct vk_entity *e, json_t *values,
		      struct vk_filter **filters, size_t *n, json_t *keep)
{
	const char *key;
	json_t *v;

	json_object_foreach(values, key, v) {
		const struct vk_field *f = vk_entity_field(e, key);
		json_t *given, *any, *text;
		bool none = false;
		enum vk_filter_op op;
		size_t i;

		if (!f)
			continue;
		given = json_array();
		filter_alternatives(f, v, given);
		any = json_array();
		json_array_foreach(given, i, text)
			filter_value(f, text, any, &none);
		json_decref(given);
		json_array_append_new(keep, any);
		if (f->flags & VK_TITLE)
			op = VK_OP_CONTAINS_ANY;
		else if (vk_field_is_list(f) || f->type == VK_FIELD_COUNTS)
			op = VK_OP_HAS_ANY;
		else if (f->type == VK_FIELD_TEXT)
			op = VK_OP_FOLD_IN;
		else
			op = VK_OP_IN;
		if ((none && op == VK_OP_HAS_ANY) || (!none && json_array_size(any) == 0))
			vk_die(VK_EXIT_DATAERR, "--%s: give a value", vk_field_option(f));
		if (none && json_array_size(any) == 0)
			op = VK_OP_NULL;
		else if (none)
			json_array_append_new(any, json_null());	/* or no value */
		add_filter(filters, n, f->name, op, any);
	}
	for (const struct vk_list_filter *lf = e->filters; lf && lf->option; lf++) {
		json_t *arg = json_object_get(values, lf->option);
		if (!arg)
			continue;
		if (lf->kind == VK_LF_NOT_NAMED)
			add_not_named(e, lf, values, filters, n, keep);
		else if (lf->kind == VK_LF_WITHOUT)
			add_without(e, lf, arg, filters, n, keep);
		else if (lf->kind == VK_LF_NOT_NAMED_SINCE) {
			if (!json_object_get(values, lf->of))
				vk_usage_error(ctx, "--%s: only with --%s", lf->option, lf->of);
		} else
			add_date_filter(ctx, lf, arg, filters, n, keep);
	}
}

size_t vk_print_query(struct vk_store *s, struct vk_context *ctx, const struct vk_query *q,
		      bool brief)
{
	enum vk_format format = vk_output_format(ctx);
	struct vk_writer_options wo = { .format = format, .excel = ctx->excel, .raw = ctx->raw };
	size_t ncols = 0;
	const char *const *cols;
	struct vk_writer *w;
	struct vk_cursor *c;
	json_t *r;
	size_t n = 0;

	if (brief && format == VK_FORMAT_TABLE && q->entity->brief) {
		cols = q->entity->brief;
		while (cols[ncols])
			ncols++;
	} else {
		cols = vk_entity_columns(q->entity, &ncols);
	}
	w = vk_writer_open(stdout, &wo, cols, ncols);
	c = vk_store_query(s, q);
	if (cols == vk_entity_columns(q->entity, &ncols) && vk_writer_takes_cells(w)) {
		/* every field, in order: straight from the store's columns */
		struct vk_cell *cells = vk_calloc(ncols, sizeof(*cells));
		while (vk_cursor_next_cells(c, cells)) {
			vk_check_write(vk_writer_cells(w, q->entity->name, cells));
			n++;
		}
		free(cells);
	} else {
		while ((r = vk_cursor_next(c))) {
			int rc = vk_writer_row(w, r);
			json_decref(r);
			vk_check_write(rc);
			n++;
		}
	}
	vk_cursor_close(c);
	vk_check_write(vk_writer_close(w));
	return n;
}

long long vk_add_values(struct vk_context *ctx, const struct vk_entity *e, json_t *values)
{
	struct vk_problems pr = VK_PROBLEMS_INIT;
	json_t *record = vk_record_convert(e, values, VK_FROM_OPTION, false, &pr);

	if (pr.count) {
		vk_report_problems(&pr);
		vk_problems_clear(&pr);
		json_decref(record);
		exit(VK_EXIT_DATAERR);
	}
	/*
	 * A missing database (or one in an empty file) is created only for
	 * a record that can be added: check it first against an empty store
	 * in memory.
	 */
	if (vk_store_absent(ctx->db_path)) {
		struct vk_store *empty = vk_store_open_memory();
		json_t *probe = json_copy(record);	/* the add fills it in */
		vk_store_begin(empty);
		long long ok = vk_change_add(empty, e, probe, &pr);
		vk_store_rollback(empty);
		vk_store_close(empty);
		json_decref(probe);
		if (!ok) {
			vk_report_problems(&pr);
			vk_problems_clear(&pr);
			json_decref(record);
			exit(VK_EXIT_DATAERR);
		}
	}
	struct vk_store *s = vk_store_open(ctx->db_path, VK_STORE_WRITE);
	vk_store_begin(s);
	long long id = vk_change_add(s, e, record, &pr);
	if (!id) {
		vk_store_rollback(s);
		vk_report_problems(&pr);
		vk_problems_clear(&pr);
		json_decref(record);
		exit(VK_EXIT_DATAERR);
	}
	/*
	 * The new id is the answer a script keeps: write it before the
	 * commit, so that when it cannot be written (a full disk) nothing is
	 * added and a retry does not add the record twice.
	 */
	printf("%lld\n", id);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		int err = errno ? errno : EIO;
		vk_store_rollback(s);
		json_decref(record);
		vk_die(VK_EXIT_IOERR, "write error on standard output: %s: nothing was added",
		       strerror(err));
	}
	vk_store_commit(s);
	vk_store_close(s);
	json_decref(record);
	return id;
}

/* "add NAME [options]", for the usage line. */
static char *usage_with_title(const char *verb, const struct vk_entity *e, const char *rest)
{
	struct strbuf sb = STRBUF_INIT;
	const struct vk_field *t = vk_entity_title(e);

	strbuf_addf(&sb, "%s%s%s %s", verb, t ? " " : "", t ? t->argname : "", rest);
	return strbuf_detach(&sb, NULL);
}

int vk_cmd_add(int argc, char **argv, struct vk_context *ctx)
{
	const struct vk_entity *e = ctx->command->entity;
	const struct vk_field *title = vk_entity_title(e);
	json_t *values = json_object();
	struct vk_option *opts = vk_field_options(e, values, false, 1);
	char *usage = usage_with_title(ctx->command->name, e, "[options]");
	char description[160];
	int n;

	vk_options_append(opts, (struct vk_option[]){ VK_OPT_DB(ctx), VK_OPT_END_LIST });
	snprintf(description, sizeof(description), "Adds %s %s and prints its id.",
		 strchr("aeiou", e->name[0]) ? "an" : "a", e->name);
	n = vk_parse_options(ctx, argc, argv, opts, usage, description);
	if (n && !title)
		vk_unexpected_argument(ctx, argv[0]);	/* a measurement: options only */
	if (n > 1)
		vk_usage_error(ctx, "too many arguments (quote a %s with spaces)", title->argname);
	if (n == 1) {
		if (json_object_get(values, title->name))
			vk_usage_error(ctx, "give the %s once: as argument or as --%s", title->name,
				       vk_field_option(title));
		json_object_set_new(values, title->name, json_string(argv[0]));
	}
	for (size_t i = 0; i < e->nfields; i++) {
		const struct vk_field *f = &e->fields[i];
		if ((f->flags & VK_REQUIRED) && !f->initial && !f->initial_from &&
		    !json_object_get(values, f->name))
			vk_usage_error(ctx, f == title ? "missing the %s" : "--%s is required",
				       f == title ? f->argname : vk_field_option(f));
	}
	vk_add_values(ctx, e, values);
	json_decref(values);
	vk_options_release(opts);
	free(usage);
	return VK_EXIT_OK;
}

struct linked {
	json_t *groups;	/* plural -> [ids] */
};

static void note_linked(const struct vk_entity *from, const struct vk_field *f, long long id,
			void *data)
{
	struct linked *l = data;
	json_t *list = json_object_get(l->groups, from->plural);
	size_t i;
	json_t *have;

	(void)f;
	if (!list) {
		list = json_array();
		json_object_set_new(l->groups, from->plural, list);
	}
	json_array_foreach(list, i, have)
		if (json_integer_value(have) == id)
			return;
	json_array_append_new(list, json_integer(id));
}

/* The record id of e with the records that refer to it under plural keys. */
static json_t *record_with_links(struct vk_store *s, const struct vk_entity *e, long long id)
{
	json_t *r = vk_store_get(s, e, id);
	struct linked l = { .groups = json_object() };
	const char *plural;
	json_t *ids;

	if (!r) {
		json_decref(l.groups);
		return NULL;
	}
	/* every kind of record that can refer to this one has its key, [] when none */
	for (size_t k = 0; vk_entities[k]; k++)
		for (size_t i = 0; i < vk_entities[k]->nfields; i++)
			if (vk_entities[k]->fields[i].ref && !strcmp(vk_entities[k]->fields[i].ref, e->name) &&
			    !json_object_get(l.groups, vk_entities[k]->plural))
				json_object_set_new(l.groups, vk_entities[k]->plural, json_array());
	vk_store_referrers(s, e, id, note_linked, &l);
	if (e->show)
		e->show(s, r);
	json_object_foreach(l.groups, plural, ids) {
		const struct vk_entity *from = vk_entity_by_plural(plural);
		json_t *records;
		size_t i;
		json_t *rid;
		/* show gave them already, in an order of its own (a goal's measurements by date) */
		if (json_is_array(json_object_get(r, plural)))
			continue;
		records = json_array();
		json_array_foreach(ids, i, rid)
			json_array_append_new(records, vk_store_get(s, from, json_integer_value(rid)));
		json_object_set_new(r, plural, records);
	}
	json_decref(l.groups);
	return r;
}

/*
 * The line of a linked record that has no title (a measurement): its
 * brief columns that hold a value, by name, but for its id, its date and
 * its reference to the record shown (e): "value 66.1, respondents 3987".
 */
static void untitled_line(const struct vk_entity *from, const struct vk_entity *e, json_t *item,
			  struct strbuf *out)
{
	for (const char *const *col = from->brief; col && *col; col++) {
		const struct vk_field *f = vk_entity_field(from, *col);
		json_t *v = json_object_get(item, *col);
		if (!f || f->type == VK_FIELD_ID || !strcmp(f->name, "date") ||
		    (f->ref && !strcmp(f->ref, e->name)) || !v || json_is_null(v) ||
		    (json_is_array(v) && !json_array_size(v)))
			continue;
		strbuf_addf(out, "%s%s ", out->len ? ", " : "", f->name);
		vk_value_to_text(v, out);
	}
}

/*
 * Prints a record for a person: its fields, what show adds (a slip), then
 * one line per linked record and per item of other lists (moves).
 */
static int print_vertical(const struct vk_entity *e, json_t *r)
{
	size_t ncols;
	const char *const *cols = vk_entity_columns(e, &ncols);
	const char *key;
	json_t *v;
	struct strbuf sb = STRBUF_INIT;

	size_t width = 0;

	if (vk_write_vertical(stdout, r, cols, ncols) < 0)
		return -1;
	for (size_t i = 0; i < ncols; i++)
		if (strlen(cols[i]) > width)
			width = strlen(cols[i]);
	/* what show adds (a slip), aligned with the fields */
	json_object_foreach(r, key, v) {
		if (vk_entity_field(e, key) || !strcmp(key, "type") || json_is_array(v))
			continue;
		strbuf_reset(&sb);
		vk_value_to_text(v, &sb);
		printf("%s:%*s %s\n", key, (int)(width - strlen(key)), "", sb.buf);
	}
	json_object_foreach(r, key, v) {
		if (!json_is_array(v) || !json_array_size(v) || vk_entity_field(e, key))
			continue;
		const struct vk_entity *from = vk_entity_by_plural(key);
		printf("\n%s:\n", key);
		size_t i;
		json_t *item;
		json_array_foreach(v, i, item) {
			if (!from) {
				const char *k;
				json_t *x;
				strbuf_reset(&sb);
				json_object_foreach(item, k, x) {
					if (sb.len)
						strbuf_addstr(&sb, "  ");
					vk_value_to_text(x, &sb);
				}
				printf("  %s\n", sb.buf);
				continue;
			}
			const struct vk_field *t = vk_entity_title(from);
			const char *date = json_string_value(json_object_get(item, "date"));
			struct strbuf made = STRBUF_INIT;
			if (!t)
				untitled_line(from, e, item, &made);
			const char *title = t ? json_string_value(json_object_get(item, t->name)) :
					    made.buf;
			strbuf_reset(&sb);
			for (const char *c = title ? title : ""; *c; c++)
				if (*c == '\n')
					strbuf_addstr(&sb, "↵");
				else if (*c != '\r')
					strbuf_addch(&sb, *c);
			printf("  %s %lld%s%s: %s\n", from->name,
			       (long long)json_integer_value(json_object_get(item, "id")),
			       date ? " " : "", date ? date : "", sb.buf);
			strbuf_release(&made);
		}
	}
	strbuf_release(&sb);
	return ferror(stdout) ? -1 : 0;
}

int vk_cmd_show(int argc, char **argv, struct vk_context *ctx)
{
	const struct vk_entity *e = ctx->command->entity;
	struct vk_option opts[] = {
		VK_OPT_RECORDS(ctx),
		VK_OPT_DB(ctx), VK_OPT_END_LIST
	};
	char description[200];
	int n;

	snprintf(description, sizeof(description), "Prints %s ID with the records linked to it "
		 "(as JSON: one object, the linked records under plural keys).", e->name);
	n = vk_parse_options(ctx, argc, argv, opts, "show ID [options]", description);
	if (n != 1)
		vk_usage_error(ctx, n ? "too many arguments" : "missing the ID");
	long long id = vk_parse_id(ctx, argv[0], "ID");
	struct vk_store *s = vk_store_open(ctx->db_path, VK_STORE_READ);
	vk_store_begin_read(s);
	json_t *r = record_with_links(s, e, id);
	vk_store_end_read(s);
	vk_store_close(s);
	if (!r)
		vk_die(VK_EXIT_NOTFOUND, "no %s %lld", e->name, id);
	enum vk_format format = vk_output_format(ctx);
	if (format == VK_FORMAT_TABLE) {
		vk_check_write(print_vertical(e, r));
	} else if (format == VK_FORMAT_JSON || format == VK_FORMAT_JSONL) {
		/* as the writer prints records: decimal numbers in the fewest digits (json.h) */
		struct strbuf text = STRBUF_INIT;
		vk_json_append(&text, r);
		strbuf_addch(&text, '\n');
		vk_check_write(fwrite(text.buf, 1, text.len, stdout) == text.len ? 0 : -1);
		strbuf_release(&text);
	} else {
		struct vk_writer_options wo = { .format = format, .excel = ctx->excel,
						.raw = ctx->raw };
		size_t ncols;
		const char *const *cols = vk_entity_columns(e, &ncols);
		struct vk_writer *w = vk_writer_open(stdout, &wo, cols, ncols);
		vk_check_write(vk_writer_row(w, r));
		vk_check_write(vk_writer_close(w));
	}
	json_decref(r);
	return VK_EXIT_OK;
}

/* Parses --sort [-]FIELD into q; a field that is no column is a usage error. */
static void parse_sort(struct vk_context *ctx, const struct vk_entity *e, const char *sort,
		       struct vk_query *q)
{
	const struct vk_field *f;

	if (!sort)
		return;
	q->descending = sort[0] == '-';
	q->sort = sort + q->descending;
	f = vk_entity_field(e, q->sort);
	if (!f || vk_field_is_list(f) || f->type == VK_FIELD_COUNTS) {
		struct strbuf sb = STRBUF_INIT, shown = STRBUF_INIT;
		for (size_t i = 0; i < e->nfields; i++)
			if (!vk_field_is_list(&e->fields[i]) && e->fields[i].type != VK_FIELD_COUNTS)
				strbuf_addf(&sb, "%s%s", sb.len ? ", " : "", e->fields[i].name);
		utf8_addquoted(&shown, q->sort);
		vk_usage_error(ctx, "--sort: cannot sort by %s; use one of: %s (a leading - "
			       "reverses)", shown.buf, sb.buf);
	}
}

static void print_records(struct vk_store *s, struct vk_context *ctx, const struct vk_query *q,
			  void *data)
{
	(void)data;
	vk_print_query(s, ctx, q, true);
}

int vk_cmd_list(int argc, char **argv, struct vk_context *ctx)
{
	struct vk_list_use use = { .print = print_records, .records = true };

	return vk_list_run(argc, argv, ctx, &use);
}

int vk_list_run(int argc, char **argv, struct vk_context *ctx, const struct vk_list_use *use)
{
	const struct vk_entity *e = ctx->command->entity;
	json_t *values = json_object();
	size_t nextra = 0;
	for (const struct vk_list_filter *lf = e->filters; lf && lf->option; lf++)
		nextra++;
	for (const struct vk_option *o = use->extra; o && o->type != VK_OPT_END; o++)
		nextra++;
	struct vk_option *opts = vk_field_options(e, values, true, nextra + 7);
	const char *sort = NULL;
	long long limit = LLONG_MIN;	/* not given */
	struct vk_query q = { .entity = e };
	json_t *keep;
	struct vk_filter *filters = NULL;
	size_t nfilters = 0;
	char description[400];
	int n;

	for (const struct vk_list_filter *lf = e->filters; lf && lf->option; lf++) {
		struct vk_option o = { .type = VK_OPT_FIELD, .long_name = lf->option,
				       .value = values, .argname = lf->argname, .help = lf->help,
				       .field = lf->option,
				       .nargs = lf->kind == VK_LF_BETWEEN ? 2 : 1,
				       .list = lf->kind == VK_LF_WITHOUT };
		vk_options_append(opts, (struct vk_option[]){ o, VK_OPT_END_LIST });
	}
	vk_options_append(opts, (struct vk_option[]){
		VK_OPT_STR(0, "sort", &sort, "FIELD", "sort by FIELD (-FIELD: descending)"),
		VK_OPT_NUM(0, "limit", &limit, "N", "print at most N records"),
		VK_OPT_END_LIST });
	if (use->records)
		vk_options_append(opts, (struct vk_option[]){
			VK_OPT_RECORDS(ctx),
			VK_OPT_END_LIST });
	if (use->extra)
		vk_options_append(opts, use->extra);
	vk_options_append(opts, (struct vk_option[]){ VK_OPT_DB(ctx), VK_OPT_END_LIST });
	/* a record owned by another is listed by its owner: learnings 4, measurements 4 */
	const struct vk_field *owner = NULL;
	for (size_t i = 0; i < e->nfields; i++)
		if (e->fields[i].flags & (VK_OWNED_BY | VK_LIST_ARG))
			owner = &e->fields[i];
	char usage[80], upper[32] = "";
	for (size_t i = 0; owner && owner->ref[i] && i + 1 < sizeof(upper); i++) {
		upper[i] = (char)(owner->ref[i] - 'a' + 'A');
		upper[i + 1] = '\0';
	}
	if (owner) {
		snprintf(usage, sizeof(usage), "%s [%s] [options]", ctx->command->name, upper);
		snprintf(description, sizeof(description), "%s %s (of %s %s when given); each "
			 "option filters, and all must hold; an option given twice, or with "
			 "values joined by commas, holds for any of them.", use->what ? use->what : "Lists",
			 e->plural, owner->ref, upper);
	} else {
		snprintf(usage, sizeof(usage), "%s [options]", ctx->command->name);
		snprintf(description, sizeof(description), "%s %s; each option filters, and all "
			 "must hold; an option given twice, or with values joined by commas, "
			 "holds for any of them.", use->what ? use->what : "Lists", e->plural);
	}
	n = vk_parse_options(ctx, argc, argv, opts, usage, description);
	if (n > (owner ? 1 : 0))
		vk_unexpected_argument(ctx, argv[owner ? 1 : 0]);
	if (n == 1) {
		if (json_object_get(values, owner->name))
			vk_usage_error(ctx, "give the %s once: as argument or as --%s", owner->ref,
				       vk_field_option(owner));
		vk_parse_id(ctx, argv[0], owner->ref);
		json_object_set_new(values, owner->name, json_string(argv[0]));
	}
	if (limit < 0 && limit != LLONG_MIN)
		vk_usage_error(ctx, "--limit: must be 0 or more");
	parse_sort(ctx, e, sort, &q);
	/* made after the usage checks: an exit from those leaves nothing behind */
	keep = json_array();
	vk_build_filters(ctx, e, values, &filters, &nfilters, keep);
	q.filters = filters;
	q.nfilters = nfilters;
	/* --limit 0 prints no records, as head -n 0 does */
	q.limit = limit == 0 ? VK_LIMIT_NONE : limit < 0 ? 0 : limit;
	struct vk_store *s = vk_store_open(ctx->db_path, VK_STORE_READ);
	vk_store_begin_read(s);
	use->print(s, ctx, &q, use->data);
	vk_store_end_read(s);
	vk_store_close(s);
	free(filters);
	vk_options_release(opts);
	json_decref(keep);
	json_decref(values);
	return VK_EXIT_OK;
}

int vk_cmd_set(int argc, char **argv, struct vk_context *ctx)
{
	const struct vk_entity *e = ctx->command->entity;
	json_t *values = json_object();
	json_t *clear = json_array();
	struct vk_option *opts = vk_field_options_for(e, values, VK_OPTIONS_SET, 3);
	struct vk_problems pr = VK_PROBLEMS_INIT;
	bool force = false;
	char description[200];
	int n;

	vk_options_append(opts, (struct vk_option[]){
		VK_OPT_LIST(0, "clear", clear, "FIELD", "empty FIELD (repeat for more)"),
		VK_OPT_END_LIST });
	if (e->force_help)
		vk_options_append(opts, (struct vk_option[]){
			VK_OPT_BOOL(0, "force", &force, e->force_help), VK_OPT_END_LIST });
	vk_options_append(opts, (struct vk_option[]){ VK_OPT_DB(ctx), VK_OPT_END_LIST });
	snprintf(description, sizeof(description), "Changes fields of %s ID; a list option "
		 "replaces the whole list.", e->name);
	n = vk_parse_options(ctx, argc, argv, opts, "set ID [options]", description);
	if (n != 1)
		vk_usage_error(ctx, n ? "too many arguments" : "missing the ID");
	long long id = vk_parse_id(ctx, argv[0], "ID");
	if (!json_object_size(values) && !json_array_size(clear))
		vk_usage_error(ctx, "nothing to change: give a field option or --clear FIELD");
	json_t *changes = vk_record_convert(e, values, VK_FROM_OPTION, false, &pr);
	size_t i;
	json_t *name;
	json_array_foreach(clear, i, name) {
		const struct vk_field *f = vk_entity_field(e, json_string_value(name));
		if (!f || !settable(f) || (f->flags & VK_NOT_SET)) {
			struct strbuf q = STRBUF_INIT;
			utf8_addquoted(&q, json_string_value(name));
			vk_usage_error(ctx, "--clear: %s is not a field that can be changed", q.buf);
		}
		if (f->flags & VK_REQUIRED)
			vk_usage_error(ctx, "--clear: %s is required and cannot be emptied", f->name);
		if (json_object_get(values, f->name))
			vk_usage_error(ctx, "--clear %s and --%s together", f->name, vk_field_option(f));
		json_object_set_new(changes, f->name, json_null());
	}
	if (pr.count) {
		vk_report_problems(&pr);
		exit(VK_EXIT_DATAERR);
	}
	struct vk_store *s = vk_store_open(ctx->db_path, VK_STORE_CHANGE);
	vk_store_begin(s);
	json_t *old = vk_store_get(s, e, id);
	if (!old) {
		vk_store_rollback(s);
		vk_die(VK_EXIT_NOTFOUND, "no %s %lld", e->name, id);
	}
	if (vk_change_update(s, e, old, changes, force, &pr, NULL, NULL) < 0) {
		vk_store_rollback(s);
		vk_report_problems(&pr);
		exit(VK_EXIT_DATAERR);
	}
	vk_store_commit(s);
	vk_store_close(s);
	json_decref(old);
	json_decref(changes);
	json_decref(values);
	json_decref(clear);
	vk_options_release(opts);
	return VK_EXIT_OK;
}

int vk_cmd_rm(int argc, char **argv, struct vk_context *ctx)
{
	const struct vk_entity *e = ctx->command->entity;
	bool dry_run = false;
	struct vk_option opts[] = {
		VK_OPT_BOOL(0, "dry-run", &dry_run, "print what would be removed, with what it owns; "
			    "remove nothing"),
		VK_OPT_DB(ctx), VK_OPT_END_LIST
	};
	struct strbuf said = STRBUF_INIT, went = STRBUF_INIT;
	char description[200];
	int n;

	snprintf(description, sizeof(description), "Removes %s records with what they own; refuses "
		 "when other records refer to one. All or nothing.", e->name);
	n = vk_parse_options(ctx, argc, argv, opts, "rm ID... [options]", description);
	if (!n)
		vk_usage_error(ctx, "missing the ID");
	for (int i = 0; i < n; i++)
		vk_parse_id(ctx, argv[i], "ID");
	struct vk_store *s = vk_store_open(ctx->db_path, VK_STORE_CHANGE);
	vk_store_begin(s);
	for (int i = 0; i < n; i++) {
		long long id = vk_parse_id(ctx, argv[i], "ID");
		struct strbuf why = STRBUF_INIT;
		strbuf_reset(&went);
		int rc = vk_change_remove_owned(s, e, id, &why, &went);
		if (rc == 1) {
			vk_store_rollback(s);
			vk_die(VK_EXIT_NOTFOUND, "no %s %lld%s", e->name, id, n > 1 ? "; nothing removed" : "");
		}
		if (rc == -2) {
			vk_store_rollback(s);
			vk_die(VK_EXIT_DATAERR, "cannot remove %s %lld: %s", e->name, id, why.buf);
		}
		if (rc < 0) {
			vk_store_rollback(s);
			vk_die(VK_EXIT_DATAERR, "cannot remove %s %lld: referred to by %s%s", e->name, id,
			       why.buf, e == &vk_entity_stakeholder ?
			       "; 'vk-stakeholder forget' erases a person's data and keeps the counts" : "");
		}
		strbuf_release(&why);
		/* a dry run says what each would take; a removal only what went beside it */
		if (dry_run || went.len)
			strbuf_addf(&said, "%s %s %lld%s%s\n", dry_run ? "would remove" : "removed",
				    e->name, id, went.len ? " and its " : "", went.buf);
	}
	if (dry_run) {
		vk_store_rollback(s);
		vk_check_write(fputs(said.buf, stdout) == EOF ? -1 : 0);
	} else {
		vk_store_commit(s);
		if (said.len) {
			/* said after the commit: only what did go */
			fflush(stdout);
			for (char *line = said.buf, *nl; (nl = strchr(line, '\n')); line = nl + 1)
				vk_warn("%.*s", (int)(nl - line), line);
		}
	}
	vk_store_close(s);
	strbuf_release(&said);
	strbuf_release(&went);
	return VK_EXIT_OK;
}

int vk_cmd_import(int argc, char **argv, struct vk_context *ctx)
{
	const struct vk_entity *e = ctx->command->entity;
	struct vk_import_options io = { .from = VK_FORMAT_AUTO };
	enum vk_format from = VK_FORMAT_AUTO;
	const char *delimiter = NULL;
	struct vk_option opts[8] = {
		{ .type = VK_OPT_FORMAT, .long_name = "from", .value = &from, .argname = "FORMAT",
		  .help = "csv, tsv, json or jsonl (default: detected from the content)" },
		VK_OPT_STR(0, "delimiter", &delimiter, "C", "CSV separator: ',', ';' or tab "
			   "(default: detected; a header split by tabs reads as TSV)"),
		VK_OPT_BOOL(0, "dry-run", &io.dry_run, "check every row and print what would change; "
			    "write nothing"),
		VK_OPT_BOOL(0, "ignore-unknown", &io.ignore_unknown, "skip columns that are no field"),
		VK_OPT_BOOL(0, "raw", &io.raw, "keep a leading ' in CSV cells and JSON text"),
		VK_OPT_END_LIST
	};
	char description[400];
	struct vk_import_result result;
	int n;

	if (e->force_help)
		vk_options_append(opts, (struct vk_option[]){
			VK_OPT_BOOL(0, "force", &io.force, e->force_help), VK_OPT_END_LIST });
	vk_options_append(opts, (struct vk_option[]){ VK_OPT_DB(ctx), VK_OPT_END_LIST });
	snprintf(description, sizeof(description), "Imports %s from FILE (- for stdin): CSV, TSV, "
		 "JSON or JSON Lines. All or nothing: a bad row is reported as FILE:LINE: field: problem "
		 "and nothing is written.", e->plural);
	n = vk_parse_options(ctx, argc, argv, opts, "import FILE [options]", description);
	if (n != 1)
		vk_usage_error(ctx, n ? "too many arguments" : "missing the FILE (- for stdin)");
	if (from == VK_FORMAT_TABLE)
		vk_usage_error(ctx, "--from: table is an output format only");
	io.from = from;
	if (delimiter) {
		if (!strcmp(delimiter, ",") || !strcmp(delimiter, ";"))
			io.delimiter = delimiter[0];
		else if (!strcmp(delimiter, "tab") || !strcmp(delimiter, "\t") || !strcmp(delimiter, "\\t"))
			io.delimiter = '\t';
		else {
			struct strbuf q = STRBUF_INIT;
			utf8_addquoted(&q, delimiter);
			vk_usage_error(ctx, "--delimiter: %s is not ',', ';' or tab", q.buf);
		}
		/* TSV is always cut at tabs: another separator would be silently ignored */
		if (from == VK_FORMAT_TSV && io.delimiter != '\t')
			vk_usage_error(ctx, "--delimiter is CSV's: TSV is separated by tabs "
				       "(for ';' or ',' use --from csv)");
	}
	const char *name = strcmp(argv[0], "-") ? argv[0] : "stdin";
	FILE *in = vk_open_input(argv[0]);
	const char *path = vk_store_path(ctx->db_path);
	bool existed = access(path, F_OK) == 0;
	bool absent = vk_store_absent(ctx->db_path);
	/* a dry run writes nothing, not even a new database: a missing one is empty */
	struct vk_store *s = io.dry_run && absent ? vk_store_open_memory() :
			     io.dry_run ? vk_store_open_snapshot(ctx->db_path) :
			     vk_store_open(ctx->db_path, VK_STORE_WRITE);
	int rc = vk_import(s, e, in, name, &io, stdout, &result);
	vk_store_close(s);
	if (rc != VK_EXIT_OK && absent && !io.dry_run) {
		/*
		 * The database this import made holds nothing: take it away
		 * again, or leave the empty file it was made in empty.
		 */
		size_t size = strlen(path) + sizeof("-journal");
		char *p = vk_malloc(size);
		const char *const ends[] = { "", "-wal", "-shm", "-journal" };
		for (size_t i = existed ? 1 : 0; i < ARRAY_SIZE(ends); i++) {
			snprintf(p, size, "%s%s", path, ends[i]);
			unlink(p);
		}
		free(p);
		if (!existed)
			vk_warn("removed %s again: nothing was imported", path);
		else if (truncate(path, 0) == 0)
			vk_warn("emptied %s again: nothing was imported", path);
		else
			vk_die(VK_EXIT_IOERR, "%s: cannot empty it again: %s", path, strerror(errno));
	}
	if (in != stdin)
		fclose(in);
	if (rc == VK_EXIT_OK && !io.dry_run && isatty(2))
		vk_warn("%s: %zu added, %zu updated, %zu unchanged", name, result.added,
			result.updated, result.unchanged);
	return rc;
}

int vk_cmd_export(int argc, char **argv, struct vk_context *ctx)
{
	const struct vk_entity *e = ctx->command->entity;
	struct vk_option opts[] = {
		VK_OPT_RECORDS(ctx),
		VK_OPT_DB(ctx), VK_OPT_END_LIST
	};
	char description[200];
	struct vk_query q = { .entity = e };

	snprintf(description, sizeof(description), "Prints every field of every %s, for import "
		 "elsewhere.", e->name);
	if (vk_parse_options(ctx, argc, argv, opts, "export [options]", description))
		vk_unexpected_argument(ctx, argv[0]);
	struct vk_store *s = vk_store_open(ctx->db_path, VK_STORE_READ);
	vk_store_begin_read(s);
	vk_print_query(s, ctx, &q, false);
	vk_store_end_read(s);
	vk_store_close(s);
	return VK_EXIT_OK;
}

int vk_cmd_log(int argc, char **argv, struct vk_context *ctx)
{
	const struct vk_entity *e = ctx->command->entity;
	struct vk_option opts[] = { VK_OPT_OUTPUT(ctx), VK_OPT_DB(ctx), VK_OPT_END_LIST };
	char description[200];
	long long id = 0;
	int n;

	snprintf(description, sizeof(description), "Prints the history of the %s records (of "
		 "%s ID when given): who changed what, when, before and after.", e->name, e->name);
	n = vk_parse_options(ctx, argc, argv, opts, "log [ID] [options]", description);
	if (n > 1)
		vk_usage_error(ctx, "too many arguments");
	if (n == 1)
		id = vk_parse_id(ctx, argv[0], "ID");
	struct vk_store *s = vk_store_open(ctx->db_path, VK_STORE_READ);
	vk_store_begin_read(s);
	struct vk_writer_options out = { vk_output_format(ctx), ctx->excel, ctx->raw };
	size_t count = vk_history_print(s, &out, e->name, id);
	vk_store_end_read(s);
	vk_store_close(s);
	if (!count && id)
		vk_die(VK_EXIT_NOTFOUND, "no history for %s %lld", e->name, id);
	return VK_EXIT_OK;
}

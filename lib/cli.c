/* cli.c: see cli.h */
#include <errno.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "pool.h"
#include "record.h"
#include "error.h"
#include "strbuf.h"
#include "utf8.h"
#include "util.h"

const char vk_version[] = "0.1.0";

/* The usage of the command being parsed, for usage errors. */
static const char *current_usage;

static void print_usage_line(FILE *out, struct vk_context *ctx, const char *usage)
{
	fprintf(out, "usage: %s %s%s%s\n", ctx->program->name,
		ctx->noun ? ctx->noun : "", ctx->noun ? " " : "", usage);
}

void vk_usage_error(struct vk_context *ctx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vk_vwarn(fmt, ap);
	va_end(ap);
	if (current_usage && ctx->command) {
		print_usage_line(stderr, ctx, current_usage);
		fprintf(stderr, "Try '%s %s%s%s --help' for more.\n", ctx->program->name,
			ctx->noun ? ctx->noun : "", ctx->noun ? " " : "", ctx->command->name);
	} else if (ctx->noun) {
		fprintf(stderr, "Try '%s %s --help' for more.\n", ctx->program->name, ctx->noun);
	} else {
		fprintf(stderr, "Try '%s --help' for more.\n", ctx->program->name);
	}
	exit(VK_EXIT_USAGE);
}

void vk_unexpected_argument(struct vk_context *ctx, const char *arg)
{
	struct strbuf q = STRBUF_INIT;

	utf8_addquoted(&q, arg);
	vk_usage_error(ctx, "unexpected argument %s", q.buf);
}

/* "--name ARG" or "-n, --name ARG", for --help. */
static void option_label(const struct vk_option *o, struct strbuf *sb)
{
	if (o->short_name)
		strbuf_addf(sb, "-%c, ", o->short_name);
	else
		strbuf_addstr(sb, "    ");
	strbuf_addf(sb, "--%s", o->long_name);
	if (o->alias)
		strbuf_addf(sb, ", --%s", o->alias);
	if (o->argname)
		strbuf_addf(sb, " %s", o->argname);
}

static void print_help(struct vk_context *ctx, const struct vk_option *opts, const char *usage,
		       const char *description)
{
	size_t width = 0;
	struct strbuf label = STRBUF_INIT;

	print_usage_line(stdout, ctx, usage);
	if (description)
		printf("\n%s\n", description);
	for (const struct vk_option *o = opts; o->type != VK_OPT_END; o++) {
		if (o->type == VK_OPT_HEADING)
			continue;
		strbuf_reset(&label);
		option_label(o, &label);
		if (utf8_width(label.buf) > width)
			width = utf8_width(label.buf);
	}
	strbuf_reset(&label);
	option_label(&(struct vk_option)VK_OPT_BOOL('h', "help", NULL, NULL), &label);
	if (utf8_width(label.buf) > width)
		width = utf8_width(label.buf);
	printf("\noptions:\n");
	for (const struct vk_option *o = opts; o->type != VK_OPT_END; o++) {
		if (o->type == VK_OPT_HEADING) {
			printf("\n%s:\n", o->help);
			continue;
		}
		strbuf_reset(&label);
		option_label(o, &label);
		printf("  %s%*s  %s\n", label.buf, (int)(width - utf8_width(label.buf)), "",
		       o->help ? o->help : "");
	}
	strbuf_reset(&label);
	option_label(&(struct vk_option)VK_OPT_BOOL('h', "help", NULL, NULL), &label);
	printf("  %s%*s  %s\n", label.buf, (int)(width - utf8_width(label.buf)), "",
	       "show this help");
	strbuf_reset(&label);
	option_label(&(struct vk_option)VK_OPT_BOOL(0, "version", NULL, NULL), &label);
	printf("  %s%*s  %s\n", label.buf, (int)(width - utf8_width(label.buf)), "",
	       "print the version of vk");
	strbuf_release(&label);
}

static bool names(const char *long_name, const char *name, size_t len)
{
	return long_name && strlen(long_name) == len && !strncmp(long_name, name, len);
}

static const struct vk_option *find_long(const struct vk_option *opts, const char *name, size_t len)
{
	for (const struct vk_option *o = opts; o->type != VK_OPT_END; o++)
		if (o->type != VK_OPT_HEADING &&
		    (names(o->long_name, name, len) || names(o->alias, name, len)))
			return o;
	return NULL;
}

/* The edit distance (Levenshtein) of a[0..alen) and b, up to 63 bytes each. */
static size_t edit_distance(const char *a, size_t alen, const char *b)
{
	size_t blen = strlen(b), row[64];

	if (alen > 63 || blen > 63)
		return (size_t)-1;
	for (size_t j = 0; j <= blen; j++)
		row[j] = j;
	for (size_t i = 1; i <= alen; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= blen; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[blen];
}

/*
 * The known long option nearest to the unknown name[0..len), or NULL when
 * none is near enough to be what was meant: a few letters off, or the
 * start of exactly one option.
 */
static const char *nearest_long(const struct vk_option *opts, const char *name, size_t len)
{
	static const char *const always[] = { "help", "version" };
	const char *best = NULL, *prefix_of = NULL;
	size_t best_d = (size_t)-1, prefixes = 0;
	size_t limit = len < 4 ? 1 : len < 8 ? 2 : 3;

	for (const struct vk_option *o = opts; o->type != VK_OPT_END; o++) {
		const char *cand[2] = { o->long_name, o->alias };
		if (o->type == VK_OPT_HEADING)
			continue;
		for (int k = 0; k < 2; k++) {
			size_t d;
			if (!cand[k])
				continue;
			if (len >= 3 && !strncmp(cand[k], name, len)) {
				prefix_of = cand[k];
				prefixes++;
			}
			d = edit_distance(name, len, cand[k]);
			if (d < best_d) {
				best_d = d;
				best = cand[k];
			}
		}
	}
	for (size_t k = 0; k < ARRAY_SIZE(always); k++) {
		size_t d = edit_distance(name, len, always[k]);
		if (d < best_d) {
			best_d = d;
			best = always[k];
		}
	}
	if (best && best_d <= limit)
		return best;
	return prefixes == 1 ? prefix_of : NULL;
}

static const struct vk_option *find_short(const struct vk_option *opts, int c)
{
	for (const struct vk_option *o = opts; o->type != VK_OPT_END; o++)
		if (o->type != VK_OPT_HEADING && o->short_name == c)
			return o;
	return NULL;
}

/*
 * Text from the command line is data like any other: it must be UTF-8.
 * (Dropping it would lose it: jansson takes no invalid UTF-8.)
 */
static void check_utf8(const char *what, const char *text)
{
	size_t bad;

	if (!utf8_valid(text, strlen(text), &bad)) {
		/* the argument itself is not quoted: it may be personal, and it is not text */
		const char *space = strchr(what, ' ');
		if (space && what[0] != '-')
			vk_die(VK_EXIT_DATAERR, "an argument of %.*s is not UTF-8 (byte %zu); "
			       "vk reads and writes UTF-8 only", (int)(space - what), what, bad + 1);
		vk_die(VK_EXIT_DATAERR, "%s: invalid UTF-8 at byte %zu; vk reads and writes UTF-8 only",
		       what, bad + 1);
	}
}

char *vk_date_option(const char *what, const char *text, enum vk_date_side side,
		     char out[VK_DATE_SIZE])
{
	struct strbuf err = STRBUF_INIT;
	vk_date d;

	if (vk_date_parse(text, side, &d, &err))
		vk_die(VK_EXIT_DATAERR, "%s: %s", what, err.buf);
	strbuf_release(&err);
	return vk_date_format(d, out);
}

long long vk_parse_id(struct vk_context *ctx, const char *arg, const char *what)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(arg, &end, 10);
	if (!*arg || *end || errno || v < 1) {
		struct strbuf q = STRBUF_INIT;
		utf8_addquoted(&q, arg);
		vk_usage_error(ctx, "%s: %s is not an id (a whole number from 1)", what, q.buf);
	}
	return v;
}

static void set_option(struct vk_context *ctx, const struct vk_option *o, const char *value,
		       const char *spelled)
{
	switch (o->type) {
	case VK_OPT_FLAG:
		*(bool *)o->value = true;
		break;
	case VK_OPT_STRING:
		*(const char **)o->value = value;
		break;
	case VK_OPT_INT: {
		char *end;
		errno = 0;
		long long v = strtoll(value, &end, 10);
		if (!*value || *end || errno) {
			struct strbuf q = STRBUF_INIT;
			utf8_addquoted(&q, value);
			vk_usage_error(ctx, "%s: %s is not a whole number", spelled, q.buf);
		}
		*(long long *)o->value = v;
		break;
	}
	case VK_OPT_STRINGS:
		json_array_append_new((json_t *)o->value, json_string(value));
		break;
	case VK_OPT_FIELD: {
		json_t *obj = o->value;
		if (o->list) {
			json_t *list = json_object_get(obj, o->field);
			if (!json_is_array(list)) {
				list = json_array();
				json_object_set_new(obj, o->field, list);
			}
			json_array_append_new(list, json_string(value));
		} else {
			json_object_set_new(obj, o->field, value ? json_string(value) : json_true());
		}
		break;
	}
	case VK_OPT_FORMAT: {
		enum vk_format f = vk_format_from_name(value);
		if (f == VK_FORMAT_AUTO) {
			struct strbuf q = STRBUF_INIT;
			utf8_addquoted(&q, value);
			vk_usage_error(ctx, "%s: %s is not a format; use table, csv, tsv, json "
				       "or jsonl", spelled, q.buf);
		}
		*(enum vk_format *)o->value = f;
		break;
	}
	default:
		break;
	}
}

int vk_parse_options(struct vk_context *ctx, int argc, char **argv, const struct vk_option *opts,
		     const char *usage, const char *description)
{
	int nargs = 0;
	bool options_done = false;

	current_usage = usage;
	for (int i = 1; i < argc; i++) {
		char *arg = argv[i];
		const struct vk_option *o;
		const char *value = NULL;

		if (options_done || arg[0] != '-' || !arg[1]) {
			check_utf8(usage, arg);
			argv[nargs++] = arg;
			continue;
		}
		if (!strcmp(arg, "--")) {
			options_done = true;
			continue;
		}
		if (arg[1] == '-') {
			const char *name = arg + 2;
			const char *eq = strchr(name, '=');
			size_t len = eq ? (size_t)(eq - name) : strlen(name);
			if (len == 7 && !strncmp(name, "version", 7)) {
				printf("%s %s\n", ctx->program->name, vk_version);
				vk_close_stdout();
				exit(VK_EXIT_OK);
			}
			if (len == 4 && !strncmp(name, "help", 4)) {
				print_help(ctx, opts, usage, description);
				vk_close_stdout();
				exit(VK_EXIT_OK);
			}
			o = find_long(opts, name, len);
			if (!o) {
				const char *near = nearest_long(opts, name, len);
				if (near)
					vk_usage_error(ctx, "unknown option '--%.*s'; did you mean --%s?",
						       (int)len, name, near);
				vk_usage_error(ctx, "unknown option '--%.*s'", (int)len, name);
			}
			if (eq) {
				if (!o->argname)
					vk_usage_error(ctx, "option '--%s' takes no value", o->long_name);
				value = eq + 1;
			}
		} else {
			if (arg[1] == 'h' && !arg[2]) {
				print_help(ctx, opts, usage, description);
				vk_close_stdout();
				exit(VK_EXIT_OK);
			}
			o = find_short(opts, arg[1]);
			if (!o) {
				/* a negative number is an argument, not an option */
				if (arg[1] >= '0' && arg[1] <= '9') {
					check_utf8(usage, arg);
					argv[nargs++] = arg;
					continue;
				}
				vk_usage_error(ctx, "unknown option '-%c'", arg[1]);
			}
			if (arg[2]) {
				if (!o->argname)
					vk_usage_error(ctx, "option '-%c' takes no value", arg[1]);
				value = arg + 2;
			}
		}
		if (o->nargs == 2) {
			/* --between DATE DATE: two values, kept as an array */
			if (value || i + 2 >= argc)
				vk_usage_error(ctx, "option '--%s' needs two values (%s)", o->long_name,
					       o->argname);
			json_object_set_new((json_t *)o->value, o->field,
					    json_pack("[ss]", argv[i + 1], argv[i + 2]));
			i += 2;
			continue;
		}
		if (o->argname && !value) {
			if (i + 1 >= argc)
				vk_usage_error(ctx, "option '--%s' needs a value (%s)", o->long_name,
					       o->argname);
			value = argv[++i];
		}
		char spelled[80];
		snprintf(spelled, sizeof(spelled), "--%s", o->long_name);
		if (value)
			check_utf8(spelled, value);
		set_option(ctx, o, value, spelled);
	}
	/* (before the verb too: vk-stakeholder --db "" list) */
	if (ctx->db_path && !*ctx->db_path)
		vk_usage_error(ctx, "--db: an empty name is no file; leave --db out for $VK_DB, "
			       "else ./vk.db");
	argv[nargs] = NULL;
	return nargs;
}

void vk_close_stdout(void)
{
	/* a closed stdout (>&-) is no error when nothing was written */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		int e = errno;
		vk_die(VK_EXIT_IOERR, "write error on standard output: %s", strerror(e ? e : EIO));
	}
	if (fclose(stdout) != 0 && errno != EBADF)
		vk_die(VK_EXIT_IOERR, "write error on standard output: %s", strerror(errno));
}

enum vk_format vk_output_format(const struct vk_context *ctx)
{
	/* --excel asks for a spreadsheet's CSV */
	if (ctx->excel) {
		vk_check_excel(ctx, ctx->format != VK_FORMAT_AUTO ? vk_format_name(ctx->format) : NULL);
		return VK_FORMAT_CSV;
	}
	return ctx->format != VK_FORMAT_AUTO ? ctx->format : vk_format_default_output();
}

void vk_check_excel(const struct vk_context *ctx, const char *format)
{
	if (ctx->excel && format && strcmp(format, "csv"))
		vk_die(VK_EXIT_USAGE, "--excel writes CSV: leave out -o %s", format);
}

static void print_commands(FILE *out, const struct vk_command *cmds, const char *prefix)
{
	size_t width = 0;

	for (const struct vk_command *c = cmds; c->name; c++)
		if (strlen(c->name) > width)
			width = strlen(c->name);
	for (const struct vk_command *c = cmds; c->name; c++)
		fprintf(out, "  %s%-*s  %s\n", prefix, (int)width, c->name, c->summary);
}

static void program_help(FILE *out, const struct vk_program *p)
{
	bool nouns = false;

	for (const struct vk_command *c = p->commands; c->name; c++)
		nouns = nouns || c->subcommands;
	fprintf(out, "usage: %s COMMAND [options] [arguments]\n", p->name);
	if (nouns)
		fprintf(out, "       %s NOUN COMMAND [options] [arguments]\n", p->name);
	putc('\n', out);
	fprintf(out, "%s\n\ncommands:\n", p->summary);
	print_commands(out, p->commands, "");
	fprintf(out, "\n'%s COMMAND --help' tells more about a command; "
		"'man %s' tells everything.\n", p->name, p->name);
	fprintf(out, "Every command takes --db FILE (default: $VK_DB, else ./vk.db).\n");
	fprintf(out, "%s --version prints the version of vk.\n", p->name);
}

static const struct vk_command *find_command(const struct vk_command *cmds, const char *name)
{
	for (const struct vk_command *c = cmds; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

int vk_main(const struct vk_program *p, int argc, char **argv)
{
	struct vk_context ctx = { .program = p };
	const struct vk_command *cmd;
	int rc;

	vk_pool_install();
	vk_schema_use(vk_record_types);
	setlocale(LC_CTYPE, "");
	vk_set_progname(argv[0]);
	/* --db before the command: vk-stakeholder --db x.db list */
	while (argc > 2 && (!strcmp(argv[1], "--db") || !strncmp(argv[1], "--db=", 5))) {
		int used = argv[1][4] == '=' ? 1 : 2;
		ctx.db_path = used == 1 ? argv[1] + 5 : argv[2];
		argv += used;
		argc -= used;
	}
	if (argc < 2) {
		program_help(stderr, p);
		return VK_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		program_help(stdout, p);
		vk_close_stdout();
		return VK_EXIT_OK;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("%s %s\n", p->name, vk_version);
		vk_close_stdout();
		return VK_EXIT_OK;
	}
	cmd = find_command(p->commands, argv[1]);
	if (!cmd) {
		struct strbuf q = STRBUF_INIT;
		utf8_add_shown(&q, argv[1], UTF8_SHOWN_CHARS, false);
		vk_usage_error(&ctx, "'%s' is not a command", q.buf);
	}
	argc--;
	argv++;
	if (cmd->subcommands) {
		ctx.noun = cmd->name;
		ctx.command = NULL;
		if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
			FILE *out = argc < 2 ? stderr : stdout;
			fprintf(out, "usage: %s %s COMMAND [options] [arguments]\n\n%s\n\ncommands:\n",
				p->name, cmd->name, cmd->summary);
			print_commands(out, cmd->subcommands, "");
			fprintf(out, "\n'%s %s COMMAND --help' tells more about a command; "
				"--version prints the version of vk.\n", p->name, cmd->name);
			if (argc < 2)
				return VK_EXIT_USAGE;
			vk_close_stdout();
			return VK_EXIT_OK;
		}
		const struct vk_command *sub = find_command(cmd->subcommands, argv[1]);
		if (!sub) {
			struct strbuf q = STRBUF_INIT;
			utf8_add_shown(&q, argv[1], UTF8_SHOWN_CHARS, false);
			vk_usage_error(&ctx, "'%s' is not a command of %s %s", q.buf, p->name,
				       cmd->name);
		}
		cmd = sub;
		argc--;
		argv++;
	}
	ctx.command = cmd;
	rc = cmd->run(argc, argv, &ctx);
	vk_close_stdout();
	return rc;
}

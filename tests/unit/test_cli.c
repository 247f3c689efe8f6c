/*
 * test_cli.c: unit tests of lib/cli.c (options, arguments, usage errors,
 * vk_main). Usage errors exit 2 from inside the library, so those run in
 * a forked child whose exit code and stderr are checked.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "cli.h"
#include "error.h"
#include "format.h"
#include "strbuf.h"

/* ---- a small program to parse for ---- */

static int run_list(int argc, char **argv, struct vk_context *ctx);
static int run_engagement_add(int argc, char **argv, struct vk_context *ctx);

static const struct vk_command engagement_commands[] = {
	{ "add", run_engagement_add, NULL, "record an engagement", NULL },
	{ NULL, NULL, NULL, NULL, NULL }
};

static const struct vk_command commands[] = {
	{ "list", run_list, NULL, "list the people of the process", NULL },
	{ "engagement", NULL, NULL, "engagements: meetings, workshops, interviews", engagement_commands },
	{ NULL, NULL, NULL, NULL, NULL }
};

static const struct vk_program program = { "vk-test", "A program for testing vk's command line.",
					   commands };

/* What the options of a parse set. */
struct parsed {
	struct vk_context ctx;
	bool force;
	const char *town;
	long long limit;
	json_t *words;	/* --word: an array */
	json_t *fields;	/* --theme, --group, --between */
	char *argv[40];
	int argc;
	int n;		/* arguments left */
};

#define USAGE "list [options] [TOWN...]"

static void parsed_init(struct parsed *p, const char *const *args)
{
	memset(p, 0, sizeof(*p));
	p->ctx.program = &program;
	p->ctx.command = &commands[0];
	p->limit = -1;
	p->words = json_array();
	p->fields = json_object();
	for (p->argc = 0; args[p->argc]; p->argc++)
		p->argv[p->argc] = (char *)args[p->argc];
	p->argv[p->argc] = NULL;
}

static void parsed_release(struct parsed *p)
{
	json_decref(p->words);
	json_decref(p->fields);
}

/* Parses args (NULL-terminated; args[0] is the command) with the test's options. */
static void parse_args(struct parsed *p)
{
	const struct vk_option opts[] = {
		VK_OPT_STR('t', "town", &p->town, "TOWN", "the town or settlement"),
		VK_OPT_BOOL('f', "force", &p->force, "do it anyway"),
		VK_OPT_NUM('n', "limit", &p->limit, "N", "at most N records"),
		VK_OPT_LIST(0, "word", p->words, "WORD", "a word (repeat for more)"),
		{ .type = VK_OPT_HEADING, .help = "Fields" },
		{ .type = VK_OPT_FIELD, .long_name = "theme", .value = p->fields, .argname = "THEME",
		  .help = "a theme (repeat for more)", .field = "themes", .list = true,
		  .alias = "themes" },
		{ .type = VK_OPT_FIELD, .short_name = 'g', .long_name = "group", .value = p->fields,
		  .argname = "GROUP", .help = "citizen, employee, ...", .field = "group" },
		{ .type = VK_OPT_FIELD, .long_name = "between", .value = p->fields,
		  .argname = "DATE DATE", .help = "from one day to another", .field = "between",
		  .nargs = 2 },
		VK_OPT_OUTPUT(&p->ctx),
		VK_OPT_DB(&p->ctx),
		VK_OPT_END_LIST
	};

	p->n = vk_parse_options(&p->ctx, p->argc, p->argv, opts, USAGE,
				"Lists the people of the process: æ, ø and å welcome.");
}

static void parse(struct parsed *p, const char *const *args)
{
	parsed_init(p, args);
	parse_args(p);
}

/* The arguments left, joined with '|'. */
static char *args_left(const struct parsed *p)
{
	struct strbuf sb = STRBUF_INIT;

	for (int i = 0; i < p->n; i++) {
		if (i)
			strbuf_addch(&sb, '|');
		strbuf_addstr(&sb, p->argv[i]);
	}
	assert_null(p->argv[p->n]);
	return strbuf_detach(&sb, NULL);
}

#define expect_args(p, want) do { \
		char *got_ = args_left(p); \
		assert_string_equal(got_, want); \
		free(got_); \
	} while (0)

static void expect_json(json_t *got, const char *want)
{
	json_t *w = json_loads(want, 0, NULL);

	assert_non_null(w);
	if (!json_equal(got, w)) {
		char *g = json_dumps(got, JSON_COMPACT);
		fail_msg("got %s, want %s", g, want);
	}
	json_decref(w);
}

/* ---- running in a child ---- */

struct child {
	int code;	/* exit code, or -1 when killed */
	char *out, *err;
};

static char *read_back(FILE *f)
{
	struct strbuf sb = STRBUF_INIT;
	char buf[1024];
	size_t n;

	rewind(f);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(f);
	return strbuf_detach(&sb, NULL);
}

/*
 * In the child, exit() ends at once with its status: what the parent
 * allocated is no leak of the child's (LeakSanitizer would report it and
 * change the exit code).
 */
static void exit_now(int status, void *arg)
{
	(void)arg;
	fflush(NULL);	/* the open streams (stdout may be closed already) */
	_exit(status);
}

/* Runs fn(arg) in a child (exit 100 if it returns) with stdout and stderr kept. */
static void in_child(void (*fn)(void *), void *arg, struct child *c)
{
	FILE *out = tmpfile(), *err = tmpfile();
	pid_t pid;
	int status;

	assert_non_null(out);
	assert_non_null(err);
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		dup2(fileno(out), 1);
		dup2(fileno(err), 2);
		on_exit(exit_now, NULL);
		fn(arg);
		fflush(stdout);
		_exit(100);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	c->code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	c->out = read_back(out);
	c->err = read_back(err);
}

static void child_free(struct child *c)
{
	free(c->out);
	free(c->err);
}

static void parse_in_child(void *p)
{
	parse_args(p);
}

/* Parses args in a child, which must exit 2 with stderr want. */
#define refuses(want, ...) check_refuse(want, (const char *const[]){ __VA_ARGS__, NULL }, \
					__FILE__, __LINE__)

static void check_refuse(const char *want, const char *const *args, const char *file, int line)
{
	struct parsed p;
	struct child c;

	parsed_init(&p, args);
	in_child(parse_in_child, &p, &c);
	if (c.code != 2)
		fail_msg("%s:%d: exit %d, want 2 (stderr: %s)", file, line, c.code, c.err);
	if (strcmp(c.err, want))
		fail_msg("%s:%d: stderr\n%s\nwant\n%s", file, line, c.err, want);
	assert_string_equal(c.out, "");
	child_free(&c);
	parsed_release(&p);
}

#define HINT "usage: vk-test list [options] [TOWN...]\nTry 'vk-test list --help' for more.\n"

/* ---- options ---- */

static void test_long_and_short(void **state)
{
	(void)state;
	struct parsed p;

	parse(&p, (const char *const[]){ "list", "--town", "Tasiilaq", "--force", "--limit", "10",
					 NULL });
	assert_string_equal(p.town, "Tasiilaq");
	assert_true(p.force);
	assert_int_equal(p.limit, 10);
	assert_int_equal(p.n, 0);
	expect_args(&p, "");
	parsed_release(&p);

	parse(&p, (const char *const[]){ "list", "-t", "Paamiut", "-f", "-n", "3", NULL });
	assert_string_equal(p.town, "Paamiut");
	assert_true(p.force);
	assert_int_equal(p.limit, 3);
	parsed_release(&p);

	/* values attached: --opt=value, -tvalue */
	parse(&p, (const char *const[]){ "list", "--town=Nuuk", "-n25", "--limit=-1", NULL });
	assert_string_equal(p.town, "Nuuk");
	assert_int_equal(p.limit, -1);
	assert_false(p.force);
	parsed_release(&p);
	parse(&p, (const char *const[]){ "list", "-tQaqortoq", NULL });
	assert_string_equal(p.town, "Qaqortoq");
	parsed_release(&p);

	/* an empty value is a value; an '=' in a value stays */
	parse(&p, (const char *const[]){ "list", "--town=", "--word", "a=b", NULL });
	assert_string_equal(p.town, "");
	expect_json(p.words, "[\"a=b\"]");
	parsed_release(&p);

	/* the last of a repeated option wins */
	parse(&p, (const char *const[]){ "list", "--town", "Nuuk", "-t", "Tasiilaq", NULL });
	assert_string_equal(p.town, "Tasiilaq");
	parsed_release(&p);

	/* nothing given: nothing set */
	parse(&p, (const char *const[]){ "list", NULL });
	assert_null(p.town);
	assert_false(p.force);
	assert_int_equal(p.limit, -1);
	assert_int_equal(p.ctx.format, VK_FORMAT_AUTO);
	assert_null(p.ctx.db_path);
	assert_int_equal(p.n, 0);
	expect_json(p.fields, "{}");
	parsed_release(&p);
}

static void test_value_that_looks_like_an_option(void **state)
{
	(void)state;
	struct parsed p;

	/* an option's value is the next word, whatever it looks like */
	parse(&p, (const char *const[]){ "list", "--town", "--force", "--word", "-t", NULL });
	assert_string_equal(p.town, "--force");
	assert_false(p.force);
	expect_json(p.words, "[\"-t\"]");
	assert_int_equal(p.n, 0);
	parsed_release(&p);
}

static void test_arguments_among_options(void **state)
{
	(void)state;
	struct parsed p;

	parse(&p, (const char *const[]){ "list", "Nuuk", "-f", "Paamiut", "--town", "Tasiilaq",
					 "Qaqortoq", NULL });
	assert_int_equal(p.n, 3);
	expect_args(&p, "Nuuk|Paamiut|Qaqortoq");
	assert_string_equal(p.town, "Tasiilaq");
	assert_true(p.force);
	parsed_release(&p);

	/* "-" is an argument (standard input) */
	parse(&p, (const char *const[]){ "list", "-", "-f", NULL });
	expect_args(&p, "-");
	assert_true(p.force);
	parsed_release(&p);

	/* Danish words as arguments */
	parse(&p, (const char *const[]){ "list", "Søren Ødegaard", "--town", "Ittoqqortoormiit",
					 "Åse", NULL });
	expect_args(&p, "Søren Ødegaard|Åse");
	parsed_release(&p);
}

static void test_double_dash(void **state)
{
	(void)state;
	struct parsed p;

	parse(&p, (const char *const[]){ "list", "-f", "--", "--town", "-t", "--", "x", NULL });
	assert_true(p.force);
	assert_null(p.town);
	assert_int_equal(p.n, 4);
	expect_args(&p, "--town|-t|--|x");
	parsed_release(&p);

	parse(&p, (const char *const[]){ "list", "--", NULL });
	assert_int_equal(p.n, 0);
	parsed_release(&p);
}

static void test_negative_numbers(void **state)
{
	(void)state;
	struct parsed p;

	/* a negative number (or a date such as -2w) is an argument, not an option */
	parse(&p, (const char *const[]){ "list", "4", "-2", "-2w", "--limit", "-5", "-3d", NULL });
	assert_int_equal(p.n, 4);
	expect_args(&p, "4|-2|-2w|-3d");
	assert_int_equal(p.limit, -5);
	parsed_release(&p);
}

static void test_field_options(void **state)
{
	(void)state;
	struct parsed p;

	parse(&p, (const char *const[]){ "list", "--theme", "bolig", "--group", "citizen",
					 "--theme=kultur, sprog og identitet", "-g", "employee",
					 "--themes", "ældrepleje", NULL });
	/* a list field collects every use in order (its alias too); a plain field keeps the last */
	expect_json(p.fields, "{\"themes\": [\"bolig\", \"kultur, sprog og identitet\","
		    " \"ældrepleje\"], \"group\": \"employee\"}");
	assert_int_equal(p.n, 0);
	parsed_release(&p);

	parse(&p, (const char *const[]){ "list", "--word", "et", "--word=to", "tre", NULL });
	expect_json(p.words, "[\"et\", \"to\"]");
	expect_args(&p, "tre");
	parsed_release(&p);

	/* an option of two values */
	parse(&p, (const char *const[]){ "list", "--between", "2024-03-01", "-2w", "Nuuk", NULL });
	expect_json(p.fields, "{\"between\": [\"2024-03-01\", \"-2w\"]}");
	expect_args(&p, "Nuuk");
	parsed_release(&p);
}

static void test_format_and_db(void **state)
{
	(void)state;
	struct parsed p;

	parse(&p, (const char *const[]){ "list", "-o", "csv", "--db", "/srv/nuuk/vision.db", NULL });
	assert_int_equal(p.ctx.format, VK_FORMAT_CSV);
	assert_string_equal(p.ctx.db_path, "/srv/nuuk/vision.db");
	assert_int_equal(vk_output_format(&p.ctx), VK_FORMAT_CSV);
	parsed_release(&p);
	parse(&p, (const char *const[]){ "list", "--format=jsonl", "--db=proces.db", NULL });
	assert_int_equal(p.ctx.format, VK_FORMAT_JSONL);
	assert_string_equal(p.ctx.db_path, "proces.db");
	parsed_release(&p);
	parse(&p, (const char *const[]){ "list", "-ojson", "-o", "tsv", NULL });
	assert_int_equal(p.ctx.format, VK_FORMAT_TSV);
	parsed_release(&p);
	parse(&p, (const char *const[]){ "list", "--format", "table", NULL });
	assert_int_equal(vk_output_format(&p.ctx), VK_FORMAT_TABLE);
	parsed_release(&p);
}

/* ---- usage errors ---- */

static void test_unknown_options(void **state)
{
	(void)state;
	refuses("vk-test: unknown option '--colour'\n" HINT, "list", "--colour", "red");
	refuses("vk-test: unknown option '--colour'\n" HINT, "list", "Nuuk", "--colour=red");
	refuses("vk-test: unknown option '-x'\n" HINT, "list", "-x");
	/* no abbreviations, but the option meant is named */
	refuses("vk-test: unknown option '--tow'; did you mean --town?\n" HINT, "list", "--tow", "Nuuk");
	refuses("vk-test: unknown option '--Town'; did you mean --town?\n" HINT, "list", "--Town", "Nuuk");
	refuses("vk-test: unknown option '--gruop'; did you mean --group?\n" HINT, "list", "--gruop", "x");
	refuses("vk-test: unknown option '--temes'; did you mean --themes?\n" HINT, "list", "--temes", "x");
	refuses("vk-test: unknown option '--betw'; did you mean --between?\n" HINT, "list", "--betw", "x", "y");
	refuses("vk-test: unknown option '--hlep'; did you mean --help?\n" HINT, "list", "--hlep");
	refuses("vk-test: unknown option '-T'\n" HINT, "list", "-T", "Nuuk");
}

static void test_missing_values(void **state)
{
	(void)state;
	refuses("vk-test: option '--town' needs a value (TOWN)\n" HINT, "list", "--town");
	refuses("vk-test: option '--town' needs a value (TOWN)\n" HINT, "list", "-f", "-t");
	refuses("vk-test: option '--limit' needs a value (N)\n" HINT, "list", "Nuuk", "--limit");
	refuses("vk-test: option '--between' needs two values (DATE DATE)\n" HINT,
		"list", "--between", "2024-03-01");
	refuses("vk-test: option '--between' needs two values (DATE DATE)\n" HINT,
		"list", "--between=2024-03-01", "2024-03-31");
}

static void test_bad_values(void **state)
{
	(void)state;
	refuses("vk-test: option '--force' takes no value\n" HINT, "list", "--force=yes");
	refuses("vk-test: option '-f' takes no value\n" HINT, "list", "-fyes");
	refuses("vk-test: --limit: \"ti\" is not a whole number\n" HINT, "list", "--limit", "ti");
	refuses("vk-test: --limit: \"10x\" is not a whole number\n" HINT, "list", "-n10x");
	refuses("vk-test: --limit: \"\" is not a whole number\n" HINT, "list", "--limit=");
	refuses("vk-test: --limit: \"99999999999999999999\" is not a whole number\n" HINT,
		"list", "--limit", "99999999999999999999");
	refuses("vk-test: --format: \"xml\" is not a format; use table, csv, tsv, json or jsonl\n"
		HINT, "list", "-o", "xml");
	refuses("vk-test: --format: \"CSV\" is not a format; use table, csv, tsv, json or jsonl\n"
		HINT, "list", "--format=CSV");
}

static void test_usage_error_of_a_noun(void **state)
{
	(void)state;
	struct parsed p;
	struct child c;

	parsed_init(&p, (const char *const[]){ "add", "--bogus", NULL });
	p.ctx.noun = "engagement";
	p.ctx.command = &engagement_commands[0];
	in_child(parse_in_child, &p, &c);
	assert_int_equal(c.code, 2);
	assert_string_equal(c.err, "vk-test: unknown option '--bogus'\n"
			    "usage: vk-test engagement list [options] [TOWN...]\n"
			    "Try 'vk-test engagement add --help' for more.\n");
	child_free(&c);
	parsed_release(&p);
}

/* ---- --help ---- */

static void test_help(void **state)
{
	(void)state;
	struct parsed p;
	struct child c;

	parsed_init(&p, (const char *const[]){ "list", "Nuuk", "--help", "--bogus", NULL });
	in_child(parse_in_child, &p, &c);
	assert_int_equal(c.code, 0);
	assert_string_equal(c.err, "");
	assert_string_equal(c.out,
		"usage: vk-test list [options] [TOWN...]\n"
		"\n"
		"Lists the people of the process: æ, ø and å welcome.\n"
		"\n"
		"options:\n"
		"  -t, --town TOWN              the town or settlement\n"
		"  -f, --force                  do it anyway\n"
		"  -n, --limit N                at most N records\n"
		"      --word WORD              a word (repeat for more)\n"
		"\n"
		"Fields:\n"
		"      --theme, --themes THEME  a theme (repeat for more)\n"
		"  -g, --group GROUP            citizen, employee, ...\n"
		"      --between DATE DATE      from one day to another\n"
		"  -o, --format FORMAT          table, csv, tsv, json or jsonl (default: table on a terminal, else jsonl)\n"
		"      --db FILE                the database (default: $VK_DB, else ./vk.db)\n"
		"  -h, --help                   show this help\n"
		"      --version                print the version of vk\n");
	child_free(&c);
	parsed_release(&p);

	/* -h too */
	parsed_init(&p, (const char *const[]){ "list", "-h", NULL });
	in_child(parse_in_child, &p, &c);
	assert_int_equal(c.code, 0);
	assert_int_equal(strncmp(c.out, "usage: vk-test list [options] [TOWN...]\n", 40), 0);
	child_free(&c);
	parsed_release(&p);
}

/* ---- vk_parse_id ---- */

static const char *id_arg;

static void parse_id_in_child(void *arg)
{
	struct parsed *p = arg;

	vk_parse_id(&p->ctx, id_arg, "ID");
}

static void test_parse_id(void **state)
{
	(void)state;
	struct parsed p;
	struct child c;
	static const char *const bad[] = { "0", "-3", "4x", "", "tre", "1.5",
					   "99999999999999999999" };

	parsed_init(&p, (const char *const[]){ "show", NULL });
	assert_int_equal(vk_parse_id(&p.ctx, "42", "ID"), 42);
	assert_int_equal(vk_parse_id(&p.ctx, "1", "ID"), 1);
	assert_int_equal(vk_parse_id(&p.ctx, "9007199254740993", "ID"), 9007199254740993LL);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char want[200];
		id_arg = bad[i];
		in_child(parse_id_in_child, &p, &c);
		assert_int_equal(c.code, 2);
		snprintf(want, sizeof(want), "vk-test: ID: \"%s\" is not an id (a whole number from 1)\n",
			 bad[i]);
		assert_int_equal(strncmp(c.err, want, strlen(want)), 0);
		child_free(&c);
	}
	parsed_release(&p);
}

/* ---- vk_main ---- */

static int run_list(int argc, char **argv, struct vk_context *ctx)
{
	struct parsed p;

	memset(&p, 0, sizeof(p));
	p.ctx = *ctx;
	p.limit = -1;
	p.words = json_array();
	p.fields = json_object();
	for (p.argc = 0; p.argc < argc && p.argc < 39; p.argc++)
		p.argv[p.argc] = argv[p.argc];
	p.argv[p.argc] = NULL;
	parse_args(&p);
	printf("%s: noun=%s db=%s town=%s args=", ctx->command->name, ctx->noun ? ctx->noun : "-",
	       p.ctx.db_path ? p.ctx.db_path : "-", p.town ? p.town : "-");
	for (int i = 0; i < p.n; i++)
		printf("%s%s", i ? "|" : "", p.argv[i]);
	printf("\n");
	parsed_release(&p);
	return 7;
}

static int run_engagement_add(int argc, char **argv, struct vk_context *ctx)
{
	const char *town = NULL;
	const struct vk_option opts[] = {
		VK_OPT_STR(0, "town", &town, "TOWN", "where"),
		VK_OPT_END_LIST
	};
	int n = vk_parse_options(ctx, argc, argv, opts, "add [options] TITLE", NULL);

	printf("%s %s: town=%s n=%d\n", ctx->noun, ctx->command->name, town ? town : "-", n);
	return 0;
}

static const char *const *main_args;

static void main_in_child(void *arg)
{
	char *argv[20];
	int argc;

	(void)arg;
	for (argc = 0; main_args[argc]; argc++)
		argv[argc] = (char *)main_args[argc];
	argv[argc] = NULL;
	_exit(vk_main(&program, argc, argv));
}

#define runs(code, out, err, ...) check_main(code, out, err, \
	(const char *const[]){ "/usr/local/bin/vk-test", __VA_ARGS__, NULL }, __FILE__, __LINE__)

static void check_main(int code, const char *out, const char *err, const char *const *args,
		       const char *file, int line)
{
	struct child c;

	main_args = args;
	in_child(main_in_child, NULL, &c);
	if (c.code != code)
		fail_msg("%s:%d: exit %d, want %d (stderr: %s)", file, line, c.code, code, c.err);
	if (out && strcmp(c.out, out))
		fail_msg("%s:%d: stdout\n%s\nwant\n%s", file, line, c.out, out);
	if (err && strcmp(c.err, err))
		fail_msg("%s:%d: stderr\n%s\nwant\n%s", file, line, c.err, err);
	child_free(&c);
}

static void test_main(void **state)
{
	(void)state;
	char version[100];

	snprintf(version, sizeof(version), "vk-test %s\n", vk_version);
	runs(0, version, "", "--version");
	runs(7, "list: noun=- db=- town=- args=Nuuk\n", "", "list", "Nuuk");
	/* --db before the command */
	runs(7, "list: noun=- db=x.db town=Paamiut args=\n", "", "--db", "x.db", "list", "-t",
	     "Paamiut");
	runs(7, "list: noun=- db=x.db town=- args=\n", "", "--db=x.db", "list");
	runs(7, "list: noun=- db=y.db town=- args=\n", "", "list", "--db", "y.db");
	/* an empty --db is no file, wherever it is given */
	runs(2, "", "vk-test: --db: an empty name is no file; leave --db out for $VK_DB, else "
	     "./vk.db\nusage: vk-test list [options] [TOWN...]\nTry 'vk-test list --help' for more.\n",
	     "list", "--db", "");
	runs(2, "", NULL, "list", "--db=");
	runs(2, "", NULL, "--db", "", "list");
	runs(2, "", NULL, "--db=", "list", "Nuuk");
	/* a noun's verb */
	runs(0, "engagement add: town=Tasiilaq n=1\n", "", "engagement", "add", "--town", "Tasiilaq",
	     "Fremtidsværksted");
	/* the program's name in messages is argv[0]'s basename */
	runs(2, "", "vk-test: 'hent' is not a command\nTry 'vk-test --help' for more.\n", "hent");
	runs(2, "", "vk-test: 'slet' is not a command of vk-test engagement\n"
	     "Try 'vk-test engagement --help' for more.\n", "engagement", "slet");
	runs(2, "", "vk-test: unknown option '--colour'\nusage: vk-test list [options] [TOWN...]\n"
	     "Try 'vk-test list --help' for more.\n", "list", "--colour");
	runs(2, "", "vk-test: unknown option '--colour'\n"
	     "usage: vk-test engagement add [options] TITLE\n"
	     "Try 'vk-test engagement add --help' for more.\n", "engagement", "add", "--colour");
}

static void test_main_help(void **state)
{
	(void)state;
	struct child c;

	main_args = (const char *const[]){ "vk-test", "--help", NULL };
	in_child(main_in_child, NULL, &c);
	assert_int_equal(c.code, 0);
	assert_string_equal(c.err, "");
	assert_int_equal(strncmp(c.out, "usage: vk-test COMMAND [options] [arguments]\n", 45), 0);
	assert_non_null(strstr(c.out, "  list        list the people of the process\n"));
	assert_non_null(strstr(c.out, "  engagement  engagements: meetings, workshops, interviews\n"));
	child_free(&c);

	/* no command: the help on stderr, exit 2 */
	main_args = (const char *const[]){ "vk-test", NULL };
	in_child(main_in_child, NULL, &c);
	assert_int_equal(c.code, 2);
	assert_string_equal(c.out, "");
	assert_int_equal(strncmp(c.err, "usage: vk-test COMMAND [options] [arguments]\n", 45), 0);
	child_free(&c);

	/* a noun alone: its verbs on stderr, exit 2; with --help on stdout, exit 0 */
	main_args = (const char *const[]){ "vk-test", "engagement", NULL };
	in_child(main_in_child, NULL, &c);
	assert_int_equal(c.code, 2);
	assert_non_null(strstr(c.err, "usage: vk-test engagement COMMAND"));
	assert_non_null(strstr(c.err, "  add  record an engagement\n"));
	child_free(&c);
	main_args = (const char *const[]){ "vk-test", "engagement", "--help", NULL };
	in_child(main_in_child, NULL, &c);
	assert_int_equal(c.code, 0);
	assert_non_null(strstr(c.out, "  add  record an engagement\n"));
	assert_string_equal(c.err, "");
	child_free(&c);

	/* a verb's help */
	main_args = (const char *const[]){ "vk-test", "engagement", "add", "--help", NULL };
	in_child(main_in_child, NULL, &c);
	assert_int_equal(c.code, 0);
	assert_int_equal(strncmp(c.out, "usage: vk-test engagement add [options] TITLE\n", 46), 0);
	child_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_long_and_short),
		cmocka_unit_test(test_value_that_looks_like_an_option),
		cmocka_unit_test(test_arguments_among_options),
		cmocka_unit_test(test_double_dash),
		cmocka_unit_test(test_negative_numbers),
		cmocka_unit_test(test_field_options),
		cmocka_unit_test(test_format_and_db),
		cmocka_unit_test(test_unknown_options),
		cmocka_unit_test(test_missing_values),
		cmocka_unit_test(test_bad_values),
		cmocka_unit_test(test_usage_error_of_a_noun),
		cmocka_unit_test(test_help),
		cmocka_unit_test(test_parse_id),
		cmocka_unit_test(test_main),
		cmocka_unit_test(test_main_help),
	};

	vk_set_progname("vk-test");
	return cmocka_run_group_tests_name("cli", tests, NULL, NULL);
}

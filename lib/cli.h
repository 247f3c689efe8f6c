/*
 * cli.h: the command-line conventions every vk program shares.
 *
 * A program is a table of commands (verbs); a command is a function with
 * one signature and, for the verbs every record type has, the entity it
 * works on. A command declares its options as data (struct vk_option) and
 * calls vk_parse_options(), which also answers --help from that data.
 *
 * Usage errors print to stderr and exit 2; --help prints to stdout and
 * exits 0. vk_main() checks that stdout was written and closed (a full
 * disk exits 74).
 */
#ifndef VK_CLI_H
#define VK_CLI_H

#include <stdbool.h>
#include <jansson.h>
#include "date.h"
#include "format.h"
#include "schema.h"

struct vk_context;
struct vk_command;

typedef int vk_command_fn(int argc, char **argv, struct vk_context *ctx);

struct vk_command {
	const char *name;
	vk_command_fn *run;		/* NULL for a noun: see subcommands */
	const struct vk_entity *entity;	/* the record type a generic verb works on */
	const char *summary;		/* one line, for the program's --help */
	const struct vk_command *subcommands;	/* a noun's verbs, ending in VK_COMMANDS_END */
};

/* The end of a table of commands. */
#define VK_COMMANDS_END { .name = NULL }

struct vk_program {
	const char *name;		/* "vk-stakeholder" */
	const char *summary;
	const struct vk_command *commands;	/* ending in VK_COMMANDS_END */
};

/* What a running command knows: set by vk_main() and the common options. */
struct vk_context {
	const struct vk_program *program;
	const struct vk_command *command;
	const char *noun;		/* "engagement" when run as a noun's verb */
	const char *db_path;		/* --db, or NULL */
	enum vk_format format;		/* -o; VK_FORMAT_AUTO when not given */
	bool excel, raw;		/* --excel, --raw */
};

enum vk_option_type {
	VK_OPT_END = 0,
	VK_OPT_FLAG,		/* bool *value */
	VK_OPT_STRING,		/* const char **value (the last one given) */
	VK_OPT_INT,		/* long long *value */
	VK_OPT_STRINGS,		/* json_t *value: an array; each use appends */
	VK_OPT_FIELD,		/* json_t *value: an object; sets key `field` (lists append) */
	VK_OPT_FORMAT,		/* enum vk_format *value */
	VK_OPT_HEADING		/* no option: a heading in --help */
};

struct vk_option {
	enum vk_option_type type;
	int short_name;		/* 0 for none */
	const char *long_name;
	void *value;
	const char *argname;	/* NULL for a flag */
	const char *help;
	const char *field;	/* VK_OPT_FIELD: the record field */
	bool list;		/* VK_OPT_FIELD: repeatable, collects an array */
	int nargs;		/* VK_OPT_FIELD: 2 takes two values (an array); else one */
	const char *alias;	/* another long name it answers to (--roles for --role), or NULL */
};

#define VK_OPT_BOOL(s, l, v, h) { .type = VK_OPT_FLAG, .short_name = (s), .long_name = (l), \
	.value = (v), .help = (h) }
#define VK_OPT_STR(s, l, v, a, h) { .type = VK_OPT_STRING, .short_name = (s), .long_name = (l), \
	.value = (v), .argname = (a), .help = (h) }
#define VK_OPT_NUM(s, l, v, a, h) { .type = VK_OPT_INT, .short_name = (s), .long_name = (l), \
	.value = (v), .argname = (a), .help = (h) }
#define VK_OPT_LIST(s, l, v, a, h) { .type = VK_OPT_STRINGS, .short_name = (s), .long_name = (l), \
	.value = (v), .argname = (a), .help = (h) }
/* The end of a table of options. */
#define VK_OPT_END_LIST { .type = VK_OPT_END }
/* -o FORMAT, --excel and --raw: the output options of a command that prints records */
#define VK_OPT_RECORDS(ctx) VK_OPT_OUTPUT(ctx), VK_OPT_SPREADSHEET(ctx)
/* --excel and --raw: how CSV is written for a spreadsheet (writer.h) */
#define VK_OPT_SPREADSHEET(ctx)							\
	VK_OPT_BOOL(0, "excel", &(ctx)->excel,					\
		    "CSV for a Danish or Norwegian spreadsheet (BOM, ';')"),	\
	VK_OPT_BOOL(0, "raw", &(ctx)->raw,					\
		    "no ' before cells a spreadsheet would run as formulas")
/* --db FILE, which every command takes */
#define VK_OPT_DB(ctx) VK_OPT_STR(0, "db", &(ctx)->db_path, "FILE", \
	"the database (default: $VK_DB, else ./vk.db)")
/* -o FORMAT, for commands that print records */
#define VK_OPT_OUTPUT(ctx) { .type = VK_OPT_FORMAT, .short_name = 'o', .long_name = "format", \
	.value = &(ctx)->format, .argname = "FORMAT", \
	.help = "table, csv, tsv, json or jsonl (default: table on a terminal, else jsonl)" }

/*
 * Parses argv[1..argc) (argv[0] is the command's name) against opts,
 * allowing options and arguments in any order; "--" ends the options.
 * Moves the arguments that are not options to argv[0..n) and returns n.
 * usage is the command's synopsis after the program name ("add NAME
 * [options]"), description a paragraph for --help (may be NULL).
 * Exits 0 after --help, 2 on a usage error.
 */
int vk_parse_options(struct vk_context *ctx, int argc, char **argv,
		     const struct vk_option *opts, const char *usage,
		     const char *description);

/* Prints "PROGRAM: message", the usage line and a hint to stderr; exits 2. */
_Noreturn void vk_usage_error(struct vk_context *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* vk_usage_error() for an argument the command does not take (quoted as messages quote). */
_Noreturn void vk_unexpected_argument(struct vk_context *ctx, const char *arg);

/*
 * Runs a program: sets the locale (LC_CTYPE only) and the program name,
 * answers --help and --version, finds the command (a noun's verb too) and
 * runs it, then closes stdout checked. Returns the exit code.
 */
int vk_main(const struct vk_program *p, int argc, char **argv);

/* Flushes and closes stdout; a failed write exits 74. */
void vk_close_stdout(void);

/*
 * The output format of ctx: -o when given, CSV with --excel, else the
 * default for stdout. --excel with another -o is a usage error.
 */
enum vk_format vk_output_format(const struct vk_context *ctx);

/*
 * Exits 2 when ctx has --excel and format (-o as given, NULL when not
 * given) is not csv: --excel writes CSV.
 */
void vk_check_excel(const struct vk_context *ctx, const char *format);

/*
 * Parses text, the date given as option (or argument) `what`, as side
 * says and writes it as YYYY-MM-DD into out. A date that cannot be read
 * is bad data: exits 65 with "WHAT: message". Returns out.
 */
char *vk_date_option(const char *what, const char *text, enum vk_date_side side,
		     char out[VK_DATE_SIZE]);

/* Parses a whole number argument ("ID" etc.) or exits 2 naming what. */
long long vk_parse_id(struct vk_context *ctx, const char *arg, const char *what);

/* The version of vk, printed by --version. */
extern const char vk_version[];

#endif

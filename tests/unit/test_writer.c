/* test_writer.c: records as table, CSV, TSV, JSON, JSON Lines (lib/writer.c) */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "format.h"
#include "json.h"
#include "strbuf.h"
#include "tsv.h"
#include "writer.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char *const people_cols[] = {
	"id", "name", "town", "roles", "allocation", "notes"
};

static const char people[] =
	"[{\"type\":\"stakeholder\",\"id\":1,"
	"\"name\":\"Aviaja Kristiansen-Kleist\",\"town\":\"Paamiut\","
	"\"roles\":[\"owner\",\"steering\"],\"allocation\":20,"
	"\"notes\":\"Siger \\\"ja\\\", hvis der er tid\"},"
	"{\"type\":\"stakeholder\",\"id\":2,\"name\":\"Søren Ærø\","
	"\"town\":\"Nuuk\",\"roles\":[],\"allocation\":null,"
	"\"notes\":\"Linje 1\\nLinje 2\"},"
	"{\"type\":\"stakeholder\",\"id\":3,\"name\":\"Åse Østergård\","
	"\"town\":\"Qaqortoq, Vest\",\"roles\":[\"lead\"],\"allocation\":5.5,"
	"\"notes\":\"=SUM(A1)\"}]";

/*
 * Writes the records of the JSON array text json with opts and columns,
 * checks that every call succeeds, and returns the output (free it).
 */
static char *render_opts(const struct vk_writer_options *opts,
			 const char *const *cols, size_t ncols,
			 const char *json)
{
	json_error_t jerr;
	json_t *arr = json_loads(json, 0, &jerr), *rec;
	char *buf = NULL;
	size_t len = 0, i;
	FILE *f = open_memstream(&buf, &len);
	struct vk_writer *w;

	assert_non_null(arr);
	assert_non_null(f);
	w = vk_writer_open(f, opts, cols, ncols);
	assert_non_null(w);
	json_array_foreach(arr, i, rec) {
		assert_int_equal(vk_writer_row(w, rec), 0);
		assert_int_equal(vk_writer_rows(w), i + 1);
	}
	assert_int_equal(vk_writer_close(w), 0);
	assert_int_equal(fclose(f), 0);
	json_decref(arr);
	return buf;
}

static char *render(enum vk_format fmt, const char *const *cols,
		    size_t ncols, const char *json)
{
	struct vk_writer_options o = { .format = fmt };

	return render_opts(&o, cols, ncols, json);
}

#define CHECK(got, want) do { \
	char *g_ = (got); \
	assert_string_equal(g_, want); \
	free(g_); \
} while (0)

static void csv_people(void **state)
{
	(void)state;
	CHECK(render(VK_FORMAT_CSV, people_cols, N(people_cols), people),
	      "id,name,town,roles,allocation,notes\r\n"
	      "1,Aviaja Kristiansen-Kleist,Paamiut,owner;steering,20,"
	      "\"Siger \"\"ja\"\", hvis der er tid\"\r\n"
	      "2,Søren Ærø,Nuuk,,,\"Linje 1\nLinje 2\"\r\n"
	      "3,Åse Østergård,\"Qaqortoq, Vest\",lead,5.5,'=SUM(A1)\r\n");
}

static void csv_zero_rows(void **state)
{
	(void)state;
	CHECK(render(VK_FORMAT_CSV, people_cols, 3, "[]"),
	      "id,name,town\r\n");
	CHECK(render(VK_FORMAT_TSV, people_cols, 3, "[]"),
	      "id\tname\ttown\n");
}

static void csv_excel(void **state)
{
	struct vk_writer_options o = { .format = VK_FORMAT_CSV, .excel = true };

	(void)state;
	CHECK(render_opts(&o, people_cols, N(people_cols), people),
	      "\xEF\xBB\xBF"
	      "id;name;town;roles;allocation;notes\r\n"
	      "1;Aviaja Kristiansen-Kleist;Paamiut;\"owner;steering\";20;"
	      "\"Siger \"\"ja\"\", hvis der er tid\"\r\n"
	      "2;Søren Ærø;Nuuk;;;\"Linje 1\nLinje 2\"\r\n"
	      "3;Åse Østergård;Qaqortoq, Vest;lead;5.5;'=SUM(A1)\r\n");
	/* the byte-order mark comes once, also with no rows */
	CHECK(render_opts(&o, people_cols, 2, "[]"),
	      "\xEF\xBB\xBFid;name\r\n");
}

static void tsv_people(void **state)
{
	static const char *const cols[] = { "name", "notes" };

	(void)state;
	/* no quoting, no guard: a quote is a plain character, a line break an escape */
	CHECK(render(VK_FORMAT_TSV, people_cols, N(people_cols), people),
	      "id\tname\ttown\troles\tallocation\tnotes\n"
	      "1\tAviaja Kristiansen-Kleist\tPaamiut\towner;steering\t20\t"
	      "Siger \"ja\", hvis der er tid\n"
	      "2\tSøren Ærø\tNuuk\t\t\tLinje 1\\nLinje 2\n"
	      "3\tÅse Østergård\tQaqortoq, Vest\tlead\t5.5\t=SUM(A1)\n");
	CHECK(render(VK_FORMAT_TSV, cols, N(cols),
		     "[{\"name\":\"Nuka\",\"notes\":\"kaffe\\tkage\"},"
		     "{\"name\":\"Inge\",\"notes\":\"a\\r\\nb\"},"
		     "{\"name\":\"C:\\\\temp\\\\ny\",\"notes\":\"\\\\N\"},"
		     "{\"name\":\"\\\"\",\"notes\":\"'\"}]"),
	      "name\tnotes\n"
	      "Nuka\tkaffe\\tkage\n"
	      "Inge\ta\\r\\nb\n"
	      "C:\\\\temp\\\\ny\t\\\\N\n"
	      "\"\t'\n");
}

/* A header name is escaped like a field; one that begins with U+FEFF gets a byte-order mark before it. */
static void tsv_header(void **state)
{
	static const char *const cols[] = { "by\tsted", "linje\nto", "a\\b" };
	static const char *const bom[] = { "\xEF\xBB\xBFx", "y" };

	(void)state;
	CHECK(render(VK_FORMAT_TSV, cols, N(cols), "[]"),
	      "by\\tsted\tlinje\\nto\ta\\\\b\n");
	CHECK(render(VK_FORMAT_TSV, bom, N(bom), "[]"),
	      "\xEF\xBB\xBF\xEF\xBB\xBFx\ty\n");
}

/* The escapes, and that unescaping gives back what escaping was given. */
static void tsv_escapes(void **state)
{
	static const struct { const char *text, *tsv; } cases[] = {
		{ "", "" },
		{ "Åse Østergård", "Åse Østergård" },
		{ "a\tb", "a\\tb" },
		{ "a\nb", "a\\nb" },
		{ "a\r\nb", "a\\r\\nb" },
		{ "C:\\ny", "C:\\\\ny" },
		{ "\\", "\\\\" },
		{ "\\N", "\\\\N" },
		{ "\t\t", "\\t\\t" },
		{ "sagt \"ja\"", "sagt \"ja\"" },
		{ "=SUM(A1)", "=SUM(A1)" },
		{ "'citat", "'citat" },
		{ "\n", "\\n" },
		{ "ende\\", "ende\\\\" },
	};
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	for (size_t i = 0; i < N(cases); i++) {
		strbuf_reset(&sb);
		vk_tsv_escape(&sb, cases[i].text, strlen(cases[i].text));
		assert_string_equal(sb.buf, cases[i].tsv);
		assert_null(memchr(sb.buf, '\t', sb.len));
		assert_null(memchr(sb.buf, '\n', sb.len));
		assert_null(memchr(sb.buf, '\r', sb.len));
		strbuf_setlen(&sb, vk_tsv_unescape(sb.buf, sb.len));
		assert_string_equal(sb.buf, cases[i].text);
	}
	strbuf_release(&sb);
}

/* What no escape writes: a backslash before another character, or at the end, stays. */
static void tsv_unescape_other(void **state)
{
	static const struct { const char *tsv, *text; } cases[] = {
		{ "C:\\Users\\qa", "C:\\Users\\qa" },
		{ "\\x41", "\\x41" },
		{ "\\N", "\\N" },	/* NULL is the reader's business, not the unescape's */
		{ "ende\\", "ende\\" },
		{ "\\\\\\", "\\\\" },	/* \\ then a lone \ */
		{ "\\\\t", "\\t" },
		{ "\\T\\R", "\\T\\R" },
		{ "\\\"", "\\\"" },
	};
	char buf[64];

	(void)state;
	for (size_t i = 0; i < N(cases); i++) {
		size_t len = strlen(cases[i].tsv);

		memcpy(buf, cases[i].tsv, len);
		buf[len] = 'X';	/* nothing past the end is touched */
		len = vk_tsv_unescape(buf, len);
		assert_int_equal(len, strlen(cases[i].text));
		assert_memory_equal(buf, cases[i].text, len);
		assert_int_equal(buf[strlen(cases[i].tsv)], 'X');
	}
	assert_true(vk_tsv_is_null("\\N", 2));
	assert_false(vk_tsv_is_null("\\N", 1));
	assert_false(vk_tsv_is_null("\\n", 2));
	assert_false(vk_tsv_is_null("N", 1));
}

/* The header is quoted like any cell, never guarded. */
static void csv_header_quoting(void **state)
{
	static const char *const cols[] = { "by, sted", "-x", "sagt \"ja\"" };

	(void)state;
	CHECK(render(VK_FORMAT_CSV, cols, N(cols),
		     "[{\"by, sted\":\"Nuuk\",\"-x\":1,\"sagt \\\"ja\\\"\":true}]"),
	      "\"by, sted\",-x,\"sagt \"\"ja\"\"\"\r\n"
	      "Nuuk,1,true\r\n");
}

static const char guard_input[] =
	"[{\"v\":\"=SUM(A1)\"},"
	"{\"v\":\"-5 grader\"},"
	"{\"v\":\"@home\"},"
	"{\"v\":\"+45 32 10 00 00\"},"
	"{\"v\":\"'citat'\"},"
	"{\"v\":\"\\tindrykket\"},"
	"{\"v\":\"\\r\\nlinje\"},"
	"{\"v\":\"\\nny linje\"},"
	"{\"v\":\"-5\"},"
	"{\"v\":-5},"
	"{\"v\":-2.5},"
	"{\"v\":[\"-x\",\"y\"]},"
	"{\"v\":[\"y\",\"-x\"]},"
	"{\"v\":{\"=a\":1}},"
	"{\"v\":\"Paamiut = 1\"},"
	"{\"v\":\"\"},"
	"{\"v\":null},"
	"{\"v\":false}]";

static void guard_csv(void **state)
{
	static const char *const cols[] = { "v" };

	(void)state;
	CHECK(render(VK_FORMAT_CSV, cols, 1, guard_input),
	      "v\r\n"
	      "'=SUM(A1)\r\n"
	      "'-5 grader\r\n"
	      "'@home\r\n"
	      "'+45 32 10 00 00\r\n"
	      "''citat'\r\n"
	      "'\tindrykket\r\n"
	      "\"'\r\nlinje\"\r\n"
	      "\"'\nny linje\"\r\n"
	      "'-5\r\n"
	      "-5\r\n"
	      "-2.5\r\n"
	      "'-x;y\r\n"
	      "y;-x\r\n"
	      "'=a=1\r\n"
	      "Paamiut = 1\r\n"
	      "\"\"\r\n"	/* one empty cell alone: a blank line would be no row */
	      "\"\"\r\n"
	      "false\r\n");
}

/* TSV is for programs: no guard, and one empty field alone is \N, not a blank line. */
static void guard_tsv(void **state)
{
	static const char *const cols[] = { "v" };
	static const char *const two[] = { "v", "w" };

	(void)state;
	CHECK(render(VK_FORMAT_TSV, cols, 1, guard_input),
	      "v\n"
	      "=SUM(A1)\n"
	      "-5 grader\n"
	      "@home\n"
	      "+45 32 10 00 00\n"
	      "'citat'\n"
	      "\\tindrykket\n"
	      "\\r\\nlinje\n"
	      "\\nny linje\n"
	      "-5\n"
	      "-5\n"
	      "-2.5\n"
	      "-x;y\n"
	      "y;-x\n"
	      "=a=1\n"
	      "Paamiut = 1\n"
	      "\\N\n"
	      "\\N\n"
	      "false\n");
	/* with two columns, empty is empty */
	CHECK(render(VK_FORMAT_TSV, two, 2, "[{\"v\":\"\",\"w\":null}]"),
	      "v\tw\n\t\n");
}

static void guard_raw(void **state)
{
	static const char *const cols[] = { "v" };
	struct vk_writer_options o = { .format = VK_FORMAT_CSV, .raw = true };

	(void)state;
	CHECK(render_opts(&o, cols, 1, guard_input),
	      "v\r\n"
	      "=SUM(A1)\r\n"
	      "-5 grader\r\n"
	      "@home\r\n"
	      "+45 32 10 00 00\r\n"
	      "'citat'\r\n"
	      "\tindrykket\r\n"
	      "\"\r\nlinje\"\r\n"
	      "\"\nny linje\"\r\n"
	      "-5\r\n"
	      "-5\r\n"
	      "-2.5\r\n"
	      "-x;y\r\n"
	      "y;-x\r\n"
	      "=a=1\r\n"
	      "Paamiut = 1\r\n"
	      "\"\"\r\n"	/* one empty cell alone: a blank line would be no row */
	      "\"\"\r\n"
	      "false\r\n");
	o.format = VK_FORMAT_TSV;
	o.excel = true;		/* no meaning for TSV */
	CHECK(render_opts(&o, cols, 1, "[{\"v\":\"@home\"},{\"v\":\"\\tx\"}]"),
	      "v\n@home\n\\tx\n");
}

static void arrays_objects(void **state)
{
	static const char *const cols[] = {
		"id", "themes", "participants", "headcount", "flag", "missing"
	};

	(void)state;
	CHECK(render(VK_FORMAT_CSV, cols, N(cols),
		     "[{\"id\":7,\"themes\":[\"skole\",\"kultur og idræt\"],"
		     "\"participants\":[1,4,12],"
		     "\"headcount\":{\"citizen\":12,\"employee\":3},"
		     "\"flag\":true},"
		     "{\"id\":8,\"themes\":[\"ældre, pleje\"],"
		     "\"participants\":[],\"headcount\":{},\"flag\":false,"
		     "\"missing\":null}]"),
	      "id,themes,participants,headcount,flag,missing\r\n"
	      "7,skole;kultur og idræt,1;4;12,citizen=12;employee=3,true,\r\n"
	      "8,\"ældre, pleje\",,,false,\r\n");
}

static void value_to_text(void **state)
{
	static const struct {
		const char *json, *text;
	} cases[] = {
		{ "\"Ærø\"", "Ærø" },
		{ "0", "0" },
		{ "-9223372036854775807", "-9223372036854775807" },
		{ "9223372036854775807", "9223372036854775807" },
		{ "0.5", "0.5" },
		{ "-2.25", "-2.25" },
		/* the fewest digits that read back (number.h), not %.17g's */
		{ "0.1", "0.1" },
		{ "0.30000000000000004", "0.30000000000000004" },
		{ "42.0", "42" },
		{ "1e21", "1e+21" },
		{ "null", "" },
		{ "true", "true" },
		{ "false", "false" },
		{ "[]", "" },
		{ "[\"a\",null,2,true]", "a;;2;true" },
		{ "[[1,2],\"x\"]", "1;2;x" },
		{ "{\"b\":1,\"a\":[2,3],\"c\":null}", "b=1;a=2;3;c=" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < N(cases); i++) {
		struct strbuf sb = STRBUF_INIT;
		json_t *v = json_loads(cases[i].json, JSON_DECODE_ANY, NULL);

		assert_non_null(v);
		strbuf_addstr(&sb, "<");
		vk_value_to_text(v, &sb);
		assert_string_equal(sb.buf + 1, cases[i].text);
		strbuf_release(&sb);
		json_decref(v);
	}
	/* no value: nothing */
	{
		struct strbuf sb = STRBUF_INIT;

		vk_value_to_text(NULL, &sb);
		assert_int_equal(sb.len, 0);
	}
}

/* A real prints with '.' whatever LC_NUMERIC says. */
static void real_locale(void **state)
{
	static const char *const names[] = {
		"da_DK.UTF-8", "da_DK.utf8", "de_DE.UTF-8", "de_DE.utf8",
		"nb_NO.UTF-8", "fr_FR.UTF-8"
	};
	static const char *const cols[] = { "allocation" };
	const char *old = setlocale(LC_NUMERIC, NULL);
	char *saved = old ? strdup(old) : NULL;
	struct strbuf sb = STRBUF_INIT;
	json_t *v = json_real(12.5);
	size_t i;

	(void)state;
	for (i = 0; i < N(names); i++)
		if (setlocale(LC_NUMERIC, names[i]))
			break;
	if (i == N(names) || strcmp(localeconv()->decimal_point, ",")) {
		setlocale(LC_NUMERIC, saved ? saved : "C");
		free(saved);
		json_decref(v);
		fail_msg("no locale with a decimal comma: tests/run makes da_DK.UTF-8 "
			 "with localedef and sets LOCPATH");
	}
	vk_value_to_text(v, &sb);
	assert_string_equal(sb.buf, "12.5");
	CHECK(render(VK_FORMAT_CSV, cols, 1, "[{\"allocation\":12.5}]"),
	      "allocation\r\n12.5\r\n");
	setlocale(LC_NUMERIC, saved ? saved : "C");
	free(saved);
	strbuf_release(&sb);
	json_decref(v);
}

static const char json_input[] =
	"[{\"type\":\"input\",\"id\":2,\"source\":\"mandlig pensionist\","
	"\"text\":\"Vi skal \\\"tænke\\\" på de ældre\\nog på børnene\","
	"\"themes\":[\"ældre\",\"børn\"],\"stakeholder\":null},"
	"{\"name\":\"Aviaja Kristiansen-Kleist\",\"id\":1,\"type\":\"stakeholder\","
	"\"allocation\":12.5,\"headcount\":{\"citizen\":12},\"ok\":true}]";

static void json_records(void **state)
{
	static const char *const cols[] = { "id" };	/* not used by JSON */

	(void)state;
	CHECK(render(VK_FORMAT_JSON, cols, 1, json_input),
	      "[\n"
	      "{\"type\":\"input\",\"id\":2,\"source\":\"mandlig pensionist\","
	      "\"text\":\"Vi skal \\\"tænke\\\" på de ældre\\nog på børnene\","
	      "\"themes\":[\"ældre\",\"børn\"],\"stakeholder\":null},\n"
	      "{\"name\":\"Aviaja Kristiansen-Kleist\",\"id\":1,"
	      "\"type\":\"stakeholder\",\"allocation\":12.5,"
	      "\"headcount\":{\"citizen\":12},\"ok\":true}\n"
	      "]\n");
	CHECK(render(VK_FORMAT_JSON, cols, 1, "[]"), "[]\n");
	CHECK(render(VK_FORMAT_JSON, NULL, 0, "[{\"id\":1}]"),
	      "[\n{\"id\":1}\n]\n");
}

static void jsonl_records(void **state)
{
	(void)state;
	CHECK(render(VK_FORMAT_JSONL, NULL, 0, json_input),
	      "{\"type\":\"input\",\"id\":2,\"source\":\"mandlig pensionist\","
	      "\"text\":\"Vi skal \\\"tænke\\\" på de ældre\\nog på børnene\","
	      "\"themes\":[\"ældre\",\"børn\"],\"stakeholder\":null}\n"
	      "{\"name\":\"Aviaja Kristiansen-Kleist\",\"id\":1,"
	      "\"type\":\"stakeholder\",\"allocation\":12.5,"
	      "\"headcount\":{\"citizen\":12},\"ok\":true}\n");
	CHECK(render(VK_FORMAT_JSONL, NULL, 0, "[]"), "");
	CHECK(render(VK_FORMAT_JSONL, NULL, 0, "[{},{\"a\":[]}]"),
	      "{}\n{\"a\":[]}\n");
}

/* A big record goes through the growing buffer whole. */
static void json_big_record(void **state)
{
	struct vk_writer_options o = { .format = VK_FORMAT_JSONL };
	char *buf = NULL, *text = malloc(100001);
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct vk_writer *w = vk_writer_open(f, &o, NULL, 0);
	json_t *rec;

	(void)state;
	memset(text, 'x', 100000);
	text[100000] = '\0';
	rec = json_pack("{s:i, s:s}", "id", 1, "text", text);
	assert_int_equal(vk_writer_row(w, rec), 0);
	assert_int_equal(vk_writer_row(w, rec), 0);
	assert_int_equal(vk_writer_close(w), 0);
	fclose(f);
	assert_int_equal(len, 2 * (100000 + strlen("{\"id\":1,\"text\":\"\"}\n")));
	assert_memory_equal(buf, "{\"id\":1,\"text\":\"xxx", 19);
	assert_string_equal(buf + len - 4, "x\"}\n");
	json_decref(rec);
	free(text);
	free(buf);
}

static void table_people(void **state)
{
	static const char *const cols[] = { "id", "name", "town", "allocation" };

	(void)state;
	CHECK(render(VK_FORMAT_TABLE, cols, N(cols),
		     "[{\"id\":1,\"name\":\"Aviaja Kristiansen-Kleist\","
		     "\"town\":\"Paamiut\",\"allocation\":20},"
		     "{\"id\":2,\"name\":\"Søren Ærø\",\"town\":\"Nuuk\","
		     "\"allocation\":null},"
		     "{\"id\":10,\"name\":\"Åse Østergård\",\"town\":\"Qaqortoq\","
		     "\"allocation\":5.5}]"),
	      "id  name                       town      allocation\n"
	      " 1  Aviaja Kristiansen-Kleist  Paamiut           20\n"
	      " 2  Søren Ærø                  Nuuk\n"
	      "10  Åse Østergård              Qaqortoq         5.5\n");
}

/* Numbers right, text left, per cell; the header follows its column. */
static void table_alignment(void **state)
{
	static const char *const cols[] = { "v", "w", "æøå" };

	(void)state;
	CHECK(render(VK_FORMAT_TABLE, cols, N(cols),
		     "[{\"v\":1234,\"w\":\"ø\",\"æøå\":\"日本\"},"
		     "{\"v\":\"tekst\",\"w\":7,\"æøå\":\"å\"},"
		     "{\"v\":null,\"w\":\"\",\"æøå\":[\"x\",\"y\"]}]"),
	      "v      w  æøå\n"
	      " 1234  ø  日本\n"
	      "tekst  7  å\n"
	      "          x;y\n");
}

static void table_zero_rows(void **state)
{
	(void)state;
	/* the heading says what there would have been */
	CHECK(render(VK_FORMAT_TABLE, people_cols, N(people_cols), "[]"),
	      "id  name  town  roles  allocation  notes\n");
}

static void table_cut_and_controls(void **state)
{
	static const char *const cols[] = { "notes", "n" };

	(void)state;
	CHECK(render(VK_FORMAT_TABLE, cols, N(cols),
		     /* 40 columns: kept whole */
		     "[{\"notes\":\"Borgermøde i Paamiut om skole og kultur!\","
		     "\"n\":1},"
		     /* 41 columns: cut to 39 and "…" */
		     "{\"notes\":\"Borgermøde i Paamiut om skole og kultur!!\","
		     "\"n\":2},"
		     "{\"notes\":\"Linje 1\\r\\nLinje 2\\tslut\\u0001\\u007f\\u0085.\","
		     "\"n\":3},"
		     /* 25 wide characters: 19 fit in 39 columns */
		     "{\"notes\":\"日日日日日日日日日日日日日日日日日日日日日日日日日\","
		     "\"n\":4}]"),
	      "notes                                     n\n"
	      "Borgermøde i Paamiut om skole og kultur!  1\n"
	      "Borgermøde i Paamiut om skole og kultur…  2\n"
	      "Linje 1↵Linje 2→slut???.                  3\n"
	      "日日日日日日日日日日日日日日日日日日日…   4\n");
}

/* A table narrows its widest text columns to fit $COLUMNS; numbers stay whole. */
static void table_fits_columns(void **state)
{
	static const char *const cols[] = { "id", "name", "organisation", "town" };
	const char *json =
		"[{\"id\":1,\"name\":\"Aviaja Kristiansen-Kleist\","
		"\"organisation\":\"Kommuneqarfik Sermersooq, Børn og Familie\",\"town\":\"Nuuk\"},"
		"{\"id\":22,\"name\":\"Åse Nørgaard\",\"organisation\":\"Karup Borgerforening\","
		"\"town\":\"Karup\"}]";
	char *out;

	(void)state;
	setenv("COLUMNS", "50", 1);
	out = render(VK_FORMAT_TABLE, cols, N(cols), json);
	assert_string_equal(out,
		"id  name                organisation         town\n"
		" 1  Aviaja Kristianse…  Kommuneqarfik Serm…  Nuuk\n"
		"22  Åse Nørgaard        Karup Borgerforeni…  Karup\n");
	free(out);
	/* no room even at the headings: the headings' widths are the least */
	setenv("COLUMNS", "10", 1);
	out = render(VK_FORMAT_TABLE, cols, N(cols), json);
	assert_string_equal(out,
		"id  name    organisation  town\n"
		" 1  Aviaj…  Kommuneqarf…  Nuuk\n"
		"22  Åse N…  Karup Borge…  Karup\n");
	free(out);
	/* wide enough: as it is, but for the cut at 40 columns every cell has */
	setenv("COLUMNS", "200", 1);
	out = render(VK_FORMAT_TABLE, cols, N(cols), json);
	assert_string_equal(out,
		"id  name                       organisation                              town\n"
		" 1  Aviaja Kristiansen-Kleist  Kommuneqarfik Sermersooq, Børn og Famil…  Nuuk\n"
		"22  Åse Nørgaard               Karup Borgerforening                      Karup\n");
	free(out);
	unsetenv("COLUMNS");
}

static void vertical(void **state)
{
	static const char *const cols[] = {
		"id", "name", "town", "roles", "headcount", "notes", "email",
		"tags", "blank"
	};
	json_t *rec = json_loads(
		"{\"id\":4,\"name\":\"Aviaja Kristiansen-Kleist\","
		"\"town\":\"Paamiut\",\"roles\":[\"owner\",\"steering\"],"
		"\"headcount\":{\"citizen\":12,\"employee\":3},"
		"\"notes\":\"Første linje\\r\\nAnden linje\\n\\nsidste\\n\","
		"\"email\":null,\"tags\":[],\"blank\":\"\"}", 0, NULL);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	(void)state;
	assert_non_null(rec);
	assert_int_equal(vk_write_vertical(f, rec, cols, N(cols)), 0);
	fclose(f);
	assert_string_equal(buf,
		"id:        4\n"
		"name:      Aviaja Kristiansen-Kleist\n"
		"town:      Paamiut\n"
		"roles:     owner, steering\n"
		"headcount: citizen=12, employee=3\n"
		"notes:     Første linje\n"
		"           Anden linje\n"
		"\n"
		"           sidste\n"
		"email:\n"
		"tags:\n"
		"blank:\n");
	free(buf);
	json_decref(rec);
}

static void vertical_keys(void **state)
{
	static const char *const cols[] = { "navn", "bemærkning", "by" };
	json_t *rec = json_loads(
		"{\"navn\":\"Åse\",\"bemærkning\":\"\\nstarter på ny linje\","
		"\"by\":\"Ærø\"}", 0, NULL);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	(void)state;
	assert_int_equal(vk_write_vertical(f, rec, cols, N(cols)), 0);
	fclose(f);
	assert_string_equal(buf,
		"navn:       Åse\n"
		"bemærkning:\n"
		"            starter på ny linje\n"
		"by:         Ærø\n");
	free(buf);
	json_decref(rec);
}

/* The columns are copied: the caller may free them after open. */
static void columns_copied(void **state)
{
	struct vk_writer_options o = { .format = VK_FORMAT_CSV };
	char c1[] = "name", c2[] = "town";
	const char *cols[] = { c1, c2 };
	json_t *rec = json_pack("{s:s, s:s}", "name", "Nuka", "town", "Sisimiut");
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct vk_writer *w = vk_writer_open(f, &o, cols, 2);

	(void)state;
	strcpy(c1, "XXXX");
	cols[1] = "other";
	assert_int_equal(vk_writer_row(w, rec), 0);
	assert_int_equal(vk_writer_close(w), 0);
	fclose(f);
	assert_string_equal(buf, "name,town\r\nNuka,Sisimiut\r\n");
	free(buf);
	json_decref(rec);
}

static void not_an_object(void **state)
{
	struct vk_writer_options o = { .format = VK_FORMAT_JSONL };
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct vk_writer *w = vk_writer_open(f, &o, NULL, 0);
	json_t *arr = json_array();

	(void)state;
	errno = 0;
	assert_int_equal(vk_writer_row(w, arr), -1);
	assert_int_equal(errno, EINVAL);
	assert_int_equal(vk_writer_row(w, NULL), -1);
	assert_int_equal(vk_writer_rows(w), 0);
	assert_int_equal(vk_writer_close(w), 0);
	fclose(f);
	assert_string_equal(buf, "");
	free(buf);
	json_decref(arr);
}

/* Writes n copies of a record to /dev/full; returns vk_writer_close(). */
static int write_full(enum vk_format fmt, size_t n, int *first_bad_row)
{
	struct vk_writer_options o = { .format = fmt };
	FILE *f = fopen("/dev/full", "w");
	json_t *rec = json_pack("{s:i, s:s, s:s}", "id", 1, "name",
				"Aviaja Kristiansen-Kleist", "town", "Paamiut");
	struct vk_writer *w;
	size_t i;
	int ret;

	assert_non_null(f);
	w = vk_writer_open(f, &o, people_cols, 3);
	*first_bad_row = -1;
	for (i = 0; i < n; i++) {
		if (vk_writer_row(w, rec) < 0) {
			if (*first_bad_row < 0)
				*first_bad_row = (int)i;
		} else {
			/* once a write failed, every later one fails */
			assert_int_equal(*first_bad_row, -1);
		}
	}
	errno = 0;
	ret = vk_writer_close(w);
	if (ret < 0)
		assert_int_equal(errno, ENOSPC);
	fclose(f);
	json_decref(rec);
	return ret;
}

static void dev_full(void **state)
{
	static const enum vk_format fmts[] = {
		VK_FORMAT_CSV, VK_FORMAT_TSV, VK_FORMAT_JSON, VK_FORMAT_JSONL,
		VK_FORMAT_TABLE
	};
	size_t i;
	int bad;

	(void)state;
	for (i = 0; i < N(fmts); i++) {
		/* a few rows stay in the stdio buffer: close finds the error */
		assert_int_equal(write_full(fmts[i], 1, &bad), -1);
		assert_int_equal(bad, -1);
		/* no rows: JSON Lines writes nothing, so no error */
		assert_int_equal(write_full(fmts[i], 0, &bad),
				 fmts[i] == VK_FORMAT_JSONL ? 0 : -1);
		/* many rows: a row fails, and close fails too */
		assert_int_equal(write_full(fmts[i], 20000, &bad), -1);
		if (fmts[i] != VK_FORMAT_TABLE)
			assert_true(bad > 0);
	}
}

static void dev_full_vertical(void **state)
{
	static const char *const cols[] = { "name" };
	FILE *f = fopen("/dev/full", "w");
	json_t *rec = json_pack("{s:s}", "name", "Åse");

	(void)state;
	assert_non_null(f);
	assert_int_equal(vk_write_vertical(f, rec, cols, 1), -1);
	fclose(f);
	json_decref(rec);
}

static void format_names(void **state)
{
	static const char *const names[] = { "table", "csv", "tsv", "json", "jsonl" };
	size_t i;

	(void)state;
	for (i = 0; i < N(names); i++) {
		enum vk_format f = vk_format_from_name(names[i]);

		assert_int_not_equal(f, VK_FORMAT_AUTO);
		assert_string_equal(vk_format_name(f), names[i]);
	}
	assert_int_equal(vk_format_from_name("csv"), VK_FORMAT_CSV);
	assert_int_equal(vk_format_from_name("jsonl"), VK_FORMAT_JSONL);
	assert_int_equal(vk_format_from_name("JSON"), VK_FORMAT_AUTO);
	assert_int_equal(vk_format_from_name("xlsx"), VK_FORMAT_AUTO);
	assert_int_equal(vk_format_from_name(""), VK_FORMAT_AUTO);
	assert_int_equal(vk_format_from_name("auto"), VK_FORMAT_AUTO);
	assert_int_equal(vk_format_default_output(),
			 isatty(1) ? VK_FORMAT_TABLE : VK_FORMAT_JSONL);
}

/* json.h's promise: byte for byte what jansson writes, for every byte and shape. */
static void json_text_as_jansson(void **state)
{
	char text[4];
	json_t *all = json_object();
	json_t *list = json_array();

	(void)state;
	for (int c = 1; c < 0x80; c++) {
		snprintf(text, sizeof(text), "%c", c);
		json_t *v = json_string(text);
		char *want = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
		char *got = vk_json_text(v);
		if (strcmp(want, got))
			fail_msg("byte 0x%02x: vk writes %s, jansson %s", c, got, want);
		free(want);
		free(got);
		json_array_append_new(list, v);
	}
	json_object_set_new(all, "tekst \"Ærø\"\n/\\", json_string("Kalaallit Nunaat \u00f8\t\x01"));
	json_object_set_new(all, "liste", list);
	json_object_set_new(all, "tal", json_pack("[I,i,b,b,n]", (json_int_t)-9007199254740991LL, 0,
						  1, 0));
	json_object_set_new(all, "antal", json_pack("{si,si}", "citizen", 12, "employee", 3));
	json_object_set_new(all, "tom", json_pack("{s[]s{}}", "a", "o"));
	char *want = json_dumps(all, JSON_COMPACT);
	char *got = vk_json_text(all);
	assert_string_equal(got, want);
	free(want);
	free(got);
	json_decref(all);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(json_text_as_jansson),
		cmocka_unit_test(csv_people),
		cmocka_unit_test(csv_zero_rows),
		cmocka_unit_test(csv_excel),
		cmocka_unit_test(tsv_people),
		cmocka_unit_test(tsv_header),
		cmocka_unit_test(tsv_escapes),
		cmocka_unit_test(tsv_unescape_other),
		cmocka_unit_test(csv_header_quoting),
		cmocka_unit_test(guard_csv),
		cmocka_unit_test(guard_tsv),
		cmocka_unit_test(guard_raw),
		cmocka_unit_test(arrays_objects),
		cmocka_unit_test(value_to_text),
		cmocka_unit_test(real_locale),
		cmocka_unit_test(json_records),
		cmocka_unit_test(jsonl_records),
		cmocka_unit_test(json_big_record),
		cmocka_unit_test(table_people),
		cmocka_unit_test(table_alignment),
		cmocka_unit_test(table_zero_rows),
		cmocka_unit_test(table_cut_and_controls),
		cmocka_unit_test(table_fits_columns),
		cmocka_unit_test(vertical),
		cmocka_unit_test(vertical_keys),
		cmocka_unit_test(columns_copied),
		cmocka_unit_test(not_an_object),
		cmocka_unit_test(dev_full),
		cmocka_unit_test(dev_full_vertical),
		cmocka_unit_test(format_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

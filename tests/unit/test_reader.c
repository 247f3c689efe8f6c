/* test_reader.c: unit tests of lib/reader.c (CSV, TSV, JSON, JSON Lines). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <pthread.h>
#include <time.h>
#include <unistd.h>
#include "reader.h"
#include "error.h"
#include "reader_thread.h"
#include "strbuf.h"

struct rd {
	FILE *fp;
	struct vk_reader *r;
	json_t *rec;
	long line;
};

/* Opens a reader on data[0..len) (which may hold NUL bytes). */
static void rd_open_opts(struct rd *t, const char *data, size_t len,
			 enum vk_format format, int delimiter, bool raw)
{
	struct vk_reader_options o = { format, delimiter, raw };

	memset(t, 0, sizeof(*t));
	/* fmemopen() refuses an empty buffer: tmpfile() stands in */
	t->fp = len ? fmemopen((void *)data, len, "r") : tmpfile();
	assert_non_null(t->fp);
	t->r = vk_reader_open(t->fp, "test.csv", &o);
	assert_non_null(t->r);
}

#define rd_open(t, lit) rd_open_opts(t, lit, sizeof(lit) - 1, VK_FORMAT_AUTO, 0, false)
#define rd_open_as(t, lit, f) rd_open_opts(t, lit, sizeof(lit) - 1, f, 0, false)

static enum vk_read_result rd_next(struct rd *t)
{
	json_decref(t->rec);
	t->rec = NULL;
	return vk_reader_next(t->r, &t->rec, &t->line);
}

static void rd_close(struct rd *t)
{
	json_decref(t->rec);
	vk_reader_close(t->r);
	fclose(t->fp);
}

static const char *field(struct rd *t, const char *key)
{
	json_t *v = json_object_get(t->rec, key);

	assert_non_null(v);
	assert_true(json_is_string(v));
	return json_string_value(v);
}

/* Expects a record starting on line. */
static void expect_record(struct rd *t, long line)
{
	enum vk_read_result res = rd_next(t);

	if (res == VK_READ_ERROR)
		fail_msg("line %ld: unexpected error \"%s\"", t->line,
			 vk_reader_error(t->r));
	assert_int_equal(res, VK_READ_RECORD);
	assert_non_null(t->rec);
	assert_true(json_is_object(t->rec));
	assert_int_equal(t->line, line);
}

/* Expects an error on line whose message contains msg. */
static void expect_error(struct rd *t, long line, const char *msg, bool cont)
{
	assert_int_equal(rd_next(t), VK_READ_ERROR);
	assert_null(t->rec);
	if (!strstr(vk_reader_error(t->r), msg))
		fail_msg("error \"%s\" does not contain \"%s\"",
			 vk_reader_error(t->r), msg);
	assert_int_equal(t->line, line);
	assert_int_equal(vk_reader_can_continue(t->r), cont);
}

static void expect_end(struct rd *t)
{
	assert_int_equal(rd_next(t), VK_READ_END);
	assert_null(t->rec);
}

static void expect_columns(struct rd *t, size_t n, ...)
{
	size_t count;
	const char *const *cols = vk_reader_columns(t->r, &count);
	va_list ap;

	assert_non_null(cols);
	assert_int_equal(count, n);
	va_start(ap, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(cols[i], va_arg(ap, const char *));
	va_end(ap);
}

/* ---- CSV ---- */

static void test_csv_comma(void **state)
{
	struct rd t;

	(void)state;
	rd_open(&t, "name,town,group\n"
		"Aviaja Kristiansen-Kleist,Nuuk,citizen\n"
		"Søren Ødegård,Tasiilaq,employee\n");
	assert_int_equal(vk_reader_format(t.r), VK_FORMAT_AUTO);
	expect_record(&t, 2);
	assert_int_equal(vk_reader_format(t.r), VK_FORMAT_CSV);
	assert_true(vk_reader_is_text(t.r));
	expect_columns(&t, 3, "name", "town", "group");
	assert_string_equal(field(&t, "name"), "Aviaja Kristiansen-Kleist");
	assert_string_equal(field(&t, "town"), "Nuuk");
	assert_string_equal(field(&t, "group"), "citizen");
	assert_int_equal(json_object_size(t.rec), 3);
	expect_record(&t, 3);
	assert_string_equal(field(&t, "name"), "Søren Ødegård");
	assert_string_equal(field(&t, "town"), "Tasiilaq");
	expect_end(&t);
	expect_end(&t);
	rd_close(&t);
}

static void test_csv_key_order(void **state)
{
	struct rd t;
	const char *key;
	json_t *v;
	const char *want[] = { "town", "name", "allocation" };
	size_t i = 0;

	(void)state;
	rd_open(&t, "town,name,allocation\nPaamiut,Nivi Olsen,40\n");
	expect_record(&t, 2);
	json_object_foreach(t.rec, key, v) {
		assert_true(i < 3);
		assert_string_equal(key, want[i++]);
		assert_true(json_is_string(v));
	}
	assert_int_equal(i, 3);
	assert_string_equal(field(&t, "allocation"), "40");
	expect_end(&t);
	rd_close(&t);
}

static void test_csv_semicolon(void **state)
{
	struct rd t;

	(void)state;
	/* the commas inside a value must not win over the separators */
	rd_open(&t, "navn;by;noter\n"
		"Aviaja Kristiansen-Kleist;Qaqortoq;\"kom, så, og gik\"\n"
		"Jens Højgaard;Paamiut;mødes, igen, snart, ja\n");
	expect_record(&t, 2);
	assert_int_equal(vk_reader_format(t.r), VK_FORMAT_CSV);
	expect_columns(&t, 3, "navn", "by", "noter");
	assert_string_equal(field(&t, "by"), "Qaqortoq");
	assert_string_equal(field(&t, "noter"), "kom, så, og gik");
	expect_record(&t, 3);
	assert_string_equal(field(&t, "noter"), "mødes, igen, snart, ja");
	expect_end(&t);
	rd_close(&t);
}

static void test_csv_tab(void **state)
{
	struct rd t;

	(void)state;
	rd_open(&t, "navn\tby\tnoter\n"
		"Ivalo Berthelsen\tNuuk\tgod idé; mere, tak\n");
	expect_record(&t, 2);
	assert_int_equal(vk_reader_format(t.r), VK_FORMAT_TSV);
	assert_true(vk_reader_is_text(t.r));
	assert_string_equal(field(&t, "navn"), "Ivalo Berthelsen");
	assert_string_equal(field(&t, "noter"), "god idé; mere, tak");
	expect_end(&t);
	rd_close(&t);
}

static void test_csv_tie_and_forced(void **state)
{
	struct rd t;

	(void)state;
	/* one of each: ',' wins a tie */
	rd_open(&t, "a,b;c\td\n1,2;3\t4\n");
	expect_record(&t, 2);
	expect_columns(&t, 2, "a", "b;c\td");
	rd_close(&t);

	/* TSV forces TAB whatever the header looks like */
	rd_open_as(&t, "a,b,c\tx\n1,2,3\t4\n", VK_FORMAT_TSV);
	expect_record(&t, 2);
	assert_int_equal(vk_reader_format(t.r), VK_FORMAT_TSV);
	expect_columns(&t, 2, "a,b,c", "x");
	assert_string_equal(field(&t, "a,b,c"), "1,2,3");
	rd_close(&t);

	/* a given delimiter wins over the guess */
	rd_open_opts(&t, "a,b;c\n1,2;3\n", 12, VK_FORMAT_CSV, ';', false);
	expect_record(&t, 2);
	expect_columns(&t, 2, "a,b", "c");
	assert_string_equal(field(&t, "a,b"), "1,2");
	rd_close(&t);

	/* a CSV that starts with '{' is still CSV when asked for */
	rd_open_as(&t, "{x},y\n1,2\n", VK_FORMAT_CSV);
	expect_record(&t, 2);
	assert_string_equal(field(&t, "{x}"), "1");
	rd_close(&t);

	/* separators inside quotes do not count */
	rd_open(&t, "\"Navn, fulde\";By;\"Noter, andet\"\nAviaja Kristiansen-Kleist;Nuuk;ok\n");
	expect_record(&t, 2);
	expect_columns(&t, 3, "Navn, fulde", "By", "Noter, andet");
	rd_close(&t);

	/* a quote cannot be the delimiter */
	rd_open_opts(&t, "a\"b\n", 4, VK_FORMAT_CSV, '"', false);
	expect_error(&t, 1, "delimiter", false);
	expect_end(&t);
	rd_close(&t);

	/* no delimiter at all: one column */
	rd_open(&t, "navn\nAviaja\n\"Kristiansen-Kleist, Aviaja\"\n");
	expect_record(&t, 2);
	expect_columns(&t, 1, "navn");
	expect_record(&t, 3);
	assert_string_equal(field(&t, "navn"), "Kristiansen-Kleist, Aviaja");
	expect_end(&t);
	rd_close(&t);
}

static void test_csv_bom(void **state)
{
	struct rd t;

	(void)state;
	rd_open(&t, "\xEF\xBB\xBFname,town\nAviaja,Nuuk\n");
	expect_record(&t, 2);
	expect_columns(&t, 2, "name", "town");
	assert_string_equal(field(&t, "name"), "Aviaja");
	expect_end(&t);
	rd_close(&t);
}

static void test_csv_crlf(void **state)
{
	struct rd t;

	(void)state;
	rd_open(&t, "name,town\r\nAviaja,Nuuk\r\n\r\nMalik,Paamiut\r\n");
	expect_record(&t, 2);
	assert_string_equal(field(&t, "town"), "Nuuk");
	expect_record(&t, 4);
	assert_string_equal(field(&t, "name"), "Malik");
	assert_string_equal(field(&t, "town"), "Paamiut");
	expect_end(&t);
	rd_close(&t);
}

static void test_csv_danish_excel(void **state)
{
	struct rd t;

	(void)state;
	rd_open(&t, "\xEF\xBB\xBFNavn;Gruppe;By;Noter\r\n"
		"Aviaja Kristiansen-Kleist;citizen;Nuuk;\"Ønsker bedre\r\nbusforbindelse; også om aftenen\"\r\n"
		"Søren Æbelø;employee;Qaqortoq;'=SUM(A1:A2)\r\n"
		"Åse Kristoffersen;politician;Tasiilaq;\r\n");
	expect_record(&t, 2);
	assert_int_equal(vk_reader_format(t.r), VK_FORMAT_CSV);
	expect_columns(&t, 4, "Navn", "Gruppe", "By", "Noter");
	assert_string_equal(field(&t, "Noter"),
			    "Ønsker bedre\r\nbusforbindelse; også om aftenen");
	expect_record(&t, 4);
	assert_string_equal(field(&t, "Navn"), "Søren Æbelø");
	assert_string_equal(field(&t, "Noter"), "=SUM(A1:A2)");
	expect_record(&t, 5);
	assert_string_equal(field(&t, "Navn"), "Åse Kristoffersen");
	assert_string_equal(field(&t, "Noter"), "");
	expect_end(&t);
	rd_close(&t);
}

static void test_csv_embedded_newline(void **state)
{
	struct rd t;

	(void)state;
	rd_open(&t, "name,town,notes\n"
		"Aviaja Kristiansen-Kleist,Nuuk,\"first line\n"
		"second line\n"
		"third line\"\n"
		"Malik Lynge,Tasiilaq,short\n"
		"\n"
		"\n"
		"\"Kleist,\n Hans\",Paamiut,x\n"
		"Nivi,Qaqortoq,y");
	expect_record(&t, 2);
	assert_string_equal(field(&t, "notes"),
			    "first line\nsecond line\nthird line");
	expect_record(&t, 5);
	assert_string_equal(field(&t, "name"), "Malik Lynge");
	expect_record(&t, 8);
	assert_string_equal(field(&t, "name"), "Kleist,\n Hans");
	/* the last line has no line end */
	expect_record(&t, 10);
	assert_string_equal(field(&t, "town"), "Qaqortoq");
	assert_string_equal(field(&t, "notes"), "y");
	expect_end(&t);
	rd_close(&t);
}

static void test_csv_cr_only(void **state)
{
	struct rd t;

	(void)state;
	rd_open(&t, "name,town\rAviaja,Nuuk\r\"two\rlines\",Paamiut\rMalik,Tasiilaq\r");
	expect_record(&t, 2);
	assert_string_equal(field(&t, "town"), "Nuuk");
	expect_record(&t, 3);
	assert_string_equal(field(&t, "name"), "two\rlines");
	expect_record(&t, 5);
	assert_string_equal(field(&t, "name"), "Malik");
	expect_end(&t);
	rd_close(&t);
}

static void test_csv_quoted_quotes(void **state)
{
	struct rd t;

	(void)state;
	rd_open(&t, "name,quote\n"
		"Aviaja,\"Hun sagde \"\"hej\"\", og gik\"\n"
		"Malik,\"\"\"\"\n"
		"\"\",\"\"\n");
	expect_record(&t, 2);
	assert_string_equal(field(&t, "quote"), "Hun sagde \"hej\", og gik");
	expect_record(&t, 3);
	assert_string_equal(field(&t, "quote"), "\"");
	expect_record(&t, 4);
	assert_string_equal(field(&t, "name"), "");
	assert_string_equal(field(&t, "quote"), "");
	expect_end(&t);
	rd_close(&t);
}

static void test_csv_no_trimming(void **state)
{
	struct rd t;

	(void)state;
	rd_open(&t, " name , town \n  Aviaja  , Nuuk\t\n");
	expect_record(&t, 2);
	expect_columns(&t, 2, "name", "town");
	assert_string_equal(field(&t, "name"), "  Aviaja  ");
	assert_string_equal(field(&t, "town"), " Nuuk\t");
	expect_end(&t);
	rd_close(&t);

	rd_open(&t, "a\tb\n\t x \n");
	expect_record(&t, 2);
	assert_string_equal(field(&t, "a"), "");
	assert_string_equal(field(&t, "b"), " x ");
	rd_close(&t);
}

static void test_csv_field_count(void **state)
{
	struct rd t;

	(void)state;
	rd_open(&t, "name,town,group\n"
		"Aviaja,Nuuk\n"
		"Malik,Tasiilaq,citizen\n"
		"Nivi,Paamiut,citizen,extra\n"
		"Hans\n"
		"Ane,Qaqortoq,employee\n");
	expect_error(&t, 2, "has 2 fields, the header has 3", true);
	expect_record(&t, 3);
	assert_string_equal(field(&t, "name"), "Malik");
	expect_error(&t, 4, "has 4 fields, the header has 3", true);
	expect_error(&t, 5, "has 1 field, the header has 3", true);
	expect_record(&t, 6);
	assert_string_equal(field(&t, "town"), "Qaqortoq");
	expect_end(&t);
	rd_close(&t);
}

static void test_csv_bad_quoting(void **state)
{
	struct rd t;

	(void)state;
	rd_open(&t, "name,town\n"
		"Aviaja,Nuuk\n"
		"Malik \"the elder\" Lynge,Tasiilaq\n"
		"Nivi,Paamiut\n");
	expect_record(&t, 2);
	expect_error(&t, 3, "bad quoting", false);
	assert_non_null(strstr(vk_reader_error(t.r), "unquoted"));
	expect_end(&t);
	rd_close(&t);

	/* text after a closing quote, on the second line of a record */
	rd_open(&t, "name,town\n"
		"\"Aviaja\nKleist\" x,Nuuk\n");
	expect_error(&t, 3, "bad quoting", false);
	assert_non_null(strstr(vk_reader_error(t.r), "closing quote"));
	expect_end(&t);
	rd_close(&t);

	/* a space before a quoted field is not skipped */
	rd_open(&t, "name,town\nAviaja, \"Nuuk\"\n");
	expect_error(&t, 2, "bad quoting", false);
	rd_close(&t);

	/* a quote never closed */
	rd_open(&t, "name,town\n"
		"Aviaja,Nuuk\n"
		"Malik,\"Tasiilaq\n"
		"Nivi,Paamiut\n");
	expect_record(&t, 2);
	expect_error(&t, 3, "not closed", false);
	expect_end(&t);
	rd_close(&t);
}

static void test_csv_invalid_utf8(void **state)
{
	struct rd t;

	(void)state;
	rd_open(&t, "name,town\n"
		"Aviaja,N\xC0\xAFuk\n"		/* overlong '/' */
		"Malik,Ta\xED\xA0\x80siilaq\n"	/* a surrogate */
		"Nivi,Paami\xE6\n"		/* truncated, at the end */
		"S\xe6ren,Qaqortoq\n"		/* latin-1 æ */
		"Søren,Qaqortoq\n");
	expect_error(&t, 2, "town: invalid UTF-8 at byte 2 of the value", true);
	expect_error(&t, 3, "town: invalid UTF-8 at byte 3 of the value", true);
	expect_error(&t, 4, "town: invalid UTF-8 at byte 6 of the value", true);
	expect_error(&t, 5, "name: invalid UTF-8 at byte 2 of the value", true);
	expect_record(&t, 6);
	assert_string_equal(field(&t, "name"), "Søren");
	expect_end(&t);
	rd_close(&t);
}

static void test_csv_nul(void **state)
{
	struct rd t;
	static const char data[] = "name,town\nAvi\0aja,Nuuk\nMalik,Nuuk\n";

	(void)state;
	rd_open_opts(&t, data, sizeof(data) - 1, VK_FORMAT_AUTO, 0, false);
	expect_error(&t, 2, "name: NUL byte in the value", true);
	expect_record(&t, 3);
	expect_end(&t);
	rd_close(&t);
}

static void test_csv_leading_quote(void **state)
{
	static const char data[] = "name,formula,note\n"
		"Aviaja,'=1+2,''quoted\n"
		"Malik,'-5,it's\n";
	struct rd t;

	(void)state;
	rd_open_opts(&t, data, sizeof(data) - 1, VK_FORMAT_AUTO, 0, false);
	expect_record(&t, 2);
	assert_string_equal(field(&t, "formula"), "=1+2");
	assert_string_equal(field(&t, "note"), "'quoted");
	expect_record(&t, 3);
	assert_string_equal(field(&t, "formula"), "-5");
	assert_string_equal(field(&t, "note"), "it's");
	rd_close(&t);

	rd_open_opts(&t, data, sizeof(data) - 1, VK_FORMAT_AUTO, 0, true);
	expect_record(&t, 2);
	assert_string_equal(field(&t, "formula"), "'=1+2");
	assert_string_equal(field(&t, "note"), "''quoted");
	expect_record(&t, 3);
	assert_string_equal(field(&t, "formula"), "'-5");
	rd_close(&t);
}

static void test_csv_header_errors(void **state)
{
	struct rd t;

	(void)state;
	rd_open(&t, "name,,town\nA,B,C\n");
	expect_error(&t, 1, "column 2 of the header has no name", false);
	expect_end(&t);
	assert_null(vk_reader_columns(t.r, NULL));
	rd_close(&t);

	rd_open(&t, "name,town, name \nA,B,C\n");
	expect_error(&t, 1, "duplicate column name \"name\"", false);
	expect_end(&t);
	rd_close(&t);

	rd_open(&t, "\"\"\nA\n");
	expect_error(&t, 1, "the header is empty", false);
	rd_close(&t);

	rd_open(&t, "   \nA\n");
	expect_error(&t, 1, "the header is empty", false);
	rd_close(&t);

	rd_open(&t, "na\xe6vn,by\nA,B\n");
	expect_error(&t, 1, "invalid UTF-8", false);
	rd_close(&t);

	/* blank lines before the header: it is on line 3 */
	rd_open(&t, "\n\r\nname,name\n");
	expect_error(&t, 3, "duplicate column name", false);
	rd_close(&t);
}

static void test_csv_empty(void **state)
{
	struct rd t;
	size_t n = 7;

	(void)state;
	rd_open_opts(&t, "", 0, VK_FORMAT_AUTO, 0, false);
	expect_end(&t);
	assert_int_equal(vk_reader_format(t.r), VK_FORMAT_CSV);
	assert_null(vk_reader_columns(t.r, &n));
	assert_int_equal(n, 0);
	rd_close(&t);

	rd_open(&t, "\xEF\xBB\xBF\r\n\n");
	expect_end(&t);
	rd_close(&t);

	rd_open_as(&t, "", VK_FORMAT_CSV);
	expect_end(&t);
	rd_close(&t);

	/* a header and no records */
	rd_open(&t, "name;town\r\n");
	expect_end(&t);
	expect_columns(&t, 2, "name", "town");
	rd_close(&t);
}

static void test_csv_long_values(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct strbuf big = STRBUF_INIT;
	struct rd t;
	long i;

	(void)state;
	/* a value far longer than the read buffer, with line ends in it */
	for (i = 0; i < 30000; i++)
		strbuf_addstr(&big, i % 100 == 99 ? "Paamiut\r\n" : "Qaqortoq ");
	strbuf_addstr(&sb, "name;notes\r\n");
	strbuf_addstr(&sb, "Aviaja;\"");
	strbuf_add(&sb, big.buf, big.len);
	strbuf_addstr(&sb, "\"\r\n");
	/* an unquoted value longer than the buffer */
	strbuf_addstr(&sb, "Malik;");
	for (i = 0; i < 20000; i++)
		strbuf_addstr(&sb, "æøå ");
	strbuf_addstr(&sb, "\r\n");
	for (i = 0; i < 5000; i++)
		strbuf_addf(&sb, "Person %ld;Nuuk\r\n", i);
	rd_open_opts(&t, sb.buf, sb.len, VK_FORMAT_AUTO, 0, false);
	expect_record(&t, 2);
	assert_string_equal(field(&t, "notes"), big.buf);
	expect_record(&t, 303);
	assert_int_equal(strlen(field(&t, "notes")), 20000 * 7);
	for (i = 0; i < 5000; i++) {
		char want[32];

		expect_record(&t, 304 + i);
		snprintf(want, sizeof(want), "Person %ld", i);
		assert_string_equal(field(&t, "name"), want);
	}
	expect_end(&t);
	rd_close(&t);
	strbuf_release(&sb);
	strbuf_release(&big);
}

static void test_csv_end_without_newline(void **state)
{
	struct rd t;

	(void)state;
	rd_open(&t, "name,town\nAviaja,\"Nuuk\"");
	expect_record(&t, 2);
	assert_string_equal(field(&t, "town"), "Nuuk");
	expect_end(&t);
	rd_close(&t);

	rd_open(&t, "name,town\nAviaja,");
	expect_record(&t, 2);
	assert_string_equal(field(&t, "town"), "");
	expect_end(&t);
	rd_close(&t);

	rd_open(&t, "name;town");
	expect_end(&t);
	expect_columns(&t, 2, "name", "town");
	rd_close(&t);
}

/* Lines of every length around the read buffer's size: a CRLF split across reads. */
static void test_csv_buffer_edges(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	size_t len, i;

	(void)state;
	for (len = 65520; len < 65550; len++) {
		struct rd t;

		strbuf_reset(&sb);
		strbuf_addstr(&sb, "a,b\r\n");
		for (i = 0; i < len; i++)
			strbuf_addch(&sb, 'x');
		strbuf_addstr(&sb, ",y\r\nNuuk,Paamiut\r\n\r\nå,ø\r");
		rd_open_opts(&t, sb.buf, sb.len, VK_FORMAT_AUTO, 0, false);
		expect_record(&t, 2);
		assert_int_equal(strlen(field(&t, "a")), len);
		assert_string_equal(field(&t, "b"), "y");
		expect_record(&t, 3);
		assert_string_equal(field(&t, "b"), "Paamiut");
		expect_record(&t, 5);
		assert_string_equal(field(&t, "a"), "å");
		expect_end(&t);
		rd_close(&t);
	}
	strbuf_release(&sb);
}

/* ---- TSV ---- */

/* Escapes undone; a quote and a leading ' are plain characters; a detected tab header is TSV. */
static void test_tsv_escapes(void **state)
{
	static const char data[] =
		"navn\tby\tnoter\n"
		"Åse \"Aka\" Østergård\t'Nuuk\tlinje 1\\nlinje 2\\r\\nfane\\tslut\\\\\n"
		"=SUM(A1)\t\"Paamiut\"\tC:\\Users\\qa \\x41 ende\\\n";
	struct rd t;

	(void)state;
	for (int as = 0; as < 3; as++) {
		rd_open_opts(&t, data, sizeof(data) - 1,
			     as == 0 ? VK_FORMAT_AUTO : VK_FORMAT_TSV, 0, as == 2);
		expect_record(&t, 2);
		assert_int_equal(vk_reader_format(t.r), VK_FORMAT_TSV);
		assert_true(vk_reader_is_text(t.r));
		expect_columns(&t, 3, "navn", "by", "noter");
		assert_string_equal(field(&t, "navn"), "Åse \"Aka\" Østergård");
		assert_string_equal(field(&t, "by"), "'Nuuk");	/* raw or not: TSV has no guard */
		assert_string_equal(field(&t, "noter"), "linje 1\nlinje 2\r\nfane\tslut\\");
		expect_record(&t, 3);
		assert_string_equal(field(&t, "navn"), "=SUM(A1)");
		assert_string_equal(field(&t, "by"), "\"Paamiut\"");
		/* a backslash before anything else, or at the end, stays */
		assert_string_equal(field(&t, "noter"), "C:\\Users\\qa \\x41 ende\\");
		expect_end(&t);
		rd_close(&t);
	}
}

/* CRLF, blank lines, no LF at the end; an empty field and \N are no value. */
static void test_tsv_lines(void **state)
{
	struct rd t;

	(void)state;
	rd_open(&t, "\r\n\nname\ttown\r\n"
		"Aviaja\t\r\n"
		"\n\r\n"
		"\\N\tNuuk\r\n"
		"\\\\N\t\\N\\N\n"
		"Ole\tx\ry");
	expect_record(&t, 4);
	expect_columns(&t, 2, "name", "town");
	assert_string_equal(field(&t, "name"), "Aviaja");
	assert_string_equal(field(&t, "town"), "");
	expect_record(&t, 7);
	assert_string_equal(field(&t, "name"), "");
	assert_string_equal(field(&t, "town"), "Nuuk");
	expect_record(&t, 8);
	assert_string_equal(field(&t, "name"), "\\N");
	assert_string_equal(field(&t, "town"), "\\N\\N");
	/* a CR inside a line is data (vk writes it \r) */
	expect_record(&t, 9);
	assert_string_equal(field(&t, "town"), "x\ry");
	expect_end(&t);
	rd_close(&t);

	/* blank lines after lines that crossed the buffer's edge (the fuzzer found it) */
	for (size_t size = 1; size <= 9; size++) {
		struct strbuf sb = STRBUF_INIT;
		long line = 2;

		strbuf_addstr(&sb, "a\tb\n");
		for (int i = 0; i < 24; i++) {
			for (int k = 0; k < i; k++)
				strbuf_addch(&sb, 'x');
			strbuf_addf(&sb, "\t%d\n", i);
			for (int k = 0; k < i % 4; k++)
				strbuf_addstr(&sb, k % 2 ? "\r\n" : "\n");
		}
		rd_open_opts(&t, sb.buf, sb.len, VK_FORMAT_AUTO, 0, false);
		vk_reader_set_buffer_size(t.r, size);
		for (int i = 0; i < 24; i++) {
			char want[16];

			expect_record(&t, line);
			assert_int_equal(strlen(field(&t, "a")), (size_t)i);
			snprintf(want, sizeof(want), "%d", i);
			assert_string_equal(field(&t, "b"), want);
			line += 1 + i % 4;
		}
		expect_end(&t);
		rd_close(&t);
		strbuf_release(&sb);
	}

	rd_open_as(&t, "", VK_FORMAT_TSV);
	expect_end(&t);
	rd_close(&t);
	rd_open_as(&t, "\xEF\xBB\xBF\r\n\n", VK_FORMAT_TSV);
	expect_end(&t);
	rd_close(&t);
}

/* A wrong number of fields: the line, the counts, and reading goes on. */
static void test_tsv_field_count(void **state)
{
	struct rd t;

	(void)state;
	rd_open(&t, "name\ttown\tnotes\n"
		"Aviaja\tNuuk\n"
		"Ole\tNuuk\tx\ty\n"
		"\"Inge\tQaqortoq\"\n"
		"Malik\tPaamiut\t\n");
	expect_error(&t, 2, "the record has 2 fields, the header has 3", true);
	assert_null(strstr(vk_reader_error(t.r), "quoting"));
	expect_error(&t, 3, "the record has 4 fields, the header has 3", true);
	/* quotes are no quoting in TSV: say so */
	expect_error(&t, 4, "the record has 2 fields, the header has 3 (TSV has no quoting", true);
	expect_record(&t, 5);
	assert_string_equal(field(&t, "notes"), "");
	expect_end(&t);
	rd_close(&t);
}

/* Bad text names the column; the header is unescaped and checked as in CSV. */
static void test_tsv_bad_text(void **state)
{
	static const char nul[] = "a\tb\nx\ty\0z\nok\tok\n";
	struct rd t;

	(void)state;
	rd_open(&t, "navn\tby\nOle\t\xff\nOle\tNuuk\n");
	expect_error(&t, 2, "by: invalid UTF-8 at byte 1 of the value", true);
	expect_record(&t, 3);
	expect_end(&t);
	rd_close(&t);

	rd_open_opts(&t, nul, sizeof(nul) - 1, VK_FORMAT_TSV, 0, false);
	expect_error(&t, 2, "b: NUL byte in the value", true);
	expect_record(&t, 3);
	expect_end(&t);
	rd_close(&t);

	/* a byte-order mark, an escaped tab and spaces in the names */
	rd_open(&t, "\xEF\xBB\xBF by\\tsted \tnavn\\\\x\n1\t2\n");
	expect_record(&t, 2);
	expect_columns(&t, 2, "by\tsted", "navn\\x");
	rd_close(&t);

	rd_open(&t, "name\tname\n");
	expect_error(&t, 1, "duplicate column name \"name\"", false);
	expect_end(&t);
	rd_close(&t);

	rd_open_as(&t, "name\t\nx\ty\n", VK_FORMAT_TSV);
	expect_error(&t, 1, "column 2 of the header has no name", false);
	rd_close(&t);
}

/* A tab given as the delimiter, or CSV asked for, reads CSV with tabs: quotes are quotes. */
static void test_tsv_or_csv_with_tabs(void **state)
{
	static const char data[] = "name\tnotes\n\"Kleist\tIvalo\"\t\"a\\nb\"\n";
	struct rd t;

	(void)state;
	rd_open_opts(&t, data, sizeof(data) - 1, VK_FORMAT_AUTO, '\t', false);
	expect_record(&t, 2);
	assert_int_equal(vk_reader_format(t.r), VK_FORMAT_CSV);
	assert_string_equal(field(&t, "name"), "Kleist\tIvalo");
	assert_string_equal(field(&t, "notes"), "a\\nb");
	rd_close(&t);

	rd_open_as(&t, "name\tnotes\n\"Kleist\tIvalo\"\tx\n", VK_FORMAT_CSV);
	expect_record(&t, 2);
	assert_int_equal(vk_reader_format(t.r), VK_FORMAT_CSV);
	assert_string_equal(field(&t, "name"), "Kleist\tIvalo");
	rd_close(&t);

	/* TSV reads the same bytes as TSV, whatever the delimiter */
	rd_open_opts(&t, data, sizeof(data) - 1, VK_FORMAT_TSV, ';', false);
	expect_error(&t, 2, "the record has 3 fields", true);
	rd_close(&t);
}

/* Lines across the buffer's edges, one longer than the buffer; cells end with NUL. */
static void test_tsv_buffer_edges(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	size_t len, i;

	(void)state;
	for (len = 65520; len < 65550; len++) {
		struct rd t;
		const struct vk_input_cell *cells;
		size_t n;
		json_t *rec;
		long line;

		strbuf_reset(&sb);
		strbuf_addstr(&sb, "a\tb\n");
		for (i = 0; i < len; i++)
			strbuf_addstr(&sb, i % 3 ? "x" : "\\t");
		strbuf_addstr(&sb, "\ty\r\nNuuk\tPaamiut\n\nå\tø");
		rd_open_opts(&t, sb.buf, sb.len, VK_FORMAT_AUTO, 0, false);
		assert_int_equal(vk_reader_next_cells(t.r, &rec, &cells, &n, &line), VK_READ_RECORD);
		assert_int_equal(n, 2);
		assert_int_equal(line, 2);
		assert_int_equal(cells[0].len, len);
		assert_int_equal(strlen(cells[0].text), len);
		assert_int_equal(cells[0].text[0], '\t');
		assert_string_equal(cells[1].text, "y");
		expect_record(&t, 3);
		assert_string_equal(field(&t, "b"), "Paamiut");
		expect_record(&t, 5);
		assert_string_equal(field(&t, "a"), "å");
		assert_string_equal(field(&t, "b"), "ø");
		expect_end(&t);
		rd_close(&t);
	}
	strbuf_release(&sb);
}

static void test_read_error(void **state)
{
	struct vk_reader *r;
	json_t *rec = NULL;
	long line;
	FILE *fp = fopen("/", "r");

	(void)state;
	if (!fp)
		skip();
	r = vk_reader_open(fp, "/", NULL);
	assert_int_equal(vk_reader_next(r, &rec, &line), VK_READ_ERROR);
	assert_null(rec);
	assert_non_null(strstr(vk_reader_error(r), "cannot read"));
	assert_false(vk_reader_can_continue(r));
	assert_int_equal(vk_reader_next(r, &rec, &line), VK_READ_END);
	vk_reader_close(r);
	fclose(fp);
}

static void test_utf16_refused(void **state)
{
	struct rd t;

	(void)state;
	rd_open(&t, "\xFF\xFEn\0a\0m\0e\0\n\0");
	expect_error(&t, 1, "UTF-16 is not supported: save the file as UTF-8", false);
	expect_end(&t);
	rd_close(&t);

	rd_open_as(&t, "\xFE\xFF\0[\0]", VK_FORMAT_JSON);
	expect_error(&t, 1, "UTF-16 is not supported", false);
	rd_close(&t);

	/* UTF-16 without a mark shows as NUL bytes in the header */
	rd_open(&t, "n\0a\0m\0e\0\n\0");
	expect_error(&t, 1, "NUL byte", false);
	rd_close(&t);
}

/* ---- JSON ---- */

static void test_json_array(void **state)
{
	struct rd t;

	(void)state;
	rd_open(&t, "[\n"
		"  {\"name\": \"Aviaja Kristiansen-Kleist\", \"town\": \"Nuuk\"},\n"
		"  {\"name\": \"Søren Ødegård\",\n"
		"   \"town\": \"Tasiilaq\", \"allocation\": 40},\n"
		"  {\"name\": \"Åse\", \"tags\": [\"ung\", \"å\"], \"x\": {\"y\": null}}\n"
		"]\n");
	expect_record(&t, 2);
	assert_int_equal(vk_reader_format(t.r), VK_FORMAT_JSON);
	assert_false(vk_reader_is_text(t.r));
	assert_null(vk_reader_columns(t.r, NULL));
	assert_string_equal(field(&t, "name"), "Aviaja Kristiansen-Kleist");
	expect_record(&t, 3);
	assert_string_equal(field(&t, "town"), "Tasiilaq");
	assert_int_equal(json_integer_value(json_object_get(t.rec, "allocation")), 40);
	expect_record(&t, 5);
	assert_int_equal(json_array_size(json_object_get(t.rec, "tags")), 2);
	expect_end(&t);
	rd_close(&t);

	/* on one line, with a BOM */
	rd_open(&t, "\xEF\xBB\xBF[{\"a\":\"]\"},{\"b\":\"[{\\\"\"}]");
	expect_record(&t, 1);
	assert_string_equal(field(&t, "a"), "]");
	expect_record(&t, 1);
	assert_string_equal(field(&t, "b"), "[{\"");
	expect_end(&t);
	rd_close(&t);
}

static void test_json_many(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct rd t;
	long i;

	(void)state;
	/* crosses the read buffer many times, with brackets and quotes in strings */
	strbuf_addstr(&sb, "[\n");
	for (i = 0; i < 3000; i++)
		strbuf_addf(&sb, "%s{\"id\": %ld, \"notes\": \"}]\\\"[{ æøå\",\n"
			    "  \"town\": \"Tasiilaq\"}\n", i ? "," : "", i);
	strbuf_addstr(&sb, "]\n");
	rd_open_opts(&t, sb.buf, sb.len, VK_FORMAT_AUTO, 0, false);
	for (i = 0; i < 3000; i++) {
		expect_record(&t, 2 + 2 * i);
		assert_int_equal(json_integer_value(json_object_get(t.rec, "id")), i);
		assert_string_equal(field(&t, "notes"), "}]\"[{ æøå");
	}
	expect_end(&t);
	rd_close(&t);
	strbuf_release(&sb);
}

static void test_json_array_errors(void **state)
{
	struct rd t;

	(void)state;
	rd_open(&t, "[\n{\"a\": 1,},\n42,\n{\"town\": \"Nuuk\"}\n]\n");
	expect_error(&t, 2, "", true);
	expect_error(&t, 3, "a record must be a JSON object", true);
	expect_record(&t, 4);
	assert_string_equal(field(&t, "town"), "Nuuk");
	expect_end(&t);
	rd_close(&t);

	rd_open(&t, "[{\"a\": 1}\n{\"b\": 2}]");
	expect_record(&t, 1);
	expect_error(&t, 2, "expected ',' or ']'", false);
	expect_end(&t);
	rd_close(&t);

	rd_open(&t, "[{\"a\": 1},\n]");
	expect_record(&t, 1);
	expect_error(&t, 2, "unexpected ']'", false);
	rd_close(&t);

	/* after the array the stream goes on: text there is a bad line of it */
	rd_open(&t, "[{\"a\": 1}]\n\n x\n{\"b\": 2}\n");
	expect_record(&t, 1);
	expect_error(&t, 3, "invalid token", true);
	assert_int_equal(vk_reader_element(t.r), -1);
	expect_record(&t, 4);
	expect_end(&t);
	rd_close(&t);

	rd_open(&t, "[{\"a\": 1},\n{\"b\": 2}\n");
	expect_record(&t, 1);
	expect_record(&t, 2);
	expect_error(&t, 3, "unexpected end of input: unclosed array", false);
	rd_close(&t);

	/* a control character in a string stops an array */
	rd_open(&t, "[{\"a\": \"x\ty\"}, {\"b\": 1}]");
	expect_error(&t, 1, "control character", false);
	expect_end(&t);
	rd_close(&t);

	rd_open(&t, "[\n[{\"a\": 1}]]");
	expect_error(&t, 2, "a record must be a JSON object", true);
	expect_end(&t);
	rd_close(&t);
}

/* Reads lit, at buffer size buffer (0: the default), expecting its records' ids and elements. */
static void expect_stream(const char *lit, size_t buffer, const char *want)
{
	struct rd t;
	struct strbuf got = STRBUF_INIT;
	enum vk_read_result res;

	rd_open_opts(&t, lit, strlen(lit), VK_FORMAT_AUTO, 0, false);
	vk_reader_set_buffer_size(t.r, buffer);
	while ((res = rd_next(&t)) != VK_READ_END) {
		if (got.len)
			strbuf_addch(&got, ' ');
		if (res == VK_READ_ERROR)
			strbuf_addf(&got, "error@%ld", t.line);
		else
			strbuf_addf(&got, "%lld@%ld",
				    (long long)json_integer_value(json_object_get(t.rec, "id")), t.line);
		if (vk_reader_element(t.r) >= 0)
			strbuf_addf(&got, "[%ld]", vk_reader_element(t.r));
	}
	if (strcmp(got.buf, want))
		fail_msg("read \"%s\", want \"%s\" (buffer %zu)", got.buf, want, buffer);
	assert_int_equal(vk_reader_format(t.r), lit[strspn(lit, " \n")] == '[' ?
			 VK_FORMAT_JSON : VK_FORMAT_JSONL);
	strbuf_release(&got);
	rd_close(&t);
}

/*
 * What the programs print, one after another, is one stream: -o json of
 * two programs, -o json and -o jsonl in any order, a whole array on one
 * line (jq -c -s) or empty; an element's place counts from 0 in each
 * array, as jq counts, and nowhere else.
 */
static void test_json_concatenated(void **state)
{
	static const char *const streams[][2] = {
		{ "[\n{\"id\":1},\n{\"id\":2}\n]\n[\n{\"id\":3}\n]\n",
		  "1@2[0] 2@3[1] 3@6[0]" },
		{ "[{\"id\":1},{\"id\":2}][{\"id\":3}]", "1@1[0] 2@1[1] 3@1[0]" },
		{ "{\"id\":1}\n[{\"id\":2},\n{\"id\":3}]\n{\"id\":4}\n[]\n[ ]{\"id\":5}",
		  "1@1 2@2[0] 3@3[1] 4@4 5@6" },
		{ "[]\n\n[]\n", "" },
		{ "[{\"id\":1},{\"id\":\"x\",},{\"id\":3}]\n{\"id\":4}\n",
		  "1@1[0] error@1[1] 3@1[2] 4@2" },
		{ "  [{\"id\":1}] [{\"id\":2},7,{\"id\":3}]", "1@1[0] 2@1[0] error@1[1] 3@1[2]" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(streams) / sizeof(streams[0]); i++) {
		expect_stream(streams[i][0], 0, streams[i][1]);
		for (size_t b = 1; b <= 7; b++)
			expect_stream(streams[i][0], b, streams[i][1]);
	}
}

static void test_jsonl(void **state)
{
	struct rd t;

	(void)state;
	rd_open(&t, "{\"name\": \"Aviaja Kristiansen-Kleist\", \"town\": \"Nuuk\"}\n"
		"{\"name\": \"Malik\", \"town\": \"Paamiut\"}\r\n"
		"\n"
		"{\"name\": \"Nivi\", \"town\": \"Qaqortoq\"}");
	expect_record(&t, 1);
	assert_int_equal(vk_reader_format(t.r), VK_FORMAT_JSONL);
	assert_false(vk_reader_is_text(t.r));
	assert_string_equal(field(&t, "town"), "Nuuk");
	expect_record(&t, 2);
	assert_string_equal(field(&t, "town"), "Paamiut");
	expect_record(&t, 4);
	assert_string_equal(field(&t, "town"), "Qaqortoq");
	expect_end(&t);
	rd_close(&t);
}

static void test_json_spanning_lines(void **state)
{
	struct rd t;

	(void)state;
	rd_open(&t, "  \n{\n  \"name\": \"Aviaja\",\n  \"town\": \"Nuuk\"\n}\n"
		"{\"name\": \"Malik\"}{\"name\": \"Ane\"}\n"
		"{\"name\":\n\"Hans\"}\n");
	expect_record(&t, 2);
	assert_string_equal(field(&t, "town"), "Nuuk");
	expect_record(&t, 6);
	assert_string_equal(field(&t, "name"), "Malik");
	expect_record(&t, 6);
	assert_string_equal(field(&t, "name"), "Ane");
	expect_record(&t, 7);
	assert_string_equal(field(&t, "name"), "Hans");
	expect_end(&t);
	rd_close(&t);
}

static void test_json_non_object(void **state)
{
	struct rd t;

	(void)state;
	rd_open(&t, "{\"a\": 1}\n42\n\"Nuuk\"\n[1, 2]\nnull\n{\"b\": 2}\n");
	expect_record(&t, 1);
	expect_error(&t, 2, "a record must be a JSON object", true);
	expect_error(&t, 3, "a record must be a JSON object", true);
	/* an array's values are records of the stream: two bad ones */
	expect_error(&t, 4, "a record must be a JSON object", true);
	assert_int_equal(vk_reader_element(t.r), 0);
	expect_error(&t, 4, "a record must be a JSON object", true);
	assert_int_equal(vk_reader_element(t.r), 1);
	expect_error(&t, 5, "a record must be a JSON object", true);
	assert_int_equal(vk_reader_element(t.r), -1);
	expect_record(&t, 6);
	expect_end(&t);
	rd_close(&t);
}

static void test_json_syntax_error_stream(void **state)
{
	struct rd t;

	(void)state;
	rd_open(&t, "{\"town\": \"Nuuk\"}\n"
		"{\"town\": \"Paamiut\",}\n"
		"{\"town\" \"Tasiilaq\"}\n"
		"{\"town\": tru}\n"
		"{\"town\": \"Qaqor\n"
		"toq\"}\n"
		"{\"town\": [1}, \"x\": 2}\n"
		"}\n"
		"{\n\"a\": 1,\n\"b\": 2,,\n\"c\": 3}\n"
		"{\"town\": \"Narsaq\"}\n");
	expect_record(&t, 1);
	expect_error(&t, 2, "", true);
	expect_error(&t, 3, "", true);
	expect_error(&t, 4, "invalid token", true);
	/* a line end inside a string: the line is skipped */
	expect_error(&t, 5, "unexpected newline", true);
	expect_error(&t, 6, "invalid token", true);	/* what is left of it */
	expect_error(&t, 7, "", true);	/* '}' closes '[' */
	expect_error(&t, 8, "unexpected '}'", true);
	/* jansson's line within the record is added */
	expect_error(&t, 11, "", true);
	expect_record(&t, 13);
	assert_string_equal(field(&t, "town"), "Narsaq");
	expect_end(&t);
	rd_close(&t);
}

static void test_json_duplicate_keys(void **state)
{
	struct rd t;

	(void)state;
	rd_open(&t, "{\"town\": \"Nuuk\", \"town\": \"Paamiut\"}\n{\"town\": \"Nuuk\"}\n");
	expect_error(&t, 1, "duplicate object key", true);
	expect_record(&t, 2);
	expect_end(&t);
	rd_close(&t);
}

static void test_json_invalid_text(void **state)
{
	struct rd t;
	static const char data[] = "{\"town\": \"Nu\xe6k\"}\n"
		"{\"town\": \"Nu\\u0000uk\"}\n"
		"{\"town\": \"N\xED\xA0\x80uk\"}\n"
		"{\"town\": \"Nu\0uk\"}\n"
		"{\"town\": \"Nuuk\"}\n";

	(void)state;
	rd_open_opts(&t, data, sizeof(data) - 1, VK_FORMAT_AUTO, 0, false);
	expect_error(&t, 1, "", true);
	expect_error(&t, 2, "", true);
	expect_error(&t, 3, "", true);
	expect_error(&t, 4, "", true);
	expect_record(&t, 5);
	expect_end(&t);
	rd_close(&t);
}

static void test_json_unclosed(void **state)
{
	struct rd t;

	(void)state;
	rd_open(&t, "{\"a\": 1}\n{\"a\": [1, 2\n\n");
	expect_record(&t, 1);
	expect_error(&t, 2, "unexpected end of input: unclosed object", false);
	expect_end(&t);
	rd_close(&t);

	rd_open(&t, "[{\"a\": \"Nuuk");
	expect_error(&t, 1, "unexpected end of input: unclosed string", false);
	rd_close(&t);

	rd_open(&t, "[");
	expect_error(&t, 1, "unexpected end of input: unclosed array", false);
	rd_close(&t);
}

static void test_json_deep(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct rd t;
	int i;

	(void)state;
	/* 100000 '[' never closed */
	for (i = 0; i < 100000; i++)
		strbuf_addch(&sb, '[');
	rd_open_opts(&t, sb.buf, sb.len, VK_FORMAT_AUTO, 0, false);
	expect_error(&t, 1, "nested too deeply", false);
	expect_end(&t);
	rd_close(&t);

	/* closed, in a stream: the next record is read */
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "{\"a\": ");
	for (i = 0; i < 100000; i++)
		strbuf_addch(&sb, '[');
	for (i = 0; i < 100000; i++)
		strbuf_addch(&sb, ']');
	strbuf_addstr(&sb, "}\n{\"town\": \"Nuuk\"}\n");
	rd_open_opts(&t, sb.buf, sb.len, VK_FORMAT_AUTO, 0, false);
	expect_error(&t, 1, "nested too deeply", true);
	expect_record(&t, 2);
	expect_end(&t);
	rd_close(&t);

	/* 64 levels are fine, 65 are not */
	strbuf_reset(&sb);
	strbuf_addch(&sb, '[');
	for (int depth = 64; depth <= 65; depth++) {
		strbuf_addstr(&sb, "{\"a\":");
		for (i = 1; i < depth; i++)
			strbuf_addch(&sb, '[');
		for (i = 1; i < depth; i++)
			strbuf_addch(&sb, ']');
		strbuf_addstr(&sb, depth == 64 ? "},\n" : "}]");
	}
	rd_open_opts(&t, sb.buf, sb.len, VK_FORMAT_AUTO, 0, false);
	expect_record(&t, 1);
	expect_error(&t, 2, "nested too deeply", true);
	expect_end(&t);
	rd_close(&t);
	strbuf_release(&sb);
}

static void test_json_empty(void **state)
{
	struct rd t;

	(void)state;
	/* JSON asked for needs a document; no records at all is JSON Lines */
	rd_open_opts(&t, "", 0, VK_FORMAT_JSON, 0, false);
	expect_error(&t, 1, "the input is empty: JSON needs an array of records", false);
	rd_close(&t);

	rd_open_opts(&t, "", 0, VK_FORMAT_JSONL, 0, false);
	expect_end(&t);
	rd_close(&t);

	rd_open(&t, " [ \n ] \n");
	expect_end(&t);
	assert_int_equal(vk_reader_format(t.r), VK_FORMAT_JSON);
	rd_close(&t);

	rd_open_as(&t, "\n\n  \n", VK_FORMAT_JSONL);
	expect_end(&t);
	rd_close(&t);
}

static void test_json_forced(void **state)
{
	struct rd t;

	(void)state;
	/* asked for JSON, given one object: read as a stream */
	rd_open_as(&t, "{\"town\": \"Nuuk\"}", VK_FORMAT_JSON);
	expect_record(&t, 1);
	expect_end(&t);
	rd_close(&t);

	/* asked for JSON, given text */
	rd_open_as(&t, "name,town\n", VK_FORMAT_JSON);
	expect_error(&t, 1, "", true);
	rd_close(&t);
}

/* One step of a reader as text: "record LINE {json}", "error LINE cont|stop message", "end LINE". */
static void describe_step(struct strbuf *sb, enum vk_read_result rr, json_t *rec, long line,
			  const char *error, bool cont)
{
	if (rr == VK_READ_RECORD) {
		char *text = json_dumps(rec, JSON_COMPACT | JSON_SORT_KEYS);
		strbuf_addf(sb, "record %ld %s\n", line, text);
		free(text);
	} else if (rr == VK_READ_ERROR) {
		strbuf_addf(sb, "error %ld %s %s\n", line, cont ? "cont" : "stop", error);
	} else {
		strbuf_addf(sb, "end %ld\n", line);
	}
}

/* Reads data to the end both ways: the thread gives what the reader gives. */
static void check_thread_reads_as_reader(const char *data)
{
	struct strbuf want = STRBUF_INIT, got = STRBUF_INIT;
	FILE *a = fmemopen((void *)data, strlen(data), "r");
	FILE *b = fmemopen((void *)data, strlen(data), "r");
	struct vk_reader *ra = vk_reader_open(a, "a", NULL), *rb = vk_reader_open(b, "a", NULL);
	struct vk_reader_thread *t = vk_reader_thread_start(rb, NULL);
	enum vk_read_result rr;
	json_t *rec;
	long line;

	do {
		rr = vk_reader_next(ra, &rec, &line);
		describe_step(&want, rr, rec, line, vk_reader_error(ra), vk_reader_can_continue(ra));
		json_decref(rec);
	} while (rr != VK_READ_END);
	do {
		rr = vk_reader_thread_next(t, &rec, &line);
		describe_step(&got, rr, rec, line, vk_reader_thread_error(t),
			      vk_reader_thread_can_continue(t));
		json_decref(rec);
	} while (rr != VK_READ_END);
	/* and the end again */
	assert_int_equal(vk_reader_thread_next(t, &rec, &line), VK_READ_END);
	assert_null(rec);
	assert_string_equal(got.buf, want.buf);
	vk_reader_thread_stop(t);
	vk_reader_close(ra);
	vk_reader_close(rb);
	fclose(a);
	fclose(b);
	strbuf_release(&want);
	strbuf_release(&got);
}

static void test_thread_reads_as_reader(void **state)
{
	struct strbuf many = STRBUF_INIT;

	(void)state;
	check_thread_reads_as_reader("");
	check_thread_reads_as_reader("{\"type\":\"stakeholder\",\"id\":1,\"name\":\"Aviaja Ødegård\"}\n");
	check_thread_reads_as_reader("{\"id\":1}\n{bad\n{\"id\":2}\n[1,2]\n{\"id\":3,\"id\":4}\n{\"id\":5}");
	check_thread_reads_as_reader("[{\"id\":1},\n{\"id\":2}\n");
	check_thread_reads_as_reader("name,town\n\"Kleist, Malik\",Nuuk\n");
	/* more records than the thread reads ahead */
	for (int i = 1; i <= 2000; i++)
		strbuf_addf(&many, "{\"type\":\"input\",\"id\":%d,\"text\":\"Æble %d\"}\n%s", i, i,
			    i % 700 ? "" : "{oops\n");
	check_thread_reads_as_reader(many.buf);
	strbuf_release(&many);
}

/* Stopping early frees what was read ahead (the sanitizers check). */
static void test_thread_stops_early(void **state)
{
	struct strbuf many = STRBUF_INIT;
	FILE *fp;
	struct vk_reader *r;
	struct vk_reader_thread *t;
	json_t *rec;
	long line;

	(void)state;
	for (int i = 1; i <= 3000; i++)
		strbuf_addf(&many, "{\"id\":%d,\"name\":\"Nuka %d\"}\n", i, i);
	fp = fmemopen(many.buf, many.len, "r");
	r = vk_reader_open(fp, "many", NULL);
	t = vk_reader_thread_start(r, NULL);
	assert_int_equal(vk_reader_thread_next(t, &rec, &line), VK_READ_RECORD);
	assert_int_equal(line, 1);
	json_decref(rec);
	vk_reader_thread_stop(t);
	/* nothing read: a stop at once */
	t = vk_reader_thread_start(r, NULL);
	vk_reader_thread_stop(t);
	vk_reader_close(r);
	fclose(fp);
	strbuf_release(&many);
}

/* Writes a few records to a pipe, waits, and closes it: a slow producer. */
static void *slow_writer(void *arg)
{
	int fd = *(int *)arg;
	static const char text[] = "{\"id\":1,\"name\":\"Aaja\"}\n{\"id\":2,\"name\":\"Ósk\"}\n"
				   "{\"id\":3,\"name\":\"Ivik\"}\n";
	struct timespec pause = { 0, 200 * 1000 * 1000 };

	assert_true(write(fd, text, sizeof(text) - 1) == (ssize_t)(sizeof(text) - 1));
	nanosleep(&pause, NULL);
	assert_true(write(fd, "{\"id\":4}\n", 9) == 9);
	nanosleep(&pause, NULL);
	close(fd);
	return NULL;
}

/* Fewer records than a batch from a slow pipe: all come, then the end. */
static void test_thread_slow_pipe(void **state)
{
	int fds[2];
	pthread_t writer;
	FILE *fp;
	struct vk_reader *r;
	struct vk_reader_thread *t;
	json_t *rec;
	long line;

	(void)state;
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(pthread_create(&writer, NULL, slow_writer, &fds[1]), 0);
	fp = fdopen(fds[0], "r");
	r = vk_reader_open(fp, "pipe", NULL);
	t = vk_reader_thread_start(r, NULL);
	for (int i = 1; i <= 4; i++) {
		assert_int_equal(vk_reader_thread_next(t, &rec, &line), VK_READ_RECORD);
		assert_int_equal(json_integer_value(json_object_get(rec, "id")), i);
		assert_int_equal(line, i);
		json_decref(rec);
	}
	assert_int_equal(vk_reader_thread_next(t, &rec, &line), VK_READ_END);
	vk_reader_thread_stop(t);
	vk_reader_close(r);
	fclose(fp);
	pthread_join(writer, NULL);
}

/* The work of the reading thread: marks a record, and makes an extra of every third. */
static json_t *mark_record(json_t *record, const struct vk_input_cell *cells, size_t ncells,
			   void **extra, void *data)
{
	int *made = data;

	assert_non_null(record);
	assert_null(cells);
	json_object_set_new(record, "seen", json_boolean(ncells));
	if (json_integer_value(json_object_get(record, "id")) % 3 == 0) {
		*extra = vk_strdup(json_string_value(json_object_get(record, "name")));
		(*made)++;
	}
	return record;
}

/*
 * Each record comes as the work made it, with its own extra; extras of
 * records read ahead and never given, or given and not taken, are freed
 * at the stop (the sanitizers check).
 */
static void test_thread_work(void **state)
{
	struct strbuf many = STRBUF_INIT;
	int made = 0;
	struct vk_reader_thread_work work = { mark_record, free, &made };
	FILE *fp;
	struct vk_reader *r;
	struct vk_reader_thread *t;
	json_t *rec;
	long line;

	(void)state;
	for (int i = 1; i <= 3000; i++)
		strbuf_addf(&many, "{\"id\":%d,\"name\":\"Nuka Ødegård %d\"}\n%s", i, i,
			    i == 10 ? "[1]\n" : "");
	fp = fmemopen(many.buf, many.len, "r");
	r = vk_reader_open(fp, "many", NULL);
	t = vk_reader_thread_start(r, &work);
	for (int i = 1; i <= 12; i++) {
		char *extra;
		char want[64];
		if (i == 11) {
			assert_int_equal(vk_reader_thread_next(t, &rec, &line), VK_READ_ERROR);
			assert_null(vk_reader_thread_take_extra(t));
		}
		assert_int_equal(vk_reader_thread_next(t, &rec, &line), VK_READ_RECORD);
		assert_int_equal(json_integer_value(json_object_get(rec, "id")), i);
		assert_true(json_is_false(json_object_get(rec, "seen")));
		json_decref(rec);
		if (i == 6)
			continue;	/* not taken: the thread frees it */
		extra = vk_reader_thread_take_extra(t);
		snprintf(want, sizeof(want), "Nuka Ødegård %d", i);
		if (i % 3 == 0) {
			assert_non_null(extra);
			assert_string_equal(extra, want);
		} else {
			assert_null(extra);
		}
		free(extra);
	}
	vk_reader_thread_stop(t);
	assert_true(made >= 4);
	vk_reader_close(r);
	fclose(fp);
	strbuf_release(&many);
}

/*
 * CSV's rows as cells: each NUL-terminated, a leading ' gone (kept when
 * raw), valid until the next read; bad rows reported as vk_reader_next()
 * reports them.
 */
static void test_csv_cells(void **state)
{
	static const char data[] = "navn,by\n\"Åse \"\"Aka\"\", Ilulissat\",'Nuuk\n"
				   "Ole,\xff\n\"Inuk\nØdegård\",\n";
	const struct vk_input_cell *cells;
	size_t n;
	json_t *rec;
	long line;

	(void)state;
	for (int raw = 0; raw <= 1; raw++) {
		struct rd t;
		rd_open_opts(&t, data, sizeof(data) - 1, VK_FORMAT_AUTO, 0, raw);
		assert_int_equal(vk_reader_next_cells(t.r, &rec, &cells, &n, &line), VK_READ_RECORD);
		assert_null(rec);
		assert_int_equal(n, 2);
		assert_int_equal(line, 2);
		assert_string_equal(cells[0].text, "Åse \"Aka\", Ilulissat");
		assert_int_equal(cells[0].len, strlen("Åse \"Aka\", Ilulissat"));
		assert_string_equal(cells[1].text, raw ? "'Nuuk" : "Nuuk");
		assert_int_equal(cells[1].len, raw ? 5 : 4);
		assert_int_equal(vk_reader_next_cells(t.r, &rec, &cells, &n, &line), VK_READ_ERROR);
		assert_int_equal(line, 3);
		assert_string_equal(vk_reader_error(t.r), "by: invalid UTF-8 at byte 1 of the value");
		assert_true(vk_reader_can_continue(t.r));
		assert_int_equal(vk_reader_next_cells(t.r, &rec, &cells, &n, &line), VK_READ_RECORD);
		assert_int_equal(line, 4);
		assert_string_equal(cells[0].text, "Inuk\nØdegård");
		assert_string_equal(cells[1].text, "");
		assert_int_equal(cells[1].len, 0);
		assert_int_equal(vk_reader_next_cells(t.r, &rec, &cells, &n, &line), VK_READ_END);
		assert_null(cells);
		rd_close(&t);
	}
}

/* The work of the reading thread on CSV: an object of the cells, by column number. */
static json_t *number_cells(json_t *record, const struct vk_input_cell *cells, size_t ncells,
			    void **extra, void *data)
{
	json_t *out = json_array();

	(void)extra;
	(void)data;
	assert_null(record);
	for (size_t i = 0; i < ncells; i++)
		json_array_append_new(out, json_stringn(cells[i].text, cells[i].len));
	return out;
}

/* Cells come to the work on the reading thread, and are the reader's own there. */
static void test_thread_work_cells(void **state)
{
	struct strbuf many = STRBUF_INIT;
	struct vk_reader_thread_work work = { number_cells, NULL, NULL };
	FILE *fp;
	struct vk_reader *r;
	struct vk_reader_thread *t;
	json_t *rec;
	long line;

	(void)state;
	strbuf_addstr(&many, "id;name\n");
	for (int i = 1; i <= 2000; i++)
		strbuf_addf(&many, "%d;\"Pipaluk, Kristiansen %d\nNuuk\"\n", i, i);
	fp = fmemopen(many.buf, many.len, "r");
	r = vk_reader_open(fp, "many", NULL);
	t = vk_reader_thread_start(r, &work);
	for (int i = 1; i <= 2000; i++) {
		char want[64];
		assert_int_equal(vk_reader_thread_next(t, &rec, &line), VK_READ_RECORD);
		assert_int_equal(line, 2 * i);
		assert_true(vk_reader_thread_is_text(t));
		snprintf(want, sizeof(want), "Pipaluk, Kristiansen %d\nNuuk", i);
		assert_int_equal(atoi(json_string_value(json_array_get(rec, 0))), i);
		assert_string_equal(json_string_value(json_array_get(rec, 1)), want);
		vk_reader_thread_give_back(t, rec);
	}
	assert_int_equal(vk_reader_thread_next(t, &rec, &line), VK_READ_END);
	vk_reader_thread_stop(t);
	vk_reader_close(r);
	fclose(fp);
	strbuf_release(&many);
}

static void test_name(void **state)
{
	struct rd t;

	(void)state;
	rd_open(&t, "a\n1\n");
	assert_string_equal(vk_reader_name(t.r), "test.csv");
	rd_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_thread_reads_as_reader),
		cmocka_unit_test(test_thread_stops_early),
		cmocka_unit_test(test_thread_work),
		cmocka_unit_test(test_thread_work_cells),
		cmocka_unit_test(test_csv_cells),
		cmocka_unit_test(test_thread_slow_pipe),
		cmocka_unit_test(test_csv_comma),
		cmocka_unit_test(test_csv_key_order),
		cmocka_unit_test(test_csv_semicolon),
		cmocka_unit_test(test_csv_tab),
		cmocka_unit_test(test_csv_tie_and_forced),
		cmocka_unit_test(test_csv_bom),
		cmocka_unit_test(test_csv_crlf),
		cmocka_unit_test(test_csv_danish_excel),
		cmocka_unit_test(test_csv_embedded_newline),
		cmocka_unit_test(test_csv_cr_only),
		cmocka_unit_test(test_csv_quoted_quotes),
		cmocka_unit_test(test_csv_no_trimming),
		cmocka_unit_test(test_csv_field_count),
		cmocka_unit_test(test_csv_bad_quoting),
		cmocka_unit_test(test_csv_invalid_utf8),
		cmocka_unit_test(test_csv_nul),
		cmocka_unit_test(test_csv_leading_quote),
		cmocka_unit_test(test_csv_header_errors),
		cmocka_unit_test(test_csv_empty),
		cmocka_unit_test(test_csv_long_values),
		cmocka_unit_test(test_csv_end_without_newline),
		cmocka_unit_test(test_csv_buffer_edges),
		cmocka_unit_test(test_tsv_escapes),
		cmocka_unit_test(test_tsv_lines),
		cmocka_unit_test(test_tsv_field_count),
		cmocka_unit_test(test_tsv_bad_text),
		cmocka_unit_test(test_tsv_or_csv_with_tabs),
		cmocka_unit_test(test_tsv_buffer_edges),
		cmocka_unit_test(test_read_error),
		cmocka_unit_test(test_utf16_refused),
		cmocka_unit_test(test_json_array),
		cmocka_unit_test(test_json_many),
		cmocka_unit_test(test_json_array_errors),
		cmocka_unit_test(test_json_concatenated),
		cmocka_unit_test(test_jsonl),
		cmocka_unit_test(test_json_spanning_lines),
		cmocka_unit_test(test_json_non_object),
		cmocka_unit_test(test_json_syntax_error_stream),
		cmocka_unit_test(test_json_duplicate_keys),
		cmocka_unit_test(test_json_invalid_text),
		cmocka_unit_test(test_json_unclosed),
		cmocka_unit_test(test_json_deep),
		cmocka_unit_test(test_json_empty),
		cmocka_unit_test(test_json_forced),
		cmocka_unit_test(test_name),
	};

	return cmocka_run_group_tests_name("reader", tests, NULL, NULL);
}

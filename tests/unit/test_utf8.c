/* test_utf8.c: UTF-8 validation, display width and values shown in messages (lib/utf8.c) */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>
#include "strbuf.h"
#include "utf8.h"

/* Checks that s[0..len) is invalid with the first bad byte at want. */
static void check_bad(const char *s, size_t len, size_t want)
{
	size_t at = (size_t)-1;

	assert_false(utf8_valid(s, len, &at));
	assert_int_equal(at, want);
	assert_false(utf8_valid(s, len, NULL));
}

static void check_good(const char *s, size_t len)
{
	size_t at = 12345;

	assert_true(utf8_valid(s, len, &at));
	assert_int_equal(at, 12345);	/* left alone */
	assert_true(utf8_valid(s, len, NULL));
}

#define GOOD(lit) check_good(lit, sizeof(lit) - 1)
#define BAD(lit, at) check_bad(lit, sizeof(lit) - 1, at)

static void valid_text(void **state)
{
	(void)state;
	GOOD("");
	GOOD("Paamiut");
	GOOD("Aviaja Kristiansen-Kleist, Nuuk");
	GOOD("Ærø, Østerbro og Åbenrå: æ ø å");
	GOOD("Kalaallit Nunaat – Sermersooq");
	GOOD("日本語のテキスト");
	GOOD("한국어");
	GOOD("🌍 and 🤝");
	GOOD("e\xCC\x81");			/* e + U+0301 */
	GOOD("a\0b");				/* U+0000 is valid */
	GOOD("\xC2\x80");			/* U+0080 */
	GOOD("\xDF\xBF");			/* U+07FF */
	GOOD("\xE0\xA0\x80");			/* U+0800 */
	GOOD("\xED\x9F\xBF");			/* U+D7FF */
	GOOD("\xEE\x80\x80");			/* U+E000 */
	GOOD("\xEF\xBF\xBF");			/* U+FFFF */
	GOOD("\xF0\x90\x80\x80");		/* U+10000 */
	GOOD("\xF4\x8F\xBF\xBF");		/* U+10FFFF */
	GOOD("\xEF\xBB\xBFid,name");		/* BOM */
}

static void overlong(void **state)
{
	(void)state;
	BAD("\xC0\x80", 0);			/* U+0000 in two bytes */
	BAD("ab\xC0\xAF", 2);			/* '/' in two bytes */
	BAD("Ærø \xC1\xBF", 6);
	BAD("x\xE0\x80\x80", 1);
	BAD("xy\xE0\x9F\xBF", 2);		/* U+07FF in three bytes */
	BAD("\xF0\x80\x80\x80", 0);
	BAD("Nuuk \xF0\x8F\xBF\xBF", 5);	/* U+FFFF in four bytes */
}

static void surrogates(void **state)
{
	(void)state;
	BAD("\xED\xA0\x80", 0);			/* U+D800 */
	BAD("æ\xED\xAF\xBF", 2);		/* U+DBFF */
	BAD("øå\xED\xB0\x80", 4);		/* U+DC00 */
	BAD("\xED\xBF\xBFz", 0);		/* U+DFFF */
}

static void too_large(void **state)
{
	(void)state;
	BAD("\xF4\x90\x80\x80", 0);		/* U+110000 */
	BAD("a\xF4\xBF\xBF\xBF", 1);
	BAD("ab\xF5\x80\x80\x80", 2);
	BAD("\xF7\xBF\xBF\xBF", 0);
	BAD("\xF8\x88\x80\x80\x80", 0);		/* old five-byte form */
	BAD("\xFC\x84\x80\x80\x80\x80", 0);
	BAD("abc\xFE", 3);
	BAD("abcd\xFF", 4);
}

static void truncated(void **state)
{
	(void)state;
	BAD("Paamiut \xC3", 8);			/* at the end */
	BAD("\xE6\x97", 0);
	BAD("ok \xF0\x9F\x98", 3);
	BAD("\xC3" "A", 0);			/* cut by ASCII */
	BAD("x\xE6\x97" "y", 1);
	BAD("\xF0\x9F\x98" "a", 0);
	BAD("\xE6\xE6\x97\xA5", 0);		/* cut by another lead */
	BAD("\xC3\xA6\xC3", 2);			/* æ then a cut ø */
}

static void stray_continuation(void **state)
{
	(void)state;
	BAD("\x80", 0);
	BAD("a\xBF", 1);
	BAD("\xC3\xA6\xA6", 2);			/* æ and one byte too many */
	BAD("日\x80本", 3);
	BAD("\xF0\x9F\x8C\x8D\x8D", 4);		/* 🌍 and one too many */
}

/* A bad byte anywhere in a long ASCII run is found at its offset. */
static void fast_path_offsets(void **state)
{
	char buf[100];
	size_t i, at;

	(void)state;
	for (i = 0; i < sizeof(buf); i++) {
		memset(buf, 'a', sizeof(buf));
		buf[i] = (char)0xFF;
		at = 0;
		assert_false(utf8_valid(buf, sizeof(buf), &at));
		assert_int_equal(at, i);
	}
	/* a valid two-byte character at every alignment, then a bad one */
	for (i = 0; i + 4 < sizeof(buf); i++) {
		memset(buf, 'b', sizeof(buf));
		buf[i] = (char)0xC3;
		buf[i + 1] = (char)0xB8;	/* ø */
		assert_true(utf8_valid(buf, sizeof(buf), NULL));
		buf[i + 3] = (char)0xED;
		buf[i + 4] = (char)0xA0;	/* surrogate lead */
		assert_false(utf8_valid(buf, sizeof(buf), &at));
		assert_int_equal(at, i + 3);
	}
	/* len is honoured: the bad byte past len is not seen */
	assert_true(utf8_valid("abc\xFF", 3, NULL));
	assert_false(utf8_valid("Ærø\xC3\xB8", 6, &at));
	assert_int_equal(at, 5);
}

static void widths(void **state)
{
	(void)state;
	assert_int_equal(utf8_width(""), 0);
	assert_int_equal(utf8_width("Paamiut"), 7);
	assert_int_equal(utf8_width("Ærø"), 3);
	assert_int_equal(utf8_width("Aviaja Kristiansen-Kleist"), 25);
	assert_int_equal(utf8_width("日本"), 4);
	assert_int_equal(utf8_width("e\xCC\x81"), 1);		/* e + U+0301 */
	assert_int_equal(utf8_width("a\xE2\x80\x8B" "b"), 2);	/* U+200B */
	/* ❤ + U+FE0F asks for the emoji, which terminals draw 2 columns wide */
	assert_int_equal(utf8_width("\xE2\x9D\xA4\xEF\xB8\x8F"), 2);
	assert_int_equal(utf8_width("\xE2\x9D\xA4"), 1);		/* ❤ as text */
	/* grapheme clusters: what a reader sees as one character */
	assert_int_equal(utf8_width("👨\u200D👩\u200D👧\u200D👦"), 2);	/* a family */
	assert_int_equal(utf8_width("🇩🇰 🇬🇱 🇳🇴"), 8);		/* flags: two letters each */
	assert_int_equal(utf8_width("A\xCC\x8Ase"), 3);		/* Å decomposed */
	assert_int_equal(utf8_width("👍🏽"), 2);			/* with a skin tone */
	assert_int_equal(utf8_width("\xE1\x84\x80"), 2);	/* U+1100 */
	assert_int_equal(utf8_width("한국"), 4);
	assert_int_equal(utf8_width("\xE3\x80\xBF"), 1);	/* U+303F */
	assert_int_equal(utf8_width("\xE3\x80\x80"), 2);	/* U+3000 */
	assert_int_equal(utf8_width("ＡＢ"), 4);		/* fullwidth */
	assert_int_equal(utf8_width("\xEF\xBF\xA6"), 2);	/* U+FFE6 */
	assert_int_equal(utf8_width("\xEF\xBF\xA8"), 1);	/* U+FFE8 */
	assert_int_equal(utf8_width("🌍"), 2);			/* U+1F30D */
	assert_int_equal(utf8_width("🤝"), 2);			/* U+1F91D */
	assert_int_equal(utf8_width("\xF0\xA0\x80\x80"), 2);	/* U+20000 */
	assert_int_equal(utf8_width("\xE1\xAA\xB0"), 0);	/* U+1AB0 */
	assert_int_equal(utf8_width("\xE1\xB7\x80"), 0);	/* U+1DC0 */
	assert_int_equal(utf8_width("\xE2\x83\x90"), 0);	/* U+20D0 */
	assert_int_equal(utf8_width("\xEF\xB8\xA0"), 0);	/* U+FE20 */
	assert_int_equal(utf8_width("\xEF\xB8\xB0"), 2);	/* U+FE30 */
	assert_int_equal(utf8_width("a\tb"), 3);		/* control counts 1 */
	assert_int_equal(utf8_width("–…↵→"), 4);
}

static void prefixes(void **state)
{
	(void)state;
	assert_int_equal(utf8_prefix_for_width("Paamiut", 4), 4);
	assert_int_equal(utf8_prefix_for_width("Paamiut", 0), 0);
	assert_int_equal(utf8_prefix_for_width("Paamiut", 99), 7);
	assert_int_equal(utf8_prefix_for_width("Ærø", 2), 3);	/* "Ær" */
	assert_int_equal(utf8_prefix_for_width("Ærø", 3), 5);
	assert_int_equal(utf8_prefix_for_width("æøå", 1), 2);
	/* a cluster is never split: the family stays whole */
	assert_int_equal(utf8_prefix_for_width("a👨\u200D👩\u200D👧b", 2), 1);
	assert_int_equal(utf8_prefix_for_width("a👨\u200D👩\u200D👧b", 3), 19);
	assert_int_equal(utf8_prefix_for_width("A\xCC\x8Ase", 1), 3);
	/* a wide character that does not fit is left out whole */
	assert_int_equal(utf8_prefix_for_width("日本語", 1), 0);
	assert_int_equal(utf8_prefix_for_width("日本語", 3), 3);
	assert_int_equal(utf8_prefix_for_width("日本語", 4), 6);
	assert_int_equal(utf8_prefix_for_width("a日", 2), 1);
	/* a combining mark stays with its letter */
	assert_int_equal(utf8_prefix_for_width("e\xCC\x81x", 1), 3);
	assert_int_equal(utf8_prefix_for_width("e\xCC\x81x", 2), 4);
	assert_int_equal(utf8_prefix_for_width("", 5), 0);
}

/* s repeated n times, in a buffer of its own (free it) */
static char *repeat(const char *s, size_t n)
{
	struct strbuf sb = STRBUF_INIT;

	for (size_t i = 0; i < n; i++)
		strbuf_addstr(&sb, s);
	return strbuf_detach(&sb, NULL);
}

/* Checks that utf8_add_shown(s, max, quote) appends want, and that it is valid UTF-8 on one line. */
static void check_shown(const char *s, size_t max, bool quote, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addstr(&sb, "felt: ");
	utf8_add_shown(&sb, s, max, quote);
	assert_string_equal(sb.buf + 6, want);
	assert_true(utf8_valid(sb.buf, sb.len, NULL));
	assert_null(strchr(sb.buf, '\n'));
	assert_null(strchr(sb.buf, '\r'));
	strbuf_release(&sb);
}

static void shown_whole(void **state)
{
	(void)state;
	check_shown("Paamiut", 60, true, "\"Paamiut\"");
	check_shown("", 60, true, "\"\"");
	check_shown("Foreningen \"Kaffemik\" \\ Tasiilaq", 60, true,
		    "\"Foreningen \\\"Kaffemik\\\" \\\\ Tasiilaq\"");
	/* without quotes, '"' and '\' are themselves */
	check_shown("Foreningen \"Kaffemik\"", 60, false, "Foreningen \"Kaffemik\"");
	/* 60 characters of two bytes each are shown whole, 61 are cut */
	char *sixty = repeat("æ", 60), *more = repeat("æ", 61), *want;
	check_shown(sixty, 60, false, sixty);
	want = repeat("æ", 60);
	want = realloc(want, strlen(want) + sizeof("…"));
	strcat(want, "…");
	check_shown(more, 60, false, want);
	free(want);
	/* 0: no cut */
	char *long_text = repeat("Fællesskab på tværs af bygderne. ", 1000);
	struct strbuf sb = STRBUF_INIT;
	utf8_add_shown(&sb, long_text, 0, false);
	assert_string_equal(sb.buf, long_text);
	strbuf_release(&sb);
	free(long_text);
	free(sixty);
	free(more);
}

static void shown_one_line(void **state)
{
	(void)state;
	check_shown("Første linje\nAnden linje\r\n\tindrykket", 60, true,
		    "\"Første linje\\nAnden linje\\r\\n\\tindrykket\"");
	check_shown("a\x01" "b\x7f" "c\x1b[31m", 60, true, "\"a\\x01b\\x7fc\\x1b[31m\"");
	/* C1 NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR break lines too */
	check_shown("a\xC2\x85" "b\xE2\x80\xA8" "c\xE2\x80\xA9", 60, true,
		    "\"a\\u0085b\\u2028c\\u2029\"");
	/* an escape counts as one character */
	check_shown("\n\n\n\n", 3, false, "\\n\\n\\n…");
}

static void shown_not_utf8(void **state)
{
	(void)state;
	/* what is not UTF-8 is shown as its bytes: the message stays valid */
	check_shown("Ærø\xE6" "bro", 60, true, "\"Ærø\\xe6bro\"");	/* Latin-1 æ */
	check_shown("\xC0\xAF", 60, false, "\\xc0\\xaf");			/* overlong '/' */
	check_shown("\xED\xA0\x80", 60, false, "\\xed\\xa0\\x80");		/* a surrogate */
	check_shown("\xF4\x90\x80\x80", 60, false, "\\xf4\\x90\\x80\\x80");	/* above U+10FFFF */
	check_shown("Nuuk\xC3", 60, false, "Nuuk\\xc3");			/* cut short */
	check_shown("\xF0\x9F\x98", 60, false, "\\xf0\\x9f\\x98");		/* 3 of 4 bytes */
	check_shown("\x80x", 60, false, "\\x80x");				/* stray continuation */
	/* each such byte counts as a character */
	check_shown("\xff\xff\xff", 2, false, "\\xff\\xff…");
}

static void shown_cut_at_characters(void **state)
{
	(void)state;
	char *a59 = repeat("a", 59), *a60 = repeat("a", 60), *a58 = repeat("a", 58);
	char in[200], want[200];

	/* æ, ø, å at the cut: whole characters, never a byte of one */
	snprintf(in, sizeof(in), "%sæøå", a59);
	snprintf(want, sizeof(want), "%sæ…", a59);
	check_shown(in, 60, false, want);
	snprintf(in, sizeof(in), "%sø", a59);
	check_shown(in, 60, false, in);
	/* a four-byte character (U+1F30D, U+1D54F) is one character */
	snprintf(in, sizeof(in), "%s🌍🌍", a59);
	snprintf(want, sizeof(want), "%s🌍…", a59);
	check_shown(in, 60, false, want);
	snprintf(in, sizeof(in), "%s𝕏", a60);
	snprintf(want, sizeof(want), "%s…", a60);
	check_shown(in, 60, false, want);
	snprintf(in, sizeof(in), "%s\xF0\x9D\x95\x8F" "b", a59);
	snprintf(want, sizeof(want), "\"%s\xF0\x9D\x95\x8F…\"", a59);
	check_shown(in, 60, true, want);
	/* a combining mark stays with its letter: e + U+0301 at the cut goes whole */
	snprintf(in, sizeof(in), "%se\xCC\x81x", a59);
	snprintf(want, sizeof(want), "%s…", a59);
	check_shown(in, 60, false, want);
	snprintf(in, sizeof(in), "%se\xCC\x81xyz", a58);
	snprintf(want, sizeof(want), "%se\xCC\x81…", a58);
	check_shown(in, 60, false, want);
	/* a Danish sentence, quoted as a message quotes it */
	check_shown("Åse Ødegård fortalte, at børnene i Qaqortoq savner et sted at være om aftenen.",
		    60, true, "\"Åse Ødegård fortalte, at børnene i Qaqortoq savner et sted a…\"");
	free(a58);
	free(a59);
	free(a60);
}

static void addquoted_cuts(void **state)
{
	(void)state;
	/* utf8_addquoted is the message form: quoted, cut at UTF8_SHOWN_CHARS */
	char *big = repeat("Fællesskab på tværs af bygderne. ", 150000);	/* 5.1 MB */
	struct strbuf sb = STRBUF_INIT;

	utf8_addquoted(&sb, big);
	assert_true(sb.len < UTF8_SHOWN_CHARS * 4 + 8);
	assert_string_equal(sb.buf, "\"Fællesskab på tværs af bygderne. Fællesskab på tværs af bygd…\"");
	strbuf_release(&sb);
	free(big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(valid_text),
		cmocka_unit_test(overlong),
		cmocka_unit_test(surrogates),
		cmocka_unit_test(too_large),
		cmocka_unit_test(truncated),
		cmocka_unit_test(stray_continuation),
		cmocka_unit_test(fast_path_offsets),
		cmocka_unit_test(widths),
		cmocka_unit_test(prefixes),
		cmocka_unit_test(shown_whole),
		cmocka_unit_test(shown_one_line),
		cmocka_unit_test(shown_not_utf8),
		cmocka_unit_test(shown_cut_at_characters),
		cmocka_unit_test(addquoted_cuts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

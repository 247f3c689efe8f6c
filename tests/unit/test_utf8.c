/* test_utf8.c: UTF-8 validation and display width (lib/utf8.c) */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
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
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_text.c: case folding and the Danish and Norwegian order (lib/text.c) */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "text.h"

static void folds_to(const char *s, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	vk_text_fold(s, strlen(s), &sb);
	assert_string_equal(sb.buf, want);
	assert_int_equal(sb.len, strlen(want));
	strbuf_release(&sb);
}

static void folding(void **state)
{
	(void)state;
	folds_to("", "");
	folds_to("Karup", "karup");
	folds_to("KARUP 7470", "karup 7470");
	folds_to("Åse", "åse");
	folds_to("ÆBLEGÅRDEN Ø", "æblegården ø");
	folds_to("Børn og Unge", "børn og unge");
	/* composed and decomposed Å fold alike */
	folds_to("A\xCC\x8A" "se", "åse");
	/* beyond Latin: Greek, Cyrillic, German sharp s */
	folds_to("ΣΟΦΙΑ", "σοφια");
	folds_to("ПАВЕЛ", "павел");
	folds_to("STRASSE", "strasse");
	folds_to("Straße", "strasse");
	/* Greenlandic: the letters are Latin, so are their cases */
	folds_to("KALAALLIT NUNAAT", "kalaallit nunaat");
}

static int by_key(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	struct strbuf kx = STRBUF_INIT, ky = STRBUF_INIT;
	int c;

	vk_text_sort_key(x, strlen(x), &kx);
	vk_text_sort_key(y, strlen(y), &ky);
	c = memcmp(kx.buf, ky.buf, kx.len < ky.len ? kx.len : ky.len);
	if (!c)
		c = kx.len < ky.len ? -1 : kx.len > ky.len;
	strbuf_release(&kx);
	strbuf_release(&ky);
	return c;
}

static void danish_order(void **state)
{
	const char *names[] = { "Åse", "Øjvind", "Zacharias", "Ærø", "anders", "Bo", "Ødis", "Åge",
				"Ane" };
	const char *want[] = { "anders", "Ane", "Bo", "Zacharias", "Ærø", "Ødis", "Øjvind", "Åge",
			       "Åse" };

	(void)state;
	qsort(names, 9, sizeof(names[0]), by_key);
	for (size_t i = 0; i < 9; i++)
		assert_string_equal(names[i], want[i]);
	vk_text_release();
}

static void nfc_of(const char *s, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	if (vk_text_nfc(s, strlen(s), &sb))
		assert_string_equal(sb.buf, want);
	else
		assert_string_equal(s, want);
	strbuf_release(&sb);
}

static void nfc(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	/* precomposed Danish, Norwegian and Greenlandic text is left alone */
	static const char precomposed[] = "Åse Nørgaard, Qaqortoq";
	assert_false(vk_text_nfc(precomposed, strlen(precomposed), &sb));
	assert_false(vk_text_nfc("", 0, &sb));
	nfc_of("Ren" "e\xCC\x81", "René");
	nfc_of("A\xCC\x8A" "se", "Åse");
	nfc_of("Ko\xCC\x88ge", "Köge");
	/* a mark that composes with nothing stays, after its letter */
	nfc_of("\xC3\xB8\xCC\x81", "\xC7\xBF");	/* ø + acute is ǿ */
	nfc_of("q\xCC\x81", "q\xCC\x81");
	/* already NFC beyond U+0300: Greek, and a family emoji */
	nfc_of("\xCE\xA3\xCE\xBF\xCF\x86\xCE\xAF\xCE\xB1", "Σοφία");
	nfc_of("\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9", "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9");
	strbuf_release(&sb);
}

static void blank(void **state)
{
	(void)state;
	assert_true(vk_text_blank("", 0));
	assert_true(vk_text_blank("   ", 3));
	assert_true(vk_text_blank(" \t\n", 3));
	assert_true(vk_text_blank("\xC2\xA0\xE3\x80\x80", 5));	/* NBSP, ideographic space */
	assert_false(vk_text_blank(" Å ", 4));
	assert_false(vk_text_blank("\xC2", 1));	/* not UTF-8: not blank */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(folding),
		cmocka_unit_test(danish_order),
		cmocka_unit_test(nfc),
		cmocka_unit_test(blank),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

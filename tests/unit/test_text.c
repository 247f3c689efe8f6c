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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(folding),
		cmocka_unit_test(danish_order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* text.c: see text.h */
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/ucol.h>
#include <unicode/utf8.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include "error.h"
#include "text.h"

/* The collation of vk's lists: Danish, which Norwegian Bokmål shares for Æ Ø Å. */
#define VK_COLLATION_LOCALE "da"

static _Thread_local UCollator *collator;
static _Thread_local UChar *wide;	/* scratch: the text as UTF-16 */
static _Thread_local int32_t wide_alloc;
static _Thread_local UChar *folded;
static _Thread_local int32_t folded_alloc;

static void icu_check(UErrorCode status, const char *what)
{
	if (U_FAILURE(status))
		vk_die(VK_EXIT_IOERR, "internal error: ICU %s: %s", what, u_errorName(status));
}

/*
 * The scratch buffers and the collator are the thread's own: a thread
 * that used them (the import's reader) frees them as it ends, through
 * this key's destructor; the main thread frees them at exit.
 */
static pthread_key_t release_key;
static pthread_once_t release_once = PTHREAD_ONCE_INIT;

static void release_at_thread_end(void *unused)
{
	(void)unused;
	vk_text_release();
}

static void make_release_key(void)
{
	if (pthread_key_create(&release_key, release_at_thread_end) != 0)
		vk_die(VK_EXIT_IOERR, "internal error: no thread key for ICU's buffers");
}

/* Makes sure what this thread holds is released when it ends. */
static void release_later(void)
{
	pthread_once(&release_once, make_release_key);
	if (!pthread_getspecific(release_key))
		pthread_setspecific(release_key, &release_key);
}

static void grow(UChar **buf, int32_t *alloc, int32_t need)
{
	if (need <= *alloc)
		return;
	release_later();
	*alloc = need + need / 2 + 16;
	*buf = vk_realloc(*buf, (size_t)*alloc * sizeof(UChar));
}

/* Converts s[0..len) to UTF-16 in `wide`; returns its length in code units. */
static int32_t to_wide(const char *s, size_t len)
{
	UErrorCode status = U_ZERO_ERROR;
	int32_t n;

	if (len > INT32_MAX / 2)
		vk_die(VK_EXIT_DATAERR, "a text of %zu bytes is too long to compare", len);
	grow(&wide, &wide_alloc, (int32_t)len + 1);
	/* UTF-8 never takes fewer code units in UTF-16 than bytes */
	u_strFromUTF8(wide, wide_alloc, &n, s, (int32_t)len, &status);
	icu_check(status, "converting UTF-8");
	return n;
}

static bool is_ascii(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return false;
	return true;
}

void vk_text_fold(const char *s, size_t len, struct strbuf *out)
{
	UErrorCode status = U_ZERO_ERROR;
	const UNormalizer2 *nfkc_cf;
	int32_t n, m, bytes;

	strbuf_reset(out);
	if (is_ascii(s, len)) {
		/* NFKC_Casefold of ASCII is its lower case */
		strbuf_grow(out, len);
		for (size_t i = 0; i < len; i++) {
			char c = s[i];
			out->buf[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
		}
		out->len = len;
		out->buf[len] = '\0';
		return;
	}
	n = to_wide(s, len);
	nfkc_cf = unorm2_getNFKCCasefoldInstance(&status);
	icu_check(status, "loading NFKC_Casefold");
	m = unorm2_normalize(nfkc_cf, wide, n, folded, folded_alloc, &status);
	if (status == U_BUFFER_OVERFLOW_ERROR) {
		status = U_ZERO_ERROR;
		grow(&folded, &folded_alloc, m + 1);
		m = unorm2_normalize(nfkc_cf, wide, n, folded, folded_alloc, &status);
	}
	icu_check(status, "folding case");
	/* a UTF-16 code unit takes at most 3 bytes of UTF-8 */
	strbuf_grow(out, (size_t)m * 3);
	u_strToUTF8(out->buf, (int32_t)(out->alloc - 1), &bytes, folded, m, &status);
	icu_check(status, "converting to UTF-8");
	out->len = (size_t)bytes;
	out->buf[out->len] = '\0';
}

/*
 * No code point below U+0300 is changed by NFC or combines with what
 * comes before it, and those are the UTF-8 sequences whose bytes are all
 * below 0xCC: Danish, Norwegian and Greenlandic text in precomposed
 * letters never goes through ICU.
 */
static bool below_combining_marks(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0xCC)
			return false;
	return true;
}

bool vk_text_nfc(const char *s, size_t len, struct strbuf *out)
{
	UErrorCode status = U_ZERO_ERROR;
	const UNormalizer2 *nfc;
	int32_t n, m, bytes;

	if (below_combining_marks(s, len))
		return false;
	nfc = unorm2_getNFCInstance(&status);
	icu_check(status, "loading NFC");
	n = to_wide(s, len);
	if (unorm2_quickCheck(nfc, wide, n, &status) == UNORM_YES && U_SUCCESS(status))
		return false;
	status = U_ZERO_ERROR;
	m = unorm2_normalize(nfc, wide, n, folded, folded_alloc, &status);
	if (status == U_BUFFER_OVERFLOW_ERROR) {
		status = U_ZERO_ERROR;
		grow(&folded, &folded_alloc, m + 1);
		m = unorm2_normalize(nfc, wide, n, folded, folded_alloc, &status);
	}
	icu_check(status, "normalising to NFC");
	strbuf_reset(out);
	strbuf_grow(out, (size_t)m * 3);
	u_strToUTF8(out->buf, (int32_t)(out->alloc - 1), &bytes, folded, m, &status);
	icu_check(status, "converting to UTF-8");
	out->len = (size_t)bytes;
	out->buf[out->len] = '\0';
	return out->len != len || memcmp(out->buf, s, len) != 0;
}

bool vk_text_blank(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		UChar32 c;
		U8_NEXT(s, i, len, c);
		if (c < 0 || !u_isUWhiteSpace(c))
			return false;
	}
	return true;
}

void vk_text_sort_key(const char *s, size_t len, struct strbuf *out)
{
	UErrorCode status = U_ZERO_ERROR;
	int32_t n, need;

	if (!collator) {
		static bool registered;
		release_later();
		collator = ucol_open(VK_COLLATION_LOCALE, &status);
		icu_check(status, "opening the collation");
		if (!registered) {
			atexit(vk_text_release);	/* the main thread's, for valgrind */
			registered = true;
		}
	}
	n = to_wide(s, len);
	strbuf_reset(out);
	strbuf_grow(out, (size_t)n * 2 + 16);
	need = ucol_getSortKey(collator, wide, n, (uint8_t *)out->buf, (int32_t)(out->alloc - 1));
	if (need <= 0)
		vk_die(VK_EXIT_IOERR, "internal error: ICU could not make a sort key");
	if ((size_t)need > out->alloc - 1) {
		strbuf_grow(out, (size_t)need);
		need = ucol_getSortKey(collator, wide, n, (uint8_t *)out->buf,
				       (int32_t)(out->alloc - 1));
	}
	out->len = (size_t)need;	/* the key's own terminating 0 included */
	out->buf[out->len] = '\0';
}

void vk_text_release(void)
{
	if (collator)
		ucol_close(collator);
	collator = NULL;
	free(wide);
	free(folded);
	wide = folded = NULL;
	wide_alloc = folded_alloc = 0;
}

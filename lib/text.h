/*
 * text.h: Unicode text as people compare and sort it, from ICU.
 *
 * Filters match ignoring case in every alphabet (`--name åse` finds
 * "Åse"), and names sort as a Danish or Norwegian reader expects (Æ, Ø,
 * Å after Z). Both come from ICU: the case folding is Unicode's
 * NFKC_Casefold (case and compatibility forms folded, composed and
 * decomposed letters equal), the order is the Danish collation of
 * CLDR, which Norwegian Bokmål shares for these letters.
 *
 * The store registers both as SQL functions (lib/store/query.c); callers may
 * also use them directly. Every function takes valid UTF-8.
 */
#ifndef VK_TEXT_H
#define VK_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include "strbuf.h"

/*
 * Sets out to s[0..len) folded for comparison ignoring case (out is
 * reset first). Two texts that differ only in case, or in composed and
 * decomposed forms of a letter, fold to the same bytes.
 */
void vk_text_fold(const char *s, size_t len, struct strbuf *out);

/*
 * Sets out to the collation key of s[0..len) (out is reset first): keys
 * compared with memcmp() order the texts as a Danish or Norwegian reader
 * expects. The key holds no NUL but its last byte; out->len counts it.
 */
void vk_text_sort_key(const char *s, size_t len, struct strbuf *out);

/*
 * Text is stored in Unicode's NFC, so that "é" typed as e + U+0301 (as a
 * Mac may send it) and as U+00E9 are one name. If s[0..len) is not in NFC,
 * sets out to its NFC form (out is reset first) and returns true;
 * otherwise returns false and leaves out alone.
 */
bool vk_text_nfc(const char *s, size_t len, struct strbuf *out);

/* True if s[0..len) is empty or only white space (Unicode's, NBSP too). */
bool vk_text_blank(const char *s, size_t len);

/* Releases what ICU holds for this thread (the collator); optional. */
void vk_text_release(void);

#endif

/* test_mail.c: the e-mail message of --format email (lib/mail.c) */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>
#include "mail.h"
#include "strbuf.h"

/* Every line of s (lines end in LF) is at most max octets. */
static void lines_within(const char *s, size_t max)
{
	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);

		if (len > max)
			fail_msg("a line of %zu octets (at most %zu): %.*s", len, max, (int)len, s);
		s += len + (nl != NULL);
	}
}

static int b64_value(char c)
{
	const char *set = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const char *p = strchr(set, c);

	return c && p ? (int)(p - set) : -1;
}

/* Decodes a header value of encoded words (and the folding between them) into out. */
static void decode_words(const char *s, struct strbuf *out)
{
	while (*s) {
		if (*s == '\n' || *s == ' ') {
			s++;
			continue;
		}
		assert_int_equal(strncmp(s, "=?UTF-8?B?", 10), 0);
		s += 10;
		while (*s && *s != '?') {
			int v[4];
			for (int k = 0; k < 4; k++)
				v[k] = s[k] == '=' ? 0 : b64_value(s[k]);
			assert_true(v[0] >= 0 && v[1] >= 0 && v[2] >= 0 && v[3] >= 0);
			strbuf_addch(out, (char)(v[0] << 2 | v[1] >> 4));
			if (s[2] != '=')
				strbuf_addch(out, (char)((v[1] & 15) << 4 | v[2] >> 2));
			if (s[3] != '=')
				strbuf_addch(out, (char)((v[2] & 3) << 6 | v[3]));
			s += 4;
		}
		assert_int_equal(strncmp(s, "?=", 2), 0);
		s += 2;
	}
}

/* Decodes quoted-printable text as RFC 2045 reads it. */
static void decode_qp(const char *s, struct strbuf *out)
{
	while (*s) {
		if (s[0] == '=' && s[1] == '\n') {
			s += 2;
		} else if (s[0] == '=') {
			char h[3] = { s[1], s[2], 0 };
			assert_non_null(strchr("0123456789ABCDEF", s[1]));
			assert_non_null(strchr("0123456789ABCDEF", s[2]));
			strbuf_addch(out, (char)strtol(h, NULL, 16));
			s += 3;
		} else {
			strbuf_addch(out, *s++);
		}
	}
}

static void check_words(const char *text, size_t used)
{
	struct strbuf sb = STRBUF_INIT, back = STRBUF_INIT;

	strbuf_addf(&sb, "%*s", (int)used, "");
	vk_mail_add_words(&sb, text, used);
	lines_within(sb.buf, 76);
	decode_words(sb.buf + used, &back);
	assert_string_equal(back.buf, text);
	strbuf_release(&sb);
	strbuf_release(&back);
}

static void subject_in_ascii_stays_as_it_is(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	vk_mail_add_words(&sb, "Weekly status, week 26", 9);
	assert_string_equal(sb.buf, "Weekly status, week 26");
	strbuf_release(&sb);
}

static void subject_with_danish_letters_is_encoded_words(void **state)
{
	(void)state;
	check_words("Ugestatus for Æblehaven og Ørestad, uge 26", 9);
	check_words("Styringsgruppa på Øvre Årdal: blåbær, rømmegrøt og «sitat»", 9);
	/* long: several words, each of whole characters */
	check_words("Æøå æøå Æøå æøå Æøå æøå Æøå æøå Æøå æøå Æøå æøå Æøå æøå Æøå æøå Æøå æøå "
		    "Kalaallit Nunaat – Sermersooq", 9);
	/* text that would read as an encoded word is encoded too */
	check_words("=?UTF-8?B?QQ==?=", 9);
}

static void long_ascii_subject_folds_at_spaces(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	const char *text = "The steering group's weekly status for the vision process of the "
			   "municipality, with every trial, milestone and engagement of week 26";

	(void)state;
	vk_mail_add_words(&sb, text, 9);
	assert_non_null(strchr(sb.buf, '\n'));
	lines_within(sb.buf, 78 - 9);
	/* unfolded (the line break removed) it is the text */
	for (char *p = sb.buf; (p = strchr(p, '\n'));)
		memmove(p, p + 1, strlen(p));
	assert_string_equal(sb.buf, text);
	strbuf_release(&sb);
}

static void check_qp(const char *text)
{
	struct strbuf sb = STRBUF_INIT, back = STRBUF_INIT;

	vk_mail_add_qp(&sb, text, strlen(text));
	lines_within(sb.buf, 76);
	decode_qp(sb.buf, &back);
	/* the encoding ends a text that does not end in a line end with one */
	if (*text && text[strlen(text) - 1] != '\n')
		assert_true(back.len && back.buf[--back.len] == '\n');
	assert_int_equal(back.len, strlen(text));
	assert_memory_equal(back.buf, text, back.len);
	strbuf_release(&sb);
	strbuf_release(&back);
}

static void quoted_printable_round_trips(void **state)
{
	(void)state;
	check_qp("Ugestatus, uge 26\n\nBrug for opmærksomhed:\n- Prøvehandling 3 venter\n");
	check_qp("a=b, 50% = halvdelen\n");
	check_qp("mellemrum til sidst   \nog tab\t\n");
	check_qp("Æ\n");
	check_qp("");
	/* a line far longer than 76, with multibyte letters at the breaks */
	check_qp("Sermersooq Kommunia: Æ Ø Å æ ø å Æ Ø Å æ ø å Æ Ø Å æ ø å Æ Ø Å æ ø å Æ Ø Å æ ø å "
		 "Æ Ø Å æ ø å Æ Ø Å æ ø å Æ Ø Å æ ø å Æ Ø Å æ ø å ===== slut\n");
}

static void quoted_printable_hides_what_mail_systems_change(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	vk_mail_add_qp(&sb, "før\n.\nFrom here\n= \n", strlen("før\n.\nFrom here\n= \n"));
	assert_string_equal(sb.buf, "f=C3=B8r\n=2E\n=46rom here\n=3D=20\n");
	strbuf_release(&sb);
}

static void header_values_are_checked(void **state)
{
	struct strbuf why = STRBUF_INIT;
	const char *good_to[] = { "styregruppe@example.gl", "Aviaja Kleist <aviaja@example.gl>", NULL };
	const char *bad_to[] = { "styregruppe@example.gl\nBcc: x@example.com", NULL };
	const char *no_address[] = { "styregruppe", NULL };
	const char *idn[] = { "kommune@ærø.dk", NULL };
	struct vk_mail m = { .to = good_to, .from = "Sekretariatet <vk@example.dk>",
			     .subject = "Ugestatus, uge 26: Ærø" };

	(void)state;
	assert_true(vk_mail_check(&m, &why));
	assert_int_equal(why.len, 0);

	m.to = bad_to;
	assert_false(vk_mail_check(&m, &why));
	assert_non_null(strstr(why.buf, "--to: "));
	strbuf_reset(&why);

	m.to = no_address;
	assert_false(vk_mail_check(&m, &why));
	assert_non_null(strstr(why.buf, "is no e-mail address"));
	strbuf_reset(&why);

	m.to = idn;
	assert_false(vk_mail_check(&m, &why));
	strbuf_reset(&why);

	m.to = good_to;
	m.subject = "Ugestatus\r\nBcc: x@example.com";
	assert_false(vk_mail_check(&m, &why));
	assert_non_null(strstr(why.buf, "--subject: "));
	strbuf_reset(&why);

	m.subject = "tab\there";
	assert_false(vk_mail_check(&m, &why));
	strbuf_reset(&why);

	m.subject = "bad \xff byte";
	assert_false(vk_mail_check(&m, &why));
	assert_non_null(strstr(why.buf, "UTF-8"));
	strbuf_release(&why);
}

static void a_whole_message(void **state)
{
	const char *to[] = { "styregruppe@example.gl", "Ærø Kommune <post@aeroe.example.dk>", NULL };
	struct vk_mail m = { .to = to, .from = "vk@example.gl", .subject = "Ugestatus, uge 26",
			     .text = "Ugestatus\n", .html = "<!DOCTYPE html>\n<p>Ugestatus</p>\n" };
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	const char *b;
	char boundary[64], end[80];

	(void)state;
	assert_non_null(f);
	assert_int_equal(vk_mail_write(f, &m, 1593129600), 0);
	fclose(f);
	assert_non_null(strstr(buf, "From: vk@example.gl\n"));
	assert_non_null(strstr(buf, "To: styregruppe@example.gl,\n =?UTF-8?B?"));
	assert_non_null(strstr(buf, "\nSubject: Ugestatus, uge 26\n"));
	assert_non_null(strstr(buf, "\nDate: "));
	assert_non_null(strstr(buf, "\nMessage-ID: <"));
	assert_non_null(strstr(buf, "\nMIME-Version: 1.0\n"));
	b = strstr(buf, "boundary=\"");
	assert_non_null(b);
	assert_int_equal(sscanf(b, "boundary=\"%63[^\"]\"", boundary), 1);
	assert_non_null(strstr(buf, "Content-Type: text/plain; charset=UTF-8"));
	assert_non_null(strstr(buf, "Content-Type: text/html; charset=UTF-8"));
	/* the header ends with an empty line, the body with the closing boundary */
	assert_non_null(strstr(buf, "\n\n"));
	snprintf(end, sizeof end, "\n--%s--\n", boundary);
	assert_true(len > strlen(end));
	assert_string_equal(buf + len - strlen(end), end);
	lines_within(buf, 78);
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(subject_in_ascii_stays_as_it_is),
		cmocka_unit_test(subject_with_danish_letters_is_encoded_words),
		cmocka_unit_test(long_ascii_subject_folds_at_spaces),
		cmocka_unit_test(quoted_printable_round_trips),
		cmocka_unit_test(quoted_printable_hides_what_mail_systems_change),
		cmocka_unit_test(header_values_are_checked),
		cmocka_unit_test(a_whole_message),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

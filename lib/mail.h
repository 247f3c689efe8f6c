/*
 * mail.h: one e-mail message (RFC 5322, MIME) for sendmail -t.
 *
 * The message is multipart/alternative with a text and an HTML part, both
 * UTF-8 in quoted-printable, so no line is longer than 76 octets. A
 * subject or a display name with letters beyond ASCII (æ, ø, å) is
 * written in RFC 2047 encoded words. Lines end in LF, as sendmail(8)
 * reads its standard input; the mail system writes CRLF on the wire.
 *
 * Header values come from the user (--to, --from, --subject): check them
 * with vk_mail_check() first. One with a control character (CR, LF, any
 * other below U+0020, or DEL) could start a header of its own and is
 * refused, as is text that is not UTF-8 and an address that is none.
 */
#ifndef VK_MAIL_H
#define VK_MAIL_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>
#include "strbuf.h"

struct vk_mail {
	const char *from;		/* "addr@host" or "Name <addr@host>"; NULL: none
					 * (sendmail puts the user's) */
	const char *const *to;		/* the same forms, NULL-terminated; NULL: none */
	const char *subject;
	const char *text;		/* the text part, UTF-8 */
	const char *html;		/* the HTML part, UTF-8 */
};

/*
 * Checks the header values of m. Returns true when they may be written;
 * else appends to why what is wrong ("--to: ...") and returns false.
 */
bool vk_mail_check(const struct vk_mail *m, struct strbuf *why);

/*
 * Writes m, checked, to out as one message dated now (its Date in the
 * local zone of $TZ). Returns 0, or -1 when a write failed (errno set).
 */
int vk_mail_write(FILE *out, const struct vk_mail *m, time_t now);

/*
 * The pieces, for the tests. vk_mail_add_words() appends text as a header
 * value that starts `used` octets into its line: as it is when it is
 * printable ASCII (folded at spaces before 78 octets), else as RFC 2047
 * encoded words (base64 of whole UTF-8 characters, each word at most 75
 * octets, one a line). vk_mail_add_qp() appends len octets of text in
 * quoted-printable (RFC 2045: lines of at most 76 octets, soft breaks).
 */
void vk_mail_add_words(struct strbuf *out, const char *text, size_t used);
void vk_mail_add_qp(struct strbuf *out, const char *text, size_t len);

#endif

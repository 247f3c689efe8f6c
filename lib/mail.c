/* mail.c: see mail.h */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "error.h"
#include "mail.h"
#include "utf8.h"

/* RFC 2047: a line that holds an encoded word is at most 76 octets. */
#define WORD_LINE 76
/* RFC 5322's line length to keep to, and RFC 2045's for quoted-printable. */
#define HEADER_LINE 78
#define QP_LINE 76

static const char hex[] = "0123456789ABCDEF";

/* ---- checking ---- */

static bool has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return true;
	return false;
}

/* An addr-spec as vk writes it: ASCII local@domain, no space, no specials. */
static bool plain_address(const char *s, size_t len)
{
	size_t at = 0, ats = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= ' ' || c >= 0x7f || strchr("<>()[]\\,;:\"", c))
			return false;
		if (c == '@') {
			at = i;
			ats++;
		}
	}
	return ats == 1 && at > 0 && at + 1 < len && s[len - 1] != '.';
}

/* Splits "Name <addr>" into its parts (name may be empty); false if it is neither form. */
static bool split_address(const char *s, const char **name, size_t *name_len, const char **addr,
			  size_t *addr_len)
{
	const char *lt = strrchr(s, '<');
	size_t len = strlen(s);

	if (!lt) {
		*name = s;
		*name_len = 0;
		*addr = s;
		*addr_len = len;
		return plain_address(s, len);
	}
	if (len < 2 || s[len - 1] != '>' || strchr(lt + 1, '<'))
		return false;
	*name = s;
	*name_len = (size_t)(lt - s);
	while (*name_len && s[*name_len - 1] == ' ')
		(*name_len)--;
	*addr = lt + 1;
	*addr_len = len - (size_t)(lt + 1 - s) - 1;
	return plain_address(*addr, *addr_len);
}

static bool check_value(const char *option, const char *value, bool address, struct strbuf *why)
{
	const char *name, *addr;
	size_t name_len, addr_len;

	if (has_control(value)) {
		strbuf_addf(why, "%s: a line break or another control character has no place in a "
			    "mail header", option);
		return false;
	}
	if (!utf8_valid(value, strlen(value), NULL)) {
		strbuf_addf(why, "%s: not valid UTF-8", option);
		return false;
	}
	if (address && !split_address(value, &name, &name_len, &addr, &addr_len)) {
		strbuf_addf(why, "%s: ", option);
		utf8_addquoted(why, value);
		strbuf_addstr(why, " is no e-mail address (name@example.dk or \"Name <name@example.dk>\"; "
			      "a domain with æ, ø or å as its xn-- form)");
		return false;
	}
	return true;
}

bool vk_mail_check(const struct vk_mail *m, struct strbuf *why)
{
	if (m->from && !check_value("--from", m->from, true, why))
		return false;
	for (size_t i = 0; m->to && m->to[i]; i++)
		if (!check_value("--to", m->to[i], true, why))
			return false;
	return !m->subject || check_value("--subject", m->subject, false, why);
}

/* ---- encoding ---- */

static bool printable_ascii(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] >= 0x7f)
			return false;
	return true;
}

static void add_base64(struct strbuf *out, const unsigned char *p, size_t len)
{
	static const char b64[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

	for (size_t i = 0; i < len; i += 3) {
		uint32_t v = (uint32_t)p[i] << 16;
		if (i + 1 < len)
			v |= (uint32_t)p[i + 1] << 8;
		if (i + 2 < len)
			v |= p[i + 2];
		strbuf_addch(out, b64[v >> 18 & 63]);
		strbuf_addch(out, b64[v >> 12 & 63]);
		strbuf_addch(out, i + 1 < len ? b64[v >> 6 & 63] : '=');
		strbuf_addch(out, i + 2 < len ? b64[v & 63] : '=');
	}
}

/* The length of the UTF-8 character that starts with byte c. */
static size_t char_len(unsigned char c)
{
	return c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
}

static void add_encoded_words(struct strbuf *out, const char *text, size_t used)
{
	static const char open[] = "=?UTF-8?B?", close[] = "?=";
	const size_t overhead = sizeof open - 1 + sizeof close - 1;
	size_t len = strlen(text), i = 0;

	while (i < len) {
		size_t room = WORD_LINE > used + overhead ? WORD_LINE - used - overhead : 4;
		size_t max = room / 4 * 3, n = 0;

		/* whole characters only: a decoder may not join a split one */
		while (i + n < len && n + char_len((unsigned char)text[i + n]) <= max)
			n += char_len((unsigned char)text[i + n]);
		if (!n)
			n = char_len((unsigned char)text[i]);
		if (i)
			strbuf_addstr(out, "\n ");
		strbuf_addstr(out, open);
		add_base64(out, (const unsigned char *)text + i, n);
		strbuf_addstr(out, close);
		i += n;
		used = 1;
	}
}

/* Printable ASCII, folded at spaces so that lines keep under HEADER_LINE where they can. */
static void add_folded(struct strbuf *out, const char *text, size_t used)
{
	const char *p = text;

	while (*p) {
		const char *sp = strchr(p + 1, ' ');
		size_t word = sp ? (size_t)(sp - p) : strlen(p);

		if (p != text && *p == ' ' && used + word > HEADER_LINE) {
			strbuf_addch(out, '\n');
			used = 0;
		}
		strbuf_add(out, p, word);
		used += word;
		p += word;
	}
}

void vk_mail_add_words(struct strbuf *out, const char *text, size_t used)
{
	size_t len = strlen(text);

	/* "=?" in plain text would read as the start of an encoded word */
	if (printable_ascii(text, len) && !strstr(text, "=?"))
		add_folded(out, text, used);
	else
		add_encoded_words(out, text, used);
}

void vk_mail_add_qp(struct strbuf *out, const char *text, size_t len)
{
	size_t col = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		bool line_end = i + 1 == len || text[i + 1] == '\n';
		bool literal;
		size_t width;

		if (c == '\n') {
			strbuf_addch(out, '\n');
			col = 0;
			continue;
		}
		literal = c >= 33 && c <= 126 && c != '=';
		if ((c == ' ' || c == '\t') && !line_end)
			literal = true;
		/*
		 * A line of one "." ends the message for some sendmails, and a
		 * line that starts "From " is changed by mailbox files.
		 */
		if (col == 0 && ((c == '.' && line_end) || (c == 'F' && !strncmp(text + i, "From ", 5))))
			literal = false;
		width = literal ? 1 : 3;
		/* a soft break ("=") keeps the line at QP_LINE; the last char of a line needs none */
		if (col + width > QP_LINE - (line_end ? 0 : 1)) {
			strbuf_addstr(out, "=\n");
			col = 0;
		}
		if (literal) {
			strbuf_addch(out, (char)c);
		} else {
			strbuf_addch(out, '=');
			strbuf_addch(out, hex[c >> 4]);
			strbuf_addch(out, hex[c & 15]);
		}
		col += width;
	}
	if (col)
		strbuf_addch(out, '\n');
}

/* ---- the message ---- */

static void add_address(struct strbuf *out, const char *s, size_t used)
{
	const char *name, *addr;
	size_t name_len, addr_len;

	split_address(s, &name, &name_len, &addr, &addr_len);
	/* a name the user quoted ("Hansen, Bo" <bo@example.dk>) is taken as its text */
	bool quoted = name_len >= 2 && name[0] == '"' && name[name_len - 1] == '"';

	if (quoted) {
		name++;
		name_len -= 2;
	}
	if (name_len) {
		char *display = vk_malloc(name_len + 1);
		bool quote = false;
		size_t n = 0;

		for (size_t i = 0; i < name_len; i++) {
			if (quoted && name[i] == '\\' && i + 1 < name_len)
				i++;
			display[n++] = name[i];
		}
		display[n] = '\0';
		name_len = n;
		if (printable_ascii(display, name_len) && !strstr(display, "=?")) {
			quote = strpbrk(display, "()<>[]:;@\\,.\"") != NULL;
			if (quote)
				strbuf_addch(out, '"');
			for (size_t i = 0; i < name_len; i++) {
				if (quote && (display[i] == '"' || display[i] == '\\'))
					strbuf_addch(out, '\\');
				strbuf_addch(out, display[i]);
			}
			if (quote)
				strbuf_addch(out, '"');
		} else {
			add_encoded_words(out, display, used);
		}
		free(display);
		strbuf_addstr(out, " <");
		strbuf_add(out, addr, addr_len);
		strbuf_addch(out, '>');
	} else {
		strbuf_add(out, addr, addr_len);
	}
}

/* The length of the last line of out. */
static size_t last_line(const struct strbuf *out)
{
	size_t i = out->len;

	while (i && out->buf[i - 1] != '\n')
		i--;
	return out->len - i;
}

static void add_date(struct strbuf *out, time_t now)
{
	static const char *const days[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct tm tm;
	long off;

	localtime_r(&now, &tm);
	off = tm.tm_gmtoff / 60;
	/* English names whatever the locale: RFC 5322 has no others */
	strbuf_addf(out, "Date: %s, %02d %s %04d %02d:%02d:%02d %c%02ld%02ld\n", days[tm.tm_wday],
		    tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
		    tm.tm_sec, off < 0 ? '-' : '+', labs(off) / 60, labs(off) % 60);
}

static uint32_t random_word(void)
{
	uint32_t v = 0;
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);

	if (fd < 0 || read(fd, &v, sizeof v) != (ssize_t)sizeof v)
		v = (uint32_t)time(NULL) * 2654435761u ^ (uint32_t)getpid();
	if (fd >= 0)
		close(fd);
	return v;
}

static void add_message_id(struct strbuf *out, time_t now, uint32_t r)
{
	char host[256] = "localhost";
	struct tm tm;

	if (gethostname(host, sizeof host - 1) || !host[0])
		strcpy(host, "localhost");
	host[sizeof host - 1] = '\0';
	for (char *p = host; *p; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7f || strchr("<>@\"", *p))
			*p = '-';
	gmtime_r(&now, &tm);
	strbuf_addf(out, "Message-ID: <%04d%02d%02d%02d%02d%02d.%ld.%08x.vk@%s>\n",
		    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
		    (long)getpid(), (unsigned)r, host);
}

static void add_part(struct strbuf *out, const char *boundary, const char *type, const char *body)
{
	strbuf_addf(out, "--%s\nContent-Type: %s; charset=UTF-8\n"
		    "Content-Transfer-Encoding: quoted-printable\n\n", boundary, type);
	vk_mail_add_qp(out, body ? body : "", body ? strlen(body) : 0);
	/* the line end before a boundary is the boundary's: this one keeps the body's last */
	strbuf_addch(out, '\n');
}

int vk_mail_write(FILE *out, const struct vk_mail *m, time_t now)
{
	struct strbuf msg = STRBUF_INIT;
	char boundary[32];
	uint32_t r = random_word();
	int rc = 0;

	/* "=_" cannot occur in quoted-printable text: the boundary is in no part */
	snprintf(boundary, sizeof boundary, "=_vk_%08x", (unsigned)r);
	if (m->from) {
		strbuf_addstr(&msg, "From: ");
		add_address(&msg, m->from, last_line(&msg));
		strbuf_addch(&msg, '\n');
	}
	if (m->to && m->to[0]) {
		struct strbuf one = STRBUF_INIT;

		strbuf_addstr(&msg, "To:");
		for (size_t i = 0; m->to[i]; i++) {
			/* an address that would not fit the line goes on a line of its own */
			strbuf_reset(&one);
			add_address(&one, m->to[i], 1);
			if (i)
				strbuf_addch(&msg, ',');
			if (i && last_line(&msg) + 1 + one.len > HEADER_LINE)
				strbuf_addch(&msg, '\n');
			strbuf_addch(&msg, ' ');
			strbuf_add(&msg, one.buf, one.len);
		}
		strbuf_addch(&msg, '\n');
		strbuf_release(&one);
	}
	strbuf_addstr(&msg, "Subject: ");
	vk_mail_add_words(&msg, m->subject ? m->subject : "", last_line(&msg));
	strbuf_addch(&msg, '\n');
	add_date(&msg, now);
	add_message_id(&msg, now, r);
	strbuf_addf(&msg, "MIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=\"%s\"\n\n"
		    "This is a message in MIME format: the same text as plain text and as HTML.\n\n",
		    boundary);
	add_part(&msg, boundary, "text/plain", m->text);
	add_part(&msg, boundary, "text/html", m->html);
	strbuf_addf(&msg, "--%s--\n", boundary);
	if (fwrite(msg.buf, 1, msg.len, out) != msg.len)
		rc = -1;
	strbuf_release(&msg);
	return rc;
}

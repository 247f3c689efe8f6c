/*
 * fuzz_ical.c: the iCalendar writer (lib/ical.h) with arbitrary text.
 *
 * The input is cut at NUL bytes into the fields of one milestone, in this
 * order: title, place, notes, deliverables, kind, status, start, due,
 * done, baseline, the calendar's name, the organizer. A field that is
 * empty or that the input does not reach is absent (null), as in the
 * store, except due, which is then 2020-06-26 (a milestone without one
 * is not written). The calendar is written and
 * checked:
 *
 * - every line ends with CRLF, and there is no CR or LF elsewhere;
 * - no physical line is longer than 75 octets;
 * - no content line holds a control character (TAB aside);
 * - when every field is valid UTF-8, so is each physical line (no fold
 *   splits a character), and so the unfolded text;
 * - unfolded, SUMMARY is the escaped title, DTSTART and DTEND are dates
 *   of 8 digits, DTEND after DTSTART (when start and due are dates and
 *   start is not after due).
 *
 * The whole input also goes through vk_ical_fold() alone (CR and LF made
 * spaces): the lines must unfold to it exactly.
 */
#include <stdbool.h>
#include "fuzz.h"
#include "date.h"
#include "ical.h"
#include "strbuf.h"
#include "utf8.h"

enum { F_TITLE, F_PLACE, F_NOTES, F_DELIVERABLES, F_KIND, F_STATUS, F_START, F_DUE,
       F_DONE, F_BASELINE, F_NAME, F_ORGANIZER, NFIELDS };

static const char *const keys[NFIELDS] = {
	"title", "place", "notes", "deliverables", "kind", "status", "start", "due",
	"done", "baseline", NULL, NULL
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup(0);
	setenv("VK_TODAY", "2020-06-26", 1);
	setenv("USER", "fuzz", 1);
	return 0;
}

/*
 * Checks the line structure of text[0..len): CRLF line ends, no bare CR
 * or LF, physical lines of at most 75 octets, each valid UTF-8 when utf8.
 * Returns the unfolded text (free() it).
 */
static char *check_lines(const char *text, size_t len, bool utf8, size_t *outlen)
{
	struct strbuf unfolded = STRBUF_INIT;
	size_t start = 0, i;

	if (len < 2 || text[len - 2] != '\r' || text[len - 1] != '\n')
		fuzz_fail("the output does not end with CRLF");
	for (i = 0; i < len; i++) {
		size_t n;
		const char *line;

		if (text[i] == '\r' && (i + 1 >= len || text[i + 1] != '\n'))
			fuzz_fail("a CR without LF at octet %zu", i);
		if (text[i] != '\n')
			continue;
		if (i == 0 || text[i - 1] != '\r')
			fuzz_fail("an LF without CR at octet %zu", i);
		line = text + start;
		n = i - 1 - start;
		if (n > 75)
			fuzz_fail("a line of %zu octets: %.*s", n, (int)n, line);
		if (start > 0 && line[0] == ' ') {	/* a continuation */
			line++;
			n--;
		} else if (start > 0) {
			strbuf_addch(&unfolded, '\n');
		}
		if (utf8 && !utf8_valid(line, n, NULL))
			fuzz_fail("a fold splits a UTF-8 character: %.*s", (int)n, line);
		strbuf_add(&unfolded, line, n);
		start = i + 1;
	}
	if (utf8 && !utf8_valid(unfolded.buf, unfolded.len, NULL))
		fuzz_fail("the unfolded text is not valid UTF-8");
	*outlen = unfolded.len;
	return strbuf_detach(&unfolded, NULL);
}

/* The value of content line NAME (up to ':'), or NULL; lines are LF-separated. */
static const char *find_line(const char *text, const char *name, size_t *len)
{
	size_t n = strlen(name);
	const char *p = text;

	while (p && *p) {
		const char *nl = strchr(p, '\n');

		if (!strncmp(p, name, n) && p[n] == ':') {
			*len = (nl ? (size_t)(nl - p) : strlen(p)) - n - 1;
			return p + n + 1;
		}
		p = nl ? nl + 1 : NULL;
	}
	return NULL;
}

static bool is_date8(const char *s, size_t len)
{
	if (len != 8)
		return false;
	for (size_t i = 0; i < 8; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static void fold_alone(const uint8_t *data, size_t size)
{
	char *s = fuzz_strndup(data, size);
	struct strbuf out = STRBUF_INIT;
	size_t ulen, i;
	char *unfolded;

	for (i = 0; i < size; i++)
		if (s[i] == '\r' || s[i] == '\n')
			s[i] = ' ';
	vk_ical_fold(&out, s, size);
	unfolded = check_lines(out.buf, out.len, utf8_valid(s, size, NULL), &ulen);
	if (ulen != size || memcmp(unfolded, s, size))
		fuzz_fail("vk_ical_fold() lost or changed octets");
	free(unfolded);
	strbuf_release(&out);
	free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *field[NFIELDS] = { NULL };
	size_t flen[NFIELDS] = { 0 };
	size_t nf = 0, at = 0, len, ulen;
	bool utf8 = true;
	json_t *m = json_object();
	struct vk_ical_options o = { "fuzz", NULL };
	struct vk_ical *cal;
	char *text = NULL, *unfolded;
	FILE *fp;

	if (!m)
		abort();
	fold_alone(data, size);

	/* cut at NUL bytes */
	while (nf < NFIELDS) {
		const uint8_t *nul = memchr(data + at, 0, size - at);
		size_t n = nul ? (size_t)(nul - (data + at)) : size - at;

		field[nf] = (const char *)data + at;
		flen[nf] = n;
		nf++;
		if (!nul)
			break;
		at += n + 1;
	}
	if (json_object_set_new(m, "id", json_integer(7)))
		abort();
	for (size_t i = 0; i < NFIELDS; i++) {
		if (field[i] && !utf8_valid(field[i], flen[i], NULL))
			utf8 = false;
		if (keys[i] && json_object_set_new(m, keys[i], field[i] && flen[i] ?
						   json_stringn_nocheck(field[i], flen[i]) :
						   json_null()))
			abort();
	}
	if (!flen[F_DUE] && json_object_set_new(m, "due", json_string("2020-06-26")))
		abort();
	/* the options are C strings: they end at the field's end */
	char *name = field[F_NAME] ? fuzz_strndup(data + (field[F_NAME] - (const char *)data),
						  flen[F_NAME]) : NULL;
	char *org = field[F_ORGANIZER] ?
		fuzz_strndup(data + (field[F_ORGANIZER] - (const char *)data),
			     flen[F_ORGANIZER]) : NULL;
	if (name)
		o.name = name;
	o.organizer = org;

	fp = open_memstream(&text, &len);
	if (!fp)
		abort();
	cal = vk_ical_open(fp, &o, "0123456789abcdef");
	if (vk_ical_milestone(cal, m, (long)(size % 1000)) < 0)
		fuzz_fail("vk_ical_milestone failed");
	if (vk_ical_close(cal) < 0)
		fuzz_fail("vk_ical_close failed");
	if (fclose(fp))
		abort();

	unfolded = check_lines(text, len, utf8, &ulen);
	for (size_t i = 0; i < ulen; i++) {
		unsigned char c = (unsigned char)unfolded[i];

		if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F)
			fuzz_fail("control character %#x in a content line", c);
	}
	{
		struct strbuf want = STRBUF_INIT;
		const char *v;
		size_t vlen;
		const char *title = json_string_value(json_object_get(m, "title"));

		vk_ical_escape(&want, title ? title : "");
		v = find_line(unfolded, "SUMMARY", &vlen);
		if (!v || vlen != want.len || memcmp(v, want.buf, vlen))
			fuzz_fail("SUMMARY is not the escaped title");
		strbuf_release(&want);
	}
	{
		const char *due = json_string_value(json_object_get(m, "due"));
		const char *start = json_string_value(json_object_get(m, "start"));
		vk_date d, s;
		const char *v1, *v2;
		size_t l1 = 0, l2 = 0;

		if (due && !vk_date_parse(due, VK_DATE_START, &d, NULL) &&
		    (!start || !vk_date_parse(start, VK_DATE_START, &s, NULL)) &&
		    (!start || s <= d)) {
			v1 = find_line(unfolded, "DTSTART;VALUE=DATE", &l1);
			v2 = find_line(unfolded, "DTEND;VALUE=DATE", &l2);
			if (!v1 || !is_date8(v1, l1))
				fuzz_fail("DTSTART is no date: %.*s", (int)l1, v1 ? v1 : "");
			if (v2 && !is_date8(v2, l2))
				fuzz_fail("DTEND is no date: %.*s", (int)l2, v2);
			if (v2 && memcmp(v1, v2, 8) >= 0)
				fuzz_fail("DTEND %.8s is not after DTSTART %.8s", v2, v1);
		}
	}
	free(unfolded);
	free(text);
	free(name);
	free(org);
	json_decref(m);
	return 0;
}

/*
 * fuzz_date.c: vk_date_parse() (lib/date.h) as a start and as an end,
 * and vk_timestamp_valid(), on arbitrary text. VK_TODAY is fixed once.
 *
 * Checked: a date parsed lies in 0001-01-01..9999-12-31; a text is a
 * start and an end alike (but a week at the end of 9999); the end of a
 * text is never before its start, nor 31 days after it; a failure says why in err; a date
 * written as YYYY-MM-DD parses back to itself; a date's ISO week holds
 * it; a timestamp found valid has a valid date.
 */
#include "fuzz.h"
#include "date.h"
#include "strbuf.h"

#define DATE_MIN (-719162L)	/* 0001-01-01 */
#define DATE_MAX 2932896L	/* 9999-12-31 */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup(0);
	setenv("VK_TODAY", "2020-06-26", 1);
	return 0;
}

static void check_date(vk_date d, const char *s)
{
	char buf[11];
	vk_date again = 0;
	struct strbuf err = STRBUF_INIT;
	int y, m, day, iso_year, week;
	vk_date monday;

	if (d < DATE_MIN || d > DATE_MAX)
		fuzz_fail("\"%s\" parsed to day %ld, outside 0001..9999", s, d);
	vk_date_format(d, buf);
	if (vk_date_parse(buf, VK_DATE_START, &again, &err) || again != d)
		fuzz_fail("day %ld written as %s reads back as %ld (%s)", d, buf, again, err.buf);
	if (vk_date_parse(buf, VK_DATE_END, &again, NULL) || again != d)
		fuzz_fail("day %ld written as %s reads back as end %ld", d, buf, again);
	strbuf_release(&err);

	vk_date_to_ymd(d, &y, &m, &day);
	if (!vk_date_from_ymd(y, m, day, &again) || again != d)
		fuzz_fail("day %ld is %d-%d-%d, which gives %ld", d, y, m, day, again);
	vk_date_isoweek(d, &iso_year, &week);
	if (week < 1 || week > vk_date_weeks_in_year(iso_year))
		fuzz_fail("day %ld in week %d of %d", d, week, iso_year);
	if (!vk_date_from_isoweek(iso_year, week, &monday) || d < monday || d > monday + 6 ||
	    vk_date_weekday(monday) != 1)
		fuzz_fail("day %ld is not in its week %d-W%02d", d, iso_year, week);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_strndup(data, size);
	struct strbuf err = STRBUF_INIT;
	vk_date start = 0, end = 0;
	int rs, re;

	rs = vk_date_parse(s, VK_DATE_START, &start, &err);
	if (rs == 0) {
		if (err.len)
			fuzz_fail("a date parsed with an error \"%s\"", err.buf);
		check_date(start, s);
	} else if (rs != -1 || !err.len) {
		fuzz_fail("a failure (%d) without a message", rs);
	}
	strbuf_reset(&err);
	re = vk_date_parse(s, VK_DATE_END, &end, &err);
	/* a week or month that crosses 9999-12-31 is a start but no end */
	if (re != rs && !(re && strstr(err.buf, "it is after 9999-12-31")))
		fuzz_fail("\"%s\" parses as a start (%d) but not as an end (%d): %s", s, rs, re,
			  err.buf);
	if (re == 0) {
		check_date(end, s);
		if (end < start)
			fuzz_fail("\"%s\" ends (%ld) before it starts (%ld)", s, end, start);
		if (end - start > 30)
			fuzz_fail("\"%s\" spans %ld days", s, end - start + 1);
	}
	/* without a message buffer */
	if (vk_date_parse(s, VK_DATE_START, &start, NULL) != rs)
		fuzz_fail("the result depends on err");
	strbuf_release(&err);

	if (vk_timestamp_valid(s)) {
		vk_date d;
		char ymd[11];

		if (strlen(s) != 20)
			fuzz_fail("timestamp \"%s\" is not 20 bytes", s);
		memcpy(ymd, s, 10);
		ymd[10] = '\0';
		if (vk_date_parse(ymd, VK_DATE_START, &d, NULL))
			fuzz_fail("timestamp \"%s\" has no valid date", s);
	}
	free(s);
	return 0;
}

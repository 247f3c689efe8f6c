/* render.c: what the documents of the reports share (report-internal.h) */
#include <math.h>
#include "report-internal.h"

json_int_t report_num(json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

void report_human_day(const char *iso, struct strbuf *out)
{
	vk_date d;

	if (!iso || vk_date_parse(iso, VK_DATE_START, &d, NULL))
		strbuf_addstr(out, iso ? iso : "");
	else
		vk_date_add_human(out, d);
}

void report_record_table(struct vk_doc *d, json_t *records, const char *const *fields, size_t n,
			 const char *const *headers, const char *empty)
{
	json_t *rows = json_array();
	size_t i;
	json_t *r;

	json_array_foreach(records, i, r) {
		json_t *row = json_array();
		for (size_t k = 0; k < n; k++) {
			json_t *v = json_object_get(r, fields[k]);
			json_array_append(row, v ? v : json_null());
		}
		json_array_append_new(rows, row);
	}
	vk_doc_table(d, headers ? headers : fields, n, rows, empty);
	json_decref(rows);
}

void report_reach_table(struct vk_doc *d, json_t *reached, json_t *total, const char *empty)
{
	static const char *const cols[] = { "group", "town", "named", "headcount", "total" };
	json_t *rows = json_array();
	size_t i;
	json_t *x;

	json_array_foreach(reached, i, x)
		json_array_append_new(rows, json_pack("[O,O,I,I,I]", json_object_get(x, "group"),
			json_object_get(x, "town"), report_num(x, "named"), report_num(x, "headcount"),
			report_num(x, "total")));
	if (json_array_size(rows))
		json_array_append_new(rows, json_pack("[s,s,I,I,I]", "all", "", report_num(total, "named"),
			report_num(total, "headcount"), report_num(total, "total")));
	vk_doc_table(d, cols, 5, rows, empty);
	json_decref(rows);
}

void report_status_chart(struct vk_doc *d, json_t *by)
{
	json_t *bars = json_array();

	for (size_t i = 0; i < vk_vocab_trial_status.count; i++)
		json_array_append_new(bars, json_pack("[sI]", vk_vocab_trial_status.values[i],
						      report_num(by, vk_vocab_trial_status.values[i])));
	vk_doc_chart(d, "bars", "Trials by status", bars);
	json_decref(bars);
}

void report_decimal(struct strbuf *sb, double v, int decimals, bool trim)
{
	static const long long scale[] = { 1, 10, 100, 1000 };
	long long f, whole, frac;
	bool neg;

	if (decimals < 0)
		decimals = 0;
	if (decimals > 3)
		decimals = 3;
	if (!(v > -1e15 && v < 1e15)) {	/* NaN, or too large to be a figure of a report */
		strbuf_addstr(sb, "?");
		return;
	}
	f = llround(v * (double)scale[decimals]);
	neg = f < 0;
	if (neg)
		f = -f;
	whole = f / scale[decimals];
	frac = f % scale[decimals];
	strbuf_addf(sb, "%s%lld", neg ? "-" : "", whole);
	if (!decimals || (trim && !frac))
		return;
	int shown = decimals;
	while (trim && frac % 10 == 0) {
		frac /= 10;
		shown--;
	}
	strbuf_addf(sb, ".%0*lld", shown, frac);
}

/*
 * value.c: converting values from any source (a CSV cell, an option, a
 * JSON value) into a record's checked, canonical values, for the field
 * types of schema.h. It knows no record type: a field's own rule of its
 * text (an e-mail address) is the field's check_text.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "error.h"
#include "number.h"
#include "schema.h"
#include "text.h"
#include "utf8.h"
#include "writer.h"

/* How many unknown names one problem quotes before it counts the rest. */
#define UNKNOWN_SHOWN 5

void vk_problems_add_unknown(struct vk_problems *p, const struct vk_entity *e,
			     const char *const *names, size_t n, const char *what)
{
	struct strbuf fields = STRBUF_INIT, sb = STRBUF_INIT;

	if (!n)
		return;
	for (size_t i = 0; i < e->nfields; i++)
		strbuf_addf(&fields, "%s%s", i ? ", " : "", e->fields[i].name);
	if (n == 1) {
		vk_problems_add(p, names[0], "no such field in a %s (--ignore-unknown skips it); "
				"the fields: %s", e->name, fields.buf);
		strbuf_release(&fields);
		return;
	}
	for (size_t i = 0; i < n && i < UNKNOWN_SHOWN; i++) {
		if (i)
			strbuf_addstr(&sb, i + 1 == n ? " and " : ", ");
		utf8_addquoted(&sb, names[i]);
	}
	if (n > UNKNOWN_SHOWN)
		strbuf_addf(&sb, " and %zu more", n - UNKNOWN_SHOWN);
	/* one problem for the header (or the record), however many names are wrong */
	vk_problems_add(p, NULL, "%zu %s are no field of a %s: %s (--ignore-unknown skips "
			"them); the fields: %s", n, what, e->name, sb.buf, fields.buf);
	strbuf_release(&sb);
	strbuf_release(&fields);
}

/* ---- converting values ---- */

static const char *type_word(const struct vk_field *f)
{
	switch (f->type) {
	case VK_FIELD_ID: case VK_FIELD_REF: return "an id (a whole number)";
	case VK_FIELD_INT: return "a whole number";
	case VK_FIELD_NUMBER: return "a number";
	case VK_FIELD_ENUM_LIST: case VK_FIELD_TEXT_LIST: return "a list of strings";
	case VK_FIELD_REF_LIST: return "a list of ids";
	case VK_FIELD_COUNTS: return "an object of counts by group";
	default: return "a string";
	}
}

/* Parses a whole decimal integer with optional sign; no spaces. */
static bool parse_long(const char *s, long long *out)
{
	char *end;

	if (!*s || isspace((unsigned char)*s))
		return false;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || *end)
		return false;
	*out = v;
	return true;
}

#define ID_WORDS "an id (a whole number)"

/* Adds the problem that text s is not `what` (a whole number, an id). */
static void not_a_number(const struct vk_field *f, const char *s, const char *what,
			 struct vk_problems *pr)
{
	struct strbuf sb = STRBUF_INIT;

	utf8_addquoted(&sb, s);
	vk_problems_add(pr, f->name, "%s is not %s", sb.buf, what);
	strbuf_release(&sb);
}

/* d in the fewest digits that read back as d (60.5, 1e+300), as a message shows it. */
static void real_text(double d, char buf[32])
{
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(buf, 32, "%.*g", prec, d);
		if (strtod(buf, NULL) == d)
			return;
	}
}

/*
 * A JSON real that is a whole number (60.0, 1e1, as Python, jq and
 * Miller may write one) as *out; false when it has a fraction or is too
 * large for any field (the caller's range check says the rest).
 */
static bool whole_real(json_t *v, long long *out)
{
	double d = json_real_value(v);

	/* (below 2^63: the cast is exact; ids and counts end far below) */
	if (d != trunc(d) || fabs(d) >= 9.2e18)
		return false;
	*out = (long long)d;
	return true;
}

/*
 * Reads a whole number from v: a JSON integer, or a real without a
 * fraction (text is read by number_from_text()). Adds a problem and
 * returns false when it is not one.
 */
static bool whole_number(const struct vk_field *f, json_t *v, long long *out,
			 struct vk_problems *pr)
{
	char buf[32];

	if (json_is_integer(v)) {
		*out = json_integer_value(v);
		return true;
	}
	if (json_is_real(v)) {
		double d = json_real_value(v);

		if (whole_real(v, out))
			return true;
		real_text(d, buf);
		if (d != trunc(d))
			vk_problems_add(pr, f->name, "%s is not %s", buf, type_word(f));
		else if (f->type == VK_FIELD_INT)
			vk_problems_add(pr, f->name, "%s is out of range (%ld-%ld)", buf, f->min, f->max);
		else
			vk_problems_add(pr, f->name, "%s is not an id (ids are 1 to %lld)", buf, 1LL << 53);
		return false;
	}
	vk_problems_add(pr, f->name, "must be %s", type_word(f));
	return false;
}

/* Makes id a JSON integer if it is one (ids are 1 to 2^53), else adds a problem. */
static json_t *id_value(const struct vk_field *f, long long id, struct vk_problems *pr)
{
	/* 2^53: the largest whole number every JSON reader keeps exactly */
	if (id < 1 || id > (1LL << 53)) {
		vk_problems_add(pr, f->name, "%lld is not an id (ids are 1 to %lld)", id, 1LL << 53);
		return NULL;
	}
	return json_integer(id);
}

/* Makes n a JSON integer if f's range holds it, else adds a problem. */
static json_t *int_value(const struct vk_field *f, long long n, struct vk_problems *pr)
{
	if (n < f->min || n > f->max) {
		vk_problems_add(pr, f->name, "%lld is out of range (%ld-%ld)", n, f->min, f->max);
		return NULL;
	}
	return json_integer(n);
}

/*
 * A decimal number's canonical value: a JSON integer when whole (as 42
 * is written, whatever it came as: 42.0, "42,0"), else a JSON real; a
 * problem when it is too large.
 */
static json_t *decimal_value(const struct vk_field *f, double d, struct vk_problems *pr)
{
	char buf[VK_NUMBER_SIZE];

	if (!(fabs(d) < VK_NUMBER_MAX)) {
		vk_problems_add(pr, f->name, "%s is out of range (a number below 10^15 in size)",
				vk_number_format(d, buf));
		return NULL;
	}
	if (d == trunc(d))
		return json_integer((json_int_t)d);
	return json_real(d);
}

/* The decimal number written as text s (42.5, 42,5, -3, 1e3). */
static json_t *decimal_from_text(const struct vk_field *f, const char *s, size_t len,
				 struct vk_problems *pr)
{
	double d;

	if (!vk_number_parse(s, len, &d)) {
		not_a_number(f, s, "a number (such as 42, 42.5 or 42,5)", pr);
		return NULL;
	}
	return decimal_value(f, d, pr);
}

/* A decimal number given as a JSON number. */
static json_t *convert_decimal(const struct vk_field *f, json_t *v, struct vk_problems *pr)
{
	if (json_is_integer(v)) {
		json_int_t n = json_integer_value(v);
		if (n <= -(json_int_t)VK_NUMBER_MAX || n >= (json_int_t)VK_NUMBER_MAX) {
			vk_problems_add(pr, f->name, "%" JSON_INTEGER_FORMAT " is out of range (a "
					"number below 10^15 in size)", n);
			return NULL;
		}
		return json_integer(n);
	}
	if (json_is_real(v))
		return decimal_value(f, json_real_value(v), pr);
	vk_problems_add(pr, f->name, "must be %s", type_word(f));
	return NULL;
}

static json_t *convert_id(const struct vk_field *f, json_t *v, struct vk_problems *pr)
{
	long long id;

	if (!whole_number(f, v, &id, pr))
		return NULL;
	return id_value(f, id, pr);
}

static json_t *convert_int(const struct vk_field *f, json_t *v, struct vk_problems *pr)
{
	long long n;

	if (!whole_number(f, v, &n, pr))
		return NULL;
	return int_value(f, n, pr);
}

/* The id or whole number written as text s (an id when f is ID, REF or REF_LIST). */
static json_t *number_from_text(const struct vk_field *f, const char *s, struct vk_problems *pr)
{
	bool id = f->type != VK_FIELD_INT;
	long long n;

	if (!parse_long(s, &n)) {
		not_a_number(f, s, id ? ID_WORDS : "a whole number", pr);
		return NULL;
	}
	return id ? id_value(f, n, pr) : int_value(f, n, pr);
}

/* A new JSON string of text s[0..len) (valid UTF-8) as stored: in NFC. */
static json_t *text_value(const char *s, size_t len)
{
	struct strbuf nfc = STRBUF_INIT;
	json_t *v;

	if (vk_text_nfc(s, len, &nfc))
		v = json_stringn_nocheck(nfc.buf, nfc.len);
	else
		v = json_stringn_nocheck(s, len);
	strbuf_release(&nfc);
	return v;
}

static json_t *convert_scalar_text(const struct vk_field *f, const char *s,
				   struct vk_problems *pr)
{
	struct strbuf err = STRBUF_INIT;
	json_t *out = NULL;

	switch (f->type) {
	case VK_FIELD_TEXT:
	case VK_FIELD_TEXT_LIST:
		out = utf8_valid(s, strlen(s), NULL) ? text_value(s, strlen(s)) : NULL;
		if (!out)
			strbuf_addstr(&err, "invalid UTF-8");
		break;
	case VK_FIELD_ENUM:
	case VK_FIELD_ENUM_LIST:
	case VK_FIELD_COUNTS: {
		const char *canon = vk_vocab_lookup(f->vocab, s, &err);
		if (canon)
			out = json_string_nocheck(canon);	/* the vocabulary's own UTF-8 */
		break;
	}
	case VK_FIELD_DATE: {
		vk_date d;
		char buf[VK_DATE_SIZE];
		if (!vk_date_parse(s, f->side, &d, &err))
			out = json_string(vk_date_format(d, buf));
		break;
	}
	case VK_FIELD_TIME: {
		int minutes;
		char buf[VK_TIME_SIZE];
		if (!vk_time_parse(s, &minutes, &err))
			out = json_string(vk_time_format(minutes, buf));
		break;
	}
	case VK_FIELD_TIMESTAMP:
		if (vk_timestamp_valid(s))
			out = json_string(s);
		else {
			utf8_addquoted(&err, s);
			strbuf_addstr(&err, " is not a UTC timestamp (YYYY-MM-DDTHH:MM:SSZ)");
		}
		break;
	default:
		break;
	}
	if (!out)
		vk_problems_add(pr, f->name, "%s", err.buf);
	strbuf_release(&err);
	return out;
}

/* A text field's own rules for s (len bytes, valid UTF-8) beyond being a string. */
static bool text_ok(const struct vk_field *f, const char *s, size_t len, struct vk_problems *pr)
{
	if ((f->flags & VK_REQUIRED) && len == 0) {
		vk_problems_add(pr, f->name, "must not be empty");
		return false;
	}
	if ((f->flags & VK_REQUIRED) && vk_text_blank(s, len)) {
		vk_problems_add(pr, f->name, "must not be only spaces");
		return false;
	}
	return !len || !f->check_text || f->check_text(f, s, len, pr);
}

/* Adds one list item given as text to list (deduplicated, order kept). */
static bool add_list_item(const struct vk_field *f, json_t *list, const char *item,
			  struct vk_problems *pr)
{
	json_t *v;

	if (f->type == VK_FIELD_REF_LIST) {
		v = number_from_text(f, item, pr);
	} else if (f->type == VK_FIELD_TEXT_LIST) {
		if (!*item) {
			vk_problems_add(pr, f->name, "an empty item");
			return false;
		}
		if (strchr(item, ';')) {
			struct strbuf sb = STRBUF_INIT;
			utf8_addquoted(&sb, item);
			vk_problems_add(pr, f->name, "%s: an item must not contain ';' (it separates items in CSV)", sb.buf);
			strbuf_release(&sb);
			return false;
		}
		if (!text_ok(f, item, strlen(item), pr))
			return false;
		v = text_value(item, strlen(item));	/* a part of valid UTF-8, cut at ';' */
	} else {
		v = convert_scalar_text(f, item, pr);
	}
	if (!v)
		return false;
	size_t i;
	json_t *have;
	json_array_foreach(list, i, have)
		if (json_equal(have, v)) {
			json_decref(v);
			return true;
		}
	json_array_append_new(list, v);
	return true;
}

/* Splits text at seps and adds each item (trimmed of spaces) to list. */
static bool add_list_text(const struct vk_field *f, json_t *list, const char *text,
			  const char *seps, struct vk_problems *pr)
{
	bool ok = true;
	const char *p = text;

	if (!*text)
		return true;
	for (;;) {
		size_t n = strcspn(p, seps);
		const char *b = p, *e = p + n;
		while (b < e && *b == ' ')
			b++;
		while (e > b && e[-1] == ' ')
			e--;
		/* most items are a word or two: no malloc for them */
		char small[128];
		size_t len = (size_t)(e - b);
		char *item = len < sizeof(small) ? small : vk_malloc(len + 1);
		memcpy(item, b, len);
		item[len] = '\0';
		ok = add_list_item(f, list, item, pr) && ok;
		if (item != small)
			free(item);
		if (!p[n])
			break;
		p += n + 1;
	}
	return ok;
}

/*
 * Where a list given as one text splits: at ';', as a CSV cell does; ids
 * also at ',' (no id holds one: a spreadsheet's "3,7"), and from options
 * vocabulary values too (--role owner,lead).
 */
static const char *list_seps(const struct vk_field *f, enum vk_value_source src)
{
	if (f->type == VK_FIELD_REF_LIST || (src == VK_FROM_OPTION && f->type == VK_FIELD_ENUM_LIST))
		return ";,";
	return ";";
}

/* The digits of JSON integer v, as text (a Miller cell of digits: a telephone number, a tag). */
static void integer_text(json_t *v, char buf[32])
{
	snprintf(buf, 32, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
}

/* Adds JSON integer item to a list of text (a tag 2020) as its digits. */
static bool add_integer_item(const struct vk_field *f, json_t *list, json_t *item,
			     struct vk_problems *pr)
{
	char buf[32];

	integer_text(item, buf);
	return add_list_item(f, list, buf, pr);
}

static json_t *convert_list(const struct vk_field *f, json_t *v, enum vk_value_source src,
			    struct vk_problems *pr)
{
	json_t *list = json_array();
	bool ok = true;
	const char *seps = list_seps(f, src);

	/* a list given as one text: vk_field_convert_text() */
	if (json_is_array(v)) {
		size_t i;
		json_t *item;
		json_array_foreach(v, i, item) {
			size_t bad;
			if (json_is_string(item) &&
			    !utf8_valid(json_string_value(item), json_string_length(item), &bad)) {
				vk_problems_add(pr, f->name, "invalid UTF-8 at byte %zu", bad);
				ok = false;
				break;
			}
			if (src != VK_FROM_JSON && json_is_string(item)) {
				ok = add_list_text(f, list, json_string_value(item), seps, pr) && ok;
			} else if (f->type == VK_FIELD_REF_LIST && json_is_number(item)) {
				/* 3, or 3.0 as another tool may write it */
				json_t *id = convert_id(f, item, pr);
				if (id)
					json_array_append_new(list, id);
				else
					ok = false;
			} else if (json_is_string(item)) {
				/* an id also as "3", as a whole number may come from other tools */
				ok = add_list_item(f, list, json_string_value(item), pr) && ok;
			} else if (f->type == VK_FIELD_TEXT_LIST && json_is_integer(item)) {
				ok = add_integer_item(f, list, item, pr) && ok;
			} else {
				vk_problems_add(pr, f->name, "must be %s", type_word(f));
				ok = false;
				break;
			}
		}
	} else {
		vk_problems_add(pr, f->name, "must be %s", type_word(f));
		ok = false;
	}
	if (!ok) {
		json_decref(list);
		return NULL;
	}
	return list;
}

/* Adds key=n to counts (the key a vocabulary value; n a count). */
static bool add_count(const struct vk_field *f, json_t *counts, const char *key, json_t *n,
		      struct vk_problems *pr)
{
	struct strbuf err = STRBUF_INIT;
	long long v;
	const char *canon = vk_vocab_lookup(f->vocab, key, &err);

	if (!canon) {
		vk_problems_add(pr, f->name, "%s", err.buf);
		strbuf_release(&err);
		return false;
	}
	/* 17, and as other tools may write it 17.0 or "17" */
	if (json_is_integer(n)) {
		v = json_integer_value(n);
	} else if (!(json_is_real(n) && whole_real(n, &v)) &&
		   !(json_is_string(n) && parse_long(json_string_value(n), &v))) {
		vk_problems_add(pr, f->name, "%s: the count must be a whole number", canon);
		return false;
	}
	if (v < 0 || v > 10000000) {
		vk_problems_add(pr, f->name, "%s: %lld is out of range (0-10000000)", canon, v);
		return false;
	}
	json_t *old = json_object_get(counts, canon);
	json_object_set_new(counts, canon, json_integer(v + (old ? json_integer_value(old) : 0)));
	return true;
}

static bool add_counts_text(const struct vk_field *f, json_t *counts, const char *text,
			    struct vk_problems *pr)
{
	bool ok = true;
	char *copy = vk_strdup(text);
	char *save = NULL;

	for (char *item = strtok_r(copy, ";", &save); item; item = strtok_r(NULL, ";", &save)) {
		while (*item == ' ')
			item++;
		if (!*item)
			continue;
		char *eq = strchr(item, '=');
		if (!eq) {
			struct strbuf sb = STRBUF_INIT;
			utf8_addquoted(&sb, item);
			vk_problems_add(pr, f->name, "%s is not GROUP=N", sb.buf);
			strbuf_release(&sb);
			ok = false;
			continue;
		}
		*eq = '\0';
		char *end = eq - 1;
		while (end >= item && *end == ' ')
			*end-- = '\0';
		char *num = eq + 1;
		while (*num == ' ')
			num++;
		for (end = num + strlen(num); end > num && end[-1] == ' ';)
			*--end = '\0';
		json_t *n = json_string(num);
		ok = add_count(f, counts, item, n, pr) && ok;
		json_decref(n);
	}
	free(copy);
	return ok;
}

static json_t *convert_counts(const struct vk_field *f, json_t *v, enum vk_value_source src,
			      struct vk_problems *pr)
{
	json_t *counts = json_object();
	bool ok = true;

	/* counts given as one text: vk_field_convert_text() */
	if (json_is_array(v) && src != VK_FROM_JSON) {
		size_t i;
		json_t *item;
		json_array_foreach(v, i, item)
			if (json_is_string(item))
				ok = add_counts_text(f, counts, json_string_value(item), pr) && ok;
	} else if (json_is_object(v)) {
		const char *key;
		json_t *n;
		json_object_foreach(v, key, n)
			ok = add_count(f, counts, key, n, pr) && ok;
	} else {
		vk_problems_add(pr, f->name, "must be %s", type_word(f));
		ok = false;
	}
	if (!ok) {
		json_decref(counts);
		return NULL;
	}
	return counts;
}

json_t *vk_field_convert_text(const struct vk_field *f, const char *s, size_t len,
			      enum vk_value_source src, struct vk_problems *pr)
{
	json_t *v;

	if (!len)
		return json_null();
	switch (f->type) {
	case VK_FIELD_ID:
	case VK_FIELD_REF:
	case VK_FIELD_INT:
		return number_from_text(f, s, pr);
	case VK_FIELD_NUMBER:
		return decimal_from_text(f, s, len, pr);
	case VK_FIELD_ENUM_LIST:
	case VK_FIELD_TEXT_LIST:
	case VK_FIELD_REF_LIST:
		v = json_array();
		if (add_list_text(f, v, s, list_seps(f, src), pr))
			return v;
		break;
	case VK_FIELD_COUNTS:
		v = json_object();
		if (add_counts_text(f, v, s, pr))
			return v;
		break;
	case VK_FIELD_TEXT:
		if (!text_ok(f, s, len, pr))
			return NULL;
		return text_value(s, len);
	default:
		return convert_scalar_text(f, s, pr);
	}
	json_decref(v);
	return NULL;
}

/*
 * A JSON string for f. JSON as other tools write it (Miller and Python's
 * csv from a CSV, jq): a string is read as a CSV cell is, so that "" is
 * no value, "60" a number and "a;b" a list; a text is kept as it is.
 *
 * Unless raw, the ' that vk's CSV writes before a cell a spreadsheet
 * would run (+299 ..., - a note, =SUM) is removed, as the CSV reader
 * removes it: Miller keeps it in the JSON it makes of such a CSV. Only
 * before what the guard guards: JSON that vk writes keeps a text such as
 * 'citeret.
 */
static json_t *string_from_json(const struct vk_field *f, json_t *v, bool raw,
				struct vk_problems *pr)
{
	const char *s = json_string_value(v);
	size_t len = json_string_length(v);

	if (!raw && len > 1 && s[0] == '\'' && vk_writer_guards(s[1])) {
		s++;
		len--;
	}
	if (f->type != VK_FIELD_TEXT)
		return vk_field_convert_text(f, s, len, VK_FROM_TEXT, pr);
	if (!len)
		return json_null();
	if (!text_ok(f, s, len, pr))
		return NULL;
	return text_value(s, len);
}

/*
 * A JSON number for a text or a list of texts: an integer is its digits
 * (Miller writes a CSV cell of digits, a telephone number, as a number),
 * which JSON writes one way only; a real may have lost how it was written
 * (3.50 reads as 3.5), so it is refused rather than changed.
 */
static json_t *number_as_text(const struct vk_field *f, json_t *v, struct vk_problems *pr)
{
	char buf[32];

	if (json_is_integer(v)) {
		integer_text(v, buf);
		return vk_field_convert_text(f, buf, strlen(buf), VK_FROM_TEXT, pr);
	}
	real_text(json_real_value(v), buf);
	vk_problems_add(pr, f->name, "%s is a number, not text: give text as a JSON string "
			"(\"%s\"; Miller keeps every value a string with mlr -S)", buf, buf);
	return NULL;
}

json_t *vk_field_convert(const struct vk_field *f, json_t *v, enum vk_value_source src,
			 struct vk_problems *pr)
{
	bool raw = src == VK_FROM_JSON_RAW;

	/* raw or not, JSON is JSON below string_from_json() */
	if (raw)
		src = VK_FROM_JSON;
	if (!v || json_is_null(v))
		return json_null();
	if (json_is_string(v)) {
		size_t bad;
		if (!utf8_valid(json_string_value(v), json_string_length(v), &bad)) {
			vk_problems_add(pr, f->name, "invalid UTF-8 at byte %zu", bad);
			return NULL;
		}
		if (src != VK_FROM_JSON)
			return vk_field_convert_text(f, json_string_value(v), json_string_length(v),
						     src, pr);
		return string_from_json(f, v, raw, pr);
	}
	if (src == VK_FROM_JSON && json_is_number(v)) {
		if (f->type == VK_FIELD_TEXT || f->type == VK_FIELD_TEXT_LIST)
			return number_as_text(f, v, pr);
		if (f->type == VK_FIELD_REF_LIST) {
			/* one id, as Miller writes a CSV cell of one id */
			json_t *id = convert_id(f, v, pr), *list;
			if (!id)
				return NULL;
			list = json_array();
			json_array_append_new(list, id);
			return list;
		}
	}
	switch (f->type) {
	case VK_FIELD_ID:
	case VK_FIELD_REF:
		return convert_id(f, v, pr);
	case VK_FIELD_INT:
		return convert_int(f, v, pr);
	case VK_FIELD_NUMBER:
		return convert_decimal(f, v, pr);
	case VK_FIELD_ENUM_LIST:
	case VK_FIELD_TEXT_LIST:
	case VK_FIELD_REF_LIST:
		return convert_list(f, v, src, pr);
	case VK_FIELD_COUNTS:
		return convert_counts(f, v, src, pr);
	case VK_FIELD_TEXT:
		if (!json_is_string(v)) {
			vk_problems_add(pr, f->name, "must be %s", type_word(f));
			return NULL;
		}
		if (!text_ok(f, json_string_value(v), json_string_length(v), pr))
			return NULL;
		return text_value(json_string_value(v), json_string_length(v));
	default:
		if (!json_is_string(v)) {
			vk_problems_add(pr, f->name, "must be %s", type_word(f));
			return NULL;
		}
		return convert_scalar_text(f, json_string_value(v), pr);
	}
}

json_t *vk_record_convert(const struct vk_entity *e, json_t *in, enum vk_value_source src,
			  bool ignore_unknown, struct vk_problems *pr)
{
	json_t *out = vk_record_convert_own(e, in ? json_copy(in) : json_object(), src,
					    ignore_unknown, pr);

	json_object_del(out, "type");
	return out;
}

json_t *vk_record_convert_own(const struct vk_entity *e, json_t *in, enum vk_value_source src,
			      bool ignore_unknown, struct vk_problems *pr)
{
	char **drop = NULL;
	const char **unknown = NULL;	/* keys of in, valid until the drop */
	size_t ndrop = 0, nunknown = 0;

	for (void *it = json_object_iter(in); it; it = json_object_iter_next(in, it)) {
		const char *key = json_object_iter_key(it);
		const struct vk_field *f = vk_entity_field(e, key);
		json_t *v = json_object_iter_value(it);
		json_t *c = NULL;

		if (f) {
			c = vk_field_convert(f, v, src, pr);
		} else if (!strcmp(key, "type")) {
			if (!json_is_string(v) || strcmp(json_string_value(v), e->name))
				vk_problems_add(pr, "type", "this is not a %s record", e->name);
			continue;
		} else if (!ignore_unknown) {
			unknown = vk_realloc(unknown, (nunknown + 1) * sizeof(*unknown));
			unknown[nunknown++] = key;
		}
		if (c) {
			json_object_iter_set_new(in, it, c);
		} else {
			/* no such field, or a value it cannot take (a problem) */
			drop = vk_realloc(drop, (ndrop + 1) * sizeof(*drop));
			drop[ndrop++] = vk_strdup(key);
		}
	}
	/* a record of a thousand keys that are no field is one problem, not a thousand */
	vk_problems_add_unknown(pr, e, unknown, nunknown, "keys");
	free(unknown);
	for (size_t i = 0; i < ndrop; i++) {
		json_object_del(in, drop[i]);
		free(drop[i]);
	}
	free(drop);
	return in;
}

/* number.c: see number.h */
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "number.h"

/* The locale's decimal point when it is one byte and not '.', else '.'. */
static char locale_point(void)
{
	const char *dp = localeconv()->decimal_point;

	return dp && dp[0] && !dp[1] ? dp[0] : '.';
}

/* strtod() of s (a '.' before any fraction) whatever LC_NUMERIC says. */
static double read_c(char *s)
{
	char point = locale_point();
	char *dot;

	if (point != '.' && (dot = strchr(s, '.')))
		*dot = point;
	return strtod(s, NULL);
}

char *vk_number_format(double d, char buf[VK_NUMBER_SIZE])
{
	char point = locale_point(), back[VK_NUMBER_SIZE];

	if (!isfinite(d)) {
		strcpy(buf, "null");
		return buf;
	}
	if (d == 0)
		d = 0;	/* -0 reads as 0 */
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(buf, VK_NUMBER_SIZE, "%.*g", prec, d);
		if (point != '.') {
			char *p = strchr(buf, point);
			if (p)
				*p = '.';
		}
		memcpy(back, buf, VK_NUMBER_SIZE);
		if (read_c(back) == d)
			break;
	}
	return buf;
}

bool vk_number_parse(const char *s, size_t len, double *out)
{
	char text[64];
	size_t n = 0, digits = 0;
	const char *end;

	while (len && *s == ' ') {
		s++;
		len--;
	}
	while (len && s[len - 1] == ' ')
		len--;
	if (!len || len >= sizeof(text))
		return false;
	end = s + len;
	if (*s == '+' || *s == '-')
		text[n++] = *s++;
	for (; s < end && *s >= '0' && *s <= '9'; s++, digits++)
		text[n++] = *s;
	if (s < end && (*s == '.' || *s == ',')) {
		text[n++] = '.';
		for (s++; s < end && *s >= '0' && *s <= '9'; s++, digits++)
			text[n++] = *s;
	}
	if (!digits)
		return false;
	if (s < end && (*s == 'e' || *s == 'E')) {
		size_t exp = 0;
		text[n++] = *s++;
		if (s < end && (*s == '+' || *s == '-'))
			text[n++] = *s++;
		for (; s < end && *s >= '0' && *s <= '9'; s++, exp++)
			text[n++] = *s;
		if (!exp)
			return false;
	}
	if (s != end)
		return false;
	text[n] = '\0';
	double d = read_c(text);
	if (!isfinite(d))
		return false;
	*out = d;
	return true;
}

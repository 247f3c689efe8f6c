/*
 * number.h: decimal numbers as vk reads and writes them, whatever the
 * locale: read with a '.' or a ',' before the fraction (42.5 or 42,5, as
 * Danes and Norwegians write it), written with a '.' in the fewest digits
 * that read back as the same double (0.1, not 0.10000000000000001), a
 * whole number without a fraction (42, not 42.0).
 */
#ifndef VK_NUMBER_H
#define VK_NUMBER_H

#include <stdbool.h>
#include <stddef.h>

/* The bytes a number's text takes, with its NUL (vk_number_format()). */
#define VK_NUMBER_SIZE 32

/*
 * The largest magnitude a number field holds: below it every whole
 * number is exact, and 15 significant digits always read back.
 */
#define VK_NUMBER_MAX 1e15

/*
 * Writes d into buf in the shortest of %.15g, %.16g and %.17g that reads
 * back as d, with '.' as the decimal point; -0 is "0". Returns buf. Not
 * for NaN or infinities ("null" is written for them).
 */
char *vk_number_format(double d, char buf[VK_NUMBER_SIZE]);

/*
 * Reads s[0..len) as a decimal number: an optional sign, digits with
 * '.' or ',' before a fraction, an optional exponent (1e3); spaces
 * around it are ignored. Returns false for anything else, and for a
 * value that is not finite.
 */
bool vk_number_parse(const char *s, size_t len, double *out);

#endif

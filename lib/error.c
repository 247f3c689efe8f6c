/* error.c: see error.h */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "error.h"

static const char *progname = "vk";
static void (*die_hook)(int code);

void vk_set_progname(const char *argv0)
{
	const char *slash;

	if (!argv0 || !*argv0)
		return;
	slash = strrchr(argv0, '/');
	progname = slash ? slash + 1 : argv0;
}

const char *vk_progname(void)
{
	return progname;
}

void vk_vwarn(const char *fmt, va_list ap)
{
	fflush(stdout);
	fprintf(stderr, "%s: ", progname);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void vk_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vk_vwarn(fmt, ap);
	va_end(ap);
}

void vk_set_die_hook(void (*hook)(int code))
{
	die_hook = hook;
}

void vk_die(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vk_vwarn(fmt, ap);
	va_end(ap);
	if (die_hook)
		die_hook(code);
	exit(code);
}

static _Noreturn void out_of_memory(size_t n)
{
	vk_die(VK_EXIT_IOERR, "out of memory (%zu bytes)", n);
}

void *vk_malloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		out_of_memory(n);
	return p;
}

void *vk_calloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		out_of_memory(n * size);
	return p;
}

void *vk_realloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (!q)
		out_of_memory(n);
	return q;
}

char *vk_strdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(vk_malloc(n), s, n);
}

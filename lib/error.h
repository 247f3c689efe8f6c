/*
 * error.h: the one way vk reports a problem.
 *
 * Every diagnostic goes to stderr as "PROGRAM: message" (err(3) style).
 * vk_die() is for errors that end the program; vk_warn() for the rest.
 * Exit codes are those of SPEC (sysexits(3) numbers).
 */
#ifndef VK_ERROR_H
#define VK_ERROR_H

#include <stdarg.h>

enum vk_exit {
	VK_EXIT_OK = 0,
	VK_EXIT_NOTFOUND = 1,	/* not found, or nothing to do */
	VK_EXIT_USAGE = 2,	/* unknown option, missing argument */
	VK_EXIT_DATAERR = 65,	/* bad input data, or a change the rules refuse */
	VK_EXIT_NOINPUT = 66,	/* missing input file or database */
	VK_EXIT_CANTCREAT = 73,	/* cannot create the output or database */
	VK_EXIT_IOERR = 74,	/* I/O error (a full disk, a broken pipe) */
	VK_EXIT_TEMPFAIL = 75	/* the database stayed locked past the timeout */
};

/* Sets the name every message starts with, from argv[0] (its basename). */
void vk_set_progname(const char *argv0);
const char *vk_progname(void);

/* Prints "PROGRAM: message\n" to stderr. */
void vk_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void vk_vwarn(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* Prints like vk_warn(), then exits with code. */
_Noreturn void vk_die(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Replaces the exit in vk_die() (for unit tests, which must survive a die).
 * The hook must not return (longjmp out of it); NULL restores exit(3).
 */
void vk_set_die_hook(void (*hook)(int code));

/* Allocation that never returns NULL: out of memory is fatal (exit 74). */
void *vk_malloc(size_t n);
void *vk_calloc(size_t n, size_t size);
void *vk_realloc(void *p, size_t n);
char *vk_strdup(const char *s);

#endif

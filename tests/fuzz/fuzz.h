/*
 * fuzz.h: what the libFuzzer harnesses of tests/fuzz share.
 *
 * Each harness defines LLVMFuzzerInitialize() (called once) and
 * LLVMFuzzerTestOneInput() (called for each input). They build with
 * clang -fsanitize=fuzzer for `make fuzz`, and with the build's own
 * compiler and flags into tests/fuzz/replay.c for `make check`, which
 * replays the kept inputs (tests/fuzz/seeds, tests/fuzz/regressions).
 *
 * A harness must not leak and must leave no state behind between inputs.
 * A broken invariant calls fuzz_fail(), which aborts: libFuzzer keeps the
 * input as a crash, the replay counts it as failed.
 */
#ifndef VK_FUZZ_H
#define VK_FUZZ_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "error.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Where the harness reports: the real stderr, even when stderr is quieted. */
static FILE *fuzz_report_to;

static inline FILE *fuzz_out(void)
{
	return fuzz_report_to ? fuzz_report_to : stderr;
}

/* Reports a broken invariant and aborts (libFuzzer keeps the input). */
__attribute__((format(printf, 1, 2), noreturn))
static inline void fuzz_fail(const char *fmt, ...)
{
	va_list ap;

	fprintf(fuzz_out(), "fuzz: invariant broken: ");
	va_start(ap, fmt);
	vfprintf(fuzz_out(), fmt, ap);
	va_end(ap);
	fputc('\n', fuzz_out());
	fflush(fuzz_out());
	abort();
}

/*
 * vk_die() ends the program; a library call that dies on input it was
 * given is a bug the fuzzer must show (with a stack), not an exit.
 */
static inline void fuzz_die_hook(int code)
{
	fprintf(fuzz_out(), "fuzz: vk_die(%d) was called (the message is above, "
		"or run with FUZZ_VERBOSE=1)\n", code);
	fflush(fuzz_out());
	abort();
}

/*
 * Once, at the start: the die hook, a fixed jansson hash seed (so that
 * runs repeat), and with quiet, the library's messages (it prints bad
 * rows on stderr) go to /dev/null unless FUZZ_VERBOSE is set. Only the
 * stdio stream is replaced: libFuzzer and the sanitizers keep fd 2.
 */
static inline void fuzz_setup(int quiet)
{
	json_object_seed(1);
	vk_set_die_hook(fuzz_die_hook);
	if (quiet && !getenv("FUZZ_VERBOSE")) {
		FILE *null = fopen("/dev/null", "w");

		if (null) {
			fuzz_report_to = stderr;
			stderr = null;
		}
	}
}

/*
 * A stream that reads data[0..size). fmemopen() may refuse an empty
 * buffer: /dev/null reads as empty. Close it with fclose().
 */
static inline FILE *fuzz_open(const uint8_t *data, size_t size)
{
	FILE *fp = size ? fmemopen((void *)data, size, "r") : fopen("/dev/null", "r");

	if (!fp)
		fuzz_fail("cannot open a stream on the input");
	return fp;
}

/* data[0..size) as a new NUL-terminated string (NUL bytes stay inside). */
static inline char *fuzz_strndup(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		abort();
	if (size)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

#endif

/*
 * replay.c: runs a fuzz harness on the files named on the command line,
 * without libFuzzer, so that kept inputs are tests for any compiler and
 * any build (tests/fuzz/replay.sh, called by make check). Linked with one
 * harness (tests/fuzz/fuzz_NAME.c). Exits 0 when every file ran; a
 * harness that finds a broken invariant aborts, and a sanitizer ends the
 * program with its report.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz.h"

/* The whole file, in a buffer of exactly its size (a sanitizer sees reads past it). */
static unsigned char *slurp(const char *path, size_t *size)
{
	FILE *fp = fopen(path, "rb");
	unsigned char *data = NULL, chunk[65536];
	size_t len = 0, n;

	if (!fp)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		unsigned char *bigger = realloc(data, len + n);

		if (!bigger) {
			free(data);
			fclose(fp);
			return NULL;
		}
		data = bigger;
		memcpy(data + len, chunk, n);
		len += n;
	}
	if (ferror(fp)) {
		free(data);
		fclose(fp);
		return NULL;
	}
	fclose(fp);
	if (!data)
		data = malloc(1);	/* an empty file: size 0 */
	*size = len;
	return data;
}

int main(int argc, char **argv)
{
	int bad = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE...\n", argv[0]);
		return 2;
	}
	LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++) {
		size_t size = 0;
		unsigned char *data = slurp(argv[i], &size);

		if (!data) {
			fprintf(fuzz_out(), "replay: cannot read %s\n", argv[i]);
			bad = 1;
			continue;
		}
		LLVMFuzzerTestOneInput(data, size);
		free(data);
	}
	return bad;
}

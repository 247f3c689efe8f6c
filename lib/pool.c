/* pool.c: see pool.h */
#include <malloc.h>
#include <pthread.h>
#include <stdlib.h>
#include <jansson.h>
#include "pool.h"

/* AddressSanitizer checks malloc's blocks: under it, jansson keeps malloc */
#if defined(__SANITIZE_ADDRESS__)
#define POOL_OFF 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define POOL_OFF 1
#endif
#endif
#ifndef POOL_OFF
#define POOL_OFF 0
#endif

#define GRAIN 16
#define CLASSES 16		/* kept: blocks of GRAIN to CLASSES * GRAIN bytes */
#define KEPT_MAX 4096		/* blocks kept per class and thread */

/*
 * A block of class c is a malloc'd c * GRAIN bytes: malloc_usable_size()
 * tells its class again when it is freed, so no header is needed and a
 * value's pointer is its block's start (valgrind sees it reachable).
 * While kept, a block's first bytes link it to the next of its class.
 */
struct kept_block {
	struct kept_block *next;
};

static _Thread_local struct kept_block *kept[CLASSES + 1];
static _Thread_local size_t nkept[CLASSES + 1];
static _Thread_local int release_at_exit;
static pthread_key_t exit_key;
static int installed;

/* The blocks this thread kept go back to malloc: at its end, or at exit. */
static void release_kept(void *unused)
{
	(void)unused;
	for (size_t c = 1; c <= CLASSES; c++) {
		while (kept[c]) {
			struct kept_block *b = kept[c];
			kept[c] = b->next;
			free(b);
		}
		nkept[c] = 0;
	}
}

static void release_kept_at_exit(void)
{
	release_kept(NULL);
}

static void *pool_malloc(size_t size)
{
	size_t c = size ? (size + GRAIN - 1) / GRAIN : 1;

	if (c > CLASSES)
		return malloc(size);
	if (kept[c]) {
		struct kept_block *b = kept[c];
		kept[c] = b->next;
		nkept[c]--;
		return b;
	}
	return malloc(c * GRAIN);
}

void vk_pool_free(void *p)
{
	size_t c;

	if (!p)
		return;
	if (!installed) {
		free(p);
		return;
	}
	/* malloc gives at least what was asked: c * GRAIN, plus less than GRAIN */
	c = malloc_usable_size(p) / GRAIN;
	if (c == 0 || c > CLASSES || nkept[c] >= KEPT_MAX) {
		free(p);
		return;
	}
	if (!release_at_exit) {
		release_at_exit = 1;
		pthread_setspecific(exit_key, &release_at_exit);
	}
	struct kept_block *b = p;
	b->next = kept[c];
	kept[c] = b;
	nkept[c]++;
}

void vk_pool_install(void)
{
	/* without the key a thread's kept blocks could not go back: use malloc */
	if (POOL_OFF || installed || pthread_key_create(&exit_key, release_kept) != 0)
		return;
	installed = 1;
	atexit(release_kept_at_exit);
	json_set_alloc_funcs(pool_malloc, vk_pool_free);
}

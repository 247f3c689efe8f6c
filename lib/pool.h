/*
 * pool.h: jansson's values come from here: small blocks, kept for reuse
 * by the thread that frees them. An import makes and frees some sixty
 * values a row on its reading thread, and glibc's malloc spent a third
 * of that thread's instructions on them (its per-thread cache holds seven
 * blocks of a size).
 */
#ifndef VK_POOL_H
#define VK_POOL_H

/*
 * Makes jansson allocate through the pool: call before any JSON value
 * is made (vk_main() does). Under AddressSanitizer it does nothing, so
 * that every block stays checked there.
 */
void vk_pool_install(void);

/* Frees memory jansson allocated (json_dumps()'s text), pool or not. */
void vk_pool_free(void *p);

#endif

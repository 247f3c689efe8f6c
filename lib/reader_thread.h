/*
 * reader_thread.h: a reader (reader.h) that parses on a thread of its
 * own, a few hundred records ahead, so that parsing JSON runs on one core
 * while the caller stores what was parsed on the other (vk-report
 * --input: jansson's parser is half the work of loading a stream).
 *
 * The records, lines and errors come in the order vk_reader_next() gives
 * them, in batches: from a slow pipe, a few records may wait until more
 * come or the input ends (for callers that read to the end before they
 * answer, as import and --input do). Only the reading thread touches the
 * reader until vk_reader_thread_stop(); the caller must not use it
 * meanwhile.
 */
#ifndef VK_READER_THREAD_H
#define VK_READER_THREAD_H

#include <stdbool.h>
#include <jansson.h>
#include "reader.h"

struct vk_reader_thread;

/*
 * Work for the reading thread to do on each record before the caller gets
 * it (an import converts its cells there). prepare is given what
 * vk_reader_next_cells() read: JSON's record, which it owns, or (record
 * NULL) CSV's cells, which it borrows. It returns what the caller is to
 * get; it may set *extra to something of its own making (problems
 * found), which the caller takes with vk_reader_thread_take_extra().
 * free_extra frees an extra nobody took. prepare runs on the other
 * thread: it must touch nothing the caller's thread changes.
 */
struct vk_reader_thread_work {
	json_t *(*prepare)(json_t *record, const struct vk_input_cell *cells, size_t ncells,
			   void **extra, void *data);
	void (*free_extra)(void *extra);
	void *data;
};

/*
 * Starts reading r (borrowed: the caller closes it after the stop). work
 * (copied) may be NULL: the records come as read.
 */
struct vk_reader_thread *vk_reader_thread_start(struct vk_reader *r,
						const struct vk_reader_thread_work *work);

/*
 * As vk_reader_next(): the next record (a new reference for the caller)
 * or error, and its line; VK_READ_END at the end, and again after it.
 */
enum vk_read_result vk_reader_thread_next(struct vk_reader_thread *t, json_t **record,
					  long *line);

/* For what the last vk_reader_thread_next() gave, as reader.h says. */
const char *vk_reader_thread_error(const struct vk_reader_thread *t);
bool vk_reader_thread_can_continue(const struct vk_reader_thread *t);
bool vk_reader_thread_is_text(const struct vk_reader_thread *t);
long vk_reader_thread_element(const struct vk_reader_thread *t);

/*
 * Gives back the caller's reference to a record it was given, to be
 * released on the reading thread, which made it (an import's thread
 * that stores is the busier one). NULL is ignored.
 */
void vk_reader_thread_give_back(struct vk_reader_thread *t, json_t *record);

/* The extra prepare made for the last record given (NULL if none); the caller frees it. */
void *vk_reader_thread_take_extra(struct vk_reader_thread *t);

/*
 * Stops reading, waits for the thread and frees t. Before the end, the
 * thread first finishes the record it is reading: from a pipe that stays
 * open, that waits for the writer. (vk-report stops early only after an
 * error the reader cannot read past, when it reads no more. Cancelling
 * the thread instead trips AddressSanitizer's checks of its stack.)
 */
void vk_reader_thread_stop(struct vk_reader_thread *t);

#endif

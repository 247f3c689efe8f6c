/* reader_thread.c: see reader_thread.h */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "error.h"
#include "reader_thread.h"

/* Records parsed ahead: enough to smooth the two sides, little memory. */
#define AHEAD 256
/* Records wake the caller, and wait to be released, in batches of this. */
#define BATCH 32

struct item {
	enum vk_read_result result;
	json_t *record;
	long line;
	long element;		/* vk_reader_element() */
	char *error;		/* VK_READ_ERROR: the reader's message */
	bool can_continue;
	bool is_text;
	void *extra;		/* made by the work's prepare */
};

struct vk_reader_thread {
	struct vk_reader *reader;
	struct vk_reader_thread_work work;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t not_empty, not_full;
	struct item queue[AHEAD];
	size_t head, count;	/* under lock */
	bool full_wait;		/* under lock: the reading thread waits for room */
	bool empty_wait;	/* under lock: the caller waits for a record */
	json_t *given_back[AHEAD];	/* under lock: for the reading thread to release */
	size_t ngiven_back;
	bool stopping;		/* under lock: the caller wants no more */
	bool alone;		/* no thread could start: read in the caller's */
	struct item current;	/* the caller's: the last item it was given */
	bool ended;		/* the caller's: it was given VK_READ_END */
};

static void release_item(struct vk_reader_thread *t, struct item *it)
{
	json_decref(it->record);
	free(it->error);
	if (it->extra && t->work.free_extra)
		t->work.free_extra(it->extra);
	memset(it, 0, sizeof(*it));
}

static void read_one(struct vk_reader_thread *t, struct item *it)
{
	struct vk_reader *r = t->reader;

	const struct vk_input_cell *cells = NULL;
	size_t ncells = 0;

	memset(it, 0, sizeof(*it));
	if (t->work.prepare)
		it->result = vk_reader_next_cells(r, &it->record, &cells, &ncells, &it->line);
	else
		it->result = vk_reader_next(r, &it->record, &it->line);
	if (it->result == VK_READ_ERROR) {
		it->error = vk_strdup(vk_reader_error(r));
		it->can_continue = vk_reader_can_continue(r);
	}
	it->is_text = vk_reader_is_text(r);
	it->element = vk_reader_element(r);
	if (it->result == VK_READ_RECORD && t->work.prepare)
		it->record = t->work.prepare(it->record, cells, ncells, &it->extra, t->work.data);
}

static void *read_ahead(void *arg)
{
	struct vk_reader_thread *t = arg;
	json_t *release[AHEAD];

	for (;;) {
		struct item it;
		bool stop;
		size_t nrelease = 0;

		read_one(t, &it);
		pthread_mutex_lock(&t->lock);
		while (t->count == AHEAD && !t->stopping) {
			t->full_wait = true;
			pthread_cond_wait(&t->not_full, &t->lock);
		}
		stop = t->stopping;
		if (!stop) {
			t->queue[(t->head + t->count) % AHEAD] = it;
			t->count++;
			/*
			 * Wake a waiting caller for a batch, not for each record (a
			 * wake-up costs more than parsing a record); the callers
			 * read to the end before they answer, so holding a few
			 * records back while the input is slow delays nothing.
			 */
			if (t->empty_wait && (t->count >= BATCH || it.result != VK_READ_RECORD)) {
				t->empty_wait = false;
				pthread_cond_signal(&t->not_empty);
			}
		}
		if (t->ngiven_back >= BATCH) {
			nrelease = t->ngiven_back;
			memcpy(release, t->given_back, nrelease * sizeof(*release));
			t->ngiven_back = 0;
		}
		pthread_mutex_unlock(&t->lock);
		for (size_t i = 0; i < nrelease; i++)
			json_decref(release[i]);
		if (stop) {
			release_item(t, &it);
			break;
		}
		if (it.result == VK_READ_END)
			break;
	}
	return NULL;
}

struct vk_reader_thread *vk_reader_thread_start(struct vk_reader *r,
						const struct vk_reader_thread_work *work)
{
	struct vk_reader_thread *t = vk_calloc(1, sizeof(*t));
	int err;

	t->reader = r;
	if (work)
		t->work = *work;
	pthread_mutex_init(&t->lock, NULL);
	pthread_cond_init(&t->not_empty, NULL);
	pthread_cond_init(&t->not_full, NULL);
	/* jansson's hash seed is set once, before the second thread exists */
	json_decref(json_object());
	err = pthread_create(&t->thread, NULL, read_ahead, t);
	if (err) {
		vk_warn("cannot start a thread (%s): reading and loading take turns", strerror(err));
		t->alone = true;
	}
	return t;
}

enum vk_read_result vk_reader_thread_next(struct vk_reader_thread *t, json_t **record,
					  long *line)
{
	if (t->ended) {
		*record = NULL;
		*line = t->current.line;
		return VK_READ_END;
	}
	/* the record now belongs to the caller; the message stays ours */
	t->current.record = NULL;
	release_item(t, &t->current);
	if (t->alone) {
		read_one(t, &t->current);
		goto given;
	}
	pthread_mutex_lock(&t->lock);
	while (t->count == 0) {
		t->empty_wait = true;
		pthread_cond_wait(&t->not_empty, &t->lock);
	}
	t->current = t->queue[t->head];
	t->head = (t->head + 1) % AHEAD;
	/* wake a waiting reader when half is free, not for each record taken */
	if (--t->count <= AHEAD / 2 && t->full_wait) {
		t->full_wait = false;
		pthread_cond_signal(&t->not_full);
	}
	pthread_mutex_unlock(&t->lock);
given:
	*record = t->current.record;
	*line = t->current.line;
	t->ended = t->current.result == VK_READ_END;
	return t->current.result;
}

const char *vk_reader_thread_error(const struct vk_reader_thread *t)
{
	return t->current.error ? t->current.error : "";
}

bool vk_reader_thread_can_continue(const struct vk_reader_thread *t)
{
	return t->current.can_continue;
}

bool vk_reader_thread_is_text(const struct vk_reader_thread *t)
{
	return t->current.is_text;
}

long vk_reader_thread_element(const struct vk_reader_thread *t)
{
	return t->current.element;
}

void vk_reader_thread_give_back(struct vk_reader_thread *t, json_t *record)
{
	bool kept = false;

	if (!record)
		return;
	if (!t->alone) {
		pthread_mutex_lock(&t->lock);
		if (t->ngiven_back < AHEAD) {
			t->given_back[t->ngiven_back++] = record;
			kept = true;
		}
		pthread_mutex_unlock(&t->lock);
	}
	if (!kept)
		json_decref(record);
}

void *vk_reader_thread_take_extra(struct vk_reader_thread *t)
{
	void *extra = t->current.extra;

	t->current.extra = NULL;
	return extra;
}

void vk_reader_thread_stop(struct vk_reader_thread *t)
{
	if (!t)
		return;
	if (!t->alone) {
		pthread_mutex_lock(&t->lock);
		t->stopping = true;
		pthread_cond_signal(&t->not_full);
		pthread_mutex_unlock(&t->lock);
		pthread_join(t->thread, NULL);
	}
	for (size_t i = 0; i < t->count; i++)
		release_item(t, &t->queue[(t->head + i) % AHEAD]);
	for (size_t i = 0; i < t->ngiven_back; i++)
		json_decref(t->given_back[i]);
	t->current.record = NULL;
	release_item(t, &t->current);
	pthread_mutex_destroy(&t->lock);
	pthread_cond_destroy(&t->not_empty);
	pthread_cond_destroy(&t->not_full);
	free(t);
}

/* The domain loop: a mutex-guarded queue that other threads post to, and a
 * thread that takes the whole queue each turn, so the writes of one turn
 * share one commit (group commit). */
#include "loop.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#include "clock.h"
#include "error.h"

struct item {
	struct item *next;
	int kind;
	void *ptr;
};

struct hl_loop {
	const hl_loop_ops *ops;
	void *arg;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct item *head, **tail;
	int stop;
};

int hl_loop_new(hl_loop **out, const hl_loop_ops *ops, void *arg)
{
	hl_loop *l = calloc(1, sizeof *l);
	pthread_condattr_t ca;

	if (!l)
		return HL_E_NOMEM;
	l->ops = ops;
	l->arg = arg;
	l->tail = &l->head;
	pthread_mutex_init(&l->mu, NULL);
	/* Deadlines are wall-clock, so the wait uses CLOCK_REALTIME too. */
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_REALTIME);
	pthread_cond_init(&l->cv, &ca);
	pthread_condattr_destroy(&ca);
	*out = l;
	return 0;
}

int hl_loop_post(hl_loop *l, int kind, void *ptr)
{
	struct item *it = malloc(sizeof *it);

	if (!it)
		return HL_E_NOMEM;
	it->next = NULL;
	it->kind = kind;
	it->ptr = ptr;
	pthread_mutex_lock(&l->mu);
	*l->tail = it;
	l->tail = &it->next;
	pthread_cond_signal(&l->cv);
	pthread_mutex_unlock(&l->mu);
	return 0;
}

void hl_loop_run(hl_loop *l)
{
	int64_t deadline = 0;

	for (;;) {
		struct item *batch, *next;
		int64_t now;

		pthread_mutex_lock(&l->mu);
		while (!l->head && !l->stop) {
			now = hl_clock_wall_ms();
			if (deadline <= now)
				break;
			if (deadline == INT64_MAX) {
				pthread_cond_wait(&l->cv, &l->mu);
			} else {
				struct timespec ts = {.tv_sec = deadline / 1000,
						      .tv_nsec = (deadline % 1000) * 1000000};
				if (pthread_cond_timedwait(&l->cv, &l->mu, &ts) == ETIMEDOUT)
					break;
			}
		}
		if (l->stop) {
			pthread_mutex_unlock(&l->mu);
			return;
		}
		batch = l->head;
		l->head = NULL;
		l->tail = &l->head;
		pthread_mutex_unlock(&l->mu);

		now = hl_clock_wall_ms();
		l->ops->turn_begin(l->arg, now);
		for (; batch; batch = next) {
			next = batch->next;
			l->ops->item(l->arg, batch->kind, batch->ptr, now);
			free(batch);
		}
		deadline = l->ops->turn_end(l->arg, now);
	}
}

void hl_loop_stop(hl_loop *l)
{
	pthread_mutex_lock(&l->mu);
	l->stop = 1;
	pthread_cond_signal(&l->cv);
	pthread_mutex_unlock(&l->mu);
}

void hl_loop_free(hl_loop *l, void (*drop)(int kind, void *ptr))
{
	struct item *it, *next;

	if (!l)
		return;
	for (it = l->head; it; it = next) {
		next = it->next;
		if (drop)
			drop(it->kind, it->ptr);
		free(it);
	}
	pthread_cond_destroy(&l->cv);
	pthread_mutex_destroy(&l->mu);
	free(l);
}

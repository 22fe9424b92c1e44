/* The threads' hand-off: items under a mutex, one byte in a pipe per
 * wake-up; the reader drains the pipe before it takes items, so no push
 * is ever missed and no wake-up is ever stale for long. */
#include "evqueue.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"

int hl_evq_init(hl_evq *q)
{
	memset(q, 0, sizeof *q);
	if (pipe(q->pipe) < 0)
		return HL_E_IO;
	for (int i = 0; i < 2; i++) {
		fcntl(q->pipe[i], F_SETFL, fcntl(q->pipe[i], F_GETFL) | O_NONBLOCK);
		fcntl(q->pipe[i], F_SETFD, FD_CLOEXEC);
	}
	pthread_mutex_init(&q->mu, NULL);
	return 0;
}

void hl_evq_free(hl_evq *q)
{
	hl_evq_item *it;

	while ((it = hl_evq_pop(q)))
		hl_evq_item_free(it);
	close(q->pipe[0]);
	close(q->pipe[1]);
	pthread_mutex_destroy(&q->mu);
}

void hl_evq_push(hl_evq *q, hl_evq_item *it)
{
	char b = 1;
	ssize_t w;

	it->next = NULL;
	pthread_mutex_lock(&q->mu);
	if (q->tail)
		q->tail->next = it;
	else
		q->head = it;
	q->tail = it;
	q->pending++;
	pthread_mutex_unlock(&q->mu);
	/* A full pipe already holds a wake-up: losing this byte is fine. */
	w = write(q->pipe[1], &b, 1);
	(void)w;
}

hl_evq_item *hl_evq_pop(hl_evq *q)
{
	char buf[256];
	hl_evq_item *it;

	/* Drain first: a push after this point writes a fresh byte. */
	while (read(q->pipe[0], buf, sizeof buf) > 0)
		;
	pthread_mutex_lock(&q->mu);
	it = q->head;
	if (it) {
		q->head = it->next;
		if (!q->head)
			q->tail = NULL;
		q->pending--;
	}
	pthread_mutex_unlock(&q->mu);
	return it;
}

int hl_evq_fd(const hl_evq *q)
{
	return q->pipe[0];
}

hl_evq_item *hl_evq_item_new(int kind)
{
	hl_evq_item *it = calloc(1, sizeof *it);

	if (it)
		it->kind = kind;
	return it;
}

void hl_evq_item_free(hl_evq_item *it)
{
	if (!it)
		return;
	if (it->rp)
		hotline__reply__free_unpacked(it->rp, NULL);
	free(it->ctx);
	free(it);
}

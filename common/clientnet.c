/* The poll thread and the request worker. Requests are packed on the
 * caller's thread and unpacked on the worker's, so nothing is shared but
 * bytes; replies and events travel back through the event queue. */
#include "clientnet.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "error.h"

#define POLL_WAIT_MS 25000

typedef struct job {
	uint8_t *buf;
	size_t len;
	int tag, last;
	char ref[64];
	char *ctx;
	struct job *next;
} job;

struct hl_clientnet {
	hl_client *c;
	hl_evq *q;
	pthread_t poller, worker;
	pthread_mutex_t mu;
	pthread_cond_t cv, done_cv;
	job *head, *tail;
	unsigned backlog;
	int last_done;
	atomic_int stopping;
	atomic_int poll_failing;
	_Atomic int64_t busy_since;   /* mono ms the request in hand started; 0 idle */
};

static void sleep_ms(int ms)
{
	struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000};

	nanosleep(&ts, NULL);
}

static void *poll_main(void *arg)
{
	hl_clientnet *n = arg;
	int backoff = 250;

	while (!atomic_load(&n->stopping)) {
		Hotline__Reply *rp = NULL;
		int resync = 0;
		int rc = hl_client_poll(n->c, POLL_WAIT_MS, &rp, &resync);
		hl_evq_item *it;

		if (atomic_load(&n->stopping)) {
			hl_client_reply_free(rp);
			break;
		}
		if (rc < 0) {
			atomic_store(&n->poll_failing, 1);
			if ((it = hl_evq_item_new(HL_EVQ_POLL_ERROR))) {
				const char *e = hl_client_error(n->c);
				it->rc = rc;
				strncpy(it->err, e[0] ? e : hl_strerror(rc), sizeof it->err - 1);
				hl_evq_push(n->q, it);
			}
			hl_client_reply_free(rp);
			sleep_ms(backoff);
			if (backoff < 2000)
				backoff *= 2;
			continue;
		}
		backoff = 250;
		atomic_store(&n->poll_failing, 0);
		if ((rc == 0 && !resync) || !(it = hl_evq_item_new(HL_EVQ_EVENTS))) {
			hl_client_reply_free(rp);
			continue;
		}
		it->rp = rp;
		it->resync = resync;
		hl_evq_push(n->q, it);
	}
	return NULL;
}

static void job_free(job *j)
{
	if (!j)
		return;
	free(j->buf);
	free(j->ctx);
	free(j);
}

static void run_job(hl_clientnet *n, job *j)
{
	Hotline__Request *rq = hotline__request__unpack(NULL, j->len, j->buf);
	Hotline__Reply *rp = NULL;
	hl_evq_item *it;
	int rc;

	if (!rq)
		return;
	atomic_store(&n->busy_since, hl_clock_mono_ms());
	rc = hl_client_call(n->c, rq, &rp);
	atomic_store(&n->busy_since, 0);
	hotline__request__free_unpacked(rq, NULL);
	if (j->last || atomic_load(&n->stopping) || !(it = hl_evq_item_new(HL_EVQ_REPLY))) {
		hl_client_reply_free(rp);
		return;
	}
	it->tag = j->tag;
	it->rc = rc;
	it->rp = rp;
	memcpy(it->ref, j->ref, sizeof it->ref);
	it->ctx = j->ctx;
	j->ctx = NULL;
	if (rc < 0) {
		const char *e = rp && rp->error && rp->error[0] ? rp->error : hl_client_error(n->c);
		strncpy(it->err, e && e[0] ? e : hl_strerror(rc), sizeof it->err - 1);
	}
	hl_evq_push(n->q, it);
}

static void *work_main(void *arg)
{
	hl_clientnet *n = arg;

	for (;;) {
		job *j;
		pthread_mutex_lock(&n->mu);
		while (!n->head)
			pthread_cond_wait(&n->cv, &n->mu);
		j = n->head;
		n->head = j->next;
		if (!n->head)
			n->tail = NULL;
		pthread_mutex_unlock(&n->mu);
		run_job(n, j);
		pthread_mutex_lock(&n->mu);
		n->backlog--;
		if (j->last) {
			n->last_done = 1;
			pthread_cond_broadcast(&n->done_cv);
		}
		pthread_mutex_unlock(&n->mu);
		if (j->last) {
			job_free(j);
			break;
		}
		job_free(j);
	}
	return NULL;
}

int hl_clientnet_start(hl_clientnet **out, hl_client *c, hl_evq *q)
{
	hl_clientnet *n = calloc(1, sizeof *n);

	if (!n)
		return HL_E_NOMEM;
	n->c = c;
	n->q = q;
	pthread_mutex_init(&n->mu, NULL);
	pthread_cond_init(&n->cv, NULL);
	pthread_cond_init(&n->done_cv, NULL);
	if (pthread_create(&n->worker, NULL, work_main, n) != 0) {
		free(n);
		return HL_E_INTERNAL;
	}
	if (pthread_create(&n->poller, NULL, poll_main, n) != 0)
		return HL_E_INTERNAL;  /* the worker alone still serves requests */
	pthread_detach(n->poller);
	pthread_detach(n->worker);
	*out = n;
	return 0;
}

static int enqueue(hl_clientnet *n, Hotline__Request *rq, int tag, const char *ref,
		   const char *ctx, int last)
{
	job *j = calloc(1, sizeof *j);

	if (!j)
		return HL_E_NOMEM;
	j->len = hotline__request__get_packed_size(rq);
	if (!(j->buf = malloc(j->len ? j->len : 1)) || (ctx && !(j->ctx = strdup(ctx)))) {
		job_free(j);
		return HL_E_NOMEM;
	}
	hotline__request__pack(rq, j->buf);
	j->tag = tag;
	j->last = last;
	if (ref)
		strncpy(j->ref, ref, sizeof j->ref - 1);
	pthread_mutex_lock(&n->mu);
	if (n->tail)
		n->tail->next = j;
	else
		n->head = j;
	n->tail = j;
	n->backlog++;
	pthread_cond_signal(&n->cv);
	pthread_mutex_unlock(&n->mu);
	return 0;
}

int hl_clientnet_request(hl_clientnet *n, Hotline__Request *rq, int tag, const char *ref,
			 const char *ctx)
{
	if (atomic_load(&n->stopping))
		return HL_E_CLOSED;
	return enqueue(n, rq, tag, ref, ctx, 0);
}

int64_t hl_clientnet_stalled_ms(hl_clientnet *n, int64_t now_mono)
{
	int64_t since = atomic_load(&n->busy_since);

	return since ? now_mono - since : 0;
}

unsigned hl_clientnet_backlog(hl_clientnet *n)
{
	unsigned b;

	pthread_mutex_lock(&n->mu);
	b = n->backlog;
	pthread_mutex_unlock(&n->mu);
	return b;
}

int hl_clientnet_poll_failing(hl_clientnet *n)
{
	return atomic_load(&n->poll_failing);
}

void hl_clientnet_stop(hl_clientnet *n, Hotline__Request *last, int wait_ms)
{
	struct timespec until;

	if (!n)
		return;
	atomic_store(&n->stopping, 1);
	if (!last || enqueue(n, last, 0, NULL, NULL, 1) < 0)
		return;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += wait_ms / 1000;
	until.tv_nsec += (long)(wait_ms % 1000) * 1000000;
	if (until.tv_nsec >= 1000000000) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000;
	}
	pthread_mutex_lock(&n->mu);
	while (!n->last_done)
		if (pthread_cond_timedwait(&n->done_cv, &n->mu, &until) != 0)
			break;
	pthread_mutex_unlock(&n->mu);
}

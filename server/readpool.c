/* The read pool: long queries (the audit log today; reports, knowledge-base
 * search, exports and QA samples later) run on worker threads with their own
 * read-only connections, so the domain loop keeps answering while they read.
 * WAL lets each reader keep its snapshot while the loop goes on writing. */
#include "readpool.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "error.h"
#include "loop.h"
#include "module.h"
#include "session.h"
#include "store.h"

#define MAX_WORKERS 16
#define INTERRUPT_EVERY_MS 10

static struct {
	int workers;
	int queue_max;
} conf;

struct hl_readpool {
	hl_loop *loop;
	int kind;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	pthread_cond_t idle;     /* a read ended (stop waits for them) */
	hl_read_job *head, **tail;
	int waiting;             /* jobs in the queue, not yet taken */
	int running;             /* jobs being read now */
	int queue_max;
	int stop;
	int n;                   /* threads started */
	pthread_t th[MAX_WORKERS];
	hl_store *st[MAX_WORKERS];
};

int hl_readpool_workers(void)
{
	return conf.workers;
}

int hl_readpool_queue_max(void)
{
	return conf.queue_max;
}

void hl_readpool_drop(hl_read_job *j)
{
	if (!j)
		return;
	if (j->drop)
		j->drop(j);
	else
		free(j);
}

struct worker_arg {
	hl_readpool *p;
	hl_store *st;
};

static void *worker(void *arg)
{
	hl_readpool *p = ((struct worker_arg *)arg)->p;
	hl_store *st = ((struct worker_arg *)arg)->st;

	free(arg);
	for (;;) {
		hl_read_job *j;

		pthread_mutex_lock(&p->mu);
		while (!p->head && !p->stop)
			pthread_cond_wait(&p->cv, &p->mu);
		if (p->stop) {
			pthread_mutex_unlock(&p->mu);
			return NULL;
		}
		j = p->head;
		p->head = j->next;
		if (!p->head)
			p->tail = &p->head;
		p->waiting--;
		p->running++;
		pthread_mutex_unlock(&p->mu);
		/* One read transaction per job: every query it makes sees the
		 * same committed state, and the snapshot is let go at its end
		 * so the writer's checkpoints can reuse the WAL. */
		hl_store_begin(st);
		j->run(j, st);
		hl_store_commit(st);
		pthread_mutex_lock(&p->mu);
		p->running--;
		pthread_cond_broadcast(&p->idle);
		pthread_mutex_unlock(&p->mu);
		if (hl_loop_post(p->loop, p->kind, j) < 0)
			hl_readpool_drop(j);
	}
}

static void free_pool(hl_readpool *p)
{
	for (int i = 0; i < MAX_WORKERS; i++)
		hl_store_close(p->st[i]);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->cv);
	pthread_cond_destroy(&p->idle);
	free(p);
}

int hl_readpool_start(hl_readpool **out, hl_loop *loop, int kind, const char *path,
		      int workers, int queue_max)
{
	hl_readpool *p = calloc(1, sizeof *p);
	int rc;

	if (!p)
		return HL_E_NOMEM;
	p->loop = loop;
	p->kind = kind;
	p->tail = &p->head;
	p->queue_max = queue_max > 0 ? queue_max : 1;
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	pthread_cond_init(&p->idle, NULL);
	if (workers < 1)
		workers = 1;
	if (workers > MAX_WORKERS)
		workers = MAX_WORKERS;
	/* Every connection opens before any thread runs, so a database that
	 * cannot be read stops the broker at start, not at the first read. */
	for (int i = 0; i < workers; i++) {
		if ((rc = hl_store_open_readonly(path, &p->st[i])) < 0) {
			free_pool(p);
			return rc;
		}
	}
	for (; p->n < workers; p->n++) {
		struct worker_arg *wa = malloc(sizeof *wa);
		if (!wa)
			break;
		wa->p = p;
		wa->st = p->st[p->n];
		if (pthread_create(&p->th[p->n], NULL, worker, wa) != 0) {
			free(wa);
			break;
		}
	}
	if (p->n < workers) {
		hl_readpool_stop(p);
		return HL_E_INTERNAL;
	}
	*out = p;
	return 0;
}

int hl_readpool_submit(hl_readpool *p, hl_read_job *j)
{
	pthread_mutex_lock(&p->mu);
	if (p->stop) {
		pthread_mutex_unlock(&p->mu);
		return HL_E_CLOSED;
	}
	/* Bounded: a flood of long reads is refused at once rather than
	 * queued without end; the loop never waits here for a worker. */
	if (p->waiting >= p->queue_max) {
		pthread_mutex_unlock(&p->mu);
		return HL_E_THROTTLED;
	}
	j->next = NULL;
	*p->tail = j;
	p->tail = &j->next;
	p->waiting++;
	pthread_cond_signal(&p->cv);
	pthread_mutex_unlock(&p->mu);
	return 0;
}

void hl_read_job_from_call(hl_read_job *j, const hl_call *c)
{
	j->req = c->req;
	j->id = c->id;
	if (c->sess) {
		j->session_id = c->sess->row.id;
		snprintf(j->user, sizeof j->user, "%s", c->sess->user.name);
	}
}

/* What a refused read is told to wait. */
#define RETRY_MS 1000

int hl_readpool_submit_call(hl_call *c, Hotline__Reply *rp, hl_read_job *j)
{
	int rc;

	hl_read_job_from_call(j, c);
	if ((rc = hl_readpool_submit(c->b->reads, j)) == 0)
		return HL_DEFER;
	j->drop(j);
	if (rc == HL_E_THROTTLED) {
		rp->retry_after_ms = RETRY_MS;
		return hl_call_fail(c, HL_E_THROTTLED, "the broker is busy with other long reads; "
				    "retry in a moment");
	}
	return hl_call_fail(c, HL_E_CLOSED, "the broker is stopping");
}

void hl_readpool_finish(hl_broker *b, hl_read_job *j)
{
	/* The session is looked up again, never kept as a pointer: it may have
	 * ended (logout, expiry) while the read ran. Its request is still
	 * answered once, so the network frees it. */
	if (j->req && j->session_id && !hl_sessions_find(b, j->user, j->session_id)) {
		hl_broker_reply(b, j->req, j->id, HL_E_SESSION,
				"the session ended while the request ran; log in again", NULL);
		j->req = NULL;
		hl_readpool_drop(j);
		return;
	}
	j->done(b, j);
}

void hl_readpool_stop(hl_readpool *p)
{
	hl_read_job *j, *next;

	if (!p)
		return;
	pthread_mutex_lock(&p->mu);
	p->stop = 1;
	pthread_cond_broadcast(&p->cv);
	j = p->head;
	p->head = NULL;
	p->tail = &p->head;
	p->waiting = 0;
	/* A read in progress ends at its next step instead of scanning on. An
	 * interrupt reaches only a statement already running, so it is sent
	 * again until every read has ended (a job may run several). */
	while (p->running > 0) {
		struct timespec ts;
		pthread_mutex_unlock(&p->mu);
		for (int i = 0; i < p->n; i++)
			sqlite3_interrupt(hl_store_db(p->st[i]));
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += INTERRUPT_EVERY_MS * 1000000L;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		pthread_mutex_lock(&p->mu);
		if (p->running > 0)
			pthread_cond_timedwait(&p->idle, &p->mu, &ts);
	}
	pthread_mutex_unlock(&p->mu);
	for (int i = 0; i < p->n; i++)
		pthread_join(p->th[i], NULL);
	for (; j; j = next) {
		next = j->next;
		hl_readpool_drop(j);
	}
	free_pool(p);
}

/* --- the module: its settings only; the broker starts the pool once the
 * loop exists (broker.c) --- */

static void config_defaults(void)
{
	conf.workers = 2;
	conf.queue_max = 64;
}

static int config_key(const char *name, const char *value)
{
	static const struct {
		const char *key;
		int *to;
		long least, most;
	} keys[] = {
		{"read_workers", &conf.workers, 1, MAX_WORKERS},
		{"read_queue", &conf.queue_max, 1, 100000},
	};
	char *end;
	long v = strtol(value, &end, 10);

	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		if (strcmp(name, keys[i].key) != 0)
			continue;
		if (end == value || *end || v < keys[i].least || v > keys[i].most)
			return 0;
		*keys[i].to = (int)v;
		return 1;
	}
	return 0;
}

const hl_module hl_mod_readpool = {
	.name = "reads",
	.config_section = "broker",
	.config_defaults = config_defaults,
	.config_key = config_key,
};

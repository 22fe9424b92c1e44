/* hotline-sim's WebSocket client: one nng stream at a time per customer,
 * text frames, lines split on "\n" (the stream API keeps no message
 * boundaries), and redialling with jittered exponential backoff.
 *
 * The receive side owns the connection's life: dial, receive, receive, …,
 * a failed receive reports DOWN and schedules the next dial. Only one of
 * the dial, receive and sleep aios is active at a time, so the callback is
 * never entered twice at once. A failed send only closes the stream, which
 * makes the pending receive fail. Streams that went down are freed later,
 * outside nng's callbacks, when no aio can still be using them. */
#include "sim_ws.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <nng/nng.h>

#include "error.h"

#define RECV_CHUNK 4096
#define DIAL_TIMEOUT_MS 5000

/* One queued outgoing line. `gen` is the connection it was queued for: a
 * line queued for a connection that went down is dropped, not sent on the
 * next one (the caller re-sends what it must after HL_SIM_WS_UP). */
struct out {
	struct out *next;
	unsigned gen;
	size_t len, off;
	char data[];
};

struct hl_sim_ws {
	pthread_mutex_t mu;  /* guards everything but the receive buffers */
	nng_stream_dialer *dialer;
	nng_stream *s;       /* the live stream, NULL while down */
	nng_stream **dead;   /* streams that went down, to free later */
	size_t n_dead, cap_dead;
	nng_aio *dial_aio, *recv_aio, *send_aio, *sleep_aio;
	struct out *head, *tail;
	int send_busy;
	int closed;
	unsigned gen;        /* connections established so far */
	unsigned rng;
	int backoff;
	hl_sim_ws_opts o;

	/* Receive side: touched only by the receive chain, one step at a time. */
	char chunk[RECV_CHUNK];
	char *line;
	size_t llen, lcap;
	int skipping;        /* dropping the rest of an over-long line */
};

static unsigned next_rand(hl_sim_ws *w)
{
	/* xorshift32: only for spreading redials, not for the simulation. */
	unsigned x = w->rng ? w->rng : 2463534242u;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	w->rng = x;
	return x;
}

static void bury_locked(hl_sim_ws *w, nng_stream *s)
{
	if (w->n_dead == w->cap_dead) {
		size_t cap = w->cap_dead ? w->cap_dead * 2 : 4;
		nng_stream **d = realloc(w->dead, cap * sizeof *d);
		if (!d) {
			/* Leaking one closed stream beats freeing it under an aio. */
			return;
		}
		w->dead = d;
		w->cap_dead = cap;
	}
	w->dead[w->n_dead++] = s;
}

static void schedule_dial_locked(hl_sim_ws *w)
{
	int ms = w->backoff / 2 + (int)(next_rand(w) % (unsigned)(w->backoff + 1));

	if (w->backoff < w->o.backoff_max_ms)
		w->backoff = w->backoff * 2 > w->o.backoff_max_ms ? w->o.backoff_max_ms
								  : w->backoff * 2;
	nng_sleep_aio(ms, w->sleep_aio);
}

static void start_recv_locked(hl_sim_ws *w)
{
	nng_iov iov = {.iov_buf = w->chunk, .iov_len = sizeof w->chunk};

	nng_aio_set_iov(w->recv_aio, 1, &iov);
	nng_stream_recv(w->s, w->recv_aio);
}

static void free_out(struct out *o)
{
	free(o);
}

/* Drops lines that can no longer go out and starts the next send. */
static void kick_send_locked(hl_sim_ws *w)
{
	if (w->send_busy)
		return;
	while (w->head && (!w->s || w->head->gen != w->gen)) {
		struct out *o = w->head;
		w->head = o->next;
		if (!w->head)
			w->tail = NULL;
		free_out(o);
	}
	if (w->head) {
		nng_iov iov = {.iov_buf = w->head->data + w->head->off,
			       .iov_len = w->head->len - w->head->off};
		nng_aio_set_iov(w->send_aio, 1, &iov);
		w->send_busy = 1;
		nng_stream_send(w->s, w->send_aio);
	}
}

static void dial_cb(void *arg)
{
	hl_sim_ws *w = arg;
	int rv = nng_aio_result(w->dial_aio);

	pthread_mutex_lock(&w->mu);
	if (w->closed) {
		if (rv == 0)
			bury_locked(w, nng_aio_get_output(w->dial_aio, 0));
		pthread_mutex_unlock(&w->mu);
		return;
	}
	if (rv != 0) {
		schedule_dial_locked(w);
		pthread_mutex_unlock(&w->mu);
		return;
	}
	w->s = nng_aio_get_output(w->dial_aio, 0);
	w->gen++;
	w->backoff = w->o.backoff_min_ms;
	w->llen = 0;
	w->skipping = 0;
	pthread_mutex_unlock(&w->mu);

	w->o.fn(w->o.arg, HL_SIM_WS_UP, NULL, 0);

	pthread_mutex_lock(&w->mu);
	if (!w->closed && w->s)
		start_recv_locked(w);
	pthread_mutex_unlock(&w->mu);
}

static void sleep_cb(void *arg)
{
	hl_sim_ws *w = arg;

	pthread_mutex_lock(&w->mu);
	if (!w->closed) {
		nng_aio_set_timeout(w->dial_aio, DIAL_TIMEOUT_MS);
		nng_stream_dialer_dial(w->dialer, w->dial_aio);
	}
	pthread_mutex_unlock(&w->mu);
}

/* Appends received bytes and reports every complete line. */
static void take_bytes(hl_sim_ws *w, const char *p, size_t n)
{
	while (n > 0) {
		const char *nl = memchr(p, '\n', n);
		size_t k = nl ? (size_t)(nl - p) : n;

		if (!w->skipping) {
			if (w->llen + k > w->o.max_line) {
				w->skipping = 1;
				w->llen = 0;
				w->o.fn(w->o.arg, HL_SIM_WS_TOOLONG, NULL, 0);
			} else {
				if (w->llen + k + 1 > w->lcap) {
					size_t cap = w->lcap ? w->lcap : 1024;
					while (cap < w->llen + k + 1)
						cap *= 2;
					char *b = realloc(w->line, cap);
					if (!b) {
						/* Out of memory: treat it as an over-long line. */
						w->skipping = 1;
						w->llen = 0;
						w->o.fn(w->o.arg, HL_SIM_WS_TOOLONG, NULL, 0);
						goto next;
					}
					w->line = b;
					w->lcap = cap;
				}
				memcpy(w->line + w->llen, p, k);
				w->llen += k;
			}
		}
	next:
		if (!nl)
			return;
		if (!w->skipping) {
			size_t len = w->llen;
			/* A CR before the LF is tolerated. */
			if (len && w->line[len - 1] == '\r')
				len--;
			w->line[len] = 0;
			if (len)
				w->o.fn(w->o.arg, HL_SIM_WS_LINE, w->line, len);
		}
		w->skipping = 0;
		w->llen = 0;
		p = nl + 1;
		n -= k + 1;
	}
}

static void recv_cb(void *arg)
{
	hl_sim_ws *w = arg;
	int rv = nng_aio_result(w->recv_aio);
	size_t n = nng_aio_count(w->recv_aio);

	pthread_mutex_lock(&w->mu);
	if (w->closed) {
		pthread_mutex_unlock(&w->mu);
		return;
	}
	if (rv != 0 || n == 0) {
		if (w->s) {
			nng_stream_close(w->s);
			bury_locked(w, w->s);
			w->s = NULL;
		}
		kick_send_locked(w);
		pthread_mutex_unlock(&w->mu);
		w->o.fn(w->o.arg, HL_SIM_WS_DOWN, NULL, 0);
		pthread_mutex_lock(&w->mu);
		if (!w->closed)
			schedule_dial_locked(w);
		pthread_mutex_unlock(&w->mu);
		return;
	}
	pthread_mutex_unlock(&w->mu);

	take_bytes(w, w->chunk, n);

	pthread_mutex_lock(&w->mu);
	if (!w->closed && w->s)
		start_recv_locked(w);
	pthread_mutex_unlock(&w->mu);
}

static void send_cb(void *arg)
{
	hl_sim_ws *w = arg;
	int rv = nng_aio_result(w->send_aio);
	size_t n = nng_aio_count(w->send_aio);
	struct out *o;

	pthread_mutex_lock(&w->mu);
	w->send_busy = 0;
	if (w->closed || !(o = w->head)) {
		pthread_mutex_unlock(&w->mu);
		return;
	}
	if (rv != 0) {
		/* The receive that is pending on this stream fails next and
		 * reports the drop. */
		if (o->gen == w->gen && w->s)
			nng_stream_close(w->s);
		o->off = o->len;
	} else {
		o->off += n;
	}
	if (o->off >= o->len) {
		w->head = o->next;
		if (!w->head)
			w->tail = NULL;
		free_out(o);
	}
	kick_send_locked(w);
	pthread_mutex_unlock(&w->mu);
}

int hl_sim_ws_open(hl_sim_ws **out, const hl_sim_ws_opts *o)
{
	hl_sim_ws *w;

	if (!o->url || !o->fn)
		return HL_E_INVALID;
	if (!(w = calloc(1, sizeof *w)))
		return HL_E_NOMEM;
	w->o = *o;
	if (!w->o.max_line)
		w->o.max_line = 64 * 1024;
	if (w->o.backoff_min_ms <= 0)
		w->o.backoff_min_ms = 100;
	if (w->o.backoff_max_ms < w->o.backoff_min_ms)
		w->o.backoff_max_ms = w->o.backoff_min_ms > 3000 ? w->o.backoff_min_ms : 3000;
	w->backoff = w->o.backoff_min_ms;
	w->rng = o->seed * 2654435761u + 1;
	pthread_mutex_init(&w->mu, NULL);
	if (nng_stream_dialer_alloc(&w->dialer, o->url) != 0) {
		pthread_mutex_destroy(&w->mu);
		free(w);
		return HL_E_INVALID;
	}
	if (nng_stream_dialer_set_bool(w->dialer, NNG_OPT_WS_SEND_TEXT, true) != 0 ||
	    nng_stream_dialer_set_bool(w->dialer, NNG_OPT_WS_RECV_TEXT, true) != 0) {
		nng_stream_dialer_free(w->dialer);
		pthread_mutex_destroy(&w->mu);
		free(w);
		return HL_E_INVALID;
	}
	if (nng_aio_alloc(&w->dial_aio, dial_cb, w) != 0 ||
	    nng_aio_alloc(&w->recv_aio, recv_cb, w) != 0 ||
	    nng_aio_alloc(&w->send_aio, send_cb, w) != 0 ||
	    nng_aio_alloc(&w->sleep_aio, sleep_cb, w) != 0) {
		hl_sim_ws_close(w);
		return HL_E_NOMEM;
	}
	pthread_mutex_lock(&w->mu);
	nng_aio_set_timeout(w->dial_aio, DIAL_TIMEOUT_MS);
	nng_stream_dialer_dial(w->dialer, w->dial_aio);
	pthread_mutex_unlock(&w->mu);
	*out = w;
	return 0;
}

/* Takes the dead streams no aio can be using any more (none while a send
 * is in flight: it may be on one of them). Called with mu held. */
static size_t reap_locked(hl_sim_ws *w, nng_stream **grave, size_t cap)
{
	size_t n = 0;

	if (w->send_busy)
		return 0;
	while (w->n_dead > 0 && n < cap)
		grave[n++] = w->dead[--w->n_dead];
	return n;
}

int hl_sim_ws_send(hl_sim_ws *w, const char *line, size_t len)
{
	nng_stream *grave[8];
	size_t ng;
	struct out *o;
	int rc = 0;

	pthread_mutex_lock(&w->mu);
	ng = reap_locked(w, grave, sizeof grave / sizeof grave[0]);
	if (w->closed || !w->s) {
		rc = HL_E_CLOSED;
	} else if (!(o = malloc(sizeof *o + len + 1))) {
		rc = HL_E_NOMEM;
	} else {
		memcpy(o->data, line, len);
		o->data[len] = '\n';
		o->len = len + 1;
		o->off = 0;
		o->gen = w->gen;
		o->next = NULL;
		if (w->tail)
			w->tail->next = o;
		else
			w->head = o;
		w->tail = o;
		kick_send_locked(w);
	}
	pthread_mutex_unlock(&w->mu);
	/* Outside the lock and outside nng's callbacks. */
	for (size_t i = 0; i < ng; i++)
		nng_stream_free(grave[i]);
	return rc;
}

void hl_sim_ws_close(hl_sim_ws *w)
{
	nng_stream *s;

	if (!w)
		return;
	pthread_mutex_lock(&w->mu);
	w->closed = 1;
	s = w->s;
	w->s = NULL;
	pthread_mutex_unlock(&w->mu);
	if (s)
		nng_stream_close(s);
	/* Stopping waits for a callback in progress; each sees `closed`. */
	nng_aio *aios[] = {w->sleep_aio, w->dial_aio, w->recv_aio, w->send_aio};
	for (size_t i = 0; i < sizeof aios / sizeof aios[0]; i++)
		if (aios[i])
			nng_aio_stop(aios[i]);
	if (s)
		nng_stream_free(s);
	for (size_t i = 0; i < w->n_dead; i++)
		nng_stream_free(w->dead[i]);
	if (w->dialer)
		nng_stream_dialer_free(w->dialer);
	for (size_t i = 0; i < sizeof aios / sizeof aios[0]; i++)
		if (aios[i])
			nng_aio_free(aios[i]);
	while (w->head) {
		struct out *o = w->head;
		w->head = o->next;
		free_out(o);
	}
	free(w->dead);
	free(w->line);
	pthread_mutex_destroy(&w->mu);
	free(w);
}

/* The web chat's network side. nng's threads accept WebSocket streams,
 * split what arrives into lines (the stream API does not keep message
 * boundaries, so every message ends with a newline) and post each line to
 * the loop; sends are queued per connection and go out one at a time.
 * Memory is budgeted: a connection whose lines wait for the loop stops
 * being read until the loop catches up, and one that reads nothing while
 * its queue grows is closed. Connections are capped; see webwarden.c for
 * the ones nng's HTTP server holds before they are WebSockets. */
#include "web.h"
#include "webpeer.h"

#include <arpa/inet.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <nng/nng.h>
#include <nng/supplemental/http/http.h>

#include "clock.h"
#include "error.h"
#include "hmap.h"
#include "log.h"
#include "loop.h"
#include "webwarden.h"

#define RX_CHUNK 4096
#define FRAME_MAX (128 * 1024)   /* a WebSocket message; nng holds about two */
/* Lines waiting for the loop: per connection and in all. */
#define IN_CONN_LINES 16
#define IN_CONN_BYTES (64 * 1024)
#define IN_TOTAL_LINES 4096
#define IN_TOTAL_BYTES (8 * 1024 * 1024)
/* Lines queued to visitors: per connection and in all. */
#define TX_QUEUE_MAX 4096
#define TX_CONN_BYTES (4 * 1024 * 1024)
#define TX_TOTAL_BYTES (64 * 1024 * 1024)
#define TX_SMALL_BYTES (256 * 1024)  /* kept even when the total is spent */
#define SWEEP_MS 500

struct txbuf {
	struct txbuf *next;
	size_t len;
	char data[];
};

struct wconn {
	hl_web *w;
	uint64_t id;
	nng_stream *s;
	nng_aio *rx, *tx, *resume;
	char rxbuf[RX_CHUNK];
	size_t rx_off, rx_len;  /* what of rxbuf is not yet split */
	char *line;
	size_t line_len;
	int discarding;         /* an oversized line: drop until its newline */
	int paused;             /* over budget: not read until resumed */
	int waits_total;        /* paused for the total budget, on w->waiters */
	int in_lines;           /* lines posted, not yet done by the loop */
	size_t in_bytes;
	struct txbuf *txq, **txq_tail;
	int tx_count;
	size_t tx_bytes;
	int sending;
	int closing;            /* close after the queue drains */
	int dead;
	int refs;
	int greeted;
	int64_t opened_ms;
	char peer[64];          /* ADDR:PORT */
	char addr[48];          /* ADDR */
	hl_hmap_node node;      /* in w->conns, by id, while alive */
	struct wconn *next;     /* on w->dead */
	struct wconn *wnext;    /* on w->waiters */
};

struct hl_web {
	nng_http_server *srv;
	nng_stream_listener *l;
	nng_aio *accept, *sweep;
	hl_loop *loop;
	int item_kind;
	hl_web_limits lim;
	hl_webwarden *warden;
	pthread_mutex_t mu;
	hl_hmap conns;
	int nconns;
	uint64_t next_id;
	int stopping;
	int in_lines;
	size_t in_bytes, tx_bytes;
	struct wconn *waiters;  /* paused until the total budget frees up */
	struct wconn *dead;     /* unreferenced connections, freed by hl_web_reap */
};

void hl_web_limits_default(hl_web_limits *l)
{
	l->max_conns = 2000;
	l->max_per_addr = 50;
	l->fd_reserve = 200;
	l->http_timeout_ms = 15000;
	l->hello_timeout_ms = 10000;
	l->addr_rate_factor = 1;
}

void hl_web_item_free(hl_web_item *it)
{
	if (it) {
		free(it->data);
		free(it);
	}
}

static int post(hl_web *w, struct wconn *c, int kind, const char *data, size_t len)
{
	hl_web_item *it = calloc(1, sizeof *it);

	if (!it)
		return HL_E_NOMEM;
	it->kind = kind;
	it->conn = c->id;
	snprintf(it->peer, sizeof it->peer, "%s", c->peer);
	if (data) {
		if (!(it->data = malloc(len + 1))) {
			free(it);
			return HL_E_NOMEM;
		}
		memcpy(it->data, data, len);
		it->data[len] = 0;
		it->len = len;
	}
	if (hl_loop_post(w->loop, w->item_kind, it) < 0) {
		hl_web_item_free(it);
		return HL_E_NOMEM;
	}
	return 0;
}

/* The live connection `id`, or NULL; w->mu held. */
static struct wconn *find_locked(hl_web *w, uint64_t id)
{
	hl_hmap_node *x = hl_hmap_get(&w->conns, id);

	return x ? hl_hmap_entry(x, struct wconn, node) : NULL;
}

/* Callers hold w->mu. The last reference is often dropped inside one of
 * the connection's own callbacks, where its aios may not be freed: the
 * connection goes on a list that hl_web_reap empties from another thread. */
static void conn_unref_locked(struct wconn *c)
{
	if (--c->refs > 0)
		return;
	c->next = c->w->dead;
	c->w->dead = c;
}

static void conn_free(struct wconn *c)
{
	nng_aio_free(c->rx);
	nng_aio_free(c->tx);
	nng_aio_free(c->resume);
	nng_stream_free(c->s);
	for (struct txbuf *t = c->txq, *n; t; t = n) {
		n = t->next;
		free(t);
	}
	free(c->line);
	free(c);
}

void hl_web_reap(hl_web *w)
{
	struct wconn *c, *n;

	if (!w)
		return;
	pthread_mutex_lock(&w->mu);
	c = w->dead;
	w->dead = NULL;
	pthread_mutex_unlock(&w->mu);
	for (; c; c = n) {
		n = c->next;
		conn_free(c);
	}
}

static void conn_kill(struct wconn *c)
{
	hl_web *w = c->w;
	int first;

	pthread_mutex_lock(&w->mu);
	first = !c->dead;
	if (first) {
		c->dead = 1;
		hl_hmap_del(&w->conns, &c->node);
		w->nconns--;
		/* What it had queued no longer counts against the total. */
		w->tx_bytes -= c->tx_bytes;
		c->tx_bytes = 0;
	}
	pthread_mutex_unlock(&w->mu);
	if (first) {
		nng_stream_close(c->s);
		post(w, c, HL_WEB_CLOSE, NULL, 0);
	}
}

/* The receive side is over: the connection goes and its reference with it. */
static void rx_end(struct wconn *c)
{
	hl_web *w = c->w;  /* c may be reaped once its reference is gone */

	conn_kill(c);
	pthread_mutex_lock(&w->mu);
	conn_unref_locked(c);
	pthread_mutex_unlock(&w->mu);
}

static void rx_start(struct wconn *c)
{
	nng_iov iov = {.iov_buf = c->rxbuf, .iov_len = sizeof c->rxbuf};

	nng_aio_set_iov(c->rx, 1, &iov);
	nng_stream_recv(c->s, c->rx);
}

static int in_budget_locked(const struct wconn *c, size_t len)
{
	/* One line in flight is always allowed, so a line over a byte budget
	 * still gets through alone. */
	if (c->in_lines >= IN_CONN_LINES || (c->in_lines && c->in_bytes + len > IN_CONN_BYTES))
		return 0;
	return 1;
}

static int total_budget_locked(hl_web *w, size_t len)
{
	return w->in_lines < IN_TOTAL_LINES && (!w->in_lines || w->in_bytes + len <= IN_TOTAL_BYTES);
}

/* Posts the line in c->line if the budgets allow; otherwise pauses the
 * connection and returns 0. */
static int post_line(struct wconn *c)
{
	hl_web *w = c->w;
	size_t len = c->line_len;
	int ok;

	pthread_mutex_lock(&w->mu);
	ok = in_budget_locked(c, len) && total_budget_locked(w, len);
	if (ok) {
		c->in_lines++;
		c->in_bytes += len;
		w->in_lines++;
		w->in_bytes += len;
	} else {
		c->paused = 1;
		if (in_budget_locked(c, len) && !c->waits_total) {
			/* Only the total is spent: wait for any line to be done. */
			c->waits_total = 1;
			c->wnext = w->waiters;
			w->waiters = c;
		}
	}
	pthread_mutex_unlock(&w->mu);
	if (ok && post(w, c, HL_WEB_LINE, c->line ? c->line : "", len) < 0) {
		pthread_mutex_lock(&w->mu);
		c->in_lines--;
		c->in_bytes -= len;
		w->in_lines--;
		w->in_bytes -= len;
		pthread_mutex_unlock(&w->mu);
	}
	return ok;
}

/* Splits what is left of rxbuf into lines; returns 0 when all of it is
 * done, or 1 when the connection paused over its budget (the line that
 * did not fit stays in c->line, its newline unconsumed). */
static int rx_split(struct wconn *c)
{
	while (c->rx_off < c->rx_len) {
		char ch = c->rxbuf[c->rx_off];
		if (ch == '\n') {
			/* Blank lines carry nothing and are skipped unposted. */
			int blank = c->line_len == 0 || (c->line_len == 1 && c->line[0] == '\r');
			if (!c->discarding && !blank && !post_line(c))
				return 1;
			c->rx_off++;
			c->line_len = 0;
			c->discarding = 0;
			continue;
		}
		c->rx_off++;
		if (c->discarding)
			continue;
		if (c->line_len == HL_WEB_LINE_MAX) {
			/* Told once; the rest of the line is dropped unread. */
			post(c->w, c, HL_WEB_TOOBIG, NULL, 0);
			c->discarding = 1;
			c->line_len = 0;
			continue;
		}
		if (!c->line && !(c->line = malloc(HL_WEB_LINE_MAX)))
			return 0;
		c->line[c->line_len++] = ch;
	}
	return 0;
}

static void rx_go_on(struct wconn *c)
{
	if (c->dead) {
		rx_end(c);
		return;
	}
	if (rx_split(c) == 0)
		rx_start(c);
}

static void rx_cb(void *arg)
{
	struct wconn *c = arg;

	if (nng_aio_result(c->rx) != 0) {
		rx_end(c);
		return;
	}
	c->rx_off = 0;
	c->rx_len = nng_aio_count(c->rx);
	rx_go_on(c);
}

static void resume_cb(void *arg)
{
	struct wconn *c = arg;

	if (nng_aio_result(c->resume) != 0) {
		rx_end(c);
		return;
	}
	rx_go_on(c);
}

/* Lets a paused connection read on (from an nng thread); w->mu held. */
static void resume_locked(struct wconn *c)
{
	c->paused = 0;
	nng_sleep_aio(0, c->resume);
}

void hl_web_item_done(hl_web *w, const hl_web_item *it)
{
	struct wconn *c;

	if (!w || !it || it->kind != HL_WEB_LINE)
		return;
	pthread_mutex_lock(&w->mu);
	w->in_lines--;
	w->in_bytes -= it->len;
	if ((c = find_locked(w, it->conn))) {
		c->in_lines--;
		c->in_bytes -= it->len;
		/* Read on once half the connection's budget is free again. */
		if (c->paused && !c->waits_total && c->in_lines <= IN_CONN_LINES / 2)
			resume_locked(c);
	}
	if (w->waiters && w->in_lines <= IN_TOTAL_LINES * 3 / 4 &&
	    w->in_bytes <= (size_t)IN_TOTAL_BYTES * 3 / 4) {
		for (struct wconn *x = w->waiters, *n; x; x = n) {
			n = x->wnext;
			x->wnext = NULL;
			x->waits_total = 0;
			resume_locked(x);
		}
		w->waiters = NULL;
	}
	pthread_mutex_unlock(&w->mu);
}

/* Starts the next send if none is running; w->mu held. */
static void tx_next_locked(struct wconn *c)
{
	nng_iov iov;

	if (c->sending || c->dead)
		return;
	if (!c->txq) {
		if (c->closing) {
			c->closing = 0;
			nng_stream_close(c->s);
		}
		return;
	}
	c->sending = 1;
	iov.iov_buf = c->txq->data;
	iov.iov_len = c->txq->len;
	nng_aio_set_iov(c->tx, 1, &iov);
	nng_stream_send(c->s, c->tx);
}

/* Starts sending if idle; the send holds a reference until it is done. */
static void kick_locked(struct wconn *c)
{
	if (c->sending)
		return;
	c->refs++;
	tx_next_locked(c);
	if (!c->sending)
		c->refs--;
}

static void tx_cb(void *arg)
{
	struct wconn *c = arg;
	hl_web *w = c->w;
	struct txbuf *t;

	pthread_mutex_lock(&w->mu);
	c->sending = 0;
	if (nng_aio_result(c->tx) == 0 && (t = c->txq)) {
		c->txq = t->next;
		if (!c->txq)
			c->txq_tail = &c->txq;
		c->tx_count--;
		if (!c->dead) {
			c->tx_bytes -= t->len;
			w->tx_bytes -= t->len;
		}
		free(t);
		tx_next_locked(c);
	}
	/* A send in flight keeps its reference; the last one gives it back. */
	if (!c->sending)
		conn_unref_locked(c);
	pthread_mutex_unlock(&w->mu);
}

/* Whether one more line of `len` bytes may be queued to c; w->mu held. A
 * visitor who reads nothing is dropped rather than grow the broker's
 * memory; they resume by token with last_seq. */
static int tx_budget_locked(hl_web *w, struct wconn *c, size_t len)
{
	if (c->tx_count >= TX_QUEUE_MAX || c->tx_bytes + len > TX_CONN_BYTES)
		return 0;
	/* With the total spent, only connections that keep up get more. */
	return w->tx_bytes + len <= TX_TOTAL_BYTES || c->tx_bytes + len <= TX_SMALL_BYTES;
}

int hl_web_send(hl_web *w, uint64_t conn, const char *line, size_t len)
{
	struct txbuf *t = malloc(sizeof *t + len + 1);
	struct wconn *c;
	int rc = 0;

	if (!t)
		return HL_E_NOMEM;
	memcpy(t->data, line, len);
	t->data[len] = '\n';
	t->len = len + 1;
	t->next = NULL;
	pthread_mutex_lock(&w->mu);
	c = find_locked(w, conn);
	if (!c || c->dead) {
		free(t);
		rc = HL_E_CLOSED;
	} else if (!tx_budget_locked(w, c, t->len)) {
		free(t);
		nng_stream_close(c->s);
		rc = HL_E_CLOSED;
	} else {
		*c->txq_tail = t;
		c->txq_tail = &t->next;
		c->tx_count++;
		c->tx_bytes += t->len;
		w->tx_bytes += t->len;
		kick_locked(c);
	}
	pthread_mutex_unlock(&w->mu);
	return rc;
}

void hl_web_close_conn(hl_web *w, uint64_t conn)
{
	struct wconn *c;

	pthread_mutex_lock(&w->mu);
	if ((c = find_locked(w, conn)) && !c->dead) {
		c->closing = 1;
		kick_locked(c);
	}
	pthread_mutex_unlock(&w->mu);
}

void hl_web_conn_greeted(hl_web *w, uint64_t conn)
{
	struct wconn *c;

	pthread_mutex_lock(&w->mu);
	if ((c = find_locked(w, conn)))
		c->greeted = 1;
	pthread_mutex_unlock(&w->mu);
}

/* Whether one more WebSocket from `addr` is within the caps; w->mu held. */
static int conn_allowed_locked(hl_web *w, const char *addr)
{
	int same = 0;
	hl_hmap_iter it;

	if (w->nconns >= w->lim.max_conns)
		return 0;
	for (hl_hmap_node *x = hl_hmap_first(&w->conns, &it); x; x = hl_hmap_next(&it))
		if (strcmp(hl_hmap_entry(x, struct wconn, node)->addr, addr) == 0 &&
		    ++same >= w->lim.max_per_addr)
			return 0;
	return 1;
}

static void accept_cb(void *arg)
{
	hl_web *w = arg;
	struct wconn *c;
	nng_stream *s;
	int ok;

	if (nng_aio_result(w->accept) != 0) {
		if (!w->stopping && nng_aio_result(w->accept) != NNG_ECLOSED)
			nng_stream_listener_accept(w->l, w->accept);
		return;
	}
	s = nng_aio_get_output(w->accept, 0);
	if (!(c = calloc(1, sizeof *c)) || nng_aio_alloc(&c->rx, rx_cb, c) != 0 ||
	    nng_aio_alloc(&c->tx, tx_cb, c) != 0 || nng_aio_alloc(&c->resume, resume_cb, c) != 0) {
		nng_stream_free(s);
		if (c) {
			nng_aio_free(c->rx);
			nng_aio_free(c->tx);
		}
		free(c);
		nng_stream_listener_accept(w->l, w->accept);
		return;
	}
	c->w = w;
	c->s = s;
	c->txq_tail = &c->txq;
	c->refs = 1;  /* the receive side holds one until the stream dies */
	c->opened_ms = hl_clock_mono_ms();
	hl_webpeer_of(s, c->peer, sizeof c->peer);
	hl_webpeer_addr(c->peer, c->addr, sizeof c->addr);
	pthread_mutex_lock(&w->mu);
	if ((ok = conn_allowed_locked(w, c->addr))) {
		c->id = ++w->next_id;
		hl_hmap_put(&w->conns, &c->node, c->id);
		w->nconns++;
	}
	pthread_mutex_unlock(&w->mu);
	if (!ok) {
		/* Over a cap: closed before the loop ever hears of it. */
		conn_free(c);
		nng_stream_listener_accept(w->l, w->accept);
		return;
	}
	post(w, c, HL_WEB_OPEN, NULL, 0);
	rx_start(c);
	nng_stream_listener_accept(w->l, w->accept);
}

struct ws_keys {
	char (*key)[64];
	size_t n;
};

static int key_cmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

static int is_ws(void *arg, const char *peer)
{
	struct ws_keys *k = arg;

	return k->n && bsearch(peer, k->key, k->n, sizeof *k->key, key_cmp) != NULL;
}

/* Every SWEEP_MS: WebSockets that sent no hello in time are closed, and
 * the warden looks at the sockets nng's HTTP server holds. */
static void sweep_cb(void *arg)
{
	hl_web *w = arg;
	struct ws_keys keys = {0};
	int64_t now = hl_clock_mono_ms();
	hl_hmap_iter it;

	if (nng_aio_result(w->sweep) != 0)
		return;
	pthread_mutex_lock(&w->mu);
	keys.key = calloc((size_t)w->nconns + 1, sizeof *keys.key);
	for (hl_hmap_node *x = hl_hmap_first(&w->conns, &it); x; x = hl_hmap_next(&it)) {
		struct wconn *c = hl_hmap_entry(x, struct wconn, node);
		if (!c->greeted && !c->dead && now - c->opened_ms > w->lim.hello_timeout_ms)
			nng_stream_close(c->s);
		if (keys.key && keys.n < (size_t)w->nconns + 1)
			memcpy(keys.key[keys.n++], c->peer, sizeof c->peer);
	}
	pthread_mutex_unlock(&w->mu);
	if (keys.key) {
		qsort(keys.key, keys.n, sizeof *keys.key, key_cmp);
		hl_webwarden_sweep(w->warden, &w->lim, now, is_ws, &keys);
		free(keys.key);
	}
	if (!w->stopping)
		nng_sleep_aio(SWEEP_MS, w->sweep);
}

static int add_file(hl_web *w, const char *path, const char *root, const char *file)
{
	nng_http_handler *h;
	char full[4096];

	snprintf(full, sizeof full, "%s/%s", root, file);
	/* nng guesses the content type from the file name. */
	if (nng_http_handler_alloc_file(&h, path, full) != 0)
		return -1;
	return nng_http_server_add_handler(w->srv, h);
}

int hl_web_open(hl_web **out, const char *url, const char *root, const hl_web_limits *lim,
		hl_loop *loop, int item_kind)
{
	hl_web *w = calloc(1, sizeof *w);
	nng_url *u = NULL;
	char wsurl[512];
	int rv;

	if (!w)
		return HL_E_NOMEM;
	w->loop = loop;
	w->item_kind = item_kind;
	if (lim)
		w->lim = *lim;
	else
		hl_web_limits_default(&w->lim);
	pthread_mutex_init(&w->mu, NULL);
	if ((rv = nng_url_parse(&u, url)) != 0 || strcmp(u->u_scheme, "http") != 0) {
		hl_log(HL_LOG_ERROR, "--web wants http://HOST:PORT, not %s", url);
		goto fail;
	}
	if ((rv = nng_http_server_hold(&w->srv, u)) != 0 ||
	    add_file(w, "/", root, "index.html") != 0 ||
	    add_file(w, "/index.html", root, "index.html") != 0 ||
	    add_file(w, "/chat.js", root, "chat.js") != 0 ||
	    add_file(w, "/chat.css", root, "chat.css") != 0) {
		hl_log(HL_LOG_ERROR, "cannot serve the web chat page from %s", root);
		goto fail;
	}
	snprintf(wsurl, sizeof wsurl, "ws://%s:%s/chat", u->u_hostname, u->u_port);
	if ((rv = nng_stream_listener_alloc(&w->l, wsurl)) != 0)
		goto fail;
	nng_stream_listener_set_bool(w->l, NNG_OPT_WS_RECV_TEXT, true);
	nng_stream_listener_set_bool(w->l, NNG_OPT_WS_SEND_TEXT, true);
	/* nng keeps at most about one message and one frame per connection
	 * that is not being read: these bound what it holds. */
	nng_stream_listener_set_size(w->l, NNG_OPT_WS_RECVMAXFRAME, FRAME_MAX);
	nng_stream_listener_set_size(w->l, NNG_OPT_RECVMAXSZ, FRAME_MAX);
	if ((rv = nng_aio_alloc(&w->accept, accept_cb, w)) != 0 ||
	    (rv = nng_aio_alloc(&w->sweep, sweep_cb, w)) != 0 ||
	    (rv = nng_stream_listener_listen(w->l)) != 0 ||
	    (rv = nng_http_server_start(w->srv)) != 0) {
		hl_log(HL_LOG_ERROR, "cannot listen on %s: %s", url, nng_strerror(rv));
		goto fail;
	}
	if (hl_webwarden_new(&w->warden, atoi(u->u_port)) < 0)
		hl_log(HL_LOG_WARN, "cannot watch the web port's descriptors (no /proc?); "
		       "idle HTTP connections are not timed out");
	nng_stream_listener_accept(w->l, w->accept);
	nng_sleep_aio(SWEEP_MS, w->sweep);
	nng_url_free(u);
	*out = w;
	return 0;
fail:
	if (u)
		nng_url_free(u);
	hl_web_close(w);
	return HL_E_CONNECT;
}

void hl_web_close(hl_web *w)
{
	struct wconn **all = NULL;
	size_t n = 0, cap = 0;
	hl_hmap_iter it;

	if (!w)
		return;
	w->stopping = 1;
	if (w->sweep)
		nng_aio_stop(w->sweep);
	if (w->l)
		nng_stream_listener_close(w->l);
	if (w->accept)
		nng_aio_stop(w->accept);
	/* Take a reference on every live connection, then close them outside
	 * the lock: their callbacks take it. */
	pthread_mutex_lock(&w->mu);
	for (hl_hmap_node *x = hl_hmap_first(&w->conns, &it); x; x = hl_hmap_next(&it)) {
		struct wconn *c = hl_hmap_entry(x, struct wconn, node);
		if (n == cap) {
			size_t nc = cap ? cap * 2 : 64;
			void *p = realloc(all, nc * sizeof *all);
			if (!p)
				continue;
			all = p;
			cap = nc;
		}
		c->refs++;
		all[n++] = c;
	}
	pthread_mutex_unlock(&w->mu);
	for (size_t i = 0; i < n; i++) {
		nng_stream_close(all[i]->s);
		nng_aio_stop(all[i]->rx);
		nng_aio_stop(all[i]->tx);
		nng_aio_stop(all[i]->resume);
	}
	pthread_mutex_lock(&w->mu);
	for (size_t i = 0; i < n; i++) {
		/* A paused reader has no receive running to give its
		 * reference back. */
		if (all[i]->paused && !all[i]->dead) {
			all[i]->paused = 0;
			all[i]->dead = 1;
			conn_unref_locked(all[i]);
		}
		conn_unref_locked(all[i]);
	}
	pthread_mutex_unlock(&w->mu);
	free(all);
	hl_web_reap(w);
	hl_webwarden_free(w->warden);
	if (w->srv) {
		nng_http_server_stop(w->srv);
		nng_http_server_release(w->srv);
	}
	if (w->l)
		nng_stream_listener_free(w->l);
	if (w->accept)
		nng_aio_free(w->accept);
	if (w->sweep)
		nng_aio_free(w->sweep);
	hl_hmap_fini(&w->conns);
	pthread_mutex_destroy(&w->mu);
	free(w);
}

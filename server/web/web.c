/* The web chat's network side. nng's threads accept WebSocket streams,
 * split what arrives into lines (the stream API does not keep message
 * boundaries, so every message ends with a newline) and post each line to
 * the loop; sends are queued per connection and go out one at a time. */
#include "web.h"

#include "log.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nng/nng.h>
#include <nng/supplemental/http/http.h>

#include "error.h"
#include "loop.h"

#define CONN_BUCKETS 4096
#define RX_CHUNK 4096
#define TX_QUEUE_MAX 4096  /* lines queued to one slow visitor before it is dropped */

struct txbuf {
	struct txbuf *next;
	size_t len;
	char data[];
};

struct wconn {
	hl_web *w;
	uint64_t id;
	nng_stream *s;
	nng_aio *rx, *tx;
	char rxbuf[RX_CHUNK];
	char *line;
	size_t line_len;
	int discarding;         /* an oversized line: drop until its newline */
	struct txbuf *txq, **txq_tail;
	int tx_count;
	int sending;
	int closing;            /* close after the queue drains */
	int dead;
	int refs;
	char peer[48];
	struct wconn *next;
};

struct hl_web {
	nng_http_server *srv;
	nng_stream_listener *l;
	nng_aio *accept;
	hl_loop *loop;
	int item_kind;
	pthread_mutex_t mu;
	struct wconn *conns[CONN_BUCKETS];
	uint64_t next_id;
	int stopping;
	struct wconn *dead;     /* unreferenced connections, freed by hl_web_reap */
};

void hl_web_item_free(hl_web_item *it)
{
	if (it) {
		free(it->data);
		free(it);
	}
}

static void post(hl_web *w, struct wconn *c, int kind, const char *data, size_t len)
{
	hl_web_item *it = calloc(1, sizeof *it);

	if (!it)
		return;
	it->kind = kind;
	it->conn = c->id;
	snprintf(it->peer, sizeof it->peer, "%s", c->peer);
	if (data) {
		if (!(it->data = malloc(len + 1))) {
			free(it);
			return;
		}
		memcpy(it->data, data, len);
		it->data[len] = 0;
		it->len = len;
	}
	if (hl_loop_post(w->loop, w->item_kind, it) < 0)
		hl_web_item_free(it);
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
	struct wconn **pp;
	int first;

	pthread_mutex_lock(&w->mu);
	first = !c->dead;
	if (first) {
		c->dead = 1;
		for (pp = &w->conns[c->id % CONN_BUCKETS]; *pp; pp = &(*pp)->next) {
			if (*pp == c) {
				*pp = c->next;
				break;
			}
		}
	}
	pthread_mutex_unlock(&w->mu);
	if (first) {
		nng_stream_close(c->s);
		post(w, c, HL_WEB_CLOSE, NULL, 0);
	}
}

static void rx_start(struct wconn *c)
{
	nng_iov iov = {.iov_buf = c->rxbuf, .iov_len = sizeof c->rxbuf};

	nng_aio_set_iov(c->rx, 1, &iov);
	nng_stream_recv(c->s, c->rx);
}

static void rx_bytes(struct wconn *c, const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '\n') {
			if (!c->discarding)
				post(c->w, c, HL_WEB_LINE, c->line ? c->line : "", c->line_len);
			c->line_len = 0;
			c->discarding = 0;
			continue;
		}
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
			return;
		c->line[c->line_len++] = p[i];
	}
}

static void rx_cb(void *arg)
{
	struct wconn *c = arg;

	if (nng_aio_result(c->rx) != 0) {
		hl_web *w = c->w;  /* c may be reaped once its reference is gone */
		conn_kill(c);
		pthread_mutex_lock(&w->mu);
		conn_unref_locked(c);  /* the receive side's reference */
		pthread_mutex_unlock(&w->mu);
		return;
	}
	rx_bytes(c, c->rxbuf, nng_aio_count(c->rx));
	rx_start(c);
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
		free(t);
		tx_next_locked(c);
	}
	/* A send in flight keeps its reference; the last one gives it back. */
	if (!c->sending)
		conn_unref_locked(c);
	pthread_mutex_unlock(&w->mu);
}

static struct wconn *find_locked(hl_web *w, uint64_t id)
{
	for (struct wconn *c = w->conns[id % CONN_BUCKETS]; c; c = c->next)
		if (c->id == id)
			return c;
	return NULL;
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
	} else if (c->tx_count >= TX_QUEUE_MAX) {
		/* A visitor who reads nothing is dropped rather than grow the
		 * broker's memory; they resume by token with last_seq. */
		free(t);
		nng_stream_close(c->s);
		rc = HL_E_CLOSED;
	} else {
		*c->txq_tail = t;
		c->txq_tail = &t->next;
		c->tx_count++;
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

static void accept_cb(void *arg)
{
	hl_web *w = arg;
	struct wconn *c;
	nng_stream *s;
	char *addr = NULL;

	if (nng_aio_result(w->accept) != 0) {
		if (!w->stopping && nng_aio_result(w->accept) != NNG_ECLOSED)
			nng_stream_listener_accept(w->l, w->accept);
		return;
	}
	s = nng_aio_get_output(w->accept, 0);
	if (!(c = calloc(1, sizeof *c)) || nng_aio_alloc(&c->rx, rx_cb, c) != 0 ||
	    nng_aio_alloc(&c->tx, tx_cb, c) != 0) {
		nng_stream_free(s);
		free(c);
		nng_stream_listener_accept(w->l, w->accept);
		return;
	}
	c->w = w;
	c->s = s;
	c->txq_tail = &c->txq;
	c->refs = 1;  /* the receive side holds one until the stream dies */
	snprintf(c->peer, sizeof c->peer, "web");
	if (nng_stream_get_string(s, NNG_OPT_REMADDR, &addr) == 0) {
		snprintf(c->peer, sizeof c->peer, "%s", addr);
		nng_strfree(addr);
	}
	pthread_mutex_lock(&w->mu);
	c->id = ++w->next_id;
	c->next = w->conns[c->id % CONN_BUCKETS];
	w->conns[c->id % CONN_BUCKETS] = c;
	pthread_mutex_unlock(&w->mu);
	post(w, c, HL_WEB_OPEN, NULL, 0);
	rx_start(c);
	nng_stream_listener_accept(w->l, w->accept);
}

static int add_file(hl_web *w, const char *path, const char *root, const char *file,
		    const char *type)
{
	nng_http_handler *h;
	char full[4096];

	snprintf(full, sizeof full, "%s/%s", root, file);
	/* nng guesses the content type from the file name. */
	(void)type;
	if (nng_http_handler_alloc_file(&h, path, full) != 0)
		return -1;
	return nng_http_server_add_handler(w->srv, h);
}

int hl_web_open(hl_web **out, const char *url, const char *root, hl_loop *loop, int item_kind)
{
	hl_web *w = calloc(1, sizeof *w);
	nng_url *u = NULL;
	char wsurl[512];
	int rv;

	if (!w)
		return HL_E_NOMEM;
	w->loop = loop;
	w->item_kind = item_kind;
	pthread_mutex_init(&w->mu, NULL);
	if ((rv = nng_url_parse(&u, url)) != 0 || strcmp(u->u_scheme, "http") != 0) {
		hl_log(HL_LOG_ERROR, "--web wants http://HOST:PORT, not %s", url);
		goto fail;
	}
	if ((rv = nng_http_server_hold(&w->srv, u)) != 0 ||
	    add_file(w, "/", root, "index.html", "text/html") != 0 ||
	    add_file(w, "/index.html", root, "index.html", "text/html") != 0 ||
	    add_file(w, "/chat.js", root, "chat.js", "text/javascript") != 0 ||
	    add_file(w, "/chat.css", root, "chat.css", "text/css") != 0) {
		hl_log(HL_LOG_ERROR, "cannot serve the web chat page from %s", root);
		goto fail;
	}
	snprintf(wsurl, sizeof wsurl, "ws://%s:%s/chat", u->u_hostname, u->u_port);
	if ((rv = nng_stream_listener_alloc(&w->l, wsurl)) != 0)
		goto fail;
	nng_stream_listener_set_bool(w->l, NNG_OPT_WS_RECV_TEXT, true);
	nng_stream_listener_set_bool(w->l, NNG_OPT_WS_SEND_TEXT, true);
	nng_stream_listener_set_size(w->l, NNG_OPT_WS_RECVMAXFRAME, 1 << 20);
	nng_stream_listener_set_size(w->l, NNG_OPT_RECVMAXSZ, 1 << 20);
	if ((rv = nng_aio_alloc(&w->accept, accept_cb, w)) != 0 ||
	    (rv = nng_stream_listener_listen(w->l)) != 0 ||
	    (rv = nng_http_server_start(w->srv)) != 0) {
		hl_log(HL_LOG_ERROR, "cannot listen on %s: %s", url, nng_strerror(rv));
		goto fail;
	}
	nng_stream_listener_accept(w->l, w->accept);
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

	if (!w)
		return;
	w->stopping = 1;
	if (w->l)
		nng_stream_listener_close(w->l);
	if (w->accept)
		nng_aio_stop(w->accept);
	/* Take a reference on every live connection, then close them outside
	 * the lock: their callbacks take it. */
	pthread_mutex_lock(&w->mu);
	for (int k = 0; k < CONN_BUCKETS; k++) {
		for (struct wconn *c = w->conns[k]; c; c = c->next) {
			if (n == cap) {
				size_t nc = cap ? cap * 2 : 64;
				void *p = realloc(all, nc * sizeof *all);
				if (!p)
					break;
				all = p;
				cap = nc;
			}
			c->refs++;
			all[n++] = c;
		}
	}
	pthread_mutex_unlock(&w->mu);
	for (size_t i = 0; i < n; i++) {
		nng_stream_close(all[i]->s);
		nng_aio_stop(all[i]->rx);
		nng_aio_stop(all[i]->tx);
	}
	pthread_mutex_lock(&w->mu);
	for (size_t i = 0; i < n; i++)
		conn_unref_locked(all[i]);
	pthread_mutex_unlock(&w->mu);
	free(all);
	hl_web_reap(w);
	if (w->srv) {
		nng_http_server_stop(w->srv);
		nng_http_server_release(w->srv);
	}
	if (w->l)
		nng_stream_listener_free(w->l);
	if (w->accept)
		nng_aio_free(w->accept);
	pthread_mutex_destroy(&w->mu);
	free(w);
}

/* The broker's network side: one REP socket with a growing pool of
 * contexts. nng's threads answer handshakes, open and seal frames; only
 * decrypted requests cross to the domain loop. */
#include "net.h"

#include "log.h"

#include <arpa/inet.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <nng/nng.h>
#include <nng/protocol/reqrep0/rep.h>
#include <sodium.h>

#include "channel.h"
#include "clock.h"
#include "error.h"
#include "hmap.h"
#include "hotline.pb-c.h"
#include "throttle.h"

#define MIN_IDLE 4          /* contexts kept waiting for new requests */
#define MAX_WORKERS 50000   /* bounds memory if clients hold many long-polls */
#define CACHE_N 8           /* replies kept per session for re-sent requests */

struct peer;

struct net_chan {
	hl_chan ch;
	hl_hmap_node node;  /* in the session table, by sid */
	int refs;
	int dead;
	int64_t last_ms;
	int64_t born_ms;
	int authed;                          /* logged in or resumed */
	struct peer *peer;                   /* set while pre-login */
	struct net_chan *pl_prev, *pl_next;  /* every pre-login session, oldest first */
	struct net_chan *pp_prev, *pp_next;  /* this address's, oldest first */
	struct {
		uint64_t nonce;
		nng_msg *msg;
	} cache[CACHE_N];
	unsigned cache_pos;
};

/* The pre-login sessions of one source address. */
struct peer {
	hl_hmap_node node;  /* in the table by address */
	int n;
	struct net_chan *head, *tail;
	char key[48];
};

enum { W_RECV, W_WAIT, W_SEND };

struct worker {
	hl_net_req req;
	hl_net *net;
	nng_ctx ctx;
	nng_aio *aio;
	int state;
	struct net_chan *chan;
	uint64_t nonce;
	struct worker *all_next;
};

struct hl_net {
	nng_socket sock;
	uint8_t s_priv[32], s_pub[32];
	hl_net_deliver_fn fn;
	void *arg;
	pthread_mutex_t mu;  /* guards the session table and the worker list */
	hl_hmap chans;
	int n_chans;
	hl_net_limits lim;
	hl_hmap peers;
	struct net_chan *pl_head, *pl_tail;
	int n_prelogin;
	unsigned long expired, evicted, refused;  /* since the last sweep's report */
	struct worker *workers;
	int n_workers;
	atomic_int idle;
	atomic_int sending;  /* replies handed to nng and not yet sent */
};

/* --- the session table (callers hold n->mu) --- */

static struct net_chan *chan_find_locked(hl_net *n, uint64_t sid)
{
	hl_hmap_node *x = hl_hmap_get(&n->chans, sid);

	return x ? hl_hmap_entry(x, struct net_chan, node) : NULL;
}

static void chan_free(struct net_chan *c)
{
	for (int i = 0; i < CACHE_N; i++)
		if (c->cache[i].msg)
			nng_msg_free(c->cache[i].msg);
	hl_chan_destroy(&c->ch);
	sodium_memzero(c, sizeof *c);
	free(c);
}

/* --- pre-login sessions, per address and in age order (callers hold n->mu) --- */

static struct peer *peer_find_locked(hl_net *n, const char *key, int create)
{
	uint64_t h = hl_hmap_str(key);
	struct peer *p;

	for (hl_hmap_node *x = hl_hmap_get(&n->peers, h); x; x = hl_hmap_get_next(x)) {
		p = hl_hmap_entry(x, struct peer, node);
		if (strcmp(p->key, key) == 0)
			return p;
	}
	if (!create || !(p = calloc(1, sizeof *p)))
		return NULL;
	snprintf(p->key, sizeof p->key, "%s", key);
	hl_hmap_put(&n->peers, &p->node, h);
	return p;
}

static void peer_drop_locked(hl_net *n, struct peer *p)
{
	hl_hmap_del(&n->peers, &p->node);
	free(p);
}

static void prelogin_link_locked(hl_net *n, struct net_chan *c, struct peer *p)
{
	c->peer = p;
	c->pl_prev = n->pl_tail;
	c->pl_next = NULL;
	if (n->pl_tail)
		n->pl_tail->pl_next = c;
	else
		n->pl_head = c;
	n->pl_tail = c;
	c->pp_prev = p->tail;
	c->pp_next = NULL;
	if (p->tail)
		p->tail->pp_next = c;
	else
		p->head = c;
	p->tail = c;
	p->n++;
	n->n_prelogin++;
}

static void prelogin_unlink_locked(hl_net *n, struct net_chan *c)
{
	struct peer *p = c->peer;

	if (!p)
		return;
	if (c->pl_prev)
		c->pl_prev->pl_next = c->pl_next;
	else
		n->pl_head = c->pl_next;
	if (c->pl_next)
		c->pl_next->pl_prev = c->pl_prev;
	else
		n->pl_tail = c->pl_prev;
	if (c->pp_prev)
		c->pp_prev->pp_next = c->pp_next;
	else
		p->head = c->pp_next;
	if (c->pp_next)
		c->pp_next->pp_prev = c->pp_prev;
	else
		p->tail = c->pp_prev;
	c->peer = NULL;
	c->pl_prev = c->pl_next = c->pp_prev = c->pp_next = NULL;
	n->n_prelogin--;
	if (--p->n == 0)
		peer_drop_locked(n, p);
}

static void chan_unlink_locked(hl_net *n, struct net_chan *c)
{
	prelogin_unlink_locked(n, c);
	hl_hmap_del(&n->chans, &c->node);
	n->n_chans--;
	c->dead = 1;
	if (c->refs == 0)
		chan_free(c);
}

/* Pre-login sessions past their lifetime go, oldest first. */
static void prelogin_expire_locked(hl_net *n, int64_t now)
{
	while (n->pl_head && now - n->pl_head->born_ms >= n->lim.prelogin_ttl_ms) {
		chan_unlink_locked(n, n->pl_head);
		n->expired++;
	}
}

/* Makes room for one more pre-login session from `key`: the address's
 * oldest pre-login session gives way at its limit, and at the global limit
 * the oldest pre-login session of all. A logged-in session never gives way.
 * Returns 0, or HL_E_THROTTLED when every session is logged in. */
static int prelogin_room_locked(hl_net *n, const char *key)
{
	struct peer *p;

	/* Local (ipc) clients are this host's own users: only the global
	 * limit applies to them. */
	while (strcmp(key, "local") != 0 && (p = peer_find_locked(n, key, 0)) &&
	       p->n >= n->lim.prelogin_per_peer) {
		chan_unlink_locked(n, p->head);
		n->evicted++;
	}
	while (n->n_chans >= n->lim.sessions_max) {
		if (!n->pl_head)
			return HL_E_THROTTLED;
		chan_unlink_locked(n, n->pl_head);
		n->evicted++;
	}
	return 0;
}

static struct net_chan *chan_get(hl_net *n, uint64_t sid)
{
	struct net_chan *c;

	pthread_mutex_lock(&n->mu);
	c = chan_find_locked(n, sid);
	if (c) {
		c->refs++;
		c->last_ms = hl_clock_wall_ms();
	}
	pthread_mutex_unlock(&n->mu);
	return c;
}

static void chan_put(hl_net *n, struct net_chan *c)
{
	pthread_mutex_lock(&n->mu);
	if (--c->refs == 0 && c->dead)
		chan_free(c);
	pthread_mutex_unlock(&n->mu);
}

/* --- workers --- */

static void worker_cb(void *arg);

static void recv_next(struct worker *w)
{
	w->state = W_RECV;
	atomic_fetch_add(&w->net->idle, 1);
	nng_ctx_recv(w->ctx, w->aio);
}

static int worker_spawn(hl_net *n)
{
	struct worker *w = calloc(1, sizeof *w);

	if (!w)
		return HL_E_NOMEM;
	w->net = n;
	if (nng_aio_alloc(&w->aio, worker_cb, w) != 0) {
		free(w);
		return HL_E_NOMEM;
	}
	if (nng_ctx_open(&w->ctx, n->sock) != 0) {
		nng_aio_free(w->aio);
		free(w);
		return HL_E_INTERNAL;
	}
	pthread_mutex_lock(&n->mu);
	w->all_next = n->workers;
	n->workers = w;
	n->n_workers++;
	pthread_mutex_unlock(&n->mu);
	recv_next(w);
	return 0;
}

/* A long-poll holds its context until events come, so the pool grows to
 * keep a few contexts always receiving. */
static void keep_idle(hl_net *n)
{
	while (atomic_load(&n->idle) < MIN_IDLE) {
		int full;
		pthread_mutex_lock(&n->mu);
		full = n->n_workers >= MAX_WORKERS;
		pthread_mutex_unlock(&n->mu);
		if (full || worker_spawn(n) < 0)
			return;
	}
}

static void send_msg(struct worker *w, nng_msg *m)
{
	atomic_fetch_add(&w->net->sending, 1);
	w->state = W_SEND;
	nng_aio_set_msg(w->aio, m);
	nng_ctx_send(w->ctx, w->aio);
}

static void send_bytes(struct worker *w, const uint8_t *b, size_t len)
{
	nng_msg *m;

	if (nng_msg_alloc(&m, 0) != 0 || nng_msg_append(m, b, len) != 0) {
		if (m)
			nng_msg_free(m);
		recv_next(w);
		return;
	}
	send_msg(w, m);
}

/* Plain error frames carry no secret: they say the frame could not be taken
 * and why, so the client can re-handshake or give up. */
static void send_error(struct worker *w, int code, const char *text)
{
	uint8_t buf[HL_FRAME_ERROR_HDR + HL_FRAME_ERRTEXT_MAX];
	size_t tl = strlen(text);
	int h;

	if (tl > HL_FRAME_ERRTEXT_MAX)
		tl = HL_FRAME_ERRTEXT_MAX;
	h = hl_frame_encode_header(buf, sizeof buf, HL_FRAME_ERROR, 0, 0, (uint8_t)-code);
	memcpy(buf + h, text, tl);
	send_bytes(w, buf, (size_t)h + tl);
}

static void peer_of(nng_msg *m, char *out, size_t cap)
{
	nng_pipe p = nng_msg_get_pipe(m);
	nng_sockaddr sa;

	snprintf(out, cap, "local");
	if (nng_pipe_id(p) < 0 || nng_pipe_get_addr(p, NNG_OPT_REMADDR, &sa) != 0)
		return;
	if (sa.s_family == NNG_AF_INET)
		inet_ntop(AF_INET, &sa.s_in.sa_addr, out, (socklen_t)cap);
	else if (sa.s_family == NNG_AF_INET6)
		inet_ntop(AF_INET6, sa.s_in6.sa_addr, out, (socklen_t)cap);
}

static void on_hs1(struct worker *w, nng_msg *m, const hl_frame *f)
{
	hl_net *n = w->net;
	hl_chan_hs st;
	uint8_t payload[HL_CHAN_HELLO_MAX], reply[HL_CHAN_HELLO_MAX];
	uint8_t out[HL_FRAME_HS2_HDR + HL_CHAN_HELLO_MAX + HL_NOISE_HS_OVERHEAD];
	size_t plen, rlen, olen;
	Hotline__Hello *hello;
	Hotline__HelloReply hr = HOTLINE__HELLO_REPLY__INIT;
	struct net_chan *c;
	struct peer *p;
	char err[160], addr[48], key[48];
	int64_t now;
	int rc;

	rc = hl_chan_server_read(&st, n->s_priv, f, payload, sizeof payload, &plen);
	if (rc < 0) {
		hl_noise_hs_wipe(&st.hs);
		send_error(w, rc, "handshake failed: the message does not decrypt with this "
			   "broker's key");
		return;
	}
	hello = hotline__hello__unpack(NULL, plen, payload);
	hr.protocol_version = HOTLINE__VERSION__PROTOCOL_VERSION;
	hr.broker = "hotline-broker";
	if (!hello) {
		hl_noise_hs_wipe(&st.hs);
		send_error(w, HL_E_MALFORMED, "handshake payload does not parse");
		return;
	}
	if (hello->protocol_version != HOTLINE__VERSION__PROTOCOL_VERSION) {
		snprintf(err, sizeof err, "protocol version mismatch: client speaks %u, broker "
			 "speaks %u; install matching versions", hello->protocol_version,
			 (unsigned)HOTLINE__VERSION__PROTOCOL_VERSION);
		hr.status = HOTLINE__STATUS__VERSION_MISMATCH;
		hr.error = err;
	}
	hotline__hello__free_unpacked(hello, NULL);
	rlen = hotline__hello_reply__pack(&hr, reply);

	c = calloc(1, sizeof *c);
	if (!c) {
		hl_noise_hs_wipe(&st.hs);
		send_error(w, HL_E_NOMEM, "broker out of memory");
		return;
	}
	peer_of(m, addr, sizeof addr);
	hl_throttle_source(addr, key, sizeof key);
	now = hl_clock_wall_ms();
	pthread_mutex_lock(&n->mu);
	prelogin_expire_locked(n, now);
	if (prelogin_room_locked(n, key) < 0 || !(p = peer_find_locked(n, key, 1))) {
		n->refused++;
		pthread_mutex_unlock(&n->mu);
		free(c);
		hl_noise_hs_wipe(&st.hs);
		send_error(w, HL_E_THROTTLED, "broker busy: too many logged-in sessions; retry "
			   "later");
		return;
	}
	uint64_t sid;
	do {
		randombytes_buf(&sid, sizeof sid);
	} while (sid == 0 || chan_find_locked(n, sid));
	rc = hl_chan_server_finish(&st, sid, reply, rlen, out, sizeof out, &olen, &c->ch);
	if (rc == 0 && hr.status == 0) {
		c->last_ms = c->born_ms = now;
		hl_hmap_put(&n->chans, &c->node, sid);
		n->n_chans++;
		prelogin_link_locked(n, c, p);
		c = NULL;
	} else if (p->n == 0) {
		peer_drop_locked(n, p);
	}
	pthread_mutex_unlock(&n->mu);
	if (c) {
		/* A refused version still gets the encrypted reply, but no session. */
		if (rc == 0)
			hl_chan_destroy(&c->ch);
		free(c);
	}
	if (rc < 0) {
		send_error(w, rc, "handshake failed");
		return;
	}
	send_bytes(w, out, olen);
}

static void on_keyreq(struct worker *w, nng_msg *m, const hl_frame *f)
{
	uint8_t out[HL_FRAME_KEY_HDR + 32];
	int h;

	(void)m;
	(void)f;
	h = hl_frame_encode_header(out, sizeof out, HL_FRAME_KEY, 0, 0, 0);
	memcpy(out + h, w->net->s_pub, 32);
	send_bytes(w, out, (size_t)h + 32);
}

static int cached_reply(hl_net *n, struct net_chan *c, uint64_t nonce, nng_msg **out)
{
	int found = 0;

	pthread_mutex_lock(&n->mu);
	for (int i = 0; i < CACHE_N; i++) {
		if (c->cache[i].msg && c->cache[i].nonce == nonce) {
			found = nng_msg_dup(out, c->cache[i].msg) == 0;
			break;
		}
	}
	pthread_mutex_unlock(&n->mu);
	return found;
}

static void on_data(struct worker *w, nng_msg *m, const hl_frame *f)
{
	hl_net *n = w->net;
	struct net_chan *c = chan_get(n, f->session);
	nng_msg *again;
	uint8_t *pt;
	int rc;

	if (!c) {
		send_error(w, HL_E_SESSION, "session unknown: the broker restarted or the session "
			   "expired; handshake again");
		return;
	}
	pt = malloc(f->body_len > HL_NOISE_TAGLEN ? f->body_len - HL_NOISE_TAGLEN : 1);
	if (!pt) {
		chan_put(n, c);
		send_error(w, HL_E_NOMEM, "broker out of memory");
		return;
	}
	rc = hl_chan_open(&c->ch, f, pt);
	if (rc < 0) {
		free(pt);
		/* nng re-sends a request whose connection dropped; if we answered
		 * it already, the same answer goes again, so it runs once. */
		if (rc == HL_E_REPLAY && cached_reply(n, c, f->nonce, &again)) {
			chan_put(n, c);
			send_msg(w, again);
			return;
		}
		chan_put(n, c);
		send_error(w, rc, rc == HL_E_REPLAY ? "frame replayed or too old; dropped"
						    : "frame does not authenticate; dropped");
		return;
	}
	w->chan = c;
	w->nonce = f->nonce;
	w->req.sid = f->session;
	w->req.data = pt;
	w->req.len = f->body_len - HL_NOISE_TAGLEN;
	peer_of(m, w->req.peer, sizeof w->req.peer);
	w->state = W_WAIT;
	keep_idle(n);
	n->fn(n->arg, &w->req);  /* w belongs to the loop from here */
}

typedef void (*frame_fn)(struct worker *w, nng_msg *m, const hl_frame *f);

/* What the broker does with each kind of frame a client may send. */
static const frame_fn frame_handlers[] = {
	[HL_FRAME_HS1] = on_hs1,
	[HL_FRAME_KEYREQ] = on_keyreq,
	[HL_FRAME_DATA] = on_data,
};

static void handle(struct worker *w, nng_msg *m)
{
	hl_frame f;
	int rc = hl_frame_decode(nng_msg_body(m), nng_msg_len(m), &f);
	frame_fn fn = NULL;

	if (rc == 0 && f.kind > 0 &&
	    (size_t)f.kind < sizeof frame_handlers / sizeof frame_handlers[0])
		fn = frame_handlers[f.kind];
	if (rc == HL_E_VERSION)
		send_error(w, rc, "unknown wire version; upgrade the client");
	else if (rc < 0 || !fn)
		send_error(w, HL_E_MALFORMED, "malformed frame; dropped");
	else
		fn(w, m, &f);
	nng_msg_free(m);
}

static void worker_cb(void *arg)
{
	struct worker *w = arg;
	int rv = nng_aio_result(w->aio);

	if (w->state == W_RECV) {
		atomic_fetch_sub(&w->net->idle, 1);
		if (rv != 0) {
			if (rv != NNG_ECLOSED)
				recv_next(w);
			return;
		}
		handle(w, nng_aio_get_msg(w->aio));
	} else if (w->state == W_SEND) {
		atomic_fetch_sub(&w->net->sending, 1);
		if (rv != 0) {
			nng_msg_free(nng_aio_get_msg(w->aio));
			if (rv == NNG_ECLOSED)
				return;
		}
		recv_next(w);
	}
}

/* --- public --- */

void hl_net_limits_default(hl_net_limits *l)
{
	l->sessions_max = 100000;   /* bounds memory: a session is about 2 KiB */
	l->prelogin_per_peer = 128; /* an office behind one NAT logging in at once */
	l->prelogin_ttl_ms = 30000;
}

void hl_net_set_limits(hl_net *n, const hl_net_limits *l)
{
	pthread_mutex_lock(&n->mu);
	n->lim = *l;
	pthread_mutex_unlock(&n->mu);
}

void hl_net_mark_authed(hl_net *n, uint64_t sid)
{
	struct net_chan *c;

	pthread_mutex_lock(&n->mu);
	if ((c = chan_find_locked(n, sid)) && !c->authed) {
		prelogin_unlink_locked(n, c);
		c->authed = 1;
	}
	pthread_mutex_unlock(&n->mu);
}

int hl_net_open(hl_net **out, const uint8_t s_priv[32], hl_net_deliver_fn fn, void *arg)
{
	hl_net *n = calloc(1, sizeof *n);
	int rc;

	if (!n)
		return HL_E_NOMEM;
	memcpy(n->s_priv, s_priv, 32);
	if ((rc = hl_noise_pubkey(s_priv, n->s_pub)) < 0) {
		free(n);
		return rc;
	}
	n->fn = fn;
	n->arg = arg;
	hl_net_limits_default(&n->lim);
	pthread_mutex_init(&n->mu, NULL);
	if (nng_rep0_open(&n->sock) != 0) {
		free(n);
		return HL_E_INTERNAL;
	}
	nng_socket_set_size(n->sock, NNG_OPT_RECVMAXSZ, HL_FRAME_MAX);
	for (int i = 0; i < MIN_IDLE * 2; i++)
		worker_spawn(n);
	*out = n;
	return 0;
}

int hl_net_listen(hl_net *n, const char *url)
{
	int rv = nng_listen(n->sock, url, NULL, 0);

	if (rv != 0) {
		hl_log(HL_LOG_ERROR, "cannot listen on %s: %s", url, nng_strerror(rv));
		return HL_E_CONNECT;
	}
	return 0;
}

void hl_net_reply(hl_net *n, hl_net_req *r, const uint8_t *pt, size_t len)
{
	struct worker *w = (struct worker *)((char *)r - offsetof(struct worker, req));
	struct net_chan *c = w->chan;
	nng_msg *m = NULL, *copy = NULL;

	free(r->data);
	r->data = NULL;
	w->chan = NULL;
	if (nng_msg_alloc(&m, HL_CHAN_SEALED_LEN(len)) != 0 ||
	    hl_chan_seal(&c->ch, pt, len, nng_msg_body(m)) < 0) {
		if (m)
			nng_msg_free(m);
		chan_put(n, c);
		recv_next(w);
		return;
	}
	if (nng_msg_dup(&copy, m) == 0) {
		pthread_mutex_lock(&n->mu);
		unsigned i = c->cache_pos++ % CACHE_N;
		if (c->cache[i].msg)
			nng_msg_free(c->cache[i].msg);
		c->cache[i].nonce = w->nonce;
		c->cache[i].msg = copy;
		pthread_mutex_unlock(&n->mu);
	}
	chan_put(n, c);
	send_msg(w, m);
}

void hl_net_forget(hl_net *n, uint64_t sid)
{
	struct net_chan *c;

	pthread_mutex_lock(&n->mu);
	if ((c = chan_find_locked(n, sid)))
		chan_unlink_locked(n, c);
	pthread_mutex_unlock(&n->mu);
}

void hl_net_sweep(hl_net *n, int64_t before_ms)
{
	hl_hmap_iter it;

	pthread_mutex_lock(&n->mu);
	prelogin_expire_locked(n, hl_clock_wall_ms());
	if (n->expired || n->evicted || n->refused)
		hl_log(HL_LOG_WARN, "pre-login sessions: %lu expired, %lu evicted, %lu "
		       "handshakes refused since the last report; %d of %d sessions are pre-login",
			n->expired, n->evicted, n->refused, n->n_prelogin, n->n_chans);
	n->expired = n->evicted = n->refused = 0;
	for (hl_hmap_node *x = hl_hmap_first(&n->chans, &it); x; x = hl_hmap_next(&it)) {
		struct net_chan *c = hl_hmap_entry(x, struct net_chan, node);
		/* Unlinking may free c and a peer: the walk has stepped past. */
		if (c->last_ms < before_ms && c->refs == 0)
			chan_unlink_locked(n, c);
	}
	pthread_mutex_unlock(&n->mu);
}

void hl_net_counts(hl_net *n, int *sessions, int *workers)
{
	pthread_mutex_lock(&n->mu);
	*sessions = n->n_chans;
	*workers = n->n_workers;
	pthread_mutex_unlock(&n->mu);
}

void hl_net_drain(hl_net *n, int max_ms)
{
	for (int waited = 0; atomic_load(&n->sending) > 0 && waited < max_ms; waited += 10)
		nanosleep(&(struct timespec){.tv_nsec = 10 * 1000000}, NULL);
}

void hl_net_close(hl_net *n)
{
	struct worker *w, *next;
	hl_hmap_iter it;

	if (!n)
		return;
	nng_close(n->sock);
	/* Freeing an aio waits for its callback, so no worker runs after this. */
	for (w = n->workers; w; w = w->all_next)
		nng_aio_stop(w->aio);
	for (w = n->workers; w; w = next) {
		next = w->all_next;
		nng_aio_free(w->aio);
		free(w->req.data);
		if (w->chan)
			w->chan->refs--;
		free(w);
	}
	for (hl_hmap_node *x = hl_hmap_first(&n->chans, &it); x; x = hl_hmap_next(&it))
		chan_free(hl_hmap_entry(x, struct net_chan, node));
	for (hl_hmap_node *x = hl_hmap_first(&n->peers, &it); x; x = hl_hmap_next(&it))
		free(hl_hmap_entry(x, struct peer, node));
	hl_hmap_fini(&n->chans);
	hl_hmap_fini(&n->peers);
	pthread_mutex_destroy(&n->mu);
	sodium_memzero(n->s_priv, sizeof n->s_priv);
	free(n);
}

/* The client side of the channel. One REQ socket with two contexts: one for
 * requests, one for the event long-poll. nng never re-sends on a timer; a
 * request it re-sends after a reconnect is answered "session unknown",
 * which makes the client handshake again and resume by token. */
#include "client.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <nng/nng.h>
#include <nng/protocol/reqrep0/req.h>
#include <sodium.h>

#include "channel.h"
#include "clock.h"
#include "error.h"

#define DEFAULT_TIMEOUT_MS 15000
#define POLL_SLACK_MS 10000   /* a poll's reply may take wait_ms plus this */
#define MAX_CHANS 1024        /* old channels kept until close (threads may hold them) */
#define LOGIN_WAIT_MAX_MS 2000 /* a throttled login waits out at most this, then says so */

struct hl_client {
	nng_socket sock;
	nng_dialer dialer;
	nng_ctx req_ctx, poll_ctx;
	nng_aio *req_aio, *poll_aio;
	pthread_mutex_t req_mu, poll_mu;  /* one user of each context at a time */
	pthread_mutex_t mu;               /* guards what follows */
	hl_chan *chan;
	hl_chan *old[MAX_CHANS];
	int n_old;
	unsigned gen;
	uint8_t key[32];
	char fp[64];
	char token[64];
	uint64_t last_seq;
	uint64_t next_id;
	Hotline__Reply *me_reply;
	const Hotline__User *me;
	char err[320];
	hl_client_opts o;
	char url[512], name[64];
	atomic_int reconnecting;
	atomic_uint reconnects;
	int trusted;          /* the key matched a pin, or a person accepted it */
	uint32_t retry_after_ms; /* the last login's THROTTLED answer, 0 if none */
};

static void set_err(hl_client *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void set_err(hl_client *c, const char *fmt, ...)
{
	va_list ap;

	pthread_mutex_lock(&c->mu);
	va_start(ap, fmt);
	vsnprintf(c->err, sizeof c->err, fmt, ap);
	va_end(ap);
	pthread_mutex_unlock(&c->mu);
}

static void sleep_ms(int ms)
{
	struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000};
	nanosleep(&ts, NULL);
}

/* Sends `len` bytes on a context and waits for the answer until `timeout`.
 * Returns 0 with *out, HL_E_TIMEOUT, or HL_E_CONNECT. */
static int exchange(nng_ctx ctx, nng_aio *aio, const uint8_t *buf, size_t len, int timeout,
		    nng_msg **out)
{
	nng_msg *m;
	int rv;

	if (nng_msg_alloc(&m, len) != 0)
		return HL_E_NOMEM;
	memcpy(nng_msg_body(m), buf, len);
	nng_aio_set_msg(aio, m);
	nng_aio_set_timeout(aio, timeout > 0 ? timeout : 1);
	nng_ctx_send(ctx, aio);
	nng_aio_wait(aio);
	if ((rv = nng_aio_result(aio)) != 0) {
		nng_msg_free(nng_aio_get_msg(aio));
		return rv == NNG_ETIMEDOUT ? HL_E_TIMEOUT : HL_E_CONNECT;
	}
	nng_aio_set_timeout(aio, timeout > 0 ? timeout : 1);
	nng_ctx_recv(ctx, aio);
	nng_aio_wait(aio);
	if ((rv = nng_aio_result(aio)) != 0)
		return rv == NNG_ETIMEDOUT ? HL_E_TIMEOUT : HL_E_CONNECT;
	*out = nng_aio_get_msg(aio);
	return 0;
}

/* Reads a plain ERROR frame's code and text into the client's error. */
static int frame_error(hl_client *c, const hl_frame *f)
{
	set_err(c, "broker: %.*s", (int)f->body_len, (const char *)f->body);
	return -(int)f->err_code;
}

static int fetch_key(hl_client *c, int timeout, uint8_t key[32])
{
	uint8_t req[HL_FRAME_KEYREQ_HDR];
	nng_msg *m;
	hl_frame f;
	int rc;

	hl_frame_encode_header(req, sizeof req, HL_FRAME_KEYREQ, 0, 0, 0);
	if ((rc = exchange(c->req_ctx, c->req_aio, req, sizeof req, timeout, &m)) < 0)
		return rc;
	rc = hl_frame_decode(nng_msg_body(m), nng_msg_len(m), &f);
	if (rc == 0 && f.kind == HL_FRAME_KEY)
		memcpy(key, f.body, 32);
	else if (rc == 0 && f.kind == HL_FRAME_ERROR)
		rc = frame_error(c, &f);
	else
		rc = HL_E_MALFORMED;
	nng_msg_free(m);
	return rc;
}

/* Fetches the key, checks it, and handshakes; on success installs the new
 * channel. Called with req_mu held. */
static int handshake(hl_client *c, int timeout, int first)
{
	uint8_t key[32], hello_buf[HL_CHAN_HELLO_MAX], payload[HL_CHAN_HELLO_MAX];
	uint8_t out[HL_FRAME_HS1_HDR + HL_CHAN_HELLO_MAX + HL_NOISE_HS_OVERHEAD];
	Hotline__Hello hello = HOTLINE__HELLO__INIT;
	Hotline__HelloReply *hr;
	hl_chan_hs st;
	hl_chan *ch;
	size_t hlen, olen, plen;
	nng_msg *m;
	hl_frame f;
	char fp[64];
	int rc;

	if ((rc = fetch_key(c, timeout, key)) < 0) {
		if (rc == HL_E_TIMEOUT || rc == HL_E_CONNECT)
			set_err(c, "no answer from the broker at %s; is it running?", c->url);
		return rc;
	}
	hl_noise_fingerprint(key, fp);
	if (first) {
		if (c->o.pin && c->o.pin[0] && strcmp(c->o.pin, fp) != 0) {
			set_err(c, "the broker at %s presents key %s, which does not match the pinned "
				"%s; nothing was sent. If the broker's key was changed on purpose, "
				"update the pin", c->url, fp, c->o.pin);
			return HL_E_PIN;
		}
		memcpy(c->key, key, 32);
		snprintf(c->fp, sizeof c->fp, "%s", fp);
	} else if (sodium_memcmp(key, c->key, 32) != 0) {
		set_err(c, "the broker at %s now presents key %s, not %s seen before; refusing "
			"to continue", c->url, fp, c->fp);
		return HL_E_PIN;
	}
	hello.protocol_version = c->o.protocol_version ? c->o.protocol_version
						       : HOTLINE__VERSION__PROTOCOL_VERSION;
	hello.client = c->name;
	hlen = hotline__hello__pack(&hello, hello_buf);
	if ((rc = hl_chan_client_start(&st, key, hello_buf, hlen, out, sizeof out, &olen)) < 0)
		return rc;
	if ((rc = exchange(c->req_ctx, c->req_aio, out, olen, timeout, &m)) < 0) {
		hl_noise_hs_wipe(&st.hs);
		return rc;
	}
	if (!(ch = calloc(1, sizeof *ch))) {
		nng_msg_free(m);
		return HL_E_NOMEM;
	}
	rc = hl_frame_decode(nng_msg_body(m), nng_msg_len(m), &f);
	if (rc == 0 && f.kind == HL_FRAME_ERROR)
		rc = frame_error(c, &f);
	else if (rc == 0)
		rc = hl_chan_client_finish(&st, &f, payload, sizeof payload, &plen, ch);
	nng_msg_free(m);
	hl_noise_hs_wipe(&st.hs);
	if (rc < 0) {
		free(ch);
		if (rc == HL_E_CRYPTO)
			set_err(c, "the handshake with %s failed: the broker does not hold the key "
				"it presented", c->url);
		return rc;
	}
	hr = hotline__hello_reply__unpack(NULL, plen, payload);
	if (!hr) {
		hl_chan_destroy(ch);
		free(ch);
		set_err(c, "the broker's handshake reply does not parse");
		return HL_E_MALFORMED;
	}
	if (hr->status != 0) {
		set_err(c, "%s", hr->error[0] ? hr->error : "the broker refused the handshake");
		rc = hr->status == HOTLINE__STATUS__VERSION_MISMATCH ? HL_E_VERSION : -(int)hr->status;
		hotline__hello_reply__free_unpacked(hr, NULL);
		hl_chan_destroy(ch);
		free(ch);
		return rc;
	}
	hotline__hello_reply__free_unpacked(hr, NULL);
	pthread_mutex_lock(&c->mu);
	if (c->chan) {
		if (c->n_old < MAX_CHANS) {
			c->old[c->n_old++] = c->chan;
		} else {
			/* Reconnects this many times over: drop the oldest. */
			hl_chan_destroy(c->old[0]);
			free(c->old[0]);
			memmove(c->old, c->old + 1, (MAX_CHANS - 1) * sizeof c->old[0]);
			c->old[MAX_CHANS - 1] = c->chan;
		}
	}
	c->chan = ch;
	c->gen++;
	pthread_mutex_unlock(&c->mu);
	return 0;
}

int hl_client_open(hl_client **out, const hl_client_opts *o, char *err, size_t errcap)
{
	hl_client *c = calloc(1, sizeof *c);
	int rv, rc;

	if (!c) {
		snprintf(err, errcap, "out of memory");
		return HL_E_NOMEM;
	}
	if (sodium_init() < 0) {
		free(c);
		snprintf(err, errcap, "libsodium failed to initialise");
		return HL_E_INTERNAL;
	}
	c->o = *o;
	snprintf(c->url, sizeof c->url, "%s", o->url ? o->url : "");
	snprintf(c->name, sizeof c->name, "%s", o->name ? o->name : "hotline-client");
	c->o.url = c->url;
	c->o.name = c->name;
	c->o.pin = NULL;
	if (!c->o.timeout_ms)
		c->o.timeout_ms = DEFAULT_TIMEOUT_MS;
	pthread_mutex_init(&c->mu, NULL);
	pthread_mutex_init(&c->req_mu, NULL);
	pthread_mutex_init(&c->poll_mu, NULL);
	if ((rv = nng_req0_open(&c->sock)) != 0) {
		snprintf(err, errcap, "cannot open a socket: %s", nng_strerror(rv));
		free(c);
		return HL_E_INTERNAL;
	}
	/* No timed re-sends: a request goes again only after a reconnect, and
	 * then the broker's "session unknown" tells us to handshake. */
	nng_socket_set_ms(c->sock, NNG_OPT_REQ_RESENDTIME, NNG_DURATION_INFINITE);
	nng_socket_set_ms(c->sock, NNG_OPT_RECONNMINT, 100);
	nng_socket_set_ms(c->sock, NNG_OPT_RECONNMAXT, 2000);
	nng_socket_set_size(c->sock, NNG_OPT_RECVMAXSZ, HL_FRAME_MAX);
	if (nng_ctx_open(&c->req_ctx, c->sock) != 0 || nng_ctx_open(&c->poll_ctx, c->sock) != 0 ||
	    nng_aio_alloc(&c->req_aio, NULL, NULL) != 0 ||
	    nng_aio_alloc(&c->poll_aio, NULL, NULL) != 0) {
		snprintf(err, errcap, "out of memory");
		hl_client_close(c);
		return HL_E_NOMEM;
	}
	rv = nng_dial(c->sock, c->url, &c->dialer, o->nonblock_dial ? NNG_FLAG_NONBLOCK : 0);
	if (rv != 0) {
		snprintf(err, errcap, "cannot connect to the broker at %s: %s; is it running and "
			 "is the address right?", c->url, nng_strerror(rv));
		hl_client_close(c);
		return HL_E_CONNECT;
	}
	/* The pin is checked against what the first handshake sees. */
	c->o.pin = o->pin;
	pthread_mutex_lock(&c->req_mu);
	rc = handshake(c, c->o.timeout_ms, 1);
	pthread_mutex_unlock(&c->req_mu);
	c->o.pin = NULL;
	c->trusted = rc == 0 && o->pin && o->pin[0];
	if (rc < 0) {
		snprintf(err, errcap, "%s", c->err[0] ? c->err : hl_strerror(rc));
		hl_client_close(c);
		return rc == HL_E_TIMEOUT ? HL_E_CONNECT : rc;
	}
	*out = c;
	return 0;
}

void hl_client_close(hl_client *c)
{
	if (!c)
		return;
	nng_close(c->sock);
	if (c->req_aio)
		nng_aio_free(c->req_aio);
	if (c->poll_aio)
		nng_aio_free(c->poll_aio);
	if (c->chan) {
		hl_chan_destroy(c->chan);
		free(c->chan);
	}
	for (int i = 0; i < c->n_old; i++) {
		hl_chan_destroy(c->old[i]);
		free(c->old[i]);
	}
	if (c->me_reply)
		hotline__reply__free_unpacked(c->me_reply, NULL);
	sodium_memzero(c->token, sizeof c->token);
	pthread_mutex_destroy(&c->mu);
	pthread_mutex_destroy(&c->req_mu);
	pthread_mutex_destroy(&c->poll_mu);
	free(c);
}

const char *hl_client_fingerprint(hl_client *c)
{
	return c->fp;
}

void hl_client_trust(hl_client *c)
{
	c->trusted = 1;
}

uint32_t hl_client_retry_after_ms(hl_client *c)
{
	return c->retry_after_ms;
}

const char *hl_client_token(hl_client *c)
{
	return c->token;
}

const Hotline__User *hl_client_me(hl_client *c)
{
	return c->me;
}

const char *hl_client_error(hl_client *c)
{
	return c->err;
}

int hl_client_reconnecting(hl_client *c)
{
	return atomic_load(&c->reconnecting);
}

unsigned hl_client_reconnects(hl_client *c)
{
	return atomic_load(&c->reconnects);
}

uint64_t hl_client_last_seq(hl_client *c)
{
	uint64_t v;
	pthread_mutex_lock(&c->mu);
	v = c->last_seq;
	pthread_mutex_unlock(&c->mu);
	return v;
}

void hl_client_set_last_seq(hl_client *c, uint64_t seq)
{
	pthread_mutex_lock(&c->mu);
	if (seq < c->last_seq)
		c->last_seq = seq;
	pthread_mutex_unlock(&c->mu);
}

void hl_client_reply_free(Hotline__Reply *rp)
{
	if (rp)
		hotline__reply__free_unpacked(rp, NULL);
}

/* One sealed round trip on `ctx` with the current channel. Returns 0 with
 * *rp, HL_E_SESSION when the broker no longer knows the channel, or another
 * transport code. Does not retry. */
static int sealed_exchange(hl_client *c, nng_ctx ctx, nng_aio *aio, const uint8_t *pt,
			   size_t len, int timeout, uint64_t id, Hotline__Reply **rp,
			   unsigned *gen_used)
{
	hl_chan *ch;
	uint8_t *buf, *plain;
	nng_msg *m;
	hl_frame f;
	int rc;

	pthread_mutex_lock(&c->mu);
	ch = c->chan;
	*gen_used = c->gen;
	pthread_mutex_unlock(&c->mu);
	if (!(buf = malloc(HL_CHAN_SEALED_LEN(len))))
		return HL_E_NOMEM;
	hl_chan_seal(ch, pt, len, buf);
	rc = exchange(ctx, aio, buf, HL_CHAN_SEALED_LEN(len), timeout, &m);
	free(buf);
	if (rc < 0)
		return rc;
	rc = hl_frame_decode(nng_msg_body(m), nng_msg_len(m), &f);
	if (rc == 0 && f.kind == HL_FRAME_ERROR) {
		rc = frame_error(c, &f);
	} else if (rc == 0 && f.kind == HL_FRAME_DATA) {
		plain = malloc(f.body_len);
		if (!plain) {
			rc = HL_E_NOMEM;
		} else if ((rc = hl_chan_open(ch, &f, plain)) == 0) {
			*rp = hotline__reply__unpack(NULL, f.body_len - HL_NOISE_TAGLEN, plain);
			if (!*rp)
				rc = HL_E_MALFORMED;
			else if ((*rp)->id != id) {
				hotline__reply__free_unpacked(*rp, NULL);
				*rp = NULL;
				rc = HL_E_MALFORMED;
			}
		}
		free(plain);
	} else if (rc == 0) {
		rc = HL_E_MALFORMED;
	}
	nng_msg_free(m);
	return rc;
}

static int resume_locked(hl_client *c, int timeout);

/* Re-establishes the session after the broker lost it: a new handshake,
 * then resume by token. Only one thread does it; others find the
 * generation moved on and simply retry. */
static int reestablish(hl_client *c, unsigned gen_seen, int timeout)
{
	int rc = 0;

	pthread_mutex_lock(&c->req_mu);
	pthread_mutex_lock(&c->mu);
	int stale = c->gen != gen_seen;
	pthread_mutex_unlock(&c->mu);
	if (!stale) {
		atomic_store(&c->reconnecting, 1);
		rc = handshake(c, timeout, 0);
		if (rc == 0 && c->token[0])
			rc = resume_locked(c, timeout);
		if (rc == 0) {
			atomic_fetch_add(&c->reconnects, 1);
			atomic_store(&c->reconnecting, 0);
		}
	}
	pthread_mutex_unlock(&c->req_mu);
	return rc;
}

/* Is this error worth a new handshake and another try? */
static int recoverable(int rc)
{
	return rc == HL_E_SESSION || rc == HL_E_TIMEOUT || rc == HL_E_CONNECT ||
	       rc == HL_E_REPLAY || rc == HL_E_CRYPTO;
}

/* Sends a request on the given context, recovering from a lost session
 * until `deadline`. `lock` is the context's mutex. */
static int call_on(hl_client *c, nng_ctx ctx, nng_aio *aio, pthread_mutex_t *lock,
		   Hotline__Request *rq, int per_try_ms, int64_t deadline, Hotline__Reply **rp)
{
	uint8_t stackbuf[2048], *pt = stackbuf;
	size_t len;
	unsigned gen;
	int backoff = 100, rc;

	*rp = NULL;
	pthread_mutex_lock(&c->mu);
	rq->id = ++c->next_id;
	pthread_mutex_unlock(&c->mu);
	len = hotline__request__get_packed_size(rq);
	if (len > sizeof stackbuf && !(pt = malloc(len)))
		return HL_E_NOMEM;
	hotline__request__pack(rq, pt);
	for (;;) {
		int64_t left = deadline - hl_clock_mono_ms();
		if (left <= 0) {
			rc = HL_E_TIMEOUT;
			break;
		}
		pthread_mutex_lock(lock);
		rc = sealed_exchange(c, ctx, aio, pt, len,
				     (int)(left < per_try_ms ? left : per_try_ms), rq->id, rp, &gen);
		pthread_mutex_unlock(lock);
		if (rc == 0 || !recoverable(rc))
			break;
		/* A timeout on a live session is only a slow answer if the broker
		 * still knows us; a new handshake tells. */
		atomic_store(&c->reconnecting, 1);
		left = deadline - hl_clock_mono_ms();
		if (left <= 0) {
			rc = HL_E_TIMEOUT;
			break;
		}
		int rr = reestablish(c, gen, (int)(left < 5000 ? left : 5000));
		if (rr == HL_E_PIN || rr == HL_E_VERSION || rr == HL_E_AUTH) {
			rc = rr;
			break;
		}
		if (rr < 0) {
			sleep_ms(backoff);
			if (backoff < 2000)
				backoff *= 2;
		}
	}
	if (pt != stackbuf)
		free(pt);
	if (rc == HL_E_TIMEOUT && !c->err[0])
		set_err(c, "no answer from the broker at %s in time", c->url);
	if (rc == 0 && (*rp)->status != 0) {
		set_err(c, "%s", (*rp)->error[0] ? (*rp)->error : hl_strerror(-(int)(*rp)->status));
		return -(int)(*rp)->status;
	}
	if (rc == 0)
		atomic_store(&c->reconnecting, 0);
	return rc;
}

int hl_client_call(hl_client *c, Hotline__Request *rq, Hotline__Reply **rp)
{
	ProtobufCBinaryData given = rq->idem_key;
	uint8_t key[HL_CLIENT_KEY_LEN];
	int rc;

	c->err[0] = 0;
	/* One idempotency key per call: call_on packs the request once and
	 * re-sends those bytes after a forged or real "session unknown", a
	 * timeout or a dropped connection, so every retry carries this key and
	 * the broker makes a change once. */
	if (!given.len) {
		randombytes_buf(key, sizeof key);
		rq->idem_key.data = key;
		rq->idem_key.len = sizeof key;
	}
	rc = call_on(c, c->req_ctx, c->req_aio, &c->req_mu, rq, c->o.timeout_ms,
		     hl_clock_mono_ms() + c->o.timeout_ms, rp);
	rq->idem_key = given;  /* the key lived on this stack */
	return rc;
}

static void take_login(hl_client *c, Hotline__Reply *rp, int keep_token)
{
	pthread_mutex_lock(&c->mu);
	if (!keep_token)
		snprintf(c->token, sizeof c->token, "%s", rp->login->token);
	if (c->me_reply)
		hotline__reply__free_unpacked(c->me_reply, NULL);
	c->me_reply = rp;
	c->me = rp->login->me;
	pthread_mutex_unlock(&c->mu);
}

int hl_client_login(hl_client *c, const char *user, const char *password)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__Login l = HOTLINE__LOGIN__INIT;
	Hotline__Reply *rp;
	int64_t deadline = hl_clock_mono_ms() + c->o.timeout_ms;
	int rc;

	c->retry_after_ms = 0;
	/* A password goes only to a key somebody vouched for: otherwise anyone
	 * answering at the address would collect it. */
	if (!c->trusted) {
		set_err(c, "no pin: set HOTLINE_PIN or --pin; get it with hotline-broker "
			"fingerprint");
		return HL_E_PIN;
	}
	l.user = (char *)user;
	l.password = (char *)password;
	rq.body_case = HOTLINE__REQUEST__BODY_LOGIN;
	rq.login = &l;
	for (;;) {
		uint32_t wait;
		c->err[0] = 0;
		rc = call_on(c, c->req_ctx, c->req_aio, &c->req_mu, &rq, c->o.timeout_ms, deadline,
			     &rp);
		if (rc != HL_E_THROTTLED || !rp)
			break;
		c->retry_after_ms = rp->retry_after_ms ? rp->retry_after_ms : 1000;
		/* Logins in progress elsewhere clear in a moment: wait that out
		 * (spread a little, so parallel clients do not come back as one).
		 * A penalty, or a wait past the deadline, is the caller's to show. */
		wait = c->retry_after_ms + randombytes_uniform(c->retry_after_ms / 2 + 1);
		if (c->retry_after_ms > LOGIN_WAIT_MAX_MS || hl_clock_mono_ms() + wait >= deadline)
			break;
		hl_client_reply_free(rp);
		rp = NULL;
		sleep_ms((int)wait);
	}
	if (rc == 0 && rp->body_case == HOTLINE__REPLY__BODY_LOGIN) {
		take_login(c, rp, 0);
		pthread_mutex_lock(&c->mu);
		c->last_seq = rp->login->next_seq ? rp->login->next_seq - 1 : 0;
		pthread_mutex_unlock(&c->mu);
		return 0;
	}
	hl_client_reply_free(rp);
	return rc < 0 ? rc : HL_E_MALFORMED;
}

/* Sends Resume on the request context; req_mu is held by the caller. */
static int resume_locked(hl_client *c, int timeout)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__Resume r = HOTLINE__RESUME__INIT;
	Hotline__Reply *rp = NULL;
	uint8_t buf[256];
	size_t len;
	unsigned gen;
	int rc;

	pthread_mutex_lock(&c->mu);
	r.token = c->token;
	r.last_seq = c->last_seq;
	rq.id = ++c->next_id;
	pthread_mutex_unlock(&c->mu);
	rq.body_case = HOTLINE__REQUEST__BODY_RESUME;
	rq.resume = &r;
	len = hotline__request__pack(&rq, buf);
	rc = sealed_exchange(c, c->req_ctx, c->req_aio, buf, len, timeout, rq.id, &rp, &gen);
	if (rc < 0)
		return rc;
	if (rp->status != 0) {
		set_err(c, "%s", rp->error[0] ? rp->error : "the session could not be resumed");
		rc = rp->status == HOTLINE__STATUS__SESSION ? HL_E_AUTH : -(int)rp->status;
		hl_client_reply_free(rp);
		return rc;
	}
	take_login(c, rp, 1);
	return 0;
}

int hl_client_resume(hl_client *c, const char *token, uint64_t last_seq)
{
	int rc;

	pthread_mutex_lock(&c->req_mu);
	pthread_mutex_lock(&c->mu);
	snprintf(c->token, sizeof c->token, "%s", token);
	c->last_seq = last_seq;
	pthread_mutex_unlock(&c->mu);
	rc = resume_locked(c, c->o.timeout_ms);
	pthread_mutex_unlock(&c->req_mu);
	return rc == HL_E_AUTH ? HL_E_SESSION : rc;
}

int hl_client_poll(hl_client *c, int wait_ms, Hotline__Reply **rp, int *resync)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__Poll p = HOTLINE__POLL__INIT;
	Hotline__PollReply *pr;
	size_t k = 0;
	int rc;

	*resync = 0;
	pthread_mutex_lock(&c->mu);
	p.after_seq = c->last_seq;
	pthread_mutex_unlock(&c->mu);
	p.wait_ms = (uint32_t)wait_ms;
	rq.body_case = HOTLINE__REQUEST__BODY_POLL;
	rq.poll = &p;
	rc = call_on(c, c->poll_ctx, c->poll_aio, &c->poll_mu, &rq, wait_ms + POLL_SLACK_MS,
		     hl_clock_mono_ms() + wait_ms + POLL_SLACK_MS + c->o.timeout_ms, rp);
	if (rc < 0)
		return rc;
	if ((*rp)->body_case != HOTLINE__REPLY__BODY_POLL) {
		hl_client_reply_free(*rp);
		*rp = NULL;
		return HL_E_MALFORMED;
	}
	pr = (*rp)->poll;
	*resync = pr->resync;
	/* A reply to a poll re-sent after a reconnect can repeat events the
	 * client already has: keep only those after the last one delivered. */
	pthread_mutex_lock(&c->mu);
	/* A resync starts the count afresh from its snapshot. */
	if (pr->resync)
		c->last_seq = 0;
	for (size_t i = 0; i < pr->n_events; i++) {
		Hotline__Event *ev = pr->events[i];
		/* Volatile events (typing, agent states) carry seq 0: always the
		 * latest value, never counted; see docs/protocol.md. */
		if (ev->seq && ev->seq <= c->last_seq) {
			hotline__event__free_unpacked(ev, NULL);
			continue;
		}
		if (ev->seq)
			c->last_seq = ev->seq;
		pr->events[k++] = ev;
	}
	pthread_mutex_unlock(&c->mu);
	pr->n_events = k;
	return (int)k;
}

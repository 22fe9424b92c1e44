/* Exactly once: keyed requests that change state run once per (user, key);
 * the answer is stored with the effect, in the same turn's transaction, and
 * a retry gets it back, or waits for it if the first try is still running. */
#include "idem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "error.h"
#include "log.h"
#include "session.h"

#define SWEEP_EVERY_MS 60000

/* A keyed request being handled (a deferred one lives across turns). */
typedef struct flight {
	struct flight *next;
	hl_net_req *req;
	int64_t user_id;
	uint8_t key[HL_IDEM_KEY_MAX];
	size_t klen;
	char request[HL_IDEM_NAME_MAX + 1];
	uint8_t digest[HL_IDEM_DIGEST];
	struct {
		hl_net_req *req;
		uint64_t id;
	} waiter[HL_IDEM_WAITERS];
	int n_waiters;
} flight;

struct hl_idem {
	flight *flights;
	int64_t next_sweep_ms;
};

/* Statuses that mean "nothing was done, try again": never replayed. */
static const int transient[] = {
	HOTLINE__STATUS__INTERNAL, HOTLINE__STATUS__NOMEM, HOTLINE__STATUS__IO,
	HOTLINE__STATUS__THROTTLED, HOTLINE__STATUS__TIMEOUT,
};

hl_idem *hl_idem_new(void)
{
	return calloc(1, sizeof(hl_idem));
}

void hl_idem_free(hl_idem *t)
{
	flight *f, *fn;

	if (!t)
		return;
	for (f = t->flights; f; f = fn) {
		fn = f->next;
		free(f);
	}
	free(t);
}

int hl_idem_keeps(int status)
{
	for (size_t i = 0; i < sizeof transient / sizeof transient[0]; i++)
		if (transient[i] == status)
			return 0;
	return 1;
}

int hl_idem_digest(const Hotline__Request *rq, uint8_t out[HL_IDEM_DIGEST])
{
	Hotline__Request copy = *rq;
	uint8_t stackbuf[1024], *buf = stackbuf;
	size_t len;

	copy.id = 0;
	copy.idem_key.len = 0;
	copy.idem_key.data = NULL;
	len = hotline__request__get_packed_size(&copy);
	if (len > sizeof stackbuf && !(buf = malloc(len)))
		return HL_E_NOMEM;
	hotline__request__pack(&copy, buf);
	crypto_generichash(out, HL_IDEM_DIGEST, buf, len, NULL, 0);
	if (buf != stackbuf)
		free(buf);
	return 0;
}

int hl_idem_match(const char *name, const uint8_t digest[HL_IDEM_DIGEST], const char *d_name,
		  const uint8_t digest2[HL_IDEM_DIGEST], char *err, size_t errcap)
{
	if (strcmp(name, d_name) != 0) {
		snprintf(err, errcap, "this idempotency key was already used for '%s', so it "
			 "cannot be used for '%s'; send a new key with each new request", name,
			 d_name);
		return HL_E_INVALID;
	}
	if (sodium_memcmp(digest, digest2, HL_IDEM_DIGEST) != 0) {
		snprintf(err, errcap, "this idempotency key was already used for a '%s' with "
			 "other arguments; send a new key with each new request", name);
		return HL_E_INVALID;
	}
	return 0;
}

static flight *find(hl_idem *t, int64_t user_id, const uint8_t *key, size_t klen)
{
	for (flight *f = t->flights; f; f = f->next)
		if (f->user_id == user_id && f->klen == klen && memcmp(f->key, key, klen) == 0)
			return f;
	return NULL;
}

/* Answers a retry with the stored reply, marked as replayed. */
static int replay(hl_call *c, const hl_idem_row *row)
{
	Hotline__Reply *rp = hotline__reply__unpack(&c->arena->pb, row->reply_len, row->reply);

	if (!rp)
		return hl_call_fail(c, HL_E_INTERNAL, "the stored answer to this request does "
				    "not parse; send it with a new key");
	rp->replayed = 1;
	hl_log(HL_LOG_INFO, "a retry of '%s' by %s from %s got its first answer of %.1f s ago; "
	       "not run again", row->request, c->sess->user.name, c->req->peer,
	       (double)(c->now_ms - row->created_ms) / 1000);
	hl_broker_reply(c->b, c->req, c->id, -row->status, rp->error, rp);
	return HL_DEFER;
}

int hl_idem_begin(hl_call *c, const hl_request_desc *d, Hotline__Request *rq)
{
	hl_idem *t = c->b->idem;
	uint8_t digest[HL_IDEM_DIGEST];
	hl_idem_row row;
	flight *f;
	int64_t uid;
	int rc;

	/* Unkeyed (older clients), not a change, or before login: run as ever. */
	if (!rq->idem_key.len || d->effect == HL_REQ_AGAIN || !c->sess)
		return 0;
	if (rq->idem_key.len < HL_IDEM_KEY_MIN || rq->idem_key.len > HL_IDEM_KEY_MAX)
		return hl_call_fail(c, HL_E_INVALID, "the idempotency key must be %d to %d bytes; "
				    "this client sent %zu", HL_IDEM_KEY_MIN, HL_IDEM_KEY_MAX,
				    rq->idem_key.len);
	if (hl_idem_digest(rq, digest) < 0)
		return HL_E_NOMEM;
	uid = c->sess->row.user_id;
	if ((f = find(t, uid, rq->idem_key.data, rq->idem_key.len))) {
		if ((rc = hl_idem_match(f->request, f->digest, d->name, digest, c->err,
					sizeof c->err)) < 0)
			goto refused;
		if (f->n_waiters == HL_IDEM_WAITERS)
			return hl_call_fail(c, HL_E_THROTTLED, "this request is still being handled; "
					    "try again in a moment");
		/* The first try is still running: this retry gets its answer. */
		hl_log(HL_LOG_INFO, "a retry of '%s' by %s from %s waits for the first try, "
		       "still running", f->request, c->sess->user.name, c->req->peer);
		f->waiter[f->n_waiters].req = c->req;
		f->waiter[f->n_waiters].id = c->id;
		f->n_waiters++;
		return HL_DEFER;
	}
	rc = hl_store_idem_get(c->b->st, uid, rq->idem_key.data, rq->idem_key.len, &row);
	if (rc == 0) {
		rc = hl_idem_match(row.request, row.digest, d->name, digest, c->err, sizeof c->err);
		if (rc == 0)
			rc = replay(c, &row);
		free(row.reply);
		if (rc == HL_E_INVALID)
			goto refused;
		return rc;
	}
	if (rc != HL_E_NOTFOUND)
		return hl_call_fail(c, rc, "could not look up the idempotency key: %s; try again",
				    hl_strerror(rc));
	if (!(f = calloc(1, sizeof *f)))
		return HL_E_NOMEM;
	f->req = c->req;
	f->user_id = uid;
	memcpy(f->key, rq->idem_key.data, rq->idem_key.len);
	f->klen = rq->idem_key.len;
	snprintf(f->request, sizeof f->request, "%s", d->name);
	memcpy(f->digest, digest, HL_IDEM_DIGEST);
	f->next = t->flights;
	t->flights = f;
	return 0;
refused:
	hl_log(HL_LOG_WARN, "refused '%s' by %s from %s: %s", d->name, c->sess->user.name,
	       c->req->peer, c->err);
	return rc;
}

static void store_answer(hl_broker *b, const flight *f, const Hotline__Reply *rp)
{
	hl_idem_row row = {.created_ms = b->now_ms, .status = (int)rp->status,
			   .error = rp->error};
	int rc;

	snprintf(row.request, sizeof row.request, "%s", f->request);
	memcpy(row.digest, f->digest, HL_IDEM_DIGEST);
	row.reply_len = hotline__reply__get_packed_size(rp);
	if (!(row.reply = malloc(row.reply_len + 1))) {
		hl_log(HL_LOG_ERROR, "out of memory keeping the answer to '%s'; a retry of it "
		       "will run again", f->request);
		return;
	}
	hotline__reply__pack(rp, row.reply);
	rc = hl_store_idem_put(b->st, f->user_id, f->key, f->klen, &row);
	if (rc < 0)
		hl_log(HL_LOG_ERROR, "could not keep the answer to '%s': %s; a retry of it will "
		       "run again", f->request, hl_strerror(rc));
	free(row.reply);
}

void hl_idem_finish(hl_broker *b, hl_net_req *req, const Hotline__Reply *rp)
{
	flight **pp, *f;

	if (!b->idem)
		return;
	for (pp = &b->idem->flights; *pp && (*pp)->req != req; pp = &(*pp)->next)
		;
	if (!(f = *pp))
		return;
	*pp = f->next;
	if (hl_idem_keeps((int)rp->status))
		store_answer(b, f, rp);
	/* Parked retries get the same answer; it leaves after the same commit. */
	for (int i = 0; i < f->n_waiters; i++) {
		Hotline__Reply again = *rp;
		again.replayed = 1;
		hl_broker_reply(b, f->waiter[i].req, f->waiter[i].id, -(int)rp->status, rp->error,
				&again);
	}
	free(f);
}

void hl_idem_sweep(hl_broker *b, int64_t now_ms)
{
	int n;

	if (!b->idem || now_ms < b->idem->next_sweep_ms)
		return;
	b->idem->next_sweep_ms = now_ms + SWEEP_EVERY_MS;
	if ((n = hl_store_idem_expire(b->st, now_ms - HL_IDEM_KEEP_MS)) < 0)
		hl_log(HL_LOG_ERROR, "could not delete idempotency keys older than 24 h; they "
		       "are kept until the next sweep");
}

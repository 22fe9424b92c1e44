/* Login throttling as a fixed table of penalty records — per source, per
 * account and per account-and-source — each a penalty that runs down with
 * time plus the attempts in flight; stale records give way to new ones. */
#include "throttle.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

#define SLOTS 8192
#define PROBE 32    /* a key lives in one of the PROBE slots after its hash */

struct rec {
	char key[128];   /* "s:source", "a:user" or "p:user source" */
	int64_t pen;     /* the penalty at `at`, in ms */
	int64_t at;
	int inflight;
	int blocked;     /* reached its threshold: held until the penalty is gone */
	unsigned refused;
};

struct hl_throttle {
	hl_throttle_limits lim;
	int inflight;
	unsigned busy_refused;
	struct rec r[SLOTS];
};

void hl_throttle_limits_default(hl_throttle_limits *l)
{
	l->fail_ms = 5000;
	l->source_min_ms = 20000;
	l->max_ms = 10 * 60 * 1000;
	l->account_min_ms = 2 * 60 * 1000;
	l->busy_retry_ms = 500;
	l->source_inflight = 2;
	l->account_inflight = 4;
	l->total_inflight = 8;
}

hl_throttle *hl_throttle_new(const hl_throttle_limits *l)
{
	hl_throttle *t = calloc(1, sizeof *t);

	if (!t)
		return NULL;
	if (l)
		t->lim = *l;
	else
		hl_throttle_limits_default(&t->lim);
	return t;
}

void hl_throttle_free(hl_throttle *t)
{
	free(t);
}

void hl_throttle_source(const char *peer, char *out, size_t cap)
{
	unsigned char a[16];
	char buf[INET6_ADDRSTRLEN];

	/* One host on IPv6 has a whole /64 to choose addresses from. */
	if (strchr(peer, ':') && inet_pton(AF_INET6, peer, a) == 1) {
		memset(a + 8, 0, 8);
		if (inet_ntop(AF_INET6, a, buf, sizeof buf)) {
			snprintf(out, cap, "%s/64", buf);
			return;
		}
	}
	snprintf(out, cap, "%s", peer);
}

static int64_t pen_now(const struct rec *r, int64_t now)
{
	int64_t v = r->pen - (now > r->at ? now - r->at : 0);

	return v > 0 ? v : 0;
}

static uint32_t hash(const char *k)
{
	uint32_t h = 2166136261u;

	for (; *k; k++)
		h = (h ^ (uint8_t)*k) * 16777619u;
	return h;
}

/* A record that holds nothing any more: no penalty left, nothing in flight. */
static int spent(const struct rec *r, int64_t now)
{
	return !r->key[0] || (r->inflight == 0 && pen_now(r, now) == 0);
}

/* The record for `key`, or with `create` a new one in the first spent slot
 * of its probe window, else in the one least recently touched that has
 * nothing in flight; NULL when there is none. */
static struct rec *find(hl_throttle *t, const char *key, int create, int64_t now)
{
	uint32_t h = hash(key);
	struct rec *victim = NULL;

	for (int i = 0; i < PROBE; i++) {
		struct rec *r = &t->r[(h + (uint32_t)i) % SLOTS];
		if (r->key[0] && strcmp(r->key, key) == 0)
			return r;
		if (r->inflight || (victim && spent(victim, now)))
			continue;
		if (!victim || spent(r, now) || r->at < victim->at)
			victim = r;
	}
	if (!create || !victim)
		return NULL;
	memset(victim, 0, sizeof *victim);
	snprintf(victim->key, sizeof victim->key, "%s", key);
	victim->at = now;
	return victim;
}

static void add(hl_throttle *t, struct rec *r, int64_t ms, int64_t now)
{
	int64_t v = pen_now(r, now) + ms;

	if (v > t->lim.max_ms)
		v = t->lim.max_ms;
	r->pen = v > 0 ? v : 0;
	r->at = now;
}

static void keys(const char *user, const char *peer, char *src, char *acct, char *pair,
		 size_t cap)
{
	char s[64];

	hl_throttle_source(peer, s, sizeof s);
	snprintf(src, cap, "s:%s", s);
	snprintf(acct, cap, "a:%s", user);
	snprintf(pair, cap, "p:%s %s", user, s);
}

/* A refusal: counts it on `r` (when there is one) and says whether to log. */
static int refuse(hl_throttle_verdict *v, int why, int64_t retry, unsigned *count)
{
	unsigned n = ++*count;

	v->why = why;
	v->retry_ms = retry > 0 ? retry : 1;
	v->log = (n & (n - 1)) == 0;
	return HL_E_THROTTLED;
}

int hl_throttle_begin(hl_throttle *t, const char *user, const char *peer, int64_t now,
		      hl_throttle_verdict *v)
{
	char ks[160], ka[160], kp[160];
	struct rec *s, *a, *p;
	int64_t left;

	memset(v, 0, sizeof *v);
	keys(user, peer, ks, ka, kp, sizeof ks);
	s = find(t, ks, 0, now);
	a = find(t, ka, 0, now);
	p = find(t, kp, 0, now);
	/* A source whose penalty reached the threshold is refused until the
	 * penalty has run out, as PerSourcePenalties does. */
	if (s && s->blocked && (left = pen_now(s, now)) > 0)
		return refuse(v, HL_THROTTLE_SOURCE, left, &s->refused);
	/* An account under attack takes attempts only from sources that have
	 * not failed on it lately: the real user elsewhere still gets in. */
	if (a && p && a->blocked && pen_now(a, now) > 0 && (left = pen_now(p, now)) > 0)
		return refuse(v, HL_THROTTLE_ACCOUNT, left, &p->refused);
	if (t->inflight >= t->lim.total_inflight || (s && s->inflight >= t->lim.source_inflight) ||
	    (a && a->inflight >= t->lim.account_inflight))
		return refuse(v, HL_THROTTLE_BUSY, t->lim.busy_retry_ms,
			      s ? &s->refused : &t->busy_refused);
	if (!(s = find(t, ks, 1, now)) || !(a = find(t, ka, 1, now)) ||
	    !(p = find(t, kp, 1, now)))
		return refuse(v, HL_THROTTLE_BUSY, t->lim.busy_retry_ms, &t->busy_refused);
	/* Counted now, as a failure, so attempts running side by side see
	 * each other; a right password takes it back. */
	add(t, s, t->lim.fail_ms, now);
	add(t, a, t->lim.fail_ms, now);
	add(t, p, t->lim.fail_ms, now);
	s->blocked = s->pen >= t->lim.source_min_ms;
	a->blocked = a->pen >= t->lim.account_min_ms;
	s->inflight++;
	a->inflight++;
	p->inflight++;
	t->inflight++;
	return 0;
}

void hl_throttle_end(hl_throttle *t, const char *user, const char *peer, int ok, int64_t now)
{
	char ks[160], ka[160], kp[160];
	struct rec *r[3];
	int64_t min[3] = {t->lim.source_min_ms, t->lim.account_min_ms, INT64_MAX};

	keys(user, peer, ks, ka, kp, sizeof ks);
	r[0] = find(t, ks, 0, now);
	r[1] = find(t, ka, 0, now);
	r[2] = find(t, kp, 0, now);
	if (t->inflight > 0)
		t->inflight--;
	for (int i = 0; i < 3; i++) {
		if (!r[i])
			continue;
		if (r[i]->inflight > 0)
			r[i]->inflight--;
		if (ok)
			add(t, r[i], -t->lim.fail_ms, now);
		/* A block that only stood on this attempt's provisional count
		 * falls with it. */
		if (ok && pen_now(r[i], now) < min[i])
			r[i]->blocked = 0;
	}
}

int64_t hl_throttle_penalty(hl_throttle *t, const char *peer, int64_t now)
{
	char ks[160], s[64];
	struct rec *r;

	hl_throttle_source(peer, s, sizeof s);
	snprintf(ks, sizeof ks, "s:%s", s);
	r = find(t, ks, 0, now);
	return r ? pen_now(r, now) : 0;
}

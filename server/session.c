/* Login sessions and their outboxes. Every event a session is sent gets the
 * next sequence number and is written in the turn's transaction, so a
 * client resuming after a broker restart misses nothing and sees nothing
 * twice. */
#include "session.h"

#include "log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "error.h"
#include "module.h"

struct hl_sessions {
	hl_session *all;
	hl_hmap by_chan;
	hl_session *woken;
	hl_hmap by_user;  /* an agent's events find their sessions at once */
	int n;
};

static hl_session *user_session(hl_hmap_node *n)
{
	return n ? hl_hmap_entry(n, hl_session, user_node) : NULL;
}

hl_sessions *hl_sessions_new(void)
{
	return calloc(1, sizeof(hl_sessions));
}

static void outbox_clear(hl_session *s)
{
	for (size_t i = 0; i < s->n_ev; i++)
		free(s->ev[i].body);
	s->n_ev = 0;
}

static void session_free(hl_session *s)
{
	outbox_clear(s);
	free(s->ev);
	free(s);
}

void hl_sessions_free(hl_broker *b)
{
	hl_sessions *ss = b->sessions;
	hl_session *s, *next;

	if (!ss)
		return;
	for (s = ss->all; s; s = next) {
		next = s->next;
		/* A parked poll belongs to a context that is closing with the
		 * socket; its request memory is the network's to drop. */
		session_free(s);
	}
	hl_hmap_fini(&ss->by_chan);
	hl_hmap_fini(&ss->by_user);
	free(ss);
	b->sessions = NULL;
}

static int outbox_push(hl_session *s, uint64_t seq, const void *body, size_t len)
{
	uint8_t *copy;

	if (s->n_ev == s->cap_ev) {
		size_t cap = s->cap_ev ? s->cap_ev * 2 : 16;
		void *p = realloc(s->ev, cap * sizeof *s->ev);
		if (!p)
			return HL_E_NOMEM;
		s->ev = p;
		s->cap_ev = cap;
	}
	if (!(copy = malloc(len ? len : 1)))
		return HL_E_NOMEM;
	memcpy(copy, body, len);
	s->ev[s->n_ev].seq = seq;
	s->ev[s->n_ev].body = copy;
	s->ev[s->n_ev].len = len;
	s->n_ev++;
	return 0;
}

/* Drops events up to `upto` from memory (the store is told separately). */
static void outbox_ack(hl_session *s, uint64_t upto)
{
	size_t k = 0;

	while (k < s->n_ev && s->ev[k].seq <= upto)
		free(s->ev[k++].body);
	memmove(s->ev, s->ev + k, (s->n_ev - k) * sizeof *s->ev);
	s->n_ev -= k;
}

static void link_session(hl_sessions *ss, hl_session *s)
{
	s->next = ss->all;
	ss->all = s;
	hl_hmap_put(&ss->by_user, &s->user_node, hl_hmap_str(s->user.name));
	ss->n++;
}

static void unlink_user(hl_sessions *ss, hl_session *s)
{
	hl_hmap_del(&ss->by_user, &s->user_node);
}

static int load_event(uint64_t seq, const void *body, size_t len, void *arg)
{
	return outbox_push(arg, seq, body, len) < 0;
}

static int load_one(const hl_store_session *row, void *arg)
{
	hl_broker *b = arg;
	hl_session *s = calloc(1, sizeof *s);

	if (!s)
		return 1;
	s->row = *row;
	if (hl_store_user_get_id(b->st, row->user_id, &s->user) < 0) {
		free(s);
		return 0;
	}
	memset(s->user.pwhash, 0, sizeof s->user.pwhash);
	if (hl_store_event_each(b->st, row->id, row->acked_seq, load_event, s) < 0) {
		session_free(s);
		return 1;
	}
	link_session(b->sessions, s);
	return 0;
}

int hl_sessions_load(hl_broker *b)
{
	return hl_store_session_each(b->st, load_one, b);
}

static void token_hash(const char *token, uint8_t out[32])
{
	crypto_hash_sha256(out, (const uint8_t *)token, strlen(token));
}

static void emit_snapshot(hl_broker *b, hl_session *s)
{
	hl_arena a;
	Hotline__Event ev = HOTLINE__EVENT__INIT;
	Hotline__Snapshot snap = HOTLINE__SNAPSHOT__INIT;

	hl_arena_init(&a);
	hl_modules_snapshot(b, s, &a, &snap);
	ev.body_case = HOTLINE__EVENT__BODY_SNAPSHOT;
	ev.snapshot = &snap;
	hl_session_emit(b, s, &ev);
	hl_arena_free(&a);
}

hl_session *hl_session_create(hl_broker *b, const hl_user *u, const char *peer, char *token)
{
	hl_session *s = calloc(1, sizeof *s);
	uint8_t raw[32];

	if (!s)
		return NULL;
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(token, HL_TOKEN_LEN + 1, raw, sizeof raw,
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof raw);
	token_hash(token, s->row.token_hash);
	s->row.user_id = u->id;
	s->row.created_ms = b->now_ms;
	s->row.last_seen_ms = b->now_ms;
	s->row.next_seq = 1;
	s->row.acked_seq = 0;
	snprintf(s->row.peer, sizeof s->row.peer, "%s", peer);
	s->user = *u;
	memset(s->user.pwhash, 0, sizeof s->user.pwhash);
	if (hl_store_session_insert(b->st, &s->row) < 0) {
		free(s);
		return NULL;
	}
	link_session(b->sessions, s);
	emit_snapshot(b, s);
	return s;
}

hl_session *hl_sessions_by_token(hl_broker *b, const char *token)
{
	uint8_t h[32];

	token_hash(token, h);
	for (hl_session *s = b->sessions->all; s; s = s->next)
		if (!s->dead && sodium_memcmp(s->row.token_hash, h, 32) == 0)
			return s;
	return NULL;
}

hl_session *hl_sessions_by_chan(hl_broker *b, uint64_t sid)
{
	for (hl_hmap_node *x = hl_hmap_get(&b->sessions->by_chan, sid); x; x = hl_hmap_get_next(x)) {
		hl_session *s = hl_hmap_entry(x, hl_session, chan_node);
		if (!s->dead)
			return s;
	}
	return NULL;
}

static void unbind(hl_sessions *ss, hl_session *s)
{
	if (!s->chan_sid)
		return;
	hl_hmap_del(&ss->by_chan, &s->chan_node);
	s->chan_sid = 0;
}

static void answer_poll(hl_broker *b, hl_session *s, int with_events);

void hl_session_bind(hl_broker *b, hl_session *s, uint64_t sid)
{
	hl_session *other = hl_sessions_by_chan(b, sid);

	if (other && other != s)
		unbind(b->sessions, other);
	if (s->poll)
		answer_poll(b, s, 0);
	unbind(b->sessions, s);
	s->chan_sid = sid;
	hl_hmap_put(&b->sessions->by_chan, &s->chan_node, sid);
}

void hl_session_resume(hl_broker *b, hl_session *s, uint64_t last_seq)
{
	uint64_t first;

	/* A client that claims events never sent (a state directory restored
	 * from a backup) gets a fresh snapshot, not a silent gap. */
	if (last_seq >= s->row.next_seq) {
		s->resync = 1;
		return;
	}
	if (last_seq > s->row.acked_seq) {
		outbox_ack(s, last_seq);
		hl_store_event_ack(b->st, s->row.id, last_seq);
		s->row.acked_seq = last_seq;
		s->row_dirty = 1;
	}
	/* The events the client has not seen must all still be here: the first
	 * kept one must follow last_seq directly, or a gap would be silent. */
	first = s->n_ev ? s->ev[0].seq : s->row.next_seq;
	if (first > last_seq + 1)
		s->resync = 1;
}

static void wake(hl_broker *b, hl_session *s)
{
	if (s->woke)
		return;
	s->woke = 1;
	s->wake_next = b->sessions->woken;
	b->sessions->woken = s;
}

void hl_session_end(hl_broker *b, hl_session *s)
{
	if (s->dead)
		return;
	if (s->poll)
		answer_poll(b, s, 0);
	hl_store_session_delete(b->st, s->row.id);
	if (s->chan_sid)
		hl_net_forget(b->net, s->chan_sid);
	unbind(b->sessions, s);
	s->dead = 1;
}

void hl_sessions_end_user(hl_broker *b, int64_t user_id)
{
	for (hl_session *s = b->sessions->all; s; s = s->next)
		if (s->row.user_id == user_id)
			hl_session_end(b, s);
}

void hl_sessions_end_user_except(hl_broker *b, int64_t user_id, const hl_session *keep)
{
	for (hl_session *s = b->sessions->all; s; s = s->next)
		if (s->row.user_id == user_id && s != keep)
			hl_session_end(b, s);
}

void hl_sessions_update_user(hl_broker *b, const hl_user *u)
{
	for (hl_session *s = b->sessions->all; s; s = s->next) {
		if (s->row.user_id == u->id && !s->dead) {
			s->user = *u;
			memset(s->user.pwhash, 0, sizeof s->user.pwhash);
		}
	}
}

void hl_session_emit(hl_broker *b, hl_session *s, Hotline__Event *ev)
{
	uint8_t stackbuf[1024], *buf = stackbuf;
	size_t len;

	if (s->dead)
		return;
	ev->seq = s->row.next_seq++;
	ev->time_ms = b->now_ms;
	s->row_dirty = 1;
	len = hotline__event__get_packed_size(ev);
	if (len > sizeof stackbuf && !(buf = malloc(len)))
		return;
	hotline__event__pack(ev, buf);
	if ((int)s->n_ev >= b->cfg.outbox_max) {
		/* A client this far behind gets a fresh snapshot instead of a gap. */
		outbox_clear(s);
		hl_store_event_ack(b->st, s->row.id, ev->seq);
		s->resync = 1;
	} else if (outbox_push(s, ev->seq, buf, len) == 0) {
		hl_store_event_insert(b->st, s->row.id, ev->seq, buf, len);
	}
	if (buf != stackbuf)
		free(buf);
	wake(b, s);
}

void hl_sessions_emit_roles(hl_broker *b, unsigned role_mask, Hotline__Event *ev)
{
	for (hl_session *s = b->sessions->all; s; s = s->next)
		if (!s->dead && (role_mask & (1u << s->user.role)))
			hl_session_emit(b, s, ev);
}

int hl_sessions_emit_user(hl_broker *b, const char *name, Hotline__Event *ev)
{
	int n = 0;

	for (hl_hmap_node *x = hl_hmap_get(&b->sessions->by_user, hl_hmap_str(name)); x;
	     x = hl_hmap_get_next(x)) {
		hl_session *s = user_session(x);
		if (!s->dead && strcmp(s->user.name, name) == 0) {
			hl_session_emit(b, s, ev);
			n++;
		}
	}
	return n;
}

int hl_sessions_user_present(hl_broker *b, const char *name, int64_t within_ms)
{
	for (hl_hmap_node *x = hl_hmap_get(&b->sessions->by_user, hl_hmap_str(name)); x;
	     x = hl_hmap_get_next(x)) {
		hl_session *s = user_session(x);
		if (!s->dead && strcmp(s->user.name, name) == 0 &&
		    (s->poll || b->now_ms - s->row.last_seen_ms <= within_ms))
			return 1;
	}
	return 0;
}

void hl_session_touch(hl_broker *b, hl_session *s)
{
	/* Written with the next row update; a minute's drift in last-seen only
	 * shifts idle expiry by that much. */
	if (b->now_ms - s->row.last_seen_ms > 60000)
		s->row_dirty = 1;
	s->row.last_seen_ms = b->now_ms;
}

/* Answers the parked poll with what the outbox holds after the poll's
 * position (or empty). */
static void answer_poll(hl_broker *b, hl_session *s, int with_events)
{
	hl_arena a;
	Hotline__Reply rp = HOTLINE__REPLY__INIT;
	Hotline__PollReply pr = HOTLINE__POLL_REPLY__INIT;
	hl_net_req *req = s->poll;
	size_t n = 0;

	if (!req)
		return;
	s->poll = NULL;
	hl_arena_init(&a);
	if (with_events && s->resync) {
		s->resync = 0;
		outbox_clear(s);
		hl_store_event_ack(b->st, s->row.id, s->row.next_seq);
		emit_snapshot(b, s);
		pr.resync = 1;
	}
	if (with_events && s->n_ev) {
		n = s->n_ev < HL_POLL_BATCH ? s->n_ev : HL_POLL_BATCH;
		pr.events = hl_arena_alloc(&a, n * sizeof *pr.events);
		for (size_t i = 0; pr.events && i < n; i++) {
			pr.events[i] = hotline__event__unpack(&a.pb, s->ev[i].len, s->ev[i].body);
			if (!pr.events[i]) {
				n = i;
				break;
			}
		}
		pr.n_events = pr.events ? n : 0;
	}
	rp.body_case = HOTLINE__REPLY__BODY_POLL;
	rp.poll = &pr;
	hl_broker_reply(b, req, s->poll_id, 0, NULL, &rp);
	hl_arena_free(&a);
}

int hl_session_poll(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp)
{
	hl_broker *b = c->b;
	hl_session *s = c->sess;
	uint64_t after = rq->poll->after_seq;
	uint32_t wait = rq->poll->wait_ms;

	(void)rp;
	if (after >= s->row.next_seq)
		return hl_call_fail(c, HL_E_INVALID, "poll after event %llu, but the session has "
				    "sent only up to %llu; resume or log in again",
				    (unsigned long long)after,
				    (unsigned long long)(s->row.next_seq - 1));
	if (after > s->row.acked_seq) {
		outbox_ack(s, after);
		hl_store_event_ack(b->st, s->row.id, after);
		s->row.acked_seq = after;
		s->row_dirty = 1;
	}
	/* One poll per session: a newer one means the client gave up on the
	 * older, which is answered empty so its context is freed. */
	if (s->poll)
		answer_poll(b, s, 0);
	if (!wait || (int)wait > b->cfg.poll_wait_ms)
		wait = (uint32_t)b->cfg.poll_wait_ms;
	s->poll = c->req;
	s->poll_id = c->id;
	s->poll_deadline = c->now_ms + wait;
	if (s->n_ev || s->resync)
		wake(b, s);
	return HL_DEFER;
}

int64_t hl_sessions_tick(hl_broker *b)
{
	int64_t next = INT64_MAX;

	for (hl_session *s = b->sessions->all; s; s = s->next) {
		if (s->dead)
			continue;
		if (s->poll && s->poll_deadline <= b->now_ms)
			answer_poll(b, s, 0);
		if (s->poll && s->poll_deadline < next)
			next = s->poll_deadline;
		if (!s->poll && b->now_ms - s->row.last_seen_ms > b->cfg.session_idle_ms) {
			hl_log(HL_LOG_INFO, "session of %s expired after %lld s idle",
				s->user.name, (long long)(b->cfg.session_idle_ms / 1000));
			hl_session_end(b, s);
		}
	}
	return next;
}

void hl_sessions_flush(hl_broker *b)
{
	hl_sessions *ss = b->sessions;
	hl_session *s, **pp;

	/* Answering may emit (a resync snapshot), which wakes again: take the
	 * list first so such wakes start a new one. */
	hl_session *woken = ss->woken, *wn;
	ss->woken = NULL;
	for (s = woken; s; s = wn) {
		wn = s->wake_next;
		s->woke = 0;
		if (s->poll && !s->dead && (s->n_ev || s->resync))
			answer_poll(b, s, 1);
	}
	for (pp = &ss->all; (s = *pp);) {
		if (s->dead) {
			*pp = s->next;
			unlink_user(ss, s);
			ss->n--;
			session_free(s);
			continue;
		}
		if (s->row_dirty) {
			hl_store_session_update(b->st, &s->row);
			s->row_dirty = 0;
		}
		pp = &s->next;
	}
}

/* --- the module --- */

static int mod_open(hl_broker *b)
{
	if (!(b->sessions = hl_sessions_new()))
		return HL_E_NOMEM;
	return hl_sessions_load(b);
}

static int64_t mod_tick(hl_broker *b, int64_t now)
{
	(void)now;
	return hl_sessions_tick(b);
}

static const hl_request_desc requests[] = {
	{.body_case = HOTLINE__REQUEST__BODY_POLL, .name = "events",
	 .roles = HL_ROLES_STAFF, .needs_login = 1, .effect = HL_REQ_AGAIN, .fn = hl_session_poll},
};

/* First in the list: every other module emits to sessions, and the
 * sessions flush (answer polls, write rows) last. */
const hl_module hl_mod_session = {
	.name = "session",
	.open = mod_open,
	.close = hl_sessions_free,
	.tick = mod_tick,
	.flush = hl_sessions_flush,
	.requests = requests,
	.n_requests = sizeof requests / sizeof requests[0],
};

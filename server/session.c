/* Login sessions and their outboxes. Every durable event a session is sent
 * gets the next sequence number and is written in the turn's transaction,
 * so a client resuming after a broker restart misses nothing and sees
 * nothing twice; volatile events wait in memory, latest value per key. The
 * session's own bookkeeping (what the client acknowledged, when it was last
 * seen) is written lazily and in batches, never per event. */
#include "session.h"

#include "log.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "error.h"
#include "module.h"

#define SAVE_DELAY_MS 2000    /* acknowledgements are written this much later, in bulk */
#define SEEN_SAVE_MS 60000    /* last-seen is written at most this often */
#define SAVES_PER_TURN 64     /* rows written a turn, so no turn takes them all */
#define IDLE_CHECK_MS 1000    /* idle sessions are looked for this often */

#define SESSION_OF(node, field) ((hl_session *)(void *)((char *)(node) - offsetof(hl_session, field)))

struct hl_sessions {
	hl_session *all;
	hl_hmap by_chan;
	hl_session *woken;
	hl_session *dead;                   /* ended this turn: freed at its end */
	hl_hmap by_user;                    /* an agent's events find their sessions at once */
	hl_deadlines polls;                 /* parked polls by deadline */
	hl_deadlines saves;                 /* sessions whose bookkeeping is to be written */
	hl_events *events;
	int64_t next_idle_check;
	int n;
};

static hl_session *user_session(hl_hmap_node *n)
{
	return n ? hl_hmap_entry(n, hl_session, user_node) : NULL;
}

hl_sessions *hl_sessions_new(void)
{
	hl_sessions *ss = calloc(1, sizeof(hl_sessions));

	if (ss && !(ss->events = hl_events_new())) {
		free(ss);
		return NULL;
	}
	return ss;
}

hl_events *hl_sessions_events(hl_broker *b)
{
	return b->sessions->events;
}

static void outbox_clear(hl_session *s)
{
	for (size_t i = 0; i < s->n_ev; i++)
		free(s->ev[i].body);
	s->n_ev = 0;
}

static void vol_clear(hl_session *s)
{
	for (size_t i = 0; i < s->n_vol; i++)
		hl_evbuf_unref(s->vol[i].buf);
	s->n_vol = 0;
}

static void session_free(hl_session *s)
{
	outbox_clear(s);
	vol_clear(s);
	free(s->ev);
	free(s->vol);
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
	/* Subscriptions point at sessions, not the other way round: gone now. */
	hl_events_free(ss->events);
	hl_hmap_fini(&ss->by_chan);
	hl_hmap_fini(&ss->by_user);
	hl_deadlines_free(&ss->polls);
	hl_deadlines_free(&ss->saves);
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
	s->prev = NULL;
	s->next = ss->all;
	if (ss->all)
		ss->all->prev = s;
	ss->all = s;
	hl_hmap_put(&ss->by_user, &s->user_node, hl_hmap_str(s->user.name));
	ss->n++;
}

static void unlink_user(hl_sessions *ss, hl_session *s)
{
	hl_hmap_del(&ss->by_user, &s->user_node);
}

static void unlink_all(hl_sessions *ss, hl_session *s)
{
	if (s->prev)
		s->prev->next = s->next;
	else
		ss->all = s->next;
	if (s->next)
		s->next->prev = s->prev;
}

/* Its bookkeeping is to be written by `at` (earlier if already due). */
static void save_by(hl_broker *b, hl_session *s, int64_t at)
{
	if (s->dead || (s->save_due.pos && s->save_due.at <= at))
		return;
	if (hl_deadlines_set(&b->sessions->saves, &s->save_due, at) < 0)
		hl_log(HL_LOG_ERROR, "out of memory: the session of %s is written at shutdown",
		       s->user.name);
}

/* Writes the row and deletes the outbox rows the client acknowledged. */
static void save(hl_broker *b, hl_session *s)
{
	hl_deadlines_remove(&b->sessions->saves, &s->save_due);
	if (s->dead)
		return;
	if (s->row.acked_seq > s->acked_saved &&
	    hl_store_event_ack(b->st, s->row.id, s->row.acked_seq) < 0)
		hl_log(HL_LOG_ERROR, "could not delete acknowledged events of %s", s->user.name);
	if (hl_store_session_update(b->st, &s->row) < 0) {
		hl_log(HL_LOG_ERROR, "could not write the session of %s", s->user.name);
		return;
	}
	s->acked_saved = s->row.acked_seq;
	s->seen_saved_ms = s->row.last_seen_ms;
}

void hl_session_dirty(hl_broker *b, hl_session *s)
{
	save_by(b, s, b->now_ms + SAVE_DELAY_MS);
}

void hl_sessions_save_all(hl_broker *b)
{
	hl_deadline_node *n;

	if (!b->sessions)
		return;
	while ((n = hl_deadlines_first(&b->sessions->saves)))
		save(b, SESSION_OF(n, save_due));
}

static int load_event(uint64_t seq, const void *body, size_t len, void *arg)
{
	hl_session *s = arg;

	/* next_seq is written lazily: the stored events say how far it got. */
	if (seq >= s->row.next_seq)
		s->row.next_seq = seq + 1;
	return outbox_push(s, seq, body, len) < 0;
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
	s->acked_saved = row->acked_seq;
	s->seen_saved_ms = row->last_seen_ms;
	link_session(b->sessions, s);
	/* Volatile state was lost with the old process; hl_session_resume
	 * rebuilds it for the client. */
	return hl_events_subscribe_user(b, s) < 0;
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
	s->seen_saved_ms = s->row.last_seen_ms;
	link_session(b->sessions, s);
	if (hl_events_subscribe_user(b, s) < 0)
		hl_log(HL_LOG_ERROR, "out of memory subscribing the session of %s", u->name);
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

hl_session *hl_sessions_find(hl_broker *b, const char *name, int64_t id)
{
	for (hl_hmap_node *x = hl_hmap_get(&b->sessions->by_user, hl_hmap_str(name)); x;
	     x = hl_hmap_get_next(x)) {
		hl_session *s = user_session(x);
		if (!s->dead && s->row.id == id)
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
		s->row.acked_seq = last_seq;
		hl_session_dirty(b, s);
	}
	/* The events the client has not seen must all still be here: the first
	 * kept one must follow last_seq directly, or a gap would be silent. */
	first = s->n_ev ? s->ev[0].seq : s->row.next_seq;
	if (first > last_seq + 1)
		s->resync = 1;
	/* What volatile events said may have been lost on the way (or with a
	 * broker restart): the current values again. */
	hl_events_rebuild(b, s);
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
	hl_events_unsubscribe_all(b, s);
	hl_deadlines_remove(&b->sessions->saves, &s->save_due);
	s->dead = 1;
	s->dead_next = b->sessions->dead;
	b->sessions->dead = s;
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
			/* A new role or team sees other topics. */
			if (hl_events_subscribe_user(b, s) < 0)
				hl_log(HL_LOG_ERROR, "out of memory subscribing the session of %s",
				       s->user.name);
		}
	}
}

void hl_session_emit(hl_broker *b, hl_session *s, Hotline__Event *ev)
{
	const hl_event_kind *k = hl_events_kind(ev->body_case);
	uint8_t stackbuf[1024], *buf = stackbuf;
	size_t len;

	if (s->dead)
		return;
	if (k->cls == HL_EVENT_VOLATILE) {
		hl_evbuf *vb;
		ev->seq = 0;
		ev->time_ms = b->now_ms;
		if ((vb = hl_evbuf_pack(k, ev))) {
			hl_session_emit_volatile(b, s, vb);
			hl_evbuf_unref(vb);
		}
		return;
	}
	/* next_seq is not written here: the stored event carries it. */
	ev->seq = s->row.next_seq++;
	ev->time_ms = b->now_ms;
	len = hotline__event__get_packed_size(ev);
	if (len > sizeof stackbuf && !(buf = malloc(len)))
		return;
	hotline__event__pack(ev, buf);
	if ((int)s->n_ev >= b->cfg.outbox_max) {
		/* A client this far behind gets a fresh snapshot instead of a gap.
		 * Nothing of the outbox is stored now, so next_seq must be. */
		outbox_clear(s);
		hl_store_event_ack(b->st, s->row.id, ev->seq);
		s->row.acked_seq = s->acked_saved = ev->seq;
		s->resync = 1;
		save_by(b, s, b->now_ms);
	} else if (outbox_push(s, ev->seq, buf, len) == 0) {
		hl_store_event_insert(b->st, s->row.id, ev->seq, buf, len);
	}
	if (buf != stackbuf)
		free(buf);
	wake(b, s);
}

void hl_session_emit_volatile(hl_broker *b, hl_session *s, hl_evbuf *buf)
{
	struct hl_vol_ev *v = NULL;

	if (s->dead)
		return;
	for (size_t i = 0; i < s->n_vol; i++) {
		if (s->vol[i].buf->kind == buf->kind && strcmp(s->vol[i].buf->key, buf->key) == 0) {
			v = &s->vol[i];
			hl_evbuf_unref(v->buf);
			break;
		}
	}
	if (!v) {
		if (s->n_vol == s->cap_vol) {
			size_t cap = s->cap_vol ? s->cap_vol * 2 : 8;
			void *p = realloc(s->vol, cap * sizeof *s->vol);
			if (!p)
				return;
			s->vol = p;
			s->cap_vol = cap;
		}
		v = &s->vol[s->n_vol++];
	}
	v->buf = hl_evbuf_ref(buf);
	v->after = s->row.next_seq - 1;
	v->stamp = ++s->vol_stamp;
	wake(b, s);
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
	/* Written at most once a minute: a minute's drift in last-seen only
	 * shifts idle expiry after a restart by that much. */
	s->row.last_seen_ms = b->now_ms;
	if (b->now_ms - s->seen_saved_ms > SEEN_SAVE_MS)
		hl_session_dirty(b, s);
}

static int vol_order(const void *pa, const void *pb)
{
	const struct hl_vol_ev *a = pa, *b = pb;

	if (a->after != b->after)
		return a->after < b->after ? -1 : 1;
	return a->stamp < b->stamp ? -1 : a->stamp > b->stamp;
}

/* Drops the first `n` volatile events (sent). */
static void vol_sent(hl_session *s, size_t n)
{
	if (!n)  /* also: s->vol may be NULL, which memmove must not get */
		return;
	for (size_t i = 0; i < n; i++)
		hl_evbuf_unref(s->vol[i].buf);
	memmove(s->vol, s->vol + n, (s->n_vol - n) * sizeof *s->vol);
	s->n_vol -= n;
}

/* Answers the parked poll with every pending event that fits in a frame:
 * the outbox after the poll's position and the volatile events, each
 * volatile one after the durable event it followed (or empty). */
static void answer_poll(hl_broker *b, hl_session *s, int with_events)
{
	hl_arena a;
	Hotline__Reply rp = HOTLINE__REPLY__INIT;
	Hotline__PollReply pr = HOTLINE__POLL_REPLY__INIT;
	hl_net_req *req = s->poll;
	size_t n = 0, ie = 0, iv = 0, used = 0;

	if (!req)
		return;
	s->poll = NULL;
	hl_deadlines_remove(&b->sessions->polls, &s->poll_due);
	hl_arena_init(&a);
	if (with_events && s->resync) {
		s->resync = 0;
		outbox_clear(s);
		hl_store_event_ack(b->st, s->row.id, s->row.next_seq);
		s->row.acked_seq = s->acked_saved = s->row.next_seq;
		emit_snapshot(b, s);
		pr.resync = 1;
	}
	if (with_events && (s->n_ev || s->n_vol)) {
		if (s->n_vol)  /* qsort must not be handed a NULL array, even empty */
			qsort(s->vol, s->n_vol, sizeof *s->vol, vol_order);
		pr.events = hl_arena_alloc(&a, (s->n_ev + s->n_vol) * sizeof *pr.events);
		while (pr.events && (ie < s->n_ev || iv < s->n_vol)) {
			int vol = iv < s->n_vol && (ie == s->n_ev || s->vol[iv].after < s->ev[ie].seq);
			const uint8_t *body = vol ? s->vol[iv].buf->data : s->ev[ie].body;
			size_t len = vol ? s->vol[iv].buf->len : s->ev[ie].len;
			/* The rest waits for the next poll; one event always goes. */
			if (n && used + len + 8 > HL_POLL_BYTES)
				break;
			if (!(pr.events[n] = hotline__event__unpack(&a.pb, len, body)))
				break;
			used += len + 8;
			n++;
			if (vol)
				iv++;
			else
				ie++;
		}
		pr.n_events = pr.events ? n : 0;
	}
	rp.body_case = HOTLINE__REPLY__BODY_POLL;
	rp.poll = &pr;
	hl_broker_reply(b, req, s->poll_id, 0, NULL, &rp);
	hl_arena_free(&a);
	/* Volatile events are sent once; durable ones stay until acknowledged. */
	vol_sent(s, iv);
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
		/* Gone from memory now; from the store in the next batch. */
		outbox_ack(s, after);
		s->row.acked_seq = after;
		hl_session_dirty(b, s);
	}
	/* One poll per session: a newer one means the client gave up on the
	 * older, which is answered empty so its context is freed. */
	if (s->poll)
		answer_poll(b, s, 0);
	if (!wait || (int)wait > b->cfg.poll_wait_ms)
		wait = (uint32_t)b->cfg.poll_wait_ms;
	s->poll = c->req;
	s->poll_id = c->id;
	if (hl_deadlines_set(&b->sessions->polls, &s->poll_due, c->now_ms + wait) < 0) {
		s->poll = NULL;
		return HL_E_NOMEM;
	}
	if (s->n_ev || s->n_vol || s->resync)
		wake(b, s);
	return HL_DEFER;
}

int64_t hl_sessions_tick(hl_broker *b)
{
	hl_sessions *ss = b->sessions;
	hl_deadline_node *d;
	int64_t next;

	while ((d = hl_deadlines_first(&ss->polls)) && d->at <= b->now_ms)
		answer_poll(b, SESSION_OF(d, poll_due), 0);
	if (b->now_ms >= ss->next_idle_check) {
		ss->next_idle_check = b->now_ms + IDLE_CHECK_MS;
		for (hl_session *s = ss->all; s; s = s->next) {
			if (!s->dead && !s->poll &&
			    b->now_ms - s->row.last_seen_ms > b->cfg.session_idle_ms) {
				hl_log(HL_LOG_INFO, "session of %s expired after %lld s idle",
				       s->user.name, (long long)(b->cfg.session_idle_ms / 1000));
				hl_session_end(b, s);
			}
		}
	}
	next = ss->next_idle_check;
	if ((d = hl_deadlines_first(&ss->polls)) && d->at < next)
		next = d->at;
	if ((d = hl_deadlines_first(&ss->saves)) && d->at < next)
		next = d->at;
	return next;
}

void hl_sessions_flush(hl_broker *b)
{
	hl_sessions *ss = b->sessions;
	hl_deadline_node *d;
	hl_session *s;
	int n = 0;

	/* Answering may emit (a resync snapshot), which wakes again: take the
	 * list first so such wakes start a new one. */
	hl_session *woken = ss->woken, *wn;
	ss->woken = NULL;
	for (s = woken; s; s = wn) {
		wn = s->wake_next;
		s->woke = 0;
		if (s->poll && !s->dead && (s->n_ev || s->n_vol || s->resync))
			answer_poll(b, s, 1);
	}
	while (n++ < SAVES_PER_TURN && (d = hl_deadlines_first(&ss->saves)) && d->at <= b->now_ms)
		save(b, SESSION_OF(d, save_due));
	/* Nothing points at an ended session after this turn. */
	while ((s = ss->dead)) {
		ss->dead = s->dead_next;
		unlink_all(ss, s);
		unlink_user(ss, s);
		hl_deadlines_remove(&ss->polls, &s->poll_due);
		hl_deadlines_remove(&ss->saves, &s->save_due);
		ss->n--;
		session_free(s);
	}
}

/* --- the module --- */

static int mod_open(hl_broker *b)
{
	if (!(b->sessions = hl_sessions_new()))
		return HL_E_NOMEM;
	return hl_sessions_load(b);
}

static void mod_close(hl_broker *b)
{
	/* In the broker's last transaction: what the clients acknowledged and
	 * when they were last seen, written lazily until now. */
	hl_sessions_save_all(b);
	hl_sessions_free(b);
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
	.close = mod_close,
	.tick = mod_tick,
	.flush = hl_sessions_flush,
	.requests = requests,
	.n_requests = sizeof requests / sizeof requests[0],
};

/* Login sessions: who is on which Noise session, their resume tokens, and
 * each one's durable, sequenced event outbox with its long-poll. */
#ifndef HL_SESSION_H
#define HL_SESSION_H

#include <stddef.h>
#include <stdint.h>

#include "broker.h"
#include "hmap.h"
#include "deadline.h"
#include "events.h"
#include "frame.h"
#include "store_session.h"
#include "store_user.h"

#define HL_TOKEN_LEN 43   /* base64url of 32 random bytes */
/* A poll reply carries every pending event that fits in this many bytes
 * (a frame is HL_FRAME_MAX; the rest is headers); what does not fit goes
 * in the next reply. */
#define HL_POLL_BYTES ((size_t)HL_FRAME_MAX - 4096)

struct hl_session {
	hl_store_session row;    /* next_seq and acked_seq live here, written lazily */
	hl_user user;            /* name, role, team, display (no hash kept) */
	uint64_t chan_sid;       /* the Noise session it is bound to, or 0 */
	struct hl_outbox_ev {    /* durable events not yet acknowledged */
		uint64_t seq;
		uint8_t *body;   /* a packed Event */
		size_t len;
	} *ev;
	size_t n_ev, cap_ev;
	struct hl_vol_ev {       /* volatile events pending, one per kind and key */
		hl_evbuf *buf;
		uint64_t after;  /* the durable seq it followed: keeps the order */
		uint64_t stamp;  /* order among volatile events after the same seq */
	} *vol;
	size_t n_vol, cap_vol;
	uint64_t vol_stamp;
	hl_sub *subs;            /* topics it is subscribed to (events.c) */
	int resync;              /* the outbox overflowed: next poll gets a snapshot */
	hl_net_req *poll;        /* the parked long-poll, if any */
	uint64_t poll_id;
	hl_deadline_node poll_due;  /* the parked poll's deadline */
	hl_deadline_node save_due;  /* when its bookkeeping is next written */
	uint64_t acked_saved;    /* acked_seq as last written (events up to it deleted) */
	int64_t seen_saved_ms;   /* last_seen_ms as last written */
	int dead;
	int woke;
	hl_session *next, *prev, *wake_next, *dead_next;
	hl_hmap_node chan_node;  /* in the table by Noise session, while bound */
	hl_hmap_node user_node;  /* in the table by user name */
};

/* Creates the registry. Returns NULL when memory runs out. */
hl_sessions *hl_sessions_new(void);

/* Frees the registry and every session (parked polls are dropped). */
void hl_sessions_free(hl_broker *b);

/* Loads every stored session and its outbox (broker start). */
int hl_sessions_load(hl_broker *b);

/* Creates a session for `u` from `peer`, writes the token into `token`
 * (HL_TOKEN_LEN + 1 bytes) and queues the first event, a snapshot.
 * Returns the session or NULL (HL_E_IO logged). */
hl_session *hl_session_create(hl_broker *b, const hl_user *u, const char *peer, char *token);

/* Finds the session for a resume token, or NULL. */
hl_session *hl_sessions_by_token(hl_broker *b, const char *token);

/* Finds the session bound to Noise session `sid`, or NULL. */
hl_session *hl_sessions_by_chan(hl_broker *b, uint64_t sid);

/* Finds the live session of user `name` whose stored id is `id` (whatever
 * connection it is bound to now), or NULL when it has ended. */
hl_session *hl_sessions_find(hl_broker *b, const char *name, int64_t id);

/* Binds `s` to Noise session `sid`, unbinding whatever was there; a poll
 * parked on the old binding is answered empty. */
void hl_session_bind(hl_broker *b, hl_session *s, uint64_t sid);

/* Resumes after the client saw events up to `last_seq`: drops those, and
 * if the outbox no longer reaches back that far, queues a resync. */
void hl_session_resume(hl_broker *b, hl_session *s, uint64_t last_seq);

/* Ends a session: deleted from the store, its Noise session forgotten, its
 * poll answered; freed at the end of the turn. */
void hl_session_end(hl_broker *b, hl_session *s);

/* Ends every session of user `user_id` (the user was disabled). */
void hl_sessions_end_user(hl_broker *b, int64_t user_id);

/* Ends every session of user `user_id` but `keep` (which may be NULL):
 * the password changed, and only the session that changed it stays. */
void hl_sessions_end_user_except(hl_broker *b, int64_t user_id, const hl_session *keep);

/* Updates the cached user of every session of `u->id` (role changes). */
void hl_sessions_update_user(hl_broker *b, const hl_user *u);

/* Sends `ev` to one session by its class (events.h): a durable event is
 * appended to the outbox (seq and time set here), durably in this turn's
 * transaction; a volatile one replaces the pending value of its key. Most
 * emitters publish to a topic instead (hl_events_publish). */
void hl_session_emit(hl_broker *b, hl_session *s, Hotline__Event *ev);

/* Makes `buf` (a packed volatile event) the session's pending value of its
 * kind and key, sent with the next poll reply; never stored. */
void hl_session_emit_volatile(hl_broker *b, hl_session *s, hl_evbuf *buf);

/* The registry's topic table (events.c). */
hl_events *hl_sessions_events(hl_broker *b);

/* The session's bookkeeping (peer, last seen) changed: written with its
 * next lazy save, within a few seconds. */
void hl_session_dirty(hl_broker *b, hl_session *s);

/* Writes every session's bookkeeping now, in the current transaction
 * (broker shutdown). */
void hl_sessions_save_all(hl_broker *b);

/* 1 if the user named `name` has a session that is present: a parked
 * poll, or a request within `within_ms`. */
int hl_sessions_user_present(hl_broker *b, const char *name, int64_t within_ms);

/* Marks the session used now. */
void hl_session_touch(hl_broker *b, hl_session *s);

/* Timers: answers expired polls (from a deadline heap) and, once a second,
 * expires idle sessions. Returns the next deadline (INT64_MAX for none). */
int64_t hl_sessions_tick(hl_broker *b);

/* End of turn, before commit: answers woken polls, writes the bookkeeping
 * that is due (a bounded number of rows a turn), frees ended sessions.
 * Touches only those sessions, never all of them. */
void hl_sessions_flush(hl_broker *b);

/* Handler of the Poll request. */
int hl_session_poll(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp);

/* The module (module.h): the registry, its timers and end-of-turn writes, the poll request. */
extern const hl_module hl_mod_session;

#endif

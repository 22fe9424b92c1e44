/* Login sessions: who is on which Noise session, their resume tokens, and
 * each one's durable, sequenced event outbox with its long-poll. */
#ifndef HL_SESSION_H
#define HL_SESSION_H

#include <stddef.h>
#include <stdint.h>

#include "broker.h"
#include "hmap.h"
#include "store_session.h"
#include "store_user.h"

#define HL_TOKEN_LEN 43   /* base64url of 32 random bytes */
#define HL_POLL_BATCH 256 /* most events in one poll reply */

struct hl_session {
	hl_store_session row;
	hl_user user;            /* name, role, team, display (no hash kept) */
	uint64_t chan_sid;       /* the Noise session it is bound to, or 0 */
	struct hl_outbox_ev {
		uint64_t seq;
		uint8_t *body;   /* a packed Event */
		size_t len;
	} *ev;
	size_t n_ev, cap_ev;
	int resync;              /* the outbox overflowed: next poll gets a snapshot */
	hl_net_req *poll;        /* the parked long-poll, if any */
	uint64_t poll_id;
	int64_t poll_deadline;
	int row_dirty;
	int dead;
	int woke;
	hl_session *next, *wake_next;
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

/* Appends `ev` to the session's outbox (seq and time set here), durably in
 * this turn's transaction. */
void hl_session_emit(hl_broker *b, hl_session *s, Hotline__Event *ev);

/* Emits `ev` to every live session whose role is in `role_mask`
 * (bit 1 << role). */
void hl_sessions_emit_roles(hl_broker *b, unsigned role_mask, Hotline__Event *ev);

/* Emits `ev` to every live session of the user named `name`. Returns how
 * many sessions got it. */
int hl_sessions_emit_user(hl_broker *b, const char *name, Hotline__Event *ev);

/* 1 if the user named `name` has a session that is present: a parked
 * poll, or a request within `within_ms`. */
int hl_sessions_user_present(hl_broker *b, const char *name, int64_t within_ms);

/* Marks the session used now. */
void hl_session_touch(hl_broker *b, hl_session *s);

/* Timers: answers expired polls and expires idle sessions. Returns the
 * next deadline (INT64_MAX for none). */
int64_t hl_sessions_tick(hl_broker *b);

/* End of turn, before commit: answers woken polls, writes changed rows,
 * frees ended sessions. */
void hl_sessions_flush(hl_broker *b);

/* Handler of the Poll request. */
int hl_session_poll(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp);

/* The module (module.h): the registry, its timers and end-of-turn writes, the poll request. */
extern const hl_module hl_mod_session;

#endif

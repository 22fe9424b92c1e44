/* Login sessions and their event outboxes in the store. */
#ifndef HL_STORE_SESSION_H
#define HL_STORE_SESSION_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

typedef struct hl_store_session {
	int64_t id;
	uint8_t token_hash[32];  /* SHA-256 of the resume token; the token is never stored */
	int64_t user_id;
	int64_t created_ms;
	int64_t last_seen_ms;
	uint64_t next_seq;       /* sequence number the next event gets */
	uint64_t acked_seq;      /* the client has seen every event up to this */
	char peer[64];
} hl_store_session;

/* Inserts a session; sets s->id. Returns 0 or HL_E_IO. */
int hl_store_session_insert(hl_store *st, hl_store_session *s);

/* Finds the session whose token hashes to `token_hash`. Returns 0,
 * HL_E_NOTFOUND or HL_E_IO. */
int hl_store_session_get(hl_store *st, const uint8_t token_hash[32], hl_store_session *s);

/* Writes last_seen, next_seq and acked_seq back. Returns 0 or HL_E_IO. */
int hl_store_session_update(hl_store *st, const hl_store_session *s);

/* Deletes one session and its outbox. Returns 0 or HL_E_IO. */
int hl_store_session_delete(hl_store *st, int64_t id);

/* Deletes every session (and outbox) of `user_id`. */
int hl_store_session_delete_user(hl_store *st, int64_t user_id);

/* Deletes sessions idle since before `before_ms`; sets *n to how many. */
int hl_store_session_expire(hl_store *st, int64_t before_ms, int *n);

/* Appends an event to a session's outbox. Returns 0 or HL_E_IO. */
int hl_store_event_insert(hl_store *st, int64_t sid, uint64_t seq, const void *body,
			  size_t len);

/* Drops outbox events up to and including `upto`. */
int hl_store_event_ack(hl_store *st, int64_t sid, uint64_t upto);

/* Calls `fn` for each outbox event after `after`, in order. */
int hl_store_event_each(hl_store *st, int64_t sid, uint64_t after,
			int (*fn)(uint64_t seq, const void *body, size_t len, void *arg),
			void *arg);



/* Calls `fn` for every session row (broker start loads them all). */
int hl_store_session_each(hl_store *st, int (*fn)(const hl_store_session *s, void *arg),
			  void *arg);

#endif

/* The client side of the channel: connect, check the broker's key against
 * the pin, handshake, log in, make requests, follow events, and reconnect
 * and resume by token when the broker or the network comes back. */
#ifndef HL_CLIENT_H
#define HL_CLIENT_H

#include <stddef.h>
#include <stdint.h>

#include "hotline.pb-c.h"

typedef struct hl_client hl_client;

typedef struct hl_client_opts {
	const char *url;        /* tcp://host:port or ipc:///path */
	const char *pin;        /* expected fingerprint "SHA256:…"; NULL or "" accepts any
				 * key for the handshake, but hl_client_login then sends
				 * no password until hl_client_trust (the caller shows
				 * hl_client_fingerprint to a person first) */
	const char *name;       /* who is calling, e.g. "hotline-ctl" */
	int timeout_ms;         /* a request's deadline, reconnects included; 0: 15000 */
	int nonblock_dial;      /* 1: do not fail if the broker is down now; keep trying */
	unsigned protocol_version; /* 0: this build's; tests set others */
} hl_client_opts;

/* Connects, fetches the broker's key, checks it against the pin and
 * performs the handshake. Returns 0 and sets *out; HL_E_CONNECT (cannot
 * reach), HL_E_PIN (key does not match: nothing else was sent),
 * HL_E_VERSION or HL_E_TIMEOUT, with a sentence in `err`. */
int hl_client_open(hl_client **out, const hl_client_opts *o, char *err, size_t errcap);

/* Closes the connection and frees everything. NULL is ignored. */
void hl_client_close(hl_client *c);

/* The fingerprint of the broker's key as seen at open. */
const char *hl_client_fingerprint(hl_client *c);

/* Declares the broker's key trusted when no pin was given: a person saw
 * hl_client_fingerprint and accepted it (trust on first use). */
void hl_client_trust(hl_client *c);

/* Logs in. Returns 0, HL_E_AUTH, HL_E_DISABLED, HL_E_THROTTLED (see
 * hl_client_retry_after_ms), HL_E_PIN (no pin was given
 * and the key was not trusted: nothing was sent), or a transport error;
 * hl_client_error says what happened. */
int hl_client_login(hl_client *c, const char *user, const char *password);

/* After hl_client_login returned HL_E_THROTTLED: how long the broker asks
 * to wait before the next attempt, in ms; hl_client_error says why (e.g.
 * "too many failed attempts from 10.0.0.7"). A short wait (logins in
 * progress) is waited out inside hl_client_login, within its deadline. */
uint32_t hl_client_retry_after_ms(hl_client *c);

/* Resumes a session by token after event `last_seq`. Returns 0 or
 * HL_E_SESSION (the session is gone: log in again). */
int hl_client_resume(hl_client *c, const char *token, uint64_t last_seq);

/* The resume token of the current session ("" before login). */
const char *hl_client_token(hl_client *c);

/* The logged-in user, or NULL. Owned by the client. */
const Hotline__User *hl_client_me(hl_client *c);

#define HL_CLIENT_KEY_LEN 16  /* bytes of the idempotency key a call sends */

/* Sends `rq` (its id is set here) and waits for the reply. If the broker
 * lost the session (restart), handshakes again, resumes and re-sends, with
 * backoff, until the deadline. Every try carries one idempotency key, so a
 * change is made once however often it is re-sent: the caller's
 * rq->idem_key if set (a caller that repeats a call itself keeps one key for
 * all its tries), else a random one for this call (rq->idem_key is left as
 * the caller gave it). Returns 0 with *rp set; or the reply's
 * status as a negative HL_E code with *rp set (its `error` says why); or a
 * transport error with *rp NULL. Free *rp with hl_client_reply_free. */
int hl_client_call(hl_client *c, Hotline__Request *rq, Hotline__Reply **rp);

/* Frees a reply. */
void hl_client_reply_free(Hotline__Reply *rp);

/* Long-polls for events after the last one delivered, waiting up to
 * `wait_ms`. Returns the number of new events (0 on an empty poll) with
 * *rp holding them in (*rp)->poll (free with hl_client_reply_free), or a
 * negative code. Events already delivered are never delivered again;
 * *resync is set when the broker sent a fresh snapshot instead of a gap. */
int hl_client_poll(hl_client *c, int wait_ms, Hotline__Reply **rp, int *resync);

/* The last event sequence number delivered. */
uint64_t hl_client_last_seq(hl_client *c);

/* Moves the event position back to `seq` (at most the last delivered), so
 * the events after it are delivered again by the next poll: a caller that
 * stopped in the middle of a batch keeps the rest. */
void hl_client_set_last_seq(hl_client *c, uint64_t seq);

/* What the last failure was, for a person; "" if none. */
const char *hl_client_error(hl_client *c);

/* 1 while the client is re-establishing its session, for status lines. */
int hl_client_reconnecting(hl_client *c);

/* How many times the session was re-established. */
unsigned hl_client_reconnects(hl_client *c);

#endif

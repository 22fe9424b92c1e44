/* The event fabric: which events are durable and which volatile (one
 * table), topics that sessions subscribe to, and publishing to a topic. */
#ifndef HL_EVENTS_H
#define HL_EVENTS_H

#include <stddef.h>
#include <stdint.h>

#include "broker.h"

/* What an event is to its recipients.
 * DURABLE: a client must never miss it (lines, offers, assignments, state
 *   of its contacts): sequence-numbered in the session's outbox, stored in
 *   the turn's transaction, replayed on resume.
 * VOLATILE: only the latest value matters (typing, agent states): kept in
 *   memory per subscriber, one per coalescing key, never stored, sent with
 *   seq 0 in the next poll reply and rebuilt on resume. */
typedef enum hl_event_class { HL_EVENT_DURABLE = 0, HL_EVENT_VOLATILE = 1 } hl_event_class;

typedef struct hl_event_kind {
	int kind;                  /* Hotline__Event__BodyCase */
	hl_event_class cls;
	/* Volatile only: the key a newer value replaces an older one under
	 * (with the kind), e.g. the contact for typing. */
	const char *(*key)(const Hotline__Event *ev);
} hl_event_kind;

/* The class of events of body `kind`; unknown kinds are durable (never
 * lose what is not understood). Pure. */
const hl_event_kind *hl_events_kind(int kind);

/* Topics a session subscribes to. */
typedef enum hl_topic_kind {
	HL_TOPIC_USER = 0,      /* key: a user name; that user's own sessions */
	HL_TOPIC_FLOOR,         /* every agent's state: supervisors, team leads */
	HL_TOPIC_STAFF,         /* reason and wrap-up code lists: every staff role */
	HL_TOPIC_DIRECTORY,     /* users and teams changed: admins, supervisors */
	HL_TOPIC_TEAM,          /* key: a team name; its members */
	HL_TOPIC_CONTACT,       /* key: a contact ("c12"); those listening to it */
	HL_TOPIC_COUNT
} hl_topic_kind;

/* A packed volatile event, shared by every subscriber it is pending for
 * (it carries no per-session sequence, so one packing serves all). */
typedef struct hl_evbuf {
	unsigned refs;
	int kind;                  /* Hotline__Event__BodyCase */
	char key[96];              /* the coalescing key */
	size_t len;
	uint8_t data[];
} hl_evbuf;

/* Packs `ev` (seq 0) for the volatile kind `k`. Returns a buffer with one
 * reference, or NULL when memory runs out. */
hl_evbuf *hl_evbuf_pack(const hl_event_kind *k, const Hotline__Event *ev);

/* Takes a reference; returns `e`. */
hl_evbuf *hl_evbuf_ref(hl_evbuf *e);

/* Drops a reference; the last one frees it. NULL is ignored. */
void hl_evbuf_unref(hl_evbuf *e);

typedef struct hl_events hl_events;
typedef struct hl_sub hl_sub;

/* Creates the topic table. NULL when memory runs out. */
hl_events *hl_events_new(void);

/* Frees it and every subscription. */
void hl_events_free(hl_events *e);

/* Subscribes `s` to topic (`k`, `key`; key NULL or "" for the keyless
 * topics). Returns 0 or HL_E_NOMEM. */
int hl_events_subscribe(hl_broker *b, hl_session *s, hl_topic_kind k, const char *key);

/* Drops every subscription of `s` (ended, or its role changed). */
void hl_events_unsubscribe_all(hl_broker *b, hl_session *s);

/* Subscribes `s` to what its user's role and team see (its own user
 * always), dropping what it had. Returns 0 or HL_E_NOMEM. */
int hl_events_subscribe_user(hl_broker *b, hl_session *s);

/* Sends `ev` to every live session subscribed to (`k`, `key`): a durable
 * event goes into each one's outbox (seq and time set per session), a
 * volatile one is packed once and replaces the pending value of its key.
 * Returns how many sessions got it. */
int hl_events_publish(hl_broker *b, hl_topic_kind k, const char *key, Hotline__Event *ev);

/* Puts back what a session's volatile events would have told it (its own
 * agent state; every agent's state for floor subscribers), after a resume
 * or a broker restart lost what was pending. */
void hl_events_rebuild(hl_broker *b, hl_session *s);

#endif

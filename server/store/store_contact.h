/* Contacts in the store: one row per conversation, from queued to ended,
 * with its wrap-up, the customer's ratings and the visitor's trail. */
#ifndef HL_STORE_CONTACT_H
#define HL_STORE_CONTACT_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

#define HL_TRAIL_MAX 4096      /* a packed Visitor trail */

typedef struct hl_store_contact {
	int64_t id;
	int64_t customer_id;
	char queue[65];
	char state[16];      /* queued, active, ended, abandoned, rejected, left */
	char agent[65];
	char ended_by[16];
	char item[65];       /* the menu item the customer chose */
	char wrap_code[65];
	char wrap_note[512];
	char comment[1024];
	int64_t created_ms, queued_ms, answered_ms, ended_ms, wait_ms, wrap_end_ms;
	int csat;            /* 0: none */
	int nps;             /* -1: none */
	uint64_t next_seq;   /* the next message's sequence number */
	uint8_t trail[HL_TRAIL_MAX];
	size_t trail_len;
} hl_store_contact;

/* Adds the contact (its id is ignored) and sets c->id. Returns 0 or
 * HL_E_IO. */
int hl_store_contact_insert(hl_store *st, hl_store_contact *c);

/* Rewrites every column of the contact with id c->id. Returns 0 or
 * HL_E_IO. */
int hl_store_contact_update(hl_store *st, const hl_store_contact *c);

/* The contact with this id into *c. Returns 0, HL_E_NOTFOUND or HL_E_IO. */
int hl_store_contact_get(hl_store *st, int64_t id, hl_store_contact *c);

/* The customer's open contact (queued or active), HL_E_NOTFOUND if none. */
int hl_store_contact_open_of(hl_store *st, int64_t customer_id, hl_store_contact *c);

/* The customer's newest contact that ended unrated, HL_E_NOTFOUND if none. */
int hl_store_contact_unrated_of(hl_store *st, int64_t customer_id, hl_store_contact *c);

/* Calls `fn` for every contact still queued or active, oldest in queue
 * first (broker start); fn returns non-zero to stop. The loop thread is
 * the only caller: the row lives in static storage during the call.
 * Returns 0 or HL_E_IO. */
int hl_store_contact_each_open(hl_store *st, int (*fn)(const hl_store_contact *c, void *arg),
			       void *arg);

/* Calls `fn` for every contact created at or after `since_ms`, by id
 * (figures); as hl_store_contact_each_open otherwise. */
int hl_store_contact_each_since(hl_store *st, int64_t since_ms,
				int (*fn)(const hl_store_contact *c, void *arg), void *arg);

/* As hl_store_contact_each_since, for the contacts last held by `agent`
 * only, read by index (an agent's desk at login). */
int hl_store_contact_each_of_agent(hl_store *st, const char *agent, int64_t since_ms,
				   int (*fn)(const hl_store_contact *c, void *arg), void *arg);

#endif

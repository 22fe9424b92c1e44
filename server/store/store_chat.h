/* Queues, agents' routing profiles, customers, contacts and messages in the
 * store. */
#ifndef HL_STORE_CHAT_H
#define HL_STORE_CHAT_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

#define HL_TEXT_MAX 4000       /* a chat line, in characters (bytes up to 4×) */
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

typedef struct hl_store_agent {
	int64_t user_id;
	char name[65];
	char display[129];
	int capacity;
	char region[65];
	char state[16];
	char reason[32];
	int64_t since_ms;
} hl_store_agent;

/* Queues: the configuration is a packed QueueConf. Insert fails with
 * HL_E_EXISTS; put replaces. */
int hl_store_queue_insert(hl_store *st, const char *id, const void *conf, size_t len, int64_t now);
int hl_store_queue_put(hl_store *st, const char *id, const void *conf, size_t len);
int hl_store_queue_each(hl_store *st, int (*fn)(const char *id, const void *conf, size_t len,
						void *arg), void *arg);

/* Agents: profile upsert, skills replaced whole, state. */
int hl_store_agent_put(hl_store *st, int64_t user_id, int capacity, const char *region);
int hl_store_agent_skills_set(hl_store *st, int64_t user_id, const char *const *queues,
			      const int *levels, size_t n);
int hl_store_agent_state_set(hl_store *st, int64_t user_id, const char *state,
			     const char *reason, int64_t since_ms);
/* Calls `fn` for every agent with a profile. */
int hl_store_agent_each(hl_store *st, int (*fn)(const hl_store_agent *a, void *arg), void *arg);
/* Calls `fn` for each skill of one agent. */
int hl_store_agent_skill_each(hl_store *st, int64_t user_id,
			      int (*fn)(const char *queue, int level, void *arg), void *arg);

/* Customers, known by the hash of their visitor token. Sets *id and
 * *created (1 if new). */
int hl_store_customer_find_or_add(hl_store *st, const uint8_t token_hash[32], int64_t now,
				  int64_t *id, int *created);
int hl_store_customer_set_last_agent(hl_store *st, int64_t id, const char *agent);
/* The customer's last agent ("" none) and number of earlier contacts. */
int hl_store_customer_info(hl_store *st, int64_t id, char *last_agent, size_t cap,
			   int *contacts);

/* Contacts. */
int hl_store_contact_insert(hl_store *st, hl_store_contact *c);
int hl_store_contact_update(hl_store *st, const hl_store_contact *c);
int hl_store_contact_get(hl_store *st, int64_t id, hl_store_contact *c);
/* The customer's open contact (queued or active), HL_E_NOTFOUND if none. */
int hl_store_contact_open_of(hl_store *st, int64_t customer_id, hl_store_contact *c);
/* The customer's newest contact that ended unrated, HL_E_NOTFOUND if none. */
int hl_store_contact_unrated_of(hl_store *st, int64_t customer_id, hl_store_contact *c);

/* Every contact still queued or active (broker start). */
int hl_store_contact_each_open(hl_store *st, int (*fn)(const hl_store_contact *c, void *arg),
			       void *arg);
/* Every contact created at or after `since_ms` (figures). */
int hl_store_contact_each_since(hl_store *st, int64_t since_ms,
				int (*fn)(const hl_store_contact *c, void *arg), void *arg);

/* A stored line. System lines carry a code and their arguments as a JSON
 * object of ids ("" otherwise); text is their English rendering. */
typedef struct hl_store_message {
	uint64_t seq;
	const char *sender, *name, *text, *client_id, *code, *args;
	int64_t ts;
} hl_store_message;

/* Messages: m->seq is the contact's next_seq. A client id seen before for
 * the same contact and sender gives HL_E_EXISTS and its seq in *dup_seq. */
int hl_store_message_insert(hl_store *st, int64_t contact_id, const hl_store_message *m,
			    uint64_t *dup_seq);
/* Calls fn for each message after `after` in seq order (strings valid
 * during the call); fn returns non-zero to stop. */
int hl_store_message_each(hl_store *st, int64_t contact_id, uint64_t after,
			  int (*fn)(const hl_store_message *m, void *arg), void *arg);

/* A message left outside business hours (picked up by tickets later). */
int hl_store_left_message_insert(hl_store *st, int64_t customer_id, const char *item,
				 const char *name, const char *contact, const char *text,
				 int64_t now, int64_t *id);

#endif

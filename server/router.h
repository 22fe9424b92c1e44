/* The broker's side of routing: owns the routing engine, feeds it events
 * with the turn's time, and carries out its decisions (offers to agents'
 * sessions, contact and agent state in the store, the customer told). */
#ifndef HL_ROUTER_H
#define HL_ROUTER_H

#include <stdint.h>

#include "broker.h"
#include "contact_ref.h"
#include "contact_state.h"
#include "hmap.h"
#include "route.h"
#include "store_chat.h"

/* An open contact (queued or in a conversation), as the loop keeps it. */
typedef struct hl_contact {
	hl_store_contact row;
	char ref[24];             /* "c123": the id people and scripts use (contact_ref.h) */
	char customer[24];        /* "u45" */
	uint64_t web_conn;        /* the customer's web connection, 0 if none */
	const struct hl_custchan_ops *channel; /* the customer's (custchan.h); NULL: the first */
	char note[512];           /* a transfer's internal note for the next agent */
	char barged[65];          /* the supervisor who barged in ("" none); kept in memory only */
	size_t last_pos;          /* what the customer was last told */
	int64_t last_eta;
	int dirty;                /* row to be written at the end of the turn */
	hl_hmap_node id_node;     /* in the open contacts by id */
	hl_hmap_node cust_node;   /* in the open contacts by customer */
	struct hl_contact *next;  /* in the turn's list of closed contacts */
	struct hl_contact *dnext; /* in the turn's list of contacts to write */
} hl_contact;

typedef struct hl_router hl_router;

/* Loads queues, agents and open contacts from the store into a new engine.
 * Returns 0 or a negative code (message on stderr). */
int hl_router_open(hl_broker *b);
void hl_router_close(hl_broker *b);

/* The engine, for handlers that feed it an event; pass the result to
 * hl_router_apply. `out` is the router's reusable decision buffer. */
hl_route *hl_router_engine(hl_broker *b);
hl_route_out *hl_router_out(hl_broker *b);

/* Carries out the decisions in `out` and clears it. */
void hl_router_apply(hl_broker *b);

/* Engine time for this turn: the wall clock, never going backwards. */
int64_t hl_router_now(hl_broker *b);

/* Finds an open contact by "c123", or NULL. */
hl_contact *hl_router_contact(hl_broker *b, const char *ref);

/* Registers a new open contact (the router owns it). */
void hl_router_contact_add(hl_broker *b, hl_contact *c);

/* The open contact of customer `customer_id`, or NULL. */
hl_contact *hl_router_contact_of_customer(hl_broker *b, int64_t customer_id);

/* Writes the contact and takes it out of the open set (freed at the end of
 * the turn: the caller may still read it during this turn). */
void hl_router_contact_close(hl_broker *b, hl_contact *c);

/* Moves the contact's state by `ev` (contact_state.h's table) and marks it
 * to be written. Returns 0, or HL_E_STATE (logged, nothing changed) when
 * the table refuses the move. The only way a contact's state changes. */
int hl_router_contact_move(hl_broker *b, hl_contact *c, hl_contact_event ev);

/* Tells `agent`'s sessions that `contact` is now `state` (active, ended,
 * cancelled, transferred, requeued), by whom and why ("" or NULL). */
void hl_router_contact_event(hl_broker *b, const char *agent, const char *contact,
			     const char *state, const char *by, const char *reason);

/* Marks the contact for writing at the end of the turn. */
void hl_router_touch(hl_broker *b, hl_contact *c);

/* A queue's configuration (owned by the router), or NULL. */
const Hotline__QueueConf *hl_router_queue(hl_broker *b, const char *id);

/* Calls `fn` for every queue in order. */
void hl_router_queue_each(hl_broker *b, void (*fn)(const Hotline__QueueConf *q, void *arg),
			  void *arg);

/* Stores (replacing) a queue's configuration and applies it to the engine.
 * Returns 0 or HL_E_INVALID with `err` filled. */
int hl_router_queue_apply(hl_broker *b, const Hotline__QueueConf *q, int is_new, char *err,
			  size_t errcap);


/* An agent's user id, 0 if the router does not know them. */
int64_t hl_router_agent_user_id(hl_broker *b, const char *agent);

/* An agent's display name ("" if unknown). */
const char *hl_router_agent_display(hl_broker *b, const char *agent);

/* Reloads one agent's profile from the store into the engine. */
int hl_router_agent_reload(hl_broker *b, int64_t user_id, char *err, size_t errcap);

/* The agent's session ended by logout: unless another session of theirs
 * is still present, they are Offline (reason logout) at once and their
 * conversations go back to the queue. Not an agent: nothing. */
void hl_router_agent_logout(hl_broker *b, const char *agent);

/* Fills the agent's part of a session's snapshot: their state and their
 * conversations in progress (strings in `a`). */
void hl_router_snapshot(hl_broker *b, const char *agent, hl_arena *a, Hotline__Snapshot *snap);

/* Calls `fn` for every agent with a routing profile, in the order they
 * were loaded or set up: name, display name and the engine's view now. */
void hl_router_agent_each(hl_broker *b,
			  void (*fn)(const char *name, const char *display,
				     const hl_route_agent_info *info, void *arg),
			  void *arg);

/* Counts every agent once by state into the figures (agents_*). */
void hl_router_agent_states(hl_broker *b, Hotline__Figures *f);

/* Timers: the engine's, presence of agents, queue positions told to
 * customers, writing dirty contacts. Returns the next deadline. */
int64_t hl_router_tick(hl_broker *b);

/* End of turn: writes changed contacts, frees closed ones. */
void hl_router_flush(hl_broker *b);

/* The module (module.h): loads and keeps the routing engine and the open
 * contacts; timers, writes, the snapshot's status and conversations. */
extern const hl_module hl_mod_router;

#endif

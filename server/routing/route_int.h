/* The routing engine's private data model and the core helpers route.c
 * gives the other engine files. Only the engine's own files include this. */
#ifndef HL_ROUTE_INT_H
#define HL_ROUTE_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "route.h"
#include "route_map.h"
#include "route_timer.h"
#include "route_wait.h"

#define ROUTE_EXCL_MAX 4                       /* remembered decliners per contact */
#define ROUTE_NODES_MAX (1 + HL_ROUTE_OVERFLOW_MAX)

typedef struct route_overflow {
	int32_t after_s;
	bool lower_tiers;
	char to[HL_ROUTE_ID_MAX];
} route_overflow;

/* An agent able to take a contact now, listed in each of its queues. */
typedef struct route_free_ent {
	uint32_t agent;
	uint8_t level;
} route_free_ent;

typedef struct route_queue {
	char id[HL_ROUTE_ID_MAX];
	/* settings: see hl_route_queue_conf */
	hl_route_strategy strategy;
	int32_t priority, sl_pct, sl_secs, max_wait_s, max_len, offer_timeout_s, wrap_up_s,
		missed_limit, tier_wait_s, short_abandon_s, preferred_wait_s, grace_s, reoffer_s,
		utc_offset_min;
	bool auto_accept, region_affinity;
	route_overflow overflow[HL_ROUTE_OVERFLOW_MAX];
	uint32_t n_overflow;
	hl_route_interval open[HL_ROUTE_HOURS_MAX];
	uint32_t n_open;
	/* state */
	route_wait wait;               /* waiting contacts: its own and overflowed in */
	route_free_ent *free;          /* members able to take a contact now */
	uint32_t n_free, cap_free;
	uint32_t *members;             /* agents with this skill, in entry order */
	uint32_t n_members, cap_members;
	uint32_t staffed[HL_ROUTE_LEVEL_MAX + 1]; /* logged-in members by level */
	uint32_t *region_staffed;      /* logged-in members by region index */
	uint32_t n_region_staffed;
	uint32_t rr_last;              /* entry order of the agent offered last */
	uint32_t q_head, q_tail;       /* own contacts waiting or offered, by join time */
	uint32_t queued, offering;
	hl_metrics_counters counters;
} route_queue;

typedef struct route_skill {
	uint32_t queue;
	uint8_t level;
	uint32_t free_pos;             /* index in the queue's free list, or ROUTE_NONE */
} route_skill;

/* A slot in wrap-up: the contact is gone, its figures wait for the end. */
typedef struct route_wrap {
	int64_t start, end, talk_ms;
	uint32_t queue;
	char contact[HL_ROUTE_ID_MAX];
} route_wrap;

typedef struct route_agent {
	char id[HL_ROUTE_ID_MAX];
	uint32_t seq;                  /* entry order: the last tie-break */
	hl_route_state state;
	char reason[HL_ROUTE_REASON_MAX];
	int64_t since;
	int32_t capacity, offers, active;
	route_skill *skills;
	uint32_t n_skills;
	uint32_t region;
	int64_t idle_since;
	int32_t missed;
	uint32_t handled_today;
	int64_t handled_day;
	bool vanished;
	bool listed;                   /* in its queues' free lists */
	route_wrap *wraps;             /* sorted by end */
	uint32_t n_wraps, cap_wraps;
	uint64_t wrap_timer, vanish_timer;
	uint32_t c_head;               /* contacts offered to or held by the agent */
	uint32_t d_head, d_tail;       /* contacts transferred to the agent, FIFO */
	hl_metrics_counters counters;
	int64_t mark;                  /* state time accounted up to here */
} route_agent;

typedef enum route_cstatus {
	ROUTE_C_UNUSED = 0,
	ROUTE_C_WAITING,
	ROUTE_C_OFFERED,
	ROUTE_C_ACTIVE,
	ROUTE_C_DIRECTED,
} route_cstatus;

typedef struct route_excl {
	uint32_t agent;
	int64_t until;
} route_excl;

typedef struct route_contact {
	char id[HL_ROUTE_ID_MAX];
	char customer[HL_ROUTE_ID_MAX];
	uint32_t seq;
	route_cstatus status;
	uint32_t queue;
	int32_t priority;              /* VIP boost included */
	uint32_t region;
	int64_t join;
	uint32_t agent;                /* offered to, talking with or directed to */
	uint32_t preferred;            /* the customer's last agent, or ROUTE_NONE */
	int64_t answered_at;
	bool open_stat;                /* an outcome is still to be counted in its queue */
	bool directed;                 /* the offer in flight comes from a transfer to an agent */
	bool tiers_open;               /* a lower_tiers overflow fired */
	uint8_t overflow_done;         /* bit i: overflow rule i handled */
	route_node *nodes[ROUTE_NODES_MAX]; /* [0] in its own queue, then overflow queues */
	uint32_t n_nodes;
	route_excl excl[ROUTE_EXCL_MAX];
	uint32_t n_excl;
	uint64_t offer_timer, check_timer, grace_timer;
	int64_t check_at, deadline;
	uint32_t q_prev, q_next;       /* queue's join-ordered list; q_next: free slots */
	uint32_t a_prev, a_next;       /* agent's offered/held list */
	uint32_t d_next;               /* agent's transfer FIFO */
} route_contact;

typedef struct route_customer {
	char id[HL_ROUTE_ID_MAX];
	uint32_t agent;
} route_customer;

struct hl_route {
	hl_route_config conf;
	uint64_t rng;
	int64_t now;
	route_queue *queues;
	uint32_t n_queues, cap_queues;
	route_agent *agents;
	uint32_t n_agents, cap_agents;
	route_contact *contacts;
	uint32_t n_contacts, cap_contacts, free_contact;
	route_customer *customers;
	uint32_t n_customers, cap_customers;
	char (*regions)[HL_ROUTE_ID_MAX]; /* [0] is "no region" */
	uint32_t n_regions, cap_regions;
	route_map queue_map, agent_map, contact_map, customer_map, region_map;
	route_timers timers;
	uint32_t seq;                  /* entry order of agents and contacts */
	uint64_t node_salt;
};

/* ---- core helpers, in route.c ---- */

/* Appends a decision of `kind` at `t` with the given ids (NULL: empty) and
 * returns it for more fields; NULL when memory ran out (out->lost set). */
hl_route_decision *route_emit(hl_route_out *out, hl_route_kind kind, int64_t t,
			      const char *contact, const char *agent, const char *queue);

/* Arms timer `kind` for object `obj` at `at`, storing its id in `*slot`
 * (an older timer in the slot is thereby cancelled). */
void route_arm(hl_route *r, uint64_t *slot, route_timer_kind kind, uint32_t obj, int64_t at);

/* Starts a public event call: checks `now`, fires due timers. Returns 0
 * or HL_E_INVALID (time went backwards; nothing fired). */
int route_begin(hl_route *r, int64_t now, hl_route_out *out);

/* Ends a public call: drops stale timers; returns `rc`, or HL_E_NOMEM
 * when `out` has lost decisions. */
int route_finish(hl_route *r, hl_route_out *out, int rc);

/* True when `s` is a usable id (1..HL_ROUTE_ID_MAX-1 bytes). */
bool route_id_ok(const char *s);

/* Copies a checked id or reason into a buffer of `cap` bytes. */
void route_copy(char *dst, const char *src, size_t cap);

/* Returns the index of region `name` (0 for NULL or ""), adding it;
 * ROUTE_NONE when memory runs out. */
uint32_t route_region(hl_route *r, const char *name);

/* Looks a region up without adding it: its index, 0 for none, ROUTE_NONE
 * for a region no one has. */
uint32_t route_region_find(const hl_route *r, const char *name);

/* The next number of the seeded generator (random strategy). */
uint64_t route_rand(hl_route *r);

/* Index lookups by id: ROUTE_NONE when unknown. */
uint32_t route_queue_find(const hl_route *r, const char *id);
uint32_t route_agent_find(const hl_route *r, const char *id);
uint32_t route_contact_find(const hl_route *r, const char *id);

#endif

/* The routing engine (SPEC §3): pure C, no I/O, no clock, no SQL. The
 * caller feeds it events stamped with `now` (milliseconds, never going
 * backwards) and gets decisions back, plus the time of its next timer.
 *
 * Use:
 *   hl_route *r = hl_route_new(&conf);          conf NULL: defaults
 *   hl_route_queue_set(r, now, &q, &out);       define or update queues,
 *   hl_route_agent_set(r, now, &a, &out);       then agents (skills name queues)
 *   hl_route_contact_add / accept / decline / end / abandon / transfer_*,
 *   hl_route_agent_state / disconnect / reconnect / wrapup_done: events
 *   hl_route_tick(r, now, &out) at hl_route_next_timer(r): timers
 *
 * Every event call first fires the timers due at or before `now` (each at
 * its own due time, so decisions carry exact times whatever the tick
 * granularity), then applies the event. Decisions are appended to `out` in
 * the order they happen. A call that returns an error changes nothing
 * (the timers it fired first stay fired), except HL_E_NOMEM: memory ran
 * out, the engine stays consistent but `out` misses decisions (out->lost;
 * clear `out` before the next call).
 *
 * Ids are the caller's strings (1 to HL_ROUTE_ID_MAX-1 bytes), copied.
 * Queues and agents are never removed: an agent leaves by going Offline;
 * a queue stops taking contacts through its hours. Not thread-safe: one
 * thread owns an engine. See docs/routing-replay.md for every rule. */
#ifndef HL_ROUTE_H
#define HL_ROUTE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "metrics.h"

#define HL_ROUTE_ID_MAX 64       /* ids: at most 63 bytes */
#define HL_ROUTE_REASON_MAX 32   /* reason codes: at most 31 bytes */
#define HL_ROUTE_OVERFLOW_MAX 8  /* overflow rules per queue */
#define HL_ROUTE_HOURS_MAX 64    /* open intervals per queue */
#define HL_ROUTE_SKILLS_MAX 64   /* skills per agent */
#define HL_ROUTE_LEVEL_MIN 1
#define HL_ROUTE_LEVEL_MAX 10    /* 10 is the most skilled */
#define HL_ROUTE_CAPACITY_MAX 100
#define HL_ROUTE_NO_TIMER INT64_MAX
#define HL_ROUTE_WEEK_MIN 10080  /* minutes in a week */

typedef struct hl_route hl_route;

/* Agent-selection strategies, per queue. Stored: append only. */
typedef enum hl_route_strategy {
	HL_ROUTE_STRATEGY_LONGEST_IDLE = 0,
	HL_ROUTE_STRATEGY_LEAST_OCCUPIED = 1,
	HL_ROUTE_STRATEGY_FEWEST_HANDLED = 2,
	HL_ROUTE_STRATEGY_ROUND_ROBIN = 3,
	HL_ROUTE_STRATEGY_SKILL_LEVEL = 4,
	HL_ROUTE_STRATEGY_RANDOM = 5,
	HL_ROUTE_STRATEGY_COUNT
} hl_route_strategy;

/* Agent states. Wrap-up is entered by the engine only. Append only. */
typedef enum hl_route_state {
	HL_ROUTE_STATE_OFFLINE = 0,
	HL_ROUTE_STATE_AVAILABLE = 1,
	HL_ROUTE_STATE_NOT_READY = 2,
	HL_ROUTE_STATE_WRAP_UP = 3,
	HL_ROUTE_STATE_COUNT
} hl_route_state;

/* Decision kinds. Sent and stored: append only. */
typedef enum hl_route_kind {
	HL_ROUTE_OFFER = 0,         /* contact offered to agent (via queue) */
	HL_ROUTE_ANSWER = 1,        /* agent accepted (or auto-accept); wait_ms set */
	HL_ROUTE_OFFER_TIMEOUT = 2, /* the agent let the offer run out: a miss */
	HL_ROUTE_OFFER_CANCEL = 3,  /* offer withdrawn (agent left, disconnected); reason */
	HL_ROUTE_STATE_CHANGE = 4,  /* agent's state changed; state, reason */
	HL_ROUTE_REQUEUE = 5,       /* contact back to its queue, at its old place; reason */
	HL_ROUTE_OVERFLOW = 6,      /* contact also offered to queue `to`, or to lower tiers */
	HL_ROUTE_REJECTED = 7,      /* contact refused on arrival; reason closed|queue_full */
	HL_ROUTE_WRAPUP_END = 8,    /* agent's wrap-up of `contact` ended */
	HL_ROUTE_ABANDON = 9,       /* customer left while waiting; wait_ms, short_abandon */
	HL_ROUTE_LEAVE = 10,        /* contact removed by the engine; reason max_wait */
	HL_ROUTE_KIND_COUNT
} hl_route_kind;

/* One decision. Fields not used by a kind are empty/zero. */
typedef struct hl_route_decision {
	hl_route_kind kind;
	int64_t t;                        /* when it happened (engine ms) */
	char contact[HL_ROUTE_ID_MAX];
	char agent[HL_ROUTE_ID_MAX];
	char queue[HL_ROUTE_ID_MAX];      /* the contact's queue (offer: the queue it came via) */
	char to[HL_ROUTE_ID_MAX];         /* overflow: the target queue ("" for lower tiers) */
	char reason[HL_ROUTE_REASON_MAX];
	hl_route_state state;             /* STATE_CHANGE */
	int64_t wait_ms;                  /* ANSWER, ABANDON, LEAVE */
	int64_t deadline;                 /* OFFER: time the offer runs out; 0 none */
	bool auto_accept;                 /* OFFER: accepted at once, ANSWER follows */
	bool short_abandon;               /* ABANDON: under the queue's short_abandon_s */
	bool lower_tiers;                 /* OVERFLOW: opened every skill tier */
} hl_route_decision;

/* A growing array of decisions the caller owns. `lost` is set when memory
 * ran out while appending (the call then returns HL_E_NOMEM). */
typedef struct hl_route_out {
	hl_route_decision *v;
	size_t n, cap;
	bool lost;
} hl_route_out;

/* Empties `o` without allocating. */
void hl_route_out_init(hl_route_out *o);
/* Forgets the decisions, keeps the memory. */
void hl_route_out_clear(hl_route_out *o);
/* Frees the memory; `o` is empty afterwards. */
void hl_route_out_free(hl_route_out *o);

/* Engine-wide settings. */
typedef struct hl_route_config {
	uint64_t seed;              /* random strategy; same seed, same choices */
	int64_t epoch_unix_ms;      /* Unix ms at engine time 0 (broker: 0, now is Unix ms) */
	int32_t day_utc_offset_min; /* local day for "handled today" starts at 00:00 here */
	int32_t grace_s;            /* disconnected agent: Offline after this; default 30 */
	int32_t vip_boost;          /* a VIP contact's priority + this; default 10 */
	int32_t default_aht_s;      /* estimated wait before any contact was handled; 300 */
} hl_route_config;

/* Fills the defaults: seed 1, epoch 0, offset 0, grace 30 s, VIP +10,
 * AHT 300 s. */
void hl_route_config_default(hl_route_config *c);

/* Minutes of the week in the queue's local time, Monday 00:00 = 0,
 * open over [from, to), 0 <= from < to <= HL_ROUTE_WEEK_MIN. */
typedef struct hl_route_interval {
	int32_t from, to;
} hl_route_interval;

/* After `after_s` of wait, the contact is also offered to agents of queue
 * `to`; or, with lower_tiers, to every skill tier of its own queue. */
typedef struct hl_route_overflow {
	int32_t after_s;
	const char *to;    /* queue id; resolved when the rule fires */
	bool lower_tiers;
} hl_route_overflow;

/* A queue (skill group). Strings and arrays are the caller's: copied. */
typedef struct hl_route_queue_conf {
	const char *id;
	hl_route_strategy strategy;
	int32_t priority;          /* higher goes first across an agent's queues; 0 */
	int32_t sl_pct, sl_secs;   /* service-level target X % in Y s; 80 / 20 */
	int32_t max_wait_s;        /* longest wait, then the contact leaves; 0 = none */
	int32_t max_len;           /* most contacts queued, then rejected; 0 = none */
	int32_t offer_timeout_s;   /* offer runs out after this; 15; 0 = never */
	bool auto_accept;          /* offers are accepted at once; false */
	int32_t wrap_up_s;         /* wrap-up after each contact; 0 = none */
	int32_t missed_limit;      /* K misses in a row: Not Ready (missed); 3; 0 = off */
	int32_t tier_wait_s;       /* skill tiers / region fallback step; 30 */
	int32_t short_abandon_s;   /* abandons under this are short; 5 */
	int32_t preferred_wait_s;  /* hold for the customer's last agent; 0 = off */
	int32_t grace_s;           /* vanished agent's contacts requeue after; -1 = engine's */
	int32_t reoffer_s;         /* an agent who declined or missed a contact is not
				    * offered it again for this long; 10 */
	bool region_affinity;      /* prefer agents of the contact's region; false */
	const hl_route_overflow *overflow;
	size_t n_overflow;
	int32_t utc_offset_min;    /* business hours' local time; 0 */
	const hl_route_interval *open; /* business hours; none = always open */
	size_t n_open;
} hl_route_queue_conf;

/* Fills the defaults given above for queue `id`, strategy longest idle. */
void hl_route_queue_conf_default(hl_route_queue_conf *q, const char *id);

typedef struct hl_route_skill {
	const char *queue;
	int32_t level;             /* 1..10 */
} hl_route_skill;

/* An agent. A new agent starts Offline. */
typedef struct hl_route_agent_conf {
	const char *id;
	int32_t capacity;          /* contacts at once, 1..HL_ROUTE_CAPACITY_MAX */
	const char *region;        /* NULL or "": none */
	const hl_route_skill *skills;
	size_t n_skills;
} hl_route_agent_conf;

/* A contact arriving at a queue. */
typedef struct hl_route_contact_conf {
	const char *id;
	const char *queue;
	const char *customer;      /* NULL: anonymous, nothing remembered */
	const char *region;        /* NULL or "": none */
	const char *last_agent;    /* NULL: the agent remembered for customer */
	int32_t priority;          /* higher goes first; 0 */
	bool vip;                  /* priority + config vip_boost */
} hl_route_contact_conf;

/* Returns a new engine with `conf` (NULL: defaults), or NULL when memory
 * runs out. Free it with hl_route_free. */
hl_route *hl_route_new(const hl_route_config *conf);

/* Frees the engine and everything in it; NULL is fine. */
void hl_route_free(hl_route *r);

/* Defines queue q->id, or replaces the settings of an existing one
 * (waiting contacts stay and are routed under the new settings). Returns
 * 0, HL_E_INVALID (a value out of range), HL_E_TOOBIG or HL_E_NOMEM. */
int hl_route_queue_set(hl_route *r, int64_t now, const hl_route_queue_conf *q, hl_route_out *out);

/* Defines agent a->id (Offline) or replaces its skills, capacity and
 * region. Returns 0, HL_E_NOTFOUND (a skill names an unknown queue),
 * HL_E_INVALID, HL_E_TOOBIG or HL_E_NOMEM. */
int hl_route_agent_set(hl_route *r, int64_t now, const hl_route_agent_conf *a, hl_route_out *out);

/* Contact arrives: queued and offered if an agent fits; or a REJECTED
 * decision (closed, queue_full) and 0. Returns HL_E_EXISTS (id in use),
 * HL_E_NOTFOUND (unknown queue), HL_E_INVALID, HL_E_NOMEM. */
int hl_route_contact_add(hl_route *r, int64_t now, const hl_route_contact_conf *c, hl_route_out *out);

/* `agent` accepts the contact offered to them: ANSWER with the wait.
 * HL_E_NOTFOUND, or HL_E_STATE if the contact is not offered to `agent`. */
int hl_route_accept(hl_route *r, int64_t now, const char *agent, const char *contact, hl_route_out *out);

/* `agent` declines the offer: the contact goes to another agent (not
 * back to this one for the queue's reoffer_s). Not counted as a miss.
 * HL_E_NOTFOUND or HL_E_STATE. */
int hl_route_decline(hl_route *r, int64_t now, const char *agent, const char *contact, hl_route_out *out);

/* The conversation ends (either side closed it): the agent wraps up for
 * the queue's wrap_up_s (STATE_CHANGE wrap_up), then WRAPUP_END. The
 * contact is forgotten. HL_E_NOTFOUND, HL_E_STATE if not answered. */
int hl_route_end(hl_route *r, int64_t now, const char *contact, hl_route_out *out);

/* The customer left before being answered: ABANDON (short or not); an
 * offer in flight is withdrawn with it. HL_E_NOTFOUND, or HL_E_STATE if
 * the contact is in a conversation (use hl_route_end). */
int hl_route_abandon(hl_route *r, int64_t now, const char *contact, hl_route_out *out);

/* Transfers an answered contact to `queue`: the agent's part ends as with
 * hl_route_end, the contact joins `queue` as a new arrival there.
 * HL_E_NOTFOUND, HL_E_STATE (not answered, queue full), HL_E_CLOSED. */
int hl_route_transfer_queue(hl_route *r, int64_t now, const char *contact, const char *queue,
			    hl_route_out *out);

/* Transfers an answered contact to `agent`, who is offered it as soon as
 * they have a free slot (before any queued contact). If they decline or
 * miss it, it is requeued in its queue. HL_E_NOTFOUND, HL_E_STATE (not
 * answered, target logged out or the same agent). */
int hl_route_transfer_agent(hl_route *r, int64_t now, const char *contact, const char *agent,
			    hl_route_out *out);

/* Sets an agent's state: AVAILABLE (ends any wrap-up, clears the missed
 * count), NOT_READY with a reason code, or OFFLINE. Offers pending to an
 * agent who stops being available are withdrawn (OFFER_CANCEL). Emits
 * STATE_CHANGE if anything changed. HL_E_NOTFOUND, HL_E_INVALID (WRAP_UP,
 * bad reason). */
int hl_route_agent_state(hl_route *r, int64_t now, const char *agent, hl_route_state state,
			 const char *reason, hl_route_out *out);

/* The agent's client vanished: no offers, pending offers withdrawn; after
 * each contact's queue grace_s it is requeued at the head of its queue
 * (REQUEUE grace); after the engine's grace_s the agent goes Offline
 * (reason disconnected). HL_E_NOTFOUND, HL_E_STATE if already gone. */
int hl_route_agent_disconnect(hl_route *r, int64_t now, const char *agent, hl_route_out *out);

/* The agent's client is back: grace timers are cancelled and routing
 * resumes (an agent already Offline stays Offline). HL_E_NOTFOUND,
 * HL_E_STATE if not disconnected. */
int hl_route_agent_reconnect(hl_route *r, int64_t now, const char *agent, hl_route_out *out);

/* The agent signed out: pending offers are withdrawn, conversations in
 * progress go back to the head of their queues at once (REQUEUE logout),
 * and the agent is Offline with reason `logout`. No grace period: it is
 * for connections lost, not for a person who left. Wrap-ups run on.
 * HL_E_NOTFOUND. */
int hl_route_agent_logout(hl_route *r, int64_t now, const char *agent, hl_route_out *out);

/* The agent finishes wrap-up early: WRAPUP_END for each contact still in
 * wrap-up. HL_E_NOTFOUND, HL_E_STATE if not wrapping up. */
int hl_route_wrapup_done(hl_route *r, int64_t now, const char *agent, hl_route_out *out);

/* Fires every timer due at or before `now`. Returns 0, HL_E_INVALID if
 * `now` is before the last event's time, HL_E_NOMEM. */
int hl_route_tick(hl_route *r, int64_t now, hl_route_out *out);

/* Returns the time of the next timer, HL_ROUTE_NO_TIMER if none. Call
 * hl_route_tick then (it may find nothing left to do). */
int64_t hl_route_next_timer(const hl_route *r);

/* Names: "longest_idle", ..., "offline", ..., "offer", ...; and back (-1
 * for an unknown name). */
const char *hl_route_strategy_name(hl_route_strategy s);
int hl_route_strategy_parse(const char *name);
const char *hl_route_state_name(hl_route_state s);
int hl_route_state_parse(const char *name);
const char *hl_route_kind_name(hl_route_kind k);

/* ---- Queries (read-only; `now` only computes times, it fires nothing) ---- */

/* Queues in definition order: count, and the id of the i-th (NULL past). */
size_t hl_route_queue_count(const hl_route *r);
const char *hl_route_queue_id(const hl_route *r, size_t i);

/* A queue's live figures at `now`. */
typedef struct hl_route_queue_stats {
	size_t queued;             /* waiting contacts, offers in flight included */
	size_t offering;           /* of which offered to an agent now */
	int64_t longest_wait_ms;   /* of the queued; 0 when none */
	size_t agents[HL_ROUTE_STATE_COUNT]; /* agents with this skill, by state */
	size_t agents_free;        /* of them, able to take a contact now */
	bool open;                 /* within business hours */
} hl_route_queue_stats;

/* Fills `st` for `queue`. Returns 0 or HL_E_NOTFOUND. */
int hl_route_queue_stats_get(const hl_route *r, const char *queue, int64_t now,
			     hl_route_queue_stats *st);

/* Returns the queue's counters (live; valid until the next call that
 * changes the engine), or NULL for an unknown queue. */
const hl_metrics_counters *hl_route_queue_counters(const hl_route *r, const char *queue);

/* Returns a queue's service-level target seconds and short-abandon
 * seconds through the pointers (for showing with a figure). 0 or
 * HL_E_NOTFOUND. */
int hl_route_queue_targets(const hl_route *r, const char *queue, int32_t *sl_pct, int32_t *sl_secs,
			   int32_t *short_abandon_s);

typedef struct hl_route_agent_info {
	hl_route_state state;
	char reason[HL_ROUTE_REASON_MAX];
	int64_t since;             /* time the state began */
	int32_t capacity;
	int32_t offers, active, wrapping; /* slots in use, by kind */
	bool connected;
	int32_t missed;            /* offers missed in a row */
	uint32_t handled_today;    /* contacts handled since local 00:00 */
	int64_t idle_since;        /* last offer, wrap-up end or becoming available */
} hl_route_agent_info;

/* Fills `info` for `agent` at `now`. Returns 0 or HL_E_NOTFOUND. */
int hl_route_agent_info_get(const hl_route *r, const char *agent, int64_t now,
			    hl_route_agent_info *info);

/* Copies the agent's counters with state time accounted up to `now`.
 * Returns 0 or HL_E_NOTFOUND. */
int hl_route_agent_counters(const hl_route *r, const char *agent, int64_t now,
			    hl_metrics_counters *c);

typedef enum hl_route_contact_status {
	HL_ROUTE_CONTACT_WAITING = 0,  /* in its queue */
	HL_ROUTE_CONTACT_OFFERED = 1,  /* offered, awaiting accept */
	HL_ROUTE_CONTACT_ACTIVE = 2,   /* in a conversation */
	HL_ROUTE_CONTACT_DIRECTED = 3, /* transferred to an agent, awaiting a slot */
} hl_route_contact_status;

typedef struct hl_route_contact_info {
	hl_route_contact_status status;
	char queue[HL_ROUTE_ID_MAX];
	char agent[HL_ROUTE_ID_MAX];  /* offered to / talking with / directed to */
	int64_t join;                 /* when it joined its queue */
	size_t position;              /* 1 = next in its queue; 0 unless waiting */
	int64_t est_wait_ms;          /* estimated further wait; -1 unknown */
} hl_route_contact_info;

/* Fills `info` for `contact` at `now`. The estimate is position × AHT ÷
 * free-or-soon capacity: AHT from the queue's handled contacts (the
 * config default before any), capacity summed over the queue's agents
 * who are Available or in Wrap-up; -1 when none is. Returns 0 or
 * HL_E_NOTFOUND. */
int hl_route_contact_info_get(const hl_route *r, const char *contact, int64_t now,
			      hl_route_contact_info *info);

#endif

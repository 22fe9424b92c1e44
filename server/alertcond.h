/* The floor's alert conditions: the configured thresholds, whether a
 * condition holds for what a queue or an agent shows now, and the edges
 * where an alert opens or closes. Pure: no I/O, no clock. */
#ifndef HL_ALERTCOND_H
#define HL_ALERTCOND_H

#include <stdbool.h>
#include <stdint.h>

/* What an alert is about. The names are stored and sent: append only. */
typedef enum hl_alert_kind {
	HL_ALERT_SL = 0,           /* a queue's last-30-minutes service level under its target */
	HL_ALERT_WAITING = 1,      /* a queue with more than N waiting */
	HL_ALERT_LONGEST_WAIT = 2, /* a queue's first in line waiting more than S seconds */
	HL_ALERT_NOT_READY = 3,    /* an agent Not Ready for more than M minutes */
	HL_ALERT_WRAP_UP = 4,      /* an agent in wrap-up for more than M minutes */
	HL_ALERT_CSAT = 5,         /* a CSAT rating of 1 or 2 */
	HL_ALERT_NPS = 6,          /* an NPS answer of 0 to 6 */
	HL_ALERT_KIND_COUNT
} hl_alert_kind;

/* The thresholds; 0 (or false) turns a condition off. */
typedef struct hl_alert_conf {
	bool sl;                  /* service level of the last 30 min under the queue's target */
	int32_t sl_min_offered;   /* ... judged once the window has this many offered (>= 1) */
	int32_t sl_margin;        /* ... closes only at target + this many points (hysteresis) */
	int32_t waiting_over;     /* more than N contacts waiting */
	int32_t longest_wait_s;   /* the longest wait over S seconds */
	int32_t not_ready_min;    /* Not Ready longer than M minutes */
	int32_t wrap_up_min;      /* wrap-up longer than M minutes */
	bool csat_low;            /* a CSAT rating of 1-2 */
	bool nps_low;             /* an NPS answer of 0-6 */
} hl_alert_conf;

/* A queue as the conditions read it. */
typedef struct hl_alert_queue_obs {
	double sl30_pct;          /* last 30 minutes' service level; NaN when undefined */
	uint32_t offered30;       /* offered in the window */
	int32_t target_pct;       /* the queue's target, e.g. 80 */
	uint32_t waiting;
	int64_t longest_wait_ms;
} hl_alert_queue_obs;

/* An agent's state as the conditions read it. */
typedef enum hl_alert_agent_state {
	HL_ALERT_AGENT_OTHER = 0,
	HL_ALERT_AGENT_NOT_READY = 1,
	HL_ALERT_AGENT_WRAP_UP = 2,
} hl_alert_agent_state;

typedef struct hl_alert_agent_obs {
	hl_alert_agent_state state;
	int64_t in_state_ms;
} hl_alert_agent_obs;

/* Where an alert stands after one evaluation. */
typedef enum hl_alert_edge {
	HL_ALERT_STAY = 0,    /* nothing changes */
	HL_ALERT_OPEN = 1,    /* the condition started: open an alert */
	HL_ALERT_CLOSE = 2,   /* the condition ended: close the open alert */
} hl_alert_edge;

/* Sets the defaults: every condition off, sl_min_offered 1, margin 0. */
void hl_alertcond_defaults(hl_alert_conf *c);

/* True when any condition is on. */
bool hl_alertcond_any(const hl_alert_conf *c);

/* True when a queue or agent condition is on (the ones evaluated on the
 * tick; ratings are judged as they arrive). */
bool hl_alertcond_ticked(const hl_alert_conf *c);

/* The stored and sent name of `k` ("sl", "waiting", …), "" if unknown. */
const char *hl_alertcond_name(hl_alert_kind k);

/* Takes one `[alerts]` key of broker.ini into `c`: sl, csat_low, nps_low
 * take on/off (also yes/no, true/false, 1/0); sl_min_offered 1-100000,
 * sl_margin 0-100, waiting_over 0-100000, longest_wait_s 0-86400,
 * not_ready_min and wrap_up_min 0-1440 take whole numbers. Returns 1 when
 * taken, 0 for an unknown key or a value out of range or malformed
 * (nothing changed). */
int hl_alertcond_conf_key(hl_alert_conf *c, const char *name, const char *value);

/* Whether queue condition `k` holds for `o`, given whether its alert is
 * open now (`open`: the service level closes only at target + margin).
 * Fills `value` and `threshold` (what a person is shown) when it holds.
 * False for a condition that is off or not a queue's. */
bool hl_alertcond_queue(const hl_alert_conf *c, hl_alert_kind k, const hl_alert_queue_obs *o,
			bool open, double *value, double *threshold);

/* The same for agent condition `k` (Not Ready, wrap-up). `value` and
 * `threshold` in minutes. */
bool hl_alertcond_agent(const hl_alert_conf *c, hl_alert_kind k, const hl_alert_agent_obs *o,
			double *value, double *threshold);

/* Whether a rating opens an alert of kind `k` (HL_ALERT_CSAT: csat 1-2;
 * HL_ALERT_NPS: nps 0-6). `score` 0 (CSAT) or -1 (NPS) means none. */
bool hl_alertcond_rating(const hl_alert_conf *c, hl_alert_kind k, int score);

/* The edge: an alert opens when its condition holds and none is open, and
 * closes when it is open and the condition no longer holds. */
hl_alert_edge hl_alertcond_edge(bool open, bool holds);

#endif

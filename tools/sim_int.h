/* hotline-sim run's internal header: the run's state, which every part of
 * the run (sim_run, sim_sched, sim_cust, sim_agent, sim_report, sim_rand)
 * is handed as `hl_sim_run *S`, and the records the parts pass one another.
 * Nothing outside hotline-sim run includes it. */
#ifndef HL_SIM_INT_H
#define HL_SIM_INT_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "client.h"
#include "pwfile.h"
#include "sim_stats.h"

/* How long an agent's long-poll waits: it bounds how long a poller takes
 * to stop, so the loop's stop phase waits about as long. */
#define HL_SIM_POLL_WAIT_MS 2000
#define HL_SIM_MAX_WORKERS 32

typedef struct hl_sim_run_opts {
	const char *broker, *pin, *web, *pwfile, *prefix, *item;
	double per_min;
	int agents, duration_s, json, typing_ms;
	double patience_s;
	uint64_t seed;
} hl_sim_run_opts;

/* Records private to one part, named here so the run can hold them. */
typedef struct hl_sim_act hl_sim_act;     /* an agent's request (sim_agent.c) */
typedef struct hl_sim_agent hl_sim_agent; /* a simulated agent (sim_agent.c) */
typedef struct hl_sim_cust hl_sim_cust;   /* a simulated customer (sim_cust.c) */

/* What the other threads post to the loop (hl_sim_ev.kind). */
enum { HL_SIM_EV_WS, HL_SIM_EV_POLL, HL_SIM_EV_DONE, HL_SIM_EV_RECONNECTED };

/* One event in the loop's queue; `line` holds `len` bytes and a NUL. */
typedef struct hl_sim_ev {
	struct hl_sim_ev *next;
	int kind, idx, what;
	Hotline__Reply *rp;
	hl_sim_act *act;
	size_t len;
	char line[];
} hl_sim_ev;

/* Timer kinds. The customers' come first: the loop hands kinds up to
 * HL_SIM_T_CCLOSE to sim_cust.c and the later ones to sim_agent.c. */
enum {
	HL_SIM_T_ARRIVE, HL_SIM_T_CSEND, HL_SIM_T_PATIENCE, HL_SIM_T_CCLOSE,
	HL_SIM_T_ACCEPT, HL_SIM_T_REPLY, HL_SIM_T_WRAPUP, HL_SIM_T_IDLE
};

/* A timer: `idx` a customer or agent, `slot` and `serial` an agent's
 * conversation (the serial tells whether the slot was reused). */
typedef struct hl_sim_timer {
	int64_t at;
	int kind, idx, slot;
	uint32_t serial;
} hl_sim_timer;

/* The run's phases, in order. */
enum {
	HL_SIM_P_SETUP, HL_SIM_P_RUN, HL_SIM_P_DRAIN, HL_SIM_P_CLEANUP, HL_SIM_P_STOP,
	HL_SIM_P_DONE
};

typedef struct hl_sim_counts {
	uint64_t arrived, offered, answered, abandoned, closed, rejected;
	uint64_t ws_errors, agent_errors, misdelivered, offers, never_connected, ws_reconnects;
} hl_sim_counts;

/* One run. The loop thread owns every field but those marked otherwise.
 * It is one struct, seen by every part, rather than one per part, because
 * the parts are one state machine: customers and agents read the phase,
 * the options and the clock, count into the same figures and reach each
 * other's records by index; giving each part its own struct would only
 * route the same fields through accessors. */
typedef struct hl_sim_run {
	hl_sim_run_opts o;
	char password[HL_PASSWORD_MAX + 1];
	int debug;              /* HOTLINE_SIM_DEBUG set: trace agents' events */
	int64_t t_origin;       /* the clock's zero: tags carry µs since then */
	uint64_t rng[4], arr[4];  /* sim_rand.c's two streams */

	/* The loop (sim_sched.c): its queue, under qmu, and its timers. */
	pthread_mutex_t qmu;
	pthread_cond_t qcv;
	hl_sim_ev *qhead, *qtail;
	hl_sim_timer *heap;
	size_t nheap, capheap;
	int phase, stopping;
	int64_t t_start, t_end, phase_at, last_activity, next_progress;

	/* The agents (sim_agent.c): the worker pool's jobs, under jmu. */
	pthread_mutex_t jmu;
	pthread_cond_t jcv;
	hl_sim_act *jhead, *jtail;
	int jquit;
	pthread_t workers[HL_SIM_MAX_WORKERS];
	int nworkers;
	atomic_int stop_pollers;
	atomic_int login_failed;
	atomic_llong retry_until;   /* requests are re-tried until then (µs) */
	hl_sim_agent *agents;
	int logins_left, states_left, acts_pending;
	uint32_t conv_serial;       /* the last conversation's serial */
	char setup_err[640];

	/* The customers (sim_cust.c). */
	hl_sim_cust **cust;
	size_t ncust, capcust;

	/* The checks and figures (sim_report.c). */
	uint64_t sent, delivered;   /* running totals, both directions */
	hl_sim_counts n, final_n;
	hl_sim_tally final_t[2];
	hl_sim_lat lat[2];
	unsigned agent_reconnects;
	unsigned check_warnings;
} hl_sim_run;

#endif

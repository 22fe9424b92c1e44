/* hotline-sim run's loop: one thread fires the timers, takes the events
 * other threads post, and moves the run through its phases. */
#include "sim_sched.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "sim_agent.h"
#include "sim_cust.h"
#include "sim_rand.h"
#include "sim_report.h"
#include "sim_ws.h"

#define DRAIN_QUIET_US 3000000    /* drain ends 3 s after the last send or ack */
#define DRAIN_MAX_US 30000000
#define CLEANUP_US 3000000        /* for open chats to end and be wrapped up */
#define STOP_MAX_US 15000000      /* for pollers and the last requests */
#define PROGRESS_US 5000000
#define SETUP_MAX_US(agents) (30000000 + 200000LL * (agents))

/* ---- the clock ---- */

void hl_sim_sched_init(hl_sim_run *S)
{
	pthread_condattr_t ca;
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	S->t_origin = (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
	pthread_mutex_init(&S->qmu, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&S->qcv, &ca);
	pthread_condattr_destroy(&ca);
}

int64_t hl_sim_sched_now(const hl_sim_run *S)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000 - S->t_origin;
}

/* ---- event queue ---- */

void hl_sim_sched_post(hl_sim_run *S, hl_sim_ev *e)
{
	e->next = NULL;
	pthread_mutex_lock(&S->qmu);
	if (S->qtail)
		S->qtail->next = e;
	else
		S->qhead = e;
	S->qtail = e;
	pthread_cond_signal(&S->qcv);
	pthread_mutex_unlock(&S->qmu);
}

hl_sim_ev *hl_sim_sched_event_new(int kind, int idx, size_t len)
{
	hl_sim_ev *e = calloc(1, sizeof *e + len + 1);
	if (e) {
		e->kind = kind;
		e->idx = idx;
		e->len = len;
	}
	return e;
}

hl_sim_ev *hl_sim_sched_take(hl_sim_run *S, int64_t deadline)
{
	hl_sim_ev *list;

	pthread_mutex_lock(&S->qmu);
	if (!S->qhead) {
		int64_t wait = deadline - hl_sim_sched_now(S);
		if (wait > 0) {
			struct timespec ts;
			clock_gettime(CLOCK_MONOTONIC, &ts);
			int64_t ns = ts.tv_nsec + (wait % 1000000) * 1000;
			ts.tv_sec += wait / 1000000 + ns / 1000000000;
			ts.tv_nsec = ns % 1000000000;
			pthread_cond_timedwait(&S->qcv, &S->qmu, &ts);
		}
	}
	list = S->qhead;
	S->qhead = S->qtail = NULL;
	pthread_mutex_unlock(&S->qmu);
	return list;
}

/* ---- timers: a binary min-heap on `at` ---- */

void hl_sim_sched_timer_add(hl_sim_run *S, int64_t at, int kind, int idx, int slot,
			    uint32_t serial)
{
	size_t i;

	if (S->nheap == S->capheap) {
		size_t cap = S->capheap ? S->capheap * 2 : 1024;
		hl_sim_timer *h = realloc(S->heap, cap * sizeof *h);
		if (!h) {
			hl_sim_report_warn("out of memory for timers");
			return;
		}
		S->heap = h;
		S->capheap = cap;
	}
	i = S->nheap++;
	while (i > 0 && S->heap[(i - 1) / 2].at > at) {
		S->heap[i] = S->heap[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	S->heap[i] = (hl_sim_timer){.at = at, .kind = kind, .idx = idx, .slot = slot,
				    .serial = serial};
}

static hl_sim_timer timer_pop(hl_sim_run *S)
{
	hl_sim_timer top = S->heap[0], last = S->heap[--S->nheap];
	size_t i = 0;

	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= S->nheap)
			break;
		if (c + 1 < S->nheap && S->heap[c + 1].at < S->heap[c].at)
			c++;
		if (S->heap[c].at >= last.at)
			break;
		S->heap[i] = S->heap[c];
		i = c;
	}
	if (S->nheap)
		S->heap[i] = last;
	return top;
}

/* ---- the loop ---- */

static void handle(hl_sim_run *S, hl_sim_ev *e)
{
	switch (e->kind) {
	case HL_SIM_EV_WS:
		hl_sim_cust_on_ws(S, e->idx, e->what, e->what == HL_SIM_WS_LINE ? e->line : NULL);
		break;
	case HL_SIM_EV_POLL:
		hl_sim_agent_on_events(S, e->idx, e->rp);
		hl_client_reply_free(e->rp);
		break;
	case HL_SIM_EV_DONE:
		hl_sim_agent_on_done(S, e->act);
		break;
	case HL_SIM_EV_RECONNECTED:
		hl_sim_agent_on_reconnect(S, e->idx);
		break;
	}
	free(e);
}

void hl_sim_sched_begin(hl_sim_run *S)
{
	S->phase = HL_SIM_P_SETUP;
	S->phase_at = hl_sim_sched_now(S);
	atomic_store(&S->retry_until, S->phase_at + SETUP_MAX_US(S->o.agents));
}

/* Moves the run through its phases; returns 0 when it is over. */
static int advance(hl_sim_run *S, int64_t now)
{
	switch (S->phase) {
	case HL_SIM_P_SETUP:
		if (!S->setup_err[0] && now >= S->phase_at + SETUP_MAX_US(S->o.agents))
			snprintf(S->setup_err, sizeof S->setup_err, "the agents could not log in "
				 "and become available within %d s: is the broker overloaded?",
				 (int)(SETUP_MAX_US(S->o.agents) / 1000000));
		if (S->setup_err[0] && (S->logins_left == 0 || now >= S->phase_at +
							  SETUP_MAX_US(S->o.agents))) {
			S->phase = HL_SIM_P_STOP;
			S->phase_at = now;
			atomic_store(&S->stop_pollers, 1);
		} else if (S->logins_left == 0 && S->states_left == 0) {
			if (!S->o.json)
				fprintf(stderr, "hotline-sim: %d agents available after %.1f s; "
					"customers arrive for %d s\n", S->o.agents, (double)now / 1e6,
					S->o.duration_s);
			S->phase = HL_SIM_P_RUN;
			S->t_start = now;
			S->t_end = now + (int64_t)S->o.duration_s * 1000000;
			atomic_store(&S->retry_until, S->t_end + DRAIN_MAX_US);
			S->next_progress = now + PROGRESS_US;
			if (S->o.per_min > 0)
				hl_sim_sched_timer_add(S, now + hl_sim_rand_arrival(S, 60e6 / S->o.per_min),
						       HL_SIM_T_ARRIVE, 0, 0, 0);
		}
		break;
	case HL_SIM_P_RUN:
		if (now >= S->t_end) {
			S->phase = HL_SIM_P_DRAIN;
			S->stopping = 1;
			if (S->last_activity < now - DRAIN_QUIET_US)
				S->last_activity = now - DRAIN_QUIET_US;
		}
		break;
	case HL_SIM_P_DRAIN:
		if (S->sent == S->delivered || now >= S->last_activity + DRAIN_QUIET_US ||
		    now >= S->t_end + DRAIN_MAX_US) {
			hl_sim_report_freeze(S);
			S->phase = HL_SIM_P_CLEANUP;
			S->phase_at = now;
			/* End what is open so agents and queues are left clean. */
			hl_sim_cust_end_all(S);
			hl_sim_agent_end_orphans(S);
		}
		break;
	case HL_SIM_P_CLEANUP:
		if (!hl_sim_agent_busy(S) || now >= S->phase_at + CLEANUP_US) {
			S->phase = HL_SIM_P_STOP;
			S->phase_at = now;
			atomic_store(&S->stop_pollers, 1);
		}
		break;
	case HL_SIM_P_STOP:
		/* Pollers first (they end within a poll's wait), then sign off. */
		if (hl_sim_agent_pollers_running(S) &&
		    now < S->phase_at + HL_SIM_POLL_WAIT_MS * 1000 + 3000000)
			break;
		hl_sim_agent_sign_off(S);
		S->phase = HL_SIM_P_DONE;
		S->phase_at = now;
		break;
	case HL_SIM_P_DONE:
		if (S->acts_pending == 0 || now >= S->phase_at + STOP_MAX_US)
			return 0;
		break;
	}
	return 1;
}

void hl_sim_sched_loop(hl_sim_run *S)
{
	for (;;) {
		int64_t now = hl_sim_sched_now(S), deadline;
		hl_sim_ev *list;

		while (S->nheap && S->heap[0].at <= now) {
			hl_sim_timer t = timer_pop(S);
			if (t.kind == HL_SIM_T_ARRIVE) {
				if (S->phase != HL_SIM_P_RUN)
					continue;
				hl_sim_cust_arrive(S);
				hl_sim_sched_timer_add(S, t.at + hl_sim_rand_arrival(S, 60e6 / S->o.per_min),
						       HL_SIM_T_ARRIVE, 0, 0, 0);
			} else if (t.kind <= HL_SIM_T_CCLOSE) {
				hl_sim_cust_on_timer(S, &t);
			} else {
				hl_sim_agent_on_timer(S, &t);
			}
		}
		if (S->phase == HL_SIM_P_RUN && !S->o.json && now >= S->next_progress) {
			S->next_progress = now + PROGRESS_US;
			hl_sim_report_progress(S, now);
		}
		if (!advance(S, now))
			return;
		deadline = now + 100000;
		if (S->nheap && S->heap[0].at < deadline)
			deadline = S->heap[0].at;
		list = hl_sim_sched_take(S, deadline);
		while (list) {
			hl_sim_ev *next = list->next;
			handle(S, list);
			list = next;
		}
	}
}

void hl_sim_sched_free(hl_sim_run *S)
{
	/* Events that came too late to matter. */
	for (hl_sim_ev *e = hl_sim_sched_take(S, 0); e; e = hl_sim_sched_take(S, 0)) {
		while (e) {
			hl_sim_ev *next = e->next;
			if (e->kind == HL_SIM_EV_POLL)
				hl_client_reply_free(e->rp);
			free(e->act);
			free(e);
			e = next;
		}
	}
	free(S->heap);
	S->heap = NULL;
	S->nheap = S->capheap = 0;
}

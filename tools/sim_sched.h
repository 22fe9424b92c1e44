/* hotline-sim run's loop: the clock, the event queue other threads post
 * to, the timers, and the phases that take a run from set-up to done. */
#ifndef HL_SIM_SCHED_H
#define HL_SIM_SCHED_H

#include <stddef.h>
#include <stdint.h>

#include "sim_int.h"

/* Starts S's clock at zero and readies its event queue. Call once, before
 * any other hl_sim_sched_* call and before any thread posts. */
void hl_sim_sched_init(hl_sim_run *S);

/* Microseconds since hl_sim_sched_init, on the monotonic clock. Any
 * thread. */
int64_t hl_sim_sched_now(const hl_sim_run *S);

/* A new event of `kind` about customer or agent `idx`, with room for a
 * `len`-byte line; NULL when out of memory. The caller fills it in and
 * posts it, or frees it. */
hl_sim_ev *hl_sim_sched_event_new(int kind, int idx, size_t len);

/* Hands `e` to the loop, which frees it. Any thread. */
void hl_sim_sched_post(hl_sim_run *S, hl_sim_ev *e);

/* Takes every queued event as a list (the caller owns it), waiting until
 * `deadline` (µs on S's clock) when there are none. */
hl_sim_ev *hl_sim_sched_take(hl_sim_run *S, int64_t deadline);

/* Sets a timer for `at` (µs on S's clock); when it is due the loop hands
 * it to the customers or the agents by its kind. Out of memory, it is
 * dropped with a warning. Loop thread only. */
void hl_sim_sched_timer_add(hl_sim_run *S, int64_t at, int kind, int idx, int slot,
			    uint32_t serial);

/* Enters the set-up phase: the agents have that long to log in and
 * become available, and their requests are re-tried until then. */
void hl_sim_sched_begin(hl_sim_run *S);

/* Runs the loop on the calling thread through every phase; returns when
 * the run is over (its figures taken, its agents signed off) or failed
 * (S->setup_err says why). */
void hl_sim_sched_loop(hl_sim_run *S);

/* Frees the timers and the events that came too late to matter. After
 * the loop, once no thread but stuck pollers can still post. */
void hl_sim_sched_free(hl_sim_run *S);

#endif

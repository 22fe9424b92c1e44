/* hotline-sim run's checks and what it tells: every line counted as it is
 * sent and delivered, warnings and progress on stderr, the final figures
 * on stdout. */
#ifndef HL_SIM_REPORT_H
#define HL_SIM_REPORT_H

#include <stdint.h>

#include "sim_int.h"
#include "sim_stats.h"

/* Prints "hotline-sim: ", the message and a newline on stderr. Any
 * thread. */
void hl_sim_report_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Line `seq` of the direction `s` was sent; counts it once and notes the
 * activity (the drain waits for quiet). */
void hl_sim_report_sent(hl_sim_run *S, hl_sim_seq *s, uint32_t seq);

/* The line tagged `t` arrived in direction `dir` (HL_SIM_C2A or
 * HL_SIM_A2C) of `s`: counts it, samples its latency when it is a first
 * delivery, and warns (the first 20 times) when it is not new. */
void hl_sim_report_delivered(hl_sim_run *S, int dir, hl_sim_seq *s, const hl_sim_tag *t);

/* Prints one progress line on stderr: the run's state at `now`. */
void hl_sim_report_progress(hl_sim_run *S, int64_t now);

/* Takes the figures the report prints, as of now: the end of the drain,
 * before the clean-up ends what is open. */
void hl_sim_report_freeze(hl_sim_run *S);

/* Prints the figures taken by hl_sim_report_freeze (text, or one JSON
 * object with --json) on stdout. Returns 1 when a line acknowledged was
 * lost, or one was duplicated, reordered or misdelivered; else 0. */
int hl_sim_report_print(hl_sim_run *S);

#endif

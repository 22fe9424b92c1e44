/* hotline-sim run's customers: simulated visitors on the real WebSocket
 * chat, each a hl_sim_cust known by its index (its conversation number
 * less one). All of it runs on the loop thread. */
#ifndef HL_SIM_CUST_H
#define HL_SIM_CUST_H

#include <stddef.h>
#include <stdint.h>

#include "sim_int.h"
#include "sim_stats.h"

/* A customer arrives: a new index, a patience drawn from the arrivals'
 * stream, and a WebSocket that starts dialling. Out of memory it does not
 * arrive; a WebSocket that cannot open counts as an error. */
void hl_sim_cust_arrive(hl_sim_run *S);

/* What the customer `idx`'s WebSocket reported (HL_SIM_WS_UP, _LINE with
 * `line`, _TOOLONG, _DOWN): the customer answers it. */
void hl_sim_cust_on_ws(hl_sim_run *S, int idx, int what, const char *line);

/* A customer's timer (HL_SIM_T_CSEND, _PATIENCE or _CCLOSE) is due. */
void hl_sim_cust_on_timer(hl_sim_run *S, const hl_sim_timer *t);

/* Customer `idx`'s record of the lines in direction `dir` (HL_SIM_C2A or
 * HL_SIM_A2C), owned by the customer; NULL when there is no such
 * customer. */
hl_sim_seq *hl_sim_cust_seq(hl_sim_run *S, int idx, int dir);

/* The run is over: every customer waiting or chatting says "end", and
 * those not yet in the chat leave. */
void hl_sim_cust_end_all(hl_sim_run *S);

/* 1 when customer `idx` writes (and is answered) in Chinese: three in four
 * do, as on a floor in China; the rest write English. */
int hl_sim_cust_zh(int idx);

/* How many customers wait in a queue and how many are in a chat. */
void hl_sim_cust_count(hl_sim_run *S, size_t *queued, size_t *chatting);

/* Adds every customer's lines, as of now, to t[HL_SIM_C2A] and
 * t[HL_SIM_A2C]. */
void hl_sim_cust_tally(hl_sim_run *S, hl_sim_tally t[2]);

/* How many customers never got a connection up. */
uint64_t hl_sim_cust_never_up(hl_sim_run *S);

/* Closes every customer's WebSocket (waiting for its callbacks) and frees
 * the customers. */
void hl_sim_cust_free_all(hl_sim_run *S);

#endif

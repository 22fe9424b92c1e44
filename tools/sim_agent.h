/* hotline-sim run's agents: simulated agents on the real channel, each a
 * hl_sim_agent known by its index, with a poller thread for its events
 * and a shared pool of worker threads for its requests. */
#ifndef HL_SIM_AGENT_H
#define HL_SIM_AGENT_H

#include "sim_int.h"

/* Allocates S->o.agents agents and starts the worker pool. Returns 0, or
 * -1 after a warning when out of memory or no thread could start (then
 * nothing is left to free). */
int hl_sim_agent_init(hl_sim_run *S);

/* Names the agents PREFIX1..PREFIXn and queues each one's log-in; each
 * becomes available once logged in. Set-up is over when S->logins_left
 * and S->states_left are 0, or S->setup_err says why it failed. */
void hl_sim_agent_login_all(hl_sim_run *S);

/* Agent `idx`'s poller brought `rp` (a poll reply; the caller frees it):
 * offers, lines and contact states, each answered. */
void hl_sim_agent_on_events(hl_sim_run *S, int idx, Hotline__Reply *rp);

/* Request `a` came back from a worker: accounts for it, frees it and
 * starts its agent's next request. */
void hl_sim_agent_on_done(hl_sim_run *S, hl_sim_act *a);

/* Agent `idx`'s client reconnected: counted, and before the clean-up the
 * agent says again that it is available. */
void hl_sim_agent_on_reconnect(hl_sim_run *S, int idx);

/* An agent's timer (HL_SIM_T_ACCEPT, _REPLY, _WRAPUP or _IDLE) is due. */
void hl_sim_agent_on_timer(hl_sim_run *S, const hl_sim_timer *t);

/* The run is over: agents end the chats no simulated customer speaks in
 * (left over from an earlier run). */
void hl_sim_agent_end_orphans(hl_sim_run *S);

/* 1 while a request is pending or an agent still holds a chat, else 0. */
int hl_sim_agent_busy(hl_sim_run *S);

/* 1 while a poller thread has not yet seen S->stop_pollers, else 0. */
int hl_sim_agent_pollers_running(hl_sim_run *S);

/* Every agent that logged in goes offline and logs out. */
void hl_sim_agent_sign_off(hl_sim_run *S);

/* Stops the workers (each finishes the request in hand), joins the
 * pollers, closes the clients and frees the agents. A poller stuck on a
 * broker that went away is left running with its agent and client, which
 * then stay until exit: S must outlive the call. */
void hl_sim_agent_free(hl_sim_run *S);

#endif

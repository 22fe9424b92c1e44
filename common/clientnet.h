/* The desk's network threads: one long-polls the broker for events, one
 * carries out requests in order; both hand their results to the screen's
 * thread through an hl_evq, so the screen never waits on the
 * network (a broker restart shows as "reconnecting", never as a freeze). */
#ifndef HL_CLIENTNET_H
#define HL_CLIENTNET_H

#include <stdint.h>

#include "client.h"
#include "evqueue.h"

typedef struct hl_clientnet hl_clientnet;

/* Starts both threads on the logged-in client c, delivering into q.
 * Returns 0 and sets *out, or HL_E_NOMEM / HL_E_INTERNAL. */
int hl_clientnet_start(hl_clientnet **out, hl_client *c, hl_evq *q);

/* Queues a request: rq is packed at once, so it and its strings may go
 * away after the call. Requests run one at a time, in order; the reply
 * comes back as an HL_EVQ_REPLY item carrying tag, ref and a copy
 * of ctx (both may be NULL). Returns 0 or HL_E_NOMEM. */
int hl_clientnet_request(hl_clientnet *n, Hotline__Request *rq, int tag, const char *ref,
			 const char *ctx);

/* How long the request in hand has waited (ms of the monotonic clock
 * now_mono), 0 when none: a live broker answers in a millisecond. */
int64_t hl_clientnet_stalled_ms(hl_clientnet *n, int64_t now_mono);

/* Requests queued or in hand. */
unsigned hl_clientnet_backlog(hl_clientnet *n);

/* 1 while the event poll fails (the broker is unreachable). */
int hl_clientnet_poll_failing(hl_clientnet *n);

/* Stops delivering. When last is not NULL (a Logout), the worker sends
 * it after what is queued, and this waits up to wait_ms for it. The
 * threads are left to end with the process (the poll may be parked at
 * the broker for many seconds); the client must not be closed while
 * they may still use it. */
void hl_clientnet_stop(hl_clientnet *n, Hotline__Request *last, int wait_ms);

#endif

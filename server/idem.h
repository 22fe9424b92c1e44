/* Exactly once: a request that changes state, sent with an idempotency key,
 * runs once per key and user; its retries get the first answer. */
#ifndef HL_IDEM_H
#define HL_IDEM_H

#include <stddef.h>
#include <stdint.h>

#include "broker.h"
#include "requests.h"
#include "store_idem.h"

#define HL_IDEM_KEEP_MS (24LL * 3600 * 1000)  /* answers are kept this long */
#define HL_IDEM_WAITERS 4                      /* retries parked per request in flight */

typedef struct hl_idem hl_idem;

/* Creates the table of requests in flight. NULL when memory runs out. */
hl_idem *hl_idem_new(void);

/* Frees it; the parked requests belong to the network and close with it. */
void hl_idem_free(hl_idem *t);

/* Whether an answer with this Status is kept for retries. Answers that say
 * nothing was done and to try again (out of memory, busy, internal or
 * storage failure, timeout) are not: the retry runs. Pure. */
int hl_idem_keeps(int status);

/* The digest of a request's arguments: of `rq` packed without its id and
 * key, so every retry of one request has the same digest and another
 * request under the same key does not. Returns 0 or HL_E_NOMEM. Pure. */
int hl_idem_digest(const Hotline__Request *rq, uint8_t out[HL_IDEM_DIGEST]);

/* Whether a stored or in-flight request (`name`, `digest`) may answer a
 * retry that is request `d_name` with `digest2`. Returns 0, or HL_E_INVALID
 * with a sentence for a person in `err`. Pure. */
int hl_idem_match(const char *name, const uint8_t digest[HL_IDEM_DIGEST], const char *d_name,
		  const uint8_t digest2[HL_IDEM_DIGEST], char *err, size_t errcap);

/* Called by dispatch after the gate, before the handler. Returns 0: run the
 * handler (a keyed request is now in flight and its answer will be kept);
 * HL_DEFER: answered from the first try, or parked until the first try
 * answers (dispatch is done with it); or a negative code with c->err set. */
int hl_idem_begin(hl_call *c, const hl_request_desc *d, Hotline__Request *rq);

/* Called by hl_broker_reply with the reply about to leave for `req`: if
 * `req` is a keyed request in flight, stores the answer in this turn's
 * transaction and answers the retries parked on it. */
void hl_idem_finish(hl_broker *b, hl_net_req *req, const Hotline__Reply *rp);

/* Deletes answers older than HL_IDEM_KEEP_MS (at most once a minute). */
void hl_idem_sweep(hl_broker *b, int64_t now_ms);

#endif

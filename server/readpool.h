/* Off-loop reads: worker threads, each with its own read-only connection,
 * run long queries and post their results back to the domain loop. */
#ifndef HL_READPOOL_H
#define HL_READPOOL_H

#include <stdint.h>

#include "broker.h"
#include "store_user.h"

typedef struct hl_readpool hl_readpool;
typedef struct hl_read_job hl_read_job;

/* One read. A request's job embeds this as its first member, fills the
 * request's parts on the loop, and is cast back in its callbacks. */
struct hl_read_job {
	hl_read_job *next;   /* the pool's queue */
	/* On a worker, inside one read transaction on that worker's
	 * read-only connection `st`: fills the job's result. Touches nothing
	 * the loop owns (copy what it needs when the job is made). */
	void (*run)(hl_read_job *j, hl_store *st);
	/* On the loop, after run: sends the reply (hl_broker_reply consumes
	 * j->req) and frees the job. */
	void (*done)(hl_broker *b, hl_read_job *j);
	/* Frees a job that will not complete (the broker stops). It must not
	 * touch j->req: the network owns and frees it then. NULL: free(j). */
	void (*drop)(hl_read_job *j);
	hl_net_req *req;     /* the request being answered, or NULL */
	uint64_t id;         /* its id, echoed in the reply */
	int64_t session_id;  /* the login session that asked (its stored id), 0 none */
	char user[HL_NAME_MAX + 1];  /* its user */
};

/* Fills the request's parts of `j` from call `c`: its request, id and
 * login session (kept by id and user name, never as a pointer). */
void hl_read_job_from_call(hl_read_job *j, const hl_call *c);

/* Submits `j` for call `c` (having filled its request parts from `c`):
 * HL_DEFER when queued (the job's done answers later); otherwise the job
 * is dropped (its `drop`) and `c` answered now: THROTTLED with a retry
 * time in `rp` when the queue is full, CLOSED when the broker is stopping.
 * Returns what the request handler returns. */
int hl_readpool_submit_call(hl_call *c, Hotline__Reply *rp, hl_read_job *j);

/* The [broker] keys read_workers (threads, 1..16, default 2) and
 * read_queue (jobs waiting beyond those running, 1..100000, default 64). */
int hl_readpool_workers(void);
int hl_readpool_queue_max(void);

/* Opens `workers` read-only connections on the database at `path` and
 * starts a thread for each; finished jobs are posted to `loop` as items of
 * `kind`, whose handler calls hl_readpool_finish. At most `queue_max` jobs
 * wait. Returns 0, or a negative code (nothing left running). */
int hl_readpool_start(hl_readpool **out, hl_loop *loop, int kind, const char *path,
		      int workers, int queue_max);

/* Queues `j` (any thread; the loop in practice). Returns 0; HL_E_THROTTLED
 * when queue_max jobs already wait — the caller answers "busy, retry" and
 * keeps `j` — or HL_E_CLOSED after stop. Never blocks on a running read. */
int hl_readpool_submit(hl_readpool *p, hl_read_job *j);

/* On the loop, for an item the pool posted: the job's done, unless the
 * login session that asked has ended (logged out, expired, its user
 * disabled) while the read ran: then its result is dropped and the request
 * is answered "session". A session that moved to another connection
 * meanwhile has not ended. */
void hl_readpool_finish(hl_broker *b, hl_read_job *j);

/* Frees a finished job the loop will not handle (its queue is freed). */
void hl_readpool_drop(hl_read_job *j);

/* Stops the pool: running reads are interrupted and finish (their results
 * still posted), waiting jobs are dropped unrun, the threads joined and
 * the connections closed. NULL is ignored. Call before the loop and the
 * network are freed. */
void hl_readpool_stop(hl_readpool *p);

/* The module (module.h): owns read_workers and read_queue in [broker]. */
extern const hl_module hl_mod_readpool;

#endif

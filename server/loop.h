/* The domain loop: one thread, a queue fed by other threads, timers, and a
 * turn that ends in one commit. */
#ifndef HL_LOOP_H
#define HL_LOOP_H

#include <stdint.h>

typedef struct hl_loop hl_loop;

/* What the loop calls; all run on the loop's thread. `now_ms` is wall-clock
 * milliseconds read once per turn: domain code never reads the clock. */
typedef struct hl_loop_ops {
	/* One queued item. */
	void (*item)(void *arg, int kind, void *ptr, int64_t now_ms);
	/* Before the items of a turn (e.g. begin the transaction). */
	void (*turn_begin)(void *arg, int64_t now_ms);
	/* After them: fire due timers, commit, send replies. Returns the next
	 * deadline in wall-clock ms, or INT64_MAX for none. */
	int64_t (*turn_end)(void *arg, int64_t now_ms);
} hl_loop_ops;

/* Creates a loop; `ops` and `arg` must outlive it. */
int hl_loop_new(hl_loop **out, const hl_loop_ops *ops, void *arg);

/* Queues an item from any thread; the loop wakes. Returns 0 or HL_E_NOMEM. */
int hl_loop_post(hl_loop *l, int kind, void *ptr);

/* Runs turns until hl_loop_stop; returns then. Call on the loop thread. */
void hl_loop_run(hl_loop *l);

/* Asks the loop to return after its current turn; any thread. */
void hl_loop_stop(hl_loop *l);

/* Frees the loop; items still queued are passed to `drop` first. */
void hl_loop_free(hl_loop *l, void (*drop)(int kind, void *ptr));

#endif

/* The hand-off from the network threads to the screen's thread: a
 * mutex-protected FIFO of items and a self-pipe the screen's wait wakes
 * on. Any thread may push; one thread pops. */
#ifndef HL_EVQUEUE_H
#define HL_EVQUEUE_H

#include <pthread.h>
#include <stdint.h>

#include "hotline.pb-c.h"

enum {
	HL_EVQ_EVENTS,     /* rp->poll holds events; resync set */
	HL_EVQ_REPLY,      /* a request's answer: tag, ref, rc, rp (may be NULL) */
	HL_EVQ_POLL_ERROR, /* the event long-poll failed: rc, err */
};

typedef struct hl_evq_item {
	int kind;
	int tag;                 /* the requester's: what was asked */
	char ref[64];            /* the requester's: e.g. the contact */
	char *ctx;               /* the requester's text to keep (owned, may be NULL) */
	int rc;                  /* 0 or a negative HL_E code */
	int resync;
	char err[320];           /* what went wrong, for a person */
	Hotline__Reply *rp;      /* owned: free with hl_evq_item_free */
	struct hl_evq_item *next;
} hl_evq_item;

typedef struct hl_evq {
	pthread_mutex_t mu;
	hl_evq_item *head, *tail;
	int pipe[2];             /* [0] is waited on; [1] written, non-blocking */
	unsigned pending;
} hl_evq;

/* Sets up an empty queue and its pipe. Returns 0 or HL_E_IO. */
int hl_evq_init(hl_evq *q);

/* Frees what is left and closes the pipe. */
void hl_evq_free(hl_evq *q);

/* Appends it (taking ownership) and wakes the reader. */
void hl_evq_push(hl_evq *q, hl_evq_item *it);

/* Takes the oldest item, or NULL when empty; the caller frees it. Reading
 * also empties the pipe, so the next wait blocks until the next push. */
hl_evq_item *hl_evq_pop(hl_evq *q);

/* The descriptor to wait on for "readable". */
int hl_evq_fd(const hl_evq *q);

/* A zeroed item of kind, or NULL when memory runs out. */
hl_evq_item *hl_evq_item_new(int kind);

/* Frees an item with its reply and text. NULL is ignored. */
void hl_evq_item_free(hl_evq_item *it);

#endif

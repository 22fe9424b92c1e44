/* The request table: for each request, its name, the roles that may make it
 * and its handler. The broker checks it for every request. */
#ifndef HL_REQUESTS_H
#define HL_REQUESTS_H

#include "broker.h"

/* What running a request twice would do. Every entry says which: an entry
 * that says nothing is treated as HL_REQ_ONCE, and test_idem fails on it. */
enum {
	HL_REQ_AGAIN = 1,  /* no lasting change (reads), or harmless to repeat (typing) */
	HL_REQ_ONCE = 2,   /* changes lasting state: runs once per idempotency key */
};

typedef int (*hl_request_fn)(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp);

typedef struct hl_request_desc {
	int body_case;       /* HOTLINE__REQUEST__BODY_* */
	const char *name;    /* as hotline-ctl spells it: "user add" */
	unsigned roles;      /* HL_ROLE_BIT mask of who may; 0 with needs_login=0: anyone */
	int needs_login;
	int effect;          /* HL_REQ_AGAIN or HL_REQ_ONCE */
	hl_request_fn fn;
} hl_request_desc;

/* Returns the descriptor for a request body, or NULL if unknown. */
const hl_request_desc *hl_requests_find(int body_case);

/* Returns 1 if `role` may make the request, else 0. */
int hl_requests_may(const hl_request_desc *d, int role);

/* Calls `fn` for every descriptor (tests and docs list the table). */
void hl_requests_each(void (*fn)(const hl_request_desc *d, void *arg), void *arg);

#endif

/* The request table: for each request, its name, the roles that may make it,
 * how far each role reaches (scope) and its handler. Each module lists its
 * own requests (module.h); the table is their join, and the broker checks
 * it for every request. */
#ifndef HL_REQUESTS_H
#define HL_REQUESTS_H

#include <stddef.h>

#include "broker.h"
#include "role.h"

/* What running a request twice would do. Every entry says which: an entry
 * that says nothing is treated as HL_REQ_ONCE, and test_idem fails on it. */
enum {
	HL_REQ_AGAIN = 1,  /* no lasting change (reads), or harmless to repeat (typing) */
	HL_REQ_ONCE = 2,   /* changes lasting state: runs once per idempotency key */
};

/* How far a caller reaches with a request that concerns one user (its
 * target): anyone, the caller's own team, or only the caller. */
enum {
	HL_SCOPE_ALL = 0,  /* the default: no limit beyond the roles */
	HL_SCOPE_TEAM = 1, /* the caller, or a user of the caller's (non-empty) team */
	HL_SCOPE_OWN = 2,  /* the caller alone */
};

/* Role sets the modules' tables share. */
#define HL_ROLES_ADMIN HL_ROLE_BIT(HOTLINE__ROLE__ADMIN)
#define HL_ROLES_AGENTS (HL_ROLE_BIT(HOTLINE__ROLE__AGENT) |                 \
			 HL_ROLE_BIT(HOTLINE__ROLE__TEAM_LEAD) |             \
			 HL_ROLE_BIT(HOTLINE__ROLE__SUPERVISOR))
#define HL_ROLES_STAFF (HL_ROLES_AGENTS | HL_ROLE_BIT(HOTLINE__ROLE__QA) | HL_ROLES_ADMIN)
/* Those who look after people: they see who is on the floor. */
#define HL_ROLES_LEADS (HL_ROLES_ADMIN | HL_ROLE_BIT(HOTLINE__ROLE__SUPERVISOR) | \
			HL_ROLE_BIT(HOTLINE__ROLE__TEAM_LEAD))

typedef int (*hl_request_fn)(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp);

/* Writes the name of the user request `rq` concerns into `name` (cap
 * bytes) and returns 1, or returns 0 when it concerns none (the scope
 * check then passes). May read the store. */
typedef int (*hl_request_target_fn)(hl_call *c, const Hotline__Request *rq, char *name,
				    size_t cap);

typedef struct hl_request_desc {
	int body_case;       /* HOTLINE__REQUEST__BODY_* */
	const char *name;    /* as hotline-ctl spells it: "user add" */
	unsigned roles;      /* HL_ROLE_BIT mask of who may; 0 with needs_login=0: anyone */
	int needs_login;
	int effect;          /* HL_REQ_AGAIN or HL_REQ_ONCE */
	hl_request_fn fn;
	/* Scope, checked in dispatch before the handler: the user `target`
	 * names must be within the caller's reach. A role's reach is `scope`,
	 * widened to its team for roles in `scope_team` and to everyone for
	 * roles in `scope_all`. No `target`: no check. */
	int scope;
	unsigned scope_team;
	unsigned scope_all;
	hl_request_target_fn target;
	const char *scope_denied;  /* the text for a person when out of reach, or NULL */
} hl_request_desc;

/* Returns the descriptor for a request body, or NULL if unknown. O(1). */
const hl_request_desc *hl_requests_find(int body_case);

/* Returns 1 if `role` may make the request, else 0. */
int hl_requests_may(const hl_request_desc *d, int role);

/* How far `role` reaches with the request: HL_SCOPE_*. */
int hl_requests_reach(const hl_request_desc *d, int role);

/* Returns 1 if a caller `caller` of `role` in team `caller_team` may make
 * the request about user `target` of team `target_team` (NULL or "":
 * none, or unknown), else 0. Pure. */
int hl_requests_in_scope(const hl_request_desc *d, int role, const char *caller,
			 const char *caller_team, const char *target, const char *target_team);

/* Calls `fn` for every descriptor, module by module (tests and docs list
 * the table). */
void hl_requests_each(void (*fn)(const hl_request_desc *d, void *arg), void *arg);

/* Checks the joined table: each body case in range and listed once.
 * Returns 0, or HL_E_INTERNAL with the clash logged. */
int hl_requests_check(void);

#endif

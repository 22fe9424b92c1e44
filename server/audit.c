/* The audit log as the broker writes and shows it: every append goes
 * through hl_broker_audit, every read through this request. */
#include "audit.h"

#include "log.h"

#include <stdio.h>
#include <string.h>

#include "error.h"
#include "store_audit.h"
#include "module.h"

#define DEFAULT_LIMIT 100
#define MAX_LIMIT 2000  /* keeps a reply well under the frame limit */

struct collect {
	hl_arena *a;
	Hotline__AuditEntry **v;
	size_t n, cap;
};

static int collect(const hl_audit_entry *e, void *arg)
{
	struct collect *c = arg;
	Hotline__AuditEntry *pe;

	if (hl_arena_grow(c->a, &c->v, &c->cap, c->n, sizeof *c->v, 64) < 0)
		return 1;
	if (!(pe = hl_arena_alloc(c->a, sizeof *pe)))
		return 1;
	hotline__audit_entry__init(pe);
	pe->id = (uint64_t)e->id;
	pe->time_ms = e->time_ms;
	pe->actor = hl_arena_strdup(c->a, e->actor);
	pe->action = hl_arena_strdup(c->a, e->action);
	pe->target = hl_arena_strdup(c->a, e->target);
	pe->detail = hl_arena_strdup(c->a, e->detail);
	pe->result = hl_arena_strdup(c->a, e->result);
	pe->hash.data = hl_arena_alloc(c->a, HL_AUDIT_HASHLEN);
	if (pe->hash.data) {
		memcpy(pe->hash.data, e->hash, HL_AUDIT_HASHLEN);
		pe->hash.len = HL_AUDIT_HASHLEN;
	}
	c->v[c->n++] = pe;
	return 0;
}

int hl_audit_list(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp)
{
	const Hotline__AuditList *al = rq->audit_list;
	struct collect col = {.a = c->arena};
	Hotline__AuditListReply *r;
	hl_audit_check chk;

	if (!(r = hl_arena_alloc(c->arena, sizeof *r)))
		return HL_E_NOMEM;
	hotline__audit_list_reply__init(r);
	if (al->limit > MAX_LIMIT)
		return hl_call_fail(c, HL_E_INVALID, "at most %d entries at a time", MAX_LIMIT);
	if (hl_store_audit_each(c->b->st, al->limit ? al->limit : DEFAULT_LIMIT, collect, &col) < 0)
		return hl_call_fail(c, HL_E_IO, "could not read the audit log");
	r->entries = col.v;
	r->n_entries = col.n;
	if (al->verify) {
		if (hl_store_audit_verify(c->b->st, &c->b->audit_key, &chk) < 0)
			return hl_call_fail(c, HL_E_IO, "could not read the audit log");
		r->verified = 1;
		r->intact = chk.intact != 0;
		r->first_bad_id = (uint64_t)chk.first_bad;
		r->problem = hl_arena_strdup(c->arena, chk.problem);
		r->total = (uint64_t)chk.total;
		if (!chk.intact)
			hl_log(HL_LOG_ERROR, "AUDIT LOG TAMPERED: %s", chk.problem);
	}
	rp->body_case = HOTLINE__REPLY__BODY_AUDIT;
	rp->audit = r;
	return 0;
}

/* --- the module --- */

static const hl_request_desc requests[] = {
	{.body_case = HOTLINE__REQUEST__BODY_AUDIT_LIST, .name = "audit list",
	 .roles = HL_ROLES_ADMIN, .needs_login = 1, .effect = HL_REQ_AGAIN, .fn = hl_audit_list},
};

const hl_module hl_mod_audit = {
	.name = "audit",
	.requests = requests,
	.n_requests = sizeof requests / sizeof requests[0],
};

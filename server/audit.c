/* The audit log as the broker writes and shows it: every append goes
 * through hl_broker_audit, every read through this request, which runs on
 * the read pool (readpool.h). */
#include "audit.h"

#include "log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "error.h"
#include "store_audit.h"
#include "module.h"
#include "readpool.h"

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

/* One `audit list` on the read pool: the whole log may be walked, which
 * must not hold up the loop. */
struct audit_job {
	hl_read_job base;
	unsigned limit;
	int verify;
	hl_audit_key key;      /* the chain's key and witness when asked */
	hl_arena arena;        /* the reply's parts */
	Hotline__AuditListReply *r;
	int rc;
	char err[64];
	char tampered[160];    /* the problem to log, when the chain is broken */
};

static void job_free(hl_read_job *base)
{
	struct audit_job *j = (struct audit_job *)base;

	hl_arena_free(&j->arena);
	sodium_memzero(&j->key, sizeof j->key);
	free(j);
}

static int read_log(struct audit_job *j, hl_store *st)
{
	struct collect col = {.a = &j->arena};
	Hotline__AuditListReply *r;
	hl_audit_check chk;

	if (!(r = hl_arena_alloc(&j->arena, sizeof *r)))
		return HL_E_NOMEM;
	hotline__audit_list_reply__init(r);
	if (hl_store_audit_each(st, j->limit ? j->limit : DEFAULT_LIMIT, collect, &col) < 0)
		return HL_E_IO;
	r->entries = col.v;
	r->n_entries = col.n;
	if (j->verify) {
		if (hl_store_audit_verify(st, &j->key, &chk) < 0)
			return HL_E_IO;
		r->verified = 1;
		r->intact = chk.intact != 0;
		r->first_bad_id = (uint64_t)chk.first_bad;
		r->problem = hl_arena_strdup(&j->arena, chk.problem);
		r->total = (uint64_t)chk.total;
		if (!chk.intact)
			snprintf(j->tampered, sizeof j->tampered, "%s", chk.problem);
	}
	j->r = r;
	return 0;
}

/* On a read worker. */
static void job_run(hl_read_job *base, hl_store *st)
{
	struct audit_job *j = (struct audit_job *)base;

	j->rc = read_log(j, st);
	if (j->rc == HL_E_IO)
		snprintf(j->err, sizeof j->err, "could not read the audit log");
}

/* On the loop. */
static void job_done(hl_broker *b, hl_read_job *base)
{
	struct audit_job *j = (struct audit_job *)base;
	Hotline__Reply rp = HOTLINE__REPLY__INIT;

	if (j->tampered[0])
		hl_log(HL_LOG_ERROR, "AUDIT LOG TAMPERED: %s", j->tampered);
	if (j->rc == 0) {
		rp.body_case = HOTLINE__REPLY__BODY_AUDIT;
		rp.audit = j->r;
	}
	hl_broker_reply(b, base->req, base->id, j->rc,
			j->rc < 0 ? (j->err[0] ? j->err : hl_strerror(j->rc)) : NULL, &rp);
	job_free(base);
}

int hl_audit_list(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp)
{
	const Hotline__AuditList *al = rq->audit_list;
	struct audit_job *j;

	if (al->limit > MAX_LIMIT)
		return hl_call_fail(c, HL_E_INVALID, "at most %d entries at a time", MAX_LIMIT);
	if (!(j = calloc(1, sizeof *j)))
		return HL_E_NOMEM;
	hl_arena_init(&j->arena);
	j->base.run = job_run;
	j->base.done = job_done;
	j->base.drop = job_free;
	j->limit = al->limit;
	j->verify = al->verify;
	/* The witness as committed now: the worker's snapshot, taken later,
	 * holds at least that entry. */
	j->key = c->b->audit_key;
	return hl_readpool_submit_call(c, rp, &j->base);
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

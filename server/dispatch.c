/* Dispatch: every request passes the same gate — it must parse, be known,
 * come from a logged-in session if it needs one, be allowed for the
 * caller's role, and not be a retry of a change already made — before its
 * handler runs. */
#include "dispatch.h"

#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "error.h"
#include "idem.h"
#include "requests.h"
#include "role.h"
#include "session.h"
#include "store_user.h"

int hl_call_fail(hl_call *c, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->err, sizeof c->err, fmt, ap);
	va_end(ap);
	return code;
}

/* The request's scope: the user it concerns must be within the caller's
 * reach (requests.h). The one place such a rule is checked. */
static int scope_check(hl_call *c, const hl_request_desc *d, const Hotline__Request *rq)
{
	const hl_user *me = &c->sess->user;
	char target[HL_NAME_MAX + 1];
	hl_user them;
	const char *team = NULL;
	char who[96];

	if (!d->target || !d->target(c, rq, target, sizeof target))
		return 0;
	/* A team's reach needs the target's team; the others need no read. */
	if (hl_requests_reach(d, me->role) == HL_SCOPE_TEAM && strcmp(target, me->name) != 0 &&
	    hl_store_user_get(c->b->st, target, &them) == 0)
		team = them.team;
	if (hl_requests_in_scope(d, me->role, me->name, me->team, target, team))
		return 0;
	hl_broker_audit(c->b, me->name, "denied", d->name, target, "denied");
	hl_log(HL_LOG_WARN, "denied '%s' on %s to %s (%s)", d->name, target, me->name,
	       hl_role_name(me->role));
	if (d->scope_denied)
		return hl_call_fail(c, HL_E_PERM, "%s", d->scope_denied);
	return hl_call_fail(c, HL_E_PERM, "permission denied: the %s role may use '%s' only on "
			    "%s; on others it needs the %s role", hl_role_name(me->role), d->name,
			    hl_requests_reach(d, me->role) == HL_SCOPE_TEAM ? "your team" : "yourself",
			    hl_role_mask_names(d->scope_all, who, sizeof who));
}

void hl_dispatch(hl_broker *b, hl_net_req *req)
{
	hl_arena arena;
	hl_call c = {.b = b, .req = req, .now_ms = b->now_ms};
	Hotline__Reply rp = HOTLINE__REPLY__INIT;
	Hotline__Request *rq;
	const hl_request_desc *d;
	int rc;

	hl_arena_init(&arena);
	c.arena = &arena;
	rq = hotline__request__unpack(&arena.pb, req->len, req->data);
	if (!rq) {
		rc = hl_call_fail(&c, HL_E_MALFORMED, "the request does not parse; is the client "
				  "the same version as the broker?");
		goto bad;
	}
	c.id = rq->id;
	if (!(d = hl_requests_find(rq->body_case))) {
		rc = hl_call_fail(&c, HL_E_MALFORMED, "unknown request %d; upgrade the broker",
				  (int)rq->body_case);
		goto bad;
	}
	c.sess = hl_sessions_by_chan(b, req->sid);
	if (d->needs_login && !c.sess) {
		rc = hl_call_fail(&c, HL_E_AUTH, "log in first");
		goto bad;
	}
	if (c.sess && !hl_requests_may(d, c.sess->user.role)) {
		char detail[96];
		snprintf(detail, sizeof detail, "role %s from %s", hl_role_name(c.sess->user.role),
			 req->peer);
		hl_broker_audit(b, c.sess->user.name, "denied", d->name, detail, "denied");
		hl_log(HL_LOG_WARN, "denied '%s' to %s (%s)", d->name,
			c.sess->user.name, hl_role_name(c.sess->user.role));
		/* Name the roles that may, so the person knows whom to ask. */
		char who[96];
		rc = hl_call_fail(&c, HL_E_PERM, "permission denied: the %s role may not use "
				  "'%s'; it needs the %s role", hl_role_name(c.sess->user.role),
				  d->name, hl_role_mask_names(d->roles, who, sizeof who));
		goto bad;
	}
	if (c.sess && (rc = scope_check(&c, d, rq)) < 0)
		goto bad;
	if (c.sess)
		hl_session_touch(b, c.sess);
	/* A retry of a keyed change gets the first answer instead of a run. */
	rc = hl_idem_begin(&c, d, rq);
	if (rc == 0)
		rc = d->fn(&c, rq, &rp);
	if (rc == HL_DEFER) {
		hl_arena_free(&arena);
		return;
	}
	if (rc < 0 && !c.err[0])
		snprintf(c.err, sizeof c.err, "%s", hl_strerror(rc));
bad:
	hl_broker_reply(b, req, c.id, rc, c.err[0] ? c.err : NULL, &rp);
	hl_arena_free(&arena);
}
